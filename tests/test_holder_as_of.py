"""A holder asked with no date says the date of the document the holder comes from.

"นายกรัฐมนตรีญี่ปุ่นคือใคร" was answered from a release of 2563 as if it were today's
holder: the reply now says "(ข้อมูล ณ 13 พ.ย. 2563)" ("as of 13 November 2020" in English).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from releases import ask_over
from test_answer_kinds import FILLER, _release

from bot.answering.answerer import as_of
from knowledge.thai import format_thai_date

POSTS = [
    _release(1, "ปลัดกระทรวงมหาดไทยเปิดสนามเด็กเล่นสร้างปัญญา",
             "นายสุทธิพงษ์ จุลเจริญ ปลัดกระทรวงมหาดไทย เป็นประธานเปิดสนามเด็กเล่นสร้างปัญญา "
             "ณ องค์การบริหารส่วนตำบลแว้ง อำเภอแว้ง จังหวัดนราธิวาส "
             "โดยมีเด็กและผู้ปกครองร่วมงานกว่า 300 คน", "2020-11-13"),
    *FILLER,
]


def test_the_note_follows_the_value() -> None:
    day = dt.date(2020, 11, 13)
    assert as_of("นาย ก ปลัด — ข้อความ", day, english=False) == (
        "นาย ก ปลัด (ข้อมูล ณ 13 พ.ย. 2563) — ข้อความ")
    assert as_of("Mr A — text", day, english=True) == "Mr A (as of 13 November 2020) — text"
    assert as_of("นาย ก", day, english=False) == "นาย ก (ข้อมูล ณ 13 พ.ย. 2563)"


@pytest.mark.parametrize("question", ["ปลัดกระทรวงมหาดไทยคือใคร", "ปลัด มท. คือใคร"])
def test_a_holder_without_a_date_says_as_of(make_app: Any, tmp_path: Path,
                                             question: str) -> None:
    ans = ask_over(make_app, tmp_path, POSTS, question)
    assert ans.found and ans.point.startswith("นายสุทธิพงษ์ จุลเจริญ"), ans.point
    # The day of the document the holder was read from (the release, or the bundled
    # report of 27 March 2566 that names him too), right after the holder.
    day = dt.date.fromisoformat(str(ans.sources[0].date)[:10])
    assert f"(ข้อมูล ณ {format_thai_date(day, short=True)})" in ans.point[:80], ans.point


def test_a_holder_asked_for_a_year_needs_no_note(make_app: Any, tmp_path: Path) -> None:
    ans = ask_over(make_app, tmp_path, POSTS, "ปลัดกระทรวงมหาดไทยปี 2563 คือใคร")
    assert "ข้อมูล ณ" not in ans.point
