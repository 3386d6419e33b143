"""The web workers' enqueue, on the event loop: one short PostgreSQL transaction per webhook.

The same rows as :func:`bot.queue.store.enqueue_events` (the event, unique by its key,
and its job, in one transaction), written with an asynchronous psycopg connection from
a small pool: no thread hand-off and no ORM session on the path every webhook takes,
which keeps a webhook's answer within milliseconds on a busy machine.  The SQL is built
once from the model's table and column names; every value is a bound parameter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import psycopg_pool

from bot.queue.store import QUEUED
from bot.queue.tasks import HANDLE_EVENT, conninfo
from knowledge.models import InboundEvent

__all__ = ["AsyncEnqueuer"]


def _insert_sql() -> str:
    c = InboundEvent.__table__.c
    columns = ", ".join(col.name for col in (c.key, c.platform, c.payload, c.status,
                                             c.attempts, c.received_at))
    return (f"INSERT INTO {InboundEvent.__tablename__} ({columns}) "
            f"VALUES (%s, %s, %s, %s, 0, %s) ON CONFLICT ({c.key.name}) DO NOTHING "
            f"RETURNING {c.id.name}")


class AsyncEnqueuer:
    """Stores events and defers their jobs for one web worker process."""

    def __init__(self, db_url: str, queue: Any, *, max_size: int = 8) -> None:
        """Enqueue into ``queue`` (a Procrastinate app) on ``db_url``'s PostgreSQL."""
        self.queue = queue
        self.task = queue.tasks[HANDLE_EVENT]
        self.pool = psycopg_pool.AsyncConnectionPool(conninfo(db_url), min_size=1,
                                                     max_size=max_size, open=False)
        self._sql = _insert_sql()

    async def open(self) -> None:
        """Open the pool (inside the running event loop)."""
        await self.pool.open(wait=True, timeout=30)

    async def close(self) -> None:
        """Close the pool."""
        await self.pool.close()

    async def enqueue(self, events: Sequence[tuple[str, str, str]]) -> int:
        """Store each ``(key, platform, payload)`` and defer its job in one transaction.

        Events already stored are skipped; returns how many were new.  Raises psycopg's
        errors (and Procrastinate's) when the database is unavailable: nothing is stored.
        """
        now = dt.datetime.now(dt.UTC)
        async with self.pool.connection() as conn, conn.transaction():
            fresh = []
            for key, platform, payload in events:
                cur = await conn.execute(self._sql, (key[:200], platform, payload, QUEUED, now))
                if await cur.fetchone() is not None:
                    fresh.append(key[:200])
            if fresh:
                deferrer = self.task.configure(connection=conn)
                for key in fresh:
                    await deferrer.defer_async(key=key)
        return len(fresh)
