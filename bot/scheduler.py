"""``sdgbot scheduler``: reminders, manager lists and notifications on a schedule.

APScheduler (3.x) runs one job every ``interval`` seconds, kept in its SQLAlchemy
job store in the bot's own database, so the schedule survives a restart (a missed
run is coalesced into one).  APScheduler's job stores are not meant to be shared by
several schedulers; running two is still safe here because the job only *looks* for
due work: every reminder and notification is claimed by a database row before it is
sent (:mod:`bot.reminders`, :mod:`bot.push`), so each goes out exactly once.

On PostgreSQL with the job queue (``sdgbot migrate`` made it: the production
topology), the scheduler sends nothing itself: each claimed reminder, and each new
notification, is stored as a queue job in the claim's transaction (keyed by its row,
so a second scheduler or a second run enqueues nothing), and the queue workers send
them, retried and dead-lettered like every job (:mod:`bot.queue.pushes`).  A
scheduler on SQLite (a small office) sends directly, as before.

The job is referenced by name (``bot.scheduler:scheduled_run``) as the job store
requires; it finds its database and settings in the context that
:func:`run_scheduler` (the composition root's command) sets before starting.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import signal
import sys
from dataclasses import dataclass

from bot.app import App
from bot.menus import menu_clients_from, sync_menus
from bot.push import deliver_notifications, pushers_from
from bot.queue.pushes import PushQueue, enqueue_notifications
from bot.reminders import RunReport, Schedule, tick
from knowledge.conversations import purge_conversations

__all__ = ["JOB_ID", "queue_of", "run_once", "run_scheduler", "scheduled_run"]

log = logging.getLogger(__name__)
JOB_ID = "sdgbot-field-tick"


@dataclass
class _Context:
    app: App
    schedule: Schedule
    queue: PushQueue | None = None


_context: _Context | None = None


async def run_once(app: App, schedule: Schedule,
                   clock: object = None, *, queue: PushQueue | None = None) -> RunReport:
    """One run: reminders and lists due now, the outbox, role menus; old rows purged.

    With ``queue`` (the production topology) reminders and notifications are handed
    to the job queue instead of sent here (see :mod:`bot.queue.pushes`).
    """
    now_fn = clock if callable(clock) else (lambda: dt.datetime.now(dt.UTC))
    pushers = pushers_from(app.settings, app.db)
    menus = menu_clients_from(app.settings)
    try:
        if queue is None:
            report = await tick(app.db, schedule, pushers, now_fn)
            await deliver_notifications(app.db, pushers, now_fn, quiet=schedule.is_quiet)
        else:
            report = await tick(app.db, schedule, pushers, now_fn, enqueue=queue.reminder)
            now = now_fn()
            handed = await asyncio.to_thread(enqueue_notifications, app.db, queue,
                                             list(pushers), now,
                                             not_before=schedule.quiet_end(now))
            if handed:
                log.info("%d notifications handed to the job queue", handed)
        await sync_menus(app.db, menus, now_fn)  # role menus follow role changes
    finally:
        for pusher in pushers.values():
            await pusher.aclose()
        for client in menus.values():
            await client.aclose()
    with app.db.write() as s:
        purge_conversations(s, now_fn())
    _warm_summary(app, now_fn())
    return report


def _warm_summary(app: App, now: dt.datetime) -> None:
    """Make ``/summary``'s files while nobody waits.

    The current quarter's ministry-wide chart and workbooks, and every quarter's
    listed projects' workbook that is missing (the lists changed: an ingest).
    """
    from zoneinfo import ZoneInfo

    from bot.summary_view import warm_listed_workbooks, warm_summary_files
    from knowledge.thai import fiscal_quarter_of

    quarter = fiscal_quarter_of(now.astimezone(ZoneInfo("Asia/Bangkok")).date())
    try:
        if warm_summary_files(app.db, app.settings.home / "media", quarter):
            log.info("summary files of %s made ahead of time", quarter.label)
        if made := warm_listed_workbooks(app.db, app.settings.home / "media"):
            log.info("%d listed projects' workbooks made ahead of time", made)
    except Exception:
        log.exception("could not make the summary files ahead of time; /summary makes them")


def scheduled_run() -> None:
    """The job APScheduler runs (by reference); never raises into the scheduler."""
    ctx = _context
    if ctx is None:
        log.error("scheduled_run without a context: start it with sdgbot scheduler")
        return
    try:
        report = asyncio.run(run_once(ctx.app, ctx.schedule, queue=ctx.queue))
        if report.sent or report.blocked or report.failed or report.queued:
            log.info("reminders: %d sent, %d queued, %d blocked, %d failed",
                     len(report.sent), len(report.queued), len(report.blocked),
                     len(report.failed))
    except Exception:
        log.exception("scheduled run failed; the next one tries again")


def queue_of(app: App) -> PushQueue | None:
    """The job queue to hand pushes to: on PostgreSQL once ``sdgbot migrate`` made it."""
    if app.db.is_sqlite:
        return None
    from bot.queue.schema import queue_schema_present
    from bot.queue.tasks import make_queue

    if not queue_schema_present(app.settings.db_url):
        return None
    return PushQueue(make_queue(app.settings.db_url))


def run_scheduler(app: App, schedule: Schedule, *, interval_s: int = 300) -> int:
    """Run the scheduler until SIGINT or SIGTERM; the exit status (0)."""
    from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
    from apscheduler.schedulers.blocking import BlockingScheduler

    global _context
    _context = _Context(app, schedule, queue_of(app))
    scheduler = BlockingScheduler(
        jobstores={"default": SQLAlchemyJobStore(engine=app.db.write_engine)},
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": interval_s},
        timezone="Asia/Bangkok")
    scheduler.add_job("bot.scheduler:scheduled_run", "interval", seconds=max(30, interval_s),
                      id=JOB_ID, replace_existing=True,
                      next_run_time=dt.datetime.now(dt.UTC))

    def stop(signum: int, frame: object) -> None:
        scheduler.shutdown(wait=False)

    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, stop)
    mode = ("pushes go through the job queue" if _context.queue is not None
            else "pushes sent from here")
    print(f"sdgbot scheduler: every {max(30, interval_s)} s, {mode}; Ctrl-C or SIGTERM "
          "stops it", file=sys.stderr, flush=True)
    scheduler.start()
    _context = None
    return 0
