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


@pytest.mark.parametrize(("text", "value", "question"), [
    # The words before the first item are the list's subject, not the first item's name.
    ("กระทรวงอนุมัติเงินช่วยเหลือผู้ประสบอุทกภัย ในอัตราครัวเรือนละ 5,000 บาท จำนวน 12,000 "
     "ครัวเรือน และสนับสนุนงบฟื้นฟูหมู่บ้านละ 80,000 บาท รวมทั้งสิ้น 75 ล้านบาท", "80,000",
     "เงินช่วยเหลือผู้ประสบอุทกภัย หมู่บ้านละเท่าไร"),
    # A number glued to a name ("โควิด-19") is no value of the list.
    ("หายป่วยกลับบ้าน 21,371 ราย หายป่วยสะสม 742,953 ราย ผู้ป่วยกำลังรักษา 226,151 ราย "
     "ขณะที่ ผู้ติดเชื้อโควิด-19 รายใหม่วันนี้ รวม 24,592 ราย", "24,592",
     "ผู้ติดเชื้อโควิด-19 รายใหม่วันนี้กี่ราย"),
])
def test_the_named_item_is_read_from_its_own_words(text: str, value: str,
                                                   question: str) -> None:
    assert not other_item(text, text.index(value), question)


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


# -- the total, not an increment or a part -----------------------------------------------

PRISONS = ("โฆษกศูนย์บริหารสถานการณ์ฯ เปิดเผยว่า ภาพรวมการแพร่ระบาดของโรคติดเชื้อไวรัสโควิด-19 "
           "ในเรือนจำ/ทัณฑสถาน มีรายงานการแพร่ระบาดเพิ่ม 1 แห่ง คือ เรือนจำกลางนครสวรรค์ "
           "ส่งผลให้มีเรือนจำสีขาวที่ไม่พบการแพร่ระบาดลดลงอยู่ที่ 111 แห่ง "
           "เรือนจำสีแดงที่พบการระบาดเพิ่มเป็น 23 แห่ง และสิ้นสุดการระบาดแล้ว 8 แห่งคงเดิม")
CHECKS = ("นายอำเภอแหลมสิงห์ มอบหมายให้ทีมปฏิบัติการประจำตำบล เข้าตรวจสอบผู้เกี่ยวข้องกับ"
          "สารเสพติดในพื้นที่ตำบลบางกะไชย จำนวนทั้งสิ้น 4 ราย พบว่าเสพสารเสพติด 1 ราย "
          "ซึ่งยินยอมเข้ารับการบำบัดที่โรงพยาบาลต่อไป")


@pytest.mark.parametrize(("text", "value", "question", "other"), [
    # An increment is no count of how many there are; the total it makes is.
    (PRISONS, "1 แห่ง", "เรือนจำที่พบการแพร่ระบาดมีกี่แห่ง", True),
    (PRISONS, "23 แห่ง", "เรือนจำสีแดงที่พบการระบาดมีกี่แห่ง", False),
    (PRISONS, "111 แห่ง", "เรือนจำสีขาวมีกี่แห่ง", False),
    (PRISONS, "1 แห่ง", "เรือนจำที่พบการแพร่ระบาดเพิ่มขึ้นกี่แห่ง", False),
    (PRISONS, "23 แห่ง", "เรือนจำสีแดงเพิ่มเป็นกี่แห่ง", False),
    ("ผู้ติดเชื้อเพิ่มขึ้นเป็น 40 ราย", "40 ราย", "มีผู้ติดเชื้อกี่ราย", False),
    ("ผู้ติดเชื้อเพิ่มอีก 2 ราย", "2 ราย", "มีผู้ติดเชื้อกี่ราย", True),
    ("จะเปิดศูนย์อีก 5 แห่ง", "5 แห่ง", "มีศูนย์กี่แห่ง", True),
    ("ยังเหลืออีก 5 แห่ง", "5 แห่ง", "เหลือกี่แห่ง", False),
    ("คิดเป็น 80% จากทั้งหมด 56 แห่ง อีก 12 แห่ง อยู่ระหว่างการรอตรวจ", "12 แห่ง",
     "อยู่ระหว่างการรอตรวจกี่แห่ง", False),
])
def test_an_increment_is_no_total(text: str, value: str, question: str, other: bool) -> None:
    from bot.answering.siblings import asks_change, difference

    k = text.index(value)
    assert (not asks_change(question) and difference(text, k, k + len(value))) is other


@pytest.mark.parametrize(("question", "other"), [
    ("ทีมปฏิบัติการเข้าตรวจสอบผู้เกี่ยวข้องกับสารเสพติดในตำบลบางกะไชยกี่ราย", True),
    # The part asked by its own words.
    ("พบผู้เสพสารเสพติดกี่ราย", False),
])
def test_a_part_after_a_stated_total_is_no_total(question: str, other: bool) -> None:
    from bot.answering.siblings import part_of_total

    assert part_of_total(CHECKS, CHECKS.index("1 ราย"), question) is other
    assert not part_of_total(CHECKS, CHECKS.index("4 ราย"), question)


def test_the_total_answers_how_many(make_app: Any, tmp_path: Path) -> None:
    app = app_over(make_app, tmp_path, [
        news(1, "สถานการณ์โรคติดเชื้อในเรือนจำ", PRISONS, "2021-08-01"), *FILLER])
    answerer = Answerer(app.db, app.index)
    assert_leads(answerer.ask("เรือนจำสีแดงที่พบการระบาดของโควิด-19 มีกี่แห่ง"), "23 แห่ง")
    assert_leads(answerer.ask("เรือนจำสีขาวที่ไม่พบการแพร่ระบาดมีกี่แห่ง"), "111 แห่ง")


def test_a_stated_total_answers_how_many(make_app: Any, tmp_path: Path) -> None:
    app = app_over(make_app, tmp_path, [
        news(2, "อำเภอแหลมสิงห์ตรวจค้นหาผู้เกี่ยวข้องกับสารเสพติด", CHECKS, "2022-03-01"),
        *FILLER])
    answerer = Answerer(app.db, app.index)
    assert_leads(answerer.ask("ตำบลบางกะไชยมีผู้เกี่ยวข้องกับสารเสพติดกี่ราย"), "4 ราย")
    assert_leads(answerer.ask("ในตำบลบางกะไชยพบผู้เสพสารเสพติดกี่ราย"), "1 ราย")


# -- the whole value -----------------------------------------------------------------------


@pytest.mark.parametrize(("text", "part", "whole"), [
    # A half after the unit is part of the amount.
    ("ต้องได้รับยาละลายลิ่มเลือดภายใน 4 ชั่วโมงครึ่ง ซึ่งจะช่วยลดความพิการ", "4 ชั่วโมง",
     "4 ชั่วโมงครึ่ง"),
    ("ใช้เวลาก่อสร้าง 1 ปีครึ่ง จึงแล้วเสร็จ", "1 ปี", "1 ปีครึ่ง"),
    # A name does not end on its article.
    ("พิธีลงนามในวันที่ 28 กุมภาพันธ์ 2567 ณ โรงแรมเดอะ สุโกศล กรุงเทพมหานคร", "โรงแรมเดอะ",
     "โรงแรมเดอะ สุโกศล"),
    ("ประชุมที่โรงแรม เดอะ แกรนด์ ฟอร์จูน", "โรงแรม เดอะ", "โรงแรม เดอะ แกรนด์"),
    ("จัดที่ห้าง The Mall บางกะปิ", "ห้าง The", "ห้าง The Mall"),
    # A range of years is one period.
    ("เปิดตัวแผนงาน DWCP วาระปี 2566 - 2570 ในวันที่ 28", "ปี 2566", "ปี 2566 - 2570"),
    ("ทบทวนแผนปฏิบัติราชการระยะ 5 ปี (พ.ศ. 2566 - 2570) ของกระทรวง", "พ.ศ. 2566",
     "พ.ศ. 2566 - 2570"),
])
def test_the_value_is_led_whole(text: str, part: str, whole: str) -> None:
    from bot.answering.extent import whole_value

    k = text.index(part)
    a, b = whole_value(text, k, k + len(part))
    assert text[a:b] == whole


@pytest.mark.parametrize(("text", "part"), [
    ("แบ่งให้ 5 คนครึ่งหนึ่งของเงินทั้งหมด", "5 คน"),  # half of what follows
    ("ประชุมที่ศาลา ประชาคม", "ศาลา"),  # no article
    ("นายสมชาย (1 มกราคม 2500 - 2 มีนาคม 2560)", "1 มกราคม 2500"),  # two days, not a period
])
def test_no_more_than_the_value(text: str, part: str) -> None:
    from bot.answering.extent import whole_value

    k = text.index(part)
    assert whole_value(text, k, k + len(part)) == (k, k + len(part))


# -- a price per unit ----------------------------------------------------------------------

VENTILATORS = ("1. เครื่องช่วยหายใจอัตราไหลสูง (High Flow Nasal Cannula - HFNC) มีต้นทุนการผลิต"
               "เครื่องละประมาณ 50,000 บาท ในขณะที่หากนำเข้า ราคาเครื่องละ 200,000 - 250,000 บาท "
               "จึงทำให้ประเทศลดการนำเข้าได้สูงถึง 150,000 บาท ต่อ 1 เครื่อง ปัจจุบัน มีการส่งมอบ"
               "ให้โรงพยาบาลทั่วประเทศกว่า 500 เครื่อง ช่วยลดค่าใช้จ่ายของภาครัฐรวมกว่า 75 ล้านบาท")


def test_a_price_per_one_unit_is_stated_per_that_unit() -> None:
    from bot.answering.extent import whole_value
    from bot.answering.per_unit import asked_unit, stated_unit

    k = VENTILATORS.index("150,000 บาท")
    assert stated_unit(VENTILATORS, k, k + len("150,000 บาท")) == "เครื่อง"
    assert asked_unit("ลดการนำเข้าได้เท่าไรต่อ 1 เครื่อง") == "เครื่อง"
    part = "150,000 บาท ต่อ 1"
    a, b = whole_value(VENTILATORS, k, k + len(part))
    assert VENTILATORS[a:b] == "150,000 บาท ต่อ 1 เครื่อง"


@pytest.mark.parametrize(("question", "lead"), [
    ("เครื่อง HFNC ที่ผลิตในประเทศมีต้นทุนการผลิตเครื่องละเท่าไร", "50,000 บาท"),
    ("เครื่อง HFNC ที่นำเข้ามีราคาเครื่องละเท่าไร", "200,000 - 250,000 บาท"),
    ("เครื่อง HFNC ช่วยลดค่าใช้จ่ายของภาครัฐรวมเท่าไร", "75 ล้านบาท"),
])
def test_each_price_answers_its_own_question(make_app: Any, tmp_path: Path, question: str,
                                             lead: str) -> None:
    app = app_over(make_app, tmp_path, [
        news(3, "นายกฯ ชื่นชมนักวิจัยไทยพัฒนาอุปกรณ์การแพทย์รับมือโควิด", VENTILATORS,
             "2021-09-01"), *FILLER])
    ans = Answerer(app.db, app.index).ask(question)
    # (Led with its qualifier as written: "ประมาณ 50,000 บาท", "กว่า 75 ล้านบาท".)
    assert ans.found and lead in ans.point.split(" — ")[0], ans.point


# -- a name, not the post ------------------------------------------------------------------

DOCTOR = ("นายแพทย์สมศักดิ์ ใจดีงาม นายแพทย์สาธารณสุขจังหวัดพังงา เปิดเผยว่า ตามมาตรฐานการรักษา "
          "ผู้ป่วยโรคหลอดเลือดสมองต้องได้รับยาละลายลิ่มเลือดภายใน 4 ชั่วโมงครึ่ง จังหวัดพังงาจึงนำ"
          "รถหน่วยรักษาโรคหลอดเลือดสมองเคลื่อนที่มาประจำการที่โรงพยาบาลพังงา เป็นเวลา 1 เดือน")


def test_a_post_that_opens_with_a_title_word_is_no_person() -> None:
    from bot.answering.candidates import CTYPES, typed_spans

    spans = {DOCTOR[a:b]: CTYPES[k] for (a, b), k in typed_spans(DOCTOR, 0, 80).items()}
    assert spans.get("นายแพทย์สมศักดิ์ ใจดีงาม") == "person"
    assert not any(s.startswith("นายแพทย์สาธารณสุข") and k == "person" for s, k in spans.items())


@pytest.mark.parametrize(("question", "lead"), [
    ("นายแพทย์สาธารณสุขจังหวัดพังงาชื่ออะไร", "นายแพทย์สมศักดิ์ ใจดีงาม"),
    ("ผู้ป่วยโรคหลอดเลือดสมองต้องได้รับยาละลายลิ่มเลือดภายในกี่ชั่วโมง", "4 ชั่วโมงครึ่ง"),
])
def test_the_name_and_the_whole_time_are_led(make_app: Any, tmp_path: Path, question: str,
                                            lead: str) -> None:
    app = app_over(make_app, tmp_path, [
        news(4, "จังหวัดพังงานำร่องรถรักษาโรคหลอดเลือดสมองเคลื่อนที่", DOCTOR, "2021-07-29"),
        *FILLER])
    assert_leads(Answerer(app.db, app.index).ask(question), lead)


# -- the question's own figure -------------------------------------------------------------

BUDGET = ("โฆษกประจำสำนักนายกรัฐมนตรีเปิดเผยว่า พ.ร.บ. งบฯ 2567 วงเงิน 3.48 ล้านล้านบาท "
          "มีผลบังคับใช้แล้ว โดยแบ่งได้ ดังนี้ งบกลาง 6.15 แสนล้านบาท งบแผนงานบุคลากรภาครัฐ "
          "7.86 แสนล้านบาท งบชำระหนี้ภาครัฐ 3.46 แสนล้านบาท")


def test_the_questions_own_figure_is_not_what_it_asks() -> None:
    from bot.answering.siblings import echoed_value

    question = "พ.ร.บ.งบประมาณ 2567 วงเงิน 3.48 ล้านล้านบาท กระทรวงมหาดไทยได้รับงบประมาณเท่าไร"
    assert echoed_value(BUDGET, BUDGET.index("3.48"), question)
    assert not echoed_value(BUDGET, BUDGET.index("7.86"), question)
    # Small numbers may be asked of and written alike.
    assert not echoed_value("มี 5 จังหวัด", 2, "5 จังหวัดได้รับงบเท่าไร")


def test_a_question_stating_a_figure_is_not_answered_with_it(make_app: Any,
                                                             tmp_path: Path) -> None:
    app = app_over(make_app, tmp_path, [
        news(5, "โฆษกรัฐบาลเผย พ.ร.บ.งบประมาณ 2567 มีผลบังคับใช้แล้ว", BUDGET, "2024-04-29"),
        *FILLER])
    answerer = Answerer(app.db, app.index)
    ans = answerer.ask("พ.ร.บ.งบประมาณ 2567 วงเงิน 3.48 ล้านล้านบาท "
                       "กระทรวงมหาดไทยได้รับงบประมาณเท่าไร")
    assert not ans.point.startswith("3.48"), ans.point
    assert_leads(answerer.ask("งบแผนงานบุคลากรภาครัฐปี 2567 เท่าไร"), "7.86 แสนล้านบาท")


def test_the_last_items_joining_word_is_no_part_of_its_name() -> None:
    """"... 5% และชาวโปรเตสแตนต์ 2.8%": the item asked is named whether or not "และ" joins it,
    and a later list's item of the same name does not outrank it."""
    text = ("สำมะโนปี 1901 มีชาวคาทอลิก 56.2% ชาวยิว 35.7% ชาวกรีกออร์โธด็อกซ์ 5% "
            "และชาวโปรเตสแตนต์ 2.8% แปดปีต่อมา มีชาวยิว 281,754 คน (36.9%) "
            "ชาวโปรเตสแตนต์ 18,189 คน (2.4%) และมาเรียไวต์ 2,818 คน (0.4%)")
    question = "ปี 1901 มีชาวโปรเตสแตนต์กี่เปอร์เซ็นต์"
    assert not other_item(text, text.index("2.8%"), question)
    assert other_item(text, text.index("35.7%"), question)


def test_a_ratio_is_not_widened_over_the_next_word() -> None:
    """"20 ต่อ 1 โดยมี...": "ต่อ 1" takes a unit after it ("ต่อ 1 เครื่อง"), never "โดย"."""
    from bot.answering.extent import whole_value

    text = "มากกว่าชาวฝรั่งเศสในอัตราส่วน 20 ต่อ 1 โดยมีประชากรประมาณ 1.5 ล้านคน"
    i = text.index("20 ต่อ 1")
    a, b = whole_value(text, i, i + len("20 ต่อ 1"))
    assert text[a:b] == "20 ต่อ 1"
    price = "ลดค่าใช้จ่ายได้ 150,000 บาท ต่อ 1 เครื่อง ในขณะที่"
    i = price.index("150,000")
    a, b = whole_value(price, i, i + len("150,000 บาท ต่อ 1"))
    assert price[a:b] == "150,000 บาท ต่อ 1 เครื่อง"


# -- a unit asked in one spelling and written in another ----------------------------------

SEIZURES = ("ตำรวจภูธรจังหวัดแม่ฮ่องสอนแถลงผลการจับกุมยาเสพติดในพื้นที่อำเภอปาย "
            "ตรวจยึดของกลางเป็นเคตามีน จำนวน 21 ก.ก. พร้อมรถยนต์ 1 คัน")
COCAINE = ("ตำรวจภูธรจังหวัดเชียงใหม่จับกุมผู้ต้องหาพร้อมของกลางโคเคน น้ำหนัก 0.3 กรัม "
           "หรือ 0.0003 กิโลกรัม ที่อำเภอเมืองเชียงใหม่")


@pytest.mark.parametrize(("question", "lead"), [
    ("ยึดเคตามีนที่ปายได้กี่กิโลกรัม", "21 ก.ก."),
    ("ยึดเคตามีนที่ปายได้กี่กก.", "21 ก.ก."),
    ("How many kilograms of ketamine were seized in Pai?", "21 kilograms"),
])
def test_a_unit_asked_in_another_spelling_is_found(make_app: Any, tmp_path: Path,
                                                   question: str, lead: str | None) -> None:
    app = app_over(make_app, tmp_path, [
        news(1, "ตำรวจแม่ฮ่องสอนยึดเคตามีนที่ปาย", SEIZURES, "2024-02-10"),
        news(2, "ตำรวจเชียงใหม่จับโคเคน", COCAINE, "2024-02-12"), *FILLER])
    ans = Answerer(app.db, app.index).ask(question)
    assert ans.found, ans.point
    assert "0.0003" not in ans.point and "0.3" not in ans.point.split(" — ")[0], ans.point
    assert "21" in ans.point.split(" — ")[0], ans.point
    if lead is not None:
        assert_leads(ans, lead)


def test_a_stated_figure_is_confirmed_in_another_spelling(make_app: Any, tmp_path: Path) -> None:
    app = app_over(make_app, tmp_path, [
        news(1, "ตำรวจแม่ฮ่องสอนยึดเคตามีนที่ปาย", SEIZURES, "2024-02-10"),
        news(2, "ตำรวจเชียงใหม่จับโคเคน", COCAINE, "2024-02-12"), *FILLER])
    ans = Answerer(app.db, app.index).ask("ตำรวจยึดเคตามีนที่ปายได้ 21 กิโลกรัมใช่ไหม")
    assert ans.found and ans.point.startswith("ใช่"), ans.point
