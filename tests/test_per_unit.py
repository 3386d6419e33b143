"""A value stated per one unit is no answer per another (bot/answering/per_unit.py).

"หมู่บ้านละ 20,000 บาท ... ครัวเรือนละ 3,000 บาท": the question's "ครัวเรือนละเท่าไร" asks
per household; the village's allowance, or the total, under a real citation is a wrong
value.  Read from short releases written for the test.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from releases import ask_over, assert_leads, news

from bot.answering.per_unit import asked_unit, stated_unit


@pytest.mark.parametrize(("question", "unit"), [
    ("ได้เงินหมู่บ้านละเท่าไร", "หมู่บ้าน"),
    ("ช่วยเหลือครัวเรือนละกี่บาท", "ครัวเรือน"),
    ("ชดเชยไร่ละเท่าไหร่", "ไร่"),
    ("ค่าไฟต่อเดือนเท่าไร", "เดือน"),
    ("เงินเยียวยาต่อคนกี่บาท", "คน"),
    # No unit asked per: a scheme's name, "each", a percentage, "details".
    ("โครงการคนละครึ่งใช้งบเท่าไร", None),
    ("แต่ละจังหวัดได้เท่าไร", None),
    ("ร้อยละเท่าไร", None),
    ("รายละเอียดโครงการมีอะไร", None),
    ("งบประมาณเท่าไร", None),
])
def test_the_unit_asked_per(question: str, unit: str | None) -> None:
    assert asked_unit(question) == unit


TEXT = ("สนับสนุนหมู่บ้านละ 20,000 บาท และครัวเรือนละไม่เกิน 3,000 บาท รวม 500 ล้านบาท "
        "โดยจ่าย 1,000 บาทต่อคน หรือ 200 บาท/เดือน ในอัตราร้อยละ 5 จำนวน 100 ราย ๆ ละ 70 บาท "
        "รายได้ต่อเดือน 52,000 บาท")


@pytest.mark.parametrize(("value", "unit"), [
    ("20,000 บาท", "หมู่บ้าน"), ("3,000 บาท", "ครัวเรือน"), ("500 ล้านบาท", None),
    ("1,000 บาท", "คน"), ("200 บาท", "เดือน"), ("5", None), ("70 บาท", "ราย"),
    ("52,000 บาท", "เดือน"),
])
def test_the_unit_a_value_is_stated_per(value: str, unit: str | None) -> None:
    at = TEXT.index(value)
    assert stated_unit(TEXT, at, at + len(value)) == unit


AID = news(1, "มหาดไทยสมมุติจัดสรรเงินช่วยเหลือผู้ประสบอุทกภัยสมมุติ",
           "กระทรวงมหาดไทยสมมุติอนุมัติเงินช่วยเหลือผู้ประสบอุทกภัยสมมุติ ในอัตราครัวเรือนละ 5,000 บาท "
           "จำนวน 12,000 ครัวเรือน และสนับสนุนงบฟื้นฟูหมู่บ้านละ 80,000 บาท รวมทั้งสิ้น 75 ล้านบาท "
           "ให้แล้วเสร็จภายในเดือนธันวาคม", "2024-11-02")


@pytest.mark.parametrize(("question", "lead"), [
    # (The lead says the unit its value is stated per, as the text writes it.)
    ("เงินช่วยเหลือผู้ประสบอุทกภัยสมมุติ หมู่บ้านละเท่าไร", "หมู่บ้านละ 80,000 บาท"),
    ("เงินช่วยเหลือผู้ประสบอุทกภัยสมมุติ ได้ครัวเรือนละกี่บาท", "ครัวเรือนละ 5,000 บาท"),
    ("เงินช่วยเหลือผู้ประสบอุทกภัยสมมุติ ต่อครัวเรือนเท่าไร", "ครัวเรือนละ 5,000 บาท"),
    # Asked per no unit: the figures are left to the model as before.
    ("เงินช่วยเหลือผู้ประสบอุทกภัยสมมุติ รวมทั้งสิ้นเท่าไร", "75 ล้านบาท"),
])
def test_the_value_stated_per_the_asked_unit_leads(make_app: Any, tmp_path: Path,
                                                   question: str, lead: str) -> None:
    assert_leads(ask_over(make_app, tmp_path, [AID], question), lead)


ONLY_VILLAGES = news(2, "จังหวัดสมมุติมอบงบพัฒนาหมู่บ้านสมมุติ",
                     "จังหวัดสมมุติมอบงบพัฒนาหมู่บ้านสมมุติ หมู่บ้านละ 50,000 บาท จำนวน 30 หมู่บ้าน",
                     "2024-10-01")


def test_a_value_per_another_unit_is_not_found(make_app: Any, tmp_path: Path) -> None:
    # Only a village's allowance is stated: a household's is not in the release.
    ans = ask_over(make_app, tmp_path, [ONLY_VILLAGES], "งบพัฒนาหมู่บ้านสมมุติ ครัวเรือนละเท่าไร")
    assert_leads(ans, None)


PENSION = news(3, "กรมสมมุติชี้แจงการจ่ายเบี้ยยังชีพสมมุติ",
               "เบี้ยยังชีพสมมุติจ่ายแบบขั้นบันได อายุ 60 - 69 ปี ได้รับเดือนละ 600 บาท "
               "อายุ 70 - 79 ปี ได้รับเดือนละ 700 บาท", "2024-08-01")


def test_an_amount_per_the_asked_unit_answers_a_bare_how_much(make_app: Any,
                                                              tmp_path: Path) -> None:
    # "เดือนละเท่าไร" names no money word: an age range is still no amount a month.
    ans = ask_over(make_app, tmp_path, [PENSION], "เบี้ยยังชีพสมมุติเดือนละเท่าไร")
    assert ans.found and ans.point.startswith(("เดือนละ 600 บาท", "เดือนละ 700 บาท")), ans.point


def test_an_english_how_much_per_unit_is_asked_per_that_unit() -> None:
    from bot.answering.english import render_thai

    assert "ครัวเรือนละเท่าไร" in render_thai("How much did each household receive?")
    assert "ไร่ละเท่าไร" in render_thai("How much per rai is the compensation?")
    assert "ครัวเรือน" not in render_thai("How much did the province give?")
