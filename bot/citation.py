"""How a citation names the page of a PDF or Word original.

``page_label(3)`` is ``" หน้า 3"`` (``" p. 3"`` in English); nothing when the page is
not known (text files, JSON lines, updates).  Used by ``/search`` and meant for the
answer's source line (``bot.answering.answerer._source_label``).
"""

from __future__ import annotations

__all__ = ["page_label"]


def page_label(page: int | None, *, english: bool = False) -> str:
    """The page part of a citation, with its leading space; ``""`` when unknown."""
    if page is None or page < 1:
        return ""
    return f" p. {page}" if english else f" หน้า {page}"
