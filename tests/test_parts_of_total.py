"""The asked part of a total, not the total or another part (bot/answering/parts.py).

"วงเงิน 2,125.56 ล้านบาท ประกอบด้วย กรมทางหลวง (ทล.) จำนวน 1,649.12 ล้านบาท และ
กรมทางหลวงชนบท (ทช.) จำนวน 476.44 ล้านบาท": a question about กรมทางหลวง is answered by
1,649.12, though "กรมทางหลวงชนบท" holds its name; the total answers only a question for
the total.  Read from short releases written for the test.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from releases import ask_over, assert_leads, news

from bot.answering.parts import other_part

TEXT = ("คณะรัฐมนตรีอนุมัติงบกลางสมมุติ วงเงิน 2,125.56 ล้านบาท ประกอบด้วย กรมทางหลวง (ทล.) "
        "จำนวน 1,649.12 ล้านบาท และกรมทางหลวงชนบท (ทช.) จำนวน 476.44 ล้านบาท เพื่อฟื้นฟูถนน")


@pytest.mark.parametrize(("question", "others"), [
    ("กรมทางหลวงได้รับงบกลางสมมุติเท่าไร", {"2,125.56", "476.44"}),
    ("กรมทางหลวงชนบทได้รับงบกลางสมมุติเท่าไร", {"2,125.56", "1,649.12"}),
    # The total asked, or no part named: no value is another.
    ("งบกลางสมมุติรวมทั้งสิ้นเท่าไร", set()),
    ("งบกลางสมมุติเท่าไร", set()),
])
def test_the_total_and_the_other_parts_are_other_values(question: str,
                                                         others: set[str]) -> None:
    marked = {v for v in ("2,125.56", "1,649.12", "476.44")
              if other_part(TEXT, TEXT.index(v), question)}
    assert marked == others


RELEASES = [
    news(1, "ครม.อนุมัติงบกลางสมมุติฟื้นฟูถนนจากอุทกภัย", TEXT, "2024-05-06"),
    # The same total in another release, without its parts.
    news(2, "คมนาคมสมมุติเร่งฟื้นฟูถนนหลังอุทกภัย",
         "กระทรวงคมนาคมสมมุติได้รับงบกลางสมมุติ วงเงิน 2,125.56 ล้านบาท เพื่อฟื้นฟูถนนที่เสียหาย"
         "จากอุทกภัย", "2024-05-07"),
]


@pytest.mark.parametrize(("question", "lead"), [
    ("กรมทางหลวงได้รับงบกลางสมมุติฟื้นฟูถนนเท่าไร", "1,649.12 ล้านบาท"),
    ("กรมทางหลวงชนบทได้รับงบกลางสมมุติฟื้นฟูถนนเท่าไร", "476.44 ล้านบาท"),
    ("งบกลางสมมุติฟื้นฟูถนนรวมทั้งสิ้นเท่าไร", "2,125.56 ล้านบาท"),
])
def test_the_asked_part_leads(make_app: Any, tmp_path: Path, question: str, lead: str) -> None:
    assert_leads(ask_over(make_app, tmp_path, RELEASES, question), lead)
