"""The guided update (issue 15): ``/update`` alone starts a conversation kept in the database.

Core-level tests run on SQLite and PostgreSQL (``db_url``); end-to-end tests drive
Telegram (python-telegram-bot over HTTP against the loopback fake), LINE (signed
webhooks, the loopback Messaging API) and the console (``sdgbot chat``, in-process
and as two processes on one PostgreSQL).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from fake_line import FakeLine
from fake_telegram import (
    FakeTelegram,
    callback_update,
    document_update,
    message_update,
    photo_update,
)
from field_harness import (
    LINE_TOKEN,
    Chat,
    Clock,
    labels,
    line_event,
    line_image,
    line_postback,
    line_running,
    line_text,
    text_of,
    tg_buttons,
    tg_drive,
    tg_plain,
    tg_settings,
    tg_to,
)
from PIL import Image
from sqlalchemy import select

from bot.conversation import Attachment
from bot.conversation.evidence import MAX_EVIDENCE_BYTES
from bot.core import Core, Message
from bot.examples import is_button_data
from knowledge.models import Conversation, Document, Project, UpdateEvidence

NOW = dt.datetime(2023, 2, 15, 3, 0, tzinfo=dt.UTC)  # 15 Feb 2023 10:00 in Bangkok: 2/2566
OFFICER = "telegram:5101"
TEXT = "อบรมชาวบ้านคัดแยกขยะ 20 คน เบิกจ่าย 12,000 บาท ระดับ 3 ร้อยละ 40"
ROOT = Path(__file__).resolve().parents[1]
FILES = ROOT / "tests" / "data" / "files"


def png(size: tuple[int, int] = (8, 6)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (30, 120, 60)).save(out, "PNG")
    return out.getvalue()


def photo(data: bytes, source: str = "p1", size: int | None = None) -> Attachment:
    return Attachment(kind="photo", source_id=source, fetch=lambda limit: data,
                      size=len(data) if size is None else size)


@pytest.fixture
def chat(make_app: Callable[..., Any], db_url: str) -> Chat:
    c = Chat(make_app(database_url=db_url), Clock(NOW))
    c.register(OFFICER, "officer")
    return c


@pytest.fixture
def sqlite_chat(make_app: Callable[..., Any]) -> Chat:
    c = Chat(make_app(), Clock(NOW))
    c.register(OFFICER, "officer")
    return c


def add_projects(chat: Chat, n: int, agency: str = "อบจ.ทดสอบ") -> list[int]:
    with chat.app.db.write() as s:
        rows = [Project(agency=agency, name=f"โครงการทดสอบที่ {i:02d} พัฒนาแหล่งน้ำ")
                for i in range(n)]
        s.add_all(rows)
        s.flush()
        return [r.id for r in rows]


def open_conversations(chat: Chat) -> int:
    return chat.count(Conversation, Conversation.active_key.is_not(None))


# -- the whole flow ------------------------------------------------------------------------------
def test_guided_update_from_start_to_save(chat: Chat) -> None:
    first = chat.send(OFFICER, "/update")
    assert "ขั้นที่ 1/3" in text_of(first)
    assert all(is_button_data(b.data) for r in first for b in r.buttons)
    second = chat.press(OFFICER, first, "[1]")
    assert "ขั้นที่ 2/3" in text_of(second) and "กรุณาพิมพ์ข้อความความคืบหน้า" in text_of(second)
    confirm = chat.send(OFFICER, TEXT)
    body = text_of(confirm)
    for part in ("ขั้นที่ 3/3", "ไตรมาส: 2/2566", "เบิกจ่าย: 12,000 บาท", "ระดับ: 3",
                 "ร้อยละ: 40", "ยังไม่ได้บันทึก"):
        assert part in body, part
    assert labels(confirm) == ["✅ บันทึก", "✏️ แก้ไข", "✖ ยกเลิก"]
    chat.nothing_stored()
    saved = chat.press(OFFICER, confirm, "✅")
    assert "✅ บันทึกความคืบหน้าแล้ว" in text_of(saved)
    [row] = chat.updates()
    assert (row.project_id, row.text, row.amount_baht, row.level, row.percent,
            row.fiscal_year, row.quarter) == (1, TEXT, Decimal("12000"), 3, Decimal("40"),
                                             2566, 2)
    assert row.platform_message_id.startswith("conv-")
    assert open_conversations(chat) == 0
    # The update is searchable at once, as a one-line update is.
    assert "คัดแยกขยะ" in chat.say(OFFICER, "/search อบรมชาวบ้านคัดแยกขยะ")


def test_save_pressed_twice_stores_once(chat: Chat) -> None:
    chat.send(OFFICER, "/update 1")  # id only: straight to the text
    confirm = chat.send(OFFICER, TEXT)
    chat.press(OFFICER, confirm, "✅")
    again = text_of(chat.press(OFFICER, confirm, "✅"))
    assert "บันทึกไว้แล้ว" in again and "ไม่บันทึกซ้ำ" in again
    assert len(chat.updates()) == 1


def test_save_pressed_twice_at_once_stores_once(chat: Chat) -> None:
    chat.send(OFFICER, "/update 1")
    confirm = chat.send(OFFICER, TEXT)
    data = next(b.data for r in confirm for b in r.buttons if "✅" in b.label)
    barrier = threading.Barrier(4)
    results: list[str] = []

    def press(i: int) -> None:
        barrier.wait()
        results.append(chat.say(OFFICER, data, message_id=f"press-{i}"))

    threads = [threading.Thread(target=press, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert len(chat.updates()) == 1
    assert sum("✅ บันทึกความคืบหน้าแล้ว" in r for r in results) == 1


def test_edit_and_retype_replace_the_text(chat: Chat) -> None:
    chat.send(OFFICER, "/update 1")
    confirm = chat.send(OFFICER, "ลงพื้นที่ 3 หมู่บ้าน เบิกจ่าย 1,000 บาท")
    edit = chat.press(OFFICER, confirm, "✏️")
    assert "ข้อความเดิม" in text_of(edit)
    confirm = chat.send(OFFICER, "ลงพื้นที่ 4 หมู่บ้าน เบิกจ่าย 2,000 บาท")
    assert "2,000 บาท" in text_of(confirm)
    confirm = chat.send(OFFICER, "ลงพื้นที่ 5 หมู่บ้าน เบิกจ่าย 3,000 บาท")  # typed at the confirm
    assert "แทนข้อความเดิม" in text_of(confirm) and "3,000 บาท" in text_of(confirm)
    chat.press(OFFICER, confirm, "✅")
    [row] = chat.updates()
    assert row.amount_baht == Decimal("3000")


def test_text_that_cannot_be_stored_is_asked_again(chat: Chat) -> None:
    chat.send(OFFICER, "/update 1")
    for bad, why in (("ผลการดำเนินงานระดับ 7", "ระดับต้องอยู่ระหว่าง 1–5"),
                     ("ข้อความ", "ไม่ใช่ข้อมูลจริง"),
                     ("ก" * 2001, "ยาวเกินไป")):
        reply = chat.say(OFFICER, bad)
        assert why in reply and "ขั้นที่ 2/3" in reply
    chat.nothing_stored()
    assert "ขั้นที่ 3/3" in chat.say(OFFICER, TEXT)


def test_guided_text_with_a_target_a_bad_or_future_quarter(chat: Chat) -> None:
    """The guided update reads the text as the one-line update does (faults 1-2 of
    1 December 2026): the target is no disbursement; quarter 5 and quarter 3/2566 (not
    begun on 15 Feb 2023) are asked again, nothing stored."""
    chat.send(OFFICER, "/update 1")
    for bad, why in (("ประชุม ไตรมาสที่ 5/2566", "ไม่มีไตรมาสที่ 5"),
                     ("ประชุม ไตรมาส 3/2566", "ยังไม่เริ่ม")):
        reply = chat.say(OFFICER, bad)
        assert why in reply and "ขั้นที่ 2/3" in reply
    chat.nothing_stored()
    confirm = chat.send(OFFICER, "เป้าหมายการเบิกจ่าย 900,000 บาท เบิกจ่ายได้ 100,000 บาท")
    assert "เบิกจ่าย: 100,000 บาท" in text_of(confirm)
    chat.press(OFFICER, confirm, "✅")
    [row] = chat.updates()
    assert row.amount_baht == Decimal("100000")


def test_guided_save_of_an_update_just_sent_is_not_counted_twice(chat: Chat) -> None:
    chat.send(OFFICER, f"/update 1 {TEXT}", message_id="one-line")
    chat.send(OFFICER, "/update 1")
    confirm = chat.send(OFFICER, TEXT)
    saved = text_of(chat.press(OFFICER, confirm, "✅"))
    assert "ไม่บันทึกซ้ำ" in saved and "บันทึกความคืบหน้าแล้ว" not in saved
    assert len(chat.updates()) == 1
    assert open_conversations(chat) == 0


def test_update_with_text_but_no_id_keeps_the_text_for_the_confirmation(chat: Chat) -> None:
    first = chat.send(OFFICER, f"/update {TEXT}")
    assert "ข้อความที่พิมพ์ไว้" in text_of(first)
    assert all(TEXT not in b.data for r in first for b in r.buttons)
    confirm = chat.press(OFFICER, first, "[1]")
    assert "ขั้นที่ 3/3" in text_of(confirm) and "12,000 บาท" in text_of(confirm)
    chat.press(OFFICER, confirm, "✅")
    assert chat.updates()[0].text == TEXT


def test_unknown_project_id_starts_the_choice(chat: Chat) -> None:
    [reply] = chat.send(OFFICER, f"/update 404 {TEXT}")
    assert "ไม่พบโครงการรหัส 404" in reply.text and "ขั้นที่ 1/3" in reply.text
    chat.nothing_stored()


# -- choosing the project ------------------------------------------------------------------------
def test_typed_part_of_a_name_chooses_the_project(chat: Chat) -> None:
    chat.send(OFFICER, "/update")
    reply = chat.say(OFFICER, "SDGs กระทรวง")
    assert "ขั้นที่ 2/3" in reply and "[1]" in reply
    chat.send(OFFICER, "/cancel")
    chat.send(OFFICER, "/update")
    assert "ไม่พบโครงการ" in chat.say(OFFICER, "ไม่มีชื่อนี้แน่นอน")


def test_many_projects_are_paged_with_more(sqlite_chat: Chat) -> None:
    chat = sqlite_chat
    ids = add_projects(chat, 25)
    first = chat.send(OFFICER, "/update")
    assert len(first[0].buttons) <= 13  # LINE's quick-reply limit
    assert labels(first)[-2:] == ["➡️ เพิ่มเติม", "✖ ยกเลิก"]
    seen = set(labels(first))
    page = first
    for _ in range(2):
        page = chat.press(OFFICER, page, "เพิ่มเติม")
        assert len(page[0].buttons) <= 13
        seen |= set(labels(page))
    assert all(any(f"[{pid}]" in label for label in seen) for pid in ids)
    # Several matches of a typed name are listed; one more word picks one.
    listed = chat.send(OFFICER, "พัฒนาแหล่งน้ำ")
    assert "ตรงกับที่พิมพ์" in text_of(listed)
    assert "ขั้นที่ 2/3" in chat.say(OFFICER, "ที่ 07")


# -- commands in the middle, cancel, time-out, restart -------------------------------------------
def test_a_command_in_the_middle_is_served_and_the_place_kept(chat: Chat) -> None:
    chat.send(OFFICER, "/update 1")
    replies = chat.send(OFFICER, "/whoami")
    assert "officer" in replies[0].text
    assert "กลับมาที่รายงาน" in replies[-1].text and "ขั้นที่ 2/3" in replies[-1].text
    replies = chat.send(OFFICER, "/myupdates")
    assert "ขั้นที่ 2/3" in replies[-1].text
    assert "ขั้นที่ 3/3" in chat.say(OFFICER, TEXT)  # the text still goes to the conversation
    assert "ขั้นที่ 3/3" in chat.say(OFFICER, "/update")  # /update alone shows the step again
    chat.press(OFFICER, chat.send(OFFICER, "/update"), "✅")
    assert len(chat.updates()) == 1


def test_one_line_update_in_the_middle_keeps_the_place(chat: Chat) -> None:
    chat.send(OFFICER, "/update 1")
    replies = chat.send(OFFICER, "/update 1 ซ่อมฝาย 1 แห่ง เบิกจ่าย 500 บาท")
    assert "บันทึกความคืบหน้าแล้ว" in replies[0].text
    assert "ขั้นที่ 2/3" in replies[-1].text
    assert len(chat.updates()) == 1


def test_cancel_ends_it_and_its_buttons(chat: Chat) -> None:
    chat.send(OFFICER, "/update 1")
    confirm = chat.send(OFFICER, TEXT)
    assert "ยกเลิกแล้ว" in chat.say(OFFICER, "/cancel")
    assert "สิ้นสุดไปแล้ว" in text_of(chat.press(OFFICER, confirm, "✅"))
    assert "ไม่มีรายการที่ค้างอยู่" in chat.say(OFFICER, "/cancel")
    chat.nothing_stored()
    # A question afterwards is a question again.
    assert "ขั้นที่" not in chat.say(OFFICER, "ธนาคารขยะตั้งแล้วกี่แห่ง")


def test_cancel_button(chat: Chat) -> None:
    first = chat.send(OFFICER, "/update")
    assert "ยกเลิก" in text_of(chat.press(OFFICER, first, "✖"))
    assert open_conversations(chat) == 0


def test_time_out_after_30_minutes_says_so(chat: Chat) -> None:
    chat.send(OFFICER, "/update 1")
    confirm = chat.send(OFFICER, TEXT)
    chat.clock.advance(minutes=29)
    assert "ขั้นที่ 3/3" in chat.say(OFFICER, "/update")  # still there, and the clock restarts
    chat.clock.advance(minutes=30, seconds=1)
    expired = text_of(chat.press(OFFICER, confirm, "✅"))
    assert "หมดเวลา" in expired and "30 นาที" in expired
    chat.nothing_stored()
    assert open_conversations(chat) == 0


def test_message_after_the_time_out_is_told_and_not_stored(chat: Chat) -> None:
    chat.send(OFFICER, "/update 1")
    chat.clock.advance(minutes=45)
    reply = chat.say(OFFICER, TEXT)
    assert "หมดเวลา" in reply and "ยังไม่ได้บันทึก" in reply
    chat.nothing_stored()
    # The next message is an ordinary question again.
    assert "หมดเวลา" not in chat.say(OFFICER, "ธนาคารขยะตั้งแล้วกี่แห่ง")


def test_command_after_the_time_out_is_served_with_the_notice(chat: Chat) -> None:
    chat.send(OFFICER, "/update 1")
    chat.clock.advance(hours=2)
    replies = chat.send(OFFICER, "/whoami")
    assert "หมดเวลา" in replies[0].text and "officer" in replies[1].text


def test_conversation_survives_a_restart(make_app: Callable[..., Any], db_url: str,
                                         tmp_path: Path) -> None:
    app = make_app(database_url=db_url)
    clock = Clock(NOW)
    chat = Chat(app, clock)
    chat.register(OFFICER, "officer")
    first = chat.send(OFFICER, "/update")
    chat.press(OFFICER, first, "[1]")
    # Another core (another worker, or the same after a restart) on the same database.
    other = Chat(app, clock, core=Core(app.db, app.index, clock=clock))
    confirm = other.send(OFFICER, TEXT)
    assert "ขั้นที่ 3/3" in text_of(confirm)
    chat.press(OFFICER, confirm, "✅")
    assert len(chat.updates()) == 1


def test_another_users_button_is_refused(chat: Chat) -> None:
    chat.register("telegram:5102", "officer")
    chat.send(OFFICER, "/update 1")
    confirm = chat.send(OFFICER, TEXT)
    assert "ผู้ใช้อื่น" in text_of(chat.press("telegram:5102", confirm, "✅"))
    chat.nothing_stored()
    chat.register("telegram:5103", "staff")
    assert "ผู้ใช้อื่น" in text_of(chat.press("telegram:5103", confirm, "✅"))


def test_button_of_an_earlier_step_is_stale(chat: Chat) -> None:
    first = chat.send(OFFICER, "/update")
    chat.press(OFFICER, first, "[1]")
    chat.send(OFFICER, TEXT)
    stale = text_of(chat.press(OFFICER, first, "[1]"))
    assert "ขั้นตอนก่อนหน้า" in stale and "ขั้นที่ 3/3" in stale
    chat.nothing_stored()


@pytest.mark.parametrize("data", ["/btn", "/btn x", "/btn 1.1", "/btn 99999999999.1 save",
                                  "/btn 1.1 save:99999999999", "/btn -1.1 save"])
def test_malformed_or_unknown_buttons(sqlite_chat: Chat, data: str) -> None:
    assert "ใช้ไม่ได้" in sqlite_chat.say(OFFICER, data)
    sqlite_chat.nothing_stored()


def test_unregistered_user_cannot_press_or_start(sqlite_chat: Chat) -> None:
    chat = sqlite_chat
    first = chat.send(OFFICER, "/update")
    replies = chat.core.handle(Message("telegram", "999", first[0].buttons[0].data,
                                       message_id="x1"))
    assert "ยังไม่ได้รับสิทธิ์" in replies[0].text
    chat.register("telegram:5104", "staff")
    assert "officer" in chat.say("telegram:5104", "/update")


def test_role_taken_away_before_save_stores_nothing(sqlite_chat: Chat) -> None:
    chat = sqlite_chat
    chat.send(OFFICER, "/update 1")
    confirm = chat.send(OFFICER, TEXT)
    chat.register(OFFICER, "staff")
    assert "ไม่สามารถบันทึก" in text_of(chat.press(OFFICER, confirm, "✅"))
    chat.nothing_stored()


def test_conversation_only_takes_messages_from_its_own_chat(sqlite_chat: Chat) -> None:
    chat = sqlite_chat
    chat.send(OFFICER, "/update 1", chat_id="5101")
    reply = chat.say(OFFICER, "ธนาคารขยะตั้งแล้วกี่แห่ง", chat_id="-100200")  # a group
    assert "ขั้นที่" not in reply
    assert "ขั้นที่ 3/3" in chat.say(OFFICER, TEXT, chat_id="5101")


# -- photos --------------------------------------------------------------------------------------
def test_photo_is_kept_with_the_saved_update(chat: Chat) -> None:
    chat.send(OFFICER, "/update 1")
    got = text_of(chat.send(OFFICER, "", attachment=photo(png())))
    assert "รับรูปประกอบแล้ว" in got
    confirm = chat.send(OFFICER, TEXT)
    assert "รูปประกอบ: 1 ไฟล์" in text_of(confirm)
    again = text_of(chat.send(OFFICER, "", attachment=photo(png())))  # the same message again
    assert "ได้รับไว้แล้ว" in again
    chat.press(OFFICER, chat.send(OFFICER, "/update"), "✅")
    [row] = chat.updates()
    with chat.app.db.read() as s:
        [ev] = s.scalars(select(UpdateEvidence)).all()
        assert (ev.update_id, ev.mime, ev.width, ev.height) == (row.id, "image/png", 8, 6)
        assert ev.data == png()


def test_photo_caption_is_the_progress_text(chat: Chat) -> None:
    chat.send(OFFICER, "/update 1")
    reply = text_of(chat.send(OFFICER, TEXT, attachment=photo(png(), "p2")))
    assert "รับรูปประกอบแล้ว" in reply and "ขั้นที่ 3/3" in reply and "รูปประกอบ: 1 ไฟล์" in reply


@pytest.mark.parametrize(("data", "why"), [
    (b"%!PS-Adobe not an image", "ไม่ใช่รูปภาพ"),
    (b"", "ว่างเปล่า"),
    (png()[:40], "ไม่ใช่รูปภาพ"),  # cut short
    (b"GIF89a" + b"\x00" * 10, "ไม่ใช่รูปภาพ"),
])
def test_a_file_that_is_not_an_image_is_refused(sqlite_chat: Chat, data: bytes, why: str) -> None:
    chat = sqlite_chat
    chat.send(OFFICER, "/update 1")
    reply = text_of(chat.send(OFFICER, "", attachment=photo(data, "bad")))
    assert why in reply and "ไม่ได้เก็บ" in reply
    assert chat.count(UpdateEvidence) == 0


def test_a_30_mb_file_is_refused_before_it_is_downloaded(sqlite_chat: Chat) -> None:
    chat = sqlite_chat
    chat.send(OFFICER, "/update 1")

    def never(limit: int) -> bytes:
        raise AssertionError("downloaded a file that is known to be too large")

    big = Attachment(kind="photo", source_id="big", fetch=never, size=30 * 1024 * 1024)
    assert "ใหญ่เกินไป" in text_of(chat.send(OFFICER, "", attachment=big))
    # A platform that states no size: the download is checked as it comes.
    huge = Attachment(kind="photo", source_id="huge", fetch=lambda limit: b"\0" * (limit + 1))
    assert "ใหญ่เกินไป" in text_of(chat.send(OFFICER, "", attachment=huge))
    assert chat.count(UpdateEvidence) == 0


def test_decompression_bomb_is_refused(sqlite_chat: Chat) -> None:
    chat = sqlite_chat
    chat.send(OFFICER, "/update 1")
    out = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(out, "PNG")  # 100 megapixels in a few KB
    assert len(out.getvalue()) < MAX_EVIDENCE_BYTES
    assert "ใหญ่เกินไป" in text_of(chat.send(OFFICER, "", attachment=photo(out.getvalue(), "b")))


def test_photos_without_a_conversation_or_before_the_project(sqlite_chat: Chat) -> None:
    chat = sqlite_chat
    assert "/update" in text_of(chat.send(OFFICER, "", attachment=photo(png(), "x1")))
    chat.send(OFFICER, "/update")
    assert "เลือกโครงการก่อน" in text_of(chat.send(OFFICER, "", attachment=photo(png(), "x2")))
    assert chat.count(UpdateEvidence) == 0


def test_cancelled_conversation_takes_its_photos_with_it(sqlite_chat: Chat) -> None:
    chat = sqlite_chat
    chat.send(OFFICER, "/update 1")
    chat.send(OFFICER, "", attachment=photo(png(), "c1"))
    chat.send(OFFICER, "/cancel")
    assert chat.count(UpdateEvidence) == 0


def test_undo_removes_the_photos_too(sqlite_chat: Chat) -> None:
    chat = sqlite_chat
    chat.send(OFFICER, "/update 1")
    chat.send(OFFICER, "", attachment=photo(png(), "u1"))
    chat.press(OFFICER, chat.send(OFFICER, TEXT), "✅")
    assert chat.count(UpdateEvidence) == 1
    assert "ยกเลิกรายงาน" in chat.say(OFFICER, "/undo")
    assert chat.count(UpdateEvidence) == 0


# -- end to end: Telegram ------------------------------------------------------------------------
def test_telegram_guided_update_with_photo(make_app: Callable[..., Any]) -> None:
    app = make_app()
    clock = Clock(NOW)
    Chat(app, clock).register("telegram:5201", "officer")
    core = Core(app.db, app.index, clock=clock)
    image = png((40, 30))
    with FakeTelegram(token="123456:FIELD-token_ABCdef") as fake:
        fake.add_file("big-photo", image, name="photo.jpg", folder="photos")

        def scenario() -> None:
            fake.push(message_update("/update", 5201))
            step1 = fake.wait_for("sendMessage", tg_to(5201))
            project = next(b for b in tg_buttons(step1) if b["text"].startswith("[1]"))
            fake.push(callback_update(project["callback_data"], 5201))
            step2 = fake.wait_for("sendMessage", lambda c: "ขั้นที่ 2/3" in tg_plain(c))
            assert fake.wait_for("answerCallbackQuery")
            assert step2.params["reply_markup"]
            fake.push(photo_update(5201, "big-photo", len(image)))
            fake.wait_for("sendMessage", lambda c: "รับรูปประกอบแล้ว" in tg_plain(c))
            fake.push(message_update(TEXT, 5201))
            confirm = fake.wait_for("sendMessage", lambda c: "ขั้นที่ 3/3" in tg_plain(c)
                                    and "รูปประกอบ: 1 ไฟล์" in tg_plain(c))
            rows = confirm.params["reply_markup"]["inline_keyboard"]
            assert [b["text"] for b in rows[0]] == ["✅ บันทึก", "✏️ แก้ไข",
                                                    "✖ ยกเลิก"]
            save = rows[0][0]["callback_data"]
            fake.push(callback_update(save, 5201))
            fake.wait_for("sendMessage", lambda c: "บันทึกความคืบหน้าแล้ว" in tg_plain(c))
            fake.push(callback_update(save, 5201))  # pressed again
            fake.wait_for("sendMessage", lambda c: "ไม่บันทึกซ้ำ" in tg_plain(c))
            assert [c.params["file_id"] for c in fake.calls_of("getFile")] == ["big-photo"]

        tg_drive(core, tg_settings(app.settings, fake), scenario)
        fake.assert_clean()
    with app.db.read() as s:
        [ev] = s.scalars(select(UpdateEvidence)).all()
        assert ev.update_id is not None and ev.data == image and ev.mime == "image/png"
    assert len(Chat(app, clock).updates()) == 1


def test_telegram_photo_over_the_limit_is_not_downloaded(make_app: Callable[..., Any]) -> None:
    app = make_app()
    clock = Clock(NOW)
    Chat(app, clock).register("telegram:5202", "officer")
    core = Core(app.db, app.index, clock=clock)
    with FakeTelegram(token="123456:FIELD-token_ABCdef") as fake:

        def scenario() -> None:
            fake.push(message_update("/update 1", 5202))
            fake.wait_for("sendMessage", lambda c: "ขั้นที่ 2/3" in tg_plain(c))
            fake.push(photo_update(5202, "huge", 30 * 1024 * 1024))
            fake.wait_for("sendMessage", lambda c: "ใหญ่เกินไป" in tg_plain(c))
            assert not fake.calls_of("getFile")

        tg_drive(core, tg_settings(app.settings, fake), scenario)
        fake.assert_clean()


def _library_size(app: Any) -> int:
    """Documents other than progress updates (those sent in chat included)."""
    with app.db.read() as s:
        return len(s.scalars(select(Document.id).where(Document.kind != "update")).all())


def test_telegram_photos_are_evidence_and_documents_go_to_the_library(
    make_app: Callable[..., Any]
) -> None:
    """A photo is the update's evidence; a document (even mid-update) is a library upload.

    One ``getFile`` serves both; the document never becomes evidence and the photo never
    reaches the uploads, and the conversation keeps its place around the upload.
    """
    app = make_app()
    clock = Clock(NOW)
    chat = Chat(app, clock)
    chat.register("telegram:5203", "editor")
    chat.register("telegram:5204", "officer")
    core = Core(app.db, app.index, clock=clock)
    image = png((30, 20))
    pdf = (FILES / "report_pages.pdf").read_bytes()
    library_before = _library_size(app)
    with FakeTelegram(token="123456:FIELD-token_ABCdef") as fake:
        fake.add_file("ph", image, name="photo.jpg", folder="photos")
        fake.add_file("doc-pdf", pdf, name="report_pages.pdf")

        def scenario() -> None:
            fake.push(message_update("/update 1", 5203))
            fake.wait_for("sendMessage", lambda c: "ขั้นที่ 2/3" in tg_plain(c))
            fake.push(photo_update(5203, "ph", len(image)))
            fake.wait_for("sendMessage", lambda c: "รับรูปประกอบแล้ว" in tg_plain(c))
            fake.push(document_update("doc-pdf", "report_pages.pdf", len(pdf), 5203,
                                      mime_type="application/pdf"))
            added = fake.wait_for("sendMessage", lambda c: "5 หน้า" in tg_plain(c), timeout=60)
            assert tg_plain(added).startswith("✅")
            fake.push(message_update(TEXT, 5203))
            fake.wait_for("sendMessage", lambda c: "ขั้นที่ 3/3" in tg_plain(c)
                          and "รูปประกอบ: 1 ไฟล์" in tg_plain(c))
            # an officer's document mid-update is refused as an upload, not kept as evidence
            fake.push(message_update("/update 1", 5204))
            fake.wait_for("sendMessage", lambda c: tg_to(5204)(c) and "ขั้นที่ 2/3" in tg_plain(c))
            fake.push(document_update("doc-pdf", "a.pdf", len(pdf), 5204,
                                      mime_type="application/pdf"))
            fake.wait_for("sendMessage", lambda c: tg_to(5204)(c) and "editor" in tg_plain(c))
            assert sorted(c.params["file_id"] for c in fake.calls_of("getFile")) == [
                "doc-pdf", "ph"]
            assert sorted(p for p, _ in fake.downloads) == sorted(
                [fake.files["doc-pdf"][0], fake.files["ph"][0]])

        tg_drive(core, tg_settings(app.settings, fake), scenario)
        fake.assert_clean()
    with app.db.read() as s:
        [ev] = s.scalars(select(UpdateEvidence)).all()
        assert ev.data == image and ev.update_id is None  # not saved yet: still at step 3
    assert _library_size(app) == library_before + 1


# -- end to end: LINE ----------------------------------------------------------------------------
@pytest.fixture
def line_fake() -> Iterator[FakeLine]:
    with FakeLine(token=LINE_TOKEN) as f:
        yield f
    assert not f.errors, f.errors


def test_line_guided_update_with_image_and_quick_replies(
    make_app: Callable[..., Any], line_fake: FakeLine
) -> None:
    app = make_app()
    clock = Clock(NOW)
    user = "U" + "b" * 32
    chat = Chat(app, clock)
    chat.register(f"line:{user}", "officer")
    add_projects(chat, 15)
    image = png((20, 20))
    line_fake.add_content("7001", image)
    core = Core(app.db, app.index, clock=clock)
    with line_running(app, core, line_fake) as bot:
        bot.send(line_text(user, "/update"))
        actions = bot.quick_replies()
        assert len(actions) <= 13 and all(a["type"] == "postback" for a in actions)
        assert any("เพิ่มเติม" in a["label"] for a in actions)
        bot.send(line_postback(user, bot.postback_of("[1]")))
        assert "ขั้นที่ 2/3" in bot.last_text()
        bot.send(line_image(user, "7001"))
        assert "รับรูปประกอบแล้ว" in bot.last_text()
        bot.send(line_text(user, TEXT))
        assert "ขั้นที่ 3/3" in bot.last_text() and "รูปประกอบ: 1 ไฟล์" in bot.last_text()
        assert [a["label"] for a in bot.quick_replies()] == [
            "✅ บันทึก", "✏️ แก้ไข", "✖ ยกเลิก"]
        save = bot.postback_of("✅")
        bot.send(line_postback(user, save))
        assert "บันทึกความคืบหน้าแล้ว" in bot.last_text()
        bot.send(line_postback(user, save))
        assert "ไม่บันทึกซ้ำ" in bot.last_text()
    [row] = chat.updates()
    assert row.platform == "line" and row.external_user_id == user
    with app.db.read() as s:
        [ev] = s.scalars(select(UpdateEvidence)).all()
        assert ev.update_id == row.id and ev.data == image


def test_line_image_that_is_not_an_image(make_app: Callable[..., Any],
                                         line_fake: FakeLine) -> None:
    app = make_app()
    clock = Clock(NOW)
    user = "U" + "c" * 32
    Chat(app, clock).register(f"line:{user}", "officer")
    line_fake.add_content("7002", b"MZ\x90\x00 an executable, named like a photo")
    core = Core(app.db, app.index, clock=clock)
    with line_running(app, core, line_fake) as bot:
        bot.send(line_text(user, "/update 1"))
        bot.send(line_image(user, "7002"))
        assert "ไม่ใช่รูปภาพ" in bot.last_text()
    with app.db.read() as s:
        assert not s.scalars(select(UpdateEvidence)).all()


def test_line_images_are_evidence_and_files_go_to_the_library(
    make_app: Callable[..., Any], line_fake: FakeLine
) -> None:
    """LINE: an image message is the update's evidence, a file message a library upload,
    both fetched from the one message-content endpoint; the buttons stay postbacks."""
    app = make_app()
    clock = Clock(NOW)
    user = "U" + "e" * 32
    chat = Chat(app, clock)
    chat.register(f"line:{user}", "editor")
    image = png((24, 24))
    pdf = (FILES / "report_pages.pdf").read_bytes()
    line_fake.add_content("7101", image)
    line_fake.add_content("7102", pdf)
    core = Core(app.db, app.index, clock=clock)
    library_before = _library_size(app)
    with line_running(app, core, line_fake) as bot:
        bot.send(line_text(user, "/update 1"))
        assert "ขั้นที่ 2/3" in bot.last_text()
        bot.send(line_image(user, "7101"))
        assert "รับรูปประกอบแล้ว" in bot.last_text()
        bot.send(line_event("message", user, message={
            "id": "7102", "type": "file", "fileName": "report_pages.pdf",
            "fileSize": len(pdf)}))
        assert bot.last_text().startswith("✅") and "5 หน้า" in bot.last_text()
        bot.send(line_text(user, TEXT))
        assert "ขั้นที่ 3/3" in bot.last_text() and "รูปประกอบ: 1 ไฟล์" in bot.last_text()
        assert all(a["type"] == "postback" for a in bot.quick_replies())
        bot.send(line_postback(user, bot.postback_of("✅")))
        assert "บันทึกความคืบหน้าแล้ว" in bot.last_text()
    assert sorted(m for m, _ in line_fake.downloads) == ["7101", "7102"]
    [row] = chat.updates()
    with app.db.read() as s:
        [ev] = s.scalars(select(UpdateEvidence)).all()
        assert ev.update_id == row.id and ev.data == image
    assert _library_size(app) == library_before + 1


# -- end to end: the console ---------------------------------------------------------------------
def test_console_buttons_are_numbered_and_pressed_by_number(run: Any, tmp_path: Path) -> None:
    home = tmp_path / "console"
    assert run(home, "users", "add", "console:field2", "--role", "officer").code == 0
    result = run(home, "chat", "--user", "field2", stdin=f"/update\n1\n{TEXT}\n1\n")
    assert result.code == 0, result.err
    out = result.out
    assert "1) ✅ บันทึก" in out and "2) ✏️ แก้ไข" in out
    assert "3) ✖ ยกเลิก" in out
    assert out.index("3) ✖ ยกเลิก") < out.index("✅ บันทึกความคืบหน้าแล้ว")
    listed = run(home, "chat", "--user", "field2", stdin="/myupdates\n")
    assert "เบิกจ่าย 12,000 บาท" in listed.out


# -- two processes on one PostgreSQL --------------------------------------------------------------
def _pg_url() -> str | None:
    from conftest import PG_URL, _pg_available

    return PG_URL if _pg_available() else None


def _sdgbot(home: Path, url: str, stdin: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SDGBOT_HOME": str(home), "DATABASE_URL": url,
           "PYTHAINLP_OFFLINE": "1"}
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], input=stdin, text=True,
                          capture_output=True, env=env, cwd=ROOT, timeout=300, check=False)


def test_two_processes_on_postgresql_share_a_conversation(tmp_path: Path) -> None:
    url = _pg_url()
    if url is None:
        if os.environ.get("SDGBOT_REQUIRE_PG") == "1":
            pytest.fail("PostgreSQL is required but not reachable")
        pytest.skip("PostgreSQL not reachable")
    from conftest import reset_pg

    reset_pg(url)
    added = _sdgbot(tmp_path / "a", url, "", "users", "add", "console:twoproc",
                    "--role", "officer")
    assert added.returncode == 0, added.stderr
    # Process A starts the conversation and chooses the project, then ends.
    first = _sdgbot(tmp_path / "a", url, "/update\n1\n", "chat", "--user", "twoproc")
    assert "ขั้นที่ 2/3" in first.stdout, first.stdout + first.stderr
    # Process B (another data folder, the same database) types the text and saves.
    second = _sdgbot(tmp_path / "b", url, f"{TEXT}\n1\n", "chat", "--user", "twoproc")
    assert "ขั้นที่ 3/3" in second.stdout and "✅ บันทึกความคืบหน้าแล้ว" in second.stdout, \
        second.stdout + second.stderr


def test_one_line_update_replaces_an_update_waiting_for_its_confirmation(chat: Chat) -> None:
    # A tester's guided update waited at its confirmation (an over-budget amount); a
    # one-line update was saved, the old confirmation was shown again after it, and the
    # next "1" (its first button) saved twenty million baht.  The new update replaces
    # the old draft, which is said, and nothing of the old one is saved.
    chat.send(OFFICER, "/update 1")
    assert "ขั้นที่ 3/3" in chat.say(OFFICER, "ซ่อมฝาย 2 แห่ง เบิกจ่าย 900 บาท")
    replies = chat.send(OFFICER, "/update 1 ซ่อมฝาย 1 แห่ง เบิกจ่าย 500 บาท")
    assert "ถูกยกเลิก" in replies[0].text
    assert any("บันทึกความคืบหน้าแล้ว" in r.text for r in replies)
    assert not any("ขั้นที่" in r.text for r in replies[1:])
    assert "ขั้นที่" not in chat.say(OFFICER, "ธนาคารขยะตั้งแล้วกี่แห่ง")
    assert len(chat.updates()) == 1
