"""Who reports for what, scoped managers, and manager approval (issue 15, parts 3 and 4)."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fake_telegram import FakeTelegram, callback_update
from field_harness import Chat, Clock, labels, text_of, tg_drive, tg_plain, tg_settings, tg_to
from sqlalchemy import select

from bot.approvals import ApprovalPolicy
from bot.core import Core
from bot.push import TelegramPusher, deliver_notifications
from knowledge.assignments import Scope, project_province
from knowledge.models import Notification, ProgressUpdate, Project, RoleChange, UpdateDecision

NOW = dt.datetime(2023, 2, 15, 3, 0, tzinfo=dt.UTC)  # 2/2566
TEXT = "ซ่อมฝายชะลอน้ำ 2 แห่ง เบิกจ่าย 30,000 บาท ระดับ 3"
OFFICER, OTHER, MANAGER, LAMPANG_MANAGER = ("telegram:6101", "telegram:6102", "telegram:6201",
                                            "telegram:6202")


def projects(chat: Chat) -> dict[str, int]:
    with chat.app.db.write() as s:
        rows = {"cm1": Project(agency="อบจ.เชียงใหม่", name="ฝายชะลอน้ำดอยสุเทพ"),
                "cm2": Project(agency="อบจ.เชียงใหม่", name="ธนาคารขยะแม่ริม"),
                "lp": Project(agency="อบจ.ลำปาง", name="ป่าชุมชนลำปาง")}
        s.add_all(rows.values())
        s.flush()
        return {k: v.id for k, v in rows.items()}


def field_chat(make_app: Callable[..., Any], db_url: str | None = None,
               approval: str | None = None) -> tuple[Chat, dict[str, int]]:
    app = make_app(database_url=db_url) if db_url else make_app()
    clock = Clock(NOW)
    chat = Chat(app, clock, core=Core(app.db, app.index, clock=clock,
                                      approval=ApprovalPolicy.parse(approval)))
    ids = projects(chat)
    chat.register(OFFICER, "officer", agency="อบจ.เชียงใหม่", province="เชียงใหม่")
    chat.register(OTHER, "officer")
    chat.register(MANAGER, "manager", province="เชียงใหม่")
    chat.register(LAMPANG_MANAGER, "manager", agency="อบจ.ลำปาง")
    return chat, ids


# -- names and scopes ----------------------------------------------------------------------------
@pytest.mark.parametrize(("agency", "province"), [
    ("อบจ.เชียงใหม่", "เชียงใหม่"), ("องค์การบริหารส่วนจังหวัดเชียงใหม่", "เชียงใหม่"),
    ("ทต.ตากใบ", None), ("ตท.สป.", None), ("จังหวัดตาก", "ตาก"), ("อบจ. น่าน", "น่าน"),
])
def test_project_province_from_its_agency(agency: str, province: str | None) -> None:
    assert project_province(agency) == province


def test_scope_covers_by_agency_and_province() -> None:
    assert Scope(agency="อบจ.เชียงใหม่").covers("องค์การบริหารส่วนจังหวัด เชียงใหม่")
    assert not Scope(agency="อบจ.เชียงใหม่").covers("อบจ.ลำปาง")
    assert Scope(province="จังหวัดเชียงใหม่").covers("อบจ.เชียงใหม่")
    assert not Scope(agency="ตท.สป.", province="เชียงใหม่").covers("ตท.สป.")
    assert Scope().covers("anything") and Scope().everything


# -- sdgbot users add ----------------------------------------------------------------------------
def test_cli_users_add_with_agency_and_province(run: Any, tmp_path: Path) -> None:
    home = tmp_path / "home"
    r = run(home, "users", "add", "line:U" + "d" * 32, "--role", "officer",
            "--agency", "อบจ.เชียงใหม่", "--province", "เชียงใหม่")
    assert r.code == 0, r.err
    assert run(home, "users", "add", "telegram:77", "--role", "officer", "--agency",
               "ตท.สป.").code == 0
    rows = {u["user"]: u for u in run(home, "users", "list", "--json").json()}
    assert rows["line:U" + "d" * 32]["agency"] == "อบจ.เชียงใหม่"
    assert rows["line:U" + "d" * 32]["province"] == "เชียงใหม่"
    assert rows["telegram:77"]["agency"] == "ตท.สป." and rows["telegram:77"]["province"] is None
    # One province reader for users and list rows: "จ.", English and กทม. name the province.
    for typed, stored in (("Krabi", "กระบี่"), ("จ.ลำปาง", "ลำปาง"), ("กทม.", "กรุงเทพมหานคร")):
        assert run(home, "users", "add", "telegram:79", "--role", "manager", "--province",
                   typed).code == 0
        rows = {u["user"]: u for u in run(home, "users", "list", "--json").json()}
        assert rows["telegram:79"]["province"] == stored
    bad = run(home, "users", "add", "telegram:78", "--role", "officer", "--province", "แอตแลนติส")
    assert bad.code == 1 and "จังหวัด" in bad.err
    assert run(home, "users", "add", "telegram:78", "--role", "officer", "--agency",
               "หน่วยงาน").code == 1  # the placeholder is no agency
    assert "telegram:78" not in {u["user"] for u in run(home, "users", "list", "--json").json()}


def test_officer_of_an_agency_reports_for_its_projects_only(make_app: Callable[..., Any],
                                                            db_url: str) -> None:
    chat, ids = field_chat(make_app, db_url)
    first = chat.send(OFFICER, "/update")
    assert [lab for lab in labels(first) if lab.startswith("[")] == [
        f"[{ids['cm1']}] ฝายชะลอน้ำดอยสุเทพ", f"[{ids['cm2']}] ธนาคารขยะแม่ริม"]
    refused = chat.say(OFFICER, f"/update {ids['lp']} {TEXT}")
    assert "ไม่อยู่ในความรับผิดชอบ" in refused
    chat.nothing_stored()
    assert "บันทึกความคืบหน้าแล้ว" in chat.say(OFFICER, f"/update {ids['cm1']} {TEXT}")
    # An officer with neither scope nor assignment reports as before, on any project.
    assert "บันทึกความคืบหน้าแล้ว" in chat.say(OTHER, f"/update {ids['lp']} {TEXT}")


def test_assign_by_a_manager_within_scope(make_app: Callable[..., Any]) -> None:
    chat, ids = field_chat(make_app)
    reply = chat.say(MANAGER, f"/assign {OTHER} {ids['cm2']}")
    assert "มอบหมายเพิ่ม 1" in reply and "ธนาคารขยะแม่ริม" in reply
    assert "อยู่นอกขอบเขต" in chat.say(MANAGER, f"/assign {OTHER} {ids['lp']}")
    assert "ต้องมีบทบาท manager" in chat.say(OFFICER, f"/assign {OTHER} {ids['cm1']}")
    mine = chat.say(OTHER, "/assign")
    assert "ธนาคารขยะแม่ริม" in mine and "ป่าชุมชน" not in mine
    # Assigned, the officer now reports for that project only.
    assert "ไม่อยู่ในความรับผิดชอบ" in chat.say(OTHER, f"/update {ids['lp']} {TEXT}")
    assert "ถอน 1" in chat.say(MANAGER, f"/assign {OTHER} -{ids['cm2']}")
    with chat.app.db.read() as s:
        details = [r.detail for r in s.scalars(select(RoleChange))]
    assert any(d and d.startswith("assign +") for d in details)
    for bad in (f"/assign {OTHER} abc", "/assign nobody 1", f"/assign telegram:9999 {ids['cm1']}",
                f"/assign {OTHER} 99999"):
        assert "ไม่" in chat.say(MANAGER, bad)


def test_scoped_manager_sees_only_their_scope(make_app: Callable[..., Any]) -> None:
    chat, ids = field_chat(make_app)
    chat.say(OFFICER, f"/update {ids['cm1']} {TEXT}")
    chat.say(OTHER, f"/update {ids['lp']} ปลูกป่า 100 ไร่ เบิกจ่าย 5,000 บาท")
    mine = chat.say(MANAGER, "/summary 2/2566")
    assert "ฝายชะลอน้ำดอยสุเทพ" in mine and "ป่าชุมชนลำปาง" not in mine
    assert "ขอบเขต: จังหวัดเชียงใหม่" in mine
    theirs = chat.say(LAMPANG_MANAGER, "/summary 2/2566")
    assert "ป่าชุมชนลำปาง" in theirs and "ฝายชะลอน้ำ" not in theirs


def test_missing_lists_the_scope_s_non_submitters(make_app: Callable[..., Any], db_url: str,
                                                  run: Any) -> None:
    chat, ids = field_chat(make_app, db_url)
    before = chat.say(MANAGER, "/missing 2/2566")
    assert OFFICER in before and "ฝายชะลอน้ำดอยสุเทพ" in before and "ธนาคารขยะแม่ริม" in before
    assert "ส่งครบ" in chat.say(LAMPANG_MANAGER, "/missing 2/2566")  # nobody owes Lampang
    chat.say(OFFICER, f"/update {ids['cm1']} {TEXT}")
    after = chat.say(MANAGER, "/missing")
    assert "ฝายชะลอน้ำดอยสุเทพ" not in after and "ธนาคารขยะแม่ริม" in after
    assert "ต้องมีบทบาท manager" in chat.say(OFFICER, "/missing")
    assert "ไตรมาสต้องเป็น 1–4" in chat.say(MANAGER, "/missing 5/2566")


def test_cli_missing_json(run: Any, tmp_path: Path) -> None:
    home = tmp_path / "home"
    run(home, "users", "add", "telegram:41", "--role", "officer", "--agency", "ตท.สป.")
    r = run(home, "missing", "2/2566", "--json")
    assert r.code == 0, r.err
    data = r.json()
    assert (data["fiscal_year"], data["quarter"], data["deadline"]) == (2566, 2, "2023-03-24")
    [officer] = data["officers"]
    assert officer["user"] == "telegram:41" and [p["id"] for p in officer["projects"]] == [1]
    text = run(home, "missing", "Q2", "2566")
    assert text.code == 0 and "telegram:41" in text.out
    assert run(home, "missing", "5/2566").code == 1


# -- approval ------------------------------------------------------------------------------------
def test_policy_parsing() -> None:
    assert not ApprovalPolicy.parse(None).requires("อบจ.เชียงใหม่")
    assert ApprovalPolicy.parse("all").requires("ตท.สป.")
    p = ApprovalPolicy.parse("agency:ตท.สป.; province:เชียงใหม่")
    assert p.requires("ตท.สป.") and p.requires("อบจ.เชียงใหม่") and not p.requires("อบจ.ลำปาง")
    with pytest.raises(ValueError, match="SDGBOT_APPROVAL"):
        ApprovalPolicy.parse("agency")


def test_bad_approval_setting_fails_fast(run: Any, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SDGBOT_APPROVAL", "region:north")
    r = run(tmp_path / "home", "missing")
    assert r.code == 1 and "SDGBOT_APPROVAL" in r.err and "Traceback" not in r.err


def _pending(chat: Chat, ids: dict[str, int]) -> int:
    chat.send(OFFICER, f"/update {ids['cm1']}")
    confirm = chat.send(OFFICER, TEXT)
    saved = text_of(chat.press(OFFICER, confirm, "✅"))
    assert "รอผู้จัดการอนุมัติ" in saved
    [row] = [u for u in chat.updates() if u.status == "pending"]
    return row.id


def test_pending_update_counts_only_once_approved(make_app: Callable[..., Any],
                                                  db_url: str) -> None:
    chat, ids = field_chat(make_app, db_url, approval="province:เชียงใหม่")
    uid = _pending(chat, ids)
    summary = chat.say(MANAGER, "/summary 2/2566")
    assert "รอการอนุมัติ 1 รายการ" in summary and "30,000" not in summary
    with chat.app.db.read() as s:
        notes = s.scalars(select(Notification)).all()
        assert [(n.platform, n.external_user_id) for n in notes] == [("telegram", "6201")]
        assert notes[0].buttons == [["✅ อนุมัติ", f"/approve {uid}"],
                                    ["❌ ไม่อนุมัติ", f"/reject {uid}"]]
    assert "นอกขอบเขต" in chat.say(LAMPANG_MANAGER, f"/approve {uid}")
    assert "ต้องมีบทบาท manager" in chat.say(OFFICER, f"/approve {uid}")
    assert "อนุมัติรายงาน" in chat.say(MANAGER, f"/approve {uid}")
    assert "ไม่เปลี่ยนแปลง" in chat.say(MANAGER, f"/approve {uid}")  # pressed twice
    assert "30,000" in chat.say(MANAGER, "/summary 2/2566")
    with chat.app.db.read() as s:
        trail = [(d.action, d.actor) for d in s.scalars(select(UpdateDecision)
                                                        .order_by(UpdateDecision.id))]
        told = s.scalars(select(Notification).where(Notification.external_user_id == "6101"))
        assert any("ได้รับการอนุมัติ" in n.text for n in told)
    assert trail == [("submitted", OFFICER), ("approved", MANAGER)]


def test_rejection_asks_for_a_reason_and_tells_the_officer(make_app: Callable[..., Any]) -> None:
    chat, ids = field_chat(make_app, approval="all")
    uid = _pending(chat, ids)
    ask = chat.send(MANAGER, f"/reject {uid}")
    assert "เหตุผล" in text_of(ask)
    assert "ไม่ใช่ข้อมูลจริง" in chat.say(MANAGER, "เหตุผล")  # the placeholder is no reason
    done = chat.say(MANAGER, "ตัวเลขเบิกจ่ายไม่ตรงกับแบบรายงาน")
    assert "ไม่อนุมัติรายงาน" in done
    with chat.app.db.read() as s:
        row = s.get(ProgressUpdate, uid)
        assert row is not None and row.status == "rejected"
        assert row.decision_reason == "ตัวเลขเบิกจ่ายไม่ตรงกับแบบรายงาน"
        told = [n.text for n in s.scalars(select(Notification)
                                          .where(Notification.external_user_id == "6101"))]
    assert any("ไม่ได้รับการอนุมัติ" in t and "ตัวเลขเบิกจ่าย" in t for t in told)
    assert "30,000" not in chat.say(MANAGER, "/summary 2/2566")
    # One-line rejection, and a rejection without a pending update.
    uid2 = _pending(chat, ids)
    assert "ไม่อนุมัติรายงาน" in chat.say(MANAGER, f"/reject {uid2} ซ้ำกับรายงานเดิม")
    assert "ไม่เปลี่ยนแปลง" in chat.say(MANAGER, f"/reject {uid2}")
    assert "ไม่พบรายงาน" in chat.say(MANAGER, "/reject 99999 ผิด")


def test_one_line_update_in_an_approval_scope_is_pending(make_app: Callable[..., Any]) -> None:
    chat, ids = field_chat(make_app, approval="agency:อบจ.เชียงใหม่")
    assert "รอผู้จัดการอนุมัติ" in chat.say(OFFICER, f"/update {ids['cm2']} {TEXT}")
    assert "รอผู้จัดการอนุมัติ" not in chat.say(OTHER, f"/update {ids['lp']} {TEXT}")
    statuses = sorted(u.status for u in chat.updates())
    assert statuses == ["approved", "pending"]


def test_manager_gets_the_notification_and_approves_by_button_on_telegram(
    make_app: Callable[..., Any],
) -> None:
    chat, ids = field_chat(make_app, approval="all")
    uid = _pending(chat, ids)
    with FakeTelegram(token="123456:FIELD-token_ABCdef") as fake:

        async def drain() -> Any:
            pusher = TelegramPusher(fake.token, fake.base_url)
            try:
                return await deliver_notifications(chat.app.db, {"telegram": pusher}, chat.clock)
            finally:
                await pusher.aclose()

        report = asyncio.run(drain())
        assert report.sent == 1
        note = fake.wait_for("sendMessage", tg_to(6201))
        assert f"#{uid}" in tg_plain(note)
        rows = note.params["reply_markup"]["inline_keyboard"]
        approve = rows[0][0]["callback_data"]
        assert approve == f"cmd:/approve {uid}"
        assert asyncio.run(drain()).sent == 0  # each notification once

        def scenario() -> None:
            fake.push(callback_update(approve, 6201))
            fake.wait_for("sendMessage", lambda c: "อนุมัติรายงาน" in tg_plain(c))
            fake.push(callback_update(approve, 6101))  # the officer presses it too
            fake.wait_for("sendMessage", lambda c: tg_to(6101)(c)
                          and "ต้องมีบทบาท manager" in tg_plain(c))

        tg_drive(chat.core, tg_settings(chat.app.settings, fake), scenario)
        asyncio.run(drain())
        told = fake.wait_for("sendMessage", lambda c: tg_to(6101)(c)
                             and "ได้รับการอนุมัติ" in tg_plain(c))
        assert f"#{uid}" in tg_plain(told)
        fake.assert_clean()


def test_blocked_user_notification_is_skipped(make_app: Callable[..., Any]) -> None:
    chat, ids = field_chat(make_app, approval="all")
    _pending(chat, ids)
    with FakeTelegram(token="123456:FIELD-token_ABCdef") as fake:
        fake.blocked.add(6201)

        async def drain() -> Any:
            pusher = TelegramPusher(fake.token, fake.base_url)
            try:
                return await deliver_notifications(chat.app.db, {"telegram": pusher}, chat.clock)
            finally:
                await pusher.aclose()

        report = asyncio.run(drain())
        assert (report.sent, report.blocked) == (0, 1)
        assert asyncio.run(drain()).blocked == 0  # not tried again
    with chat.app.db.read() as s:
        assert [n.status for n in s.scalars(select(Notification))] == ["blocked"]
