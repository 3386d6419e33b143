"""English posts that Thai names by the body they head, and round 18's glossary entries.

A "governor" of a state enterprise or the central bank is a ผู้ว่าการ, not a province's
ผู้ว่าราชการจังหวัด; the "president" of an association is its นายกสมาคม
(:func:`bot.answering.english._posts_of_bodies`).  The glossary entries are government
releases' vocabulary: national bodies, days, reigns and schemes.
"""

from __future__ import annotations

import pytest

from bot.answering.english import thai_terms


def _firsts(question: str) -> list[str]:
    return [t[0] for t in thai_terms(question)[0]]


@pytest.mark.parametrize(
    ("question", "post", "body"),
    [
        ("Who is the governor of the Sports Authority of Thailand who met the prime minister?",
         "ผู้ว่าการ", "การกีฬาแห่งประเทศไทย"),
        ("Who was the Bank of Thailand governor who spoke at the seminar in 2023?",
         "ผู้ว่าการ", "ธนาคารแห่งประเทศไทย"),
        ("Who is the deputy governor of the Tourism Authority of Thailand?",
         "รองผู้ว่าการ", "การท่องเที่ยวแห่งประเทศไทย"),
        ("Who is the president of the Interior Housewives Association?",
         "นายกสมาคม", "สมาคมแม่บ้านมหาดไทย"),
    ],
)
def test_the_head_of_a_body_is_named_as_thai_names_it(question: str, post: str,
                                                       body: str) -> None:
    terms = _firsts(question)
    assert post in terms
    assert body in terms
    assert "ผู้ว่าราชการจังหวัด" not in terms


@pytest.mark.parametrize(
    "question",
    [
        "Who is the governor of Phatthalung who opened the fair in May 2024?",
        "Who was the Nakhon Phanom governor in January 2024?",
        "Which governor met the Tourism Authority of Thailand in May 2024?",
    ],
)
def test_a_province_s_governor_stays_one(question: str) -> None:
    terms = thai_terms(question)[0]
    assert any(t[0].startswith("ผู้ว่าราชการจังหวัด") for t in terms)
    assert all(t[0] != "ผู้ว่าการ" for t in terms)


def test_the_president_of_a_meeting_stays_its_chair() -> None:
    terms = _firsts("Who was the president of the meeting on the Association of Southeast "
                    "Asian Nations in 2023?")
    assert "นายกสมาคม" not in terms


@pytest.mark.parametrize(
    ("question", "thai"),
    [
        ("Who led the National Human Rights Commission at the meeting?",
         "คณะกรรมการสิทธิมนุษยชนแห่งชาติ"),
        ("At which temple was the merit-making for King Rama IX's birthday held?",
         "รัชกาลที่ 9"),
        ("Where was the ceremony for National Day and Father's Day held?", "วันพ่อแห่งชาติ"),
        ("Where was the ceremony for National Day and Father's Day held?", "วันชาติ"),
        ("When was the Mother's Day fair held in Nan?", "วันแม่แห่งชาติ"),
        ("How much was spent in the Khon La Khrueng phase 3 scheme?", "คนละครึ่ง"),
        ("What was the cumulative spending of the Ying Chai Ying Dai scheme?", "ยิ่งใช้ยิ่งได้"),
        ("What was the cumulative spending of the Ying Chai Ying Dai scheme?", "สะสม"),
        ("Which temple does Luang Pho Chamnan lead?", "หลวงพ่อ"),
        ("Who came with the Muay Thai association?", "มวยไทย"),
    ],
)
def test_round_18_glossary(question: str, thai: str) -> None:
    assert thai in _firsts(question)
