"""A number that numbers the noun before it ("วันที่ 88", "ครั้งที่ 3", "ฉบับที่ 24") says
which one, not how many: no count question is answered by it ("How many people registered
… in total?" was answered "88 people" from "วันที่ 88 ประชาชนลงทะเบียนแล้วกว่า 1.47 แสนราย").
A question that asks which one in an order ("อันดับที่เท่าไร") is answered by one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from releases import FILLERS, ask_over, assert_leads, news

from bot.answering.constraints import asks_ordinal, ordinal_before

_OTHERS = FILLERS
_DAY_88 = news(
    1, "มหาดไทยเผยผลลงทะเบียนแก้หนี้นอกระบบ วันที่ 88",
    "ผลการลงทะเบียนแก้ไขปัญหาหนี้นอกระบบ วันที่ 88 ประชาชนลงทะเบียน ณ ศูนย์อำนวยการ"
    "แก้ไขปัญหาหนี้นอกระบบทุกจังหวัด มียอดหนี้นอกระบบรวมกว่า 10,744 ล้านบาท", "2024-02-27")
_RANK = news(
    2, "ไทยอันดับ SDG Index",
    "รายงาน Sustainable Development Report ปี 2565 ประเทศไทยอยู่ในอันดับที่ 44 "
    "จากทั้งหมด 163 ประเทศ", "2022-06-10")


@pytest.mark.parametrize(("question", "lead"), [
    ("How many people registered for informal debt resolution in total?", None),
    ("ลงทะเบียนแก้หนี้นอกระบบแล้วกี่คน", None),
])
def test_an_ordinal_is_no_count(make_app: Callable[..., Any], tmp_path: Path,
                                question: str, lead: str | None) -> None:
    ans = ask_over(make_app, tmp_path, [_DAY_88, _RANK, *_OTHERS], question)
    assert_leads(ans, lead)
    assert "88" not in ans.render().split("—")[0]


def test_an_ordinal_question_is_answered_by_an_ordinal(
        make_app: Callable[..., Any], tmp_path: Path) -> None:
    ans = ask_over(make_app, tmp_path, [_DAY_88, _RANK, *_OTHERS],
                   "ประเทศไทยได้อันดับ SDG Index ที่เท่าไรของโลก ปี 2565")
    # The ordinal leads with its label (number_label: "อันดับที่ 44", never a bare "44").
    assert ans.found and ans.render().startswith("อันดับที่ 44 ")


@pytest.mark.parametrize(("text", "numbered"), [
    ("วันที่ 88 ประชาชน", True), ("ครั้งที่ 3 ราย", True), ("ฉบับที่ 24 ผู้ว่า", True),
    ("หมู่ที่ 4 ตำบล", True), ("No. 5 units", True), ("เลขที่ 12 ถนน", True),
    ("พื้นที่ 500 ไร่", False), ("ที่ผ่านมา 120 ราย", False), ("ได้ 3 ราย", False),
])
def test_ordinal_before(text: str, numbered: bool) -> None:
    start = next(i for i, ch in enumerate(text) if ch.isdigit())
    assert ordinal_before(text, start) is numbered


@pytest.mark.parametrize(("question", "ordinal"), [
    ("ไทยได้อันดับที่เท่าไร", True), ("ประชุมครั้งที่กี่", True), ("What rank did Thailand get?", True),
    ("มีผู้ลงทะเบียนกี่คน", False), ("How many people registered?", False),
])
def test_asks_ordinal(question: str, ordinal: bool) -> None:
    assert asks_ordinal(question) is ordinal
