"""Files into documents: folders walked, skipped files explained, stored originals re-read.

:func:`walk_documents` is what ``sdgbot ingest`` reads; :func:`reparse_documents` is
``sdgbot reparse``: each document whose original was kept is read again with today's
readers and parsers and replaces the old one (same id kept out: a new id, as a new
version), so database and index stay in step through the same store and remove paths.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from knowledge.ingest import IngestResult, read_path, store_documents
from knowledge.library import remove_document
from knowledge.models import Document, DocumentOriginal
from knowledge.parsers import DocumentError, ParsedDocument
from knowledge.readers import read_file_bytes

__all__ = ["SUPPORTED_SUFFIXES", "Reparsed", "Skipped", "reparse_documents", "walk_documents"]

#: What ``sdgbot ingest`` reads.
SUPPORTED_SUFFIXES = (".txt", ".jsonl", ".jsonl.gz", ".json.gz", ".pdf", ".docx", ".xlsx")


@dataclass(frozen=True)
class Skipped:
    """A file not ingested, with the reason (Thai, then English)."""

    path: Path
    reason: str


def walk_documents(paths: Iterable[Path], skipped: list[Skipped]) -> Iterator[ParsedDocument]:
    """Parse the named files and every file under the named folders (recursively).

    A file named outright that cannot be read raises :class:`DocumentError` (the whole
    ingest stops, nothing written).  A file found in a folder is skipped instead — an
    unsupported type, a damaged or locked file, a scan without OCR — and recorded in
    ``skipped``; it is read whole before any of its documents is passed on, so a file
    skipped adds nothing.  Hidden files (names starting with ".") are passed over.
    """
    for p in paths:
        if not p.is_dir():
            yield from read_path(p)
            continue
        for child in sorted(p.rglob("*")):
            if not child.is_file() or child.name.startswith("."):
                continue
            if not child.name.lower().endswith(SUPPORTED_SUFFIXES):
                skipped.append(Skipped(child, "ไม่รองรับไฟล์ชนิดนี้ (unsupported file type)"))
                continue
            try:
                docs = list(read_path(child))
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
    """Read stored originals again; each replaces its document (new id) in one transaction.

    ``doc_ids`` None means every document with a kept original that is not superseded.
    A document without an original, or whose original no longer reads, is left as it is
    and reported.  The caller bumps the index generation when any was replaced.
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
        original = session.get(DocumentOriginal, doc_id)
        if original is None:
            exists = session.get(Document, doc_id) is not None
            out.append(Reparsed(doc_id, None, "ไม่มีไฟล์ต้นฉบับเก็บไว้ (no original kept)"
                                if exists else "ไม่พบเอกสาร (no such document)"))
            continue
        name, data = original.filename, original.data
        try:
            parsed = read_file_bytes(data, name)
        except DocumentError as exc:
            out.append(Reparsed(doc_id, None, str(exc)))
            continue
        remove_document(session, doc_id)
        session.flush()
        result: IngestResult = store_documents(session, [parsed])
        new_id = session.scalar(
            select(DocumentOriginal.document_id)
            .where(DocumentOriginal.filename == name)
            .order_by(DocumentOriginal.document_id.desc())
            .limit(1)
        )
        out.append(Reparsed(doc_id, new_id, f"{result.passages} passages"))
    return out
