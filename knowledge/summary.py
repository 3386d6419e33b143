"""Quarter summaries as pure functions over loaded rows.

A manager asks "how did quarter 2/2566 go?"; the answer combines two sources that
arrive at different speeds: the formal quarterly report form (one per project and
quarter, filed late) and officers' quick ``/update`` messages (many, filed as work
happens).  :func:`summarize` merges them without touching the database, so the same
numbers feed the chat text, the JSON of ``sdgbot summary``, the spreadsheet and the
chart, and tests can build rows by hand.  :func:`load_summary_data` is the one place
that reads the database, turning ORM rows into plain frozen dataclasses.

Rules (CONTRACTS.md, ``sdgbot summary``):

* a project is in the summary when it has a report form for the quarter or at least
  one update filed under that quarter;
* ``disbursement_actual_baht`` is the report form's figure (0 without a form) plus the
  sum of the amounts of that quarter's updates; an update that states a running total
  (``cumulative``: "เบิกจ่ายสะสม 3,000,000 บาท", "รวมทั้งสิ้น", "to date") is never added
  to anything: the latest such total replaces the form's figure and the amounts of the
  updates before it, and only the updates after it are added
  (``cumulative_update_baht`` keeps that total apart);
* the budget is the quarter form's, or else that of the project's latest form in the
  same fiscal year (budgets are annual), or else unknown (``None``);
* levels (target and result) come from the quarter's form only; the latest level an
  officer reported is kept apart as ``latest_update_level`` because an update's level
  is a claim in progress, not the audited form figure;
* "not reported" (ยังไม่รายงาน) lists projects already known by that quarter (they
  have a form or an update in it or earlier) with neither a form nor an update in it,
  so that a quarter long before the data (2/2400) has nobody to chase.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from knowledge.models import (
    Alignment,
    Document,
    ProgressUpdate,
    Project,
    QuarterReport,
    UpdateEvidence,
)
from knowledge.thai import FiscalQuarter, fiscal_quarter_of, states_cumulative, to_arabic_digits

__all__ = [
    "AgencyTotals",
    "BudgetCheck",
    "ProjectInfo",
    "ProjectSummary",
    "QuarterSummary",
    "ReportRow",
    "RunningTotal",
    "SummaryData",
    "Totals",
    "UpdateRow",
    "budget_check",
    "highlights",
    "load_summary_data",
    "project_budget",
    "share_percent",
    "summarize",
]

ZERO = Decimal(0)
_CENT = Decimal("0.01")
MAX_HIGHLIGHTS = 3
_HIGHLIGHT_CHARS = 140


# -- input rows -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class ProjectInfo:
    """A project as the summary needs it: identity, and when it was first active.

    ``first_active`` lets the loader pass the earliest quarter of updates that were
    not loaded (only the asked quarter's updates are); ``None`` means "look only at
    the rows given".
    """

    id: int
    agency: str
    name: str
    first_active: FiscalQuarter | None = None


@dataclass(frozen=True)
class ReportRow:
    """The fields of one quarterly report form used by summaries."""

    id: int
    project_id: int
    fiscal_year: int | None
    quarter: int | None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    budget_baht: Decimal | None = None
    target_level: int | None = None
    result_level: int | None = None
    disbursement_target_baht: Decimal | None = None
    disbursement_actual_baht: Decimal | None = None
    results_text: str | None = None
    problems: str | None = None
    sdg_goals: tuple[int, ...] = ()

    @property
    def fiscal_quarter(self) -> FiscalQuarter | None:
        """The quarter the form reports on: its stated quarter, else its period's end."""
        if self.fiscal_year is not None and self.quarter is not None:
            return FiscalQuarter(self.fiscal_year, self.quarter)
        if self.period_end is not None:
            return fiscal_quarter_of(self.period_end)
        return None


@dataclass(frozen=True)
class UpdateRow:
    """One progress update, filed under a fiscal quarter."""

    id: int
    project_id: int
    fiscal_year: int
    quarter: int
    created_at: dt.datetime
    text: str
    amount_baht: Decimal | None = None
    level: int | None = None
    percent: Decimal | None = None
    author_role: str | None = None
    #: The names of the photos and PDFs that back the update (evidence), oldest first.
    evidence: tuple[str, ...] = ()
    #: ``amount_baht`` is a running total of everything paid so far, not this update's
    #: own payment (:func:`knowledge.thai.states_cumulative`).
    cumulative: bool = False
    #: A manager approved it (``decided_by``); False: counted without waiting for anyone
    #: (``SDGBOT_APPROVAL`` unset, or its project outside the scopes named).
    approved: bool = False

    @property
    def fiscal_quarter(self) -> FiscalQuarter:
        """The quarter the update was filed under."""
        return FiscalQuarter(self.fiscal_year, self.quarter)


@dataclass(frozen=True)
class SummaryData:
    """Everything :func:`summarize` reads: plain rows, no session behind them."""

    projects: tuple[ProjectInfo, ...]
    reports: tuple[ReportRow, ...]
    updates: tuple[UpdateRow, ...]


# -- output ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ProjectSummary:
    """One project's quarter: form figures merged with the quarter's updates."""

    id: int
    name: str
    agency: str
    budget_baht: Decimal | None
    disbursement_target_baht: Decimal | None
    disbursement_actual_baht: Decimal
    report_disbursement_baht: Decimal
    updates_amount_baht: Decimal
    budget_share_percent: Decimal | None
    target_level: int | None
    result_level: int | None
    latest_update_level: int | None
    updates: int
    latest_update: str | None
    latest_update_at: dt.datetime | None
    has_report: bool
    highlights: tuple[str, ...]
    problems: str | None
    sdg_goals: tuple[int, ...]
    #: Photos and PDFs backing the quarter's updates.
    evidence: int = 0
    #: The latest running total an update stated ("เบิกจ่ายสะสม"), or None: it stands
    #: for the form's figure and every update before it, which are not added to it.
    cumulative_update_baht: Decimal | None = None
    #: How many of ``updates`` a manager approved; the others waited for nobody.
    approved_updates: int = 0


@dataclass(frozen=True)
class Totals:
    """Sums over a set of projects.

    A budget or a disbursement target no project states is unknown (``None``), never
    0: a quarter with only officers' updates has no form to state one.  Where only
    some projects state it, the sum is of those, and ``budget_unknown`` /
    ``target_unknown`` count the others.
    """

    projects: int
    budget_baht: Decimal | None
    disbursement_target_baht: Decimal | None
    disbursement_actual_baht: Decimal
    updates: int
    evidence: int = 0
    budget_unknown: int = 0
    target_unknown: int = 0
    #: The disbursement of the projects whose target (budget) is known: what compares
    #: with ``disbursement_target_baht`` (``budget_baht``), like with like.
    actual_with_target_baht: Decimal = Decimal(0)
    actual_with_budget_baht: Decimal = Decimal(0)

    @property
    def known_budget_share_percent(self) -> Decimal | None:
        """Disbursement as a share of the budget, over the projects whose budget is known."""
        return share_percent(self.actual_with_budget_baht, self.budget_baht)

    @property
    def budget_share_percent(self) -> Decimal | None:
        """Actual disbursement as a percentage of the budget.

        None without a budget, or when a project's budget is unknown: its disbursement
        over the others' budgets would overstate the share.
        """
        if self.budget_unknown:
            return None
        return share_percent(self.disbursement_actual_baht, self.budget_baht)


@dataclass(frozen=True)
class AgencyTotals:
    """One agency's totals for the quarter."""

    agency: str
    totals: Totals


@dataclass(frozen=True)
class QuarterSummary:
    """The whole quarter: projects, per-agency and overall totals, SDGs, who is missing."""

    quarter: FiscalQuarter
    projects: tuple[ProjectSummary, ...]
    agencies: tuple[AgencyTotals, ...]
    totals: Totals
    sdg_goals: tuple[int, ...]
    not_reported: tuple[ProjectInfo, ...]
    updates: tuple[UpdateRow, ...]

    @property
    def is_empty(self) -> bool:
        """True when no project has a form or an update in the quarter."""
        return not self.projects


# -- pure helpers ---------------------------------------------------------------------------------
def share_percent(part: Decimal, whole: Decimal | None) -> Decimal | None:
    """``part`` as a percentage of ``whole`` to 2 decimals; None when there is no whole."""
    if whole is None or whole <= 0:
        return None
    return (part * 100 / whole).quantize(_CENT, rounding=ROUND_HALF_UP)


# A numbered item at the start of a line: "1.", "2.1", "๓)" (digits already Arabic).
_ITEM_RE = re.compile(r"^[ \t]*(\d{1,2}(?:\.\d{1,2})*)[.)]?(?=\s|[^\d\s.)])[ \t]*", re.M)
# A lead-in such as "... ได้ดังนี้" ends the sentence; so does an inline "1)" list.
_SENTENCE_END_RE = re.compile(r"\s*(?:ได้)?ดังนี้|\s(?=\d{1,2}\)\s*\S)")
# Report text is wrapped mid-word ("การพัฒนา\nที่ยั่งยืน"): a break between Thai letters
# is not a space.
_THAI_WRAP_RE = re.compile(r"(?<=[\u0e01-\u0e4e])[ \t]*\n[ \t]*(?=[\u0e01-\u0e4e])")
_SPACE_RE = re.compile(r"\s+")


def _first_sentence(text: str, limit: int = _HIGHLIGHT_CHARS) -> str:
    """The opening sentence of an item, cut at a space so Thai words stay whole.

    Thai has no full stop and its abbreviations carry dots ("พ.ศ.", "ม.ค."), so a
    sentence is taken to run until a lead-in ("ดังนี้") or an inline list, and is
    then cut at the last space before ``limit`` with an ellipsis.
    """
    flat = _SPACE_RE.sub(" ", _THAI_WRAP_RE.sub("", text)).strip()
    m = _SENTENCE_END_RE.search(flat, 20)
    if m is not None:
        flat = flat[: m.start()].rstrip(" ,:;")
    if len(flat) <= limit:
        return flat
    cut = flat.rfind(" ", 0, limit)
    if cut < limit // 2:
        cut = limit
    return flat[:cut].rstrip(" ,:;(") + "…"


def highlights(results_text: str | None, limit: int = MAX_HIGHLIGHTS) -> tuple[str, ...]:
    """The first sentences of the first numbered items of a report's results section.

    Report forms list results as "1. ... 2. ... 2.1 ..."; the opening sentence of each
    item is the point a manager wants in a summary.  A text without numbered items
    gives its own first sentence.
    """
    if not results_text or not results_text.strip():
        return ()
    text = to_arabic_digits(results_text)
    marks = list(_ITEM_RE.finditer(text))
    items: list[str] = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        body = text[m.end() : end].strip()
        if body:
            items.append(_first_sentence(body))
        if len(items) >= limit:
            break
    if not items:
        items.append(_first_sentence(text))
    return tuple(item for item in items if item)


def _sum(values: Iterable[Decimal | None]) -> Decimal:
    return sum((v for v in values if v is not None), ZERO)


def _known_sum(values: Sequence[Decimal | None]) -> Decimal | None:
    """The sum of the known values; None when none is known (unknown is not 0).

    No values at all (no project in the quarter) sum to 0: nothing is budgeted.
    """
    return None if values and all(v is None for v in values) else _sum(values)


def _totals(projects: Sequence[ProjectSummary]) -> Totals:
    budgets = [p.budget_baht for p in projects]
    targets = [p.disbursement_target_baht for p in projects]
    return Totals(
        projects=len(projects),
        budget_baht=_known_sum(budgets),
        disbursement_target_baht=_known_sum(targets),
        disbursement_actual_baht=_sum(p.disbursement_actual_baht for p in projects),
        updates=sum(p.updates for p in projects),
        evidence=sum(p.evidence for p in projects),
        budget_unknown=sum(b is None for b in budgets),
        target_unknown=sum(t is None for t in targets),
        actual_with_target_baht=_sum(p.disbursement_actual_baht for p in projects
                                     if p.disbursement_target_baht is not None),
        actual_with_budget_baht=_sum(p.disbursement_actual_baht for p in projects
                                     if p.budget_baht is not None),
    )


def _latest_report(reports: Iterable[ReportRow]) -> ReportRow | None:
    """The newest form among ``reports``: latest quarter, then the last one filed.

    Within one quarter a form filed later (higher id) is a correction of the earlier
    one and replaces it; the figures are never added up.
    """
    return max(reports, key=lambda r: (r.fiscal_quarter or FiscalQuarter(0, 0), r.id),
               default=None)


def _update_key(u: UpdateRow) -> tuple[dt.datetime, int]:
    at = u.created_at if u.created_at.tzinfo else u.created_at.replace(tzinfo=dt.UTC)
    return at, u.id


@dataclass(frozen=True)
class RunningTotal:
    """What a project's updates (oldest first) say was disbursed.

    ``cumulative``: the latest running total stated (None when none is); ``increments``:
    the amounts of the updates after it (of all of them when there is none).
    """

    cumulative: Decimal | None
    increments: Decimal


def _running_total(ups: Sequence[UpdateRow]) -> RunningTotal:
    """The latest cumulative figure wins; only the payments reported after it add to it."""
    last = max((i for i, u in enumerate(ups) if u.cumulative and u.amount_baht is not None),
               default=None)
    if last is None:
        return RunningTotal(None, _sum(u.amount_baht for u in ups))
    return RunningTotal(ups[last].amount_baht,
                        _sum(u.amount_baht for u in ups[last + 1:] if not u.cumulative))


def summarize(data: SummaryData, quarter: FiscalQuarter) -> QuarterSummary:
    """Summarise ``quarter`` from loaded rows (rows of other quarters are ignored)."""
    reports_of: dict[int, list[ReportRow]] = {}
    for r in data.reports:
        reports_of.setdefault(r.project_id, []).append(r)
    updates_of: dict[int, list[UpdateRow]] = {}
    first_seen: dict[int, FiscalQuarter] = {}

    def seen(pid: int, fq: FiscalQuarter | None) -> None:
        if fq is not None and (pid not in first_seen or fq < first_seen[pid]):
            first_seen[pid] = fq

    for r in data.reports:
        seen(r.project_id, r.fiscal_quarter)
    quarter_updates: list[UpdateRow] = []
    for u in data.updates:
        seen(u.project_id, u.fiscal_quarter)
        if u.fiscal_quarter == quarter:
            updates_of.setdefault(u.project_id, []).append(u)
            quarter_updates.append(u)
    for p in data.projects:
        seen(p.id, p.first_active)

    rows: list[ProjectSummary] = []
    not_reported: list[ProjectInfo] = []
    for p in sorted(data.projects, key=lambda p: p.id):
        own = reports_of.get(p.id, [])
        report = _latest_report(r for r in own if r.fiscal_quarter == quarter)
        ups = sorted(updates_of.get(p.id, []), key=_update_key)
        if report is None and not ups:
            first = first_seen.get(p.id)
            if first is not None and first <= quarter:
                not_reported.append(p)
            continue
        same_year = _latest_report(
            r for r in own
            if (fq := r.fiscal_quarter) is not None
            and fq.fiscal_year == quarter.fiscal_year and r.budget_baht is not None
        )
        budget = project_budget(own, quarter).budget_baht
        goals_from = report or same_year or _latest_report(own)
        report_actual = (
            report.disbursement_actual_baht
            if report and report.disbursement_actual_baht is not None
            else ZERO
        )
        running = _running_total(ups)
        ups_amount = running.increments
        actual = (report_actual if running.cumulative is None else running.cumulative) + ups_amount
        latest = ups[-1] if ups else None
        level_ups = [u for u in ups if u.level is not None]
        rows.append(
            ProjectSummary(
                id=p.id,
                name=p.name,
                agency=p.agency,
                budget_baht=budget,
                disbursement_target_baht=report.disbursement_target_baht if report else None,
                disbursement_actual_baht=actual,
                report_disbursement_baht=report_actual,
                updates_amount_baht=ups_amount,
                budget_share_percent=share_percent(actual, budget),
                target_level=report.target_level if report else None,
                result_level=report.result_level if report else None,
                latest_update_level=level_ups[-1].level if level_ups else None,
                updates=len(ups),
                latest_update=latest.text if latest else None,
                latest_update_at=latest.created_at if latest else None,
                has_report=report is not None,
                highlights=highlights(report.results_text) if report else (),
                problems=(report.problems or None) if report else None,
                sdg_goals=tuple(sorted(set(goals_from.sdg_goals))) if goals_from else (),
                evidence=sum(len(u.evidence) for u in ups),
                cumulative_update_baht=running.cumulative,
                approved_updates=sum(u.approved for u in ups),
            )
        )

    by_agency: dict[str, list[ProjectSummary]] = {}
    for row in rows:
        by_agency.setdefault(row.agency, []).append(row)
    agencies = tuple(AgencyTotals(a, _totals(ps)) for a, ps in sorted(by_agency.items()))
    return QuarterSummary(
        quarter=quarter,
        projects=tuple(rows),
        agencies=agencies,
        totals=_totals(rows),
        sdg_goals=tuple(sorted({g for row in rows for g in row.sdg_goals})),
        not_reported=tuple(not_reported),
        updates=tuple(sorted(quarter_updates, key=_update_key)),
    )


# -- one project, for a new update ----------------------------------------------------------------
class BudgetCheck(NamedTuple):
    """A project's budget for a quarter, and the latest budget stated at all.

    ``budget_baht``: the quarter's form's budget, else the latest of that fiscal year's
    forms; None when no current form of the fiscal year states one (the summary's
    "งบประมาณรวม ไม่ทราบ").  ``budget_year``: its fiscal year.  ``latest_baht`` and
    ``latest_year``: the budget of the newest form stating one, whatever its year
    (the same as ``budget_baht`` when that is known); an amount far over it is a
    slip worth asking about even when the fiscal year's budget is unknown.
    """

    budget_baht: Decimal | None
    budget_year: int | None
    latest_baht: Decimal | None = None
    latest_year: int | None = None


def project_budget(reports: Iterable[ReportRow], quarter: FiscalQuarter) -> BudgetCheck:
    """One project's budget for ``quarter`` from its forms ``reports`` (rows of one project).

    The one reading of a budget: :func:`summarize` (the summary's budget) and
    :func:`budget_check` (an update's over-budget warning) both call it, so a budget an
    update is checked against is the one its quarter's summary shows.
    """
    stated = [r for r in reports if r.budget_baht is not None]
    best = (_latest_report(x for x in stated if x.fiscal_quarter == quarter)
            or _latest_report(x for x in stated if (fq := x.fiscal_quarter) is not None
                              and fq.fiscal_year == quarter.fiscal_year))
    latest = best or _latest_report(stated)
    latest_fq = latest.fiscal_quarter if latest is not None else None
    return BudgetCheck(
        best.budget_baht if best is not None else None,
        quarter.fiscal_year if best is not None else None,
        latest.budget_baht if latest is not None else None,
        latest_fq.fiscal_year if latest_fq is not None else None)


def budget_check(session: Session, project_id: int, quarter: FiscalQuarter) -> BudgetCheck:
    """What an amount reported for ``project_id`` in ``quarter`` is checked against.

    One small query of the project's current forms (a few per project), so that every
    ``/update`` can afford it; read by :func:`project_budget`, as summaries read it.
    """
    r = QuarterReport
    rows = [
        ReportRow(id=row.id, project_id=project_id, fiscal_year=row.fiscal_year,
                  quarter=row.quarter, period_end=row.period_end, budget_baht=row.budget_baht)
        for row in session.execute(
            select(r.id, r.fiscal_year, r.quarter, r.period_end, r.budget_baht)
            .join(Document, Document.id == r.document_id)
            .where(r.project_id == project_id, r.budget_baht.is_not(None),
                   Document.superseded_by.is_(None)))
    ]
    return project_budget(rows, quarter)


class ReportedToDate(NamedTuple):
    """What a project's updates say was disbursed in a fiscal year up to a quarter.

    ``total_baht``: the latest running total stated plus the payments reported after it
    (the sum of the payments when none states a total); ``updates``: how many updates
    with an amount it is read from.
    """

    total_baht: Decimal
    updates: int


def reported_to_date(session: Session, project_id: int, quarter: FiscalQuarter, *,
                     exclude_id: int | None = None) -> ReportedToDate:
    """Disbursed so far by ``project_id``'s updates in ``quarter``'s fiscal year (to it).

    The updates of the fiscal year's quarters up to ``quarter`` that state an amount,
    rejected ones left out, read as summaries read them (:func:`_running_total`); a
    running total newly reported must not be below it.  ``exclude_id``: an update
    being replaced (``/edit``) does not count.
    """
    u = ProgressUpdate
    q = (select(u.id, u.created_at, u.text, u.amount_baht, u.quarter)
         .where(u.project_id == project_id, u.fiscal_year == quarter.fiscal_year,
                u.quarter <= quarter.quarter, u.amount_baht.is_not(None),
                u.status != "rejected"))
    if exclude_id is not None:
        q = q.where(u.id != exclude_id)
    rows = [UpdateRow(id=r.id, project_id=project_id, fiscal_year=quarter.fiscal_year,
                      quarter=r.quarter, created_at=r.created_at, text=r.text,
                      amount_baht=r.amount_baht, cumulative=states_cumulative(r.text))
            for r in session.execute(q)]
    running = _running_total(sorted(rows, key=_update_key))
    total = (running.cumulative or ZERO) + running.increments
    return ReportedToDate(total, len(rows))


# -- the loader -----------------------------------------------------------------------------------
def load_summary_data(session: Session, quarter: FiscalQuarter,
                      project_ids: Collection[int] | None = None) -> SummaryData:
    """Read what :func:`summarize` needs for ``quarter`` into plain rows.

    Every project and report form is read (a few per project), but only the asked
    quarter's updates: a ministry-wide deployment gathers many updates, and older
    quarters matter only through each project's earliest one, fetched as one
    aggregate.  Only approved updates count (one waiting for a manager's approval,
    or rejected, is no progress yet).  ``project_ids`` (a manager's scope) keeps only
    those projects; None keeps all.
    """
    data = _load_summary_data(session, quarter)
    if project_ids is None:
        return data
    keep = set(project_ids)
    return SummaryData(
        projects=tuple(p for p in data.projects if p.id in keep),
        reports=tuple(r for r in data.reports if r.project_id in keep),
        updates=tuple(u for u in data.updates if u.project_id in keep),
    )


def _evidence_names(session: Session, quarter: FiscalQuarter) -> dict[int, tuple[str, ...]]:
    """The evidence file names of the quarter's approved updates, per update, oldest first."""
    names: dict[int, list[str]] = {}
    rows = session.execute(
        select(UpdateEvidence.update_id, UpdateEvidence.filename)
        .join(ProgressUpdate, ProgressUpdate.id == UpdateEvidence.update_id)
        .where(ProgressUpdate.fiscal_year == quarter.fiscal_year,
               ProgressUpdate.quarter == quarter.quarter,
               ProgressUpdate.status == "approved")
        .order_by(UpdateEvidence.update_id, UpdateEvidence.id))
    for update_id, filename in rows:
        if update_id is not None:
            names.setdefault(update_id, []).append(filename)
    return {k: tuple(v) for k, v in names.items()}


def _load_summary_data(session: Session, quarter: FiscalQuarter) -> SummaryData:
    first_update = {
        pid: FiscalQuarter(code // 10, code % 10)
        for pid, code in session.execute(
            select(
                ProgressUpdate.project_id,
                func.min(ProgressUpdate.fiscal_year * 10 + ProgressUpdate.quarter),
            ).where(ProgressUpdate.status == "approved").group_by(ProgressUpdate.project_id)
        )
        if code is not None
    }
    projects = tuple(
        ProjectInfo(pid, agency, name, first_update.get(pid))
        for pid, agency, name in session.execute(
            select(Project.id, Project.agency, Project.name).order_by(Project.id))
    )
    goals: dict[int, list[int]] = {}
    for report_id, goal in session.execute(
            select(Alignment.report_id, Alignment.sdg_goal)
            .where(Alignment.sdg_goal.is_not(None)).order_by(Alignment.id)):
        if goal is not None:
            goals.setdefault(report_id, []).append(goal)
    r = QuarterReport
    reports = tuple(
        ReportRow(
            id=row.id,
            project_id=row.project_id,
            fiscal_year=row.fiscal_year,
            quarter=row.quarter,
            period_start=row.period_start,
            period_end=row.period_end,
            budget_baht=row.budget_baht,
            target_level=row.target_level,
            result_level=row.result_level,
            disbursement_target_baht=row.disbursement_target_baht,
            disbursement_actual_baht=row.disbursement_actual_baht,
            results_text=row.results_text,
            problems=row.problems,
            sdg_goals=tuple(goals.get(row.id, ())),
        )
        for row in session.execute(
            select(r.id, r.project_id, r.fiscal_year, r.quarter, r.period_start, r.period_end,
                   r.budget_baht, r.target_level, r.result_level, r.disbursement_target_baht,
                   r.disbursement_actual_baht, r.results_text, r.problems)
            # Superseded versions are kept, not counted: the newer version stands for them.
            .join(Document, Document.id == r.document_id)
            .where(Document.superseded_by.is_(None))
            .order_by(r.id)
        )
    )
    evidence = _evidence_names(session, quarter)
    u = ProgressUpdate
    updates = tuple(
        UpdateRow(
            id=row.id,
            project_id=row.project_id,
            fiscal_year=row.fiscal_year,
            quarter=row.quarter,
            created_at=row.created_at,
            text=row.text,
            amount_baht=row.amount_baht,
            level=row.level,
            percent=row.percent,
            author_role=row.author_role,
            evidence=evidence.get(row.id, ()),
            cumulative=row.amount_baht is not None and states_cumulative(row.text),
            approved=bool(row.decided_by),
        )
        for row in session.execute(
            select(u.id, u.project_id, u.fiscal_year, u.quarter, u.created_at, u.text,
                   u.amount_baht, u.level, u.percent, u.author_role, u.decided_by)
            .where(
                u.fiscal_year == quarter.fiscal_year,
                u.quarter == quarter.quarter,
                u.status == "approved",
            )
            .order_by(u.created_at, u.id)
        )
    )
    return SummaryData(projects=projects, reports=reports, updates=updates)
