"""The role of each figure in an officer's update: done, a target or plan, or unclear.

One judgement for every figure an update states (the amount disbursed, a percentage, a
level, a count of people or places, a quarter): "เป้าหมายร้อยละ 80" or "target level 5"
is what is aimed at, not what was achieved, and "ได้รับงบ 1 ล้านบาท" is a budget, not a
payment.  Each figure is judged by the cue words before it (the last one between it and
the figure before it, at most :data:`CUE_REACH` characters back), a target word right
after it ("80% target", "30 คน (เป้าหมาย)"), and, with no cue of its own, by the figure
it is joined to ("เป้าหมายร้อยละ 80 และระดับ 5": both targets).  Pure; no project imports.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

from knowledge.patterns import lazy_pattern

__all__ = ["CUE_REACH", "DONE", "MONEY_CUES", "OTHER", "PROGRESS_CUES", "TEXT_REACH", "UNCLEAR",
           "Cues", "Figure", "Role", "judge_roles", "role_in_text"]

#: The roles: what was done (paid, achieved), something else (a target, plan, budget,
#: remainder, the whole a part is of), and a role that cannot be told.  ``None``: the
#: figure has no cue at all, and is read as done where the reader reads free figures.
DONE = "done"
OTHER = "other"
UNCLEAR = "unclear"

#: How far before a figure its cue may stand (characters), so that a target named at the
#: start of a long message does not make a figure stated much later a target too.
CUE_REACH = 60

#: Words before an amount that make it a disbursement ("เบิกจ่ายได้", "ผลการเบิกจ่าย",
#: "ใช้งบไป", "disbursed", "spent").  A compound is matched whole, so the "งบ" of
#: "เบิกจ่ายจากงบกลาง" or "ใช้งบ" does not make it a budget.
PAID_WORDS = (
    r"(?:ผลการ)?เบิกจ่าย(?:แล้ว|ได้)?(?:\s*(?:จาก)?\s*งบ(?:ประมาณ)?)?"
    r"|ใช้(?:จ่าย|เงิน|งบ(?:ประมาณ)?)(?:ไป|แล้ว)?"
    r"|\b(?:disburse[ds]?|disbursements?|spent|spend(?:ing)?|paid|expended|expenditures?)\b"
)
#: Acts done ("ดำเนินการแล้ว", "ทำได้", "แล้วเสร็จ", "สำเร็จ", "completed", "achieved"):
#: after a target word they are the target's ("ตั้งเป้าให้แล้วเสร็จ", "expected to be
#: completed"), else they make a percentage, level or count what was achieved.
DONE_ACTS = (
    r"(?:ผลการ)?ดำเนิน(?:การ|งาน)(?:ไป|แล้ว|ได้)*|ผลการ(?:ปฏิบัติ(?:งาน|การ)|ประเมิน)"
    r"|ผลสำเร็จ|ผลงาน|ผลลัพธ์|ผลที่(?:ทำ)?ได้|ความ(?:ก้าว|คืบ)หน้า|คืบหน้า"
    r"|ทำ(?:ได้|ไป)(?:แล้ว)?|ทำแล้ว|(?:แล้ว)?เสร็จ(?:แล้ว|สิ้น)?|สำเร็จ(?:แล้ว)?|บรรลุ(?:แล้ว)?"
    r"|ได้แล้ว|แล้ว"
    r"|\b(?:achieved|completed|reached|done|finished|accomplished|progress|performance"
    r"|results?)\b"
)
#: Words of the present state ("ปัจจุบัน", "ขณะนี้", "currently", "so far"): what was
#: achieved; never part of a target before them ("เป้าหมาย ปัจจุบันร้อยละ 60").
DONE_NOW = (
    r"ปัจจุบัน|ขณะนี้|ตอนนี้|ล่าสุด"
    r"|\b(?:currently|so\s+far|to\s+date|actual(?:ly)?|now)\b"
)
#: Words of a target, plan, expectation or deadline: "เป้าหมาย", "ตั้งเป้า", "คาดว่า",
#: "วางแผน", "แผนงาน", "จะ", "ต้อง", "ให้ได้", "กำหนด", "ภายใน" before a time, "target",
#: "plan", "expected", "goal", "will", "due", "by the end of".  Not: "กลุ่มเป้าหมาย" (the
#: people served), "เป้าหมายการพัฒนา" (the SDGs), "ตามเป้าหมาย", "ตามแผน", "ตามกำหนด"
#: (done as planned), "แผนก", "แผนที่" (a map), "ต้องการ", "ถูกต้อง", "ให้ได้รับ",
#: "ภายในชุมชน", "as planned", "as expected", "due to".
TARGET_WORDS = (
    r"(?<!กลุ่ม)(?<!ตาม)เป้า(?!หมายการพัฒนา)(?:หมาย|ประสงค์)?"
    r"|(?<!ตาม)แผน(?!ก(?!าร)|ที่(?!วาง|ตั้ง|กำหนด))(?:งาน|การ)?"
    r"|คาด(?:ว่า|การณ์|หวัง)?|ประมาณการ|ตั้งใจ|มุ่งหวัง|(?<!ตาม)กำหนด(?:การ)?"
    r"|ภายใน(?=\s*(?:ไตรมาส|วันที่|เดือน|ปี|สิ้น|\d))"
    r"|จะ|(?<!ถูก)ต้อง(?!การ)|ให้(?:ได้(?!รับ)|ครบ|ถึง)"
    r"|(?<!as\s)\b(?:targets?|targeted|targeting|goals?|aim(?:s|ed|ing)?|plan(?:s|ned|ning)?"
    r"|expect(?:s|ed|ing)?|projected|projection|forecast|anticipated|intend(?:s|ed)?"
    r"|will|shall|going\s+to|scheduled|deadline|due(?!\s+to\b)|by\s+the\s+end\s+of)\b"
)
#: Words of what is not done yet: "ยังไม่(ได้)…", "ค้างจ่าย", "คงเหลือ", "เหลือ"
#: (not "ช่วยเหลือ", "สีเหลือง"), "remaining", "not yet …".
REMAINDER_WORDS = (
    r"ยังไม่|ค้าง(?:เบิก(?:จ่าย)?|จ่าย|ชำระ|ดำเนินการ)|คงเหลือ|(?<!ช่วย)เหลือ(?!ง)"
    r"|\b(?:remaining|remains?|left|undisbursed|unspent|outstanding"
    r"|not\s+(?:yet\s+)?(?:disbursed|spent|paid|done|completed|reached|achieved))\b"
)
#: What may stand between a target or remainder word and the act it names: "ตั้งเป้าไว้ว่า
#: จะดำเนินการ", "expected to be completed".
_LINK = (r"\s*(?:การ|ที่|ว่า|จะ|ให้|ไว้|ได้|ของ|แล้ว|คือ|เป็น|อยู่ที่|ถึง|ไป)"
         r"|\s+(?:to|be|of|at|is|are|for|a|an|the|reach|achieve|have|been)\b")
#: A target or remainder word with the act it names, matched whole: "เป้าหมายการเบิกจ่าย",
#: "คาดว่าจะแล้วเสร็จ", "ยังไม่ได้เบิกจ่าย", "planned to be completed" are no payment and
#: nothing done.
_NOT_DONE = rf"(?:{TARGET_WORDS}|{REMAINDER_WORDS})(?:{_LINK})*(?:\s*(?:{PAID_WORDS}|{DONE_ACTS}))?"
#: The whole a figure is part of: "จาก 900,000 บาท", "จากร้อยละ 80", "out of" ("จาก"
#: before a word, as in "จากร้าน", is no cue).
_WHOLE = (r"จาก(?=\s*(?:ทั้งหมด\s*)?(?:ร้อยละ\s*|ระดับ(?:ที่)?\s*)?[\d฿])|\bout\s+of\b")
#: Money only: a budget or allocation ("งบ", "วงเงิน", "จากงบ", "ได้รับจัดสรร", "budget").
_BUDGET = (
    r"(?:ได้รับ)?(?:การ)?จัดสรร|วงเงิน|จาก\s*งบ(?:ประมาณ)?|(?<!ส)งบ(?:ประมาณ)?"
    r"|\b(?:budget(?:ed|s)?|allocat\w*|balance)\b"
)
#: A target word right after a figure ("80% target", "level 5 is the goal", "30 คน
#: (เป้าหมาย)"); not when it leads to the next figure ("ร้อยละ 60 เป้าหมายร้อยละ 80").
_AFTER = (
    r"[\s(\[,-]*(?:(?:is|was|are|were|เป็น|คือ)\s*)?(?:(?:the|our|a|an)\s+)?"
    r"(?:เป้าหมาย(?!การพัฒนา)|เป้า(?!หมาย)|แผนงาน|แผน(?!ก(?!าร)|ที่|งาน)"
    r"|\b(?:targets?|targeted|goals?|planned|expected|projected|forecast|anticipated)\b)"
    r"(?![\s:=]*(?:(?:การ|ของ|ที่|คือ|อยู่ที่|ไว้|\bof\b|\bat\b|\bis\b|\bto\b|\bbe\b"
    r"|\breach\b|เบิกจ่าย|ใช้จ่าย|ดำเนิน(?:การ|งาน))\s*)*"
    r"(?:ร้อยละ|ระดับ(?:ที่)?|เปอร์เซ็นต์|level|percent(?:age)?|ไตรมาส(?:ที่)?|quarter|q)?\s*[-−]?\d)"
)
_AFTER_RE = lazy_pattern(_AFTER, re.IGNORECASE)


class Cues(NamedTuple):
    """The words that give one kind of figure its role.

    ``pattern()``: a compiled pattern with the groups ``other`` (not done) and ``done``.
    """

    name: str
    pattern: Callable[[], re.Pattern[str]]


#: An amount of money: paid ("เบิกจ่าย", "spent"), or a target, plan, remainder, budget or
#: whole ("เป้าหมายการเบิกจ่าย", "คงเหลือ", "งบ", "จาก 900,000 บาท").
MONEY_CUES = Cues("money", lazy_pattern(
    rf"(?P<other>{_NOT_DONE}|{_BUDGET}|{_WHOLE})|(?P<done>{PAID_WORDS})", re.IGNORECASE))
#: A percentage, level, count or quarter: done ("ดำเนินการแล้ว", "ทำได้", "ผลการดำเนินงาน",
#: "ปัจจุบัน", "เบิกจ่ายแล้ว", "achieved"), or a target, plan, remainder or whole.
PROGRESS_CUES = Cues("progress", lazy_pattern(
    rf"(?P<other>{_NOT_DONE}|{_WHOLE})|(?P<done>{PAID_WORDS}|{DONE_ACTS}|{DONE_NOW})",
    re.IGNORECASE))

#: What may stand between two figures of one list: "และ", "กับ", "หรือ", a comma, a
#: bracket ("1.2 ล้านบาท (1,200,000 บาท)"), "อีก" (another), and their English words.
#: The figure after it has no cue of its own: it takes the role of the figure before.
_JOINED_RE = lazy_pattern(
    r"[\s,;()\[\]]*(?:(?:และ|กับ|หรือ|\band\b|\bor\b|&|\+)[\s,;()\[\]]*)?"
    r"(?:(?:อีก|ด้วย|\banother\b|\balso\b|\bplus\b)\s*)*",
    re.IGNORECASE,
)
#: A gap that starts by joining ("และ", "กับ", "หรือ", a comma, "and", "or") and goes on with
#: words that are no cue: the figure after it continues the one before, in a role unsaid.
_JOINER_START_RE = lazy_pattern(r"[\s()\[\]]*(?:และ|กับ|หรือ|,|\band\b|\bor\b|&)",
                                re.IGNORECASE)


class Figure(NamedTuple):
    """A figure in the text: its span and the cues that judge its kind."""

    start: int
    end: int
    cues: Cues


class Role(NamedTuple):
    """How a figure is to be read.

    ``kind``: :data:`DONE`, :data:`OTHER`, :data:`UNCLEAR`, or None (no cue: free).
    ``inherited``: taken from the figure it is joined to.  ``window_start``: where the
    text that may hold its cue begins; ``cue_start``: where its deciding cue begins.
    """

    kind: str | None
    inherited: bool = False
    window_start: int = 0
    cue_start: int | None = None


def judge_roles(text: str, figures: Sequence[Figure]) -> list[Role]:
    """The role of each figure of ``text`` (in the order given), judged the same way for all.

    A figure's role is the last cue between it and the figure before it (any kind), at
    most :data:`CUE_REACH` characters back: a ``done`` cue makes it done, an ``other``
    cue (a target, plan, remainder, budget, whole) not done.  A target word right after
    it makes it a target; after a ``done`` cue too, its role is unclear.

    With no cue of its own, a figure joined to the figure before only by "และ", "กับ",
    "หรือ", a comma or a bracket takes that figure's role ("ได้รับงบ 1 ล้านบาท และ 2 แสน
    บาท", "เป้าหมายร้อยละ 80 และระดับ 5"); joined to a not-done figure of its own kind by
    "และ" (or another joiner) and then words that are no cue ("งบ 1 ล้านบาท และโอนแล้ว 2
    แสนบาท", "เป้าหมาย 100 คน และอบรม 30 คน"), its role cannot be told: unclear.
    """
    order = sorted(range(len(figures)), key=lambda i: (figures[i].start, figures[i].end))
    roles: list[Role | None] = [None] * len(figures)
    cue_lists: dict[str, list[re.Match[str]]] = {}
    previous_end = 0
    #: The figure before (its cues' name, its role's kind, where it ended), if any.
    before: tuple[str, str | None, int] | None = None
    for i in order:
        fig = figures[i]
        cues_found = cue_lists.get(fig.cues.name)
        if cues_found is None:
            cues_found = cue_lists[fig.cues.name] = list(fig.cues.pattern().finditer(text))
        window_start = max(previous_end, fig.start - CUE_REACH)
        previous_end = max(previous_end, fig.end)
        cues = [c for c in cues_found if window_start < c.end() <= fig.start]
        kind = None if not cues else (DONE if cues[-1].group("done") is not None else OTHER)
        inherited = False
        if not cues and before is not None and before[2] <= fig.start:
            gap = text[before[2]:fig.start]
            if _JOINED_RE().fullmatch(gap):
                kind, inherited = before[1], True
            elif (before[0] == fig.cues.name and before[1] in (OTHER, UNCLEAR)
                  and len(gap) <= CUE_REACH and _JOINER_START_RE().match(gap)):
                kind = UNCLEAR
        if _AFTER_RE().match(text, fig.end) is not None:
            kind = UNCLEAR if kind == DONE else (kind if kind == UNCLEAR else OTHER)
        roles[i] = Role(kind, inherited, window_start,
                        cues[-1].start() if cues else None)
        before = (fig.cues.name, kind, fig.end)
    return [r if r is not None else Role(None) for r in roles]


#: A number in running text (a release): each one before a figure may be the figure it
#: is joined to, or the one whose end bounds the figure's cues.
_NUMBER_RE = lazy_pattern(r"\d[\d,]*(?:\.\d+)?")
#: How far before a figure of running text the numbers before it are read (characters).
TEXT_REACH = 200


def role_in_text(text: str, start: int, end: int, cues: Cues = PROGRESS_CUES) -> Role:
    """The role of the figure ``text[start:end]`` of running text, judged as an update's are.

    Every number in the :data:`TEXT_REACH` characters before it is a figure before it
    (:func:`judge_roles`): its cues are those after the last of them, and with none of its
    own it takes the role of the one it is joined to.  "เป้าหมายรวม จำนวน 86,000 แปลง":
    :data:`OTHER`; "ออกโฉนดแล้ว 42,412 แปลง": :data:`DONE`; "ซึ่งมีเป้าหมาย 70,000 แปลง ออก
    โฉนดแล้ว 42,412 แปลง": the second is done.  ``start``, ``end``: character offsets.
    """
    left = max(0, start - TEXT_REACH)
    figures = [Figure(m.start(), m.end(), cues)
               for m in _NUMBER_RE().finditer(text, left, start) if m.end() <= start]
    figures.append(Figure(start, end, cues))
    return judge_roles(text, figures)[-1]
