"""Reading an officer's progress text: the fields understood, or why it cannot be stored.

Shared by the one-line ``/update PROJECT_ID TEXT`` and the guided conversation, so
both refuse the same things (examples and placeholders, text too long, a level out of
1-5, an impossible amount or percentage) with the same polite Thai words, and both
echo what was understood the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from bot.conversation.lang import is_english, plural
from bot.examples import UPDATE_EXAMPLE, UPDATE_EXAMPLE_EN, example_reason
from bot.plain_text import plain_text_problem
from bot.quarter_range import EARLIEST_FISCAL_YEAR
from knowledge.plausible import implausible_reason
from knowledge.summary import budget_check, reported_to_date
from knowledge.thai import (
    FiscalQuarter,
    ThaiParseError,
    UpdateFields,
    extract_update_fields,
    format_baht,
    format_baht_millions,
    format_english_date,
    format_percent,
    format_thai_date,
    latest_begun,
    normalize_text,
    quarter_dates,
    quarter_mentions,
    states_cumulative,
)
from knowledge.thai_numbers import dotted_question
from knowledge.updates import DUPLICATE_WINDOW, MAX_UPDATE_CHARS

__all__ = [
    "EARLIEST_FISCAL_YEAR",
    "MAX_AMOUNT",
    "DraftError",
    "Reading",
    "budget_warning",
    "ce_quarter_note",
    "closed_quarter_warning",
    "confirm_notes",
    "cumulative_warning",
    "duplicate_note",
    "is_english",
    "looks_like_question",
    "no_figure_note",
    "read_update_text",
    "understood_lines",
    "unread_note",
    "unusable_reason",
]

#: The largest amount one update may state as disbursed: 100,000 ล้านบาท, more than
#: nearly any project's whole budget; any amount stated (a budget, a target) is held to
#: :data:`knowledge.plausible.MAX_PROJECT_BUDGET`.
MAX_AMOUNT = Decimal("100000000000")


class DraftError(ValueError):
    """Text that cannot be stored as an update; the message is the Thai reason."""


@dataclass(frozen=True)
class Reading:
    """What an update's text says: amount (baht), level (1-5), percent, quarter.

    ``english``: the language of the replies about it (the writer's, as decided for
    the message: a text of digits alone is in the language the writer last wrote in).
    """

    text: str
    quarter: FiscalQuarter
    amount_baht: Decimal | None = None
    level: int | None = None
    percent: Decimal | None = None
    english: bool = False

    def to_json(self) -> dict[str, Any]:
        """A JSON-safe dict (numbers as strings) for a conversation's stored draft."""
        return {"text": self.text, "fy": self.quarter.fiscal_year, "q": self.quarter.quarter,
                "amount": None if self.amount_baht is None else str(self.amount_baht),
                "level": self.level,
                "percent": None if self.percent is None else str(self.percent),
                "en": self.english}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Reading:
        """The reading :meth:`to_json` stored."""
        return cls(text=str(d["text"]), quarter=FiscalQuarter(int(d["fy"]), int(d["q"])),
                   amount_baht=None if d.get("amount") is None else Decimal(d["amount"]),
                   level=d.get("level"),
                   percent=None if d.get("percent") is None else Decimal(d["percent"]),
                   english=bool(d.get("en", is_english(str(d["text"])))))




#: A question, not a report: a Thai question word at the end ("…ไหม", "…เท่าไร ครับ"),
#: "กี่" anywhere ("ตั้งแล้วกี่แห่ง"), a question mark, or an English question opening.
_QUESTION_RE = re.compile(
    r"(?:ไหม|มั้ย|หรือไม่|หรือเปล่า|อะไร|อย่างไร|ยังไง|เท่าไ(?:ร|หร่)|เท่าใด|ที่ไหน|ไหน|ใด"
    r"|เมื่อไ(?:ร|หร่)|ใคร|ทำไม)\s*(?:ครับ|คะ|ค่ะ|คับ|จ้ะ|จ๊ะ|จ้า|นะ|ๆ|\s)*[?？]?\s*$"
    r"|กี่|[?？]\s*$"
    r"|^\s*(?:what|how|when|where|who|whom|which|why|is|are|was|were|do|does|did|can|could"
    r"|will|should|has|have)\b",
    re.IGNORECASE)


def looks_like_question(text: str) -> bool:
    """Whether ``text`` asks something rather than reports progress.

    Only text with no figure of a report in it (an amount, a level or a percentage):
    "เบิกจ่ายได้ 5,000 บาท ครบไหม" is still a report to confirm.
    """
    if not _QUESTION_RE.search(text):
        return False
    try:
        fields = extract_update_fields(text)
    except ThaiParseError:
        return True
    return all(v is None for v in (fields.amount_baht, fields.level, fields.percent))


_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _period(q: FiscalQuarter, english: bool) -> str:
    """The quarter's days: "1 ต.ค. 2569 – 31 ธ.ค. 2569", or "1 Oct 2026 – 31 Dec 2026"."""
    if english:
        return " – ".join(f"{d.day} {_MONTHS_EN[d.month - 1]} {d.year}" for d in (q.start, q.end))
    return f"{format_thai_date(q.start, short=True)} – {format_thai_date(q.end, short=True)}"


def _quarter_of(fields: UpdateFields, current: FiscalQuarter, english: bool
                ) -> FiscalQuarter | None:
    """The quarter the text names, or None; DraftError when it cannot be meant.

    A quarter without a year is the latest such quarter that has begun ("ไตรมาส 4" in
    quarter 1/2570 is 4/2569).  A quarter that has not begun is refused rather than
    stored: progress is work done, and a future quarter is almost always a slip of the
    year (2570 for 2569), which would put the money in a summary no one looks at yet.
    """
    if fields.quarter_error is not None:
        thai, eng = fields.quarter_error
        raise DraftError(f"{eng[:1].upper()}{eng[1:]}. Not saved: please check the quarter "
                         "(1-4) and the fiscal year (Buddhist era, e.g. Q2/2566)." if english else
                         f"{thai} ยังไม่ได้บันทึก กรุณาตรวจสอบไตรมาส (1–4) และปีงบประมาณ "
                         "(พ.ศ. เช่น ไตรมาส 2/2566)")
    quarter = fields.quarter
    if quarter is None and fields.quarter_number is not None:
        quarter = latest_begun(fields.quarter_number, current)
    if quarter is None:
        return None
    label = f"{quarter.quarter}/{quarter.fiscal_year}"
    now = f"{current.quarter}/{current.fiscal_year}"
    if quarter > current:
        raise DraftError(
            f"Quarter {label} ({_period(quarter, True)}) has not begun yet; the current "
            f"quarter is {now} ({_period(current, True)}). Progress is reported for the "
            "current or a past quarter. Not saved: please check the quarter and the year."
            if english else
            f"ไตรมาส {label} ({_period(quarter, False)}) ยังไม่เริ่ม ไตรมาสปัจจุบันคือ {now} "
            f"({_period(current, False)}) รายงานความคืบหน้าได้สำหรับไตรมาสปัจจุบันหรือที่ผ่านมา "
            "ยังไม่ได้บันทึก กรุณาตรวจสอบไตรมาสและปีงบประมาณ")
    if quarter.fiscal_year < EARLIEST_FISCAL_YEAR:
        raise DraftError(
            f"Quarter {label} is before fiscal year {EARLIEST_FISCAL_YEAR}, the first of the "
            "SDG projects. Not saved: please check the year (Buddhist era, e.g. 2566)."
            if english else
            f"ไตรมาส {label} อยู่ก่อนปีงบประมาณ {EARLIEST_FISCAL_YEAR} ซึ่งเป็นปีแรกของโครงการ "
            "SDGs ยังไม่ได้บันทึก กรุณาตรวจสอบปีงบประมาณ (พ.ศ. เช่น 2566)")
    return quarter


_EN_NUMBER_WORD = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                   r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|"
                   r"thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|"
                   r"million|billion|a|and)")
#: An amount of baht written in English words ("two hundred thousand baht", "five
#: million THB"): Thai number words are read (``สองแสนบาท``), English ones not yet.
_ENGLISH_WORDED_AMOUNT = re.compile(
    rf"\b(?:{_EN_NUMBER_WORD}[\s-]+)*(?:one|two|three|four|five|six|seven|eight|nine|ten|"
    rf"eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|"
    rf"million|billion)[\s-]+(?:baht|thb)\b", re.IGNORECASE)
#: A number in scientific notation ("1e6", "2.5E+5"): nobody reports baht that way.
_SCIENTIFIC_RE = re.compile(r"(?<![A-Za-z0-9.])\d+(?:\.\d+)?[eE][+-]?\d+(?![A-Za-z0-9])")
#: A letter of Thai or of a Latin-script word: text without any says nothing.
_WORD_RE = re.compile(r"[\u0e01-\u0e4e]|[A-Za-z]{2,}")


def unusable_reason(text: str, english: bool = False) -> str | None:
    """Why ``text`` cannot be an update at all, or None.

    A spreadsheet formula, markup, code (:func:`bot.code_input.code_kind`), a number in
    scientific notation, or text with no word in it (only digits, signs, emoji) is
    refused politely and asked again, rather than stored or read into a wrong figure.
    Nothing is guessed.
    """
    # A formula's or a tag's Latin letters ("SUM", "b") make no English: Thai first
    # (``english`` comes from the caller, who knows the conversation's language).
    # Every line, look-alike signs folded: "ประชุม\r=cmd|…" and "＝SUM(A1)" are formulas
    # too (a cell or a CSV field is read line by line; "＝" is typed for "=").  The same
    # check as every other stored text's (:func:`bot.plain_text.plain_text_problem`).
    problem = plain_text_problem(text, english, what=("ความคืบหน้า", "the progress"),
                                 example=(UPDATE_EXAMPLE, UPDATE_EXAMPLE_EN))
    if problem is not None:
        return problem
    m = _SCIENTIFIC_RE.search(text)
    if m is not None:
        return (f"“{m.group()}” is a number in scientific notation. Not saved: please write "
                "the number in full, e.g. 1,000,000 baht." if english else
                f"“{m.group()}” เป็นตัวเลขแบบวิทยาศาสตร์ ยังไม่ได้บันทึก กรุณาเขียนตัวเลขเต็ม "
                "เช่น เบิกจ่าย 1,000,000 บาท")
    if not _WORD_RE.search(text):
        return ("There is no description of the progress in this text. Not saved: please say "
                "what was done, e.g. " + _EXAMPLE_EN if english else
                "ไม่พบรายละเอียดความคืบหน้าในข้อความนี้ ยังไม่ได้บันทึก กรุณาพิมพ์ว่าดำเนินการอะไร "
                f"เช่น {UPDATE_EXAMPLE}")
    return None


_EXAMPLE_EN = f"'{UPDATE_EXAMPLE_EN}'."


def _foreign_reason(fields: UpdateFields, english: bool) -> str | None:
    """Why an amount in another currency cannot be saved, or None when there is none.

    "เบิกจ่าย 1,000 ดอลลาร์" was saved as 1,000 baht: a disbursement is recorded in baht
    only, and converting at some rate would be a guess.
    """
    if not fields.foreign:
        return None
    said = ", ".join(f"“{f}”" for f in fields.foreign)
    if english:
        return (f"{said} is in another currency: only amounts in baht can be recorded. "
                "Not saved: please convert it to baht and send the progress again, e.g. "
                "'disbursed 35,000 baht'.")
    return (f"{said} เป็นเงินสกุลอื่น บันทึกได้เฉพาะจำนวนเงินเป็นบาท ยังไม่ได้บันทึก "
            "กรุณาแปลงเป็นบาทแล้วพิมพ์ความคืบหน้าอีกครั้ง เช่น เบิกจ่าย 35,000 บาท")


def _two_values(fields: UpdateFields, english: bool) -> str | None:
    """The question to ask when the text states two levels, percentages, quarters or amounts.

    Two amounts disbursed ("เบิกจ่าย 100,000 บาท และ 50,000 บาท", "ค่าวัสดุ 12,500 บาท และ
    ค่าวิทยากร 3,600 บาท") may be two payments or one and its correction: which one, or
    their sum, is the officer's to say.  An amount a word gives another role (a budget,
    a target, what remains, a running total) is not one of them.
    """
    asks = []
    for amounts, en_word, th_word in ((fields.amounts, "amounts disbursed", "ยอดเบิกจ่าย"),
                                      (fields.cumulative_amounts, "running totals",
                                       "ยอดเบิกจ่ายสะสม")):
        if len(amounts) > 1:
            shown = [format_baht(a, english=english) for a in amounts]
            asks.append(f"{en_word} {' and '.join(shown)}" if english else
                        f"{th_word} {' และ '.join(shown)}")
    if len(fields.levels) > 1:
        asks.append(("levels " + " and ".join(map(str, fields.levels))) if english else
                    "ระดับ " + " และ ระดับ ".join(map(str, fields.levels)))
    if len(fields.percents) > 1:
        shown = [format_percent(p) for p in fields.percents]
        asks.append(("percentages " + " and ".join(f"{p}%" for p in shown)) if english else
                    "ร้อยละ " + " และ ร้อยละ ".join(shown))
    if len(fields.quarters) > 1:
        shown = [f"{q.quarter}/{q.fiscal_year}" for q in fields.quarters]
        asks.append(("quarters " + " and ".join(shown)) if english else
                    "ไตรมาส " + " และ ไตรมาส ".join(shown))
    if not asks:
        return None
    if english:
        return (f"The text states two values: {'; '.join(asks)}. Which one is right? "
                "Not saved: please send the progress again with only the right one"
                + (" (for two payments, their sum or one update each)." if len(
                    fields.amounts) > 1 else "."))
    return (f"ข้อความระบุไว้มากกว่าหนึ่งค่า: {'; '.join(asks)} — ค่าใดถูกต้อง? "
            "ยังไม่ได้บันทึก กรุณาพิมพ์ความคืบหน้าอีกครั้งโดยระบุเพียงค่าเดียว"
            + (" (หากเป็นการจ่ายสองรายการ ให้ระบุยอดรวม หรือส่งแยกเป็นรายงานละรายการ)"
               if len(fields.amounts) > 1 else ""))


def _unclear_reason(fields: UpdateFields, english: bool) -> str | None:
    """The question to ask when a figure's role cannot be told, or None.

    "ได้รับงบ 1 ล้านบาท และโอนแล้ว 2 แสนบาท": the 2 แสนบาท has no word of its own and
    follows a budget; read as disbursed, or as part of the budget, it would be a guess
    (see :attr:`knowledge.thai.UpdateFields.unclear_amounts`).  Likewise a percentage,
    level or quarter that may be what was done or a target ("เป้าหมายร้อยละ 80 และอบรม
    ร้อยละ 60", "achieved 60% target": :attr:`knowledge.thai.UpdateFields.unclear_figures`).
    """
    if fields.unclear_amounts:
        shown = [format_baht(a, english=english) for a in fields.unclear_amounts]
        if english:
            return (f"It is not clear what {' and '.join(shown)} is: the amount disbursed, or "
                    "part of the budget, target or remainder named before it? Not saved: please "
                    "send the progress again with a word before each amount, e.g. 'budget "
                    "1,000,000 baht, disbursed 200,000 baht'.")
        return (f"ไม่ชัดเจนว่า {' และ '.join(shown)} เป็นยอดเบิกจ่าย หรือเป็นส่วนของงบประมาณ "
                "เป้าหมาย หรือยอดคงเหลือที่ระบุไว้ก่อนหน้า ยังไม่ได้บันทึก กรุณาพิมพ์ความคืบหน้า"
                "อีกครั้งโดยระบุคำนำหน้าจำนวนเงินแต่ละจำนวน เช่น งบประมาณ 1,000,000 บาท "
                "เบิกจ่าย 200,000 บาท")
    if fields.unclear_figures:
        shown = [f"“{f}”" for f in fields.unclear_figures]
        if english:
            return (f"It is not clear whether {' and '.join(shown)} is what was achieved or a "
                    "target or plan. Not saved: please send the progress again with a word "
                    "before each figure, e.g. 'target 80%, achieved 60%'.")
        return (f"ไม่ชัดเจนว่า {' และ '.join(shown)} เป็นผลที่ทำได้แล้ว หรือเป็นเป้าหมาย/แผน "
                "ยังไม่ได้บันทึก กรุณาพิมพ์ความคืบหน้าอีกครั้งโดยระบุคำนำหน้าตัวเลขแต่ละตัว "
                "เช่น เป้าหมายร้อยละ 80 ดำเนินการแล้วร้อยละ 60")
    return None


def read_update_text(text: str, default_quarter: FiscalQuarter,
                     current: FiscalQuarter | None = None, *,
                     english: bool | None = None) -> Reading:
    """Read ``text`` (already stripped) or raise :class:`DraftError` saying why not.

    A quarter named in the text files the update there; otherwise it is
    ``default_quarter`` (the current one in Asia/Bangkok, or for ``/edit`` the
    update's own).  ``current`` is today's quarter (default: ``default_quarter``): a
    quarter after it, one that cannot exist, or one before :data:`EARLIEST_FISCAL_YEAR`
    is refused.  The reason is English when the text is (:func:`is_english`), or as
    ``english`` says when given (the conversation's language, for a text whose own
    letters tell none: only emoji, digits, a formula).
    """
    english = is_english(text) if english is None else english
    if not text:
        raise DraftError("Please type the progress." if english else
                         "กรุณาพิมพ์ข้อความความคืบหน้า")
    why_not = example_reason(text, english)
    if why_not is not None:
        raise DraftError(why_not)
    if len(text) > MAX_UPDATE_CHARS:
        raise DraftError(f"The text is too long ({len(text):,} characters): please keep it "
                         f"within {MAX_UPDATE_CHARS:,}. Not saved." if english else
                         f"ข้อความยาวเกินไป ({len(text):,} ตัวอักษร) กรุณาสรุปให้ไม่เกิน "
                         f"{MAX_UPDATE_CHARS:,} ตัวอักษร ยังไม่ได้บันทึก")
    unusable = unusable_reason(text, english)
    if unusable is not None:
        raise DraftError(unusable)
    try:
        fields = extract_update_fields(text)
    except ThaiParseError as exc:
        raise DraftError(f"Cannot read the text: {exc.english}. Not saved." if english else
                         f"อ่านข้อความไม่ได้: {exc} ยังไม่ได้บันทึก") from exc
    if fields.dotted:  # "250.000 บาท": 250 or 250,000? asked, never guessed
        raise DraftError(dotted_question(fields.dotted[0], english=english))
    worded = next((m for m in _ENGLISH_WORDED_AMOUNT.finditer(text)
                   if not text[:m.start()].rstrip()[-1:].isdigit()), None)  # "1.2 million baht"
    if worded is not None:  # "two hundred thousand baht": said, never silently no amount
        said = " ".join(worded.group().split())
        raise DraftError(
            f"“{said}”: an amount written in English words is not read. Not saved: please "
            "write it in digits, e.g. disbursed 200,000 baht." if english else
            f"“{said}”: ยังอ่านจำนวนเงินที่เขียนเป็นคำภาษาอังกฤษไม่ได้ ยังไม่ได้บันทึก "
            "กรุณาเขียนเป็นตัวเลข เช่น เบิกจ่าย 200,000 บาท")
    foreign = _foreign_reason(fields, english)
    if foreign is not None:
        raise DraftError(foreign)
    two = _two_values(fields, english) or _unclear_reason(fields, english)
    if two is not None:
        raise DraftError(two)
    problems = []
    if fields.level is not None and not 1 <= fields.level <= 5:
        problems.append(f"the level must be 1-5 (got {fields.level})" if english else
                        f"ระดับต้องอยู่ระหว่าง 1–5 (ได้ {fields.level})")
    amount = fields.amount_baht
    if amount is not None and (amount < 0 or amount > MAX_AMOUNT):
        problems.append(f"the amount is not plausible ({format_baht(amount, english=True)})"
                        if english else f"จำนวนเงินไม่สมเหตุสมผล ({format_baht(amount)})")
    else:  # a budget, a target or a remainder no project can have is a slip too
        absurd = next((a for a in fields.stated_amounts if implausible_reason(a)), None)
        if absurd is not None:
            why = implausible_reason(absurd, english=english)
            problems.append(f"the amount is not plausible ({why})" if english else
                            f"จำนวนเงินไม่สมเหตุสมผล ({why})")
    if fields.percent is not None and not 0 <= fields.percent <= 100:
        problems.append(f"the percentage must be 0-100 (got {fields.percent})" if english else
                        f"ร้อยละต้องอยู่ระหว่าง 0–100 (ได้ {fields.percent})")
    if problems:
        raise DraftError(("Not saved, please correct: " if english else
                          "ยังไม่ได้บันทึก กรุณาแก้ไข: ") + "; ".join(problems))
    quarter = _quarter_of(fields, current or default_quarter, english)
    # Stored without the zero-width characters chat apps add (as questions are read).
    return Reading(text=normalize_text(text), quarter=quarter or default_quarter,
                   amount_baht=amount,
                   level=fields.level, percent=fields.percent, english=english)


def budget_warning(session: Session, project_id: int, reading: Reading, *,
                   confirming: bool = True, exclude_id: int | None = None) -> str | None:
    """What to tell before saving an amount that takes disbursement over the budget, or None.

    ``confirming``: the words end by asking for ✅ or ✏️ (the guided update's last step);
    without it they only state the problem.  ``exclude_id``: the update an ``/edit``
    replaces (it does not count).

    The fiscal year's disbursement with this amount (a running total as stated; a
    payment added to what the project's updates reported so far:
    :func:`knowledge.summary.reported_to_date`) is checked against the budget the
    quarter's summary shows (:func:`knowledge.summary.budget_check`); when that year
    states none, against the latest budget stated, named with its year.  Over it is
    almost always a slip of a digit or of ล้าน, or a payment counted twice; it is saved
    only once confirmed.
    """
    amount = reading.amount_baht
    if amount is None:
        return None
    check = budget_check(session, project_id, reading.quarter)
    budget = check.budget_baht if check.budget_baht is not None else check.latest_baht
    if budget is None or budget <= 0:
        return None
    fy = reading.quarter.fiscal_year
    before = (Decimal(0) if states_cumulative(reading.text) else
              reported_to_date(session, project_id, reading.quarter,
                               exclude_id=exclude_id).total_baht)
    total = before + amount
    if total <= budget:
        return None
    en = reading.english

    def baht(x: Decimal) -> str:
        return format_baht_millions(x, english=en)

    if check.budget_baht is not None:
        of_budget = (f"the project's budget ({baht(budget)} FY{check.budget_year})" if en
                     else f"งบประมาณของโครงการ ({baht(budget)} ปีงบประมาณ {check.budget_year})")
    else:
        of_budget = (f"the project's latest known budget ({baht(budget)} FY{check.latest_year};"
                     f" no report form states one for FY{fy})" if en else
                     f"งบประมาณล่าสุดที่ทราบของโครงการ ({baht(budget)} ปีงบประมาณ "
                     f"{check.latest_year} ส่วนปีงบประมาณ {fy} ยังไม่มีแบบรายงานที่ระบุงบประมาณ)")
    if before > 0:
        said = (f"With this payment of {baht(amount)}, the amount disbursed in FY{fy} comes "
                f"to {baht(total)} ({baht(before)} reported before), more than {of_budget}."
                if en else
                f"เมื่อรวมยอดเบิกจ่ายครั้งนี้ {baht(amount)} กับที่รายงานไว้แล้วในปีงบประมาณ "
                f"{fy} ({baht(before)}) ยอดเบิกจ่ายรวม {baht(total)} มากกว่า{of_budget}")
    else:
        said = (f"The amount disbursed, {baht(amount)}, is more than {of_budget}." if en else
                f"ยอดเบิกจ่าย {baht(amount)} มากกว่า{of_budget}")
    if not confirming:
        return f"⚠️ {said}"
    if en:
        return (f"⚠️ {said} Please check the figure: press ✅ save only if it is right, "
                "or ✏️ edit to correct it. Not saved yet.")
    return (f"⚠️ {said} กรุณาตรวจสอบตัวเลข หากถูกต้องจริงกด ✅ บันทึก หรือกด ✏️ แก้ไข "
            "(ยังไม่ได้บันทึก)")


def cumulative_warning(session: Session, project_id: int, reading: Reading, *,
                       confirming: bool = True, exclude_id: int | None = None) -> str | None:
    """What to tell before saving a running total below what was reported already, or None.

    ``confirming`` as for :func:`budget_warning`; ``exclude_id``: the update an
    ``/edit`` replaces.  A running total ("เบิกจ่ายสะสม 100,000 บาท", "cumulative") is
    everything disbursed in the fiscal year so far: one smaller than the payments the
    project's updates already reported (:func:`knowledge.summary.reported_to_date`) is
    a slip (of a digit, or a payment stated as a total), and would silently lower the
    summary's figure; it is saved only once confirmed.
    """
    amount = reading.amount_baht
    if amount is None or not states_cumulative(reading.text):
        return None
    so_far = reported_to_date(session, project_id, reading.quarter, exclude_id=exclude_id)
    if so_far.updates == 0 or amount >= so_far.total_baht:
        return None
    en = reading.english
    fy = reading.quarter.fiscal_year
    said = (f"The running total, {format_baht_millions(amount, english=True)}, is less than "
            f"the {format_baht_millions(so_far.total_baht, english=True)} already reported "
            f"for this project in FY{fy} ({plural(so_far.updates, 'update', 'updates')}); "
            "a running total includes every payment so far." if en else
            f"ยอดเบิกจ่ายสะสม {format_baht_millions(amount)} น้อยกว่ายอดที่รายงานไว้แล้วของ"
            f"โครงการนี้ในปีงบประมาณ {fy} ({format_baht_millions(so_far.total_baht)} จาก "
            f"{so_far.updates} รายงาน) ยอดสะสมต้องรวมทุกรายการที่เบิกจ่ายไปแล้ว")
    if not confirming:
        return f"⚠️ {said}"
    if en:
        return (f"⚠️ {said} Please check the figure: press ✅ save only if it is right, "
                "or ✏️ edit to correct it. Not saved yet.")
    return (f"⚠️ {said} กรุณาตรวจสอบตัวเลข หากถูกต้องจริงกด ✅ บันทึก หรือกด ✏️ แก้ไข "
            "(ยังไม่ได้บันทึก)")


def closed_quarter_warning(reading: Reading, open_from: FiscalQuarter, *,
                           confirming: bool = True) -> str | None:
    """What to tell before filing an update under a closed quarter, or None.

    ``open_from``: the earliest quarter still open (the current one, or the one just
    ended while its reporting is followed up: :meth:`bot.schedule.Schedule.open_from`).
    An update for an earlier quarter ("ไตรมาส 2/2566" three years on) silently changes
    a summary long since sent, and is most often a slip of the year; it is saved only
    once confirmed.  ``confirming`` as for :func:`budget_warning`.
    """
    q = reading.quarter
    if q >= open_from:
        return None
    if reading.english:
        said = (f"Quarter {q.quarter}/{q.fiscal_year} is closed: saving this update changes "
                "that quarter's summary.")
        if not confirming:
            return f"⚠️ {said}"
        return (f"⚠️ {said} Press ✅ save to confirm, or ✏️ edit to correct the quarter. "
                "Not saved yet.")
    said = (f"ไตรมาส {q.quarter}/{q.fiscal_year} ปิดแล้ว การบันทึกจะเปลี่ยนสรุปของไตรมาสนั้น")
    if not confirming:
        return f"⚠️ {said}"
    return (f"⚠️ {said} กด ✅ บันทึก เพื่อยืนยัน หรือกด ✏️ แก้ไข เพื่อแก้ไตรมาส "
            "(ยังไม่ได้บันทึก)")


def unread_note(reading: Reading) -> str | None:
    """What to ask when the text names a disbursement or a percentage without its value.

    "เบิกจ่ายแล้ว" with no amount, "ร้อยละ" with no number: saved as it is, the figure
    would silently be missing, so it is confirmed (or corrected) first.
    """
    try:
        unread = extract_update_fields(reading.text).unread
    except ThaiParseError:
        return None
    if not unread:
        return None
    english = reading.english
    names = {"amount": ("the amount disbursed", "จำนวนเงินที่เบิกจ่าย"),
             "percent": ("the percentage", "ตัวเลขร้อยละ")}
    if english:
        said = " and ".join(names[u][0] for u in unread)
        return (f"ℹ️ The text mentions {said} but no figure could be read (write it in full, "
                "e.g. 'disbursed 45,500 baht', '40%'). Press ✏️ edit to add it, or ✅ save "
                "to record the text without it. Not saved yet.")
    said = " และ".join(names[u][1] for u in unread)
    return (f"ℹ️ ข้อความกล่าวถึง{said} แต่อ่านตัวเลขไม่ได้ (เขียนตัวเลขเต็ม เช่น เบิกจ่าย "
            "45,500 บาท, ร้อยละ 40) กด ✏️ แก้ไขเพื่อเพิ่มตัวเลข หรือกด ✅ บันทึกเพื่อบันทึก"
            "ข้อความโดยไม่มีตัวเลข (ยังไม่ได้บันทึก)")


def no_figure_note(reading: Reading, *, saved: bool = True) -> str | None:
    """What to say about a text with no figure in it, or None.

    A figure is an amount, a level, a percentage or a count of what was done ("30 คน",
    "12 แห่ง").  A text-only progress note is a report too ("ประชุมติดตามงาน"): it is
    saved, and the reply says no figure was recorded (never silently).  ``saved``:
    False before the save (the confirmation step) says what saving would do.
    """
    if any(v is not None for v in (reading.amount_baht, reading.level, reading.percent)):
        return None
    planned: tuple[str, ...] = ()
    try:
        fields = extract_update_fields(reading.text)
        if fields.count is not None:
            return None
        planned = fields.planned
    except ThaiParseError:
        pass
    if reading.english:
        return ("ℹ️ No figure in the text (amount disbursed, level, percentage or count"
                + (f"; {', '.join(planned)} is read as a target or plan, not as achieved"
                   if planned else "") + "): "
                + ("it is recorded as a text-only progress note." if saved else
                   "saving records it as a text-only progress note (not saved yet)."))
    return ("ℹ️ ไม่พบตัวเลขในข้อความ (จำนวนเงินเบิกจ่าย ระดับ ร้อยละ หรือจำนวนที่ทำได้"
            + (f" ส่วน {', '.join(planned)} อ่านเป็นเป้าหมาย/แผน ไม่ใช่ผลที่ทำได้" if planned
               else "") + ") "
            + ("จึงบันทึกเป็นข้อความความคืบหน้าอย่างเดียว" if saved else
               "หากกด ✅ บันทึก จะบันทึกเป็นข้อความความคืบหน้าอย่างเดียว (ยังไม่ได้บันทึก)"))


def confirm_notes(session: Session, project_id: int, reading: Reading, *,
                  open_from: FiscalQuarter) -> list[str]:
    """What must be confirmed before ``reading`` is saved for ``project_id`` (empty: nothing).

    A quarter that is closed (before ``open_from``: :func:`closed_quarter_warning`), an
    amount over the budget, a running total below what was reported, or a disbursement
    or percentage named without a figure that can be read: the one-line ``/update``
    then asks for a confirmation through the guided update's last step instead of
    saving at once.
    """
    return [n for n in (closed_quarter_warning(reading, open_from),
                        budget_warning(session, project_id, reading),
                        cumulative_warning(session, project_id, reading), unread_note(reading))
            if n is not None]


def understood_lines(
    project_id: int,
    project_name: str,
    quarter: FiscalQuarter,
    amount: Decimal | None,
    level: int | None,
    percent: Decimal | None,
    *,
    english: bool = False,
    cumulative: bool = False,
    text: str = "",
) -> list[str]:
    """The echo of an update: project, quarter, and each field that was recognised.

    ``cumulative``: the amount is a running total (:func:`knowledge.thai.states_cumulative`),
    said so, since summaries count it differently from a payment.  ``text``: the
    update's words; a quarter named in them with a Common Era year ("Q2 2023") is
    echoed with how it was read (:func:`ce_quarter_note`).
    """
    project, quarter_label, disbursed, level_label, percent_label = _ECHO_LABELS[english]
    if cumulative:
        disbursed += " (cumulative total)" if english else " (ยอดสะสม)"
    lines = [f"{project}: [{project_id}] {project_name}",
             f"{quarter_label}: {quarter.quarter}/{quarter.fiscal_year}"]
    if text and (ce := ce_quarter_note(text, quarter, english=english)) is not None:
        lines.append(ce)
    if amount is not None:
        lines.append(f"{disbursed}: {format_baht(amount, english=english)}")
    if level is not None:
        lines.append(f"{level_label}: {level}")
    if percent is not None:
        # "ร้อยละ: 45" says it in its word; English says it with the sign ("Percent: 45%").
        lines.append(f"{percent_label}: {format_percent(percent)}{'%' if english else ''}")
    return lines


def ce_quarter_note(text: str, quarter: FiscalQuarter, *, english: bool = False) -> str | None:
    """How a quarter named with a Common Era year in ``text`` was read, or None.

    "disbursed 5,000 baht Q2 2023" is filed under 2/2566 (fiscal year 2566 began on
    1 October 2022): an officer who meant April–June 2023 (3/2566) must see which
    quarter, and which months, it became, to correct it.  Only the quarters the text
    names are looked at ("2023 ชิ้น" is no year).
    """
    from bot.summary_view import ce_year_note  # the summary's note, one rule

    try:
        named = " ".join(quarter_mentions(text))
    except ThaiParseError:
        return None
    note = ce_year_note(named, quarter, english=english) if named else None
    if note is None:
        return None
    span = quarter_dates(quarter.fiscal_year, quarter.quarter)
    other = FiscalQuarter(quarter.fiscal_year, quarter.quarter % 4 + 1)
    if english:
        return (f"{note} Read as quarter {quarter.quarter} of fiscal year "
                f"{quarter.fiscal_year} ({format_english_date(span.start)} – "
                f"{format_english_date(span.end)}). If you meant another quarter, name it "
                f"with its Buddhist-era fiscal year, e.g. Q{other.quarter} {other.fiscal_year}.")
    return (f"{note} จึงอ่านเป็นไตรมาส {quarter.quarter} ปีงบประมาณ {quarter.fiscal_year} "
            f"({format_thai_date(span.start)} – {format_thai_date(span.end)}) "
            "หากหมายถึงไตรมาสอื่น กรุณาระบุปีงบประมาณเป็น พ.ศ. เช่น "
            f"ไตรมาส {other.quarter}/{other.fiscal_year}")


#: The echo's labels, Thai and English: project, quarter, disbursed, level, percent.
_ECHO_LABELS = {False: ("โครงการ", "ไตรมาส", "เบิกจ่าย", "ระดับ", "ร้อยละ"),
                True: ("Project", "Quarter", "Disbursed", "Level", "Percent")}


def duplicate_note(update_id: int, english: bool = False) -> str:
    """The reply to an update sent again (see :data:`knowledge.updates.DUPLICATE_WINDOW`)."""
    minutes = int(DUPLICATE_WINDOW.total_seconds() // 60)
    if english:
        return (f"ℹ️ Not saved again: the same text for this project was saved as update "
                f"#{update_id} less than {minutes} minutes ago, so it is counted once. If it is "
                "really a new report, add what differs (the date or the activity).")
    return (f"ℹ️ ไม่บันทึกซ้ำ: ข้อความเดียวกันของโครงการนี้บันทึกไว้แล้วเป็นรายงาน #{update_id} "
            f"เมื่อไม่ถึง {minutes} นาทีก่อน จึงนับเพียงครั้งเดียว หากเป็นรายงานใหม่จริง "
            "กรุณาเพิ่มรายละเอียดที่ต่างออกไป (เช่น วันที่หรือกิจกรรม)")
