"""The holder of a post at a named event: the event's documents name them.

"ใครเป็นผู้ว่าราชการจังหวัดนครพนมที่ Kick-off ธนาคารขยะ" asks who held the post at the
waste-bank kick-off, not who holds it today: the releases about the kick-off name นาย
วันชัย จันทร์พร, a flood meeting a year later names his successor.  A question that
binds the post to an event by a clause after it ("<post> ที่ <event>") is answered only
from a document that tells of the event (:func:`tells_of_event`); today's holder
(the answerer's latest-releases reading) is not asked.

Pure functions over the question and texts.
"""

from __future__ import annotations

import re

from indexer.tokenize import tokenize
from knowledge.thai import MONTHS_FULL, MONTHS_SHORT

__all__ = ["EVENT_SHARE", "event_words", "tells_of_event"]

#: The clause after the post that binds it to an event: "ที่" and the event's words, up to
#: the asking words ("คือใคร", "ชื่ออะไร") or the end.
_CLAUSE = re.compile(r"\s*(?:ที่|ซึ่ง|ผู้)\s*(?!ไหน|ใด|ผ่านมา|แล้ว|\d)(?P<event>.+?)"
                     r"\s*(?:คือ|เป็น|ชื่อ|ได้แก่)?\s*(?:ใคร|อะไร)?\s*(?:ครับ|คะ|ค่ะ)?\s*\??\s*$")
#: What may stand between a post and the clause binding it: the unit the post is of
#: ("เขตสุขภาพที่ 6", "(กบข.)"), up to a space or a closing bracket.
_UNIT_GAP = re.compile(r"[^?]{0,40}?[\s)](?=\s*(?:ที่|ซึ่ง)\s*(?!\d))")
#: Where the event's day begins in the clause ("เมื่อ มี.ค. 67", "ในปี 2567", "ปี 67",
#: "เดือนกรกฎาคม 2566", " ก.ค. 66").
_WHEN = re.compile(r"เมื่อ|ใน(?:ปี|เดือน|วันที่)|(?:ปี|พ\.ศ\.|วันที่)\s*[\d๐-๙]|\s[\d๐-๙]|(?:เดือน|\s)(?:"
                   + "|".join(re.escape(m) for m in (*MONTHS_FULL, *MONTHS_SHORT)) + ")")
#: The share of the event's words a document telling of it holds.
EVENT_SHARE = 0.75
#: Words of the clause that name no event: asking and linking words, time words.
_NOT_EVENT = frozenset({"คือ", "ใคร", "อะไร", "ชื่อ", "เป็น", "ได้", "มี", "ใน", "ของ", "และ",
                        "คน", "ปัจจุบัน", "ตอนนี้", "ล่าสุด", "ขณะนี้", "ท่าน", "ครับ", "คะ",
                        "ค่ะ", "ปี", "เดือน", "วัน", "ที่", "-"})


def event_words(question: str, phrase: str) -> tuple[str, ...]:
    """The words of the event ``question`` binds the post ``phrase`` to; () when none.

    ``question``: its Thai form; ``phrase``: the post as the question writes it
    ("ผู้ว่าราชการจังหวัดนครพนม").  "ผู้ว่าราชการจังหวัดนครพนมที่ Kick-off ธนาคารขยะ" ->
    ("kick", "off", "ธนาคาร", "ขยะ") (as tokenised); "... คนปัจจุบันคือใคร" -> ().
    Numbers (a year) are the event's date, not its words.
    """
    if not phrase:
        return ()
    at = question.find(phrase)
    if at < 0:
        return ()
    m = _CLAUSE.match(question, at + len(phrase))
    if m is None:
        # "ผู้ตรวจราชการกระทรวงสาธารณสุข เขตสุขภาพที่ 6 ที่ร่วมพิสูจน์สิทธิ์ ... คือใคร": the
        # unit the post is of, then the clause (after a space or a bracket).
        gap = _UNIT_GAP.match(question, at + len(phrase))
        m = _CLAUSE.match(question, gap.end()) if gap is not None else None
    if m is None:
        return ()
    # "... ที่ร่วมจัดงานเดินแบบผ้าไทยการกุศลเมื่อ มี.ค. 67": the event's day is no word of it.
    event = _WHEN.split(m.group("event"), maxsplit=1)[0]
    words = [t.lower() for t in tokenize(event)
             if t.strip() and t not in _NOT_EVENT and not re.fullmatch(r"[\d\W_]+", t)]
    return tuple(dict.fromkeys(words))


def tells_of_event(words: tuple[str, ...], text: str) -> bool:
    """Whether ``text`` (a document's title and passages) holds the event's ``words``.

    At least :data:`EVENT_SHARE` of them (a paraphrase drops a linking verb: "ร่วมจัดงาน"
    of "จัดงาน").
    """
    if not words:
        return True
    folded = re.sub(r"\s+", "", text).lower()
    held = sum(w.replace(" ", "") in folded for w in words)
    return held >= EVENT_SHARE * len(words)
