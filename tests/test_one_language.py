"""One language decision per message, kept for the messages that tell none.

The fault: a user who had been writing English got Thai replies as soon as a message
carried no letters (a bare ``1`` answering a numbered choice, ``/summary Q5 2023``,
``/docs 2``, an id), because each handler decided the language on its own and fell
back to Thai.  Now the core decides once per message (:meth:`bot.core.Core.language`):
the message's own words (or a command's English form), else the language the user
last wrote in (``user_languages``), else Thai; every reply follows it.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable
from typing import Any

import pytest
from field_harness import Chat, Clock

from bot.adapters.console import _loop
from bot.conversation.lang import message_language
from bot.core import Core

NOW = dt.datetime(2023, 2, 15, 3, 0, tzinfo=dt.UTC)  # 2/2566 in Bangkok
ADMIN = "telegram:9001"
OFFICER = "telegram:9002"
THAI = re.compile(r"[\u0e01-\u0e4f]")
#: Replies to these carry no Thai letters of the bot's own once the user writes English
#: (document titles and project names are data, so listings are not among them).
NO_LETTERS = ["1", "๒๕๖๖", "?", "a b c", "/summary Q5 2023", "/summary 9/2566", "/missing 7/2566",
              "/approve 999999", "/reject 999999", "/evidence 999999", "/attach 999999",
              "/grant telegram:7 king", "/revoke telegram:404", "/remind", "/whoami",
              "/jobs", "/undo", "/myupdates", "/cancel", "/remove 999999", "/nosuch",
              "/btn 1.1 save", "/ask", "/search", "/start"]


#: A Thai name the English usage of /summary gives as an example (data, not words).
EXAMPLE_PROVINCE = "จังหวัดเชียงใหม่"


@pytest.fixture
def chat(make_app: Callable[..., Any]) -> Chat:
    return Chat.with_users(make_app(), Clock(NOW), {ADMIN: "admin", OFFICER: "officer"})


@pytest.mark.parametrize("text", NO_LETTERS)
def test_a_message_without_letters_keeps_the_english_the_user_wrote(
        chat: Chat, text: str) -> None:
    chat.say(ADMIN, "/search waste bank")  # English words: the user writes English
    reply = chat.say(ADMIN, text).replace(EXAMPLE_PROVINCE, "")
    assert not THAI.search(reply), (text, reply)


@pytest.mark.parametrize("text", ["1", "/summary Q5 2023", "/approve 999999", "/whoami"])
def test_and_thai_after_thai(chat: Chat, text: str) -> None:
    chat.say(ADMIN, "/search ธนาคารขยะ")
    assert THAI.search(chat.say(ADMIN, text)), text


def test_the_language_follows_the_last_message_with_letters(chat: Chat) -> None:
    chat.say(ADMIN, "How many waste banks are there?")
    assert not THAI.search(chat.say(ADMIN, "/approve 999999"))
    chat.say(ADMIN, "ธนาคารขยะมีกี่แห่ง")
    assert THAI.search(chat.say(ADMIN, "/approve 999999"))
    chat.say(ADMIN, "/docs page 1")  # a command's English form
    assert not THAI.search(chat.say(ADMIN, "/approve 999999"))


def test_a_commands_english_form_tells_english_to_a_new_user(chat: Chat) -> None:
    reply = chat.say(ADMIN, "/summary Q5 2023").replace(EXAMPLE_PROVINCE, "")
    assert not THAI.search(reply), reply


def test_a_guided_update_follows_the_users_language(chat: Chat) -> None:
    """Started in Thai, the update speaks English after an English command in between."""
    chat.say(OFFICER, "/update 1")
    chat.say(OFFICER, "อบรมอาสาสมัคร 25 คน เบิกจ่าย 12,000 บาท")
    back = chat.say(OFFICER, "/search waste bank")
    assert "Back to your unfinished progress update" in back, back
    assert not THAI.search(back.split("↩️")[1].split("Project:")[0]), back


@pytest.mark.parametrize("text", ["1,000", "=SUM(A1:A3)", "🙂"])
def test_a_digits_only_update_of_an_english_user_is_answered_in_english(
        chat: Chat, text: str) -> None:
    chat.say(OFFICER, "/search waste bank")
    reply = chat.say(OFFICER, f"/update 1 {text}")
    assert not THAI.search(reply), reply


def test_the_console_numbered_buttons_answer_in_english(chat: Chat) -> None:
    """``/help`` then ``1`` (its first button, ``/help`` again) in the console."""
    out = io.StringIO()
    core = Core(chat.app.db, chat.app.index, clock=chat.clock)
    chat.register("console:eng", "staff")
    _loop(core, "eng", io.StringIO("/search waste bank\n/help\n1\n"), out)
    text = out.getvalue()
    assert "Commands:" in text and "คำสั่งที่ใช้ได้" not in text, text
    assert "❓ Help" in text and "พิมพ์หมายเลข" not in text, text


@pytest.mark.parametrize(("text", "told"), [
    ("1", None), ("๒๕๖๖", None), ("/summary Q5 2023", True), ("/summary FY2023 Q2", True),
    ("/summary Q9", None), ("/summary 2/2566", None), ("/summary ๒/๒๕๖๖", None),
    ("/summary 2/2566 จังหวัดเชียงใหม่", False), ("/docs page 2", True), ("/docs หน้า 2", False),
    ("/remove 5 confirm", True), ("/grant telegram:7 admin", None), ("/remind on", None),
    ("/assign telegram:42 5", None), ("/btn 1.2 save", None), ("/update 1 disbursed 5 baht", True),
    ("/reject 3 budget too high", True), ("What is a waste bank?", True), ("ธนาคารขยะ", False),
])
def test_what_a_message_tells(text: str, told: bool | None) -> None:
    assert message_language(text) is told


#: Titles, names, agencies and provinces are data: quoted as the documents write them.
DATA = re.compile(r"«[^«»]*»|\[\d+\] [^\n]*|— [^\n]*|^\d+\. [^\n]*", re.M)


@pytest.mark.parametrize("text", ["/docs", "/docs 9", "/projects", "/projects 99", "/remove 1",
                                  "/remove 1 confirm", "/docs abc"])
def test_listings_speak_english_around_the_data(chat: Chat, text: str) -> None:
    chat.say(ADMIN, "/search waste bank")
    reply = DATA.sub("", chat.say(ADMIN, text))
    assert not THAI.search(reply), (text, reply)
