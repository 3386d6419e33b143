"""The search index kept in step with the database.

The database is the source of truth; the BM25 index on disk is a cache of the
passages it has seen, recorded in its metadata as the highest passage id and the
database's index generation.  :meth:`SearchIndex.sync` makes the index current
cheaply: new passages (id above the highest) are tokenised and added
incrementally, and a bumped generation (passages were removed) only tombstones
the missing ids.  This is what lets several bot workers share one PostgreSQL:
each refreshes its in-memory index from the database before it answers.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from indexer.bm25 import BM25Index, BM25Params
from indexer.store import load_index, save_index
from indexer.tokenize import TOKENIZER_VERSION, tokenize, tokenize_many
from knowledge.db import Database
from knowledge.models import Document, IndexState, Passage

__all__ = ["SearchHit", "SearchIndex", "bump_generation", "current_generation", "index_text"]

log = logging.getLogger(__name__)

#: Unsaved passages beyond this many are written to disk at the next sync.
SAVE_EVERY = 5000


@dataclass(frozen=True)
class SearchHit:
    """One passage found by a search, with what is needed to show and cite it."""

    passage_id: int
    doc_id: int
    score: float
    title: str
    text: str
    kind: str
    section: str
    date: dt.date | None


def index_text(kind: str, title: str, text: str) -> str:
    """The text a passage is indexed under.

    News paragraphs rarely repeat their headline's topic words, so a news passage
    is indexed with its headline; report passages already name their project.
    """
    return f"{title}\n{text}" if kind == "news" else text


def current_generation(session: Session) -> int:
    """The database's index generation (0 when never bumped)."""
    return session.scalar(select(IndexState.generation).where(IndexState.id == 1)) or 0


def bump_generation(session: Session) -> None:
    """Record that passages were removed, inside the caller's transaction."""
    if session.get(IndexState, 1) is None:
        session.add(IndexState(id=1, generation=1))
        session.flush()
    else:
        session.execute(
            update(IndexState)
            .where(IndexState.id == 1)
            .values(generation=IndexState.generation + 1, updated_at=func.now())
        )


class SearchIndex:
    """A BM25 index of all passages, persisted under ``root`` and synced from ``db``."""

    def __init__(
        self,
        db: Database,
        root: Path,
        params: BM25Params | None = None,
        processes: int = 1,
    ) -> None:
        """Prepare (nothing is loaded until the first :meth:`sync` or search)."""
        self.db = db
        self.root = root
        self.params = params or BM25Params()
        self.processes = processes
        self._index: BM25Index | None = None
        self._max_id = 0
        self._generation = 0
        self._unsaved = 0
        self._lock = threading.RLock()

    # -- building -------------------------------------------------------------------------
    def _rows(self, session: Session, after: int) -> list[tuple[int, str, str, str]]:
        stmt = (
            select(Passage.id, Document.kind, Document.title, Passage.text)
            .join(Document, Document.id == Passage.document_id)
            .where(Passage.id > after)
            .order_by(Passage.id)
        )
        return [(r[0], r[1], r[2], r[3]) for r in session.execute(stmt)]

    def _tokens(
        self, rows: Sequence[tuple[int, str, str, str]], progress: Callable[[int], object] | None
    ) -> list[list[str]]:
        texts = [index_text(kind, title, text) for _, kind, title, text in rows]
        if len(texts) < 2000 or self.processes <= 1:
            out = []
            for t in texts:
                out.append(tokenize(t))
                if progress:
                    progress(1)
            return out
        chunk = 5000
        result: list[list[str]] = []
        for i in range(0, len(texts), chunk):
            part = texts[i : i + chunk]
            result.extend(tokenize_many(part, processes=self.processes))
            if progress:
                progress(len(part))
        return result

    def rebuild(self, progress: Callable[[int], object] | None = None) -> int:
        """Build a fresh index from every passage and swap it in on disk atomically."""
        with self._lock:
            with self.db.read() as s:
                generation = current_generation(s)
                rows = self._rows(s, 0)
            docs = self._tokens(rows, progress)
            index = BM25Index.build(docs, keys=[r[0] for r in rows], params=self.params)
            self._index = index
            self._max_id = rows[-1][0] if rows else 0
            self._generation = generation
            self._unsaved = 0
            self.save()
            return len(rows)

    def count_pending(self) -> int:
        """How many passages the index has not seen yet (for progress bars)."""
        self._load_if_needed()
        with self.db.read() as s:
            return s.scalar(select(func.count(Passage.id)).where(Passage.id > self._max_id)) or 0

    def _load_if_needed(self) -> None:
        if self._index is not None:
            return
        t0 = time.perf_counter()
        loaded = load_index(self.root)
        if loaded is not None:
            index, meta = loaded
            if meta.get("tokenizer") == TOKENIZER_VERSION and index.params == self.params:
                self._index = index
                self._max_id = int(str(meta.get("max_passage_id", 0)))
                self._generation = int(str(meta.get("generation", 0)))
                took = time.perf_counter() - t0
                log.info("index loaded in %.3fs (%d passages)", took, len(index))
                return
            log.info("index on disk is for another tokenizer or parameters: rebuilding")
        self._index = BM25Index.build([], keys=[], params=self.params)
        self._max_id = 0
        self._generation = -1  # forces a removal check, harmless on an empty index

    def sync(self, progress: Callable[[int], object] | None = None) -> int:
        """Bring the index up to the database: add new passages, drop removed ones.

        Returns the number of passages added.
        """
        with self._lock:
            self._load_if_needed()
            assert self._index is not None  # for mypy: _load_if_needed sets it
            with self.db.read() as s:
                generation = current_generation(s)
                rows = self._rows(s, self._max_id)
                live: set[int] | None = None
                if generation != self._generation:
                    live = set(s.scalars(select(Passage.id)))
            if live is not None:
                gone = [k for k in self._index.keys() if k not in live]
                if gone:
                    self._index.remove(gone)
                    self._unsaved += len(gone)
                self._generation = generation
            if rows:
                docs = self._tokens(rows, progress)
                self._index.add(docs, [r[0] for r in rows])
                self._max_id = rows[-1][0]
                self._unsaved += len(rows)
            if self._unsaved >= SAVE_EVERY:
                self.save()
            return len(rows)

    def save(self) -> None:
        """Write the index to disk (atomically) if it holds anything unsaved."""
        with self._lock:
            if self._index is None:
                return
            meta: dict[str, object] = {
                "tokenizer": TOKENIZER_VERSION,
                "max_passage_id": self._max_id,
                "generation": self._generation,
                "saved_at": dt.datetime.now(dt.UTC).isoformat(),
            }
            save_index(self._index, self.root, meta)
            self._unsaved = 0

    def save_if_dirty(self) -> None:
        """Save when passages were added or removed since the last save."""
        with self._lock:
            if self._unsaved:
                self.save()

    @property
    def size(self) -> int:
        """Number of passages in the index."""
        self._load_if_needed()
        return len(self._index) if self._index is not None else 0

    # -- searching ------------------------------------------------------------------------
    def search_tokens(self, tokens: list[str], k: int = 10) -> list[tuple[int, float]]:
        """Top ``k`` (passage id, score) pairs for already tokenised text."""
        with self._lock:
            self._load_if_needed()
            assert self._index is not None
            return [(h.key, h.score) for h in self._index.search(tokens, k=k)]

    def idf(self, tokens: Sequence[str]) -> dict[str, float]:
        """Informativeness of each token: its BM25 idf; the largest possible for unseen ones.

        An unseen word is the rarest of all — a question built on it is about
        something the documents never mention, which is what "not found" needs.
        """
        with self._lock:
            self._load_if_needed()
            assert self._index is not None
            n = max(len(self._index), 1)
            unseen = math.log((n + 0.5) / 0.5)
            out: dict[str, float] = {}
            for t in tokens:
                v = self._index.idf(t)
                out[t] = v if v > 0 else (0.01 if self._index.document_frequency(t) else unseen)
            return out

    def search(self, query: str, k: int = 10, *, sync: bool = True) -> list[SearchHit]:
        """The ``k`` best passages for ``query`` (an empty list for an empty query)."""
        if sync:
            self.sync()
        tokens = tokenize(query)
        if not tokens:
            return []
        scored = self.search_tokens(tokens, k)
        return self.hits(scored)

    def neighbours(self, hits: Sequence[SearchHit]) -> dict[int, tuple[str, str]]:
        """The texts of the passages just before and after each hit in its document.

        A passage boundary can fall between a clause and its date or number; the
        answer composer reads across it.
        """
        if not hits:
            return {}
        wanted: dict[tuple[int, int], int] = {}
        with self.db.read() as s:
            rows = s.execute(
                select(Passage.id, Passage.document_id, Passage.ordinal).where(
                    Passage.id.in_([h.passage_id for h in hits])
                )
            ).all()
            for pid, doc, ordinal in rows:
                wanted[(doc, ordinal - 1)] = pid
                wanted[(doc, ordinal + 1)] = pid
            docs = {doc for _, doc, _ in rows}
            ordinals = {o for (_, o) in wanted}
            found = s.execute(
                select(Passage.document_id, Passage.ordinal, Passage.text).where(
                    Passage.document_id.in_(docs), Passage.ordinal.in_(ordinals)
                )
            ).all()
        by_key = {(d, o): t for d, o, t in found}
        own = {pid: (doc, ordinal) for pid, doc, ordinal in rows}
        out: dict[int, tuple[str, str]] = {}
        for pid, (doc, ordinal) in own.items():
            out[pid] = (by_key.get((doc, ordinal - 1), ""), by_key.get((doc, ordinal + 1), ""))
        return out

    def hits(self, scored: Sequence[tuple[int, float]]) -> list[SearchHit]:
        """Load the passages behind (passage id, score) pairs, keeping their order."""
        if not scored:
            return []
        ids = [pid for pid, _ in scored]
        with self.db.read() as s:
            stmt = (
                select(
                    Passage.id,
                    Passage.document_id,
                    Passage.text,
                    Passage.section,
                    Document.title,
                    Document.kind,
                    Document.date,
                )
                .join(Document, Document.id == Passage.document_id)
                .where(Passage.id.in_(ids))
            )
            rows = {r[0]: r for r in s.execute(stmt)}
        out = []
        for pid, score in scored:
            r = rows.get(pid)
            if r is None:  # removed since the index was last synced
                continue
            out.append(
                SearchHit(
                    passage_id=pid,
                    doc_id=r[1],
                    score=float(score),
                    title=r[4],
                    text=r[2],
                    kind=r[5],
                    section=r[3],
                    date=r[6],
                )
            )
        return out
