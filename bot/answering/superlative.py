"""Questions that ask which thing is the most (or least) of something.

"จังหวัดใดมีลูกหนี้เข้าสู่กระบวนการไกล่เกลี่ยมากที่สุด" is answered by the province the
text says is the most ("จังหวัดสงขลายังคงเป็นจังหวัดที่มีลูกหนี้เข้าสู่กระบวนการไกล่เกลี่ย
มากที่สุด", "มากที่สุด 5 ลำดับแรก ได้แก่ 1. จังหวัดสงขลา 4,380 ราย"), never by other items
the same passage lists ("มากที่สุด 4,380 ราย และมี 4 จังหวัด ได้แก่ จังหวัดนครสวรรค์ ...
ดำเนินการ ... ครบ 100%": four provinces that did something else).

A candidate tells the most when the text writes the superlative right after it, with no
other candidate of its kind between (the item the sentence is about), or when it is the
first item right after the superlative and a word that introduces it ("ได้แก่", "คือ",
"1."). Pure functions over a question and candidate rows; the answerer re-picks or refuses.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from bot.answering.candidates import person_at
from bot.answering.places import written_province
from bot.answering.reading import Passage, SpanRows

__all__ = ["MOST_AFTER", "asked_superlative", "tells_most", "told_most_names", "told_most_rows"]

#: Characters after a candidate within which the superlative it is the subject of stands
#: ("จังหวัดสงขลายังคงเป็นจังหวัดที่มีลูกหนี้เข้าสู่กระบวนการไกล่เกลี่ยมากที่สุด": 62).
MOST_AFTER = 160

#: Thai superlatives of a question, each with the forms a text writes it in.
_THAI_MOST = (
    (re.compile(r"มาก(?:ที่)?สุด"), ("มากที่สุด", "มากสุด", "สูงสุด", "สูงที่สุด")),
    (re.compile(r"(?<!ศาล)(?<!ทหาร)สูง(?:ที่)?สุด"), ("สูงสุด", "สูงที่สุด", "มากที่สุด", "มากสุด")),
    (re.compile(r"น้อย(?:ที่)?สุด"), ("น้อยที่สุด", "น้อยสุด", "ต่ำสุด", "ต่ำที่สุด")),
    (re.compile(r"ต่ำ(?:ที่)?สุด"), ("ต่ำสุด", "ต่ำที่สุด", "น้อยที่สุด", "น้อยสุด")),
    (re.compile(r"ใหญ่(?:ที่)?สุด"), ("ใหญ่ที่สุด", "ใหญ่สุด")),
    (re.compile(r"เล็ก(?:ที่)?สุด"), ("เล็กที่สุด", "เล็กสุด")),
)
_ENGLISH_MOST = (
    (re.compile(r"\b(?:the\s+)?(?:most|highest|greatest)\b", re.I),
     ("มากที่สุด", "มากสุด", "สูงสุด", "สูงที่สุด")),
    (re.compile(r"\b(?:the\s+)?(?:least|lowest|fewest)\b", re.I),
     ("น้อยที่สุด", "น้อยสุด", "ต่ำสุด", "ต่ำที่สุด")),
    (re.compile(r"\b(?:the\s+)?(?:largest|biggest)\b", re.I),
     ("ใหญ่ที่สุด", "ใหญ่สุด", "มากที่สุด", "สูงสุด")),
    (re.compile(r"\b(?:the\s+)?smallest\b", re.I), ("เล็กที่สุด", "เล็กสุด", "น้อยที่สุด")),
)
#: Which-thing questions: a superlative of a count ("มากที่สุดกี่ราย") asks a value.
_ASKS_WHICH = re.compile(r"ใด|ไหน|อะไร|ใคร|\b(?:which|who|what)\b", re.I)
#: What may stand between the superlative and the first item it introduces: a count of
#: the items ("5 ลำดับแรก"), a word that introduces them, the first item's number.
_INTRODUCES = re.compile(
    r"\s*(?:[\d,]+\s*\S{0,6}\s*)??(?:\d+\s*(?:ลำดับ|อันดับ)(?:แรก)?\s*)?"
    r"(?:ได้แก่|คือ|เป็น|ดังนี้|[:：])?\s*(?:1\s*[.)]\s*)?")
#: Candidate types that are values, not the item a which-question asks for.
_VALUES = frozenset({"money", "count", "percent", "level", "number", "date"})
#: A class noun and a relative clause ("จังหวัดที่มีลูกหนี้..."): a description, no name.
_DESCRIBED = re.compile(r"^\s*[\u0e00-\u0e7f]{0,12}?ที่(?:มี|ได้|สามารถ|เป็น|ยัง)")
_BREAK = re.compile(r"\n|\s\d+\s*[.)]\s|และ|ส่วน|ขณะที่|รองลงมา")


def asked_superlative(question: str) -> tuple[str, ...]:
    """The forms a text writes the superlative ``question`` asks about in, or ().

    Only of a question asking which thing (place, person, name): "จังหวัดใด...มากที่สุด",
    "Which province had the most ...".  "ศาลสูงสุด", "ผู้บัญชาการทหารสูงสุด" are names.
    """
    if not _ASKS_WHICH.search(question):
        return ()
    for pattern, forms in (*_THAI_MOST, *_ENGLISH_MOST):
        if pattern.search(question):
            return forms
    return ()


@lru_cache(maxsize=256)
def _most_at(text: str, forms: tuple[str, ...]) -> tuple[int, ...]:
    """Where ``text`` writes any of ``forms`` (start offsets, ascending).

    Cached: every candidate of a passage asks it of the same text.
    """
    found: set[int] = set()
    for form in forms:
        found.update(m.start() for m in re.finditer(re.escape(form), text))
    return tuple(sorted(found))


def tells_most(rows: SpanRows, row: int, forms: tuple[str, ...]) -> bool:
    """Whether ``row``'s candidate is the one its text says is the most (``forms``).

    A value (an amount, a count, a date) or a description ("จังหวัดที่มี...") is no
    item.  Either the superlative stands within :data:`MOST_AFTER` characters after it, on its
    line, with no other candidate of its kind, no list item and no "และ" between; or it
    is the first item right after the superlative (:data:`_INTRODUCES` between).
    """
    p, a, b = rows.span(row)
    text = p.text
    kind = rows.ctype(row)
    if kind in _VALUES or _DESCRIBED.match(text[a:b]):
        return False
    rivals: list[int] | None = None  # the ends of the passage's later candidates of its kind
    for s in _most_at(text, forms):
        if b <= s <= b + MOST_AFTER:
            between = text[b:s]
            if _BREAK.search(between):
                continue
            if rivals is None:
                owner = rows.owner[row]
                rivals = [rows.span(r)[2] for r in np.flatnonzero(rows.owner == owner).tolist()
                          if r != row and rows.ctype(r) == kind and b < rows.span(r)[1]]
            if not any(end <= s for end in rivals):
                return True
        elif s < a:
            after = s + len(next(f for f in forms if text.startswith(f, s)))
            if after <= a and _INTRODUCES.fullmatch(text[after:a]):
                return True
    return False


def told_most_rows(rows: SpanRows, forms: tuple[str, ...]) -> npt.NDArray[np.bool_]:
    """The rows whose candidate tells the most (:func:`tells_most`), as a mask."""
    mask = np.zeros(len(rows.x), dtype=bool)
    for r in range(len(rows.x)):
        text = rows.span(r)[0].text
        if any(f in text for f in forms):
            mask[r] = tells_most(rows, r, forms)
    return mask


#: What a which-question asks for: a province, a person.
_ASKS_PROVINCE = re.compile(r"จังหวัด(?:ใด|ไหน|อะไร)|\bwhich\s+provinces?\b", re.I)
_ASKS_PERSON = re.compile(r"ใคร|\bwho\b|\bwhich\s+(?:person|minister|official|governor)\b", re.I)


def _names_in(text: str, kind: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The names of ``kind`` ("place": a province; "person": a titled name) in ``text[lo:hi]``."""
    if kind == "place":
        return [(m.start(), m.end()) for m in written_province().finditer(text, lo, hi)]
    found: list[tuple[int, int]] = []
    at = lo
    while at < hi:
        m = person_at(text, at)
        if m is not None and m[1] <= hi + 60:
            found.append(m)
            at = m[1]
        else:
            at += 1
    return found


def told_most_names(passages: Sequence[Passage], forms: tuple[str, ...],
                    question: str) -> list[tuple[Passage, int, int]]:
    """Names the passages say are the most (``forms``), each as ``(passage, start, end)``.

    Only for a question asking which province or who: the last name of that kind within
    :data:`MOST_AFTER` characters before the superlative, on its line with no list item
    nor "และ" between; or the first right after it (:data:`_INTRODUCES` between).
    Passages in their order; none for other questions.
    """
    kind = ("place" if _ASKS_PROVINCE.search(question) else
            "person" if _ASKS_PERSON.search(question) else None)
    if kind is None:
        return []
    out: list[tuple[Passage, int, int]] = []
    for p in passages:
        text = p.text
        for s in _most_at(text, forms):
            before = [(a, b) for a, b in _names_in(text, kind, max(0, s - MOST_AFTER), s)
                      if b <= s and not _BREAK.search(text[b:s])]
            if before:
                out.append((p, *before[-1]))
                continue
            after = s + len(next(f for f in forms if text.startswith(f, s)))
            names = _names_in(text, kind, after, min(len(text), after + 80))
            first = next(((a, b) for a, b in names if _INTRODUCES.fullmatch(text[after:a])),
                         None)
            if first is not None:
                out.append((p, *first))
    return out
