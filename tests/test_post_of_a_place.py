"""A post bound to a place is that place's: the governor of Tokyo is not a Thai province's
governor a release names beside a Tokyo news agency, and a transfer list's "นาย ก
ผู้ว่าราชการจังหวัด X เป็นผู้ว่าราชการจังหวัด Y" makes นาย ก Y's holder, not X's (issue
"post29")."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from releases import ask_over, assert_leads, news

from bot.answering import Answerer
from bot.answering.constraints import demand_of, post_follows
from bot.answering.posts import moved_to
from bot.answering.question import question_frame

#: Releases about other things: rank-bm25's IDF needs a few documents.
_OTHERS = [
    news(90, "กรมการพัฒนาชุมชนจัดอบรมผ้าไทย",
         "กรมการพัฒนาชุมชนจัดอบรมการออกแบบผ้าไทยให้กลุ่มทอผ้า 45 กลุ่ม ที่จังหวัดสกลนคร",
         "2023-02-11"),
    news(91, "จังหวัดชัยนาทรณรงค์คัดแยกขยะ",
         "จังหวัดชัยนาทรณรงค์คัดแยกขยะในครัวเรือน มีครัวเรือนเข้าร่วม 3,200 ครัวเรือน",
         "2023-03-20"),
    news(92, "กระทรวงมหาดไทยประชุมติดตามภัยแล้ง",
         "กระทรวงมหาดไทยประชุมติดตามสถานการณ์ภัยแล้ง มีหน่วยงานเข้าร่วม 30 หน่วยงาน",
         "2023-04-02"),
]

#: A Thai governor named beside a Tokyo news agency.
_TOKYO = news(
    1, "นครศรีธรรมราชต้อนรับสื่อมวลชนญี่ปุ่น",
    "นายอภินันท์ เผือกผ่อง ผู้ว่าราชการจังหวัดนครศรีธรรมราช ให้การต้อนรับคณะผู้สื่อข่าว"
    "สำนักข่าวเกียวโดจากกรุงโตเกียว ประเทศญี่ปุ่น ที่เดินทางมาทำข่าวการท่องเที่ยวเมืองรอง",
    "2024-05-02")
#: A transfer list: the governor of Mae Hong Son moves to Pathum Thani, another to Mae Hong Son.
_TRANSFERS = news(
    2, "ครม. เห็นชอบแต่งตั้งโยกย้ายผู้ว่าราชการจังหวัด",
    "ที่ประชุมคณะรัฐมนตรีมีมติเห็นชอบแต่งตั้งโยกย้ายผู้ว่าราชการจังหวัด ดังนี้ "
    "1.นายสมชาย ใจดี ผู้ว่าราชการจังหวัดแม่ฮ่องสอน เป็นผู้ว่าราชการจังหวัดปทุมธานี "
    "2.นางสาวสุดา รักดี ผู้ว่าราชการจังหวัดนครสวรรค์ เป็นผู้ว่าราชการจังหวัดแม่ฮ่องสอน "
    "3.นายวิชัย มั่นคง ผู้ว่าราชการจังหวัดตาก มาเป็นผู้ตรวจราชการกระทรวง",
    "2025-08-19")
#: Only the list, the governor moved away named first.
_MOVED_AWAY = news(
    3, "ครม. เห็นชอบแต่งตั้งผู้ตรวจราชการกระทรวง",
    "ที่ประชุมคณะรัฐมนตรีมีมติเห็นชอบแต่งตั้งข้าราชการ ดังนี้ "
    "1.นายวิชัย มั่นคง ผู้ว่าราชการจังหวัดตาก เป็นผู้ตรวจราชการกระทรวง "
    "2.นายปกรณ์ ศรีสุข ผู้ตรวจราชการกระทรวง เป็นรองปลัดกระทรวง",
    "2025-08-19")
#: A mayor of a municipality named with the city's full name, and another city's mayor.
_MAYORS = news(
    4, "นายกเทศมนตรีร่วมประชุมเมืองน่าอยู่",
    "นายประเสริฐ บุญชัยสุข นายกเทศมนตรีนครขอนแก่น และนายสมชาย อยู่เย็น นายกเทศมนตรีนครอุดรธานี "
    "ร่วมประชุมเครือข่ายเมืองน่าอยู่ มีเทศบาลเข้าร่วม 40 แห่ง", "2024-06-10")


@pytest.mark.parametrize(("question", "place"), [
    ("ผู้ว่าราชการจังหวัดโตเกียวคือใคร", "โตเกียว"),
    ("ใคร ผู้ว่าราชการจังหวัด ผู้ว่าฯ โตเกียว tokyo", "โตเกียว"),
    ("ผู้ว่าเชียงรายคือใคร", "เชียงราย"),
    ("ใคร นายกเทศมนตรี นครราชสีมา จังหวัดนครราชสีมา", "นครราชสีมา"),
    ("ใครเป็นนายอำเภอ แม่สาย", "แม่สาย"),
    ("ผู้ว่าราชการจังหวัดคนปัจจุบันคือใคร", ""),
    ("ใครเป็นผู้ว่าราชการจังหวัดในปี 2567", ""),
])
def test_the_place_a_post_is_bound_to_is_read(question: str, place: str) -> None:
    q, info = Answerer.prepare(question)
    demand = demand_of(q.casefold(), info, question_frame(q.casefold()))
    assert demand.role is not None
    assert demand.place == place


@pytest.mark.parametrize("question", [
    "Who is the current governor of Tokyo?",
    "Who is the governor of Tokyo?",
    "ผู้ว่าราชการจังหวัดโตเกียวคือใคร",
    "ผู้ว่าฯ โตเกียวคือใคร",
])
def test_a_governor_of_another_place_is_no_answer(
        make_app: Callable[..., Any], tmp_path: Path, question: str) -> None:
    ans = ask_over(make_app, tmp_path, [_TOKYO, *_OTHERS], question)
    assert_leads(ans, None)


@pytest.mark.parametrize(("question", "lead"), [
    ("ผู้ว่าราชการจังหวัดแม่ฮ่องสอนคือใคร", "นางสาวสุดา รักดี"),
    ("Who is the governor of Mae Hong Son?", "นางสาวสุดา รักดี"),
    ("ผู้ว่าราชการจังหวัดปทุมธานีคือใคร", "นายสมชาย ใจดี"),
])
def test_a_transfer_list_names_the_holder_moved_to_the_post(
        make_app: Callable[..., Any], tmp_path: Path, question: str, lead: str) -> None:
    ans = ask_over(make_app, tmp_path, [_TRANSFERS, *_OTHERS], question)
    assert_leads(ans, lead)


@pytest.mark.parametrize("question", [
    "ผู้ว่าราชการจังหวัดตากคือใคร",
    "Who is the governor of Tak?",
])
def test_the_holder_moved_away_is_no_answer(
        make_app: Callable[..., Any], tmp_path: Path, question: str) -> None:
    ans = ask_over(make_app, tmp_path, [_MOVED_AWAY, *_OTHERS], question)
    assert_leads(ans, None)


@pytest.mark.parametrize(("question", "lead"), [
    ("นายกเทศมนตรีขอนแก่นคือใคร", "นายประเสริฐ บุญชัยสุข"),
    # The municipality's kind written with its city, a space before the asking words.
    ("นายกเทศมนตรีนครขอนแก่น คือใคร", "นายประเสริฐ บุญชัยสุข"),
    ("นายกเทศมนตรีนครขอนแก่นคือใคร", "นายประเสริฐ บุญชัยสุข"),
    ("นายกเทศมนตรีนครขอนแก่นชื่ออะไร", "นายประเสริฐ บุญชัยสุข"),
    ("ใครเป็นนายกเทศมนตรีนครขอนแก่น", "นายประเสริฐ บุญชัยสุข"),
    ("นายกเทศมนตรีนครอุดรธานี คือใคร", "นายสมชาย อยู่เย็น"),
    ("Who is the mayor of Khon Kaen?", "นายประเสริฐ บุญชัยสุข"),
    ("นายกเทศมนตรีเชียงใหม่คือใคร", None),
    ("Who is the mayor of Chiang Mai?", None),
])
def test_a_mayor_is_the_named_citys(
        make_app: Callable[..., Any], tmp_path: Path, question: str, lead: str | None) -> None:
    ans = ask_over(make_app, tmp_path, [_MAYORS, *_OTHERS], question)
    assert_leads(ans, lead)


def test_a_move_after_a_post_is_read() -> None:
    text = "1.นายสมชาย ใจดี ผู้ว่าราชการจังหวัดแม่ฮ่องสอน เป็นผู้ว่าราชการจังหวัดปทุมธานี 2.นาย"
    end = text.index(" เป็น")
    assert moved_to(text, end) == text.index("ผู้ว่าราชการจังหวัดปทุมธานี")
    assert not post_follows(text, 2, end, "ผู้ว่าราชการจังหวัดแม่ฮ่องสอน")
    # A governor who chairs an event keeps the post.
    chair = "นายสมชาย ใจดี ผู้ว่าราชการจังหวัดแม่ฮ่องสอน เป็นประธานเปิดงาน"
    assert moved_to(chair, chair.index(" เป็น")) is None
    assert post_follows(chair, 0, chair.index(" เป็น"), "ผู้ว่าราชการจังหวัดแม่ฮ่องสอน")


def test_the_holder_moved_away_held_the_post_in_the_lists_month(
        make_app: Callable[..., Any], tmp_path: Path) -> None:
    # Of the list's month, the post was still theirs until its day.
    ans = ask_over(make_app, tmp_path, [_MOVED_AWAY, *_OTHERS],
                   "ผู้ว่าราชการจังหวัดตาก เมื่อสิงหาคม 2568 คือใคร")
    assert_leads(ans, "นายวิชัย มั่นคง")


#: A move written "จาก ... ไปเป็น ...", the only governor's post the release names.
_FROM_TO = news(
    5, "มหาดไทยย้ายผู้ว่าราชการจังหวัด",
    "กระทรวงมหาดไทยมีคำสั่งย้าย นายธนา สุขสม จากผู้ว่าราชการจังหวัดสตูล ไปเป็นผู้ว่าราชการจังหวัด"
    "ตรัง มีผลตั้งแต่วันที่ 1 ตุลาคม 2568", "2025-09-20")


@pytest.mark.parametrize(("question", "lead"), [
    ("ผู้ว่าราชการจังหวัดตรังคือใคร", "นายธนา สุขสม"),
    ("ผู้ว่าราชการจังหวัดสตูลคือใคร", None),
    ("Who is the governor of Satun?", None),
])
def test_a_move_from_one_post_to_another_is_read_both_ways(
        make_app: Callable[..., Any], tmp_path: Path, question: str, lead: str | None) -> None:
    ans = ask_over(make_app, tmp_path, [_FROM_TO, *_OTHERS], question)
    assert_leads(ans, lead)
