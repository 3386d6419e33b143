"""English leads of values the English path left in Thai, and question words it misread.

tester19 #26: "2,000,000 สิทธิ" led an English reply though "2,000,000 rights" says
the same; a money range, a foreign currency written "เหรียญสหรัฐ", a qualifier before
the number and a person's post after the name were Thai as well.  tester19 #14: English
questions whose Thai twins are answered were refused, since words of the question
("monthly", "zones", "positions", "river bank", "found") were read in another sense or
not at all, and the value's unit or kind then disagreed with the question's.
"""

from __future__ import annotations

import re

import pytest

from bot.answering.compose import lead_text
from bot.answering.english import english_lead, question_unit, render_thai

THAI = re.compile("[\u0e00-\u0e7f]")


@pytest.mark.parametrize(("value", "kind", "lead"), [
    ("2,000,000 สิทธิ", "count", "2,000,000 rights"),
    ("18,587 อัตรา", "count", "18,587 positions"),
    ("7 โซน", "count", "7 zones"),
    ("5,000 – 6,000 บาท", "money", "5,000–6,000 baht"),
    ("5,000-6,000 บาท", "money", "5,000–6,000 baht"),
    ("ร้อยละ 5-10", "percent", "5–10%"),
    ("3,884.21 ล้านเหรียญสหรัฐ", "money", "3,884.21 million US dollars"),
    ("นายราชันย์ ซุ่นฮั้ว ผู้ว่าราชการจังหวัดอุดรธานี", "person",
     "นายราชันย์ ซุ่นฮั้ว, Governor of Udon Thani"),
    ("นายสุทธิพงษ์ จุลเจริญ ปลัดกระทรวงมหาดไทย", "person",
     "นายสุทธิพงษ์ จุลเจริญ, Permanent Secretary for Interior"),
])
def test_a_value_leads_in_english(value: str, kind: str, lead: str) -> None:
    assert english_lead(value, kind) == lead


@pytest.mark.parametrize(("value", "kind"), [
    # A scale after the second number alone would scale it only: no lead, never 5-600,000.
    ("5-6 แสนบาท", "money"),
    # A post no glossary names stays Thai: the name is never cut from an unknown post.
    ("นายสมชาย ใจดี หัวหน้าฝ่ายธุรการ", "person"),
])
def test_a_value_that_cannot_be_rendered_faithfully_is_left_thai(value: str, kind: str) -> None:
    assert english_lead(value, kind) is None


@pytest.mark.parametrize(("value", "kind", "lead"), [
    ("กว่า 3,884.21 ล้านเหรียญสหรัฐ", "money", "more than 3,884.21 million US dollars"),
    ("ประมาณ 233,647 ล้านบาท", "money", "about 233,647 million baht"),
    ("ไม่น้อยกว่า 7 โซน", "count", "at least 7 zones"),
])
def test_a_qualifier_leads_in_english_with_the_value(value: str, kind: str, lead: str) -> None:
    assert lead_text(value, kind, True, "What was it?") == lead


def test_a_thai_reply_keeps_the_qualifier_in_thai() -> None:
    assert lead_text("กว่า 3,884.21 ล้านเหรียญสหรัฐ", "money", False, "มูลค่าเท่าไร") == \
        "กว่า 3,884.21 ล้านเหรียญสหรัฐ"


@pytest.mark.parametrize(("question", "unit"), [
    ("How many caregiver positions for dependent people did the government open?", "อัตรา"),
    ("How many zones in Chiang Mai city were warned of flooding?", "โซน"),
    ("How many hotspots were detected in Myanmar?", "จุด"),
])
def test_a_count_asks_in_the_unit_thai_counts_it_in(question: str, unit: str) -> None:
    assert (question_unit(question) or "").split("|")[0] == unit


@pytest.mark.parametrize(("question", "has", "lacks"), [
    ("What is the monthly wage for caregivers of dependent people?", "กี่บาท", "วารสาร"),
    ("How far above the river bank was the Ping River?", "ตลิ่ง", "ข้างต้น"),
    ("How many children were found in the pub raid?", "พบ", "จัด"),
])
def test_question_words_are_read_in_the_releases_sense(question: str, has: str,
                                                        lacks: str) -> None:
    thai = render_thai(question)
    assert has in thai and lacks not in thai


def test_a_count_of_households_is_not_opened_to_other_classifiers() -> None:
    units = (question_unit("How many households did ThaiQM aim to survey?") or "").split("|")
    assert "ราย" not in units and "คน" not in units


def test_title_deeds_are_counted_in_plots() -> None:
    q = "How many land title deeds did the Department of Lands target in fiscal 2025?"
    assert (question_unit(q) or "").split("|")[0] == "แปลง"


def test_a_titled_name_read_as_a_phrase_leads_as_a_person() -> None:
    assert english_lead("นายอภินันท์ เผือกผ่อง ผู้ว่าราชการจังหวัดนครศรีธรรมราช", "text") == \
        "นายอภินันท์ เผือกผ่อง, Governor of Nakhon Si Thammarat"
