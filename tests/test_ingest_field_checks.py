"""Every ingest path checks its fields' values alike: nothing is stored half-read.

The fault: a ThaiME project record (JSON lines) went through ``record_document``
without the type checks a ``{title, text}`` document gets, and read a budget of
"abc" or a negative one as no budget, a date of "soon" as no date and a fiscal year of
"abc" as none: the record was stored half-read, silently.  Now the same checks
(:mod:`knowledge.readers.fieldtypes`) refuse it with the line and the reason, as other
bad input is refused, and nothing of the file is stored; a workbook row whose date is
no date is refused with its reason, as one whose amount is none already was.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from cli_run import Run

from knowledge.readers.xlsx import read_xlsx


def _record(**changes: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "code_en": "E1-66-000001", "code_th": "E1-66-000001", "org_l1": "กระทรวงมหาดไทย",
        "org_l2": "กรมส่งเสริมการปกครองท้องถิ่น", "fiscal_year": "2566", "fiscal_quarter": "2",
        "name": "โครงการธนาคารขยะชุมชนทดสอบ", "official_letter_date": "2023-01-20",
        "budget_plan": {"budget_sum_all": "1,250,000"},
        "project_area": {"area_list": [{"province": {"name": "เชียงใหม่"}}]},
    }
    for key, value in changes.items():
        if key == "budget":
            record["budget_plan"] = {"budget_sum_all": value}
        else:
            record[key] = value
    return record


#: (change, the field named in the refusal).
BAD = [
    ({"budget": "abc"}, "budget_plan.budget_sum_all"),
    ({"budget": "-5000"}, "budget_plan.budget_sum_all"),
    ({"budget": -5000}, "budget_plan.budget_sum_all"),
    ({"budget": True}, "budget_plan.budget_sum_all"),
    ({"budget": {"amount": 5}}, "budget_plan.budget_sum_all"),
    ({"official_letter_date": "soon"}, "official_letter_date"),
    ({"official_letter_date": "2023-02-30"}, "official_letter_date"),
    ({"official_letter_date": 20230120}, "official_letter_date"),
    ({"fiscal_year": "abc"}, "fiscal_year"),
    ({"fiscal_quarter": "7"}, "fiscal_quarter"),
    ({"name": 42}, "name"),
    ({"org_l2": ["กรม"]}, "org_l2"),
]


def test_a_good_record_is_read_whole(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "records.jsonl"
    path.write_text(json.dumps(_record(), ensure_ascii=False) + "\n", encoding="utf-8")
    res = run(tmp_path / "home", "ingest", str(path), "--json")
    assert res.code == 0 and res.json()["projects_added"] == 1, res.err


@pytest.mark.parametrize(("change", "field"), BAD)
def test_a_record_with_a_bad_value_is_refused_with_its_line_and_reason(
        run: Run, tmp_path: Path, change: dict[str, Any], field: str) -> None:
    path = tmp_path / "records.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n"
                            for r in (_record(), _record(**change))), encoding="utf-8")
    home = tmp_path / "home"
    res = run(home, "ingest", str(path))
    assert res.code == 1 and f"records.jsonl:2: ช่อง {field}" in res.err, res.err
    docs = run(home, "docs", "--json", "--all").json()
    assert not [d for d in docs if d["kind"] == "project"], docs  # nothing half-read kept


def _workbook(rows: list[tuple[Any, ...]]) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(("ชื่อโครงการ", "หน่วยรับงบประมาณ", "วงเงินงบประมาณ", "วันเสนอโครงการ"))
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_a_workbook_row_whose_date_is_no_date_is_refused_with_its_reason() -> None:
    book = read_xlsx(_workbook([
        ("โครงการ ก", "อบจ.เชียงใหม่", 1000, "2023-01-20"),
        ("โครงการ ข", "อบจ.เชียงใหม่", 1000, "เร็ว ๆ นี้"),
        ("โครงการ ค", "อบจ.เชียงใหม่", "abc", "2023-01-20"),
        ("โครงการ ง", "อบจ.เชียงใหม่", 1000, None),
    ]), "book.xlsx")
    assert [r.name for r in book.rows] == ["โครงการ ก", "โครงการ ง"]
    assert sum(book.refused.values()) == 2 and any("date" in why for why in book.refused)
