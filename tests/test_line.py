"""The LINE adapter end to end: signed webhooks in, Messaging API calls out (all on 127.0.0.1).

Webhook bodies follow LINE's documented JSON shapes and are signed like LINE does
(``X-Line-Signature`` = base64(HMAC-SHA256(channel secret, raw body))).  The
Messaging API is :class:`fake_line.FakeLine`; the bot runs under uvicorn in a
thread (and once as the real ``sdgbot line`` process).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import httpx
import pytest
from fake_line import PUSH_PATH, REPLY_PATH, FakeLine, serve_asgi
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from bot.adapters.line import (
    LEASE_KEY,
    create_line_app,
    parse_feedback,
    split_text,
    utf16_len,
)
from bot.app import App, open_app
from bot.config import Settings
from bot.core import Button, Core, Message, Reply
from bot.uploads import MAX_UPLOAD_BYTES
from bot.users import add_user
from knowledge.models import Document, Feedback, ProcessedEvent, ProgressUpdate

SECRET = "test-line-secret-5f1e2d3c4b5a69788796a5b4"
TOKEN = "test-line-token-Zq8xW2vR7tY1uI9oP3aS6dF0gH4jK"
ROOT = Path(__file__).resolve().parents[1]
QUESTION = "ธนาคารขยะตั้งแล้วกี่แห่ง"
FILES = ROOT / "tests" / "data" / "files"
_ids = itertools.count(1)


# -- LINE's webhook shapes ------------------------------------------------------------------------
def sign(body: bytes, secret: str = SECRET) -> str:
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


def user_source(user_id: str = "U4af4980629") -> dict[str, Any]:
    return {"type": "user", "userId": user_id}


def _event(kind: str, source: dict[str, Any] | None, event_id: str | None,
           redelivery: bool, **extra: Any) -> dict[str, Any]:
    n = next(_ids)
    return {
        "type": kind,
        "mode": "active",
        "timestamp": 1692251666727 + n,
        "source": source or user_source(),
        "webhookEventId": event_id or f"01H810YECXQQZ37VAXPF6H{n:04d}",
        "deliveryContext": {"isRedelivery": redelivery},
        "replyToken": f"replytoken{n:06d}",
        **extra,
    }


def text_event(text: str, *, source: dict[str, Any] | None = None, event_id: str | None = None,
               message_id: str | None = None, redelivery: bool = False) -> dict[str, Any]:
    n = next(_ids)
    message = {"id": message_id or f"4687895778982{n:05d}", "type": "text",
               "quoteToken": f"q3Plxr4AgKd{n}", "text": text}
    return _event("message", source, event_id, redelivery, message=message)


def sticker_event(**kw: Any) -> dict[str, Any]:
    message = {"id": f"5{next(_ids):017d}", "type": "sticker", "quoteToken": "yHAz4Ua2wx7",
               "stickerId": "52002738", "packageId": "11537",
               "stickerResourceType": "ANIMATION", "keywords": ["cony", "Party"]}
    return _event("message", kw.get("source"), None, False, message=message)


def file_event(message_id: str, file_name: str, file_size: int, *,
               source: dict[str, Any] | None = None) -> dict[str, Any]:
    """A file message, as LINE sends it (the content is fetched by its message id)."""
    message = {"id": message_id, "type": "file", "fileName": file_name, "fileSize": file_size}
    return _event("message", source, None, False, message=message)


def follow_event(source: dict[str, Any] | None = None) -> dict[str, Any]:
    return _event("follow", source, None, False, follow={"isUnblocked": False})


def postback_event(data: str, source: dict[str, Any] | None = None) -> dict[str, Any]:
    return _event("postback", source, None, False, postback={"data": data})


def body_of(*events: dict[str, Any]) -> bytes:
    payload = {"destination": "U0123456789abcdef0123456789abcdef", "events": list(events)}
    return json.dumps(payload, ensure_ascii=False).encode("utf-8")


# -- harness --------------------------------------------------------------------------------------
@dataclass
class Bot:
    app: App
    fake: FakeLine
    url: str
    client: httpx.Client

    def post(self, body: bytes, signature: str | None = "auto") -> httpx.Response:
        headers = {"Content-Type": "application/json"}
        if signature == "auto":
            headers["X-Line-Signature"] = sign(body)
        elif signature is not None:
            headers["X-Line-Signature"] = signature
        return self.client.post(f"{self.url}/line/callback", content=body, headers=headers)

    def send(self, *events: dict[str, Any]) -> None:
        if any(e["deliveryContext"]["isRedelivery"] for e in events):
            self.settle()  # a redelivery during the first delivery's work is answered 503
        response = self.post(body_of(*events))
        assert response.status_code == 200, response.text

    def settle(self, timeout: float = 15.0) -> None:
        """Wait until every claimed event's work is over (no lease left)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.app.db.read() as s:
                if not s.scalar(select(func.count()).select_from(ProcessedEvent)
                                .where(ProcessedEvent.platform == LEASE_KEY)):
                    return
            time.sleep(0.02)
        raise AssertionError("an event's work never finished")

    def add_user(self, ref: str, role: str = "staff") -> None:
        with self.app.db.write() as s:
            add_user(s, ref, role, actor="test")

    def count(self, model: type) -> int:
        with self.app.db.read() as s:
            return int(s.scalar(select(func.count()).select_from(model)) or 0)


@pytest.fixture(scope="session")
def template_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with the bundled knowledge indexed, copied for each test."""
    home = tmp_path_factory.mktemp("line-template")
    open_app(Settings(home=home)).close()
    return home


@pytest.fixture
def fake() -> Iterator[FakeLine]:
    with FakeLine(token=TOKEN) as f:
        yield f
    assert not f.errors, f.errors


@pytest.fixture
def home(template_home: Path, tmp_path: Path) -> Path:
    target = tmp_path / "home"
    shutil.copytree(template_home, target)
    return target


@pytest.fixture
def start(home: Path, fake: FakeLine) -> Iterator[Callable[..., Any]]:
    """``start(core_class=Core, reply_timeout=5.0, public_url=None)`` → a running :class:`Bot`."""
    stack: list[Any] = []

    @contextmanager
    def running(core_class: type[Core], reply_timeout: float,
                public_url: str | None, claim_lease: float, max_upload: int) -> Iterator[Bot]:
        settings = Settings(home=home, line_secret=SECRET, line_token=TOKEN,
                            line_api=fake.url, public_url=public_url)
        app = open_app(settings)
        try:
            core = core_class(app.db, app.index, media_dir=home / "media")
            asgi = create_line_app(core, settings, reply_timeout=reply_timeout,
                                   claim_lease=claim_lease, max_upload=max_upload)
            with serve_asgi(asgi) as url, httpx.Client(trust_env=False, timeout=10) as client:
                yield Bot(app, fake, url, client)
        finally:
            app.close()

    def make(core_class: type[Core] = Core, reply_timeout: float = 5.0,
             public_url: str | None = None, claim_lease: float = 180.0,
             max_upload: int = MAX_UPLOAD_BYTES) -> Bot:
        cm = running(core_class, reply_timeout, public_url, claim_lease, max_upload)
        stack.append(cm)
        return cm.__enter__()

    yield make
    for cm in reversed(stack):
        cm.__exit__(None, None, None)


# -- the webhook edge -----------------------------------------------------------------------------
def test_text_from_registered_user_is_answered_by_reply(start: Callable[..., Bot]) -> None:
    bot = start()
    bot.add_user("line:U4af4980629")
    event = text_event(QUESTION)
    bot.send(event)
    (call,) = bot.fake.wait_calls(REPLY_PATH, 1)
    assert call.body["replyToken"] == event["replyToken"]
    assert "14,658" in call.texts[0] and "ที่มา" in call.texts[0]
    items = call.body["messages"][-1]["quickReply"]["items"]
    datas = [i["action"].get("data") for i in items if i["action"]["type"] == "postback"]
    assert len(datas) == 2 and parse_feedback(datas[0]) is not None
    assert parse_feedback(datas[0])[1] == 1 and parse_feedback(datas[1])[1] == -1  # type: ignore[index]
    assert not bot.fake.pushes


def test_help_has_quick_reply_buttons(start: Callable[..., Bot]) -> None:
    bot = start()
    bot.add_user("line:U4af4980629")
    bot.send(text_event("/help"))
    (call,) = bot.fake.wait_calls(REPLY_PATH, 1)
    actions = [i["action"] for i in call.body["messages"][-1]["quickReply"]["items"]]
    assert {"type": "postback", "label": "❓ ช่วยเหลือ", "data": "/help",
            "displayText": "❓ ช่วยเหลือ"} in actions
    assert all(utf16_len(a["label"]) <= 20 for a in actions)


BAD_SIGNATURES = [None, "", "bm90IHRoZSBzaWduYXR1cmU=", sign(b"x"), "not base64 at all!",
                  sign(body_of(text_event(QUESTION)), "other-secret")]


def test_missing_or_bad_signature_is_400_and_nothing_happens(start: Callable[..., Bot]) -> None:
    bot = start()
    bot.add_user("line:U4af4980629")
    body = body_of(text_event(QUESTION))
    for signature in BAD_SIGNATURES:
        response = bot.post(body, signature=signature)
        assert response.status_code == 400, signature
    assert bot.count(ProcessedEvent) == 0
    # A good request afterwards is answered: only that one reaches the fake.
    bot.send(sticker_event())
    bot.fake.wait_calls(REPLY_PATH, 1)
    assert len(bot.fake.calls) == 1


def test_malformed_signed_body_is_400(start: Callable[..., Bot]) -> None:
    bot = start()
    for body in (b"", b"not json", b'{"destination": "U1"}', b"\xff\xfe{}", b"[]",
                 b'{"events": 5}'):
        assert bot.post(body).status_code == 400, body


def test_verification_request_without_events_is_200(start: Callable[..., Bot]) -> None:
    bot = start()
    assert bot.post(body_of()).status_code == 200


def test_redelivered_event_is_answered_once(start: Callable[..., Bot]) -> None:
    bot = start()
    bot.add_user("line:U4af4980629")
    event = text_event(QUESTION)
    bot.send(event)
    bot.fake.wait_calls(REPLY_PATH, 1)
    again = {**event, "deliveryContext": {"isRedelivery": True}}
    bot.send(again)  # the claim is made before the 200, so nothing is pending after it
    bot.send(sticker_event())
    replies = bot.fake.wait_calls(REPLY_PATH, 2)
    assert len(replies) == 2 and "14,658" not in replies[1].texts[0]
    assert bot.count(ProcessedEvent) == 2


def test_same_message_under_a_new_event_id_is_answered_once_and_never_pushed(
        start: Callable[..., Bot]) -> None:
    """Fault B: LINE sends one message (id, reply token) again under a new webhookEventId.

    Answering it again would be refused (the token was used) and then pushed, which
    spends the month's push quota; it is skipped instead, after a restart too.
    """
    first = start()
    first.add_user("line:U4af4980629")
    event = text_event(QUESTION)
    first.send(event)
    first.fake.wait_calls(REPLY_PATH, 1)
    again = {**event, "webhookEventId": "01H810YECXQQZ37VAXPF6HNEW1",
             "deliveryContext": {"isRedelivery": True}}
    first.send(again)
    second = start()  # another process on the same database
    second.send({**again, "webhookEventId": "01H810YECXQQZ37VAXPF6HNEW2"})
    second.send(sticker_event())  # a later message is answered: the queue moved on
    second.fake.wait_calls(REPLY_PATH, 2)
    first.settle()
    replies = first.fake.replies  # one fake LINE for both processes
    assert [r.body.get("replyToken") for r in replies].count(event["replyToken"]) == 1
    assert not first.fake.pushes


def test_redelivery_is_skipped_after_a_restart(start: Callable[..., Bot]) -> None:
    event = text_event(QUESTION)
    first = start()
    first.add_user("line:U4af4980629")
    first.send(event)
    first.fake.wait_calls(REPLY_PATH, 1)
    second = start()  # another process (or worker) on the same database
    second.send({**event, "deliveryContext": {"isRedelivery": True}})
    second.send(sticker_event())
    assert len(second.fake.wait_calls(REPLY_PATH, 2)) == 2


def test_same_event_to_two_workers_at_once_is_answered_once(start: Callable[..., Bot]) -> None:
    a, b = start(), start()
    a.add_user("line:U4af4980629")
    body = body_of(text_event(QUESTION))
    statuses: list[int] = []
    threads = [threading.Thread(target=lambda w=w: statuses.append(w.post(body).status_code))
               for w in (a, b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # The second delivery finds the first's live lease: 503 asks LINE to deliver it again
    # later (or 200 when the first was already done); either way it is answered once.
    assert sorted(statuses) in ([200, 200], [200, 503])
    a.send(sticker_event())
    replies = a.fake.wait_calls(REPLY_PATH, 2)
    assert sum("14,658" in c.texts[0] for c in replies) == 1


def test_redelivered_update_is_stored_once(start: Callable[..., Bot]) -> None:
    bot = start()
    bot.add_user("line:Uofficer01", "officer")
    source = user_source("Uofficer01")
    event = text_event("/update 1 ตั้งธนาคารขยะเพิ่ม 12 แห่ง เบิกจ่าย 250,000 บาท ระดับ 4",
                       source=source, message_id="479912345678901234")
    bot.send(event)
    (call,) = bot.fake.wait_calls(REPLY_PATH, 1)
    assert "บันทึกความคืบหน้าแล้ว" in call.texts[0]
    bot.send({**event, "deliveryContext": {"isRedelivery": True}})
    # Even if the event record were lost, the LINE message id keeps the update single.
    with bot.app.db.write() as s:
        s.query(ProcessedEvent).delete()
    bot.send({**event, "deliveryContext": {"isRedelivery": True}})
    replies = bot.fake.wait_calls(REPLY_PATH, 2)
    assert "บันทึกไว้แล้ว" in replies[1].texts[0]
    assert bot.count(ProgressUpdate) == 1


def test_event_claimed_by_a_worker_that_died_is_done_by_its_redelivery(
    start: Callable[..., Bot],
) -> None:
    """Issue 13, fault 5: a worker killed between the claim and the work left the update
    unstored, and the redelivery was skipped as "already processed"."""
    stuck = threading.Event()
    release = threading.Event()

    class DyingCore(Core):
        """Claims, then never does the work (as a worker killed at that moment)."""

        def handle(self, msg: Message) -> list[Reply]:
            stuck.set()
            release.wait(30)
            return []

    dead = start(core_class=DyingCore, reply_timeout=0.5)
    dead.add_user("line:Uofficer02", "officer")
    event = text_event("/update 1 ลงพื้นที่ติดตามธนาคารขยะ 3 แห่ง",
                       source=user_source("Uofficer02"), message_id="479900000000000001")
    try:
        dead.send(event)
        assert stuck.wait(10)
        redelivery = {**event, "deliveryContext": {"isRedelivery": True}}
        # Another worker, while the claim is fresh: "in progress", deliver again later.
        alive = start(claim_lease=0.3)
        assert alive.post(body_of(redelivery)).status_code == 503
        assert alive.count(ProgressUpdate) == 0
        time.sleep(0.4)  # the dead worker's lease runs out
        assert alive.post(body_of(redelivery)).status_code == 200
        calls = alive.fake.wait_calls(REPLY_PATH, 1)
        assert "บันทึกความคืบหน้าแล้ว" in calls[-1].texts[0]
        assert alive.count(ProgressUpdate) == 1
        alive.settle()
        # Done now: a further redelivery is skipped, and nothing is stored twice.
        assert alive.post(body_of(redelivery)).status_code == 200
        assert alive.count(ProgressUpdate) == 1
    finally:
        release.set()


# -- event kinds ----------------------------------------------------------------------------------
def test_follow_greets_with_user_id(start: Callable[..., Bot]) -> None:
    bot = start()
    bot.send(follow_event(user_source("Ufollower42")))
    (call,) = bot.fake.wait_calls(REPLY_PATH, 1)
    assert "line:Ufollower42" in call.texts[0]
    assert "sdgbot users add line:Ufollower42" in call.texts[0]


def test_feedback_postback_is_stored_and_acknowledged(start: Callable[..., Bot]) -> None:
    bot = start()
    bot.add_user("line:U4af4980629")
    bot.send(text_event(QUESTION))
    (call,) = bot.fake.wait_calls(REPLY_PATH, 1)
    items = call.body["messages"][-1]["quickReply"]["items"]
    thumbs_up = next(i["action"]["data"] for i in items if i["action"].get("label") == "👍")
    bot.send(postback_event(thumbs_up))
    replies = bot.fake.wait_calls(REPLY_PATH, 2)
    assert "ขอบคุณ" in replies[1].texts[0]
    with bot.app.db.read() as s:
        (fb,) = s.scalars(select(Feedback)).all()
        assert (fb.platform, fb.external_user_id, fb.value) == ("line", "U4af4980629", 1)


#: A command longer than LINE's 300 characters of postback data (a long search follow-up).
LONG_COMMAND = "/search " + "ธนาคารขยะชุมชนตำบลบ้านใหม่ " * 12


class LongButtonCore(Core):
    """Offers a button whose command is longer than postback data holds; records presses."""

    pressed: ClassVar[list[str]] = []

    def handle(self, msg: Message) -> list[Reply]:
        if msg.text == "ค้นต่อ":
            return [Reply("ผลการค้นหา", buttons=(Button("🔎 ค้นต่อ", LONG_COMMAND),
                                                 Button("❓ ช่วยเหลือ", "/help")))]
        self.pressed.append(msg.text)
        return [Reply("ค้นหาแล้ว")]


def test_a_long_button_command_is_kept_and_runs_when_pressed(start: Callable[..., Bot]) -> None:
    """LINE refuses postback data over 300 characters (the fake too): the key rides instead."""
    assert utf16_len(LONG_COMMAND) > 300
    LongButtonCore.pressed = []
    bot = start(core_class=LongButtonCore)
    bot.send(text_event("ค้นต่อ"))
    (call,) = bot.fake.wait_calls(REPLY_PATH, 1)
    actions = [i["action"] for i in call.body["messages"][-1]["quickReply"]["items"]]
    assert [a["label"] for a in actions] == ["🔎 ค้นต่อ", "❓ ช่วยเหลือ"]
    assert actions[1]["data"] == "/help" and 0 < len(actions[0]["data"]) <= 300
    bot.send(postback_event(actions[0]["data"]))
    bot.fake.wait_calls(REPLY_PATH, 2)
    assert LongButtonCore.pressed == [LONG_COMMAND]


def test_a_button_whose_command_is_no_longer_kept_says_so_politely(
    start: Callable[..., Bot],
) -> None:
    LongButtonCore.pressed = []
    bot = start(core_class=LongButtonCore)
    bot.send(postback_event("cmdh:0123456789abcdef0123"))
    replies = bot.fake.wait_calls(REPLY_PATH, 1)
    assert replies[0].texts[0].startswith("ปุ่มนี้หมดอายุแล้ว")
    assert LongButtonCore.pressed == []


def test_group_without_user_id_is_refused_politely(start: Callable[..., Bot]) -> None:
    bot = start()
    group = {"type": "group", "groupId": "Ca56f94637c"}
    bot.send(text_event(QUESTION, source=group))
    (call,) = bot.fake.wait_calls(REPLY_PATH, 1)
    assert "ขออภัย" in call.texts[0] and "14,658" not in call.texts[0]
    bot.send(postback_event("fb:+:1", source=group))
    replies = bot.fake.wait_calls(REPLY_PATH, 2)
    assert "ขออภัย" in replies[1].texts[0]
    assert bot.count(Feedback) == 0


def test_room_member_is_answered(start: Callable[..., Bot]) -> None:
    bot = start()
    bot.add_user("line:Uroommember")
    bot.send(text_event(QUESTION, source={"type": "room", "roomId": "Ra8dbf4673c",
                                          "userId": "Uroommember"}))
    (call,) = bot.fake.wait_calls(REPLY_PATH, 1)
    assert "14,658" in call.texts[0]


def test_sticker_gets_a_hint(start: Callable[..., Bot]) -> None:
    bot = start()
    bot.send(sticker_event())
    (call,) = bot.fake.wait_calls(REPLY_PATH, 1)
    assert "ข้อความ" in call.texts[0] and "/help" in call.texts[0]


# -- files sent in chat ---------------------------------------------------------------------------
EDITOR = "Ueditor0000000000000000000000001"


def _texts(fake: FakeLine) -> list[str]:
    """Every text the bot sent, by reply or push, in order."""
    return [t for c in fake.calls for t in c.texts]


def _next_text(bot: Bot, event: dict[str, Any], timeout: float = 90.0) -> str:
    """Send ``event`` and return the first text the bot sends after it."""
    seen = len(_texts(bot.fake))
    bot.send(event)
    bot.fake.wait_for(lambda f: len(_texts(f)) > seen, timeout)
    return _texts(bot.fake)[seen]


def _editor_sends_form(bot: Bot, message_id: str) -> tuple[str, bytes]:
    """An editor sends the Word report form as message ``message_id``: the reply, the bytes."""
    bot.add_user(f"line:{EDITOR}", "editor")
    data = (FILES / "form_table.docx").read_bytes()
    bot.fake.add_content(message_id, data)
    return _next_text(bot, file_event(message_id, "แบบรายงาน.docx", len(data),
                                      source=user_source(EDITOR))), data


def test_word_form_sent_by_an_editor_is_added_and_answered_from(start: Callable[..., Bot]) -> None:
    bot = start(reply_timeout=60.0)
    text, data = _editor_sends_form(bot, "468789577898262530")
    assert text.startswith("✅"), text
    assert "ไตรมาส 2/2566" in text and "9,684,500 บาท" in text and "แบบรายงาน:" in text
    assert "แทนเอกสาร" in text  # a new version of the bundled report of the same quarter
    assert bot.fake.downloads == [("468789577898262530", len(data))]
    (call,) = [c for c in bot.fake.calls if c.path == REPLY_PATH]
    assert call.headers["authorization"] == f"Bearer {TOKEN}"
    # answered from at once: the search finds the new document, with its page
    found = _next_text(bot, text_event("/search อนุมัติแผนการปฏิบัติงาน Action Plan",
                                       source=user_source(EDITOR)))
    assert "1. การขับเคลื่อนเป้าหมายการพัฒนาที่ยั่งยืน" in found and "หน้า 1" in found, found
    bot.settle()


def test_a_file_added_in_chat_asks_for_the_summary_files(start: Callable[..., Bot]) -> None:
    """A workbook sent in chat changes the lists: the warmer is asked to make their files."""
    pokes: list[int] = []

    class Counting(Core):
        def summary_changed(self) -> None:
            pokes.append(1)
            super().summary_changed()

    bot = start(core_class=Counting, reply_timeout=60.0)
    text, _ = _editor_sends_form(bot, "7001")
    assert text.startswith("✅"), text
    assert pokes == [1]
    bot.settle()


def test_files_refused_politely_over_line(start: Callable[..., Bot]) -> None:
    bot = start(reply_timeout=60.0, max_upload=2**20)
    bot.add_user("line:U4af4980629", "staff")
    bot.add_user(f"line:{EDITOR}", "editor")
    pdf = (FILES / "report_pages.pdf").read_bytes()
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
    liar = b"%PDF-1.4\n" + b"0" * (48 * 2**20)  # past what socket buffers hold
    bot.fake.add_content("1001", pdf)
    bot.fake.add_content("1002", png)
    bot.fake.add_content("1003", liar, chunked=True)
    with bot.app.db.read() as s:
        before = s.scalar(select(func.count(Document.id)))
    editor = user_source(EDITOR)

    text = _next_text(bot, file_event("1001", "a.pdf", len(pdf)))  # a staff member
    assert "editor" in text and "บทบาทของคุณ: staff" in text
    # Each message has its own id, as on LINE (one message id is answered once).
    text = _next_text(bot, file_event("1004", "a.pdf", len(pdf), source=user_source("Unobody")))
    assert "ยังไม่ได้ลงทะเบียน" in text
    text = _next_text(bot, file_event("1005", "big.pdf", 5 * 2**20, source=editor))
    assert "ใหญ่เกินกำหนด" in text and "too large" not in text  # Thai only
    assert not bot.fake.downloads  # all refused before any download
    text = _next_text(bot, file_event("1003", "small.pdf", 1000, source=editor))
    assert "ใหญ่เกินกำหนด" in text
    text = _next_text(bot, file_event("1002", "report.pdf", len(png), source=editor))
    assert "ไม่รองรับไฟล์ชนิดนี้" in text
    group = {"type": "group", "groupId": "Ca56f94637c", "userId": EDITOR}
    bot.send(file_event("1006", "a.pdf", len(pdf), source=group))
    bot.settle()
    assert [m for m, _ in bot.fake.downloads] == ["1003", "1002"]
    assert dict(bot.fake.downloads)["1003"] < len(liar)  # not all of it was read
    with bot.app.db.read() as s:
        assert s.scalar(select(func.count(Document.id))) == before


# -- delivery -------------------------------------------------------------------------------------
def test_invalid_reply_token_falls_back_to_push(start: Callable[..., Bot]) -> None:
    bot = start()
    bot.fake.reply_status = 400
    bot.add_user("line:U4af4980629")
    bot.send(text_event(QUESTION))
    (push,) = bot.fake.wait_calls(PUSH_PATH, 1)
    assert push.body["to"] == "U4af4980629"
    assert "14,658" in push.texts[0]
    assert push.headers.get("x-line-retry-key")
    assert len(bot.fake.replies) == 1  # the refused attempt


def test_redelivery_whose_reply_token_is_refused_is_never_pushed(
        start: Callable[..., Bot]) -> None:
    """Fault B: a redelivery's used token was refused (400), then the answer was pushed.

    Even when no mark of the first delivery is left (here: the bot never saw it), a
    redelivery does not spend the push quota on a refused token.
    """
    bot = start()
    bot.fake.reply_status = 400
    bot.add_user("line:U4af4980629")
    bot.send(text_event(QUESTION, redelivery=True))
    bot.fake.wait_calls(REPLY_PATH, 1)
    bot.settle()
    time.sleep(0.3)
    assert not bot.fake.pushes


def test_group_push_goes_to_the_group(start: Callable[..., Bot]) -> None:
    bot = start()
    bot.fake.reply_status = 400
    bot.send(sticker_event(source={"type": "group", "groupId": "Ca56f94637c"}))
    (push,) = bot.fake.wait_calls(PUSH_PATH, 1)
    assert push.body["to"] == "Ca56f94637c"


class SlowCore(Core):
    def handle(self, msg: Message) -> list[Reply]:
        time.sleep(0.4)
        return [Reply("ช้าแต่ชัวร์")]


def test_slow_answer_is_pushed(start: Callable[..., Bot]) -> None:
    bot = start(core_class=SlowCore, reply_timeout=0.05)
    bot.send(text_event("อะไรก็ได้"))
    (push,) = bot.fake.wait_calls(PUSH_PATH, 1)
    assert push.texts == ["ช้าแต่ชัวร์"]
    assert not bot.fake.replies


LONG_LINE = "รายงานความคืบหน้า 😀 ธนาคารขยะ 14,658 แห่ง"  # 😀 is two UTF-16 units
LONG_TEXT = "\n".join(f"{i:04d} {LONG_LINE}" for i in range(900))


class LongCore(Core):
    def handle(self, msg: Message) -> list[Reply]:
        return [Reply(LONG_TEXT, buttons=(Button("ป้ายชื่อปุ่มที่ยาวมากเกินยี่สิบตัวอักษร", "/help"),))]


def test_long_text_is_split_for_line(start: Callable[..., Bot]) -> None:
    bot = start(core_class=LongCore)
    assert utf16_len(LONG_TEXT) > 5 * 5000
    bot.send(text_event("ยาว"))
    (reply,) = bot.fake.wait_calls(REPLY_PATH, 1)
    pushes = bot.fake.wait_calls(PUSH_PATH, 1)
    assert len(reply.body["messages"]) == 5
    texts = reply.texts + [t for p in pushes for t in p.texts]
    assert all(0 < utf16_len(t) <= 5000 for t in texts)
    assert all(len(p.body["messages"]) <= 5 for p in pushes)
    assert "\n".join(texts) == LONG_TEXT  # cut at line boundaries, nothing lost
    last = pushes[-1].body["messages"][-1]
    (item,) = last["quickReply"]["items"]
    assert utf16_len(item["action"]["label"]) <= 20 and item["action"]["data"] == "/help"


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("กขค่้ำ ab\n😀\u0e31")), max_size=400),
       st.integers(min_value=4, max_value=60))
def test_split_text_respects_the_limit_and_keeps_the_text(text: str, limit: int) -> None:
    chunks = split_text(text, limit)
    assert all(0 < utf16_len(c) <= limit for c in chunks)
    for c in chunks:
        c.encode("utf-16-le")  # no lone surrogates
    squeeze = lambda s: "".join(s.split())  # noqa: E731
    assert squeeze("".join(chunks)) == squeeze(text)


# -- charts and other routes ----------------------------------------------------------------------
class ChartCore(Core):
    def handle(self, msg: Message) -> list[Reply]:
        assert self.media_dir is not None
        self.media_dir.mkdir(parents=True, exist_ok=True)
        chart = self.media_dir / "summary-2-2566.png"
        chart.write_bytes(b"\x89PNG\r\n\x1a\nfake")
        return [Reply("สรุปไตรมาส 2/2566", image=chart)]


def test_chart_is_sent_as_image_from_media_route(start: Callable[..., Bot]) -> None:
    bot = start(core_class=ChartCore, public_url="https://bot.example.go.th/")
    bot.send(text_event("/summary"))
    (call,) = bot.fake.wait_calls(REPLY_PATH, 1)
    text, image = call.body["messages"]
    assert text["text"] == "สรุปไตรมาส 2/2566"
    url = "https://bot.example.go.th/media/summary-2-2566.png"
    assert image == {"type": "image", "originalContentUrl": url, "previewImageUrl": url}
    got = bot.client.get(f"{bot.url}/media/summary-2-2566.png")
    assert got.status_code == 200 and got.content.startswith(b"\x89PNG")


def test_chart_without_public_url_sends_text_only(start: Callable[..., Bot]) -> None:
    bot = start(core_class=ChartCore)
    bot.send(text_event("/summary"))
    (call,) = bot.fake.wait_calls(REPLY_PATH, 1)
    assert [m["type"] for m in call.body["messages"]] == ["text"]


def test_summary_without_public_url_sends_no_orphan_chart_caption(
    start: Callable[..., Bot],
) -> None:
    """Issue 13, fault 8: without SDGBOT_PUBLIC_URL, /summary sent a chart caption and no chart."""
    bot = start(reply_timeout=120.0)  # drawing the chart may be slow on a busy machine
    bot.add_user("line:Umanager01", "manager")
    bot.send(text_event("/summary 2/2566", source=user_source("Umanager01")))
    (call,) = bot.fake.wait_calls(REPLY_PATH, 1)
    texts = [m["text"] for m in call.body["messages"] if m["type"] == "text"]
    assert [m["type"] for m in call.body["messages"]] == ["text"] * len(texts)
    assert "สรุปไตรมาส 2/2566" in texts[0] and "9,684,500" in texts[0]
    assert not any("แผนภูมิ" in t for t in texts)


def test_summary_workbook_is_a_link_to_the_media_route(start: Callable[..., Bot]) -> None:
    """Issue 14: LINE sends no files, so the workbook comes as a link that downloads it."""
    import io

    from openpyxl import load_workbook

    bot = start(reply_timeout=120.0, public_url="https://bot.example.go.th")
    bot.add_user("line:Umanager02", "manager")
    bot.send(text_event("/summary 2/2566", source=user_source("Umanager02")))
    (call,) = bot.fake.wait_calls(REPLY_PATH, 1)
    texts = [m["text"] for m in call.body["messages"] if m["type"] == "text"]
    (link_text,) = [t for t in texts if "Excel" in t]
    url = re.search(r"https://bot\.example\.go\.th/media/(summary-\S+\.xlsx)", link_text)
    assert url is not None
    got = bot.client.get(f"{bot.url}/media/{url.group(1)}")
    assert got.status_code == 200
    assert got.headers["content-disposition"].startswith("attachment")
    wb = load_workbook(io.BytesIO(got.content), read_only=True)
    assert wb.sheetnames[:3] == ["projects", "agencies", "updates"]
    wb.close()


def test_summary_with_listed_projects_sends_both_workbooks_in_one_reply(
        start: Callable[..., Bot]) -> None:
    """The listed projects' workbook is a second file: its link shares the first's message.

    Text, lists, chart caption, chart and the two links would be six messages, one more
    than a reply token carries (the sixth a push, which costs the ministry's quota).
    """
    import datetime as dt
    import hashlib
    from decimal import Decimal

    from sqlalchemy import insert

    from knowledge.models import Document, ListedProject

    bot = start(reply_timeout=120.0, public_url="https://bot.example.go.th")
    bot.add_user("line:Umanager03", "manager")
    with bot.app.db.write() as s:
        doc = Document(kind="workbook", title="บัญชี.xlsx", text="บัญชี",
                       content_hash=hashlib.sha256(b"line-listed").hexdigest())
        s.add(doc)
        s.flush()
        s.execute(insert(ListedProject), [
            {"document_id": doc.id, "row_key": f"line{i}", "name": f"ถนนสายที่ {i}",
             "agency": "อบต.ทดสอบ", "province": "กระบี่", "budget_baht": Decimal(1000 + i),
             "fiscal_year": 2566, "quarter": 2, "submitted_on": dt.date(2023, 1, 9),
             "search_text": f"ถนนสายที่{i}"} for i in range(3)])
    bot.send(text_event("/summary 2/2566", source=user_source("Umanager03")))
    (call,) = bot.fake.wait_calls(REPLY_PATH, 1)
    messages = call.body["messages"]
    assert len(messages) <= 5
    (link_text,) = [m["text"] for m in messages if m["type"] == "text" and "Excel" in m["text"]]
    listed = re.search(r"https://bot\.example\.go\.th/media/(listed-\S+\.xlsx)", link_text)
    assert listed is not None and "/media/summary-" in link_text
    got = bot.client.get(f"{bot.url}/media/{listed.group(1)}")
    assert got.status_code == 200
    import io

    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(got.content), read_only=True)
    assert wb.sheetnames == ["listed"]
    assert sum(1 for _ in wb["listed"].iter_rows(min_row=3)) == 3
    wb.close()
    assert not [c for c in bot.fake.calls if c.path == PUSH_PATH]  # all in the one reply


def test_healthz(start: Callable[..., Bot]) -> None:
    bot = start()
    response = bot.client.get(f"{bot.url}/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


MEDIA_ATTACKS = [
    "/media/..%2Fsdgbot.db", "/media/%2E%2E%2Fsdgbot.db", "/media/../sdgbot.db",
    "/media/..", "/media/.hidden.png", "/media/sdgbot.db", "/media/link.png",
    "/media/%2Fetc%2Fpasswd", "/media/missing.png", "/media/a%00.png", "/media/..%5Csecret.png",
]


def _raw_get(url: str, path: str) -> tuple[int, bytes]:
    """GET ``path`` exactly as written (no client-side normalisation of ``..``)."""
    with socket.create_connection(("127.0.0.1", int(url.rsplit(":", 1)[1]))) as sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        raw = b""
        while chunk := sock.recv(65536):
            raw += chunk
    head, _, body = raw.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), body


def test_media_refuses_paths_outside_the_folder(start: Callable[..., Bot], home: Path) -> None:
    bot = start()
    media = home / "media"
    media.mkdir(exist_ok=True)
    (home / "secret.png").write_bytes(b"top secret")
    (media / "link.png").symlink_to(home / "secret.png")
    (media / "ok.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    assert _raw_get(bot.url, "/media/ok.png") == (200, b"\x89PNG\r\n\x1a\n")
    for path in MEDIA_ATTACKS:
        status, body = _raw_get(bot.url, path)
        assert status in (400, 404), path
        assert b"SQLite" not in body and b"secret" not in body, path


# -- the real command -----------------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_sdgbot_line_command_serves_and_stops_on_sigterm(home: Path, fake: FakeLine) -> None:
    app = open_app(Settings(home=home))
    with app.db.write() as s:
        add_user(s, "line:U4af4980629", "staff", actor="test")
    app.close()
    port = _free_port()
    script = Path(sys.executable).with_name("sdgbot")
    command = ([str(script)] if script.exists() else
               [sys.executable, "-c", "import sys; from bot.cli import main; sys.exit(main())"])
    env = {**os.environ, "SDGBOT_HOME": str(home), "LINE_CHANNEL_SECRET": SECRET,
           "LINE_CHANNEL_ACCESS_TOKEN": TOKEN, "SDGBOT_LINE_API": fake.url,
           "PYTHAINLP_OFFLINE": "1", "PYTHONPATH": str(ROOT)}
    env.pop("DATABASE_URL", None)
    proc = subprocess.Popen([*command, "-v", "line", "--host", "127.0.0.1", "--port", str(port)],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        base = f"http://127.0.0.1:{port}"
        with httpx.Client(trust_env=False, timeout=5) as client:
            deadline = time.monotonic() + 60  # a ceiling: startup takes ~3 s
            while True:
                assert proc.poll() is None, proc.communicate()[1].decode()[-2000:]
                try:
                    if client.get(f"{base}/healthz").status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert time.monotonic() < deadline, "sdgbot line did not start"
                time.sleep(0.05)
            body = body_of(text_event(QUESTION))
            response = client.post(f"{base}/line/callback", content=body,
                                   headers={"X-Line-Signature": sign(body)})
            assert response.status_code == 200
            (call,) = fake.wait_calls(REPLY_PATH, 1, timeout=30)
            assert "14,658" in call.texts[0]
            bad = client.post(f"{base}/line/callback", content=body,
                              headers={"X-Line-Signature": sign(body, "wrong")})
            assert bad.status_code == 400
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    stderr = err.decode("utf-8", "replace")
    assert proc.returncode == 0, stderr[-2000:]
    assert SECRET not in stderr and TOKEN not in stderr
    assert "answered by reply" in stderr
