"""Telegram's send limits kept by every queue worker together, in PostgreSQL.

Telegram lets a bot send about 30 messages a second, and 20 a minute in one group;
past that it answers 429 with a ``retry_after``.  python-telegram-bot's
``AIORateLimiter`` keeps to those limits inside one process, so two queue workers
would send twice as fast, and ten ten times.  :class:`SharedRateLimiter` (a
python-telegram-bot ``BaseRateLimiter``) takes each send's slot from the database
every worker already shares instead of a second service (Redis was the other choice;
PostgreSQL is already in the topology, and a slot costs one statement, about a
millisecond):

* **GCRA**, the generic cell rate algorithm (a token bucket written as one
  timestamp): a limit's row in ``send_rates`` holds ``tat``, the time the next send
  would be due were every earlier one spaced ``1/rate`` apart.  Taking a slot is one
  ``INSERT ... ON CONFLICT DO UPDATE`` that moves ``tat`` one interval on and returns
  how long to wait: ``tat - now - burst/rate`` (never negative).  The row lock orders
  concurrent takers, who each get a distinct slot; the database's clock is the one
  clock, whatever the hosts' clocks say.
* **Limits**: :data:`OVERALL` for every message sent to a chat, and :data:`PER_GROUP`
  for each group or channel (a negative or ``@name`` chat id); a chat action
  ("typing…") takes no slot (``AIORateLimiter`` counts it too).
* **429**: the overall row is pushed past the ``retry_after`` Telegram gave, so every
  worker pauses, and the call is made again (up to :data:`RETRIES` times) before the
  error fails the job (which is then retried by the queue).
* **Database away** (a PostgreSQL restart): the process falls back on
  ``AIORateLimiter`` until the database answers again; the send is not held up.

Rows of groups unheard of for an hour are deleted by :func:`prune_rates` (the
worker's housekeeping).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import time
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

import psycopg
import psycopg_pool
from sqlalchemy import delete
from sqlalchemy.orm import Session
from telegram.error import RetryAfter
from telegram.ext import AIORateLimiter, BaseRateLimiter

from bot.queue.tasks import conninfo
from knowledge.models import SendRate

__all__ = ["OVERALL", "PER_GROUP", "Limit", "SharedRateLimiter", "prune_rates"]

log = logging.getLogger(__name__)

#: Calls that carry a chat but send no message: Telegram's limits count messages, and a
#: "typing…" before each answer would halve the messages the limit lets through.
UNLIMITED = frozenset({"sendChatAction"})
#: Calls made again after a 429 before the error is raised.
RETRIES = 2
#: Seconds a send waits for a connection before limiting its process alone, and how long
#: it then does so before trying the database again.
CONNECT_WAIT = 1.0
RECHECK = 5.0


@dataclass(frozen=True)
class Limit:
    """``rate`` sends a second on average, up to ``burst`` at once."""

    rate: float
    burst: int

    @property
    def step(self) -> float:
        """Seconds between two sends at the rate."""
        return 1.0 / self.rate


#: Telegram's overall limit for a bot: 30 messages a second.
OVERALL = Limit(rate=30.0, burst=30)
#: Telegram's limit in one group or channel: 20 messages a minute.
PER_GROUP = Limit(rate=20.0 / 60.0, burst=20)

_T = SendRate.__tablename__
_TAKE = (f"INSERT INTO {_T} AS r (name, tat) "
         "VALUES (%(name)s, clock_timestamp() + make_interval(secs => %(step)s)) "
         "ON CONFLICT (name) DO UPDATE SET tat = GREATEST(r.tat, clock_timestamp()) "
         "+ make_interval(secs => %(step)s) "
         "RETURNING GREATEST(0, EXTRACT(EPOCH FROM r.tat - clock_timestamp()) "
         "- %(slack)s)::float8")
_PAUSE = (f"INSERT INTO {_T} AS r (name, tat) "
          "VALUES (%(name)s, clock_timestamp() + make_interval(secs => %(until)s)) "
          "ON CONFLICT (name) DO UPDATE SET tat = GREATEST(r.tat, "
          "clock_timestamp() + make_interval(secs => %(until)s))")


def group_of(chat_id: object) -> str | None:
    """The group or channel a send goes to (its limit's name part), or None."""
    try:
        number = int(str(chat_id))
    except (TypeError, ValueError):
        return str(chat_id) if isinstance(chat_id, str) and chat_id else None
    return str(number) if number < 0 else None


def _seconds(exc: RetryAfter) -> float:
    """Telegram's ``retry_after`` in seconds.

    Read as python-telegram-bot's own limiter does: the public attribute warns of its
    coming change of type.
    """
    value = getattr(exc, "_retry_after", None)
    return value.total_seconds() if isinstance(value, dt.timedelta) else 1.0


class SharedRateLimiter(BaseRateLimiter[int]):
    """Telegram's limits across every process that sends with this bot (see the module)."""

    def __init__(self, db_url: str, *, bot: str = "telegram", overall: Limit = OVERALL,
                 per_group: Limit = PER_GROUP) -> None:
        """Keep the limits in ``db_url``'s ``send_rates``, named after ``bot``."""
        self.conninfo = conninfo(db_url)
        self.pool: psycopg_pool.AsyncConnectionPool | None = None
        self.bot = bot
        self.overall = overall
        self.per_group = per_group
        self._local = AIORateLimiter()
        self._down_until = 0.0

    async def initialize(self) -> None:
        """Open a connection pool (inside the running loop)."""
        if self.pool is None:
            self.pool = psycopg_pool.AsyncConnectionPool(
                self.conninfo, min_size=1, max_size=4, open=False,
                kwargs={"autocommit": True})
            await self.pool.open(wait=False)

    async def shutdown(self) -> None:
        """Close the pool."""
        if self.pool is not None:
            pool, self.pool = self.pool, None
            await pool.close()

    def _pool(self) -> psycopg_pool.AsyncConnectionPool:
        if self.pool is None:
            raise psycopg_pool.PoolClosed("the rate limiter is not initialised")
        return self.pool

    async def take(self, name: str, limit: Limit) -> float:
        """Take the next slot of limit ``name``; seconds to wait for it."""
        async with self._pool().connection(timeout=CONNECT_WAIT) as conn:
            cur = await conn.execute(_TAKE, {"name": name, "step": limit.step,
                                             "slack": limit.burst * limit.step})
            row = await cur.fetchone()
        return float(row[0]) if row is not None else 0.0

    async def pause(self, seconds: float) -> None:
        """Hold every process's sends for ``seconds`` (after Telegram's 429)."""
        async with self._pool().connection(timeout=CONNECT_WAIT) as conn:
            await conn.execute(_PAUSE, {"name": f"{self.bot}:all",
                                        "until": seconds + self.overall.burst
                                        * self.overall.step})

    async def _wait_for_slots(self, group: str | None) -> None:
        if group is not None:
            await asyncio.sleep(await self.take(f"{self.bot}:group:{group}", self.per_group))
        await asyncio.sleep(await self.take(f"{self.bot}:all", self.overall))

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Any]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Any:
        """Wait for this send's slots (none for calls without a chat), then make it."""
        chat_id = None if endpoint in UNLIMITED else data.get("chat_id")
        retries = RETRIES if rate_limit_args is None else rate_limit_args
        for attempt in range(retries + 1):
            if chat_id is not None:
                if time.monotonic() < self._down_until:
                    return await self._local.process_request(callback, args, kwargs,
                                                             endpoint, data, rate_limit_args)
                try:
                    await self._wait_for_slots(group_of(chat_id))
                except (psycopg.Error, psycopg_pool.PoolTimeout, psycopg_pool.PoolClosed) as exc:
                    log.warning("shared send rate unavailable (%s); limiting this process "
                                "alone for %.0f s", type(exc).__name__, RECHECK)
                    self._down_until = time.monotonic() + RECHECK
                    return await self._local.process_request(callback, args, kwargs,
                                                             endpoint, data, rate_limit_args)
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                seconds = _seconds(exc)
                if attempt == retries:
                    raise
                log.warning("Telegram asked to wait %.0f s (HTTP 429); every worker pauses",
                            seconds)
                try:
                    await self.pause(seconds)
                except (psycopg.Error, psycopg_pool.PoolTimeout, psycopg_pool.PoolClosed):
                    await asyncio.sleep(seconds)
                if chat_id is None:
                    await asyncio.sleep(seconds)
        raise AssertionError("unreachable")  # pragma: no cover


def prune_rates(session: Session, older_than: dt.timedelta = dt.timedelta(hours=1)) -> int:
    """Delete the limits not used for ``older_than`` (groups gone quiet); how many."""
    cutoff = dt.datetime.now(dt.UTC) - older_than
    result = session.execute(delete(SendRate).where(SendRate.tat < cutoff)
                             .execution_options(synchronize_session=False))
    return int(getattr(result, "rowcount", 0) or 0)
