"""A festival's count is answered for the year asked and for the whole festival: not from a
release of another year that names the asked one only as a comparison, nor with one
province's, one day's or one cause's count (a tester's wrong values, issue "values29")."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from releases import FILLERS, ask_over, news

from bot.answering.qualifiers import _found, title_festival, title_year
from bot.answering.subcounts import asked_parts, sub_count, title_part

_OTHERS = FILLERS
#: New Year 2568's second day, which compares itself with New Year 2567's.
_NEW_YEAR_2568 = news(
    1, "ผู้ตรวจราชการกระทรวงคมนาคม แถลงผลการป้องกันและลดอุบัติเหตุทางถนนช่วงเทศกาลปีใหม่ 2568 "
       "วันที่ 2 ของช่วงควบคุมเข้มข้น (28 ธันวาคม 2567)",
    "เกิดอุบัติเหตุทางถนน 30 ครั้ง ส่วนผู้เสียชีวิตมีจำนวน 38 ราย ลดลง 11.63% เมื่อเทียบกับ"
    "วันที่ 2 ของช่วงการควบคุมเข้มข้นช่วงเทศกาลปีใหม่ 2567", "2024-12-29")
#: New Year 2567's own figure.
_NEW_YEAR_2567 = news(
    2, "นายกฯ พอใจภาพรวมอุบัติเหตุทางถนนช่วงเทศกาลปีใหม่ลดลง",
    "นายกรัฐมนตรีพอใจภาพรวมอุบัติเหตุทางถนนช่วงเทศกาลปีใหม่ที่ผ่านมา ผู้เสียชีวิต "
    "ลดลงจาก 218 ราย เหลือ 128 ราย ในปีนี้", "2024-01-02")
#: One province's first day of Songkran.
_ONE_PROVINCE = news(
    3, "ปลัดกระทรวงมหาดไทยตรวจเยี่ยมจุดตรวจช่วงเทศกาลสงกรานต์ 2567 ในพื้นที่จังหวัดพระนครศรีอยุธยา",
    "ผู้ว่าราชการจังหวัดพระนครศรีอยุธยา กล่าวว่า ข้อมูลอุบัติเหตุทางถนนช่วงเทศกาลสงกรานต์ พ.ศ. 2567 "
    "ของศูนย์ปฏิบัติการป้องกันและลดอุบัติเหตุทางถนนจังหวัดพระนครศรีอยุธยา ประจำวันที่ 11 เมษายน "
    "2567 (วันที่ 1) มีจำนวนผู้บาดเจ็บ 10 ราย จำนวนครั้งการเกิดอุบัติเหตุ 10 ครั้ง "
    "จำนวนผู้เสียชีวิต 1 ราย", "2024-04-12")
#: One cause's deaths.
_ONE_CAUSE = news(
    4, "สรุปอุบัติเหตุทางถนนช่วงเทศกาลสงกรานต์ 2567",
    "ช่วงเทศกาลสงกรานต์ 2567 ผู้เสียชีวิตมีมูลเหตุสันนิษฐานมาจากขับรถเร็วเกินกว่ากฎหมายกำหนด "
    "22 ราย โดยมีพฤติกรรมเสี่ยงที่สำคัญคือการไม่สวมหมวกนิรภัย", "2024-04-17")


def test_a_year_compared_with_is_no_period_of_the_figures() -> None:
    kinds = [k for _, k, _ in _found("ลดลง 11.63% เมื่อเทียบกับวันที่ 2 ของช่วงเทศกาลปีใหม่ 2567")]
    assert set(kinds) == {"compared"} and len(kinds) >= 2
    assert [v for _, k, v in _found("ช่วงเทศกาลปีใหม่ 2568 มีผู้เสียชีวิต") if k == "year"] == [2568]


def test_a_titles_day_is_no_period_beside_its_festivals_year() -> None:
    assert title_year(str(_NEW_YEAR_2568["title"])) == 2568


@pytest.mark.parametrize(("text", "parts", "part"), [
    (str(_ONE_PROVINCE["text"]), frozenset(), True),
    (str(_ONE_CAUSE["text"]), frozenset(), True),
    (str(_ONE_CAUSE["text"]), frozenset({"cause"}), False),
    ("ช่วงเทศกาลสงกรานต์ 2567 ทั้งประเทศมีผู้เสียชีวิตรวม 287 ราย", frozenset(), False),
])
def test_a_part_of_the_festival_is_told_from_the_whole(text: str, parts: frozenset[str],
                                                       part: bool) -> None:
    last = max(text.rfind("1 ราย"), text.rfind("22 ราย"), text.rfind("287 ราย"))
    assert sub_count(text, last, parts) is part


def test_a_release_of_one_day_states_that_days_figures() -> None:
    assert title_part(str(_NEW_YEAR_2568["title"]), frozenset())
    assert not title_part(str(_NEW_YEAR_2568["title"]), frozenset({"day"}))
    assert not title_part(str(_NEW_YEAR_2567["title"]), frozenset())


def test_a_question_names_its_part() -> None:
    assert asked_parts("ช่วงสงกรานต์ 2567 จังหวัดเชียงใหม่มีผู้เสียชีวิตกี่ราย") == {"province"}
    assert asked_parts("ช่วงเทศกาลสงกรานต์ 2567 มีผู้เสียชีวิตกี่ราย") == frozenset()


@pytest.mark.parametrize(("releases", "question", "allowed"), [
    ([_NEW_YEAR_2568], "ช่วงเทศกาลปีใหม่ 2567 มีผู้เสียชีวิตกี่ราย", None),
    ([_NEW_YEAR_2568, _NEW_YEAR_2567], "ช่วงเทศกาลปีใหม่ 2567 ผู้เสียชีวิตลดลงเหลือกี่ราย",
     "128 ราย"),
    ([_ONE_PROVINCE], "ช่วงเทศกาลสงกรานต์ 2567 มีผู้เสียชีวิตกี่ราย", None),
    ([_ONE_CAUSE], "ช่วงเทศกาลสงกรานต์ 2567 มีผู้เสียชีวิตกี่ราย", None),
    # The release of New Year 2568's second day: its figures are that day's.
    ([_NEW_YEAR_2568], "ช่วงเทศกาลปีใหม่ 2568 มีผู้เสียชีวิตกี่ราย", None),
])
def test_a_festivals_count_is_the_years_and_the_wholes(
        make_app: Callable[..., Any], tmp_path: Path, releases: list[dict[str, str]],
        question: str, allowed: str | None) -> None:
    ans = ask_over(make_app, tmp_path, [*releases, *_OTHERS], question)
    assert not ans.found or (allowed is not None and ans.point.startswith(allowed)), ans.point


#: A summary of New Year 2568, its period written in dates of 2567.
_SUMMARY_2568 = news(
    5, "สรุปผลการป้องกันและลดอุบัติเหตุทางถนนช่วงเทศกาลปีใหม่ 2568",
    "สถิติอุบัติเหตุทางถนนช่วงควบคุมเข้มข้น นับแต่วันที่ 27 ธันวาคม 2567 รวม 5 วัน "
    "เกิดอุบัติเหตุรวม 1,615 ครั้ง ผู้เสียชีวิตรวม 253 ราย", "2024-12-31")


def test_a_festivals_figures_are_its_years_whatever_year_their_dates_are() -> None:
    assert title_festival(str(_SUMMARY_2568["title"])) == 2568


@pytest.mark.parametrize(("question", "allowed"), [
    ("ช่วงเทศกาลปีใหม่ 2567 เกิดอุบัติเหตุกี่ครั้ง", None),
    ("ช่วงเทศกาลปีใหม่ 2568 เกิดอุบัติเหตุกี่ครั้ง", "1,615 ครั้ง"),
])
def test_a_festival_asked_is_the_titles_festival(
        make_app: Callable[..., Any], tmp_path: Path, question: str, allowed: str | None) -> None:
    ans = ask_over(make_app, tmp_path, [_SUMMARY_2568, *_OTHERS], question)
    assert not ans.found or (allowed is not None and ans.point.startswith(allowed)), ans.point
