"""``/summary QUARTER FILTER`` filters the report forms' projects too, reads English
province names, and suggests the nearest name for a slip.

tester20 C3: ``/summary 2/2566 ตท.สป.`` (the agency of the only report form) said there
was no project list to filter by and gave no summary; ``/summary 2/2566 จังหวัดกระบี่``
listed the ministry-wide form's project under Krabi.  C4: ``/summary 2/2566 krabi`` was
not read though ``/projects trang`` is, and ``จังหวัดกระบี`` got no suggestion.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from field_harness import Chat, Clock

NOW = dt.datetime(2023, 4, 20, 3, 0, tzinfo=dt.UTC)  # 3/2566 in Bangkok
MANAGER = "telegram:5601"
FORM_PROJECT = "การขับเคลื่อนเป้าหมายการพัฒนาที่ยั่งยืน (SDGs) กระทรวงมหาดไทย"


def _workbook() -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["ชื่อโครงการ", "วงเงินงบประมาณ (บาท)", "หน่วยรับงบประมาณ", "จังหวัด",
               "วันเสนอโครงการ"])
    ws.append(["ก่อสร้างถนนสายที่ 1", 1_000_000, "องค์การบริหารส่วนจังหวัดกระบี่", "กระบี่",
               dt.datetime(2023, 2, 1)])
    ws.append(["ขุดลอกคลอง", 500_000, "องค์การบริหารส่วนจังหวัดตรัง", "ตรัง",
               dt.datetime(2023, 2, 1)])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _chat(make_app: Callable[..., Any], tmp_path: Path, lists: bool) -> Chat:
    app = make_app()
    if lists:
        from bot.documents import ingest_paths

        path = tmp_path / "projects.xlsx"
        path.write_bytes(_workbook())
        ingest_paths(app.db, app.index, [path])
    chat = Chat(app, Clock(NOW))
    chat.register(MANAGER, "manager")
    return chat


@pytest.mark.parametrize("lists", [False, True], ids=["forms-only", "with-lists"])
def test_a_report_forms_agency_filters_the_summary(make_app: Callable[..., Any],
                                                   tmp_path: Path, lists: bool) -> None:
    chat = _chat(make_app, tmp_path, lists)
    reply = chat.say(MANAGER, "/summary 2/2566 ตท.สป.")
    assert "ยังไม่มีบัญชี" not in reply and "ไม่พบหน่วยงาน" not in reply, reply
    if lists:  # the lists name no such agency: said so, their totals not shown under it
        assert "บัญชีโครงการไม่มีโครงการของ “ตท.สป.”" in reply, reply
    assert FORM_PROJECT in reply, reply


def test_a_province_filter_leaves_out_a_ministry_wide_form(make_app: Callable[..., Any],
                                                          tmp_path: Path) -> None:
    chat = _chat(make_app, tmp_path, lists=True)
    assert FORM_PROJECT in chat.say(MANAGER, "/summary 2/2566")
    reply = chat.say(MANAGER, "/summary 2/2566 จังหวัดกระบี่")
    assert FORM_PROJECT not in reply and "กระบี่" in reply, reply


@pytest.mark.parametrize("typed", ["krabi", "Krabi province", "KRABI"])
def test_an_english_province_name_filters_as_in_projects(make_app: Callable[..., Any],
                                                         tmp_path: Path, typed: str) -> None:
    chat = _chat(make_app, tmp_path, lists=True)
    reply = chat.say(MANAGER, f"/summary 2/2566 {typed}")
    assert "No agency or province" not in reply and "ไม่พบหน่วยงาน" not in reply, reply
    assert "กระบี่" in reply and "ตรัง" not in reply, reply
    # The narrowing is named as it was read, not as typed.
    assert "“จังหวัดกระบี่”" in reply and f"“{typed}”" not in reply, reply


def test_a_slip_gets_the_nearest_name(make_app: Callable[..., Any], tmp_path: Path) -> None:
    chat = _chat(make_app, tmp_path, lists=True)
    reply = chat.say(MANAGER, "/summary 2/2566 จังหวัดกระบี")
    assert "หมายถึง “จังหวัดกระบี่” หรือไม่" in reply, reply
    nothing = chat.say(MANAGER, "/summary 2/2566 ดาวอังคาร")
    assert "ไม่พบหน่วยงานหรือจังหวัด" in nothing and "หมายถึง" not in nothing, nothing


def test_an_english_slip_and_bangkok_without_its_dot(make_app: Callable[..., Any],
                                                      tmp_path: Path) -> None:
    chat = _chat(make_app, tmp_path, lists=True)
    assert "“จังหวัดกระบี่”" in chat.say(MANAGER, "/summary 2/2566 krabii")  # the nearest
    bangkok = chat.say(MANAGER, "/summary 2/2566 กทม")  # read as users and list rows read it
    assert "ไม่พบหน่วยงาน" not in bangkok and "“กรุงเทพมหานคร”" in bangkok, bangkok
