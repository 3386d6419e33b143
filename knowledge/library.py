"""The document library: files walked, originals kept, versions superseded, documents removed.

Functions take a ``Session`` and never commit; the caller frames one transaction.
They never touch the search index (``knowledge`` does not know it): after a call that
removes passages the caller bumps the index generation
(:func:`indexer.service.bump_generation`) in the same transaction, which
:attr:`Changes.removed_passages` tells it to do.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Table, delete, func, insert, select, update
from sqlalchemy.orm import Session

from knowledge.ids import in_range
from knowledge.models import (
    Document,
    DocumentOriginal,
    ListedProject,
    Passage,
    Project,
    QuarterReport,
)
from knowledge.parsers import MAX_ROWS_LOCATED, ParsedDocument, ParsedProjectRow
from knowledge.textcut import shorten

__all__ = [
    "Changes",
    "DocumentPage",
    "document_page",
    "document_rows",
    "project_row_key",
    "project_search_text",
    "remove_document",
    "store_extras",
]

_CHUNK = 500


@dataclass
class Changes:
    """What storing files did beyond documents and passages.

    ``superseded`` holds ``(old document id, new document id)`` pairs;
    ``removed_passages`` says the index generation must be bumped.
    """

    projects_added: int = 0
    projects_duplicate: int = 0
    projects_refused: Counter[str] = field(default_factory=Counter)
    #: Where the first refused rows of each reason stand (at most MAX_ROWS_LOCATED).
    projects_refused_at: dict[str, list[str]] = field(default_factory=dict)
    #: What the project rows taken may hold wrong (a workbook's notes).
    notes: list[str] = field(default_factory=list)
    rows_read: int = 0
    superseded: list[tuple[int, int]] = field(default_factory=list)
    #: ``(old, new) -> share``: a new version whose text is under :data:`SHRUNK_SHARE` of
    #: the one it hides (a shortened copy hides answers the old one gave).
    shrunk: dict[tuple[int, int], float] = field(default_factory=dict)
    removed_passages: bool = False


def project_search_text(name: str, agency: str, province: str | None) -> str:
    """What project searches match: name, agency and province, no spaces, case-folded.

    The readers have normalised the text (:func:`knowledge.thai.normalize_text`).
    """
    return "".join("\x1f".join((name, agency, province or "")).split()).casefold()


def project_row_key(row: ParsedProjectRow, *, distinct: bool = False) -> str:
    """Identity of a listed project: agency, name, province and budget, normalised.

    Spaces and case do not count; the readers have normalised the Thai.  ``distinct``:
    the submission date, document link and code too (:data:`DISTINCT_FIELDS`), for a
    row alike in the four but not in those (another project of the same name).
    """

    def norm(text: str | None) -> str:
        return "".join((text or "").split()).casefold()

    budget = f"{row.budget_baht:.2f}" if row.budget_baht is not None else ""
    parts = [norm(row.agency), norm(row.name), norm(row.province), budget]
    if distinct:
        parts += [norm(str(getattr(row, name) or "")) for name in DISTINCT_FIELDS]
    raw = "\x1f".join(parts)
    return hashlib.sha256(raw.encode()).hexdigest()


#: Fields of a listed row that tell two projects of the same name, agency, province and
#: budget apart: rows that differ in one are not merged (ThaiME lists such pairs: the same
#: name and budget, submitted a year apart, each with its own document).
DISTINCT_FIELDS = ("submitted_on", "url", "code")


def _distinct(a: ParsedProjectRow, b: ParsedProjectRow) -> bool:
    return any(getattr(a, name) != getattr(b, name) for name in DISTINCT_FIELDS)


def _store_projects(
    session: Session, document: Document, rows: tuple[ParsedProjectRow, ...], changes: Changes
) -> None:
    keyed: dict[str, ParsedProjectRow] = {}
    copies: Counter[str] = Counter()
    for row in rows:
        key = project_row_key(row)
        if key in keyed and _distinct(keyed[key], row):
            key = project_row_key(row, distinct=True)
        copies[key] += 1
        if key in keyed:
            changes.projects_duplicate += 1
        else:
            keyed[key] = row
    keys = list(keyed)
    table = cast(Table, ListedProject.__table__)
    for i in range(0, len(keys), _CHUNK):
        chunk = keys[i : i + _CHUNK]
        for known in session.scalars(
            select(ListedProject.row_key).where(ListedProject.row_key.in_(chunk))
        ):
            # Listed before (in another workbook): the stored row stands for these too.
            session.execute(update(table).where(table.c.row_key == known)
                            .values(copies=table.c.copies + copies[known]))
            del keyed[known]
            changes.projects_duplicate += 1
    values: list[dict[str, Any]] = [
        {
            "document_id": document.id,
            "row_key": key,
            "name": r.name,
            "agency": r.agency,
            "ministry": r.ministry,
            "province": r.province,
            "budget_baht": r.budget_baht,
            "fiscal_year": r.fiscal_year,
            "quarter": r.quarter,
            "submitted_on": r.submitted_on,
            "plan": r.plan,
            "code": r.code,
            "url": r.url,
            "source_row": r.where,
            "search_text": project_search_text(r.name, r.agency, r.province),
            "copies": copies[key],
        }
        for key, r in keyed.items()
    ]
    for i in range(0, len(values), 2000):  # Core inserts: no ORM bookkeeping per row
        session.execute(insert(table), values[i : i + 2000])
    changes.projects_added += len(values)


#: A new version of a report holding less than this share of the old one's text is told.
SHRUNK_SHARE = 0.5


def _supersede(
    session: Session, document: Document, report: QuarterReport, changes: Changes
) -> None:
    """The current report of the same project and quarter gives way to this one.

    The older version keeps everything — passages, form fields, original — and is only
    marked ``superseded_by``: searches and answers leave it out
    (:func:`knowledge.queries.hidden_documents_stmt`), and removing the newer version
    makes it current again (:func:`remove_document`).  Versions already superseded
    keep pointing at their own successor, so the versions form one chain.
    """
    if report.fiscal_year is None or report.quarter is None:
        others = session.scalar(
            select(func.count(QuarterReport.id))
            .join(Document, Document.id == QuarterReport.document_id)
            .where(QuarterReport.project_id == report.project_id,
                   QuarterReport.document_id != document.id, Document.superseded_by.is_(None)))
        if others:  # told, not silent: the older versions stay current beside this one
            changes.notes.append(
                f"«{shorten(document.title, 60)}»: อ่านไตรมาสของแบบรายงานไม่ได้ จึงไม่ได้แทน"
                f"แบบรายงานฉบับก่อนของโครงการนี้ ({others:,} ฉบับยังใช้อยู่) (the form's "
                "quarter could not be read, so it supersedes no earlier version of the project)")
        return
    older = session.scalars(
        select(QuarterReport.document_id)
        .join(Document, Document.id == QuarterReport.document_id)
        .where(
            QuarterReport.project_id == report.project_id,
            QuarterReport.fiscal_year == report.fiscal_year,
            QuarterReport.quarter == report.quarter,
            QuarterReport.document_id != document.id,
            Document.superseded_by.is_(None),
        )
    ).all()
    for old_doc in older:
        session.execute(
            update(Document).where(Document.id == old_doc).values(superseded_by=document.id)
        )
        changes.superseded.append((old_doc, document.id))
        old_chars = session.scalar(select(func.length(Document.text))
                                   .where(Document.id == old_doc)) or 0
        if old_chars and len(document.text or "") < SHRUNK_SHARE * old_chars:
            changes.shrunk[(old_doc, document.id)] = len(document.text or "") / old_chars


def store_extras(
    session: Session,
    document: Document,
    parsed: ParsedDocument,
    changes: Changes,
    report: QuarterReport | None = None,
    *,
    supersede: bool = True,
) -> None:
    """Store what a file brings beside its document: original, pages, project rows.

    ``document`` must already have its id (flushed).  A report form supersedes the
    current report of the same project and quarter, which is kept but hidden (see
    :func:`_supersede`); ``supersede=False`` leaves the versions as they are (the caller
    places the document itself, as :func:`replace_document` does).
    """
    if parsed.pages is not None:
        document.pages = parsed.pages
    if parsed.original is not None:
        data = parsed.original.data
        session.add(
            DocumentOriginal(
                document_id=document.id,
                filename=parsed.original.filename[:500],
                sha256=hashlib.sha256(data).hexdigest(),
                size=len(data),
                data=data,
            )
        )
    if parsed.projects:
        _store_projects(session, document, parsed.projects, changes)
    changes.projects_refused.update(parsed.refused)
    for reason, places in parsed.refused_at.items():
        kept = changes.projects_refused_at.setdefault(reason, [])
        kept.extend(places[:max(0, MAX_ROWS_LOCATED - len(kept))])
    rows_read = parsed.extra.get("rows_read")
    changes.rows_read += int(rows_read) if rows_read else len(parsed.projects)
    if report is not None and supersede:
        session.flush()
        _supersede(session, document, report, changes)


def remove_document(session: Session, doc_id: int) -> dict[str, Any] | None:
    """Delete a document with its passages, report form, project rows and original.

    Returns ``{id, kind, title, passages, projects, restored}`` of what was removed, or
    ``None`` when there is no such document.  The versions this one had superseded take
    its place among the versions: when it was the current one, they are current again,
    with the passages and fields they kept, and ``restored`` lists them (else it is
    empty: they are superseded by its own successor).  A report project left
    with no report and no update is removed too.  The caller bumps the index generation.
    """
    doc = session.get(Document, doc_id) if in_range(doc_id) else None
    if doc is None:
        return None
    n_passages = session.scalar(
        select(func.count(Passage.id)).where(Passage.document_id == doc_id)
    ) or 0
    n_projects = session.scalar(
        select(func.count(ListedProject.id)).where(ListedProject.document_id == doc_id)
    ) or 0
    project_ids = list(
        session.scalars(select(QuarterReport.project_id).where(QuarterReport.document_id == doc_id))
    )
    successor = doc.superseded_by
    restored = [] if successor is not None else sorted(session.scalars(
        select(Document.id).where(Document.superseded_by == doc_id)))
    info = {"id": doc.id, "kind": doc.kind, "title": doc.title, "passages": n_passages,
            "projects": n_projects, "restored": restored}
    # Bulk deletes: a workbook's 30,000 rows are not loaded as objects.
    session.execute(delete(Passage).where(Passage.document_id == doc_id))
    session.execute(delete(ListedProject).where(ListedProject.document_id == doc_id))
    session.execute(delete(DocumentOriginal).where(DocumentOriginal.document_id == doc_id))
    session.execute(delete(QuarterReport).where(QuarterReport.document_id == doc_id))
    session.execute(
        update(Document).where(Document.superseded_by == doc_id)
        .values(superseded_by=successor)
    )
    session.execute(delete(Document).where(Document.id == doc_id))
    for pid in set(project_ids):
        project = session.get(Project, pid)
        if project is not None and not session.scalar(
            select(func.count(QuarterReport.id)).where(QuarterReport.project_id == pid)
        ):
            from knowledge.models import ProgressUpdate

            if not session.scalar(
                select(func.count(ProgressUpdate.id)).where(ProgressUpdate.project_id == pid)
            ):
                session.delete(project)
    session.expunge_all()
    return info


def document_rows(session: Session, *, include_updates: bool = False) -> list[dict[str, Any]]:
    """Documents for ``sdgbot docs``, with what files brought, oldest first.

    ``[{id, kind, title, date, passages, pages, superseded_by, original, projects}]``:
    ``original`` is the kept file's name or null, ``projects`` the listed project rows.
    """
    return _rows(session, include_updates=include_updates, ids=None)


def _rows(session: Session, *, include_updates: bool,
          ids: Sequence[int] | None) -> list[dict[str, Any]]:
    """The rows of :func:`document_rows`, all or those of ``ids`` (counted for those only)."""
    count_passages = select(Passage.document_id, func.count(Passage.id).label("n"))
    count_listed = select(ListedProject.document_id, func.count(ListedProject.id).label("n"))
    if ids is not None:
        count_passages = count_passages.where(Passage.document_id.in_(ids))
        count_listed = count_listed.where(ListedProject.document_id.in_(ids))
    counts = count_passages.group_by(Passage.document_id).subquery()
    listed = count_listed.group_by(ListedProject.document_id).subquery()
    stmt = (
        select(
            Document.id, Document.kind, Document.title, Document.date, counts.c.n,
            Document.pages, Document.superseded_by, DocumentOriginal.filename, listed.c.n,
        )
        .outerjoin(counts, counts.c.document_id == Document.id)
        .outerjoin(listed, listed.c.document_id == Document.id)
        .outerjoin(DocumentOriginal, DocumentOriginal.document_id == Document.id)
        .order_by(Document.id)
    )
    if ids is not None:
        stmt = stmt.where(Document.id.in_(ids))
    if not include_updates:
        stmt = stmt.where(Document.kind != "update")
    return [
        {
            "id": r[0],
            "kind": r[1],
            "title": r[2],
            "date": r[3].isoformat() if r[3] else None,
            "passages": int(r[4] or 0),
            "pages": r[5],
            "superseded_by": r[6],
            "original": r[7],
            "projects": int(r[8] or 0),
        }
        for r in session.execute(stmt)
    ]


@dataclass(frozen=True)
class DocumentPage:
    """One page of the library, most recently added first (rows as :func:`document_rows`)."""

    page: int
    pages: int
    total: int
    rows: tuple[dict[str, Any], ...]


def document_page(session: Session, page: int = 1, per_page: int = 10) -> DocumentPage:
    """Page ``page`` (from 1; clamped to the pages there are) of the documents, newest first.

    Newest means most recently added (highest id).  Progress updates are left out, as
    :func:`document_rows` leaves them out by default.  Counts are read for the page's
    documents only, so a page costs the same in a library of any size.
    """
    if per_page < 1:
        raise ValueError("per_page must be at least 1")
    listed = select(Document.id).where(Document.kind != "update")
    total = int(session.scalar(select(func.count()).select_from(listed.subquery())) or 0)
    pages = max(1, -(-total // per_page))
    page = min(max(page, 1), pages)
    ids = list(session.scalars(
        listed.order_by(Document.id.desc()).limit(per_page).offset((page - 1) * per_page)))
    rows = sorted(_rows(session, include_updates=False, ids=ids), key=lambda r: -int(r["id"]))
    return DocumentPage(page, pages, total, tuple(rows))
