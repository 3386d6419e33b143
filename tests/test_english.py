"""English questions rendered in Thai (bot.answering.english), and English leads."""

from __future__ import annotations

import re

import geothai
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.answering.english import (
    count_lead,
    english_lead,
    find_names,
    name_key,
    name_runs,
    question_unit,
    render_thai,
    thai_terms,
)
from bot.answering.question import analyse_question
from indexer.tokenize import tokenize
from knowledge.thai import MONTHS_FULL, MONTHS_SHORT

EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")


@pytest.mark.parametrize(
    ("question", "qtype", "unit"),
    [
        ("How many provinces did UNDP select?", "count", "จังหวัด"),
        ("How many households joined the waste bank in Chiang Rai?", "count", "ครัวเรือน"),
        ("How many people attended the seminar?", "count", "คน"),
        ("How many schools were built in the three districts?", "count", "แห่ง"),
        ("At how many Community Development Study and Training Centres was the course held?",
         "count", "แห่ง"),
        ("How many tons of rubbish were sold?", "count", "ตัน"),
        ("How many villages took part?", "count", "หมู่บ้าน"),
        ("How many times did the committee meet in 2023?", "count", "ครั้ง"),
        ("How much did the new bridge in Surin cost?", "count", "บาท"),
        ("How much revenue did the fair earn?", "count", "บาท"),
        ("How long did the campaign last?", "count", "ปี|เดือน|สัปดาห์|วัน|ชั่วโมง|ชม.|นาที"),
        ("How many local administrative organizations joined the project?", "count", "แห่ง"),
        ("What were the total sales of the fair?", "count", "บาท"),
        ("Who chaired the meeting?", "person", None),
        ("Who opened the OTOP fair in Songkhla?", "person", None),
        ("What is the name of the governor who led the campaign?", "person", None),
        ("Where was the MOI Waste Bank ceremony held?", "place", None),
        ("In which province was the pilot project launched?", "place", None),
        ("In which country was the summit held?", "place", None),
        ("When did the Kick Off event take place?", "date", None),
        ("On what date was the agreement signed?", "date", None),
        ("What is the title of the keynote speech?", "title", None),
    ],
)
def test_rendering_keeps_the_question_type_and_unit(question: str, qtype: str, unit: str | None
                                                    ) -> None:
    rendered = render_thai(question)
    info = analyse_question(rendered)
    assert info.language == "th", rendered
    assert (info.qtype, info.unit) == (qtype, unit), rendered


def test_budget_question_asks_for_the_budget_in_baht() -> None:
    rendered = render_thai("How much budget did the ministry allocate to the SDGs project?")
    assert "งบประมาณเท่าไร" in rendered
    info = analyse_question(rendered)
    assert info.qtype == "count" and info.unit is not None and "บาท" in info.unit


@pytest.mark.parametrize(
    ("question", "thai"),
    [
        ("Which quarter does this project report on?", "ไตรมาสใด"),
        ("Who chaired the meeting?", "ใคร"),
        ("Who chaired the meeting?", "เป็นประธาน"),
        ("Where is the training centre?", "ที่ไหน"),
        ("When will the fair open?", "เมื่อไร"),
        ("What percentage of households sort their waste?", "ร้อยละเท่าไร"),
        ("What level did the indicator reach?", "ระดับเท่าไร"),
        ("Which department will repair the road?", "กรมใด"),
    ],
)
def test_question_words(question: str, thai: str) -> None:
    assert thai in render_thai(question)


def test_who_comes_first_as_in_thai() -> None:
    assert render_thai("Who chaired the meeting?").startswith("ใคร")


@pytest.mark.parametrize(("question", "phrase", "absent"), [
    ("What time is it in London?", "กี่โมง", "ครั้ง"),
    ("What time did the fair open in Chiang Mai?", "กี่โมง", "ครั้ง"),
    ("Which day will the fair open?", "เมื่อไร", "วัน "),
])
def test_the_asked_period_is_the_question_phrase_not_a_word_to_find(
        question: str, phrase: str, absent: str) -> None:
    """"What time": the noun says the kind of answer; rendered, "time" was ครั้ง (times)."""
    rendered = render_thai(question, alternatives=False)
    assert rendered.endswith(phrase) and absent not in rendered, rendered


@pytest.mark.parametrize("province", geothai.provinces(), ids=lambda p: p.name_en)
def test_every_province_maps_to_its_thai_name(province: geothai.Province) -> None:
    rendered = render_thai(f"How many waste banks are there in {province.name_en}?")
    assert province.name_th in rendered.split()


@pytest.mark.parametrize(
    ("english", "thai"),
    [("Lopburi", "ลพบุรี"), ("Korat", "นครราชสีมา"), ("Ayutthaya", "พระนครศรีอยุธยา"),
     ("Chiangmai", "เชียงใหม่"), ("Nong Bua Lam Phu", "หนองบัวลำภู"), ("Bang Yai", "บางใหญ่"),
     ("Phnom Penh", "พนมเปญ"), ("Kuala Lumpur", "กัวลาลัมเปอร์")],
)
def test_place_spellings(english: str, thai: str) -> None:
    assert thai in render_thai(f"What happened in {english} last year?")


def test_district_names_need_a_capital_letter() -> None:
    # "Song" is a district of Phrae; the English word "song" is not.
    assert "สอง" not in render_thai("Which song did the students sing?").split()
    assert "สอง" in render_thai("Which temples are in Song district?").split()


@pytest.mark.parametrize("month", range(1, 13))
def test_months_and_years_become_thai_dates(month: int) -> None:
    name = EN_MONTHS[month - 1]
    rendered = render_thai(f"What happened on 5 {name} 2024?")
    assert f"5 {MONTHS_FULL[month - 1]} 2567" in rendered
    assert f"5 {MONTHS_SHORT[month - 1]} 67" in rendered
    short = render_thai(f"What was launched in {name[:3]} 2022?")
    assert f"{MONTHS_FULL[month - 1]} 2565" in short and f"{MONTHS_SHORT[month - 1]} 65" in short


@pytest.mark.parametrize(
    ("question", "thai"),
    [
        ("What did the governor say on November 24, 2020?", "24 พฤศจิกายน 2563"),
        ("What was held on 20-23 February 2024?", "20-23 กุมภาพันธ์ 2567"),
        ("What was approved in fiscal year 2023?", "ปีงบประมาณ 2566"),
        ("What was spent in FY66?", "ปีงบประมาณ 2566"),
        ("What was reported in Q3?", "ไตรมาส 3"),
        ("What was reported in the second quarter?", "ไตรมาสที่ 2"),
        ("Where was the 8th meeting held?", "ครั้งที่ 8"),
        ("What happened at the 72nd pageant?", "ครั้งที่ 72"),
        ("What is the rate of the 15-year bond?", "15 ปี"),
        ("Which project got 21 million baht?", "21 ล้านบาท"),
        ("Which projects started in 2019?", "2562"),
        ("What may change in May?", "พฤษภาคม"),
        # Fiscal years as English writes them besides "fiscal year 2023".
        ("How much was allocated in fiscal 2568?", "ปีงบประมาณ 2568"),
        ("How much was allocated in fiscal 2025?", "ปีงบประมาณ 2568"),
        ("What did the 2024 fiscal year budget fund?", "ปีงบประมาณ 2567"),
        ("What was the budget year 2566 target?", "ปีงบประมาณ 2566"),
        # A year before a comma is a year ("2024, according to …").
        ("How many units were sold in the third quarter of 2024, according to REIC?",
         "ไตรมาส 3 ไตรมาสที่ 3 ปี 2567"),
        ("What was sold in 2023, and where?", "2566"),
    ],
)
def test_numbers_and_dates(question: str, thai: str) -> None:
    assert thai in render_thai(question)


def test_may_the_verb_is_not_a_month() -> None:
    assert "พฤษภาคม" not in render_thai("Which agencies may join the network?")


@pytest.mark.parametrize(
    ("question", "kept"),
    [("What did the MOI Waste Bank project achieve?", "MOI Waste Bank"),
     ("How many provinces did UNDP select?", "UNDP"),
     ("When was the Kick Off?", "Kick Off")],
)
def test_names_thai_text_keeps_in_latin_stay(question: str, kept: str) -> None:
    assert kept in render_thai(question)


def test_ministry_vocabulary() -> None:
    rendered = render_thai("Which Department of Local Administration officials visited the "
                           "Damrong Dhamma Center?")
    assert "กรมส่งเสริมการปกครองท้องถิ่น" in rendered
    assert "ศูนย์ดำรงธรรม" in rendered


def test_rendered_words_meet_the_thai_document() -> None:
    doc = set(tokenize("โดยในเบื้องต้นจะนำไปปฏิบัติใน 15 จังหวัดนำร่องที่ทาง UNDP ได้คัดเลือก"))
    query = set(tokenize(render_thai("How many provinces did UNDP select?")))
    assert {"จังหวัด", "undp", "คัดเลือก"} <= doc & query


def test_words_nothing_knows_are_left_out() -> None:
    rendered = render_thai("What did the bookbuild xyzzyq settle?")
    assert "bookbuild" not in rendered and "xyzzyq" not in rendered


def test_prepositions_bring_no_thai_words() -> None:
    # WordNet glosses "behind" and "across" as ช้า and ตรงข้าม: not search words.
    assert render_thai("What is behind the hall across the road?").split() == [
        "ห้องประชุม", "หอประชุม", "ถนน", "อะไร"]


def test_name_key_is_equal_for_thai_and_english_spellings() -> None:
    assert name_key("อนุพงษ์") == name_key("Anupong")
    assert name_key("อนุพงษ์เผ่าจินดา") == name_key("AnupongPaochinda")
    assert name_key("สุทธิพงษ์จุลเจริญ") == name_key("SutthiphongJulcharoen")
    assert name_key("อนุพงษ์") != name_key("Prayut")


@pytest.mark.parametrize(
    ("value", "kind", "lead"),
    [
        ("15 จังหวัด", "count", "15 provinces"),
        ("1 จังหวัด", "count", "1 province"),
        ("961 ครัวเรือน", "count", "961 households"),
        ("164,130 คน", "count", "164,130 people"),
        ("418 แห่ง", "count", "418 sites"),
        ("7,849 อปท.", "count", "7,849 local administrative organisations"),
        ("๑๔,๖๕๘ แห่ง", "count", "14,658 sites"),
        ("9,684,500 บาท", "money", "9,684,500 baht"),
        ("2.5 ล้านบาท", "money", "2.5 million baht"),
        ("122,830 ล้านบาท", "money", "122,830 million baht"),
        ("1.5 พันล้านบาท", "money", "1.5 billion baht"),
        ("5 แสนบาท", "money", "500,000 baht"),
        ("2.5 หมื่นบาท", "money", "25,000 baht"),
        # A Thai scale word before a count's unit belongs to the number.
        ("1 พันชิ้น", "count", "1,000 pieces"),
        ("2.5 หมื่นคน", "count", "25,000 people"),
        ("3 แสนครัวเรือน", "count", "300,000 households"),
        ("ไตรมาสที่ 2", "text", "quarter 2"),
        ("ไตรมาส 2/2566", "text", "Q2 of fiscal year 2023"),
        # A quarter in any form the releases write it leads in English, never in Thai.
        ("ไตรมาสที่ 3 ของปีงบประมาณ 2566", "text", "Q3 of fiscal year 2023"),
        ("ไตรมาสที่ 3 ปีงบประมาณ 2566", "date", "Q3 of fiscal year 2023"),
        ("ไตรมาส 3 / ปีงบประมาณ 2566", "text", "Q3 of fiscal year 2023"),
        ("ไตรมาสที่ ๓ ปีงบประมาณ พ.ศ. ๒๕๖๖", "count", "Q3 of fiscal year 2023"),
        ("ไตรมาส 3 ปีงบ 66", "text", "Q3 of fiscal year 2023"),
        ("ไตรมาสแรก", "text", "quarter 1"),
        ("ไตรมาสที่สอง", "date", "quarter 2"),
        ("ไตรมาสสุดท้าย", "text", "quarter 4"),
        ("ไตรมาส 4 ปี 2563", "text", "Q4 of 2020"),  # "ปี" alone: a calendar year's quarter
        ("ไตรมาสแรกของปี 2567", "date", "Q1 of 2024"),
        ("เวลา 09.30 น.", "date", "09:30"),
        ("ปีงบประมาณ 2567", "date", "fiscal year 2024"),
        ("อำเภอบางใหญ่", "place", "Bang Yai district"),
        ("ร้อยละ 40", "percent", "40%"),
        ("2.95 แสนล้านบาท", "money", "295 billion baht"),  # two Thai multipliers
        ("9.3 หมื่นล้านบาท", "money", "93 billion baht"),
        ("3.48 ล้านล้านบาท", "money", "3.48 trillion baht"),
        ("1.652%", "percent", "1.652%"),
        ("40 เปอร์เซ็นต์", "percent", "40%"),
        ("ระดับ 5", "level", "level 5"),
        ("1 พฤษภาคม 2567", "date", "1 May 2024"),
        ("1 พ.ค. 67", "date", "1 May 2024"),
        ("๙ ธันวาคม ๒๕๖๖", "date", "9 December 2023"),
        ("20 - 23 กุมภาพันธ์ 2567", "date", "20–23 February 2024"),
        ("พฤษภาคม 2567", "date", "May 2024"),
        ("พ.ศ. 2567", "date", "2024"),
        ("จังหวัดเชียงใหม่", "place", "Chiang Mai province"),
        ("ณ จังหวัดกำแพงเพชร", "place", "Kamphaeng Phet province"),
        # A district with its province: both in English, not the district left in Thai.
        ("อำเภอพระพรหม จังหวัดนครศรีธรรมราช", "place",
         "Phra Phrom district, Nakhon Si Thammarat province"),
        ("อ.เมืองน่าน จ.น่าน", "place", "Mueang Nan district, Nan province"),
        ("อินเดีย", "place", "India"),
        ("ประเทศอินเดีย", "place", "India"),
        ("พนมเปญ", "place", "Phnom Penh"),
        ("กรมทางหลวงชนบท", "org", "Department of Rural Roads"),
        ("กระทรวงมหาดไทย", "org", "Ministry of Interior"),
        ("Sustainability Expo 2024", "title", "Sustainability Expo 2024"),
        ("1567", "text", "1567"),
    ],
)
def test_english_lead(value: str, kind: str, lead: str) -> None:
    assert english_lead(value, kind) == lead


@pytest.mark.parametrize(
    ("value", "kind"),
    [("นายสุทธิพงษ์ จุลเจริญ", "person"), ("ห้องประชุมราชบพิธ ชั้น 5", "place"),
     ("การคัดแยกขยะต้นทาง", "text"), ("5 ตะกร้า", "count"), ("", "money")],
)
def test_english_lead_declines_what_it_cannot_render(value: str, kind: str) -> None:
    assert english_lead(value, kind) is None


ODD = ["", " ", "1234", "๑๒๓", "?", "🙂🙂🙂", "how many", "Who?", "x" * 10_000,
       "How many provinces " * 600, "ใครเป็นประธาน", "\x00\x1b[31m", "May May May",
       "99999999999999999999 baht in FY9999 Q9 on 99 Nov 99999", "31 February 2024"]


@pytest.mark.parametrize("text", ODD)
def test_odd_input_never_raises(text: str) -> None:
    rendered = render_thai(text)
    assert isinstance(rendered, str) and len(rendered) < 5000
    for kind in ("money", "count", "percent", "level", "date", "person", "place", "org",
                 "title", "text"):
        lead = english_lead(text, kind)
        assert lead is None or isinstance(lead, str)


def test_question_without_words_gives_nothing() -> None:
    assert render_thai("") == "" and render_thai("🙂?!") == ""


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_any_text_renders(text: str) -> None:
    assert isinstance(render_thai(text), str)
    assert english_lead(text, "date") is None or isinstance(english_lead(text, "date"), str)


def test_terms_group_the_alternatives_of_one_thing() -> None:
    terms, qtype, qword = thai_terms("How many provinces did the governor of Chiang Rai visit?")
    assert ("ผู้ว่าราชการจังหวัด", "ผู้ว่าฯ") in terms
    assert ("เชียงราย",) in terms
    assert (qtype, qword) == ("count", "กี่จังหวัด")


def test_without_alternatives_each_term_gives_its_usual_form() -> None:
    q = "Did the governor open the OTOP fair in November 2022?"
    short = render_thai(q, alternatives=False).split()
    full = render_thai(q).split()
    assert "ผู้ว่าราชการจังหวัด" in short and "ผู้ว่าฯ" not in short and "ผู้ว่าฯ" in full
    assert "พ.ย." not in short and "พ.ย." in full
    assert set(short) <= set(full)


def test_provinces_in_lower_case() -> None:
    assert "กำแพงเพชร" in render_thai("how many check dams did kamphaeng phet build")
    assert "นครศรีธรรมราช" in render_thai("who is the governor of nakhon si thammarat")
    assert "น่าน" not in render_thai("what does nan mean").split()


# -- names found in the documents read ----------------------------------------------------

PAGEANT = ("57 ปีที่รอคอย ‘โอปอล สุชาตา’ สร้างประวัติศาสตร์ คว้ามงกุฎ Miss World ครั้งที่ 72 "
           "ณ ประเทศอินเดีย")


@pytest.mark.parametrize(
    ("question", "text", "found"),
    [
        ("In which country did Opal Suchata win Miss World?", PAGEANT,
         {"Opal Suchata": "โอปอล สุชาตา"}),
        ("Where did Darun Witthaya School receive its award?",
         "โรงเรียนดรุณวิทยา เทศบาลเมืองน่าน ได้รับรางวัล", {"Darun Witthaya": "ดรุณวิทยา"}),
        ("When did the Si Mongkhon Wachiranusorn bridge collapse?",
         "สะพานศรีมงคลวชิรานุสรณ์ ข้ามแม่น้ำปิง ขาด", {
             "Si Mongkhon Wachiranusorn": "ศรีมงคลวชิรานุสรณ์"}),
        # A name of one consonant class is found by its spelling.
        ("How many trucks joined the Khao Khayai restoration?",
         "กิจกรรมรวมพลังฟื้นฟูเขาขยาย จากเขาทะเลทราย", {"Khao Khayai": "เขาขยาย"}),
        # A first name and a family name one space apart, spelt their owner's way (a
        # name the glossary does not know: it renders "Anupong Paochinda" itself).
        ("Whom did Natthaphon Nakpanich welcome?", "พลเอก ณัฐพล นาคพาณิชย์ รัฐมนตรีช่วยว่าการ",
         {"Natthaphon Nakpanich": "ณัฐพล นาคพาณิชย์"}),
    ],
)
def test_names_are_found_in_thai_spelling(question: str, text: str,
                                          found: dict[str, str]) -> None:
    assert find_names(question, [text]) == found


def test_names_not_found_by_chance() -> None:
    # "Mount" and มูลนิธิ share a consonant skeleton but not their sound; a province the
    # gazetteer knows keeps the gazetteer's Thai; nothing is found where nothing is written.
    assert find_names("How tall is Mount Everest?", ["มูลนิธิเพื่อการศึกษา"]) == {}
    assert find_names("How many schools are in Nan?", ["จังหวัดน่าน นานาชาติ"]) == {}
    assert find_names("Who is Opal Suchata?", ["ไม่มีชื่อนี้ในข้อความ"]) == {}
    assert find_names("Who is Opal Suchata?", []) == {}


def test_found_names_are_searched_in_thai() -> None:
    question = "In which country did Opal Suchata win Miss World?"
    assert "โอปอล สุชาตา" not in render_thai(question)
    rendered = render_thai(question, names=find_names(question, [PAGEANT]))
    assert "โอปอล สุชาตา" in rendered and "ประเทศใด" in rendered


def test_name_runs() -> None:
    assert name_runs("In which country was the 72nd Miss World pageant, won by Thailand's "
                     "Opal Suchata, held?") == ["Miss World", "Thailand Opal Suchata"]
    assert name_runs("how many trucks came?") == []
    assert name_runs("Where was the fair held on 1 May 2024?") == []


@pytest.mark.parametrize(
    ("question", "first", "others"),
    [
        ("How many local administrative organizations did Chiang Rai invite?", "แห่ง",
         {"องค์กรปกครองส่วนท้องถิ่น", "อปท."}),
        ("How many check dams did the province build?", "แห่ง", {"ฝาย"}),
        ("What interest rate did the office lock in?", "%", {"เปอร์เซ็นต์"}),
        ("How many people came?", "คน", set()),
    ],
)
def test_question_unit_names_each_way_a_count_is_written(question: str, first: str,
                                                         others: set[str]) -> None:
    unit = question_unit(question)
    assert unit is not None
    assert unit.split("|")[0] == first and others <= set(unit.split("|"))


def test_question_unit_of_other_questions() -> None:
    assert question_unit("Who chaired the meeting?") is None
    assert question_unit("How much did it cost?") is None  # money: baht, as Thai asks
    assert question_unit("") is None


def test_how_many_people_counts_without_a_word_for_people() -> None:
    rendered = render_thai("How many people passed the training course?")
    assert rendered.endswith("กี่คน") and "ประชาชน" not in rendered


def test_provinces_are_also_searched_with_their_kind() -> None:
    rendered = render_thai("Which village in Kamphaeng Phet held the fair?")
    assert "จังหวัดกำแพงเพชร" in rendered
    assert "จังหวัดกำแพงเพชร" not in render_thai("Which village in Kamphaeng Phet held the fair?",
                                                 alternatives=False)


def test_loan_words_only_those_the_archive_writes() -> None:
    assert "บิฮาล์ฟ" not in render_thai("Who chaired the meeting on behalf of the governor?")
    assert "สมาร์ตโฟน" in render_thai("How many smartphones were given?")


@given(st.text(max_size=200))
@settings(max_examples=100, deadline=None)
def test_find_names_never_raises(text: str) -> None:
    assert isinstance(find_names(text, [text, PAGEANT]), dict)
    assert isinstance(name_runs(text), list)
    question_unit(text)


def test_english_question_finds_a_name_the_documents_write_in_thai(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    """Only the Thai spelling of the name tells the two pageants apart."""
    import json

    from bot.answering import Answerer
    from bot.app import open_app
    from bot.config import Settings
    from bot.documents import ingest_paths

    home = tmp_path_factory.mktemp("enhome")
    docs = tmp_path_factory.mktemp("endocs") / "news.jsonl"
    rows = [
        {"title": "57 ปีที่รอคอย ‘โอปอล สุชาตา’ คว้ามงกุฎ Miss World", "date": "2025-06-01",
         "kind": "news", "source": "https://example.invalid/opal",
         "text": "นายกรัฐมนตรีแสดงความยินดีกับ โอปอล สุชาตา ช่วงศรี ที่คว้ามงกุฎ Miss World "
                 "ครั้งที่ 72 ซึ่งจัดขึ้น ณ ประเทศอินเดีย เมื่อวันที่ 31 พฤษภาคม 2568 "
                 "นับเป็นชาวไทยคนแรกที่ได้ตำแหน่งนี้ในรอบ 57 ปี"},
        {"title": "นางงามไทยคว้ามงกุฎ Miss World ภาคพื้นเอเชีย", "date": "2022-03-01",
         "kind": "news", "source": "https://example.invalid/other",
         "text": "ตัวแทนประเทศไทยคว้ามงกุฎ Miss World ภาคพื้นเอเชีย ครั้งที่ 70 "
                 "ซึ่งจัดขึ้น ณ ประเทศเปอร์โตริโก โดยได้รับกำลังใจจากแฟนนางงามชาวไทย"},
        {"title": "กระทรวงมหาดไทยจัดงานมหกรรมผ้าไทย", "date": "2025-05-20", "kind": "news",
         "source": "https://example.invalid/fabric",
         "text": "กระทรวงมหาดไทยจัดงานมหกรรมผ้าไทย ณ ศูนย์การค้าในกรุงเทพมหานคร "
                 "มีผู้เข้าร่วมงานกว่า 5,000 คน และมีการประกวดชุดผ้าไทยจากทุกภูมิภาค"},
    ]
    docs.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                    encoding="utf-8")
    app = open_app(Settings(home=home))
    try:
        ingest_paths(app.db, app.index, [docs])
        answer = Answerer(app.db, app.index).ask(
            "In which country did Opal Suchata win the Miss World crown?")
    finally:
        app.close()
    assert answer.found and answer.language == "en"
    assert answer.sources[0].title.startswith("57 ปีที่รอคอย")
    assert re.search(r"India|อินเดีย", answer.point[:100]), (answer.point, answer.debug)


@pytest.mark.parametrize(
    ("question", "value", "lead"),
    [
        ("At how many Community Development Study and Training Centres was the course held?",
         "9 แห่ง", "9 centres"),
        ("How many local administrative organizations joined the project?", "99 แห่ง",
         "99 local administrative organizations"),
        ("About how many water trucks joined the restoration?", "30 คัน", "30 water trucks"),
        ("How many households are members of the waste bank?", "961 ครัวเรือน",
         "961 households"),
        # A number in a unit the question does not ask for is not a count of its noun.
        ("How many awards did the department give?", "2564 โดย", None),
        ("How many households joined?", "15 ตัน", None),
        ("Who chaired the meeting?", "15 คน", None),
    ],
)
def test_count_lead_in_the_question_own_noun(question: str, value: str, lead: str | None
                                             ) -> None:
    assert count_lead(value, question) == lead


def test_romanisation_without_the_trie_equals_pythainlps(monkeypatch: pytest.MonkeyPatch) -> None:
    """royin segmenting through the cached word list romanises as with PyThaiNLP's own trie."""
    from pythainlp.tokenize import newmm, word_dict_trie
    from pythainlp.transliterate import romanize

    from bot.answering import english
    from knowledge.worddict import default_words

    english._royin()  # points newmm's default dictionary at the word list (if not built)
    monkeypatch.setattr(newmm, "word_dict_trie", default_words)  # even if it was built
    rows = [line.split("\t") for line in english.NAMES_FILE.read_text(encoding="utf-8")
            .splitlines() if line and not line.startswith("#")]
    words = [r[1] for r in rows[:400]] + ["ทดสอบ", "กระทรวงมหาดไทย", "สุทธิพงษ์ จุลเจริญ"]
    ours = [english._royin()(w) for w in words]
    monkeypatch.setattr(newmm, "word_dict_trie", word_dict_trie)  # PyThaiNLP's Trie
    theirs = [romanize(w, engine="royin") for w in words]
    assert ours == theirs
    assert len(set(ours)) > 300  # real romanisations, not one fallback


# --- tenth English round ------------------------------------------------------------------


def test_word_list_renderings_are_unsure_and_the_glossary_sure() -> None:
    from bot.answering.english import unsure_terms

    q = "Where did the Phatthalung governor lead 999 women in the worship dance?"
    unsure = unsure_terms(q)
    terms, _, _ = thai_terms(q)
    firsts = {t[0] for t in terms}
    # "lead", "worship", "dance" only WordNet renders; the post, the province and the
    # number are sure.
    assert unsure and unsure <= firsts
    assert not {"ผู้ว่าราชการจังหวัด", "พัทลุง", "999"} & unsure
    assert unsure_terms("Who is the governor of Chiang Rai?") == frozenset()


def test_unsure_tokens_weigh_less_and_never_a_sure_terms_token() -> None:
    from bot.answering.answerer import UNSURE_TERM_WEIGHT, _english_unsure_tokens

    assert 0 < UNSURE_TERM_WEIGHT < 1
    q = "Where did the Phatthalung governor lead 999 women in the worship dance?"
    unsure = _english_unsure_tokens(q)
    assert unsure
    sure = set(tokenize("ผู้ว่าราชการจังหวัด พัทลุง 999"))
    assert not unsure & sure


@pytest.mark.parametrize(
    ("english", "thai"),
    [("Thammasat", "ธรรมศาสตร์"), ("Sapphasit", "สรรพสิทธิ์"), ("Srisuk", "ศรีสุข"),
     ("Thongsri", "ทองศรี")],
)
def test_name_key_reads_ror_han_and_a_silent_sri_r(english: str, thai: str) -> None:
    assert name_key(english) == name_key(thai)


@pytest.mark.parametrize(
    ("question", "year", "not_kept"),
    [("What is the total FY2026 (B.E. 2569) budget expenditure?", "2569", "B.E"),
     ("What was approved in 2567 BE?", "2567", "BE"),
     ("What was approved in 2024 CE?", "2567", "CE"),
     ("What was approved in A.D. 2023?", "2566", "A.D")],
)
def test_a_year_with_its_era_is_that_year(question: str, year: str, not_kept: str) -> None:
    thai = render_thai(question)
    assert year in thai.split()
    assert not_kept not in thai


@pytest.mark.parametrize(
    ("question", "unit"),
    [("How many meth pills were seized in That Phanom?", "เม็ด"),
     ("How many monks received alms in the ceremony?", "รูป"),
     ("How many informal debtors had entered mediation?", "ราย")],
)
def test_how_many_takes_the_thai_classifier(question: str, unit: str) -> None:
    assert (question_unit(question) or "").split("|")[0] == unit
    assert thai_terms(question)[2] == f"กี่{unit}"


def test_how_much_with_nothing_measured_asks_money() -> None:
    assert thai_terms("How much was the National Housing Authority's 2020 social bond?")[1] \
        == "money"
    assert thai_terms("How much did the province receive from the fund?")[1] == "money"
    # "how much water" measures the water, not money.
    assert thai_terms("How much water was the dam releasing?")[1] == "count"


def test_a_place_asked_through_a_preposition() -> None:
    _, qtype, qword = thai_terms("Through which permanent border checkpoint in Trat were six "
                                 "Thais sent to Cambodia?")
    # A border checkpoint is named as Thai names a crossing (จุดผ่านแดนถาวรบ้านหาดเล็ก).
    assert (qtype, qword) == ("place", "จุดผ่านแดนใด ที่ไหน")


def test_numbers_in_words_are_digits() -> None:
    terms, _, _ = thai_terms("Through which checkpoint were six Thais sent to Cambodia?")
    assert ("6",) in terms


def test_interior_alone_is_the_ministry() -> None:
    assert "มหาดไทย" in render_thai("Who was the Permanent Secretary of Interior in 2025?").split()


@pytest.mark.parametrize(
    ("question", "value", "lead"),
    [("How many provinces get the LED smart signs?", "76 จังหวัด", "76 provinces"),
     ("How many staff work at the centre?", "12 คน", "12 staff"),
     ("How many water trucks joined?", "30 คัน", "30 water trucks")],
)
def test_a_count_leads_in_the_counted_noun_without_its_verb(
        question: str, value: str, lead: str) -> None:
    assert count_lead(value, question) == lead


@pytest.mark.parametrize(
    ("value", "lead"),
    [("โรงเรียนแม่จันวิทยาคม อ.แม่จัน จ.เชียงราย",
      "โรงเรียนแม่จันวิทยาคม, Mae Chan district, Chiang Rai province"),
     ("ลานคนเมือง กรุงเทพมหานคร", "ลานคนเมือง, Bangkok"),
     ("สำนักงานเทศบาลตำบลแม่ยาว จังหวัดเชียงราย", "สำนักงานเทศบาลตำบลแม่ยาว, Chiang Rai province")],
)
def test_a_venue_leads_with_its_district_and_province_in_english(value: str, lead: str) -> None:
    assert english_lead(value, "place") == lead


def test_a_venue_without_a_known_unit_after_it_is_not_rendered() -> None:
    assert english_lead("ศาลาประชาคมยงใจยุทธ ศาลากลางจังหวัดนครพนม", "place") is None
    # A district written as a province is no address to render.
    assert english_lead("ศาลาจตุรมุข จ.แม่จัน", "place") is None


@pytest.mark.parametrize(
    ("question", "post"),
    [("Who was the Phetchaburi governor in March 2024?", "ผู้ว่าราชการจังหวัด เพชรบุรี"),
     ("Who is the That Phanom district chief?", "นายอำเภอ ธาตุพนม")],
)
def test_a_post_named_after_its_place_is_rendered_before_it(question: str, post: str) -> None:
    from bot.answering.constraints import demand_of
    from bot.answering.question import question_frame

    thai = render_thai(question, alternatives=False)
    assert post in thai
    assert demand_of(thai, analyse_question(thai), question_frame(thai)).role


def test_a_count_of_districts_keeps_its_order() -> None:
    assert render_thai("How many Chiang Rai districts were flooded?").startswith("อำเภอ") is False


# --- eleventh English round ----------------------------------------------------------------

#: The ministries as English names them (short name) and as Thai releases write them.
_MINISTRIES = [
    ("Finance", "กระทรวงการคลัง"), ("Foreign Affairs", "กระทรวงการต่างประเทศ"),
    ("Defence", "กระทรวงกลาโหม"), ("Tourism and Sports", "กระทรวงการท่องเที่ยวและกีฬา"),
    ("Social Development and Human Security", "กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์"),
    ("Agriculture and Cooperatives", "กระทรวงเกษตรและสหกรณ์"), ("Transport", "กระทรวงคมนาคม"),
    ("Digital Economy and Society", "กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม"),
    ("Energy", "กระทรวงพลังงาน"), ("Commerce", "กระทรวงพาณิชย์"), ("Justice", "กระทรวงยุติธรรม"),
    ("Labour", "กระทรวงแรงงาน"), ("Culture", "กระทรวงวัฒนธรรม"), ("Education", "กระทรวงศึกษาธิการ"),
    ("Public Health", "กระทรวงสาธารณสุข"), ("Industry", "กระทรวงอุตสาหกรรม"),
]


@pytest.mark.parametrize(("short", "thai"), _MINISTRIES)
def test_every_ministry_its_minister_and_permanent_secretary_in_each_english_form(
        short: str, thai: str) -> None:
    for phrase, want in [(f"the Ministry of {short}", thai), (f"the {short} Ministry", thai),
                         (f"the {short} Minister", "รัฐมนตรีว่าการ" + thai),
                         (f"the Minister of {short}", "รัฐมนตรีว่าการ" + thai),
                         (f"the Deputy {short} Minister", "รัฐมนตรีช่วยว่าการ" + thai),
                         (f"the Permanent Secretary of {short}", "ปลัด" + thai),
                         (f"the {short} permanent secretary", "ปลัด" + thai)]:
        terms, _, _ = thai_terms(f"Who spoke for {phrase} in May 2024?")
        assert terms[1][0] == want, phrase


@pytest.mark.parametrize(
    ("question", "term", "not_term"),
    [("What Social Security hotline number could people call?", "ประกันสังคม", "Social"),
     ("How many Section 33 insured persons got the aid?", "มาตรา", "Section"),
     ("How many Section 33 insured persons got the aid?", "ผู้ประกันตน", "ผู้ทำประกัน"),
     ("Who spoke at the offering ceremony at Sanam Luang?", "สนามหลวง", "Sanam"),
     ("Who spoke at the offering ceremony at Sanam Luang?", "พิธีถวาย", "เงินบริจาค"),
     ("Who made the offering at Sanam Luang?", "ถวาย", "เงินบริจาค"),
     ("Who spoke at the offering ceremony at Sanam Luang?", "กล่าว", "ขั้นบันได"),
     ("Where was the Queen Mother's birthday ceremony held?", "พันปีหลวง", "Mother's"),
     ("Who spoke about the BA.4 and BA.5 variants?", "สายพันธุ์", "ส่วนต่าง"),
     ("How many provinces sent monks to receive the royal robes?", "ส่ง", "เซนต์"),
     ("How many provinces sent monks to receive the royal robes?", "ผ้าไตร", "เสื้อคลุมยาว"),
     ("Who was the CCSA assistant spokesperson in June 2022?", "ผู้ช่วยโฆษก", "ผู้ช่วย"),
     ("Who opened the meeting of the permanent secretary of social development?",
      "ปลัดกระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์", "โซเชียล")],
)
def test_government_words_in_the_sense_the_releases_use(
        question: str, term: str, not_term: str) -> None:
    firsts = [t[0] for t in thai_terms(question)[0]]
    assert term in firsts
    assert not_term not in firsts


def test_a_capitalised_word_the_glossary_translates_keeps_its_latin_form_too() -> None:
    terms, _, _ = thai_terms("Which hotel hosted the International Conference on Communities?")
    intl = next(t for t in terms if "นานาชาติ" in t)
    # The glossary's Thai first, the Latin form (a quoted English title) after it.
    assert intl[0] == "นานาชาติ" and intl[-1] == "International"
    # Lower-case words and places get no Latin alternative.
    assert ("ประเทศ",) in thai_terms("In which country was it held?")[0]
    assert ("ระยอง",) in thai_terms("Who is the Governor of Rayong?")[0]


def test_a_capitalised_word_only_the_word_lists_know_stays_latin_for_coverage() -> None:
    # "Moon" is ดวงจันทร์ to WordNet, which a dormitory's name holds: as a Latin word no
    # release holds, it keeps an off-topic question uncovered.
    assert ("Moon",) in thai_terms("How far is the Moon from the Earth?")[0]
    assert ("World",) in thai_terms("In which country was the 72nd Miss World pageant held?")[0]


@pytest.mark.parametrize(
    ("question", "kept"),
    [("How long is the Prasae Sin bridge in Rayong?", ("Prasae", "Sin")),
     ("How many trips did KTM Berhad plan?", ("KTM", "Berhad")),
     ("Who answered after the death of Mor Kratai?", ("Mor", "Kratai"))],
)
def test_a_run_with_a_word_no_dictionary_has_stays_a_name(
        question: str, kept: tuple[str, ...]) -> None:
    terms, _, _ = thai_terms(question)
    for word in kept:
        assert (word,) in terms


def test_a_kept_name_loses_its_possessive() -> None:
    terms, _, _ = thai_terms("Who founded Kratai's shop in Rayong?")
    assert ("Kratai",) in terms
    assert ("Kratai's",) not in terms


def test_coverage_counts_a_term_written_in_any_one_word_form() -> None:
    from bot.answering.answerer import english_term_alternatives

    q = "Who led the ceremony for the Queen Mother's birthday in Chanthaburi?"
    alts = english_term_alternatives(q)
    # "birthday": วันเกิด or, for royalty, วันคล้ายวันพระราชสมภพ; each one word.
    assert "วันคล้ายวันพระราชสมภพ" in alts["วันเกิด"]
    # A longer alternative's parts never stand for a term (วัน would cover by chance).
    assert all("วัน" not in v for v in alts.values())


def test_a_count_with_a_scale_word_is_not_led_as_its_first_digit() -> None:
    q = "How many items were seized when officials raided the shop?"
    assert count_lead("1 พันชิ้น", q) is None  # a thousand pieces, not "1 items"
    assert count_lead("800 ชิ้น", q) == "800 items"


@pytest.mark.parametrize(
    ("question", "term", "not_term"),
    [("For how many years did the PM want foreigners to lease land?", "ต้องการ", "ภาวะขาดแคลน"),
     ("For how many years did the PM want foreigners to lease land?", "เช่า", "ของเช่า"),
     ("Who ordered action on northern wildfires?", "ภาคเหนือ", "ที่อยู่ทางเหนือ"),
     ("Who was acting as government spokesperson?", "ปฏิบัติหน้าที่", "การแสดง"),
     ("Who is the acting governor of Nan?", "รักษาการ", "การแสดง"),
     ("How many condominium units did foreigners buy?", "ห้องชุด", "คอนโด")],
)
def test_question_words_in_the_sense_releases_use(question: str, term: str, not_term: str) -> None:
    firsts = [t[0] for t in thai_terms(question)[0]]
    assert term in firsts
    assert not_term not in firsts


@pytest.mark.parametrize(
    ("question", "qtype", "qword"),
    [("How long is the Prasae Sin bridge in Rayong?", "count", "กี่เมตร"),
     ("How long was the new road to Mae Sai?", "count", "กี่เมตร"),
     ("How long was the meeting?", "duration", "นานเท่าไร"),
     ("How long did the flood last?", "duration", "นานเท่าไร")],
)
def test_how_long_of_a_bridge_or_road_asks_its_length(
        question: str, qtype: str, qword: str) -> None:
    assert thai_terms(question)[1:] == (qtype, qword)


def test_a_name_kept_in_latin_letters_is_found_but_acronyms_are_not() -> None:
    from bot.answering.answerer import _english_kept_latin_tokens

    kept = _english_kept_latin_tokens("Who answered after the death of Mor Kratai, said the CCSA?")
    # Names no table renders may weigh as unsure words when no document holds them;
    # an acronym is written in Latin letters in Thai text too.
    assert {"mor", "kratai"} <= kept
    assert "ccsa" not in kept
    assert not _english_kept_latin_tokens("Who is the governor of Chiang Rai?")


@pytest.mark.parametrize(
    ("question", "qword"),
    [("At which municipality's child development centre did Chonburi hold the Kick Off?",
      "เทศบาลใด ที่ไหน"),
     ("Which hospital treated the injured in Yala?", "โรงพยาบาลใด ที่ไหน"),
     ("In which market did the governor open the fair?", "ตลาดใด ที่ไหน")],
)
def test_a_venue_noun_asks_a_place(question: str, qword: str) -> None:
    assert thai_terms(question)[1:] == ("place", qword)


@pytest.mark.parametrize(
    ("question", "qtype"),
    [("What growth did the World Bank forecast for the Thai economy in 2022?", "percent"),
     ("What economic growth did the NESDC expect for 2024?", "percent"),
     ("Which growth strategy did the Prime Minister announce?", "what")],
)
def test_a_growth_asked_is_a_percentage(question: str, qtype: str) -> None:
    assert thai_terms(question)[1] == qtype


def test_a_number_with_a_comma_is_no_year() -> None:
    assert "2567" not in render_thai("Which fund paid 2,024,000 baht?")


@pytest.mark.parametrize(("words", "digits"), [
    ("twenty-five", "25"), ("twenty five", "25"), ("two hundred and fifty", "250"),
    ("three thousand five hundred", "3,500"), ("twelve hundred", "1,200"),
    ("two thousand and twenty", "2,020"), ("forty-two", "42"), ("six", "6"),
])
def test_numbers_written_in_words_are_one_number_in_digits(words: str, digits: str) -> None:
    terms, _, _ = thai_terms(f"Which district planted {words} trees?")
    assert (digits,) in terms, terms


def test_million_in_words_stays_the_thai_scale() -> None:
    # The documents write "2 ล้านบาท", not 2,000,000.
    assert "2 ล้านบาท" in render_thai("Which project got two million baht?")


def test_units_are_counted_in_their_own_classifier() -> None:
    # Housing units are หน่วย ("3,756 หน่วย"), not the places' แห่ง.
    _, qtype, qword = thai_terms("How many condominium units were transferred in 2024?")
    assert (qtype, qword) == ("count", "กี่หน่วย")


@pytest.mark.parametrize(("question", "post"), [
    ("Who is the Phatthalung governor who received the flag from Songkhla?",
     "ผู้ว่าราชการจังหวัดพัทลุง"),
    ("Who is the governor of Chaiyaphum?", "ผู้ว่าราชการจังหวัดชัยภูมิ"),
    ("Who is the Mae Sai district chief?", "นายอำเภอแม่สาย"),
])
def test_a_post_over_a_place_is_written_with_its_place(question: str, post: str) -> None:
    # Thai writes the place right after the post; a who-question's post is read so.
    assert post in render_thai(question).split()
    # Coverage counts the post and the place once each, as before.
    assert post not in render_thai(question, alternatives=False).split()


def test_a_district_is_no_place_of_a_governor() -> None:
    assert "ผู้ว่าราชการจังหวัดแม่สาย" not in render_thai("Who is the Mae Sai governor?")


@pytest.mark.parametrize(("question", "thai"), [
    ("What target did the cabinet set at its second meeting in June 2024?", "ครั้งที่ 2"),
    ("Who chaired the first meeting of the working group?", "ครั้งแรก"),
    ("What happened in the third phase of the project?", "ระยะที่ 3"),
    ("How many people joined the fifth batch of the training?", "รุ่นที่ 5"),
    ("What did the second anniversary celebrate?", "ครบรอบ 2 ปี"),
])
def test_ordinals_in_words_number_what_they_count(question: str, thai: str) -> None:
    rendered = render_thai(question)
    assert thai in rendered, rendered
    # "second" of a meeting is no unit of time.
    assert "วินาที" not in rendered
    # The counted noun stays a word of the question.
    if "meeting" in question:
        assert "การประชุม" in rendered


def test_a_year_alone_is_written_as_thai_writes_it() -> None:
    # "ปี 2568" is how a question's year is read as a qualifier (the value stated for it).
    rendered = render_thai("How many trips did the railway plan for 2025?")
    assert "ปี 2568" in rendered, rendered
    # Coverage still counts the year once, as a number.
    assert "ปี" not in render_thai("How many trips did the railway plan for 2025?",
                                   alternatives=False).split()
    # A month's year is read with its month already.
    assert "ปี" not in render_thai("What happened in March 2024?").split()


@pytest.mark.parametrize(("question", "thai"), [
    # News verbs whose word-list sense is not the releases' ("discuss": จักร of "discus").
    ("What did the ministers discuss in May?", "หารือ"),
    ("Where did the six Thais work?", "ทำงาน"),
    ("How many people died in the flood?", "เสียชีวิต"),
    ("How many dealers were caught in the raid?", "จับกุม"),
    ("Which doctor spoke?", "แพทย์"),
    # A plural in -is is a plural ("Thais", "taxis"), unlike "analysis" or "Paris".
    ("How many Thais were sent home?", "ไทย"),
    # A compound the word lists know is not its first word's glossary sense.
    ("Who chaired the volunteer working group?", "คณะทำงาน"),
])
def test_news_words_in_the_releases_sense(question: str, thai: str) -> None:
    assert thai in render_thai(question, alternatives=False).split(), render_thai(question)


def test_a_plural_in_is_is_not_made_of_a_singular_word() -> None:
    assert "ปารีส" in render_thai("What is the basis of the analysis in Paris?")



@pytest.mark.parametrize(("question", "qword"), [
    # People counted by the noun a release uses for them: คน, or ราย for suspects and firms.
    ("How many Thais were sent home from Cambodia?", "กี่คน"),
    ("How many foreigners visited the fair?", "กี่คน"),
    ("How many soldiers joined the clean-up?", "กี่คน"),
    ("How many passengers did the train carry?", "กี่คน"),
    ("How many suspects were arrested in the raid?", "กี่ราย"),
    ("How many drug dealers were arrested?", "กี่ราย"),
    ("How many companies joined the fair?", "กี่ราย"),
    # "invest" is a money word, but investors are counted.
    ("How many investors joined the roadshow?", "กี่ราย"),
])
def test_how_many_people_keeps_the_unit_they_are_counted_in(question: str, qword: str) -> None:
    _, qtype, got = thai_terms(question)
    assert (qtype, got) == ("count", qword)


@pytest.mark.parametrize("question", [
    "Until when can people register for informal debt help?",
    "When is the deadline to register for informal debt help?",
    "When does registration for informal debt help close?",
    # "Until what date" asks the end as "until when" does (it was a bare เมื่อไร and led
    # with the day the exemption was announced).
    "Until what date in 2024 were migrant workers exempted from the re-entry fee?",
    "Until which day could people register for informal debt help?",
    "By what date must people register for informal debt help?",
])
def test_the_end_of_a_period_is_asked_as_thai_asks_it(question: str) -> None:
    # "Until when" had been rendered as a bare "เมื่อไร" and answered with the day
    # registration opened ("ตั้งแต่ 1 ธ.ค. 66"), not the day it closed.
    from bot.answering.english import render_thai

    assert "ถึงวันที่" in render_thai(question)
    assert "ถึงวันที่" not in render_thai("When can people register for informal debt help?")


# --- nineteenth English round ----------------------------------------------------------------


@pytest.mark.parametrize(("question", "present", "absent"), [
    # "Ban" of a village's name is บ้าน, not the verb ห้าม; its other words are spelled too.
    ("How many households are members of the Ban Kaeo Sombun waste bank?",
     ("บ้าน", "แก้ว", "สมบูรณ์"), ("ห้าม",)),
    # "Muang" of a venue's name is เมือง (it had stayed a Latin word no release holds).
    # ("Impact Muang Thong Thani" is in the glossary whole: เมืองทองธานี.)
    ("How many visitors came to the fair at Impact Muang Ake?", ("เมือง",), ("Muang",)),
    ("Who visited Wat Phra Kaew in May 2024?", ("วัด", "พระ", "แก้ว"), ("Wat",)),
])
def test_words_of_thai_names_are_spelled_in_thai(
        question: str, present: tuple[str, ...], absent: tuple[str, ...]) -> None:
    words = render_thai(question).split()
    assert all(p in words for p in present), render_thai(question)
    assert not any(a in words for a in absent), render_thai(question)


@pytest.mark.parametrize("question", [
    "Ban e-cigarette sales: who ordered it?",
    "When did the ban on e-cigarette sales start?",
])
def test_a_name_word_that_is_english_keeps_its_sense_outside_a_name(question: str) -> None:
    # "Ban" before a function word, or in lower case, is the English verb.
    words = render_thai(question).split()
    assert "ห้าม" in words and "บ้าน" not in words


@pytest.mark.parametrize(("question", "term", "not_term"), [
    ("Which province did the prime minister declare drug-free in June 2024?", "ปลอดยาเสพติด",
     "ฟรี"),
    ("How many smoke-free schools are there in Nan?", "ปลอดบุหรี่", "ควัน"),
    ("How many plastic-free markets opened?", "ปลอดพลาสติก", "ฟรี"),
    ("Is the health check free for the elderly?", "ฟรี", "ปลอด"),
])
def test_free_of_a_thing_is_written_as_thai_writes_it(
        question: str, term: str, not_term: str) -> None:
    words = render_thai(question).split()
    assert term in words, render_thai(question)
    assert not any(w.startswith(not_term) and w != term for w in words), render_thai(question)


@pytest.mark.parametrize(("question", "term", "not_term"), [
    ("How many people passed the training course?", "ผ่าน", "ผ่านกฎหมาย"),
    ("Who chaired the steering committee meeting?", "คณะกรรมการขับเคลื่อน", "การแนะแนว"),
    ("How much did the ministry get under the 2024 budget act?", "พระราชบัญญัติงบประมาณ",
     "มีพฤติกรรม"),
    ("Which excellence award did the province win?", "ความเป็นเลิศ", "ความโดดเด่น"),
    ("How many water trucks joined?", "รถบรรทุก", "รถเข็นผัก"),
    ("How much did the state pay for the bridge?", "รัฐ", "จังหวัด"),
])
def test_question_words_in_the_sense_releases_use_round_19(
        question: str, term: str, not_term: str) -> None:
    words = render_thai(question).split()
    assert term in words and not_term not in words, render_thai(question)


def test_clumps_are_counted_in_their_classifier() -> None:
    _, qtype, qword = thai_terms("How many clumps of Riceberry rice were planted?")
    assert (qtype, qword) == ("count", "กี่กอ")
    assert english_lead("5,000 กอ", "count") == "5,000 clumps"


@pytest.mark.parametrize(("question", "year", "short"), [
    ("Where was the press conference on household debt held on 12 February 2024?", "2567", "67"),
    ("Who ordered all governors in May 2022 to prevent urban flooding?", "2565", "65"),
])
def test_a_dated_terms_year_is_covered_by_its_two_digits(question: str, year: str,
                                                         short: str) -> None:
    # Releases write "วันนี้ (12ก.พ.67)", "(28 พ.ค. 65)": the year of a date a question
    # names is covered by its last two digits, as the rendering's short form writes it.
    from bot.answering.answerer import english_term_alternatives

    assert short in english_term_alternatives(question).get(year, ())


def test_a_year_alone_is_not_covered_by_any_two_digit_number() -> None:
    from bot.answering.answerer import english_term_alternatives

    alts = english_term_alternatives("How many trips did the railway plan for 2025?")
    assert "68" not in alts.get("2568", ())


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("For which event did the Interior Ministry prepare an exhibition?", "งานอะไร"),
        ("What award did the school receive?", "รางวัลอะไร"),
        ("Which project was launched in Nan?", "โครงการอะไร"),
    ],
)
def test_the_kind_a_what_question_asks_is_its_question_phrase(question: str,
                                                              asked: str) -> None:
    # As Thai asks it ("ในงานอะไร"): the kind is the answer's head word, not one more
    # word for the passage to hold.
    thai = render_thai(question)
    assert thai.endswith(f" {asked}")
    assert asked.removesuffix("อะไร") not in thai.split()[:-1]


@pytest.mark.parametrize(
    ("question", "thai"),
    [
        ("How many visitors came to the fair at Impact Muang Thong Thani?",
         "อิมแพ็ค เมืองทองธานี"),
        ("Who spoke in the Ratchasi meeting room?", "ห้องประชุมราชสีห์"),
        ("What was held at the Thai Khu Fah building?", "ตึกไทยคู่ฟ้า"),
        ("Where was the 2024 Red Cross fair held?", "งานกาชาด"),
        ("How much went to the royal scholarship fund for Thai monks?", "ทุนเล่าเรียนหลวง"),
    ],
)
def test_venues_of_government_events_are_written_as_the_releases_write_them(
        question: str, thai: str) -> None:
    # "Impact Muang Thong Thani" was ผลกระทบ เมือง ธงธานี (a subdistrict of Roi Et).
    assert thai in render_thai(question)


@pytest.mark.parametrize(
    "question",
    ["What rank did Thailand get in the SDG Index?", "Thailand ranked what in the index?",
     "How high did Thailand rank in the SDG Index?"],
)
def test_a_rank_is_asked_as_thai_asks_it(question: str) -> None:
    # "อันดับอะไร" reads as a what-question; Thai asks a place in an order "ที่เท่าไร".
    assert render_thai(question).endswith(" อันดับที่เท่าไร")
    assert analyse_question(render_thai(question)).qtype == "count"


@pytest.mark.parametrize(
    ("question", "thai"),
    [("How many households in Muang Nan district joined?", "เมืองน่าน"),
     ("What did the Muang Sing Buri district chief say?", "เมืองสิงห์บุรี")],
)
def test_a_mueang_district_in_its_older_spelling(question: str, thai: str) -> None:
    # "Muang Nan" was เมือง + น่าน, two words of no district.
    assert (thai,) in thai_terms(question)[0]


@pytest.mark.parametrize(
    ("question", "asked"),
    [("How many households are members of the waste bank?", "กี่ครัวเรือน"),
     ("How many clumps of Riceberry rice were planted?", "กี่กอ"),
     ("How many provinces joined the scheme?", "กี่จังหวัด")],
)
def test_a_counted_noun_that_is_its_classifier_is_asked_once(question: str,
                                                             asked: str) -> None:
    # As Thai asks it ("มีสมาชิกกี่ครัวเรือน"): the classifier is not a second word for the
    # passage to hold (counted twice, it had sunk "5,000 กอ" under the coverage gate).
    words = render_thai(question).split()
    assert words[-1] == asked and asked.removeprefix("กี่") not in words


def _spans_joining_every_window(text: str, keys: frozenset[str],
                                longest: int) -> list[tuple[str, str]]:
    """``_spans`` as it was: every run of words joined up to the longest key's length."""
    from bot.answering.english import (
        _MAX_SPAN_WORDS,
        _chunk_words,
        _join_keys,
        _token_key,
    )
    chunks = [(m.start(), m.end(), m.group()) for m in re.finditer(r"[\u0e01-\u0e4e]+", text)]
    ckeys = [_token_key(c) for _, _, c in chunks]
    out = []
    for i, (_, end, chunk) in enumerate(chunks):
        pair = i + 1 < len(chunks) and chunks[i + 1][0] == end + 1
        key = _join_keys([ckeys[i], ckeys[i + 1]]) if pair else ckeys[i]
        if not any(k in key for k in keys):
            continue
        words = list(_chunk_words(chunk))
        if pair:
            words += [(" ", ""), *_chunk_words(chunks[i + 1][2])]
        for a in range(len(words)):
            if words[a][0] == " ":
                continue
            joined = ""
            for b in range(a, min(len(words), a + _MAX_SPAN_WORDS + 1)):
                joined = _join_keys([joined, words[b][1]])
                if len(joined) > longest:
                    break
                if joined in keys and words[b][0] != " ":
                    out.append(("".join(w for w, _ in words[a:b + 1]), joined))
    return out


@pytest.mark.parametrize("question", [
    "In which country did Opal Suchata win Miss World?",
    "Whom did Anupong Paochinda welcome?",
    "How many trucks joined the Khao Khayai restoration?",
    "When did the Si Mongkhon Wachiranusorn bridge collapse?",
])
def test_name_spans_stop_at_words_no_key_opens_with(question: str) -> None:
    """A span stops growing once its key opens no name's key, and finds what it found."""
    from bot.answering.english import _spans, name_key

    texts = [PAGEANT, "พลเอก อนุพงษ์ เผ่าจินดา รัฐมนตรีว่าการกระทรวงมหาดไทย ต้อนรับ",
             "กิจกรรมรวมพลังฟื้นฟูเขาขยาย จากเขาทะเลทราย", "สะพานศรีมงคลวชิรานุสรณ์ ข้ามแม่น้ำปิง"]
    words = re.findall(r"[A-Z][a-z]+", question)
    keys = frozenset(k for k in (name_key(w) for w in [*words, "".join(words)]) if k)
    longest = max(len(k) for k in keys)
    for text in texts:
        assert list(_spans(text, keys, longest)) == \
            _spans_joining_every_window(text, keys, longest)


def test_an_english_questions_terms_are_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Work, not time: the terms of a question (with the same names found) are worked out
    once however many readers ask; other names are other terms; each caller's list is its own."""
    from bot.answering import english

    calls: list[str] = []
    marking = english._marking

    def counted(question: str, names: dict[str, str] | None) -> object:
        calls.append(question)
        return marking(question, names)

    monkeypatch.setattr(english, "_marking", counted)
    english._marked_terms_of.cache_clear()
    question = "In which country did Opal Suchata win Miss World?"
    terms, qtype, _ = english.thai_terms(question)
    terms.append(("changed",))
    english.unsure_terms(question)
    assert english.thai_terms(question)[0] == terms[:-1] and qtype == "place"
    assert len(calls) == 1
    named = english.thai_terms(question, {"Opal Suchata": "โอปอล สุชาตา"})[0]
    assert any(t[0] == "โอปอล สุชาตา" for t in named) and len(calls) == 2
    english._marked_terms_of.cache_clear()


@pytest.mark.parametrize(("word", "key"), [
    ("ธรรม", "tm"), ("สวรรค์", "sn"), ("ศรีสะเกษ", "sks"), ("อนุพงษ์", "npN"),
    ("สรรพสามิต", "spsmt"), ("กรรมการ", "kmkn"), ("จันทร์", "cnt"), ("ทรัพย์", "sp"),
    ("พระธรรมกิตติ์", "pntmkt"), ("Anupong", "npN"), ("Srisaket", "skt"), ("ลลล", "n"), ("", ""),
])
def test_name_keys_as_before_the_translate_table(word: str, key: str) -> None:
    """The keys :func:`name_key` gave with a per-letter join (silent letters, ร หัน, ศรี/ทร)."""
    from bot.answering.english import name_key

    assert name_key(word) == key
