"""Example and placeholder text the bot shows, and the check that keeps it out of the data.

Help lines and prompts show examples ("เช่น /update 1 อบรมอาสาสมัครคัดแยกขยะ 30 คน …") and
placeholders ("/update รหัส ข้อความ").  People copy them, press buttons built next to
them, or type the syntax literally; none of it may ever be stored as if an officer had
reported it (issue 15: an example became an update with a fabricated 250,000 บาท).

Two rules close the whole kind:

* buttons never carry free text: a button sends a command with ids only (the text an
  officer typed is kept in the conversation's database row, not in the button), so no
  button can replay an example, a placeholder or someone else's words;
* every path that stores what a user typed (an update's text, a rejection's reason, an
  assignment's agency or province) asks :func:`example_reason` first and refuses
  example or placeholder text with a polite Thai explanation.

Examples shown to users are defined here, so the check knows every one of them.
Where an example must look like data (a user id), it is written so that it cannot be
valid data (``telegram:<ตัวเลข>``), and the ordinary checks refuse it.
"""

from __future__ import annotations

import re
import unicodedata

from knowledge.thai import to_arabic_digits

__all__ = [
    "EXAMPLE_TEXTS",
    "GRANT_EXAMPLE",
    "PLACEHOLDERS",
    "REVOKE_EXAMPLE",
    "UPDATE_EXAMPLE",
    "UPDATE_EXAMPLE_EN",
    "example_reason",
    "is_button_data",
]

#: The example update shown to officers.  It is only ever shown as text: no button carries it.
#: (Until issue 15 the example was "ตั้งธนาคารขยะเพิ่ม 12 แห่ง เบิกจ่าย 250,000 บาท ระดับ 4", the
#: contract's own wording of a real update; an example the documents use as data must not be
#: the one refused, so the bot now shows one of its own.)
UPDATE_EXAMPLE = "อบรมอาสาสมัครคัดแยกขยะ 30 คน เบิกจ่าย 45,500 บาท ระดับ 3"
#: The same example in English, shown to an officer who writes English (refused as data too).
UPDATE_EXAMPLE_EN = "trained 30 waste-sorting volunteers, disbursed 45,500 baht, level 3"
#: Usage examples whose ids cannot be valid (the id check refuses them if copied).
GRANT_EXAMPLE = "/grant telegram:<ตัวเลขรหัสผู้ใช้> officer"
REVOKE_EXAMPLE = "/revoke telegram:<ตัวเลขรหัสผู้ใช้>"

#: Every example sentence the bot shows as "เช่น …" for something that would be stored.
EXAMPLE_TEXTS: tuple[str, ...] = (UPDATE_EXAMPLE, UPDATE_EXAMPLE_EN)

#: Words that name a slot in a usage line (``/update รหัส ข้อความ``, ``/update ID TEXT``).
#: Text made only of these is the syntax typed literally, not a report.
PLACEHOLDERS: frozenset[str] = frozenset({
    "รหัส", "รหัสโครงการ", "ข้อความ", "ข้อความความคืบหน้า", "ความคืบหน้า", "เหตุผล",
    "ชื่อ", "ชื่อโครงการ", "หน่วยงาน", "จังหวัด", "ไตรมาส", "บทบาท", "ตัวอย่าง",
    "id", "project_id", "projectid", "project", "text", "reason", "quarter", "role",
    "agency", "province", "name", "platform:id", "user", "example", "...", "…",
})

_BRACKETS = "<>[]{}()\"'“”‘’`«»"
_PUNCT_RE = re.compile(r"[\s,.;:!?\-–—_/\\|" + re.escape(_BRACKETS) + "]+")
#: A shorter copy of an example counts as the example from this share of its length on.
_PART_OF_EXAMPLE = 0.5


def _squeeze(text: str) -> str:
    """Text for comparison: NFC, Arabic digits, case-folded, no spaces or punctuation."""
    text = to_arabic_digits(unicodedata.normalize("NFC", text)).casefold()
    return _PUNCT_RE.sub("", text)


_SQUEEZED_EXAMPLES = tuple(_squeeze(t) for t in EXAMPLE_TEXTS)


def example_reason(text: str, english: bool = False) -> str | None:
    """Why ``text`` is an example or a placeholder rather than data, or None when it is data.

    The reason is a polite Thai sentence (with English in brackets) for the reply, or an
    English one (``english``: the user writes English).
    ``text`` is example text when it is one of :data:`EXAMPLE_TEXTS`, contains one, or is
    a large part of one (a copy cut short); it is a placeholder when every word of it is
    one of :data:`PLACEHOLDERS` (``รหัส ข้อความ``, ``<TEXT>``, ``ID TEXT``).
    """
    words = [w.strip(_BRACKETS + ".,:;") for w in text.split()]
    words = [w for w in words if w]
    if words and all(w.casefold() in PLACEHOLDERS for w in words):
        if english:
            return ("That is only the name of a slot in the command's usage, not your data. "
                    "Please type your own data.")
        return ("ข้อความนี้เป็นเพียงชื่อช่องในรูปแบบคำสั่ง ไม่ใช่ข้อมูลจริง "
                "กรุณาพิมพ์ข้อมูลของคุณเอง")
    squeezed = _squeeze(text)
    if not squeezed:
        return None
    for example in _SQUEEZED_EXAMPLES:
        if example in squeezed or (
            squeezed in example and len(squeezed) >= _PART_OF_EXAMPLE * len(example)
        ):
            if english:
                return ("That is the bot's example, not a real report, so it was not saved. "
                        "Please type your own project's progress.")
            return ("ข้อความนี้เป็นตัวอย่างที่บอทแสดงไว้ ไม่ใช่รายงานจริง จึงไม่บันทึก "
                    "กรุณาพิมพ์ความคืบหน้าของโครงการคุณเอง "
                    "(that is the bot's example, not a real report; nothing was saved)")
    return None


#: What a button may carry: a command followed by ids and short action words only
#: (``/update 3``, ``/btn 12.4 save``, ``/summary 2/2566``), never free text.
_BUTTON_DATA = re.compile(r"/[a-z_]{1,32}(?: [A-Za-z0-9_.:/+-]{1,40}){0,3}")


def is_button_data(data: str) -> bool:
    """Whether ``data`` has the form every button's data must have (ids, no free text)."""
    return _BUTTON_DATA.fullmatch(data) is not None
