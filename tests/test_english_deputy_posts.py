"""English posts rendered as Thai writes them: "deputy" + post, and a body before its post.

"The deputy Interior permanent secretary" is a รองปลัดกระทรวงมหาดไทย (it was rendered
ผู้ช่วย + ปลัดกระทรวงมหาดไทย and answered with the permanent secretary), "the Interior
Ministry spokesperson" a โฆษกกระทรวงมหาดไทย (:func:`bot.answering.english._deputy_posts`,
:func:`bot.answering.english._bodies_after_posts`).
"""

from __future__ import annotations

import pytest

from bot.answering.english import render_thai, thai_terms


def _firsts(question: str) -> list[str]:
    return [t[0] for t in thai_terms(question)[0]]


@pytest.mark.parametrize(
    ("question", "post"),
    [
        ("Who is the deputy Interior permanent secretary who chaired the meeting in 2021?",
         "รองปลัดกระทรวงมหาดไทย"),
        ("Who is the vice Interior permanent secretary?", "รองปลัดกระทรวงมหาดไทย"),
        ("Who was the deputy Interior minister who visited Nan in 2024?",
         "รัฐมนตรีช่วยว่าการกระทรวงมหาดไทย"),
    ],
)
def test_deputy_makes_the_post_a_deputy_s(question: str, post: str) -> None:
    terms = _firsts(question)
    assert post in terms
    assert "ผู้ช่วย" not in terms
    assert "ปลัดกระทรวงมหาดไทย" not in terms


def test_deputy_alone_is_left_as_it_was() -> None:
    # No post after it: nothing to make a deputy's.
    assert "รองผู้ว่าราชการจังหวัด" not in _firsts("Who were the deputies at the fair in Nan?")


@pytest.mark.parametrize(
    ("question", "post"),
    [
        ("Who is the Interior Ministry spokesperson who spoke on 15 April 2025?",
         "โฆษกกระทรวงมหาดไทย"),
        ("Who is the Justice Ministry spokesman?", "โฆษกกระทรวงยุติธรรม"),
        ("Who is the Justice Ministry permanent secretary?", "ปลัดกระทรวงยุติธรรม"),
    ],
)
def test_a_body_before_its_post_is_written_after_it(question: str, post: str) -> None:
    terms = thai_terms(question)[0]
    assert any(t[0] == post for t in terms)
    assert post in render_thai(question)


def test_a_post_of_another_clause_is_not_joined() -> None:
    terms = _firsts("Which Interior Ministry project did the spokesman describe in 2024?")
    assert "โฆษกกระทรวงมหาดไทย" not in terms
