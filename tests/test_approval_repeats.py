"""An update told of again says its approval as the first confirmation said it.

A message delivered a second time (Telegram, LINE: caught by its message id), the same
text sent again within the duplicate window (one-line or guided), a ✅ pressed again:
each reply about the update saved before carries the ⏳ "waiting for approval" note
while it waits, and no word of approval where none applies (``SDGBOT_APPROVAL`` unset,
or the project outside its scope).  A decision made since is told instead.  Thai and
English alike.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from fake_line import REPLY_PATH, FakeLine
from fake_telegram import FakeTelegram, message_update
from field_harness import (
    LINE_TOKEN,
    Chat,
    Clock,
    line_running,
    line_text,
    text_of,
    tg_drive,
    tg_plain,
    tg_settings,
    tg_to,
)
from sqlalchemy import delete

from bot.approvals import ApprovalPolicy
from bot.core import Core
from knowledge.models import ProcessedEvent, Project

NOW = dt.datetime(2023, 2, 15, 3, 0, tzinfo=dt.UTC)
OFFICER, MANAGER = "telegram:7301", "telegram:7302"
TEXTS = {False: "อบรมเกษตรกร 20 คน เบิกจ่าย 12,000 บาท",
         True: "Trained 20 farmers, disbursed 12,000 baht"}
WAITING = re.compile(r"⏳")
#: Words of approval or of waiting for a manager.
APPROVAL = re.compile(r"อนุมัติ|approv|รอผู้จัดการ|waits? for|waiting|⏳", re.I)
SETTINGS = ["off", "scope", "outside", "all"]


def _policy(app: Any, setting: str) -> ApprovalPolicy:
    """``off``, ``all``, the agency of project 1 (``scope``) or another one (``outside``)."""
    with app.db.read() as s:
        agency = s.get(Project, 1).agency
    return ApprovalPolicy.parse({"off": "", "all": "all", "scope": f"agency:{agency}",
                                 "outside": "agency:หน่วยงานอื่นที่ไม่มีโครงการ"}[setting])


def _chat(make_app: Callable[..., Any], setting: str) -> Chat:
    app = make_app()
    core = Core(app.db, app.index, clock=Clock(NOW), approval=_policy(app, setting))
    chat = Chat(app, core.clock, core)  # type: ignore[arg-type]
    chat.register(OFFICER, "officer")
    chat.register(MANAGER, "manager")
    return chat


def _check(reply: str, waits: bool, setting: str) -> None:
    if waits:
        assert WAITING.search(reply), reply
        assert "/edit" in reply, reply
    elif setting in ("off", "outside"):
        assert not APPROVAL.search(reply), reply
    else:
        assert not WAITING.search(reply), reply


@pytest.mark.parametrize("english", [False, True], ids=["th", "en"])
@pytest.mark.parametrize("setting", SETTINGS)
def test_a_one_line_update_told_again_says_what_the_first_reply_said(
        make_app: Callable[..., Any], setting: str, english: bool) -> None:
    chat = _chat(make_app, setting)
    waits = setting in ("scope", "all")
    first = chat.say(OFFICER, f"/update 1 {TEXTS[english]}", message_id="tg-1")
    _check(first, waits, setting)
    again = chat.say(OFFICER, f"/update 1 {TEXTS[english]}", message_id="tg-1")  # redelivered
    assert "บันทึกไว้แล้ว" in again or "saved already" in again, again
    _check(again, waits, setting)
    chat.clock.advance(minutes=3)
    same = chat.say(OFFICER, f"/update 1 {TEXTS[english]}", message_id="tg-2")  # sent again
    assert "ไม่บันทึกซ้ำ" in same or "Not saved again" in same, same
    _check(same, waits, setting)
    assert len(chat.updates()) == 1


@pytest.mark.parametrize("english", [False, True], ids=["th", "en"])
@pytest.mark.parametrize("setting", SETTINGS)
def test_a_guided_update_told_again_says_what_the_first_reply_said(
        make_app: Callable[..., Any], setting: str, english: bool) -> None:
    chat = _chat(make_app, setting)
    waits = setting in ("scope", "all")
    chat.send(OFFICER, "/update 1")
    confirm = chat.send(OFFICER, TEXTS[english])
    first = text_of(chat.press(OFFICER, confirm, "✅"))
    _check(first, waits, setting)
    pressed = text_of(chat.press(OFFICER, confirm, "✅"))  # the old card's ✅ again
    assert "บันทึกไว้แล้ว" in pressed or "saved already" in pressed, pressed
    _check(pressed, waits, setting)
    chat.clock.advance(minutes=2)
    chat.send(OFFICER, "/update 1")
    confirm = chat.send(OFFICER, TEXTS[english])
    same = text_of(chat.press(OFFICER, confirm, "✅"))
    assert "ไม่บันทึกซ้ำ" in same or "Not saved again" in same, same
    _check(same, waits, setting)
    assert len(chat.updates()) == 1


@pytest.mark.parametrize("english", [False, True], ids=["th", "en"])
def test_a_decision_made_since_is_told_not_the_wait(make_app: Callable[..., Any],
                                                   english: bool) -> None:
    chat = _chat(make_app, "all")
    chat.say(OFFICER, f"/update 1 {TEXTS[english]}", message_id="tg-9")
    uid = chat.updates()[-1].id
    chat.say(MANAGER, f"/approve {uid}")
    again = chat.say(OFFICER, f"/update 1 {TEXTS[english]}", message_id="tg-9")
    assert not WAITING.search(again) and "/edit" not in again, again
    assert "ผู้จัดการอนุมัติแล้ว" in again or "A manager has approved it" in again, again


@pytest.mark.parametrize("setting", ["off", "all"])
def test_telegram_redelivery_says_the_status_of_the_first_reply(
        make_app: Callable[..., Any], setting: str) -> None:
    """The same Telegram message under a new ``update_id``: one update, the same status."""
    chat = _chat(make_app, setting)
    waits = setting == "all"
    with FakeTelegram(token="123456:REPEAT-token_ABCdef") as fake:
        update = message_update(f"/update 1 {TEXTS[False]}", 7301)

        def scenario() -> None:
            fake.push(json.loads(json.dumps(update)))
            fake.wait_for("sendMessage", lambda c: tg_to(7301)(c)
                          and "บันทึกความคืบหน้าแล้ว" in tg_plain(c))
            fake.push(json.loads(json.dumps(update)))  # a new update_id, the same message
            fake.wait_for("sendMessage", lambda c: tg_to(7301)(c)
                          and "บันทึกไว้แล้ว" in tg_plain(c))

        tg_drive(chat.core, tg_settings(chat.app.settings, fake), scenario)
        first, again = [tg_plain(c) for c in fake.calls_of("sendMessage") if tg_to(7301)(c)]
        _check(first, waits, setting)
        _check(again, waits, setting)
        fake.assert_clean()
    assert len(chat.updates()) == 1


@pytest.mark.parametrize("setting", ["off", "all"])
def test_line_redelivery_says_the_status_of_the_first_reply(
        make_app: Callable[..., Any], setting: str) -> None:
    """A LINE message redelivered after its event record was lost: caught by message id."""
    chat = _chat(make_app, setting)
    waits = setting == "all"
    user = "U" + "7" * 32
    chat.register(f"line:{user}", "officer")
    with FakeLine(token=LINE_TOKEN) as line, line_running(chat.app, chat.core, line) as bot:
        event = line_text(user, f"/update 1 {TEXTS[False]}")
        bot.send(event)
        first = bot.last_text()
        with chat.app.db.write() as s:
            s.execute(delete(ProcessedEvent))
        bot.send({**event, "deliveryContext": {"isRedelivery": True}})
        again = bot.last_text()
        assert "บันทึกไว้แล้ว" in again, again
        _check(first, waits, setting)
        _check(again, waits, setting)
        assert len(line.of(REPLY_PATH)) == 2
    assert len(chat.updates()) == 1
