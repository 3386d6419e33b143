"""Photos and PDFs as evidence, and edits of pending updates (issue 15, parts 2 and 4).

Evidence is counted in ``/summary``, listed in its workbook, viewable by the managers of
its scope (``/evidence ID``, sent back through the adapter), and can be added after the
save: on Telegram by replying to the save confirmation with the photo, on LINE (whose
images cannot quote a message) with the confirmation's 📷 button.  An officer edits a
pending update (``/edit ID TEXT``); an approved one changes only through a new update.
End to end over real HTTP: the Telegram Bot API fake, and LINE webhooks signed with
the channel secret answering to the Messaging API fake.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable
from typing import Any

import pytest
from fake_line import FakeLine
from fake_telegram import FakeTelegram, bot_message, message_update, photo_update
from field_harness import (
    LINE_TOKEN,
    Chat,
    Clock,
    line_image,
    line_postback,
    line_running,
    line_text,
    text_of,
    tg_drive,
    tg_plain,
    tg_settings,
    tg_to,
)
from PIL import Image
from sqlalchemy import select

from bot.approvals import ApprovalPolicy
from bot.core import Core
from bot.replies import Attachment
from knowledge.models import Notification, Passage, ProgressUpdate, Project, UpdateDecision
from knowledge.models import UpdateEvidence as Evidence

NOW = dt.datetime(2023, 2, 15, 3, 0, tzinfo=dt.UTC)  # 2/2566
TEXT = "ซ่อมฝายชะลอน้ำ 2 แห่ง เบิกจ่าย 30,000 บาท ระดับ 3"
OFFICER, OTHER, MANAGER, LAMPANG = ("telegram:6101", "telegram:6102", "telegram:6201",
                                    "telegram:6202")


def png(color: tuple[int, int, int] = (30, 120, 60)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), color).save(out, "PNG")
    return out.getvalue()


def photo(data: bytes, source: str) -> Attachment:
    return Attachment(kind="photo", source_id=source, fetch=lambda limit: data, size=len(data))


def setup(make_app: Callable[..., Any], approval: str = "all", media: bool = False,
          db_url: str | None = None) -> tuple[Chat, dict[str, int]]:
    app = make_app(database_url=db_url) if db_url else make_app()
    clock = Clock(NOW)
    core = Core(app.db, app.index, clock=clock, approval=ApprovalPolicy.parse(approval),
                media_dir=app.settings.home / "media" if media else None)
    chat = Chat(app, clock, core=core)
    with app.db.write() as s:
        rows = {"cm": Project(agency="อบจ.เชียงใหม่", name="ฝายชะลอน้ำดอยสุเทพ"),
                "lp": Project(agency="อบจ.ลำปาง", name="ป่าชุมชนลำปาง")}
        s.add_all(rows.values())
        s.flush()
        ids = {k: v.id for k, v in rows.items()}
    chat.register(OFFICER, "officer", agency="อบจ.เชียงใหม่", province="เชียงใหม่")
    chat.register(OTHER, "officer")
    chat.register(MANAGER, "manager", province="เชียงใหม่")
    chat.register(LAMPANG, "manager", agency="อบจ.ลำปาง")
    return chat, ids


def saved_id(text: str) -> int:
    m = re.search(r"รหัสรายงาน #(\d+)", text)
    assert m, text
    return int(m.group(1))


# -- counted, listed, viewable -------------------------------------------------------------------
def test_evidence_is_counted_listed_and_viewable_in_scope(make_app: Callable[..., Any]) -> None:
    from openpyxl import load_workbook

    chat, ids = setup(make_app, media=True)
    chat.send(OFFICER, f"/update {ids['cm']}")
    chat.send(OFFICER, TEXT)
    chat.send(OFFICER, "", attachment=photo(png(), "ev1"))
    confirm = chat.send(OFFICER, "", attachment=photo(png((200, 10, 10)), "ev2"))
    saved = chat.press(OFFICER, confirm, "✅")
    uid = saved_id(text_of(saved))
    assert "รูปประกอบ: 2 ไฟล์" in text_of(saved)
    with chat.app.db.read() as s:  # the managers' notification offers the files
        (note,) = s.scalars(select(Notification).where(Notification.external_user_id == "6201"))
        assert ["📷 ดูหลักฐาน (2)", f"/evidence {uid}"] in (note.buttons or [])

    # viewable by the manager of its scope (pending: that is when they look), images sent back
    shown = chat.send(MANAGER, f"/evidence {uid}")
    assert "2 ไฟล์" in shown[0].text and "รออนุมัติ" in shown[0].text
    images = [r.image for r in shown if r.image is not None]
    assert len(images) == 2 and images[0].read_bytes() == png()
    assert images[0].parent == chat.app.settings.home / "media"
    assert re.fullmatch(r"evidence-[0-9a-f]{32}\.png", images[0].name)
    assert "นอกขอบเขต" in chat.say(LAMPANG, f"/evidence {uid}")
    assert "นอกขอบเขต" in chat.say(OTHER, f"/evidence {uid}")  # another officer
    assert len([r for r in chat.send(OFFICER, f"/evidence {uid}") if r.image]) == 2  # its author
    assert "ไม่พบรายงาน" in chat.say(MANAGER, "/evidence 9999999999")

    # counted in /summary once approved, listed in the workbook with the file names
    assert "อนุมัติรายงาน" in chat.say(MANAGER, f"/approve {uid}")
    replies = chat.send(MANAGER, "/summary 2/2566")
    text = text_of(replies)
    assert "หลักฐาน (รูป/PDF) 2 ไฟล์" in text and "หลักฐาน 2 ไฟล์" in text
    (book,) = [r.file for r in replies if r.file is not None]
    wb = load_workbook(book)
    header = [c.value for c in wb["updates"][2]]
    (row,) = list(wb["updates"].iter_rows(min_row=3, values_only=True))
    got = dict(zip(header, row, strict=True))
    assert got["หลักฐาน (evidence)"] == 2
    with chat.app.db.read() as s:
        names = [e.filename for e in s.scalars(select(Evidence).order_by(Evidence.id))]
    assert got["ไฟล์หลักฐาน (evidence_files)"] == "\n".join(names)
    projects = dict(zip([c.value for c in wb["projects"][2]],
                        next(wb["projects"].iter_rows(min_row=3, values_only=True)),
                        strict=True))
    assert projects["หลักฐาน (evidence)"] == 2

    # approved by a manager: no more files, no edit
    assert "อนุมัติแล้ว" in chat.say(OFFICER, f"/attach {uid}")
    assert "อนุมัติแล้ว" in chat.say(OFFICER, f"/edit {uid} แก้ข้อความ")


# -- edits ---------------------------------------------------------------------------------------
def test_officer_edits_a_pending_update(make_app: Callable[..., Any], db_url: str) -> None:
    chat, ids = setup(make_app, db_url=db_url)
    uid = saved_id(chat.say(OFFICER, f"/update {ids['cm']} {TEXT}"))
    assert "/edit" in chat.say(OFFICER, f"/update {ids['cm']} ประชุมแล้ว", message_id="x")
    assert "ไม่ใช่รายงานของคุณ" in chat.say(OTHER, f"/edit {uid} ข้อความอื่น")
    assert "ข้อความปัจจุบัน" in chat.say(OFFICER, f"/edit {uid}")
    assert "ยังไม่ได้แก้ไข" in chat.say(OFFICER, f"/edit {uid} เบิกจ่าย 250,000 บาท ระดับ 7")
    # An edit is read as an update is: a quarter not begun (today is in 2/2566) is refused.
    refused = chat.say(OFFICER, f"/edit {uid} ซ่อมฝายเสร็จ ไตรมาส 3/2566")
    assert "ยังไม่เริ่ม" in refused and "ยังไม่ได้แก้ไข" in refused
    edited = chat.say(OFFICER, f"/edit {uid} ซ่อมฝายเสร็จ 3 แห่ง เบิกจ่าย 45,500 บาท ระดับ 4")
    assert "แก้ไขรายงาน" in edited and "45,500" in edited
    with chat.app.db.read() as s:
        row = s.get(ProgressUpdate, uid)
        assert row is not None and row.status == "pending"
        assert (row.amount_baht, row.level) == (45500, 4)
        passages = [p.text for p in s.scalars(select(Passage)
                                              .where(Passage.document_id == row.document_id))]
        assert len(passages) == 1 and "45,500" in passages[0] and "30,000" not in passages[0]
        trail = [(d.action, d.reason) for d in s.scalars(
            select(UpdateDecision).where(UpdateDecision.update_id == uid)
            .order_by(UpdateDecision.id))]
        told = [n.text for n in s.scalars(select(Notification)
                                          .where(Notification.external_user_id == "6201"))]
    assert trail[0][0] == "submitted" and trail[1][0] == "edited"
    assert "30,000" in (trail[1][1] or "")  # the old text, in the audit trail
    assert any("ถูกแก้ไข" in t and "45,500" in t for t in told)
    # Pending, it answers no one's search or question (deny by default); the index holds
    # the edited text, which answers once a manager approves it.
    hits = chat.core.answerer.search("ซ่อมฝายเสร็จ", k=3)
    assert not any("45,500" in h.text for h in hits)
    assert "อนุมัติรายงาน" in chat.say(MANAGER, f"/approve {uid}")
    hits = chat.core.answerer.search("ซ่อมฝายเสร็จ", k=3)
    assert any("45,500" in h.text for h in hits)
    assert "45,500" in chat.say(MANAGER, "/summary 2/2566")
    assert "อนุมัติแล้ว" in chat.say(OFFICER, f"/edit {uid} อีกครั้ง")
    # rejected: sent again instead
    uid2 = saved_id(chat.say(OFFICER, f"/update {ids['cm']} {TEXT}", message_id="y"))
    chat.say(MANAGER, f"/reject {uid2} ตัวเลขไม่ตรง")
    assert "ส่งรายงานใหม่" in chat.say(OFFICER, f"/edit {uid2} แก้แล้ว")


# -- Telegram: a photo in reply to the confirmation -----------------------------------------------
def test_telegram_photo_in_reply_to_the_confirmation(make_app: Callable[..., Any]) -> None:
    chat, ids = setup(make_app, media=True)
    data = png((10, 10, 200))
    with FakeTelegram(token="123456:FIELD-token_ABCdef") as fake:
        fake.add_file("ev-photo", data, name="p.jpg", folder="photos")
        fake.add_file("ev-pdf", b"%PDF-1.4\n%fake pdf for evidence\n", name="r.pdf")

        def scenario() -> None:
            fake.push(message_update(f"/update {ids['cm']} {TEXT}", 6101))
            confirm = fake.wait_for("sendMessage", lambda c: tg_to(6101)(c)
                                    and "รหัสรายงาน #" in tg_plain(c))
            uid = saved_id(tg_plain(confirm))
            attach = [b for row in confirm.params["reply_markup"]["inline_keyboard"]
                      for b in row]
            assert attach[0]["callback_data"] == f"cmd:/attach {uid}"
            quoted = bot_message(confirm)
            fake.push(photo_update(6101, "ev-photo", len(data))
                      | {"message": {**photo_update(6101, "ev-photo", len(data))["message"],
                                     "reply_to_message": quoted}})
            fake.wait_for("sendMessage", lambda c: "แนบหลักฐานกับรายงาน" in tg_plain(c))
            pdf = {"file_id": "ev-pdf", "file_unique_id": "u-ev-pdf", "file_name": "r.pdf",
                   "mime_type": "application/pdf", "file_size": 33}
            fake.push(message_update(None, 6101, document=pdf, reply_to_message=quoted))
            fake.wait_for("sendMessage", lambda c: "รวม 2 ไฟล์" in tg_plain(c))
            # another officer's reply to the same confirmation adds nothing
            fake.push(message_update(None, 6102, document=pdf, reply_to_message=quoted))
            fake.wait_for("sendMessage", lambda c: tg_to(6102)(c)
                          and "ไม่ใช่รายงานของคุณ" in tg_plain(c))
            # the manager looks: the photo comes back as a photo, the PDF as a document
            fake.push(message_update(f"/evidence {uid}", 6201))
            sent = fake.wait_for("sendPhoto", tg_to(6201))
            assert sent.files["photo"] == data
            doc = fake.wait_for("sendDocument", tg_to(6201))
            assert next(iter(doc.files.values())).startswith(b"%PDF-")

        tg_drive(chat.core, tg_settings(chat.app.settings, fake), scenario)
        fake.assert_clean()
    with chat.app.db.read() as s:
        rows = list(s.scalars(select(Evidence).order_by(Evidence.id)))
        assert [(e.mime, e.update_id is not None) for e in rows] == [
            ("image/png", True), ("application/pdf", True)]
        assert rows[0].data == data


# -- LINE: the 📷 button, then the photo -----------------------------------------------------------
def test_line_attach_button_then_photo_and_manager_views_it(
    make_app: Callable[..., Any],
) -> None:
    app = make_app()
    clock = Clock(NOW)
    core = Core(app.db, app.index, clock=clock, approval=ApprovalPolicy.parse("all"),
                media_dir=app.settings.home / "media")
    chat = Chat(app, clock, core=core)
    with app.db.write() as s:
        project = Project(agency="อบจ.เชียงใหม่", name="ฝายชะลอน้ำดอยสุเทพ")
        s.add(project)
        s.flush()
        pid = project.id
    chat.register("line:Uofficer0001", "officer")
    chat.register("line:Umanager0001", "manager")
    data = png((250, 200, 0))
    with FakeLine(token=LINE_TOKEN) as fake, \
            line_running(app, core, fake, public_url="https://bot.example.go.th") as bot:
        fake.add_content("700000000000000001", data)
        bot.send(line_text("Uofficer0001", f"/update {pid} {TEXT}"))
        uid = saved_id(bot.last_text())
        assert bot.postback_of("📷") == f"/attach {uid}"
        bot.send(line_postback("Uofficer0001", f"/attach {uid}"))
        assert f"รายงาน #{uid}" in bot.last_text()
        bot.send(line_image("Uofficer0001", "700000000000000001"))
        assert "แนบกับรายงาน" in bot.last_text()
        bot.send(line_postback("Uofficer0001", bot.postback_of("เสร็จ")))
        assert "มีหลักฐาน 1 ไฟล์" in bot.last_text()
        bot.send(line_text("Umanager0001", f"/evidence {uid}"))
        images = [m for m in bot.last_messages() if m["type"] == "image"]
        assert len(images) == 1
        url = images[0]["originalContentUrl"]
        assert url.startswith("https://bot.example.go.th/media/evidence-")
        got = bot.client.get(f"{bot.url}/media/{url.rsplit('/', 1)[1]}")
        assert got.status_code == 200 and got.content == data
        assert not fake.errors


@pytest.mark.parametrize("status", ["approved", "rejected"])
def test_no_evidence_after_a_decision(make_app: Callable[..., Any], status: str) -> None:
    chat, ids = setup(make_app)
    uid = saved_id(chat.say(OFFICER, f"/update {ids['cm']} {TEXT}"))
    verb = "/approve" if status == "approved" else "/reject"
    chat.say(MANAGER, f"{verb} {uid}" + (" ตัวเลขไม่ตรง" if status == "rejected" else ""))
    quoted = f"✅ บันทึกความคืบหน้าแล้ว\nรหัสรายงาน #{uid}"
    reply = text_of(chat.send(OFFICER, "", attachment=photo(png(), "late"), reply_to=quoted))
    assert "ไม่ได้เก็บ" in reply
    assert chat.count(Evidence) == 0


def test_without_approval_evidence_can_follow_the_save(make_app: Callable[..., Any],
                                                       db_url: str) -> None:
    chat, ids = setup(make_app, approval="", db_url=db_url)
    uid = saved_id(chat.say(OFFICER, f"/update {ids['cm']} {TEXT}"))
    quoted = f"✅ บันทึกความคืบหน้าแล้ว\nรหัสรายงาน #{uid}"
    for i in range(5):
        assert "แนบหลักฐาน" in text_of(chat.send(OFFICER, "", reply_to=quoted,
                                                 attachment=photo(png((i, 0, 0)), f"s{i}")))
    assert "ครบ 5 ไฟล์" in text_of(chat.send(OFFICER, "", reply_to=quoted,
                                              attachment=photo(png(), "s9")))
    again = text_of(chat.send(OFFICER, "", reply_to=quoted, attachment=photo(png(), "s0")))
    assert "ไม่ได้เก็บ" in again  # full, and a redelivery would add nothing anyway
    assert chat.count(Evidence) == 5
    bad = Attachment(kind="photo", source_id="bad", fetch=lambda limit: b"not an image")
    chat.say(OFFICER, "/undo")
    assert "ไม่พบรายงาน" in text_of(chat.send(OFFICER, "", reply_to=quoted, attachment=bad))
    assert chat.count(Evidence) == 0  # the undone update took its files with it


@pytest.mark.parametrize("command", [
    "/attach", "/attach abc", "/attach 0", "/attach 99999999999", "/attach -5", "/attach ๙๙๙",
    "/edit", "/edit abc ข้อความ", "/edit 0 ข้อความ", "/edit 2147483648 ข้อความ",
    "/evidence", "/evidence x", "/evidence 0", "/evidence #2147483648",
])
def test_hostile_ids_get_a_clear_reply(make_app: Callable[..., Any], command: str) -> None:
    chat, _ids = setup(make_app)
    who = MANAGER if command.startswith("/evidence") else OFFICER
    reply = chat.say(who, command)  # the harness fails on an apology or a traceback
    assert re.search(r"ใช้: /|ไม่พบรายงาน", reply), reply
    assert chat.count(Evidence) == 0 and chat.count(UpdateDecision) == 0


def test_staff_may_not_attach_edit_or_view(make_app: Callable[..., Any]) -> None:
    chat, ids = setup(make_app)
    uid = saved_id(chat.say(OFFICER, f"/update {ids['cm']} {TEXT}"))
    chat.register("telegram:6301", "staff")
    for command in (f"/attach {uid}", f"/edit {uid} แก้", f"/evidence {uid}"):
        assert "ต้องมีบทบาท officer" in chat.say("telegram:6301", command)
    quoted = f"รหัสรายงาน #{uid}"
    refused = text_of(chat.send("telegram:6301", "", reply_to=quoted,
                                attachment=photo(png(), "staff1")))
    assert "ไม่ได้เก็บ" in refused or "/update" in refused
    assert chat.count(Evidence) == 0
