"""The chat core's message and reply types, shared by the core, its views and the adapters.

They live apart from :mod:`bot.core` so that a module that builds replies (the quarter
summary, a document upload, a guided conversation) needs nothing of the core itself, and
the core can import such modules without either importing the other.  A photo or file
that came with a message is an :class:`Attachment` (described, not yet downloaded);
:mod:`bot.conversation.evidence` checks its content once a conversation wants it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

__all__ = ["Attachment", "Button", "Message", "Reply", "followers", "resolve_followers"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Attachment:
    """A file that came with a message, not yet downloaded.

    ``kind`` is what the platform says it is (``photo``, ``image``, ``file``); ``size``
    the byte count it states (None when it states none); ``source_id`` the platform's
    id of the message or file, stable across redeliveries; ``fetch`` downloads the
    bytes (blocking; it may raise ``OSError`` or the platform's error) and may stop
    early once more than ``limit`` bytes came.
    """

    kind: str
    source_id: str
    fetch: Callable[[int], bytes]
    size: int | None = None
    filename: str | None = None


@dataclass(frozen=True)
class Message:
    """An incoming chat message, whatever the platform."""

    platform: str
    user_id: str | None
    text: str
    message_id: str | None = None
    chat_id: str | None = None
    display_name: str | None = None
    is_group: bool = False
    attachment: Attachment | None = None  # a photo or file that came with it (not fetched yet)
    #: The text of the bot's own message this one replies to (a platform's "reply"), if any.
    reply_to: str | None = None


@dataclass(frozen=True)
class Button:
    """A button under a reply: pressing it sends ``data`` back as a message."""

    label: str
    data: str


@dataclass(frozen=True)
class Reply:
    """One reply: text, optional buttons, an optional image or file, and a feedback handle.

    ``file`` is a document to send (a workbook, a PDF); where a platform cannot send
    files (LINE) the adapter gives a link to it instead, or leaves it out.  ``text``
    then captions it.

    ``followed_by`` makes the replies that come after this one when they take long to
    make (the quarter summary's chart and workbook): an adapter that can send this
    reply first calls it afterwards, off its event loop, and sends what it returns, so
    the text never waits for the files.  It returns a list of replies and never raises.
    :meth:`bot.core.Core.handle` resolves it in place (:func:`resolve_followers`)
    unless asked not to.
    """

    text: str
    buttons: tuple[Button, ...] = ()
    image: Path | None = None
    feedback_id: int | None = None
    meta: dict[str, object] = field(default_factory=dict, compare=False)
    file: Path | None = None
    followed_by: Callable[[], list[Reply]] | None = field(default=None, compare=False,
                                                          repr=False)


def followers(reply: Reply) -> list[Reply]:
    """The replies :attr:`Reply.followed_by` of ``reply`` makes (theirs resolved too).

    Blocking (it makes files): call it off an event loop.  A follower that raises is
    logged and gives nothing, so the replies already sent stand.
    """
    if reply.followed_by is None:
        return []
    try:
        made = reply.followed_by()
    except Exception:
        log.exception("could not make the replies that follow a reply")
        return []
    return resolve_followers(made)


def resolve_followers(replies: Sequence[Reply]) -> list[Reply]:
    """``replies`` with each one's :attr:`Reply.followed_by` made and put right after it.

    For a caller that sends all replies at once (or cannot send one before another is
    made).  A follower that raises costs its replies, not the others.
    """
    out: list[Reply] = []
    for reply in replies:
        if reply.followed_by is None:
            out.append(reply)
        else:
            out.append(replace(reply, followed_by=None))
            out.extend(followers(reply))
    return out
