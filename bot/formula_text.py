r"""Text as a spreadsheet reads it: look-alike signs folded, one entry per line.

A formula guard that looks only at the first character of a text misses two ways in:

* a formula after a line break ("ประชุม\r=cmd|'/c calc'!A1"): a cell, a CSV field or
  a pasted line is read line by line, and any of Python's line breaks (LF, CR, CR LF,
  VT, FF, U+2028 and the rest) starts one;
* a full-width or other compatibility look-alike of a formula sign ("＝SUM(A1)",
  "＋", "－", "＠", "﹦"): an input method that types them is converted back to ASCII
  by spreadsheets (and by NFKC), so they are the same signs.

:func:`spreadsheet_lines` gives the lines a guard must check, each folded with NFKC (and
the minus sign U+2212 as "-"), leading white space kept so the guard decides about a
tab or space before the sign itself.
"""

from __future__ import annotations

import unicodedata

__all__ = ["FORMULA_SIGNS", "spreadsheet_lines", "starts_like_formula"]

#: What a spreadsheet may read as the start of a formula (OWASP, CSV injection).
FORMULA_SIGNS = ("=", "+", "-", "@")
#: Signs NFKC leaves alone that a reader still takes for one of :data:`FORMULA_SIGNS`.
_MORE_SIGNS = str.maketrans({"\u2212": "-", "\u2796": "-", "\u2795": "+"})


def spreadsheet_lines(text: str) -> list[str]:
    r"""Every line of ``text`` (any line break), look-alike signs folded to ASCII.

    ``"ประชุม\r＝cmd"`` gives ``["ประชุม", "=cmd"]``.  Lines are not stripped.
    """
    folded = unicodedata.normalize("NFKC", text).translate(_MORE_SIGNS)
    return folded.splitlines() or [folded]


def starts_like_formula(text: str) -> bool:
    """Whether any line of ``text`` begins (after tabs and spaces) with a formula sign.

    OWASP's rule for text written to a spreadsheet or CSV: such text gets a quote
    prefix.  A tab or CR first is one too (OWASP lists both).
    """
    return text.startswith(("\t", "\r")) or any(
        line.lstrip(" \t").startswith(FORMULA_SIGNS) or line.startswith("\t")
        for line in spreadsheet_lines(text))
