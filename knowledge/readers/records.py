"""Project records of NESDC's ThaiME system (JSON lines) as project documents.

A record holds a project's ministry and department, name, area, budget items,
indicators, expected results and monthly spending plan.  It becomes one document
(kind ``project``) whose sections say those things in Thai, and one project row.
"""

from __future__ import annotations

import re
from typing import Any

from knowledge.agencies import province_name
from knowledge.parsers import DocumentError, ParsedDocument, ParsedProjectRow, Section
from knowledge.readers.fieldtypes import (
    check_strings,
    read_budget,
    read_iso_date,
    read_whole_number,
)
from knowledge.thai import (
    MAX_FISCAL_YEAR_BE,
    MIN_FISCAL_YEAR_BE,
    clean_control_chars,
    format_baht,
    normalize_text,
)

__all__ = ["is_project_record", "record_document"]

_MARKERS = ("code_en", "org_l1", "org_l2", "budget_plan", "project_area")


def is_project_record(obj: object) -> bool:
    """Whether a JSON line is a ThaiME project record (not a ``{title, text}`` document)."""
    return isinstance(obj, dict) and "text" not in obj and sum(k in obj for k in _MARKERS) >= 3


def _s(value: object) -> str | None:
    if value is None:
        return None
    text = normalize_text(clean_control_chars(str(value)))
    return re.sub(r"\s+", " ", text).strip() or None


#: The record's fields that hold text, checked as such (a number or an object is refused).
_STRING_FIELDS = ("name", "org_l1", "org_l2", "code_th", "code_en", "subplan",
                  "project_achievement", "project_scope", "project_settlement_effect",
                  "project_risk")


def _get(obj: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(obj, dict):
            return None
        obj = obj.get(key)
    return obj


def record_document(obj: dict[str, Any], where: str) -> ParsedDocument:
    """The document and project row of one record; :class:`DocumentError` when unusable.

    Unusable: no name or agency, or a value of the wrong kind (see
    :mod:`knowledge.readers.fieldtypes`): a text field that is no text, a budget that is
    no non-negative amount, a fiscal year or quarter that is none, a date that is none.
    """
    # Every value is checked before any is used: a record with a budget of "abc", a
    # negative one, or a date that is no date is refused whole, never stored half-read.
    check_strings(obj, _STRING_FIELDS, where)
    budget = read_budget(_get(obj, "budget_plan", "budget_sum_all"),
                         "budget_plan.budget_sum_all", where)
    fiscal_year = read_whole_number(obj.get("fiscal_year"), "fiscal_year", where,
                                    MIN_FISCAL_YEAR_BE, MAX_FISCAL_YEAR_BE)
    quarter = read_whole_number(obj.get("fiscal_quarter"), "fiscal_quarter", where, 1, 4)
    submitted = read_iso_date(obj.get("official_letter_date"), "official_letter_date", where)
    name = _s(obj.get("name")) or _s(_get(obj, "gf", "OUTPUT_NAME"))
    agency = _s(obj.get("org_l2")) or _s(_get(obj, "project_owner", "org_l2"))
    if not name or not agency:
        raise DocumentError(
            f"{where}: ระเบียนโครงการไม่มีชื่อหรือหน่วยงาน (record without name or agency)"
        )
    ministry = _s(obj.get("org_l1"))
    areas = _get(obj, "project_area", "area_list") or []
    provinces = [
        p for p in (province_name(_s(_get(a, "province", "name")) or "")
                    for a in areas if isinstance(a, dict)) if p
    ]
    code = _s(obj.get("code_th")) or _s(obj.get("code_en"))

    sections = [Section("field:name", f"ชื่อโครงการ: {name} (หน่วยงาน {agency})")]
    if ministry:
        sections.append(Section("field:agency", f"หน่วยงานเจ้าของโครงการ{name}: {agency} {ministry}"))
    if provinces:
        area = ", ".join(provinces)
        sections.append(Section("field:area", f"พื้นที่ดำเนินโครงการ{name}: จังหวัด{area}"))
    if budget is not None:
        sections.append(Section("field:budget", f"งบประมาณโครงการ{name}: {format_baht(budget)}"))
    for item in _get(obj, "project_expected_results", "product", "items") or []:
        if isinstance(item, dict) and item.get("title"):
            value = " ".join(str(item.get(k) or "") for k in ("indicator", "value", "unit")).strip()
            title = _s(item["title"])
            sections.append(Section("indicator", f"ผลผลิตของโครงการ{name}: {title} {value}"))
    for key, label in (
        ("project_achievement", "ผลสัมฤทธิ์ที่คาดว่าจะได้รับ"),
        ("project_scope", "ขอบเขตการดำเนินงาน"),
        ("project_settlement_effect", "ผลกระทบ"),
        ("project_risk", "ความเสี่ยง"),
    ):
        text = _s(obj.get(key))
        if text:
            sections.append(Section(key, f"{label}ของโครงการ{name}: {text}"))
    text = "\n".join(s.text for s in sections)
    row = ParsedProjectRow(
        name=name,
        agency=agency,
        ministry=ministry,
        province=provinces[0] if len(provinces) == 1 else (", ".join(provinces) or None),
        budget_baht=budget,
        fiscal_year=fiscal_year,
        quarter=quarter,
        submitted_on=submitted,
        plan=_s(obj.get("subplan")),
        code=code[:64] if code else None,
        where=where[-160:],
    )
    return ParsedDocument(
        kind="project",
        title=name,
        date=submitted,
        text=text,
        sections=tuple(sections),
        source=code,
        projects=(row,),
    )
