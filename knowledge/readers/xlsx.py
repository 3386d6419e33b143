r"""Excel workbooks (``.xlsx``) of projects through ``openpyxl`` in read-only mode.

Every sheet whose header row (within its first :data:`HEADER_ROWS` rows) names at
least a project name and an agency column is read; columns are recognised by their
Thai or English headers (:data:`COLUMNS`).  Real workbooks are messy, and each mess
is handled where it is read:

- names broken over lines in their cells ("โครงการติดตั้งไฟฟ้าส่องสว่าง\\nถนนสาธารณะ ")
  are rejoined as the text form's wrapped lines are (no space between Thai letters);
- Buddhist-era years stored as Christian-era dates: a date in the year 2563 is
  2563 BE (2020); a date in 1963 is "63" read by a spreadsheet as 1963, so 2563 BE;
- amounts typed as text ("6,113,000"), dates typed as Thai text ("22 มิ.ย. 63");
- cells merged down the rows of a group (an agency, a ministry, a province over its
  projects) give each row the merged value (:func:`_merged_ranges`);
- rows without a name or an agency, or with an amount or a date that is not one, are
  refused and counted by reason (the same kinds of value a JSON record is refused for:
  :mod:`knowledge.readers.fieldtypes`).

Rows are streamed: memory stays bounded by the rows kept, not by the sheet's XML.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
from collections import Counter
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

from knowledge.agencies import canonical_agency, known_province
from knowledge.formula_text import has_markup, is_formula
from knowledge.parsers import (
    MAX_ROWS_LOCATED,
    DocumentError,
    ParsedProjectRow,
    join_wrapped_lines,
)
from knowledge.plausible import REFUSED_REASON, file_bound, implausible_reason
from knowledge.readers.fieldtypes import AmbiguousAmount, NegativeAmount, amount_of
from knowledge.readers.safety import check_office_zip
from knowledge.textcut import shorten
from knowledge.thai import (
    BE_OFFSET,
    ThaiParseError,
    clean_control_chars,
    fiscal_quarter_of,
    format_thai_date,
    normalize_text,
    parse_thai_date,
    to_arabic_digits,
    year_to_ce,
)

__all__ = ["COLUMNS", "HEADER_ROWS", "Workbook", "read_xlsx", "to_date"]

#: Rows searched for the header row.
HEADER_ROWS = 10
#: Rows whose dates step exactly one day each, one after another, that are told as a
#: likely drag-fill: a spreadsheet fills "22 มิ.ย. 63" dragged down as 23, 24, ... and
#: the projects fall into later quarters (a real workbook: 467 rows, June 2563 to June
#: 2565).  A month of rows; projects are not proposed one a day in list order.
FILL_RUN = 30
#: Merged ranges kept a sheet (a sheet may merge every pair of cells; beyond this many
#: the rest are read as stored).
MAX_MERGES = 10_000

#: Field → the headers that name it (compared without spaces, case and "(บาท)").
COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("ชื่อโครงการ", "project_name", "projectname", "โครงการ", "project", "name"),
    "budget": ("วงเงินงบประมาณ", "งบประมาณ", "วงเงิน", "budget", "budget_baht", "amount"),
    "agency": ("หน่วยรับงบประมาณ", "หน่วยงาน", "หน่วยงานรับผิดชอบ", "agency", "department"),
    "ministry": ("กระทรวง", "ministry"),
    "province": ("จังหวัด", "province", "changwat"),
    "date": ("วันเสนอโครงการ", "วันที่เสนอ", "วันที่", "date", "submitted", "submitted_on"),
    "fiscal_year": ("ปีงบประมาณ", "ปีงบ", "ปีงบประมาณพ.ศ.", "fiscal_year", "fiscalyear", "fy"),
    "plan": ("แผนงานที่", "แผนงาน", "group", "plan"),
    "url": ("ดูรายละเอียด", "รายละเอียด", "url", "link"),
}


class Workbook:
    """What a workbook holds: its project rows and the rows refused, by reason."""

    def refuse(self, reason: str, where: str) -> None:
        """Count a row refused for ``reason``; keep its place among the first few."""
        self.refused[reason] += 1
        at = self.refused_at.setdefault(reason, [])
        if len(at) < MAX_ROWS_LOCATED:
            at.append(where)

    def __init__(self) -> None:
        """An empty result, filled as the sheets are read."""
        self.rows: list[ParsedProjectRow] = []
        self.refused: Counter[str] = Counter()
        #: Where the first refused rows of each reason stand ("file!Sheet!12").
        self.refused_at: dict[str, list[str]] = {}
        #: What the rows taken may hold wrong, for whoever keeps the sheet (Thai, then
        #: English): dates filled down one day a row (:data:`FILL_RUN`).
        self.notes: list[str] = []
        self.rows_read = 0
        #: Section headings read between the rows ("ภาคเหนือ" merged across the table):
        #: no project rows, so neither taken nor refused.
        self.sections = 0
        self.sheets: list[str] = []


def _header_key(value: object) -> str:
    text = normalize_text(str(value or "")).casefold()
    text = re.sub(r"\(.*?\)", "", text)
    return re.sub(r"[\s_.:-]+", "", text)


def _columns(header: tuple[Any, ...]) -> dict[str, int]:
    found: dict[str, int] = {}
    keys = [_header_key(h) for h in header]
    for field, names in COLUMNS.items():
        wanted = [re.sub(r"[\s_.:-]+", "", n.casefold()) for n in names]
        for w in wanted:  # the most specific name first
            idx = next((i for i, k in enumerate(keys) if k == w and i not in found.values()), None)
            if idx is not None:
                found[field] = idx
                break
    return found


def _text(value: object) -> str | None:
    """A cell's text: control characters removed, Thai normalised, wrapped lines joined."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _clean_text(str(value))


@functools.lru_cache(maxsize=4096)
def _clean_text(raw: str) -> str | None:
    # Cached: agencies, ministries and provinces repeat on thousands of rows.
    text = clean_control_chars(raw)
    if text.isascii() and "\n" not in text:
        return " ".join(text.split()) or None
    joined = join_wrapped_lines(normalize_text(text).split("\n"))
    return re.sub(r"\s+", " ", joined).strip() or None


def _heading_province(text: str | None) -> str | None:
    """The province a section heading names ("จังหวัดตรัง", "จ.ตรัง"), else None.

    Only a heading that says จังหวัด is one: "ภาคเหนือ" or "แผนงานที่ 3" is a group;
    and only one of Thailand's provinces (:func:`knowledge.agencies.known_province`).
    """
    if not text or not re.fullmatch(r"(?:จังหวัด|จ\.)\s*[\u0e00-\u0e7f]+", text.strip()):
        return None
    return known_province(text)


def _fiscal_year(value: object) -> int | None:
    """A fiscal year cell in the Buddhist era, else None (blank).

    "2566", 2566, "66", "ปีงบประมาณ 2566" and "2023" are 2566.  ``ValueError`` for a
    cell that is no year.
    """
    text = _text(value)
    if not text:
        return None
    m = re.fullmatch(r"(?:ปี(?:งบ(?:ประมาณ)?)?|fy|พ\.?ศ\.?)?\s*(\d{2}|\d{4})",
                     to_arabic_digits(text).strip(), re.IGNORECASE)
    if m is None:
        raise ValueError(text)
    year = int(m.group(1))
    year = year + 2500 if year < 100 else year + 543 if year < 2200 else year
    if not 2400 <= year <= 2700:
        raise ValueError(text)
    return year


def _money(value: object) -> Decimal | None:
    """A cell's amount in baht, to the satang (:func:`~knowledge.readers.fieldtypes.amount_of`).

    ``None`` when empty; ``ValueError`` when not an amount, :class:`AmbiguousAmount` (a
    ``ValueError``) when typed text reads two ways, :class:`NegativeAmount` when it is
    below zero.
    """
    amount = amount_of(value)
    return None if amount is None else amount.quantize(Decimal("0.01"))


#: A date written in numbers, day first: "15/01/2567", "15.1.2024", "15-01-67".
_NUMERIC_DATE = re.compile(r"(?P<d>\d{1,2})\s*([/.-])\s*(?P<m>\d{1,2})\s*\2\s*(?P<y>\d{4}|\d{2})")


def to_date(value: object) -> dt.date | None:
    """A submission date in the Gregorian calendar, from a date cell or Thai text.

    Years are read as the ministry writes them (see the module docstring): a year from
    2400 is Buddhist era; 1900–1999 is a two-digit Buddhist year that a spreadsheet
    put in the 1900s (1963 → 2563 BE → 2020); 2000–2399 is Christian era.  ``None`` for
    an empty or unreadable cell.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        year = value.year
        if year >= 2400:
            year -= BE_OFFSET
        elif year < 2000:
            year = 2500 + year % 100 - BE_OFFSET
        try:
            return value.replace(year=year)
        except ValueError:  # 29 February of a year that has none in the other era
            return value.replace(year=year, day=28)
    text = str(value).strip()
    if not text:
        return None
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", to_arabic_digits(text))
    if m:
        try:
            return to_date(dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))))
        except ValueError:
            return None
    m = _NUMERIC_DATE.fullmatch(to_arabic_digits(text))
    if m:
        # "15/01/2567", "15/01/2024", "15-1-67": day first, as Thai forms write it; the
        # year as :func:`knowledge.thai.year_to_ce` reads it (an implausible one is none).
        try:
            return dt.date(year_to_ce(m.group("y"), None), int(m.group("m")), int(m.group("d")))
        except (ThaiParseError, ValueError):
            return None
    try:
        return parse_thai_date(re.sub(r"\s+", " ", text))
    except (ThaiParseError, ValueError):
        return None


#: A merged range in a sheet's XML: ``<mergeCell ref="D2:D4"/>`` (any namespace prefix).
#: Markup only: a "<" in a cell's text is written ``&lt;``.
_MERGE_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?mergeCell\s[^>]*?\bref=\""
                         rb"([A-Z]{1,3}\d{1,7}:[A-Z]{1,3}\d{1,7})\"")
#: Bytes of the sheet's XML read at a time when looking for its merges.
_CHUNK = 1 << 20


def _xml_matches(get_source: Callable[[], Any], pattern: re.Pattern[bytes],
                 enough: Callable[[], bool],
                 needles: tuple[bytes, ...] = ()) -> Iterator[re.Match[bytes]]:
    """The matches of ``pattern`` in a streamed sheet's XML, read :data:`_CHUNK` at a time.

    ``get_source()`` opens the sheet's XML (openpyxl's ``ReadOnlyWorksheet._get_source``);
    reading stops once ``enough()``.  With ``needles``, a chunk holding none of them is
    not searched.  A match cut by a chunk's end is found in the next (the last 4,096
    bytes are read again).  Unreadable XML ends the matches quietly (the sheet's rows are
    then read as they are stored).
    """
    tail = b""
    try:
        with get_source() as src:
            while not enough():
                chunk = src.read(_CHUNK)
                if not chunk:
                    break
                data = tail + chunk
                end = 0
                if not needles or any(n in data for n in needles):
                    for m in pattern.finditer(data):
                        yield m
                        end = m.end()
                tail = data[max(end, len(data) - 4096):]
    except (OSError, KeyError, ValueError, TypeError):
        return


def _merged_ranges(ws: Any) -> list[tuple[int, int, int, int]]:
    """The sheet's merged cell ranges as ``(min_row, min_col, max_row, max_col)``, 1-based.

    A read-only sheet streams its rows and does not list its merges; they are stated
    after the rows in the sheet's XML (``<mergeCell ref="D2:D4"/>``), which is scanned
    once more here, a chunk at a time, for them alone (no XML tree: a scan of the bytes
    costs a fraction of parsing them).  At most :data:`MAX_MERGES` are kept; a sheet
    whose XML cannot be read gives none (its rows are read as they are stored).
    """
    from openpyxl.utils.cell import range_boundaries

    get_source = getattr(ws, "_get_source", None)
    if get_source is None:  # a worksheet that is not streamed lists them itself
        return [(r.min_row, r.min_col, r.max_row, r.max_col)
                for r in getattr(getattr(ws, "merged_cells", None), "ranges", ())][:MAX_MERGES]
    found: list[tuple[int, int, int, int]] = []
    for m in _xml_matches(get_source, _MERGE_CELL, lambda: len(found) >= MAX_MERGES):
        min_col, min_row, max_col, max_row = range_boundaries(m.group(1).decode())
        found.append((min_row, min_col, max_row, max_col))
    return found[:MAX_MERGES]


#: A cell holding a formula and no value saved with it (a file written by a program that
#: does not calculate: openpyxl, some exports): ``<c r="C2"><f>1000*2</f><v></v></c>``.
_UNCACHED_FORMULA = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?c\s[^>]*?\br=\"([A-Z]{1,3})(\d{1,7})\"[^>]*>\s*"
    rb"<(?:[A-Za-z_][\w.-]*:)?f\b[^>]*?(?:/>|>[^<]*</(?:[A-Za-z_][\w.-]*:)?f>)\s*"
    rb"(?:<(?:[A-Za-z_][\w.-]*:)?v\s*/>|<(?:[A-Za-z_][\w.-]*:)?v>\s*</(?:[A-Za-z_][\w.-]*:)?v>)?"
    rb"\s*</(?:[A-Za-z_][\w.-]*:)?c>")
#: At most this many of a sheet's unsaved formulas are located.
MAX_FORMULAS = 10_000


def _uncached_formulas(ws: Any) -> frozenset[tuple[int, int]]:
    """The ``(row, column)`` (1-based) of the sheet's formulas saved without their value.

    A workbook read for its values (``data_only``) gives ``None`` for such a cell: a
    budget written as ``=1000*2`` by a program that does not calculate would be read
    as no budget, a ``=HYPERLINK(...)`` name as no name.  The sheet's XML is scanned
    for them (only its chunks that hold a formula at all); a sheet whose XML cannot be
    read gives none.
    """
    from openpyxl.utils.cell import column_index_from_string

    get_source = getattr(ws, "_get_source", None)
    if get_source is None:
        return frozenset()
    found: set[tuple[int, int]] = set()
    for m in _xml_matches(get_source, _UNCACHED_FORMULA, lambda: len(found) >= MAX_FORMULAS,
                          needles=(b"<f", b":f")):
        found.add((int(m.group(2)), column_index_from_string(m.group(1).decode())))
    return frozenset(found)


#: A row's cells merged across columns, ``(first column, last column)``, 1-based.
Across = tuple[int, int]


def _rows(ws: Any) -> Iterator[tuple[int, tuple[Any, ...], Across | None]]:
    """The sheet's rows (1-based number, values, widest merge across the row or None).

    Government sheets merge an agency, a ministry or a province down the rows of its
    projects; read as stored, only the first of those rows would have one.  Only the
    merge's first column is filled, and only below its first row: a heading merged
    across a row ("แผนงานที่ 1 ...", "ภาคเหนือ") stays one cell, not a name and an
    agency; its columns are given so that the reader can tell it is a heading
    (:func:`_section_heading`).
    """
    merges = _merged_ranges(ws)
    downward = sorted(m for m in merges if m[2] > m[0])
    across: dict[int, Across] = {}
    for top, left, bottom, right in merges:
        if top == bottom and right > left:
            old = across.get(top)
            if old is None or right - left > old[1] - old[0]:
                across[top] = (left, right)
    nxt = 0
    active: list[list[Any]] = []  # [bottom row, column, value]
    for n, row in enumerate(ws.iter_rows(values_only=True), start=1):
        if active:
            active = [a for a in active if a[0] >= n]
        while nxt < len(downward) and downward[nxt][0] <= n:
            top, left, bottom, _right = downward[nxt]
            nxt += 1
            if top == n:  # its value is the first row's
                value = row[left - 1] if left - 1 < len(row) else None
                if value is not None:
                    active.append([bottom, left, value])
        if not active:
            yield n, row, across.get(n)
            continue
        cells = list(row)
        for _bottom, col, value in active:
            if col > len(cells):
                cells.extend([None] * (col - len(cells)))
            if cells[col - 1] is None:
                cells[col - 1] = value
        yield n, tuple(cells), across.get(n)


def _filled(value: object) -> bool:
    return not (value is None or (isinstance(value, str) and not value.strip()))


def _section_heading(row: tuple[Any, ...], merged: Across | None,
                     columns: dict[str, int]) -> str | None:
    """The text of a section heading row ("ภาคเหนือ" merged A:H between projects), or None.

    A heading is a cell merged across every column the table's header names (its first
    to its last recognised column) with no other value in the row: it heads the rows
    below it and is no project of its own (no name, no agency to refuse it for).
    """
    if merged is None or not columns:
        return None
    left, right = merged
    if left > min(columns.values()) + 1 or right < max(columns.values()) + 1:
        return None
    values = [(i, v) for i, v in enumerate(row) if _filled(v)]
    if len(values) != 1 or values[0][0] != left - 1:
        return None
    return _text(values[0][1])


class _DayRun:
    """Rows whose dates step one day each, told when :data:`FILL_RUN` or more."""

    def __init__(self, where: str, sheet: str, notes: list[str]) -> None:
        self.where, self.sheet, self.notes = where, sheet, notes
        self.first = self.last = 0
        self.start: dt.date | None = None
        self.end: dt.date | None = None
        self.length = 0

    def add(self, row: int, date: dt.date | None) -> None:
        """Row ``row`` (taken) holds ``date``."""
        if date is not None and self.end is not None and date - self.end == dt.timedelta(1):
            self.last, self.end, self.length = row, date, self.length + 1
            return
        self.close()
        self.first = self.last = row
        self.start = self.end = date
        self.length = 1 if date is not None else 0

    def close(self) -> None:
        """Tell the run that ends here, if it is long enough."""
        if self.length >= FILL_RUN and self.start and self.end:
            at = f"{self.where}!{self.sheet}!{self.first}-{self.last}"
            self.notes.append(
                f"{at}: วันเสนอโครงการเพิ่มทีละ 1 วันใน {self.length:,} แถวติดกัน "
                f"({format_thai_date(self.start, short=True)} ถึง "
                f"{format_thai_date(self.end, short=True)}) อาจเกิดจากการลากเติม"
                "วันที่ในโปรแกรมตารางคำนวณ โปรดตรวจสอบ (dates step one day a row over "
                f"{self.length:,} rows, {self.start.isoformat()} to {self.end.isoformat()}: "
                "a spreadsheet's drag-fill?)")
        self.length = 0


#: The text columns of a row, named for the reasons a row is refused (Thai, English).
_TEXT_FIELDS = {"name": ("ชื่อโครงการ", "project name"), "agency": ("หน่วยงาน", "agency"),
                "ministry": ("กระทรวง", "ministry"), "province": ("จังหวัด", "province"),
                "plan": ("แผนงาน", "plan")}


def _formula_reason(field: str, text: str | None, unsaved: bool) -> str | None:
    """Why a text cell that is a formula, or holds markup, refuses its row, or None.

    ``unsaved``: the cell holds a formula saved without its value (read as empty);
    ``text``: the cell's text, a formula when :func:`knowledge.formula_text.is_formula`
    says so (look-alike signs too: "＝HYPERLINK(…)", after a tab or a line break), as
    an officer's update would be refused.  A formula's value is no name, agency or
    province: dropped, the row would silently lose it ("-" as its province).
    """
    th, en = _TEXT_FIELDS[field]
    if unsaved and not text:
        return f"{th}เป็นสูตรที่ไม่ได้บันทึกค่าไว้ (the {en} is a formula saved without its value)"
    if text and is_formula(text):
        return f"{th}เป็นสูตรของสเปรดชีต (the {en} is a spreadsheet formula)"
    if text and has_markup(text):  # "<b>…</b><script>": echoed by lists, summaries, chat
        return f"{th}มีแท็กหรือมาร์กอัป (the {en} holds markup)"
    return None


def _read_sheet(ws: Any, where: str, out: Workbook) -> None:
    rows = _rows(ws)
    columns: dict[str, int] = {}
    for _n, row, _merged in rows:
        cols = _columns(row)
        if "name" in cols and "agency" in cols:
            columns = cols
            break
        if _n >= HEADER_ROWS:
            return
    if not columns:
        return
    out.sheets.append(str(ws.title))

    def cell(row: tuple[Any, ...], field: str) -> Any:
        i = columns.get(field)
        return row[i] if i is not None and i < len(row) else None

    run = _DayRun(where, str(ws.title), out.notes)
    unsaved = _uncached_formulas(ws)
    unsaved_budgets: list[str] = []
    no_quarter: list[str] = []  # rows with a fiscal year and no date

    def unsaved_formula(n: int, field: str) -> bool:
        i = columns.get(field)
        return i is not None and (n, i + 1) in unsaved

    # The section heading over the rows read now: its province where it names one and
    # a row has none; else the rows' group where the list has no group column.
    section: str | None = None
    section_province: str | None = None
    for n, row, merged in rows:
        if not any(_filled(v) for v in row):
            continue
        heading = _section_heading(row, merged, columns)
        if heading is not None:
            out.sections += 1
            section, section_province = heading, _heading_province(heading)
            continue
        out.rows_read += 1
        at = f"{where}!{ws.title}!{n}"[:160]
        texts = {f: _text(cell(row, f)) for f in _TEXT_FIELDS}
        formula = next((why for f in _TEXT_FIELDS
                        if (why := _formula_reason(f, texts[f], unsaved_formula(n, f)))), None)
        if formula is not None:
            out.refuse(formula, at)
            continue
        name, agency = texts["name"], texts["agency"]
        if not name:
            out.refuse("ไม่มีชื่อโครงการ (no project name)", at)
            continue
        if not agency:
            out.refuse("ไม่มีหน่วยงาน (no agency)", at)
            continue
        try:
            budget = _money(cell(row, "budget"))
        except AmbiguousAmount as exc:
            thai, english = exc.args[0]
            out.refuse(f"วงเงินงบประมาณ{thai} (budget: {english})", at)
            continue
        except NegativeAmount:
            out.refuse("วงเงินงบประมาณติดลบ (budget is negative)", at)
            continue
        except ValueError:
            out.refuse("วงเงินงบประมาณไม่ใช่จำนวนเงิน (budget is not an amount)", at)
            continue
        if budget is None and unsaved_formula(n, "budget"):
            unsaved_budgets.append(at)  # kept, its budget unknown (never 0 บาท), and told
        if texts["province"] and known_province(texts["province"]) is None:
            # "ลำดับ" (a formula's cached value), "-", a typo: no province's total holds it.
            out.refuse("จังหวัดไม่ใช่ชื่อจังหวัดของไทย (the province is not a province of "
                       "Thailand)", at)
            continue
        try:
            year = _fiscal_year(cell(row, "fiscal_year"))
        except ValueError:
            out.refuse("ปีงบประมาณไม่ใช่ปี (fiscal year is not a year)", at)
            continue
        raw_date = cell(row, "date")
        submitted = to_date(raw_date)
        if submitted is None and not (raw_date is None or str(raw_date).strip() == ""):
            # A date that is no date is refused like an amount that is none: kept as "no
            # date", the row would silently fall out of every quarter.
            out.refuse("วันเสนอโครงการไม่ใช่วันที่ (date is not a date)", at)
            continue
        run.add(n, submitted)
        fq = fiscal_quarter_of(submitted) if submitted else None
        if fq is None and year is not None:
            no_quarter.append(at)  # its year from the column, in no quarter's summary
        out.rows.append(
            ParsedProjectRow(
                name=shorten(name, 2000),
                agency=shorten(canonical_agency(agency), 500),
                ministry=texts["ministry"],
                province=(known_province(texts["province"]) if texts["province"] else None)
                or section_province,
                budget_baht=budget,
                fiscal_year=fq.fiscal_year if fq else year,
                quarter=fq.quarter if fq else None,
                submitted_on=submitted,
                plan=shorten(texts["plan"] or
                             ("" if "plan" in columns or section is None
                              or section_province else section), 32) or None,
                url=_text(cell(row, "url")),
                where=at,
            )
        )
    run.close()
    if no_quarter:
        out.notes.append(
            f"{len(no_quarter):,} แถว: มีปีงบประมาณแต่ไม่มีวันเสนอโครงการ จึงนับในปีงบประมาณนั้น "
            "แต่ไม่อยู่ในสรุปรายไตรมาสใด (a fiscal year and no date: counted in that year, in "
            f"no quarter's summary) — ที่ {_located(no_quarter)}")
    if unsaved_budgets:
        out.notes.append(
            f"{len(unsaved_budgets):,} แถว: วงเงินงบประมาณเป็นสูตรที่ไม่ได้บันทึกค่าไว้ จึงถือว่า"
            "ไม่ทราบงบประมาณ โปรดเปิดแล้วบันทึกไฟล์ใน Excel หรือ LibreOffice แล้วนำเข้าใหม่ "
            f"(budget is a formula saved without its value, read as unknown) — ที่ "
            f"{_located(unsaved_budgets)}")


def _located(places: list[str]) -> str:
    """The first :data:`MAX_ROWS_LOCATED` of ``places`` ("file.xlsx!Sheet!12"), "…" after more."""
    more = " …" if len(places) > MAX_ROWS_LOCATED else ""
    return ", ".join(places[:MAX_ROWS_LOCATED]) + more


def _refuse_implausible_budgets(out: Workbook) -> None:
    """Refuse the rows whose budget no project can have (:mod:`knowledge.plausible`).

    The bound is the file's (every sheet's rows together): a million million baht, or
    far above the file's median.  Each such row is refused where it stands and the first
    few are told with the amount and the bound's reason; summed, one would swamp every
    total of the list.
    """
    bound, median = file_bound(r.budget_baht for r in out.rows)
    kept: list[ParsedProjectRow] = []
    for r in out.rows:
        why = (implausible_reason(r.budget_baht, bound, median)
               if r.budget_baht is not None else None)
        if why is None:
            kept.append(r)
            continue
        at = r.where or "?"
        if len(out.refused_at.get(REFUSED_REASON, ())) < MAX_ROWS_LOCATED:
            english = implausible_reason(r.budget_baht or Decimal(0), bound, median,
                                         english=True)
            out.notes.append(f"{at}: ไม่รับวงเงินงบประมาณ {why} โปรดตรวจสอบ "
                             f"(budget refused: {english})")
        out.refuse(REFUSED_REASON, at)
    out.rows = kept


def read_xlsx(data: bytes, where: str) -> Workbook:
    """The project rows of the workbook held in ``data``.

    Raises :class:`DocumentError` (Thai first) for a password-protected, damaged or
    oversized file, or one in which no sheet has a project-name and an agency column.
    """
    check_office_zip(data, where, "xl/workbook.xml")
    import openpyxl

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged package
        raise DocumentError(f"{where}: ไฟล์ Excel เสียหรืออ่านไม่ได้ (damaged .xlsx: {exc})") from exc
    out = Workbook()
    try:
        for ws in wb.worksheets:
            if getattr(ws, "sheet_state", "visible") != "visible":
                # A hidden sheet holds what its author put out of sight (lookups, old
                # rows): not read, and said so, rather than counted unseen.
                out.notes.append(
                    f"{where}!{ws.title}: ชีตนี้ถูกซ่อนไว้ จึงไม่ได้อ่าน หากต้องการให้อ่าน "
                    "โปรดยกเลิกการซ่อนชีตแล้วนำเข้าใหม่ (a hidden sheet is not read; unhide it "
                    "and ingest again to read it)")
                continue
            _read_sheet(ws, where, out)
    finally:
        wb.close()
    _refuse_implausible_budgets(out)
    if not out.sheets:
        raise DocumentError(
            f"{where}: ไม่พบตารางโครงการ (ต้องมีหัวคอลัมน์ ชื่อโครงการ และ หน่วยรับงบประมาณ) "
            "(no sheet with project-name and agency headers)"
        )
    return out
