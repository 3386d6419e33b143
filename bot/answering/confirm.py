"""Yes-or-no questions that state a value: asked as the question for the value, then compared.

"งบประมาณ 9.6845 ล้านบาท ใช่ไหม" states an amount and asks whether it is right.  The
documents answer "งบประมาณเท่าไร"; the reply says whether the two agree and leads with
what the documents state: "ใช่ — 9,684,500 บาท — …", "ไม่ใช่ — เอกสารระบุ 9,684,500 บาท —
…".  Amounts of baht (:func:`knowledge.thai.find_money`, "9.6845 ล้านบาท" is 9,684,500)
and counts with their unit ("14,658 แห่ง") are compared as numbers, to the precision the
question writes them ("9.68 ล้านบาท" is 9,684,500 rounded) and by the comparison it states
("กว่า 14,000 แห่ง", "ไม่ถึง 15,000 แห่ง", "ประมาณ 19,000 ตัน").  A number that is a year,
a round or a quarter ("ไตรมาส 3 ปี 2567") is no stated value.  Other statements
("ภูเก็ตเป็นจังหวัดนำร่องไหม") are left to the evidence reply.

English questions go the same way, with English words for the language's parts
(:class:`_Language`): "Was the budget 9.68 million baht?" is asked as "How much was the
budget?", "Were more than 10 provinces selected?" as "How many provinces were
selected?", and the reply is "Yes — 9,684,500 baht — …" or "No — the document says
9,684,500 baht — …".  An English count's unit is the Thai the counted noun is written in
(:func:`bot.answering.english.question_unit`: "provinces" counts จังหวัด).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from bot.answering.candidates import COUNTED_UNITS
from bot.answering.compose import QUALIFIERS, number_qualifier
from bot.answering.qualifiers import qualifier_spans
from bot.answering.question import YES_NO_ENDINGS, is_english, unit_name, unit_spellings
from knowledge.patterns import lazy_pattern
from knowledge.thai import find_money, to_arabic_digits

__all__ = ["APPROXIMATE", "DISTINCT_FIGURE", "Stated", "agreement_lead", "stated_value"]

_NUMBER = r"\d[\d,]*(?:\.\d+)?"
_MULTIPLIERS = {"ล้าน": Decimal(1_000_000), "แสน": Decimal(100_000), "หมื่น": Decimal(10_000),
                "พัน": Decimal(1_000)}
_EN_MULTIPLIERS = {"thousand": Decimal(1_000), "k": Decimal(1_000),
                   "million": Decimal(1_000_000), "mn": Decimal(1_000_000),
                   "m": Decimal(1_000_000), "billion": Decimal(1_000_000_000),
                   "bn": Decimal(1_000_000_000), "trillion": Decimal(10) ** 12}
_EN_SCALE = "trillion|billion|million|thousand|bn|mn|m|k"
_ENDING = lazy_pattern(
    "(?:" + "|".join(re.escape(e) for e in sorted(YES_NO_ENDINGS, key=len, reverse=True))
    + r")(?:\s|\?|ครับ|คะ|ค่ะ|จ๊ะ|จ้ะ|นะ)*$")
# The comparison a question states before its value (a word of
# :data:`bot.answering.compose.QUALIFIERS`), and what it asks of the answer.
_RELATIONS = {"มากกว่า": ">", "กว่า": ">", "เกินกว่า": ">", "เกิน": ">",
              "ไม่ต่ำกว่า": ">=", "ไม่น้อยกว่า": ">=", "อย่างน้อย": ">=",
              "ไม่ถึง": "<", "น้อยกว่า": "<", "ต่ำกว่า": "<", "ไม่เกิน": "<=",
              "ประมาณ": "~", "ราว": "~", "ราวๆ": "~", "ราว ๆ": "~", "เกือบ": "~"}
# The same in English: phrases, and verbs that compare ("Did sales exceed 2 million baht?").
_EN_RELATIONS = {"more than": ">", "over": ">", "above": ">", "greater than": ">",
                 "in excess of": ">", "upwards of": ">", "exceed": ">", "exceeds": ">",
                 "exceeded": ">", "surpass": ">", "surpassed": ">", "surpasses": ">",
                 "at least": ">=", "no less than": ">=", "not less than": ">=",
                 "no fewer than": ">=", "a minimum of": ">=", "reach": ">=", "reached": ">=",
                 "less than": "<", "fewer than": "<", "under": "<", "below": "<",
                 "at most": "<=", "no more than": "<=", "not more than": "<=", "up to": "<=",
                 "a maximum of": "<=",
                 "about": "~", "around": "~", "approximately": "~", "roughly": "~",
                 "nearly": "~", "almost": "~", "some": "~", "exactly": "="}
_EN_RELATION = lazy_pattern(
    r"(?:^|(?<=\s))(?:" + "|".join(re.escape(w) for w in sorted(_EN_RELATIONS, key=len,
                                                                  reverse=True))
    + r")\s*$", re.I)
#: The least figure found written in any unit counts as the document stating it.
DISTINCT_FIGURE = Decimal(1000)
_FIGURE = lazy_pattern(r"(?<![\dA-Za-z.,])\d[\d,]*(?:\.\d+)?(?![\d,]|\.\d)")
#: How near an approximate value ("ประมาณ 19,000 ตัน") must be to agree: a share of it.
APPROXIMATE = Decimal("0.1")


@dataclass(frozen=True)
class Stated:
    """A value a yes-or-no question states, and the question for the value."""

    #: The value as a number (baht for money).
    value: Decimal
    #: "money" or "count".
    kind: str
    #: The Thai unit of a count ("แห่ง"; alternatives joined by "|": "แห่ง|ฝาย"); "บาท"
    #: for money.
    unit: str
    #: The question for the value ("งบประมาณเท่าไร", "How many provinces did UNDP select?").
    asked: str
    #: Half the last written digit's worth ("9.68 ล้าน": 5,000): values this near agree.
    tolerance: Decimal = Decimal(0)
    #: The comparison stated: "=", ">", ">=", "<", "<=" or "~" (approximately).
    relation: str = "="
    #: The question's language: "th" or "en" (the reply's words).
    language: str = "th"


@dataclass(frozen=True)
class _Value:
    """A value written in a question: its span, amount, kind and unit."""

    start: int
    stop: int
    value: Decimal
    #: The written number's count of decimals, and its worth per unit ("9.68 ล้าน": 1e6).
    decimals: int
    scale: Decimal
    kind: str
    unit: str
    #: An English count's noun as written ("provinces"); empty otherwise.
    noun: str = ""


@dataclass(frozen=True)
class _Language:
    """The parts of confirming that are words of one language."""

    yes: str
    no: str
    #: Before a value the documents state ("ไม่ใช่ — เอกสารระบุ …", "The document says …").
    says: str
    #: The values written in a question's body (the question without its yes/no frame).
    values: Callable[[str], list[_Value]]
    #: The comparison written right before ``body[start]`` and where it opens, or None.
    relation: Callable[[str, int], tuple[str, int] | None]
    #: The question for the value: the body, the value, where it opens (with its comparison).
    ask: Callable[[str, _Value, int], str | None]
    #: The body: the question without its yes/no ending or frame.
    body: Callable[[str], str]
    #: A negation in the asked question: "Did UNDP not select 15 provinces?" is answered
    #: "yes" by no count of provinces.
    negation: re.Pattern[str]


def _number(written: str) -> tuple[Decimal, int] | None:
    """A written number ("9.6845", "14,658") and its count of decimals."""
    try:
        n = Decimal(written.replace(",", ""))
    except InvalidOperation:
        return None
    return n, len(written.split(".", 1)[1]) if "." in written else 0


def _masked(text: str) -> str:
    """``text`` with its years, rounds, phases, quarters and dates blanked (same length)."""
    out = list(text)
    for a, b in [*qualifier_spans(text), *(m.span() for m in _EN_DATE().finditer(text))]:
        out[a:b] = " " * (b - a)
    return "".join(out)


@lru_cache(maxsize=64)
def _count_pattern(units: str) -> re.Pattern[str]:
    """A Thai count ("14,658 แห่ง", "1.2 ล้านคน") in the counted units or ``units``."""
    extra = [re.escape(u) for u in unit_spellings(units).split("|") if u]
    alternatives = "|".join(sorted({*COUNTED_UNITS.split("|"), *extra}, key=len, reverse=True))
    return re.compile(rf"(?<![\dA-Za-z.,])(?P<n>{_NUMBER})\s*"
                      rf"(?P<mult>ล้าน|แสน|หมื่น|พัน)?\s*(?P<unit>{alternatives})")


# -- Thai ------------------------------------------------------------------------------

def _thai_body(question: str) -> str:
    end = _ENDING().search(question)
    return question[:end.start()] if end else question


def _thai_values(masked: str) -> list[_Value]:
    out: list[_Value] = []
    money = [m for m in find_money(masked) if m.text.strip()]
    for m in money:
        digits = re.search(_NUMBER, m.text)
        written = _number(digits.group(0)) if digits else None
        decimals = written[1] if written else 0
        scale = m.amount / written[0] if written and written[0] else Decimal(1)
        out.append(_Value(m.start, m.end, m.amount, decimals, scale, "money", "บาท"))
    for c in _count_pattern(_STATED_UNITS).finditer(masked):
        if any(m.start <= c.start() < m.end for m in money):
            continue
        written = _number(c.group("n"))
        if written is None:
            continue
        scale = _MULTIPLIERS.get(c.group("mult") or "", Decimal(1))
        out.append(_Value(c.start(), c.end(), written[0] * scale, written[1], scale, "count",
                          c.group("unit")))
    return out


def _thai_relation(body: str, start: int) -> tuple[str, int] | None:
    said = number_qualifier(body, start)  # whole words: "งบประมาณ" is no "ประมาณ"
    if said is None or said not in _RELATIONS:
        return None
    return _RELATIONS[said], body.rstrip().rfind(said, 0, start)


#: Units a yes-or-no question may state a value in beyond the counted ones: matters of a
#: resolution ("20 เรื่อง") and flows ("1,500 ลบ.ม./วินาที", asked "เท่าไร").
_RATE_UNITS = ("ลูกบาศก์เมตรต่อวินาที", "ลบ.ม./วินาที", "ลบ.ม./วิ")
_STATED_UNITS = "|".join(("เรื่อง", *_RATE_UNITS))
#: Words that may open a bare number's lead ("กว่า 1,800").
_QUALIFIER_WORDS = "กว่า|ประมาณ|ราว|เกือบ"


def _thai_ask(body: str, value: _Value, start: int) -> str:
    word = ("เท่าไร" if value.kind == "money" or value.unit in _RATE_UNITS
            else f"กี่{unit_name(value.unit)}")
    return " ".join(f"{body[:start]}{word}{body[value.stop:]}".split())


THAI = _Language("ใช่", "ไม่ใช่", "เอกสารระบุ", _thai_values, _thai_relation, _thai_ask,
                 _thai_body, re.compile("ไม่|มิได้|มิใช่"))

# -- English ---------------------------------------------------------------------------

_EN_MONTHS = ("January|February|March|April|May|June|July|August|September|October|"
              "November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec")
# Dates and years are no stated value: "24 November 2020", "November 24, 2020", "in 2023".
_EN_DATE = lazy_pattern(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_EN_MONTHS})\.?(?:\s*,?\s*\d{{4}})?\b"
    rf"|\b(?:{_EN_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:\s*,\s*\d{{4}})?\b"
    rf"|\b(?:{_EN_MONTHS})\.?\s+\d{{4}}\b"
    rf"|(?<![\d,.])(?:19|20|25)\d\d(?![\d,%]|\.\d|\s*(?:{_EN_SCALE})\b|\s*baht\b)"
    r"|\b\d+(?:st|nd|rd|th)\b", re.I)
_EN_MONEY = lazy_pattern(
    rf"(?<![\w.,])(?P<n>{_NUMBER})\s*(?P<s>{_EN_SCALE})?\s*(?:baht|THB)\b"
    rf"|(?:\bTHB|฿)\s*(?P<n2>{_NUMBER})(?:\s*(?P<s2>{_EN_SCALE})\b)?", re.I)
_EN_COUNT = lazy_pattern(
    rf"(?<![\w.,$€£¥])(?P<n>{_NUMBER})(?![\w%-]|[.,]\d)(?:\s*(?P<s>thousand|million|billion)\b)?"
    r"\s+(?=[A-Za-z])", re.I)
# An English yes/no question's frame: its first word, or "Is it true that".
_EN_TRUE_THAT = lazy_pattern(
    r"^(?:is|was)\s+it\s+(?:true|correct|right|so|the\s+case)\s+that\s+", re.I)
_EN_AUX = lazy_pattern(
    r"^(?P<aux>is|are|was|were|does|do|did|has|have|had|can|could|will|would|should)\s+", re.I)
_EN_PLURALS = frozenset({"people", "children", "women", "men", "staff", "rai", "data"})


def _english_body(question: str) -> str:
    return re.sub(r"(?:\s|[?.!]|\bplease\b)*$", "", question, flags=re.I)


def _english_values(masked: str) -> list[_Value]:
    from bot.answering.english import counted_noun, question_unit

    out: list[_Value] = []
    for m in _EN_MONEY().finditer(masked):
        n, s = (m.group("n"), m.group("s")) if m.group("n") else (m.group("n2"), m.group("s2"))
        written = _number(n)
        if written is None:
            continue
        scale = _EN_MULTIPLIERS.get((s or "").lower(), Decimal(1))
        out.append(_Value(m.start(), m.end(), written[0] * scale, written[1], scale, "money",
                          "บาท"))
    for c in _EN_COUNT().finditer(masked):
        if any(v.start <= c.start() < v.stop for v in out):
            continue
        written = _number(c.group("n"))
        rest = masked[c.end():]
        noun = counted_noun(f"How many {rest}")
        if written is None or not noun:
            continue
        # The noun ends at its first plural: "people" of "Did 500 people visit the fair".
        words = noun.split()
        cut = next((i for i, w in enumerate(words) if w.lower() in _EN_PLURALS
                    or (w.lower().endswith("s") and not w.lower().endswith("ss"))), None)
        noun = " ".join(words[:cut + 1] if cut is not None else words)
        unit = question_unit(f"How many {noun}") or ""
        if not unit or any(u in unit.split("|") for u in ("บาท", "%", "เปอร์เซ็นต์")):
            continue
        at = rest.find(noun)
        if at < 0:
            continue
        scale = _EN_MULTIPLIERS.get((c.group("s") or "").lower(), Decimal(1))
        stop = c.end() + at + len(noun)
        out.append(_Value(c.start(), stop, written[0] * scale, written[1], scale, "count",
                          unit, noun))
    return out


# Verbs whose particle "over" is no comparison: "hand over 5 houses", "took over 3 sites".
_OVER_VERBS = lazy_pattern(
    r"\b(?:hand|hands|handed|handing|turn|turns|turned|take|takes|took|taken|pass|passes|"
    r"passed|give|gives|gave|given|carry|carried|sign|signed|bring|brought|win|won|roll|"
    r"rolled)\s+$", re.I)


def _english_relation(body: str, start: int) -> tuple[str, int] | None:
    m = _EN_RELATION().search(body, 0, start)
    if m is None:
        return None
    word = m.group(0).strip().lower()
    if word == "over" and _OVER_VERBS().search(body, 0, m.start()):
        return None
    return _EN_RELATIONS[word], m.start()


def _english_ask(body: str, value: _Value, start: int) -> str | None:
    """"How much was the budget?", "How many provinces did UNDP select?" (None: no frame).

    The auxiliary that opens the question opens the asked one ("Did UNDP select 15
    provinces?"); "Is it true that the budget is 9.68 million baht?" keeps its words in
    their order after "How much".  The search reads words, not their order.
    """
    frame = _EN_TRUE_THAT().match(body) or _EN_AUX().match(body)
    if frame is None or start < frame.end():
        return None
    aux = frame.group("aux").lower() if "aux" in frame.groupdict() else ""
    rest = f"{body[frame.end():start]} {body[value.stop:]}"
    head = "How much" if value.kind == "money" else f"How many {value.noun}"
    return " ".join(f"{head} {aux} {rest}".split()) + "?"


ENGLISH = _Language("Yes", "No", "the document says", _english_values, _english_relation,
                    _english_ask, _english_body,
                    re.compile(r"\b(?:not|never|none|no(?!\.))\b|n['’]t\b", re.I))


# -- both ------------------------------------------------------------------------------

def stated_value(question: str) -> Stated | None:
    """The amount or count a yes-or-no question states, or None.

    ``question`` as the answerer cleaned it, Thai or English; the caller has found it a
    yes-or-no question.  Its frame ("ใช่ไหม", "หรือไม่"; "Did …?") is dropped and the
    value, with the comparison word before it, replaced by the question for it: money by
    "เท่าไร" ("How much"), a count by "กี่" and its unit ("How many" and its noun).
    None for a question stating no value or two (a time span before the value aside:
    "4 เดือน 1 ล้านตัน"), or denying ("ไม่ได้", "not") beside it.
    """
    english = is_english(question)
    lang = ENGLISH if english else THAI
    text = to_arabic_digits(question)
    body = lang.body(text)
    values = lang.values(_masked(body))
    if len(values) > 1 and all(_units(w.unit) & _TIME_SPANS for w in values[:-1]):
        # "ส่งออกทุเรียนไปจีน 4 เดือน 1 ล้านตันใช่ไหม": a time span names the period, the
        # last value is the one stated.
        values = values[-1:]
    if len(values) != 1:
        return None
    v = values[0]
    tolerance = v.scale * Decimal(10) ** -v.decimals / 2 if v.decimals else Decimal(0)
    relation, start = "=", v.start
    said = lang.relation(body, v.start)
    if said is not None:
        relation, start = said
    asked = lang.ask(body, v, start)
    if asked is None or lang.negation.search(asked):
        return None
    return Stated(v.value, v.kind, v.unit, asked, tolerance, relation,
                  "en" if english else "th")


#: Units of a time span a question may name beside the value it states.
_TIME_SPANS = frozenset({"วัน", "เดือน", "ปี", "สัปดาห์", "ชั่วโมง", "ชม.", "นาที", "days", "months",
                         "years", "weeks", "day", "month", "year", "week"})


def _units(unit: str) -> frozenset[str]:
    """The units of ``unit`` (``"|"``-separated) in every spelling: "กิโลกรัม" is "ก.ก." too."""
    return frozenset(u for u in unit_spellings(unit).split("|") if u)


def _answered_value(point: str, stated: Stated) -> Decimal | None:
    """The value an answer's lead (before " — ") states, of the stated value's kind.

    The lead is Thai ("9,684,500 บาท") or English ("9,684,500 baht", "15 provinces",
    whose noun must count in the stated unit).
    """
    lead = to_arabic_digits(point.split(" — ", 1)[0])
    if stated.kind == "money":
        found = find_money(lead)
        if found:
            return found[0].amount
        m = _EN_MONEY().search(lead)
        if m is None:
            return None
        n, s = (m.group("n"), m.group("s")) if m.group("n") else (m.group("n2"), m.group("s2"))
        written = _number(n)
        return None if written is None else written[0] * _EN_MULTIPLIERS.get(
            (s or "").lower(), Decimal(1))
    units = _units(stated.unit)
    for m in _count_pattern(stated.unit).finditer(lead):
        if m.group("unit") in units:
            written = _number(m.group("n"))
            if written is not None:
                return written[0] * _MULTIPLIERS.get(m.group("mult") or "", Decimal(1))
    bare = re.fullmatch(rf"\s*(?:{_QUALIFIER_WORDS})?\s*({_NUMBER})\s*", lead)
    if bare is not None and stated.unit in _RATE_UNITS and re.search(
            rf"(?<![\d,.]){re.escape(bare.group(1))}\s*{re.escape(stated.unit)}",
            to_arabic_digits(point)):
        # A flow is led by its number alone ("1,800 — …เหลือ 1,800 ลบ.ม./วินาที"): the
        # quote writes its unit.
        written = _number(bare.group(1))
        return None if written is None else written[0]
    if stated.language == "en":
        for value in _english_values(lead):
            if value.kind == "count" and units & _units(value.unit):
                return value.value
    return None


def _holds(answered: Decimal, stated: Stated) -> bool:
    """Whether the documents' value makes the question's statement true."""
    v, s = answered, stated.value
    if stated.relation == ">":
        return v > s
    if stated.relation == ">=":
        return v >= s
    if stated.relation == "<":
        return v < s
    if stated.relation == "<=":
        return v <= s
    if stated.relation == "~":
        return abs(v - s) <= APPROXIMATE * abs(s)
    return abs(v - s) <= stated.tolerance


# A qualified value of an English lead ("more than 2.5 million baht"): the English words
# of :data:`bot.answering.compose.QUALIFIERS`.
_EN_QUALIFIED = lazy_pattern(r"\b(?:" + "|".join(sorted(
    {re.escape(w) for k, v in QUALIFIERS.items() for w in (k, v) if w.isascii()},
    key=len, reverse=True)) + r")\b", re.I)


def _approximate(lead: str) -> bool:
    """Whether an answer's lead states its value as approximate ("กว่า", "more than")."""
    folded = lead.casefold()
    return any(q in folded for q in QUALIFIERS if not q.isascii()) or bool(
        _EN_QUALIFIED().search(lead))


def agreement_lead(point: str, stated: Stated, *, source_text: str = "",
                   others: Callable[[], Iterable[str]] | None = None) -> str | None:
    """The reply to the yes-or-no question, from the answer ``point`` to ``stated.asked``.

    "ใช่ — <point>" ("Yes — <point>") when the lead's value makes the statement true
    (:func:`_holds`), "ไม่ใช่ — เอกสารระบุ <point>" ("No — the document says <point>")
    when it makes it false and the answer's document (``source_text``) does not state the
    question's own figure elsewhere (it may be the answer to a narrower question:
    "ครั้งที่ 10 ... 14,619 ครัวเรือน" beside the total), nor does any text of ``others``
    (called only then: the other documents read for the question, one of which may be
    the one it is about: a contribution of another year); "เอกสารระบุ <point>" ("The
    document says <point>") when the lead's value is approximate ("กว่า", "more than":
    :data:`bot.answering.compose.QUALIFIERS`).  The words are the question's language
    (``stated.language``).  None when the lead states no value of the kind, or the
    document states the question's figure too: the caller then shows what the documents
    say where the question's words stand.
    """
    lang = ENGLISH if stated.language == "en" else THAI
    answered = _answered_value(point, stated)
    if answered is None:
        return None
    if _approximate(point.split(" — ", 1)[0]):
        # "กว่า 2.5 ล้านบาท" neither confirms nor denies "3 ล้านบาท": what the
        # documents state, for the reader to judge.
        return f"{lang.says[:1].upper()}{lang.says[1:]} {point}"
    if _holds(answered, stated):
        return f"{lang.yes} — {point}"
    if _states(source_text, stated) or (
            others is not None and any(_states(text, stated) for text in others())):
        return None
    return f"{lang.no} — {lang.says} {point}"


def _states(text: str, stated: Stated) -> bool:
    """Whether ``text`` writes the stated value itself (as a count of its unit, or money)."""
    if not text:
        return False
    text = to_arabic_digits(text)
    if stated.kind == "money":
        return any(abs(m.amount - stated.value) <= stated.tolerance for m in find_money(text))
    units = _units(stated.unit)
    for m in _count_pattern(stated.unit).finditer(text):
        written = _number(m.group("n"))
        if written is None or m.group("unit") not in units:
            continue
        value = written[0] * _MULTIPLIERS.get(m.group("mult") or "", Decimal(1))
        if abs(value - stated.value) <= stated.tolerance:
            return True
    if stated.value < DISTINCT_FIGURE:
        return False
    # A figure of four or more digits is no coincidence in any unit the text counts it
    # in: "7,849 แห่ง" asked, "ในจำนวน ๗,๘๔๙ อปท." written.
    for m in _FIGURE().finditer(text):
        written = _number(m.group(0))
        if written is not None and written[0] == stated.value:
            return True
    return False

