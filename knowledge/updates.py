"""Field progress updates: stored exactly once, searchable at once, undoable for a while.

An update is stored with its own ``Document`` (kind ``update``) and one passage,
in the caller's single transaction, so the update and the text the index will
pick up can never be half-written.  The platform's message id is unique per
platform: a redelivered message finds its earlier row instead of adding another.

Times are stored in UTC; the calendar day an update is dated by (its document's
``date`` and the date in its passage) is the day in Asia/Bangkok, like its quarter.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import Select, delete, select
from sqlalchemy.orm import Session

from knowledge.formula_text import visible
from knowledge.models import MAX_ID, Document, Passage, ProcessedEvent, ProgressUpdate, Project
from knowledge.thai import (
    FiscalQuarter,
    clean_control_chars,
    find_money,
    format_baht,
    format_percent,
    format_thai_date,
    normalize_text,
    states_cumulative,
    to_arabic_digits,
)

__all__ = [
    "BANGKOK",
    "DUPLICATE_WINDOW",
    "MAX_UPDATE_CHARS",
    "UNDO_WINDOW",
    "UPDATE_KIND",
    "ClosedQuarterError",
    "NewUpdate",
    "StoredUpdate",
    "find_duplicate",
    "find_update",
    "get_project",
    "local_date",
    "recent_updates",
    "store_update",
    "undo_last_update",
    "update_ids_of_documents",
    "update_passage_text",
    "was_undone",
]

MAX_UPDATE_CHARS = 2000
#: ``Document.kind`` of an update's searchable document (one passage, its text and figures).
UPDATE_KIND = "update"
UNDO_WINDOW = dt.timedelta(minutes=15)
#: The same text for the same project from the same author within this time is one update
#: sent twice (a double tap, a resend while the bot was slow), not a second one.  A
#: redelivery of the same platform message is caught by its id, at any time.
DUPLICATE_WINDOW = dt.timedelta(minutes=10)
BANGKOK = ZoneInfo("Asia/Bangkok")


def local_date(at: dt.datetime) -> dt.date:
    """The calendar day of ``at`` in Asia/Bangkok (a naive ``at`` is taken to be UTC)."""
    aware = at if at.tzinfo is not None else at.replace(tzinfo=dt.UTC)
    return aware.astimezone(BANGKOK).date()


def get_project(session: Session, project_id: int) -> Project | None:
    """The project with this id, or None; an id no column can hold is simply unknown.

    A user may type any number of digits: passed to the database as is, an id past the
    ``integer`` range raises (SQLite ``OverflowError``, PostgreSQL "out of range").
    """
    if not 1 <= project_id <= MAX_ID:
        return None
    return session.get(Project, project_id)


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
    external_user_id: str | None = None  # the author's id on ``platform``
    #: The author confirmed filing it under a closed quarter (pressed ✅ on a card that
    #: warned of it): :func:`store_update` refuses a closed quarter's update without it.
    closed_confirmed: bool = False


class ClosedQuarterError(ValueError):
    """An update for a quarter before the earliest open one, not confirmed by its author.

    ``quarter``: the update's; ``open_from``: the earliest quarter still open.  Whoever
    records an update (the chat's one-line and guided ``/update``, an import, an API)
    must have the author confirm such an update first (the chat holds it for ✅).
    """

    def __init__(self, quarter: FiscalQuarter, open_from: FiscalQuarter) -> None:
        """Say which quarter is closed, Thai first."""
        super().__init__(
            f"ไตรมาส {quarter.quarter}/{quarter.fiscal_year} ปิดแล้ว (ไตรมาสที่ยังเปิดเริ่มที่ "
            f"{open_from.quarter}/{open_from.fiscal_year}) ต้องยืนยันก่อนบันทึก (quarter "
            f"{quarter.quarter}/{quarter.fiscal_year} is closed: the update must be confirmed)")
        self.quarter = quarter
        self.open_from = open_from


@dataclass(frozen=True)
class StoredUpdate:
    """The stored row's id, and whether this call created it (False: a redelivery).

    ``undone``: the message was stored before and then removed with ``/undo``; its
    redelivery stores nothing (``update_id`` is None then).
    ``duplicate_of``: the id of the same update (:func:`find_duplicate`) stored moments
    before under another message id; nothing is stored (``update_id`` is None then).
    """

    update_id: int | None
    created: bool
    undone: bool = False
    duplicate_of: int | None = None


def update_passage_text(project: Project, u: NewUpdate, at: dt.datetime) -> str:
    """The searchable text of an update: what, for which project, by whom, when."""
    parts = [f"รายงานความคืบหน้าโครงการ{project.name}: {u.text}"]
    if u.amount_baht is not None:  # a running total is said so, also to the search
        label = "เบิกจ่ายสะสม" if states_cumulative(u.text) else "เบิกจ่าย"
        parts.append(f"{label} {format_baht(u.amount_baht)}")
    if u.level is not None:
        parts.append(f"ระดับ {u.level}")
    if u.percent is not None:
        parts.append(f"ร้อยละ {format_percent(u.percent)}")
    parts.append(f"ไตรมาส {u.quarter.quarter}/{u.quarter.fiscal_year}")
    parts.append(f"รายงานโดย {u.author_role or 'ผู้ใช้'} วันที่ {format_thai_date(local_date(at))}")
    return " · ".join(parts)


def update_ids_of_documents(session: Session, doc_ids: Iterable[int]) -> dict[int, int]:
    """The update id of each of ``doc_ids`` that is an update's searchable document."""
    wanted = sorted(set(doc_ids))
    if not wanted:
        return {}
    rows = session.execute(select(ProgressUpdate.document_id, ProgressUpdate.id)
                           .where(ProgressUpdate.document_id.in_(wanted)))
    return {doc_id: uid for doc_id, uid in rows if doc_id is not None}


def find_update(session: Session, platform: str, message_id: str) -> ProgressUpdate | None:
    """The update stored for this platform message, if any."""
    return session.scalar(
        select(ProgressUpdate).where(
            ProgressUpdate.platform == platform,
            ProgressUpdate.platform_message_id == message_id,
        )
    )


#: A comma grouping a number's thousands ("7,700"): "7700" is the same amount.
_GROUPING_COMMA_RE = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")


def _same_words(text: str) -> str:
    """The text as compared for duplicates: what does not change what it says ignored.

    That is control and invisible characters (zero-width, a soft hyphen:
    :func:`knowledge.formula_text.visible`), spacing, case, a full stop at the end, Thai
    or Arabic digits, commas grouping thousands ("7,700" and "๗๗๐๐" are 7700), and how an
    amount is spelled ("7,000.00 บาท", "7K บาท", "7 พันบาท" are one amount: each is
    written as :func:`knowledge.thai.find_money` reads it).
    """
    said = to_arabic_digits(normalize_text(visible(clean_control_chars(text))))
    said = _GROUPING_COMMA_RE.sub("", said)
    pieces, last = [], 0
    for m in find_money(said):
        pieces += [said[last:m.start], f" {m.amount.normalize():f} บาท "]
        last = m.end
    said = "".join([*pieces, said[last:]])
    return " ".join(said.split()).casefold().rstrip(" .")


def find_duplicate(session: Session, u: NewUpdate, at: dt.datetime) -> ProgressUpdate | None:
    """The author's earlier copy of ``u``, or None.

    That is an update of the same project with the same text (spacing and case aside)
    stored within :data:`DUPLICATE_WINDOW` before ``at``, not a rejected one.

    Without an author id (``external_user_id`` None) there is nobody to compare with.
    """
    if u.external_user_id is None:
        return None
    rows = session.scalars(
        select(ProgressUpdate).where(
            ProgressUpdate.platform == u.platform,
            ProgressUpdate.external_user_id == u.external_user_id,
            ProgressUpdate.project_id == u.project_id,
            ProgressUpdate.created_at >= at - DUPLICATE_WINDOW,
            ProgressUpdate.status != "rejected",
        ).order_by(ProgressUpdate.created_at.desc(), ProgressUpdate.id.desc())
    )
    words = _same_words(u.text)
    return next((r for r in rows if _same_words(r.text) == words), None)


def _undone_key(platform: str) -> str:
    """The ``processed_events`` platform under which undone messages are remembered."""
    return f"undone:{platform}"[:16]


def was_undone(session: Session, platform: str, message_id: str) -> bool:
    """Whether the update of this platform message was stored and then undone."""
    return session.scalar(
        select(ProcessedEvent.id).where(ProcessedEvent.platform == _undone_key(platform),
                                        ProcessedEvent.event_id == message_id[:160])
    ) is not None


def store_update(session: Session, u: NewUpdate, *, open_from: FiscalQuarter) -> StoredUpdate:
    """Store ``u`` with its searchable document, once per platform message.  Never commits.

    ``open_from``: the earliest quarter an update is filed under without confirmation
    (the chat's :meth:`bot.schedule.Schedule.open_from`); an update for an earlier,
    closed quarter is stored only when its author confirmed it (``u.closed_confirmed``),
    else :class:`ClosedQuarterError` is raised and nothing is written.  Every path that
    records an update states it: none can file one silently under a closed quarter.

    The same update sent again as another message within :data:`DUPLICATE_WINDOW` is
    not stored either (``duplicate_of`` says which it repeats).  Two copies committed
    at the very same moment by two workers can still both be stored: the check is a
    read, not a constraint.

    Control characters that no column should hold (NUL, which PostgreSQL text cannot
    store at all, and other invisible non-whitespace ones) and zero-width characters
    (:func:`knowledge.thai.normalize_text`) are removed from the text;
    the chat core removes them before it validates, so this is only a safety net.
    """
    existing = find_update(session, u.platform, u.platform_message_id)
    if existing is not None:
        return StoredUpdate(existing.id, created=False)
    if was_undone(session, u.platform, u.platform_message_id):
        return StoredUpdate(None, created=False, undone=True)
    if u.quarter < open_from and not u.closed_confirmed:
        raise ClosedQuarterError(u.quarter, open_from)
    project = get_project(session, u.project_id)
    if project is None:
        raise ValueError(f"unknown project {u.project_id}")
    at = u.at or dt.datetime.now(dt.UTC)
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    same = find_duplicate(session, u, at)
    if same is not None:
        return StoredUpdate(None, created=False, duplicate_of=same.id)
    clean = normalize_text(clean_control_chars(u.text))  # zero-width characters too
    if clean != u.text:
        u = replace(u, text=clean)
    text = update_passage_text(project, u, at)
    key = f"update\x1f{u.platform}\x1f{u.platform_message_id}"
    doc = Document(
        kind=UPDATE_KIND,
        title=f"ความคืบหน้า: {project.name}",
        date=local_date(at),
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
        external_user_id=u.external_user_id,
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


def _latest(platform: str, external_id: str, limit: int) -> Select[ProgressUpdate]:
    return (
        select(ProgressUpdate)
        .where(ProgressUpdate.platform == platform,
               ProgressUpdate.external_user_id == external_id)
        .order_by(ProgressUpdate.created_at.desc(), ProgressUpdate.id.desc())
        .limit(limit)
    )


def recent_updates(
    session: Session, platform: str, external_id: str, *, limit: int = 5
) -> list[ProgressUpdate]:
    """The user's latest updates, newest first (by author id: see ``ProgressUpdate``)."""
    return list(session.scalars(_latest(platform, external_id, limit)))


def undo_last_update(
    session: Session, platform: str, external_id: str, *, now: dt.datetime | None = None
) -> ProgressUpdate | None:
    """Delete the user's own last update if it is younger than :data:`UNDO_WINDOW`.

    Returns the deleted row (detached), or None.  The caller bumps the index
    generation in the same transaction so every worker drops the passage.  The
    message id is remembered (:func:`was_undone`), so that a late redelivery of the
    message does not bring the update back.
    """
    now = now or dt.datetime.now(dt.UTC)
    # FOR UPDATE (PostgreSQL; SQLite's writers are serialised anyway): of two /undo
    # running at once, the second waits, then finds the row gone and undoes nothing,
    # instead of failing on a row that another transaction deleted.
    row = session.scalars(_latest(platform, external_id, 1).with_for_update()).first()
    if row is None:
        return None
    if now - row.created_at > UNDO_WINDOW:  # created_at is aware UTC on every backend
        return None
    doc_id = row.document_id
    session.add(ProcessedEvent(platform=_undone_key(platform),
                               event_id=row.platform_message_id[:160]))
    session.delete(row)
    if doc_id is not None:
        session.execute(delete(Passage).where(Passage.document_id == doc_id))
        session.execute(delete(Document).where(Document.id == doc_id))
    session.flush()
    return row
