"""A figure of what succeeded against a figure of what was only begun.

A release counts a process in stages side by side: "เข้าสู่กระบวนการไกล่เกลี่ยหนี้แล้ว
47,433 ราย สามารถไกล่เกลี่ยสำเร็จ 27,520 ราย".  Both are done ("แล้ว"), so the role of a
value (:mod:`bot.answering.value_roles`) does not tell them apart.  A question that asks
how many succeeded ("ไกล่เกลี่ยสำเร็จแล้วกี่ราย", "how many ... succeeded") is answered
by a figure the text labels with success, never by one beside it that is not: that is
another stage's count under a real citation.
"""

from __future__ import annotations

import re

__all__ = ["SUCCESS_REACH", "asks_success", "other_than_success"]

# A question about what succeeded (not "ความสำเร็จ", an achievement's name or a level).
_ASKS = re.compile(r"(?<!ความ)สำเร็จ|\b(?:succeed(?:ed|s)?|successful(?:ly)?)\b", re.I)
# A figure labelled with success: "ไกล่เกลี่ยสำเร็จ 27,520 ราย", "สำเร็จแล้ว จำนวน 937 ราย".
_SUCCESS_FIGURE = re.compile(r"(?<!ความ)สำเร็จ(?:แล้ว)?\s*(?:จำนวน|ทั้งสิ้น|รวม)?\s*[\d๐-๙]")
# Where the clause labelling a figure begins: a sentence or list break, or another figure.
_CLAUSE_START = re.compile(r"[\d๐-๙][\d๐-๙,.]*\s*\S{0,12}?\s|[.;!?()\[\]\n]")
#: Characters around a figure searched for a figure labelled with success.
SUCCESS_REACH = 200
#: Characters before a figure read as its label.
_LABEL_CHARS = 60


def asks_success(question: str) -> bool:
    """Whether ``question`` (Thai or English) asks how many or how much succeeded."""
    return _ASKS.search(question) is not None


def other_than_success(text: str, start: int) -> bool:
    """Whether the figure at ``text[start]`` is another stage's beside a success figure.

    True when the figure's own label (its clause back to the previous figure or break,
    at most :data:`_LABEL_CHARS` characters) says nothing of success, and a figure that
    is labelled so stands within :data:`SUCCESS_REACH` characters: "กระบวนการไกล่เกลี่ย
    หนี้แล้ว 47,433 ราย" beside "ไกล่เกลี่ยสำเร็จ 27,520 ราย".  A text that labels no figure
    with success says nothing either way (False).
    """
    before = text[max(0, start - _LABEL_CHARS):start]
    cut = 0
    for m in _CLAUSE_START.finditer(before):
        cut = m.end()
    if _ASKS.search(before[cut:]):
        return False
    lo, hi = max(0, start - SUCCESS_REACH), min(len(text), start + SUCCESS_REACH)
    return any(not (m.start() <= start < m.end())
               for m in _SUCCESS_FIGURE.finditer(text, lo, hi))
