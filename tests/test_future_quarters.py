"""A quarter that has not begun: no reminders or non-submitter lists; a summary says so."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from field_harness import Chat, Clock

NOW = dt.datetime(2026, 12, 3, 3, 0, tzinfo=dt.UTC)  # quarter 1/2570 in Bangkok
AT = "2026-12-03T10:00"


@pytest.mark.parametrize("command", [["missing", "3/2570"], ["missing", "1/2571"],
                                     ["remind", "--dry-run", "3/2570"],
                                     ["remind", "--dry-run", "1/2580"]])
def test_no_list_or_reminder_for_a_future_quarter(run: Callable[..., Any], tmp_path: Path,
                                                  command: list[str]) -> None:
    home = tmp_path / "home"
    assert run(home, "users", "add", "telegram:111", "--role", "officer",
               "--agency", "ตท.สป.").code == 0
    res = run(home, *command, "--at", AT)
    assert res.code == 1
    assert "would remind" not in res.out and "telegram:111" not in res.out
    assert "ยังไม่เริ่ม" in res.err or "นอกช่วง" in res.err


def test_the_current_quarter_still_lists(run: Callable[..., Any], tmp_path: Path) -> None:
    home = tmp_path / "home"
    run(home, "users", "add", "telegram:111", "--role", "officer", "--agency", "ตท.สป.")
    assert "telegram:111" in run(home, "missing", "1/2570", "--at", AT).out


def test_chat_missing_and_summary_of_a_future_quarter(make_app: Callable[..., Any]) -> None:
    chat = Chat.with_users(make_app(), Clock(NOW), {"telegram:111": "officer",
                                                    "telegram:900": "manager"})
    reply = chat.say("telegram:900", "/missing 3/2570")
    assert "ยังไม่เริ่ม" in reply and "telegram:111" not in reply
    summary = chat.say("telegram:900", "/summary 3/2570")
    assert "ยังไม่เริ่ม" in summary and "ยังไม่รายงาน (" not in summary
    assert "ยังไม่รายงาน (" in chat.say("telegram:900", "/summary 1/2570")


@pytest.mark.parametrize("command", ["/summary 2/2500", "/update 1 ลงพื้นที่ ไตรมาส 2/2500"])
def test_one_earliest_year(make_app: Callable[..., Any], command: str) -> None:
    chat = Chat.with_users(make_app(), Clock(NOW), {"telegram:900": "admin"})
    assert "2559" in chat.say("telegram:900", command)


# -- the reminder functions themselves refuse, whoever calls them -----------------------------
@pytest.mark.parametrize(("fiscal_year", "quarter", "said"), [
    (2570, 2, "ยังไม่เริ่ม"), (2571, 1, "ยังไม่เริ่ม"), (2580, 1, "นอกช่วง"), (2558, 4, "นอกช่วง")])
def test_plan_and_run_reminders_refuse_a_quarter_not_begun(
        make_app: Callable[..., Any], fiscal_year: int, quarter: int, said: str) -> None:
    """``plan`` and ``run_reminders`` checked nothing: only the commands refused."""
    from bot.bilingual import Bilingual
    from bot.reminders import Schedule, plan, run_reminders
    from knowledge.thai import FiscalQuarter

    chat = Chat.with_users(make_app(), Clock(NOW), {"telegram:900": "manager"})
    chat.register("telegram:111", "officer", agency="ตท.สป.")
    q = FiscalQuarter(fiscal_year, quarter)
    with pytest.raises(Bilingual, match=said):
        plan(chat.app.db, q, NOW, Schedule(), managers=True)
    sent: list[str] = []

    class Recording:
        async def push(self, to: str, text: str, buttons: Any = (), *, key: str = "") -> None:
            sent.append(to)

        async def aclose(self) -> None:
            pass

    with pytest.raises(Bilingual, match=said):
        asyncio.run(run_reminders(chat.app.db, q, NOW, Schedule(),
                                  {"telegram": Recording()},  # type: ignore[dict-item]
                                  managers=True))
    assert sent == []
    # The current quarter is planned as before.
    assert [p.ref for p in plan(chat.app.db, FiscalQuarter(2570, 1), NOW, Schedule())] == \
        ["telegram:111"]
