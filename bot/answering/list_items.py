"""Another list item's value: in "ทุเรียน 103,958 ตัน มังคุด 20,000 ตัน ...", 103,958 is ทุเรียน's.

Press releases list several items, each with its figure in one measure: "ยางแท่ง มูลค่าการ
ส่งออก 54,752 ล้านบาท น้ำยางข้น มูลค่าการส่งออก 32,172 ล้านบาท ...", "ไม่มีน้ำดื่ม 4,013
ครัวเรือน ไม่มีน้ำสะอาดใช้ 3,301 ครัวเรือน ...".  A value belongs to the item named right
before it: its **label**, the words between the value before it and it (from the last clause
word: "อาทิ", "ได้แก่", "ซึ่ง", ...; a value right after another, "460 ครัวเรือน 483 คน", has its
predecessor's label; the first item's name has as many phrases between spaces as the next
one's, the words before it being the list's subject).  A **list** is a run of at least
:data:`MIN_ITEMS` values in the same measure whose labels are short (at most
:data:`MAX_LABEL` characters between two values of the run, in one paragraph).  Labels are
compared with the question by their runs of four letters
(:func:`bot.answering.parts.letter_runs`), less those most labels of the list share (its
frame: "มูลค่าการส่งออก"): each run found in the question counts one, each not found costs
one.

* A label with at least :data:`~bot.answering.parts.MIN_MATCHED` runs in the question names
  the asked item: every value of the list whose label scores lower than such a label is
  another item's (:func:`other_item`);
* when no label names it and the question is Thai, a value whose label names an item (at
  least :data:`~bot.answering.parts.MIN_MATCHED` runs of its own) that the question does
  not name (fewer of them in it) is another item's too: the question names an item the
  list gives no value for, and the document does not give it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from bot.answering.parts import MIN_MATCHED, letter_runs
from bot.answering.question import COUNT_UNITS, OTHER_CLASSIFIERS
from bot.answering.reading import SpanRows

__all__ = ["MAX_LABEL", "MIN_ITEMS", "Item", "list_items", "measure_at", "other_item",
           "other_item_mask"]

#: The most characters between two values of one list (an item's name and its measure).
MAX_LABEL = 60
#: The fewest values in one measure that make a list.
MIN_ITEMS = 3
# The most characters a candidate may open with before its number ("จำนวน 3 ราย").
_LEAD = 15

_NUM = r"\d[\d,]*(?:\.\d+)?"
_MULT = r"(?:\s*(?:ล้าน|แสน|หมื่น|พัน))*"
# Money in any multiple is one measure; so is a share.
_MONEY = frozenset({"บาท", "ล้านบาท", "ล้าน", "ดอลลาร์", "ยูโร", "ปอนด์", "เยน", "หยวน"})
_SHARE = frozenset({"%", "เปอร์เซ็นต์", "ร้อยละ"})
# Words after which a clause (and so the next item's name) begins.
_CLAUSE = re.compile(r"\n|:|;|อาทิ|ได้แก่|คือ|เช่น|ดังนี้|ประกอบด้วย|ซึ่ง|โดย|ทั้งนี้|ขณะที่|"
                     r"นอกจากนี้|ส่วน")
_THAI = re.compile(r"[\u0e01-\u0e4ea-zA-Z]")
# The words that join the last item of a list to the others.
_JOINER = re.compile(r"^\s*(?:และ|หรือ|กับ|รวมทั้ง|รวมถึง|ตลอดจน)\s*")
_DIGITS = re.compile(r"\d")


@lru_cache(maxsize=1)
def _value_pattern() -> re.Pattern[str]:
    units = sorted({u for u in (*COUNT_UNITS, *OTHER_CLASSIFIERS, *_MONEY)
                    if u not in _SHARE and u != "ล้าน"}, key=len, reverse=True)
    alt = "|".join(re.escape(u) for u in units)
    # (A number glued to a name by a hyphen, "โควิด-19 รายใหม่", is no value.)
    return re.compile(rf"ร้อยละ\s*(?P<p>{_NUM})|(?<![\d.,\-–])(?P<n>{_NUM})(?:\s*[-–]\s*{_NUM})?"
                      rf"{_MULT}\s*(?P<u>%|เปอร์เซ็นต์|{alt})")


def _measure(m: re.Match[str]) -> str:
    """The measure a value is stated in: money and shares as one each, else its unit."""
    if m.group("p") is not None:
        return "%"
    unit = m.group("u")
    return "บาท" if unit in _MONEY else "%" if unit in _SHARE else unit


def measure_at(text: str, start: int) -> str | None:
    """The measure of the value at ``text[start]``, or None when no value starts there.

    "บาท" for any money, "%" for a share, else its unit; the value's number starts within
    :data:`_LEAD` characters of ``start``.
    """
    number = _DIGITS.search(text, start, start + _LEAD)
    if number is None:
        return None
    lead = max(0, number.start() - 7)  # "ร้อยละ "
    for m in _value_pattern().finditer(text, lead, number.start() + 40):
        if number.start() in (m.start("p"), m.start("n")):
            return _measure(m)
    return None


@dataclass(frozen=True)
class Item:
    """One value of a list: where its number starts, its measure, its label's own runs.

    ``own``: the label's runs of four letters less the list's frame (see the module).
    """

    number: int
    measure: str
    own: frozenset[str]


def _label(text: str, left: int, start: int) -> str:
    """The item's name before a value: ``text[left:start]`` from its last clause word."""
    cut = left
    for m in _CLAUSE.finditer(text, left, start):
        cut = m.end()
    # A list's last item follows "และ" ("... 5% และชาวโปรเตสแตนต์ 2.8%"): the joining word
    # is no part of its name, and would cost it against an item written without one.
    return _JOINER.sub("", text[cut:start], count=1)


def _last_phrases(label: str, n: int) -> str:
    """The last ``n`` (at least one) of ``label``'s phrases between spaces."""
    return " ".join(label.split()[-max(1, n):])


@lru_cache(maxsize=512)
def list_items(text: str) -> dict[int, tuple[Item, ...]]:
    """The lists ``text`` states: each value's number offset -> the items of its list.

    Only the values of lists (:data:`MIN_ITEMS` values of a measure in one run) are
    keys; the tuple holds the items of the key's measure in that run, the key's own
    among them.  Pure and cached: every candidate of a passage asks of the same text.
    """
    values = list(_value_pattern().finditer(text))
    runs: list[list[tuple[re.Match[str], str]]] = []
    prev_end = -1
    label = ""
    for m in values:
        start = m.start()
        gap = text[prev_end:start] if prev_end >= 0 else ""
        if prev_end < 0 or len(gap) > MAX_LABEL or "\n" in gap:
            para = text.rfind("\n", 0, start) + 1
            label = _label(text, max(para, start - MAX_LABEL), start)
            runs.append([])
        elif _THAI.search(gap):
            label = _label(text, prev_end, start)
            if len(runs[-1]) == 1:
                # The first item's name is as long as the next one's, in phrases: what
                # stands before it is the list's subject ("เงินช่วยเหลือ...ในอัตรา"), not
                # the first item's name.
                first, lead = runs[-1][0]
                runs[-1][0] = (first, _last_phrases(lead, len(label.split())))
        # (No letters between, "460 ครัวเรือน 483 คน": one item's two values, one label.)
        runs[-1].append((m, label))
        prev_end = m.end()
    out: dict[int, tuple[Item, ...]] = {}
    for run in runs:
        by_measure: dict[str, list[tuple[re.Match[str], str]]] = {}
        for m, label in run:
            by_measure.setdefault(_measure(m), []).append((m, label))
        for measure, members in by_measure.items():
            if len(members) < MIN_ITEMS:
                continue
            grams = [letter_runs(label) for _, label in members]
            counts: dict[str, int] = {}
            for g in grams:
                for r in g:
                    counts[r] = counts.get(r, 0) + 1
            frame = {r for r, n in counts.items() if 2 * n >= len(members)}
            items = tuple(Item(m.start("p") if m.group("p") else m.start("n"), measure,
                               frozenset(g - frame))
                          for (m, _), g in zip(members, grams, strict=True))
            for item in items:
                out[item.number] = items
    return out


def _score(item: Item, question: str) -> tuple[int, int]:
    """``(score, matched)``: the item's runs found in ``question``, less those not found."""
    matched = sum(g in question for g in item.own)
    return matched - (len(item.own) - matched), matched


def other_item(text: str, start: int, question: str, *, unnamed: bool = True) -> bool:
    """Whether the value at ``text[start]`` is another list item's than ``question`` names.

    ``question``: the question as read (normalised, lower case); ``unnamed``: also when
    no item of the list is named, the value's own item is not (see the module).  False
    for a value in no list.
    """
    number = _DIGITS.search(text, start, start + _LEAD)
    if number is None:
        return False
    items = list_items(text).get(number.start())
    if items is None:
        return False
    own = next(i for i in items if i.number == number.start())
    score, matched = _score(own, question)
    named = [s for s, m in (_score(i, question) for i in items if i.own != own.own)
             if m >= MIN_MATCHED]
    if named:
        return max(named) > score
    return unnamed and len(own.own) >= MIN_MATCHED and matched < MIN_MATCHED


def other_item_mask(rows: SpanRows, question: str, among: npt.NDArray[np.bool_], *,
                    english: bool = False) -> npt.NDArray[np.bool_]:
    """Which of the candidates ``among`` are another list item's value (:func:`other_item`).

    ``english``: the question is an English one's Thai rendering, whose words need not
    be the text's; only a label the rendering names rules others out.
    """
    out = np.zeros(len(rows.x), dtype=bool)
    for r in np.flatnonzero(among).tolist():
        p, a, _ = rows.span(r)
        out[r] = other_item(p.text, a, question, unnamed=not english)
    return out
