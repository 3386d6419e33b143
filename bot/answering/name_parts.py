"""Words of Thai place and institution names as English text spells them (RTGS and common forms).

Thai names of villages, temples, schools, canals and venues are built from a few common
words: "Ban Kaeo Sombun" is บ้าน + a name, "Wat Phra Kaew" วัด + พระ + แก้ว, "Muang Thong
Thani" เมือง + ทอง + ธานี.  When a run of capitalised words of an English question is
spelled by no name the vocabulary knows (:func:`bot.answering.english._name_run`), these
words are written in Thai one by one, so that search meets the release's Thai spelling
(``บ้านแก้วสมบูรณ์`` is segmented into บ้าน แก้ว สมบูรณ์ like any Thai text).  Some of them
are also English words ("Ban", "Bang", "Don", "Sam"): they are read as name words only
inside such a run, before another capitalised word no glossary knows.

The Thai forms are the spellings Thai names use (checked against the news archive); a
word with two usual spellings has both (``sai`` is ทราย in Hat Sai, สาย in Sai Mai).
"""

from __future__ import annotations

__all__ = ["NAME_PARTS", "name_part"]

#: English spelling (lower case) → the Thai word(s) it writes in a Thai name.
NAME_PARTS: dict[str, tuple[str, ...]] = {
    "ban": ("บ้าน",), "baan": ("บ้าน",), "wat": ("วัด",), "mueang": ("เมือง",),
    "muang": ("เมือง",), "nong": ("หนอง",), "khlong": ("คลอง",), "klong": ("คลอง",),
    "huai": ("ห้วย",), "huay": ("ห้วย",), "doi": ("ดอย",), "ko": ("เกาะ",), "koh": ("เกาะ",),
    "khao": ("เขา",), "tha": ("ท่า",), "bang": ("บาง",), "phra": ("พระ",), "don": ("ดอน",),
    "mae": ("แม่",), "nam": ("น้ำ",), "pak": ("ปาก",), "thung": ("ทุ่ง",), "na": ("นา",),
    "sai": ("ทราย", "สาย"), "si": ("ศรี",), "sri": ("ศรี",), "chiang": ("เชียง",),
    "nakhon": ("นคร",), "lam": ("ลำ",), "phu": ("ภู",), "pha": ("ผา",), "hat": ("หาด",),
    "laem": ("แหลม",), "ao": ("อ่าว",), "sam": ("สาม",), "wiang": ("เวียง",),
    "nuea": ("เหนือ",), "tai": ("ใต้",), "klang": ("กลาง",), "noi": ("น้อย",),
    "yai": ("ใหญ่",), "mai": ("ใหม่",), "thong": ("ทอง",), "thani": ("ธานี",),
    "buri": ("บุรี",), "samut": ("สมุทร",), "wang": ("วัง",), "suan": ("สวน",),
    "talat": ("ตลาด",), "kaeo": ("แก้ว",), "kaew": ("แก้ว",), "charoen": ("เจริญ",),
    "sombun": ("สมบูรณ์",), "somboon": ("สมบูรณ์",), "witthaya": ("วิทยา",),
    "wittaya": ("วิทยา",), "pattana": ("พัฒนา",), "phatthana": ("พัฒนา",),
    "prasat": ("ปราสาท",), "chai": ("ชัย",), "rat": ("ราษฎร์", "รัตน์"),
    "sanam": ("สนาม",), "luang": ("หลวง",), "khok": ("โคก",), "tham": ("ถ้ำ",),
    "nakorn": ("นคร",),
}


def name_part(word: str) -> tuple[str, ...] | None:
    """The Thai spelling(s) of ``word`` as a word of a Thai name, or None.

    ``name_part("Ban")`` is ``("บ้าน",)``; case and a possessive "'s" are ignored.
    """
    key = word.lower().strip("'’")
    if key.endswith(("'s", "’s")):
        key = key[:-2]
    return NAME_PARTS.get(key)
