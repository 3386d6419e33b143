"""An English question's lead is English whatever kind the value was read as.

tester18 #26: "How many land title deeds did the Department of Lands target in fiscal
2025?" was answered "จำนวน 86,000 แปลง": the value was read as a phrase (kind "text"),
and only counts went through the English count rendering; the Thai "จำนวน" (number of)
was kept and "แปลง" had no English name in the units table.
"""

from __future__ import annotations

import re

import pytest

from bot.answering.compose import lead_text

QUESTION = "How many land title deeds did the Department of Lands target in fiscal 2025?"
THAI = re.compile("[\u0e00-\u0e7f]")


@pytest.mark.parametrize(("value", "kind", "lead"), [
    # Title deeds are counted in แปลง: the count leads in the question's own noun.
    ("จำนวน 86,000 แปลง", "text", "86,000 land title deeds"),
    ("86,000 แปลง", "text", "86,000 land title deeds"),
    ("จำนวน 86,000 แปลง", "count", "86,000 land title deeds"),
    ("จำนวน 86,000 ไร่", "count", "86,000 rai"),
    ("จำนวน 3,140 ตัน", "text", "3,140 tonnes"),
    ("รวมทั้งสิ้น 14,658 แห่ง", "text", "14,658 sites"),
    ("จำนวน 8 ประเภท", "title", "8 types"),
    ("จำนวน 12 ล้านบาท", "money", "12 million baht"),
])
def test_an_english_lead_renders_the_unit_without_the_thai_opening(
        value: str, kind: str, lead: str) -> None:
    assert lead_text(value, kind, True, QUESTION) == lead


def test_an_unknown_unit_still_drops_the_thai_opening() -> None:
    assert not lead_text("จำนวน 5 โรงเรียนต้นแบบ", "text", True, QUESTION).startswith("จำนวน")


@pytest.mark.parametrize("value", ["จำนวน 86,000 แปลง", "86,000 แปลง"])
def test_a_thai_lead_is_unchanged(value: str) -> None:
    assert lead_text(value, "text", False, "กรมที่ดินตั้งเป้าออกโฉนดกี่แปลง") == value


def test_a_phrase_that_is_no_count_is_not_read_as_one() -> None:
    assert lead_text("ธนาคารขยะ", "text", True, QUESTION) == "Waste Bank"
    assert not THAI.search(lead_text("86,000 แปลง", "text", True, QUESTION))
