"""Thai digits (๐-๙) are the same numbers as Arabic ones wherever a user types a number.

The fault: ``/grant telegram:๗ staff`` was refused ("the id must be a number"),
``/assign telegram:๒ ๑`` and ``/revoke telegram:๗`` found no such user, ``sdgbot users
add telegram:๑๒๓`` and ``sdgbot chat --user off๑`` were refused, ``sdgbot remind
--at`` with Thai digits was no time, and a hand-typed button (``/btn ๑.๑ save``) was
not read: user ids and times were read with ASCII-only patterns.  Every chat command
that takes numbers is checked here both ways: the reply to the Thai-digit form is the
reply to the Arabic one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cli_run import Run
from field_harness import Chat, Clock

from knowledge.thai import ascii_digits, to_arabic_digits

NOW = dt.datetime(2023, 2, 15, 3, 0, tzinfo=dt.UTC)  # 2/2566 in Bangkok
THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
ADMIN = "telegram:1"
OFFICER = "telegram:2"
#: (who, command) in order: each command that reads a number a user types.
SCRIPT = [
    (ADMIN, "/search งบประมาณ 2566"), (ADMIN, "/search 9,684,500"),
    (ADMIN, "/summary 2/2566"), (ADMIN, "/summary Q2 2566"), (ADMIN, "/summary 9/2566"),
    (ADMIN, "/missing 2/2566"), (ADMIN, "/docs หน้า 2"), (ADMIN, "/projects หน้า 2"),
    (ADMIN, "/assign telegram:2 1"), (ADMIN, "/grant telegram:3 staff"),
    (ADMIN, "/revoke telegram:3"), (ADMIN, "งบประมาณปี 2566 เท่าไร"),
    (OFFICER, "/update 1 เบิกจ่าย 40,000 บาท ระดับ 3 ร้อยละ 40 ไตรมาส 2/2566"),
    (OFFICER, "/myupdates"), (OFFICER, "/edit 1 เบิกจ่าย 50,000 บาท"),
    (OFFICER, "/attach 1"), (OFFICER, "/cancel"), (ADMIN, "/evidence 1"),
    (ADMIN, "/reject 1 ตัวเลข 2 ข้อไม่ตรง"), (ADMIN, "/approve 1"),
    (OFFICER, "/update"), (OFFICER, "/btn 2.1 pick:1"), (OFFICER, "เบิกจ่าย 1,500 บาท ระดับ 2"),
    (OFFICER, "/cancel"), (ADMIN, "/remove 2"),
]


def _replies(make_app: Callable[..., Any], thai: bool) -> list[str]:
    chat = Chat.with_users(make_app(), Clock(NOW), {ADMIN: "admin", OFFICER: "officer"})
    out = []
    for ref, text in SCRIPT:
        typed = text.translate(THAI_DIGITS) if thai else text
        # The reply may quote what was typed: compared with the digits read alike.
        out.append(to_arabic_digits(chat.say(ref, typed)))
    return out


def test_every_command_reads_thai_digits_as_arabic(make_app: Callable[..., Any]) -> None:
    arabic = _replies(make_app, thai=False)
    thai = _replies(make_app, thai=True)
    for (_ref, text), a, t in zip(SCRIPT, arabic, thai, strict=True):
        assert a == t, (text, a, t)


def test_the_command_line_reads_thai_digits(run: Run, tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert run(home, "users", "add", "telegram:๑๒๓", "--role", "staff").code == 0
    listed = run(home, "users", "list", "--json").json()
    assert any(u["user"] == "telegram:123" for u in listed), listed
    assert run(home, "users", "add", "console:off๑", "--role", "staff").code == 0
    assert run(home, "chat", "--user", "off๑", stdin="/whoami\n").code == 0
    res = run(home, "remind", "--dry-run", "--json", "--at", "2023-02-15T๑๐:๐๐")
    assert res.code == 0, res.err


@pytest.mark.parametrize(("typed", "read"), [("๑๒๓", "123"), ("１２", "12"), ("off๑", "off1"),
                                             ("2023-02-15T๐๙:๓๐", "2023-02-15T09:30")])
def test_ascii_digits(typed: str, read: str) -> None:
    assert ascii_digits(typed) == read


@pytest.mark.parametrize("typed", ["๑", "³", "²¹", "①"])
def test_a_number_at_the_project_step_is_read_or_searched(
        make_app: Callable[..., Any], typed: str) -> None:
    """A digit int() cannot read ("³") was taken for a project id: an apology."""
    chat = Chat.with_users(make_app(), Clock(NOW), {OFFICER: "officer"})
    chat.say(OFFICER, "/update")
    reply = chat.say(OFFICER, typed)  # the harness fails on an apology
    if typed == "๑":
        assert "2/3" in reply, reply  # project 1 chosen: the text step


def test_the_console_presses_a_button_by_any_digits(make_app: Callable[..., Any]) -> None:
    """"๒" presses the second button; "³" (int() cannot read it) had ended the console."""
    import io

    from bot.adapters.console import _loop
    from bot.core import Core

    chat = Chat.with_users(make_app(), Clock(NOW), {"console:c1": "staff"})
    out = io.StringIO()
    core = Core(chat.app.db, chat.app.index, clock=chat.clock)
    assert _loop(core, "c1", io.StringIO("/help\n³\n/help\n๒\n"), out) == 0
    assert "โครงการที่รายงานผล" in out.getvalue()  # button 2: /projects
