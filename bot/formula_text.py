"""The formula and markup checks, as the bot imports them: see :mod:`knowledge.formula_text`.

One check for every path into an export; it lives in ``knowledge`` because the readers
(workbook names, JSON titles, file names) apply it as well as the bot.
"""

from __future__ import annotations

from knowledge.formula_text import (
    FORMULA_SIGNS,
    has_markup,
    is_formula,
    spreadsheet_cells,
    spreadsheet_lines,
    starts_like_formula,
)

__all__ = ["FORMULA_SIGNS", "has_markup", "is_formula", "spreadsheet_cells",
           "spreadsheet_lines", "starts_like_formula"]
