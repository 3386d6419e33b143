"""Two amounts disbursed, or an amount in another currency, are never saved as one baht figure.

The faults: ``/update 1 เบิกจ่าย 100,000 บาท และ 50,000 บาท`` was saved at once as
100,000 (the second amount dropped without a word), and ``/update 1 เบิกจ่าย 1,000
ดอลลาร์`` as 1,000 baht.  Both are read by one reader (:func:`read_update_text`) for the
one-line ``/update``, the guided update and ``/edit`` alike (LINE and Telegram share
the core), so each path is checked: asked or refused, nothing saved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from field_harness import Chat, Clock, text_of

from knowledge.thai import extract_update_fields

NOW = dt.datetime(2023, 2, 15, 3, 0, tzinfo=dt.UTC)  # 2/2566 in Bangkok
OFFICER = "telegram:5401"

TWO_AMOUNTS = [
    ("เบิกจ่าย 100,000 บาท และ 50,000 บาท", "100,000 บาท และ 50,000 บาท"),
    ("จ่ายค่าวัสดุ 12,500 บาท และค่าวิทยากร 3,600 บาท", "12,500 บาท และ 3,600 บาท"),
    ("เบิกจ่ายได้ 20,000 บาท ซื้อวัสดุเพิ่ม 5,000 บาท", "20,000 บาท และ 5,000 บาท"),
    ("เบิกจ่ายสะสม 100,000 บาท ต่อมาเบิกจ่ายสะสม 150,000 บาท", "100,000 บาท และ 150,000 บาท"),
]
FOREIGN = ["เบิกจ่าย 1,000 ดอลลาร์", "เบิกจ่าย 500 ยูโร", "ใช้งบไป 20,000 เยน",
           "เบิกจ่าย 3,000 หยวน", "เบิกจ่าย 200 ปอนด์", "เบิกจ่าย 2 ล้านดอลลาร์",
           "เบิกจ่าย 1,000 เหรียญสหรัฐ", "เบิกจ่าย $1,000", "เบิกจ่าย €500", "เบิกจ่าย ¥20,000",
           "เบิกจ่าย 1,000 USD", "เบิกจ่าย 1,000 เยนญี่ปุ่น", "ค่าอาหาร 1,000 วอน"]
FOREIGN_EN = ["disbursed 1,000 US dollars", "spent $1,000 on materials", "paid EUR 500",
              "disbursed 2 million dollars", "spent 300 pounds"]


@pytest.fixture
def chat(make_app: Callable[..., Any]) -> Chat:
    return Chat.with_users(make_app(), Clock(NOW), {OFFICER: "officer"})


@pytest.mark.parametrize(("typed", "said"), TWO_AMOUNTS)
def test_two_amounts_disbursed_are_asked_about(chat: Chat, typed: str, said: str) -> None:
    reply = chat.say(OFFICER, f"/update 1 {typed}")
    assert said in reply and "ค่าใดถูกต้อง" in reply and "ยังไม่ได้บันทึก" in reply, reply
    chat.nothing_stored()


def test_two_amounts_in_english_are_asked_in_english(chat: Chat) -> None:
    reply = chat.say(OFFICER, "/update 1 disbursed 100,000 baht and 50,000 baht")
    assert "Which one is right?" in reply and "100,000 baht and 50,000 baht" in reply, reply
    assert "ค่า" not in reply
    chat.nothing_stored()


def test_two_amounts_are_asked_in_the_guided_update_too(chat: Chat) -> None:
    chat.send(OFFICER, "/update 1")
    reply = chat.say(OFFICER, "เบิกจ่าย 100,000 บาท และ 50,000 บาท")
    assert "ค่าใดถูกต้อง" in reply and "ขั้นที่ 3/3" not in reply, reply
    chat.nothing_stored()


def test_an_edit_with_two_amounts_is_refused(make_app: Callable[..., Any]) -> None:
    chat = Chat.with_approvals(make_app(), Clock(NOW), {OFFICER: "officer"})
    chat.say(OFFICER, "/update 1 เบิกจ่าย 12,000 บาท")
    uid = chat.updates()[0].id
    reply = chat.say(OFFICER, f"/edit {uid} เบิกจ่าย 12,000 บาท และ 8,000 บาท")
    assert "ค่าใดถูกต้อง" in reply, reply
    assert chat.updates()[0].amount_baht == Decimal(12_000)
    reply = chat.say(OFFICER, f"/edit {uid} เบิกจ่าย 12,000 ดอลลาร์")
    assert "สกุลอื่น" in reply and chat.updates()[0].amount_baht == Decimal(12_000), reply


@pytest.mark.parametrize("typed", [
    "เป้าหมายการเบิกจ่าย 900,000 บาท เบิกจ่ายได้ 100,000 บาท",
    "เบิกจ่าย 100,000 บาท จากงบ 900,000 บาท คงเหลือ 800,000 บาท",
    "เบิกจ่าย 20,000 บาท ยอดเบิกจ่ายสะสม 120,000 บาท",
    "เบิกจ่าย 1.2 ล้านบาท (1,200,000 บาท)",
    "ได้รับจัดสรร 500,000 บาท ใช้งบไป 45,000 บาท",
    "budget 900,000 baht, disbursed 100,000 baht, remaining 800,000 baht",
])
def test_amounts_of_other_roles_are_no_second_disbursement(typed: str) -> None:
    fields = extract_update_fields(typed)
    assert len(fields.amounts) == 1 and len(fields.cumulative_amounts) <= 1, fields


@pytest.mark.parametrize("typed", FOREIGN)
def test_an_amount_in_another_currency_is_refused(chat: Chat, typed: str) -> None:
    reply = chat.say(OFFICER, f"/update 1 {typed}")
    assert "สกุลอื่น" in reply and "เฉพาะจำนวนเงินเป็นบาท" in reply, reply
    assert "บันทึกความคืบหน้าแล้ว" not in reply
    chat.nothing_stored()
    assert extract_update_fields(typed).amount_baht is None


@pytest.mark.parametrize("typed", FOREIGN_EN)
def test_an_english_amount_in_another_currency_is_refused_in_english(chat: Chat,
                                                                     typed: str) -> None:
    reply = chat.say(OFFICER, f"/update 1 {typed}")
    assert "only amounts in baht can be recorded" in reply, reply
    chat.nothing_stored()


def test_another_currency_is_refused_in_the_guided_update(chat: Chat) -> None:
    chat.send(OFFICER, "/update 1")
    reply = text_of(chat.send(OFFICER, "เบิกจ่าย 1,000 ดอลลาร์"))
    assert "สกุลอื่น" in reply and "ขั้นที่ 3/3" not in reply, reply
    chat.nothing_stored()


@pytest.mark.parametrize("typed", ["ได้ 3 เหรียญทอง เบิกจ่าย 5,000 บาท",
                                   "เบิกจ่าย 5,000 บาท ที่ร้าน $mart",
                                   "ทำผักดอง 50 ขวด เบิกจ่าย 5,000 บาท",
                                   "ข้อมูลเรียลไทม์ 24 ชั่วโมง เบิกจ่าย 5,000 บาท"])
def test_baht_beside_words_like_a_currency_is_still_baht(typed: str) -> None:
    fields = extract_update_fields(typed)
    assert fields.amount_baht == Decimal(5000) and not fields.foreign, fields
