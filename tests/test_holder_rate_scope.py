"""Three kinds of Thai news questions (issue 12, r18's misses): the holder of a post the
question describes by what they did, a rate in the unit a release writes it in (a bare
"อัตรา" asks no percentage), and a figure of the scope asked (Thailand's, the world's,
another country's)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from releases import FILLERS, ask_over, assert_leads, news

from bot.answering.question import analyse_question, question_frame

# --- 1. "<post> ที่ <what they did> คือใคร" asks for the post's holder ---------------------

_NAN = news(
    1, "ผู้ว่าฯ น่าน ลงพื้นที่เปิดกิจกรรมทำปุ๋ยหมัก ปลูกหญ้าแฝกและต้นไม้ เพื่อเฉลิมพระเกียรติ",
    "วันนี้ (25 ก.ค.66) ที่ศูนย์เรียนรู้บ้านดอนมูล เพื่อเฉลิมพระเกียรติพระบาทสมเด็จพระเจ้าอยู่หัว "
    "เนื่องในโอกาสวันเฉลิมพระชนมพรรษา 28 กรกฎาคม 2566 นายวิบูรณ์ แววบัณฑิต "
    "ผู้ว่าราชการจังหวัดน่าน เปิดเผยว่า จังหวัดน่านได้จัดกิจกรรมทำปุ๋ยหมัก ปลูกหญ้าแฝกและต้นไม้ "
    "มีประชาชนเข้าร่วม 300 คน", "2023-07-25")
_CENTRE = news(
    2, "มหาดไทย ประชุมศูนย์เฉพาะกิจบริหารสถานการณ์ชายแดน",
    "วันนี้ (28 ก.ค. 68) เวลา 10.00 น. นายชำนาญวิทย์ เตรัตน์ รองปลัดกระทรวงมหาดไทย "
    "หัวหน้ากลุ่มภารกิจด้านกิจการความมั่นคงภายในในฐานะผู้อำนวยการศูนย์เฉพาะกิจบริหาร"
    "สถานการณ์ชายแดน กระทรวงมหาดไทย เป็นประธานการประชุมคณะกรรมการศูนย์ฯ โดยมี "
    "นายบุญช่วย หอมยามเย็น รองผู้ว่าราชการจังหวัดตาก เข้าร่วม", "2025-07-28")


@pytest.mark.parametrize(("question", "lead"), [
    ("ผู้ว่าราชการจังหวัดน่านที่เปิดกิจกรรมทำปุ๋ยหมักปลูกหญ้าแฝก เดือนกรกฎาคม 2566 คือใคร",
     "นายวิบูรณ์ แววบัณฑิต"),
    # A post held "ในฐานะ" after the one the name is written with is held too.
    ("ใครเป็นผู้อำนวยการศูนย์เฉพาะกิจบริหารสถานการณ์ชายแดน ของกระทรวงมหาดไทย",
     "นายชำนาญวิทย์ เตรัตน์"),
    # No one is written with the post asked: no other person stands in.
    ("นายอำเภอเมืองน่านที่เปิดกิจกรรมทำปุ๋ยหมักปลูกหญ้าแฝก คือใคร", None),
])
def test_the_holder_of_a_post_described_by_what_they_did(
        make_app: Callable[..., Any], tmp_path: Path, question: str, lead: str | None) -> None:
    ans = ask_over(make_app, tmp_path, [_NAN, _CENTRE, *FILLERS], question)
    assert_leads(ans, lead)


@pytest.mark.parametrize(("question", "role"), [
    ("ผู้ว่าราชการจังหวัดน่านที่เปิดกิจกรรมทำปุ๋ยหมัก เดือนกรกฎาคม 2566 คือใคร", "ผู้ว่า"),
    ("รองปลัดกระทรวงสาธารณสุขที่เปิดประชุมชี้แจงตัวชี้วัด ปีงบประมาณ 2565 คือใคร",
     "รองปลัดกระทรวง"),
    ("ผู้ตรวจราชการกระทรวงสาธารณสุข เขตสุขภาพที่ 6 ที่ร่วมพิสูจน์สิทธิ์ คือใคร", "ผู้ตรวจราชการ"),
    ("ผู้ว่าราชการจังหวัดนครพนมที่ Kick-off ธนาคารขยะคือใคร", "ผู้ว่า"),
    # Another person described ("ผู้ที่ชนะ"), or "who" as the object: not the post's holder.
    ("ผู้ว่าราชการจังหวัดน่านมอบรางวัลให้ผู้ที่ชนะคือใคร", None),
    ("ผู้ว่าราชการจังหวัดน่านที่เปิดงานพบกับใคร", None),
])
def test_a_post_opening_the_question_and_a_clause_before_who(question: str,
                                                             role: str | None) -> None:
    from bot.answering.constraints import demand_of

    info = analyse_question(question)
    assert demand_of(question, info, question_frame(question)).role == role


def test_an_events_month_is_no_word_of_the_event() -> None:
    from bot.answering.event_holder import event_words

    words = event_words("ผู้ว่าราชการจังหวัดน่านที่เปิดกิจกรรมทำปุ๋ยหมัก เดือนกรกฎาคม 2566 คือใคร",
                        "ผู้ว่าราชการจังหวัดน่าน")
    assert "ปุ๋ยหมัก" in words
    assert not {"กรกฎาคม", "ก.ค."} & set(words)
    # The unit the post is of ("เขตสุขภาพที่ 6") may stand before the clause.
    words = event_words("ผู้ตรวจราชการกระทรวงสาธารณสุข เขตสุขภาพที่ 6 ที่ร่วมพิสูจน์สิทธิ์ คือใคร",
                        "ผู้ตรวจราชการกระทรวงสาธารณสุข")
    assert "พิสูจน์" in words


def test_a_name_glued_to_a_noun_is_no_district() -> None:
    from bot.answering.consistency import EventAnchors, with_districts

    texts = ["นายอำเภอราษีไศล จังหวัดศรีสะเกษ เข้าร่วม อ.ราษีไศล จ.ศรีสะเกษ"]
    none = EventAnchors(frozenset(), (), frozenset())
    weir = with_districts(none, "ใครเป็นประธานการประชุมแก้ไขปัญหาโครงการฝายราษีไศล", texts)
    assert weir.districts == ()
    assert with_districts(none, "น้ำท่วมที่ราษีไศลกี่หลังคาเรือน", texts).districts == ("ราษีไศล",)


# --- 2. a rate is read in the unit written; a bare "อัตรา" asks no percentage ----------------

_DAM = news(
    3, "กรมชลประทานเพิ่มการระบายน้ำเขื่อนเจ้าพระยา",
    "วันนี้ (25 ต.ค. 67) กรมชลประทานได้เพิ่มการระบายน้ำท้ายเขื่อนเจ้าพระยา ที่สถานีชัยนาท "
    "อยู่ที่อัตรา 1,700 ลูกบาศก์เมตรต่อวินาที ส่งผลให้ระดับน้ำท้ายเขื่อนเพิ่มขึ้น "
    "ส่วนค่าไฟฟ้าของผู้ประสบภัยลด 30% ตามมติ ครม.", "2024-10-25")


@pytest.mark.parametrize(("question", "lead"), [
    ("วันที่ 25 ต.ค. 67 กรมชลประทานเพิ่มการระบายน้ำเขื่อนเจ้าพระยาที่สถานีชัยนาทเป็นอัตราเท่าไร",
     "1,700 ลูกบาศก์เมตรต่อวินาที"),
    ("เขื่อนเจ้าพระยาระบายน้ำที่สถานีชัยนาทกี่ลูกบาศก์เมตรต่อวินาที",
     "1,700 ลูกบาศก์เมตรต่อวินาที"),
])
def test_a_rate_in_the_unit_the_release_writes(
        make_app: Callable[..., Any], tmp_path: Path, question: str, lead: str) -> None:
    ans = ask_over(make_app, tmp_path, [_DAM, *FILLERS], question)
    assert_leads(ans, lead)


@pytest.mark.parametrize(("question", "percent"), [
    ("ระบายน้ำในอัตราเท่าไร", False),
    ("อัตราค่าตอบแทนเท่าไร", False),
    ("อัตราการว่างงานเท่าไร", True),
    ("อัตราเงินเฟ้อเดือนมีนาคมเท่าไร", True),
    ("สัดส่วนผู้สูงอายุเท่าไร", True),
    ("อัตราการเติบโตเท่าไร", True),
    ("ธนาคารออมสินลด MLR เหลือเท่าไร", True),
])
def test_a_percentage_is_asked_by_its_words(question: str, percent: bool) -> None:
    unit = analyse_question(question).unit or ""
    assert ("ร้อยละ" in unit.split("|")) is percent, unit


def test_an_english_rate_is_a_percentage_only_by_its_noun() -> None:
    from bot.answering.english import render_thai

    def unit(q: str) -> str:
        return analyse_question(render_thai(q)).unit or ""

    assert "ร้อยละ" not in unit("At what rate was water released from the dam?")
    assert "ร้อยละ" in unit("What interest rate does the loan carry?")
    # A rate asked of a bank's lending rates is a percentage, the rate's name before or after.
    assert "ร้อยละ" in unit("To what rate did the Government Savings Bank cut its MLR?")
    assert "ร้อยละ" in unit("What was the new lending rate of the bank?")


def test_a_rate_is_one_value_and_counts_in_its_measure() -> None:
    from bot.answering.candidates import CTYPES, candidate_unit, typed_spans
    from bot.answering.per_unit import stated_unit

    text = "อยู่ที่อัตรา 1,700 ลูกบาศก์เมตรต่อวินาที ส่งผล และ 80 กม./ชม. และ 50 คันต่อเนื่อง"
    counts = {text[a:b] for (a, b), k in typed_spans(text, 0, len(text)).items()
              if CTYPES[k] == "count"}
    assert {"1,700 ลูกบาศก์เมตรต่อวินาที", "80 กม./ชม.", "50 คัน"} <= counts
    assert "1,700 ลูก" not in counts
    assert candidate_unit("1,700 ลูกบาศก์เมตรต่อวินาที") == "ลูกบาศก์เมตร"
    assert candidate_unit("30 วินาที") == "วินาที"
    at = text.index("1,700")
    assert stated_unit(text, at, at + len("1,700 ลูกบาศก์เมตรต่อวินาที")) == "วินาที"


def test_a_share_never_answers_a_question_writing_another_unit() -> None:
    from bot.answering.answerer import _kind_refused

    q = "ระบายน้ำกี่ลบ.ม./วินาที"
    info = analyse_question(q)
    assert _kind_refused(info, "", "percent", "30%", q) == "no count"
    assert _kind_refused(info, "", "count", "1,700 ลบ.ม./วินาที", q) is None
    q = "ว่างงานร้อยละเท่าไร"
    assert _kind_refused(analyse_question(q), "", "percent", "ร้อยละ 1.2", q) is None


# --- 3. the scope asked: Thailand's, the world's, another country's -------------------------

_MARKET = news(
    4, "ตลาดเครื่องมือแพทย์ไทยเติบโตต่อเนื่อง",
    "ตลาดเครื่องมือแพทย์ของโลกเติบโตเฉลี่ยปีละ 6.1% คาดการณ์ว่าในปี 2570 จะมีมูลค่าตลาด "
    "7.44 แสนล้านเหรียญสหรัฐ ในขณะที่ตลาดเครื่องมือแพทย์ของไทย คาดว่าจะเติบโตเฉลี่ยปีละ 8.1% "
    "ในช่วงปี 2562-2570", "2023-05-10")


# The rate keeps its unit in the lead ("ปีละ 8.1%").
@pytest.mark.parametrize(("question", "lead"), [
    ("ตลาดเครื่องมือแพทย์ของไทยคาดว่าจะเติบโตเฉลี่ยปีละเท่าไรในช่วงปี 2562-2570", "ปีละ 8.1%"),
    ("ตลาดเครื่องมือแพทย์ของโลกเติบโตเฉลี่ยปีละกี่เปอร์เซ็นต์", "ปีละ 6.1%"),
])
def test_a_figure_of_the_scope_asked(
        make_app: Callable[..., Any], tmp_path: Path, question: str, lead: str) -> None:
    ans = ask_over(make_app, tmp_path, [_MARKET, *FILLERS], question)
    assert_leads(ans, lead)


def test_scopes_asked_and_written() -> None:
    from bot.answering.bindings import asked_scope, value_scope

    assert asked_scope("จีดีพีไทยขยายตัวร้อยละเท่าไร") == "thai"
    assert asked_scope("ผู้ป่วยทั้งประเทศกี่ราย") == "thai"
    assert asked_scope("เศรษฐกิจโลกขยายตัวเท่าไร") == "world"
    assert asked_scope("GDP ของประเทศจีนเท่าไร") == "จีน"
    assert asked_scope("ธนาคารขยะมีกี่แห่ง") is None
    text = _MARKET["text"]
    assert value_scope(text, text.index("6.1%")) == "world"
    assert value_scope(text, text.index("8.1%")) == "thai"


def test_the_doer_of_an_act_asked_with_who() -> None:
    from bot.answering.lead_kind import asked_lead_kind, person_fits, wrong_lead_kind

    q = "ใครเป็นผู้เปิดงานมหกรรมชุมชนภาคกลาง"
    assert asked_lead_kind(q) == "person"
    assert asked_lead_kind("ผู้ว่าฯ เปิดงานมหกรรมชุมชนเมื่อไร") is None
    opened = "นายสากล ม่วงศิริ ผู้ช่วยรัฐมนตรี เป็นประธานเปิดงานมหกรรมชุมชน"
    assert person_fits(q, opened, 0, len("นายสากล ม่วงศิริ"))
    # Another titled person between the name and the verb: the act is theirs.
    other = "นายสมชาย ใจดี กล่าวว่า นางสาวสุดา ศรีงาม เปิดงานมหกรรมชุมชน"
    assert not person_fits(q, other, 0, len("นายสมชาย ใจดี"))
    # "เปิดเผย" discloses: no opening.
    told = "นายวิบูรณ์ แววบัณฑิต ผู้ว่าราชการจังหวัดน่าน เปิดเผยว่า จังหวัดจัดงานมหกรรม"
    assert not person_fits(q, told, 0, len("นายวิบูรณ์ แววบัณฑิต"))
    # A date leads no doer; a body named may open an event.
    assert wrong_lead_kind(q, "person", "date", "20 ตุลาคม 2563") == "no person"
    assert wrong_lead_kind(q, "person", "org", "กระทรวงมหาดไทย") is None
