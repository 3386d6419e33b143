"""The queue's rows: accepted events, their state, and the journal of what was sent.

Data functions take a ``Session`` and never commit; the caller frames the
transaction (see :mod:`knowledge.db`).  :func:`accept_event` inserts an event once by
its key (``INSERT ... ON CONFLICT DO NOTHING``), so that two web workers given the
same event at once, or a platform's redelivery, store it once and enqueue it once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from knowledge.models import InboundEvent, OutboundSend

__all__ = [
    "DONE",
    "FAILED",
    "QUEUED",
    "SENDING",
    "SENT",
    "EventRow",
    "Sent",
    "accept_event",
    "enqueue_events",
    "failed_count",
    "failed_events",
    "load_event",
    "mark_done",
    "prune_done",
    "queued_count",
    "record_failure",
]

QUEUED, DONE, FAILED = "queued", "done", "failed"
SENDING, SENT = "sending", "sent"
#: The longest error text kept for a failed event.
MAX_ERROR = 4000


@dataclass(frozen=True)
class EventRow:
    """An accepted event as a job reads it."""

    key: str
    platform: str
    payload: str
    status: str
    attempts: int
    received_at: dt.datetime


@dataclass(frozen=True)
class Sent:
    """What the journal knows of one send: its number and, if any, its earlier state."""

    seq: int
    state: str | None  # None: never tried; "sending": tried, outcome unknown; "sent"
    response: str | None


def _insert(session: Session) -> Any:
    dialect = session.get_bind().dialect.name
    return postgresql.insert if dialect == "postgresql" else sqlite.insert


def accept_event(session: Session, key: str, platform: str, payload: str) -> bool:
    """Store the event ``key`` unless it is there already; True when it is new.

    Safe against a concurrent insert of the same key (the unique key decides, and
    the loser inserts nothing and gets False once the winner commits).
    """
    stmt = (
        _insert(session)(InboundEvent)
        .values(key=key[:200], platform=platform, payload=payload, status=QUEUED, attempts=0,
                received_at=dt.datetime.now(dt.UTC))
        .on_conflict_do_nothing(index_elements=["key"])
        .returning(InboundEvent.id)
    )
    return session.execute(stmt).first() is not None


def load_event(session: Session, key: str) -> EventRow | None:
    """The event ``key`` as stored, or None."""
    row = session.scalar(select(InboundEvent).where(InboundEvent.key == key))
    if row is None:
        return None
    return EventRow(row.key, row.platform, row.payload, row.status, row.attempts,
                    row.received_at)


def mark_done(session: Session, key: str) -> None:
    """Record that the work of ``key`` is over (its replies are out)."""
    session.execute(update(InboundEvent).where(InboundEvent.key == key)
                    .values(status=DONE, done_at=dt.datetime.now(dt.UTC), error=None)
                    .execution_options(synchronize_session=False))
    session.execute(delete(OutboundSend).where(OutboundSend.event_key == key)
                    .execution_options(synchronize_session=False))


def record_failure(session: Session, key: str, error: str, *, final: bool) -> None:
    """Keep why an attempt at ``key`` failed; ``final`` puts it in the dead letter."""
    values: dict[str, Any] = {"error": error[:MAX_ERROR],
                              "attempts": InboundEvent.attempts + 1}
    if final:
        values["status"] = FAILED
    session.execute(update(InboundEvent).where(InboundEvent.key == key).values(**values)
                    .execution_options(synchronize_session=False))


def prune_done(session: Session, older_than: dt.timedelta, limit: int = 5000) -> int:
    """Delete up to ``limit`` events done longer than ``older_than`` ago; how many.

    A platform redelivers an event for a day at most, so a week of done events is more
    than enough to recognise every redelivery.  Failed events (the dead letter) stay.
    """
    cutoff = dt.datetime.now(dt.UTC) - older_than
    ids = select(InboundEvent.id).where(InboundEvent.status == DONE,
                                        InboundEvent.done_at < cutoff).limit(limit)
    result = session.execute(delete(InboundEvent).where(InboundEvent.id.in_(ids))
                             .execution_options(synchronize_session=False))
    return int(getattr(result, "rowcount", 0) or 0)


def failed_events(session: Session, limit: int = 100) -> list[dict[str, Any]]:
    """The dead letter, newest first: ``[{key, platform, attempts, error, received_at}]``."""
    rows = session.scalars(select(InboundEvent).where(InboundEvent.status == FAILED)
                           .order_by(InboundEvent.id.desc()).limit(limit))
    return [{"key": r.key, "platform": r.platform, "attempts": r.attempts, "error": r.error,
             "received_at": r.received_at.isoformat()} for r in rows]


def failed_count(session: Session) -> int:
    """Events in the dead letter."""
    return int(session.scalar(select(func.count()).select_from(InboundEvent)
                              .where(InboundEvent.status == FAILED)) or 0)


def queued_count(session: Session) -> int:
    """Events accepted whose work is not over yet."""
    return int(session.scalar(select(func.count()).select_from(InboundEvent)
                              .where(InboundEvent.status == QUEUED)) or 0)


def enqueue_events(db: Any, queue: Any, events: Sequence[tuple[str, str, str]]) -> int:
    """Store each ``(key, platform, payload)`` and defer its job, all in one transaction.

    ``queue`` is the Procrastinate app (:func:`bot.queue.tasks.make_queue`): its job
    INSERT runs on this transaction's own connection, so an event is either stored
    with its job or not at all.  Events already stored (a redelivery, or another web
    worker given the same event) are skipped.  Returns how many were new.  Raises
    SQLAlchemy's errors when the database is unavailable (nothing is then stored).
    """
    from bot.queue.tasks import HANDLE_EVENT

    task = queue.tasks[HANDLE_EVENT]
    new = 0
    with db.write() as s:
        fresh = [key for key, platform, payload in events
                 if accept_event(s, key, platform, payload)]
        if fresh:
            connection = s.connection().connection.driver_connection
            deferrer = task.configure(connection=connection)
            for key in fresh:
                deferrer.defer(key=key)
            new = len(fresh)
    return new
