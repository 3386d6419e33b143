"""The fiscal year and the topic a project-list question names, read from its words.

"จังหวัดกระบี่มีโครงการกี่โครงการในปีงบประมาณ 2564" asks of one fiscal year;
"จังหวัดขอนแก่นมีโครงการด้านถนนกี่โครงการ" of the road projects only.  The database's
answer (:mod:`bot.structured`) must count that part, or say that its figure is the
whole: never the total as if it were the part.  Pure functions over the question text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from knowledge.thai import BE_OFFSET, ascii_digits

__all__ = ["asked_fiscal_year", "asked_topic", "names_year_range"]

#: "ปีงบประมาณ 2564", "ปีงบ 64", "ปี พ.ศ. 2564", "ปี 2570", "FY2564", "fiscal year 2021".
_YEAR = re.compile(
    r"(?:ปี\s*งบ(?:ประมาณ)?|ปี)\s*(?:พ\.\s*ศ\.\s*)?(?P<th>\d{4}|\d{2})(?![\d/.,:])"
    r"|พ\.\s*ศ\.\s*(?P<be>\d{4})(?![\d/.,:])"
    r"|\b(?:FY\s*|fiscal\s+(?:year\s+)?|(?:in|during|for|of)\s+(?:the\s+)?(?:year\s+)?)"
    r"(?P<en>\d{4})\b", re.IGNORECASE)
#: "ปี 65-66", "ปีงบประมาณ 2563 - 2565": more than one year.
_RANGE = re.compile(r"(?:ปี|FY|fiscal\s+year)\s*(?:งบ(?:ประมาณ)?)?\s*(?:พ\.\s*ศ\.\s*)?"
                    r"\d{2,4}\s*(?:-|–|ถึง|to|and|และ)\s*\d{2,4}", re.IGNORECASE)


def _be(raw: str) -> int | None:
    y = int(raw)
    if y < 100:
        return 2500 + y
    if 2400 <= y <= 2700:
        return y
    if 1900 <= y <= 2200:
        # "FY2021", "in 2021", "ปี 2021": the Thai fiscal year 2564 (October 2020 -
        # September 2021), as a Buddhist-era year alone is read as a fiscal year.
        return y + BE_OFFSET
    return None


def names_year_range(question: str) -> bool:
    """Whether ``question`` names several years ("ปี 65-66"): no one year to count."""
    return bool(_RANGE.search(ascii_digits(question)))


def asked_fiscal_year(question: str) -> int | None:
    """The fiscal year (Buddhist era) ``question`` names, or None (none, or a range)."""
    q = ascii_digits(question)
    if _RANGE.search(q):
        return None
    for m in _YEAR.finditer(q):
        raw = m.group("th") or m.group("be") or m.group("en")
        year = _be(raw)
        if year is not None:
            return year
    return None


#: The topic after "โครงการ" (and ด้าน/เรื่อง/เกี่ยวกับ...), up to what ends it.
_TOPIC_TH = re.compile(
    r"โครงการ\s*(?P<mark>ด้าน|เรื่อง|เกี่ยวกับ|ประเภท|หมวด)?\s*"
    r"(?P<t>.+?)\s*(?=กี่\s*โครงการ|ทั้งหมด|รวม|ใน(?:ปี|จังหวัด|เขต|อำเภอ)|ของ|จังหวัด|ปีงบ|ปี\s*\d|"
    r"มี|งบ|เท่า|ที่|อยู่|จำนวน|\s|$)")
_TOPIC_EN = re.compile(r"\bhow\s+many\s+(?P<t>[a-z][a-z-]*(?:\s+[a-z][a-z-]*)?)\s+projects\b"
                       r"|\b(?P<t2>[a-z][a-z-]*)\s+projects?\s+(?:in|of|does|do|are|were)\b",
                       re.IGNORECASE)
#: Words after "โครงการ" that name no topic: the question's own words, a place or a body.
_NO_TOPIC = re.compile(r"^(?:ทั้งหมด|ทั้งสิ้น|รวม|ต่าง\s*ๆ|ใด|ไหน|อะไร|นี้|ละ|ละกี่|"
                       r"กี่.*|\d.*|(?:อบ[จตก]|ทต|ทม|ทน|จ|อ|ต)\..*|องค์การ.*|เทศบาล.*|"
                       r"กรม.*|สำนักงาน.*|สำนัก.*|กระทรวง.*|จังหวัด.*|อำเภอ.*)$")
_EN_NOT_TOPIC = frozenset({"the", "of", "all", "total", "listed", "its", "their", "these",
                           "those", "many", "much", "how", "what", "which", "new"})


def asked_topic(question: str, places: Sequence[str] = ()) -> str | None:
    """The kind of project ``question`` narrows to ("โครงการด้านถนน" → "ถนน"), or None.

    ``places``: names (provinces, agencies) that are no topic ("โครงการเชียงใหม่...").
    An English topic ("road projects") is returned as written.
    """
    m = _TOPIC_TH.search(question)
    while m is not None:
        topic = m.group("t").strip()
        if topic and not _NO_TOPIC.match(topic) and not any(
                p and (p in topic or topic in p) for p in places):
            return topic
        m = _TOPIC_TH.search(question, m.end() if m.end() > m.start() else m.start() + 1)
    e = _TOPIC_EN.search(question)
    if e is not None:
        topic = (e.group("t") or e.group("t2") or "").strip()
        words = topic.lower().split()
        if words and not any(w in _EN_NOT_TOPIC for w in words):
            return topic
    return None
