"""Reading an officer's progress text: the fields understood, or why it cannot be stored.

Shared by the one-line ``/update PROJECT_ID TEXT`` and the guided conversation, so
both refuse the same things (examples and placeholders, text too long, a level out of
1-5, an impossible amount or percentage) with the same polite Thai words, and both
echo what was understood the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from bot.examples import example_reason
from knowledge.thai import (
    FiscalQuarter,
    ThaiParseError,
    UpdateFields,
    extract_update_fields,
    format_baht,
    format_percent,
    format_thai_date,
)
from knowledge.updates import DUPLICATE_WINDOW, MAX_UPDATE_CHARS

__all__ = ["EARLIEST_FISCAL_YEAR", "MAX_AMOUNT", "DraftError", "Reading", "duplicate_note",
           "is_english", "read_update_text", "understood_lines"]

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


#: The first fiscal year an update may be filed under: fiscal 2559 began on 1 October 2015,
#: just after the SDGs were adopted; an earlier year is a typing slip ("2/2466").
EARLIEST_FISCAL_YEAR = 2559


def is_english(text: str) -> bool:
    """Whether ``text`` is written in English: Latin letters and no Thai ones."""
    return bool(re.search(r"[A-Za-z]", text)) and not re.search(r"[\u0e00-\u0e7f]", text)


_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _period(q: FiscalQuarter, english: bool) -> str:
    """The quarter's days: "1 ต.ค. 2569 – 31 ธ.ค. 2569", or "1 Oct 2026 – 31 Dec 2026"."""
    if english:
        return " – ".join(f"{d.day} {_MONTHS_EN[d.month - 1]} {d.year}" for d in (q.start, q.end))
    return f"{format_thai_date(q.start, short=True)} – {format_thai_date(q.end, short=True)}"


def _quarter_of(fields: UpdateFields, current: FiscalQuarter, english: bool
                ) -> FiscalQuarter | None:
    """The quarter the text names, or None; DraftError when it cannot be meant.

    A quarter without a year is the latest such quarter that has begun ("ไตรมาส 4" in
    quarter 1/2570 is 4/2569).  A quarter that has not begun is refused rather than
    stored: progress is work done, and a future quarter is almost always a slip of the
    year (2570 for 2569), which would put the money in a summary no one looks at yet.
    """
    if fields.quarter_error is not None:
        thai, eng = fields.quarter_error
        raise DraftError(f"{eng}. Not saved: please check the quarter (1-4) and the fiscal "
                         "year (Buddhist era, e.g. Q2/2566)." if english else
                         f"{thai} ยังไม่ได้บันทึก กรุณาตรวจสอบไตรมาส (1–4) และปีงบประมาณ "
                         "(พ.ศ. เช่น ไตรมาส 2/2566)")
    quarter = fields.quarter
    if quarter is None and fields.quarter_number is not None:
        n = fields.quarter_number
        quarter = FiscalQuarter(current.fiscal_year - (n > current.quarter), n)
    if quarter is None:
        return None
    label = f"{quarter.quarter}/{quarter.fiscal_year}"
    now = f"{current.quarter}/{current.fiscal_year}"
    if quarter > current:
        raise DraftError(
            f"Quarter {label} ({_period(quarter, True)}) has not begun yet; the current "
            f"quarter is {now} ({_period(current, True)}). Progress is reported for the "
            "current or a past quarter. Not saved: please check the quarter and the year."
            if english else
            f"ไตรมาส {label} ({_period(quarter, False)}) ยังไม่เริ่ม ไตรมาสปัจจุบันคือ {now} "
            f"({_period(current, False)}) รายงานความคืบหน้าได้สำหรับไตรมาสปัจจุบันหรือที่ผ่านมา "
            "ยังไม่ได้บันทึก กรุณาตรวจสอบไตรมาสและปีงบประมาณ")
    if quarter.fiscal_year < EARLIEST_FISCAL_YEAR:
        raise DraftError(
            f"Quarter {label} is before fiscal year {EARLIEST_FISCAL_YEAR}, the first of the "
            "SDG projects. Not saved: please check the year (Buddhist era, e.g. 2566)."
            if english else
            f"ไตรมาส {label} อยู่ก่อนปีงบประมาณ {EARLIEST_FISCAL_YEAR} ซึ่งเป็นปีแรกของโครงการ "
            "SDGs ยังไม่ได้บันทึก กรุณาตรวจสอบปีงบประมาณ (พ.ศ. เช่น 2566)")
    return quarter


def read_update_text(text: str, default_quarter: FiscalQuarter,
                     current: FiscalQuarter | None = None) -> Reading:
    """Read ``text`` (already stripped) or raise :class:`DraftError` saying why not.

    A quarter named in the text files the update there; otherwise it is
    ``default_quarter`` (the current one in Asia/Bangkok, or for ``/edit`` the
    update's own).  ``current`` is today's quarter (default: ``default_quarter``): a
    quarter after it, one that cannot exist, or one before :data:`EARLIEST_FISCAL_YEAR`
    is refused.  The reason is English when the text is (:func:`is_english`).
    """
    english = is_english(text)
    if not text:
        raise DraftError("กรุณาพิมพ์ข้อความความคืบหน้า (please type the progress)")
    why_not = example_reason(text)
    if why_not is not None:
        raise DraftError(why_not)
    if len(text) > MAX_UPDATE_CHARS:
        raise DraftError(f"The text is too long ({len(text):,} characters): please keep it "
                         f"within {MAX_UPDATE_CHARS:,}. Not saved." if english else
                         f"ข้อความยาวเกินไป ({len(text):,} ตัวอักษร) กรุณาสรุปให้ไม่เกิน "
                         f"{MAX_UPDATE_CHARS:,} ตัวอักษร ยังไม่ได้บันทึก")
    try:
        fields = extract_update_fields(text)
    except ThaiParseError as exc:
        raise DraftError(f"Cannot read the text: {exc.english}. Not saved." if english else
                         f"อ่านข้อความไม่ได้: {exc} ยังไม่ได้บันทึก") from exc
    problems = []
    if fields.level is not None and not 1 <= fields.level <= 5:
        problems.append(f"the level must be 1-5 (got {fields.level})" if english else
                        f"ระดับต้องอยู่ระหว่าง 1–5 (ได้ {fields.level})")
    amount = fields.amount_baht
    if amount is not None and (amount < 0 or amount > MAX_AMOUNT):
        problems.append(f"the amount is not plausible ({format_baht(amount, english=True)})"
                        if english else f"จำนวนเงินไม่สมเหตุสมผล ({format_baht(amount)})")
    if fields.percent is not None and not 0 <= fields.percent <= 100:
        problems.append(f"the percentage must be 0-100 (got {fields.percent})" if english else
                        f"ร้อยละต้องอยู่ระหว่าง 0–100 (ได้ {fields.percent})")
    if problems:
        raise DraftError(("Not saved, please correct: " if english else
                          "ยังไม่ได้บันทึก กรุณาแก้ไข: ") + "; ".join(problems))
    quarter = _quarter_of(fields, current or default_quarter, english)
    return Reading(text=text, quarter=quarter or default_quarter, amount_baht=amount,
                   level=fields.level, percent=fields.percent)


def understood_lines(
    project_id: int,
    project_name: str,
    quarter: FiscalQuarter,
    amount: Decimal | None,
    level: int | None,
    percent: Decimal | None,
    *,
    english: bool = False,
) -> list[str]:
    """The echo of an update: project, quarter, and each field that was recognised."""
    project, quarter_label, disbursed, level_label, percent_label = _ECHO_LABELS[english]
    lines = [f"{project}: [{project_id}] {project_name}",
             f"{quarter_label}: {quarter.quarter}/{quarter.fiscal_year}"]
    if amount is not None:
        lines.append(f"{disbursed}: {format_baht(amount, english=english)}")
    if level is not None:
        lines.append(f"{level_label}: {level}")
    if percent is not None:
        lines.append(f"{percent_label}: {format_percent(percent)}")
    return lines


#: The echo's labels, Thai and English: project, quarter, disbursed, level, percent.
_ECHO_LABELS = {False: ("โครงการ", "ไตรมาส", "เบิกจ่าย", "ระดับ", "ร้อยละ"),
                True: ("Project", "Quarter", "Disbursed", "Level", "Percent")}


def duplicate_note(update_id: int, english: bool = False) -> str:
    """The reply to an update sent again (see :data:`knowledge.updates.DUPLICATE_WINDOW`)."""
    minutes = int(DUPLICATE_WINDOW.total_seconds() // 60)
    if english:
        return (f"ℹ️ Not saved again: the same text for this project was saved as update "
                f"#{update_id} less than {minutes} minutes ago, so it is counted once. If it is "
                "really a new report, add what differs (the date or the activity).")
    return (f"ℹ️ ไม่บันทึกซ้ำ: ข้อความเดียวกันของโครงการนี้บันทึกไว้แล้วเป็นรายงาน #{update_id} "
            f"เมื่อไม่ถึง {minutes} นาทีก่อน จึงนับเพียงครั้งเดียว หากเป็นรายงานใหม่จริง "
            "กรุณาเพิ่มรายละเอียดที่ต่างออกไป (เช่น วันที่หรือกิจกรรม)")
