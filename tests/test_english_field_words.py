"""English field words: a percentage echoed with its sign, quarters in words, and the
messages of /missing, reminders and uploads in the user's language.

Testers' findings: "Percent: 45" was echoed without "%" (and "Percent: 45" typed was not
read at all); "quarter two" was not read where "2/2566" is; /missing, reminders and
upload replies were Thai only, or Thai with English glued on.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
from field_harness import Chat, Clock

from bot.field import missing_text
from bot.reminders import _officer_text, reminder_buttons
from bot.uploads import download_failed, refusal_before_download, too_large
from knowledge.assignments import Missing
from knowledge.thai import FiscalQuarter, extract_update_fields, find_quarter, parse_quarter

NOW = dt.datetime(2023, 2, 15, 3, 0, tzinfo=dt.UTC)  # 2/2566 in Bangkok
OFFICER = "telegram:7601"
MANAGER = "telegram:7602"
THAI = re.compile(r"[\u0e01-\u0e4e]")
Q2 = FiscalQuarter(2566, 2)


@pytest.mark.parametrize(("text", "percent"), [
    ("Percent: 45", 45), ("percent 45", 45), ("Percentage: 45.5", 45.5), ("ร้อยละ: 45", 45),
    ("เปอร์เซ็นต์ 45", 45), ("45 percent", 45), ("45%", 45), ("ร้อยละ 45", 45),
])
def test_a_percentage_written_either_way_is_read(text: str, percent: float) -> None:
    assert extract_update_fields(text).percent == pytest.approx(percent)


@pytest.mark.parametrize("text", [
    "quarter two 2566", "second quarter 2566", "the second quarter of FY2566",
    "quarter 2 of FY2566", "Q2 of 2566", "ไตรมาสสอง 2566", "ไตรมาสที่สอง ปี 2566", "Q2 FY2566",
    "2/2566",
])
def test_a_quarter_in_words_is_read_like_digits(text: str) -> None:
    assert parse_quarter(text) == Q2
    assert find_quarter(f"รายงาน {text} แล้ว") == Q2 or "/" in text  # "2/2566" needs ไตรมาส
    assert extract_update_fields(f"level 3 {text}").quarter == Q2 or "/" in text


def test_fiscal_year_codes_are_read() -> None:
    assert parse_quarter("Q1 FY2570") == FiscalQuarter(2570, 1)


def test_missing_reminders_and_uploads_say_each_language() -> None:
    m = Missing("telegram", "1", "สมชาย", None, None, False, ((1, "โครงการทดสอบ", "ตท.สป."),))
    english = missing_text([m], Q2, "the whole ministry", english=True)
    assert english.startswith("Who has not reported progress for Q2 FY2566")
    assert not THAI.search(english.replace("สมชาย", "").replace("โครงการทดสอบ", ""))
    assert "✅ Every project" in missing_text([], Q2, "x", english=True)
    thai = missing_text([], Q2, "ทั้งกระทรวง")
    assert "ส่งครบทุกโครงการแล้ว" in thai and "everyone" not in thai
    reminder = _officer_text(m, Q2, dt.date(2023, 4, 15), english=True)
    assert reminder.startswith("🔔 Reminder") and "due 15 April 2023" in reminder
    assert not THAI.search(reminder.replace("โครงการทดสอบ", ""))
    assert reminder_buttons("officer", Q2, True) == [("📝 Report now", "/update")]
    assert reminder_buttons("manager", Q2, False)[0][0] == "📋 ดูรายชื่อ"
    for en in (True, False):
        said = [too_large("a.pdf", 30 << 20, 20 << 20, en), download_failed("a.pdf", en),
                refusal_before_download("staff", "a.pdf", 10, english=en) or ""]
        for text in said:
            body = text.replace("«a.pdf»", "")
            assert bool(THAI.search(body)) is not en, text
            if not en:  # a Thai reply has no English glued on
                assert not re.search(r"\((?:file|download|only)[a-z ]*", body), text


@pytest.fixture
def chat(make_app: Callable[..., Any]) -> Chat:
    return Chat.with_users(make_app(), Clock(NOW), {OFFICER: "officer", MANAGER: "manager"})


def test_an_english_update_echoes_the_percent_sign(chat: Chat) -> None:
    reply = chat.say(OFFICER, "/update 1 trained volunteers, level 2, Percent: 45")
    assert "Percent: 45%" in reply, reply
    thai = chat.say(OFFICER, "/update 1 อบรมอาสาสมัคร ระดับ 2 ร้อยละ 40")
    assert "ร้อยละ: 40" in thai and "40%" not in thai, thai


def test_missing_in_english_words(chat: Chat) -> None:
    reply = chat.say(MANAGER, "/missing quarter two 2566")
    assert reply.startswith("Who has not reported progress for Q2 FY2566"), reply
    # "2/2566" tells no language: the manager's last words (English) still choose.
    assert chat.say(MANAGER, "/missing 2/2566").startswith("Who has not reported")
    chat.say(MANAGER, "/search ธนาคารขยะ")
    assert "ผู้ที่ยังไม่ส่งรายงาน" in chat.say(MANAGER, "/missing 2/2566")
