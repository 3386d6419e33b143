"""How a citation names the page of a PDF or Word original.

``page_label(3)`` is ``" หน้า 3"`` (``" p. 3"`` in English); nothing when the page is
not known (text files, JSON lines, updates).  Used by ``/search`` and the answer's source
line (``bot.answering.answerer``: the page of the passage the value was read in, or the
pages of the form a field is printed on, ``pages_label([1, 4])`` ``" หน้า 1, 4"``).
"""

from __future__ import annotations

__all__ = ["page_label", "pages_label"]


def page_label(page: int | None, *, english: bool = False) -> str:
    """The page part of a citation, with its leading space; ``""`` when unknown."""
    if page is None or page < 1:
        return ""
    return f" p. {page}" if english else f" หน้า {page}"


def pages_label(pages: list[int], *, english: bool = False) -> str:
    """The pages part of a citation (``" หน้า 1, 4"``, ``" pp. 1, 4"``); ``""`` for none."""
    known = sorted({p for p in pages if p >= 1})
    if len(known) <= 1:
        return page_label(known[0] if known else None, english=english)
    listed = ", ".join(str(p) for p in known)
    return f" pp. {listed}" if english else f" หน้า {listed}"
