"""An English question asking for a woman holding a post is not answered with a man's name.

"Who was the deputy government spokeswoman who spoke on 1 May 2024?" was answered with
นายคารม พลพรกลาง, a deputy spokesman of the same office (bot.answering.constraints:
:func:`asks_a_woman`, the ``woman`` demand and the man's-title mask).
"""

from __future__ import annotations

import pytest

from bot.answering.constraints import _MAN_TITLE, asks_a_woman


@pytest.mark.parametrize(
    "question",
    [
        "Who was the deputy government spokeswoman who spoke about aviation on 1 May 2024?",
        "Who is the Interior Ministry spokeswoman who spoke on 15 April 2025?",
        "Which chairwoman opened the fair in Nan in 2023?",
        "who is the chairwoman of the housewives association?",
    ],
)
def test_asks_a_woman(question: str) -> None:
    assert asks_a_woman(question)


@pytest.mark.parametrize(
    "question",
    [
        "Who was the deputy government spokesman who spoke on 1 May 2024?",
        "Who accompanied the Prime Minister on the visit in May 2024?",
        "Who met the spokeswoman of the Interior Ministry in May 2024?",
        "Where did the spokeswoman speak on 1 May 2024?",
        "ใครเป็นรองโฆษกรัฐบาล",
    ],
)
def test_does_not_ask_a_woman(question: str) -> None:
    assert not asks_a_woman(question)


@pytest.mark.parametrize("span", ["นายคารม พลพรกลาง", "นพ.โอภาส การย์กวินพงศ์",
                                  "นายแพทย์ปราโมทย์ เสถียรรัตน์", "นายกฤษฎา บุญราช"])
def test_a_man_by_his_title(span: str) -> None:
    assert _MAN_TITLE.match(span)


@pytest.mark.parametrize("span", ["นางรัดเกล้า อินทวงศ์ สุวรรณคีรี", "น.ส.ไตรศุลี ไตรสรณกุล",
                                  "นายกรัฐมนตรี", "นายอำเภอเมือง", "นายกสมาคมแม่บ้านมหาดไทย",
                                  "พลตำรวจตรีหญิง สุภาพร", "ดร.วันดี กุญชรยาคง"])
def test_not_a_man_by_title(span: str) -> None:
    assert not _MAN_TITLE.match(span)


def test_the_woman_of_a_relative_clause_is_not_asked() -> None:
    assert not asks_a_woman("Who was the man who met the spokeswoman in May 2024?")
