"""Yes-or-no questions that state an amount or a count: confirmed or corrected, value first."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.answering.answerer import Answerer
from bot.answering.confirm import agreement_lead, stated_value
from bot.app import App


@pytest.mark.parametrize(("question", "value", "asked"), [
    ("งบประมาณ 9.6845 ล้านบาท ใช่ไหม", Decimal(9_684_500), "งบประมาณ เท่าไร"),
    ("ธนาคารขยะตั้งแล้ว ๑๔,๖๕๘ แห่ง หรือไม่ครับ", Decimal(14_658), "ธนาคารขยะตั้งแล้ว กี่แห่ง"),
    ("UNDP คัดเลือก 15 จังหวัดใช่ไหม", Decimal(15), "UNDP คัดเลือก กี่จังหวัด"),
])
def test_the_value_a_question_states_and_the_question_for_it(
        question: str, value: Decimal, asked: str) -> None:
    stated = stated_value(question)
    assert stated is not None and stated.value == value and stated.asked == asked


def test_a_statement_without_an_amount_or_count_is_left_alone() -> None:
    assert stated_value("ภูเก็ตเป็นจังหวัดนำร่องไหม") is None


def test_an_approximate_value_neither_confirms_nor_denies() -> None:
    stated = stated_value("ขายคาร์บอนเครดิตได้ 3 ล้านบาทใช่ไหม")
    assert stated is not None
    lead = agreement_lead("กว่า 2.5 ล้านบาท — …จำหน่ายคาร์บอนเครดิตแล้ว", stated, english=False)
    assert lead is not None and lead.startswith("เอกสารระบุ กว่า 2.5 ล้านบาท")


@pytest.mark.parametrize(("question", "lead"), [
    ("งบประมาณ 9.6845 ล้านบาท ใช่ไหม", "ใช่ — 9,684,500 บาท"),
    ("งบประมาณโครงการ 10 ล้านบาทใช่ไหม", "ไม่ใช่ — เอกสารระบุ 9,684,500 บาท"),
    ("ธนาคารขยะตั้งแล้ว 14,658 แห่งใช่ไหม", "ใช่ — 14,658 แห่ง"),
    ("ธนาคารขยะตั้งแล้ว 15,000 แห่ง หรือไม่ครับ", "ไม่ใช่ — เอกสารระบุ 14,658 แห่ง"),
])
def test_a_stated_value_is_confirmed_or_corrected(seed_app: App, question: str,
                                                  lead: str) -> None:
    ans = Answerer(seed_app.db, seed_app.index).ask(question)
    assert ans.found and ans.sources and ans.point.startswith(lead), ans.point
