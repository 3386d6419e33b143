"""Chat's "ก่อนหน้านี้" (earlier) before the time a question names is not searched for."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from releases import FILLERS, ask_over, news
from test_counted_families import DENGUE

from bot.answering.question import without_asking_phrases

#: Another year's dengue release, whose words "ก่อนหน้านี้" matched better (a stand-in).
LATER = news(80, "กรมควบคุมโรคเตือนไข้เลือดออก ปี 2566",
             "ก่อนหน้านี้กรมควบคุมโรครายงานผู้ป่วยไข้เลือดออกในปี 2566 สะสม 40,000 ราย "
             "มีผู้เสียชีวิตกว่า 40 ราย", "2023-07-01")


@pytest.mark.parametrize(("question", "kept"), [
    ("ก่อนหน้านี้ปี 2562 มีผู้เสียชีวิตจากไข้เลือดออกกี่ราย", False),
    ("ก่อนหน้านี้ ในปี 2562 มีผู้ป่วยกี่ราย", False),
    # With no time of its own, "earlier" says which time is asked: kept.
    ("ก่อนหน้านี้มีผู้เสียชีวิตกี่ราย", True),
])
def test_an_opening_earlier_before_a_named_time(question: str, kept: bool) -> None:
    assert ("ก่อนหน้า" in without_asking_phrases(question)) is kept


def test_the_named_year_is_answered(make_app: Any, tmp_path: Path) -> None:
    ans = ask_over(make_app, tmp_path, [DENGUE, LATER, *FILLERS],
                   "ก่อนหน้านี้ปี 2562 มีผู้เสียชีวิตจากไข้เลือดออกกี่ราย")
    lead = ans.point.partition(" — ")[0]
    assert "40" not in lead and "70,000" not in lead, ans.point
