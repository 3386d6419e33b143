"""Every command that shows progress or prompts, run on a pseudo-terminal (issue 13, fault 1).

On a terminal ``sdgbot ingest`` shows tqdm bars and ``sdgbot chat`` a prompt; with
pipes (as in the other CLI tests, and in CI) those paths never run.  Here they do.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from pty_run import EOT, run_in_pty, sdgbot_command

pytestmark = pytest.mark.skipif(os.name != "posix", reason="pseudo-terminals are POSIX")


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    out = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SDGBOT_DEBUG")}
    out.update(SDGBOT_HOME=str(tmp_path / "x"), PYTHAINLP_OFFLINE="1", TERM="xterm")
    return out


def test_ingest_one_jsonl_on_a_terminal(env: dict[str, str], tmp_path: Path) -> None:
    # The input: one JSON line; a tqdm bar without a total was tested for truth.
    one = tmp_path / "one.jsonl"
    one.write_text(json.dumps({"title": "ข่าวทดสอบ", "text": "ธนาคารขยะทดสอบ"},
                              ensure_ascii=False) + "\n", encoding="utf-8")
    res = run_in_pty([*sdgbot_command(), "ingest", str(one)], env)
    assert res.code == 0, res.screen
    assert "Traceback" not in res.screen
    assert "added 1," in res.screen


def test_reindex_and_search_on_a_terminal(env: dict[str, str]) -> None:
    res = run_in_pty([*sdgbot_command(), "reindex"], env)
    assert res.code == 0, res.screen
    assert "reindexed" in res.screen and "Traceback" not in res.screen
    res = run_in_pty([*sdgbot_command(), "search", "ธนาคารขยะ", "-k", "1"], env)
    assert res.code == 0, res.screen
    assert "1. " in res.screen and "[-" not in res.screen  # ranked: no raw model score


def test_chat_prompts_and_answers_on_a_terminal(env: dict[str, str]) -> None:
    res = run_in_pty([*sdgbot_command(), "chat"], env, typed="/whoami\n" + EOT)
    assert res.code == 0, res.screen
    assert "/quit" in res.screen  # the greeting a terminal user gets
    assert "> " in res.screen  # the prompt
    assert "console:local" in res.screen and "admin" in res.screen
    assert "Traceback" not in res.screen


def test_ingest_empty_jsonl_on_a_terminal_is_a_clear_error(env: dict[str, str],
                                                           tmp_path: Path) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    res = run_in_pty([*sdgbot_command(), "ingest", str(empty)], env)
    assert res.code == 1, res.screen
    assert "Traceback" not in res.screen and "empty.jsonl" in res.screen


def test_summary_and_users_on_a_terminal(env: dict[str, str], tmp_path: Path) -> None:
    res = run_in_pty([*sdgbot_command(), "summary", "4/2567", "--xlsx",
                      str(tmp_path / "q.xlsx")], env)
    assert res.code == 0, res.screen
    assert (tmp_path / "q.xlsx").is_file()
    res = run_in_pty([*sdgbot_command(), "users", "add", "telegram:abc", "--role", "staff"], env)
    assert res.code == 1, res.screen
    assert "Traceback" not in res.screen
