"""Answers from the report form's stored fields, not from loose text.

A question about a project's budget, indicator, period, levels, disbursement,
alignment or problems has one right answer: the field the form states.  This
module recognises such questions, finds the project they are about, and words
the field.  Questions that name no known project fall through to text search.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from indexer.tokenize import tokenize
from knowledge.models import Project, QuarterReport
from knowledge.queries import latest_report
from knowledge.thai import format_baht, format_thai_date

__all__ = ["FieldAnswer", "answer_field", "detect_field"]


@dataclass(frozen=True)
class FieldAnswer:
    """A worded field value and the report it comes from."""

    text: str
    report: QuarterReport
    project: Project


# (field, pattern). Checked in order; patterns are specific so that "เป้าหมายการพัฒนา
# ที่ยั่งยืน", which nearly every question names, does not look like the SDG field.
_FIELD_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("disbursement", re.compile(r"เบิกจ่าย|disburse", re.I)),
    ("levels", re.compile(r"(เป้าหมาย|ผล)การดำเนินงาน.*ระดับ|ระดับ(ความสำเร็จ)?.*(เท่าไ|อะไร|ใด)|"
                          r"target level|result level|achieved level", re.I)),
    ("budget", re.compile(r"งบประมาณ(?!รายจ่ายประจำปี)|\bbudget\b", re.I)),
    ("indicator", re.compile(r"ตัวชี้วัด|\bindicator|\bkpi\b", re.I)),
    ("agency", re.compile(r"หน่วยงาน(ที่)?(รับผิดชอบ|ใด|ไหน|อะไร)|ใครรับผิดชอบ|"
                          r"responsible (agency|unit)|which agency", re.I)),
    ("period", re.compile(r"ห้วง(การ)?รายงาน|รายงานไตรมาส(ที่)?(ใด|ไหน|อะไร)|ไตรมาสใด|"
                          r"reporting period", re.I)),
    ("sdg", re.compile(r"(สอดคล้อง|ตอบ).*(sdgs?|เป้าหมายการพัฒนาที่ยั่งยืน).*(ข้อ|เป้าหมาย)(ใด|ไหน|อะไร)|"
                       r"sdgs?\s*ข้อ(ใด|ไหน)|เป้าหมาย\s*sdgs?\s*(ใด|ไหน|อะไร)|which sdg", re.I)),
    ("national_strategy", re.compile(r"ยุทธศาสตร์ชาติ(?!.*แผนแม่บท)|national strategy", re.I)),
    ("master_plan", re.compile(r"แผนแม่บท|master plan", re.I)),
    ("national_plan_13", re.compile(r"แผนพัฒนาเศรษฐกิจและสังคมแห่งชาติ|แผนพัฒนาฯ|ฉบับที่ 13", re.I)),
    ("cabinet_policy", re.compile(r"นโยบาย(ของ)?คณะรัฐมนตรี|cabinet policy", re.I)),
    ("ministry_strategy", re.compile(r"ยุทธศาสตร์(ตาม)?แผนปฏิบัติราชการ", re.I)),
    ("problems", re.compile(r"ปัญหา|อุปสรรค|\bproblems?\b|obstacles?", re.I)),
)

_ALIGN_FIELD = {
    "national_strategy": "6.1",
    "master_plan": "6.2",
    "national_plan_13": "6.3",
    "cabinet_policy": "6.4",
    "ministry_strategy": "6.5",
    "sdg": "6.6",
}

# Words that say "a project" or the field itself, not which project.
_GENERIC = set(
    tokenize(
        "โครงการ ของ ที่ การ งบประมาณ ตัวชี้วัด หน่วยงาน รับผิดชอบ เป้าหมาย ผล ดำเนินงาน ระดับ "
        "เบิกจ่าย ปัญหา อุปสรรค ห้วง รายงาน ไตรมาส อยู่ ใช้ มี เป็น ได้ ปี จำนวน ค่าใช้จ่าย "
        "project budget indicator agency the of is what which level"
    )
)


def detect_field(question: str) -> str | None:
    """The form field a question asks about, or None."""
    for name, pattern in _FIELD_PATTERNS:
        if pattern.search(question):
            return name
    return None


def _match_project(session: Session, question: str) -> Project | None:
    """The project the question names: most of its specific words are in the name."""
    q = {t for t in tokenize(question) if t not in _GENERIC and len(t) > 1}
    if not q:
        return None
    best: tuple[float, Project] | None = None
    projects = session.scalars(
        select(Project).options(
            selectinload(Project.reports).selectinload(QuarterReport.alignments)
        )
    ).all()
    for p in projects:
        name = set(tokenize(f"{p.name} {p.agency}"))
        share = len(q & name) / len(q)
        if best is None or share > best[0]:
            best = (share, p)
    if best is None or best[0] < 0.5:
        return None
    return best[1]


def _money(v: Decimal | None, en: bool) -> str:
    if v is None:
        return "not stated" if en else "ไม่ระบุ"
    million = v / Decimal(1_000_000)
    extra = f" ({million.normalize():f} ล้านบาท)" if v >= 100_000 else ""
    return format_baht(v) + extra


def _word(field: str, r: QuarterReport, p: Project, en: bool) -> str | None:
    name = p.name
    if field == "budget":
        if r.budget_baht is None:
            return None
        return (f"Budget: {_money(r.budget_baht, en)} — {name}" if en
                else f"งบประมาณ {_money(r.budget_baht, en)} — โครงการ{name}")
    if field == "indicator":
        if not r.indicator:
            return None
        return f"Indicator: {r.indicator}" if en else f"ตัวชี้วัด: {r.indicator}"
    if field == "agency":
        return (f"Responsible agency: {p.agency} — {name}" if en
                else f"หน่วยงานที่รับผิดชอบ: {p.agency} — โครงการ{name}")
    if field == "period":
        if r.quarter is None:
            return None
        dates = ""
        if r.period_start and r.period_end:
            dates = f" ({format_thai_date(r.period_start)} – {format_thai_date(r.period_end)})"
        return (f"Reporting period: quarter {r.quarter} of fiscal year {r.fiscal_year}{dates}" if en
                else f"ห้วงการรายงาน: ไตรมาสที่ {r.quarter} ปีงบประมาณ {r.fiscal_year}{dates}")
    if field == "levels":
        if r.target_level is None and r.result_level is None:
            return None
        return (f"Target level {r.target_level}; achieved level {r.result_level}" if en
                else f"เป้าหมายการดำเนินงาน ระดับ {r.target_level}; "
                f"ผลการดำเนินงาน ระดับ {r.result_level}")
    if field == "disbursement":
        return (f"Disbursement target {_money(r.disbursement_target_baht, en)}; "
                f"actual {_money(r.disbursement_actual_baht, en)}" if en
                else f"เป้าหมายการเบิกจ่าย {_money(r.disbursement_target_baht, en)}; "
                f"ผลการเบิกจ่าย {_money(r.disbursement_actual_baht, en)}")
    if field == "problems":
        if not r.problems:
            return ("The form reports no problems or obstacles." if en
                    else "แบบรายงานไม่ได้ระบุปัญหาและอุปสรรค")
        return f"Problems: {r.problems}" if en else f"ปัญหาและอุปสรรค: {r.problems}"
    code = _ALIGN_FIELD.get(field)
    if code:
        values = [a for a in r.alignments if a.field == code]
        if not values:
            return None
        if code == "6.6":
            parts = [f"เป้าหมายที่ {a.sdg_goal}: {a.value}" if a.sdg_goal else a.value
                     for a in values]
            return ("SDG goals: " if en else "สอดคล้องกับ SDGs ") + "; ".join(parts)
        return "; ".join(a.value for a in values)
    return None


def answer_field(session: Session, question: str, *, english: bool = False) -> FieldAnswer | None:
    """Answer from the stored form fields when the question asks for one of a known project."""
    field = detect_field(question)
    if field is None:
        return None
    project = _match_project(session, question)
    if project is None:
        return None
    report = latest_report(project)
    if report is None:
        return None
    text = _word(field, report, project, english)
    if text is None:
        return None
    return FieldAnswer(text=text, report=report, project=project)
