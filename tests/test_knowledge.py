"""The knowledge base: parsers, passages, models and migrations, ingest library functions.

Read-only checks parse the bundled sample (the seed documents); database checks get a
fresh database per test on SQLite and PostgreSQL (the ``db_url`` fixture).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gzip
import json
import re
import unicodedata
from collections.abc import Callable, Iterator
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, inspect, select, text
from sqlalchemy.exc import IntegrityError

from knowledge import passages as passages_mod
from knowledge.db import HEAD_REVISION, Database, sqlite_url
from knowledge.ingest import (
    content_hash,
    document_count,
    read_path,
    read_paths,
    sample_documents,
    store_documents,
)
from knowledge.library import document_rows as list_documents
from knowledge.models import (
    Alignment,
    Document,
    NewsRelease,
    Passage,
    Project,
    QuarterReport,
)
from knowledge.parsers import (
    ALIGNMENT_FIELDS,
    DocumentError,
    ParsedDocument,
    Section,
    detect_layout,
    join_wrapped_lines,
    parse_news,
    parse_plain,
    parse_report,
    parse_text,
    sdg_goal_number,
)
from knowledge.passages import MAX_CHARS, split_sections, split_text
from knowledge.queries import list_projects

SEEDS = Path("/work/shared/seeds")
PROJECT_NAME = "การขับเคลื่อนเป้าหมายการพัฒนาที่ยั่งยืน (SDGs) กระทรวงมหาดไทย"
HEADLINE_START = "มหาดไทยเสริมสร้างพลังความร่วมมือ หลอมรวมพลัง “ทีมมหาดไทย”"
WASTE_BANKS = "๑๔,๖๕๘"


def sample_text(name: str) -> str:
    return (resources.files("knowledge") / "sample" / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def report_text() -> str:
    return sample_text("report_000.txt")


@pytest.fixture(scope="module")
def news_text() -> str:
    return sample_text("news_002.txt")


@pytest.fixture(scope="module")
def report_doc(report_text: str) -> ParsedDocument:
    return parse_text(report_text, name_hint="report_000")


@pytest.fixture(scope="module")
def news_doc(news_text: str) -> ParsedDocument:
    return parse_text(news_text, name_hint="news_002")


def write_jsonl(path: Path, rows: list[object], *, gz: bool = False) -> Path:
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("utf-8")
    path.write_bytes(gzip.compress(data) if gz else data)
    return path


# ============================================================================ the samples


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seed folder not present")
@pytest.mark.parametrize(
    ("bundled", "seed"),
    [("report_000.txt", "000_fafa0956fea2a63c.txt"), ("news_002.txt", "002_12732f84c220f00b.txt")],
)
def test_bundled_samples_are_the_seeds(bundled: str, seed: str) -> None:
    assert sample_text(bundled) == (SEEDS / seed).read_text(encoding="utf-8")


def test_sample_documents_are_one_report_and_one_release() -> None:
    docs = sample_documents()
    assert sorted(d.kind for d in docs) == ["news", "report"]


# ============================================================================ report form


def test_report_main_fields(report_doc: ParsedDocument) -> None:
    r = report_doc.report
    assert r is not None
    assert report_doc.kind == "report"
    assert r.agency == "ตท.สป."
    assert r.name == PROJECT_NAME
    assert report_doc.title == PROJECT_NAME
    assert r.indicator == (
        "ระดับความสำเร็จของการเสริมสร้างศักยภาพการขับเคลื่อนเป้าหมายการพัฒนาที่ยั่งยืน (SDGs) "
        "ของกระทรวงมหาดไทย"
    )
    assert r.budget_baht == Decimal("9684500")
    assert isinstance(r.budget_baht, Decimal)
    assert (r.fiscal_year, r.quarter) == (2566, 2)
    assert (r.period_start, r.period_end) == (dt.date(2023, 1, 1), dt.date(2023, 3, 31))
    # A report's date is the end of its reporting period.
    assert report_doc.date == dt.date(2023, 3, 31)


def test_report_levels_disbursement_and_problems(report_doc: ParsedDocument) -> None:
    r = report_doc.report
    assert r is not None
    assert (r.target_value, r.target_level) == (Decimal("2.0000"), 5)
    assert (r.result_value, r.result_level) == (Decimal("2.0000"), 5)
    assert r.disbursement_target_baht == Decimal(0)
    assert r.disbursement_actual_baht == Decimal(0)
    assert r.problems is None


def test_report_results_text(report_doc: ParsedDocument) -> None:
    r = report_doc.report
    assert r is not None and r.results_text is not None
    assert WASTE_BANKS in r.results_text
    assert "Sustainability Expo 2024" in r.results_text
    assert r.results_text.rstrip().endswith("ในระดับภูมิภาค")
    # The level and disbursement lines are fields, not results; field 8 is not a result.
    assert "เป้าหมายการเบิกจ่าย" not in r.results_text
    assert "ปัญหาและอุปสรรค" not in r.results_text
    # The PDF's decomposed sara am is composed.
    assert "\u0e4d\u0e32" not in r.results_text


def test_report_results_text_starts_with_first_item(report_doc: ParsedDocument) -> None:
    r = report_doc.report
    assert r is not None and r.results_text is not None
    assert r.results_text.startswith("1.ได้อนุมัติแผนการปฏิบัติงาน")
    results = [s.text for s in report_doc.sections if s.name == "results"]
    assert results[0].startswith("1.")


def test_report_alignments(report_doc: ParsedDocument) -> None:
    r = report_doc.report
    assert r is not None
    by_field: dict[str, list[str]] = {}
    for a in r.alignments:
        assert a.kind == ALIGNMENT_FIELDS[a.field][0]
        by_field.setdefault(a.field, []).append(a.value)
    assert by_field == {
        "6.1": ["ด้านการสร้างการเติบโตบนคุณภาพชีวิตที่เป็นมิตร ต่อสิ่งแวดล้อม"],
        "6.2": ["พื้นที่และเมืองอัจฉริยะ", "เศรษฐกิจหมุนเวียนและสังคมคาร์บอน ต่ำ"],
        "6.3": ["การเติบโตอย่างยั่งยืน"],
        "6.4": [
            "นโยบายหลักด้านที่ 7 การพัฒนาสร้างความเข้ม แข็งจากฐานราก",
            "นโยบายเร่งด่วนเรื่องที่ 2 การปรับปรุงระบบ สวัสดิการและพัฒนาคุณภาพชีวิตของประชาชน",
        ],
        "6.5": ["การเสริมสร้างความสงบเรียบร้อยและความมั่นคง ภายใน"],
        "6.6": [
            "ยุติความยากจนทุกรูปแบบในทุก ที่",
            "เสริมความแข็งแกร่งให้แก่กลไกการดำเนินงาน และฟื้นฟูหุ้นส่วนความร่วมมือระดับโลก "
            "เพื่อการพัฒนาที่ยั่งยืน",
        ],
    }  # 6.7 is empty on the form: no rows
    assert [a.sdg_goal for a in r.alignments if a.field == "6.6"] == [1, 17]
    assert all(a.sdg_goal is None for a in r.alignments if a.field != "6.6")


def test_report_sections_name_the_project(report_doc: ParsedDocument) -> None:
    names = [s.name for s in report_doc.sections]
    for field in ("field:agency", "field:name", "field:indicator", "field:budget",
                  "field:period", "field:levels", "field:disbursement"):
        assert field in names
    assert "field:problems" not in names
    assert "field:6.7" not in names
    for s in report_doc.sections:
        if s.name.startswith("field:"):
            assert PROJECT_NAME in s.text
    budget = next(s for s in report_doc.sections if s.name == "field:budget")
    assert "9,684,500 บาท" in budget.text
    assert any(WASTE_BANKS in s.text for s in report_doc.sections if s.name == "results")


def test_report_missing_required_fields_is_a_document_error() -> None:
    with pytest.raises(DocumentError, match="5"):
        parse_report("1. หน่วยงาน ก\n2. ชื่อโครงการ ข\n3. ตัวชี้วัด ค\n")


def test_report_with_thai_digits_and_other_quarter() -> None:
    form = (
        "1. หน่วยงาน สถ.\n"
        "2. ชื่อโครงการ ธนาคารขยะชุมชน\n"
        "3. ตัวชี้วัด จำนวนธนาคารขยะ\n"
        "4. งบประมาณ ๑,๒๕๐,๐๐๐ บาท\n"
        "5. ห้วงการรายงาน ไตรมาสที่ ๑ (๑ ต.ค. ๖๖ - ๓๑ ธ.ค. ๖๖)\n"
        "6.1 ยุทธศาสตร์ชาติ\n"
        "6.2 แผนแม่บทภายใต้ยุทธศาสตร์ชาติ\n"
        "6.3 แผนพัฒนาเศรษฐกิจและสังคมแห่งชาติ ฉบับที่ 13\n"
        "6.4 นโยบายของคณะรัฐมนตรีที่แถลงต่อรัฐสภา\n"
        "6.5 ยุทธศาสตร์ตามแผนปฏิบัติราชการของกระทรวงมหาดไทย\n"
        "6.6 เป้าหมายการพัฒนาที่ยั่งยืน (SDGs) SDG 12\n"
        "6.7 นโยบายรัฐบาลใหม่\n"
        "7. ผลการดำเนินงาน\n"
        "1.จัดตั้งธนาคารขยะ ๑๒ แห่ง\n"
        "- เป้าหมายการดำเนินงาน (๓.๐๐ ระดับ ๓) - ผลการดำเนินงาน (๔.๐๐) ระดับ ๔\n"
        "- เป้าหมายการเบิกจ่าย 1.5 ล้านบาท - ผลการเบิกจ่าย 0.25 ล้านบาท\n"
        "8. ปัญหาและอุปสรรค ฝนตกหนัก\n"
    )
    assert detect_layout(form) == "report"
    r = parse_text(form).report
    assert r is not None
    assert r.budget_baht == Decimal("1250000")
    assert (r.fiscal_year, r.quarter) == (2567, 1)
    assert (r.period_start, r.period_end) == (dt.date(2023, 10, 1), dt.date(2023, 12, 31))
    assert (r.target_level, r.result_level) == (3, 4)
    assert r.disbursement_target_baht == Decimal("1500000")
    assert r.disbursement_actual_baht == Decimal("250000")
    assert r.problems == "ฝนตกหนัก"
    assert [(a.field, a.sdg_goal) for a in r.alignments] == [("6.6", 12)]


_LEVELS_FORM = (
    "1. หน่วยงาน สถ.\n2. ชื่อโครงการ ธนาคารขยะชุมชน\n3. ตัวชี้วัด จำนวนธนาคารขยะ\n"
    "4. งบประมาณ 1,250,000 บาท\n5. ห้วงการรายงาน ไตรมาสที่ 1 (1 ต.ค. 66 - 31 ธ.ค. 66)\n"
    "7. ผลการดำเนินงาน\n1.จัดตั้งธนาคารขยะ 12 แห่ง\n{levels}\n8. ปัญหาและอุปสรรค -\n"
)


@pytest.mark.parametrize(("levels", "expected"), [
    # As the seed form prints them: a score, then the level.
    ("- เป้าหมายการดำเนินงาน (2.0000 ระดับ 4) - ผลการดำเนินงาน (2.0000 ระดับ 3)",
     (Decimal("2.0000"), 4, Decimal("2.0000"), 3)),
    # A level without a score, in brackets or not (a tester's form: "the form does not
    # state the levels" was the reply).
    ("- เป้าหมายการดําเนินงาน (ระดับ 4) - ผลการดําเนินงาน ระดับ 3", (None, 4, None, 3)),
    ("- เป้าหมายการดำเนินงาน ระดับที่ ๔ - ผลการดำเนินงาน ระดับที่ ๓", (None, 4, None, 3)),
    ("- เป้าหมายการดำเนินงาน: ระดับ 5\n- ผลการดำเนินงาน: ระดับ 2", (None, 5, None, 2)),
    # A table row: label, then the level.
    ("เป้าหมายการดำเนินงาน\tระดับ 4\nผลการดำเนินงาน\tระดับ 3", (None, 4, None, 3)),
])
def test_report_levels_in_every_print_layout(
        levels: str, expected: tuple[Decimal | None, int, Decimal | None, int]) -> None:
    r = parse_text(_LEVELS_FORM.format(levels=levels)).report
    assert r is not None
    assert (r.target_value, r.target_level, r.result_value, r.result_level) == expected
    assert r.results_text is not None and "ระดับ" not in r.results_text


def test_report_level_sentence_is_results_text_not_a_level() -> None:
    # A sentence that merely starts with the words is results text, not the level line.
    form = _LEVELS_FORM.format(levels="ผลการดำเนินงานเป็นไปตามแผน 12 แห่ง")
    r = parse_text(form).report
    assert r is not None
    assert (r.target_level, r.result_level) == (None, None)
    assert r.results_text is not None and "เป็นไปตามแผน" in r.results_text


def test_report_without_an_empty_alignment_line(report_text: str) -> None:
    edited = report_text.replace("6.7 นโยบายรัฐบาลใหม่\n", "")
    assert edited != report_text
    r = parse_text(edited).report
    assert r is not None
    assert [a.sdg_goal for a in r.alignments if a.field == "6.6"] == [1, 17]
    assert (r.target_level, r.result_level) == (5, 5)
    assert r.results_text is not None and WASTE_BANKS in r.results_text


# Each numbered field's line on the seed form, and what the parsed report loses without it.
_FIELD_LINE_PREFIXES: dict[str, str] = {
    "1": "1. หน่วยงาน", "2": "2. ชื่อโครงการ", "3": "3. ตัวชี้วัด", "4": "4. งบประมาณ",
    "5": "5. ห้วงการรายงาน", "6.1": "6.1 ", "6.2": "6.2 ", "6.3": "6.3 ", "6.4": "6.4 ",
    "6.5": "6.5 ", "6.6": "6.6 ", "6.7": "6.7 ", "7": "7. ผลการ", "8": "8. ปัญหา",
}


def _without_line(text: str, prefix: str) -> str:
    lines = text.split("\n")
    kept = [ln for ln in lines if not ln.startswith(prefix)]
    assert len(kept) == len(lines) - 1, prefix
    return "\n".join(kept)


@pytest.mark.parametrize("num", ["3", "4", "6.1", "6.2", "6.3", "6.4", "6.5", "6.6", "6.7",
                                 "7", "8"])
def test_report_without_any_one_optional_field_line(
    report_text: str, report_doc: ParsedDocument, num: str
) -> None:
    full = report_doc.report
    assert full is not None
    r = parse_report(_without_line(report_text, _FIELD_LINE_PREFIXES[num]))
    assert r.report is not None
    expected = dataclasses.replace(
        full,
        indicator=None if num == "3" else full.indicator,
        budget_baht=None if num == "4" else full.budget_baht,
        alignments=tuple(a for a in full.alignments if a.field != num),
    )
    assert r.report == expected
    # Without field 7's own line the results still start at their first item.
    results = [s.text for s in r.sections if s.name == "results"]
    assert results == [s.text for s in report_doc.sections if s.name == "results"]


@pytest.mark.parametrize("num", ["1", "2", "5"])
def test_report_without_a_required_field_line_names_it(report_text: str, num: str) -> None:
    with pytest.raises(DocumentError, match=f"ไม่พบข้อ {num}"):
        parse_report(_without_line(report_text, _FIELD_LINE_PREFIXES[num]))


def test_report_field_numbers_in_thai_digits(report_text: str, report_doc: ParsedDocument) -> None:
    to_thai = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
    lines = report_text.split("\n")
    for k, line in enumerate(lines):
        if line.startswith(tuple(_FIELD_LINE_PREFIXES.values())):
            num, rest = line.split(" ", 1)
            lines[k] = f"{num.translate(to_thai)} {rest}"
    thai = "\n".join(lines)
    assert thai.startswith("๑. หน่วยงาน") and "\n๖.๗ นโยบายรัฐบาลใหม่\n" in thai
    doc = parse_text(thai)
    assert doc.kind == "report"
    assert doc.report == report_doc.report


def test_report_labels_with_stray_spaces_and_heading_line(report_text: str) -> None:
    edited = report_text.replace(
        "7. ผลการดําเนินงานของแผนงาน/โครงการรายไตรมาส ผลการดำเนินงาน\n",
        "7. ผลการ ดำเนินงาน ของแผนงาน/ โครงการ รายไตรมาส\nผลการดำเนินงาน\n",
    ).replace("6.6 เป้าหมายการพัฒนาที่ยั่งยืน (SDGs)", "6.6 เป้าหมายการพัฒนา ที่ยั่งยืน (SDGs)")
    assert edited.count("ผลการ ดำเนินงาน ของแผนงาน") == 1 and "พัฒนา ที่ยั่งยืน (SDGs)" in edited
    r = parse_report(edited).report
    assert r is not None and r.results_text is not None
    assert r.results_text.startswith("1.ได้อนุมัติแผนการปฏิบัติงาน")
    assert [a.sdg_goal for a in r.alignments if a.field == "6.6"] == [1, 17]


def test_report_field_7_label_alone_keeps_a_value_on_its_line() -> None:
    form = (
        "1. หน่วยงาน สถ.\n2. ชื่อโครงการ ธนาคารขยะ\n"
        "5. ห้วงการรายงาน ไตรมาสที่ 1 (1 ต.ค. 66 - 31 ธ.ค. 66)\n"
        "7. ผลการดำเนินงาน จัดตั้งธนาคารขยะครบ ๑๒ แห่ง\n8. ปัญหาและอุปสรรค ไม่มี\n"
    )
    r = parse_report(form).report
    assert r is not None
    assert r.results_text == "จัดตั้งธนาคารขยะครบ ๑๒ แห่ง"
    assert (r.indicator, r.budget_baht, r.alignments, r.problems) == (None, None, (), "ไม่มี")


def test_report_line_that_looks_like_a_later_field_hides_no_field(report_text: str) -> None:
    # A wrapped value line that happens to start like field 8 must not end the form early.
    edited = report_text.replace(
        "ของกระทรวงมหาดไทย\n4. งบประมาณ",
        "ของกระทรวงมหาดไทย\n8. ปัญหาและอุปสรรคของพื้นที่ลดลง\n4. งบประมาณ",
    )
    assert edited != report_text
    r = parse_report(edited).report
    assert r is not None
    assert r.indicator is not None and r.indicator.endswith("ปัญหาและอุปสรรคของพื้นที่ลดลง")
    assert r.budget_baht == Decimal("9684500")
    assert (r.target_level, r.result_level, r.problems) == (5, 5, None)
    assert [a.sdg_goal for a in r.alignments if a.field == "6.6"] == [1, 17]


# ============================================================================ press release


def test_news_metadata(news_doc: ParsedDocument) -> None:
    assert news_doc.kind == "news"
    assert news_doc.title.startswith(HEADLINE_START)
    assert news_doc.title.endswith("ขับเคลื่อนสู่เป้าหมายการพัฒนาที่ยั่งยืน (SDGs)")
    assert news_doc.date == dt.date(2023, 3, 27)
    assert news_doc.news is not None
    assert news_doc.news.release_no == "293/2566"
    assert news_doc.news.office == "กองสารนิเทศ สป.มท."


def test_news_passages_hold_the_body_only(news_doc: ParsedDocument) -> None:
    parts = split_sections(news_doc.sections)
    assert len(parts) >= 5
    assert all(p.section == "paragraph" for p in parts)
    assert parts[0].text.startswith("วันนี้ (27 มี.ค. 66)")
    for p in parts:
        assert not re.search(r"\.jpe?g", p.text, re.IGNORECASE)
        assert not p.text.startswith(("ข้อมูลจาก", "ครั้งที่", "วันที่"))
    assert not any(s.text == news_doc.title for s in news_doc.sections)


def test_news_without_leading_image_line(news_text: str) -> None:
    body = "\n".join(ln for ln in news_text.split("\n") if not ln.strip().endswith(".jpg"))
    doc = parse_news(body)
    assert doc.title.startswith(HEADLINE_START)
    assert doc.date == dt.date(2023, 3, 27)


def test_news_with_impossible_date_is_a_document_error(news_text: str) -> None:
    bad = news_text.replace("วันที่ 27 มี.ค. 2566", "วันที่ 31 ก.พ. 2566")
    assert bad != news_text
    with pytest.raises(DocumentError, match=re.escape("31 ก.พ. 2566")):
        parse_text(bad)


def test_news_body_paragraph_starting_with_a_date(news_text: str) -> None:
    lead = "นายสุทธิพงษ์ จุลเจริญ ปลัดกระทรวงมหาดไทย เปิดเผยว่า"
    edited = news_text.replace(lead, "วันที่ 9 พฤศจิกายน 2566 " + lead, 1)
    doc = parse_text(edited)
    assert doc.date == dt.date(2023, 3, 27)
    assert any(s.text.startswith("วันที่ 9 พฤศจิกายน 2566") for s in doc.sections)


def test_news_body_paragraphs_that_look_like_metadata_stay_body(news_text: str) -> None:
    lead = "นายสุทธิพงษ์ จุลเจริญ ปลัดกระทรวงมหาดไทย ยังกล่าวอีกว่า"
    office_like = "ข้อมูลจากกรมการปกครอง พบว่ามีผู้เข้าร่วมโครงการกว่า 3,000 คน"
    date_only = "วันที่ 9 พฤศจิกายน 2566"
    edited = news_text.replace(lead, f"{office_like}\n\n{date_only}\n\n{lead}", 1)
    assert edited != news_text
    doc = parse_text(edited)
    assert doc.kind == "news"
    assert doc.date == dt.date(2023, 3, 27)
    assert doc.news is not None
    assert (doc.news.office, doc.news.release_no) == ("กองสารนิเทศ สป.มท.", "293/2566")
    texts = [s.text for s in doc.sections]
    assert office_like in texts and date_only in texts


def test_news_last_paragraph_starting_with_a_date_is_body(news_text: str) -> None:
    last = "วันที่ 28 มี.ค. 2566 จะมีการประชุมติดตามผลอีกครั้ง"
    edited = news_text.replace("\n\nข้อมูลจาก", f"\n{last}\nข้อมูลจาก", 1)
    assert edited != news_text
    doc = parse_news(edited)
    assert doc.date == dt.date(2023, 3, 27)
    assert doc.sections[-1].text == last


@pytest.mark.parametrize(
    ("dateline", "date"),
    [
        ("วันที่ ๒๗ มีนาคม ๒๕๖๖", dt.date(2023, 3, 27)),
        ("วันที่ 27 มีนาคม พ.ศ. 2566", dt.date(2023, 3, 27)),
        ("วันที่ 27 มี.ค. 66", dt.date(2023, 3, 27)),
    ],
)
def test_news_dateline_forms(news_text: str, dateline: str, date: dt.date) -> None:
    edited = news_text.replace("วันที่ 27 มี.ค. 2566", dateline)
    assert edited != news_text
    assert parse_news(edited).date == date


def test_news_lines_after_the_closing_block_stay_body(news_text: str) -> None:
    doc = parse_news(news_text.rstrip() + "\n#มหาดไทย #SDGs\n")
    assert doc.date == dt.date(2023, 3, 27)
    assert doc.news is not None and doc.news.release_no == "293/2566"
    assert doc.sections[-1].text == "#มหาดไทย #SDGs"


# ============================================================================ layouts, plain text


def test_detect_layout_of_the_samples(report_text: str, news_text: str) -> None:
    assert detect_layout(report_text) == "report"
    assert detect_layout(news_text) == "news"


@pytest.mark.parametrize(
    "text",
    [
        "กระทรวงมหาดไทยขับเคลื่อน SDGs\n\nย่อหน้าที่สอง",
        "1. หน่วยงาน สถ.\n2. ชื่อโครงการ ธนาคารขยะ",  # a form needs its reporting period
        "ข้อมูลจาก กองสารนิเทศ สป.มท.",  # a release needs its release number
        "ครั้งที่ 293/2566",
        "",
    ],
)
def test_detect_layout_plain_text(text: str) -> None:
    assert detect_layout(text) == "text"


def test_parse_plain_paragraphs_and_title() -> None:
    doc = parse_plain("หัวเรื่อง\nบรรทัดต่อ\n\n  ย่อหน้าที่สอง  \n\n\n")
    assert doc.kind == "text"
    assert [s.text for s in doc.sections] == ["หัวเรื่องบรรทัดต่อ", "ย่อหน้าที่สอง"]
    assert doc.title == "หัวเรื่องบรรทัดต่อ"


def test_parse_plain_single_block_is_one_paragraph_per_line() -> None:
    doc = parse_plain("บรรทัดหนึ่ง\nบรรทัดสอง\n", title="ชื่อ", date=dt.date(2024, 1, 2),
                      kind="news", source="https://example.invalid/a")
    assert [s.text for s in doc.sections] == ["บรรทัดหนึ่ง", "บรรทัดสอง"]
    assert (doc.title, doc.date, doc.kind, doc.source) == (
        "ชื่อ", dt.date(2024, 1, 2), "news", "https://example.invalid/a")


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t", "\u200b"])
def test_parse_plain_empty_is_a_document_error(text: str) -> None:
    with pytest.raises(DocumentError):
        parse_plain(text)


def test_join_wrapped_lines() -> None:
    assert join_wrapped_lines(["การพัฒนา", "ที่ยั่งยืน"]) == "การพัฒนาที่ยั่งยืน"
    # Thai digits join like Arabic digits: a new enumerated item is not glued to the word.
    assert join_wrapped_lines(["ประเทศไทยที่ยั่งยืน", "๓) “THINK GLOBAL”"]) == (
        "ประเทศไทยที่ยั่งยืน ๓) “THINK GLOBAL”")
    assert join_wrapped_lines(["ที่ยั่งยืน", "3) ACT"]) == "ที่ยั่งยืน 3) ACT"
    assert join_wrapped_lines(["SDGs", "ของ", "", " UN "]) == "SDGs ของ UN"
    assert join_wrapped_lines([]) == ""


@pytest.mark.parametrize(
    ("value", "goal"),
    [
        ("ยุติความยากจนทุกรูปแบบในทุกที่", 1),
        ("SDG 5", 5),
        ("sdgs13", 13),
        ("เป้าหมายที่ ๑๗", 17),
        ("SDG 18", None),
        ("การเติบโตอย่างยั่งยืน", None),
        ("", None),
    ],
)
def test_sdg_goal_number(value: str, goal: int | None) -> None:
    assert sdg_goal_number(value) == goal


# ============================================================================ JSONL reading


def test_read_jsonl_fields(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "docs.jsonl", [
        {"title": "ข่าวหนึ่ง", "text": "เนื้อข่าว", "date": "2024-02-29", "kind": "news",
         "source": "https://example.invalid/1"},
        {"title": "ไม่มีวันที่", "text": "ข้อความ"},
        {"title": "แบบรายงาน", "text": sample_text("report_000.txt"), "kind": "report"},
    ])
    docs = list(read_path(path))
    assert [(d.kind, d.title, d.date, d.source) for d in docs] == [
        ("news", "ข่าวหนึ่ง", dt.date(2024, 2, 29), "https://example.invalid/1"),
        ("text", "ไม่มีวันที่", None, None),
        ("report", "แบบรายงาน", dt.date(2023, 3, 31), None),
    ]
    assert docs[0].sections == (Section("paragraph", "เนื้อข่าว"),)
    assert docs[2].report is not None and docs[2].report.budget_baht == Decimal("9684500")


def test_read_jsonl_gz_and_u2028(tmp_path: Path) -> None:
    title = "บรรทัดแรก\u2028บรรทัดสอง"
    path = write_jsonl(tmp_path / "docs.jsonl.gz",
                       [{"title": title, "text": "ก\u2028ข"}, {"title": "t", "text": "x"}], gz=True)
    docs = list(read_path(path))
    assert len(docs) == 2
    assert "บรรทัดแรก" in docs[0].title and "บรรทัดสอง" in docs[0].title


@pytest.mark.parametrize(
    ("line", "match"),
    [
        (b"[1, 2]", "object"),
        (b'"text"', "object"),
        (b'{"title": "t"}', "text"),
        (b'{"title": "t", "text": "   "}', "text"),
        (b'{"title": 5, "text": "x"}', "title"),
        (b'{"text": "x", "date": "2023-02-31"}', "2023-02-31"),
        (b'{"text": "x", "kind": "memo"}', "memo"),
        (b"{not json", "JSON"),
        ("caf\xe9 cr\xe8me".encode("latin-1"), "UTF-8"),
        (b'{"text": "a\x00b"}', "binary"),
    ],
)
def test_read_jsonl_bad_line_names_file_and_line(tmp_path: Path, line: bytes, match: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b'{"title": "ok", "text": "ok"}\n\n' + line + b"\n")
    with pytest.raises(DocumentError, match=match) as err:
        list(read_path(path))
    assert f"{path}:3" in str(err.value)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("binary.txt", b"abc\x00def"),
        ("empty.txt", b""),
        ("blank.txt", b"  \n\t\n"),
        ("latin1.txt", "caf\xe9 au lait".encode("latin-1")),
        ("notes.pdf", b"%PDF-1.4"),
        ("broken.jsonl.gz", b"not gzip at all"),
    ],
)
def test_read_path_bad_files_name_the_file(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(DocumentError) as err:
        list(read_path(path))
    assert str(path) in str(err.value)


def test_read_path_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match=re.escape("missing.txt")):
        list(read_path(tmp_path / "missing.txt"))


def test_read_path_folder_reads_supported_files(tmp_path: Path) -> None:
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    (tmp_path / "news.txt").write_text(sample_text("news_002.txt"), encoding="utf-8")
    write_jsonl(sub / "x.jsonl", [{"title": "t1", "text": "x1"}])
    write_jsonl(sub / "y.jsonl.gz", [{"title": "t2", "text": "x2"}], gz=True)
    (sub / "image.jpg").write_bytes(b"\xff\xd8\x00\x00")
    docs = list(read_path(tmp_path))
    assert sorted(d.title for d in docs if d.kind == "text") == ["t1", "t2"]
    assert [d.kind for d in docs].count("news") == 1


def test_read_paths_stops_at_the_first_bad_file(tmp_path: Path) -> None:
    good = write_jsonl(tmp_path / "good.jsonl", [{"title": "t", "text": "x"}])
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    with pytest.raises(DocumentError, match=re.escape("bad.txt")):
        read_paths([good, bad])


def test_content_hash_ignores_decomposed_sara_am() -> None:
    a = parse_plain("ผลการดำเนินงาน", title="t")
    b = parse_plain("ผลการด\u0e4d\u0e32เนินงาน", title="t")
    assert content_hash(a) == content_hash(b)
    assert content_hash(a) != content_hash(parse_plain("ผลการดำเนินงาน", title="u"))
    assert content_hash(a) != content_hash(parse_plain("ผลการดำเนินงาน", title="t", kind="news"))


# ============================================================================ passages

# Thai letters, vowels and tone marks, Thai and ASCII digits, Latin, punctuation, white space.
_THAIISH = st.text(
    alphabet=st.sampled_from(
        [chr(c) for c in range(0x0E01, 0x0E3B)]
        + [chr(c) for c in range(0x0E40, 0x0E5C)]
        + list("SDGs0123456789.,()-“”/")
        + [" ", " ", " ", "\n", "\t", "\u00a0"]
    ),
    max_size=2500,
)


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_split_text_keeps_short_text_whole() -> None:
    text = "ก" * MAX_CHARS
    assert split_text(text) == [text]
    assert split_text("  กระทรวงมหาดไทย (SDGs)\n") == ["กระทรวงมหาดไทย (SDGs)"]
    assert split_text("") == []
    assert split_text(" \n\t ") == []


def test_split_text_cuts_long_text_at_spaces() -> None:
    words = [f"คำที่{i}" for i in range(300)]
    parts = split_text(" ".join(words))
    assert len(parts) > 1
    assert all(len(p) <= MAX_CHARS for p in parts)
    assert " ".join(parts).split(" ") == words  # no word cut in half


@settings(max_examples=150, deadline=None)
@given(_THAIISH)
def test_split_text_loses_and_reorders_nothing(text: str) -> None:
    parts = split_text(text)
    assert _squeeze("".join(parts)) == _squeeze(text)
    assert all(p and p == p.strip() for p in parts)
    if len(text.strip()) <= MAX_CHARS:
        assert parts == ([text.strip()] if text.strip() else [])


@settings(max_examples=150, deadline=None)
@given(_THAIISH)
@example("ก" * 750)
@example("ข" * 300 + " " + "ก" * 1450)
def test_split_text_never_exceeds_the_hard_limit(text: str) -> None:
    assert all(len(p) <= passages_mod._HARD_MAX for p in split_text(text))


def test_split_text_hard_limit_without_tail_fold() -> None:
    parts = split_text("ก" * 1500)  # 700 + 700 + 100: the tail is big enough to stand alone
    assert [len(p) for p in parts] == [700, 700, 100]


# A few long runs without white space, so that clauses are cut at the hard limit.
_LONG_CLAUSES = st.lists(
    st.text(
        alphabet=st.sampled_from(
            [chr(c) for c in range(0x0E01, 0x0E3B)] + [chr(c) for c in range(0x0E40, 0x0E4F)]
            + ["a", "1", "."]
        ),
        min_size=1,
        max_size=1600,
    ),
    max_size=4,
).map(" ".join)


def _assert_same_text(text: str, parts: list[str]) -> None:
    """``parts`` read in order are ``text`` with white space runs as one space or a break."""
    canon = re.sub(r"\s+", " ", text.strip())
    pos = 0
    for part in parts:
        piece = re.sub(r"\s+", " ", part)
        assert canon.startswith(piece, pos), (pos, piece[:40])
        pos += len(piece)
        if pos < len(canon) and canon[pos] == " ":
            pos += 1
    assert pos == len(canon)


@settings(max_examples=150, deadline=None)
@given(st.one_of(_THAIISH, _LONG_CLAUSES), st.integers(min_value=1, max_value=1200))
@example("ก" * 750, MAX_CHARS)
@example("ข" * 390 + " " + "ก" * 705, MAX_CHARS)
@example("ก" * 690 + " " + "ข" * 5, MAX_CHARS)
def test_split_text_keeps_every_clause_within_the_limit(text: str, max_chars: int) -> None:
    parts = split_text(text, max_chars)
    hard = max(passages_mod._HARD_MAX, max_chars)
    assert all(0 < len(p) <= hard for p in parts)
    assert all(p == p.strip() for p in parts)
    _assert_same_text(text, parts)


def test_split_text_tail_fold_stays_within_the_hard_limit() -> None:
    # 700 + 20: the tail is tiny, but folding it back would exceed the hard limit.
    assert [len(p) for p in split_text("ก" * 720)] == [700, 20]
    # A tiny tail after a whole clause is still folded in.
    parts = split_text("ข" * 390 + " " + "ค" * 390 + " " + "ง" * 10)
    assert [len(p) for p in parts] == [390, 401]


@pytest.mark.parametrize("lead", ["", "ข"])
@pytest.mark.parametrize("unit", ["กิ", "เก", "ก่ำ", "เกื้"])
def test_split_text_hard_cut_keeps_thai_letters_whole(unit: str, lead: str) -> None:
    text = lead + unit * (1600 // len(unit))
    parts = split_text(text)
    assert "".join(parts) == text and len(parts) == 3
    assert all(len(p) <= passages_mod._HARD_MAX for p in parts)
    for p in parts:
        # No piece starts with a vowel or tone mark (or sara am) torn from its letter,
        # nor ends with a leading vowel torn from the letter after it.
        assert not (unicodedata.category(p[0]).startswith("M") or p[0] == "\u0e33"), p[:3]
        assert p[-1] not in "เแโใไ", p[-3:]


def test_split_text_max_chars() -> None:
    with pytest.raises(ValueError, match="max_chars"):
        split_text("ก", 0)
    text = "ก" * 900
    assert split_text(text, 1000) == [text]  # a larger max_chars raises the hard limit too


def test_split_sections_keeps_order_and_names() -> None:
    long = " ".join(f"ประโยคยาวที่ {i}" for i in range(120))  # identical passages: stored once
    out = split_sections([Section("a", "หนึ่ง"), Section("b", long), Section("c", "  ")])
    assert out[0].section == "a"
    assert {p.section for p in out} == {"a", "b"}
    assert _squeeze("".join(p.text for p in out)) == _squeeze("หนึ่ง" + long)


# ============================================================================ database


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Iterator[Database]:
    db = Database(sqlite_url(tmp_path / "home"))
    db.migrate()
    yield db
    db.dispose()


@pytest.fixture
def any_db(db_url: str) -> Iterator[Database]:
    db = Database(db_url)
    db.migrate()
    yield db
    db.dispose()


def test_sqlite_file_in_home_with_wal_and_foreign_keys(sqlite_db: Database, tmp_path: Path) -> None:
    assert (tmp_path / "home" / "sdgbot.db").is_file()
    for engine in (sqlite_db.engine, sqlite_db.write_engine):
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_alembic_at_head_and_migrate_twice(any_db: Database) -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(resources.files("knowledge")) / "migrations"))  # type: ignore[arg-type]
    assert ScriptDirectory.from_config(cfg).get_current_head() == HEAD_REVISION
    any_db.migrate()
    any_db.migrate()
    with any_db.engine.connect() as conn:
        versions = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
        tables = set(inspect(conn).get_table_names())
    assert versions == [HEAD_REVISION]
    assert {"documents", "passages", "projects", "quarter_reports", "alignments",
            "news_releases"} <= tables


def test_migrations_are_one_linear_chain() -> None:
    """One head, one base, no merge or branch point: branches that each added a revision
    must have been put one after the other."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(resources.files("knowledge")) / "migrations"))  # type: ignore[arg-type]
    script = ScriptDirectory.from_config(cfg)
    assert script.get_heads() == [HEAD_REVISION]
    assert len(script.get_bases()) == 1
    chain = list(script.walk_revisions())  # head first
    assert all(isinstance(r.down_revision, str) for r in chain[:-1])
    assert [r.down_revision for r in chain[:-1]] == [r.revision for r in chain[1:]]


def test_migrated_schema_matches_the_models(any_db: Database) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from knowledge.models import Base

    with any_db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_foreign_keys_are_enforced(any_db: Database) -> None:
    with pytest.raises(IntegrityError), any_db.write() as s:
        s.add(Passage(document_id=999_999, ordinal=0, section="paragraph", text="x"))
        s.flush()


def test_money_survives_exactly(any_db: Database) -> None:
    # Up to the national budget's scale (3.48 trillion baht) to the satang.
    amounts = [Decimal("9684500"), Decimal("0.01"), Decimal("816400.00"),
               Decimal("1234567.89"), Decimal("3480000000000.99")]
    with any_db.write() as s:
        project = Project(agency="ตท.สป.", name="เงิน")
        doc = Document(kind="report", title="เงิน", content_hash="h" * 64, text="x")
        s.add_all([project, doc])
        for i, amount in enumerate(amounts):
            s.add(QuarterReport(project=project, document=doc if i == 0 else Document(
                kind="report", title="เงิน", content_hash=f"{i}" * 64, text="x"),
                budget_baht=amount, disbursement_actual_baht=amount))
    with any_db.read() as s:
        got = s.scalars(select(QuarterReport.budget_baht).order_by(QuarterReport.id)).all()
    assert got == amounts
    assert all(isinstance(v, Decimal) for v in got)


# ============================================================================ ingest (library)


def _doc_rows(db: Database) -> list[dict[str, Any]]:
    with db.read() as s:
        return list_documents(s)


def test_store_sample_on_both_backends(any_db: Database) -> None:
    with any_db.write() as s:
        result = store_documents(s, sample_documents())
    assert (result.added, result.skipped) == (2, 0)
    docs = _doc_rows(any_db)
    assert sum(d["passages"] for d in docs) == result.passages > 0
    assert {(d["kind"], d["date"]) for d in docs} == {
        ("news", "2023-03-27"), ("report", "2023-03-31")}
    with any_db.read() as s:
        [row] = list_projects(s)
        release = s.execute(select(NewsRelease.release_no, NewsRelease.office)).one()
        n_alignments = s.scalar(select(func.count(Alignment.id)))
    assert row["agency"] == "ตท.สป."
    assert row["budget_baht"] == Decimal("9684500") and isinstance(row["budget_baht"], Decimal)
    assert (row["fiscal_year"], row["quarter"]) == (2566, 2)
    assert (row["period_start"], row["period_end"]) == ("2023-01-01", "2023-03-31")
    assert (row["target_level"], row["result_level"]) == (5, 5)
    assert row["disbursement_target_baht"] == row["disbursement_actual_baht"] == Decimal(0)
    assert row["problems"] is None
    assert row["sdg_goals"] == [1, 17]
    assert tuple(release) == ("293/2566", "กองสารนิเทศ สป.มท.")
    assert n_alignments == 9


def test_store_is_idempotent_by_content(any_db: Database) -> None:
    with any_db.write() as s:
        store_documents(s, sample_documents())
    extra = parse_plain("ข้อความใหม่", title="ใหม่")
    with any_db.write() as s:
        again = store_documents(s, [*sample_documents(), extra, extra])
    assert (again.added, again.skipped) == (1, 3)
    with any_db.write() as s:
        third = store_documents(s, [*sample_documents(), extra])
    assert (third.added, third.skipped, third.passages) == (0, 3, 0)
    with any_db.read() as s:
        assert document_count(s) == 3
        assert s.scalar(select(func.count(Project.id))) == 1


def test_store_is_one_transaction(any_db: Database) -> None:
    with any_db.write() as s:
        store_documents(s, sample_documents())

    def docs() -> Iterator[ParsedDocument]:
        yield parse_plain("ก่อนความผิดพลาด", title="ก่อน")
        yield parse_plain("ก่อนความผิดพลาด 2", title="ก่อน 2")
        raise DocumentError("bad.txt: เสีย")

    with pytest.raises(DocumentError), any_db.write() as s:
        store_documents(s, docs(), batch_size=1)  # the first two are flushed already
    with any_db.read() as s:
        assert document_count(s) == 2
        assert s.scalar(select(func.count(Passage.id))) == sum(
            d["passages"] for d in list_documents(s))


def test_store_progress_counts_every_document(sqlite_db: Database) -> None:
    seen: list[int] = []
    progress: Callable[[int], None] = seen.append
    with sqlite_db.write() as s:
        store_documents(s, [*sample_documents(), *sample_documents()], progress=progress)
    assert sum(seen) == 4


def test_report_passages_read_thai_dates_not_iso() -> None:
    """Issue 13, fault 8: a Thai reply quoted "ไตรมาสที่ 2 ปีงบประมาณ 2566 (2023-01-01 ถึง
    2023-03-31)"; every date a person reads is a Thai date in the Buddhist era."""
    from knowledge.ingest import sample_documents
    from knowledge.passages import split_sections

    report = next(d for d in sample_documents() if d.report is not None)
    texts = [p.text for p in split_sections(report.sections)]
    period = next(t for t in texts if "ห้วงการรายงาน" in t)
    assert "(1 มกราคม 2566 ถึง 31 มีนาคม 2566)" in period
    assert not any(re.search(r"\d{4}-\d{2}-\d{2}", t) for t in texts)


@pytest.mark.parametrize("encoding", ["cp874", "utf-16", "utf-8-sig"])
def test_thai_text_files_as_windows_saves_them(tmp_path: Path, encoding: str) -> None:
    # Notepad on a Thai Windows: "ANSI" is code page 874 (TIS-620), "Unicode" UTF-16 + BOM.
    text = "รายงานผลการดำเนินงาน\n\nธนาคารขยะ 14,658 แห่ง ครบทุก อปท. “สำเร็จ”\n"
    path = tmp_path / f"notes-{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    (doc,) = list(read_path(path))
    assert "ธนาคารขยะ 14,658 แห่ง" in doc.text and "“สำเร็จ”" in doc.text
    assert "\ufeff" not in doc.text
    lines = tmp_path / f"lines-{encoding}.jsonl"
    lines.write_bytes(json.dumps({"title": "ข่าว", "text": text}, ensure_ascii=False)
                      .encode("cp874" if encoding == "cp874" else "utf-8") + b"\n")
    (item,) = list(read_path(lines))
    assert "ธนาคารขยะ" in item.text
