"""A number's label leads with it: "มาตรา 153", never a bare "153" (a real release's text)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from releases import FILLERS, ask_over, news

from bot.answering.compose import compose_reply
from bot.answering.number_label import label_before, labelled_lead

#: https://www.thaigov.go.th/news/contents/details/80883 (its first three paragraphs).
SENATE = news(
    80883, "โฆษกรัฐบาล เผยข้อสั่งการ/นโยบายของนายกรัฐมนตรี ในการประชุมคณะรัฐมนตรี",
    "วันนี้ (26 มีนาคม 2567) นายชัย วัชรงค์ โฆษกประจำสำนักนายกรัฐมนตรี "
    "เปิดเผยข้อสั่งการ/นโยบายของนายเศรษฐา ทวีสิน "
    "นายกรัฐมนตรีและรัฐมนตรีว่าการกระทรวงการคลัง ในการประชุมคณะรัฐมนตรี สรุปสาระสำคัญดังนี้\n"
    "นายกฯ ได้กล่าวขอบคุณคณะรัฐมนตรีที่เข้าร่วมชี้แจง พร้อมตอบคำถามในประเด็นที่เกี่ยวข้อง "
    "และรับฟังความคิดเห็นในการประชุมวุฒิสภา ครั้งที่ 28 (สมัยสามัญประจำปีครั้งที่สอง) "
    "เป็นพิเศษ ญัตติขอเปิดอภิปรายทั่วไปในวุฒิสภาฯ ตามมาตรา 153 ของรัฐธรรมนูญ "
    "ซึ่งปิดการประชุมไปด้วยดีเมื่อวานนี้\n"
    "โดยนายกฯ ยังได้กล่าวขอให้กระทรวงคมนาคม "
    "เตรียมความพร้อมการเดินทางของประชาชนที่จะเดินทางกลับไปยังภูมิลำเนาช่วงเทศกาลสงกรานต์ "
    "เนื่องด้วยเทศกาลสงกรานต์ จะมีประชาชนใช้เส้นทางคมนาคม และการบริการขนส่งเป็นจำนวนมาก "
    "โดยขอให้อำนวยความสะดวก จัดเตรียมจำนวนรถโดยสารให้เพียงพอ ไม่ให้เกิดความแออัด "
    "รวมถึงเส้นทางคมนาคม ไม่ให้เกิดการจราจรติดขัด โดยเฉพาะอย่างยิ่งบริเวณถนนพระราม 2 "
    "ให้เร่งแก้ไข",
    "2024-03-26")


@pytest.mark.parametrize(("text", "number", "label"), [
    ("ญัตติขอเปิดอภิปรายทั่วไปในวุฒิสภาฯ ตามมาตรา 153 ของรัฐธรรมนูญ", "153", "มาตรา"),
    ("ในการประชุมวุฒิสภา ครั้งที่ 28 (สมัยสามัญประจำปีครั้งที่สอง)", "28", "ครั้งที่"),
    ("อนุสัญญาองค์การแรงงานระหว่างประเทศ ฉบับที่ 182 ว่าด้วยการห้าม", "182", "ฉบับที่"),
    ("ณ ห้องประชุม ชั้น 5 อาคารดำรงราชานุสรณ์", "5", "ชั้น"),
    ("บ้านเลขที่ 99 หมู่ที่ 7 ตำบลแม่ศึก", "7", "หมู่ที่"),
    ("บ้านเลขที่ 99 หมู่ที่ 7 ตำบลแม่ศึก", "99", "เลขที่"),
    ("หลักสูตร Change for Good รุ่นที่ 2 เมื่อวันที่ 28 เม.ย. 65", "2", "รุ่นที่"),
    ("โครงการระยะที่ 3 ของแผน", "3", "ระยะที่"),
    ("ตามข้อ 4 ของระเบียบ", "4", "ข้อ"),
    # "ที่" alone is "at"; a count's word after its number is no label of it.
    ("จัดกิจกรรมที่ 5 จังหวัดนำร่อง", "5", None),
    ("ข้อเสนอจำนวน 5 ข้อ", "5", None),
    ("งบประมาณ 9,684,500 บาท", "9,684,500", None),
])
def test_the_label_before_a_number(text: str, number: str, label: str | None) -> None:
    at = text.index(number)
    assert label_before(text, at) == label
    assert labelled_lead(number, text, at) == (number if label is None else f"{label} {number}")


#: The SDG Index release (nd-046 of the development set) and the pomelo release (th18-015).
SDG_RANK = "ในปีนี้ประเทศไทย อยู่ในอันดับที่ 44 จากทั้งหมด 163 ประเทศ เป็นอันดับที่ 3 ของเอเชีย"
POMELO = "จึงเป็นผลไม้สดไทยชนิดที่ 8 ที่สหรัฐฯ นำเข้า จากเดิมที่มีเพียงมะม่วง มังคุด เงาะ ลำไย"


@pytest.mark.parametrize(("text", "number", "lead", "question", "expected"), [
    (SDG_RANK, "44", "44 จาก", "ประเทศไทยได้อันดับ SDG Index ที่เท่าไรของโลก", "อันดับที่ 44"),
    (POMELO, "8", "8", "ส้มโอเป็นผลไม้สดของไทยชนิดที่เท่าไรที่สหรัฐอเมริกานำเข้า", "ชนิดที่ 8"),
    # A classifier's "ที่" may be "which": its number is labelled only when asked which one.
    (POMELO, "8", "8", "สหรัฐฯ นำเข้าผลไม้สดไทยกี่ชนิด", "8"),
    ("งบประมาณ 500 ล้านบาทที่ 5 จังหวัดได้รับ", "5", "5 จังหวัด", "จังหวัดที่เท่าไร", "5 จังหวัด"),
])
def test_a_classifier_numbered_by_its_ordinal_labels_the_lead_when_asked_which_one(
        text: str, number: str, lead: str, question: str, expected: str) -> None:
    assert labelled_lead(lead, text, text.index(number), question) == expected


def test_a_lead_that_opens_with_a_word_is_left_as_it_is() -> None:
    text = "ตามมาตรา 153 ของรัฐธรรมนูญ"
    assert labelled_lead("ร้อยละ 5", text, text.index("153")) == "ร้อยละ 5"


def test_the_reply_leads_with_the_label_the_text_writes_and_english_leads_do_not() -> None:
    text = SENATE["text"]
    at = text.index("153")
    assert compose_reply(text, at, at + 3, kind="number", english=False,
                         budget=300).startswith("มาตรา 153 — ")
    assert compose_reply(text, at, at + 3, kind="number", english=True,
                         budget=300).startswith("153")


@pytest.mark.parametrize(("question", "lead"), [
    ("นายกฯ ขอบคุณ ครม. ที่ชี้แจงในวุฒิสภา ซึ่งเปิดอภิปรายทั่วไปตามมาตราใดของรัฐธรรมนูญ", "มาตรา 153"),
    ("การประชุมวุฒิสภาที่เปิดอภิปรายทั่วไปตามมาตรา 153 เมื่อมีนาคม 2567 เป็นการประชุมครั้งที่เท่าไร",
     "ครั้งที่ 28"),
])
def test_an_answer_that_is_a_labelled_number_leads_with_its_label(
        make_app: Any, tmp_path: Path, question: str, lead: str) -> None:
    ans = ask_over(make_app, tmp_path, [SENATE, *FILLERS], question)
    assert ans.found and ans.point.startswith(lead), ans.point
