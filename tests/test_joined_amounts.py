"""An amount joined to the one before by "และ", "กับ" or a comma takes that amount's role.

The fault: ``/update 1 ได้รับงบ 1 ล้านบาท และ 2 แสนบาท`` was saved as disbursed 200,000
baht: each amount was judged only by the cue word right before it, and the 2 แสนบาท after
"และ" had none, so it was read as a free amount, i.e. disbursed.  Joined by a joiner
alone, an amount inherits the role (and the running total) of the one before; joined by
a joiner and then words that are no cue, after an amount of another role, its role cannot
be told and the officer is asked, nothing saved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from field_harness import Chat, Clock

from knowledge.thai import extract_update_fields

NOW = dt.datetime(2023, 2, 15, 3, 0, tzinfo=dt.UTC)  # 2/2566 in Bangkok
OFFICER = "telegram:5402"

#: (text, amount disbursed, payments, running totals): the joined amount's role is its
#: neighbour's, whichever joiner and whichever role.
JOINED = [
    ("ได้รับงบ 1 ล้านบาท และ 2 แสนบาท", None, (), ()),
    ("ได้รับจัดสรรงบประมาณ 1,000,000 บาท, 200,000 บาท", None, (), ()),
    ("เป้าหมายการเบิกจ่าย 500,000 บาท กับ 20,000 บาท", None, (), ()),
    ("คงเหลือ 300,000 บาท และอีก 50,000 บาท", None, (), ()),
    ("วงเงิน 1.2 ล้านบาท (1,200,000 บาท)", None, (), ()),
    ("budget 1,000,000 baht and 200,000 baht", None, (), ()),
    ("ได้รับงบ 1 ล้านบาท และเบิกจ่าย 2 แสนบาท", Decimal(200_000), (Decimal(200_000),), ()),
    ("เบิกจ่าย 1.2 ล้านบาท (1,200,000 บาท)", Decimal(1_200_000), (Decimal(1_200_000),), ()),
    ("เบิกจ่ายสะสม 500,000 บาท และ 20,000 บาท", Decimal(500_000), (),
     (Decimal(500_000), Decimal(20_000))),
]
#: An amount with no word of its own, joined to an amount of another role by "และ" and
#: words that are no cue: asked about.
UNCLEAR = [
    ("ได้รับงบ 1 ล้านบาท และโอนแล้ว 2 แสนบาท", Decimal(200_000)),
    ("เป้าหมาย 500,000 บาท กับดำเนินการ 20,000 บาท", Decimal(20_000)),
]


@pytest.mark.parametrize(("text", "disbursed", "payments", "totals"), JOINED)
def test_a_joined_amount_takes_the_role_of_the_one_before(
        text: str, disbursed: Decimal | None, payments: tuple[Decimal, ...],
        totals: tuple[Decimal, ...]) -> None:
    fields = extract_update_fields(text)
    assert fields.amount_baht == disbursed, text
    assert fields.amounts == payments and fields.cumulative_amounts == totals, fields
    assert fields.unclear_amounts == ()


@pytest.mark.parametrize(("text", "amount"), UNCLEAR)
def test_an_amount_of_unsaid_role_is_no_disbursement(text: str, amount: Decimal) -> None:
    fields = extract_update_fields(text)
    assert fields.amount_baht is None and fields.amounts == ()
    assert fields.unclear_amounts == (amount,)


@pytest.fixture
def chat(make_app: Callable[..., Any]) -> Chat:
    return Chat.with_users(make_app(), Clock(NOW), {OFFICER: "officer"})


def test_the_budget_and_its_joined_amount_are_not_saved_as_disbursed(chat: Chat) -> None:
    chat.say(OFFICER, "/update 1 ได้รับงบ 1 ล้านบาท และ 2 แสนบาท")
    [row] = chat.updates()
    assert row.amount_baht is None


@pytest.mark.parametrize(("text", "amount"), UNCLEAR)
def test_an_unclear_amount_is_asked_about_nothing_saved(chat: Chat, text: str,
                                                        amount: Decimal) -> None:
    reply = chat.say(OFFICER, f"/update 1 {text}")
    assert "ไม่ชัดเจน" in reply and f"{amount:,} บาท" in reply and "ยังไม่ได้บันทึก" in reply, reply
    chat.nothing_stored()


def test_an_unclear_amount_is_asked_in_english_and_in_the_guided_update(chat: Chat) -> None:
    reply = chat.say(OFFICER, "/update 1 budget 1,000,000 baht and transferred 200,000 baht")
    assert "not clear" in reply and "200,000 baht" in reply, reply
    chat.nothing_stored()
    chat.send(OFFICER, "/update 1")
    reply = chat.say(OFFICER, "ได้รับงบ 1 ล้านบาท และโอนแล้ว 2 แสนบาท")
    assert "ไม่ชัดเจน" in reply and "ขั้นที่ 3/3" not in reply, reply
    chat.nothing_stored()
