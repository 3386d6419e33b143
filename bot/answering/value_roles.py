"""A value's role against the role asked: what was done, or what is aimed at.

A release states a target beside what was achieved: "เป้าหมายรวม จำนวน 86,000 แปลง ...
ออกโฉนดแล้ว 42,412 แปลง"; "ออกโฉนดที่ดินคืบหน้า 53,437 แปลง จากเป้าหมาย 86,000 แปลง".
A question that asks what has been done ("ออกโฉนดไปแล้วกี่แปลง", "so far") is not
answered by the target, plan or projection, nor one that asks for the target
("ตั้งเป้าออกโฉนดกี่แปลง") by what was achieved.  The value's role is judged by the same
cue words an officer's update is (:func:`knowledge.figure_roles.role_in_text`); a value
whose role cannot be told (a done word and a target word both) answers neither.
"""

from __future__ import annotations

import re

from knowledge.figure_roles import DONE, OTHER, UNCLEAR, role_in_text

__all__ = ["ASKS_DONE", "ASKS_TARGET", "asked_role", "other_role"]

#: The role asked: what was done ("ไปแล้ว", "ได้แล้ว", "ดำเนินการแล้ว", "สำเร็จ", "achieved",
#: "so far", "to date"; not "แล้ว" opening the question, "and then", nor "แล้วแต่").
ASKS_DONE = "done"
#: ... or what is aimed at ("ตั้งเป้า", "เป้าหมาย", "คาดว่า", "ประมาณการ", "แผน", "target",
#: "expected"; not "กลุ่มเป้าหมาย", the people served, nor "ตามเป้าหมาย", done as planned).
ASKS_TARGET = "target"
_DONE_WORDS = (r"(?<=[\u0e01-\u0e4e\s])แล้ว(?!แต่)|สำเร็จ|ทำได้|ผลการดำเนิน"
               r"|\b(?:achieved|so\s+far|to\s+date|already|completed|accomplished)\b")
_TARGET_WORDS = (r"(?<!กลุ่ม)(?<!ตาม)เป้า(?!หมายการพัฒนา)|คาดว่า|คาดการณ์|ประมาณการ"
                 r"|(?<!ตาม)แผน(?!ก(?!าร)|ที่)"
                 r"|\b(?:targets?|targeted|goals?|expected|projected|forecast|planned|aims?)\b")
_ROLE_WORD = re.compile(rf"(?P<done>{_DONE_WORDS})|(?P<target>{_TARGET_WORDS})", re.I)
#: Where a question asks its figure: "กี่", "เท่าไร", "how many", "how much".
_ASK = re.compile(r"(?<!เ)กี่|เท่าไ[รห]|เท่าใด|\bhow\s+(?:many|much)\b|\bwhat\b", re.I)


def asked_role(question: str) -> str | None:
    """:data:`ASKS_DONE`, :data:`ASKS_TARGET` or None: the role of the value ``question`` asks.

    The last role word before the word that asks ("กี่", "เท่าไร"), else the first after
    it: "จากเป้าหมาย 86,000 แปลง ออกโฉนดแล้วกี่แปลง" asks what was done.
    """
    ask = _ASK.search(question)
    at = ask.start() if ask is not None else len(question)
    before = [m for m in _ROLE_WORD.finditer(question, 0, at)]
    found = before[-1] if before else _ROLE_WORD.search(question, at)
    return None if found is None else found.lastgroup


def other_role(text: str, start: int, end: int, asked: str) -> bool:
    """Whether the value ``text[start:end]`` is stated in another role than ``asked``.

    ``asked``: :data:`ASKS_DONE` (a target, plan, projection, remainder or the whole a
    part is of is another role) or :data:`ASKS_TARGET` (a value stated as done is).  A
    value whose role cannot be told is another role for both; one with no cue is none.
    """
    kind = role_in_text(text, start, end).kind
    if kind == UNCLEAR:
        return True
    return kind == (OTHER if asked == ASKS_DONE else DONE)
