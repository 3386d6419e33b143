"""Questions about the ministry's project lists, answered by the database.

Pure query functions over ``listed_projects`` (the rows of workbooks and project
records): a page of projects matching words of a name, agency or province; counts
and budget totals under filters; totals grouped by agency or province for a fiscal
quarter (the quarter a project was submitted in).  They take a ``Session`` and never
write.  Money is ``Decimal`` baht.  Matching ignores spaces and expands the agencies'
abbreviations (:mod:`knowledge.agencies`).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Float, case, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from knowledge.agencies import expand_abbreviations, province_name
from knowledge.models import DataVersion, ListedProject
from knowledge.plausible import MAX_PROJECT_BUDGET

__all__ = [
    "PAGE_SIZE",
    "Filters",
    "GroupTotal",
    "ListedRow",
    "ProjectPage",
    "TopGroups",
    "budget_unknown",
    "find_filters",
    "known_agencies",
    "known_names",
    "known_provinces",
    "listed_fingerprint",
    "listed_key",
    "listed_quarters",
    "listed_rows",
    "listed_totals",
    "listed_version",
    "merged_rows",
    "project_page",
    "top_groups",
    "totals",
    "totals_by",
    "where_clauses",
]

#: Projects per page of ``/projects``.
PAGE_SIZE = 10


@dataclass(frozen=True)
class Filters:
    """Which projects a question is about; ``None`` fields do not filter."""

    province: str | None = None
    agency: str | None = None
    name: str | None = None
    fiscal_year: int | None = None
    quarter: int | None = None

    def empty(self) -> bool:
        """Whether nothing filters."""
        return not (self.province or self.agency or self.name or self.fiscal_year)


@dataclass(frozen=True)
class ProjectPage:
    """One page of matching projects: ``rows`` are dicts of :func:`_row`."""

    query: str
    page: int
    pages: int
    total: int
    rows: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class GroupTotal:
    """Projects and their budget in one agency or province."""

    key: str
    projects: int
    budget_baht: Decimal
    #: Of ``projects``, those whose budget the lists do not state (``budget_baht`` sums
    #: the others): an unknown budget is no 0 baht.
    budget_unknown: int = 0


@dataclass(frozen=True)
class TopGroups:
    """The largest groups, and the rest summed into one ("อื่น ๆ")."""

    top: tuple[GroupTotal, ...]
    rest_groups: int
    rest_projects: int
    rest_budget_baht: Decimal

    @property
    def groups(self) -> int:
        """How many groups there are in all."""
        return len(self.top) + self.rest_groups


def top_groups(groups: Sequence[GroupTotal], n: int) -> TopGroups:
    """The ``n`` largest budgets of ``groups`` (ties by name) and the sum of the others.

    Pure.  ``rest_*`` are zero when there are ``n`` groups or fewer; the projects and
    budget of the top and the rest add up to those of ``groups``.
    """
    if n < 0:
        raise ValueError("n must not be negative")
    ranked = sorted(groups, key=lambda g: (-g.budget_baht, g.key))
    top, rest = tuple(ranked[:n]), ranked[n:]
    return TopGroups(top, len(rest), sum(g.projects for g in rest),
                     sum((g.budget_baht for g in rest), Decimal(0)))


def _squeezed(column: Any) -> Any:
    return func.replace(column, " ", "")


def where_clauses(f: Filters) -> list[ColumnElement[bool]]:
    """SQL conditions on ``listed_projects`` for ``f`` (none when nothing filters)."""
    clauses: list[ColumnElement[bool]] = []
    if f.province:
        clauses.append(ListedProject.province == f.province)
    if f.agency:
        clauses.append(ListedProject.agency == f.agency)
    if f.name:
        clauses.append(_squeezed(ListedProject.name).like(f"%{f.name.replace(' ', '')}%"))
    if f.fiscal_year:
        clauses.append(ListedProject.fiscal_year == f.fiscal_year)
    if f.quarter:
        clauses.append(ListedProject.quarter == f.quarter)
    return clauses


def _row(p: ListedProject) -> dict[str, Any]:
    return {
        "id": p.id,
        "name": p.name,
        "agency": p.agency,
        "province": p.province,
        "budget_baht": p.budget_baht,
        "fiscal_year": p.fiscal_year,
        "quarter": p.quarter,
        "submitted_on": p.submitted_on.isoformat() if p.submitted_on else None,
        "document_id": p.document_id,
    }


class _SearchCache:
    """Every listed project's id and search text, best budget first, kept in memory.

    Matching words inside 40,000 names in SQL scans the whole table (LIKE '%…%' uses no
    index): ~200 ms.  Held here (about 15 MB for 40,000 projects) it takes a few
    milliseconds.  It is reloaded when the rows change: :func:`listed_key` is compared
    on every use (one indexed query).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: tuple[int, int, int] | None = None
        self._ids: list[int] = []
        self._texts: list[str] = []

    def matches(self, session: Session, words: list[str]) -> list[int]:
        key = listed_key(session)
        with self._lock:
            if key != self._key:
                rows = session.execute(
                    select(ListedProject.id, ListedProject.search_text).order_by(
                        ListedProject.budget_baht.desc().nulls_last(), ListedProject.id
                    )
                ).all()
                self._ids = [r[0] for r in rows]
                self._texts = [r[1] for r in rows]
                self._key = key
            ids, texts = self._ids, self._texts
        if not words:
            return ids
        # One word at a time over what is left: the first word leaves few rows.
        first = words[0]
        left = [k for k, t in enumerate(texts) if first in t]
        for w in words[1:]:
            left = [k for k in left if w in texts[k]]
        return [ids[k] for k in left]


_CACHES: dict[str, _SearchCache] = {}
_CACHES_LOCK = threading.Lock()


def _cache_for(session: Session) -> _SearchCache:
    url = str(session.get_bind().engine.url)
    with _CACHES_LOCK:
        return _CACHES.setdefault(url, _SearchCache())


def project_page(session: Session, query: str = "", page: int = 1,
                 per_page: int = PAGE_SIZE) -> ProjectPage:
    """Page ``page`` (1-based) of the projects matching ``query``, largest budget first.

    A project matches when its name, agency or province holds every word of ``query``
    (abbreviations expanded, "จังหวัด" dropped, case and spaces ignored).  A page past
    the last gives the last page; an empty query pages through everything.
    """
    words = [province_name(w) for w in expand_abbreviations(query).split()]
    words = [re.sub(r"\s+", "", w).casefold() for w in words if w]
    ids = _cache_for(session).matches(session, words)
    total = len(ids)
    pages = max(1, math.ceil(total / per_page))
    page = min(max(1, page), pages)
    chosen = ids[(page - 1) * per_page : page * per_page]
    by_id = {
        p.id: p for p in session.scalars(select(ListedProject).where(ListedProject.id.in_(chosen)))
    } if chosen else {}
    rows = tuple(_row(by_id[i]) for i in chosen if i in by_id)
    return ProjectPage(query, page, pages, total, rows)


#: A listed budget as totals sum it: none where no project can have it (a million million
#: baht or more, :mod:`knowledge.plausible`: a row stored before ingest refused such rows).
#: Left out of every sum, it is counted with the budgets the lists do not state.
STATED_BUDGET = case((ListedProject.budget_baht < MAX_PROJECT_BUDGET, ListedProject.budget_baht),
                     else_=None)


def totals(session: Session, f: Filters) -> tuple[int, Decimal]:
    """Number of projects and their total budget (baht) under ``f``.

    The total sums the plausible budgets stated (:data:`STATED_BUDGET`); see
    :func:`implausible_budgets` for those left out.
    """
    stmt = select(func.count(ListedProject.id), func.sum(STATED_BUDGET))
    clauses = where_clauses(f)
    if clauses:
        stmt = stmt.where(*clauses)
    n, total = session.execute(stmt).one()
    return int(n or 0), Decimal(total or 0)


def merged_rows(session: Session, f: Filters) -> int:
    """How many rows of the lists under ``f`` were stored as a copy of another (counted once).

    The same project listed again (:attr:`~knowledge.models.ListedProject.copies`).
    """
    stmt = select(func.coalesce(func.sum(ListedProject.copies - 1), 0))
    clauses = where_clauses(f)
    if clauses:
        stmt = stmt.where(*clauses)
    return int(session.scalar(stmt) or 0)


def implausible_budgets(session: Session, f: Filters) -> int:
    """How many projects under ``f`` have a budget no project can have, left out of sums."""
    stmt = select(func.count(ListedProject.id)).where(
        ListedProject.budget_baht >= MAX_PROJECT_BUDGET, *where_clauses(f))
    return int(session.scalar(stmt) or 0)


def totals_by(session: Session, group: str, f: Filters, limit: int | None = None
              ) -> list[GroupTotal]:
    """Projects and budget per ``group`` (``"agency"`` or ``"province"``) under ``f``.

    Largest budget first, at most ``limit`` groups.  ``ValueError`` for another group.
    """
    if group not in ("agency", "province"):
        raise ValueError(f"group must be agency or province, not {group!r}")
    column = ListedProject.agency if group == "agency" else ListedProject.province
    budget = func.coalesce(func.sum(STATED_BUDGET), 0)
    stmt = (
        select(column, func.count(ListedProject.id), budget,
               func.count(ListedProject.id) - func.count(STATED_BUDGET))
        .group_by(column)
        .order_by(budget.desc(), column)
    )
    clauses = where_clauses(f)
    if clauses:
        stmt = stmt.where(*clauses)
    if limit:
        stmt = stmt.limit(limit)
    return [GroupTotal(k or "-", int(n), Decimal(b or 0), int(u or 0))
            for k, n, b, u in session.execute(stmt)]


def listed_totals(session: Session, f: Filters) -> tuple[int, Decimal, tuple[int, int, int]]:
    """``(count, total budget in baht, fingerprint)`` of the projects under ``f``, one query.

    The total sums the budgets the lists state (see :func:`budget_unknown` for the others).

    The fingerprint is what :func:`listed_fingerprint` gives: read with the totals, a
    summary knows which rows it stands on without a second query.
    """
    stmt = select(func.count(ListedProject.id), func.sum(STATED_BUDGET),
                  func.max(ListedProject.id), _VERSION)
    clauses = where_clauses(f)
    if clauses:
        stmt = stmt.where(*clauses)
    n, total, top, version = session.execute(stmt).one()
    return int(n or 0), Decimal(total or 0), (int(version or 0), int(n or 0), int(top or 0))


def budget_unknown(session: Session, f: Filters) -> int:
    """How many projects under ``f`` the lists state no budget for (counted apart: no 0).

    A budget no project can have (:data:`STATED_BUDGET`) is counted here too.
    """
    stmt = select(func.count(ListedProject.id)).where(
        or_(ListedProject.budget_baht.is_(None), ListedProject.budget_baht >= MAX_PROJECT_BUDGET),
        *where_clauses(f))
    return int(session.scalar(stmt) or 0)


class ListedRow(NamedTuple):
    """One listed project as the summary workbook lists it (money in baht, a Gregorian date).

    ``budget_baht`` is read as a float (or int) by :func:`listed_rows`: a workbook's
    cells are doubles, and the exact ``Decimal`` cost a conversion per row.
    """

    id: int
    name: str
    agency: str
    province: str | None
    budget_baht: float | Decimal | None
    submitted_on: dt.date | None


#: Rows fetched from the database per round trip while a workbook is written.
_STREAM_CHUNK = 2000


def listed_rows(session: Session, f: Filters) -> Iterator[ListedRow]:
    """Every listed project under ``f``, by agency, province, then id, streamed.

    Rows arrive ``_STREAM_CHUNK`` at a time (a server-side cursor on PostgreSQL), so a
    workbook of 40,000 projects never holds them all in memory.  Only the columns the
    workbook shows are read, as plain columns on the session's connection (no ORM
    objects; the budget as a float, see :class:`ListedRow`).
    """
    stmt = select(ListedProject.id, ListedProject.name, ListedProject.agency,
                  ListedProject.province, type_coerce(ListedProject.budget_baht, Float),
                  ListedProject.submitted_on)
    clauses = where_clauses(f)
    if clauses:
        stmt = stmt.where(*clauses)
    stmt = stmt.order_by(ListedProject.agency, ListedProject.province, ListedProject.id)
    result = session.connection().execute(stmt.execution_options(yield_per=_STREAM_CHUNK))
    make = ListedRow._make
    for chunk in result.partitions():
        yield from map(make, chunk)


#: The listed projects' data version (:class:`knowledge.models.DataVersion`), as a
#: scalar subquery to read with other figures in the same snapshot.
_VERSION = (select(DataVersion.version).where(DataVersion.name == "listed_projects")
            .scalar_subquery())


def listed_version(session: Session) -> int:
    """The listed projects' data version, which the database bumps (0 when unknown).

    Triggers (migration ``0011_summary``) add one in the transaction that changes rows:
    any change on PostgreSQL, an update in place on SQLite (see the migration).  Only
    meaningful with the count and highest id: :func:`listed_fingerprint`.
    """
    return int(session.scalar(select(_VERSION)) or 0)


def listed_fingerprint(session: Session, f: Filters) -> tuple[int, int, int]:
    """``(data version, count, highest id)`` of the listed projects under ``f``.

    Two equal fingerprints mean the same rows: rows added raise the highest id (ids
    are never reused), rows removed lower the count, and the version changes with a
    row changed in place (a rename) and, on PostgreSQL, with any change (overlapping
    transactions can add one row and remove another between two reads).
    """
    stmt = select(_VERSION, func.count(ListedProject.id), func.max(ListedProject.id))
    clauses = where_clauses(f)
    if clauses:
        stmt = stmt.where(*clauses)
    version, n, top = session.execute(stmt).one()
    return int(version or 0), int(n or 0), int(top or 0)


def listed_quarters(session: Session) -> list[tuple[Filters, tuple[int, int, int]]]:
    """Every quarter with listed projects, as its :class:`Filters` and fingerprint.

    One grouped read (the covering indexes of migration 0007 answer it); each
    fingerprint equals :func:`listed_fingerprint` of those filters in this snapshot.
    Rows without a quarter are left out.  Oldest quarter first.
    """
    stmt = (select(ListedProject.fiscal_year, ListedProject.quarter,
                   func.count(ListedProject.id), func.max(ListedProject.id))
            .where(ListedProject.fiscal_year.is_not(None), ListedProject.quarter.is_not(None))
            .group_by(ListedProject.fiscal_year, ListedProject.quarter)
            .order_by(ListedProject.fiscal_year, ListedProject.quarter))
    version = listed_version(session)
    return [(Filters(fiscal_year=int(fy or 0), quarter=int(q or 0)), (version, int(n), int(top)))
            for fy, q, n, top in session.execute(stmt)]


def listed_key(session: Session) -> tuple[int, int, int]:
    """:func:`listed_fingerprint` of every listed project: what in-memory caches key on."""
    return listed_fingerprint(session, Filters())


class _Names:
    """Every province and agency the lists name, re-read only when the rows change."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.key: tuple[int, int, int] | None = None
        self.names: tuple[list[str], list[str]] = ([], [])


_NAMES: dict[str, _Names] = {}


def known_names(session: Session) -> tuple[list[str], list[str]]:
    """:func:`known_provinces` and :func:`known_agencies`, kept in memory per database.

    The two ``DISTINCT`` reads scan the table where its indexes cannot answer alone
    (PostgreSQL before a vacuum: ~100 ms for 40,000 rows); the cache costs one count
    instead, and is read again whenever :func:`listed_key` changes (the data version
    the database bumps: a rename in place counts).  The lists returned must not be
    changed.
    """
    url = str(session.get_bind().engine.url)
    with _CACHES_LOCK:
        names = _NAMES.setdefault(url, _Names())
    key = listed_key(session)
    with names.lock:
        if names.key != key:
            names.names = (known_provinces(session), known_agencies(session))
            names.key = key
        return names.names


def known_provinces(session: Session) -> list[str]:
    """Every province that listed projects name, longest first."""
    names = session.scalars(select(ListedProject.province).distinct()).all()
    return sorted((n for n in names if n), key=len, reverse=True)


def known_agencies(session: Session) -> list[str]:
    """Every agency that listed projects name, longest first."""
    names = session.scalars(select(ListedProject.agency).distinct()).all()
    return sorted((n for n in names if n), key=len, reverse=True)


def find_filters(text: str, provinces: list[str], agencies: list[str]) -> Filters:
    """The province and agency a question or filter names (the longest match of each).

    "อบจ.เชียงใหม่" names the agency องค์การบริหารส่วนจังหวัดเชียงใหม่, not the province;
    "จังหวัดเชียงใหม่" or a bare "เชียงใหม่" elsewhere names the province, even where a
    province's own office is listed as an agency of that name ("จังหวัดกระบี่").
    """
    expanded = expand_abbreviations(text).replace(" ", "")
    offices = {f"จังหวัด{p}" for p in provinces}
    agency = next(
        (a for a in agencies if a not in offices and a.replace(" ", "") in expanded), None
    )
    rest = expanded.replace(agency.replace(" ", ""), " ") if agency else expanded
    province = next((p for p in provinces if p.replace(" ", "") in rest), None)
    return Filters(province=province, agency=agency)
