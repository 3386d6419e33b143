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

from bot.answering.candidates import opens_with_name
from knowledge.thai import MONTHS_FULL, MONTHS_SHORT

__all__ = ["MEASURE_BEFORE", "asked_lead_kind", "measure_bound", "wrong_lead_kind"]

_NUMERIC = frozenset({"money", "count", "percent", "level", "number"})

#: "Which governor/minister/official ...": a person asked by a post.
_WHICH_POST_EN = re.compile(
    r"\bwhich\s+(?:\w+\s+)?(?:governor|minister|official|officer|secretary|chief|director|"
    r"president|chair(?:man|person|woman)?|mayor|spokes(?:man|woman|person)|ambassador|"
    r"commander|head|leader|person|deputy|permanent\s+secretary|prime\s+minister)\b", re.I)
_WHICH_POST_TH = re.compile(r"(?:ผู้ว่า|รัฐมนตรี|อธิบดี|ปลัด|นายอำเภอ|โฆษก|เลขาธิการ|ประธาน|"
                            r"นายก)\S{0,30}?(?:คน|ท่าน)(?:ใด|ไหน)")
#: "Who signed ...", "ใคร ... ลงนาม": a signatory is a person (bodies sign through one).
_WHO_SIGNED = re.compile(r"\bwho\s+(?:\w+\s+)?signed\b|ใคร\S*\s*\S{0,20}ลงนาม|ลงนาม\S{0,40}ใคร",
                         re.I)
#: An amount asked with "what" ("What was the approved budget ...?", "งบประมาณคืออะไร").
_AMOUNT_WORD = re.compile(r"\b(?:budget|cost|amount|funding|spent|spending)\b|งบประมาณ|วงเงิน|"
                          r"ค่าใช้จ่าย", re.I)
_ASKS_WHAT = re.compile(r"^\s*what\b|\bhow\s+much\b|อะไร|เท่าไร|เท่าไหร่|เท่าใด", re.I)
#: "มากกว่าหรือน้อยกว่า 20 ล้านคน", "more or less than 20 million": a comparison with a
#: stated figure is answered by the figure compared.
_COMPARES = re.compile(r"มากกว่า\s*หรือ\s*น้อยกว่า|น้อยกว่า\s*หรือ\s*มากกว่า|เกิน\s*หรือ\s*ไม่|"
                       r"\bmore\s+or\s+(?:less|fewer)\s+than\b|\b(?:above|over)\s+or\s+below\b",
                       re.I)
#: A measure asked by its name ("แผ่นดินไหว ... มีขนาดเท่าไร", "What was the magnitude ...",
#: "ลึกกี่กิโลเมตร"): a number answers it, not the hour the text gives beside it ("00.17 น."),
#: a date, nor the official who reported it.
_MEASURE = re.compile(r"(?:ขนาด|แมกนิจูด|ริกเตอร์|ความลึก|ความสูง|ความยาว|ความกว้าง|น้ำหนัก)"
                      r"\S{0,12}?(?:เท่า(?:ไร|ไหร่|ใด)|กี่)|\bmagnitude\b|\bhow\s+(?:deep|tall|wide|heavy)\b",
                      re.I)
#: A clock time or a date written as the lead: "00.17 น.", "เวลา 10.30 น.", "29 มิถุนายน 2566",
#: "29 June 2023".
_CLOCK = re.compile(r"\d{1,2}[.:]\d{2}\s*(?:น\.|นาฬิกา)|^\s*เวลา|"
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

    ``"person"`` (a post asked with "which", a signatory), ``"amount"`` (a budget asked
    with "what"), ``"number"`` (a comparison with a stated figure), ``"measure"`` (a
    magnitude, a depth, a size asked by its name).
    """
    if _WHICH_POST_EN.search(question) or _WHICH_POST_TH.search(question) \
            or _WHO_SIGNED.search(question):
        return "person"
    if _COMPARES.search(question):
        return "number"
    if _AMOUNT_WORD.search(question) and _ASKS_WHAT.search(question):
        return "amount"
    if _MEASURE.search(question):
        return "measure"
    return None


def wrong_lead_kind(question: str, qtype: str, ctype: str, span: str) -> str | None:
    """The refusal for a lead ``span`` (candidate type ``ctype``) of another kind, or None.

    ``question``: as asked (English or Thai); ``qtype``: its question type.  A
    speaker's attribution leads no answer but a "who" one's (whose lead is the name
    itself).  A measure asked is led by a number, not a clock time, a date or a person.
    Returns one of the answerer's refusals ("no person", "no amount", "no number").
    """
    lead = " ".join(span.split())
    if qtype != "person" and _ATTRIBUTION.search(lead):
        return "no number" if _COMPARES.search(question) else "no answer"
    kind = asked_lead_kind(question)
    if kind == "person":
        person = ctype == "person" or opens_with_name(lead, "person")
        return None if person else "no person"
    if kind == "amount" and qtype in ("what", "count"):
        money = ctype == "money" or "บาท" in lead or re.search(r"\bbaht\b", lead, re.I)
        return None if money else "no amount"
    if kind == "number":
        return None if ctype in _NUMERIC or re.search(r"[\d๐-๙]", lead) else "no number"
    if kind == "measure":
        numeric = ctype not in ("date", "person") and re.search(r"[\d๐-๙]", lead) is not None
        return None if numeric and not _CLOCK.search(lead) else "no number"
    return None


#: Posts a "which <post>" question names, in the Thai its rendering writes.
_POSTS_TH = ("ผู้ว่าราชการจังหวัด", "ผู้ว่าฯ", "รองผู้ว่าราชการจังหวัด", "รัฐมนตรี", "อธิบดี",
             "ปลัด", "นายอำเภอ", "โฆษก", "เลขาธิการ", "ประธาน", "นายกรัฐมนตรี", "ผู้อำนวยการ")
#: Characters after a person's name within which the post written with them stands.
POST_AFTER = 40
#: Characters after a person's name within which "ลงนาม" tells they signed.
SIGNED_AFTER = 300


def person_fits(question: str, text: str, start: int, end: int) -> bool:
    """Whether the titled name ``text[start:end]`` is the person ``question`` asks for.

    ``question``: as asked and its Thai form.  A signatory ("who signed") is named
    before "ลงนาม" (within :data:`SIGNED_AFTER` characters); a post asked ("which
    governor", "ผู้ว่าฯ คนใด") is written right after the name (within
    :data:`POST_AFTER`).  False for other questions and for a span that is no titled
    name.
    """
    if not opens_with_name(text[start:end], "person"):
        return False
    if _WHO_SIGNED.search(question):
        return "ลงนาม" in text[end:end + SIGNED_AFTER]
    if not (_WHICH_POST_EN.search(question) or _WHICH_POST_TH.search(question)):
        return False
    after = text[start:end + POST_AFTER]  # (a titled name's span may hold its post)
    return any(post in question and post in after for post in _POSTS_TH)
