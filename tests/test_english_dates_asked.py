"""An English question asking for dates in the plural is answered with a range of dates.

"On which dates in March 2023 did …" was answered with the single day a release was
written on; the text's range ("ในห้วงวันที่ 24-25 มีนาคม 2566") answers it
(:func:`bot.answering.constraints.asks_dates` and the ``dates`` demand).
"""

from __future__ import annotations

import pytest

from bot.answering.constraints import asks_dates


@pytest.mark.parametrize("question", [
    "On which dates in March 2023 did Thais hold religious ceremonies?",
    "What days was the fair held in Nan in 2024?",
    "Between which dates could people register?",
])
def test_asks_dates(question: str) -> None:
    assert asks_dates(question)


@pytest.mark.parametrize("question", [
    "On which date was the fair opened?",
    "When was the fair held in Nan in 2024?",
    "How many days was the fair held?",
    "งานจัดวันไหนบ้าง",
])
def test_does_not_ask_dates(question: str) -> None:
    assert not asks_dates(question)
