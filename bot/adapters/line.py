"""The LINE adapter: an ASGI app around :class:`bot.core.Core`.

The webhook edge verifies, then parses, then dispatches: ``X-Line-Signature`` is
checked over the raw body (line-bot-sdk v3 :class:`~linebot.v3.WebhookParser`)
before anything else, and a missing or wrong signature is HTTP 400.  The work runs
in a background task so that LINE gets its 200 at once.

Each event is handled once, keyed by its ``webhookEventId`` in ``processed_events``
(``UNIQUE(platform, event_id)``), and a message event by its message id
(``msg:ID``, :func:`claim_key`): LINE may deliver one message again under a new
``webhookEventId`` with the same, already used, reply token, and answering it again
would be refused and then pushed (spending the month's push quota) for a message
answered already.  The claim is taken in two steps so that a crash loses nothing:

* before the work, a *lease* (platform ``line:lease``) is taken, with its time;
* when the work is over, the lease becomes the *done* mark (platform ``line``, as
  events handled by earlier versions are recorded).

A redelivery of a done event is skipped.  A redelivery that finds a live lease
(another worker is on it) is answered 503 so that LINE delivers it again later.
A lease older than :data:`CLAIM_LEASE` belongs to a worker that died (killed
between the claim and the work): the redelivery takes it over and does the work.
The work itself is idempotent where it writes (an update is stored once per LINE
message id, an ``/undo`` once per message), so a takeover never doubles data.

Answers go back with the reply token when they are ready within
``reply_timeout`` and the token is accepted; otherwise they are pushed to the
user, group or room, so no answer is lost.  Texts are split at line boundaries
under LINE's 5,000 UTF-16 code units, at most five messages per call; the last
message carries quick-reply buttons (the reply's buttons and 👍/👎 feedback), all
postbacks: a button's command never shows as text the user typed.
Charts are served from ``GET /media/{name}`` and sent as image messages when a
public base URL (``SDGBOT_PUBLIC_URL``) is known; LINE sends no other files, so a
workbook or a PDF is offered as a link to the same route (its name is a long random or
data-derived digest nobody can guess), or left out without that URL.

A file message (PDF, Word, Excel, text, JSON lines) in a one-to-one chat goes to
:mod:`bot.uploads`: the sender's role and the ``fileSize`` the signed webhook states
are checked first; the file is then fetched from LINE's message-content endpoint
(``GET /v2/bot/message/{id}/content`` on the ``api-data`` host, the request of
line-bot-sdk's ``MessagingApiBlob.get_message_content``) and dropped as soon as more
than the limit has arrived.  The SDK's method reads the whole body into memory before
it returns (and its ``_preload_content=False`` fails in the async client), so the
same request is made with httpx, streamed.  ``SDGBOT_LINE_API``, when set, replaces
that host too, as the SDK's ``Configuration(host=...)`` does.  An image message in a
one-to-one chat is no document: it reaches the core as the message's
:class:`~bot.replies.Attachment` (evidence for the guided update in progress), fetched
from the same endpoint, blocking and limited, only when that conversation wants it.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import datetime as dt
import logging
import re
import signal
import threading
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import httpx
import uvicorn
from linebot.v3 import WebhookParser
from linebot.v3.exceptions import InvalidSignatureError
from linebot.v3.messaging import (
    ApiException,
    AsyncApiClient,
    AsyncMessagingApi,
    Configuration,
    ImageMessage,
    PostbackAction,
    PushMessageRequest,
    QuickReply,
    QuickReplyItem,
    ReplyMessageRequest,
    TextMessage,
)
from linebot.v3.webhooks import (
    Event,
    FileMessageContent,
    FollowEvent,
    GroupSource,
    ImageMessageContent,
    MessageEvent,
    PostbackEvent,
    RoomSource,
    TextMessageContent,
)
from sqlalchemy.exc import SQLAlchemyError
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from bot.adapters import once
from bot.adapters.http_body import BadBody, BodyTooLarge, read_limited
from bot.adapters.once import Claim
from bot.approvals import ApprovalPolicy
from bot.buttons import EXPIRED, KEY_PREFIX, LINE, ButtonCommands
from bot.config import Settings
from bot.conversation import EvidenceError
from bot.conversation.evidence import too_large_message
from bot.conversation.lang import message_language
from bot.core import Core, platform_user_english, user_language_english
from bot.media_files import media_file
from bot.menus import LineMenus, keep_menus_in_step
from bot.replies import Attachment, Button, Message, Reply
from bot.schedule import Schedule
from bot.uploads import (
    MAX_UPLOAD_BYTES,
    UploadTooLarge,
    download_failed,
    ingest_upload,
    refusal_before_download,
    too_large,
)
from knowledge import textcut
from knowledge.textcut import shorten, utf16_len

if TYPE_CHECKING:
    from bot.app import App

__all__ = [
    "DEFAULT_REPLY_TIMEOUT",
    "create_line_app",
    "feedback_data",
    "parse_feedback",
    "run_line",
    "split_text",
    "utf16_len",
]

log = logging.getLogger(__name__)

PLATFORM = "line"
#: Seconds to wait for an answer before giving up on the reply token and pushing instead.
DEFAULT_REPLY_TIMEOUT = 25.0
MAX_TEXT_UNITS = 5000  # a text message, in UTF-16 code units
MAX_MESSAGES_PER_CALL = 5  # reply and push alike
MAX_MESSAGES_TOTAL = 25  # five calls at most for one answer
MAX_QUICK_REPLY_ITEMS = 13
MAX_LABEL_UNITS = 20
MAX_ACTION_TEXT = 300
MAX_BODY_BYTES = 1 << 20
SEND_TIMEOUT = 15.0  # seconds for one Messaging API call
SHUTDOWN_GRACE = 30.0  # seconds to finish pending answers on shutdown
#: Seconds a claimed event is left to the worker that claimed it; an older claim is
#: taken over by a redelivery.  Longer than an answer takes (compute, reply or push).
CLAIM_LEASE = 180.0
DONE_KEY = PLATFORM  # events handled by earlier versions are recorded under "line"
LEASE_KEY = once.lease_key(DONE_KEY)
#: The host of message content (line-bot-sdk's ``MessagingApiBlob``).
LINE_DATA_API = "https://api-data.line.me"
CONTENT_PATH = "/v2/bot/message/{message_id}/content"
#: A file download: seconds in all, and to connect.
DOWNLOAD_TIMEOUT = httpx.Timeout(60.0, connect=10.0)


class ContentUnavailable(Exception):
    """LINE did not give the content of a message (expired, unknown, or refused)."""


_RETRY_NS = uuid.UUID("0b0c5f38-6c53-4d1c-9b59-2a3f8e1f7a11")
#: What ``/media/{name}`` serves (:func:`bot.media_files.media_file`).
_MEDIA_TYPES = ("png", "jpg", "jpeg", "xlsx", "pdf")
_FEEDBACK = re.compile(r"^fb:([+-]):([0-9]{1,18})$")

#: The adapter's own words, (Thai, English): each user reads one, in their language.
NON_TEXT_HINT = (
    "ขออภัย ตอนนี้ผมอ่านได้เฉพาะข้อความตัวอักษร กรุณาพิมพ์คำถาม เช่น “ธนาคารขยะตั้งแล้วกี่แห่ง” "
    "หรือพิมพ์ /help เพื่อดูคำสั่ง", "Sorry, I can only read text messages; type a question or /help.",
)
APOLOGY = ("ขออภัย เกิดข้อผิดพลาดภายในระบบ กรุณาลองใหม่อีกครั้ง",
           "Sorry, something went wrong; please try again.")
#: No user id: no language known, so Thai (Thai first).
NO_USER_FEEDBACK = (
    "ขออภัย ไม่ทราบรหัสผู้ใช้ของคุณ จึงบันทึกความคิดเห็นไม่ได้"
)


# -- pure helpers -------------------------------------------------------------------------------
def split_text(text: str, limit: int = MAX_TEXT_UNITS) -> list[str]:
    """Split ``text`` into chunks of at most ``limit`` UTF-16 units, at line boundaries.

    A longer line is cut between words, never inside a character cluster (see
    :func:`knowledge.textcut.split_text`).  Empty chunks are dropped: LINE refuses an
    empty text message.
    """
    return textcut.split_text(text, limit, length=utf16_len)


def _clip(text: str, limit: int) -> str:
    """``text`` shortened between words to at most ``limit`` UTF-16 units (with "…")."""
    return shorten(text, limit, length=utf16_len)


def feedback_data(answer_id: int, value: int) -> str:
    """The postback data of a 👍 (+1) or 👎 (-1) button on answer ``answer_id``."""
    return f"fb:{'+' if value > 0 else '-'}:{answer_id}"


def parse_feedback(data: str) -> tuple[int, int] | None:
    """``(answer_id, +1|-1)`` from postback data made by :func:`feedback_data`, else None."""
    m = _FEEDBACK.match(data.strip())
    if not m:
        return None
    return int(m.group(2)), (1 if m.group(1) == "+" else -1)


def _source_ids(source: Any) -> tuple[str | None, str | None, bool]:
    """``(user_id, chat_id, is_group)`` of a webhook source (user, group or room)."""
    user_id = getattr(source, "user_id", None) or None
    if isinstance(source, GroupSource):
        return user_id, source.group_id, True
    if isinstance(source, RoomSource):
        return user_id, source.room_id, True
    return user_id, user_id, False


def to_message(event: Any, text: str, message_id: str | None = None) -> Message:
    """The neutral :class:`Message` for ``text`` sent in ``event``'s chat."""
    user_id, chat_id, is_group = _source_ids(event.source)
    return Message(platform=PLATFORM, user_id=user_id, text=text, message_id=message_id,
                   chat_id=chat_id, is_group=is_group)


def _describe(exc: BaseException) -> str:
    """A short description of a Messaging API failure (never request headers)."""
    if isinstance(exc, ApiException):
        body = exc.body.decode("utf-8", "replace") if isinstance(exc.body, bytes) else exc.body
        return f"HTTP {exc.status} {str(body or '')[:200]}".strip()
    return type(exc).__name__


def claim_key(event: Any) -> str:
    """What a delivery of ``event`` is claimed by (its transport id).

    ``msg:ID`` for a message; for another event with a reply token (a postback, a
    follow) ``tok:TOKEN``, as a redelivery carries the same token; else the event id.
    One message or press is answered once however many webhook events carry it.
    """
    message_id = getattr(getattr(event, "message", None), "id", None)
    if isinstance(event, MessageEvent) and isinstance(message_id, str) and message_id:
        return f"msg:{message_id}"[:160]
    token = getattr(event, "reply_token", None)
    if isinstance(token, str) and token:
        return f"tok:{token}"[:160]
    return str(event.webhook_event_id)[:160]


# -- the bot ------------------------------------------------------------------------------------
class LineBot:
    """Webhook handlers and delivery for one LINE channel."""

    def __init__(self, core: Core, settings: Settings, *, reply_timeout: float,
                 media_dir: Path, claim_lease: float = CLAIM_LEASE,
                 max_upload: int = MAX_UPLOAD_BYTES) -> None:
        """Serve ``core`` on the channel of ``settings`` (secret, token, API host).

        Files sent in chat may be ``max_upload`` bytes at most.
        """
        self.claim_lease = dt.timedelta(seconds=claim_lease)
        if not settings.line_secret or not settings.line_token:
            raise ValueError("LINE channel secret and access token are required")
        self.core = core
        self.buttons = ButtonCommands(core.db)
        self.max_upload = max_upload
        self._token = settings.line_token
        self.data_host = (settings.line_api or LINE_DATA_API).rstrip("/")
        self._http: httpx.AsyncClient | None = None
        self.reply_timeout = reply_timeout
        self.media_dir = media_dir
        self.public_url = settings.public_url.rstrip("/") if settings.public_url else None
        self.parser = WebhookParser(settings.line_secret)
        if settings.line_api:
            self.configuration = Configuration(host=settings.line_api.rstrip("/"),
                                               access_token=settings.line_token)
        else:
            self.configuration = Configuration(access_token=settings.line_token)
        self._client: AsyncApiClient | None = None
        self._api: AsyncMessagingApi | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        #: Jobs run beside the app while it serves, each until the event is set.
        self.background: list[Callable[[asyncio.Event], Awaitable[None]]] = []
        # The routing table: event type → handler.
        self.routes: tuple[tuple[type, Callable[[Any], Awaitable[None]]], ...] = (
            (MessageEvent, self.on_message),
            (FollowEvent, self.on_follow),
            (PostbackEvent, self.on_postback),
        )

    # -- HTTP -----------------------------------------------------------------------------------
    async def callback(self, request: Request) -> Response:
        """``POST /line/callback``: verify, parse, claim each event once, answer later."""
        signature = request.headers.get("x-line-signature")
        if not signature:
            log.warning("LINE webhook without X-Line-Signature refused")
            return PlainTextResponse("missing signature", status_code=400)
        try:
            body = await read_limited(request, MAX_BODY_BYTES)
        except BodyTooLarge:
            log.warning("LINE webhook with a body over %d bytes refused", MAX_BODY_BYTES)
            return PlainTextResponse("body too large", status_code=413)
        except BadBody:
            return PlainTextResponse("malformed request", status_code=400)
        try:
            events = self.parser.parse(body.decode("utf-8"), signature)
        except InvalidSignatureError:
            log.warning("LINE webhook with a bad signature refused")
            return PlainTextResponse("invalid signature", status_code=400)
        except (UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError,
                RecursionError):  # RecursionError: JSON nested too deeply
            log.warning("LINE webhook with a malformed body refused")
            return PlainTextResponse("malformed body", status_code=400)
        failed = busy = False
        for event in events:
            handler = self._handler_for(event)
            if handler is None:
                log.debug("ignoring a LINE %s event", getattr(event, "type", "?"))
                continue
            try:
                state = await asyncio.to_thread(self.claim, event)
            except SQLAlchemyError:
                log.exception("could not record LINE event %s", event.webhook_event_id)
                failed = True  # LINE redelivers; claimed events are skipped then
                continue
            if state is Claim.FRESH:
                self._spawn(handler(event), claim_key(event))
            elif state is Claim.BUSY:
                log.info("LINE event %s is being handled by another worker; asking for a "
                         "later redelivery", event.webhook_event_id)
                busy = True
            else:
                log.info("LINE event %s (%s) already processed; skipped, neither replied nor "
                         "pushed (redelivery=%s)", event.webhook_event_id, claim_key(event),
                         event.delivery_context.is_redelivery)
        if failed:
            return PlainTextResponse("temporarily unavailable", status_code=500)
        if busy:
            return PlainTextResponse("in progress; deliver again later", status_code=503)
        return PlainTextResponse("OK")

    async def healthz(self, request: Request) -> Response:
        """``GET /healthz``: the process is up."""
        return JSONResponse({"status": "ok"})

    async def media(self, request: Request) -> Response:
        """``GET /media/{name}``: a chart from the media folder (safe names only)."""
        path = self._media_path(str(request.path_params.get("name", "")))
        if path is None:
            return PlainTextResponse("not found", status_code=404)
        if path.suffix in (".xlsx", ".pdf"):  # a download, never shown in the browser
            return FileResponse(path, filename=path.name, content_disposition_type="attachment",
                                headers={"Cache-Control": "private, max-age=3600"})
        return FileResponse(path, headers={"Cache-Control": "public, max-age=86400"})

    def _media_path(self, name: str) -> Path | None:
        return media_file(self.media_dir, name, _MEDIA_TYPES)

    # -- events ---------------------------------------------------------------------------------
    def _handler_for(self, event: Event) -> Callable[[Any], Awaitable[None]] | None:
        for kind, handler in self.routes:
            if isinstance(event, kind):
                return handler
        return None

    def claim(self, event: Event) -> Claim:
        """Take the lease on ``event`` (see the module docstring for the protocol)."""
        return once.claim(self.core.write_retrying, DONE_KEY, claim_key(event),
                          self.claim_lease)

    def finish(self, event_id: str) -> None:
        """Turn the lease on ``event_id`` into its done mark (the work is over)."""
        once.finish(self.core.write_retrying, DONE_KEY, event_id)

    def release(self, event_id: str) -> None:
        """Give the lease on ``event_id`` up (the work failed): a redelivery does it."""
        once.release(self.core.write_retrying, DONE_KEY, event_id)

    async def on_message(self, event: MessageEvent) -> None:
        """A text goes to the core, a file to the uploads, an image to the core as evidence.

        Stickers and the like get a hint.
        """
        if isinstance(event.message, TextMessageContent):
            msg = to_message(event, event.message.text, message_id=event.message.id)
            await self.answer(event, lambda: self.core.handle(msg))
        elif isinstance(event.message, FileMessageContent):
            await self.answer_with(event, self.on_file(event, event.message))
        elif isinstance(event.message, ImageMessageContent) and not _source_ids(event.source)[2]:
            msg = dataclasses.replace(
                to_message(event, "", message_id=event.message.id),
                attachment=Attachment(kind="image", source_id=f"image:{event.message.id}",
                                      fetch=self._content_fetcher(event.message.id)))
            await self.answer(event, lambda: self.core.handle(msg))
        else:
            user_id = _source_ids(event.source)[0]
            await self.answer(event, lambda: [Reply(NON_TEXT_HINT[platform_user_english(
                self.core, PLATFORM, user_id)])])

    async def on_file(self, event: MessageEvent, file: FileMessageContent) -> list[Reply]:
        """A file in a one-to-one chat: checked, downloaded, ingested and described.

        Files in groups and rooms are the members' own business: no reply.
        """
        user_id, _chat, is_group = _source_ids(event.source)
        if is_group:
            return []
        who = await asyncio.to_thread(self.core.identity, PLATFORM, user_id)
        en = await asyncio.to_thread(user_language_english, self.core, who)
        refusal = refusal_before_download(who.role, file.file_name, file.file_size,
                                          self.max_upload, en)
        if refusal is not None:
            return [Reply(refusal)]
        try:
            data = await self.download(file.id)
        except UploadTooLarge:
            return [Reply(too_large(file.file_name, None, self.max_upload, en))]
        except (ContentUnavailable, httpx.HTTPError) as exc:
            log.warning("LINE event %s: file download failed (%s)", event.webhook_event_id,
                        type(exc).__name__ if isinstance(exc, httpx.HTTPError) else exc)
            return [Reply(download_failed(file.file_name, en))]
        text = await asyncio.to_thread(ingest_upload, self.core.db, self.core.index,
                                       file.file_name, data, self.max_upload, en)
        self.core.summary_changed()  # a workbook changes the lists: their /summary files
        return [Reply(text)]

    async def download(self, message_id: str) -> bytes:
        """The content of message ``message_id``, read up to :attr:`max_upload` bytes.

        Raises :class:`UploadTooLarge` as soon as the stated length or the bytes that
        arrived pass the limit (the rest is not read), :class:`ContentUnavailable` for
        an answer other than 200, and httpx's errors for a failed connection.
        """
        url = self.data_host + CONTENT_PATH.format(message_id=quote(message_id, safe=""))
        headers = {"Authorization": f"Bearer {self._token}"}
        async with self.http().stream("GET", url, headers=headers,
                                      timeout=DOWNLOAD_TIMEOUT) as res:
            if res.status_code != 200:
                raise ContentUnavailable(f"HTTP {res.status_code}")
            stated = res.headers.get("content-length", "")
            if stated.isdigit() and int(stated) > self.max_upload:
                raise UploadTooLarge(stated)
            body = bytearray()
            async for chunk in res.aiter_bytes():
                body += chunk
                if len(body) > self.max_upload:
                    raise UploadTooLarge(len(body))
        return bytes(body)

    def _content_fetcher(self, message_id: str) -> Callable[[int], bytes]:
        """A blocking download of a message's content (``GET …/message/{id}/content``).

        Run by the core in its worker thread, only when a conversation wants the file.
        The body is read as a stream and given up past ``limit`` bytes (LINE does not
        state an image's size in the webhook).
        """
        url = self.data_host + CONTENT_PATH.format(message_id=quote(message_id, safe=""))
        token = self._token

        def fetch(limit: int) -> bytes:
            headers = {"Authorization": f"Bearer {token}"}
            with httpx.Client(timeout=DOWNLOAD_TIMEOUT, trust_env=False) as client, \
                    client.stream("GET", url, headers=headers) as response:
                response.raise_for_status()
                stated = response.headers.get("content-length", "")
                if stated.isdigit() and int(stated) > limit:
                    raise EvidenceError(too_large_message(int(stated)))
                chunks: list[bytes] = []
                got = 0
                for chunk in response.iter_bytes():
                    got += len(chunk)
                    if got > limit:
                        raise EvidenceError(too_large_message(got))
                    chunks.append(chunk)
                return b"".join(chunks)

        return fetch

    async def on_follow(self, event: FollowEvent) -> None:
        """A new friend: greet with their id and how to get access (``/start``)."""
        msg = to_message(event, "/start")
        await self.answer(event, lambda: self.core.handle(msg))

    async def on_postback(self, event: PostbackEvent) -> None:
        """👍/👎 presses are stored as feedback; a command in the data is handled as text."""
        data = event.postback.data or ""
        parsed = parse_feedback(data)
        if parsed is not None:
            user_id = _source_ids(event.source)[0]
            answer_id, value = parsed

            def store() -> list[Reply]:
                if not user_id:
                    return [Reply(NO_USER_FEEDBACK)]
                return [Reply(self.core.feedback(PLATFORM, user_id, answer_id, value))]

            await self.answer(event, store)
        elif data.startswith(("/", KEY_PREFIX)):
            # The event id names this press: a redelivery of it is the same request.
            press = f"postback:{event.webhook_event_id}"

            def run() -> list[Reply]:
                command = data if data.startswith("/") else self.buttons.command(data)
                if command is None:  # a kept command no longer kept
                    en = platform_user_english(self.core, PLATFORM, _source_ids(event.source)[0])
                    return [Reply(EXPIRED[en])]
                return self.core.handle(to_message(event, command, message_id=press))

            await self.answer(event, run)
        else:
            log.info("ignoring LINE postback with unknown data")

    # -- delivery -------------------------------------------------------------------------------
    async def answer(self, event: Any, compute: Callable[[], list[Reply]]) -> None:
        """Compute the replies off the event loop and deliver them (reply, else push)."""
        await self.answer_with(event, asyncio.to_thread(compute))

    async def answer_with(self, event: Any, computing: Awaitable[list[Reply]]) -> None:
        """Await the replies and deliver them: by reply token when in time, else by push."""
        work = asyncio.ensure_future(computing)
        done, _ = await asyncio.wait({work}, timeout=self.reply_window(event))
        try:
            replies = await work
        except Exception:
            log.exception("LINE event %s: handling failed", event.webhook_event_id)
            # The language the message tells (no database read: it may be what failed).
            said = getattr(getattr(event, "message", None), "text", None)
            replies = [Reply(APOLOGY[message_language(said if isinstance(said, str) else "")
                                     is True])]
        messages = await asyncio.to_thread(self.render, replies)  # long commands: a write
        if not messages:
            return
        token = getattr(event, "reply_token", None)
        if not done:
            log.info("LINE event %s: answer not ready while the reply token is usable; "
                     "will push", event.webhook_event_id)
            token = None
        context = getattr(event, "delivery_context", None)
        await self.deliver(event.webhook_event_id, token, _source_ids(event.source)[1], messages,
                           redelivery=bool(getattr(context, "is_redelivery", False)))

    def reply_window(self, event: Any) -> float:
        """Seconds the reply token of ``event`` is waited for (then the answer is pushed)."""
        return self.reply_timeout

    async def deliver(self, event_id: str, reply_token: str | None, to: str | None,
                      messages: Sequence[Any], *, redelivery: bool = False) -> None:
        """Send ``messages``: the first five by reply token if possible, the rest by push.

        A ``redelivery`` whose reply token LINE refuses (400: used already, by the answer
        to its first delivery) is not pushed: that would answer it twice and spend the
        month's push quota.
        """
        batches = [list(messages[i:i + MAX_MESSAGES_PER_CALL])
                   for i in range(0, len(messages), MAX_MESSAGES_PER_CALL)]
        start = 0
        if reply_token:
            try:
                await self.api().reply_message(
                    ReplyMessageRequest(reply_token=reply_token, messages=batches[0]),
                    _request_timeout=SEND_TIMEOUT)
                log.info("LINE event %s answered by reply (%d messages)", event_id,
                         len(batches[0]))
                start = 1
            except Exception as exc:
                if redelivery and isinstance(exc, ApiException) and exc.status == 400:
                    log.warning("LINE event %s: a redelivery whose reply token was refused "
                                "(%s); not pushed", event_id, _describe(exc))
                    return
                log.warning("LINE event %s: reply token refused (%s); falling back to push",
                            event_id, _describe(exc))
        for i in range(start, len(batches)):
            if to is None:
                log.error("LINE event %s: no user, group or room id to push to; "
                          "%d messages dropped", event_id, len(batches[i]))
                return
            retry_key = str(uuid.uuid5(_RETRY_NS, f"{event_id}:{i}"))
            try:
                await self.api().push_message(
                    PushMessageRequest(to=to, messages=batches[i]),
                    x_line_retry_key=retry_key, _request_timeout=SEND_TIMEOUT)
                log.info("LINE event %s answered by push (%d messages)", event_id,
                         len(batches[i]))
            except Exception as exc:
                log.error("LINE event %s: push failed (%s); answer lost", event_id,
                          _describe(exc))
                return

    def render(self, replies: Sequence[Reply]) -> list[Any]:
        """LINE message objects for ``replies``, quick replies on the last one."""
        messages: list[Any] = []
        buttons: list[Button] = []
        feedback_id: int | None = None
        links: str | None = None  # the text of the file links just before, if any
        for reply in replies:
            image = self._image(reply.image) if reply.image is not None else None
            if reply.image is not None and image is None and reply.meta.get("caption"):
                continue  # a caption without its chart (no public URL) tells nothing
            text = reply.text
            if reply.file is not None:  # LINE sends no files: a link to it, where there is one
                link = self._link(reply.file)
                if link is None and reply.meta.get("caption"):
                    continue
                text = f"{text}\n{link}" if link else text
                # Files in a row share one message (/summary's two workbooks): the
                # answer stays within one reply's five messages, no push needed.
                joined = f"{links}\n\n{text}" if links is not None else None
                if joined is not None and len(split_text(joined)) == 1 and not reply.buttons:
                    messages[-1] = TextMessage(text=joined)
                    links = joined
                    continue
                links = text
            else:
                links = None
            messages.extend(TextMessage(text=chunk) for chunk in split_text(text))
            if image is not None:
                messages.append(image)
            buttons.extend(b for b in reply.buttons if b not in buttons)
            if reply.feedback_id is not None:
                feedback_id = reply.feedback_id
        if len(messages) > MAX_MESSAGES_TOTAL:
            log.warning("LINE answer cut from %d to %d messages", len(messages),
                        MAX_MESSAGES_TOTAL)
            messages = messages[:MAX_MESSAGES_TOTAL]
        items = self._quick_reply_items(buttons, feedback_id)
        if messages and items:
            messages[-1].quick_reply = QuickReply(items=items)
        return messages

    def _quick_reply_items(self, buttons: Sequence[Button], feedback_id: int | None) -> list[Any]:
        items: list[Any] = []
        if feedback_id is not None:
            for value, label in ((1, "👍"), (-1, "👎")):
                items.append(QuickReplyItem(action=PostbackAction(
                    label=label, data=feedback_data(feedback_id, value), display_text=label)))
        room = MAX_QUICK_REPLY_ITEMS - len(items)
        shown = [b for b in buttons if b.data.strip() and b.label.strip()][:room]
        # A command longer than postback data holds is kept, and its key sent instead.
        for b, data in zip(shown, self.buttons.data([b.data for b in shown], LINE),
                           strict=True):
            if data is None:
                continue
            # A postback, not a message action: the command goes to the bot without
            # appearing as text the user typed; the chat shows the button's label.
            label = _clip(b.label, MAX_LABEL_UNITS)
            items.append(QuickReplyItem(action=PostbackAction(
                label=label, data=data, display_text=_clip(b.label, MAX_ACTION_TEXT))))
        return items

    def _link(self, file: Path) -> str | None:
        """The public address of a file in the media folder (None: none can be given)."""
        if not self.public_url:
            log.warning("file not offered on LINE: set SDGBOT_PUBLIC_URL so LINE users can "
                        "fetch it")
            return None
        inside = file.resolve().parent == self.media_dir.resolve()
        if not inside or self._media_path(file.name) is None:
            log.warning("file not offered on LINE: %s is not a file in the media folder",
                        file.name)
            return None
        return f"{self.public_url}/media/{quote(file.name)}"

    def _image(self, image: Path) -> Any | None:
        if not self.public_url:
            log.warning("chart not sent to LINE: set SDGBOT_PUBLIC_URL so LINE can fetch it")
            return None
        inside = image.resolve().parent == self.media_dir.resolve()
        if not inside or self._media_path(image.name) is None:
            log.warning("chart not sent to LINE: %s is not a file in the media folder",
                        image.name)
            return None
        url = f"{self.public_url}/media/{quote(image.name)}"
        return ImageMessage(original_content_url=url, preview_image_url=url)

    # -- plumbing -------------------------------------------------------------------------------
    def api(self) -> AsyncMessagingApi:
        """The Messaging API client (made inside the running event loop, once)."""
        if self._api is None:
            self._client = AsyncApiClient(self.configuration)
            self._api = AsyncMessagingApi(self._client)
        return self._api

    def http(self) -> httpx.AsyncClient:
        """The HTTP client for message content (made inside the running event loop, once)."""
        if self._http is None:
            self._http = httpx.AsyncClient()
        return self._http

    def _spawn(self, work: Awaitable[None], event_id: str) -> None:
        async def guarded() -> None:
            try:
                await work
            except Exception:
                log.exception("LINE event %s failed; its claim is released", event_id)
                await self._settle(self.release, event_id)
            else:
                await self._settle(self.finish, event_id)

        task = asyncio.get_running_loop().create_task(guarded())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    @staticmethod
    async def _settle(step: Callable[[str], None], event_id: str) -> None:
        try:
            await asyncio.to_thread(step, event_id)
        except SQLAlchemyError:
            log.exception("LINE event %s: could not record the end of its work", event_id)

    async def drain(self, timeout: float = SHUTDOWN_GRACE) -> None:
        """Wait (up to ``timeout`` seconds) for answers still being worked on."""
        if self._tasks:
            await asyncio.wait(set(self._tasks), timeout=timeout)

    async def close(self) -> None:
        """Finish pending answers, then close the HTTP client."""
        await self.drain()
        if self._client is not None:
            await self._client.close()
            self._client = self._api = None
        if self._http is not None:
            await self._http.aclose()
            self._http = None

    @contextlib.asynccontextmanager
    async def lifespan(self, app: Starlette) -> AsyncIterator[None]:
        """Starlette lifespan: run :attr:`background` beside the app, close cleanly on shutdown."""
        stop = asyncio.Event()
        tasks = [asyncio.ensure_future(job(stop)) for job in self.background]
        try:
            yield
        finally:
            stop.set()
            await asyncio.gather(*tasks, return_exceptions=True)
            await self.close()


def create_line_app(core: Core, settings: Settings, *,
                    reply_timeout: float = DEFAULT_REPLY_TIMEOUT,
                    media_dir: Path | None = None,
                    claim_lease: float = CLAIM_LEASE,
                    max_upload: int = MAX_UPLOAD_BYTES) -> Starlette:
    """The LINE webhook as a Starlette app: ``/line/callback``, ``/healthz``, ``/media/{name}``.

    Charts are served from ``media_dir`` (default: the core's, else ``home/media``).
    Files sent in chat may be ``max_upload`` bytes at most.  The :class:`LineBot` is on
    ``app.state.line``.
    """
    folder = media_dir or core.media_dir or settings.home / "media"
    bot = LineBot(core, settings, reply_timeout=reply_timeout, media_dir=folder,
                  claim_lease=claim_lease, max_upload=max_upload)
    app = Starlette(
        routes=[
            Route("/line/callback", bot.callback, methods=["POST"]),
            Route("/healthz", bot.healthz, methods=["GET"]),
            Route("/media/{name}", bot.media, methods=["GET"]),
        ],
        lifespan=bot.lifespan,
    )
    app.state.line = bot
    return app


@contextlib.contextmanager
def _sigterm_exits_cleanly() -> Iterator[None]:
    """Let uvicorn's re-raised SIGTERM end the server quietly instead of killing us."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: None)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def run_line(app: App, host: str = "127.0.0.1", port: int = 8000) -> int:
    """Serve the LINE webhook with uvicorn until SIGTERM or SIGINT; 0 on a clean stop."""
    media_dir = app.settings.home / "media"
    media_dir.mkdir(parents=True, exist_ok=True)
    core = Core(app.db, app.index, media_dir=media_dir,
                approval=ApprovalPolicy.parse(app.settings.approval), warm_summary=True,
                schedule=Schedule.from_settings(app.settings))
    core.answerer.warm_up_in_background()  # the first question does not wait for loading
    asgi = create_line_app(core, app.settings, media_dir=media_dir)
    token = app.settings.line_token or ""
    # Role menus follow role changes (/grant in chat) even where no scheduler runs.
    asgi.state.line.background.append(lambda stop: keep_menus_in_step(
        app.db, LineMenus(token, app.settings.line_api), stop))
    if not app.settings.public_url:
        log.warning("SDGBOT_PUBLIC_URL is not set: LINE can only fetch charts from a public "
                    "URL, so /summary sends its text summary without the chart")
    config = uvicorn.Config(asgi, host=host, port=port, log_config=None, lifespan="on",
                            ws="none", timeout_graceful_shutdown=int(SHUTDOWN_GRACE))
    server = uvicorn.Server(config)
    log.info("LINE webhook on http://%s:%d/line/callback", host, port)
    with _sigterm_exits_cleanly():
        try:
            server.run()
        finally:
            core.close()
    return 0
