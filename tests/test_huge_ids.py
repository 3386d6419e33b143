"""Ids typed by a user beyond the database's integer: "not found", never an internal error."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from field_harness import Chat, Clock

from bot.approvals import ApprovalPolicy
from bot.core import Core

NOW = dt.datetime(2023, 2, 15, 3, 0, tzinfo=dt.UTC)
HUGE = ["99999999999999999999999", "2147483648", "9223372036854775808"]
CHAT_COMMANDS = ["/approve {id}", "/reject {id} ไม่ครบ", "/edit {id} ลงพื้นที่", "/undo {id}",
                 "/myupdates {id}", "/attach {id}", "/evidence {id}", "/remove {id}",
                 "/docs {id}", "/update {id} ลงพื้นที่ เบิกจ่าย 5 บาท", "/projects {id}",
                 "/assign telegram:off1 {id}", "/assign telegram:off1 -{id}",
                 "/btn {id}.1 save", "/btn 1.1 save:{id}", "/summary {id}"]


@pytest.mark.parametrize("huge", HUGE)
@pytest.mark.parametrize("command", CHAT_COMMANDS)
def test_huge_id_in_chat(make_app: Callable[..., Any], db_url: str, command: str,
                         huge: str) -> None:
    app = make_app(db_url if db_url.startswith("postgresql") else None)
    clock = Clock(NOW)
    chat = Chat(app, clock, Core(app.db, app.index, clock=clock,
                                 approval=ApprovalPolicy.parse("all")))
    chat.register("telegram:off1", "officer")
    chat.register("telegram:admin1", "admin")
    ref = "telegram:off1" if command.split()[0] in (
        "/edit", "/undo", "/myupdates", "/attach", "/update", "/btn") else "telegram:admin1"
    reply = chat.say(ref, command.format(id=huge))  # Chat.send fails on an apology
    assert "Overflow" not in reply and "Error" not in reply


@pytest.mark.parametrize("huge", HUGE)
@pytest.mark.parametrize("command", [["remove", "{id}"], ["reparse", "{id}"],
                                     ["reparse", "1", "{id}"]])
def test_huge_id_on_the_command_line(run: Callable[..., Any], tmp_path: Path,
                                     command: list[str], huge: str) -> None:
    res = run(tmp_path / "home", *[w.format(id=huge) for w in command])
    assert res.code == 1  # a user error, said as such
    assert "unexpected" not in res.err and "Overflow" not in res.err + res.out
    assert "ไม่พบเอกสาร" in res.err + res.out
