"""Who did the act against who attended it.

A release names the one who opened, chaired or handed over, and the people who came:
"นายแพทย์สาธารณสุขจังหวัดเลย นายแพทย์รณรงค์ ศรีพล ผู้อำนวยการโรงพยาบาลวังสะพุง ผู้บริหาร
และเจ้าหน้าที่ร่วมงาน".  A question that asks who did the act ("Who opened the dialysis
building", "ใครเป็นประธานเปิดงาน") is not answered by a person the text lists as one who
joined ("ร่วมงาน", "ร่วมพิธี", "ให้การต้อนรับ"): that is another person under a real citation.
"""

from __future__ import annotations

import re

__all__ = ["ATTENDEE_REACH", "asks_actor", "attendee"]

# A question about who did the act: opened, chaired, presided, handed over, signed.
_ASKS_ACTOR = re.compile(
    r"ใคร.{0,24}?(?:เปิด|เป็นประธาน|มอบ|ลงนาม)|(?:เปิด|เป็นประธาน|มอบ|ลงนาม).{0,60}?ใคร|"
    r"\bwho\s+(?:officially\s+)?(?:opened|chaired|presided|inaugurated|launched|handed|"
    r"signed|led|kicked)\b", re.I)
# What a text says of those who came: "ร่วมงาน", "ร่วมพิธี", "เข้าร่วมงาน", "ให้การต้อนรับ".
_JOINED = re.compile(r"(?:เข้า)?ร่วม(?:งาน|พิธี|กิจกรรม|เป็นเกียรติ|ให้การต้อนรับ)|ให้การต้อนรับ")
# What the actor does, which a listed attendee does not: the act between the person and
# "ร่วม..." makes them its doer ("เป็นประธานเปิด ... โดยมี ... ร่วมงาน").
_ACT = re.compile(r"เปิด|เป็นประธาน|มอบ|ลงนาม|กล่าว|โดยมี|พร้อมด้วย")
_BREAK = re.compile(r"[.!?\n]|\s{2,}")
#: Characters after a person searched for the words listing them among those who came.
ATTENDEE_REACH = 300


def asks_actor(question: str) -> bool:
    """Whether ``question`` (Thai or English) asks who opened, chaired or handed over."""
    return _ASKS_ACTOR.search(question) is not None


def attendee(text: str, end: int) -> bool:
    """Whether the person ending at ``text[end]`` is listed among those who came.

    "นายแพทย์รณรงค์ ศรีพล ผู้อำนวยการโรงพยาบาลวังสะพุง ผู้บริหาร และเจ้าหน้าที่ร่วมงาน":
    a "joined" word (:data:`_JOINED`) within :data:`ATTENDEE_REACH` characters after the
    person, in the same sentence, with no act of their own between (:data:`_ACT`).
    """
    right = min(len(text), end + ATTENDEE_REACH)
    stop = _BREAK.search(text, end, right)
    if stop is not None:
        right = stop.start()
    joined = _JOINED.search(text, end, right)
    return joined is not None and _ACT.search(text, end, joined.start()) is None
