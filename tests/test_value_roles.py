"""A value's role against the role asked: done or aimed at (bot.answering.value_roles)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from releases import ask_over, assert_leads, news

from bot.answering.value_roles import ASKS_DONE, ASKS_TARGET, asked_role, other_role
from knowledge.figure_roles import DONE, OTHER, UNCLEAR, role_in_text

#: A release that states the targets beside what was achieved (thaigov 97051, cut).
_DEEDS = (
    "รัฐบาลเผยปีงบประมาณ 68 ออกโฉนดที่ดินคืบหน้า 53,437 แปลง จากเป้าหมาย 86,000 แปลง\n"
    "ในปีงบประมาณ พ.ศ. 2568 กรมที่ดิน ได้รับการจัดสรรงบประมาณเพื่อจัดทำโครงการเดินสำรวจ"
    "ออกโฉนดที่ดิน เป้าหมายรวม จำนวน 86,000 แปลง มีพื้นที่ดำเนินการทั้งสิ้น 69 จังหวัด "
    "1)โครงการเดินสำรวจออกโฉนดที่ดิน ซึ่งมีเป้าหมาย 70,000 แปลง ออกโฉนดแล้ว 42,412 แปลง "
    "2) โครงการในพื้นที่จังหวัดชายแดนภาคใต้ ซึ่งมีเป้าหมายจำนวน 16,000 แปลง ระหว่างเดือน "
    "ธ.ค. 67 - เม.ย. 68 ดำเนินการออกโฉนดแล้ว 11,025 แปลง ยังคงเหลือเอกสารที่ยังไม่เป็นโฉนด"
    "ที่ดินประมาณ 561,989 แปลง"
)


def _roles(text: str) -> dict[str, str | None]:
    out = {}
    for m in re.finditer(r"\d[\d,]*\s*แปลง", text):
        out.setdefault(m.group().split()[0], role_in_text(text, m.start(), m.end()).kind)
    return out


def test_a_release_states_its_targets_and_what_was_done() -> None:
    assert _roles(_DEEDS) == {"53,437": DONE, "86,000": OTHER, "70,000": OTHER,
                              "42,412": DONE, "16,000": OTHER, "11,025": DONE,
                              "561,989": OTHER}


@pytest.mark.parametrize(("text", "kind"), [
    ("คาดว่าจะมีผู้เข้าร่วม 5,000 คน", OTHER),
    ("ตั้งเป้าเบิกจ่าย 1,000 ล้านบาท", OTHER),
    ("มีผู้เข้าร่วมแล้ว 5,000 คน", DONE),
    ("ไกล่เกลี่ยสำเร็จ 26,719 ราย", DONE),
    # A done word and a target word both: its role cannot be told.
    ("ดำเนินการแล้ว 30 แห่ง (เป้าหมาย)", UNCLEAR),
    ("มีผู้ลงทะเบียน 5,000 คน", None),
])
def test_the_role_of_a_figure_in_running_text(text: str, kind: str | None) -> None:
    m = re.search(r"\d[\d,]*(?:\s*(?:คน|ราย|แห่ง|ล้านบาท))?", text)
    assert m is not None
    assert role_in_text(text, m.start(), m.end()).kind == kind


@pytest.mark.parametrize(("question", "role"), [
    ("ล่าสุดออกโฉนดที่ดินปีงบ 68 ไปแล้วกี่แปลง", ASKS_DONE),
    ("หนี้นอกระบบล่าสุดไกล่เกลี่ยแล้วกี่ราย", ASKS_DONE),
    ("ธนาคารขยะตั้งได้แล้วกี่แห่ง", ASKS_DONE),
    ("how many title deeds have been issued so far", ASKS_DONE),
    ("ปีงบประมาณ 2568 กรมที่ดินตั้งเป้าออกโฉนดกี่แปลง", ASKS_TARGET),
    ("ปีงบ 68 มีเป้าหมายออกโฉนดเท่าไร", ASKS_TARGET),
    ("คาดว่าจะมีนักท่องเที่ยวกี่คน", ASKS_TARGET),
    ("what is the target for title deeds", ASKS_TARGET),
    # The nearest before the asking word: the target is the question's premise.
    ("จากเป้าหมาย 86,000 แปลง ออกโฉนดแล้วกี่แปลง", ASKS_DONE),
    # The people served, "and then", and no role at all.
    ("กลุ่มเป้าหมายมีกี่คน", None),
    ("แล้วเจ้าหนี้กี่ราย", None),
    ("มีผู้ลงทะเบียนกี่ราย", None),
])
def test_the_role_a_question_asks(question: str, role: str | None) -> None:
    assert asked_role(question) == role


def test_a_target_answers_no_question_of_what_was_done_and_the_reverse() -> None:
    def at(value: str) -> tuple[int, int]:
        start = _DEEDS.index(value)
        return start, start + len(value)

    target, done, rest = at("86,000 แปลง"), at("42,412 แปลง"), at("561,989 แปลง")
    assert other_role(_DEEDS, *target, ASKS_DONE)
    assert not other_role(_DEEDS, *done, ASKS_DONE)
    assert other_role(_DEEDS, *rest, ASKS_DONE)  # what is left is not done
    assert other_role(_DEEDS, *done, ASKS_TARGET)
    assert not other_role(_DEEDS, *target, ASKS_TARGET)
    unclear = "ดำเนินการแล้ว 30 แห่ง (เป้าหมาย)"
    assert other_role(unclear, 14, 21, ASKS_DONE) and other_role(unclear, 14, 21, ASKS_TARGET)


#: A release of a target and what was done, and one that states the target only.
_RELEASES = [
    news(1, "กรมที่ดินสมมุติเผยผลการออกโฉนดปีงบ 2568",
         "กรมที่ดินสมมุติได้รับงบประมาณโครงการเดินสำรวจออกโฉนดที่ดินสมมุติ ปีงบประมาณ 2568 "
         "เป้าหมายรวม จำนวน 86,000 แปลง ทั้งนี้ ผลการดำเนินงานปีงบประมาณ 2568 "
         "ออกโฉนดที่ดินสมมุติแล้ว 53,437 แปลง", "2025-06-03"),
    news(2, "กรมที่ดินสมมุติตั้งเป้าออกโฉนด",
         "กรมที่ดินสมมุติตั้งเป้าปีงบประมาณ 2569 ออกโฉนดที่ดินสมมุติ 90,000 แปลง", "2025-10-03"),
]


@pytest.mark.parametrize(("question", "lead"), [
    ("ปีงบ 2568 ออกโฉนดที่ดินสมมุติไปแล้วกี่แปลง", "53,437 แปลง"),
    ("ปีงบ 2568 กรมที่ดินสมมุติตั้งเป้าออกโฉนดที่ดินสมมุติกี่แปลง", "86,000 แปลง"),
    # Only a target is stated for 2569: nothing done to answer with.
    ("ปีงบ 2569 ออกโฉนดที่ดินสมมุติไปแล้วกี่แปลง", None),
])
def test_the_role_asked_leads(make_app: Any, tmp_path: Path, question: str,
                              lead: str | None) -> None:
    assert_leads(ask_over(make_app, tmp_path, _RELEASES, question), lead)
