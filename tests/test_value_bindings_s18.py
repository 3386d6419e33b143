"""A value answers only for what the question binds it to (tester18's wrong values under real
citations, section A): the enumerated item and label it names, the province it names, the
complement a negated question asks, no slogan's one, and a national figure for a national
question (bot/answering/bindings.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from releases import DEEDS, DEEDS_KICK_OFF, FILLERS, ask_over, assert_leads, news

# --- 1. an enumerated item's value, after the label asked ----------------------------------

_VOTES = news(
    1, "นายกรัฐมนตรีได้รับคะแนนไว้วางใจ 272 ในการอภิปรายทั่วไปเพื่อลงมติไม่ไว้วางใจเป็นรายบุคคล",
    "สภาผู้แทนราษฎรได้ประชุมเพื่อพิจารณาญัตติขอเปิดอภิปรายทั่วไปเพื่อลงมติไม่ไว้วางใจ"
    "เป็นรายบุคคล ประกอบด้วย พล.อ.ประยุทธ์ จันทร์โอชา นายกรัฐมนตรี พล.อ.ประวิตร วงษ์สุวรรณ "
    "รองนายกรัฐมนตรี และนายอนุทิน ชาญวีรกูล รองนายกรัฐมนตรี\n"
    "โดยผลการลงมติฯ ดังนี้ (1) พล.อ.ประยุทธ์ จันทร์โอชา นายกรัฐมนตรีและรัฐมนตรีว่าการกระทรวง"
    "กลาโหม ผู้ลงมติ 481 เห็นด้วย 206 ไม่เห็นด้วย 272 และงดออกเสียง 3 (2) พล.อ.ประวิตร "
    "วงษ์สุวรรณ รองนายกรัฐมนตรี ผู้ลงมติ 482 เห็นด้วย 204 ไม่เห็นด้วย 274 และงดออกเสียง 4 "
    "(3) นายอนุทิน ชาญวีรกูล รองนายกรัฐมนตรีและรัฐมนตรีว่าการกระทรวงสาธารณสุข ผู้ลงมติ 482 "
    "เห็นด้วย 201 ไม่เห็นด้วย 275 และงดออกเสียง 6", "2021-02-20")


@pytest.mark.parametrize(("question", "lead"), [
    # Item (2)'s 204 and 274 scored best: the item and label asked decide.
    ("ผลการลงมติไม่ไว้วางใจ พล.อ.ประยุทธ์ ปี 2564 ไม่เห็นด้วยกี่เสียง", "272"),
    ("พล.อ.ประวิตร วงษ์สุวรรณ ได้คะแนนเห็นด้วยกี่เสียง", "204"),
    ("นายอนุทิน ชาญวีรกูล ได้คะแนนไม่เห็นด้วยกี่เสียง", "275"),
])
def test_an_enumerated_items_value_after_the_asked_label(
        make_app: Callable[..., Any], tmp_path: Path, question: str, lead: str) -> None:
    ans = ask_over(make_app, tmp_path, [_VOTES, *FILLERS], question)
    assert_leads(ans, lead)
    assert not ans.point.startswith(f"{lead} ไม่"), ans.point


def test_enumerated_items_and_their_labels() -> None:
    from bot.answering.bindings import asked_item, enumerated_items, item_label

    text = _VOTES["text"]
    [items] = enumerated_items(text)
    assert len(items) == 3
    assert asked_item(text, "พล.อ.ประวิตร ได้คะแนนเห็นด้วยกี่เสียง") == (0, 1)
    assert asked_item(text, "ผลการลงมติเป็นอย่างไร") is None
    first = items[0]
    assert item_label(text, first, text.index("272")) == "ไม่เห็นด้วย"
    assert item_label(text, first, text.index("206")) == "เห็นด้วย"
    # A decimal or a value's own number is no item marker.
    assert enumerated_items("อัตรา 2.4 ล้าน และ 1.5 ล้าน") == ()



# --- 2. the province the question names holds for the value -------------------------------

_DEBT = news(
    2, "ปลัดมหาดไทย เผยความคืบหน้าการแก้ไขปัญหาหนี้นอกระบบ เข้าสู่กระบวนการไกล่เกลี่ยหนี้แล้ว "
    "32,418 ราย",
    "ปลัดมหาดไทย เผยความคืบหน้าการแก้ไขปัญหาหนี้นอกระบบ เข้าสู่กระบวนการไกล่เกลี่ยหนี้แล้ว "
    "32,418 ราย สามารถไกล่เกลี่ยสำเร็จ 21,249 ราย\n"
    "ผลการไกล่เกลี่ยหนี้ทั่วประเทศ มีจำนวนลูกหนี้เข้าสู่กระบวนการไกล่เกลี่ยแล้ว 32,418 ราย "
    "โดยมีจังหวัดที่สามารถเชิญเจ้าหนี้-ลูกหนี้เข้าสู่กระบวนการไกล่เกลี่ยหนี้ได้มากที่สุด 5 ลำดับ "
    "คือ 1. จังหวัดสงขลา 3,425 ราย 2. จังหวัดนครสวรรค์ 2,669 ราย 3. จังหวัดนครราชสีมา "
    "2,177 ราย 4. จังหวัดนครศรีธรรมราช 1,531 ราย และ 5. จังหวัดนราธิวาส 1,325 ราย ซึ่ง"
    "เจ้าหนี้และลูกหนี้ได้มาพบปะพูดคุยกัน\n"
    "“เรื่องการแก้ไขปัญหาหนี้นอกระบบทั่วประเทศ วันนี้จังหวัดสงขลายังคงเป็นจังหวัดที่มีลูกหนี้"
    "เข้าสู่กระบวนการไกล่เกลี่ยมากที่สุด 3,425 ราย", "2024-03-13")


@pytest.mark.parametrize(("question", "lead"), [
    # The title's national 32,418 led.
    ("จังหวัดสงขลามีลูกหนี้เข้าไกล่เกลี่ยหนี้นอกระบบกี่ราย", "3,425 ราย"),
    ("จังหวัดนครราชสีมามีลูกหนี้เข้าไกล่เกลี่ยหนี้นอกระบบกี่ราย", "2,177 ราย"),
])
def test_a_named_province_binds_the_value(
        make_app: Callable[..., Any], tmp_path: Path, question: str, lead: str) -> None:
    assert_leads(ask_over(make_app, tmp_path, [_DEBT, *FILLERS], question), lead)


def test_a_release_about_one_province_keeps_its_values(
        make_app: Callable[..., Any], tmp_path: Path) -> None:
    # Only a release that lists several provinces' values binds them; this one's values
    # are all Songkhla's, whether or not their clause names it.
    one = news(3, "จังหวัดสงขลาจัดมหกรรมไกล่เกลี่ยหนี้นอกระบบ",
               "จังหวัดสงขลาจัดมหกรรมไกล่เกลี่ยหนี้นอกระบบ ณ ศาลากลางจังหวัดสงขลา "
               "มีลูกหนี้มาลงทะเบียน 950 ราย และไกล่เกลี่ยสำเร็จแล้ว 612 ราย", "2024-02-02")
    ans = ask_over(make_app, tmp_path, [one, *FILLERS],
                   "จังหวัดสงขลาไกล่เกลี่ยหนี้นอกระบบสำเร็จกี่ราย")
    assert_leads(ans, "612 ราย")


# --- 3. a negated question asks the complement ---------------------------------------------

_DEEDS, _KICK_OFF = DEEDS, DEEDS_KICK_OFF


@pytest.mark.parametrize(("releases", "question", "lead"), [
    ([_DEEDS], "โครงการเดินสำรวจออกโฉนดที่ดินไม่ดำเนินการในกี่จังหวัด", "8 จังหวัด"),
    ([_DEEDS], "ทั้งหมดมีกี่จังหวัดที่ไม่ต้องออกโฉนดในปีงบ 2568", "8 จังหวัด"),
    # The included set is no answer, and the complement is not stated: refused.
    ([_KICK_OFF], "โครงการเดินสำรวจออกโฉนดที่ดินไม่ดำเนินการในกี่จังหวัด", None),
    # Not negated: the included set.
    ([_DEEDS], "โครงการเดินสำรวจออกโฉนดที่ดินปีงบ 2568 ดำเนินการในกี่จังหวัด", "69 จังหวัด"),
])
def test_a_negated_question_asks_the_complement(
        make_app: Callable[..., Any], tmp_path: Path, releases: list[dict[str, str]],
        question: str, lead: str | None) -> None:
    assert_leads(ask_over(make_app, tmp_path, [*releases, *FILLERS], question), lead)


def test_negation_and_complement_words() -> None:
    from bot.answering.bindings import asks_negated, complement

    assert asks_negated("ไม่ดำเนินการในกี่จังหวัด")
    assert not asks_negated("ได้รับเงินไม่เกินกี่บาท")
    assert not asks_negated("ดำเนินการครบ 69 จังหวัดหรือไม่")
    text = "มีพื้นที่ดำเนินการทั้งสิ้น 69 จังหวัด ยกเว้น 8 จังหวัด ได้แก่"
    assert complement(text, text.index("8 "), text.index("8 ") + 8) is True
    assert complement(text, text.index("69"), text.index("69") + 9) is False


# --- 4. a slogan's one counts nothing -------------------------------------------------------

#: doc 853 of the news archive, its opening and closing words.
_MONKS = news(
    6, "\"1 วัด 1 พระบริบาลภิกษุไข้” ผู้ว่าฯ นครศรีธรรมราช เปิดอบรม “พระบริบาลภิกษุไข้”",
    '"1 วัด 1 พระบริบาลภิกษุไข้” ผู้ว่าฯ นครศรีธรรมราช เปิดอบรม “พระบริบาลภ'
    'ิกษุไข้” เฉลิมพระเกียรติฉลองพระชนมายุ 8 รอบเจ้าพระคุณสมเด็จพระสังฆราช '
    '26 มิถุนายน 2566\nวันนี้ (13 มิ.ย. 66) นายอภินันท์ เผือกผ่อง ผู้ว่าราชก'
    'ารจังหวัดนครศรีธรรมราช เปิดเผยว่า เนื่องในโอกาสมงคลวาระที่เจ้าพระคุณสม'
    'เด็จพระอริยวงศาคตญาณ (อัมพร อมฺพโร) สมเด็จพระสังฆราช สกลมหาสังฆปริณายก'
    ' ทรงเจริญพระชนมายุ 8 รอบ 96 พรรษา วันที่ 26 มิถุนายน 2566 จังหวัดนครศร'
    'ีธรรมราชจัดโครงการอบรม “พระบริบาลภิกษุไข้” ประจำวัด 1 วัด 1 รูป จังหวั'
    'ดนครศรีธรรมราช เฉลิมพระเกียรติในมงคลวาระดังกล่าว โดยได้รับความเมตตาจาก'
    'พระธรรมวชิรากร ที่ปรึกษาเจ้าคณะภาค 16-17-18 เจ้าอาวาสวัดพระมหาธาตุ วรม'
    'หาวิหาร เป็นประธานสงฆ์ นำคณะสงฆ์กว่า 198 รูปในพื้นที่ เข้าร่วมโครงการฯ'
    ' ณ ศาลา 100 ปี วัดพระมหาธาตุ วรมหาวิหาร จังหวัดนครศรีธรรมราช\n"โครงการอ'
    'บรม “พระบริบาลภิกษุไข้” ประจำวัด 1 วัด 1 รูป ของจังหวัดนครศรีธรรมราช เ'
    'ป็นการขับเคลื่อนตามเป้าหมายการพัฒนาที่ยั่งยืนข้อที่ 17 ด้วยการเป็นหุ้น'
    'ส่วนการพัฒนาร่วมกันระหว่างจังหวัดนครศรีธรรมราชและสถาบันพระบรมราชชนก กร'
    'ะทรวงสาธารณสุข เพื่อเฉลิมพระเกียรติสมเด็จพระอริยวงศาคตญาณ สมเด็จพระสัง'
    'ฆราช สกลมหาสังฆปริณายก ฉลองพระชนมายุ 8 รอบ วันที่ 26 มิถุนายน 2566 โดย'
    'ใช้ข้อมูลผลการสำรวจสุขภาพของพระสงฆ์ที่สำคัญ โดยพบว่า จากจำนวนพระภิกษุ '
    'สามเณรทั่วประเทศ 252,851 รูป จาก 41,142 วัด มีพระภิกษุ สามเณรที่สุขภาพ'
    'ดีร้อยละ 52 ในขณะเดียวกันก็พบภาวะเสี่ยงร้อยละ 19 และมีอาการอาพาธถึงร้อ'
    'ยละ 28.5 โดยส่วนใหญ่เป็นพระภิกษุสูงอายุที่ไม่มีผู้ดูแล ทั้งนี้ ปัจจัยท'
    'ี่ทำให้อาพาธ คือ "ไขมันและน้ำตาลในเลือดสูง" ดัชนีมวลกายเกินเกณฑ์มาตรฐา'
    'น และการสูบบุหรี่ และในส่วนโรคที่พบมากสุด 5 อันดับแรกเป็นโรคเรื้อรังทั'
    '้งหมด ได้แก่ โรคมะเร็ง โรคปอดอุดกั้นเรื้อรัง โรคเบาหวาน โรคความดันโลหิ'
    'ตสูง และโรคไตวายเรื้อรัง \nชาชน\nนายอภินันท์ เผือกผ่อง ผู้ว่าราชการจังหว'
    'ัดนครศรีธรรมราช กล่าวในช่วงท้ายว่า โครงการอบรม “พระบริบาลภิกษุไข้” ประ'
    'จำวัด 1 วัด 1 รูป มีเป้าหมายจัดอบรมเพื่อพัฒนาสมรรถนะพระภิกษุในการดูแลส'
    'ุขภาพพระภิกษุอาพาธ บูรณาการการเรียนการสอน การพัฒนาการศึกษา การวิจัย แล'
    'ะการทำนุบำรุงศิลปะและวัฒนธรรม กับการบริการวิชาการ เพื่อใ', "2023-06-13")


def test_a_slogans_one_is_no_count(make_app: Callable[..., Any], tmp_path: Path) -> None:
    ans = ask_over(make_app, tmp_path, [_MONKS, *FILLERS],
                   "โครงการพระบริบาลภิกษุไข้ นครศรีธรรมราช มีคณะสงฆ์เข้าร่วมกี่รูป")
    assert_leads(ans, "กว่า 198 รูป")


def test_slogan_and_per_each_numbers() -> None:
    from bot.answering.bindings import slogan_number

    text = "ประจำวัด 1 วัด 1 รูป และหนึ่งตำบล 1 ตำบล 1 ผลิตภัณฑ์ ทุก อปท.ละ 1 แห่ง รวม 1 แห่ง"
    assert slogan_number(text, text.index("1 วัด"))
    assert slogan_number(text, text.index("1 รูป"))
    assert slogan_number(text, text.index("1 ผลิตภัณฑ์"))
    assert slogan_number(text, text.index("1 แห่ง"))
    assert not slogan_number(text, text.rindex("1 แห่ง"))
    assert not slogan_number(text, text.index("1 แห่ง"), "อปท.ละกี่แห่ง")


# --- 9. a national question: the national figure, or the province named -----------------

_NATIONAL = news(
    7, "มหาดไทย Kick-Off ขับเคลื่อนธนาคารขยะ ร่วมกับ อปท. 7,773 แห่งทั่วประเทศ",
    "นายสุทธิพงษ์ จุลเจริญ ปลัดกระทรวงมหาดไทย เปิดเผยถึงการขับเคลื่อนธนาคารขยะขององค์กร"
    "ปกครองส่วนท้องถิ่น ซึ่งในวันนี้ องค์กรปกครองส่วนท้องถิ่นทั้ง 7,773 แห่ง ได้เริ่ม Kick-Off "
    "การขับเคลื่อนธนาคารขยะพร้อมกันทั่วประเทศ", "2024-01-03")
_NAKHON_PHANOM = news(
    8, "พ่อเมืองนครพนม นำ 104 อปท. Kick-off ขับเคลื่อนธนาคารขยะ",
    "นายวันชัย จันทร์พร ผู้ว่าราชการจังหวัดนครพนม กล่าวว่า จังหวัดนครพนมได้ดำเนินการ Kick-off "
    "ขับเคลื่อนธนาคารขยะโดยองค์กรปกครองส่วนท้องถิ่นทั้ง 104 แห่งของจังหวัดนครพนม ร่วมกับ"
    "กระทรวงมหาดไทย", "2024-01-10")
_NAKHON_PHANOM_2 = news(
    9, "จังหวัดนครพนมจับมือ อปท. ในจังหวัด ทั้ง 103 แห่ง Kick-off ขับเคลื่อนธนาคารขยะ",
    "จ.นครพนมจับมือ อปท. ในจังหวัดทั้ง 103 แห่ง Kick-off ขับเคลื่อนธนาคารขยะ ด้านพ่อเมือง"
    "ลงพื้นที่ตรวจเยี่ยมให้กำลังใจ ธนาคารขยะ อบต.เวินพระบาท อ.ท่าอุเทน ให้มีธนาคารขยะ"
    "องค์กรปกครองส่วนท้องถิ่นละ 1 แห่ง", "2024-03-03")


@pytest.mark.parametrize(("releases", "question", "lead"), [
    ([_NATIONAL, _NAKHON_PHANOM], "มหาดไทย Kick-Off ธนาคารขยะร่วมกับ อปท. กี่แห่ง", "7,773 แห่ง"),
    # Only one province's figure is read: the lead says whose it is.
    ([_NAKHON_PHANOM_2], "ธนาคารขยะ Kick-Off กี่แห่ง", "103 แห่ง (จังหวัดนครพนม)"),
    # The province asked: its figure, with no note.
    ([_NATIONAL, _NAKHON_PHANOM], "จังหวัดนครพนม Kick-Off ธนาคารขยะร่วมกับ อปท. กี่แห่ง",
     "104 แห่ง —"),
])
def test_a_national_question_and_one_provinces_figure(
        make_app: Callable[..., Any], tmp_path: Path, releases: list[dict[str, str]],
        question: str, lead: str) -> None:
    assert_leads(ask_over(make_app, tmp_path, [*releases, *FILLERS], question), lead)


def test_province_scope_of_a_value() -> None:
    from bot.answering.bindings import asks_national, province_of_value, province_scope

    text = _NAKHON_PHANOM["text"]
    assert province_scope(text, text.index("104")) == "นครพนม"
    text = _NAKHON_PHANOM_2["text"]
    assert province_scope(text, text.index("103")) == "นครพนม"
    text = _NATIONAL["text"]
    assert province_scope(text, text.index("7,773")) is None
    text = _DEBT["text"]
    assert province_of_value(text, text.index("3,425")) == "สงขลา"
    assert province_of_value(text, text.index("32,418")) is None
    assert asks_national("ธนาคารขยะ kick-off กี่แห่ง")
    assert asks_national("การแจ้งเตือนครอบคลุมกี่จังหวัด")
    assert not asks_national("จังหวัดใดมีลูกหนี้มากที่สุด")
    assert not asks_national("นครพนม kick-off กี่แห่ง")


# --- 10. the count of what the question's verb tells of -----------------------------------

_FLOODS = news(
    10, "ประชุมติดตามสถานการณ์อุทกภัยและดินถล่มจากอิทธิพลพายุคาจิกิ",
    "โดยมี ผู้ว่าราชการจังหวัด หัวหน้าส่วนราชการที่เกี่ยวข้อง 62 จังหวัด ร่วมประชุม\n"
    "อธิบดี ปภ. กล่าวว่า ผลกระทบจาก \"พายุคาจิกิ\" ได้ส่งผลให้เกิดอุทกภัยและดินถล่มในพื้นที่ "
    "14 จังหวัด คือ จ.เชียงราย พะเยา น่าน แพร่ ลำปาง รวม 40 อำเภอ", "2025-09-03")
_WARNING = news(
    11, "รัฐบาลยกระดับระบบแจ้งเตือน Cell Broadcast โดยส่งข้อความเตือนภัยแล้วกว่า 122 ครั้ง",
    "ระบบ Cell Broadcast มีการส่งข้อความแจ้งเตือนภัยไปแล้วกว่า 122 ครั้ง ล่าสุด คือ "
    "การแจ้งเตือนพายุ “คาจิกิ” แจ้งเตือนพายุ คาจิกิ เฝ้าระวังน้ำท่วมฉับพลัน น้ำป่าไหลหลาก "
    "น้ำท่วมขัง ดินโคลนถล่ม ช่วงวันที่ 24-27 ส.ค.68 ในพื้นที่ภาคเหนือ ภาคตะวันออกเฉียงเหนือ "
    "ภาคกลาง และภาคใต้ รวม 58 จังหวัด ซึ่งช่วยให้ประชาชนในพื้นที่เสี่ยงภัยได้มีเวลาเตรียมพร้อม",
    "2025-08-25")


@pytest.mark.parametrize(("question", "lead"), [
    # The flood-hit 14 (a newer release) led.
    ("การแจ้งเตือนพายุคาจิกิครอบคลุมกี่จังหวัด", "58 จังหวัด"),
    ("พายุคาจิกิส่งผลให้เกิดอุทกภัยกี่จังหวัด", "14 จังหวัด"),
])
def test_the_count_of_what_the_question_tells_of(
        make_app: Callable[..., Any], tmp_path: Path, question: str, lead: str) -> None:
    assert_leads(ask_over(make_app, tmp_path, [_FLOODS, _WARNING, *FILLERS], question), lead)


def test_status_of_a_sentence() -> None:
    from bot.answering.bindings import status_of_sentence

    text = _WARNING["text"]
    assert status_of_sentence(text, text.index("58")) == "warned"
    text = _FLOODS["text"]
    assert status_of_sentence(text, text.index("14 จังหวัด")) == "affected"
    assert status_of_sentence(text, text.index("62")) is None


@pytest.mark.parametrize(("releases", "question", "lead"), [
    # English questions read the same bindings on their Thai rendering.
    ([_DEBT], "How many debtors in Songkhla province entered informal debt mediation?", "3,425"),
    ([_MONKS], "How many monks joined the monk caregiver training in Nakhon Si Thammarat?",
     "more than 198"),
])
def test_english_questions_read_the_bindings(
        make_app: Callable[..., Any], tmp_path: Path, releases: list[dict[str, str]],
        question: str, lead: str) -> None:
    ans = ask_over(make_app, tmp_path, [*releases, *FILLERS], question)
    assert_leads(ans, lead)


@pytest.mark.parametrize("text", [_VOTES["text"], _DEBT["text"],
                                  "ผล (1) นาย ก 10 ราย และ 2 คน (2) นาง ข เห็นด้วย 3 4 ไม่ 5"])
def test_an_items_labels_in_one_pass_are_each_values_label(text: str) -> None:
    from bot.answering.bindings import _NUMBER, enumerated_items, item_label, item_labels

    runs = enumerated_items(text)
    assert runs
    for items in runs:
        for item in items:
            each = tuple(item_label(text, item, m.start())
                         for m in _NUMBER.finditer(text, item.head_end, item.end))
            assert item_labels(text, item) == each
