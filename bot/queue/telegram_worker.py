"""Telegram updates handled by queue workers: python-telegram-bot's handlers, journaled sends.

The web worker stored the update as Telegram sent it; here python-telegram-bot
decodes it and runs the same routing table as ``sdgbot telegram``
(:func:`bot.adapters.telegram.build_application`) through
``Application.process_update``, on an application that is initialised but never
polls.  Its Bot API requests go through :class:`JournaledRequests`: every call that
shows the user something (``sendMessage``, ``sendPhoto``…) is journaled
(:mod:`bot.queue.journal`), so a job retried after its worker died hands back the
recorded answer of a call already made instead of sending the message again.  A call
whose outcome the dead worker never recorded (a window of milliseconds, see
:mod:`bot.queue.journal`) is made again: an edit or a button answer Telegram refuses
the second time is then taken as done; a new message is sent again, since the Bot
API has no idempotency key (at least once rather than never).

Sends go through :class:`~bot.queue.ratelimit.SharedRateLimiter`: Telegram's limits
(30 messages a second, 20 a minute per group) hold for all the workers together.

An error inside a handler (Telegram unreachable, say) fails the job, which is retried;
the calls already made are not repeated.
"""

from __future__ import annotations

import json
import logging
from contextvars import ContextVar
from typing import Any

from telegram import Update
from telegram.ext import BaseRateLimiter
from telegram.request import RequestData

from bot.adapters.telegram import (
    APOLOGY,
    LimitedDownloads,
    TelegramApplication,
    build_application,
    to_html,
)
from bot.config import Settings
from bot.conversation.lang import message_language
from bot.core import Core
from bot.metrics import UNCERTAIN_SENDS
from bot.queue.journal import current_journal
from bot.queue.ratelimit import SharedRateLimiter
from bot.queue.store import SENT
from bot.uploads import MAX_UPLOAD_BYTES

__all__ = ["REFUSED_TWICE", "SEND_METHODS", "JournaledRequests", "TelegramWorker"]

log = logging.getLogger(__name__)

#: Bot API methods whose effect the user sees: journaled, sent once.
#: ``answerCallbackQuery`` too: Telegram refuses a second answer to one button press.
SEND_METHODS = frozenset({"sendMessage", "sendPhoto", "sendDocument", "sendMediaGroup",
                          "editMessageText", "editMessageReplyMarkup", "answerCallbackQuery"})

#: Calls Telegram refuses when made a second time: an edit to the same content ("message
#: is not modified"), a second answer to one button press ("query is too old").  When
#: the attempt that died may have made one, a 400 on the repeat means it did.
REFUSED_TWICE = frozenset({"editMessageText", "editMessageReplyMarkup",
                           "answerCallbackQuery"})
#: What an edit or answer taken as done returns to python-telegram-bot.
_DONE = '{"ok": true, "result": true}'

_errors: ContextVar[list[BaseException] | None] = ContextVar("sdgbot_tg_errors", default=None)


class JournaledRequests(LimitedDownloads):
    """The Bot API requests of a queue worker: sends journaled, downloads limited."""

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
        """A send made once per job (replayed on a retry); anything else as usual."""
        journal = current_journal()
        name = url.rsplit("/", 1)[-1]
        if journal is None or method != "POST" or name not in SEND_METHODS:
            return await super().do_request(url, method, request_data, read_timeout,
                                            write_timeout, connect_timeout, pool_timeout)
        async with journal.send() as sent:
            if sent.state == SENT and sent.response is not None:
                log.info("Telegram %s %d was made by an earlier attempt; not repeated", name,
                         sent.seq)
                return 200, sent.response.encode("utf-8")
            code, body = await super().do_request(url, method, request_data, read_timeout,
                                                  write_timeout, connect_timeout, pool_timeout)
            if code == 200:
                await sent.done(body.decode("utf-8", "replace"))
            elif sent.uncertain and name in REFUSED_TWICE and code == 400:
                # The attempt that died made this call: Telegram refuses it again
                # ("message is not modified", "query is too old"), so it is done.
                UNCERTAIN_SENDS.labels("telegram", "skipped").inc()
                log.info("Telegram %s %d was made by the attempt that died (refused again: "
                         "%s); taken as done", name, sent.seq, _description(body))
                await sent.done(_DONE)
                return 200, _DONE.encode("utf-8")
            if sent.uncertain and code == 200:
                UNCERTAIN_SENDS.labels("telegram", "resent").inc()
                log.warning("Telegram %s %d of %s: the attempt that died may have made it too "
                            "(the Bot API has no idempotency key); made again", name,
                            sent.seq, journal.key)
            return code, body


def _description(body: bytes) -> str:
    try:
        return str(json.loads(body).get("description", ""))[:120]
    except (ValueError, AttributeError):
        return ""


class TelegramWorker:
    """python-telegram-bot's application, run one stored update at a time."""

    def __init__(self, core: Core, settings: Settings, *,
                 max_upload: int = MAX_UPLOAD_BYTES,
                 rate_limiter: BaseRateLimiter[Any] | None = None) -> None:
        """Serve ``core`` with the bot of ``settings`` (token, API address).

        ``rate_limiter`` keeps Telegram's limits (default: the one shared through
        ``settings``'s PostgreSQL).
        """
        self.application: TelegramApplication = build_application(
            core, settings, max_upload=max_upload, request=JournaledRequests(max_upload),
            rate_limiter=rate_limiter or SharedRateLimiter(settings.db_url),
            once_per_update=False)  # the queue keys each update_id once already
        # A handler's failure fails the job (retried) instead of an apology.
        self.application.error_handlers.clear()
        self.application.add_error_handler(self._on_error)

    async def start(self) -> None:
        """Initialise the bot (``getMe``)."""
        await self.application.initialize()

    async def stop(self) -> None:
        """Close the bot's connections."""
        await self.application.shutdown()

    async def process(self, payload: dict[str, Any]) -> None:
        """Handle the update ``payload``; raises what a handler raised."""
        update = Update.de_json(payload, self.application.bot)
        box: list[BaseException] = []
        token = _errors.set(box)
        try:
            await self.application.process_update(update)
        finally:
            _errors.reset(token)
        if box:
            raise box[0]

    async def apologise(self, payload: dict[str, Any]) -> None:
        """Tell the user, once their update has gone to the dead letter (best effort)."""
        update = Update.de_json(payload, self.application.bot)
        chat = update.effective_chat
        if chat is not None:
            said = update.effective_message.text if update.effective_message else None
            en = message_language(said or "") is True  # the language the message tells
            await self.application.bot.send_message(chat.id, to_html(APOLOGY[en]),
                                                    parse_mode="HTML")

    async def _on_error(self, update: object, context: Any) -> None:
        box = _errors.get()
        if box is not None and context.error is not None:
            box.append(context.error)
        else:
            log.error("error outside a job", exc_info=context.error)
