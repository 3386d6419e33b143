"""A chat follow-up that names only a place asks the question before in that place."""

from __future__ import annotations

import pytest

from bot.answering.followup import follow_up


@pytest.mark.parametrize(("question", "previous", "asked"), [
    # The question before names no place: the place is added, the matter and day kept
    # (asked alone, "ขอนแก่นกี่ราย" found a drug raid's "1 ราย").
    ("แล้วขอนแก่นล่ะ", "ผู้ลงทะเบียนหนี้นอกระบบ 27 ธ.ค. 66 กี่ราย",
     "ผู้ลงทะเบียนหนี้นอกระบบ 27 ธ.ค. 66 ขอนแก่น กี่ราย"),
    ("แล้วจังหวัดขอนแก่นล่ะ", "ธนาคารขยะตั้งแล้วกี่แห่ง", "ธนาคารขยะตั้งแล้ว จังหวัดขอนแก่น กี่แห่ง"),
    # It names one: the place is swapped.
    ("แล้วขอนแก่นล่ะ", "จังหวัดนครศรีธรรมราชมีผู้ลงทะเบียนกี่ราย", "จังหวัดขอนแก่นมีผู้ลงทะเบียนกี่ราย"),
    # More than a place: another subject asked the same way.
    ("แล้วนายอำเภอปายล่ะ", "ผู้ว่าราชการจังหวัดแม่ฮ่องสอนคือใคร", "นายอำเภอปายคือใคร"),
])
def test_a_place_asked_of_the_matter_before(question: str, previous: str, asked: str) -> None:
    assert follow_up(question, previous, "111,700 ราย") == asked
