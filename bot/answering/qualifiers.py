"""Qualifier agreement: a value answers only for the year, round or phase it is stated for.

A press release states one figure per year, round or phase, side by side: "ปี 2566 มี
ปริมาณการส่งออก 17,992 ตัน ... ปี 2567 มีปริมาณ 19,129 ตัน"; "ระยะที่ 1 ... 98 ครัวเรือน
... ระยะที่ 2 ... 12 ครัวเรือน".  A question that names one of them ("ปี 2567 ส่งออก
กี่ตัน") is answered by a value stated for the same one (the qualifier right after it in
its clause, else the nearest before it: :func:`agreement`); a value stated for another
is a wrong value under a real citation.  Kinds (:data:`KINDS`): the
year (Buddhist era; a Christian-era year is converted, "2024" is 2567; a month written
before two digits is a year too, "มี.ค. 66"), the round (ครั้งที่), the phase (ระยะที่,
เฟส), the quarter (ไตรมาส, Q), the batch (รุ่นที่, งวดที่, ชุดที่) and the length of a period in
months ("span": a quarter 3, "ครึ่งปีแรก" 6, "9 เดือนแรก" 9, "ทั้งปี" 12).  "ครั้งที่ 293/2566",
"ไตรมาส 4/2563" also name the year.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from bot.answering.consistency import MONTH_NAMES, written_be_year, years_in
from bot.answering.reading import SpanRows
from knowledge.thai import BE_OFFSET, MONTHS_FULL, MONTHS_SHORT, to_arabic_digits

__all__ = ["DATED_KINDS", "KINDS", "QUALIFIER_AFTER", "QUALIFIER_REACH", "RELEASE_YEAR_SLACK",
           "STAGE_KINDS", "Qualifier", "agreement", "other_stage", "qualifier_spans",
           "qualifiers_of", "title_day", "title_festival", "title_year"]

#: How far before a value its qualifier may stand, in characters.
QUALIFIER_REACH = 120
#: How far after a value a qualifier with no number between may stand and state it.
QUALIFIER_AFTER = 40

_ORDINALS: tuple[tuple[str, str], ...] = (
    ("round", r"ครั้งที่"),
    ("phase", r"ระยะที่|เฟส(?:ที่)?|phase"),
    ("quarter", r"ไตรมาส(?:ที่)?|\bQ|quarter"),
    ("batch", r"รุ่นที่|งวดที่|ชุดที่"),
    # A bill's reading in parliament: "วาระที่ 1", "วาระ 2-3" (the second and third).
    ("reading", r"วาระ(?:ที่)?"),
    # A bond's or a deposit's term: "รุ่นอายุ 5 ปี ... 3.00%", "รุ่นอายุ 10 ปี ... 3.40%".
    ("term", r"รุ่น\s?อายุ"),
)
KINDS = ("year", *(k for k, _ in _ORDINALS), "day", "since", "month", "span")
_MONTHS = "|".join(re.escape(m) for m in (*MONTHS_FULL, *MONTHS_SHORT))
# Quarters, rounds and phases in words: "ไตรมาสหนึ่ง", "ไตรมาสแรก", "ไตรมาสสุดท้าย" (the
# fourth of a year), "ระยะที่สอง", "ครั้งแรก".
_NUMBER_WORDS = {"หนึ่ง": 1, "แรก": 1, "สอง": 2, "สาม": 3, "สี่": 4, "ห้า": 5, "หก": 6,
                 "เจ็ด": 7, "แปด": 8, "เก้า": 9, "สิบ": 10}
_WORDS = "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
_ORDINAL = re.compile(
    "(?:" + "|".join(rf"(?P<{kind}>{words})" for kind, words in _ORDINALS) + ")"
    + rf"\s*(?:(?P<n>\d{{1,3}})(?!\d)|(?P<w>{_WORDS}|สุดท้าย)(?!ร้อย|พัน|หมื่น|แสน|ล้าน|สิบ))"
    + r"(?:\s*/\s*(?P<y>\d{4}|\d{2})(?!\d))?", re.I)
_YEAR = re.compile(
    rf"(?:ปี(?:งบประมาณ|งบ|การศึกษา)?|พ\.ศ\.|ค\.ศ\.|\bFY|\byear|\bin)\s*(?P<y4>\d{{4}})(?![\d,.])"
    rf"|(?:{_MONTHS})\s*(?P<yy>\d{{4}}|\d{{2}})(?![\d,.])", re.I)
# The end of a year range after a year ("ช่วงปี 1991 ถึง 2000", "ปี 2566-2567"): a year
# too, the one a value stated after the range is reached in ("... เพิ่มขึ้นจาก 415,000 เป็น
# 587,000 ตารางกิโลเมตร" is the figure of 2000, not of 1991).
_YEAR_RANGE_END = re.compile(r"\s*(?:ถึง|[-–])\s*(?:(?:ปี|พ\.ศ\.|ค\.ศ\.)\s*)?(?P<y4>\d{4})(?![\d,.])")
# A festival's year: "ปีใหม่ 2567", "สงกรานต์ 2567", "เทศกาลสงกรานต์ ปี 2567" (the festival
# of that year, whose figures a question "ช่วงเทศกาลปีใหม่ 2567 ... กี่ราย" asks).
_FESTIVAL_YEAR = re.compile(r"(?:ปีใหม่|สงกรานต์|ตรุษจีน|ลอยกระทง)\s*(?:ปี\s*)?(?:พ\.ศ\.\s*)?"
                            r"(?P<y4>\d{4})(?![\d,.])")
# A comparison before a qualifier: "ลดลง 11.63% เมื่อเทียบกับวันที่ 2 ของ...ปีใหม่ 2567"
# names the period compared with, not the one the figures around are stated for.
_COMPARED = re.compile(r"เทียบ")
#: How far before a qualifier the word of a comparison may stand and make it one.
COMPARED_REACH = 80
# A Buddhist-era year in two digits after "ปีงบ"/"ปีงบประมาณ"/"พ.ศ." ("ปีงบ 67": 2567), in
# any text; after a bare "ปี" ("ปี 66") only in a question (a text's "5 ปี 20 จังหวัด"
# counts).  Years 2540-2599.
_YEAR2_ANY = re.compile(r"(?:ปีงบ(?:ประมาณ)?|พ\.ศ\.)[ \t]?(?P<yy>[4-9]\d)(?![\d,.])")
_YEAR2_ASKED = re.compile(r"ปี(?:งบ(?:ประมาณ)?)?(?:[ \t]?พ\.ศ\.)?[ \t]?(?P<yy>[4-9]\d)(?![\d,.])")
# The day of a running series (a registration, a campaign): "ครบ 20 วัน", "ครบ 2 สัปดาห์"
# (the 14th day), "วันที่ 3" or "เข้าสู่วันที่ 38" with no month after it (a date's day is
# no day of a series: "วันที่ 3 ธ.ค. 66").
_SERIES_DAY = re.compile(
    r"ครบ\s*(?P<n>\d{1,3})\s*(?P<unit>วัน|สัปดาห์)(?!ที่)"
    rf"|วันที่\s*(?P<d>\d{{1,3}})(?![\d,.:])(?!\s*(?:[-–/]|{MONTH_NAMES}|ของเดือน|เดือน|ถึง))")
# A month: its name (full or short) in a text; in a question, a month named with its year
# and no day before it ("เม.ย. 67", "(มี.ค. 2564)"): the month a figure is asked for.
_MONTH_INDEX = {m: i for i, m in enumerate(MONTHS_FULL, 1)} | {
    m: i for i, m in enumerate(MONTHS_SHORT, 1)}
_MONTH = re.compile(rf"(?P<m>{_MONTHS})")
_MONTH_ASKED = re.compile(rf"(?<![\d\-–])(?<!\d\s)(?:เดือน\s*)?(?P<m>{_MONTHS})\s*(?:พ\.ศ\.\s*)?"
                          r"(?:\d{4}|\d{2})(?![\d,.])")
# The length of the period a figure covers, in months ("span"): a quarter is 3, "ครึ่งปีแรก"
# and "ไตรมาสที่ 1-2" and "มกราคม-มิถุนายน" 6, "9 เดือนแรก" 9, "ทั้งปี" 12.  "เศรษฐกิจไทยไตรมาสที่
# 3 ขยายตัวเท่าไร" is no nine months' figure ("รวม 9 เดือนแรกของปี 2566 ขยายตัวร้อยละ 1.9"),
# nor "ครึ่งปีแรก" the year's projection ("ยอดส่งออกทั้งปี 2565 อาจมีมูลค่าถึง ...").
_SPAN = re.compile(
    r"ไตรมาส(?:ที่)?\s*(?P<q1>[1-4])\s*(?:[-–]|ถึง)\s*(?:ไตรมาส(?:ที่)?\s*)?(?P<q2>[1-4])(?!\d)"
    r"|(?P<quarter>ไตรมาส|\bQ[1-4]\b|\bquarter)"
    rf"|(?P<m1>{_MONTHS})\s*(?:\d{{2,4}}\s*)?(?:[-–]|ถึง)\s*(?:\d{{1,2}}\s*)?(?P<m2>{_MONTHS})"
    r"|(?P<n>\d{1,2}|สาม|หก|เก้า|สิบเอ็ด)\s*เดือน(?:แรก|หลัง)"
    r"|(?P<nen>\d{1,2}|three|six|nine|eleven)\s*months"
    r"|(?P<half>(?<!ละ)ครึ่ง(?:แรก|หลัง)?\s?(?:ของ)?\s?ปี|ครึ่งปี|\b(?:first|second)\s+half|\bhalf[-\s]year)"
    r"|(?P<whole>ทั้งปี|ตลอดปี|\bfull[-\s]year|\bwhole\s+year)", re.I)
#: Before a period: its end, a point in time ("ณ สิ้นไตรมาส 3 ... รวมทั้งสิ้น 122,830 ล้านบาท"
#: runs from the fiscal year's start), not its length.
_POINT_BEFORE = re.compile(r"(?:สิ้น(?:สุด)?|ถึง|end\s+of(?:\s+the)?)\s*$", re.I)
_SPAN_WORDS = {"สาม": 3, "หก": 6, "เก้า": 9, "สิบเอ็ด": 11, "three": 3, "six": 6, "nine": 9,
               "eleven": 11}


def _spans(text: str, *, question: bool = False) -> list[tuple[int, str, int]]:
    """Every period length ``text`` names: ``(offset, "span", months)`` (:data:`_SPAN`).

    ``question``: a question naming a period's end anywhere ("by the end of Q3") asks a
    running total, of no length: one span of 0 months.
    """
    out: list[tuple[int, str, int]] = []
    for m in _SPAN.finditer(text):
        if _POINT_BEFORE.search(text, max(0, m.start() - 14), m.start()):
            # "ณ สิ้นไตรมาส 3", "by the end of Q3": a point in time, a running total's
            # (a question's: length 0, no length asked).
            if question:
                return [(m.start(), "span", 0)]
            continue
        if m.group("q1"):
            months = 3 * (int(m.group("q2")) - int(m.group("q1")) + 1)
        elif m.group("quarter"):
            months = 3
        elif m.group("m1"):
            months = (_MONTH_INDEX[m.group("m2")] - _MONTH_INDEX[m.group("m1")]) % 12 + 1
        elif m.group("n") or m.group("nen"):
            word = (m.group("n") or m.group("nen")).lower()
            months = int(word) if word.isdigit() else _SPAN_WORDS[word]
        elif m.group("half"):
            months = 6
        else:
            months = 12
        if 1 <= months <= 12:
            out.append((m.start(), "span", months))
    return out


# A year that starts a running total: "ตั้งแต่ปี 2560", "นับตั้งแต่ปี พ.ศ. 2560", "since 2017".
_SINCE = re.compile(r"(?:ตั้งแต่|นับจาก|since)\s*(?:ปี\s*)?$", re.I)
# Words that open another clause between a value and a qualifier after it.
_NEXT_CLAUSE = re.compile(r"ส่วน|และ|ขณะที่|แต่|โดย|ซึ่ง|ทั้งนี้|นอกจาก|รวมทั้ง|ต่อมา|หรือ|เทียบ|จาก|[,;]")
# A paragraph break ends a qualifier's reach.
_BREAK = "\n"

#: One qualifier: its kind (:data:`KINDS`) and value (a year in the Buddhist era).
Qualifier = tuple[str, int]


def _found(text: str, *, question: bool = False) -> list[tuple[int, str, int]]:
    """Every qualifier in ``text``: ``(offset, kind, value)``, in order of offset.

    ``question``: ``text`` is a question, whose bare "ปี 66" is a year too.
    """
    out: list[tuple[int, str, int]] = []
    for m in _ORDINAL.finditer(text):
        kind = next(k for k in KINDS[1:] if m.group(k))
        if m.group("n"):
            value = int(m.group("n"))
        elif m.group("w") == "สุดท้าย":
            if kind != "quarter":
                continue  # the last round or phase: which one, the text does not say
            value = 4
        else:
            value = _NUMBER_WORDS[m.group("w")]
        out.append((m.start(), kind, value))
        if m.group("y"):
            out.append((m.start("y"), "year", written_be_year(m.group("y"))))
    for m in _YEAR.finditer(text):
        year = m.group("y4") or m.group("yy")
        # "ตั้งแต่ปี 2560 ถึงปัจจุบัน ... รวม 1,077 แห่ง": a running total since a year is
        # no figure of that year.
        since = _SINCE.search(text, max(0, m.start() - 12), m.start()) is not None
        out.append((m.start(), "since" if since else "year", written_be_year(year)))
        if m.group("y4") and (r := _YEAR_RANGE_END.match(text, m.end())) is not None:
            out.append((r.start("y4"), "since" if since else "year",
                        written_be_year(r.group("y4"))))
    for m in _FESTIVAL_YEAR.finditer(text):
        out.append((m.start("y4"), "year", written_be_year(m.group("y4"))))
        out.append((m.start(), "festival", written_be_year(m.group("y4"))))
    for m in _SERIES_DAY.finditer(text):
        if m.group("d"):
            out.append((m.start(), "day", int(m.group("d"))))
        else:
            weeks = m.group("unit") == "สัปดาห์"
            out.append((m.start(), "day", int(m.group("n")) * (7 if weeks else 1)))
    for m in (_MONTH_ASKED if question else _MONTH).finditer(text):
        out.append((m.start("m"), "month", _MONTH_INDEX[m.group("m")]))
    out.extend(_spans(text, question=question))
    taken = {at for at, kind, _ in out if kind in ("year", "since")}
    for m in (_YEAR2_ASKED if question else _YEAR2_ANY).finditer(text):
        if m.start() not in taken:
            out.append((m.start(), "year", written_be_year(m.group("yy"))))
    out.sort()
    if not question:
        # A period compared with is no period of the figures around it: kind "compared".
        out = [(at, "compared" if kind in ("year", "day", "month", "festival")
                and _compared(text, at)
                else kind, value) for at, kind, value in out]
    return out


def _compared(text: str, at: int) -> bool:
    """Whether the qualifier at ``text[at]`` follows a comparison's word in its paragraph."""
    lo = max(0, at - COMPARED_REACH, text.rfind("\n", 0, at) + 1)
    return _COMPARED.search(text, lo, at) is not None


def qualifier_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` names a year, round, phase, quarter or batch: ``(start, end)`` pairs.

    "ไตรมาส 3 ปี 2567 ขยายตัว 2.2%" → the spans of "ไตรมาส 3" and "ปี 2567": numbers that
    qualify a value rather than state one (and the end of a year range, "2000" of "ปี 1991
    ถึง 2000").
    """
    ends = [r.span("y4") for m in _YEAR.finditer(text)
            if m.group("y4") and (r := _YEAR_RANGE_END.match(text, m.end())) is not None]
    return sorted([m.span() for m in _ORDINAL.finditer(text)]
                  + [m.span() for m in _YEAR.finditer(text)] + ends
                  + [m.span() for m in _SERIES_DAY.finditer(text)])


@lru_cache(maxsize=512)
def qualifiers_of(question: str) -> tuple[Qualifier, ...]:
    """The qualifiers a question names, one value a kind (a kind named twice is dropped).

    ``question`` normalised with Arabic digits.  "ปี 2567 ส่งออกกี่ตัน" → (("year", 2567),);
    "ปี 2566 หรือ 2567" names two years and constrains none.
    """
    seen: dict[str, set[int]] = {}
    # "ปี 66" and "ปีงบ 67" are 2566 and 2567 (a two-digit Buddhist-era year).
    for _, kind, value in _found(question, question=True):
        if kind != "festival":  # asked as its year; a title's festival is read by agreement
            seen.setdefault(kind, set()).add(value)
    if seen.get("span") == {3} and "quarter" in seen:
        del seen["span"]  # a quarter's length goes with it (agreement reads it)
    return tuple(sorted((k, v.pop()) for k, v in seen.items() if len(v) == 1))


#: Qualifiers that number the stages of one programme or series: a phase, a quarter, a
#: batch or instalment, a bill's reading.  A document that names only other stages of
#: the kind asked is about those ("คนละครึ่ง เฟส 3" when phase 4 is asked).  (A round,
#: "ครั้งที่", is not among them: releases number meetings and visits of other things
#: beside the matter.)
STAGE_KINDS = frozenset({"phase", "quarter", "batch", "reading"})


#: Characters of the question right before an asked stage that name whose stage it is
#: ("คนละครึ่ง เฟส 4": "ะครึ่ง"), spaces dropped; fewer letters name nothing.
OWNER_CHARS = 6
#: How far before a stage in a text its owner's characters may stand ("คนละครึ่ง
#: (โครงการฯ) ระยะที่ 5").
OWNER_REACH = 40


def _owner(question: str, at: int) -> str:
    """The characters naming whose stage the qualifier at ``question[at]`` is ("" if none)."""
    before = re.sub(r"[\s\d.,()]+", "", question[:at])
    before = re.sub(r"(?:โครงการ|มาตรการ|ของ|ใน|ช่วง)$", "", before)
    return before[-OWNER_CHARS:] if len(before) >= OWNER_CHARS else ""


@lru_cache(maxsize=256)
def _asked_stages(question: str) -> dict[str, tuple[int, str]]:
    """The stages ``question`` asks, by kind: ``(value, owner)`` (:func:`_owner`)."""
    asked = {kind: value for kind, value in qualifiers_of(question) if kind in STAGE_KINDS}
    # The first stage of a kind names its owner: an English question's rendering writes
    # the stage twice ("ไตรมาส 3 ไตรมาสที่ 3"), and the second's "owner" is the first.
    owners: dict[str, str] = {}
    for at, kind, _ in _found(question, question=True):
        if kind in asked:
            owners.setdefault(kind, _owner(question, at))
    return {kind: (value, owners.get(kind, "")) for kind, value in asked.items()}


def other_stage(question: str, title: str, text: str) -> bool:
    """Whether ``title`` and ``text`` name only other stages than one ``question`` asks.

    ``question``, ``title``, ``text``: a question (normalised), a document's title and a
    passage of it, Arabic digits.  For each qualifier of :data:`STAGE_KINDS` the question
    names ("คนละครึ่ง เฟส 4"), the stages of that kind ``title`` and ``text`` name are
    gathered (of the same owner when the question names one: its :data:`OWNER_CHARS`
    characters within :data:`OWNER_REACH` before the stage); True when some are named
    and the asked one is written nowhere in them.  (So another measure's "ระยะที่ 2" in a
    release about คนละครึ่ง ระยะที่ 5 keeps it for "คนละครึ่งเฟส 2": which stage a
    number is of is not told apart beyond its owner's name written before it.)
    False when they name none (the text does not say which stage it is of).
    """
    asked = _asked_stages(question)
    if not asked:
        return False
    for kind, (value, owner) in asked.items():
        named: set[int] = set()
        anywhere: set[int] = set()
        for part in (title, text):
            for at, found, v in _found(part):
                if found != kind:
                    continue
                anywhere.add(v)
                near = re.sub(r"\s+", "", part[max(0, at - OWNER_REACH):at])
                if not owner or owner in near:
                    named.add(v)
        # The asked stage written anywhere keeps the text: a list names its owner once
        # ("ร่าง พ.ร.บ.งบประมาณ วาระที่ 1 ... และพิจารณาวาระที่ 2 และ 3").
        if named and value not in anywhere:
            return True
    return False


#: A full date in a title ("(28 ธันวาคม 2567)"): the day reported, not a period.
_TITLE_DAY = re.compile(rf"\d{{1,2}}\s*(?:{_MONTHS})\s*(?:พ\.ศ\.\s*)?\d{{4}}")


@lru_cache(maxsize=1024)
def title_year(title: str) -> int | None:
    """The one Buddhist-era year a document's title names ("... ปี 2567", "... 2024"), or None.

    None when the title names no year or several.
    """
    title = to_arabic_digits(title or "")
    years = years_in(title)
    if len(years) > 1:
        # "... ปีใหม่ 2568 วันที่ 2 ... (28 ธันวาคม 2567)": the day the release reports is
        # no period; the festival's year is.
        years = years_in(_TITLE_DAY.sub(" ", title)) or years
    return next(iter(years)) if len(years) == 1 else None


@lru_cache(maxsize=1024)
def title_festival(title: str) -> int | None:
    """The one festival year a document's title names ("... ช่วงเทศกาลปีใหม่ 2568 ..."), or None."""
    years = {v for _, kind, v in _found(to_arabic_digits(title or ""), question=True)
             if kind == "festival"}
    return next(iter(years)) if len(years) == 1 else None


@lru_cache(maxsize=1024)
def title_day(title: str) -> int | None:
    """The one day of a running series a document's title names, or None.

    "ปลัดมหาดไทย เผยยอดลงทะเบียนหนี้นอกระบบครบ 20 วัน ..." → 20; "... ครบ 2 สัปดาห์" → 14.
    None when the title names no such day or several.
    """
    days = {v for _, kind, v in _found(to_arabic_digits(title or "")) if kind == "day"}
    return next(iter(days)) if len(days) == 1 else None


#: Document kinds that tell of their own day: a value they state with no year is of the
#: year they are dated in (or the one before or after: a release of January reports the
#: year just ended, one of September the fiscal year to come).
DATED_KINDS = frozenset({"news"})
#: How many years from its date a release's undated value may be stated for.
RELEASE_YEAR_SLACK = 1


def _release_year(kind: str, date: dt.date | None, asked: int) -> int | None:
    """The year a value a document of ``kind`` dated ``date`` states with no year is for.

    The asked year when the document is dated within :data:`RELEASE_YEAR_SLACK` of it,
    else the document's own year; None for undated documents and other kinds.
    """
    if kind not in DATED_KINDS or date is None:
        return None
    year = date.year + BE_OFFSET
    return asked if abs(year - asked) <= RELEASE_YEAR_SLACK else year


@lru_cache(maxsize=1024)
def _index(text: str) -> tuple[dict[str, tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]],
                               npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """A passage's qualifiers by kind (sorted offsets, values), its breaks and its digits."""
    by_kind: dict[str, tuple[list[int], list[int]]] = {}
    for at, kind, value in _found(text):
        offsets, values = by_kind.setdefault(kind, ([], []))
        offsets.append(at)
        values.append(value)
    breaks = np.array([m.start() for m in re.finditer(_BREAK, text)], dtype=np.int64)
    digits = np.array([m.start() for m in re.finditer(r"\d", text)], dtype=np.int64)
    return ({k: (np.array(o, dtype=np.int64), np.array(v, dtype=np.int64))
             for k, (o, v) in by_kind.items()}, breaks, digits)


@lru_cache(maxsize=1024)
def _range_starts(text: str) -> dict[int, int]:
    """The first year of each year range, by the offset of its last ("ปี 1991 ถึง 2000")."""
    out: dict[int, int] = {}
    for m in _YEAR.finditer(text):
        if m.group("y4") and (r := _YEAR_RANGE_END.match(text, m.end())) is not None:
            out[r.start("y4")] = written_be_year(m.group("y4"))
    return out


def _stated_for(text: str, start: npt.NDArray[np.int64], end: npt.NDArray[np.int64],
                kind: str, *, low: bool = False) -> npt.NDArray[np.int64]:
    """The value of the ``kind`` qualifier each span ``text[start:end]`` is stated for.

    A qualifier right after the span, within :data:`QUALIFIER_AFTER` characters and no
    digit between ("2,414 หลังคาเรือน (สถิติเดือนกันยายน 2552)"), else the nearest one
    before it ends: one inside the span counts (a date's own year), one past
    :data:`QUALIFIER_REACH` characters before it or behind a paragraph break does not.
    -1 where there is none.  ``start`` and ``end`` are arrays of the same shape; so is
    the result.  ``low``: for a year stated by a range ("ปี 1991 ถึง 2000"), the range's
    first year instead of its last (any other value as it is).
    """
    by_kind, breaks, digits = _index(text)
    offsets, values = by_kind.get(kind, (np.zeros(0, dtype=np.int64),) * 2)
    if low and len(offsets) and (starts := _range_starts(text)):
        values = np.array([starts.get(int(o), int(v)) for o, v in
                           zip(offsets.tolist(), values.tolist(), strict=True)], dtype=np.int64)
    if not len(offsets):
        return np.full(start.shape, -1, dtype=np.int64)
    k = np.searchsorted(offsets, end, "left") - 1
    at = offsets[np.maximum(k, 0)]
    near = (k >= 0) & (at >= start - QUALIFIER_REACH)
    if len(breaks):
        near &= np.searchsorted(breaks, start, "left") <= np.searchsorted(breaks, at, "left")
    stated = np.where(near, values[np.maximum(k, 0)], -1)
    k_after = np.minimum(k + 1, len(offsets) - 1)
    after = offsets[k_after]
    follows = (k + 1 < len(offsets)) & (after >= end) & (after - end <= QUALIFIER_AFTER)
    follows &= np.searchsorted(digits, after, "left") == np.searchsorted(digits, end, "left")
    if len(breaks):
        follows &= np.searchsorted(breaks, after, "left") == np.searchsorted(breaks, end, "left")
    for i in np.flatnonzero(follows).tolist():
        # "2,540 ล้านบาท ส่วนในปี 2567": the year opens the next clause.
        follows[i] = _NEXT_CLAUSE.search(text, int(end[i]), int(after[i])) is None
    return np.where(follows, values[k_after], stated)


#: How far before a year a quarter names the part of it a value is stated for ("ไตรมาส 4
#: ปี 2565", "ไตรมาสที่ 2 ของปีงบประมาณ 2568").
QUARTER_OF_YEAR = 20


def _quarter_of_year(text: str, end: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
    """Which spans ending at ``end`` are stated for a quarter of a year, not the year.

    The nearest quarter before the span (within :data:`QUALIFIER_REACH` characters and
    its paragraph) stands after the nearest year or at most :data:`QUARTER_OF_YEAR`
    characters before it.
    """
    by_kind, breaks, _ = _index(text)
    out = np.zeros(end.shape, dtype=bool)
    if "quarter" not in by_kind:
        return out
    q_at = by_kind["quarter"][0]
    y_at = by_kind.get("year", (np.zeros(0, dtype=np.int64),))[0]
    for i, e in enumerate(end.tolist()):
        k = int(np.searchsorted(q_at, e, "left")) - 1
        if k < 0 or q_at[k] < e - QUALIFIER_REACH or (
                len(breaks) and np.searchsorted(breaks, q_at[k]) != np.searchsorted(breaks, e)):
            continue
        j = int(np.searchsorted(y_at, e, "left")) - 1
        out[i] = j < 0 or y_at[j] - q_at[k] <= QUARTER_OF_YEAR
    return out


def agreement(rows: SpanRows, asked: tuple[Qualifier, ...]
              ) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """Which candidates are stated for the asked qualifiers, and which for others.

    Returns ``(agree, disagree)``, boolean arrays over ``rows``' feature rows: ``agree``
    where for every asked kind the nearest qualifier names the asked value,
    ``disagree`` where for some asked kind it names another.  A candidate with no
    qualifier of a kind before it is neither for that kind, except for the year when
    its document's title names one year ("... ปีงบประมาณ 2568"): the value is stated
    for that year (:func:`title_year`).
    """
    n = len(rows.x)
    agree = np.zeros(n, dtype=bool)
    disagree = np.zeros(n, dtype=bool)
    if not asked or not n:
        return agree, disagree
    if "quarter" in dict(asked) and "span" not in dict(asked):
        asked = (*asked, ("span", 3))  # a quarter asked is three months' figure
    for p in np.unique(rows.owner).tolist():
        sel = np.flatnonzero(rows.owner == p)
        cands = rows.cands[p]
        start, end = cands.start[rows.index[sel]], cands.end[rows.index[sel]]
        ok = np.ones(len(sel), dtype=bool)
        bad = np.zeros(len(sel), dtype=bool)
        for kind, value in asked:
            stated = _stated_for(rows.passages[p].text, start, end, kind)
            hit = rows.passages[p].hit
            if kind == "year":
                year = title_year(hit.title)
                if year is None:
                    year = _release_year(hit.kind, hit.date, value)
                if year is not None:
                    stated = np.where(stated < 0, year, stated)
                # A value after a year range ("ช่วงปี 1991 ถึง 2000 ... เพิ่มขึ้นจาก 415,000
                # เป็น 587,000") is stated for either end of it (not for a year between:
                # a plan's "ปี 2566-2570" figure is no figure of 2567).
                first = _stated_for(rows.passages[p].text, start, end, kind, low=True)
                ends = (first >= 0) & (first != stated) & (first == value)
                stated = np.where(ends, value, stated)
                festival = title_festival(hit.title)
                if festival is not None and festival != value:
                    # A release of New Year 2568 dates its figures "28 ธันวาคม 2567": a
                    # date's year is no festival's; only "ปีใหม่ 2567" written for the
                    # value itself makes it the asked festival's.
                    own = _stated_for(rows.passages[p].text, start, end, "festival")
                    stated = np.where(own == value, value, festival)
            elif kind == "day":
                day = title_day(hit.title)
                if day is not None:
                    stated = np.where(stated < 0, day, stated)
            elif kind == "month" and hit.kind in DATED_KINDS and hit.date is not None:
                # A release's value with no month near it is of the month it is dated (or
                # the one next to it: a release of early May reports April, one of late
                # February the bonds sold in March).
                month = hit.date.month
                dated = value if month in (value, value % 12 + 1, (value - 2) % 12 + 1) else month
                stated = np.where(stated < 0, dated, stated)
            if kind == "span" and value == 0:
                continue  # a running total to a period's end: of no length asked
            ok &= stated == value
            bad |= (stated >= 0) & (stated != value)
        if dict(asked).get("span", 0) > 0:
            # A part of a year asked ("ไตรมาสที่ 3 ปี 2566", "ครึ่งปีแรก 2565"): a value its
            # text states for a year with no part of it within reach ("และปี 2566 จะขยายตัว
            # ในช่วงร้อยละ 3.0 - 4.0") is the year's figure.
            text = rows.passages[p].text
            of_year = (_stated_for(text, start, end, "year") >= 0) & (
                _stated_for(text, start, end, "span") < 0) & ~_quarter_of_year(text, end)
            bad |= of_year
            ok &= ~of_year
        if "year" in dict(asked) and not {"quarter", "month"} & set(dict(asked)):
            # A year asked, no part of it: a quarter's figure ("กำไรไตรมาส 4 ปี 2565
            # เพิ่มขึ้นร้อยละ 64") is no figure of the year ("ร้อยละ 56").
            bad |= _quarter_of_year(rows.passages[p].text, end)
            if "quarter" in _index(hit.title)[0]:
                # A release titled for a quarter ("บสย. ปลื้ม ไตรมาส1/2566 ..."): a value
                # its text states for no year nor quarter of its own is the quarter's.
                text = rows.passages[p].text
                bad |= ((_stated_for(text, start, end, "year") < 0)
                        & (_stated_for(text, start, end, "quarter") < 0))
            ok &= ~bad
        agree[sel], disagree[sel] = ok, bad
    return agree, disagree
