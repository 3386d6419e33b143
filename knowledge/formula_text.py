r"""Text as a spreadsheet reads it, and the one check of formulas and markup.

Look-alike signs are folded, one entry per line.

A formula guard that looks only at the first character of a text misses two ways in:

* a formula after a line break ("ประชุม\r=cmd|'/c calc'!A1"): a cell, a CSV field or
  a pasted line is read line by line, and any of Python's line breaks (LF, CR, CR LF,
  VT, FF, U+2028 and the rest) starts one;
* a full-width or other compatibility look-alike of a formula sign ("＝SUM(A1)",
  "＋", "－", "＠", "﹦"): an input method that types them is converted back to ASCII
  by spreadsheets (and by NFKC), so they are the same signs.

:func:`spreadsheet_lines` gives the lines a guard must check, each folded with NFKC (and
the minus sign U+2212 as "-"), leading white space kept so the guard decides about a
tab or space before the sign itself.  A tab starts a cell where text is pasted or
saved as tab-separated values: :func:`spreadsheet_cells` splits there too.

Every path text takes into a summary, a workbook or a citation checks it here: an
officer's update (:func:`is_formula`, :func:`has_markup`: refused), a workbook's
names, a JSON document's title, a file's name (refused or replaced at ingest), and
every cell written (:func:`starts_like_formula`: Excel's quote prefix).
"""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = [
    "FORMULA_RE",
    "FORMULA_SIGNS",
    "MARKUP_RE",
    "has_markup",
    "is_formula",
    "spreadsheet_cells",
    "spreadsheet_lines",
    "starts_like_formula",
    "unsafe_kind",
    "visible",
]

#: What a spreadsheet may read as the start of a formula (OWASP, CSV injection).
FORMULA_SIGNS = ("=", "+", "-", "@")
#: Signs NFKC leaves alone that a reader still takes for one of :data:`FORMULA_SIGNS`.
_MORE_SIGNS = str.maketrans({"\u2212": "-", "\u2796": "-", "\u2795": "+"})

#: Text a spreadsheet would run as a formula: "=SUM(A1:A10)", "-2+3", "+" or "@" before a
#: cell, a function or a name ("+A1", "+SUM(", "@cmd", "+(A1)") or before an operator
#: ("+5*3", "+66|' /C calc'!A0"), a function call after "=", or a cell range ("A1:A10").
#: A telephone number is no formula ("+66 81 234 5678", "+6621234567", "+66-2-123-4567":
#: digits, spaces, dashes, brackets), nor is "@" before a Thai place ("@ศาลากลาง").
FORMULA_RE = re.compile(
    r"^\s*(?:="
    r"|[+@]\s*(?:\(\s*)?[A-Za-z$]|[+@]\S*[*/^&=<>|!]"
    r"|-\s*[\d(A-Za-z][^\s]*[=+*/^(])"
    r"|=\s*[A-Za-z][A-Za-z0-9_.]*\s*\("
    r"|(?<![A-Za-z0-9])\$?[A-Za-z]{1,3}\$?\d{1,7}\s*:\s*\$?[A-Za-z]{1,3}\$?\d{1,7}(?![A-Za-z0-9])")
#: Markup: an HTML or XML tag, or a script/style block; a Markdown link or image
#: ("[click](javascript:alert(1))", "![x](http://…)"); an autolink ("<javascript:…>").
#: Kept, it would be echoed by /myupdates, approvals, summaries and search snippets, and
#: could become a link wherever a reader renders Markdown or HTML.
MARKUP_RE = re.compile(r"<\s*/?\s*[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?\s*>|&(?:lt|gt|amp|nbsp);"
                       # An HTML comment, CDATA or processing instruction opened: "<!--"
                       # hides what follows wherever the text is rendered as HTML.
                       r"|<!--|<!\[CDATA\[|<\?[A-Za-z]"
                       r"|!?\[[^\]\n]*\]\(\s*[^()\s]*(?:\([^()\s]*\))?[^()\s]*\s*\)"
                       # Spaces before the bracket: some renderers still make a link.
                       r"|!?\[[^\]\n]*\]\s+\(\s*[A-Za-z][A-Za-z0-9+.-]*:[^()\s]*"
                       r"(?:\([^()\s]*\))?[^()\s]*\s*\)"
                       r"|<\s*[A-Za-z][A-Za-z0-9+.-]*:[^<>\s]*>")


#: Characters that show nothing (zero-width spaces and joiners, the byte-order mark, a
#: soft hyphen, direction marks): dropped before any check, since text is stored and shown
#: without some of them ("\u200b=1+1" is stored as "=1+1", "<\u200bscript>" as "<script>").
_INVISIBLE_RE = re.compile("[\u00ad\u034f\u180e\u200b-\u200f\u202a-\u202e"
                           "\u2060-\u2064\u2066-\u2069\ufeff]")


def visible(text: str) -> str:
    """``text`` without the characters that show nothing (:data:`_INVISIBLE_RE`)."""
    return _INVISIBLE_RE.sub("", text)


def spreadsheet_lines(text: str) -> list[str]:
    r"""Every line of ``text`` (any line break), look-alike signs folded to ASCII.

    ``"ประชุม\r＝cmd"`` gives ``["ประชุม", "=cmd"]``.  Lines are not stripped.
    """
    folded = unicodedata.normalize("NFKC", visible(text)).translate(_MORE_SIGNS)
    return folded.splitlines() or [folded]


def spreadsheet_cells(text: str) -> list[str]:
    r"""Every line of ``text`` and every tab-separated piece of one (:func:`spreadsheet_lines`).

    ``"ประชุม\t=1+1"`` gives ``["ประชุม", "=1+1"]``: pasted or saved as tab-separated
    values, the piece after a tab is a cell of its own.
    """
    return [cell for line in spreadsheet_lines(text) for cell in line.split("\t")]


@functools.cache
def _lookalike_signs() -> re.Pattern[str]:
    """A look-alike of "=", "+" or "@" (not ASCII) before a cell, a name, a number or "(".

    ``"ประชุม ﹦1+1"``, ``"＝A1"``, ``"⁺SUM("``: nobody types U+FE66 SMALL EQUALS SIGN in a
    report; a spreadsheet or NFKC turns it into "=", so it stands where "=" would be
    stripped or caught.  The minus look-alikes are left out ("−5 องศา" is a temperature).
    """
    signs = "".join(sorted(
        {chr(c) for c in range(0x80, 0x10000)
         if not 0xD800 <= c <= 0xDFFF
         and unicodedata.normalize("NFKC", chr(c)) in ("=", "+", "@")} | {"\u2795"}))
    return re.compile(f"[{re.escape(signs)}]\\s*[A-Za-z0-9($]")


def is_formula(text: str) -> bool:
    r"""Whether a cell, line or tab-separated piece of ``text`` is a spreadsheet formula.

    :data:`FORMULA_RE` on each of :func:`spreadsheet_cells`: ``"=SUM(A1)"``,
    ``"＝HYPERLINK(…)"``, ``"ประชุม\t=1+1"``; and a look-alike of "=", "+" or "@" before a
    formula anywhere in a line (``"ประชุม ﹦1+1"``, :func:`_lookalike_signs`).  A telephone
    number ``"+66 81 234 5678"`` is none.
    """
    text = visible(text)
    return (any(FORMULA_RE.search(cell) for cell in spreadsheet_cells(text))
            or (not text.isascii() and _lookalike_signs().search(text) is not None))


def unsafe_kind(text: str) -> str | None:
    """What no stored free text may be: ``"formula"``, ``"markup"``, or None for plain text.

    :func:`is_formula`, then :func:`has_markup`.  The one check of every text a user
    or a file gives that is stored and shown again elsewhere: an update's text, a
    rejection reason, a user's agency, a report form's text fields, a document's title.
    """
    if is_formula(text):
        return "formula"
    if has_markup(text):
        return "markup"
    return None


def has_markup(text: str) -> bool:
    """Whether ``text`` holds markup (:data:`MARKUP_RE`), look-alike signs folded too."""
    text = visible(text)
    return MARKUP_RE.search(text) is not None or any(
        MARKUP_RE.search(line) for line in spreadsheet_lines(text))


def starts_like_formula(text: str) -> bool:
    r"""Whether any line or cell of ``text`` begins (after spaces) with a formula sign.

    OWASP's rule for text written to a spreadsheet or CSV: such text gets a quote
    prefix.  A tab or CR first is one too (OWASP lists both), and so is a sign right
    after a tab (``"ประชุม\t=1+1"``).
    """
    return text.startswith(("\t", "\r")) or any(
        cell.lstrip(" ").startswith(FORMULA_SIGNS) for cell in spreadsheet_cells(text))
