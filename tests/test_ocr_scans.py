"""A scanned report form: read by OCR and said so, its noise dropped, its project matched.

Tester 20 (F1): a scanned copy of a Word form was read by OCR silently; its table rules
became letters in the project's name ("… นครราชสีมา qv Ae  ฆ  ฉ4 aA"), lines of signs
became passages ("[= :  ‘  ;  |"), the levels and the quarter went unread (the OCR
dropped tone marks from "ระดับที่" and "ตัวชี้วัด"), and the scan became a second
project beside the Word version's instead of superseding it.

``data/scans/scan_form.docx`` and ``.pdf`` are made by ``tests/data/files/make_fixtures.py``
(LibreOffice, pdftoppm, Pillow).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from cli_run import Run
from sqlalchemy import select

from knowledge.parsers import parse_report
from knowledge.readers.ocr_clean import clean_ocr_lines, junk_share
from knowledge.readers.ocr_notes import ocr_notes, unread_fields
from knowledge.readers.pdf import ocr_available

FILES = Path(__file__).parent / "data" / "files"
SCANS = Path(__file__).parent / "data" / "scans"


@pytest.mark.parametrize(("line", "kept"), [
    ("2. ชื่อโครงการ ส่งเสริมการจัดการขยะ จังหวัดนครราชสีมา qv Ae  ฆ  ฉ4 aA   aa ev   ฆ",
     "2. ชื่อโครงการ ส่งเสริมการจัดการขยะ จังหวัดนครราชสีมา"),
    ("[= :     ‘     ;     |", None),
    ("ow                   “            A", None),
    ("y                      a                    a", None),
    # Words, numbers, acronyms, dashes and "ณ" are kept.
    ("5. ห้วงการรายงาน ไตรมาสที่ 2 (1 ม.ค. 69 - 31 มี.ค. 69)",
     "5. ห้วงการรายงาน ไตรมาสที่ 2 (1 ม.ค. 69 - 31 มี.ค. 69)"),
    ("ข้อมูล ณ วันที่ 3 ตามแผน BCG และ SDG 12", "ข้อมูล ณ วันที่ 3 ตามแผน BCG และ SDG 12"),
    ("The project of the year is in Khon Kaen", "The project of the year is in Khon Kaen"),
    ("ถนนยาว 5 km กว้าง 6 m", "ถนนยาว 5 km กว้าง 6 m"),
    ("เป้าหมายการดำเนินงาน\tระดับที่ 5", "เป้าหมายการดำเนินงาน\tระดับที่ 5"),
])
def test_ocr_noise_is_dropped_and_words_kept(line: str, kept: str | None) -> None:
    cleaned = clean_ocr_lines([line])
    assert cleaned.lines == ((kept,) if kept is not None else ())
    assert cleaned.dropped_lines == (kept is None)


def test_a_form_label_without_its_tone_marks_is_still_read() -> None:
    text = (FILES.parent.parent.parent / "knowledge" / "sample" / "report_000.txt").read_text(
        encoding="utf-8")
    lost = text.replace("ตัวชี้วัด", "ตัวชีวัด").replace("ไตรมาสที่", "ไตรมาสที")
    doc = parse_report(lost, name_hint="x")
    assert doc.report is not None and doc.report.quarter == 2 and doc.report.indicator
    assert "ตัวชีวัด" not in doc.report.name


def test_the_fields_ocr_could_not_read_are_named() -> None:
    text = (FILES.parent.parent.parent / "knowledge" / "sample" / "report_000.txt").read_text(
        encoding="utf-8")
    report = parse_report(text, name_hint="x").report
    assert report is not None
    blank = dataclasses.replace(report, target_level=None, result_level=None, quarter=None)
    assert [en for _, en in unread_fields(blank)][:3] == [
        "reporting quarter", "target level", "achieved level"]
    notes = ocr_notes("scan.pdf", [1], 3, report=blank, looks_like_form=True)
    assert "OCR" in notes[0] and "3 บรรทัด" in notes[0]
    assert "ห้วงการรายงาน (ไตรมาส)" in notes[1] and "เป้าหมายการดำเนินงาน (ระดับ)" in notes[1]


@pytest.mark.skipif(not ocr_available(),
                    reason="Tesseract with its Thai model (tesseract-ocr-tha) is not installed")
def test_a_scanned_form_is_said_cleaned_and_supersedes_its_word_version(
        run: Run, tmp_path: Path) -> None:
    from bot.app import open_app
    from bot.config import Settings
    from knowledge.models import Document, Passage, Project, QuarterReport

    home = tmp_path / "home"
    assert run(home, "ingest", str(SCANS / "scan_form.docx")).code == 0
    res = run(home, "ingest", str(SCANS / "scan_form.pdf"))
    assert res.code == 0, res.err
    out = res.out + res.err
    assert "อ่านด้วย OCR" in out and "read by OCR" in out
    assert "แทนเอกสาร" in out  # the same project and quarter: the scan is its newer version
    app = open_app(Settings(home=home))
    try:
        with app.db.read() as s:
            projects = s.scalars(select(Project).where(Project.agency == "สถ.")).all()
            assert [p.name for p in projects] == [
                "ส่งเสริมการคัดแยกขยะต้นทางในชุมชน จังหวัดขอนแก่น"]
            scan = s.scalars(select(Document).where(Document.source == "scan_form.pdf")).one()
            report = s.scalars(select(QuarterReport)
                               .where(QuarterReport.document_id == scan.id)).one()
            assert (report.fiscal_year, report.quarter) == (2569, 2)
            assert (report.target_level, report.result_level) == (5, 4)
            assert report.budget_baht == 1_250_000 and report.indicator
            passages = s.scalars(select(Passage.text)
                                 .where(Passage.document_id == scan.id)).all()
            assert passages and all(junk_share(t) == 0 for t in passages), passages
    finally:
        app.close()
