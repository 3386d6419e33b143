"""Whether a document tells of the event a question names (its years and places).

A staff question names its event by what it asks about *and* by when and where it
happened ("... จังหวัดศรีสะเกษ ... ปลาย พ.ย. 65", "งาน OTOP Midyear 2030 ..."). A press
release about the same kind of event in another province or another year holds
words enough to look relevant, and a value from it under its real citation is the
worst kind of wrong answer.  Two checks, both on what the question states outright:

* **years** — every year the question names (``2567``, ``2024``, ``พ.ค. 67``,
  ``ปี 66``) is read as a Buddhist-era year; a document agrees when its own date is
  within a year of one of them, or its title or text names one of them;
* **days** — a day and month the question names ("เมื่อ 27 มี.ค. 66"); a document
  agrees when its title or text names that day of that month (full or short month
  name) or when its own date is within :data:`DAY_SLACK` days of it (a release of
  the day);
* **places** — provinces and countries the question names (PyThaiNLP's lists of Thai
  provinces and of countries in Thai); a document agrees when its title or text names
  one of them;
* **districts** — an อำเภอ the question names ("อำเภอปาย", "อ.ปาย", or "ปาย" alone
  where the documents read write it as a district: :func:`with_districts`); a passage
  agrees when it or its title writes that district.

A question that names no year (no place) passes that check.  These are constraints,
not weights: nothing here is tuned.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from bot.answering.features import QuestionTerms
from indexer.tokenize import word_spans
from knowledge.thai import BE_OFFSET, MONTHS_FULL, MONTHS_SHORT

__all__ = ["DAY_SLACK", "MONTH_NAMES", "EventAnchors", "agrees", "be_year", "days_in",
           "district_written", "event_anchors", "in_months", "missing_year", "months_in",
           "with_districts", "written_be_year", "years_in"]

#: Months as spoken and typed in chat: the full name without its ending ("3 เมษา 67").
_MONTHS_SPOKEN: tuple[str, ...] = (
    "มกรา", "กุมภา", "มีนา", "เมษา", "พฤษภา", "มิถุนา", "กรกฎา", "สิงหา", "กันยา", "ตุลา",
    "พฤศจิกา", "ธันวา")
_MONTHS = "|".join(re.escape(m) for m in sorted((*MONTHS_FULL, *MONTHS_SHORT, *_MONTHS_SPOKEN),
                                                  key=len, reverse=True))
#: A month's name as written or typed (full, short or spoken), as a regular expression.
MONTH_NAMES = _MONTHS
_YEAR4 = re.compile(r"(?<![\d.,])(19\d\d|20\d\d|24\d\d|25\d\d)(?![\d.,])")
# A two-digit year after a month or "ปี"/"พ.ศ." ("1 พ.ค. 67", "ปีงบประมาณ 66").
_YEAR2 = re.compile(rf"(?:(?:{_MONTHS})\s*|(?:ปี(?:งบ(?:ประมาณ)?)?|พ\.ศ\.)\s*)(\d\d)(?![\d.,])")

_MONTH_NO = {m: i for i, m in enumerate(MONTHS_FULL, 1)} | {
    m: i for i, m in enumerate(MONTHS_SHORT, 1)} | {
    m: i for i, m in enumerate(_MONTHS_SPOKEN, 1)}
# "27 มี.ค.", "27 มีนาคม", "27-28 มีนาคม" (the first day of a range).
_DAY_MONTH = re.compile(rf"(?<![\d.,])(\d{{1,2}})(?:\s*[-–]\s*\d{{1,2}})?\s*({_MONTHS})")
#: A document dated this many days from the day a question names agrees with it.
DAY_SLACK = 3

#: Province and country names that are also everyday words ("เลย": at all; "ตาก": to dry
#: in the sun): they anchor a question only after จังหวัด/จ./ประเทศ.
_AMBIGUOUS = frozenset({"เลย", "ตาก", "แพร่", "น่าน", "ตราด", "ตรัง", "จีน"})
_PREFIXED = re.compile(r"(?:จังหวัด|จ\.|ประเทศ)\s*$")


@dataclass(frozen=True)
class EventAnchors:
    """The Buddhist-era years and the place names a question states."""

    years: frozenset[int]
    places: tuple[str, ...]
    #: ``(day, month)`` pairs the question names.
    days: frozenset[tuple[int, int]] = frozenset()
    #: Districts the question names, bare ("ปาย" of "อำเภอปาย", "อ.ปาย" or "ที่ปาย"):
    #: :func:`with_districts`.
    districts: tuple[str, ...] = ()


def be_year(year: int) -> int:
    """A year in the Buddhist era: a Christian-era year (before 2400) is converted."""
    return year + BE_OFFSET if year < 2400 else year


def written_be_year(written: str) -> int:
    """A year as written, in the Buddhist era: "2024" → 2567, "66" → 2566, "2566" → 2566."""
    return 2500 + int(written) if len(written) == 2 else be_year(int(written))


#: A day and month read as a yearly day, not one day's event ("21 ตุลาคม ของทุกปี").
_YEARLY = re.compile(r"\s*(?:ของ)?\s*ทุก\s*ปี|\s*(?:of )?every year", re.I)
#: A year written right after a day and month ("5 มี.ค. 63", "5 มีนาคม พ.ศ. 2563").
_YEAR_AFTER = re.compile(r"\s*(?:พ\.ศ\.|ค\.ศ\.)?\s*\d{2,4}(?![\d.,])")
#: Months a release's date may stand from the day it reports (a release of 5 January on
#: a meeting of 28 December is of the year before).
_YEAR_MONTHS = 6


def missing_year(text: str, start: int, end: int, date: dt.date | None,
                 question: str = "") -> int | None:
    """The Buddhist-era year a day and month ``text[start:end]`` leave out, or None.

    "เมื่อวันที่ 5 มีนาคม นาย..." in a release that writes "มีนาคม 2563" elsewhere, or
    is dated ``date`` (of March 2020), is of 2563.  None when the value writes its year,
    is no day and month, is a yearly day ("21 ตุลาคม ของทุกปี"; a question that asks
    which day a named day falls on, "ตรงกับ"), or no year can be told: a year written
    in ``text`` with the same month wins, else the year nearest ``date`` (within
    :data:`_YEAR_MONTHS` months).
    """
    value = text[start:end]
    m = _DAY_MONTH.search(value)
    if m is None or years_in(value) or _YEAR_AFTER.match(text, end) or _YEARLY.match(
            text, end) or re.search(r"ตรงกับ|ทุกปี|every year", question):
        return None
    month = _MONTH_NO.get(m.group(2))
    if month is None:
        return None
    written: set[int] = set()
    for y in re.finditer(rf"({_MONTHS})\s*(?:พ\.ศ\.\s*)?(\d{{4}}|\d{{2}})(?![\d.,])", text):
        if _MONTH_NO.get(y.group(1)) == month:
            written.add(written_be_year(y.group(2)))
    if len(written) == 1:
        return written.pop()
    if date is None:
        return None
    for year in (date.year, date.year - 1, date.year + 1):
        months = (year - date.year) * 12 + month - date.month
        if abs(months) <= _YEAR_MONTHS:
            return be_year(year)
    return None


def years_in(text: str) -> set[int]:
    """Buddhist-era years named in ``text`` (Arabic digits): ``2024`` → 2567, ``พ.ค. 67`` → 2567.

    A new set each call (the caller may change it); the years of a text are kept
    (:func:`_years_of`): a passage read is checked against a question's years for each
    of its candidates' checks, and again when the next question reads it.
    """
    if len(text) > CACHED_TEXT_CHARS:
        return set(_years_named(text))
    return set(_years_of(text))


#: Texts up to this long (a passage read, a title) have their years kept (4,096 of them).
CACHED_TEXT_CHARS = 8192


@lru_cache(maxsize=4096)
def _years_of(text: str) -> frozenset[int]:
    """:func:`years_in` (the text itself is the key: never stale)."""
    return _years_named(text)


def _years_named(text: str) -> frozenset[int]:
    out = {be_year(int(m.group(1))) for m in _YEAR4.finditer(text)}
    out.update(2500 + int(m.group(1)) for m in _YEAR2.finditer(text))
    return frozenset(out)


@lru_cache(maxsize=1)
def _place_names() -> tuple[str, ...]:
    """Thai province and country names, longest first (PyThaiNLP's bundled lists)."""
    try:
        from pythainlp.corpus import countries, provinces
    except ImportError:  # pragma: no cover - PyThaiNLP is a dependency
        return ()
    names = {n for n in (*provinces(), *countries()) if len(n) >= 3 and n != "ประเทศไทย"}
    names.discard("ไทย")
    return tuple(sorted(names, key=len, reverse=True))


def event_anchors(question: str) -> EventAnchors:
    """The years and places ``question`` (Thai form, Arabic digits) names."""
    places: list[str] = []
    taken: list[tuple[int, int]] = []
    words = {question[a:b] for a, b in word_spans(question)}
    for name in _place_names():
        start = question.find(name)
        while start != -1:
            end = start + len(name)
            inside = any(a <= start and end <= b for a, b in taken)
            prefixed = bool(_PREFIXED.search(question[max(0, start - 12):start]))
            # A short name counts as a whole word only ("ลาว", not the start of "ลาวัณย์").
            whole = len(name) >= 5 or name in words or prefixed
            if not inside and whole and (name not in _AMBIGUOUS or prefixed):
                places.append(name)
                taken.append((start, end))
                break
            start = question.find(name, start + 1)
    places.extend(b for b in bodies_in(question) if not any(b in p for p in places))
    return EventAnchors(frozenset(years_in(question)), tuple(places), days_in(question))


#: Nouns that open a named body: "ธนาคารออมสิน", "มูลนิธิรักษ์ไทย".
_BODY_NOUNS = ("ธนาคาร", "มูลนิธิ", "สมาคม")
#: Words after such a noun that name no body ("ธนาคารใด", "ธนาคารขยะ", "ธนาคารที่...").
_NOT_BODY = frozenset({"ใด", "ไหน", "อะไร", "ที่", "ซึ่ง", "และ", "ขยะ", "น้ำ", "อาหาร", "ปู",
                       "ต้นไม้", "โค", "กระบือ", "เมล็ดพันธุ์", "ข้าว", "ทั้ง", "ต่างๆ", "ของ",
                       "ใน", "นี้", "ดังกล่าว", "เวลา", "ความดี"})


def bodies_in(question: str) -> tuple[str, ...]:
    """The bodies ``question`` names by a noun and a name: ``("ธนาคารออมสิน",)``.

    A word of the word list that opens with the noun ("ธนาคารออมสิน"), or the noun and
    the word after it; a document about what the body did names it.  "ธนาคารใด"
    (asked), "ธนาคารขยะ" (a waste bank, no body) name none.
    """
    spans = word_spans(question)
    out: list[str] = []
    for k, (a, b) in enumerate(spans):
        word = question[a:b]
        noun = next((n for n in _BODY_NOUNS if word.startswith(n)), None)
        if noun is None:
            continue
        if word != noun:
            if word[len(noun):] not in _NOT_BODY:
                out.append(word)
            continue
        if k + 1 < len(spans) and spans[k + 1][0] == b:
            name = question[b:spans[k + 1][1]]
            if name not in _NOT_BODY and len(name) >= 3 and not name.isdigit():
                out.append(question[a:spans[k + 1][1]])
    return tuple(out)


def days_in(text: str) -> frozenset[tuple[int, int]]:
    """The ``(day, month)`` pairs named in ``text``: ``27 มี.ค. 66`` → ``(27, 3)``."""
    out = set()
    for m in _DAY_MONTH.finditer(text):
        day = int(m.group(1))
        if 1 <= day <= 31:
            out.add((day, _MONTH_NO[m.group(2)]))
    return frozenset(out)


# A month and its year: "เม.ย. 66", "มิถุนายน 2568", "เมษา 2567", "ธ.ค. พ.ศ. 2563".
_MONTH_YEAR = re.compile(rf"({_MONTHS})\s*(?:พ\.ศ\.\s*|ปี\s*)?(\d{{4}}|\d\d)(?![\d.,])")


def months_in(text: str) -> frozenset[tuple[int, int]]:
    """The ``(Buddhist-era year, month)`` pairs named in ``text`` (Arabic digits).

    ``เม.ย. 66`` → ``(2566, 4)``, ``มิถุนายน 2025`` → ``(2568, 6)``; a month named
    without its year is not one.
    """
    return frozenset((written_be_year(m.group(2)), _MONTH_NO[m.group(1)])
                     for m in _MONTH_YEAR.finditer(text))


def in_months(months: frozenset[tuple[int, int]], date: dt.date | None, *,
              slack_days: int = 0) -> bool:
    """Whether ``date`` falls in one of ``months`` (``(Buddhist-era year, month)``).

    With ``slack_days``, also within that many days before the month's first day or
    after its last (a question's month is often the asker's approximation).
    """
    if date is None:
        return False
    if (date.year + BE_OFFSET, date.month) in months:
        return True
    for year_be, month in months:
        first = dt.date(year_be - BE_OFFSET, month, 1)
        last = dt.date(year_be - BE_OFFSET + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
        if first - dt.timedelta(days=slack_days) <= date <= last + dt.timedelta(days=slack_days):
            return True
    return False


def _day_agrees(days: frozenset[tuple[int, int]], text: str, title: str,
                date: dt.date | None, slack: int) -> bool:
    written = days_in(title) | days_in(text)
    if days & written:
        return True
    if date is None:
        return False
    if any(m == month and 0 < abs(d - day) <= slack for d, m in written for day, month in days):
        # "ข้อมูล ณ วันที่ 5 เม.ย." is another day's figure than the 3rd asked, whatever
        # the release's date.
        return False
    for day, month in days:
        for year in (date.year - 1, date.year, date.year + 1):
            try:
                named = dt.date(year, month, day)
            except ValueError:
                continue
            if abs((named - date).days) <= slack:
                return True
    return False


def agrees(anchors: EventAnchors, text: str, title: str, date: dt.date | None,
           slack: int = DAY_SLACK, *, event_day: bool = True) -> bool:
    """Whether a document (``title``, a ``text`` read from it, its ``date``) fits ``anchors``.

    A day the question names must be named in the title or the text, or the document be
    dated within ``slack`` days of it (0: that very day; the caller asks with 0 first
    when a series of daily updates is read: "ข้อมูล ณ 3 เม.ย. 67" is not the figure of
    the release of 5 April).  ``event_day`` False: the document's date is no day of the
    events it tells (a report form is dated by the end of its quarter: "การประชุม APFSD
    วันที่ 28 มี.ค." is not the meeting of 20 - 23 February a form of 31 March reports),
    so a day must be written.
    """
    if anchors.places and not any(p in text or p in title for p in anchors.places):
        return False
    if anchors.districts and not any(district_written(d, f"{title}\n{text}")
                                     for d in anchors.districts):
        return False
    if anchors.days and not _day_agrees(anchors.days, text, title, date if event_day else None,
                                        slack):
        return False
    if anchors.years:
        doc_years = years_in(title) | years_in(text)
        if date is not None:
            y = date.year + BE_OFFSET
            doc_years |= {y - 1, y, y + 1}
        if not anchors.years & doc_years:
            return False
    return True


_THAI = "\u0e01-\u0e4e"
#: A district as the documents write one: "อ.ปาย จ.แม่ฮ่องสอน", "อำเภอวังเจ้า จังหวัดตาก"
#: (a place for sure: a province follows), "อ.ปาย", "นายอำเภอปาย", "สภ.ปาย" (a short
#: form only places are written with; "อ." is also อาจารย์'s, so only the first form makes
#: a name the question writes bare a district).
#: Each alternative opens with a letter (the look-behind after "อ": no Thai letter before
#: it), so the scan jumps between the letters instead of trying every position.
_DISTRICT_SURE = re.compile(rf"(?:อ(?<![{_THAI}]อ)\.\s?|อำเภอ)([{_THAI}]{{2,24}})\s*(?:จ\.|จังหวัด)")
_DISTRICT_SHORT = re.compile(rf"(?:อ(?<![{_THAI}]อ)\.\s?|นายอำเภอ|ที่ว่าการอำเภอ|สภ\.\s?)"
                             rf"([{_THAI}]{{2,24}})(?![{_THAI}])")
#: What a question writes before a district's name.
_DISTRICT_ASKED = re.compile(r"(?:อำเภอ|(?<![\u0e01-\u0e4e])อ\.\s?)$")
#: Words written after a district's name in a text that are not part of it.
_NOT_DISTRICT = frozenset({"เมือง"})


def district_written(name: str, text: str) -> bool:
    """Whether ``text`` writes district ``name`` as a place.

    At a word's start or after a district's prefix, not inside another word ("พาน" of
    "อ.พาน", not of "สะพาน").
    """
    return re.search(rf"(?<![{_THAI}]){re.escape(name)}"
                     rf"|(?:อำเภอ|อ\.\s?|สภ\.\s?|ภูธร){re.escape(name)}", text) is not None


#: A Thai letter right before a name (the name is glued to the word before it).
_GLUED_BEFORE = re.compile(rf"[{_THAI}]$")
#: The words a place is written after, glued or not ("ที่ปาย", "ในปาย").
_PLACE_PREPOSITION = re.compile(r"(?:ที่|ใน|ณ|จาก|ของ|ไป|ถึง)$")


def with_districts(anchors: EventAnchors, question: str, texts: list[str]) -> EventAnchors:
    """``anchors`` with the districts ``question`` names, as the ``texts`` read write them.

    No list of Thai districts ships with the project: a name is a district where a text
    read writes it as one (:data:`_DISTRICT_SURE`, :data:`_DISTRICT_SHORT`).  The question
    names it after "อำเภอ"/"อ." (either form of the texts), or bare as whole words
    ("เคตามีนที่ยึดได้ที่ปาย", only a name written before a province: "อ.ปาย จ.แม่ฮ่องสอน").
    A district that is also a province the question names ("อำเภอเมืองน่าน" holds "น่าน")
    is kept beside it.
    """
    sure: set[str] = set()
    short: set[str] = set()
    for text in texts:
        # Every match holds "อ." or "อำเภอ" (or, of the short forms, "สภ."): a text with
        # none of them (most of what is read) is not scanned.
        if "อ." not in text and "อำเภอ" not in text:
            if "สภ." in text:
                short.update(m.group(1) for m in _DISTRICT_SHORT.finditer(text))
            continue
        sure.update(m.group(1) for m in _DISTRICT_SURE.finditer(text))
        short.update(m.group(1) for m in _DISTRICT_SHORT.finditer(text))
    spans = word_spans(question)
    starts = {a for a, _ in spans}
    ends = {b for _, b in spans}
    found: list[str] = []
    for name in sorted(sure | short, key=len, reverse=True):
        if name in _NOT_DISTRICT or any(name in f for f in found):
            continue
        at = question.find(name)
        while at != -1:
            end = at + len(name)
            asked = bool(_DISTRICT_ASKED.search(question[max(0, at - 6):at]))
            # A bare name glued to the noun before it names that thing, not a district
            # ("โครงการฝายราษีไศล" is a weir), unless a preposition ("ที่ปาย").
            whole = at in starts and (end in ends or end == len(question)) and not (
                _GLUED_BEFORE.search(question, 0, at) and not _PLACE_PREPOSITION.search(
                    question, 0, at))
            if (asked and (end in ends or end == len(question))) or (
                    whole and name in sure and len(name) >= 3):
                found.append(name)
                break
            at = question.find(name, at + 1)
    if not found:
        return anchors
    return EventAnchors(anchors.years, anchors.places, anchors.days, tuple(found))


def date_words(date: dt.date | None) -> frozenset[str]:
    """The words a document's date is written with: month names, the day, BE/CE years."""
    if date is None:
        return frozenset()
    be = date.year + BE_OFFSET
    return frozenset({MONTHS_FULL[date.month - 1], MONTHS_SHORT[date.month - 1], str(be),
                      f"{be % 100:02d}", str(date.year), str(date.day)})


def document_mass(mass: float, in_cluster: set[str], terms: QuestionTerms, title: str,
                  date: dt.date | None) -> float:
    """``mass`` plus the share of the question's words the document's title or date hold.

    The words that say *which* event ("... เมื่อ 1 พ.ค. 67", the event's name) are the
    document's title and date more often than its passage's; a question word found
    there and not in the passage's cluster (``in_cluster``: the tokens found there)
    counts as covered.  The result is in [0, 1].
    """
    low = title.casefold()
    dates = date_words(date)
    done = {terms.group_of[t] for t in in_cluster if t in terms.group_of}
    extra = {terms.group_of[t] for t in terms.tokens
             if terms.group_of[t] not in done and (t in dates or (t.strip() and t in low))}
    return min(1.0, mass + sum(terms.weights[k] for k in extra) / (terms.total or 1.0))
