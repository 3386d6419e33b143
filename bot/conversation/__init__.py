"""Guided conversations in chat, transport-neutral, with their state in the database.

``/update`` with nothing after it starts a short conversation (choose the project,
type the progress, perhaps a photo, confirm); see :mod:`bot.conversation.update_flow`
for its steps and :mod:`bot.conversation.router` for which message belongs to it.
Adapters stay thin: a button is a command (``/btn ID.SEQ ACTION``) like any other,
and a photo reaches the core as a message with an :class:`Attachment`.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.conversation.base import BUTTON_COMMAND, Out
    from bot.conversation.drafts import (
        DraftError,
        Reading,
        read_update_text,
        understood_lines,
    )
    from bot.conversation.evidence import MAX_EVIDENCE_BYTES, Attachment, EvidenceError
    from bot.conversation.router import Conversations, Route

#: Where each name of the package lives.  Imported at its first use (PEP 562): a module
#: of the package (``bot.conversation.lang``, which every reply's wording reads) loads the
#: package first, and a fresh ``sdgbot ask`` needs none of the guided conversation's
#: modules (the router, drafts, photos and Pillow: ~25 ms of its start-up).
_HOMES = {
    "BUTTON_COMMAND": "base", "Out": "base",
    "DraftError": "drafts", "Reading": "drafts", "read_update_text": "drafts",
    "understood_lines": "drafts",
    "MAX_EVIDENCE_BYTES": "evidence", "Attachment": "evidence", "EvidenceError": "evidence",
    "Conversations": "router", "Route": "router",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:  # a submodule not imported yet: the import system imports it
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


__all__ = [
    "BUTTON_COMMAND",
    "MAX_EVIDENCE_BYTES",
    "Attachment",
    "Conversations",
    "DraftError",
    "EvidenceError",
    "Out",
    "Reading",
    "Route",
    "read_update_text",
    "understood_lines",
]
