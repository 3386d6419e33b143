"""``/docs`` and ``/remove`` in chat: paged newest first, roles, confirmation, index in step."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.core import COMMANDS, Core, Message, Reply
from bot.documents import ingest_documents
from bot.users import add_user
from knowledge.ingest import read_bytes
from knowledge.models import Document, Passage

FILES = Path(__file__).parent / "data" / "files"
NEEDS_ROLE = "ขออภัย คำสั่งนี้ต้องมีบทบาท"


class Chat:
    def __init__(self, app: Any) -> None:
        self.app = app
        self.core = Core(app.db, app.index)
        self.n = 0
        for role in ("staff", "officer", "manager", "editor", "admin"):
            with app.db.write() as s:
                add_user(s, f"telegram:{role}", role, actor="test")

    def send(self, role: str, text: str) -> list[Reply]:
        self.n += 1
        replies = self.core.handle(Message("telegram", role, text, message_id=f"m{self.n}"))
        assert not any("เกิดข้อผิดพลาด" in r.text for r in replies), replies
        return replies

    def say(self, role: str, text: str) -> str:
        return "\n".join(r.text for r in self.send(role, text))

    def docs(self) -> int:
        with self.app.db.read() as s:
            return int(s.scalar(select(func.count(Document.id))) or 0)


@pytest.fixture
def chat(make_app: Callable[..., Any]) -> Chat:
    return Chat(make_app())


def _add_news(chat: Chat, n: int, word: str = "กิจกรรม") -> list[int]:
    lines = "\n".join(json.dumps(
        {"title": f"ข่าว{word}ที่ {i}", "text": f"จังหวัดจัด{word}ครั้งที่ {i} ผู้เข้าร่วม {i * 10} คน",
         "date": f"2024-02-{i % 28 + 1:02d}", "kind": "news"}, ensure_ascii=False)
        for i in range(1, n + 1))
    _name, docs = read_bytes(lines.encode(), "news.jsonl")
    result = ingest_documents(chat.app.db, chat.app.index, docs)
    assert result.added == n
    with chat.app.db.read() as s:
        return list(s.scalars(select(Document.id).where(Document.title.like(f"ข่าว{word}%"))
                              .order_by(Document.id)))


def test_docs_lists_newest_first_and_pages(chat: Chat) -> None:
    ids = _add_news(chat, 23)
    total = chat.docs()
    (first,) = chat.send("staff", "/docs")
    assert first.text.startswith(f"เอกสารในระบบ {total:,} ฉบับ ล่าสุดก่อน (หน้า 1/")
    shown = [int(line[1:line.index("]")]) for line in first.text.splitlines()
             if line.startswith("[")]
    assert shown == sorted(ids, reverse=True)[:10]  # the most recently added first
    assert "ข่าว · " in first.text and "1 ข้อความย่อย" in first.text
    assert [b.data for b in first.buttons] == ["/docs หน้า 2"]
    assert "/remove" not in first.text  # staff may not remove
    (second,) = chat.send("staff", "/docs หน้า 2")
    assert "(หน้า 2/" in second.text
    assert [b.data for b in second.buttons] == ["/docs หน้า 1", "/docs หน้า 3"]
    assert f"[{sorted(ids, reverse=True)[10]}]" in second.text
    last = chat.say("staff", "/docs ๙๙")  # Thai digits; past the end shows the last page
    assert "(หน้า 3/3)" in last and "หน้าถัดไป" not in last
    assert "/remove รหัสเอกสาร" in chat.say("manager", "/docs")


def test_docs_shows_pages_projects_and_kinds(chat: Chat) -> None:
    data = (FILES / "projects.xlsx").read_bytes()
    _name, docs = read_bytes(data, "projects.xlsx")
    ingest_documents(chat.app.db, chat.app.index, docs)
    text = chat.say("staff", "/docs")
    assert "บัญชีโครงการ" in text and "3 โครงการ" in text
    assert "แบบรายงาน" in text  # the bundled report


def test_remove_asks_then_deletes_from_database_and_index(chat: Chat) -> None:
    (doc_id,) = _add_news(chat, 1, word="ปลูกป่าชายเลน")
    before = chat.docs()
    assert chat.app.index.search("ปลูกป่าชายเลน", k=3)[0].doc_id == doc_id
    (ask,) = chat.send("manager", f"/remove {doc_id}")
    assert "ต้องการลบเอกสาร" in ask.text and "ข่าวปลูกป่าชายเลนที่ 1" in ask.text
    assert [b.data for b in ask.buttons] == [f"/remove {doc_id} ยืนยัน", f"/remove {doc_id} ยกเลิก"]
    assert chat.docs() == before  # nothing deleted by asking
    assert "ยกเลิกแล้ว" in chat.say("manager", ask.buttons[1].data)
    assert chat.docs() == before
    done = chat.say("manager", ask.buttons[0].data)  # the ✅ button
    assert done.startswith("🗑️ ลบเอกสาร") and "1 ข้อความย่อย" in done
    assert chat.docs() == before - 1
    with chat.app.db.read() as s:
        assert not s.scalar(select(func.count(Passage.id)).where(Passage.document_id == doc_id))
    assert all(h.doc_id != doc_id for h in chat.app.index.search("ปลูกป่าชายเลน", k=10))
    assert "ไม่พบเอกสาร" in chat.say("manager", ask.buttons[0].data)  # a second press
    assert "ไม่พบเอกสาร" in chat.say("admin", f"/remove {doc_id}")


@pytest.mark.parametrize("arg", ["", "abc", "12 เดี๋ยวก่อน", "-3"])
def test_remove_usage(chat: Chat, arg: str) -> None:
    before = chat.docs()
    assert "ใช้: /remove รหัสเอกสาร" in chat.say("admin", f"/remove {arg}")
    assert chat.docs() == before


@pytest.mark.parametrize("arg", ["0", "99999999", "9" * 40])
def test_remove_of_no_such_document(chat: Chat, arg: str) -> None:
    assert "ไม่พบเอกสาร" in chat.say("admin", f"/remove {arg}")
    assert "ไม่พบเอกสาร" in chat.say("admin", f"/remove {arg} ยืนยัน")


@pytest.mark.parametrize("role", ["staff", "officer"])
def test_remove_needs_a_manager(chat: Chat, role: str) -> None:
    before = chat.docs()
    reply = chat.say(role, "/remove 1 ยืนยัน")
    assert NEEDS_ROLE in reply and "manager" in reply
    assert chat.docs() == before


def test_help_lists_the_commands_of_each_role(chat: Chat) -> None:
    staff = chat.say("staff", "/help")
    assert "/docs" in staff and "/remove" not in staff and "ส่งไฟล์" not in staff
    manager = chat.say("manager", "/help")
    assert "/docs" in manager and "/remove" in manager and "ส่งไฟล์" not in manager
    editor = chat.say("editor", "/help")
    assert "/remove" in editor and "ส่งไฟล์ PDF" in editor and "/grant" not in editor
    admin = chat.say("admin", "/help")
    assert "/grant" in admin and "ส่งไฟล์ PDF" in admin
    assert "Send a PDF" in chat.say("editor", "/help commands")
    assert COMMANDS["docs"].role == "staff" and COMMANDS["remove"].role == "manager"


def test_help_lists_the_library_and_the_field_commands_together(chat: Chat) -> None:
    """Both sets of commands, per role: the library (/docs, /remove, files) and the field
    work (guided /update, /cancel, /assign, /remind, /missing; /approve and /reject only
    where approval applies)."""
    def listed(role: str) -> set[str]:
        return {line.split(" ")[0] for line in chat.say(role, "/help").splitlines()
                if line.startswith("/")}

    staff, officer, manager = listed("staff"), listed("officer"), listed("manager")
    assert {"/docs", "/cancel"} <= staff
    assert not staff & {"/update", "/remove", "/missing", "/approve", "/assign"}
    assert {"/docs", "/update", "/undo", "/assign", "/remind", "/cancel"} <= officer
    assert not officer & {"/remove", "/missing", "/approve", "/reject", "/summary"}
    assert {"/docs", "/remove", "/missing", "/summary", "/update"} <= manager
    # No approval configured (SDGBOT_APPROVAL unset): nothing waits for a manager, so
    # /approve and /reject are not offered (tests/test_approval_words.py has both ways).
    assert not manager & {"/approve", "/reject", "/edit"}
    assert "/grant" not in manager and "/btn" not in listed("admin")  # buttons' command: no line
    assert listed("editor") == manager
    assert listed("admin") == manager | {"/grant", "/revoke", "/jobs"}


def test_console_removes_with_the_numbered_button(make_app: Callable[..., Any]) -> None:
    from bot.adapters.console import run_console

    app = make_app()
    with app.db.read() as s:
        report_id = s.scalar(select(Document.id).where(Document.kind == "report"))
    stdin = io.StringIO(f"/docs\n/remove {report_id}\n1\n/docs\n")
    out = io.StringIO()
    assert run_console(app, user_id="local", stdin=stdin, stdout=out) == 0
    text = out.getvalue()
    assert "1) ✅ ยืนยันลบ" in text and "2) ✖ ยกเลิก" in text
    assert f"🗑️ ลบเอกสาร [{report_id}]" in text
    with app.db.read() as s:
        assert s.get(Document, report_id) is None
    assert "Traceback" not in text
