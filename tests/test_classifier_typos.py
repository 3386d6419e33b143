"""A classifier mistyped after "กี่" is read as the classifier; ordinary words are not.

Testers typed "กี่แหง" for "กี่แห่ง" and "กี่คร้ง" for "กี่ครั้ง": the count's unit was then
unknown and any number could answer.
"""

from __future__ import annotations

import pytest

from bot.answering.answerer import Answerer
from bot.answering.question import corrected_classifiers


@pytest.mark.parametrize(("question", "read"), [
    ("ธนาคารขยะมีกี่แหง", "ธนาคารขยะมีกี่แห่ง"),
    ("จัดกี่คร้งแล้ว", "จัดกี่ครั้งแล้ว"),
    ("มีกี่จังหวด", "มีกี่จังหวัด"),
    ("กี่หมู่บาน", "กี่หมู่บ้าน"),
    ("กี่ครัวเรื่อน", "กี่ครัวเรือน"),
    ("มีกี่ปะเทศ", "มีกี่ประเทศ"),
    ("ยาวกี่กิโลเมต", "ยาวกี่กิโลเมตร"),
    # Classifiers written right, and ordinary words, stay.
    ("อาคารมีกี่ชั้น", "อาคารมีกี่ชั้น"),  # not ชิ้น
    ("มาแล้วกี่หน", "มาแล้วกี่หน"),  # not คน
    ("กี่โมง", "กี่โมง"),
    ("กี่ล้านบาท", "กี่ล้านบาท"),
    ("ใช้งบกี่บาด", "ใช้งบกี่บาด"),  # a word of its own ("wound"), not only a mark away
    ("เกี่ยวกับอะไร", "เกี่ยวกับอะไร"),
    ("มีกี่แห่ง", "มีกี่แห่ง"),
])
def test_classifier_typos(question: str, read: str) -> None:
    assert corrected_classifiers(question) == read


def test_the_question_is_counted_in_the_classifier() -> None:
    q, info = Answerer.prepare("ธนาคารขยะตั้งแล้วกี่แหง")
    assert q.endswith("กี่แห่ง")
    assert info.qtype == "count" and info.unit == "แห่ง"
    assert Answerer.prepare("จัดกี่คร้ง")[1].unit == "ครั้ง"
