"""End-to-end tests of the Telegram adapter over real HTTP, against a loopback fake Bot API.

The real ``Application`` from :func:`build_application` polls the fake (see
``tests/fake_telegram.py``); nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import dataclasses
import html
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fake_telegram import (
    FakeTelegram,
    callback_update,
    document_update,
    message_update,
    sticker_update,
)
from sqlalchemy import func, select

from bot.adapters.telegram import (
    SECRET_HEADER,
    build_application,
    create_webhook_app,
    run_telegram,
    serve_polling,
    serve_webhook,
    split_text,
    to_html,
    webhook_secret,
)
from bot.app import App, open_app
from bot.config import Settings
from bot.core import COMMANDS, Button, Core, Message, Reply
from bot.users import add_user
from knowledge.models import Document, Feedback, ProcessedEvent, ProgressUpdate

TOKEN = "123456:SECRET-token_ABCdef"
STAFF, OFFICER, STRANGER = 42, 43, 99
EDITOR, ADMIN = 44, 45
FILES = Path(__file__).parent / "data" / "files"
GROUP = -100777
QUESTION = "ธนาคารขยะตั้งแล้วกี่แห่ง"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    application = open_app(Settings(home=tmp_path_factory.mktemp("tghome"), telegram_token=TOKEN))
    with application.db.write() as s:
        add_user(s, f"telegram:{STAFF}", "staff", actor="test")
        add_user(s, f"telegram:{OFFICER}", "officer", actor="test")
    yield application
    application.close()


@pytest.fixture(scope="module")
def core(app: App) -> Core:
    return Core(app.db, app.index, media_dir=app.settings.home / "media")


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    with FakeTelegram(token=TOKEN) as f:
        yield f
        f.assert_clean()


def settings_for(app: App, fake: FakeTelegram) -> Settings:
    return dataclasses.replace(app.settings, telegram_api=fake.base_url)


def drive(core: Any, settings: Settings, scenario: Callable[[], None], **kw: Any) -> None:
    """Run the bot by long polling while ``scenario`` (blocking) pushes updates and waits."""
    application = build_application(core, settings, **kw)

    async def main() -> None:
        stop = asyncio.Event()
        bot = asyncio.create_task(serve_polling(application, stop))
        try:
            await asyncio.to_thread(scenario)
        finally:
            stop.set()
            await bot

    asyncio.run(main())


def to(chat_id: int) -> Callable[[Any], bool]:
    return lambda c: str(c.params.get("chat_id")) == str(chat_id)


def plain(call: Any) -> str:
    return html.unescape(str(call.params["text"]))


def buttons(call: Any) -> list[dict[str, str]]:
    markup = call.params.get("reply_markup") or {"inline_keyboard": []}
    return [b for row in markup["inline_keyboard"] for b in row]


# -- end to end by long polling --------------------------------------------------------------------
def test_staff_question_is_answered_with_source_typing_and_feedback_buttons(
    core: Core, app: App, fake: FakeTelegram
) -> None:
    def scenario() -> None:
        fake.push(message_update(QUESTION, STAFF))
        sent = fake.wait_for("sendMessage", to(STAFF))
        text = plain(sent)
        assert "14,658" in text
        assert "ที่มา:" in text
        assert sent.params["parse_mode"] == "HTML"
        labels = [b["text"] for b in buttons(sent)]
        assert labels[:2] == ["👍", "👎"]
        assert all(len(b["callback_data"].encode()) <= 64 for b in buttons(sent))
        typing = fake.wait_for("sendChatAction", to(STAFF))
        assert typing.params["action"] == "typing"
        assert fake.calls.index(typing) < fake.calls.index(sent)

    drive(core, settings_for(app, fake), scenario)


def test_unregistered_user_gets_refusal_with_their_id(
    core: Core, app: App, fake: FakeTelegram
) -> None:
    def scenario() -> None:
        fake.push(message_update(QUESTION, STRANGER))
        text = plain(fake.wait_for("sendMessage", to(STRANGER)))
        assert str(STRANGER) in text
        assert "14,658" not in text

    drive(core, settings_for(app, fake), scenario)


def test_group_command_addressed_to_the_bot_is_answered_and_plain_chatter_ignored(
    core: Core, app: App, fake: FakeTelegram
) -> None:
    def scenario() -> None:
        fake.push(message_update("สวัสดีทุกคน", STAFF, GROUP, "supergroup"))
        fake.push(message_update(f"/ask@TestBot {QUESTION}", STAFF, GROUP, "supergroup"))
        sent = fake.wait_for("sendMessage", to(GROUP))
        assert "14,658" in plain(sent)
        assert sent.params["reply_parameters"]["message_id"]  # quotes the asker in a group
        fake.push(message_update(f"@TestBot {QUESTION}", STAFF, GROUP, "supergroup",
                                 entities=[{"type": "mention", "offset": 0, "length": 8}]))
        fake.wait_for("sendMessage", lambda c: to(GROUP)(c) and c is not sent)
        time.sleep(0.2)
        assert len(fake.calls_of("sendMessage")) == 2  # "สวัสดีทุกคน" got no answer

    drive(core, settings_for(app, fake), scenario)


def test_thumbs_up_is_stored_and_the_press_answered(
    core: Core, app: App, fake: FakeTelegram
) -> None:
    def scenario() -> None:
        fake.push(message_update(QUESTION, STAFF))
        sent = fake.wait_for("sendMessage", to(STAFF))
        up = next(b["callback_data"] for b in buttons(sent) if b["text"] == "👍")
        answer_id = int(up.rsplit(":", 1)[1])
        fake.push(callback_update(up, STAFF))
        answered = fake.wait_for("answerCallbackQuery")
        assert "ขอบคุณ" in answered.params["text"]
        with app.db.read() as s:
            row = s.scalar(select(Feedback).where(Feedback.answer_id == answer_id))
            assert row is not None
            assert (row.value, row.platform, row.external_user_id) == (1, "telegram", str(STAFF))

    drive(core, settings_for(app, fake), scenario)


def test_command_button_press_runs_the_command(core: Core, app: App, fake: FakeTelegram) -> None:
    def scenario() -> None:
        fake.push(message_update("/start", STAFF))
        sent = fake.wait_for("sendMessage", to(STAFF))
        data = next(b["callback_data"] for b in buttons(sent) if b["text"] == "❓ ช่วยเหลือ")
        assert data == "cmd:/help"
        fake.push(callback_update(data, STAFF))
        fake.wait_for("answerCallbackQuery")
        helped = fake.wait_for("sendMessage", lambda c: "/summary" not in plain(c)
                               and "คำสั่งที่ใช้ได้" in plain(c))
        assert "/ask" in plain(helped)

    drive(core, settings_for(app, fake), scenario)


def test_project_button_never_carries_the_typed_text(
    core: Core, app: App, fake: FakeTelegram
) -> None:
    """A project button names the conversation and the project; pressed twice it acts once."""

    def stored() -> int:
        with app.db.read() as s:
            return len(s.scalars(select(ProgressUpdate)).all())

    def scenario() -> None:
        before = stored()
        fake.push(message_update("/update ตั้งธนาคารขยะเพิ่ม 3 แห่ง", OFFICER))
        sent = fake.wait_for("sendMessage", to(OFFICER))
        data = buttons(sent)[0]["callback_data"]
        assert data.startswith("cmd:/btn ") and "ธนาคาร" not in data
        fake.push(callback_update(data, OFFICER))
        fake.wait_for("sendMessage", lambda c: "ขั้นที่ 3/3" in plain(c))
        fake.push(callback_update(data, OFFICER))
        fake.wait_for("sendMessage", lambda c: "ขั้นตอนก่อนหน้า" in plain(c))
        assert stored() == before
        fake.push(message_update("/cancel", OFFICER))
        fake.wait_for("sendMessage", lambda c: "ยกเลิกแล้ว" in plain(c))

    drive(core, settings_for(app, fake), scenario)


def test_sticker_gets_a_hint_in_private_and_silence_in_a_group(
    core: Core, app: App, fake: FakeTelegram
) -> None:
    def scenario() -> None:
        fake.push(sticker_update(STAFF, GROUP, "group"))
        fake.push(sticker_update(STAFF))
        hint = fake.wait_for("sendMessage", to(STAFF))
        assert "ข้อความ" in plain(hint)
        time.sleep(0.2)
        assert not [c for c in fake.calls if to(GROUP)(c)]

    drive(core, settings_for(app, fake), scenario)


def test_edited_messages_are_ignored(core: Core, app: App, fake: FakeTelegram) -> None:
    def scenario() -> None:
        edited = message_update(QUESTION, STAFF)
        fake.push({"edited_message": {**edited["message"], "edit_date": int(time.time())}})
        fake.push(message_update("/whoami", STAFF))
        sent = fake.wait_for("sendMessage", to(STAFF))
        time.sleep(0.2)
        assert "14,658" not in plain(sent)
        assert len(fake.calls_of("sendMessage")) == 1

    drive(core, settings_for(app, fake), scenario)


def test_set_my_commands_in_thai(core: Core, app: App, fake: FakeTelegram) -> None:
    """The default list is what anyone may use; roles get theirs per chat (bot.menus)."""
    def scenario() -> None:
        thai = fake.wait_for("setMyCommands", lambda c: "language_code" not in c.params)
        commands = {c["command"]: c["description"] for c in thai.params["commands"]}
        assert set(commands) == {n for n, c in COMMANDS.items()
                                 if n.isidentifier() and c.help_th and c.role is None}
        assert all(re.search(r"[\u0e00-\u0e7f]", d) for d in commands.values())
        english = fake.wait_for("setMyCommands", lambda c: c.params.get("language_code") == "en")
        assert all(c["description"] for c in english.params["commands"])

    drive(core, settings_for(app, fake), scenario)


class StubCore:
    """Answers every message with the given replies (to test sending, not answering).

    It has no database, so its bot keeps no answered-once marks (``once_per_update``).
    """

    def __init__(self, replies: list[Reply], db: Any = None) -> None:
        self.replies = replies
        self.seen: list[Message] = []
        self.db = db  # where buttons' long commands are kept (bot.buttons)

    def handle(self, msg: Message, *, defer: bool = False) -> list[Reply]:
        self.seen.append(msg)
        return self.replies

    def feedback(self, platform: str, user_id: str, answer_id: int, value: int) -> str:
        return "ok"


def test_long_answer_is_split_and_escaped(app: App, fake: FakeTelegram) -> None:
    line = "ผลการดำเนินงาน <ระดับ 4> & เบิกจ่าย 1,000 บาท *_ok_*\n"
    long_text = line * 200  # ~10,000 characters
    stub = StubCore([Reply(long_text, buttons=(Button("📋 โครงการ", "/projects"),))])

    def scenario() -> None:
        fake.push(message_update("ยาว", STAFF))
        deadline = time.monotonic() + 10
        while sum(len(plain(c)) for c in fake.calls_of("sendMessage")) < len(long_text) - 200:
            assert time.monotonic() < deadline, "the long answer did not arrive"
            time.sleep(0.05)
        sent = fake.calls_of("sendMessage")
        assert len(sent) >= 3
        assert all(len(plain(c)) <= 4096 for c in sent)
        assert all("<ระดับ 4>" not in c.params["text"] for c in sent)  # escaped on the wire
        assert "&lt;ระดับ 4&gt; &amp; เบิกจ่าย" in sent[0].params["text"]
        assert "\n".join(plain(c) for c in sent) == long_text.rstrip("\n")
        assert [bool(c.params.get("reply_markup")) for c in sent][-1]  # keyboard on the last

    drive(stub, settings_for(app, fake), scenario, once_per_update=False)


def test_image_reply_is_sent_as_photo(app: App, fake: FakeTelegram, tmp_path: Path) -> None:
    chart = tmp_path / "chart.png"
    chart.write_bytes(b"\x89PNG\r\n\x1a\nfake")
    stub = StubCore([Reply("สรุป <Q2/2566>", image=chart)])

    def scenario() -> None:
        fake.push(message_update("/summary", STAFF))
        photo = fake.wait_for("sendPhoto", to(STAFF))
        assert photo.files["photo"] == chart.read_bytes()
        assert photo.params["caption"] == "สรุป &lt;Q2/2566&gt;"

    drive(stub, settings_for(app, fake), scenario, once_per_update=False)


def test_text_is_sent_before_the_files_that_follow_it_are_made(
    app: App, fake: FakeTelegram, tmp_path: Path
) -> None:
    """A summary's chart and workbook are made only once its text is out (issue 14)."""
    chart = tmp_path / "chart.png"
    chart.write_bytes(b"\x89PNG\r\n\x1a\nfake")
    text_was_out: list[bool] = []

    def make() -> list[Reply]:
        text_was_out.append(any("สรุปไตรมาส" in plain(c) for c in fake.calls_of("sendMessage")))
        return [Reply("แผนภูมิ", image=chart)]

    stub = StubCore([Reply("สรุปไตรมาส 2/2566", followed_by=make)])

    def scenario() -> None:
        fake.push(message_update("/summary", STAFF))
        photo = fake.wait_for("sendPhoto", to(STAFF))
        assert photo.files["photo"] == chart.read_bytes()
        assert text_was_out == [True]

    drive(stub, settings_for(app, fake), scenario, once_per_update=False)


def test_unknown_private_command_gets_the_core_hint(
    core: Core, app: App, fake: FakeTelegram
) -> None:
    def scenario() -> None:
        fake.push(message_update("/foo", STAFF))
        assert "/help" in plain(fake.wait_for("sendMessage", to(STAFF)))

    drive(core, settings_for(app, fake), scenario)


#: A /summary filter's agency: 110 bytes as callback data (a Thai letter is 3 bytes).
LONG_COMMAND = "/summary 3/2566 กรมส่งเสริมการปกครองท้องถิ่น"


def test_a_long_button_command_is_kept_and_runs_when_pressed_after_a_restart(
    app: App, fake: FakeTelegram
) -> None:
    """Telegram refuses callback data over 64 bytes (the fake too): the key rides instead,
    and any process (another queue worker, the bot restarted) reads it back."""
    assert len(f"cmd:{LONG_COMMAND}".encode()) > 64 >= len(f"cmd:{LONG_COMMAND}")
    shown = StubCore([Reply("สรุปไตรมาส 2/2566", buttons=(
        Button("▶ ไตรมาส 3/2566", LONG_COMMAND), Button("❓ ช่วยเหลือ", "/help")))], app.db)
    datas: list[str] = []

    def show() -> None:
        fake.push(message_update("/summary 2/2566 กรมส่งเสริมการปกครองท้องถิ่น", STAFF))
        sent = fake.wait_for("sendMessage", to(STAFF))
        datas.extend(b["callback_data"] for b in buttons(sent))

    drive(shown, settings_for(app, fake), show, once_per_update=False)
    assert len(datas) == 2 and datas[1] == "cmd:/help"
    assert all(1 <= len(d.encode()) <= 64 for d in datas)
    later = StubCore([Reply("สรุปไตรมาส 3/2566")], app.db)

    def press() -> None:
        fake.push(callback_update(datas[0], STAFF))
        fake.wait_for("sendMessage", lambda c: plain(c) == "สรุปไตรมาส 3/2566")

    drive(later, settings_for(app, fake), press, once_per_update=False)
    assert [m.text for m in later.seen] == [LONG_COMMAND]


def test_a_button_whose_command_is_no_longer_kept_says_so_politely(
    app: App, fake: FakeTelegram
) -> None:
    stub = StubCore([Reply("ไม่ควรตอบ")], app.db)

    def scenario() -> None:
        fake.push(callback_update("cmdh:0123456789abcdef0123", STAFF))
        answered = fake.wait_for("answerCallbackQuery")
        assert answered.params["text"].startswith("ปุ่มนี้หมดอายุแล้ว")

    drive(stub, settings_for(app, fake), scenario, once_per_update=False)
    assert stub.seen == []


class BrokenCore(StubCore):
    def handle(self, msg: Message, *, defer: bool = False) -> list[Reply]:
        raise RuntimeError("boom")


def test_handler_error_is_logged_and_apologised_for(
    app: App, fake: FakeTelegram, caplog: pytest.LogCaptureFixture
) -> None:
    def scenario() -> None:
        fake.push(message_update(QUESTION, STAFF))
        assert "ขออภัย" in plain(fake.wait_for("sendMessage", to(STAFF)))

    drive(BrokenCore([]), settings_for(app, fake), scenario, once_per_update=False)
    assert any(r.exc_info and "boom" in str(r.exc_info[1]) for r in caplog.records)


def test_split_and_escape_helpers() -> None:
    assert split_text("") == []
    assert split_text("ก\nข", limit=10) == ["ก\nข"]
    assert split_text("aaaa\nbbbb\ncccc", limit=9) == ["aaaa\nbbbb", "cccc"]
    unbroken = "ก" * 10_000
    parts = split_text(unbroken)
    assert [len(p) for p in parts] == [4096, 4096, 1808]
    emoji = "👍" * 3000  # two UTF-16 units each
    assert all(len(p) <= 2048 for p in split_text(emoji))
    assert to_html("a < b & c_d *e*") == "a &lt; b &amp; c_d *e*"
    assert len(webhook_secret(TOKEN)) == 32 and TOKEN not in webhook_secret(TOKEN)


# -- webhook ---------------------------------------------------------------------------------------
def test_webhook_checks_the_secret_before_any_work(
    core: Core, app: App, fake: FakeTelegram
) -> None:
    application = build_application(core, settings_for(app, fake))
    secret = webhook_secret(TOKEN)
    web = create_webhook_app(application, secret)

    async def main() -> None:
        async with application:
            await application.start()
            transport = httpx.ASGITransport(app=web)
            async with httpx.AsyncClient(transport=transport, base_url="http://bot.test") as client:
                bad = {"update_id": 1, **message_update(QUESTION, STAFF, 1001)}
                missing = await client.post("/telegram/webhook", json=bad)
                wrong = await client.post("/telegram/webhook", json=bad,
                                          headers={SECRET_HEADER: "nope"})
                assert (missing.status_code, wrong.status_code) == (403, 403)
                garbage = await client.post("/telegram/webhook", content=b"{not json",
                                            headers={SECRET_HEADER: secret})
                assert garbage.status_code == 400
                good = {"update_id": 2, **message_update(QUESTION, STAFF)}
                ok = await client.post("/telegram/webhook", json=good,
                                       headers={SECRET_HEADER: secret})
                assert ok.status_code == 200
                sent = await asyncio.to_thread(fake.wait_for, "sendMessage", to(STAFF))
                # The webhook answered the question (an officer's update in this shared
                # database may now be the passage it quotes).
                assert "แห่ง" in plain(sent) and "ที่มา" in plain(sent)
                health = await client.get("/healthz")
                assert health.status_code == 200 and health.json()["ok"] is True
            await application.stop()

    asyncio.run(main())
    assert not [c for c in fake.calls if to(1001)(c)]  # the forbidden update was not processed


def claims_in_progress(core: Core) -> int:
    """Telegram updates claimed whose work is not over yet."""
    with core.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(ProcessedEvent)
                            .where(ProcessedEvent.platform == "telegram:lease")) or 0)


def test_same_update_delivered_twice_is_answered_once(
    core: Core, app: App, fake: FakeTelegram
) -> None:
    """Fault B: Telegram's webhook retry (same update_id, right secret) got a second answer."""
    secret = webhook_secret(TOKEN)

    async def serve(updates: list[dict[str, Any]]) -> None:
        application = build_application(core, settings_for(app, fake))
        web = create_webhook_app(application, secret)
        async with application:
            await application.start()
            transport = httpx.ASGITransport(app=web)
            async with httpx.AsyncClient(transport=transport, base_url="http://bot.test") as client:
                for update in updates:
                    r = await client.post("/telegram/webhook", json=update,
                                          headers={SECRET_HEADER: secret})
                    assert r.status_code == 200
                    await asyncio.sleep(0.3)
                for _ in range(400):  # every update's work is over (no claim left)
                    if not await asyncio.to_thread(claims_in_progress, core):
                        break
                    await asyncio.sleep(0.05)
            await asyncio.sleep(0.5)  # time for a second answer, were there one
            await application.stop()

    question = {"update_id": 9_000_001, **message_update(QUESTION, STAFF)}
    help_ = {"update_id": 9_000_002, **message_update("/help", STAFF)}
    asyncio.run(serve([question, question]))
    asyncio.run(serve([question, help_]))  # after a restart too; the next update is answered
    sent = [plain(c) for c in fake.calls if c.method == "sendMessage" and to(STAFF)(c)]
    assert sum("ที่มา" in t for t in sent) == 1, sent
    assert len(sent) == 2


def test_an_update_id_is_remembered_a_day_only(core: Core) -> None:
    """Telegram keeps an update 24 hours and may reuse ids after a quiet week."""
    import datetime as dt

    from bot.adapters import once
    from bot.adapters.telegram import ONCE_FOR, ONCE_KEY

    lease = dt.timedelta(minutes=3)
    uid = "9000123"
    assert once.claim(core.write_retrying, ONCE_KEY, uid, lease, ONCE_FOR) is once.Claim.FRESH
    assert once.claim(core.write_retrying, ONCE_KEY, uid, lease, ONCE_FOR) is once.Claim.BUSY
    once.finish(core.write_retrying, ONCE_KEY, uid)
    assert once.claim(core.write_retrying, ONCE_KEY, uid, lease, ONCE_FOR) is once.Claim.DONE
    with core.db.write() as s:
        row = s.scalar(select(ProcessedEvent).where(ProcessedEvent.event_id == uid))
        assert row is not None
        row.at = dt.datetime.now(dt.UTC) - ONCE_FOR - dt.timedelta(minutes=1)
    assert once.claim(core.write_retrying, ONCE_KEY, uid, lease, ONCE_FOR) is once.Claim.FRESH


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_webhook_server_registers_and_serves(core: Core, app: App, fake: FakeTelegram) -> None:
    application = build_application(core, settings_for(app, fake))
    port = _free_port()
    url = "https://bot.example.go.th/telegram/webhook"

    async def main() -> None:
        stop = asyncio.Event()
        server = asyncio.create_task(serve_webhook(application, url, "127.0.0.1", port, stop))
        try:
            hook = await asyncio.to_thread(fake.wait_for, "setWebhook")
            assert hook.params["url"] == url
            assert hook.params["secret_token"] == webhook_secret(TOKEN)
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
                for _ in range(100):
                    try:
                        if (await client.get("/healthz")).status_code == 200:
                            break
                    except httpx.TransportError:
                        await asyncio.sleep(0.05)
                r = await client.post("/telegram/webhook", json=message_update(QUESTION, STAFF)
                                      | {"update_id": 5}, headers={SECRET_HEADER: "wrong"})
                assert r.status_code == 403
                r = await client.post("/telegram/webhook", json=message_update(QUESTION, STAFF)
                                      | {"update_id": 6},
                                      headers={SECRET_HEADER: webhook_secret(TOKEN)})
                assert r.status_code == 200
            sent = await asyncio.to_thread(fake.wait_for, "sendMessage", to(STAFF))
            assert "แห่ง" in plain(sent) and "ที่มา" in plain(sent)  # answered through the hook
        finally:
            stop.set()
            await server
        assert len(fake.calls_of("sendMessage")) == 1

    asyncio.run(main())


# -- the real command line -------------------------------------------------------------------------
def test_sdgbot_telegram_process_answers_and_stops_cleanly_on_sigterm(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    prepared = open_app(Settings(home=home))
    with prepared.db.write() as s:
        add_user(s, f"telegram:{STAFF}", "staff", actor="test")
    prepared.close()
    env = {**os.environ, "SDGBOT_HOME": str(home), "TELEGRAM_BOT_TOKEN": TOKEN,
           "SDGBOT_TELEGRAM_API": fake.base_url, "PYTHAINLP_OFFLINE": "1"}
    env.pop("DATABASE_URL", None)
    script = Path(sys.executable).with_name("sdgbot")
    cmd = [str(script)] if script.exists() else [sys.executable, "-m", "bot.cli"]
    root = Path(__file__).resolve().parents[1]
    proc = subprocess.Popen([*cmd, "-v", "telegram"] if _has_verbose() else [*cmd, "telegram"],
                            env=env, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        fake.push(message_update(QUESTION, STAFF))
        sent = fake.wait_for("sendMessage", to(STAFF), timeout=30)
        assert "14,658" in plain(sent)
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=15)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    stderr = err.decode(errors="replace")
    assert proc.returncode == 0, stderr
    assert TOKEN not in stderr and TOKEN not in out.decode(errors="replace")
    # Issue 13, fault 8: it says who it runs as, and how.
    assert f"running as @{fake.username}" in stderr and "long polling" in stderr


@pytest.mark.parametrize("token", ["not-a-token", "12345", "123:abc def", "123:abc/../x",
                                   ":s3cr3t", "abc:s3cr3t"])
def test_malformed_token_is_refused_before_any_connection(
    fake: FakeTelegram, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str], token: str
) -> None:
    from bot.cli import main

    monkeypatch.setenv("SDGBOT_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", token)
    monkeypatch.setenv("SDGBOT_TELEGRAM_API", fake.base_url)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert main(["telegram"]) == 1
    err = capsys.readouterr().err
    assert "TELEGRAM_BOT_TOKEN" in err and "malformed" in err
    assert token not in err or len(token) < 6
    assert fake.calls == []  # nothing was sent to the Bot API
    assert not (tmp_path / "home").exists()  # refused before anything was opened


def test_rejected_token_is_a_clean_failure_without_the_token_in_logs(
    app: App, fake: FakeTelegram, caplog: pytest.LogCaptureFixture
) -> None:
    wrong = "999:WRONG-token"
    settings = dataclasses.replace(app.settings, telegram_token=wrong, telegram_api=fake.base_url)
    assert run_telegram(dataclasses.replace(app, settings=settings), None, "127.0.0.1", 0) == 1
    assert fake.errors and all("WRONG" not in e for e in fake.errors)
    fake.errors.clear()  # the 401 was the point of this test
    assert "rejected" in caplog.text
    assert wrong not in caplog.text


def _has_verbose() -> bool:
    """Run the subprocess with INFO logging when the CLI offers it: more log lines to leak from."""
    from bot.cli import build_parser

    return "-v" in build_parser().format_help() or "--verbose" in build_parser().format_help()


# -- documents sent in chat ------------------------------------------------------------------------
@pytest.fixture
def files_app(tmp_path: Path) -> Iterator[App]:
    """A fresh data folder for each test: documents sent in chat change the knowledge."""
    application = open_app(Settings(home=tmp_path / "home", telegram_token=TOKEN))
    with application.db.write() as s:
        add_user(s, f"telegram:{STAFF}", "staff", actor="test")
        add_user(s, f"telegram:{EDITOR}", "editor", actor="test")
        add_user(s, f"telegram:{ADMIN}", "admin", actor="test")
    yield application
    application.close()


def _doc_count(app: App) -> int:
    from sqlalchemy import func

    with app.db.read() as s:
        return int(s.scalar(select(func.count(Document.id))) or 0)


def test_editor_sends_a_pdf_it_is_described_and_searchable_at_once(
    files_app: App, fake: FakeTelegram
) -> None:
    core = Core(files_app.db, files_app.index, media_dir=files_app.settings.home / "media")
    pdf = (FILES / "report_pages.pdf").read_bytes()
    fake.add_file("doc-pdf", pdf, name="report_pages.pdf")

    def scenario() -> None:
        fake.push(document_update("doc-pdf", "report_pages.pdf", len(pdf), EDITOR,
                                  mime_type="application/pdf"))
        reply = plain(fake.wait_for("sendMessage", to(EDITOR), timeout=60))
        assert reply.startswith("✅") and "5 หน้า" in reply, reply
        assert "ไตรมาส 2/2566" in reply and "9,684,500 บาท" in reply
        assert fake.calls_of("getFile")[0].params["file_id"] == "doc-pdf"
        assert fake.downloads == [(fake.files["doc-pdf"][0], len(pdf))]
        # searchable in the same test: the passage cites the page of the PDF
        fake.push(message_update("/search ESCAP Hall ศูนย์ประชุมสหประชาชาติ", EDITOR))
        found = fake.wait_for("sendMessage", lambda c: to(EDITOR)(c) and "ผลการค้นหา" in plain(c))
        assert re.search(r"หน้า [34]", plain(found)), plain(found)
        # the same file again adds nothing
        fake.push(document_update("doc-pdf", "copy.pdf", len(pdf), EDITOR))
        again = fake.wait_for("sendMessage", lambda c: to(EDITOR)(c) and "มีอยู่ในระบบแล้ว" in plain(c))
        assert "มีอยู่ในระบบแล้ว" in plain(again)

    drive(core, settings_for(files_app, fake), scenario)


def test_workbook_from_an_admin_counts_its_projects(files_app: App, fake: FakeTelegram) -> None:
    pokes: list[int] = []

    class Counting(Core):
        def summary_changed(self) -> None:  # the lists changed: their /summary files
            pokes.append(1)
            super().summary_changed()

    core = Counting(files_app.db, files_app.index)
    data = (FILES / "projects.xlsx").read_bytes()
    fake.add_file("doc-xlsx", data, name="p.xlsx", stated_size=None)  # getFile tells no size

    def scenario() -> None:
        fake.push(document_update("doc-xlsx", "บัญชีโครงการ.xlsx", None, ADMIN))
        reply = plain(fake.wait_for("sendMessage", to(ADMIN), timeout=60))
        assert "โครงการ: เพิ่ม 3, ซ้ำ 1, ไม่รับ 2" in reply, reply
        assert pokes == [1]

    drive(core, settings_for(files_app, fake), scenario)


def test_files_refused_politely_and_nothing_stored(
    files_app: App, fake: FakeTelegram, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pytesseract

    monkeypatch.setattr(pytesseract, "get_languages", lambda config="": ["eng"])  # no Thai OCR
    core = Core(files_app.db, files_app.index)
    before = _doc_count(files_app)
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
    fake.add_file("photo-as-pdf", png)
    fake.add_file("scan", (FILES / "scanned.pdf").read_bytes())
    liar = b"%PDF-1.4\n" + b"0" * (48 * 2**20)  # past what socket buffers hold
    fake.add_file("liar", liar, stated_size=1000, chunked=True)
    fake.add_file("pdf", (FILES / "report_pages.pdf").read_bytes())

    def reply_to(user: int, update: dict[str, Any]) -> str:
        seen = len([c for c in fake.calls_of("sendMessage") if to(user)(c)])
        fake.push(update)
        deadline = time.monotonic() + 60
        while True:
            sent = [c for c in fake.calls_of("sendMessage") if to(user)(c)]
            if len(sent) > seen:
                return plain(sent[seen])
            assert time.monotonic() < deadline, "no reply"
            time.sleep(0.02)

    def scenario() -> None:
        # not allowed for this role: refused before getFile
        text = reply_to(STAFF, document_update("pdf", "a.pdf", 5000, STAFF))
        assert "editor" in text and "บทบาทของคุณ: staff" in text
        text = reply_to(STRANGER, document_update("pdf", "a.pdf", 5000, STRANGER))
        assert "ยังไม่ได้ลงทะเบียน" in text
        # too big as Telegram states it: refused before getFile
        text = reply_to(EDITOR, document_update("pdf", "big.pdf", 30 * 2**20, EDITOR))
        assert "ใหญ่เกินกำหนด" in text and "too large" not in text  # Thai only
        assert not fake.calls_of("getFile")
        # bigger than it claimed: the download stops once past the limit
        text = reply_to(EDITOR, document_update("liar", "small.pdf", 1000, EDITOR))
        assert "ใหญ่เกินกำหนด" in text
        # the type is told by the content, not the name
        text = reply_to(EDITOR, document_update("photo-as-pdf", "report.pdf", len(png), EDITOR))
        assert "ไม่รองรับไฟล์ชนิดนี้" in text and "unsupported" not in text  # Thai only
        # a scan without an OCR engine
        text = reply_to(EDITOR, document_update("scan", "scan.pdf", 200_000, EDITOR))
        assert "OCR" in text and text.startswith("ขออภัย")
        # in a group the bot keeps out of people's files
        fake.push(document_update("pdf", "a.pdf", 5000, EDITOR, GROUP, "supergroup"))
        time.sleep(0.3)
        assert not [c for c in fake.calls if to(GROUP)(c)]

    drive(core, settings_for(files_app, fake), scenario, max_upload=1 * 2**20)
    assert [f for f, _ in fake.downloads].count(fake.files["liar"][0]) == 1
    assert dict(fake.downloads)[fake.files["liar"][0]] < len(liar)  # not all of it was read
    assert {c.params["file_id"] for c in fake.calls_of("getFile")} == {
        "liar", "photo-as-pdf", "scan"}
    assert _doc_count(files_app) == before


def test_summary_sends_text_chart_and_workbook(app: App, core: Core,
                                               fake: FakeTelegram) -> None:
    """Issue 14: ``/summary`` in chat gives the workbook too, as a document."""
    import io

    from openpyxl import load_workbook

    manager = 46
    with app.db.write() as s:
        add_user(s, f"telegram:{manager}", "manager", actor="test")

    def scenario() -> None:
        fake.push(message_update("/summary 2/2566", manager))
        photo = fake.wait_for("sendPhoto", to(manager), timeout=120)
        doc = fake.wait_for("sendDocument", to(manager), timeout=120)
        assert photo.files["photo"].startswith(b"\x89PNG")
        assert "Excel" in doc.params["caption"]
        (data,) = doc.files.values()
        wb = load_workbook(io.BytesIO(data), read_only=True)
        assert wb.sheetnames[:3] == ["projects", "agencies", "updates"]
        names = [r[2] for r in wb["projects"].iter_rows(min_row=3, values_only=True)]
        assert len(names) == 1 and names[0]  # the sample report's project
        wb.close()

    drive(core, settings_for(app, fake), scenario)
