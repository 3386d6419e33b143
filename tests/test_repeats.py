"""A message that repeats one question, sentence or word is read once (tester's fault 23.1)."""

from __future__ import annotations

import random

import pytest

from bot.answering import Answerer
from bot.answering.answerer import MAX_QUESTION_CHARS
from bot.app import App
from indexer.repeats import collapse_repeats

QUESTION = "ธนาคารขยะตั้งแล้วกี่แห่ง"


@pytest.mark.parametrize(("text", "read"), [
    (QUESTION * 400, QUESTION),
    (" ".join([QUESTION] * 400), QUESTION),
    ("? ".join([QUESTION] * 50) + "?", QUESTION + "?"),
    (QUESTION + " " + " ".join(["ขยะ"] * 3000), QUESTION + " ขยะ"),
    (QUESTION + " " + " ".join(["เรื่องนี้"] * 300) + " ครับ", QUESTION + " เรื่องนี้ ครับ"),
    ("งบประมาณเท่าไร. งบประมาณเท่าไร. งบประมาณเท่าไร.", "งบประมาณเท่าไร."),
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
    assert len(q) <= MAX_QUESTION_CHARS
    assert collapse_repeats(text).startswith(q)
    rest = text[len(q):]
    assert any(rest.startswith(w) for w in words), rest[:20]
