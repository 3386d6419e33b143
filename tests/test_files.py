"""PDF, Word and Excel files: readers, fixtures made by real tools, ingest, remove, reparse.

The fixtures in tests/data/files were made by tests/data/files/make_fixtures.py
(python-docx, openpyxl, LibreOffice with the Thai TLW fonts, a rasterised page for the
scan); CI needs none of those tools.  OCR needs Tesseract's Thai model (Debian's
tesseract-ocr, tesseract-ocr-tha, installed by .ci/run); without it only the OCR test
skips, and a scan is reported as needing OCR (tested with OCR switched off).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from cli_run import Run
from sqlalchemy import func, select

from knowledge.parsers import DocumentError, ParsedDocument, parse_text
from knowledge.readers import read_file_bytes
from knowledge.readers.form import row_line
from knowledge.readers.pdf import NeedsOCR, ocr_available, read_pdf_pages
from knowledge.readers.safety import check_office_zip
from knowledge.readers.thaifix import reflow, repair_thai, strip_page_furniture
from knowledge.readers.xlsx import read_xlsx, to_date
from knowledge.thai import normalize_text

FILES = Path(__file__).parent / "data" / "files"
SEED_REPORT = Path(__file__).parents[1] / "knowledge" / "sample" / "report_000.txt"
RECORDS = Path(__file__).parents[2] / "shared" / "data" / "thaime-nesdc" / \
    "thaime_project_records.jsonl"


def squeeze(text: str) -> str:
    return re.sub(r"[\s|]+", "", normalize_text(text))


@pytest.fixture(scope="module")
def parsed() -> dict[str, ParsedDocument]:
    """Every text-layer fixture parsed once (PDF reading walks every character)."""
    names = ["report_pages.pdf", "report_pages.docx", "form_table.pdf", "form_table.docx"]
    return {n: read_file_bytes((FILES / n).read_bytes(), n) for n in names}


# -- Thai repair ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("broken", "fixed"),
    [
        ("ดําเนินงาน", "ดำเนินงาน"),  # nikhahit + sara aa
        ("ก\u0e48\u0e35", "กี่"),  # tone mark before the upper vowel
        ("ยั ่งยืน", "ยั่งยืน"),  # mark cut off by a space
        ("ที่\u0e48", "ที่"),  # the same mark twice
        ("น\u0e49\u0e33", "น้ำ"),  # sara am then... tone in typed order already
        ("น\u0e33\u0e49", "น้ำ"),  # tone after sara am
        ("ธนาคารขยะ ๑๔,๖๕๘ แห่ง", "ธนาคารขยะ ๑๔,๖๕๘ แห่ง"),  # right text unchanged
    ],
)
def test_repair_thai(broken: str, fixed: str) -> None:
    assert repair_thai(broken) == fixed


def test_page_furniture_removed_body_kept() -> None:
    words = ["หนึ่ง", "สอง", "สาม"]
    body = ["โครงการธนาคารขยะ", "ถังขยะเปียกลดโลกร้อน", "หมู่บ้านยั่งยืน", "ผ้าไทย", "๗๖ จังหวัด"]
    pages = [
        ["รายงานผลการดำเนินงาน ไตรมาส 2", *[f"{b}{words[n - 1]}" for b in body], f"- {n} -"]
        for n in range(1, 4)
    ]
    pages[1].insert(3, "2")  # a bare number in the middle of the body stays
    pages.append(["รายงานผลการดำเนินงาน ไตรมาส 2", "ปัญหาและอุปสรรค", "หน้า 4"])  # a short page
    out = strip_page_furniture(pages)
    for n, lines in enumerate(out[:3], 1):
        want = [f"{b}{words[n - 1]}" for b in body]
        assert lines == ([*want[:2], "2", *want[2:]] if n == 2 else want)
    assert out[3] == ["ปัญหาและอุปสรรค"]


def test_reflow_joins_wrapped_thai_and_keeps_items() -> None:
    lines = [
        "1. การขับเคลื่อนเป้าหมายการพัฒนาที่ยั่งยืนของกระทรวงมหาดไทยในพื้นที่",
        "จังหวัดเชียงใหม่",
        "2. โครงการธนาคารขยะ",
        "เป้าหมาย\t2.0000 ระดับ 5",
    ]
    assert reflow(lines) == [
        "1. การขับเคลื่อนเป้าหมายการพัฒนาที่ยั่งยืนของกระทรวงมหาดไทยในพื้นที่จังหวัดเชียงใหม่",
        "2. โครงการธนาคารขยะ",
        "เป้าหมาย\t2.0000 ระดับ 5",
    ]


@pytest.mark.parametrize(
    ("cells", "line"),
    [
        (["หน่วยงาน", "ตท.สป."], "1. หน่วยงาน ตท.สป."),
        (["2. ชื่อโครงการ", "ธนาคารขยะ"], "2. ชื่อโครงการ ธนาคารขยะ"),
        (["ยุทธศาสตร์ชาติ", "ด้านความมั่นคง"], "6.1 ยุทธศาสตร์ชาติ ด้านความมั่นคง"),
        (["ผลการดำเนินงาน", "2.0000 ระดับ 5"], "- ผลการดำเนินงาน (2.0000 ระดับ 5)"),
        (["ผลการเบิกจ่าย", "0.5 ล้านบาท"], "- ผลการเบิกจ่าย 0.5 ล้านบาท"),
        (["อำเภอ", "เมือง", "เมือง"], "อำเภอ | เมือง"),
        (["", " "], ""),
    ],
)
def test_form_table_rows(cells: list[str], line: str) -> None:
    assert row_line(cells) == line


# -- PDF and Word fixtures --------------------------------------------------------------------
def test_pdf_text_equals_its_source_after_normalisation() -> None:
    pdf = read_pdf_pages((FILES / "report_pages.pdf").read_bytes(), "report_pages.pdf")
    source = (FILES / "source_report_pages.txt").read_text(encoding="utf-8")
    assert len(pdf.pages) == 5
    text = pdf.text
    # No page furniture: the running header and the "หน้า N" footer are gone.
    assert "แบบรายงานผลการดำเนินงาน กระทรวงมหาดไทย" not in text
    assert not re.search(r"^หน้า \d+$", text, re.M)
    # No decomposed sara am, no mark cut off by a space.
    assert "\u0e4d\u0e32" not in text
    assert not re.search(r"\s[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]", text)
    assert squeeze(text) == squeeze(source)
    # The table's cells are kept apart (a tab between them), not run together.
    assert "เป้าหมายการดำเนินงาน\t2.0000 ระดับ 5" in text
    # Words broken at line ends are joined: the form's long fields read whole.
    assert any(p.startswith("2. ชื่อโครงการ การขับเคลื่อนเป้าหมายการพัฒนาที่ยั่งยืน (SDGs) กระทรวงมหาดไทย")
               for p in pdf.pages[0].paragraphs)


FIELDS = ("agency", "name", "indicator", "budget_baht", "fiscal_year", "quarter", "period_start",
          "period_end", "target_level", "result_level", "disbursement_target_baht",
          "disbursement_actual_baht")


@pytest.mark.parametrize(
    "name", ["report_pages.pdf", "report_pages.docx", "form_table.pdf", "form_table.docx"]
)
def test_report_fixtures_parse_into_the_text_forms_fields(
    parsed: dict[str, ParsedDocument], name: str
) -> None:
    want = parse_text(SEED_REPORT.read_text(encoding="utf-8")).report
    got = parsed[name].report
    assert want is not None and got is not None, name
    for f in FIELDS:
        assert getattr(got, f) == getattr(want, f), (name, f)
    assert got.budget_baht == Decimal("9684500")
    assert (got.fiscal_year, got.quarter) == (2566, 2)
    # A space at a PDF line's end is not kept (Thai joins across lines without one).
    assert [(a.field, squeeze(a.value)) for a in got.alignments] == [
        (a.field, squeeze(a.value)) for a in want.alignments]
    assert parsed[name].kind == "report"
    assert parsed[name].original is not None and parsed[name].original.filename == name


def test_the_text_form_with_its_level_table_parses_into_the_same_fields() -> None:
    """The source text of the PDF fixture lays field 7's levels out as a table (label, tab,
    value, no "-" nor parentheses): its levels and disbursement are the form's too."""
    want = parse_text(SEED_REPORT.read_text(encoding="utf-8")).report
    got = parse_text((FILES / "source_report_pages.txt").read_text(encoding="utf-8")).report
    assert want is not None and got is not None
    for f in FIELDS:
        assert getattr(got, f) == getattr(want, f), f
    assert (got.target_level, got.result_level) == (5, 5)
    assert got.disbursement_actual_baht == Decimal(0)
    # The level rows are fields, not part of the results' prose.
    assert got.results_text is not None and "ผลการเบิกจ่าย" not in got.results_text


def test_a_sentence_that_starts_like_a_level_row_is_not_one() -> None:
    text = SEED_REPORT.read_text(encoding="utf-8").replace(
        "- เป้าหมายการเบิกจ่าย 0.0000 ล้านบาท - ผลการเบิกจ่าย 0.0000 ล้านบาท\n",
        "ผลการเบิกจ่ายเป็นไปตามแผนของกรม\n")
    got = parse_text(text).report
    assert got is not None and got.disbursement_actual_baht is None
    assert got.results_text is not None and "ผลการเบิกจ่ายเป็นไปตามแผน" in got.results_text


def test_pdf_passages_keep_their_pages(parsed: dict[str, ParsedDocument]) -> None:
    doc = parsed["report_pages.pdf"]
    assert doc.pages == 5
    pages = {s.name: s.page for s in doc.sections}
    assert pages["field:agency"] == 1
    # The level table is on page 4 of the PDF, the results start on page 2.
    assert pages["field:levels"] == 4
    assert min(s.page or 0 for s in doc.sections if s.name == "results") == 2
    assert all(s.page is not None for s in doc.sections)


def test_scan_without_ocr_engine_is_reported_as_needing_ocr() -> None:
    with pytest.raises(NeedsOCR, match="OCR") as err:
        read_pdf_pages((FILES / "scanned.pdf").read_bytes(), "scanned.pdf", ocr=lambda: None)
    assert "scanned.pdf" in str(err.value) and "หน้า 1" in str(err.value)


@pytest.mark.skipif(not ocr_available(),
                    reason="Tesseract with its Thai model (tesseract-ocr-tha) is not installed")
def test_ocr_of_the_scanned_page_finds_the_key_numbers() -> None:
    doc = read_file_bytes((FILES / "scanned.pdf").read_bytes(), "scanned.pdf")
    text = normalize_text(doc.text)
    assert "9.6845" in text and "ล้านบาท" in text
    assert "31 มี.ค. 66" in text and "ตท.สป." in text
    assert all(s.page == 1 for s in doc.sections)


# -- refused files ----------------------------------------------------------------------------
def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "why"),
    [
        ("bomb.docx", _zip({"word/document.xml": b"\0" * (30 * 2**20)}), "zip bomb"),
        ("bomb.xlsx", _zip({"xl/workbook.xml": b"<w/>", "xl/big.xml": b"a" * (30 * 2**20)}),
         "zip bomb"),
        ("locked.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "password"),
        ("locked.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "password"),
        ("broken.docx", b"PK\x03\x04 truncated", "corrupt"),
        ("notword.docx", _zip({"hello.txt": b"hi"}), "word/document.xml"),
        ("broken.pdf", b"%PDF-1.4\n%%EOF", "damaged"),
        ("empty.pdf", b"", "empty"),
        ("report.doc", b"\xd0\xcf\x11\xe0", "unsupported"),
        ("noheaders.xlsx", None, "headers"),
    ],
)
def test_bad_files_are_refused_cleanly(name: str, data: bytes | None, why: str) -> None:
    if data is None:
        import openpyxl

        wb = openpyxl.Workbook()
        wb.active.append(["a", "b"])
        buf = io.BytesIO()
        wb.save(buf)
        data = buf.getvalue()
    with pytest.raises(DocumentError) as err:
        read_file_bytes(data, name)
    msg = str(err.value)
    assert msg.startswith(name) and why in msg
    assert re.search(r"[\u0e01-\u0e5b]", msg.split(":", 1)[1].split("(")[0])  # Thai first


def test_zip_check_passes_real_office_files() -> None:
    check_office_zip((FILES / "form_table.docx").read_bytes(), "x", "word/document.xml")
    check_office_zip((FILES / "projects.xlsx").read_bytes(), "x", "xl/workbook.xml")


# -- workbooks and records --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "date"),
    [
        (dt.datetime(2563, 6, 22), dt.date(2020, 6, 22)),  # Buddhist year stored as a date
        (dt.datetime(1963, 6, 22), dt.date(2020, 6, 22)),  # "63" read as 1963
        (dt.datetime(2020, 6, 23), dt.date(2020, 6, 23)),
        ("2563-06-22", dt.date(2020, 6, 22)),
        ("22 มิ.ย. 63", dt.date(2020, 6, 22)),
        (dt.datetime(2564, 2, 29), dt.date(2021, 2, 28)),  # 29 Feb 2564 BE does not exist
        ("19  ", None),
        (None, None),
        # Numbers, day first: Buddhist, Christian and two-digit Buddhist years (a text
        # "15/01/2024" was refused "date is not a date" while a date cell was read).
        ("15/01/2567", dt.date(2024, 1, 15)),
        ("15/01/2024", dt.date(2024, 1, 15)),
        ("15-1-67", dt.date(2024, 1, 15)),
        ("๑๕/๐๑/๒๕๖๗", dt.date(2024, 1, 15)),
        ("1.2.2563", dt.date(2020, 2, 1)),
        ("32/01/2024", None),  # no such day
        ("15/13/2567", None),  # no such month
    ],
)
def test_workbook_dates(value: object, date: dt.date | None) -> None:
    assert to_date(value) == date


def test_workbook_rows_with_real_messes() -> None:
    wb = read_xlsx((FILES / "projects.xlsx").read_bytes(), "projects.xlsx")
    assert wb.rows_read == 6
    names = [r.name for r in wb.rows]
    assert names[0] == "โครงการติดตั้งไฟฟ้าส่องสว่างถนนสาธารณะ"  # line break inside the cell
    first = wb.rows[0]
    assert (first.agency, first.province, first.budget_baht) == (
        "องค์การบริหารส่วนจังหวัดเชียงใหม่", "เชียงใหม่", Decimal("700000000.00"))
    assert (first.submitted_on, first.fiscal_year, first.quarter) == (dt.date(2020, 6, 22), 2563, 3)
    assert wb.rows[2].budget_baht == Decimal("448500.00")  # typed as "448,500"
    assert wb.rows[2].submitted_on == dt.date(2020, 6, 22)  # typed as "22 มิ.ย. 63"
    assert len(wb.rows) == 4  # the duplicate is a row here; storing drops it
    assert dict(wb.refused) == {
        "ไม่มีชื่อโครงการ (no project name)": 1,
        "วงเงินงบประมาณไม่ใช่จำนวนเงิน (budget is not an amount)": 1,
    }


def test_headers_in_english_and_a_title_row_above_them() -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["รายชื่อโครงการ ปี 2563"])
    ws.append([])
    ws.append(["group", "project_name", "budget", "agency", "ministry", "province", "date"])
    ws.append([3.2, "ขุดลอกคลอง", 1000, "อบต.ทดสอบ", "มหาดไทย", "ตรัง", dt.datetime(1963, 6, 1)])
    buf = io.BytesIO()
    wb.save(buf)
    got = read_xlsx(buf.getvalue(), "en.xlsx")
    assert [(r.name, r.agency, r.province, r.budget_baht, r.plan) for r in got.rows] == [
        ("ขุดลอกคลอง", "อบต.ทดสอบ", "ตรัง", Decimal("1000.00"), "3.2")]


# -- command line: ingest, docs, remove, reparse ----------------------------------------------
def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    (folder / "sub").mkdir(parents=True)
    for name in ("report_pages.pdf", "projects.xlsx"):
        (folder / "sub" / name).write_bytes((FILES / name).read_bytes())
    (folder / "form_table.docx").write_bytes((FILES / "form_table.docx").read_bytes())
    (folder / "scan.png").write_bytes(b"\x89PNG\r\n")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\n")
    return folder


def _index_in_step(home: Path) -> tuple[int, int]:
    """Passages in the database and in the saved index (read from disk, not synced)."""
    from indexer.service import SearchIndex
    from knowledge.db import Database, sqlite_url
    from knowledge.models import Passage

    db = Database(sqlite_url(home))
    try:
        with db.read() as s:
            n_db = s.scalar(select(func.count(Passage.id))) or 0
        n_index = SearchIndex(db, home / "index").size
    finally:
        db.dispose()
    return n_db, n_index


def test_ingest_folder_lists_skipped_files_last_and_docs_show_pages(
    run: Run, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    folder = _folder(tmp_path)
    res = run(home, "ingest", str(folder))
    assert res.code == 0, res.err
    lines = res.out.strip().split("\n")
    assert lines[-2:] == [
        f"ข้าม {folder / 'broken.pdf'}: ไฟล์ PDF เสียหรืออ่านไม่ได้ (damaged PDF: Failed to load "
        "document (PDFium: Data format error).) (skipped)",
        f"ข้าม {folder / 'scan.png'}: ไม่รองรับไฟล์ชนิดนี้ (unsupported file type) (skipped)",
    ]
    assert "added 3" in lines[0]
    assert any("added 3, duplicates 1, refused 2" in ln for ln in lines)
    assert any("supersedes" in ln for ln in lines)  # the same report three times
    docs = run(home, "docs", "--json").json()
    by_title = {(d["kind"], d["original"]): d for d in docs}
    pdf = by_title[("report", "report_pages.pdf")]
    assert (pdf["pages"], pdf["superseded_by"]) == (5, None)
    assert by_title[("workbook", "projects.xlsx")]["projects"] == 3
    # The older versions of the report are kept whole, marked, and hidden from search.
    older = [d for d in docs if d["superseded_by"]]
    assert older and all(d["passages"] > 0 for d in older)
    assert {"id", "kind", "title", "date", "passages"} <= set(docs[0])
    n_db, n_index = _index_in_step(home)
    assert n_db == n_index
    hits = run(home, "search", "ESCAP Hall", "--json").json()["hits"]
    assert hits[0]["doc_id"] == pdf["id"]
    assert not {h["doc_id"] for h in hits} & {d["id"] for d in older}


def test_ingest_of_a_bad_file_named_outright_writes_nothing(run: Run, tmp_path: Path) -> None:
    home = tmp_path / "home"
    bad = tmp_path / "locked.xlsx"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64)
    good = tmp_path / "projects.xlsx"
    good.write_bytes((FILES / "projects.xlsx").read_bytes())
    res = run(home, "ingest", str(good), str(bad))
    assert res.code == 1 and str(bad) in res.err and "password" in res.err
    assert all(d["kind"] != "workbook" for d in run(home, "docs", "--json").json())


def test_remove_and_reparse_keep_database_and_index_in_step(run: Run, tmp_path: Path) -> None:
    home = tmp_path / "home"
    pdf = tmp_path / "report_pages.pdf"
    pdf.write_bytes((FILES / "report_pages.pdf").read_bytes())
    assert run(home, "ingest", str(pdf)).code == 0
    doc_id = next(d["id"] for d in run(home, "docs", "--json").json()
                  if d["original"] == "report_pages.pdf")

    def hits_of(doc: int) -> list[Any]:
        found = run(home, "search", "ESCAP Hall ศูนย์ประชุมสหประชาชาติ", "--json").json()["hits"]
        return [h for h in found if h["doc_id"] == doc]

    before = {h["passage_id"] for h in hits_of(doc_id)}
    assert before
    res = run(home, "reparse", str(doc_id), "--json")
    assert res.code == 0, res.err
    new_id = res.json()[0]["new_id"]
    after = {h["passage_id"] for h in hits_of(new_id)}
    assert after and not after & before  # the old passages are gone from the index
    n_db, n_index = _index_in_step(home)
    assert n_db == n_index

    res = run(home, "remove", str(new_id))
    assert res.code == 0 and "removed document" in res.out
    assert not hits_of(new_id)
    assert all(d["id"] != new_id for d in run(home, "docs", "--json").json())
    n_db, n_index = _index_in_step(home)
    assert n_db == n_index

    res = run(home, "remove", str(new_id))
    assert res.code == 1 and f"no document {new_id}" in res.err


def test_reparse_without_kept_original_says_so(run: Run, tmp_path: Path) -> None:
    home = tmp_path / "home"
    lines = tmp_path / "news.jsonl"  # a line of JSON is not kept as a file of its own
    lines.write_text('{"title": "ข่าวทดสอบ", "text": "ข่าวทดสอบการอ่านใหม่", "kind": "news"}\n',
                     encoding="utf-8")
    assert run(home, "ingest", str(lines)).code == 0
    doc_id = next(d["id"] for d in run(home, "docs", "--json").json()
                  if d["title"] == "ข่าวทดสอบ")
    res = run(home, "reparse", str(doc_id))
    assert res.code == 1 and "no original kept" in res.out


def test_reparse_of_a_workbook_keeps_its_projects(run: Run, tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert run(home, "ingest", str(FILES / "projects.xlsx")).code == 0
    (old,) = [d for d in run(home, "docs", "--json").json() if d["kind"] == "workbook"]
    res = run(home, "reparse", str(old["id"]), "--json")
    assert res.code == 0, res.err
    (new,) = [d for d in run(home, "docs", "--json").json() if d["kind"] == "workbook"]
    assert new["id"] == res.json()[0]["new_id"] and new["projects"] == old["projects"] == 3


# -- versions of the same report: kept, hidden, brought back -----------------------------------
def _versions(run: Run, home: Path) -> dict[int, dict[str, Any]]:
    return {d["id"]: d for d in run(home, "docs", "--json").json() if d["kind"] == "report"}


def _current(run: Run, home: Path) -> list[int]:
    return [i for i, d in _versions(run, home).items() if d["superseded_by"] is None]


def _level_answer(run: Run, home: Path) -> dict[str, Any]:
    res = run(home, "ask", "ผลการดำเนินงานระดับเท่าไร", "--json")
    assert res.code == 0, res.err
    return res.json()  # type: ignore[no-any-return]


def test_a_superseded_report_keeps_everything_and_comes_back_whole(
    run: Run, tmp_path: Path
) -> None:
    """Every version of the form is kept with its passages; removing the newest makes the
    one before it current again, searchable and answering at once, index in step."""
    home = tmp_path / "home"
    assert run(home, "ingest", str(FILES)).code == 0
    versions = _versions(run, home)
    seed = min(versions)  # the bundled form, stored first
    assert versions[seed]["original"] == "report_000.txt"
    assert all(d["passages"] > 0 for d in versions.values())
    (newest,) = _current(run, home)
    chain = sorted(versions)
    assert [versions[i]["superseded_by"] for i in chain] == [*chain[1:], None]
    assert _level_answer(run, home)["answer"].startswith("ระดับ 5")

    res = run(home, "remove", str(newest), "--json")
    assert res.code == 0 and res.json()["restored"] == [chain[-2]]
    assert _current(run, home) == [chain[-2]]
    back = _versions(run, home)[chain[-2]]
    assert back["passages"] == versions[chain[-2]]["passages"] > 0
    answer = _level_answer(run, home)
    assert answer["found"] and answer["answer"].startswith("ระดับ 5"), answer
    (project,) = run(home, "projects", "--json").json()
    assert (project["result_level"], project["disbursement_actual_baht"]) == (5, 0)
    hits = run(home, "search", "ESCAP Hall", "--json").json()["hits"]
    assert hits[0]["doc_id"] == chain[-2]
    assert not {h["doc_id"] for h in hits} & (set(chain) - {chain[-2]})
    assert _index_in_step(home)[0] == _index_in_step(home)[1]

    # Removing a version in the middle joins the chain: one current version still.
    res = run(home, "remove", str(chain[1]))
    assert res.code == 0
    after = _versions(run, home)
    assert after[chain[0]]["superseded_by"] == chain[2]
    assert _current(run, home) == [chain[-2]]


def test_reparse_gives_a_complete_version_in_the_same_place(run: Run, tmp_path: Path) -> None:
    home = tmp_path / "home"
    for name in ("report_pages.docx", "report_pages.pdf"):
        assert run(home, "ingest", str(FILES / name)).code == 0
    versions = _versions(run, home)
    seed, docx, pdf = sorted(versions)
    assert _current(run, home) == [pdf]

    res = run(home, "reparse", "--json")  # every current document with an original
    assert res.code == 0, res.err
    new_pdf = next(r["new_id"] for r in res.json() if r["old_id"] == pdf)
    after = _versions(run, home)
    assert pdf not in after and after[new_pdf]["superseded_by"] is None
    assert after[new_pdf]["passages"] == versions[pdf]["passages"]
    assert after[docx]["superseded_by"] == new_pdf  # still the version before
    assert after[docx]["passages"] == versions[docx]["passages"]

    # A superseded version read again stays superseded: the current one stays current.
    res = run(home, "reparse", str(docx), "--json")
    assert res.code == 0, res.err
    new_docx = res.json()[0]["new_id"]
    after = _versions(run, home)
    assert after[new_docx]["superseded_by"] == new_pdf
    assert after[new_docx]["passages"] == versions[docx]["passages"]
    assert after[seed]["superseded_by"] == new_docx
    assert _current(run, home) == [new_pdf]
    assert _level_answer(run, home)["answer"].startswith("ระดับ 5")

    # The bundled seed form is kept as a file too, so it can be read again.
    res = run(home, "reparse", str(seed), "--json")
    assert res.code == 0 and res.json()[0]["new_id"] is not None, res.out
    assert _index_in_step(home)[0] == _index_in_step(home)[1]


@pytest.mark.skipif(not RECORDS.is_file(), reason="shared ThaiME records not present")
def test_thaime_project_records_ingest_as_projects(run: Run, tmp_path: Path) -> None:
    home = tmp_path / "home"
    part = tmp_path / "records.jsonl"
    part.write_text("".join(RECORDS.read_text(encoding="utf-8").splitlines(True)[:3]),
                    encoding="utf-8")
    res = run(home, "ingest", str(part), "--json")
    assert res.code == 0, res.err
    assert res.json()["added"] == 3 and res.json()["projects_added"] == 3
    docs = [d for d in run(home, "docs", "--json").json() if d["kind"] == "project"]
    assert len(docs) == 3 and all(d["projects"] == 1 for d in docs)
    hits = run(home, "search", "อาหารพื้นถิ่นเมืองภูเก็ต", "--json").json()["hits"]
    assert hits and hits[0]["doc_id"] in {d["id"] for d in docs}


def test_ingest_on_the_command_line_reads_a_file_by_its_content(run: Run, tmp_path: Path) -> None:
    # A workbook called .pdf and a PDF called .txt are read as what they hold, as a file
    # sent in chat is: "damaged PDF (PDFium: Data format error)" and "binary file, not
    # text" were the replies.
    home = tmp_path / "home"
    workbook = tmp_path / "projects_really_xlsx.pdf"
    workbook.write_bytes((FILES / "projects.xlsx").read_bytes())
    report = tmp_path / "report_pages.txt"
    report.write_bytes((FILES / "report_pages.pdf").read_bytes())
    res = run(home, "ingest", str(workbook), str(report))
    assert res.code == 0, res.err
    kinds = {d["kind"]: d for d in run(home, "docs", "--json").json()}
    assert kinds["workbook"]["projects"] == 3
    assert kinds["report"]["pages"] == 5


def test_ingest_of_a_damaged_file_of_another_type_than_named_names_the_path(
        run: Run, tmp_path: Path) -> None:
    home = tmp_path / "home"
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"PK\x03\x04" + b"\0" * 64)  # a zip's opening, no archive
    res = run(home, "ingest", str(broken))
    assert res.code == 1 and f"{broken}: " in res.err and "zip" in res.err
    assert "Traceback" not in res.err


def test_workbook_cells_merged_down_rows_belong_to_every_row() -> None:
    # Agency, ministry and province merged down the rows of their projects, as government
    # sheets lay them out: only the first row had them ("ไม่รับ 2 แถว: ไม่มีหน่วยงาน").
    wb = read_xlsx((FILES / "merged_projects.xlsx").read_bytes(), "merged_projects.xlsx")
    assert [(r.name, r.agency, r.ministry, r.province) for r in wb.rows] == [
        (name, "องค์การบริหารส่วนตำบลนาโยงเหนือ", "กระทรวงมหาดไทย", "ตรัง")
        for name in ("ขุดลอกคลองบ้านนา", "ปรับปรุงถนนลูกรังหมู่ 4", "ก่อสร้างฝายชะลอน้ำ")]
    # A heading merged across its row stays one cell: no project named by it, nor an
    # agency; a section heading, not a refused row.
    assert dict(wb.refused) == {} and wb.refused_at == {}
    assert wb.sections == 1 and wb.rows_read == 3


def _sectioned_workbook(headings: list[str], *, merge_to: str = "H") -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["ลำดับ", "ชื่อโครงการ", "วงเงินงบประมาณ", "หน่วยรับงบประมาณ", "กระทรวง",
               "จังหวัด", "วันเสนอโครงการ", "หมายเหตุ"])
    n = 1
    for k, heading in enumerate(headings):
        ws.append([heading])
        ws.merge_cells(f"A{ws.max_row}:{merge_to}{ws.max_row}")
        for j in range(2):
            ws.append([n, f"โครงการ {k}-{j}", 1000, "อบต.ทดสอบ", "มหาดไทย",
                       None if heading.startswith("จังหวัด") else "ตรัง", None, None])
            n += 1
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_a_section_heading_merged_across_the_table_is_no_refused_row() -> None:
    # "ภาคเหนือ" merged A:H between the project rows was refused "no project name".
    got = read_xlsx(_sectioned_workbook(["ภาคเหนือ", "ภาคใต้", "จังหวัดกระบี่"]), "s.xlsx")
    assert dict(got.refused) == {} and got.sections == 3 and got.rows_read == 6
    # The list has no group column: the heading is the rows' group; a heading naming a
    # province gives the rows without one their province.
    assert [(r.name, r.plan, r.province) for r in got.rows] == [
        ("โครงการ 0-0", "ภาคเหนือ", "ตรัง"), ("โครงการ 0-1", "ภาคเหนือ", "ตรัง"),
        ("โครงการ 1-0", "ภาคใต้", "ตรัง"), ("โครงการ 1-1", "ภาคใต้", "ตรัง"),
        ("โครงการ 2-0", None, "กระบี่"), ("โครงการ 2-1", None, "กระบี่")]


def test_a_cell_merged_over_part_of_a_row_is_still_a_row() -> None:
    # Merged over only the first columns (not across the table), the row is a row: its
    # missing agency is still told.
    got = read_xlsx(_sectioned_workbook(["ภาคเหนือ"], merge_to="C"), "s.xlsx")
    assert got.sections == 0 and dict(got.refused) == {"ไม่มีชื่อโครงการ (no project name)": 1}


def test_ingest_names_the_rows_it_refused(run: Run, tmp_path: Path) -> None:
    import openpyxl

    home = tmp_path / "home"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["ชื่อโครงการ", "หน่วยรับงบประมาณ", "วงเงินงบประมาณ"])
    ws.append(["ขุดลอกคลอง", "อบต.ทดสอบ", 1000])
    for k in range(7):  # rows 3..9: no agency
        ws.append([f"โครงการ {k}", None, 1000])
    path = tmp_path / "rows.xlsx"
    wb.save(path)
    res = run(home, "ingest", str(path))
    assert res.code == 0, res.err
    line = next(ln for ln in res.out.splitlines() if "ไม่มีหน่วยงาน" in ln)
    assert "ไม่รับ 7 แถว" in line
    assert f"{path.name}!Sheet1!3" in line and f"{path.name}!Sheet1!7" in line
    assert f"{path.name}!Sheet1!8" not in line and line.endswith("…")
    data = run(tmp_path / "home2", "ingest", "--json", str(path)).json()
    assert data["rows_refused_at"]["ไม่มีหน่วยงาน (no agency)"][0] == f"{path.name}!Sheet1!3"


def test_dates_filled_down_one_day_a_row_are_told(run: Run, tmp_path: Path) -> None:
    # A real workbook's dates run 22 มิ.ย. 63, 23, 24, ... over hundreds of rows: a date
    # dragged down in a spreadsheet, which files the projects under later quarters.
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["ชื่อโครงการ", "หน่วยรับงบประมาณ", "วันเสนอโครงการ"])
    for k in range(12):  # a short run of consecutive days is nothing to tell
        ws.append([f"ซ่อมถนน {k}", "อบต.ทดสอบ", dt.datetime(2020, 6, 1) + dt.timedelta(days=k)])
    ws.append(["ขุดบ่อ", "อบต.ทดสอบ", dt.datetime(2020, 6, 22)])
    for k in range(1, 40):  # rows 15..53: 40 days in a row with the one above
        ws.append([f"ขุดลอกคลอง {k}", "อบต.ทดสอบ",
                   dt.datetime(2020, 6, 22) + dt.timedelta(days=k)])
    path = tmp_path / "filled.xlsx"
    wb.save(path)
    res = run(tmp_path / "home", "ingest", str(path))
    assert res.code == 0, res.err
    notes = [ln for ln in res.out.splitlines() if "⚠️" in ln]
    assert len(notes) == 1 and "filled.xlsx!Sheet1!14-53" in notes[0], res.out
    assert "40 แถว" in notes[0] and "22 มิ.ย. 2563 ถึง 31 ก.ค. 2563" in notes[0]
    data = run(tmp_path / "home2", "ingest", "--json", str(path)).json()
    assert len(data["notes"]) == 1
    assert data["projects_added"] == 52  # told, not refused


def test_a_hidden_sheet_is_not_read_and_told(run: Run, tmp_path: Path) -> None:
    # Rows on a hidden sheet were counted as projects with no word: what the file's
    # author put out of sight is not read, and the ingest says so.
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "โครงการ"
    ws.append(["ชื่อโครงการ", "หน่วยรับงบประมาณ", "จังหวัด", "วงเงินงบประมาณ"])
    ws.append(["ซ่อมถนน", "อบต.ทดสอบ", "น่าน", 10_000])
    hidden = wb.create_sheet("ซ่อน")
    hidden.append(["ชื่อโครงการ", "หน่วยรับงบประมาณ", "จังหวัด", "วงเงินงบประมาณ"])
    hidden.append(["โครงการในชีตซ่อน", "อบต.ทดสอบ", "น่าน", 999_999])
    hidden.sheet_state = "hidden"
    path = tmp_path / "hidden.xlsx"
    wb.save(path)
    data = run(tmp_path / "home", "ingest", "--json", str(path)).json()
    assert data["projects_added"] == 1
    assert any("hidden.xlsx!ซ่อน" in n and "hidden sheet" in n for n in data["notes"]), data


def test_formulas_saved_without_their_values_are_told(run: Run, tmp_path: Path) -> None:
    # openpyxl (and other programs that do not calculate) save a formula with no value:
    # a "=1000*2" budget was taken in silently as unknown and a "=HYPERLINK(...)" name
    # refused as "no project name".
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "โครงการ"
    ws.append(["ชื่อโครงการ", "หน่วยรับงบประมาณ", "จังหวัด", "วงเงินงบประมาณ"])
    ws.append(["ซ่อมถนน", "อบต.ทดสอบ", "น่าน", "=1000*2"])
    ws.append(['=HYPERLINK("http://example.go.th","ขุดบ่อ")', "อบต.ทดสอบ", "น่าน", 5_000])
    ws.append(["ขุดลอกคลอง", "อบต.ทดสอบ", "น่าน", 7_000])
    path = tmp_path / "formulas.xlsx"
    wb.save(path)
    data = run(tmp_path / "home", "ingest", "--json", str(path)).json()
    assert data["projects_added"] == 2, data
    notes = [n for n in data["notes"] if "formula saved without its value" in n]
    assert len(notes) == 1 and "formulas.xlsx!โครงการ!2" in notes[0], data["notes"]
    refused = data["rows_refused_at"]
    assert any("formula" in reason and places == ["formulas.xlsx!โครงการ!3"]
               for reason, places in refused.items()), refused


def test_a_new_version_far_shorter_than_the_old_is_told(run: Run, tmp_path: Path) -> None:
    # The PDF holds items 1-2.2 of the bundled form (same project and quarter): it
    # supersedes the whole form, and "ธนาคารขยะตั้งแล้วกี่แห่ง" was refused from then on.
    home = tmp_path / "home"
    full = Path(__file__).resolve().parent.parent / "knowledge" / "sample" / "report_000.txt"
    assert run(home, "ingest", str(full)).code == 0
    res = run(home, "ingest", str(FILES / "report_pages.pdf"))
    assert res.code == 0, res.err
    lines = res.out.splitlines()
    at = next(i for i, ln in enumerate(lines) if "supersedes" in ln)
    assert "⚠️" in lines[at + 1] and "sdgbot remove" in lines[at + 1], res.out
    # A version as long as the one it replaces is said to supersede it, nothing more.
    again = tmp_path / "again.txt"
    again.write_text(full.read_text(encoding="utf-8") + "\nหมายเหตุ ฉบับปรับปรุง\n", encoding="utf-8")
    out = run(home, "ingest", str(again)).out
    assert "supersedes" in out and "⚠️" not in out, out
