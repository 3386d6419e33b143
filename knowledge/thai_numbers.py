"""Numbers as Thai writes them in words, and amounts whose dots cannot be told apart.

* :func:`thai_words_value`: "สองแสนห้าหมื่น" is 250,000, "หนึ่งล้านสองแสน" 1,200,000,
  "ยี่สิบเอ็ด" 21.  Only well-formed numbers are read: magnitude words below a million
  stand in decreasing order within each million ("ห้าหมื่นสองแสน" is no number), and a
  digit word stands before a magnitude word or last ("สองสาม" is none).
* :data:`DOTTED_THOUSANDS`: "250.000" or "1.250.000" groups its digits by three with
  dots, as much of Europe writes thousands, and reads equally as a decimal ("250.000"
  baht may be 250 or 250,000).  An amount of baht written so is asked about, never
  read one way silently (:func:`dotted_question`).
* :func:`typed_amount_problem`: why a typed amount (a workbook cell, a JSON string) is
  not one number of baht that can be read one way only, or None.
"""

from __future__ import annotations

import re
from decimal import Decimal

__all__ = ["DOTTED_THOUSANDS", "THAI_NUMBER_WORDS", "dotted_question", "thai_words_value",
           "typed_amount_problem"]

_DIGITS = {"ศูนย์": 0, "หนึ่ง": 1, "เอ็ด": 1, "สอง": 2, "ยี่": 2, "สาม": 3, "สี่": 4, "ห้า": 5,
           "หก": 6, "เจ็ด": 7, "แปด": 8, "เก้า": 9}
_MAGNITUDES = {"สิบ": 10, "ร้อย": 100, "พัน": 1_000, "หมื่น": 10_000, "แสน": 100_000,
               "ล้าน": 1_000_000}
_TOKEN = "|".join(sorted([*_DIGITS, *_MAGNITUDES], key=len, reverse=True))
_TOKEN_RE = re.compile(_TOKEN)
#: A run of Thai number words ("สองแสนห้าหมื่น"): read it with :func:`thai_words_value`,
#: which refuses a run that is no number.
THAI_NUMBER_WORDS = rf"(?:{_TOKEN})+"

#: Digits grouped by three with dots ("250.000", "1.250.000"), the first group not 0
#: ("0.500" is a decimal), not part of a longer number.
DOTTED_THOUSANDS = r"(?<![\d.,])[1-9]\d{0,2}(?:\.\d{3})+(?![\d,]|\.\d)"
_DOTTED_RE = re.compile(DOTTED_THOUSANDS)
#: A number whose commas group by three ("1,250,000.50"), or with no comma.
_WELL_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")


def thai_words_value(words: str) -> int | None:
    """The number ``words`` (Thai number words only, no spaces) states, or None.

    >>> thai_words_value("สองแสนห้าหมื่น"), thai_words_value("หนึ่งล้านสองแสน")
    (250000, 1200000)
    >>> thai_words_value("ห้าหมื่นสองแสน") is None
    True
    """
    tokens = _TOKEN_RE.findall(words)
    if not tokens or "".join(tokens) != words:
        return None
    total = 0  # whole millions read so far, times a million
    section = 0  # below a million
    digit: int | None = None
    last_magnitude = 10 ** 7  # within the section, magnitudes must fall
    for token in tokens:
        if token in _DIGITS:
            if digit is not None:
                return None  # "สองสาม"
            digit = _DIGITS[token]
            continue
        size = _MAGNITUDES[token]
        if size == 1_000_000:
            number = section + (digit or 0)
            if number == 0 and total == 0:
                number = 1  # "ล้าน" alone: a million
            total = (total + number) * 1_000_000
            section, digit, last_magnitude = 0, None, 10 ** 7
            continue
        if size >= last_magnitude:
            return None  # "ห้าหมื่นสองแสน", "สิบสิบ"
        if digit == 0:
            return None
        section += (1 if digit is None else digit) * size
        digit, last_magnitude = None, size
    return total + section + (digit or 0)


def dotted_question(written: str, *, english: bool, chat: bool = True) -> str:
    """The question to ask about an amount written "250.000": which amount is meant.

    ``written``: the number as typed.  Polite, Thai or English.  ``chat``: the words
    end by saying nothing was saved and how to send it again; without, for a file's
    field, they only ask.
    """
    grouped = f"{int(written.replace('.', '')):,}"
    if written.count(".") > 1:  # "1.250.000": no decimal reading, yet no Thai grouping
        if english:
            said = f"“{written}” groups its digits with dots: is it {grouped} baht?"
            return said + (f" Not saved: please write it as {grouped}." if chat else "")
        said = f"“{written}” ใช้จุดคั่นหลักพัน หมายถึง {grouped} บาท ใช่หรือไม่?"
        return said + (f" ยังไม่ได้บันทึก กรุณาพิมพ์ใหม่เป็น {grouped}" if chat else "")
    as_decimal = f"{Decimal(written).normalize():,f}"
    if english:
        said = (f"“{written}” can be read two ways: {grouped} baht, or {as_decimal} baht. "
                "Which is it?")
        return said + (f" Not saved: please write it as {grouped} or {as_decimal}." if chat
                       else "")
    said = f"“{written}” อ่านได้สองแบบ คือ {grouped} บาท หรือ {as_decimal} บาท หมายถึงจำนวนใด?"
    return said + (f" ยังไม่ได้บันทึก กรุณาพิมพ์ใหม่เป็น {grouped} หรือ {as_decimal}" if chat
                   else "")


def typed_amount_problem(raw: str) -> tuple[str, str] | None:
    """(Thai, English) why ``raw`` (Arabic digits, "บาท" and spaces removed) reads two ways.

    "250.000" (dots grouping thousands, or three decimals) and "1,00,000" (commas that
    do not group by three: 100,000 or a slip of a digit?) are refused rather than read
    one way; None for any other text (whether it is a number at all is the caller's).
    """
    text = raw.strip()
    if _DOTTED_RE.fullmatch(text):
        return (dotted_question(text, english=False, chat=False),
                dotted_question(text, english=True, chat=False))
    if ("," in text and re.fullmatch(r"[\d,]+(?:\.\d+)?", text)
            and not _WELL_GROUPED.fullmatch(text)):
        return (f"“{text}” คั่นหลักด้วยจุลภาคไม่ถูกตำแหน่ง (ควรคั่นทุกสามหลัก เช่น 100,000)",
                f"“{text}” has commas that do not group thousands (e.g. 100,000)")
    return None
