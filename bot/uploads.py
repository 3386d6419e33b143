"""A file sent in chat: checked before it is downloaded, ingested, and described back.

Transport-neutral.  An adapter asks :func:`refusal_before_download` with what the
platform says of the file (its name and, where told, its size) and the sender's role;
when that is ``None`` it downloads the file through the platform's API
(python-telegram-bot's file download, LINE's message-content endpoint), stopping with
:class:`UploadTooLarge` as soon as more than the limit has arrived, and hands the bytes
to :func:`ingest_upload`.  :func:`handle_upload` does the same in one call for a
synchronous ``fetch``.

Only an ``editor`` or an ``admin`` may add documents.  The type is told by the file's
content, not its name (see :func:`knowledge.readers.sniff.sniff_suffix`); the readers
then refuse a zip bomb, a password-protected or damaged file, and a scan without OCR.
A refused file stores nothing; every answer is a polite Thai sentence with English in
brackets, never a stack trace.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import PurePath

from bot.conversation.lang import fill
from bot.documents import ingest_documents, located
from bot.unknown import or_unknown, quarter_label
from bot.users import has_role
from indexer.service import SearchIndex
from knowledge.db import Database
from knowledge.ingest import IngestResult, read_bytes
from knowledge.parsers import DocumentError, ParsedDocument
from knowledge.readers.pdf import NeedsOCR
from knowledge.textcut import shorten
from knowledge.thai import format_baht, format_english_date, format_thai_date

__all__ = [
    "MAX_UPLOAD_BYTES",
    "UPLOAD_ROLE",
    "Upload",
    "UploadTooLarge",
    "download_failed",
    "handle_upload",
    "ingest_upload",
    "refusal_before_download",
    "too_large",
]

#: The largest file accepted from chat (Telegram's bots may download 20 MB at most).
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
#: The role needed to add documents from chat.
UPLOAD_ROLE = "editor"
#: Titles named in the reply to a file of many documents (JSON lines).
_TITLES_SHOWN = 5


class UploadTooLarge(Exception):
    """Raised by a download that went past its byte limit (the rest is not read)."""


@dataclass(frozen=True)
class Upload:
    """A file offered in chat: its name, its size if the platform tells it, and a download.

    ``fetch(limit)`` returns the file's bytes, raising :class:`UploadTooLarge` once more
    than ``limit`` bytes have arrived.
    """

    filename: str
    size: int | None
    fetch: Callable[[int], bytes]


def _name(filename: str | None) -> str:
    """The file's own name (no folders), shortened for a chat line."""
    return shorten(PurePath(filename or "file").name or "file", 80)


def _mb(n: int) -> str:
    return f"{n / 2**20:,.1f} MB"


def too_large(filename: str | None, size: int | None = None,
              limit: int = MAX_UPLOAD_BYTES, english: bool = False) -> str:
    """The reply to a file over ``limit`` bytes (``size`` when the platform told it).

    ``english``: the sender's language (every reply of this module takes it).
    """
    told = f" ({_mb(size)})" if size is not None else ""
    if english:
        return (f"Sorry, the file «{_name(filename)}»{told} is over the {_mb(limit)} limit; "
                "please split it or make it smaller and send it again.")
    return (f"ขออภัย ไฟล์ «{_name(filename)}»{told} ใหญ่เกินกำหนด {_mb(limit)} "
            "กรุณาแบ่งไฟล์หรือลดขนาดแล้วส่งใหม่")


def download_failed(filename: str | None, english: bool = False) -> str:
    """The reply when the platform's download failed (nothing was stored)."""
    if english:
        return f"Sorry, the file «{_name(filename)}» could not be downloaded; please send it again."
    return f"ขออภัย ดาวน์โหลดไฟล์ «{_name(filename)}» ไม่สำเร็จ กรุณาส่งใหม่อีกครั้ง"


def refusal_before_download(role: str | None, filename: str | None, size: int | None,
                            limit: int = MAX_UPLOAD_BYTES,
                            english: bool = False) -> str | None:
    """Why a file must not even be downloaded (``None``: go ahead and download it).

    ``role`` is the sender's (``None`` when unregistered); ``size`` is the size the
    platform states, in bytes (``None`` when it states none: the download is then
    limited while it reads).  The type is not judged by the name: see
    :func:`ingest_upload`.
    """
    if not has_role(role, UPLOAD_ROLE):
        if english:
            yours = f" (your role: {role})" if role else " (you are not registered)"
            return f"Sorry, only editors and admins may add documents{yours}."
        yours = f" (บทบาทของคุณ: {role})" if role else " (คุณยังไม่ได้ลงทะเบียน)"
        return f"ขออภัย การส่งเอกสารเข้าระบบทำได้เฉพาะบทบาท editor หรือ admin{yours}"
    if size is not None and size > limit:
        return too_large(filename, size, limit, english)
    return None


def _report_lines(doc: ParsedDocument, en: bool = False) -> list[str]:
    r = doc.report
    if r is None:
        return []
    lines = [f"{'Report form' if en else 'แบบรายงาน'}: {r.name} ({r.agency})"]
    if r.quarter or r.fiscal_year:
        lines.append(quarter_label(r.quarter, r.fiscal_year, True) if en else
                     f"ไตรมาส {quarter_label(r.quarter, r.fiscal_year)}")
    if r.budget_baht is not None:
        lines.append(f"Budget {format_baht(r.budget_baht, english=True)}" if en else
                     f"งบประมาณ {format_baht(r.budget_baht)}")
    if r.result_level is not None:
        target = or_unknown(r.target_level, en)
        lines.append(f"Result: level {r.result_level} (target level {target})" if en
                     else f"ผลการดำเนินงาน ระดับ {r.result_level} (เป้าหมาย ระดับ {target})")
    if r.disbursement_actual_baht is not None:
        lines.append(f"Disbursed {format_baht(r.disbursement_actual_baht, english=True)}" if en
                     else f"ผลการเบิกจ่าย {format_baht(r.disbursement_actual_baht)}")
    return lines


#: The words of :func:`_described`, Thai and English, by what they say.
_DESCRIBED: dict[bool, dict[str, str]] = {
    False: {
        "one": "✅ รับเอกสาร «{title}» แล้ว", "pages": "{n} หน้า",
        "passages": "{n:,} ข้อความย่อย",
        "file": "✅ รับเอกสารจากไฟล์ «{name}» แล้ว: เพิ่ม {n:,} ฉบับ",
        "known": ", มีอยู่แล้ว {n:,} ฉบับ", "more": "• … และอีก {n:,} ฉบับ",
        "projects": "โครงการ: เพิ่ม {added:,}, ซ้ำ {dup:,}, ไม่รับ {refused:,}",
        "refused": "  ไม่รับ {n:,} แถว: {reason}",
        "superseded": "เป็นฉบับใหม่แทนเอกสาร {old} (โครงการและไตรมาสเดียวกัน)",
        "shrunk": "⚠️ ฉบับใหม่มีข้อความเพียง {share} ของฉบับเดิม คำตอบจากฉบับเดิมจะหายไป",
        "indexing": "กำลังเพิ่มเข้าดัชนีค้นหา ค้นหาได้ในอีกครู่เดียว", "ready": "ค้นหาได้ทันที",
    },
    True: {
        "one": "✅ Document «{title}» added", "pages": "{n:page|pages}",
        "passages": "{n:passage|passages}",
        "file": "✅ File «{name}» added: {n:document|documents}",
        "known": ", {n:,} already known", "more": "• … and {n:,} more",
        "projects": "Projects: {added:,} added, {dup:,} duplicates, {refused:,} refused",
        "refused": "  {n:row|rows} refused: {reason}",
        "superseded": "A new version of document {old} (same project and quarter)",
        "shrunk": "⚠️ The new version holds only {share} of the old one's text: "
                  "answers from the old one are hidden",
        "indexing": "Being indexed: searchable in a moment.", "ready": "Searchable now.",
    },
}


def _described(name: str, docs: Sequence[ParsedDocument], result: IngestResult,
               indexing: bool, en: bool = False) -> str:
    """What was added: title, date, pages, passages, form fields, project counts.

    In the sender's language (``en``, :data:`_DESCRIBED`); titles and names as the
    documents write them.
    """
    say = _DESCRIBED[en]
    c = result.changes
    if len(docs) == 1:
        doc = docs[0]
        lines = [fill(say["one"], title=shorten(doc.title, 100))]
        facts = []
        if doc.date:
            facts.append(format_english_date(doc.date) if en
                         else f"วันที่ {format_thai_date(doc.date)}")
        if doc.pages:
            facts.append(fill(say["pages"], n=doc.pages))
        facts.append(fill(say["passages"], n=result.passages))
        lines.append(" · ".join(facts))
        lines += _report_lines(doc, en=en)
    else:
        lines = [fill(say["file"], name=name, n=result.added)
                 + (fill(say["known"], n=result.skipped) if result.skipped else ""),
                 fill(say["passages"], n=result.passages)]
        lines += [f"• {shorten(d.title, 80)}" for d in docs[:_TITLES_SHOWN]]
        if len(docs) > _TITLES_SHOWN:
            lines.append(fill(say["more"], n=len(docs) - _TITLES_SHOWN))
    if c.rows_read or c.projects_added or c.projects_duplicate or any(d.projects for d in docs):
        lines.append(fill(say["projects"], added=c.projects_added, dup=c.projects_duplicate,
                                            refused=sum(c.projects_refused.values())))
        for reason, n in c.projects_refused.most_common(3):
            lines.append(fill(say["refused"], n=n, reason=reason)
                         + located(c.projects_refused_at.get(reason, ()), n, english=en))
    lines += [f"  ⚠️ {note}" for note in c.notes[:3]]
    for old, new in c.superseded:
        lines.append(fill(say["superseded"], old=old))
        if (share := c.shrunk.get((old, new))) is not None:
            lines.append(fill(say["shrunk"], share=f"{share:.0%}"))
    lines.append(say["indexing"] if indexing else say["ready"])
    return "\n".join(lines)


def ingest_upload(db: Database, index: SearchIndex, filename: str | None, data: bytes,
                  limit: int = MAX_UPLOAD_BYTES, english: bool = False) -> str:
    """Read ``data`` by its content, store it, sync the index, and say what was added.

    A file over ``limit`` bytes, of a type not read, that does not read (damaged,
    password-protected, a zip bomb, a scan without OCR), or that is already known is
    answered politely and stores nothing.
    """
    name = _name(filename)
    if len(data) > limit:
        return too_large(filename, len(data), limit, english)
    try:
        stored_name, docs = read_bytes(data, PurePath(filename or "file").name[:200])
    except NeedsOCR as exc:
        return (f"Sorry, this scanned file cannot be read yet: {exc.say(True)}" if english
                else f"ขออภัย ยังอ่านไฟล์สแกนนี้ไม่ได้: {exc.say(False)}")
    except DocumentError as exc:
        return (f"Sorry, the file was not taken: {exc.say(True)}" if english
                else f"ขออภัย รับไฟล์ไม่ได้: {exc.say(False)}")
    try:
        result = ingest_documents(db, index, docs)
    except DocumentError as exc:  # a document over the passages' limit: nothing stored
        return (f"Sorry, the file was not taken: {exc.say(True)}" if english
                else f"ขออภัย รับไฟล์ไม่ได้: {exc.say(False)}")
    if not result.added:
        if english:
            what = f"the document «{shorten(docs[0].title, 100)}» is" if len(docs) == 1 else \
                f"all {len(docs):,} documents of the file «{name}» are"
            return f"ℹ️ Not added again: {what} in the library already."
        what = f"เอกสาร «{shorten(docs[0].title, 100)}»" if len(docs) == 1 else \
            f"เอกสารทั้ง {len(docs):,} ฉบับในไฟล์ «{name}»"
        return f"ℹ️ {what} มีอยู่ในระบบแล้ว ไม่ได้เพิ่มซ้ำ"
    # A large file is indexed in the background (see SearchIndex.sync): say so.
    return _described(_name(stored_name), docs, result, indexing=index.catching_up, en=english)


def handle_upload(db: Database, index: SearchIndex, role: str | None, upload: Upload,
                  limit: int = MAX_UPLOAD_BYTES, english: bool = False) -> str:
    """Check, download (``upload.fetch``), ingest and describe a file sent in chat."""
    refusal = refusal_before_download(role, upload.filename, upload.size, limit, english)
    if refusal is not None:
        return refusal
    try:
        data = upload.fetch(limit)
    except UploadTooLarge:
        return too_large(upload.filename, None, limit, english)
    except Exception:  # the platform's download failed: nothing was stored
        return download_failed(upload.filename, english)
    return ingest_upload(db, index, upload.filename, data, limit, english)
