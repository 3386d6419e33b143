"""Files into documents: folders walked, skipped files explained, stored originals re-read.

:func:`walk_documents` is what ``sdgbot ingest`` reads; :func:`reparse_documents` is
``sdgbot reparse``: each document whose original was kept is read again with today's
readers and parsers and replaces the old one (a new id, as a new version, in the old
one's place among the versions of its report), so database and index stay in step
through the same store and remove paths.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from knowledge.folder_walk import Skipped, folder_files, named_link_reason
from knowledge.ids import in_range
from knowledge.ingest import (
    MAX_FILE_BYTES,
    IngestResult,
    content_hash,
    read_bytes,
    read_path,
    store_documents,
)
from knowledge.library import remove_document
from knowledge.models import Document, DocumentOriginal, ListedProject, Project, QuarterReport
from knowledge.parsers import DocumentError, ParsedDocument

__all__ = [
    "SUPPORTED_SUFFIXES",
    "Reparsed",
    "Skipped",
    "reparse_documents",
    "replace_document",
    "walk_documents",
]

#: What ``sdgbot ingest`` reads.
SUPPORTED_SUFFIXES = (".txt", ".jsonl", ".jsonl.gz", ".json.gz", ".pdf", ".docx", ".xlsx")


def walk_documents(paths: Iterable[Path], skipped: list[Skipped], *,
                   max_bytes: int = MAX_FILE_BYTES) -> Iterator[ParsedDocument]:
    """Parse the named files and every file under the named folders (recursively).

    A file named outright that cannot be read raises :class:`DocumentError` (the whole
    ingest stops, nothing written).  A file found in a folder is skipped instead — an
    unsupported type, a damaged or locked file, a scan without OCR — and recorded in
    ``skipped``; it is read whole before any of its documents is passed on, so a file
    skipped adds nothing.  No link is followed out of a folder, and hidden files (names
    starting with ".") are not read: each is recorded in ``skipped`` with the reason
    (:func:`knowledge.folder_walk.folder_files`); a file named outright that is a link
    out of its own folder is recorded too, not read (:func:`named_link_reason`).
    """
    for p in paths:
        if not p.is_dir():
            why = named_link_reason(p)
            if why is not None:
                skipped.append(Skipped(p, why))
                continue
            yield from read_path(p, max_bytes=max_bytes)
            continue
        for child in folder_files(p, skipped):
            if not child.name.lower().endswith(SUPPORTED_SUFFIXES):
                skipped.append(Skipped(child, "ไม่รองรับไฟล์ชนิดนี้ (unsupported file type)"))
                continue
            try:
                docs = list(read_path(child, max_bytes=max_bytes))
            except DocumentError as exc:
                reason = str(exc)
                prefix = f"{child}: "
                skipped.append(
                    Skipped(child, reason[len(prefix):] if reason.startswith(prefix) else reason)
                )
                continue
            yield from docs


@dataclass(frozen=True)
class Reparsed:
    """One document read again: the old id, the new id (None if it failed), and why."""

    old_id: int
    new_id: int | None
    message: str


def reparse_documents(session: Session, doc_ids: Sequence[int] | None) -> list[Reparsed]:
    """Read stored originals again; each gives a new, complete version (new id).

    ``doc_ids`` None means every document with a kept original that is not superseded.
    A document without an original, whose original no longer reads, or that reads
    into another document's very content, is left as it is and reported.  See
    :func:`replace_document` for how the new version takes the old one's place.  The
    caller frames one transaction and bumps the index generation when any was replaced.
    """
    if doc_ids is None:
        ids = list(
            session.scalars(
                select(Document.id)
                .join(DocumentOriginal, DocumentOriginal.document_id == Document.id)
                .where(Document.superseded_by.is_(None))
                .order_by(Document.id)
            )
        )
    else:
        ids = list(doc_ids)
    out: list[Reparsed] = []
    for doc_id in ids:
        original = session.get(DocumentOriginal, doc_id) if in_range(doc_id) else None
        if original is None:
            exists = in_range(doc_id) and session.get(Document, doc_id) is not None
            out.append(Reparsed(doc_id, None, "ไม่มีไฟล์ต้นฉบับเก็บไว้ (no original kept)"
                                if exists else "ไม่พบเอกสาร (no such document)"))
            continue
        try:
            _name, docs = read_bytes(original.data, original.filename)
        except DocumentError as exc:
            out.append(Reparsed(doc_id, None, str(exc)))
            continue
        if len(docs) != 1:
            out.append(Reparsed(doc_id, None, f"ต้นฉบับมี {len(docs)} เอกสาร "
                                              f"(the original holds {len(docs)} documents)"))
            continue
        out.append(replace_document(session, doc_id, docs[0]))
        session.expunge_all()
    return out


def _report_key(session: Session, doc_id: int) -> tuple[str, str, int, int] | None:
    """(agency, project name, fiscal year, quarter) of document ``doc_id``'s report form."""
    row = session.execute(
        select(Project.agency, Project.name, QuarterReport.fiscal_year, QuarterReport.quarter)
        .join(Project, Project.id == QuarterReport.project_id)
        .where(QuarterReport.document_id == doc_id)
    ).first()
    if row is None or row[2] is None or row[3] is None:
        return None
    return (row[0], row[1], int(row[2]), int(row[3]))


def replace_document(session: Session, doc_id: int, parsed: ParsedDocument) -> Reparsed:
    """Store ``parsed`` as the new version of document ``doc_id``, then remove the old one.

    The new version is stored whole (passages, form fields, original) before the old one
    goes, so the project and whatever hangs on it (assignments, updates) stay.  A report
    of the same project and quarter takes the old one's place among the versions: what
    the old one superseded is superseded by the new one, and a superseded old one gives
    a superseded new one (the current version stays current).  A document that reads
    into another project or quarter is stored as a new document would be.  Content
    identical to another document's leaves everything as it was.
    """
    h = content_hash(parsed)
    clash = session.scalar(
        select(Document.id).where(Document.content_hash == h, Document.id != doc_id))
    if clash is not None:
        return Reparsed(doc_id, None, f"อ่านได้เนื้อหาเดียวกับเอกสาร {clash} "
                                      f"(reads as the same content as document {clash})")
    old = session.get(Document, doc_id)
    assert old is not None  # the caller found its original
    successor = old.superseded_by
    predecessors = list(session.scalars(
        select(Document.id).where(Document.superseded_by == doc_id)))
    r = parsed.report
    new_key = (r.agency, r.name, r.fiscal_year, r.quarter) if r is not None else None
    same_place = new_key is not None and new_key == _report_key(session, doc_id)
    # The old content's hash is set aside so that an unchanged reading can be stored
    # before the old version goes (the hash is unique).
    old.content_hash = f"reparse:{doc_id}"
    # Its listed projects go first: the new version lists them again (as its own rows,
    # not as duplicates of rows that are about to go).
    session.execute(delete(ListedProject).where(ListedProject.document_id == doc_id))
    session.flush()
    result: IngestResult = store_documents(session, [parsed], supersede=not same_place)
    new_id = session.scalar(select(Document.id).where(Document.content_hash == h))
    assert new_id is not None
    if same_place:
        session.execute(
            update(Document).where(Document.id == new_id).values(superseded_by=successor))
        if predecessors:
            session.execute(update(Document).where(Document.id.in_(predecessors))
                            .values(superseded_by=new_id))
    remove_document(session, doc_id)
    session.flush()
    return Reparsed(doc_id, new_id, f"{result.passages} passages")
