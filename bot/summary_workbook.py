"""The quarter summary as an Excel workbook, written in openpyxl's write-only mode.

One workbook holds everything the summary stands on, each kind of row on its own sheet:

``projects``
    the report-form projects of the quarter (form figures merged with the updates);
``agencies``
    their totals per agency, and the total;
``updates``
    the officers' approved updates of the quarter, with the number and names of the
    photos and PDFs that back each one (evidence);
``listed``
    every listed project (the ministry's project lists) submitted in the quarter under
    the summary's filter: 40,000 rows and more.  Present when the database lists any.

Write-only mode streams the rows to the file as they come (``listed`` straight from a
database cursor), so memory stays flat at any size.  Row 1 of each sheet names the
quarter, row 2 holds the headers (Thai, the JSON key in brackets), data starts on row 3.

Nothing a user typed becomes a formula: a text cell is always stored as a string
(openpyxl would otherwise store ``=…`` as a formula), and a text that a spreadsheet
would read as a formula once edited (``= + - @``, tab or CR first: OWASP's rule on
CSV injection) carries Excel's quote prefix, the mark of text typed after an
apostrophe.  Control characters that XML cannot hold are removed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bot.atomic_file import save_atomically
from knowledge.project_queries import ListedRow
from knowledge.summary import QuarterSummary, Totals
from knowledge.thai import FiscalQuarter, format_thai_date

__all__ = ["LISTED_SHEET", "cell_text", "write_xlsx"]

BANGKOK = ZoneInfo("Asia/Bangkok")
LISTED_SHEET = "listed"

_MONEY_FMT = "#,##0.00"
_PCT_FMT = "0.00%"
_WHEN_FMT = "yyyy-mm-dd hh:mm"
_DATE_FMT = "yyyy-mm-dd"

#: Characters a workbook cannot hold (XML 1.0 forbids C0 controls but tab, LF, CR).
#: A vertical tab or form feed is Word's line or page break: it becomes a line break.
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0e-\x1f\ufffe\uffff]")
_BREAKS = re.compile(r"[\x0b\x0c]")
#: What a spreadsheet may read as the start of a formula (OWASP, CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: A text that needs any care at all (most need none: one search decides).
_NEEDS_CARE = re.compile(r"^[=+\-@\t\r#]|[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

Column = tuple[str, str | None, float]  # header, number format (None: none), width


def cell_text(value: str) -> str:
    """``value`` made storable in a workbook: illegal control characters removed.

    A vertical tab or form feed (Word's line and page breaks) becomes a line break;
    other C0 controls that XML cannot hold are dropped.  Everything else is kept.
    """
    return _XML_ILLEGAL.sub("", _BREAKS.sub("\n", value))


def _fraction(p: Decimal | None) -> Decimal | None:
    return None if p is None else p / 100


def _period(q: FiscalQuarter) -> str:
    return f"{format_thai_date(q.start, short=True)} – {format_thai_date(q.end, short=True)}"


class _Sheet:
    """A write-only sheet: title row, header row, then rows with formats and plain text."""

    def __init__(self, wb: Any, name: str, title: str, columns: Sequence[Column]) -> None:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Alignment, Font
        from openpyxl.utils import get_column_letter

        self._cell = WriteOnlyCell
        self.ws = ws = wb.create_sheet(name)
        self.formats = [fmt for _, fmt, _ in columns]
        # One formatted cell per column, its value set row by row: a write-only sheet
        # writes a row out as it is appended, so the cell is free again afterwards, and
        # 40,000 rows do not make 40,000 styled cells each.
        self._formatted: list[Any] = []
        for fmt in self.formats:
            cell = WriteOnlyCell(ws)
            if fmt is not None:
                cell.number_format = fmt
            self._formatted.append(cell)
        for col, (_, _, width) in enumerate(columns, 1):
            ws.column_dimensions[get_column_letter(col)].width = width
        ws.freeze_panes = "A3"
        head = WriteOnlyCell(ws, title)
        head.font = Font(bold=True, size=13)
        ws.append([head])
        bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
        headers = []
        for header, _, _ in columns:
            cell = WriteOnlyCell(ws, header)
            cell.font, cell.alignment = bold, wrap
            headers.append(cell)
        ws.append(headers)
        self.rows = 0
        self.last_column = get_column_letter(len(columns))

    def _text(self, value: str) -> Any:
        """A string cell: plain text always, quote-prefixed where it looks like a formula."""
        if _NEEDS_CARE.search(value) is None:
            return value
        text = cell_text(value)
        if not text.startswith(_FORMULA_START) and text not in _ERROR_CODES:
            return text
        cell = self._cell(self.ws)
        cell.value = text  # may be typed as a formula or an error code here…
        cell.data_type = "s"  # …and is a string, whatever it says
        if text.startswith(_FORMULA_START):
            cell.quotePrefix = True
        return cell

    def append(self, row: Sequence[object]) -> None:
        """One data row; numbers get their column's format."""
        out: list[object] = []
        for value, fmt, cell in zip(row, self.formats, self._formatted, strict=True):
            if isinstance(value, str):
                out.append(self._text(value))
            elif fmt is not None and value is not None:
                cell.value = value
                out.append(cell)
            else:
                out.append(value)
        self.ws.append(out)
        self.rows += 1

    def finish(self) -> None:
        """The header row filters the data (Excel's auto filter)."""
        self.ws.auto_filter.ref = f"A2:{self.last_column}{self.rows + 2}"


#: Strings that openpyxl would store as Excel error values rather than text.
_ERROR_CODES = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"})

_PROJECT_COLUMNS: list[Column] = [
    ("รหัส (id)", None, 8),
    ("หน่วยงาน (agency)", None, 14),
    ("โครงการ (name)", None, 50),
    ("งบประมาณ (budget_baht)", _MONEY_FMT, 18),
    ("เป้าหมายการเบิกจ่าย (disbursement_target_baht)", _MONEY_FMT, 18),
    ("เบิกจ่ายตามแบบรายงาน (report_disbursement_baht)", _MONEY_FMT, 18),
    ("เบิกจ่ายจากอัปเดต (updates_amount_baht)", _MONEY_FMT, 18),
    ("เบิกจ่ายรวม (disbursement_actual_baht)", _MONEY_FMT, 18),
    ("ร้อยละของงบ (budget_share)", _PCT_FMT, 12),
    ("ระดับเป้าหมาย (target_level)", None, 10),
    ("ระดับที่ได้ (result_level)", None, 10),
    ("ระดับจากอัปเดตล่าสุด (latest_update_level)", None, 10),
    ("จำนวนอัปเดต (updates)", None, 10),
    ("อัปเดตล่าสุด (latest_update)", None, 50),
    ("SDGs (sdg_goals)", None, 10),
    ("ผลงานเด่น (highlights)", None, 60),
    ("ปัญหา/อุปสรรค (problems)", None, 40),
    ("หลักฐาน (evidence)", None, 10),
]

_AGENCY_COLUMNS: list[Column] = [
    ("หน่วยงาน (agency)", None, 20),
    ("โครงการ (projects)", None, 10),
    ("งบประมาณ (budget_baht)", _MONEY_FMT, 18),
    ("เป้าหมายการเบิกจ่าย (disbursement_target_baht)", _MONEY_FMT, 18),
    ("เบิกจ่ายรวม (disbursement_actual_baht)", _MONEY_FMT, 18),
    ("ร้อยละของงบ (budget_share)", _PCT_FMT, 12),
    ("จำนวนอัปเดต (updates)", None, 10),
    ("หลักฐาน (evidence)", None, 10),
]

_UPDATE_COLUMNS: list[Column] = [
    ("รหัสอัปเดต (id)", None, 10),
    ("เวลา (created_at, Asia/Bangkok)", _WHEN_FMT, 18),
    ("รหัสโครงการ (project_id)", None, 10),
    ("โครงการ (name)", None, 40),
    ("หน่วยงาน (agency)", None, 14),
    ("เบิกจ่าย (amount_baht)", _MONEY_FMT, 16),
    ("ระดับ (level)", None, 8),
    ("ร้อยละ (percent)", "0.00", 10),
    ("ผู้รายงาน (author_role)", None, 12),
    ("ข้อความ (text)", None, 80),
    ("หลักฐาน (evidence)", None, 10),
    ("ไฟล์หลักฐาน (evidence_files)", None, 40),
]

#: Only the columns that tell one listed project from another and its money: a cell
#: costs time, and 40,000 rows of them are written while a manager waits.
_LISTED_COLUMNS: list[Column] = [
    ("รหัส (id)", None, 9),
    ("โครงการ (name)", None, 60),
    ("หน่วยรับงบประมาณ (agency)", None, 34),
    ("จังหวัด (province)", None, 16),
    ("วงเงินงบประมาณ (budget_baht)", _MONEY_FMT, 18),
    ("วันที่เสนอ (submitted_on)", _DATE_FMT, 12),
]


def _local(at: dt.datetime) -> dt.datetime:
    """A stored time as Bangkok wall-clock time without a zone (Excel has none)."""
    aware = at if at.tzinfo else at.replace(tzinfo=dt.UTC)
    return aware.astimezone(BANGKOK).replace(tzinfo=None)


def write_xlsx(summary: QuarterSummary, path: Path,
               listed: Iterable[ListedRow] | None = None, *,
               listed_title: str | None = None) -> Path:
    """Write the summary as a workbook (see the module docstring for its sheets).

    ``listed``: the rows of the ``listed`` sheet (an iterator is consumed as it is
    written); None leaves the sheet out.  ``listed_title`` names their scope in the
    sheet's title row.  Cells hold real numbers (money in baht with a ``#,##0.00``
    format, shares as fractions with a percent format).  The file is written beside
    its destination and renamed, so it appears complete or not at all.  Returns ``path``.
    """
    from openpyxl import Workbook

    q = summary.quarter
    wb = Workbook(write_only=True)
    heading = f"สรุปไตรมาส {q.quarter}/{q.fiscal_year} ({_period(q)})"
    wb.properties.title = heading
    wb.properties.creator = "sdgbot"

    sheet = _Sheet(wb, "projects", f"{heading} · โครงการ (projects)", _PROJECT_COLUMNS)
    for p in summary.projects:
        sheet.append((p.id, p.agency, p.name, p.budget_baht, p.disbursement_target_baht,
                      p.report_disbursement_baht, p.updates_amount_baht,
                      p.disbursement_actual_baht, _fraction(p.budget_share_percent),
                      p.target_level, p.result_level, p.latest_update_level, p.updates,
                      p.latest_update, ", ".join(str(g) for g in p.sdg_goals) or None,
                      "\n".join(p.highlights) or None, p.problems, p.evidence))
    sheet.finish()

    def agency_row(name: str, t: Totals) -> tuple[object, ...]:
        return (name, t.projects, t.budget_baht, t.disbursement_target_baht,
                t.disbursement_actual_baht, _fraction(t.budget_share_percent), t.updates,
                t.evidence)

    sheet = _Sheet(wb, "agencies", f"{heading} · หน่วยงาน (agencies)", _AGENCY_COLUMNS)
    for a in summary.agencies:
        sheet.append(agency_row(a.agency, a.totals))
    sheet.append(agency_row("รวมทั้งหมด (total)", summary.totals))
    sheet.finish()

    names = {p.id: (p.name, p.agency) for p in summary.projects}
    sheet = _Sheet(wb, "updates", f"{heading} · อัปเดตจากเจ้าหน้าที่ (updates)", _UPDATE_COLUMNS)
    for u in summary.updates:
        name, agency = names.get(u.project_id, ("", ""))
        sheet.append((u.id, _local(u.created_at), u.project_id, name, agency, u.amount_baht,
                      u.level, u.percent, u.author_role, u.text, len(u.evidence),
                      "\n".join(u.evidence) or None))
    sheet.finish()

    if listed is not None:
        title = f"{heading} · บัญชีโครงการที่เสนอในไตรมาส (listed projects)"
        if listed_title:
            title += f" · {listed_title}"
        sheet = _Sheet(wb, LISTED_SHEET, title, _LISTED_COLUMNS)
        for r in listed:
            sheet.append((r.id, r.name, r.agency, r.province, r.budget_baht, r.submitted_on))
        sheet.finish()

    save_atomically(path, wb.save)
    return path
