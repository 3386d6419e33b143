"""Wrong leads of tester 20 by kind: a cut name, money for a count, an event for a venue,
another stage's count for a success count (bench/data/tester20-report.md).

Each kind is read from the releases' own sentences (news archive), not a question's wording.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from releases import FILLERS, ask_over, assert_leads, news

from bot.answering.answerer import _no_venue
from bot.answering.english_asked import asks_a_count, lead_refusal
from bot.answering.extent import whole_value
from bot.answering.success import asks_success, other_than_success

# -- a name runs on to its end --------------------------------------------------------------

_HOTEL = ("การจัดงานสัมมนาเชิงวิชาการ ในวันที่ 4 – 5 สิงหาคม 2565 ที่โรงแรมอัศวิน แกรนด์ "
          "คอนเวนชั่น กรุงเทพมหานคร ซึ่งภายในงานมีกิจกรรมที่น่าสนใจหลากหลายรูปแบบ")
_CIRCUIT = ("รวมทั้งได้เยี่ยมชมสนามแข่งรถ Autodromo Enzo e Dino Ferrari เมืองโบโลญญา ประเทศอิตาลี "
            "Formula 1 ถือสิทธิ์ในการจัดการแข่งขัน")


@pytest.mark.parametrize(("text", "cut", "whole"), [
    # A venue's English name words written in Thai letters are the name's ...
    (_HOTEL, "โรงแรมอัศวิน", "โรงแรมอัศวิน แกรนด์ คอนเวนชั่น"),
    # ... and a Latin name's one-letter word before its next word ("e", Italian "and").
    (_CIRCUIT, "สนามแข่งรถ Autodromo Enzo", "สนามแข่งรถ Autodromo Enzo e Dino Ferrari"),
])
def test_a_name_is_not_cut_before_its_end(text: str, cut: str, whole: str) -> None:
    a = text.index(cut)
    wa, wb = whole_value(text, a, a + len(cut))
    assert text[wa:wb] == whole


def test_a_venue_stops_at_the_city_and_a_name_at_a_lone_letter() -> None:
    # The city after the hotel is its address, not its name; a last lone letter is no word.
    text = "ประชุมที่โรงแรมเซ็นทารา แกรนด์ กรุงเทพมหานคร"
    a = text.index("โรงแรม")
    wa, wb = whole_value(text, a, a + len("โรงแรมเซ็นทารา"))
    assert text[wa:wb] == "โรงแรมเซ็นทารา แกรนด์"
    text = "ณ ห้องประชุม War room a"
    a = text.index("ห้อง")
    wa, wb = whole_value(text, a, a + len("ห้องประชุม War"))
    assert text[wa:wb] == "ห้องประชุม War room"


# -- an English count is no amount of money -------------------------------------------------

@pytest.mark.parametrize(("question", "count"), [
    ("How many SMEs received loans through TCG guarantees in 2023?", True),
    ("How many households joined the project?", True),
    ("How many baht did the ministry spend?", False),
    ("How many million dollars were invested?", False),
    ("How much did the project cost?", False),
])
def test_how_many_of_things_is_a_count(question: str, count: bool) -> None:
    assert asks_a_count(question) is count


def test_a_count_question_refuses_money_and_takes_a_count() -> None:
    q = "How many SMEs received loans through TCG guarantees in 2023?"
    assert lead_refusal(q, "5,000 ล้านบาท", "money") == "no count"
    assert lead_refusal(q, "96,461 ราย", "count") is None
    assert lead_refusal("How many baht did it cost?", "5,000 ล้านบาท", "money") is None


# -- an event's own name is no venue --------------------------------------------------------

@pytest.mark.parametrize(("span", "none"), [
    ("พิธีเปิด", True),
    ("การประชุมคณะกรรมการ", True),
    ("กิจกรรมปลูกต้นไม้", True),
    ("ณ สโมสรทหารบก", False),
    ("ห้องประชุมราชบพิธ ชั้น 5", False),
    ("พิธีเปิด ณ ศาลากลางจังหวัดสงขลา", False),
])
def test_an_event_is_no_venue(span: str, none: bool) -> None:
    assert _no_venue(span) is none


# -- a success count is not the count of those who began ------------------------------------

_MEDIATION = ("ปลัดมหาดไทย เผยความคืบหน้าการแก้ไขปัญหาหนี้นอกระบบ เข้าสู่กระบวนการไกล่เกลี่ยหนี้แล้ว "
              "47,433 ราย สามารถไกล่เกลี่ยสำเร็จ 27,520 ราย มูลหนี้ลดลง 1,067 ล้านบาท "
              "กำชับทุกพื้นที่เร่งรัด ติดตาม")


def test_a_figure_beside_a_success_figure_is_another_stage() -> None:
    assert other_than_success(_MEDIATION, _MEDIATION.index("47,433"))
    assert not other_than_success(_MEDIATION, _MEDIATION.index("27,520"))
    # A text that labels no figure with success says nothing either way.
    text = "เข้าสู่กระบวนการไกล่เกลี่ยหนี้แล้ว 47,433 ราย มูลหนี้ลดลง 1,067 ล้านบาท"
    assert not other_than_success(text, text.index("47,433"))


@pytest.mark.parametrize(("question", "asks"), [
    ("ณ วันที่ 18 เมษายน 2567 ไกล่เกลี่ยหนี้นอกระบบสำเร็จแล้วกี่ราย", True),
    ("How many debt cases were successfully mediated?", True),
    ("ประกาศความสำเร็จเมื่อวันที่เท่าไร", False),
    ("เข้าสู่กระบวนการไกล่เกลี่ยกี่ราย", False),
])
def test_what_asks_success(question: str, asks: bool) -> None:
    assert asks_success(question) is asks


def test_a_success_question_is_answered_by_the_success_figure(make_app: Any,
                                                              tmp_path: Path) -> None:
    release = news(1, "ปลัดมหาดไทย เผยความคืบหน้าการแก้ไขปัญหาหนี้นอกระบบ", _MEDIATION,
                   "2024-04-18")
    ans = ask_over(make_app, tmp_path, [release, *FILLERS],
                   "ไกล่เกลี่ยหนี้นอกระบบสำเร็จแล้วกี่ราย")
    if ans.found:
        assert_leads(ans, "27,520 ราย")


# -- one item of a ranking by its share is not the whole ------------------------------------

_BANDS = ("ในด้านระดับราคาของที่อยู่อาศัยมือสองที่มีมูลค่าเฉลี่ยต่อเดือนมากที่สุดในไตรมาส 2 ปี 2564 คือ "
          "ระดับราคามากกว่า 10.00 ล้านบาทขึ้นไป โดยมีมูลค่าประกาศขายเฉลี่ยต่อเดือน 503,647 ล้านบาท "
          "คิดเป็นสัดส่วนเฉลี่ยต่อเดือนร้อยละ 61.5 รองลงมาเป็นอันดับสอง คือ ระดับราคา 3.01 – 5.00 "
          "ล้านบาท มีมูลค่าประกาศขายเฉลี่ยต่อเดือน 83,427 ล้านบาท คิดเป็นสัดส่วนเฉลี่ยต่อเดือนร้อยละ "
          "10.2 และอันดับสาม คือ ระดับราคา 5.01 – 7.50 ล้านบาท")


@pytest.mark.parametrize(("value", "ranked"), [
    ("503,647 ล้านบาท", True),
    ("83,427 ล้านบาท", True),
])
def test_a_ranked_share_is_one_item(value: str, ranked: bool) -> None:
    from bot.answering.siblings import ranked_share
    a = _BANDS.index(value)
    assert ranked_share(_BANDS, a, a + len(value)) is ranked


def test_a_share_of_a_target_is_still_the_value() -> None:
    # A share of the budget or target, no ranking after it: the value is what was done.
    from bot.answering.siblings import ranked_share
    text = "เบิกจ่ายแล้ว 500 ล้านบาท คิดเป็นร้อยละ 80 ของงบประมาณ"
    assert not ranked_share(text, text.index("500"), text.index(" คิด"))


def test_a_price_band_is_a_name_not_an_amount() -> None:
    from bot.answering.siblings import price_band
    assert price_band(_BANDS, _BANDS.index("3.01"))
    assert price_band(_BANDS, _BANDS.index("10.00"))
    assert not price_band(_BANDS, _BANDS.index("83,427"))


# -- a quarter's figure is not the year's ---------------------------------------------------

_TCG = ("นายสิทธิกร ดิเรกสุนทร กรรมการและผู้จัดการทั่วไป บรรษัทประกันสินเชื่ออุตสาหกรรมขนาดย่อม (บสย.) "
        "เปิดเผยว่า ผลการดำเนินงานช่วยให้ SMEs ที่ได้รับสินเชื่อกว่า 8,900 ราย ในจำนวนนี้มีลูกค้ารายใหม่ "
        "4,719 ราย ก่อให้เกิดผลประโยชน์ต่อระบบเศรษฐกิจ")


@pytest.mark.parametrize(("title", "lead"), [
    # The title says the figures are the first quarter's: the year's count is not there.
    ("บสย. ปลื้ม ไตรมาส1/2566 โตเกินคาด 196% ช่วย SMEs ได้มาก", None),
    ("บสย. ปลื้ม ปี 2566 โตเกินคาด ช่วย SMEs ได้มาก", "กว่า 8,900 ราย"),
])
def test_a_quarter_titled_release_does_not_answer_for_the_year(
        make_app: Any, tmp_path: Path, title: str, lead: str | None) -> None:
    release = news(1, title, _TCG, "2023-04-20")
    ans = ask_over(make_app, tmp_path, [release, *FILLERS],
                   "ปี 2566 SMEs ได้สินเชื่อจากการค้ำประกันของ บสย. กี่ราย")
    if lead is None:
        assert not (ans.found and "8,900" in ans.point.split(" — ")[0]), ans.point
    else:
        assert_leads(ans, lead)


# -- who did the act is not who came ---------------------------------------------------------

_OPENING = ("วันนี้ (9 กุมภาพันธ์ 2567) นายแพทย์ชลน่าน ศรีแก้ว รัฐมนตรีว่าการกระทรวงสาธารณสุข "
            "เป็นประธานเปิดตึกไตเทียมและกายภาพบำบัด โรงพยาบาลวังสะพุง อำเภอวังสะพุง จังหวัดเลย โดยมี "
            "แพทย์หญิงนวลสกุล บำรุงพงษ์ คณะที่ปรึกษารัฐมนตรีว่าการกระทรวงสาธารณสุข นายชัยพจน์ จรูญพงศ์ "
            "ผู้ว่าราชการจังหวัดเลย นายแพทย์ชาญชัย บุญอยู่ นายแพทย์สาธารณสุขจังหวัดเลย นายแพทย์รณรงค์ ศรีพล "
            "ผู้อำนวยการโรงพยาบาลวังสะพุง ผู้บริหาร และเจ้าหน้าที่ร่วมงาน")


@pytest.mark.parametrize(("person", "came"), [
    ("นายแพทย์ชลน่าน ศรีแก้ว", False),
    ("นายชัยพจน์ จรูญพงศ์", True),
    ("นายแพทย์รณรงค์ ศรีพล", True),
])
def test_a_person_listed_as_joining_is_an_attendee(person: str, came: bool) -> None:
    from bot.answering.attendees import attendee
    assert attendee(_OPENING, _OPENING.index(person) + len(person)) is came


@pytest.mark.parametrize(("question", "actor"), [
    ("Who opened the dialysis building at Wang Saphung Hospital?", True),
    ("ใครเป็นประธานเปิดตึกไตเทียม", True),
    ("ใครเป็นผู้ว่าราชการจังหวัดเลย", False),
])
def test_what_asks_the_actor(question: str, actor: bool) -> None:
    from bot.answering.attendees import asks_actor
    assert asks_actor(question) is actor



# -- "what about X" asked alone asks nothing ------------------------------------------------

@pytest.mark.parametrize(("question", "subject"), [
    ("แล้วนายอำเภอท่าวุ้งล่ะ", "นายอำเภอท่าวุ้ง"),
    ("นายอำเภอปายล่ะครับ", "นายอำเภอปาย"),
    ("What about Pai?", "Pai"),
    # Its own asking words: a question, not a bare subject.
    ("แล้วจังหวัดสงขลามีกี่แห่งล่ะ", None),
    # "ละ" of "คนละ", "วันละ" is no follow-up.
    ("ได้คนละ", None),
    ("ผู้ว่าราชการจังหวัดลพบุรีชื่ออะไร", None),
])
def test_what_about_asked_alone_names_a_subject(question: str, subject: str | None) -> None:
    from bot.answering.followup import what_about_subject
    assert what_about_subject(question) == subject


def test_what_about_asked_alone_gives_no_value(make_app: Any, tmp_path: Path) -> None:
    release = news(1, "ฝ่ายปกครองท่าวุ้งสนธิกำลังตำรวจ บุกจับกุมร้านลักลอบขายบุหรี่ไฟฟ้า",
                   "บูรณาการกำลังกับ ป้องกันจังหวัดลพบุรี เจ้าหน้าที่ตำรวจ สภ.ท่าวุ้ง เจ้าหน้าที่ อส. "
                   "และหน่วยงานอื่น ๆ ที่เกี่ยวข้อง ร่วมกันตรวจค้นร้านค้าในพื้นที่อำเภอท่าวุ้ง", "2024-08-24")
    ans = ask_over(make_app, tmp_path, [release, *FILLERS], "แล้วนายอำเภอท่าวุ้งล่ะ")
    assert not ans.found and "นายอำเภอท่าวุ้ง" in ans.point, ans.point
