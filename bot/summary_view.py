"""Quarter summaries as people see them: chat text, chart, JSON and a workbook.

The numbers come from :mod:`knowledge.summary` (pure functions); this module only
presents them, so ``/summary 2/2566`` in chat and ``sdgbot summary 2/2566`` on the
command line can never disagree.  Chat text is kept short (a manager reads it on a
phone; Telegram cuts at 4096 characters) while the command line lists everything.

A quarter that cannot exist (``5/2566``) is a user error.  A well-formed quarter with
no data (``2/2400``) is *not* an error: it gets an empty summary that says so,
because "nothing was reported" is a valid and useful answer to "what was reported?".
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Collection, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from bot.atomic_file import save_atomically
from bot.replies import Button, Reply
from knowledge.db import Database
from knowledge.summary import ProjectSummary, QuarterSummary, Totals, load_summary_data, summarize
from knowledge.textcut import shorten
from knowledge.thai import (
    FiscalQuarter,
    ThaiParseError,
    format_baht,
    format_million_baht,
    format_thai_date,
    parse_quarter,
)

__all__ = [
    "load_summary",
    "resolve_quarter",
    "run_summary_command",
    "summary_json",
    "summary_replies",
    "summary_text",
    "write_xlsx",
]

log = logging.getLogger(__name__)
BANGKOK = ZoneInfo("Asia/Bangkok")
CHAT_MAX_PROJECTS = 8
CHAT_MAX_CHARS = 3500
_CHART_MAX_AGE_S = 24 * 3600


class _HasDb(Protocol):
    db: Database


class SummaryHost(Protocol):
    """What ``/summary`` needs of the chat core: the database, a clock, a media folder."""

    db: Database
    media_dir: Path | None

    def clock(self) -> dt.datetime:
        """Now, timezone-aware."""

    def now_quarter(self) -> FiscalQuarter:
        """The fiscal quarter of today in Asia/Bangkok."""


# -- loading --------------------------------------------------------------------------------------
def resolve_quarter(arg: str | None, today: dt.date | None = None) -> FiscalQuarter:
    """Parse the quarter a user typed; empty means the quarter containing ``today``.

    ``ThaiParseError`` carries Thai for chat users; the command line's operators may
    not read Thai, so the error raised here says it in both languages.
    """
    try:
        return parse_quarter(arg or "", today=today)
    except ThaiParseError as exc:
        raise ValueError(f"{exc.thai} — {exc.english}") from exc


def load_summary(db: Database, quarter: FiscalQuarter,
                 project_ids: Collection[int] | None = None) -> QuarterSummary:
    """Read the rows for ``quarter`` in one short read transaction and summarise them.

    ``project_ids``: only these projects (a manager's scope); None: all.
    """
    with db.read() as session:
        data = load_summary_data(session, quarter, project_ids)
    return summarize(data, quarter)


# -- text -----------------------------------------------------------------------------------------
def _money(v: Decimal | None) -> str:
    """Exact baht for audits and millions for reading: "9,684,500 บาท (9.68 ล้านบาท)"."""
    if v is None:
        return "ไม่ทราบ"
    if abs(v) >= 1_000_000:
        return f"{format_baht(v)} ({format_million_baht(v)})"
    return format_baht(v)


def _percent(v: Decimal | None) -> str:
    return "–" if v is None else f"{v:,.2f}%"


def _period(q: FiscalQuarter) -> str:
    return f"{format_thai_date(q.start, short=True)} – {format_thai_date(q.end, short=True)}"


def _local_date(at: dt.datetime) -> dt.date:
    """The Bangkok calendar day of a stored time (SQLite returns naive UTC)."""
    aware = at if at.tzinfo else at.replace(tzinfo=dt.UTC)
    return aware.astimezone(BANGKOK).date()


def _clip(text: str, limit: int) -> str:
    """``text`` on one line, shortened between words to ``limit`` characters."""
    return shorten(" ".join(text.split()), limit)


def _level_line(p: ProjectSummary) -> str | None:
    parts = []
    if p.result_level is not None or p.target_level is not None:
        got = "–" if p.result_level is None else str(p.result_level)
        want = "–" if p.target_level is None else str(p.target_level)
        mark = ""
        if p.result_level is not None and p.target_level is not None:
            mark = " ✅" if p.result_level >= p.target_level else " ⚠️"
        parts.append(f"ระดับที่ได้ {got} จากเป้าหมาย {want}{mark}")
    if p.latest_update_level is not None:
        parts.append(f"ระดับจากอัปเดตล่าสุด {p.latest_update_level}")
    return " · ".join(parts) or None


def _totals_lines(t: Totals) -> list[str]:
    return [
        f"งบประมาณรวม {_money(t.budget_baht)}",
        f"เบิกจ่ายแล้ว {_money(t.disbursement_actual_baht)} "
        f"จากเป้าหมาย {_money(t.disbursement_target_baht)} "
        f"· คิดเป็น {_percent(t.budget_share_percent)} ของงบประมาณ",
        f"อัปเดตจากเจ้าหน้าที่ {t.updates:,} รายการ",
    ]


def _project_lines(i: int, p: ProjectSummary, *, detail: bool) -> list[str]:
    lines = [f"{i}) [#{p.id}] {p.name} ({p.agency})"]
    if p.budget_baht is not None:
        lines.append(f"   งบประมาณ {_money(p.budget_baht)}")
    paid = f"   เบิกจ่าย {_money(p.disbursement_actual_baht)}"
    if p.disbursement_target_baht is not None:
        paid += f" / เป้าหมาย {_money(p.disbursement_target_baht)}"
    if p.budget_share_percent is not None:
        paid += f" · {_percent(p.budget_share_percent)} ของงบ"
    lines.append(paid)
    if p.updates_amount_baht and p.has_report:
        lines.append(f"   (แบบรายงาน {format_baht(p.report_disbursement_baht)} "
                     f"+ อัปเดต {format_baht(p.updates_amount_baht)})")
    if (level := _level_line(p)) is not None:
        lines.append(f"   {level}")
    if not p.has_report:
        lines.append("   ยังไม่มีแบบรายงานไตรมาสนี้ (มีเฉพาะอัปเดต)")
    if p.updates:
        when = f" ({format_thai_date(_local_date(p.latest_update_at), short=True)})" \
            if p.latest_update_at else ""
        lines.append(f"   อัปเดต {p.updates:,} รายการ · ล่าสุด{when}: "
                     f"“{_clip(p.latest_update or '', 100 if detail else 70)}”")
    else:
        lines.append("   ไม่มีอัปเดตในไตรมาสนี้")
    if detail:
        for h in p.highlights[:3]:
            lines.append(f"   • {_clip(h, 150)}")
    if p.problems:
        lines.append(f"   ปัญหา/อุปสรรค: {_clip(p.problems, 120 if detail else 80)}")
    return lines


def summary_text(summary: QuarterSummary, *, max_projects: int | None = None) -> str:
    """The summary as Thai text; ``max_projects`` caps the listing (chat), None lists all.

    Highlights from the results text are shown when few projects are listed, where
    they fit; with many projects the figures matter more than the prose.
    """
    q = summary.quarter
    lines = [f"📊 สรุปไตรมาส {q.quarter}/{q.fiscal_year} ({_period(q)})"]
    if summary.is_empty:
        lines.append("ไม่มีข้อมูลโครงการในไตรมาสนี้: ไม่มีแบบรายงานและไม่มีอัปเดต "
                     "(no data for this quarter)")
    else:
        t = summary.totals
        lines.append(f"โครงการที่มีความเคลื่อนไหว {t.projects:,} โครงการ "
                     f"จาก {len(summary.agencies):,} หน่วยงาน")
        lines.extend(_totals_lines(t))
        shown = summary.projects if max_projects is None else summary.projects[:max_projects]
        detail = max_projects is None or len(summary.projects) <= 3
        for i, p in enumerate(shown, 1):
            lines.append("")
            lines.extend(_project_lines(i, p, detail=detail))
        rest = len(summary.projects) - len(shown)
        if rest > 0:
            lines.append("")
            lines.append(f"… และอีก {rest:,} โครงการ (ดูทั้งหมด: sdgbot summary "
                         f"{q.quarter}/{q.fiscal_year} --xlsx FILE)")
        if len(summary.agencies) > 1:
            lines.append("")
            lines.append("แยกตามหน่วยงาน:")
            for a in summary.agencies:
                lines.append(f"• {a.agency}: {a.totals.projects:,} โครงการ · "
                             f"งบ {format_million_baht(a.totals.budget_baht)} · "
                             f"เบิกจ่าย {format_million_baht(a.totals.disbursement_actual_baht)} · "
                             f"อัปเดต {a.totals.updates:,}")
        if summary.sdg_goals:
            lines.append("")
            lines.append("เป้าหมาย SDGs ที่เกี่ยวข้อง: "
                         + ", ".join(f"SDG {g}" for g in summary.sdg_goals))
    if summary.not_reported:
        lines.append("")
        names = [f"[#{p.id}] {_clip(p.name, 60)} ({p.agency})" for p in summary.not_reported]
        limit = len(names) if max_projects is None else max_projects
        more = f" และอีก {len(names) - limit:,} โครงการ" if len(names) > limit else ""
        lines.append(f"ยังไม่รายงาน ({len(names):,}): " + "; ".join(names[:limit]) + more)
    text = "\n".join(lines)
    if max_projects is not None:
        text = shorten(text, CHAT_MAX_CHARS)
    return text


# -- JSON -----------------------------------------------------------------------------------------
def _totals_json(t: Totals) -> dict[str, Any]:
    return {
        "projects": t.projects,
        "budget_baht": t.budget_baht,
        "disbursement_target_baht": t.disbursement_target_baht,
        "disbursement_actual_baht": t.disbursement_actual_baht,
        "updates": t.updates,
    }


def _project_json(p: ProjectSummary) -> dict[str, Any]:
    return {
        "id": p.id,
        "name": p.name,
        "agency": p.agency,
        "budget_baht": p.budget_baht,
        "disbursement_target_baht": p.disbursement_target_baht,
        "disbursement_actual_baht": p.disbursement_actual_baht,
        "target_level": p.target_level,
        "result_level": p.result_level,
        "updates": p.updates,
        "latest_update": p.latest_update,
        # additions beyond the contract
        "budget_share_percent": p.budget_share_percent,
        "latest_update_level": p.latest_update_level,
        "has_report": p.has_report,
        "highlights": list(p.highlights),
        "problems": p.problems,
        "sdg_goals": list(p.sdg_goals),
    }


def summary_json(summary: QuarterSummary) -> dict[str, Any]:
    """The ``sdgbot summary --json`` object of CONTRACTS.md, plus a few extra keys.

    Money stays ``Decimal`` (the CLI's dumper writes it as a JSON number); dates are
    ISO strings in the Gregorian calendar, years in the Buddhist era.
    """
    q = summary.quarter
    return {
        "fiscal_year": q.fiscal_year,
        "quarter": q.quarter,
        "period_start": q.start.isoformat(),
        "period_end": q.end.isoformat(),
        "projects": [_project_json(p) for p in summary.projects],
        "totals": _totals_json(summary.totals),
        "label": f"{q.quarter}/{q.fiscal_year}",
        "agencies": [{"agency": a.agency, **_totals_json(a.totals)} for a in summary.agencies],
        "sdg_goals": list(summary.sdg_goals),
        "not_reported": [
            {"id": p.id, "name": p.name, "agency": p.agency} for p in summary.not_reported
        ],
    }


# -- workbook -------------------------------------------------------------------------------------
_MONEY_FMT = "#,##0.00"
_PCT_FMT = "0.00%"
_INT_FMT = "0"
_WHEN_FMT = "yyyy-mm-dd hh:mm"


def _fraction(p: Decimal | None) -> Decimal | None:
    return None if p is None else p / 100


#: Characters a workbook cannot hold (XML 1.0 forbids C0 controls but tab, LF, CR).
#: A vertical tab or form feed is Word's line or page break: it becomes a line break.
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0e-\x1f\ufffe\uffff]")
_BREAKS = re.compile(r"[\x0b\x0c]")
#: What a spreadsheet may read as the start of a formula (OWASP, CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell_text(value: str) -> str:
    """``value`` made storable in a workbook: illegal control characters removed.

    A vertical tab or form feed (Word's line and page breaks) becomes a line break;
    other C0 controls that XML cannot hold are dropped.  Everything else is kept.
    """
    return _XML_ILLEGAL.sub("", _BREAKS.sub("\n", value))


def _store_as_text(cell: Any) -> None:
    """Make a string cell plain text: never a formula, whatever it starts with.

    openpyxl turns a string that starts with ``=`` into a formula; the cell is typed
    back to a string, and a value that a spreadsheet would read as a formula when
    edited (``= + - @``, tab, CR first: OWASP's rule) gets Excel's quote prefix, the
    mark of text typed after an apostrophe.  The text itself is kept as written.
    """
    if isinstance(cell.value, str):
        cell.data_type = "s"
        if cell.value.startswith(_FORMULA_START):
            cell.quotePrefix = True


def _sheet(wb: Any, name: str, title: str, columns: Sequence[tuple[str, str | None, float]],
           rows: Sequence[Sequence[object]]) -> None:
    """A sheet: a title row naming the quarter, a header row, then ``rows``.

    Every string cell is plain text (see :func:`_store_as_text`).
    """
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(name)
    ws.append([title])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([c[0] for c in columns])
    for cell in ws[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        ws.append([cell_text(v) if isinstance(v, str) else v for v in row])
    for line in ws.iter_rows():
        for cell in line:
            _store_as_text(cell)
    for col, (_, fmt, width) in enumerate(columns, 1):
        letter = get_column_letter(col)
        ws.column_dimensions[letter].width = width
        if fmt is not None:
            for (cell,) in ws.iter_rows(min_row=3, min_col=col, max_col=col):
                cell.number_format = fmt
    ws.freeze_panes = "A3"
    ws.auto_filter.ref = f"A2:{get_column_letter(len(columns))}{ws.max_row}"


def write_xlsx(summary: QuarterSummary, path: Path) -> Path:
    """Write the summary as a workbook: sheets ``projects``, ``agencies``, ``updates``.

    Cells hold real numbers (money in baht with a ``#,##0.00`` format, shares as
    fractions with a percent format) so that officers can sum and chart them in
    Excel.  Row 1 of each sheet names the quarter and its dates, row 2 holds the
    headers (Thai, with the JSON key in brackets for scripts), data starts on row 3.
    Every text cell is stored as text, never as a formula (:func:`_store_as_text`).  The file is
    written beside its destination and renamed, so it appears complete or not at all.
    """
    from openpyxl import Workbook

    q = summary.quarter
    wb = Workbook()
    wb.remove(wb.active)
    heading = f"สรุปไตรมาส {q.quarter}/{q.fiscal_year} ({_period(q)})"
    wb.properties.title = heading
    wb.properties.creator = "sdgbot"

    _sheet(wb, "projects", f"{heading} · โครงการ (projects)", [
        ("รหัส (id)", _INT_FMT, 8),
        ("หน่วยงาน (agency)", None, 14),
        ("โครงการ (name)", None, 50),
        ("งบประมาณ (budget_baht)", _MONEY_FMT, 18),
        ("เป้าหมายการเบิกจ่าย (disbursement_target_baht)", _MONEY_FMT, 18),
        ("เบิกจ่ายตามแบบรายงาน (report_disbursement_baht)", _MONEY_FMT, 18),
        ("เบิกจ่ายจากอัปเดต (updates_amount_baht)", _MONEY_FMT, 18),
        ("เบิกจ่ายรวม (disbursement_actual_baht)", _MONEY_FMT, 18),
        ("ร้อยละของงบ (budget_share)", _PCT_FMT, 12),
        ("ระดับเป้าหมาย (target_level)", _INT_FMT, 10),
        ("ระดับที่ได้ (result_level)", _INT_FMT, 10),
        ("ระดับจากอัปเดตล่าสุด (latest_update_level)", _INT_FMT, 10),
        ("จำนวนอัปเดต (updates)", _INT_FMT, 10),
        ("อัปเดตล่าสุด (latest_update)", None, 50),
        ("SDGs (sdg_goals)", None, 10),
        ("ผลงานเด่น (highlights)", None, 60),
        ("ปัญหา/อุปสรรค (problems)", None, 40),
    ], [
        (p.id, p.agency, p.name, p.budget_baht, p.disbursement_target_baht,
         p.report_disbursement_baht, p.updates_amount_baht, p.disbursement_actual_baht,
         _fraction(p.budget_share_percent), p.target_level, p.result_level,
         p.latest_update_level, p.updates, p.latest_update,
         ", ".join(str(g) for g in p.sdg_goals) or None,
         "\n".join(p.highlights) or None, p.problems)
        for p in summary.projects
    ])

    def agency_row(name: str, t: Totals) -> tuple[object, ...]:
        return (name, t.projects, t.budget_baht, t.disbursement_target_baht,
                t.disbursement_actual_baht, _fraction(t.budget_share_percent), t.updates)

    _sheet(wb, "agencies", f"{heading} · หน่วยงาน (agencies)", [
        ("หน่วยงาน (agency)", None, 20),
        ("โครงการ (projects)", _INT_FMT, 10),
        ("งบประมาณ (budget_baht)", _MONEY_FMT, 18),
        ("เป้าหมายการเบิกจ่าย (disbursement_target_baht)", _MONEY_FMT, 18),
        ("เบิกจ่ายรวม (disbursement_actual_baht)", _MONEY_FMT, 18),
        ("ร้อยละของงบ (budget_share)", _PCT_FMT, 12),
        ("จำนวนอัปเดต (updates)", _INT_FMT, 10),
    ], [agency_row(a.agency, a.totals) for a in summary.agencies]
       + [agency_row("รวมทั้งหมด (total)", summary.totals)])

    names = {p.id: (p.name, p.agency) for p in summary.projects}
    _sheet(wb, "updates", f"{heading} · อัปเดตจากเจ้าหน้าที่ (updates)", [
        ("รหัสอัปเดต (id)", _INT_FMT, 10),
        ("เวลา (created_at, Asia/Bangkok)", _WHEN_FMT, 18),
        ("รหัสโครงการ (project_id)", _INT_FMT, 10),
        ("โครงการ (name)", None, 40),
        ("หน่วยงาน (agency)", None, 14),
        ("เบิกจ่าย (amount_baht)", _MONEY_FMT, 16),
        ("ระดับ (level)", _INT_FMT, 8),
        ("ร้อยละ (percent)", "0.00", 10),
        ("ผู้รายงาน (author_role)", None, 12),
        ("ข้อความ (text)", None, 80),
    ], [
        (u.id,
         (u.created_at if u.created_at.tzinfo else u.created_at.replace(tzinfo=dt.UTC))
         .astimezone(BANGKOK).replace(tzinfo=None),
         u.project_id, names.get(u.project_id, ("", ""))[0],
         names.get(u.project_id, ("", ""))[1], u.amount_baht, u.level, u.percent,
         u.author_role, u.text)
        for u in summary.updates
    ])
    save_atomically(path, wb.save)
    return path


# -- chat -----------------------------------------------------------------------------------------
def _neighbours(q: FiscalQuarter, current: FiscalQuarter) -> list[FiscalQuarter]:
    prev = FiscalQuarter(q.fiscal_year - 1, 4) if q.quarter == 1 else \
        FiscalQuarter(q.fiscal_year, q.quarter - 1)
    nxt = FiscalQuarter(q.fiscal_year + 1, 1) if q.quarter == 4 else \
        FiscalQuarter(q.fiscal_year, q.quarter + 1)
    out = []
    for n in (prev, nxt):
        try:
            n.dates  # noqa: B018 - raises for a year outside the supported range
        except ThaiParseError:
            continue
        if n <= current:
            out.append(n)
    return out


def _chart_dir(core: SummaryHost) -> Path:
    media = core.media_dir or Path(tempfile.gettempdir()) / "sdgbot-media"
    media.mkdir(parents=True, exist_ok=True)
    return media


def _prune_charts(folder: Path) -> None:
    """Delete day-old charts: they were sent long ago and would fill the disk."""
    cutoff = time.time() - _CHART_MAX_AGE_S
    for old in folder.glob("summary-*.png"):
        try:
            if old.stat().st_mtime < cutoff:
                old.unlink()
        except OSError:
            pass  # another worker removed it first


def summary_replies(core: SummaryHost, arg: str, project_ids: Collection[int] | None = None,
                    note: Callable[[FiscalQuarter], str | None] | None = None) -> list[Reply]:
    """The ``/summary`` command: a text reply, and a chart when any project is listed.

    A chart that fails to render (disk full, say) costs the picture, not the answer.
    ``project_ids`` limits it to a manager's scope; ``note(quarter)`` is a line added
    under the text (the scope, updates waiting for approval).
    """
    from bot.summary_lists import lists_summary, lists_text, split_summary_arg

    current = core.now_quarter()
    try:
        q, filter_text = split_summary_arg(arg, today=core.clock().astimezone(BANGKOK).date())
    except ValueError as exc:
        return [Reply(f"{exc}\nตัวอย่าง: /summary 2/2566, /summary Q2 2566, "
                      "/summary ไตรมาส 2 ปีงบ 66")]
    summary = load_summary(core.db, q, project_ids)
    buttons: tuple[Button, ...] = tuple(
        Button(f"{'◀' if n < q else '▶'} ไตรมาส {n.quarter}/{n.fiscal_year}",
               f"/summary {n.quarter}/{n.fiscal_year}")
        for n in _neighbours(q, current)
    )
    text = summary_text(summary, max_projects=CHAT_MAX_PROJECTS)
    extra = note(q) if note is not None else None
    replies = [Reply(f"{text}\n{extra}" if extra else text, buttons=buttons)]
    lists = lists_summary(core.db, q, filter_text)
    if lists is not None:  # the project lists: totals by agency and province
        replies.append(Reply(lists_text(lists)))
    if summary.is_empty and not (lists is not None and lists.projects):
        return replies
    try:
        from bot.chart import render_summary_chart

        folder = _chart_dir(core)
        _prune_charts(folder)
        name = f"summary-{q.fiscal_year}-q{q.quarter}-{uuid.uuid4().hex[:12]}.png"
        path = render_summary_chart(summary, folder / name, lists)
    except Exception:
        log.exception("could not render the summary chart for %s", q.label)
        return replies
    # The text only captions the chart: an adapter that cannot show the chart drops both.
    replies.append(Reply(f"แผนภูมิสรุปไตรมาส {q.quarter}/{q.fiscal_year}", image=path,
                         meta={"caption": True}))
    return replies


# -- command line ---------------------------------------------------------------------------------
def _output_path(raw: str | None, what: str) -> Path | None:
    """Check an output path before any work, so a typo fails with nothing written."""
    if not raw:
        return None
    path = Path(raw).expanduser()
    if path.is_dir():
        raise ValueError(f"{what}: {path} เป็นโฟลเดอร์ ต้องระบุชื่อไฟล์ — {path} is a folder")
    if not path.parent.is_dir():
        raise ValueError(f"{what}: ไม่พบโฟลเดอร์ {path.parent} — folder {path.parent} not found")
    return path


def run_summary_command(app: _HasDb, args: Any, dumps: Callable[[object], str]) -> int:
    """``sdgbot summary``: print the summary (text or JSON), optionally write files.

    Files are written before anything is printed and removed again if a later one
    fails, so a user error leaves nothing behind.  With ``--json`` the paths written
    go to stderr, keeping stdout one JSON document.
    """
    from bot.summary_lists import lists_json, lists_summary, lists_text, split_summary_arg

    q, filter_text = split_summary_arg(" ".join(getattr(args, "quarter", None) or []))
    xlsx = _output_path(getattr(args, "xlsx", None), "--xlsx")
    chart = _output_path(getattr(args, "chart", None), "--chart")
    if chart is not None:
        from bot.chart import CHART_FORMATS

        if chart.suffix.lower() not in CHART_FORMATS:
            raise ValueError(
                f"--chart: ไม่รองรับนามสกุล {chart.suffix or '(ไม่มี)'} ใช้ได้: "
                f"{', '.join(CHART_FORMATS)} — chart files are "
                f"{', '.join(CHART_FORMATS)} (the format follows the name)")
    summary = load_summary(app.db, q)
    lists = lists_summary(app.db, q, filter_text)
    written: list[tuple[str, Path]] = []
    try:
        if xlsx is not None:
            written.append(("ไฟล์ Excel (xlsx)", write_xlsx(summary, xlsx)))
        if chart is not None:
            from bot.chart import render_summary_chart

            written.append(("แผนภูมิ (chart)", render_summary_chart(summary, chart, lists)))
    except OSError as exc:
        for _, path in written:
            path.unlink(missing_ok=True)
        raise ValueError(f"เขียนไฟล์ไม่ได้ — cannot write file: {exc}") from exc
    as_json = bool(getattr(args, "json", False))
    if as_json:
        obj = summary_json(summary)
        if lists is not None:
            obj["lists"] = lists_json(lists)
        print(dumps(obj))
    else:
        print(summary_text(summary))
        if lists is not None:
            print()
            print(lists_text(lists))
    for what, path in written:
        print(f"{what}: {path}", file=sys.stderr if as_json else sys.stdout)
    return 0
