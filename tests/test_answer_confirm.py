"""Yes-or-no questions that state an amount or a count: confirmed or corrected, value first."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from releases import ask_over

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


@pytest.mark.parametrize("question", [
    "ภูเก็ตเป็นจังหวัดนำร่องไหม",  # no amount or count
    "ไตรมาส 3 ปี 2567 เศรษฐกิจขยายตัวดีใช่ไหม",  # a quarter and a year state no value
    "นำร่อง 15 จังหวัดและ 40 โครงการ ใช่ไหม",  # two values: no one verdict
    "UNDP ไม่ได้คัดเลือก 15 จังหวัดใช่ไหม",  # denied: no count confirms it
])
def test_a_statement_without_one_amount_or_count_is_left_alone(question: str) -> None:
    assert stated_value(question) is None


@pytest.mark.parametrize(("question", "answered", "verdict"), [
    # The comparison the question states, and the precision it writes the value in.
    ("ธนาคารขยะตั้งแล้วกว่า 14,000 แห่ง ใช่ไหม", "14,658 แห่ง", "ใช่"),
    ("ธนาคารขยะตั้งแล้วไม่ถึง 15,000 แห่งใช่ไหม", "14,658 แห่ง", "ใช่"),
    ("ธนาคารขยะตั้งแล้วอย่างน้อย 15,000 แห่งใช่ไหม", "14,658 แห่ง", "ไม่ใช่"),
    ("ธนาคารขยะตั้งแล้วประมาณ 15,000 แห่ง ใช่ไหม", "14,658 แห่ง", "ใช่"),
    ("งบประมาณ 9.68 ล้านบาท ใช่ไหม", "9,684,500 บาท", "ใช่"),
    ("งบประมาณ 9.7 ล้านบาท ใช่ไหม", "9,684,500 บาท", "ใช่"),
    ("งบประมาณ 9.6 ล้านบาท ใช่ไหม", "9,684,500 บาท", "ไม่ใช่"),
])
def test_the_verdict_follows_the_stated_comparison_and_precision(
        question: str, answered: str, verdict: str) -> None:
    stated = stated_value(question)
    assert stated is not None and "กว่า" not in stated.asked and "ถึง" not in stated.asked
    lead = agreement_lead(f"{answered} — …", stated)
    assert lead is not None and lead.split(" — ")[0] == verdict, lead


def test_a_figure_the_document_writes_is_not_denied() -> None:
    # "7,849 แห่ง" asked, the answer to "กี่แห่ง" is another count, and the document
    # writes "๗,๘๔๙ อปท.": no "ไม่ใช่" (the figure may answer a narrower question).
    stated = stated_value("อปท. มี 7,849 แห่งใช่ไหม")
    assert stated is not None
    text = "จัดตั้งธนาคารขยะ ในจำนวน ๗,๘๔๙ อปท. ปัจจุบัน 14,658 แห่ง"
    assert agreement_lead("14,658 แห่ง — …", stated, source_text=text) is None
    assert agreement_lead("14,658 แห่ง — …", stated).startswith("ไม่ใช่")


def test_an_approximate_value_neither_confirms_nor_denies() -> None:
    stated = stated_value("ขายคาร์บอนเครดิตได้ 3 ล้านบาทใช่ไหม")
    assert stated is not None
    lead = agreement_lead("กว่า 2.5 ล้านบาท — …จำหน่ายคาร์บอนเครดิตแล้ว", stated)
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


# -- English: the same mechanism, English words -----------------------------------------

@pytest.mark.parametrize(("question", "value", "relation", "asked"), [
    ("Was the budget 9.68 million baht?", Decimal(9_680_000), "=", "How much was the budget?"),
    ("Is it true that the project's budget is 9,684,500 baht?", Decimal(9_684_500), "=",
     "How much the project's budget is?"),
    ("Did UNDP select 15 provinces?", Decimal(15), "=", "How many provinces did UNDP select?"),
    ("Were more than 10 provinces selected?", Decimal(10), ">",
     "How many provinces were selected?"),
    ("Did sales exceed 2 million baht?", Decimal(2_000_000), ">", "How much did sales?"),
    ("Is the disbursement 0 baht?", Decimal(0), "=", "How much is the disbursement?"),
    ("Did 164,130 people visit the fair?", Decimal(164_130), "=",
     "How many people did visit the fair?"),
    ("Did the bridge cost about 21 million baht?", Decimal(21_000_000), "~",
     "How much did the bridge cost?"),
    ("Were fewer than 1,000 households members?", Decimal(1000), "<",
     "How many households were members?"),
])
def test_the_value_an_english_question_states(question: str, value: Decimal, relation: str,
                                               asked: str) -> None:
    stated = stated_value(question)
    assert stated is not None and stated.language == "en"
    assert (stated.value, stated.relation, stated.asked) == (value, relation, asked)


@pytest.mark.parametrize("question", [
    "Is the project in Khon Kaen?",  # no figure
    "Did UNDP select 15 provinces and 40 projects?",  # two values: no one verdict
    "Was the 8th meeting held on 24 November 2020?",  # an ordinal and a date
    "Did the economy grow in Q3 of 2024?",  # a quarter and a year
    "Was the interest rate 1.652%?",  # a percentage is no amount or count
    "Did UNDP not select 15 provinces?",  # denied: no count confirms it
    "Didn't UNDP select 15 provinces?",
    "Is it not true that the budget is 10 million baht?",
])
def test_an_english_statement_without_one_amount_or_count_is_left_alone(question: str) -> None:
    assert stated_value(question) is None


@pytest.mark.parametrize(("question", "answered", "verdict"), [
    ("Were more than 14,000 waste banks set up?", "14,658 waste banks", "Yes"),
    ("Were fewer than 15,000 waste banks set up?", "14,658 sites", "Yes"),
    ("Were at least 15,000 waste banks set up?", "14,658 แห่ง", "No"),
    ("Were around 15,000 waste banks set up?", "14,658 waste banks", "Yes"),
    ("Was the budget 9.68 million baht?", "9,684,500 baht", "Yes"),
    ("Was the budget 9.6 million baht?", "9.6845 million baht", "No"),
    ("Did UNDP select 15 provinces?", "15 districts", None),  # another unit: no value
])
def test_an_english_verdict_follows_the_comparison_precision_and_unit(
        question: str, answered: str, verdict: str | None) -> None:
    stated = stated_value(question)
    assert stated is not None
    lead = agreement_lead(f"{answered} — …", stated)
    assert (lead.split(" — ")[0] if lead else None) == verdict, lead


@pytest.mark.parametrize(("question", "lead"), [
    ("Was the budget 9.68 million baht?", "Yes — 9,684,500 baht"),
    ("Is it true that the project's budget is 9,684,500 baht?", "Yes — 9,684,500 baht"),
    ("Was the budget 10 million baht?", "No — the document says 9,684,500 baht"),
    ("Did UNDP select 15 provinces?", "Yes — 15 provinces — …โดยในเบื้องต้น"),
    ("Did UNDP select 20 provinces?", "No — the document says 15 provinces — "),
    ("Were more than 10 provinces selected?", "Yes — 15 provinces"),
    ("Were fewer than 10 provinces selected?", "No — the document says 15 provinces"),
    ("Is the disbursement 0 baht?", "Yes — 0 baht"),
    ("Have 15,000 waste banks been set up?", "No — the document says 14,658 waste banks"),
    # The documents' value is approximate ("กว่า 2.5 ล้านบาท"): what they say, no verdict.
    ("Did carbon credit sales reach 3 million baht?",
     "The document says more than 2.5 million baht — "),
    ("Did sales exceed 2 million baht?", "The document says more than 2.5 million baht — "),
])
def test_an_english_stated_value_is_confirmed_or_corrected(seed_app: App, question: str,
                                                           lead: str) -> None:
    ans = Answerer(seed_app.db, seed_app.index).ask(question)
    assert ans.found and ans.sources and ans.point.startswith(lead), ans.point


@pytest.mark.parametrize("question", [
    # The document writes "๗,๘๔๙ อปท." beside the 14,658 waste banks "How many" finds.
    "Were 7,849 local administrative organisations involved?",
    "Did UNDP select Chiang Rai?",  # no figure: the evidence reply, or nothing
    "Is the project in Khon Kaen?",
    "Did UNDP select 15 provinces and 40 projects?",
    "Did GIZ donate 5 million baht?",
])
def test_an_english_question_without_grounds_gets_no_yes_or_no(seed_app: App,
                                                                question: str) -> None:
    ans = Answerer(seed_app.db, seed_app.index).ask(question)
    assert not ans.point.startswith(("Yes", "No —")), ans.point


def _scholarship(n: int, date: str, amount: str, when: str) -> dict[str, str]:
    return {"title": f"มท. มอบเงินสมทบโครงการทุนเล่าเรียนหลวงสำหรับพระสงฆ์ไทย {n}",
            "kind": "news", "date": date, "source": f"https://example.go.th/news/{n}",
            "text": (f"วันนี้ ({when}) ปลัดกระทรวงมหาดไทย มอบเงินสมทบโครงการทุนเล่าเรียนหลวง"
                     f"สำหรับพระสงฆ์ไทย จากกระทรวงมหาดไทย จำนวน {amount} ณ ทำเนียบองคมนตรี "
                     "โครงการทุนเล่าเรียนหลวงสำหรับพระสงฆ์ไทยจัดตั้งขึ้นตามพระราชดำริ "
                     "เพื่อส่งเสริมการศึกษาของพระภิกษุสามเณร")}


# Two years' contributions: the one "How much" finds may be the other year's.
SCHOLARSHIPS = [_scholarship(1, "2021-09-20", "1,000,000 บาท", "20 ก.ย. 64"),
                _scholarship(2, "2023-09-18", "85.6 ล้านบาท", "18 ก.ย. 66")]


@pytest.mark.parametrize(("question", "denied"), [
    ("Did the Ministry of Interior contribute 85.6 million baht to the royal scholarship "
     "for Thai monks?", False),
    ("กระทรวงมหาดไทยมอบเงินสมทบโครงการทุนเล่าเรียนหลวงสำหรับพระสงฆ์ไทย 85.6 ล้านบาทใช่ไหม",
     False),
    ("Did the Ministry of Interior contribute 1 million baht to the royal scholarship "
     "for Thai monks?", False),
    ("Did the Ministry of Interior contribute 300 million baht to the royal scholarship "
     "for Thai monks?", True),
])
def test_no_document_read_for_the_question_may_state_a_denied_figure(
        make_app: Any, tmp_path: Path, question: str, denied: bool) -> None:
    ans = ask_over(make_app, tmp_path, SCHOLARSHIPS, question)
    assert ans.point.startswith(("No —", "ไม่ใช่")) == denied, ans.point


def test_a_figure_another_document_read_writes_is_not_denied() -> None:
    stated = stated_value("Was the contribution 85.6 million baht?")
    assert stated is not None
    other = ["มอบเงินสมทบ จำนวน 85.6 ล้านบาท"]
    assert agreement_lead("1,000,000 baht — …", stated, others=lambda: other) is None
    assert agreement_lead("1,000,000 baht — …", stated,
                          others=list).startswith("No — the document says 1,000,000 baht")


_DURIAN = [{"title": "ส่งออกทุเรียนไปจีน 4 เดือนแรก", "date": "2023-05-10", "kind": "news",
            "text": ("ในช่วง 4 เดือนแรกของปีนี้ ไทยส่งออกทุเรียนไปจีนแล้ว 412,000 ตัน "
                     "มูลค่ากว่า 4 หมื่นล้านบาท")}]


def test_a_time_span_beside_the_stated_value_names_the_period(make_app: Any,
                                                               tmp_path: Path) -> None:
    """"4 เดือน 1 ล้านตัน": the months say which period, the tonnage is what is stated
    (two values gave no verdict, and the reply quoted the headline as evidence)."""
    ans = ask_over(make_app, tmp_path, _DURIAN, "ส่งออกทุเรียนไปจีน 4 เดือน 1 ล้านตันใช่ไหม")
    assert ans.found and ans.point.startswith("ไม่ใช่ — เอกสารระบุ 412,000 ตัน"), ans.point

