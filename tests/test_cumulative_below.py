"""A running total below the payments already reported is confirmed first, like an amount
over the budget: in ``/update`` on one line, in the guided update, and refused by ``/edit``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from field_harness import Chat, Clock, text_of

from knowledge.models import ProgressUpdate

# 5 Jan 2023 10:00 in Bangkok: quarter 2/2566, while quarter 1/2566 is still open (its
# managers' lists go out until 7 January; a closed quarter would ask for ✅ first).
NOW = dt.datetime(2023, 1, 5, 3, 0, tzinfo=dt.UTC)
OFFICER = "telegram:7501"
MANAGER = "telegram:7601"
LOW = {False: "อบรมเกษตรกร เบิกจ่ายสะสม 100,000 บาท",
       True: "Trained farmers, cumulative disbursement 100,000 baht"}
WARNED = {False: "น้อยกว่ายอดที่รายงานไว้แล้ว", True: "is less than the"}


def _with_payments(chat: Chat) -> None:
    """Two payments of the fiscal year: 60,000 in quarter 1, 50,000 in quarter 2."""
    chat.say(OFFICER, "/update 1 ซื้อวัสดุ เบิกจ่าย 60,000 บาท ไตรมาส 1/2566")
    chat.clock.advance(hours=1)
    chat.say(OFFICER, "/update 1 จ้างเหมา เบิกจ่าย 50,000 บาท")
    chat.clock.advance(hours=1)
    assert chat.count(ProgressUpdate) == 2


@pytest.fixture
def chat(make_app: Callable[..., Any], db_url: str) -> Chat:
    """SQLite and PostgreSQL alike."""
    return Chat.with_users(make_app(database_url=db_url), Clock(NOW),
                           {OFFICER: "officer", MANAGER: "manager"})


@pytest.mark.parametrize("english", [False, True], ids=["th", "en"])
def test_one_line_update_asks_before_saving_a_low_running_total(chat: Chat,
                                                                english: bool) -> None:
    _with_payments(chat)
    replies = chat.send(OFFICER, f"/update 1 {LOW[english]}")
    text = text_of(replies)
    assert WARNED[english] in text, text
    assert ("110,000 baht" if english else "110,000 บาท") in text
    assert ("Not saved yet" in text) if english else ("ยังไม่ได้บันทึก" in text)
    assert chat.count(ProgressUpdate) == 2
    chat.press(OFFICER, replies, "✅")
    assert chat.count(ProgressUpdate) == 3
    assert chat.updates()[-1].amount_baht == Decimal(100_000)


@pytest.mark.parametrize("english", [False, True], ids=["th", "en"])
def test_guided_update_warns_at_its_last_step(chat: Chat, english: bool) -> None:
    _with_payments(chat)
    chat.send(OFFICER, "/update 1")
    confirm = chat.send(OFFICER, LOW[english])
    assert WARNED[english] in text_of(confirm), text_of(confirm)
    assert chat.count(ProgressUpdate) == 2
    chat.press(OFFICER, confirm, "✏️")
    fixed = chat.send(OFFICER, "อบรมเกษตรกร เบิกจ่ายสะสม 130,000 บาท")
    assert WARNED[False] not in text_of(fixed)
    chat.press(OFFICER, fixed, "✅")
    assert chat.updates()[-1].amount_baht == Decimal(130_000)


def test_a_running_total_at_or_above_what_was_reported_is_saved_at_once(chat: Chat) -> None:
    _with_payments(chat)
    saved = chat.say(OFFICER, "/update 1 เบิกจ่ายสะสม 110,000 บาท")
    assert "บันทึกความคืบหน้าแล้ว" in saved and WARNED[False] not in saved
    chat.clock.advance(hours=1)
    # After a running total the payments add to it: 110,000 + 20,000.
    chat.say(OFFICER, "/update 1 เบิกจ่าย 20,000 บาท")
    chat.clock.advance(hours=1)
    assert WARNED[False] in chat.say(OFFICER, "/update 1 เบิกจ่ายสะสม 120,000 บาท")
    # A payment alone (no running total) is never compared.
    assert "บันทึกความคืบหน้าแล้ว" in chat.say(OFFICER, "/update 1 เบิกจ่าย 1,000 บาท")


def test_an_earlier_quarter_s_total_ignores_later_payments(chat: Chat) -> None:
    _with_payments(chat)
    saved = chat.say(OFFICER, "/update 1 เบิกจ่ายสะสม 60,000 บาท ไตรมาส 1/2566")
    assert "บันทึกความคืบหน้าแล้ว" in saved and WARNED[False] not in saved


def test_an_edit_to_a_low_running_total_is_refused(make_app: Callable[..., Any]) -> None:
    chat = Chat.with_approvals(make_app(), Clock(NOW), {OFFICER: "officer"})
    _with_payments(chat)
    chat.say(OFFICER, "/update 1 เบิกจ่ายสะสม 120,000 บาท")
    uid = chat.updates()[-1].id
    reply = chat.say(OFFICER, f"/edit {uid} {LOW[False]}")
    assert WARNED[False] in reply and "ยังไม่ได้แก้ไข" in reply, reply
    assert chat.updates()[-1].amount_baht == Decimal(120_000)
    # Its own old figure does not count against the new one.
    assert "✏️" in chat.say(OFFICER, f"/edit {uid} เบิกจ่ายสะสม 115,000 บาท")

