"""An English–Thai glossary of the ministry's SDG vocabulary, for English questions.

Staff sometimes ask in English while every document is Thai.  English words are
mapped to the Thai terms the documents use, and those Thai tokens are added to
the query; English words also stay, because reports often quote English names
("Sustainability Expo", "Waste Bank Partnership").  Plural ``s`` is folded so that
"banks" meets "bank".
"""

from __future__ import annotations

import re

from indexer.tokenize import tokenize

__all__ = ["GLOSSARY", "expand_english"]

#: English phrase (lower case) → Thai term as the documents write it.  Longer phrases first.
GLOSSARY: dict[str, str] = {
    "ministry of interior": "กระทรวงมหาดไทย",
    "interior ministry": "กระทรวงมหาดไทย",
    "permanent secretary": "ปลัดกระทรวง",
    "waste bank": "ธนาคารขยะ",
    "wet waste bin": "ถังขยะเปียก",
    "food waste bin": "ถังขยะเปียก",
    "carbon credit": "คาร์บอนเครดิต",
    "greenhouse gas": "ก๊าซเรือนกระจก",
    "climate change": "การเปลี่ยนแปลงสภาพภูมิอากาศ",
    "sustainable development goal": "เป้าหมายการพัฒนาที่ยั่งยืน",
    "sustainable development": "การพัฒนาที่ยั่งยืน",
    "local administrative organization": "องค์กรปกครองส่วนท้องถิ่น",
    "local government": "องค์กรปกครองส่วนท้องถิ่น",
    "household": "ครัวเรือน",
    "village": "หมู่บ้าน",
    "district": "อำเภอ",
    "province": "จังหวัด",
    "pilot": "นำร่อง",
    "budget": "งบประมาณ",
    "indicator": "ตัวชี้วัด",
    "disbursement": "เบิกจ่าย",
    "project": "โครงการ",
    "meeting": "การประชุม",
    "committee": "คณะกรรมการ",
    "partner": "ภาคีเครือข่าย",
    "network": "ภาคีเครือข่าย",
    "set up": "จัดตั้ง",
    "established": "จัดตั้ง",
    "establish": "จัดตั้ง",
    "sold": "จำหน่าย",
    "sell": "จำหน่าย",
    "waste": "ขยะ",
    "garbage": "ขยะ",
    "bank": "ธนาคาร",
    "ton": "ตัน",
    "baht": "บาท",
    "million": "ล้าน",
    "kasikorn": "กสิกรไทย",
    "united nations": "สหประชาชาติ",
    "governor": "ผู้ว่าราชการจังหวัด",
    "weather": "สภาพอากาศ",
    "tomorrow": "พรุ่งนี้",
    "today": "วันนี้",
    "tonight": "คืนนี้",
    "yesterday": "เมื่อวาน",
    "chiang mai": "เชียงใหม่",
    "bangkok": "กรุงเทพมหานคร",
    "poverty": "ความยากจน",
    "strategy": "ยุทธศาสตร์",
    "problem": "ปัญหา",
    "obstacle": "อุปสรรค",
    "quarter": "ไตรมาส",
    "result": "ผลการดำเนินงาน",
    "target": "เป้าหมาย",
}

#: English words that carry no content for search (question frame, articles, auxiliaries).
_EN_STOP = frozenset(
    "a an the of to in on at by for from with and or is are was were be been being has have had "
    "do does did how many much what which who whom whose when where why will would can could "
    "should shall may might it its this that these those there their they them he she his her "
    "i you we our your up so as about into than then also not no yes please tell me us like".split()
)

_PHRASES = sorted(GLOSSARY, key=len, reverse=True)


def _fold_plural(text: str) -> str:
    return re.sub(r"\b([a-z]{3,}?)(?:es|s)\b", r"\1", text)


def expand_english(question: str) -> list[str]:
    """Search tokens for an English question: Thai glossary terms plus its content words.

    Glossary phrases are replaced by their Thai terms; the remaining English words
    stay (reports quote English names) unless they are only question frame.
    """
    text = " " + _fold_plural(question.lower()) + " "
    raw = " " + question.lower() + " "
    out: list[str] = []
    for phrase in _PHRASES:
        pattern = rf"(?<![a-z]){re.escape(phrase)}(?![a-z])"
        if re.search(pattern, text) or re.search(pattern, raw):
            out.extend(tokenize(GLOSSARY[phrase]))
            text = re.sub(pattern, " ", text)
            raw = re.sub(pattern, " ", raw)
    # What the glossary did not consume: singular forms of the content words.
    out.extend(t for t in tokenize(text) if t.isascii() and t not in _EN_STOP)
    return out
