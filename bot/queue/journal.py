"""The delivery journal of the job being run: each reply sent once, even across a retry.

A job's work sends its replies through platform calls, in an order that is the same
every time the same event is handled.  The journal numbers those calls (``seq``) and
records each in the database before it is made (``sending``) and after it succeeded
(``sent``, with the platform's answer).  When a worker dies mid-job and the job runs
again, the calls already ``sent`` are not made again: the recorded answer is handed
back instead.

**The window left**, and how narrow it is.  A call whose outcome was never recorded
(the worker died after the platform accepted it and before ``sent`` was committed)
is ``sending`` when the job runs again.  That window is kept as short as this side
can make it: the record is one ``UPDATE`` in autocommit, on the event loop, on the
connection the send took *before* the call (no wait for a pool slot or for a
thread of the default executor, which CPU-bound work may be holding), and its length
is measured (``sdgbot_send_record_seconds``: from the platform's answer to the
commit).  What remains is the answer's way back over the network plus that commit,
a few milliseconds, and a worker killed inside it.  What the retry does then depends
on the platform (:mod:`bot.queue.line_worker`, :mod:`bot.queue.telegram_worker`):
LINE's push retry key and single-use reply token make the repeat safe; on Telegram
an edit or a button answer made twice is refused and taken as done, while a new
message is sent again (the Bot API has no idempotency key): at least once rather
than never, counted in ``sdgbot_uncertain_sends_total``.

The journal of the running job is found through a context variable, so the adapters'
sending code needs no extra argument: asyncio tasks and ``asyncio.to_thread`` copy
the context.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Iterator
from contextvars import ContextVar
from typing import Any

import psycopg
import psycopg_pool

from bot.metrics import SEND_RECORD_SECONDS
from bot.queue.store import SENDING, SENT, Sent
from bot.queue.tasks import conninfo
from knowledge.models import OutboundSend

__all__ = ["Journal", "JournalPool", "Sending", "current_journal", "journal_for"]

log = logging.getLogger(__name__)

#: Seconds a send's record is retried while the database is unavailable.
RECORD_FOR = 30.0

_current: ContextVar[Journal | None] = ContextVar("sdgbot_journal", default=None)

_T = OutboundSend.__tablename__
_BEGIN = (f"INSERT INTO {_T} (event_key, seq, state, response, at) "
          f"VALUES (%s, %s, '{SENDING}', NULL, now()) "
          "ON CONFLICT (event_key, seq) DO NOTHING RETURNING id")
_EARLIER = f"SELECT state, response FROM {_T} WHERE event_key = %s AND seq = %s"
_FINISH = (f"UPDATE {_T} SET state = '{SENT}', response = %s, at = now() "
           "WHERE event_key = %s AND seq = %s")


class JournalPool:
    """The journal's connections in one worker process: an asynchronous psycopg pool.

    Opened on first use inside the running event loop; :meth:`close` at the end.
    """

    def __init__(self, db_url: str, *, max_size: int = 8) -> None:
        """Journal in ``db_url``'s PostgreSQL (``outbound_sends``)."""
        self.conninfo = conninfo(db_url)
        self.max_size = max_size
        self.pool: psycopg_pool.AsyncConnectionPool | None = None

    async def _ready(self) -> psycopg_pool.AsyncConnectionPool:
        if self.pool is None:
            self.pool = psycopg_pool.AsyncConnectionPool(
                self.conninfo, min_size=1, max_size=self.max_size, open=False,
                kwargs={"autocommit": True})
            await self.pool.open(wait=False)
        return self.pool

    @contextlib.asynccontextmanager
    async def connection(self, timeout: float = 10.0) -> AsyncIterator[Any]:
        """A connection of the pool (autocommit)."""
        pool = await self._ready()
        async with pool.connection(timeout=timeout) as conn:
            yield conn

    async def close(self) -> None:
        """Close the pool (a later use opens a new one)."""
        if self.pool is not None:
            pool, self.pool = self.pool, None
            await pool.close()

    def journal(self, key: str) -> Journal:
        """The journal of one run of event ``key``'s job."""
        return Journal(self, key)


class Sending:
    """One send in progress: what an earlier run did with it, and :meth:`done` to record it."""

    def __init__(self, journal: Journal, conn: Any, sent: Sent) -> None:
        self.journal = journal
        self._conn = conn
        self.seq = sent.seq
        #: None: never tried; ``sending``: tried, outcome unknown; ``sent``: made.
        self.state = sent.state
        self.response = sent.response
        self.recorded = sent.state == SENT

    @property
    def uncertain(self) -> bool:
        """Whether an earlier run made this call and died before recording its outcome."""
        return self.state == SENDING

    async def done(self, response: str | None) -> None:
        """Record that the call went out, at once; retried for up to :data:`RECORD_FOR` s.

        The message is out: were the record lost (the database restarting), a retry of
        the job could not tell, and on Telegram would send it again.  So the record is
        retried while the database comes back; only then does the error propagate.
        """
        t0 = time.perf_counter()
        params = (response, self.journal.key, self.seq)
        try:
            await self._conn.execute(_FINISH, params)
        except psycopg.Error:
            await self._record_again(params)
        SEND_RECORD_SECONDS.observe(time.perf_counter() - t0)
        self.recorded = True

    async def _record_again(self, params: tuple[object, ...]) -> None:
        delay = 0.1
        deadline = time.monotonic() + RECORD_FOR
        while True:
            log.warning("could not record send %d of %s; trying again", self.seq,
                        self.journal.key)
            await asyncio.sleep(delay)
            try:
                async with self.journal.pool.connection(timeout=5.0) as conn:
                    await conn.execute(_FINISH, params)
                return
            except (psycopg.Error, psycopg_pool.PoolTimeout):
                if time.monotonic() + delay > deadline:
                    raise
                delay = min(delay * 2, 2.0)


class Journal:
    """The numbered sends of one event's work (one run of its job)."""

    def __init__(self, pool: JournalPool, key: str) -> None:
        """Journal the sends of event ``key`` through ``pool``."""
        self.pool = pool
        self.key = key
        self._seq = 0

    @contextlib.asynccontextmanager
    async def send(self) -> AsyncIterator[Sending]:
        """The next send: recorded as ``sending`` before the block makes the call.

        The block calls :meth:`Sending.done` once the platform accepted it; leaving the
        block without it keeps the send ``sending`` (outcome unknown).  The connection
        is held for the block, so the record never waits for a free one.
        """
        seq = self._seq
        self._seq += 1
        async with self.pool.connection() as conn:
            cur = await conn.execute(_BEGIN, (self.key, seq))
            if await cur.fetchone() is not None:
                sent = Sent(seq, None, None)
            else:
                cur = await conn.execute(_EARLIER, (self.key, seq))
                row = await cur.fetchone()
                sent = Sent(seq, str(row[0]) if row else None,
                            None if row is None or row[1] is None else str(row[1]))
            yield Sending(self, conn, sent)


def current_journal() -> Journal | None:
    """The journal of the job running in this context, if any."""
    return _current.get()


@contextlib.contextmanager
def journal_for(journal: Journal) -> Iterator[Journal]:
    """Make ``journal`` the current one inside the block."""
    token = _current.set(journal)
    try:
        yield journal
    finally:
        _current.reset(token)
