"""English questions that write a Thai term.

Kinds: a question asked in English words around a Thai term ("ธนาคารขยะ how many?",
"Who is the governor of จังหวัดลำปาง?") was read as Thai, its English words searched
and counted as words no release holds, and refused where the Thai question is
answered.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from releases import app_over, news

from bot.answering.answerer import Answerer
from bot.answering.english import render_thai
from bot.answering.question import analyse_question, asked_in_english, asks_something
from bot.conversation.lang import message_language


@pytest.mark.parametrize(
    "question",
    ["ธนาคารขยะ how many?", "How many ธนาคารขยะ are there?",
     "Who is the governor of จังหวัดลำปาง?", "Did กระทรวงมหาดไทย sign an MOU with UNDP?",
     "When was ธนาคารขยะ set up?"],
)
def test_an_english_frame_around_thai_words_is_english(question: str) -> None:
    assert asked_in_english(question)
    assert analyse_question(question).language == "en"
    assert asks_something(question)


@pytest.mark.parametrize(
    "question",
    ["MOI Waste Bank มีกี่แห่ง", "ธนาคารขยะมีกี่แห่ง how many", "โครงการ SDG Localization คืออะไร",
     "UNDP ร่วมมือกับกระทรวงมหาดไทยเมื่อไร", "ธนาคารขยะ", "Waste Bank ของจังหวัดลำปาง"],
)
def test_a_thai_question_with_english_names_stays_thai(question: str) -> None:
    assert analyse_question(question).language == "th"


def test_the_thai_words_of_an_english_question_are_its_terms() -> None:
    thai = render_thai("Who is the governor of จังหวัดลำปาง?")
    assert "จังหวัดลำปาง" in thai.split()  # NFKC's split sara am written back
    assert render_thai("ธนาคารขยะ how many?").split() == ["ธนาคารขยะ", "กี่แห่ง"]
    # the Thai noun counted gives the classifier, as its English would ("waste bank")
    assert render_thai("How many ธนาคารขยะ are there?").endswith("กี่แห่ง")
    assert render_thai("How many หมู่บ้าน joined?").endswith("กี่หมู่บ้าน")


FILLER = [
    news(100 + i, f"{topic} ประจำปี",
         f"จังหวัดจัดกิจกรรม{topic} มีผู้เข้าร่วม {i + 10} คน ณ ศาลากลางจังหวัด", f"2024-{i + 1:02d}-15")
    for i, topic in enumerate(("การท่องเที่ยวชุมชน", "การแข่งขันกีฬาเยาวชน", "การประกวดผ้าไทย",
                               "ตลาดนัดชุมชน", "การบริจาคโลหิต", "การปลูกป่าชายเลน",
                               "การอบรมอาชีพ", "การประกวดหมู่บ้าน"))
]
BANKS = news(
    1, "มหาดไทยขับเคลื่อนธนาคารขยะครบทุกองค์กรปกครองส่วนท้องถิ่น",
    "ปลัดกระทรวงมหาดไทยกล่าวว่า เราสามารถจัดตั้งธนาคารขยะ 14,658 แห่ง ครบทุกองค์กรปกครอง"
    "ส่วนท้องถิ่น ทำให้ทุกหมู่บ้านมีตัวอย่างที่ดี", "2023-06-05")


@pytest.mark.parametrize("question", ["ธนาคารขยะ how many?", "How many ธนาคารขยะ are there?"])
def test_an_english_question_naming_a_thai_term_is_answered(make_app: Any, tmp_path: Path,
                                                            question: str) -> None:
    app = app_over(make_app, tmp_path, [BANKS, *FILLER])
    thai = Answerer(app.db, app.index).ask("ธนาคารขยะมีกี่แห่ง")
    assert thai.found and thai.point.startswith("14,658"), (thai.point, thai.debug)
    ans = Answerer(app.db, app.index).ask(question)
    assert ans.found and ans.point.startswith("14,658"), (ans.point, ans.debug)


@pytest.mark.parametrize(
    ("text", "english"),
    [("ธนาคารขยะ how many?", True), ("/ask How many ธนาคารขยะ are there?", True),
     ("MOI Waste Bank มีกี่แห่ง", False), ("ธนาคารขยะ", False), ("/update 12 เบิกจ่าย OK", False)],
)
def test_the_chat_replies_in_the_language_the_question_is_asked_in(text: str,
                                                                     english: bool) -> None:
    # The answer to "ธนาคารขยะ how many?" is English; its reply's own words were Thai.
    assert message_language(text) is english
