"""Parsers of the ministry's documents: the quarterly report form, press releases, plain text.

The layout is detected from the text itself, because files arrive with meaningless
names.  Parsers keep what the document says and invent nothing: the seed report
states quarter 2 of 2566 while its body tells of events in late 2566 and 2567,
and both are kept as written.  Every parser returns a :class:`ParsedDocument`
whose ``sections`` are the units that passages are cut from.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from knowledge.formula_text import unsafe_kind
from knowledge.plausible import implausible_reason
from knowledge.textcut import shorten
from knowledge.thai import (
    ThaiParseError,
    fiscal_quarter_of,
    format_baht,
    format_thai_date,
    normalize_text,
    parse_date_range,
    parse_money,
    parse_thai_date,
    to_arabic_digits,
)

__all__ = [
    "ALIGNMENT_FIELDS",
    "DocumentError",
    "OriginalFile",
    "ParsedAlignment",
    "ParsedDocument",
    "ParsedNews",
    "ParsedProjectRow",
    "ParsedReport",
    "Section",
    "detect_layout",
    "join_wrapped_lines",
    "parse_news",
    "parse_plain",
    "parse_report",
    "parse_text",
    "sdg_goal_number",
]


#: The English of a reader's message: its last parentheses, Latin first, no Thai letter
#: (one level of parentheses inside: "(damaged .docx: File is not a zip file (x))").
_ENGLISH_TAIL = re.compile(
    r"\s*\(([A-Za-z.][^()\u0e01-\u0e4f]*(?:\([^()\u0e01-\u0e4f]*\)[^()\u0e01-\u0e4f]*)*)\)\s*$")
#: The file a message names first ("report.pdf: ..."): no Thai letter in it.
_WHERE = re.compile(r"^([^\u0e01-\u0e4f]*?):\s")


class DocumentError(ValueError):
    """A document that cannot be read; the message says what is wrong (Thai first).

    Every reader writes its message ``"[FILE: ]Thai reason (English reason)"``:
    ``str(err)`` gives both (the command line's operators), :meth:`say` one, in the
    chat user's language.
    """

    def say(self, english: bool) -> str:
        """The message in one language (``english``: the user writes English).

        The file named first is kept in both; a message without its English (a
        reason quoted from elsewhere) is given whole.
        """
        text = str(self)
        tail = _ENGLISH_TAIL.search(text)
        if tail is None:
            return text
        thai = text[:tail.start()].rstrip()
        if not english:
            return thai
        where = _WHERE.match(thai)
        return f"{where.group(1)}: {tail.group(1)}" if where else tail.group(1)


@dataclass(frozen=True)
class Section:
    """A named piece of a document (a form field, a result item, a paragraph)."""

    name: str
    text: str
    #: The page (1-based) of the original it starts on, for PDF and Word files.
    page: int | None = None


@dataclass(frozen=True)
class ParsedAlignment:
    """One value of the alignment fields 6.1–6.7."""

    field: str
    kind: str
    value: str
    sdg_goal: int | None = None


@dataclass(frozen=True)
class ParsedReport:
    """Every field of the quarterly report form, as the form states it."""

    agency: str
    name: str
    indicator: str | None
    budget_baht: Decimal | None
    fiscal_year: int | None
    quarter: int | None
    period_start: dt.date | None
    period_end: dt.date | None
    alignments: tuple[ParsedAlignment, ...]
    results_text: str | None
    target_value: Decimal | None
    target_level: int | None
    result_value: Decimal | None
    result_level: int | None
    disbursement_target_baht: Decimal | None
    disbursement_actual_baht: Decimal | None
    problems: str | None


@dataclass(frozen=True)
class ParsedNews:
    """Press-release metadata found in its closing lines."""

    release_no: str | None
    office: str | None


@dataclass(frozen=True)
class ParsedProjectRow:
    """One project of a workbook or a project record, as the ministry's lists state it.

    Years are Buddhist era; ``submitted_on`` a Gregorian date; ``where`` names the source
    row (``"Sheet1!12"``) for messages about it.
    """

    name: str
    agency: str
    ministry: str | None = None
    province: str | None = None
    budget_baht: Decimal | None = None
    fiscal_year: int | None = None
    quarter: int | None = None
    submitted_on: dt.date | None = None
    plan: str | None = None
    code: str | None = None
    url: str | None = None
    where: str | None = None


@dataclass(frozen=True)
class OriginalFile:
    """The bytes of the file a document was read from (kept for ``reparse``)."""

    filename: str
    data: bytes


#: Refused rows whose places are kept and shown, a reason.
MAX_ROWS_LOCATED = 5


@dataclass(frozen=True)
class ParsedDocument:
    """A document ready to store: metadata, sections, and the form or release it holds."""

    kind: str
    title: str
    date: dt.date | None
    text: str
    sections: tuple[Section, ...]
    source: str | None = None
    report: ParsedReport | None = None
    news: ParsedNews | None = None
    extra: dict[str, str] = field(default_factory=dict)
    #: Pages of a PDF or Word original.
    pages: int | None = None
    #: The file it was read from, kept with the document.
    original: OriginalFile | None = None
    #: Project rows of a workbook or project record.
    projects: tuple[ParsedProjectRow, ...] = ()
    #: Rows of a workbook that were not taken, counted by reason (Thai, then English).
    refused: dict[str, int] = field(default_factory=dict)
    #: Where the first of them stand, by reason ("file.xlsx!Sheet!12"; at most
    #: :data:`MAX_ROWS_LOCATED` a reason).
    refused_at: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: What the rows taken may hold wrong (dates filled down one a day), Thai then English.
    notes: tuple[str, ...] = ()


#: Field number → (kind, label as printed on the form).
ALIGNMENT_FIELDS: dict[str, tuple[str, str]] = {
    "6.1": ("national_strategy", "ยุทธศาสตร์ชาติ"),
    "6.2": ("master_plan", "แผนแม่บทภายใต้ยุทธศาสตร์ชาติ"),
    "6.3": ("national_plan_13", "แผนพัฒนาเศรษฐกิจและสังคมแห่งชาติ ฉบับที่ 13"),
    "6.4": ("cabinet_policy", "นโยบายของคณะรัฐมนตรีที่แถลงต่อรัฐสภา"),
    "6.5": ("ministry_strategy", "ยุทธศาสตร์ตามแผนปฏิบัติราชการของกระทรวงมหาดไทย"),
    "6.6": ("sdg_goals", "เป้าหมายการพัฒนาที่ยั่งยืน (SDGs)"),
    "6.7": ("new_government_policy", "นโยบายรัฐบาลใหม่"),
}

_MAIN_FIELDS: dict[str, str] = {
    "1": "หน่วยงาน",
    "2": "ชื่อโครงการ",
    "3": "ตัวชี้วัด",
    "4": "งบประมาณ",
    "5": "ห้วงการรายงาน",
    "7": "ผลการดำเนินงาน",
    "8": "ปัญหาและอุปสรรค",
}

#: Distinctive words of the 17 SDG goal titles in their official Thai wording.
_SDG_KEYWORDS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (1, ("ยากจน",)),
    (2, ("หิวโหย", "ความมั่นคงทางอาหาร")),
    (3, ("สุขภาพ", "ความเป็นอยู่ที่ดี")),
    (4, ("การศึกษา",)),
    (5, ("ระหว่างเพศ", "สตรีและเด็กหญิง")),
    (6, ("น้ำและสุขอนามัย", "สุขาภิบาล", "จัดการน้ำ")),
    (7, ("พลังงาน",)),
    (8, ("การจ้างงาน", "งานที่มีคุณค่า", "เติบโตทางเศรษฐกิจ")),
    (9, ("โครงสร้างพื้นฐาน", "นวัตกรรม", "อุตสาหกรรม")),
    (10, ("ความไม่เสมอภาค", "ความเหลื่อมล้ำ")),
    (11, ("เมืองและการตั้งถิ่นฐาน", "ตั้งถิ่นฐาน")),
    (12, ("การผลิตและการบริโภค", "การบริโภคและการผลิต")),
    (13, ("สภาพภูมิอากาศ",)),
    (14, ("มหาสมุทร", "ทรัพยากรทางทะเล")),
    (15, ("ระบบนิเวศบนบก", "ป่าไม้", "ทะเลทราย")),
    (16, ("สังคมที่สงบสุข", "ความยุติธรรม", "สถาบันที่มีประสิทธิผล")),
    (17, ("หุ้นส่วนความร่วมมือ", "กลไกการดำเนินงาน")),
)

_IMAGE_LINE = re.compile(r"^\s*[\w\-]+\.(?:jpe?g|png|gif|webp|bmp)\s*$", re.IGNORECASE)
#: Thai letters, vowels and tone marks -- not Thai digits, which join like Arabic digits.
_THAI_LETTER = re.compile(r"[\u0e01-\u0e3a\u0e40-\u0e4e]")


def sdg_goal_number(value: str) -> int | None:
    """The SDG goal (1–17) that a Thai goal title or "SDG 5"/"เป้าหมายที่ 5" names, if any."""
    squeezed = re.sub(r"\s+", "", to_arabic_digits(value))
    m = re.search(r"(?:sdgs?|เป้าหมายที่)(\d{1,2})(?!\d)", squeezed, re.IGNORECASE)
    if m and 1 <= int(m.group(1)) <= 17:
        return int(m.group(1))
    for goal, words in _SDG_KEYWORDS:
        if any(w.replace(" ", "") in squeezed for w in words):
            return goal
    return None


def join_wrapped_lines(lines: list[str]) -> str:
    """Join lines that a PDF export wrapped mid-sentence.

    Thai writes no space between words, so a break between two Thai letters is
    rejoined with nothing; any other break becomes one space.  Thai digits count as
    digits, not letters: "ยั่งยืน" + "๓) ..." becomes "ยั่งยืน ๓) ...", as with "3)".
    """
    out = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if out and _THAI_LETTER.match(out[-1]) and _THAI_LETTER.match(line[0]):
            out += line
        elif out:
            out += " " + line
        else:
            out = line
    return out


def _clean_lines(text: str) -> list[str]:
    return [ln.rstrip() for ln in text.split("\n")]


def _loose(label: str) -> str:
    """Regex for a printed label that a PDF export may have broken with stray spaces.

    Its tone marks are optional: OCR of a scan often loses them ("ตัวชีวัด" for
    "ตัวชี้วัด"), and a label without them is still no other word.
    """
    return r"\s*".join(re.escape(ch) + ("?" if "\u0e48" <= ch <= "\u0e4b" else "")
                       for ch in label if not ch.isspace())


def detect_layout(text: str) -> str:
    """``report`` for the quarterly report form, ``news`` for a press release, else ``text``."""
    norm = normalize_text(text)
    head = to_arabic_digits("\n".join(norm.split("\n")[:20]))
    if re.search(rf"^\s*2\.?\s*{_loose('ชื่อโครงการ')}", head, re.M) and re.search(
        _loose("ห้วงการรายงาน"), norm
    ):
        return "report"
    tail = "\n".join(norm.strip().split("\n")[-40:])
    if re.search(r"ข้อมูลจาก", tail) and re.search(r"ครั้งที่\s*[\d๐-๙]+\s*/\s*[\d๐-๙]{4}", tail):
        return "news"
    return "text"


#: The numbered fields of the form, in the order the form prints them.
_FIELD_ORDER: tuple[str, ...] = ("1", "2", "3", "4", "5", *ALIGNMENT_FIELDS, "7", "8")

#: Words that some printings of the form add after a field's label.  Field 7 reads
#: "ผลการดำเนินงานของแผนงาน/โครงการรายไตรมาส" in full.
_LABEL_QUALIFIERS: dict[str, tuple[str, ...]] = {"7": ("ของแผนงาน/โครงการ", "รายไตรมาส")}


def _label(num: str) -> str:
    return _MAIN_FIELDS.get(num) or ALIGNMENT_FIELDS[num][1]


def _number_re(num: str) -> str:
    return rf"^\s*{re.escape(num)}(?![\d.]*\d)\.?\s*"


#: A field's line: its number and the start of its label (the form's numbering may be in
#: Thai digits; lines are matched after ``to_arabic_digits``, which keeps offsets).
_FIELD_LINE: dict[str, re.Pattern[str]] = {
    num: re.compile(_number_re(num) + _loose(_label(num)[:8])) for num in _FIELD_ORDER
}
#: A field's number, full label and any qualifiers: what to cut off its first line.
_FIELD_HEAD: dict[str, re.Pattern[str]] = {
    num: re.compile(
        _number_re(num)
        + _loose(_label(num))
        + "".join(rf"(?:\s*{_loose(q)})?" for q in _LABEL_QUALIFIERS.get(num, ()))
    )
    for num in _FIELD_ORDER
}
#: Where the results begin when the line of field 7 itself is missing: item 1 or a
#: level line ("- เป้าหมายการดำเนินงาน ...").
_RESULTS_START = re.compile(r"^\s*(?:1\.(?!\d)|-\s*(?:เป้าหมาย|ผล)การ)")


@dataclass(frozen=True)
class _FieldStart:
    line: int
    num: str
    labelled: bool = True  # False: an implied start (the field's own line is missing)


def _field_starts(lines: list[str]) -> list[_FieldStart]:
    """The line where each numbered field of the form starts, in form order.

    Any field line may be missing (a blank field is sometimes dropped altogether), so
    this does not wait for each field in turn: of all lines that look like a field's
    line, it keeps the longest run that follows the form's order, preferring earlier
    lines between equally long runs.  Without the line of field 7, the results start
    at their first item or level line after the last field before 7.
    """
    rank = {num: k for k, num in enumerate(_FIELD_ORDER)}
    cands: list[tuple[int, str]] = []
    for i, line in enumerate(lines):
        arabic = to_arabic_digits(line)
        for num in _FIELD_ORDER:
            if _FIELD_LINE[num].match(arabic):
                cands.append((i, num))
                break
    # Longest chain increasing in both line and field order (a few dozen candidates).
    length = [1] * len(cands)
    prev: list[int | None] = [None] * len(cands)
    for k, (_, num) in enumerate(cands):
        for j in range(k):
            if rank[cands[j][1]] < rank[num] and length[j] + 1 > length[k]:
                length[k], prev[k] = length[j] + 1, j
    chain: list[int] = []
    at = max(range(len(cands)), key=lambda k: (length[k], -k), default=None)
    while at is not None:
        chain.append(at)
        at = prev[at]
    starts = [_FieldStart(*cands[k]) for k in reversed(chain)]

    if starts and all(s.num != "7" for s in starts):
        before = [k for k, s in enumerate(starts) if rank[s.num] < rank["7"]]
        if before:
            k = before[-1]
            end = starts[k + 1].line if k + 1 < len(starts) else len(lines)
            for i in range(starts[k].line + 1, end):
                if _RESULTS_START.match(to_arabic_digits(lines[i])):
                    starts.insert(k + 1, _FieldStart(i, "7", labelled=False))
                    break
    return starts


def _strip_label(first_line: str, num: str) -> str:
    """The value on a field's first line: the line without the field's number and label.

    The label may be printed with stray spaces or with extra qualifying words (field 7
    reads "ผลการดำเนินงานของแผนงาน/โครงการรายไตรมาส"); a label that does not match in full
    is kept, so that no value is lost.
    """
    arabic = to_arabic_digits(first_line)
    m = _FIELD_HEAD[num].match(arabic) or re.match(_number_re(num), arabic)
    return first_line[m.end() :].strip() if m else first_line.strip()


def _field_body(lines: list[str], start: _FieldStart, end: int) -> list[str]:
    """A field's lines without its number and label, nor a heading that repeats the label.

    Field 7 is printed as a table whose column heading "ผลการดำเนินงาน" follows the
    field's label, on the same line or the next one; it is a heading, not a value.
    """
    if not start.labelled:
        return lines[start.line : end]
    body = [_strip_label(lines[start.line], start.num), *lines[start.line + 1 : end]]
    heading = re.compile(rf"\s*{_loose(_label(start.num))}\s*")
    first = next((k for k, ln in enumerate(body) if ln.strip()), None)
    if first is not None and heading.fullmatch(body[first]):
        del body[first]
    return body


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(to_arabic_digits(text).replace(",", ""))
    except InvalidOperation:
        return None


#: A line of field 7's levels: "- เป้าหมายการดำเนินงาน (2.0000 ระดับ 5) - ผลการ…" as the
#: form prints it, or a table row "ผลการดำเนินงาน<TAB>2.0000 ระดับ 5" (label, then the
#: number: a sentence that merely starts with the words is not one).
_LEVEL_LINE = re.compile(
    r"^\s*(?:-\s*(?:เป้าหมาย|ผล)การ"
    r"|(?:เป้าหมาย|ผล)การ(?:ดำเนินงาน|เบิกจ่าย)\s*[:：]?\s*\(?\s*(?:[\d๐-๙]|ระดับ))"
)

#: A performance score and level after its label, in the layouts forms print: "(2.0000
#: ระดับ 5)", "2.0000 ระดับ 5", "(ระดับ 4)", "ระดับ 3", "ระดับที่ 3", ": ระดับ 3",
#: "(2.0000) ระดับ 5".  Group 1: the score, or None; group 2 or 3: the level.
_SCORE_LEVEL = (r"\s*[:：]?\s*\(?\s*(?:([\d๐-๙]+(?:[.,][\d๐-๙]+)*)\s*)?"
                r"(?:ระดับ(?:ที่?)?\s*[:：]?\s*([\d๐-๙])(?![\d๐-๙]))?\s*\)?\s*"
                r"(?:ระดับ(?:ที่?)?\s*[:：]?\s*([\d๐-๙])(?![\d๐-๙]))?")


def _score_and_level(label: str, levels: str) -> tuple[Decimal | None, int | None]:
    """The score and level printed after ``label`` in field 7's level lines.

    ``levels``: the level lines joined.  Returns ``(score, level)``, each None when the
    form does not print it (``"(ระดับ 4)"`` states a level and no score).
    """
    m = re.search(label + _SCORE_LEVEL, levels)
    if not m:
        return None, None
    score = _decimal(m.group(1)) if m.group(1) else None
    level = m.group(2) or m.group(3)
    return score, int(to_arabic_digits(level)) if level else None


def _disbursement(label: str, levels: str) -> Decimal | None:
    """The amount of baht printed after ``label`` in field 7's level lines, else None.

    Read by :func:`knowledge.thai.parse_money`, as every amount is ("0.2500 ล้านบาท",
    "2.45 ลบ.", "250,000"); a percentage ("80%", "ร้อยละ 80") is none.  Raises
    :class:`ThaiParseError` for a figure that is no amount or reads two ways.
    """
    m = re.search(label + r"\s*[:：]?\s*(?P<v>[\d๐-๙][^-]*?)\s*(?=-\s|$|(?:เป้าหมาย|ผล)การ)",
                  levels)
    if m is None or re.fullmatch(r"[\d๐-๙.,]+\s*(?:%|เปอร์เซ็นต์).*", m.group("v")):
        return None
    return parse_money(m.group("v"))


def parse_report(text: str, *, name_hint: str = "") -> ParsedDocument:
    """Parse the quarterly report form (fields 1–8) into a document and its report."""
    norm = normalize_text(text)
    lines = _clean_lines(norm)
    starts = _field_starts(lines)
    found = {start.num for start in starts}
    missing = [n for n in ("1", "2", "5") if n not in found]
    if missing:
        raise DocumentError(
            f"แบบรายงานไม่ครบ: ไม่พบข้อ {', '.join(missing)} "
            f"(report form is missing field {', '.join(missing)})"
        )
    values: dict[str, list[str]] = {}
    for k, start in enumerate(starts):
        end = starts[k + 1].line if k + 1 < len(starts) else len(lines)
        values[start.num] = _field_body(lines, start, end)

    def one(num: str) -> str | None:
        joined = join_wrapped_lines(values.get(num, []))
        return joined or None

    agency = one("1") or ""
    name = one("2") or ""
    indicator = one("3")
    budget_text = one("4")
    budget: Decimal | None = None
    if budget_text:
        try:
            budget = parse_money(budget_text)
        except ThaiParseError as exc:
            raise DocumentError(f"งบประมาณอ่านไม่ได้: {budget_text!r} ({exc}) "
                                f"(budget not readable: {budget_text!r})") from exc

    period_text = one("5") or ""
    quarter: int | None = None
    m = re.search(r"ไตรมาส(?:ที่?)?\s*([\d๐-๙])", period_text)
    if m:
        quarter = int(to_arabic_digits(m.group(1)))
    period_start = period_end = None
    fiscal_year: int | None = None
    pm = re.search(r"\(([^)]*)\)", period_text)
    if pm:
        try:
            rng = parse_date_range(pm.group(1))
        except ThaiParseError as exc:
            raise DocumentError(f"ห้วงการรายงานอ่านไม่ได้: {period_text!r} ({exc}) "
                                f"(reporting period not readable: {period_text!r})") from exc
        period_start, period_end = rng.start, rng.end
        fiscal_year = fiscal_quarter_of(rng.start).fiscal_year
    else:
        ym = re.search(r"(?:ปี(?:งบประมาณ)?|พ\.ศ\.)\s*([\d๐-๙]{2,4})", period_text)
        if ym:
            year = int(to_arabic_digits(ym.group(1)))
            fiscal_year = year + 2500 if year < 100 else year

    alignments: list[ParsedAlignment] = []
    for num, (kind, _label) in ALIGNMENT_FIELDS.items():
        value = one(num)
        if not value:
            continue
        for item in (v.strip() for v in value.split(",")):
            if item:
                goal = sdg_goal_number(item) if num == "6.6" else None
                alignments.append(ParsedAlignment(num, kind, item, goal))

    results_lines = values.get("7", [])
    level_lines = [ln for ln in results_lines if _LEVEL_LINE.match(ln)]
    body_lines = [ln for ln in results_lines if ln not in level_lines]
    results_text = "\n".join(ln.strip() for ln in body_lines if ln.strip()) or None
    levels = " ".join(level_lines)
    target_value, target_level = _score_and_level("เป้าหมายการดำเนินงาน", levels)
    result_value, result_level = _score_and_level("ผลการดำเนินงาน", levels)
    disb_target = disb_actual = None
    try:
        disb_target = _disbursement("เป้าหมายการเบิกจ่าย", levels)
        disb_actual = _disbursement("ผลการเบิกจ่าย", levels)
    except ThaiParseError as exc:  # "250.000 บาท": refused with its question, not a guess
        raise DocumentError(f"ยอดเบิกจ่ายอ่านไม่ได้: {exc} "
                            f"(disbursement not readable: {exc.english})") from exc
    problems = one("8")
    for label, english, amount in (("งบประมาณ", "budget", budget),
                                   ("เป้าหมายการเบิกจ่าย", "disbursement target", disb_target),
                                   ("ผลการเบิกจ่าย", "disbursement", disb_actual)):
        why = implausible_reason(amount) if amount is not None else None
        if why is not None and amount is not None:
            # A form's budget is summed into its quarter's and fiscal year's totals.
            raise DocumentError(f"{label}สูงเกินกว่าโครงการหนึ่งจะเป็นไปได้: {why} "
                                f"({english} implausibly large for one project: "
                                f"{implausible_reason(amount, english=True)})")

    # The form's text is echoed by answers, /summary and the summary workbook: it passes
    # the checks an update's text passes (a workbook row's cells are refused alike).
    checked: tuple[tuple[str, str, str | None], ...] = (
        ("หน่วยงาน", "agency", agency), ("ชื่อโครงการ", "name", name),
        ("ตัวชี้วัด", "indicator", indicator), ("ผลการดำเนินงาน", "results", results_text),
        ("ปัญหาและอุปสรรค", "problems", problems),
        *(("ความสอดคล้อง", "alignment", a.value) for a in alignments))
    for field_th, field_en, said in checked:
        unsafe = unsafe_kind(said) if said else None
        if unsafe is not None:
            th, en = (("เป็นสูตรของสเปรดชีต", "is a spreadsheet formula") if unsafe == "formula"
                      else ("มีแท็กหรือมาร์กอัป", "holds markup"))
            raise DocumentError(
                f"ช่อง «{field_th}» ของแบบรายงาน{th} ({shorten(said or '', 40)!r}) "
                "ไม่ได้บันทึกแบบรายงานนี้ กรุณาแก้ไขไฟล์แล้วส่งใหม่ "
                f"(the form's {field_en} field {en}: the form was not stored; please correct "
                "the file)")

    report = ParsedReport(
        agency=agency,
        name=name,
        indicator=indicator,
        budget_baht=budget,
        fiscal_year=fiscal_year,
        quarter=quarter,
        period_start=period_start,
        period_end=period_end,
        alignments=tuple(alignments),
        results_text=results_text,
        target_value=target_value,
        target_level=target_level,
        result_value=result_value,
        result_level=result_level,
        disbursement_target_baht=disb_target,
        disbursement_actual_baht=disb_actual,
        problems=problems,
    )
    title = name or name_hint or "แบบรายงานผลการดำเนินงาน"
    return ParsedDocument(
        kind="report",
        title=title,
        date=period_end,
        text=text,
        sections=tuple(_report_sections(report, body_lines)),
        report=report,
    )


def _report_sections(report: ParsedReport, body_lines: list[str]) -> list[Section]:
    """Form fields as their own sections (each names the project), then each result item."""
    project = report.name
    sections = [
        Section("field:agency", f"หน่วยงานที่รับผิดชอบโครงการ{project}: {report.agency}"),
        Section("field:name", f"ชื่อโครงการ: {project} (หน่วยงาน {report.agency})"),
    ]
    if report.indicator:
        sections.append(Section("field:indicator", f"ตัวชี้วัดของโครงการ{project}: {report.indicator}"))
    if report.budget_baht is not None:
        sections.append(
            Section("field:budget", f"งบประมาณโครงการ{project}: {_baht_words(report.budget_baht)}")
        )
    if report.quarter is not None or report.period_start is not None:
        period = _period_words(report)
        sections.append(Section("field:period", f"ห้วงการรายงานของโครงการ{project}: {period}"))
    by_field: dict[str, list[str]] = {}
    for a in report.alignments:
        by_field.setdefault(a.field, []).append(a.value)
    for num, items in by_field.items():
        label = ALIGNMENT_FIELDS[num][1]
        sections.append(Section(f"field:{num}", f"{label}ของโครงการ{project}: " + ", ".join(items)))
    if report.target_level is not None or report.result_level is not None:
        sections.append(
            Section(
                "field:levels",
                f"เป้าหมายการดำเนินงานของโครงการ{project}: ระดับ {report.target_level}; "
                f"ผลการดำเนินงาน: ระดับ {report.result_level}",
            )
        )
    if report.disbursement_target_baht is not None or report.disbursement_actual_baht is not None:
        sections.append(
            Section(
                "field:disbursement",
                f"การเบิกจ่ายของโครงการ{project}: เป้าหมาย "
                f"{_baht_words(report.disbursement_target_baht)}; ผลการเบิกจ่าย "
                f"{_baht_words(report.disbursement_actual_baht)}",
            )
        )
    if report.problems:
        problems = f"ปัญหาและอุปสรรคของโครงการ{project}: {report.problems}"
        sections.append(Section("field:problems", problems))
    for item in _result_items(body_lines):
        sections.append(Section("results", item))
    return sections


def _baht_words(amount: Decimal | None) -> str:
    if amount is None:
        return "ไม่ระบุ"
    return format_baht(amount)


def _period_words(report: ParsedReport) -> str:
    parts = []
    if report.quarter is not None:
        parts.append(f"ไตรมาสที่ {report.quarter}")
    if report.fiscal_year is not None:
        parts.append(f"ปีงบประมาณ {report.fiscal_year}")
    if report.period_start and report.period_end:
        # Read by people (answers quote it): Thai dates in the Buddhist era, never ISO.
        parts.append(f"({format_thai_date(report.period_start)} ถึง "
                     f"{format_thai_date(report.period_end)})")
    return " ".join(parts)


_ITEM_START = re.compile(r"^\s*(?:[\d๐-๙]+(?:\.[\d๐-๙]+)*\.?\s|[\d๐-๙]+\.(?=\S))")


def _result_items(lines: list[str]) -> list[str]:
    """Numbered result items ("1.", "2.1 ") with their wrapped lines rejoined."""
    items: list[list[str]] = []
    for line in lines:
        if not line.strip():
            continue
        if _ITEM_START.match(line) or not items:
            items.append([line])
        else:
            items[-1].append(line)
    return [join_wrapped_lines(chunk) for chunk in items]


_OFFICE_LINE = re.compile(r"^ข้อมูลจาก\s*(.+)$")
_RELEASE_LINE = re.compile(r"^ครั้งที่\s*([\d๐-๙]+\s*/\s*[\d๐-๙]{4})$")
#: A dateline: "วันที่", a day, a month (any spelling: the date parser judges it) and a
#: year, and nothing else -- a paragraph that merely begins with a date is body text.
_DATE_LINE = re.compile(
    r"^วันที่\s*([\d๐-๙]{1,2}\s*[\u0e01-\u0e4e.][\u0e01-\u0e4e.\s]{0,20}?"
    r"\s*(?:พ\.?\s*ศ\.?\s*)?[\d๐-๙]{2,4})\s*$"
)


def _closing_block(lines: list[str]) -> tuple[int, int]:
    """The span ``[start, end)`` of the release's closing lines in ``lines``.

    A release ends with "ข้อมูลจาก <office>", "ครั้งที่ <no>/<year>" and its dateline
    "วันที่ <date>", each once.  Only those lines are metadata: a paragraph of the body
    that starts with "วันที่ ..." or "ข้อมูลจาก..." is text.  The block is the last run
    of such lines, each kind at most once; lines after it stay body text.
    """
    kinds = [_closing_kind(ln) for ln in lines]
    end = next((i + 1 for i in range(len(lines) - 1, -1, -1) if kinds[i]), 0)
    start = end
    seen: set[str] = set()
    while start > 0 and (kind := kinds[start - 1]) and kind not in seen:
        seen.add(kind)
        start -= 1
    return start, end


def _closing_kind(line: str) -> str | None:
    for kind, pattern in (("office", _OFFICE_LINE), ("release", _RELEASE_LINE),
                          ("date", _DATE_LINE)):
        if pattern.match(line):
            return kind
    return None


def parse_news(text: str) -> ParsedDocument:
    """Parse a press release: headline, paragraphs, office, release number and date."""
    norm = normalize_text(text)
    lines = [ln.strip() for ln in _clean_lines(norm) if not _IMAGE_LINE.match(ln)]
    nonblank = [ln for ln in lines if ln]
    if not nonblank:
        raise DocumentError("ข่าวว่างเปล่า (the press release is empty)")
    title, rest = nonblank[0], nonblank[1:]
    first, last = _closing_block(rest)
    office = release_no = None
    date: dt.date | None = None
    for ln in rest[first:last]:
        if m := _OFFICE_LINE.match(ln):
            office = m.group(1).strip()
        elif m := _RELEASE_LINE.match(ln):
            release_no = to_arabic_digits(m.group(1)).replace(" ", "")
        elif m := _DATE_LINE.match(ln):
            try:
                date = parse_thai_date(m.group(1))
            except ThaiParseError as exc:
                raise DocumentError(f"วันที่ของข่าวไม่ถูกต้อง: {ln!r} ({exc}) "
                                    f"(the release's date is not valid: {ln!r})") from exc
    body = rest[:first] + rest[last:]
    sections = tuple(Section("paragraph", p) for p in body)
    return ParsedDocument(
        kind="news",
        title=title,
        date=date,
        text=text,
        sections=sections,
        news=ParsedNews(release_no=release_no, office=office),
    )


def parse_plain(
    text: str,
    *,
    title: str | None = None,
    date: dt.date | None = None,
    kind: str = "text",
    source: str | None = None,
) -> ParsedDocument:
    """Generic text: paragraphs separated by blank lines (or each line when there are none)."""
    norm = normalize_text(text).strip()
    if not norm:
        raise DocumentError("เอกสารว่างเปล่า (the document is empty)")
    blocks = [b for b in re.split(r"\n\s*\n", norm) if b.strip()]
    if len(blocks) == 1:
        paragraphs = [ln.strip() for ln in blocks[0].split("\n") if ln.strip()]
    else:
        paragraphs = [join_wrapped_lines(b.split("\n")) for b in blocks]
    head = title if title and title.strip() else shorten(paragraphs[0], 200)
    return ParsedDocument(
        kind=kind,
        title=normalize_text(head).strip(),
        date=date,
        text=text,
        sections=tuple(Section("paragraph", p) for p in paragraphs),
        source=source,
    )


def parse_text(text: str, *, name_hint: str = "") -> ParsedDocument:
    """Parse a ``.txt`` document in whichever layout it has."""
    layout = detect_layout(text)
    if layout == "report":
        return parse_report(text, name_hint=name_hint)
    if layout == "news":
        return parse_news(text)
    return parse_plain(text)
