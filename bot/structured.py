"""Questions about the project lists answered from the database, before free-text search.

:func:`answer_structured` recognises three kinds of question and answers them with
counts and sums over ``listed_projects`` (see :mod:`knowledge.project_queries`):

- how many projects a province or agency has: "จังหวัดกระบี่มีโครงการกี่โครงการ";
- the total budget of a province or agency: "งบประมาณรวมของ อบจ.เชียงใหม่เท่าไร";
- the budget of a named project: "โครงการติดตั้งไฟฟ้าส่องสว่างถนนสาธารณะ ของ
  อบจ.เชียงใหม่ งบเท่าไร".

Anything else (or an empty project list) gives ``None``, and the caller answers from
the documents as before.  The caller is the core's ``/ask`` and ``sdgbot ask``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.answering.places import english_provinces, province_english
from bot.answering.question import BUDGET_WORD, KI, asked_in_english
from bot.asked_scope import asked_fiscal_year, asked_topic, names_year_range
from bot.code_input import code_kind
from bot.conversation.lang import plural
from knowledge.db import Database
from knowledge.models import ListedProject
from knowledge.project_queries import (
    Filters,
    budget_unknown,
    find_filters,
    implausible_budgets,
    known_names,
    merged_rows,
    totals,
    where_clauses,
)
from knowledge.thai import find_quarter, format_baht, normalize_text

__all__ = ["StructuredAnswer", "answer_structured", "structured_json"]

_COUNT = re.compile(rf"{KI}\s*โครงการ|จำนวน\s*โครงการ|how many projects", re.IGNORECASE)
_HOW_MUCH = rf"(?:เท่า\s*ไร|เท่า\s*ไหร่|เท่า\s*ใด|{KI}\s*บาท|how much)"
_BUDGET = re.compile(rf"(?:{BUDGET_WORD}|budget).*{_HOW_MUCH}"
                     # "What is the total budget of the projects in Lampang?" (of listed
                     # projects: the budget of one project is the documents' to answer)
                     r"|\bwhat(?:'s|\s+is|\s+was|\s+are)\s+(?:the\s+)?(?:total\s+)?budgets?\b"
                     r"(?=.*\bprojects\b)", re.IGNORECASE)
_TOTAL = re.compile(r"รวม|ทั้งหมด|total", re.IGNORECASE)
_NAMED = re.compile(rf"โครงการ\s*(?P<name>.+?)\s*(?:ของ\s*(?P<who>.+?)\s*)?(?:ใช้)?"
                    rf"(?P<budget>{BUDGET_WORD}).*{_HOW_MUCH}")
_MAX_LISTED = 5


@dataclass(frozen=True)
class StructuredAnswer:
    """The answer's text and the documents (workbooks, records) its figures come from."""

    text: str
    doc_ids: tuple[int, ...]


def _sources(s: Session, f: Filters) -> tuple[int, ...]:
    stmt = select(ListedProject.document_id).distinct().limit(3)
    clauses = where_clauses(f)
    if clauses:
        stmt = stmt.where(*clauses)
    return tuple(s.scalars(stmt))


def _scope(f: Filters, *, english: bool = False) -> str:
    """What ``f`` narrows to, as a reply names it (names are data: as the lists write them)."""
    parts = []
    if f.agency:
        parts.append(f.agency)
    if f.province:
        parts.append(province_english(f.province) if english else f"จังหวัด{f.province}")
    if f.fiscal_year:
        if english:
            parts.append(f"Q{f.quarter} FY{f.fiscal_year}" if f.quarter else f"FY{f.fiscal_year}")
        else:
            parts.append(f"ไตรมาส {f.quarter}/{f.fiscal_year}" if f.quarter
                         else f"ปีงบ {f.fiscal_year}")
    if english:
        return ", ".join(parts) or "All projects"
    return " ".join(parts) or "โครงการทั้งหมด"


def answer_structured(db: Database, question: str,
                      english: bool | None = None) -> StructuredAnswer | None:
    """The database's answer to a project-list question, or ``None`` (see the module).

    ``english``: the reply's language (None: the question's own, English when it asks in
    English: "How many projects ..." is answered "… 12 projects", never "12 โครงการ").

    None for code ("SELECT count(*) FROM projects"): no count is read from its words
    (:func:`bot.code_input.code_kind`; the answerer then says it is no question).
    """
    if code_kind(question) is not None:
        return None
    q = normalize_text(question).strip()
    named = _NAMED.search(q)
    wants_count = bool(_COUNT.search(q))
    wants_budget = bool(_BUDGET.search(q))
    if not (wants_count or wants_budget):
        return None
    with db.read() as s:
        count = s.scalar(select(func.count(ListedProject.id))) or 0
        if not count:
            return None
        # Kept in memory per database, read again whenever the listed rows change
        # (the data version the database bumps: a rename keeps the count).
        provinces, agencies = known_names(s)
        f = find_filters(q + _thai_provinces_named(q), provinces, agencies)
        fq = find_quarter(q)
        if fq is not None:
            f = Filters(f.province, f.agency, None, fq.fiscal_year, fq.quarter)
        # A year or topic alone makes no project-list question (the documents answer it).
        listed_scope = not f.empty() or bool(_TOTAL.search(q))
        if fq is None and (year := asked_fiscal_year(q)) is not None:
            f = Filters(f.province, f.agency, None, year)
        if named and not wants_count and not _TOTAL.search(q[named.end("budget"):]):
            who = named.group("who")
            agency = find_filters(who, [], agencies).agency if who else None
            return _named_project(s, named.group("name"), agency)
        topic = None if named and not wants_count else asked_topic(
            q, [x for x in (f.province, f.agency) if x])
        if topic is not None and re.search(r"[\u0e00-\u0e7f]", topic):
            f = Filters(f.province, f.agency, topic, f.fiscal_year, f.quarter)
        if not listed_scope:
            return None
        # What the question names that the lists cannot tell: the figure is the whole's.
        whole: list[str] = []
        if topic is not None and f.name is None:
            whole.append("topic")
        if names_year_range(q):
            whole.append("years")
        if f.fiscal_year and not _dated(s, f):
            # No project in scope has a date or fiscal year: counted over all years, said so.
            f = Filters(f.province, f.agency, f.name)
            whole.append("years")
        n, budget = totals(s, f)
        undated = _undated(s, f) if f.fiscal_year else 0
        years_held = _years_held(s, f) if f.fiscal_year and not n else []
        absurd = implausible_budgets(s, f) if n else 0
        # budget_unknown counts a budget no project can have too: told apart here.
        unknown = budget_unknown(s, f) - absurd if n else 0
        merged = merged_rows(s, f) if n else 0
        docs = _sources(s, f)
    if english is None:
        english = asked_in_english(question)
    # /summary's wording of a budget; its module (and the summary's) only once a count is said
    from bot.summary_lists import budget_text

    if english:
        scope_en = _scope(f, english=True)
        count = plural(n, "project", "projects")
        total = budget_text(budget, n, unknown, english=True)
        of = "all projects" if f.empty() else scope_en
        text = (f"{scope_en}: {count}, total budget {total}" if wants_count
                else f"Total budget of {of}: {total} ({count})")
        if absurd:
            text += (f" (leaving out {plural(absurd, 'project', 'projects')} whose listed "
                     "budget is implausibly large, a million million baht or more: "
                     "please check the list)")
        if merged:
            text += (f" ({plural(merged, 'row', 'rows')} of the lists repeating another row "
                     "in every field counted once)")
        text += _scope_notes_en(f, whole, topic, undated, years_held)
        return StructuredAnswer(text + " (from the project lists in the system)", docs)
    scope = _scope(f)
    total = budget_text(budget, n, unknown,
                        unstated="ไม่ทราบ (บัญชีไม่ระบุงบประมาณ)")
    if wants_count:
        text = f"{scope} มี {n:,} โครงการ งบประมาณรวม {total}"
    else:
        text = f"งบประมาณรวมของ{scope} {total} ({n:,} โครงการ)"
    if absurd:
        text += (f" (ไม่รวม {absurd:,} โครงการที่วงเงินในบัญชีสูงเกินจริง ตั้งแต่ล้านล้านบาท"
                 "ขึ้นไป โปรดตรวจสอบบัญชี)")
    if merged:
        text += f" (นับแถวในบัญชีที่ซ้ำกับแถวอื่นทุกช่อง {merged:,} แถวเป็นโครงการเดียว)"
    text += _scope_notes_th(f, whole, topic, undated, years_held)
    return StructuredAnswer(text + " (ตามบัญชีโครงการในระบบ)", docs)


def _dated(s: Session, f: Filters) -> bool:
    """Whether any project under ``f`` (its year aside) has a fiscal year in the lists."""
    clauses = where_clauses(Filters(f.province, f.agency, f.name))
    stmt = select(ListedProject.id).where(ListedProject.fiscal_year.is_not(None), *clauses)
    return s.scalar(stmt.limit(1)) is not None


def _undated(s: Session, f: Filters) -> int:
    """Projects under ``f`` (its year aside) whose fiscal year the lists do not tell."""
    clauses = where_clauses(Filters(f.province, f.agency, f.name))
    return s.scalar(select(func.count(ListedProject.id))
                    .where(ListedProject.fiscal_year.is_(None), *clauses)) or 0


def _years_held(s: Session, f: Filters) -> list[tuple[int, int]]:
    """``(fiscal year, projects)`` under ``f`` without its year: the years the lists hold."""
    clauses = where_clauses(Filters(f.province, f.agency, f.name))
    rows = s.execute(select(ListedProject.fiscal_year, func.count(ListedProject.id))
                     .where(ListedProject.fiscal_year.is_not(None), *clauses)
                     .group_by(ListedProject.fiscal_year)
                     .order_by(ListedProject.fiscal_year)).all()
    return [(int(y or 0), int(k)) for y, k in rows]


def _scope_notes_th(f: Filters, whole: list[str], topic: str | None, undated: int,
                    years_held: list[tuple[int, int]]) -> str:
    """What the Thai reply's figure covers, where the question named more or other."""
    notes = []
    if f.name:
        notes.append(f"นับเฉพาะโครงการที่ชื่อมีคำว่า “{f.name}”")
    if "topic" in whole:
        notes.append(f"บัญชีแยกตามชื่อโครงการภาษาไทย จึงแยก “{topic}” ไม่ได้ "
                     "ตัวเลขนี้เป็นของโครงการทุกด้าน")
    if "years" in whole:
        notes.append("บัญชีโครงการไม่ได้ระบุปีงบประมาณที่ถาม ตัวเลขนี้เป็นของทุกปี")
    if undated:
        notes.append(f"ไม่รวม {undated:,} โครงการที่บัญชีไม่ระบุวันที่หรือปีงบประมาณ")
    if years_held:
        held = ", ".join(f"ปีงบ {y} มี {k:,} โครงการ" for y, k in years_held[-5:])
        notes.append(f"บัญชีมีโครงการในขอบเขตนี้ของปีอื่น: {held}")
    return "".join(f" ({n})" for n in notes)


def _scope_notes_en(f: Filters, whole: list[str], topic: str | None, undated: int,
                    years_held: list[tuple[int, int]]) -> str:
    """What the English reply's figure covers, where the question named more or other."""
    notes = []
    if f.name:
        notes.append(f"only projects whose name contains “{f.name}”")
    if "topic" in whole:
        notes.append(f"the lists name projects in Thai, so “{topic}” cannot be told apart: "
                     "this figure covers projects of every kind")
    if "years" in whole:
        notes.append("the lists do not give the fiscal year asked: this figure covers all years")
    if undated:
        notes.append(f"leaving out {plural(undated, 'project', 'projects')} whose date or "
                     "fiscal year the lists do not give")
    if years_held:
        held = ", ".join(f"FY{y}: {plural(k, 'project', 'projects')}"
                         for y, k in years_held[-5:])
        notes.append(f"the lists hold this scope in other years: {held}")
    return "".join(f" ({n})" for n in notes)


def _thai_provinces_named(question: str) -> str:
    """The Thai names of the provinces ``question`` writes in English ("Lampang" → " ลำปาง").

    Empty for a question with no Latin letters.  Each name found once, with a space before.
    """
    if not re.search(r"[A-Za-z]", question):
        return ""
    return "".join(f" {th}" for pattern, th in english_provinces() if pattern.search(question))


def _named_project(s: Session, name: str, agency: str | None) -> StructuredAnswer | None:
    words = re.sub(r"\s+", "", name)
    if len(words) < 4:
        return None
    flt = Filters(agency=agency, name=words)
    rows = s.scalars(
        select(ListedProject)
        .where(*where_clauses(flt))
        .order_by(ListedProject.id)
        .limit(_MAX_LISTED + 1)
    ).all()
    if not rows:  # not a listed project: perhaps a report form's, answered from documents
        return None
    lines = []
    for p in rows[:_MAX_LISTED]:
        budget = format_baht(p.budget_baht) if p.budget_baht is not None else "ไม่ระบุงบประมาณ"
        where = f" จังหวัด{p.province}" if p.province else ""
        title = p.name if p.name.startswith("โครงการ") else f"โครงการ{p.name}"
        lines.append(f"{title} ({p.agency}{where}) งบประมาณ {budget}")
    if len(rows) > _MAX_LISTED:
        lines.append(f"… และโครงการชื่อคล้ายกันอีก (พิมพ์ /projects {name.strip()} เพื่อดูทั้งหมด)")
    return StructuredAnswer("\n".join(lines), tuple(dict.fromkeys(p.document_id for p in rows)))


def structured_json(db: Database, answer: StructuredAnswer) -> dict[str, object]:
    """The ``sdgbot ask --json`` object of a structured answer (without ``took_ms``).

    Its sources are the workbooks and records the figures were counted from.
    """
    from knowledge.models import Document

    sources: list[dict[str, object]] = []
    if answer.doc_ids:
        with db.read() as s:
            for doc in s.scalars(select(Document).where(Document.id.in_(answer.doc_ids))):
                sources.append({"doc_id": doc.id, "title": doc.title,
                                "date": doc.date.isoformat() if doc.date else None,
                                "passage_id": None})
    return {"answer": answer.text, "found": True, "sources": sources}
