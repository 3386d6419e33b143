"""English questions over a few releases: kinds of faults of the English reading.

Kinds: a place the question names in English and the release in another of its Thai
spellings (Myanmar: พม่า, เมียนมา); a year named alone ("plan for 2025"), whose value is
the one stated for it; a post over a province ("the Phatthalung governor") and another
province's governor in the same release; a release of another year than asked read
before the one of the year asked.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from releases import ask_over, news

FILLER = [
    news(100 + i, f"{topic} ใครได้ประโยชน์",
         f"ใครที่สนใจ{topic} ติดต่อได้ที่ที่ทำการปกครองอำเภอ มีผู้เข้าร่วม {i + 10} คน "
         "ใครเป็นผู้รับผิดชอบจะแจ้งให้ทราบ", f"2024-{i + 1:02d}-15")
    for i, topic in enumerate(("การท่องเที่ยวชุมชน", "การแข่งขันกีฬาเยาวชน", "การประกวดผ้าไทย",
                               "ตลาดนัดชุมชน", "การบริจาคโลหิต", "การปลูกป่าชายเลน",
                               "การอบรมอาชีพ", "การประกวดหมู่บ้าน", "การรณรงค์ลดขยะ"))
]

CENTRES = news(
    1, "กระทรวงแรงงาน รับข้อเสนอ ทางการเมียนมา เตรียมจัดตั้งศูนย์ CI ในประเทศไทย 5 แห่ง",
    "วันที่ 24 มีนาคม 2564 รัฐมนตรีว่าการกระทรวงแรงงาน เป็นประธานการประชุมคณะกรรมการนโยบาย "
    "เพื่อพิจารณาการขอจัดตั้งศูนย์ออกเอกสารรับรองบุคคล (CI) ของทางการเมียนมาในประเทศไทย "
    "จำนวน 5 แห่ง ได้แก่ จังหวัดสมุทรสาคร ชลบุรี ตาก ระนอง และเชียงราย", "2021-03-25")


def test_a_place_written_in_another_of_its_thai_spellings(make_app: Any, tmp_path: Path) -> None:
    # "Myanmar" reads พม่า as the question's place, and the release writes เมียนมา.
    ans = ask_over(make_app, tmp_path, [CENTRES, *FILLER],
                   "How many CI centres did the Myanmar authorities propose to set up in "
                   "Thailand in March 2021?")
    assert ans.found and ans.point.startswith("5 "), (ans.point, ans.debug)


TRIPS = news(
    2, "รองโฆษกรัฐบาล พาคณะสื่อลงพื้นที่ปาดังเบซาร์",
    "การรถไฟมาลายา KTM Berhad ได้เปิดให้บริการรถไฟขบวนพิเศษ MY Sawasdee ในปี 2567 "
    "เดินรถขบวนพิเศษดังกล่าวจำนวน 16 เที่ยว รองรับผู้โดยสารกว่า 6,000 คน และในปี 2568 นี้ "
    "มีแผนเพิ่มจำนวนเที่ยวเป็น 28 เที่ยว", "2025-01-16")


def test_a_year_named_alone_reads_the_value_stated_for_it(make_app: Any,
                                                          tmp_path: Path) -> None:
    ans = ask_over(make_app, tmp_path, [TRIPS, *FILLER],
                   "How many trips of the MY Sawasdee special train did KTM Berhad plan "
                   "for 2025?")
    assert ans.found and ans.point.startswith("28 "), (ans.point, ans.debug)


FLAG = news(
    3, "ผู้ว่าฯ พัทลุง รับมอบธงตราสัญลักษณ์งานเฉลิมพระเกียรติ จากจังหวัดสงขลา",
    "วันนี้ (9 มิ.ย. 67) นายสมชาย ใจดี ผู้ว่าราชการจังหวัดสงขลา มอบธงตราสัญลักษณ์ให้แก่ "
    "จังหวัดพัทลุง โดยมีนางสมศรี รักดี ผู้ว่าราชการจังหวัดพัทลุง เป็นผู้รับมอบธง "
    "ณ ศาลากลางจังหวัดพัทลุง", "2024-06-09")


def test_another_provinces_governor_is_not_the_one_asked(make_app: Any,
                                                        tmp_path: Path) -> None:
    ans = ask_over(make_app, tmp_path, [FLAG, *FILLER],
                   "Who is the Phatthalung governor who received the flag from Songkhla in "
                   "June 2024?")
    assert "สมชาย" not in ans.point[:60], (ans.point, ans.debug)
    assert ans.found and "สมศรี" in ans.point[:60], (ans.point, ans.debug)
