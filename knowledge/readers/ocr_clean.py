"""What OCR read that is no text: table rules and specks read as letters, dropped.

Tesseract reads a scanned form's table borders, stamps and specks as stray letters and
signs: "ส่งเสริม… จังหวัดนครราชสีมา qv Ae  ฆ  ฉ4 aA", a line "[= :  ‘  ;  |".  Stored,
they become a project's name and passages that answers cite.  :func:`clean_ocr_lines`
takes such tokens out of each OCR line and drops a line left with no real word.

A token is junk (:func:`is_junk_token`) when it is a lone Thai letter with no vowel
("ฆ", "จ่"; "ณ", "ฯ" and "ๆ" are words), a short Latin piece that is no acronym in a
Thai line ("qv", "aA", "e"; "SDG", "BCG", "Q4" are kept), a Latin letter with a
digit ("ฉ4" style), or signs that no text writes alone ("|", "‘", "[=", ";").  In a line
with no Thai letter, short English words ("of", "in", "the") are words.  Pure functions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["OcrCleaned", "clean_ocr_lines", "is_junk_token", "junk_share", "real_words"]

#: Thai single-letter words and signs that stand alone in text.
_THAI_ALONE = frozenset({"ณ", "ฯ", "ๆ", "ก็", "ฯลฯ"})
#: A lone Thai consonant, with at most marks over or under it (no vowel letter).
_LONE_THAI = re.compile(r"^[\u0e01-\u0e2e][\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]*$")
#: Short English words a line without Thai may hold.
_ENGLISH_SHORT = frozenset(
    "a an the of in on at to by as is be it or and for we he she his her our are was not no "
    "yes per via up do if so my me us all any new one two has had may can off out own set "
    "use its who how why and mr mrs ms dr no vs etc".split())
#: Units of measure written in Latin letters in Thai text ("5 km", "20 kg").
_UNITS = frozenset("km kg cm mm ml m g l ha kw kwh mw gb mb tb".split())
#: Signs that text never writes standing alone (a dash, slash, colon or bracket may be).
_STRAY_SIGNS = re.compile(r"^[|\[\]{}“”‘’\"'`;=_~^*#<>\\!?.,:•·°¦«»]+$")
#: A letter stuck to a digit that is no code ("ฉ4", "a4"): a Thai letter and a digit.
_THAI_DIGIT = re.compile(r"^[\u0e01-\u0e2e][\u0e31-\u0e4e]*[0-9๐-๙]$|^[0-9๐-๙][\u0e01-\u0e2e]$")
#: Vowel signs or tone marks with no letter under them ("ื"), digits of both scripts mixed
#: in one short number ("๓2").
_MARKS_ALONE = re.compile(r"^[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]+$")
_MIXED_DIGITS = re.compile(r"^(?=.*[0-9])(?=.*[๐-๙])[0-9๐-๙]{2,3}$")
_THAI = re.compile(r"[\u0e01-\u0e4e]")
_LATIN = re.compile(r"^[A-Za-z]+$")


def is_junk_token(token: str, *, thai_line: bool) -> bool:
    """Whether ``token`` (no spaces) is OCR noise rather than a word, number or sign."""
    if not token or token in _THAI_ALONE:
        return False
    if (_LONE_THAI.match(token) or _THAI_DIGIT.match(token) or _STRAY_SIGNS.match(token)
            or _MARKS_ALONE.match(token) or _MIXED_DIGITS.match(token)):
        return True
    core = token.strip(".,:;()\"'“”‘’«»")
    if _LATIN.match(core):
        if len(core) >= 4:
            return False
        if (len(core) >= 2 and core.isupper()) or core.lower() in _UNITS:
            return False  # an acronym ("SDG", "BCG", "ICT") or a unit ("km")
        if thai_line:
            return True
        return core.lower() not in _ENGLISH_SHORT
    return False


def real_words(line: str) -> list[str]:
    """The tokens of ``line`` that are words, numbers or usual signs (not OCR noise)."""
    thai_line = bool(_THAI.search(line))
    return [t for t in line.split() if not is_junk_token(t, thai_line=thai_line)]


def junk_share(text: str) -> float:
    """The share of ``text``'s non-space characters in junk tokens (0 for empty text)."""
    thai_line = bool(_THAI.search(text))
    tokens = text.split()
    total = sum(len(t) for t in tokens)
    if not total:
        return 0.0
    return sum(len(t) for t in tokens if is_junk_token(t, thai_line=thai_line)) / total


def _has_word(tokens: Iterable[str]) -> bool:
    """A real word among ``tokens``: two letters or more, or a number."""
    return any(re.search(r"[\u0e01-\u0e4e]{2}|[A-Za-z]{2}|[0-9๐-๙]", t) for t in tokens)


@dataclass(frozen=True)
class OcrCleaned:
    """OCR lines without their noise, and how many lines and tokens were dropped."""

    lines: tuple[str, ...]
    dropped_lines: int
    dropped_tokens: int


def clean_ocr_lines(lines: Iterable[str]) -> OcrCleaned:
    """``lines`` of OCR text with junk tokens taken out, and lines of no word dropped.

    Tabs (table cells) are kept: each cell is cleaned apart.  Blank lines stay (they end
    paragraphs).  The words kept keep their order, joined by one space.
    """
    out: list[str] = []
    dropped_lines = dropped_tokens = 0
    for line in lines:
        if not line.strip():
            out.append(line)
            continue
        thai_line = bool(_THAI.search(line))
        cells = []
        for cell in line.split("\t"):
            tokens = cell.split()
            kept = [t for t in tokens if not is_junk_token(t, thai_line=thai_line)]
            dropped_tokens += len(tokens) - len(kept)
            cells.append(" ".join(kept))
        if not _has_word(" ".join(cells).split()):
            dropped_lines += 1
            continue
        out.append("\t".join(cells) if len(cells) > 1 else cells[0])
    return OcrCleaned(tuple(out), dropped_lines, dropped_tokens)
