"""A quarter or year that cannot be read is told in one language per message.

The faults: ``sdgbot summary 2566`` printed the Thai message with the English one glued
into its last line; in chat ``/summary FY2566`` and ``/summary 2566`` gave a Thai user
the raw ``cannot parse 'FY2566' as a fiscal quarter``; ``/summary FY2023 Q2`` (English)
got a Thai-first note "ℹ️ อ่านปี 2023 เป็นปี ค.ศ.: …".  Checked for ``/summary`` and
``/missing`` in chat and for ``sdgbot summary``, ``missing`` and ``remind`` on the
command line.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from field_harness import Chat, Clock

from bot.conversation.lang import message_language
from knowledge.thai import YearAloneError, parse_quarter

NOW = dt.datetime(2023, 2, 15, 3, 0, tzinfo=dt.UTC)  # 2/2566 in Bangkok
MANAGER = "telegram:5601"
THAI = re.compile(r"[\u0e01-\u0e4f]")
QUOTED = re.compile(r"“[^”]*”|/\w+[^\n]*?(?=\s|$)")
ENGLISH_WORD = re.compile(r"\b[A-Za-z]{4,}\b")


def _thai_only(text: str) -> bool:
    body = QUOTED.sub("", text)
    return bool(THAI.search(body)) and not ENGLISH_WORD.search(body)


@pytest.fixture
def chat(make_app: Callable[..., Any]) -> Chat:
    c = Chat.with_users(make_app(), Clock(NOW), {MANAGER: "manager"})
    c.say(MANAGER, "สวัสดีครับ")  # a Thai user
    return c


@pytest.mark.parametrize("typed", ["2566", "FY2566", "ปีงบ 66", "ปีงบประมาณ 2566", "fy 66"])
def test_a_year_alone_is_said_to_be_a_year(typed: str) -> None:
    with pytest.raises(YearAloneError) as err:
        parse_quarter(typed)
    assert "2566" in err.value.thai and "ไม่ใช่ไตรมาส" in err.value.thai
    assert "is a fiscal year, not a quarter" in err.value.english
    assert "cannot parse" not in err.value.english


@pytest.mark.parametrize("text", ["/summary FY2566", "/summary 2566", "/summary ปีงบ 66",
                                  "/missing FY2566", "/missing 2566", "/summary Q9 2566"])
def test_a_thai_user_is_told_in_thai_only(chat: Chat, text: str) -> None:
    reply = chat.say(MANAGER, text)
    assert _thai_only(reply), reply
    assert "cannot parse" not in reply


def test_fy_before_a_buddhist_year_tells_no_language() -> None:
    assert message_language("/summary FY2566") is None
    assert message_language("/summary FY2023 Q2") is True


def test_an_english_user_is_told_in_english_only(chat: Chat) -> None:
    chat.say(MANAGER, "How many waste banks are there?")
    for text in ("/summary FY2566", "/summary 2566", "/missing 2566"):
        reply = chat.say(MANAGER, text)
        assert not THAI.search(QUOTED.sub("", reply.split("\n")[0])), reply
        assert "cannot parse" not in reply and "fiscal year, not a quarter" in reply, reply


def test_the_ce_year_note_is_in_the_users_language(chat: Chat) -> None:
    thai = chat.send(MANAGER, "/summary ไตรมาส 2/2023")
    assert "อ่านปี 2023 เป็นปี ค.ศ." in thai[0].text and "read as" not in thai[0].text
    english = chat.send(MANAGER, "/summary FY2023 Q2")
    assert english[0].text.startswith("ℹ️ Year 2023 was read as a Common Era year"), english[0]
    assert not THAI.search(english[0].text)
    assert "📊 สรุปไตรมาส 2/2566" in english[1].text and "ค.ศ." not in english[1].text
    # /missing reads a quarter too: the same note, in the user's language.
    missing = chat.say(MANAGER, "/missing Q2 2023")
    assert missing.startswith("ℹ️ Year 2023 was read as a Common Era year"), missing
    assert "Q2 FY2566" in missing and not THAI.search(missing.split("\n")[0])
    assert "อ่านปี 2023 เป็นปี ค.ศ." in chat.say(MANAGER, "/missing ไตรมาส 2/2023")


@pytest.mark.parametrize("args", [["summary", "2566"], ["summary", "FY2566"],
                                  ["missing", "2566"], ["remind", "--dry-run", "2566"]])
def test_the_command_line_gives_each_language_its_own_lines(
        run: Callable[..., Any], tmp_path: Path, args: list[str]) -> None:
    res = run(tmp_path / "home", *args)
    assert res.code == 1, res.err
    lines = [ln for ln in res.err.splitlines() if ln.strip()]
    thai_at = [i for i, ln in enumerate(lines) if "ไม่ใช่ไตรมาส" in ln]
    english_at = [i for i, ln in enumerate(lines) if "is a fiscal year, not a quarter" in ln]
    assert thai_at and english_at and thai_at[0] < english_at[0], res.err
    assert not ENGLISH_WORD.search(QUOTED.sub("", lines[thai_at[0]]).replace("sdgbot:", ""))
    assert not THAI.search(QUOTED.sub("", lines[english_at[0]])), res.err
    assert " — " not in res.err
