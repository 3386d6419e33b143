"""A target, plan or expected figure in an update is never stored as what was achieved.

The fault: ``/update 1 เป้าหมายร้อยละ 80`` was saved as progress 80 %, ``เป้าหมายระดับ 5``
as performance level 5: the money reader judged each amount by its cue words (a target,
plan, budget or remainder is no disbursement), but the percent, level, count and quarter
readers used no cue at all.  Every figure of an update is now judged the same way
(:mod:`knowledge.figure_roles`): a target, plan, expectation or deadline is not read as
achieved, a figure whose role cannot be told is asked about (nothing saved), and what
was achieved is still read.  The one-line ``/update``, the guided update and ``/edit``
share the reader.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from field_harness import Chat, Clock, text_of

from bot.approvals import ApprovalPolicy
from bot.core import Core
from knowledge.models import ProgressUpdate
from knowledge.thai import FiscalQuarter, extract_update_fields

NOW = dt.datetime(2023, 2, 15, 3, 0, tzinfo=dt.UTC)  # 2/2566 in Bangkok
OFFICER = "telegram:5403"

#: A target, plan or expected figure alone, Thai and English: no field reads it.
TARGETS = [
    "เป้าหมายร้อยละ 80", "ตั้งเป้าร้อยละ 80", "คาดว่าจะแล้วเสร็จร้อยละ 80",
    "วางแผนให้ได้ร้อยละ 90", "แผนงานร้อยละ 75", "จะดำเนินการให้ได้ 80%",
    "เป้าหมายการเบิกจ่ายร้อยละ 80",
    "เป้าหมายระดับ 5", "ตั้งเป้าไว้ที่ระดับ 5", "คาดว่าจะอยู่ในระดับ 4", "กำหนดระดับ 5",
    "ตั้งเป้าอบรม 100 คน", "เป้าหมาย 120 ครัวเรือน", "วางแผนติดตั้ง 12 แห่ง",
    "จะลงพื้นที่ 5 หมู่บ้าน",
    "target 80%", "80% target", "a target of 80 percent", "expected to reach 80%",
    "planned completion 75%", "goal: 90%",
    "target level 5", "level 5 is the goal", "expected level 4", "aiming for level 5",
    "planned 100 households", "target 120 people", "we will train 50 farmers",
    "expected to reach 30 villages",
]
#: What was achieved, in every form: still read.
ACHIEVED = [
    ("ดำเนินการแล้วร้อยละ 60", None, Decimal(60), None),
    ("ผลการดำเนินงานระดับ 4", 4, None, None),
    ("ความก้าวหน้า 40%", None, Decimal(40), None),
    ("ทำได้ร้อยละ 60 ของเป้าหมาย", None, Decimal(60), None),
    ("ดำเนินการได้ตามเป้าหมาย ร้อยละ 100", None, Decimal(100), None),
    ("ปัจจุบันอยู่ในระดับ 3", 3, None, None),
    ("อบรมกลุ่มเป้าหมาย 30 คน", None, None, 30),
    ("อบรมแล้ว 30 คน ตามแผน", None, None, 30),
    ("achieved 60%", None, Decimal(60), None),
    ("completed 45 percent, level 3", 3, Decimal(45), None),
    ("trained 30 farmers as planned", None, None, 30),
]
#: A target and what was achieved in one text: the achieved one is read, the other kept
#: apart (never a question of "two values").
BOTH = [
    ("เป้าหมายร้อยละ 80 ทำได้แล้วร้อยละ 60", "percent", Decimal(60)),
    ("ทำได้ร้อยละ 60 จากเป้าหมายร้อยละ 80", "percent", Decimal(60)),
    ("ร้อยละ 60 เป้าหมายร้อยละ 80", "percent", Decimal(60)),
    ("เป้าหมายระดับ 5 ผลการดำเนินงานระดับ 4", "level", 4),
    ("ตั้งเป้าระดับ 5 ปัจจุบันระดับ 3", "level", 3),
    ("เป้าหมาย 100 คน อบรมแล้ว 30 คน", "count", 30),
    ("achieved 60% against a target of 80%", "percent", Decimal(60)),
    ("target 80%, achieved 60%", "percent", Decimal(60)),
    ("completed 60%, target 80%", "percent", Decimal(60)),
    ("target level 5, achieved level 3", "level", 3),
    ("planned 100 households, reached 30 households", "count", 30),
]
#: A figure whose role cannot be told: after a done word and before a target word, or
#: joined to a target by "และ" and words that are no cue.
UNCLEAR = [
    ("ทำได้ร้อยละ 80 (เป้าหมาย)", "ร้อยละ 80"),
    ("เป้าหมายระดับ 5 และประเมินระดับ 4", "ระดับ 4"),
    ("achieved 80% target", "80%"),
]


@pytest.mark.parametrize("text", TARGETS)
def test_a_target_or_plan_is_read_as_no_achieved_figure(text: str) -> None:
    fields = extract_update_fields(text)
    assert (fields.percent, fields.level, fields.count) == (None, None, None), text
    assert fields.percents == () and fields.levels == ()
    assert fields.planned, text  # kept apart, as written
    assert fields.unread == (), text  # a target's "ร้อยละ 80" is no unreadable percentage


@pytest.mark.parametrize(("text", "level", "percent", "count"), ACHIEVED)
def test_what_was_achieved_is_still_read(text: str, level: int | None,
                                         percent: Decimal | None, count: int | None) -> None:
    fields = extract_update_fields(text)
    assert (fields.level, fields.percent, fields.count) == (level, percent, count), text
    assert fields.planned == () and fields.unclear_figures == ()


@pytest.mark.parametrize(("text", "field", "value"), BOTH)
def test_a_target_beside_the_achieved_figure_is_not_a_second_value(
        text: str, field: str, value: object) -> None:
    fields = extract_update_fields(text)
    assert getattr(fields, field) == value, fields
    assert len(fields.percents) <= 1 and len(fields.levels) <= 1
    assert fields.planned and fields.unclear_figures == ()


@pytest.mark.parametrize(("text", "said"), UNCLEAR)
def test_a_figure_of_unclear_role_is_no_field(text: str, said: str) -> None:
    fields = extract_update_fields(text)
    assert (fields.percent, fields.level) == (None, None), fields
    assert fields.unclear_figures == (said,)


@pytest.mark.parametrize("text", ["คาดว่าจะเบิกจ่าย 200,000 บาท", "จะเบิกจ่าย 5 หมื่นบาท",
                                  "ตั้งเป้าใช้จ่าย 300,000 บาท",
                                  "expected to disburse 200,000 baht",
                                  "200,000 baht planned"])
def test_an_expected_disbursement_is_no_disbursement(text: str) -> None:
    fields = extract_update_fields(text)
    assert fields.amount_baht is None and fields.amounts == (), fields
    assert fields.unread == ()


@pytest.mark.parametrize(("text", "quarter", "number"), [
    ("คาดว่าจะแล้วเสร็จไตรมาส 4/2566", None, None),
    ("ภายในไตรมาส 3 ดำเนินการแล้วร้อยละ 40", None, None),
    ("expected to be completed by Q4 2566", None, None),
    ("ไตรมาส 1/2566 ดำเนินการแล้ว กำหนดแล้วเสร็จไตรมาส 4/2566", FiscalQuarter(2566, 1), None),
])
def test_a_deadline_quarter_is_not_the_quarter_reported(
        text: str, quarter: FiscalQuarter | None, number: int | None) -> None:
    fields = extract_update_fields(text)
    assert (fields.quarter, fields.quarter_number, fields.quarter_error) == (quarter, number,
                                                                            None), fields
    assert fields.quarters == (() if quarter is None else (quarter,))


# -------------------------------------------------------------------------- in the chat


@pytest.fixture
def chat(make_app: Callable[..., Any]) -> Chat:
    return Chat.with_users(make_app(), Clock(NOW), {OFFICER: "officer"})


@pytest.mark.parametrize(("text", "english"), [("เป้าหมายร้อยละ 80", False),
                                               ("เป้าหมายระดับ 5", False),
                                               ("ตั้งเป้าอบรม 100 คน", False),
                                               ("target level 5, target 80%", True)])
def test_a_target_alone_is_saved_as_a_note_that_says_so(chat: Chat, text: str,
                                                        english: bool) -> None:
    reply = chat.say(OFFICER, f"/update 1 {text}")
    [row] = chat.updates()
    assert (row.percent, row.level, row.amount_baht) == (None, None, None), reply
    if english:
        assert "read as a target or plan, not as achieved" in reply, reply
    else:
        assert "อ่านเป็นเป้าหมาย/แผน ไม่ใช่ผลที่ทำได้" in reply, reply
        assert "ระดับ: 5" not in reply and "ร้อยละ: 80" not in reply


def test_the_achieved_figure_beside_a_target_is_saved(chat: Chat) -> None:
    reply = chat.say(OFFICER, "/update 1 เป้าหมายร้อยละ 80 ทำได้แล้วร้อยละ 60 "
                              "เป้าหมายระดับ 5 ผลการดำเนินงานระดับ 4")
    [row] = chat.updates()
    assert (row.percent, row.level) == (Decimal(60), 4), reply
    assert "ค่าใดถูกต้อง" not in reply


def test_a_deadline_quarter_files_the_update_in_the_current_quarter(chat: Chat) -> None:
    # 4/2566 has not begun on 15 February 2023: read as the quarter reported, the update
    # was refused; it is the deadline, and the progress is this quarter's.
    reply = chat.say(OFFICER, "/update 1 ดำเนินการแล้วร้อยละ 60 คาดว่าจะแล้วเสร็จไตรมาส 4/2566")
    [row] = chat.updates()
    assert (row.fiscal_year, row.quarter, row.percent) == (2566, 2, Decimal(60)), reply


@pytest.mark.parametrize(("text", "said"), UNCLEAR)
def test_an_unclear_figure_is_asked_about_nothing_saved(chat: Chat, text: str,
                                                        said: str) -> None:
    reply = chat.say(OFFICER, f"/update 1 {text}")
    assert f"“{said}”" in reply and ("ยังไม่ได้บันทึก" in reply or "Not saved" in reply), reply
    if text.isascii():
        assert "not clear" in reply and "ไม่ชัดเจน" not in reply, reply
    else:
        assert "ไม่ชัดเจน" in reply and "เป้าหมาย/แผน" in reply, reply
    chat.nothing_stored()


def test_the_guided_update_reads_roles_the_same_way(chat: Chat) -> None:
    chat.send(OFFICER, "/update 1")
    reply = chat.say(OFFICER, "ทำได้ร้อยละ 80 (เป้าหมาย)")
    assert "ไม่ชัดเจน" in reply and "ขั้นที่ 3/3" not in reply, reply
    chat.nothing_stored()
    confirm = chat.send(OFFICER, "เป้าหมายร้อยละ 80 ทำได้แล้วร้อยละ 60")
    shown = text_of(confirm)
    assert "ร้อยละ: 60" in shown and "ร้อยละ: 80" not in shown, shown
    chat.press(OFFICER, confirm, "บันทึก")
    [row] = chat.updates()
    assert row.percent == Decimal(60)


def test_edit_reads_roles_the_same_way(make_app: Callable[..., Any]) -> None:
    app = make_app()
    core = Core(app.db, app.index, clock=Clock(NOW), approval=ApprovalPolicy.parse("all"))
    chat = Chat(app, core.clock, core)  # type: ignore[arg-type]
    chat.register(OFFICER, "officer")
    chat.say(OFFICER, "/update 1 ดำเนินการแล้วร้อยละ 40 ระดับ 3")
    [row] = chat.updates()
    reply = chat.say(OFFICER, f"/edit {row.id} ดำเนินการแล้วร้อยละ 40 เป้าหมายระดับ 5")
    [edited] = chat.updates()
    assert (edited.percent, edited.level) == (Decimal(40), None), reply
    asked = chat.say(OFFICER, f"/edit {row.id} target level 5 and assessed level 4")
    assert "not clear" in asked and "“level 4”" in asked, asked
    assert chat.count(ProgressUpdate, ProgressUpdate.level.is_not(None)) == 0
