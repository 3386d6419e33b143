"""Issue 15's fault: example, placeholder or help text must never become data.

``/update`` followed by a press on the project button once stored the bot's own example
("… เบิกจ่าย 250,000 บาท") as a real update.  These tests press every button the bot
offers, through the core and through Telegram, LINE and the console, and type the
examples and placeholders back, and check that nothing is stored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fake_line import FakeLine
from fake_telegram import FakeTelegram, callback_update, message_update
from field_harness import (
    Chat,
    Clock,
    line_postback,
    line_running,
    line_text,
    tg_buttons,
    tg_drive,
    tg_plain,
    tg_settings,
    tg_to,
)
from sqlalchemy import select

from bot.conversation.lang import is_english
from bot.core import COMMANDS, Core
from bot.examples import (
    EXAMPLE_TEXTS,
    GRANT_EXAMPLE,
    REVOKE_EXAMPLE,
    UPDATE_EXAMPLE,
    UPDATE_EXAMPLE_EN,
    example_reason,
    is_button_data,
)
from knowledge.models import ProgressUpdate, User

NOW = dt.datetime(2023, 2, 15, 3, 0, tzinfo=dt.UTC)  # quarter 2/2566 in Bangkok
OFFICER = "telegram:4301"


@pytest.fixture
def chat(make_app: Callable[..., Any]) -> Chat:
    c = Chat(make_app(), Clock(NOW))
    c.register(OFFICER, "officer")
    c.register("telegram:4302", "admin")
    return c


# -- the check itself ----------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    UPDATE_EXAMPLE,
    f"  {UPDATE_EXAMPLE}  ",
    UPDATE_EXAMPLE.replace(" ", ""),
    UPDATE_EXAMPLE.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")),
    f"“{UPDATE_EXAMPLE}”",
    f"{UPDATE_EXAMPLE} ไตรมาส 2/2566",  # the example with more after it
    UPDATE_EXAMPLE[: len(UPDATE_EXAMPLE) * 2 // 3],  # a copy cut short
    "ข้อความ", "<ข้อความ>", "รหัส ข้อความ", "TEXT", "ID TEXT", "<TEXT>", "[reason]",
    "ข้อความความคืบหน้า", "เหตุผล", "…",
])
def test_examples_and_placeholders_are_recognised(text: str) -> None:
    reason = example_reason(text)
    assert reason is not None and "ไม่" in reason


@pytest.mark.parametrize("text", [
    "ตั้งธนาคารขยะเพิ่ม 12 แห่ง เบิกจ่าย 250,000 บาท ระดับ 4",  # the contract's own wording
    "เบิกจ่าย 45,500 บาท",  # an amount that happens to be the example's is still data
    "อบรมอาสาสมัคร 12 คน",
    "ข้อความ: ลงพื้นที่ตำบลบ้านใหม่",
    "ID card checks done for 40 people",
])
def test_real_reports_are_not_examples(text: str) -> None:
    assert example_reason(text) is None


# -- the core ------------------------------------------------------------------------------------
def test_update_then_project_button_stores_nothing(chat: Chat) -> None:
    """The fault as filed: ``/update``, then the project button, without any text."""
    replies = chat.send(OFFICER, "/update")
    assert replies[0].buttons
    for b in replies[0].buttons:
        assert is_button_data(b.data), b.data
        assert "250,000" not in b.data and "45,500" not in b.data
        for r in chat.send(OFFICER, b.data):
            for again in r.buttons:  # and whatever that press offers in turn
                assert is_button_data(again.data), again.data
    chat.nothing_stored()
    chat.register("telegram:4303", "manager")
    assert "250,000" not in chat.say("telegram:4303", "/summary 2/2566")


@pytest.mark.parametrize("typed", [
    "/update 1 ข้อความ",
    "/update 1 <ข้อความ>",
    "/update 1 TEXT",
    "/update 1 ข้อความความคืบหน้า",
    f"/update 1 {UPDATE_EXAMPLE}",
    f"/update ๑ {UPDATE_EXAMPLE}",
    f"/update 1 {UPDATE_EXAMPLE_EN}",
])
def test_typed_example_or_placeholder_is_refused(chat: Chat, typed: str) -> None:
    reply = chat.say(OFFICER, typed)
    # English words (the English usage's "TEXT", the English example) are refused in English.
    refused = "not" if is_english(typed.split(maxsplit=2)[2]) else "ไม่"
    assert refused in reply and "บันทึกความคืบหน้าแล้ว" not in reply, reply
    chat.nothing_stored()


@pytest.mark.parametrize("typed", ["/update รหัส ข้อความ", "/update PROJECT_ID TEXT",
                                   "/update ID TEXT", "/update <รหัส> <ข้อความ>"])
def test_typed_syntax_then_every_button_stores_nothing(chat: Chat, typed: str) -> None:
    """The usage line typed as is: the buttons offered must not carry its words."""
    for r in chat.send(OFFICER, typed):
        for b in r.buttons:
            assert is_button_data(b.data), b.data
            chat.send(OFFICER, b.data)
    chat.nothing_stored()


def test_no_button_carries_what_a_user_typed(chat: Chat) -> None:
    """In a group another member could press it: the words would become their update."""
    for r in chat.send(OFFICER, "/update ลงพื้นที่ติดตามผล 5 หมู่บ้าน"):
        for b in r.buttons:
            assert "ลงพื้นที่" not in b.data and is_button_data(b.data)
    chat.register("telegram:4304", "officer")
    for r in chat.send(OFFICER, "/update ลงพื้นที่ติดตามผล 5 หมู่บ้าน"):
        for b in r.buttons:
            chat.send("telegram:4304", b.data)
    assert all(u.text != "ลงพื้นที่ติดตามผล 5 หมู่บ้าน" for u in chat.updates())


@pytest.mark.parametrize("example", [GRANT_EXAMPLE, REVOKE_EXAMPLE])
def test_copied_admin_examples_change_nobody(chat: Chat, example: str) -> None:
    with chat.app.db.read() as s:
        before = len(s.scalars(select(User)).all())
    reply = chat.say("telegram:4302", example)
    assert "ไม่" in reply
    with chat.app.db.read() as s:
        assert len(s.scalars(select(User)).all()) == before


def test_usage_replies_show_only_registered_examples(chat: Chat) -> None:
    """Every "เช่น" after an update command is an example the check knows."""
    shown = chat.say(OFFICER, "/update") + chat.say(OFFICER, "/update 1")
    for line in shown.splitlines():
        if "เช่น /update" in line:
            assert any(example in line for example in EXAMPLE_TEXTS) or "ข้อความ" in line


def test_every_help_line_copied_as_an_update_stores_nothing(chat: Chat) -> None:
    for cmd in COMMANDS.values():
        for words in (cmd.help_th, cmd.help_en):
            if words:
                chat.send(OFFICER, f"/update 1 {words.split(':', 1)[-1].strip()}")
    texts = {u.text for u in chat.updates()}
    assert not any(example_reason(t) for t in texts)


# -- end to end on each platform -----------------------------------------------------------------
@pytest.fixture
def app(make_app: Callable[..., Any]) -> Any:
    a = make_app()
    Chat(a, Clock(NOW)).register("telegram:4301", "officer")
    Chat(a, Clock(NOW)).register("line:U" + "a" * 32, "officer")
    return a


def _stored(app: Any) -> int:
    with app.db.read() as s:
        return len(s.scalars(select(ProgressUpdate)).all())


def test_telegram_update_then_project_button_stores_nothing(app: Any) -> None:
    core = Core(app.db, app.index, clock=Clock(NOW))
    with FakeTelegram(token="123456:FIELD-token_ABCdef") as fake:

        def scenario() -> None:
            fake.push(message_update("/update", 4301))
            sent = fake.wait_for("sendMessage", tg_to(4301))
            first = tg_buttons(sent)[0]
            assert first["callback_data"].startswith("cmd:/")
            fake.push(callback_update(first["callback_data"], 4301))
            fake.wait_for("answerCallbackQuery")
            answer = fake.wait_for("sendMessage", lambda c: c is not sent and tg_to(4301)(c))
            assert "250,000" not in tg_plain(answer)
            assert _stored(app) == 0

        tg_drive(core, tg_settings(app.settings, fake), scenario)
        fake.assert_clean()


@pytest.fixture
def line_fake() -> Iterator[FakeLine]:
    from field_harness import LINE_TOKEN

    with FakeLine(token=LINE_TOKEN) as f:
        yield f
    assert not f.errors, f.errors


def test_line_update_then_project_quick_reply_stores_nothing(app: Any, line_fake: FakeLine) -> None:
    user = "U" + "a" * 32
    core = Core(app.db, app.index, clock=Clock(NOW))
    with line_running(app, core, line_fake) as bot:
        bot.send(line_text(user, "/update"))
        actions = bot.quick_replies()
        assert actions and all(a["type"] == "postback" for a in actions)
        assert all(is_button_data(a["data"]) for a in actions)
        bot.send(line_postback(user, actions[0]["data"]))
        assert "250,000" not in bot.last_text()
        assert _stored(app) == 0


def test_console_update_then_number_stores_nothing(run: Any, tmp_path: Any) -> None:
    home = tmp_path / "console"
    assert run(home, "users", "add", "console:field1", "--role", "officer").code == 0
    result = run(home, "chat", "--user", "field1", stdin="/update\n1\n")
    assert result.code == 0
    assert "1)" in result.out
    assert "250,000" not in result.out.split("1)", 1)[1]
    listed = run(home, "summary", "--json")
    assert listed.code == 0
    assert all(p["updates"] == 0 for p in listed.json()["projects"])
