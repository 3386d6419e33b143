"""A field no document states is shown as "ไม่ระบุ", never as Python's ``None``."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.project_view import projects_text
from bot.unknown import UNKNOWN
from bot.uploads import _report_lines
from knowledge.models import QuarterReport
from knowledge.parsers import ParsedDocument, ParsedReport


def test_projects_after_the_report_form_is_removed(run: Callable[..., Any],
                                                   tmp_path: Path) -> None:
    """The tester's case: removing the form left project 1 without its fields."""
    home = tmp_path / "home"
    assert run(home, "remove", "2").code == 0
    out = run(home, "projects").out
    assert "None" not in out
    assert f"ไตรมาส {UNKNOWN}" in out


@pytest.mark.parametrize("english", [False, True])
def test_views_of_a_project_with_no_fields(make_app: Callable[..., Any], english: bool) -> None:
    app = make_app()
    with app.db.write() as s:  # a form that states neither its fiscal year nor its quarter
        for r in s.scalars(select(QuarterReport)):
            r.fiscal_year = None
            r.target_level = None
    with app.db.read() as s:
        assert s.scalars(select(QuarterReport)).first() is not None
    text = projects_text(app.db, "SDGs", english=english)
    assert "None" not in text and "[1]" in text


@pytest.mark.parametrize("english", [False, True])
def test_upload_lines_of_a_form_with_missing_fields(english: bool) -> None:
    report = ParsedReport(agency="ตท.สป.", name="โครงการ", indicator=None, budget_baht=None,
                          fiscal_year=None, quarter=2, period_start=None, period_end=None,
                          alignments=(), results_text=None, target_value=None,
                          target_level=None, result_value=None, result_level=3,
                          disbursement_target_baht=None, disbursement_actual_baht=None,
                          problems=None)
    doc = ParsedDocument(kind="report", title="t", date=dt.date(2023, 3, 31), text="t",
                         sections=(), report=report)
    lines = "\n".join(_report_lines(doc, english))
    assert "None" not in lines and "level 3" in lines.replace("ระดับ 3", "level 3")
    doc = dataclasses.replace(doc, report=dataclasses.replace(report, quarter=None))
    assert "None" not in "\n".join(_report_lines(doc, english))
