"""Nothing a user typed becomes markup where it is shown again.

The fault: ``/myupdates`` echoed an update text holding ``[click](javascript:alert(1))``,
a Markdown link that a reader rendering Markdown shows as a link.  An update's text is
echoed by ``/myupdates``, approvals, notifications, summaries and search snippets, so a
Markdown link or image or an autolink is refused as HTML tags already were (nothing
stored), and every way a reply leaves the bot sends text as text: Telegram with
``parse_mode=HTML`` on HTML-escaped text (no Markdown mode anywhere), LINE as plain
text messages.
"""

from __future__ import annotations

import ast
import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from field_harness import Chat, Clock

from bot.adapters.telegram import to_html

NOW = dt.datetime(2023, 2, 15, 3, 0, tzinfo=dt.UTC)
OFFICER = "telegram:9401"
BOT = Path(__file__).resolve().parent.parent / "bot"

MARKUP = ["ประชุมแล้ว [click](javascript:alert(1))", "ดูรูป ![x](http://evil.example/x.png)",
          "รายละเอียด <javascript:alert(1)>", "เบิกจ่าย 5,000 บาท [ลิงก์](https://evil.example)",
          "<a href=\"javascript:alert(1)\">คลิก</a>"]
PLAIN = ["ประชุม [สรุป] (ดูแนบ) เบิกจ่าย 5,000 บาท", "เบิกจ่าย (5,000 บาท) [งวด 2]"]


@pytest.fixture
def chat(make_app: Callable[..., Any]) -> Chat:
    return Chat.with_users(make_app(), Clock(NOW), {OFFICER: "officer"})


@pytest.mark.parametrize("text", MARKUP)
def test_an_update_with_markup_is_refused(chat: Chat, text: str) -> None:
    reply = chat.say(OFFICER, f"/update 1 {text}")
    assert "แท็กหรือโค้ด" in reply and "ยังไม่ได้บันทึก" in reply, reply
    chat.nothing_stored()
    chat.send(OFFICER, "/update 1")
    assert "แท็กหรือโค้ด" in chat.say(OFFICER, text)
    chat.nothing_stored()


@pytest.mark.parametrize("text", PLAIN)
def test_brackets_that_are_no_link_are_kept(chat: Chat, text: str) -> None:
    chat.say(OFFICER, f"/update 1 {text}")
    assert [u.text for u in chat.updates()] == [text]
    assert text in chat.say(OFFICER, "/myupdates")


def test_telegram_text_is_escaped_html() -> None:
    assert to_html('<a href="javascript:alert(1)">x</a>') == (
        '&lt;a href="javascript:alert(1)"&gt;x&lt;/a&gt;')


def _calls(tree: ast.AST, names: set[str]) -> list[ast.Call]:
    return [n for n in ast.walk(tree) if isinstance(n, ast.Call)
            and isinstance(n.func, ast.Attribute) and n.func.attr in names]


def test_every_telegram_send_is_escaped_html_and_line_sends_plain_text() -> None:
    """Every call that sends text, in every module: no Markdown mode, no raw text."""
    sends = 0
    for path in BOT.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"parse_mode\s*=\s*(?:ParseMode\.)?[\"']?markdown", source,
                             re.IGNORECASE), path
        tree = ast.parse(source)
        for call in _calls(tree, {"send_message", "send_photo", "send_document"}):
            sends += 1
            words = {k.arg: ast.unparse(k.value) for k in call.keywords}
            text = ast.unparse(call.args[1]) if len(call.args) > 1 else words.get("caption", "")
            assert "HTML" in words.get("parse_mode", ""), (path, call.lineno)
            assert text == "" or "to_html(" in text, (path, call.lineno, text)
        for call in [n for n in ast.walk(tree) if isinstance(n, ast.Call)
                     and ast.unparse(n.func).endswith(("FlexMessage", "TextMessageV2"))]:
            raise AssertionError((path, call.lineno, "LINE message other than plain text"))
    assert sends >= 5
