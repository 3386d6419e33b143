"""The reply: the answer itself, then the shortest clause that supports it.

``9,684,500 บาท — โครงการ ... งบประมาณ 9,684,500 บาท ...``: a chat user reads the first
line on a phone, so the value comes first; the clause after the dash lets them judge
it, and is cut only between words.
"""

from __future__ import annotations

import re

from bot.answering.number_label import labelled_lead
from bot.answering.question import COUNT_UNITS
from bot.answering.rate_lead import rate_lead
from bot.answering.scale_typo import without_scale_typo
from indexer.tokenize import is_abbreviation, word_at, word_spans
from knowledge.textcut import longer_word_end, shorten
from knowledge.thai import THAI_WORD_START

__all__ = [
    "QUALIFIERS", "asked_noun", "compose_reply", "evidence_reply", "lead_text", "number_qualifier",
    "shorten_words",
]

#: Characters of the clause shown before the answer inside it (its subject).  Short: the
#: words after a value explain it more often than those before, and a reply is read
#: in its first hundred characters (iapp-wiki-qa valid answer@100 0.56 with 60, ...).
LEAD_IN = 30
#: Punctuation trimmed from the ends of a value shown alone.
_TRIM = " \t\n,.;:()[]\"“”«»'-–—"
# A Thai letter and its full stop after a dot, a digit, a space or the start ("น.",
# "ก.ค."): an abbreviation, whether or not the index lists it.
_LETTER_DOT_END = re.compile(r"(?:^|[\s\d.])[\u0e01-\u0e2e][\u0e30-\u0e4e]?\.$")


def shorten_words(text: str, limit: int) -> str:
    """``text`` stripped and cut between words to at most ``limit`` characters (with "…").

    :func:`knowledge.textcut.shorten`, the project's one shortening function (never
    inside a grapheme cluster, Thai cut at a word boundary); never raises.
    """
    return shorten(text.strip(), max(0, limit))


def asked_noun(question: str) -> str | None:
    """The noun an English "how many" question counts ("waste banks"), or None."""
    from bot.answering.english import counted_noun

    return counted_noun(question)


def lead_text(value: str, kind: str, english: bool, question: str = "") -> str:
    """The value as it leads the reply (an English rendering for English questions).

    An English count is given in the question's own noun where the Thai text counts
    with a classifier the question asks for ("14,658 แห่ง" for "How many waste banks"
    -> "14,658 waste banks"; :func:`bot.answering.english.count_lead`).
    """
    # "151,175 แสนราย" (a typo'd scale) leads as "151,175 ราย", never 15 billion.
    spaced = " ".join(without_scale_typo(value).split())
    value = spaced.strip(_TRIM) or value.strip()
    if value.count("(") > value.count(")") and spaced.endswith(")"):
        value += ")"  # "ภาษาโอ๊ก (Oak)": a gloss keeps its closing bracket
    last = spaced.rsplit(" ", 1)[-1]
    if kind == "place" and re.match(rf"ณ(?:\s+\S|[{THAI_WORD_START}])", value):
        value = value[1:].lstrip()  # "ณ ศูนย์การประชุม...": the venue is the name after "at"
    if spaced.startswith(value) and spaced.endswith(".") and (
            _LETTER_DOT_END.search(spaced) or is_abbreviation(last)):
        value += "."  # "15.00 น.", "ส.ค.", "อปท.": the full stop is the abbreviation's
    if english:
        try:
            from bot.answering.english import count_lead, english_lead
        except ImportError:  # pragma: no cover - the English module ships with the package
            return value
        # "จำนวน 86,000 แปลง" read as a phrase is a count all the same: the English lead
        # drops the Thai "จำนวน" (number of) and renders the unit, whatever the kind.
        counted_value = _COUNT_OPENING.sub("", value)
        if counted_value != value or (kind not in ("count", "number")
                                      and _NUMBER_AND_UNIT.fullmatch(value)):
            value, kind = counted_value, ("count" if kind in ("text", "title") else kind)
        # "กว่า 3,884.21 ล้านเหรียญสหรัฐ": the qualifier in English before the value's
        # rendering ("more than 3,884.21 million US dollars"), never dropped.
        qualifier, bare = "", value
        m = _THAI_QUALIFIER.match(value)
        if m:
            qualifier, bare = QUALIFIERS[m.group("q")] + " ", value[m.end():]
        counted = count_lead(bare, question) if kind in ("count", "number") else None
        if counted:
            return qualifier + counted
        rendered = english_lead(bare, kind)
        if rendered:
            return qualifier + rendered
    return value


#: A Thai word before a number that says "the number of" / "in all" ("จำนวน 86,000
#: แปลง"): no part of an English lead.
_COUNT_OPENING = re.compile(r"^(?:จำนวน(?:ทั้งสิ้น|รวม)?|รวมทั้งสิ้น|รวม|ทั้งสิ้น)\s*(?=[\d๐-๙])")
#: A number and a Thai unit word, and nothing else ("86,000 แปลง").
_NUMBER_AND_UNIT = re.compile(r"[\d๐-๙][\d๐-๙,]*(?:\.[\d๐-๙]+)?\s*[\u0e01-\u0e4e.]+")


#: Words the text writes just before a number that qualify it ("กว่า 2,000 จุด": more
#: than 2,000), with their English: the value is the number with its qualifier, never
#: the bare number, which would state more than the document does.
QUALIFIERS = {
    "กว่า": "more than", "มากกว่า": "more than", "เกิน": "over", "เกินกว่า": "over",
    "ประมาณ": "about", "ราว": "about", "ราวๆ": "about", "ราว ๆ": "about", "เกือบ": "almost",
    "อย่างน้อย": "at least", "ไม่ต่ำกว่า": "at least", "ไม่น้อยกว่า": "at least",
    "ไม่เกิน": "at most", "ไม่ถึง": "under", "ต่ำกว่า": "under", "น้อยกว่า": "less than",
    "เฉลี่ย": "an average of", "about": "about", "over": "over", "nearly": "nearly",
    "almost": "almost",
}
#: A Thai qualifier that opens a value before its number ("กว่า 2,000 จุด").
_THAI_QUALIFIER = re.compile(
    "^(?P<q>" + "|".join(sorted((re.escape(q) for q in QUALIFIERS if not q.isascii()),
                                key=len, reverse=True)) + r")\s*(?=[\d๐-๙])")
#: Candidate kinds whose value is a number.
NUMERIC_KINDS = frozenset({"money", "count", "percent", "number"})


_OPENS_WITH_DIGIT = re.compile(r"\d")


def number_qualifier(text: str, start: int) -> str | None:
    """The qualifier written right before the number at ``text[start]`` ("กว่า"), or None.

    A qualifier is one to three whole words (by the segmenter; "งบประมาณ" is no
    "ประมาณ") joined, that are a key of :data:`QUALIFIERS`, with only spaces between them
    and the number.
    """
    before = text[max(0, start - 24):start]
    stripped = before.rstrip()
    spans = [(a, b) for a, b in word_spans(before) if b <= len(stripped)]
    if not spans or spans[-1][1] != len(stripped):
        return None
    for n in (3, 2, 1):
        if len(spans) >= n:
            word = stripped[spans[-n][0]:]
            if word.casefold() in QUALIFIERS:
                return word
    return None


def _clause_start(text: str, start: int) -> int:
    """Where the supporting clause opens: a word start up to :data:`LEAD_IN` before ``start``.

    After the last line break or full stop in that span, at the last opening
    parenthesis or quote mark (a quote that opens the value itself is shown with it),
    else at the first word that starts in the span (after a space that leaves words
    before the value, else by segmentation: Thai runs without spaces).  The value is
    shown with the words before it ("…ทั่วประเทศกว่า 2,000 จุด"), not repeated alone.
    """
    if start <= LEAD_IN:
        return 0
    lo = start - LEAD_IN
    for hard in ("\n", ". ", "(", "“", "\""):
        k = text.rfind(hard, lo, start)
        if k == -1:
            continue
        if hard in ("(", "“") or k == start - 1:
            return k
        if k + len(hard) < start:
            return k + len(hard)
    k = text.find(" ", lo, start)
    if k != -1 and text[k + 1:start].strip():
        return k + 1
    return min(start, _segmented_word_start(text, lo))


#: Characters of the clause around the value; the rest of the reply shows where the
#: question's words stand, when that is earlier in the text.
CLAUSE_CHARS = 130
#: Characters shown before the question's words in that second part.
CONTEXT_LEAD = 30


def _word_start(text: str, pos: int, limit: int) -> int:
    """``pos`` moved forward to the start of a word (after a space, else by segmentation)."""
    if pos <= 0:
        return 0
    k = text.find(" ", pos, limit)
    if k != -1:
        return k + 1
    return _segmented_word_start(text, pos)


def _segmented_word_start(text: str, pos: int) -> int:
    """The first word start at or after ``pos``, by the segmenter (``pos`` if none is near)."""
    lo = max(0, pos - 40)
    for a, _ in word_spans(text[lo:pos + 40]):
        if a + lo >= pos:
            return a + lo
    return pos


#: Characters of a second excerpt that, found in the first, make it a repetition.
REPEAT_CHARS = 30


def _repeats(first: str, second: str) -> bool:
    """Whether ``second`` opens with text ``first`` already shows (spaces and "…" aside).

    A passage's text holds its neighbours' edges, so the question's words in another
    passage may stand in the very sentence the clause quotes: shown twice, it wastes
    the reply's room (a tester: "3,140 ตัน — …จำนวน 3,140 ตัน… … ธนาคารกสิกรไทย จำนวน
    3,140 ตัน…").
    """
    a = "".join(first.replace("…", " ").split())
    b = "".join(second.replace("…", " ").split())[:REPEAT_CHARS]
    return len(b) >= 10 and b in a


def whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` widened to whole words: a span never opens or ends inside one.

    A value's span may end inside a Thai word (a tester read "กว่า 8 ประ" for "กว่า 8
    ประเภทภัย"); the lead shows the whole word instead.  Words are the segmenter's
    (:func:`indexer.tokenize.word_at`), spaces and punctuation ending them.
    """
    if 0 < end < len(text) and not text[start:end].endswith(COUNT_UNITS) \
            and (inside := word_at(text, end)) is not None:
        # (A count's unit the segmenter glued to the word after it, "15 จังหวัด|นำร่อง"
        # as one word, ends the value: the unit is what the reply renders, in English too.)
        end = inside[1]
    if 0 < end < len(text):
        # A boundary the segmenter put inside a longer dictionary word ("ประ|เภทภัย"
        # read for "ประเภท|ภัย"): the whole of that word.
        lo = max(0, end - 40)
        first = next((a + lo for a, b in word_spans(text[lo:end]) if b + lo == end), None)
        if first is not None and (longer := longer_word_end(text, first, end)) > end \
                and not _token_end(text, end, longer):
            end = longer
    if 0 < start < len(text) and (inside := word_at(text, start)) is not None:
        start = inside[0]
    return start, end


def _token_end(text: str, start: int, at: int) -> bool:
    """Whether the segmenter ends a word at ``at`` in the words from ``start``.

    "15 จังหวัด|นำร่อง": the dictionary's "จังหวัดนำร่อง" ends where the segmenter's
    "นำร่อง" does; the value "15 จังหวัด" ends on a whole word and is not widened (only
    a word the segmenter cut across, "ประ|เภทภัย", is).
    """
    return any(b + start == at for _, b in word_spans(text[start:at + 40]))


def compose_reply(text: str, start: int, end: int, *, kind: str, english: bool,
                  budget: int, question: str = "", context: int = -1,
                  other: tuple[str, int] | None = None, year: int | None = None,
                  value: str | None = None) -> str:
    """``value — clause … context``: the answer ``text[start:end]`` first, then its evidence.

    ``year``: a Buddhist-era year the value (a day and month) leaves out and the
    document states elsewhere or by its date: the lead writes it ("5 มีนาคม 2563").

    The clause opens at most :data:`LEAD_IN` characters before the value.  When the
    question's words (``context``: where their densest cluster starts) stand earlier in
    the text, the rest of the budget shows them, after " … ": the value often
    answers a sentence that began there.  Measured on the iapp-wiki-qa validation
    questions with the trained model (answer within 100 / 300 characters): the clause
    alone 0.577 / 0.704; the clause and the context 0.577 / 0.770; the context alone,
    as the earlier window composer did, 0.482 / 0.806.  ``other`` (a text and the
    start of its question words) is shown there instead when the best passage for the
    question is not the one the value comes from.  At most ``budget`` characters, cut
    between words.  ``value``: the lead when the answer is several spans (people
    listed), the clause still opening before ``text[start:end]``.
    """
    start, end = whole_words(text, start, end)
    if value is not None:
        lead = value
    else:
        shown = text[start:end] if year is None else f"{text[start:end].rstrip()} {year}"
        lead = lead_text(shown, kind, english, question)
        if not english:
            # "รัฐบาลอุดหนุน 78.12 บาทต่อไร่": a rate leads with its unit, never as a total.
            lead = rate_lead(lead, text, start, end)
    # Whatever kind the value was read as: "กว่า 11 ล้านเม็ด" read as a phrase ("เม็ด" is no
    # unit of a typed count) is still more than 11 million.
    qualifier = (number_qualifier(text, start)
                 if kind in NUMERIC_KINDS or _OPENS_WITH_DIGIT.match(text, start) else None)
    if qualifier is not None:
        lead = f"{QUALIFIERS[qualifier.casefold()] if english else qualifier} {lead}"
    elif not english and value is None:
        # "ตามมาตรา 153 ของรัฐธรรมนูญ": the number leads with its label ("มาตรา 153").
        lead = labelled_lead(lead, text, start, question)
    lead = shorten_words(lead, max(20, budget // 3))
    cs = _clause_start(text, start)
    head = "…" if cs > 0 else ""
    room = budget - len(lead) - 3 - len(head)
    whole = " ".join(text[cs:].split())
    ctx = max(0, context - CONTEXT_LEAD) if context >= 0 else cs
    if other is not None and other[1] >= 0 and room > CLAUSE_CHARS + 40:
        clause = shorten_words(whole, CLAUSE_CHARS).rstrip("…")
        o_text, o_at = other
        o_at = _word_start(o_text, max(0, o_at - CONTEXT_LEAD), o_at)
        rest = budget - len(lead) - 3 - len(head) - len(clause) - 3
        elsewhere = shorten_words(" ".join(o_text[o_at:].split()), rest)
        if elsewhere and elsewhere != "…" and not _repeats(clause, elsewhere):
            return f"{lead} — {head}{clause} … {elsewhere}"
    if ctx < cs - 20 and room > CLAUSE_CHARS + 40:
        clause = shorten_words(whole, CLAUSE_CHARS).rstrip("…")
        ctx = _word_start(text, ctx, cs)
        rest = budget - len(lead) - 3 - len(head) - len(clause) - 3
        # Up to where the clause opens, so that the clause is not quoted twice (a
        # tester read "…จำนวน 3,140 ตัน… … จากธนาคารกสิกรไทย จำนวน 3,140 ตัน…"); the
        # room it leaves goes to the clause.
        earlier = shorten_words(" ".join(text[ctx:cs].split()), rest)
        if earlier and earlier != "…":
            longer = room - 3 - len(earlier)
            if longer > len(clause):
                clause = shorten_words(whole, longer).rstrip("…")
            return f"{lead} — {head}{clause} … {earlier}"
    clause = shorten_words(whole, max(room, 0))
    if not clause or clause == "…":
        return lead
    return f"{lead} — {head}{clause}"


#: How a reply to a yes-or-no question opens: what the documents say, for the user to judge.
EVIDENCE_LEAD = {"th": "เอกสารระบุว่า: ", "en": "The documents say: "}


def evidence_reply(text: str, at: int, *, english: bool, budget: int) -> str:
    """The reply to a yes-or-no question: what ``text`` says where its words stand at ``at``.

    A "yes" or "no" of our own under a real citation would be a guess; the clause that
    holds the question's words lets the reader judge it.  ``"เอกสารระบุว่า: …clause…"``,
    at most ``budget`` characters, cut between words.
    """
    prefix = EVIDENCE_LEAD["en" if english else "th"]
    start = _clause_start(text, max(0, at))
    head = "…" if start > 0 else ""
    body = shorten_words(" ".join(text[start:].split()), budget - len(prefix) - len(head))
    return f"{prefix}{head}{body}"
