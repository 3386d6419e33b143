"""A date the question states is not the date it asks for.

"ครม. เมื่อ 14 มี.ค. 66 ทบทวนมติ ครม. ลงวันที่เท่าไร": the question dates its premise (the
meeting of 14 March 2566) and asks for another date (the resolution reviewed, 20 December
2565); the release writes both ("เมื่อวันที่ 14 มีนาคม 2566 คณะรัฐมนตรีได้มีมติเห็นชอบการ
ทบทวนมติคณะรัฐมนตรีเมื่อวันที่ 20 ธันวาคม 2565"), and the premise's day, near the
question's words, was the lead.  A whole date (day, month and year, in any Thai form)
that the question itself writes is another value than the one asked; the figures'
counterpart is :func:`bot.answering.siblings.echoed_value`.

Pure functions over texts.
"""

from __future__ import annotations

import datetime as dt

from knowledge.thai import find_dates

__all__ = ["DATE_REACH", "echoed_date", "stated_days", "without_whole_dates"]

#: Characters after a value's start read for the date it opens with.
DATE_REACH = 40


def stated_days(question: str) -> frozenset[dt.date]:
    """The whole dates ``question`` writes (single days; both ends of a range)."""
    days: set[dt.date] = set()
    for m in find_dates(question):
        days.update((m.start_date, m.end_date))
    return frozenset(days)


def echoed_date(text: str, start: int, question: str) -> bool:
    """Whether the date the value at ``text[start]`` opens with is one ``question`` writes.

    Whole dates only (a day and month with no year is left alone: the question's year
    may not be its), the value's date opening within its first few characters
    ("วันที่ 14 มีนาคม 2566").  False when the question writes no date.
    """
    asked = stated_days(question)
    if not asked:
        return False
    found = find_dates(text[start:start + DATE_REACH])
    return bool(found) and found[0].start <= 8 and found[0].start_date in asked \
        and found[0].end_date == found[0].start_date


def without_whole_dates(question: str) -> str:
    """``question`` with each whole date it writes blanked out (a space each).

    For the qualifiers a date question sets on its answer: "ครม. 7 พ.ย. 66 อนุมัติ ... มีผล
    ตั้งแต่วันที่เท่าไร" dates its premise (the meeting) in 2566, and the date asked ("ตั้งแต่
    วันที่ 1 มกราคม 2567") may be of another year; "ปี 2566 ... เมื่อไร" still asks 2566.
    """
    out = question
    for m in reversed(find_dates(question)):
        out = out[:m.start] + " " + out[m.end:]
    return out
