"""The web workers' enqueue, on the event loop: one PostgreSQL statement per webhook.

The same rows as :func:`bot.queue.store.enqueue_events` (the event, unique by its key,
and its job, in one transaction), written with an asynchronous psycopg connection from
a small pool: no thread hand-off and no ORM session on the path every webhook takes.
And one round trip: the insert of the events and the deferral of the new ones' jobs are
one statement in autocommit (one implicit transaction) — the events' ``INSERT ... ON
CONFLICT DO NOTHING RETURNING`` feeds Procrastinate's own deferral function
(``procrastinate_defer_jobs_v1``, what its ``defer`` runs; the version is pinned with
its schema), so a webhook waits for the database once instead of four times (BEGIN,
insert, defer, COMMIT), which is what keeps its answer within milliseconds when the
machine is busy.  The SQL is built once from the model's names; every value is a bound
parameter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import psycopg_pool

from bot.queue.store import QUEUED
from bot.queue.tasks import HANDLE_EVENT, QUEUE, conninfo
from knowledge.models import InboundEvent

__all__ = ["AsyncEnqueuer"]


def _enqueue_sql(rows: int) -> str:
    """Insert ``rows`` events, defer a job for each new one; returns the new job ids."""
    c = InboundEvent.__table__.c
    columns = ", ".join(col.name for col in (c.key, c.platform, c.payload, c.status,
                                             c.attempts, c.received_at))
    values = ", ".join(["(%s, %s, %s, %s, 0, %s)"] * rows)
    return (f"WITH fresh AS (INSERT INTO {InboundEvent.__tablename__} ({columns}) "
            f"VALUES {values} ON CONFLICT ({c.key.name}) DO NOTHING "
            f"RETURNING {c.id.name}, {c.key.name}) "
            "SELECT unnest(procrastinate_defer_jobs_v1(ARRAY("
            "SELECT ROW(%s, %s, 0, NULL, NULL, jsonb_build_object('key', "
            f"fresh.{c.key.name}), NULL)::procrastinate_job_to_defer_v1 "
            f"FROM fresh ORDER BY fresh.{c.id.name}))) AS id")


class AsyncEnqueuer:
    """Stores events and defers their jobs for one web worker process."""

    def __init__(self, db_url: str, *, max_size: int = 8) -> None:
        """Enqueue :data:`HANDLE_EVENT` jobs on ``db_url``'s PostgreSQL."""
        self.pool = psycopg_pool.AsyncConnectionPool(
            conninfo(db_url), min_size=1, max_size=max_size, open=False,
            kwargs={"autocommit": True})

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
        if not events:
            return 0
        now = dt.datetime.now(dt.UTC)
        params: list[Any] = []
        for key, platform, payload in events:
            params += [key[:200], platform, payload, QUEUED, now]
        params += [QUEUE, HANDLE_EVENT]
        async with self.pool.connection() as conn:
            cur = await conn.execute(_enqueue_sql(len(events)), params)
            return len(await cur.fetchall())
