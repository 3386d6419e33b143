"""Wrong values under a real citation: the passage holds the asked value beside its siblings.

Each kind (bot/answering/siblings.py, bot/answering/qualifiers.py, the receiver and chair
masks of bot/answering/constraints.py, the stated units of bot/answering/confirm.py) is
read from short releases written for the test.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from releases import app_over, ask_over, assert_leads, news

from bot.answering import Answerer
from bot.answering.constraints import demand_of, demanded
from bot.answering.qualifiers import qualifiers_of, title_day
from bot.answering.question import question_frame
from bot.answering.reading import span_rows
from bot.answering.siblings import (
    asked_event,
    asked_places,
    asked_rank,
    contradicted_premise,
    opposite_rank,
    other_day,
    other_event,
    other_place,
    part_of_total,
    replaced_value,
    requirement,
)

_news = news


# -- the asked day of a running series, year and reading -----------------------------------

@pytest.mark.parametrize(("question", "named"), [
    ("ลงทะเบียนแก้หนี้ครบ 20 วัน มีผู้ลงทะเบียนกี่ราย", (("day", 20),)),
    ("ครบ 2 สัปดาห์ ลงทะเบียนแก้หนี้กี่ราย", (("day", 14),)),
    ("ลงทะเบียนแก้หนี้วันที่ 3 มีผู้ลงทะเบียนกี่ราย", (("day", 3),)),
    # A date's day is no day of a series.
    ("ณ วันที่ 3 เม.ย. 67 ลงทะเบียนกี่ราย", (("year", 2567),)),
    ("ร่าง พ.ร.บ.งบฯ วาระ 2-3 แถลงวันที่เท่าไร", (("reading", 2),)),
    ("ตั้งแต่ปี 2560 ตั้งธนาคารขยะกี่แห่ง", (("since", 2560),)),
])
def test_the_day_of_a_series_and_a_reading_are_qualifiers(question: str,
                                                           named: tuple[Any, ...]) -> None:
    assert qualifiers_of(question) == named


def test_a_title_names_the_day_of_its_series() -> None:
    assert title_day("ปลัด มท. เผยยอดลงทะเบียนแก้หนี้ครบ 53 วัน มูลหนี้ 8,790 ล้านบาท") == 53
    assert title_day("ยอดลงทะเบียนครบ 2 สัปดาห์ แล้ว 9.4 หมื่นราย") == 14
    assert title_day("ลงทะเบียนแก้หนี้วันที่ 3 รวม 1,863 ล้านบาท") == 3
    assert title_day("ประชุมวันที่ 3 ธันวาคม 2566") is None


SERIES = [
    _news(1, "ยอดลงทะเบียนแก้หนี้ครบ 5 วัน ประชาชนลงทะเบียนแล้ว 12,345 ราย",
          "วันนี้ ปลัดกระทรวงเปิดเผยว่า การลงทะเบียนแก้หนี้ครบ 5 วัน "
          "ประชาชนลงทะเบียนแก้หนี้แล้ว 12,345 ราย มูลหนี้รวม 800 ล้านบาท", "2023-12-05"),
    _news(2, "ยอดลงทะเบียนแก้หนี้ครบ 12 วัน ประชาชนลงทะเบียนแล้ว 30,001 ราย",
          "วันนี้ ปลัดกระทรวงเปิดเผยว่า การลงทะเบียนแก้หนี้ครบ 12 วัน "
          "ประชาชนลงทะเบียนแก้หนี้แล้ว 30,001 ราย มูลหนี้รวม 2,100 ล้านบาท", "2023-12-12"),
]


@pytest.mark.parametrize(("question", "lead"), [
    ("ลงทะเบียนแก้หนี้ครบ 5 วัน ประชาชนลงทะเบียนกี่ราย", "12,345 ราย"),
    ("ลงทะเบียนแก้หนี้ครบ 12 วัน ประชาชนลงทะเบียนกี่ราย", "30,001 ราย"),
    # No release of the 9th day: another day's figure is no answer.
    ("ลงทะเบียนแก้หนี้ครบ 9 วัน ประชาชนลงทะเบียนกี่ราย", None),
])
def test_a_series_day_is_answered_from_that_days_release(make_app: Any, tmp_path: Path,
                                                         question: str,
                                                         lead: str | None) -> None:
    assert_leads(ask_over(make_app, tmp_path, SERIES, question), lead)


CENTRES = _news(3, "กรมส่งเสริมฯ เดินหน้าศูนย์เรียนรู้ชุมชน",
                "วันนี้ อธิบดีเปิดเผยว่า นับตั้งแต่ปี 2560 ถึงปัจจุบัน มีการจัดตั้งศูนย์เรียนรู้ชุมชน"
                "รวม 1,077 แห่ง และปัจจุบันศูนย์เรียนรู้ชุมชนทั่วประเทศมีทั้งสิ้น 4,321 แห่ง",
                "2024-03-11")


@pytest.mark.parametrize(("question", "lead"), [
    # The release is of 2567: its undated figures are not 2560's, nor is a total since 2560.
    ("ปี 2560 จัดตั้งศูนย์เรียนรู้ชุมชนกี่แห่ง", None),
    ("ปี 2567 ศูนย์เรียนรู้ชุมชนทั่วประเทศมีกี่แห่ง", "4,321 แห่ง"),
])
def test_a_releases_undated_figure_is_of_its_own_year(make_app: Any, tmp_path: Path,
                                                      question: str, lead: str | None) -> None:
    assert_leads(ask_over(make_app, tmp_path, [CENTRES], question), lead)


BILL = _news(4, "รองนายกรัฐมนตรีแถลงร่าง พ.ร.บ.งบประมาณ",
             "สภาผู้แทนราษฎรรับหลักการร่าง พ.ร.บ.งบประมาณ วาระที่ 1 เมื่อวันที่ 5 มิถุนายน 2568 "
             "และพิจารณาวาระที่ 2 และ 3 เมื่อวันที่ 20 สิงหาคม 2568 ณ อาคารรัฐสภา", "2025-08-20")


def test_a_bills_reading_is_answered_by_its_own_date(make_app: Any, tmp_path: Path) -> None:
    ans = ask_over(make_app, tmp_path, [BILL], "ร่าง พ.ร.บ.งบประมาณ วาระ 2-3 พิจารณาวันที่เท่าไร")
    assert_leads(ans, "20 สิงหาคม 2568")


# -- sibling values in one passage ---------------------------------------------------------

def test_the_sibling_readers() -> None:
    text = "ขยายเวลารับสมัครจากเดิมที่สิ้นสุดในวันที่ 10 มี.ค. 68 เป็นวันที่ 31 มี.ค. 68 เพื่อ"
    old, new = text.index("10 มี.ค."), text.index("31 มี.ค.")
    assert replaced_value(text, old, old + len("10 มี.ค. 68"))
    assert not replaced_value(text, new, new + len("31 มี.ค. 68"))
    text = "ลดการระบายน้ำจาก 2,200 ลบ.ม./วินาที เหลือ 1,800 ลบ.ม./วินาที"
    assert replaced_value(text, text.index("2,200"), text.index("2,200") + 5)
    # "จากการสำรวจ" is no change from a value.
    text = "จากการสำรวจพบ 500 คน เป็นผู้สูงอายุ"
    assert not replaced_value(text, text.index("500"), text.index("500") + 6)
    text = "ทุกตำบลต้องมีศูนย์อย่างน้อย 1 แห่ง ขณะนี้เปิดแล้ว 845 แห่ง มีเป้าหมาย 2 แห่ง"
    assert requirement(text, text.index("1 แห่ง"))
    assert requirement(text, text.index("2 แห่ง"))
    assert not requirement(text, text.index("845"))
    assert asked_rank("จังหวัดไหนสมัครน้อยที่สุด") == "least"
    assert asked_rank("ต้องมีอย่างน้อยกี่แห่ง") is None
    text = "3 ลำดับแรก คือ 1. จังหวัดขอนแก่น 500 ราย ส่วนน้อยที่สุด คือ จังหวัดระนอง 12 ราย"
    for name, other in (("จังหวัดขอนแก่น", True), ("จังหวัดระนอง", False)):
        a = text.index(name)
        assert opposite_rank(text, a, a + len(name), "least") is other
    text = "5 ลำดับแรก คือ 1. จังหวัดสงขลา 4,378 ราย 2. จังหวัดตรัง 900 ราย"
    for name, other in (("จังหวัดสงขลา", False), ("จังหวัดตรัง", True)):
        a = text.index(name)
        assert opposite_rank(text, a, a + len(name), "most") is other
    text = "ลงทะเบียนแล้ว 9,000 ราย โดยเป็นการลงทะเบียนออนไลน์ 7,000 ราย และ ณ อำเภอ 2,000 ราย"
    assert part_of_total(text, text.index("7,000"), "ลงทะเบียนกี่ราย")
    assert not part_of_total(text, text.index("7,000"), "ลงทะเบียนออนไลน์กี่ราย")
    assert not part_of_total(text, text.index("9,000"), "ลงทะเบียนกี่ราย")
    assert asked_event("สัญญาจ้างลงนามวันไหน") == "sign"
    text = "ลงนามสัญญาเมื่อวันที่ 3 ก.พ. 66 และจะแล้วเสร็จในวันที่ 3 ก.พ. 67"
    assert not other_event(text, text.index("3 ก.พ. 66"), "sign")
    assert other_event(text, text.index("3 ก.พ. 67"), "sign")
    text = "วันอาสาสมัครไทยตรงกับวันที่ 21 ตุลาคม และกำหนดให้วันที่ 5 ธันวาคม เป็นวันอาสาสมัครสากล"
    oct_, dec = text.index("21 ตุลาคม"), text.index("5 ธันวาคม")
    thai, world = "วันอาสาสมัครไทยตรงกับวันที่เท่าไร", "วันอาสาสมัครสากลตรงกับวันที่เท่าไร"
    assert other_day(text, dec, dec + len("5 ธันวาคม"), thai)
    assert not other_day(text, dec, dec + len("5 ธันวาคม"), world)
    assert other_day(text, oct_, oct_ + len("21 ตุลาคม"), world)
    assert not other_day(text, oct_, oct_ + len("21 ตุลาคม"), thai)


SIBLINGS = [
    _news(5, "กรมส่งเสริมฯ ขยายเวลารับสมัครอาสาสมัครพลังงานชุมชน",
          "วันนี้ (1 มี.ค. 67) อธิบดีกรมส่งเสริมพลังงานชุมชน เปิดเผยว่า กรมขยายเวลารับสมัคร"
          "อาสาสมัครพลังงานชุมชนจากเดิมที่สิ้นสุดในวันที่ 10 มีนาคม 2567 เป็นวันที่ 31 มีนาคม 2567 "
          "ทั้งนี้ ทุกตำบลต้องมีอาสาสมัครพลังงานชุมชนอย่างน้อย 1 คน"),
    _news(6, "ยอดผู้สมัครอาสาสมัครพลังงานชุมชน",
          "ปัจจุบันมีผู้สมัครอาสาสมัครพลังงานชุมชนแล้ว 9,000 คน โดยเป็นการสมัครทางออนไลน์ "
          "7,000 คน และการสมัคร ณ ที่ว่าการอำเภอ 2,000 คน ทั้งนี้ ทุกตำบลต้องมีอาสาสมัคร"
          "พลังงานชุมชนอย่างน้อย 1 คน"),
    _news(7, "จังหวัดที่มีผู้สมัครอาสาสมัครพลังงานชุมชน",
          "จังหวัดที่มีผู้สมัครอาสาสมัครพลังงานชุมชนมากที่สุด 2 ลำดับแรก คือ 1. จังหวัดขอนแก่น "
          "500 คน 2. จังหวัดอุดรธานี 400 คน ส่วนจังหวัดที่มีผู้สมัครน้อยที่สุด คือ จังหวัดระนอง 12 คน"),
    _news(8, "กรมลงนามสัญญาจ้างพัฒนาระบบรับสมัคร",
          "กรมลงนามสัญญาจ้างพัฒนาระบบรับสมัครอาสาสมัครพลังงานชุมชนเมื่อวันที่ 3 กุมภาพันธ์ 2567 "
          "ระยะเวลาดำเนินการ จะแล้วเสร็จตามสัญญา ในวันที่ 3 กุมภาพันธ์ 2568"),
]


@pytest.mark.parametrize(("question", "lead"), [
    # The replaced deadline is not the extended one.
    ("ขยายเวลารับสมัครอาสาสมัครพลังงานชุมชนถึงวันไหน", "31 มีนาคม 2567"),
    # A minimum each must meet is no count of those who applied.
    ("มีผู้สมัครอาสาสมัครพลังงานชุมชนแล้วกี่คน", "9,000 คน"),
    # A part of the total only when the question names the part.
    ("สมัครอาสาสมัครพลังงานชุมชนทางออนไลน์กี่คน", "7,000 คน"),
    # The fewest is not the first of the list of the most.
    ("จังหวัดไหนมีผู้สมัครอาสาสมัครพลังงานชุมชนน้อยที่สุด", "จังหวัดระนอง"),
    ("จังหวัดไหนมีผู้สมัครอาสาสมัครพลังงานชุมชนมากที่สุด", "จังหวัดขอนแก่น"),
    # The signing date is not the completion date.
    ("สัญญาจ้างพัฒนาระบบรับสมัครอาสาสมัครพลังงานชุมชนลงนามวันไหน", "3 กุมภาพันธ์ 2567"),
    ("ระบบรับสมัครอาสาสมัครพลังงานชุมชนจะแล้วเสร็จวันไหน", "3 กุมภาพันธ์ 2568"),
])
def test_a_sibling_value_does_not_lead(make_app: Any, tmp_path: Path, question: str,
                                       lead: str) -> None:
    assert_leads(ask_over(make_app, tmp_path, SIBLINGS, question), lead)


PUMPS = _news(
    12, "ศปช. เร่งระบายน้ำท่วมจังหวัดสมมุติ",
    "ที่ประชุมสั่งการให้ระดมเครื่องสูบน้ำเข้าพื้นที่ ซึ่งก่อนหน้านี้ บริเวณ บ้านหนองแสง ต.ริมน้ำ "
    "มีเครื่องสูบน้ำติดตั้ง 4 เครื่อง และ บ้านโคกกลาง ต.ทุ่งใหญ่ มีเครื่องสูบน้ำติดตั้ง 7 เครื่อง")


@pytest.mark.parametrize(("question", "lead"), [
    ("น้ำท่วมบ้านหนองแสง มีเครื่องสูบน้ำติดตั้งกี่เครื่อง", "4 เครื่อง"),
    ("น้ำท่วมบ้านโคกกลาง มีเครื่องสูบน้ำติดตั้งกี่เครื่อง", "7 เครื่อง"),
])
def test_another_places_value_does_not_lead(make_app: Any, tmp_path: Path, question: str,
                                            lead: str) -> None:
    assert asked_places(question)["village"] in question
    text = PUMPS["text"]
    asked = asked_places(question)
    own, other = (text.index(v) for v in (lead, ({"4 เครื่อง", "7 เครื่อง"} - {lead}).pop()))
    assert not other_place(text, own, own + 9, asked)
    assert other_place(text, other, other + 9, asked)
    # The asked place named after the value, before any other number, is the value's.
    history = "แยกจากอำเภอกันทรลักษ์ ต่อมาวันที่ 20 พ.ย. 2539 ยกฐานะเป็นอำเภอเบญจลักษ์"
    at = history.index("20 พ.ย.")
    assert not other_place(history, at, at + len("20 พ.ย. 2539"), {"district": "เบญจลักษ์"})
    assert_leads(ask_over(make_app, tmp_path, [PUMPS], question), lead)


TEMPLE = _news(
    13, "พิธีต้อนรับพระบัญชาแต่งตั้งเจ้าคณะอำเภอสมมุติ",
    "วันนี้ ณ วัดโพธิ์ทองสมมุติ ต.ท่าข้าม อ.เมือง นายสมชาย ใจดี ปลัดจังหวัด เป็นประธานพิธีต้อนรับ"
    "พระบัญชาแต่งตั้งเจ้าคณะอำเภอสมมุติ โดยมีพระเทพสาครมุนี เจ้าอาวาสวัดเจดีย์หลวงสมมุติ ร่วมพิธี")


def test_where_a_ceremony_was_held_is_the_temple_after_at(make_app: Any, tmp_path: Path) -> None:
    # "จัดที่วัดไหน": the temple the ceremony was held at ("ณ วัด..."), not a guest's temple.
    ans = ask_over(make_app, tmp_path, [TEMPLE],
                   "พิธีต้อนรับพระบัญชาแต่งตั้งเจ้าคณะอำเภอสมมุติ จัดที่วัดไหน")
    assert_leads(ans, "วัดโพธิ์ทองสมมุติ")


VOLUNTEERS = _news(
    9, "กระทรวงแถลงข่าววันอาสาสมัครสากล",
    "วันอาสาสมัครไทยตรงกับวันที่ 21 ตุลาคม ของทุกปี "
    "และองค์การสหประชาชาติกำหนดให้วันที่ 5 ธันวาคม ของทุกปี "
    "เป็นวันอาสาสมัครสากล กระทรวงจะจัดงานวันอาสาสมัครสากล ซึ่งจะจัดขึ้นในวันที่ 4 ธันวาคม 2563")


@pytest.mark.parametrize(("question", "lead"), [
    ("วันอาสาสมัครไทยตรงกับวันที่เท่าไร", "21 ตุลาคม"),
    ("วันอาสาสมัครสากลตรงกับวันที่เท่าไร", "5 ธันวาคม"),
])
def test_an_observances_day_is_not_an_events_date(make_app: Any, tmp_path: Path,
                                                  question: str, lead: str) -> None:
    # Read in the release alone: the bundled report's own record is read first for any
    # question it covers (bot.answering.answerer), and this one it does not answer.
    app = app_over(make_app, tmp_path, [VOLUNTEERS])
    answerer = Answerer(app.db, app.index)
    q, info = answerer.prepare(question)
    reading = answerer.read(q, info, answerer.search_tokens(q, info))
    assert reading is not None
    news = [p for p in reading.passages if p.hit.kind == "news"]
    frame = question_frame(reading.question)
    rows = span_rows(news, reading.terms, info, frame, answerer.model.tables)
    mask, _ = demanded(rows, demand_of(reading.question, info, frame))
    allowed = {rows.span(int(r))[0].text[rows.span(int(r))[1]:rows.span(int(r))[2]]
               for r in np.flatnonzero(mask)}
    assert allowed and all(lead in a for a in allowed), allowed


# -- who: one side's chair, the receiver of a verb -------------------------------------------

CEREMONY = _news(
    10, "พิธีต้อนรับพระบัญชาแต่งตั้งเจ้าคณะอำเภอ",
    "วันนี้ ณ วัดสมมุติ อำเภอเมือง นายสมชาย ใจดี ปลัดจังหวัด เป็นประธานฝ่ายฆราวาส "
    "ในพิธีต้อนรับพระบัญชาแต่งตั้งเจ้าคณะอำเภอ\n"
    "นายวิชัย ใหม่ใส ผู้ว่าราชการจังหวัด เปิดเผยว่า ได้มอบหมายให้ นางสาวมาลี ใจงาม "
    "รองผู้ว่าราชการจังหวัด เป็นประธานเปิดงานตลาดนัดเกษตรอินทรีย์")


def test_one_sides_chair_is_not_the_other_sides(make_app: Any, tmp_path: Path) -> None:
    ans = ask_over(make_app, tmp_path, [CEREMONY],
                   "ใครเป็นประธานฝ่ายสงฆ์ในพิธีต้อนรับพระบัญชาแต่งตั้งเจ้าคณะอำเภอ")
    assert not ans.point.startswith("นายสมชาย"), ans.point


def test_who_was_delegated_is_the_person_after_the_verb(make_app: Any, tmp_path: Path) -> None:
    ans = ask_over(make_app, tmp_path, [CEREMONY],
                   "ผู้ว่าราชการจังหวัดมอบหมายใครเปิดงานตลาดนัดเกษตรอินทรีย์")
    assert_leads(ans, "นางสาวมาลี ใจงาม")


# -- yes or no: a figure in matters or a flow ------------------------------------------------

RESOLUTIONS = _news(
    11, "ครม. เห็นชอบกรอบท่าทีไทยในการประชุมสมัชชาสิ่งแวดล้อม",
    "คณะรัฐมนตรีเห็นชอบกรอบท่าทีไทยต่อร่างข้อมติของสมัชชาสิ่งแวดล้อม 17 เรื่อง "
    "และกรมชลประทานลดการระบายน้ำท้ายเขื่อนสมมุติเหลือ 1,800 ลบ.ม./วินาที")


@pytest.mark.parametrize(("question", "lead"), [
    ("ครม. เห็นชอบกรอบท่าทีต่อร่างข้อมติของสมัชชาสิ่งแวดล้อม 20 เรื่องใช่ไหม",
     "ไม่ใช่ — เอกสารระบุ 17 เรื่อง"),
    ("ครม. เห็นชอบกรอบท่าทีต่อร่างข้อมติของสมัชชาสิ่งแวดล้อม 17 เรื่องใช่ไหม", "ใช่ — 17 เรื่อง"),
    ("กรมชลประทานลดการระบายน้ำท้ายเขื่อนสมมุติเหลือ 1,500 ลบ.ม./วินาที ใช่ไหม", "ไม่ใช่"),
])
def test_a_yes_no_figure_in_matters_or_a_flow_is_checked(make_app: Any, tmp_path: Path,
                                                         question: str, lead: str) -> None:
    assert_leads(ask_over(make_app, tmp_path, [RESOLUTIONS], question), lead)


# -- a false premise -------------------------------------------------------------------------

DANCE = _news(
    14, "ผู้ว่าฯ นำพี่น้องสตรี 999 คน รำบวงสรวงพระพุทธรูปสมมุติ",
    "เมื่อวันที่ 10 มิ.ย. 66 ผู้ว่าราชการจังหวัดสมมุติ นำพี่น้องสตรี 999 คน "
    "ร่วมรำบวงสรวงพระพุทธรูปสมมุติ ณ ศาลากลางจังหวัดสมมุติ")


def test_a_false_premise_is_not_confirmed_silently(make_app: Any, tmp_path: Path) -> None:
    assert contradicted_premise("นำผู้ชาย 999 คนรำเมื่อไร", DANCE["text"]) == (
        "ผู้ชาย 999", "สตรี 999")
    assert contradicted_premise("นำสตรี 999 คนรำเมื่อไร", DANCE["text"]) is None
    ans = ask_over(make_app, tmp_path, [DANCE],
                   "ผู้ว่าฯ นำผู้ชาย 999 คนรำบวงสรวงพระพุทธรูปสมมุติเมื่อไร")
    assert_leads(ans, "เอกสารระบุ «สตรี 999» ไม่ใช่ «ผู้ชาย 999»")
