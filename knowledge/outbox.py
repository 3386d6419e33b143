"""The outbox of pushes, claimed once; reminders claimed once; pushes counted per month.

A change that someone else must hear about (an update waiting for approval, a
decision) writes a :class:`~knowledge.models.Notification` in its own transaction; a
process that holds the platform's credentials claims rows with a conditional
``UPDATE`` (only one process's update matches) and sends them.  Reminders are claimed
by inserting their :class:`~knowledge.models.ReminderLog` row, whose unique key makes
the second insert fail: the row lock of "exactly once".  Data functions take a
``Session`` and never commit, except where the docstring says the claim must be its
own transaction (the caller gives a fresh one).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from knowledge.models import Notification, PushCount, ReminderLog

__all__ = [
    "CLAIM_LEASE",
    "MAX_ATTEMPTS",
    "claim_notification",
    "claim_reminder",
    "count_push",
    "due_notifications",
    "enqueue",
    "month_of",
    "push_count",
    "reminder_taken",
]

BANGKOK = ZoneInfo("Asia/Bangkok")
#: A claim older than this belongs to a process that died; the row may be claimed again.
CLAIM_LEASE = dt.timedelta(minutes=5)
#: Sends tried per notification before it is given up (logged, status ``failed``).
MAX_ATTEMPTS = 3


def enqueue(session: Session, platform: str, external_id: str, text: str,
            buttons: Sequence[tuple[str, str]] = (), *, now: dt.datetime) -> Notification:
    """Add a push for ``platform:external_id`` to the outbox (sent after the commit)."""
    row = Notification(platform=platform, external_user_id=external_id, text=text,
                       buttons=[[label, data] for label, data in buttons] or None,
                       created_at=now, status="new", attempts=0)
    session.add(row)
    return row


def due_notifications(session: Session, platforms: Sequence[str], now: dt.datetime,
                      limit: int = 100) -> list[int]:
    """Ids of unsent notifications for ``platforms`` that no live claim holds, oldest first."""
    stale = now - CLAIM_LEASE
    return list(session.scalars(
        select(Notification.id)
        .where(Notification.platform.in_(list(platforms)),
               Notification.status.in_(("new", "retry")),
               or_(Notification.claimed_at.is_(None), Notification.claimed_at < stale))
        .order_by(Notification.id).limit(limit)))


def claim_notification(session: Session, notification_id: int, now: dt.datetime) -> bool:
    """Claim one notification for sending; False when another process has it."""
    stale = now - CLAIM_LEASE
    result = session.execute(
        update(Notification)
        .where(Notification.id == notification_id,
               Notification.status.in_(("new", "retry")),
               or_(Notification.claimed_at.is_(None), Notification.claimed_at < stale))
        .values(claimed_at=now, attempts=Notification.attempts + 1)
        .execution_options(synchronize_session=False))
    return bool(getattr(result, "rowcount", 0))


def reminder_taken(session: Session, kind: str, platform: str, external_id: str,
                   fiscal_year: int, quarter: int, slot: str) -> ReminderLog | None:
    """The reminder row of this key, if some run claimed it already."""
    return session.scalar(select(ReminderLog).where(
        ReminderLog.kind == kind, ReminderLog.platform == platform,
        ReminderLog.external_user_id == external_id, ReminderLog.fiscal_year == fiscal_year,
        ReminderLog.quarter == quarter, ReminderLog.slot == slot))


def claim_reminder(session: Session, kind: str, platform: str, external_id: str,
                   fiscal_year: int, quarter: int, slot: str, projects: Sequence[int],
                   now: dt.datetime) -> ReminderLog:
    """Insert the reminder's row (status ``claimed``) and flush it.

    Run it in a transaction of its own and commit at once: when two processes claim
    the same reminder, the unique key makes one flush or commit raise
    ``IntegrityError`` and only the other sends.
    """
    row = ReminderLog(kind=kind, platform=platform, external_user_id=external_id,
                      fiscal_year=fiscal_year, quarter=quarter, slot=slot, status="claimed",
                      projects=list(projects), claimed_at=now)
    session.add(row)
    session.flush()
    return row


def month_of(now: dt.datetime) -> str:
    """The month (``YYYY-MM``, Asia/Bangkok) a push is counted in."""
    return now.astimezone(BANGKOK).strftime("%Y-%m")


def count_push(session: Session, platform: str, now: dt.datetime, n: int = 1) -> None:
    """Add ``n`` pushes to this month's count (an atomic increment once the row exists)."""
    month = month_of(now)
    done = session.execute(
        update(PushCount).where(PushCount.platform == platform, PushCount.month == month)
        .values(count=PushCount.count + n).execution_options(synchronize_session=False))
    if not getattr(done, "rowcount", 0):
        session.add(PushCount(platform=platform, month=month, count=n))
        session.flush()


def push_count(session: Session, platform: str, now: dt.datetime) -> int:
    """Pushes counted this month (Asia/Bangkok) on ``platform``."""
    return int(session.scalar(select(PushCount.count).where(
        PushCount.platform == platform, PushCount.month == month_of(now))) or 0)
