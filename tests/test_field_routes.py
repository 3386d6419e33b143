"""The report form's fields answer only questions about the form's project and field.

Tester 20: "ปี 65-66 กระทรวงมหาดไทยแก้ไขปัญหาความยากจนไปแล้วกว่ากี่ปัญหา" was answered
"แบบรายงานไม่ได้ระบุปัญหาและอุปสรรค": the word ปัญหา and the ministry's name (which the
bundled form's project name holds) routed an archive question to the form (A3).  And "the
latest level" was read from a 2566 form although officers' updates stated newer levels
(A4b).
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select
from stored_updates import store_update_with_status

from bot.answering import Answerer
from bot.answering.fields import detect_field
from knowledge.models import ProgressUpdate
from knowledge.thai import FiscalQuarter


@pytest.mark.parametrize("question", [
    "ปี 65-66 กระทรวงมหาดไทยแก้ไขปัญหาความยากจนไปแล้วกว่ากี่ปัญหา",
    "กระทรวงมหาดไทยแก้ไขปัญหาความยากจนไปแล้วกี่ปัญหา",
    "กระทรวงมหาดไทยแก้ไขปัญหาความยากจนมีปัญหาอะไรบ้าง",
    # Other fields' words in an archive question about the ministry.
    "งบประมาณของกระทรวงมหาดไทยปี 2567 เท่าไร",
    "กระทรวงมหาดไทยเบิกจ่ายงบประมาณไปแล้วเท่าไร",
    "กระทรวงมหาดไทยได้รับรางวัลระดับอะไร",
])
def test_an_archive_question_with_a_field_word_is_not_the_forms(seed_app: Any,
                                                                 question: str) -> None:
    ans = Answerer(seed_app.db, seed_app.index).ask(question)
    assert ans.debug.get("via") not in ("field", "updates"), ans.point


@pytest.mark.parametrize(("question", "field"), [
    ("โครงการขับเคลื่อน SDGs มีปัญหาและอุปสรรคอะไร", "problems"),
    ("โครงการขับเคลื่อน SDGs ได้งบประมาณเท่าไร", "budget"),
    ("What problems did the SDGs project face?", "problems"),
])
def test_a_field_question_of_the_project_is_still_the_forms(seed_app: Any, question: str,
                                                            field: str) -> None:
    assert detect_field(question) == field
    ans = Answerer(seed_app.db, seed_app.index).ask(question)
    assert ans.debug.get("via") == "field", ans.point


def _level_update(app: Any, level: int, message_id: str) -> None:
    uid, _ = store_update_with_status(app, f"ผลการดำเนินงานระดับ {level}", "approved",
                                      message_id=message_id, quarter=FiscalQuarter(2570, 1))
    with app.db.write() as s:
        row = s.get(ProgressUpdate, uid)
        assert row is not None
        row.level = level


def test_the_latest_level_stated_by_an_update_wins_over_an_older_form(make_app: Any) -> None:
    app = make_app()
    _level_update(app, 4, "l1")
    _level_update(app, 2, "l2")
    app.index.sync()
    with app.db.read() as s:
        assert len(s.scalars(select(ProgressUpdate.id)).all()) == 2
    ans = Answerer(app.db, app.index).ask(
        "ผลการดำเนินงานล่าสุดของโครงการขับเคลื่อน SDGs อยู่ระดับอะไร")
    assert ans.found and ans.point.startswith("ระดับ 2"), ans.point
    assert "1/2570" in ans.point and "แบบรายงานไตรมาส 2/2566" in ans.point
    assert ans.sources and ans.sources[0].kind == "update"
    # The target is the form's to state; a quarter the form covers is the form's.
    target = Answerer(app.db, app.index).ask(
        "เป้าหมายการดำเนินงานของโครงการขับเคลื่อน SDGs อยู่ระดับอะไร")
    assert target.debug.get("via") == "field", target.point
    form = Answerer(app.db, app.index).ask(
        "ผลการดำเนินงานไตรมาส 2/2566 ของโครงการขับเคลื่อน SDGs อยู่ระดับอะไร")
    assert form.debug.get("via") == "field", form.point
