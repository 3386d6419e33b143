"""Questions that ask a running count's total, and first-day figures that are no total.

"How many people had registered for informal debt help in total?", "มีประชาชนลงทะเบียน
แก้หนี้นอกระบบรวมกี่ราย": the cumulative count, as the newest release states it, not the
count of the first day ("ในวันแรกเมื่อวันที่ 1 ธ.ค. 66 ... ลงทะเบียนรวม 22,090 คน", which
writes "รวม" too).  :func:`asks_cumulative` tells such a question (the answerer reads it
as one about the present: the newest releases' figure leads); :func:`first_day_figure`
tells a figure its text says is of the first day only.

Pure functions over texts.
"""

from __future__ import annotations

import re

__all__ = ["FIRST_DAY_BEFORE", "asks_cumulative", "first_day_figure"]

#: "รวมกี่ราย", "ทั้งหมดกี่คน", "กี่รายทั้งหมด", "in total", "altogether", "so far in all".
_ASKS_TOTAL = re.compile(
    r"(?:รวม|ทั้งหมด|ทั้งสิ้น)\s*(?:กี่|เท่า(?:ไร|ไหร่|ใด))|"
    r"(?:กี่\s*[^\s\d]{1,12}|เท่า(?:ไร|ไหร่|ใด))\s*(?:รวม|ทั้งหมด|ทั้งสิ้น)|"
    r"\bin\s+total\b|\baltogether\b|\bin\s+all\b", re.I)
#: Characters before a figure searched for "the first day" it is of.
FIRST_DAY_BEFORE = 200
_FIRST_DAY = re.compile(r"วันแรก|\bfirst\s+day\b", re.I)
_BREAK = re.compile(r"\n")


def asks_cumulative(question: str) -> bool:
    """Whether ``question`` asks a count in total ("รวมกี่ราย", "in total")."""
    return bool(_ASKS_TOTAL.search(question))


def first_day_figure(document: str, passage: str, start: int) -> bool:
    """Whether the figure at ``start`` of ``passage`` is, as its text says, the first day's.

    ``document``: the whole text the passage is of (the words saying so may stand in the
    passage before); "วันแรก" within :data:`FIRST_DAY_BEFORE` characters before the
    figure, on its line.
    """
    at = document.find(passage[:200]) if document else -1
    text, pos = (passage, start) if at < 0 else (document, at + start)
    window = text[max(0, pos - FIRST_DAY_BEFORE):pos]
    window = _BREAK.split(window)[-1]
    return bool(_FIRST_DAY.search(window))
