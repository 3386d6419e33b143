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

from sqlalchemy import select

from bot.answering.places import province_names, thai_places
from bot.bilingual import Bilingual
from bot.conversation.lang import plural
from bot.quarter_range import check_in_range
from knowledge.agencies import english_province_names, known_province
from knowledge.assignments import Scope, agency_key, projects_in_scope
from knowledge.db import Database
from knowledge.models import Project
from knowledge.project_queries import (
    Filters,
    GroupTotal,
    TopGroups,
    budget_unknown,
    find_filters,
    known_names,
    listed_fingerprint,
    listed_totals,
    top_groups,
    totals_by,
)
from knowledge.textcut import shorten
from knowledge.thai import (
    FiscalQuarter,
    ThaiParseError,
    YearAloneError,
    format_baht,
    latest_begun,
    normalize_text,
    parse_quarter,
    quarter_alone,
)

__all__ = ["CHART_TOP", "TOP", "ListsSummary", "ReportFilter", "listed_view", "lists_for",
           "lists_json", "lists_left_out", "lists_summary", "lists_text", "report_filter",
           "split_summary_arg", "unknown_filter"]

#: Agencies and provinces named at most.
TOP = 5
#: Agencies and provinces drawn one bar each on the chart (the rest share one "อื่น ๆ" bar).
CHART_TOP = 10


#: What ``/summary`` takes, said in every refusal.
SUMMARY_FORMS = ("รูปแบบที่ใช้ได้: /summary (ไตรมาสปัจจุบัน), /summary 2/2566, /summary Q2 2566, "
                 "/summary 2/2566 จังหวัดเชียงใหม่ (ไตรมาสก่อน แล้วจึงจังหวัดหรือหน่วยงาน)")
SUMMARY_FORMS_EN = ("Forms: /summary (this quarter), /summary 2/2566, /summary Q2 2566, "
                    "/summary 2/2566 จังหวัดเชียงใหม่ (the quarter first, then a province or "
                    "an agency)")


def _summary_error(thai: str, english: str) -> Bilingual:
    """A ``/summary`` argument error, each language with its forms (:data:`SUMMARY_FORMS`)."""
    return Bilingual(f"{thai}\n{SUMMARY_FORMS}", f"{english}\n{SUMMARY_FORMS_EN}")


def split_summary_arg(arg: str, today: dt.date | None = None) -> tuple[FiscalQuarter, str]:
    """The quarter and the filter words of ``/summary ARG``.

    The longest run of leading words that reads as a quarter is the quarter; the rest is
    the filter (a province or an agency).  Nothing at all is the current quarter; a
    quarter without its year ("ไตรมาส 2", "Q2") is the latest such quarter that has
    begun, as ``/update`` reads it (:func:`knowledge.thai.latest_begun`; the reply says
    which: :func:`bot.summary_view.ce_year_note`).
    Anything else is a ``ValueError`` with a polite Thai reason and the forms taken
    (:data:`SUMMARY_FORMS`): words that are no quarter ("abc", "😀", an agency named
    without its quarter), a quarter that cannot exist ("5/2566"), a second quarter
    after the first, or a fiscal year before
    :data:`~bot.quarter_range.EARLIEST_FISCAL_YEAR` or after the next one (``2/2599``:
    nothing can have been reported there).
    """
    words = normalize_text(arg).split()
    if not words:
        return parse_quarter(None, today), ""
    current = parse_quarter(None, today)
    for k in range(len(words), 0, -1):
        try:
            q = parse_quarter(" ".join(words[:k]), today)
        except ValueError:
            continue
        rest = " ".join(words[k:])
        _check_summary_year(q, current)
        if rest and _names_a_quarter(words[k:], today):
            raise _summary_error(f"ระบุได้ครั้งละหนึ่งไตรมาส (ได้รับ “{_shown(arg)}”)",
                                 f"one quarter at a time (got “{_shown(arg)}”).")
        return q, rest
    for k in range(len(words), 0, -1):  # "ไตรมาส 2", "Q2": the latest quarter 2 begun
        n = quarter_alone(" ".join(words[:k]))
        if n is not None:
            q, rest = latest_begun(n, current), " ".join(words[k:])
            if rest and _names_a_quarter(words[k:], today):
                raise _summary_error(f"ระบุได้ครั้งละหนึ่งไตรมาส (ได้รับ “{_shown(arg)}”)",
                                     f"one quarter at a time (got “{_shown(arg)}”).")
            return q, rest
    try:  # "ปีงบ 66", "FY 2566": a year alone, said so whatever its first word
        parse_quarter(" ".join(words), today)
    except YearAloneError as exc:
        raise _summary_error(exc.thai, exc.english) from exc
    except ThaiParseError:
        pass
    if not any(ch.isdigit() for ch in words[0]):
        raise _summary_error(f"กรุณาระบุไตรมาสเป็นตัวเลข (ได้รับ “{_shown(arg)}”)",
                             f"please give the quarter first (got “{_shown(arg)}”), e.g. "
                             "/summary 2/2566.")
    try:
        parse_quarter(words[0], today)
    except ThaiParseError as exc:  # each language its own words
        raise _summary_error(exc.thai, exc.english) from exc
    raise ValueError(arg)  # pragma: no cover - parse_quarter raised above


def _shown(arg: str) -> str:
    """What the user typed, cut short for a reply."""
    flat = " ".join(arg.split())
    return shorten(flat, 41)


def _names_a_quarter(words: list[str], today: dt.date | None) -> bool:
    """Whether the words after a quarter begin with another quarter ("1/2570 2/2566")."""
    for k in range(len(words), 0, -1):
        try:
            parse_quarter(" ".join(words[:k]), today)
        except ValueError:
            continue
        return True
    return False


def _check_summary_year(q: FiscalQuarter, current: FiscalQuarter) -> None:
    """Refuse a fiscal year no report can be in (:func:`bot.quarter_range.check_in_range`)."""
    try:
        check_in_range(q, current)
    except Bilingual as exc:
        raise _summary_error(exc.thai, exc.english) from exc


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
    #: Of ``projects``, those whose budget the lists do not state (``budget_baht`` sums
    #: the others).
    budget_unknown: int = 0


@dataclass(frozen=True)
class ReportFilter:
    """What a ``/summary`` filter names among the report forms' projects.

    ``project_ids``: the report projects inside it (by :class:`knowledge.assignments.
    Scope`: a province keeps the projects whose agency is in it, so a ministry-wide form
    is under no province), None when there is no filter.  ``named``: whether the text
    names a province or an agency of a report form at all.  ``nearest``: the known
    province or agency closest to a text that names none ("จังหวัดกระบี" → "จังหวัดกระบี่").
    ``read_as``: the agency and/or province the text was read as, for the reply
    ("krabi" → "จังหวัดกระบี่"); empty when it names none.
    """

    project_ids: tuple[int, ...] | None = None
    named: bool = False
    nearest: str | None = None
    read_as: str = ""


def _filter_key(text: str) -> str:
    """A filter's words as agencies are compared (:func:`knowledge.assignments.agency_key`)."""
    return agency_key(thai_places(text))


def report_filter(db: Database, filter_text: str) -> ReportFilter:
    """The report projects ``filter_text`` names (an agency of a form, or a province).

    English province names are read as ``/projects`` reads them ("krabi" is กระบี่:
    :func:`bot.answering.places.thai_places`).  An agency is a report form's (longest
    first, abbreviations expanded: "ตท.สป.") or, else, a listed one; a province is any
    of Thailand's.  A text naming neither gets the nearest known name, for the reply.
    """
    if not filter_text.strip():
        return ReportFilter()
    with db.read() as s:
        agencies = sorted({a for a in s.scalars(select(Project.agency).distinct()) if a},
                          key=len, reverse=True)
        provinces, listed_agencies = known_names(s)
        key = _filter_key(filter_text)
        agency = next((a for a in agencies if agency_key(a) and agency_key(a) in key), None)
        if agency is None:
            agency = find_filters(thai_places(filter_text), provinces, listed_agencies).agency
        rest = key.replace(agency_key(agency), " ") if agency else key
        province = next((p for p in province_names() if p in rest), None)
        if agency is None and province is None:
            # The whole text one province as users and list rows read it ("กทม", "จ.ตรัง").
            province = known_province(filter_text)
        if agency is None and province is None:
            return ReportFilter((), False, _nearest(filter_text,
                                                    [*agencies, *listed_agencies]))
        ids = projects_in_scope(s, Scope(agency, province))
    where = (province if province == "กรุงเทพมหานคร" else f"จังหวัด{province}") if province else None
    read_as = " ".join(x for x in (agency, where) if x)
    return ReportFilter(tuple(ids), True, read_as=read_as)


def _nearest(text: str, agencies: list[str]) -> str | None:
    """The province or agency name closest to ``text`` (a typing slip), or None."""
    import difflib

    typed = thai_places(text).strip()
    noun = "จังหวัด" if typed.startswith(("จังหวัด", "จ.")) else ""
    bare = typed.removeprefix("จังหวัด").removeprefix("จ.").strip()
    found = difflib.get_close_matches(bare, list(province_names()), n=1, cutoff=0.75)
    if found:
        return f"{noun}{found[0]}"
    english = english_province_names()  # "krabii" → กระบี่
    found = difflib.get_close_matches(" ".join(text.split()).casefold(), list(english), n=1,
                                      cutoff=0.75)
    if found:
        return f"จังหวัด{english[found[0]]}"
    found = difflib.get_close_matches(typed, agencies, n=1, cutoff=0.75)
    return found[0] if found else None


def lists_for(lists: ListsSummary | None, reports: ReportFilter) -> ListsSummary | None:
    """The lists to show beside a summary: none when the filter names only report forms.

    ``/summary 2/2566 ตท.สป.`` names a report form's agency that no list names: the
    lists' totals (all of them, unfiltered) do not belong under it, nor in its chart or
    workbook; :func:`lists_left_out` says why they are not shown.
    """
    if (lists is not None and lists.filter_text and reports.named
            and not (lists.filters.agency or lists.filters.province)):
        return None
    return lists


def lists_left_out(filter_text: str, before: ListsSummary | None,
                   after: ListsSummary | None, english: bool = False) -> str | None:
    """The line telling that the project lists name nothing of the filter, or None."""
    if before is None or after is not None:
        return None
    if english:
        return f"ℹ️ The project lists have no projects of “{filter_text}”."
    return f"ℹ️ บัญชีโครงการไม่มีโครงการของ “{filter_text}”"


def unknown_filter(filter_text: str, lists: ListsSummary | None,
                   english: bool | None = None,
                   reports: ReportFilter | None = None) -> str | None:
    """The error for a ``/summary`` filter that names no agency or province, or None.

    A filter that names nothing would show the unfiltered summary under words the
    user asked to narrow it by; the command line and the chat say so instead, with the
    nearest known name when there is one (``reports``: :func:`report_filter`).
    ``english``: the chat user's language; None (the command line) gives both.
    """
    if not filter_text or (lists is not None and (lists.filters.agency
                                                  or lists.filters.province)):
        return None
    if reports is not None and reports.named:
        return None
    if lists is None:
        error = Bilingual(f"ยังไม่มีบัญชีโครงการหรือแบบรายงานให้กรองด้วย “{filter_text}”",
                          f"No project lists or report forms to filter by “{filter_text}”.")
    else:
        error = Bilingual(f"ไม่พบหน่วยงานหรือจังหวัด “{filter_text}” ในบัญชีโครงการ",
                          f"No agency or province “{filter_text}” in the project lists.")
    if reports is not None and reports.nearest:
        error = Bilingual(f"{error.thai} หมายถึง “{reports.nearest}” หรือไม่",
                          f"{error.english} Did you mean “{reports.nearest}”?")
    return str(error) if english is None else error.say(english)


def lists_summary(db: Database, q: FiscalQuarter, filter_text: str = "") -> ListsSummary | None:
    """The quarter's listed projects (``None`` when the database lists none at all)."""
    with db.read() as s:
        provinces, agencies = known_names(s)
        if not provinces and not agencies:
            return None
        found = (find_filters(thai_places(filter_text), provinces, agencies) if filter_text
                 else Filters())
        f = Filters(found.province, found.agency, None, q.fiscal_year, q.quarter)
        n, budget, fingerprint = listed_totals(s, f)
        unknown = budget_unknown(s, f) if n else 0
        # Every group, largest first, in one GROUP BY each: the text names the first
        # few, the chart draws the first ten and sums the others.
        by_agency = [] if f.agency else totals_by(s, "agency", f)
        by_province = [] if f.province else totals_by(s, "province", f)
    return ListsSummary(
        q, f, filter_text, n, budget, tuple(by_agency[:TOP]), tuple(by_province[:TOP]),
        chart_agencies=None if f.agency else top_groups(by_agency, CHART_TOP),
        chart_provinces=None if f.province else top_groups(by_province, CHART_TOP),
        fingerprint=fingerprint, budget_unknown=unknown,
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
        found = find_filters(thai_places(filter_text), provinces, agencies)
        if not (found.agency or found.province):
            return None
        f = Filters(found.province, found.agency, None, q.fiscal_year, q.quarter)
        return f, listed_fingerprint(s, f)


def budget_text(budget: Decimal, projects: int, unknown: int, *, english: bool = False,
                unstated: str | None = None) -> str:
    """A listed total's budget, as the summary text and the chat's replies show it.

    Baht; ``unstated`` (default "งบประมาณไม่ทราบ", English "not stated in the lists") when
    none of its ``projects`` states one; or the known sum and how many (``unknown``) it
    leaves out: an unknown budget is never shown as 0 บาท.
    """
    if projects and unknown >= projects:
        if unstated is not None:
            return unstated
        return "not stated in the lists" if english else "งบประมาณไม่ทราบ"
    text = format_baht(budget, english=english)
    if not unknown:
        return text
    return (f"{text} (not counting {plural(unknown, 'project', 'projects')} with no budget "
            "stated)" if english else f"{text} (ไม่รวม {unknown:,} โครงการที่ไม่ทราบงบประมาณ)")


def _top(title: str, groups: tuple[GroupTotal, ...]) -> list[str]:
    if not groups:
        return []
    lines = [title]
    for k, g in enumerate(groups, 1):
        lines.append(f"  {k}. {g.key} — {g.projects:,} โครงการ, "
                     f"{budget_text(g.budget_baht, g.projects, g.budget_unknown)}")
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
            f"{ls.projects:,} โครงการ งบประมาณรวม "
            f"{budget_text(ls.budget_baht, ls.projects, ls.budget_unknown)}")
    if not ls.projects:
        return head
    lines = [head]
    lines += _top(f"หน่วยงานที่งบประมาณสูงสุด {len(ls.top_agencies)} อันดับ:", ls.top_agencies)
    lines += _top(f"จังหวัดที่งบประมาณสูงสุด {len(ls.top_provinces)} อันดับ:", ls.top_provinces)
    return "\n".join(lines)


def lists_json(ls: ListsSummary) -> dict[str, Any]:
    """The ``lists`` object of ``sdgbot summary --json``."""

    def groups(gs: tuple[GroupTotal, ...]) -> list[dict[str, Any]]:
        return [{"name": g.key, "projects": g.projects,
                 "budget_baht": None if g.projects and g.budget_unknown >= g.projects
                 else g.budget_baht, "budget_unknown_projects": g.budget_unknown} for g in gs]

    return {
        "filter": ls.filter_text or None,
        "agency": ls.filters.agency,
        "province": ls.filters.province,
        "projects": ls.projects,
        "budget_baht": None if ls.projects and ls.budget_unknown >= ls.projects
        else ls.budget_baht,
        "budget_unknown_projects": ls.budget_unknown,
        "top_agencies": groups(ls.top_agencies),
        "top_provinces": groups(ls.top_provinces),
    }
