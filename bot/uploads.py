"""A file sent in chat, checked before it is downloaded, ingested, and described back.

Transport-neutral: an adapter gives an :class:`Upload` (the file's name, its size as the
platform states it, and a ``fetch`` that downloads it: python-telegram-bot's file
download, LINE's message-content endpoint) and sends back the text this returns.  Only an
``editor`` or an ``admin`` may add documents.  The name's type and the stated size are
checked before ``fetch`` is called; after it, the size again, then the readers' checks (a
zip bomb, a password-protected or damaged file).  A refused file stores nothing.

The adapters do not call this yet (see the closing note of issue 14).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath

from bot.documents import ingest_documents
from bot.users import has_role
from indexer.service import SearchIndex
from knowledge.db import Database
from knowledge.parsers import DocumentError, ParsedDocument, parse_text
from knowledge.readers import BINARY_SUFFIXES, read_file_bytes
from knowledge.thai import format_baht, format_thai_date

__all__ = ["MAX_UPLOAD_BYTES", "UPLOAD_ROLE", "Upload", "handle_upload"]

#: The largest file accepted from chat (Telegram's bots may download 20 MB at most).
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
#: The role needed to add documents from chat.
UPLOAD_ROLE = "editor"
_SUFFIXES = (*BINARY_SUFFIXES, ".txt")


@dataclass(frozen=True)
class Upload:
    """A file offered in chat: its name, its size if the platform tells it, and how to fetch it."""

    filename: str
    size: int | None
    fetch: Callable[[], bytes]


def _parse(data: bytes, name: str) -> ParsedDocument:
    if name.lower().endswith(".txt"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise DocumentError(f"{name}: ไม่ได้เข้ารหัสแบบ UTF-8 (not UTF-8 text)") from exc
        if not text.strip():
            raise DocumentError(f"{name}: ไฟล์ว่างเปล่า (empty file)")
        return parse_text(text, name_hint=PurePath(name).stem)
    return read_file_bytes(data, name)


def _described(doc: ParsedDocument, passages: int, added: int, duplicates: int,
               refused: int, superseded: list[tuple[int, int]]) -> str:
    lines = [f"✅ รับเอกสาร «{doc.title[:100]}» แล้ว"]
    facts = []
    if doc.date:
        facts.append(f"วันที่ {format_thai_date(doc.date)}")
    if doc.pages:
        facts.append(f"{doc.pages} หน้า")
    facts.append(f"{passages} ข้อความย่อย")
    lines.append(" · ".join(facts))
    r = doc.report
    if r is not None:
        lines.append(f"แบบรายงาน: {r.name} ({r.agency})")
        if r.quarter and r.fiscal_year:
            lines.append(f"ไตรมาส {r.quarter}/{r.fiscal_year}")
        if r.budget_baht is not None:
            lines.append(f"งบประมาณ {format_baht(r.budget_baht)}")
        if r.result_level is not None:
            lines.append(f"ผลการดำเนินงาน ระดับ {r.result_level} (เป้าหมาย ระดับ {r.target_level})")
        if r.disbursement_actual_baht is not None:
            lines.append(f"ผลการเบิกจ่าย {format_baht(r.disbursement_actual_baht)}")
    if doc.kind == "workbook" or doc.projects:
        lines.append(f"โครงการ: เพิ่ม {added:,}, ซ้ำ {duplicates:,}, ไม่รับ {refused:,}")
    for old, _new in superseded:
        lines.append(f"เป็นฉบับใหม่แทนเอกสาร {old} (โครงการและไตรมาสเดียวกัน)")
    lines.append("ค้นหาได้ทันที")
    return "\n".join(lines)


def handle_upload(db: Database, index: SearchIndex, role: str | None, upload: Upload) -> str:
    """Ingest a file sent in chat and say what was understood; refuse politely otherwise."""
    name = PurePath(upload.filename or "file").name[:200]
    if not has_role(role, UPLOAD_ROLE):
        return ("ส่งเอกสารเข้าระบบได้เฉพาะบทบาท editor หรือ admin "
                "(only editors and admins may add documents)")
    if not name.lower().endswith(_SUFFIXES):
        return (f"ไม่รองรับไฟล์ «{name}»: รับเฉพาะ .pdf, .docx, .xlsx และ .txt "
                "(unsupported file type)")
    if upload.size is None or upload.size > MAX_UPLOAD_BYTES:
        return (f"ไฟล์ «{name}» ใหญ่เกิน {MAX_UPLOAD_BYTES // 2**20} MB หรือไม่ทราบขนาด "
                "(file too large or of unknown size)")
    try:
        data = upload.fetch()
    except Exception:  # the platform's download failed: nothing was stored
        return f"ดาวน์โหลดไฟล์ «{name}» ไม่สำเร็จ ลองส่งใหม่อีกครั้ง (download failed)"
    if len(data) > MAX_UPLOAD_BYTES:
        return f"ไฟล์ «{name}» ใหญ่เกินกำหนด (file too large)"
    try:
        doc = _parse(data, name)
    except DocumentError as exc:
        return f"รับไฟล์ไม่ได้: {exc}"
    result = ingest_documents(db, index, [doc])
    if not result.added:
        return f"เอกสาร «{doc.title[:100]}» มีอยู่ในระบบแล้ว (already known)"
    c = result.changes
    return _described(doc, result.passages, c.projects_added, c.projects_duplicate,
                      sum(c.projects_refused.values()), c.superseded)
