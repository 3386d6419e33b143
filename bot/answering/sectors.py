"""Another sector's value: "งบประมาณด้านวิทยาศาสตร์ ... 29,100 ล้านบาท" is not "ด้านการอุดมศึกษา".

Budgets and plans state one figure per sector ("ด้าน..."), and a sector's words may stand in
another sector's sentence: "งบประมาณด้านการอุดมศึกษาในความรับผิดชอบของกระทรวงการอุดมศึกษา
วิทยาศาสตร์ วิจัยและนวัตกรรม ... 114,634.7682 ล้านบาท" holds every word of "ด้านวิทยาศาสตร์
วิจัยและนวัตกรรม" in a ministry's name.  A question that names one sector (:func:`asked_sector`)
is not answered by a value whose nearest "ด้าน..." before it, in its paragraph and within
:data:`SECTOR_REACH` characters, names another (:func:`other_sector`).  Sectors are compared
by their first :data:`SECTOR_LETTERS` letters after "ด้าน" and a nominaliser ("การ", "ความ").
"""

from __future__ import annotations

import re

__all__ = ["SECTOR_LETTERS", "SECTOR_REACH", "asked_sector", "other_sector"]

#: Characters before a value searched for the sector it is stated for.
SECTOR_REACH = 150
#: Letters of a sector's name compared.
SECTOR_LETTERS = 5
# "ด้าน" as a side or a direction ("ด้านหน้า", "ทางด้านซ้าย"), or asking ("ด้านใด"), names
# no sector.
_NOT_SECTORS = ("หน้า", "หลัง", "ล่าง", "บน", "ข้าง", "ซ้าย", "ขวา", "ใน", "นอก", "ใด", "ไหน",
                "อะไร", "ต่าง", "นี้", "นั้น", "ที่")
_SECTOR = re.compile(r"(?<!ทาง)ด้าน\s?(?:การ|ความ)?(?P<name>[\u0e01-\u0e4e]{3,})")


def _key(name: str) -> str | None:
    if name.startswith(_NOT_SECTORS):
        return None
    return name[:SECTOR_LETTERS]


def asked_sector(question: str) -> str | None:
    """The one sector a question names ("งบด้านวิทยาศาสตร์เท่าไร" → ``"วิทยา"``), or None."""
    keys = {k for m in _SECTOR.finditer(question) if (k := _key(m.group("name")))}
    return keys.pop() if len(keys) == 1 else None


def other_sector(text: str, start: int, asked: str) -> bool:
    """Whether the value at ``text[start]`` is stated for another sector than ``asked``."""
    left = max(0, start - SECTOR_REACH, text.rfind("\n", 0, start) + 1)
    last = None
    for m in _SECTOR.finditer(text, left, start):
        key = _key(m.group("name"))
        if key is not None:
            last = key
    return last is not None and last != asked
