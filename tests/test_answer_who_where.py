"""Who, where and how many, as releases answer them: a titled name or a body for "who",
no person for "where", a number for "how many" (issue 12: a wrong kind of value under a
real citation is a wrong answer; the breaker's 20 "wrong kind" replies)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from releases import ask_over

from bot.answering import Answerer
from bot.answering.candidates import opens_with_name

_COMPLAINT = {
    "title": "คนพิการร้องเรียนสายการบินปฏิเสธการขึ้นเครื่อง", "date": "2023-04-02", "kind": "news",
    "text": ("สายการบินไทยเวียตเจ็ทปฏิเสธกลุ่มคนพิการขึ้นเครื่องบิน ทางกลุ่มจึงยื่นหนังสือ"
             "ร้องเรียนต่อกระทรวงเมื่อวันที่ 2 เมษายน 2566 เพื่อขอให้ตรวจสอบการปฏิเสธดังกล่าว")}
_RECEIVED = {
    **_COMPLAINT,
    "text": ("สายการบินไทยเวียตเจ็ทปฏิเสธกลุ่มคนพิการขึ้นเครื่องบิน ทางกลุ่มจึงยื่นหนังสือ"
             "ร้องเรียน โดยมีนายสมชาย ใจดี ผู้ตรวจราชการกระทรวง เป็นผู้รับหนังสือร้องเรียน "
             "เมื่อวันที่ 2 เมษายน 2566")}
_MEETING = {
    "title": "ประชุมคณะกรรมการอำนวยการโครงการทูบีนัมเบอร์วัน ประจำปี 2564", "date": "2021-03-10",
    "kind": "news",
    "text": ("การประชุมคณะกรรมการอำนวยการโครงการทูบีนัมเบอร์วัน ประจำปี 2564 โดยมีนายอนุทิน "
             "ชาญวีรกูล รองนายกรัฐมนตรี เป็นประธานการประชุม")}
_FAIR = {
    "title": "มท.1 เปิดงาน OTOP Midyear 2022", "date": "2022-06-20", "kind": "news",
    "text": ("มท.1 เปิดงาน OTOP Midyear 2022 ภายใต้แนวคิด สุขช้อป สุขใจ ณ อาคารชาเลนเจอร์ "
             "อิมแพ็ค เมืองทองธานี ซึ่งมีผู้ประกอบการร่วมจำหน่ายสินค้าจากทั่วประเทศ")}
_BOND = {
    "title": "การเคหะแห่งชาติออกพันธบัตรเพื่อสังคม", "date": "2020-08-01", "kind": "news",
    "text": ("การเคหะแห่งชาติออกพันธบัตรเพื่อสังคม (Social Bond) ในปี 2563 วงเงินไม่เกิน "
             "6,800 ล้านบาท นับเป็นครั้งแรกของรัฐวิสาหกิจไทย")}


@pytest.mark.parametrize(("releases", "question", "lead"), [
    # "Who": a titled name, or nothing ("กลุ่มคนพิการขึ้นเครื่องบิน" led before).
    ([_COMPLAINT], "ใครรับหนังสือร้องเรียนไทยเวียตเจ็ทปฏิเสธคนพิการขึ้นเครื่อง", None),
    ([_RECEIVED], "ใครรับหนังสือร้องเรียนไทยเวียตเจ็ทปฏิเสธคนพิการขึ้นเครื่อง", "นายสมชาย ใจดี"),
    # "Where": no person ("มีนายอนุทิน ชาญวีรกูล" led before).
    ([_MEETING], "ประชุมคณะกรรมการอำนวยการโครงการทูบีนัมเบอร์วัน ประจำปี 2564 จัดที่ไหน", None),
    # "How many": a number, not a name that holds a year ("เปิดงาน OTOP Midyear 2022").
    ([_FAIR], "งาน OTOP Midyear 2022 มีผู้เข้าชมกี่คน", None),
    # "กี่ล้าน" is answered in ล้านบาท.
    ([_BOND], "social bond การเคหะ ปี 63 กี่ล้าน", "ไม่เกิน 6,800 ล้านบาท"),
])
def test_a_release_answers_with_the_kind_asked_or_not_at_all(
        make_app: Callable[..., Any], tmp_path: Path, releases: list[dict[str, str]],
        question: str, lead: str | None) -> None:
    ans = ask_over(make_app, tmp_path, releases, question)
    if lead is None:
        assert not ans.found, ans.point
    else:
        assert ans.found and ans.point.startswith(lead), ans.point


@pytest.mark.parametrize(("question", "qtype"), [
    ("ผู้ว่าพัทลุงชื่อไร", "person"),
    ("นอภ.ตระการพืชผล ชื่อไร", "person"),
    ("ปมท. ปี 68 ชื่ออะไร", "person"),
    ("รองอธิบดีกรมเจ้าท่าด้านปฏิบัติการ ปี 2565 ชื่ออะไร", "person"),
    ("รองเท้าแบรนด์นี้ชื่ออะไร", "title"),
    ("โครงการนี้ชื่ออะไร", "title"),
])
def test_a_post_before_its_name_asks_a_person(question: str, qtype: str) -> None:
    assert Answerer.prepare(question)[1].qtype == qtype


@pytest.mark.parametrize(("span", "kind", "opens"), [
    ("ท่านหาน จื้อเฉียง (韩志强) เอกอัครราชทูต", "person", True),
    ("พ.ต.อ.สมชาย ใจดี ผู้กำกับการ", "person", True),
    ("นพ.สมศักดิ์ อรรฆศิลป์", "person", True),
    ("ท่านผู้ว่าราชการจังหวัด", "person", False),
    ("ท่านจะได้รับ", "person", False),
    ("กรมการปกครอง", "org", True),
    ("ประจำปี 2564", "person", False),
])
def test_names_with_their_titles(span: str, kind: str, opens: bool) -> None:
    assert opens_with_name(span, kind) is opens
