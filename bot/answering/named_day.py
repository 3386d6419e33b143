"""A question asking the date of a named day: the date must be the one written with that day.

"วันท้องถิ่นไทยตรงกับวันที่เท่าไร" was answered "17 มีนาคม" from "“วันนักมวย” ...
ซึ่งตรงกับวันที่ 17 มีนาคมของทุกปี": another named day's date, in a passage that shares the
question's words.  And "When is Thai Local Government Day?" got the day of an event in
the bundled report form.  A date answers such a question only when the named day is
written near it (:func:`bot.answering.constraints.named_near`); an English question is
bound to the Thai names its rendering gives the day ("Children's Day" → "วันเด็ก
แห่งชาติ"), and when it gives none, no date can be bound and none answers.

Pure functions over a question.
"""

from __future__ import annotations

import re

from indexer.tokenize import word_at

__all__ = ["named_days"]

_THAI = "\u0e01-\u0e4e"
#: Words after "วัน" that name no day: the asking words, "วันที่", weekdays, "วันนี้".
_NOT_A_NAME = ("ที่", "นี้", "ละ", "ใด", "ไหน", "อะไร", "เวลา", "เดียว", "หยุด", "ทำการ",
               "จันทร์", "อังคาร", "พุธ", "พฤหัส", "ศุกร์", "เสาร์", "อาทิตย์", "ก่อน", "หลัง",
               "แรก", "สุดท้าย", "เกิด", "ครบ", "เปิด", "ปิด")
#: A named day in a Thai question, up to the words that ask its date or tell of it.
_THAI_DAY = re.compile(
    rf"[“\"']?(วัน(?!{'|'.join(_NOT_A_NAME)})[{_THAI}]{{2,30}}?)[”\"']?\s*"
    r"(?=ตรงกับ|คือวัน|เป็นวัน|ของทุกปี|(?:ปี|พ\.ศ\.)\s*\d|วันที่|วันไหน|วันใด|เมื่อ)")
#: Words that ask a Thai question's date after the named day.
_THAI_ASKS = re.compile(r"(?:ตรงกับ|คือ|เป็น)?\s*(?:วันที่\s*เท่า(?:ไร|ไหร่|ใด)|วัน(?:ไหน|ใด|อะไร)|"
                        r"เมื่อ(?:ไร|ไหร่|ใด))")
#: "When is Thai Local Government Day?", "What date is Children's Day?".
_ENGLISH_DAY = re.compile(
    r"^\s*(?i:when\s+(?:is|was|will\s+be)|what\s+(?:date|day)\s+(?:is|was))\s+(?i:the\s+)?"
    r"(?P<name>(?:[A-Z][\w'’-]*\s+)+Day)\b")
#: A Thai name of a day in an English question's rendering.
_RENDERED_DAY = re.compile(rf"วัน(?!{'|'.join(_NOT_A_NAME)})[{_THAI}]{{2,30}}")


def named_days(question: str, *, english: str = "") -> tuple[str, ...] | None:
    """The names of the day whose date ``question`` asks, or None when it asks no such date.

    ``question``: the Thai form (an English question's rendering); ``english``: the
    English question as written, when it is one.  "วันท้องถิ่นไทยตรงกับวันที่เท่าไร" →
    ``("วันท้องถิ่นไทย",)``.  An English question asking when "… Day" is gives the Thai
    names of days its rendering holds, and ``()`` when it holds none (the day cannot be
    bound: no date answers).
    """
    if english:
        if _ENGLISH_DAY.search(english) is None:
            return None
        return tuple(dict.fromkeys(m.group(0) for m in _RENDERED_DAY.finditer(question)))
    for m in _THAI_DAY.finditer(question):
        if word_at(question, m.start(1)) is not None:
            continue  # "วัน" inside a word: "สำนักงานการแพทย์ตะวันตกถูกสร้างเมื่อใด"
        if _THAI_ASKS.search(question, m.end(1)) is None:
            return None
        return (m.group(1),)
    return None
