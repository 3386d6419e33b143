"""A message that repeats one question, sentence or word is read once (tester's fault 23.1)."""

from __future__ import annotations

import random

import pytest

from bot.answering import Answerer
from bot.answering.answerer import MAX_QUESTION_CHARS
from bot.app import App
from indexer.repeats import collapse_repeats
from indexer.tokenize import word_spans

QUESTION = "ธนาคารขยะตั้งแล้วกี่แห่ง"


@pytest.mark.parametrize(("text", "read"), [
    (QUESTION * 400, QUESTION),
    (" ".join([QUESTION] * 400), QUESTION),
    ("? ".join([QUESTION] * 50) + "?", QUESTION + "?"),
    (QUESTION + " " + " ".join(["ขยะ"] * 3000), QUESTION + " ขยะ"),
    (QUESTION + " " + " ".join(["เรื่องนี้"] * 300) + " ครับ", QUESTION + " เรื่องนี้ ครับ"),
    ("งบประมาณเท่าไร. งบประมาณเท่าไร. งบประมาณเท่าไร.", "งบประมาณเท่าไร."),
    # Twice, standing alone: a question pasted again.
    (QUESTION + " " + QUESTION, QUESTION),
    (QUESTION + QUESTION, QUESTION),
    ("ขยะ ขยะ ขยะ", "ขยะ"),
])
def test_repeats_are_read_once(text: str, read: str) -> None:
    assert collapse_repeats(text) == read


@pytest.mark.parametrize("text", [
    QUESTION,
    "งบประมาณ 1,000,000 บาท",  # digits repeat inside a number: one word
    "หมู่ 10 10 ครัวเรือน",  # numbers alone are values, kept as written
    "Mississippi",
    "",
    "ก ข ก ค",
    # Two copies are often Thai as written: a trillion, a classifier, a clause.
    "งบประมาณรายจ่ายปี 69 ทั้งหมดกี่ล้านล้านบาท",
    "ใบออกรอบข้อ ข้อละสี่ใบ",
    "ใครใครก็ไม่รัก",
    "ว่าเป็นสิ่งที่มีอยู่หรือไม่มีอยู่หรือไม่สามารถหยั่งรู้ได้",
    "ฟื้นฟูพรรคคอมมิวนิสต์ พรรคคอมมิวนิสต์ขยายตัว",
])
def test_text_without_repeated_words_is_unchanged(text: str) -> None:
    assert collapse_repeats(text) == text


@pytest.mark.parametrize("message", [
    QUESTION * 400,
    "? ".join([QUESTION] * 400),
    " ".join([QUESTION] * 3),
    QUESTION + " " + " ".join(["ขยะ"] * 3000),
    QUESTION + " " + " ".join(["เรื่องนี้"] * 300),
])
def test_a_repeated_question_is_answered_as_once(seed_app: App, message: str) -> None:
    answerer = Answerer(seed_app.db, seed_app.index)
    assert answerer.ask(message).render().startswith("14,658 แห่ง")


def test_a_long_question_is_cut_between_words(seed_app: App) -> None:
    # No repeats, longer than the limit: the cut falls between two words.
    words = ["งบประมาณ", "โครงการ", "ธนาคารขยะ", "จังหวัด", "เชียงใหม่", "ตำบล", "หมู่บ้าน"]
    rng = random.Random(23)
    text = "".join(rng.choice(words) for _ in range(300))
    assert len(collapse_repeats(text)) > MAX_QUESTION_CHARS
    q, _ = Answerer.prepare(text)
    read = collapse_repeats(text)
    assert len(q) <= MAX_QUESTION_CHARS and read.startswith(q)
    assert len(q) in {end for _, end in word_spans(read)}, read[len(q) - 10:len(q) + 10]
