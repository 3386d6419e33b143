"""A report form's levels read the same from a Word file as from its text.

tester18 #19: a ``.docx`` form whose level rows read "เป้าหมายการดำเนินงาน<TAB>ระดับที่ ๕"
gave no levels, while the same text as ``.txt`` gave 5 and 3.  A table row (a Word
table, a tab-separated paragraph, a PDF's row) is turned into its text-form line by
:func:`knowledge.readers.form.row_line`, which took a level row only when its value
opened with a number: "ระดับที่ ๕" made "ผลการดำเนินงาน" the heading of field 7 again.
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import pytest

from knowledge.parsers import parse_text
from knowledge.readers import read_file_bytes
from knowledge.readers.form import row_line

FILES = Path(__file__).parent / "data" / "files"
sys.path.insert(0, str(FILES))
from make_fixtures import word_levels_lines  # noqa: E402


def _levels(report: object) -> tuple[object, ...]:
    return tuple(getattr(report, k) for k in ("target_level", "result_level", "result_value",
                                              "disbursement_target_baht",
                                              "disbursement_actual_baht"))


EXPECTED = (5, 3, Decimal(2), Decimal(1_000_000), Decimal(500_000))


def test_the_text_form_reads_its_levels() -> None:
    report = parse_text("\n".join(word_levels_lines())).report
    assert report is not None and _levels(report) == EXPECTED


@pytest.mark.parametrize("name", ["form_word_levels.docx", "form_word_levels_table.docx"])
def test_the_word_file_reads_the_same_levels(name: str) -> None:
    doc = read_file_bytes((FILES / name).read_bytes(), name)
    assert doc.report is not None and _levels(doc.report) == EXPECTED, _levels(doc.report)
    text = parse_text("\n".join(word_levels_lines())).report
    assert doc.report.name == text.name and doc.report.agency == text.agency  # type: ignore[union-attr]


@pytest.mark.parametrize(("cells", "line"), [
    (["เป้าหมายการดำเนินงาน", "ระดับที่ ๕"], "- เป้าหมายการดำเนินงาน (ระดับที่ ๕)"),
    (["ผลการดำเนินงาน", "ระดับ 3"], "- ผลการดำเนินงาน (ระดับ 3)"),
    (["ผลการดำเนินงาน", "(ระดับ 4)"], "- ผลการดำเนินงาน (ระดับ 4)"),
    (["ผลการดําเนินงาน", "ระดับที่ ๓"], "- ผลการดําเนินงาน (ระดับที่ ๓)"),
    (["ผลการดำเนินงาน:", "๒.๐๐๐๐ ระดับ ๕"], "- ผลการดำเนินงาน: (๒.๐๐๐๐ ระดับ ๕)"),
    (["ผลการดำเนินงาน", "ของแผนงาน"], "7. ผลการดำเนินงานของแผนงาน/โครงการรายไตรมาส ของแผนงาน"),
])
def test_a_level_row_in_words_is_a_level_row(cells: list[str], line: str) -> None:
    assert row_line(cells) == line


@pytest.mark.parametrize("cells", [["ผลการดำเนินงาน", "ระดับที่ ๓"],
                                   ["เป้าหมายการดำเนินงาน", "(ระดับที่ ๕)"]])
def test_each_row_reads_its_level_through_the_form(cells: list[str]) -> None:
    lines = word_levels_lines()
    at = next(i for i, ln in enumerate(lines) if ln.startswith(cells[0] + "\t"))
    lines[at] = row_line(cells)
    report = parse_text("\n".join(lines)).report
    assert report is not None
    level = report.result_level if cells[0].startswith("ผล") else report.target_level
    assert level == int(cells[1].strip("()").split()[-1].translate(str.maketrans("๓๕", "35")))
