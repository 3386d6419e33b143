"""The durable job queue: Procrastinate on the PostgreSQL that holds everything else.

Why Procrastinate on PostgreSQL, and not Dramatiq or Celery on Redis or RabbitMQ:

* **One transaction.**  A web worker stores the event (:mod:`bot.queue.store`) and
  defers its job in one PostgreSQL transaction (Procrastinate's ``connection=``
  option runs the job's INSERT on our own connection).  Either both are there or
  neither is; there is no moment where the platform was told 200 and the work exists
  only in memory, and no second system whose state can disagree with the database.
  With a broker, "stored and enqueued" would be two commits on two systems.
* **Nothing new to run.**  The ministry already runs PostgreSQL (backups, failover,
  monitoring); a broker would be one more service to operate, secure and restart.
* **At once, not by polling.**  Workers hear of new jobs through ``LISTEN/NOTIFY``
  (with a polling fallback), so a job starts within milliseconds.
* **Dead workers are seen.**  Each worker writes a heartbeat; the jobs of a worker whose
  heartbeat stopped (SIGKILL, power loss) are found and put back in the queue by
  :func:`retry_stalled_jobs`, which every worker runs every few seconds.
* **Well kept.**  Procrastinate is maintained, typed, tested on PostgreSQL, with
  retries, periodic tasks, locks and a job table an operator can query with SQL.

The cost: the queue's throughput is PostgreSQL's (thousands of jobs a second on one
server, far above the ministry's peak of a few hundred messages a second), and the
small office's SQLite mode has no queue at all: ``sdgbot chat`` and ``sdgbot
telegram`` (polling) call the core directly, as they always did.

One task, :data:`HANDLE_EVENT`, does every kind of work (answer, update, summary,
ingest of a sent file): its only argument is the event key, and the event itself is
read from ``inbound_events``.  Retries: :data:`MAX_ATTEMPTS` attempts with
exponential back-off, then the event goes to the dead letter (status ``failed``, the
error kept, ``sdgbot jobs --failed``) and is never retried again.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

import procrastinate
from procrastinate import exceptions as pexc
from sqlalchemy.engine import make_url

__all__ = [
    "HANDLE_EVENT",
    "MAX_ATTEMPTS",
    "QUEUE",
    "conninfo",
    "make_queue",
    "retry_stalled_jobs",
]

log = logging.getLogger(__name__)

QUEUE = "events"
HANDLE_EVENT = "sdgbot.handle_event"
#: Runs of one job before its event goes to the dead letter.
MAX_ATTEMPTS = 5
#: Seconds between a worker's heartbeats, and of silence after which it counts as dead.
HEARTBEAT = 2.0
STALLED_AFTER = 10.0

#: A job's work: ``(key, attempts)`` → done; raises to be retried.
Runner = Callable[[str, int], Awaitable[None]]


def conninfo(db_url: str) -> str:
    """The libpq connection string of a SQLAlchemy PostgreSQL URL (driver name dropped)."""
    url = make_url(db_url)
    if url.get_backend_name() != "postgresql":
        raise ValueError("the job queue needs PostgreSQL (DATABASE_URL=postgresql://...)")
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def make_queue(db_url: str, *, runner: Runner | None = None, pool_size: int = 4
               ) -> procrastinate.App:
    """The Procrastinate app on ``db_url``'s PostgreSQL.

    A web process passes no ``runner``: it only defers jobs, on its own transaction's
    connection (``configure(connection=...)``, synchronous or asynchronous), so its
    connector's pool is never opened.  A worker passes the ``runner`` that does an
    event's work; its connector's pool holds ``pool_size`` connections (one listens).
    """
    connector = procrastinate.PsycopgConnector(conninfo=conninfo(db_url), min_size=1,
                                               max_size=max(2, pool_size))
    app = procrastinate.App(connector=connector)
    retry = procrastinate.RetryStrategy(max_attempts=MAX_ATTEMPTS - 1, exponential_wait=2)

    async def handle_event(context: procrastinate.JobContext, key: str) -> None:
        if runner is None:  # pragma: no cover - a web process never runs jobs
            raise RuntimeError("this process only defers jobs")
        await runner(key, context.job.attempts)

    app.task(name=HANDLE_EVENT, queue=QUEUE, pass_context=True, retry=retry)(handle_event)
    return app


async def retry_stalled_jobs(app: procrastinate.App, *, stalled_after: float = STALLED_AFTER,
                             on_give_up: Callable[[str], Awaitable[None]] | None = None
                             ) -> int:
    """Put the jobs of dead workers back in the queue; returns how many.

    A worker is dead when its heartbeat is older than ``stalled_after`` seconds.  A
    job that has already used its :data:`MAX_ATTEMPTS` (it kills its worker every
    time) is failed instead, and ``on_give_up(key)`` records why: never retried forever.
    Two workers sweeping at once is harmless (the second finds nothing to retry).
    """
    jobs = await app.job_manager.get_stalled_jobs(seconds_since_heartbeat=stalled_after)
    count = 0
    for job in jobs:
        key = str(job.task_kwargs.get("key", ""))
        try:
            if job.attempts + 1 >= MAX_ATTEMPTS:
                log.error("job %s (%s): its worker died on every attempt; giving up",
                          job.id, key)
                await app.job_manager.finish_job(job, status=procrastinate.jobs.Status.FAILED,
                                                 delete_job=False)
                if on_give_up is not None:
                    await on_give_up(key)
            else:
                log.warning("job %s (%s): its worker died mid-job; retrying it", job.id, key)
                await app.job_manager.retry_job(job)
                count += 1
        except pexc.ConnectorException:
            log.info("job %s was retried by another worker first", job.id)
    return count


async def sweep_forever(app: procrastinate.App, stop: asyncio.Event, *,
                        every: float = HEARTBEAT,
                        on_give_up: Callable[[str], Awaitable[None]] | None = None) -> None:
    """Run :func:`retry_stalled_jobs` every ``every`` seconds until ``stop`` is set."""
    while not stop.is_set():
        try:
            await retry_stalled_jobs(app, on_give_up=on_give_up)
        except Exception:
            log.exception("could not look for stalled jobs; trying again")
        try:
            await asyncio.wait_for(stop.wait(), every)
        except TimeoutError:
            pass
