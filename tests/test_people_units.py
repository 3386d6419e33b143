"""People are counted in คน or in ราย alike: either classifier answers a question in the other."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from releases import FILLERS, ask_over, assert_leads, news

from bot.answering.question import same_unit, with_people_units
from bot.answering.reading import unit_pattern

#: https://www.thaigov.go.th/news/contents/details/57842 (its opening, as released).
TRAINEES = news(
    57842, "ปลัด มท. ปิดโครงการฝึกอบรมนักขับเคลื่อนยุทธศาสตร์นำการเปลี่ยนแปลงอำเภอนำร่อง "
    "ระดับกลุ่มจังหวัด ปลื้มทั้ง 900 คน คือ ความหวังสู่ Momentum for Change",
    "ปลัด มท. ปิดโครงการฝึกอบรมนักขับเคลื่อนยุทธศาสตร์นำการเปลี่ยนแปลงอำเภอนำร่อง "
    "ระดับกลุ่มจังหวัด ปลื้มทั้ง 900 คน คือ ความหวังสู่ Momentum for Change ย้ำ "
    "ความรู้ความสามารถ และมีกำลังใจที่ดีจะฝ่าฟันปัญหา และอุปสรรคต่าง ๆ "
    "สร้างสิ่งที่ดีให้เกิดได้..\n"
    "ปลัด มท. ปิดโครงการฝึกอบรมนักขับเคลื่อนยุทธศาสตร์นำการเปลี่ยนแปลงอำเภอนำร่อง "
    "ระดับกลุ่มจังหวัด ปลื้มทั้ง 900 คน คือ ความหวังสู่ Momentum for Change ย้ำ ความรู้ "
    "ความสามารถ และมีกำลังใจที่ดีจะฝ่าฟันปัญหา และอุปสรรคต่าง ๆ "
    "สร้างสิ่งที่ดีให้เกิดได้อย่างแท้จริง\n"
    "วันนี้ (9 ส.ค. 65) เวลา 15.00 น. ณ ห้อง War Room ชั้น 2 อาคารศาลาว่าการ "
    "กระทรวงมหาดไทย นายสุทธิพงษ์ จุลเจริญ ปลัดกระทรวงมหาดไทย "
    "เป็นประธานในการปิดโครงการฝึกอบรมเชิงปฏิบัติการ "
    "หลักสูตรนักขับเคลื่อนยุทธศาสตร์นำการเปลี่ยนแปลงอำเภอนำร่อง ระดับกลุ่มจังหวัด "
    "ผ่านระบบออนไลน์ ซึ่งได้มีการจัดกิจกรรมการฝึกอบรมในระหว่างวันที่ 6 – 9 สิงหาคม 2565 ณ "
    "ศูนย์ศึกษาและพัฒนาชุมชน (ศพช.) 9 แห่ง ประกอบด้วย จังหวัดลำปาง พิษณุโลก อุดรธานี "
    "อุบลราชธานี ยะลา เพชรบุรี นครราชสีมา นครนายก และ จังหวัดชลบุรี",
    "2022-08-09")


@pytest.mark.parametrize(("written", "asked", "same"), [
    ("ราย", "คน", True), ("คน", "ราย", True), ("ล้านคน", "ราย", True), ("ราย", "ล้านคน", True),
    ("คน", "คน", True), ("ครัวเรือน", "คน", False), ("ราย", "ครัวเรือน", False),
    ("คน", "แห่ง", False), ("รายการ", "ราย", False), ("บาท", "ราย", False),
])
def test_people_in_either_classifier_are_the_same_unit(
        written: str, asked: str, same: bool) -> None:
    assert same_unit(written, asked) is same


def test_only_a_unit_of_people_gains_the_other_classifier() -> None:
    assert with_people_units("ราย") == "ราย|คน"
    assert with_people_units("คน|ท่าน") == "คน|ท่าน|ราย"
    assert with_people_units("ครัวเรือน") == "ครัวเรือน"
    assert with_people_units("") == ""


def test_the_window_read_for_a_count_finds_a_figure_in_the_other_classifier() -> None:
    pattern = unit_pattern("ราย")
    assert pattern is not None
    assert pattern.search("ปลื้มทั้ง 900 คน คือ ความหวัง") is not None
    assert pattern.search("ศพช. 9 แห่ง") is None


@pytest.mark.parametrize("question", [
    "โครงการฝึกอบรมหลักสูตรนักขับเคลื่อนยุทธศาสตร์นำการเปลี่ยนแปลงอำเภอนำร่อง ระดับกลุ่มจังหวัด "
    "เมื่อ ส.ค. 65 มีผู้ผ่านการอบรมกี่คน",
    "โครงการฝึกอบรมหลักสูตรนักขับเคลื่อนยุทธศาสตร์นำการเปลี่ยนแปลงอำเภอนำร่อง ระดับกลุ่มจังหวัด "
    "เมื่อ ส.ค. 65 มีผู้ผ่านการอบรมกี่ราย",
])
def test_a_count_of_people_asked_in_either_classifier_is_answered(
        make_app: Any, tmp_path: Path, question: str) -> None:
    assert_leads(ask_over(make_app, tmp_path, [TRAINEES, *FILLERS], question), "900 คน")
