"""Distributive units: a value stated per one unit is no answer per another.

Releases state an allowance per village beside one per household: "สนับสนุนงบประมาณ
หมู่บ้านละ 20,000 บาท ... ครัวเรือนละ 3,000 บาท", "3,000 บาทต่อครัวเรือน", "500 บาท/คน".
A question that asks per one unit ("ได้เงินหมู่บ้านละเท่าไร", "ต่อครัวเรือนกี่บาท") is
answered by the value stated per that unit:

* a value stated per another unit (the unit with "ละ" right before it, or "ต่อ"/"/" and a
  unit right after it) is another value (:func:`other_unit_mask`);
* where some value is stated per the asked unit, a value stated per none (a total) is
  another value too;
* a question for a total ("รวม", "ทั้งหมด") asks per no unit: where some value is stated
  per none, a value stated per a unit ("150,000 บาท ต่อ 1 เครื่อง") is another value.

:func:`asked_unit` reads the question; "คนละครึ่ง" (a scheme's name) and "แต่ละ" (each)
ask per nothing.  The units are the counted units and classifiers of
:mod:`bot.answering.question`.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from bot.answering.question import COUNT_UNITS, OTHER_CLASSIFIERS
from bot.answering.reading import SpanRows

__all__ = ["PER_UNIT_REACH", "asked_unit", "other_unit_mask", "stated_per_mask", "stated_unit"]

#: How far before a value its "หมู่บ้านละ" may stand, in characters ("หมู่บ้านละไม่เกิน
#: 20,000 บาท").
PER_UNIT_REACH = 24
# Units that are no distributive unit: money and shares ("ร้อยละ" is a percentage).
_NOT_PER = frozenset({"ล้านบาท", "บาท", "ล้าน", "เปอร์เซ็นต์", "ร้อยละ", "ดอลลาร์", "ปอนด์",
                      "ยูโร", "เท่า", "ระดับ"})
# Words between "หมู่บ้านละ" and its value.
_BETWEEN = r"(?:\s*(?:ไม่เกิน|ไม่ต่ำกว่า|ไม่น้อยกว่า|อย่างน้อย|สูงสุด|จำนวน|ประมาณ|เป็นเงิน|เป็นจำนวน|" \
           r"เฉลี่ย|รวม|ละ|งบประมาณ|เงิน|ได้รับ))*\s*"


#: A question for a total: per no unit whatever its value is of.
_ASKS_TOTAL = re.compile(r"รวม|ทั้งหมด|ทั้งสิ้น|\btotal\b|\bin all\b|altogether", re.I)


def _span(rows: SpanRows, r: int) -> tuple[str, int, int]:
    p, a, b = rows.span(r)
    return p.text, a, b


# A value is asked for ("เท่าไร", "กี่บาท"): "เป็นอย่างไรต่อประเทศ" asks per nothing.
_ASKS_AMOUNT = re.compile(r"เท่า|กี่")


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    units = sorted({u for u in (*COUNT_UNITS, *OTHER_CLASSIFIERS) if u not in _NOT_PER},
                   key=len, reverse=True)
    alt = "|".join(re.escape(u) for u in units)
    # "แต่ละ", "ร้อยละ", "ทีละ" name no unit ("แต่", "ร้อย" and "ที" are none).
    # "100,000 ครัวเรือน ๆ ละ 50,000 บาท": the unit repeated by ๆ.
    # "รายได้ต่อเดือน 52,000 บาท": "ต่อ" and the unit before the value.
    before = re.compile(rf"(?:(?P<u>{alt})\s*(?:ๆ\s*)?ละ|ต่อ\s*(?P<v>{alt})){_BETWEEN}$")
    # "150,000 บาท ต่อ 1 เครื่อง": per one unit written with its one.
    after = re.compile(rf"\s*(?:ต่อ\s*|/\s*)(?:(?:1|หนึ่ง)\s*)?(?P<u>{alt})(?![ก-ฮ])")
    asked = re.compile(
        rf"(?P<u>{alt})ละ\s*(?=เท่า|กี่|ประมาณ|ได้|จำนวน|ไม่เกิน|สูงสุด|\?|$)"
        rf"|(?:ต่อ\s*|/\s*)(?:(?:1|หนึ่ง)\s*)?(?P<v>{alt})\s*(?=เท่า|กี่|ประมาณ|\?|$)")
    return before, after, asked


def asked_unit(question: str) -> str | None:
    """The unit a question asks a value per ("หมู่บ้านละเท่าไร": ``"หมู่บ้าน"``), or None."""
    m = _patterns()[2].search(question)
    if m is None or not _ASKS_AMOUNT.search(question):
        return None
    return m.group("u") or m.group("v")


def stated_unit(text: str, start: int, end: int) -> str | None:
    """The unit the value ``text[start:end]`` is stated per, or None (see the module)."""
    before, after, _ = _patterns()
    m = before.search(text[max(0, start - PER_UNIT_REACH):start])
    if m is not None:
        return m.group("u") or m.group("v")
    m = after.match(text, end)
    if m is None:
        # A rate led whole ("10 คนต่อวัน": bot.answering.candidates.RATE_TAIL) holds its
        # unit at its end.
        m = after.search(text, start, end)
        if m is not None and text[m.end():end].strip():
            m = None
    if m is not None:
        return m.group("u")
    return None


def other_unit_mask(rows: SpanRows, question: str,
                    among: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
    """Which of the candidates ``among`` are stated per another unit than the asked one.

    All False when the question asks per no unit.  See the module for the rule.
    """
    out = np.zeros(len(rows.x), dtype=bool)
    unit = asked_unit(question)
    if unit is None and _ASKS_TOTAL.search(question) and among.any():
        # "ลดค่าใช้จ่ายรวมเท่าไร": a value stated per one unit ("150,000 บาท ต่อ 1
        # เครื่อง") answers per that unit only, where a value stated per none is read.
        per = {r: stated_unit(*_span(rows, r)) for r in np.flatnonzero(among).tolist()}
        if any(u is None for u in per.values()):
            for r, u in per.items():
                out[r] = u is not None
        return out
    if unit is None or not among.any():
        return out
    idx = np.flatnonzero(among).tolist()
    units = {}
    for r in idx:
        p, a, b = rows.span(r)
        units[r] = stated_unit(p.text, a, b)
    same = any(u == unit for u in units.values())
    for r, u in units.items():
        out[r] = (u is not None and u != unit) or (same and u is None)
    return out


def stated_per_mask(rows: SpanRows, unit: str,
                    among: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
    """Which of the candidates ``among`` are stated per ``unit`` (:func:`stated_unit`)."""
    out = np.zeros(len(rows.x), dtype=bool)
    for r in np.flatnonzero(among).tolist():
        p, a, b = rows.span(r)
        out[r] = stated_unit(p.text, a, b) == unit
    return out
