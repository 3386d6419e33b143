"""Yes-or-no questions that state a value: asked as the question for the value, then compared.

"งบประมาณ 9.6845 ล้านบาท ใช่ไหม" states an amount and asks whether it is right.  The
documents answer "งบประมาณเท่าไร"; the reply says whether the two agree and leads with
what the documents state: "ใช่ — 9,684,500 บาท — …", "ไม่ใช่ — เอกสารระบุ 9,684,500 บาท —
…".  Amounts of baht (:func:`knowledge.thai.find_money`, "9.6845 ล้านบาท" is 9,684,500)
and counts with their unit ("14,658 แห่ง") are compared as numbers; other statements
("ภูเก็ตเป็นจังหวัดนำร่องไหม") are left to the evidence reply.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from bot.answering.candidates import COUNTED_UNITS
from bot.answering.compose import QUALIFIERS
from bot.answering.question import YES_NO_ENDINGS
from knowledge.thai import find_money, to_arabic_digits

__all__ = ["Stated", "agreement_lead", "stated_value"]

_MULTIPLIERS = {"ล้าน": Decimal(1_000_000), "แสน": Decimal(100_000), "หมื่น": Decimal(10_000),
                "พัน": Decimal(1_000)}
# A count as written: "14,658 แห่ง", "1.2 ล้านคน", "76 จังหวัด".
_COUNT = re.compile(rf"(?<![\d.,])(?P<n>\d[\d,]*(?:\.\d+)?)\s*(?P<mult>ล้าน|แสน|หมื่น|พัน)?\s*"
                    rf"(?P<unit>{COUNTED_UNITS})")
_ENDING = re.compile(
    "(?:" + "|".join(re.escape(e) for e in sorted(YES_NO_ENDINGS, key=len, reverse=True))
    + r")(?:\s|\?|ครับ|คะ|ค่ะ|จ๊ะ|จ้ะ|นะ)*$")


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


def _count_value(m: re.Match[str]) -> Decimal | None:
    try:
        n = Decimal(m.group("n").replace(",", ""))
    except InvalidOperation:
        return None
    return n * _MULTIPLIERS.get(m.group("mult") or "", Decimal(1))


def stated_value(question: str) -> Stated | None:
    """The amount or count a Thai yes-or-no question states, or None.

    ``question`` as the answerer cleaned it; the caller has found it a yes-or-no
    question.  Its ending ("ใช่ไหม", "หรือไม่") is dropped and the value replaced by
    the question word for it: money by "เท่าไร", a count by "กี่" and its unit.
    """
    text = to_arabic_digits(question)
    end = _ENDING.search(text)
    body = text[:end.start()] if end else text
    money = find_money(body)
    if money:
        m = money[0]
        asked = f"{body[:m.start]}เท่าไร{body[m.end:]}".strip()
        return Stated(m.amount, "money", "บาท", " ".join(asked.split()))
    c = _COUNT.search(body)
    if c is not None:
        value = _count_value(c)
        if value is not None:
            asked = f"{body[:c.start()]}กี่{c.group('unit')}{body[c.end():]}".strip()
            return Stated(value, "count", c.group("unit"), " ".join(asked.split()))
    return None


def _answered_value(point: str, stated: Stated) -> Decimal | None:
    """The value an answer's lead (before " — ") states, of the stated value's kind."""
    lead = to_arabic_digits(point.split(" — ", 1)[0])
    if stated.kind == "money":
        found = find_money(lead)
        return found[0].amount if found else None
    for m in _COUNT.finditer(lead):
        if m.group("unit") == stated.unit:
            return _count_value(m)
    return None


def agreement_lead(point: str, stated: Stated, *, english: bool) -> str | None:
    """The reply to the yes-or-no question, from the answer ``point`` to ``stated.asked``.

    "ใช่ — <point>" when the lead states the same value, "ไม่ใช่ — เอกสารระบุ <point>"
    when it states another of the same kind, "เอกสารระบุ <point>" when the lead's value
    is approximate ("กว่า", "ประมาณ": :data:`bot.answering.compose.QUALIFIERS`); None
    when its lead states none (the caller then says what the documents say where the
    question's words stand).
    """
    answered = _answered_value(point, stated)
    if answered is None:
        return None
    lead = point.split(" — ", 1)[0].casefold()
    if any(q in lead for q in QUALIFIERS):
        # "กว่า 2.5 ล้านบาท" neither confirms nor denies "3 ล้านบาท": what the
        # documents state, for the reader to judge.
        return f"The documents say {point}" if english else f"เอกสารระบุ {point}"
    if answered == stated.value:
        return f"{'Yes' if english else 'ใช่'} — {point}"
    return (f"No — the documents say {point}" if english
            else f"ไม่ใช่ — เอกสารระบุ {point}")
