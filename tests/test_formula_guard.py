"""The spreadsheet-formula guard refuses formulas, not telephone numbers.

"+66 81 234 5678" starts with "+" but is no formula; "+A1", "+SUM(" and "+5*3" are.
Every place the guard applies (``/update`` in one line, the guided update, ``/edit``)
decides alike, and the workbook export still never lets such text become a formula.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Callable
from typing import Any

import openpyxl
import pytest
from field_harness import Chat, Clock, text_of
from stored_updates import QUARTER, store_update_with_status

from bot.conversation.drafts import unusable_reason
from bot.summary_view import load_summary, write_xlsx

NOW = dt.datetime(2023, 2, 15, 3, 0, tzinfo=dt.UTC)
OFFICER = "telegram:7301"
PHONES = ["+66 81 234 5678 ประสานงานอบรมเกษตรกร 20 คน",
          "+6621234567 ติดต่อผู้ประสานงาน อบรม 20 คน",
          "+66-2-123-4567 call the coordinator, trained 20 farmers",
          "+(66) 81 234 5678 อบรม 20 คน", "@ศาลากลางจังหวัด อบรมเกษตรกร 20 คน"]
FORMULAS = ["+A1", "+A1*2 อบรม", "+SUM(A1:A3)", "+ sum(1) อบรม", "+5*3 อบรม",
            "+cmd|' /C calc'!A0", "+66|' /C calc'!A0", "+$B$2 อบรม", "+(A1) อบรม",
            "@SUM(A1:A3)", "@cmd อบรม", "=1+1", "-2+3 อบรม"]


@pytest.mark.parametrize("text", PHONES)
def test_a_phone_number_is_no_formula(text: str) -> None:
    assert unusable_reason(text) is None
    assert unusable_reason(text, english=True) is None


@pytest.mark.parametrize("text", FORMULAS)
def test_plus_before_a_cell_or_function_stays_refused(text: str) -> None:
    assert "สูตรของสเปรดชีต" in (unusable_reason(text) or "")
    assert "formula" in (unusable_reason(text, english=True) or "")


def test_every_place_reads_a_phone_alike(make_app: Callable[..., Any]) -> None:
    chat = Chat.with_approvals(make_app(), Clock(NOW), {OFFICER: "officer"})
    saved = chat.say(OFFICER, f"/update 1 {PHONES[0]}")
    assert "สูตร" not in saved and "บันทึก" in saved, saved
    assert [u.text for u in chat.updates()] == [PHONES[0]]
    uid = chat.updates()[0].id
    edited = chat.say(OFFICER, f"/edit {uid} {PHONES[1]}")
    assert "✏️" in edited and "formula" not in edited, edited
    assert chat.updates()[0].text == PHONES[1]
    refused = chat.say(OFFICER, f"/edit {uid} +SUM(A1:A3)")
    assert "สูตรของสเปรดชีต" in refused and chat.updates()[0].text == PHONES[1]
    chat.clock.advance(hours=1)
    chat.send(OFFICER, "/update 1")
    confirm = chat.send(OFFICER, PHONES[2])
    assert "formula" not in text_of(confirm) and "สูตร" not in text_of(confirm)
    chat.press(OFFICER, confirm, "✅")
    assert chat.updates()[-1].text == PHONES[2]
    chat.send(OFFICER, "/update 1")
    assert "formula" in chat.say(OFFICER, "+A1*2 trained farmers")


def test_the_workbook_keeps_a_phone_as_text(make_app: Callable[..., Any]) -> None:
    app = make_app()
    for i, text in enumerate([*PHONES, "+SUM(A1:A3)"]):
        store_update_with_status(app, text, "approved", message_id=f"m{i}")
    path = app.settings.home / "s.xlsx"
    write_xlsx(load_summary(app.db, QUARTER), path)
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in z.read(name) and b"<f " not in z.read(name)
    ws = openpyxl.load_workbook(path)["updates"]
    cells = [c for row in ws.iter_rows(min_row=3) for c in row
             if isinstance(c.value, str) and c.value.startswith(("+", "@"))]
    assert {c.value for c in cells} >= {*PHONES, "+SUM(A1:A3)"}
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)


#: A formula after a line break of any kind, or behind a full-width look-alike sign
#: (tester18 #17: "ประชุม\r=cmd|…" and "＝SUM(A1)" were saved).
HIDDEN_FORMULAS = ["ประชุม\r=cmd|'/c calc'!A1 เบิกจ่าย 3,500 บาท",
                   "ประชุม\n=cmd|'/c calc'!A1 เบิกจ่าย 3,500 บาท",
                   "ประชุม\r\n+SUM(A1) อบรม 20 คน", "ประชุม\u2028@SUM(A1) อบรม",
                   "ประชุม\x0b=1+1 อบรม", "ประชุม\x0c=1+1 อบรม", "ประชุม\x85=1+1 อบรม",
                   "อบรม 20 คน\n\t=HYPERLINK(\"http://x\") ", "＝SUM(A1) เบิกจ่าย 2,000 บาท",
                   "＋A1*2 อบรม", "＠SUM(A1:A3)", "－2+3 อบรม", "﹦1+1 อบรม",
                   "อบรม 20 คน\r＝cmd|' /C calc'!A0", "\t＝SUM(A1) อบรม"]


@pytest.mark.parametrize("text", HIDDEN_FORMULAS)
def test_a_formula_on_any_line_or_in_full_width_is_refused(text: str) -> None:
    assert "สูตรของสเปรดชีต" in (unusable_reason(text) or ""), text
    assert "formula" in (unusable_reason(text, english=True) or "")


@pytest.mark.parametrize("text", ["ประชุม\nอบรม 20 คน\n- 20 คน เบิกจ่าย 3,500 บาท",
                                  "ติดต่อ\n+66 81 234 5678 อบรม 20 คน",
                                  "- อบรม 20 คน\n- เบิกจ่าย 3,500 บาท",
                                  "ดู [ลิงก์] (ด่วน) อบรม 20 คน"])
def test_plain_lines_stay_accepted(text: str) -> None:
    assert unusable_reason(text) is None


def test_a_spaced_markdown_link_is_refused() -> None:
    text = "ดู [ลิงก์] (javascript:alert(1)) อบรม 20 คน"
    assert "ลิงก์" in (unusable_reason(text) or "")


def test_one_line_update_with_a_hidden_formula_saves_nothing(
        make_app: Callable[..., Any]) -> None:
    chat = Chat.with_approvals(make_app(), Clock(NOW), {OFFICER: "officer"})
    for text in HIDDEN_FORMULAS[:1] + HIDDEN_FORMULAS[8:9]:
        reply = chat.say(OFFICER, f"/update 1 {text}")
        assert "สูตรของสเปรดชีต" in reply, reply
    assert chat.updates() == []


def test_the_workbook_quotes_a_formula_on_a_later_line_or_in_full_width(
        make_app: Callable[..., Any]) -> None:
    """Text stored before the guard (or from another way in) still never reads as one."""
    app = make_app()
    texts = ["ประชุม\r=cmd|'/c calc'!A1", "＝SUM(A1) อบรม", "อบรม\n@SUM(1+1)"]
    for i, text in enumerate(texts):
        store_update_with_status(app, text, "approved", message_id=f"h{i}")
    path = app.settings.home / "s.xlsx"
    write_xlsx(load_summary(app.db, QUARTER), path)
    ws = openpyxl.load_workbook(path)["updates"]
    cells = [c for row in ws.iter_rows(min_row=3) for c in row
             if isinstance(c.value, str) and ("SUM" in c.value or "cmd" in c.value)]
    assert len(cells) == len(texts)
    assert all(c.data_type == "s" and c.quotePrefix for c in cells), [c.value for c in cells]
