"""The asked part of a total, not the total or another part.

"วงเงิน 2,125.56 ล้านบาท ประกอบด้วย กรมทางหลวง จำนวน 1,649.12 ล้านบาท และกรมทางหลวงชนบท
จำนวน 476.44 ล้านบาท": a question that names one part ("กรมทางหลวงได้รับเท่าไร") is
answered by that part's value; the total and the other parts are other values, even
where a part's name holds the asked one ("กรมทางหลวงชนบท" holds "กรมทางหลวง").  Each
value after the split word (:data:`SPLIT_WORDS`: ประกอบด้วย, แบ่งเป็น, ...) is labelled
by the words between it and the value before it; a label is scored against the question
by its runs of four letters (those the total's own phrase does not hold): each found
in the question counts one, each not found costs one.  The best-scored label is the
asked part when it matches at least :data:`MIN_MATCHED` runs; a question asking for the
total ("รวม", "ทั้งหมด", "total") asks for no part.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from bot.answering.reading import SpanRows

__all__ = ["MIN_MATCHED", "PARTS_AFTER", "PARTS_SPAN", "SPLIT_WORDS", "TOTAL_PHRASE",
           "letter_runs", "other_part", "other_part_mask"]

#: The words that split a total into its parts.
SPLIT_WORDS = re.compile(r"โดยเป็น|แบ่งเป็น|แยกเป็น|จำแนกเป็น|ประกอบด้วย|แบ่งออกเป็น")
_VALUE = re.compile(r"\d[\d,]*(?:\.\d+)?")
# Words of a label that name no part: units, joiners, "จำนวน".
_FILLER = re.compile(r"ล้านบาท|บาท|ล้าน|จำนวน|และ|รวม|ราย|แห่ง|คน|ครัวเรือน|ร้อยละ|วงเงิน|"
                     r"งบประมาณ|เป็นเงิน|ได้แก่|[()\s,.:;]")
_ASKS_TOTAL = re.compile(r"รวม|ทั้งหมด|ทั้งสิ้น|\btotal\b|\bin all\b|altogether", re.I)
#: The most characters after the split word read for its parts.
PARTS_SPAN = 400
#: The most characters between a total and the split word after it.
PARTS_AFTER = 40
#: Characters before the split word read as the total's own phrase.
TOTAL_PHRASE = 60
#: Runs of four letters a label must share with the question to be the asked part.
MIN_MATCHED = 3
_GRAM = 4
# The most characters a candidate may open with before its number ("ไม่เกิน 20,000 บาท").
_LEAD = 15


def letter_runs(text: str) -> set[str]:
    """The runs of four letters in ``text``'s words (Thai or Latin, lower case)."""
    out: set[str] = set()
    for word in re.findall(r"[\u0e01-\u0e4ea-z]+", text.casefold()):
        out.update(word[i:i + _GRAM] for i in range(len(word) - _GRAM + 1))
    return out


def _parts(text: str, split_end: int) -> list[tuple[int, str]]:
    """Each value after a split word ending at ``split_end``, in its paragraph: (offset, label)."""
    stop = text.find("\n", split_end)
    stop = min(split_end + PARTS_SPAN, len(text) if stop < 0 else stop)
    out: list[tuple[int, str]] = []
    prev = split_end
    for m in _VALUE.finditer(text, split_end, stop):
        out.append((m.start(), _FILLER.sub("", text[prev:m.start()])))
        prev = m.end()
    return out


@lru_cache(maxsize=256)
def _scores(text: str, split_start: int, split_end: int,
            question: str) -> tuple[dict[int, int], int, int]:
    """Each part's score (by offset), the best score and the best one's matched runs.

    Cached: every candidate of one list of parts asks of the same split word.
    """
    # The total's own phrase ("(งบกลางฯ) วงเงิน 1,372.41 ล้านบาท"), not its paragraph: a
    # headline before it may name the parts themselves.
    lead = text[max(0, text.rfind("\n", 0, split_start) + 1,
                    split_start - TOTAL_PHRASE):split_start]
    total = letter_runs(lead)
    scores: dict[int, int] = {}
    best, best_matched = -(10 ** 6), 0
    for at, label in _parts(text, split_end):
        own = letter_runs(label) - total
        matched = sum(g in question for g in own)
        score = matched - (len(own) - matched)
        scores[at] = score
        if score > best:
            best, best_matched = score, matched
    return scores, best, best_matched


def other_part(text: str, start: int, question: str) -> bool:
    """Whether the value at ``text[start]`` is the total or another part than the asked one.

    ``question``: the question as read (normalised, lower case).  False when the value
    is in no list of parts, or the question names none of them (see the module).
    """
    value = _VALUE.search(text, start, start + _LEAD)
    if value is None or _ASKS_TOTAL.search(question):
        return False
    # The value as a part: the split word before it, within its paragraph.
    left = max(0, text.rfind("\n", 0, start) + 1, start - PARTS_SPAN)
    split = None
    for m in SPLIT_WORDS.finditer(text, left, start):
        split = m
    if split is not None and _VALUE.search(text, left, split.start()):
        scores, best, matched = _scores(text, split.start(), split.end(), question)
        if value.start() in scores and matched >= MIN_MATCHED:
            return scores[value.start()] < best
    # The value as the total: the split word right after it, no other value between.
    after = SPLIT_WORDS.search(text, value.end(), value.end() + PARTS_AFTER)
    if after is None or _VALUE.search(text, value.end(), after.start()):
        return False
    return _scores(text, after.start(), after.end(), question)[2] >= MIN_MATCHED


def other_part_mask(rows: SpanRows, question: str, among: npt.NDArray[np.bool_],
                    figures: set[str] | None = None) -> npt.NDArray[np.bool_]:
    """Which of the candidates ``among`` are the total or another part (:func:`other_part`).

    A figure found so is the same figure where another passage states it without its
    parts ("วงเงิน 1,372.41 ล้านบาท เพื่อฟื้นฟู..."): those candidates are marked too, and
    so are those of the figures in ``figures`` (found for the same question before, in
    passages read earlier); the figures found here are added to it.
    """
    out = np.zeros(len(rows.x), dtype=bool)
    if _ASKS_TOTAL.search(question):
        return out
    idx = np.flatnonzero(among).tolist()
    if figures is None:
        figures = set()
    numbers: dict[int, str] = {}
    for r in idx:
        p, a, _ = rows.span(r)
        value = _VALUE.search(p.text, a, a + _LEAD)
        if value is None:
            continue
        numbers[r] = value.group()
        if other_part(p.text, a, question):
            out[r] = True
            figures.add(value.group())
    for r, number in numbers.items():
        # One digit or two ("5 จังหวัด") say too little to be the same figure.
        if number in figures and len(number.replace(",", "")) >= 3:
            out[r] = True
    return out
