"""The project lists in a quarter summary: totals by agency and by province, with a filter.

``/summary 2/2566`` tells, beside the report forms and updates, how many listed projects
were submitted in the quarter and their budget, naming the agencies and provinces with
the largest budgets.  A filter after the quarter narrows it:
``/summary 2/2566 จังหวัดเชียงใหม่`` (then the top agencies in that province are named)
or ``/summary 2/2566 กรมส่งเสริมการปกครองท้องถิ่น`` (then its top provinces).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from knowledge.db import Database
from knowledge.project_queries import (
    Filters,
    GroupTotal,
    TopGroups,
    find_filters,
    known_names,
    listed_fingerprint,
    listed_totals,
    top_groups,
    totals_by,
)
from knowledge.thai import (
    FiscalQuarter,
    ThaiParseError,
    format_baht,
    normalize_text,
    parse_quarter,
)

__all__ = ["CHART_TOP", "TOP", "ListsSummary", "listed_view", "lists_json", "lists_summary",
           "lists_text", "split_summary_arg", "unknown_filter"]

#: Agencies and provinces named at most.
TOP = 5
#: Agencies and provinces drawn one bar each on the chart (the rest share one "อื่น ๆ" bar).
CHART_TOP = 10


def split_summary_arg(arg: str, today: dt.date | None = None) -> tuple[FiscalQuarter, str]:
    """The quarter and the filter words of ``/summary ARG``.

    The longest run of leading words that reads as a quarter is the quarter; the rest is
    the filter.  Without a quarter (no word with a digit first) it is the current
    quarter.  A first word with a digit that is no quarter ("5/2566") is an error
    (``ValueError`` from :func:`knowledge.thai.parse_quarter`).
    """
    words = normalize_text(arg).split()
    if not words:
        return parse_quarter(None, today), ""
    for k in range(len(words), 0, -1):
        try:
            return parse_quarter(" ".join(words[:k]), today), " ".join(words[k:])
        except ValueError:
            continue
    if not any(ch.isdigit() for ch in words[0]):
        return parse_quarter(None, today), " ".join(words)
    try:
        parse_quarter(words[0], today)
    except ThaiParseError as exc:  # Thai for chat users, English for operators
        raise ValueError(f"{exc.thai} — {exc.english}") from exc
    raise ValueError(arg)  # pragma: no cover - parse_quarter raised above


@dataclass(frozen=True)
class ListsSummary:
    """Listed projects submitted in a quarter, under a filter, with the top groups.

    ``top_*`` name the :data:`TOP` largest budgets in the text; ``chart_*`` hold the
    :data:`CHART_TOP` largest and the rest summed, for the chart (``None`` where the
    filter names that group: one province has no provinces to compare).
    """

    quarter: FiscalQuarter
    filters: Filters
    filter_text: str
    projects: int
    budget_baht: Decimal
    top_agencies: tuple[GroupTotal, ...]
    top_provinces: tuple[GroupTotal, ...]
    chart_agencies: TopGroups | None = None
    chart_provinces: TopGroups | None = None
    #: ``(data version, count, highest id)`` of the rows under ``filters`` (what the
    #: listed workbook holds; :func:`knowledge.project_queries.listed_fingerprint`),
    #: read with the totals: the summary files are named after it.
    fingerprint: tuple[int, int, int] = (0, 0, 0)


def unknown_filter(filter_text: str, lists: ListsSummary | None) -> str | None:
    """The error for a ``/summary`` filter that names no listed agency or province, or None.

    A filter that names nothing would show the unfiltered summary under words the
    user asked to narrow it by; the command line and the chat say so instead.
    """
    if not filter_text or (lists is not None and (lists.filters.agency
                                                  or lists.filters.province)):
        return None
    if lists is None:
        return (f"ยังไม่มีบัญชีโครงการให้กรองด้วย “{filter_text}” — no project lists are loaded "
                "to filter by agency or province")
    return (f"ไม่พบหน่วยงานหรือจังหวัด “{filter_text}” ในบัญชีโครงการ — "
            "no such agency or province in the project lists")


def lists_summary(db: Database, q: FiscalQuarter, filter_text: str = "") -> ListsSummary | None:
    """The quarter's listed projects (``None`` when the database lists none at all)."""
    with db.read() as s:
        provinces, agencies = known_names(s)
        if not provinces and not agencies:
            return None
        found = find_filters(filter_text, provinces, agencies) if filter_text else Filters()
        f = Filters(found.province, found.agency, None, q.fiscal_year, q.quarter)
        n, budget, fingerprint = listed_totals(s, f)
        # Every group, largest first, in one GROUP BY each: the text names the first
        # few, the chart draws the first ten and sums the others.
        by_agency = [] if f.agency else totals_by(s, "agency", f)
        by_province = [] if f.province else totals_by(s, "province", f)
    return ListsSummary(
        q, f, filter_text, n, budget, tuple(by_agency[:TOP]), tuple(by_province[:TOP]),
        chart_agencies=None if f.agency else top_groups(by_agency, CHART_TOP),
        chart_provinces=None if f.province else top_groups(by_province, CHART_TOP),
        fingerprint=fingerprint,
    )


def listed_view(db: Database, q: FiscalQuarter,
                filter_text: str) -> tuple[Filters, tuple[int, int, int]] | None:
    """The filters ``filter_text`` names in ``q`` and their rows' fingerprint, cheaply.

    What :func:`lists_summary` resolves, without its totals: the names known (kept in
    memory) and :func:`knowledge.project_queries.listed_fingerprint`.  None when the
    database lists nothing, or the text names no known agency or province.
    """
    with db.read() as s:
        provinces, agencies = known_names(s)
        if not provinces and not agencies:
            return None
        found = find_filters(filter_text, provinces, agencies)
        if not (found.agency or found.province):
            return None
        f = Filters(found.province, found.agency, None, q.fiscal_year, q.quarter)
        return f, listed_fingerprint(s, f)


def _top(title: str, groups: tuple[GroupTotal, ...]) -> list[str]:
    if not groups:
        return []
    lines = [title]
    for k, g in enumerate(groups, 1):
        lines.append(f"  {k}. {g.key} — {g.projects:,} โครงการ, {format_baht(g.budget_baht)}")
    return lines


def lists_text(ls: ListsSummary) -> str:
    """The chat text of :func:`lists_summary`."""
    scope = ""
    if ls.filters.agency:
        scope += f" ของ{ls.filters.agency}"
    if ls.filters.province:
        scope += f" ในจังหวัด{ls.filters.province}"
    if ls.filter_text and not (ls.filters.agency or ls.filters.province):
        return (f"ไม่พบหน่วยงานหรือจังหวัด “{ls.filter_text}” ในบัญชีโครงการ "
                "(no such agency or province in the project lists)")
    head = (f"บัญชีโครงการที่เสนอในไตรมาส {ls.quarter.quarter}/{ls.quarter.fiscal_year}{scope}: "
            f"{ls.projects:,} โครงการ งบประมาณรวม {format_baht(ls.budget_baht)}")
    if not ls.projects:
        return head
    lines = [head]
    lines += _top(f"หน่วยงานที่งบประมาณสูงสุด {len(ls.top_agencies)} อันดับ:", ls.top_agencies)
    lines += _top(f"จังหวัดที่งบประมาณสูงสุด {len(ls.top_provinces)} อันดับ:", ls.top_provinces)
    return "\n".join(lines)


def lists_json(ls: ListsSummary) -> dict[str, Any]:
    """The ``lists`` object of ``sdgbot summary --json``."""

    def groups(gs: tuple[GroupTotal, ...]) -> list[dict[str, Any]]:
        return [{"name": g.key, "projects": g.projects, "budget_baht": g.budget_baht} for g in gs]

    return {
        "filter": ls.filter_text or None,
        "agency": ls.filters.agency,
        "province": ls.filters.province,
        "projects": ls.projects,
        "budget_baht": ls.budget_baht,
        "top_agencies": groups(ls.top_agencies),
        "top_provinces": groups(ls.top_provinces),
    }
