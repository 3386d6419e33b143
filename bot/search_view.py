"""Search hits as a person reads them: a heading and one snippet line each, no two alike.

Two officers may send the same words for the same project on the same day; their
updates' passages then say the same thing ("… รายงานโดย officer วันที่ …": the author's
name is kept out of searchable text, which every staff member may search).  Each update
hit is therefore headed by its update's id (``รายงาน #12``, the id ``/evidence`` and
``/approve`` take), and any hits still alike (two documents holding the same passage)
by their document ids.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Protocol

from knowledge.db import Database
from knowledge.updates import UPDATE_KIND, update_ids_of_documents

__all__ = ["distinct_hits", "update_ids", "update_label"]


class Hit(Protocol):
    """What :func:`update_ids` reads of a search hit (``indexer.service.SearchHit``)."""

    @property
    def doc_id(self) -> int: ...

    @property
    def kind(self) -> str: ...


def update_ids(db: Database, hits: Sequence[Hit]) -> dict[int, int]:
    """The update id of each hit's document that is an update's, by document id.

    Only hits of kind :data:`~knowledge.updates.UPDATE_KIND` are looked up: a search of
    reports and news holds none, and costs no database read (a third of a query's CPU).
    """
    wanted = [h.doc_id for h in hits if h.kind == UPDATE_KIND]
    if not wanted:
        return {}
    with db.read() as session:
        return update_ids_of_documents(session, wanted)


def update_label(update_id: int, english: bool) -> str:
    """`` (รายงาน #12)``: the suffix of an update hit's heading."""
    return f" (update #{update_id})" if english else f" (รายงาน #{update_id})"


def distinct_hits(hits: Sequence[tuple[str, str]], doc_ids: Sequence[int],
                  english: bool) -> list[tuple[str, str]]:
    """``(heading, snippet)`` pairs, each heading that would repeat another's made unique.

    A pair shown identically to another gets its document id after the heading
    (`` (เอกสาร #7)``); the others are returned as given.
    """
    seen = Counter(hits)
    word = "document" if english else "เอกสาร"
    return [(f"{head} ({word} #{doc_id})", text) if seen[(head, text)] > 1 else (head, text)
            for (head, text), doc_id in zip(hits, doc_ids, strict=True)]
