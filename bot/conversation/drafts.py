"""Reading an officer's progress text: the fields understood, or why it cannot be stored.

Shared by the one-line ``/update PROJECT_ID TEXT`` and the guided conversation, so
both refuse the same things (examples and placeholders, text too long, a level out of
1-5, an impossible amount or percentage) with the same polite Thai words, and both
echo what was understood the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from bot.examples import example_reason
from knowledge.thai import (
    FiscalQuarter,
    ThaiParseError,
    extract_update_fields,
    format_baht,
)
from knowledge.updates import MAX_UPDATE_CHARS

__all__ = ["MAX_AMOUNT", "DraftError", "Reading", "read_update_text", "understood_lines"]

MAX_AMOUNT = Decimal("100000000000")  # 100,000 ล้านบาท: more than any project's budget


class DraftError(ValueError):
    """Text that cannot be stored as an update; the message is the Thai reason."""


@dataclass(frozen=True)
class Reading:
    """What an update's text says: amount (baht), level (1-5), percent, quarter."""

    text: str
    quarter: FiscalQuarter
    amount_baht: Decimal | None = None
    level: int | None = None
    percent: Decimal | None = None

    def to_json(self) -> dict[str, Any]:
        """A JSON-safe dict (numbers as strings) for a conversation's stored draft."""
        return {"text": self.text, "fy": self.quarter.fiscal_year, "q": self.quarter.quarter,
                "amount": None if self.amount_baht is None else str(self.amount_baht),
                "level": self.level,
                "percent": None if self.percent is None else str(self.percent)}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Reading:
        """The reading :meth:`to_json` stored."""
        return cls(text=str(d["text"]), quarter=FiscalQuarter(int(d["fy"]), int(d["q"])),
                   amount_baht=None if d.get("amount") is None else Decimal(d["amount"]),
                   level=d.get("level"),
                   percent=None if d.get("percent") is None else Decimal(d["percent"]))


def read_update_text(text: str, default_quarter: FiscalQuarter) -> Reading:
    """Read ``text`` (already stripped) or raise :class:`DraftError` saying why not.

    A quarter named in the text files the update there; otherwise it is
    ``default_quarter`` (the current one in Asia/Bangkok).
    """
    if not text:
        raise DraftError("กรุณาพิมพ์ข้อความความคืบหน้า (please type the progress)")
    why_not = example_reason(text)
    if why_not is not None:
        raise DraftError(why_not)
    if len(text) > MAX_UPDATE_CHARS:
        raise DraftError(f"ข้อความยาวเกินไป ({len(text):,} ตัวอักษร) กรุณาสรุปให้ไม่เกิน "
                         f"{MAX_UPDATE_CHARS:,} ตัวอักษร ยังไม่ได้บันทึก")
    try:
        fields = extract_update_fields(text)
    except ThaiParseError as exc:
        raise DraftError(f"อ่านข้อความไม่ได้: {exc} ยังไม่ได้บันทึก") from exc
    problems = []
    if fields.level is not None and not 1 <= fields.level <= 5:
        problems.append(f"ระดับต้องอยู่ระหว่าง 1–5 (ได้ {fields.level})")
    amount = fields.amount_baht
    if amount is not None and (amount < 0 or amount > MAX_AMOUNT):
        problems.append(f"จำนวนเงินไม่สมเหตุสมผล ({amount:,} บาท)")
    if fields.percent is not None and not 0 <= fields.percent <= 100:
        problems.append(f"ร้อยละต้องอยู่ระหว่าง 0–100 (ได้ {fields.percent})")
    if problems:
        raise DraftError("ยังไม่ได้บันทึก กรุณาแก้ไข: " + "; ".join(problems))
    return Reading(text=text, quarter=fields.quarter or default_quarter, amount_baht=amount,
                   level=fields.level, percent=fields.percent)


def understood_lines(
    project_id: int,
    project_name: str,
    quarter: FiscalQuarter,
    amount: Decimal | None,
    level: int | None,
    percent: Decimal | None,
) -> list[str]:
    """The echo of an update: project, quarter, and each field that was recognised."""
    lines = [f"โครงการ: [{project_id}] {project_name}",
             f"ไตรมาส: {quarter.quarter}/{quarter.fiscal_year}"]
    if amount is not None:
        lines.append(f"เบิกจ่าย: {format_baht(amount)}")
    if level is not None:
        lines.append(f"ระดับ: {level}")
    if percent is not None:
        lines.append(f"ร้อยละ: {percent}")
    return lines
