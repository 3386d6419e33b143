"""Questions comparing a figure with another day's or thing's: both figures, or none.

"เทียบกับวันที่ 30 เม.ย. 67 เพิ่มขึ้นเท่าไร" (how much more than on 30 April?) was answered
by "3,667 คน" of an online-crime release of 9 May, near enough to the day named.  A
difference asks two figures: the lead may only come from a passage that names what is
compared with (the day, as a date; else its words) and so states the difference itself
("เพิ่มขึ้นจากวันที่ 30 เม.ย. 67 จำนวน ..."); any other passage's figure is no answer.

Pure functions over the question and a passage's text.
"""

from __future__ import annotations

import re

from knowledge.thai import find_dates

__all__ = ["compared_with", "states_comparison"]

#: "เทียบกับ X เพิ่มขึ้นเท่าไร", "X ... เทียบกับ", "compared with X, how much more".
_COMPARED = re.compile(
    r"(?:เมื่อ)?เทียบ(?:กับ)?\s*(?P<th>.+?)\s*(?:แล้ว)?\s*"
    r"(?:เพิ่มขึ้น|ลดลง|ต่างกัน|แตกต่างกัน|มากกว่า|น้อยกว่า|มากขึ้น|น้อยลง|ห่างกัน)|"
    r"\bcompared\s+(?:with|to)\s+(?P<en>.+?)(?:,|\s+(?:how|what|by)\b|\?|$)", re.I)
_ASKS_AMOUNT = re.compile(r"เท่า(?:ไร|ไหร่|ใด)|กี่|\bhow\s+(?:much|many)\b|\bby\s+what\b", re.I)


def compared_with(question: str) -> str | None:
    """What ``question`` asks a difference from ("วันที่ 30 เม.ย. 67"), or None."""
    m = _COMPARED.search(question)
    if m is None or not _ASKS_AMOUNT.search(question):
        return None
    term = (m.group("th") or m.group("en") or "").strip()
    return term or None


def states_comparison(text: str, compared: str) -> bool:
    """Whether ``text`` names ``compared`` (its dates, when it names one; else its words)."""
    days = {d.start_date for d in find_dates(compared)}
    if days:
        return bool(days & {d.start_date for d in find_dates(text)})
    folded = re.sub(r"\s+", "", text).lower()
    return re.sub(r"\s+", "", compared).lower() in folded
