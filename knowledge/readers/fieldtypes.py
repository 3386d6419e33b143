"""The checks every ingested field goes through, whatever file it comes in.

A JSON document (``{title, text, date}``), a ThaiME project record and a workbook row
are read by different readers, but a value of the wrong kind is refused by the same
rules, with a reason in Thai then English (:class:`~knowledge.parsers.DocumentError`):
text that is not text, an amount that is not a non-negative number of baht, a date
that is not a date, a fiscal year or quarter that is not one.  Nothing is stored
half-read (a budget of "abc" as no budget, a date of "soon" as no date).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from knowledge.parsers import DocumentError
from knowledge.plausible import implausible_reason
from knowledge.textcut import shorten
from knowledge.thai import dotted_amounts, find_money, parse_iso_date, to_arabic_digits
from knowledge.thai_numbers import dotted_question, typed_amount_problem

__all__ = ["AmbiguousAmount", "NegativeAmount", "amount_of", "check_strings", "read_amount",
           "read_budget", "read_iso_date", "read_whole_number"]

_JSON_TYPE_NAMES = {bool: ("true/false", "boolean"), int: ("ตัวเลข", "number"),
                    float: ("ตัวเลข", "number"), list: ("รายการ", "array"),
                    dict: ("ออบเจ็กต์", "object"), str: ("ข้อความ", "string")}
#: The largest amount taken (baht): more than any budget; a typing slip beyond it.
MAX_AMOUNT = Decimal(10) ** 15
#: An ISO date, optionally with its time ("2020-06-18", "2020-06-18T00:00:00+07:00").
_ISO_DATE_TIME = re.compile(r"\s*(\d{4}-\d{1,2}-\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?\s*")


def _type_names(value: object) -> tuple[str, str]:
    return _JSON_TYPE_NAMES.get(type(value), ("ค่าชนิดอื่น", type(value).__name__))


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def check_strings(obj: dict[str, object], names: Iterable[str], where: str) -> None:
    """Refuse a field of ``names`` that holds no string (``null`` is no value).

    ``{"title": "x", "text": 5}`` has a text, but a number: told as such, not "missing".
    """
    for name in names:
        value = obj.get(name)
        if value is None or isinstance(value, str):
            continue
        thai, english = _type_names(value)
        raise DocumentError(
            f"{where}: ช่อง {name} ต้องเป็นข้อความ แต่ได้รับ{thai} "
            f"(\"{name}\" must be a string, got a {english})")


class AmbiguousAmount(ValueError):
    """A typed amount that reads two ways ("250.000", "1,00,000"); ``args[0]``: (Thai, English)."""


class NegativeAmount(ValueError):
    """An amount below zero: an amount, but no budget; ``args[0]``: the amount."""


def amount_of(value: object) -> Decimal | None:
    """An amount of baht from a number or typed text ("6,113,000", "๕๐๐ บาท"); None when blank.

    Raises :class:`AmbiguousAmount` for typed text that reads two ways ("250.000": 250 or
    250,000; "1,00,000": commas out of place), ``ValueError`` for true/false, text that
    is no number, an infinite or implausible amount (:data:`MAX_AMOUNT` or more), and
    :class:`NegativeAmount` (a ``ValueError``) for an amount below zero.  Typed text may
    be digits or one amount in words ("สองแสน", "2 แสน 5 หมื่น").
    The one reading of amounts behind :func:`read_amount` and the workbook reader.
    """
    if _blank(value):
        return None
    if isinstance(value, bool):
        raise ValueError("boolean")
    typed = to_arabic_digits(str(value)).replace("บาท", "").strip()
    problem = typed_amount_problem(typed) if isinstance(value, str) else None
    if problem is None and isinstance(value, str) and (dotted := dotted_amounts(typed)):
        problem = (dotted_question(dotted[0], english=False, chat=False),  # "Baht 250.000"
                   dotted_question(dotted[0], english=True, chat=False))
    if problem is not None:  # "250.000", "1,00,000": read one way, a guess
        raise AmbiguousAmount(problem)
    amount = _typed_money(typed)
    if amount.is_finite() and amount < 0:
        raise NegativeAmount(amount)
    if not amount.is_finite() or amount >= MAX_AMOUNT:
        raise ValueError(str(value))
    return amount


def _typed_money(typed: str) -> Decimal:
    """An amount typed as digits, or as one amount in words as ``/update`` reads them.

    "1,200,000", "สองแสน", "2 แสน 5 หมื่น", "1.2 ล้าน", "2.45 ลบ.", "THB 45,000",
    "12K"; ValueError when it is neither
    (no amount, several, or words around it: "ประมาณ 2 แสน").
    """
    raw = typed.replace(",", "")
    try:
        return Decimal(raw)
    except InvalidOperation:
        pass
    for full in (typed, f"{typed} บาท"):  # "2.45 ลบ.", "THB 45,000"; "สองแสน", "1.2 ล้าน"
        found = find_money(full)
        if len(found) == 1 and not full[:found[0].start].strip() \
                and not full[found[0].end:].strip():
            return found[0].amount
    raise ValueError(raw)


def read_amount(value: object, name: str, where: str) -> Decimal | None:
    """An amount of baht: a JSON number or a numeric string ("6,113,000"); None when blank.

    Raises :class:`DocumentError` for text that is no number, true/false, a negative,
    infinite or implausible amount (1,000 million million baht or more), or text that
    reads two ways ("250.000": 250 or 250,000; "1,00,000": commas out of place)
    (:func:`amount_of`).
    """
    if _blank(value):
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        thai, english = _type_names(value)
        raise DocumentError(f"{where}: ช่อง {name} ต้องเป็นจำนวนเงิน แต่ได้รับ{thai} "
                            f"(\"{name}\" must be an amount, got a {english})")
    try:
        return amount_of(value)
    except AmbiguousAmount as exc:
        thai, english = exc.args[0]
        raise DocumentError(f"{where}: ช่อง {name} {thai} (\"{name}\": {english})") from None
    except ValueError:
        raise DocumentError(f"{where}: ช่อง {name} ไม่ใช่จำนวนเงินที่ถูกต้อง: {shorten(str(value), 40)!r} "
                            f"(\"{name}\" must be a non-negative amount of baht, "
                            f"got {shorten(str(value), 40)!r})") from None


def read_budget(value: object, name: str, where: str) -> Decimal | None:
    """A project's budget: :func:`read_amount`, below a million million baht.

    Raises :class:`DocumentError` for an amount no one project can have
    (:data:`knowledge.plausible.MAX_PROJECT_BUDGET`), with the amount and why.
    """
    amount = read_amount(value, name, where)
    if amount is not None:
        why = implausible_reason(amount)
        if why is not None:
            raise DocumentError(f"{where}: ช่อง {name} สูงเกินกว่าโครงการหนึ่งจะเป็นไปได้: {why} "
                                f"(\"{name}\" is implausibly large for one project: "
                                f"{implausible_reason(amount, english=True)})")
    return amount


def read_whole_number(value: object, name: str, where: str, low: int, high: int) -> int | None:
    """A whole number from ``low`` to ``high`` (a JSON number or digits); None when blank."""
    if _blank(value):
        return None
    number: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and to_arabic_digits(value).strip().isdigit():
        number = int(to_arabic_digits(value).strip())
    if number is None or not low <= number <= high:
        raise DocumentError(f"{where}: ช่อง {name} ต้องเป็นจำนวนเต็ม {low}–{high} แต่ได้รับ "
                            f"{shorten(str(value), 40)!r} (\"{name}\" must be a whole number "
                            f"{low}-{high}, got {shorten(str(value), 40)!r})")
    return number


def read_iso_date(value: object, name: str, where: str) -> dt.date | None:
    """A date written YYYY-MM-DD (a time after it is allowed); None when blank."""
    if _blank(value):
        return None
    m = _ISO_DATE_TIME.fullmatch(value) if isinstance(value, str) else None
    try:
        if m is None:
            raise ValueError(value)
        return parse_iso_date(m.group(1))
    except ValueError as exc:
        raise DocumentError(f"{where}: ช่อง {name} ไม่ใช่วันที่ที่ถูกต้อง: {shorten(str(value), 40)!r} "
                            f"(\"{name}\" must be an existing YYYY-MM-DD date, "
                            f"got {shorten(str(value), 40)!r})") from exc
