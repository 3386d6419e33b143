"""SQLAlchemy 2.0 typed models: the knowledge base is the source of truth.

Everything the bot says comes from these rows; the search index is derived from
``Passage`` rows and can always be rebuilt from them.  Money is stored as
``Numeric`` so that a budget of 9,684,500 baht survives exactly on SQLite and
PostgreSQL alike, and every point in time is a :class:`UTCDateTime`: stored in UTC
and always read back as an aware UTC datetime, on SQLite (which keeps no time zone)
as on PostgreSQL.

No ``from __future__ import annotations`` here: SQLAlchemy reads every ``Mapped[...]``
annotation at class creation and evaluates a string annotation one by one (~10% of
importing this module, which every command does); only the relationships to classes
defined further down are written as strings.
"""

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    Numeric,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    and_,
    exists,
    false,
    func,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

__all__ = [
    "MAX_ID",
    "PARTIAL_INDEXES",
    "ROLES",
    "Alignment",
    "AnswerLog",
    "Assignment",
    "Base",
    "ButtonCommand",
    "Conversation",
    "DataVersion",
    "Document",
    "DocumentOriginal",
    "Feedback",
    "InboundEvent",
    "IndexReplica",
    "IndexState",
    "ListedProject",
    "MenuState",
    "NewsRelease",
    "Notification",
    "OutboundSend",
    "Passage",
    "ProcessedEvent",
    "ProgressUpdate",
    "Project",
    "PushCount",
    "QuarterReport",
    "ReminderLog",
    "RoleChange",
    "SendRate",
    "UTCDateTime",
    "UpdateDecision",
    "UpdateEvidence",
    "User",
    "UserLanguage",
    "declare_postgresql_options",
]

#: Roles in increasing order of power; each includes the rights of those before it.
#: An ``editor`` may also add and remove documents (files sent in chat).
ROLES: tuple[str, ...] = ("staff", "officer", "manager", "editor", "admin")

Money = Numeric(18, 2)

#: The largest value an ``Integer`` id column holds on every backend (PostgreSQL's
#: ``integer`` is 32-bit); a larger number typed by a user is simply no such row.
MAX_ID = 2**31 - 1


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A point in time, stored in UTC and always read back as an aware UTC datetime.

    PostgreSQL's ``timestamptz`` returns aware datetimes, but SQLite has no time zones:
    SQLAlchemy writes an aware value's wall-clock digits and reads back a naive value.
    Without this type, code that reads ``created_at`` must remember that a naive value
    means UTC (and a Bangkok time written as such would be stored 7 hours off).  Here
    values are converted to UTC on the way in (a naive value is taken to be UTC, the
    format SQLite rows and ``CURRENT_TIMESTAMP`` already have) and made aware UTC on
    the way out, so every reader can call ``.astimezone(BANGKOK)`` safely.  The column
    type in the database is unchanged (``DateTime(timezone=True)``): no migration.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        """Convert to UTC; naive on SQLite (its stored format), aware elsewhere."""
        if value is None:
            return None
        if not isinstance(value, dt.datetime):
            raise TypeError(f"expected a datetime, got {type(value).__name__}")
        utc = value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        """An aware UTC datetime whatever the backend returned."""
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    """Declarative base of every table."""


#: The partial indexes by name, with the rows they hold.  SQLite's predicate is declared
#: with the index; PostgreSQL's is added by :func:`declare_postgresql_options`.
PARTIAL_INDEXES = {
    "ix_documents_superseded_by": "superseded_by IS NOT NULL",
    "ix_notifications_new": "status = 'new'",
}


def declare_postgresql_options() -> None:
    """Give the partial indexes their PostgreSQL predicates (``postgresql_where``).

    Declared in the classes, a ``postgresql_*`` argument made SQLAlchemy import its
    PostgreSQL dialect (the modules of all its drivers, ~25 ms) in every process that
    imports the models, a fresh ``sdgbot ask`` on SQLite included.  The metadata needs
    them only where it meets PostgreSQL: Alembic's comparison with a database and its
    autogenerate (the migrations create the indexes themselves).
    :class:`knowledge.db.Database` calls this for a PostgreSQL URL, the migrations'
    environment always; calling it again changes nothing.
    """
    for table in Base.metadata.tables.values():
        for index in table.indexes:
            where = PARTIAL_INDEXES.get(index.name or "")
            if where is not None:
                index.dialect_kwargs["postgresql_where"] = text(where)


class Document(Base):
    """A source document: a report form, a press release, plain text or a progress update."""

    __tablename__ = "documents"
    # Only the few superseded versions are indexed: every search reads them, and an index
    # of all rows would be taken for "superseded_by IS NULL" too (every current document).
    # Ids are never reused (AUTOINCREMENT on SQLite, as a sequence on PostgreSQL).
    __table_args__ = (Index("ix_documents_superseded_by", "superseded_by",
                            sqlite_where=text(PARTIAL_INDEXES["ix_documents_superseded_by"])),
                      {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), index=True)  # report | news | text | update
    title: Mapped[str] = mapped_column(Text)
    date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    source: Mapped[str | None] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=_now)
    #: Pages of a PDF or Word original (None for text and JSON lines).
    pages: Mapped[int | None] = mapped_column(Integer)
    #: The id of the newer version of the same report (same project and quarter) that
    #: replaced this one; a superseded report keeps its passages, fields and original,
    #: hidden from searches and answers until the newer version is removed.
    superseded_by: Mapped[int | None] = mapped_column(Integer)

    passages: Mapped[list["Passage"]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="Passage.ordinal"
    )
    news: Mapped["NewsRelease | None"] = relationship(
        back_populates="document", cascade="all, delete-orphan"
    )


class Passage(Base):
    """A searchable piece of a document: a form field, a section or a paragraph part.

    Ids are never reused, on SQLite too (``AUTOINCREMENT``; PostgreSQL sequences never
    reuse): the search index finds new passages by id, so an id freed by ``/undo`` and
    given to the next passage would make that passage invisible to every index that
    already saw the old one.
    """

    __tablename__ = "passages"
    __table_args__ = (
        # A passage's neighbours are read by (document, ordinal) for every answer.
        Index("ix_passages_document_ordinal", "document_id", "ordinal"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    ordinal: Mapped[int] = mapped_column(Integer)
    section: Mapped[str] = mapped_column(String(64))  # e.g. field:budget, results, paragraph
    text: Mapped[str] = mapped_column(Text)
    #: The page (1-based) of a PDF or Word original the passage starts on, if known.
    page: Mapped[int | None] = mapped_column(Integer)

    document: Mapped[Document] = relationship(back_populates="passages")


class NewsRelease(Base):
    """Press-release metadata: release number such as 293/2566 and issuing office."""

    __tablename__ = "news_releases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), unique=True
    )
    release_no: Mapped[str | None] = mapped_column(String(32))
    office: Mapped[str | None] = mapped_column(Text)

    document: Mapped[Document] = relationship(back_populates="news")


class Project(Base):
    """A ministry project that files quarterly report forms."""

    __tablename__ = "projects"
    __table_args__ = (UniqueConstraint("agency", "name"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agency: Mapped[str] = mapped_column(Text)
    name: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=_now)

    reports: Mapped[list["QuarterReport"]] = relationship(
        back_populates="project", cascade="all, delete-orphan"
    )
    #: The reports that count: every version but those superseded by a newer one of the
    #: same project and quarter (kept whole, but no longer the project's report).
    current_reports: Mapped[list["QuarterReport"]] = relationship(
        # A correlated EXISTS, not "document_id IN (every current document's id)": SQLite
        # builds that list from the whole documents table at each load (18 ms with the
        # 13,000 news releases, against 0.05 ms; the same rows).
        primaryjoin=lambda: and_(
            Project.id == QuarterReport.project_id,
            exists().where(Document.id == QuarterReport.document_id,
                           Document.superseded_by.is_(None)),
        ),
        viewonly=True,
        order_by="QuarterReport.id",
    )


class QuarterReport(Base):
    """One quarterly report form, every field as the form states it."""

    __tablename__ = "quarter_reports"
    __table_args__ = (UniqueConstraint("project_id", "document_id"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), index=True
    )
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    indicator: Mapped[str | None] = mapped_column(Text)
    budget_baht: Mapped[Decimal | None] = mapped_column(Money)
    fiscal_year: Mapped[int | None] = mapped_column(Integer, index=True)  # Buddhist era
    quarter: Mapped[int | None] = mapped_column(Integer)
    period_start: Mapped[dt.date | None] = mapped_column(Date)
    period_end: Mapped[dt.date | None] = mapped_column(Date)
    results_text: Mapped[str | None] = mapped_column(Text)
    target_value: Mapped[Decimal | None] = mapped_column(Numeric(12, 4))
    target_level: Mapped[int | None] = mapped_column(Integer)
    result_value: Mapped[Decimal | None] = mapped_column(Numeric(12, 4))
    result_level: Mapped[int | None] = mapped_column(Integer)
    disbursement_target_baht: Mapped[Decimal | None] = mapped_column(Money)
    disbursement_actual_baht: Mapped[Decimal | None] = mapped_column(Money)
    problems: Mapped[str | None] = mapped_column(Text)

    project: Mapped[Project] = relationship(back_populates="reports")
    document: Mapped[Document] = relationship()
    alignments: Mapped[list["Alignment"]] = relationship(
        back_populates="report", cascade="all, delete-orphan", order_by="Alignment.id"
    )


class Alignment(Base):
    """One value of the alignment fields 6.1–6.7 (a field may list several values)."""

    __tablename__ = "alignments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(
        ForeignKey("quarter_reports.id", ondelete="CASCADE"), index=True
    )
    field: Mapped[str] = mapped_column(String(8))  # "6.1" .. "6.7"
    kind: Mapped[str] = mapped_column(String(32))  # national_strategy, sdg_goal, ...
    value: Mapped[str] = mapped_column(Text)
    sdg_goal: Mapped[int | None] = mapped_column(Integer)  # 1..17 for field 6.6 when known

    report: Mapped[QuarterReport] = relationship(back_populates="alignments")


class User(Base):
    """A chat user on one platform, with a role; unknown users have no row and no rights."""

    __tablename__ = "users"
    __table_args__ = (UniqueConstraint("platform", "external_id"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))  # telegram | line | console
    external_id: Mapped[str] = mapped_column(String(128))
    role: Mapped[str] = mapped_column(String(16))
    display_name: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=_now)
    #: The scope of an officer (the projects they report for) or of a manager (what they
    #: see, approve and summarise): an agency as the report form names it (``ตท.สป.``)
    #: and/or a province.  Neither: an officer reports for their assignments only (or,
    #: with none, for any project), a manager sees the whole ministry.
    agency: Mapped[str | None] = mapped_column(Text)
    province: Mapped[str | None] = mapped_column(Text)
    #: The user asked for no reminders (``/remind off``).
    reminders_off: Mapped[bool] = mapped_column(default=False, server_default=false())


class UserLanguage(Base):
    """The language a chat user last wrote in: their newest message that told one.

    Written by the chat core when a message's own words tell a language (Thai letters,
    English words, a command's English form); a message that tells none (``1``, an id,
    a button) is answered in the language kept here (:mod:`bot.conversation.lang`).
    """

    __tablename__ = "user_languages"

    platform: Mapped[str] = mapped_column(String(16), primary_key=True)
    external_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    english: Mapped[bool] = mapped_column(default=False)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=_now)


class RoleChange(Base):
    """Audit trail of every grant and revoke: who changed whose role, when."""

    __tablename__ = "role_changes"
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    actor: Mapped[str] = mapped_column(String(160))
    target: Mapped[str] = mapped_column(String(160))
    old_role: Mapped[str | None] = mapped_column(String(16))
    new_role: Mapped[str | None] = mapped_column(String(16))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=_now)
    #: What else changed: the scope (``agency=…; province=…``) or assignments.
    detail: Mapped[str | None] = mapped_column(Text)


class ProgressUpdate(Base):
    """A field officer's quick progress update, stored once per platform message.

    The author is ``(platform, external_user_id)``: it outlives their ``users`` row
    (``user_id`` becomes NULL when they are removed) and exists for the console
    operator, who has no row.  ``/undo`` and ``/myupdates`` find "your" updates by it.
    """

    __tablename__ = "progress_updates"
    __table_args__ = (
        UniqueConstraint("platform", "platform_message_id"),
        Index("ix_progress_updates_author", "platform", "external_user_id", "created_at"),
        Index("ix_progress_updates_quarter", "fiscal_year", "quarter", "status"),
        # An undone update's id never comes back (it is in chat and in the audit trail).
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    author_role: Mapped[str | None] = mapped_column(String(16))
    platform: Mapped[str] = mapped_column(String(16))
    external_user_id: Mapped[str | None] = mapped_column(String(128))
    platform_message_id: Mapped[str] = mapped_column(String(160))
    text: Mapped[str] = mapped_column(Text)
    amount_baht: Mapped[Decimal | None] = mapped_column(Money)
    level: Mapped[int | None] = mapped_column(Integer)
    percent: Mapped[Decimal | None] = mapped_column(Numeric(7, 2))
    fiscal_year: Mapped[int] = mapped_column(Integer, index=True)
    quarter: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=_now)
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", ondelete="SET NULL")
    )
    #: ``approved`` (counted in summaries), ``pending`` (waiting for a manager of its
    #: scope) or ``rejected``.  Updates stored before approvals existed are approved.
    status: Mapped[str] = mapped_column(String(16), default="approved",
                                        server_default="approved", index=True)
    decided_by: Mapped[str | None] = mapped_column(String(160))
    decided_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    decision_reason: Mapped[str | None] = mapped_column(Text)

    project: Mapped[Project] = relationship()
    user: Mapped[User | None] = relationship()
    document: Mapped[Document | None] = relationship()


class ProcessedEvent(Base):
    """Events already handled, claimed once by ``(platform, event_id)``.

    Deliveries answered, by their transport id (``bot.adapters.once``): LINE's
    ``msg:MESSAGE_ID``, ``tok:REPLY_TOKEN`` or ``webhookEventId`` (platform ``line``,
    ``line:lease`` while in progress), Telegram's ``update_id`` (``telegram``,
    ``telegram:lease``); and the message id of each ``/undo`` that ran (platform
    ``undo:<platform>``), so that a redelivered ``/undo`` does not remove a second update.
    """

    __tablename__ = "processed_events"
    __table_args__ = (UniqueConstraint("platform", "event_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    event_id: Mapped[str] = mapped_column(String(160))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=_now)


class AnswerLog(Base):
    """An answer the bot gave, so that a later 👍/👎 press can name it in 64 bytes."""

    __tablename__ = "answer_log"
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    external_user_id: Mapped[str] = mapped_column(String(128))
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    found: Mapped[bool] = mapped_column(default=False)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=_now)


class Feedback(Base):
    """A 👍/👎 press on an answer, kept with the question and the answer it judged."""

    __tablename__ = "feedback"
    __table_args__ = (UniqueConstraint("answer_id", "platform", "external_user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    answer_id: Mapped[int | None] = mapped_column(
        ForeignKey("answer_log.id", ondelete="SET NULL")
    )
    platform: Mapped[str] = mapped_column(String(16))
    external_user_id: Mapped[str] = mapped_column(String(128))
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    value: Mapped[int] = mapped_column(Integer)  # +1 or -1
    extra: Mapped[dict[str, object] | None] = mapped_column(JSON)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=_now)


class IndexState(Base):
    """A generation counter that tells index holders when passages were removed.

    Added passages are found by id (higher than the index's highest, or in a gap
    below it: see :mod:`indexer.service`); removals bump ``generation`` so that every
    worker reconciles its index with the passage ids in the database.
    """

    __tablename__ = "index_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    generation: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    updated_at: Mapped[dt.datetime] = mapped_column(
        UTCDateTime, default=_now, server_default=func.now()
    )


class DataVersion(Base):
    """A counter the database bumps whenever a table's rows change: what caches key on.

    One row per watched table (``name``: the table's name).  Database triggers made by
    migration ``0011_summary`` add one to ``version`` in the transaction that changes
    ``listed_projects`` rows (on PostgreSQL any insert, update or delete, cascades
    included, once per statement that changed a row; on SQLite, whose writers take
    turns, an update in place: rows added or removed there always change the count or
    the highest id).  Caches of the listed projects (names, search texts, the summary's
    workbook of them) are keyed on it *with* the count and highest id
    (:func:`knowledge.project_queries.listed_fingerprint`): those alone miss a rename,
    and on PostgreSQL a removal and an addition by overlapping transactions.
    """

    __tablename__ = "data_versions"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")


class DocumentOriginal(Base):
    """The file a document was read from, kept so that it can be read again (``reparse``).

    Stored in the database rather than beside it so that a document, its passages and
    its original are added and removed in one transaction, on SQLite and PostgreSQL.
    """

    __tablename__ = "document_originals"

    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    filename: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class ListedProject(Base):
    """A project listed in a workbook or a project record (the ministry's project lists).

    One row per distinct project: ``row_key`` is a hash of agency, name, province and
    budget, so the same project listed twice (in one workbook or two) is stored once;
    ``copies`` counts the rows so merged.  Two rows of one file alike in those but not in
    their submission date, document link or code are two projects (the second's key
    holds those too: :func:`knowledge.library.project_row_key`).
    The row goes with the document it came from (removing the workbook removes it).
    Years are Buddhist era; ``submitted_on`` is a Gregorian date.
    """

    __tablename__ = "listed_projects"
    # Ids never reused (on SQLite too): a search cache knows the rows by count and top id.
    # A quarter's projects are totalled by agency and by province from these indexes alone.
    __table_args__ = (
        Index("ix_listed_projects_quarter_agency", "fiscal_year", "quarter", "agency",
              "budget_baht"),
        Index("ix_listed_projects_quarter_province", "fiscal_year", "quarter", "province",
              "budget_baht"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    row_key: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(Text)
    agency: Mapped[str] = mapped_column(Text, index=True)
    ministry: Mapped[str | None] = mapped_column(Text)
    province: Mapped[str | None] = mapped_column(Text, index=True)
    budget_baht: Mapped[Decimal | None] = mapped_column(Money)
    fiscal_year: Mapped[int | None] = mapped_column(Integer)
    quarter: Mapped[int | None] = mapped_column(Integer)
    submitted_on: Mapped[dt.date | None] = mapped_column(Date)
    plan: Mapped[str | None] = mapped_column(String(32))
    code: Mapped[str | None] = mapped_column(String(64))
    url: Mapped[str | None] = mapped_column(Text)
    source_row: Mapped[str | None] = mapped_column(String(160))
    #: Name, agency and province without spaces, case-folded: what searches match.
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    #: How many rows of the lists this project stands for (the same row again: 2).
    copies: Mapped[int] = mapped_column(Integer, default=1, server_default="1")


class Conversation(Base):
    """A guided conversation in progress (``/update`` step by step), or its closed record.

    The state lives here rather than in a worker's memory, so that a conversation
    survives a restart and its next message may reach any worker.  ``active_key``
    (``platform:user``) is set while the conversation is open and NULL once it is
    closed: its unique constraint allows one open conversation per user, while
    closed rows (NULLs) stay as long as needed to answer a late button press ("saved
    already", "expired").  ``seq`` grows at every step; a button names the
    conversation and the step it was shown at, so a press from an earlier step or a
    second press of the same button is recognised.  Ids are never reused (on SQLite
    too), so an old button can never name a newer conversation.
    """

    __tablename__ = "conversations"
    __table_args__ = (
        Index("ix_conversations_user", "platform", "external_user_id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    external_user_id: Mapped[str] = mapped_column(String(128))
    active_key: Mapped[str | None] = mapped_column(String(160), unique=True)
    chat_id: Mapped[str | None] = mapped_column(String(128))
    kind: Mapped[str] = mapped_column(String(16))  # update | reject
    step: Mapped[str] = mapped_column(String(16))
    seq: Mapped[int] = mapped_column(Integer, default=1)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    started_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=_now)
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    outcome: Mapped[str | None] = mapped_column(String(16))  # saved | cancelled | expired | ...
    update_id: Mapped[int | None] = mapped_column(
        ForeignKey("progress_updates.id", ondelete="SET NULL")
    )


class UpdateEvidence(Base):
    """A photo (or PDF) that backs a progress update, its bytes kept in the database.

    Sent during a guided update it belongs to the conversation (``update_id`` NULL)
    until the update is saved; a cancelled or expired conversation takes its files
    with it.  ``source_id`` is the platform's id of the message that carried the file:
    a redelivered message adds nothing.  The type (``mime``) is what the content is,
    checked when it arrived, not what its name says.
    """

    __tablename__ = "update_evidence"
    __table_args__ = (UniqueConstraint("platform", "source_id"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    update_id: Mapped[int | None] = mapped_column(
        ForeignKey("progress_updates.id", ondelete="CASCADE"), index=True
    )
    conversation_id: Mapped[int | None] = mapped_column(
        ForeignKey("conversations.id", ondelete="SET NULL"), index=True
    )
    platform: Mapped[str] = mapped_column(String(16))
    source_id: Mapped[str] = mapped_column(String(160))
    mime: Mapped[str] = mapped_column(String(64))
    filename: Mapped[str] = mapped_column(Text)
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    width: Mapped[int | None] = mapped_column(Integer)
    height: Mapped[int | None] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=_now)


class Assignment(Base):
    """An officer made responsible for one project (``/assign``), beside their scope."""

    __tablename__ = "assignments"
    __table_args__ = (UniqueConstraint("user_id", "project_id"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), index=True
    )
    actor: Mapped[str] = mapped_column(String(160))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=_now)


class UpdateDecision(Base):
    """The audit trail of an update: submitted, approved, rejected (with the reason), edited.

    ``update_id`` is a plain number (no foreign key): the trail outlives an undone update.
    """

    __tablename__ = "update_decisions"
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    update_id: Mapped[int] = mapped_column(Integer, index=True)
    actor: Mapped[str] = mapped_column(String(160))
    action: Mapped[str] = mapped_column(String(16))  # submitted | approved | rejected | edited
    reason: Mapped[str | None] = mapped_column(Text)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=_now)


class Notification(Base):
    """A message to push to a user who did not write just now (an outbox row).

    Written in the transaction of the change it tells about (an update waiting for
    approval, a decision); a process with that platform's credentials claims it
    (``claimed_at``) and sends it, once.  ``buttons`` is ``[[label, data], ...]``.
    """

    __tablename__ = "notifications"
    __table_args__ = (
        Index("ix_notifications_unsent", "platform", "sent_at"),
        # the rows not handed to the job queue yet (a partial index stays small)
        Index("ix_notifications_new", "id",
              sqlite_where=text(PARTIAL_INDEXES["ix_notifications_new"])),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    external_user_id: Mapped[str] = mapped_column(String(128))
    text: Mapped[str] = mapped_column(Text)
    buttons: Mapped[list[list[str]] | None] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=_now)
    claimed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    #: new | queued (a push job has it) | retry | sent | failed | blocked
    status: Mapped[str] = mapped_column(String(16), default="new")
    attempts: Mapped[int] = mapped_column(Integer, default=0)


class ReminderLog(Base):
    """One reminder (to an officer) or non-submitter list (to a manager), claimed once.

    The unique key (kind, user, quarter, slot) is the row lock that makes a reminder
    run exactly-once when several processes run it at the same moment: the process
    whose insert commits sends it; the others find it taken.
    """

    __tablename__ = "reminder_log"
    __table_args__ = (UniqueConstraint("kind", "platform", "external_user_id", "fiscal_year",
                                       "quarter", "slot"),
                      {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # officer | manager
    platform: Mapped[str] = mapped_column(String(16))
    external_user_id: Mapped[str] = mapped_column(String(128))
    fiscal_year: Mapped[int] = mapped_column(Integer)
    quarter: Mapped[int] = mapped_column(Integer)
    slot: Mapped[str] = mapped_column(String(32))
    #: claimed (sending) | queued (a push job has it) | sent | failed | blocked
    status: Mapped[str] = mapped_column(String(16))
    projects: Mapped[list[int] | None] = mapped_column(JSON)
    claimed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=_now)
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    detail: Mapped[str | None] = mapped_column(Text)


class ButtonCommand(Base):
    """A button's command too long for its platform's button data, kept under a short key.

    Telegram's ``callback_data`` holds 64 bytes, LINE's postback ``data`` 300
    characters; a button whose command is longer carries ``key`` instead
    (:mod:`bot.buttons`).  ``key`` is a digest of the command, so the same command is
    one row however often it is shown; ``used_at`` is when it was last shown, and rows
    unused for long are deleted.
    """

    __tablename__ = "button_commands"

    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    command: Mapped[str] = mapped_column(Text)
    used_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=_now, index=True)


class PushCount(Base):
    """Messages pushed per platform and month (LINE counts pushes against a monthly quota)."""

    __tablename__ = "push_counts"

    platform: Mapped[str] = mapped_column(String(16), primary_key=True)
    month: Mapped[str] = mapped_column(String(7), primary_key=True)  # YYYY-MM (Bangkok)
    count: Mapped[int] = mapped_column(Integer, default=0)


class MenuState(Base):
    """The role menu a chat user was last shown (Telegram commands, a LINE rich menu).

    A user whose row differs from their role (or who has none) gets their menu set at
    the next menu sync; a row whose user is gone gets the menu cleared and is deleted.
    ``failed_at``: the last attempt failed (the user never opened a chat with the bot,
    say): it is tried again a day later, not at every sync.
    """

    __tablename__ = "menu_state"
    __table_args__ = (UniqueConstraint("platform", "external_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    external_id: Mapped[str] = mapped_column(String(128))
    role: Mapped[str | None] = mapped_column(String(16))
    menu_ref: Mapped[str | None] = mapped_column(String(160))
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=_now)
    failed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
class InboundEvent(Base):
    """A chat platform event accepted by a web worker, kept until its work is done.

    ``key`` is the platform's own event id (``line:<webhookEventId>``,
    ``telegram:<update_id>``): the row is inserted once, in the same transaction as
    its queue job, so a redelivery or a second web worker finds it and enqueues
    nothing.  ``payload`` is the event as the platform sent it (JSON text).  ``status``
    is ``queued``, ``done`` or ``failed`` (the dead letter: ``error`` keeps why, and
    admins list it with ``sdgbot jobs --failed``).
    """

    __tablename__ = "inbound_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    platform: Mapped[str] = mapped_column(String(16))
    payload: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="queued", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=_now)
    done_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class OutboundSend(Base):
    """One platform call that delivers part of a reply, journaled around the call.

    ``(event_key, seq)`` numbers the calls an event's work makes, in order; ``state``
    is ``sending`` (committed before the call) or ``sent`` (committed after it, with
    the platform's ``response``).  A job retried after its worker died replays what
    was sent instead of sending it again.
    """

    __tablename__ = "outbound_sends"
    __table_args__ = (UniqueConstraint("event_key", "seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_key: Mapped[str] = mapped_column(String(200))
    seq: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(16))
    response: Mapped[str | None] = mapped_column(Text)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=_now)


class IndexReplica(Base):
    """Where one serving process's in-memory index stands (for ``/readyz``).

    Each queue worker writes its row every few seconds: the highest passage id its
    index holds, its size, how many of the database's passages it lacks (``lag``:
    those above its highest id and those committed in its gaps) and when it last wrote.
    """

    __tablename__ = "index_replicas"

    name: Mapped[str] = mapped_column(String(120), primary_key=True)
    max_passage_id: Mapped[int] = mapped_column(BigInteger, default=0)
    passages: Mapped[int] = mapped_column(BigInteger, default=0)
    catching_up: Mapped[bool] = mapped_column(default=False)
    lag: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=_now)


class SendRate(Base):
    """A send rate shared by every process: one row per limit (GCRA, a token bucket's twin).

    ``tat`` is the limit's theoretical arrival time: when the next send would be due
    were every earlier one spaced at the limit's rate.  Taking a slot moves it one
    interval on, in one ``INSERT ... ON CONFLICT DO UPDATE`` (row lock), so queue
    workers on any host share Telegram's limits (see :mod:`bot.queue.ratelimit`).
    """

    __tablename__ = "send_rates"

    name: Mapped[str] = mapped_column(String(120), primary_key=True)
    tat: Mapped[dt.datetime] = mapped_column(UTCDateTime)
