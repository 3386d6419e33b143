"""A part's count is no answer to the whole's: one day, one cause, one province.

"ช่วงเทศกาลสงกรานต์ 2567 มีผู้เสียชีวิตกี่ราย" asks for the festival's deaths; a release
that reports one province's first day ("... จังหวัดพระนครศรีอยุธยา ประจำวันที่ 11 เมษายน
2567 (วันที่ 1) ... จำนวนผู้เสียชีวิต 1 ราย") or the deaths of one cause ("ผู้เสียชีวิตมี
มูลเหตุสันนิษฐานมาจากขับรถเร็วเกินกว่ากฎหมายกำหนด 22 ราย") states a part of it.  A count
is a part's when the clause before it (:data:`PART_REACH` characters, in its paragraph,
back to the value before it) names one day of the period, a cause, or one province, and
the question names no such part itself (:func:`sub_count_mask`); so is every count of a
release whose title scopes it to one day ("... วันที่ 2 ของช่วงควบคุมเข้มข้น"), but a
running total it states ("สะสม", "รวม").
"""

from __future__ import annotations

import re

import numpy as np
import numpy.typing as npt

from bot.answering.reading import SpanRows

__all__ = ["PART_REACH", "asked_parts", "sub_count", "sub_count_mask", "title_part"]

#: How far before a count its part may be named, in characters.
PART_REACH = 160
#: The marks of each kind of part, in a text before a count.
_PART_MARKS: dict[str, re.Pattern[str]] = {
    # One day of a running period: "ประจำวันที่ 11 เมษายน", "(วันที่ 1)", "วันที่ 2 ของช่วง".
    "day": re.compile(r"ประจำวันที่|\(\s*วันที่\s*\d+\s*\)|วันที่\s*\d+\s*ของ(?:ช่วง|การ)|"
                      r"วันแรกของ|เมื่อวาน"),
    # One cause or one behaviour: "มีมูลเหตุสันนิษฐานมาจาก", "สาเหตุจาก", "พฤติกรรมเสี่ยง".
    "cause": re.compile(r"มูลเหตุ|สาเหตุ|พฤติกรรมเสี่ยง|เกิดจาก|มาจาก"),
    # One province's figures: "ของจังหวัด...", "ในพื้นที่จังหวัด...", "ศูนย์ ... จังหวัด".
    "province": re.compile(r"(?:ของ|ใน(?:พื้นที่)?)\s*จังหวัด|ศูนย์ปฏิบัติการ[^\n]{0,120}จังหวัด"),
}
#: The words by which a question names a part itself (then that part is asked).
_ASKED_PART: dict[str, re.Pattern[str]] = {
    "day": re.compile(r"วันที่|วันแรก|วันสุดท้าย|ต่อวัน|วันละ|รายวัน|ประจำวัน|\bday\b", re.I),
    "cause": re.compile(r"สาเหตุ|มูลเหตุ|เพราะ|เกิดจาก|มาจาก|พฤติกรรม|ขับรถเร็ว|เมา|หมวก|"
                        r"\bcause|\bbecause\b|\bspeed", re.I),
    "province": re.compile(r"จังหวัด|จ\.|\bprovince\b", re.I),
}
#: Counts of people and events, the kinds a festival's figures are stated in.
_COUNT = re.compile(r"\d[\d,]*\s*(?:ราย|คน|ครั้ง|คัน)")
# A question that asks for the whole outright.
_ASKS_WHOLE = re.compile(r"รวม|ทั้งหมด|ทั้งสิ้น|สะสม|ทั้งประเทศ|ทั่วประเทศ|\btotal\b|\bin all\b",
                         re.I)


def asked_parts(question: str) -> frozenset[str]:
    """The kinds of part ``question`` names itself (``"day"``, ``"cause"``, ``"province"``)."""
    return frozenset(k for k, p in _ASKED_PART.items() if p.search(question))


#: A running total: "สะสม", "รวม 2 วัน", "ตลอด 7 วัน": the whole so far, no one day's.
_RUNNING = re.compile(r"สะสม|รวม|ตลอด|ทั้งสิ้น")


def title_part(title: str, parts: frozenset[str]) -> bool:
    """Whether a document's ``title`` scopes it to one day and the question names none.

    "... วันที่ 2 ของช่วงควบคุมเข้มข้น", "... ประจำวันที่ 11 เมษายน"; ``parts``: the
    kinds of part the question names (:func:`asked_parts`).
    """
    return "day" not in parts and _PART_MARKS["day"].search(title or "") is not None


def sub_count(text: str, start: int, parts: frozenset[str]) -> bool:
    """Whether the count at ``text[start]`` is stated for a part of a kind not in ``parts``.

    The text read is the one before the count, back :data:`PART_REACH` characters or to
    its paragraph's start.  A day or a province scopes every count of the report after it
    ("... ประจำวันที่ 11 เมษายน 2567 (วันที่ 1) มีจำนวนผู้บาดเจ็บ 10 ราย ... จำนวนผู้เสียชีวิต
    1 ราย"); a cause only its own count, so its clause starts after the count before it.
    """
    lo = max(0, start - PART_REACH, text.rfind("\n", 0, start) + 1)
    own = lo
    for m in _COUNT.finditer(text, lo, start):
        own = max(own, m.end())
    for kind, mark in _PART_MARKS.items():
        if kind not in parts and mark.search(text[own if kind == "cause" else lo:start]):
            return True
    return False


def sub_count_mask(rows: SpanRows, question: str, among: npt.NDArray[np.bool_],
                   kinds: frozenset[str]) -> npt.NDArray[np.bool_]:
    """Which of the candidates ``among`` are counts of a part the question does not name.

    ``question``: as read (normalised, lower case); ``kinds``: the document kinds read
    so (releases and reports, which state a period's parts beside its whole; an
    encyclopaedia's "เกิดจาก ..." tells a cause, not a part).  All False for a question
    that asks for the whole outright ("รวม", "ทั้งหมด", "สะสม") or names every kind of part.
    """
    out = np.zeros(len(rows.x), dtype=bool)
    parts = asked_parts(question)
    if _ASKS_WHOLE.search(question) or len(parts) == len(_PART_MARKS):
        return out
    for r in np.flatnonzero(among).tolist():
        p, a, b = rows.span(r)
        if p.hit.kind not in kinds or (
                _COUNT.match(p.text, a) is None and _COUNT.search(p.text, a, b) is None):
            continue
        # A release of one day's figures states them for that day, unless the clause
        # says a running total ("สะสม 2 วัน รวม 75 ราย").
        lo = max(0, a - PART_REACH // 2, p.text.rfind("\n", 0, a) + 1)
        daily = title_part(p.hit.title, parts) and not _RUNNING.search(p.text, lo, b)
        out[r] = daily or sub_count(p.text, a, parts)
    return out
