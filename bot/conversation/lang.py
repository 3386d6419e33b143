"""Which language a conversation speaks, and its words in Thai and English.

The product rule: Thai first; English when the user writes English.  A guided
conversation (an update, an attachment, a rejection's reason) keeps its language in
its state (``data["en"]``) and every prompt, error and confirmation of it follows:

* a message with a Thai letter makes it Thai; a message with a Latin word (two
  letters or more) and no Thai letter makes it English (:func:`language_of`);
* a message with neither (a project id, a number, only emoji, a button) keeps the
  language the conversation had;
* a conversation begun without words (``/update``, ``/attach 12``, a ❌ button)
  starts in the user's remembered language (:func:`remembered_english`): the
  language of their newest words the bot kept (a question answered, an update, a
  rejection's reason, a conversation), else Thai.

The words are tables of ``key -> (Thai, English)`` templates (:class:`Words`), one
rendering for both languages, so the English is never a near-copy that drifts.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.bilingual import Bilingual
from knowledge.models import AnswerLog, Conversation, ProgressUpdate, UpdateDecision

__all__ = ["Bilingual", "Words", "conversation_english", "is_english", "language_of",
           "remembered_english", "told_language", "user_english"]

_THAI = re.compile(r"[\u0e00-\u0e7f]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
_TAG = re.compile(r"<[^<>]*>")
_CODE = re.compile(r"^[=+@]|[()]|[A-Za-z]\d")


def is_english(text: str) -> bool:
    """Whether ``text`` is written in English: a Latin word (two letters or more), no Thai.

    A lone letter in a number ("1e6") makes no English: the reply stays Thai.
    """
    return bool(_LATIN_WORD.search(text)) and not _THAI.search(text)


def language_of(text: str, before: bool = False) -> bool:
    """The language (True: English) after a user typed ``text``.

    The language :func:`told_language` reads in it, else ``before`` unchanged.
    """
    told = told_language(text)
    return before if told is None else told


def user_english(session: Session, platform: str, external_id: str | None,
                 words: str = "") -> bool:
    """The language to answer in: the one ``words`` tell, else the user's remembered one.

    The remembered language (a few reads) is looked up only when the words tell none.
    """
    told = told_language(words)
    return remembered_english(session, platform, external_id) if told is None else told


def told_language(text: str) -> bool | None:
    """The language ``text`` tells (True: English), or None when it tells none.

    Thai letters: Thai; an English word and no Thai: English; neither (ids, numbers,
    emoji, a button's command): None.  A command's own name
    (``/update``), a tag (``<b>``) and a formula or cell (``=SUM(A1)``, ``@cmd``) are
    no words of the user's.
    """
    words = re.sub(r"^/[A-Za-z_]+(?:@\w+)?", "", text.strip())
    if _THAI.search(words):
        return False
    # A formula's, a tag's or a cell's letters ("=SUM(A1)", "<b>", "@cmd") are no English.
    words = " ".join(w for w in _TAG.sub(" ", words).split() if not _CODE.search(w))
    if _THAI.search(words):
        return False
    return True if _LATIN_WORD.search(words) else None


def conversation_english(conv: Conversation | None) -> bool:
    """The language conversation ``conv`` speaks (Thai when it never said)."""
    return bool(conv is not None and (conv.data or {}).get("en"))


def remembered_english(session: Session, platform: str, external_id: str | None) -> bool:
    """The user's language as their newest kept words tell it; Thai when none tell it.

    Read, newest first by time: the last question answered (``answer_log``), the last
    update (its text), the last rejection reason (``update_decisions``), the last
    conversation (its ``data["en"]``).  Words that tell no language are passed over.
    """
    if not external_id:
        return False
    ref = f"{platform}:{external_id}"
    said: list[tuple[dt.datetime, str]] = []
    for at, text in session.execute(
            select(AnswerLog.at, AnswerLog.question)
            .where(AnswerLog.platform == platform, AnswerLog.external_user_id == external_id)
            .order_by(AnswerLog.id.desc()).limit(3)):
        said.append((at, text))
    for at, text in session.execute(
            select(ProgressUpdate.created_at, ProgressUpdate.text)
            .where(ProgressUpdate.platform == platform,
                   ProgressUpdate.external_user_id == external_id)
            .order_by(ProgressUpdate.id.desc()).limit(3)):
        said.append((at, text))
    for at, reason in session.execute(
            select(UpdateDecision.at, UpdateDecision.reason)
            .where(UpdateDecision.actor == ref, UpdateDecision.action == "rejected")
            .order_by(UpdateDecision.id.desc()).limit(3)):
        said.append((at, reason or ""))
    for at, data in session.execute(
            select(Conversation.updated_at, Conversation.data)
            .where(Conversation.platform == platform,
                   Conversation.external_user_id == external_id)
            .order_by(Conversation.id.desc()).limit(3)):
        if isinstance(data, dict) and "en" in data:
            said.append((at, "English" if data["en"] else "ไทย"))
    for _at, text in sorted(said, key=lambda p: _aware(p[0]), reverse=True):
        if _THAI.search(text) or is_english(text):
            return is_english(text)
    return False


def _aware(at: dt.datetime) -> dt.datetime:
    return at if at.tzinfo is not None else at.replace(tzinfo=dt.UTC)


class Words:
    """A table of ``key -> (Thai, English)`` templates in :meth:`str.format` form.

    ``words(key, english, **fields)`` renders one.  Both templates of a key name the
    same fields (checked at construction): an English line never lacks a figure the
    Thai one gives.
    """

    def __init__(self, table: Mapping[str, tuple[str, str]]) -> None:
        """Keep ``table``; ValueError when a key's two templates name different fields."""
        for key, (thai, english) in table.items():
            if _fields(thai) != _fields(english):
                raise ValueError(f"{key}: the Thai and English templates name different fields")
        self.table = dict(table)

    def __call__(self, key: str, english: bool = False, **fields: object) -> str:
        """The template of ``key`` in the language asked, filled with ``fields``."""
        return self.table[key][1 if english else 0].format(**fields)


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}
