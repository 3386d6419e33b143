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
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from bot.answering.candidates import COUNTED_UNITS
from bot.answering.compose import QUALIFIERS, number_qualifier
from bot.answering.qualifiers import qualifier_spans
from bot.answering.question import YES_NO_ENDINGS
from knowledge.thai import find_money, to_arabic_digits

__all__ = ["APPROXIMATE", "DISTINCT_FIGURE", "Stated", "agreement_lead", "stated_value"]

_MULTIPLIERS = {"ล้าน": Decimal(1_000_000), "แสน": Decimal(100_000), "หมื่น": Decimal(10_000),
                "พัน": Decimal(1_000)}
# A count as written: "14,658 แห่ง", "1.2 ล้านคน", "76 จังหวัด".
_COUNT = re.compile(rf"(?<![\dA-Za-z.,])(?P<n>\d[\d,]*(?:\.\d+)?)\s*"
                    rf"(?P<mult>ล้าน|แสน|หมื่น|พัน)?\s*(?P<unit>{COUNTED_UNITS})")
_ENDING = re.compile(
    "(?:" + "|".join(re.escape(e) for e in sorted(YES_NO_ENDINGS, key=len, reverse=True))
    + r")(?:\s|\?|ครับ|คะ|ค่ะ|จ๊ะ|จ้ะ|นะ)*$")
# The comparison a question states before its value (a word of
# :data:`bot.answering.compose.QUALIFIERS`), and what it asks of the answer.
_RELATIONS = {"มากกว่า": ">", "กว่า": ">", "เกินกว่า": ">", "เกิน": ">",
              "ไม่ต่ำกว่า": ">=", "ไม่น้อยกว่า": ">=", "อย่างน้อย": ">=",
              "ไม่ถึง": "<", "น้อยกว่า": "<", "ต่ำกว่า": "<", "ไม่เกิน": "<=",
              "ประมาณ": "~", "ราว": "~", "ราวๆ": "~", "ราว ๆ": "~", "เกือบ": "~"}
#: The least figure found written in any unit counts as the document stating it.
DISTINCT_FIGURE = Decimal(1000)
_FIGURE = re.compile(r"(?<![\dA-Za-z.,])\d[\d,]*(?:\.\d+)?(?![\d,]|\.\d)")
#: How near an approximate value ("ประมาณ 19,000 ตัน") must be to agree: a share of it.
APPROXIMATE = Decimal("0.1")


@dataclass(frozen=True)
class Stated:
    """A value a yes-or-no question states, and the question for the value."""

    #: The value as a number (baht for money).
    value: Decimal
    #: "money" or "count".
    kind: str
    #: The unit of a count ("แห่ง"); "บาท" for money.
    unit: str
    #: The question for the value ("งบประมาณเท่าไร", "ธนาคารขยะตั้งแล้วกี่แห่ง").
    asked: str
    #: Half the last written digit's worth ("9.68 ล้าน": 5,000): values this near agree.
    tolerance: Decimal = Decimal(0)
    #: The comparison stated: "=", ">", ">=", "<", "<=" or "~" (approximately).
    relation: str = "="


def _number(written: str) -> tuple[Decimal, int] | None:
    """A written number ("9.6845", "14,658") and its count of decimals."""
    try:
        n = Decimal(written.replace(",", ""))
    except InvalidOperation:
        return None
    return n, len(written.split(".", 1)[1]) if "." in written else 0


def _masked(text: str) -> str:
    """``text`` with its years, rounds, phases and quarters blanked (same length)."""
    out = list(text)
    for a, b in qualifier_spans(text):
        out[a:b] = " " * (b - a)
    return "".join(out)


def stated_value(question: str) -> Stated | None:
    """The amount or count a Thai yes-or-no question states, or None.

    ``question`` as the answerer cleaned it; the caller has found it a yes-or-no
    question.  Its ending ("ใช่ไหม", "หรือไม่") is dropped and the value, with the
    comparison word before it, replaced by the question word for it: money by
    "เท่าไร", a count by "กี่" and its unit.  None for a question stating two values.
    """
    text = to_arabic_digits(question)
    end = _ENDING.search(text)
    body = text[:end.start()] if end else text
    masked = _masked(body)
    money = [m for m in find_money(masked) if m.text.strip()]
    counts = [c for c in _COUNT.finditer(masked)
              if not any(m.start <= c.start() < m.end for m in money)]
    if len(money) + len(counts) != 1:
        return None
    if money:
        m = money[0]
        start, stop, value, kind, unit = m.start, m.end, m.amount, "money", "บาท"
        digits = re.search(r"\d[\d,]*(?:\.\d+)?", m.text)
        written = _number(digits.group(0)) if digits else None
    else:
        c = counts[0]
        written = _number(c.group("n"))
        if written is None:
            return None
        start, stop, unit = c.start(), c.end(), c.group("unit")
        value = written[0] * _MULTIPLIERS.get(c.group("mult") or "", Decimal(1))
        kind = "count"
    tolerance = Decimal(0)
    if written is not None and written[0]:
        scale = value / written[0]
        tolerance = scale * Decimal(10) ** -written[1] / 2 if written[1] else Decimal(0)
    relation = "="
    said = number_qualifier(body, start)  # whole words: "งบประมาณ" is no "ประมาณ"
    if said is not None and said in _RELATIONS:
        relation = _RELATIONS[said]
        start = body.rstrip().rfind(said, 0, start)
    word = "เท่าไร" if kind == "money" else f"กี่{unit}"
    asked = " ".join(f"{body[:start]}{word}{body[stop:]}".split())
    return Stated(value, kind, unit, asked, tolerance, relation)


def _answered_value(point: str, stated: Stated) -> Decimal | None:
    """The value an answer's lead (before " — ") states, of the stated value's kind."""
    lead = to_arabic_digits(point.split(" — ", 1)[0])
    if stated.kind == "money":
        found = find_money(lead)
        return found[0].amount if found else None
    for m in _COUNT.finditer(lead):
        if m.group("unit") == stated.unit:
            written = _number(m.group("n"))
            if written is not None:
                return written[0] * _MULTIPLIERS.get(m.group("mult") or "", Decimal(1))
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


def agreement_lead(point: str, stated: Stated, *, english: bool,
                   source_text: str = "") -> str | None:
    """The reply to the yes-or-no question, from the answer ``point`` to ``stated.asked``.

    "ใช่ — <point>" when the lead's value makes the statement true (:func:`_holds`),
    "ไม่ใช่ — เอกสารระบุ <point>" when it makes it false and the answer's document
    (``source_text``) does not state the question's own figure elsewhere (it may be the
    answer to a narrower question: "ครั้งที่ 10 ... 14,619 ครัวเรือน" beside the total);
    "เอกสารระบุ <point>" when the lead's value is approximate ("กว่า", "ประมาณ":
    :data:`bot.answering.compose.QUALIFIERS`).  None when the lead states no value of
    the kind, or the document states the question's figure too: the caller then shows
    what the documents say where the question's words stand.
    """
    answered = _answered_value(point, stated)
    if answered is None:
        return None
    lead = point.split(" — ", 1)[0].casefold()
    if any(q in lead for q in QUALIFIERS):
        # "กว่า 2.5 ล้านบาท" neither confirms nor denies "3 ล้านบาท": what the
        # documents state, for the reader to judge.
        return f"The documents say {point}" if english else f"เอกสารระบุ {point}"
    if _holds(answered, stated):
        return f"{'Yes' if english else 'ใช่'} — {point}"
    if _states(source_text, stated):
        return None
    return (f"No — the documents say {point}" if english
            else f"ไม่ใช่ — เอกสารระบุ {point}")


def _states(text: str, stated: Stated) -> bool:
    """Whether ``text`` writes the stated value itself (as a count of its unit, or money)."""
    if not text:
        return False
    text = to_arabic_digits(text)
    if stated.kind == "money":
        return any(abs(m.amount - stated.value) <= stated.tolerance for m in find_money(text))
    for m in _COUNT.finditer(text):
        written = _number(m.group("n"))
        if written is None or m.group("unit") != stated.unit:
            continue
        value = written[0] * _MULTIPLIERS.get(m.group("mult") or "", Decimal(1))
        if abs(value - stated.value) <= stated.tolerance:
            return True
    if stated.value < DISTINCT_FIGURE:
        return False
    # A figure of four or more digits is no coincidence in any unit the text counts it
    # in: "7,849 แห่ง" asked, "ในจำนวน ๗,๘๔๙ อปท." written.
    for m in _FIGURE.finditer(text):
        written = _number(m.group(0))
        if written is not None and written[0] == stated.value:
            return True
    return False
