"""The Telegram adapter: python-telegram-bot around :class:`bot.core.Core`.

Handlers are thin: they turn an update into a neutral :class:`bot.core.Message`,
run :meth:`Core.handle` in a worker thread (it does database and CPU work) and
send the replies back.  :func:`build_application` holds the routing table;
:func:`run_telegram` runs it by long polling, or behind a Starlette webhook
(:func:`create_webhook_app`) whose secret header is checked before any work.

A document sent in a private chat (PDF, Word, Excel, text, JSON lines) goes to
:mod:`bot.uploads`: the sender's role and the size Telegram states are checked before
``getFile``; the file is then downloaded through python-telegram-bot (``File``'s
download), whose requests go through :class:`LimitedDownloads` so that a download stops
as soon as more than the limit has arrived; the reply says what was added or why not.
A photo (sent as a photo, not as a file) is no document: it goes to the core as the
message's :class:`~bot.replies.Attachment`, evidence for the guided update in progress,
and is fetched only if that conversation wants it.  The two handlers' filters
(``filters.PHOTO``, ``filters.Document.ALL``) never match the same message.

The bot token is a password: it never appears in a log line.  httpx logs request
URLs (which carry it) at INFO, so :func:`run_telegram` keeps httpx at WARNING and
redacts the token from every record that reaches the root handlers.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import datetime as dt
import hashlib
import hmac
import html
import logging
import re
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeAlias

import httpx
import uvicorn
from sqlalchemy.exc import SQLAlchemyError
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Route
from telegram import (
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    ReplyParameters,
    Update,
)
from telegram.constants import ChatAction, ChatType, MessageEntityType, ParseMode
from telegram.error import BadRequest, InvalidToken, NetworkError, TelegramError, TimedOut
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationHandlerStop,
    BaseHandler,
    BaseRateLimiter,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    ExtBot,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.request import HTTPXRequest, RequestData

from bot.adapters import once
from bot.adapters.http_body import BadBody, BodyTooLarge, parse_json, read_limited
from bot.app import App
from bot.approvals import ApprovalPolicy
from bot.buttons import EXPIRED, KEY_PREFIX, TELEGRAM, ButtonCommands
from bot.config import Settings, telegram_file_url
from bot.conversation.attach import reply_target
from bot.conversation.lang import message_language
from bot.core import COMMANDS, Core, platform_user_english, user_language_english
from bot.menus import TelegramMenus, chat_commands, keep_menus_in_step
from bot.replies import Attachment, Message, Reply, followers
from bot.schedule import Schedule
from bot.uploads import (
    MAX_UPLOAD_BYTES,
    download_failed,
    ingest_upload,
    refusal_before_download,
    too_large,
)
from knowledge import textcut
from knowledge.textcut import shorten, utf16_len

__all__ = [
    "DownloadTooLarge",
    "LimitedDownloads",
    "TelegramApplication",
    "build_application",
    "create_webhook_app",
    "is_token_form",
    "run_telegram",
    "serve_polling",
    "split_text",
    "to_html",
    "webhook_secret",
]

log = logging.getLogger(__name__)

TelegramApplication: TypeAlias = Application[ExtBot[Any], ContextTypes.DEFAULT_TYPE,
                                             dict[Any, Any], dict[Any, Any], dict[Any, Any], Any]
Context: TypeAlias = ContextTypes.DEFAULT_TYPE

MAX_TEXT = 4096  # Telegram's limit for one message, in UTF-16 code units
MAX_CAPTION = 1024
#: The largest webhook body read: an update is a few KiB; Telegram's own limit is far below.
MAX_BODY_BYTES = 1 << 20
#: Repeated deliveries of one ``update_id`` are answered once, marked under this key in
#: ``processed_events``; a claim older than :data:`CLAIM_LEASE` seconds was left by a
#: process that died before it answered, and a new delivery takes it over.
ONCE_KEY = "telegram"
CLAIM_LEASE = 180.0
#: How long an answered ``update_id`` is remembered: Telegram keeps an update it could
#: not deliver for 24 hours, and may start ids afresh after a week without updates.
ONCE_FOR = dt.timedelta(hours=24)
WEBHOOK_PATH = "/telegram/webhook"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
ALLOWED_UPDATES = ["message", "callback_query"]  # edited messages are not even delivered
GROUP_CHATS = (ChatType.GROUP, ChatType.SUPERGROUP)

#: The adapter's own words, (Thai, English): each user reads one, in their language.
NON_TEXT_HINT = ("ตอนนี้ผมอ่านได้เฉพาะข้อความตัวอักษร กรุณาพิมพ์คำถาม เช่น “ธนาคารขยะตั้งแล้วกี่แห่ง”",
                 "I can only read text messages; please type your question.")
APOLOGY = ("ขออภัย เกิดข้อผิดพลาด กรุณาลองใหม่อีกครั้ง", "Sorry, something went wrong; please try again.")


# -- text helpers ---------------------------------------------------------------------------------
def _units(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units (an emoji counts two)."""
    return utf16_len(text)


def split_text(text: str, limit: int = MAX_TEXT) -> list[str]:
    """Split ``text`` into messages of at most ``limit`` UTF-16 units, at line boundaries.

    Lines are kept whole where they fit; a longer line is cut between words (Thai
    included), never inside a character cluster: see :func:`knowledge.textcut.split_text`.
    Blank chunks are dropped.
    """
    return textcut.split_text(text, limit, length=utf16_len)


def to_html(text: str) -> str:
    """Escape plain text for ``parse_mode=HTML`` (``<``, ``>``, ``&``; ``_`` and ``*`` are safe)."""
    return html.escape(text, quote=False)


#: A bot token as @BotFather issues it: the bot's numeric id, a colon, a secret of
#: letters, digits, "_" and "-".  Anything else is refused before a connection is made
#: (a token also becomes part of every request URL).
_TOKEN_FORM = re.compile(r"[0-9]{1,20}:[A-Za-z0-9_-]{1,200}")


def is_token_form(token: str) -> bool:
    """Whether ``token`` has the form of a Telegram bot token (not whether it is valid)."""
    return _TOKEN_FORM.fullmatch(token) is not None


def _started(application: TelegramApplication, how: str) -> None:
    """Tell the operator who the bot runs as and how (the token never appears)."""
    bot = application.bot
    line = f"sdgbot telegram: running as @{bot.username} (id {bot.id}), {how}"
    log.info(line)
    print(line, file=sys.stderr, flush=True)


def webhook_secret(token: str) -> str:
    """The webhook's secret header value, derived from the bot token (32 hex characters)."""
    return hashlib.sha256(f"sdgbot-webhook:{token}".encode()).hexdigest()[:32]


# -- buttons --------------------------------------------------------------------------------------
def _keyboard(reply: Reply, datas: Sequence[str | None]) -> InlineKeyboardMarkup | None:
    """👍/👎 for an answer with a feedback handle, then the reply's command buttons.

    ``datas``: each button's callback data (:meth:`bot.buttons.ButtonCommands.data`; None:
    the button is left out).
    """
    rows: list[list[InlineKeyboardButton]] = []
    if reply.feedback_id is not None:
        rows.append([InlineKeyboardButton("👍", callback_data=f"fb:+:{reply.feedback_id}"),
                     InlineKeyboardButton("👎", callback_data=f"fb:-:{reply.feedback_id}")])
    row: list[InlineKeyboardButton] = []
    columns = reply.meta.get("columns", 2)
    per_row = columns if isinstance(columns, int) and 1 <= columns <= 4 else 2
    for button, data in zip(reply.buttons, datas, strict=True):
        if data is None:
            continue
        row.append(InlineKeyboardButton(shorten(button.label, 64), callback_data=data))
        if len(row) == per_row:
            rows.append(row)
            row = []
    if row:
        rows.append(row)
    return InlineKeyboardMarkup(rows) if rows else None


# -- file downloads -------------------------------------------------------------------------------
class DownloadTooLarge(TelegramError):
    """A file download went past its limit; the rest was not read.

    A :class:`TelegramError`, so python-telegram-bot passes it through unchanged.
    """


#: Seconds a file download may take in all, and wait for the connection.
DOWNLOAD_TIMEOUT = httpx.Timeout(60.0, connect=10.0)


class LimitedDownloads(HTTPXRequest):
    """python-telegram-bot's HTTPX requests, with file downloads limited while they read.

    Bot API methods are POSTed as usual.  A file is fetched by ``GET`` (``File``'s
    download methods call :meth:`retrieve`); here that response is streamed and dropped
    with :class:`DownloadTooLarge` as soon as its stated length or the bytes that
    arrived pass ``max_bytes``, so a file larger than it claimed to be never fills the
    memory.
    """

    def __init__(self, max_bytes: int, connection_pool_size: int = 256) -> None:
        """Limit downloads to ``max_bytes``; the pool size is the builder's default."""
        super().__init__(connection_pool_size=connection_pool_size)
        self.max_bytes = max_bytes

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        """POST as python-telegram-bot does; a GET (a file download) read up to the limit."""
        if method != "GET":
            return await super().do_request(url, method, request_data, read_timeout,
                                            write_timeout, connect_timeout, pool_timeout)
        try:
            async with self._client.stream("GET", url, headers={"User-Agent": self.USER_AGENT},
                                           timeout=DOWNLOAD_TIMEOUT) as res:
                stated = res.headers.get("content-length", "")
                if stated.isdigit() and int(stated) > self.max_bytes:
                    raise DownloadTooLarge(f"file of {stated} bytes")
                body = bytearray()
                async for chunk in res.aiter_bytes():
                    body += chunk
                    if len(body) > self.max_bytes:
                        raise DownloadTooLarge(f"file over {self.max_bytes} bytes")
                return res.status_code, bytes(body)
        except httpx.TimeoutException as exc:
            raise TimedOut("file download timed out") from exc
        except httpx.HTTPError as exc:
            raise NetworkError(f"file download failed: httpx.{type(exc).__name__}") from exc


# -- handlers -------------------------------------------------------------------------------------
def _neutral(update: Update, text: str, message_id: str | None = None) -> Message:
    """The core's view of an update: who, where, and what they wrote."""
    user, chat = update.effective_user, update.effective_chat
    return Message(
        platform="telegram",
        user_id=str(user.id) if user else None,
        text=text,
        message_id=message_id or str(update.update_id),
        chat_id=str(chat.id) if chat else None,
        display_name=user.full_name if user else None,
        is_group=chat is not None and chat.type in GROUP_CHATS,
    )


def _replied_bot_text(update: Update, context: Context) -> str | None:
    """The text (or caption) of the bot's own message that this message replies to."""
    message = update.message
    replied = message.reply_to_message if message is not None else None
    if replied is None or replied.from_user is None or replied.from_user.id != context.bot.id:
        return None
    return replied.text or replied.caption or None


class TelegramHandlers:
    """The callbacks of the routing table, bound to one core."""

    def __init__(self, core: Core, max_upload: int = MAX_UPLOAD_BYTES,
                 claim_lease: float = CLAIM_LEASE) -> None:
        """Serve ``core``; files sent in chat may be ``max_upload`` bytes at most."""
        self.core = core
        self.max_upload = max_upload
        self.buttons = ButtonCommands(core.db)
        self.claim_lease = dt.timedelta(seconds=claim_lease)

    async def claim_update(self, update: Update, context: Context) -> None:
        """Before any handler: the update is taken once by its ``update_id`` (:mod:`.once`).

        Telegram delivers an update again when its webhook call timed out or failed
        (and a restart may poll one again): it was answered already, so it is skipped,
        as its stored update is.  Raises ``ApplicationHandlerStop`` to skip it.
        """
        state = await asyncio.to_thread(once.claim, self.core.write_retrying, ONCE_KEY,
                                        str(update.update_id), self.claim_lease, ONCE_FOR)
        if state is not once.Claim.FRESH:
            log.info("Telegram update %s was %s; skipped, not answered again",
                     update.update_id, "answered already" if state is once.Claim.DONE
                     else "being answered")
            raise ApplicationHandlerStop

    async def finish_update(self, update: Update, context: Context) -> None:
        """After the handlers (an error was apologised for): the update is done."""
        try:
            await asyncio.to_thread(once.finish, self.core.write_retrying, ONCE_KEY,
                                    str(update.update_id))
        except SQLAlchemyError:
            log.exception("Telegram update %s: could not record it as answered",
                          update.update_id)

    async def on_command(self, update: Update, context: Context) -> None:
        """A command (``/ask …``, ``/summary 2/2566``): the core routes it."""
        if update.message and update.message.text:
            await self._answer(update, context, update.message.text)

    async def on_text(self, update: Update, context: Context) -> None:
        """Plain text is a question; in a group only when it mentions or replies to the bot."""
        message = update.message
        if message is None or message.text is None:
            return
        text = message.text
        if message.chat.type in GROUP_CHATS:
            mention = f"@{context.bot.username}".lower()
            mentioned = any(
                ent.type == MessageEntityType.MENTION and value.lower() == mention
                for ent, value in message.parse_entities([MessageEntityType.MENTION]).items()
            )
            replied = (message.reply_to_message is not None
                       and message.reply_to_message.from_user is not None
                       and message.reply_to_message.from_user.id == context.bot.id)
            if not (mentioned or replied):
                return
            text = re.sub(rf"@{re.escape(context.bot.username)}\b", " ", text, flags=re.I).strip()
        await self._answer(update, context, text)

    async def on_callback(self, update: Update, context: Context) -> None:
        """A press on 👍/👎 (stored as feedback) or on a command button (run as a message)."""
        query = update.callback_query
        if query is None:
            return
        kind, _, rest = (query.data or "").partition(":")
        if kind == "fb":
            sign, _, answer_id = rest.partition(":")
            if sign not in ("+", "-") or not answer_id.isdigit():
                await query.answer()
                return
            text = await asyncio.to_thread(self.core.feedback, "telegram", str(query.from_user.id),
                                           int(answer_id), 1 if sign == "+" else -1)
            await query.answer(text=text)
            return
        command = rest if kind == "cmd" else None
        if query.data and query.data.startswith(KEY_PREFIX):
            command = await asyncio.to_thread(self.buttons.command, query.data)
            if command is None:  # no longer kept
                en = await asyncio.to_thread(platform_user_english, self.core, "telegram",
                                             str(query.from_user.id))
                await query.answer(text=EXPIRED[en])
                return
        if command is None:
            await query.answer()
            return
        await query.answer()
        if query.message is not None:
            # Every press is a new update, but a double tap on one button of one message
            # is one request: the same message id, so an /update it sends is stored once.
            digest = hashlib.sha256(command.encode()).hexdigest()[:16]
            press = f"press:{query.from_user.id}:{query.message.chat.id}:" \
                    f"{query.message.message_id}:{digest}"
            await self._answer(update, context, command, message_id=press)

    async def on_photo(self, update: Update, context: Context) -> None:
        """A photo in a private chat: evidence for the update in progress (caption = text).

        Nothing is downloaded here: the core fetches the largest size through the
        Bot API (``getFile``) only if a conversation wants it and its stated size is
        within the limit.
        """
        message = update.message
        if message is None or not message.photo or message.chat.type != ChatType.PRIVATE:
            return
        photo = message.photo[-1]  # the largest size Telegram made

        attachment = Attachment(kind="photo", source_id=f"photo:{photo.file_unique_id}",
                                fetch=self._fetcher(context, photo.file_id), size=photo.file_size)
        await self._answer(update, context, message.caption or "",
                           message_id=str(update.update_id), attachment=attachment,
                           reply_to=_replied_bot_text(update, context))

    @staticmethod
    def _fetcher(context: Context, file_id: str) -> Callable[[int], bytes]:
        """A blocking download (``getFile``, then the file) for the core's worker thread."""
        loop = asyncio.get_running_loop()
        bot = context.bot

        def fetch(limit: int) -> bytes:
            async def download() -> bytes:
                file = await bot.get_file(file_id)
                if file.file_size is not None and file.file_size > limit:
                    raise ValueError("file over the limit")
                return bytes(await file.download_as_bytearray())

            return asyncio.run_coroutine_threadsafe(download(), loop).result(timeout=120)

        return fetch

    async def on_document(self, update: Update, context: Context) -> None:
        """A file sent in a private chat: checked, downloaded, ingested, described.

        Files in groups are the members' own business: the bot stays silent.
        """
        message, user = update.message, update.effective_user
        if message is None or message.document is None or user is None:
            return
        if message.chat.type != ChatType.PRIVATE:
            return
        doc = message.document
        replied = _replied_bot_text(update, context)
        if replied is not None and reply_target(replied) is not None:
            # A PDF in reply to a saved update's confirmation is its evidence, no document.
            attachment = Attachment(kind="file", source_id=f"file:{doc.file_unique_id}",
                                    fetch=self._fetcher(context, doc.file_id),
                                    size=doc.file_size, filename=doc.file_name)
            await self._answer(update, context, message.caption or "",
                               message_id=str(update.update_id), attachment=attachment,
                               reply_to=replied)
            return
        who = await asyncio.to_thread(self.core.identity, "telegram", str(user.id))
        en = await asyncio.to_thread(user_language_english, self.core, who)
        refusal = refusal_before_download(who.role, doc.file_name, doc.file_size,
                                          self.max_upload, en)
        if refusal is not None:
            await self._send(context, message.chat.id, Reply(refusal), None)
            return
        try:
            await context.bot.send_chat_action(message.chat.id, ChatAction.TYPING)
        except TelegramError:
            log.debug("typing action failed", exc_info=True)
        text = await self._download_and_ingest(context, doc.file_id, doc.file_name, en)
        await self._send(context, message.chat.id, Reply(text), None)

    async def _download_and_ingest(self, context: Context, file_id: str,
                                   name: str | None, en: bool = False) -> str:
        """``getFile``, the download (limited while it reads), then the ingest in a thread.

        ``en``: the sender's language (of the replies).
        """
        try:
            tg_file = await context.bot.get_file(file_id)
            if tg_file.file_size is not None and tg_file.file_size > self.max_upload:
                return too_large(name, tg_file.file_size, self.max_upload, en)
            data = bytes(await tg_file.download_as_bytearray())
        except DownloadTooLarge:
            return too_large(name, None, self.max_upload, en)
        except BadRequest as exc:
            if "too big" in str(exc).lower():  # Telegram: bots download 20 MB at most
                return too_large(name, None, self.max_upload, en)
            log.warning("Telegram refused a file download: %s", exc)
            return download_failed(name, en)
        except TelegramError as exc:
            log.warning("a Telegram file download failed: %s", type(exc).__name__)
            return download_failed(name, en)
        text = await asyncio.to_thread(ingest_upload, self.core.db, self.core.index, name, data,
                                       self.max_upload, en)
        self.core.summary_changed()  # a workbook changes the lists: their /summary files
        return text

    async def on_other(self, update: Update, context: Context) -> None:
        """Stickers, voice, video…: a hint in a private chat, silence in a group."""
        chat = update.effective_chat
        if chat is not None and chat.type == ChatType.PRIVATE:
            user = update.effective_user
            en = await asyncio.to_thread(platform_user_english, self.core, "telegram",
                                         str(user.id) if user is not None else None)
            await context.bot.send_message(chat.id, to_html(NON_TEXT_HINT[en]),
                                           parse_mode=ParseMode.HTML)

    async def on_error(self, update: object, context: Context) -> None:
        """Log the failure with its traceback and tell the user, briefly."""
        log.error("error while handling a Telegram update", exc_info=context.error)
        if isinstance(update, Update) and update.effective_chat is not None:
            try:
                # The language the message tells (no database read: it may be what failed).
                said = update.effective_message.text if update.effective_message else None
                en = message_language(said or "") is True
                await context.bot.send_message(update.effective_chat.id, to_html(APOLOGY[en]),
                                               parse_mode=ParseMode.HTML)
            except TelegramError:
                log.warning("could not send the apology either", exc_info=True)

    # -- sending ----------------------------------------------------------------------------------
    async def _answer(
        self, update: Update, context: Context, text: str, message_id: str | None = None,
        attachment: Attachment | None = None, reply_to: str | None = None,
    ) -> None:
        """Show "typing…", run the core in a thread, send its replies."""
        chat = update.effective_chat
        if chat is None:
            return
        try:
            await context.bot.send_chat_action(chat.id, ChatAction.TYPING)
        except TelegramError:
            log.debug("typing action failed", exc_info=True)
        msg = _neutral(update, text, message_id)
        if attachment is not None or reply_to is not None:
            msg = dataclasses.replace(msg, attachment=attachment, reply_to=reply_to)
        replies = await asyncio.to_thread(self.core.handle, msg, defer=True)
        quote = update.message.message_id if update.message and chat.type in GROUP_CHATS else None
        for reply in replies:
            await self._send(context, chat.id, reply, quote)
            if reply.followed_by is not None:  # slow files: made once the text is out
                await self._send_followers(context, chat.id, reply, quote)

    async def _send_followers(self, context: Context, chat_id: int, reply: Reply,
                              quote: int | None) -> None:
        try:
            await context.bot.send_chat_action(chat_id, ChatAction.UPLOAD_DOCUMENT)
        except TelegramError:
            log.debug("upload action failed", exc_info=True)
        for later in await asyncio.to_thread(followers, reply):
            await self._send(context, chat_id, later, quote)

    async def _send(self, context: Context, chat_id: int, reply: Reply, quote: int | None) -> None:
        """One reply: a photo or a file (the text as caption if short), then text chunks."""
        datas = (await asyncio.to_thread(self.buttons.data, [b.data for b in reply.buttons],
                                         TELEGRAM) if reply.buttons else [])
        markup = _keyboard(reply, datas)
        reply_to = (ReplyParameters(quote, allow_sending_without_reply=True)
                    if quote is not None else None)
        chunks = split_text(reply.text)
        attachment = reply.file if reply.file is not None else reply.image
        if attachment is not None:
            data = await asyncio.to_thread(attachment.read_bytes)
            caption = chunks[0] if len(chunks) == 1 and _units(chunks[0]) <= MAX_CAPTION else None
            send = context.bot.send_document if reply.file is not None else context.bot.send_photo
            await send(
                chat_id, data, filename=attachment.name,
                caption=to_html(caption) if caption else None, parse_mode=ParseMode.HTML,
                reply_markup=markup if caption or not chunks else None,
                reply_parameters=reply_to,
            )
            if caption:
                return
        for i, chunk in enumerate(chunks):
            last = i == len(chunks) - 1
            await context.bot.send_message(
                chat_id, to_html(chunk), parse_mode=ParseMode.HTML,
                reply_markup=markup if last else None,
                reply_parameters=reply_to if i == 0 else None,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )


async def set_commands(application: TelegramApplication) -> None:
    """Publish the default command menu (Thai, and English for English clients).

    The default is what anyone may use (deny by default): a registered user's private
    chat gets their role's commands from :mod:`bot.menus` (``sdgbot menus``, the
    scheduler, ``users add``).
    """
    named = chat_commands(None)  # none of them is anyone's
    await application.bot.set_my_commands([BotCommand(n, shorten(th, 256)) for n, th, _ in named])
    await application.bot.set_my_commands([BotCommand(n, shorten(en, 256)) for n, _, en in named],
                                          language_code="en")


def build_application(core: Core, settings: Settings, *,
                      max_upload: int = MAX_UPLOAD_BYTES,
                      request: HTTPXRequest | None = None,
                      rate_limiter: BaseRateLimiter[Any] | None = None,
                      once_per_update: bool = True) -> TelegramApplication:
    """The python-telegram-bot ``Application`` for ``core``, with every handler registered.

    ``settings.telegram_api`` (``http://127.0.0.1:PORT/bot``) replaces Telegram's
    API address; the file address is derived from it (``…/file/bot``).  Files sent in
    chat may be ``max_upload`` bytes at most.  ``request`` replaces the Bot API requests
    (default :class:`LimitedDownloads`; the queue workers journal their sends), and
    ``rate_limiter`` keeps Telegram's send limits (default ``AIORateLimiter``, this
    process alone; the queue workers share theirs through the database).
    ``once_per_update``: each ``update_id`` is answered once (a repeated delivery is
    skipped); the queue workers turn it off, their queue keeps updates once already
    and a job retried after a worker died must run again.
    """
    token = settings.telegram_token
    if not token:
        raise ValueError("a Telegram bot token is required")
    if not is_token_form(token):
        raise ValueError("the Telegram bot token is malformed (expected DIGITS:SECRET)")
    builder = (Application.builder().token(token).rate_limiter(rate_limiter or AIORateLimiter())
               .request(request or LimitedDownloads(max_upload))
               .concurrent_updates(4).post_init(set_commands))
    api = settings.telegram_api
    if api:
        builder = builder.base_url(api).base_file_url(telegram_file_url(api))
    application: TelegramApplication = builder.build()

    h = TelegramHandlers(core, max_upload)
    new = filters.UpdateType.MESSAGE  # edited messages and channel posts are ignored
    routes: list[BaseHandler[Update, Context, None]] = [
        *(CommandHandler(name, h.on_command, filters=new)
          for name in COMMANDS if name.isidentifier()),
        MessageHandler(new & filters.COMMAND & filters.ChatType.PRIVATE, h.on_command),
        MessageHandler(new & filters.TEXT & ~filters.COMMAND, h.on_text),
        CallbackQueryHandler(h.on_callback),
        MessageHandler(new & filters.PHOTO, h.on_photo),
        MessageHandler(new & filters.Document.ALL, h.on_document),
        MessageHandler(new & ~filters.TEXT & ~filters.StatusUpdate.ALL, h.on_other),
    ]
    application.add_handlers(routes)
    if once_per_update:
        application.add_handler(TypeHandler(Update, h.claim_update), group=-1)
        application.add_handler(TypeHandler(Update, h.finish_update), group=1)
    application.add_error_handler(h.on_error)
    return application


# -- running --------------------------------------------------------------------------------------
async def serve_polling(application: TelegramApplication, stop: asyncio.Event) -> None:
    """Long-poll Telegram until ``stop`` is set, then shut down cleanly."""
    async with application:  # initialize (getMe) … shutdown
        try:
            await set_commands(application)
            if application.updater is None:
                raise RuntimeError("serve_polling needs an Application built with an updater")
            await application.updater.start_polling(allowed_updates=ALLOWED_UPDATES)
            await application.start()
            _started(application, "long polling; Ctrl-C or SIGTERM stops it")
            await stop.wait()
        finally:
            if application.updater is not None and application.updater.running:
                await application.updater.stop()
            if application.running:
                await application.stop()


def create_webhook_app(
    application: TelegramApplication, secret: str, *, routes: Sequence[BaseRoute] = ()
) -> Starlette:
    """An ASGI app: ``POST /telegram/webhook`` (secret header checked first) and ``GET /healthz``.

    The update is queued for the running ``application``; the answer goes out by
    the Bot API, so Telegram gets its 200 at once.  Extra ``routes`` (the LINE
    callback) can share the same server.
    """

    async def telegram_webhook(request: Request) -> Response:
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), secret.encode()):
            return PlainTextResponse("forbidden", status_code=403)
        try:
            data = parse_json(await read_limited(request, MAX_BODY_BYTES))
            update = Update.de_json(data, application.bot)
        except BodyTooLarge:
            return PlainTextResponse("body too large", status_code=413)
        except (BadBody, ValueError, TypeError, KeyError, AttributeError, RecursionError):
            return PlainTextResponse("bad update", status_code=400)
        await application.update_queue.put(update)
        return Response(status_code=200)

    async def healthz(request: Request) -> Response:
        return JSONResponse({"ok": True, "running": application.running})

    return Starlette(routes=[
        Route(WEBHOOK_PATH, telegram_webhook, methods=["POST"]),
        Route("/healthz", healthz, methods=["GET"]),
        *routes,
    ])


class _QuietServer(uvicorn.Server):
    """A uvicorn server that leaves signal handling to us (no re-raised SIGTERM on exit)."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


async def serve_webhook(application: TelegramApplication, url: str, host: str, port: int,
                        stop: asyncio.Event) -> None:
    """Register ``url`` with Telegram and serve the webhook until ``stop`` is set."""
    secret = webhook_secret(application.bot.token)
    config = uvicorn.Config(create_webhook_app(application, secret), host=host, port=port,
                            log_level="warning", access_log=False, use_colors=False,
                            lifespan="off")
    server = _QuietServer(config)
    async with application:
        try:
            await set_commands(application)
            await application.bot.set_webhook(url, secret_token=secret,
                                              allowed_updates=ALLOWED_UPDATES)
            await application.start()
            _started(application, f"webhook {url} (listening on {host}:{port})")
            serving = asyncio.create_task(server.serve())
            stopping = asyncio.create_task(stop.wait())
            await asyncio.wait({serving, stopping}, return_when=asyncio.FIRST_COMPLETED)
            server.should_exit = True
            await serving
            stopping.cancel()
        finally:
            if application.running:
                await application.stop()


class _Redact(logging.Filter):
    """Replace a secret in a log record's message and traceback text."""

    def __init__(self, secret: str) -> None:
        super().__init__()
        self.secret = secret

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if self.secret in message:
            record.msg, record.args = message.replace(self.secret, "<token>"), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text and self.secret in record.exc_text:
            record.exc_text = record.exc_text.replace(self.secret, "<token>")
        return True


@contextlib.contextmanager
def _redacted_logs(token: str) -> Iterator[None]:
    handlers = list(logging.getLogger().handlers)
    redact = _Redact(token)
    for handler in handlers:
        handler.addFilter(redact)
    try:
        yield
    finally:
        for handler in handlers:
            handler.removeFilter(redact)


def run_telegram(app: App, webhook_url: str | None, host: str, port: int) -> int:
    """Run the bot until SIGINT/SIGTERM: long polling, or a webhook at ``webhook_url``.

    Returns the process exit status: 0 after a clean shutdown, 1 when Telegram
    rejects the token or cannot be reached at start.
    """
    token = app.settings.telegram_token
    if not token:
        log.error("TELEGRAM_BOT_TOKEN is not set")
        return 1
    logging.getLogger("httpx").setLevel(logging.WARNING)  # its URLs carry the token
    core = Core(app.db, app.index, media_dir=app.settings.home / "media",
                approval=ApprovalPolicy.parse(app.settings.approval), warm_summary=True,
                schedule=Schedule.from_settings(app.settings))
    core.answerer.warm_up_in_background()  # the first question does not wait for loading
    application = build_application(core, app.settings)

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        # Role menus follow role changes (/grant in chat) even where no scheduler runs.
        menus = asyncio.create_task(keep_menus_in_step(
            app.db, TelegramMenus(token, app.settings.telegram_api,
                                  approval=ApprovalPolicy.parse(app.settings.approval)), stop))
        try:
            if webhook_url:
                await serve_webhook(application, webhook_url, host, port, stop)
            else:
                await serve_polling(application, stop)
        finally:
            stop.set()
            await menus

    with _redacted_logs(token):
        try:
            asyncio.run(main())
        except InvalidToken:
            log.error("Telegram rejected the bot token (TELEGRAM_BOT_TOKEN)")
            return 1
        except TelegramError as exc:
            log.error("cannot start the Telegram bot: %s", str(exc).replace(token, "<token>"))
            return 1
        finally:
            core.close()
    return 0
