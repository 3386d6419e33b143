"""Documents managed: ingest from files, remove and reparse, database and index in step.

Each change is one database transaction that also bumps the index generation when
passages went away (:func:`indexer.service.bump_generation`); the index is synced
right after, so a search never returns a removed passage and finds new ones at once.
Shared by the command line and the chat commands.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from indexer.service import SearchIndex, bump_generation
from knowledge.assignments import Scope, document_in_scope
from knowledge.db import Database
from knowledge.files import Reparsed, Skipped, reparse_documents, walk_documents
from knowledge.ingest import MAX_FILE_BYTES, MAX_PASSAGES, IngestResult, store_documents
from knowledge.library import remove_document
from knowledge.models import Document
from knowledge.parsers import ParsedDocument

__all__ = [
    "IngestLimits",
    "IngestReport",
    "OutsideScope",
    "ingest_documents",
    "ingest_paths",
    "remove",
    "reparse",
    "result_json",
    "result_lines",
]


@dataclass(frozen=True)
class IngestLimits:
    """What ``sdgbot ingest`` takes at most: a file's bytes, a document's passages."""

    max_bytes: int = MAX_FILE_BYTES
    max_passages: int = MAX_PASSAGES

    @classmethod
    def from_settings(cls, max_file_mb: str | None, max_passages: str | None) -> IngestLimits:
        """Read ``SDGBOT_MAX_FILE_MB`` and ``SDGBOT_MAX_PASSAGES`` (None: the default).

        Raises ValueError (Thai, then English) for a value that is not a positive
        whole number.
        """
        def whole(raw: str | None, name: str) -> int | None:
            if raw is None:
                return None
            if not raw.strip().isdigit() or int(raw) <= 0:
                raise ValueError(f"{name} ต้องเป็นจำนวนเต็มบวก ได้รับ {raw!r} "
                                 f"({name} must be a positive whole number, got {raw!r})")
            return int(raw)

        mb = whole(max_file_mb, "SDGBOT_MAX_FILE_MB")
        n = whole(max_passages, "SDGBOT_MAX_PASSAGES")
        return cls(MAX_FILE_BYTES if mb is None else mb * 2**20,
                   MAX_PASSAGES if n is None else n)


@dataclass
class IngestReport:
    """What an ingest did, with the files it skipped and why."""

    result: IngestResult
    skipped: list[Skipped] = field(default_factory=list)


def _sync(index: SearchIndex) -> None:
    index.sync()
    index.save_if_dirty()


def ingest_documents(
    db: Database,
    index: SearchIndex | None,
    docs: Iterable[ParsedDocument],
    progress: Callable[[int], object] | None = None,
    *,
    max_passages: int = MAX_PASSAGES,
) -> IngestResult:
    """Store ``docs`` in one transaction, then sync ``index`` when one is given.

    The index generation is bumped in that transaction when reports were superseded.
    A document over ``max_passages`` raises :class:`~knowledge.parsers.DocumentError`
    and nothing is stored.
    """
    with db.write() as s:
        result = store_documents(s, docs, progress=progress, max_passages=max_passages)
        if result.changes.removed_passages:
            bump_generation(s)
    if index is not None:
        _sync(index)
    return result


def ingest_paths(
    db: Database,
    index: SearchIndex | None,
    paths: Sequence[Path],
    progress: Callable[[int], object] | None = None,
    *,
    limits: IngestLimits | None = None,
) -> IngestReport:
    """Ingest files and folders (see :func:`knowledge.files.walk_documents`).

    ``limits``: the largest file and the most passages of a document (default
    :class:`IngestLimits`); over either, :class:`~knowledge.parsers.DocumentError`.
    """
    lim = limits or IngestLimits()
    skipped: list[Skipped] = []
    result = ingest_documents(db, index, walk_documents(paths, skipped, max_bytes=lim.max_bytes),
                              progress, max_passages=lim.max_passages)
    return IngestReport(result, skipped)


class OutsideScope(Exception):
    """A document a scoped manager may not remove (see ``document_in_scope``)."""


def remove(db: Database, index: SearchIndex, doc_id: int,
           scope: Scope | None = None) -> dict[str, Any] | None:
    """Delete a document everywhere; ``None`` when there is no such document.

    ``scope``: the remover's (None: the operator, everything).  A document it does not
    wholly reach raises :class:`OutsideScope`, checked in the deleting transaction.
    """
    with db.write() as s:
        if (scope is not None and s.get(Document, doc_id) is not None
                and not document_in_scope(s, scope, doc_id)):
            raise OutsideScope(doc_id)
        info = remove_document(s, doc_id)
        if info is not None:
            bump_generation(s)
    if info is not None:
        _sync(index)
    return info


def reparse(db: Database, index: SearchIndex, doc_ids: Sequence[int] | None) -> list[Reparsed]:
    """Read stored originals again (all when ``doc_ids`` is None).

    See :func:`knowledge.files.reparse_documents`.
    """
    with db.write() as s:
        done = reparse_documents(s, doc_ids)
        if any(r.new_id is not None for r in done):
            bump_generation(s)
    _sync(index)
    return done


def located(places: Sequence[str], n: int, *, english: bool = False) -> str:
    """Where ``n`` refused rows stand, from the first ``places`` ("file!Sheet!12"), or "".

    ``" — ที่ a.xlsx!Sheet!5, a.xlsx!Sheet!9 …"``: an officer can find and mend them.
    """
    if not places:
        return ""
    more = " …" if n > len(places) else ""
    return f" — {'at' if english else 'ที่'} {', '.join(places)}{more}"


def result_json(report: IngestReport) -> dict[str, Any]:
    """The extra keys ``sdgbot ingest --json`` prints for files."""
    c = report.result.changes
    return {
        "projects_added": c.projects_added,
        "projects_duplicate": c.projects_duplicate,
        "rows_read": c.rows_read,
        "rows_refused": dict(c.projects_refused),
        "rows_refused_at": {k: list(v) for k, v in c.projects_refused_at.items()},
        "notes": list(c.notes),
        "superseded": [{"old": old, "new": new} for old, new in c.superseded],
        "skipped_files": [{"path": str(s.path), "reason": s.reason} for s in report.skipped],
    }


def result_lines(report: IngestReport) -> list[str]:
    """Lines printed after the ingest summary: projects, superseded reports, skipped files.

    The skipped files come last, one line each: ``ข้าม PATH: reason``.
    """
    c = report.result.changes
    lines: list[str] = []
    if c.rows_read or c.projects_added or c.projects_duplicate:
        refused = sum(c.projects_refused.values())
        lines.append(
            f"โครงการ: อ่าน {c.rows_read:,} แถว, เพิ่ม {c.projects_added:,}, "
            f"ซ้ำ {c.projects_duplicate:,}, ไม่รับ {refused:,} "
            f"(projects: rows read {c.rows_read}, added {c.projects_added}, "
            f"duplicates {c.projects_duplicate}, refused {refused})"
        )
        for reason, n in c.projects_refused.most_common():
            lines.append(f"  ไม่รับ {n:,} แถว: {reason}"
                         f"{located(c.projects_refused_at.get(reason, ()), n)}")
    lines += [f"  ⚠️ {note}" for note in c.notes]  # a workbook's, or a date in the future
    for old, new in c.superseded:
        lines.append(
            f"เอกสาร {new} เป็นฉบับใหม่ของรายงานโครงการและไตรมาสเดียวกัน แทนเอกสาร {old} "
            f"(document {new} supersedes {old}: same project and quarter)"
        )
        if (share := c.shrunk.get((old, new))) is not None:
            lines.append(
                f"  ⚠️ ฉบับใหม่มีข้อความเพียง {share:.0%} ของฉบับเดิม คำตอบจากฉบับเดิมจะหายไป "
                f"หากไม่ตั้งใจ ลบเอกสาร {new} ด้วย sdgbot remove {new} แล้วฉบับเดิมจะกลับมา "
                f"(the new version holds {share:.0%} of the old one's text: "
                f"`sdgbot remove {new}` brings the old one back)")
    for s in report.skipped:
        lines.append(f"ข้าม {s.path}: {s.reason} (skipped)")
    return lines
