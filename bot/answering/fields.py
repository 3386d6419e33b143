"""Answers from the report form's stored fields, not from loose text.

A question about a project's budget, indicator, period, levels, disbursement,
alignment or problems has one right answer: the field the form states.  This
module recognises such questions, finds the project they are about, and words
the field.  Questions that name no known project fall through to text search.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from bot.answering.consistency import years_in
from bot.answering.qualifiers import qualifiers_of
from bot.answering.question import BUDGET_WORD, FUNCTION_WORDS
from indexer.tokenize import tokenize
from knowledge.models import Document, ProgressUpdate, Project, QuarterReport
from knowledge.queries import latest_report, section_pages
from knowledge.textcut import shorten
from knowledge.thai import (
    BE_OFFSET,
    FiscalQuarter,
    format_baht,
    format_baht_millions,
    format_english_date,
    format_percent,
    format_thai_date,
    parse_quarter,
    quarter_numbers,
    to_arabic_digits,
)

if TYPE_CHECKING:  # /summary's counting is imported by the few replies that count updates
    from knowledge.summary import ProjectSummary

__all__ = ["FieldAnswer", "answer_field", "detect_field", "field_pages", "impossible_quarter"]


@dataclass(frozen=True)
class FieldAnswer:
    """A worded field value and the report it comes from.

    ``found`` is False when the project has no report for the fiscal year or quarter
    the question names (``reason`` "period": ``text`` then says so and names the reports
    there are), or when the form leaves the field asked blank (``reason`` "not stated":
    ``text`` says the form does not state it, rather than a value found elsewhere).
    """

    text: str
    report: QuarterReport
    project: Project
    found: bool = True
    reason: str | None = None
    #: Progress updates of the quarter counted in ``text`` besides the form (a
    #: disbursement as ``/summary`` counts it): the citation names them too.
    updates: int = 0
    #: How many of ``updates`` a manager approved (the others waited for nobody).
    approved_updates: int = 0
    #: The field asked (:func:`detect_field`), for citing the page it is printed on.
    field: str = ""

    @property
    def updates_approved(self) -> bool:
        """Whether the counted updates may be called approved (:func:`all_approved`)."""
        return all_approved(self.updates, self.approved_updates)


def all_approved(updates: int, approved: int) -> bool:
    """Whether ``updates`` counted updates, ``approved`` of them by a manager, are "approved".

    Only when a manager approved each: an update saved where no approval applies
    (``SDGBOT_APPROVAL`` unset, or its project outside the scopes named) was approved by
    nobody, and is called an update alone, never "อนุมัติแล้ว" / "approved".
    """
    return updates > 0 and approved >= updates


def _counted_words(running: ProjectSummary, english: bool) -> str:
    """The updates a figure counts: "approved updates" only as :func:`all_approved` says."""
    approved = all_approved(running.updates, running.approved_updates)
    if english:
        return "approved updates" if approved else "updates"
    return "อัปเดตที่อนุมัติแล้ว" if approved else "อัปเดต"



# A token that names a period, not a project: "2566", "2/2566", "fy2023", "q2".
_PERIOD_TOKEN = re.compile(r"(?:fy|q)?\d+(?:/\d+)?", re.I)
# "ไตรมาสนี้", "this quarter": the fiscal quarter of today.
_THIS_QUARTER = re.compile(r"ไตรมาส(?:นี้|ปัจจุบัน)|\b(?:this|current) quarter\b", re.I)


def impossible_quarter(question: str, *, english: bool = False) -> str | None:
    """What to say when ``question`` names a quarter a fiscal year does not have, or None.

    A fiscal year has quarters 1 to 4 (from 1 October): "ไตรมาส 5/2566" is no period a
    report could cover, and an answer from some other quarter would be a wrong value.
    """
    named = quarter_numbers(question)
    if not named:
        return None
    n = named[0]
    if 1 <= n <= 4:
        return None
    if english:
        return (f"There is no quarter {n}: a fiscal year has quarters 1 to 4 "
                "(Q1 starts on 1 October). Please ask about Q1-Q4.")
    return (f"ไม่มีไตรมาส {n} — ปีงบประมาณมี 4 ไตรมาส (ไตรมาสที่ 1 เริ่ม 1 ตุลาคม) "
            "กรุณาถามไตรมาส 1–4")


def _named_period(question: str) -> tuple[int | None, set[int]]:
    """The quarter and the Buddhist-era (fiscal) years ``question`` names.

    "ไตรมาสนี้" / "this quarter" names today's fiscal quarter (Asia/Bangkok).
    """
    text = to_arabic_digits(question)
    if _THIS_QUARTER.search(text):
        now = parse_quarter(None)
        return now.quarter, {now.fiscal_year}
    quarter = next((n for n in quarter_numbers(text) if 1 <= n <= 4), None)
    if quarter is None:
        # "ไตรมาสหนึ่ง", "ไตรมาสแรก", "ไตรมาสสุดท้าย": a quarter in words.
        quarter = dict(qualifiers_of(text)).get("quarter")
    # "2/2566": a quarter and its fiscal year.
    years = years_in(text) | {int(y) for y in re.findall(r"(?<!\d)[1-4]/(25\d\d)(?!\d)", text)}
    return quarter, years


def _report_for(session: Session, project: Project,
                question: str) -> tuple[QuarterReport | None, bool]:
    """The report the question asks about and whether it names a period none covers.

    A named quarter must be the report's; a named year must be its fiscal year or a
    year the form itself names (a form of quarter 2/2566 may plan the 2567 budget).
    """
    quarter, years = _named_period(question)

    def covers(r: QuarterReport) -> bool:
        if not years or r.fiscal_year in years:
            return True
        text = session.scalar(select(Document.text).where(Document.id == r.document_id))
        return bool(years & years_in(to_arabic_digits(text or "")))

    # A quarter named with a year ("ไตรมาส 2 ปี 2567") is of that fiscal year, whatever
    # years the form itself names.
    reports = [r for r in project.current_reports
               if (quarter is None or r.quarter == quarter)
               and (r.fiscal_year in years if quarter is not None and years else covers(r))]
    if quarter is None and not years:
        return latest_report(project), False
    if not reports:
        return latest_report(project), True
    return max(reports, key=lambda r: (r.fiscal_year or 0, r.quarter or 0, r.id)), False


# (field, pattern). Checked in order; patterns are specific so that "เป้าหมายการพัฒนา
# ที่ยั่งยืน", which nearly every question names, does not look like the SDG field.
_FIELD_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # The target the form sets, not what was paid ("เป้าหมายการเบิกจ่ายเท่าไร").
    ("disbursement_target", re.compile(
        r"เป้า(?:หมาย)?\s*(?:การ|ของการ)?\s*เบิกจ่าย|แผน(?:การ)?เบิกจ่าย|"
        r"\b(?:disbursement|spending)\s+(?:target|plan|goal)|"
        r"\b(?:target|planned)\s+(?:for\s+)?(?:disbursement|to\s+disburse|spending)", re.I)),
    # What was paid out: "ใช้งบไปแล้วเท่าไร", "How much has been spent?" (not the budget).
    ("disbursement", re.compile(r"เบิกจ่าย|disburse|ใช้\s*(?:งบ(?:ประมาณ)?|เงิน)?\s*ไป|"
                                r"\b(?:spent|paid\s+out)\b", re.I)),
    ("levels", re.compile(r"(เป้าหมาย|ผล)การดำเนินงาน.*ระดับ|ระดับ(ความสำเร็จ)?.*(เท่าไ|อะไร|ใด)|"
                          r"(?:ผล(?:การดำเนินงาน)?|ความก้าวหน้า)\S*\s*(?:เป็น|ได้)?\s*"
                          r"(?:อย่างไร|ยังไง|แค่ไหน)|\bhow did\b.*\b(?:perform|go)\b|"
                          r"\b(?:target|result|achieved|performance)\b.*\blevel\b|"
                          r"\blevel\b.*\b(?:achieved|reached|attained|targeted)\b", re.I)),
    # "งบ" is short for งบประมาณ ("ได้งบเท่าไร"); "ปีงบ(ประมาณ)" is the fiscal year.
    ("budget", re.compile(rf"{BUDGET_WORD}(?:ประมาณ)?(?!\s*(?:ประมาณ)?รายจ่ายประจำปี)|\bbudget\b",
                          re.I)),
    ("indicator", re.compile(r"ตัวชี้วัด|\bindicator|\bkpi\b", re.I)),
    ("agency", re.compile(r"หน่วยงาน(ที่)?(รับผิดชอบ|ใด|ไหน|อะไร)|ใครรับผิดชอบ|"
                          r"responsible (agency|unit)|which agency", re.I)),
    ("period", re.compile(r"ห้วง(การ)?รายงาน|ไตรมาส(?:ที่)?\s*(?:ใด|ไหน|อะไร)|"
                          r"ปีงบ(?:ประมาณ)?\s*(?:ใด|ไหน|อะไร)|"
                          r"reporting period|(?:which|what) quarter|quarter does", re.I)),
    ("sdg", re.compile(r"(สอดคล้อง|ตอบ).*(sdgs?|เป้าหมายการพัฒนาที่ยั่งยืน).*(ข้อ|เป้าหมาย)(ใด|ไหน|อะไร)|"
                       r"sdgs?\s*ข้อ(ใด|ไหน)|เป้าหมาย\s*sdgs?\s*(ใด|ไหน|อะไร)|which sdg", re.I)),
    ("national_strategy", re.compile(r"ยุทธศาสตร์ชาติ(?!.*แผนแม่บท)|national strategy", re.I)),
    ("master_plan", re.compile(r"แผนแม่บท|master plan", re.I)),
    ("national_plan_13", re.compile(r"แผนพัฒนาเศรษฐกิจและสังคมแห่งชาติ|แผนพัฒนาฯ|ฉบับที่ 13", re.I)),
    ("cabinet_policy", re.compile(r"นโยบาย(ของ)?คณะรัฐมนตรี|cabinet policy", re.I)),
    ("ministry_strategy", re.compile(r"ยุทธศาสตร์(ตาม)?แผนปฏิบัติราชการ", re.I)),
    # The form's field 8 ("มีปัญหาอะไร", "ปัญหาและอุปสรรค"), not a count of problems
    # solved ("แก้ไขปัญหาความยากจนไปแล้วกี่ปัญหา": the archive's figure).
    ("problems", re.compile(r"(?<!แก้)(?<!แก้ไข)(?<!กี่)(?<!กี่\s)ปัญหา(?!\s*(?:ความ|หนี้|ยา))"
                            r"|อุปสรรค|(?<!many\s)\bproblems?\b(?!\s+(?:solved|fixed))"
                            r"|obstacles?", re.I)),
)

_RESULT_ASKED = re.compile(r"ผลการดำเนินงาน|ผลลัพธ์|ทำได้|ความก้าวหน้า|achieved|result|perform|progress",
                           re.I)
_THIS_PROJECT = re.compile(r"โครงการนี้|this project", re.I)

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
        "project budget indicator agency the of is what which level "
        "ผลการดำเนินงาน เป้าหมายการดำเนินงาน การดำเนินงาน เท่าไหร่ เท่าไร และ คือ อะไร ใด ไหน "
        "ปัญหาและอุปสรรค "
        "was were in for on at did does how much many q1 q2 q3 q4 quarter fiscal year "
        "has have had been be so far spent paid total amount "
        "reporting period report result results actual achieved target targets planned "
        "this project's its performance กี่ ช่วง ล้าน บาท งบ ห้วง ปีงบประมาณ ปีงบ fy นี้ "
        "อย่างไร ยังไง how go perform progress ความก้าวหน้า it in สิ้นสุด เริ่ม "
        "หนึ่ง สอง สาม สี่ แรก สุดท้าย ไตรมาสหนึ่ง ไตรมาสแรก ไตรมาสสุดท้าย "
        "เปอร์เซ็นต์ เปอร์เซนต์ ร้อยละ คิดเป็น สัดส่วน ไป แล้ว percent percentage share "
        "proportion disbursed spent"
    )
)


#: Words of the ministry's and its offices' names: shared by many projects and releases.
_ORGANISATION = set(tokenize("กระทรวงมหาดไทย กระทรวง มหาดไทย มท. สป. ตท.สป. สำนักงานปลัดกระทรวง"
                             "มหาดไทย ปลัดกระทรวงมหาดไทย ministry interior"))


#: A question asking a share, not an amount: "เบิกจ่ายไปกี่เปอร์เซ็นต์ของงบ",
#: "คิดเป็นร้อยละเท่าไรของงบประมาณ", "What percentage of the budget was disbursed?".
_SHARE_ASKED = re.compile(
    r"กี่\s*(?:เปอร์เซ็น|เปอเซ็น|%)|ร้อยละ\s*(?:เท่า(?:ไร|ไหร่|ใด)|กี่|เท่าไหร)"
    r"|คิดเป็น(?:ร้อยละ|เปอร์เซ็น|สัดส่วน)|สัดส่วน(?:การ)?เบิกจ่าย"
    r"|\b(?:what|which)\s+(?:percent(?:age)?|share|proportion|fraction)\b"
    r"|\bhow\s+much\s+of\s+(?:the|its)\s+budget\b|\bpercent(?:age)?\s+of\b",
    re.I)


def detect_field(question: str) -> str | None:
    """The form field a question asks about, or None.

    A share of the budget asked of the money ("เบิกจ่ายไปกี่เปอร์เซ็นต์ของงบ", "ใช้งบไป
    ร้อยละเท่าไร") is ``disbursement_share``: it is answered with a percentage, not baht.
    """
    for name, pattern in _FIELD_PATTERNS:
        if pattern.search(question):
            if name in ("disbursement", "budget") and _SHARE_ASKED.search(question):
                return "disbursement_share"
            return name
    return None


def _match_project(session: Session, question: str) -> Project | None:
    """The project the question names: most of its specific words are in the name.

    "This project" (``โครงการนี้``) is the only one when there is only one.
    """
    # The field's own words ("ผลการเบิกจ่าย", "ห้วงการรายงาน") name no project either.
    q = {t for t in tokenize(question)
         if t not in _GENERIC and t not in FUNCTION_WORDS and len(t) > 1
         and not _PERIOD_TOKEN.fullmatch(t)
         and not any(pattern.search(t) for _, pattern in _FIELD_PATTERNS)}
    projects = session.scalars(
        select(Project).options(
            selectinload(Project.current_reports).selectinload(QuarterReport.alignments)
        )
    ).all()
    # "This project", or a field question naming no project when there is only one.
    if len(projects) == 1 and (_THIS_PROJECT.search(question) or not q):
        return projects[0]
    if not q:
        return None
    best: tuple[float, Project] | None = None
    for p in projects:
        name = set(tokenize(f"{p.name} {p.agency}"))
        # The ministry's or agency's name alone names no project: "กระทรวงมหาดไทยแก้ไข
        # ปัญหาความยากจน…" is the archive's matter, not the form's of a ministry project.
        if not (q & name) - _ORGANISATION - set(tokenize(p.agency)):
            continue
        share = len(q & name) / len(q)
        if best is None or share > best[0]:
            best = (share, p)
    if best is None or best[0] < 0.5:
        return None
    return best[1]


def _money(v: Decimal | None, en: bool, *, millions: bool = True) -> str:
    """``v`` in baht, with its millions after it from 100,000 on (``millions``).

    Formatted as everywhere else (:func:`knowledge.thai.format_baht_millions`): thousands
    separated, at most two decimals ("100,000,889,999.50 บาท (100,000.89 ล้านบาท)").
    """
    if v is None:
        return "not stated" if en else "ไม่ระบุ"
    if not millions:
        return format_baht(v, english=en)
    return format_baht_millions(v, english=en, from_baht=100_000)


def _running_words(r: QuarterReport, en: bool, running: ProjectSummary) -> str:
    """The disbursement as ``/summary`` counts it, and what it is made of.

    The form's figure plus the quarter's counted updates (approved, or saved where no
    approval applies: :func:`counted_updates_words`); a running total an update stated
    ("เบิกจ่ายสะสม") replaces the form's figure and the updates before it.
    """
    def plain(v: Decimal | None) -> str:
        return _money(v, en, millions=False)

    counted = _counted_words(running, en)
    total = _money(running.disbursement_actual_baht, en)
    form = r.disbursement_actual_baht or Decimal(0)
    target = plain(r.disbursement_target_baht)
    if running.cumulative_update_baht is not None:
        after = running.updates_amount_baht
        if en:
            latest = plain(running.cumulative_update_baht)
            made = f"latest cumulative figure of the updates {latest}"
            made += f" + {counted} after it {plain(after)}" if after else ""
            return (f"{total} — actual disbursement in Q{r.quarter} FY{r.fiscal_year} ({made}; "
                    f"not added again to the report form's {plain(form)}; target {target})")
        made = f"ยอดสะสมล่าสุดจากอัปเดต {plain(running.cumulative_update_baht)}"
        made += f" + {counted}หลังจากนั้น {plain(after)}" if after else ""
        return (f"{total} — ผลการเบิกจ่าย ไตรมาส {r.quarter}/{r.fiscal_year} ({made}; "
                f"ไม่บวกซ้ำกับแบบรายงาน {plain(form)}; เป้าหมายการเบิกจ่าย {target})")
    updates = plain(running.updates_amount_baht)
    return (f"{total} — actual disbursement in Q{r.quarter} FY{r.fiscal_year}"
            f" (report form {plain(form)} + {counted} {updates}; target {target})"
            if en else
            f"{total} — ผลการเบิกจ่าย ไตรมาส {r.quarter}/{r.fiscal_year} "
            f"(แบบรายงาน {plain(form)} + {counted} {updates}; "
            f"เป้าหมายการเบิกจ่าย {target})")


def _share_words(r: QuarterReport, p: Project, en: bool,
                 running: ProjectSummary | None) -> str | None:
    """The share of the budget disbursed, as a percentage first: "0.00% — เบิกจ่าย 0 บาท …".

    Computed from the disbursement (as ``/summary`` counts it) and the form's budget;
    without a budget no share can be computed, and the reply says so with the amount.
    """
    paid = running.disbursement_actual_baht if running is not None else r.disbursement_actual_baht
    budget = r.budget_baht if r.budget_baht is not None else (
        running.budget_baht if running is not None else None)
    if paid is None:
        return None
    from knowledge.summary import share_percent

    share = share_percent(paid, budget)
    period = (f"Q{r.quarter} FY{r.fiscal_year}" if en else f"ไตรมาส {r.quarter}/{r.fiscal_year}")
    if share is None:
        return (f"The budget of {p.name} is not stated, so no percentage can be computed "
                f"(disbursed {_money(paid, en)} in {period})." if en else
                f"ไม่ทราบงบประมาณของโครงการ{p.name} จึงคำนวณร้อยละไม่ได้ "
                f"(เบิกจ่าย {_money(paid, en)} ใน{period})")
    pct = format_percent(share)
    return (f"{pct}% of the budget — disbursed {_money(paid, en)} of the budget "
            f"{_money(budget, en)} of {p.name} ({period})" if en else
            f"ร้อยละ {pct} ของงบประมาณ ({pct}%) — เบิกจ่าย {_money(paid, en)} จากงบประมาณ "
            f"{_money(budget, en)} ของโครงการ{p.name} ({period})")


def _word(field: str, r: QuarterReport, p: Project, en: bool, question: str = "",
          running: ProjectSummary | None = None) -> str | None:
    """The field's value first, then what it is ("9,684,500 บาท — งบประมาณโครงการ...").

    ``running``: the project's quarter as ``/summary`` counts it, when the quarter's
    approved updates add to (or, stating a running total, replace) the form's
    disbursement.
    """
    name = p.name
    if field == "budget":
        if r.budget_baht is None:
            return None
        return (f"{_money(r.budget_baht, en)} — budget of {name}" if en
                else f"{_money(r.budget_baht, en)} — งบประมาณโครงการ{name}")
    if field == "indicator":
        if not r.indicator:
            return None
        return (f"{r.indicator} — indicator of {name}" if en
                else f"{r.indicator} — ตัวชี้วัดของโครงการ{name}")
    if field == "agency":
        return (f"{p.agency} — responsible agency for {name}" if en
                else f"{p.agency} — หน่วยงานที่รับผิดชอบโครงการ{name}")
    if field == "period":
        if r.quarter is None:
            return None
        dates = ""
        if r.period_start and r.period_end:
            day = format_english_date if en else format_thai_date
            dates = f" ({day(r.period_start)} – {day(r.period_end)})"
        ce = f" (FY{r.fiscal_year - BE_OFFSET})" if r.fiscal_year else ""
        return (f"Q{r.quarter} — quarter {r.quarter} of fiscal year {r.fiscal_year}{ce}{dates}, "
                f"the reporting period of {name}" if en
                else f"ไตรมาสที่ {r.quarter} ปีงบประมาณ {r.fiscal_year}{dates} — "
                f"ห้วงการรายงานของโครงการ{name}")
    if field == "levels":
        if r.target_level is None and r.result_level is None:
            return None
        result_first = bool(_RESULT_ASKED.search(question)) and r.result_level is not None
        if en:
            target = f"Target level {r.target_level}"
            result = f"achieved level {r.result_level}"
            lead = r.result_level if result_first else r.target_level
            return (f"Level {lead} — " + (f"{result}; {target}" if result_first
                                          else f"{target}; {result}"))
        target = f"เป้าหมายการดำเนินงาน ระดับ {r.target_level}"
        result = f"ผลการดำเนินงาน ระดับ {r.result_level}"
        lead = r.result_level if result_first else r.target_level
        both = f"{result}; {target}" if result_first else f"{target}; {result}"
        return f"ระดับ {lead} — {both}"
    if field == "disbursement_share":
        return _share_words(r, p, en, running)
    if field == "disbursement_target":
        period = (f" in Q{r.quarter} FY{r.fiscal_year}" if en else
                  f" ไตรมาส {r.quarter}/{r.fiscal_year}") if r.quarter else ""
        paid = running.disbursement_actual_baht if running is not None \
            else r.disbursement_actual_baht
        return (f"{_money(r.disbursement_target_baht, en)} — disbursement target{period} "
                f"(actual disbursement {_money(paid, en)})" if en
                else f"{_money(r.disbursement_target_baht, en)} — เป้าหมายการเบิกจ่าย{period} "
                f"(ผลการเบิกจ่าย {_money(paid, en)})")
    if field == "disbursement":
        if running is not None:
            return _running_words(r, en, running)
        return (f"{_money(r.disbursement_actual_baht, en)} — actual disbursement (target "
                f"{_money(r.disbursement_target_baht, en)})" if en
                else f"{_money(r.disbursement_actual_baht, en)} — ผลการเบิกจ่าย "
                f"(เป้าหมายการเบิกจ่าย {_money(r.disbursement_target_baht, en)})")
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
        if code == "6.3":
            # "ฉบับที่เท่าไร": the form's field is the 13th plan's.
            return ("13th National Economic and Social Development Plan — " if en
                    else "ฉบับที่ 13 — แผนพัฒนาเศรษฐกิจและสังคมแห่งชาติ ฉบับที่ 13: ") + "; ".join(
                        a.value for a in values)
        if code == "6.6":
            parts = [f"เป้าหมายที่ {a.sdg_goal}: {a.value}" if a.sdg_goal else a.value
                     for a in values]
            return ("SDG goals: " if en else "สอดคล้องกับ SDGs ") + "; ".join(parts)
        return "; ".join(a.value for a in values)
    return None


#: The form's numeric fields, as the form names them, for "the form does not state it".
_UNSTATED = {
    "budget": ("งบประมาณ", "the budget"),
    "levels": ("เป้าหมายและผลการดำเนินงาน (ระดับ)", "the target and achieved levels"),
    "disbursement": ("ผลการเบิกจ่าย", "the actual disbursement"),
    "disbursement_target": ("เป้าหมายการเบิกจ่าย", "the disbursement target"),
}


def _unstated(field: str, r: QuarterReport, en: bool) -> str | None:
    """What to say when the form leaves ``field`` blank, or None when it states it.

    Only the form's own figures: a figure of the same name in other text (a news
    item's "3 ระดับ") is not the form's, so it is not given in the form's place.
    """
    blank = {
        "budget": r.budget_baht is None,
        "levels": r.target_level is None and r.result_level is None,
        "disbursement": r.disbursement_actual_baht is None,
        "disbursement_share": r.disbursement_actual_baht is None,
        "disbursement_target": r.disbursement_target_baht is None,
    }.get(field, False)
    if not blank:
        return None
    th, english = _UNSTATED["disbursement" if field == "disbursement_share" else field]
    return (f"The report form does not state {english}." if en
            else f"แบบรายงานไม่ได้ระบุ{th}")


def answer_field(session: Session, question: str, *, english: bool = False) -> FieldAnswer | None:
    """Answer from the stored form fields when the question asks for one of a known project."""
    field = detect_field(question)
    if field is None:
        return None
    project = _match_project(session, question)
    if project is None:
        return None
    report, missing = _report_for(session, project, question)
    if report is None:
        return None
    if missing:
        held = ", ".join(f"{'Q' if english else 'ไตรมาส '}{r.quarter}/{r.fiscal_year}"
                         for r in sorted(project.current_reports,
                                         key=lambda r: (r.fiscal_year or 0, r.quarter or 0))
                         if r.quarter)
        if english:
            none = f"There is no report form of {project.name} for that period"
            none += f" (reports held: {held})." if held else "."
        else:
            none = f"ไม่มีแบบรายงานของโครงการ{project.name}ในช่วงที่ถาม"
            none += f" (มีแบบรายงาน {held})" if held else ""
        return FieldAnswer(text=none, report=report, project=project, found=False,
                           reason="period")
    running = (_counted_updates(session, report)
               if field in ("disbursement", "disbursement_share", "disbursement_target")
               else None)
    unstated = _unstated(field, report, english)
    if unstated is not None and (running is None or field == "disbursement_target"):
        return FieldAnswer(text=unstated, report=report, project=project, found=False,
                           reason="not stated")
    text = _word(field, report, project, english, question, running)
    if text is None:
        return None
    return FieldAnswer(text=text, report=report, project=project,
                       updates=running.updates if running is not None else 0,
                       approved_updates=running.approved_updates if running is not None else 0,
                       field=field)


#: The form's sections (:func:`knowledge.parsers.parse_report`) each field is read from.
_FIELD_SECTIONS: dict[str, tuple[str, ...]] = {
    "budget": ("field:budget",),
    "indicator": ("field:indicator",),
    "agency": ("field:agency",),
    "period": ("field:period",),
    "levels": ("field:levels",),
    "disbursement": ("field:disbursement",),
    "disbursement_target": ("field:disbursement",),
    # A share: the disbursement over the budget, both printed on the form.
    "disbursement_share": ("field:disbursement", "field:budget"),
    "problems": ("field:problems",),
    **{name: (f"field:{code}",) for name, code in _ALIGN_FIELD.items()},
}


def field_sections(answer: FieldAnswer) -> tuple[str, ...]:
    """The form's sections ``answer``'s field is read from ("field:budget"), for citing."""
    return _FIELD_SECTIONS.get(answer.field, ())


def field_pages(session: Session, answer: FieldAnswer) -> list[int]:
    """The pages of the form's original that ``answer``'s field is printed on (ascending).

    Empty for a form without pages (a text file, JSON lines) or a field not printed.
    """
    return section_pages(session, answer.report.document_id,
                         _FIELD_SECTIONS.get(answer.field, ()))


def _counted_updates(session: Session, report: QuarterReport) -> ProjectSummary | None:
    """``report``'s project and quarter as ``/summary`` counts it, or None.

    None unless counted updates of that quarter (approved, or saved where no approval
    applies) state money (an amount or a running
    total).
    """
    if report.quarter is None or report.fiscal_year is None:
        return None
    from knowledge.summary import load_summary_data, summarize

    quarter = FiscalQuarter(report.fiscal_year, report.quarter)
    summary = summarize(load_summary_data(session, quarter, [report.project_id]), quarter)
    row = next((p for p in summary.projects if p.id == report.project_id), None)
    if row is None or not (row.updates_amount_baht or row.cumulative_update_baht is not None):
        return None
    return row


@dataclass(frozen=True)
class UpdatesAnswer:
    """A disbursement worded from a quarter's counted updates, where no report form holds it."""

    text: str
    project: Project
    fiscal_year: int
    quarter: int
    updates: int
    approved_updates: int
    #: The document of the quarter's latest counted update (the citation's).
    doc_id: int
    #: That update's day (how current the figure is).
    date: dt.date | None = None

    def label(self, english: bool) -> str:
        """The citation: the counted updates, "approved" only where a manager approved each."""
        approved = all_approved(self.updates, self.approved_updates)
        name = shorten(self.project.name, 90)
        if english:
            return (f"{self.updates} {'approved ' if approved else ''}progress "
                    f"update{'s' if self.updates > 1 else ''} «{name}» "
                    f"Q{self.quarter} FY{self.fiscal_year}")
        return (f"อัปเดตความคืบหน้า{'ที่อนุมัติแล้ว' if approved else ''} {self.updates} รายการ "
                f"«{name}» ไตรมาส {self.quarter}/{self.fiscal_year}")


def answer_from_updates(session: Session, question: str, *,
                        english: bool = False) -> UpdatesAnswer | None:
    """The disbursement of a quarter that only officers' updates report, as ``/summary`` counts it.

    A disbursement question ("เบิกจ่ายไปเท่าไร") of a known project is answered from the
    latest quarter whose counted updates (approved, or saved where no approval applies)
    state money, when that quarter is later than the latest report form's, or from the
    named quarter (or year) when no form holds it.  None otherwise: the form's answer
    (:func:`answer_field`) counts that quarter's updates itself.
    """
    field = detect_field(question)
    if field == "levels":
        return _level_from_updates(session, question, english=english)
    if field != "disbursement":
        return None
    project = _match_project(session, question)
    if project is None:
        return None
    quarter, years = _named_period(question)
    rows = session.execute(
        select(ProgressUpdate.fiscal_year, ProgressUpdate.quarter)
        .where(ProgressUpdate.project_id == project.id, ProgressUpdate.status == "approved",
               ProgressUpdate.amount_baht.is_not(None)).distinct()).all()
    periods = [(int(fy), int(q)) for fy, q in sorted((r[0], r[1]) for r in rows)
               if (quarter is None or q == quarter) and (not years or fy in years)]
    if not periods:
        return None
    fy, q = periods[-1]
    if any(r.fiscal_year == fy and r.quarter == q for r in project.current_reports):
        return None
    latest = latest_report(project)
    if quarter is None and not years and latest is not None and \
            (latest.fiscal_year or 0, latest.quarter or 0) >= (fy, q):
        return None
    from knowledge.summary import load_summary_data, summarize

    period = FiscalQuarter(fy, q)
    summary = summarize(load_summary_data(session, period, [project.id]), period)
    row = next((p for p in summary.projects if p.id == project.id), None)
    if row is None or not row.updates:
        return None
    amount = _money(row.disbursement_actual_baht, english)
    if english:
        text = (f"{amount} — disbursed in Q{q} FY{fy} by {row.updates} progress "
                f"update{'s' if row.updates > 1 else ''} (no report form for that quarter)")
    else:
        text = (f"{amount} — เบิกจ่ายในไตรมาส {q}/{fy} ตามรายงานความคืบหน้า {row.updates} รายการ "
                f"(ไม่มีแบบรายงานของไตรมาสนี้)")
    newest = session.execute(
        select(ProgressUpdate.document_id, Document.date)
        .join(Document, Document.id == ProgressUpdate.document_id)
        .where(ProgressUpdate.project_id == project.id, ProgressUpdate.fiscal_year == fy,
               ProgressUpdate.quarter == q, ProgressUpdate.status == "approved")
        .order_by(ProgressUpdate.created_at.desc(), ProgressUpdate.id.desc()).limit(1)).first()
    if newest is None or newest[0] is None:
        return None
    return UpdatesAnswer(text=text, project=project, fiscal_year=fy, quarter=q,
                         updates=row.updates, approved_updates=row.approved_updates,
                         doc_id=int(newest[0]), date=newest[1])


#: A level question about the target alone ("เป้าหมายการดำเนินงานระดับอะไร"): the form's.
_TARGET_ONLY = re.compile(r"เป้าหมาย(?!การพัฒนา)|\btarget", re.I)


def _level_from_updates(session: Session, question: str, *,
                        english: bool = False) -> UpdatesAnswer | None:
    """The level the latest counted update states, when it is newer than the form's.

    "ผลการดำเนินงานล่าสุดอยู่ระดับอะไร": officers' updates state levels after the last
    report form; the latest stated one answers, with its day and quarter, and the form's
    levels after it.  An update in the same quarter as the form is the later word.  None
    when no counted update (approved, or saved where no approval applies) states a level
    of the period asked, the form's quarter is later, or only the target is asked.
    """
    if _TARGET_ONLY.search(question) and not _RESULT_ASKED.search(question):
        return None
    project = _match_project(session, question)
    if project is None:
        return None
    quarter, years = _named_period(question)
    stmt = (select(ProgressUpdate, Document.date)
            .join(Document, Document.id == ProgressUpdate.document_id)
            .where(ProgressUpdate.project_id == project.id,
                   ProgressUpdate.status == "approved", ProgressUpdate.level.is_not(None)))
    if quarter is not None:
        stmt = stmt.where(ProgressUpdate.quarter == quarter)
    if years:
        stmt = stmt.where(ProgressUpdate.fiscal_year.in_(years))
    row = session.execute(stmt.order_by(ProgressUpdate.created_at.desc(),
                                        ProgressUpdate.id.desc()).limit(1)).first()
    if row is None:
        return None
    u, day = row[0], row[1]
    doc_id = u.document_id
    if doc_id is None:
        return None
    report, missing = _report_for(session, project, question)
    if report is not None and not missing and \
            (report.fiscal_year or 0, report.quarter or 0) > (u.fiscal_year, u.quarter):
        return None
    when = day or u.created_at.date()
    if english:
        text = (f"Level {u.level} — the latest level stated, in a progress update of "
                f"{format_english_date(when)} (Q{u.quarter} FY{u.fiscal_year})")
        if report is not None and not missing and report.quarter:
            text += (f"; the report form of Q{report.quarter} FY{report.fiscal_year} states "
                     f"achieved level {report.result_level}, target level {report.target_level}")
    else:
        text = (f"ระดับ {u.level} — ระดับล่าสุดจากอัปเดตความคืบหน้าวันที่ "
                f"{format_thai_date(when, short=True)} (ไตรมาส {u.quarter}/{u.fiscal_year})")
        if report is not None and not missing and report.quarter:
            text += (f"; แบบรายงานไตรมาส {report.quarter}/{report.fiscal_year} ระบุผลการดำเนินงาน "
                     f"ระดับ {report.result_level} เป้าหมาย ระดับ {report.target_level}")
    return UpdatesAnswer(text=text, project=project, fiscal_year=u.fiscal_year,
                         quarter=u.quarter, updates=1,
                         approved_updates=1 if u.decided_by else 0,
                         doc_id=doc_id, date=when)
