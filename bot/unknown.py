"""How a field the documents do not state is shown: a word, never Python's ``None``.

A report form may lack its quarter or target level, or be removed and leave its project
without fields; every view says "ไม่ระบุ" ("not stated" in English) there.
"""

from __future__ import annotations

__all__ = ["UNKNOWN", "UNKNOWN_EN", "or_unknown", "quarter_label"]

#: The word for a field no document states.
UNKNOWN = "ไม่ระบุ"
UNKNOWN_EN = "not stated"


def or_unknown(value: object, english: bool = False) -> str:
    """``value`` as text, or :data:`UNKNOWN` (:data:`UNKNOWN_EN`) when it is None or empty."""
    if value is None or value == "":
        return UNKNOWN_EN if english else UNKNOWN
    return str(value)


def quarter_label(quarter: int | None, fiscal_year: int | None, english: bool = False) -> str:
    """"2/2566" (``Q2 FY2566`` in English), or the unknown word when either part is missing."""
    if not quarter or not fiscal_year:
        return UNKNOWN_EN if english else UNKNOWN
    return f"Q{quarter} FY{fiscal_year}" if english else f"{quarter}/{fiscal_year}"
