"""The counted noun: a count of the people the question asks about, not of others beside them.

Releases count several groups of one matter side by side: "มีผู้ลงทะเบียน 7,000 ราย
เจ้าหนี้ 6,085 ราย", "ประชาชนลงทะเบียนแล้ว 111,700 ราย ... รวมจำนวนเจ้าหนี้ 82,325 ราย".
"ผู้ลงทะเบียนหนี้นอกระบบ ... กี่ราย" was answered with the creditors' 6,085, and "how many
creditors were registered" with the registrations' 25,425.  The groups of :data:`GROUPS`
exclude each other; :func:`asked_group` reads the one a question counts (the most
specific it names: "creditors ... registered" counts creditors) and :func:`value_group`
the one a value's label names (its words since the number before it), and
:func:`other_group` tells a value counting another group.

Pure functions over texts.
"""

from __future__ import annotations

import re

__all__ = ["GROUPS", "LABEL_REACH", "asked_group", "other_group", "value_group"]

#: Counted groups, most specific first (a creditor who registers is counted as a creditor).
GROUPS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("creditor", re.compile(r"เจ้าหนี้|\bcreditors?\b", re.I)),
    ("debtor", re.compile(r"ลูกหนี้|\bdebtors?\b", re.I)),
    ("registrant", re.compile(r"ลงทะเบียน|\bregist(?:ered|rants?|rations?)\b", re.I)),
)
#: Characters before a value its label is read in (back to the number before it).
LABEL_REACH = 60
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _groups(text: str) -> list[str]:
    return [name for name, pattern in GROUPS if pattern.search(text)]


def asked_group(question: str) -> str | None:
    """The group ``question`` counts, or None (none named, or creditors and debtors both)."""
    found = _groups(question)
    if "creditor" in found and "debtor" in found:
        return None
    return found[0] if found else None


def value_group(text: str, start: int) -> str | None:
    """The group the label of the value at ``text[start]`` names, or None.

    The label: the words since the number before the value (at most :data:`LABEL_REACH`
    characters back, within the paragraph).
    """
    left = max(0, start - LABEL_REACH, text.rfind("\n", 0, start) + 1)
    for m in _NUMBER.finditer(text, left, start):
        if m.end() < start:
            left = m.end()
    found = _groups(text[left:start])
    return found[0] if found else None


def other_group(text: str, start: int, question: str) -> bool:
    """Whether the count at ``text[start]`` counts another group than ``question`` asks.

    A debtor's count answers a question about registrants (debtors are who register);
    any other pair of different groups does not.
    """
    asked = asked_group(question)
    if asked is None:
        return False
    group = value_group(text, start)
    if group is None or group == asked:
        return False
    return not (asked == "registrant" and group == "debtor")
