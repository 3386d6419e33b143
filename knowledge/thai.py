"""Thai text helpers: digits, normalisation, money, Buddhist-era dates and fiscal quarters.

Every function here is pure (no I/O, no project imports) so that the chat bot, the CLI,
the indexer and the tests all share exactly one interpretation of "๒.๕ ล้านบาท",
"31 มี.ค. 66" or "ไตรมาส 2/2566".  Parsing failures raise :class:`ThaiParseError`, whose
``str()`` is a Thai message that can be shown to a field officer as-is, while
``.english`` carries the same information for logs.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone, tzinfo
from decimal import ROUND_HALF_UP, Decimal, localcontext
from functools import lru_cache
from typing import NamedTuple

from knowledge.figure_roles import (
    DONE,
    MONEY_CUES,
    PROGRESS_CUES,
    UNCLEAR,
    Figure,
    Role,
    judge_roles,
)
from knowledge.patterns import lazy_pattern
from knowledge.textcut import shorten
from knowledge.thai_numbers import (
    DOTTED_THOUSANDS,
    THAI_NUMBER_WORDS,
    dotted_question,
    thai_words_value,
)

__all__ = [
    "MAX_FISCAL_YEAR_BE",
    "MIN_FISCAL_YEAR_BE",
    "MONTHS_ENGLISH",
    "MONTHS_FULL",
    "MONTHS_SHORT",
    "THAI_DIGITS",
    "THAI_WORD_START",
    "DateMatch",
    "DateRange",
    "FiscalQuarter",
    "MoneyMatch",
    "ThaiParseError",
    "UpdateFields",
    "YearAloneError",
    "ascii_digits",
    "clean_control_chars",
    "dotted_amounts",
    "extract_update_fields",
    "find_dates",
    "find_money",
    "find_quarter",
    "find_quarter_number",
    "fiscal_quarter_of",
    "fiscal_year_of",
    "format_baht",
    "format_baht_millions",
    "format_english_date",
    "format_million_baht",
    "format_percent",
    "format_thai_date",
    "latest_begun",
    "normalize_arabic",
    "normalize_text",
    "parse_date_range",
    "parse_iso_date",
    "parse_money",
    "parse_quarter",
    "parse_thai_date",
    "quarter_alone",
    "quarter_dates",
    "quarter_mentions",
    "quarter_numbers",
    "states_cumulative",
    "to_arabic_digits",
    "year_to_ce",
]

BE_OFFSET = 543
"""Buddhist era year minus Common Era year (2566 BE = 2023 CE)."""

MIN_FISCAL_YEAR_BE = 2400
"""Smallest fiscal year accepted; anything earlier is almost surely a CE/BE mix-up."""

MAX_FISCAL_YEAR_BE = 2999
"""Largest fiscal year accepted; keeps typos such as 25666 from producing silly dates."""

_MAX_AMOUNT_DIGITS = 18
"""Amounts with more digits are rejected: no Thai budget line is that large, and it keeps
Decimal arithmetic well inside its default 28-digit precision."""


class ThaiParseError(ValueError):
    """Invalid Thai input; ``str(err)`` is a Thai message safe to show to end users.

    Subclassing ValueError lets generic callers catch it without importing this module,
    while the ``english`` attribute keeps logs readable for non-Thai maintainers.
    """

    def __init__(self, thai: str, english: str) -> None:
        super().__init__(thai)
        self.thai = thai
        self.english = english


class YearAloneError(ThaiParseError):
    """A quarter asked for, a fiscal year alone given ("2566", "FY2566", "ปีงบ 66")."""


def _require_str(text: object, what: str) -> str:
    """Reject non-string input early so callers get ThaiParseError, not AttributeError."""
    if not isinstance(text, str):
        raise ThaiParseError(
            f"ต้องระบุ{what}เป็นข้อความ",
            f"{what!s} must be given as a string, got {type(text).__name__}",
        )
    return text


# ---------------------------------------------------------------------------
# Digits and normalisation
# ---------------------------------------------------------------------------

THAI_DIGITS: dict[int, int] = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
"""``str.translate`` table mapping Thai digits ๐-๙ to ASCII 0-9 (length preserving)."""

THAI_WORD_START = "\u0e01-\u0e2e\u0e40-\u0e44"
"""The body of a regex character class of what a Thai word can start with: a consonant
(ก-ฮ) or a leading vowel (เ แ โ ใ ไ): "[\u0e01-\u0e2e]" alone misses "เชียงใหม่",
"แพร่" and "โอสตา"."""

_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\ufeff\u2060")
_NIKHAHIT = "\u0e4d"
_SARA_AA = "\u0e32"
_SARA_AM = "\u0e33"
_TONE_MARKS = frozenset("\u0e48\u0e49\u0e4a\u0e4b")
_SPACE_MAP = {"\u00a0": " ", "\u2028": "\n", "\u2029": "\n"}
_DECOMPOSED_AM_RE = re.compile("\u0e4d([\u0e48-\u0e4b]?)\u0e32")
_ZERO_WIDTH_RE = re.compile("[\u200b\u200c\u200d\ufeff\u2060]")
#: A character one of :func:`normalize_text`'s replacements acts on (zero-width, odd spaces,
#: the nikhahit of a decomposed sara am).
_NORMALIZE_CHANGES_RE = re.compile("[\u200b\u200c\u200d\ufeff\u2060\u00a0\u2028\u2029\u0e4d]")
# C0 and C1 control characters that are not whitespace, and unpaired surrogates.
# Terminal control sequences first, whole (ANSI CSI "ESC [ 31 m" and its 8-bit form, OSC
# "ESC ] ... BEL" or "... ESC \\", other two-character escapes): removing only their ESC
# would leave "[31m" to be read as text.  Then the single control characters.
_CONTROL_RE = re.compile("\x1b(?:\\[[0-?]*[ -/]*[@-~]"
                         "|\\][^\x07\x1b]*(?:\x07|\x1b\\\\)?|[@-Z\\\\^_])"
                         "|\x9b[0-?]*[ -/]*[@-~]"
                         "|[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ud800-\udfff"
                         # Bidirectional embeddings, overrides and isolates: "\u202e" shows
                         # the text after it reversed (a spoofed file name or figure).
                         "\u202a-\u202e\u2066-\u2069]")
# Any character a Thai digit conversion or :func:`_scan` would change: text without one
# is returned as it is, without a pass over each character.
_THAI_DIGIT_RE = re.compile("[" + "".join(chr(c) for c in THAI_DIGITS) + "]")
_SCAN_CHANGES_RE = re.compile(
    "[" + re.escape("".join(sorted({*_ZERO_WIDTH, _NIKHAHIT, *_SPACE_MAP,
                                     *(chr(c) for c in THAI_DIGITS)}))) + "]")


def to_arabic_digits(text: str) -> str:
    """Convert Thai digits to ASCII so regexes and Decimal only ever see 0-9.

    The mapping is one character to one character, so string offsets stay valid.
    """
    text = _require_str(text, "ข้อความ")
    return text.translate(THAI_DIGITS) if _THAI_DIGIT_RE.search(text) else text


def ascii_digits(text: str) -> str:
    """``text`` with every decimal digit written as its ASCII digit (``๒``, ``２`` → ``2``).

    For ids and numbers typed by a user where the text is no prose: a user id
    (``telegram:๑๒๓``), a time (``--at 2023-02-15T๑๐:๐๐``).  One character for one.
    """
    if text.isascii():
        return text
    return "".join(str(d) if (d := unicodedata.decimal(ch, None)) is not None else ch
                   for ch in text)


def normalize_arabic(text: str) -> str:
    """``to_arabic_digits(normalize_text(text))``: one scan for text that is both already.

    Stored passages are normalised; read for a question, each only needs checking
    (a character either step would change, or text that is not NFC) — 2 us instead
    of 5 for a 700-character passage.
    """
    text = _require_str(text, "ข้อความ")
    if _SCAN_CHANGES_RE.search(text) is None and unicodedata.is_normalized("NFC", text):
        return text
    return to_arabic_digits(normalize_text(text))


def clean_control_chars(text: str) -> str:
    """Remove the characters no stored text should hold; keep everything else as is.

    Those are NUL (PostgreSQL ``text`` cannot store it: the insert fails), the other
    C0/C1 control characters that are not whitespace (invisible, meaningless in a chat
    message or a document), terminal escape sequences, the bidirectional embedding,
    override and isolate controls (U+202A–U+202E, U+2066–U+2069: they reorder what is
    shown after them) and unpaired surrogates (not encodable as UTF-8).  Whitespace
    controls (tab, newlines, form feed, ...) stay: a form feed between two pages still
    separates their words.  Applied where outside text comes in: chat messages and
    ingested files.
    """
    return _CONTROL_RE.sub("", _require_str(text, "ข้อความ"))


def normalize_text(text: str) -> str:
    """Canonicalise Thai text copied from PDFs, Word and chat apps.

    PDF extraction often yields sara am as nikhahit + sara aa ("ดําเนินงาน") and
    chat apps sprinkle zero-width characters, which would otherwise make identical words
    compare unequal in search.  Digits are deliberately left alone so the text stays
    as readable as the original.  Control characters are removed where text comes in
    (:func:`clean_control_chars`: chat messages, files, ``Answerer.ask``), not here: this
    runs on every passage read.
    """
    text = _require_str(text, "ข้อความ")
    if _NORMALIZE_CHANGES_RE.search(text) is None and unicodedata.is_normalized("NFC", text):
        return text  # already canonical (stored passages are): every step below keeps it
    text = unicodedata.normalize("NFC", text)
    text = _ZERO_WIDTH_RE.sub("", text)
    for old, new in _SPACE_MAP.items():
        text = text.replace(old, new)
    text = _DECOMPOSED_AM_RE.sub(lambda m: m.group(1) + _SARA_AM, text)
    # Removing characters can leave combining marks out of canonical order; re-run NFC so
    # normalize_text is idempotent.
    return unicodedata.normalize("NFC", text)


class _Scan(NamedTuple):
    """Lightly normalised text plus, per character, its span in the original string."""

    text: str
    starts: Sequence[int]
    ends: Sequence[int]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the scan text back onto the original text."""
        return self.starts[start], self.ends[end - 1]


def _scan(text: str) -> _Scan:
    """Normalise just enough for matching while remembering original offsets.

    find_* functions must report offsets into the caller's text, so instead of
    normalize_text (which may change lengths arbitrarily) this does a character-wise
    pass: Thai digits to ASCII, zero-width characters dropped, odd spaces mapped, and
    decomposed sara am composed.
    """
    if _SCAN_CHANGES_RE.search(text) is None:  # nothing to change: offsets are the same
        # (ranges, not lists: most texts need no change, and are read a few offsets each)
        return _Scan(text, range(len(text)), range(1, len(text) + 1))
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in _ZERO_WIDTH:
            i += 1
            continue
        if ch == _NIKHAHIT:
            j = i + 1
            tone = text[j] if j < n and text[j] in _TONE_MARKS else ""
            if tone:
                j += 1
            if j < n and text[j] == _SARA_AA:
                if tone:
                    out.append(tone)
                    starts.append(i)
                    ends.append(i + 2)
                out.append(_SARA_AM)
                starts.append(i if not tone else i + 2)
                ends.append(j + 1)
                i = j + 1
                continue
        out.append(_SPACE_MAP.get(ch, ch).translate(THAI_DIGITS))
        starts.append(i)
        ends.append(i + 1)
        i += 1
    return _Scan("".join(out), starts, ends)


def _prepare(text: str) -> str:
    """Full normalisation plus ASCII digits, for parsers that do not report offsets."""
    return to_arabic_digits(normalize_text(text))


# ---------------------------------------------------------------------------
# Money
# ---------------------------------------------------------------------------


class MoneyMatch(NamedTuple):
    """An amount of baht found in free text, with offsets into the original string."""

    amount: Decimal
    start: int
    end: int
    text: str


_MULTIPLIERS = {"พัน": 1_000, "หมื่น": 10_000, "แสน": 100_000, "ล้าน": 1_000_000}
#: Magnitude words in English, by their lower case ("12K", "1.2 million", "2 bn").
_EN_MULTIPLIERS = {"thousand": 1_000, "k": 1_000, "million": 1_000_000, "mn": 1_000_000,
                   "m": 1_000_000, "billion": 1_000_000_000, "bn": 1_000_000_000}
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
#: "ลบ." / "ล.บ." after a number: ล้านบาท, magnitude and unit in one.  Not "ลบ.ม."
#: (cubic metres; "ลบ. ม.ค." is a month after) nor another cubic unit ("ลบ.เมตร",
#: "ลบ.หลา", "ลบ.ฟุต"), and not "ลบ" without its dot ("5 ลบ": minus, negative): an
#: amount that cannot be sure is asked for, never guessed.  "MB" is no money either:
#: megabytes as often as million baht.
_MILLION_BAHT_ABBR = (r"(?:ล\.\s?บ\.|ลบ\.)"
                      r"(?!\.?\s?ม(?:\.(?![ก-ฮ]\.)|(?![\u0e01-\u0e4e.])))"
                      r"(?!\s?(?:เมตร|เซนติเมตร|เซน|หลา|ฟุต|นิ้ว|ซม|ซ\.ม|มม|ม\.ม|วา|ศอก))")
#: A word of baht after the number: "บาท", "baht", "THB" (any case).
_BAHT_WORD = r"บาท|(?<![A-Za-z])(?:baht|thb)(?![A-Za-z])"
#: The one reading of amounts of baht in text: every path that reads an amount
#: (/update, /edit, report forms, workbook cells, JSON records, answers) goes through
#: :func:`find_money` / :func:`parse_money`, which use this pattern.  Before the number:
#: a sign ("-", "ลบ"), then "฿", "THB" or "Baht"; after it: a Thai or English magnitude
#: ("ล้าน", "2 แสน", "12K", "1.2 million"), then "บาท"/"baht"/"THB"; or "ลบ."/"ล.บ."
#: (ล้านบาท) alone.
_MONEY_PATTERN = rf"""
    (?P<sign>(?:-|−|(?<![ก-ฮ])ลบ(?!\.))\s*)?
    (?:(?P<pre>(?:฿|(?<![A-Za-z])(?:thb|baht)(?![A-Za-z]))\s*)|(?<![\dA-Za-z.,]))
    (?P<num>{_NUMBER})(?![\d,]|\.\d)
    (?:\s*(?P<abbr>{_MILLION_BAHT_ABBR})
     |(?:\s*(?P<mult>(?:พัน|หมื่น|แสน|ล้าน)(?:\s*ล้าน)?
                     |(?:thousand|million|billion|mn|bn|k|m)(?![A-Za-z])))?
      (?:\s*(?P<baht>{_BAHT_WORD}))?)
"""
_MONEY_RE = lazy_pattern(_MONEY_PATTERN, re.VERBOSE | re.IGNORECASE)
_MONEY_FULL_RE = lazy_pattern(
    rf"\s*(?:(?:จำนวน(?:เงิน)?|งบประมาณ|งบ)\s*:?\s*)?{_MONEY_PATTERN}\s*",
    re.VERBOSE | re.IGNORECASE,
)
_THAI_LETTER_RE = lazy_pattern("[\u0e01-\u0e4e]")


def _amount_of(m: re.Match[str], source: str) -> Decimal | None:
    """Turn a money regex match into a Decimal, or None if it is not a sane amount.

    A leading "-" right after another number ("10-20 บาท") is a range, not a sign, so
    it is ignored; "ลบ" and a free-standing "-" make the amount negative so callers can
    reject it explicitly instead of it silently becoming positive.
    """
    raw = m.group("num").replace(",", "")
    if sum(c.isdigit() for c in raw) > _MAX_AMOUNT_DIGITS:
        return None
    value = Decimal(raw)
    factor = _factor(m)
    if factor != 1:
        value *= factor
        value = value.quantize(Decimal(1)) if value == value.to_integral_value() else value
        if value != value.to_integral_value():
            value = value.normalize()
    if _is_negative(m, source):
        value = -value
    return value


def _factor(m: re.Match[str]) -> int:
    """The size of a money match's magnitude ("ล้าน", "2 แสน", "12K", "ลบ."): 1 when none."""
    if m.group("abbr"):
        return 1_000_000
    mult = (m.group("mult") or "").lower()
    if mult in _EN_MULTIPLIERS:
        return _EN_MULTIPLIERS[mult]
    factor = 1
    for word, size in _MULTIPLIERS.items():
        factor *= size ** mult.count(word)  # "ล้านล้าน" is a million millions
    return factor


def _is_negative(m: re.Match[str], source: str) -> bool:
    """Decide whether the sign group really is a minus sign (and not a range dash)."""
    sign = m.group("sign")
    if not sign:
        return False
    if sign.strip() == "ลบ":
        return True
    before = source[: m.start("sign")].rstrip()
    return not (before and before[-1].isdigit())


def _money_span_start(m: re.Match[str], source: str) -> int:
    """Start of the money match, excluding a range dash that is not a sign."""
    if m.group("sign") and not _is_negative(m, source):
        return m.start("pre") if m.group("pre") else m.start("num")
    return m.start()


def _has_unit(m: re.Match[str], scan_text: str) -> bool:
    """Accept only numbers that are clearly money: "บาท", "฿", or a bare "ล้าน"/"แสน".

    A bare multiplier glued to another Thai word ("๑๔ ล้านครัวเรือน") counts households,
    not baht, so it is rejected.
    """
    if m.group("baht") or m.group("pre") or m.group("abbr"):
        return True
    mult = m.group("mult")
    if not mult or mult.lower() in _EN_MULTIPLIERS:  # "12k people", "5 m": no money
        return False
    return not (_THAI_LETTER_RE().match(scan_text, m.end())
                or _CUBIC_AFTER_RE().match(scan_text, m.end()))


#: A volume after a magnitude word: "100 ล้าน ลบ.ม." is cubic metres, no baht.
_CUBIC_AFTER_RE = lazy_pattern(r"\s*(?:ลบ\.?\s?ม|ลูกบาศก์)")


class _Piece(NamedTuple):
    """A number with or without its magnitude word, before chains are joined (scan text)."""

    value: Decimal
    start: int
    end: int
    #: The size of its last magnitude word ("2 แสน": 100,000; "250": 1): a number after
    #: it joins it when smaller ("2 แสน 5 หมื่น" is 250,000).
    unit: int
    #: Whether "บาท" (or "฿" before) ends or opens it: nothing joins it then.
    baht: bool
    #: Whether it is money on its own (:func:`_has_unit`).
    money: bool
    negative: bool


_THAI_WORDS_MONEY_RE = lazy_pattern(rf"(?P<words>{THAI_NUMBER_WORDS})(?:\s*(?P<baht>บาท))?")
_MAGNITUDE_WORDS = ("สิบ", "ร้อย", "พัน", "หมื่น", "แสน", "ล้าน")
#: A magnitude word: a text without one states no amount in Thai words (most do not).
_THAI_WORDS_HINT_RE = lazy_pattern(r"สิบ|ร้อย|พัน|หมื่น|แสน|ล้าน|บาท")


def _pieces(scan_text: str) -> list[_Piece]:
    """Every number with a magnitude word or "บาท", in digits or Thai words, in order."""
    found: list[_Piece] = []
    for m in _MONEY_RE().finditer(scan_text):
        if not (m.group("mult") or m.group("baht") or m.group("pre") or m.group("abbr")):
            continue
        amount = _amount_of(m, scan_text)
        if amount is None:
            continue
        found.append(_Piece(amount, _money_span_start(m, scan_text), m.end(), _factor(m),
                            bool(m.group("baht") or m.group("pre") or m.group("abbr")),
                            _has_unit(m, scan_text),
                            amount < 0))
    if not found and _THAI_WORDS_HINT_RE().search(scan_text) is None:
        return found
    # Digits' spans blanked, so that "2 แสนห้าหมื่นบาท" gives "ห้าหมื่นบาท", not "แสนห้าหมื่น".
    masked = list(scan_text)
    for p in found:
        masked[p.start:p.end] = " " * (p.end - p.start)
    for m in _THAI_WORDS_MONEY_RE().finditer("".join(masked)):
        words = m.group("words")
        value = thai_words_value(words)
        if value is None or words.startswith(_MAGNITUDE_WORDS[1:]) or (
                words.startswith("สิบ") and m.start() > 0
                and _THAI_LETTER_RE().match(scan_text, m.start() - 1)):
            # "ล้านบาท", "หลายล้านบาท", "เรียบร้อย": no number was said.
            continue
        last = max((w for w in _MULTIPLIERS if words.endswith(w)), key=len, default="")
        unit = _MULTIPLIERS.get(last, 1) if last else (10 if words.endswith("สิบ") else 1)
        unit = 100 if words.endswith("ร้อย") else unit
        money = bool(m.group("baht")) or (
            bool(last) and not _THAI_LETTER_RE().match(scan_text, m.end()))
        found.append(_Piece(Decimal(value), m.start(), m.end(), unit, bool(m.group("baht")),
                            money, False))
    return sorted(found, key=lambda p: p.start)


def _joins(before: _Piece, after: _Piece, scan_text: str) -> bool:
    """Whether ``after`` goes on the number ``before`` ("2 แสน" then "5 หมื่นบาท")."""
    return (not before.baht and before.unit > 1 and not before.negative and not after.negative
            and 0 < after.value < before.unit
            and not scan_text[before.end:after.start].strip())


def _chains(pieces: list[_Piece], scan_text: str) -> list[_Piece]:
    """Pieces joined into the amounts they make: "1 ล้าน 2 แสนบาท" is one, 1,200,000.

    Thai writes one amount with several magnitude words ("2 แสน 5 หมื่นบาท",
    "หนึ่งล้าน 2 แสนบาท"): each number after one with a magnitude word, smaller than that
    word and with nothing but spaces between, belongs to it.  A chain that is no money
    as a whole (nothing but a glued word after it) gives its longest head that is.
    """
    out: list[_Piece] = []
    i = 0
    while i < len(pieces):
        j = i
        while j + 1 < len(pieces) and _joins(pieces[j], pieces[j + 1], scan_text):
            j += 1
        while j > i and not pieces[j].money:  # the longest head that is money
            j -= 1
        head = pieces[i:j + 1]
        last = head[-1]
        if last.money or (len(head) == 1 and head[0].money):
            total = sum((p.value for p in head), Decimal(0))
            out.append(_Piece(total, head[0].start, last.end, last.unit, last.baht, True,
                              head[0].negative))
        i = j + 1
    return out


def find_money(text: str) -> list[MoneyMatch]:
    """Find every baht amount in free text, in order, with offsets into ``text``.

    Only numbers with a money unit are returned so that years, counts and levels in the
    same sentence are not mistaken for budgets.  One amount written with several
    magnitude words is one amount ("2 แสน 5 หมื่นบาท" is 250,000), and Thai number
    words are numbers ("สองแสนห้าหมื่นบาท").
    """
    scan = _scan(_require_str(text, "ข้อความ"))
    found: list[MoneyMatch] = []
    for piece in _chains(_pieces(scan.text), scan.text):
        start, end = scan.span(piece.start, piece.end)
        found.append(MoneyMatch(piece.value, start, end, text[start:end]))
    return found


def dotted_amounts(text: str) -> list[str]:
    """Amounts of baht whose dots group thousands or mark decimals alike ("250.000 บาท").

    As written, in order: a number like :data:`knowledge.thai_numbers.DOTTED_THOUSANDS`
    with "บาท"/"baht"/"THB" after it or "฿"/"THB" before it, or right after a word of
    disbursement ("เบิกจ่าย 250.000").  Not one after which a magnitude word stands
    ("2.500 ล้านบาท" is 2.5 million).
    """
    scan_text = _scan(_require_str(text, "ข้อความ")).text
    found = []
    for m in _DOTTED_MONEY_RE().finditer(scan_text):
        if m.group("after") or m.group("before"):
            found.append(m.group("num"))
            continue
        for cue in MONEY_CUES.pattern().finditer(scan_text, 0, m.start("num") + 1):
            if cue.group("done") is not None and _CUE_FILLER_RE().fullmatch(
                    scan_text, cue.end(), m.start("num")):
                found.append(m.group("num"))
                break
    return list(dict.fromkeys(found))


_DOTTED_MONEY_RE = lazy_pattern(
    rf"(?P<before>(?:฿|(?<![a-z])(?:thb|baht))\s*)?(?P<num>{DOTTED_THOUSANDS})"
    r"(?!\s*(?:พัน|หมื่น|แสน|ล้าน|ลบ|ล\.\s?บ\.|million|thousand|billion|mn\b|bn\b|mb\b|m\b|k\b"
    r"|%|เปอร์เซ็น|per\s*cent))"
    r"(?P<after>\s*(?:บาท|baht\b|thb\b))?",
    re.IGNORECASE,
)
_DOTTED_BARE_RE = lazy_pattern(
    rf"\s*(?:(?:จำนวน(?:เงิน)?|งบประมาณ|งบ)\s*:?\s*)?({DOTTED_THOUSANDS})\s*")
_CUE_FILLER_RE = lazy_pattern(
    r"(?:\s*(?:จำนวน|ยอด|สะสม|รวม|ทั้งสิ้น|ทั้งหมด|ไป|แล้ว|ได้|:|a\s+total\s+of|total|of))*\s*",
    re.IGNORECASE,
)


def parse_money(text: str) -> Decimal:
    """Parse an amount in baht such as "9.6845ล้านบาท", "๙,๖๘๔,๕๐๐ บาท" or "3 แสนบาท".

    A bare number ("250000") is accepted when it is the whole input, because form
    fields and CLI flags carry no unit.  Otherwise the first amount with a unit in the
    text is returned.  Negative amounts are returned negative so callers decide.
    Raises :class:`ThaiParseError` when there is none, or when its dots may group
    thousands or mark decimals ("250.000 บาท": the message asks which is meant).
    """
    prepared = _prepare(_require_str(text, "จำนวนเงิน"))
    dotted = dotted_amounts(prepared)
    if not dotted and (bare := _DOTTED_BARE_RE().fullmatch(prepared)) is not None:
        dotted = [bare.group(1)]  # a form field or flag with no unit: "250.000"
    if dotted:  # "250.000 บาท" is 250 or 250,000: asked, never read one way
        raise ThaiParseError(dotted_question(dotted[0], english=False, chat=False),
                             dotted_question(dotted[0], english=True, chat=False))
    m = _MONEY_FULL_RE().fullmatch(prepared)
    if m is not None:
        amount = _amount_of(m, prepared)
        if amount is not None:
            return amount
    matches = find_money(prepared)
    if matches:
        return matches[0].amount
    raise ThaiParseError(
        f"ไม่พบจำนวนเงินใน “{shorten(text.strip(), 40)}” (ตัวอย่าง: 250,000 บาท, 1.2 ล้านบาท)",
        f"no baht amount found in {shorten(text, 40)!r} (e.g. '250,000 บาท', '1.2 ล้านบาท')",
    )


def _to_decimal(amount: Decimal | int | float) -> Decimal:
    """Convert a numeric amount to a finite Decimal without binary-float artefacts."""
    if isinstance(amount, bool) or not isinstance(amount, Decimal | int | float):
        raise ThaiParseError(
            "จำนวนเงินต้องเป็นตัวเลข", f"amount must be a number, got {type(amount).__name__}"
        )
    value = Decimal(str(amount)) if isinstance(amount, float) else Decimal(amount)
    if not value.is_finite():
        raise ThaiParseError("จำนวนเงินต้องเป็นตัวเลขจำกัด", f"amount must be finite: {amount}")
    return value


def _round_satang(value: Decimal) -> Decimal:
    """Round to 0.01 baht with enough precision that huge amounts never raise."""
    with localcontext() as ctx:
        ctx.prec = max(28, value.adjusted() + 5)
        return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def format_baht(amount: Decimal | int | float, *, english: bool = False) -> str:
    """Format as "9,684,500 บาท" ("9,684,500 baht"), keeping satang only when there are any.

    Reports read better without ".00", but "1,234.50 บาท" must keep both decimals.
    Every amount shown to a person goes through here or :func:`format_million_baht`:
    thousands separated, at most two decimals, never a float's noise.
    """
    unit = "baht" if english else "บาท"
    value = _round_satang(_to_decimal(amount))
    if value == value.to_integral_value():
        return f"{value:,.0f} {unit}"
    return f"{value:,.2f} {unit}"


def format_million_baht(amount: Decimal | int | float, *, english: bool = False) -> str:
    """Format an amount in baht as millions, e.g. 9,684,500 → "9.68 ล้านบาท".

    Budget summaries are conventionally quoted in ล้านบาท with two decimals
    ("9.68 million baht" in English).
    """
    value = _round_satang(_to_decimal(amount).scaleb(-6))
    return f"{value:,.2f} {'million baht' if english else 'ล้านบาท'}"


def format_baht_millions(amount: Decimal | int | float, *, english: bool = False,
                         from_baht: Decimal | int = 1_000_000) -> str:
    """Exact baht, then millions from ``from_baht`` on: "9,684,500 บาท (9.6845 ล้านบาท)".

    The millions beside the exact figure keep up to four decimals (no trailing zeros:
    "9.6845", "100,000.89"): two would state "9.68" beside "9,684,500", another value.
    """
    exact = format_baht(amount, english=english)
    value = _to_decimal(amount)
    if abs(value) < from_baht:
        return exact
    millions = value.scaleb(-6).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
    text = f"{millions:,.4f}".rstrip("0").rstrip(".")
    return f"{exact} ({text} {'million baht' if english else 'ล้านบาท'})"


def format_percent(value: Decimal | int | float) -> str:
    """A percentage's number to at most two decimals, no trailing zeros: 40, 12.5, 33.33."""
    rounded = _round_satang(_to_decimal(value))
    text = f"{rounded:,.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


# ---------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------

MONTHS_FULL: tuple[str, ...] = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)  # fmt: skip
"""Full Thai month names, index 0 = January."""

MONTHS_SHORT: tuple[str, ...] = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)  # fmt: skip
"""Abbreviated Thai month names, index 0 = January."""

# Common misspelling seen in real documents (ฏ instead of ฎ).
_MONTH_VARIANTS = {"กรกฏาคม": 7}


def _month_lookup() -> tuple[dict[str, int], str]:
    """Build a key→month map and a regex alternation for all month spellings.

    Abbreviations are matched with optional dots/spaces ("มี.ค.", "มี. ค.", "มีค"), so
    the lookup key is the abbreviation with dots and whitespace removed.
    """
    keys: dict[str, int] = {}
    alternatives: list[str] = []
    for idx, name in enumerate(MONTHS_FULL, start=1):
        keys[name] = idx
        alternatives.append(re.escape(name))
    for name, idx in _MONTH_VARIANTS.items():
        keys[name] = idx
        alternatives.append(re.escape(name))
    for idx, abbr in enumerate(MONTHS_SHORT, start=1):
        parts = [p for p in abbr.split(".") if p]
        keys["".join(parts)] = idx
        alternatives.append(r"\s*\.?\s*".join(map(re.escape, parts)) + r"\.?")
    alternatives.sort(key=len, reverse=True)
    return keys, "|".join(alternatives)


_MONTH_KEYS, _MONTH_ALT = _month_lookup()


def _month_number(raw: str) -> int:
    """Resolve any accepted month spelling to 1..12."""
    return _MONTH_KEYS[re.sub(r"[.\s]", "", raw)]


def _date_parts(p: str, *, with_year: bool) -> str:
    """Regex for "day month [era] year" with group names prefixed by ``p``."""
    part = rf"(?<!\d)(?P<{p}d>\d{{1,2}})(?!\d)\s*(?P<{p}m>{_MONTH_ALT})"
    if with_year:
        part += rf"\s*{_year_part(p)}"
    return part


def _year_part(p: str) -> str:
    """Regex for an optional era marker and a 2- or 4-digit year, groups prefixed ``p``.

    The negative lookahead stops "5 เมษายน 15.00 น." from reading 15 as a year.
    """
    return (
        rf"(?:(?P<{p}era>พ\.?\s*ศ\.?|ค\.?\s*ศ\.?)\s*)?"
        rf"(?P<{p}y>\d{{4}}|\d{{2}})(?!\d|\.\d)"
    )


_DASH = r"\s*(?:-|–|—|−|~|ถึง(?:วันที่)?)\s*"
_DATE_PATTERN = (
    # 1) full range: "๒๙ กันยายน – ๘ ตุลาคม ๒๕๖๖", "1 ม.ค. 66 - 31 มี.ค. 66"
    rf"(?:{_date_parts('a', with_year=False)}(?:\s*{_year_part('a')})?"
    rf"{_DASH}{_date_parts('b', with_year=True)})"
    # 2) day range sharing month and year: "๒๐ - ๒๓ กุมภาพันธ์ ๒๕๖๗"
    rf"|(?:(?<!\d)(?P<cd>\d{{1,2}}){_DASH}{_date_parts('e', with_year=True)})"
    # 3) single date: "27 มี.ค. 2566"
    rf"|(?:{_date_parts('s', with_year=True)})"
    # 4) single date written with dashes or slashes: "15-ก.ค.-2565", "15/ก.ค./65"
    rf"|(?:(?<!\d)(?P<xd>\d{{1,2}})(?P<xsep>[-/])(?P<xm>{_MONTH_ALT})(?P=xsep)"
    rf"(?P<xy>\d{{4}}|\d{{2}})(?!\d|\.\d))"
)
_DATE_RE = re.compile(_DATE_PATTERN)
_DATE_PREFIX_RE = lazy_pattern(r"^(?:ตั้งแต่|ระหว่าง)?\s*(?:วันที่|วัน)?\s*")


class DateRange(NamedTuple):
    """An inclusive range of dates; a single date is a range with start == end."""

    start: date
    end: date

    def __contains__(self, item: object) -> bool:
        """Allow ``d in range`` for dates (tuple membership would compare endpoints)."""
        return isinstance(item, date) and self.start <= item <= self.end


class DateMatch(NamedTuple):
    """A date or date range found in free text, with offsets into the original string."""

    start_date: date
    end_date: date
    start: int
    end: int
    text: str


#: Digits in the longest whole number read from text as an int (a level, a count, a
#: day...).  Longer runs are no such number, and Python refuses to convert strings of
#: more than 4,300 digits with a bare ValueError.
MAX_INT_DIGITS = 18


def _to_int(digits: str, what_th: str, what_en: str) -> int:
    """``int(digits)``, or ThaiParseError when the number is implausibly long."""
    plain = digits.replace(",", "")
    if len(plain.lstrip("0")) > MAX_INT_DIGITS:
        raise ThaiParseError(
            f"{what_th}ยาวเกินไป ({len(plain):,} หลัก)",
            f"{what_en} is too long ({len(plain):,} digits)",
        )
    return int(plain)


def year_to_ce(raw: str, era: str | None) -> int:
    """Interpret a written year as CE.

    Thai documents use Buddhist-era years, often abbreviated to two digits ("66" =
    2566), but chat users also type CE years.  Unmarked 4-digit years ≥ 2400 are BE and
    1900–2199 are CE; an explicit พ.ศ./ค.ศ. marker always wins.
    """
    year = int(raw)
    era_key = re.sub(r"[.\s]", "", era or "")
    if era_key == "คศ":
        return year + 2000 if len(raw) == 2 else year
    if len(raw) == 2:
        return 2500 + year - BE_OFFSET
    if era_key == "พศ" or year >= 2400:
        return year - BE_OFFSET
    if 1900 <= year < 2200:
        return year
    raise ThaiParseError(
        f"ปี {raw} ไม่ถูกต้อง (ใช้ พ.ศ. เช่น 2566 หรือ 66 หรือ ค.ศ. เช่น 2023)",
        f"year {raw} is neither a plausible BE (>= 2400) nor CE (1900-2199) year",
    )


_ISO_DATE_RE = lazy_pattern(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*")


def parse_iso_date(text: str) -> date:
    """A ``YYYY-MM-DD`` date, its year Christian era or, from 2400 on, Buddhist era.

    Thai systems often write "2567-01-01" (BE in ISO form); read as CE it would be the
    year 3110.  Thai digits are accepted.  Raises :class:`ValueError` for anything
    else or a date that does not exist ("2567-02-29": 2024-02-29 exists, "2566-02-29"
    does not).
    """
    m = _ISO_DATE_RE().fullmatch(to_arabic_digits(str(text)))
    if not m:
        raise ValueError(f"not a YYYY-MM-DD date: {text!r}")
    year, month, day = (int(g) for g in m.groups())
    if year >= MIN_FISCAL_YEAR_BE:
        year -= BE_OFFSET
    return date(year, month, day)


def _make_date(day: str, month: int, year_ce: int) -> date:
    """Build a date, naming the impossible date in Thai if it does not exist."""
    try:
        return date(year_ce, month, int(day))
    except ValueError:
        be = year_ce + BE_OFFSET
        raise ThaiParseError(
            f"ไม่มีวันที่ {int(day)} {MONTHS_FULL[month - 1]} {be} ในปฏิทิน",
            f"date does not exist: day {int(day)} of month {month}, year {be} BE",
        ) from None


def _range_from_match(m: re.Match[str]) -> DateRange:
    """Convert a _DATE_RE match into a validated DateRange."""
    g = m.groupdict()
    if g["xd"] is not None:
        d = _make_date(g["xd"], _month_number(g["xm"]), year_to_ce(g["xy"], None))
        return DateRange(d, d)
    if g["sd"] is not None:
        d = _make_date(g["sd"], _month_number(g["sm"]), year_to_ce(g["sy"], g["sera"]))
        return DateRange(d, d)
    if g["cd"] is not None:
        month = _month_number(g["em"])
        year = year_to_ce(g["ey"], g["eera"])
        start, end = _make_date(g["cd"], month, year), _make_date(g["ed"], month, year)
    else:
        end = _make_date(g["bd"], _month_number(g["bm"]), year_to_ce(g["by"], g["bera"]))
        start_month = _month_number(g["am"])
        if g["ay"] is not None:
            start = _make_date(g["ad"], start_month, year_to_ce(g["ay"], g["aera"]))
        else:
            # Year written only once, at the end: "29 ธันวาคม – 3 มกราคม 2567" spans
            # the new year, so roll the start back a year when needed.
            start = _make_date(g["ad"], start_month, end.year)
            if start > end:
                start = _make_date(g["ad"], start_month, end.year - 1)
    if start > end:
        raise ThaiParseError(
            f"วันเริ่มต้น ({format_thai_date(start)}) อยู่หลังวันสิ้นสุด ({format_thai_date(end)})",
            f"range start {start.isoformat()} is after its end {end.isoformat()}",
        )
    return DateRange(start, end)


def _strip_date_wrapping(text: str) -> str:
    """Remove "วันที่"/"ระหว่างวันที่" prefixes and enclosing parentheses."""
    s = text.strip()
    if s.startswith("(") and s.endswith(")"):
        s = s[1:-1].strip()
    return _DATE_PREFIX_RE().sub("", s, count=1).strip()


_DATE_FORMS_TH = "เช่น 27 มี.ค. 2566, ๙ ธันวาคม ๒๕๖๖, 1 ม.ค. 66"


def _match_whole_date(text: str, what: str) -> re.Match[str]:
    """Fullmatch ``text`` against the date grammar or raise a helpful Thai error."""
    body = _strip_date_wrapping(_prepare(_require_str(text, what)))
    m = _DATE_RE.fullmatch(body)
    if m is None:
        raise ThaiParseError(
            f"อ่าน{what}ไม่ได้: “{shorten(text.strip(), 40)}” ({_DATE_FORMS_TH})",
            f"cannot parse {shorten(text, 40)!r} as a Thai date (e.g. '27 มี.ค. 2566')",
        )
    return m


def parse_thai_date(text: str) -> date:
    """Parse exactly one Thai date such as "27 มี.ค. 66" or "วันที่ ๙ ธันวาคม ๒๕๖๖".

    Ranges are rejected rather than truncated to their start, because silently
    dropping half of a range would misreport activity periods.
    """
    m = _match_whole_date(text, "วันที่")
    if m.group("sd") is None:
        raise ThaiParseError(
            f"“{shorten(text.strip(), 40)}” เป็นช่วงวันที่ ไม่ใช่วันเดียว",
            f"{shorten(text, 40)!r} is a date range, not a single date",
        )
    return _range_from_match(m).start


def parse_date_range(text: str) -> DateRange:
    """Parse a Thai date range ("๒๐ - ๒๓ กุมภาพันธ์ ๒๕๖๗"); a single date gives start == end."""
    return _range_from_match(_match_whole_date(text, "ช่วงวันที่"))


def find_dates(text: str) -> list[DateMatch]:
    """Find every date and date range in free text, with offsets into ``text``.

    Ranges are returned as one match.  Impossible dates are skipped rather than raised,
    because one typo in a long report must not hide every other date in it.
    """
    scan = _scan(_require_str(text, "ข้อความ"))
    found: list[DateMatch] = []
    for m in _DATE_RE.finditer(scan.text):
        try:
            rng = _range_from_match(m)
        except ThaiParseError:
            continue
        start, end = scan.span(m.start(), m.end())
        found.append(DateMatch(rng.start, rng.end, start, end, text[start:end]))
    return found


def format_thai_date(d: date, short: bool = False) -> str:
    """Format a date the way Thai government documents do: "27 มีนาคม 2566" (BE year).

    ``short=True`` gives the abbreviated month, "27 มี.ค. 2566".
    """
    if not isinstance(d, date):
        raise ThaiParseError("ต้องระบุวันที่", f"expected a date, got {type(d).__name__}")
    months = MONTHS_SHORT if short else MONTHS_FULL
    return f"{d.day} {months[d.month - 1]} {d.year + BE_OFFSET}"


MONTHS_ENGLISH: tuple[str, ...] = ("January", "February", "March", "April", "May", "June", "July",
                                   "August", "September", "October", "November", "December")


def format_english_date(d: date) -> str:
    """The date for an English reply: "27 March 2023" (Common Era; no locale is read).

    Raises :class:`ThaiParseError` when ``d`` is not a date.
    """
    if not isinstance(d, date):
        raise ThaiParseError("ต้องระบุวันที่", f"expected a date, got {type(d).__name__}")
    return f"{d.day} {MONTHS_ENGLISH[d.month - 1]} {d.year}"


# ---------------------------------------------------------------------------
# Fiscal calendar
# ---------------------------------------------------------------------------

_QUARTER_START_MONTH = {1: 10, 2: 1, 3: 4, 4: 7}
_QUARTER_END = {1: (12, 31), 2: (3, 31), 3: (6, 30), 4: (9, 30)}


def _check_fiscal_year(fiscal_year_be: int) -> None:
    """Reject non-int or implausible fiscal years (e.g. a CE year or "66" passed as BE)."""
    if isinstance(fiscal_year_be, bool) or not isinstance(fiscal_year_be, int):
        raise ThaiParseError(
            "ปีงบประมาณต้องเป็นจำนวนเต็ม (พ.ศ.)",
            f"fiscal year must be an int (BE), got {type(fiscal_year_be).__name__}",
        )
    if not MIN_FISCAL_YEAR_BE <= fiscal_year_be <= MAX_FISCAL_YEAR_BE:
        raise ThaiParseError(
            f"ปีงบประมาณ {fiscal_year_be} ไม่ถูกต้อง (ต้องเป็น พ.ศ. "
            f"{MIN_FISCAL_YEAR_BE}–{MAX_FISCAL_YEAR_BE})",
            f"fiscal year {fiscal_year_be} outside {MIN_FISCAL_YEAR_BE}-{MAX_FISCAL_YEAR_BE} BE",
        )


def _check_quarter(quarter: int) -> None:
    """Reject quarter numbers outside 1..4 with the message users see in chat."""
    if isinstance(quarter, bool) or not isinstance(quarter, int) or not 1 <= quarter <= 4:
        raise ThaiParseError(
            f"ไตรมาสต้องเป็น 1–4 (ได้รับ {quarter})",
            f"quarter must be 1-4, got {quarter!r}",
        )


def quarter_dates(fiscal_year_be: int, quarter: int) -> DateRange:
    """Return the first and last day of a Thai fiscal quarter.

    The Thai fiscal year starts on 1 October, so Q1 of fiscal 2566 BE is
    October–December 2022 (CE), and Q2 is January–March 2023.
    """
    _check_fiscal_year(fiscal_year_be)
    _check_quarter(quarter)
    fy_ce = fiscal_year_be - BE_OFFSET
    year = fy_ce - 1 if quarter == 1 else fy_ce
    end_month, end_day = _QUARTER_END[quarter]
    return DateRange(date(year, _QUARTER_START_MONTH[quarter], 1), date(year, end_month, end_day))


class FiscalQuarter(NamedTuple):
    """A Thai fiscal quarter, e.g. FiscalQuarter(2566, 2) = Jan–Mar 2023."""

    fiscal_year: int
    quarter: int

    @property
    def dates(self) -> DateRange:
        """First and last day of the quarter."""
        return quarter_dates(self.fiscal_year, self.quarter)

    @property
    def start(self) -> date:
        """First day of the quarter."""
        return self.dates.start

    @property
    def end(self) -> date:
        """Last day of the quarter (inclusive)."""
        return self.dates.end

    @property
    def label(self) -> str:
        """Label used in reports and chat replies, e.g. "ไตรมาส 2/2566"."""
        return f"ไตรมาส {self.quarter}/{self.fiscal_year}"


def fiscal_year_of(d: date) -> int:
    """The Thai government's fiscal year (Buddhist era) of ``d``: it starts on 1 October.

    No range check (:func:`fiscal_quarter_of` has one): any document's date is read.
    """
    return d.year + BE_OFFSET + (d.month >= 10)


def fiscal_quarter_of(d: date) -> FiscalQuarter:
    """Return the fiscal quarter containing ``d`` (October starts the next fiscal year)."""
    if not isinstance(d, date):
        raise ThaiParseError("ต้องระบุวันที่", f"expected a date, got {type(d).__name__}")
    quarter = 1 if d.month >= 10 else (d.month - 1) // 3 + 2
    fq = FiscalQuarter(fiscal_year_of(d), quarter)
    _check_fiscal_year(fq.fiscal_year)
    return fq


_BANGKOK_FALLBACK = timezone(timedelta(hours=7), "Asia/Bangkok")


def _bangkok() -> tzinfo:
    """Asia/Bangkok via zoneinfo, or a fixed +07:00 (Thailand has no DST) without tzdata."""
    try:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError
    except ImportError:  # pragma: no cover - stdlib on 3.9+
        return _BANGKOK_FALLBACK
    try:
        return ZoneInfo("Asia/Bangkok")
    except ZoneInfoNotFoundError:  # pragma: no cover - depends on system tzdata
        return _BANGKOK_FALLBACK


def _quarter_year_be(raw: str) -> int:
    """Interpret a fiscal year as written: "66" → 2566, "2566" → 2566, "2023" → 2566."""
    year = int(raw)
    if len(raw) == 2:
        year += 2500
    elif len(raw) == 4 and 1900 <= year < 2200:
        year += BE_OFFSET
    elif len(raw) != 4 or year < 2400:
        raise ThaiParseError(
            f"ปีงบประมาณ {raw} ไม่ถูกต้อง (ใช้ พ.ศ. เช่น 2566 หรือ 66)",
            f"fiscal year {raw!r} is not a 2-digit or 4-digit BE/CE year",
        )
    _check_fiscal_year(year)
    return year


_QUARTER_WORD = r"(?:ไตรมาส(?:ที่)?|(?<![a-z])q(?:uarter)?)"
_YEAR_WORD = r"(?:(?:ปี(?:งบ(?:ประมาณ)?)?|fy|fiscal\s+year)\s*(?:พ\.?\s*ศ\.?)?|พ\.?\s*ศ\.?)"
#: A year written before the quarter: "ปีงบประมาณ 2566 ไตรมาสที่ 2", "FY2023 Q2", "ปี 66
#: ไตรมาส 2" (the year word is required: "2566 ไตรมาส 2" may be a count before it).
_YEAR_FIRST = rf"{_YEAR_WORD}\s*(?<!\d)(?P<yb>\d{{2}}|\d{{4}})(?!\d)\s*,?\s*"
_PARSE_QUARTER_YEAR_FIRST_RE = lazy_pattern(
    rf"{_YEAR_FIRST}{_QUARTER_WORD}\s*(?P<q>\d{{1,2}})", re.IGNORECASE)
_FIND_QUARTER_YEAR_FIRST_RE = lazy_pattern(
    rf"{_YEAR_FIRST}{_QUARTER_WORD}\s*(?<!\d)(?P<q>\d{{1,2}})(?!\d)(?!\s*[/\-]\s*\d)",
    re.IGNORECASE)
_PARSE_QUARTER_RE = lazy_pattern(
    rf"(?:{_QUARTER_WORD}\s*)?(?P<q>\d{{1,2}})"
    rf"(?:\s*[/\-]\s*(?:{_YEAR_WORD}\s*)?|\s*{_YEAR_WORD}\s*|\s+)"
    r"(?P<y>\d{2}|\d{4})",
    re.IGNORECASE,
)
_FIND_QUARTER_RE = lazy_pattern(
    rf"{_QUARTER_WORD}\s*(?<!\d)(?P<q>\d{{1,2}})(?!\d)"
    rf"(?:(?:\s*[/\-]\s*(?:{_YEAR_WORD}\s*)?|\s*{_YEAR_WORD}\s*)(?P<y>\d{{2}}|\d{{4}})"
    r"|\s+(?P<y4>\d{4}))(?!\d)",
    re.IGNORECASE,
)
_FIND_QUARTER_NUMBER_RE = lazy_pattern(rf"{_QUARTER_WORD}\s*(?P<q>\d{{1,2}})(?!\d)", re.IGNORECASE)
_QUARTER_FORMS_TH = "2/2566, Q2 2566, q2/66, ไตรมาส 2 ปีงบ 66, ไตรมาสที่ ๒/๒๕๖๖, ไตรมาสที่ 2 ปี 2566"


_QUARTER_FORMS_EN = "2/2566, Q2 2566, Q2/66, FY2566 Q2, FY2023 Q2"
#: A fiscal year alone, with or without its word: "2566", "FY2566", "ปีงบ 66", "2023".
_YEAR_ALONE_RE = lazy_pattern(rf"(?:{_YEAR_WORD}\s*)?(?P<y>\d{{2}}|\d{{4}})", re.IGNORECASE)


def _year_alone(body: str) -> int | None:
    """The fiscal year (BE) when ``body`` names a year and nothing else, else None.

    Two digits count only after a year word ("ปีงบ 66", "FY66"): "66" alone is no year.
    """
    m = _YEAR_ALONE_RE().fullmatch(body)
    if m is None or (len(m.group("y")) == 2 and m.group("y") == body.strip()):
        return None
    try:
        return _quarter_year_be(m.group("y"))
    except ThaiParseError:
        return None


#: A quarter's number in words: English ordinals and cardinals, Thai numbers.
_QUARTER_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "first": 1, "second": 2, "third": 3,
    "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
    "หนึ่ง": 1, "แรก": 1, "สอง": 2, "สาม": 3, "สี่": 4,
}
_ORDINAL_QUARTER_RE = re.compile(
    r"\b(?:the\s+)?(first|second|third|fourth|1st|2nd|3rd|4th)\s+(?:fiscal\s+)?quarter\b",
    re.IGNORECASE)
_QUARTER_CARDINAL_RE = re.compile(r"\b(quarter)\s+(one|two|three|four)\b", re.IGNORECASE)
_THAI_QUARTER_WORD_RE = re.compile(r"(ไตรมาส(?:ที่)?)\s*(หนึ่ง|แรก|สอง|สาม|สี่)(?![ก-ฮ])")
#: "of" between a quarter and its year ("quarter 2 of FY2566", "Q2 of 2566").
_QUARTER_OF_RE = re.compile(r"(\b(?:quarter|q)\s*\d)\s+of\s+(?=(?:the\s+)?(?:fy|fiscal|\d))",
                            re.IGNORECASE)


def quarter_words(text: str) -> str:
    """``text`` with a quarter's number in words written in digits.

    "quarter two 2566", "the second quarter of FY2566" and "ไตรมาสสอง 2566" are read as
    "quarter 2 2566", "quarter 2 FY2566" and "ไตรมาส 2 2566", the forms the quarter
    parsers take.  Other text is unchanged (offsets move: for parsers that report none).
    """
    text = _ORDINAL_QUARTER_RE.sub(
        lambda m: f"quarter {_QUARTER_NUMBER_WORDS[m.group(1).casefold()]}", text)
    text = _QUARTER_CARDINAL_RE.sub(
        lambda m: f"{m.group(1)} {_QUARTER_NUMBER_WORDS[m.group(2).casefold()]}", text)
    text = _THAI_QUARTER_WORD_RE.sub(
        lambda m: f"{m.group(1)} {_QUARTER_NUMBER_WORDS[m.group(2)]}", text)
    return _QUARTER_OF_RE.sub(r"\1 ", text)


#: Punctuation around a quarter typed as a word among others ("Q4 2568,", "(2/2566)").
_QUARTER_PUNCTUATION = " \t\n,;:!?()[]\"'“”"


def _quarter_body(text: str) -> str:
    """A typed quarter as its parsers take it: normalised, number words in digits.

    The punctuation around it is dropped ("Q4 2568," is "Q4 2568"; a full stop ends a
    sentence: "ไตรมาส 2/2566." is "ไตรมาส 2/2566"; "พ.ศ." before a year stays).
    """
    body = quarter_words(_prepare(_require_str(text, "ไตรมาส"))).strip(_QUARTER_PUNCTUATION)
    if body.endswith(".") and body[:-1].rstrip()[-1:].isdigit():
        body = body[:-1]
    return body.strip(_QUARTER_PUNCTUATION)


def parse_quarter(text: str | None, today: date | None = None) -> FiscalQuarter:
    """Parse a fiscal quarter as typed in chat or on the CLI ("2/2566", "Q2 66", ...).

    Empty input means "the current quarter", using ``today`` or else today's date in
    Asia/Bangkok, since the server clock may be in UTC while officers work in Thai time.
    """
    if text is None or (isinstance(text, str) and not _prepare(text).strip()):
        if today is None:
            today = datetime.now(_bangkok()).date()
        return fiscal_quarter_of(today)
    body = _quarter_body(text)
    m = _PARSE_QUARTER_RE().fullmatch(body) or _PARSE_QUARTER_YEAR_FIRST_RE().fullmatch(body)
    if m is None:
        said = shorten(text.strip(), 40)
        alone = _year_alone(body)
        if alone is not None:  # "2566", "FY2566", "ปีงบ 66": a year, the quarter left out
            raise YearAloneError(
                f"“{said}” เป็นปีงบประมาณ ไม่ใช่ไตรมาส กรุณาระบุไตรมาสด้วย "
                f"เช่น 1/{alone} ถึง 4/{alone}",
                f"“{said}” is a fiscal year, not a quarter: please name the quarter too, "
                f"e.g. Q1 {alone} to Q4 {alone} (or 2/{alone})",
            )
        raise ThaiParseError(
            f"อ่านไตรมาสไม่ได้: “{said}” (รูปแบบที่รับได้: {_QUARTER_FORMS_TH})",
            f"“{said}” is not a quarter that can be read (forms taken: {_QUARTER_FORMS_EN})",
        )
    quarter = int(m.group("q"))
    if not 1 <= quarter <= 4:
        raise ThaiParseError(
            f"ไตรมาสต้องเป็น 1–4 (ได้รับ {quarter} จาก “{shorten(text.strip(), 40)}”)",
            f"quarter must be 1-4, got {quarter} in {shorten(text, 40)!r}",
        )
    year = m.group("yb") if "yb" in m.re.groupindex else m.group("y")
    return FiscalQuarter(_quarter_year_be(year), quarter)


#: A quarter named without its year, nothing else: "ไตรมาส 2", "ไตรมาสที่ ๒", "Q2", "quarter 2".
_QUARTER_ALONE_RE = lazy_pattern(rf"\s*{_QUARTER_WORD}\s*(?P<q>\d{{1,2}})\s*", re.IGNORECASE)


def latest_begun(quarter: int, current: FiscalQuarter) -> FiscalQuarter:
    """Quarter ``quarter`` (1-4) of the latest fiscal year in which it has begun.

    The one reading of a quarter named without its year, in ``/update`` and ``/summary``
    alike: "ไตรมาส 2" in quarter 1/2570 is 2/2569, in quarter 3/2570 it is 2/2570.
    """
    return FiscalQuarter(current.fiscal_year - (quarter > current.quarter), quarter)


def quarter_alone(text: str) -> int | None:
    """The quarter number of ``text`` when it is a quarter named without a year, else None.

    "ไตรมาส 2", "ไตรมาสที่ ๒", "Q2", "quarter two" → 2; "2/2566", "ไตรมาส 2 ปี 66",
    "ไตรมาส 5" → None (a year named, or no quarter).
    """
    m = _QUARTER_ALONE_RE().fullmatch(_quarter_body(text))
    if m is None or not 1 <= int(m.group("q")) <= 4:
        return None
    return int(m.group("q"))


def find_quarter(text: str) -> FiscalQuarter | None:
    """Find the first named quarter *with a year* in free text ("... ไตรมาส 2/2566 ...").

    A keyword (ไตรมาส or Q) is required so that "ครั้งที่ 3/2566" is not read as a
    quarter, and a bare space before a year needs a 4-digit year so that
    "ไตรมาส 2 10 โครงการ" is not read as fiscal year 2510.
    """
    body = quarter_words(_scan(_require_str(text, "ข้อความ")).text)
    found = sorted([*_FIND_QUARTER_RE().finditer(body),
                    *_FIND_QUARTER_YEAR_FIRST_RE().finditer(body)], key=lambda m: m.start())
    for m in found:
        quarter = int(m.group("q"))
        if not 1 <= quarter <= 4:
            continue
        try:
            year = _quarter_year_be(m.group("yb") if "yb" in m.re.groupindex
                                    else m.group("y") or m.group("y4"))
        except ThaiParseError:
            continue
        return FiscalQuarter(year, quarter)
    return None


_ANY_QUARTER_NUMBER_RE = re.compile(rf"{_QUARTER_WORD}\s*(?P<q>-?\d{{1,6}})(?!\d)", re.IGNORECASE)


def quarter_numbers(text: str) -> list[int]:
    """Every quarter number ``text`` names after ไตรมาส/Q/quarter, possible or not.

    "ไตรมาส 5/2566" → [5], "Q2 FY2023" → [2], "ไตรมาส -1" → [-1]; Thai digits read.  The
    caller decides what a number outside 1-4 means (a question about it is answered
    that there is no such quarter).
    """
    body = quarter_words(_scan(_require_str(text, "ข้อความ")).text)
    return [int(m.group("q")) for m in _ANY_QUARTER_NUMBER_RE.finditer(body)]


def find_quarter_number(text: str) -> int | None:
    """Find a quarter number even without a year, e.g. "ไตรมาสที่ 2 (1 ม.ค. 66 - ...)".

    Report headers often give the year only through a date range, so callers can
    combine this with :func:`find_dates` to work out the fiscal year themselves.
    """
    body = quarter_words(_scan(_require_str(text, "ข้อความ")).text)
    for m in _FIND_QUARTER_NUMBER_RE().finditer(body):
        quarter = int(m.group("q"))
        if 1 <= quarter <= 4:
            return quarter
    return None


# ---------------------------------------------------------------------------
# Field-officer update messages
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class UpdateFields:
    """Structured fields pulled from a quick update like "เบิกจ่าย 2.5 ล้าน ระดับ 4".

    Values are kept exactly as given (even "ระดับ 7" or a negative amount) so the caller
    can reject them with a specific message instead of them silently disappearing.

    ``quarter``: a quarter named with its year.  ``quarter_number``: one named without a
    year ("ไตรมาส 2", "quarter 2"), for the caller to place in a fiscal year.
    ``quarter_error``: (Thai, English) reason when the quarter named cannot exist
    ("ไตรมาสที่ 5/2566", "Q2/3000"); the caller must refuse the text then, since
    filing it under another quarter would be a silent guess.
    """

    amount_baht: Decimal | None = None
    level: int | None = None
    percent: Decimal | None = None
    quarter: FiscalQuarter | None = None
    count: int | None = None
    quarter_number: int | None = None
    quarter_error: tuple[str, str] | None = None
    #: The amount disbursed is stated as a running total ("เบิกจ่ายสะสม", "รวมทั้งสิ้น",
    #: "cumulative", "to date"), not as this update's own payment: a summary must not
    #: add it to the amounts before it.
    cumulative: bool = False
    # What was said besides the values read: two readings are equal by their values.
    #: Every distinct value stated for a field, in order: more than one ("ระดับ 3 …
    #: ระดับ 5") is a question for the officer, never a silent choice of the first.
    levels: tuple[int, ...] = field(default=(), compare=False)
    percents: tuple[Decimal, ...] = field(default=(), compare=False)
    quarters: tuple[FiscalQuarter, ...] = field(default=(), compare=False)
    #: Every distinct amount the text states as disbursed (one payment each, in order):
    #: an amount no word gives another role (budget, target, remaining, running total).
    #: More than one ("เบิกจ่าย 100,000 บาท และ 50,000 บาท") is a question for the
    #: officer, never the first silently.
    amounts: tuple[Decimal, ...] = field(default=(), compare=False)
    #: Every distinct running total stated ("เบิกจ่ายสะสม 120,000 บาท"), in order.
    cumulative_amounts: tuple[Decimal, ...] = field(default=(), compare=False)
    #: Amounts in another currency than baht, as written ("1,000 ดอลลาร์", "$500"):
    #: never read as baht; the caller refuses the text.
    foreign: tuple[str, ...] = field(default=(), compare=False)
    #: Amounts whose role cannot be told: no word of their own, after an amount of another
    #: role and joined to it by more than "และ"/"กับ"/a comma ("ได้รับงบ 1 ล้านบาท และโอน
    #: แล้ว 2 แสนบาท"): not read as disbursed; the caller asks the officer.
    unclear_amounts: tuple[Decimal, ...] = field(default=(), compare=False)
    #: Percentages, levels and quarters whose role cannot be told, as written ("ร้อยละ
    #: 60" in "เป้าหมายร้อยละ 80 และอบรมร้อยละ 60", "80% target" after "achieved"): read
    #: into no field; the caller asks the officer.
    unclear_figures: tuple[str, ...] = field(default=(), compare=False)
    #: Percentages, levels, counts and quarters stated as a target, plan, expectation,
    #: deadline or remainder, as written ("เป้าหมายร้อยละ 80", "target level 5",
    #: "ตั้งเป้า 100 คน" gives "100 คน", "ภายในไตรมาส 4"): never read as achieved.
    planned: tuple[str, ...] = field(default=(), compare=False)
    #: Fields the text names without a value that can be read: ``"amount"`` (a
    #: disbursement word and neither an amount nor a percentage: "เบิกจ่ายแล้ว",
    #: "เบิกจ่าย 1e6"), ``"percent"`` ("ร้อยละ" or "%" and no number).  The caller asks.
    unread: tuple[str, ...] = field(default=(), compare=False)
    #: Every amount of baht the text states, whatever its role (a budget, a target, a
    #: payment), in order: for the caller to refuse one no project can have.
    stated_amounts: tuple[Decimal, ...] = field(default=(), compare=False)
    #: Amounts written with dots that may group thousands or mark decimals ("250.000
    #: บาท": 250 or 250,000?), as written (:func:`dotted_amounts`): never read; the caller
    #: asks which is meant.
    dotted: tuple[str, ...] = field(default=(), compare=False)


#: A bare number right after a disbursement cue is its amount ("เบิกจ่ายแล้ว 50000"),
#: unless it is a percentage or counts something ("ครั้ง", or any English word: "paid 12
#: workers").
_BARE_AFTER_CUE_RE = lazy_pattern(
    r"(?:\s*(?:จำนวน|ยอด|สะสม|รวม|ทั้งสิ้น|ทั้งหมด|ไป|แล้ว|:|a\s+total\s+of|total|of))*\s*"
    rf"(?P<sign>-|−)?\s*(?P<num>{_NUMBER})(?!\d|,\d|\.\d|\s*%|\s*เปอร์เซ็น|\s*per\s*cent"
    r"|\s*(?:โครงการ|กิจกรรม|ครั้ง|แห่ง|ราย|คน|ครัวเรือน|หมู่บ้าน|ชุมชน|[a-z])"
    # A magnitude word the amount did not take ("2 แสนกว่า"): no bare 2 baht.
    r"|\s*(?:พัน|หมื่น|แสน|ล้าน|ลบ|ล\.\s?บ\.|ลูกบาศก์))",
    re.IGNORECASE,
)
_LEVEL_RE = lazy_pattern(
    r"(?:ระดับ(?:ที่)?|(?<![a-z])level)\s*:?\s*(?P<sign>-|−)?(?P<num>\d+)(?![\d.])",
    re.IGNORECASE,
)
#: A percentage: its word before the number ("ร้อยละ 45", "Percent: 45", "percentage 45",
#: "เปอร์เซ็นต์ 45") or its sign or word after it ("45%", "45 percent").
_PERCENT_RE = lazy_pattern(
    r"(?:ร้อยละ|(?<![a-z])(?:percent(?:age)?|per\s*cent|pct)|เปอร์เซ็นต์|เปอร์เซนต์)\s*(?:[:=]\s*)?"
    r"(?P<s1>-|−)?\s*(?P<n1>\d+(?:\.\d+)?)(?![\d,])"
    r"|(?<![\dA-Za-z.,])(?P<s2>-|−)?(?P<n2>\d+(?:\.\d+)?)\s*"
    r"(?:%|เปอร์เซ็นต์|เปอร์เซนต์|per\s*cent\b|pct\b)",
    re.IGNORECASE,
)
#: A percentage named, with or without its number.
_PERCENT_WORD_RE = lazy_pattern(r"ร้อยละ|เปอร์เซ็น|เปอร์เซน|%|\bper\s*cent\b|\bpercent(?:age)?\b",
                              re.IGNORECASE)
_COUNT_RE = lazy_pattern(
    r"(?<![\dA-Za-z.,])(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?![\d,]|\.\d)\s*"
    r"(?:โครงการ|กิจกรรม|ครั้ง|แห่ง|ราย|คน|ครัวเรือน|หมู่บ้าน|ชุมชน|จังหวัด|อำเภอ|อปท"
    r"|(?:(?:new|more|local|rural|poor|elderly|young)\s+)?"
    r"(?:people|persons?|participants?|households?|families|family|villages?|communities"
    r"|community|projects?|activities|activity|times|places|sites?|schools?|farmers?"
    r"|volunteers?|beneficiaries|members?|students?|workers?|officers?|provinces?"
    r"|districts?|trainees?|residents?)\b)",
    re.IGNORECASE,
)
#: A quarter named in an update, valid or not: the keyword, its number, and a year
#: after "/", a year word ("ปีงบ", "FY", "of"), "-" with 2 or 4 digits, or a space
#: with 4 digits that are no amount or count ("Q2 2566", but not "ไตรมาส 2 1500 บาท").
_QUARTER_MENTION_RE = lazy_pattern(
    rf"(?:{_YEAR_FIRST})?{_QUARTER_WORD}\s*(?<!\d)(?P<q>\d{{1,6}})(?!\d)"
    rf"(?:\s*/\s*(?:{_YEAR_WORD}\s*)?(?P<y>\d{{1,6}})(?!\d)"
    rf"|\s*-\s*(?:{_YEAR_WORD}\s*)?(?P<yd>\d{{2}}|\d{{4}})(?!\d)"
    rf"|\s*,?\s*(?:of\s+)?{_YEAR_WORD}\s*(?P<yw>\d{{1,6}})(?!\d)"
    r"|\s*,?\s+(?:of\s+)?(?P<y4>\d{4})(?!\d|[,.]\d|\s*(?:บาท|ล้าน|แสน|หมื่น|พัน|baht|thb"
    r"|million|thousand|คน|ราย|แห่ง|ครั้ง|โครงการ|กิจกรรม|ครัวเรือน)))?",
    re.IGNORECASE,
)


#: A currency other than baht, by its name, code or sign.  "เหรียญ" alone counts medals,
#: so only "เหรียญสหรัฐ" is a dollar; "pound(s)" and "ปอนด์" are sterling here.  Thai names
#: count only after the number, and short ones only as whole words ("ผักดอง 50 ขวด",
#: "ขอวอน", "เรียลไทม์" are no money).
_FOREIGN_CODE = (
    r"(?<![a-z])(?:usd|us\$|eur|jpy|cny|rmb|gbp|sgd|hkd|aud|krw|myr|inr|chf|vnd|lak|mmk)"
    r"(?![a-z])|[$€¥£₩₹₫]"
)
_FOREIGN_AFTER = (
    r"(?:ดอลล(?:า|่า)ร์|เหรียญ\s*(?:สหรัฐ|ดอลล(?:า|่า)ร์)|ยูเอส\s*ดอลล(?:า|่า)ร์|ยูโร|หยวน"
    r"|เหรินหมินปี้|ปอนด์|ริงกิต|รูปี|ฟรังก์|(?:เยน|วอน|ดอง|กีบ|จ๊าด|เรียล)"
    r"(?:\s*(?:ญี่ปุ่น|เกาหลี(?:ใต้)?|เวียดนาม|ลาว|สปป\.?\s*ลาว|พม่า|เมียนมา|กัมพูชา))?(?![ก-ฮ])"
    r"|(?<![a-z])(?:(?:us|american|singapore|hong\s*kong|australian)\s+)?dollars?(?![a-z])"
    r"|(?<![a-z])(?:euros?|yen|yuan|renminbi|pounds?(?:\s+sterling)?|won|ringgit|rupees?"
    r"|francs?)(?![a-z])"
    rf"|{_FOREIGN_CODE})"
)
_FOREIGN_MONEY_RE = lazy_pattern(
    rf"(?<![\dA-Za-z.,])(?:{_FOREIGN_CODE})\s*-?\s*\d[\d,]*(?:\.\d+)?"
    r"(?:\s*(?:พัน|หมื่น|แสน|ล้าน|million|thousand|billion|k\b|m\b|bn\b))*"
    rf"|(?<![\dA-Za-z.,])\d[\d,]*(?:\.\d+)?"
    r"(?:\s*(?:พัน|หมื่น|แสน|ล้าน|million|thousand|billion|k\b|m\b|bn\b))*"
    rf"\s*{_FOREIGN_AFTER}",
    re.IGNORECASE,
)


def quarter_mentions(text: str) -> list[str]:
    """Every quarter an update's ``text`` names, as written ("Q2 2023", "ไตรมาส 2/2566").

    For a note on how a year in one was read (a Common Era year is read as the fiscal
    year it gives: "Q2 2023" is 2/2566).
    """
    scan_text = quarter_words(_scan(_require_str(text, "ข้อความ")).text)
    return [" ".join(m.group().split()) for m in _QUARTER_MENTION_RE().finditer(scan_text)]


def _foreign_money(scan_text: str) -> list[re.Match[str]]:
    """Amounts written in another currency than baht ("1,000 ดอลลาร์", "$500", "EUR 20")."""
    return list(_FOREIGN_MONEY_RE().finditer(scan_text))


class _Amount(NamedTuple):
    """An amount in the scan text: its value (baht) and its span."""

    value: Decimal
    start: int
    end: int


def _amount_candidates(scan_text: str) -> list[_Amount]:
    """Every amount in the text, in order.

    That is money with a Thai or English unit (:func:`find_money`), and bare numbers right after a
    disbursement word ("เบิกจ่ายแล้ว 50000").
    """
    found = [_Amount(mm.amount, mm.start, mm.end) for mm in find_money(scan_text)]
    for cue in MONEY_CUES.pattern().finditer(scan_text):
        if cue.group("done") is None:
            continue
        bare = _BARE_AFTER_CUE_RE().match(scan_text, cue.end())
        if bare is None or any(a.start <= bare.start("num") < a.end for a in found):
            continue
        raw = bare.group("num").replace(",", "")
        if sum(c.isdigit() for c in raw) > _MAX_AMOUNT_DIGITS:
            continue
        value = Decimal(raw)
        found.append(_Amount(-value if bare.group("sign") else value,
                             bare.start("num"), bare.end("num")))
    foreign = _foreign_money(scan_text)
    # An amount in dollars or yen is no baht, whatever unit word follows it.
    found = [a for a in found
             if not any(f.start() < a.end and a.start < f.end() for f in foreign)]
    return sorted(found, key=lambda a: a.start)


#: Words that make an amount disbursed a running total rather than one payment: before it
#: ("เบิกจ่ายสะสม", "ยอดเบิกจ่ายรวม", "เบิกจ่ายทั้งหมด", "cumulative disbursement",
#: "total spent") or right after it ("50,000 บาท (สะสม)", "40,000 baht to date").
#: "รวบรวม" (to gather) and "ร่วม" are no total.
_CUMULATIVE_WORDS = (
    r"สะสม|(?<!รวบ)รวม(?!กลุ่ม|ตัว)|ทั้งหมด|ทั้งสิ้น|ถึงปัจจุบัน|จนถึง(?:ขณะนี้|ปัจจุบัน|วันนี้)"
    r"|\b(?:cumulative(?:ly)?|total|overall|to\s+date|so\s+far|in\s+all|altogether)\b"
)
_CUMULATIVE_BEFORE_RE = lazy_pattern(_CUMULATIVE_WORDS, re.IGNORECASE)
_CUMULATIVE_AFTER_RE = lazy_pattern(rf"\s*[(\[]?\s*(?:{_CUMULATIVE_WORDS})", re.IGNORECASE)
_NEXT_NUMBER_RE = lazy_pattern(r"\s*(\d)")
#: How far before its disbursement cue a cumulative word may stand ("ยอดสะสมการเบิกจ่าย").
_CUMULATIVE_LEAD = 16


class _Disbursed(NamedTuple):
    """The amount disbursed and whether it is stated as a running total."""

    value: Decimal | None
    cumulative: bool = False
    #: Every distinct payment the text states as disbursed, in order (see
    #: :attr:`UpdateFields.amounts`), and every distinct running total.
    payments: tuple[Decimal, ...] = ()
    totals: tuple[Decimal, ...] = ()
    #: Amounts whose role cannot be told (see :func:`_extract_disbursed`), in order.
    unclear: tuple[Decimal, ...] = ()


def _is_cumulative(scan_text: str, amount: _Amount, lead_start: int) -> bool:
    """Whether a cumulative word stands from ``lead_start`` to the amount, or right after it.

    A word that totals another number ("รวม 3 โครงการ") is about that number, not the
    amount.
    """
    for m in _CUMULATIVE_BEFORE_RE().finditer(scan_text, lead_start, amount.start):
        number = _NEXT_NUMBER_RE().match(scan_text, m.end())
        if number is None or number.start(1) >= amount.start:
            return True
    after = _CUMULATIVE_AFTER_RE().match(scan_text, amount.end)
    return after is not None and _NEXT_NUMBER_RE().match(scan_text, after.end()) is None


class _Figures(NamedTuple):
    """Every figure an update's text states, each with its role (:mod:`knowledge.figure_roles`)."""

    amounts: list[tuple[_Amount, Role]]
    levels: list[tuple[re.Match[str], Role]]
    percents: list[tuple[re.Match[str], Role]]
    counts: list[tuple[re.Match[str], Role]]
    quarters: list[tuple[re.Match[str], Role]]


def _figures(text: str) -> _Figures:
    """Every amount, level, percentage, count and quarter in ``text``, judged together.

    One judgement (:func:`knowledge.figure_roles.judge_roles`) for all of them: a cue
    belongs to the next figure of whatever kind, and a figure joined to the one before
    takes its role ("เป้าหมายร้อยละ 80 และระดับ 5").
    """
    amounts = _amount_candidates(text)
    matches = [list(r().finditer(text)) for r in (_LEVEL_RE, _PERCENT_RE, _COUNT_RE,
                                                   _QUARTER_MENTION_RE)]
    figures = [Figure(a.start, a.end, MONEY_CUES) for a in amounts]
    for found in matches:
        figures.extend(Figure(m.start(), m.end(), PROGRESS_CUES) for m in found)
    roles = iter(judge_roles(text, figures))
    judged_amounts = [(a, next(roles)) for a in amounts]
    levels, percents, counts, quarters = ([(m, next(roles)) for m in found] for found in matches)
    return _Figures(judged_amounts, levels, percents, counts, quarters)


def _done(role: Role) -> bool:
    """Whether a figure of this role is what was done (a free figure is)."""
    return role.kind in (None, DONE)


def _extract_disbursed(judged: Sequence[tuple[_Amount, Role]], scan_text: str) -> _Disbursed:
    """The amount disbursed: the first one a disbursement word leads to, else the first free.

    Each amount's role is judged as every figure's is (:func:`knowledge.figure_roles.
    judge_roles`, with :data:`knowledge.figure_roles.MONEY_CUES`): a disbursement word
    makes it the amount paid; a target, plan, budget, allocation, remainder or
    "จาก"/"out of" makes it no disbursement at all, so "เป้าหมายการเบิกจ่าย 900,000 บาท
    เบิกจ่ายได้ 100,000 บาท" is 100,000, "วงเงิน 900,000 บาท" alone is none, and
    "คาดว่าจะเบิกจ่าย 200,000 บาท" is none.  An amount joined to the one before by a
    joiner alone takes its role, running total or not ("ได้รับงบ 1 ล้านบาท และ 2 แสนบาท"
    states no disbursement); one whose role cannot be told ("งบ 1 ล้านบาท และโอนแล้ว 2
    แสนบาท") is none of the amounts disbursed, and is returned in
    :attr:`_Disbursed.unclear` for the caller to ask about.

    The amount is cumulative when a cumulative word (:data:`_CUMULATIVE_WORDS`) stands
    between its cue (or a few characters before it) and the amount, or right after it.
    """
    neutral: _Disbursed | None = None
    paid: _Disbursed | None = None
    payments: dict[Decimal, Decimal] = {}  # by value ("1.2 ล้าน" is 1,200,000): as written
    totals: dict[Decimal, Decimal] = {}
    unclear: dict[Decimal, Decimal] = {}
    before_cumulative = False  # whether the amount before was a running total
    for amount, role in judged:
        if not _done(role):
            if role.kind == UNCLEAR:
                unclear.setdefault(amount.value.normalize(), amount.value)
            before_cumulative = False
            continue
        lead = (max(role.window_start, role.cue_start - _CUMULATIVE_LEAD)
                if role.kind == DONE and role.cue_start is not None else role.window_start)
        cumulative = (role.inherited and before_cumulative) or _is_cumulative(
            scan_text, amount, lead)
        before_cumulative = cumulative
        read = _Disbursed(amount.value, cumulative)
        (totals if read.cumulative else payments).setdefault(amount.value.normalize(),
                                                             amount.value)
        if role.kind == DONE and paid is None:
            paid = read
        if role.kind is None and neutral is None:
            neutral = read
    chosen = paid or neutral or _Disbursed(None)
    return chosen._replace(payments=tuple(payments.values()), totals=tuple(totals.values()),
                           unclear=tuple(unclear.values()))


@lru_cache(maxsize=4096)
def states_cumulative(text: str) -> bool:
    """Whether the amount disbursed in an update's ``text`` is a running total.

    Never raises: text that cannot be read states nothing cumulative.  Cached: a
    serving process's summaries read the same stored updates again (about 60 µs a text).
    """
    try:
        scan_text = _scan(_require_str(text, "ข้อความ")).text
        return _extract_disbursed(_figures(scan_text).amounts, scan_text).cumulative
    except (ThaiParseError, ArithmeticError, ValueError):
        return False


def _quarter_fields(judged: Sequence[tuple[re.Match[str], Role]]
                    ) -> tuple[FiscalQuarter | None, int | None, tuple[str, str] | None]:
    """(quarter with year, quarter number without year, error) named in an update.

    ``judged``: the quarters the text names (:data:`_QUARTER_MENTION_RE`) with their
    roles.  The first quarter done in (free, or after a word of work done) named with
    its year wins, else the first without; a quarter that is a target or deadline
    ("ภายในไตรมาส 4", "คาดว่าจะแล้วเสร็จไตรมาส 3/2566") is not the quarter the update
    reports on.  Any quarter named that cannot exist (number not 1-4, year unreadable or
    out of range) is an error, whichever comes first and whatever its role.
    """
    with_year: FiscalQuarter | None = None
    number: int | None = None
    for m, role in judged:
        said = m.string[m.start():m.end()].strip()
        q = int(m.group("q"))
        if not 1 <= q <= 4:
            return None, None, (f"ไม่มีไตรมาสที่ {q} (“{said}”): ปีงบประมาณมี 4 ไตรมาส คือ 1–4",
                                f"there is no quarter {q} (“{said}”): a fiscal year has "
                                "quarters 1-4")
        after = m.group("y") or m.group("yd") or m.group("yw") or m.group("y4")
        raw_year = m.group("yb") or after
        if raw_year is None:
            number = number or (q if _done(role) else None)
            continue
        try:
            year = _quarter_year_be(raw_year)
            if m.group("yb") and after and not m.group("y4") and _quarter_year_be(after) != year:
                # "ปีงบ 2566 ไตรมาส 2/2567": which year is meant is not ours to pick.
                return None, None, (f"“{said}” ระบุปีงบประมาณสองปี กรุณาระบุปีเดียว เช่น ไตรมาส {q}/{year}",
                                    f"“{said}” names two fiscal years; give one, e.g. Q{q} {year}")
        except ThaiParseError as exc:
            if m.group("y4") and not m.group("yb"):  # "ไตรมาส 2 1500 ...": a bare number
                number = number or (q if _done(role) else None)
                continue
            return None, None, (f"ปีงบประมาณของ “{said}” ไม่ถูกต้อง: {exc.thai}",
                                f"the fiscal year of “{said}” is wrong: {exc.english}")
        if _done(role):
            with_year = with_year or FiscalQuarter(year, q)
    return with_year, (None if with_year else number), None


def _named_quarters(judged: Sequence[tuple[re.Match[str], Role]]) -> tuple[FiscalQuarter, ...]:
    """Every distinct quarter done in that an update names with its year, in order."""
    found: list[FiscalQuarter] = []
    for m, role in judged:
        raw_year = m.group("yb") or m.group("y") or m.group("yd") or m.group("yw") or m.group("y4")
        if raw_year is None or not 1 <= int(m.group("q")) <= 4 or not _done(role):
            continue
        try:
            found.append(FiscalQuarter(_quarter_year_be(raw_year), int(m.group("q"))))
        except ThaiParseError:
            continue
    return tuple(dict.fromkeys(found))


_SATANG = Decimal("0.01")


def _as_written(m: re.Match[str]) -> str:
    """A figure as the officer wrote it, spaces folded ("ร้อยละ 80", "ระดับ 5")."""
    return " ".join(m.group().split())


def extract_update_fields(text: str) -> UpdateFields:
    """Extract amount, level, percent, quarter and count from a field officer's message.

    Officers type terse messages in mixed Thai/Arabic digits, or in English ("disbursed
    40,000 baht, level 3, Q2 2566"); every field is optional and absent fields are None
    so the bot can ask a follow-up question for them.  Every figure is judged for its
    role the same way (:mod:`knowledge.figure_roles`): only what was done is read into
    a field; a target or plan ("เป้าหมายร้อยละ 80", "target level 5", "ตั้งเป้า 100 คน")
    is in :attr:`UpdateFields.planned`, a figure of unclear role in
    :attr:`UpdateFields.unclear_figures` (or :attr:`UpdateFields.unclear_amounts`).
    """
    scan_text = _scan(_require_str(text, "ข้อความ")).text
    figures = _figures(scan_text)
    levels = tuple(dict.fromkeys(
        _to_int(m.group("num"), "ระดับ", "level") * (-1 if m.group("sign") else 1)
        for m, role in figures.levels if _done(role)))
    level = levels[0] if levels else None
    percents_found = []
    for pm, role in figures.percents:
        if not _done(role):
            continue
        which = "1" if pm.group("n1") is not None else "2"
        value = Decimal(pm.group("n" + which))
        percents_found.append(-value if pm.group("s" + which) else value)
    percents = tuple(dict.fromkeys(p.normalize() for p in percents_found))
    percent = percents_found[0] if percents_found else None
    count = next((_to_int(m.group("num"), "จำนวน", "count")
                  for m, role in figures.counts if _done(role)), None)
    quarter_text = quarter_words(scan_text)  # "quarter two": read as "quarter 2"
    quarter_figures = figures if quarter_text == scan_text else _figures(quarter_text)
    quarter, quarter_number, quarter_error = _quarter_fields(quarter_figures.quarters)
    quarters = _named_quarters(quarter_figures.quarters) if quarter is not None else ()
    dotted = tuple(dotted_amounts(scan_text))
    disbursed = _extract_disbursed(figures.amounts, scan_text)
    if dotted:  # "250.000 บาท": neither 250 nor 250,000 is ours to pick
        disbursed = _Disbursed(None)
    if disbursed.value is not None and disbursed.value != disbursed.value.quantize(_SATANG):
        # "12.345 บาท": a baht has 100 satang; rounded, a typed "12,345" would be saved as
        # 12.35 without a word.  Unread, so the officer is asked to write it in full.
        disbursed = _Disbursed(None, payments=disbursed.payments, totals=disbursed.totals,
                               unclear=disbursed.unclear)
    foreign = tuple(dict.fromkeys(" ".join(m.group().split())
                                  for m in _foreign_money(scan_text)))
    progress = [*figures.percents, *figures.levels, *quarter_figures.quarters]
    unclear_figures = tuple(dict.fromkeys(_as_written(m) for m, role in progress
                                          if role.kind == UNCLEAR))
    planned = tuple(dict.fromkeys(
        _as_written(m) for m, role in sorted([*progress, *figures.counts],
                                             key=lambda mr: mr[0].start())
        if role.kind not in (None, DONE, UNCLEAR)))
    unread = []
    if (disbursed.value is None and not figures.percents and not dotted
            and any(c.group("done") for c in MONEY_CUES.pattern().finditer(scan_text))):
        unread.append("amount")
    if not figures.percents and _PERCENT_WORD_RE().search(scan_text):
        unread.append("percent")
    return UpdateFields(
        stated_amounts=tuple(a.value for a, _role in figures.amounts),
        amount_baht=disbursed.value,
        cumulative=disbursed.cumulative,
        level=level,
        percent=percent,
        quarter=quarter,
        count=count,
        quarter_number=quarter_number,
        quarter_error=quarter_error,
        levels=levels,
        percents=percents,
        quarters=quarters,
        amounts=disbursed.payments,
        cumulative_amounts=disbursed.totals,
        foreign=foreign,
        unclear_amounts=disbursed.unclear,
        unclear_figures=unclear_figures,
        planned=planned,
        unread=tuple(unread),
        dotted=dotted,
    )
