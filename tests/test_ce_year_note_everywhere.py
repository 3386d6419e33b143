"""Every entry point that takes a quarter says when a year was read as Common Era.

The fault: ``sdgbot summary FY2023 Q2`` printed the summary of 2/2566 without the note
``/summary FY2023 Q2`` gives in chat (``ce_year_note``): an operator who meant another
year never saw which one was read.  The command line's ``summary``, ``missing`` and
``remind`` now print the note (Thai, then English, as the command line's lines are),
on stderr with ``--json`` so that stdout stays one JSON document; the chat's
``/summary`` and ``/missing`` keep theirs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cli_run import Run
from field_harness import Chat, Clock

NOTE_TH = "อ่านปี 2023 เป็นปี ค.ศ."
NOTE_EN = "Year 2023 was read as a Common Era year"
COMMANDS = [("summary",), ("missing",), ("remind", "--dry-run")]


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("quarter", [("FY2023", "Q2"), ("2/2023",), ("Q2", "2023")])
def test_the_command_line_says_the_year_was_read_as_ce(
        run: Run, tmp_path: Path, command: tuple[str, ...], quarter: tuple[str, ...]) -> None:
    res = run(tmp_path / "home", *command, *quarter)
    assert res.code == 0, res.err
    assert NOTE_TH in res.out and NOTE_EN in res.out, res.out
    assert res.out.index(NOTE_TH) < res.out.index("2/2566"), res.out  # before what it is about


@pytest.mark.parametrize("command", COMMANDS)
def test_with_json_the_note_goes_to_stderr(run: Run, tmp_path: Path,
                                           command: tuple[str, ...]) -> None:
    res = run(tmp_path / "home", *command, "FY2023", "Q2", "--json")
    assert res.code == 0, res.err
    assert res.json()["fiscal_year" if command[0] != "summary" else "quarter"]  # one document
    assert NOTE_TH in res.err and NOTE_EN in res.err, res.err


@pytest.mark.parametrize("command", COMMANDS)
def test_no_note_for_a_buddhist_year(run: Run, tmp_path: Path,
                                     command: tuple[str, ...]) -> None:
    res = run(tmp_path / "home", *command, "2/2566")
    assert res.code == 0 and "ค.ศ." not in res.out + res.err, res.out


@pytest.mark.parametrize("text", ["/summary FY2023 Q2", "/missing FY2023 Q2"])
def test_the_chat_commands_keep_their_note(make_app: Callable[..., Any], text: str) -> None:
    chat = Chat.with_users(make_app(), Clock(dt.datetime(2023, 5, 15, 3, tzinfo=dt.UTC)),
                           {"telegram:9301": "manager"})
    assert NOTE_EN in chat.say("telegram:9301", text)
