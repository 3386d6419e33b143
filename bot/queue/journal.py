"""The delivery journal of the job being run: each reply sent once, even across a retry.

A job's work sends its replies through platform calls, in an order that is the same
every time the same event is handled.  The journal numbers those calls (``seq``) and
records each in the database before it is made (``sending``) and after it succeeded
(``sent``, with the platform's answer).  When a worker dies mid-job and the job runs
again, the calls already ``sent`` are not made again: the recorded answer is handed
back instead.  The one window left is a call whose outcome was never recorded (the
worker died between the request and the commit of ``sent``, a few milliseconds):
for LINE the push retry key makes that safe (LINE accepts a key once); see
:mod:`bot.queue.line_worker` and :mod:`bot.queue.telegram_worker` for what each
platform does with it.

The journal of the running job is found through a context variable, so the adapters'
sending code needs no extra argument: asyncio tasks and ``asyncio.to_thread`` copy
the context.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Iterator
from contextvars import ContextVar

from sqlalchemy.exc import DBAPIError

from bot.queue.store import Sent, begin_send, finish_send
from knowledge.db import Database

__all__ = ["Journal", "current_journal", "journal_for"]

log = logging.getLogger(__name__)

#: Seconds a send's record is retried while the database is unavailable.
RECORD_FOR = 30.0

_current: ContextVar[Journal | None] = ContextVar("sdgbot_journal", default=None)


class Journal:
    """The numbered sends of one event's work (one run of its job)."""

    def __init__(self, db: Database, key: str) -> None:
        """Journal the sends of event ``key`` in ``db``."""
        self.db = db
        self.key = key
        self._seq = 0

    async def begin(self) -> Sent:
        """The next send: what an earlier run did with it (see :class:`Sent`)."""
        seq = self._seq
        self._seq += 1
        return await asyncio.to_thread(self._begin, seq)

    def _begin(self, seq: int) -> Sent:
        with self.db.write() as s:
            return begin_send(s, self.key, seq)

    async def finish(self, seq: int, response: str | None) -> None:
        """Record that send ``seq`` went out, trying for up to :data:`RECORD_FOR` seconds.

        The message is out: were the record lost (the database restarting), a retry of
        the job could not tell, and on Telegram would send it again.  So the record is
        retried while the database comes back; only then does the error propagate.
        """
        delay = 0.1
        deadline = time.monotonic() + RECORD_FOR
        while True:
            try:
                await asyncio.to_thread(self._finish, seq, response)
                return
            except DBAPIError:
                if time.monotonic() + delay > deadline:
                    raise
                log.warning("could not record send %d of %s; trying again", seq, self.key)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 2.0)

    def _finish(self, seq: int, response: str | None) -> None:
        with self.db.write() as s:
            finish_send(s, self.key, seq, response)


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
