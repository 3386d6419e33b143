"""The docs stay true: README's quick start, its command tables, CI and the bot agree."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.cli import build_parser
from bot.core import COMMANDS

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
CONTRACTS = ROOT.parent / "shared" / "CONTRACTS.md"


def _quick_start() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section, re.S)


def test_quick_start_is_exactly_two_commands() -> None:
    blocks = _quick_start()
    assert len(blocks) == 2
    assert all("\n" not in b for b in blocks)
    chat, tests = blocks
    assert chat.endswith("sdgbot chat")
    assert "pytest" in tests


def test_ci_runs_readmes_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert _quick_start()[1] in ci.splitlines()


@pytest.mark.parametrize("name", sorted(n for n in COMMANDS if n != "?"))
def test_every_chat_command_is_in_readme(name: str) -> None:
    assert re.search(rf"^\| `/{name}\b", README, re.M), f"/{name} missing from README"


def test_readme_lists_no_chat_command_the_bot_lacks() -> None:
    listed = set(re.findall(r"^\| `/([a-z]+)", README, re.M))
    assert listed <= set(COMMANDS)


def test_every_cli_command_is_in_readme() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    assert sub.choices
    for name in sub.choices:
        assert f"`sdgbot {name}" in README, f"sdgbot {name} missing from README"


@pytest.mark.skipif(not CONTRACTS.exists(), reason="shared contracts not present")
def test_every_environment_variable_of_the_contract_is_documented() -> None:
    names = set(re.findall(r"^\| `([A-Z_]+)`", CONTRACTS.read_text(encoding="utf-8"), re.M))
    names |= {"LINE_CHANNEL_SECRET", "LINE_CHANNEL_ACCESS_TOKEN"}
    for name in names:
        assert f"`{name}`" in README, name
