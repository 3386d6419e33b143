"""Wrong values under a real citation, part 2: a value's own role and the asked period.

Kinds (bot/answering/siblings.py, bot/answering/qualifiers.py), each read from short
releases written for the test: another status's count (recovered for new cases),
another bond's term, a quarter's figure for the year's, a range's start for a closing
date, an appointment's effective date for the first day in office, a ranked item for a
total, a target for what was done, a margin for a level, the year written "ปีงบ 2567"
and the month a question names with its year ("เม.ย. 67").
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from releases import ask_over, assert_leads, news

from bot.answering.qualifiers import qualifiers_of
from bot.answering.siblings import (
    asked_country,
    asked_event,
    asked_status,
    difference,
    other_country,
    other_event,
    other_status,
    press_venue,
    ranked_item,
    requirement,
)


def _news(n: int, title: str, text: str, date: str = "2024-03-01") -> dict[str, str]:
    return news(n, title, text, date, site="https://example.go.th/news2")


# -- the asked qualifiers: "ปีงบ 2567", a bond's term, a month with its year -----------------

@pytest.mark.parametrize(("question", "named"), [
    ("สคร. จัดเก็บเงินนำส่งรายได้แผ่นดิน ไตรมาส 2 ปีงบ 2567 เท่าไร",
     (("quarter", 2), ("year", 2567))),
    ("พันธบัตรออมทรัพย์รุ่นอายุ 10 ปี ดอกเบี้ยเท่าไร", (("term", 10),)),
    ("หนี้นอกระบบไกล่เกลี่ยสำเร็จกี่ราย เม.ย. 67", (("month", 4), ("year", 2567))),
    ("เป้าหมายฉีดวัคซีนกี่ล้านโดสต่อเดือน (มี.ค. 2564)", (("month", 3), ("year", 2564))),
    # A date's month is no month asked for: the day says which figure.
    ("ผู้ติดเชื้อรายใหม่ 12 มีนาคม 2565 กี่ราย", (("year", 2565),)),
])
def test_the_asked_qualifiers(question: str, named: tuple[Any, ...]) -> None:
    assert qualifiers_of(question) == named


BONDS = _news(1, "กระทรวงการคลังจำหน่ายพันธบัตรออมทรัพย์สมมุติ",
              "กระทรวงการคลังจำหน่ายพันธบัตรออมทรัพย์สมมุติ 2 รุ่น รุ่นอายุ 3 ปี รับดอกเบี้ยคงที่ "
              "2.50% ต่อปี และรุ่นอายุ 7 ปี รับดอกเบี้ยคงที่ 3.10% ต่อปี ระหว่างวันที่ 6-19 มี.ค.",
              "2024-02-22")


@pytest.mark.parametrize(("question", "lead"), [
    ("พันธบัตรออมทรัพย์สมมุติ รุ่นอายุ 7 ปี ดอกเบี้ยเท่าไร (มี.ค. 2567)", "3.10%"),
    ("พันธบัตรออมทรัพย์สมมุติ รุ่นอายุ 3 ปี ดอกเบี้ยเท่าไร", "2.50%"),
])
def test_a_bonds_rate_is_its_own_terms(make_app: Any, tmp_path: Path, question: str,
                                       lead: str) -> None:
    assert_leads(ask_over(make_app, tmp_path, [BONDS], question), lead)


PROFIT = _news(2, "ธนาคารสมมุติเผยผลประกอบการปี 2565",
               "ธนาคารสมมุติมีกำไรสุทธิปี 2565 เท่ากับ 12,345 ล้านบาท เพิ่มขึ้นร้อยละ 21 จากปีที่ผ่านมา "
               "และกำไรไตรมาส 4 ปี 2565 เพิ่มขึ้นร้อยละ 48 จากช่วงเดียวกันของปีที่ผ่านมา", "2023-01-21")


def test_a_quarters_figure_is_not_the_years(make_app: Any, tmp_path: Path) -> None:
    ans = ask_over(make_app, tmp_path, [PROFIT], "กำไรสุทธิธนาคารสมมุติปี 65 เพิ่มขึ้นร้อยละเท่าไร")
    assert_leads(ans, "ร้อยละ 21")


DEBT = [
    _news(3, "ปลัดกระทรวงเผยความคืบหน้าการไกล่เกลี่ยหนี้สมมุติ",
          "ปลัดกระทรวงเปิดเผยว่า มีผู้เข้าสู่กระบวนการไกล่เกลี่ยหนี้สมมุติแล้ว ไกล่เกลี่ยสำเร็จ "
          "4,321 ราย", "2024-02-05"),
]


@pytest.mark.parametrize(("question", "lead"), [
    # A February release's figure is no April figure.
    ("หนี้สมมุติไกล่เกลี่ยสำเร็จกี่ราย เม.ย. 67", None),
    ("หนี้สมมุติไกล่เกลี่ยสำเร็จกี่ราย ก.พ. 67", "4,321 ราย"),
])
def test_a_month_asked_is_the_releases_month(make_app: Any, tmp_path: Path, question: str,
                                             lead: str | None) -> None:
    assert_leads(ask_over(make_app, tmp_path, DEBT, question), lead)


# -- a value's own role ----------------------------------------------------------------------

def test_the_role_readers() -> None:
    covid = ("วันนี้หายป่วยกลับบ้าน 21,000 ราย เสียชีวิต 50 ราย ขณะที่ ผู้ติดเชื้อรายใหม่วันนี้ "
             "รวม 24,000 ราย")
    assert asked_status("ผู้ติดเชื้อโควิด-19 รายใหม่ 12 มีนาคม 2565 กี่ราย") == "new"
    assert other_status(covid, covid.index("21,000"), "new")
    assert other_status(covid, covid.index("50 ราย"), "new")
    assert not other_status(covid, covid.index("24,000"), "new")
    assert other_status(covid, covid.index("24,000"), "dead")

    course = "การอบรมได้ดำเนินการมาตั้งแต่วันที่ 28 เมษายน จนถึง 29 สิงหาคม 2568 รวม 18 สัปดาห์"
    assert asked_event("พิธีปิดอบรมหลักสูตรนายอำเภอ จัดวันที่เท่าไร") == "close"
    assert other_event(course, course.index("28 เมษายน"), "close")
    assert not other_event(course, course.index("29 สิงหาคม"), "close")
    assert not other_event(course, course.index("28 เมษายน"), "start")
    office = "ได้รับโปรดเกล้าฯ เป็นผู้ว่าราชการจังหวัด มีผลตั้งแต่วันที่ 17 พ.ย.2567"
    assert asked_event("ผู้ว่าฯ คนใหม่ เข้ารับหน้าที่วันแรกวันที่เท่าไร") == "office"
    assert other_event(office, office.index("17 พ.ย."), "office")
    assert not other_event(office, office.index("17 พ.ย."), "effective")

    ranking = ("มีหน่วยเหลือขายทั้งสิ้น 170,180 หน่วย ทำเลที่เหลือขายสูงสุด 3 อันดับแรก คือ "
               "ห้วยขวาง 9,751 หน่วย รองลงมาคือ บางนา 7,669 หน่วย")
    assert not ranked_item(ranking, ranking.index("170,180"))
    assert ranked_item(ranking, ranking.index("9,751"))
    assert ranked_item(ranking, ranking.index("7,669"))

    target = ("ในปีงบประมาณ 2567 สคร. มีเป้าหมายในการจัดเก็บเงินนำส่งรายได้แผ่นดินจากรัฐวิสาหกิจ"
              "ที่ถือหุ้นต่ำกว่าร้อยละ 50 จำนวน 175,000 ล้านบาท โดยไตรมาสที่ 2 สคร. สามารถจัดเก็บได้ "
              "81,859 ล้านบาท คิดเป็นร้อยละ 47 ของเป้าหมายการจัดเก็บ")
    assert requirement(target, target.index("175,000"))
    assert not requirement(target, target.index("81,859"))
    assert not requirement(target, target.index("175,000"), clause=False)
    sdg = "เพื่อบรรลุเป้าหมายการพัฒนาที่ยั่งยืน (SDGs) ผ่านแนวคิด 5 กิจกรรม"
    assert not requirement(sdg, sdg.index("5 กิจกรรม"))
    ball = ("ให้ลูกเข้าไปใกล้ลูกเป้าหมายสีขาวให้มากที่สุดภายในเวลาที่กำหนดบนพื้นสนามเรียบ "
            "โดยฝ่ายใดที่มีบอลใกล้ลูกเป้าหมายมากกว่าจะเป็นฝ่ายชนะ) หมากรุกสากล ฟุตบอล CP (ฟุตบอล 7 คน")
    assert not requirement(ball, ball.index("7 คน"))
    assert not ranked_item(ball, ball.index("7 คน"))
    assert not difference(ball, ball.index("7 คน"), ball.index("7 คน") + 4)
    done = "มีเป้าหมาย 100 ราย และดำเนินการแล้ว 50 ราย"
    assert requirement(done, done.index("100"))
    assert not requirement(done, done.index("50 ราย"))

    margin = ("จัดเก็บได้ 81,859 ล้านบาท สูงกว่าประมาณการสะสมจำนวน 6,331 ล้านบาท ลดลงจากไตรมาสก่อน "
              "3,742 หน่วย มีผู้เข้าร่วมมากกว่า 100 คน เพิ่มขึ้นร้อยละ 5")
    assert not difference(margin, margin.index("81,859"), margin.index("81,859") + 6)
    assert difference(margin, margin.index("6,331"), margin.index("6,331") + 5)
    assert difference(margin, margin.index("3,742"), margin.index("3,742") + 5)
    assert not difference(margin, margin.index("100 คน"), margin.index("100 คน") + 3)
    assert not difference(margin, margin.index("5", margin.index("ร้อยละ")),
                          margin.index("5", margin.index("ร้อยละ")) + 1)


ROLES = [
    _news(4, "สถานการณ์โควิด-19 วันนี้",
          "วันนี้หายป่วยกลับบ้าน 21,371 ราย หายป่วยสะสม 742,953 ราย ผู้ป่วยกำลังรักษา 226,151 ราย "
          "ขณะที่ ผู้ติดเชื้อโควิด-19 รายใหม่วันนี้ รวม 24,592 ราย", "2022-03-12"),
    _news(5, "ผู้ว่าราชการจังหวัดสมมุติคนใหม่เข้ารับหน้าที่วันแรก",
          "นายสมมุติ ใจดี ได้รับโปรดเกล้าฯ ให้ดำรงตำแหน่งผู้ว่าราชการจังหวัดสมมุติ มีผลตั้งแต่วันที่ "
          "17 พ.ย.2567 และเข้ารับหน้าที่วันแรกเมื่อวันที่ 21 พ.ย.2567 ณ ศาลากลางจังหวัด",
          "2024-11-21"),
    _news(6, "ปิดการอบรมหลักสูตรปลัดสมมุติ",
          "วันนี้ รัฐมนตรีเป็นประธานในพิธีปิดการอบรมหลักสูตรปลัดสมมุติ ซึ่งได้ดำเนินการมาตั้งแต่วันที่ "
          "28 เมษายน จนถึง 29 สิงหาคม 2568 มีผู้สำเร็จการศึกษา 315 คน", "2025-08-29"),
]


@pytest.mark.parametrize(("question", "lead"), [
    ("ผู้ติดเชื้อโควิด-19 รายใหม่ 12 มีนาคม 2565 กี่ราย", "24,592 ราย"),
    ("ผู้ว่าฯ จังหวัดสมมุติคนใหม่ เข้ารับหน้าที่วันแรกวันที่เท่าไร", "21 พ.ย.2567"),
    ("พิธีปิดอบรมหลักสูตรปลัดสมมุติจัดวันที่เท่าไร", "29 สิงหาคม 2568"),
])
def test_a_values_own_role_is_the_asked_one(make_app: Any, tmp_path: Path, question: str,
                                            lead: str) -> None:
    assert_leads(ask_over(make_app, tmp_path, ROLES, question), lead)


FAIR = _news(7, "รัฐมนตรีแถลงข่าวการจัดงานมหกรรมผ้าไหมสมมุติ",
             "วันนี้ รัฐมนตรีแถลงข่าวการจัดงาน “มหกรรมผ้าไหมสมมุติ 2024” ณ ห้องประชุมใหญ่ ชั้น 5 "
             "โรงแรมสมมุติ กรุงเทพฯ พร้อมชวนคนไทยร่วมเที่ยวชมงาน 29 พฤศจิกายน – 2 ธันวาคม 67 "
             "ณ ศูนย์แสดงสินค้าสมมุติ เมืองทองธานี", "2024-11-26")


def test_an_events_venue_is_not_its_press_conferences(make_app: Any, tmp_path: Path) -> None:
    text = FAIR["text"]
    assert press_venue(text, text.index("ณ ห้องประชุม"))
    assert not press_venue(text, text.index("ณ ศูนย์แสดงสินค้า"))
    ans = ask_over(make_app, tmp_path, [FAIR], "มหกรรมผ้าไหมสมมุติ 2024 จัดที่ไหน")
    assert_leads(ans, "ศูนย์แสดงสินค้าสมมุติ")


AGEING = _news(8, "สรุปข่าวการประชุมคณะรัฐมนตรีสมมุติ",
               "สถานการณ์ผู้สูงอายุโลก - อาเซียนมีประชากรสูงอายุ 70 ล้านคน หรือคิดเป็นร้อยละ 11 "
               "ของประชากรอาเซียน - ญี่ปุ่นเป็นประเทศที่มีอัตราผู้สูงอายุสูงสุดในโลก คิดเป็นร้อยละ 34 "
               "จากประชากรทั้งหมด 127 ล้านคน", "2021-03-30")


def test_another_countrys_value_does_not_lead(make_app: Any, tmp_path: Path) -> None:
    assert asked_country("ประชากรของประเทศญี่ปุ่นมีกี่คน") == "ญี่ปุ่น"
    assert asked_country("ประเทศไทยมีผู้สูงอายุกี่คน") is None
    text = AGEING["text"]
    assert other_country(text, text.index("70 ล้าน"), "ญี่ปุ่น")
    assert not other_country(text, text.index("127 ล้าน"), "ญี่ปุ่น")
    assert not other_country(text, text.index("70 ล้าน"), "อินเดีย")  # not named: left alone
    ans = ask_over(make_app, tmp_path, [AGEING], "ประชากรของประเทศญี่ปุ่นมีกี่คน")
    assert not ans.found or ans.point.startswith("127 ล้านคน"), ans.point


LOTTERY = _news(9, "กระทรวงสมมุติมอบรางวัลสลากกาชาดสมมุติ",
                "กระทรวงสมมุติได้มอบรางวัลสลากกาชาดสมมุติ ปี 2563 ให้แก่ผู้โชคดีที่ถูกรางวัลที่ 1 "
                "หมายเลขสลาก 59826 “รถยนต์นั่งส่วนบุคคล” มูลค่า 549,000 บาท", "2021-01-28")


def test_a_number_asked_is_a_number(make_app: Any, tmp_path: Path) -> None:
    ans = ask_over(make_app, tmp_path, [LOTTERY], "สลากกาชาดสมมุติ ปี 2563 รางวัลที่ 1 หมายเลขอะไร")
    assert not ans.found or "59826" in ans.point.split("—")[0], ans.point
    assert ans.found
