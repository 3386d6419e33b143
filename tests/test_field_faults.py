"""Faults a tester found by using the field-reporting side (updates, summaries, users).

Each test is one kind of mistake, checked at every place it could happen: cumulative
disbursements, amounts over the budget, money rendering, unusable input, two levels,
malformed ``/summary`` arguments, a guided update that would not let go, console ids,
and percentage questions answered in baht.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from field_harness import Chat, Clock
from stored_updates import QUARTER, store_update_with_status

from bot.answering import Answerer
from bot.summary_view import load_summary, summary_text
from bot.users import UserAdminError, console_user_id, parse_user_ref
from knowledge.thai import format_baht, format_baht_millions, format_percent

NOW = dt.datetime(2023, 2, 15, 3, 0, tzinfo=dt.UTC)  # 15 Feb 2023 10:00 in Bangkok: 2/2566
OFFICER = "telegram:5101"
MANAGER = "telegram:5201"


@pytest.fixture
def chat(make_app: Callable[..., Any]) -> Chat:
    c = Chat(make_app(), Clock(NOW))
    c.register(OFFICER, "officer")
    c.register(MANAGER, "manager")
    return c


# -- 8. one console id, however it is typed ---------------------------------------------------
@pytest.mark.parametrize("typed", ["off1", "console:off1", "CONSOLE:off1",
                                   "console:console:off1", " console:off1 "])
def test_console_ids_are_normalised_one_way(typed: str) -> None:
    assert console_user_id(typed) == "off1"
    assert parse_user_ref(f"console:{typed.strip()}") == ("console", "off1")


@pytest.mark.parametrize("typed", ["telegram:123", "line:U0", "bad id", "", "console:"])
def test_console_id_of_another_form_is_refused(typed: str) -> None:
    with pytest.raises(UserAdminError):
        console_user_id(typed)


def test_users_add_and_chat_user_meet(run: Callable[..., Any], tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert run(home, "users", "add", "console:off1", "--role", "officer").code == 0
    for typed in ("off1", "console:off1"):
        res = run(home, "chat", "--user", typed, stdin="/whoami\n")
        assert res.code == 0
        assert "console:off1" in res.out and "officer" in res.out
        assert "console:console" not in res.out and "ยังไม่ได้รับสิทธิ์" not in res.out
    # The doubled prefix names the same user, so it is not a second registration.
    assert "console:off1" in run(home, "users", "add", "console:console:off1",
                                 "--role", "officer").out
    listed = run(home, "users", "list").out
    assert "console:console" not in listed
    bad = run(home, "chat", "--user", "telegram:123", stdin="/whoami\n")
    assert bad.code == 1 and "Traceback" not in bad.err


# -- 3. money and percentages are shown formatted, wherever they are shown --------------------
_RAW_NUMBER = re.compile(r"\d\.\d{3,}|\d{5,}")  # more than 2 decimals, or no separators


def test_money_formatting_helpers() -> None:
    huge = Decimal("100000889999.4999995")
    assert format_baht_millions(huge) == "100,000,889,999.50 บาท (100,000.89 ล้านบาท)"
    assert format_baht_millions(huge, english=True) == (
        "100,000,889,999.50 baht (100,000.89 million baht)")
    assert format_baht_millions(Decimal(250_000), from_baht=100_000) == (
        "250,000 บาท (0.25 ล้านบาท)")
    assert format_baht(0.1 + 0.2) == "0.30 บาท"
    assert format_percent(Decimal("33.333333")) == "33.33"
    assert format_percent(Decimal("40.0")) == "40"


def test_every_rendering_of_a_large_odd_amount_is_formatted(make_app: Callable[..., Any]) -> None:
    app = make_app()
    amount = Decimal("1000889.4999995")
    store_update_with_status(app, "เบิกจ่ายงวดแรกตามสัญญา",
                             "approved", amount_baht=amount)
    ans = Answerer(app.db, app.index).ask("ผลการเบิกจ่ายเท่าไร")
    assert "1,000,889.50 บาท (1.00 ล้านบาท)" in ans.point, ans.point
    assert not _RAW_NUMBER.search(ans.point.replace("2566", "")), ans.point
    english = Answerer(app.db, app.index).ask("What was the actual disbursement?")
    assert not _RAW_NUMBER.search(english.point), english.point
    text = summary_text(load_summary(app.db, QUARTER))
    assert "1,000,889.50 บาท" in text
    assert not _RAW_NUMBER.search(text), text
