"""Candidate answers: the spans of a passage that could be what a question asks for.

Two sources, both ending on word boundaries of the text as written (or a gloss's bracket):

* **typed spans** found by pattern: money (``9,684,500 บาท``, ``2.5 ล้านบาท``), counts
  with their unit or classifier (``14 แห่ง``, ``76 จังหวัด``, ``12 อปท.``), percentages
  (``ร้อยละ 40``, ``40%``), levels (``ระดับ 5``), dates and date ranges (Thai and
  Buddhist-era forms, through :func:`knowledge.thai.find_dates` and a looser year
  pattern), people with their titles (``นายสุทธิพงษ์ จุลเจริญ``) and, where one follows,
  their position, places (``ณ ห้องประชุม...``, ``จังหวัด...``), organisations
  (``กรม...``, ``สำนักงาน...``) and quoted titles;
* **word spans**: every run of one to :data:`MAX_WORDS` words of at most
  :data:`MAX_CHARS` characters that crosses no clause mark, for the plain noun phrases
  and names the patterns do not know ("นักแสดงหญิงชาวไทย", "ประเทศนิวซีแลนด์"), none opening
  or closing on a function word (:data:`NO_START_WORDS`, :data:`NO_END_WORDS`), a Thai
  name also with its Latin original in brackets ("ภาษาโอ๊ก (Oak)"); and longer **clause
  spans** between clause edges, up to :data:`MAX_CLAUSE_CHARS` characters, for the
  answers that are a description.

Which of them answers is for the trained model (:mod:`bot.answering.model`) to say;
this module only proposes, as parallel numpy arrays so that features can be computed
for thousands of candidates at once.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from bot.answering.question import COUNT_UNITS
from indexer.tokenize import word_spans
from knowledge.thai import MONTHS_FULL, MONTHS_SHORT, find_dates

__all__ = [
    "COUNTED_UNITS",
    "CTYPES",
    "CURRENCIES",
    "MAX_CHARS",
    "MAX_CLAUSE_CHARS",
    "MAX_TYPED_CHARS",
    "MAX_WORDS",
    "NO_END_WORDS",
    "NO_START_WORDS",
    "Candidates",
    "candidate_unit",
    "opens_with_name",
    "propose",
    "typed_spans",
]

#: The longest word span proposed, in words and in characters: nine in ten answers of
#: the iapp-wiki-qa training questions are at most 40 characters long.
MAX_WORDS = 8
MAX_CHARS = 40
#: Typed spans may be longer (a place with its room, floor and building).
MAX_TYPED_CHARS = 90
#: Clause spans: longer word spans, for the answers that are a clause or a description
#: ("เป็นการชุมนุมต่อต้านนโยบายขึ้นภาษีน้ำมันที่จะมีผลให้ราคาน้ำมันสูงขึ้น"): one in ten
#: iapp-wiki-qa training answers is 41-90 characters long, nine in ten of those have at
#: most 18 words and 5 spaces, and four in five end before a space or a clause mark.  A
#: clause span is longer than :data:`MAX_CHARS`, ends where a space or a mark follows
#: (never glued to the next word), crosses no clause mark and is scored only for the
#: questions that ask for a description (:data:`bot.answering.reading.CLAUSE_QTYPES`).
MAX_CLAUSE_CHARS = 90
MAX_CLAUSE_WORDS = 18
MAX_CLAUSE_SPACES = 5
#: A word span crosses at most this many spaces ("3 ธันวาคม พ.ศ. 2533").
MAX_SPACES = 3

#: Candidate types, by id (the model sees the id's one-hot columns).
CTYPES: tuple[str, ...] = (
    "text", "money", "count", "percent", "level", "date", "person", "place", "org", "title",
    "number",
)
_CT = {name: i for i, name in enumerate(CTYPES)}

_NUM = (r"(?:\d[\d,]*(?:\.\d+)?|(?:หนึ่ง|สอง|สาม|สี่|ห้า|หก|เจ็ด|แปด|เก้า|สิบ|ยี่สิบ|ร้อย|พัน|หมื่น|แสน)"
        r"(?:หนึ่ง|สอง|สาม|สี่|ห้า|หก|เจ็ด|แปด|เก้า|สิบ|เอ็ด|ร้อย|พัน|หมื่น|แสน|ล้าน)*)")
# "2.95 แสนล้านบาท", "3.48 ล้านล้านบาท": up to two multipliers.
_MULT = r"(?:(?:ล้าน|แสน|หมื่น|พัน)\s*){0,2}"
#: The classifiers and units a count is written with, as a regular-expression
#: alternation, longest first (money and percent have their own kinds).
COUNTED_UNITS = "|".join(re.escape(u) for u in sorted(
    (u for u in COUNT_UNITS if u not in ("บาท", "ล้านบาท", "ร้อยละ", "เปอร์เซ็นต์", "ล้าน")),
    key=len, reverse=True))
_UNITS = COUNTED_UNITS
# A range is one value ("5-15 ปี", "15–25 เซนติเมตร"): its upper end alone would state
# less than the text does.
_RANGE = r"(?:\d[\d,]*(?:\.\d+)?\s*(?:-|–|ถึง)\s*)?"
#: The currencies an amount of money is written in.
CURRENCIES = ("บาท", "ดอลลาร์", "ยูโร", "ปอนด์", "เยน", "หยวน")
_CURRENCY = "|".join(f"{c}(?:สหรัฐ)?" if c == "ดอลลาร์" else c for c in CURRENCIES)
_MONEY = re.compile(rf"{_RANGE}{_NUM}\s*{_MULT}(?:{_CURRENCY})")
#: The time a measure is stated per, making it a rate: "1,700 ลูกบาศก์เมตรต่อวินาที",
#: "1,700 ลบ.ม./วินาที", "80 กม./ชม." (a rate is led whole, never cut to "1,700 ลูก").
RATE_TAIL = r"\s*(?:ต่อ|/)\s*(?:วินาที|วิ\.|นาที|ชั่วโมง|ชม\.|วัน)(?![ก-ฮ])"
#: Measures a rate is written in (:data:`RATE_TAIL`).
_MEASURES_WRITTEN = ("ลูกบาศก์เมตร", "ลบ.ม.", "ลิตร", "ตัน", "กิโลเมตร", "กม.", "เมตร", "มิลลิเมตร",
             "มม.", "กิโลกรัม", "กก.", "คัน", "คน", "ราย", "ครั้ง")
_MEASURES = frozenset(_MEASURES_WRITTEN)
_COUNT = re.compile(rf"{_RANGE}{_NUM}\s*{_MULT}(?P<unit>{_UNITS})(?P<rate>{RATE_TAIL})?")
_PERCENT = re.compile(rf"ร้อยละ\s*{_NUM}|{_NUM}\s*(?:%|เปอร์เซ็นต์)")
_LEVEL = re.compile(r"ระดับ(?:ที่)?\s*\d+")
_THAI_MONTHS = "|".join(re.escape(m) for m in (*MONTHS_FULL, *MONTHS_SHORT))
# An era as written before a year: abbreviated or in full ("พุทธศักราช 2445").
_ERA = r"(?:พ\.ศ\.|ค\.ศ\.|พุทธศักราช|คริสต์ศักราช)"
_DATE = re.compile(
    rf"\d{{1,2}}(?:\s*[-–]\s*\d{{1,2}})?\s*(?:{_THAI_MONTHS})(?:\s*[-–]\s*\d{{1,2}}\s*(?:{_THAI_MONTHS}))?"
    rf"(?:\s*{_ERA}?\s*\d{{2,4}}(?!\d))?|"
    rf"(?:เดือน)?(?:{_THAI_MONTHS})\s*(?:(?:ปี|{_ERA})\s*)?\d{{4}}(?!\d)|"
    rf"{_ERA}\s*\d{{3,4}}(?:\s*[-–]\s*\d{{3,4}})?(?!\d)|ปี\s*\d{{4}}(?!\d)|"
    r"ศตวรรษ(?:ที่)?\s*\d{1,2}(?!\d)"
)
_TH = "\u0e01-\u0e4e"
_TITLES = (r"นาย(?!ก(?:รัฐมนตรี|เทศมนตรี|องค์การ|สมาคม|สภา|อบต|อบจ|\s|ฯ|$)|อำเภอ|ทหาร|ตำรวจ|ทะเบียน|"
           # A post that opens with a title's word ("นายแพทย์สาธารณสุขจังหวัดระนอง", the
           # province's chief medical officer) is no title before a name.
           r"ด่าน|ช่าง|จ้าง|ห้าง|ประกัน|หน้า|ท่า|แพทย์(?:สาธารณสุข|ใหญ่)|สถานี)|นางสาว|นาง|ดร\.|พลเอก|พล\.อ\.|พลตำรวจ(?:เอก|โท|ตรี)?|พล\.ต\.(?:อ|ท|ต)\.|"
           r"ศาสตราจารย์|รองศาสตราจารย์|ผู้ช่วยศาสตราจารย์|ศ\.|รศ\.|ผศ\.|ว่าที่ร้อยตรี|"
           r"เจ้าชาย|เจ้าหญิง|พระเจ้า|สมเด็จ|Mr\.|Mrs\.|Ms\.|Dr\.|"
           # Ranks and lineage ("พันเอก บุญส่ง หักฤทธิ์ศึก", "ม.ร.ว.คึกฤทธิ์ ปราโมช").
           r"(?:พล|พัน|ร้อย|จ่าสิบ|พลเรือ|พลอากาศ|นาวา|นาวาอากาศ)(?:เอก|โท|ตรี)|"
           r"หม่อมราชวงศ์|หม่อมหลวง|หม่อมเจ้า|ม\.ร\.ว\.|ม\.ล\.|คุณหญิง|ท่านผู้หญิง|"
           # Police and military ranks as releases abbreviate them ("พ.ต.อ.สมชาย"),
           # doctors, and "ท่าน" before a name (an ambassador: "ท่านหาน จื้อเฉียง"),
           # not before a post ("ท่านผู้ว่าราชการจังหวัด") or as a pronoun.
           r"พล\.(?:ร\.|อ\.)?(?:อ|ท|ต)\.|(?:พ|ร)\.ต\.(?:อ|ท|ต)\.|(?:พ|ร)\.(?:อ|ท|ต)\.|"
           r"จ\.ส\.(?:อ|ท|ต)\.|ส\.(?:อ|ท|ต)\.|นพ\.|พญ\.|ทพ\.|นายแพทย์(?!สาธารณสุข|ใหญ่)|แพทย์หญิง|"
           r"ทันตแพทย์(?:หญิง)?|ฯพณฯ|H\.E\.|"
           r"ท่าน(?!ผู้|นายก|รัฐ|ปลัด|อธิบดี|ประธาน|ทั้ง|จะ|ได้|ก็|เป็น|มี|ที่|ว่า|และ|เอง|กล่าว|"
           r"นาย|รอง|เลขา|องค์|ละ|ใด|อื่น|สามารถ|ต้อง|เคย|ให้|ไม่|คง|อาจ|ยัง|สมาชิก)")
#: Verbs a release glues to the post before them ("โฆษกประจำสำนักนายกรัฐมนตรีเปิดเผยว่า"):
#: the post ends where one starts.  None occurs inside a post's name.
POST_END_VERBS = ("เปิดเผย", "เผย", "กล่าว", "ระบุ", "แถลง", "ชี้แจง", "เป็นประธาน", "พร้อมด้วย",
                  "ลงพื้นที่", "เดินทาง", "เข้าร่วม", "สั่งการ", "เน้นย้ำ", "มอบหมาย",
                  "ให้การต้อนรับ", "ให้สัมภาษณ์", "ได้")
_POST_END = "|".join(POST_END_VERBS)
_POSITIONS = (r"(?:รอง)?(?:ปลัด|ผู้ว่าราชการ|ผู้ว่าฯ|รัฐมนตรี|อธิบดี|นายอำเภอ|ประธาน|ผู้อำนวยการ|"
              rf"นายก|เลขาธิการ|ผู้ช่วย|หัวหน้า|โฆษก|ท้องถิ่น|พัฒนาการ)(?:(?!{_POST_END})[^\s])*"
              # The local government it is of, after a space ("ปลัด อบต.โก่งธนู").
              r"(?:\s(?:อบต|อบจ|ทต|ทม|ทน)\.[^\s]+)?")
#: Titles stacked before one name: an academic rank before "ดร." ("ศาสตราจารย์ ดร.ชูกิจ",
#: "ผศ.ดร.", "รศ. นพ."), "ว่าที่" before a rank ("ว่าที่ ร.ต."): the name follows the last.
_STACKED_TITLES = rf"(?:(?:{_TITLES}|ว่าที่(?=\s?[รพจส]\.))\s?)+"
#: Abbreviated titles without their full stop ("ดร", "ผศ"): never a person's name.
_BARE_ABBREVIATED = r"(?:ดร|ผศ|รศ|ศ|นพ|พญ|ทพ|พล\.?[อทต]|[พร]\.?[อทต]|[พร]\.ต\.?[อทต]|Dr|Mr|Mrs|Ms)"
_PERSON = re.compile(
    # The first name runs whole, ends on no full stop and is no title's abbreviation
    # written without it: "ดร" of "ศาสตราจารย์ ดร.ชูกิจ" is a title cut at its stop.
    rf"{_STACKED_TITLES}(?!{_BARE_ABBREVIATED}(?![{_TH}A-Za-z]))"
    rf"[{_TH}A-Za-z]+(?![.{_TH}A-Za-z])(?:\s[{_TH}A-Za-z]+)?"
    # A third part, as a married woman's name is written ("ดร.วันดี กุญชรยาคง จุลเจริญ"),
    # only where a position follows it: a word before a post is the name's.
    rf"(?:\s(?!{_POSITIONS})[{_TH}]+(?=\s{_POSITIONS}))?"
    rf"(?P<pos>\s{_POSITIONS})?")
_PLACE = re.compile(
    # A venue runs on through its room, floor, building, centre, road and town
    # ("ณ ห้องประชุม ESCAP Hall ชั้น 2 ศูนย์ประชุมสหประชาชาติ ถนนราชดำเนินนอก กรุงเทพมหานคร").
    # "ณ" as a word ("at"), never the letter inside one ("นายณัฐพงศ์") nor the surname
    # "ณ อยุธยา" ("อิศรางกูร ณ อยุธยา": a venue there is "พระนครศรีอยุธยา").
    rf"(?<![{_TH}])ณ(?=\s|[\u0e01-\u0e2e\u0e40-\u0e44A-Za-z])(?!\s?อยุธยา(?![{_TH}]))\s?[^\s]+(?:\s(?:ชั้น\s?\d+|(?:อาคาร|ศูนย์|ห้อง|หอ|โรงแรม|ถนน|ศาลากลาง|ที่ว่าการ|"
    rf"มหาวิทยาลัย|กรุงเทพ|นคร|ธนาคาร|สำนักงาน|กระทรวง|ทำเนียบ|สโมสร|ลาน|ห้าง|สวน|สนาม)[^\s]*|[{_TH}]+(?:จังหวัด|อำเภอ)[^\s]*|จังหวัด[^\s]+|"
    rf"อำเภอ[^\s]+|ตำบล[^\s]+|[A-Z][A-Za-z&'.-]*)){{0,6}}|"
    rf"(?:ห้องประชุม|ศูนย์ประชุม|อาคาร|โรงแรม|จังหวัด|อำเภอ|ตำบล|ประเทศ|เมือง|กรุง|"
    rf"หมู่บ้าน|วัด|โรงเรียน|สนาม|สวน|เกาะ|แม่น้ำ|ทะเล|มหาสมุทร|ทวีป|ภาค|รัฐ|นคร)[{_TH}]+"
)
_ORG = re.compile(
    rf"(?:กระทรวง|กรม|สำนักงาน|สำนัก|องค์การ|องค์กร|บริษัท|มูลนิธิ|สมาคม|ธนาคาร|"
    rf"มหาวิทยาลัย|เทศบาล|องค์การบริหารส่วน|อบจ\.|อบต\.|สหพันธ์|สถาบัน|คณะกรรมการ)[{_TH}]*"
    rf"(?:\s?\([A-Za-z.]+\))?"
)


def person_at(text: str, pos: int) -> tuple[int, int] | None:
    """The titled name (:func:`opens_with_name`'s "person") starting at ``pos``, or None."""
    m = _PERSON.match(text, pos)
    if m is None:
        return None
    return m.start(), m.end() if m.group("pos") is None else m.start("pos")


def person_name(span: str) -> str | None:
    """The name a titled name opening ``span`` writes, without its titles, or None.

    "นายอนุทิน ชาญวีรกูล รองนายกรัฐมนตรี" → "อนุทิน ชาญวีรกูล"; "พลเอกอนุพงษ์ เผ่าจินดา" →
    "อนุพงษ์ เผ่าจินดา".  None when ``span`` opens with no titled name.
    """
    text = span.lstrip()
    m = _PERSON.match(text)
    if m is None:
        return None
    end = m.end() if m.group("pos") is None else m.start("pos")
    titles = re.match(_STACKED_TITLES, text)
    return text[titles.end() if titles else 0:end].strip() or None


def opens_with_name(span: str, kind: str) -> bool:
    """Whether ``span`` opens with a name of ``kind``.

    ``"person"``: a title and a name ("ท่านหาน จื้อเฉียง", "พลเอกอนุพงษ์ เผ่าจินดา");
    ``"org"``: an organisation's noun and name ("กรมการปกครอง").  Other kinds: False.
    """
    pattern = {"person": _PERSON, "org": _ORG}.get(kind)
    return pattern is not None and pattern.match(span.lstrip()) is not None


_QUOTED = re.compile(r"[\"“”«][^\"“”«»\n]{2,80}[\"“”»]")
_BARE_NUMBER = re.compile(r"(?<![\d,.])\d[\d,]*(?:\.\d+)?(?![\d,.]?\d)")
#: Words that open no answer and words that close none: a span starting with "และ"
#: or ending on "ที่" ("นโยบายขึ้นภาษีน้ำมันที่จะ", "ป่าใบกว้างชื้น ที่") is a cut
#: clause.  Conjunctions, prepositions and particles that begin (end) none of the 5,230
#: iapp-wiki-qa training answers whose ends fall on word boundaries, though they stand
#: before (after) answers hundreds of times.
NO_START_WORDS = frozenset({"และ", "ของ", "ว่า", "ซึ่ง", "กับ", "แต่", "หรือ", "จาก", "ให้", "นั้น",
                            "นี้", "จึง", "ถึง", "ซึ่งเป็น"})
NO_END_WORDS = frozenset({"ที่", "จะ", "และ", "ของ", "ใน", "กับ", "แต่", "หรือ", "เพื่อ", "จาก",
                          "ให้", "เป็น", "คือ", "ถึง", "การ", "ความ", "ที่จะ", "ซึ่งเป็น"})
#: A clause span opens after a space or a mark, or after one of these words (a verb of
#: being, a preposition or conjunction: "เป็น|การชุมนุม...", "คือ|...", "ใน|..."): four in
#: five 41-90 character iapp-wiki-qa training answers open so, and a clause cut anywhere
#: else is no answer.
CLAUSE_AFTER_WORDS = NO_END_WORDS | frozenset({
    "มี", "โดย", "ว่า", "ซึ่ง", "หมายถึง", "เกี่ยวกับ", "สำหรับ", "เมื่อ", "ด้วย", "เพราะ", "บน", "ได้",
    "ทั้ง"})
#: ... or with a word that starts with one of these ("เป็นการชุมนุม...", "การผลิต...",
#: "ไม่มี...", "เพื่อแจ้ง..."), the commonest first words of the iapp-wiki-qa training
#: answers (the segmenter may join them to the next word: "เป็นการ").
CLAUSE_OPEN_WORDS = ("เป็น", "มี", "การ", "ความ", "ไม่", "เพื่อ", "ใน", "ที่", "โดย")
# A name's original in Latin letters, in brackets right after it ("ภาษาโอ๊ก (Oak)",
# "วงศ์ปลาฉนาก (Pristidae)"): a span that ends before it is also proposed with it.
_GLOSS = re.compile(r" ?\([A-Za-z][A-Za-z0-9 .,'&+/-]{0,39}\)")
# Gaps between words that a word span never crosses: a clause or list mark.
_HARD_GAP = re.compile(r"[\n\r\t()\[\]\"“”«»:;!?]|,\s|\.\s|ๆ|ฯ")
_UNIT_OF = re.compile(rf"(?P<unit>{_UNITS}|บาท|%|เปอร์เซ็นต์)(?:{RATE_TAIL})?\s*$")


@dataclass(frozen=True)
class Candidates:
    """The candidate spans of one passage text, as parallel arrays.

    ``start``/``end`` are character offsets into ``text``; ``w0``/``w1`` the index of
    the first word at or after ``start`` and of the last word before ``end`` (in
    ``words``); ``ctype`` an index into :data:`CTYPES`.
    """

    text: str
    words: npt.NDArray[np.int64]  # (n_words, 2) start and end offsets
    start: npt.NDArray[np.int64]
    end: npt.NDArray[np.int64]
    w0: npt.NDArray[np.int64]
    w1: npt.NDArray[np.int64]
    ctype: npt.NDArray[np.int64]

    def __len__(self) -> int:
        return len(self.start)

    def span(self, i: int) -> str:
        """The text of candidate ``i``."""
        return self.text[int(self.start[i]):int(self.end[i])]

    def take(self, rows: npt.NDArray[np.int64]) -> Candidates:
        """The candidates ``rows`` (indexes into these, in that order), same text and words."""
        return Candidates(text=self.text, words=self.words, start=self.start[rows],
                          end=self.end[rows], w0=self.w0[rows], w1=self.w1[rows],
                          ctype=self.ctype[rows])


#: Words the segmenter may glue to the noun after them ("ในประเทศ" + "จีน"): a typed
#: span may start right after one of them inside a segmented word.
_GLUED_BEFORE = ("ใน", "ที่", "จาก", "ของ", "แห่ง", "สู่", "กับ", "โดย", "และ", "ณ")


def _starts_inside_word(text: str, pos: int, edges: list[int]) -> bool:
    """Whether a span starting at ``pos`` would start inside a word.

    ``edges`` (sorted) are the offsets where words start or end.  A position between
    two Thai letters that is no edge is inside a word, unless the word's part before
    it is a preposition the segmenter glued to its noun ("ในประเทศจีน": "ประเทศจีน").
    """
    if not (0 < pos < len(text) and _THAI_LETTER.match(text, pos - 1) is not None
            and _THAI_LETTER.match(text, pos) is not None):
        return False
    i = bisect.bisect_left(edges, pos)
    if i < len(edges) and edges[i] == pos:
        return False
    before = edges[i - 1] if i else 0
    return text[before:pos] not in _GLUED_BEFORE


def _typed(text: str, lo: int, hi: int,
           edges: list[int] | None = None) -> dict[tuple[int, int], int]:
    """Typed spans within ``text[lo:hi]``: (start, end) -> type id (the first type wins).

    ``edges`` are the sorted offsets where words start or end; a span that would
    start inside a word ("ณ" of "คณะ") is not proposed.
    """
    part = text[lo:hi]
    out: dict[tuple[int, int], int] = {}

    def put(a: int, b: int, kind: str) -> None:
        a, b = a + lo, b + lo
        while b > a and text[b - 1].isspace():
            b -= 1
        # Only the start is checked: a unit may be glued to the word after it by the
        # segmenter ("7 ภาคีเครือข่าย"), and "7 ภาคี" is still the answer.
        if edges and _starts_inside_word(text, a, edges):
            return
        if b - a <= MAX_TYPED_CHARS and (a, b) not in out:
            out[(a, b)] = _CT[kind]

    # A pattern that must match a word of its own is not run over a text without one.
    if _holds_any(part, CURRENCIES):
        for m in _MONEY.finditer(part):
            put(m.start(), m.end(), "money")
    if _holds_any(part, _PERCENT_WORDS):
        for m in _PERCENT.finditer(part):
            put(m.start(), m.end(), "percent")
    for m in _COUNT.finditer(part):
        rated = m.group("rate") and m.group("unit") in _MEASURES
        put(m.start(), m.end() if rated else m.end("unit"), "count")
    if _holds_any(part, _LEVEL_WORDS):
        for m in _LEVEL.finditer(part):
            put(m.start(), m.end(), "level")
    for d in find_dates(part):
        put(d.start, d.end, "date")
    for m in _DATE.finditer(part):
        put(m.start(), m.end(), "date")
    for m in _PERSON.finditer(part):
        put(m.start(), m.end(), "person")
        if m.group("pos"):
            put(m.start(), m.start("pos"), "person")
    for m in _PLACE.finditer(part):
        put(m.start(), m.end(), "place")
        if part.startswith("ณ", m.start()):
            put(m.start() + 1 + (part[m.start() + 1:m.start() + 2] == " "), m.end(), "place")
    for m in _ORG.finditer(part):
        put(m.start(), m.end(), "org")
    if _holds_any(part, _QUOTES):
        for m in _QUOTED.finditer(part):
            put(m.start(), m.end(), "title")
            put(m.start() + 1, m.end() - 1, "title")
    for m in _BARE_NUMBER.finditer(part):
        put(m.start(), m.end(), "number")
    return out


#: What :data:`_PERCENT` and :data:`_LEVEL` cannot match without, and the marks
#: :data:`_QUOTED` opens with (:data:`CURRENCIES` for :data:`_MONEY`).
_PERCENT_WORDS = ("ร้อยละ", "%", "เปอร์เซ็นต์")
_LEVEL_WORDS = ("ระดับ",)
_QUOTES = ('"', "“", "”", "«")


def _holds_any(text: str, words: tuple[str, ...]) -> bool:
    """Whether ``text`` holds any of ``words`` (a literal search each, at C speed)."""
    return any(w in text for w in words)


def typed_spans(text: str, lo: int, hi: int) -> dict[tuple[int, int], int]:
    """Typed spans within ``text[lo:hi]``, as :func:`propose` finds them: (start, end) -> type id.

    Offsets are into ``text``; the type id indexes :data:`CTYPES`.  No span starts
    inside a word of ``text[lo:hi]`` as the segmenter splits it.
    """
    edges = sorted({o + lo for span in word_spans(text[lo:hi]) for o in span})
    return _typed(text, lo, hi, edges)


_THAI_LETTER = re.compile(r"[\u0e01-\u0e4e]")
_COUNTED = re.compile(r"^\d[\d,]*(?:\.\d+)?\s?(?P<unit>[\u0e01-\u0e4e.]+)$")


def candidate_unit(span: str) -> str | None:
    """The unit a counted or money span ends in (``"แห่ง"``, ``"บาท"``), or None.

    A known unit (:data:`~bot.answering.question.COUNT_UNITS`) wherever the span ends
    in one, else the Thai word right after a number ("4 โรงเรือน": ``"โรงเรือน"``).
    """
    m = _UNIT_OF.search(span)
    if m:
        return m.group("unit")
    m = _COUNTED.match(span)
    return m.group("unit") if m else None


#: A word made a noun by การ/ความ ("5 การเบิกจ่าย") is the next clause, not a classifier.
_NOMINALISERS = ("การ", "ความ")
_MULTIPLIER_WORDS = frozenset({"ล้าน", "แสน", "หมื่น", "พัน", "ร้อย", "สิบ"})
#: Words that join or relate and so classify nothing after a number ("ที่ 6 โดยมี ...",
#: "จำนวน 6 และ ..."): besides the words no answer ends on (NO_END_WORDS); and words that
#: open the next figure ("Tier 2 จำนวน 715 บาท", "ระยะที่ 2 รวม 1,200 ราย": no "2 จำนวน").
_NO_CLASSIFIER_WORDS = frozenset({"โดย", "โดยมี", "ซึ่ง", "จึง", "ก็", "เมื่อ", "ตาม", "ต่อ",
                                  "ไว้", "นั้น", "นี้", "อีก", "ด้วย", "แก่", "แด่", "ณ", "ได้",
                                  "แล้ว", "มี", "ไป", "มา", "อยู่", "ว่า", "เพราะ", "หาก",
                                  "จำนวน", "รวม", "รวมทั้งสิ้น", "คิดเป็น", "เป็นเงิน", "วงเงิน",
                                  "และ", "หรือ"})
#: A number right after a word in Latin letters is that name's ("Tier 1", "Phase 2"), after
#: "ปี" a year ("ปีการผลิต 2566 จำกัดพื้นที่": no "2566 จำกัด").
_LATIN_LABEL = re.compile(r"(?:[A-Za-z]|ปี|ปีการผลิต|ปีงบประมาณ|พ\.ศ\.|ค\.ศ\.)\s?$")
_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")
_THAI_WORD = re.compile(r"[\u0e01-\u0e4e]+\.?")


def _counted(text: str, words: npt.NDArray[np.int64]) -> list[tuple[int, int]]:
    """Spans "number word" where a Thai word follows a number: a count with its classifier.

    Thai counts a noun with a classifier that may be any word ("4 โรงเรือน", "9 ฐาน",
    "10 ชนิด"); the known units are matched by pattern, the rest by this.
    """
    out = []
    pairs = words.tolist()  # plain ints: indexing the array per word costs more than the test
    for (a, b), (c, d) in itertools.pairwise(pairs):
        # (a digit first: most words are none, and ``\d`` is what ``isdecimal`` tells)
        if (text[a].isdecimal() and c - b <= 1 and text[b:c].strip() == ""
                and _DIGITS.fullmatch(text, a, b)
                and _THAI_WORD.fullmatch(text, c, d) and text[c:d] not in _MULTIPLIER_WORDS
                and text[c:d] not in _NO_CLASSIFIER_WORDS
                and not text.startswith(_NOMINALISERS, c)
                and _LATIN_LABEL.search(text, max(0, a - 12), a) is None):
            out.append((a, d))
    return out


#: Typed values (found by pattern, with a known unit) a span may hold whole but never cut:
#: "เกิดเมื่อวันที่ 1" of "... วันที่ 1 กรกฎาคม พ.ศ. 2470" is no value, nor "2470 ได้รับ".
_UNCUT = frozenset(_CT[k] for k in ("money", "count", "percent", "level", "date"))


def _cuts(whole: npt.NDArray[np.int64], start: npt.NDArray[np.int64],
          end: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
    """For each span ``start[i]:end[i]``, whether it cuts a value of ``whole`` ((n, 2) bounds).

    A span cuts a value when it holds one of the value's ends but not the other.
    """
    if not len(whole):
        return np.zeros(len(start), dtype=bool)
    a, b = whole[:, 0][None, :], whole[:, 1][None, :]
    s, e = start[:, None], end[:, None]
    cut = ((s < a) & (e > a) & (e < b)) | ((s > a) & (s < b) & (e > b))
    return np.asarray(cut.any(axis=1), dtype=bool)


def _with_glosses(text: str, words: npt.NDArray[np.int64], hi: int,
                  start: npt.NDArray[np.int64], end: npt.NDArray[np.int64],
                  w0: npt.NDArray[np.int64], w1: npt.NDArray[np.int64],
                  ) -> tuple[npt.NDArray[np.int64], ...]:
    """The word spans, and again with the Latin gloss in brackets after them (:data:`_GLOSS`).

    A span ending on a word that a gloss follows ("ภาษาโอ๊ก" of "ภาษาโอ๊ก (Oak)") is
    also proposed through the closing bracket, when the whole stays within
    :data:`MAX_CLAUSE_CHARS` and the region (``hi``).  Returns ``(start, end, w0, w1)``.
    """
    gloss_end = {}
    for m in _GLOSS.finditer(text, int(words[0, 1]), hi):
        if _THAI_LETTER.match(text, m.start() - 1):  # a Thai name's original, not English
            gloss_end[m.start()] = m.end()
    if not gloss_end:
        return start, end, w0, w1
    ends = words[w1, 1]
    add = np.array([gloss_end.get(int(e), -1) for e in ends.tolist()], dtype=np.int64)
    take = (add > 0) & (add - start <= MAX_CLAUSE_CHARS)
    return (np.concatenate([start, start[take]]), np.concatenate([end, add[take]]),
            np.concatenate([w0, w0[take]]), np.concatenate([w1, w1[take]]))


def propose(text: str, lo: int = 0, hi: int | None = None) -> Candidates:
    """Candidate spans of ``text[lo:hi]`` (the whole text by default).

    ``text`` should be normalised for display and hold Arabic digits
    (:func:`knowledge.thai.to_arabic_digits`).  Returns at most a few thousand spans
    for a region of a thousand characters; an empty region gives no candidates.
    """
    hi = len(text) if hi is None else hi
    words = np.array(word_spans(text[lo:hi]), dtype=np.int64).reshape(-1, 2) + lo
    n = len(words)
    starts: list[npt.NDArray[np.int64]] = []
    lasts: list[npt.NDArray[np.int64]] = []
    if n:
        # Gap i lies between word i and word i + 1.
        ends = words[:-1, 1].tolist()
        begins = words[1:, 0].tolist()
        gaps = [text[a:b] if b > a else "" for a, b in zip(ends, begins, strict=True)]
        hard = np.array([bool(g) and (len(g) > 3 or bool(_HARD_GAP.search(g))) for g in gaps]
                        + [True])
        space = np.array([" " in g for g in gaps] + [False])
        # A clause span ends where something other than a letter follows its last word,
        # and opens after one or after a word that leads into a clause.
        parted = np.array([bool(g) for g in gaps] + [True])
        # Each word's text, read once for the tests below.
        texts = [text[a:b] for a, b in words.tolist()]
        opened = np.array([True] + [bool(g) or w in CLAUSE_AFTER_WORDS
                                    or after.startswith(CLAUSE_OPEN_WORDS)
                                    for g, w, after in zip(gaps, texts, texts[1:],
                                                           strict=False)])
        hard_c = np.concatenate([[0], np.cumsum(hard)])
        space_c = np.concatenate([[0], np.cumsum(space)])
        # Every (length, first word) at once: row k holds the spans of k + 1 words, so
        # the spans come out shortest first, each length by its first word.
        length = np.arange(1, min(max(MAX_WORDS, MAX_CLAUSE_WORDS), n) + 1)[:, None]
        i = np.arange(n)[None, :]
        j = i + length - 1
        inside = j < n
        j = np.minimum(j, n - 1)
        chars = words[j, 1] - words[i, 0]
        spaces = space_c[j] - space_c[i]
        ok = (chars <= MAX_CHARS) & (spaces <= MAX_SPACES) & (length <= MAX_WORDS)
        ok |= ((chars > MAX_CHARS) & (chars <= MAX_CLAUSE_CHARS)
               & (spaces <= MAX_CLAUSE_SPACES) & parted[j] & opened[i]
               & (length <= MAX_CLAUSE_WORDS))
        ok &= inside & ((hard_c[j] - hard_c[i]) == 0)
        starts.append(np.broadcast_to(i, ok.shape)[ok])
        lasts.append(j[ok])
    w0 = np.concatenate(starts) if starts else np.zeros(0, dtype=np.int64)
    w1 = np.concatenate(lasts) if lasts else np.zeros(0, dtype=np.int64)
    if n and (NO_START_WORDS or NO_END_WORDS):
        opens = np.array([w not in NO_START_WORDS for w in texts])
        closes = np.array([w not in NO_END_WORDS for w in texts])
        whole = opens[w0] & closes[w1]
        w0, w1 = w0[whole], w1[whole]
    start = words[w0, 0] if n else np.zeros(0, dtype=np.int64)
    end = words[w1, 1] if n else np.zeros(0, dtype=np.int64)
    if n:
        start, end, w0, w1 = _with_glosses(text, words, hi, start, end, w0, w1)
    edges = sorted(set(words.ravel().tolist()))
    typed = _typed(text, lo, hi, edges)
    whole = np.array([ab for ab, kind in typed.items() if kind in _UNCUT],
                     dtype=np.int64).reshape(-1, 2)
    counted = np.array(_counted(text, words), dtype=np.int64).reshape(-1, 2)
    for a, b in counted[~_cuts(whole, counted[:, 0], counted[:, 1])].tolist():
        typed.setdefault((a, b), _CT["count"])
    if len(whole) and len(start):
        keep = ~_cuts(whole, start, end)
        start, end, w0, w1 = start[keep], end[keep], w0[keep], w1[keep]
    ctype = np.zeros(len(start), dtype=np.int64)
    if typed:
        index = dict(zip(zip(start.tolist(), end.tolist(), strict=True), range(len(start)),
                         strict=True))
        extra = []
        for (a, b), kind in typed.items():
            k = index.get((a, b))
            if k is not None:
                ctype[k] = kind
            else:
                extra.append((a, b, kind))
        if extra:
            ea = np.array([e[0] for e in extra], dtype=np.int64)
            eb = np.array([e[1] for e in extra], dtype=np.int64)
            if n:
                ew0 = np.minimum(np.searchsorted(words[:, 0], ea, "left"), n - 1)
                ew1 = np.maximum(np.searchsorted(words[:, 1], eb, "right") - 1, 0)
            else:
                ew0 = ew1 = np.zeros(len(extra), dtype=np.int64)
            start = np.concatenate([start, ea])
            end = np.concatenate([end, eb])
            w0 = np.concatenate([w0, ew0])
            w1 = np.concatenate([w1, np.maximum(ew1, ew0)])
            ctype = np.concatenate([ctype, np.array([e[2] for e in extra], dtype=np.int64)])
    return Candidates(text=text, words=words, start=start, end=end, w0=w0, w1=w1, ctype=ctype)
