"""The post of a person the question names, read from the text written with them."""

from __future__ import annotations

import pytest

from bot.answering import Answerer
from bot.answering.person_post import asked_person, post_of
from bot.app import App

LIST = ("โดยมี นายศิริพันธ์ ศรีกงพลี รองอธิบดีกรมส่งเสริมการปกครองท้องถิ่น นายวสันต์ สุภาภา "
        "รองอธิบดีกรมที่ดิน นายแมนรัตน์ รัตนสุคนธ์ อธิบดีกรมการปกครอง เข้าร่วมประชุม")


@pytest.mark.parametrize(("question", "name"), [
    ("นายวสันต์ สุภาภา ดำรงตำแหน่งอะไร", "วสันต์ สุภาภา"),
    ("นายชนะ ภูมี ตำแหน่งอะไร", "ชนะ ภูมี"),  # "มี" of the surname is no verb
    ("นายนที มนตริวัต ปัจจุบันดำรงตำแหน่งอะไร", "นที มนตริวัต"),
    ("ดร.วันดี กุญชรยาคง จุลเจริญ เป็นใคร", "วันดี กุญชรยาคง จุลเจริญ"),
    # A post asked for its holder, or no titled name: not this question.
    ("ประธานคือใคร", None),
    ("ใครเป็นปลัดกระทรวงมหาดไทย", None),
    ("ธนาคารขยะดำรงตำแหน่งอะไร", None),
])
def test_the_person_whose_post_is_asked(question: str, name: str | None) -> None:
    assert asked_person(question) == name


@pytest.mark.parametrize(("text", "name", "post"), [
    # In a list of names and posts, the post after the name, not the next person's.
    (LIST, "วสันต์ สุภาภา", "รองอธิบดีกรมที่ดิน"),
    (LIST, "แมนรัตน์ รัตนสุคนธ์", "อธิบดีกรมการปกครอง"),
    # An appointment: the post now held, not the one moved from.
    ("ให้นายนที มนตริวัต รองผู้ว่าราชการจังหวัดชัยนาท ดำรงตำแหน่งผู้ว่าราชการจังหวัดชัยนาท "
     "และนายสมชาย ใจดี", "นที มนตริวัต", "ผู้ว่าราชการจังหวัดชัยนาท"),
    # The whole post, its organisation too, up to the clause the person acts in.
    ("นายปรีชา ลาลุน รองผู้ว่าการ กกท. ฝ่ายกีฬาเป็นเลิศและวิทยาศาสตร์การกีฬา ร่วมงาน ณ Berlin",
     "ปรีชา ลาลุน", "รองผู้ว่าการ กกท. ฝ่ายกีฬาเป็นเลิศและวิทยาศาสตร์การกีฬา"),
    ("นายชนะ ภูมี ผู้ช่วยผู้จัดการใหญ่ด้านการบริหารความยั่งยืน บมจ.ปูนซิเมนต์ไทย นางแสงจันทร์",
     "ชนะ ภูมี", "ผู้ช่วยผู้จัดการใหญ่ด้านการบริหารความยั่งยืน บมจ.ปูนซิเมนต์ไทย"),
])
def test_the_post_written_with_the_person(text: str, name: str, post: str) -> None:
    span = post_of(text, name)
    assert span is not None and text[span[0]:span[1]] == post


def test_no_post_where_the_text_writes_none() -> None:
    assert post_of("นายวสันต์ สุภาภา กล่าวว่า โครงการนี้", "วสันต์ สุภาภา") is None
    assert post_of(LIST, "สมชาย ใจดี") is None


def test_the_reply_leads_with_the_named_persons_post(seed_app: App) -> None:
    """A tester's questions: the next person's post had led."""
    answerer = Answerer(seed_app.db, seed_app.index)
    point = answerer.ask("นายวสันต์ สุภาภา ดำรงตำแหน่งอะไร").point
    assert point.startswith("รองอธิบดีกรมที่ดิน"), point
    point = answerer.ask("นายแมนรัตน์ รัตนสุคนธ์ ดำรงตำแหน่งอะไร").point
    assert point.startswith("อธิบดีกรมการปกครอง"), point
