"""Read-side data functions: documents and projects as plain rows for commands and chat.

They take a ``Session`` and never commit.  Money stays ``Decimal`` here; the edge
turns it into JSON numbers.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import CompoundSelect, Select, any_, func, or_, select
from sqlalchemy.orm import Session, selectinload

from knowledge.models import (
    Document,
    NewsRelease,
    Passage,
    ProgressUpdate,
    Project,
    QuarterReport,
)
from knowledge.plausible import FUTURE_DATE_DAYS

__all__ = ["document_text", "hidden_documents", "latest_passages_naming", "latest_report",
           "list_projects", "passages_dated", "project_row", "section_pages"]


def document_text(session: Session, doc_id: int) -> str:
    """The whole text of document ``doc_id`` ("" when there is no such document)."""
    d = Document.__table__.c  # Core: the answer path configures no ORM mapper
    return session.scalar(select(d.text).where(d.id == doc_id)) or ""


def section_pages(session: Session, doc_id: int, sections: tuple[str, ...]) -> list[int]:
    """The pages (1-based, ascending, each once) of document ``doc_id``'s passages of ``sections``.

    For citing a report form's field on the page of the original it is printed on
    (``field:budget`` ...); empty when the document has no pages (a text file) or no
    such passage.
    """
    if not sections:
        return []
    pc = Passage.__table__.c  # Core: the answer path configures no ORM mapper
    rows = session.scalars(
        select(pc.page).where(pc.document_id == doc_id, pc.section.in_(sections),
                              pc.page.is_not(None)).distinct())
    return sorted({int(p) for p in rows if p})


def latest_report(project: Project) -> QuarterReport | None:
    """The project's most recent current report form (by period, then by when it was filed).

    Superseded versions (``Project.current_reports`` leaves them out) are not reports
    of the project any more, only kept.
    """
    if not project.current_reports:
        return None
    return max(
        project.current_reports,
        key=lambda r: (r.fiscal_year or 0, r.quarter or 0, r.period_end or r.document_id, r.id),
    )


def project_row(project: Project, report: QuarterReport | None) -> dict[str, Any]:
    """The JSON shape of ``sdgbot projects --json`` for one project."""

    def money(v: Decimal | None) -> Decimal | None:
        return v

    return {
        "id": project.id,
        "agency": project.agency,
        "name": project.name,
        "indicator": report.indicator if report else None,
        "budget_baht": money(report.budget_baht) if report else None,
        "fiscal_year": report.fiscal_year if report else None,
        "quarter": report.quarter if report else None,
        "period_start": report.period_start.isoformat() if report and report.period_start else None,
        "period_end": report.period_end.isoformat() if report and report.period_end else None,
        "target_level": report.target_level if report else None,
        "result_level": report.result_level if report else None,
        "disbursement_target_baht": money(report.disbursement_target_baht) if report else None,
        "disbursement_actual_baht": money(report.disbursement_actual_baht) if report else None,
        "problems": report.problems if report else None,
        "sdg_goals": sorted(
            {a.sdg_goal for a in report.alignments if a.sdg_goal is not None} if report else set()
        ),
        "alignments": [
            {"field": a.field, "kind": a.kind, "value": a.value, "sdg_goal": a.sdg_goal}
            for a in (report.alignments if report else [])
        ],
    }


def list_projects(session: Session) -> list[dict[str, Any]]:
    """Every project with the fields of its latest report form."""
    projects = session.scalars(
        select(Project)
        .options(selectinload(Project.current_reports).selectinload(QuarterReport.alignments))
        .order_by(Project.id)
    ).all()
    return [project_row(p, latest_report(p)) for p in projects]


#: Document kinds the ministry writes itself: its quarterly report forms and its
#: officers' progress updates.
OWN_KINDS = ("report", "update")


def unapproved_update_documents(session: Session) -> set[int]:
    """Documents of progress updates not approved (pending a manager, or rejected).

    Deny by default: what an officer posted answers nobody's question until a manager
    approves it (with approvals off, updates are stored approved).  Their passages stay
    in the index, so an approval needs no reindexing; answers and searches leave them out.
    """
    return {int(d) for d in session.scalars(unapproved_update_documents_stmt()) if d is not None}


def unapproved_update_documents_stmt() -> Select[int | None]:
    """The statement of :func:`unapproved_update_documents`: one column, document ids."""
    u = ProgressUpdate.__table__.c  # Core: compiling it configures no ORM mapper
    return select(u.document_id).where(u.status != "approved", u.document_id.is_not(None))


def hidden_documents(session: Session) -> set[int]:
    """Documents no search or answer shows, though their passages stay in the index.

    Progress updates not approved (:func:`unapproved_update_documents`) and report
    forms superseded by a newer version of the same project and quarter
    (``Document.superseded_by``): kept whole, so that removing the newer version
    makes the older one current again at the next query, without reindexing.
    """
    return {int(d) for d in session.scalars(hidden_documents_stmt()) if d is not None}


def hidden_documents_stmt() -> CompoundSelect:
    """The statement of :func:`hidden_documents`: one column, document ids.

    Also run as plain SQL by the search index's per-query reads
    (:class:`indexer.service.SearchIndex`), so the rule is written once.
    """
    d = Document.__table__.c  # Core, as above
    return unapproved_update_documents_stmt().union(
        select(d.id).where(d.superseded_by.is_not(None)))


def latest_passages_naming(session: Session, phrase: str, days: int, limit: int) -> list[int]:
    """Ids of passages that write ``phrase``, those of the latest documents first.

    Only documents dated within ``days`` of the latest dated document are read (the
    date index leads the scan: a phrase no recent document writes costs a pass over
    those documents' passages, ~0.1 s for 180 days of the 13,225 government news
    releases, never the whole archive), nor hidden ones (:func:`hidden_documents`).
    ``phrase`` is matched literally (``%`` and ``_`` escaped).  At most ``limit`` ids,
    by document date descending, then passage id.  A document dated in the future
    (:func:`knowledge.plausible.future_date`) is none of the latest.
    """
    last_day = dt.date.today() + dt.timedelta(days=FUTURE_DATE_DAYS)
    latest = session.scalar(select(func.max(Document.date)).where(Document.date <= last_day))
    if latest is None or not phrase:
        return []
    stmt = (select(Passage.id)
            .join(Document, Document.id == Passage.document_id)
            .where(Document.date >= latest - dt.timedelta(days=days),
                   Document.date <= last_day,
                   Passage.text.contains(phrase, autoescape=True),
                   Document.id.not_in(hidden_documents_stmt()))
            .order_by(Document.date.desc(), Passage.id)
            .limit(limit))
    return list(session.scalars(stmt))


def passages_dated(session: Session, days: list[tuple[dt.date, dt.date]]) -> list[int]:
    """Ids of the passages of documents dated within one of ``days`` (``(first, last)``, inclusive).

    Hidden documents (:func:`hidden_documents`) are left out; the date index leads the
    scan (a few days' documents of the archive: some hundreds of passages).
    """
    if not days:
        return []
    stmt = (select(Passage.id)
            .join(Document, Document.id == Passage.document_id)
            .where(or_(*(Document.date.between(a, b) for a, b in days)),
                   Document.id.not_in(hidden_documents_stmt()))
            .order_by(Passage.id))
    return list(session.scalars(stmt))


def primary_passage_ids(session: Session) -> list[int]:
    """Passages of the ministry's own documents: report forms, updates and its press releases.

    A press release counts as the ministry's own when it was parsed from the
    ministry's release layout (it has a release number and issuing office);
    imported news (JSON lines from other portals) does not.  These are the
    primary sources on the ministry's projects: where they and a news article
    disagree (an event's dates, a count), the ministry's own record is the one
    to cite.
    """
    return list(session.scalars(primary_passage_ids_stmt(session.get_bind().dialect.name)))


def primary_passage_ids_stmt(dialect: str = "") -> Select[int]:
    """The statement of :func:`primary_passage_ids`: one column, passage ids.

    Also run as plain SQL by the search index's per-query reads, as
    :func:`unapproved_update_documents_stmt`.  ``dialect`` is the database's
    (``engine.dialect.name``): on PostgreSQL the documents' ids are handed over as an
    array, which is looked up in the passages' (document, ordinal) index.  With ``IN
    (subquery)`` the planner takes the own documents for average ones, expects a large
    share of the passages and reads them all: after a news archive of 120,000 passages
    was ingested, every question's read took 55-120 ms of the database's CPU (2 ms now).
    """
    d, r, p = Document.__table__.c, NewsRelease.__table__.c, Passage.__table__.c  # Core
    # A superseded version is hidden (:func:`hidden_documents`): it must not hold the
    # places the ministry's own passages get in a search.
    own = select(d.id).where(d.kind.in_(OWN_KINDS), d.superseded_by.is_(None))
    documents = own.union(select(r.document_id)).scalar_subquery()
    if dialect == "postgresql":
        return select(p.id).where(p.document_id == any_(func.array(documents)))
    return select(p.id).where(p.document_id.in_(documents))
