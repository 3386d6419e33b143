"""The whole value: a chosen answer span widened to the expression it is part of.

The span scorer (:mod:`bot.answering.model`) picks one candidate; a candidate may be
part of a longer value that the text writes as one: the year of a whole date
("พ.ศ. 2560" of "7 กันยายน พ.ศ. 2560"), the upper end of a range ("25 เซนติเมตร" of
"15-25 เซนติเมตร", "ค.ศ. 946" of "ค.ศ. 946 - ค.ศ. 967"), the number a counted span
cuts short ("... ชั้น" of "... ชั้น 67"), a name without its English gloss ("วงศ์ปลากะรัง"
of "วงศ์ปลากะรัง (Serranidae)"), a list without its last item ("ไม้ ไม้ไผ่ โลหะ" of
"ไม้ ไม้ไผ่ โลหะ และพลาสติก"), an amount without its half ("4 ชั่วโมง" of "4 ชั่วโมงครึ่ง"), a
name cut after its article ("โรงแรมเดอะ" of "โรงแรมเดอะ สุโกศล").  Shown alone, such a part
states less than, or something other than, what the document says: the reply leads with
the whole.

Measured on iapp-wiki-qa valid with the bundled model: the expected answer within the
reply's first 40 characters 0.454 → 0.476 (BENCHMARKS.md, "Answers, sixth round").
"""

from __future__ import annotations

import re

from bot.answering.candidates import CTYPES, typed_spans
from bot.answering.question import COUNT_UNITS, KI, OTHER_CLASSIFIERS
from indexer.tokenize import is_dictionary_word, word_spans
from knowledge.thai import MONTHS_FULL, MONTHS_SHORT, THAI_WORD_START

__all__ = ["MAX_WHOLE_CHARS", "asked_end", "asks_end", "asks_period", "ends_a_range",
           "whole_value"]

#: The longest value a span is widened to, in characters: the lead is read on a phone.
MAX_WHOLE_CHARS = 60
#: Characters around the span searched for the typed value holding it.
_WINDOW = 80
#: Typed values a part of which is no answer on its own.
_WHOLE_KINDS = frozenset(CTYPES.index(k) for k in ("date", "money", "count", "percent", "person"))
_DATE = CTYPES.index("date")
# A per-unit phrase cut after its number: "... บาท ต่อ 1", "... บาท/1".
_PER_CUT = re.compile(r"\s(?:ต่อ|/)\s?(?:1|หนึ่ง)$")
# The words a per-unit phrase's unit may be ("เครื่อง", "คน", "ครัวเรือน").
_PER_UNITS = frozenset((*COUNT_UNITS, *OTHER_CLASSIFIERS))
#: Typed values whose words are no list items ("พันเอก บุญส่ง หักฤทธิ์ศึก").
_NAME_KINDS = frozenset(CTYPES.index(k) for k in ("person", "place", "org", "title"))
# A question about a span of time: a range of dates is its answer ("ครองราชย์ระหว่างปีใด");
# elsewhere a range holds the date asked and another ("เกิดวันที่เท่าไร": the birth date of
# "(1 พฤศจิกายน พ.ศ. 2476 - 31 กรกฎาคม พ.ศ. 2555)", not the life span).
_PERIOD = re.compile(rf"ระหว่าง|ช่วง|ตั้งแต่|ถึง|{KI}ปี|นานเท่า|ระยะเวลา|\b(?:between|period|"
                     r"how long|from when|until)\b", re.I)
_RANGE_MARK = re.compile(r"\s[-–]\s|[-–]|ถึง")
_MONTH = re.compile("|".join(re.escape(m) for m in sorted((*MONTHS_FULL, *MONTHS_SHORT),
                                                          key=len, reverse=True)))
_NUMBER = r"\d[\d,]*(?:\.\d+)?"
_ERA = r"(?:(?:พ\.ศ\.|ค\.ศ\.)\s*)?"
# The lower end of a range right before a number: "15-", "50 ถึง ", "ค.ศ. 946 - ".
_RANGE_BEFORE = re.compile(rf"{_ERA}{_NUMBER}\s*(?:-|–|ถึง)\s*$")
# Its upper end right after one: " - ค.ศ. 967", "-00.30 นาฬิกา", " ถึง 100".
_RANGE_AFTER = re.compile(
    rf"^\s*(?:-|–|ถึง)\s*{_ERA}{_NUMBER}(?:\s*(?:นาฬิกา|น\.))?")
# A word that introduces a number or date, cut from it: "...ที่" + "1", "ชั้น" + " 67",
# "ราว ปี" + " ค.ศ. 780".
_INTRODUCER_END = re.compile(r"(?:ที่|ชั้น|รุ่น|ฉบับ|มาตรา|หมู่|หมายเลข|เลขที่|ศตวรรษ|ปี|"
                             r"พ\.ศ\.|ค\.ศ\.|No\.|no\.)$")
#: What an introducer introduces, by preference: a date or an amount, else a bare number.
_INTRODUCED = tuple(CTYPES.index(k) for k in ("date", "money", "percent", "level", "number"))
# An English or scientific gloss right after a name: " (Serranidae)", "(อังกฤษ: planking)".
_GLOSS = re.compile(r"^\s?\((?:อังกฤษ\s*:\s*)?[A-Za-z][^()\n]{0,48}\)")
# A Thai abbreviation in parentheses right after a name: "คณะกรรมการโอลิมปิกสากล" +
# " (ไอโอซี)", "กรมส่งเสริมการปกครองท้องถิ่น" + " (สถ.)": the name as the text gives it.
_ABBREVIATION = re.compile(r"^\s?\((?=[^()\s]*[\u0e01-\u0e2e])[\u0e01-\u0e4e.A-Za-z]{2,14}\)")
# The realm after a regnal number: "สมเด็จพระเจ้าวิลเลียมที่ 1" + " แห่งอังกฤษ".
_REALM = re.compile(rf"^\s?แห่ง(?=[{THAI_WORD_START}])")
_REGNAL = re.compile(r"ที่\s?\d{1,2}$")
_ROYAL = re.compile(r"สมเด็จ|พระ|เจ้า|จักรพรรดิ|ราชินี|กษัตริย์|ดยุก|เคานต์|โป๊ป|สันตะปาปา")
# Latin words right after a Latin word ("War" + " room", "ESCAP" + " Hall").
# A one-letter word runs on only before another Latin word: "Autodromo Enzo" + " e Dino
# Ferrari" (Italian "e", "and"), never a name's end.
_LATIN_RUN = re.compile(r"(?:\s(?:[A-Za-z][A-Za-z&'’.-]*[A-Za-z]|[A-Za-z](?=\s[A-Za-z])))+")
# The last item of a list the span leaves out: " และพลาสติก", ", และ จีน".
_HAS_DIGIT = re.compile(r"\d")
_LAST_ITEM = re.compile(r"^\s*,?\s*(?:และ|หรือ)\s?[^\s,.;:()]{1,20}(?=$|[\s,.;:()])")
# A half after a number's unit: "4 ชั่วโมง" + "ครึ่ง", "1 ปี" + "ครึ่ง" (never "ครึ่งหนึ่ง" of
# what follows: "ครึ่งหนึ่งของ...").
_HALF = re.compile(r"\s?ครึ่ง(?!หนึ่ง)")
_UNIT_END = re.compile(r"\d[\d,.]*\s?[\u0e01-\u0e4e.]+$")
# An article that opens a name, never its end: "โรงแรมเดอะ" + " สุโกศล", "The" + " Mall".
_ARTICLE_END = re.compile(r"(?:เดอะ|(?:^|(?<=\s))(?:ดิ|เลอ|เดอ|the|le|la|de|del|van|von))$", re.I)
# A venue's name opened by its kind: "โรงแรมอัศวิน", "ศูนย์การค้าเซ็นทรัล", "ห้างสรรพสินค้า...".
_VENUE_OPEN = re.compile(r"(?:โรงแรม|ศูนย์การค้า|ศูนย์ประชุม|ห้างสรรพสินค้า|ห้าง|รีสอร์ท|"
                         r"คอนโดมิเนียม|อาคาร|ศูนย์แสดงสินค้า|ศูนย์นิทรรศการ)(?=[\u0e01-\u0e4e])")
#: English words venue names write in Thai letters after the name's own part
#: ("โรงแรมอัศวิน" + " แกรนด์ คอนเวนชั่น", "โรงแรมเซ็นทารา" + " แกรนด์", "... ริเวอร์ไซด์"):
#: dictionary words or not, they are the name's, never the sentence's.
_VENUE_NAME_WORDS = frozenset((
    "แกรนด์", "คอนเวนชั่น", "คอนเวนชัน", "เซ็นเตอร์", "เซนเตอร์", "พลาซ่า", "พลาซา", "รีสอร์ท",
    "รีสอร์ต", "ฮอลล์", "ฮอล", "โฮเต็ล", "โฮเทล", "การ์เด้น", "การ์เด้นส์", "การ์เดน", "ริเวอร์ไซด์",
    "ปาร์ค", "พาร์ค", "พาเลซ", "ทาวเวอร์", "เพลส", "สวีท", "สวีทส์", "อินน์", "ซิตี้", "ซิตี",
    "บีช", "เบย์", "วิว", "ฮิลล์", "แอนด์", "สปา", "เรสซิเดนซ์", "คอร์ท", "ลากูน", "รอยัล",
    "อินเตอร์เนชั่นแนล", "อินเตอร์คอนติเนนตัล", "ฮอลิเดย์", "เวสต์เกต", "อเวนิว", "มอลล์",
    "บางกอก", "ดีไซน์", "คลับ", "ไฮแลนด์", "ลอดจ์", "แมริออท", "ไฮแอท", "ฮิลตัน", "โนโวเทล",
    "แคปปิตอล", "เมโทร", "โพลิแทน", "พรีเมียร์", "รีเจนซี่", "รีเจนท์", "เลค",
))
_NAME_WORD = re.compile(r"\s?[\u0e01-\u0e4eA-Za-z][\u0e01-\u0e4eA-Za-z&'’.-]*")
# The same year in another era right after a date or year: " (ค.ศ. 1965)", "(พ.ศ. 2508)".
_ERA_GLOSS = re.compile(r"^\s?\((?:ค\.ศ\.|พ\.ศ\.|ร\.ศ\.)\s?\d{3,4}\)")
# The number that says which one of a series a name is: " ฤดูกาลที่ 1", " องค์ที่ 5",
# " ครั้งที่ 2": without it the name is of the whole series.
_SERIES_NUMBER = re.compile(r"^\s?(?:ฤดูกาล|ซีซั่น|ครั้ง|องค์|รุ่น|ภาค|ตอน|ชุด|สมัย|รัชกาล|"
                            r"ฉบับ|เล่ม)ที่\s?\d{1,3}(?![\d,.])")
# The other items of a list a one-item span opens: " ญี่ปุ่น เกาหลี และเวียดนาม",
# " และการเงิน": up to three items between spaces, then the last after และ/หรือ.
_MORE_ITEMS = re.compile(r"^((?: [\u0e01-\u0e4e]{2,15}){0,3}),?\s(?:และ|หรือ)\s?"
                         r"([\u0e01-\u0e4e]{2,15})(?=$|[\s,.;:()\[])")


# The administrative units of an address, by rank: a place is named with the larger
# units that hold it ("อำเภอสุวรรณภูมิ จังหวัดร้อยเอ็ด", "แขวงทุ่งพญาไท เขตราชเทวี
# กรุงเทพมหานคร"); "อำเภอสุวรรณภูมิ" alone names a district of some province.
_ADMIN_RANKS: tuple[tuple[str, ...], ...] = (
    ("หมู่บ้าน", "หมู่ที่", "หมู่"),
    ("ตำบล", "ต.", "แขวง"),
    ("อำเภอ", "อ.", "เขต", "กิ่งอำเภอ"),
    ("จังหวัด", "จ.", "กรุงเทพมหานคร"),
    ("ประเทศ",),
)
_ADMIN_RANK = {word: rank for rank, words in enumerate(_ADMIN_RANKS) for word in words}
_ADMIN_WORDS = "|".join(re.escape(w) for w in sorted(_ADMIN_RANK, key=len, reverse=True))
# The next unit one space on: its word and the name written after it, up to a space or a
# mark (one space allowed after an abbreviation: "จ. ร้อยเอ็ด").
_ADMIN_NEXT = re.compile(rf" (?P<unit>{_ADMIN_WORDS})(?:(?<=\.) )?(?P<name>[^\s,.;:()\[\]]*)")
_ADMIN_IN = re.compile(rf"(?:^|(?<=\s))(?:{_ADMIN_WORDS})")


def _admin_rank(value: str) -> int | None:
    """The rank of the last administrative unit ``value`` names, or None."""
    rank = None
    for m in _ADMIN_IN.finditer(value):
        rank = _ADMIN_RANK[m.group(0)]
    return rank


def _larger_units_end(text: str, a: int, b: int) -> int:
    """The end of the larger units written right after the place ``text[a:b]``, or ``b``.

    "อำเภอสุวรรณภูมิ" + " จังหวัดร้อยเอ็ด" + " ประเทศไทย": each next unit one space on,
    of a higher rank than the one before, never past :data:`MAX_WHOLE_CHARS` in all.
    """
    rank = _admin_rank(text[a:b])
    if rank is None:
        return b
    while True:
        m = _ADMIN_NEXT.match(text, b)
        if m is None:
            return b
        nxt = _ADMIN_RANK[m.group("unit")]
        named_unit = m.group("name") or m.group("unit") == "กรุงเทพมหานคร"
        if nxt <= rank or not named_unit or m.end() - a > MAX_WHOLE_CHARS:
            return b
        rank, b = nxt, m.end()


def asks_period(question: str) -> bool:
    """Whether ``question`` asks for a span of time ("ระหว่างปีใด", "how long")."""
    return _PERIOD.search(question) is not None


def _widen_to_typed(text: str, start: int, end: int,
                    period: bool) -> tuple[int, int, bool]:
    """The longest typed value (date, money, count, percent, person) holding the span.

    A date range is taken only when ``period``.  Returns ``(start, end, named)``:
    ``named`` when a person, place, organisation or title holds the result.
    """
    lo, hi = max(0, start - _WINDOW), min(len(text), end + _WINDOW)
    best = (start, end)
    named = False
    marked = _RANGE_MARK.search(text, start, end) is not None
    for (a, b), kind in typed_spans(text, lo, hi).items():
        if not (a <= start and b >= end):
            continue
        named = named or kind in _NAME_KINDS
        if (kind in _WHOLE_KINDS and b - a > best[1] - best[0] and b - a <= MAX_WHOLE_CHARS
                and (period or marked or kind != _DATE
                     or _RANGE_MARK.search(text, a, b) is None or not _of_days(text, a, b))):
            best = (a, b)
    return best[0], best[1], named


def _per_unit_end(text: str, a: int, b: int) -> int:
    """The end of the unit a per-unit phrase at the span's end cuts off, or ``b``.

    "150,000 บาท ต่อ 1" of "150,000 บาท ต่อ 1 เครื่อง": the word after "ต่อ 1" (one space
    allowed) is the unit the amount is stated per when it is a unit or classifier
    (:data:`~bot.answering.question.COUNT_UNITS`, ``OTHER_CLASSIFIERS``): "20 ต่อ 1 โดย
    มี..." is a ratio, and "โดย" no unit.
    """
    if _PER_CUT.search(text, a, b) is None:
        return b
    at = b + (text[b:b + 1] == " ")
    words = word_spans(text[at:at + 20])
    if not words or words[0][0] != 0 or not _THAI_RUN.match(text, at):
        return b
    if text[at:at + words[0][1]] not in _PER_UNITS:
        return b
    end = at + words[0][1]
    return end if end - a <= MAX_WHOLE_CHARS else b


def _introduced_end(text: str, a: int, b: int) -> int:
    """The end of the date or number right after ``text[a:b]`` (one space between), or ``b``."""
    at = b + (text[b:b + 1] == " ")
    found: dict[int, int] = {}
    for (c, d), kind in typed_spans(text, at, min(len(text), at + _WINDOW)).items():
        if c == at and kind in _INTRODUCED and d - a <= MAX_WHOLE_CHARS:
            found[kind] = max(found.get(kind, at), d)
    return next((found[k] for k in _INTRODUCED if k in found), b)


def _realm_end(text: str, at: int) -> int:
    """The end of the realm's name that starts at ``text[at:]``, or ``at``.

    Its first word, two when the first is "ราชวงศ์" or "ประเทศ" ("แห่งอังกฤษเมื่อปี" →
    "อังกฤษ"); none when the word points ("แห่งนี้").
    """
    words = word_spans(text[at:at + 40])
    if not words or words[0][0] != 0:
        return at
    if text[at:at + words[0][1]] in ("นี้", "นั้น", "หนึ่ง", "ใด", "ใหม่"):
        return at
    take = 2 if len(words) > 1 and text[at:at + words[0][1]] in ("ราชวงศ์", "ประเทศ") else 1
    return at + words[take - 1][1]


def _of_days(text: str, a: int, b: int) -> bool:
    """Whether a range at ``text[a:b]`` (its two ends) is one of days: a month is named.

    "1 พฤศจิกายน พ.ศ. 2476 - 31 กรกฎาคม พ.ศ. 2555" holds two dates, of which a question may
    ask one (a birth, a death); a range of years ("ปี 2566 - 2570", "ค.ศ. 946 - ค.ศ. 967")
    is one period, of numbers ("15-25 เซนติเมตร") or clock times ("05.20 - 00.30 นาฬิกา")
    one value.
    """
    return _MONTH.search(text, a, b) is not None


def _is_list(value: str) -> bool:
    """Whether ``value`` reads as list items: two or more short words between spaces."""
    items = value.split()
    return len(items) >= 2 and all(len(item) <= 20 for item in items)


# A run of Thai letters (marks included) between spaces or other characters.
_THAI_RUN = re.compile(r"[\u0e01-\u0e3a\u0e40-\u0e4e]+")
#: A spelled-out name's part is at most this long ("อีญาร์รีตู", "ซัมทงรินโปเช").
_NAME_PART_CHARS = 16
# A Thai person's title: the name after it is the first name and the surname, whole
# already ("นายสุชาติ คำวาศรี"; a place after it, "บ้านบางสังตี", is no part of it).
_THAI_TITLED = re.compile(r"(?:นาย|นางสาว|นาง|น\.ส\.|ดร\.|พล|พัน|ร้อย|จ่า|ว่าที่|นพ\.|พญ\.|"
                          r"หม่อม|ม\.ร\.ว\.|ม\.ล\.|คุณหญิง|ศ\.|รศ\.|ผศ\.)")
#: Words that are grammar, never a syllable of a name ("แคตนิส ที่มา...").
_GRAMMAR = frozenset(("ที่", "ซึ่ง", "และ", "หรือ", "ของ", "ได้", "เป็น", "ใน", "จาก", "โดย",
                      "กับ", "แต่", "ว่า", "มา", "ไป", "จะ", "ให้", "ก็", "นี้", "นั้น", "คือ",
                      "เมื่อ", "แล้ว", "อยู่", "มี", "ไม่", "ยัง", "ทั้ง", "กล่าว", "ผู้"))


def _spelled_name(part: str, *, after_name: bool = False) -> bool:
    """Whether the Thai ``part`` reads as a foreign name spelled in Thai letters.

    Its pieces (:func:`word_spans`) are syllables, not words: one piece the dictionary
    does not know ("โจฮันเนส"), or several short ones of which one is unknown or which
    average at most 2.5 letters ("แค|ต|นิ|ส", "มิ|โน|รุ"; 4 right ``after_name``, a
    spelled-out part before it: "เอฟ|เวอร์|ดีน"), none of them grammar.
    """
    if not 2 <= len(part) <= _NAME_PART_CHARS:
        return False
    pieces = [part[a:b] for a, b in word_spans(part)]
    if not pieces or "".join(pieces) != part or any(p in _GRAMMAR for p in pieces):
        return False
    unknown = sum(not is_dictionary_word(p) for p in pieces)
    if len(pieces) == 1:
        return unknown == 1
    if any(len(p) > 5 for p in pieces) or sum(
            len(p) >= 4 and is_dictionary_word(p) for p in pieces) > 1:
        return False  # "ก็ได้|โจมตี|ฟอร์ต": words, whatever the name after them
    return unknown > 0 or len(part) / len(pieces) <= (4.0 if after_name else 2.5)


def _name_parts_end(text: str, a: int, b: int) -> int:
    """The end of the spelled-out name parts right after the name ``text[a:b]``, or ``b``.

    "แคตนิส" + " เอฟเวอร์ดีน", "อาเลคันโดร กอนซาเลซ" + " อีญาร์รีตู": when the span's own
    last part is spelled out (:func:`_spelled_name`), each next part one space on that
    is spelled out too belongs to the name (at most two, never past
    :data:`MAX_WHOLE_CHARS`); a Thai name's words ("เด็กสาว", "นำแสดงโดย") stop it.
    """
    last = text[a:b].rsplit(" ", 1)[-1]
    if not _THAI_RUN.fullmatch(last) or not _spelled_name(last):
        return b
    for _ in range(2):
        if text[b:b + 1] != " ":
            break
        m = _THAI_RUN.match(text, b + 1)
        if m is None or m.end() - a > MAX_WHOLE_CHARS \
                or not _spelled_name(m.group(), after_name=True):
            break
        b = m.end()
    return b


def _venue_words_end(text: str, a: int, b: int) -> int:
    """The end of a venue's name ``text[a:b]`` with the English words after it, or ``b``.

    "โรงแรมอัศวิน" + " แกรนด์ คอนเวนชั่น": each next word one space on that is one of
    :data:`_VENUE_NAME_WORDS` belongs to the name (at most four, never past
    :data:`MAX_WHOLE_CHARS`); any other word ("กรุงเทพมหานคร", "ซึ่ง...") stops it.
    """
    for _ in range(4):
        if text[b:b + 1] != " ":
            break
        m = _THAI_RUN.match(text, b + 1)
        if m is None or m.group() not in _VENUE_NAME_WORDS or m.end() - a > MAX_WHOLE_CHARS:
            break
        b = m.end()
    return b


def _name_parts_start(text: str, a: int, b: int) -> int:
    """The start of a spelled-out name part right before the name ``text[a:b]``, or ``a``.

    "โจฮันเนส" + " ฮันส์ วิลเลม ...": the part before the space belongs to the name when
    both it and the span's first part are spelled out, and it starts the text or
    follows a space or a bracket.
    """
    first = text[a:b].split(" ", 1)[0]
    if a < 2 or text[a - 1] != " " or not _THAI_RUN.fullmatch(first) \
            or not _spelled_name(first):
        return a
    m = _THAI_RUN.search(text, max(0, a - 1 - _NAME_PART_CHARS), a - 1)
    if m is None or m.end() != a - 1 or (m.start() > 0 and text[m.start() - 1] not in " (\n"):
        return a
    if b - m.start() > MAX_WHOLE_CHARS or not _spelled_name(m.group()):
        return a
    return m.start()


def _glued_fragment_end(text: str, a: int, b: int) -> int:
    """The end of the word the span ``text[a:b]`` cuts, when the rest is no word, or ``b``.

    "6.9 แมก" of "6.9 แมกนิจูก[1]": the span ends inside a run of Thai letters and what
    follows up to the run's end ("นิจูก") holds a piece the dictionary does not know:
    the written word is "แมกนิจูก", and the lead never cuts a word.
    """
    if b >= len(text) or not _THAI_RUN.match(text, b - 1) or not _THAI_RUN.match(text, b):
        return b
    m = _THAI_RUN.match(text, b)
    assert m is not None
    rest = m.group()
    if len(rest) > 8 or m.end() - a > MAX_WHOLE_CHARS:
        return b
    pieces = [rest[x:y] for x, y in word_spans(rest)]
    if any(p in _GRAMMAR for p in pieces) or all(is_dictionary_word(p) for p in pieces):
        return b
    return m.end()


def whole_value(text: str, start: int, end: int, *, period: bool = False) -> tuple[int, int]:
    """``(start, end)`` widened to the whole value ``text[start:end]`` is part of.

    In order: the longest typed value holding the span (:func:`typed_spans`); the date
    or number a word at its end introduces ("ชั้น 67", "ที่ 1", "ปี ค.ศ. 780"); a range's
    other end (of days, a month named, only when ``period``: the question asks for a span
    of time, :func:`asks_period`; a range of years, "ปี 2566 - 2570", is one period); a
    half after a unit ("4 ชั่วโมงครึ่ง"); the next word of a name cut after its article
    ("โรงแรมเดอะ สุโกศล"); the Latin words after a Latin word ("War room"); an
    English gloss in parentheses; after a name, its abbreviation in parentheses
    ("คณะกรรมการโอลิมปิกสากล (ไอโอซี)") and after a regnal number its realm ("ที่ 1
    แห่งอังกฤษ"); the last item ("และ X")
    of a list of two or more short items that no name holds.  Never past
    :data:`MAX_WHOLE_CHARS` in all, never inside a word (each part ends where the text
    puts a space, a bracket or the end of a number); the span unchanged when none
    applies or the offsets are out of ``text``.  Pure: the same text and span give the
    same result.
    """
    if not 0 <= start < end <= len(text):
        return start, end
    a, b, named = _widen_to_typed(text, start, end, period)
    b = _per_unit_end(text, a, b)
    if _INTRODUCER_END.search(text, a, b):
        b = _introduced_end(text, a, b)
    if text[a].isdigit() or text.startswith(("พ.ศ.", "ค.ศ."), a):
        m = _RANGE_BEFORE.search(text, max(0, a - 30), a)
        if (m is not None and m.end() == a and b - m.start() <= MAX_WHOLE_CHARS
                and (period or not _of_days(text, m.start(), b))):
            a = m.start()
    if text[b - 1].isdigit():
        m = _RANGE_AFTER.match(text[b:b + 40])
        if (m is not None and b + m.end() - a <= MAX_WHOLE_CHARS
                and (period or not _of_days(text, a, b + m.end()))):
            b += m.end()
    if text[b - 1].isascii() and text[b - 1].isalpha():
        # "ห้องประชุม War" of "ห้องประชุม War room": a name in Latin letters runs on
        # through the Latin words after it.
        m = _LATIN_RUN.match(text[b:b + MAX_WHOLE_CHARS])
        if m is not None and b + m.end() - a <= MAX_WHOLE_CHARS:
            b += m.end()
    m = _GLOSS.match(text[b:b + 64])
    if m is not None and b + m.end() - a <= MAX_WHOLE_CHARS:
        b += m.end()
    if named or _REGNAL.search(text, a, b):
        m = (_REALM.match(text[b:b + 40])
             if _REGNAL.search(text, a, b) and _ROYAL.match(text, a) else None)
        if m is not None:
            end = _realm_end(text, b + m.end())
            if end - a <= MAX_WHOLE_CHARS:
                b = end
        m = _ABBREVIATION.match(text[b:b + 20])
        if m is not None and b + m.end() - a <= MAX_WHOLE_CHARS:
            b += m.end()
    if text[b - 1].isdigit():
        m = _ERA_GLOSS.match(text[b:b + 20])
        if m is not None and b + m.end() - a <= MAX_WHOLE_CHARS:
            b += m.end()
    elif not _HAS_DIGIT.search(text, a, b):
        m = _SERIES_NUMBER.match(text[b:b + 24])
        if m is not None and b + m.end() - a <= MAX_WHOLE_CHARS:
            b += m.end()
    if _UNIT_END.search(text, a, b):
        m = _HALF.match(text, b)
        if m is not None and m.end() - a <= MAX_WHOLE_CHARS:
            b = m.end()
    m = _ARTICLE_END.search(text, a, b)
    if m is not None and m.start() > a:
        # "โรงแรมเดอะ": a name does not end on its article; its next word is part of it.
        n = _NAME_WORD.match(text, b)
        if n is not None and n.end() - a <= MAX_WHOLE_CHARS:
            b = n.end()
    if _VENUE_OPEN.match(text, a):
        b = _venue_words_end(text, a, b)
    b = _larger_units_end(text, a, b)
    b = _glued_fragment_end(text, a, b)
    if not _HAS_DIGIT.search(text, a, b) and not _THAI_TITLED.match(text, a):
        b = _name_parts_end(text, a, b)
        a = _name_parts_start(text, a, b)
    if not named and not _HAS_DIGIT.search(text, a, b) and _is_list(text[a:b]):
        # "ไม้ ไม้ไผ่ โลหะ" + "และพลาสติก"; a number with its unit ("62,975 ล้านบาท") is
        # one value, and the "และ สคร." after it another clause.
        m = _LAST_ITEM.match(text[b:b + 32])
        if m is not None and b + m.end() - a <= MAX_WHOLE_CHARS:
            b += m.end()
    elif not _HAS_DIGIT.search(text, a, b) and " " not in text[a:b].strip():
        b = _more_items_end(text, a, b)
    return a, b


#: Words after "และ" that close a phrase, not a list: "นายกรัฐมนตรี และคณะ", "... และอื่น ๆ".
_NO_ITEM = frozenset(("คณะ", "อื่น", "อื่นๆ", "อีก", "ทีม", "พวก"))


def _more_items_end(text: str, a: int, b: int) -> int:
    """The end of the list the one-item span ``text[a:b]`` opens, or ``b``.

    "ประเทศจีน" + " ญี่ปุ่น เกาหลี และเวียดนาม", "ด้านแพทยศาสตร์" + " และการเงิน": the items
    after it, each a run of Thai letters with no grammar word in it ("และได้รับ" is the
    next clause, "และบางส่วนของอำเภอ" a phrase), the last after
    "และ"/"หรือ"; never past
    :data:`MAX_WHOLE_CHARS`.
    """
    m = _MORE_ITEMS.match(text[b:b + MAX_WHOLE_CHARS + 8])
    if m is None or b + m.end() - a > MAX_WHOLE_CHARS:
        return b
    rank = _admin_rank(text[a:b])
    for item in (*m.group(1).split(), m.group(2)):
        pieces = [item[x:y] for x, y in word_spans(item)]
        if not pieces or pieces[0] in _NO_ITEM or any(p in _GRAMMAR for p in pieces):
            return b
        if rank is not None and _admin_rank(" " + item) not in (None, rank):
            return b  # "จังหวัดขอนแก่น อำเภอเมือง": a smaller unit, an address
    return b + m.end()


# A question about the start or the end of a life or an event, answered from a range of
# dates: "(1 พฤศจิกายน พ.ศ. 2476 - 31 กรกฎาคม พ.ศ. 2555)" holds the birth, then the death.
_ASKS_START = re.compile(r"เกิด|ประสูติ|สมภพ|เริ่ม|\b(?:born|birth|begin|began|start)", re.I)
_ASKS_END = re.compile(r"เสียชีวิต|ถึงแก่|สวรรคต|สิ้นพระชนม์|สิ้นชีพ|ทิวงคต|พิราลัย|มรณ|ตาย|"
                       r"สิ้นสุด|หมดเขต|ปิดรับ|(?:จน)?ถึง(?=\s*(?:เมื่อไ|วันที่|วันไหน|วันใด|เดือน|ปี|"
                       r"ช่วงไหน|ไหน|ใด))|\b(?:died|death|end|ended|finish)", re.I)
# The dash between the two ends of a range that is one span ("29 กันยายน – 8 ตุลาคม 2566").
_INNER_DASH = re.compile(r"\s*(?:[-–]|ถึง(?:วันที่)?)\s*")
_DASH_BEFORE = re.compile(r"\s*(?:[-–]|ถึง(?:วันที่)?)\s*$")
# A date's day or year on a side of a range (a number: "29 กันยายน", "ค.ศ. 1081").
_DATE_IN = re.compile(r"\d")
_DASH_AFTER = re.compile(r"^\s*(?:[-–]|ถึง(?:วันที่)?)\s*")


# A birth and a death as a text tells of them, and as a question asks of them ("เกิด" but
# not "เกิดขึ้น", an event that happened).
_BIRTH = re.compile(r"เกิด(?!ขึ้น)|ประสูติ|สมภพ|\b(?:born|birth)", re.I)
_DEATH = re.compile(r"เสียชีวิต|ถึงแก่(?:กรรม|อนิจกรรม|อสัญกรรม|พิราลัย)|สวรรคต|สิ้นพระชนม์|สิ้นชีพ|"
                    r"สิ้นชีวิต|ทิวงคต|พิราลัย|มรณภาพ|\b(?:died|death)", re.I)
#: How far before a date the word of its event may stand ("เสียชีวิตเมื่อวันที่ 3 ...").
LIFE_EVENT_REACH = 30


def asked_life_event(question: str) -> str | None:
    """``"birth"`` or ``"death"`` when ``question`` asks of one and not the other, else None."""
    birth, death = _BIRTH.search(question), _DEATH.search(question)
    if (birth is None) == (death is None):
        return None
    return "birth" if birth is not None else "death"


def of_other_life_event(text: str, start: int, asked: str) -> bool:
    """Whether the date at ``text[start:]`` is told of the other life event than ``asked``.

    The last birth or death word within :data:`LIFE_EVENT_REACH` characters before it
    is the other one ("สิ้นพระชนม์เมื่อ 3 กรกฎาคม" for a birth asked), with no clause
    mark between.
    """
    lo = max(0, start - LIFE_EVENT_REACH)
    window = text[lo:start]
    if any(mark in window for mark in "\n;()"):
        window = window[max(window.rfind(mark) for mark in "\n;()") + 1:]
    last = max(((m.start(), "birth") for m in _BIRTH.finditer(window)), default=(-1, ""))
    last = max(last, max(((m.start(), "death") for m in _DEATH.finditer(window)),
                         default=(-1, "")))
    return last[0] >= 0 and last[1] != asked


def asks_end(question: str) -> bool:
    """Whether ``question`` asks for the end of a period and not its start.

    "จัดถึงวันที่เท่าไร", "สิ้นสุดเมื่อไร", "เสียชีวิตเมื่อไร": the later end of a range of
    dates ("ตั้งแต่วันที่ 30 มีนาคม - 7 เมษายน 2567") answers it (:func:`asked_end`).
    """
    return _ASKS_END.search(question) is not None and _ASKS_START.search(question) is None


def ends_a_range(text: str, start: int, end: int) -> bool:
    """Whether the date ``text[start:end]`` is a range of dates or the later end of one.

    A dash or "ถึง" inside it between two numbers, or right before it.
    """
    inner = _INNER_DASH.search(text, start, end)
    if (inner is not None and start < inner.start() and inner.end() < end
            and _DATE_IN.search(text, start, inner.start())
            and _DATE_IN.search(text, inner.end(), end)):
        return True
    return _DASH_BEFORE.search(text, max(0, start - 12), start) is not None


def asked_end(text: str, start: int, end: int, question: str) -> tuple[int, int]:
    """The end of a range of dates ``question`` asks for, when ``text[start:end]`` is the other.

    A birth or a start ("เกิดวันที่เท่าไร", "when was he born") is the first date of
    "A - B", a death or an end ("เสียชีวิตเมื่อไร") the second; a question that asks
    for both or neither, or a date in no range, keeps ``(start, end)``.  The other end
    is the longest date (:func:`typed_spans`) touching the dash; a span that is the
    whole range is cut at its dash.
    """
    first, last = _ASKS_START.search(question), _ASKS_END.search(question)
    if (first is None) == (last is None) or not 0 <= start < end <= len(text):
        return start, end
    inner = _INNER_DASH.search(text, start, end)
    if (inner is not None and inner.start() > start and inner.end() < end
            and _DATE_IN.search(text, start, inner.start())
            and _DATE_IN.search(text, inner.end(), end)):
        # The span is the whole range: its start or its end, as asked.
        return (start, inner.start()) if first is not None else (inner.end(), end)
    lo, hi = max(0, start - _WINDOW), min(len(text), end + _WINDOW)
    dates = [ab for ab, kind in typed_spans(text, lo, hi).items() if kind == _DATE]
    if first is not None:
        m = _DASH_BEFORE.search(text, max(0, start - 12), start)
        ends = [ab for ab in dates if m is not None and ab[1] == m.start()]
        return min(ends, key=lambda ab: ab[0]) if ends else (start, end)
    m = _DASH_AFTER.match(text[end:end + 12])
    starts = [ab for ab in dates if m is not None and ab[0] == end + m.end()]
    return max(starts, key=lambda ab: ab[1]) if starts else (start, end)
