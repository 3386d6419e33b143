"""LINE events handled by queue workers: the adapter's handlers, journaled delivery.

The web worker stored the event as LINE sent it; here it is parsed again and given
to the same handlers as in ``sdgbot line`` (:class:`bot.adapters.line.LineBot`), so
a text, a file, a follow or a postback is answered exactly as there.  What differs:

* **Reply token while valid, push after.**  The token is usable for
  :data:`REPLY_TOKEN_TTL` seconds from the event's timestamp (LINE's webhook
  ``timestamp``); a job that starts or finishes later pushes instead.
* **Each part sent once.**  Every reply or push call is journaled
  (:mod:`bot.queue.journal`).  A retried job skips the calls already recorded as
  sent.  A call whose outcome the dead worker never recorded is made again safely:
  a push with the same ``X-Line-Retry-Key`` (LINE accepts a key once and answers 409
  to the repeat), a reply with the same token (refused once the token was used, which
  then means that the earlier attempt delivered it).
* **A failed send fails the job** (it is retried), instead of being logged as lost.
* **Pushes counted** in the month's ``push_counts`` row every process shares (LINE
  counts a push request once per recipient against the channel's quota, whatever
  the number of bubbles); replies are free.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from linebot.v3.messaging import ApiException, PushMessageRequest, ReplyMessageRequest
from linebot.v3.webhooks import Event

from bot.adapters.line import _RETRY_NS, MAX_MESSAGES_PER_CALL, SEND_TIMEOUT, LineBot
from bot.metrics import LINE_PUSH_MESSAGES, LINE_PUSH_REQUESTS, UNCERTAIN_SENDS
from bot.queue.journal import Sending, current_journal
from bot.queue.store import SENT

__all__ = ["REPLY_TOKEN_TTL", "QueuedLineBot", "retry_key"]

log = logging.getLogger(__name__)

#: Seconds after the event's timestamp during which its reply token is used.  LINE
#: keeps a token valid for a short while (about a minute); past this the answer is
#: pushed, which always works.
REPLY_TOKEN_TTL = 50.0


def retry_key(event_id: str, part: int) -> str:
    """The ``X-Line-Retry-Key`` of push ``part`` of the answer to ``event_id`` (a UUID)."""
    return str(uuid.uuid5(_RETRY_NS, f"{event_id}:{part}"))


class QueuedLineBot(LineBot):
    """A :class:`LineBot` that handles one stored event at a time (no claims, no tasks)."""

    token_ttl = REPLY_TOKEN_TTL
    #: Counts one push against the month's quota (``push_counts``, shared by every
    #: process); set by the worker's runtime.
    count_push: Callable[[], Awaitable[None]] | None = None

    async def process(self, raw: dict[str, Any]) -> None:
        """Handle the event ``raw`` (LINE's JSON of one event) and deliver its answer."""
        event = Event.from_dict(raw)
        handler = self._handler_for(event)
        if handler is None:
            log.debug("no handler for a LINE %s event", getattr(event, "type", "?"))
            return
        await handler(event)

    def reply_window(self, event: Any) -> float:
        """Seconds left of the token's life (0 when too old: the answer is pushed)."""
        timestamp = getattr(event, "timestamp", None)
        if not timestamp:
            return self.reply_timeout
        age = time.time() - float(timestamp) / 1000.0
        return max(0.0, min(self.reply_timeout, self.token_ttl - age))

    async def deliver(self, event_id: str, reply_token: str | None, to: str | None,
                      messages: Sequence[Any], *, redelivery: bool = False) -> None:
        """Send ``messages`` once: reply for the first five if possible, push the rest.

        Outside a job (no journal) this is :meth:`LineBot.deliver`.  Raises when a push
        fails, so that the job is retried (the parts already sent are not sent again).
        A ``redelivery`` whose reply token is refused is not pushed (nor its other parts).
        """
        journal = current_journal()
        if journal is None:
            await super().deliver(event_id, reply_token, to, messages, redelivery=redelivery)
            return
        batches = [list(messages[i:i + MAX_MESSAGES_PER_CALL])
                   for i in range(0, len(messages), MAX_MESSAGES_PER_CALL)]
        dropped = False
        for i, batch in enumerate(batches):
            async with journal.send() as sent:
                if sent.state == SENT:
                    log.info("LINE event %s: part %d was sent by an earlier attempt", event_id,
                             i)
                    continue
                if dropped:
                    await sent.done("dropped (redelivery)")
                    continue
                dropped = not await self._send_part(sent, event_id, i, batch,
                                                    reply_token if i == 0 else None, to,
                                                    redelivery=redelivery)

    async def _send_part(self, sent: Sending, event_id: str, part: int, batch: list[Any],
                         reply_token: str | None, to: str | None, *,
                         redelivery: bool = False) -> bool:
        """Reply with ``batch`` (when a token is given) or push it; record it as sent.

        False when a redelivery's refused token ended the answer (nothing pushed).
        """
        if reply_token:
            outcome = None
            try:  # only the call itself: a failure to record it must not push
                await self.api().reply_message(
                    ReplyMessageRequest(reply_token=reply_token, messages=batch),
                    _request_timeout=SEND_TIMEOUT)
                outcome = "reply"
                log.info("LINE event %s answered by reply (%d messages)", event_id, len(batch))
            except ApiException as exc:
                if sent.uncertain and exc.status == 400:
                    outcome = "reply (earlier attempt)"
                    UNCERTAIN_SENDS.labels("line", "skipped").inc()
                    log.info("LINE event %s: the reply token was used by the attempt that "
                             "died; not sent again", event_id)
                elif redelivery and exc.status == 400:
                    log.warning("LINE event %s: a redelivery whose reply token was refused "
                                "(HTTP 400); not pushed", event_id)
                    await sent.done("dropped (redelivery)")
                    return False
                else:
                    log.warning("LINE event %s: reply token refused (HTTP %s); pushing",
                                event_id, exc.status)
            except Exception as exc:
                log.warning("LINE event %s: reply failed (%s); pushing", event_id,
                            type(exc).__name__)
            if outcome is not None:
                await sent.done(outcome)
                return True
        if to is None:
            log.error("LINE event %s: no user, group or room id to push to; %d messages "
                      "dropped", event_id, len(batch))
            await sent.done("dropped")
            return True
        try:
            await self.api().push_message(
                PushMessageRequest(to=to, messages=batch),
                x_line_retry_key=retry_key(event_id, part), _request_timeout=SEND_TIMEOUT)
        except ApiException as exc:
            if exc.status != 409:  # 409: LINE accepted this retry key before
                raise
            UNCERTAIN_SENDS.labels("line", "skipped").inc()
            log.info("LINE event %s: push %d was accepted by an earlier attempt", event_id,
                     part)
            await sent.done("push (earlier attempt)")
            return True
        await sent.done("push")
        LINE_PUSH_MESSAGES.inc(len(batch))
        LINE_PUSH_REQUESTS.labels("reply").inc()
        if self.count_push is not None:
            await self.count_push()
        log.info("LINE event %s answered by push (%d messages)", event_id, len(batch))
        return True
