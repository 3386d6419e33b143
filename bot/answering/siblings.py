"""Sibling values: a passage states several values of the asked kind, and says which is which.

A release holds the value asked for beside others of the same kind, and its own words
tell them apart:

* **old value** — "ขยายเวลาจากเดิมที่สิ้นสุดในวันที่ 5 มี.ค. 64 เป็นวันที่ 26 มี.ค. 64",
  "ลดการระบายจาก 2,200 เหลือ 2,000 ลบ.ม./วินาที": the value after "จาก(เดิม)" and
  before "เป็น"/"เหลือ" is the one replaced, not the one a question about the change
  asks for (unless it asks for the old one: "เดิม", "ก่อน");
* **requirement** — "อปท. ... ต้องมีธนาคารขยะอย่างน้อย 1 แห่ง": a minimum each must meet
  is no count of what was done (unless the question asks for a minimum or a target);
  a count of one written as a minimum is no answer to a count question at all: the
  answerer refuses it (:func:`minimum_of_one`);
* **opposite rank** — "5 ลำดับแรก คือ 1. กรุงเทพมหานคร ..." and "น้อยที่สุด คือ
  แม่ฮ่องสอน": a question for the fewest is not answered from a list of the most, nor
  the other way round (the nearest rank word before the value says which it is);
* **another event's date** — "จะแล้วเสร็จตามสัญญา ในวันที่ 7 สิงหาคม 2566" is no date
  the contract was signed ("สัญญาจ้างลงนามวันไหน"), "ซึ่งจะจัดขึ้นในวันที่ 4 ธันวาคม" no
  day an observance falls on ("ตรงกับวันที่เท่าไร"): the milestone word before a date
  says what it is the date of; nor is "5 ธันวาคม ของทุกปี เป็นวันอาสาสมัครสากล" the
  day of "วันอาสาสมัครไทย";
* **another place's value** — "บ้านสบปะ ต.ริมปิง มีเครื่องสูบน้ำ 3 เครื่อง และ บ้านป่าไผ่
  ต.หนองช้างคืน มีเครื่องสูบน้ำ 2 เครื่อง": the nearest village, subdistrict or district
  before a value is the one it is stated for;
* **a false premise** — a question that counts one group ("ผู้ชาย 999 คน") where the
  text counts another ("สตรี 999 คน") is answered with that said first
  (:func:`contradicted_premise`, read by the answerer);
* **the question's own figure** — "... วงเงิน 3.48 ล้านล้านบาท ... กระทรวงมหาดไทยได้รับ
  งบประมาณเท่าไร": a figure the question states is not the one it asks (:func:`echoed_value`);
* **the question's own day** — "ครม. เมื่อ 14 มี.ค. 66 ทบทวนมติ ครม. ลงวันที่เท่าไร": a whole
  date the question writes is not the date it asks
  (:func:`bot.answering.echoed_date.echoed_date`);
* **a label** — "หมู่ที่ 15 ตำบลแม่ศึก" is village number 15, no count of subdistricts
  (:func:`labels_a_number`);
* **another unit's value** — "หมู่บ้านละ 20,000 บาท ... ครัวเรือนละ 3,000 บาท": a value
  stated per another unit than the question asks per (:mod:`bot.answering.per_unit`);
* **another sector's value** — "งบประมาณด้านการอุดมศึกษา ... 114,634 ล้านบาท" for a question
  about "ด้านวิทยาศาสตร์" (:mod:`bot.answering.sectors`);
* **another list item's value** — "ทุเรียน ... 103,958 ล้านบาท มังคุด ... 16,705 ล้านบาท":
  the value of the item named right before it (:mod:`bot.answering.list_items`);
* **part of a total** — "ลงทะเบียนแล้ว 94,415 ราย โดยเป็นการลงทะเบียนผ่านระบบออนไลน์
  84,184 ราย และ ... ณ ศูนย์ฯ 10,231 ราย", "จำนวนทั้งสิ้น 3 ราย พบว่าเสพยาเสพติด 1 ราย": a
  part is no answer to how many in all, unless the question names the part
  ("ลงทะเบียนออนไลน์กี่ราย");
* **another role** — "เป้าหมายรวม จำนวน 86,000 แปลง ... ออกโฉนดแล้ว 42,412 แปลง": a target,
  plan or projection is no answer to what has been done ("ออกโฉนดไปแล้วกี่แปลง"), nor
  what was done to the target asked ("ตั้งเป้ากี่แปลง"); a value whose role cannot be told
  answers neither (:mod:`bot.answering.value_roles`);
* **a change** — "การแพร่ระบาดเพิ่ม 1 แห่ง ... เพิ่มเป็น 23 แห่ง", "เปิดอีก 5 แห่ง": an increment
  or a margin is no answer to how many there are (:func:`difference`), unless the question
  asks for the change (:func:`asks_change`); the level it comes to ("เพิ่มเป็น") is.

:func:`sibling_mask` marks such candidates; :func:`bot.answering.constraints.demanded`
lets them lead only when no other candidate of the asked kind is left.  Constraints read
from the texts' and the question's words, not tuned weights.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from bot.answering.consistency import MONTH_NAMES
from bot.answering.counted import other_group
from bot.answering.date_markers import unmarked_date_mask
from bot.answering.echoed_date import echoed_date
from bot.answering.list_items import measure_at, other_item_mask
from bot.answering.parts import SPLIT_WORDS, letter_runs, other_part_mask
from bot.answering.per_unit import other_unit_mask
from bot.answering.places import province_names
from bot.answering.question import is_yes_no
from bot.answering.reading import SpanRows
from bot.answering.sectors import asked_sector, other_sector
from bot.answering.shares import other_share
from bot.answering.success import asks_success, other_than_success
from bot.answering.value_roles import asked_role, other_role
from indexer.tokenize import word_spans

__all__ = ["CHANGE_REACH", "EVENT_REACH", "PARTS_REACH", "PLACE_REACH", "PRESS_REACH",
           "RANK_REACH", "STATUS_REACH", "TARGET_REACH", "VENUE_ADDRESS_REACH", "asked_country",
           "asked_event",
           "asked_places", "asked_rank", "asked_status", "asks_change", "asks_growth",
           "contradicted_premise", "difference", "echoed_value", "labels_a_number",
           "minimum_of_one", "opposite_rank", "other_country", "other_day", "other_event",
           "other_place", "other_status", "part_of_total", "press_venue", "ranked_item",
           "reference_clause", "reference_date", "replaced_value", "requirement",
           "sibling_mask", "stated_as_change", "venue_elsewhere", "venue_province"]

# -- old value ------------------------------------------------------------------------
#: "จากเดิม" (with up to 30 characters and no digit), or "จาก" itself, right before a value.
_FROM = re.compile(r"(?:จากเดิม[^\d\n]{0,30}|จาก\s?)$")
#: After the value (its unit, no digit): "เป็น", "มาเป็น", "เหลือ", "เพิ่มขึ้นเป็น".
_TO = re.compile(r"[^\d\n]{0,25}?(?:เป็น|เหลือ)")
#: A question that asks for the value before a change.
_ASKS_OLD = re.compile(r"เดิม|ก่อน(?:หน้า|ขยาย|ปรับ|เปลี่ยน|เลื่อน)?|previous|original|before",
                       re.I)


def replaced_value(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is the value a change replaced ("จากเดิม X เป็น Y")."""
    return bool(_FROM.search(text[max(0, start - 40):start])) and bool(
        _TO.match(text, end, end + 40))


# -- requirement ----------------------------------------------------------------------
#: A minimum: "อย่างน้อย", "ไม่น้อยกว่า", "ไม่ต่ำกว่า" right before the value ...
_MINIMUM = re.compile(r"(?:อย่างน้อย|ไม่น้อยกว่า|ไม่ต่ำกว่า)\s*$")
#: ... that something must meet: "ต้องมี", "ให้มี", "แห่งละ", "เป้าหมาย", "กำหนด".
_MUST = re.compile(r"ต้อง|ให้มี|ให้ได้|\Sละ|เป้าหมาย|กำหนด|ควร")
_ASKS_MINIMUM = re.compile(r"อย่างน้อย|ขั้นต่ำ|ไม่น้อยกว่า|ไม่ต่ำกว่า|เป้า|ต้องมี|"
                           r"at least|minimum|target", re.I)


#: A target stated right before its value: "มีเป้าหมาย 1 อปท. 1 ธนาคารขยะ".
_TARGET = re.compile(r"เป้าหมาย(?:ที่|คือ|ไว้)?\s*$")


#: A target set earlier in the value's clause: "มีเป้าหมายในการจัดเก็บเงินนำส่ง...
#: จำนวน 175,000 ล้านบาท", "ตั้งเป้า..." (not "ร้อยละ 47 ของเป้าหมาย", a share of it, a
#: target ball, "ลูกเป้าหมาย", nor the Sustainable Development Goals).
_TARGET_CLAUSE = re.compile(r"(?:มี|ตั้ง|วาง|กำหนด)เป้า(?:หมาย)?"
                            r"(?!\s?(?:ที่\s?\d|การพัฒนา|SDG|\())")
#: Words that open the next clause, or a value of its own, whose value is no longer the
#: target's ("เป้าหมาย 100 ราย และดำเนินการแล้ว 50 ราย").
_CLAUSE_OPENS = re.compile(r"โดย|ซึ่ง|ส่วน|ขณะที่|แต่|ทั้งนี้|สามารถ|ได้แล้ว|[,;]|\d\s*(?:ราย|คน|แห่ง|"
                           r"หน่วย|บาท|ล้าน|พัน|หมื่น|แสน|โดส|ตัน|ครั้ง|%)")
#: Characters before a value searched for a target its clause states.
TARGET_REACH = 160


def requirement(text: str, start: int, *, clause: bool = True) -> bool:
    """Whether the value at ``text[start]`` is a minimum or a target ("ต้องมี...อย่างน้อย 1 แห่ง").

    A target is written right before its value ("มีเป้าหมาย 1 อปท.") or opens the value's
    clause, with no other value or clause word between (``clause``: read the clause too;
    a date's clause is its event's, not a target's).
    """
    before = text[max(0, start - 40):start]
    if _TARGET.search(before):
        return True
    left = max(0, start - TARGET_REACH, text.rfind("\n", 0, start) + 1)
    last = None
    for t in (_TARGET_CLAUSE.finditer(text, left, start) if clause else ()):
        last = t
    if last is not None and not _CLAUSE_OPENS.search(text, last.end(), start):
        # (A number in the clause's own noun, "ต่ำกว่าร้อยละ 50", is part of its words.)
        return True
    m = _MINIMUM.search(before)
    return m is not None and bool(_MUST.search(before, 0, m.start()))


#: "อย่างน้อย 1", "ไม่น้อยกว่า 1 แห่ง", "ขั้นต่ำ 1", "at least 1": a one written as a minimum
#: (the minimum's word in the value or right before it).
_ONE_MINIMUM_WORDS = ("อย่างน้อย", "ไม่น้อยกว่า", "ขั้นต่ำ")
_ONE_MINIMUM_BEFORE = re.compile(r"(?:อย่างน้อย|ไม่น้อยกว่า|ขั้นต่ำ|at\s+least)\s*$", re.I)
_ONE = re.compile(r"\s*(?:(?:อย่างน้อย|ไม่น้อยกว่า|ขั้นต่ำ)\s*)?1(?!\d|[.,]\d)")


def minimum_of_one(text: str, start: int, end: int, question: str = "") -> bool:
    """Whether the candidate ``text[start:end]`` is "at least 1" (of something).

    A count of one written as a minimum is a rule ("each local body must have at least
    one waste bank"), never the answer to how many there are or took part: the
    answerer refuses a count question whose answer would be it, unless ``question``
    asks for the minimum itself ("ต้องมีอย่างน้อยกี่แห่ง", "at least how many").
    :func:`requirement` is the milder rule for any value: a minimum that something must meet
    (a word of obligation before it) or a target only gives way to the other values of the
    asked kind, and not when the question asks for a minimum or a target. The two differ in
    words too ("ไม่ต่ำกว่า" is a minimum there, "ขั้นต่ำ" and "at least" here), and are kept
    apart so that neither changes answers.
    """
    value = text[start:end]
    if _ONE.match(value) is None or _ASKS_MINIMUM.search(question):
        return False
    if value.lstrip().startswith(_ONE_MINIMUM_WORDS):
        return True
    return bool(_ONE_MINIMUM_BEFORE.search(text[max(0, start - 20):start]))


# -- part of a total ------------------------------------------------------------------
#: A total split into parts: "ลงทะเบียนแล้ว 94,415 ราย โดยเป็นการลงทะเบียนผ่านระบบออนไลน์
#: 84,184 ราย และ ... ณ ศูนย์ 10,231 ราย".
_DIGIT = re.compile(r"\d")
#: Characters before a value searched for the words that split a total.
PARTS_REACH = 120


#: A value written as a total: "จำนวนทั้งสิ้น 3 ราย", "รวม 12 แห่ง", "ทั้งหมด 40 คน".
_TOTAL = re.compile(r"(?:ทั้งสิ้น|ทั้งหมด|รวม)\s?(?:จำนวน|เป็นจำนวน|ประมาณ)?\s?(?=\d)")


def part_of_total(text: str, start: int, question: str) -> bool:
    """Whether the value at ``text[start]`` is one part of a total stated before it.

    The total is split ("94,415 ราย โดยเป็น ... 84,184 ราย") or written as one
    ("จำนวนทั้งสิ้น 3 ราย พบว่าเสพยาเสพติด 1 ราย": a later value in the same measure is
    one of them).  A part is asked for by its own words ("ลงทะเบียนออนไลน์กี่ราย"): when
    the question holds one of the words between the value before it and the value, it
    is no sibling.
    """
    left = max(0, start - PARTS_REACH, text.rfind("\n", 0, start) + 1)
    split = None
    for m in SPLIT_WORDS.finditer(text, left, start):
        split = m
    if split is None or not re.search(r"\d", text[left:split.start()]):
        split = _stated_total(text, left, start)
        if split is None:
            return False  # no total stated before the split
    # The part's own label: the words between the value before it (or the split) and
    # the value, less those the paragraph writes before the split (the total's words:
    # "หนี้นอกระบบ", "ครัวเรือน"), compared by four letters ("อ.แม่สาย" asks "แม่สาย").
    digits = [m.end() for m in _DIGIT.finditer(text, split.end(), start)]
    label = text[max([split.end(), *digits]):start]
    total = text[max(0, text.rfind("\n", 0, split.start()) + 1):split.start()]
    own = letter_runs(label) - letter_runs(total)
    return not any(g in question for g in own)


def _stated_total(text: str, left: int, start: int) -> re.Match[str] | None:
    """The last total written in ``text[left:start]`` in the measure of the value at ``start``.

    Measures as :func:`bot.answering.list_items.measure_at` reads them; None when no such
    total is written.
    """
    measure = measure_at(text, start)
    if measure is None:
        return None
    found = None
    for m in _TOTAL.finditer(text, left, start):
        if m.end() < start and measure_at(text, m.end()) == measure:
            found = m
    return found


# -- opposite rank --------------------------------------------------------------------
_MOST = r"มากที่สุด|มากสุด|สูงที่สุด|สูงสุด|ลำดับแรก|อันดับแรก|แชมป์|\bmost\b|\bhighest\b|\btop\b"
_LEAST = (r"น้อยที่สุด|น้อยสุด|ต่ำที่สุด|ต่ำสุด|ลำดับสุดท้าย|อันดับสุดท้าย|\bfewest\b|"
          r"(?<!at )\bleast\b|\blowest\b")
_RANK = re.compile(rf"(?P<most>{_MOST})|(?P<least>{_LEAST})", re.I)
_RANK_AFTER = re.compile(rf"\s?(?:(?P<most>{_MOST})|(?P<least>{_LEAST}))", re.I)
#: Characters before a value searched for the rank word it is listed under.
RANK_REACH = 200
#: A later item of a numbered list, right before a value: "3. ", "12) ".
_LATER_ITEM = re.compile(r"(?<![\d.,])(?:[2-9]|[1-9]\d)[.)]\s*$")


def asked_rank(question: str) -> str | None:
    """``"most"`` or ``"least"`` when the question asks for one and not the other."""
    found = {m.lastgroup for m in _RANK.finditer(question)}
    return found.pop() if len(found) == 1 else None


#: A ranked item's words: the rank, or "รองลงมา", "อันดับ N" (the items after the first).
_RANKED = re.compile(rf"{_MOST}|{_LEAST}|รองลงมา|อันดับ(?:ที่)?\s?\d|ลำดับ(?:ที่)?\s?\d", re.I)


#: Characters before a value searched for the rank of the item it is.
RANKED_REACH = 60


def ranked_item(text: str, start: int) -> bool:
    """Whether the value at ``text[start]`` is one item of a ranking, not a total.

    "หน่วยเหลือขายสูงสุด 3 อันดับแรก คือ ห้วยขวาง-จตุจักร-ดินแดง 9,751 หน่วย รองลงมา
    คือ ...": the label after the number before the value (within :data:`RANKED_REACH`
    characters and the paragraph) names a rank.  Read for questions that ask no rank.
    """
    left = max(0, start - RANKED_REACH, text.rfind("\n", 0, start) + 1)
    digits = [m.end() for m in _DIGIT.finditer(text, left, start)]
    label_from = max([left, *digits])
    if label_from > left and _RANKED.search(text, max(left, label_from - 12), label_from):
        # "3 อันดับแรก คือ ...": the rank's own number, then its first item.
        label_from = max(left, label_from - 12)
    return _RANKED.search(text, label_from, start) is not None


# A value's share of the whole right after it: "503,647 ล้านบาท คิดเป็นสัดส่วนเฉลี่ยต่อเดือน
# ร้อยละ 61.5" (under 100 per cent: a part).
_SHARE_AFTER = re.compile(
    r"\s?(?:โดย)?คิดเป็น(?:สัดส่วน)?[\u0e01-\u0e4e]{0,20}\s?(?:ร้อยละ|%)\s?\d{1,2}(?:\.\d+)?(?!\d)")
# Words that rank the items of a breakdown: "มากที่สุด", "รองลงมา", "อันดับสาม", "น้อยที่สุด".
_RANKING = re.compile(rf"{_MOST}|{_LEAST}|รองลงมา|(?:อันดับ|ลำดับ)(?:ที่)?\s?(?:\d|หนึ่ง|แรก|สอง|สาม|"
                      rf"สี่|ห้า|สุดท้าย)|ตามด้วย", re.I)
#: Characters around a value with its share searched for the words ranking it.
RANKED_SHARE_REACH = 200


def ranked_share(text: str, start: int, end: int) -> bool:
    """Whether the value ``text[start:end]`` is one item of a breakdown ranked by share.

    "มูลค่า...มากที่สุด ... คือ ระดับราคามากกว่า 10.00 ล้านบาทขึ้นไป โดยมีมูลค่า... 503,647
    ล้านบาท คิดเป็นสัดส่วนเฉลี่ยต่อเดือนร้อยละ 61.5 รองลงมาเป็นอันดับสอง คือ ...": the
    value's share of the whole (under 100 per cent) right after it, and a word ranking
    the items (:data:`_RANKING`) within :data:`RANKED_SHARE_REACH` characters before the
    value or after its share in its paragraph; the whole is stated elsewhere, if at all.
    A share with no ranking ("เบิกจ่ายแล้ว 500 ล้านบาท คิดเป็นร้อยละ 80 ของงบประมาณ") is the
    value's progress, not a part.  Read for questions that ask no rank.
    """
    share = _SHARE_AFTER.match(text, end)
    if share is None:
        return False
    left = max(0, start - RANKED_SHARE_REACH, text.rfind("\n", 0, start) + 1)
    stop = text.find("\n", share.end())
    right = min(share.end() + RANKED_SHARE_REACH, len(text) if stop < 0 else stop)
    return bool(_RANKING.search(text, left, start) or _RANKING.search(text, share.end(), right))


def opposite_rank(text: str, start: int, end: int, asked: str) -> bool:
    """Whether the value at ``text[start:end]`` is listed under the other rank than ``asked``.

    A value listed after the first item of a numbered list ("3. จังหวัด...") is no one's
    top or bottom.  A rank word in the value itself ("จังหวัด 5 ลำดับแรก") or right after it
    ("แม่ฮ่องสอนน้อยสุด 55 ราย"), else the nearest one before it within
    :data:`RANK_REACH` characters and the same paragraph, decides.
    """
    if _LATER_ITEM.search(text, max(0, start - 6), start):
        # "5 ลำดับแรก คือ 1. ... 3. จังหวัดสมุทรสงคราม": only a ranked list's first item is
        # the most (or the least); a later one is neither.
        return True
    inside = list(_RANK.finditer(text, start, end))
    if inside:
        return inside[-1].lastgroup != asked
    after = _RANK_AFTER.match(text, end)
    if after is not None:
        return after.lastgroup != asked
    left = max(0, start - RANK_REACH, text.rfind("\n", 0, start) + 1)
    last = None
    for m in _RANK.finditer(text, left, start):
        last = m
    return last is not None and last.lastgroup != asked


# -- another event's date --------------------------------------------------------------
#: Milestones a date is written after: signing, completion, start, approval, the day an
#: observance falls on, the day an event is held.
_EVENTS = {
    "sign": r"ลงนาม",
    # Registration closes ("ปิดลงทะเบียน", "ปิดรับสมัคร", "หมดเขต") or opens on a day.
    "finish": r"แล้วเสร็จ|เสร็จสิ้น|สิ้นสุด|ครบกำหนด|ปิด\s?(?:ลงทะเบียน|รับ)|หมดเขต",
    "start": r"เริ่มต้น|เริ่ม|เปิด\s?(?:ให้\s?)?(?:ลงทะเบียน|รับ)",
    "approve": r"เห็นชอบ|อนุมัติ|มีมติ",
    "fall": r"ตรงกับ",
    "hold": r"จัดขึ้น|จะจัด|จัดงาน|จัดพิธี|จัดกิจกรรม",
    # An appointment takes effect ("มีผลตั้งแต่วันที่ 17 พ.ย.") before its holder takes
    # office ("เข้ารับหน้าที่วันแรก"); a course closes ("พิธีปิด") after it opens.
    "effective": r"มีผล(?:ตั้งแต่)?|โปรดเกล้า|แต่งตั้ง",
    "office": r"เข้ารับหน้าที่|รับหน้าที่|เข้ารับตำแหน่ง|รับตำแหน่ง",
    "close": r"พิธีปิด|ปิดการ|ปิดงาน|ปิดโครงการ",
    # A press conference about an event is held days before it ("แถลงข่าวการจัดงาน");
    # a statement ("ถ้อยแถลง", "แถลงการณ์") is no press conference.
    "press": r"แถลงข่าว|แถลงผล|(?<!ถ้อย)แถลง(?!การณ์)",
}
_EVENT = re.compile("|".join(f"(?P<{k}>{v})" for k, v in _EVENTS.items()))
#: Characters before a date searched for the milestone it is of.
EVENT_REACH = 40


#: Milestones at the end of a range: its start is not theirs.
_ENDS = frozenset({"finish", "close"})
#: A range's start: "ตั้งแต่(วันที่) <date> (จน)ถึง(วันที่) <date>".
_RANGE_START = re.compile(r"ตั้งแต่\s*(?:วันที่\s*)?$")
_RANGE_END = re.compile(r"[^\n]{1,25}?\s(?:จน)?ถึง(?:วันที่)?\s*\d")


#: A clause a date question names as its time's reference, not as its event: "... หลัง
#: ไทยเข้าเป็นสมาชิก HCCH เมื่อวันไหน" asks when something happened after the joining.
_REFERENCE = re.compile(r"(?:ภายหลัง(?:จาก)?|หลังจาก(?:ที่)?|หลัง(?!คา|บ้าน|ละ)|ก่อน(?:ที่|หน้า)?)"
                        r"(?=\s?[\u0e01-\u0e4eA-Za-z])")
#: Where the asking words of a date question begin ("เมื่อไร", "เมื่อวันไหน", "วันที่เท่าไร").
_ASKING = re.compile(r"\s*(?:เมื่อ|วัน|ตอน|ช่วง|ปี|เดือน|when|what date)", re.I)


def _main_clause(question: str) -> str:
    """``question`` without the reference clause it may name ("หลัง X", "ก่อน X")."""
    return reference_clause(question)[0]


def reference_clause(question: str) -> tuple[str, str]:
    """``(main, reference)``: a date question split at "หลัง"/"ก่อน" (``reference`` "" if none).

    "ครม. เห็นชอบแต่งตั้งคณะกรรมการหลังไทยเข้าเป็นสมาชิก HCCH เมื่อวันไหน" ->
    ("ครม. เห็นชอบแต่งตั้งคณะกรรมการ เมื่อวันไหน", "ไทยเข้าเป็นสมาชิก HCCH"): the
    reference runs to the asking words.
    """
    m = _REFERENCE.search(question)
    if m is None or m.start() == 0:
        return question, ""
    rest = question[m.end():]
    ask = None
    for w in _DATE_ASK.finditer(rest):
        ask = w
    cut = ask.start() if ask is not None else len(rest)
    return f"{question[:m.start()]} {rest[cut:]}".strip(), rest[:cut].strip()


#: The asking words of a date question, as :data:`bot.answering.question` reads its type.
_DATE_ASK = re.compile(r"เมื่อไ[รห]|เมื่อใด|เมื่อวัน|วันที่เท่าไ|วันไหน|วันใด|ตรงกับ|\bwhen\b|"
                       r"what date", re.I)


def asked_event(question: str) -> str | None:
    """The one milestone (:data:`_EVENTS`) a date question names, or None.

    A milestone of the reference clause ("หลังลงนาม ... เมื่อไร") is not the one asked.
    """
    found = {m.lastgroup for m in _EVENT.finditer(_main_clause(question))}
    return found.pop() if len(found) == 1 else None


#: Milestones whose date is never another event's answer unless asked: a press conference
#: about an event ("แถลงข่าว"), an appointment ("แต่งตั้ง"; not "โปรดเกล้าฯ" alone: "โปรด
#: เกล้าฯ สถาปนากระทรวงมหาดไทยขึ้น เมื่อวันที่ 1 เมษายน" is the founding's date).
_UNASKED = re.compile(r"แถลงข่าว|แต่งตั้ง")
#: Characters after a release's opening date searched for what happened that day
#: ("เมื่อวันที่ 5 มี.ค. 63 เวลา 10.00 น. ณ ... นาย ก. แถลงข่าวการจัดงาน ...").
OPENING_REACH = 160
#: A date that opens what happened that day: "เมื่อวันที่", "วันนี้ (", "(".
_OPENING = re.compile(r"(?:เมื่อ(?:วันที่)?|วันนี้\s*\(|วันที่)\s*$")
_DAY_MONTH = re.compile(rf"\d+\s*(?:{MONTH_NAMES})")
#: Verbs a release's opening date reports with ("วันนี้ (29 ม.ค. 67) นาย ก. เปิดเผยว่า"):
#: the day of the telling, no milestone's (a press conference is :data:`_EVENTS`'s).
_REPORTING = re.compile(r"เปิดเผย|(?<!ถ้อย)กล่าว|เผย(?:ว่า|ถึง)|ให้สัมภาษณ์|รายงาน(?:ว่า|ถึง|ผล)|ชี้แจง")
#: The end a date closes a span with: "(ได้)ถึง(วันที่)", "จนถึง", "ภายใน(วันที่)".
_UNTIL = re.compile(r"(?:ถึง|ภายใน)\s*(?:วันที่\s*)?$")
#: A date a figure is stated as of: "ณ วันที่", "(ณ", "ข้อมูล ณ".
_AS_OF = re.compile(r"(?<![\u0e01-\u0e4e])ณ\s*(?:วันที่\s*)?$")


def other_event(text: str, start: int, asked: str | None) -> bool:
    """Whether the date at ``text[start]`` is written after another milestone than ``asked``.

    "จะแล้วเสร็จตามสัญญา ในวันที่ 7 สิงหาคม 2566" is no signing date; the nearest
    milestone word within :data:`EVENT_REACH` characters before the date, with no
    number between, decides.  A question that names no milestone (``asked`` None) is
    not answered with a press conference's or an appointment's date (:data:`_UNASKED`),
    nor with a release's opening date whose day was a press conference ("เมื่อวันที่ 5
    มี.ค. 63 ... แถลงข่าวการจัดงาน ...": the first milestone within
    :data:`OPENING_REACH` characters after it, before any other date).  A question that
    names its milestone is not answered with a release's opening date whose day was a
    telling (:data:`_REPORTING`: "วันนี้ (29 ม.ค. 67) นาย ก. เปิดเผยว่า") before that
    milestone, nor a question of an opening ("เปิดลงทะเบียน") with the day a span ends
    ("ได้ถึง 29 ก.พ. 67").
    """
    if asked in _ENDS and _RANGE_START.search(text, max(0, start - 20), start) and (
            _RANGE_END.match(text, start)):
        # "ดำเนินการมาตั้งแต่วันที่ 28 เมษายน จนถึง 29 สิงหาคม 2568": a range's start is no
        # date it closed or was finished.
        return True
    if asked == "start" and _UNTIL.search(text, max(0, start - 16), start):
        # "ลงทะเบียนได้ถึง 29 ก.พ. 67": the day registration ends, not the day it opened.
        return True
    if asked is not None and _AS_OF.search(text, max(0, start - 16), start):
        # "(ณ 23 ก.พ. 67) มีประชาชนลงทะเบียนแล้ว ...": the day a count is of, no day of the
        # milestone asked ("ปิดลงทะเบียนวันไหน").
        return True
    left = max(0, start - EVENT_REACH, text.rfind("\n", 0, start) + 1)
    last = None
    for m in _EVENT.finditer(text, left, start):
        last = m
    if last is not None and not _DIGIT.search(text, last.end(), start):
        if asked is not None:
            return last.lastgroup != asked
        return bool(_UNASKED.match(last.group(0)))
    if asked == "press" or not _OPENING.search(text, max(0, start - 12), start):
        return False
    # The release's opening date: what happened that day is written after it.
    stop = text.find("\n", start)
    stop = min(start + OPENING_REACH, len(text) if stop == -1 else stop)
    first_date = _DAY_MONTH.search(text, start)
    after = first_date.end() if first_date is not None and first_date.start() == start else (
        start + 1)
    other_date = _DAY_MONTH.search(text, after, stop)
    if other_date is not None:
        stop = other_date.start()
    that_day = _EVENT.search(text, after, stop)
    if asked is not None:
        # "วันนี้ (29 ม.ค. 67) นาย ก. เปิดเผยว่า ... นับตั้งแต่เปิดลงทะเบียน": the day the
        # release tells of the milestone asked, not its day, unless that milestone is
        # what happened that day (written before the telling).
        said = _REPORTING.search(text, after, stop)
        if said is not None and (that_day is None or said.start() < that_day.start()
                                 or that_day.lastgroup != asked):
            return True
    return that_day is not None and that_day.lastgroup == "press"


def reference_date(text: str, start: int, question: str) -> bool:
    """Whether the date at ``text[start]`` is the date of the question's reference clause.

    "ครม. เห็นชอบแต่งตั้ง ... หลังไทยเข้าเป็นสมาชิก HCCH เมื่อวันไหน" is not answered by
    "... เข้าเป็นสมาชิก HCCH โดยสมบูรณ์ เมื่อวันที่ 3 มีนาคม 2564": the nearest word of
    the question before the date, within :data:`EVENT_REACH` characters ×2 in its
    paragraph, is one of the reference clause's (:func:`reference_clause`) and none of
    the main clause's.
    """
    main, ref = reference_clause(question)
    if not ref:
        return False
    main_words, ref_words = _content_words(main), _content_words(ref) - _content_words(main)
    if not ref_words:
        return False
    left = max(0, start - 2 * EVENT_REACH, text.rfind("\n", 0, start) + 1)
    window = text[left:start]
    for a, b in reversed(word_spans(window)):
        word = window[a:b].casefold()
        if word in ref_words:
            return True
        if word in main_words:
            return False
    return False


def _content_words(text: str) -> frozenset[str]:
    """The words of ``text`` that name something (two or more letters, no function word)."""
    return frozenset(w for a, b in word_spans(text)
                     if len(w := text[a:b].casefold()) >= 2 and w not in _FUNCTION
                     and not w.isdigit())


#: Words that name nothing of an event: "to be", prepositions, the asking words.
_FUNCTION = frozenset({"เป็น", "ที่", "ของ", "ใน", "และ", "กับ", "ให้", "ได้", "มี", "จะ", "ว่า",
                       "เมื่อ", "วัน", "วันที่", "เมื่อไร", "เมื่อไหร่", "ไหน", "ใด", "เท่าไร",
                       "เท่าไหร่", "โดย", "จาก", "ไป", "มา", "แล้ว", "the", "of", "a", "and"})


#: A date named as a day of the year: "5 ธันวาคม ของทุกปี เป็นวันอาสาสมัครสากล".
_NAMED_DAY = re.compile(r"[^\d\n]{0,20}?เป็น(?P<name>วัน[\u0e01-\u0e4e]{3,})")
#: A day named in a question ("วันอาสาสมัครไทย"), not "วันที่", "วันไหน".
_ASKS_NAMED_DAY = re.compile(r"วัน(?!ที่|ไหน|ใด|อะไร|เท่า)[\u0e01-\u0e4e]{3,}")


#: A day named right before its date: "วันอาสาสมัครไทยตรงกับวันที่ 21 ตุลาคม".
_DAY_NAMED = re.compile(r"(?P<name>วัน(?!ที่)[\u0e01-\u0e4e]{3,})\s*(?:ตรงกับ|คือ)\s*(?:วันที่)?\s*$")


def other_day(text: str, start: int, end: int, question: str) -> bool:
    """Whether the date at ``text[start:end]`` is named as another day than the question's.

    "วันอาสาสมัครไทยตรงกับวันที่เท่าไร" is not answered by "5 ธันวาคม ของทุกปี เป็น
    วันอาสาสมัครสากล", nor "วันอาสาสมัครสากล" by "วันอาสาสมัครไทยตรงกับวันที่ 21
    ตุลาคม".  False when the question names no day.
    """
    if not _ASKS_NAMED_DAY.search(question):
        return False
    m = _NAMED_DAY.match(text, end) or _DAY_NAMED.search(text, max(0, start - 60), start)
    return m is not None and m.group("name") not in question


# -- another place's value ------------------------------------------------------------
#: Places a value may be stated for, by kind: a village (written before its subdistrict
#: or village number, "บ้านป่าไผ่ ต.หนองช้างคืน"), a subdistrict, a district, a province
#: (or the whole country, :data:`_COUNTRY`).
_PLACE_KINDS = {
    "village": (r"(?:หมู่บ้าน|บ้าน)", r"(?=\s*(?:ต\.|ตำบล|หมู่|ม\.\s*\d))"),
    "subdistrict": (r"(?:ตำบล|ต\.)", ""),
    "district": (r"(?:อำเภอ|อ\.)", ""),
    "province": (r"(?:จังหวัด|จ\.)", ""),
}
_NAME = r"(?P<name>[\u0e01-\u0e4e]{2,})"
#: The whole country as the scope of a value ("การไกล่เกลี่ยหนี้ทั่วประเทศ ... สำเร็จ 575
#: ราย ... คือ จังหวัดนครสวรรค์ ... สำเร็จ 16 ราย"): no province's figure.
_COUNTRY = r"|(?P<country>ทั่วประเทศ|ทั้งประเทศ|ทุกจังหวัด|ทั่วไทย|ทั้ง 76 จังหวัด|ทั้ง 77 จังหวัด)"
_PLACE_IN_TEXT = {k: re.compile(rf"{head}\s?{_NAME}{after}")
                  for k, (head, after) in _PLACE_KINDS.items() if k != "province"}
_PLACE_ASKED = {k: re.compile(rf"{head}\s?{_NAME}") for k, (head, _) in _PLACE_KINDS.items()}
#: Characters before a value searched for the place it is stated for.
PLACE_REACH = 150
#: What ends the clause after a value: another number, "และ", "ส่วน", a comma.
_NEXT_VALUE = re.compile(r"\d|และ|ส่วน|ขณะที่|[,;\n]")
#: Document kinds that state one figure per place in a row (releases, reports): an
#: encyclopaedia's place names before a date are its history, not the value's owner.
_PLACE_KINDS_OF_TEXT = frozenset({"news", "report", "update"})


@lru_cache(maxsize=1)
def _province_in_text() -> re.Pattern[str]:
    """A province named in a text, or the whole country (:data:`_COUNTRY`).

    "จังหวัด"/"จ." and a bundled name: "จังหวัดตั้งเป้าหมาย..." names none.
    """
    names = "|".join(re.escape(n) for n in province_names())
    return re.compile(rf"(?:จังหวัด|จ\.)\s?(?P<name>{names}){_COUNTRY}")


def asked_places(question: str) -> dict[str, str]:
    """The village, subdistrict, district and province names a question names, by kind.

    A province is one of the bundled names, after "จังหวัด"/"จ." or alone ("นครสวรรค์");
    the others are the letters after their head word.  A kind the question names two of
    is left out.
    """
    out = {}
    for kind, pattern in _PLACE_ASKED.items():
        if kind == "province":
            names = {n for n in province_names() if n in question}
            names = {n for n in names if not any(n != o and n in o for o in names)}
        else:
            names = {m.group("name") for m in pattern.finditer(question)}
        if len(names) == 1:
            out[kind] = names.pop()
    return out


#: Characters after a venue read for the province its address names.
VENUE_ADDRESS_REACH = 80


def venue_province(question: str) -> str | None:
    """The province a question places its event in ("ที่จังหวัดเชียงใหม่", "ใน จ.ตรัง"), or None.

    Only a province written after "ที่"/"ใน"/"ณ": one named otherwise may be an actor's
    ("ผู้ว่าราชการจังหวัดเชียงใหม่ประชุมที่ไหน" may meet in Bangkok).
    """
    found = {m.group("name") for m in _province_in_text().finditer(question)
             if m.group("name") and re.search(r"(?:ที่|ใน|ณ)\s?$", question[:m.start()])}
    return found.pop() if len(found) == 1 else None


def venue_elsewhere(text: str, start: int, end: int, province: str) -> bool:
    """Whether the venue ``text[start:end]`` is in another province than ``province``.

    "งาน OTOP ... ที่จังหวัดเชียงใหม่ จัดที่ไหน" is not answered by "ณ ลานข้างบึงพระราม
    ด้านหลังวัดมหาธาตุ จ.พระนครศรีอยุธยา" (another stop of the same fair): the first province
    the venue or its address names, within :data:`VENUE_ADDRESS_REACH` characters after it
    and before the line ends, decides; False when none is named there.
    """
    stop = text.find("\n", end)
    limit = min(len(text), end + VENUE_ADDRESS_REACH, stop if stop != -1 else len(text))
    m = _province_in_text().search(text, start, limit)
    return m is not None and bool(m.group("name")) and m.group("name") != province


def other_place(text: str, start: int, end: int, asked: dict[str, str]) -> bool:
    """Whether the value at ``text[start:end]`` is stated for another place than the asked one.

    "บ้านสบปะ ต.ริมปิง มีเครื่องสูบน้ำติดตั้ง 3 เครื่อง และ บ้านป่าไผ่ ต.หนองช้างคืน มี
    เครื่องสูบน้ำติดตั้ง 2 เครื่อง": the 2 pumps are บ้านป่าไผ่'s, not บ้านสบปะ's.  The
    nearest place of an asked kind before the value, within :data:`PLACE_REACH`
    characters and the same paragraph, decides; a passage that does not name the asked
    place at all is left alone (it may write it another way).
    """
    left = max(0, start - PLACE_REACH, text.rfind("\n", 0, start) + 1)
    stop = _NEXT_VALUE.search(text, end)
    after = text[end:end + PLACE_REACH if stop is None else stop.start()]
    for kind, name in asked.items():
        if name not in text or name in after:
            # (The asked place named after the value, before another number or clause: "เมื่อ
            # วันที่ 20 พ.ย. 2539 ได้มีประกาศยกฐานะเป็นอำเภอเบญจลักษ์".)
            continue
        last = None
        pattern = _province_in_text() if kind == "province" else _PLACE_IN_TEXT[kind]
        for m in pattern.finditer(text, left, start):
            last = m
        if last is None:
            continue
        if last.groupdict().get("country") or not (last.group("name").startswith(name)
                                                   or name.startswith(last.group("name"))):
            return True
    return False


# -- another status's count ------------------------------------------------------------
#: Counts of an outbreak's (or a programme's) cases by status, in groups that exclude each
#: other: "ผู้ติดเชื้อรายใหม่ 24,592 ราย ... หายป่วยกลับบ้าน 21,371 ราย ... เสียชีวิต 66 ราย".
_STATUSES = {
    "new": r"รายใหม่|ติดเชื้อใหม่|ผู้ป่วยใหม่|ติดเชื้อเพิ่ม|\bnew case",
    "recovered": r"หายป่วย|รักษาหาย|หายดี|กลับบ้าน|\brecover",
    "dead": r"เสียชีวิต|\bdeath|\bdied",
    "treated": r"กำลังรักษา|รักษาตัว|รักษาอยู่|\bin treatment|\bhospitali[sz]ed",
    # The people a disaster or a scheme counts, each apart: "ผู้ได้รับผลกระทบ 120 ราย
    # บาดเจ็บ 5 ราย", "ลงทะเบียนแล้ว 114,653 ราย ไกล่เกลี่ยสำเร็จแล้ว 937 ราย".
    "injured": r"บาดเจ็บ|\binjur",
    "affected": r"ได้รับผลกระทบ|ประสบภัย|ประสบอุทกภัย|ส่งผลให้เกิด|เกิดอุทกภัย|\baffected",
    # The places a warning covered are not those a disaster hit: "แจ้งเตือนพายุ ... รวม 58
    # จังหวัด" against "ส่งผลให้เกิดอุทกภัย ... ในพื้นที่ 14 จังหวัด".
    "warned": r"แจ้งเตือน|เตือนภัย|ประกาศเตือน|\bwarn",
    "missing": r"สูญหาย|\bmissing",
    "evacuated": r"อพยพ|\bevacuat",
    "registered": r"ลงทะเบียน|\bregist",
    "mediated": r"ไกล่เกลี่ย|\bmediat",
}
_STATUS = re.compile("|".join(f"(?P<{k}>{v})" for k, v in _STATUSES.items()), re.I)
#: Characters before a count searched for its status (after the number before it).
STATUS_REACH = 60


#: "กี่" (how many) in a question, where the counted noun stands right before or after.
_HOW_MANY = re.compile(r"(?<!เ)กี่|เท่าไ[รห]|เท่าใด|\bhow many\b", re.I)


def asked_status(question: str, *, english: bool = False) -> str | None:
    """The status (:data:`_STATUSES`) a count question counts, or None.

    The noun counted stands right before "กี่" ("ไกล่เกลี่ยสำเร็จกี่ราย" of "ลงทะเบียน
    หนี้นอกระบบ ... ไกล่เกลี่ยสำเร็จกี่ราย") or, when none does, after it ("กี่รายที่
    บาดเจ็บ", "how many were injured"); a question without either names one status
    or none.  ``english``: ``question`` is an English question's Thai rendering
    (:func:`bot.answering.english.render_thai`), whose words stand in the English order
    with alternatives of their own ("informal debtors" renders with "ลงทะเบียน"): the
    status is read only when it is the one its words name.
    """
    ask = None if english else _HOW_MANY.search(question)
    if ask is not None:
        before = [m for m in _STATUS.finditer(question, 0, ask.start())]
        if before and not _DIGIT.search(question, before[-1].end(), ask.start()):
            return before[-1].lastgroup
        after = _STATUS.search(question, ask.end())
        if after is not None:
            return after.lastgroup
        if before:
            return before[-1].lastgroup
    found = {m.lastgroup for m in _STATUS.finditer(question)}
    return found.pop() if len(found) == 1 else None


def other_status(text: str, start: int, asked: str) -> bool:
    """Whether the count at ``text[start]`` is labelled with another status than ``asked``.

    The label is the text after the number before the count (within
    :data:`STATUS_REACH` characters and the paragraph); its last status word decides:
    "หายป่วยกลับบ้าน 21,371 ราย" is no count of new cases.
    """
    left = max(0, start - STATUS_REACH, text.rfind("\n", 0, start) + 1)
    digits = [m.end() for m in _DIGIT.finditer(text, left, start)]
    last = None
    for m in _STATUS.finditer(text, max([left, *digits]), start):
        last = m
    if last is None:
        # No label before: the words right after the count's unit ("จำนวน 5 ราย ได้รับ
        # บาดเจ็บ"), before any other number.
        number = _NUMBER_AT.match(text, start)
        after = _LABEL_AFTER.match(text, number.end() if number else start)
        last = _STATUS.match(text, after.end()) if after else None
    return last is not None and last.lastgroup != asked


_NUMBER_AT = re.compile(r"[\d,.]+")
#: A count's unit and a linking word after it, before a status: " ราย ที่ได้รับ", " คน เป็น".
_LABEL_AFTER = re.compile(r"\s*[\u0e01-\u0e4e.]{0,8}?\s*(?:ที่|ซึ่ง|เป็น|ได้รับ|ได้|ถูก)?\s*"
                          rf"(?:ได้รับ)?\s*(?=(?:{_STATUS.pattern}))", re.I)


# -- a difference for the level ---------------------------------------------------------
#: A value stated as a change or a margin: "เพิ่มขึ้น 5 ราย", "การแพร่ระบาดเพิ่ม 1 แห่ง",
#: "เพิ่มอีก 2 ราย", "ลดลงจากไตรมาสก่อน 3,742 หน่วย", "สูงกว่าประมาณการสะสมจำนวน 6,331
#: ล้านบาท": a comparative is a margin only over a reference figure (an estimate, a target,
#: the year before); "มากกว่า 100 คน" is a bound.  The level a change comes to is no margin:
#: "เพิ่มเป็น 23 แห่ง", "เพิ่มขึ้นเป็น", "ลดลงอยู่ที่ 111 แห่ง", "ลดลงเหลือ".
_TO_LEVEL = r"(?!\s?(?:มา)?(?:เป็น|เหลือ|อยู่ที่|อยู่ระดับ))"
_CHANGE = re.compile(rf"เพิ่มขึ้น{_TO_LEVEL}|ลดลง{_TO_LEVEL}|(?:สูง|ต่ำ|มาก|น้อย|เกิน)กว่า\s?"
                     r"(?:ที่)?(?:ประมาณการ|เป้าหมาย|ปีก่อน|ปีที่ผ่านมา|ช่วงเดียวกัน|เดือนก่อน|"
                     r"ไตรมาสก่อน|ที่ตั้งไว้|แผน|คาดการณ์)")
#: "เพิ่ม" or "อีก" right before a value, "การแพร่ระบาดเพิ่ม 1 แห่ง", "จะเปิดอีก 5 แห่ง": more
#: of it, not how many there are ("เพิ่มประสิทธิภาพ" further before is no change; a
#: remainder, "เหลืออีก 5 แห่ง", and the rest of a total, "จากทั้งหมด 56 แห่ง อีก 12 แห่ง",
#: are levels: "อีก" only glued to the verb before it).
_MORE = re.compile(r"(?:เพิ่ม|(?<=[\u0e01-\u0e4e])(?<!เหลือ)อีก)\s?(?:จำนวน|ประมาณ|กว่า)?\s?$")
#: A question that asks for a change or a margin (not for the level a change came to:
#: "เพิ่มเป็นกี่แห่ง", "ลดลงเหลือเท่าไร").
_ASKS_CHANGE = re.compile(rf"เพิ่ม(?:ขึ้น)?{_TO_LEVEL}|ลด(?:ลง)?{_TO_LEVEL}|กว่า|ต่าง|"
                          r"เปลี่ยนแปลง|ขยายตัว|หดตัว|โต|(?<!เหลือ)อีก|change|increase|decrease|grow|"
                          r"rise|fall|drop|more|less|higher|lower|differ", re.I)
#: Characters before a value searched for the change it states.
CHANGE_REACH = 60


def difference(text: str, start: int, end: int) -> bool:
    """Whether the amount or count at ``text[start:end]`` is a change or margin, not a level.

    The label after the number before it (within :data:`CHANGE_REACH` characters and the
    paragraph) holds a change word.  Percentages are left alone: a rate of change is
    what they mostly state.
    """
    if "%" in text[start:end + 2] or re.search(r"ร้อยละ\s*$|percent", text[max(0, start - 8):start]):
        return False
    left = max(0, start - CHANGE_REACH, text.rfind("\n", 0, start) + 1)
    digits = [m.end() for m in _DIGIT.finditer(text, left, start)]
    return (_CHANGE.search(text, max([left, *digits]), start) is not None
            or _MORE.search(text, max(left, start - 20), start) is not None)


#: A question that asks how much something grew or fell, and nothing else: a change verb
#: right before its question word ("เพิ่มขึ้นกี่ราย", "ขยายตัวร้อยละเท่าไร", "how many more",
#: "by how much did ... grow"), not the level it came to ("เพิ่มขึ้นเป็นกี่ราย").
_ASKS_GROWTH = re.compile(
    rf"(?:เพิ่มขึ้น|เพิ่ม|ลดลง|ขยายตัว|หดตัว|เติบโต|โตขึ้น){_TO_LEVEL}"
    r"(?:(?!เป็น|เหลือ|อยู่ที่|ถึง)[^\s\d]){0,16}\s*(?:ร้อยละ\s*|อีก\s*)?(?:กี่|เท่า(?:ไร|ไหร่|ใด))|"
    r"\bhow\s+many\s+(?:\w+\s+){0,2}?more\b|"
    r"\bby\s+how\s+much\b.*\b(?:grow|grew|grown|increase|increased|rise|rose|risen|expand|"
    r"expanded|fall|fell|decline|declined|drop|dropped|decrease|decreased)\b", re.I)
#: A change or growth word in a value's label ("ขยายตัวร้อยละ 1.5", "เพิ่มขึ้น 40.96%").
_CHANGE_WORD = re.compile(rf"(?:เพิ่มขึ้น|ลดลง|เพิ่ม|ลด|ขยายตัว|หดตัว|เติบโต|โต|ติดลบ|growth|"
                          rf"increase|decrease|grew|rose|fell){_TO_LEVEL}", re.I)


def asks_growth(question: str) -> bool:
    """Whether ``question`` asks only how much something changed ("เพิ่มขึ้นกี่ราย").

    Narrower than :func:`asks_change` (which a comparison's "มากกว่า" meets too).
    """
    return _ASKS_GROWTH.search(question) is not None


def stated_as_change(text: str, start: int, end: int) -> bool:
    """Whether the value ``text[start:end]`` is stated as a change, not as a level.

    An amount or count: :func:`difference`.  A percentage: a change word in its label
    (since the number before it, within :data:`CHANGE_REACH` characters and the
    paragraph): "ขยายตัวร้อยละ 1.5", "เพิ่มขึ้น 40.96%", not "สัดส่วนร้อยละ 20".
    """
    if difference(text, start, end):
        return True
    left = max(0, start - CHANGE_REACH, text.rfind("\n", 0, start) + 1)
    digits = [m.end() for m in _DIGIT.finditer(text, left, start)]
    return _CHANGE_WORD.search(text, max([left, *digits]), start) is not None


def asks_change(question: str) -> bool:
    """Whether ``question`` asks for a change or a margin ("เพิ่มขึ้นกี่ราย"), not a level."""
    return _ASKS_CHANGE.search(question) is not None


# -- another country's value ----------------------------------------------------------------
#: A country a question names: "ประเทศญี่ปุ่น" (Thailand's figures are a Thai release's own).
_COUNTRY_ASKED = re.compile(r"ประเทศ\s?(?P<name>(?!ไทย)[\u0e01-\u0e4e]{2,}?)"
                            r"(?=มี|กี่|เท่า|จำนวน|ได้|ใน|ที่|คือ|เป็น|[^\u0e01-\u0e4e]|$)")
#: What opens an item or a paragraph: a line, a bullet ("- อาเซียนมีประชากรสูงอายุ ...").
_ITEM = re.compile(r"\n|\s[-•]\s|^[-•]\s")


def asked_country(question: str) -> str | None:
    """The one country other than Thailand a question names ("ประเทศญี่ปุ่น" → "ญี่ปุ่น")."""
    names = {m.group("name") for m in _COUNTRY_ASKED.finditer(question)}
    return names.pop() if len(names) == 1 else None


def other_country(text: str, start: int, country: str) -> bool:
    """Whether the value at ``text[start]`` is stated for something else than ``country``.

    "- อาเซียนมีประชากรสูงอายุ 70 ล้านคน ... - ญี่ปุ่นเป็นประเทศที่มีอัตราผู้สูงอายุสูงสุด":
    the passage names the country, but not in the value's item (from the last line or
    bullet before it).
    """
    if country not in text:
        return False
    item = 0
    for m in _ITEM.finditer(text, 0, start):
        item = m.end()
    return country not in text[item:start]


# -- the press conference's venue ---------------------------------------------------------
#: A press conference about an event: "แถลงข่าวการจัดงาน “Silk Festival 2024” ณ ห้อง The
#: Pavilion โรงแรม...": the room is the conference's; the event's venue follows its dates
#: ("29 พ.ย. – 2 ธ.ค. 67 ณ อิมแพ็ค ฮอลล์ 6–7").
_PRESS = re.compile(r"แถลงข่าว|แถลงผล|แถลงการณ์|press conference", re.I)
_ASKS_PRESS = re.compile(r"แถลง|press", re.I)
#: Characters before a venue searched for the press conference it is of.
PRESS_REACH = 150
#: The event's dates between a press conference and a venue: "29 พฤศจิกายน – 2 ธันวาคม 67",
#: "วันที่ 29", "ระหว่างวันที่" (not a year in the event's name, "Silk Festival 2024").
_EVENT_DATE = re.compile(rf"วันที่|ระหว่าง|\d\s*(?:{MONTH_NAMES})")


def press_venue(text: str, start: int) -> bool:
    """Whether the venue at ``text[start]`` is a press conference's, not its event's.

    A press-conference word stands within :data:`PRESS_REACH` characters before the
    venue, in its paragraph, with no date (the event's) between.
    """
    left = max(0, start - PRESS_REACH, text.rfind("\n", 0, start) + 1)
    last = None
    for m in _PRESS.finditer(text, left, start):
        last = m
    return last is not None and not _EVENT_DATE.search(text, last.end(), start)


# -- a false premise -----------------------------------------------------------------
#: Words that say who is counted, in groups that exclude each other.
_WHO = {"men": r"ผู้ชาย|ชาย|บุรุษ|\bmen\b|\bmale", "women": r"ผู้หญิง|หญิง|สตรี|\bwomen\b|\bfemale"}
_WHO_WORD = "|".join(f"(?P<{k}>{v})" for k, v in _WHO.items())
_COUNTED = re.compile(rf"(?:{_WHO_WORD})\s*(?:จำนวน\s*)?(?P<n>\d[\d,]*)(?![\d,])")


def contradicted_premise(question: str, text: str) -> tuple[str, str] | None:
    """A count the question states of one group and ``text`` states of another, or None.

    "ผู้ว่าฯ นำผู้ชาย 999 คนรำบวงสรวงเมื่อไร" over "นำสตรี 999 คน รำบวงสรวง": returns
    ``("ผู้ชาย 999", "สตรี 999")``, the question's words and the text's, so that the reply
    does not confirm the premise silently.
    """
    for q in _COUNTED.finditer(question):
        for t in _COUNTED.finditer(text):
            if t.group("n") == q.group("n") and _group(t) != _group(q):
                return q.group(0), t.group(0)
    return None


def _group(m: re.Match[str]) -> str:
    """Which group of :data:`_WHO` a count's word is of."""
    return next(k for k in _WHO if m.group(k))


#: Words that make the number after them a label, not a count: "หมู่ที่ 15 ตำบลแม่ศึก"
#: (village number 15 of the subdistrict, no "15 ตำบล"), "ครั้งที่ 3 จังหวัด...", "ม.5
#: ต.ริมกก", "เลขที่ 99 หมู่ 2", "ซอย 7 แขวง...", "ฉบับที่ 2 ปี".  A bare "ที่" may be
#: "at" ("จัดที่ 5 จังหวัด"): only the ordinals' nouns before it make a label.
_LABEL_BEFORE = re.compile(
    r"(?:(?:หมู่|ครั้ง|ฉบับ|ลำดับ|อันดับ|ข้อ|เลข|ระยะ|รุ่น|ชั้น|เขต|ภาค|บ้านเลข|มาตรา|ลำ|คัน)ที่"
    r"|หมู่|ม\.|เลข|ซอย|ซ\.|ห้อง|ชั้น|อาคาร|โซน|รหัส|No\.?|#)\s*$")


#: A number as written: its digits, separators and decimals.
_FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?")


def echoed_value(text: str, start: int, question: str) -> bool:
    """Whether the number of the value at ``text[start]`` is one the question itself states.

    "ตอน พ.ร.บ.งบฯ 2567 วงเงิน 3.48 ล้านล้านบาท ... กระทรวงมหาดไทยได้รับงบประมาณเท่าไร": the
    figure the question gives as its premise is not the one it asks for.  Figures of
    three digits or more only ("5 จังหวัด" may be asked of and written alike).
    """
    m = _FIGURE.search(text, start, start + 15)
    if m is None:
        return False
    figure = m.group().replace(",", "")
    if len(figure.replace(".", "")) < 3:
        return False
    return figure in {f.group().replace(",", "") for f in _FIGURE.finditer(question)}


def labels_a_number(text: str, start: int) -> bool:
    """Whether the number at ``text[start]`` is a label (:data:`_LABEL_BEFORE`), not a count.

    Such a span keeps its candidate type (the model was trained on it so); here it is
    another value (:func:`sibling_mask`).
    """
    return _LABEL_BEFORE.search(text, max(0, start - 12), start) is not None


# A price band's bounds, which name the band: "ระดับราคา 5.01 – 7.50 ล้านบาท", "ช่วงราคา
# ไม่เกิน 1.00 ล้านบาท", "ระดับราคามากกว่า 10.00 ล้านบาทขึ้นไป".
_PRICE_BAND = re.compile(r"(?:ระดับ|ช่วง)ราคา(?:ที่)?\s?(?:มากกว่า|ต่ำกว่า|ไม่เกิน|ตั้งแต่|เกิน|สูงกว่า)?\s?$")
_ASKS_BAND = re.compile(r"(?:ระดับ|ช่วง)ราคา|price\s+(?:band|range|level)", re.I)


def price_band(text: str, start: int) -> bool:
    """Whether the money at ``text[start]`` is a price band's bound, which names the band.

    "ระดับราคา 5.01 – 7.50 ล้านบาท มีมูลค่าประกาศขาย... 81,164 ล้านบาท": the band is a
    label of the value after it, not an amount a question asks (read when the question
    names no band, :data:`_ASKS_BAND`).
    """
    return _PRICE_BAND.search(text, max(0, start - 24), start) is not None


#: A question for a rank, a number in a series or an address ("อันดับที่เท่าไร").
_ASKS_LABEL = re.compile(r"ที่\s*(?:เท่า|กี่)|อันดับ|ลำดับ|หมู่ที่|เลขที่|ครั้งที่|ฉบับที่|\brank|"
                        r"\bnumber\b|which (?:round|issue|village)", re.I)


def sibling_mask(rows: SpanRows, question: str, among: npt.NDArray[np.bool_],
                 kind: str = "", date: bool = False, english: bool = False,
                 figures: set[str] | None = None, original: str = "") -> npt.NDArray[np.bool_]:
    """Which of the candidates ``among`` are another value than the question asks for.

    ``question``: the question as read (normalised, Arabic digits, lower case); ``kind``:
    the constraint that allowed ``among`` (parts of a total are read for ``"type"``
    only); ``date``: the question asks for a date (a milestone's); ``english``: the
    question is an English one's Thai rendering; ``figures``: the totals and other parts
    found so far for this question (:func:`bot.answering.parts.other_part_mask`), added to;
    ``original``: an English question as asked (lower case), whose words bind a change
    asked and a share.
    See the module for the kinds of sibling values.
    """
    out = np.zeros(len(rows.x), dtype=bool)
    old = not _ASKS_OLD.search(question)
    minimum = not _ASKS_MINIMUM.search(question)
    rank = asked_rank(question)
    # Parts of a total are told apart only among amounts and counts.
    typed = kind == "type"
    event = asked_event(question) if date and typed else None
    # A date question with a milestone or none: another milestone's date, a press
    # conference's, an appointment's, the reference clause's ("หลัง X") is another event's.
    dated = date and typed
    places = asked_places(question) if typed else {}
    if date:
        # An event's date comes before its venue's province ("เมื่อวันที่ 19 ก.ค. 65 เวลา
        # 10.00 น. ที่โรงเรียน... จังหวัดเชียงราย"): a province scopes amounts and counts.
        places.pop("province", None)
    status = asked_status(question, english=english) if typed and not date else None
    venue = kind in ("venue", "head") and not _ASKS_PRESS.search(question)
    # "งาน ... ที่จังหวัดเชียงใหม่ จัดที่ไหน": a venue in another province is another stop's.
    held_in = venue_province(question) if venue else None
    country = asked_country(question) if typed else None
    sector = asked_sector(question) if typed and not date else None
    change = typed and not date and not asks_change(question)
    # "เพิ่มขึ้นกี่ราย", "ขยายตัวร้อยละเท่าไร": a level ("รวมทั้งสิ้น 8,296,573 คน", "หนี้สิน
    # ครัวเรือนมีมูลค่า 16.2 ล้านล้านบาท") is no change.
    growth = typed and not date and (asks_growth(question) or asks_growth(original))
    shared = f"{question} {original}"
    role = asked_role(question) if typed and not date else None
    # "ไกล่เกลี่ยสำเร็จแล้วกี่ราย": a figure beside a success figure is another stage's.
    success = typed and not date and asks_success(shared)
    # A label is no count, unless the label is asked ("อันดับที่เท่าไร", "หมู่ที่เท่าไร").
    labels = typed and not date and not _ASKS_LABEL.search(question)
    # (A yes/no question states the figure it asks about: "ได้ 3.48 ล้านล้านบาทใช่ไหม".)
    echo = typed and not date and not is_yes_no(question)
    band = typed and not date and not _ASKS_BAND.search(f"{question} {original}")
    if typed and not date:
        # "หมู่บ้านละเท่าไร": a value stated per another unit (bot.answering.per_unit).
        out |= other_unit_mask(rows, question, among)
        # "กรมทางหลวงได้รับเท่าไร" of "... ประกอบด้วย กรมทางหลวง ... และกรมทางหลวงชนบท ...":
        # the total and the other parts (bot.answering.parts).
        out |= other_part_mask(rows, question, among, figures)
        # "มังคุดส่งออกเท่าไร" of "ทุเรียน ... 103,958 ล้านบาท มังคุด ... 16,705 ล้านบาท ...":
        # another list item's value (bot.answering.list_items).
        out |= other_item_mask(rows, question, among, english=english)
    if dated:
        # "มีผลตั้งแต่วันที่เท่าไร": the dates written after "ตั้งแต่", where some are
        # (bot.answering.date_markers).
        out |= unmarked_date_mask(rows, question, among)
    for r in np.flatnonzero(among).tolist():
        if out[r]:
            continue
        p, a, b = rows.span(r)
        text = p.text
        if labels and labels_a_number(text, a):
            # "หมู่ที่ 15 ตำบลแม่ศึก": village number 15, no count of subdistricts.
            out[r] = True
            continue
        if band and price_band(text, a):
            # "ระดับราคา 5.01 – 7.50 ล้านบาท": a band's name, not an amount.
            out[r] = True
            continue
        if echo and echoed_value(text, a, question):
            # The question's own figure ("วงเงิน 3.48 ล้านล้านบาท ... ได้รับเท่าไร").
            out[r] = True
            continue
        out[r] = (old and replaced_value(text, a, b)) or (
            minimum and requirement(text, a, clause=not date)) or (
            rank is not None and opposite_rank(text, a, b, rank)) or (
            rank is None and typed and not date and p.hit.kind in _PLACE_KINDS_OF_TEXT
            and (ranked_item(text, a) or ranked_share(text, a, b))) or (
            typed and part_of_total(text, a, question)) or (
            dated and other_event(text, a, event)) or (
            dated and reference_date(text, a, question)) or (
            dated and echoed_date(text, a, question)) or (
            date and typed and other_day(text, a, b, question)) or (
            status is not None and other_status(text, a, status)) or (
            role is not None and p.hit.kind in _PLACE_KINDS_OF_TEXT
            and other_role(text, a, b, role)) or (
            success and p.hit.kind in _PLACE_KINDS_OF_TEXT and other_than_success(text, a)) or (
            change and p.hit.kind in _PLACE_KINDS_OF_TEXT and difference(text, a, b)) or (
            growth and p.hit.kind in _PLACE_KINDS_OF_TEXT
            and not stated_as_change(text, a, b)) or (
            typed and not date and other_share(text, a, b, shared)) or (
            typed and not date and p.hit.kind in _PLACE_KINDS_OF_TEXT
            and other_group(text, a, question)) or (
            country is not None and p.hit.kind in _PLACE_KINDS_OF_TEXT
            and other_country(text, a, country)) or (
            sector is not None and p.hit.kind in _PLACE_KINDS_OF_TEXT
            and other_sector(text, a, sector)) or (
            venue and p.hit.kind in _PLACE_KINDS_OF_TEXT and text.startswith("ณ", a)
            and press_venue(text, a)) or (
            held_in is not None and p.hit.kind in _PLACE_KINDS_OF_TEXT
            and venue_elsewhere(text, a, b, held_in)) or (
            bool(places) and p.hit.kind in _PLACE_KINDS_OF_TEXT and other_place(text, a, b, places))
    return out
