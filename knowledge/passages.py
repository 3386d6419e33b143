"""Cut document sections into passages of a few hundred characters.

A passage is the unit of search and of citation.  Short sections (a form field, a
news paragraph) stay whole; a long paragraph is cut at Thai clause boundaries —
the spaces Thai puts between clauses and sentences — so that each passage is a
readable run of whole clauses, never a word cut in half.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.parsers import Section

__all__ = ["MAX_CHARS", "PassageText", "split_sections", "split_text"]

#: A passage aims at this many characters at most (a long clause may exceed it).
MAX_CHARS = 400
_HARD_MAX = 700

_BOUNDARY = re.compile(r"(?<=[^\s])\s+(?=\S)")


@dataclass(frozen=True)
class PassageText:
    """A passage's section name and text."""

    section: str
    text: str


def split_text(text: str, max_chars: int = MAX_CHARS) -> list[str]:
    """Split ``text`` at white space into runs of at most ``max_chars`` characters.

    Greedy packing of clauses; a single clause longer than the hard limit is cut at
    the hard limit so that no passage grows without bound.
    """
    text = text.strip()
    if len(text) <= max_chars:
        return [text] if text else []
    clauses = _BOUNDARY.split(text)
    out: list[str] = []
    cur = ""
    for clause in clauses:
        while len(clause) > _HARD_MAX:
            if cur:
                out.append(cur)
                cur = ""
            out.append(clause[:_HARD_MAX])
            clause = clause[_HARD_MAX:]
        if not cur:
            cur = clause
        elif len(cur) + 1 + len(clause) <= max_chars:
            cur = f"{cur} {clause}"
        else:
            out.append(cur)
            cur = clause
    if cur:
        out.append(cur)
    # Fold a tiny tail into its predecessor: a 20-character passage has no context.
    if len(out) > 1 and len(out[-1]) < max_chars // 5:
        tail = out.pop()
        out[-1] = f"{out[-1]} {tail}"
    return out


def split_sections(sections: tuple[Section, ...] | list[Section]) -> list[PassageText]:
    """Passages of every section, in document order."""
    out: list[PassageText] = []
    for sec in sections:
        for part in split_text(sec.text):
            out.append(PassageText(sec.name, part))
    return out
