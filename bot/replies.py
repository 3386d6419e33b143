"""The chat core's message and reply types, shared by the core, its views and the adapters.

They live apart from :mod:`bot.core` so that a module that builds replies (the quarter
summary, a document upload) needs nothing of the core itself, and the core can import
such modules without either importing the other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Button", "Message", "Reply"]


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


@dataclass(frozen=True)
class Button:
    """A button under a reply: pressing it sends ``data`` back as a message."""

    label: str
    data: str


@dataclass(frozen=True)
class Reply:
    """One reply: text, optional buttons, an optional image, and a feedback handle."""

    text: str
    buttons: tuple[Button, ...] = ()
    image: Path | None = None
    feedback_id: int | None = None
    meta: dict[str, object] = field(default_factory=dict, compare=False)
