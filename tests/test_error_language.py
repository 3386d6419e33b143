"""Every error of /summary and the other commands is in the user's language, never both.

A tester's "/summary Q9 2566" was answered in Thai with an English error glued on
("... — cannot parse 'Q9' as a fiscal quarter"): Thai first, English when the user
writes English (bot.conversation.lang); the command line keeps both for operators.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest

from bot.bilingual import Bilingual
from bot.summary_lists import split_summary_arg, unknown_filter
from bot.users import UserAdminError, parse_user_ref
from knowledge.models import ROLES
from tests.field_harness import Chat, Clock

NOW = dt.datetime(2023, 2, 15, 3, 0, tzinfo=dt.UTC)  # 2/2566 in Bangkok
MANAGER = "telegram:5301"
ADMIN = "telegram:5302"
_LATIN_WORDS = re.compile(r"\b(?!PLATFORM\b|ID\b|ROLE\b)[A-Za-z]{4,}\b")
_THAI = re.compile(r"[\u0e01-\u0e4e]")


def _thai_only(text: str) -> bool:
    """Thai, with no English words (commands, ids and examples aside)."""
    body = re.sub(r"/\w+|\w+:\S*|sdgbot[^\n]*|'[^']*'|“[^”]*”", "", text)
    body = re.sub(rf"\b(?:{'|'.join(ROLES)})\b", "", body)
    return bool(_THAI.search(body)) and not _LATIN_WORDS.search(body)


@pytest.mark.parametrize("arg", ["Q9 2566", "abc", "2/2599", "1/2566 2/2566", "5/2566"])
def test_summary_argument_errors_say_each_language(arg: str) -> None:
    with pytest.raises(Bilingual) as err:
        split_summary_arg(arg, today=dt.date(2023, 2, 15))
    assert _thai_only(err.value.say(False)), err.value.say(False)
    assert not _THAI.search(err.value.say(True).split("\n")[0]), err.value.say(True)
    # The command line: both, each language on lines of its own.
    assert str(err.value) == f"{err.value.say(False)}\n{err.value.say(True)}"


def test_filter_and_user_errors_say_each_language() -> None:
    thai = unknown_filter("จังหวัดเชียงใหม่", None, False)
    english = unknown_filter("จังหวัดเชียงใหม่", None, True)
    assert thai is not None and "no project lists" not in thai.casefold()
    assert english is not None and english.startswith("No project lists")
    with pytest.raises(UserAdminError) as err:
        parse_user_ref("facebook:7")
    assert _thai_only(err.value.say(False)) and "expected" in err.value.say(True)


@pytest.fixture
def chat(make_app: Callable[..., Any]) -> Chat:
    c = Chat(make_app(), Clock(NOW))
    c.register(MANAGER, "manager")
    c.register(ADMIN, "admin")
    return c


@pytest.mark.parametrize(("ref", "text"), [
    (MANAGER, "/summary Q9 2566"),
    (MANAGER, "/summary 2/2599"),
    (MANAGER, "/summary 2/2566 จังหวัดไม่มีจริง"),
    (ADMIN, "/grant telegram:7 king"),
    (ADMIN, "/grant facebook:7 officer"),
    (ADMIN, "/revoke telegram:404"),
    (ADMIN, "/grant"),
    (ADMIN, "/search"),
    (ADMIN, "/remove 999999 ยืนยัน"),
])
def test_a_thai_users_errors_are_thai_only(chat: Chat, ref: str, text: str) -> None:
    reply = chat.say(ref, text)
    assert _thai_only(reply), reply


def test_an_english_users_errors_are_english(chat: Chat) -> None:
    reply = chat.say(MANAGER, "/summary quarter nine 2566")
    assert reply.startswith("Sorry, please give the quarter first"), reply
    assert not _THAI.search(reply.split("\n")[0])
    chat.say(ADMIN, "What is a waste bank?")  # the admin now writes English
    assert chat.say(ADMIN, "/grant telegram:7 king").startswith("unknown role")
    assert chat.say(ADMIN, "/search").startswith("Type keywords")
