"""What a question asks for: its language, its type and the unit it counts in.

The answer composer uses this to prefer the clause that holds the right kind of
thing — a number with the asked unit for "กี่ตัน", a date for "เมื่อไร", a place
for "ที่ไหน" — rather than merely the clause with the most words in common.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.answering.posts import post_abbreviations
from indexer.tokenize import QUESTION_WORDS, word_spans
from knowledge.thai import normalize_text, to_arabic_digits

__all__ = [
    "COUNT_UNITS",
    "FRAME_LONG",
    "FUNCTION_WORDS",
    "KI",
    "PEOPLE_UNITS",
    "POST_WORD",
    "QTYPES",
    "UNIT_SPELLINGS",
    "YES_NO_ENDINGS",
    "QuestionFrame",
    "QuestionInfo",
    "analyse_question",
    "asked_in_english",
    "asks_in_thai",
    "asks_something",
    "corrected_classifiers",
    "is_english",
    "is_yes_no",
    "question_frame",
    "same_unit",
    "unit_name",
    "unit_spellings",
    "with_people_units",
    "without_asking_phrases",
    "written_unit",
]

_THAI = re.compile(r"[\u0e00-\u0e7f]")
_LATIN = re.compile(r"[A-Za-z]")

#: Nouns that name a kind of place: "อำเภออะไร", "หมู่บ้านไหน", "อปท. ใด" ask for a place.
_PLACE_NOUNS = ("หมู่บ้าน|บ้าน|อำเภอ|ตำบล|จังหวัด|เทศบาล(?:ตำบล|เมือง|นคร)?|ลำห้วย|ห้วย|แม่น้ำ|"
                r"คลอง|ถนน|วัด|โรงเรียน|โรงแรม|ห้าง|ศูนย์การค้า|สถานี|ประเทศ|เมือง|เกาะ|ภูเขา|"
                r"จุดผ่านแดน(?:ถาวร)?|ด่าน|อปท\.?|สนามบิน|ท่าอากาศยาน|นคร|ภาค|ทวีป|มหาวิทยาลัย")
#: People named by their position: "นายอำเภอ ... ชื่ออะไร" asks for a person's name.
_PERSON_NOUNS = ("นายอำเภอ|ผู้ว่า|ปลัด|ประธาน|รัฐมนตรี|อธิบดี|ผู้อำนวยการ|นายก|เลขาธิการ|"
                 "ตัวแทน|โฆษก|กำนัน|ผู้ใหญ่บ้าน|ผู้บริหาร|ผู้ก่อตั้ง|ผู้ชนะ|เจ้าของ|ภรรยา|สามี|"
                 "บิดา|มารดา|นักแสดง|นักร้อง|ศิลปิน|ผู้แต่ง|ผู้เขียน|ผู้กำกับ|"
                 # A deputy, and posts as staff abbreviate them (bot.answering.posts).
                 r"รอง(?=ผู้|ปลัด|อธิบดี|นายก|ประธาน|เลขา|โฆษก|ผอ|ผวจ|ปมท|รัฐมนตรี|อธิการ|หัวหน้า)|"
                 + "|".join(re.escape(a).replace(r"\ ", r"\s?") for a in post_abbreviations())
                 # Nicknames of ministers that are not spelled out (their holder is written
                 # after other titles: "รองนายกรัฐมนตรีและรัฐมนตรีว่าการ...").
                 + r"|รมต\.|มท\.\s?1")

#: A person the question opens by describing: "ผู้ที่คว้ามงกุฎ ... ชื่ออะไร" (opening only:
#: "โครงการที่คนที่ได้รับเลือกทำชื่ออะไร" asks for the project's name).
_PERSON_DESCRIBED = "ผู้ที่|ผู้ซึ่ง|คนที่|บุคคลที่"

#: An era as a question writes it before a year ("พ.ศ.", "ค.ศ.", "พุทธศักราช").
_ERA = r"(?:พ\.\s?ศ\.|ค\.\s?ศ\.|พุทธศักราช|คริสต์ศักราช)"

#: "กี่" (how many) as a word: never the letters inside "เกี่ยว" ("เกี่ยวกับอะไร" counts nothing).
KI = r"(?<!เ)กี่"

# Order matters: the first matching type wins.
_TYPE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("date", re.compile(r"เมื่อไ[รห]|เมื่อใด|วันที่\s*(?:เท่า(?:ไ|ใด)|เทาไ|อะไร|ใด|ไหน)|วันไหน|วันใด|"
                        r"ช่วงเวลาใด|ปีใด|ปีไหน|"
                        rf"(?<!ต่อ)ปี(?:ที่)?\s*{_ERA}?\s*(?:ที่)?\s*(?:อะไร|เท่าไ|เท่าใด)|{_ERA}\s*(?:ที่)?\s*"
                        r"(?:อะไร|ใด|ไหน|เท่าไ|เท่าใด)|"
                        r"เดือน(?:อะไร|ใด|ไหน)|"
                        # A question that stops where the date would stand: "เกิดวันที่ ?",
                        # "จัดตั้งวันที่", "สำเร็จปริญญาเอกในปี ค.ศ.".
                        rf"(?:วันที่|เมื่อ|(?:ใน)?ปี\s*{_ERA}|{_ERA})\s*\??\s*$|"
                        r"ระหว่างวันที่|\bwhen\b|what date|which date|what year", re.I)),
    ("count", re.compile(rf"{KI}|เท่าไ[รห]|เท่าใด|จำนวนเท่า|มากน้อยเพียงใด|นานแค่ไหน|นานเพียงใด|"
                         r"\bhow (?:many|much|long)\b|"
                         r"\bwhat (?:is the )?(?:number|amount|budget|percentage|share|"
                         r"proportion)\b", re.I)),
    ("place", re.compile(r"ที่ไหน|ที่ใด|สถานที่ใด|ห้อง(?:ประชุม)?\s*(?:อะไร|ไหน|ใด)|"
                         rf"(?:{_PLACE_NOUNS})\s*(?:ไหน|ใด|อะไร)(?!บ้าง)|"
                         r"\bwhere\b|which (?:place|room|province|country|city|district|village)",
                         re.I)),
    # A name asked of a person: the question opens with the person ("นายอำเภอ...ชื่ออะไร")
    # or names them right before "ชื่อ", or asks a surname or a real name.  Not
    # "สนามเด็กเล่น...ที่ปลัด มท. เปิด ... ใช้ชื่อว่าอะไร": the playground's name.
    ("person", re.compile(r"ใคร|บุคคลใด|ผู้ใด|\bwho\b|\bwhom\b|"
                          rf"^\W*(?:{_PERSON_NOUNS}|{_PERSON_DESCRIBED})\S*.*ชื่อ(?:ว่า)?\s*(?:อะไร|ใด|ไร)|"
                          rf"(?:{_PERSON_NOUNS})\S{{0,25}}\s*(?:มี)?ชื่อ(?:ว่า)?\s*(?:อะไร|ใด|ไร)|"
                          r"(?:ชื่อ-?)?นามสกุล(?:จริง)?(?:ว่า)?\s*(?:อะไร|ใด)|"
                          r"ชื่อจริง(?:ว่า)?\s*(?:อะไร|ใด)",
                          re.I)),
    ("title", re.compile(r"หัวข้อ(?:อะไร|ใด)|ชื่อ(?:ว่า)?(?:อะไร|ใด|ไร)|เรื่อง(?:อะไร|ใด)|คำขวัญ|"
                         r"\bwhat (?:is the )?(?:title|topic|theme|slogan)\b|\bcalled\b", re.I)),
    ("list", re.compile(r"อะไรบ้าง|ใดบ้าง|ไหนบ้าง|มีอะไร|ได้แก่อะไร|\bwhich\b.*\bare\b|"
                        r"\bwhat are\b|\blist\b", re.I)),
    ("what", re.compile(r"อะไร|อย่างไร|คือ|ใด|ไหน|\bwhat\b|\bhow\b|\bwhich\b", re.I)),
)

# "กี่ตัน", "กี่ล้านครัวเรือน": the unit that the number must carry.
# (A rate's "/" ends its unit: "กี่ลบ.ม./วินาที" counts ลบ.ม.)
_UNIT_AFTER_KI = re.compile(rf"{KI}\s*([\u0e00-\u0e7f.]+?)(?=$|\s|ที่|แล้ว|และ|หรือ|ครับ|คะ|ค่ะ|\?|/)")
COUNT_UNITS = _UNIT_HINTS = (
    "ล้านบาท", "บาท", "แห่ง", "คน", "ครัวเรือน", "จังหวัด", "อำเภอ", "ตำบล", "หมู่บ้าน",
    "ภาคี", "กิจกรรม", "โครงการ", "ตัน", "ครั้ง", "ปี", "วัน", "เดือน", "ข้อ", "ระดับ",
    "เป้าหมาย", "แนวคิด", "ขั้นตอน", "มิติ", "ด้าน", "ประเทศ", "ไร่", "ลิตร", "กิโลเมตร",
    "อปท.", "ราย", "หน่วยงาน", "แผน", "เครือข่าย", "ชุมชน", "องค์กร", "ล้าน", "เปอร์เซ็นต์",
    "ร้อยละ", "ชั่วโมง", "นาที", "เมตร", "ตัว", "หลัง", "คัน", "ชิ้น", "เล่ม", "ที่นั่ง",
    "ตารางกิโลเมตร", "ตารางเมตร", "ตารางไมล์", "กิโลกรัม", "กรัม", "องศา", "ไมล์", "ฟุต",
    "ดอลลาร์", "ปอนด์", "ยูโร", "สัปดาห์", "ศตวรรษ", "ชุด", "ลูก", "เท่า", "สายพันธุ์",
    "เซนติเมตร", "มิลลิเมตร", "ลูกบาศก์เมตร", "วินาที",
    # Abbreviations (:data:`UNIT_SPELLINGS`): "21 ก.ก." counts กิโลกรัม.
    "กก.", "ก.ก.", "กม.", "ก.ม.", "ตร.กม.", "ตร.ม.", "ชม.", "ซม.", "มม.", "ลบ.ม.",
)

#: Classifiers and measure words a count is asked in besides :data:`COUNT_UNITS`: a word
#: after "กี่" that is one of them is read as written, never as a typo of another
#: ("กี่ชั้น" is no "กี่ชิ้น", "กี่หน" no "กี่คน").
OTHER_CLASSIFIERS = (
    "รอบ", "ชั้น", "ห้อง", "เรื่อง", "ฉบับ", "ลำ", "เครื่อง", "ต้น", "แปลง", "จุด", "สาขา",
    "ประเภท", "กลุ่ม", "รุ่น", "คณะ", "ภาษา", "ครอบครัว", "หน", "โมง", "นาฬิกา", "ทุ่ม",
    "บท", "ใบ", "อัน", "คู่", "ฝ่าย", "ตอน", "ภาค", "เขต", "สาย", "เส้น", "บ่อ", "ฟอง", "ตำแหน่ง",
    "อย่าง", "แบบ", "ชนิด", "วิธี", "ประการ", "รายการ", "ราง", "ขวด", "กล่อง", "ถุง", "แผ่น",
    "เม็ด", "โรง", "ศูนย์", "อาคาร", "ท่าน", "องค์", "รูป", "ตน", "นัด", "เกม", "ประตู", "คะแนน",
    "เหรียญ", "รางวัล", "สนาม", "ทีม", "ตัวอย่าง", "ชาติ", "เที่ยว", "ไร", "งาน",
    # Zones warned, jobs opened ("18,587 อัตรา"), rights of a scheme.
    "โซน", "อัตรา", "สิทธิ",
)
#: Thai marks above and below a consonant (vowels, tone marks): a typo often drops,
#: adds or swaps one ("แหง" for "แห่ง", "คร้ง" for "ครั้ง").
_MARKS = frozenset("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e47\u0e48\u0e49\u0e4a"
                   "\u0e4b\u0e4c")
#: "กี่" and the Thai letters written after it (a multiplier first: "กี่ล้านบาท").
_AFTER_KI = re.compile(rf"({KI}\s?(?:ล้าน|แสน|หมื่น|พัน)?)([\u0e01-\u0e4e.]+)")


def _edit_distance(a: str, b: str) -> int:
    """Levenshtein distance of two short strings (insertions, deletions, substitutions)."""
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (x != y))
    return row[-1]


def _marks_only(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ only in marks (:data:`_MARKS`): "แหง" and "แห่ง"."""
    return [c for c in a if c not in _MARKS] == [c for c in b if c not in _MARKS]


def _classifier_typo(rest: str) -> tuple[int, str] | None:
    """``(length, classifier)``: the start of ``rest`` read as a mistyped classifier.

    None when ``rest`` starts with a known classifier (:data:`COUNT_UNITS`,
    :data:`OTHER_CLASSIFIERS`), or with no word one edit away from exactly one of them
    (of three letters or more).  A prefix that is a word of the dictionary is read as a
    classifier only when the two differ in marks alone ("แหง" for "แห่ง"): "กี่บาด" is
    no "กี่บาท" a tester meant, as far as the letters tell.
    """
    from knowledge.worddict import default_words

    known = (*COUNT_UNITS, *OTHER_CLASSIFIERS)
    if any(rest.startswith(c) for c in known):
        return None
    words = default_words()
    found: dict[str, int] = {}
    for c in known:
        if len(c) < 3 or c.endswith("."):
            continue
        for n in (len(c) + 1, len(c), len(c) - 1):
            p = rest[:n]
            if len(p) != n or _edit_distance(p, c) != 1:
                continue
            if p in words and not _marks_only(p, c):
                continue
            # The prefix must end where a word may end: not inside a cluster of marks.
            if n < len(rest) and rest[n] in _MARKS:
                continue
            found.setdefault(c, n)
            break
    if len(found) != 1:
        return None
    (c, n), = found.items()
    return n, c


def corrected_classifiers(question: str) -> str:
    """``question`` with a mistyped classifier after "กี่" written as the classifier.

    "ธนาคารขยะมีกี่แหง" -> "ธนาคารขยะมีกี่แห่ง", "จัดกี่คร้ง" -> "จัดกี่ครั้ง": the word
    one edit from exactly one known classifier (:func:`_classifier_typo`).  Other text,
    and a classifier written right, are left as they are.
    """
    def fix(m: re.Match[str]) -> str:
        typo = _classifier_typo(m.group(2))
        if typo is None:
            return m.group(0)
        n, classifier = typo
        return f"{m.group(1)}{classifier}{m.group(2)[n:]}"

    return _AFTER_KI.sub(fix, question)


#: Words that say nothing of a question's topic: the verb "to be", prepositions,
#: particles, aspect ("แล้ว": "งบประมาณที่เบิกจ่ายแล้วเท่าไร" names no project by it).
FUNCTION_WORDS = frozenset({"เป็น", "คือ", "ที่", "แล้ว", "ณ", "มี", "ได้", "ของ", "ใน", "และ",
                            "หรือ", "ไหม", "บ้าง", "ครับ", "คะ", "ค่ะ", "จะ", "ให้", "ว่า", "กับ",
                            "ตอนนี้", "ปัจจุบัน", "ทั้งหมด", "จำนวน", "ชื่อ", "นะ", "ไป", "มา",
                            "รวม", "ทั้งสิ้น", "อยู่"})

#: "งบ" or "งบประมาณ" as the budget: not in "ปีงบประมาณ"/"ปีงบ 67", the fiscal year
#: (a pattern's text, for use inside others).
BUDGET_WORD = r"(?<!ปี)(?<!ปี )งบ"

#: What asks for a percentage: its words ("ร้อยละ", "เปอร์เซ็นต์", "%", "สัดส่วน"), or a
#: quantity always stated as one (interest, inflation, unemployment, a growth rate).  A
#: bare "อัตรา" (rate) is none: "ระบายน้ำในอัตราเท่าไร" is answered in cubic metres a
#: second ("1,700 ลูกบาศก์เมตรต่อวินาที"), "อัตราค่าตอบแทน" in baht.
PERCENT_ASKED = re.compile(
    r"ร้อยละ|เปอร์เซ็นต์|เปอร์เซนต์|[%％]|สัดส่วน|ดอกเบี้ย|เงินเฟ้อ|อัตรา(?:การ)?ว่างงาน|"
    r"อัตรา(?:การ)?(?:เติบโต|ขยายตัว|เพิ่มขึ้น|ลดลง|หดตัว)|percent|\bshare\b|\bproportion\b|"
    r"\b(?:MLR|MRR|MOR)\b|"
    r"\b(?:unemployment|inflation|interest|growth|lending|loan|deposit|policy|mortgage) rates?\b",
    re.I)

#: The unit a measured quantity is given in, when the question names the quantity
#: but no unit ("มีอายุเท่าใด" is answered in years, "ประชากรเท่าไร" in people).
_IMPLIED_UNITS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"ระดับ\s*(?:ที่)?\s*(?:เท่าไ|เท่าใด|ใด|อะไร)|\bwhat level\b", re.I), "ระดับ"),
    # Interest, inflation, unemployment and a share are percentages ("อัตราเงินเฟ้อ" holds
    # "เงิน" but asks no money).  A bare "อัตรา" is not: a flow is a rate in cubic metres a
    # second, a fee one in baht (:data:`PERCENT_ASKED`).
    (PERCENT_ASKED, "ร้อยละ|%|เปอร์เซ็นต์"),
    (re.compile(r"อายุ"), "ปี|ล้านปี"),
    (re.compile(r"นานแค่ไหน|นานเพียงใด|นานเท่า|ระยะเวลา|how long", re.I),
     "ปี|เดือน|สัปดาห์|วัน|ชั่วโมง|นาที"),
    (re.compile(r"ประชากร|population", re.I), "คน"),
    (re.compile(r"พื้นที่|\barea\b", re.I), "ตารางกิโลเมตร|ตารางเมตร|ตารางไมล์|ไร่"),
    (re.compile(r"อุณหภูมิ|temperature", re.I), "องศา"),
    (re.compile(r"น้ำหนัก|หนัก|weigh", re.I), "กิโลกรัม|กรัม|ตัน|ปอนด์"),
    (re.compile(r"ความสูง|สูง|ความยาว|ยาว|ระยะทาง|ห่าง|ลึก|tall|high|long|far|deep", re.I),
     "กิโลเมตร|เมตร|ไมล์|ฟุต"),
    (re.compile(rf"ราคา|{BUDGET_WORD}|มูลค่า|ค่าใช้จ่าย|ค่าตอบแทน|รายได้|ขาย|จำหน่าย|budget|cost|price|"
                r"revenue|sales|\bsell|\bsold|\bearn|บาท|เงิน|(?:ผลการ|การ)?เบิกจ่าย|disburs", re.I),
     "บาท|ล้านบาท|ดอลลาร์|ปอนด์|ยูโร"),
)


_MULTIPLIERS = ("ล้าน", "แสน", "หมื่น", "พัน")
#: A number right after a quantity's name: the question states it ("อายุ 10 ปี").
_GIVEN_VALUE = re.compile(r"\s*(?:ที่|คือ|=)?\s*\d")


@dataclass(frozen=True)
class QuestionInfo:
    """The question's language (``th``/``en``), type and expected unit (if any).

    ``unit`` may name alternatives, separated by ``|`` ("ปี|เดือน|วัน").
    """

    language: str
    qtype: str
    unit: str | None


def _crosses_words(text: str, m: re.Match[str]) -> bool:
    """Whether a one-word hint matched across a word boundary, out of step with it.

    "งบ" is no word of "ถึง|บทสรุป" or "ครอง|บอล" (its letters straddle two words);
    it is one of "ได้|งบ", and "เงิน" of the compound "รับเงิน".  Only short Thai
    hints (at most four letters) are checked: longer ones ("นานเท่า", "how long")
    may span two words by nature.
    """
    if " " in m.group() or not re.search(r"[\u0e01-\u0e4e]", m.group()) or len(m.group()) > 4:
        return False
    spans = word_spans(text[max(0, m.start() - 30):m.end() + 30])
    lo = max(0, m.start() - 30)
    inner = {a + lo for a, _ in spans} | {b + lo for _, b in spans}
    start_ok, end_ok = m.start() in inner, m.end() in inner
    straddles = any(m.start() < x < m.end() for x in inner)
    return straddles and not (start_ok and end_ok)


def is_english(text: str) -> bool:
    """True when the text is written in Latin letters and holds no Thai."""
    return bool(_LATIN.search(text)) and not _THAI.search(text)


def written_unit(question: str) -> str | None:
    """The unit ``question`` writes after "กี่" ("กี่ลบ.ม." → ``"ลบ.ม."``), or None.

    Only the unit written: none implied by the quantity named ("อายุเท่าไร").
    """
    return _unit(question)


def _unit(question: str) -> str | None:
    m = _UNIT_AFTER_KI.search(question)
    if not m:
        return None
    word = m.group(1)
    # A multiplier stays with the unit after it: "ล้านครัวเรือน", "ล้านบาท", "พันคน".
    multiplier = next((w for w in _MULTIPLIERS if word.startswith(w) and len(word) > len(w)), "")
    rest = word[len(multiplier):]
    # The unit is the first word after กี่ ("กี่แห่งทั่วประเทศ": แห่ง), as segmented: a
    # known unit that merely starts a longer word is not it ("รายการ" is not "ราย"),
    # but one the segmenter cut inside ("อปท" + ".") is.
    spans = word_spans(rest)
    first = rest[spans[0][0]:spans[0][1]] if spans else rest
    hint = max((h for h in _UNIT_HINTS if rest.startswith(h)), key=len, default="")
    if first not in _UNIT_HINTS and len(hint) > len(first):
        first = hint
    if first not in _UNIT_HINTS and first.rstrip(".") in _UNIT_HINTS:
        first = first.rstrip(".")  # a full stop after the unit
    first = COLLOQUIAL_UNITS.get(first, first)
    if first:
        return multiplier + first if len(first) <= 20 else None
    return word if len(word) <= 20 else None


#: Spoken classifiers and the unit documents write for them: "กี่ที่" (how many places) is
#: "กี่แห่ง" in a report, "กี่หน"/"กี่ที" (how many times) "กี่ครั้ง".
COLLOQUIAL_UNITS: dict[str, str] = {"ที่": "แห่ง", "หน": "ครั้ง", "ที": "ครั้ง"}

#: The other spellings of a unit, as documents write them: a question asking "กี่กิโลกรัม"
#: is answered by "21 ก.ก." and one asking "กี่กม." by "5 กิโลเมตร".  "ม." alone is left
#: out: it is also หมู่ (a village number) and มหาวิทยาลัย; so is "ล.", which headlines
#: write for ล้าน ("ทุ่ม 500 ล.") far more often than for ลิตร.
UNIT_SPELLINGS: dict[str, tuple[str, ...]] = {
    "กิโลกรัม": ("กิโลกรัม", "กก.", "ก.ก."),
    "กิโลเมตร": ("กิโลเมตร", "กม.", "ก.ม."),
    "ตารางกิโลเมตร": ("ตารางกิโลเมตร", "ตร.กม."),
    "ตารางเมตร": ("ตารางเมตร", "ตร.ม."),
    "ชั่วโมง": ("ชั่วโมง", "ชม."),
    "เซนติเมตร": ("เซนติเมตร", "ซม."),
    "มิลลิเมตร": ("มิลลิเมตร", "มม."),
    "ลูกบาศก์เมตร": ("ลูกบาศก์เมตร", "ลบ.ม."),
}
_SPELLINGS_OF = {s: spellings for spellings in UNIT_SPELLINGS.values() for s in spellings}


def unit_spellings(unit: str) -> str:
    """``unit`` (``"|"``-separated alternatives) with every spelling of each alternative.

    "กิโลกรัม" → ``"กิโลกรัม|กก.|ก.ก."``, "กก." → ``"กก.|กิโลกรัม|ก.ก."``,
    "ล้านกิโลกรัม" → ``"ล้านกิโลกรัม|ล้านกก.|ล้านก.ก."`` (:data:`UNIT_SPELLINGS`): the
    alternatives given come first, in their order, so :func:`unit_name` is the spelling
    asked.  A unit of no other spelling is returned as it is; ``""`` gives ``""``.
    """
    out: list[str] = []
    for u in (u for u in unit.split("|") if u):
        multiplier = next((m for m in _MULTIPLIERS if u.startswith(m) and u[len(m):]
                           in _SPELLINGS_OF), "")
        out += [u, *(multiplier + s for s in _SPELLINGS_OF.get(u[len(multiplier):], ()))]
    return "|".join(dict.fromkeys(out))


def unit_name(unit: str | None) -> str:
    """The unit to print of ``unit``'s alternatives: the first, as the question spelt it.

    ``"กก.|กิโลกรัม|ก.ก."`` → ``"กก."``; None or ``""`` → ``""``.
    """
    return next((u for u in (unit or "").split("|") if u), "")


#: Classifiers of persons: a release counts people in either ("ผู้ลงทะเบียน 111,700 ราย",
#: "ผู้ได้รับสิทธิ 13.2 ล้านคน"), and a question may ask in the other.
PEOPLE_UNITS = ("คน", "ราย")


def with_people_units(unit: str) -> str:
    """``unit`` (``"|"``-separated alternatives) with the other classifiers of people.

    Only when one alternative counts people (:data:`PEOPLE_UNITS`): "ราย" → ``"ราย|คน"``,
    "คน|ท่าน" → ``"คน|ท่าน|ราย"``; any other unit is returned as it is.
    """
    units = unit.split("|")
    if not any(u in PEOPLE_UNITS for u in units):
        return unit
    return "|".join([*units, *(p for p in PEOPLE_UNITS if p not in units)])


def same_unit(written: str, asked: str) -> bool:
    """Whether a figure written in unit ``written`` counts in ``asked`` (alternatives).

    Spellings of one unit are the same unit ("ก.ก." of "กิโลกรัม"), and so is the unit
    with a multiplier before it ("ล้านคน" of "คน" and back); a unit that merely ends
    another is not ("กรัม" is no "กิโลกรัม").  People are counted in คน or in ราย alike
    (:data:`PEOPLE_UNITS`: "กี่คน" is answered by "111,700 ราย", "กี่ราย" by "13.2 ล้านคน").
    """
    written_all = set(with_people_units(unit_spellings(written)).split("|"))
    for w in with_people_units(unit_spellings(asked)).split("|"):
        if not w:
            continue
        for m in ("", *_MULTIPLIERS):
            if m + w in written_all or (w.startswith(m) and m and w[len(m):] in written_all):
                return True
    return False


#: The words a Thai yes-or-no question ends with, as segmented ("ผ้าไหม" is silk).
YES_NO_ENDINGS = frozenset({"ไหม", "มั้ย", "มั๊ย", "ใช่ไหม", "ใช่มั้ย", "หรือไม่", "หรือเปล่า",
                             "รึเปล่า", "รึป่าว", "หรือป่าว", "หรือยัง", "รึยัง", "ใช่หรือไม่",
                             "ใช่หรือเปล่า", "ใช่รึเปล่า"})
_YES_NO_TAIL = re.compile(r"(?:\s|\?|ครับ|คะ|ค่ะ|จ๊ะ|จ้ะ|นะ)*$")
_YES_NO_ENGLISH = re.compile(
    r"^\s*(?:is|are|was|were|does|do|did|has|have|had|can|could|will|would|should)\b", re.I)
_WH_WORD = re.compile(rf"อะไร|ใคร|ที่ไหน|ที่ใด|เมื่อไ|เมื่อใด|{KI}|เท่าไ|เท่าใด|อย่างไร|ยังไง|ทำไม|"
                      r"เหตุใด|ใด|ไหน")


def asks_in_thai(question: str) -> bool:
    """Whether ``question`` holds a Thai question word ("กี่", "เท่าไร", "อะไร", "ใคร" ...)."""
    return _WH_WORD.search(question) is not None


#: An English question word anywhere, or an auxiliary opening a yes-or-no question.
_ENGLISH_FRAME = re.compile(
    r"(?<![A-Za-z])(?:what|who|whom|whose|where|when|which|how|why)(?![A-Za-z])|"
    + _YES_NO_ENGLISH.pattern, re.I)


def asked_in_english(question: str) -> bool:
    """Whether ``question`` is asked in English, perhaps naming a Thai term.

    English text (:func:`is_english`), or a question whose frame is English and whose
    Thai is only what it names ("ธนาคารขยะ how many?", "Who chaired the ประชุม
    คณะกรรมการ … ?"): an English question word, or an auxiliary opening it, and no
    Thai question word ("MOI Waste Bank มีกี่แห่ง" is Thai).
    """
    if is_english(question):
        return True
    return bool(_THAI.search(question)) and bool(_ENGLISH_FRAME.search(question)) \
        and not asks_in_thai(question)


def is_yes_no(question: str) -> bool:
    """Whether ``question`` asks yes or no ("... ร่วมมือกับ GIZ ใช่ไหม", "Did UNDP ...?").

    A question that also asks for a value ("มีกี่แห่งหรือไม่", "Is it true how many")
    is not: the value is the answer.  Thai by its final particle, English by its
    first word.
    """
    q = question.strip()
    if asked_in_english(q):
        return bool(_YES_NO_ENGLISH.match(q)) and not re.search(
            r"\b(?:what|who|whom|where|when|which|how|why)\b", q, re.I)
    body = q[:_YES_NO_TAIL.search(q).start()]  # type: ignore[union-attr]
    spans = word_spans(body[-24:])
    words = [body[-24:][a:b] for a, b in spans]
    for n in (1, 2, 3):
        if len(words) >= n and "".join(words[-n:]) in YES_NO_ENDINGS:
            head = body[:len(body) - len("".join(words[-n:]))]
            return not _WH_WORD.search(head)
    return False


#: A phrase that only asks and whose word the tokenizer keeps (it drops "อะไร", "กี่",
#: ...): "กี่โมง" asks for a time that a release writes "เวลา 07.39 น.", never with
#: "โมง".  ("ชื่ออะไร" was tried too: without "ชื่อ" more passages pass the coverage
#: gate, and as many wrong names came in as right ones.)
_ASKING_PHRASE = re.compile(r"(?<=กี่)\s*โมง|วันที่(?=\s*(?:เท่าไ[รห]|ไหน|ใด))")


#: What makes a message ask: a question word or particle, a question mark, or a request
#: ("ขอ", "บอก", "อธิบาย" ...); an English question word, auxiliary or imperative.
_ASKS_THAI = re.compile(_WH_WORD.pattern + r"|ไร|หรือ|ไหม|มั้ย|[?？]|คือ|หมายถึง|แปลว่า|ย่อมาจาก|"
                        r"บ้าง|ขอ|บอก|อธิบาย|แนะนำ|ช่วย|สรุป|รายละเอียด|ข้อมูล|แค่ไหน")
_ASKS_ENGLISH = re.compile(
    r"[?]|\b(?:what|who|whom|whose|where|when|which|how|why|is|are|was|were|does|do|did|has|"
    r"have|had|can|could|will|would|should|tell|list|name|give|show|explain|describe|find)\b",
    re.I)


def asks_something(question: str) -> bool:
    """Whether ``question`` asks something or only names a topic.

    Asking is a question word, particle, mark or request; "ธนาคารขยะ" and "waste bank"
    ask nothing.  Fill-in questions ("ชื่อเต็ม", "จัดตั้งวันที่") do not ask by this
    test either: callers judge them by their length too.
    """
    pattern = _ASKS_ENGLISH if asked_in_english(question) else _ASKS_THAI
    return bool(pattern.search(question))


#: A post whose holder a "ชื่ออะไร" question asks for ("ปลัดกระทรวงสาธารณสุข ... ชื่ออะไร"):
#: releases write the holder's name beside the post, never "ชื่อ".
_POST_WORD = re.compile(r"ปลัด|ผู้ว่า|ผวจ|รัฐมนตรี|รมว|รมช|รมต|อธิบดี|นายอำเภอ|ประธาน|"
                        r"ผู้อำนวยการ|ผอ\.|(?<!นคร)นายก|เลขาธิการ|เลขานุการ|ผู้ช่วย(?!เหลือ)|"
                        r"หัวหน้า|โฆษก|พัฒนาการ(?:จังหวัด|อำเภอ)|ปมท|อปค|มท\.\s?\d|ผู้บัญชาการ|"
                        r"ผบ\.|ผู้แทน|เอกอัครราชทูต")
#: The words a post opens with ("ปลัด", "รัฐมนตรี", "ผู้ว่า" ...), for matching.
POST_WORD = _POST_WORD
#: A question that opens by describing a person ("ผู้ที่คว้ามงกุฎ ... ชื่ออะไร") asks their name.
_OPENS_WITH_PERSON = re.compile(rf"\W*(?:{_PERSON_DESCRIBED})")
#: "ชื่ออะไร", "ชื่อว่าอะไร", "ชื่อ" closing the question.
_NAME_ASKED = re.compile(r"ชื่อ(?=\s*(?:ว่า\s*)?(?:อะไร|อะไรครับ|อะไรคะ|อะไรค่ะ)?\s*[?？]?\s*$)")


#: Chat's spoken particles at the end of a question ("กี่ครัวเรือนอ่ะ", "ใช่ป่ะ", "เหรอครับ"),
#: which the tokenizer keeps and no release writes: searched and counted as question
#: words, their idf alone sank a question under the coverage gate.  Only at the end:
#: inside a question the same letters are syllables of names ("สง่า มะยุระ", "ฮะมัด").
_CHAT_PARTICLE = re.compile(
    r"(?:อ่ะ|อะ|ป่ะ|ปะ|ป่าว|รึเปล่า|รึป่าว|เหรอ|หรอ|ล่ะ|ฮะ|ค้าบ|คร้าบ|งับ|นะจ๊ะ|จ๊ะ|จ้ะ|เนี่ย|เนอะ|"
    r"มะ)(?=(?:\s*(?:ครับ|คับ|คะ|ค่ะ|นะ|จ้า))*\s*[?？!.]*\s*$)")


#: Chat's "earlier" opening a question that names its own time ("ก่อนหน้านี้ปี 2562 มี
#: ผู้เสียชีวิตกี่ราย"): the time asked is the one named; searched, the words found other
#: years' passages, and the reply said the archive had none of 2562.
_EARLIER_OPENER = re.compile(r"^\s*(?:ก่อนหน้านี้|ก่อนหน้านั้น|ก่อนหน้า)(?=\s*(?:ปี|ใน|เมื่อ|ช่วง|ตอน|\d))")


def without_asking_phrases(question: str) -> str:
    """``question`` with the phrases that only ask blanked out (for searching and coverage).

    Each phrase ("โมง" after "กี่"; "วันที่" of "วันที่เท่าไร", which the text writes
    before every date, the asked one's and another event's alike; "ชื่อ" of a closing
    "ชื่ออะไร" that asks for a post's holder; a closing chat particle, "อ่ะ"; an opening
    "ก่อนหน้านี้" before the time the question names) becomes a
    space; the rest of the text is unchanged: a passage that answers the question does
    not repeat them ("ชื่อ" found "เปลี่ยนชื่อ ..." passages).
    """
    out = _CHAT_PARTICLE.sub(" ", _ASKING_PHRASE.sub(" ", _EARLIER_OPENER.sub(" ", question)))
    if _POST_WORD.search(out) or _OPENS_WITH_PERSON.match(out):
        out = _NAME_ASKED.sub(" ", out)
    return out


def analyse_question(question: str) -> QuestionInfo:
    """Classify ``question``; unknown forms are type ``what`` (any informative clause)."""
    language = "en" if asked_in_english(question) else "th"
    qtype = "what"
    for name, pattern in _TYPE_PATTERNS:
        if pattern.search(question):
            qtype = name
            break
    unit = _unit(question) if qtype == "count" else None
    if qtype == "count" and unit is None:
        # A quantity the question gives a value ("รุ่นอายุ 10 ปี ดอกเบี้ยเท่าไร": the age
        # is stated, the interest asked) is not the one asked.
        unit = next((u for p, u in _IMPLIED_UNITS
                     if any(not _crosses_words(question, m)
                            and not _GIVEN_VALUE.match(question, m.end())
                            for m in p.finditer(question))),
                    None)
    return QuestionInfo(language=language, qtype=qtype,
                        unit=unit_spellings(unit) if unit else unit)


#: Question types by id (the model sees their one-hot columns).
QTYPES: tuple[str, ...] = ("what", "date", "count", "place", "person", "title", "list")

# The word that asks: what the answer stands in for.  "กี่" is glued to its unit in
# speech ("กี่แห่ง") but segmented apart.
_WH_WORDS = frozenset(QUESTION_WORDS | {"ใคร", "อะไร", "ที่ใด", "เท่าไหร่", "ไหร่", "who", "what",
                                         "when", "where", "which", "how"})


@dataclass(frozen=True)
class QuestionFrame:
    """The words around the question word, lower case, nearest first.

    In "พัทธ์ธีรา เกิดวันที่เท่าไร" the answer stands where "เท่าไร" stands, so in a
    document it follows "วันที่" and "เกิด" (``before``); words after the question word
    (``after``) follow the answer.
    """

    before: tuple[str, ...]
    after: tuple[str, ...]
    #: Up to :data:`FRAME_LONG` words on each side, nearest first (the alignment features).
    left: tuple[str, ...] = ()
    right: tuple[str, ...] = ()
    #: Every word of the question, lower case (a candidate made of them echoes it).
    words: frozenset[str] = frozenset()
    #: The question asks for a year ("ปีใด", "what year"), not a day.
    asks_year: bool = False


#: A question asking for a year, not a day ("ปีใด", "พ.ศ. อะไร", "what year").
_ASKS_YEAR = re.compile(rf"(?<!ต่อ)ปี(?:ที่)?\s*{_ERA}?\s*(?:ที่)?\s*(?:ใด|ไหน|อะไร|เท่าไ|เท่าใด)|"
                        rf"{_ERA}\s*(?:ที่)?\s*(?:ใด|ไหน|อะไร|เท่าไ|เท่าใด)|(?:ใน)?ปี\s*{_ERA}\s*\??\s*$|"
                        r"what year|which year", re.I)

#: Words on each side of the question word kept for aligning a passage with the question.
FRAME_LONG = 8


def question_frame(question: str, width: int = 2) -> QuestionFrame:
    """The ``width`` words on each side of the first question word (empty without one).

    ``left``/``right`` hold up to :data:`FRAME_LONG` words on each side.  A question
    without a question word is read as if it ended in one ("ประธานการประชุม"): its
    words all stand before the answer.
    """
    text = to_arabic_digits(normalize_text(question or ""))
    words = [text[a:b].casefold() for a, b in word_spans(text)]
    for i, w in enumerate(words):
        if w in _WH_WORDS:
            before = tuple(reversed(words[max(0, i - width):i]))
            after_words = [x for x in words[i + 1:] if x not in _WH_WORDS]
            return QuestionFrame(
                before=before, after=tuple(after_words[:width]),
                left=tuple(reversed(words[max(0, i - FRAME_LONG):i])),
                right=tuple(after_words[:FRAME_LONG]), words=frozenset(words) - _WH_WORDS,
                asks_year=bool(_ASKS_YEAR.search(text)))
    return QuestionFrame(before=(), after=(),
                         left=tuple(reversed(words[-FRAME_LONG:])), right=(),
                         words=frozenset(words), asks_year=bool(_ASKS_YEAR.search(text)))
