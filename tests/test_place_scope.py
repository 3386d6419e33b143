"""A value stated for the whole country, or another province, is no province's figure.

"ไกล่เกลี่ยหนี้นอกระบบทั่วประเทศ ... สำเร็จ 575 ราย ... มากที่สุด คือ จังหวัดนครสวรรค์ ...
สำเร็จ 16 ราย": a question about Nakhon Sawan is answered by 16, not the country's 575
(bot/answering/siblings.py, another place's value).  Read from a short release written
for the test.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from releases import ask_over, assert_leads, news

from bot.answering.siblings import asked_places, other_place

TEXT = ("สำหรับข้อมูลการไกล่เกลี่ยหนี้สมมุติทั่วประเทศในวันนี้ มีลูกหนี้เข้าสู่กระบวนการแล้ว 2,511 ราย "
        "ไกล่เกลี่ยสำเร็จ 575 ราย มูลหนี้ลดลง 65.897 ล้านบาท ซึ่งจังหวัดที่เชิญลูกหนี้ได้มากที่สุด "
        "คือ จังหวัดนครสวรรค์ "
        "โดยมีลูกหนี้ 561 ราย ไกล่เกลี่ยสำเร็จ 16 ราย")


@pytest.mark.parametrize(("question", "province"), [
    ("จังหวัดนครสวรรค์ไกล่เกลี่ยหนี้สำเร็จกี่ราย", "นครสวรรค์"),
    ("ไกล่เกลี่ยหนี้ที่นครสวรรค์สำเร็จกี่ราย", "นครสวรรค์"),
    ("ไกล่เกลี่ยหนี้ทั่วประเทศสำเร็จกี่ราย", None),
    # Two provinces: which one a value belongs to is left to the model.
    ("นครสวรรค์กับพิจิตรไกล่เกลี่ยสำเร็จกี่ราย", None),
])
def test_the_asked_province(question: str, province: str | None) -> None:
    assert asked_places(question).get("province") == province


@pytest.mark.parametrize(("value", "other"), [("575", True), ("16", False)])
def test_the_countrys_figure_is_another_places(value: str, other: bool) -> None:
    at = TEXT.index(value + " ราย")
    assert other_place(TEXT, at, at + len(value) + 4, {"province": "นครสวรรค์"}) is other


def test_a_provinces_figure_leads_not_the_countrys(make_app: Any, tmp_path: Path) -> None:
    release = news(1, "มหาดไทยสมมุติเผยผลไกล่เกลี่ยหนี้สมมุติ", TEXT, "2023-12-05")
    ans = ask_over(make_app, tmp_path, [release], "จังหวัดนครสวรรค์ไกล่เกลี่ยหนี้สมมุติสำเร็จกี่ราย")
    assert_leads(ans, "16 ราย")


def test_the_word_province_before_a_verb_names_no_province() -> None:
    # "จังหวัดตั้งเป้าหมาย..." ("the province set a target"): no province named ตั้งเป้าหมาย.
    text = ("นายสมชาย ใจดี รองผู้ว่าราชการจังหวัดศรีสะเกษ เปิดเผยว่า จังหวัดตั้งเป้าหมายให้"
            "ทุกครัวเรือนปลูกผักสวนครัวอย่างน้อย 10 ชนิด")
    at = text.index("10 ชนิด")
    assert not other_place(text, at, at + 7, {"province": "ศรีสะเกษ"})
