"""Table rows of a report form as the lines of its text layout.

The quarterly report form is often laid out as a two-column table (label | value), in
Word and in the PDFs made from it.  :func:`row_line` turns one such row into the line
the text form would have ("1. หน่วยงาน ตท.สป.", "- ผลการดำเนินงาน (2.0000 ระดับ 5)"), so
that :func:`knowledge.parsers.parse_report` reads both layouts into the same fields.  A
row that is not a form field comes back as its cells joined by " | ".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from knowledge.parsers import ALIGNMENT_FIELDS
from knowledge.thai import normalize_text, to_arabic_digits

__all__ = ["row_line"]

_MAIN = {
    "1": "หน่วยงาน",
    "2": "ชื่อโครงการ",
    "3": "ตัวชี้วัด",
    "4": "งบประมาณ",
    "5": "ห้วงการรายงาน",
    "7": "ผลการดำเนินงานของแผนงาน/โครงการรายไตรมาส",
    "8": "ปัญหาและอุปสรรค",
}
_LABELS: tuple[tuple[str, str], ...] = (
    *((num, label) for num, label in _MAIN.items()),
    *((num, label) for num, (_kind, label) in ALIGNMENT_FIELDS.items()),
)
#: Level and disbursement rows of field 7: label → whether the value goes in brackets.
_LEVEL_LABELS = {
    "เป้าหมายการดำเนินงาน": True,
    "ผลการดำเนินงาน": True,
    "เป้าหมายการเบิกจ่าย": False,
    "ผลการเบิกจ่าย": False,
}
_NUMBERED = re.compile(r"^\s*\d+(?:\.\d+)?\.?\s*\S")
#: A level row's value: a score or an amount ("2.0000 ระดับ 5", "0.5000 ล้านบาท"), or the
#: level alone in words ("ระดับที่ ๕", "(ระดับ 4)"): one in words is no heading of field 7.
_LEVEL_VALUE = re.compile(r"^\(?\s*(?:[\d.,๐-๙]+|ระดับ)")


def _squeeze(text: str) -> str:
    return re.sub(r"[\s:：]+", "", normalize_text(text))


def _cells(cells: Sequence[str]) -> list[str]:
    out: list[str] = []
    for c in cells:
        c = c.strip()
        if c and (not out or out[-1] != c):  # a merged cell repeats its text
            out.append(c)
    return out


def row_line(cells: Sequence[str]) -> str:
    """The text-form line of a table row (see the module docstring); ``""`` when empty."""
    cs = _cells(cells)
    if not cs:
        return ""
    first, rest = cs[0], " ".join(cs[1:])
    key = _squeeze(first)
    if key in _LEVEL_LABELS and rest and _LEVEL_VALUE.match(to_arabic_digits(rest)):
        if _LEVEL_LABELS[key]:
            value = rest if rest.startswith("(") else f"({rest})"
            return f"- {first} {value}"
        return f"- {first} {rest}"
    if _NUMBERED.match(to_arabic_digits(first)):
        return f"{first} {rest}".strip()
    for num, label in _LABELS:
        sq = _squeeze(label)
        # The short form of a label ("ผลการดำเนินงาน" for field 7) counts too.
        if key == sq or (len(key) >= 6 and sq.startswith(key)):
            sep = " " if "." in num else ". "
            return f"{num}{sep}{label} {rest}".strip()
    return " | ".join(cs)
