"""Money abbreviations, a quarter before punctuation, and repeats the duplicate guard missed.

tester20 A1: ``/update 1 เบิกจ่าย 1.2 ลบ.`` saved 1.20 baht (ลบ. is ล้านบาท, the usual
government abbreviation), ``/edit`` alike, and the report-form reader refused
``2.45 ลบ.``.  C5: ``เบิกจ่าย 12K บาท`` and ``Disbursed Baht 45,000`` were unreadable
though ``disbursed 12k baht`` and ``spent THB 75,000`` were read.  One reading of
amounts (:func:`knowledge.thai.find_money`) serves every path: an update, an edit, a
report form's fields, a workbook cell, a JSON record and the answers.

A2: ``/update 1 disbursed 3,000 baht, Q4 2568, 45% done`` was filed under 4/2569 ("No
year was given"): the comma after the year lost it.  C1: the ten-minute duplicate guard
was beaten by a zero-width space and by ``7700`` against ``7,700``.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from field_harness import Chat, Clock

from bot.approvals import ApprovalPolicy
from bot.core import Core
from knowledge.parsers import parse_report
from knowledge.readers.fieldtypes import read_amount
from knowledge.readers.xlsx import read_xlsx
from knowledge.thai import find_money, parse_money, parse_quarter, quarter_alone

NOW = dt.datetime(2023, 2, 15, 3, 0, tzinfo=dt.UTC)  # 2/2566 in Bangkok
OFFICER = "telegram:5501"
FORM = Path(__file__).parent / "data" / "files" / "source_report_pages.txt"

#: (as typed after the project id, baht saved)
SPELLINGS = [
    ("เบิกจ่าย 1.2 ลบ.", 1_200_000),
    ("เบิกจ่ายแล้ว 0.35 ลบ.", 350_000),
    ("เบิกจ่าย 0.5 ล.บ.", 500_000),
    ("เบิกจ่าย 2.5 ล้าน", 2_500_000),
    ("เบิกจ่าย 3 แสนบาท", 300_000),
    ("เบิกจ่าย 12K บาท", 12_000),
    ("disbursed 12k baht", 12_000),
    ("Disbursed Baht 45,000 for training", 45_000),
    ("spent THB 75,000", 75_000),
    ("disbursed 1.2 million baht", 1_200_000),
]


@pytest.fixture
def chat(make_app: Callable[..., Any]) -> Chat:
    return Chat.with_users(make_app(), Clock(NOW), {OFFICER: "officer"})


@pytest.mark.parametrize(("typed", "baht"), SPELLINGS)
def test_an_update_reads_every_spelling_of_an_amount(chat: Chat, typed: str, baht: int) -> None:
    chat.say(OFFICER, f"/update 1 {typed}")
    [row] = chat.updates()
    assert row.amount_baht == Decimal(baht), (typed, row.amount_baht)


@pytest.mark.parametrize(("typed", "baht"), SPELLINGS[:3])
def test_an_edit_reads_them_alike(make_app: Callable[..., Any], typed: str, baht: int) -> None:
    app = make_app()
    core = Core(app.db, app.index, clock=Clock(NOW), approval=ApprovalPolicy.parse("all"))
    chat = Chat(app, core.clock, core)  # type: ignore[arg-type]
    chat.register(OFFICER, "officer")
    chat.say(OFFICER, "/update 1 อบรม 20 คน เบิกจ่าย 5,000 บาท")
    uid = chat.updates()[-1].id
    reply = chat.say(OFFICER, f"/edit {uid} {typed}")
    assert f"{baht:,} บาท" in reply, reply
    assert chat.updates()[-1].amount_baht == Decimal(baht)


@pytest.mark.parametrize("typed", ["เบิกจ่าย 12K", "เบิกจ่าย 1.2 ลบม.", "เบิกจ่าย 12k",
                                   "disbursed 1.5 MB", "เบิกจ่ายแล้ว ส่งไฟล์รายงาน 5 MB",
                                   "เบิกจ่าย 2.6 ลบ ค่าจ้างเหมา"])
def test_a_magnitude_without_baht_is_asked_not_guessed(chat: Chat, typed: str) -> None:
    reply = chat.say(OFFICER, f"/update 1 {typed}")
    assert any(w in reply for w in ("ยังไม่ได้บันทึก", "จำนวนเงิน", "Not saved yet")), reply
    assert all(r.amount_baht is None for r in chat.updates()), reply


@pytest.mark.parametrize("text", ["น้ำ 100 ล้าน ลบ.ม.", "ขุดดิน 5 ลบ.ม.", "ขุดดิน 5 ลบม.",
                                  "ขุดดิน 5 ลบ. ม.", "อบรม 12k people", "10 m road",
                                  "ไฟล์ขนาด 5 MB", "ส่งรูปได้ไม่เกิน 10 MB",
                                  # other cubic units, and "ลบ" without its dot (minus)
                                  "ถมดิน 2 ลบ.หลา", "ขุดบ่อขนาด 300 ลบ.เมตร", "ใช้ไม้ 10 ลบ.ฟุต",
                                  "ผลการตรวจ 5 ลบ (negative) ทุกราย"])
def test_volumes_and_counts_are_no_money(text: str) -> None:
    assert find_money(text) == []


@pytest.mark.parametrize(("text", "baht"), [("เบิกจ่าย 1.2 ลบ. 3 รายการ", 1_200_000),
                                            ("เบิกจ่าย 2.45 ลบ. ม.ค. 66", 2_450_000)])
def test_lor_bor_before_other_words(text: str, baht: int) -> None:
    assert [m.amount for m in find_money(text)] == [Decimal(baht)]


@pytest.mark.parametrize(("typed", "baht"), [
    ("2.45 ลบ.", 2_450_000), ("2.45 ล.บ.", 2_450_000), ("THB 45,000", 45_000),
    ("Baht 45,000", 45_000), ("12K", 12_000), ("1.2 million baht", 1_200_000),
    ("1.5 ล้าน", 1_500_000)])
def test_a_cell_or_record_reads_them_alike(typed: str, baht: int) -> None:
    assert parse_money(typed) == Decimal(baht)
    assert read_amount(typed, "budget", "line 1") == Decimal(baht)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(("ชื่อโครงการ", "หน่วยรับงบประมาณ", "วงเงินงบประมาณ", "วันเสนอโครงการ"))
    ws.append(("โครงการ ก", "อบจ.เชียงใหม่", typed, "2023-01-20"))
    out = io.BytesIO()
    wb.save(out)
    [row] = read_xlsx(out.getvalue(), "book.xlsx").rows
    assert row.budget_baht == Decimal(baht)


def test_a_dotted_amount_after_baht_is_still_asked() -> None:
    from knowledge.parsers import DocumentError

    with pytest.raises(DocumentError):
        read_amount("Baht 250.000", "budget", "line 1")


def test_a_report_form_reads_lor_bor() -> None:
    text = (FORM.read_text(encoding="utf-8").replace("9.6845ล้านบาท", "2.45 ลบ.")
            .replace("ผลการเบิกจ่าย\t0.0000 ล้านบาท", "ผลการเบิกจ่าย\t1.2 ลบ."))
    report = parse_report(text).report
    assert report is not None
    assert report.budget_baht == Decimal(2_450_000)
    assert report.disbursement_actual_baht == Decimal(1_200_000)


# --- A2: a quarter followed by punctuation or words -------------------------------------

QUARTER_TEXTS = [
    "disbursed 3,000 baht, Q4 2565, 45% done",
    "disbursed 3,000 baht in Q4 2565, trained 30 people",
    "Q4 2565, 30 people trained, disbursed 3,000 baht",
    "เบิกจ่าย 3,000 บาท ไตรมาส 4 2565, ร้อยละ 45",
    "เบิกจ่าย 3,000 บาท ไตรมาส 4 2565. อบรม 30 คน",
]


@pytest.mark.parametrize("typed", QUARTER_TEXTS)
def test_a_quarter_before_a_comma_keeps_its_year(chat: Chat, typed: str) -> None:
    reply = chat.say(OFFICER, f"/update 1 {typed}")
    assert "No year was given" not in reply and "ไม่ได้ระบุปี" not in reply, reply
    assert "4/2565" in reply or "Q4 FY2565" in reply or "4 ปีงบประมาณ 2565" in reply, reply


def test_no_year_note_only_when_no_year_was_given(chat: Chat) -> None:
    reply = chat.say(OFFICER, "/update 1 disbursed 3,000 baht, Q2 2566, 45% done")
    assert "No year was given" not in reply, reply
    assert chat.updates()[-1].quarter == 2 and chat.updates()[-1].fiscal_year == 2566
    chat.clock.advance(minutes=20)
    reply = chat.say(OFFICER, "/update 1 disbursed 4,000 baht, Q1, 45% done")
    assert "No year was given" in reply, reply


@pytest.mark.parametrize("typed", ["Q4 2565,", "(4/2565)", "ไตรมาส 4/2565.", "q4 2565;"])
def test_every_quarter_reader_drops_punctuation(typed: str) -> None:
    q = parse_quarter(typed)
    assert (q.fiscal_year, q.quarter) == (2565, 4)
    assert quarter_alone("Q4,") == 4


def test_summary_and_missing_read_a_quarter_with_a_comma(chat: Chat) -> None:
    chat.register("telegram:5502", "manager")
    summary = chat.say("telegram:5502", "/summary Q1 2566,")
    assert "1/2566" in summary and "ไม่ได้ระบุปี" not in summary, summary
    missing = chat.say("telegram:5502", "/missing Q1 2566,")
    assert "1/2566" in missing, missing


# --- C1: repeats folded before comparing ------------------------------------------------

@pytest.mark.parametrize("again", ["ประชุมสรุปผล\u200b เบิกจ่าย 7,700 บาท",
                                   "ประชุมสรุปผล เบิกจ่าย 7700 บาท",
                                   "ประชุมสรุปผล เบิกจ่าย ๗,๗๐๐ บาท",
                                   "ประชุม\u2060สรุปผล เบิกจ่าย 7,700\u200c บาท",
                                   # one amount, however it is spelled; a soft hyphen; a stop
                                   "ประชุมสรุปผล เบิกจ่าย 7,700.00 บาท",
                                   "ประชุมสรุปผล เบิกจ่าย 7.7K บาท",
                                   "ประชุมสรุปผล\u00ad เบิกจ่าย 7,700 บาท."])
def test_the_same_update_reformatted_is_not_saved_twice(chat: Chat, again: str) -> None:
    chat.say(OFFICER, "/update 1 ประชุมสรุปผล เบิกจ่าย 7,700 บาท")
    chat.clock.advance(minutes=2)
    reply = chat.say(OFFICER, f"/update 1 {again}")
    assert "ไม่บันทึกซ้ำ" in reply, reply
    assert len(chat.updates()) == 1


def test_another_amount_is_no_repeat(chat: Chat) -> None:
    chat.say(OFFICER, "/update 1 ประชุมสรุปผล เบิกจ่าย 7,700 บาท")
    chat.clock.advance(minutes=2)
    assert "ไม่บันทึกซ้ำ" not in chat.say(OFFICER, "/update 1 ประชุมสรุปผล เบิกจ่าย 7,070 บาท")
    assert len(chat.updates()) == 2


@pytest.mark.parametrize("typed", ["\u200b=1+1 ประชุม", "\u200d@cmd อบรม", "ประชุม <\u200bscript>",
                                   "\ufeff=1+1 ประชุม", "ประชุม\u00ad <b>หนา</b>"])
def test_an_invisible_character_hides_no_formula_or_markup(chat: Chat, typed: str) -> None:
    reply = chat.say(OFFICER, f"/update 1 {typed}")
    assert "บันทึกความคืบหน้าแล้ว" not in reply, reply
    assert chat.updates() == []


def test_zero_width_characters_are_not_stored(chat: Chat) -> None:
    chat.say(OFFICER, "/update 1 อบรม\u200c 20 คน\u200d เบิกจ่าย\u2060 5,000 บาท\u200b")
    [row] = chat.updates()
    assert not any(ch in row.text for ch in "\u200b\u200c\u200d\u2060"), repr(row.text)
