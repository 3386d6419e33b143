"""Meetings: "การประชุม<คณะ> ครั้งที่ N/YYYY" names one meeting of one body.

Committees number their meetings each year from 1: "การประชุมคณะกรรมการนโยบายพลังงาน
แห่งชาติ ครั้งที่ 2/2566" and "การประชุมคณะกรรมการขับเคลื่อนการพัฒนาที่ยั่งยืน ครั้งที่
2/2566" are two meetings.  The qualifier check (:mod:`bot.answering.qualifiers`) matches
the number and the year; a passage that writes the asked number only for another body's
meeting does not tell of the meeting asked (:func:`meeting_agrees`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.answering.consistency import written_be_year
from indexer.tokenize import word_spans
from knowledge.thai import to_arabic_digits

__all__ = ["Meeting", "asked_meeting", "meeting_agrees"]

# "ประชุม" then the body's name, then "ครั้งที่ N" and an optional "/YYYY".
_MEETING = re.compile(r"ประชุม(?P<body>[^\n]{0,120}?)\s*ครั้งที่\s*(?P<n>\d{1,3})(?!\d)"
                      r"(?:\s*/\s*(?P<y>\d{4}|\d{2})(?!\d))?")
#: Words of a body's name that do not tell one body from another.
_GENERIC = frozenset({"การ", "คณะ", "กรรมการ", "คณะกรรมการ", "อนุกรรมการ", "คณะอนุกรรมการ",
                      "ประชุม", "ของ", "ชุด", "ที่", "แห่ง", "ชาติ", "แห่งชาติ", "และ", "ใน", "ว่า",
                      "ด้วย", "เพื่อ", "ประจำ", "ปี", "ครั้ง", "ร่วม", "สามัญ", "วิสามัญ", "เป็น",
                      "ได้", "มี", "จะ", "นี้", "ซึ่ง", "โดย", "เมื่อ", "วันที่", "พ.ศ.", "ประจำปี",
                      "งบประมาณ", "ปีงบประมาณ"})


@dataclass(frozen=True)
class Meeting:
    """A numbered meeting a question names: the body's distinctive words, number, year."""

    words: frozenset[str]
    number: int
    year: int | None


def _year(written: str | None) -> int | None:
    return written_be_year(written) if written else None


def _words(body: str) -> frozenset[str]:
    words = {body[a:b].casefold() for a, b in word_spans(body)}
    return frozenset(w for w in words
                     if w not in _GENERIC and len(w) >= 2 and not w.isdigit() and w.strip())


@lru_cache(maxsize=256)
def asked_meeting(question: str) -> Meeting | None:
    """The numbered meeting ``question`` names with its body, or None.

    "การประชุมคณะกรรมการนโยบายพลังงานแห่งชาติ ครั้งที่ 2/2566 มีมติอย่างไร" →
    Meeting({"นโยบาย", "พลังงาน"}, 2, 2566).  None when no "ประชุม ... ครั้งที่ N"
    is named, or without the body's name ("การประชุมครั้งที่ 2 จัดเมื่อไร").
    """
    m = _MEETING.search(to_arabic_digits(question or ""))
    if m is None:
        return None
    words = _words(m.group("body"))
    if not words:
        return None
    return Meeting(words, int(m.group("n")), _year(m.group("y")))


def meeting_agrees(meeting: Meeting, text: str, title: str = "") -> bool:
    """Whether a passage (``text``, its document's ``title``) may tell of ``meeting``.

    False when it names the asked meeting's number (and year) only for bodies that
    share less than half of the asked body's distinctive words; True otherwise
    (including when it names no meeting of that number, or its body only by an
    abbreviation).
    """
    others = 0
    for source in (title, text):
        for m in _MEETING.finditer(to_arabic_digits(source or "")):
            if int(m.group("n")) != meeting.number:
                continue
            year = _year(m.group("y"))
            if meeting.year is not None and year is not None and year != meeting.year:
                continue
            words = _words(m.group("body"))
            if not words or all("." in w for w in words):
                # "ในการประชุมครั้งที่ 2/2566": the body is named elsewhere; "การประชุม
                # กพช. ครั้งที่ 2/2566": by letters this check cannot spell out.
                return True
            shared = len(meeting.words & words) + sum(
                1 for w in meeting.words - words if w in m.group("body").casefold())
            if shared * 2 >= len(meeting.words):
                return True
            others += 1
    return others == 0
