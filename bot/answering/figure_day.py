"""The day a release's figure is of, when the release says it before the figure.

"เมื่อวันที่ 27 ธ.ค. 66 ... เมื่อเวลา 15.30 น. ... ประชาชนลงทะเบียนแล้ว 111,700 ราย" in a
release dated 28 ธ.ค.: the count is of the 27th, the day the release tells of, and a
reply saying "(ข้อมูล ณ 28 ธ.ค. 2566)" dates it by its publication instead.  The day the
passage names last before the value is the figure's when it is a day or two before the
document's date (a release tells of the day before), or up to a month before when the
text states its figures as of it ("ณ วันที่ 20 ธ.ค.").

Pure function over a passage's text and its document's date.
"""

from __future__ import annotations

import datetime as dt
import re

from knowledge.thai import find_dates

__all__ = ["AS_OF_DAYS", "EVENT_DAYS", "LOOK_BACK_CHARS", "figure_day"]

#: A day the text tells of ("เมื่อวันที่ ...") dates a figure when the document is dated
#: at most this many days after it.
EVENT_DAYS = 2
#: A day the text states its figures as of ("ณ วันที่ ...") dates them when the document
#: is dated at most this many days after it.
AS_OF_DAYS = 31
#: How far before the value the day is looked for (characters of the same passage).
LOOK_BACK_CHARS = 600
#: "ณ" (or "ณ วันที่") right before a date: a day figures are stated as of.
_AS_OF_MARK = re.compile(r"ณ\s*(?:วันที่\s*)?\(?\s*$")


def figure_day(text: str, start: int, date: dt.date | None) -> dt.date | None:
    """The day the figure at ``text[start]`` is of, when another than ``date``; else None.

    ``text``: the passage the value is read in; ``date``: its document's day.  The last
    single day written in the :data:`LOOK_BACK_CHARS` before the value is taken when it
    is 1 to :data:`EVENT_DAYS` days before ``date``, or up to :data:`AS_OF_DAYS` when
    written after "ณ"; a range, a later day, or an undated document gives None.
    """
    if date is None or start <= 0:
        return None
    offset = max(0, start - LOOK_BACK_CHARS)
    before = text[offset:start]
    days = [m for m in find_dates(before) if m.start_date == m.end_date]
    if not days:
        return None
    last = days[-1]
    gap = (date - last.start_date).days
    marked = bool(_AS_OF_MARK.search(before[max(0, last.start - 20):last.start]))
    if 0 < gap <= (AS_OF_DAYS if marked else EVENT_DAYS):
        return last.start_date
    return None
