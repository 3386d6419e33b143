"""Leads that are not of the kind a question asks, though its question word lets them be.

The question word alone lets many values lead: "What was the approved budget for the
Sustainability Expo?" asks "what" and was answered by a project's name; "Which governor
opened ...?" by the project opened; "Who signed the MOU ... for the Department?" by the
two bodies that signed (a body signs through a person); "ลงทะเบียน ... มากกว่าหรือน้อยกว่า
20 ล้านคน" by "น.ส.ทิพานัน กล่าวว่า", a speaker's attribution.  Each is a non-answer
under a real citation.  :func:`wrong_lead_kind` tells the refusal for such a lead from
what the question's words ask for; the answerer refuses (or finds no other lead).

Pure functions over the question and the lead.
"""

from __future__ import annotations

import re

from bot.answering.candidates import opens_with_name, person_at, person_name
from knowledge.thai import MONTHS_FULL, MONTHS_SHORT

__all__ = ["MEASURE_BEFORE", "asked_lead_kind", "measure_bound", "wrong_lead_kind"]

_NUMERIC = frozenset({"money", "count", "percent", "level", "number"})

#: "Which governor/minister/official ...": a person asked by a post.
_WHICH_POST_EN = re.compile(
    r"\bwhich\s+(?:\w+\s+)?(?:governor|minister|official|officer|secretary|chief|director|"
    r"president|chair(?:man|person|woman)?|mayor|spokes(?:man|woman|person)|ambassador|"
    r"commander|head|leader|person|deputy|permanent\s+secretary|prime\s+minister|"
    r"council+or|representative|inspector|commissioner|envoy|rector|abbot)\b", re.I)
_WHICH_POST_TH = re.compile(r"(?:ผู้ว่า|รัฐมนตรี|อธิบดี|ปลัด|นายอำเภอ|โฆษก|เลขาธิการ|ประธาน|"
                            r"นายก)\S{0,30}?(?:คน|ท่าน)(?:ใด|ไหน)")
#: "Who signed ...", "ใคร ... ลงนาม": a signatory is a person (bodies sign through one).
_WHO_SIGNED = re.compile(r"\bwho\s+(?:\w+\s+)?signed\b|ใคร\S*\s*\S{0,20}ลงนาม|ลงนาม\S{0,40}ใคร",
                         re.I)
#: "ใครเป็นผู้เปิดงาน ...", "ใครกล่าวเปิด ...", "ใครเป็นผู้มอบ ...": the act the asked
#: person did, right after "ใคร" (and "เป็นผู้"); the person who did it is named before
#: the act's verb in the text (:func:`person_fits`).
_WHO_ACTED = re.compile(r"^\W*ใคร\s*(?:เป็น\s*)?(?:ผู้)?\s*(?:ได้\s*)?(?P<verb>กล่าวเปิด|เปิด|ปิด|"
                        r"ปาฐกถา|บรรยาย|ตรวจเยี่ยม|ลงพื้นที่|แถลง)")
#: Characters after a person's name within which the act's verb tells they did it.
ACTED_AFTER = 120
#: A titled name between the person and the act's verb: the verb is that one's.
_ANOTHER_TITLED = re.compile(r"(?:^|\s)(?:นาย(?!ก|อำเภอ)|นาง|ดร\.|พล\.|พลเอก|พลตำรวจ|นายแพทย์)")
#: An amount asked with "what" ("What was the approved budget ...?", "งบประมาณคืออะไร").
_AMOUNT_WORD = re.compile(r"\b(?:budget|cost|amount|funding|spent|spending)\b|งบประมาณ|วงเงิน|"
                          r"ค่าใช้จ่าย", re.I)
_ASKS_WHAT = re.compile(r"^\s*what\b|\bhow\s+much\b|อะไร|เท่าไร|เท่าไหร่|เท่าใด", re.I)
#: "มากกว่าหรือน้อยกว่า 20 ล้านคน", "more or less than 20 million": a comparison with a
#: stated figure is answered by the figure compared.
_COMPARES = re.compile(r"มากกว่า\s*หรือ\s*น้อยกว่า|น้อยกว่า\s*หรือ\s*มากกว่า|เกิน\s*หรือ\s*ไม่|"
                       r"\bmore\s+or\s+(?:less|fewer)\s+than\b|\b(?:above|over)\s+or\s+below\b",
                       re.I)
#: A rate asked with "what" ("What was the absorption rate ...?", "อัตราการดูดซับเท่าไร"):
#: answered by a figure, never by the body that reported it.
_RATE_WORD = re.compile(r"\b(?:rate|percentage|ratio|proportion)\b|อัตรา|สัดส่วน", re.I)
#: A clock time as the whole lead ("09.30 น.", "เวลา 10.00 น."): no count, amount or
#: percentage ("7.86 แสนล้านบาท" is an amount: minutes run to 59 and nothing follows).
_CLOCK = re.compile(r"^(?:เวลา\s*)?(?:[01]?\d|2[0-3])[.:][0-5]\d\s*(?:น\.?|นาฬิกา)?$")
#: A question asking a clock time ("กี่โมง", "เวลาเท่าไร", "at what time").
_ASKS_TIME = re.compile(r"กี่โมง|เวลา\s*(?:ใด|ไหน|อะไร|เท่าไร|เท่าไหร่)|\bwhat\s+time\b|\bwhen\b",
                        re.I)
#: The number and unit a count leads with ("6 รอบ" of "6 รอบ พร้อมดำเนิน").
_COUNT_LEAD = re.compile(r"^(?P<n>\d[\d,]*(?:\.\d+)?)\s*(?P<u>[\u0e01-\u0e4e]+)")
#: A person who hands the act to another ("นายสมชาย … ผู้ว่าราชการจังหวัด มอบหมายให้ นายสมศักดิ์
#: … เป็นประธานเปิด"): the one who opened is the other, not the lead.
_DELEGATES = re.compile(r"^[\s,)]*(?:ได้|จึง|จึงได้)?มอบหมาย")
#: Who did an act ("Which governor opened …", "Who opened …", "ผู้ว่าฯ คนใดเปิด"), not
#: who held a post ("อธิบดี … ชื่ออะไร", "Who was the director-general …").
_ASKS_AN_ACT = re.compile(
    r"\bwhich\s+(?:[\w'’-]+\s+){0,4}?\w+\s+(?!did\b|does\b|is\b|was\b|were\b|are\b|has\b|had\b)"
    r"\w+ed\b|\bwho\s+(?!is\b|was\b|were\b|are\b|has\b|had\b)\w+ed\b|คน(?:ใด|ไหน)\s*(?:เป็น)?"
    r"(?:ประธาน)?(?:เปิด|ลงนาม|มอบ|ตรวจ|เยี่ยม|ต้อนรับ)", re.I)
_ASKS_DELEGATION = re.compile(r"มอบหมาย|\b(?:assign|delegat|appoint|instruct|order)\w*", re.I)
#: A measure asked by its name ("แผ่นดินไหว ... มีขนาดเท่าไร", "What was the magnitude ...",
#: "ลึกกี่กิโลเมตร"): a number answers it, not the hour the text gives beside it ("00.17 น."),
#: a date, nor the official who reported it.
_MEASURE = re.compile(r"(?:ขนาด|แมกนิจูด|ริกเตอร์|ความลึก|ความสูง|ความยาว|ความกว้าง|น้ำหนัก)"
                      r"\S{0,12}?(?:เท่า(?:ไร|ไหร่|ใด)|กี่)|\bmagnitude\b|\bhow\s+(?:deep|tall|wide|heavy)\b",
                      re.I)
#: A clock time or a date written as the lead: "00.17 น.", "เวลา 10.30 น.", "29 มิถุนายน 2566",
#: "29 June 2023".
_TIME_OR_DATE = re.compile(r"\d{1,2}[.:]\d{2}\s*(?:น\.|นาฬิกา)|^\s*เวลา|"
                    rf"(?:{'|'.join(re.escape(m) for m in (*MONTHS_FULL, *MONTHS_SHORT))})|"
                    r"\b(?:january|february|march|april|may|june|july|august|september|"
                    r"october|november|december)\b", re.I)
#: The measures asked (question words, Thai or English) and the words a text writes each with.
_MEASURES: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = tuple(
    (re.compile(q, re.I), re.compile(t, re.I)) for q, t in (
        (r"ขนาด|แมกนิจูด|ริกเตอร์|\bmagnitude\b", r"ขนาด|แมกนิจูด|ริกเตอร์|magnitude"),
        (r"ความลึก|ลึก|\bhow\s+deep\b|\bdepth\b", r"ลึก|depth"),
        (r"ความสูง|\bhow\s+tall\b|\bheight\b", r"สูง|height"),
        (r"ความยาว|\blength\b", r"ยาว|length"),
        (r"ความกว้าง|\bhow\s+wide\b|\bwidth\b", r"กว้าง|width"),
        (r"น้ำหนัก|\bhow\s+heavy\b|\bweight\b", r"หนัก|weight")))
#: Characters before a value its measure's word stands within ("ขนาด 4.5", "ความลึก 5 กม.").
MEASURE_BEFORE = 16


def measure_bound(question: str, text: str, start: int) -> bool:
    """Whether the value at ``text[start]`` is written after the measure ``question`` asks.

    "แผ่นดินไหว ... มีขนาดเท่าไร" of "ขนาด 4.5 ความลึก 5 กิโลเมตร": "4.5" (after "ขนาด"),
    not the depth.  True when the question asks no measure (or several).
    """
    asked = [t for q, t in _MEASURES if q.search(question)]
    if len(asked) != 1 or asked_lead_kind(question) != "measure":
        return True
    return asked[0].search(text, max(0, start - MEASURE_BEFORE), start) is not None


#: A speaker's attribution ("น.ส.ทิพานัน กล่าวว่า"): who said what follows, no answer.
_ATTRIBUTION = re.compile(r"(?:กล่าว|เปิดเผย|ระบุ|เผย|ชี้แจง|ย้ำ|แถลง)(?:ว่า)?\s*[:：]?\s*$")


def asked_lead_kind(question: str) -> str | None:
    """The kind of lead ``question``'s words ask for beyond its question word, or None.

    ``"person"`` (a post asked with "which", a signatory, the doer of an act asked with
    "ใคร"), ``"amount"`` (a budget asked with "what"), ``"number"`` (a comparison with a
    stated figure, a rate asked with "what"), ``"measure"`` (a magnitude, a depth, a size
    asked by its name).
    """
    if _WHICH_POST_EN.search(question) or _WHICH_POST_TH.search(question) \
            or _WHO_SIGNED.search(question) or _WHO_ACTED.search(question):
        return "person"
    if _COMPARES.search(question):
        return "number"
    if _AMOUNT_WORD.search(question) and _ASKS_WHAT.search(question):
        return "amount"
    if _MEASURE.search(question):
        return "measure"
    if _RATE_WORD.search(question) and _ASKS_WHAT.search(question):
        return "number"
    return None


def _named_in_question(question: str, lead: str) -> bool:
    """Whether the person ``lead`` opens with is one ``question`` names itself.

    "Which MP's debate did Anutin answer ...?" is never answered by "นายอนุทิน ชาญวีรกูล":
    a question does not ask for the person it names.  The given name (three letters or
    more) is looked for in the question as asked and in its Thai form.
    """
    name = person_name(lead)
    given = name.split()[0] if name else ""
    if len(given) < 3:
        return False
    if given.isascii():
        return re.search(rf"\b{re.escape(given)}\b", question, re.I) is not None
    return given in question


def _other_rank(question: str, lead: str, after: str) -> bool:
    """Whether the person ``lead`` opens with holds the deputy of the post asked, or the reverse.

    "Which Sakon Nakhon deputy governor ...?" (รองผู้ว่าราชการจังหวัดสกลนคร) is not answered
    by the governor, nor "Who is the UNHCR representative ...?" (ผู้แทน) by the deputy
    representative (รองผู้แทน).  ``after``: the text right after the lead.  The post is the
    word after the name; ``question``: as asked and its Thai form.
    """
    at = person_at(lead, 0)
    if at is None:
        return False
    words = [w for w in (w.strip("()[],") for w in f"{lead[at[1]:]} {after}".split()) if w]
    post = words[0] if words else ""
    if len(post) < 4 or not re.match(r"[\u0e01-\u0e4e]", post):
        return False
    if post.startswith("รอง"):
        return post[3:] in question and post not in question
    found = [m.start() for m in re.finditer(re.escape(post), question)]
    return bool(found) and all(question[max(0, i - 3):i] == "รอง" for i in found)


def _stated_in_question(question: str, lead: str) -> bool:
    """Whether the count ``lead`` opens with ("6 รอบ") is written in ``question``'s Thai form."""
    m = _COUNT_LEAD.match(lead)
    return m is not None and re.search(
        rf"(?<![\d,.]){re.escape(m.group('n'))}\s*{re.escape(m.group('u'))}", question) is not None


def wrong_lead_kind(question: str, qtype: str, ctype: str, span: str,
                    after: str = "") -> str | None:
    """The refusal for a lead ``span`` (candidate type ``ctype``) of another kind, or None.

    ``question``: as asked (English or Thai); ``qtype``: its question type; ``after``:
    the text after the lead (where a person's post is written).  A speaker's attribution
    leads no answer but a "who" one's (whose lead is the name itself); a person the
    question names, or one of the deputy's rank of the post asked or the other way round,
    is not the person asked; a clock time or a count the question states is no number;
    a measure asked is led by a number, not a clock time, a date or a person.
    Returns one of the answerer's refusals ("no person", "no amount", "no number").
    """
    lead = " ".join(span.split())
    if qtype != "person" and _ATTRIBUTION.search(lead):
        return "no number" if _COMPARES.search(question) else "no answer"
    if (qtype == "person" or ctype == "person") and (
            _named_in_question(question, lead)
            # (a post's deputy is who a question asking whom the post assigned wants)
            or (_other_rank(question, lead, after) and not _ASKS_DELEGATION.search(question))
            or (_DELEGATES.match(after) and _ASKS_AN_ACT.search(question)
                and not _ASKS_DELEGATION.search(question))):
        return "no person"
    if qtype in _NUMERIC and _CLOCK.match(lead) and not _ASKS_TIME.search(question):
        # "How many entries were sent ...?" led by "09:30", the opening's time.
        return "no number"
    if qtype == "count" and _stated_in_question(question, lead):
        # "How many water sources ... for the sixth-cycle birthday": "6 รอบ" is the
        # question's own number, not its answer.
        return "no number"
    kind = asked_lead_kind(question)
    if kind == "person":
        person = ctype == "person" or opens_with_name(lead, "person")
        if not person and ctype == "org" and not (
                _WHICH_POST_EN.search(question) or _WHICH_POST_TH.search(question)
                or _WHO_SIGNED.search(question)):
            return None  # a body may open or address ("ใครเป็นผู้เปิดงาน": the one named)
        return None if person else "no person"
    if kind == "amount" and qtype in ("what", "count"):
        money = ctype == "money" or "บาท" in lead or re.search(r"\bbaht\b", lead, re.I)
        return None if money else "no amount"
    if kind == "number":
        return None if ctype in _NUMERIC or re.search(r"[\d๐-๙]", lead) else "no number"
    if kind == "measure":
        numeric = ctype not in ("date", "person") and re.search(r"[\d๐-๙]", lead) is not None
        return None if numeric and not _TIME_OR_DATE.search(lead) else "no number"
    return None


#: Posts a "which <post>" question names, in the Thai its rendering writes.
_POSTS_TH = ("ผู้ว่าราชการจังหวัด", "ผู้ว่าฯ", "รองผู้ว่าราชการจังหวัด", "รัฐมนตรี", "อธิบดี",
             "ปลัด", "นายอำเภอ", "โฆษก", "เลขาธิการ", "ประธาน", "นายกรัฐมนตรี", "ผู้อำนวยการ",
             "องคมนตรี", "ผู้แทน", "ผู้ตรวจราชการ", "อธิการบดี", "เจ้าอาวาส")
#: Characters after a person's name within which the post written with them stands.
POST_AFTER = 40
#: Characters after a person's name within which "ลงนาม" tells they signed.
SIGNED_AFTER = 300


def person_fits(question: str, text: str, start: int, end: int) -> bool:
    """Whether the titled name ``text[start:end]`` is the person ``question`` asks for.

    ``question``: as asked and its Thai form.  A signatory ("who signed") is named
    before "ลงนาม" (within :data:`SIGNED_AFTER` characters); a post asked ("which
    governor", "ผู้ว่าฯ คนใด") is written right after the name (within
    :data:`POST_AFTER`); the doer of an act ("ใครเป็นผู้เปิดงาน") is named before its
    verb (within :data:`ACTED_AFTER`, no other titled person between).  False for other
    questions and for a span that is no titled name.
    """
    if not opens_with_name(text[start:end], "person"):
        return False
    if _WHO_SIGNED.search(question):
        return "ลงนาม" in text[end:end + SIGNED_AFTER]
    acted = _WHO_ACTED.search(question)  # (the question as asked: its first line)
    if acted is not None:
        # "ใครเป็นผู้เปิดงาน": the verb within ACTED_AFTER characters after the name,
        # no other titled person named between (the verb would be theirs).
        # ("เปิดเผย" discloses: no opening.)
        verb = re.compile(re.escape(acted.group("verb")) + r"(?!เผย)")
        m = verb.search(text, end, end + ACTED_AFTER)
        return m is not None and not _ANOTHER_TITLED.search(text, end, m.start())
    if not (_WHICH_POST_EN.search(question) or _WHICH_POST_TH.search(question)):
        return False
    after = text[start:end + POST_AFTER]  # (a titled name's span may hold its post)
    return any(post in question and post in after for post in _POSTS_TH)
