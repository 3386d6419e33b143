"""A count answers the noun the question counts: "ผู้ได้รับผลกระทบกี่ราย" is no count of the injured.

The words right before a count (after the number before it), or right after its unit,
say what it counts; a count of another status of people ("บาดเจ็บ 5 ราย") may not lead
(bot.answering.siblings.other_status, read by sibling_mask).
"""

from __future__ import annotations

import pytest

from bot.answering.siblings import asked_status, other_status

FLOOD = "มีผู้ได้รับผลกระทบ 120 ราย บาดเจ็บ 5 ราย สูญหาย 2 ราย และอพยพ 300 คน"
DEBT = ("ประชาชนลงทะเบียนแล้ว 114,653 ราย เข้าสู่กระบวนการไกล่เกลี่ยแล้ว 44,996 ราย "
        "สามารถไกล่เกลี่ยสำเร็จ 26,380 ราย")


@pytest.mark.parametrize(("question", "status"), [
    ("มีผู้ได้รับผลกระทบกี่ราย", "affected"),
    ("น้ำท่วมลำพูน มีผู้บาดเจ็บกี่ราย", "injured"),
    ("มีกี่รายที่สูญหาย", "missing"),
    ("ลงทะเบียนหนี้นอกระบบ 53 วัน ไกล่เกลี่ยสำเร็จกี่ราย", "mediated"),
    ("ลงทะเบียนหนี้นอกระบบครบ 20 วัน มีคนลงทะเบียนกี่ราย", "registered"),
    ("ผู้ติดเชื้อโควิด-19 รายใหม่ 12 มีนาคม 2565 กี่ราย", "new"),
    ("ธนาคารขยะกี่แห่ง", None),
])
def test_the_counted_noun(question: str, status: str | None) -> None:
    assert asked_status(question) == status


@pytest.mark.parametrize(("text", "value", "asked", "other"), [
    (FLOOD, "120", "affected", False),
    (FLOOD, "5 ราย", "affected", True),
    (FLOOD, "5 ราย", "injured", False),
    (FLOOD, "2 ราย", "injured", True),
    (FLOOD, "300", "evacuated", False),
    (DEBT, "114,653", "mediated", True),
    (DEBT, "26,380", "mediated", False),
    (DEBT, "114,653", "registered", False),
    # The label after the unit, when none stands before.
    ("ในจำนวนนี้ 5 ราย ได้รับบาดเจ็บ", "5 ราย", "affected", True),
    ("ในจำนวนนี้ 5 ราย ได้รับบาดเจ็บ", "5 ราย", "injured", False),
    # A count with no status named is no other status's.
    ("ธนาคารขยะ 14,658 แห่ง", "14,658", "affected", False),
])
def test_a_count_of_another_noun(text: str, value: str, asked: str, other: bool) -> None:
    assert other_status(text, text.index(value), asked) is other


def test_an_english_question_counts_the_one_status_it_names() -> None:
    """An English question's Thai rendering keeps the English order and adds alternatives
    ("informal debtors" -> "ลูกหนี้ ลงทะเบียน"): only a status its words all name is read."""
    rendered = "ลูกหนี้นอกระบบ ลูกหนี้ ลงทะเบียน ไกล่เกลี่ย 3 เมษายน 2567 กี่ราย"
    assert asked_status(rendered, english=True) is None
    assert asked_status(rendered) == "mediated"
    assert asked_status("บาดเจ็บ ผู้บาดเจ็บ ลำพูน น้ำท่วม กี่คน", english=True) == "injured"
