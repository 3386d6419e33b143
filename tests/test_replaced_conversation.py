"""A new conversation names the one it closed as it was, never as an unsaved report.

The fault: after a saved ``/update`` whose confirmation opened the attach step (📷), a
new ``/update`` said "รายงานที่ค้างไว้ก่อนหน้า (ยังไม่ได้บันทึก) ถูกยกเลิก": the update
was saved, only the attaching closed.  Every place a conversation replaces another
(``/update``, ``/attach ID``, ``/reject ID`` without a reason) says what was closed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from field_harness import Chat, Clock

NOW = dt.datetime(2023, 2, 15, 3, 0, tzinfo=dt.UTC)  # 2/2566 in Bangkok
OFFICER = "telegram:5501"
MANAGER = "telegram:5502"
UNSAVED = "ยังไม่ได้บันทึก) ถูกยกเลิก"


@pytest.fixture
def chat(make_app: Callable[..., Any]) -> Chat:
    return Chat.with_users(make_app(), Clock(NOW), {OFFICER: "officer"})


def _attaching(chat: Chat, text: str = "/update 1 ประชุมติดตามงาน เบิกจ่าย 5,000 บาท") -> int:
    saved = chat.send(OFFICER, text)
    uid = chat.updates()[-1].id
    chat.press(OFFICER, saved, "📷")
    return uid


@pytest.mark.parametrize("again", ["/update 1", "/update ประชุมอีกครั้ง"])
def test_a_new_update_after_the_attach_step_says_the_update_stays_saved(
        chat: Chat, again: str) -> None:
    uid = _attaching(chat)
    reply = chat.say(OFFICER, again)
    assert UNSAVED not in reply, reply
    assert f"ปิดการแนบรูป/PDF ของรายงาน #{uid}" in reply and "บันทึกไว้แล้ว" in reply, reply
    assert len(chat.updates()) == 1


def test_in_english_too(chat: Chat) -> None:
    uid = _attaching(chat, "/update 1 meeting held, disbursed 5,000 baht")
    reply = chat.say(OFFICER, "/update 1")
    assert f"Attaching photos/PDFs to update #{uid} is closed" in reply, reply
    assert "nothing saved" not in reply


def test_an_unfinished_update_is_still_called_unsaved(chat: Chat) -> None:
    chat.send(OFFICER, "/update 1")
    assert UNSAVED in chat.say(OFFICER, "/update 1")


def test_attach_and_reject_name_what_they_closed(make_app: Callable[..., Any]) -> None:
    chat = Chat.with_approvals(make_app(), Clock(NOW), {OFFICER: "officer",
                                                         MANAGER: "manager"})
    chat.say(OFFICER, "/update 1 เบิกจ่าย 12,000 บาท")
    uid = chat.updates()[0].id
    chat.send(OFFICER, "/update 1")  # an unfinished guided update
    reply = chat.say(OFFICER, f"/attach {uid}")
    assert UNSAVED in reply and f"รายงาน #{uid}" in reply, reply
    assert "ปิดการแนบ" in chat.say(OFFICER, "/update 1")
    # A manager typing a reason who starts a rejection of another update is told the
    # first one was not decided.
    chat.clock.advance(hours=1)
    chat.say(OFFICER, "/cancel")
    chat.say(OFFICER, "/update 1 เบิกจ่าย 13,000 บาท ระดับ 2")
    second = chat.updates()[-1].id
    chat.say(MANAGER, f"/reject {uid}")
    reply = chat.say(MANAGER, f"/reject {second}")
    assert f"ไม่อนุมัติรายงาน #{uid}" in reply and "ยังไม่ได้ถูกตัดสิน" in reply, reply
    assert UNSAVED not in reply


def test_cancel_of_the_attach_step_does_not_say_nothing_was_saved(chat: Chat) -> None:
    uid = _attaching(chat)
    reply = chat.say(OFFICER, "/cancel")
    assert "ไม่มีการบันทึกใด ๆ" not in reply and f"รายงาน #{uid} บันทึกไว้แล้ว" in reply, reply
    assert len(chat.updates()) == 1
