"""An English question asking for dates in the plural is answered with a range of dates.

"On which dates in March 2023 did …" was answered with the single day a release was
written on; the text's range ("ในห้วงวันที่ 24-25 มีนาคม 2566") answers it
(:func:`bot.answering.constraints.asks_dates` and the ``dates`` demand).
"""

from __future__ import annotations

import pytest

from bot.answering.constraints import asks_dates, reported_in_month


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


@pytest.mark.parametrize("question", [
    "By what percentage did Grab report that use had risen, according to the government "
    "spokesman in February 2023?",
    "How many tourists came, as the minister said on 5 May 2024?",
])
def test_the_month_a_source_spoke_in(question: str) -> None:
    # The year dates when it was said, not the period of the figure asked (the rise was
    # of the third quarter of 2022, said in February 2023: "other period" refused it).
    assert reported_in_month(question)


@pytest.mark.parametrize("question", [
    "How many tourists came in 2022, according to the minister in February 2023?",
    "How many tourists came in February 2023?",
    "What was the budget for fiscal 2024, as reported in October 2023?",
    "How many tourists came in 2023?",
])
def test_a_year_of_the_figure_is_kept(question: str) -> None:
    assert not reported_in_month(question)
