"""Answer kinds: a reply leads with the kind of thing asked, for the event and period asked.

A wrong value under a real citation is the worst answer: one of another kind than asked
(a sum for "who", a count for "what percentage"), or the right kind for another body's
meeting or another year.  Posts are matched however they are written ("ผวจ.", "นอภ.",
"ปมท."); a release that states no value of the asked kind, or only for another period
or meeting, gets the not-found reply.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from releases import ask_over, assert_leads

from bot.answering.answerer import Answerer
from bot.answering.constraints import demand_of
from bot.answering.meetings import asked_meeting, meeting_agrees
from bot.answering.posts import is_post, post_forms, spell_out, with_post_forms
from bot.answering.qualifiers import qualifiers_of, title_year
from bot.answering.question import question_frame
from indexer.tokenize import token_groups


def _release(n: int, title: str, text: str, date: str = "2024-05-01") -> dict[str, str]:
    return {"title": title, "kind": "news", "date": date,
            "source": f"https://example.go.th/news/{n}", "text": text}


#: Releases on other topics, so that common words ("ใคร", "เป็น") weigh little, as in
#: the archive (BM25's IDF degenerates on a handful of documents).
FILLER = [
    _release(100 + i, f"{topic} ใครได้ประโยชน์",
             f"ใครที่สนใจ{topic} ติดต่อได้ที่ที่ทำการปกครองอำเภอ มีผู้เข้าร่วม {i + 10} คน "
             "ใครเป็นผู้รับผิดชอบจะแจ้งให้ทราบ", f"2024-{i + 1:02d}-15")
    for i, topic in enumerate(("การท่องเที่ยวชุมชน", "การแข่งขันกีฬาเยาวชน", "การประกวดผ้าไทย",
                               "ตลาดนัดชุมชน", "การบริจาคโลหิต", "การปลูกป่าชายเลน",
                               "การอบรมอาชีพ", "การประกวดหมู่บ้าน", "การรณรงค์ลดขยะ"))
]

# -- posts written as abbreviations -----------------------------------------------------


@pytest.mark.parametrize(("text", "full"), [
    ("นายนที มนตริวัต ผวจ. ชัยนาท", "นายนที มนตริวัต ผู้ว่าราชการจังหวัดชัยนาท"),
    ("ผู้ว่าฯ ระนอง", "ผู้ว่าราชการจังหวัดระนอง"),
    ("นอภ.สรรพยา", "นายอำเภอสรรพยา"),
    ("ปลัด มท. เปิดงาน", "ปลัดกระทรวงมหาดไทย เปิดงาน"),
    ("ปมท. ประกาศ", "ปลัดกระทรวงมหาดไทย ประกาศ"),
    ("รมว.มท. ลงนาม", "รัฐมนตรีว่าการกระทรวงมหาดไทย ลงนาม"),
    ("รมช.มท.", "รัฐมนตรีช่วยว่าการกระทรวงมหาดไทย"),
    ("รมว.แรงงาน", "รัฐมนตรีว่าการกระทรวงแรงงาน"),
    ("มท.1 เปิดงาน", "รัฐมนตรีว่าการกระทรวงมหาดไทย เปิดงาน"),
    ("ผอ.สำนักบริหาร", "ผู้อำนวยการสำนักบริหาร"),
    ("ใน อปท. ทุกแห่ง", "ใน องค์กรปกครองส่วนท้องถิ่น ทุกแห่ง"),
    ("สป.มท.", "สป.มท."),  # a link of another abbreviation: left as written
])
def test_posts_are_spelled_out(text: str, full: str) -> None:
    assert spell_out(text) == full


def test_a_post_is_found_however_it_is_written() -> None:
    forms = post_forms("ผู้ว่าราชการจังหวัดชัยนาท")
    assert {"ผวจ.ชัยนาท", "ผวจ. ชัยนาท", "ผู้ว่าฯ ชัยนาท"} <= set(forms)
    assert "ปมท." in post_forms("ปลัดกระทรวงมหาดไทย")
    assert is_post("รมว.มท.") and is_post("ผวจ.") and not is_post("อปท.")


@pytest.mark.parametrize(("question", "written"), [
    ("ผอ.สำนักบริหารคือใคร", "ผู้อำนวยการ"),  # abbreviated in the question, full in text
    ("ผู้อำนวยการสำนักคือใคร", "ผอ."),  # and the other way round
    ("ปลัด มท. เปิดงานที่ไหน", "ปมท."),
    ("ผู้ว่าฯ ชัยนาท", "ผวจ."),
    ("ผู้ใหญ่บ้านคือใคร", "ผญบ."),
])
def test_coverage_counts_a_post_written_the_other_way(question: str, written: str) -> None:
    groups = with_post_forms(token_groups(question))
    assert any(written in g for g in groups), groups


POSTS = [
    _release(1, "ผวจ.ชัยนาท นำจิตอาสาฟื้นฟูเขาขยาย",
             "วันนี้ (10 มี.ค. 66) นายนที มนตริวัต ผวจ.ชัยนาท เป็นประธานกิจกรรมรวมพลังฟื้นฟู"
             "เขาขยาย ณ อำเภอสรรพยา โดยมีนายสมชาย ใจดี นอภ.สรรพยา และนางสาวมาลี ศรีสุข "
             "พัฒนาการจังหวัดชัยนาท ร่วมกิจกรรมพร้อมจิตอาสากว่า 500 คน", "2023-03-10"),
    _release(2, "ปลัดกระทรวงมหาดไทยเปิดสนามเด็กเล่นสร้างปัญญา",
             "นายอัธยา นวลอุทัย ผู้ช่วยปลัดกระทรวงมหาดไทย ร่วมพิธี นายสุทธิพงษ์ จุลเจริญ "
             "ปลัดกระทรวงมหาดไทย เป็นประธานเปิดสนามเด็กเล่นสร้างปัญญา "
             "สวนสนุกมารีมาย ณ องค์การบริหารส่วนตำบลแว้ง อำเภอแว้ง จังหวัดนราธิวาส "
             "โดยมีเด็กและผู้ปกครองร่วมงานกว่า 300 คน", "2024-01-22"),
    _release(3, "รัฐมนตรีว่าการกระทรวงมหาดไทยลงนาม MOU ร่วมกับ กกต.",
             "พลเอก อนุพงษ์ เผ่าจินดา รัฐมนตรีว่าการกระทรวงมหาดไทย ลงนามบันทึกข้อตกลงความร่วมมือ"
             "กับประธานคณะกรรมการการเลือกตั้ง เพื่อขับเคลื่อนการเลือกตั้งท้องถิ่น", "2022-06-16"),
    _release(4, "ธนาคารขยะชุมชนบ้านแก้วสมบูรณ์",
             "ธนาคารขยะบ้านแก้วสมบูรณ์ของเทศบาลตำบลพรเจริญ จังหวัดบึงกาฬ มีสมาชิก 961 ครัวเรือน "
             "มีรายได้จากการขายขยะเดือนละ 52,000 บาท ผู้อำนวยการกองสาธารณสุข "
             "นางสาวจันทร์เพ็ญ ดีงาม กล่าวว่าจะขยายผลไปทุกหมู่บ้าน"),
    *FILLER,
]


@pytest.mark.parametrize(("question", "person"), [
    ("ใครเป็นผู้ว่าราชการจังหวัดชัยนาท", "นายนที มนตริวัต"),  # the text writes "ผวจ.ชัยนาท"
    ("ผู้ว่าฯ ชัยนาทชื่ออะไร", "นายนที มนตริวัต"),
    ("นายอำเภอสรรพยาคือใคร", "นายสมชาย ใจดี"),  # "นอภ.สรรพยา"
    ("ใครเป็นพัฒนาการจังหวัดชัยนาท", "นางสาวมาลี ศรีสุข"),  # a provincial office's head
    ("พัฒนาการจังหวัดชัยนาทชื่ออะไร", "นางสาวมาลี ศรีสุข"),
    ("ใครเป็น ปมท.", "นายสุทธิพงษ์ จุลเจริญ"),  # the text writes "ปลัดกระทรวงมหาดไทย"
    ("ปลัด มท. คือใคร", "นายสุทธิพงษ์ จุลเจริญ"),
    ("รมว.มท. คือใคร", "พลเอก อนุพงษ์ เผ่าจินดา"),  # the holder, not the letters spelled out
    ("ใครเป็น ผอ.กองสาธารณสุข", "นางสาวจันทร์เพ็ญ ดีงาม"),  # not "52,000 บาท"
])
def test_a_post_asked_either_way_is_answered_by_its_holder(
        make_app: Any, tmp_path: Path, question: str, person: str) -> None:
    ans = ask_over(make_app, tmp_path, POSTS, question)
    assert ans.found and ans.point.startswith(person), ans.point


GOVERNORS = [
    _release(5, "มท.1 มอบรางวัลผู้ว่าราชการจังหวัดสำเภาทอง",
             "รัฐมนตรีว่าการกระทรวงมหาดไทยมอบรางวัลผู้ว่าราชการจังหวัดสำเภาทองแก่ผู้ว่าราชการ"
             "จังหวัดที่ได้รับการคัดเลือก ได้แก่ 1. นายวัฒนา พุฒิชาติ ผวจ.ศรีสะเกษ 2. นายชัยธวัช "
             "เนียมศิริ ผวจ.เลย 3. นายมนต์สิทธิ์ ไพศาลธนวัฒน์ ผวจ.หนองคาย", "2021-11-21"),
    *FILLER,
]


@pytest.mark.parametrize(("question", "person"), [
    ("ใครเป็นผู้ว่าราชการจังหวัดหนองคาย", "นายมนต์สิทธิ์ ไพศาลธนวัฒน์"),
    ("ผู้ว่าฯ เลยที่ได้รับรางวัลสำเภาทองคือใคร", "นายชัยธวัช เนียมศิริ"),
])
def test_a_governor_is_the_provinces_not_the_next_in_a_list(
        make_app: Any, tmp_path: Path, question: str, person: str) -> None:
    ans = ask_over(make_app, tmp_path, GOVERNORS, question)
    assert ans.found and ans.point.startswith(person), ans.point


@pytest.mark.parametrize(("question", "role", "phrase"), [
    # A time between the post and "คือใคร" still asks for its holder.
    ("ปลัดกระทรวงมหาดไทยเมื่อ มิ.ย. 2568 คือใคร", "ปลัดกระทรวง", "ปลัดกระทรวงมหาดไทย"),
    ("มท.1 เมื่อ ก.พ. 68 คือใคร", "รัฐมนตรี", "รัฐมนตรีว่าการกระทรวงมหาดไทย"),
    ("ผวจ.เลย ชื่ออะไร", "ผู้ว่า", "ผู้ว่าราชการจังหวัดเลย"),
    # The governor is the subject; someone else is asked for.
    ("ผู้ว่าฯ ระนองเปิดโครงการ ในปี 67 ที่แปลงของใคร", None, ""),
])
def test_the_post_asked_is_read_spelled_out(question: str, role: str | None,
                                            phrase: str) -> None:
    q, info = Answerer.prepare(question)
    demand = demand_of(q, info, question_frame(q))
    assert (demand.role, demand.phrase) == (role, phrase)


@pytest.mark.parametrize(("question", "noun"), [
    # "วัด" after a verb's mark is the verb "measure", not "temple": "CPI ใช้วัดอะไร" was
    # read as "which temple" and refused once common compounds of วัด ("วัดผล") were.
    ("อันดับ CPI ใช้วัดอะไร", ""),
    ("เครื่องนี้ไว้วัดอะไร", ""),
    ("งานบวชจัดที่วัดไหน", "วัด"),
    ("ธนาคารใดรับซื้อคาร์บอนเครดิต", "ธนาคาร"),
])
def test_a_head_noun_is_no_verb_of_its_spelling(question: str, noun: str) -> None:
    q, info = Answerer.prepare(question)
    assert demand_of(q, info, question_frame(q)).noun == noun


# -- type refusals ----------------------------------------------------------------------

WASTE = [
    _release(10, "เทศบาลตำบลหนองบัวขับเคลื่อนถังขยะเปียกลดโลกร้อน",
             "เทศบาลตำบลหนองบัว อำเภอเมือง จังหวัดอุดรธานี ขับเคลื่อนโครงการถังขยะเปียกลดโลกร้อน "
             "มีประชาชนเข้าร่วมโครงการ 1,250 คน ลดก๊าซเรือนกระจกได้ 35 ตันคาร์บอนไดออกไซด์เทียบเท่า "
             "โดยนายวิชัย ทองดี นายกเทศมนตรีตำบลหนองบัว กล่าวว่าจะขยายผลไปทุกชุมชน"),
    _release(11, "จังหวัดอุดรธานีประชุมขับเคลื่อนถังขยะเปียก",
             "จังหวัดอุดรธานีเชิญองค์กรปกครองส่วนท้องถิ่นมาประชุมเรื่องการขึ้นทะเบียนโครงการ"
             "ถังขยะเปียกลดโลกร้อน รวมทั้งสิ้น 143 อปท. ณ ศาลากลางจังหวัดอุดรธานี"),
    *POSTS,
]


@pytest.mark.parametrize("question", [
    "ประชาชนเข้าร่วมโครงการถังขยะเปียกของเทศบาลตำบลหนองบัวร้อยละเท่าไร",  # no percentage
    "ประชาชนเข้าร่วมโครงการถังขยะเปียกของเทศบาลตำบลหนองบัวกี่ครัวเรือน",  # counted in คน
    "เทศบาลตำบลหนองบัวขับเคลื่อนโครงการถังขยะเปียกลดโลกร้อนเมื่อไร",  # no date
    "เทศบาลตำบลหนองบัวลดก๊าซเรือนกระจกได้ระดับใด",  # tonnes are no level
])
def test_a_release_without_the_asked_kind_does_not_answer(
        make_app: Any, tmp_path: Path, question: str) -> None:
    ans = ask_over(make_app, tmp_path, WASTE, question)
    assert not ans.found, ans.point


@pytest.mark.parametrize(("question", "lead"), [
    ("ประชาชนเข้าร่วมโครงการถังขยะเปียกของเทศบาลตำบลหนองบัวกี่คน", "1,250 คน"),
    # "แห่ง" counts what "อปท." names: another unit, the same kind.
    ("จังหวัดอุดรธานีเชิญ อปท. มาประชุมเรื่องถังขยะเปียกกี่แห่ง", "143 อปท."),
    ("เทศบาลตำบลหนองบัวลดก๊าซเรือนกระจกได้กี่ตัน", "35 ตัน"),
])
def test_the_asked_kind_is_answered(make_app: Any, tmp_path: Path, question: str,
                                    lead: str) -> None:
    ans = ask_over(make_app, tmp_path, WASTE, question)
    assert ans.found and ans.point.startswith(lead), ans.point


# -- meetings ---------------------------------------------------------------------------

MEETINGS = [
    _release(20, "คณะกรรมการนโยบายพลังงานแห่งชาติเห็นชอบแผนพลังงาน",
             "การประชุมคณะกรรมการนโยบายพลังงานแห่งชาติ ครั้งที่ 2/2566 มีมติเห็นชอบแผนพลังงานชาติ "
             "วงเงินลงทุน 4,500 ล้านบาท", "2023-05-10"),
    _release(21, "คณะกรรมการขับเคลื่อนการพัฒนาที่ยั่งยืนประชุม",
             "การประชุมคณะกรรมการขับเคลื่อนการพัฒนาที่ยั่งยืน ครั้งที่ 2/2566 มีมติเห็นชอบ"
             "แผนขับเคลื่อนเป้าหมาย SDGs วงเงิน 120 ล้านบาท", "2023-05-12"),
    *FILLER,
]


def test_the_meeting_asked_is_the_bodys() -> None:
    meeting = asked_meeting("การประชุมคณะกรรมการนโยบายพลังงานแห่งชาติ ครั้งที่ 2/2566 มีมติอะไร")
    assert meeting is not None and (meeting.number, meeting.year) == (2, 2566)
    assert meeting_agrees(meeting, "ที่ประชุมคณะกรรมการนโยบายพลังงานแห่งชาติ (กพช.) ครั้งที่ 2/2566")
    assert not meeting_agrees(meeting, "การประชุมคณะกรรมการขับเคลื่อนการพัฒนาที่ยั่งยืน ครั้งที่ 2/2566")
    assert meeting_agrees(meeting, "ครม. มีมติเห็นชอบ")  # no meeting named: no verdict
    assert meeting_agrees(meeting, "การประชุมคณะกรรมการขับเคลื่อน ครั้งที่ 3/2566")  # another round
    assert asked_meeting("การประชุมครั้งที่ 2/2566 จัดเมื่อไร") is None  # no body named
    assert meeting_agrees(meeting, "การประชุม กพช. ครั้งที่ 2/2566")  # letters: no verdict


@pytest.mark.parametrize(("question", "lead"), [
    ("การประชุมคณะกรรมการนโยบายพลังงานแห่งชาติ ครั้งที่ 2/2566 อนุมัติวงเงินเท่าไร",
     "4,500 ล้านบาท"),
    ("การประชุมคณะกรรมการขับเคลื่อนการพัฒนาที่ยั่งยืน ครั้งที่ 2/2566 อนุมัติวงเงินเท่าไร",
     "120 ล้านบาท"),
    # A third body's meeting 2/2566 is in neither release.
    ("การประชุมคณะกรรมการพัฒนาระบบราชการ ครั้งที่ 2/2566 มีมติเห็นชอบวงเงินเท่าไร", None),
])
def test_another_bodys_meeting_is_not_the_answer(
        make_app: Any, tmp_path: Path, question: str, lead: str | None) -> None:
    assert_leads(ask_over(make_app, tmp_path, MEETINGS, question), lead)


# -- periods ----------------------------------------------------------------------------

@pytest.mark.parametrize(("question", "named"), [
    ("ปี 66 ส่งออกกี่ตัน", (("year", 2566),)),
    ("ปีงบ 67 ได้งบเท่าไร", (("year", 2567),)),
    ("ปีงบประมาณ 67 ได้งบเท่าไร", (("year", 2567),)),
    ("ปี พ.ศ. 66 มีกี่คน", (("year", 2566),)),
    ("ปี 2566 หรือปี 67 มากกว่ากัน", ()),  # two years: neither constrains
    ("ผู้สูงอายุ 66 ปีขึ้นไปมีกี่คน", ()),  # an age is no year
])
def test_two_digit_years_are_buddhist_era_years(question: str, named: tuple[Any, ...]) -> None:
    assert qualifiers_of(question) == named


def test_a_titles_one_year_is_its_values_year() -> None:
    assert title_year("ผลการส่งออกข้าวหอมมะลิ ปีงบประมาณ 2565") == 2565
    assert title_year("ผลการส่งออก ปี 2565 และ 2566") is None
    assert title_year("ส่งออกทุเรียนเติบโต") is None


DURIAN = [
    _release(30, "ส่งออกทุเรียนเติบโต",
             "โฆษกรัฐบาลเปิดเผยว่า ปีงบประมาณ 66 ส่งออกทุเรียน 850,000 ตัน "
             "ส่วนปีงบประมาณ 67 ส่งออกทุเรียน 920,000 ตัน", "2024-03-06"),
    *FILLER,
]
RICE = [
    # Dated the year after the fiscal year it reports on; its passage names no year.
    _release(31, "ผลการส่งออกข้าวหอมมะลิ ปีงบประมาณ 2565",
             "กรมการค้าต่างประเทศรายงานผลการส่งออกข้าวหอมมะลิไปยังตลาดต่างประเทศ "
             "มีปริมาณการส่งออกข้าวหอมมะลิ 1,530,000 ตัน มูลค่า 45,000 ล้านบาท", "2023-11-20"),
    *FILLER,
]


@pytest.mark.parametrize(("releases", "question", "lead"), [
    (DURIAN, "ปีงบ 67 ส่งออกทุเรียนกี่ตัน", "920,000 ตัน"),
    (DURIAN, "ปี 66 ส่งออกทุเรียนกี่ตัน", "850,000 ตัน"),
    (RICE, "ปีงบประมาณ 2565 ส่งออกข้าวหอมมะลิกี่ตัน", "1,530,000 ตัน"),
    (RICE, "ปีงบ 67 ส่งออกข้าวหอมมะลิกี่ตัน", None),  # the release is about 2565
    (RICE, "ปี 2567 ส่งออกข้าวหอมมะลิมูลค่าเท่าไร", None),
])
def test_a_value_for_another_period_is_not_the_answer(
        make_app: Any, tmp_path: Path, releases: list[dict[str, str]], question: str,
        lead: str | None) -> None:
    ans = ask_over(make_app, tmp_path, releases, question)
    assert_leads(ans, lead)
    if lead is None:
        assert ans.debug.get("constraint") == "other period", ans.debug


# -- a minimum of one is a rule, not a count -------------------------------------------

KICK_OFF = [
    _release(60, "มท. Kick Off ธนาคารขยะทั่วประเทศ",
             "กระทรวงมหาดไทยจัดกิจกรรม Kick Off ธนาคารขยะทั่วประเทศ โดยกำหนดให้องค์กรปกครอง"
             "ส่วนท้องถิ่นทุกแห่งต้องมีธนาคารขยะอย่างน้อย 1 แห่ง พร้อมเน้นย้ำให้นายอำเภอ"
             "ติดตามผลการดำเนินงานอย่างต่อเนื่อง", "2024-01-20"),
    *FILLER,
]


@pytest.mark.parametrize("question", [
    "Kick Off ธนาคารขยะทั่วประเทศ มีองค์กรปกครองส่วนท้องถิ่นเข้าร่วมกี่แห่ง",
    "How many local administrative organizations joined the waste bank Kick Off?",
])
def test_at_least_one_is_no_count(make_app: Any, tmp_path: Path, question: str) -> None:
    ans = ask_over(make_app, tmp_path, KICK_OFF, question)
    assert not ans.found, ans.point


def test_a_count_of_one_that_is_no_minimum_still_answers() -> None:
    from bot.answering.siblings import minimum_of_one as _a_minimum_of_one

    text = "ต้องมีธนาคารขยะอย่างน้อย 1 แห่ง และจัดตั้งแล้ว 1 แห่ง อย่างน้อย 10 แห่ง"
    first = text.index("1 แห่ง")
    second = text.index("1 แห่ง", first + 1)
    ten = text.index("10 แห่ง")
    assert _a_minimum_of_one(text, first, first + 6)
    assert not _a_minimum_of_one(text, second, second + 6)
    assert not _a_minimum_of_one(text, ten, ten + 7)


def test_a_minimum_of_one_answers_a_question_that_asks_for_the_minimum() -> None:
    from bot.answering.siblings import minimum_of_one

    text = "ต้องมีธนาคารขยะอย่างน้อย 1 แห่ง"
    one = text.index("1 แห่ง")
    # How many there are: a rule is no answer.  The minimum itself: it is the answer.
    assert minimum_of_one(text, one, one + 6, "ธนาคารขยะมีกี่แห่ง")
    assert not minimum_of_one(text, one, one + 6, "แต่ละ อปท. ต้องมีธนาคารขยะอย่างน้อยกี่แห่ง")
    assert not minimum_of_one(text, one, one + 6, "At least how many waste banks must each have?")
