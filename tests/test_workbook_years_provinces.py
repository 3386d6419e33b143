"""A workbook's fiscal-year column is read, and a province that is none refuses its row.

tester20 C6: a workbook with a ``ปีงบประมาณ`` column and no date column stored
``fiscal_year`` NULL without a word: its projects were counted in chat but in no year.
F2: a list row whose province was a formula's cached value (``ลำดับ``, the header) was
stored as province ``ลำดับ``; ``users add --province`` checks a province, list rows
did not.
"""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
from cli_run import Run

from knowledge.readers.xlsx import read_xlsx


def _book(rows: list[tuple[object, ...]], header: tuple[str, ...]) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


YEAR_HEADER = ("ชื่อโครงการ", "หน่วยรับงบประมาณ", "จังหวัด", "วงเงินงบประมาณ", "ปีงบประมาณ")


def test_the_fiscal_year_column_is_read_and_told() -> None:
    data = _book([("ปรับปรุงถนน ก", "อบต.บ้านเป้า", "ลำปาง", 100_000, 2564),
                  ("ปรับปรุงถนน ข", "อบต.บ้านเป้า", "ลำปาง", 100_000, "๒๕๖๕"),
                  ("ปรับปรุงถนน ค", "อบต.บ้านเป้า", "ลำปาง", 100_000, "FY2023"),
                  ("ปรับปรุงถนน ง", "อบต.บ้านเป้า", "ลำปาง", 100_000, "ไม่ทราบ")], YEAR_HEADER)
    book = read_xlsx(data, "book.xlsx")
    assert [(r.name, r.fiscal_year, r.quarter) for r in book.rows] == [
        ("ปรับปรุงถนน ก", 2564, None), ("ปรับปรุงถนน ข", 2565, None),
        ("ปรับปรุงถนน ค", 2566, None)]
    assert any("fiscal year is not a year" in why for why in book.refused), book.refused
    assert any("no quarter's summary" in note and "3 แถว" in note for note in book.notes), \
        book.notes


def test_a_province_that_is_none_refuses_its_row() -> None:
    header = ("ชื่อโครงการ", "หน่วยรับงบประมาณ", "จังหวัด", "วงเงินงบประมาณ", "วันเสนอโครงการ")
    data = _book([("ปรับปรุงถนนลูกรัง", "อบต.ดงมะไฟ", "ลำดับ", 100_000, "2023-01-20"),
                  ("ขุดลอกคลอง", "อบต.ดงมะไฟ", "จ.กระบี่", 100_000, "2023-01-20"),
                  ("ซ่อมสะพาน", "อบต.ดงมะไฟ", "Krabi", 100_000, "2023-01-20"),
                  ("ซ่อมถนน", "กทม.", "กทม.", 100_000, "2023-01-20")], header)
    book = read_xlsx(data, "book.xlsx")
    assert [(r.name, r.province) for r in book.rows] == [
        ("ขุดลอกคลอง", "กระบี่"), ("ซ่อมสะพาน", "กระบี่"), ("ซ่อมถนน", "กรุงเทพมหานคร")]
    [(why, at)] = [(w, book.refused_at[w]) for w in book.refused]
    assert "not a province" in why and at == ["book.xlsx!Sheet!2"], (why, at)


def test_the_ingest_tells_both(run: Run, tmp_path: Path) -> None:
    home = tmp_path / "home"
    path = tmp_path / "lampang.xlsx"
    path.write_bytes(_book([("ปรับปรุงถนน ก", "อบต.บ้านเป้า", "ลำปาง", 100_000, 2564),
                            ("ปรับปรุงถนน ข", "อบต.บ้านเป้า", "ลำดับ", 100_000, 2564)],
                           YEAR_HEADER))
    res = run(home, "ingest", str(path))
    said = res.out + res.err
    assert "no quarter's summary" in said and "not a province" in said, said
    assert "lampang.xlsx!Sheet!3" in said, said
