"""An error told to a user in Thai and in English, each reply in the user's language.

The product rule: Thai first; English when the user writes English
(:mod:`bot.conversation.lang`).  A module that raises an error a chat user reads raises
a :class:`Bilingual` with both; the chat reply gives one, the command line both (each
on lines of its own).  No
imports of the bot's own: users, summaries and conversations all raise it.
"""

from __future__ import annotations

__all__ = ["Bilingual"]


class Bilingual(ValueError):
    """An error a user is told, in Thai and in English: a reply gives one (:meth:`say`).

    ``str(err)`` gives both, the Thai lines and then the English ones, for the command
    line's operators and the logs; a chat reply never does.  Each language on lines
    of its own: "Thai — English" glued the English to the Thai message's last line.
    """

    def __init__(self, thai: str, english: str) -> None:
        super().__init__(f"{thai}\n{english}")
        self.thai = thai
        self.english = english

    def say(self, english: bool) -> str:
        """The error in the user's language (``english``: the user writes English)."""
        return self.english if english else self.thai
