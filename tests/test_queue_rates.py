"""Telegram's send limits shared by the queue workers, in PostgreSQL (``send_rates``).

Two limiters with connections of their own stand for two worker processes.  Their
slots are read from the database's answers (when each send may go), not timed: the
slots of both together are spaced at the limit's rate, a 429 from Telegram pauses
both, and a limiter whose database is away falls back on the process's own limit.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import PG_URL, _pg_available, reset_pg
from sqlalchemy import text
from telegram.error import RetryAfter

from bot.queue.ratelimit import OVERALL, Limit, SharedRateLimiter, group_of, prune_rates
from knowledge.db import Database

pytestmark = pytest.mark.skipif(not _pg_available(), reason="PostgreSQL not reachable")

SLOW = Limit(rate=0.1, burst=2)  # a send every 10 s after a burst of two


@pytest.fixture
def db() -> Iterator[Database]:
    reset_pg(PG_URL)
    d = Database(PG_URL)
    d.migrate()
    try:
        yield d
    finally:
        d.dispose()


def test_groups_are_told_apart_from_private_chats() -> None:
    assert group_of(-100123) == "-100123" and group_of("-5") == "-5"
    assert group_of(5001) is None and group_of("5001") is None
    assert group_of("@channelname") == "@channelname" and group_of(None) is None


def test_two_workers_share_one_rate(db: Database) -> None:
    """Six sends from two workers, interleaved: two at once, then one every 10 s."""

    async def main() -> list[float]:
        a, b = SharedRateLimiter(PG_URL), SharedRateLimiter(PG_URL)
        await a.initialize()
        await b.initialize()
        try:
            waits = []
            for limiter in (a, b, a, b, a, b):
                waits.append(await limiter.take("test:all", SLOW))
            return waits
        finally:
            await a.shutdown()
            await b.shutdown()

    waits = asyncio.run(main())
    expected = [0.0, 0.0, 10.0, 20.0, 30.0, 40.0]
    assert all(abs(w - e) < 1.0 for w, e in zip(waits, expected, strict=True)), waits


def _callback(calls: list[dict[str, Any]], fail_first: int = 0) -> Any:
    async def send(**kwargs: Any) -> dict[str, Any]:
        calls.append(kwargs)
        if len(calls) <= fail_first:
            raise RetryAfter(dt.timedelta(seconds=3))
        return {"ok": True}

    return send


# python-telegram-bot's RetryAfter warns of its attribute's coming type when made.
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_a_429_pauses_every_worker(db: Database) -> None:
    calls: list[dict[str, Any]] = []
    slept: list[float] = []
    real_sleep = asyncio.sleep

    async def sleep(seconds: float) -> None:  # the waits are recorded, not waited
        slept.append(seconds)
        await real_sleep(0)

    async def main() -> float:
        a, b = SharedRateLimiter(PG_URL), SharedRateLimiter(PG_URL)
        await a.initialize()
        await b.initialize()
        try:
            result = await a.process_request(_callback(calls, fail_first=1), (),
                                             {"chat_id": 5001}, "sendMessage",
                                             {"chat_id": 5001}, None)
            assert result == {"ok": True}
            return await b.take("telegram:all", OVERALL)  # the other worker's next send
        finally:
            await a.shutdown()
            await b.shutdown()

    asyncio.sleep = sleep  # type: ignore[assignment]
    try:
        other = asyncio.run(main())
    finally:
        asyncio.sleep = real_sleep  # type: ignore[assignment]
    assert len(calls) == 2  # made again after the pause
    assert any(w >= 2.5 for w in slept), slept  # the retry waited for Telegram's 3 s
    assert other >= 2.0  # and so does every other worker


def test_group_sends_take_the_group_s_slot_too(db: Database) -> None:
    calls: list[dict[str, Any]] = []

    async def main() -> None:
        limiter = SharedRateLimiter(PG_URL)
        await limiter.initialize()
        try:
            for chat in (-42, 5001):
                await limiter.process_request(_callback(calls), (), {}, "sendMessage",
                                              {"chat_id": chat}, None)
            await limiter.process_request(_callback(calls), (), {}, "getMe", {}, None)
            await limiter.process_request(_callback(calls), (), {}, "sendChatAction",
                                          {"chat_id": -43}, None)  # no slot taken
        finally:
            await limiter.shutdown()

    asyncio.run(main())
    assert len(calls) == 4
    with db.read() as s:
        names = sorted(s.execute(text("SELECT name FROM send_rates")).scalars())
    assert names == ["telegram:all", "telegram:group:-42"]
    with db.write() as s:
        s.execute(text("UPDATE send_rates SET tat = now() - interval '2 hours' "
                       "WHERE name LIKE '%group%'"))
    with db.write() as s:
        assert prune_rates(s, dt.timedelta(hours=1)) == 1


def test_without_the_database_the_process_limits_itself(db: Database) -> None:
    calls: list[dict[str, Any]] = []

    async def main() -> Any:
        limiter = SharedRateLimiter("postgresql://nobody@127.0.0.1:1/none")
        await limiter.initialize()
        try:
            return await limiter.process_request(_callback(calls), (), {}, "sendMessage",
                                                 {"chat_id": 5001}, None)
        finally:
            await limiter.shutdown()

    assert asyncio.run(main()) == {"ok": True} and len(calls) == 1
