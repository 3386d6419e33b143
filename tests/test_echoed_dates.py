"""A whole date the question writes (its premise's day) is not the date it asks for."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from releases import FILLERS, ask_over, news

from bot.answering.echoed_date import echoed_date, stated_days

#: https://www.thaigov.go.th/news/contents/details/66115 (its text up to the minister's
#: closing remarks): the cabinet's day and the day of the resolution it reviewed.
REVIEW = news(
    66115, "การปรับปรุงหลักเกณฑ์การดำเนินโครงการให้ความช่วยเหลือทางการเงินแก่ผู้ประกอบกิจการใน "
    "3 จังหวัดชายแดนภาคใต้",
    "เมื่อวันที่ 14 มีนาคม 2566 "
    "คณะรัฐมนตรีได้มีมติเห็นชอบการทบทวนมติคณะรัฐมนตรีเมื่อวันที่ 20 ธันวาคม 2565 "
    "เพื่อปรับปรุงหลักเกณฑ์การดำเนินโครงการให้ความช่วยเหลือทางการเงินแก่ผู้ประกอบกิจการใน "
    "3 จังหวัดชายแดนภาคใต้ (ปรับปรุงใหม่) ของธนาคารออมสิน\n"
    "นายอาคม เติมพิทยาไพสิฐ รัฐมนตรีว่าการกระทรวงการคลัง เปิดเผยว่า เมื่อวันที่ 14 มีนาคม "
    "2566 คณะรัฐมนตรีได้มีมติเห็นชอบการทบทวนมติคณะรัฐมนตรีเมื่อวันที่ 20 ธันวาคม 2565 "
    "เพื่อปรับปรุงหลักเกณฑ์การดำเนินโครงการให้ความช่วยเหลือทางการเงินแก่ผู้ประกอบกิจการใน "
    "3 จังหวัดชายแดนภาคใต้ (ปรับปรุงใหม่) ของธนาคารออมสิน โดยมีรายละเอียด ดังนี้\n"
    "1) "
    "ปรับปรุงคุณสมบัติของผู้ขอสินเชื่อจากเดิมที่กำหนดให้สินเชื่อแก่ผู้ประกอบการรายใหม่"
    "ที่ไม่เคยได้รับสินเชื่อจากโครงการเดิมที่สิ้นสุดระยะเวลาไปแล้วเมื่อวันที่ "
    "31 ธันวาคม 2565 หรือเป็นผู้ที่เคยได้รับสินเชื่อจากโครงการดังกล่าวเป็นระยะเวลาไม่เกิน "
    "5 ปี "
    "เป็นสามารถให้สินเชื่อแก่ผู้ประกอบการรายใหม่หรือผู้ประกอบการที่เคยได้รับสินเชื่อตามโครงการเดิม "
    "ที่มีความประสงค์เข้าร่วมโครงการ ทั้งนี้ "
    "เพื่อเป็นการเสริมสภาพคล่องและแบ่งเบาภาระในช่วงระหว่างวางแผนบริหารจัดการทางการเงินในการชำระคืนสินเชื่อของโครงการเดิม\n"
    "2) ขยายระยะเวลาเบิกจ่ายสินเชื่อจาก 30 มิถุนายน 2566 "
    "เป็นให้ธนาคารออมสินเบิกจ่ายสินเชื่อให้แล้วเสร็จภายในวันที่ 31 ธันวาคม 2567 "
    "เพื่อให้ผู้ประกอบการมีระยะเวลาเตรียมความพร้อมในการขอสินเชื่อ",
    "2023-03-14")


def test_the_days_a_question_writes() -> None:
    assert {d.isoformat() for d in stated_days("ครม. เมื่อ 14 มี.ค. 66 ทบทวนมติ ครม. ลงวันที่เท่าไร")} \
        == {"2023-03-14"}
    assert stated_days("มติ ครม. ลงวันที่เท่าไร") == frozenset()


@pytest.mark.parametrize(("value", "echoed"), [
    ("14 มีนาคม 2566", True),  # the question's own day, written in full
    ("20 ธันวาคม 2565", False),
    ("31 ธันวาคม 2567", False),
])
def test_a_date_the_question_writes_is_echoed(value: str, echoed: bool) -> None:
    text = REVIEW["text"]
    question = "ครม. เมื่อ 14 มี.ค. 66 เห็นชอบทบทวนมติ ครม. วันใด"
    assert echoed_date(text, text.index(value), question) is echoed
    assert not echoed_date(text, text.index(value), "ครม. ทบทวนมติ ครม. วันใด")


def test_a_day_without_its_year_is_left_to_the_model() -> None:
    text = "เมื่อวันที่ 14 มีนาคม คณะรัฐมนตรีได้มีมติ"
    assert not echoed_date(text, text.index("14"), "ครม. เมื่อ 14 มี.ค. 66 มีมติเมื่อไร")


def test_the_premise_s_day_does_not_lead_a_date_question(make_app: Any, tmp_path: Path) -> None:
    ans = ask_over(make_app, tmp_path, [REVIEW, *FILLERS],
                   "ตามมติ ครม. เมื่อ 14 มี.ค. 66 ธนาคารออมสินต้องเบิกจ่ายสินเชื่อให้แล้วเสร็จภายในวันที่เท่าไร")
    assert not ans.point.startswith("14 มีนาคม"), ans.point
    assert not ans.found or ans.point.startswith("31 ธันวาคม 2567"), ans.point


def test_a_date_question_s_premise_day_sets_no_year_on_the_date_asked() -> None:
    from bot.answering.constraints import demand_of
    from bot.answering.echoed_date import without_whole_dates
    from bot.answering.question import analyse_question, question_frame

    premise = "ครม. 7 พ.ย. 66 อนุมัติหลักการให้แบ่งจ่ายเงินเดือนข้าราชการเป็น 2 รอบ มีผลตั้งแต่วันที่เท่าไร"
    assert "66" not in without_whole_dates(premise)
    assert without_whole_dates("ปี 2566 ครม. อนุมัติเมื่อวันที่เท่าไร") == \
        "ปี 2566 ครม. อนุมัติเมื่อวันที่เท่าไร"
    for question, years in ((premise, ()), ("ปี 2566 ครม. อนุมัติเมื่อวันที่เท่าไร", (2566,)),
                            ("ครม. 7 พ.ย. 66 อนุมัติให้ยืมเงินกี่บาท", (2566,))):
        demand = demand_of(question, analyse_question(question), question_frame(question))
        assert tuple(v for k, v in demand.qualifiers if k == "year") == years, question
