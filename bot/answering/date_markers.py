"""A date asked "since when" or "by when" is the one the text writes with that word.

"ครม. 7 พ.ย. 66 อนุมัติหลักการให้แบ่งจ่ายเงินเดือนข้าราชการเป็น 2 รอบ มีผลตั้งแต่วันที่
เท่าไร": the release writes "(ตามมติ ครม. เมื่อวันที่ 13 กันยายน 2566) ... แบ่งจ่ายเป็น 2 รอบ
ตั้งแต่วันที่ 1 มกราคม 2567 เป็นต้นไป", and the earlier resolution's day led.  A question
that asks a date with "ตั้งแต่" (since, from) or "ภายใน" (by, within) is answered by a date
the text writes after the same word; where some candidate date is so written, the dates
written after neither word are other values (as a value stated per the asked unit puts
the totals aside, :mod:`bot.answering.per_unit`).  Where none is, the dates are left to
the model as before.

Pure functions over texts and candidate rows.
"""

from __future__ import annotations

import re

import numpy as np
import numpy.typing as npt

from bot.answering.reading import SpanRows

__all__ = ["MARKER_REACH", "asked_marker", "marked", "unmarked_date_mask"]

#: The words that ask a date by its role, and the words a text writes before such a date.
_MARKERS: dict[str, re.Pattern[str]] = {
    "since": re.compile(r"ตั้งแต่|เริ่ม(?:ตั้งแต่|ใช้|มีผล)?"),
    "by": re.compile(r"ภายใน|ไม่เกิน|ก่อน"),
}
#: How a question asks so: the word, then the asked date ("ตั้งแต่วันที่เท่าไร", "ภายใน
#: วันไหน", "ตั้งแต่เมื่อไร").
_ASKED = {
    "since": re.compile(r"ตั้งแต่\s*(?:วัน(?:ที่)?)?\s*(?:เท่า|ไหน|ใด|เมื่อ)"),
    "by": re.compile(r"ภายใน\s*(?:วัน(?:ที่)?)?\s*(?:เท่า|ไหน|ใด|เมื่อ)"),
}
#: Characters before a date its word may stand in ("ตั้งแต่วันที่ ", "ภายในวันที่ ").
MARKER_REACH = 14


def asked_marker(question: str) -> str | None:
    """``"since"`` or ``"by"`` when ``question`` asks a date so, else None."""
    return next((kind for kind, pattern in _ASKED.items() if pattern.search(question)), None)


def marked(text: str, start: int, kind: str) -> bool:
    """Whether the date at ``text[start]`` is written after a word of ``kind``."""
    window = text[max(0, start - MARKER_REACH):start]
    return bool(re.search(rf"(?:{_MARKERS[kind].pattern})\s*(?:วันที่|วัน)?\s*$", window))


def unmarked_date_mask(rows: SpanRows, question: str,
                       among: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
    """Which candidate dates ``among`` are not written after the word the question asks by.

    All False when the question asks no date so, or no candidate is so written.
    """
    out = np.zeros(len(rows.x), dtype=bool)
    kind = asked_marker(question)
    if kind is None or not among.any():
        return out
    idx = np.flatnonzero(among).tolist()
    marks = {}
    for r in idx:
        p, a, _ = rows.span(r)
        marks[r] = marked(p.text, a, kind)
    if not any(marks.values()):
        return out
    for r, m in marks.items():
        out[r] = not m
    return out
