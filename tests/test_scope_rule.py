"""One deny-by-default scope rule for every chat command that reads or changes scoped data.

Tester 20 (D2): a manager scoped to สถ. removed ตท.สป.'s report form with ``/remove``,
while ``/approve`` and ``/evidence`` refused him.  Each scoped command is tried here by
a manager of another scope; :func:`knowledge.assignments.in_scope` is the one rule.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from field_harness import text_of
from sqlalchemy import func, select
from test_field_scopes import LAMPANG_MANAGER, MANAGER, OFFICER, OTHER, TEXT, field_chat

from bot.documents import ingest_paths
from knowledge.assignments import Scope, in_scope
from knowledge.models import Conversation, Document, Project, QuarterReport

BOSS = "telegram:6300"  # a manager of the whole ministry


def test_the_rule_denies_by_default() -> None:
    assert in_scope(Scope(), "")  # no limit: everything
    assert not in_scope(Scope(agency="สถ."), "")  # nothing named: outside every limit
    assert not in_scope(Scope(agency="สถ."), "ตท.สป.")
    assert in_scope(Scope(province="ลำปาง"), "อบต.ดงมะไฟ", "ลำปาง")  # a list row's province
    assert not in_scope(Scope(province="ลำปาง"), "อบต.ดงมะไฟ", "สกลนคร")


def _pending_update(chat: Any, ids: dict[str, int]) -> int:
    assert "รอผู้จัดการอนุมัติ" in chat.say(OFFICER, f"/update {ids['cm1']} {TEXT}")
    [row] = [u for u in chat.updates() if u.status == "pending"]
    return int(row.id)


def test_every_scoped_command_refuses_a_manager_of_another_scope(
        make_app: Callable[..., Any]) -> None:
    chat, ids = field_chat(make_app, approval="all")
    uid = _pending_update(chat, ids)
    lp = LAMPANG_MANAGER  # scoped to อบจ.ลำปาง; the update is อบจ.เชียงใหม่'s
    assert "นอกขอบเขต" in chat.say(lp, f"/approve {uid}")
    assert "นอกขอบเขต" in chat.say(lp, f"/reject {uid} ตัวเลขไม่ตรง")
    # Without a reason: refused at once, not asked for a reason first.
    asked = chat.say(lp, f"/reject {uid}")
    assert "นอกขอบเขต" in asked and chat.count(Conversation, Conversation.kind == "reject") == 0
    assert "นอกขอบเขต" in chat.say(lp, f"/evidence {uid}")
    assert "นอกขอบเขต" in chat.say(lp, f"/assign {OTHER} {ids['cm1']}")
    assert "ฝายชะลอน้ำดอยสุเทพ" not in chat.say(lp, "/summary 2/2566")
    assert "ฝายชะลอน้ำดอยสุเทพ" not in chat.say(lp, "/missing 2/2566")
    with chat.app.db.read() as s:
        [update_doc] = s.scalars(select(Document.id).where(Document.kind == "update"))
    for arg in (f"{update_doc}", f"{update_doc} ยืนยัน"):
        assert "นอกขอบเขต" in chat.say(lp, f"/remove {arg}")
    assert chat.count(Document, Document.id == update_doc) == 1
    # Its own scope's manager: every command works.
    assert "ยืนยันลบ" in str([b.label for r in chat.send(MANAGER, f"/remove {update_doc}")
                              for b in r.buttons])
    assert "ไม่อนุมัติรายงาน" in chat.say(MANAGER, f"/reject {uid} ตัวเลขไม่ตรง")


def test_remove_of_a_form_or_a_release_is_limited_to_its_scope(
        make_app: Callable[..., Any], tmp_path: Path) -> None:
    chat, _ids = field_chat(make_app)
    chat.register(BOSS, "manager")
    with chat.app.db.read() as s:  # the bundled sample's form is ตท.สป.'s
        form, agency = s.execute(select(QuarterReport.document_id, Project.agency)
                                 .join(Project, Project.id == QuarterReport.project_id)).first()
    assert agency == "ตท.สป."
    news = tmp_path / "news.txt"
    news.write_text("ข่าวประชาสัมพันธ์ กระทรวงมหาดไทยจัดประชุมติดตามงานธนาคารขยะ 15 แห่ง\n",
                    encoding="utf-8")
    ingest_paths(chat.app.db, chat.app.index, [news])
    with chat.app.db.read() as s:
        release = s.scalar(select(func.max(Document.id)))
    for doc in (form, release):
        for scoped in (MANAGER, LAMPANG_MANAGER):
            refused = chat.say(scoped, f"/remove {doc} ยืนยัน")
            assert "นอกขอบเขต" in refused and "ลบได้เฉพาะเอกสาร" in refused
        assert chat.count(Document, Document.id == doc) == 1
    assert "outside your scope" in chat.say(LAMPANG_MANAGER, f"/remove {form} confirm")
    confirm = chat.send(BOSS, f"/remove {form}")
    assert "ยืนยันลบ" in str([b.label for r in confirm for b in r.buttons])
    assert "ลบเอกสาร" in text_of(chat.send(BOSS, f"/remove {form} ยืนยัน"))
    assert chat.count(Document, Document.id == form) == 0


def test_assign_shows_another_user_s_projects_only_within_the_viewer_s_scope(
        make_app: Callable[..., Any]) -> None:
    chat, _ids = field_chat(make_app)
    seen = chat.say(LAMPANG_MANAGER, f"/assign {OFFICER}")
    assert "ฝายชะลอน้ำดอยสุเทพ" not in seen and "แสดงเฉพาะ 0 โครงการ" in seen
    assert "ฝายชะลอน้ำดอยสุเทพ" in chat.say(MANAGER, f"/assign {OFFICER}")
    assert "ฝายชะลอน้ำดอยสุเทพ" in chat.say(OFFICER, "/assign")  # their own: all of it
