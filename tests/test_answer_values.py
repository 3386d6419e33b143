"""The value asked for, whole: the named list item's, the total's, and not cut short.

Press releases state several values of one kind side by side: a list of items each with its
figure ("ทุเรียน 103,958 ตัน มังคุด 20,000 ตัน ..."), an increment beside the total it makes
("เพิ่ม 1 แห่ง ... เพิ่มเป็น 23 แห่ง"), a total beside one of its parts ("ทั้งสิ้น 3 ราย พบว่า ...
1 ราย").  The reply leads with the value that belongs to what the question names, and leads
with all of it ("4 ชั่วโมงครึ่ง", "โรงแรมเดอะ สุโกศล", "ปี 2566 - 2570").
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from releases import app_over, assert_leads, news

from bot.answering.answerer import Answerer
from bot.answering.list_items import list_items, other_item

#: Releases on other topics, so that common words weigh little (BM25's IDF degenerates on a
#: handful of documents).
FILLER = [
    news(100 + i, f"{topic} ประจำปี",
         f"จังหวัดจัดกิจกรรม{topic} มีผู้เข้าร่วม {i + 10} คน ณ ที่ว่าการอำเภอ "
         "ผู้สนใจติดต่อได้ที่สำนักงานจังหวัด", f"2024-{i + 1:02d}-15")
    for i, topic in enumerate(("การท่องเที่ยวชุมชน", "การแข่งขันกีฬาเยาวชน", "การประกวดผ้าไทย",
                               "ตลาดนัดชุมชน", "การบริจาคโลหิต", "การปลูกป่าชายเลน",
                               "การอบรมอาชีพ", "การประกวดหมู่บ้าน", "การรณรงค์ลดขยะ"))
]

# -- another list item's value ------------------------------------------------------------

EXPORTS = ("โดยสินค้าเกษตรที่มีมูลค่าการส่งออกปรับตัวสูงขึ้น อาทิ ลำไยอบแห้ง มูลค่าการส่งออก "
           "41,230 ล้านบาท เงาะกระป๋อง มูลค่าการส่งออก 6,705 ล้านบาท ยางแผ่นรมควัน มูลค่าการส่งออก "
           "12,729 ล้านบาท ข้าวโพดหวาน มูลค่าการส่งออก 8,696 ล้านบาท แป้งมันสำปะหลัง "
           "มูลค่าการส่งออก 23,259 ล้านบาท ซึ่งภาพรวมมีการขยายตัวได้ดี")
HOUSEHOLDS = ("จังหวัดหนองบัวลำภูพบว่ามีสภาพปัญหาตามลำดับ ได้แก่ ไม่มีส้วม 1,507 ครัวเรือน "
              "ด้านน้ำดื่ม/น้ำใช้ ไม่มีน้ำดื่ม 4,013 ครัวเรือน ไม่มีน้ำสะอาดใช้ 3,301 ครัวเรือน "
              "ได้รับผลกระทบจากมลพิษ 2,703 ครัวเรือน")


@pytest.mark.parametrize(("text", "value", "question", "other"), [
    (EXPORTS, "6,705", "เงาะกระป๋องมีมูลค่าการส่งออกเท่าไร", False),
    (EXPORTS, "41,230", "เงาะกระป๋องมีมูลค่าการส่งออกเท่าไร", True),
    (EXPORTS, "23,259", "ข้าวโพดหวานมีมูลค่าการส่งออกเท่าไร", True),
    (EXPORTS, "8,696", "ข้าวโพดหวานมีมูลค่าการส่งออกเท่าไร", False),
    # An item the list gives no value for: every item's value is another's.
    (EXPORTS, "41,230", "ทุเรียนแช่แข็งมีมูลค่าการส่งออกเท่าไร", True),
    (HOUSEHOLDS, "3,301", "หนองบัวลำภูมีครัวเรือนที่ไม่มีน้ำดื่มกี่ครัวเรือน", True),
    (HOUSEHOLDS, "4,013", "หนองบัวลำภูมีครัวเรือนที่ไม่มีน้ำดื่มกี่ครัวเรือน", False),
])
def test_a_value_belongs_to_the_item_named_before_it(text: str, value: str, question: str,
                                                     other: bool) -> None:
    assert other_item(text, text.index(value), question) is other


def test_values_in_no_list_are_no_items() -> None:
    # Two values are no list; nor are values of different measures.
    text = "ผู้ติดเชื้อรายใหม่ 120 ราย ผู้ติดเชื้อสะสม 5,000 ราย งบประมาณ 3 ล้านบาท"
    assert list_items(text) == {}
    assert not other_item(text, text.index("5,000"), "ผู้ติดเชื้อสะสมกี่ราย")


def _ask(make_app: Any, tmp_path: Path, text: str, questions: list[str]) -> list[Any]:
    app = app_over(make_app, tmp_path, [
        news(1, "โฆษกรัฐบาลเผยมูลค่าส่งออกสินค้าเกษตรขยายตัว", text, "2021-10-15"), *FILLER])
    answerer = Answerer(app.db, app.index)
    return [answerer.ask(q) for q in questions]


def test_the_named_items_value_answers(make_app: Any, tmp_path: Path) -> None:
    questions = ["เงาะกระป๋องมีมูลค่าการส่งออกเท่าไร", "ยางแผ่นรมควันมีมูลค่าการส่งออกเท่าไร",
                 "ข้าวโพดหวานมีมูลค่าการส่งออกเท่าไร", "ลำไยอบแห้งมีมูลค่าการส่งออกเท่าไร",
                 "ทุเรียนแช่แข็งมีมูลค่าการส่งออกเท่าไร"]
    leads = ["6,705 ล้านบาท", "12,729 ล้านบาท", "8,696 ล้านบาท", "41,230 ล้านบาท", None]
    for ans, lead in zip(_ask(make_app, tmp_path, EXPORTS, questions), leads, strict=True):
        assert_leads(ans, lead)
