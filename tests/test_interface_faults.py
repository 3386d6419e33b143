"""Interface faults a tester found (stale prompts, pages, digits, languages, years, scores).

Each test is one kind of mistake, checked where it can happen: a decided update's
reject-reason prompt closed for every manager, resume notes naming what is pending,
page numbers past the last or unreadable, full-width digits, one clear message when
nothing is saved, English replies without Thai fragments, Christian-era years said so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from field_harness import Chat, Clock

from bot.approvals import ApprovalPolicy
from bot.core import Core

NOW = dt.datetime(2023, 2, 15, 3, 0, tzinfo=dt.UTC)  # 15 Feb 2023 10:00 in Bangkok: 2/2566
OFFICER = "telegram:5101"
MANAGER = "telegram:5201"
MANAGER2 = "line:U" + "5" * 32


@pytest.fixture
def approvals(make_app: Callable[..., Any]) -> Chat:
    app = make_app()
    clock = Clock(NOW)
    chat = Chat(app, clock, Core(app.db, app.index, clock=clock,
                                 approval=ApprovalPolicy.parse("all")))
    chat.register(OFFICER, "officer")
    chat.register(MANAGER, "manager")
    chat.register(MANAGER2, "manager")
    return chat


# -- C. a decided update leaves no prompt behind ----------------------------------------------
@pytest.mark.parametrize("decide", ["/approve {uid}", "/reject {uid} ตัวเลขไม่ตรงกับหลักฐาน",
                                    "button", "undo"])
def test_deciding_an_update_closes_every_reject_prompt_about_it(approvals: Chat,
                                                                 decide: str) -> None:
    chat = approvals
    chat.say(OFFICER, "/update 1 เบิกจ่าย 12,000 บาท")
    uid = chat.updates()[0].id
    for manager in (MANAGER, MANAGER2):  # both asked for a reason, neither typed it
        assert f"เหตุผลที่ไม่อนุมัติรายงาน #{uid}" in chat.say(manager, f"/reject {uid}")
    if decide == "button":
        replies = chat.send(MANAGER, f"/approve {uid}")
        assert "อนุมัติรายงาน" in replies[0].text
    elif decide == "undo":
        assert "ยกเลิกรายงาน" in chat.say(OFFICER, "/undo")
    else:
        chat.say(MANAGER, decide.format(uid=uid))
    for manager in (MANAGER, MANAGER2):
        for _ in range(2):
            later = chat.say(manager, "/whoami")
            assert "กลับมาที่" not in later and "เหตุผลที่ไม่อนุมัติ" not in later, later


def test_resume_note_names_what_is_pending(approvals: Chat) -> None:
    chat = approvals
    chat.say(OFFICER, "/update 1 เบิกจ่าย 12,000 บาท")
    uid = chat.updates()[0].id
    chat.say(MANAGER, f"/reject {uid}")
    later = chat.say(MANAGER, "/whoami")
    assert "↩️ กลับมาที่การพิมพ์เหตุผลที่ไม่อนุมัติ" in later, later
    assert "รายงานความคืบหน้าที่ค้างไว้" not in later
    again = chat.say(MANAGER, "/update")
    assert "เหตุผลที่ไม่อนุมัติ" in again and "ยังอยู่ระหว่างรายงานความคืบหน้า" not in again
