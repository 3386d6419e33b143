"""The search index kept in step with the database.

The database is the source of truth; the BM25 index on disk is a cache of the
passages it has seen, recorded in its metadata as the highest passage id seen, the
ids below it not seen yet ("gaps") and the database's index generation.
:meth:`SearchIndex.sync` makes the index current cheaply: new passages (id above the
highest, or in a gap) are tokenised and added incrementally, and a bumped generation
(passages were removed) reconciles the index with the ids in the database.  This is
what lets several bot workers share one PostgreSQL: each refreshes its in-memory
index from the database before it answers.

Why gaps.  Ids are handed out when a row is inserted, not when its transaction
commits.  On PostgreSQL two writers run at once, so a passage with a lower id can
become visible *after* one with a higher id: a worker that synced in between has
already moved its high-water mark past it, and "id above the highest" would never
find it.  So every id below the mark that a sync did not see is remembered as a gap
and looked up again by the following syncs, until it shows up or :data:`GAP_TTL`
has passed (a gap whose transaction rolled back, or whose passage was deleted before
any sync saw it, is never filled).  A gap is looked up by every sync for its first
seconds (an update's transaction takes milliseconds, so the officer's own passage is
found at once), then less and less often (:func:`_recheck_delay`: a passage whose
transaction ran T seconds shows up at most T/10 seconds, and at most a minute, after
its commit), so that many dead gaps (say, a rebuild over a history of undone
updates) cost next to nothing.  The cost is nil when there are no gaps (the usual
case) and one primary-key lookup per due gap otherwise; nothing is asked of the
code that writes passages (updates, ingest, the sample loader), and no schema or
lock is needed.  The alternative, a change-log table whose entries are numbered in
commit order, would need every writer to log its passages and to take a lock that
serialises all committing writers.  The price of gaps is the TTL: a transaction
that keeps passages uncommitted for longer than that (a very long ingest) is found
by the next generation bump (which reconciles every id) or ``sdgbot reindex``.

SQLite needs no gaps: its writers are serialised (``BEGIN IMMEDIATE``), so a
passage always commits before any passage with a higher id exists.  What the
high-water mark needs there is that ids are never reused (``AUTOINCREMENT``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import math
import threading
import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple, cast

from sqlalchemy import ColumnElement, CursorResult, func, or_, select, update
from sqlalchemy.orm import Session

from indexer.bm25 import BM25Index, BM25Params, TermCounts
from indexer.counting import CONTEXT_TOKENS, Passages, count_passages, with_context
from indexer.store import load_index, save_index, saved_meta
from indexer.tokenize import TOKENIZER_VERSION, TokenizerPool, tokenize
from knowledge.db import Database
from knowledge.locks import exclusive_lock
from knowledge.models import Document, IndexState, Passage
from knowledge.plausible import trusted_date
from knowledge.queries import hidden_documents_stmt, primary_passage_ids_stmt

__all__ = [
    "CONTEXT_TOKENS",
    "SearchHit",
    "SearchIndex",
    "builder_lock",
    "bump_generation",
    "current_generation",
    "with_context",
]

log = logging.getLogger(__name__)

#: Unsaved passages beyond this many are written to disk at the next sync.
SAVE_EVERY = 5000

#: Passages read, tokenised and added at a time when many are new (bounds memory: two
#: pages of tokens are held while one is added and the next tokenised).
PAGE = 5000

#: A batch of this many passages or more is tokenised on worker processes.
POOL_FROM = 2000

#: Passages per task of the tokenizer's workers (cut at a document's end when possible,
#: so that the neighbours' context is mostly found among them).
CHUNK = 250

#: Passages added to the live index per lock hold while catching up: a search waits
#: for at most one such batch.
ADD_BATCH = 1000

#: In background mode (:attr:`SearchIndex.background_from`), a sync that finds more new
#: passages than this leaves them to a background catch-up instead of making the
#: request wait; fewer (an officer's own update) are added at once.
BACKGROUND_FROM = 256

#: Seconds a request in background mode waits for another thread's sync at most.
SYNC_WAIT = 0.05

#: Seconds between two counts of the passages a catching-up index lacks.
RECOUNT_EVERY = 5.0

#: Seconds a sync in background mode reuses the last count of the passages the index
#: lacks (:meth:`SearchIndex.count_pending`).  That count reads every row of the gaps,
#: committed or not: while another process's large transaction is open, each one walks
#: its uncommitted rows (~0.1 s of the database's CPU for 100,000), and every request and
#: every change notice counted again.  The count only chooses between the catch-up and a
#: sync bounded by its budget, so a count a second old is as good.
PENDING_EVERY = 1.0

#: A background catch-up of this many passages or more may wait for another process's
#: saved index (:attr:`SearchIndex.saved_wait`) instead of tokenising them again.
SAVED_FROM = 5000

#: How long an unseen id below the high-water mark is looked for: longer than any
#: transaction that inserts passages may take to commit.
GAP_TTL = dt.timedelta(minutes=10)

#: Gaps up to this many ids are looked up id by id, longer ones as a range.
_SHORT_GAP = 16

#: Ids per ``IN (...)`` list (SQLite allows 32,766 bound parameters).
_IN_CHUNK = 2000

#: Terms per ``... OR ...`` condition (SQLite parses one as a tree at most 1,000 deep).
_OR_CHUNK = 200


#: A gap is looked up by every sync while it is younger than this (seconds)...
_FRESH_GAP = 5.0

#: ...then after a tenth of its age, at most this long after the previous look.
_MAX_RECHECK = 60.0


@contextlib.contextmanager
def builder_lock(root: Path) -> Iterator[None]:
    """One builder of a large catch-up per data folder (an ingest, a catch-up process).

    Held by whoever indexes a large batch until its index is saved; a serving process
    that would build the same waits here, then loads what was saved.  An advisory
    ``flock`` on ``root/.catch-up.lock`` (waited for without the GIL); a no-op
    without fcntl.
    """
    root.mkdir(parents=True, exist_ok=True)
    with exclusive_lock(root / ".catch-up.lock"):
        yield


def _recheck_delay(age: float) -> float:
    """Seconds until a gap first seen ``age`` seconds ago is looked up again."""
    return 0.0 if age < _FRESH_GAP else min(_MAX_RECHECK, age / 10)


@dataclass
class _Gap:
    """Ids ``lo``..``hi`` (inclusive) not seen yet (times are epoch seconds).

    First seen at ``seen``, looked up again from ``due`` on, given up at ``expires``.
    """

    lo: int
    hi: int
    seen: float
    expires: float
    due: float = 0.0


def _capped(
    progress: Callable[[int], object] | None, total: int
) -> Callable[[int], object] | None:
    """``progress``, told at most ``total`` in all (the rest of a batch is bookkeeping)."""
    if progress is None:
        return None
    done = 0

    def step(n: int) -> None:
        nonlocal done
        k = min(n, total - done)
        if k > 0:
            done += k
            progress(k)

    return step


def _gaps_between(after: int, ids: Sequence[int], now: float) -> list[_Gap]:
    """The runs of ids above ``after`` and below the last of ``ids`` (sorted) not in ``ids``."""
    gaps = []
    expected = after + 1
    expires = now + GAP_TTL.total_seconds()
    for i in ids:
        if i > expected:
            gaps.append(_Gap(expected, i - 1, now, expires))
        expected = i + 1
    return gaps


def _without(gaps: list[_Gap], found: set[int]) -> list[_Gap]:
    """``gaps`` minus the ids in ``found`` (a gap with found ids inside is split)."""
    if not found:
        return gaps
    ids = sorted(found)
    out = []
    for g in gaps:
        lo = g.lo
        for i in ids[bisect_left(ids, g.lo) : bisect_right(ids, g.hi)]:
            if i > lo:
                out.append(_Gap(lo, i - 1, g.seen, g.expires, g.due))
            lo = i + 1
        if lo <= g.hi:
            out.append(_Gap(lo, g.hi, g.seen, g.expires, g.due))
    return out


def _sql_names() -> dict[str, str]:
    """Table and column names of the reads below, taken from the models."""
    p, d, st = Passage.__table__.c, Document.__table__.c, IndexState.__table__.c
    return {
        "passages": Passage.__tablename__, "documents": Document.__tablename__,
        "index_state": IndexState.__tablename__,
        "p_id": p.id.name, "p_doc": p.document_id.name, "p_text": p.text.name,
        "p_section": p.section.name, "p_ordinal": p.ordinal.name, "p_page": p.page.name,
        "d_id": d.id.name, "d_title": d.title.name, "d_kind": d.kind.name,
        "d_date": d.date.name, "s_id": st.id.name, "s_gen": st.generation.name,
    }


class _Reads:
    """The reads of every query, as plain SQL on a pooled DBAPI connection.

    A search or an answer reads a few passages by id; through an ORM session that
    costs about 2 ms (session, compilation, result processing), through the DBAPI
    cursor about 0.1 ms.  The SQL is built once from the models' table and column
    names, with the driver's own parameter style; every value is a bound parameter.
    """

    def __init__(self, db: Database) -> None:
        self.db = db
        #: The connection a thread's :meth:`one_connection` block holds (else none).
        self._held = threading.local()
        style = db.engine.dialect.paramstyle
        if style == "qmark":
            self._mark = "?"
        elif style in ("format", "pyformat"):
            self._mark = "%s"
        else:  # pragma: no cover - every supported driver uses one of the above
            raise ValueError(f"unsupported DBAPI parameter style {style!r}")
        n = _sql_names()
        select_hits = (
            f"SELECT p.{n['p_id']}, p.{n['p_doc']}, p.{n['p_text']}, p.{n['p_section']}, "
            f"d.{n['d_title']}, d.{n['d_kind']}, d.{n['d_date']}, p.{n['p_ordinal']}, "
            f"p.{n['p_page']} "
            f"FROM {n['passages']} p JOIN {n['documents']} d ON d.{n['d_id']} = p.{n['p_doc']} "
        )
        self._hits_sql = f"{select_hits}WHERE p.{n['p_id']} IN ({{marks}})"
        # Only where and when each passage is: the newest of many hits are picked by these.
        self._dates_sql = (
            f"SELECT p.{n['p_id']}, p.{n['p_doc']}, d.{n['d_date']} "
            f"FROM {n['passages']} p JOIN {n['documents']} d ON d.{n['d_id']} = p.{n['p_doc']} "
            f"WHERE p.{n['p_id']} IN ({{marks}})"
        )
        # One passage by its place in its document (found by the (document, ordinal) index).
        self._hit_at_sql = (f"{select_hits}WHERE p.{n['p_doc']} = {self._mark} "
                            f"AND p.{n['p_ordinal']} = {self._mark}")
        # The exact (document, ordinal) pairs, each found by the index on both (migration
        # 0012_path17); a document's ordinals crossed with every other document's, or
        # the documents' passages filtered, read five times the rows wanted.
        self._texts_sql = (
            f"SELECT {n['p_doc']}, {n['p_ordinal']}, {n['p_text']} FROM {n['passages']} "
            f"WHERE {{pairs}}"
        )
        self._texts_pair = f"({n['p_doc']} = {self._mark} AND {n['p_ordinal']} = {self._mark})"
        self._document_sql = (
            f"SELECT {n['p_id']}, {n['p_ordinal']} FROM {n['passages']} "
            f"WHERE {n['p_doc']} = {self._mark} AND {n['p_ordinal']} < {self._mark}"
        )
        self._probe_sql = (
            f"SELECT (SELECT {n['s_gen']} FROM {n['index_state']} WHERE {n['s_id']} = 1), "
            f"(SELECT max({n['p_id']}) FROM {n['passages']})"
        )
        self._above_sql = (
            f"SELECT count({n['p_id']}) FROM {n['passages']} WHERE {n['p_id']} > {self._mark}"
        )
        # Statements of knowledge.queries, whose only values are constants of that code.
        literal = {"literal_binds": True}
        self._hidden_sql = str(hidden_documents_stmt().compile(
            dialect=db.engine.dialect, compile_kwargs=literal))
        # The hits a search or an answer may show: the hidden documents' rule run in the
        # same statement (one read a query fewer; the rule is still written once).
        self._visible_sql = (f"{self._hits_sql} AND p.{n['p_doc']} NOT IN "
                             f"({self._hidden_sql})")
        self._visible_dates_sql = (f"{self._dates_sql} AND p.{n['p_doc']} NOT IN "
                                   f"({self._hidden_sql})")
        self._primary_sql = str(primary_passage_ids_stmt(db.engine.dialect.name).compile(
            dialect=db.engine.dialect, compile_kwargs=literal))

    def _marks(self, count: int) -> str:
        return ", ".join([self._mark] * count)

    @contextlib.contextmanager
    def one_connection(self) -> Iterator[None]:
        """Within: this thread's reads share one pooled connection, checked out once.

        A search reads twice (the index's probe; the hits, hidden documents left out);
        a checkout and check-in of the pool costs about as much as one of those reads
        on SQLite.  Reads are statements on their own as before (SQLite's connection is
        in autocommit mode; PostgreSQL's is rolled back when it goes back to the pool at
        the end of the block).  Nested blocks use the outer block's connection.  On
        SQLite only: a PostgreSQL connection held through a run would fail the run at a
        server restart, where a connection checked out per read is pinged and replaced.
        """
        if (getattr(self._held, "conn", None) is not None
                or self.db.engine.dialect.name != "sqlite"):
            yield
            return
        conn = self.db.engine.raw_connection()
        self._held.conn = conn
        try:
            yield
        finally:
            self._held.conn = None
            conn.close()  # back to the pool (rolled back there)

    def _fetch(self, sql: str, params: Sequence[object]) -> list[tuple[Any, ...]]:
        held = getattr(self._held, "conn", None)
        conn = held if held is not None else self.db.engine.raw_connection()
        try:
            cur = conn.cursor()
            try:
                cur.execute(sql, tuple(params))
                return list(cur.fetchall())
            finally:
                cur.close()
        finally:
            if held is None:
                conn.close()  # back to the pool (rolled back there)

    def document_ids(self, doc_id: int, limit: int) -> list[int]:
        """The ids of document ``doc_id``'s first ``limit`` passages, in reading order."""
        rows = self._fetch(self._document_sql, (doc_id, limit))
        return [int(pid) for pid, _ in sorted(rows, key=lambda r: int(r[1]))]

    def count_above(self, top: int) -> int:
        """How many passages have an id above ``top``."""
        return int(self._fetch(self._above_sql, (top,))[0][0] or 0)

    def probe(self) -> tuple[int, int]:
        """The index generation (0 if never bumped) and the highest passage id (0 if none)."""
        row = self._fetch(self._probe_sql, ())[0]
        return int(row[0] or 0), int(row[1] or 0)

    def hidden_documents(self) -> set[int]:
        """:func:`knowledge.queries.hidden_documents`, read now."""
        return {int(d) for (d,) in self._fetch(self._hidden_sql, ()) if d is not None}

    def primary_ids(self) -> set[int]:
        """:func:`knowledge.queries.primary_passage_ids`, read now."""
        return {int(p) for (p,) in self._fetch(self._primary_sql, ())}

    def hits(self, ids: Sequence[int], *, visible: bool = False) -> dict[int, tuple[Any, ...]]:
        """Passage rows by id: (id, doc id, text, section, title, kind, date, ordinal, page).

        With ``visible``, those of hidden documents (:func:`knowledge.queries.
        hidden_documents`, read by the same statement) are left out.
        """
        sql = self._visible_sql if visible else self._hits_sql
        out: dict[int, tuple[Any, ...]] = {}
        for i in range(0, len(ids), _IN_CHUNK):
            chunk = list(ids[i : i + _IN_CHUNK])
            for row in self._fetch(sql.format(marks=self._marks(len(chunk))), chunk):
                out[int(row[0])] = _hit_row(row)
        return out

    def dates(self, ids: Sequence[int]) -> dict[int, tuple[int, dt.date | None]]:
        """``(document id, document date)`` of each visible passage among ``ids``.

        The passages of hidden documents (as :meth:`hits` with ``visible``) are left
        out; a document without a date has None.
        """
        out: dict[int, tuple[int, dt.date | None]] = {}
        for i in range(0, len(ids), _IN_CHUNK):
            chunk = list(ids[i : i + _IN_CHUNK])
            sql = self._visible_dates_sql.format(marks=self._marks(len(chunk)))
            for pid, doc, date in self._fetch(sql, chunk):
                out[int(pid)] = (int(doc), _as_date(date))
        return out

    def hit_at(self, doc_id: int, ordinal: int) -> tuple[Any, ...] | None:
        """The passage row at ``ordinal`` of document ``doc_id`` (as :meth:`hits`), or None."""
        rows = self._fetch(self._hit_at_sql, (doc_id, ordinal))
        return _hit_row(rows[0]) if rows else None

    def texts(self, keys: set[tuple[int, int]]) -> dict[tuple[int, int], str]:
        """The texts of the passages at ``(document_id, ordinal)``, for those that exist."""
        out: dict[tuple[int, int], str] = {}
        pairs = sorted(keys)
        for i in range(0, len(pairs), _OR_CHUNK):
            chunk = pairs[i : i + _OR_CHUNK]
            sql = self._texts_sql.format(pairs=" OR ".join([self._texts_pair] * len(chunk)))
            for doc, ordinal, text in self._fetch(sql, [x for p in chunk for x in p]):
                out[(int(doc), int(ordinal))] = text
        return out


def _as_date(value: Any) -> dt.date | None:
    """A document date as read by the driver, as a ``datetime.date`` (None stays None).

    A date in the future (:func:`knowledge.plausible.trusted_date`: one stored before
    ingests refused it) is read as none: such a document never reads as the latest.
    """
    if isinstance(value, str):  # SQLite keeps dates as ISO text
        value = dt.date.fromisoformat(value[:10])
    if isinstance(value, dt.datetime):
        value = value.date()
    return trusted_date(value)


def _hit_row(row: Sequence[Any]) -> tuple[Any, ...]:
    """A passage row read by :class:`_Reads` with its date as a ``datetime.date``."""
    return (*row[:6], _as_date(row[6]), row[7], row[8])


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
    #: The passage's place in its document (0 = first), for reading its neighbours.
    ordinal: int
    #: The page of the PDF or Word original it starts on ("หน้า 3" in citations), if known.
    page: int | None = None


#: Written into the index's metadata: an index built another way is rebuilt.
INDEX_LAYOUT = f"{TOKENIZER_VERSION}+context{CONTEXT_TOKENS}-distinct"


class _Row(NamedTuple):
    """A passage as the index reads it."""

    id: int
    kind: str
    title: str
    text: str
    doc_id: int
    ordinal: int


#: A run of rows with their counted index terms.
_Part = tuple[list[_Row], TermCounts]


def _chunks(rows: Sequence[_Row]) -> list[list[_Row]]:
    """``rows`` in runs of about :data:`CHUNK`.

    Each run ends with a document's last row among them (a document of more than four
    chunks' rows is cut anyway).
    """
    out: list[list[_Row]] = []
    run: list[_Row] = []
    for r in rows:
        if run and ((len(run) >= CHUNK and r.doc_id != run[-1].doc_id)
                    or len(run) >= 4 * CHUNK):
            out.append(run)
            run = []
        run.append(r)
    if run:
        out.append(run)
    return out


def _batches(parts: Sequence[_Part]) -> Iterator[tuple[list[_Row], list[TermCounts]]]:
    """Consecutive runs joined into batches of at least :data:`ADD_BATCH` rows.

    Each batch (the last may be smaller) comes with the counts of its runs.
    """
    rows: list[_Row] = []
    counts: list[TermCounts] = []
    for run, c in parts:
        rows.extend(run)
        counts.append(c)
        if len(rows) >= ADD_BATCH:
            yield rows, counts
            rows, counts = [], []
    if rows:
        yield rows, counts


def current_generation(session: Session) -> int:
    """The database's index generation (0 when never bumped)."""
    return session.scalar(select(IndexState.generation).where(IndexState.id == 1)) or 0


def bump_generation(session: Session) -> None:
    """Record that passages were removed, inside the caller's transaction.

    Safe when two transactions bump the very first time at once: the state row is
    created with ``INSERT ... ON CONFLICT DO NOTHING`` (a plain insert would make
    the second one fail on the primary key), then incremented.
    """
    bump = (
        update(IndexState)
        .where(IndexState.id == 1)
        .values(generation=IndexState.generation + 1, updated_at=func.now())
        .execution_options(synchronize_session=False)
    )
    if cast(CursorResult[Any], session.execute(bump)).rowcount:
        return
    from sqlalchemy.dialects import postgresql, sqlite  # imports every PostgreSQL driver

    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    session.execute(
        insert(IndexState).values(id=1, generation=0).on_conflict_do_nothing(
            index_elements=["id"])
    )
    session.execute(bump)


def _load_gaps(raw: object) -> list[_Gap]:
    """The gaps saved in an index's meta that have not expired (none if unreadable)."""
    now = time.time()
    out = []
    if isinstance(raw, list):
        for item in raw:
            if isinstance(item, list) and len(item) == 4:
                lo, hi, seen, expires = item
                if isinstance(lo, int) and isinstance(hi, int) and lo <= hi \
                        and isinstance(seen, int | float) \
                        and isinstance(expires, int | float) and expires > now:
                    out.append(_Gap(lo, hi, float(seen), float(expires)))  # due at once
    return out


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
        self._gaps: list[_Gap] = []
        self._unsaved = 0
        #: Guards the live index and its state: searches hold it, and a sync holds it
        #: only to apply a batch it has already read and tokenised.
        self._lock = threading.RLock()
        #: One sync (or rebuild) at a time.
        self._sync_lock = threading.RLock()
        self._catch_up: threading.Thread | None = None
        self._stop = threading.Event()
        #: Whether ids can become visible out of order (not with SQLite's one writer).
        self.track_gaps = not db.is_sqlite
        self._reads = _Reads(db)
        #: None: :meth:`sync` always brings the index fully up to date before returning
        #: (the command line).  A number (set by whoever serves requests): a sync that
        #: finds more new passages than that starts a background catch-up and returns
        #: at once, so that requests are served from the index as it stands.
        self.background_from: int | None = None
        #: Seconds a background catch-up of a batch of :data:`SAVED_FROM` passages or more
        #: waits for the index files another process saves (0: index it at once).
        self.saved_wait = 0.0
        #: Whether the last budgeted sync left new passages behind (see :meth:`_sync`).
        self._truncated = False
        #: Brings the saved index up to the database in another process, when the saved
        #: index another process was to write did not come (True: a new one was saved);
        #: a large catch-up then never tokenises in a serving process (see
        #: :func:`indexer.follow.catch_up_elsewhere`).  None: the catch-up thread does it.
        self.build_elsewhere: Callable[[], bool] | None = None
        #: Whether a foreground sync of a large batch holds the data folder's builder
        #: lock (:func:`builder_lock`) until it has saved; False in the process that
        #: builds for a serving one (which holds it already).
        self.holds_builder_lock = True
        self._lag, self._lag_until = 0, 0.0
        self._pending, self._pending_until = 0, 0.0

    # -- building -------------------------------------------------------------------------
    def _rows(
        self,
        session: Session,
        after: int,
        where: ColumnElement[bool] | None = None,
        limit: int | None = None,
    ) -> list[_Row]:
        """Passages (id order) with their document's kind and, for news, headline.

        Core statements on the session's connection (no ORM row processing), and each
        headline read once per document, not once per passage (a news article has about
        28): the main process of a build does this while the workers tokenize.
        """
        stmt = (
            select(Passage.id, Document.kind, Passage.text, Passage.document_id,
                   Passage.ordinal)
            .join(Document, Document.id == Passage.document_id)
            .where(Passage.id > after if where is None else where)
            .order_by(Passage.id)
            .limit(limit)
        )
        conn = session.connection()
        rows = conn.execute(stmt).all()
        news = sorted({r[3] for r in rows if r[1] == "news"})
        titles: dict[int, str] = {}
        for i in range(0, len(news), _IN_CHUNK):
            titles.update((int(d), str(t)) for d, t in conn.execute(
                select(Document.id, Document.title).where(
                    Document.id.in_(news[i : i + _IN_CHUNK]))))
        return [_Row(pid, kind, titles.get(doc, ""), text, doc, ordinal)
                for pid, kind, text, doc, ordinal in rows]

    def _pages(self, after: int) -> Iterator[list[_Row]]:
        """The passages above ``after``, :data:`PAGE` at a time, each in its own read.

        A large build never holds more than a page of texts and tokens at once.
        """
        while True:
            with self.db.read() as s:
                page = self._rows(s, after, limit=PAGE)
            if page:
                yield page
            if len(page) < PAGE:
                return
            after = page[-1].id

    def _add(
        self,
        index: BM25Index,
        rows: Sequence[_Row],
        progress: Callable[[int], object] | None,
        pool: TokenizerPool,
    ) -> int:
        parts = self._tokens(rows, progress, pool)  # the slow part: no lock held
        for batch, counts in _batches(parts):  # a search waits for one batch at most
            with self._lock:
                index.add_counts(counts, [r.id for r in batch])
        return len(rows)

    def _rows_with_ids(
        self, session: Session, ids: Sequence[int]
    ) -> list[_Row]:
        out: list[_Row] = []
        for i in range(0, len(ids), _IN_CHUNK):
            out.extend(self._rows(session, 0, Passage.id.in_(ids[i : i + _IN_CHUNK])))
        return out

    def _gap_rows(
        self, session: Session, gaps: Sequence[_Gap], limit: int | None = None
    ) -> list[_Row]:
        """The passages that have appeared in ``gaps`` (the first ``limit`` of them by id).

        With a ``limit``, no more rows than that are read, whatever was committed in the
        gaps since the caller last looked: the bound and the read are one statement per
        group of gaps (a count followed by a read would be two snapshots, and a large
        transaction committing between them would be read whole).
        """
        if not gaps:
            return []
        singles = [i for g in gaps if g.hi - g.lo < _SHORT_GAP for i in range(g.lo, g.hi + 1)]
        ranges = [Passage.id.between(g.lo, g.hi) for g in gaps if g.hi - g.lo >= _SHORT_GAP]
        if limit is None:
            out = self._rows_with_ids(session, singles)
            if ranges:
                out.extend(self._rows(session, 0, or_(*ranges)))
            return sorted(out)
        conditions: list[ColumnElement[bool]] = [
            Passage.id.in_(singles[i : i + _IN_CHUNK]) for i in range(0, len(singles), _IN_CHUNK)]
        conditions += ranges
        found: list[_Row] = []
        for i in range(0, len(conditions), _OR_CHUNK):
            group = conditions[i : i + _OR_CHUNK]
            found.extend(self._rows(session, 0, or_(*group), limit=limit - len(found)))
            if len(found) >= limit:
                break
        return sorted(found)

    def _new_gaps(self, after: int, ids: Sequence[int], now: float) -> list[_Gap]:
        if not self.track_gaps or not ids:
            return []
        return _gaps_between(after, ids, now)

    def _tokens(
        self,
        rows: Sequence[_Row],
        progress: Callable[[int], object] | None,
        pool: TokenizerPool,
    ) -> list[_Part]:
        """The counted index terms of ``rows`` (headline, own text, neighbours' context)."""
        return self._submit_tokens(rows, progress, pool)()

    def _submit_tokens(
        self,
        rows: Sequence[_Row],
        progress: Callable[[int], object] | None,
        pool: TokenizerPool,
    ) -> Callable[[], list[_Part]]:
        """Start counting the index terms of ``rows``; the result waits for them.

        The rows go to the workers :data:`CHUNK` at a time, each run with the texts of
        its neighbouring passages that are not in it (from the rows, or read here) and
        its news headlines; the workers tokenize, add the context and count the terms
        (:func:`indexer.counting.count_passages`).  The result: each run of rows with
        its counts, in order.
        """
        present = {(r.doc_id, r.ordinal): r.text for r in rows}
        wanted = {(r.doc_id, r.ordinal + d) for r in rows for d in (-1, 1)} - present.keys()
        found: dict[tuple[int, int], str] = {}
        if wanted and CONTEXT_TOKENS > 0:
            found = self._reads.texts(wanted)
        runs = _chunks(rows)
        tasks = []
        for run in runs:
            others: dict[tuple[int, int], str] = {}
            if CONTEXT_TOKENS > 0:
                own = {(r.doc_id, r.ordinal) for r in run}
                for r in run:
                    for key in ((r.doc_id, r.ordinal - 1), (r.doc_id, r.ordinal + 1)):
                        if key not in own:
                            text = present.get(key, found.get(key))
                            if text is not None:
                                others[key] = text
            tasks.append(Passages([(r.kind, r.doc_id, r.ordinal) for r in run],
                                  [r.text for r in run],
                                  {r.doc_id: r.title for r in run if r.kind == "news"}, others))
        told = None if progress is None else (lambda c: progress(c.doc_len.shape[0]))
        job = pool.submit_each(count_passages, tasks, len(rows), told)

        def compose() -> list[_Part]:
            return list(zip(runs, job(), strict=True))

        return compose

    def _tokenized(
        self,
        pages: Iterable[list[_Row]],
        progress: Callable[[int], object] | None,
        pool: TokenizerPool,
    ) -> Iterator[tuple[list[_Row], list[_Part]]]:
        """Each page with its counts; the next page is tokenised while the caller adds one.

        The workers no longer wait while the index takes a page, and at most two pages
        of tokens are held at once.
        """
        pending: tuple[list[_Row], Callable[[], list[_Part]]] | None = None
        for page in pages:
            job = self._submit_tokens(page, progress, pool)
            if pending is not None:
                done, pending = pending, None
                yield done[0], done[1]()
                del done
            pending = (page, job)
            del page, job
        if pending is not None:
            yield pending[0], pending[1]()

    def _pool(self) -> TokenizerPool:
        """Worker processes from the first large batch on; in-process for a few passages."""
        return TokenizerPool(self.processes, start_from=POOL_FROM)

    def rebuild(self, progress: Callable[[int], object] | None = None) -> int:
        """Build a fresh index from every passage and swap it in on disk atomically."""
        with self._sync_lock, self._lock:
            with self.db.read() as s:
                generation = current_generation(s)
            index = BM25Index(self.params)
            ids: list[int] = []
            with self._pool() as pool:
                for page, parts in self._tokenized(self._pages(0), progress, pool):
                    index.add_counts([c for _, c in parts], [r.id for r in page])
                    ids.extend(r.id for r in page)
                    del page, parts  # freed before the next page's counts arrive
            self._index = index
            self._max_id = ids[-1] if ids else 0
            self._gaps = self._new_gaps(0, ids, time.time())
            self._generation = generation
            self._unsaved = 0
            self.save()
            return len(ids)

    def count_pending(self) -> int:
        """How many of the database's passages the index lacks.

        Those above its highest id, and those committed in its gaps since (another
        process's large transaction whose ids lie below passages committed meanwhile).
        """
        with self._lock:
            self._load_if_needed()
            top, gaps, index = self._max_id, list(self._gaps), self._index
        # Plain SQL: the first ORM statement of a process configures every mapper
        # (~40 ms of a fresh ``sdgbot ask``, which needs none).
        above = self._reads.count_above(top)
        if not gaps or index is None:
            return above
        low = min(g.lo for g in gaps)
        with self.db.read() as s:
            below = s.scalar(select(func.count(Passage.id))
                             .where(Passage.id >= low, Passage.id <= top)) or 0
        held = int((index.position_keys() >= low).sum())  # removed ones too: a lower bound
        return above + max(0, below - held)

    def _load_if_needed(self) -> None:
        if self._index is not None:
            return
        t0 = time.perf_counter()
        loaded = load_index(self.root)
        if loaded is not None:
            index, meta = loaded
            if meta.get("layout") == INDEX_LAYOUT and index.params == self.params:
                self._index = index
                self._max_id = int(str(meta.get("max_passage_id", 0)))
                self._generation = int(str(meta.get("generation", 0)))
                self._gaps = _load_gaps(meta.get("gaps"))
                took = time.perf_counter() - t0
                log.info("index loaded in %.3fs (%d passages)", took, len(index))
                return
            log.info("index on disk is for another tokenizer or parameters: rebuilding")
        self._index = BM25Index.build([], keys=[], params=self.params)
        self._max_id = 0
        self._gaps = []
        self._generation = -1  # forces a removal check, harmless on an empty index

    def sync(self, progress: Callable[[int], object] | None = None, *,
             wait: bool | None = None) -> int:
        """Bring the index up to the database: add new passages, drop removed ones.

        New passages are those above the highest id seen and those that appeared in a
        gap (see the module docstring).  When the generation changed, every id in the
        database is compared with the index: removed ones are dropped and any passage
        the index lacks is added, whatever its id.  Returns the number of passages added.

        In background mode (:attr:`background_from` set, ``wait`` not True) a sync never
        makes its caller wait for a large catch-up (another process's ingest): when more
        than ``background_from`` passages are new, or a catch-up is already running, it
        starts (or leaves) the catch-up in a background thread and returns 0 at once;
        searches meanwhile use the index as it stands, which grows batch by batch.
        """
        if wait is None:
            wait = self.background_from is None
        if self._index is not None and not self._gaps_due() and self._unchanged():
            return 0  # the usual case, every query: one cheap read says nothing changed
        if wait:
            with self._sync_lock:
                if not self.holds_builder_lock or self.count_pending() < SAVED_FROM:
                    return self._sync(progress)
                # A large batch (sdgbot ingest): serving processes of this data folder
                # wait for the index saved here instead of building their own meanwhile.
                with builder_lock(self.root):
                    added = self._sync(progress)
                    self.save_if_dirty()
                    return added
        # Wait for a short sync of another request, never for a catch-up: the holder may
        # be about to start one (and the catch-up thread then takes the lock for minutes),
        # so the wait re-checks every few milliseconds, and ends after SYNC_WAIT whatever
        # the holder does: the request is then served from the index as it stands.
        deadline = time.monotonic() + SYNC_WAIT
        while not self._sync_lock.acquire(timeout=0.01):
            if self.catching_up or time.monotonic() >= deadline:
                return 0
        try:
            limit = self.background_from if self.background_from is not None else 0
            if self._recent_pending() > limit:
                self._start_catch_up()
                return 0
            # Bounded: a batch committed between the count and the read (an ingest that
            # commits as it goes) is left to the catch-up, never tokenised here.
            added = self._sync(progress, budget=max(limit, 1))
            if self._truncated:
                self._start_catch_up()
            return added
        finally:
            self._sync_lock.release()

    def _recent_pending(self) -> int:
        """:meth:`count_pending`, reused for :data:`PENDING_EVERY` s (the sync lock held)."""
        now = time.monotonic()
        if now >= self._pending_until:
            self._pending = self.count_pending()
            self._pending_until = time.monotonic() + PENDING_EVERY
        return self._pending

    def _gaps_due(self) -> bool:
        now = time.time()
        return any(g.due <= now or g.expires <= now for g in self._gaps)

    def _unchanged(self) -> bool:
        """Whether the database holds no passage and no generation the index lacks."""
        generation, top = self._reads.probe()
        return generation == self._generation and top <= self._max_id

    @property
    def stopping(self) -> threading.Event:
        """Set by :meth:`close`: a background catch-up stops at its next step."""
        return self._stop

    @property
    def catching_up(self) -> bool:
        """Whether a background catch-up is running."""
        thread = self._catch_up
        return thread is not None and thread.is_alive()

    def _start_catch_up(self) -> None:
        if self.catching_up:
            return
        self._stop.clear()
        thread = threading.Thread(target=self._run_catch_up, name="index-catch-up",
                                  daemon=True)
        self._catch_up = thread
        thread.start()

    def _run_catch_up(self) -> None:
        t0 = time.perf_counter()
        try:
            with self._sync_lock:
                self._adopt_saved()
                if self.saved_wait > 0 and self.count_pending() >= SAVED_FROM \
                        and not self._wait_for_saved() and self.build_elsewhere is not None \
                        and not self._stop.is_set() and self.build_elsewhere():
                    self._adopt_saved()
                added = self._sync(None)
                # What this thread indexed itself is saved (another process may load it);
                # the few passages added on top of a saved index another process wrote
                # are not worth writing the whole index again (a serving process writing
                # and fsyncing ~150 MB while it answers: the disk's flush delays every
                # commit PostgreSQL makes meanwhile, and two workers would both do it).
                # They are saved by :meth:`close`, or read again from the database.
                if self._unsaved >= SAVE_EVERY:
                    self.save()
                self._pending_until = 0.0  # the next sync counts afresh
            log.info("index caught up in the background: %d passages in %.1f s", added,
                     time.perf_counter() - t0)
        except Exception:
            log.exception("background index catch-up failed; the next sync retries")

    def _wait_for_saved(self) -> bool:
        """Follow another process's saved index until it is near the database's passages.

        Up to :attr:`saved_wait` seconds, until fewer than :data:`SAVED_FROM` passages are
        missing; returns whether it got there.  A batch this large was most likely
        written by ``sdgbot ingest``, which indexes it and saves the index in the shared
        data folder as it goes: loading that costs a fraction of a second, where
        tokenising the batch again here would take the CPU the requests need for minutes.
        Requests meanwhile use the index as it stands.
        """
        deadline = time.monotonic() + self.saved_wait
        recount = 0.0
        while not self._stop.is_set():
            adopted = self._adopt_saved()  # the other process may save as it goes
            now = time.monotonic()
            # Counting what is missing reads every passage of a large batch: only after
            # a step was taken, or now and then (two serving workers counting each
            # second took a tenth of the machine's CPU from the requests).
            if adopted or now >= recount:
                if self.count_pending() < SAVED_FROM:
                    return True
                recount = now + RECOUNT_EVERY
            if now >= deadline:
                break
            self._stop.wait(1.0)
        log.info("the saved index did not catch up within %.0f s; indexing the rest here",
                 self.saved_wait)
        return False

    def wait_for_catch_up(self, timeout: float | None = None) -> bool:
        """Wait for a running background catch-up; True when none is running any more."""
        thread = self._catch_up
        if thread is not None:
            thread.join(timeout)
        return not self.catching_up

    def close(self, timeout: float = 10.0) -> None:
        """Stop a background catch-up (at its next batch) and save what the index holds."""
        self._stop.set()
        self.wait_for_catch_up(timeout)
        if self._unsaved:
            self.save()

    def _sync(self, progress: Callable[[int], object] | None, *,
              budget: int | None = None) -> int:
        """:meth:`sync`'s work; the caller holds ``_sync_lock`` (the only writer).

        With a ``budget``, at most that many new passages are read and added; when more
        were there, :attr:`_truncated` is set (the caller leaves them to a catch-up).

        Reading and tokenising run without ``_lock``; each batch is applied under it
        together with the state that describes it (high-water mark, gaps), so that a
        save at any moment writes a consistent index.
        """
        self._truncated = False
        with self._lock:
            self._load_if_needed()
        index = self._index
        assert index is not None  # for mypy: _load_if_needed sets it
        now = time.time()
        # Due gaps, and expired ones: a gap is given up only after one last look.
        due = [g for g in self._gaps if g.due <= now or g.expires <= now]
        if not due and self._unchanged():
            return 0
        with self.db.read() as s:
            generation = current_generation(s)  # first: a later bump is seen next time
            late = self._gap_rows(s, due, None if budget is None else budget + 1)
            if budget is not None and len(late) > budget:
                self._truncated = True  # a large batch in the gaps: the catch-up's work
                return 0
            live: set[int] | None = None
            missing: list[_Row] = []
            if generation != self._generation:
                live = set(s.scalars(select(Passage.id)))
                known = set(index.keys())
                known.update(r.id for r in late)
                # Passages above the high-water mark come with the new ones below.
                lacking = sorted(i for i in live - known if i <= self._max_id)
                if budget is not None and len(lacking) > budget:
                    self._truncated = True  # a large batch the index lacks: likewise
                    return 0
                missing = self._rows_with_ids(s, lacking)
        with self._lock:
            if live is not None:
                gone = [k for k in index.keys() if k not in live]
                if gone:
                    index.remove(gone)
                    self._unsaved += len(gone)
                self._generation = generation
            for g in due:
                g.due = now + _recheck_delay(now - g.seen)
        added = 0
        with self._pool() as pool:
            older = sorted(late + missing)
            if older:
                added += self._add(index, older, progress, pool)
            with self._lock:
                found = {r.id for r in older}
                self._gaps = [g for g in _without(self._gaps, found) if g.expires > now]
                self._unsaved += len(older)
            self._truncated = False
            pages: Iterator[list[_Row]] = self._pages(self._max_id)
            if budget is not None:
                with self.db.read() as s:
                    first = self._rows(s, self._max_id, limit=budget + 1)
                self._truncated = len(first) > budget
                pages = iter([first[:budget]] if first else [])
            for page, parts in self._tokenized(pages, progress, pool):  # no lock held
                for rows, counts in _batches(parts):
                    ids = [r.id for r in rows]
                    with self._lock:
                        index.add_counts(counts, ids)
                        self._gaps += self._new_gaps(self._max_id, ids, now)
                        self._max_id = ids[-1]
                        self._unsaved += len(rows)
                    added += len(rows)
                del page, parts  # freed before the next page's counts arrive
                if self._stop.is_set():
                    break
        with self._lock:  # a gap already past its time (a zero TTL) is given up at once
            self._gaps = [g for g in self._gaps if g.expires > now]
        if self._unsaved >= SAVE_EVERY and self._saves_here():
            self.save()
        return added

    @property
    def max_passage_id(self) -> int:
        """The highest passage id the index has seen (0 before anything was loaded)."""
        return self._max_id

    def lag(self) -> int:
        """Passages in the database the index has yet to add (:meth:`count_pending`).

        For reports (``/readyz``): while a background catch-up runs, the count is made
        at most every :data:`RECOUNT_EVERY` seconds (it reads the whole batch).
        """
        now = time.monotonic()
        if self.catching_up and now < self._lag_until:
            return self._lag
        self._lag, self._lag_until = self.count_pending(), now + RECOUNT_EVERY
        return self._lag

    def _adopt_saved(self) -> bool:
        """Swap in the index saved on disk when it is well ahead of the one in memory.

        Another process (``sdgbot ingest``, another worker) that indexed a large batch
        saved the result in the shared data folder: loading it takes a fraction of a
        second where tokenising the batch again would take minutes.  Afterwards the
        usual sync adds what the saved index lacks.  The caller holds ``_sync_lock``.
        """
        meta = saved_meta(self.root)
        if meta is None or meta.get("layout") != INDEX_LAYOUT:
            return False
        saved_max = int(str(meta.get("max_passage_id", 0)))
        saved_size = meta.get("passages")
        # Ahead by its highest id, or by its size: a batch whose ids lie below passages
        # committed meanwhile (in this index's gaps) leaves the highest ids alike.
        more = isinstance(saved_size, int) and self._index is not None \
            and saved_size > len(self._index) + BACKGROUND_FROM
        if saved_max <= self._max_id + BACKGROUND_FROM and not more:
            return False
        loaded = load_index(self.root)
        if loaded is None:
            return False
        index, meta = loaded
        if meta.get("layout") != INDEX_LAYOUT or index.params != self.params:
            return False
        saved_max = int(str(meta.get("max_passage_id", 0)))
        with self._lock:
            self._index = index
            self._max_id = saved_max
            self._generation = int(str(meta.get("generation", 0)))
            self._gaps = _load_gaps(meta.get("gaps"))
            self._unsaved = 0
        log.info("index caught up from the saved files: %d passages", len(index))
        return True

    @property
    def pending_gaps(self) -> int:
        """How many ids below the high-water mark are still looked for (for tests, stats)."""
        return sum(g.hi - g.lo + 1 for g in self._gaps)

    def save(self) -> None:
        """Write the index to disk (atomically).

        Holds the sync lock (no sync can change the index meanwhile), not the search
        lock: searches go on while the files are written, which takes seconds for a
        large index, longer when another process holds the folder's lock.
        """
        with self._sync_lock:
            with self._lock:
                if self._index is None:
                    return
                index = self._index
                meta: dict[str, object] = {
                    "tokenizer": TOKENIZER_VERSION,
                    "layout": INDEX_LAYOUT,
                    "max_passage_id": self._max_id,
                    "passages": len(index),
                    "gaps": [[g.lo, g.hi, g.seen, g.expires] for g in self._gaps],
                    "generation": self._generation,
                    "saved_at": dt.datetime.now(dt.UTC).isoformat(),
                }
            save_index(index, self.root, meta)
            with self._lock:
                self._unsaved = 0

    def _saves_here(self) -> bool:
        """Whether this thread may write the index to disk now.

        A serving index (background mode) is written only by its catch-up thread and by
        :meth:`close`: a request never waits for the files to be written.
        """
        return self.background_from is None or threading.current_thread() is self._catch_up

    def save_if_dirty(self) -> None:
        """Save when passages were added or removed since the last save.

        In background mode (a serving process) only the catch-up thread saves; a
        request's call does nothing (:meth:`close` saves what is left).
        """
        if not self._saves_here():
            return
        with self._lock:
            dirty = bool(self._unsaved)
        if dirty:
            self.save()

    @property
    def size(self) -> int:
        """Number of passages in the index."""
        self._load_if_needed()
        return len(self._index) if self._index is not None else 0

    # -- searching ------------------------------------------------------------------------
    def search_tokens(self, tokens: list[str], k: int = 10) -> list[tuple[int, float]]:
        """Top ``k`` (passage id, score) pairs for already tokenised text."""
        return self.search_parts(tokens, [(k, None)])[0]

    def search_parts(
        self, tokens: list[str], parts: Sequence[tuple[int, Collection[int] | None]]
    ) -> list[list[tuple[int, float]]]:
        """:meth:`search_tokens` for several ``(k, within)`` selections, scored once.

        With ``within``, only those passages can be returned, scored as in the whole
        collection (so that their scores compare with an unrestricted search's).
        """
        with self._lock:
            self._load_if_needed()
            assert self._index is not None
            return [[(h.key, h.score) for h in hits]
                    for hits in self._index.search_parts(tokens, parts)]

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
        """The ``k`` best passages for ``query`` that anyone may read (none for an empty query).

        Passages of progress updates a manager has not approved and of superseded report
        versions are left out (:func:`knowledge.queries.hidden_documents`, read by the
        statement that reads the hits, at each search): the next best take their places,
        in the same order as in a search without them.
        With ``sync``, the index is synced first (see :meth:`sync`: in background mode
        a large catch-up does not make the search wait).
        """
        with self._reads.one_connection():  # one checkout for the probe and the hits
            if sync:
                self.sync()
            tokens = tokenize(query)
            if not tokens:
                return []
            want = k
            while True:
                scored = self.search_tokens(tokens, want)
                hits = self.hits(scored, visible=True)
                if len(hits) >= k or len(scored) < want:
                    return hits[:k]
                want *= 4  # hidden (or just removed) passages held places: look further

    def one_connection(self) -> contextlib.AbstractContextManager[None]:
        """Within: this thread's searches and reads share one pooled connection.

        For a command that runs many searches in a row (``sdgbot search -``): each search
        otherwise checks a connection out of the pool and back in (its reset and events,
        about 15 us, more than the probe it reads).  Each statement still sees what was
        committed before it: SQLite's connection is in autocommit mode, and PostgreSQL's
        block is one read-committed transaction, rolled back at the end of the block.
        Hold it for a run of queries, not while waiting for input.
        """
        return self._reads.one_connection()

    def hidden_documents(self) -> set[int]:
        """Documents no answer or search may show: updates not approved, superseded reports.

        :func:`knowledge.queries.hidden_documents`, read now (plain SQL on a
        pooled connection, about 20 us on SQLite): an approval shows at the next query.
        """
        return self._reads.hidden_documents()

    def primary_passages(self) -> set[int]:
        """:func:`knowledge.queries.primary_passage_ids`, read now (plain SQL)."""
        return self._reads.primary_ids()

    def neighbours(self, hits: Sequence[SearchHit]) -> dict[int, tuple[str, str]]:
        """The texts of the passages just before and after each hit in its document.

        A passage boundary can fall between a clause and its date or number; the
        answer composer reads across it.
        """
        return self.context(hits, leads=False)[0]

    def leads(self, hits: Sequence[SearchHit]) -> dict[int, str]:
        """The text of each hit's document's first passage (its opening), by document id.

        What an article is about is mostly said in its first lines: an encyclopaedia
        entry opens with its subject, a release with its headline.  A document whose
        first passage is gone (deleted since the index was synced) is left out.
        """
        return self.context(hits, neighbours=False)[1]

    def context(self, hits: Sequence[SearchHit], *, neighbours: bool = True,
                leads: bool = True) -> tuple[dict[int, tuple[str, str]], dict[int, str]]:
        """:meth:`neighbours` and :meth:`leads` of ``hits`` in one read.

        Only the passages that are not among ``hits`` are read (one statement): a
        question's hits are often each other's neighbours, and a document's opening
        is often one of them.  Returns ``(neighbours, leads)``; a part not asked for
        is empty.
        """
        if not hits:
            return {}, {}
        known = {(h.doc_id, h.ordinal): h.text for h in hits}
        wanted: set[tuple[int, int]] = set()
        if neighbours:
            wanted.update((h.doc_id, h.ordinal + d) for h in hits for d in (-1, 1))
        if leads:
            wanted.update((h.doc_id, 0) for h in hits)
        missing = wanted - known.keys()
        if missing:
            known.update(self._reads.texts(missing))
        near = ({h.passage_id: (known.get((h.doc_id, h.ordinal - 1), ""),
                                known.get((h.doc_id, h.ordinal + 1), "")) for h in hits}
                if neighbours else {})
        first = ({h.doc_id: known[(h.doc_id, 0)] for h in hits if (h.doc_id, 0) in known}
                 if leads else {})
        return near, first

    def document_hits(self, doc_id: int, score: float, limit: int = 60) -> list[SearchHit]:
        """Every passage of document ``doc_id`` (its first ``limit``), each with ``score``.

        For reading the rest of a document search found: the passage holding a value
        is not always the one holding the question's words.
        """
        return self.hits([(pid, score) for pid in self._reads.document_ids(doc_id, limit)])

    def hits(self, scored: Sequence[tuple[int, float]], *,
             visible: bool = False) -> list[SearchHit]:
        """Load the passages behind (passage id, score) pairs, keeping their order.

        With ``visible``, passages of documents no search or answer may show
        (:meth:`hidden_documents`) are left out, read in the same statement.
        """
        if not scored:
            return []
        rows = self._reads.hits([pid for pid, _ in scored], visible=visible)
        # A passage removed since the index was last synced is left out.
        return [_search_hit(r, score) for pid, score in scored if (r := rows.get(pid))]

    def passage_dates(self, ids: Sequence[int]) -> dict[int, tuple[int, dt.date | None]]:
        """``(document id, document date)`` of each passage among ``ids`` anyone may read.

        One plain-SQL read, no texts: for choosing among many hits by date before
        loading the few chosen (:meth:`hits`).  Passages of hidden documents and
        passages removed since the index was synced are left out.
        """
        return self._reads.dates(ids) if ids else {}

    def hit_at(self, doc_id: int, ordinal: int, score: float = 0.0) -> SearchHit | None:
        """The passage at ``ordinal`` (0 = first) of document ``doc_id``, as a hit with ``score``.

        For citing the passage a value was read from when it is a neighbour of the
        hit read (:meth:`neighbours`): one read of the database, plain SQL.  None
        when the document has no passage there (removed since it was read).
        """
        row = self._reads.hit_at(doc_id, ordinal)
        return None if row is None else _search_hit(row, score)


def _search_hit(r: Sequence[Any], score: float) -> SearchHit:
    """A :class:`SearchHit` of a passage row of :meth:`_Reads.hits` with ``score``."""
    return SearchHit(passage_id=int(r[0]), doc_id=r[1], score=float(score), title=r[4],
                     text=r[2], kind=r[5], section=r[3], date=r[6], ordinal=r[7], page=r[8])
