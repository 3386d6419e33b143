from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from knowledge.thai import (
    DateMatch,
    DateRange,
    FiscalQuarter,
    MoneyMatch,
    ThaiParseError,
    UpdateFields,
    extract_update_fields,
    find_dates,
    find_money,
    find_quarter,
    find_quarter_number,
    fiscal_quarter_of,
    format_baht,
    format_english_date,
    format_million_baht,
    format_thai_date,
    normalize_text,
    parse_date_range,
    parse_iso_date,
    parse_money,
    parse_quarter,
    parse_thai_date,
    quarter_dates,
    quarter_numbers,
    to_arabic_digits,
)

THAI = "๐๑๒๓๔๕๖๗๘๙"


def to_thai_digits(text: str) -> str:
    return text.translate(str.maketrans("0123456789", THAI))


# --------------------------------------------------------------------------- digits


def test_to_arabic_digits() -> None:
    assert to_arabic_digits("๙,๖๘๔,๕๐๐ บาท ปี ๒๕๖๖") == "9,684,500 บาท ปี 2566"
    assert to_arabic_digits("abc 123") == "abc 123"


@given(st.integers(min_value=0, max_value=10**30))
def test_digit_round_trip(n: int) -> None:
    thai = to_thai_digits(str(n))
    assert not any(c.isascii() for c in thai)
    assert to_arabic_digits(thai) == str(n)


@given(st.text())
def test_to_arabic_digits_preserves_length_and_removes_thai_digits(text: str) -> None:
    out = to_arabic_digits(text)
    assert len(out) == len(text)
    assert not any(c in THAI for c in out)


# --------------------------------------------------------------------------- normalize


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ดําเนินงาน", "ดำเนินงาน"),
        ("น้ํา", "น้ำ"),  # tone mark before nikhahit
        ("น\u0e4d\u0e49\u0e32", "น้ำ"),  # tone mark between nikhahit and sara aa
        ("ผลการดําเนินงาน", "ผลการดำเนินงาน"),
        ("a\u200bb\u200cc\u200dd\ufeffe\u2060f", "abcdef"),
        ("บรรทัด\u2028ใหม่\u2029จบ", "บรรทัด\nใหม่\nจบ"),
        ("9,684,500\u00a0บาท", "9,684,500 บาท"),
        ("๒๕๖๖", "๒๕๖๖"),  # digits are kept
        ("e\u0301", "\u00e9"),  # NFC
    ],
)
def test_normalize_text(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


thai_soup = st.text(
    alphabet=st.sampled_from(
        [
            *"กนดำ\u0e4d\u0e32\u0e48\u0e49\u0e38\u0e31 ๑1e\u0301\u0323",
            "\u200b",
            "\u00a0",
            "\u2028",
            "\ufeff",
        ]
    )
)


@given(st.one_of(st.text(), thai_soup))
@example("ก\u0301\u0e4d\u0e49\u0e32")  # removing nikhahit exposes mark reordering
@example("ก\u0301\u200b\u0e49")  # removing a zero-width char does too
def test_normalize_text_idempotent(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert "\u200b" not in once and "\u00a0" not in once
    assert "\u0e4d\u0e32" not in once


# --------------------------------------------------------------------------- money


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9.6845ล้านบาท", Decimal("9684500")),
        ("9.6845 ล้านบาท", Decimal("9684500")),
        ("๙,๖๘๔,๕๐๐ บาท", Decimal("9684500")),
        ("0.0000 ล้านบาท", Decimal("0")),
        ("250,000 บาท", Decimal("250000")),
        ("1.2 ล้านบาท", Decimal("1200000")),
        ("2.5 ล้าน", Decimal("2500000")),
        ("๒.๕ ล้านบาท", Decimal("2500000")),
        ("816,400 บาท", Decimal("816400")),
        ("3 แสนบาท", Decimal("300000")),
        ("5 หมื่นบาท", Decimal("50000")),
        ("1.5 พันล้านบาท", Decimal("1500000000")),
        ("2.95 แสนล้านบาท", Decimal("295000000000")),
        ("3.48 ล้านล้านบาท", Decimal("3480000000000")),
        ("9.3 หมื่นล้านบาท", Decimal("93000000000")),
        ("1,234.50 บาท", Decimal("1234.50")),
        ("250000", Decimal("250000")),
        ("฿1,200", Decimal("1200")),
        ("งบประมาณ 9.6845ล้านบาท", Decimal("9684500")),
        ("4. งบประมาณ 9.6845ล้านบาท", Decimal("9684500")),
        ("-5 บาท", Decimal("-5")),
        ("ลบ 5 บาท", Decimal("-5")),
    ],
)
def test_parse_money(text: str, expected: Decimal) -> None:
    result = parse_money(text)
    assert isinstance(result, Decimal)
    assert result == expected


def test_parse_money_keeps_integral_results_plain() -> None:
    assert str(parse_money("9.6845ล้านบาท")) == "9684500"
    assert str(parse_money("1.23456789 ล้านบาท")) == "1234567.89"


def test_find_money_in_free_text() -> None:
    text = "รวมมูลค่า ๘๑๖,๔๐๐ บาท จำหน่ายแล้วกว่า ๒.๕ ล้านบาท ใน ๑๔ ล้านครัวเรือน ปี 2566 ระดับ 5 ลบ 5 บาท"
    found = find_money(text)
    assert [m.amount for m in found] == [Decimal(816400), Decimal(2500000), Decimal(-5)]
    for m in found:
        assert isinstance(m, MoneyMatch)
        assert text[m.start : m.end] == m.text
    assert found[0].text == "๘๑๖,๔๐๐ บาท"
    assert found[2].text == "ลบ 5 บาท"


def test_find_money_range_dash_is_not_a_sign() -> None:
    found = find_money("ราคา 10-20 บาท")
    assert [m.amount for m in found] == [Decimal(20)]
    assert found[0].text == "20 บาท"


def test_find_money_offsets_survive_decomposed_sara_am_and_zero_width() -> None:
    text = "ดําเนินงาน\u200b งบ 1.2 ล้านบาท"
    (m,) = find_money(text)
    assert m.amount == Decimal(1200000)
    assert m.text == "1.2 ล้านบาท"
    assert text[m.start : m.end] == m.text


def test_find_money_ignores_numbers_without_unit() -> None:
    assert find_money("ครั้งที่ 293/2566 วันที่ 27 มี.ค. 2566 จำนวน 37 โครงการ") == []


@given(st.integers(min_value=0, max_value=10**15))
def test_parse_money_inverts_format_baht(satang: int) -> None:
    amount = Decimal(satang).scaleb(-2)
    assert parse_money(format_baht(amount)) == amount


@given(st.integers(min_value=0, max_value=10**15))
def test_parse_money_inverts_format_baht_for_ints(n: int) -> None:
    assert parse_money(format_baht(n)) == n


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (9684500, "9,684,500 บาท"),
        (Decimal("9684500.00"), "9,684,500 บาท"),
        (Decimal("1234.5"), "1,234.50 บาท"),
        (1234.567, "1,234.57 บาท"),
        (0, "0 บาท"),
        (-5, "-5 บาท"),
    ],
)
def test_format_baht(amount: Decimal | int | float, expected: str) -> None:
    assert format_baht(amount) == expected


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (9684500, "9.68 ล้านบาท"),
        (Decimal("2500000"), "2.50 ล้านบาท"),
        (0, "0.00 ล้านบาท"),
        (1_234_567_890, "1,234.57 ล้านบาท"),
    ],
)
def test_format_million_baht(amount: Decimal | int, expected: str) -> None:
    assert format_million_baht(amount) == expected


def test_format_baht_huge_amount_does_not_crash() -> None:
    assert format_baht(Decimal("1e40")).endswith(" บาท")


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 ม.ค. 66", date(2023, 1, 1)),
        ("31 มี.ค. 66", date(2023, 3, 31)),
        ("27 มี.ค. 2566", date(2023, 3, 27)),
        ("(27 มี.ค. 66)", date(2023, 3, 27)),
        ("9 พฤศจิกายน 2566", date(2023, 11, 9)),
        ("๙ ธันวาคม ๒๕๖๖", date(2023, 12, 9)),
        ("๕ เมษายน ๒๕๖๗", date(2024, 4, 5)),
        ("วันที่ 27 มี.ค. 2566", date(2023, 3, 27)),
        ("  27 มีค 2566  ", date(2023, 3, 27)),
        ("27 มี. ค. 66", date(2023, 3, 27)),
        ("27 มีนาคม 2023", date(2023, 3, 27)),
        ("1 ม.ค. พ.ศ. 2566", date(2023, 1, 1)),
        ("1 มกราคม ค.ศ. 2023", date(2023, 1, 1)),
        ("15 กรกฏาคม 2567", date(2024, 7, 15)),  # common misspelling
        ("29 กุมภาพันธ์ 2567", date(2024, 2, 29)),
    ],
)
def test_parse_thai_date(text: str, expected: date) -> None:
    assert parse_thai_date(text) == expected


@pytest.mark.parametrize(
    ("full", "short", "month"),
    [
        ("มกราคม", "ม.ค.", 1), ("กุมภาพันธ์", "ก.พ.", 2), ("มีนาคม", "มี.ค.", 3),
        ("เมษายน", "เม.ย.", 4), ("พฤษภาคม", "พ.ค.", 5), ("มิถุนายน", "มิ.ย.", 6),
        ("กรกฎาคม", "ก.ค.", 7), ("สิงหาคม", "ส.ค.", 8), ("กันยายน", "ก.ย.", 9),
        ("ตุลาคม", "ต.ค.", 10), ("พฤศจิกายน", "พ.ย.", 11), ("ธันวาคม", "ธ.ค.", 12),
    ],
)  # fmt: skip
def test_every_month_spelling(full: str, short: str, month: int) -> None:
    expected = date(2023, month, 1)
    for spelling in (full, short, short.replace(".", ""), short.replace(".", ". ")):
        assert parse_thai_date(f"1 {spelling} 2566") == expected
        assert parse_thai_date(f"๑ {spelling} ๖๖") == expected


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("๒๙ กันยายน – ๘ ตุลาคม ๒๕๖๖", date(2023, 9, 29), date(2023, 10, 8)),
        ("๒๐ - ๒๓ กุมภาพันธ์ ๒๕๖๗", date(2024, 2, 20), date(2024, 2, 23)),
        ("๘ - ๑๗ กรกฎาคม ๒๕๖๗", date(2024, 7, 8), date(2024, 7, 17)),
        ("1 ม.ค. 66 - 31 มี.ค. 66", date(2023, 1, 1), date(2023, 3, 31)),
        ("(1 ม.ค. 66 - 31 มี.ค. 66)", date(2023, 1, 1), date(2023, 3, 31)),
        ("ระหว่างวันที่ ๘ - ๑๗ กรกฎาคม ๒๕๖๗", date(2024, 7, 8), date(2024, 7, 17)),
        ("29 ธันวาคม – 3 มกราคม 2567", date(2023, 12, 29), date(2024, 1, 3)),
        ("1 ม.ค. 66 ถึง 31 มี.ค. 66", date(2023, 1, 1), date(2023, 3, 31)),
        ("27 มี.ค. 2566", date(2023, 3, 27), date(2023, 3, 27)),
    ],
)
def test_parse_date_range(text: str, start: date, end: date) -> None:
    assert parse_date_range(text) == DateRange(start, end)


def test_date_range_contains() -> None:
    rng = parse_date_range("1 ม.ค. 66 - 31 มี.ค. 66")
    assert date(2023, 2, 15) in rng
    assert date(2023, 4, 1) not in rng
    assert "2023-02-15" not in rng


def test_find_dates_in_report_text() -> None:
    text = (
        "5. ห้วงการรายงาน ไตรมาสที่ 2 (1 ม.ค. 66 - 31 มี.ค. 66)\n"
        "ในงาน Sustainability Expo 2024 ระหว่างวันที่ ๒๙ กันยายน – ๘ ตุลาคม ๒๕๖๖ ณ ศูนย์ฯ "
        "ในวันที่ 9 พฤศจิกายน 2566 เวลา 13.00 – 16.45 น. "
        "เมื่อวันที่ ๒๐ - ๒๓ กุมภาพันธ์ ๒๕๖๗ และ ๘ - ๑๗ กรกฎาคม ๒๕๖๗ณ นิวยอร์ก "
        "วันนี้ (27 มี.ค. 66) 15.00 น. ตั้งแต่เดือนธันวาคม 2565 - เมษายน 2567"
    )
    found = find_dates(text)
    assert [(m.start_date, m.end_date) for m in found] == [
        (date(2023, 1, 1), date(2023, 3, 31)),
        (date(2023, 9, 29), date(2023, 10, 8)),
        (date(2023, 11, 9), date(2023, 11, 9)),
        (date(2024, 2, 20), date(2024, 2, 23)),
        (date(2024, 7, 8), date(2024, 7, 17)),
        (date(2023, 3, 27), date(2023, 3, 27)),
    ]
    for m in found:
        assert isinstance(m, DateMatch)
        assert text[m.start : m.end] == m.text
    assert found[0].text == "1 ม.ค. 66 - 31 มี.ค. 66"
    assert found[1].text == "๒๙ กันยายน – ๘ ตุลาคม ๒๕๖๖"


def test_find_dates_skips_invalid_dates() -> None:
    found = find_dates("นัด 31 ก.พ. 2566 เลื่อนเป็น 1 มี.ค. 2566")
    assert [m.start_date for m in found] == [date(2023, 3, 1)]
    assert found[0].text == "1 มี.ค. 2566"


def test_find_dates_does_not_read_clock_time_as_year() -> None:
    assert find_dates("วันที่ 5 เมษายน 15.00 น.") == []


@given(
    st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31)),
    st.booleans(),
)
def test_format_then_parse_thai_date_round_trip(d: date, short: bool) -> None:
    text = format_thai_date(d, short=short)
    assert parse_thai_date(text) == d
    assert parse_thai_date(to_thai_digits(text)) == d
    (m,) = find_dates(f"เมื่อวันที่ {text} ที่ผ่านมา")
    assert (m.start_date, m.end_date, m.text) == (d, d, text)


def test_format_english_date_reads_no_locale() -> None:
    assert format_english_date(date(2023, 3, 27)) == "27 March 2023"
    assert format_english_date(date(2024, 1, 1)) == "1 January 2024"
    with pytest.raises(ThaiParseError):
        format_english_date("2023-03-27")  # type: ignore[arg-type]


def test_format_thai_date() -> None:
    assert format_thai_date(date(2023, 3, 27)) == "27 มีนาคม 2566"
    assert format_thai_date(date(2023, 3, 27), short=True) == "27 มี.ค. 2566"


# --------------------------------------------------------------------------- fiscal calendar


def test_fiscal_quarter_basics() -> None:
    q = FiscalQuarter(2566, 2)
    assert (q.start, q.end) == (date(2023, 1, 1), date(2023, 3, 31))
    assert q.label == "ไตรมาส 2/2566"
    assert quarter_dates(2566, 1) == DateRange(date(2022, 10, 1), date(2022, 12, 31))
    assert quarter_dates(2566, 4) == DateRange(date(2023, 7, 1), date(2023, 9, 30))
    assert fiscal_quarter_of(date(2022, 10, 1)) == FiscalQuarter(2566, 1)
    assert fiscal_quarter_of(date(2022, 9, 30)) == FiscalQuarter(2565, 4)
    assert fiscal_quarter_of(date(2023, 3, 27)) == FiscalQuarter(2566, 2)
    assert fiscal_quarter_of(date(2023, 4, 1)) == FiscalQuarter(2566, 3)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2400, 12, 31)))
def test_every_date_is_in_its_fiscal_quarter(d: date) -> None:
    fq = fiscal_quarter_of(d)
    assert 1 <= fq.quarter <= 4
    assert d in quarter_dates(fq.fiscal_year, fq.quarter)
    assert fq.start <= d <= fq.end


@given(st.integers(min_value=2400, max_value=2998))
def test_quarters_tile_the_fiscal_year(fiscal_year: int) -> None:
    ranges = [quarter_dates(fiscal_year, q) for q in (1, 2, 3, 4)]
    fy_ce = fiscal_year - 543
    assert ranges[0].start == date(fy_ce - 1, 10, 1)
    assert ranges[-1].end == date(fy_ce, 9, 30)
    for earlier, later in itertools.pairwise(ranges):
        assert earlier.start <= earlier.end
        assert earlier.end + timedelta(days=1) == later.start
    assert ranges[-1].end + timedelta(days=1) == quarter_dates(fiscal_year + 1, 1).start


@pytest.mark.parametrize(
    "text",
    [
        "2/2566",
        "Q2 2566",
        "q2/66",
        "Q2/2566",
        "ไตรมาส 2 ปีงบ 66",
        "ไตรมาส 2 ปีงบประมาณ 2566",
        "ไตรมาสที่ ๒/๒๕๖๖",
        "ไตรมาสที่ 2 ปี 2566",
        "Q2 2023",
        "  q2/๖๖  ",
    ],
)
def test_parse_quarter_forms(text: str) -> None:
    assert parse_quarter(text) == FiscalQuarter(2566, 2)


@pytest.mark.parametrize("text", ["", "   ", None])
def test_parse_quarter_empty_means_current(text: str | None) -> None:
    assert parse_quarter(text, today=date(2023, 3, 27)) == FiscalQuarter(2566, 2)
    assert parse_quarter(text, today=date(2023, 10, 1)) == FiscalQuarter(2567, 1)


def test_parse_quarter_default_today_is_bangkok() -> None:
    expected = fiscal_quarter_of(datetime.now(ZoneInfo("Asia/Bangkok")).date())
    assert parse_quarter("") == expected


def test_find_quarter() -> None:
    assert find_quarter("ส่งผล ไตรมาส 2/2566 ครับ") == FiscalQuarter(2566, 2)
    assert find_quarter("รายงาน Q3/67 แล้ว") == FiscalQuarter(2567, 3)
    assert find_quarter("ไตรมาสที่ 2 (1 ม.ค. 66 - 31 มี.ค. 66)") is None
    assert find_quarter("ครั้งที่ 3/2566") is None
    assert find_quarter("ไตรมาส 2 10 โครงการ") is None
    assert find_quarter("ไตรมาส 5/2566 หรือ ไตรมาส 1/2567") == FiscalQuarter(2567, 1)
    assert find_quarter_number("ไตรมาสที่ 2 (1 ม.ค. 66 - 31 มี.ค. 66)") == 2
    assert find_quarter_number("ไตรมาสที่ ๓") == 3
    assert find_quarter_number("ทุกไตรมาส เพื่อปรับปรุง") is None


# --------------------------------------------------------------------------- update fields


def test_extract_update_fields_full_message() -> None:
    fields = extract_update_fields(
        "ไตรมาส ๒/๒๕๖๖ งบ 3 ล้านบาท เบิกจ่าย ๒๕๐,๐๐๐ บาท ระดับ ๔ ร้อยละ ๔๐ จำนวน 12 โครงการ"
    )
    assert fields == UpdateFields(
        amount_baht=Decimal(250000),
        level=4,
        percent=Decimal(40),
        quarter=FiscalQuarter(2566, 2),
        count=12,
    )


def test_extract_update_fields_is_frozen() -> None:
    fields = extract_update_fields("ระดับ 4")
    with pytest.raises(dataclasses.FrozenInstanceError):
        fields.level = 5  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("เบิกจ่าย 2.5 ล้าน", UpdateFields(amount_baht=Decimal(2500000))),
        ("เบิกจ่ายแล้ว 50000 ระดับ 7", UpdateFields(amount_baht=Decimal(50000), level=7)),
        ("งบ 1 ล้านบาท", UpdateFields()),  # a budget, not money paid out
        ("ความก้าวหน้า 40%", UpdateFields(percent=Decimal(40))),
        ("ความก้าวหน้า 40 %", UpdateFields(percent=Decimal(40))),
        ("เบิกจ่าย 40%", UpdateFields(percent=Decimal(40))),
        ("ร้อยละ 12.5", UpdateFields(percent=Decimal("12.5"))),
        ("เบิกจ่าย -5 บาท", UpdateFields(amount_baht=Decimal(-5))),
        ("(2.0000 ระดับ 5)", UpdateFields(level=5)),
        ("ระดับความสำเร็จ ระดับ 3", UpdateFields(level=3)),
        ("Q1/67 ระดับ 2", UpdateFields(level=2, quarter=FiscalQuarter(2567, 1))),
        ("สวัสดีครับ", UpdateFields()),
        ("", UpdateFields()),
    ],
)
def test_extract_update_fields(text: str, expected: UpdateFields) -> None:
    assert extract_update_fields(text) == expected


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("disbursed 40,000 baht", Decimal(40000)),
        ("spent 1.2 million baht", Decimal(1200000)),
        ("THB 45,500 disbursed", Decimal(45500)),
        ("disbursed 40k baht", Decimal(40000)),
        ("disbursement of 250000, level 4", Decimal(250000)),
        ("a budget of 2 million baht, 30 people trained", None),
        ("disbursement target 900,000 baht", None),
        ("40,000 m of pipe laid", None),  # metres, not money
        ("visited 3 villages, paid 12 workers", None),  # counts after "paid" are no amount
    ],
)
def test_english_amounts(text: str, amount: Decimal | None) -> None:
    assert extract_update_fields(text).amount_baht == amount


@pytest.mark.parametrize(
    ("text", "quarter", "number", "error"),
    [
        ("ไตรมาสที่ 5/2566", None, None, "ไม่มีไตรมาสที่ 5"),
        ("Q0 2566", None, None, "ไม่มีไตรมาสที่ 0"),
        ("ไตรมาส 2/25666", None, None, "ปีงบประมาณ"),
        ("ไตรมาส 2 ปีงบ 3000", None, None, "ปีงบประมาณ"),
        ("ไตรมาส 2 1500 บาท", None, 2, None),  # an amount, not a year
        ("ไตรมาส 2 10 โครงการ", None, 2, None),
        ("quarter 2 of 2566", FiscalQuarter(2566, 2), None, None),
        ("Q2, 2023", FiscalQuarter(2566, 2), None, None),  # a CE year
        ("ไตรมาส 1 ... ไตรมาส 2/2566", FiscalQuarter(2566, 2), None, None),
    ],
)
def test_update_quarters(text: str, quarter: FiscalQuarter | None, number: int | None,
                         error: str | None) -> None:
    fields = extract_update_fields(text)
    assert (fields.quarter, fields.quarter_number) == (quarter, number)
    if error is None:
        assert fields.quarter_error is None
    else:
        assert fields.quarter_error is not None and error in fields.quarter_error[0]


# --------------------------------------------------------------------------- hostile input


@pytest.mark.parametrize(
    ("func", "text"),
    [
        (parse_money, ""),
        (parse_money, "   "),
        (parse_money, "😀"),
        (parse_money, "บาท"),
        (parse_money, "ล้านบาท"),
        (parse_money, "ไม่มีเงิน"),
        (parse_money, None),
        (parse_thai_date, ""),
        (parse_thai_date, "😀"),
        (parse_thai_date, "31 ก.พ. 2566"),
        (parse_thai_date, "30 กุมภาพันธ์ 2567"),
        (parse_thai_date, "29 ก.พ. 2566"),
        (parse_thai_date, "32 มกราคม 2566"),
        (parse_thai_date, "0 มกราคม 2566"),
        (parse_thai_date, "31 เม.ย. 66"),
        (parse_thai_date, "1 มกราคม 1500"),
        (parse_thai_date, "27 มี.ค."),
        (parse_thai_date, "1 ม.ค. 66 - 31 มี.ค. 66"),
        (parse_thai_date, "27 มี.ค. 2566 และ 28 มี.ค. 2566"),
        (parse_date_range, "31 มี.ค. 66 - 1 ม.ค. 66"),
        (parse_date_range, "๒๓ - ๒๐ กุมภาพันธ์ ๒๕๖๗"),
        (parse_date_range, "๒๙ กุมภาพันธ์ – ๘ ตุลาคม ๒๕๖๖"),
        (parse_quarter, "5/2566"),
        (parse_quarter, "0/2566"),
        (parse_quarter, "😀"),
        (parse_quarter, "Q2"),
        (parse_quarter, "ไตรมาส"),
        (parse_quarter, "2/1500"),
        (parse_quarter, "2/25666"),
    ],
)
def test_bad_input_raises_thai_parse_error(func: Callable[[str], object], text: str) -> None:
    with pytest.raises(ThaiParseError) as info:
        func(text)
    err = info.value
    assert isinstance(err, ValueError)
    assert any("\u0e01" <= c <= "\u0e5b" for c in str(err)), "message must be Thai"
    assert isinstance(err.english, str) and err.english.strip()
    assert err.english != str(err)


def test_error_messages_name_the_problem() -> None:
    with pytest.raises(ThaiParseError, match="31 กุมภาพันธ์ 2566") as info:
        parse_thai_date("31 ก.พ. 2566")
    assert "does not exist" in info.value.english
    with pytest.raises(ThaiParseError, match="ไตรมาสต้องเป็น 1–4"):
        parse_quarter("5/2566")
    with pytest.raises(ThaiParseError, match="Q2 2566") as info2:
        parse_quarter("ไตรมาสหน้า")
    assert "quarter" in info2.value.english


@pytest.mark.parametrize(
    ("year", "quarter"), [(2566, 0), (2566, 5), (66, 1), (2023, 1), (99999, 2)]
)
def test_quarter_dates_rejects_bad_input(year: int, quarter: int) -> None:
    with pytest.raises(ThaiParseError):
        quarter_dates(year, quarter)


@pytest.mark.parametrize("amount", [Decimal("NaN"), float("inf"), "100"])
def test_format_baht_rejects_non_numbers(amount: object) -> None:
    with pytest.raises(ThaiParseError):
        format_baht(amount)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "func", [find_money, find_dates, extract_update_fields, find_quarter, find_quarter_number]
)
def test_finders_tolerate_garbage(func: Callable[[str], object]) -> None:
    for text in ["", "😀😀", "\u200b\u0e4d", "๑๒๓๔๕๖๗๘๙๐" * 50, "- - ลบ บาท ล้าน ไตรมาส"]:
        func(text)  # must not raise
    assert find_money("😀 5 บาท") == [MoneyMatch(Decimal(5), 2, 7, "5 บาท")]


# -- issue 13, fault 8 ----------------------------------------------------------------------------
def test_find_dates_reads_dates_written_with_dashes() -> None:
    import datetime as _dt

    from knowledge.thai import find_dates

    [m] = find_dates("ประชุมวันที่ 15-ก.ค.-2565 ที่ศาลากลาง")
    assert (m.start_date, m.end_date, m.text) == (_dt.date(2022, 7, 15), _dt.date(2022, 7, 15),
                                                  "15-ก.ค.-2565")
    [m] = find_dates("ส่งภายใน 3/ม.ค./66")
    assert m.start_date == _dt.date(2023, 1, 3)
    # A dash between a date and a number is still no date: "5 ก.ค. - 10" is not 2510.
    assert [x.text for x in find_dates("5 ก.ค. - 10 ส.ค. 2565")] == ["5 ก.ค. - 10 ส.ค. 2565"]


@pytest.mark.parametrize("text", ["ระดับ " + "1" * 4301, "1" * 5000 + " แห่ง"])
def test_huge_numbers_in_an_update_are_a_thai_parse_error(text: str) -> None:
    from knowledge.thai import ThaiParseError, extract_update_fields

    with pytest.raises(ThaiParseError) as exc:
        extract_update_fields(text)
    assert "ยาวเกินไป" in str(exc.value)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="กขคงจนมาำ่้ ๐๑๒9\u0e4d\u0e32\u200b\u00a0\u2028abc.,", max_size=40))
def test_scan_fast_path_equals_the_character_walk(text: str) -> None:
    """Text with nothing to change skips the walk; the result is the walk's either way."""
    import re

    from knowledge import thai

    fast = thai._scan(text)
    saved = thai._SCAN_CHANGES_RE
    thai._SCAN_CHANGES_RE = re.compile(r"|")  # matches everywhere: always walk
    try:
        walked = thai._scan(text)
        # (the fast path keeps its offsets as ranges: the same offsets)
        assert (walked.text, list(walked.starts), list(walked.ends)) == \
            (fast.text, list(fast.starts), list(fast.ends))
    finally:
        thai._SCAN_CHANGES_RE = saved
    assert thai.to_arabic_digits(text) == text.translate(thai.THAI_DIGITS)


@pytest.mark.parametrize(("text", "expected"), [
    ("2024-01-01", date(2024, 1, 1)),
    ("2567-01-01", date(2024, 1, 1)),  # Buddhist era in ISO form: not the year 3110
    ("๒๕๖๗-๐๒-๒๙", date(2024, 2, 29)),  # BE 2567 is CE 2024, a leap year
    (" 2566-10-1 ", date(2023, 10, 1)),
])
def test_parse_iso_date_reads_christian_and_buddhist_years(text: str, expected: date) -> None:
    assert parse_iso_date(text) == expected


@pytest.mark.parametrize("text", ["2566-02-29", "2023-02-31", "1/1/2567", "", "2567-13-01"])
def test_parse_iso_date_refuses_what_is_no_date(text: str) -> None:
    with pytest.raises(ValueError):
        parse_iso_date(text)


def test_a_buddhist_era_iso_date_in_an_imported_file_is_read_as_such(tmp_path: Path) -> None:
    from knowledge.ingest import read_paths

    path = tmp_path / "news.jsonl"
    path.write_text('{"title": "ข่าว", "text": "ธนาคารขยะชุมชน", "date": "2567-01-15", '
                    '"kind": "news"}\n', encoding="utf-8")
    [doc] = read_paths([path])
    assert doc.date == date(2024, 1, 15)


@given(st.one_of(st.text(), thai_soup))
@example("ก\u0301\u0e4d\u0e49\u0e32")
@example("e\u0301 ก\u0e33")  # decomposed Latin: not NFC, the long path
def test_normalize_text_shortcut_equals_every_step(text: str) -> None:
    """Text already canonical comes back as is; any other goes through every step."""
    import re
    import unicodedata

    step = unicodedata.normalize("NFC", text)
    step = re.sub("[\u200b\u200c\u200d\ufeff\u2060]", "", step)
    step = step.replace("\u00a0", " ").replace("\u2028", "\n").replace("\u2029", "\n")
    step = re.sub("\u0e4d([\u0e48-\u0e4b]?)\u0e32", lambda m: m.group(1) + "\u0e33", step)
    assert normalize_text(text) == unicodedata.normalize("NFC", step)


@given(st.one_of(st.text(), thai_soup, st.text(alphabet="๐๑๙0ก\u0e4d\u0e32 \u00a0")))
def test_normalize_arabic_is_both_steps(text: str) -> None:
    from knowledge.thai import normalize_arabic

    assert normalize_arabic(text) == to_arabic_digits(normalize_text(text))


@pytest.mark.parametrize("text", ["เบิกจ่าย 1e400 บาท", "1.5e3 บาท", "x400 บาท", "0x400 บาท"])
def test_a_number_glued_to_latin_letters_is_no_amount(text: str) -> None:
    # "1e400 บาท" is not 400 baht: a number read from inside a token would be saved as a
    # wrong value.
    assert find_money(text) == []
    with pytest.raises(ThaiParseError):
        parse_money(text)


def test_update_fields_ignore_numbers_glued_to_latin_letters() -> None:
    fields = extract_update_fields("เบิกจ่าย 1e400 บาท 2e40% 3e12 แห่ง")
    assert fields.amount_baht is None and fields.percent is None and fields.count is None
    fields = extract_update_fields("เบิกจ่าย 400 บาท 40% 12 แห่ง")
    assert (fields.amount_baht, fields.percent, fields.count) == (Decimal(400), Decimal(40), 12)


@pytest.mark.parametrize(("text", "named"), [
    ("ไตรมาส 5/2566 ผลเป็นอย่างไร", [5]),
    ("Q2 FY2023 disbursement?", [2]),
    ("ไตรมาส -1 ปี 2566", [-1]),
    ("ไตรมาส ๒ และ quarter 7", [2, 7]),
    ("ครั้งที่ 3/2566 งบ 5 ล้านบาท", []),
])
def test_quarter_numbers_named_possible_or_not(text: str, named: list[int]) -> None:
    assert quarter_numbers(text) == named


@pytest.mark.parametrize(("baht", "text"), [
    (9_684_500, "9,684,500 บาท (9.6845 ล้านบาท)"),
    (100_000_889_999.5, "100,000,889,999.50 บาท (100,000.89 ล้านบาท)"),
    (2_500_000, "2,500,000 บาท (2.5 ล้านบาท)"),
    (999_999, "999,999 บาท"),
])
def test_millions_beside_the_exact_baht_state_the_same_value(baht: float, text: str) -> None:
    """"9.68 ล้านบาท" beside "9,684,500 บาท" would state another value than the text's."""
    from knowledge.thai import format_baht_millions

    assert format_baht_millions(baht) == text


def test_fiscal_year_of_starts_on_the_first_of_october() -> None:
    import datetime as _dt

    from knowledge.thai import fiscal_quarter_of, fiscal_year_of

    assert fiscal_year_of(_dt.date(2023, 9, 30)) == 2566
    assert fiscal_year_of(_dt.date(2023, 10, 1)) == 2567
    assert fiscal_year_of(_dt.date(1990, 11, 5)) == 2534  # no range check: any document's date
    october = _dt.date(2023, 10, 1)
    assert fiscal_quarter_of(october).fiscal_year == fiscal_year_of(october)
