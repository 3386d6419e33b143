"""A "which X" question is answered by an entity of that kind, a compound that merely starts
with the noun is none ("ธนาคารใด" → no "ธนาคารขยะ"), and a person's name is never cut at
the full stop of a title's abbreviation (a tester's wrong values, issue "values29")."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from releases import ask_over, news

from bot.answering.candidates import opens_with_name
from bot.answering.constraints import common_compound
from bot.answering.extent import whole_value

#: Releases about other things: rank-bm25's IDF needs a few documents.
_OTHERS = [
    news(90, "ผู้ว่าราชการจังหวัดน่านเปิดตลาดนัดชุมชน",
         "นายสมศักดิ์ ใจงาม ผู้ว่าราชการจังหวัดน่าน เปิดตลาดนัดชุมชนที่ลานวัฒนธรรม "
         "มีผู้ประกอบการร่วมจำหน่ายสินค้า 120 ราย", "2023-01-05"),
    news(91, "กรมการพัฒนาชุมชนจัดอบรมผ้าไทย",
         "กรมการพัฒนาชุมชนจัดอบรมการออกแบบผ้าไทยให้กลุ่มทอผ้า 45 กลุ่ม ที่จังหวัดสกลนคร",
         "2023-02-11"),
    news(92, "จังหวัดชัยนาทรณรงค์ปลูกป่า",
         "จังหวัดชัยนาทรณรงค์ปลูกต้นไม้ในวันต้นไม้ประจำปีแห่งชาติ มีผู้ร่วม 3,200 คน",
         "2023-03-20"),
]


@pytest.mark.parametrize(("head", "name", "compound"), [
    ("ธนาคาร", "ขยะ (Recycle Waste Bank)", True),
    ("ธนาคาร", "น้ำใต้ดิน", True),
    ("ธนาคาร", "อาหาร", True),
    ("บริษัท", "จำลอง", True),
    ("วัด", "ผลสัมฤทธิ์", True),
    ("จังหวัด", "ชายแดนภาคใต้", True),
    ("ธนาคาร", "กสิกรไทย", False),
    ("ธนาคาร", "ออมสิน", False),
    ("วัด", "พระธาตุดอยสุเทพ", False),
    ("จังหวัด", "ชัยนาท", False),
])
def test_a_common_compound_of_the_noun_is_no_name(head: str, name: str, compound: bool) -> None:
    assert common_compound(head, name) is compound


@pytest.mark.parametrize(("text", "question", "allowed"), [
    # The waste bank is the project; the bank that buys the credits is named after it.
    ("องค์การบริหารส่วนตำบลหนองบัวขับเคลื่อนโครงการธนาคารขยะ (Recycle Waste Bank) "
     "โดยคัดแยกขยะเปียกในครัวเรือน แปลงเป็นคาร์บอนเครดิตราคาตันละ 260 บาท "
     "มีธนาคารกสิกรไทยเป็นผู้นำการรับซื้อ",
     "ขยะเปียกได้รับการสนับสนุนรับซื้อคาร์บอนเครดิตจากธนาคารใด", ("ธนาคารกสิกรไทย",)),
    # Only community "banks" are named: no bank answers.
    ("ชุมชนบ้านหนองบัวตั้งธนาคารน้ำใต้ดินและธนาคารอาหารชุมชน เพื่อรับมือภัยแล้ง "
     "มีครัวเรือนร่วม 120 ครัวเรือน",
     "ชุมชนบ้านหนองบัวรับมือภัยแล้งร่วมกับธนาคารใด", ()),
    ("นักเรียนโรงเรียนบ้านหนองบัวตั้งบริษัทจำลองขายผ้าทอ มีกำไร 5,000 บาท "
     "ร่วมกับบริษัทสยามผ้าไทย จำกัด ที่รับซื้อผ้าทอทั้งหมด",
     "นักเรียนโรงเรียนบ้านหนองบัวขายผ้าทอให้บริษัทใด", ("บริษัทสยามผ้าไทย",)),
])
def test_which_x_is_answered_by_an_x(make_app: Callable[..., Any], tmp_path: Path, text: str,
                                     question: str, allowed: tuple[str, ...]) -> None:
    ans = ask_over(make_app, tmp_path, [news(1, "ข่าวชุมชน", text, "2024-02-02"), *_OTHERS],
                   question)
    assert not ans.found or ans.point.startswith(allowed), ans.point


@pytest.mark.parametrize(("text", "name"), [
    ("ศาสตราจารย์ ดร.ชูกิจ ลิมปิจำนงค์ เป็นผู้อำนวยการ", "ศาสตราจารย์ ดร.ชูกิจ ลิมปิจำนงค์"),
    ("ผศ.ดร.สมหญิง ใจงาม ผู้อำนวยการ", "ผศ.ดร.สมหญิง ใจงาม"),
    ("รศ. นพ.ประเสริฐ ทองดี เป็นคณบดี", "รศ. นพ.ประเสริฐ ทองดี"),
    ("ว่าที่ ร.ต.สมบัติ มีสุข นายอำเภอ", "ว่าที่ ร.ต.สมบัติ มีสุข"),
])
def test_a_person_runs_through_stacked_titles(text: str, name: str) -> None:
    assert opens_with_name(text, "person")
    a, b = whole_value(text, text.index(name.split()[-1]) - 1, len(name))
    assert text[:b].startswith(name) and a == 0, text[a:b]
    assert not opens_with_name(name.split(".")[0], "person")  # "ศาสตราจารย์ ดร": a title


@pytest.mark.parametrize("title", ["ศาสตราจารย์ ดร.", "ผศ.ดร.", "รศ. นพ.", "ว่าที่ ร.ต."])
def test_a_person_lead_is_never_cut_at_a_titles_stop(
        make_app: Callable[..., Any], tmp_path: Path, title: str) -> None:
    text = (f"คณะรัฐมนตรี (ครม.) มีมติเห็นชอบ แต่งตั้ง {title}ชูกิจ ลิมปิจำนงค์ "
            "เป็นผู้อำนวยการสำนักงานพัฒนาวิทยาศาสตร์และเทคโนโลยีแห่งชาติ (สวทช.) คนใหม่ "
            "ตามที่กระทรวง อว. เสนอ โดยมีวาระการดำรงตำแหน่ง 3 ปี")
    ans = ask_over(make_app, tmp_path, [news(1, "เปิดตัวผู้อำนวยการ สวทช. คนที่ 6", text,
                                             "2022-09-07"), *_OTHERS],
                   "ผู้อำนวยการ สวทช. คนใหม่ ที่ ครม. แต่งตั้งเมื่อปี 2565 ชื่ออะไร")
    assert not ans.found or ans.point.startswith(f"{title}ชูกิจ ลิมปิจำนงค์"), ans.point
