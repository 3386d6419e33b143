"""``/projects``: report projects (with their ids for ``/update``) and the project lists, paged.

``/projects`` alone shows the projects that file report forms and the first page of the
project lists; ``/projects เชียงใหม่ ถนน`` searches names, agencies and provinces (every
word must match); ``หน้า 2`` (or ``page 2``, or a bare number) turns the page.  With
40,000 listed projects a page is ten of them, largest budget first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.db import Database
from knowledge.project_queries import PAGE_SIZE, project_page
from knowledge.queries import list_projects
from knowledge.thai import format_baht, normalize_text, to_arabic_digits

__all__ = ["MAX_REPORT_PROJECTS", "parse_projects_arg", "projects_text"]

#: Report projects shown at most on one reply.
MAX_REPORT_PROJECTS = 15

_PAGE = re.compile(r"(?:^|\s)(?:หน้า(?:ที่)?|page|p\.?)\s*(\d{1,5})\s*$|^\s*(\d{1,5})\s*$",
                   re.IGNORECASE)


@dataclass(frozen=True)
class _Arg:
    query: str
    page: int


def parse_projects_arg(arg: str) -> _Arg:
    """The search words and page number of ``/projects`` (page 1 when none is given)."""
    text = to_arabic_digits(normalize_text(arg)).strip()[:200]
    m = _PAGE.search(text)
    if not m:
        return _Arg(text, 1)
    page = int(m.group(1) or m.group(2))
    return _Arg(text[: m.start()].strip(), max(1, page))


def _report_projects(db: Database, query: str) -> list[str]:
    with db.read() as s:
        rows = list_projects(s)
    words = [w.casefold() for w in query.split()]
    lines = []
    for p in rows:
        hay = f"{p['name']} {p['agency']}".casefold()
        if all(w in hay for w in words):
            money = p["budget_baht"]
            budget = f" · งบ {format_baht(money)}" if money is not None else ""
            period = f" · ไตรมาส {p['quarter']}/{p['fiscal_year']}" if p["quarter"] else ""
            lines.append(f"[{p['id']}] {p['name']} ({p['agency']}){budget}{period}")
    return lines


def projects_text(db: Database, arg: str) -> str:
    """The reply to ``/projects ARG`` (see the module docstring)."""
    a = parse_projects_arg(arg)
    out: list[str] = []
    if a.page == 1:
        reports = _report_projects(db, a.query)
        if reports:
            out.append("โครงการที่รายงานผล (ใช้รหัสกับ /update):")
            out.extend(reports[:MAX_REPORT_PROJECTS])
            if len(reports) > MAX_REPORT_PROJECTS:
                out.append(f"… อีก {len(reports) - MAX_REPORT_PROJECTS} โครงการ "
                           "(พิมพ์คำค้นเพิ่ม เช่น /projects ชื่อหน่วยงาน)")
    with db.read() as s:
        page = project_page(s, a.query, a.page, PAGE_SIZE)
    if page.total:
        if out:
            out.append("")
        found = f"ที่ตรงกับ “{a.query}”" if a.query else ""
        out.append(f"บัญชีโครงการ{found}: {page.total:,} โครงการ (หน้า {page.page}/{page.pages:,})")
        start = (page.page - 1) * PAGE_SIZE
        for k, r in enumerate(page.rows, start + 1):
            where = f" จ.{r['province']}" if r["province"] else ""
            money = r["budget_baht"]
            budget = f" · งบ {format_baht(money)}" if money is not None else ""
            out.append(f"{k}. {r['name'][:120]} — {r['agency']}{where}{budget}")
        hints = []
        q = f"{a.query} " if a.query else ""
        if page.page < page.pages:
            hints.append(f"หน้าถัดไป: /projects {q}หน้า {page.page + 1}")
        if not a.query:
            hints.append("ค้นหา: /projects ชื่อโครงการ หน่วยงาน หรือจังหวัด")
        out.extend(hints)
    if not out:
        if a.query:
            return f"ไม่พบโครงการที่ตรงกับ “{a.query}” (no matching projects)"
        return "ยังไม่มีโครงการในระบบ (no projects yet)"
    return "\n".join(out)
