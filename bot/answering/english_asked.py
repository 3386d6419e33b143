"""What an English question asks for, read from its own words, and whether a lead gives it.

An English question is typed by its Thai rendering (:func:`bot.answering.english.render_thai`),
a bag of glossary terms whose question word is often lost: "What was the quota of Thai
men ..." and "Which stone quarry supplied water ..." both render as "อะไร", and
"What total foreign investment did the government expect by the end of 2024" as a
question of a date.  The candidate the span model then prefers may be of any kind: "11"
(the question's own "round 11"), "นายสุเมธ ตะเพียนทอง นายอำเภอบ่อไร่" (a person for a
quarry), "12 June 2024" (a date for an amount).  A wrong value under a real citation is
worse than no answer, so the English words decide what the lead must be:

* :func:`asked_value` reads the kind of value asked from the question's own words: the
  noun the question word asks about ("what was the **index**", "which stone **quarry**",
  "during what **hours**") or a phrase that says it ("by number", "deadline", "when");
* :func:`lead_refusal` says why a lead (the whole value the reply would open with, as the
  passage writes it, and its candidate type) does not give that kind: a number asked and
  none given, or only numbers the question states itself; an ordinal asked and none
  opening the lead; a clock time asked and none given; a date asked and a lead with
  neither a digit nor a month; a thing asked and a person given.

Kinds (:data:`KINDS`): ``number`` (an amount, a count, a rate, an index), ``ordinal``
("which meeting, by number": ครั้งที่ 9), ``time`` (a clock time), ``date`` and ``thing``
(anything but a person).  None when the words say nothing sure; the Thai machinery then
judges alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from knowledge.thai import MONTHS_FULL, MONTHS_SHORT, to_arabic_digits

__all__ = [
    "KINDS",
    "LABEL_REACH",
    "ORDINAL_AFTER",
    "ORDINAL_BEFORE",
    "POST_REACH",
    "TOTAL_REACH",
    "VENUE_BEFORE",
    "VENUE_WORDS",
    "asked_posts",
    "asked_span",
    "asked_total",
    "asked_value",
    "asks_a_count",
    "lead_refusal",
    "post_refusal",
    "question_numbers",
    "rate_refusal",
    "venue_refusal",
]

KINDS = ("number", "ordinal", "time", "date", "thing")

#: Nouns whose value is a number: an amount, a count, a measure, a rate, an index.
_NUMBER_HEADS = frozenset(
    "index indices quota rate ratio figure figures amount amounts total sum value price "
    "prices cost costs fee fees fare fares wage wages salary salaries budget investment "
    "investments spending expenditure revenue revenues income magnitude score percentage "
    "percent share growth population compensation turnover sales exports imports gdp "
    "inflation deficit surplus capacity volume speed temperature count tally loss losses "
    "damage damages premium premiums subsidy subsidies allowance allowances".split())
#: Nouns whose value is an ordinal: the edition, the round.
_ORDINAL_HEADS = frozenset({"edition", "editions"})
_TIME_HEADS = frozenset({"hour", "hours", "time", "times"})
_DATE_HEADS = frozenset({"date", "dates", "day", "days", "deadline", "year", "years", "month",
                         "months"})
#: Nouns of a numbered label: "which section" is answered by "มาตรา 153", a number.
_LABEL_HEADS = frozenset({"section", "sections", "article", "articles", "clause", "clauses",
                          "regulation", "regulations", "hotline", "number", "numbers"})
#: Nouns of people (who answers them is a person: judged elsewhere).
_PERSON_HEADS = re.compile(
    r"^(?:ambassadors?|governors?|ministers?|chiefs?|directors?|heads?|mayors?|officers?|"
    r"officials?|spokes\w*|secretar(?:y|ies)|presidents?|chair\w*|winners?|persons?|people|"
    r"leaders?|commanders?|abbots?|monks?|headm[ae]n|kamnans?|deput(?:y|ies)|advis[eo]rs?|"
    r"speakers?|representatives?|envoys?|consuls?|generals?|managers?|founders?|owners?|"
    r"farmers?|villagers?|teachers?|students?|queens?|kings?|princes?|princess(?:es)?|"
    r"champions?|authors?|designers?|artists?|singers?|actors?|actress(?:es)?|doctors?|"
    r"experts?|guests?|members?|sheriffs?|premiers?|rectors?|deans?|inspectors?|"
    r"council+ors?|commissioners?|MPs?|senators?|judges?|police\w*|soldiers?|volunteers?|"
    r"women|men|children|m[ae]n|wom[ae]n|person\w*|staff|residents?|citizens?|victims?|"
    r"patients?|workers?|nurses?|families|family|household|households)$", re.I)

#: Nouns of places and venues (a place answers them).
_PLACE_HEADS = re.compile(
    r"^(?:city|cities|town|country|countries|province|district|subdistrict|village|venue|"
    r"place|location|room|building|hotel|temple|school|region|area|hall|university|"
    r"checkpoint|port|island|municipality|museum|hospital|market|park|centre|center|shop|"
    r"store|restaurant|stadium|airport|station|pier|beach|dam|palace|residence|camp|farm|"
    r"shelter|prison|community|monastery|college|border|site|zone|street|road|river|"
    r"province's|state|nation|capital|destination|route|land|plot|forest|mountain|"
    r"communit(?:y|ies)|villages|provinces|districts)$", re.I)
_WH = re.compile(r"\b(?:what|which)\b", re.I)
_AUX = frozenset("did does do is was are were has have had will would can could should "
                 "may might must be been being".split())
_ARTICLES = frozenset({"the", "a", "an"})
#: Words that end the noun phrase a question word asks about.
_PHRASE_END = frozenset(
    "of for in at on by to from with that which who whom where when than as about under "
    "over into during after before between against among per".split()) | _AUX
_WORD = re.compile(r"[A-Za-z][\w'’-]*|[,;:?()]")
#: Phrases that say what is asked outright.
_BY_NUMBER = re.compile(r"\bby\s+number\b|\bnumbered\b", re.I)
_AT_WHAT_TIME = re.compile(r"\b(?:at|during|from)\s+what\s+(?:time|hours?)\b|"
                           r"\bwhat\s+(?:time|hours?)\b", re.I)
_DEADLINE = re.compile(r"\bdeadline\b", re.I)
_WHEN = re.compile(r"^\s*(?:and\s+)?when\b|\bby\s+when\b", re.I)
_WHAT_IS = re.compile(r"(?:what|which)\s+(?:is|was|are|were)\b", re.I)
_HOW_MUCH_MANY = re.compile(r"\bhow\s+(?:much|many)\b", re.I)

# "How many SMEs ...": a count of things asked, never an amount of money ("how many baht",
# "how many million dollars" ask money).
_HOW_MANY = re.compile(r"\bhow\s+many\b(?P<rest>(?:\s+[\w'’-]+){0,3})", re.I)
_CURRENCY = re.compile(r"\b(?:baht|thb|dollars?|usd|us\$|yuan|yen|euros?|won|ringgit|"
                       r"rupees?|pounds?|satang)\b", re.I)
_MONEY_VALUE = re.compile(r"บาท|\bbaht\b|ดอลลาร์|\$|หยวน|เยน|ยูโร", re.I)
_DIGIT = re.compile(r"\d")
_THAI_NUMBER_WORD = re.compile(r"หนึ่ง|สอง|สาม|สี่|ห้า|หก|เจ็ด|แปด|เก้า|สิบ|ร้อย|พัน|หมื่น|แสน|ล้าน")
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_CLOCK = re.compile(r"\d{1,2}\s*[.:]\s*\d{2}|\d{1,2}\s*(?:น\.|นาฬิกา|a\.?m\b|p\.?m\b|โมง)", re.I)
_MONTH = re.compile("|".join(re.escape(m) for m in (*MONTHS_FULL, *MONTHS_SHORT))
                    + r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.I)
#: A lead that opens with an ordinal: "ครั้งที่ 9", "ฉบับที่ 24", "9th", "No. 3", "9".
_ORDINAL_LEAD = re.compile(
    r"\s*(?:(?:การประชุม|ประชุม)?\s*(?:ครั้งที่|ฉบับที่|รุ่นที่|ปีที่|ระยะที่|ชุดที่|งวดที่|รอบที่|ที่|"
    r"No\.?|number)\s*)?\d|\s*\d{1,3}(?:st|nd|rd|th)\b", re.I)
#: A person as a release writes one: a title before the name.
_TITLED = re.compile(r"\s*(?:นาย|นาง|นางสาว|น\.ส\.|ดร\.|พลเอก|พล\.อ\.|พลตำรวจ|พล\.ต\.|ว่าที่|"
                     r"ศาสตราจารย์|รองศาสตราจารย์|ผู้ช่วยศาสตราจารย์|Mr\.?|Mrs\.?|Ms\.?|Dr\.?)\S")


def _head(question: str) -> tuple[str, list[str]] | None:
    """The noun a question word asks about, with the words of its phrase (lower case)."""
    m = _WH.search(question)
    if m is None:
        return None
    words = [w for w in _WORD.findall(question[m.end():])]
    i = 0
    if i < len(words) and words[i].casefold() in _AUX:
        # "What was the quota of ...": the phrase after the auxiliary and its article.
        i += 1
        while i < len(words) and words[i].casefold() in _ARTICLES:
            i += 1
    phrase: list[str] = []
    for w in words[i:]:
        low = w.casefold()
        verb = low.endswith("ed") and len(low) > 4 and bool(phrase)
        if low in _PHRASE_END or not low[0].isalpha() or verb or (
                low in _ARTICLES and phrase):
            break
        if low not in _ARTICLES:
            phrase.append(low.removesuffix("'s").removesuffix("’s"))
    if not phrase:
        return None
    return phrase[-1], phrase


def _asks_a_person(question: str) -> bool:
    """Whether the words after the question word, up to its verb, name people.

    "Which Bank of Thailand deputy governor joined ...", "Which member of parliament's
    debate did ...": a person answers (a post's holder is judged elsewhere).
    """
    m = _WH.search(question)
    if m is None:
        return False
    for i, w in enumerate(_WORD.findall(question[m.end():])[:10]):
        low = w.casefold().removesuffix("'s").removesuffix("’s")
        if _PERSON_HEADS.match(low):
            return True
        if low in _AUX or not low[0].isalpha() or (i and low.endswith("ed") and len(low) > 4):
            return False
    return False


def asked_value(question: str) -> str | None:
    """The kind of value ``question`` (English) asks for, one of :data:`KINDS`, or None.

    "Which ADMM-Plus meeting, by number, ..." ``ordinal``; "During what hours ..."
    ``time``; "What was the ... confidence index ..." and "What total foreign investment
    ..." ``number``; "... the deadline to apply?" ``date``; "Which stone quarry ..."
    ``thing``; "Who ...", "Which governor ...", "How many ..." None (the Thai machinery
    reads them: a person's post, a count's unit).
    """
    q = " ".join(question.split())
    if _BY_NUMBER.search(q):
        return "ordinal"
    if _AT_WHAT_TIME.search(q):
        return "time"
    if _HOW_MUCH_MANY.search(q) or re.search(r"\bwho(?:m|se)?\b", q, re.I):
        return None
    head = _head(q)
    if head is not None:
        noun, _ = head
        if _asks_a_person(q):
            return None
        if noun in _ORDINAL_HEADS:
            return "ordinal"
        if noun in _TIME_HEADS:
            return "time"
        if noun in _DATE_HEADS:
            return "date"
        if noun in _NUMBER_HEADS or noun in _LABEL_HEADS:
            return "number"
    if _DEADLINE.search(q) or _WHEN.search(q):
        return "date"
    wh = _WH.search(q)
    if head is not None and wh is not None and not _WHAT_IS.match(q, wh.start()):
        # "Which stone quarry supplied ...": a thing (not "What was the ...": its head may
        # be anything, "what was the reason").
        return "thing"
    return None


def question_numbers(question: str) -> frozenset[str]:
    """The numbers ``question`` writes (commas dropped), a year also in the other era."""
    out: set[str] = set()
    for m in _NUMBER.finditer(to_arabic_digits(question)):
        n = m.group(0).replace(",", "").rstrip(".")
        out.add(n)
        if n.isdigit() and 1900 <= int(n) <= 2100:
            out.add(str(int(n) + 543))
        if n.isdigit() and 2440 <= int(n) <= 2650:
            out.add(str(int(n) - 543))
    return frozenset(out)


def _restates(value: str, question: str) -> bool:
    """Whether every number ``value`` writes is one ``question`` writes itself."""
    numbers = [n.replace(",", "").rstrip(".") for n in _NUMBER.findall(to_arabic_digits(value))]
    return bool(numbers) and set(numbers) <= question_numbers(question)


def asks_a_count(question: str) -> bool:
    """Whether the English ``question`` asks how many of something other than money.

    "How many SMEs received loans ..." True; "How many baht ...", "How many million
    dollars ..." and questions without "how many" False.
    """
    m = _HOW_MANY.search(question)
    return m is not None and not _CURRENCY.search(m.group("rest"))


def lead_refusal(question: str, value: str, ctype: str) -> str | None:
    """Why a lead does not answer the English ``question``: a refusal reason, or None.

    ``value``: the lead's whole value as the passage writes it; ``ctype``: its candidate
    type.  ``"no number"``: a number asked, and the value is a date, or writes no number or
    only the question's own ("round 11" and "11 เพื่อไปทำงาน..."); an ordinal asked and
    the value opens with none.  ``"no count"``: "how many" of things asked
    (:func:`asks_a_count`) and the value is money.
    ``"no time"``: a clock time asked and none written.  ``"no date"``: a date asked and
    the value holds no digit nor month.  ``"no name"``: a thing asked and the value is a
    person.
    """
    if asks_a_count(question) and (ctype == "money" or _MONEY_VALUE.search(value)):
        return "no count"
    kind = asked_value(question)
    if kind is None:
        return None
    v = to_arabic_digits(value)
    if kind == "number":
        if ctype == "date" or not (_DIGIT.search(v) or _THAI_NUMBER_WORD.search(v)) \
                or _restates(v, question):
            return "no number"
        return None
    if kind == "ordinal":
        if not _ORDINAL_LEAD.match(v) or _restates(v, question):
            return "no number"
        return None
    if kind == "time":
        return None if _CLOCK.search(v) else "no time"
    if kind == "date":
        return None if (_DIGIT.search(v) or _MONTH.search(v)) else "no date"
    if ctype == "person" or _TITLED.match(v):
        return "no name"
    head = _head(" ".join(question.split()))
    if ctype == "place" and head is not None and not _PLACE_HEADS.match(head[0]):
        # "What award did the ministry receive ..." and "ประเทศไทย": a place is no award.
        return "no name"
    return None


#: An ordinal's marker and number ("ครั้งที่ 9", "ฉบับที่ 24"; not "ครั้งที่ 2/2566"'s year).
_ORDINAL_MARK = re.compile(r"(?:ครั้งที่|ฉบับที่|รุ่นที่|ปีที่|รอบที่)\s*(?P<n>\d{1,3})(?![\d,./])|"
                           r"(?<![\w.])(?P<e>\d{1,3})(?:st|nd|rd|th)\b")
#: A label written before a number: "มาตรา 153", "ฉบับที่ 24".
_LABEL_BEFORE = re.compile(r"(?:มาตรา|ครั้งที่|ฉบับที่|ข้อ|หมวด)\s*$")
#: A label and its number inside a candidate: "ตามมาตรา 153 ของรัฐธรรมนูญ".
_LABELLED = re.compile(r"(?:มาตรา|ฉบับที่|ข้อ|หมวด)\s*\d{1,4}(?![\d,.])")
_OPENING_NUMBER = re.compile(r"\s*\d[\d,]*(?:\.\d+)?")
#: How far after a lead's end (characters) an asked ordinal may stand and be its own
#: ("“Prime Minister’s Export Award 2023” ครั้งที่ 31").
ORDINAL_AFTER = 60
#: How far before a lead an asked ordinal may stand ("(ADMM-Plus) ครั้งที่ 9 ระหว่างวันที่
#: 22-23 พฤศจิกายน 2565 ณ เมืองเสียมราฐ": the lead was the place).
ORDINAL_BEFORE = 200
#: How far before a number its label may stand ("ตามมาตรา 153").
LABEL_REACH = 12


def asked_span(question: str, text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of ``text`` near a candidate that gives what an English question asks.

    ``text[start:end]`` is the candidate; None when it gives it itself or nothing near does.

    An ordinal asked ("Which ADMM-Plus meeting, by number"): the ordinal the candidate
    holds ("การประชุมสุดยอดอาเซียน – จีน ครั้งที่ 23" → "ครั้งที่ 23"), else the nearest one
    within :data:`ORDINAL_AFTER` characters after it or :data:`ORDINAL_BEFORE` before it
    (not one the question writes itself).  A number asked whose candidate opens with a
    number written after a label ("153 ของรัฐธรรมนูญ" of "ตามมาตรา 153"), or a label asked
    ("which section") and the candidate holds one ("ตามมาตรา 153 ของรัฐธรรมนูญ ซึ่ง..."):
    the label and its number ("มาตรา 153"), so the lead keeps what the number numbers.
    """
    kind = asked_value(question)
    if kind == "ordinal":
        own = question_numbers(question)
        if _ORDINAL_LEAD.match(text, start) and not _restates(text[start:end], question):
            return None  # "ครั้งที่ 2/2566 ...": the candidate opens with an ordinal
        lo, hi = max(0, start - ORDINAL_BEFORE), min(len(text), end + ORDINAL_AFTER)
        found = [m for m in _ORDINAL_MARK.finditer(text, lo, hi)
                 if (m.group("n") or m.group("e")) not in own]
        if not found:
            return None
        inside = [m for m in found if start <= m.start() and m.end() <= end]

        def distance(m: re.Match[str]) -> int:
            return m.start() - end if m.start() >= end else start - m.end()

        best = inside[0] if inside else min(found, key=distance)
        if (best.start(), best.end()) == (start, end):
            return None
        return best.start(), best.end()
    if kind == "number":
        head = _head(" ".join(question.split()))
        labelled = _LABELLED.search(text, start, end) if head and head[0] in _LABEL_HEADS \
            else None
        if labelled is not None and (labelled.start(), labelled.end()) != (start, end):
            # "Which section ...": "ตามมาตรา 153 ของรัฐธรรมนูญ ซึ่ง..." leads with "มาตรา 153".
            return labelled.start(), labelled.end()
        opening = _OPENING_NUMBER.match(text, start)
        label = _LABEL_BEFORE.search(text, max(0, start - LABEL_REACH), start)
        if opening is None or label is None:
            return None
        return label.start(), opening.end()
    return None


#: How far (characters) from a person's name the post an English question asks for may be
#: written ("นายจิรายุ ห่วงทรัพย์ โฆษกประจำสำนักนายกรัฐมนตรี", "โฆษก ... นายจิรายุ").
POST_REACH = 80
#: "Who is/was the <post> ...", "Which <post> ...": the words that name the post.
_POST_PHRASE = re.compile(r"\b(?:who\s+(?:is|was|are|were)|which)\s+"
                          r"(?P<p>(?:(?!\w{3,}ed\b)[\w'’-]+\s+){0,8}?(?!\w{3,}ed\b)[\w'’-]+)"
                          r"(?=\s*(?:,|\?|$|\s(?:who|whom|that|which|did|does|do|\w{3,}ed|"
                          r"has|had|have|was|were|is|are|will|would|in|on|at|during)\b))", re.I)


def asked_posts(question: str, render: Callable[[str], str]) -> tuple[str, ...]:
    """The Thai posts an English person question names ("spokesman" โฆษก), or ().

    ``render`` maps English words into Thai (:func:`bot.answering.english.render_thai`);
    a post is a Thai word the answerer reads as one
    (:func:`bot.answering.constraints.names_a_post`, at its start).
    """
    from bot.answering.constraints import names_a_post

    m = _POST_PHRASE.search(" ".join(question.split()))
    if m is None or not any(_PERSON_HEADS.match(w.casefold().removesuffix("'s"))
                            for w in m.group("p").split()):
        return ()
    return tuple(t for t in dict.fromkeys(render(m.group("p")).split())
                 if names_a_post(t, at_start=True))


def post_refusal(posts: tuple[str, ...], text: str, start: int, end: int) -> str | None:
    """``"no holder"`` when no post of ``posts`` is written near the person, else None.

    Near: within :data:`POST_REACH` characters of ``text[start:end]`` (spelled out).

    "Who was the Prime Minister's Office spokesman who ..." and "นางสาวจิราพร สินธุไพร
    รัฐมนตรีประจำสำนักนายกรัฐมนตรี", with no โฆษก beside her: another person of the event.
    """
    from bot.answering.posts import spell_out

    if not posts:
        return None
    near = spell_out(text[max(0, start - POST_REACH):end + POST_REACH])
    return None if any(p in near for p in posts) else "no holder"


#: "How many positions in total", "What was the total ...", "altogether", "in all".
_ASKS_TOTAL = re.compile(r"\bin\s+total\b|\btotal\b|\baltogether\b|\bin\s+all\b|\boverall\b",
                         re.I)
#: How far after a candidate (characters, on its line) the total of its items may stand
#: ("... จำนวน 5 อัตรา และพนักงานบ้านพักสุนัข จำนวน 5 อัตรา รวมทั้งสิ้น 1,415 อัตรา").
TOTAL_REACH = 300
_TOTAL_WORD = r"(?:รวมทั้งสิ้น|รวมทั้งหมด|รวมจำนวน|ทั้งหมด|ทั้งสิ้น|รวม)\s*(?:จำนวน\s*)?"
_COUNT_AT = re.compile(r"\s*(?P<n>\d[\d,]*(?:\.\d+)?)\s*(?P<u>[^\s\d,.()]{1,12})")


def asked_total(question: str, text: str, start: int, end: int) -> tuple[int, int] | None:
    """The total of the candidate's items, when an English question asks a total; else None.

    ``text[start:end]`` opens with a count ("5 อัตรา"); not itself a total (no รวม/ทั้งหมด
    just before it), and a total of the same unit stands after it on its line, within
    :data:`TOTAL_REACH` characters ("รวมทั้งสิ้น 1,415 อัตรา"): that total's span.
    """
    if not _ASKS_TOTAL.search(question):
        return None
    count = _COUNT_AT.match(text, start)
    if count is None or re.search(_TOTAL_WORD + r"\s*$", text[max(0, start - 16):start]):
        return None
    unit = count.group("u")
    line_end = text.find("\n", end)
    hi = min(len(text), end + TOTAL_REACH, line_end if line_end >= 0 else len(text))
    total = re.compile(_TOTAL_WORD + rf"(?P<n>\d[\d,]*(?:\.\d+)?)\s*{re.escape(unit)}")
    m = total.search(text, end, hi)
    if m is None:
        return None
    return m.start("n"), m.end()


#: A rate before an amount: "อัตราจ่าย 9,000 บาท", "ในอัตรา 3,000 บาท".
_RATE_BEFORE = re.compile(r"อัตรา\S{0,8}\s*$")
#: An English question that asks an amount per something: "per household", "each", "a rai".
_ASKS_PER = re.compile(r"\b(?:per|each|a\s+month|a\s+day|a\s+year|monthly|daily|rate|wage|"
                       r"salary|fee|fare|price|allowance)\b", re.I)
_HOW_MUCH = re.compile(r"\bhow\s+much\b", re.I)


def rate_refusal(question: str, text: str, start: int) -> str | None:
    """``"no amount"`` when "how much" is asked of no rate and the amount is a rate.

    "How much did the cabinet approve ... for additional aid to households" and "อัตราจ่าย
    9,000 บาท" (a household's payment, not what was approved).  Questions of a rate, a
    wage, a fee or an amount per something ask a rate: None.
    """
    if not _HOW_MUCH.search(question) or _ASKS_PER.search(question):
        return None
    return "no amount" if _RATE_BEFORE.search(text[max(0, start - 16):start]) else None


#: Kinds of venue an English question may name, and how Thai (or English) text names one.
VENUE_WORDS: dict[str, str] = {
    "hotel": r"โรงแรม|โฮเทล|hotel|รีสอร์ท|resort",
    "temple": r"วัด|wat\b|temple",
    "school": r"โรงเรียน|วิทยาลัย|school|college",
    "university": r"มหาวิทยาลัย|university",
    "hospital": r"โรงพยาบาล|รพ\.|hospital",
    "museum": r"พิพิธภัณฑ์|museum",
    "airport": r"ท่าอากาศยาน|สนามบิน|airport",
    "room": r"ห้อง|room",
}
#: How far before a venue's name the word naming its kind may stand ("ณ โรงแรม X").
VENUE_BEFORE = 24
_VENUE_ASKED = re.compile(r"\b(?:which|what)\s+(?:[\w'’-]+\s+){0,2}?(?P<k>"
                          + "|".join(VENUE_WORDS) + r")s?\b", re.I)


def venue_refusal(question: str, text: str, start: int, end: int) -> str | None:
    """``"no place"`` when a kind of venue is asked and the lead is not one; else None.

    "Which hotel hosted ..." and "สำนักงานใหญ่สหประชาชาติ นครนิวยอร์ก": no hotel.  The
    kind's word is written in the value or within :data:`VENUE_BEFORE` characters before
    it ("ณ โรงแรมทวินโลตัส", "ที่ห้องประชุมราชบพิธ").
    """
    m = _VENUE_ASKED.search(" ".join(question.split()))
    if m is None:
        return None
    words = re.compile(VENUE_WORDS[m.group("k").casefold()], re.I)
    return None if words.search(text, max(0, start - VENUE_BEFORE), end) else "no place"
