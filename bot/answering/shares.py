"""Shares of one whole: the share the question asks about, not its complement.

"การโอนตรงด้วยระบบ E-Payment ... ซึ่งมีสูงถึงร้อยละ 80 ส่วนที่เหลือ ร้อยละ 20 ซึ่งเป็นผู้ที่
ไม่ได้ลงทะเบียน ... จ่ายเบี้ยเป็นเงินสด": two percentages split one whole, the second written
as the rest ("ส่วนที่เหลือ", "ที่เหลือ", "the rest").  "ผ่าน E-Payment มีสัดส่วนร้อยละเท่าไร"
was answered "ร้อยละ 20", the cash share, under the real citation.

:func:`other_share` tells, for a percentage of such a pair, whether it is the share the
question does *not* ask about: each share is bound to its own clause (the main share's
from the number before it, the rest's to the next number or the paragraph's end), and
the share asked is the one whose clause alone holds more of the question's words (runs
of four letters, :func:`bot.answering.parts.letter_runs`).  A tie binds neither (both
are left to the other checks).

Pure functions over texts.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.answering.parts import letter_runs

__all__ = ["PAIR_REACH", "REST_REACH", "is_percent", "other_share", "share_pair"]

#: A percentage: "ร้อยละ 80", "80%", "80 เปอร์เซ็นต์", "80 percent".
_PERCENT = re.compile(r"ร้อยละ\s*(?P<a>\d+(?:\.\d+)?)|(?P<b>\d+(?:\.\d+)?)\s*(?:%|เปอร์เซ็นต์|"
                      r"percent\b)", re.I)
#: The rest of a whole before its share: "ส่วนที่เหลือ", "ที่เหลืออีก", "นอกนั้น", "the rest".
_REST = re.compile(r"(?:ส่วน)?ที่เหลือ(?:อยู่)?(?:อีก)?|นอกนั้น|ส่วนอื่น|"
                   r"\bthe\s+(?:rest|remaining|remainder)\b|\bremaining\b", re.I)
#: Characters between the rest's word and its percentage ("ส่วนที่เหลือ ร้อยละ 20").
REST_REACH = 30
#: Characters from a share to the rest's percentage after it (one sentence).
PAIR_REACH = 200
#: Characters a share's clause runs at most (before the main share, after the rest).
CLAUSE_CHARS = 200
_DIGIT = re.compile(r"\d")


def is_percent(text: str, start: int, end: int) -> bool:
    """Whether the value ``text[start:end]`` is a percentage (its unit or "ร้อยละ" before)."""
    return bool(re.search(r"ร้อยละ\s*$", text[max(0, start - 8):start])) or bool(
        re.search(r"ร้อยละ|%|เปอร์เซ็นต์|percent", text[start:end + 12], re.I))


@lru_cache(maxsize=512)
def _pairs(text: str) -> tuple[tuple[int, tuple[int, ...], int, tuple[int, ...], int], ...]:
    """The share pairs of ``text``: (main clause start, main, rest word, rest, rest clause end).

    ``main`` and ``rest`` are the offsets a candidate of each percentage may start at (its
    "ร้อยละ" or its number); the rest's percentage follows a rest word (:data:`_REST`)
    within :data:`REST_REACH` characters, and the main one precedes it within
    :data:`PAIR_REACH`, in one paragraph.
    """
    found = [((m.start(), m.start("a") if m.group("a") else m.start("b")), m.end())
             for m in _PERCENT.finditer(text)]
    out = []
    for k in range(1, len(found)):
        (pstart, num), pend = found[k]
        rest = None
        for r in _REST.finditer(text, max(0, pstart - REST_REACH), pstart):
            rest = r
        if rest is None or _DIGIT.search(text, rest.end(), pstart):
            continue
        main, _ = found[k - 1]
        if main[0] < pstart - PAIR_REACH or "\n" in text[main[0]:pstart]:
            continue
        # The main share's clause: from the number before it (or the paragraph's start).
        left = max(0, main[0] - CLAUSE_CHARS, text.rfind("\n", 0, main[0]) + 1)
        clause_start = left
        for d in re.finditer(r"\d[\d,.]*", text[left:main[0]]):
            clause_start = left + d.end()
        # The rest's clause: to the next number, the paragraph's end or CLAUSE_CHARS.
        stop = min(len(text), pend + CLAUSE_CHARS)
        nl = text.find("\n", pend, stop)
        stop = nl if nl >= 0 else stop
        nxt = _DIGIT.search(text, pend, stop)
        stop = nxt.start() if nxt else stop
        out.append((clause_start, main, rest.start(), (pstart, num), stop))
    return tuple(out)


def share_pair(text: str, start: int) -> tuple[str, str, bool] | None:
    """The two clauses of the pair the percentage at ``text[start]`` is in, and its side.

    ``(main clause, rest clause, is_rest)``, or None when it is in no pair.
    """
    for c0, main, r0, rest, c1 in _pairs(text):
        if start in main or start in rest:
            return text[c0:r0], text[r0:c1], start in rest
    return None


def other_share(text: str, start: int, end: int, question: str) -> bool:
    """Whether the percentage ``text[start:end]`` is the share ``question`` does not ask.

    ``question``: as read (normalised, lower case; an English question's Thai rendering
    with its Latin words).  False for a value in no pair, and when neither clause holds
    more of the question's words than the other.
    """
    if not is_percent(text, start, end):
        return False
    pair = share_pair(text, start)
    if pair is None:
        return False
    main, rest, is_rest = pair
    q = letter_runs(question)
    m_runs, r_runs = letter_runs(main), letter_runs(rest)
    for_main = len(q & (m_runs - r_runs))
    for_rest = len(q & (r_runs - m_runs))
    if for_main == for_rest:
        return False
    return is_rest if for_main > for_rest else not is_rest
