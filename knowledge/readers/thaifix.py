"""Repair Thai text extracted from PDFs (and OCR) before anything else reads it.

PDF text layers spell Thai the way the font draws it, not the way it is typed:

- sara am as nikhahit + sara aa ("ดําเนิน" for "ดำเนิน"), handled by
  :func:`knowledge.thai.normalize_text`;
- a tone mark before the upper or lower vowel it sits on ("ก่ี" for "กี่"), or a mark
  cut off from its letter by a space or a line break ("ก ่");
- the same mark twice (a bold font drawn twice);
- lines broken inside a word: Thai puts no space between words, so a line end between
  two Thai letters is no word break at all.

Running headers and footers (the same line on most pages, page numbers included) are
removed page by page with :func:`strip_page_furniture`.  Every function here is pure.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from knowledge.thai import normalize_text, to_arabic_digits

__all__ = ["reflow", "repair_thai", "strip_page_furniture"]

#: Marks drawn above or below a letter: mai han-akat, upper and lower vowels, phinthu,
#: maitaikhu, tone marks, thanthakhat, nikhahit, yamakkan; and sara am.
_MARKS = "\u0e31\u0e33\u0e34-\u0e3a\u0e47-\u0e4e"
_VOWEL_MARKS = "\u0e31\u0e34-\u0e3a\u0e47"
_TONES = "\u0e48-\u0e4b"
_DETACHED = re.compile(rf"(?<=[\u0e01-\u0e2e{_MARKS}])[ \t\u00a0]+(?=[{_MARKS}])")
_TONE_FIRST = re.compile(rf"([{_TONES}])([{_VOWEL_MARKS}])")
_TONE_BEFORE_AM = re.compile(rf"\u0e33([{_TONES}])")
_DOUBLED = re.compile(rf"([{_MARKS}])\1+")
_THAI_LETTER = re.compile(r"[\u0e01-\u0e3a\u0e40-\u0e4e]")


def repair_thai(text: str) -> str:
    """``text`` with Thai marks in typed order, attached to their letters, each once.

    Sara am is composed, a tone mark moves after the vowel it was drawn before, spaces
    between a letter and its marks go, and a doubled mark is kept once.  Text that is
    already right comes back unchanged.
    """
    text = normalize_text(text)
    text = _DETACHED.sub("", text)
    text = _TONE_FIRST.sub(r"\2\1", text)
    text = _TONE_BEFORE_AM.sub("\\1\u0e33", text)
    text = _DOUBLED.sub(r"\1", text)
    return normalize_text(text)


#: A line that is only a page number: "3", "- 3 -", "หน้า 3", "3/12", "หน้า ๓ จาก ๑๒".
_PAGE_NUMBER = re.compile(
    r"^\s*[-–(\[]?\s*(?:หน้า|page)?\s*\d{1,4}\s*(?:(?:/|จาก|of)\s*\d{1,4})?\s*[-–)\]]?\s*$",
    re.IGNORECASE,
)
#: How many lines at the top and the bottom of a page may be running heads or feet.
_EDGE_LINES = 3


def _furniture_key(line: str) -> str:
    """A line with its numbers blanked, so "หน้า 2" and "หน้า 3" count as one line."""
    return re.sub(r"\d+", "#", to_arabic_digits(line)).strip()


def _edge_indexes(lines: Sequence[str]) -> list[int]:
    """Indexes of a page's edge lines: its first and last few.

    On a page too short to have a body between them, only its first and last line.
    """
    nonblank = [i for i, ln in enumerate(lines) if ln.strip()]
    k = _EDGE_LINES if len(nonblank) > 2 * _EDGE_LINES else 1
    return sorted(set(nonblank[:k] + nonblank[-k:]))


def strip_page_furniture(pages: Sequence[list[str]]) -> list[list[str]]:
    """Pages' lines without running headers, footers and page numbers.

    An edge line of a page (one of its first or last few lines; only the very first and
    last on a short page) is furniture when it is a bare page number, or when the same
    line (numbers aside) stands at an edge of at least half the pages, and of two at
    least.  Lines in the body are never removed.
    """
    counts: Counter[str] = Counter()
    for lines in pages:
        counts.update({_furniture_key(lines[i]) for i in _edge_indexes(lines)})
    need = max(2, (len(pages) + 1) // 2)
    repeated = {k for k, n in counts.items() if n >= need}
    out = []
    for lines in pages:
        edge = set(_edge_indexes(lines))
        out.append([
            ln
            for i, ln in enumerate(lines)
            if not (
                i in edge
                and (_PAGE_NUMBER.match(to_arabic_digits(ln)) or _furniture_key(ln) in repeated)
            )
        ])
    return out


#: A line that starts something new: a numbered item ("1.", "6.1", "๒)"), a bullet, a
#: dash, or a table row (cells are separated by tabs).
_STARTS_ITEM = re.compile(r"^\s*(?:[\d๐-๙]+(?:\.[\d๐-๙]+)*[.)]|[-•●▪*]\s|\(\s*[\d๐-๙]+\s*\))")


def reflow(lines: Sequence[str], *, full_width: float = 0.8) -> list[str]:
    """Paragraphs from a page's lines: wrapped lines joined, items and rows kept apart.

    A line continues the one before unless that one was short (it ended a paragraph:
    shorter than ``full_width`` of the page's longest line), this one starts a numbered
    item, a bullet or a dash, or either is a table row (holds a tab).  Joining two Thai
    letters adds nothing (Thai puts no space between words); any other join adds one
    space.  Blank lines end paragraphs.
    """
    lengths = [len(ln.strip()) for ln in lines if ln.strip() and "\t" not in ln]
    longest = max(lengths, default=0)
    paragraphs: list[str] = []
    cur = ""
    prev_full = False
    for raw in lines:
        line = raw.strip()
        if not line:
            if cur:
                paragraphs.append(cur)
            cur, prev_full = "", False
            continue
        new = (
            not cur
            or not prev_full
            or "\t" in line
            or "\t" in cur
            or bool(_STARTS_ITEM.match(line))
        )
        if new:
            if cur:
                paragraphs.append(cur)
            cur = line
        elif _THAI_LETTER.match(cur[-1]) and _THAI_LETTER.match(line[0]):
            cur += line
        else:
            cur += " " + line
        prev_full = "\t" not in line and len(line) >= full_width * longest
    if cur:
        paragraphs.append(cur)
    return paragraphs
