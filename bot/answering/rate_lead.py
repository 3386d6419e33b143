"""A value stated per one unit leads with its unit: "78.12 บาทต่อไร่", never "78.12 บาท".

"รัฐบาลอุดหนุน 78.12 บาทต่อไร่" read as the amount "78.12 บาท" led the reply to "รัฐบาล
อุดหนุนเบี้ยประกันภัยข้าวนาปี Tier 1 เท่าไร" as if it were the whole subsidy (the release's
total is 1,569.32 ล้านบาท).  An amount or count the text states per one unit ("บาทต่อไร่",
"บาท/คน", "ครัวเรือนละ 3,000 บาท", "ไร่ละ 1,000 บาท") says what it is only with that
unit: the lead keeps it, as the text writes it, so that a reader never takes a rate for
a total.  The units are the counted units and classifiers of
:mod:`bot.answering.question`, less money and shares (":data:`_NOT_PER`": "ร้อยละ 5" is a
share, "บาท/ล้านบาท" no unit of a count).

Pure functions over texts.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.answering.question import COUNT_UNITS, OTHER_CLASSIFIERS

__all__ = ["per_unit_after", "per_unit_before", "rate_lead"]

_NOT_PER = frozenset({"ล้านบาท", "บาท", "ล้าน", "เปอร์เซ็นต์", "ร้อยละ", "ดอลลาร์", "ปอนด์",
                      "ยูโร", "เท่า", "ระดับ"})
_DIGIT = re.compile(r"[\d๐-๙]")


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    units = sorted({u for u in (*COUNT_UNITS, *OTHER_CLASSIFIERS) if u not in _NOT_PER},
                   key=len, reverse=True)
    alt = "|".join(re.escape(u) for u in units)
    # "78.12 บาทต่อไร่", "500 บาท/คน", "150,000 บาท ต่อ 1 เครื่อง": not "ต่อไร่ละ".
    after = re.compile(rf"\s?(?:ต่อ\s?|/\s?)(?:(?:1|หนึ่ง)\s)?(?:{alt})(?![\u0e01-\u0e4e])")
    # "ไร่ละ 1,000 บาท", "ครัวเรือน ๆ ละ 3,000 บาท" right before the number ("แต่ละ",
    # "ร้อยละ" and "ทีละ" name no unit).
    before = re.compile(rf"(?:{alt})\s?(?:ๆ\s?)?ละ\s?$")
    return after, before


def per_unit_after(text: str, end: int) -> str | None:
    """The per-unit phrase right after a value ending at ``text[end]`` ("ต่อไร่"), or None.

    As written, one space kept before it where the text has one (" ต่อ 1 เครื่อง").
    """
    m = _patterns()[0].match(text, end)
    if m is None:
        return None
    phrase = " ".join(m.group().split())
    return f" {phrase}" if m.group()[0].isspace() else phrase


def per_unit_before(text: str, start: int) -> str | None:
    """The "Xละ" right before the number at ``text[start]`` ("ไร่ละ"), or None."""
    m = _patterns()[1].search(text, max(0, start - 24), start)
    return None if m is None else " ".join(m.group().split())


def rate_lead(lead: str, text: str, start: int, end: int) -> str:
    """``lead`` (the value ``text[start:end]`` as shown) with the unit it is stated per.

    "78.12 บาท" of "78.12 บาทต่อไร่" → "78.12 บาทต่อไร่"; "1,000 บาท" of "ไร่ละ 1,000 บาท"
    → "ไร่ละ 1,000 บาท".  A lead that opens with no digit, or that already ends with the
    phrase, is returned as it is.
    """
    if not _DIGIT.match(lead.lstrip()):
        return lead
    after = per_unit_after(text, end)
    if after is not None:
        if lead.rstrip().endswith(after.strip()):
            return lead
        return f"{lead.rstrip()}{after}"
    before = per_unit_before(text, start)
    if before is not None:
        return f"{before} {lead.lstrip()}"
    return lead
