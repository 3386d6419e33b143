"""``sdgbot worker``: one queue worker process.

It runs, on one event loop: Procrastinate's worker (``concurrency`` jobs at a time,
new jobs heard through ``LISTEN/NOTIFY``, a heartbeat every :data:`HEARTBEAT`
seconds), the sweeper that puts dead workers' jobs back in the queue, and the
replica heartbeat that tells ``/readyz`` where this process's index stands; and, in
a thread, the :class:`~indexer.follow.IndexFollower` that keeps the index in step.
SIGTERM or SIGINT stops it gracefully: jobs running are finished (up to
:data:`SHUTDOWN_GRACE` seconds); a job cut short by SIGKILL is retried elsewhere.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import os
import socket
from typing import Any

from sqlalchemy import delete
from sqlalchemy.dialects import postgresql

from bot.app import App
from bot.config import Settings
from bot.menus import LineMenus, TelegramMenus, keep_menus_in_step
from bot.metrics import INDEX_LAG, INDEX_PASSAGES, mark_process_dead
from bot.queue.ratelimit import prune_rates
from bot.queue.runtime import Runtime
from bot.queue.store import prune_done
from bot.queue.tasks import HEARTBEAT, QUEUE, STALLED_AFTER, conninfo, make_queue, sweep_forever
from indexer.follow import IndexFollower
from knowledge.models import IndexReplica

__all__ = ["REPLICA_EVERY", "SHUTDOWN_GRACE", "run_worker", "write_replica"]

log = logging.getLogger(__name__)

#: Seconds a worker waits for an ingesting process's saved index before indexing a large
#: batch itself (see :meth:`indexer.service.SearchIndex._wait_for_saved`).
SAVED_WAIT = 180.0
#: Events done longer ago than this are forgotten (redeliveries come within a day).
KEEP_DONE = dt.timedelta(days=7)
PRUNE_EVERY = 600.0
#: Seconds between two reports of this process's index position.
REPLICA_EVERY = 3.0
SHUTDOWN_GRACE = 30.0


def write_replica(app: App, name: str) -> int:
    """Record where this process's index stands (``index_replicas``); returns its lag."""
    index = app.index
    lag = index.lag()
    size = index.size
    INDEX_PASSAGES.set(size)
    INDEX_LAG.set(lag)
    values: dict[str, Any] = {"name": name, "max_passage_id": index.max_passage_id,
                              "passages": size, "catching_up": index.catching_up,
                              "lag": lag, "updated_at": dt.datetime.now(dt.UTC)}
    stmt = postgresql.insert(IndexReplica).values(**values)
    stmt = stmt.on_conflict_do_update(index_elements=["name"],
                                      set_={k: v for k, v in values.items() if k != "name"})
    with app.db.write() as s:
        s.execute(stmt)
    return lag


def _drop_replica(app: App, name: str) -> None:
    with app.db.write() as s:
        s.execute(delete(IndexReplica).where(IndexReplica.name == name))


async def _report_replica(app: App, name: str, stop: asyncio.Event) -> None:
    while not stop.is_set():
        try:
            await asyncio.to_thread(write_replica, app, name)
        except Exception:
            log.warning("could not report the index position", exc_info=True)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), REPLICA_EVERY)


async def _prune(app: App, stop: asyncio.Event) -> None:
    """Every :data:`PRUNE_EVERY` seconds, forget events done more than :data:`KEEP_DONE` ago."""
    while not stop.is_set():
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), PRUNE_EVERY)
        if stop.is_set():
            return
        try:
            def prune() -> int:
                with app.db.write() as s:
                    prune_rates(s)  # send limits of groups gone quiet
                    return prune_done(s, KEEP_DONE)

            gone = await asyncio.to_thread(prune)
            if gone:
                log.info("forgot %d events done more than %s ago", gone, KEEP_DONE)
        except Exception:
            log.warning("could not prune done events", exc_info=True)


def run_worker(app: App, settings: Settings, *, concurrency: int = 4,
               name: str | None = None) -> int:
    """Run one queue worker until SIGTERM/SIGINT; 0 on a clean stop."""
    media_dir = settings.home / "media"
    media_dir.mkdir(parents=True, exist_ok=True)
    worker_name = name or f"{socket.gethostname()}:{os.getpid()}"
    # A large batch committed elsewhere (sdgbot ingest) is loaded from the index files
    # that process saves, rather than tokenised again here while requests wait for CPU.
    app.index.saved_wait = SAVED_WAIT
    runtime = Runtime(app, settings, media_dir=media_dir, warm_summary=True)
    queue = make_queue(settings.db_url, runner=runtime.run, pool_size=concurrency + 2)
    follower = IndexFollower(app.index, conninfo(settings.db_url))

    async def main() -> None:
        stop = asyncio.Event()
        follower.start()
        async with queue.open_async():
            await runtime.start()
            background = [
                asyncio.create_task(sweep_forever(queue, stop, on_give_up=runtime.give_up)),
                asyncio.create_task(_report_replica(app, worker_name, stop)),
                asyncio.create_task(_prune(app, stop)),
            ]
            # Role menus follow role changes (/grant in chat), as beside `sdgbot telegram`
            # and `sdgbot line`, even where no scheduler runs.
            if settings.telegram_token:
                background.append(asyncio.create_task(keep_menus_in_step(
                    app.db, TelegramMenus.from_settings(settings), stop)))
            if settings.line_token:
                background.append(asyncio.create_task(keep_menus_in_step(
                    app.db, LineMenus(settings.line_token, settings.line_api), stop)))
            log.info("queue worker %s: %d jobs at a time", worker_name, concurrency)
            try:
                await queue.run_worker_async(
                    queues=[QUEUE], concurrency=concurrency, name=worker_name,
                    install_signal_handlers=True, listen_notify=True,
                    fetch_job_polling_interval=2.0, abort_job_polling_interval=10.0,
                    update_heartbeat_interval=HEARTBEAT, stalled_worker_timeout=STALLED_AFTER,
                    shutdown_graceful_timeout=SHUTDOWN_GRACE, delete_jobs="successful")
            finally:
                stop.set()
                await asyncio.gather(*background, return_exceptions=True)
                await runtime.stop()

    try:
        asyncio.run(main())
    finally:
        follower.stop()
        with contextlib.suppress(Exception):
            _drop_replica(app, worker_name)
        mark_process_dead()
    return 0
