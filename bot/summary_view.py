"""Quarter summaries as people see them: chat text, chart, JSON and a workbook.

The numbers come from :mod:`knowledge.summary` (pure functions); this module only
presents them, so ``/summary 2/2566`` in chat and ``sdgbot summary 2/2566`` on the
command line can never disagree.  Chat text is kept short (a manager reads it on a
phone; Telegram cuts at 4096 characters) while the command line lists everything.

A quarter that cannot exist (``5/2566``), a fiscal year no report can be in (before
2500 or after the next one: ``2/2599``), two quarters, or words that are no quarter
(``abc``, an agency without its quarter) are user errors, answered with the forms
``/summary`` takes.  A well-formed quarter with no data (``2/2550``) is *not* an error:
it gets an empty summary that says so, because "nothing was reported" is a valid and
useful answer to "what was reported?".
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import logging
import os
import re
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from bot.atomic_file import save_atomically
from bot.conversation.lang import plural
from bot.quarter_range import not_begun_note
from bot.replies import Button, Reply
from bot.summary_lists import ListsSummary, listed_view
from bot.summary_workbook import cell_text, write_listed_xlsx, write_xlsx
from knowledge.db import Database
from knowledge.locks import exclusive_lock
from knowledge.project_queries import Filters, listed_rows
from knowledge.summary import ProjectSummary, QuarterSummary, Totals, load_summary_data, summarize
from knowledge.textcut import shorten
from knowledge.thai import (
    BE_OFFSET,
    FiscalQuarter,
    ThaiParseError,
    format_baht,
    format_baht_millions,
    format_english_date,
    format_million_baht,
    format_thai_date,
    latest_begun,
    parse_quarter,
    quarter_alone,
    to_arabic_digits,
)

__all__ = [
    "SummaryWarmer",
    "cell_text",
    "load_summary",
    "resolve_quarter",
    "run_summary_command",
    "summary_json",
    "summary_replies",
    "summary_text",
    "warm_listed_workbooks",
    "warm_summary_files",
    "write_listed_workbook",
    "write_summary_workbook",
    "write_xlsx",
]

log = logging.getLogger(__name__)
BANGKOK = ZoneInfo("Asia/Bangkok")
CHAT_MAX_PROJECTS = 8
CHAT_MAX_CHARS = 3500
_CHART_MAX_AGE_S = 24 * 3600
#: A listed projects' workbook is kept this long after it was last made or sent: it
#: changes only with an ingest or a removal, and is made again only after one.
_LISTED_MAX_AGE_S = 14 * 24 * 3600
#: The filtered views of the lists asked in chat (``/summary 2/2566 จังหวัดเชียงใหม่``)
#: whose listed workbooks are made again ahead of time whenever the lists change
#: (:func:`warm_listed_workbooks`): at most this many, the most recently asked, each
#: for two weeks after it was last asked.
_VIEWS_MAX = 16
_VIEWS_FILE = "listed-views.json"


class _HasDb(Protocol):
    db: Database


class _MediaHost(Protocol):
    """Where the chart and workbook are read from and written to."""

    db: Database
    media_dir: Path | None


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
    not read Thai, so the error raised here says it in both languages, each on its own
    lines (:class:`~bot.bilingual.Bilingual`).
    """
    from bot.bilingual import Bilingual

    try:
        n = quarter_alone(arg) if arg else None
        if n is not None:  # "ไตรมาส 2": the latest quarter 2 begun, as /update and /summary
            return latest_begun(n, parse_quarter(None, today=today))
        return parse_quarter(arg or "", today=today)
    except ThaiParseError as exc:
        raise Bilingual(exc.thai, exc.english) from exc


def load_summary(db: Database, quarter: FiscalQuarter,
                 project_ids: Collection[int] | None = None,
                 current: FiscalQuarter | None = None) -> QuarterSummary:
    """Read the rows for ``quarter`` in one short read transaction and summarise them.

    ``project_ids``: only these projects (a manager's scope); None: all.  ``current``:
    the quarter of today; a later ``quarter`` has no projects "not reported" (text,
    JSON and workbook alike), since nobody can have reported on it yet.
    """
    with db.read() as session:
        data = load_summary_data(session, quarter, project_ids)
    summary = summarize(data, quarter)
    if current is not None and quarter > current:
        summary = replace(summary, not_reported=())
    return summary


# -- text -----------------------------------------------------------------------------------------
def _money(v: Decimal | None) -> str:
    """Exact baht for audits and millions for reading: "9,684,500 บาท (9.68 ล้านบาท)"."""
    if v is None:
        return "ไม่ทราบ"
    return format_baht_millions(v)


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
    """The totals: a budget or target no project states is unknown, never "0 บาท".

    A disbursement is compared with a target (or budget) over the same projects only:
    where some projects' target is unknown, the comparison is of the others, and what
    it leaves out (how many projects, what they disbursed) is said.  "เบิกจ่ายแล้ว
    2,335,150 บาท จากเป้าหมาย 1,000,000 บาท" set every project's disbursement against
    the target of some (a tester read 233% of target).
    """
    if t.budget_baht is None:
        budget = "งบประมาณรวม ไม่ทราบ (ยังไม่มีแบบรายงานที่ระบุงบประมาณ)"
    else:
        budget = f"งบประมาณรวม {_money(t.budget_baht)}"
        if t.budget_unknown:
            left_out = t.disbursement_actual_baht - t.actual_with_budget_baht
            budget += (f" (ไม่รวม {t.budget_unknown:,} โครงการที่ยังไม่ทราบงบประมาณ "
                       f"ซึ่งเบิกจ่าย {_money(left_out)}) · โครงการที่ทราบงบประมาณเบิกจ่าย "
                       f"{_money(t.actual_with_budget_baht)}")
            if (share := t.known_budget_share_percent) is not None:
                budget += f" คิดเป็น {_percent(share)} ของงบประมาณ"
    paid = f"เบิกจ่ายแล้ว {_money(t.disbursement_actual_baht)}"
    if t.disbursement_target_baht is None:
        paid += " (ยังไม่มีข้อมูลเป้าหมายการเบิกจ่าย)"
    elif t.target_unknown:
        left_out = t.disbursement_actual_baht - t.actual_with_target_baht
        paid += (f" · เทียบเป้าหมาย: โครงการที่ทราบเป้าหมายเบิกจ่าย "
                 f"{_money(t.actual_with_target_baht)} จากเป้าหมาย "
                 f"{_money(t.disbursement_target_baht)} (ไม่นับ {t.target_unknown:,} "
                 f"โครงการที่ยังไม่ทราบเป้าหมาย ซึ่งเบิกจ่าย {_money(left_out)})")
    else:
        paid += f" จากเป้าหมาย {_money(t.disbursement_target_baht)}"
    if t.budget_share_percent is not None:
        paid += f" · คิดเป็น {_percent(t.budget_share_percent)} ของงบประมาณ"
    return [
        budget,
        paid,
        f"อัปเดตจากเจ้าหน้าที่ {t.updates:,} รายการ · หลักฐาน (รูป/PDF) {t.evidence:,} ไฟล์",
    ]


def _million_or_unknown(v: Decimal | None) -> str:
    """Millions of baht, or "ไม่ทราบ" for a budget no form states."""
    return "ไม่ทราบ" if v is None else format_million_baht(v)


def _disbursement_parts(p: ProjectSummary) -> str | None:
    """How a project's disbursement is made up, when more than one figure went into it.

    A running total an update stated ("เบิกจ่ายสะสม") is shown as such and never added
    to the form's figure or to the updates before it: only the payments after it are.
    """
    if p.cumulative_update_baht is not None:
        parts = f"ยอดสะสมล่าสุดจากอัปเดต {format_baht(p.cumulative_update_baht)}"
        if p.updates_amount_baht:
            parts += f" + อัปเดตหลังจากนั้น {format_baht(p.updates_amount_baht)}"
        if p.has_report and p.report_disbursement_baht:
            parts += (f"; ไม่บวกซ้ำกับแบบรายงาน {format_baht(p.report_disbursement_baht)} "
                      "และอัปเดตก่อนยอดสะสม")
        return parts
    if p.updates_amount_baht and p.has_report:
        return (f"แบบรายงาน {format_baht(p.report_disbursement_baht)} "
                f"+ อัปเดต {format_baht(p.updates_amount_baht)}")
    return None


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
    if (made_of := _disbursement_parts(p)) is not None:
        lines.append(f"   ({made_of})")
    if (level := _level_line(p)) is not None:
        lines.append(f"   {level}")
    if not p.has_report:
        lines.append("   ยังไม่มีแบบรายงานไตรมาสนี้ (มีเฉพาะอัปเดต)")
    if p.updates:
        when = f" ({format_thai_date(_local_date(p.latest_update_at), short=True)})" \
            if p.latest_update_at else ""
        files = f" · หลักฐาน {p.evidence:,} ไฟล์" if p.evidence else ""
        lines.append(f"   อัปเดต {p.updates:,} รายการ{files} · ล่าสุด{when}: "
                     f"“{_clip(p.latest_update or '', 100 if detail else 70)}”")
    else:
        lines.append("   ไม่มีอัปเดตในไตรมาสนี้")
    if detail:
        for h in p.highlights[:3]:
            lines.append(f"   • {_clip(h, 150)}")
    if p.problems:
        lines.append(f"   ปัญหา/อุปสรรค: {_clip(p.problems, 120 if detail else 80)}")
    return lines


def summary_text(summary: QuarterSummary, *, max_projects: int | None = None,
                 current: FiscalQuarter | None = None) -> str:
    """The summary as Thai text; ``max_projects`` caps the listing (chat), None lists all.

    ``current``: the quarter of today; a summary of a later one says it has not begun
    instead of listing the projects not reported (none could have been).

    Highlights from the results text are shown when few projects are listed, where
    they fit; with many projects the figures matter more than the prose.
    """
    q = summary.quarter
    lines = [f"📊 สรุปไตรมาส {q.quarter}/{q.fiscal_year} ({_period(q)})"]
    if summary.is_empty:
        # The project lists (below, when the database holds any) are another matter:
        # "no data" here would contradict them.
        lines.append("ไม่มีแบบรายงานหรืออัปเดตความคืบหน้าในไตรมาสนี้")
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
            lines.append(f"… และอีก {rest:,} โครงการ (ดูทั้งหมดในไฟล์ Excel ที่แนบ "
                         f"หรือ sdgbot summary {q.quarter}/{q.fiscal_year} --xlsx FILE)")
        if len(summary.agencies) > 1:
            lines.append("")
            lines.append("แยกตามหน่วยงาน:")
            for a in summary.agencies:
                lines.append(f"• {a.agency}: {a.totals.projects:,} โครงการ · "
                             f"งบ {_million_or_unknown(a.totals.budget_baht)} · "
                             f"เบิกจ่าย {format_million_baht(a.totals.disbursement_actual_baht)} · "
                             f"อัปเดต {a.totals.updates:,}"
                             + (f" · หลักฐาน {a.totals.evidence:,}" if a.totals.evidence else ""))
        if summary.sdg_goals:
            lines.append("")
            lines.append("เป้าหมาย SDGs ที่เกี่ยวข้อง: "
                         + ", ".join(f"SDG {g}" for g in summary.sdg_goals))
    future = not_begun_note(q, current) if current is not None else None
    if future is not None:
        lines.append("")
        lines.append(future.thai)
    elif summary.not_reported:
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
    """CONTRACTS.md's totals; a budget or target no project states is null (unknown)."""
    return {
        "projects": t.projects,
        "budget_baht": t.budget_baht,
        "disbursement_target_baht": t.disbursement_target_baht,
        "disbursement_actual_baht": t.disbursement_actual_baht,
        "updates": t.updates,
        # additions beyond the contract: projects whose budget / target is unknown
        "budget_unknown_projects": t.budget_unknown,
        "target_unknown_projects": t.target_unknown,
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
        "evidence": p.evidence,
        "report_disbursement_baht": p.report_disbursement_baht,
        "updates_amount_baht": p.updates_amount_baht,
        "cumulative_update_baht": p.cumulative_update_baht,
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
        "evidence": summary.totals.evidence,  # photos and PDFs behind the counted updates
        "not_reported": [
            {"id": p.id, "name": p.name, "agency": p.agency} for p in summary.not_reported
        ],
    }


# -- workbook -------------------------------------------------------------------------------------
def write_summary_workbook(db: Database, summary: QuarterSummary, path: Path,
                           lists: ListsSummary | None = None) -> Path:
    """Write the summary's workbook with every listed project of ``lists`` (streamed).

    The ``listed`` sheet holds the listed projects submitted in the quarter under the
    filter of ``lists``; it is left out when the database lists none, or when the
    filter named no known agency or province (the text says so).  One read transaction
    covers the rows, so the sheet is one consistent picture.
    """
    if lists is None or (lists.filter_text and not (lists.filters.agency
                                                     or lists.filters.province)):
        return write_xlsx(summary, path)
    with db.read() as session:
        return write_xlsx(summary, path, listed_rows(session, lists.filters),
                          listed_title=_scope_words(lists) or None)


def _lists_shown(lists: ListsSummary | None) -> bool:
    """Whether ``lists`` names rows to list: some database rows, under a known filter."""
    return lists is not None and bool(lists.projects) and not (
        lists.filter_text and not (lists.filters.agency or lists.filters.province))


def write_listed_workbook(db: Database, lists: ListsSummary, path: Path) -> Path:
    """Write the workbook of every listed project under ``lists``' filter (streamed).

    What ``/summary`` sends beside the summary workbook (:func:`write_listed_xlsx`):
    one sheet, ``listed``, read in one read transaction.
    """
    with db.read() as session:
        return write_listed_xlsx(lists.quarter, path, listed_rows(session, lists.filters),
                                 listed_title=_scope_words(lists) or None)


def _scope_words(lists: ListsSummary) -> str:
    words = []
    if lists.filters.agency:
        words.append(lists.filters.agency)
    if lists.filters.province:
        words.append(f"จังหวัด{lists.filters.province}")
    return " ".join(words)


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


def _chart_dir(core: _MediaHost) -> Path:
    media = core.media_dir or Path(tempfile.gettempdir()) / "sdgbot-media"
    media.mkdir(parents=True, exist_ok=True)
    return media


def _prune_charts(folder: Path) -> None:
    """Delete day-old charts and workbooks: they were sent long ago and would fill the disk.

    Their lock files go too, and files half-written by a process that was stopped.
    A listed projects' workbook is kept two weeks after it was last made or sent (it
    is touched each time it is sent): those of lists changed since are never sent again.
    """
    now = time.time()
    for old in [*folder.glob("summary-*.png"), *folder.glob("summary-*.xlsx"),
                *folder.glob(".summary-*.lock"), *folder.glob(".sdgbot-*"),
                *folder.glob("listed-*.xlsx"), *folder.glob(".listed-*.lock")]:
        age = _LISTED_MAX_AGE_S if old.name.lstrip(".").startswith("listed-") \
            else _CHART_MAX_AGE_S
        try:
            if old.stat().st_mtime < now - age:
                old.unlink()
        except OSError:
            pass  # another worker removed it first


#: Bump when the chart or the workbook changes, so no file drawn before is reused.
_FILES_VERSION = "5"


def _files_key(summary: QuarterSummary, lists: ListsSummary | None) -> str:
    """A name for the chart and summary workbook of exactly this data (hex, 32 characters).

    Both are drawn from the summary and the lists alone, so two equal keys mean equal
    files: a second ``/summary`` of unchanged data, by any
    manager with the same view on any worker, sends the files already made, and any
    change to the data (an update, an approval, an edit, evidence, an ingest or a
    removal) gives new names, so a file made before is never sent for it.  The key is
    a digest of the data itself, so nobody can guess a file's name without it.
    """
    raw = repr((_FILES_VERSION, summary, lists)).encode("utf-8", "surrogatepass")
    return hashlib.sha256(raw).hexdigest()[:32]


def _listed_key(filters: Filters, fingerprint: tuple[int, int, int]) -> str:
    """A name for the listed projects' workbook under ``filters`` (hex, 32 characters).

    The workbook holds the rows under ``filters`` (a quarter, perhaps an agency or a
    province) and nothing else, so it is named by them and their fingerprint alone
    (:func:`knowledge.project_queries.listed_fingerprint`: the data version the
    database bumps on any change to any listed row, the count and the highest id):
    updates, approvals and report forms leave it as it is, an ingest, a removal or a
    row changed in place gives it a new name.
    """
    raw = repr((_FILES_VERSION, filters, fingerprint)).encode("utf-8", "surrogatepass")
    return hashlib.sha256(raw).hexdigest()[:32]


def _listed_path(folder: Path, filters: Filters, fingerprint: tuple[int, int, int]) -> Path:
    return folder / (f"listed-{filters.fiscal_year}-q{filters.quarter}-"
                     f"{_listed_key(filters, fingerprint)}.xlsx")


def _fresh(path: Path) -> bool:
    """Whether ``path`` exists and will outlive a send (half the pruning age)."""
    try:
        return time.time() - path.stat().st_mtime < _CHART_MAX_AGE_S / 2
    except OSError:
        return False


def _fresh_listed(path: Path) -> bool:
    """Whether a listed projects' workbook is there; if so it is touched (kept longer)."""
    try:
        if time.time() - path.stat().st_mtime < _LISTED_MAX_AGE_S / 2:
            os.utime(path)  # sent again: kept two weeks from now
            return True
    except OSError:
        pass
    return False


@dataclass(frozen=True)
class _Files:
    """Where the chart and the workbooks of one summary's data are (made or not yet)."""

    folder: Path
    stem: str
    chart: Path | None  # None: nothing to draw
    book: Path
    listed: Path | None = None  # None: no listed project to list

    def made(self) -> bool:
        """Whether all are there and will outlive a send."""
        return ((self.chart is None or _fresh(self.chart)) and _fresh(self.book)
                and (self.listed is None or _fresh_listed(self.listed)))


def _files_for(core: _MediaHost, q: FiscalQuarter, summary: QuarterSummary,
               lists: ListsSummary | None) -> _Files:
    folder = _chart_dir(core)
    stem = f"summary-{q.fiscal_year}-q{q.quarter}-{_files_key(summary, lists)}"
    drawn = not summary.is_empty or (lists is not None and bool(lists.projects))
    listed = _listed_path(folder, lists.filters, lists.fingerprint) \
        if lists is not None and _lists_shown(lists) else None
    return _Files(folder, stem, folder / f"{stem}.png" if drawn else None,
                  folder / f"{stem}.xlsx", listed)


_making_here = threading.Lock()  # where there is no flock: one maker per process


@contextlib.contextmanager
def _making(folder: Path, stem: str) -> Iterator[None]:
    """Hold the right to make the files named ``stem``: one thread of one process at a time.

    A ``/summary`` that arrives while the background warmer (or another worker) makes
    the same files waits for them instead of making them a second time.  ``flock``
    locks belong to an open file, so two threads of one process exclude each other too.
    """
    with exclusive_lock(folder / f".{stem}.lock", fallback=_making_here):
        yield


def _make_files(db: Database, files: _Files, summary: QuarterSummary,
                lists: ListsSummary | None) -> None:
    """Make whichever of the chart and the workbooks is missing, one after the other.

    (Drawn in a second thread, the chart gained nothing: both are mostly Python under
    one interpreter lock, and on a loaded machine the workbook then waited for it.)
    Errors are logged; a file that could not be made is simply not there.
    """
    if files.listed is not None and lists is not None:
        _make_listed(db, files.listed, lists)
    with _making(files.folder, files.stem):
        if files.chart is not None and not _fresh(files.chart):
            try:
                from bot.chart import render_summary_chart

                render_summary_chart(summary, files.chart, lists)
            except Exception:
                log.exception("could not render the summary chart for %s",
                              summary.quarter.label)
        if not _fresh(files.book):
            try:
                write_xlsx(summary, files.book)
            except Exception:
                log.exception("could not write the summary workbook for %s",
                              summary.quarter.label)


def _make_listed(db: Database, path: Path, lists: ListsSummary) -> bool:
    """Make the listed projects' workbook at ``path`` unless it is there; True when made."""
    with _making(path.parent, path.stem):
        if _fresh_listed(path):
            return False
        try:
            write_listed_workbook(db, lists, path)
        except Exception:
            log.exception("could not write the listed projects' workbook of %s",
                          lists.quarter.label)
            return False
        return True


def _file_replies(files: _Files, summary: QuarterSummary,
                  lists: ListsSummary | None, english: bool = False) -> list[Reply]:
    """The chart and the workbook as replies: those that are there.

    Captioned in the user's language (``english``), one language per caption.
    """
    q = summary.quarter
    label = f"Q{q.quarter} FY{q.fiscal_year}" if english else f"{q.quarter}/{q.fiscal_year}"
    replies: list[Reply] = []
    if files.chart is not None and files.chart.is_file():
        # The text only captions the chart: an adapter that cannot show it drops both.
        replies.append(Reply(f"Summary chart, {label}" if english else
                             f"แผนภูมิสรุปไตรมาส {label}", image=files.chart,
                             meta={"caption": True, "english": english}))
    if files.book.is_file():
        n, u = len(summary.projects), len(summary.updates)
        replies.append(Reply(
            f"📎 Summary workbook, {label}: {plural(n, 'report project', 'report projects')}, "
            f"{plural(u, 'update', 'updates')} "
            "(sheets: report projects, agencies, updates)" if english else
            f"📎 ไฟล์ Excel สรุปไตรมาส {label}: โครงการตามแบบรายงาน {n:,} โครงการ "
            f"อัปเดต {u:,} รายการ", file=files.book, meta={"caption": True, "english": english}))
    if files.listed is not None and lists is not None and files.listed.is_file():
        scope = _scope_words(lists)
        scoped = f" ({scope})" if scope else ""
        replies.append(Reply(
            f"📎 Listed projects' workbook, {label}{scoped}: all "
            f"{plural(lists.projects, 'project', 'projects')}; "
            "a file of its own, made again only when the project lists change" if english else
            f"📎 ไฟล์ Excel บัญชีโครงการที่เสนอในไตรมาส {label}{scoped}"
            f": ทุกโครงการ {lists.projects:,} โครงการ แยกไฟล์จากสรุปด้านบน "
            "เพราะเปลี่ยนเฉพาะเมื่อนำเข้าหรือลบบัญชีโครงการ", file=files.listed,
            meta={"caption": True, "english": english}))
    return replies


def _chat_files(core: _MediaHost, files: _Files, summary: QuarterSummary,
                lists: ListsSummary | None, english: bool = False) -> list[Reply]:
    """The chart and the workbook as replies, made first where missing.

    Either failing (a full disk, say) costs that file, not the answer.
    """
    try:
        _prune_charts(files.folder)
        if not files.made():
            _make_files(core.db, files, summary, lists)
    except Exception:
        log.exception("could not make the summary files for %s", summary.quarter.label)
    return _file_replies(files, summary, lists, english)


@dataclass
class _Folder:
    """A :class:`SummaryHost` for work outside chat: a database and a media folder."""

    db: Database
    media_dir: Path | None


def warm_summary_files(db: Database, media_dir: Path, quarter: FiscalQuarter) -> bool:
    """Make the ministry-wide ``/summary`` chart and workbook of ``quarter`` ahead of time.

    The files are named by the data they show (see :func:`_files_key`), so after new
    updates or an ingest the next ``/summary`` would draw and write them while a manager
    waits (a second or two, for 40,000 listed projects).  The scheduler calls this on
    every run, and :class:`SummaryWarmer` soon after a change made in chat: a
    ``/summary`` of the whole ministry then finds them made.  True when they were made
    now, False when they were there already (or there is nothing to draw).
    """
    from bot.summary_lists import lists_summary

    summary = load_summary(db, quarter)
    lists = lists_summary(db, quarter)
    if summary.is_empty and not (lists is not None and lists.projects):
        return False
    media_dir.mkdir(parents=True, exist_ok=True)
    files = _files_for(_Folder(db, media_dir), quarter, summary, lists)
    if files.made():
        return False
    _prune_charts(media_dir)
    _make_files(db, files, summary, lists)
    return True


def _views(folder: Path) -> list[tuple[int, int, str, float]]:
    """The filtered views asked in the last two weeks: (year, quarter, filter text, when)."""
    try:
        data = json.loads((folder / _VIEWS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    now = time.time()
    if not isinstance(data, list):
        return []
    return [(v[0], v[1], v[2], float(v[3])) for v in data
            if isinstance(v, list) and len(v) == 4 and isinstance(v[0], int)
            and isinstance(v[1], int) and isinstance(v[2], str)
            and isinstance(v[3], int | float) and now - v[3] < _LISTED_MAX_AGE_S]


def _remember_view(folder: Path, lists: ListsSummary) -> None:
    """Note a filtered view asked in chat: its listed workbook is then made ahead of time.

    Only views that name rows (a known agency or province with listed projects) are
    kept.  The note is rewritten when the view is new or was last noted a day ago or
    more; a note lost between two workers only costs a workbook made on request.
    """
    if not lists.filter_text or not _lists_shown(lists):
        return
    key = (lists.quarter.fiscal_year, lists.quarter.quarter, lists.filter_text)
    views = _views(folder)
    now = time.time()
    if any(v[:3] == key and now - v[3] < _CHART_MAX_AGE_S for v in views):
        return
    kept = [[*key, now], *([*v] for v in views if v[:3] != key)][:_VIEWS_MAX]
    save_atomically(folder / _VIEWS_FILE, lambda tmp: Path(tmp).write_text(
        json.dumps(kept, ensure_ascii=False), encoding="utf-8"))


def _make_listed_view(db: Database, media_dir: Path, quarter: FiscalQuarter,
                      text: str = "") -> int:
    """Make the listed workbook of ``quarter``'s view ``text`` (1), or nothing to show (0).

    Named from the lists read now (rows may have changed since the caller's fingerprint).
    """
    from bot.summary_lists import lists_summary

    lists = lists_summary(db, quarter, text)
    if lists is None or not _lists_shown(lists):
        return 0
    return int(_make_listed(db, _listed_path(media_dir, lists.filters, lists.fingerprint),
                            lists))


def _warm_views(db: Database, media_dir: Path) -> int:
    """Make the listed workbooks of the views asked lately (:func:`_remember_view`).

    A view whose workbook is there costs its fingerprint (two index reads) and a
    ``stat``.  Returns how many were made.
    """
    made = 0
    for year, quarter, text, _ in _views(media_dir):
        try:
            q = FiscalQuarter(year, quarter)
            q.dates  # noqa: B018 - raises for a year outside the supported range
            filters = listed_view(db, q, text)
            if filters is None:
                continue
            f, fingerprint = filters
            if _fresh_listed(_listed_path(media_dir, f, fingerprint)):
                continue
            made += _make_listed_view(db, media_dir, q, text)
        except Exception:
            log.exception("could not make the listed projects' workbook of %s/%s %s",
                          quarter, year, text)
    return made


def warm_listed_workbooks(db: Database, media_dir: Path) -> int:
    """Make every quarter's ministry-wide listed projects' workbook that is not there.

    Those workbooks change only when the lists do (an ingest, a removal), so
    ``sdgbot ingest`` calls this at its end, and the scheduler and
    :class:`SummaryWarmer` on every run: a manager's ``/summary`` of any quarter then
    finds its listed workbook made (37,672 rows: ~1.5-2 s of CPU not spent while one
    waits).  One grouped read finds the quarters and their fingerprints; a quarter
    whose workbook is there costs a ``stat``.  Then the same for the filtered views
    asked in chat lately (an agency, a province: :func:`_remember_view`), so that a
    view asked again after an ingest finds its workbook made too.  Returns how many
    were made.
    """
    from knowledge.project_queries import listed_quarters

    with db.read() as session:
        quarters = listed_quarters(session)
    if not quarters:
        return 0
    media_dir.mkdir(parents=True, exist_ok=True)
    _prune_charts(media_dir)
    made = 0
    for filters, fingerprint in quarters:
        if _fresh_listed(_listed_path(media_dir, filters, fingerprint)):
            continue
        try:
            q = FiscalQuarter(filters.fiscal_year or 0, filters.quarter or 0)
            q.dates  # noqa: B018 - raises for a year outside the supported range
            made += _make_listed_view(db, media_dir, q)
        except Exception:
            log.exception("could not make the listed projects' workbook of %s/%s",
                          filters.quarter, filters.fiscal_year)
    return made + _warm_views(db, media_dir)


class SummaryWarmer:
    """Makes the current quarter's ministry-wide ``/summary`` files soon after data changes.

    :meth:`poke` (the chat core calls it after a command that changes data: an update,
    an approval, an edit, evidence, a removal) asks for a run ``delay`` seconds later;
    pokes in the meantime are folded into that one run.  The run happens in one daemon
    thread of this process, after the reply that caused it, and ends when no poke is
    left.  No queue service is needed (``sdgbot chat`` on SQLite has one too); on
    PostgreSQL each worker warms after its own changes, and workers that poke at the
    same time make the files once (:func:`_making` locks them across processes).
    Changes made elsewhere (``sdgbot ingest``) are warmed by the scheduler's run.
    """

    def __init__(self, db: Database, media_dir: Path, quarter: Callable[[], FiscalQuarter],
                 *, delay: float = 1.0) -> None:
        """Warm ``quarter()``'s files in ``media_dir`` from ``db``, ``delay`` s after a poke."""
        self.db = db
        self.media_dir = media_dir
        self.quarter = quarter
        self.delay = delay
        self._lock = threading.Lock()
        self._due: float | None = None
        self._closed = False
        self._thread: threading.Thread | None = None
        self._wake = threading.Event()
        self._idle = threading.Event()
        self._idle.set()
        self.runs = 0

    def poke(self) -> None:
        """Ask for a run soon (never blocks, never raises; nothing once closed)."""
        with self._lock:
            if self._closed:
                return
            self._due = time.monotonic() + self.delay
            self._idle.clear()
            self._wake.set()
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._loop, name="summary-warmer",
                                                daemon=True)
                self._thread.start()

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Wait until no run is due or running; whether it got there in ``timeout`` s."""
        return self._idle.wait(timeout)

    def close(self, timeout: float = 30.0) -> None:
        """Drop a run not started yet, wait up to ``timeout`` s for one running; no more."""
        with self._lock:
            self._closed = True
            self._due = None
            self._wake.set()
            thread = self._thread
        if thread is not None:
            thread.join(timeout)

    def _loop(self) -> None:
        while True:
            with self._lock:
                due = self._due
                if due is None:
                    self._thread = None
                    self._idle.set()
                    return
                wait = due - time.monotonic()
                if wait <= 0:
                    self._due = None
                self._wake.clear()
            if wait > 0:
                self._wake.wait(wait)  # a poke moves the run later, close() drops it
                continue
            try:
                quarter = self.quarter()
                if warm_summary_files(self.db, self.media_dir, quarter):
                    log.info("summary files of %s made after a change", quarter.label)
                if made := warm_listed_workbooks(self.db, self.media_dir):
                    log.info("%d listed projects' workbooks made after a change", made)
            except Exception:
                log.exception("could not make the summary files ahead of time")
            self.runs += 1


_CE_YEAR = re.compile(r"(?<![0-9])(19[0-9]{2}|2[01][0-9]{2})(?![0-9])")


def _without_year(words: list[str], q: FiscalQuarter) -> bool:
    """Whether the quarter leading ``words`` was named without its year ("ไตรมาส 2 …").

    The longest leading run read as a quarter decides, as
    :func:`bot.summary_lists.split_summary_arg` reads it: "Q2 2023" names its year, "Q2"
    alone does not.
    """
    for k in range(len(words), 0, -1):
        head = " ".join(words[:k])
        try:
            parse_quarter(head)
        except ValueError:
            if quarter_alone(head) == q.quarter:
                return True
            continue
        return False
    return False


def ce_year_note(arg: str, q: FiscalQuarter, english: bool = False) -> str | None:
    """A line saying how a year typed in ``arg`` was read, or None.

    A Christian-era year is turned into the Buddhist era the bot speaks (``2/1999`` is
    2/2542), and a quarter typed without its year ("ไตรมาส 2") is the latest such
    quarter that has begun (:func:`knowledge.thai.latest_begun`), never silently:
    whoever meant something else sees which year was read.  In the user's language
    (``english``), one language per line.
    """
    if _without_year(arg.split(), q):
        period = (f"{format_english_date(q.start)} – {format_english_date(q.end)}" if english
                  else f"{format_thai_date(q.start, short=True)} – "
                       f"{format_thai_date(q.end, short=True)}")
        if english:
            return (f"ℹ️ No year was given: quarter {q.quarter} was read as the latest one that "
                    f"has begun, {q.quarter}/{q.fiscal_year} ({period}). Name the year for "
                    f"another, e.g. {q.quarter}/{q.fiscal_year - 1}.")
        return (f"ℹ️ ไม่ได้ระบุปี จึงใช้ไตรมาส {q.quarter} ล่าสุดที่เริ่มแล้ว คือ "
                f"{q.quarter}/{q.fiscal_year} ({period}) หากต้องการปีอื่นโปรดระบุปี เช่น "
                f"{q.quarter}/{q.fiscal_year - 1}")
    text = to_arabic_digits(arg)
    if "พ.ศ" in text:
        return None
    for m in _CE_YEAR.finditer(text):
        year = int(m.group(1))
        if year + BE_OFFSET == q.fiscal_year:
            if english:
                return (f"ℹ️ Year {year} was read as a Common Era year: {year} CE = "
                        f"{q.fiscal_year} BE, fiscal year {q.fiscal_year}.")
            return f"ℹ️ อ่านปี {year} เป็นปี ค.ศ.: ค.ศ. {year} = พ.ศ. {q.fiscal_year}"
    return None


def print_ce_year_note(arg: str, q: FiscalQuarter, *, as_json: bool = False) -> None:
    """The command line's :func:`ce_year_note`: Thai, then English, as its lines are.

    Before the output it is about, on stdout; with ``--json`` on stderr, so that stdout
    stays one JSON document.  Nothing when no Common Era year was read.
    """
    thai = ce_year_note(arg, q, english=False)
    if thai is not None:
        out = sys.stderr if as_json else sys.stdout
        print(thai, file=out)
        print(ce_year_note(arg, q, english=True), file=out)


def _within(scope: Collection[int] | None,
            named: Collection[int] | None) -> Collection[int] | None:
    """The report projects both in a manager's scope and under a filter (None: no limit)."""
    if named is None:
        return scope
    return list(named) if scope is None else [pid for pid in named if pid in set(scope)]


def summary_replies(core: SummaryHost, arg: str, project_ids: Collection[int] | None = None,
                    note: Callable[[FiscalQuarter], str | None] | None = None, *,
                    defer: bool = False, english: bool = False) -> list[Reply]:
    """The ``/summary`` command: the text, the lists' text, a chart and the workbook.

    The workbook holds every report project, update and listed project of the quarter;
    the chart comes when any project is listed.  A chart or workbook that fails costs
    that file, not the answer.  ``project_ids`` limits the report projects to a
    manager's scope; ``note(quarter)`` is a line added under the text (the scope,
    updates waiting for approval).  ``defer``: files not made yet are left to the last
    text reply's :attr:`Reply.followed_by`, so an adapter sends the text first;
    files made already come at once either way.  ``english``: the user's language, that
    of the errors (an argument that names no quarter, no listed agency or province).
    """
    from bot.bilingual import Bilingual
    from bot.summary_lists import (
        lists_for,
        lists_left_out,
        lists_summary,
        lists_text,
        report_filter,
        split_summary_arg,
        unknown_filter,
    )

    current = core.now_quarter()
    try:
        q, filter_text = split_summary_arg(arg, today=core.clock().astimezone(BANGKOK).date())
    except ValueError as exc:  # the reason ends with the forms /summary takes
        reason = exc.say(english) if isinstance(exc, Bilingual) else str(exc)
        text = f"Sorry, {reason}" if english else f"ขออภัย {reason}"
        # "/summary 2/1999" is out of range as 2542: the reply says which year was read.
        typed = _CE_YEAR.search(to_arabic_digits(arg))
        read = (ce_year_note(arg, FiscalQuarter(int(typed.group(1)) + BE_OFFSET, 1), english)
                if typed else None)
        return [Reply(f"{read}\n{text}" if read else text)]
    lists = lists_summary(core.db, q, filter_text)
    reports = report_filter(core.db, filter_text)
    wrong = unknown_filter(filter_text, lists, english, reports)
    if wrong is not None:
        example = "For example" if english else "ตัวอย่าง"
        return [Reply(f"{wrong}\n{example}: /summary 2/2566, /summary 2/2566 จังหวัดเชียงใหม่, "
                      "/summary 2/2566 กรมส่งเสริมการปกครองท้องถิ่น")]
    summary = load_summary(core.db, q, _within(project_ids, reports.project_ids), current)
    listed, lists = lists, lists_for(lists, reports)
    left_out = lists_left_out(filter_text, listed, lists, english)
    # The quarters beside keep the filter (an agency's name is long: bot.buttons keeps it).
    narrowed = f" {filter_text}" if filter_text else ""
    buttons: tuple[Button, ...] = tuple(
        Button(f"{'◀' if n < q else '▶'} ไตรมาส {n.quarter}/{n.fiscal_year}",
               f"/summary {n.quarter}/{n.fiscal_year}{narrowed}")
        for n in _neighbours(q, current)
    )
    text = summary_text(summary, max_projects=CHAT_MAX_PROJECTS, current=current)
    ce = ce_year_note(arg, q, english)
    if reports.project_ids is not None:  # what the report forms' part is narrowed to
        shown = reports.read_as or filter_text  # "krabi" is shown as read: จังหวัดกระบี่
        only = (f"ℹ️ Report forms' projects of “{shown}” only." if english else
                f"ℹ️ เฉพาะโครงการตามแบบรายงานของ “{shown}”")
        ce = f"{ce}\n{only}" if ce else only
    if ce is not None and not english:
        text = f"{ce}\n{text}"
    extra = note(q) if note is not None else None
    replies = [Reply(f"{text}\n{extra}" if extra else text, buttons=buttons)]
    if ce is not None and english:  # its own message: the summary's text is Thai
        replies.insert(0, Reply(ce))
    if lists is not None:  # the project lists: totals by agency and province
        replies.append(Reply(lists_text(lists)))
    elif left_out is not None:
        replies.append(Reply(left_out))
    if summary.is_empty and not (lists is not None and lists.projects):
        return replies
    try:
        files = _files_for(core, q, summary, lists)
    except Exception:
        log.exception("could not name the summary files for %s", q.label)
        return replies
    if lists is not None:
        try:
            _remember_view(files.folder, lists)
        except Exception:  # a hint for the warmer: never worth the answer
            log.exception("could not note the view %s %s", q.label, lists.filter_text)
    if defer and not files.made():
        replies[-1] = replace(replies[-1],
                              followed_by=lambda: _chat_files(core, files, summary, lists,
                                                              english))
        return replies
    return replies + _chat_files(core, files, summary, lists, english)


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
    from bot.summary_lists import (
        lists_for,
        lists_json,
        lists_left_out,
        lists_summary,
        lists_text,
        report_filter,
        split_summary_arg,
        unknown_filter,
    )

    typed = " ".join(getattr(args, "quarter", None) or [])
    q, filter_text = split_summary_arg(typed)
    xlsx = _output_path(getattr(args, "xlsx", None), "--xlsx")
    if xlsx is not None and xlsx.suffix.lower() != ".xlsx":
        # An Excel workbook under ".csv" or ".xls" would be opened as the wrong kind.
        raise ValueError(f"--xlsx: ชื่อไฟล์ต้องลงท้ายด้วย .xlsx ({xlsx.name}) — "
                         "the workbook's file name must end in .xlsx")
    chart = _output_path(getattr(args, "chart", None), "--chart")
    if chart is not None:
        from bot.chart import CHART_FORMATS

        if chart.suffix.lower() not in CHART_FORMATS:
            raise ValueError(
                f"--chart: ไม่รองรับนามสกุล {chart.suffix or '(ไม่มี)'} ใช้ได้: "
                f"{', '.join(CHART_FORMATS)} — chart files are "
                f"{', '.join(CHART_FORMATS)} (the format follows the name)")
    current = parse_quarter(None)
    lists = lists_summary(app.db, q, filter_text)
    reports = report_filter(app.db, filter_text)
    wrong = unknown_filter(filter_text, lists, reports=reports)
    summary = load_summary(app.db, q, reports.project_ids, current=current)
    listed, lists = lists, lists_for(lists, reports)
    left_out = lists_left_out(filter_text, listed, lists)
    if wrong is not None:
        raise ValueError(wrong)  # before any file is written
    written: list[tuple[str, Path]] = []
    try:
        if xlsx is not None:
            written.append(("ไฟล์ Excel (xlsx)",
                            write_summary_workbook(app.db, summary, xlsx, lists)))
        if chart is not None:
            from bot.chart import render_summary_chart

            written.append(("แผนภูมิ (chart)", render_summary_chart(summary, chart, lists)))
    except OSError as exc:
        for _, path in written:
            path.unlink(missing_ok=True)
        raise ValueError(f"เขียนไฟล์ไม่ได้ — cannot write file: {exc}") from exc
    as_json = bool(getattr(args, "json", False))
    print_ce_year_note(typed, q, as_json=as_json)  # "FY2023 Q2": said which year was read
    if as_json:
        obj = summary_json(summary)
        if lists is not None:
            obj["lists"] = lists_json(lists)
        print(dumps(obj))
    else:
        print(summary_text(summary, current=current))
        if lists is not None:
            print()
            print(lists_text(lists))
        elif left_out is not None:
            print()
            print(left_out)
    for what, path in written:
        print(f"{what}: {path}", file=sys.stderr if as_json else sys.stdout)
    return 0
