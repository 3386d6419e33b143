"""Every HTTP endpoint stops reading at its limit and refuses bad bodies with 400 (issue 13, 4).

The ASGI apps are driven directly: ``receive`` hands out a streamed body chunk by
chunk and counts how much of it the app asked for, so "read whole before the size
check" is visible without measuring memory.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bot.adapters.line import MAX_BODY_BYTES as LINE_MAX
from bot.adapters.line import create_line_app
from bot.adapters.telegram import MAX_BODY_BYTES as TELEGRAM_MAX
from bot.adapters.telegram import build_application, create_webhook_app, webhook_secret
from bot.config import Settings
from bot.core import Core

SECRET = "test-line-secret-limits"
TOKEN = "123456:TEST-telegram-token-for-limits"
CHUNK = 64 * 1024
HUGE = 300 * 1024 * 1024  # the 300 MiB


class Stream:
    """A request body of ``total`` bytes offered in chunks; counts what was taken."""

    def __init__(self, total: int, data: bytes | None = None) -> None:
        self.total = total
        self.data = data
        self.taken = 0

    async def receive(self) -> dict[str, Any]:
        if self.data is not None:
            body, self.data = self.data, None
            self.taken += len(body)
            return {"type": "http.request", "body": body, "more_body": False}
        n = min(CHUNK, self.total - self.taken)
        self.taken += n
        return {"type": "http.request", "body": b"[" * n, "more_body": self.taken < self.total}


def call(app: Any, path: str, headers: dict[str, str], stream: Stream,
         method: str = "POST") -> int:
    status: list[int] = []

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            status.append(message["status"])

    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method,
        "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": b"",
        "root_path": "", "server": ("127.0.0.1", 80), "client": ("127.0.0.1", 5000),
        "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
    }
    asyncio.run(app(scope, stream.receive, send))
    return status[0]


def nested(depth: int = 100_000) -> bytes:
    return b"[" * depth + b"]" * depth


@pytest.fixture
def line_app(make_app: Callable[..., Any], tmp_path: Path) -> Any:
    app = make_app()
    settings = Settings(home=tmp_path, line_secret=SECRET, line_token="t")
    return create_line_app(Core(app.db, app.index), settings, media_dir=tmp_path)


@pytest.fixture
def telegram_app(make_app: Callable[..., Any], tmp_path: Path) -> Any:
    app = make_app()
    settings = Settings(home=tmp_path, telegram_token=TOKEN)
    application = build_application(Core(app.db, app.index), settings)
    return create_webhook_app(application, webhook_secret(TOKEN))


def line_sign(body: bytes) -> str:
    return base64.b64encode(hmac.new(SECRET.encode(), body, hashlib.sha256).digest()).decode()


def test_line_chunked_300_mib_is_refused_while_streaming(line_app: Any) -> None:
    stream = Stream(HUGE)
    assert call(line_app, "/line/callback", {"X-Line-Signature": "anything"}, stream) == 413
    assert stream.taken <= LINE_MAX + CHUNK  # stopped at the limit, not at 300 MiB


def test_line_declared_length_over_the_limit_reads_nothing(line_app: Any) -> None:
    stream = Stream(HUGE)
    headers = {"X-Line-Signature": "x", "Content-Length": str(HUGE)}
    assert call(line_app, "/line/callback", headers, stream) == 413
    assert stream.taken == 0


def test_line_deeply_nested_signed_body_is_400(line_app: Any) -> None:
    body = nested()
    assert len(body) <= LINE_MAX
    headers = {"X-Line-Signature": line_sign(body)}
    assert call(line_app, "/line/callback", headers, Stream(len(body), body)) == 400


def test_telegram_webhook_limits(telegram_app: Any) -> None:
    secret = {"X-Telegram-Bot-Api-Secret-Token": webhook_secret(TOKEN)}
    stream = Stream(HUGE)
    assert call(telegram_app, "/telegram/webhook", secret, stream) == 413
    assert stream.taken <= TELEGRAM_MAX + CHUNK
    body = nested()
    assert call(telegram_app, "/telegram/webhook", secret, Stream(len(body), body)) == 400
    # Without the secret nothing is read at all.
    stream = Stream(HUGE)
    assert call(telegram_app, "/telegram/webhook", {}, stream) == 403
    assert stream.taken == 0


@pytest.mark.parametrize("which", ["line", "telegram"])
def test_health_reads_no_body(which: str, line_app: Any, telegram_app: Any) -> None:
    app = line_app if which == "line" else telegram_app
    stream = Stream(HUGE)
    assert call(app, "/healthz", {}, stream, method="GET") == 200
    assert stream.taken == 0


class HangUp(Stream):
    """A client that states ``Content-Length: 100``, sends 10 bytes and closes the connection."""

    def __init__(self) -> None:
        super().__init__(100)
        self.sent = False

    async def receive(self) -> dict[str, Any]:
        if not self.sent:
            self.sent = True
            self.taken += 10
            return {"type": "http.request", "body": b"0123456789", "more_body": True}
        return {"type": "http.disconnect"}


def web_server_app(tmp_path: Path) -> Any:
    """The web worker's routes (``sdgbot serve``), without a database: bodies only."""
    from starlette.applications import Starlette

    from bot.server.asgi import WebServer

    settings = Settings(home=tmp_path, line_secret=SECRET, line_token="t", telegram_token=TOKEN,
                        database_url="postgresql+psycopg://nobody@127.0.0.1:9/none")
    return Starlette(routes=WebServer(settings, None, None).routes())  # type: ignore[arg-type]


@pytest.mark.parametrize("which", ["line", "telegram", "serve-line", "serve-telegram"])
def test_client_hanging_up_midway_is_one_warning_no_traceback(
        which: str, line_app: Any, telegram_app: Any, tmp_path: Path,
        caplog: pytest.LogCaptureFixture) -> None:
    """Fault A: a disconnect while the body streams in is one WARNING line, whoever sends it."""
    app = {"line": line_app, "telegram": telegram_app}.get(which) or web_server_app(tmp_path)
    if which.endswith("line"):
        path, headers = "/line/callback", {"X-Line-Signature": "not-even-valid"}
    else:
        path, headers = "/telegram/webhook", {"X-Telegram-Bot-Api-Secret-Token":
                                              webhook_secret(TOKEN)}
    headers["Content-Length"] = "100"
    caplog.set_level("DEBUG")
    for _ in range(3):
        call(app, path, headers, HangUp())  # raises if the exception escaped the app
    warnings = [r for r in caplog.records if r.levelname == "WARNING"]
    assert len(warnings) == 3, [r.getMessage() for r in caplog.records]
    assert all("disconnected" in r.getMessage() and r.exc_info is None for r in warnings)
    assert not [r for r in caplog.records if r.levelno >= 40]
