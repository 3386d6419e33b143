"""An update filed under a quarter named with a Common Era year says how it was read.

tester18 #16: ``/update 1 disbursed 5,000 baht Q2 2023`` was filed under 2/2566
(January–March 2023) with no word that 2023 was read as a Common Era fiscal year; a
calendar reading of "Q2 2023" is April–June 2023 (3/2566).  Every echo of an update
(the one-line ``/update``, the guided update, ``/edit``) now says which quarter and
months it became.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from field_harness import Chat, Clock

from bot.conversation.drafts import ce_quarter_note
from knowledge.thai import FiscalQuarter

NOW = dt.datetime(2023, 2, 15, 3, 0, tzinfo=dt.UTC)  # 2/2566 in Bangkok
OFFICER = "telegram:5421"


@pytest.fixture
def chat(make_app: Callable[..., Any]) -> Chat:
    return Chat.with_users(make_app(), Clock(NOW), {OFFICER: "officer"})


@pytest.mark.parametrize("text", ["disbursed 5,000 baht Q2 2023", "disbursed 5,000 baht Q2/2023",
                                  "disbursed 5,000 baht FY2023 Q2"])
def test_the_english_echo_says_2023_was_read_as_ce(chat: Chat, text: str) -> None:
    reply = chat.say(OFFICER, f"/update 1 {text}")
    assert "Quarter: 2/2566" in reply, reply
    assert "Common Era" in reply and "1 January 2023" in reply and "Q3 2566" in reply, reply


def test_the_thai_echo_says_it_in_thai(chat: Chat) -> None:
    reply = chat.say(OFFICER, "/update 1 เบิกจ่าย 5,000 บาท ไตรมาส 2/2023")
    assert "ไตรมาส: 2/2566" in reply and "ค.ศ." in reply and "ไตรมาส 2 ปีงบประมาณ 2566" in reply
    assert "ไตรมาส 3/2566" in reply, reply


def test_the_guided_update_says_it_before_saving(chat: Chat) -> None:
    chat.send(OFFICER, "/update 1")
    reply = chat.say(OFFICER, "disbursed 5,000 baht Q2 2023")
    assert "Common Era" in reply and "not saved" in reply.lower(), reply


@pytest.mark.parametrize("text", ["เบิกจ่าย 5,000 บาท ไตรมาส 2/2566", "ซื้อ 2023 ชิ้น เบิกจ่าย 5,000 บาท",
                                  "disbursed 5,000 baht Q2 2566"])
def test_no_note_without_a_ce_year_in_a_quarter(text: str) -> None:
    assert ce_quarter_note(text, FiscalQuarter(2566, 2)) is None
    assert ce_quarter_note(text, FiscalQuarter(2566, 3)) is None
