"""Another sector's value (bot/answering/sectors.py).

"งบประมาณด้านการอุดมศึกษาในความรับผิดชอบของกระทรวงการอุดมศึกษา วิทยาศาสตร์ วิจัยและนวัตกรรม
... 114,634.7682 ล้านบาท" holds every word of "ด้านวิทยาศาสตร์ วิจัยและนวัตกรรม" in a ministry's
name; the science sector's own line answers.  Read from a short release written for the test.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from releases import ask_over, assert_leads, news

from bot.answering.sectors import asked_sector, other_sector

TEXT = ("1. อนุมัติกรอบวงเงินงบประมาณด้านการอุดมศึกษาในความรับผิดชอบของกระทรวงการอุดมศึกษา "
        "วิทยาศาสตร์ วิจัยและนวัตกรรมสมมุติ ประจำปีงบประมาณ พ.ศ. 2566 จำนวน 114,634.7682 ล้านบาท\n"
        "2. อนุมัติกรอบวงเงินงบประมาณด้านวิทยาศาสตร์ วิจัยและนวัตกรรมสมมุติของประเทศ "
        "ประจำปีงบประมาณ พ.ศ. 2566 จำนวน 29,100 ล้านบาท")


@pytest.mark.parametrize(("question", "sector"), [
    ("กรอบวงเงินงบประมาณด้านวิทยาศาสตร์ วิจัยและนวัตกรรม ปี 2566 เท่าไร", "วิทยา"),
    ("งบด้านการอุดมศึกษาเท่าไร", "อุดมศ"),
    # A side or a direction, or asking which: no sector.
    ("ทางด้านซ้ายของอาคารมีกี่ห้อง", None),
    ("ด้านหน้าโรงเรียนกว้างกี่เมตร", None),
    ("งบประมาณด้านใดมากที่สุด", None),
])
def test_the_asked_sector(question: str, sector: str | None) -> None:
    assert asked_sector(question) == sector


@pytest.mark.parametrize(("value", "other"), [("114,634", True), ("29,100", False)])
def test_a_value_of_another_sector(value: str, other: bool) -> None:
    assert other_sector(TEXT, TEXT.index(value), "วิทยา") is other


def test_the_asked_sectors_value_leads(make_app: Any, tmp_path: Path) -> None:
    release = news(1, "สรุปข่าวการประชุมคณะรัฐมนตรีสมมุติ", TEXT, "2022-01-04")
    ans = ask_over(make_app, tmp_path, [release],
                   "กรอบวงเงินงบประมาณด้านวิทยาศาสตร์ วิจัยและนวัตกรรมสมมุติ ปี 2566 เท่าไร")
    assert_leads(ans, "29,100 ล้านบาท")
