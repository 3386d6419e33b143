"""A number that labels (หมู่ที่ 15, ม.4, ครั้งที่ 3) is no count, unless a label is asked.

"หมู่ที่ 15 ตำบลแม่ศึก" is village number 15 of a subdistrict, not "15 ตำบล": a question
for how many subdistricts is answered by a count ("7 ตำบล") or not at all.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from releases import ask_over, assert_leads, news

from bot.answering.siblings import labels_a_number


@pytest.mark.parametrize(("text", "number", "label"), [
    ("หย่อมบ้านสมมุติ หมู่ที่ 15 ตำบลแม่ศึก", "15", True),
    ("ม.4 ต.ริมกก", "4", True),
    ("บ้านเลขที่ 99 หมู่ 2 ตำบลสมมุติ", "2", True),
    ("การประชุมครั้งที่ 3 จังหวัดสมมุติ", "3", True),
    # "ที่" meaning "at", and plain counts.
    ("จัดที่ 5 จังหวัดภาคใต้", "5", False),
    ("มี 106 หมู่บ้าน 7 ตำบล", "7", False),
])
def test_a_number_after_a_label_word_is_a_label(text: str, number: str, label: bool) -> None:
    assert labels_a_number(text, text.index(number)) is label


VISIT = news(1, "นายอำเภอแม่สมมุติลงพื้นที่หย่อมบ้านสมมุติ",
             "นายอำเภอแม่สมมุติลงพื้นที่หย่อมบ้านสมมุติ หมู่ที่ 15 ตำบลแม่ศึก อำเภอแม่สมมุติ "
             "เพื่อรับฟังปัญหาของประชาชน", "2024-02-01")
DAMS = news(2, "อำเภอแม่สมมุติสร้างฝายชะลอน้ำครบทุกหมู่บ้าน",
            "อำเภอแม่สมมุติ มี 106 หมู่บ้าน 7 ตำบล ได้สร้างฝายชะลอน้ำหมู่บ้านละ 1,000 ฝาย",
            "2024-03-01")


@pytest.mark.parametrize(("releases", "lead"), [([VISIT, DAMS], "7 ตำบล"), ([VISIT], None)])
def test_a_village_number_is_no_count_of_subdistricts(make_app: Any, tmp_path: Path,
                                                      releases: list[dict[str, str]],
                                                      lead: str | None) -> None:
    ans = ask_over(make_app, tmp_path, releases, "อำเภอแม่สมมุติมีกี่ตำบล")
    if lead is None:
        assert not (ans.found and ans.point.startswith("15")), ans.point
    else:
        assert_leads(ans, lead)


RANK = news(3, "ประเทศสมมุติได้อันดับดัชนีสมมุติ",
            "รายงานดัชนีสมมุติ ปี 2565 ประเทศสมมุติอยู่ในอันดับที่ 44 จากทั้งหมด 163 ประเทศ",
            "2022-06-10")


def test_a_label_asked_for_is_the_answer(make_app: Any, tmp_path: Path) -> None:
    # The rank is asked: "อันดับที่ 44" answers it though "ที่ 44" labels.
    ans = ask_over(make_app, tmp_path, [RANK], "ประเทศสมมุติได้อันดับดัชนีสมมุติที่เท่าไร")
    assert ans.found and "44" in ans.point[:20], ans.point
