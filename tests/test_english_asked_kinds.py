"""English questions asking a year or a place of a two-word kind, asked as Thai asks them.

"By which year …" was rendered เมื่อไร (a day) and the answerer did not read it as asking
a year; "In which national park …" was สวนใด (a garden) and led with the park's province.
"""

from __future__ import annotations

import pytest

from bot.answering.constraints import _ASKED_HEAD
from bot.answering.english import render_thai, thai_terms


@pytest.mark.parametrize("question", [
    "By which year does Thailand aim to reach carbon neutrality?",
    "In what year was the school founded?",
    "Which year did the project start?",
])
def test_which_year_is_asked_as_a_year(question: str) -> None:
    _, qtype, qword = thai_terms(question)
    assert (qtype, qword) == ("date", "ปีใด")


def test_when_stays_when() -> None:
    assert thai_terms("When was the school founded?")[1:] == ("date", "เมื่อไร")


@pytest.mark.parametrize(("question", "kind"), [
    ("In which national park did the minister visit the project in 2021?", "อุทยานแห่งชาติใด"),
    ("At which police station did the suspects surrender?", "สถานีตำรวจใด"),
    ("In which meeting room was the committee held?", "ห้องประชุมใด"),
    ("In which park was the fair held?", "สวนใด"),
])
def test_a_place_of_a_two_word_kind(question: str, kind: str) -> None:
    assert thai_terms(question)[2].startswith(kind)
    assert kind in render_thai(question)


def test_a_national_park_is_a_head_the_answer_is_named_with() -> None:
    m = _ASKED_HEAD.search("โครงการทะเลไทยไร้ขยะ ที่อุทยานแห่งชาติใด")
    assert m is not None and m.group(1) == "อุทยานแห่งชาติ"


@pytest.mark.parametrize("question", [
    "What percentage had immunity, according to Dr. Yong Poovorawan in April 2021?",
    "What did Mr. Anutin say about the debt in 2024?",
    "What did Mrs. Traisulee say on 15 April 2025?",
    "Who did Ms. Paetongtarn meet in 2024?",
])
def test_honorifics_are_no_terms(question: str) -> None:
    # A Thai text writes its own title (นพ., ดร., นาย) or none: "Dr", "Mr" only lowered
    # the share of the question a passage could cover.
    terms = {a for t in thai_terms(question)[0] for a in t}
    assert not terms & {"Dr", "Mr", "Mrs", "Ms", "Dr.", "Mr."}
