"""A loopback fake of LINE's Messaging API, and a helper to serve an ASGI app in a thread.

:class:`FakeLine` answers ``POST /v2/bot/message/reply`` and ``/v2/bot/message/push``
on 127.0.0.1, records every call (path, headers, JSON body), serves the content of
messages added with :meth:`FakeLine.add_content` at ``GET /v2/bot/message/{id}/content``
(the api-data host's endpoint; :attr:`FakeLine.downloads` counts the bytes sent), and
can be told to refuse reply tokens (HTTP 400 ``{"message": "Invalid reply token"}``) so that
the push fallback can be exercised.  Like LINE, it accepts a reply token once (a second
reply with it is refused as invalid) and a push ``X-Line-Retry-Key`` once (a repeat is
answered 409 and not delivered); :attr:`Call.status` is what it answered.  Any other
path, or a request without the expected bearer token, is answered 404/401 *and*
recorded in :attr:`FakeLine.errors`, which the test fixture asserts is empty: the fake
fails loudly.
"""

from __future__ import annotations

import json
import re
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import uvicorn

REPLY_PATH = "/v2/bot/message/reply"
PUSH_PATH = "/v2/bot/message/push"
CONTENT_PATH = re.compile(r"^/v2/bot/message/([0-9]+)/content$")
RICH_MENU_PATH = "/v2/bot/richmenu"
RICH_MENU_LIST_PATH = "/v2/bot/richmenu/list"
RICH_MENU_IMAGE = re.compile(r"^/v2/bot/richmenu/([A-Za-z0-9-]+)/content$")
USER_RICH_MENU = re.compile(r"^/v2/bot/user/(U[0-9a-zA-Z]+)/richmenu(?:/([A-Za-z0-9-]+))?$")


@dataclass
class Call:
    """One request the fake received."""

    path: str
    headers: dict[str, str]
    body: dict[str, Any]
    status: int = 200
    at: float = 0.0

    @property
    def texts(self) -> list[str]:
        """The texts of the text messages in this call."""
        return [m["text"] for m in self.body.get("messages", []) if m.get("type") == "text"]


@dataclass
class FakeLine:
    """The fake Messaging API; use as a context manager."""

    token: str
    reply_status: int = 200
    calls: list[Call] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    #: message id -> (content, sent without Content-Length)
    contents: dict[str, tuple[bytes, bool]] = field(default_factory=dict)
    #: message ids whose content was fetched, with the bytes sent for each
    downloads: list[tuple[str, int]] = field(default_factory=list)
    #: Users whose pushes are refused 403 (they blocked the bot).
    blocked: set[str] = field(default_factory=set)
    #: Rich menus made: id -> the create request's JSON; their images: id -> bytes.
    rich_menus: dict[str, dict[str, Any]] = field(default_factory=dict)
    rich_menu_images: dict[str, bytes] = field(default_factory=dict)
    #: Users linked to a rich menu: user id -> rich menu id.
    links: dict[str, str] = field(default_factory=dict)

    def add_content(self, message_id: str, data: bytes, *, chunked: bool = False,
                    first_delay: float = 0.0) -> None:
        """Serve ``data`` as the content of message ``message_id`` (digits, as LINE's are).

        ``chunked`` sends it without a Content-Length, so only counting the bytes as
        they arrive can limit the download.  ``first_delay`` holds the first request
        for that many seconds (a slow network: a worker can be killed meanwhile).
        """
        with self._cond:
            self.contents[message_id] = (data, chunked)
            if first_delay:
                self._delays[message_id] = first_delay

    def __post_init__(self) -> None:
        self._cond = threading.Condition()
        self._used_tokens: set[str] = set()
        self._delays: dict[str, float] = {}
        #: message ids whose content was asked for, in order (before it is sent)
        self.requested: list[str] = []
        self._retry_keys: set[str] = set()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ------------------------------------------------------------------------------
    def __enter__(self) -> FakeLine:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                fake._handle(self)

            def do_GET(self) -> None:
                fake._handle(self)

            def do_DELETE(self) -> None:
                fake._handle(self)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._server is not None and self._thread is not None
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)

    @property
    def url(self) -> str:
        """Base URL for ``SDGBOT_LINE_API``."""
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    # -- recording ------------------------------------------------------------------------------
    def _handle(self, req: BaseHTTPRequestHandler) -> None:
        length = int(req.headers.get("Content-Length") or 0)
        raw = req.rfile.read(length) if length else b""
        headers = {k.lower(): v for k, v in req.headers.items()}
        content = CONTENT_PATH.match(req.path)
        if req.command == "GET" and content:
            self._content(req, content.group(1), headers)
            return
        if req.path.startswith(("/v2/bot/richmenu", "/v2/bot/user/")):
            self._rich_menus(req, headers, raw)
            return
        if req.command != "POST" or req.path not in (REPLY_PATH, PUSH_PATH):
            self._fail(f"unexpected call {req.command} {req.path}")
            self._send(req, 404, {"message": "Not found"})
            return
        if headers.get("authorization") != f"Bearer {self.token}":
            self._fail(f"bad Authorization header on {req.path}")
            self._send(req, 401, {"message": "Authentication failed"})
            return
        try:
            body = json.loads(raw.decode("utf-8"))
        except ValueError:
            self._fail(f"non-JSON body on {req.path}")
            self._send(req, 400, {"message": "The request body has 1 error(s)"})
            return
        problem = self._message_problem(body)
        if problem is not None:  # LINE refuses the whole request
            self._fail(f"{req.path}: {problem}")
            self._send(req, 400, {"message": "The request body has 1 error(s)",
                                  "details": [{"message": problem}]})
            return
        with self._cond:
            status = 200
            if req.path == REPLY_PATH:
                token = str(body.get("replyToken", ""))
                if self.reply_status != 200 or token in self._used_tokens:
                    status = self.reply_status if self.reply_status != 200 else 400
                self._used_tokens.add(token)
            retry_key = headers.get("x-line-retry-key")
            if req.path == PUSH_PATH and retry_key:
                if retry_key in self._retry_keys:
                    status = 409
                self._retry_keys.add(retry_key)
            self.calls.append(Call(req.path, headers, body, status, time.monotonic()))
            self._cond.notify_all()
        if status == 409:
            req.send_response(409)
            req.send_header("x-line-accepted-request-id", "accepted-" + str(retry_key))
            req.send_header("Content-Type", "application/json")
            data = b'{"message": "The retry key is already accepted"}'
            req.send_header("Content-Length", str(len(data)))
            req.end_headers()
            req.wfile.write(data)
            return
        if status != 200:
            self._send(req, status, {"message": "Invalid reply token"})
            return
        if req.path == PUSH_PATH and body.get("to") in self.blocked:
            self._send(req, 403, {"message": "The user hasn't added the LINE Official Account "
                                             "as a friend or has blocked it."})
            return
        sent = [{"id": str(uuid.uuid4().int)[:18], "quoteToken": uuid.uuid4().hex}
                for _ in body.get("messages", [])]
        self._send(req, 200, {"sentMessages": sent})

    def _rich_menus(self, req: BaseHTTPRequestHandler, headers: dict[str, str],
                    raw: bytes) -> None:
        """The rich menu endpoints, checked as LINE checks them (size, areas, image)."""
        if headers.get("authorization") != f"Bearer {self.token}":
            self._fail(f"bad Authorization header on {req.path}")
            self._send(req, 401, {"message": "Authentication failed"})
            return
        method, path = req.command, req.path
        with self._cond:
            self.calls.append(Call(path, headers, {"method": method} if not raw
                                   or not headers.get("content-type", "").startswith(
                                       "application/json") else json.loads(raw)))
            self._cond.notify_all()
        image, user = RICH_MENU_IMAGE.match(path), USER_RICH_MENU.match(path)
        if method == "GET" and path == RICH_MENU_LIST_PATH:
            with self._cond:
                menus = [{"richMenuId": k, **v} for k, v in self.rich_menus.items()]
            self._send(req, 200, {"richmenus": menus})
        elif method == "POST" and path == RICH_MENU_PATH:
            body = json.loads(raw)
            problem = self._menu_problem(body)
            if problem:
                self._fail(f"bad rich menu: {problem}")
                self._send(req, 400, {"message": problem})
                return
            menu_id = f"richmenu-{uuid.uuid4().hex}"
            with self._cond:
                self.rich_menus[menu_id] = body
            self._send(req, 200, {"richMenuId": menu_id})
        elif method == "GET" and image:
            with self._cond:
                data = self.rich_menu_images.get(image.group(1))
            if data is None:
                self._send(req, 404, {"message": "Not found"})
                return
            req.send_response(200)
            req.send_header("Content-Type", "image/png")
            req.send_header("Content-Length", str(len(data)))
            req.end_headers()
            req.wfile.write(data)
        elif method == "POST" and image:
            problem = self._image_problem(image.group(1), headers, raw)
            if problem:
                self._fail(f"bad rich menu image: {problem}")
                self._send(req, 400, {"message": problem})
                return
            with self._cond:
                self.rich_menu_images[image.group(1)] = raw
            self._send(req, 200, {})
        elif method == "POST" and user and user.group(2):
            with self._cond:
                ready = user.group(2) in self.rich_menu_images
                if ready:
                    self.links[user.group(1)] = user.group(2)
            if not ready:
                self._fail(f"link to a rich menu without an image: {user.group(2)}")
                self._send(req, 400, {"message": "must upload richmenu image before applying "
                                                 "it to user"})
                return
            self._send(req, 200, {})
        elif method == "DELETE" and user and not user.group(2):
            with self._cond:
                self.links.pop(user.group(1), None)
            self._send(req, 200, {})
        else:
            self._fail(f"unexpected call {method} {path}")
            self._send(req, 404, {"message": "Not found"})

    @staticmethod
    def _message_problem(body: dict[str, Any]) -> str | None:
        """What LINE would refuse in a reply or push: quick reply postbacks over its limits."""
        for message in body.get("messages") or []:
            items = (message.get("quickReply") or {}).get("items") or []
            if len(items) > 13:
                return "more than 13 quick reply items"
            for item in items:
                action = item.get("action") or {}
                if action.get("type") == "postback" and not 0 < len(action.get("data", "")) <= 300:
                    return "postback data must be 1-300 characters"
                if len(action.get("label", "")) > 20:
                    return "a quick reply label over 20 characters"
        return None

    @staticmethod
    def _menu_problem(body: dict[str, Any]) -> str | None:
        size = body.get("size") or {}
        w, h = size.get("width", 0), size.get("height", 0)
        if not (800 <= w <= 2500 and h >= 250 and w / h >= 1.45):
            return f"size {w}x{h}"
        if not body.get("name") or len(body["name"]) > 300:
            return "name"
        if not body.get("chatBarText") or len(body["chatBarText"]) > 14:
            return "chatBarText"
        areas = body.get("areas") or []
        if not 1 <= len(areas) <= 20:
            return "areas"
        for a in areas:
            b = a["bounds"]
            if b["x"] < 0 or b["y"] < 0 or b["x"] + b["width"] > w or b["y"] + b["height"] > h:
                return f"area outside the image: {b}"
            if a["action"]["type"] != "postback" or len(a["action"]["data"]) > 300:
                return "action"
        return None

    def _image_problem(self, menu_id: str, headers: dict[str, str], raw: bytes) -> str | None:
        import io

        from PIL import Image

        with self._cond:
            menu = self.rich_menus.get(menu_id)
        if menu is None:
            return "no such rich menu"
        if headers.get("content-type") not in ("image/png", "image/jpeg"):
            return f"content type {headers.get('content-type')}"
        if len(raw) > 1024 * 1024:
            return "over 1 MB"
        with Image.open(io.BytesIO(raw)) as img:
            if img.size != (menu["size"]["width"], menu["size"]["height"]):
                return f"image {img.size} is not the menu's size"
        return None

    def _content(self, req: BaseHTTPRequestHandler, message_id: str,
                 headers: dict[str, str]) -> None:
        if headers.get("authorization") != f"Bearer {self.token}":
            self._fail(f"bad Authorization header on content of {message_id}")
            self._send(req, 401, {"message": "Authentication failed"})
            return
        with self._cond:
            known = self.contents.get(message_id)
            self.requested.append(message_id)
            delay = self._delays.pop(message_id, 0.0)
            self._cond.notify_all()
        if delay:
            time.sleep(delay)
        if known is None:
            self._fail(f"content of unknown message {message_id}")
            self._send(req, 404, {"message": "Not found"})
            return
        data, chunked = known
        req.protocol_version = "HTTP/1.1"
        req.send_response(200)
        req.send_header("Content-Type", "application/octet-stream")
        if chunked:
            req.send_header("Transfer-Encoding", "chunked")
        else:
            req.send_header("Content-Length", str(len(data)))
        req.send_header("Connection", "close")
        req.end_headers()
        sent = 0
        try:
            for i in range(0, len(data), 65536):
                piece = data[i:i + 65536]
                req.wfile.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n"
                                if chunked else piece)
                sent += len(piece)
            if chunked:
                req.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the bot stopped reading: what a download limit does
        req.close_connection = True
        with self._cond:
            self.downloads.append((message_id, sent))
            self._cond.notify_all()

    def _fail(self, why: str) -> None:
        with self._cond:
            self.errors.append(why)
            self._cond.notify_all()

    @staticmethod
    def _send(req: BaseHTTPRequestHandler, status: int, payload: dict[str, Any]) -> None:
        data = json.dumps(payload).encode()
        req.send_response(status)
        req.send_header("Content-Type", "application/json")
        req.send_header("Content-Length", str(len(data)))
        req.end_headers()
        req.wfile.write(data)

    # -- queries --------------------------------------------------------------------------------
    def of(self, path: str) -> list[Call]:
        """Recorded calls to ``path``."""
        with self._cond:
            return [c for c in self.calls if c.path == path]

    @property
    def replies(self) -> list[Call]:
        """Recorded reply calls."""
        return self.of(REPLY_PATH)

    @property
    def pushes(self) -> list[Call]:
        """Recorded push calls."""
        return self.of(PUSH_PATH)

    def wait_for(self, predicate: Callable[[FakeLine], bool], timeout: float = 20.0) -> None:
        """Block until ``predicate(self)`` holds; fail after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while not predicate(self):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(
                        f"timed out; calls={[(c.path, c.texts) for c in self.calls]} "
                        f"errors={self.errors}")
                self._cond.wait(left)

    def wait_calls(self, path: str, n: int, timeout: float = 20.0) -> list[Call]:
        """Block until ``n`` calls to ``path`` were recorded; return them."""
        self.wait_for(lambda f: len([c for c in f.calls if c.path == path]) >= n, timeout)
        return self.of(path)


@contextmanager
def serve_asgi(app: Any) -> Iterator[str]:
    """Serve ``app`` with uvicorn on 127.0.0.1 (random port) in a thread; yield its URL."""
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_config=None, lifespan="on",
                            ws="none", timeout_graceful_shutdown=10)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(15)
        assert not thread.is_alive(), "uvicorn did not stop"
