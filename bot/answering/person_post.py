"""The post of a person the question names: "นายวสันต์ สุภาภา ดำรงตำแหน่งอะไร".

Thai official text writes a person with their post right after the name ("นายวสันต์
สุภาภา รองอธิบดีกรมที่ดิน"), and an appointment with the new post after "ดำรงตำแหน่ง"
("ให้นายนที มนตริวัต รองผู้ว่าราชการจังหวัดชัยนาท ดำรงตำแหน่งผู้ว่าราชการจังหวัด
ชัยนาท").  The span scorer, which looks for a value near the question's words, led
with the *next* person in a list of names and posts, or with the post a person was moved
from; this reads the post the text writes with the named person.

:func:`asked_person` finds the name a question asks the post of; :func:`post_of` the
span of that person's post in a passage's text, or None.
"""

from __future__ import annotations

import re

from bot.answering.candidates import POST_END_VERBS, opens_with_name
from bot.answering.question import POST_WORD

__all__ = ["MAX_POST_CHARS", "asked_person", "post_of"]

#: The longest post read after a name, in characters ("รองผู้ว่าการ กกท. ฝ่ายกีฬา...").
MAX_POST_CHARS = 90

# "<name> ดำรงตำแหน่งอะไร", "<name> ตำแหน่งใด", "<name> เป็นใคร", "<name> คือใคร".
_ASKS_POST = re.compile(
    r"^\W*(?P<name>.+?)(?:\s+(?:ปัจจุบัน|ตอนนี้))?(?:\s*(?:ดำรง|ดํารง|อยู่ใน|เป็น)|\s+มี)?\s*"
    r"ตำแหน่ง\s*(?:อะไร|ใด|ไหน)|"
    r"^\W*(?P<who>.+?)\s*(?:เป็น|คือ)\s*ใคร")
# The titles a person is written with, one or more ("ว่าที่ ร.ต. นาย...").
_TITLES = re.compile(
    r"^(?:(?:นางสาว|นาง|นาย|น\.ส\.|ดร\.|ว่าที่\s*(?:ร\.ต\.|ร้อยตรี)?|พลเอก|พลโท|พลตรี|พันเอก|"
    r"(?:รอง|ผู้ช่วย)?ศาสตราจารย์|นายแพทย์|แพทย์หญิง|ทพ\.|พ\.ต\.[ทต]\.|"
    r"พันโท|พันตรี|พล\.อ\.|พล\.ท\.|พล\.ต\.(?:อ\.|ท\.|ต\.)?|พ\.อ\.|พ\.ต\.อ\.|ศ\.|รศ\.|ผศ\.|"
    r"นพ\.|พญ\.|ท่าน|คุณ)\s*)+")
# What opens a post besides the posts of :data:`POST_WORD`.
_POST_OPENS = re.compile(
    rf"(?:รอง|ผู้ช่วย)?\s*(?:{POST_WORD.pattern}|ที่ปรึกษา|ผู้ตรวจราชการ|ผู้ว่าการ|กรรมการ|"
    r"อธิการบดี|คณบดี|ผู้จัดการ|ผู้บริหาร|อุปนายก|นายกสมาคม|สมาชิกสภา|ส\.ส\.|ส\.ว\.|"
    r"ปลัดจังหวัด|ท้องถิ่นจังหวัด|พัฒนาการ|ผู้อำนวยการ|ผู้กำกับ|ผู้บังคับ|ผู้ใหญ่บ้าน|กำนัน)")
# Where a post ends: the next person's title, a mark, "และ", a verb the post is the
# subject of, or an appointment's "ดำรงตำแหน่ง".
_POST_STOP = re.compile(
    r"\s(?:นางสาว|นาง|นาย|น\.ส\.|ดร\.|ว่าที่|พล(?:เอก|โท|ตรี|\.)|พัน(?:เอก|โท|ตรี))|"
    r"[,;:()\"“”'\n]|\sและ|\s*(?:ไป)?ดำรงตำแหน่ง|"
    # A verb or a preposition after a space opens the clause the person acts in.
    r"\s(?:ณ|ร่วม|มอบ|นำ|ตรวจ|เยี่ยม|ประชุม|ลงนาม|เป็น|รับ|ให้|ไป|มา|พร้อม|กับ|เพื่อ|ซึ่ง|"
    r"ที่|โดย|ปาฐกถา|บรรยาย|เข้า|ต้อนรับ|ย้ำ|เน้น)|"
    + "|".join(rf"\s*{re.escape(v)}" for v in POST_END_VERBS))
_APPOINTED = re.compile(r"\s*(?:ไป)?ดำรงตำแหน่ง\s*")


def asked_person(question: str) -> str | None:
    """The name (without titles) of the person whose post ``question`` asks, or None.

    "นายวสันต์ สุภาภา ดำรงตำแหน่งอะไร" → "วสันต์ สุภาภา".  Only a name written with a
    title ("นาย", "ดร.", "พลเอก" ...) and a surname (two or three words): "ประธานคือใคร"
    asks for a person.
    """
    m = _ASKS_POST.match(question.strip())
    if m is None:
        return None
    name = (m.group("name") or m.group("who") or "").strip()
    if not opens_with_name(name, "person"):
        return None
    bare = _TITLES.sub("", name).strip()
    words = bare.split()
    if not 2 <= len(words) <= 3 or min(len(w) for w in words) < 2:
        return None
    return " ".join(words)


def _name_pattern(name: str) -> re.Pattern[str]:
    return re.compile(r"\s*".join(re.escape(w) for w in name.split()))


def post_of(text: str, name: str) -> tuple[int, int] | None:
    """The span of the post ``text`` writes with the person ``name``, or None.

    The post right after the name (spaces between); when the text goes on with
    "ดำรงตำแหน่ง <post>" (an appointment), that post, the one now held.  A span opens
    with a post word (:data:`POST_WORD`, "ที่ปรึกษา", "ผู้ว่าการ" ...) and ends before the
    next person, a mark, "และ" or a verb, within :data:`MAX_POST_CHARS`.
    """
    for m in _name_pattern(name).finditer(text):
        at = m.end()
        while at < len(text) and text[at] == " ":
            at += 1
        span = _post_at(text, at)
        if span is None:
            continue
        a, b = span
        moved = _APPOINTED.match(text, b)
        if moved is not None:
            new = _post_at(text, moved.end())
            if new is not None:
                return new
        return a, b
    return None


def _post_at(text: str, at: int) -> tuple[int, int] | None:
    """The post that opens at ``text[at]``, or None."""
    if _POST_OPENS.match(text, at) is None:
        return None
    limit = min(len(text), at + MAX_POST_CHARS)
    stop = _POST_STOP.search(text, at + 2, limit)
    if stop is not None:
        end = stop.start()
    else:  # cut at the last space before the limit, never inside a word
        space = text.rfind(" ", at, limit) if limit < len(text) else -1
        end = space if space > at else limit
    end = len(text[at:end].rstrip(" .")) + at
    return (at, end) if end - at >= 3 else None
