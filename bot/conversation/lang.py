"""Which language a conversation speaks, and its words in Thai and English.

The product rule: Thai first; English when the user writes English.  A guided
conversation (an update, an attachment, a rejection's reason) keeps its language in
its state (``data["en"]``) and every prompt, error and confirmation of it follows:

* a message with a Thai letter makes it Thai; a message with a Latin word (two
  letters or more) and no Thai letter makes it English (:func:`language_of`);
* a message with neither (a project id, a number, only emoji, a button) keeps the
  language the conversation had;
* a conversation begun without words (``/update``, ``/attach 12``, a ❌ button)
  starts in the user's remembered language (:func:`remembered_english`).

One decision for every reply: the chat core decides the language of each message
once (:func:`message_language`, else the remembered one; :attr:`Identity.english`)
and keeps the language a message told (:func:`remember_language`), so a bare ``1``,
an id or ``/summary Q5 2023`` after English words is answered in English.

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
from bot.code_input import code_kind
from knowledge.conversations import lock_open
from knowledge.models import (
    AnswerLog,
    Conversation,
    ProgressUpdate,
    UpdateDecision,
    UserLanguage,
)

__all__ = [
    "Bilingual",
    "Words",
    "conversation_english",
    "fill",
    "is_english",
    "language_of",
    "message_language",
    "plural",
    "remember_language",
    "remembered_english",
    "stored_english",
    "told_language",
    "user_english",
]

_THAI = re.compile(r"[\u0e01-\u0e4f]")  # Thai letters and marks, not Thai digits (๐-๙)
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

    Thai letters: Thai, unless the message asks in English around a Thai term
    ("ธนาคารขยะ how many?", as the answerer reads it:
    :func:`bot.answering.question.asked_in_english`); an English word and no Thai:
    English; neither (ids, numbers, emoji, a button's command): None.  A command's own
    name (``/update``), a tag (``<b>``) and a formula or cell (``=SUM(A1)``, ``@cmd``)
    are no words of the user's, nor is code ("SELECT * FROM t", :func:`bot.code_input.code_kind`).
    """
    words = re.sub(r"^/[A-Za-z_]+(?:@\w+)?", "", text.strip())
    if code_kind(words) is not None:
        return None  # "SELECT * FROM updates": SQL's letters are no English
    if _THAI.search(words):
        if _LATIN_WORD.search(words):
            from bot.answering.question import asked_in_english

            return asked_in_english(words)
        return False
    # A formula's, a tag's or a cell's letters ("=SUM(A1)", "<b>", "@cmd") are no English.
    words = " ".join(w for w in _TAG.sub(" ", words).split() if not _CODE.search(w))
    if _THAI.search(words):
        return False
    return True if _LATIN_WORD.search(words) else None


_COMMAND = re.compile(r"^/([A-Za-z_]+)(?:@\w+)?(?:\s+|$)(.*)$", re.S)
#: Commands whose argument is the user's own words: a question, an update, a reason.
_WORDS_COMMANDS = frozenset({"ask", "search", "help", "update", "edit", "reject"})
#: Commands whose argument is quarters, names, pages and keywords: an English word of
#: four letters or more ("page", "confirm", "Chiang Mai") or a quarter written the
#: English way ("Q5 2023", "FY2023") tells English; codes ("Q9", "abc") tell none.
_KEYWORD_COMMANDS = frozenset({"summary", "missing", "projects", "docs", "remove"})
_ENGLISH_KEYWORD = re.compile(r"(?<![A-Za-z])[A-Za-z]{4,}(?![A-Za-z])")
#: A quarter the English way: a Common Era year (1900-2199) with a quarter ("Q2 2023",
#: "2/2023", "FY2023"), where a Thai writer gives the Buddhist year.  "FY" before a
#: Buddhist year ("FY2566", "FY66") is a Thai writer's habit too: it tells no language.
_ENGLISH_QUARTER = re.compile(r"(?<!\d)(?:19|2[01])\d\d(?!\d)")


def message_language(text: str) -> bool | None:
    """The language a chat message tells (True: English), or None when it tells none.

    Plain text and a command of the user's own words (``/search``, ``/update ID
    TEXT``, ``/reject ID REASON``): as :func:`told_language` reads them.  A command of
    quarters, names and keywords (``/summary``, ``/docs``, ``/remove``): Thai letters,
    an English word ("page", "confirm") or a quarter written the English way
    (``Q5 2023``).  A command of ids (``/approve 12``, ``/grant telegram:42 admin``,
    ``/remind on``, a button): only Thai letters tell (Thai); else none.
    """
    m = _COMMAND.match(text.strip())
    if m is None:
        return None if text.strip().startswith("/") and not _THAI.search(text) \
            else told_language(text)
    name, arg = m.group(1).lower(), m.group(2)
    if name in _WORDS_COMMANDS:
        return told_language(arg)
    if _THAI.search(arg):
        return False
    if name in _KEYWORD_COMMANDS:
        words = " ".join(w for w in _TAG.sub(" ", arg).split() if not _CODE.search(w))
        if _ENGLISH_KEYWORD.search(words) or _ENGLISH_QUARTER.search(arg):
            return True
    return None


def stored_english(session: Session, platform: str, external_id: str | None) -> bool | None:
    """The language the user's newest message told, as kept (None: none kept yet)."""
    if not external_id:
        return None
    row = session.get(UserLanguage, (platform, external_id))
    return None if row is None else bool(row.english)


def remember_language(session: Session, platform: str, external_id: str, english: bool,
                      now: dt.datetime) -> None:
    """Keep ``english`` as the language the user last wrote in (in ``session``).

    The user's open conversation, if any, speaks it from now on too (its
    ``data["en"]``): one language for the user, whatever the message was for.
    """
    row = session.get(UserLanguage, (platform, external_id))
    if row is None:
        session.add(UserLanguage(platform=platform, external_id=external_id,
                                 english=english, at=now))
    else:
        row.english, row.at = english, now
    conv = lock_open(session, platform, external_id)
    if conv is not None and conversation_english(conv) != english:
        conv.data = {**(conv.data or {}), "en": english}


def conversation_english(conv: Conversation | None) -> bool:
    """The language conversation ``conv`` speaks (Thai when it never said)."""
    return bool(conv is not None and (conv.data or {}).get("en"))


def remembered_english(session: Session, platform: str, external_id: str | None) -> bool:
    """The user's language: the one their newest message told, else Thai.

    The language kept for the user (:func:`remember_language`); for a user with none
    kept yet (their words came before it was kept), read from their words, newest
    first by time: the last question answered (``answer_log``), the last
    update (its text), the last rejection reason (``update_decisions``), the last
    conversation (its ``data["en"]``).  Words that tell no language are passed over.
    """
    if not external_id:
        return False
    kept = stored_english(session, platform, external_id)
    if kept is not None:
        return kept
    ref = f"{platform}:{external_id}"
    said: list[tuple[dt.datetime, str]] = []
    for at, text in session.execute(
            select(AnswerLog.at, AnswerLog.question)
            # Answered ones: refused questions are logged for follow-ups (bot.core), and
            # code or stray signs ("' OR 1=1 --") tell no language of the user.
            .where(AnswerLog.platform == platform, AnswerLog.external_user_id == external_id,
                   AnswerLog.found.is_(True))
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


def plural(n: int, one: str, many: str) -> str:
    """``n`` (with thousands commas) and the noun that agrees with it.

    "1 person", "2 people", "1,000 projects".
    """
    return f"{n:,} {one if n == 1 else many}"


class _Counting(string.Formatter):
    """:meth:`str.format` where ``{n:person|people}`` is :func:`plural` of ``n``."""

    def format_field(self, value: object, format_spec: str) -> str:
        if "|" in format_spec and isinstance(value, int):
            one, _, many = format_spec.partition("|")
            return plural(value, one, many)
        return str(super().format_field(value, format_spec))


_COUNTING = _Counting()


def fill(template: str, **fields: object) -> str:
    """``template.format(**fields)`` where ``{n:person|people}`` is :func:`plural` of ``n``."""
    return _COUNTING.format(template, **fields)


class Words:
    """A table of ``key -> (Thai, English)`` templates in :meth:`str.format` form.

    ``{n:person|people}`` gives "1 person" or "2 people" (:func:`plural`): an English
    count agrees with its noun.

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
        return _COUNTING.format(self.table[key][1 if english else 0], **fields)


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}
