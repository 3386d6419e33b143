"""Reminders and notifications as queue jobs: durable, retried and dead-lettered like chat events.

In the production topology (PostgreSQL with the job queue) a push is not sent by the
process that decided it, but stored with its job in one transaction and sent by a
queue worker:

* **Notifications** (the outbox rows written in the transaction of the change they
  tell about: an update waiting for approval, a decision) are handed to the queue by
  :func:`enqueue_notifications`: the row's status moves from ``new`` to ``queued``
  and the event ``push:notification:ID`` is stored with its job, in one transaction
  (rows locked ``FOR UPDATE SKIP LOCKED``, so two processes never hand over the same
  row).  A queue worker does it right after the job that wrote the rows; the
  scheduler on every run (for rows written elsewhere, or a worker killed in
  between).  During the quiet hours the job is scheduled for their end.
* **Reminders** are claimed by the scheduler (:func:`bot.reminders.run_reminders`):
  the :class:`~knowledge.models.ReminderLog` row's unique key (kind, user, quarter,
  day) lets one claim commit however many schedulers run, and the event
  ``push:reminder:ID`` with its job is stored in that same transaction
  (:meth:`PushQueue.reminder`).
* **The job** (:meth:`PushJobs.run`, in a queue worker, inside the job's delivery
  journal) pushes through the platform: Telegram through the worker's bot (journaled,
  and within the send rate every worker shares), LINE with the retry key the push's
  name gives (a repeat is answered 409 and not delivered twice).  LINE pushes are
  counted in the month's ``push_counts``.  The row is then ``sent``, or ``blocked``
  when the user blocked the bot (done, never retried).  Any other failure raises: the
  job is retried with back-off, and after its last attempt the event is in the dead
  letter with its error (``sdgbot jobs``, ``/jobs`` in chat) and the row ``failed``.

The event id (``push:KIND:ROW``) is the job's key, as a platform's event id is for a
chat event: a second hand-over of the same row stores nothing and enqueues nothing.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.metrics import LINE_PUSH_REQUESTS
from bot.push import Blocked, Pusher, PushItem, record_push
from bot.queue.store import accept_event
from bot.queue.tasks import HANDLE_EVENT
from knowledge.db import Database
from knowledge.models import Notification, ReminderLog

__all__ = ["PLATFORM", "PushJobs", "PushQueue", "enqueue_notifications", "push_key"]

log = logging.getLogger(__name__)

#: The ``platform`` of a push's event row (its job is told apart by it).
PLATFORM = "push"
#: Notifications handed over per transaction.
BATCH = 500


def push_key(item: PushItem) -> str:
    """The event key of a push: ``push:reminder:ID`` or ``push:notification:ID``."""
    return f"{PLATFORM}:{item.kind}:{item.row_id}"


def _payload(item: PushItem) -> str:
    return json.dumps({"kind": item.kind, "id": item.row_id, "platform": item.platform,
                       "to": item.to, "text": item.text,
                       "buttons": [list(b) for b in item.buttons]}, ensure_ascii=False)


def item_of(payload: dict[str, Any]) -> PushItem:
    """The push a job's payload describes (``ValueError`` when it is not one)."""
    kind = str(payload.get("kind", ""))
    if kind not in ("reminder", "notification"):
        raise ValueError(f"not a push: {kind!r}")
    buttons = tuple((str(b[0]), str(b[1])) for b in payload.get("buttons") or []
                    if isinstance(b, list) and len(b) == 2)
    return PushItem(kind, int(payload["id"]), str(payload["platform"]), str(payload["to"]),
                    str(payload["text"]), buttons)


class PushQueue:
    """Stores pushes with their jobs, on the caller's transaction."""

    def __init__(self, queue: Any) -> None:
        """Defer on ``queue``, the Procrastinate app (:func:`bot.queue.tasks.make_queue`)."""
        self.queue = queue

    def enqueue(self, session: Session, item: PushItem,
                schedule_at: dt.datetime | None = None) -> bool:
        """Store ``item``'s event and defer its job in ``session``'s transaction.

        True when new; False when the push was handed over already (nothing stored).
        """
        if not accept_event(session, push_key(item), PLATFORM, _payload(item)):
            return False
        connection = session.connection().connection.driver_connection
        options: dict[str, Any] = {"connection": connection}
        if schedule_at is not None:
            options["schedule_at"] = schedule_at
        self.queue.tasks[HANDLE_EVENT].configure(**options).defer(key=push_key(item))
        return True

    def reminder(self, session: Session, item: PushItem) -> None:
        """The hook :func:`bot.reminders.run_reminders` calls in a reminder's claim."""
        self.enqueue(session, item)


def enqueue_notifications(db: Database, queue: PushQueue, platforms: Sequence[str],
                          now: dt.datetime, *, not_before: dt.datetime | None = None
                          ) -> int:
    """Hand every ``new`` notification for ``platforms`` to the queue; how many.

    ``not_before`` (the end of the quiet hours) schedules their jobs for later.
    """
    if not platforms:
        return 0
    total = 0
    while True:
        with db.write() as s:
            rows = list(s.scalars(
                select(Notification)
                .where(Notification.status == "new",
                       Notification.platform.in_(list(platforms)))
                .order_by(Notification.id).limit(BATCH)
                .with_for_update(skip_locked=True)))
            for row in rows:
                buttons = tuple((b[0], b[1]) for b in (row.buttons or []) if len(b) == 2)
                queue.enqueue(s, PushItem("notification", row.id, row.platform,
                                          row.external_user_id, row.text, buttons),
                              schedule_at=not_before)
                row.status = "queued"
                row.claimed_at = now
        total += len(rows)
        if len(rows) < BATCH:
            return total


class PushJobs:
    """The push jobs of one queue worker: send, count, mark the row."""

    def __init__(self, db: Database, pushers: dict[str, Pusher]) -> None:
        """Push through ``pushers`` (by platform); rows in ``db``."""
        self.db = db
        self.pushers = pushers

    async def run(self, payload: dict[str, Any]) -> None:
        """Make the push ``payload`` describes; raises (to be retried) when it failed."""
        item = item_of(payload)
        pusher = self.pushers.get(item.platform)
        if pusher is None:
            raise RuntimeError(f"no {item.platform} credentials on this worker")
        status = "sent"
        now = dt.datetime.now(dt.UTC)
        try:
            await pusher.push(item.to, item.text, list(item.buttons), key=item.key)
        except Blocked:
            log.info("%s to %s:%s skipped: the user blocked the bot", item.key,
                     item.platform, item.to)
            status = "blocked"
        if status == "sent" and item.platform == "line":
            LINE_PUSH_REQUESTS.labels(item.kind).inc()
            await asyncio.to_thread(record_push, self.db, "line", now)
        await asyncio.to_thread(self._mark, item, status, None, now)

    async def give_up(self, payload: dict[str, Any], error: str) -> None:
        """The push went to the dead letter: its row is ``failed``, with why."""
        try:
            item = item_of(payload)
        except (ValueError, KeyError, TypeError):
            return
        await asyncio.to_thread(self._mark, item, "failed", error[:200],
                                dt.datetime.now(dt.UTC))

    def _mark(self, item: PushItem, status: str, detail: str | None, now: dt.datetime
              ) -> None:
        with self.db.write() as s:
            if item.kind == "reminder":
                reminder = s.get(ReminderLog, item.row_id)
                if reminder is not None:
                    reminder.status = status
                    reminder.detail = detail
                    if status == "sent":
                        reminder.sent_at = now
            else:
                note = s.get(Notification, item.row_id)
                if note is not None:
                    note.status = status
                    if status == "sent":
                        note.sent_at = now
