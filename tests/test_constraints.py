"""What a question's own words demand of its answer: the asked kind of name, the person
beside the asked position (issue 12, ``bot.answering.constraints``)."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from bot.answering import Answerer
from bot.answering.constraints import _CLOCK, demand_of, demanded
from bot.answering.question import analyse_question, question_frame, without_asking_phrases
from bot.answering.reading import span_rows
from knowledge.ingest import read_paths, store_documents

WASTE_BANK = ("วันนี้ (2 พ.ค. 67) จังหวัดกำแพงเพชร จัดกิจกรรมถอดบทเรียนธนาคารขยะ MOI Waste Bank "
              "ณ ธนาคารขยะบ้านคุยมะม่วง หมู่ที่ 5 ตำบลหนองปลิง อำเภอเมืองกำแพงเพชร "
              "โดยมีหมู่บ้านเครือข่ายเข้าร่วมกิจกรรม ตำบลละ 1 หมู่บ้าน")
DISTRICT_CHIEF = ("นางญาณิพัชญ์ ศรีโคตร นายอำเภอบางใหญ่ พร้อมด้วย นายพนม พึ่งสุขแดง "
                  "กำนันตำบลบ้านใหม่ และนายสมชาย ใจดี ผู้ใหญ่บ้าน นำจัดกิจกรรมธนาคารขยะทองคำ "
                  "ตำบลบ้านใหม่ อำเภอบางใหญ่ จังหวัดนนทบุรี")


def _answerer_over(make_app: Callable[..., Any], tmp_path: Path,
                   rows: list[dict[str, str]]) -> Answerer:
    """An answerer over the bundled knowledge and ``rows`` imported as news."""
    path = tmp_path / "news.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                    encoding="utf-8")
    app = make_app()
    with app.db.write() as s:
        store_documents(s, read_paths([path]))
    app.index.sync()
    return Answerer(app.db, app.index)


@pytest.fixture
def answerer(make_app: Callable[..., Any], tmp_path: Path) -> Answerer:
    rows = [
        {"title": "กำแพงเพชรถอดบทเรียนธนาคารขยะ", "text": WASTE_BANK, "date": "2024-05-02",
         "kind": "news"},
        {"title": "นายอำเภอบางใหญ่ขับเคลื่อนธนาคารขยะ", "text": DISTRICT_CHIEF,
         "date": "2024-02-01", "kind": "news"},
    ]
    return _answerer_over(make_app, tmp_path, rows)


def _allowed(answerer: Answerer, question: str) -> tuple[str, set[str]]:
    """The constraint that applies to ``question`` and the candidate texts it allows."""
    q, info = answerer.prepare(question)
    reading = answerer.read(q, info, answerer.search_tokens(q, info))
    assert reading is not None
    frame = question_frame(reading.question)
    rows = span_rows(reading.passages, reading.terms, info, frame, answerer.model.tables)
    mask, name = demanded(rows, demand_of(reading.question, info, frame))
    texts = set()
    for r in np.flatnonzero(mask):
        p, a, b = rows.span(int(r))
        texts.add(p.text[a:b])
    return name, texts


def test_an_asked_place_noun_allows_only_names_of_that_kind(answerer: Answerer) -> None:
    name, texts = _allowed(answerer, "กิจกรรมถอดบทเรียนธนาคารขยะจัดที่ธนาคารขยะของหมู่บ้านไหน")
    assert name == "head"
    assert "บ้านคุยมะม่วง" in texts
    # Names start with the noun; the noun with a word that is no name does not count.
    assert all(t.lstrip("ณ ").startswith(("บ้าน", "หมู่บ้าน")) for t in texts)
    assert not any(t.startswith("หมู่บ้านเครือข่าย") for t in texts)
    name, texts = _allowed(answerer, "กิจกรรมถอดบทเรียนธนาคารขยะจัดที่อำเภออะไร")
    assert name == "head" and "อำเภอเมืองกำแพงเพชร" in texts
    ans = answerer.ask("กิจกรรมถอดบทเรียนธนาคารขยะ MOI Waste Bank จัดที่ธนาคารขยะของหมู่บ้านไหน")
    assert ans.found and ans.point.startswith("บ้านคุยมะม่วง"), ans.point


def test_an_asked_position_allows_the_person_beside_it(answerer: Answerer) -> None:
    name, texts = _allowed(answerer, "นายอำเภอบางใหญ่ที่นำจัดกิจกรรมธนาคารขยะทองคำชื่ออะไร")
    assert name == "role"
    assert texts == {"นางญาณิพัชญ์ ศรีโคตร"}
    name, texts = _allowed(answerer, "กำนันตำบลบ้านใหม่ที่ร่วมจัดกิจกรรมธนาคารขยะทองคำชื่ออะไร")
    assert name == "role" and texts == {"นายพนม พึ่งสุขแดง"}
    ans = answerer.ask("กำนันตำบลบ้านใหม่ที่ร่วมจัดกิจกรรมธนาคารขยะทองคำชื่ออะไร")
    assert ans.found and ans.point.startswith("นายพนม พึ่งสุขแดง"), ans.point


def test_a_question_that_names_no_kind_is_not_constrained(answerer: Answerer) -> None:
    name, texts = _allowed(answerer, "กิจกรรมธนาคารขยะทองคำมีใครร่วมบ้าง")
    assert name == "" and texts == set()


@pytest.mark.parametrize(("question", "role"), [
    ("ใครเป็นประธานการประชุม", "ประธาน"),
    ("นายอำเภอบางใหญ่ที่นำจัดกิจกรรมธนาคารขยะทองคำชื่ออะไร", "นายอำเภอ"),
    ("ผู้ว่าราชการจังหวัดระนองคนปัจจุบันคือใคร", "ผู้ว่า"),
    # The governor is who acted; the person asked for is the plot's owner.
    ("ผู้ว่าฯ ระนองเปิดโครงการโคก หนอง นา เมื่อปลาย ก.ค. 67 ที่แปลงของใคร", None),
    ("ใครเป็นผู้รับมอบเงินสมทบจากกระทรวงมหาดไทย", None),
])
def test_a_position_constrains_only_when_its_holder_is_asked(question: str,
                                                             role: str | None) -> None:
    info = analyse_question(question)
    assert demand_of(question, info, question_frame(question)).role == role


@pytest.mark.parametrize(("question", "venue"), [
    ("ประชุมจัดที่ไหน", True),
    # The event, its date or name, then "ที่ไหน": the answer is where, not when.
    ("ประชุมวันที่ 27 มี.ค. 66 ที่ไหน", True),
    ("งาน Sustainability Expo ที่ไหน ครับ", True),
    ("Where was the Sustainability Expo held?", True),
    ("Where is the meeting?", True),
    # A place, not a venue: where something is, or where a thing was sold.
    ("ธนาคารขยะบ้านแก้วสมบูรณ์อยู่ที่ไหน", False),
    ("งานนี้ขายผ้าไหมได้กี่บาท", False),
])
def test_where_an_event_is_held_asks_for_its_venue(question: str, venue: bool) -> None:
    info = analyse_question(question)
    assert demand_of(question, info, question_frame(question)).venue is venue


def test_a_question_for_a_clock_time_needs_one(make_app: Callable[..., Any],
                                               tmp_path: Path) -> None:
    rows = [{"title": "ปลัด มท. ประชุมคณะกรรมการขับเคลื่อน SDGs",
             "text": ("วันนี้ (27 มี.ค. 66) เวลา 15.00 น. ณ ห้องประชุมราชบพิธ ปลัดกระทรวงมหาดไทย "
                      "เป็นประธานเริ่มการประชุมคณะกรรมการขับเคลื่อนเป้าหมายการพัฒนาที่ยั่งยืน"),
             "date": "2023-03-27", "kind": "news"},
            {"title": "รถไฟฟ้าสายสีม่วงส่วนต่อขยาย",
             "text": ("ครม. อนุมัติโครงการรถไฟฟ้าสายสีม่วง ช่วงเตาปูน - ราษฎร์บูรณะ วงเงิน "
                      "19,430 ล้านบาท สถานีเตาปูนเชื่อมต่อสายสีน้ำเงิน"),
             "date": "2023-05-01", "kind": "news"}]
    answerer = _answerer_over(make_app, tmp_path, rows)
    meeting = answerer.ask("การประชุมคณะกรรมการขับเคลื่อนเป้าหมายการพัฒนาที่ยั่งยืนเริ่มกี่โมง")
    assert meeting.found and meeting.point.startswith("15.00 น. —"), meeting.point
    # A section number is no time ("9.18" of a list), a marked time is.
    assert not _CLOCK.fullmatch("9.18") and _CLOCK.fullmatch("9.18 น.")
    # The article covers the words but states no time: not a number or a place instead.
    train = answerer.ask("รถไฟฟ้าสายสีม่วงเที่ยวสุดท้ายออกจากสถานีเตาปูนกี่โมง")
    assert not train.found, train.point


def test_the_asking_word_of_a_clock_time_is_not_looked_for(answerer: Answerer) -> None:
    """"กี่โมง" asks; releases write "เวลา 07.39 น.", never "โมง": a passage is not counted
    short of the question for lacking it, nor searched for it."""
    question = "ผู้ประกันตนคนแรกมาตรวจกี่โมง"
    q, info = answerer.prepare(question)
    tokens = answerer.search_tokens(q, info)
    assert "โมง" not in tokens and "ผู้ประกันตน" in tokens
    reading = answerer.read(q, info, tokens)
    assert reading is not None
    assert not any("โมง" in group for group in reading.terms.groups)
    # Only the asking phrase goes: "โมง" elsewhere is a word like any other.
    assert without_asking_phrases("เริ่มกี่ โมง") == "เริ่มกี่ "
    assert without_asking_phrases("ศูนย์โมงเช้า") == "ศูนย์โมงเช้า"
    # "ชื่ออะไร" of a post's holder asks; of a thing ("โครงการ...ชื่ออะไร") it is the topic.
    assert "ชื่อ" not in without_asking_phrases("ปลัดกระทรวงสาธารณสุขเมื่อ ธ.ค. 2563 ชื่ออะไร")
    assert "ชื่อ" not in without_asking_phrases("นายอำเภอตระการพืชผล ปี 67 ชื่อว่าอะไร")
    assert "ชื่อ" in without_asking_phrases("โครงการที่ได้รับรางวัลชื่ออะไร")
    assert "ชื่อ" in without_asking_phrases("ผู้ว่าฯ เปลี่ยนชื่อถนนเป็นอะไร")
    # A place's name is no post ("นครนายก" is no "นายก"), nor is a child's development.
    assert "ชื่อ" in without_asking_phrases("ศูนย์เรียนรู้ที่จังหวัดนครนายกชื่ออะไร")
    assert "ชื่อ" in without_asking_phrases("ศูนย์พัฒนาการเด็กเล็กชื่ออะไร")
    # "วันที่" of "วันที่เท่าไร" only asks: the text writes it before every date, another
    # event's too; "วันอะไร" asks for a day of the week, which the answer names with "วัน".
    assert "วันที่" not in without_asking_phrases("ประชุมคณะกรรมการจัดวันที่เท่าไร")
    assert "วันที่" not in without_asking_phrases("ธนาคารขยะเปิดวันที่ไหน")
    assert "วันที่" in without_asking_phrases("ผลการประชุมวันที่ 5 เมษายนเป็นอย่างไร")
    assert "วัน" in without_asking_phrases("รายการนี้ออกอากาศวันอะไร")
    assert analyse_question(question).qtype == analyse_question(q).qtype


@pytest.mark.parametrize("question", ["ลงทะเบียนเราชนะได้ที่ไหนบ้าง", "ภาษาจาวาถูกพัฒนาขึ้นที่ใด",
                                      "ขอรับเงินเยียวยาอย่างไรบ้าง", "ถนนพังเพราะอะไร",
                                      "ได้รับของอะไรมั่ง"])
def test_an_asking_word_the_dictionary_joins_is_not_looked_for(answerer: Answerer,
                                                              question: str) -> None:
    """"ที่ไหนบ้าง", "อย่างไรบ้าง", "เพราะอะไร" are single words to the dictionary, which
    drops "ที่ไหน" and "อย่างไร" alone: they ask, and a passage lacks them."""
    q, info = answerer.prepare(question)
    tokens = answerer.search_tokens(q, info)
    asking = {"ที่ไหนบ้าง", "ที่ใด", "อย่างไรบ้าง", "เพราะอะไร", "มั่ง"}
    assert tokens and not asking & set(tokens), tokens


def test_a_percentage_question_is_answered_by_a_percentage(make_app: Callable[..., Any],
                                                           tmp_path: Path) -> None:
    row = {"title": "ครัวเรือนคัดแยกขยะ",
           "text": ("ในปี 2566 มีครัวเรือนเข้าร่วมคัดแยกขยะ 1,250 ครัวเรือน คิดเป็นร้อยละ 85 "
                    "ของครัวเรือนทั้งหมด 1,470 ครัวเรือน"),
           "date": "2023-06-01", "kind": "news"}
    answerer = _answerer_over(make_app, tmp_path, [row])
    for question in ("ครัวเรือนเข้าร่วมคัดแยกขยะกี่เปอร์เซ็นต์",
                     "ครัวเรือนเข้าร่วมคัดแยกขยะคิดเป็นร้อยละเท่าไร"):
        ans = answerer.ask(question)
        assert ans.found and ans.point.startswith("ร้อยละ 85"), (question, ans.point)


def test_a_position_nobody_holds_in_the_passages_is_not_answered(
        make_app: Callable[..., Any], tmp_path: Path) -> None:
    row = {"title": "บีโอไอโรดโชว์ที่กรุงโตเกียว",
           "text": ("นายสมชาย ใจดี อธิบดีกรมส่งเสริมการลงทุน นำคณะโรดโชว์ ณ กรุงโตเกียว "
                    "ประเทศญี่ปุ่น เข้าพบผู้แทนสำนักงานผู้ว่าการกรุงโตเกียว "
                    "เพื่อหารือข้อมูลปัจจุบันของพื้นที่การลงทุน ผู้ว่าการกรุงโตเกียวคนปัจจุบัน"
                    "ให้ความสำคัญกับการลงทุนในประเทศไทย โดยมีนักลงทุนเข้าร่วมกว่า 300 ราย"),
           "date": "2024-06-01", "kind": "news"}
    answerer = _answerer_over(make_app, tmp_path, [row])
    # The article names people with their titles, none of them the governor asked for.
    governor = answerer.ask("ผู้ว่าการกรุงโตเกียวคนปัจจุบันคือใคร")
    assert not governor.found, governor.point
    head = answerer.ask("ใครเป็นอธิบดีที่นำคณะโรดโชว์ที่กรุงโตเกียว")
    assert head.found and head.point.startswith("นายสมชาย ใจดี"), head.point


def test_an_asked_agency_is_answered_by_an_agencys_name(make_app: Callable[..., Any],
                                                        tmp_path: Path) -> None:
    row = {"title": "สะพานข้ามแม่น้ำปิงถล่ม จังหวัดกำแพงเพชร",
           "text": ("นายชาธิป รุจนเสรี ผู้ว่าราชการจังหวัดกำแพงเพชร เปิดเผยว่า หลังสะพานข้าม"
                    "แม่น้ำปิงถล่ม กรมทางหลวงชนบทจะเข้าติดตั้งสะพานเบลีย์ชั่วคราว "
                    "ให้ประชาชนสัญจรได้ภายในสองสัปดาห์"),
           "date": "2023-10-05", "kind": "news"}
    answerer = _answerer_over(make_app, tmp_path, [row])
    name, texts = _allowed(answerer, "หลังสะพานข้ามแม่น้ำปิงถล่ม กรมใดจะติดตั้งสะพานเบลีย์")
    assert name == "head" and "กรมทางหลวงชนบท" in texts
    assert all(t.startswith("กรม") for t in texts)
    ans = answerer.ask("หลังสะพานข้ามแม่น้ำปิงถล่ม หน่วยงานใดจะติดตั้งสะพานเบลีย์")
    assert ans.found and ans.point.startswith("กรมทางหลวงชนบท"), ans.point


@pytest.mark.parametrize("question", ["ใครเป็นประธาน", "อำเภออะไร", "กี่โมง", "กรมใด",
                                      "ร้อยละเท่าไร", "😀 กี่แห่ง", "Which department?"])
def test_a_question_without_a_topic_asks_for_one(seed_app: Any, question: str) -> None:
    """What is asked but not about what: no value from whichever passage, a request for
    the topic instead (in the question's language)."""
    ans = Answerer(seed_app.db, seed_app.index).ask(question)
    assert not ans.found and ans.debug.get("reason") == "no topic", ans.point
    english = question.isascii()
    assert ("name the project" in ans.point) if english else ("ระบุ" in ans.point)


def test_a_short_question_with_a_topic_is_still_answered(seed_app: Any) -> None:
    for question in ("ธนาคารขยะตั้งแล้วกี่แห่ง", "ใครเป็นประธานการประชุม", "คาร์บอนเครดิตขายได้เท่าไร"):
        assert Answerer(seed_app.db, seed_app.index).ask(question).found, question


def test_in_a_list_of_names_and_posts_each_post_is_the_name_before_it(
        make_app: Callable[..., Any], tmp_path: Path) -> None:
    row = {"title": "ประชุมผู้บริหารกระทรวงมหาดไทย",
           "text": ("โดยมี นายแมนรัตน์ รัตนสุคนธ์ อธิบดีกรมการปกครอง นายอรรษิษฐ์ สัมพันธรัตน์ "
                    "อธิบดีกรมการพัฒนาชุมชน นายวสันต์ สุภาภา รองอธิบดีกรมที่ดิน "
                    "เข้าร่วมประชุมผู้บริหารกระทรวงมหาดไทย"),
           "date": "2024-01-10", "kind": "news"}
    answerer = _answerer_over(make_app, tmp_path, [row])
    for question, name in (("อธิบดีกรมการปกครองที่เข้าร่วมประชุมผู้บริหารคือใคร", "นายแมนรัตน์"),
                           ("อธิบดีกรมการพัฒนาชุมชนที่เข้าร่วมประชุมผู้บริหารชื่ออะไร",
                            "นายอรรษิษฐ์"),
                           ("รองอธิบดีกรมที่ดินที่เข้าร่วมประชุมผู้บริหารชื่ออะไร", "นายวสันต์")):
        ans = answerer.ask(question)
        assert ans.found and ans.point.startswith(name), (question, ans.point)
    # Only the deputy is named: the director-general of the same department is not him.
    chief = answerer.ask("อธิบดีกรมที่ดินที่เข้าร่วมประชุมผู้บริหารคือใคร")
    assert not chief.found, chief.point


@pytest.mark.parametrize(("question", "lead"), [
    ("สวัสดีครับ", "สวัสดีครับ ถามเรื่องงาน"),
    ("hello", "Hello! Ask me"),
    ("hello, how are you?", "Hello! Ask me"),
    ("สบายดีไหมครับ", "สวัสดีครับ ถามเรื่องงาน"),
    ("ขอบคุณมากครับ", "ยินดีครับ"),
    ("สวัสดีครับ ขอบคุณครับ 🙏", "ยินดีครับ"),
    ("thanks a lot!", "You're welcome"),
    ("บายครับ", "ขอบคุณที่ใช้งาน"),
    ("Tell me a joke please", "I answer questions about the Ministry of Interior"),
    ("เล่ามุกตลกให้ฟังหน่อยครับ", "ผมเป็นผู้ช่วยตอบคำถาม"),
    ("คุณเป็นใคร", "ผมเป็นผู้ช่วยตอบคำถาม"),
    ("What can you do?", "I answer questions about the Ministry of Interior"),
    ("คุณชื่ออะไร", "ผมเป็นผู้ช่วยตอบคำถาม"),
    ("แปลคำว่า sustainable เป็นภาษาไทย", "ผมเป็นผู้ช่วยตอบคำถาม"),
    ("Translate hello into French", "I answer questions about the Ministry of Interior"),
    ("<script>alert('x')</script>", "ข้อความนี้ดูเหมือนแท็กหรือมาร์กอัป"),
    ("1+1 เท่ากับเท่าไร", "ระบบนี้ตอบคำถามจากเอกสาร"),
    ("=SUM(A1:A10)", "I answer from the ministry's documents"),
    ("What is 12 x 7?", "I answer from the ministry's documents"),
    ("15 มีนาคม 2567", "คำถามนี้ยังไม่ได้ระบุว่าถามถึงเรื่องใด"),
    ("วันที่ 27 มี.ค. 66", "คำถามนี้ยังไม่ได้ระบุว่าถามถึงเรื่องใด"),
])
def test_small_talk_calculations_and_bare_dates_get_guidance(
        seed_app: Any, question: str, lead: str) -> None:
    """Small talk, sums and a bare date are not searched: some passage holds their words
    ("ขอบคุณมากครับ" found a silk festival's sentence, "1+1 เท่ากับเท่าไร" an index's
    "เท่ากับ 45.1", "15 มีนาคม 2567" a release's "สาระสำคัญ")."""
    ans = Answerer(seed_app.db, seed_app.index).ask(question)
    assert not ans.found and ans.point.startswith(lead), ans.point


@pytest.mark.parametrize("question", [
    "ขอบคุณสำหรับข้อมูล งบประมาณเท่าไร", "สบายดีไหม ธนาคารขยะตั้งแล้วกี่แห่ง",
    "งบประมาณ 2/2566 เท่าไร", "คุณเป็นใคร ธนาคารขยะตั้งแล้วกี่แห่ง",
    "<script>alert('x')</script> ธนาคารขยะตั้งแล้วกี่แห่ง", "อธิบดีกรมการปกครองชื่ออะไร",
])
def test_a_question_with_small_talk_or_a_period_is_still_answered(seed_app: Any,
                                                                   question: str) -> None:
    ans = Answerer(seed_app.db, seed_app.index).ask(question)
    assert ans.found, ans.point


def test_markup_around_words_is_read_through(seed_app: Any) -> None:
    answerer = Answerer(seed_app.db, seed_app.index)
    for question in ("<b>งบ</b>ประมาณเท่าไร", "**งบ**ประมาณเท่าไร"):
        ans = answerer.ask(question)
        assert ans.found and ans.point.startswith("9,684,500 บาท"), (question, ans.point)


def test_a_place_noun_followed_by_a_verb_is_no_name(make_app: Callable[..., Any],
                                                    tmp_path: Path) -> None:
    row = {"title": "นายอำเภอเบตงขับเคลื่อนหมู่บ้านยั่งยืน",
           "text": ("นายอำเภอเบตงลงพื้นที่ขับเคลื่อนโครงการหนึ่งตำบล หนึ่งหมู่บ้านยั่งยืน "
                    "เพื่อพัฒนาหมู่บ้านให้เป็น Sustainable Village ณ บ้านกาแป๊ะซาลัง หมู่ที่ 3 "
                    "ตำบลธารน้ำทิพย์ อำเภอเบตง จังหวัดยะลา"),
           "date": "2023-03-20", "kind": "news"}
    answerer = _answerer_over(make_app, tmp_path, [row])
    question = "นายอำเภอเบตงลงพื้นที่ขับเคลื่อนโครงการหนึ่งตำบล หนึ่งหมู่บ้านยั่งยืนที่หมู่บ้านอะไร"
    name, texts = _allowed(answerer, question)
    assert name == "head" and "บ้านกาแป๊ะซาลัง" in texts
    assert not any(t.startswith("หมู่บ้านให้") for t in texts), texts
    ans = answerer.ask(question)
    assert ans.found and ans.point.startswith("บ้านกาแป๊ะซาลัง"), ans.point


def test_a_title_question_takes_the_quoted_title_of_what_it_names(
        make_app: Callable[..., Any], tmp_path: Path) -> None:
    row = {"title": "ปลัด มท. ร่วมเวที COP28",
           "text": ("ปลัดกระทรวงมหาดไทยร่วมงาน “Thailand Climate Week” และปาฐกถาพิเศษ "
                    "\"ความสำเร็จการคัดแยกขยะต้นทางของกระทรวงมหาดไทย\" ในเวที COP28 "
                    "ณ นครดูไบ สหรัฐอาหรับเอมิเรตส์"),
           "date": "2023-12-05", "kind": "news"}
    answerer = _answerer_over(make_app, tmp_path, [row])
    question = "ปลัดกระทรวงมหาดไทยปาฐกถาพิเศษที่ COP28 หัวข้ออะไร"
    name, texts = _allowed(answerer, question)
    assert name == "title"
    assert texts and all("คัดแยกขยะต้นทาง" in t for t in texts), texts  # not the event's name
    ans = answerer.ask(question)
    assert ans.found and ans.point.lstrip("\"").startswith("ความสำเร็จการคัดแยกขยะต้นทาง"), \
        ans.point


def test_a_count_further_on_in_the_article_is_read(make_app: Callable[..., Any],
                                                   tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    school = ("ปลัดกระทรวงมหาดไทยชื่นชมโรงเรียนดรุณวิทยา เทศบาลเมืองน่าน ที่ชนะการประกวด "
              "AIA Healthiest Schools Regional Challenge ประเภทโรงเรียนประถมศึกษา "
              "สร้างชื่อเสียงให้กับประเทศไทย ")
    filler = ("คณะครูและนักเรียนโรงเรียนดรุณวิทยา เทศบาลเมืองน่าน ร่วมกันดูแลสุขภาพ "
              "ปลูกผักปลอดสารพิษ ออกกำลังกายทุกเช้า และจัดอาหารกลางวันที่มีคุณค่าทางโภชนาการ "
              "ผู้ปกครองและชุมชนมีส่วนร่วมทุกขั้นตอน โดยเทศบาลสนับสนุนอย่างต่อเนื่อง ")
    paragraphs = [school * 2, school * 2, *(filler.replace("ทุก", f"ทุก{d} ") for d in
                                            ("วัน", "เช้า", "เย็น", "สัปดาห์", "เดือน")),
                  "ตัวแทนคณะทำงานเข้ารับโล่เกียรติยศพร้อมเงินรางวัลมูลค่า 1.8 ล้านบาท "
                  "จาก AIA Group ณ ฮ่องกง เมื่อต้นเดือนที่ผ่านมา"]
    row = {"title": "ปลัดมหาดไทยชื่นชมโรงเรียนดรุณวิทยา เทศบาลเมืองน่าน",
           "text": "\n\n".join(paragraphs), "date": "2023-11-20", "kind": "news"}
    answerer = _answerer_over(make_app, tmp_path, [row])
    further: list[str] = []
    rest = Answerer._rest_of_documents

    def spy(self: Answerer, *args: Any) -> Any:
        found = rest(self, *args)
        if found is not None:
            p, a, b = found[0].span(found[1])
            further.append(p.text[a:b])
        return found

    monkeypatch.setattr(Answerer, "_rest_of_documents", spy)
    ans = answerer.ask("โรงเรียนดรุณวิทยา เทศบาลเมืองน่าน ได้เงินรางวัลจากการชนะ "
                       "AIA Healthiest Schools Regional Challenge เท่าไร")
    # The amount stands in a passage the span model did not read first: it is read there.
    assert further == ["1.8 ล้านบาท"], further
    # Never another number instead; the amount itself when the model vouches for it.
    assert not ans.found or ans.point.startswith("1.8 ล้านบาท"), ans.point


def test_a_name_of_a_kind_no_passage_holds_is_not_found(make_app: Callable[..., Any],
                                                        tmp_path: Path) -> None:
    rows = [{"title": "นายกฯ ร่วมประชุมใหญ่สหพันธ์ฟุตบอลนานาชาติ",
             "text": ("นายกรัฐมนตรีร่วมการประชุมใหญ่สามัญประจำปีของสหพันธ์ฟุตบอลนานาชาติ "
                      "ซึ่งจัดคู่ขนานกับการแข่งขันฟุตบอลโลก ปี ค.ศ. 2026 ณ นครนิวยอร์ก"),
             "date": "2026-05-01", "kind": "news"},
            {"title": "ทีมชาติอาร์เจนตินาคว้าแชมป์",
             "text": ("ทีมชาติอาร์เจนตินาชนะการแข่งขันฟุตบอลโลก ปี ค.ศ. 2022 ที่ประเทศกาตาร์ "
                      "หลังดวลจุดโทษในนัดชิงชนะเลิศ"),
             "date": "2022-12-19", "kind": "news"}]
    answerer = _answerer_over(make_app, tmp_path, rows)
    # The 2026 article names an organisation, no team: not found rather than it.
    ans = answerer.ask("ทีมไหนชนะฟุตบอลโลกปี 2026")
    assert not ans.found, ans.point
    ans = answerer.ask("ทีมไหนชนะฟุตบอลโลกปี 2022")
    assert ans.found and ans.point.startswith("ทีมชาติอาร์เจนตินา"), ans.point
    # The question's own team is not the answer, nor that team's name run on into a
    # clause ("ทีมชาติไทยสำหรับรอบ"), nor a country named in passing.
    row = {"title": "ทีมชาติไทยเตรียมทีมสู่ฟุตบอลโลก 2030",
           "text": ("สมาคมฟุตบอลเตรียมความพร้อมทีมชาติไทยสำหรับรอบแรกของฟุตบอลโลก 2030 "
                    "โดยจัดแข่งขันนัดกระชับมิตรในประเทศญี่ปุ่น"),
           "date": "2026-06-01", "kind": "news"}
    ans = _answerer_over(make_app, tmp_path, [row]).ask(
        "ทีมชาติไทยจะเจอกับทีมใดในรอบแรกของฟุตบอลโลก 2030")
    assert not ans.found, ans.point


def test_an_asked_meeting_room_is_answered_by_a_rooms_name(seed_app: Any) -> None:
    # "ห้องประชุมอะไร" asks for a name that starts with ห้องประชุม, not the meeting's name.
    ans = Answerer(seed_app.db, seed_app.index).ask(
        "การประชุมคณะกรรมการขับเคลื่อน SDGs เมื่อ 27 มี.ค. 66 จัดที่ห้องประชุมอะไร")
    assert ans.found and ans.point.startswith("ห้องประชุมราชบพิธ"), ans.point


FASHION = ("เมื่อวันที่ 20 มี.ค. 67 นายเจษฎา จิตรัตน์ ผู้ว่าราชการจังหวัดสุราษฎร์ธานี เปิดเผยว่า "
           "จังหวัดร่วมกับศูนย์การค้า จัดงานแฟชั่นโชว์ผ้าไทยต้อนรับฤดูร้อน ชื่อชุด “ภูษา จรัสศิลป์” "
           "โดยนางดาเรศ จิตรัตน์ นำภาคีเครือข่าย หน่วยงานราชการ องค์กรปกครองส่วนท้องถิ่น "
           "เข้าร่วมกิจกรรม ณ ลานโปรโมชั่น")
FASHION_NEXT = ("ชั้น 1 ศูนย์การค้าเซ็นทรัล สุราษฎร์ธานี โดยมีสื่อมวลชนในพื้นที่ร่วมบันทึกภาพ "
                "และเผยแพร่ผ่านช่องทางต่าง ๆ")


def test_where_an_event_is_held_is_answered_by_its_venue_whole(
        make_app: Callable[..., Any], tmp_path: Path) -> None:
    # The venue runs on into the next passage ("ณ ลานโปรโมชั่น | ชั้น 1 ศูนย์การค้า..."):
    # the cut piece at the edge of one passage's text is not proposed, the passage
    # that holds it whole is; and "จัดที่ไหน" asks for the venue, not a noun phrase
    # near the event's name ("ภาคีเครือข่าย").
    intro = "สุราษฎร์ธานีจัดงานแฟชั่นโชว์ผ้าไทย ชุด “ภูษา จรัสศิลป์” ยกระดับผ้าถิ่นสู่สากล"
    filler = "ผ้าไทยพื้นถิ่นสร้างรายได้ให้ชุมชน ช่างทอผ้าได้สืบสานภูมิปัญญาท้องถิ่นอย่างยั่งยืน " * 5
    row = {"title": "สุราษฎร์ธานีจัดงานแฟชั่นโชว์ผ้าไทย ภูษา จรัสศิลป์",
           "text": "\n\n".join([intro, FASHION, FASHION_NEXT, filler]), "date": "2024-03-20",
           "kind": "news"}
    answerer = _answerer_over(make_app, tmp_path, [row])
    question = "งานแฟชั่นโชว์ชุด ภูษา จรัสศิลป์ ของจังหวัดสุราษฎร์ธานี จัดที่ไหน"
    name, texts = _allowed(answerer, question)
    assert name == "venue"
    assert texts and all(t.startswith("ณ") for t in texts)
    assert "ณ ลานโปรโมชั่น" not in texts  # cut by the passage's edge
    ans = answerer.ask(question)
    assert ans.found and ans.point.startswith("ลานโปรโมชั่น ชั้น 1 ศูนย์การค้าเซ็นทรัล — "), ans.point
    assert "ศูนย์การค้าเซ็นทรัล" in ans.point[:100]



@pytest.mark.parametrize("question", ["งบประมาณรวมของ อบจ.เชียงใหม่เท่าไร",
                                      "ค่าใช้จ่ายของงานเทศกาลดนตรีเท่าไร"])
def test_an_amount_no_passage_states_is_not_answered(seed_app: Any, question: str) -> None:
    # No passage read states an amount of money: any other span ("ต้นแบบความสำเร็จ 2")
    # would be a wrong value under a real citation.
    ans = Answerer(seed_app.db, seed_app.index).ask(question)
    assert not ans.found or re.match(r"[\d,.]+\s*(?:ล้าน)?บาท|กว่า|ประมาณ", ans.point), ans.point


@pytest.mark.parametrize("province", ["เชียงใหม่", "แพร่", "เลย", "ขอนแก่น"])
def test_another_provinces_governor_is_read_whatever_letter_its_name_starts_with(
        province: str) -> None:
    # "[ก-ฮ]" alone missed the provinces that start with a leading vowel (เ แ โ ใ ไ).
    from bot.answering.constraints import _another_province

    text = f"นายสมชาย ใจดี ผู้ว่าราชการจังหวัด{province} กล่าวว่า"
    b = text.index(" ผู้ว่า")
    assert _another_province(text, 0, b, "ผู้ว่าราชการจังหวัดหนองคาย", following=True)
    assert not _another_province(text, 0, b, f"ผู้ว่าราชการจังหวัด{province}", following=True)


@pytest.mark.parametrize(("question", "role", "phrase"), [
    # A post named with its year glued on: the year is no part of the post.
    ("อธิบดีกรมพัฒนาชุมชนปี 66 คือใคร", "อธิบดี", "อธิบดีกรมพัฒนาชุมชน"),
    ("นายกสมาคมแม่บ้านมหาดไทยปี 68 ชื่ออะไร", "นายกสมาคม", "นายกสมาคมแม่บ้านมหาดไทย"),
    ("ปลัดกระทรวงอุตสาหกรรมในปี 2568 ชื่ออะไร", "ปลัดกระทรวง", "ปลัดกระทรวงอุตสาหกรรม"),
    # The permanent secretaries of the Prime Minister's Office and of Bangkok are posts
    # ("ปลัด" alone is one only of a local government named after it).
    ("ปลัดสำนักนายกรัฐมนตรีปี 2568 ชื่ออะไร", "ปลัดสำนักนายกรัฐมนตรี", "ปลัดสำนักนายกรัฐมนตรี"),
    ("ปลัดกรุงเทพมหานครคนปัจจุบันคือใคร", "ปลัดกรุงเทพมหานคร", "ปลัดกรุงเทพมหานคร"),
])
def test_the_post_a_who_question_names_is_read_whole_and_without_its_year(
        question: str, role: str, phrase: str) -> None:
    info = analyse_question(question)
    demand = demand_of(question, info, question_frame(question))
    assert (demand.role, demand.phrase) == (role, phrase)


def test_a_post_holder_asked_by_name_is_found_beside_the_post_not_beside_the_word_name(
        make_app: Callable[..., Any], tmp_path: Path) -> None:
    # "ชื่ออะไร" asks for the holder: searching "ชื่อ" read the renaming notices first.
    renamings = [{"title": f"ครม. อนุมัติเปลี่ยนชื่อหน่วยงาน ชุดที่ {i}",
                  "text": (f"คณะรัฐมนตรีอนุมัติการเปลี่ยนชื่อ สำนักงานปลัดกระทรวง กองที่ {i} "
                           "เปลี่ยนชื่อเป็นสำนักบริหารกลาง ตั้งแต่เดือนธันวาคม 2563"),
                  "date": "2020-12-01", "kind": "news"} for i in range(1, 4)]
    holder = {"title": "สธ. สำรวจสถานบริการสาธารณสุขที่ได้รับผลกระทบจากน้ำท่วม",
              "text": ("วันนี้ (3 ธันวาคม 2563) นายแพทย์เกียรติภูมิ วงศ์รจิต ปลัดกระทรวงสาธารณสุข "
                       "ให้สัมภาษณ์ กรณีสถานการณ์น้ำท่วมฉับพลันที่จังหวัดนครศรีธรรมราช "
                       "ว่าสถานบริการสาธารณสุขเปิดบริการได้ตามปกติ"),
              "date": "2020-12-03", "kind": "news"}
    answerer = _answerer_over(make_app, tmp_path, [*renamings, holder])
    ans = answerer.ask("ปลัดกระทรวงสาธารณสุขเมื่อ ธ.ค. 2563 ชื่ออะไร")
    assert ans.found and ans.point.startswith("นายแพทย์เกียรติภูมิ วงศ์รจิต"), ans.point



@pytest.mark.parametrize(("question", "constraint", "trusted"), [
    # The post narrowed to its ministry, department or province, named beside the person.
    ("ปลัด มท. เมื่อ เมษายน 2567 คือใคร", "role", True),
    ("พัฒนาการจังหวัดอุบลราชธานี ปี 67 คือใคร", "role", True),
    ("ปลัดสำนักนายกรัฐมนตรีปี 2568 ชื่ออะไร", "role", True),
    # A chair is the meeting's; a bare post names no one post; other constraints are
    # left to the verifier.
    ("ใครเป็นประธานการประชุม", "role", False),
    ("ผู้ว่าคนปัจจุบันคือใคร", "role", False),
    ("ปลัด มท. เมื่อ เมษายน 2567 คือใคร", "type", False),
    # A holder asked by order: the text must say "the first", and the verifier judges.
    ("ผู้ว่าราชการจังหวัดบึงกาฬคนแรกคือใคร", "role", False),
])
def test_only_a_person_beside_the_very_post_asked_skips_the_verifier(
        question: str, constraint: str, trusted: bool) -> None:
    from bot.answering.answerer import _names_the_holder

    demand = demand_of(question, analyse_question(question), question_frame(question))
    april_2024 = dt.date(2024, 4, 5)
    assert _names_the_holder(constraint, demand, None, april_2024) is trusted
    # A near miss of the coverage gate is always the verifier's to judge.
    assert not _names_the_holder(constraint, demand, 0.5, april_2024)
    if "เมษายน" in question:
        # A month asked: only from a document of that month.
        assert not _names_the_holder(constraint, demand, None, dt.date(2024, 11, 5))


def test_months_a_question_names_are_read_with_their_year() -> None:
    from bot.answering.consistency import in_months, months_in

    assert months_in("อธิบดี ปภ. เม.ย. 66 ชื่ออะไร") == {(2566, 4)}
    assert months_in("ปลัดกระทรวงมหาดไทยเมื่อ มิถุนายน 2025") == {(2568, 6)}
    assert months_in("ธนาคารขยะตั้งแล้วกี่แห่ง") == frozenset()
    assert in_months({(2566, 4)}, dt.date(2023, 4, 30))
    assert not in_months({(2566, 4)}, dt.date(2023, 11, 27))
    assert not in_months({(2566, 4)}, dt.date(2023, 3, 27))
    assert in_months({(2566, 4)}, dt.date(2023, 3, 27), slack_days=62)
    assert in_months({(2566, 12)}, dt.date(2024, 1, 20), slack_days=62)  # across the year
    assert not in_months({(2566, 4)}, dt.date(2023, 11, 27), slack_days=62)


def test_the_holder_of_a_post_in_a_month_is_not_read_from_another_months_release(
        make_app: Callable[..., Any], tmp_path: Path) -> None:
    # A post changes hands within a year: November's director-general is not April's.
    rows = [{"title": "อธิบดี ปภ. ยืนยันช่วยเหลือผู้ประสบอุทกภัยภาคใต้",
             "text": ("วันนี้ (27 พ.ย. 66) นายไชยวัฒน์ จุนถิระพงศ์ อธิบดีกรมป้องกันและบรรเทา"
                      "สาธารณภัย เปิดเผยถึงการช่วยเหลือผู้ประสบอุทกภัยในพื้นที่ภาคใต้"),
             "date": "2023-11-27", "kind": "news"}]
    answerer = _answerer_over(make_app, tmp_path, rows)
    # August: the release of November is three months on (and the bundled meeting of
    # 27 March 2566, which names his predecessor, four months before).
    august = answerer.ask("อธิบดีกรมป้องกันและบรรเทาสาธารณภัย ส.ค. 66 ชื่ออะไร")
    assert not august.found, august.point
    # April: the bundled meeting of 27 March, within the asker's approximate month.
    april = answerer.ask("อธิบดีกรมป้องกันและบรรเทาสาธารณภัย เม.ย. 66 ชื่ออะไร")
    assert april.found and april.point.startswith("นายบุญธรรม เลิศสุขีเกษม"), april.point
    november = answerer.ask("อธิบดีกรมป้องกันและบรรเทาสาธารณภัย พ.ย. 66 ชื่ออะไร")
    assert november.found and november.point.startswith("นายไชยวัฒน์ จุนถิระพงศ์"), november.point
    # A year asked: the release of another year names that year's holder, whatever years
    # its text recalls.
    long_ago = answerer.ask("อธิบดีกรมป้องกันและบรรเทาสาธารณภัย พ.ศ. 2550 ชื่ออะไร")
    assert not long_ago.found, long_ago.point
    fiscal = answerer.ask("อธิบดีกรมป้องกันและบรรเทาสาธารณภัย ปีงบประมาณ 2567 ชื่ออะไร")
    assert fiscal.found and fiscal.point.startswith("นายไชยวัฒน์ จุนถิระพงศ์"), fiscal.point


def test_the_holder_of_a_post_in_a_year_is_who_the_releases_of_that_year_name(
        make_app: Callable[..., Any], tmp_path: Path) -> None:
    rows = [
        {"title": "กรมพัฒนาชุมชนมอบนโยบายการขับเคลื่อนงานพัฒนาชุมชน ปี 2566",
         "text": ("อธิบดีกรมพัฒนาชุมชนมอบนโยบายการขับเคลื่อนงานพัฒนาชุมชน ประจำปี 2566 "
                  "ให้พัฒนาการจังหวัดทุกจังหวัดเร่งรัดการดำเนินงานตามแผน"),
         "date": "2023-01-10", "kind": "news"},
        {"title": "พช. เปิดงาน OTOP ชวนช้อป",
         "text": ("วันนี้ (1 พฤษภาคม 2566) นายอรรษิษฐ์ สัมพันธรัตน์ อธิบดีกรมพัฒนาชุมชน "
                  "เป็นประธานเปิดงาน OTOP ชวนช้อป ณ ศูนย์การค้าในกรุงเทพมหานคร"),
         "date": "2023-05-01", "kind": "news"},
        # An appointment of February 2567: the post is his from then on, not in 2566.
        {"title": "ครม. เห็นชอบโยกย้ายข้าราชการระดับสูง กระทรวงมหาดไทย",
         "text": ("คณะรัฐมนตรีมีมติเห็นชอบแต่งตั้ง 1. นายสยาม ศิริมงคล ผู้ว่าราชการจังหวัด"
                  "นครราชสีมา เป็นอธิบดีกรมพัฒนาชุมชน 2. นายพรพจน์ เพ็ญพาส "
                  "รองปลัดกระทรวงมหาดไทย เป็นอธิบดีกรมส่งเสริมการปกครองท้องถิ่น"),
         "date": "2024-02-20", "kind": "news"},
    ]
    answerer = _answerer_over(make_app, tmp_path, rows)
    ans = answerer.ask("อธิบดีกรมพัฒนาชุมชนปี 66 คือใคร")
    assert ans.found and ans.point.startswith("นายอรรษิษฐ์ สัมพันธรัตน์"), ans.point


def test_todays_holder_of_a_post_is_the_one_the_latest_releases_name(
        make_app: Callable[..., Any], tmp_path: Path) -> None:
    # Search ranks the older releases first (they repeat the post); the latest name the
    # successor, and no date asked means today.
    older = [{"title": f"ปลัดกระทรวงมหาดไทยมอบนโยบาย ครั้งที่ {i}",
              "text": ("นายสุทธิพงษ์ จุลเจริญ ปลัดกระทรวงมหาดไทย มอบนโยบายแก่ผู้ว่าราชการจังหวัด "
                       "ปลัดกระทรวงมหาดไทยย้ำให้ทุกจังหวัดขับเคลื่อนงานของกระทรวงมหาดไทย"),
              "date": f"2023-0{i}-15", "kind": "news"} for i in range(1, 5)]
    newer = {"title": "มหาดไทยเปิดงานผ้าไทย",
             "text": ("วันนี้ (7 ก.ย. 68) นายอรรษิษฐ์ สัมพันธรัตน์ ปลัดกระทรวงมหาดไทย "
                      "เป็นประธานเปิดงานผ้าไทยใส่ให้สนุก ณ ศาลาว่าการกระทรวงมหาดไทย"),
             "date": "2025-09-07", "kind": "news"}
    answerer = _answerer_over(make_app, tmp_path, [*older, newer])
    ans = answerer.ask("ปลัดกระทรวงมหาดไทยคือใคร")
    assert ans.found and ans.point.startswith("นายอรรษิษฐ์ สัมพันธรัตน์"), ans.point
    # A year asked is that year's holder.
    then = answerer.ask("ปลัดกระทรวงมหาดไทย ปี 2566 คือใคร")
    assert then.found and then.point.startswith("นายสุทธิพงษ์ จุลเจริญ"), then.point


def test_the_latest_passages_that_write_a_phrase_are_read_literally_and_recent_only(
        make_app: Callable[..., Any], tmp_path: Path) -> None:
    from knowledge.queries import latest_passages_naming

    rows = [{"title": "เก่า", "text": "อัตรา 50% ของงบประมาณ ปลัดกระทรวงตัวอย่าง กล่าว",
             "date": "2020-01-10", "kind": "news"},
            {"title": "ใหม่", "text": "อัตรา 50 เปอร์เซ็นต์ ปลัดกระทรวงตัวอย่าง กล่าว",
             "date": "2025-09-01", "kind": "news"},
            {"title": "ใหม่กว่า", "text": "ปลัดกระทรวงตัวอย่างเปิดงาน 5_0", "date": "2025-09-07",
             "kind": "news"}]
    answerer = _answerer_over(make_app, tmp_path, rows)
    with answerer.db.read() as s:
        recent = latest_passages_naming(s, "ปลัดกระทรวงตัวอย่าง", 180, 10)
        everything = latest_passages_naming(s, "ปลัดกระทรวงตัวอย่าง", 10_000, 10)
        percent = latest_passages_naming(s, "50%", 10_000, 10)  # "%" is no wildcard
        underscore = latest_passages_naming(s, "5_0", 10_000, 10)
    assert len(recent) == 2 and len(everything) == 3
    assert everything[:2] == recent  # the latest first
    assert len(percent) == 1 and len(underscore) == 1


@pytest.mark.parametrize("particle", ["อ่ะ", "ป่ะ", "เหรอ", "ล่ะ", "ค้าบ", "เนี่ย"])
def test_a_chat_particle_changes_nothing_in_the_answer(seed_app: Any, particle: str) -> None:
    answerer = Answerer(seed_app.db, seed_app.index)
    plain = answerer.ask("ธนาคารขยะตั้งแล้วกี่แห่ง")
    chatty = answerer.ask(f"ธนาคารขยะตั้งแล้วกี่แห่ง{particle}")
    assert chatty.found and chatty.point == plain.point
    q, info = answerer.prepare(f"ธนาคารขยะตั้งแล้วกี่แห่ง{particle}")
    assert particle not in answerer.search_tokens(q, info)


def test_chat_particles_go_only_at_the_end_where_they_are_particles() -> None:
    # Inside a question the same letters are syllables of names.
    assert "มะยุระ" in without_asking_phrases("สง่า มะยุระ ทำอาชีพอะไร")
    assert "ฮะมัด" in without_asking_phrases("อับดุลละห์ บิน ฮะมัด เรียนที่ไหนอ่ะ")
    assert "อ่ะ" not in without_asking_phrases("อับดุลละห์ บิน ฮะมัด เรียนที่ไหนอ่ะ")
    assert "เหรอ" not in without_asking_phrases("มีกี่แห่งเหรอครับ?")


def test_an_amount_asked_of_nothing_asks_for_a_topic(seed_app: Any) -> None:
    # "ราคาเท่าไร" says what kind of answer, not of what: no price of whichever passage.
    ans = Answerer(seed_app.db, seed_app.index).ask("ราคาเท่าไรหรอครับ")
    assert not ans.found and ans.debug.get("reason") == "no topic", ans.point


def test_the_first_holder_of_a_post_is_not_whoever_holds_it(
        make_app: Callable[..., Any], tmp_path: Path) -> None:
    rows = [{"title": "ผู้ว่าฯ บึงกาฬตรวจเยี่ยมธนาคารขยะ",
             "text": ("นายจุมพฏ วรรณฉัตรสิริ ผู้ว่าราชการจังหวัดบึงกาฬ กล่าวว่า จากการตรวจเยี่ยม"
                      "ธนาคารขยะของจังหวัดบึงกาฬ พบว่าประชาชนให้ความร่วมมือเป็นอย่างดี"),
             "date": "2024-05-10", "kind": "news"}]
    answerer = _answerer_over(make_app, tmp_path, rows)
    first = answerer.ask("ผู้ว่าราชการจังหวัดบึงกาฬคนแรกคือใคร")
    assert not first.found, first.point
    now = answerer.ask("ผู้ว่าราชการจังหวัดบึงกาฬคือใคร")
    assert now.found and now.point.startswith("นายจุมพฏ วรรณฉัตรสิริ"), now.point


def test_a_post_that_starts_like_a_title_is_no_person() -> None:
    from bot.answering.candidates import CTYPES, typed_spans

    def people(text: str) -> list[str]:
        return [text[a:b] for (a, b), k in typed_spans(text, 0, len(text)).items()
                if CTYPES[k] == "person"]

    # "นาย" of "นายกรัฐมนตรี", "นายอำเภอ" is the post's, not a title before a name...
    assert people("นายกรัฐมนตรี หารือ ผู้ว่าราชการกรุงเทพมหานคร") == []
    assert "นายสมชาย ใจดี" in people("นายอำเภอเมือง นายสมชาย ใจดี")
    # ... while a first name may start with ก.
    assert "นายกิตติพงษ์ ใจดี" in people("นายกิตติพงษ์ ใจดี นายอำเภอเมือง")


def test_where_is_not_answered_with_the_place_the_question_names(
        make_app: Callable[..., Any], tmp_path: Path) -> None:
    rows = [{"title": "นครพนมจัดกิจกรรม สวมผ้าไทย ใส่ผ้าซิ่น กินข้าวปิ่นโต",
             "text": ("นายชยันต์ ศิริมาศ ผู้ว่าราชการจังหวัดนครพนม เปิดเผยว่า จังหวัดนครพนม "
                      "ได้จัดกิจกรรม สวมผ้าไทย ใส่ผ้าซิ่น กินข้าวปิ่นโต ณ ศาลาประชาคมยงใจยุทธ "
                      "ศาลากลางจังหวัดนครพนม โดยมีส่วนราชการเข้าร่วมกว่า 500 คน"),
             "date": "2023-05-10", "kind": "news"}]
    answerer = _answerer_over(make_app, tmp_path, rows)
    question = "กิจกรรม สวมผ้าไทย ใส่ผ้าซิ่น กินข้าวปิ่นโต ที่นครพนม จัดที่ไหน"
    ans = answerer.ask(question)
    assert ans.found and ans.point.startswith("ศาลาประชาคมยงใจยุทธ"), ans.point
    # The rule itself: of the candidates read, the bare province the question names is
    # an echo; the venue, and a province it does not name, are not.
    from bot.answering.answerer import _names_the_asked_place

    q, info = answerer.prepare(question)
    reading = answerer.read(q, info, answerer.search_tokens(q, info))
    assert reading is not None
    rows = span_rows(reading.passages, reading.terms, info, question_frame(reading.question),
                     answerer.model.tables)
    text = demand_of(reading.question, info, question_frame(reading.question)).text
    echoes = {rows.span(r)[0].text[rows.span(r)[1]:rows.span(r)[2]]
              for r in range(len(rows.x)) if _names_the_asked_place(rows, r, text)}
    assert "จังหวัดนครพนม" in echoes
    assert not any(e.startswith("ศาลาประชาคม") for e in echoes)


def test_the_first_holder_is_not_the_own_records_holder(seed_app: Any) -> None:
    # The bundled meeting names today's permanent secretary; none is called the first.
    ans = Answerer(seed_app.db, seed_app.index).ask("ปลัดกระทรวงมหาดไทยคนแรกคือใคร")
    assert not ans.found, ans.point


@pytest.mark.parametrize(("question", "role", "standing"), [
    ("รองนายกรัฐมนตรีคือใคร", "รองนายก", False),  # a deputy is asked, and deputies are many
    # "who" before the deputy's post: the English rendering writes it so ("ใคร
    # รองนายกรัฐมนตรี"); without a role, any person (a director-general) had answered.
    ("ใครเป็นรองนายกรัฐมนตรี", "รองนายก", False),
    ("ใคร รองนายกรัฐมนตรี", "รองนายก", False),
    ("ใครเป็นรองผู้ว่าราชการจังหวัดเชียงใหม่", "รองผู้ว่าราชการจังหวัด", False),
    # The government's spokesperson is one person at a time, as releases write the post
    # ("โฆษกประจำสำนักนายกรัฐมนตรี"); a meeting's or a ministry's spokespersons are many.
    ("ใครเป็นโฆษกรัฐบาล", "โฆษก", True),
    ("โฆษกประจำสำนักนายกรัฐมนตรีคือใคร", "โฆษก", True),
    ("รองโฆษกรัฐบาลคือใคร", "รองโฆษก", False),
    ("ใครเป็นโฆษกการประชุม", "โฆษก", False),
    ("โฆษกกระทรวงมหาดไทยคือใคร", "โฆษก", False),
    ("ปลัด มท. ตอนนี้ใครครับ", "ปลัดกระทรวง", True),  # "now" between the post and "who"
    ("ปลัดกระทรวงมหาดไทยคนล่าสุดคือใคร", "ปลัดกระทรวง", True),
])
def test_deputies_and_now_in_who_questions(question: str, role: str, standing: bool) -> None:
    from bot.answering.answerer import _standing_post

    demand = demand_of(question, analyse_question(question), question_frame(question))
    assert demand.role == role
    assert _standing_post(demand) is standing


def test_a_post_after_a_persons_own_post_is_the_next_item_of_a_list() -> None:
    from bot.answering.constraints import post_follows

    text = ("โดยมี คุณหญิงกัลยา โสภณพนิช รัฐมนตรีช่วยว่าการกระทรวงศึกษาธิการ "
            "เลขาธิการนายกรัฐมนตรี ที่ปรึกษานายกรัฐมนตรี เข้าร่วม")
    a = text.index("คุณหญิง")
    with_post = text.index(" เลขาธิการ")
    name_only = text.index(" รัฐมนตรีช่วย")
    assert not post_follows(text, a, with_post, "เลขาธิการนายกรัฐมนตรี")
    assert post_follows(text, a, name_only, "รัฐมนตรีช่วยว่าการกระทรวงศึกษาธิการ")
    two = "นายอนุทิน ชาญวีรกูล รองนายกรัฐมนตรีและรัฐมนตรีว่าการกระทรวงมหาดไทย กล่าว"
    assert post_follows(two, 0, two.index(" รอง"), "รัฐมนตรีว่าการกระทรวงมหาดไทย")


def test_todays_holder_is_the_latest_releases_not_the_most_named(
        make_app: Callable[..., Any], tmp_path: Path) -> None:
    # A change of government: the outgoing minister is named more often in the weeks
    # before the new one's first release.
    rows = [{"title": f"รัฐมนตรีว่าการกระทรวงมหาดไทยลงพื้นที่ ครั้งที่ {i}",
             "text": (f"วันนี้ ({i} ก.ย. 68) นายภูมิธรรม เวชยชัย รัฐมนตรีว่าการกระทรวงมหาดไทย "
                      "ลงพื้นที่ติดตามสถานการณ์น้ำ"),
             "date": f"2025-09-0{i}", "kind": "news"} for i in range(1, 5)]
    rows.append({"title": "ครม. ชุดใหม่",
                 "text": ("นายอนุทิน ชาญวีรกูล รัฐมนตรีว่าการกระทรวงมหาดไทย "
                          "ประชุมมอบนโยบายแก่ผู้บริหารกระทรวง"),
                 "date": "2025-09-19", "kind": "news"})
    answerer = _answerer_over(make_app, tmp_path, rows)
    ans = answerer.ask("รัฐมนตรีว่าการกระทรวงมหาดไทยคือใคร")
    assert ans.found and ans.point.startswith("นายอนุทิน ชาญวีรกูล"), ans.point


def test_a_former_holder_named_in_the_latest_release_is_not_todays() -> None:
    from bot.answering.answerer import _FORMER_AFTER, _FORMER_BEFORE

    assert _FORMER_BEFORE.search("งานรำลึกอดีตผู้ว่า ")
    assert _FORMER_AFTER.match("คนที่ 40 ได้รับเชิญ")
    assert not _FORMER_AFTER.match("เป็นประธานเปิดงาน")


def test_a_representative_is_no_holder_of_one_post() -> None:
    # "ผู้แทน สป.มท." at an event holds a post of their own ("ผู้ช่วยปลัดกระทรวงมหาดไทย"):
    # the other-post check is for standing posts only.
    from bot.answering.answerer import _standing_post

    q = "ใครเป็นผู้แทน สป.มท. รับเหรียญพระบรมรูป 6 รอบ เมื่อ 30 มิ.ย. 68"
    assert not _standing_post(demand_of(q, analyse_question(q), question_frame(q)))


def test_a_holder_read_from_a_month_near_the_one_asked_is_looked_for_in_that_month() -> None:
    # "อธิบดีกรมคุ้มครองสิทธิ เมื่อพฤษภาคม 2564": a release of 24 June 2564 names the
    # holder beside the post, but a post may change hands in between; the releases of
    # the asked month are searched for it (Answerer._holder_elsewhere), not the verifier
    # left to judge a June release for May (two of the 80 holder questions had been
    # refused so).
    import datetime as dt

    from bot.answering.answerer import _off_month

    q = "อธิบดีกรมคุ้มครองสิทธิ เมื่อพฤษภาคม 2564 ชื่ออะไร"
    demand = demand_of(q, analyse_question(q), question_frame(q))

    assert _off_month(demand, dt.date(2021, 6, 24))
    assert not _off_month(demand, dt.date(2021, 5, 27))
    no_month = demand_of("อธิบดีกรมคุ้มครองสิทธิคือใคร", analyse_question("อธิบดีกรมคุ้มครองสิทธิคือใคร"),
                         question_frame("อธิบดีกรมคุ้มครองสิทธิคือใคร"))
    assert not _off_month(no_month, dt.date(2021, 6, 24))


@pytest.mark.parametrize(("text", "holds"), [
    # The post held in this event, "ในฐานะ ..." after the one the name is written with.
    ("นายพรชัย ฐีระเวช ที่ปรึกษาด้านเศรษฐกิจการเงิน สำนักงานเศรษฐกิจการคลัง "
     "ในฐานะรองโฆษกกระทรวงการคลัง เปิดเผยว่า", True),
    ("นายพรชัย ฐีระเวช ที่ปรึกษา ในฐานะ รองโฆษกกระทรวงการคลัง เปิดเผยว่า", True),
    # Another person stands between: the post is theirs.
    ("นายพรชัย ฐีระเวช กล่าวว่า นายสมชาย ใจดี ในฐานะรองโฆษกกระทรวงการคลัง เปิดเผยว่า", False),
    ("นายพรชัย ฐีระเวช ที่ปรึกษาด้านเศรษฐกิจการเงิน เปิดเผยว่า", False),
])
def test_a_post_held_in_the_capacity_of_is_the_persons(text: str, holds: bool) -> None:
    from bot.answering.constraints import _beside

    b = text.index(" ที่ปรึกษา") if " ที่ปรึกษา" in text else text.index(" กล่าวว่า")
    assert _beside(text, 0, b, "รองโฆษก", following=True) is holds
