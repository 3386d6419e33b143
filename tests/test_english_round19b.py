"""English questions, round 19b: the glossary's possessive phrases, general release words,
leads of the wrong person or number, and provinces named in English.

Kinds: a glossary phrase written with "'s" ("Prime Minister's Office") never matched a
question, whose words are looked up without it; general words of releases the word lists
give another sense of ("drones" ผึ้งตัวผู้, "stroke" การตี, "panel" แผ่น, "reserve"
ของสำรอง); a lead that is the person the question names, the deputy of the post asked (or
the post whose deputy is asked), a clock time for a count, or the question's own count;
an English reply naming a province in Thai ("ตรัง province").
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from releases import FILLERS, ask_over, news

from bot.answering.english import render_thai, thai_terms
from bot.answering.lead_kind import wrong_lead_kind
from bot.answering.places import province_english


@pytest.mark.parametrize(("question", "term"), [
    ("Who was the Prime Minister's Office spokesman at the event?", "สำนักนายกรัฐมนตรี"),
    ("How much did the Women's Development Fund lend?", "กองทุนพัฒนาบทบาทสตรี"),
    ("Which Comptroller General's Department official spoke?", "กรมบัญชีกลาง"),
])
def test_a_glossary_phrase_with_a_possessive_is_found(question: str, term: str) -> None:
    assert term in render_thai(question).split(), render_thai(question)


@pytest.mark.parametrize(("question", "term", "not_term"), [
    ("Where did the minister promote farm drones?", "โดรน", "ผึ้งตัวผู้"),
    ("When was the walk against stroke held?", "โรคหลอดเลือดสมอง", "การตี"),
    ("Who joined the panel on inequality?", "เวที", "แผ่น"),
    ("From what date could people reserve registration numbers?", "จอง", "ของสำรอง"),
    ("Who chairs the committee on informal debt?", "คณะกรรมการ", "สารละลาย"),
    ("Who applied for the master's programme?", "ปริญญาโท", "นายช่าง"),
    ("Which Privy Councillor chaired the meeting?", "องคมนตรี", "Privy"),
    ("How many entries were sent to the contest?", "ผลงาน", "รายการเพิ่ม"),
])
def test_general_release_words_in_the_releases_sense(question: str, term: str,
                                                     not_term: str) -> None:
    words = render_thai(question).split()
    assert term in words and not_term not in words, render_thai(question)


def test_a_lead_of_the_wrong_person_or_number_is_refused() -> None:
    named = "Which member of parliament's debate did Anutin answer?\nใคร ส.ส. อนุทิน"
    assert wrong_lead_kind(named, "person", "person", "นายอนุทิน ชาญวีรกูล รองนายกรัฐมนตรี") \
        == "no person"
    assert wrong_lead_kind(named, "person", "person", "นายจุลพงศ์ อยู่เกษ ส.ส.") is None
    deputy = "Which deputy governor opened it?\nรองผู้ว่าราชการจังหวัดสกลนคร อะไร"
    assert wrong_lead_kind(deputy, "person", "person",
                           "นายณัฐวัสส์ วิริยานภาภรณ์ ผู้ว่าราชการจังหวัดสกลนคร") == "no person"
    assert wrong_lead_kind(deputy, "person", "person",
                           "นายพิสิษฐ์ แร่ทอง รองผู้ว่าราชการจังหวัดสกลนคร") is None
    holder = "Who is the UNHCR representative?\nใคร UNHCR ผู้แทน รองปลัดกระทรวง"
    assert wrong_lead_kind(holder, "person", "person", "Ms. Nivene Albert",
                           after=") รองผู้แทน UNHCR ประจำประเทศไทย") == "no person"
    assert wrong_lead_kind(holder, "person", "person", "Ms. Tammy Sharpe",
                           after=") ผู้แทน UNHCR ประจำประเทศไทย") is None
    opened = "Which governor opened the training?\nผู้ว่าราชการจังหวัด เปิด"
    assert wrong_lead_kind(opened, "person", "person", "นายสมชาย ใจดี ผู้ว่าราชการจังหวัดน่าน",
                           after=" มอบหมายให้ นายสมศักดิ์ รักงาน รองผู้ว่าราชการจังหวัด") \
        == "no person"
    assert wrong_lead_kind("Who assigned the deputy?\nมอบหมาย", "person", "person",
                           "นายสมชาย ใจดี ผู้ว่าราชการจังหวัดน่าน", after=" มอบหมายให้") is None
    # Who held a post is not who did an act: the holder who hands a task on is still it.
    assert wrong_lead_kind("อธิบดีกรมคุ้มครองสิทธิ เมื่อพฤษภาคม 2564 ชื่ออะไร", "person", "person",
                           "นายเรืองศักดิ์ สุวารี อธิบดีกรมคุ้มครองสิทธิและเสรีภาพ",
                           after=" มอบหมายให้ นายสมชาย") is None
    entries = "How many entries were sent?\nผลงาน ส่ง จำนวนเท่าไร"
    assert wrong_lead_kind(entries, "count", "time", "09.30 น.") == "no number"
    assert wrong_lead_kind(entries, "count", "count", "4,064 ผลงาน") is None
    cycle = "How many water sources for the sixth-cycle birthday?\nแหล่งน้ำ 6 รอบ จำนวนเท่าไร"
    assert wrong_lead_kind(cycle, "count", "count", "6 รอบ พร้อมดำเนิน") == "no number"
    assert wrong_lead_kind(cycle, "count", "count", "107 แห่ง") is None
    privy = "Which Privy Councillor chaired the meeting?\nองคมนตรี ประธาน อะไร"
    assert wrong_lead_kind(privy, "what", "place", "ที่ทำเนียบองคมนตรี") == "no person"
    rate = "What was the absorption rate of the housing market?\nอัตราการดูดซับ อะไร"
    assert wrong_lead_kind(rate, "what", "org", "ธนาคารอาคารสงเคราะห์ (REIC)") == "no number"
    assert wrong_lead_kind(rate, "what", "percent", "ร้อยละ 4.7") is None


GOVERNOR = news(
    1, "ผู้ว่าฯ สกลนคร เปิดการฝึกอบรม ชรบ. อำเภอส่องดาว",
    "วันที่ 12 มีนาคม 2567 นายณัฐวัสส์ วิริยานภาภรณ์ ผู้ว่าราชการจังหวัดสกลนคร "
    "เป็นประธานเปิดการฝึกอบรมชุดรักษาความปลอดภัยหมู่บ้าน (ชรบ.) อำเภอส่องดาว "
    "มีผู้เข้ารับการฝึกอบรม 120 คน", "2024-03-12")


def test_a_deputy_asked_is_not_answered_by_the_governor(make_app: Any, tmp_path: Path) -> None:
    ans = ask_over(make_app, tmp_path, [GOVERNOR, *FILLERS],
                   "Which Sakon Nakhon deputy governor opened the village security volunteer "
                   "training in Song Dao district in March 2024?")
    assert not ans.found or "ณัฐวัสส์" not in ans.point.partition(" — ")[0], ans.point


def test_provinces_are_named_in_english() -> None:
    assert province_english("ลำปาง") == "Lampang province"
    assert province_english("จังหวัดนครศรีธรรมราช") == "Nakhon Si Thammarat province"
    assert province_english("กรุงเทพมหานคร") == "Bangkok"
    # A name the gazetteer does not know (a list's typing error) is kept as written.
    assert province_english("ลำปางก") == "ลำปางก province"


@pytest.mark.parametrize(("question", "qtype"), [
    ("Which Bank of Thailand deputy governor did the minister meet in May 2022?", "person"),
    ("Which Privy Councillor chaired the meeting in September 2022?", "person"),
    ("Which province did the governor visit in May 2025?", "place"),
    ("Which ministry did the minister lead?", "org"),
])
def test_a_post_asked_with_which_asks_a_person(question: str, qtype: str) -> None:
    # "Which Bank of Thailand deputy governor" was asked as "ธนาคารใด" (a bank), "Which
    # Privy Councillor" as "อะไร": the post three words on, or a post the list lacked.
    assert thai_terms(question)[1] == qtype, render_thai(question)
