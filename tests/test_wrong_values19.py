"""A value answers only for the quantity, period, group and share the question asks (tester19's
wrong values under real citations, section A, items 1-6): the period's length it is stated for
(bot/answering/qualifiers.py, kind "span"), the counted group and a province's item of a
national total (bot/answering/counted.py, bindings.provincial_item), the share of a pair
asked (bot/answering/shares.py), a change for a change asked (siblings.asks_growth) and a
number for a measure asked (bot/answering/lead_kind.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from releases import FILLERS, ask_over, news


def _lead(ans: Any) -> str:
    """The reply's lead, before its quotation."""
    return str(ans.point).split(" — ")[0]

# --- 1. the period's length: a quarter, a half, nine months, the whole year ----------------

_GDP = news(
    1, "สภาพัฒน์แถลงภาวะเศรษฐกิจไทยไตรมาสที่สาม ปี 2566",
    "สำนักงานสภาพัฒนาการเศรษฐกิจและสังคมแห่งชาติ แถลงว่า เศรษฐกิจไทยในไตรมาสที่สามของปี 2566 "
    "มูลค่าผลิตภัณฑ์มวลรวมในประเทศ (GDP) ขยายตัวร้อยละ 1.5 ชะลอลงจากไตรมาสก่อน "
    "การส่งออกสินค้าลดลงร้อยละ 2.1 รวม 9 เดือนแรกของปี 2566 เศรษฐกิจไทยขยายตัวร้อยละ 1.9 "
    "และคาดว่าทั้งปี 2566 จะขยายตัวร้อยละ 2.5", "2023-11-20")
_GEMS = news(
    2, "ส่งออกอัญมณีและเครื่องประดับครึ่งปีแรก 2565 โต",
    "การส่งออกอัญมณีและเครื่องประดับของไทยในช่วงไตรมาสที่ 1-2 (มกราคม-มิถุนายน) ของปี 2565 "
    "มีมูลค่ากว่า 3,884.21 ล้านเหรียญสหรัฐ เพิ่มขึ้น 40.96% คาดว่ายอดส่งออกทั้งปี 2565 "
    "อาจมีมูลค่าถึง 7,392.49 ล้านเหรียญสหรัฐ หรือประมาณ 233,647 ล้านบาท", "2022-08-10")


def test_the_length_of_the_period_a_value_is_stated_for() -> None:
    from bot.answering.qualifiers import qualifiers_of

    # A quarter named is three months' (read with it by agreement).
    assert ("quarter", 3) in qualifiers_of("เศรษฐกิจไทยไตรมาสที่ 3 ปี 2566 ขยายตัวร้อยละเท่าไร")
    assert ("span", 6) in qualifiers_of("ไตรมาสที่ 1-2 ปี 2565 ส่งออกเท่าไร")
    assert ("span", 6) in qualifiers_of("ครึ่งปีแรก 2565 ส่งออกอัญมณีมูลค่าเท่าไร")
    assert ("span", 9) in qualifiers_of("9 เดือนแรกของปี 2566 เศรษฐกิจขยายตัวเท่าไร")
    # A year alone names no length: its quarters' figures are told by the year check.
    assert "span" not in dict(qualifiers_of("ปี 2566 เศรษฐกิจขยายตัวเท่าไร"))


@pytest.mark.parametrize(("releases", "question", "lead", "not_lead"), [
    # The nine months' 1.9 led for the third quarter.
    ([_GDP], "เศรษฐกิจไทยไตรมาสที่ 3 ปี 2566 ขยายตัวร้อยละเท่าไร", "1.5", "1.9"),
    ([_GDP], "รวม 9 เดือนแรกของปี 2566 เศรษฐกิจไทยขยายตัวร้อยละเท่าไร", "1.9", "1.5"),
])
def test_a_value_of_another_length_of_period_does_not_lead(
        make_app: Callable[..., Any], tmp_path: Path, releases: list[dict[str, str]],
        question: str, lead: str, not_lead: str) -> None:
    ans = ask_over(make_app, tmp_path, [*releases, *FILLERS], question)
    assert not_lead not in _lead(ans), ans.point
    assert ans.found and lead in _lead(ans), ans.point


def test_a_whole_years_projection_is_no_half_years_value(make_app: Callable[..., Any],
                                                         tmp_path: Path) -> None:
    # The whole year's 233,647 ล้านบาท led for the first half.  (The half's value is in US
    # dollars, which the candidates read as no amount: a refusal is no wrong value.)
    ans = ask_over(make_app, tmp_path, [_GEMS, *FILLERS],
                   "ครึ่งปีแรก 2565 ไทยส่งออกอัญมณีและเครื่องประดับมูลค่าเท่าไร")
    assert "233,647" not in _lead(ans) and "7,392.49" not in _lead(ans), ans.point
    if ans.found:
        assert "3,884.21" in _lead(ans), ans.point


# --- 2. the counted group, and one province's item of a national total --------------------

_REGISTER = news(
    3, "มหาดไทยสรุปผลการลงทะเบียนแก้ไขหนี้นอกระบบ",
    "เมื่อวันที่ 27 ธ.ค. 66 ศูนย์อำนวยการแก้ไขหนี้นอกระบบ รายงานว่า ประชาชนลงทะเบียนแล้ว "
    "111,700 ราย รวมจำนวนเจ้าหนี้ 82,325 ราย มูลหนี้รวม 7,162.533 ล้านบาท\n"
    "จังหวัดที่มีผู้ลงทะเบียนมากที่สุด 5 ลำดับ ได้แก่ 1. กรุงเทพมหานคร ยังคงมากที่สุด "
    "มีผู้ลงทะเบียน 7,000 ราย เจ้าหนี้ 6,085 ราย 2. จังหวัดนครศรีธรรมราช มีผู้ลงทะเบียน "
    "4,759 ราย เจ้าหนี้ 3,937 ราย 3. จังหวัดสงขลา มีผู้ลงทะเบียน 3,612 ราย เจ้าหนี้ 3,001 ราย",
    "2023-12-28")


def test_the_group_a_count_counts() -> None:
    from bot.answering.bindings import provincial_item
    from bot.answering.counted import asked_group, other_group

    text = _REGISTER["text"]
    assert asked_group("How many creditors were registered for informal debt?") == "creditor"
    assert asked_group("ผู้ลงทะเบียนหนี้นอกระบบกี่ราย") == "registrant"
    assert asked_group("เชิญเจ้าหนี้ลูกหนี้เข้าไกล่เกลี่ยกี่ราย") is None
    q = "ผู้ลงทะเบียนหนี้นอกระบบกี่ราย"
    assert other_group(text, text.index("6,085"), q)
    assert not other_group(text, text.index("111,700"), q)
    assert other_group(text, text.index("111,700"), "มีเจ้าหนี้ลงทะเบียนรวมกี่ราย")
    assert not other_group(text, text.index("82,325"), "มีเจ้าหนี้ลงทะเบียนรวมกี่ราย")
    assert provincial_item(text, text.index("7,000"))
    assert provincial_item(text, text.index("3,937"))
    assert not provincial_item(text, text.index("111,700"))


@pytest.mark.parametrize(("question", "lead"), [
    ("ผู้ลงทะเบียนหนี้นอกระบบ 27 ธ.ค. 66 กี่ราย", "111,700"),
    ("ณ 27 ธ.ค. 66 มีเจ้าหนี้นอกระบบลงทะเบียนรวมกี่ราย", "82,325"),
    ("How many creditors were registered for informal debt as of 27 December 2023?", "82,325"),
])
def test_a_national_count_of_the_asked_group(make_app: Callable[..., Any], tmp_path: Path,
                                             question: str, lead: str) -> None:
    ans = ask_over(make_app, tmp_path, [_REGISTER, *FILLERS], question)
    for part in ("6,085", "7,000", "4,759", "3,937"):
        assert part not in _lead(ans), ans.point
    if ans.found:  # (a refusal is no wrong value; the total, when led)
        assert lead in _lead(ans), ans.point


# --- 3. a share, not its complement ---------------------------------------------------------

_ALLOWANCE = news(
    4, "โฆษกรัฐบาลยืนยันเดินหน้าจ่ายเบี้ยผู้พิการและผู้สูงอายุ พัฒนาระบบ E-Payment",
    "นายอนุชา บูรพชัยศรี โฆษกประจำสำนักนายกรัฐมนตรี ชี้แจงการจ่ายเบี้ยคนพิการและเบี้ยยังชีพ"
    "ผู้สูงอายุ ประจำปีงบประมาณ พ.ศ. 2563 พบว่า จำนวนผู้สูงอายุเพิ่มขึ้น 184,538 ราย "
    "จำนวนผู้พิการเพิ่มขึ้น 265,608 ราย ประกอบกับการพัฒนาการโอนตรงด้วยระบบ E-Payment "
    "เพื่อเป็นการจ่ายเบี้ยสู่บัญชีธนาคารของคนพิการและผู้สูงอายุโดยตรง ซึ่งมีสูงถึงร้อยละ 80 "
    "ส่วนที่เหลือ ร้อยละ 20 ซึ่งเป็นผู้ที่ไม่ได้ลงทะเบียน องค์กรปกครองส่วนท้องถิ่นจะทำหน้าที่"
    "จ่ายเบี้ยเป็นเงินสด", "2020-09-14")
_BUDGET = news(
    5, "ครม. อนุมัติงบประมาณเบี้ยยังชีพผู้สูงอายุ ปีงบประมาณ 2564",
    "คณะรัฐมนตรีอนุมัติงบประมาณเพื่อจ่ายเป็นเบี้ยยังชีพให้กับผู้สูงอายุรวมทั้งสิ้น 8,296,573 คน "
    "ในปี 2563 ผู้สูงอายุที่รับเบี้ยยังชีพจะได้รับตามขั้นบันได", "2020-11-06")


def test_the_share_bound_to_the_asked_thing() -> None:
    from bot.answering.shares import other_share

    text = _ALLOWANCE["text"]
    at80, at20 = text.index("ร้อยละ 80"), text.index("ร้อยละ 20")
    paid = "การจ่ายเบี้ยผู้สูงอายุผ่าน e-payment มีสัดส่วนร้อยละเท่าไร"
    cash = "จ่ายเบี้ยเป็นเงินสดร้อยละเท่าไร"
    assert other_share(text, at20, at20 + 9, paid)
    assert not other_share(text, at80, at80 + 9, paid)
    assert other_share(text, at80, at80 + 9, cash)
    assert not other_share(text, at20, at20 + 9, cash)
    # A count in the same sentence is no share.
    at = text.index("184,538")
    assert not other_share(text, at, at + 7, paid)


@pytest.mark.parametrize(("question", "lead", "not_lead"), [
    ("การจ่ายเบี้ยผู้สูงอายุผ่าน E-Payment มีสัดส่วนร้อยละเท่าไร", "80", "20"),
    ("What percentage of elderly and disability allowances were paid by e-payment in 2020?",
     "80", "20"),
])
def test_a_share_not_its_complement(make_app: Callable[..., Any], tmp_path: Path,
                                    question: str, lead: str, not_lead: str) -> None:
    ans = ask_over(make_app, tmp_path, [_ALLOWANCE, *FILLERS], question)
    assert not_lead not in _lead(ans), ans.point
    assert ans.found and lead in _lead(ans), ans.point


# --- 5. an increase, not a total -------------------------------------------------------------

def test_a_change_asked_and_stated() -> None:
    from bot.answering.siblings import asks_growth, stated_as_change

    assert asks_growth("ปี 2563 ผู้สูงอายุที่รับเบี้ยยังชีพเพิ่มขึ้นกี่ราย")
    assert asks_growth("เศรษฐกิจไทยไตรมาสที่ 3 ขยายตัวร้อยละเท่าไร")
    assert asks_growth("by how much did thailand's gdp grow in the third quarter")
    assert not asks_growth("มีผู้ลงทะเบียนเพิ่มขึ้นเป็นกี่ราย")  # the level it came to
    assert not asks_growth("มีผู้ลงทะเบียนกี่ราย")
    text = _ALLOWANCE["text"] + " " + _BUDGET["text"]
    for value, change in (("184,538", True), ("8,296,573", False), ("ร้อยละ 80", False)):
        at = text.index(value)
        assert stated_as_change(text, at, at + len(value)) is change, value


@pytest.mark.parametrize("question", [
    "ปี 2563 ผู้สูงอายุที่รับเบี้ยยังชีพเพิ่มขึ้นกี่ราย",
    "How many more elderly people received the allowance in 2020?",
])
def test_an_increase_is_not_led_by_a_total(make_app: Callable[..., Any], tmp_path: Path,
                                           question: str) -> None:
    ans = ask_over(make_app, tmp_path, [_BUDGET, _ALLOWANCE, *FILLERS], question)
    assert "8,296,573" not in _lead(ans), ans.point
    if ans.found:
        assert "184,538" in _lead(ans), ans.point


# --- 6. a measure asked: a number, not a time or a person -----------------------------------

_QUAKE = news(
    6, "มหาดไทยติดตามสถานการณ์แผ่นดินไหวจังหวัดพิษณุโลก",
    "นายสุทธิพงษ์ จุลเจริญ ปลัดกระทรวงมหาดไทย เปิดเผยว่า เกิดเหตุแผ่นดินไหวที่อำเภอวังทอง "
    "จังหวัดพิษณุโลก ขนาด 4.5 ความลึก 5 กิโลเมตร เมื่อวันที่ 29 มิถุนายน 2566 เวลา 00.17 น. "
    "ประชาชนรับรู้แรงสั่นไหวได้", "2023-06-29")


def test_a_measure_is_led_by_a_number() -> None:
    from bot.answering.lead_kind import asked_lead_kind, wrong_lead_kind

    q = "แผ่นดินไหวที่พิษณุโลกเมื่อ 29 มิ.ย. 2566 มีขนาดเท่าไร"
    assert asked_lead_kind(q) == "measure"
    assert asked_lead_kind("What was the magnitude of the earthquake?") == "measure"
    assert wrong_lead_kind(q, "count", "text", "00.17 น.") == "no number"
    assert wrong_lead_kind("What was the magnitude of the earthquake?", "what", "person",
                           "นายสุทธิพงษ์ จุลเจริญ ปลัดกระทรวงมหาดไทย") == "no number"
    assert wrong_lead_kind(q, "count", "number", "4.5") is None
    assert wrong_lead_kind("What was the magnitude?", "what", "text", "29 June 2023") == "no number"
    # The measure asked binds the number: the magnitude, not the depth after it.
    from bot.answering.lead_kind import measure_bound

    text = _QUAKE["text"]
    assert measure_bound(q, text, text.index("4.5"))
    assert not measure_bound(q, text, text.index("5 กิโลเมตร"))
    assert measure_bound("ลึกกี่กิโลเมตร", text, text.index("5 กิโลเมตร"))


@pytest.mark.parametrize("question", [
    "แผ่นดินไหวที่พิษณุโลกเมื่อ 29 มิ.ย. 2566 มีขนาดเท่าไร",
    "What was the magnitude of the earthquake in Phitsanulok in June 2023?",
])
def test_a_magnitude_is_no_time_or_person(make_app: Callable[..., Any], tmp_path: Path,
                                          question: str) -> None:
    ans = ask_over(make_app, tmp_path, [_QUAKE, *FILLERS], question)
    assert "00.17" not in _lead(ans) and "สุทธิพงษ์" not in _lead(ans), ans.point
    if ans.found:
        assert "4.5" in _lead(ans), ans.point
