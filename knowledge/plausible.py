"""How large a project's budget can plausibly be, and what to say about one that is not.

A project list's row, a project record, a report form or an officer's update that states
a budget of 1,000,000,000,000 baht for one อบต. project is a typing slip (zeros added, a
total typed into a project's cell), not a project: summed, it swamps every total it goes
into.  Two bounds tell such an amount, each with its reason:

- :data:`MAX_PROJECT_BUDGET`, for any one project anywhere: a million million baht.
- :func:`file_bound`, within one file of many projects: :data:`OUTLIER_FACTOR` times the
  file's median budget (four orders of magnitude above the file's typical project), but
  never below :data:`OUTLIER_FLOOR` (a large project among small ones is no slip).

Amounts are :class:`~decimal.Decimal` baht throughout.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable
from decimal import Decimal

from knowledge.thai import format_baht

__all__ = [
    "FUTURE_DATE_DAYS",
    "MAX_PROJECT_BUDGET",
    "MIN_BUDGETS_FOR_MEDIAN",
    "OUTLIER_FACTOR",
    "OUTLIER_FLOOR",
    "REFUSED_REASON",
    "file_bound",
    "future_date",
    "implausible_reason",
    "trusted_date",
]

#: No one project's budget reaches a million million baht (10**12): that is over a quarter
#: of a whole year's national budget (3,480,000 million baht in FY2567, 3,752,700 million
#: in FY2568) and over five times the largest single project the government has funded
#: (the Bangkok–Nakhon Ratchasima high-speed railway, about 179,000 million baht).
MAX_PROJECT_BUDGET = Decimal(10) ** 12
#: Within one file, a budget this many times the file's median (four orders of magnitude)
#: is no project of that list: a 500,000-baht list's 5,000 million.
OUTLIER_FACTOR = 10_000
#: ... but an amount under 1,000 million baht is never told for being large beside its
#: file: a province's large works project (a bridge, a dam) can be one among small ones.
OUTLIER_FLOOR = Decimal(10) ** 9
#: Budgets a file needs (known and above 0) for its median to say what its projects are.
MIN_BUDGETS_FOR_MEDIAN = 5
#: The reason a workbook row is refused for such a budget (Thai, then English).
REFUSED_REASON = ("วงเงินงบประมาณสูงเกินกว่าที่โครงการหนึ่งจะเป็นไปได้ "
                  "(budget implausibly large for one project)")


#: A document dated this many days after today is dated in the future: no release, form
#: or record is written before its day (a day's slack for time zones and a release
#: prepared the day before it goes out).
FUTURE_DATE_DAYS = 2


def future_date(date: dt.date | None, today: dt.date | None = None) -> bool:
    """Whether ``date`` lies beyond ``today`` (default: the machine's) + :data:`FUTURE_DATE_DAYS`.

    A document dated 2099-12-31 is a typing slip or a planted file; trusted, it would be
    every "ล่าสุด" question's answer.
    """
    if date is None:
        return False
    today = today or dt.date.today()
    return date > today + dt.timedelta(days=FUTURE_DATE_DAYS)


def trusted_date(date: dt.date | None, today: dt.date | None = None) -> dt.date | None:
    """``date`` when it can be a document's date, else None (see :func:`future_date`)."""
    return None if future_date(date, today) else date


def file_bound(budgets: Iterable[Decimal | None]) -> tuple[Decimal, Decimal | None]:
    """The largest plausible budget of a file's projects, and the median it comes from.

    ``budgets``: the file's project budgets (None or 0 for unknown ones are left out).
    With fewer than :data:`MIN_BUDGETS_FOR_MEDIAN` known, the bound is
    :data:`MAX_PROJECT_BUDGET` alone and the median None.
    """
    known = [b for b in budgets if b is not None and b > 0]
    if len(known) < MIN_BUDGETS_FOR_MEDIAN:
        return MAX_PROJECT_BUDGET, None
    median = Decimal(statistics.median(known))
    return min(MAX_PROJECT_BUDGET, max(OUTLIER_FLOOR, median * OUTLIER_FACTOR)), median


def implausible_reason(amount: Decimal, bound: Decimal = MAX_PROJECT_BUDGET,
                       median: Decimal | None = None, *, english: bool = False) -> str | None:
    """Why ``amount`` (baht) is no plausible project budget under ``bound``, or None.

    ``median``: the file's median the bound was made from (:func:`file_bound`), named in
    the reason.  Thai unless ``english``.
    """
    if amount < bound:
        return None
    if median is not None and bound < MAX_PROJECT_BUDGET:
        if english:
            return (f"{format_baht(amount, english=True)} is over {OUTLIER_FACTOR:,} times "
                    f"the file's median budget ({format_baht(median, english=True)})")
        return (f"{format_baht(amount)} เกิน {OUTLIER_FACTOR:,} เท่าของวงเงินกลาง (มัธยฐาน) "
                f"ของไฟล์ ({format_baht(median)})")
    if english:
        return (f"{format_baht(amount, english=True)} is at least a million million baht, "
                "over a quarter of a whole year's national budget")
    return (f"{format_baht(amount)} ตั้งแต่ล้านล้านบาทขึ้นไป เกินหนึ่งในสี่ของงบประมาณ"
            "แผ่นดินทั้งปี")
