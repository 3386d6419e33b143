"""Each delivery handled once: a lease, then a done mark, in ``processed_events``.

A platform may deliver one message more than once (a webhook retried after a timeout
or a restart, LINE's redelivery under a new ``webhookEventId``).  The adapter claims
the delivery by its transport id before any work, in two steps so that a crash loses
nothing:

* before the work, a *lease* (platform ``<done_key>:lease``) is taken, with its time;
* when the work is over, the lease becomes the *done* mark (platform ``<done_key>``).

A delivery of a done id is skipped (no answer at all: no reply, no push).  One that
finds a live lease is :attr:`Claim.BUSY` (another worker is on it).  A lease older
than ``lease`` belongs to a worker that died between the claim and the work: the
next delivery takes it over.  The rows live in the database, so the mark survives
restarts and holds across processes, as the update and ``/undo`` marks do.
"""

from __future__ import annotations

import datetime as dt
import enum
import logging
from collections.abc import Callable

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from knowledge.models import ProcessedEvent

__all__ = ["Claim", "claim", "finish", "lease_key", "release"]

log = logging.getLogger(__name__)

#: ``write(fn)`` runs ``fn`` in one write transaction (``Core.write_retrying``).
Writer = Callable[[Callable[[Session], object]], object]


class Claim(enum.Enum):
    """What :func:`claim` found for a delivery."""

    FRESH = "fresh"  # ours to handle now
    DONE = "done"  # handled before: skip
    BUSY = "busy"  # another worker holds a live lease: ask for a later delivery


def lease_key(done_key: str) -> str:
    """The ``platform`` of a lease row for deliveries marked done under ``done_key``."""
    return f"{done_key}:lease"[:16]


def claim(write: Writer, done_key: str, event_id: str, lease: dt.timedelta,
          forget_after: dt.timedelta | None = None) -> Claim:
    """Take the lease on ``event_id`` (see the module docstring for the protocol).

    ``forget_after``: a done mark older than this no longer counts (Telegram keeps an
    undelivered update 24 hours, and may reuse an id after a quiet week).
    """
    key, leased = event_id[:160], lease_key(done_key)

    def attempt(s: Session) -> Claim:
        rows = list(s.scalars(
            select(ProcessedEvent)
            .where(ProcessedEvent.event_id == key,
                   ProcessedEvent.platform.in_((done_key, leased)))
            .with_for_update()))
        now = dt.datetime.now(dt.UTC)
        for r in rows:
            if r.platform != done_key:
                continue
            if forget_after is None or now - _aware(r.at) < forget_after:
                return Claim.DONE
            r.platform, r.at = leased, now  # an old mark of an id used again: ours now
            return Claim.FRESH
        if not rows:
            s.add(ProcessedEvent(platform=leased, event_id=key, at=now))
            s.flush()
            return Claim.FRESH
        held = rows[0]
        if now - _aware(held.at) < lease:
            return Claim.BUSY
        log.warning("%s delivery %s: the worker that claimed it %s ago never finished; "
                    "taking it over", done_key, key, now - _aware(held.at))
        held.at = now
        return Claim.FRESH

    try:
        state = write(attempt)
    except IntegrityError:  # a concurrent delivery took the lease first
        return Claim.BUSY
    return state if isinstance(state, Claim) else Claim.BUSY


def _aware(at: dt.datetime) -> dt.datetime:
    """``at`` as an aware UTC time (a naive one read back from SQLite is UTC)."""
    return at if at.tzinfo is not None else at.replace(tzinfo=dt.UTC)


def finish(write: Writer, done_key: str, event_id: str) -> None:
    """Turn the lease on ``event_id`` into its done mark (the work is over)."""
    key = event_id[:160]

    def done(s: Session) -> None:
        s.execute(update(ProcessedEvent)
                  .where(ProcessedEvent.platform == lease_key(done_key),
                         ProcessedEvent.event_id == key)
                  .values(platform=done_key)
                  .execution_options(synchronize_session=False))

    write(done)


def release(write: Writer, done_key: str, event_id: str) -> None:
    """Give the lease on ``event_id`` up (the work failed): a later delivery does it."""
    key = event_id[:160]

    def drop(s: Session) -> None:
        s.query(ProcessedEvent).filter(ProcessedEvent.platform == lease_key(done_key),
                                       ProcessedEvent.event_id == key).delete()

    write(drop)
