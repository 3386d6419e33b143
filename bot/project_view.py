"""``/projects``: report projects (with their ids for ``/update``) and the project lists, paged.

``/projects`` alone shows the projects that file report forms and the first page of the
project lists; ``/projects เชียงใหม่ ถนน`` searches names, agencies and provinces (every
word must match); ``หน้า 2`` (or ``page 2``, or a bare number) turns the page.  With
40,000 listed projects a page is ten of them, largest budget first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from bot.answering.places import province_english, thai_places
from bot.unknown import quarter_label
from knowledge.db import Database
from knowledge.project_queries import PAGE_SIZE, project_page
from knowledge.queries import list_projects
from knowledge.textcut import shorten
from knowledge.thai import format_baht, normalize_text, to_arabic_digits

__all__ = ["MAX_REPORT_PROJECTS", "page_note", "parse_projects_arg", "projects_text",
           "thai_places"]

#: Report projects shown at most on one reply.
MAX_REPORT_PROJECTS = 15

_PAGE = re.compile(r"(?:^|\s)(?:หน้า(?:ที่)?|page|p\.?)\s*(\d{1,9})\s*$|^\s*(\d{1,9})\s*$",
                   re.IGNORECASE)
#: A page word followed by something that is no page number (``หน้า abc``, ``page -1``):
#: no Thai letters in it, so a name that merely holds the word is not taken for one.
_BAD_PAGE = re.compile(r"(?:^|\s)(?:หน้า(?:ที่)?|page)\s+([^\s\u0E00-\u0E7F]+)\s*$",
                       re.IGNORECASE)


@dataclass(frozen=True)
class _Arg:
    query: str
    page: int
    #: The page number as typed (0 and numbers past the last included), if one was.
    asked: int | None = None
    #: What was typed where a page number belongs but is none (``abc``), if anything.
    unreadable: str | None = None


def parse_projects_arg(arg: str) -> _Arg:
    """The search words and page number of ``/projects`` (page 1 when none is given)."""
    text = to_arabic_digits(normalize_text(arg)).strip()[:200]
    m = _PAGE.search(text)
    if not m:
        bad = _BAD_PAGE.search(text)
        if bad:
            return _Arg(text[: bad.start()].strip(), 1, unreadable=bad.group(1))
        return _Arg(text, 1)
    page = int(m.group(1) or m.group(2))
    return _Arg(text[: m.start()].strip(), max(1, page), asked=page)


def page_note(a: _Arg, shown: int, pages: int, english: bool = False) -> str | None:
    """What to say when page ``shown`` of ``pages`` is not the page ``a`` asked for, or None.

    A page past the last names the last; page 0 and an unreadable number say which page
    is shown instead.  Never a silent substitute.  In the user's language (``english``).
    """
    if a.unreadable is not None:
        typed = shorten(a.unreadable, 20)
        return (f"ℹ️ Page “{typed}” is not understood; showing page {shown}." if english else
                f"ℹ️ อ่านเลขหน้า “{typed}” ไม่ได้ จึงแสดงหน้า {shown}")
    if a.asked is None or a.asked == shown:
        return None
    if a.asked < 1:
        return (f"ℹ️ There is no page {a.asked} (the first is page 1); showing page {shown}."
                if english else
                f"ℹ️ ไม่มีหน้า {a.asked} (หน้าแรกคือหน้า 1) จึงแสดงหน้า {shown}")
    return (f"ℹ️ Page {a.asked:,} is past the last page ({pages:,} in all); showing the last, "
            f"page {pages:,}." if english else
            f"ℹ️ หน้า {a.asked:,} เกินหน้าสุดท้าย: มีทั้งหมด {pages:,} หน้า จึงแสดงหน้าสุดท้าย "
            f"(หน้า {pages:,})")


def _report_projects(db: Database, query: str, en: bool = False) -> list[str]:
    with db.read() as s:
        rows = list_projects(s)
    words = [w.casefold() for w in query.split()]
    lines = []
    for p in rows:
        hay = f"{p['name']} {p['agency']}".casefold()
        if all(w in hay for w in words):
            money = p["budget_baht"]
            budget = ("" if money is None else f" · budget {format_baht(money, english=True)}"
                      if en else f" · งบ {format_baht(money)}")
            period = ("" if not p["quarter"] and not p["fiscal_year"] else
                      f" · {quarter_label(p['quarter'], p['fiscal_year'], True)}" if en else
                      f" · ไตรมาส {quarter_label(p['quarter'], p['fiscal_year'])}")
            lines.append(f"[{p['id']}] {p['name']} ({p['agency']}){budget}{period}")
    return lines


def projects_text(db: Database, arg: str, english: bool = False) -> str:
    """The reply to ``/projects ARG`` (see the module docstring).

    ``english``: the user's language, that of the reply's own words (names, agencies
    and provinces stay as the documents write them).
    """
    en = english
    a = parse_projects_arg(arg)
    thai = thai_places(a.query)
    if thai != a.query:  # "/projects trang": searched as "ตรัง", and said so below
        a = replace(a, query=thai)
    with db.read() as s:
        page = project_page(s, a.query, a.page, PAGE_SIZE)
    # Report projects are on page 1; the lists' pages follow (a page past the last is
    # the last, and the reply says so).
    shown = page.page if page.total else 1
    note = page_note(a, shown, page.pages if page.total else 1, en)
    out: list[str] = []
    if shown == 1:
        reports = _report_projects(db, a.query, en)
        if reports:
            out.append("Reporting projects (their ids go with /update):" if en else
                       "โครงการที่รายงานผล (ใช้รหัสกับ /update):")
            out.extend(reports[:MAX_REPORT_PROJECTS])
            more = len(reports) - MAX_REPORT_PROJECTS
            if more > 0:
                out.append(f"… {more} more (narrow it down, e.g. /projects AGENCY)" if en else
                           f"… อีก {more} โครงการ (พิมพ์คำค้นเพิ่ม เช่น /projects ชื่อหน่วยงาน)")
    if page.total:
        if out:
            out.append("")
        if en:
            found = f" matching “{a.query}”" if a.query else ""
            out.append(f"Project lists{found}: {page.total:,} projects "
                       f"(page {page.page}/{page.pages:,})")
        else:
            found = f"ที่ตรงกับ “{a.query}”" if a.query else ""
            out.append(f"บัญชีโครงการ{found}: {page.total:,} โครงการ "
                       f"(หน้า {page.page}/{page.pages:,})")
        start = (page.page - 1) * PAGE_SIZE
        for k, r in enumerate(page.rows, start + 1):
            where = (f", {province_english(r['province'])}" if en else f" จ.{r['province']}") \
                if r["province"] else ""
            money = r["budget_baht"]
            budget = ("" if money is None else f" · budget {format_baht(money, english=True)}"
                      if en else f" · งบ {format_baht(money)}")
            out.append(f"{k}. {shorten(r['name'], 120)} — {r['agency']}{where}{budget}")
        hints = []
        q = f"{a.query} " if a.query else ""
        word = "page" if en else "หน้า"
        if page.page < page.pages:
            hints.append(f"{'Next page' if en else 'หน้าถัดไป'}: /projects {q}{word} {page.page + 1}")
        if not a.query:
            hints.append("Search: /projects PROJECT, AGENCY or PROVINCE" if en else
                         "ค้นหา: /projects ชื่อโครงการ หน่วยงาน หรือจังหวัด")
        out.extend(hints)
    if not out:
        if a.query:
            return (f"No project matches “{a.query}”." if english
                    else f"ไม่พบโครงการที่ตรงกับ “{a.query}”")
        return "There are no projects yet." if english else "ยังไม่มีโครงการในระบบ"
    return "\n".join([note, *out] if note else out)
