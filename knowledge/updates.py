"""Field progress updates: stored exactly once, searchable at once, undoable for a while.

An update is stored with its own ``Document`` (kind ``update``) and one passage,
in the caller's single transaction, so the update and the text the index will
pick up can never be half-written.  The platform's message id is unique per
platform: a redelivered message finds its earlier row instead of adding another.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from knowledge.models import Document, Passage, ProgressUpdate, Project, User
from knowledge.thai import FiscalQuarter, format_baht, format_thai_date

__all__ = [
    "MAX_UPDATE_CHARS",
    "UNDO_WINDOW",
    "NewUpdate",
    "StoredUpdate",
    "find_update",
    "recent_updates",
    "store_update",
    "undo_last_update",
    "update_passage_text",
]

MAX_UPDATE_CHARS = 2000
UNDO_WINDOW = dt.timedelta(minutes=15)


@dataclass(frozen=True)
class NewUpdate:
    """A validated update, ready to store."""

    project_id: int
    platform: str
    platform_message_id: str
    text: str
    quarter: FiscalQuarter
    amount_baht: Decimal | None = None
    level: int | None = None
    percent: Decimal | None = None
    user_id: int | None = None
    author_role: str | None = None
    at: dt.datetime | None = None


@dataclass(frozen=True)
class StoredUpdate:
    """The stored row's id, and whether this call created it (False: a redelivery)."""

    update_id: int
    created: bool


def update_passage_text(project: Project, u: NewUpdate, at: dt.datetime) -> str:
    """The searchable text of an update: what, for which project, by whom, when."""
    parts = [f"รายงานความคืบหน้าโครงการ{project.name}: {u.text}"]
    if u.amount_baht is not None:
        parts.append(f"เบิกจ่าย {format_baht(u.amount_baht)}")
    if u.level is not None:
        parts.append(f"ระดับ {u.level}")
    if u.percent is not None:
        parts.append(f"ร้อยละ {u.percent}")
    parts.append(f"ไตรมาส {u.quarter.quarter}/{u.quarter.fiscal_year}")
    parts.append(f"รายงานโดย {u.author_role or 'ผู้ใช้'} วันที่ {format_thai_date(at.date())}")
    return " · ".join(parts)


def find_update(session: Session, platform: str, message_id: str) -> ProgressUpdate | None:
    """The update stored for this platform message, if any."""
    return session.scalar(
        select(ProgressUpdate).where(
            ProgressUpdate.platform == platform,
            ProgressUpdate.platform_message_id == message_id,
        )
    )


def store_update(session: Session, u: NewUpdate) -> StoredUpdate:
    """Store ``u`` with its searchable document, once per platform message.  Never commits."""
    existing = find_update(session, u.platform, u.platform_message_id)
    if existing is not None:
        return StoredUpdate(existing.id, created=False)
    project = session.get(Project, u.project_id)
    if project is None:
        raise ValueError(f"unknown project {u.project_id}")
    at = u.at or dt.datetime.now(dt.UTC)
    text = update_passage_text(project, u, at)
    key = f"update\x1f{u.platform}\x1f{u.platform_message_id}"
    doc = Document(
        kind="update",
        title=f"ความคืบหน้า: {project.name}",
        date=at.date(),
        source=f"{u.platform}:{u.platform_message_id}",
        content_hash=hashlib.sha256(key.encode()).hexdigest(),
        text=u.text,
    )
    doc.passages = [Passage(ordinal=0, section="update", text=text)]
    row = ProgressUpdate(
        project_id=u.project_id,
        user_id=u.user_id,
        author_role=u.author_role,
        platform=u.platform,
        platform_message_id=u.platform_message_id,
        text=u.text,
        amount_baht=u.amount_baht,
        level=u.level,
        percent=u.percent,
        fiscal_year=u.quarter.fiscal_year,
        quarter=u.quarter.quarter,
        created_at=at,
        document=doc,
    )
    session.add_all([doc, row])
    session.flush()
    return StoredUpdate(row.id, created=True)


def _user_filter(platform: str, external_id: str) -> object:
    return ProgressUpdate.user_id.in_(
        select(User.id).where(User.platform == platform, User.external_id == external_id)
    )


def recent_updates(
    session: Session, platform: str, external_id: str, *, limit: int = 5
) -> list[ProgressUpdate]:
    """The user's latest updates, newest first."""
    stmt = (
        select(ProgressUpdate)
        .where(ProgressUpdate.platform == platform)
        .where(_user_filter(platform, external_id))  # type: ignore[arg-type]
        .order_by(ProgressUpdate.created_at.desc(), ProgressUpdate.id.desc())
        .limit(limit)
    )
    return list(session.scalars(stmt))


def undo_last_update(
    session: Session, platform: str, external_id: str, *, now: dt.datetime | None = None
) -> ProgressUpdate | None:
    """Delete the user's own last update if it is younger than :data:`UNDO_WINDOW`.

    Returns the deleted row (detached), or None.  The caller bumps the index
    generation in the same transaction so every worker drops the passage.
    """
    now = now or dt.datetime.now(dt.UTC)
    last = recent_updates(session, platform, external_id, limit=1)
    if not last:
        return None
    row = last[0]
    created = row.created_at if row.created_at.tzinfo else row.created_at.replace(tzinfo=dt.UTC)
    if now - created > UNDO_WINDOW:
        return None
    doc_id = row.document_id
    session.delete(row)
    if doc_id is not None:
        session.execute(delete(Passage).where(Passage.document_id == doc_id))
        session.execute(delete(Document).where(Document.id == doc_id))
    session.flush()
    return row
