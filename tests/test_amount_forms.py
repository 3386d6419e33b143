"""An amount is read one way only: Thai magnitude words make one number, dots are asked.

tester18 #15: ``/update 1 เบิกจ่าย 2 แสน 5 หมื่นบาท`` was read as two payments (200,000
and 50,000): Thai writes one amount with several magnitude words, and with number
words ("สองแสนห้าหมื่นบาท").  tester18 #14: ``เบิกจ่าย 250.000 บาท`` was saved as 250
baht: dots that group thousands or mark decimals alike are asked about, in every
reader of amounts (an update, a report form's fields, a workbook cell, a JSON record).
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

from bot.conversation.drafts import DraftError, read_update_text
from knowledge.parsers import DocumentError, parse_report
from knowledge.readers.fieldtypes import read_amount
from knowledge.readers.xlsx import read_xlsx
from knowledge.thai import (
    FiscalQuarter,
    ThaiParseError,
    extract_update_fields,
    find_money,
    parse_money,
)
from knowledge.thai_numbers import thai_words_value

NOW = dt.datetime(2023, 2, 15, 3, 0, tzinfo=dt.UTC)  # 2/2566 in Bangkok
OFFICER = "telegram:5411"
QUARTER = FiscalQuarter(2566, 2)
FORM = Path(__file__).parent / "data" / "files" / "source_report_pages.txt"

ONE_AMOUNT = [
    ("เบิกจ่าย 2 แสน 5 หมื่นบาท", 250_000),
    ("เบิกจ่าย 2แสน5หมื่นบาท", 250_000),
    ("เบิกจ่าย 1 ล้าน 2 แสนบาท", 1_200_000),
    ("เบิกจ่าย 1 ล้าน 2 แสน 5 หมื่น 3 พันบาท", 1_253_000),
    ("เบิกจ่าย 1 ล้าน 250,000 บาท", 1_250_000),
    ("เบิกจ่าย 3 แสนล้าน 2 หมื่นล้านบาท", 320_000_000_000),
    ("เบิกจ่ายสองแสนห้าหมื่นบาท", 250_000),
    ("เบิกจ่าย สองแสนห้าหมื่นบาท", 250_000),
    ("เบิกจ่ายหนึ่งล้านสองแสนบาท", 1_200_000),
    ("เบิกจ่ายยี่สิบเอ็ดล้านบาท", 21_000_000),
    ("เบิกจ่ายห้าหมื่นบาท", 50_000),
    ("เบิกจ่ายสามพันห้าร้อยบาท", 3_500),
    ("เบิกจ่าย 2 แสนห้าหมื่นบาท", 250_000),
    ("เบิกจ่ายสองแสน 5 หมื่นบาท", 250_000),
    ("เบิกจ่าย 1.5 ล้านบาท", 1_500_000),
]
#: Amounts that stay two (asked about), or read as they always were.
STILL_TWO = ["เบิกจ่าย 1 ล้าน 2 ล้านบาท", "เบิกจ่าย 2 แสน, 5 หมื่นบาท",
             "เบิกจ่าย 100,000 บาท 50,000 บาท", "เบิกจ่าย 5 หมื่นบาท 2 แสนบาท"]


@pytest.mark.parametrize(("text", "value"), ONE_AMOUNT)
def test_thai_magnitude_words_make_one_amount(text: str, value: int) -> None:
    fields = extract_update_fields(text)
    assert fields.amount_baht == value and fields.amounts == (Decimal(value),), fields
    assert parse_money(text.removeprefix("เบิกจ่าย")) == value
    assert [m.amount for m in find_money(text)] == [value]


@pytest.mark.parametrize("text", STILL_TWO)
def test_separate_amounts_stay_separate(text: str) -> None:
    assert len(extract_update_fields(text).amounts) == 2, text


@pytest.mark.parametrize(("text", "value"), [
    ("ดำเนินการเรียบร้อย 50 บาท", 50), ("เบิกจ่าย 2 แสนกว่าบาท", None),
    ("ห้าหมื่นครัวเรือน", None), ("สามารถเบิกจ่ายได้ 5 หมื่นบาท", 50_000),
    ("เบิกจ่าย 2 แสน สี่แยก", 200_000)])
def test_words_inside_other_words_are_no_number(text: str, value: int | None) -> None:
    assert extract_update_fields(text).amount_baht == value


@pytest.mark.parametrize(("words", "value"), [
    ("สองแสนห้าหมื่น", 250_000), ("หนึ่งล้านสองแสน", 1_200_000), ("ยี่สิบเอ็ด", 21),
    ("สิบ", 10), ("ร้อย", 100), ("เก้าร้อยเก้าสิบเก้า", 999), ("ล้าน", 1_000_000),
    ("สองล้านล้าน", 2_000_000_000_000), ("ห้าหมื่นสองแสน", None), ("สองสาม", None),
    ("สิบสิบ", None), ("สองแสนห้าหมื่นสามพันสองร้อยสิบเอ็ด", 253_211)])
def test_thai_number_words(words: str, value: int | None) -> None:
    assert thai_words_value(words) == value


def test_the_officer_is_not_blocked_by_one_amount(make_app: Callable[..., Any]) -> None:
    chat = Chat.with_users(make_app(), Clock(NOW), {OFFICER: "officer"})
    reply = chat.say(OFFICER, "/update 1 เบิกจ่าย 2 แสน 5 หมื่นบาท")
    assert "มากกว่าหนึ่งค่า" not in reply and "250,000" in reply, reply
    assert [u.amount_baht for u in chat.updates()] == [Decimal(250_000)]


DOTTED = [("เบิกจ่าย 250.000 บาท", "250.000"), ("เบิกจ่าย 250.000", "250.000"),
          ("เบิกจ่ายแล้ว 1.250.000 บาท", "1.250.000"), ("ใช้งบไป ฿250.000", "250.000"),
          ("เบิกจ่าย ๒๕๐.๐๐๐ บาท", "250.000")]


@pytest.mark.parametrize(("text", "written"), DOTTED)
def test_dots_like_thousands_are_asked_not_guessed(text: str, written: str) -> None:
    fields = extract_update_fields(text)
    assert fields.amount_baht is None and fields.dotted == (written,)
    with pytest.raises(DraftError) as exc:
        read_update_text(text, QUARTER)
    assert written in str(exc.value) and "ยังไม่ได้บันทึก" in str(exc.value)
    assert "หมายถึง" in str(exc.value)


def test_dots_are_asked_in_english_too() -> None:
    with pytest.raises(DraftError) as exc:
        read_update_text("disbursed 250.000 baht", QUARTER)
    said = str(exc.value)
    assert "250,000 baht" in said and "250 baht" in said and "Not saved" in said
    assert not any("\u0e00" <= c <= "\u0e7f" for c in said)


@pytest.mark.parametrize("text", ["เบิกจ่าย 2.500 ล้านบาท", "ร้อยละ 12.500 เบิกจ่าย 2,000 บาท",
                                  "ระยะทาง 1.500 กม. เบิกจ่าย 2,000 บาท",
                                  "เบิกจ่าย 0.500 ล้านบาท"])
def test_other_dotted_numbers_are_no_question(text: str) -> None:
    assert extract_update_fields(text).dotted == ()
    read_update_text(text, QUARTER)


def test_the_one_line_update_asks_and_saves_nothing(make_app: Callable[..., Any]) -> None:
    chat = Chat.with_users(make_app(), Clock(NOW), {OFFICER: "officer"})
    reply = chat.say(OFFICER, "/update 1 เบิกจ่าย 250.000 บาท")
    assert "250,000" in reply and "ยังไม่ได้บันทึก" in reply, reply
    chat.nothing_stored()


@pytest.mark.parametrize("text", ["250.000 บาท", "250.000", "งบประมาณ 1.250.000 บาท"])
def test_parse_money_refuses_dots_with_the_question(text: str) -> None:
    with pytest.raises(ThaiParseError) as exc:
        parse_money(text)
    assert "สองแบบ" in str(exc.value) or "จุดคั่น" in str(exc.value)


def test_a_report_form_with_a_dotted_amount_is_refused() -> None:
    text = FORM.read_text(encoding="utf-8").replace("9.6845ล้านบาท", "250.000 บาท")
    with pytest.raises(DocumentError) as exc:
        parse_report(text)
    assert "250.000" in str(exc.value)


@pytest.mark.parametrize("typed", ["250.000", "1.250.000", "1,00,000", "๒๕๐.๐๐๐ บาท"])
def test_a_typed_amount_that_reads_two_ways_is_refused(typed: str) -> None:
    with pytest.raises(DocumentError) as exc:
        read_amount(typed, "budget", "line 1")
    assert typed.split()[0] in str(exc.value) or "250.000" in str(exc.value)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(("ชื่อโครงการ", "หน่วยรับงบประมาณ", "วงเงินงบประมาณ", "วันเสนอโครงการ"))
    ws.append(("โครงการ ก", "อบจ.เชียงใหม่", typed, "2023-01-20"))
    ws.append(("โครงการ ข", "อบจ.เชียงใหม่", 250.0, "2023-01-20"))
    out = io.BytesIO()
    wb.save(out)
    book = read_xlsx(out.getvalue(), "book.xlsx")
    assert [r.name for r in book.rows] == ["โครงการ ข"]
    assert any("budget" in why for why in book.refused), book.refused


@pytest.mark.parametrize(("typed", "value"), [("250,000", 250_000), ("250,000.50", "250000.50"),
                                              ("250.5", "250.5"), (250.0, 250)])
def test_plain_typed_amounts_still_read(typed: object, value: object) -> None:
    assert read_amount(typed, "budget", "line 1") == Decimal(str(value))
