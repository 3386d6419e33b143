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

__all__ = ["FAMILIES", "GROUPS", "LABEL_REACH", "asked_group", "other_group", "value_group"]

#: Counted groups, most specific first (a creditor who registers is counted as a creditor).
GROUPS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("creditor", re.compile(r"เจ้าหนี้|\bcreditors?\b", re.I)),
    ("debtor", re.compile(r"ลูกหนี้|\bdebtors?\b", re.I)),
    ("registrant", re.compile(r"ลงทะเบียน|\bregist(?:ered|rants?|rations?)\b", re.I)),
)
#: Other families of groups a release counts side by side, each most specific first: the
#: dead, the injured and the sick of one outbreak or accident ("พบผู้ป่วยทั้งปีกว่า 70,000
#: ราย และเสียชีวิตกว่า 70 ราย"; "ผู้ป่วยเสียชีวิต" counts the dead), and the elderly and
#: the disabled of one allowance ("ผู้สูงอายุเพิ่มขึ้น 184,538 ราย จำนวนผู้พิการเพิ่มขึ้น
#: 265,608 ราย").  A group of one family never excludes a group of another (the elderly
#: who register are counted by either word).
FAMILIES: tuple[tuple[tuple[str, re.Pattern[str]], ...], ...] = (
    GROUPS,
    (("dead", re.compile(r"เสียชีวิต|ตาย|\b(?:deaths?|died|dead|killed|fatalit(?:y|ies))\b",
                         re.I)),
     ("injured", re.compile(r"บาดเจ็บ|\binjur(?:ed|ies|y)\b", re.I)),
     ("sick", re.compile(r"ผู้ป่วย|ป่วย|ติดเชื้อ|\b(?:patients?|infect(?:ed|ions?))\b", re.I))),
    (("disabled", re.compile(r"พิการ|\bdisab(?:led|ility|ilities)\b", re.I)),
     ("elderly", re.compile(r"ผู้สูงอายุ|สูงอายุ|\belderly\b|\bsenior", re.I))),
)
#: Groups named together that a question counts neither of alone ("เชิญเจ้าหนี้ลูกหนี้
#: เข้าไกล่เกลี่ย", "ผู้บาดเจ็บและเสียชีวิต", "เบี้ยผู้สูงอายุและผู้พิการ").
_TOGETHER = (frozenset({"creditor", "debtor"}), frozenset({"dead", "injured"}),
             frozenset({"disabled", "elderly"}))
#: Characters before a value its label is read in (back to the number before it).
LABEL_REACH = 60
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _groups(text: str, family: tuple[tuple[str, re.Pattern[str]], ...] = GROUPS) -> list[str]:
    return [name for name, pattern in family if pattern.search(text)]


def _asked_in(family: tuple[tuple[str, re.Pattern[str]], ...], question: str) -> str | None:
    found = _groups(question, family)
    if any(pair <= set(found) for pair in _TOGETHER):
        return None
    return found[0] if found else None


def asked_group(question: str) -> str | None:
    """The group ``question`` counts, or None (none named, or two counted together).

    Of the first family (:data:`FAMILIES`) the question names a group of.
    """
    for family in FAMILIES:
        if _groups(question, family):
            return _asked_in(family, question)
    return None


def _label(text: str, start: int) -> str:
    left = max(0, start - LABEL_REACH, text.rfind("\n", 0, start) + 1)
    for m in _NUMBER.finditer(text, left, start):
        if m.end() < start:
            left = m.end()
    return text[left:start]


def value_group(text: str, start: int) -> str | None:
    """The group the label of the value at ``text[start]`` names, or None.

    The label: the words since the number before the value (at most :data:`LABEL_REACH`
    characters back, within the paragraph); the first family it names a group of (None
    when it names two groups together, "ของคนพิการและผู้สูงอายุ").
    """
    label = _label(text, start)
    for family in FAMILIES:
        if _groups(label, family):
            return _asked_in(family, label)
    return None


def other_group(text: str, start: int, question: str) -> bool:
    """Whether the count at ``text[start]`` counts another group than ``question`` asks.

    Within each family (:data:`FAMILIES`) on its own.  A debtor's count answers a
    question about registrants (debtors are who register); any other pair of different
    groups of one family does not.
    """
    label = _label(text, start)
    for family in FAMILIES:
        asked = _asked_in(family, question)
        if asked is None:
            continue
        # A label naming two groups together ("ของคนพิการและผู้สูงอายุ") counts both.
        group = _asked_in(family, label)
        if group is None or group == asked:
            continue
        if not (asked == "registrant" and group == "debtor"):
            return True
    return False
