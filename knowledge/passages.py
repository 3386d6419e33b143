"""Cut document sections into passages of a few hundred characters.

A passage is the unit of search and of citation.  Short sections (a form field, a
news paragraph) stay whole; a long paragraph is cut at Thai clause boundaries —
the spaces Thai puts between clauses and sentences — so that each passage is a
readable run of whole clauses, never a word cut in half.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from knowledge.parsers import Section

__all__ = ["MAX_CHARS", "PassageText", "split_sections", "split_text"]

#: A passage aims at this many characters at most (a long clause may exceed it).
MAX_CHARS = 400
_HARD_MAX = 700

_BOUNDARY = re.compile(r"(?<=[^\s])\s+(?=\S)")
_SARA_AM = "\u0e33"
_LEADING_VOWELS = frozenset("\u0e40\u0e41\u0e42\u0e43\u0e44")


@dataclass(frozen=True)
class PassageText:
    """A passage's section name and text."""

    section: str
    text: str
    page: int | None = None


def _is_mark(ch: str) -> bool:
    """A character that belongs to the letter before it (a vowel or tone mark, sara am)."""
    return ch == _SARA_AM or unicodedata.category(ch).startswith("M")


def _hard_cut(clause: str, limit: int) -> int:
    """Where to cut a clause longer than ``limit``.

    At the limit, moved back so that no piece starts with a combining mark (a vowel or
    tone mark torn from its letter) or ends with a leading vowel (เ แ โ ใ ไ).
    """
    cut = limit
    while cut > 0 and (_is_mark(clause[cut]) or clause[cut - 1] in _LEADING_VOWELS):
        cut -= 1
    return cut or limit


def split_text(text: str, max_chars: int = MAX_CHARS) -> list[str]:
    """Split ``text`` at white space into runs of at most ``max_chars`` characters.

    Greedy packing of clauses; a single clause longer than the hard limit (``_HARD_MAX``,
    or ``max_chars`` if that is larger) is cut at the hard limit so that no passage grows
    without bound.  No passage is longer than the hard limit, and the passages joined
    hold the whole text: only white space between clauses may change.
    """
    if max_chars < 1:
        raise ValueError(f"max_chars must be positive, not {max_chars}")
    hard_max = max(_HARD_MAX, max_chars)
    text = text.strip()
    if len(text) <= max_chars:
        return [text] if text else []
    clauses = _BOUNDARY.split(text)
    out: list[str] = []
    cut_inside: set[int] = set()  # indexes in ``out`` of pieces that end mid-clause
    cur = ""
    for clause in clauses:
        while len(clause) > hard_max:
            if cur:
                out.append(cur)
                cur = ""
            cut = _hard_cut(clause, hard_max)
            cut_inside.add(len(out))
            out.append(clause[:cut])
            clause = clause[cut:]
        if not cur:
            cur = clause
        elif len(cur) + 1 + len(clause) <= max_chars:
            cur = f"{cur} {clause}"
        else:
            out.append(cur)
            cur = clause
    if cur:
        out.append(cur)
    # Fold a tiny tail into its predecessor (a 20-character passage has no context), but
    # only across white space and within the hard limit.
    if (
        len(out) > 1
        and len(out[-1]) < max_chars // 5
        and len(out) - 2 not in cut_inside
        and len(out[-2]) + 1 + len(out[-1]) <= hard_max
    ):
        tail = out.pop()
        out[-1] = f"{out[-1]} {tail}"
    return out


def split_sections(sections: tuple[Section, ...] | list[Section]) -> list[PassageText]:
    """Passages of every section, in document order, each distinct text once.

    A passage whose text (white space aside) an earlier one of the document already
    holds is left out: a text repeating one line 400,000 times is one passage, not
    400,000 identical hits of every search.
    """
    out: list[PassageText] = []
    seen: set[str] = set()
    for sec in sections:
        for part in split_text(sec.text):
            key = " ".join(part.split())
            if key in seen:
                continue
            seen.add(key)
            out.append(PassageText(sec.name, part, sec.page))
    return out
