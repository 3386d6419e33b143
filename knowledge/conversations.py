"""Guided conversations in the database: open, lock, advance, close; the files they gather.

Data functions over :class:`~knowledge.models.Conversation` and
:class:`~knowledge.models.UpdateEvidence` rows.  They take a ``Session`` and never
commit: the chat layer frames one short write transaction per message, in which the
conversation row is locked (``FOR UPDATE`` on PostgreSQL; SQLite's writers are
serialised by ``BEGIN IMMEDIATE``), so two messages of one user handled by two
workers at once take their turns.  Times are aware UTC.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from knowledge.models import MAX_ID, Conversation, UpdateEvidence

__all__ = [
    "KEEP_CLOSED",
    "TIMEOUT",
    "EvidenceInfo",
    "add_evidence",
    "attach_evidence",
    "close_conversation",
    "conversation_key",
    "evidence_of",
    "find_open",
    "lock_conversation",
    "lock_open",
    "purge_conversations",
    "start_conversation",
    "step_conversation",
]

#: A conversation with no message for this long is over ("times out and says so").
TIMEOUT = dt.timedelta(minutes=30)
#: Closed conversations are kept this long to answer late presses, then removed.
KEEP_CLOSED = dt.timedelta(days=7)


def conversation_key(platform: str, external_id: str) -> str:
    """The ``active_key`` of a user's open conversation: ``platform:id``."""
    return f"{platform}:{external_id}"[:160]


def find_open(session: Session, platform: str, external_id: str) -> Conversation | None:
    """The user's open conversation (expired or not), without a lock."""
    return session.scalar(select(Conversation).where(
        Conversation.active_key == conversation_key(platform, external_id)))


def lock_open(session: Session, platform: str, external_id: str) -> Conversation | None:
    """The user's open conversation, locked for this transaction."""
    return session.scalar(select(Conversation).where(
        Conversation.active_key == conversation_key(platform, external_id)).with_for_update())


def lock_conversation(session: Session, conversation_id: int) -> Conversation | None:
    """The conversation with this id (open or closed), locked; None when there is none."""
    if not 1 <= conversation_id <= MAX_ID:
        return None
    return session.scalar(select(Conversation).where(
        Conversation.id == conversation_id).with_for_update())


def start_conversation(
    session: Session,
    *,
    platform: str,
    external_id: str,
    chat_id: str | None,
    kind: str,
    step: str,
    data: dict[str, Any],
    now: dt.datetime,
    timeout: dt.timedelta = TIMEOUT,
) -> tuple[Conversation, Conversation | None]:
    """Open a conversation for the user; an open one is closed first (``replaced``).

    Returns the new row (flushed: it has its id) and the one it replaced, if any.
    A concurrent start for the same user fails on the unique ``active_key``
    (``IntegrityError``); the caller retries and then finds this one to replace.
    """
    old = lock_open(session, platform, external_id)
    if old is not None:
        close_conversation(session, old, "replaced", now)
    conv = Conversation(
        platform=platform, external_user_id=external_id,
        active_key=conversation_key(platform, external_id), chat_id=chat_id, kind=kind,
        step=step, seq=1, data=dict(data), started_at=now, updated_at=now,
        expires_at=now + timeout,
    )
    session.add(conv)
    session.flush()
    return conv, old


def step_conversation(
    conv: Conversation,
    *,
    step: str | None = None,
    data: dict[str, Any] | None = None,
    now: dt.datetime,
    timeout: dt.timedelta = TIMEOUT,
    new_seq: bool = True,
) -> None:
    """Move ``conv`` on: its step and data (a new dict: JSON columns see assignments only).

    ``new_seq`` (the default) makes the buttons shown before this step stale.
    The time-out restarts from ``now``.
    """
    if step is not None:
        conv.step = step
    if data is not None:
        conv.data = dict(data)
    if new_seq:
        conv.seq = (conv.seq or 0) + 1
    conv.updated_at = now
    conv.expires_at = now + timeout


def close_conversation(session: Session, conv: Conversation, outcome: str, now: dt.datetime,
                       *, update_id: int | None = None) -> None:
    """Close ``conv`` (``saved``, ``cancelled``, ``expired``, ``replaced``).

    Files it gathered that no saved update took are deleted with it.
    """
    conv.active_key = None
    conv.outcome = outcome
    conv.closed_at = now
    conv.update_id = update_id
    session.execute(delete(UpdateEvidence).where(UpdateEvidence.conversation_id == conv.id,
                                                 UpdateEvidence.update_id.is_(None)))
    session.flush()


@dataclass(frozen=True)
class EvidenceInfo:
    """A stored file described without its bytes (size in bytes)."""

    id: int
    mime: str
    size: int
    filename: str


def evidence_of(session: Session, *, conversation_id: int | None = None,
                update_id: int | None = None) -> list[EvidenceInfo]:
    """The files of a conversation (not yet saved) or of an update, oldest first."""
    q = select(UpdateEvidence.id, UpdateEvidence.mime, UpdateEvidence.size,
               UpdateEvidence.filename).order_by(UpdateEvidence.id)
    if conversation_id is not None:
        q = q.where(UpdateEvidence.conversation_id == conversation_id,
                    UpdateEvidence.update_id.is_(None))
    elif update_id is not None:
        q = q.where(UpdateEvidence.update_id == update_id)
    else:
        raise ValueError("give a conversation_id or an update_id")
    return [EvidenceInfo(id=r.id, mime=r.mime, size=r.size, filename=r.filename)
            for r in session.execute(q)]


def add_evidence(
    session: Session,
    *,
    conversation_id: int | None,
    update_id: int | None = None,
    platform: str,
    source_id: str,
    mime: str,
    filename: str,
    sha256: str,
    data: bytes,
    width: int | None = None,
    height: int | None = None,
    now: dt.datetime,
) -> bool:
    """Store a checked file; False when this platform message's file is stored already."""
    key = source_id[:160]
    if session.scalar(select(UpdateEvidence.id).where(UpdateEvidence.platform == platform,
                                                      UpdateEvidence.source_id == key)):
        return False
    session.add(UpdateEvidence(
        conversation_id=conversation_id, update_id=update_id, platform=platform,
        source_id=key, mime=mime, filename=filename[:200], size=len(data), sha256=sha256,
        data=data, width=width, height=height, created_at=now))
    session.flush()
    return True


def attach_evidence(session: Session, conversation_id: int, update_id: int) -> int:
    """Give a conversation's files to the update it saved; returns how many."""
    result = session.execute(
        update(UpdateEvidence)
        .where(UpdateEvidence.conversation_id == conversation_id,
               UpdateEvidence.update_id.is_(None))
        .values(update_id=update_id)
        .execution_options(synchronize_session=False))
    return int(getattr(result, "rowcount", 0) or 0)


def purge_conversations(session: Session, now: dt.datetime) -> int:
    """Remove conversations closed (or abandoned) more than :data:`KEEP_CLOSED` ago."""
    cutoff = now - KEEP_CLOSED
    stale = list(session.scalars(select(Conversation).where(
        Conversation.active_key.is_not(None), Conversation.expires_at < cutoff)))
    for conv in stale:
        close_conversation(session, conv, "expired", now)
    result = session.execute(delete(Conversation).where(
        Conversation.active_key.is_(None), Conversation.closed_at < cutoff))
    return int(getattr(result, "rowcount", 0) or 0)
