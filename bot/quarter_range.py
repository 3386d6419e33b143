"""The quarters a command may name, one range for every command that takes a quarter.

Progress is reported from fiscal year :data:`EARLIEST_FISCAL_YEAR` (the SDG projects'
first) to the current quarter (``/update`` refuses a quarter that has not begun).  A
summary may be asked for any quarter from that year to the end of the next fiscal year,
but for one that has not begun it says so instead of listing missing reports; reminders
and non-submitter lists (``/missing``, ``sdgbot missing``, ``sdgbot remind``) are
refused for it: nobody can have reported on it yet.
"""

from __future__ import annotations

from bot.bilingual import Bilingual
from knowledge.thai import FiscalQuarter, format_thai_date

__all__ = ["EARLIEST_FISCAL_YEAR", "check_begun", "check_in_range", "not_begun_note"]

#: The first fiscal year an update may be filed under or a summary asked for: fiscal
#: 2559 began on 1 October 2015, just after the SDGs were adopted; an earlier year is a
#: typing slip ("2/2466").
EARLIEST_FISCAL_YEAR = 2559

_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _label(q: FiscalQuarter) -> str:
    return f"{q.quarter}/{q.fiscal_year}"


def _start_en(q: FiscalQuarter) -> str:
    return f"{q.start.day} {_MONTHS_EN[q.start.month - 1]} {q.start.year}"


def check_in_range(q: FiscalQuarter, current: FiscalQuarter) -> None:
    """Refuse a fiscal year before :data:`EARLIEST_FISCAL_YEAR` or after the next one.

    ``Bilingual`` (a ``ValueError``) saying the range, Thai and English.
    """
    last = current.fiscal_year + 1
    if EARLIEST_FISCAL_YEAR <= q.fiscal_year <= last:
        return
    raise Bilingual(
        f"ปีงบประมาณ {q.fiscal_year} อยู่นอกช่วงที่ใช้ได้ (พ.ศ. {EARLIEST_FISCAL_YEAR}–{last}; "
        f"ปีงบประมาณปัจจุบันคือ {current.fiscal_year})",
        f"fiscal year {q.fiscal_year} is outside the years that can be used "
        f"({EARLIEST_FISCAL_YEAR}–{last}; this fiscal year is {current.fiscal_year}).")


def not_begun_note(q: FiscalQuarter, current: FiscalQuarter) -> Bilingual | None:
    """What to say of a quarter that has not begun ("ยังไม่เริ่ม"), or None when it has."""
    if q <= current:
        return None
    return Bilingual(
        f"ไตรมาส {_label(q)} ยังไม่เริ่ม (เริ่ม {format_thai_date(q.start, short=True)}; "
        f"ไตรมาสปัจจุบันคือ {_label(current)}) จึงยังไม่มีใครรายงานได้",
        f"quarter {_label(q)} has not begun (it starts on {_start_en(q)}; the current "
        f"quarter is {_label(current)}), so nobody can have reported on it yet.")


def check_begun(q: FiscalQuarter, current: FiscalQuarter) -> None:
    """Refuse, for reminders and non-submitter lists, a quarter out of range or not begun."""
    check_in_range(q, current)
    note = not_begun_note(q, current)
    if note is not None:
        raise Bilingual(f"{note.thai} ไม่มีการเตือนหรือรายชื่อผู้ค้างส่งสำหรับไตรมาสนี้",
                        f"{note.english[:1].upper()}{note.english[1:]} There are no reminders "
                        "or non-submitter lists for it.")
