"""The quarter summary as Excel workbooks (XlsxWriter; rustpy-xlsxwriter for ``listed``).

One workbook holds everything the summary stands on, each kind of row on its own sheet:

``projects``
    the report-form projects of the quarter (form figures merged with the updates);
``agencies``
    their totals per agency, and the total;
``updates``
    the officers' updates of the quarter that count (approved by a manager, or saved
    where no approval applies; none waiting, none rejected), with the number and names
    of the photos and PDFs that back each one (evidence);
``listed``
    every listed project (the ministry's project lists) submitted in the quarter under
    the summary's filter: 40,000 rows and more.  Present when the database lists any.

In chat the ``listed`` sheet is a workbook of its own (:func:`write_listed_xlsx`): the
lists change only with an ingest or a removal, so that workbook is made once per
change of the lists (ahead of time, see :mod:`bot.summary_view`) and reused, while the
summary workbook of the report projects and updates, which change all day, stays
small (226,000 of the 267,000 cells of the ThaiME quarter are listed rows).

XlsxWriter's constant-memory mode writes each row out as the next one starts (``listed``
straight from a database cursor), so memory stays flat at any size, and it takes about
two thirds of the CPU time of openpyxl's write-only mode for the same cells.  The
listed projects' own workbook (:func:`write_listed_xlsx`: 37,672 rows for the ThaiME
quarter, written while a manager waits when no warmer made it) is written by
rustpy-xlsxwriter, the Python binding of rust_xlsxwriter, also row by row in
constant-memory mode: ~0.3 s of CPU for those rows where XlsxWriter took ~2 s.  Row 1
of each sheet names the quarter, row 2 holds the headers (Thai, the JSON key in
brackets), data starts on row 3.

Nothing a user typed becomes a formula: a text cell is always written as a string
(``write_string``; the workbook's ``strings_to_formulas``, ``strings_to_urls`` and
``strings_to_numbers`` are off as well, should anything call ``write``), and a text
that a spreadsheet would read as a formula once edited (``= + - @``, tab or CR first:
OWASP's rule on CSV injection; on any of its lines, and for full-width look-alikes
such as ``＝``: :mod:`bot.formula_text`) carries Excel's quote prefix, the mark of text typed
after an apostrophe.  Control characters that XML cannot hold are removed; a CR is
stored as Excel's escape ``_x000D_`` and a typed ``_x000D_`` as itself (XlsxWriter).

rustpy-xlsxwriter writes every ``str`` as an inline string (never a formula, whatever it
starts with) and escapes a typed ``_x000D_`` as XlsxWriter does, but it sets formats per
column only, stores C0 controls as ``_x0001_`` escapes (which Excel turns back into the
controls) and refuses a text over Excel's 32,767 characters.  So in its workbook every
text column carries the quote prefix (each of its cells is text typed after an
apostrophe, the formula-like ones included), and :func:`listed_text` removes the
controls and cuts the text first.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bot.atomic_file import save_atomically
from bot.formula_text import starts_like_formula
from knowledge.project_queries import ListedRow
from knowledge.summary import QuarterSummary, Totals, UpdateRow
from knowledge.textcut import shorten
from knowledge.thai import FiscalQuarter, format_thai_date

__all__ = ["LISTED_SHEET", "MAX_TEXT", "cell_text", "listed_text", "write_listed_xlsx",
           "write_xlsx"]

BANGKOK = ZoneInfo("Asia/Bangkok")
LISTED_SHEET = "listed"

_MONEY_FMT = "#,##0.00"
_PCT_FMT = "0.00%"
_WHEN_FMT = "yyyy-mm-dd hh:mm"
_DATE_FMT = "yyyy-mm-dd"
#: Excel's day 0 for dates from 1 March 1900 on (its calendar has a 29 February 1900).
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_SERIAL_FROM = dt.date(1900, 3, 1)

#: Characters a workbook cannot hold (XML 1.0 forbids C0 controls but tab, LF, CR).
#: A vertical tab or form feed is Word's line or page break: it becomes a line break.
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0e-\x1f\ufffe\uffff]")
_BREAKS = re.compile(r"[\x0b\x0c]")
#: A text that needs any care at all (most need none: one search decides): a formula
#: sign first, a line break or a tab (a line or cell after it may begin with one), a
#: control, or a compatibility look-alike of a sign ("＝", "＋", "－", "＠", "﹦", "−").
_NEEDS_CARE = re.compile(r"^[=+\-@\r]|[\t\n\r\x85\u2028\u2029]"
                         r"|[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]"
                         r"|[\uff1d\uff0b\uff0d\uff20\ufe62\ufe63\ufe66\ufe6b\u207a\u207b"
                         r"\u207c\u208a\u208b\u208c\u2212\u2795\u2796]")
#: A character :func:`cell_text` changes.
_UNSTORABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
#: The most characters an Excel cell holds.
MAX_TEXT = 32_767

Column = tuple[str, str | None, float]  # header, number format (None: none), width


def cell_text(value: str) -> str:
    """``value`` made storable in a workbook: illegal control characters removed.

    A vertical tab or form feed (Word's line and page breaks) becomes a line break;
    other C0 controls that XML cannot hold are dropped.  Everything else is kept.
    """
    return _XML_ILLEGAL.sub("", _BREAKS.sub("\n", value))


def listed_text(value: str) -> str:
    """``value`` as the listed projects' workbook stores it (controls removed, cut).

    :func:`cell_text`, then cut between words to Excel's :data:`MAX_TEXT` characters
    ("…" included; rust_xlsxwriter refuses a longer text).

    Most texts need neither: one search and a length decide.
    """
    if len(value) <= MAX_TEXT and _UNSTORABLE.search(value) is None:
        return value
    return shorten(cell_text(value), MAX_TEXT)


def _fraction(p: Decimal | None) -> Decimal | None:
    return None if p is None else p / 100


def _period(q: FiscalQuarter) -> str:
    return f"{format_thai_date(q.start, short=True)} – {format_thai_date(q.end, short=True)}"


class _Book:
    """The workbook and its formats (XlsxWriter makes each format once per workbook)."""

    def __init__(self, wb: Any) -> None:
        self.wb = wb
        self.title = wb.add_format({"bold": True, "font_size": 13})
        self.header = wb.add_format({"bold": True, "text_wrap": True, "valign": "top"})
        self.quoted = wb.add_format({"quote_prefix": True})
        self._numbers: dict[str, Any] = {}

    def number(self, fmt: str) -> Any:
        """The format that shows numbers as ``fmt`` (``#,##0.00``, ``0.00%``, a date)."""
        if fmt not in self._numbers:
            self._numbers[fmt] = self.wb.add_format({"num_format": fmt})
        return self._numbers[fmt]


class _Sheet:
    """A constant-memory sheet: title row, header row, then rows of typed cells.

    Each value is written by its type: text always as a string (quote-prefixed where it
    looks like a formula), numbers and times with their column's format, None as
    nothing (an empty cell).
    """

    def __init__(self, book: _Book, name: str, title: str, columns: Sequence[Column]) -> None:
        self.book = book
        self.ws = ws = book.wb.add_worksheet(name)
        self.formats = [None if fmt is None else book.number(fmt) for _, fmt, _ in columns]
        for col, (_, _, width) in enumerate(columns):
            ws.set_column(col, col, width)
        ws.freeze_panes(2, 0)
        self.columns = len(columns)
        self.row = 2  # the next data row (0-based)
        self._string = ws.write_string
        self._number = ws.write_number
        self._writers: dict[type, Callable[[int, int, Any, Any], object]] = {
            str: self.text, int: self.number, float: self.number, Decimal: self.number,
            bool: ws.write_boolean, dt.datetime: ws.write_datetime,
            dt.date: ws.write_datetime,
        }
        ws.write_string(0, 0, cell_text(title), book.title)
        for col, (header, _, _) in enumerate(columns):
            ws.write_string(1, col, header, book.header)

    def text(self, row: int, col: int, value: str, _fmt: Any = None) -> None:
        """A string cell: plain text always, quote-prefixed where it looks like a formula."""
        if _NEEDS_CARE.search(value) is None:
            self._string(row, col, value)
            return
        value = cell_text(value)
        # Any line, look-alike signs folded ("ประชุม\r=cmd|…", "＝SUM(A1)"): the prefix
        # keeps the whole cell text.
        if starts_like_formula(value):
            self._string(row, col, value, self.book.quoted)
        else:
            self._string(row, col, value)

    def number(self, row: int, col: int, value: float | Decimal, fmt: Any = None) -> None:
        """A number cell in ``fmt``; NaN and infinities (never money) stay empty."""
        number = float(value)
        if math.isfinite(number):
            self._number(row, col, number, fmt)

    def append(self, values: Sequence[object]) -> None:
        """One data row; numbers and times get their column's format."""
        row, writers = self.row, self._writers
        for col, (value, fmt) in enumerate(zip(values, self.formats, strict=True)):
            if value is not None:
                writers[type(value)](row, col, value, fmt)
        self.row = row + 1

    def finish(self) -> None:
        """The header row filters the data (Excel's auto filter)."""
        self.ws.autofilter(1, 0, max(self.row - 1, 1), self.columns - 1)


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
    ("ยอดสะสมล่าสุดจากอัปเดต (cumulative_update_baht)", _MONEY_FMT, 18),
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
    ("ยอดสะสม/รายครั้ง (cumulative)", None, 14),
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
    return save_atomically(path, lambda tmp: _write(summary, tmp, listed, listed_title))


def write_listed_xlsx(quarter: FiscalQuarter, path: Path, listed: Iterable[ListedRow], *,
                      listed_title: str | None = None) -> Path:
    """Write a workbook of the ``listed`` sheet alone: the quarter's listed projects.

    The cells of :func:`write_xlsx`'s ``listed`` sheet, written by rustpy-xlsxwriter
    (see the module docstring): text always an inline string, every text cell
    quote-prefixed, controls removed and text cut by :func:`listed_text`, money and
    dates numbers in their formats, NaN and infinities empty.  ``listed`` is consumed
    as it is written.  Written beside ``path`` and renamed.  Returns ``path``.

    Raises RuntimeError (the library's) for what it cannot write, OSError for the file.
    """
    from rustpy_xlsxwriter import FastExcel, Format

    title = listed_text(_listed_title(
        f"สรุปไตรมาส {quarter.quarter}/{quarter.fiscal_year} ({_period(quarter)})",
        listed_title))
    title_fmt = Format()
    title_fmt.set_bold()
    title_fmt.set_font_size(13)
    header_fmt = Format()
    header_fmt.set_bold()
    header_fmt.set_text_wrap()
    header_fmt.set_align("top")
    formats: list[Any] = []
    for _, fmt, _ in _LISTED_COLUMNS:
        cell_fmt = Format()
        if fmt is None:
            cell_fmt.set_quote_prefix()  # text columns (the id column holds numbers only)
        else:
            cell_fmt.set_num_format(fmt)
        formats.append(cell_fmt)
    formats[0] = None
    headers = [header for header, _, _ in _LISTED_COLUMNS]

    def records() -> Iterator[dict[str, object]]:
        text = listed_text
        for r in listed:
            yield dict(zip(headers, (r.id, text(r.name), text(r.agency),
                                     None if r.province is None else text(r.province),
                                     r.budget_baht, r.submitted_on), strict=True))

    def save(tmp: str) -> None:
        (FastExcel(tmp, output_format="xlsx")
         .freeze(row=2)
         .sheet(LISTED_SHEET, records(), header_row=1,
                merge_ranges=[(0, 0, 0, len(headers) - 1, title, title_fmt)],
                header_format=header_fmt, column_formats=formats,
                column_widths=[width for _, _, width in _LISTED_COLUMNS], autofilter=True)
         .save())

    return save_atomically(path, save)


def _listed_title(heading: str, listed_title: str | None) -> str:
    """The title row of a ``listed`` sheet: the quarter, the sheet, the filter named."""
    title = f"{heading} · บัญชีโครงการที่เสนอในไตรมาส (listed projects)"
    return f"{title} · {listed_title}" if listed_title else title


def _open(q: FiscalQuarter, filename: str, what: str = "สรุปไตรมาส") -> tuple[Any, _Book, str]:
    """A constant-memory workbook, its formats and the heading of its sheets' titles."""
    import xlsxwriter

    heading = f"{what} {q.quarter}/{q.fiscal_year} ({_period(q)})"
    wb = xlsxwriter.Workbook(filename, {
        "constant_memory": True,
        "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
    })
    # On an error the workbook is left unclosed: nothing is written, its row files go.
    wb.set_properties({"title": heading, "author": "sdgbot"})
    return wb, _Book(wb), f"สรุปไตรมาส {q.quarter}/{q.fiscal_year} ({_period(q)})"


def _listed_sheet(book: _Book, heading: str, listed: Iterable[ListedRow],
                  listed_title: str | None) -> None:
    sheet = _Sheet(book, LISTED_SHEET, _listed_title(heading, listed_title), _LISTED_COLUMNS)
    _write_listed(sheet, listed)
    sheet.finish()


def _amount_kind(u: UpdateRow) -> str | None:
    """Whether an update's amount is a running total or one payment (None: no amount)."""
    if u.amount_baht is None:
        return None
    return "ยอดสะสม (cumulative)" if u.cumulative else "รายครั้ง (increment)"


def _write(summary: QuarterSummary, filename: str, listed: Iterable[ListedRow] | None,
           listed_title: str | None) -> None:
    wb, book, heading = _open(summary.quarter, filename)

    sheet = _Sheet(book, "projects", f"{heading} · โครงการ (projects)", _PROJECT_COLUMNS)
    for p in summary.projects:
        sheet.append((p.id, p.agency, p.name, p.budget_baht, p.disbursement_target_baht,
                      p.report_disbursement_baht, p.updates_amount_baht,
                      p.disbursement_actual_baht, _fraction(p.budget_share_percent),
                      p.target_level, p.result_level, p.latest_update_level, p.updates,
                      p.latest_update, ", ".join(str(g) for g in p.sdg_goals) or None,
                      "\n".join(p.highlights) or None, p.problems, p.evidence,
                      p.cumulative_update_baht))
    sheet.finish()

    def agency_row(name: str, t: Totals) -> tuple[object, ...]:
        return (name, t.projects, t.budget_baht, t.disbursement_target_baht,
                t.disbursement_actual_baht, _fraction(t.budget_share_percent), t.updates,
                t.evidence)

    sheet = _Sheet(book, "agencies", f"{heading} · หน่วยงาน (agencies)", _AGENCY_COLUMNS)
    for a in summary.agencies:
        sheet.append(agency_row(a.agency, a.totals))
    sheet.append(agency_row("รวมทั้งหมด (total)", summary.totals))
    sheet.finish()

    names = {p.id: (p.name, p.agency) for p in summary.projects}
    sheet = _Sheet(book, "updates", f"{heading} · อัปเดตจากเจ้าหน้าที่ (updates)",
                   _UPDATE_COLUMNS)
    for u in summary.updates:
        name, agency = names.get(u.project_id, (None, None))
        sheet.append((u.id, _local(u.created_at), u.project_id, name, agency,
                      u.amount_baht, u.level, u.percent, u.author_role, u.text,
                      len(u.evidence), "\n".join(u.evidence) or None,
                      _amount_kind(u)))
    sheet.finish()

    if listed is not None:
        _listed_sheet(book, heading, listed, listed_title)
    wb.close()


def _write_listed(sheet: _Sheet, rows: Iterable[ListedRow]) -> None:
    """The ``listed`` rows, each cell straight to its writer (the column types are known).

    40,000 rows of six cells are written while a manager may wait, so the per-type
    dispatch of :meth:`_Sheet.append` is skipped; text still goes through
    :meth:`_Sheet.text` whenever it needs any care.
    """
    ws = sheet.ws
    string, number, when, text = ws.write_string, ws.write_number, ws.write_datetime, sheet.text
    money, day = sheet.formats[4], sheet.formats[5]
    needs_care = _NEEDS_CARE.search
    isfinite = math.isfinite
    row = sheet.row
    for r in rows:
        number(row, 0, r.id)
        for col, value in ((1, r.name), (2, r.agency), (3, r.province)):
            if value is None:
                continue
            if needs_care(value) is None:
                string(row, col, value)
            else:
                text(row, col, value)
        if r.budget_baht is not None and isfinite(budget := float(r.budget_baht)):
            number(row, 4, budget, money)
        if (d := r.submitted_on) is not None:
            if d >= _SERIAL_FROM:  # a date is its day number in a date format
                number(row, 5, (d - _EXCEL_EPOCH).days, day)
            else:
                when(row, 5, d, day)
        row += 1
    sheet.row = row
