"""What the conversation layer needs from the core, and what it gives back.

The layer depends on no chat type of :mod:`bot.core`: it reads messages through the
small :class:`Incoming` protocol (the core's ``Message`` has these fields) and
answers with :class:`Out` values that the core turns into its replies.  So the
dependency points one way, core → conversation.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from sqlalchemy.orm import Session

from bot.replies import Attachment
from bot.users import Identity
from indexer.service import SearchIndex
from knowledge.db import Database
from knowledge.models import Conversation
from knowledge.thai import FiscalQuarter, ascii_digits

__all__ = [
    "BUTTON_COMMAND",
    "Flow",
    "Host",
    "Incoming",
    "Out",
    "Outcome",
    "Token",
    "button",
    "parse_token",
]

#: The chat command a conversation's buttons send: ``/btn 12.3 save``.
BUTTON_COMMAND = "btn"
_TOKEN = re.compile(r"^([0-9]{1,10})\.([0-9]{1,9})\s+([a-z]{1,12})(?::([0-9]{1,10}))?$")


class Incoming(Protocol):
    """The fields of a chat message the conversations read."""

    @property
    def platform(self) -> str: ...  # noqa: D102
    @property
    def user_id(self) -> str | None: ...  # noqa: D102
    @property
    def text(self) -> str: ...  # noqa: D102
    @property
    def message_id(self) -> str | None: ...  # noqa: D102
    @property
    def chat_id(self) -> str | None: ...  # noqa: D102
    @property
    def attachment(self) -> Attachment | None: ...  # noqa: D102


class Host(Protocol):
    """What the core lends the conversations: database, index, clock, quarters."""

    @property
    def db(self) -> Database: ...  # noqa: D102
    @property
    def index(self) -> SearchIndex: ...  # noqa: D102
    @property
    def clock(self) -> Callable[[], dt.datetime]: ...  # noqa: D102

    def now_quarter(self) -> FiscalQuarter: ...  # noqa: D102

    def open_from(self) -> FiscalQuarter:
        """The earliest quarter an update is filed under without a warning.

        The current quarter, or the one just ended while its reporting is followed up
        (:meth:`bot.schedule.Schedule.open_from`); an earlier one is closed.
        """


@dataclass(frozen=True)
class Out:
    """One reply: text and buttons as ``(label, data)``; ``columns`` per keyboard row."""

    text: str
    buttons: tuple[tuple[str, str], ...] = ()
    columns: int = 2
    meta: dict[str, object] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Outcome:
    """What a step did: the replies, and the update it saved if any (the index syncs).

    ``release``: the message was not meant for the conversation (a question, chat that
    names no project): the core answers it as usual after ``outs``, and shows the step
    again afterwards if the conversation is still open.
    """

    outs: list[Out]
    saved_update_id: int | None = None
    release: bool = False


@dataclass(frozen=True)
class Token:
    """A pressed conversation button: which conversation, at which step, what action."""

    conversation_id: int
    seq: int
    action: str
    value: int | None = None


def button(label: str, conversation_id: int, seq: int, action: str,
           value: int | None = None) -> tuple[str, str]:
    """A conversation button: ``(label, "/btn ID.SEQ ACTION[:VALUE]")`` (ids only, no text)."""
    suffix = "" if value is None else f":{value}"
    return label, f"/{BUTTON_COMMAND} {conversation_id}.{seq} {action}{suffix}"


def parse_token(arg: str) -> Token | None:
    """The :class:`Token` in a ``/btn`` argument, or None when it is not one."""
    m = _TOKEN.match(ascii_digits(arg.strip()))  # "๑๒.๓" typed by hand is 12.3
    if not m:
        return None
    value = int(m.group(4)) if m.group(4) is not None else None
    return Token(int(m.group(1)), int(m.group(2)), m.group(3), value)


class Flow(Protocol):
    """One kind of conversation: its steps over a locked :class:`Conversation` row."""

    kind: str
    accepts_files: bool
    #: What the open conversation waits for, as a note names it ("รายงานความคืบหน้าที่ค้างไว้").
    pending: str
    #: The same in English ("your unfinished progress update").
    pending_en: str
    #: Whether the conversation's step is shown again after another command ("↩️ กลับมาที่…"):
    #: an unfinished update is; a prompt for photos to a saved update is not (nothing is
    #: lost by ending it, and it would come back after every command).
    resumes: bool

    def render(self, session: Session, conv: Conversation, who: Identity) -> Out:
        """The current step's message and buttons."""

    def on_text(self, session: Session, conv: Conversation, who: Identity, text: str,
                now: dt.datetime, default_quarter: FiscalQuarter) -> Outcome:
        """A message typed during the conversation."""

    def on_press(self, session: Session, conv: Conversation, who: Identity, token: Token,
                 now: dt.datetime) -> Outcome:
        """A button of the current step."""

    def on_file(self, session: Session, conv: Conversation, who: Identity,
                now: dt.datetime, added: bool) -> Outcome:
        """A file was kept (``added``) or was there already."""

    def closed_answer(self, session: Session, conv: Conversation) -> Out:
        """The reply to a press on a conversation that is over."""
