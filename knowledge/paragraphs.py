"""Which paragraph of its document a passage is in: the part a citation names.

A PDF or Word original is cited by page ("หน้า 3").  A document without pages (a news
release, a ``.txt`` file, a JSON-lines document) has paragraphs instead: its passages
are cut from its paragraphs (``Section("paragraph", …)``, a long one into several
passages), and the passage table keeps no paragraph number.  :func:`paragraph_number`
finds it: a passage starts a paragraph when its first characters (white space left
out) are those a line or a blank-line block of the stored text starts with; the
passage's paragraph is the count of such starts up to it.  None when no start is found
(the text was stored otherwise): a citation then names the passage, never a guess.
"""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from knowledge.models import Document, Passage
from knowledge.thai import normalize_text

__all__ = ["PARAGRAPH_SECTION", "paragraph_number"]

#: The section name of a paragraph of text (news, plain text, JSON lines).
PARAGRAPH_SECTION = "paragraph"
#: Characters (white space left out) compared to tell where a paragraph starts.
PROBE = 24
_SPACE = re.compile(r"\s+")


def _probe(text: str) -> str:
    """The first :data:`PROBE` characters of ``text`` normalised, white space left out.

    Only as much of the text is squeezed as holds them (a passage or a document's
    paragraph may run to thousands of characters); "" for white space only.
    """
    norm = normalize_text(text)
    k = 4 * PROBE
    while True:
        squeezed = _SPACE.sub("", norm[:k])
        if len(squeezed) >= PROBE or k >= len(norm):
            return squeezed[:PROBE]
        k *= 4


def _starts(text: str) -> set[str]:
    """The first :data:`PROBE` characters of every line and blank-line block of ``text``."""
    norm = normalize_text(text)
    pieces = [*norm.split("\n"), *re.split(r"\n\s*\n", norm)]
    return {s for s in map(_probe, pieces) if s}


def paragraph_number(session: Session, doc_id: int, ordinal: int) -> int | None:
    """The paragraph (1 = the first) of document ``doc_id`` its passage ``ordinal`` is in.

    Only passages of :data:`PARAGRAPH_SECTION` count (a report form's fields are no
    paragraphs); None for a passage of another section, an unknown document, or when
    the stored text shows no paragraph start at or before it.
    """
    d, p = Document.__table__.c, Passage.__table__.c  # Core: configures no ORM mapper
    text = session.scalar(select(d.text).where(d.id == doc_id))
    if not text:
        return None
    rows = session.execute(
        select(p.ordinal, p.section, p.text)
        .where(p.document_id == doc_id, p.ordinal <= ordinal)
        .order_by(p.ordinal)).all()
    if not rows or rows[-1].ordinal != ordinal or rows[-1].section != PARAGRAPH_SECTION:
        return None
    starts = _starts(text)
    n = sum(1 for r in rows
            if r.section == PARAGRAPH_SECTION and _probe(r.text) in starts)
    return n or None
