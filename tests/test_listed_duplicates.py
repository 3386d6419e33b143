"""Rows of the project lists alike in name, agency, province and budget (tester18's item
22): the same row again is counted once and the chat says so; a row submitted on another
day is another project, never merged (knowledge/library.py, bot/structured.py)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl

from bot.structured import answer_structured
from knowledge.project_queries import Filters, merged_rows, totals

_ROW = ["ก่อสร้างถนนคอนกรีตเสริมเหล็ก", 495_000, "องค์การบริหารส่วนจังหวัดเชียงใหม่",
        "กระทรวงมหาดไทย", "เชียงใหม่"]


def _workbook() -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["ชื่อโครงการ", "วงเงินงบประมาณ (บาท)", "หน่วยรับงบประมาณ", "กระทรวง", "จังหวัด",
               "วันเสนอโครงการ"])
    ws.append([*_ROW, dt.datetime(1963, 7, 30)])
    ws.append([*_ROW, dt.datetime(1963, 7, 30)])  # the same row again: merged
    ws.append([*_ROW, dt.datetime(1964, 5, 29)])  # submitted a year later: another project
    ws.append([*_ROW, dt.datetime(1964, 5, 29)])  # ... listed twice too
    ws.append(["ขุดลอกคลอง", 100_000, "จังหวัดตรัง", "กระทรวงมหาดไทย", "ตรัง",
               dt.datetime(1963, 7, 1)])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_rows_submitted_apart_are_two_projects_and_copies_are_told(
        make_app: Callable[..., Any], db_url: str, tmp_path: Path) -> None:
    from bot.documents import ingest_paths

    app = make_app(db_url)
    path = tmp_path / "projects.xlsx"
    path.write_bytes(_workbook())
    changes = ingest_paths(app.db, app.index, [path]).result.changes
    assert (changes.projects_added, changes.projects_duplicate) == (3, 2)
    with app.db.read() as s:
        assert totals(s, Filters(province="เชียงใหม่"))[0] == 2
        assert merged_rows(s, Filters(province="เชียงใหม่")) == 2
        assert merged_rows(s, Filters(province="ตรัง")) == 0
    ans = answer_structured(app.db, "จังหวัดเชียงใหม่มีโครงการกี่โครงการ")
    assert ans is not None and ans.text.startswith("จังหวัดเชียงใหม่ มี 2 โครงการ"), ans
    assert "ซ้ำกับแถวอื่นทุกช่อง 2 แถว" in ans.text
    en = answer_structured(app.db, "How many projects does Chiang Mai province have?")
    assert en is not None and "2 rows of the lists repeating another row" in en.text, en
    # No note where nothing was merged.
    trang = answer_structured(app.db, "จังหวัดตรังมีโครงการกี่โครงการ")
    assert trang is not None and "ซ้ำ" not in trang.text
