"""Qualifier agreement: a value stated for another year, round or phase does not answer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from releases import FILLERS, ask_over, news

from bot.answering.qualifiers import other_stage, qualifier_spans, qualifiers_of


@pytest.mark.parametrize(("question", "named"), [
    ("ปี 2567 ส่งออกกล้วยไม้กี่ตัน", (("year", 2567),)),
    ("การประชุม ครั้งที่ 293/2566 วันที่เท่าไร", (("round", 293), ("year", 2566))),
    ("อัตราการว่างงานไตรมาส 1 ปี 2564 เท่าไร", (("quarter", 1), ("year", 2564))),
    ("ระยะที่ 1 ช่วยเหลือกี่ครัวเรือน", (("phase", 1),)),
    ("How much was exported in FY2024?", (("year", 2567),)),  # Christian era → 2567
    ("ประชุมเมื่อ 27 มี.ค. 66 ที่ไหน", (("year", 2566),)),  # a month before two digits
    ("ปี 2566 หรือปี 2567 ส่งออกมากกว่ากัน", ()),  # two years named: neither constrains
    # In words: "ไตรมาสหนึ่ง", "ระยะที่สอง"; "สุดท้าย" is a year's fourth quarter.
    ("ไตรมาสหนึ่ง ปี 2564 อัตราการว่างงานเท่าไร", (("quarter", 1), ("year", 2564))),
    ("ระยะที่สองมีผู้ลงทะเบียนกี่คน", (("phase", 2),)),
    ("ไตรมาสสุดท้ายของปี 2564 ว่างงานกี่คน", (("quarter", 4), ("year", 2564))),
    ("OTOP CITY 2023 ขายได้เท่าไร", ()),  # a number in a name is no year
])
def test_the_qualifiers_a_question_names(question: str, named: tuple[Any, ...]) -> None:
    assert qualifiers_of(question) == named


RELEASE = {
    "title": "ส่งออกกล้วยไม้ไทยเติบโตต่อเนื่อง",
    "kind": "news",
    "date": "2025-03-06",
    "source": "https://example.go.th/news/1",
    "text": ("วันนี้ (6 มี.ค. 68) โฆษกประจำสำนักนายกรัฐมนตรี เปิดเผยว่า ประเทศไทยเป็นผู้ส่งออก"
             "ดอกกล้วยไม้เขตร้อนรายใหญ่ของโลก โดยในปี 2566 มีปริมาณการส่งออกดอกกล้วยไม้ "
             "17,992 ตัน มูลค่า 2,540 ล้านบาท ส่วนในปี 2567 มีปริมาณการส่งออกดอกกล้วยไม้ "
             "19,129 ตัน มูลค่า 2,718 ล้านบาท ตลาดสำคัญได้แก่ ญี่ปุ่น สหรัฐอเมริกา และจีน\n"
             "มูลนิธิช่วยเหลือผู้ประสบภัย ระยะที่ 1 ช่วยเหลือ 98 ครัวเรือน วงเงิน 1,288,712 บาท "
             "ระยะที่ 2 ช่วยเหลือ 12 ครัวเรือน วงเงิน 2,990,460 บาท\n"
             "เทศบาลตำบลหินกองยกฐานะเมื่อ พ.ศ. 2542 มีประชากรรวม 9,291 คน "
             "จำนวนบ้าน 2,414 หลังคาเรือน (สถิติเดือนกันยายน 2552)"),
}


@pytest.mark.parametrize(("question", "lead"), [
    ("ปี 2567 ส่งออกดอกกล้วยไม้กี่ตัน", "19,129 ตัน"),
    ("ปี 2566 ส่งออกดอกกล้วยไม้กี่ตัน", "17,992 ตัน"),
    ("ปี 2567 ส่งออกดอกกล้วยไม้มูลค่าเท่าไร", "2,718 ล้านบาท"),
    ("ระยะที่ 1 มูลนิธิช่วยเหลือกี่ครัวเรือน", "98 ครัวเรือน"),
    ("ระยะที่ 2 มูลนิธิช่วยเหลือกี่ครัวเรือน", "12 ครัวเรือน"),
    # The year written right after the value, in its clause, is the one it is stated for.
    ("เทศบาลตำบลหินกองมีจำนวนบ้านกี่หลังคาเรือนในเดือนกันยายน 2552", "2,414 หลังคาเรือน"),
])
def test_a_value_stated_for_another_year_or_phase_does_not_lead(
        make_app: Any, tmp_path: Path, question: str, lead: str) -> None:
    ans = ask_over(make_app, tmp_path, [RELEASE], question)
    assert ans.found and ans.point.startswith(lead), ans.point


def test_the_end_of_a_year_range_is_a_year_a_value_after_it_is_stated_for() -> None:
    """"ช่วงปี 1991 ถึง 2000 ... 587,000": 2000 qualifies the value as 1991 does."""
    text = "ช่วงปี 1991 ถึง 2000 พื้นที่ป่าที่สูญหายไปเพิ่มสูงขึ้นจาก 415,000 เป็น 587,000 ตารางกิโลเมตร"
    assert [text[a:b] for a, b in qualifier_spans(text)] == ["ปี 1991", "2000"]
    assert qualifiers_of("ช่วงปี 2566-2567 ส่งออกกี่ตัน") == ()  # two years named


RANGE_ARTICLES = [
    {"title": "ป่าฝนคองโก 1", "kind": "text", "source": "https://example.org/a/1",
     "text": ("ช่วงปี 1991 ถึง 2000 พื้นที่ป่าทั้งหมดที่สูญหายไปในเขตคองโกเพิ่มสูงขึ้นจาก "
              "415,000 เป็น 587,000 ตารางกิโลเมตร (160,000 เป็น 227,000 ตารางไมล์) "
              "โดยพื้นที่ป่าส่วนใหญ่ที่หายไปกลายเป็นทุ่งเลี้ยงโคกระบือ")},
    {"title": "ป่าฝนคองโก 2", "kind": "text", "source": "https://example.org/a/2",
     "text": ("พื้นที่ป่าในคองโกหายไปจากการตัดไม้ รวม 22,392 ตร.กม. ตามรายงานฉบับที่ 3 "
              "ที่ออกหลังปี 2000 ซึ่งสูงกว่าที่นักวิจัยคาดไว้ในหลายพื้นที่")},
]


def test_a_value_after_a_year_range_answers_for_its_last_year(
        make_app: Any, tmp_path: Path) -> None:
    """Another document's figure in another spelling of the unit ("ตร.กม.") stated for no
    year may not push out the figure stated for the range that ends in the asked year
    (the xquad-th question that the unit spellings turned into a refusal)."""
    ans = ask_over(make_app, tmp_path, RANGE_ARTICLES,
                   "พื้นที่ป่าคองโกหายไปกี่ตารางกิโลเมตรในปี 2000")
    assert ans.found and ans.point.startswith("587,000 ตารางกิโลเมตร"), ans.point


def _release(date: str, text: str, n: int) -> dict[str, str]:
    return {"title": f"ข่าวจังหวัดเชียงราย {n}", "kind": "news", "date": date,
            "source": f"https://example.go.th/news/{n}", "text": text}


HOLDERS = [
    _release("2020-06-01", "วันนี้ นายสมปอง เก่าแก่ ผู้ว่าราชการจังหวัดเชียงราย เป็นประธานเปิดงาน"
             "ตลาดนัดสินค้าเกษตร ณ ศาลากลางจังหวัดเชียงราย", 1),
    _release("2025-05-23", "วันนี้ นายวิชัย ใหม่ใส ผู้ว่าราชการจังหวัดเชียงราย ตรวจเยี่ยมพื้นที่"
             "น้ำท่วม อำเภอแม่สาย จังหวัดเชียงราย", 2),
    _release("2025-08-19", "วันนี้ นายวิชัย ใหม่ใส ผู้ว่าราชการจังหวัดเชียงราย มอบถุงยังชีพ"
             "ให้ผู้ประสบภัย จังหวัดเชียงราย", 3),
    # The latest release also names a former governor beside the post.
    _release("2025-09-05", "งานรำลึกอดีตผู้ว่า นายสมปอง เก่าแก่ ผู้ว่าราชการจังหวัดเชียงราย "
             "คนที่ 40 ได้รับเชิญ ณ จังหวัดเชียงราย", 4),
]


@pytest.mark.parametrize("question", ["ผู้ว่าราชการจังหวัดเชียงรายคนปัจจุบันคือใคร",
                                      "ใครเป็นผู้ว่าราชการจังหวัดเชียงราย"])
def test_todays_holder_of_a_post_is_the_one_the_latest_releases_name(
        make_app: Any, tmp_path: Path, question: str) -> None:
    ans = ask_over(make_app, tmp_path, HOLDERS, question)
    assert ans.found and ans.point.startswith("นายวิชัย ใหม่ใส"), ans.point


HEADMEN = [
    _release("2024-03-01", "นายประสม เรืองแก้ว ผู้ใหญ่บ้านบ้านบางครั่ง หมู่ 3 นำชาวบ้านปลูกป่าชายเลน"
             "ที่บ้านบางครั่ง จังหวัดพังงา", 11),
    _release("2025-07-01", "นายสมชาย ดีงาม ผู้ใหญ่บ้านบ้านหนองบัว นำชาวบ้านปลูกป่าชุมชน "
             "จังหวัดพังงา", 12),
    _release("2025-08-01", "นายสมชาย ดีงาม ผู้ใหญ่บ้านบ้านหนองบัว ต้อนรับคณะดูงาน จังหวัดพังงา", 13),
]


def test_a_post_held_in_many_places_is_not_answered_by_the_latest_holder_elsewhere(
        make_app: Any, tmp_path: Path) -> None:
    # "ผู้ใหญ่บ้าน" has a holder in every village: the latest releases' headman of another
    # village is not the one asked for.
    ans = ask_over(make_app, tmp_path, HEADMEN, "ที่บ้านบางครั่ง ใครเป็นผู้ใหญ่บ้าน")
    assert ans.found and ans.point.startswith("นายประสม เรืองแก้ว"), ans.point


# A programme's phases (issue 12's wrong values under real citations): a release about
# phase 3 holds no figure of phase 4, and a measure's "ระยะที่ 2" is no phase of another
# programme the same release tells of.
_PHASE3 = news(41, "โฆษกรัฐบาลเผยความคืบหน้าโครงการคนละครึ่ง เฟส 3",
               "โฆษกรัฐบาลเผยความคืบหน้าโครงการคนละครึ่ง เฟส 3 มีผู้ใช้สิทธิสะสม 26.22 ล้านคน "
               "ยอดใช้จ่ายสะสม 184,823.7 ล้านบาท และโครงการเพิ่มกำลังซื้อให้แก่ผู้มีบัตรสวัสดิการ"
               "แห่งรัฐ มีผู้ใช้สิทธิสะสม 13.55 ล้านคน", "2021-12-05")
_PHASE4 = news(42, "ความคืบหน้าการใช้สิทธิโครงการคนละครึ่ง ระยะที่ 4",
               "กระทรวงการคลังเผยความคืบหน้าโครงการคนละครึ่ง ระยะที่ 4 มีผู้ใช้สิทธิจำนวน "
               "13.53 ล้านคน มียอดการใช้จ่ายรวม 4,310 ล้านบาท", "2022-02-04")


@pytest.mark.parametrize(("releases", "lead"), [
    ([_PHASE3], None),                 # only phase 3 told of: no figure of phase 4
    ([_PHASE3, _PHASE4], "13.53 ล้าน"),  # phase 4's own release answers
])
def test_a_release_of_another_phase_holds_no_figure_of_the_phase_asked(
        make_app: Any, tmp_path: Path, releases: list[dict[str, str]], lead: str | None) -> None:
    ans = ask_over(make_app, tmp_path, [*releases, *FILLERS],
                   "โครงการคนละครึ่งเฟส 4 มีผู้ใช้สิทธิกี่คน")
    if lead is None:
        assert not ans.found, ans.point
    else:
        assert ans.found and ans.point.startswith(lead), ans.point


@pytest.mark.parametrize(("question", "title", "text", "other"), [
    # Only phase 3 of the programme asked: another phase.
    ("คนละครึ่งเฟส 4 มีผู้ใช้สิทธิกี่คน", "คนละครึ่ง เฟส 3", "มีผู้ใช้สิทธิ 26 ล้านคน", True),
    # "ระยะที่" and "เฟส" are one kind; the asked phase named: not another.
    ("คนละครึ่งเฟส 4 มีผู้ใช้สิทธิกี่คน", "", "โครงการคนละครึ่ง ระยะที่ 4 มีผู้ใช้สิทธิ", False),
    # Only another programme's phases named (5 of คนละครึ่ง, owned by its name before it).
    ("คนละครึ่งเฟส 2 มีผู้ใช้สิทธิกี่คน", "โครงการคนละครึ่ง ระยะที่ 5",
     "มาตรการรักษาระดับการบริโภคภายในประเทศ ระยะที่ 3 และโครงการคนละครึ่ง (โครงการฯ) ระยะที่ 5 "
     "มีผู้ใช้สิทธิทุกโครงการรวม 36.85 ล้านคน", True),
    # A list names its owner once: the asked reading written after it keeps the text.
    ("ร่าง พ.ร.บ.งบประมาณ วาระ 2-3 พิจารณาวันที่เท่าไร", "",
     "รับหลักการร่าง พ.ร.บ.งบประมาณ วาระที่ 1 เมื่อวันที่ 5 มิถุนายน 2568 และพิจารณาวาระที่ 2 "
     "และ 3 เมื่อวันที่ 20 สิงหาคม 2568", False),
    # No phase named at all: the text does not say; not another.
    ("คนละครึ่งเฟส 4 มีผู้ใช้สิทธิกี่คน", "", "โครงการคนละครึ่งมีผู้ใช้สิทธิ 26 ล้านคน", False),
    # A quarter is a stage too; a round ("ครั้งที่") is not (meetings are numbered beside).
    ("ไตรมาส 2 ปี 2566 เบิกจ่ายเท่าไร", "ผลการเบิกจ่ายไตรมาส 3", "เบิกจ่าย 40 ล้านบาท", True),
    ("การประชุมครั้งที่ 5 มีมติกี่ข้อ", "การประชุมครั้งที่ 4", "มีมติ 3 ข้อ", False),
])
def test_a_document_of_other_stages_only(question: str, title: str, text: str,
                                         other: bool) -> None:
    assert other_stage(question, title, text) is other


def test_a_count_asked_in_a_fiscal_year_is_no_money_asked(make_app: Any, tmp_path: Path) -> None:
    # "ปีงบประมาณ" held "งบประมาณ": the count "เป้าหมายรวม 86,000 แปลง" was refused as
    # "no amount" (a target's label before an amount where a budget was asked).
    release = news(51, "กรมที่ดินเดินหน้าโครงการเดินสำรวจออกโฉนดที่ดินทั่วประเทศ",
                   "กรมที่ดินเดินหน้าโครงการเดินสำรวจออกโฉนดที่ดินทั่วประเทศ ในปีงบประมาณ "
                   "พ.ศ. 2568 ตั้งเป้าหมายรวม จำนวน 86,000 แปลง มีพื้นที่ดำเนินการ 69 จังหวัด",
                   "2025-05-20")
    ans = ask_over(make_app, tmp_path, [release, *FILLERS],
                   "ปีงบประมาณ 2568 กรมที่ดินตั้งเป้าออกโฉนดกี่แปลง")
    assert ans.found and ans.point.startswith("86,000 แปลง"), ans.point
