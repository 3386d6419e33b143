"""Harness for field-reporting tests: a core with a settable clock, Telegram and LINE runners.

Telegram runs the real python-telegram-bot ``Application`` by long polling against
:class:`fake_telegram.FakeTelegram`; LINE runs the real Starlette app under uvicorn,
fed webhooks signed with the channel secret (``X-Line-Signature``), answering to
:class:`fake_line.FakeLine`.  Everything stays on 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import base64
import dataclasses
import hashlib
import hmac
import html
import itertools
import json
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx
from fake_line import FakeLine, serve_asgi
from fake_telegram import FakeTelegram
from sqlalchemy import func, select

from bot.adapters.line import LEASE_KEY, create_line_app
from bot.adapters.telegram import build_application, serve_polling
from bot.approvals import ApprovalPolicy
from bot.config import Settings
from bot.core import Core, Message, Reply
from bot.users import add_user
from knowledge.models import Document, ProcessedEvent, ProgressUpdate

APOLOGY = re.compile(r"ขออภัย เกิดข้อผิดพลาด|something went wrong|Traceback", re.I)
LINE_SECRET = "field-line-secret-0123456789abcdef"
LINE_TOKEN = "field-line-token-ZYXWVUTSRQPONMLK"
TG_TOKEN = "123456:FIELD-token_ABCdef"


class Clock:
    """A settable clock for ``Core(clock=...)``."""

    def __init__(self, now: Any) -> None:
        self.now = now

    def __call__(self) -> Any:
        return self.now

    def advance(self, **kw: float) -> None:
        import datetime as dt

        self.now += dt.timedelta(**kw)


class Chat:
    """A core plus message ids, so that a test reads like a conversation."""

    def __init__(self, app: Any, clock: Clock, core: Core | None = None) -> None:
        self.app = app
        self.clock = clock
        self.core = core or Core(app.db, app.index, clock=clock)
        self._n = itertools.count(1)
        self._lock = threading.Lock()

    @classmethod
    def with_users(cls, app: Any, clock: Clock, users: dict[str, str]) -> Chat:
        """A chat with ``users`` (ref -> role) registered."""
        chat = cls(app, clock)
        for ref, role in users.items():
            chat.register(ref, role)
        return chat

    @classmethod
    def with_approvals(cls, app: Any, clock: Clock, users: dict[str, str]) -> Chat:
        """A chat whose every update waits for a manager's approval, with ``users``
        (ref -> role) registered."""
        chat = cls(app, clock, Core(app.db, app.index, clock=clock,
                                    approval=ApprovalPolicy.parse("all")))
        for ref, role in users.items():
            chat.register(ref, role)
        return chat

    def register(self, ref: str, role: str, **scope: str | None) -> None:
        with self.app.db.write() as s:
            add_user(s, ref, role, actor="test", **scope)  # type: ignore[arg-type]

    def send(self, ref: str, text: str, message_id: str | None = None,
             **extra: Any) -> list[Reply]:
        platform, _, uid = ref.partition(":")
        with self._lock:
            mid = message_id or f"m{next(self._n)}"
        replies = self.core.handle(Message(platform, uid, text, message_id=mid, **extra))
        for r in replies:
            assert not APOLOGY.search(r.text), r.text
        return replies

    def say(self, ref: str, text: str, **kw: Any) -> str:
        return "\n".join(r.text for r in self.send(ref, text, **kw))

    def press(self, ref: str, replies: list[Reply], label: str, **kw: Any) -> list[Reply]:
        """Press the first button whose label contains ``label`` in ``replies``."""
        for r in replies:
            for b in r.buttons:
                if label in b.label:
                    return self.send(ref, b.data, **kw)
        shown = [b.label for r in replies for b in r.buttons]
        raise AssertionError(f"no button {label!r} in {shown}")

    def count(self, model: type, *where: Any) -> int:
        with self.app.db.read() as s:
            return int(s.scalar(select(func.count()).select_from(model).where(*where)) or 0)

    def updates(self) -> list[ProgressUpdate]:
        with self.app.db.read() as s:
            rows = list(s.scalars(select(ProgressUpdate).order_by(ProgressUpdate.id)))
            s.expunge_all()
            return rows

    def nothing_stored(self) -> None:
        assert self.count(ProgressUpdate) == 0
        assert self.count(Document, Document.kind == "update") == 0


def labels(replies: list[Reply]) -> list[str]:
    return [b.label for r in replies for b in r.buttons]


def text_of(replies: list[Reply]) -> str:
    return "\n".join(r.text for r in replies)


# -- Telegram ------------------------------------------------------------------------------------
def tg_settings(settings: Settings, fake: FakeTelegram) -> Settings:
    return dataclasses.replace(settings, telegram_token=fake.token, telegram_api=fake.base_url)


def tg_drive(core: Any, settings: Settings, scenario: Callable[[], None]) -> None:
    """Run the bot by long polling while ``scenario`` (blocking) pushes updates and waits."""
    application = build_application(core, settings)

    async def main() -> None:
        stop = asyncio.Event()
        bot = asyncio.create_task(serve_polling(application, stop))
        try:
            await asyncio.to_thread(scenario)
        finally:
            stop.set()
            await bot

    asyncio.run(main())


def tg_to(chat_id: int) -> Callable[[Any], bool]:
    return lambda c: str(c.params.get("chat_id")) == str(chat_id)


def tg_plain(call: Any) -> str:
    return html.unescape(str(call.params.get("text") or call.params.get("caption") or ""))


def tg_buttons(call: Any) -> list[dict[str, str]]:
    markup = call.params.get("reply_markup") or {"inline_keyboard": []}
    return [b for row in markup["inline_keyboard"] for b in row]


# -- LINE ----------------------------------------------------------------------------------------
_ids = itertools.count(1)


def line_sign(body: bytes, secret: str = LINE_SECRET) -> str:
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


def line_event(kind: str, user_id: str, **extra: Any) -> dict[str, Any]:
    n = next(_ids)
    return {
        "type": kind, "mode": "active", "timestamp": 1692251666727 + n,
        "source": {"type": "user", "userId": user_id},
        "webhookEventId": f"01HFIELD{n:018d}",
        "deliveryContext": {"isRedelivery": False},
        "replyToken": f"fieldreply{n:06d}",
        **extra,
    }


def line_text(user_id: str, text: str) -> dict[str, Any]:
    n = next(_ids)
    return line_event("message", user_id, message={
        "id": f"5{n:017d}", "type": "text", "quoteToken": f"q{n}", "text": text})


def line_image(user_id: str, message_id: str) -> dict[str, Any]:
    return line_event("message", user_id, message={
        "id": message_id, "type": "image", "quoteToken": "qimg",
        "contentProvider": {"type": "line"}})


def line_postback(user_id: str, data: str) -> dict[str, Any]:
    return line_event("postback", user_id, postback={"data": data})


@dataclass
class LineBot:
    """A running LINE webhook app and the fake Messaging API it answers to."""

    app: Any
    fake: FakeLine
    url: str
    client: httpx.Client

    def send(self, *events: dict[str, Any]) -> None:
        body = json.dumps({"destination": "Ufield", "events": list(events)},
                          ensure_ascii=False).encode()
        r = self.client.post(f"{self.url}/line/callback", content=body,
                             headers={"Content-Type": "application/json",
                                      "X-Line-Signature": line_sign(body)})
        assert r.status_code == 200, r.text
        self.settle()

    def settle(self, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.app.db.read() as s:
                if not s.scalar(select(func.count()).select_from(ProcessedEvent)
                                .where(ProcessedEvent.platform == LEASE_KEY)):
                    return
            time.sleep(0.02)
        raise AssertionError("an event's work never finished")

    def last_messages(self) -> list[dict[str, Any]]:
        """The messages of the latest reply or push."""
        assert self.fake.calls, "nothing was sent"
        return list(self.fake.calls[-1].body["messages"])

    def last_text(self) -> str:
        return "\n".join(m["text"] for m in self.last_messages() if m.get("type") == "text")

    def quick_replies(self) -> list[dict[str, Any]]:
        msgs = self.last_messages()
        qr = msgs[-1].get("quickReply") or {"items": []}
        return [i["action"] for i in qr["items"]]

    def postback_of(self, label: str) -> str:
        for a in self.quick_replies():
            if label in a["label"]:
                assert a["type"] == "postback", a
                return str(a["data"])
        raise AssertionError(f"no quick reply {label!r} in {self.quick_replies()}")


@contextmanager
def line_running(app: Any, core: Core, fake: FakeLine,
                 public_url: str | None = None) -> Iterator[LineBot]:
    settings = dataclasses.replace(app.settings, line_secret=LINE_SECRET, line_token=LINE_TOKEN,
                                   line_api=fake.url, public_url=public_url)
    asgi = create_line_app(core, settings, reply_timeout=10.0)
    with serve_asgi(asgi) as url, httpx.Client(trust_env=False, timeout=20) as client:
        yield LineBot(app, fake, url, client)
