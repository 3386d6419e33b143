"""A "when" question is answered with the date of the event it asks about, with its year.

Testers' replies gave the date of another event of the release: the date a country
joined a convention for "ครม. เห็นชอบแต่งตั้ง ... หลังไทยเข้าเป็นสมาชิก HCCH เมื่อวันไหน",
a press conference's for the day an event is held, an appointment's; or a day and month
without the year the release states elsewhere.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from releases import ask_over

from bot.answering.compose import compose_reply
from bot.answering.consistency import missing_year
from bot.answering.extent import asked_life_event, of_other_life_event
from bot.answering.siblings import asked_event, other_event, reference_clause, reference_date

HCCH = ("เปิดเผยว่า ที่ประชุม ครม. (21 พฤษภาคม 67) มีมติเห็นชอบตามที่กระทรวงยุติธรรมเสนอแต่งตั้ง"
        "คณะกรรมการระดับชาติเพื่อขับเคลื่อนการดำเนินการ ภายหลังประเทศไทยเข้าเป็นสมาชิก HCCH "
        "โดยสมบูรณ์ เมื่อวันที่ 3 มีนาคม 2564 จึงมีความจำเป็น")
HCCH_Q = "ครม. เห็นชอบแต่งตั้งคณะกรรมการระดับชาติหลังไทยเข้าเป็นสมาชิก hcch เมื่อวันไหน"


def test_the_reference_clause_is_not_the_asked_event() -> None:
    main, ref = reference_clause(HCCH_Q)
    assert ref == "ไทยเข้าเป็นสมาชิก hcch"
    assert "หลัง" not in main and main.endswith("เมื่อวันไหน")
    assert reference_date(HCCH, HCCH.index("3 มีนาคม"), HCCH_Q)
    assert not reference_date(HCCH, HCCH.index("21 พฤษภาคม"), HCCH_Q)
    # No reference clause: nothing is the reference's ("หลังคา" is a roof).
    assert reference_clause("ซ่อมหลังคาโรงเรียนเมื่อไร")[1] == ""
    assert not reference_date(HCCH, HCCH.index("3 มีนาคม"), "ครม. เห็นชอบเมื่อไร")


def test_a_milestone_of_the_reference_clause_is_not_asked() -> None:
    assert asked_event("เริ่มก่อสร้างหลังลงนามสัญญาเมื่อไร") == "start"
    assert asked_event("สัญญาจ้างลงนามวันไหน") == "sign"


DEBT = ("วันนี้ (29 มกราคม 2567) นายชัย วัชรงค์ โฆษกประจำสำนักนายกรัฐมนตรี เปิดเผยว่า "
        "กระทรวงมหาดไทยเผยยอดการลงทะเบียนแก้ไขปัญหาหนี้นอกระบบ ครบ 59 วัน "
        "นับตั้งแต่เปิดลงทะเบียนเมื่อวันที่ 1 ธันวาคม 2566 เป็นต้นมา พบว่า ประชาชนลงทะเบียนแล้ว "
        "135,616 ราย")
PRESS = ("เมื่อวันที่ 5 มี.ค. 63 เวลา 10.00 น. ณ ห้องประชุมศาลากลาง ผู้ว่าราชการจังหวัด "
         "แถลงข่าวการจัดงานกาชาด ซึ่งจะจัดขึ้นระหว่างวันที่ 10 - 20 มี.ค. 63")


@pytest.mark.parametrize(("text", "value", "asked", "other"), [
    # The release's opening day was the press conference's, not the fair's.
    (PRESS, "5 มี.ค.", None, True),
    (PRESS, "10 - 20", None, False),
    (PRESS, "5 มี.ค.", "hold", True),
    (PRESS, "5 มี.ค.", "press", False),
    # A date written after a press conference or an appointment, when neither is asked.
    ("นายกฯ แถลงข่าวเมื่อวันที่ 3 ม.ค. 67 ว่างานจะจัด", "3 ม.ค.", None, True),
    ("ได้รับโปรดเกล้าฯ แต่งตั้งเมื่อวันที่ 3 ม.ค. 67", "3 ม.ค.", None, True),
    ("ได้รับโปรดเกล้าฯ แต่งตั้งเมื่อวันที่ 3 ม.ค. 67", "3 ม.ค.", "effective", False),
    # A royal command founding something, a statement: not another event's date.
    ("โปรดเกล้าฯ สถาปนากระทรวงมหาดไทยขึ้น เมื่อวันที่ 1 เมษายน 2435", "1 เมษายน", None, False),
    ("ถ้อยแถลงในวันน้ำโลก (วันที่ 22 มีนาคม ของทุกปี)", "22 มีนาคม", "fall", False),
    # An opening day whose event is what it is: not another.
    ("เมื่อวันที่ 3 ม.ค. 67 นายอำเภอ ลงพื้นที่ตรวจน้ำท่วม", "3 ม.ค.", None, False),
    # A release's opening day whose event was a telling, when a milestone is asked: the
    # day of the telling (a day of two digits too), not the milestone's.
    (DEBT, "29 มกราคม", "start", True),
    (DEBT, "1 ธันวาคม", "start", False),
    ("เมื่อวันที่ 23 ก.พ. 67 นายสุทธิพงษ์ ปลัดกระทรวงมหาดไทย เปิดเผยถึงผลการลงทะเบียน",
     "23 ก.พ.", "start", True),
    ("เมื่อวันที่ 12 มี.ค. 63 ผู้ว่าฯ เปิดเผยว่า งานกาชาดจะจัดขึ้นที่สนามกีฬา", "12 มี.ค.", "hold",
     True),
    ("เมื่อวันที่ 5 มี.ค. 63 ผู้ว่าฯ เป็นประธานเปิดงานกาชาด", "5 มี.ค.", "hold", False),
    # The day a span ends is no day it opened ("ลงทะเบียนได้ถึง").
    ("ลงทะเบียนแก้ไขปัญหาหนี้นอกระบบได้ถึง 29 กุมภาพันธ์ 2567", "29 กุมภาพันธ์", "start", True),
    ("เปิดให้ลงทะเบียนรับสิทธิตั้งแต่วันที่ 1 ส.ค. - 15 ก.ย. 67", "1 ส.ค.", "start", False),
])
def test_another_events_date(text: str, value: str, asked: str | None, other: bool) -> None:
    assert other_event(text, text.index(value), asked) is other


def test_registration_opening_is_asked_by_its_words() -> None:
    assert asked_event("เปิดลงทะเบียนแก้หนี้นอกระบบวันไหน") == "start"
    assert asked_event("เปิดให้ลงทะเบียนดิจิทัลวอลเล็ตวันไหน") == "start"


_DEBT_RELEASE = [{
    "title": "โฆษกรัฐบาล เผย ยอดลงทะเบียนแก้ไขปัญหาหนี้นอกระบบ 59 วัน ลงทะเบียนได้ถึง "
             "29 กุมภาพันธ์ 2567", "kind": "news", "date": "2024-01-29",
    "text": DEBT + " มูลหนี้ 9,186 ล้านบาท ประชาชนสามารถลงทะเบียนแก้ไขปัญหาหนี้นอกระบบได้ถึง "
                   "29 กุมภาพันธ์ 2567 นี้"},
    {"title": "จังหวัดชัยนาทรณรงค์คัดแยกขยะ", "kind": "news", "date": "2023-03-20",
     "text": "จังหวัดชัยนาทรณรงค์คัดแยกขยะในครัวเรือน มีครัวเรือนเข้าร่วม 3,200 ครัวเรือน"},
    {"title": "กระทรวงมหาดไทยประชุมติดตามภัยแล้ง", "kind": "news", "date": "2023-04-02",
     "text": "กระทรวงมหาดไทยประชุมติดตามสถานการณ์ภัยแล้ง มีหน่วยงานเข้าร่วม 30 หน่วยงาน"}]


def test_the_opening_day_of_registration_leads_not_the_releases_day(
        make_app: Any, tmp_path: Path) -> None:
    ans = ask_over(make_app, tmp_path, _DEBT_RELEASE, "เปิดลงทะเบียนแก้หนี้นอกระบบวันไหน")
    assert ans.found and ans.point.startswith("1 ธันวาคม 2566"), ans.point


@pytest.mark.parametrize(("text", "value", "date", "year"), [
    ("เมื่อวันที่ 5 มีนาคม นายก เปิดงาน ตลอดเดือนมีนาคม 2563", "5 มีนาคม", None, 2563),
    ("เมื่อวันที่ 28 ธ.ค. นายก เปิดงาน", "28 ธ.ค.", dt.date(2020, 1, 5), 2562),
    ("เมื่อวันที่ 2 ม.ค. นายก เปิดงาน", "2 ม.ค.", dt.date(2019, 12, 28), 2563),
    ("เมื่อวันที่ 5 มี.ค. 63 นาย", "5 มี.ค.", dt.date(2020, 1, 5), None),
    ("กำหนดให้วันที่ 21 ตุลาคม ของทุกปี", "21 ตุลาคม", dt.date(2020, 1, 5), None),
    ("เปิดงานเมื่อวันที่ 5 มีนาคม", "5 มีนาคม", None, None),
])
def test_the_year_a_day_leaves_out(text: str, value: str, date: dt.date | None,
                                   year: int | None) -> None:
    a = text.index(value)
    assert missing_year(text, a, a + len(value), date) == year


def test_the_reply_writes_the_year() -> None:
    text = "เมื่อวันที่ 5 มีนาคม นายก เปิดงาน"
    a = text.index("5 มีนาคม")
    th = compose_reply(text, a, a + 8, kind="date", english=False, budget=200, year=2563)
    en = compose_reply(text, a, a + 8, kind="date", english=True, budget=200, year=2563)
    assert th.startswith("5 มีนาคม 2563 — ")
    assert en.startswith("5 March 2020 — ")


LIFE = [{"title": "มารีนา เด ลอเรนตี", "kind": "text", "source": "https://example.org/w/1",
         "text": ("มารีนา เด ลอเรนตี เป็นราชินีแห่งฝรั่งเศส มารีนา เด ลอเรนตีสิ้นพระชนม์เมื่อ "
                  "3 กรกฎาคม ค.ศ. 1642 ที่เมืองโคโลญ ส่วนพระองค์ประสูติเมื่อ 26 เมษายน ค.ศ. 1575 "
                  "ที่เมืองฟลอเรนซ์")}]


@pytest.mark.parametrize(("question", "lead"), [
    ("มารีนา เด ลอเรนตี เกิดวันที่เท่าไร", "26 เมษายน ค.ศ. 1575"),
    ("มารีนา เด ลอเรนตี เสียชีวิตเมื่อไร", "3 กรกฎาคม ค.ศ. 1642"),
])
def test_a_birth_is_not_answered_by_the_day_of_a_death(
        make_app: Any, tmp_path: Path, question: str, lead: str) -> None:
    """A date the text tells of a death (the death word right before it) is no birthday,
    and the other way round (iapp-wiki-qa valid led "มารีอา เด เมดีชี เกิดวันที่เท่าไร"
    with her death)."""
    assert of_other_life_event(LIFE[0]["text"], LIFE[0]["text"].index("3 กรกฎาคม"), "birth")
    assert asked_life_event("แผ่นดินไหวเกิดขึ้นวันที่เท่าใด") is None  # an event, no birth
    ans = ask_over(make_app, tmp_path, LIFE, question)
    assert ans.found and ans.point.startswith(lead), ans.point
