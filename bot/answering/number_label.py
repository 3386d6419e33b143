"""A number's label: the word before a number that says which one it is ("มาตรา 153").

"ตามมาตรา 153 ของรัฐธรรมนูญ": the value read is "153", but alone it says nothing a reader
can check; the reply leads with "มาตรา 153".  The same holds for every noun a Thai text
numbers by the number after it: a section (มาตรา, ข้อ, วรรค, หมวด), an edition (ฉบับที่),
a meeting or round (ครั้งที่, รอบที่, สมัยที่), a phase (ระยะที่), a batch (รุ่นที่), a floor
(ชั้น), a village (หมู่ที่), a rank (อันดับที่, ลำดับที่) and a number (เลขที่, หมายเลข).

Pure functions over texts.
"""

from __future__ import annotations

import re

from bot.answering.question import COUNT_UNITS, OTHER_CLASSIFIERS
from indexer.tokenize import word_spans

__all__ = ["LABELS", "asks_which_one", "label_before", "labelled_lead"]

#: Nouns numbered by the number after them, as whole words (with "ที่" where the text
#: writes it: "ครั้งที่ 2", "หมู่ที่ 5"; a bare "ที่" is "at", never a label).
LABELS = frozenset({
    "มาตรา", "ข้อ", "ข้อที่", "วรรค", "วรรคที่", "หมวด", "หมวดที่", "ฉบับที่", "ครั้งที่", "รอบที่",
    "สมัยที่", "ระยะที่", "รุ่นที่", "ชั้น", "ชั้นที่", "หมู่", "หมู่ที่", "อันดับที่", "ลำดับที่",
    "เลขที่", "หมายเลข", "ภาคที่", "ตอนที่", "งวดที่", "ช่วงที่", "เฟสที่", "กลุ่มที่", "ชุดที่",
    "ประเภทที่", "ขั้นที่", "ด่านที่", "เขตที่", "โซนที่", "ห้องที่", "แผนงานที่", "กิจกรรมที่",
    "มาตรการที่", "ยุทธศาสตร์ที่", "เป้าหมายที่", "ภารกิจที่",
})
_THAI_WORD = re.compile(r"[\u0e01-\u0e4e]+")
#: Units that measure, not count one by one (and "วัน", which opens a date): "500 ล้านบาท
#: ที่ 5 จังหวัดได้รับ" has no "บาทที่ 5".
_MEASURES = frozenset((
    "บาท", "ล้านบาท", "ล้าน", "ร้อยละ", "เปอร์เซ็นต์", "เท่า", "ดอลลาร์", "ปอนด์", "ยูโร", "กรัม",
    "กิโลกรัม", "ตัน", "ลิตร", "เมตร", "กิโลเมตร", "เซนติเมตร", "มิลลิเมตร", "ไมล์", "ฟุต", "ไร่",
    "ตารางกิโลเมตร", "ตารางเมตร", "ตารางไมล์", "ลูกบาศก์เมตร", "องศา", "นาที", "วินาที",
    "ชั่วโมง", "โมง", "ทุ่ม", "นาฬิกา", "วัน", "คะแนน", "ไร", "อัตรา", "ที่นั่ง"))
#: A classifier with "ที่" numbers one of its kind ("ชนิดที่ 8", "อันดับที่ 44", "แห่งที่ 3"),
#: but "ที่" may also be "which" ("โครงการที่ 3 จังหวัดร่วมทำ"): such a label leads only
#: when the question asks which one (:func:`asks_which_one`).  "วันที่" opens a date.
ORDINALS = frozenset(f"{w}ที่" for w in (*COUNT_UNITS, *OTHER_CLASSIFIERS, "อันดับ", "ลำดับ")
                     if _THAI_WORD.fullmatch(w) and w not in _MEASURES) - LABELS
#: A question that asks which one in an order: "ชนิดที่เท่าไร", "ครั้งที่กี่", "อันดับใด".
_ASKS_WHICH_ONE = re.compile(r"ที่\s*(?:เท่า(?:ไร|ไหร่|ใด)|กี่)|อันดับ|ลำดับ")
#: A word that ends no value: "อยู่ในอันดับที่ 44 จากทั้งหมด 163 ประเทศ" read "44 จาก".
_DANGLING = re.compile(r"\s*(?:จาก|ของ|ใน|และ|หรือ|ซึ่ง|โดย|ที่|เป็น|คือ)$")
#: Characters before a number looked at for its label.
LABEL_REACH = 24
_DIGIT = re.compile(r"[\d๐-๙]")


def asks_which_one(question: str) -> bool:
    """Whether ``question`` asks which one in an order ("ชนิดที่เท่าไร", "อันดับที่")."""
    return _ASKS_WHICH_ONE.search(question) is not None


def label_before(text: str, start: int, question: str = "") -> str | None:
    """The label written right before the number at ``text[start]`` ("มาตรา"), or None.

    A label is one to three whole words (by the segmenter) joined that are one of
    :data:`LABELS`, with only spaces between them and the number: "ตามมาตรา 153" gives
    "มาตรา", "การประชุมครั้งที่ 3" "ครั้งที่", "จัดที่ 5 จังหวัด" none ("ที่" is "at").
    None when ``text[start]`` is no digit.
    """
    if not 0 <= start < len(text) or not _DIGIT.match(text, start):
        return None
    before = text[max(0, start - LABEL_REACH):start]
    stripped = before.rstrip()
    spans = [(a, b) for a, b in word_spans(stripped) if b <= len(stripped)]
    if not spans or spans[-1][1] != len(stripped):
        return None
    for n in (3, 2, 1):
        if len(spans) >= n:
            word = stripped[spans[-n][0]:]
            joined = "".join(word.split())
            if joined in LABELS or (joined in ORDINALS and asks_which_one(question)):
                return joined
    return None


def labelled_lead(lead: str, text: str, start: int, question: str = "") -> str:
    """``lead`` with the label of the number it opens with, when the text writes one.

    ``lead`` is the value as the reply shows it, read at ``text[start]``: "153" read in
    "ตามมาตรา 153 ของรัฐธรรมนูญ" leads as "มาตรา 153"; a lead that opens with no digit,
    or a number with no label before it, is returned as it is.  A labelled number keeps
    no word that ends no value after it ("อันดับที่ 44", not "อันดับที่ 44 จาก").
    """
    if not _DIGIT.match(lead.lstrip()):
        return lead
    label = label_before(text, start, question)
    if label is None:
        return lead
    return f"{label} {_DANGLING.sub('', lead.strip())}"
