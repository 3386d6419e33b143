"""A loopback fake of the Telegram Bot API, for end-to-end tests without the internet.

It serves ``http://127.0.0.1:PORT/bot<TOKEN>/<method>`` from a thread (so it works
for in-process bots and for an ``sdgbot telegram`` subprocess alike), feeds queued
updates to ``getUpdates``, and records every call.  Files added with
:meth:`FakeTelegram.add_file` are described by ``getFile`` and served like Telegram
serves them, at ``/file/bot<TOKEN>/<file_path>`` (:attr:`downloads` counts the bytes
sent; a file may be served longer than ``getFile`` says, as a lying server would).  A
wrong token or a method it does not know is answered ``{"ok": false}`` *and* remembered
in :attr:`errors`, so a test that ends with ``fake.assert_clean()`` fails loudly.
"""

from __future__ import annotations

import email.parser
import email.policy
import itertools
import json
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

BOT_ID = 777000111
BOT_USERNAME = "TestBot"

#: Update ids of every fake of this process, one sequence (see ``FakeTelegram``).
_UPDATE_IDS = itertools.count(1000)


@dataclass
class Call:
    """One request the bot made: method name, decoded parameters, uploaded files."""

    method: str
    params: dict[str, Any]
    files: dict[str, bytes] = field(default_factory=dict)
    #: When it arrived (``time.monotonic()``).
    at: float = field(default_factory=time.monotonic)


def _decode(value: str) -> Any:
    """PTB sends non-string parameters JSON-encoded (``reply_markup``, lists, numbers)."""
    if value[:1] in "{[":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


class FakeTelegram:
    """The fake Bot API server; use as a context manager."""

    def __init__(self, token: str = "123:ABC", username: str = BOT_USERNAME) -> None:
        self.token = token
        self.username = username
        self.calls: list[Call] = []
        self.errors: list[str] = []
        self._updates: list[dict[str, Any]] = []
        #: file_id -> (file_path, bytes served, size stated by getFile or None)
        self.files: dict[str, tuple[str, bytes, int | None]] = {}
        #: file paths downloaded, with the bytes sent for each
        self.downloads: list[tuple[str, int]] = []
        #: Users who blocked the bot: a send to their chat is answered 403 (as Telegram does).
        self.blocked: set[int] = set()
        #: Callback queries answered (a second answer to one is refused with 400).
        self.answered: set[str] = set()
        #: Command lists set: (scope as JSON, language code) -> command names.
        self.commands: dict[tuple[str, str], list[str]] = {}
        # Update ids grow across fakes, as one bot's do on Telegram: a test module's
        # bot (and database) never sees an id again (the bot answers each id once).
        self._ids = _UPDATE_IDS
        self._message_ids = itertools.count(1)
        self._cond = threading.Condition()
        self._chunked = set()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,),
                                        daemon=True)

    # -- lifecycle --------------------------------------------------------------------------------
    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        """The ``base_url`` form python-telegram-bot wants: the token is appended to it."""
        return f"http://127.0.0.1:{self.port}/bot"

    def __enter__(self) -> FakeTelegram:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)

    _closed = False

    # -- feeding and asserting --------------------------------------------------------------------
    def push(self, update: dict[str, Any]) -> int:
        """Queue one update for ``getUpdates`` (an ``update_id`` is assigned if missing)."""
        with self._cond:
            update.setdefault("update_id", next(self._ids))
            self._updates.append(update)
            self._cond.notify_all()
        return int(update["update_id"])

    def calls_of(self, method: str) -> list[Call]:
        with self._cond:
            return [c for c in self.calls if c.method == method]

    def wait_for(
        self,
        method: str,
        predicate: Callable[[Call], bool] = lambda c: True,
        timeout: float = 10.0,
    ) -> Call:
        """The first recorded ``method`` call matching ``predicate``; waits for it to arrive."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for c in self.calls:
                    if c.method == method and predicate(c):
                        return c
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = [(c.method, c.params) for c in self.calls]
                    raise AssertionError(f"no {method} call arrived; calls so far: {seen}")
                self._cond.wait(left)

    def add_file(self, file_id: str, data: bytes, *, name: str = "document",
                 stated_size: int | str | None = "auto", chunked: bool = False,
                 folder: str = "documents") -> None:
        """Serve ``data`` as the file ``file_id`` (``stated_size`` "auto": its length).

        Documents and photos alike: ``folder`` is where Telegram would keep it
        (``documents``, ``photos``).  ``chunked`` sends it without a Content-Length, so
        only counting the bytes as they arrive can limit the download.
        """
        size = len(data) if stated_size == "auto" else stated_size
        assert size is None or isinstance(size, int)
        path = f"{folder}/file_{len(self.files)}_{name}"
        with self._cond:
            self.files[file_id] = (path, data, size)
            if chunked:
                self._chunked.add(path)

    _chunked: set[str]

    def pending(self) -> int:
        with self._cond:
            return len(self._updates)

    def assert_clean(self) -> None:
        assert not self.errors, f"the fake Bot API saw bad calls: {self.errors}"

    # -- the API ----------------------------------------------------------------------------------
    def _message(self, params: dict[str, Any], **extra: Any) -> dict[str, Any]:
        chat_id = int(params["chat_id"])
        chat = {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup"}
        if chat_id < 0:
            chat["title"] = "กลุ่มทดสอบ"
        return {"message_id": next(self._message_ids), "date": int(time.time()), "chat": chat,
                "from": self._me(), **extra}

    def _me(self) -> dict[str, Any]:
        return {"id": BOT_ID, "is_bot": True, "first_name": "SDG Bot", "username": self.username,
                "can_join_groups": True, "can_read_all_group_messages": False,
                "supports_inline_queries": False}

    def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset", 0) or 0)
        wait = min(float(params.get("timeout", 0) or 0), 0.5)
        deadline = time.monotonic() + wait
        with self._cond:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
            while not self._updates and not self._closed:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._cond.wait(left)
            limit = int(params.get("limit", 100) or 100)
            return list(self._updates[:limit])

    def dispatch(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """Answer one Bot API call like Telegram would."""
        result: Any
        if method == "getMe":
            result = self._me()
        elif method == "getUpdates":
            result = self._get_updates(params)
        elif (method in ("sendMessage", "sendPhoto", "sendDocument")
              and int(params.get("chat_id", 0)) in self.blocked):
            return 403, {"ok": False, "error_code": 403,
                         "description": "Forbidden: bot was blocked by the user"}
        elif _bad_button_data(params):
            # Telegram refuses the whole message when one button's data is not 1-64 bytes.
            self.errors.append(f"{method}: callback_data over 64 bytes")
            return 400, {"ok": False, "error_code": 400,
                         "description": "Bad Request: BUTTON_DATA_INVALID"}
        elif method == "sendMessage":
            result = self._message(params, text=params.get("text", ""))
        elif method in ("editMessageReplyMarkup", "editMessageText"):
            result = self._message(params, text=params.get("text", ""))
        elif method == "sendPhoto":
            photo = [{"file_id": "photo-1", "file_unique_id": "p1", "width": 800, "height": 600}]
            extra: dict[str, Any] = {"photo": photo}
            if params.get("caption"):
                extra["caption"] = params["caption"]
            result = self._message(params, **extra)
        elif method == "sendDocument":
            doc = {"file_id": f"doc-{next(self._ids)}", "file_unique_id": "d1",
                   "file_name": "document"}
            extra = {"document": doc}
            if params.get("caption"):
                extra["caption"] = params["caption"]
            result = self._message(params, **extra)
        elif method in ("setMyCommands", "deleteMyCommands"):
            scope = params.get("scope") or {"type": "default"}
            key = (json.dumps(scope, sort_keys=True), params.get("language_code") or "")
            if method == "setMyCommands":
                self.commands[key] = [c["command"] for c in params.get("commands", [])]
            else:
                self.commands.pop(key, None)
            result = True
        elif method == "answerCallbackQuery":
            query = str(params.get("callback_query_id", ""))
            if query in self.answered:  # Telegram takes one answer per button press
                return 400, {"ok": False, "error_code": 400,
                             "description": "Bad Request: query is too old and response "
                                            "timeout expired or query ID is invalid"}
            self.answered.add(query)
            result = True
        elif method in ("sendChatAction", "deleteWebhook", "setWebhook", "close", "logOut"):
            result = True
        elif method == "getFile":
            known = self.files.get(str(params.get("file_id", "")))
            if known is None:
                return 400, {"ok": False, "error_code": 400,
                             "description": "Bad Request: invalid file_id"}
            path, _data, size = known
            result = {"file_id": params["file_id"], "file_unique_id": f"u-{params['file_id']}",
                      "file_path": path}
            if size is not None:
                result["file_size"] = size
        elif method == "getWebhookInfo":
            result = {"url": "", "has_custom_certificate": False, "pending_update_count": 0}
        else:
            return 404, {"ok": False, "error_code": 404, "description": f"Not Found: {method}"}
        return 200, {"ok": True, "result": result}

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass  # keep test output quiet

            def do_GET(self) -> None:
                self._handle(b"")

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0) or 0)
                self._handle(self.rfile.read(length))

            def _handle(self, body: bytes) -> None:
                path = urllib.parse.urlsplit(self.path).path
                if path.startswith("/file/"):
                    self._file(urllib.parse.unquote(path))
                    return
                prefix = f"/bot{fake.token}/"
                if not path.startswith(prefix):
                    fake.errors.append(f"bad path or token: {path.split('/')[-1]}")
                    self._reply(401, {"ok": False, "error_code": 401,
                                      "description": "Unauthorized"})
                    return
                method = path[len(prefix):]
                params, files = self._params(body)
                if method != "getUpdates":
                    with fake._cond:
                        fake.calls.append(Call(method, params, files))
                status, payload = fake.dispatch(method, params)
                if status != 200 and status != 403:  # 403: a user who blocked the bot
                    fake.errors.append(f"{method} failed ({status})")
                with fake._cond:
                    if method == "getUpdates":
                        fake.calls.append(Call(method, params))
                    fake._cond.notify_all()
                self._reply(status, payload)

            def _params(self, body: bytes) -> tuple[dict[str, Any], dict[str, bytes]]:
                ctype = self.headers.get("Content-Type", "")
                query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(self.path).query))
                if ctype.startswith("application/json"):
                    return {**query, **json.loads(body or b"{}")}, {}
                if ctype.startswith("multipart/form-data"):
                    msg = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
                        f"Content-Type: {ctype}\r\n\r\n".encode() + body
                    )
                    params: dict[str, Any] = dict(query)
                    files: dict[str, bytes] = {}
                    for part in msg.iter_parts():
                        name = part.get_param("name", header="content-disposition")
                        payload = part.get_payload(decode=True)
                        data = payload if isinstance(payload, bytes) else b""
                        if part.get_filename():
                            files[str(name)] = data
                        else:
                            params[str(name)] = _decode(data.decode())
                    return params, files
                form = urllib.parse.parse_qsl(body.decode(), keep_blank_values=True)
                return {**query, **{k: _decode(v) for k, v in form}}, {}

            def _file(self, path: str) -> None:
                prefix = f"/file/bot{fake.token}/"
                wanted = path[len(prefix):] if path.startswith(prefix) else None
                with fake._cond:
                    found = next((d for p, d, _ in fake.files.values() if p == wanted), None)
                    chunked = wanted in fake._chunked
                if found is None:
                    fake.errors.append(f"bad file download: {path.split('/')[-1]}")
                    self._reply(404, {"ok": False, "error_code": 404, "description": "Not Found"})
                    return
                self.protocol_version = "HTTP/1.1"
                self.send_response(200)
                self.send_header("Content-Type", "application/octet-stream")
                if chunked:
                    self.send_header("Transfer-Encoding", "chunked")
                else:
                    self.send_header("Content-Length", str(len(found)))
                self.send_header("Connection", "close")
                self.end_headers()
                sent = 0
                try:
                    for i in range(0, len(found), 65536):
                        piece = found[i:i + 65536]
                        if chunked:
                            self.wfile.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
                        else:
                            self.wfile.write(piece)
                        sent += len(piece)
                    if chunked:
                        self.wfile.write(b"0\r\n\r\n")
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the bot stopped reading: what a download limit does
                with fake._cond:
                    fake.downloads.append((str(wanted), sent))
                    fake._cond.notify_all()
                self.close_connection = True

            def _reply(self, status: int, payload: dict[str, Any]) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                try:
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the bot gave up on a long poll while stopping: normal

        return Handler


# -- update builders ------------------------------------------------------------------------------
def _bad_button_data(params: dict[str, Any]) -> bool:
    """Whether an inline keyboard in ``params`` has callback data outside 1-64 UTF-8 bytes."""
    markup = params.get("reply_markup")
    if isinstance(markup, str):
        markup = json.loads(markup)
    rows = (markup or {}).get("inline_keyboard") or []
    return any("callback_data" in b and not 1 <= len(b["callback_data"].encode()) <= 64
               for row in rows for b in row)


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def user(user_id: int, name: str = "สมชาย") -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": name, "language_code": "th"}


def chat(chat_id: int, kind: str = "private") -> dict[str, Any]:
    c: dict[str, Any] = {"id": chat_id, "type": kind}
    if kind != "private":
        c["title"] = "กลุ่มทดสอบ"
    return c


def message_update(
    text: str | None,
    user_id: int,
    chat_id: int | None = None,
    kind: str = "private",
    **extra: Any,
) -> dict[str, Any]:
    """A ``message`` update; a leading ``/command`` gets its ``bot_command`` entity."""
    msg: dict[str, Any] = {
        "message_id": int(time.time() * 1000) % 1_000_000,
        "date": int(time.time()),
        "chat": chat(chat_id if chat_id is not None else user_id, kind),
        "from": user(user_id),
        **extra,
    }
    if text is not None:
        msg["text"] = text
        if text.startswith("/"):
            msg["entities"] = [{"type": "bot_command", "offset": 0,
                                "length": _utf16(text.split()[0])}]
    return {"message": msg}


def callback_update(data: str, user_id: int, chat_id: int | None = None) -> dict[str, Any]:
    """A ``callback_query`` update: a press on an inline button under a bot message."""
    cid = chat_id if chat_id is not None else user_id
    return {
        "callback_query": {
            "id": f"cq-{time.monotonic_ns()}",
            "from": user(user_id),
            "chat_instance": "ci-1",
            "data": data,
            "message": {"message_id": 1, "date": int(time.time()), "chat": chat(cid),
                        "from": {"id": BOT_ID, "is_bot": True, "first_name": "SDG Bot",
                                 "username": BOT_USERNAME},
                        "text": "คำตอบ"},
        }
    }


def document_update(file_id: str, file_name: str | None, file_size: int | None, user_id: int,
                    chat_id: int | None = None, kind: str = "private",
                    mime_type: str = "application/octet-stream") -> dict[str, Any]:
    """A message carrying a document (a file sent as a file, not as a photo)."""
    document: dict[str, Any] = {"file_id": file_id, "file_unique_id": f"u-{file_id}",
                                "mime_type": mime_type}
    if file_name is not None:
        document["file_name"] = file_name
    if file_size is not None:
        document["file_size"] = file_size
    return message_update(None, user_id, chat_id, kind, document=document)


def sticker_update(
    user_id: int, chat_id: int | None = None, kind: str = "private"
) -> dict[str, Any]:
    """A sticker message (no text)."""
    sticker = {"file_id": "st-1", "file_unique_id": "st1", "type": "regular", "width": 512,
               "height": 512, "is_animated": False, "is_video": False}
    return message_update(None, user_id, chat_id, kind, sticker=sticker)


def photo_update(
    user_id: int, file_id: str, size: int, caption: str | None = None,
    chat_id: int | None = None, kind: str = "private",
) -> dict[str, Any]:
    """A photo message: two sizes, the larger one ``file_id`` (register it in ``fake.files``)."""
    photo = [
        {"file_id": f"{file_id}-small", "file_unique_id": f"s-{file_id}", "width": 90,
         "height": 60, "file_size": 1000},
        {"file_id": file_id, "file_unique_id": f"u-{file_id}", "width": 1280, "height": 960,
         "file_size": size},
    ]
    extra: dict[str, Any] = {"photo": photo}
    if caption is not None:
        extra["caption"] = caption
    return message_update(None, user_id, chat_id, kind, **extra)


def bot_message(call: Call) -> dict[str, Any]:
    """The message the bot sent in ``call`` (a ``sendMessage``), as a reply would quote it."""
    import html

    chat_id = int(call.params["chat_id"])
    return {"message_id": 990000 + len(str(call.params.get("text", ""))),
            "date": int(time.time()), "chat": chat(chat_id),
            "from": {"id": BOT_ID, "is_bot": True, "first_name": "SDG Bot",
                     "username": BOT_USERNAME},
            "text": html.unescape(str(call.params.get("text", "")))}


def chat_scope(chat_id: int) -> str:
    """The key of a ``BotCommandScopeChat`` in :attr:`FakeTelegram.commands`."""
    return json.dumps({"chat_id": chat_id, "type": "chat"}, sort_keys=True)
