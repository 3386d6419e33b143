"""Groups counted side by side (the dead and the sick, the elderly and the disabled) told apart."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from releases import FILLERS, ask_over, news

from bot.answering.counted import asked_group, other_group

#: https://www.thaigov.go.th/news/contents/details/70721 (the paragraph of the figures).
DENGUE = news(
    70721, "นายกรัฐมนตรีห่วงใยกรณีพบผู้ป่วยไข้เลือดออกใน 18 จังหวัดพุ่งสูง",
    "น.ส.ไตรศุลี กล่าวว่า รายงานของกรมควบคุมโรคระบุว่าทั่วประเทศมีจำนวนผู้ป่วยไข้เลือดออก"
    "เฉลี่ยสัปดาห์ละ 5,000 ราย ทำให้ยอดสะสมตั้งแต่ต้นปีถึงปัจจุบันเกือบ 40,000 ราย "
    "มีผู้ป่วยเสียชีวิตกว่า 40 ราย โดยอัตราการเพิ่มของผู้ป่วยในขณะนี้ถือว่าใกล้เคียงกับ"
    "จำนวนผู้ป่วยและเสียชีวิตจากการระบาดในปี 2562 ที่พบผู้ป่วยทั้งปีกว่า 70,000 ราย"
    "และเสียชีวิตกว่า 70 ราย\n"
    "ทั้งนี้ กรมควบคุมโรค กระทรวงสาธารณสุขกำลังติดตามสถานการณ์ไข้เลือดออกอย่างใกล้ชิด",
    "2023-07-26")
#: https://www.thaigov.go.th/news/contents/details/35076 (its figures' sentence).
ALLOWANCE = ("ชี้แจงการจ่ายเบี้ยคนพิการและเบี้ยยังชีพผู้สูงอายุ ประจำปีงบประมาณ พ.ศ. 2563 พบว่า "
             "จำนวนผู้สูงอายุเพิ่มขึ้น 184,538 ราย จำนวนผู้พิการเพิ่มขึ้น 265,608 ราย")


@pytest.mark.parametrize(("question", "group"), [
    ("ปี 2562 มีผู้เสียชีวิตจากไข้เลือดออกกี่ราย", "dead"),
    ("ผู้ป่วยไข้เลือดออกเสียชีวิตกี่ราย", "dead"),  # the sick who died are the dead
    ("ปี 2562 มีผู้ป่วยไข้เลือดออกกี่ราย", "sick"),
    ("อุบัติเหตุช่วงสงกรานต์มีผู้บาดเจ็บและเสียชีวิตกี่ราย", None),  # counted together
    ("ปี 2563 จำนวนผู้พิการที่รับเบี้ยเพิ่มขึ้นกี่ราย", "disabled"),
    ("How many people died of dengue in 2019?", "dead"),
    ("ผู้ลงทะเบียนหนี้นอกระบบกี่ราย", "registrant"),
])
def test_the_group_a_question_counts(question: str, group: str | None) -> None:
    assert asked_group(question) == group


@pytest.mark.parametrize(("text", "value", "question", "other"), [
    (DENGUE["text"], "70,000", "ปี 2562 มีผู้เสียชีวิตจากไข้เลือดออกกี่ราย", True),
    (DENGUE["text"], "70 ราย", "ปี 2562 มีผู้เสียชีวิตจากไข้เลือดออกกี่ราย", False),
    (DENGUE["text"], "70 ราย", "ปี 2562 มีผู้ป่วยไข้เลือดออกกี่ราย", True),
    (DENGUE["text"], "40 ราย", "ผู้ป่วยไข้เลือดออกเสียชีวิตกี่ราย", False),
    (ALLOWANCE, "184,538", "ปี 2563 จำนวนผู้พิการที่รับเบี้ยเพิ่มขึ้นกี่ราย", True),
    (ALLOWANCE, "265,608", "ปี 2563 จำนวนผู้พิการที่รับเบี้ยเพิ่มขึ้นกี่ราย", False),
    # A label naming both groups of a pair counts both.
    (ALLOWANCE + " เพื่อจ่ายเบี้ยสู่บัญชีของคนพิการและผู้สูงอายุโดยตรง ซึ่งมีสูงถึงร้อยละ 80",
     "ร้อยละ 80", "การจ่ายเบี้ยผู้สูงอายุผ่าน E-Payment มีสัดส่วนร้อยละเท่าไร", False),
    # Groups of different families never exclude each other.
    ("มีผู้สูงอายุ 500 ราย", "500", "ผู้สูงอายุลงทะเบียนรับเบี้ยยังชีพกี่ราย", False),
    ("ลงทะเบียนแล้ว 500 ราย", "500", "ผู้สูงอายุลงทะเบียนรับเบี้ยยังชีพกี่ราย", False),
])
def test_a_count_of_another_group_of_the_same_family(text: str, value: str, question: str,
                                                     other: bool) -> None:
    assert other_group(text, text.index(value), question) is other


def test_the_dead_are_not_answered_with_the_sick(make_app: Any, tmp_path: Path) -> None:
    ans = ask_over(make_app, tmp_path, [DENGUE, *FILLERS], "ปี 2562 มีผู้เสียชีวิตจากไข้เลือดออกกี่ราย")
    lead = ans.point.partition(" — ")[0]
    assert "70,000" not in lead, ans.point
    assert not ans.found or "70 ราย" in lead, ans.point
