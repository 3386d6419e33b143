"""A chat follow-up belongs to one conversation: the question just asked, in one language.

Tester 20 (A5): a follow-up after a refused question took the question two turns back
("ใครเป็นประธาน" after a refused reservoir question was read with World Soil Day's
subject); a new ``sdgbot chat`` run, and an English question after Thai ones, were read
as follow-ups of the last run's Thai conversation.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from releases import FILLERS, app_over, news

from bot.answering.followup import asked_again, subject_of
from bot.core import Core, Message

_SOIL_DAY = news(
    31, "งานวันดินโลกปี 2563",
    "ร้อยเอก ธรรมนัส พรหมเผ่า รัฐมนตรีช่วยว่าการกระทรวงเกษตรและสหกรณ์ เป็นประธานเปิดงาน"
    "วันดินโลกปี 2563 ณ กรมพัฒนาที่ดิน มีผู้ร่วมงานกว่า 3,000 คน", "2020-12-05")


def _core(app: Any, clock: list[dt.datetime]) -> Core:
    return Core(app.db, app.index, clock=lambda: clock[0])


def _ask(core: Core, text: str, n: int) -> str:
    [reply] = core.handle(Message("console", "local", text, message_id=f"fu{n}"))
    return reply.text


def test_a_follow_up_after_a_refused_question_follows_that_question(
        make_app: Callable[..., Any], tmp_path: Path) -> None:
    app = app_over(make_app, tmp_path, [_SOIL_DAY, *FILLERS])
    core = _core(app, [dt.datetime(2024, 5, 1, 9, 0, tzinfo=dt.UTC)])
    first = _ask(core, "งานวันดินโลกปี 2563 จัดที่ไหน", 1)
    assert "กรมพัฒนาที่ดิน" in first, first
    refused = _ask(core, "อ่างเก็บน้ำลำไตรมาศเปิดเมื่อไร", 2)
    assert "ดินโลก" not in refused
    then = _ask(core, "ใครเป็นประธาน", 3)
    assert "วันดินโลก" not in then and "ธรรมนัส" not in then, then
    assert "อ่างเก็บน้ำลำไตรมาศ" in then, then  # read as a follow-up of the refused one


def test_an_english_question_is_no_follow_up_of_a_thai_one(
        make_app: Callable[..., Any], tmp_path: Path) -> None:
    app = app_over(make_app, tmp_path, [_SOIL_DAY, *FILLERS])
    core = _core(app, [dt.datetime(2024, 5, 1, 9, 0, tzinfo=dt.UTC)])
    _ask(core, "ใครเป็นประธานงานวันดินโลกปี 2563", 1)
    then = _ask(core, "When did they travel?", 2)
    assert "follow-up" not in then and "ธรรมนัส" not in then, then


def test_a_new_console_run_is_a_new_conversation(
        make_app: Callable[..., Any], tmp_path: Path) -> None:
    from bot.adapters.console import run_console

    app = app_over(make_app, tmp_path, [_SOIL_DAY, *FILLERS])
    out = io.StringIO()
    assert run_console(app, user_id="local", stdin=io.StringIO(
        "ใครเป็นประธานงานวันดินโลกปี 2563\n"), stdout=out) == 0
    assert "ธรรมนัส" in out.getvalue()
    again = io.StringIO()
    assert run_console(app, user_id="local", stdin=io.StringIO("มีผู้ร่วมงานกี่คน\n"),
                       stdout=again) == 0
    assert "ถามต่อจากคำถามก่อน" not in again.getvalue(), again.getvalue()
    # Within one run the follow-up is still read.
    within = io.StringIO()
    assert run_console(app, user_id="local", stdin=io.StringIO(
        "ใครเป็นประธานงานวันดินโลกปี 2563\nมีผู้ร่วมงานกี่คน\n"), stdout=within) == 0
    assert "ถามต่อจากคำถามก่อน" in within.getvalue(), within.getvalue()


def test_a_what_about_follow_up_keeps_the_whole_asking_phrase() -> None:
    # "แล้วนายอำเภอท่าวุ้งล่ะ" after "…ชื่ออะไร" asks the name, not "นายอำเภอท่าวุ้งอะไร".
    assert asked_again("แล้วนายอำเภอท่าวุ้งล่ะ", "ผู้ว่าราชการจังหวัดลพบุรีชื่ออะไร") == \
        "นายอำเภอท่าวุ้งชื่ออะไร"
    assert subject_of("ผู้ว่าราชการจังหวัดลพบุรีชื่ออะไร") == "ผู้ว่าราชการจังหวัดลพบุรี"
