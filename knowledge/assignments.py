"""Who reports for what, who sees what, and who has not reported.

An officer reports for the projects assigned to them (``/assign``) and for every
project of their scope: an agency as the report form names it (``ตท.สป.``,
``อบจ.เชียงใหม่``) and/or a province.  A manager with a scope sees, approves and
summarises only that scope; without one, the whole ministry.  An officer with neither
scope nor assignment is not restricted (officers registered before scopes existed
keep reporting as they did) and is never reminded: nobody knows what they owe.

Names are compared as people write them: abbreviations expanded (``อบจ.`` is
``องค์การบริหารส่วนจังหวัด``), spaces and case ignored; a project's province is read
from its agency (``อบจ.เชียงใหม่`` → เชียงใหม่).  Data functions take a ``Session``
and never commit.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from knowledge.agencies import canonical_agency, expand_abbreviations, province_name
from knowledge.models import (
    Assignment,
    ListedProject,
    ProgressUpdate,
    Project,
    QuarterReport,
    User,
)
from knowledge.thai import FiscalQuarter, normalize_text

__all__ = [
    "Missing",
    "Scope",
    "agency_key",
    "assign_projects",
    "assigned_project_ids",
    "document_in_scope",
    "find_user",
    "in_scope",
    "missing_for_quarter",
    "project_province",
    "projects_in_scope",
    "responsible_project_ids",
    "scope_of",
    "submitted_project_ids",
    "unassign_projects",
]

OFFICER = "officer"


def agency_key(name: str) -> str:
    """An agency's name for comparison: abbreviations expanded, no spaces, case-folded."""
    return re.sub(r"\s+", "", canonical_agency(expand_abbreviations(name))).casefold()


@functools.cache
def _provinces() -> tuple[str, ...]:
    import geothai

    names = [p.name_th for p in geothai.provinces()]
    return tuple(sorted(names, key=len, reverse=True))


def project_province(agency: str) -> str | None:
    """The province an agency's name places it in (``อบจ.เชียงใหม่`` → เชียงใหม่), if any.

    A province counts where "จังหวัด" precedes it or where it ends the name, so a
    province name inside another word ("ตาก" in "ตากใบ") does not.
    """
    text = re.sub(r"\s+", "", expand_abbreviations(normalize_text(agency)))
    for name in _provinces():
        if f"จังหวัด{name}" in text or text.endswith(name):
            return name
    return None


@dataclass(frozen=True)
class Scope:
    """An agency and/or a province; both None is everything."""

    agency: str | None = None
    province: str | None = None

    @property
    def everything(self) -> bool:
        """Whether this scope has no limit."""
        return not self.agency and not self.province

    def covers(self, project_agency: str) -> bool:
        """Whether a project of ``project_agency`` is inside (every given part must match)."""
        if self.agency and agency_key(self.agency) != agency_key(project_agency):
            return False
        return not self.province or project_province(project_agency) == province_name(
            self.province)

    def overlaps(self, other: Scope) -> bool:
        """Whether a project can be inside both scopes (both cover some agency's name).

        A project's province is read from its agency (:func:`project_province`), so an
        agency part decides the province: ``ตท.สป.`` (no province in its name) shares
        nothing with ``province:เชียงใหม่``; ``อบจ.เชียงใหม่`` does.
        """
        agencies = [a for a in (self.agency, other.agency) if a]
        provinces = {province_name(p) for p in (self.province, other.province) if p}
        if agencies:
            if len({agency_key(a) for a in agencies}) > 1:
                return False
            return not provinces or provinces == {project_province(agencies[0])}
        return len(provinces) <= 1

    def describe(self, english: bool = False) -> str:
        """The scope for replies: "ตท.สป. · จังหวัดเชียงใหม่" or "ทั้งกระทรวง".

        ``english``: "ตท.สป. · เชียงใหม่ province" or "the whole ministry" (names stay
        as the ministry writes them).
        """
        parts = []
        if self.agency:
            parts.append(self.agency)
        if self.province:
            parts.append(f"{province_name(self.province)} province" if english
                         else f"จังหวัด{province_name(self.province)}")
        return " · ".join(parts) or ("the whole ministry" if english else "ทั้งกระทรวง")


def in_scope(scope: Scope, agency: str | None, province: str | None = None) -> bool:
    """Whether a user of ``scope`` may see or change what belongs to ``agency``: THE rule.

    Deny by default: a scope without limits (a manager of the whole ministry, an
    admin) reaches everything; a limited one reaches only what names an agency it
    covers (:meth:`Scope.covers`: every part of the scope must match; the province is
    ``province`` when given, as a project list's row states it, else read from the
    agency's name).  Nothing named (no agency) is outside every limited scope.  Every
    command that reads or changes something scoped asks here (``/approve``,
    ``/reject``, ``/evidence``, ``/assign``, ``/missing``, ``/summary``, ``/remove``,
    the managers told of an update).
    """
    if scope.everything:
        return True
    if not agency or not agency.strip():
        return False
    if scope.agency and agency_key(scope.agency) != agency_key(agency):
        return False
    if not scope.province:
        return True
    place = province_name(province) if province else project_province(agency)
    return place == province_name(scope.province)


def document_in_scope(session: Session, scope: Scope, doc_id: int) -> bool:
    """Whether everything document ``doc_id`` holds is within ``scope`` (:func:`in_scope`).

    A document's owners are the agencies of the projects it reports on (a report form,
    an update's searchable copy) and of every row of a project list it brings.  A
    limited scope reaches a document only when it reaches every one of them, and never
    one that names none (a news release, a text): such a document is the whole
    ministry's.  An unlimited scope reaches every document.
    """
    if scope.everything:
        return True
    owners: set[tuple[str, str | None]] = set()
    owners.update((a, None) for a in session.scalars(
        select(Project.agency).join(QuarterReport, QuarterReport.project_id == Project.id)
        .where(QuarterReport.document_id == doc_id)))
    owners.update((a, None) for a in session.scalars(
        select(Project.agency).join(ProgressUpdate, ProgressUpdate.project_id == Project.id)
        .where(ProgressUpdate.document_id == doc_id)))
    owners.update((a, p) for a, p in session.execute(
        select(ListedProject.agency, ListedProject.province)
        .where(ListedProject.document_id == doc_id).distinct()))
    return bool(owners) and all(in_scope(scope, a, p) for a, p in owners)


def scope_of(user: User | None) -> Scope:
    """A user's scope (everything for a user without one, or without a row)."""
    if user is None:
        return Scope()
    return Scope(user.agency or None, user.province or None)


def find_user(session: Session, platform: str, external_id: str) -> User | None:
    """The user row of ``platform:external_id``, if registered."""
    return session.scalar(select(User).where(User.platform == platform,
                                             User.external_id == external_id))


def projects_in_scope(session: Session, scope: Scope) -> list[int]:
    """Ids of the projects inside ``scope``, in id order."""
    rows = session.execute(select(Project.id, Project.agency).order_by(Project.id))
    return [pid for pid, agency in rows if in_scope(scope, agency)]


def assigned_project_ids(session: Session, user_id: int) -> list[int]:
    """Projects assigned to the user one by one, in id order."""
    return list(session.scalars(select(Assignment.project_id)
                                .where(Assignment.user_id == user_id)
                                .order_by(Assignment.project_id)))


def responsible_project_ids(session: Session, user: User | None) -> list[int] | None:
    """The projects a user reports for: assignments and scope; None when unrestricted."""
    if user is None:
        return None
    scope = scope_of(user)
    assigned = assigned_project_ids(session, user.id)
    if scope.everything and not assigned:
        return None
    ids = set(assigned)
    if not scope.everything:
        ids.update(projects_in_scope(session, scope))
    return sorted(ids)


def assign_projects(session: Session, user: User, project_ids: Iterable[int],
                    actor: str) -> list[int]:
    """Make ``user`` responsible for these projects; returns the ones newly assigned."""
    have = set(assigned_project_ids(session, user.id))
    added = []
    for pid in dict.fromkeys(project_ids):
        if pid not in have:
            session.add(Assignment(user_id=user.id, project_id=pid, actor=actor))
            added.append(pid)
    session.flush()
    return added


def unassign_projects(session: Session, user: User, project_ids: Iterable[int]) -> int:
    """Remove these assignments of ``user``; returns how many there were."""
    ids = list(project_ids)
    result = session.execute(delete(Assignment).where(Assignment.user_id == user.id,
                                                      Assignment.project_id.in_(ids)))
    return int(getattr(result, "rowcount", 0) or 0)


def submitted_project_ids(session: Session, quarter: FiscalQuarter) -> set[int]:
    """Projects with an update (approved or pending, not rejected) filed in ``quarter``."""
    return set(session.scalars(select(ProgressUpdate.project_id).where(
        ProgressUpdate.fiscal_year == quarter.fiscal_year,
        ProgressUpdate.quarter == quarter.quarter,
        ProgressUpdate.status != "rejected").distinct()))


@dataclass(frozen=True)
class Missing:
    """An officer with projects that have no update in the quarter."""

    platform: str
    external_id: str
    display_name: str | None
    agency: str | None
    province: str | None
    reminders_off: bool
    projects: tuple[tuple[int, str, str], ...] = field(default=())  # (id, name, agency)

    @property
    def ref(self) -> str:
        """``platform:id``."""
        return f"{self.platform}:{self.external_id}"

    def to_json(self) -> dict[str, object]:
        """The JSON of ``sdgbot missing --json``."""
        return {"user": self.ref, "platform": self.platform, "id": self.external_id,
                "agency": self.agency, "province": self.province,
                "reminders_off": self.reminders_off,
                "projects": [{"id": i, "name": n, "agency": a} for i, n, a in self.projects]}


def missing_for_quarter(session: Session, quarter: FiscalQuarter,
                        scope: Scope | None = None) -> list[Missing]:
    """Officers lacking an update for a project they report for, in ``quarter``.

    Only officers (the role itself: managers and admins report by choice) with a
    scope or an assignment are listed; ``scope`` (a manager's) keeps only its
    projects.  Sorted by platform and id; each officer's projects by id.
    """
    submitted = submitted_project_ids(session, quarter)
    names = {p.id: (p.name, p.agency) for p in session.scalars(select(Project))}
    out = []
    officers = session.scalars(select(User).where(User.role == OFFICER)
                               .order_by(User.platform, User.external_id))
    for user in officers:
        owed = responsible_project_ids(session, user)
        if not owed:
            continue
        lacking = []
        for pid in owed:
            if pid in submitted or pid not in names:
                continue
            name, agency = names[pid]
            if scope is not None and not in_scope(scope, agency):
                continue
            lacking.append((pid, name, agency))
        if lacking:
            out.append(Missing(user.platform, user.external_id, user.display_name, user.agency,
                               user.province, bool(user.reminders_off), tuple(lacking)))
    return out
