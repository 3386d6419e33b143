"""An answer cites the passage, and the page, its value was read on; "now" says as of when.

A passage is read with the ends of its neighbours, and the value that leads a reply is
often in one of them: the source line named the passage whose words matched (and its
page), not the one that holds the value.  A report form's item that runs over a page
break was cited on the page it starts on, and a form field on no page at all.  A question
about the present ("ตอนนี้", "ตั้งแล้วกี่แห่ง", "so far") was answered with a figure of some
day without saying which.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from bot.answering.answerer import Answer, Answerer, asks_present, dated, stated_as_of
from bot.answering.reading import Passage as ReadPassage
from indexer.service import SearchHit
from knowledge.ingest import read_paths, store_documents
from knowledge.models import Passage
from knowledge.parsers import Section
from knowledge.readers import assign_pages
from knowledge.readers.pdf import read_pdf_pages
from knowledge.thai import (
    fiscal_quarter_of,
    format_english_date,
    format_thai_date,
    to_arabic_digits,
)

FILES = Path(__file__).parent / "data" / "files"
PDF = FILES / "report_pages.pdf"


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", to_arabic_digits(text))


def _printed_on(value: str) -> int:
    """The page of the PDF fixture that prints ``value`` (there is exactly one)."""
    pages = read_pdf_pages(PDF.read_bytes(), PDF.name).pages
    found = [n for n, page in enumerate(pages, 1)
             if _squeeze(value) in _squeeze(" ".join(page.paragraphs))]
    assert len(found) == 1, (value, found)
    return found[0]


@pytest.fixture
def pdf_app(make_app: Any, db_url: str) -> Any:
    """The bundled knowledge with the report form as a PDF of five pages (its new version)."""
    app = make_app(db_url)
    with app.db.write() as s:
        store_documents(s, read_paths([PDF]))
    app.index.sync()
    return app


# (question, the value that leads, a piece of it as the PDF prints it)
LATER_PASSAGE = [
    # The question's words open item 2.1 on page 2; "5 กิจกรรม" is printed on page 3.
    ("งาน Sustainability Expo 2024 นำเสนอผ่านแนวคิดกี่กิจกรรม", "5 กิจกรรม", "แนวคิด ๕ กิจกรรม"),
    # Item 2.2 names the meeting on page 3; its venue follows the table on page 4.
    ("การประชุม MOI-UN Partnership จัดที่ไหน", "ห้องประชุม ESCAP Hall", "ESCAP Hall"),
]


@pytest.mark.parametrize(("question", "value", "printed"), LATER_PASSAGE)
def test_the_value_is_cited_on_its_passage_and_page(pdf_app: Any, question: str, value: str,
                                                    printed: str) -> None:
    ans = Answerer(pdf_app.db, pdf_app.index).ask(question)
    assert ans.found and ans.point.startswith(value), ans.point
    [src] = ans.sources
    page = _printed_on(printed)
    with pdf_app.db.read() as s:
        passage = s.get(Passage, src.passage_id)
        assert passage is not None and passage.document_id == src.doc_id
        assert _squeeze(printed) in _squeeze(passage.text), (passage.ordinal, passage.text)
        assert passage.page == page
    assert src.page == page
    assert ans.render().splitlines()[-1].endswith(f"» หน้า {page} (31 มีนาคม 2566)"), ans.render()


# (question, a piece of the field's value as the PDF prints it)
FIELDS = [
    ("งบประมาณโครงการขับเคลื่อนเป้าหมายการพัฒนาที่ยั่งยืนเท่าไร", "9.6845ล้านบาท"),
    ("ผลการดำเนินงานโครงการการขับเคลื่อนเป้าหมายการพัฒนาที่ยั่งยืนระดับเท่าไร", "2.0000 ระดับ 5"),
]


@pytest.mark.parametrize(("question", "printed"), FIELDS)
def test_a_form_field_is_cited_on_the_page_it_is_printed_on(pdf_app: Any, question: str,
                                                            printed: str) -> None:
    ans = Answerer(pdf_app.db, pdf_app.index).ask(question)
    assert ans.found and ans.debug.get("via") == "field", ans.debug
    [src] = ans.sources
    page = _printed_on(printed)
    assert src.page == page
    assert ans.render().splitlines()[-1].endswith(f"ไตรมาส 2/2566 หน้า {page}"), ans.render()


def test_an_item_over_a_page_break_is_cut_there() -> None:
    item = ("2.1 การประชาสัมพันธ์ภารกิจในงาน Sustainability Expo 2024 ณ ศูนย์การประชุม การนำ"
            "เสนอภารกิจงานของกระทรวงมหาดไทย ผ่านแนวคิด 5 กิจกรรม")
    pages = [(1, "1. หน่วยงาน ตท.สป.\n2.1 การประชาสัมพันธ์ภารกิจในงาน Sustainability Expo 2024\n"
                 "ณ ศูนย์การประชุม การนำ"),
             (2, "เสนอภารกิจงานของกระทรวงมหาดไทย ผ่านแนวคิด 5 กิจกรรม\n8. ปัญหาและอุปสรรค")]
    got = assign_pages([Section("field:agency", "หน่วยงาน: ตท.สป."), Section("results", item)],
                       pages)
    assert [(s.name, s.page) for s in got] == [("field:agency", 1), ("results", 1),
                                               ("results", 2)]
    assert got[1].text.endswith("การนำ") and got[2].text.startswith("เสนอภารกิจ")
    assert " ".join(s.text for s in got[1:]).replace(" ", "") == item.replace(" ", "")


def _hit(ordinal: int) -> SearchHit:
    return SearchHit(passage_id=10 + ordinal, doc_id=1, score=1.0, title="t", text="own",
                     kind="news", section="paragraph", date=None, ordinal=ordinal)


def test_the_part_of_a_read_passage_at_an_offset() -> None:
    read = ReadPassage(hit=_hit(3), text="tail own head", own=(5, 8), occ={}, mass=0.0,
                       cluster=0, primary=False, features=[], open_start=True, open_end=True)
    assert [read.part_at(i) for i in (0, 4, 5, 7, 8, 9, 12)] == [-1, -1, 0, 0, 1, 1, 1]
    alone = ReadPassage(hit=_hit(0), text="own", own=(0, 3), occ={}, mass=0.0, cluster=0,
                        primary=False, features=[])
    assert [alone.part_at(i) for i in (0, 2, 3)] == [0, 0, 0]


# -- as of when --------------------------------------------------------------------------


def _day(ans: Answer) -> dt.date:
    date = ans.sources[0].date
    assert date is not None
    return dt.date.fromisoformat(date[:10])


def _note(ans: Answer, english: bool) -> str:
    """The note a present-asking answer's source gives: a form's quarter, else its day."""
    day = _day(ans)
    if ans.sources[0].kind == "report":
        fq = fiscal_quarter_of(day)
        return (f"(as reported for quarter {fq.quarter}/{fq.fiscal_year})" if english
                else f"(ข้อมูลตามแบบรายงานไตรมาส {fq.quarter}/{fq.fiscal_year})")
    return (f"(as of {format_english_date(day)})" if english
            else f"(ข้อมูล ณ {format_thai_date(day, short=True)})")


@pytest.mark.parametrize("question", ["ธนาคารขยะตั้งแล้วกี่แห่ง", "ตอนนี้มีธนาคารขยะกี่แห่ง",
                                      "ปัจจุบันจัดตั้งธนาคารขยะได้กี่แห่ง"])
def test_a_thai_question_about_now_says_the_documents_day(seed_app: Any, question: str) -> None:
    ans = Answerer(seed_app.db, seed_app.index).ask(question)
    assert ans.found, ans.point
    note = _note(ans, english=False)
    assert ans.point.startswith(f"14,658 แห่ง {note} — "), ans.point
    assert re.search(r"25\d\d\)", note) and not re.search(r"\d{4}-\d\d", ans.point)


@pytest.mark.parametrize("question", ["How many waste banks have been set up so far?",
                                      "How many waste banks are there now?"])
def test_an_english_question_about_now_says_as_of(seed_app: Any, question: str) -> None:
    ans = Answerer(seed_app.db, seed_app.index).ask(question)
    assert ans.found, ans.point
    assert _day(ans) != dt.date.today()
    assert f" {_note(ans, english=True)} — " in ans.point[:70], ans.point


def test_a_field_asked_now_is_as_reported_for_the_forms_quarter(make_app: Any,
                                                                 db_url: str) -> None:
    """A form reports what happened up to when it was written, often after its quarter's
    end: its figure is dated by the quarter, never by the quarter's last day."""
    app = make_app(db_url)
    ans = Answerer(app.db, app.index).ask(
        "ตอนนี้งบประมาณโครงการขับเคลื่อนเป้าหมายการพัฒนาที่ยั่งยืนเท่าไร")
    assert ans.found and ans.debug.get("via") == "field", ans.point
    assert ans.point.startswith(
        "9,684,500 บาท (9.6845 ล้านบาท) (ข้อมูลตามแบบรายงานไตรมาส 2/2566) — "), ans.point
    assert "31 มี.ค." not in ans.point.partition(" — ")[0]


@pytest.mark.parametrize(("evidence", "day"), [
    ("…(ณ 23 ก.พ. 67) มีประชาชนลงทะเบียนแล้วกว่า 146,661 ราย …", dt.date(2024, 2, 23)),
    ("…ข้อมูล ณ วันที่ 3 เมษายน 2567 ไกล่เกลี่ยสำเร็จ 26,716 ราย", dt.date(2024, 4, 3)),
    ("…ยอด ณ วันที่ 5 เม.ย. 67 รวม 153,400 ราย", dt.date(2024, 4, 5)),
])
def test_a_day_the_evidence_states_its_figure_as_of_dates_it(evidence: str,
                                                            day: dt.date) -> None:
    assert stated_as_of(evidence) == day
    point = dated(f"146,661 ราย — {evidence}", "2024-02-27", english=False, kind="news")
    assert point.startswith(f"146,661 ราย (ข้อมูล ณ {format_thai_date(day, short=True)}) — ")
    # even a report form's figure, when its own words say as of when
    assert dated(f"1 ราย — {evidence}", "2023-03-31", english=False, kind="report") \
        .startswith(f"1 ราย (ข้อมูล ณ {format_thai_date(day, short=True)}) — ")


@pytest.mark.parametrize("evidence", [
    "…ร่วมกับ UN เมื่อวันที่ 6 มิถุนายน 2565 จัดตั้งธนาคารขยะ 14,658 แห่ง",  # an event's day
    "…ระหว่างวันที่ 1 - 29 ก.พ. 2567 ลงทะเบียน 146,661 ราย",  # a period, not a day
    "…จัดตั้งธนาคารขยะ 14,658 แห่ง",
])
def test_an_events_day_is_no_as_of_day(evidence: str) -> None:
    assert stated_as_of(evidence) is None
    assert dated(f"14,658 แห่ง — {evidence}", "2024-04-05", english=False, kind="news") \
        .startswith("14,658 แห่ง (ข้อมูล ณ 5 เม.ย. 2567) — ")


@pytest.mark.parametrize("question", ["ธนาคารขยะตั้งกี่แห่ง", "How many waste banks were set up?",
                                      "งบประมาณโครงการขับเคลื่อนเป้าหมายการพัฒนาที่ยั่งยืนเท่าไร"])
def test_no_note_where_the_present_is_not_asked(seed_app: Any, question: str) -> None:
    assert not asks_present(question)
    ans = Answerer(seed_app.db, seed_app.index).ask(question)
    assert ans.found, ans.point
    assert "ข้อมูล ณ" not in ans.point and "as of" not in ans.point, ans.point


def test_the_words_that_ask_about_now() -> None:
    for q in ("ตอนนี้เบิกจ่ายไปเท่าไร", "ถึงตอนนี้มีกี่แห่ง", "ข้อมูลล่าสุดมีกี่คน", "ใช้งบไปแล้วเท่าไร",
              "What is the latest figure?", "How much has been spent to date?",
              "How many are currently enrolled?", "ตั้งธนาคารขยะไปกี่ที่แล้วคับ",
              "จ่ายไปเท่าไรแล้ว"):
        assert asks_present(q), q
    for q in ("งบประมาณเท่าไร", "ปี 2566 มีกี่แห่ง", "How many provinces were selected?",
              # "ปัจจุบัน" of a modern era or of "what is now ..." asks nothing about now
              "ในยุคปัจจุบัน บริษัทนำเสนอตนเองเป็นอะไร", "สายพันธุ์ปัจจุบันมีอวัยวะใด",
              "หลักฐานในบริเวณที่ปัจจุบันคือนิวคาสเซิลคืออะไร",
              "Who knows the town?"):
        assert not asks_present(q), q


def test_an_undated_documents_figure_gets_no_note() -> None:
    """No date, no note: "(เอกสารไม่ระบุวันที่)" told nothing of the value and pushed the
    evidence out of the reply's first line."""
    point = "พรรคประชาชนยุโรป — …ปัจจุบันพรรคอนุรักษ์นิยมอย่าง พรรคประชาชนยุโรป เป็นพรรคที่ใหญ่ที่สุด"
    assert dated(point, None, english=False, kind="text") == point
    assert dated(point, "not a date", english=True, kind="news") == point
