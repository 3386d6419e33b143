"""Answer constraints: which candidates a question's own words allow to lead.

The span model (:mod:`bot.answering.model`) learned its preferences on Wikipedia
questions; some questions state outright what kind of thing answers them, and a
candidate of another kind must not lead however well it scores:

* **type** — "กี่จังหวัด" is answered by a number of จังหวัด, "เมื่อไร" by a date
  (:func:`answer_type_mask`);
* **head** — "อำเภออะไร", "หมู่บ้านไหน", "เทศบาลใด" are answered by a name that starts
  with that noun (``อำเภอทุ่งสง``, ``บ้านคุยมะม่วง``, ``เทศบาลเมืองบ้านสวน``), not by
  any place or word span (:func:`head_mask`);
* **time** — "กี่โมง", "เวลาใด" are answered by a clock time (``16.00 น.``); when the
  passages state none, the documents do not answer (:func:`time_mask`);
* **role** — "นายอำเภอ ... ชื่ออะไร", "ใครเป็นประธาน ..." are answered by a person named
  right beside that position (``นางญาณิพัชญ์ ศรีโคตร นายอำเภอบางใหญ่``), not by another
  person of the same passage (:func:`role_mask`).

Each returns a boolean mask over the candidate rows; all False means no constraint
(the question states none, or no candidate fits it).  The masks are combined by
:func:`demanded`: the first that allows any candidate decides.  These are
constraints read from the question's words, not tuned weights.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from bot.answering.bindings import (
    asks_national,
    national_mask,
    other_scope_mask,
    provincial_mask,
    value_bindings,
)
from bot.answering.candidates import CTYPES, MAX_TYPED_CHARS, candidate_unit
from bot.answering.echoed_date import without_whole_dates
from bot.answering.extent import asked_life_event, asks_end, ends_a_range, of_other_life_event
from bot.answering.features import SPAN_FEATURES
from bot.answering.per_unit import asked_unit, stated_per_mask
from bot.answering.posts import moved_to, spell_out
from bot.answering.qualifiers import Qualifier, agreement, qualifiers_of
from bot.answering.question import COUNT_UNITS, KI, QuestionFrame, QuestionInfo
from bot.answering.reading import OFFICIAL_KINDS, SpanRows
from bot.answering.siblings import ranked_item, sibling_mask
from bot.answering.subcounts import sub_count_mask
from indexer.tokenize import word_spans
from knowledge.thai import (
    MONTHS_FULL,
    MONTHS_SHORT,
    THAI_WORD_START,
    normalize_text,
    to_arabic_digits,
)

__all__ = ["CHAIRS", "MANY_HOLDERS", "OFFICES_NAMED", "OFFICIAL_KINDS", "ROLE_CLAUSE", "Demand",
           "answer_type_mask", "asked_rank", "asks_founding", "demanded", "founded_near",
           "head_mask", "holds_post_of_place", "moves_apply", "names_a_post", "number_mask",
           "post_follows", "receiver_mask", "role_mask", "title_mask"]

_COL = {name: i for i, name in enumerate(SPAN_FEATURES)}
_NUMERIC = [_COL[f"ct_{c}"] for c in ("count", "money", "percent", "number", "level")]
_PERSON = CTYPES.index("person")
_PERCENT_UNITS = frozenset({"%", "เปอร์เซ็นต์", "ร้อยละ"})

#: A place noun asked about ("อำเภออะไร") and how documents write a name of that kind.
_HEADS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ห้องประชุม", ("ห้องประชุม",)),
    ("ห้อง", ("ห้องประชุม", "ห้อง")),
    ("หมู่บ้าน", ("บ้าน", "หมู่บ้าน")),
    ("บ้าน", ("บ้าน",)),
    ("อำเภอ", ("อำเภอ", "อ.")),
    ("ตำบล", ("ตำบล", "ต.")),
    ("จังหวัด", ("จังหวัด", "จ.")),
    ("เทศบาลตำบล", ("เทศบาลตำบล", "ทต.")),
    ("เทศบาลเมือง", ("เทศบาลเมือง", "ทม.")),
    ("เทศบาลนคร", ("เทศบาลนคร", "ทน.")),
    ("เทศบาล", ("เทศบาล", "ทต.", "ทม.", "ทน.")),
    ("โรงเรียน", ("โรงเรียน", "ร.ร.")),
    ("วัด", ("วัด",)),
    ("โรงแรม", ("โรงแรม",)),
    ("ศูนย์การค้า", ("ศูนย์การค้า",)),
    ("มหาวิทยาลัย", ("มหาวิทยาลัย", "ม.")),
    ("ถนน", ("ถนน", "ถ.")),
    ("คลอง", ("คลอง",)),
    ("แม่น้ำ", ("แม่น้ำ",)),
    ("เกาะ", ("เกาะ",)),
    # "อุทยานแห่งชาติใด", "which national park": named with its noun ("อุทยานแห่งชาติสิรินาถ").
    ("อุทยานแห่งชาติ", ("อุทยานแห่งชาติ", "อช.")),
    ("สถานี", ("สถานี",)),
    ("ประเทศ", ("ประเทศ",)),
    # A team: "ทีมไหนชนะ" is answered by a team, a club or a country's name.
    ("ทีม", ("ทีม", "สโมสร")),
    # Agencies: "กรมใด", "which department" (rendered กรมใด), "หน่วยงานใด".
    ("กรม", ("กรม",)),
    ("กระทรวง", ("กระทรวง",)),
    ("หน่วยงาน", ("กรม", "กระทรวง", "สำนักงาน", "สำนัก", "องค์การ", "สถาบัน", "กอง", "ศูนย์")),
    # Banks, foundations, associations: "ธนาคารใดรับซื้อ...", written with their noun.
    # (Not companies: "เอเชี่ยน แคปปิตอล แอ๊ดไวเซอร์ส จำกัด", "ไทยเบฟ" answer "บริษัทใด".)
    ("ธนาคาร", ("ธนาคาร",)),
    ("มูลนิธิ", ("มูลนิธิ",)),
    ("สมาคม", ("สมาคม",)),
)
#: A verb's mark before the noun makes it the verb it is spelt like: "CPI ใช้วัดอะไร" asks
#: what is measured (วัด), not which temple.
_VERB_BEFORE = "".join(f"(?<!{w})" for w in ("ใช้", "ใช้ ", "เพื่อ", "ไว้", "สำหรับ", "จะ", "ได้",
                                              "การ", "ที่ใช้"))
_ASKED_HEAD = re.compile(
    _VERB_BEFORE + "(" + "|".join(re.escape(n) for n, _ in _HEADS) + r")\s*(?:ไหน|ใด|อะไร)(?!บ้าง)")

#: Words that follow a place noun without naming a place ("อำเภอที่ร่วม...", "ตำบลละ",
#: "หมู่บ้านเครือข่าย"): function words and the common modifiers of news text.
_NOT_NAMES = frozenset({"ที่", "ซึ่ง", "และ", "ละ", "ใน", "ต่างๆ", "ต่าง", "ทุก", "ทั้ง", "นี้",
                        "นั้น", "ของ", "เป้าหมาย", "นำร่อง", "เครือข่าย", "ต้นแบบ", "ตัวอย่าง",
                        "อื่น", "อื่นๆ", "ใกล้เคียง", "ดังกล่าว", "เดียวกัน", "ต่อ", "จำนวน",
                        "ยั่งยืน", "เข้มแข็ง", "ทั่วประเทศ", "ทั่วไป", "แห่ง", "หนึ่ง",
                        # verbs, auxiliaries and prepositions: "หมู่บ้านให้เป็น..."
                        "ให้", "เป็น", "ได้", "จะ", "มี", "ก็", "ไป", "มา", "กับ", "โดย",
                        "เพื่อ", "จาก", "ด้วย", "ตาม", "แล้ว", "อยู่", "คือ", "หรือ", "ไม่",
                        "ยัง", "ต้อง", "ร่วม", "สู่", "ถึง", "แต่", "เพราะ", "ว่า", "นั้นๆ",
                        "ไหน", "ใด", "อะไร", "เอง", "ด้าน", "ทั้งหมด", "ละแห่ง", "สำหรับ",
                        "เมื่อ", "ตั้งแต่", "ระหว่าง", "เช่น"})

#: Words that, written right after a name's noun, make a common compound of that noun and
#: no name of its kind: a waste bank ("ธนาคารขยะ"), a groundwater bank ("ธนาคารน้ำใต้ดิน"),
#: a food bank is a community project, not a bank; "บริษัทจำลอง" is a school's mock
#: company; "วัดผล" is a verb ("to measure"); "จังหวัดชายแดน" a kind of province.  Each
#: is the start of the text after the noun ("ธนาคาร" + "น้ำ..." covers "น้ำใต้ดิน").
#: Verbs a bank or a company written as a common noun is the subject of ("ธนาคารรับซื้อ
#: ทั้งหมด 3,140 ตัน": the bank buys): no name of one starts with them.
_SUBJECT_VERBS = ("รับ", "ให้", "ปล่อย", "ซื้อ", "ขาย", "จ่าย", "ได้", "จะ", "มี", "เป็น",
                  "ดำเนิน", "เปิด", "ร่วม", "ลง", "สนับสนุน", "คิด", "เรียก", "อนุมัติ")
_COMPOUNDS: dict[str, tuple[str, ...]] = {
    "ธนาคาร": ("ขยะ", "น้ำ", "อาหาร", "ปู", "ปลา", "หอย", "ต้นไม้", "กล้า", "ไม้", "เวลา",
               "เมล็ด", "พันธุ์", "โค", "กระบือ", "ควาย", "แพะ", "สัตว์", "ข้าว", "เลือด",
               "นม", "ความ", "สมอง", "ปุ๋ย", "ผ้า", "หนังสือ", "ของเล่น", "ไข่", "หมู่บ้าน",
               "ชุมชน", "ยา", "อวัยวะ", "ดวงตา", "หญ้า", "ปะการัง", "ใบไม้", "ขวด", "บุญ",
               "แรงงาน", "จิตอาสา", "คาร์บอน", "พาณิชย์", "รัฐ", "ของรัฐ", "เอกชน",
               "ต่างประเทศ", "ต่างชาติ", "ท้องถิ่น", "แห่งหนึ่ง", *_SUBJECT_VERBS),
    "บริษัท": ("จำลอง", "ลูก", "แม่", "เอกชน", "ต่างชาติ", "ต่างประเทศ", "นำเที่ยว", "ทัวร์",
               "ประกัน", "รับเหมา", "ผู้รับเหมา", "คู่สัญญา", "จดทะเบียน", "มหาชน", "ร่วมทุน",
               "ในเครือ", "ชั้นนำ", "ที่ปรึกษา", "ขนาด", "ห้างร้าน", *_SUBJECT_VERBS),
    "วัด": ("ผล", "ความ", "ค่า", "ระดับ", "ปริมาณ", "วา", "ร้าง", "ใกล้", "ประจำ", "ได้",
            "ขนาด", "อุณหภูมิ", "ตัว"),
    "จังหวัด": ("ชายแดน", "เคลื่อนที่", "ปริมณฑล", "รอง", "เมืองรอง", "หลัก", "ขนาด",
                "ท่องเที่ยว", "ข้างเคียง", "ต้นทาง", "ปลายทาง"),
    "กระทรวง": ("เจ้าภาพ", "หลัก", "ต้นสังกัด"),
    "โรงเรียน": ("เอกชน", "รัฐ", "ขยายโอกาส", "คุณภาพ", "ขนาด", "ประจำ", "ต้นแบบ", "ปลายทาง",
                 "ต้นทาง", "ในสังกัด", "สังกัด"),
    "โรงแรม": ("ขนาด", "ระดับ", "สีเขียว", "ที่พัก"),
    "มูลนิธิ": ("เอกชน",),
    "สมาคม": ("วิชาชีพ",),
}


def common_compound(head: str, name: str) -> bool:
    """Whether ``head`` + ``name`` is a common compound of the noun, not a name of its kind.

    ``head`` is the noun as written ("ธนาคาร"), ``name`` the text after it
    ("ขยะ (Recycle Waste Bank)" → True; "กสิกรไทย" → False).
    """
    return name.startswith(_COMPOUNDS.get(head, ()))


#: Positions a question may name its person by ("นายอำเภอ ... ชื่ออะไร", "ใครเป็นประธาน").
_ROLES = ("ผู้ว่าราชการจังหวัด", "ผู้ว่าฯ", "ผู้ว่า", "รองผู้ว่าราชการจังหวัด", "นายอำเภอ",
          "ปลัดจังหวัด", "ปลัดอำเภอ", "ปลัดกระทรวง", "รองปลัดกระทรวง", "ปลัดสำนักนายกรัฐมนตรี",
          "รองปลัดสำนักนายกรัฐมนตรี", "ปลัดกรุงเทพมหานคร", "รองปลัดกรุงเทพมหานคร", "ปลัด",
          "ประธาน", "รัฐมนตรี",
          "อธิบดี", "รองอธิบดี", "ผู้อำนวยการ", "นายกเทศมนตรี", "นายกองค์การบริหารส่วน",
          "นายก", "เลขาธิการ", "โฆษก", "กำนัน", "ผู้ใหญ่บ้าน", "ท้องถิ่นจังหวัด",
          "พัฒนาการจังหวัด", "พัฒนาการอำเภอ", "หัวหน้า", "ผู้บัญชาการ",
          # Posts of experts, advisers and representatives, named as the others are
          # ("นางประเสริฐสุข เพฑูรย์สิทธิชัย ผู้ทรงคุณวุฒิด้านการเปลี่ยนแปลงสภาพภูมิอากาศ").
          "ผู้ทรงคุณวุฒิ", "ที่ปรึกษา", "ผู้ช่วยรัฐมนตรี", "ผู้ช่วยปลัดกระทรวง", "ผู้ตรวจราชการ",
          "ผู้แทน", "ผู้จัดการ", "กรรมการผู้จัดการ", "ผู้บริหาร", "เอกอัครราชทูต",
          "อธิการบดี", "คณบดี", "ผู้บังคับการ", "ผู้กำกับการ", "นายกสมาคม", "อุปนายก",
          # Posts that open with a title's word (bot.answering.candidates: no title there).
          "นายแพทย์สาธารณสุขจังหวัด", "นายแพทย์ใหญ่")
#: Posts held by several at a time: deputies, assistants, advisers, representatives.
MANY_HOLDERS = ("รอง", "ผู้ช่วย", "ที่ปรึกษา", "ผู้ทรงคุณวุฒิ", "ผู้แทน", "ผู้ตรวจราชการ",
                "ผู้บริหาร", "กรรมการ", "โฆษก")
#: Posts that name their organisation, with one holder at a time (deputies are many).
OFFICES_NAMED = frozenset({"ปลัดสำนักนายกรัฐมนตรี", "ปลัดกรุงเทพมหานคร"})
#: Offices whose head is named by the office and the unit it serves: "พาณิชย์จังหวัดชัยนาท",
#: "เกษตรอำเภอบางใหญ่" (a person, as "ผู้ว่าราชการจังหวัดชัยนาท" is).
_UNIT_OFFICES = ("พาณิชย์", "เกษตร", "สาธารณสุข", "ประชาสัมพันธ์", "คลัง", "แรงงาน", "อุตสาหกรรม",
                 "วัฒนธรรม", "ปศุสัตว์", "ประมง", "สหกรณ์", "ศึกษาธิการ", "โยธาธิการและผังเมือง",
                 "ทรัพยากรธรรมชาติและสิ่งแวดล้อม", "พัฒนาสังคมและความมั่นคงของมนุษย์",
                 "ท่องเที่ยวและกีฬา", "พลังงาน", "ยุติธรรม", "สถิติ", "ขนส่ง", "ที่ดิน", "อัยการ",
                 "ป้องกันและบรรเทาสาธารณภัย", "ท้องถิ่น", "พัฒนาการ", "ปลัด", "สรรพากร")
_ROLES_ALL = (*_ROLES, *(f"{o}{u}" for o in _UNIT_OFFICES for u in ("จังหวัด", "อำเภอ")))
_ROLE = re.compile("|".join(re.escape(r) for r in sorted(set(_ROLES_ALL), key=len, reverse=True)))
#: A question for a clock time.
#: Where an event is held is asked: a verb of holding, then "ที่ไหน"/"ที่ใด"/"ณ ที่ใด".
# Also an event named, then its date or name, then "ที่ไหน" at the end ("ประชุมวันที่ 27
# มี.ค. 66 ที่ไหน", "งาน Sustainability Expo ที่ไหน"), and "where" with an event in English.
_EVENTS = r"จัด|ประชุม|ปาฐกถา|พิธี|แถลงข่าว|สัมมนา|อบรม|งาน|ประกวด|แข่งขัน"
#: Events in English ("When was the meeting held?", "Where was the expo?").
_EVENTS_EN = r"meeting|forum|conference|expo|ceremony|summit|seminar|workshop|event|fair|festival"
_ASKS_VENUE = re.compile(
    rf"(?:{_EVENTS})\S{{0,12}}\s*(?:ขึ้น\s*)?(?:ที่|ณ)\s*(?:ไหน|ใด|ที่ใด|ที่ไหน)|"
    # A named kind of venue: "จัดที่วัดไหน", "ประชุมที่โรงแรมใด".
    rf"(?:{_EVENTS})\S{{0,12}}\s*(?:ขึ้น\s*)?(?:ที่|ณ)\s*(?:{'|'.join(n for n, _ in _HEADS)})"
    r"\s*(?:ไหน|ใด)|"
    rf"(?:{_EVENTS}).{{0,80}}?(?:ที่|ณ)\s*(?:ไหน|ใด|ที่ใด|ที่ไหน)\s*(?:ครับ|คะ|ค่ะ)?\s*\??\s*$|"
    r"held where|where (?:was|is|will) .* held|"
    rf"\bwhere\b.*\b(?:{_EVENTS_EN})s?\b",
    re.I)
# "จัดเวลาเท่าไร" asks the clock time too; "ใช้เวลาเท่าไร", "ระยะเวลาเท่าไร" ask how long.
_ASKS_TIME = re.compile(rf"{KI}โมง|{KI}นาฬิกา|เวลา\s*(?:{KI}|ใด|อะไร|ไหน)|"
                        r"(?<!ใช้)(?<!ระยะ)(?<!กรอบ)(?<!ใช้ )เวลา\s*เท่า(?:ไร|ไหร่|ใด)|"
                        r"\bwhat time\b", re.I)
#: A clock time as Thai documents write it: "16.00 น.", "09:30", "14.30 นาฬิกา".
# A bare "9.18" is as often a section number as a time: a time is marked by "เวลา" before
# it, "น."/"นาฬิกา" after it, or written with a colon.
_HHMM = r"(?:[01]?\d|2[0-3])[.:][0-5]\d"
_CLOCK = re.compile(rf"เวลา\s*{_HHMM}(?:\s*(?:น\.|นาฬิกา))?|{_HHMM}\s*(?:น\.|นาฬิกา)|"
                    r"(?:[01]?\d|2[0-3]):[0-5]\d")

#: Words that end a post named in a question ("ผู้ว่าราชการจังหวัดระนองคนปัจจุบัน").
#: Positions named by an event rather than an organisation ("ประธานการประชุม...").
CHAIRS = frozenset({"ประธาน", "โฆษก"})
_POST_END = frozenset({"คน", "ปัจจุบัน", "เมื่อ", "ปี", "ปีงบประมาณ", "ช่วง", "ตอน", "ได้", "จะ",
                       "มี", "ซึ่ง", "ผู้", "ท่าน",
                       "นำ", "ร่วม", "เปิด", "กล่าว", "เดินทาง", "ลง", "ครับ", "คะ", "ค่ะ"})
_WH = frozenset({"ชื่อ", "คือ", "เป็น", "ได้แก่", "ใคร", "อะไร", "ว่า"})
#: How far after a person and their position "เป็น<position>" may follow.
ROLE_CLAUSE = 80
#: A person's title starting a word: another person stands between.
_OTHER_PERSON = re.compile(r"\s(?:นาย|นาง|ดร\.)(?!ก|อำเภอ)")
#: How far from a person's name its position may stand (a space, "ฯ", a comma).
ROLE_GAP = 3


#: The governor's post written in full.
GOVERNOR = "ผู้ว่าราชการจังหวัด"
#: The governor's post as a question may write it (spelled out first: :func:`spell_out`).
GOVERNOR_FORMS = "ผู้ว่าราชการจังหวัด|ผู้ว่าราชการ|ผู้ว่า(?!การ)"


@dataclass(frozen=True)
class Demand:
    """What a question's words demand of its answer (see the module docstring)."""

    info: QuestionInfo
    #: The place noun asked about ("อำเภอ") and the name starts that write it ("อำเภอ",
    #: "อ."), longest first.
    noun: str = ""
    heads: tuple[str, ...] = ()
    #: The position the asked person holds ("ประธาน"), and with the word that follows it
    #: in the question ("ประธานการประชุม").
    role: str | None = None
    phrase: str = ""
    #: The question's words (a candidate made only of them echoes the question).
    words: frozenset[str] = frozenset()
    #: The question as read (normalised, Arabic digits, lower case).
    text: str = ""
    #: The question asks for a clock time.
    time: bool = False
    #: The question asks where something is held ("จัดที่ไหน", "ประชุมที่ใด").
    venue: bool = False
    #: The year, round, phase or quarter the question names (:mod:`bot.answering.qualifiers`).
    qualifiers: tuple[Qualifier, ...] = ()
    #: The verb whose receiver is asked ("มอบหมายใคร", "ส่งมอบให้ใคร"): "มอบหมาย", "ส่งมอบ".
    receiver: str = ""
    #: The country other than Thailand whose post is asked ("นายกรัฐมนตรีคนปัจจุบันของ
    #: แคนาดาคือใคร" → "แคนาดา"): the holder is the one the text names with that country.
    country: str = ""
    #: Figures this question's passages state as a total or another part than the one it
    #: names (:func:`bot.answering.parts.other_part_mask`), gathered as passages are read:
    #: the same figure read later, in another release that states it alone, is no answer.
    other_figures: set[str] = field(default_factory=set, compare=False)
    #: Names the question writes in Latin capitals ("UNDP", "MOI-UN", "COP28"), folded.
    names: tuple[str, ...] = ()
    #: The organisation the question names right after the post ("กรรมการผู้จัดการ EXIM
    #: BANK คือใคร" → "exim bank"): the holder is the one the text names with it.
    org: str = ""
    #: The place the question binds its post to ("นายกเทศมนตรี นครราชสีมา", "ผู้ว่าฯ
    #: โตเกียว" → "นครราชสีมา", "โตเกียว"; :data:`PLACE_POSTS`): the holder is the one
    #: the text names with that post of that place, never of another.
    place: str = ""
    #: An English question as asked (lower case): its words a rendering drops ("by how
    #: much ... grow", "how many more", "by e-payment") bind a change or a share.
    original: str = ""
    #: An English question asks for a woman holding the post ("Who was the deputy
    #: government spokeswoman …"; :func:`asks_a_woman`): a man's name does not answer it.
    woman: bool = False
    #: An English question asks for dates, in the plural ("On which dates did …"; :func:
    #: `asks_dates`): a range of dates answers it before a single day.
    dates: bool = False
    #: The names of the day whose date is asked ("วันท้องถิ่นไทยตรงกับวันที่เท่าไร";
    #: :func:`bot.answering.named_day.named_days`): a date answers only written near one
    #: of them; ``()``: the day cannot be bound (none answers); None: no such question.
    days: tuple[str, ...] | None = None
    #: The question asks when something was founded or became what it is
    #: (:func:`asks_founding`): a date answers only written with a founding word.
    founding: bool = False
    #: The rank whose holder is asked ("มากเป็นอันดับสาม", "ranked third": :func:`asked_rank`).
    rank: int | None = None


#: The point before a year written right after a word: "...ชุมชน|ปี 66", "...|พ.ศ. 2567".
_GLUED_YEAR = re.compile(r"(?<=[^\s\d])(?=(?:ปี|พ\.ศ\.)\s*(?:พ\.ศ\.\s*)?\d{2,4}(?!\d))")


@lru_cache(maxsize=256)
def _demand(question: str, info: QuestionInfo, words: frozenset[str]) -> Demand:
    text = to_arabic_digits(normalize_text(question))
    # Posts are compared written in full: "ใครเป็น ผวจ.ชัยนาท" asks for the person beside
    # "ผู้ว่าราชการจังหวัดชัยนาท" as much as beside "ผวจ.ชัยนาท" (bot.answering.posts).
    # A year glued to the post ("อธิบดีกรมพัฒนาชุมชนปี 66") is no part of it: the
    # segmenter would read "ชุม|ชนปี".
    posts = _GLUED_YEAR.sub(" ", spell_out(text))
    heads: tuple[str, ...] = ()
    noun = ""
    role = None
    phrase = ""
    country = ""
    place = ""
    if info.qtype in ("place", "title", "what"):
        m = _ASKED_HEAD.search(text)
        if m:
            noun = m.group(1)
            heads = tuple(sorted(dict(_HEADS)[noun], key=len, reverse=True))
    receiver = _receiver_verb(text) if info.qtype == "person" else ""
    if info.qtype in ("person", "title") and not receiver:
        # (A receiver asked of a post's holder, "ผู้ว่าฯ มอบหมายใคร", is not the holder.)
        r = _ROLE.search(posts)
        if r and r.group(0) == "ปลัด" and not posts.startswith(_POST_ORGS, r.end() + 1):
            # "ปลัด" alone is a post only of the local government named after it
            # ("ปลัด อบต.โก่งธนู").
            r = None
        if r and not _asks_for_role(posts, r, person=info.qtype == "person"):
            r = None
        if r:
            role = r.group(0)
            if posts[max(0, r.start() - 3):r.start()] == "รอง" and not role.startswith("รอง"):
                # "รองนายกรัฐมนตรี": the deputy is asked, not the prime minister.
                role = "รอง" + role
            if role.startswith("ผู้ว่า"):
                role = "ผู้ว่า"
            # The position as the question writes it: "ประธาน" + "การประชุม",
            # "อธิบดี" + "กรมการปกครอง" (up to a question or function word).  A
            # governor ("ผู้ว่าฯ ระนอง", "ผวจ.ระนอง") is narrowed to the province as
            # spelled out: "ผู้ว่าราชการจังหวัดระนอง".
            if role != "ผู้ว่า":
                phrase = role + _post_words(posts[r.end():])
                country = post_country(posts[r.end() + len(phrase) - len(role):])
                if phrase == role and role in PLACE_POSTS:
                    # "นายกเทศมนตรี นครราชสีมา", "นายอำเภอ แม่สาย": the place after a space.
                    place = _place_after(posts[r.end():], role)
                    phrase = role + place
                elif role.startswith(PLACE_POSTS) and phrase != role:
                    place = phrase[len(next(p for p in PLACE_POSTS if role.startswith(p))):]
            else:
                # "ผู้ว่าฯ ระนอง", "ผวจ.ระนอง", an English "ผู้ว่าราชการจังหวัด ผู้ว่าฯ โตเกียว":
                # narrowed to the province as spelled out ("ผู้ว่าราชการจังหวัดระนอง"), or to
                # the place named, of Thailand or not.  A bare "ผู้ว่า" only to a province
                # ("ผู้ว่าการ กกท." is another post).
                after = _past_post(posts[r.end():])
                province = max((n for n in _bare_names().get("จังหวัด", ()) if after.startswith(n)),
                               key=len, default="")
                place = province or (_place_after(after, GOVERNOR)
                                     if r.group(0) == GOVERNOR else "")
                phrase = GOVERNOR + place if place else ""
    return Demand(info=info, noun=noun, heads=heads, role=role, phrase=phrase or role or "",
                  words=words, text=text.casefold(), time=bool(_ASKS_TIME.search(text)),
                  venue=bool(_ASKS_VENUE.search(text)),
                  # A date question's premise day sets no year on the date asked.
                  qualifiers=qualifiers_of(without_whole_dates(text) if info.qtype == "date"
                                           else text),
                  receiver=receiver, country=country, names=latin_names(question),
                  org=named_org(posts[r.end() + len(phrase) - len(role):]) if (
                      role is not None and r is not None and role != "ผู้ว่า") else "",
                  place=place)


#: Posts held over one named place, which the question writes after the post: a district's
#: chief, a municipality's mayor, a provincial or district administration's head or clerk
#: (the governor is read apart: :func:`_demand`).
PLACE_POSTS = ("นายอำเภอ", "ปลัดจังหวัด", "ปลัดอำเภอ", "นายกเทศมนตรี", "นายกองค์การบริหารส่วน")
#: What may stand between a post and its place in a question: a repeated form of the post
#: (an English question rendered "ผู้ว่าราชการจังหวัด ผู้ว่าฯ โตเกียว"), "ของ", "แห่ง", "ฯ".
_POST_TO_PLACE = re.compile(
    rf"(?:\s|ฯ|ของ|แห่ง|ประจำ|{GOVERNOR_FORMS}|นายอำเภอ|นายกเทศมนตรี)*")


def _past_post(after: str) -> str:
    """``after`` (a question after its post) past what stands before the post's place."""
    return after[_POST_TO_PLACE.match(after).end():]  # type: ignore[union-attr]


def _place_after(after: str, post: str) -> str:
    """The place the question's words after ``post`` name, or "".

    "ผู้ว่าราชการจังหวัด ผู้ว่าราชการจังหวัดโตเกียว tokyo" → "โตเกียว"; "นายอำเภอ แม่สาย
    อำเภอแม่สาย" → "แม่สาย"; "คนปัจจุบันคือใคร" → "" (a question word, no place).  A
    district or province written with its noun is read without it ("อำเภอแม่สาย").
    """
    rest = _past_post(after)
    for noun in ("อำเภอ", "จังหวัด", "เทศบาล"):
        if rest.startswith(noun) and post.endswith(("นายกเทศมนตรี", "นายอำเภอ", GOVERNOR)):
            rest = rest[len(noun):]
    words = _post_words(rest, limit=4)
    if not words:
        m = re.match(r"[A-Za-z][A-Za-z\-]*(?:\s[A-Z][A-Za-z\-]*)*", rest)
        words = m.group(0).casefold() if m else ""
    return words if len(words) >= 2 else ""


#: What may stand between a post and the country it is of, in a question or a text:
#: "นายกรัฐมนตรี(คนปัจจุบัน)ของแคนาดา", "รัฐมนตรีต่างประเทศแห่งประเทศญี่ปุ่น".
_OF_COUNTRY = re.compile(r"\s*(?:คน(?:ปัจจุบัน|ใหม่|แรก|ล่าสุด)\s*)?(?:ของ|แห่ง)?\s*(?:ประเทศ)?\s*")


def post_country(after: str) -> str:
    """The country other than Thailand a post is of, from the question's words after it.

    ``after``: the question after the post's words ("คนปัจจุบันของแคนาดาคือใคร" →
    "แคนาดา"); "" when they name no country (names from PyThaiNLP's country list).
    """
    m = _OF_COUNTRY.match(after)
    rest = after[m.end():] if m else after
    names = _bare_names().get("ประเทศ", frozenset())
    name = max((n for n in names if rest.startswith(n)), key=len, default="")
    return "" if name in ("ไทย", "ประเทศไทย") else name


def _country_variants(post: str, country: str) -> tuple[str, ...]:
    """The ways a text writes ``post`` of ``country`` ("นายกรัฐมนตรีแคนาดา", "...ของแคนาดา")."""
    return tuple(f"{post}{joint}{country}" for joint in
                 ("", "ของ", "แห่ง", "ประเทศ", "ของประเทศ", "แห่งประเทศ"))


#: Verbs whose receiver a question asks for: "มอบหมายใคร", "ส่งมอบให้ใคร", "มอบรางวัลแก่ใคร".
_RECEIVER_VERBS = ("มอบหมาย", "ส่งมอบ", "มอบ")
_ASKS_RECEIVER = re.compile(
    "(?P<verb>" + "|".join(_RECEIVER_VERBS) + r")\S{0,30}?(?:ให้แก่|ให้|แก่)?\s*ใคร")


def _receiver_verb(text: str) -> str:
    """The verb whose receiver ``text`` asks for ("ผวจ. มอบหมายใครเปิดงาน" → "มอบหมาย")."""
    m = _ASKS_RECEIVER.search(text)
    return m.group("verb") if m else ""


#: How far after the verb its receiver may be named ("ส่งมอบบ้าน ... ให้แก่ นาง...").
RECEIVER_REACH = 60


def receiver_mask(rows: SpanRows, demand: Demand) -> npt.NDArray[np.bool_]:
    """Person candidates named as the receiver of the question's verb.

    "ผวจ.อุบลฯ มอบหมายใครเปิดกิจกรรม" is answered by the person after "มอบหมายให้"
    ("โดยตนมอบหมายให้ นางทรงลักษณ์ วรภัย รองผู้ว่าราชการจังหวัด..."), not by the
    governor who delegated; "ส่งมอบ(บ้าน)ให้ใคร" by the person after "ส่งมอบ ... ให้แก่".
    The verb within :data:`RECEIVER_REACH` characters before the person, then "ให้",
    "แก่" or "ให้แก่" right before the name, and no other person between.
    """
    out = np.zeros(len(rows.x), dtype=bool)
    if not demand.receiver:
        return out
    pattern = re.compile(rf"{demand.receiver}[^\n]{{0,{RECEIVER_REACH}}}?(?:ให้แก่|ให้|แก่)\s?$"
                         if demand.receiver != "มอบหมาย" else
                         r"มอบหมาย(?:ให้)?\s?$")
    for k, c in enumerate(rows.cands):
        sel = np.flatnonzero(rows.owner == k)
        for r in sel[c.ctype[rows.index[sel]] == _PERSON].tolist():
            a = int(c.start[rows.index[r]])
            before = c.text[max(0, a - RECEIVER_REACH - 10):a]
            m = pattern.search(before)
            out[r] = m is not None and not _OTHER_PERSON.search(before, m.start())
    return out


#: A time named between a post and "คือใคร" ("เมื่อ มิ.ย. 2568", "ในปี 2567", "ตอนนี้").
_WHEN = re.compile(r"\s*(?:เมื่อ|ใน|ตอน|ช่วง|ปี|ณ|ประจำ)\S*(?:\s+\S+){0,3}?\s*"
                   r"(?:คือ|เป็น)\s*ใคร")


#: The clause that describes a post's holder by what they did, right after the post and
#: the place or unit written with it ("... เขตสุขภาพที่ 6 ที่ร่วมพิสูจน์สิทธิ์ ..."): "ที่"
#: or "ซึ่ง" before a word, not a number ("ที่ 6" numbers a unit), within
#: :data:`HOLDER_CLAUSE_AT` characters of the post's words.
HOLDER_CLAUSE_AT = 40
_HOLDER_DESCRIBED = re.compile(rf"(?:[^?]{{0,{HOLDER_CLAUSE_AT}}}?[\s)])?(?:ที่|ซึ่ง)(?!\s*\d)")
#: "who" as the object of a verb or a preposition: whom the post's holder met or gave to.
_WHO_AS_OBJECT = re.compile(r"(?:ของ|กับ|ให้|จาก|แก่|ต่อ|ถึง|พบ|ต้อนรับ|เยี่ยม|มอบ)\s*ใคร")
#: "who" closing the question: "... คือใคร", "... เป็นใคร" (not "ของใคร", "ให้ใคร").
_ASKS_WHO_AT_END = re.compile(r"(?:คือ|เป็น)\s*ใคร\s*(?:ครับ|คะ|ค่ะ)?\s*[?？]?\s*$")


def _asks_for_role(text: str, role: re.Match[str], *, person: bool = True) -> bool:
    """Whether the position found in the question is the person asked for.

    "ใครเป็นประธาน...", "นายอำเภอ...คือใคร", "นายอำเภอ...ชื่ออะไร" ask for the holder;
    in "ผู้ว่าฯ ระนองเปิดโครงการ ... ที่แปลงของใคร" the governor is the subject and
    the person asked for is someone else.  A name asked of what is not a person
    (``person`` False: "สนามเด็กเล่น ... ที่ปลัด มท. เปิด ... ใช้ชื่อว่าอะไร") is the
    thing's, unless the post opens the question ("พัฒนาการจังหวัดชัยนาทชื่ออะไร").
    """
    before = text[:role.start()]
    after = text[role.end():]
    if re.search(r"ใคร\s*(?:เป็น|คือ|ดำรงตำแหน่ง)?\s*(?:รอง)?$", before):
        # ("ใครเป็นรองนายกรัฐมนตรี": the deputy's post is read as "รอง" + the post.)
        return True
    # "นายอำเภอบางใหญ่คือใคร", "ปลัด อบต.โก่งธนู คือใคร": the post's words, then "who".
    rest = after[len(_post_words(after)):]
    if re.match(r"\s*(?:คน(?:ปัจจุบัน|ใหม่|แรก|ล่าสุด)?\s*)?(?:ตอนนี้|ขณะนี้|ปัจจุบัน|ล่าสุด)?"
                r"\s*(?:คือ|เป็น)?\s*ใคร", rest):
        return True
    # "ปลัดกระทรวงมหาดไทยเมื่อ มิ.ย. 2568 คือใคร": the post, when, then "who".
    if _WHEN.match(rest):
        return True
    if re.match(r"\S*\s*(?:คน(?:ปัจจุบัน|ใหม่|แรก)?\s*)?(?:คือ|เป็น)?\s*ใคร", after) and not \
            _WHO_AS_OBJECT.search(after):
        # (Not "ผู้ว่าราชการจังหวัดน่านที่เปิดงานพบกับใคร": whom the holder met.)
        return True
    # "กรรมการผู้จัดการ EXIM BANK คือใคร": the post, the organisation, then "who".
    org = named_org(rest)
    if org and re.match(r"[^?]{0,30}?(?:คือ|เป็น)?\s*ใคร",
                        rest[rest.casefold().find(org) + len(org):]):
        return True
    opens = not re.search(r"[^\W\d_]", text[:role.start()])
    if opens and _HOLDER_DESCRIBED.match(rest) and _ASKS_WHO_AT_END.search(after):
        # "ผู้ว่าราชการจังหวัดน่านที่เปิดกิจกรรม ... เดือนกรกฎาคม 2566 คือใคร": the post
        # opens the question, a clause says what its holder did, and "who" closes it.
        return True
    asks_name = re.search(r"ชื่อ(?:-?นามสกุล)?(?:จริง)?(?:ว่า)?\s*(?:อะไร|ใด)", after)
    return (person or opens) and bool(asks_name) and (
        not re.search(r"(?:ของ|กับ|ให้|จาก)\s*ใคร", after))


_EVENT_WORD = re.compile(_EVENTS)
_EVENT_WORD_EN = re.compile(rf"\b(?:{_EVENTS_EN}|held|press conference)s?\b", re.I)


def asks_event_detail(demand: Demand) -> bool:
    """Whether the question asks where, at what time or on what date an event took place.

    ("การประชุมคณะกรรมการ ... จัดที่ไหน", "... เริ่มกี่โมง", "... จัดเมื่อไร", "When was
    the meeting held?"): a release states those in its opening sentence.
    """
    if demand.venue or demand.time:
        return True
    return demand.info.qtype == "date" and bool(
        _EVENT_WORD.search(demand.text) or _EVENT_WORD_EN.search(demand.text))


def demand_of(question: str, info: QuestionInfo, frame: QuestionFrame) -> Demand:
    """The constraints ``question`` (Thai form) states; cached per question."""
    return _demand(question, info, frame.words)


def answer_type_mask(x: npt.NDArray[np.float32], info: QuestionInfo,
                     official: npt.NDArray[np.bool_] | None = None) -> npt.NDArray[np.bool_]:
    """Candidates of the kind a count or date question demands (the answer-type constraint).

    "กี่จังหวัด" is answered by a number of จังหวัด and "เมื่อไร" by a date: when such
    candidates are among those scored, only they may lead.  The model learns type
    preferences from Wikipedia questions, where counts are few; on the seed questions it
    put a list of provinces before "15 จังหวัด".  All False (no constraint) for other
    questions or when no candidate fits.

    ``official``: per row of ``x``, whether its passage is of a release, report or
    update (:data:`OFFICIAL_KINDS`; None: all are).  "เมื่อไร" prefers a date with its
    day and month to a bare year only there: a release dates its event to the day, and
    a bare year beside it names an agenda or a plan ("ค.ศ. 2030"); other text dates a
    founding or a reign by its year alone ("ก่อตั้งเมื่อปี ค.ศ. 2008"), and its bare
    years stay beside the precise dates for the model to choose from (a month and year,
    "เดือนพฤศจิกายน ค.ศ. 2007", still gives way to the day).
    """
    if info.qtype == "count":
        if info.unit and set(info.unit.split("|")) & _PERCENT_UNITS:
            # "กี่เปอร์เซ็นต์" is answered by "ร้อยละ 40" or "40%" alike.
            return np.asarray(x[:, _COL["ct_percent"]] > 0, dtype=bool)
        if info.unit == "ระดับ":
            # "ระดับเท่าไร" asks for a level ("ระดับ 5"), not any number.
            return np.asarray(x[:, _COL["ct_level"]] > 0, dtype=bool)
        if info.unit:
            return x[:, _COL["unit_match"]] > 0
        return np.asarray((x[:, _NUMERIC] > 0).any(axis=1), dtype=bool)
    if info.qtype == "date":
        dates = x[:, _COL["ct_date"]] > 0
        # "เมื่อไร" asks for a day: a date with its day and month, when there is one,
        # before a bare year ("ค.ศ. 2030" of an agenda's name); "ปีใด" asks for a year.
        precise = dates & (x[:, _COL["date_dm"]] > 0) & (x[:, _COL["q_year"]] == 0)
        if not precise.any():
            return np.asarray(dates, dtype=bool)
        if official is not None:
            precise = precise | (dates & (x[:, _COL["date_year_only"]] > 0) & ~official)
        return np.asarray(precise, dtype=bool)
    return np.zeros(len(x), dtype=bool)


@lru_cache(maxsize=1)
def _bare_names() -> dict[str, frozenset[str]]:
    """Names written without their noun: countries ("ญี่ปุ่น") and provinces ("ลำพูน")."""
    try:
        from pythainlp.corpus import countries, provinces
    except ImportError:  # pragma: no cover - PyThaiNLP is a dependency
        return {}
    return {"ประเทศ": frozenset(n for n in countries() if isinstance(n, str)),
            "จังหวัด": frozenset(n for n in provinces() if isinstance(n, str))}


#: Heads whose name is a province's ("จังหวัดศรีสะเกษ", "จ.ศรีสะเกษ"): nothing else follows them.
_PROVINCE_HEADS = frozenset({"จังหวัด", "จ."})


#: Nouns whose names may hold function words ("กระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม").
_AGENCY_NOUNS = frozenset({"กรม", "กระทรวง", "หน่วยงาน"})


#: Words that join clauses: a place or team name holds none ("ชาติไทยสำหรับรอบ").
_CLAUSE_WORDS = frozenset({"สำหรับ", "เพื่อ", "โดย", "ซึ่ง", "และ", "กับ", "ให้", "ได้", "จะ",
                           "เมื่อ", "จาก", "ตั้งแต่", "ระหว่าง", "เช่น", "ว่า", "แต่", "เพราะ",
                           "ต้อง", "แล้ว", "คือ", "หรือ", "เป็น"})


def _has_function_word(name: str) -> bool:
    """Whether a place or team name runs on into a clause ("ชาติไทยสำหรับรอบ")."""
    return any(name[a:b] in _CLAUSE_WORDS for a, b in word_spans(name))


def _first_word(text: str) -> str:
    spans = word_spans(text[:30])
    return text[spans[0][0]:spans[0][1]] if spans else ""


def _name_starts(text: str, heads: tuple[str, ...], bare: frozenset[str]) -> list[int]:
    """Offsets where one of ``heads`` or ``bare`` begins, and of a "ณ" just before one."""
    out: list[int] = []
    for word in (*heads, *bare):
        at = text.find(word)
        while at != -1:
            out.extend((at, at - 1, at - 2))  # "ณอำเภอ", "ณ อำเภอ"
            at = text.find(word, at + 1)
    return out


_LATIN_NAME = re.compile(r"\s[A-Z0-9]")
#: Nouns whose names are never a number ("จังหวัด 5 ลำดับแรก" names no province).
_NEVER_NUMBERED = frozenset({"จังหวัด", "อำเภอ", "ตำบล", "ประเทศ"})
#: Words that need the number after them ("ชั้น 2", "หมู่ที่ 5"): a name ending in one,
#: where that number follows, is cut short.
_NEEDS_NUMBER = re.compile(r"(?:ชั้น|หมู่ที่|หมู่|เลขที่|ซอย|ห้อง|ที่)$")
_NUMBER_NEXT = re.compile(r"\s?\d")


def _cut_before_number(text: str, end: int) -> bool:
    """Whether the span ending at ``end`` stops between such a word and its number."""
    return bool(_NEEDS_NUMBER.search(text, max(0, end - 8), end)
                and _NUMBER_NEXT.match(text, end))


def head_mask(rows: SpanRows, demand: Demand) -> npt.NDArray[np.bool_]:
    """Candidates that are a name of the asked kind: they start with the asked noun.

    A candidate "อำเภอทุ่งสง" (or "ณ อำเภอทุ่งสง") fits "อำเภออะไร"; the noun alone, or
    followed by a word that names nothing ("อำเภอที่...", "หมู่บ้านเครือข่าย"), does
    not.  Countries and provinces are often written without their noun ("ญี่ปุ่น"):
    their bare names fit "ประเทศอะไร" and "จังหวัดใด" (not "ทีมใด": a country named in
    a passage that happens to hold the question's words is no team).
    A name the question itself writes is not its answer.
    """
    out = np.zeros(len(rows.x), dtype=bool)
    if not demand.heads:
        return out
    bare = _bare_names().get(demand.noun, frozenset())
    for k, c in enumerate(rows.cands):
        sel = np.flatnonzero(rows.owner == k)
        if not len(sel):
            continue
        starts = c.start[rows.index[sel]]
        # Only candidates starting where a head or a bare name is written (or at the
        # "ณ" before one) are read one by one.
        keep = np.isin(starts, _name_starts(c.text, demand.heads, bare))
        sel, starts = sel[keep], starts[keep]
        ends = c.end[rows.index[sel]]
        official = rows.passages[k].hit.kind in OFFICIAL_KINDS
        for j, (a, b) in enumerate(zip(starts.tolist(), ends.tolist(), strict=True)):
            span = c.text[a:b]
            if span.startswith("ณ"):
                span = span[1:].lstrip()
            if span.casefold() in demand.text:
                continue  # the question's own words ("ทีมชาติไทย ... ทีมใด"): no answer
            if span in bare:
                out[sel[j]] = True
                continue
            head = next((h for h in demand.heads if span.startswith(h)), None)
            if head is None or b - a > MAX_TYPED_CHARS or _cut_before_number(c.text, b):
                continue
            name = span[len(head):]
            if head in _PROVINCE_HEADS and bare and official and not any(
                    name.lstrip().startswith(n) for n in bare):
                # "จังหวัดเร่งรัด" ("กำชับทุกจังหวัดเร่งรัดไกล่เกลี่ยหนี้") names no province.
                # (Only in the ministry's and the government's own texts, whose provinces
                # are Thailand's; an encyclopaedia's "จังหวัดมิยางิ" is Japan's.)
                continue
            # A name follows its noun without a space ("อำเภอทุ่งสง"), or after one when
            # it is written in Latin capitals ("ห้องประชุม ESCAP Hall").
            out[sel[j]] = bool(name) and (
                not name[:1].isspace() or (bool(_LATIN_NAME.match(name)) and not (
                    demand.noun in _NEVER_NUMBERED and name.strip()[:1].isdigit()))) and (
                _first_word(name) not in _NOT_NAMES) and not common_compound(head, name) and (
                demand.noun in _AGENCY_NOUNS or not _has_function_word(name))
    return out


def venue_mask(rows: SpanRows, demand: Demand) -> npt.NDArray[np.bool_]:
    """Candidates that state a venue ("ณ ห้องประชุม...", "ณ ศูนย์การค้า..."), for "จัดที่ไหน".

    Thai official and news text marks where an event is held with "ณ"; the model,
    trained on encyclopaedia questions, leads with any noun phrase near the event's
    name ("ภาคีเครือข่าย").  A venue the question itself names is no answer.
    """
    out = np.zeros(len(rows.x), dtype=bool)
    if not demand.venue:
        return out
    places = np.flatnonzero(rows.x[:, _COL["ct_place"]] > 0)
    for i in places.tolist():
        p, a, b = rows.span(i)
        span = p.text[a:b]
        if span.startswith("ณ") and span[1:].strip().casefold() not in demand.text:
            out[i] = True
    return out


#: Characters before a quoted title searched for the word it is the title of.
TITLE_LEFT = 40
_TITLE = CTYPES.index("title")
_QUESTION_WORDS = frozenset({"อะไร", "ใด", "ไหน", "หัวข้อ", "เรื่อง", "ชื่อ", "ว่า", "ที่", "ใน",
                             "ของ", "และ", "การ", "เป็น", "มี", "ได้", "จะ", "ให้", "โดย"})
#: What stands between a thing and its title: "ปาฐกถาพิเศษ ในหัวข้อ "..."", "ภายใต้แนวคิด".
_TITLE_LINK = re.compile(r"(?:\s|:|ใน|หัวข้อ|หัวเรื่อง|เรื่อง|ชื่อ|ว่า|ภายใต้|แนวคิด|คือ)*$")


def title_mask(rows: SpanRows, demand: Demand) -> npt.NDArray[np.bool_]:
    """Quoted titles of what the question names: "ปาฐกถาพิเศษ ... หัวข้ออะไร".

    A title question ("หัวข้ออะไร", "ชื่อว่าอะไร", "what is the title") is answered by
    the quoted title that stands right after the question's own word for the thing
    titled (``ปาฐกถาพิเศษ "ความสำเร็จการคัดแยกขยะต้นทาง..."``): a quoted span right
    after one of the question's content words, or after it and "หัวข้อ", "เรื่อง",
    "ภายใต้แนวคิด" and the like (not any quote near the question's subject).
    All False for other questions or when none is found.
    """
    out = np.zeros(len(rows.x), dtype=bool)
    if demand.info.qtype != "title":
        return out
    words = [w for w in demand.words
             if len(w) >= 3 and w not in _QUESTION_WORDS and not w.isdigit()]
    if not words:
        return out
    for k, c in enumerate(rows.cands):
        sel = np.flatnonzero(rows.owner == k)
        sel = sel[c.ctype[rows.index[sel]] == _TITLE]
        low = c.text.casefold()
        for row in sel.tolist():
            a = int(c.start[rows.index[row]])
            if c.text[a:a + 1] in "\"“”«":
                a += 1
            left = low[max(0, a - TITLE_LEFT):a].rstrip("\"“”« ")
            left = left[:_TITLE_LINK.search(left).start()]  # type: ignore[union-attr]
            out[row] = any(left.endswith(w) for w in words)
    return out


def role_mask(rows: SpanRows, demand: Demand) -> npt.NDArray[np.bool_]:
    """Person candidates named beside the position the question asks about.

    Thai news writes a person with the position after the name ("นางญาณิพัชญ์ ศรีโคตร
    นายอำเภอบางใหญ่") or before it ("ผู้ว่าราชการจังหวัดระนอง นายนริศ นิรามัยวงศ์"),
    within :data:`ROLE_GAP` characters, or says what they were in the clause after
    ("นายสุทธิพงษ์ จุลเจริญ ปลัดกระทรวงมหาดไทย เป็นประธานการประชุม", within
    :data:`ROLE_CLAUSE` characters and no other person between).  The position as the
    question writes it ("ประธานการประชุม") is looked for first, then the bare position.
    """
    out = np.zeros(len(rows.x), dtype=bool)
    if demand.role is None:
        return out
    moves = moves_apply(demand)
    people: list[tuple[int, str, int, int]] = []
    for k, c in enumerate(rows.cands):
        sel = np.flatnonzero(rows.owner == k)
        for r in sel[c.ctype[rows.index[sel]] == _PERSON].tolist():
            i = int(rows.index[r])
            a, b = int(c.start[i]), int(c.end[i])
            if demand.role not in spell_out(c.text[a:b]):
                # A candidate that carries its position ("นาย... นายอำเภอ...") is also
                # proposed without it, which is the name.
                people.append((r, c.text, a, b))
    # A post the question words more narrowly than the bare position ("อธิบดีกรมที่ดิน")
    # is only that post: "อธิบดีกรมการปกครอง" is someone else.  A chair is named by the
    # meeting, which the text words its own way: the narrower forms are tried first.
    if demand.country:
        # "นายกรัฐมนตรีของแคนาดา": the post as the text writes it of that country; Thai
        # releases name Thailand's own holder beside the bare post ("นางสาวแพทองธาร
        # ชินวัตร นายกรัฐมนตรี หารือกับ ... นายกรัฐมนตรีแคนาดา"), who is not the one asked.
        roles: tuple[str, ...] = _country_variants(demand.phrase, demand.country)
    elif demand.role in CHAIRS and any(w in demand.phrase[len(demand.role):] for w in _PORTFOLIO):
        # "ประธานฝ่ายสงฆ์": the chair of one side only; "ประธานฝ่ายฆราวาส" is another.
        roles = (demand.phrase,)
    elif demand.role in CHAIRS:
        roles = tuple(dict.fromkeys(
            (demand.phrase, demand.role + _post_words(demand.phrase[len(demand.role):],
                                                      limit=1), demand.role)))
    elif demand.role == "ผู้ว่า" and demand.place and demand.place not in _bare_names().get(
            "จังหวัด", ()):
        # A place that is no province of Thailand ("ผู้ว่าฯ โตเกียว"): its governor as Thai
        # writes one abroad, never a province's governor the text names with no province.
        roles = tuple(f"{post}{demand.place}" for post in (
            GOVERNOR, "ผู้ว่าการ", "ผู้ว่าการกรุง", "ผู้ว่าการรัฐ", "ผู้ว่าการมหานคร",
            "ผู้ว่าราชการกรุง", "ผู้ว่าราชการมหานคร"))
    elif demand.role == "ผู้ว่า" and demand.phrase != demand.role:
        # The province's governor; else a governor the text names with no province
        # ("นาย ก ผู้ว่าราชการจังหวัด"), never another province's.
        roles = (demand.phrase, demand.role)
    elif demand.place and demand.phrase != demand.role:
        # "นายกเทศมนตรี นครราชสีมา": the post as the question writes it, else the post
        # the text writes with a name that holds the place ("นายกเทศมนตรีนครนครราชสีมา").
        roles = (demand.phrase, demand.role)
    else:
        roles = (demand.phrase,)
    for role in roles:
        # Name then post is how Thai official text lists people ("นาย ก อธิบดีกรม ข
        # นาย ค อธิบดีกรม ง"): the post before a name belongs to the name before it, so
        # it is read only when no name stands before the post.
        for following in (True, False):
            for r, text, a, b in people:
                out[r] = _beside(text, a, b, role, following=following, moves=moves) and (
                    role == demand.phrase or bool(demand.country)
                    or not _another_province(text, a, b, demand.phrase, following=following)
                ) and (not demand.org or _with_org(text, a, b, demand.org)) and (
                    role != demand.role or not demand.place or demand.role == "ผู้ว่า"
                    or demand.place in _written_post(text, a, b, role, following=following))
            if out.any():
                return out
    return out


#: A name written in Latin capitals (an acronym, with digits or a hyphen: "MOI-UN", "COP28").
_LATIN_NAME = re.compile(r"(?<![A-Za-z0-9])[A-Z][A-Z0-9]{2,}(?:-[A-Z0-9]+)*(?![A-Za-z0-9])")
#: A date or time and the name it is of stand within this many characters (before the
#: value: "การประชุม APFSD ... เมื่อวันที่ 20 - 23 กุมภาพันธ์"; after it, less).
NAME_BEFORE = 300
NAME_AFTER = 120


#: An English question about a woman holding a post: "Who was the deputy government
#: spokeswoman who …", "Which chairwoman …" (the asked person is the -woman of its
#: opening noun phrase, not someone else the question names later).
_ASKS_A_WOMAN = re.compile(r"^\s*(?:who\s+(?:is|was|were|are)\s+(?:the\s+)?|which\s+)"
                           r"(?:(?!(?:who|whom|that|which)\b)[\w'’-]+\s+){0,5}?"
                           r"[\w-]*(?:woman|women)\b", re.I)
#: A man's title before his name ("นายคารม", "นพ.โอภาส", "นายแพทย์"); posts that begin
#: with นาย (นายกรัฐมนตรี, นายอำเภอ, …) are not titles.
_MAN_TITLE = re.compile(r"^\s*(?:นายแพทย์|นพ\.|นาย(?!ก(?:รัฐมนตรี|เทศมนตรี|สมาคม|องค์การ|อบ|ฯ)|"
                        r"อำเภอ|ทหาร|ตำรวจ|ด่าน|ห้าง|ทุน|จ้าง|ช่าง))")


#: An English question asking for several days: "on which dates", "what days", "between
#: which dates".
_ASKS_DATES = re.compile(r"\b(?:which|what)\s+(?:dates|days)\b", re.I)


_EN_MONTH = (r"(?:january|february|march|april|may|june|july|august|september|october|"
             r"november|december)")
#: The month a source spoke in, in an English question: "according to the government
#: spokesman in February 2023", "as the minister said on 5 May 2024".
_REPORTED_IN = re.compile(
    r"\b(?:according\s+to|said|says|announced|reported|told|explained|revealed|disclosed|"
    r"stated)\b[^?]{0,80}?\b(?:in|on)\s+(?:\d{1,2}\s+)?" + _EN_MONTH + r"\s+(?:\d{1,2},?\s+)?"
    r"(?P<y>\d{4})\b", re.I)
_EN_YEAR = re.compile(r"(?<![\d,.])(?:19|20|25)\d\d(?!\d|,\d)")


def reported_in_month(question: str) -> bool:
    """Whether every year of the English ``question`` dates when a source spoke.

    "By what percentage did Grab report … had risen, according to the government
    spokesman in February 2023?": February 2023 is when it was said, not the period of
    the figure (the rise was of the third quarter of 2022); a year named otherwise ("in
    2022", "fiscal 2023") is the figure's.  :data:`_REPORTED_IN`.
    """
    said = {m.start("y") for m in _REPORTED_IN.finditer(question)}
    years = [m.start() for m in _EN_YEAR.finditer(question)]
    return bool(said) and all(y in said for y in years)


def asks_dates(question: str) -> bool:
    """Whether the English ``question`` asks for dates in the plural (:data:`_ASKS_DATES`)."""
    return bool(_ASKS_DATES.search(question))


def asks_a_woman(question: str) -> bool:
    """Whether the English ``question`` asks who a woman holding a post is.

    :data:`_ASKS_A_WOMAN`: "Who was the deputy government spokeswoman who …".
    """
    return bool(_ASKS_A_WOMAN.search(question))


def _men(rows: SpanRows, among: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
    """Which of the candidates ``among`` are a man's name by their title (:data:`_MAN_TITLE`)."""
    out = np.zeros(len(rows.x), dtype=bool)
    for r in np.flatnonzero(among).tolist():
        p, a, e = rows.span(r)
        out[r] = bool(_MAN_TITLE.match(p.text[a:e]))
    return out


def latin_names(question: str) -> tuple[str, ...]:
    """The names ``question`` writes in Latin capitals, case-folded: ``("undp",)``."""
    return tuple(dict.fromkeys(m.group(0).casefold() for m in _LATIN_NAME.finditer(question)))


#: A clock time or a day of a month: another event's "when" between a value and a name
#: written after it means the name is of that other event.
_OTHER_WHEN = re.compile(
    rf"{_HHMM}|\d{{1,2}}\s*(?:{'|'.join(map(re.escape, (*MONTHS_FULL, *MONTHS_SHORT)))})")
#: An event's ordinal: "ครั้งที่ 5", "สมัยที่ 80", "สมัยประชุมที่ 3", "รอบที่ 2", "80th"
#: (an English question's "80th" is rendered "ครั้งที่ 80"; the text may write "สมัยที่ 80").
_EVENT_ORDINAL = re.compile(
    r"(?:ครั้งที่|สมัย(?:ประชุม|สามัญ|วิสามัญ)?(?:ที่)?|รอบที่)\s*(\d{1,3})(?![\d,.])"
    r"|\b(\d{1,3})(?:st|nd|rd|th)\b", re.I)
#: How far after a date, time or venue the name or ordinal of its event may stand when
#: no other time or date comes between: a release writes "วันนี้ (22 เมษายน 2567) เวลา
#: 9.00 น. ณ <venue> <who> กล่าว ... <event> สมัยที่ 80 (... ESCAP)".
EVENT_AFTER = 400


def event_ordinals(text: str) -> frozenset[int]:
    """The event ordinals ``text`` names ("ESCAP สมัยที่ 80" → ``{80}``)."""
    return frozenset(int(m.group(1) or m.group(2)) for m in _EVENT_ORDINAL.finditer(text))


#: What every event ordinal holds whole, wherever a text is cut (:func:`ordinal_near`):
#: its word ("ครั้งที่", "สมัย", "รอบที่") or a digit and an English ordinal's ending.
#: Found as zero-width matches, so that no occurrence hides another.
_ORDINAL_MARK = re.compile(r"(?=(ครั้งที่|สมัย|รอบที่|\d(?:st|nd|rd|th)))", re.I)


def _ordinal_marks(text: str) -> list[tuple[int, int]]:
    """Where in ``text`` the pieces every :data:`_EVENT_ORDINAL` match holds stand, in order."""
    return [(m.start(), m.start() + len(m.group(1))) for m in _ORDINAL_MARK.finditer(text)]


def _bound_near(rows: SpanRows, found: Callable[[str], list[int]],
                within: npt.NDArray[np.bool_] | None = None,
                marks: Callable[[str], list[tuple[int, int]]] | None = None,
                ) -> npt.NDArray[np.bool_]:
    """Candidates whose event ``found`` names near them, in their paragraph.

    ``found(text)`` gives the offsets in ``text`` where the event is named.  Near: within
    :data:`NAME_BEFORE` characters before the candidate or :data:`NAME_AFTER` after it,
    or up to :data:`EVENT_AFTER` after it with no other clock time or date between.

    ``within``: only these rows are looked at (the others are False).  ``marks(text)``:
    the ``(start, end)`` offsets, by start, of pieces of ``text`` one of which whole any
    finding in a part of ``text`` holds; a row whose window holds none is not bound, and
    ``found`` is not run on it (read once a passage, not once a candidate).
    """
    out = np.zeros(len(rows.x), dtype=bool)
    rows_read = range(len(rows.x)) if within is None else np.flatnonzero(within).tolist()
    pieces: dict[int, tuple[list[int], list[tuple[int, int]]]] = {}
    for r in rows_read:
        p, a, b = rows.span(r)
        text = p.text
        lo = max(0, a - NAME_BEFORE, text.rfind("\n", 0, a) + 1)
        stop = text.find("\n", b)
        hi = min(len(text), b + EVENT_AFTER, stop if stop >= 0 else len(text))
        if marks is not None:
            known = pieces.get(id(p))
            if known is None:
                spans = marks(text)
                known = pieces[id(p)] = ([s for s, _ in spans], spans)
            starts, spans = known
            i = bisect_left(starts, lo)
            while i < len(spans) and spans[i][0] < hi and spans[i][1] > hi:
                i += 1
            if i == len(spans) or spans[i][0] >= hi:
                continue
        for at in found(text[lo:hi]):
            at += lo
            if at < b + NAME_AFTER or _OTHER_WHEN.search(text, b, at) is None:
                out[r] = True
                break
    return out


def named_near(rows: SpanRows, names: tuple[str, ...],
               within: npt.NDArray[np.bool_] | None = None) -> npt.NDArray[np.bool_]:
    """Candidates with one of ``names`` (folded) written near them (:func:`_bound_near`)."""
    def found(text: str) -> list[int]:
        folded = text.casefold()
        return [m.start() for n in names for m in re.finditer(re.escape(n), folded)]
    return _bound_near(rows, found, within)


#: Words that tell of a founding or a change of status ("ยกฐานะ ... ขึ้นเป็นสุขาภิบาล").
FOUNDING = re.compile(r"ก่อตั้ง|จัดตั้ง|ยกฐานะ|สถาปนา|ตั้งขึ้น|ถือกำเนิด|ประกาศจัดตั้ง")
#: ... in an English question ("In what year was X established?", "did X become Y").
_FOUNDING_EN = re.compile(r"\b(?:found(?:ed|ing)?|establish(?:ed|ment)?|bec[oa]me|set\s+up)\b",
                          re.I)
#: A founding word binds a date at most this many characters before it, or after it.
FOUNDED_BEFORE = 120
FOUNDED_AFTER = 40


def asks_founding(question: str, english: str = "") -> bool:
    """Whether ``question`` (Thai form; ``english``: as written) asks when something was founded.

    A founding word made a noun ("ประกาศความสำเร็จการจัดตั้งธนาคารขยะเมื่อวันที่เท่าไร":
    the announcement's day is asked) asks no founding.
    """
    if english:
        return bool(_FOUNDING_EN.search(english))
    return any(not question[:m.start()].rstrip().endswith(("การ", "ความ"))
               for m in FOUNDING.finditer(question))


def founded_near(rows: SpanRows, within: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
    """Candidates a founding word (:data:`FOUNDING`) is written right with, no date between.

    "ให้ยกฐานะตำบลท่าฉลอม ขึ้นเป็น "สุขาภิบาลท่าฉลอม" เมื่อวันที่ 18 มีนาคม พุทธศักราช
    2448": that date; the day of the release's ceremony for the 119 years is another.
    """
    out = np.zeros(len(rows.x), dtype=bool)
    for r in np.flatnonzero(within).tolist():
        p, a, b = rows.span(r)
        text = p.text
        before = [m.end() for m in FOUNDING.finditer(text, max(0, a - FOUNDED_BEFORE), a)]
        after = [m.start() for m in FOUNDING.finditer(text, b, b + FOUNDED_AFTER)]
        out[r] = (bool(before) and _OTHER_WHEN.search(text, before[-1], a) is None) or (
            bool(after) and _OTHER_WHEN.search(text, b, after[0]) is None)
    return out


_RANK_WORDS = {"หนึ่ง": 1, "แรก": 1, "สอง": 2, "สาม": 3, "สี่": 4, "ห้า": 5, "หก": 6, "เจ็ด": 7,
               "แปด": 8, "เก้า": 9, "สิบ": 10, "first": 1, "second": 2, "third": 3, "fourth": 4,
               "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}
_RANK_NUMBER = rf"(\d{{1,2}}(?!\d)|{'|'.join(_RANK_WORDS)})"
#: The rank a question asks the holder of: "มากเป็นอันดับสาม", "อันดับที่ 3", "ranked third",
#: "the third most", "3rd largest".
_ASKED_RANK = re.compile(
    rf"(?:อันดับ|ลำดับ)(?:ที่)?\s*{_RANK_NUMBER}|"
    rf"(?i:\branked\s+(?:no\.?\s*)?(?:(\d{{1,2}})(?:st|nd|rd|th)?|"
    rf"({'|'.join(w for w in _RANK_WORDS if w.isascii())}))\b)|"
    rf"(?i:\b({'|'.join(w for w in _RANK_WORDS if w.isascii() and w != 'first')})\s+"
    r"(?:most|highest|largest|biggest|lowest|fewest|place)\b)")
#: A ranked item written with its rank: "3. จังหวัดศรีสะเกษ", "อันดับ 3 จังหวัด..." (the
#: mark this many characters before it at most), "อิหร่าน คือผู้ส่งออก...อันดับสอง" (after).
RANK_BEFORE = 40
RANK_AFTER = 60


def asked_rank(question: str) -> int | None:
    """The rank whose holder ``question`` asks ("อันดับสาม" → 3), or None (the first: None).

    The first is asked as the most (:mod:`bot.answering.superlative`); a question for a
    rank itself ("อันดับที่เท่าไร") names none.
    """
    m = _ASKED_RANK.search(question)
    if m is None:
        return None
    word = next(g for g in m.groups() if g)
    n = int(word) if word.isdigit() else _RANK_WORDS[word.casefold()]
    return n if n > 1 else None


def ranked_near(rows: SpanRows, rank: int,
                within: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
    """Candidates written as the ``rank``-th ("3. จังหวัดศรีสะเกษ", "อันดับ 3 ...").

    "อิหร่าน คือผู้ส่งออกน้ำมันรายใหญ่อันดับสอง" too.  The rank's mark ends at most
    :data:`RANK_BEFORE` characters before the candidate, with no other item's number
    ("4. ") between, or "อันดับ N" starts at most :data:`RANK_AFTER` characters after
    it, with no other rank between.
    """
    words = "|".join(w for w, n in _RANK_WORDS.items() if n == rank and not w.isascii())
    number = f"(?:{rank}(?!\\d){'|' + words if words else ''})"
    mark = re.compile(rf"(?:(?<![\d.,]){rank}\.(?!\d)|(?:อันดับ|ลำดับ)(?:ที่)?\s*{number})")
    other = re.compile(r"(?<![\d.,])\d{1,2}\.(?!\d)|อันดับ|ลำดับ")
    out = np.zeros(len(rows.x), dtype=bool)
    for r in np.flatnonzero(within).tolist():
        p, a, b = rows.span(r)
        found = [m.end() for m in mark.finditer(p.text, max(0, a - RANK_BEFORE), a)]
        if found and other.search(p.text, found[-1], a) is None:
            out[r] = True
            continue
        after = mark.search(p.text, b, b + RANK_AFTER)
        out[r] = after is not None and other.search(p.text, b, after.start()) is None
    return out


#: A label written as a word and its number: "Tier 1", "ระยะที่ 2", "เฟส 3".
_LABEL = re.compile(r"(?P<word>[a-z]{2,}|ระยะที่|เฟส|ขั้นที่|กลุ่มที่|ประเภทที่)\s?(?P<n>\d{1,2})(?!\d)")
#: Labels joined before a value: "Tier 1 และ Tier 2 จำนวน 715 บาท" (their sum, no one's).
JOINED_BEFORE = 40


def asked_labels(question: str) -> tuple[tuple[str, str], ...]:
    """The labels ``question`` (folded) names: "... tier 1 เท่าไร" → ``(("tier", "1"),)``."""
    return tuple((m.group("word"), m.group("n")) for m in _LABEL.finditer(question))


def joined_label_mask(rows: SpanRows, labels: tuple[tuple[str, str], ...],
                      within: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
    """Candidates stated for an asked label joined with another of its series, or another.

    "รวมวงเงินความคุ้มครอง Tier 1 และ Tier 2 จำนวน 715 บาทต่อไร่" is both tiers' figure,
    "(Tier 2) จำนวน 21 ล้านไร่" the second's: no answer to "... Tier 1 เท่าไร".  Read in
    the :data:`JOINED_BEFORE` characters before the candidate (the label nearest it).
    """
    out = np.zeros(len(rows.x), dtype=bool)
    for r in np.flatnonzero(within).tolist():
        p, a, _ = rows.span(r)
        window = p.text[max(0, a - JOINED_BEFORE):a].casefold()
        for word, n in labels:
            if re.search(rf"{re.escape(word)}\s?\(?$", window):
                # "(Tier 1)": the label's own number, which the question writes.
                out[r] = True
                break
            joined = re.search(rf"{re.escape(word)}\s?(\d{{1,2}})\s*(?:และ|หรือ|,|-|–|ถึง)\s*"
                               rf"{re.escape(word)}\s?(\d{{1,2}})", window)
            if joined is not None and n in joined.groups() and len(set(joined.groups())) > 1:
                out[r] = True
                break
            named = re.findall(rf"{re.escape(word)}\s?(\d{{1,2}})(?!\d)", window)
            if named and named[-1] != n:
                # "(Tier 2) จำนวน 21 ล้านไร่": the value of another label of the series.
                out[r] = True
                break
    return out


def ordinal_near(rows: SpanRows, numbers: frozenset[int],
                 within: npt.NDArray[np.bool_] | None = None) -> npt.NDArray[np.bool_]:
    """Candidates with an event ordinal of ``numbers`` near them (:func:`_bound_near`).

    An ordinal of any event word counts ("ครั้งที่ 80" asked, "สมัยที่ 80" written).
    """
    def found(text: str) -> list[int]:
        return [m.start() for m in _EVENT_ORDINAL.finditer(text)
                if int(m.group(1) or m.group(2)) in numbers]
    return _bound_near(rows, found, within, _ordinal_marks)


#: Nouns that open an organisation's name in a question ("ธนาคารออมสิน", "บริษัท ปตท.").
_ORG_NOUNS = ("ธนาคาร", "บริษัท", "สมาคม", "มูลนิธิ", "องค์การ", "มหาวิทยาลัย", "การไฟฟ้า",
              "การประปา", "การท่าเรือ", "การรถไฟ", "สหกรณ์", "สถาบัน")
_NAMED_ORG = re.compile(
    r"\s*(?:ของ|แห่ง|ประจำ)?\s*("
    r"[A-Za-z][A-Za-z&.\-]*(?:\s+[A-Za-z&][A-Za-z&.\-]*)*"
    rf"|(?:{'|'.join(_ORG_NOUNS)})\s?[^\s]+)")
#: A holder's post and the organisation after it lie within this many characters
#: ("ดร.รักษ์ วรกิจโภคาทร กรรมการผู้จัดการ ธนาคารเพื่อการส่งออกและนำเข้าแห่งประเทศไทย
#: (EXIM BANK)").
ORG_REACH = 120


def named_org(text: str) -> str:
    """The organisation ``text`` (the question after a post) opens with, case-folded, or "".

    A name in Latin letters ("EXIM BANK", "UNDP") or a word opening with an
    organisation's noun ("ธนาคารออมสิน"); question words end it.
    """
    m = _NAMED_ORG.match(text)
    if m is None:
        return ""
    org = m.group(1).strip()
    for stop in ("คือ", "เป็น", "ใคร", "ชื่อ", "คน", "ปัจจุบัน"):
        if stop in org:
            org = org[:org.index(stop)].strip()
    return org.casefold() if len(org) >= 3 else ""


def _with_org(text: str, a: int, b: int, org: str) -> bool:
    """Whether the person at ``text[a:b]`` is written with ``org`` beside their post.

    The organisation stands within :data:`ORG_REACH` characters after the name, before
    another person; or, for a post written before the name, in the words before it.
    """
    after = text[b:b + ORG_REACH]
    other = _OTHER_PERSON.search(after)
    if other is not None:
        after = after[:other.start()]
    before = text[max(0, a - ORG_REACH // 2):a]
    fold = " ".join(spell_out(after).casefold().split())
    return org in fold or org in " ".join(before.casefold().split()[-6:])




def _another_province(text: str, a: int, b: int, post: str, *, following: bool) -> bool:
    """Whether the governor's post beside the person at ``text[a:b]`` names another province.

    ``post`` is the asked one ("ผู้ว่าราชการจังหวัดหนองคาย"); in a list of governors
    ("นายวัฒนา พุฒิชาติ ผวจ.ศรีสะเกษ นายมนต์สิทธิ์ ... ผวจ.หนองคาย") each is another's.
    """
    window = spell_out(text[b:b + ROLE_CLAUSE] if following else text[max(0, a - 60):a])
    if following:
        # Every governor's post up to the next person: "นาย ก จากผู้ว่าราชการจังหวัด X
        # ไปเป็นผู้ว่าราชการจังหวัด Y" is Y's governor (and X's no more).
        other = _OTHER_PERSON.search(window)
        window = window[:other.start()] if other is not None else window
        ats = [m.start() for m in re.finditer(GOVERNOR, window)]
    else:
        ats = [window.rfind(GOVERNOR)] if GOVERNOR in window else []
    return any(bool(re.match(f"[{THAI_WORD_START}]", window[at + len(GOVERNOR):]))
               and not window.startswith(post, at) for at in ats)


def _moved_on(text: str, b: int) -> bool:
    """Whether the post written right after the person ending at ``b`` is one they leave.

    The post (up to the next space, spelled out) and then a move to another
    (:func:`~bot.answering.posts.moved_to`).
    """
    window = spell_out(text[b:b + ROLE_GAP + ROLE_CLAUSE])
    post = window.lstrip(" ,ฯ")
    end = re.search(r"\s|$", post)
    return moved_to(post, end.start() if end else len(post)) is not None


def holds_post_of_place(text: str, a: int, b: int, demand: Demand) -> bool:
    """Whether the person ``text[a:b]`` is written with the asked post of the asked place.

    "นายประเสริฐ บุญชัยสุข นายกเทศมนตรีนครขอนแก่น" for "นายกเทศมนตรีขอนแก่น": the text
    writes the post its own way, with the place (:attr:`Demand.place`) in it.  Not the
    governor's post, which names its province as the question does.
    """
    return (bool(demand.place) and demand.role is not None and demand.role != "ผู้ว่า"
            and _beside(text, a, b, demand.role, following=True)
            and demand.place in _written_post(text, a, b, demand.role, following=True))


def _written_post(text: str, a: int, b: int, role: str, *, following: bool) -> str:
    """The post starting with ``role`` the text writes beside the person ``text[a:b]``.

    Spelled out, up to the next space: "นายกเทศมนตรีนครนครราชสีมา"; "" when none.
    """
    if following:
        window = spell_out(text[b:b + ROLE_CLAUSE])
        at = window.find(role)
    else:
        window = spell_out(text[max(0, a - 60):a])
        at = window.rfind(role)
    if at < 0:
        return ""
    return window[at:].split(maxsplit=1)[0]


#: Organisations a post may name after a space ("ปลัด อบต.โก่งธนู", "นายก อบจ.ขอนแก่น").
_POST_ORGS = ("อบต.", "อบจ.", "ทต.", "ทม.", "ทน.", "เทศบาล", "องค์การบริหารส่วน", "สพป.", "สพม.")


def _post_words(text: str, limit: int = 8) -> str:
    """The words that continue a position in a question, up to a question or function word.

    A space ends the post, except before the organisation it is of ("ปลัด อบต.โก่งธนู").
    """
    out = ""
    for a, b in word_spans(text[:60])[:limit]:
        if a != len(out) and text[len(out):a] == " " and text.startswith(_POST_ORGS, a):
            out += " "
        if a != len(out):  # a space or a mark ends the post
            break
        word = text[a:b]
        if word in _WH or word in _POST_END or (word in _NOT_NAMES and word not in _PORTFOLIO):
            break
        out += word
    # "เชียงราย|ชื่อ" is segmented "เชียง|รายชื่อ" (a list): no post ends in "ชื่อ".
    return out[:-len("ชื่อ")] if out.endswith("ชื่อ") else out


#: Words that narrow a post to a portfolio ("รองปลัดกระทรวงมหาดไทยด้านบริหาร"): the post
#: runs on through them, and the deputy for another portfolio is someone else.
_PORTFOLIO = frozenset({"ด้าน", "ฝ่าย"})


#: The first of two posts written together ("รองนายกรัฐมนตรีและ"): no space, up to "และ".
_FIRST_POST_CHARS = 40
_FIRST_POST = re.compile(rf"[^\s]{{2,{_FIRST_POST_CHARS}}}?และ")


def names_a_post(text: str, *, at_start: bool = False) -> bool:
    """Whether ``text`` (spelled out: :func:`spell_out`) writes a post a person holds.

    With ``at_start``: right at its start, after spaces and commas.
    """
    if at_start:
        return _ROLE.match(text.lstrip(" ,ฯ")) is not None
    return _ROLE.search(text) is not None


def moves_apply(demand: Demand) -> bool:
    """Whether a transfer list's move decides who holds the asked post.

    The question names no year or month: today's holder is asked, and the person a list
    moves on from the post ("นาย ก อธิบดีกรม X ดำรงตำแหน่งรองปลัดกระทรวง") holds it no
    more.  A question of the list's month or year asks whoever held it then, which the
    list's person did until its day.
    """
    return not any(kind in ("year", "month") for kind, _ in demand.qualifiers)


def post_follows(text: str, a: int, b: int, post: str, *, moves: bool = True) -> bool:
    """Whether the person ``text[a:b]`` is named with ``post`` (written in full) after them.

    The span holds the post ("นายสุทธิพงษ์ จุลเจริญ ปลัดกระทรวงมหาดไทย") or the post
    follows the name, when the span holds no post of its own (:func:`_beside`): the
    order Thai official text names people in.
    A post *before* a name may be the previous person's, cut off at a passage's start.
    """
    span = spell_out(text[a:b])
    if post in span:
        return not moves or moved_to(text, b) is None
    # A span that holds its own post ("คุณหญิงกัลยา ... รัฐมนตรีช่วยว่าการกระทรวง
    # ศึกษาธิการ") is followed by the next item of a list, not by a second post of its own
    # (two posts held together are joined by "และ" within the span), unless the clause
    # after says it is theirs too ("... รองปลัดกระทรวงมหาดไทย ... ในฐานะผู้อำนวยการศูนย์").
    if names_a_post(span):
        return _held_in_clause(text, b, post)
    return _beside(text, a, b, post, following=True, moves=moves)


#: Words before a post a person holds in the clause after their name ("เป็น", "ในฐานะ").
_HOLDS = re.compile(r"เป็น|ในฐานะ\s?")


def _held_in_clause(text: str, b: int, role: str) -> bool:
    """Whether the clause after a person ending at ``text[b]`` says they hold ``role``.

    "... เป็นประธาน", and "นายพรชัย ฐีระเวช ที่ปรึกษา... ในฐานะรองโฆษกกระทรวงการคลัง":
    the post held in this event, after the one the name is written with ("เป็น" or
    "ในฐานะ" within :data:`ROLE_CLAUSE` characters, the post may run on past them), no
    other person named between.
    """
    clause = spell_out(text[b:b + ROLE_CLAUSE + len(role)])
    at = min((m.start() for m in _HOLDS.finditer(clause, 0, ROLE_CLAUSE)
              if clause.startswith(role, m.end())), default=-1)
    return at >= 0 and not _OTHER_PERSON.search(clause, 0, at)


def _beside(text: str, a: int, b: int, role: str, *, following: bool,
            moves: bool = True) -> bool:
    """Whether the person at ``text[a:b]`` holds ``role``.

    With ``following``: the post right after the name, or "เป็น<post>" in the clause
    after; without: the post right before the name.  ``role`` is written in full; the
    text's abbreviated posts are read spelled out ("ผวจ.ชัยนาท": :func:`spell_out`).
    """
    if following:
        after = spell_out(text[b:b + ROLE_GAP + len(role)])
        stripped_after = after.lstrip(" ,ฯ")
        if len(after) - len(stripped_after) <= ROLE_GAP and stripped_after.startswith(role):
            # Unless a transfer list moves them on ("นาย ก ผู้ว่าราชการจังหวัดแม่ฮ่องสอน
            # เป็นผู้ว่าราชการจังหวัดปทุมธานี"): the post was theirs until the list's day.
            return not (moves and _moved_on(text, b))
        # Two posts held together: "นายอนุทิน ชาญวีรกูล รองนายกรัฐมนตรีและรัฐมนตรีว่าการ
        # กระทรวงมหาดไทย" holds the second too.
        both = spell_out(text[b:b + ROLE_GAP + _FIRST_POST_CHARS + len(role)])
        stripped = both.lstrip(" ,ฯ")
        first = _FIRST_POST.match(stripped)
        if (len(both) - len(stripped) <= ROLE_GAP and first is not None
                and stripped.startswith(role, first.end())):
            return True
        return _held_in_clause(text, b, role)
    before = spell_out(text[max(0, a - 60):a])
    if re.search(rf"{re.escape(role)}(?:คน(?:ปัจจุบัน|ใหม่|แรก|ล่าสุด))?\s?(?:คือ|ได้แก่|ชื่อ)\s?$",
                 before):
        # "ผู้บังคับการคนปัจจุบันคือนาวาเอก สันติ ...": the post, then who holds it.
        return True
    stripped = before.rstrip(" ,")
    words = stripped.split()
    return bool(words) and words[-1].startswith(role) and len(before) - len(stripped) <= ROLE_GAP


#: A number asked by name: "หมายเลขอะไร", "เลขที่เท่าไร"/"เลขอะไร", "เบอร์อะไร", "รหัสอะไร".
_ASKS_NUMBER = re.compile(r"(?:หมายเลข|เลข(?:ที่)?|เบอร์(?:โทร(?:ศัพท์)?)?|รหัส)\s*(?:อะไร|ใด|ไหน)")
#: A number of at least three digits (with dashes or spaces between groups).
_NUMBER = re.compile(r"\d[\d\s\-]{1,}\d")


def number_mask(rows: SpanRows) -> npt.NDArray[np.bool_]:
    """Candidates that hold a number of at least three digits, for "หมายเลขอะไร"."""
    out = np.zeros(len(rows.x), dtype=bool)
    for r in range(len(rows.x)):
        p, a, b = rows.span(r)
        m = _NUMBER.search(p.text, a, b)
        out[r] = m is not None and sum(c.isdigit() for c in m.group()) >= 3
    return out


def time_mask(rows: SpanRows, demand: Demand) -> npt.NDArray[np.bool_]:
    """Candidates that are a clock time, for a question that asks for one."""
    out = np.zeros(len(rows.x), dtype=bool)
    if not demand.time:
        return out
    for r in range(len(rows.x)):
        p, a, b = rows.span(r)
        out[r] = _CLOCK.fullmatch(p.text, a, b) is not None
    return out


#: Of the dates, times or venues an event question allows, those whose 200 characters
#: around hold at least this share of the best one's question words (IDF-weighted,
#: the ``cover200`` feature) may lead.
EVENT_FOCUS = 0.8


def _of_other_life_event(rows: SpanRows, among: npt.NDArray[np.bool_],
                         asked: str) -> npt.NDArray[np.bool_]:
    """Which of the candidates ``among`` are dates of the other life event than ``asked``."""
    out = np.zeros(len(rows.x), dtype=bool)
    for r in np.flatnonzero(among).tolist():
        p, a, _ = rows.span(r)
        out[r] = of_other_life_event(p.text, a, asked)
    return out


def _range_ends(rows: SpanRows) -> npt.NDArray[np.bool_]:
    """Candidates that are a range of dates or its later end (:func:`ends_a_range`)."""
    out = np.zeros(len(rows.x), dtype=bool)
    for r in range(len(rows.x)):
        p, a, b = rows.span(r)
        out[r] = ends_a_range(p.text, a, b)
    return out


#: A noun numbered by the number after it ("วันที่ 88", "ครั้งที่ 3", "ฉบับที่ 24", "No."):
#: the number says which one, not how many, and the word after it starts the next clause.
_ORDINAL_BEFORE = re.compile(
    r"(?:วัน|ครั้ง|ฉบับ|รุ่น|ลำดับ|อันดับ|หมู่|ข้อ|ระยะ|ชั้น|รอบ|ปี|เดือน|สัปดาห์|คน|ราย|ห้อง|เล่ม|"
    r"ตอน|ภาค|เขต|หน่วย|กลุ่ม|แห่ง|ประเภท|คัน|หลัง|ชุด|งวด|ช่วง|มาตรา|วรรค|หมวด|ขั้น|ด่าน|"
    r"สมัย|รัชกาล|ศตวรรษ|ทศวรรษ|นัด|เกม|ประตู|ช่อง|แผนงาน|กิจกรรม)ที่\s*$"
    r"|(?:เลขที่|หมายเลข|\bNo\.)\s*$")
#: Characters before a candidate looked at for :data:`_ORDINAL_BEFORE`.
_ORDINAL_REACH = 16


#: A question that asks which one in an order ("อันดับที่เท่าไร", "ครั้งที่กี่", "which
#: round", "what rank"): an ordinal answers it.
_ASKS_ORDINAL = re.compile(
    r"ที่\s*(?:เท่า(?:ไร|ไหร่|ใด)|กี่)|ลำดับ|อันดับ|\b(?:which|what)\s+(?:round|number|"
    r"place|rank|position|edition|session|phase|term)\b|\brank(?:ed)?\b", re.I)


def asks_ordinal(question: str) -> bool:
    """Whether ``question`` asks which one in an order rather than how many."""
    return _ASKS_ORDINAL.search(question) is not None


def ordinal_before(text: str, start: int) -> bool:
    """Whether the number at ``text[start]`` numbers the noun before it ("วันที่ 88")."""
    return _ORDINAL_BEFORE.search(text, max(0, start - _ORDINAL_REACH), start) is not None


def _numbers_noun_before(rows: SpanRows, row: int) -> bool:
    passage, start, _end = rows.span(row)
    return ordinal_before(passage.text, start)


#: "ธนาคารใด", "บริษัทไหน": a noun of :data:`_COMPOUNDS` asked for by its kind.
_ASKED_COMPOUND = re.compile(
    _VERB_BEFORE + "(" + "|".join(sorted(_COMPOUNDS, key=len, reverse=True))
    + r")\s*(?:ไหน|ใด|อะไร)(?!บ้าง)")


def compound_mask(rows: SpanRows, demand: Demand) -> npt.NDArray[np.bool_]:
    """Candidates that are a common compound of the noun the question asks for by kind.

    "ธนาคารใด" is answered by a bank, not by "ธนาคารขยะ" (a waste bank) that the
    passage names first; "บริษัทใด" not by "บริษัทจำลอง" (:func:`common_compound`).
    A candidate counts when it starts with the noun (or with "ณ"/"จาก"/"ของ" before it),
    or is the compound's tail right after the noun ("จำลอง..."), whatever constraint, if
    any, the noun is read for.
    """
    out = np.zeros(len(rows.x), dtype=bool)
    m = _ASKED_COMPOUND.search(demand.text)
    if m is None:
        return out
    noun = m.group(1)
    for r in range(len(rows.x)):
        p, a, b = rows.span(r)
        span = _LEADING_PREP.sub("", p.text[a:b])
        # "บริษัทจำลอง...", or its tail "จำลอง..." cut right after the noun.
        out[r] = (span.startswith(noun) and common_compound(noun, span[len(noun):])) or (
            p.text[max(0, a - len(noun)):a] == noun and common_compound(noun, span))
    return out


#: Words before a name in a candidate span that are no part of it.
_LEADING_PREP = re.compile(r"^(?:ณ|จาก|ของ|ที่|โดย)\s*")


def demanded(rows: SpanRows, demand: Demand) -> tuple[npt.NDArray[np.bool_], str]:
    """The candidates allowed to lead: :func:`constrained`, without common compounds.

    A candidate that is a common compound of the noun asked for by kind
    (:func:`compound_mask`) never leads: with a constraint, it is taken out of its mask
    (none left: ``"no name"``); with none, every other candidate is allowed (none
    other: ``"no name"``).
    """
    mask, name = constrained(rows, demand)
    if demand.woman and mask.any() and demand.info.qtype == "person":
        # "Who was the deputy government spokeswoman …": นายคารม (a man, by his title) is
        # another holder of the post, however well he scores.
        men = mask & _men(rows, mask)
        if men.any():
            mask = mask & ~men
            if not mask.any():
                return mask, "no person"
    compounds = compound_mask(rows, demand)
    if not compounds.any():
        return mask, name
    mask = mask & ~compounds if mask.any() else ~compounds
    if not mask.any():
        return mask, "no name"
    return mask, name


def constrained(rows: SpanRows, demand: Demand) -> tuple[npt.NDArray[np.bool_], str]:
    """The candidates allowed to lead: :func:`kind_demanded`, then the asked qualifiers.

    Of the amounts, counts and dates a question asks for (the ``"type"`` constraint),
    those stated for another year, round, phase or quarter than the question names
    (:func:`bot.answering.qualifiers.agreement`) may not lead; when every one is, the
    kind's mask stands.  Those stated for the named one are not preferred: the
    qualifier may stand after the value, as encyclopaedias write ("19 ล้านคนต่อปี ใน
    ปี ค.ศ. 2011 แบ่งเป็น ... 14 ล้านคน"), and then the value after it is another.
    Names and words are left to the kind's mask.  Measured in BENCHMARKS.md ("Answers,
    seventh round").  In releases and reports (:data:`OFFICIAL_KINDS`), which state a
    period's figure beside the next one's, a value of the asked kind stated only for
    another period is no answer: ``"other period"`` with an all-False mask.
    """
    mask, name = kind_demanded(rows, demand)
    if name == "type" and demand.info.qtype == "count" and mask.any() \
            and not asks_ordinal(demand.text):
        # "วันที่ 88 ประชาชนลงทะเบียน...": a number that numbers the noun before it is
        # which one, not how many ("88 people" was led for "how many people").
        ordinal = np.fromiter((bool(m) and _numbers_noun_before(rows, i)
                               for i, m in enumerate(mask)), dtype=bool, count=len(mask))
        if ordinal.any():
            mask = mask & ~ordinal
            if not mask.any():
                return mask, "no count"
    if name == "head" and demand.venue:
        # "พิธี ... จัดที่วัดไหน": the temple the text says it was held at ("ณ วัด..."),
        # not a guest's temple named in the same passage.
        marked = mask & _after_at(rows, mask)
        if marked.any():
            mask = marked
    if name == "role" and not _ASKS_COMPANY.search(demand.text):
        # "นางเธียรรัตน์ ... รองปลัดกระทรวงแรงงาน ... พร้อมด้วย นางสาวอำพันธ์ ...
        # รองปลัดกระทรวงแรงงาน": of two holders of the asked post, the one who acted is
        # named first; the one "accompanying" them is not who led, chaired or gave.
        leading = mask & ~_accompanying(rows, mask)
        if leading.any():
            mask = leading
    if mask.any() and name == "type" and demand.info.qtype == "date" \
            and asks_end(demand.text):
        # "จัดถึงวันที่เท่าไร": a period's end is asked; a date of a range ("ตั้งแต่วันที่
        # 30 มีนาคม - 7 เมษายน 2567") answers it, not the release's own day.
        ranged = mask & _range_ends(rows)
        if ranged.any():
            mask = ranged
    if mask.any() and name == "type" and demand.info.qtype == "date" and demand.dates:
        # "On which dates in March 2023 did …": the range the text gives ("24-25 มีนาคม
        # 2566"), not the single day a release was written on.
        ranged = mask & _range_ends(rows)
        if ranged.any():
            mask = ranged
    if mask.any() and name == "type" and demand.info.qtype == "date" and (
            event := asked_life_event(demand.text)) is not None:
        # "มารีอา ... เกิดวันที่เท่าไร": a date the text tells of the death ("... สิ้นพระชนม์
        # เมื่อ 3 กรกฎาคม ค.ศ. 1642") is no birthday, nor a birth date the day of a death.
        other = mask & _of_other_life_event(rows, mask, event)
        if (mask & ~other).any():
            mask = mask & ~other
    if mask.any() and name == "type" and demand.info.qtype == "date" \
            and demand.days is not None:
        # "วันท้องถิ่นไทยตรงกับวันที่เท่าไร": the date written with that day, never another
        # named day's ("“วันนักมวย” ... ตรงกับวันที่ 17 มีนาคม") nor an event's.
        bound = mask & named_near(rows, demand.days, mask) if demand.days else mask & False
        if not bound.any():
            return bound, "other event"
        mask = bound
    if mask.any() and name == "type" and (labels := asked_labels(demand.text)):
        # "... Tier 1 เท่าไร": "Tier 1 และ Tier 2 จำนวน 715 บาท" is both tiers' figure.
        joined = joined_label_mask(rows, labels, mask)
        if joined.any():
            mask = mask & ~joined
            if not mask.any():
                return mask, "other item"
    if demand.rank is not None and demand.info.qtype not in ("count", "money", "percent"):
        # "จังหวัดใด... มากเป็นอันดับสาม": the item the text ranks third ("3. จังหวัด
        # ศรีสะเกษ"), never another item or a phrase that only starts like a name.
        base = mask if mask.any() else np.ones(len(mask), dtype=bool)
        bound = base & ranked_near(rows, demand.rank, base)
        if not bound.any():
            return bound, "other item"
        mask, name = bound, name or "rank"
    if mask.any() and name == "type" and demand.info.qtype == "date" and demand.founding:
        # "In what year was the Tha Chalom sanitary district established?": the date
        # written with the founding, not the day of a later ceremony about it.
        bound = mask & founded_near(rows, mask)
        if not bound.any():
            return bound, "other event"
        mask = bound
    if mask.any() and name in ("type", "time") and demand.names and (
            demand.time or demand.info.qtype == "date"):
        # "UNDP ขับเคลื่อนถึงเมื่อไร": the date or time of what the question names by its
        # name in Latin letters is written near that name, not 500 characters on, where
        # the passage tells of another event ("... ค.ศ. 2030 ระดับชาติ ...").
        bound = mask & named_near(rows, demand.names, mask)
        if not bound.any():
            return bound, "other event"
        mask = bound
    if mask.any() and name in ("type", "time", "venue", "head") and (
            demand.time or demand.info.qtype == "date" or demand.venue) and (
            numbers := event_ordinals(demand.text)):
        # "ESCAP สมัยที่ 80 ... เวลากี่โมง": the time of the 80th session is written near
        # "สมัยที่ 80" ("The 80th Session"), not beside another ESCAP meeting of the
        # ministry's report that shares only the name.
        bound = mask & ordinal_near(rows, numbers, mask)
        if not bound.any():
            return bound, "other event"
        mask = bound
    if mask.any() and name in ("type", "venue", "time") and asks_event_detail(demand):
        # "When was the MOI-UN Partnership meeting held?": a document states the date or
        # venue of each of its events beside the event's name; the value that leads is
        # one whose neighbourhood holds the question's words best, not another event's.
        cover = rows.x[:, _COL["cover200"]]
        best = float(cover[mask].max())
        near = mask & (cover >= EVENT_FOCUS * best)
        if near.any():
            mask = near
    if name == "type" and (unit := asked_unit(demand.text)) is not None:
        # "เบี้ยยังชีพเดือนละเท่าไร": an amount stated per month answers it, whatever kind
        # the bare "เท่าไร" was read for ("70 - 79 ปี" is no amount a month).
        numeric = np.asarray((rows.x[:, _NUMERIC] > 0).any(axis=1), dtype=bool)
        per = stated_per_mask(rows, unit, numeric)
        if per.any() and not (mask & per).any():
            mask = per
    bound = np.zeros(len(rows.x), dtype=bool)
    if name == "type" or (name == "" and demand.info.qtype == "count"
                          and demand.info.language == "th"):
        # "(1) พล.อ.ประยุทธ์ ... ไม่เห็นด้วย 272 (2) พล.อ.ประวิตร ... 274", "1. จังหวัดสงขลา
        # 3,425 ราย", "69 จังหวัด ยกเว้น 8 จังหวัด", "1 วัด 1 รูป": the value bound to what
        # the question names, not another's (bot.answering.bindings).
        mask, name, bound = _bound(rows, demand, mask, name)
        if name in ("other value", "no count"):
            return mask, name
    if mask.any():
        # The value a change replaced, a minimum required, one ranked the other way than
        # asked: another value of the asked kind (bot.answering.siblings).
        other = sibling_mask(rows, demand.text, mask, name, figures=demand.other_figures,
                             date=demand.info.qtype == "date",
                             english=demand.info.language == "en", original=demand.original)
        if bound.any():
            # "1. จังหวัดสงขลา 3,425 ราย" is one item of a ranking, and the one asked.
            other &= ~(bound & _ranked(rows, bound))
        if other.any():
            if (mask & ~other).any():
                mask = mask & ~other
            elif _all_official(rows, mask):
                return np.zeros(len(rows.x), dtype=bool), "other value"
    if mask.any() and name == "type" and demand.info.qtype == "count":
        # "ช่วงเทศกาลสงกรานต์ 2567 มีผู้เสียชีวิตกี่ราย": one province's first day, one
        # cause's deaths are parts of the festival's count (bot.answering.subcounts).
        part = sub_count_mask(rows, demand.text, mask, OFFICIAL_KINDS)
        if part.any():
            if (mask & ~part).any():
                mask = mask & ~part
            elif _all_official(rows, mask):
                return np.zeros(len(rows.x), dtype=bool), "other value"
    if mask.any() and name == "type" and demand.info.qtype in ("count", "money") \
            and asks_national(demand.text):
        # "ผู้ลงทะเบียนหนี้นอกระบบ ... กี่ราย" of "1. กรุงเทพมหานคร ... มีผู้ลงทะเบียน 7,000 ราย
        # เจ้าหนี้ 6,085 ราย 2. จังหวัด...": an item of a list by province is a part of the
        # nation's figure (bot.answering.bindings.provincial_item), in Thai and English.
        items = provincial_mask(rows, mask)
        if items.any():
            if (mask & ~items).any():
                mask = mask & ~items
            elif _all_official(rows, mask):
                return np.zeros(len(rows.x), dtype=bool), "other value"
    if mask.any() and name == "type" and demand.info.qtype == "count" \
            and demand.info.language == "th" \
            and set((demand.info.unit or "").split("|")) & _NATIONAL_UNITS:
        # "มหาดไทย Kick-Off ... กี่แห่ง": the nation's 7,773, not one province's 104
        # (bot.answering.bindings).  Counts of places, bodies, households and people
        # only: an age, a weight seized or an amount is no part of a national total.
        scoped = national_mask(rows, demand.text, mask)
        if scoped.any() and (mask & ~scoped).any():
            mask = mask & ~scoped
    if mask.any() and name == "type" and demand.info.qtype == "count":
        # "ตลาดเครื่องมือแพทย์ของไทย ... เท่าไร": the world's or another country's figure,
        # stated beside Thailand's, is no answer (bot.answering.bindings).
        other = other_scope_mask(rows, demand.text, mask)
        if other.any():
            if (mask & ~other).any():
                mask = mask & ~other
            elif _all_official(rows, mask):
                return np.zeros(len(rows.x), dtype=bool), "other value"
    if not demand.qualifiers or name != "type":
        return mask, name
    _, disagree = agreement(rows, demand.qualifiers)
    ok = mask & ~disagree
    if ok.any():
        return ok, name
    if _all_official(rows, mask):
        return np.zeros(len(rows.x), dtype=bool), "other period"
    return mask, name


#: The units of counts a question naming no place asks of the whole country (places,
#: bodies, households, people, projects): one province's count is then no answer.
_NATIONAL_UNITS = frozenset({"แห่ง", "อปท.", "อปท", "หมู่บ้าน", "ชุมชน", "ตำบล", "อำเภอ",
                             "จังหวัด", "ครัวเรือน", "คน", "ราย", "โครงการ", "ศูนย์"})


def _bound(rows: SpanRows, demand: Demand, mask: npt.NDArray[np.bool_], name: str
           ) -> tuple[npt.NDArray[np.bool_], str, npt.NDArray[np.bool_]]:
    """``mask`` narrowed to the values bound to what the question names, its name, the bound.

    With no constraint (``name`` ""), the candidates that open with a number are read, and
    a binding found makes them the ``"type"`` ones ("กี่เสียง": "272").  Every candidate of
    a release bound to another thing: ``"other value"`` (``"no count"`` unconstrained).
    """
    count = demand.info.qtype == "count"

    def numbers() -> npt.NDArray[np.bool_]:
        # The numeric candidates that open with their number ("272", "205 ไม่").
        numeric = np.asarray(rows.x[:, _NUMERIC].any(axis=1) > 0)
        return numeric & np.fromiter(
            (bool(numeric[r]) and _DIGIT_AT.match(rows.span(r)[0].text, rows.span(r)[1])
             is not None for r in range(len(rows.x))), dtype=bool, count=len(rows.x))

    among = mask if name else numbers()
    if not among.any():
        return mask, name, np.zeros(len(rows.x), dtype=bool)
    bound, other = value_bindings(rows, demand.text, among, count=count)
    if name == "":
        # "กี่เสียง" and "เห็นด้วย 206 ไม่เห็นด้วย 272": the value bound to the item and
        # label asked is of the asked kind, though no unit is written with it.
        bound &= _clean(rows, bound, demand.info.unit)
        return (bound, "type", bound) if bound.any() else (mask, name, bound)
    if bound.any():
        clean = mask & bound & _clean(rows, mask & bound, demand.info.unit)
        if not clean.any():
            # "205 ไม่" (a count read with the next label's first word): the bare number.
            wider, _ = value_bindings(rows, demand.text, numbers(), count=count)
            wider &= _clean(rows, wider, demand.info.unit)
            if wider.any():
                return wider, name, wider
        return mask & bound, name, bound
    if other.any():
        if (mask & ~other).any():
            return mask & ~other, name, bound
        if _all_official(rows, mask):
            return np.zeros(len(rows.x), dtype=bool), "other value", bound
    return mask, name, bound


_DIGIT_AT = re.compile(r"\d")
_NUMBER_AT = re.compile(r"[\d,.]+\s*")


def _clean(rows: SpanRows, among: npt.NDArray[np.bool_], unit: str | None
           ) -> npt.NDArray[np.bool_]:
    """Which of ``among`` are a number alone or a number and the unit asked (``unit``)."""
    units = set((unit or "").split("|")) - {""}
    out = np.zeros(len(rows.x), dtype=bool)
    for r in np.flatnonzero(among).tolist():
        p, a, b = rows.span(r)
        m = _NUMBER_AT.match(p.text, a, b)
        rest = p.text[m.end():b].strip() if m else p.text[a:b]
        out[r] = rest == "" or rest in units or any(rest.startswith(u) for u in units) or (
            candidate_unit(p.text[a:b]) in COUNT_UNITS)
    return out


def _ranked(rows: SpanRows, among: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
    """Which of the candidates ``among`` are items of a ranking (siblings.ranked_item)."""
    out = np.zeros(len(rows.x), dtype=bool)
    for r in np.flatnonzero(among).tolist():
        p, a, _ = rows.span(r)
        out[r] = ranked_item(p.text, a)
    return out


#: A question about who came along ("พร้อมด้วยใคร", "who accompanied") asks the companion.
_ASKS_COMPANY = re.compile(r"พร้อมด้วย|ร่วมกับ|accompan", re.I)
#: What a companion is written after: "พร้อมด้วย", "พร้อมทั้ง", "และ" (characters before
#: the candidate looked at: :data:`COMPANION_REACH`).
_COMPANION = re.compile(r"(?:พร้อมด้วย|พร้อมทั้ง|พร้อม|และ)\s*$")
COMPANION_REACH = 16


def _accompanying(rows: SpanRows, among: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
    """Which of the candidates ``among`` are written as accompanying an earlier one of them.

    A candidate right after "พร้อมด้วย" (or "และ", "พร้อมทั้ง") in a passage where another
    candidate of ``among`` starts before it.
    """
    out = np.zeros(len(rows.x), dtype=bool)
    starts: dict[int, int] = {}
    for r in np.flatnonzero(among).tolist():
        _, a, _ = rows.span(r)
        k = int(rows.owner[r])
        starts[k] = min(starts.get(k, a), a)
    for r in np.flatnonzero(among).tolist():
        p, a, _ = rows.span(r)
        if starts[int(rows.owner[r])] < a and _COMPANION.search(
                p.text[max(0, a - COMPANION_REACH):a]):
            out[r] = True
    return out


def _after_at(rows: SpanRows, among: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
    """Which of the candidates ``among`` are written after "ณ", the mark of a venue."""
    out = np.zeros(len(rows.x), dtype=bool)
    for r in np.flatnonzero(among).tolist():
        p, a, _ = rows.span(r)
        out[r] = p.text.startswith("ณ", a) or p.text[max(0, a - 3):a].rstrip().endswith("ณ")
    return out


def _all_official(rows: SpanRows, mask: npt.NDArray[np.bool_]) -> bool:
    """Whether the candidates ``mask`` allows all come from releases and reports."""
    owners = np.unique(rows.owner[mask]).tolist()
    return bool(owners) and all(rows.passages[k].hit.kind in OFFICIAL_KINDS for k in owners)


def kind_demanded(rows: SpanRows, demand: Demand) -> tuple[npt.NDArray[np.bool_], str]:
    """The candidates allowed to lead, by the first constraint that any candidate meets.

    Returns the mask and the constraint's name (``"time"``, ``"type"``, ``"head"``,
    ``"role"``, ``"title"``), or an all-False mask and ``""`` when none applies.  A
    question for a clock time that no candidate states gives an all-False mask and
    ``"no time"``, one for a name of a kind none is of ``"no name"``: the passages do
    not answer it.
    """
    if demand.time:
        times = time_mask(rows, demand)
        return (times, "time") if times.any() else (times, "no time")
    if demand.info.qtype in ("what", "title") and _ASKS_NUMBER.search(demand.text):
        # "รางวัลที่ 1 หมายเลขอะไร", "เบอร์โทรอะไร": a number is asked; a prize car, a
        # name, is no answer.
        numbers = number_mask(rows)
        return (numbers, "number") if numbers.any() else (numbers, "no number")
    official = np.fromiter((p.hit.kind in OFFICIAL_KINDS for p in rows.passages), dtype=bool,
                           count=len(rows.passages))[rows.owner]
    for name, mask in (("type", answer_type_mask(rows.x, demand.info, official)),
                       ("head", head_mask(rows, demand)), ("venue", venue_mask(rows, demand)),
                       ("role", role_mask(rows, demand)), ("role", receiver_mask(rows, demand)),
                       ("title", title_mask(rows, demand))):
        if mask.any():
            return mask, name
    if demand.heads:
        # A name of the asked kind ("ทีมไหน", "อำเภออะไร") is asked and the passages
        # name none: they do not answer it (another kind of name would be a wrong value).
        return np.zeros(len(rows.x), dtype=bool), "no name"
    if demand.receiver and (rows.x[:, _COL["ct_person"]] > 0).any():
        # "มอบหมายใคร" and no person read is named after the verb: the one named (the
        # person who delegated, who reported) is not the one asked for.
        return np.zeros(len(rows.x), dtype=bool), "no holder"
    if demand.role is not None and (
            (rows.x[:, _COL["ct_person"]] > 0).any()
            or all(p.hit.kind in OFFICIAL_KINDS for p in rows.passages)):
        # Who holds the position is asked; the passages name people with their titles,
        # as Thai official text does, and none of them beside it (or, in reports and
        # releases, which always write titles, no one at all: "ปลัดกระทรวงมหาดไทยชื่ออะไร"
        # over the report form's passages is no "โครงการ").  (Text that names
        # people without titles, as encyclopaedias write foreign names, is left to
        # the model.)
        return np.zeros(len(rows.x), dtype=bool), "no holder"
    return np.zeros(len(rows.x), dtype=bool), ""
