"""Guided conversations in chat, transport-neutral, with their state in the database.

``/update`` with nothing after it starts a short conversation (choose the project,
type the progress, perhaps a photo, confirm); see :mod:`bot.conversation.update_flow`
for its steps and :mod:`bot.conversation.router` for which message belongs to it.
Adapters stay thin: a button is a command (``/btn ID.SEQ ACTION``) like any other,
and a photo reaches the core as a message with an :class:`Attachment`.
"""

from bot.conversation.base import BUTTON_COMMAND, Out
from bot.conversation.drafts import DraftError, Reading, read_update_text, understood_lines
from bot.conversation.evidence import MAX_EVIDENCE_BYTES, Attachment, EvidenceError
from bot.conversation.router import Conversations, Route

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
