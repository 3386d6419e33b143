"""``/docs`` and ``/remove``: the document library in chat, for every adapter alike.

``/docs`` lists the documents ten at a time, the most recently added first, with kind,
date, pages and passages; ``หน้า 2`` (or ``page 2``, or a bare number) turns the page.
``/remove DOC_ID`` first shows what would go and asks for confirmation with two buttons;
``/remove DOC_ID ยืนยัน`` (the ✅ button, or ``confirm``) deletes the document with
:func:`bot.documents.remove`, the same code as ``sdgbot remove``, so the database and
the index stay in step.  The confirmation is in the command itself, not in a
conversation state: any worker can carry it out, and a redelivered one finds the
document gone and says so.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from sqlalchemy import func, select

from bot.conversation.lang import plural
from bot.documents import OutsideScope, remove
from bot.project_view import page_note, parse_projects_arg
from bot.replies import Button, Reply
from indexer.service import SearchIndex
from knowledge.assignments import Scope, document_in_scope
from knowledge.db import Database
from knowledge.library import document_page
from knowledge.models import MAX_ID, Document, ListedProject, Passage
from knowledge.textcut import shorten
from knowledge.thai import format_english_date, format_thai_date, normalize_text, to_arabic_digits

__all__ = ["DOCS_PER_PAGE", "KIND_LABELS", "docs_reply", "remove_replies"]

#: Documents on one page of ``/docs``.
DOCS_PER_PAGE = 10
#: How each kind of document is called in Thai.
KIND_LABELS = {
    "report": "แบบรายงาน",
    "news": "ข่าว",
    "text": "เอกสาร",
    "workbook": "บัญชีโครงการ",
    "project": "ระเบียนโครงการ",
    "update": "รายงานความคืบหน้า",
}
#: The same in English.
KIND_LABELS_EN = {"report": "report form", "news": "news", "text": "document",
                  "workbook": "project list", "project": "project record",
                  "update": "progress update"}
_CONFIRM = frozenset({"ยืนยัน", "confirm", "yes", "ลบ"})
_CANCEL = frozenset({"ยกเลิก", "cancel", "no"})
_USAGE = ("ใช้: /remove รหัสเอกสาร เช่น /remove 12 (ดูรหัสได้จาก /docs)",
          "Usage: /remove DOC_ID, e.g. /remove 12 (/docs shows the ids).")


def _line(row: dict[str, object], en: bool = False) -> str:
    kind = str(row["kind"])
    facts = [(KIND_LABELS_EN if en else KIND_LABELS).get(kind, kind)]
    if row["date"]:
        day = dt.date.fromisoformat(str(row["date"]))
        facts.append(format_english_date(day) if en else format_thai_date(day, short=True))
    if row["pages"]:
        facts.append(f"{row['pages']} {'pages' if en else 'หน้า'}")
    facts.append(f"{int(str(row['passages'])):,} {'passages' if en else 'ข้อความย่อย'}")
    if row["projects"]:
        facts.append(f"{int(str(row['projects'])):,} {'projects' if en else 'โครงการ'}")
    if row["superseded_by"]:
        facts.append(f"superseded by [{row['superseded_by']}]" if en else
                     f"ถูกแทนที่โดย [{row['superseded_by']}]")
    return f"[{row['id']}] {shorten(str(row['title']), 70)}\n   " + " · ".join(facts)


def docs_reply(db: Database, arg: str, *, can_remove: bool = False,
               english: bool = False) -> Reply:
    """The reply to ``/docs ARG``: one page of the library, buttons to turn it.

    ``can_remove`` adds the hint on ``/remove`` (for the roles that may use it);
    ``english``: the user's language (titles stay as the documents write them).
    """
    en = english
    parsed = parse_projects_arg(arg)
    if parsed.query and parsed.unreadable is None:  # /docs takes no words: all of it is the page
        parsed = replace(parsed, query="", unreadable=parsed.query)
    with db.read() as s:
        page = document_page(s, parsed.page, DOCS_PER_PAGE)
    if not page.total:
        return Reply("There are no documents yet." if en else "ยังไม่มีเอกสารในระบบ")
    note = page_note(parsed, page.page, page.pages, en)
    lines = [note] if note else []
    lines.append(f"{plural(page.total, 'document', 'documents')}, newest first "
                 f"(page {page.page}/{page.pages:,}):"
                 if en else
                 f"เอกสารในระบบ {page.total:,} ฉบับ ล่าสุดก่อน (หน้า {page.page}/{page.pages:,}):")
    lines += [_line(r, en) for r in page.rows]
    buttons = []
    word = "page" if en else "หน้า"
    if page.page > 1:
        buttons.append(Button(f"◀ {word} {page.page - 1}", f"/docs {word} {page.page - 1}"))
    if page.page < page.pages:
        buttons.append(Button(f"{word} {page.page + 1} ▶", f"/docs {word} {page.page + 1}"))
        lines.append(f"{'Next page' if en else 'หน้าถัดไป'}: /docs {word} {page.page + 1}")
    if can_remove:
        lines.append("Delete a document: /remove DOC_ID" if en else
                     "ลบเอกสาร: /remove รหัสเอกสาร")
    return Reply("\n".join(lines), buttons=tuple(buttons))


def _parse_remove(arg: str) -> tuple[int | None, str, str]:
    """``(document id, the id as typed, the rest)``; the id is None when none was typed.

    A number no document can have (0, or past the largest id a column holds) is 0; it
    is not even converted when it is too long (``int()`` refuses 4,300 digits).
    """
    text = to_arabic_digits(normalize_text(arg)).strip()[:300]
    m = re.match(r"^#?\[?(\d+)\]?\s*(.*)$", text, re.S)
    if not m:
        return None, "", text
    digits = m.group(1).lstrip("0") or "0"
    doc_id = int(digits) if len(digits) <= len(str(MAX_ID)) else 0
    shown = digits if len(digits) <= 20 else digits[:20] + "…"
    return (doc_id if 1 <= doc_id <= MAX_ID else 0), shown, m.group(2).strip().casefold()


def _outside(doc_id: int, scope: Scope, english: bool) -> Reply:
    where = scope.describe(english)
    return Reply(f"Sorry, document [{doc_id}] is outside your scope ({where}): you may remove "
                 "only documents whose projects are all in your scope. Nothing was removed."
                 if english else
                 f"ขออภัย เอกสาร [{doc_id}] อยู่นอกขอบเขตของคุณ ({where}) ลบได้เฉพาะเอกสารที่ทุกโครงการ"
                 "อยู่ในขอบเขตของคุณ ไม่ได้ลบเอกสาร")


def remove_replies(db: Database, index: SearchIndex, arg: str,
                   english: bool = False, scope: Scope | None = None) -> list[Reply]:
    """The replies to ``/remove ARG``: ask first, delete once confirmed (module docstring).

    ``english``: the user's language, that of the usage and of the errors.  ``scope``:
    the user's (None: everything); a document it does not wholly reach
    (:func:`knowledge.assignments.document_in_scope`: a form or list of another agency
    or province, a news release of the whole ministry) is neither offered nor removed.
    """
    doc_id, shown, rest = _parse_remove(arg)
    usage = _USAGE[1 if english else 0]
    if doc_id is None:
        if arg.strip().casefold() in _CANCEL:
            return [Reply("Cancelled: no document was removed." if english
                          else "ยกเลิกแล้ว ไม่ได้ลบเอกสาร")]
        return [Reply(usage)]
    if rest in _CANCEL:
        return [Reply(f"Cancelled: document {shown} was not removed." if english
                      else f"ยกเลิกแล้ว ไม่ได้ลบเอกสาร {shown}")]
    if rest and rest not in _CONFIRM:
        return [Reply(usage)]
    if not rest:
        return [_confirmation(db, doc_id, shown, english, scope)]
    try:
        info = remove(db, index, doc_id, scope) if doc_id else None
    except OutsideScope:
        return [_outside(doc_id or 0, scope or Scope(), english)]
    if info is None:
        return [Reply(f"There is no document {shown} (it may have been removed already)."
                      if english else f"ไม่พบเอกสาร {shown} (อาจถูกลบไปแล้ว)")]
    title = shorten(str(info["title"]), 80)
    if english:
        projects = (f" and {plural(info['projects'], 'project', 'projects')}"
                    if info["projects"] else "")
        return [Reply(f"🗑️ Removed document [{info['id']}] «{title}» with "
                      f"{plural(info['passages'], 'passage', 'passages')}{projects}; "
                      "searches no longer find it."
                      + "".join(f"\nDocument [{back}] is again the current version of this "
                                "report." for back in info["restored"]))]
    projects = f" และ {info['projects']:,} โครงการ" if info["projects"] else ""
    return [Reply(f"🗑️ ลบเอกสาร [{info['id']}] «{title}» แล้ว "
                  f"พร้อม {info['passages']:,} ข้อความย่อย{projects} ไม่ปรากฏในการค้นหาอีก"
                  + "".join(f"\nเอกสาร [{back}] กลับมาเป็นฉบับปัจจุบันของรายงานนี้"
                            for back in info["restored"]))]


def _confirmation(db: Database, doc_id: int, shown: str, english: bool = False,
                  scope: Scope | None = None) -> Reply:
    """What ``/remove DOC_ID`` would delete, with ✅/✖ buttons; nothing is deleted yet."""
    with db.read() as s:
        doc = s.get(Document, doc_id) if doc_id else None
        if doc is None:
            return Reply(f"There is no document {shown}; /docs shows the ids." if english
                         else f"ไม่พบเอกสาร {shown} ดูรหัสเอกสารได้จาก /docs")
        if scope is not None and not document_in_scope(s, scope, doc_id):
            return _outside(doc_id, scope, english)
        title, kind = doc.title, doc.kind
        passages = s.scalar(select(func.count(Passage.id))
                            .where(Passage.document_id == doc_id)) or 0
        projects = s.scalar(select(func.count(ListedProject.id))
                            .where(ListedProject.document_id == doc_id)) or 0
    if english:
        what = plural(passages, "passage", "passages") + (
            f" and {plural(projects, 'project', 'projects')}" if projects else "")
        return Reply(
            f"Delete document [{doc_id}] «{shorten(title, 80)}» "
            f"({KIND_LABELS_EN.get(kind, kind)}) with {what}? It cannot be undone: the file "
            "would have to be sent again.",
            buttons=(Button("✅ Delete", f"/remove {doc_id} confirm"),
                     Button("✖ Cancel", f"/remove {doc_id} cancel")))
    what = f"{passages:,} ข้อความย่อย" + (f" และ {projects:,} โครงการ" if projects else "")
    return Reply(
        f"ต้องการลบเอกสาร [{doc_id}] «{shorten(title, 80)}» "
        f"({KIND_LABELS.get(kind, kind)}) พร้อม {what} ใช่หรือไม่? "
        "ลบแล้วกู้คืนไม่ได้ ต้องส่งไฟล์เข้าระบบใหม่",
        buttons=(Button("✅ ยืนยันลบ", f"/remove {doc_id} ยืนยัน"),
                 Button("✖ ยกเลิก", f"/remove {doc_id} ยกเลิก")),
    )
