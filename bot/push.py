"""Pushing messages to users who did not just write: reminders, approvals, decisions.

One :class:`Pusher` per platform, built from the settings the composition root read
(a platform without credentials has none, and its messages wait).  Telegram pushes
go through python-telegram-bot's ``Bot`` (inline keyboards whose buttons the
Telegram adapter's callback handler runs as commands); LINE pushes through the
Messaging API SDK (postback quick replies, as the LINE adapter makes them), each
counted against the month's quota (:func:`knowledge.outbox.count_push`).  A user
who blocked the bot (HTTP 403) raises :class:`Blocked`: logged and skipped, never
retried.

:func:`deliver_notifications` drains the outbox: each row is claimed once (a
conditional update), sent, and marked, so that several processes draining at once
send each notification once.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from bot.buttons import LINE, TELEGRAM, ButtonCommands, DataLimit
from bot.config import Settings, telegram_file_url
from knowledge.db import Database
from knowledge.models import Notification
from knowledge.outbox import MAX_ATTEMPTS, claim_notification, count_push, due_notifications
from knowledge.textcut import shorten, split_text, utf16_len

__all__ = [
    "Blocked",
    "DeliveryReport",
    "LinePusher",
    "PushItem",
    "Pusher",
    "TelegramPusher",
    "deliver_notifications",
    "pushers_from",
    "record_push",
]

log = logging.getLogger(__name__)
_RETRY_NS = uuid.UUID("5d1f4b8e-2f0c-4a8e-9d3b-7c6a1e0f9b21")


class Blocked(Exception):
    """The user blocked the bot (or never added it): the platform answered 403."""


class Pusher(Protocol):
    """Sends a message, with buttons, to one user of one platform."""

    platform: str

    async def push(self, external_id: str, text: str, buttons: Sequence[tuple[str, str]],
                   key: str) -> None:
        """Send; ``key`` names this message (a retry with it is not sent twice)."""

    async def aclose(self) -> None:
        """Release the HTTP client."""


@dataclass(frozen=True)
class PushItem:
    """One push to make: a reminder's or a notification's row, to whom, what, which buttons.

    ``kind`` is ``reminder`` or ``notification`` and ``row_id`` the id of its
    :class:`~knowledge.models.ReminderLog` or :class:`~knowledge.models.Notification`
    row; :attr:`key` names the push (a retry with it is not sent twice).
    """

    kind: str
    row_id: int
    platform: str
    to: str
    text: str
    buttons: tuple[tuple[str, str], ...] = ()

    @property
    def key(self) -> str:
        """The push's name: ``reminder-ID`` or ``notification-ID``."""
        return f"{self.kind}-{self.row_id}"


class TelegramPusher:
    """Pushes through the Bot API (python-telegram-bot's ``Bot``)."""

    platform = "telegram"

    def __init__(self, token: str, api: str | None = None, *, bot: Any = None,
                 commands: ButtonCommands | None = None) -> None:
        """A bot with ``token``; ``api`` replaces Telegram's address (``http://…/bot``).

        ``bot``: push through this initialised bot instead (a queue worker's, whose
        sends are journaled and rate-limited with the other workers'); it is not shut
        down by :meth:`aclose`.  ``commands``: where a button's command too long for
        its callback data is kept (without it, such a button is left out).
        """
        self.commands = commands
        from telegram import Bot

        kwargs: dict[str, Any] = {}
        if api:
            kwargs = {"base_url": api, "base_file_url": telegram_file_url(api)}
        self.bot = bot if bot is not None else Bot(token, **kwargs)
        self._ready = bot is not None
        self._owned = bot is None

    async def push(self, external_id: str, text: str, buttons: Sequence[tuple[str, str]],
                   key: str) -> None:
        """Send ``text`` (split at Telegram's limit) with an inline keyboard on the last part."""
        from telegram import InlineKeyboardButton, InlineKeyboardMarkup
        from telegram.constants import ParseMode
        from telegram.error import Forbidden

        from bot.adapters.telegram import split_text as tg_split
        from bot.adapters.telegram import to_html

        if not self._ready:
            await self.bot.initialize()
            self._ready = True
        datas = await _button_data(self.commands, [data for _, data in buttons], TELEGRAM)
        rows = [[InlineKeyboardButton(shorten(label, 64), callback_data=data)]
                for (label, _), data in zip(buttons, datas, strict=True) if data is not None]
        markup = InlineKeyboardMarkup(rows) if rows else None
        chunks = tg_split(text) or ["…"]
        try:
            for i, chunk in enumerate(chunks):
                await self.bot.send_message(int(external_id), to_html(chunk),
                                            parse_mode=ParseMode.HTML,
                                            reply_markup=markup if i == len(chunks) - 1 else None)
        except Forbidden as exc:
            raise Blocked(str(exc)) from exc

    async def aclose(self) -> None:
        """Shut the bot's HTTP client down (unless it was lent)."""
        if self._ready and self._owned:
            await self.bot.shutdown()
            self._ready = False


class LinePusher:
    """Pushes through the Messaging API (line-bot-sdk v3)."""

    platform = "line"

    def __init__(self, token: str, api: str | None = None, *,
                 commands: ButtonCommands | None = None) -> None:
        """A client with the channel access ``token``; ``api`` replaces LINE's host.

        ``commands``: where a button's command too long for postback data is kept
        (without it, such a button is left out).
        """
        from linebot.v3.messaging import Configuration

        self.commands = commands
        self._config = (Configuration(host=api.rstrip("/"), access_token=token) if api
                        else Configuration(access_token=token))
        self._client: Any = None
        self._api: Any = None

    def _messaging(self) -> Any:
        """The SDK client, made inside the running event loop (aiohttp needs one)."""
        if self._api is None:
            from linebot.v3.messaging import AsyncApiClient, AsyncMessagingApi

            self._client = AsyncApiClient(self._config)
            self._api = AsyncMessagingApi(self._client)
        return self._api

    async def push(self, external_id: str, text: str, buttons: Sequence[tuple[str, str]],
                   key: str) -> None:
        """Send ``text`` (at most five parts) with postback quick replies on the last one."""
        from linebot.v3.messaging import (
            ApiException,
            PostbackAction,
            PushMessageRequest,
            QuickReply,
            QuickReplyItem,
            TextMessage,
        )

        parts = split_text(text, 5000, length=utf16_len)[:5] or ["…"]
        messages = [TextMessage(text=part) for part in parts]
        shown = list(buttons[:13])
        datas = await _button_data(self.commands, [data for _, data in shown], LINE)
        items = [QuickReplyItem(action=PostbackAction(
            label=shorten(label, 20, length=utf16_len), data=data,
            display_text=shorten(label, 300, length=utf16_len)))
            for (label, _), data in zip(shown, datas, strict=True) if data is not None]
        if items:
            messages[-1].quick_reply = QuickReply(items=items)
        try:
            await self._messaging().push_message(
                PushMessageRequest(to=external_id, messages=messages),
                x_line_retry_key=str(uuid.uuid5(_RETRY_NS, key)), _request_timeout=15)
        except ApiException as exc:
            if exc.status == 403:
                raise Blocked(f"HTTP {exc.status}") from exc
            if exc.status == 409:  # LINE accepted this retry key before: sent already
                log.info("push %s was accepted by an earlier attempt", key)
                return
            raise

    async def aclose(self) -> None:
        """Close the HTTP client."""
        if self._client is not None:
            await self._client.close()
            self._client = self._api = None


async def _button_data(commands: ButtonCommands | None, datas: Sequence[str],
                       limit: DataLimit) -> list[str | None]:
    """Each button command's data on ``limit``'s platform (None: left out)."""
    if commands is not None:
        return await asyncio.to_thread(commands.data, datas, limit)
    out = [limit.prefix + d if limit.fits(d) else None for d in datas]
    if None in out:
        log.warning("a button's command is too long for %s and none is kept; left out",
                    limit.platform)
    return out


def pushers_from(settings: Settings, db: Database | None = None) -> dict[str, Pusher]:
    """A pusher for each platform whose credentials ``settings`` holds.

    ``db``: where buttons' long commands are kept (:mod:`bot.buttons`).
    """
    commands = ButtonCommands(db) if db is not None else None
    out: dict[str, Pusher] = {}
    if settings.telegram_token:
        out["telegram"] = TelegramPusher(settings.telegram_token, settings.telegram_api,
                                         commands=commands)
    if settings.line_token:
        out["line"] = LinePusher(settings.line_token, settings.line_api, commands=commands)
    return out


def record_push(db: Database, platform: str, now: dt.datetime) -> None:
    """Count one push (LINE's monthly quota); never fails the push that was made."""
    if platform != "line":
        return
    for _ in range(3):
        try:
            with db.write() as s:
                count_push(s, platform, now)
            return
        except IntegrityError:  # two processes created the month's row at once
            continue
        except Exception:
            log.exception("could not count a LINE push")
            return


@dataclass
class DeliveryReport:
    """What a drain of the outbox did."""

    sent: int = 0
    blocked: int = 0
    failed: int = 0
    held: int = 0
    details: list[str] = field(default_factory=list)


async def deliver_notifications(
    db: Database,
    pushers: dict[str, Pusher],
    clock: Callable[[], dt.datetime],
    *,
    quiet: Callable[[dt.datetime], bool] | None = None,
) -> DeliveryReport:
    """Send the outbox's due notifications on the platforms of ``pushers``, each once.

    During quiet hours (``quiet(now)``) nothing is sent: the rows wait for the morning.
    """
    report = DeliveryReport()
    now = clock()
    if quiet is not None and quiet(now):
        with db.read() as s:
            report.held = len(due_notifications(s, list(pushers), now))
        return report
    with db.read() as s:
        ids = due_notifications(s, list(pushers), now)
    for nid in ids:
        with db.write() as s:
            if not claim_notification(s, nid, now):
                continue  # another process has it
        with db.read() as s:
            row = s.scalar(select(Notification).where(Notification.id == nid))
            assert row is not None
            platform, to, text = row.platform, row.external_user_id, row.text
            buttons = [(b[0], b[1]) for b in (row.buttons or []) if len(b) == 2]
            attempts = row.attempts
        status = "sent"
        try:
            await pushers[platform].push(to, text, buttons, key=f"notification-{nid}")
            record_push(db, platform, now)
            report.sent += 1
        except Blocked:
            log.info("notification %s: %s:%s blocked the bot; skipped", nid, platform, to)
            status = "blocked"
            report.blocked += 1
        except Exception as exc:
            log.warning("notification %s to %s failed: %s", nid, platform, type(exc).__name__)
            status = "failed" if attempts >= MAX_ATTEMPTS else "retry"
            report.failed += 1
        with db.write() as s:
            row = s.get(Notification, nid)
            if row is not None:
                row.status = status
                if status == "sent":
                    row.sent_at = now
                elif status == "retry":
                    row.claimed_at = None
        report.details.append(f"{platform}:{to} {status}")
    return report

