"""Read documents from files and store them, all or nothing.

Reading is separated from storing so that a bad file anywhere in a batch is
found before anything is written: :func:`read_path` validates and parses, and
:func:`store_documents` writes inside the caller's one transaction.  Documents
are identified by a hash of their normalised title and text, and a file's by the
hash of its bytes too (whatever its name or extension), so ingesting the same
content twice adds nothing.  Control characters no stored text may hold (a NUL
written as ``\u0000`` inside a JSON string would make PostgreSQL refuse the whole
batch) are removed as the text is read: see :func:`knowledge.thai.clean_control_chars`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import gzip
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path, PurePath
from typing import BinaryIO, cast

from sqlalchemy import Table, func, insert, select
from sqlalchemy.orm import Session

from knowledge.folder_walk import Skipped, folder_files, named_link_reason
from knowledge.formula_text import has_markup, is_formula
from knowledge.library import Changes, store_extras
from knowledge.models import (
    Alignment,
    Document,
    DocumentOriginal,
    NewsRelease,
    Passage,
    Project,
    QuarterReport,
)
from knowledge.parsers import (
    DocumentError,
    OriginalFile,
    ParsedDocument,
    parse_plain,
    parse_report,
    parse_text,
)
from knowledge.parsers import detect_layout as _detect_layout
from knowledge.passages import PassageText, split_sections
from knowledge.plausible import future_date
from knowledge.readers import BINARY_SUFFIXES, read_file_bytes
from knowledge.readers.encoding import decode_text, has_utf16_bom
from knowledge.readers.fieldtypes import check_strings
from knowledge.readers.records import is_project_record, record_document
from knowledge.readers.sniff import SNIFFED_SUFFIXES, sniff_suffix
from knowledge.textcut import shorten
from knowledge.thai import clean_control_chars, normalize_text, parse_iso_date

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_PASSAGES",
    "UNTITLED",
    "IngestResult",
    "check_file_size",
    "content_hash",
    "document_count",
    "future_date_note",
    "iter_paths",
    "load_sample",
    "read_bytes",
    "read_path",
    "read_paths",
    "safe_citation",
    "sample_documents",
    "store_documents",
]

_KINDS = {"report", "news", "text"}

#: The error for a file with no document in it, whatever its type (``.txt`` with only
#: whitespace, ``.jsonl`` with no line): naming it beats "added 0" with exit status 0.
EMPTY_FILE = "ไฟล์ว่างเปล่า ไม่มีเอกสาร (empty file: no documents)"
UNSUPPORTED = "ไม่รองรับไฟล์ชนิดนี้ (unsupported file type)"

#: The largest file ``sdgbot ingest`` reads (bytes on disk; ``SDGBOT_MAX_FILE_MB``): the
#: government news archive is 33 MB gzipped (223 MB as plain JSON lines: gzip it, or
#: raise the limit), a ThaiME workbook 3 MB; an 83 MB text took 35 s and 700 MB of memory.
MAX_FILE_BYTES = 64 * 1024 * 1024
#: The most passages one document may have (``SDGBOT_MAX_PASSAGES``): a 300-page report
#: form has about 2,000; more is a runaway file (the same line 400,000 times).
MAX_PASSAGES = 20_000

#: ``on_skip(path, reason)``: told of each file in a folder that is not read.
SkipReport = Callable[[Path, str], object]


@dataclass(frozen=True)
class IngestResult:
    """What an ingest did: documents added and skipped (already known), passages added.

    ``changes`` tells what files brought beside documents: project rows added,
    duplicates, rows refused by reason, reports superseded (see
    :class:`knowledge.library.Changes`).
    """

    added: int
    skipped: int
    passages: int
    changes: Changes = field(default_factory=Changes)


def _same_file_stored(session: Session, file_hash: str) -> bool:
    """Whether a document read from a file of these bytes (SHA-256, hex) is stored.

    A document being reparsed (its content hash set aside as ``reparse:ID`` by
    :func:`knowledge.files.replace_document`) does not count: its new version is the
    same file read again.
    """
    return session.scalar(
        select(DocumentOriginal.document_id).join(
            Document, Document.id == DocumentOriginal.document_id).where(
            DocumentOriginal.sha256 == file_hash,
            ~Document.content_hash.startswith("reparse:")).limit(1)) is not None


def content_hash(doc: ParsedDocument) -> str:
    """Identity of a document's content: kind, title and text after normalisation."""
    norm = normalize_text(doc.title).strip() + "\x1f" + normalize_text(doc.text).strip()
    return hashlib.sha256(f"{doc.kind}\x1f{norm}".encode()).hexdigest()


def _decode(data: bytes, where: str) -> str:
    """Text of ``data``: UTF-8, UTF-16 with a BOM or Windows-874 (:func:`decode_text`)."""
    if b"\x00" in data and not has_utf16_bom(data):
        raise DocumentError(f"{where}: ไฟล์ไบนารี ไม่ใช่ข้อความ (binary file, not text)")
    try:
        return decode_text(data)
    except UnicodeError as exc:
        at = f"; byte {exc.start}" if isinstance(exc, UnicodeDecodeError) else ""
        raise DocumentError(
            f"{where}: ไม่ได้เข้ารหัสแบบ UTF-8 หรือ TIS-620 (not UTF-8 or TIS-620 text{at})"
        ) from exc


def _read_named(path: Path) -> Iterator[ParsedDocument]:
    """A ``.txt``, ``.pdf``, ``.docx`` or ``.xlsx`` file, read as the type it holds.

    The name's type is trusted when the content agrees (or cannot be told: the named
    type's reader then says what is wrong); a workbook called ``.pdf`` or a PDF called
    ``.txt`` is read as what it is, as a file sent in chat is (:func:`read_bytes`).
    Raises :class:`DocumentError` naming ``path``.
    """
    data = path.read_bytes()
    named = path.suffix.lower()
    try:
        held = sniff_suffix(data, str(path))
    except DocumentError:
        if named != ".txt" and not data.lstrip().startswith(_SIGNATURES[named]):
            raise  # not even the named type's opening: what the content is, not "damaged PDF"
        held = named
    if held == named or (named == ".txt" and held == ".jsonl"):
        if named == ".txt":
            yield _text_document(data, str(path), path.stem)
        else:
            yield read_file_bytes(data, path.name, where=str(path))
        return
    try:
        _name, docs = read_bytes(data, path.name)
    except DocumentError as exc:
        msg = str(exc)
        for prefix in (f"{_name_for(path.name, held)}: ", f"{path.name}: "):
            if msg.startswith(prefix):
                msg = msg[len(prefix):]
                break
        raise DocumentError(f"{path}: {msg}") from exc
    yield from docs


#: The bytes a file of each binary type opens with.
_SIGNATURES = {".pdf": b"%PDF-", ".docx": b"PK\x03\x04", ".xlsx": b"PK\x03\x04"}


def _name_for(given: str, suffix: str) -> str:
    """The name :func:`read_bytes` knows a file ``given`` by when it holds ``suffix``."""
    stem = PurePath(given).stem
    return given if given.lower().endswith(suffix) else f"{stem}{suffix}"


#: The JSON type each field of a ``{title, text}`` line must have, named for the errors.
#: The fields of a JSON document that hold text (see :func:`check_strings`).
_STRING_FIELDS = ("text", "title", "date", "kind", "source")


def _jsonl_document(obj: object, where: str) -> ParsedDocument:
    if is_project_record(obj):
        return record_document(obj, where)  # type: ignore[arg-type]  # checked: a dict
    if not isinstance(obj, dict):
        raise DocumentError(f"{where}: แต่ละบรรทัดต้องเป็นออบเจ็กต์ JSON (each line must be an object)")
    check_strings(obj, _STRING_FIELDS, where)
    text = obj.get("text")
    if isinstance(text, str):
        text = clean_control_chars(text)
    if not isinstance(text, str) or not text.strip():
        raise DocumentError(f"{where}: ไม่มีช่อง text (missing or empty \"text\")")
    title = obj.get("title")
    if title is not None:
        title = clean_control_chars(title)
    date: dt.date | None = None
    raw_date = obj.get("date")
    if raw_date not in (None, ""):
        try:
            date = parse_iso_date(str(raw_date))
        except ValueError as exc:
            raise DocumentError(
                f"{where}: วันที่ไม่ถูกต้อง {raw_date!r} (date must be an existing YYYY-MM-DD, CE or BE)"
            ) from exc
    kind = obj.get("kind") or "text"
    if kind not in _KINDS:
        raise DocumentError(f"{where}: kind ต้องเป็น report หรือ news (unknown kind {kind!r})")
    source = obj.get("source")
    source = clean_control_chars(str(source)) if source is not None else None
    try:
        if kind == "report" and _detect_layout(text) == "report":
            doc = parse_report(text, name_hint=title or "")
            return ParsedDocument(
                kind=doc.kind,
                title=title or doc.title,
                date=date or doc.date,
                text=doc.text,
                sections=doc.sections,
                source=source,
                report=doc.report,
            )
        return parse_plain(text, title=title, date=date, kind=kind, source=source)
    except (DocumentError, ValueError) as exc:
        raise DocumentError(f"{where}: {exc}") from exc


def _open_binary(path: Path) -> BinaryIO:
    """The file's bytes, gunzipped when its name ends in ``.gz``."""
    if path.name.endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]  # GzipFile is a binary IO
    return path.open("rb")


def _jsonl_documents(lines: Iterable[bytes], where: str) -> Iterator[ParsedDocument]:
    """The documents of JSON lines (raw byte lines), ``where:N`` naming line N in errors."""
    found = 0
    # Split on "\n" only: titles may hold U+2028, which str.splitlines() would split.
    for lineno, raw in enumerate(lines, start=1):
        at = f"{where}:{lineno}"
        line = _decode(raw, at).strip()
        if not line:
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DocumentError(f"{at}: JSON ไม่ถูกต้อง (invalid JSON: {exc.msg})") from exc
        except RecursionError as exc:
            raise DocumentError(f"{at}: JSON ซ้อนลึกเกินไป (JSON nested too deeply)") from exc
        yield _jsonl_document(obj, at)
        found += 1
    if not found:  # the rule of every file type: an empty file is an error
        raise DocumentError(f"{where}: {EMPTY_FILE}")


def _read_jsonl(path: Path) -> Iterator[ParsedDocument]:
    try:
        with _open_binary(path) as fh:
            yield from _jsonl_documents(fh, str(path))
    except (OSError, EOFError) as exc:
        if isinstance(exc, FileNotFoundError):
            raise DocumentError(f"{path}: ไม่พบไฟล์ (file not found)") from exc
        raise DocumentError(f"{path}: อ่านไฟล์ไม่ได้ (cannot read the file: {exc})") from exc


def _text_document(data: bytes, where: str, stem: str,
                   filename: str | None = None) -> ParsedDocument:
    """A text file's document, its bytes kept as its original so that it can be reparsed.

    ``filename`` is the name they are kept under (default: ``where``'s last part).
    """
    text = clean_control_chars(_decode(data, where))
    if not text.strip():
        raise DocumentError(f"{where}: {EMPTY_FILE}")
    try:
        doc = parse_text(text, name_hint=stem)
    except (DocumentError, ValueError) as exc:
        raise DocumentError(f"{where}: {exc}") from exc
    name = filename or PurePath(where).name
    return replace(doc, original=OriginalFile(filename=name, data=data))


def read_bytes(data: bytes, filename: str) -> tuple[str, list[ParsedDocument]]:
    """Parse a file received as bytes (sent in chat), its type told by its content.

    Returns the name the file is known by (``filename`` with the suffix of the type it
    holds: a PDF called "รายงาน" becomes "รายงาน.pdf") and its documents: one for a PDF,
    Word, Excel or text file, one a line for JSON lines.  Raises :class:`DocumentError`
    (Thai first, naming the file) for an unsupported type or a file that does not read;
    see :func:`knowledge.readers.sniff.sniff_suffix`.
    """
    given = PurePath(filename or "file").name or "file"
    suffix = sniff_suffix(data, given)
    stem = PurePath(given).stem if PurePath(given).suffix.lower() in (
        *SNIFFED_SUFFIXES, ".json") else given
    name = given if given.lower().endswith(suffix) else f"{stem}{suffix}"
    if suffix == ".txt":
        return name, [_text_document(data, name, stem, name)]
    if suffix == ".jsonl":
        return name, list(_jsonl_documents(data.split(b"\n"), name))
    return name, [read_file_bytes(data, name)]


def check_file_size(path: Path, max_bytes: int = MAX_FILE_BYTES) -> None:
    """Raise :class:`DocumentError` (the limit named) when ``path`` is over ``max_bytes``."""
    size = path.stat().st_size
    if size > max_bytes:
        mb, limit = size / 2**20, max_bytes / 2**20
        raise DocumentError(
            f"{path}: ไฟล์ใหญ่เกินกำหนด ({mb:,.1f} MB เกินขนาดสูงสุด {limit:,.0f} MB "
            f"ที่ตั้งไว้ใน SDGBOT_MAX_FILE_MB) ไม่ได้บันทึกสิ่งใด กรุณาแบ่งไฟล์ "
            f"(file too large: {mb:,.1f} MB, over the {limit:,.0f} MB limit set by "
            "SDGBOT_MAX_FILE_MB; nothing was stored, please split the file)")


def read_path(path: Path, on_skip: SkipReport | None = None, *,
              max_bytes: int = MAX_FILE_BYTES) -> Iterator[ParsedDocument]:
    """Parse every document in one file (or a folder of files); raise on the first bad one.

    In a folder, files of a type that is not read are skipped, each reported to
    ``on_skip(path, reason)``, and so are links out of the folder and hidden files
    (:func:`knowledge.folder_walk.folder_files`, never followed nor read); a file named
    on its own must be readable.  An empty
    file of any type, or one over ``max_bytes`` (:func:`check_file_size`), is a
    :class:`DocumentError`.
    """
    if path.is_dir():
        passed: list[Skipped] = []
        for child in folder_files(path, passed):  # no link followed out of the folder
            if _supported(child):
                yield from read_path(child, max_bytes=max_bytes)
            elif on_skip is not None:
                on_skip(child, UNSUPPORTED)
        if on_skip is not None:
            for s in passed:
                on_skip(s.path, s.reason)
        return
    if not path.exists():
        raise DocumentError(f"{path}: ไม่พบไฟล์ (file not found)")
    check_file_size(path, max_bytes)
    name = path.name.lower()
    if name.endswith((".jsonl", ".jsonl.gz", ".json.gz")):
        yield from _read_jsonl(path)
    elif name.endswith((".txt", *BINARY_SUFFIXES)):
        yield from _read_named(path)
    else:
        raise DocumentError(
            f"{path}: รองรับเฉพาะ .txt, .jsonl, .jsonl.gz, .pdf, .docx และ .xlsx "
            "(unsupported file type)"
        )


def _supported(path: Path) -> bool:
    return path.name.lower().endswith((".txt", ".jsonl", ".jsonl.gz", *BINARY_SUFFIXES))


def iter_paths(paths: Iterable[Path],
               on_skip: SkipReport | None = None) -> Iterator[ParsedDocument]:
    """Parse the files one document at a time; raise at the first bad one.

    Store them in one transaction (:func:`store_documents`) so that a bad file,
    wherever it comes, leaves nothing written.  Files skipped inside folders are
    reported to ``on_skip`` (see :func:`read_path`).
    """
    for p in paths:
        why = named_link_reason(p)  # a link out of its own folder, named on its own
        if why is not None:
            raise DocumentError(f"{p}: {why}")
        yield from read_path(p, on_skip)


def read_paths(paths: Iterable[Path]) -> list[ParsedDocument]:
    """Parse all files first, so that one bad file means nothing is parsed further."""
    return list(iter_paths(paths))


def document_count(session: Session) -> int:
    """Number of documents (updates included)."""
    return session.scalar(select(func.count(Document.id))) or 0


#: An OCR-read project name this alike to a stored one's (tone marks aside) is that project.
OCR_NAME_LIKENESS = 0.9
_MARKS = re.compile(r"[\s\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")


def _ocr_match(session: Session, agency: str, name: str) -> Project | None:
    """The agency's project whose name an OCR reading ``name`` most likely is, or None.

    OCR drops or confuses the marks over letters ("ตันทาง" for "ต้นทาง"): names are
    compared without marks and spaces, and must be :data:`OCR_NAME_LIKENESS` alike.
    """
    key = _MARKS.sub("", name)
    best: tuple[float, Project] | None = None
    for p in session.scalars(select(Project).where(Project.agency == agency)):
        ratio = difflib.SequenceMatcher(None, key, _MARKS.sub("", p.name)).ratio()
        if ratio >= OCR_NAME_LIKENESS and (best is None or ratio > best[0]):
            best = (ratio, p)
    return best[1] if best else None


def _project_for(session: Session, agency: str, name: str, *, ocr: bool = False,
                 notes: list[str] | None = None) -> Project:
    """The project ``agency`` and ``name`` name, made when new.

    ``ocr``: the name was read by OCR; a stored project of nearly the same name is
    taken (and said in ``notes``), and a new one is said to be new.
    """
    project = session.scalar(select(Project).where(Project.agency == agency, Project.name == name))
    if project is None and ocr:
        project = _ocr_match(session, agency, name)
        if project is not None and notes is not None:
            notes.append(f"ชื่อโครงการที่อ่านด้วย OCR «{shorten(name, 80)}» ใกล้เคียง "
                         f"«{shorten(project.name, 80)}» จึงบันทึกเป็นโครงการเดียวกัน "
                         "(the OCR-read name matches a stored project's)")
        elif notes is not None:
            notes.append(f"ชื่อโครงการที่อ่านด้วย OCR «{shorten(name, 80)}» ไม่ตรงกับโครงการใดของ "
                         f"{agency} ที่มีอยู่ จึงบันทึกเป็นโครงการใหม่ โปรดตรวจชื่อ (the OCR-read "
                         "name matches no stored project of this agency: stored as a new "
                         "project, please check the name)")
    if project is None:
        project = Project(agency=agency, name=name)
        session.add(project)
        session.flush()
    return project


def store_documents(
    session: Session,
    docs: Iterable[ParsedDocument],
    progress: Callable[[int], object] | None = None,
    batch_size: int = 100,
    *,
    supersede: bool = True,
    max_passages: int = MAX_PASSAGES,
) -> IngestResult:
    """Store new documents with their passages, form fields and release metadata.

    Every document is stored whole, a report form superseded by a later one in the
    same batch too (kept, hidden: :func:`knowledge.library.store_extras`; with
    ``supersede`` False no report supersedes another, for a caller that places the
    version itself).  Never commits: the caller's transaction makes the whole batch one change.
    Passages go in with bulk inserts, a batch of documents at a time, because a
    news archive holds hundreds of thousands of them.  A document of more than
    ``max_passages`` distinct passages raises :class:`DocumentError` naming it and the
    limit (the caller's transaction then writes nothing).
    """
    added = skipped = n_passages = 0
    changes = Changes()
    seen: set[str] = set()
    batch: list[tuple[Document, list[PassageText]]] = []  # a document and its passages

    def flush_batch() -> int:
        if not batch:
            return 0
        session.flush()
        rows = []
        for document, split in batch:
            for i, p in enumerate(split):
                rows.append(
                    {"document_id": document.id, "ordinal": i, "section": p.section,
                     "text": p.text, "page": p.page}
                )
        if rows:
            # A Core executemany: the ORM's bulk INSERT held several times the rows'
            # size while it prepared them (about 100 MB for 500 news articles).
            session.execute(insert(cast(Table, Passage.__table__)), rows)
        batch.clear()
        # Flushed rows stay in the transaction; the session need not keep their objects
        # (an archive of news would otherwise hold every document in memory at once).
        session.expunge_all()
        return len(rows)

    for parsed in docs:
        h = content_hash(parsed)
        # The file's bytes decide too: a workbook or plain text's title is its file name,
        # so the same bytes under another name (or extension) would read as new content.
        file_hash = (hashlib.sha256(parsed.original.data).hexdigest()
                     if parsed.original is not None else None)
        if (h in seen or (file_hash is not None and file_hash in seen)
                or session.scalar(select(Document.id).where(Document.content_hash == h))
                or (file_hash is not None and _same_file_stored(session, file_hash))):
            skipped += 1
            if progress:
                progress(1)
            continue
        seen.add(h)
        if file_hash is not None:
            seen.add(file_hash)
        split = split_sections(parsed.sections)
        if len(split) > max_passages:
            raise DocumentError(
                f"«{shorten(parsed.title, 60)}»: เอกสารยาวเกินกำหนด ({len(split):,} ข้อความย่อย "
                f"เกิน {max_passages:,} ที่ตั้งไว้ใน SDGBOT_MAX_PASSAGES) ไม่ได้บันทึกสิ่งใด "
                f"(document too long: {len(split):,} passages, over the limit of "
                f"{max_passages:,} set by SDGBOT_MAX_PASSAGES; nothing was stored)")
        parsed = safe_citation(parsed)
        changes.notes.extend(parsed.notes)
        if future_date(parsed.date):
            changes.notes.append(future_date_note(parsed.title, parsed.date))
        document = Document(
            kind=parsed.kind,
            title=parsed.title,
            date=parsed.date,
            source=parsed.source,
            content_hash=h,
            text=parsed.text,
        )
        session.add(document)
        if parsed.news is not None:
            document.news = NewsRelease(
                release_no=parsed.news.release_no, office=parsed.news.office
            )
        report: QuarterReport | None = None
        if parsed.report is not None:
            r = parsed.report
            project = _project_for(session, r.agency, r.name,
                                   ocr="ocr_pages" in parsed.extra, notes=changes.notes)
            report = QuarterReport(
                project=project,
                document=document,
                indicator=r.indicator,
                budget_baht=r.budget_baht,
                fiscal_year=r.fiscal_year,
                quarter=r.quarter,
                period_start=r.period_start,
                period_end=r.period_end,
                results_text=r.results_text,
                target_value=r.target_value,
                target_level=r.target_level,
                result_value=r.result_value,
                result_level=r.result_level,
                disbursement_target_baht=r.disbursement_target_baht,
                disbursement_actual_baht=r.disbursement_actual_baht,
                problems=r.problems,
            )
            report.alignments = [
                Alignment(field=a.field, kind=a.kind, value=a.value, sdg_goal=a.sdg_goal)
                for a in r.alignments
            ]
            session.add(report)
        if report is not None or parsed.original is not None or parsed.projects:
            session.flush()  # the document's id, for its original and project rows
            store_extras(session, document, parsed, changes, report, supersede=supersede)
        batch.append((document, split))
        added += 1
        if progress:
            progress(1)
        if len(batch) >= batch_size:
            n_passages += flush_batch()
    n_passages += flush_batch()
    return IngestResult(added=added, skipped=skipped, passages=n_passages, changes=changes)


#: A source with a scheme ("https:", "javascript:", "file:"): only the web's are links.
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
#: A web address a citation may show.
_WEB_URL = re.compile(r"https?://[^\s/?#<>\"']+[^\s<>\"']*", re.IGNORECASE)
#: The title of a document whose own title and text's lines are all unusable.
UNTITLED = "เอกสารไม่มีชื่อ"


def _unusable(text: str | None) -> bool:
    return bool(text) and (is_formula(text or "") or has_markup(text or ""))


def safe_citation(doc: ParsedDocument) -> ParsedDocument:
    """``doc`` with a title and source every citation may show, each change told in its notes.

    Every document's title and source are quoted in citations ("ที่มา: ข่าว «…»"), in
    ``/docs`` and in the summary workbook, so they pass the checks an officer's update
    passes (:mod:`knowledge.formula_text`): a title that is a formula or holds markup
    (``=HYPERLINK(…)``, ``<script>``; from a JSON line, a file's name or first line)
    is replaced by the text's first usable line (else :data:`UNTITLED`); a source is
    kept only as an ``http(s)`` address or a plain file name (``javascript:…``,
    ``../../../etc/passwd`` or a formula are dropped).
    """
    notes = list(doc.notes)
    title, source = doc.title, doc.source
    if _unusable(title):
        title = next((shorten(line.strip(), 200) for line in doc.text.splitlines()
                      if line.strip() and not _unusable(line)), UNTITLED)
        notes.append(f"ชื่อเอกสาร «{shorten(doc.title, 60)}» เป็นสูตรของสเปรดชีตหรือมีแท็ก "
                     f"จึงใช้ «{shorten(title, 60)}» แทน (the title is a spreadsheet formula or "
                     "markup: replaced)")
    if source is not None and source.strip():
        s = source.strip()
        web = _SCHEME.match(s) is not None
        ok = (_WEB_URL.fullmatch(s) is not None if web else
              not _unusable(s) and not any(c in s for c in "/\\") and s not in (".", ".."))
        if not ok:
            notes.append(f"«{shorten(title, 60)}»: ไม่รับที่มา {shorten(s, 60)!r} ที่มาต้องเป็นที่อยู่ "
                         "http(s) หรือชื่อไฟล์ จึงไม่แสดงที่มา (source dropped: it must be an "
                         "http(s) address or a file name)")
            source = None
    if title == doc.title and source == doc.source:
        return doc
    return replace(doc, title=title, source=source, notes=tuple(notes))


def future_date_note(title: str, date: dt.date | None) -> str:
    """What an ingest tells of a document dated in the future (Thai, then English).

    The document is stored with its date, but no search or answer reads that date
    (:func:`knowledge.plausible.trusted_date`): it is never the "ล่าสุด" one.
    """
    day = date.isoformat() if date is not None else "-"
    return (f"«{shorten(title, 60)}» ลงวันที่ {day} ซึ่งยังมาไม่ถึง: เก็บเอกสารไว้แต่ไม่ถือวันที่นี้"
            f"เป็นวันที่ของเอกสาร (dated {day}, in the future: the document is kept, its date "
            "is not trusted and it never counts as the latest)")


def sample_documents() -> list[ParsedDocument]:
    """The bundled sample knowledge: the seed report form and press release."""
    folder = resources.files("knowledge") / "sample"
    docs = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".txt"):
            data = entry.read_bytes()
            doc = parse_text(data.decode("utf-8"), name_hint=entry.name)
            # Kept like any file's original, so that ``reparse`` can read it again.
            docs.append(replace(doc, original=OriginalFile(filename=entry.name, data=data)))
    return docs


def load_sample(session: Session) -> IngestResult:
    """Store the bundled sample knowledge (used when the knowledge base is empty)."""
    return store_documents(session, sample_documents())
