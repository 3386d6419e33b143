"""What a queue worker process holds, and the work of one job.

:class:`Runtime` owns the core (metered), the LINE and Telegram handlers and the
database, and :meth:`Runtime.run` is the job: read the stored event, skip it when its
work is already over (a job run twice), handle it inside its request id and delivery
journal, then mark it done.  A failure is recorded on the event and raised, so that
Procrastinate retries the job; the last failure puts the event in the dead letter and
tells the user, once, that something went wrong.  A job of platform ``push`` sends a
reminder or a notification (:mod:`bot.queue.pushes`); after a chat event's job, the
notifications it wrote are handed to the queue as push jobs.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import re
import time
from pathlib import Path
from typing import Any

from bot.adapters.line import APOLOGY, _source_ids
from bot.app import App
from bot.approvals import ApprovalPolicy
from bot.buttons import ButtonCommands
from bot.config import Settings
from bot.conversation.lang import message_language
from bot.core import COMMANDS, Core
from bot.logs import request_id
from bot.metrics import (
    ANSWERS,
    JOB_SECONDS,
    JOB_WAIT_SECONDS,
    JOBS,
    REQUEST_SECONDS,
    REQUESTS,
)
from bot.push import LinePusher, Pusher, TelegramPusher, record_push
from bot.queue.journal import JournalPool, journal_for
from bot.queue.line_worker import REPLY_TOKEN_TTL, QueuedLineBot
from bot.queue.pushes import PLATFORM as PUSH
from bot.queue.pushes import PushJobs, PushQueue, enqueue_notifications
from bot.queue.store import QUEUED, EventRow, load_event, mark_done, record_failure
from bot.queue.tasks import MAX_ATTEMPTS, make_queue
from bot.queue.telegram_worker import TelegramWorker
from bot.replies import Message, Reply
from bot.schedule import Schedule

__all__ = ["MeteredCore", "Runtime", "command_of"]

log = logging.getLogger(__name__)

_COMMAND = re.compile(r"^\s*/([A-Za-z_]+)")


def command_of(text: str | None) -> str:
    """The metrics label of a message: its command, ``ask`` for plain text, else ``other``."""
    if not text or not text.strip():
        return "other"
    m = _COMMAND.match(text)
    if m is None:
        return "other" if text.lstrip().startswith("/") else "ask"
    name = m.group(1).lower()
    return name if name in COMMANDS else "other"


class MeteredCore(Core):
    """The core, counting requests by platform and command, their time and answers found."""

    def handle(self, msg: Message, *, defer: bool = False) -> list[Reply]:
        """:meth:`Core.handle`, measured (with ``defer``, the files that follow are not)."""
        command = command_of(msg.text)
        t0 = time.perf_counter()
        replies = super().handle(msg, defer=defer)
        REQUESTS.labels(msg.platform, command).inc()
        REQUEST_SECONDS.labels(msg.platform, command).observe(time.perf_counter() - t0)
        for reply in replies:
            if "found" in reply.meta:
                ANSWERS.labels("true" if reply.meta["found"] else "false").inc()
        return replies


class Runtime:
    """The handlers of one queue worker process."""

    def __init__(self, app: App, settings: Settings, *, media_dir: Path,
                 warm_summary: bool = False) -> None:
        """Serve ``app``'s database and index for the platforms ``settings`` configures.

        ``warm_summary``: make ``/summary``'s files in the background at start and after
        changes (:class:`bot.summary_view.SummaryWarmer`; ``sdgbot worker`` turns it on).
        """
        self.db = app.db
        self.settings = settings
        self.schedule = Schedule.from_settings(settings)
        self.core = MeteredCore(app.db, app.index, media_dir=media_dir,
                                approval=ApprovalPolicy.parse(settings.approval),
                                warm_summary=warm_summary, schedule=self.schedule)
        self.line: QueuedLineBot | None = None
        if settings.line_secret and settings.line_token:
            self.line = QueuedLineBot(self.core, settings, reply_timeout=REPLY_TOKEN_TTL,
                                      media_dir=media_dir)
        self.telegram: TelegramWorker | None = None
        if settings.telegram_token:
            self.telegram = TelegramWorker(self.core, settings)
        self.journals = JournalPool(settings.db_url)
        # Pushes (reminders, notifications): sent by the jobs of platform "push"...
        self.pushers: dict[str, Pusher] = {}
        if self.telegram is not None:
            self.pushers["telegram"] = TelegramPusher(
                "", bot=self.telegram.application.bot,  # journaled, shared rate
                commands=ButtonCommands(app.db))
        if settings.line_token:
            self.pushers["line"] = LinePusher(settings.line_token, settings.line_api,
                                              commands=ButtonCommands(app.db))
        self.pushes = PushJobs(app.db, self.pushers)
        # ...which this worker enqueues for the notifications its jobs wrote.
        self.push_queue = PushQueue(make_queue(settings.db_url))
        if self.line is not None:
            self.line.count_push = self._count_line_push
        self._secrets = [s for s in (settings.telegram_token, settings.line_token,
                                     settings.line_secret) if s]

    async def start(self) -> None:
        """Warm up, then connect to the platforms (Telegram's ``getMe``)."""
        await asyncio.to_thread(self.warm_up)
        if self.telegram is not None:
            await self.telegram.start()

    def warm_up(self) -> None:
        """Load what the first requests would load (answer model, English tables, fonts).

        A worker takes jobs only afterwards, so that no user waits for a cold start.
        """
        t0 = time.perf_counter()
        try:
            for question in ("ธนาคารขยะตั้งแล้วกี่แห่ง", "How many waste banks are there?"):
                self.core.answerer.ask(question)
            from bot.chart import register_thai_font

            register_thai_font()
        except Exception:
            log.warning("warm-up failed; the first requests will be slower", exc_info=True)
        log.info("worker warmed up in %.1f s", time.perf_counter() - t0)

    async def stop(self) -> None:
        """Close the platforms' clients, the journal's connections, the core's background work."""
        await asyncio.to_thread(self.core.close)
        if self.line is not None:
            await self.line.close()
        for pusher in self.pushers.values():
            await pusher.aclose()
        if self.telegram is not None:
            await self.telegram.stop()
        await self.journals.close()

    async def _count_line_push(self) -> None:
        await asyncio.to_thread(record_push, self.db, "line", dt.datetime.now(dt.UTC))

    # -- the job -----------------------------------------------------------------------------
    async def run(self, key: str, attempts: int) -> None:
        """Do the work of event ``key`` (the ``attempts``-th run of its job, from 0)."""
        row = await asyncio.to_thread(self._load, key)
        if row is None:
            log.error("job for unknown event %s: nothing to do", key)
            return
        if row.status != QUEUED:
            log.info("event %s is %s already; job skipped", key, row.status)
            return
        if attempts == 0:
            wait = (dt.datetime.now(dt.UTC) - row.received_at).total_seconds()
            JOB_WAIT_SECONDS.labels(row.platform).observe(max(0.0, wait))
        payload = json.loads(row.payload)
        t0 = time.perf_counter()
        with request_id(key), journal_for(self.journals.journal(key)):
            try:
                await self._dispatch(row, payload)
            except Exception as exc:
                final = attempts + 1 >= MAX_ATTEMPTS
                error = self._describe(exc)
                log.warning("event %s: attempt %d failed: %s%s", key, attempts + 1, error,
                            " (dead letter)" if final else "; will retry")
                await asyncio.to_thread(self._failed, key, error, final)
                JOBS.labels(row.platform, "failed" if final else "retry").inc()
                if final and row.platform == PUSH:
                    await self.pushes.give_up(payload, error)
                elif final:
                    await self._apologise(row, payload)
                raise
        await asyncio.to_thread(self._done, key)
        JOBS.labels(row.platform, "done").inc()
        JOB_SECONDS.labels(row.platform).observe(time.perf_counter() - t0)
        if row.platform != PUSH:
            await self.hand_over_notifications()

    async def hand_over_notifications(self) -> int:
        """Enqueue the notifications a job wrote (an update to approve, a decision).

        One statement when there are none.  A failure is logged, never raised: the
        job's work is done, and the scheduler hands over what is left on its next run.
        """
        now = dt.datetime.now(dt.UTC)
        try:
            return await asyncio.to_thread(enqueue_notifications, self.db, self.push_queue,
                                           list(self.pushers), now,
                                           not_before=self.schedule.quiet_end(now))
        except Exception:
            log.warning("could not hand notifications to the queue; the scheduler will",
                        exc_info=True)
            return 0

    async def give_up(self, key: str) -> None:
        """Put ``key`` in the dead letter: its worker died on every attempt."""
        error = "the worker died on every attempt"
        await asyncio.to_thread(self._failed, key, error, True)
        platform = key.partition(":")[0] or "?"
        JOBS.labels(platform, "failed").inc()
        if platform == PUSH:
            row = await asyncio.to_thread(self._load, key)
            if row is not None:
                await self.pushes.give_up(json.loads(row.payload), error)

    async def _dispatch(self, row: EventRow, payload: dict[str, Any]) -> None:
        if row.platform == "line":
            if self.line is None:
                raise RuntimeError("LINE_CHANNEL_SECRET and LINE_CHANNEL_ACCESS_TOKEN are "
                                   "not set on this worker")
            await self.line.process(payload)
        elif row.platform == "telegram":
            if self.telegram is None:
                raise RuntimeError("TELEGRAM_BOT_TOKEN is not set on this worker")
            await self.telegram.process(payload)
        elif row.platform == PUSH:
            await self.pushes.run(payload)
        else:
            raise ValueError(f"unknown platform {row.platform!r}")

    async def _apologise(self, row: EventRow, payload: dict[str, Any]) -> None:
        """One apology when an event goes to the dead letter (best effort, never raises)."""
        try:
            if row.platform == "telegram" and self.telegram is not None:
                await self.telegram.apologise(payload)
            elif row.platform == "line" and self.line is not None:
                from linebot.v3.messaging import PushMessageRequest, TextMessage
                from linebot.v3.webhooks import Event

                event = Event.from_dict(payload)
                to = _source_ids(event.source)[1]
                said = getattr(getattr(event, "message", None), "text", None)
                en = message_language(said if isinstance(said, str) else "") is True
                if to:
                    await self.line.api().push_message(
                        PushMessageRequest(to=to, messages=[TextMessage(text=APOLOGY[en])]))
        except Exception as exc:
            log.warning("could not tell the user about event %s (%s)", row.key,
                        type(exc).__name__)

    def _describe(self, exc: BaseException) -> str:
        text = f"{type(exc).__name__}: {exc}"
        for secret in self._secrets:
            text = text.replace(secret, "<secret>")
        return text

    # -- database steps (run in threads) -----------------------------------------------------
    def _load(self, key: str) -> EventRow | None:
        with self.db.read() as s:
            return load_event(s, key)

    def _done(self, key: str) -> None:
        with self.db.write() as s:
            mark_done(s, key)

    def _failed(self, key: str, error: str, final: bool) -> None:
        with self.db.write() as s:
            record_failure(s, key, error, final=final)
