r"""Shortening and splitting text for people to read: never mid-word, never mid-character.

Thai has no spaces between words, and a vowel or tone mark above or below a consonant
is a character of its own: ``text[:n]`` can leave "…งยืน" or a second message that
begins with a bare "ี่".  Every view and adapter that shortens text (chat replies,
buttons, listings, message splitting) goes through this module, so the rule is kept
in one place:

* a cut falls on an extended grapheme cluster boundary (Unicode UAX #29, the
  ``regex`` module's ``\X`` pattern), so a mark never leaves its base and an emoji sequence
  stays whole;
* and, where the text allows, on a word boundary from PyThaiNLP's dictionary
  segmenter (``newmm``), which also knows where English words and spaces end;
* only a single "word" longer than the whole limit (a URL, a long number) is cut
  inside, at a grapheme boundary that does not follow a Thai leading vowel.

Lengths are code points by default; pass ``length=utf16_len`` for the UTF-16 code
units that Telegram and LINE count.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any

_ARABIC_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")

__all__ = ["longer_word_end", "shorten", "snippet", "split_text", "utf16_len"]

Length = Callable[[str], int]

_LEADING_VOWELS = frozenset("เแโใไ")
#: Characters read past a cut so the segmenter sees the word that the cut falls in.
_LOOKAHEAD = 40


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units (an emoji counts two), as Telegram and LINE count."""
    return len(text.encode("utf-16-le")) // 2


@lru_cache(maxsize=1)
def _grapheme_pattern() -> Any:
    r"""``regex``'s ``\X`` (an extended grapheme cluster), imported at the first cut.

    Most texts fit and are never cut: a fresh ``sdgbot ask`` then never imports ``regex``.
    """
    import regex

    return regex.compile(r"\X", regex.DOTALL)


def _graphemes(text: str) -> list[str]:
    found: list[str] = _grapheme_pattern().findall(text)
    return found


@lru_cache(maxsize=1)
def _segmenter() -> Callable[[str], list[str]] | None:
    try:
        from pythainlp.tokenize import word_tokenize

        from knowledge.worddict import default_words
    except ImportError:  # pragma: no cover - a dependency; grapheme cuts still hold
        return None
    # PyThaiNLP's own word list, without building its trie (half a second of a fresh
    # process's first reply): the same words, so the same word boundaries.
    words = default_words()

    def segment(text: str) -> list[str]:
        return list(word_tokenize(text, custom_dict=words, engine="newmm",
                                  keep_whitespace=True))

    return segment


@lru_cache(maxsize=1)
def _spaced_words() -> dict[str, tuple[str, ...]]:
    """The dictionary's words with spaces or tabs inside, by each character that follows one.

    "กระทรวงการอุดมศึกษา วิทยาศาสตร์ วิจัยและนวัตกรรม" is listed under "ว"; "กระซิก ๆ" under "ๆ".
    """
    from knowledge.worddict import default_words

    by_next: dict[str, list[str]] = {}
    for word in default_words():
        if " " not in word and "\t" not in word:  # nearly every word: C speed, not a walk
            continue
        for i in range(len(word) - 1):
            if word[i] in " \t" and word[i + 1] not in " \t":
                by_next.setdefault(word[i + 1], []).append(word)
    return {c: tuple(dict.fromkeys(ws)) for c, ws in by_next.items()}


def _restart(window: str, pos: int) -> int:
    """An offset ``0 < s <= pos`` after which newmm segments ``window[s:]`` as if alone, or 0.

    newmm (PyThaiNLP's ``_onecut``) reads a run of spaces and tabs as one token of
    its own (``_PAT_NONTHAI``) that no path of dictionary words crosses, unless a
    dictionary word has a space inside: once every path has reached the run, its
    graph is emptied and the text after the run is segmented from a fresh start
    (the character clusters start afresh after a space too).  So the word ends
    of ``window`` from the end ``s`` of such a run on are ``s`` plus those of
    ``window[s:]``: the last run that ends at or before ``pos`` and that no
    occurrence of a spaced dictionary word covers.  Tested against whole windows
    cut at many positions of the bundled and news texts.
    """
    end = pos
    while end > 0:
        space = max(window.rfind(" ", 0, end), window.rfind("\t", 0, end))
        if space < 0:
            return 0
        first = space
        while first > 0 and window[first - 1] in " \t":
            first -= 1
        after = space + 1
        if after < len(window) and window[after] in " \t":  # not the run's end: pos inside it
            end = first
            continue
        if not _covered(window, first, after):
            return after
        end = first
    return 0


def _covered(window: str, first: int, after: int) -> bool:
    """Whether a spaced dictionary word in ``window`` spans the space run ``[first, after)``.

    ``[first, after)`` is a maximal run of spaces and tabs with a character after it.
    """
    if _segmenter() is None:
        return True
    # A word without surrounding spaces that covers any of the run's maximal run of
    # spaces has one of its own runs there, followed by the character after it.
    for word in _spaced_words().get(window[after : after + 1], ()):
        at = window.find(word)
        while at >= 0:
            if at < after and at + len(word) > first:
                return True
            at = window.find(word, at + 1)
    return False


@lru_cache(maxsize=512)
def _word_ends(text: str) -> frozenset[int]:
    """Offsets in ``text`` where a word (or a run of spaces) ends.

    Cached by the text itself (a reply's lead and clause are often cut again, and a
    question asked again cuts the same windows).
    """
    segment = _segmenter()
    if segment is None:
        return frozenset()
    ends: set[int] = set()
    pos = 0
    for word in segment(text):
        pos += len(word)
        ends.add(pos)
    if pos != len(text):  # a segmenter that altered the text: trust nothing it said
        return frozenset()
    return frozenset(ends)


@lru_cache(maxsize=1)
def _word_set() -> frozenset[str]:
    from knowledge.worddict import default_words

    return frozenset(default_words())


#: The longest dictionary word looked for past a boundary (characters).
_LONGEST_WORD = 24


def longer_word_end(text: str, start: int, end: int) -> int:
    """The end of the longest dictionary word at ``text[start:]`` that goes past ``end``.

    newmm finds the fewest words, and breaks a tie either way: "ประเภทภัย" may come
    out as "ประ|เภทภัย" as well as "ประเภท|ภัย", and a cut after "ประ" leaves half a
    word ("กว่า 8 ประ").  A boundary that a longer dictionary word starting at the same
    place crosses is no place to end a value or a cut.  ``end`` itself when none does.
    """
    if start >= end or not ("\u0e01" <= text[end - 1] <= "\u0e4e") or end >= len(text) \
            or not ("\u0e01" <= text[end] <= "\u0e4e"):
        return end
    words = _word_set()
    for stop in range(min(len(text), start + _LONGEST_WORD), end, -1):
        if text[start:stop] in words:
            return stop
    return end


def _crossed(window: str, end: int, ends: frozenset[int]) -> bool:
    """Whether a dictionary word longer than the segmenter's crosses the boundary ``end``."""
    start = max((e for e in ends if e < end), default=0)
    while start < end and window[start] in " \t":
        start += 1
    longer = longer_word_end(window, start, end)
    # A longer word ending where the segmenter's next word does ("จังหวัด|นำร่อง") is a
    # compound split between whole words, not a word cut across.
    return longer > end and longer not in ends


def _cut(text: str, budget: int, length: Length) -> int:
    """The largest offset ``i`` with ``length(text[:i]) <= budget`` at a good boundary.

    Good is a word boundary that is also a grapheme boundary; failing that (one word
    longer than ``budget``), a grapheme boundary not right after a Thai leading vowel;
    failing that, any grapheme boundary.  0 when not even one grapheme fits.
    """
    clusters: list[int] = []  # offsets after each grapheme that fits
    used = 0
    pos = 0
    for g in _graphemes(text):
        used += length(g)
        if used > budget:
            break
        pos += len(g)
        clusters.append(pos)
    if not clusters:
        return 0
    if pos == len(text):
        return pos
    window = text[: pos + _LOOKAHEAD]
    start = _restart(window, pos)
    if start:  # the words after a space newmm must stop at: segment that tail alone
        tail_ends = _word_ends(window[start:])
        for end in reversed(clusters):
            if end < start:
                break
            if end == start or (end - start in tail_ends  # the space run ends a token
                                and not _crossed(window[start:], end - start, tail_ends)):
                return end
    ends = _word_ends(window)
    for end in reversed(clusters):
        if end in ends and not _crossed(window, end, ends):
            return end
    for end in reversed(clusters):
        if text[end - 1] not in _LEADING_VOWELS:
            return end
    return clusters[-1]


#: How far before a query word a snippet that starts near it may open (at a space).
_BEFORE_WORD = 40
#: Characters that show nothing: a snippet made only of them would be an empty line.
_INVISIBLE_RE = re.compile("[\u0000-\u001f\u007f-\u009f\u00ad\u034f\u180e\u200b-\u200f"
                           "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufe00-\ufe0f\ufeff]")


def snippet(text: str, limit: int, words: Iterable[str] = (), *,
            length: Length = len) -> str:
    """The opening of a passage as shown under a search hit: one line, never blank.

    Invisible characters are dropped and white space (newlines too) folded to single
    spaces, so a passage that begins with blank lines or zero-width characters does not
    leave its hit an empty line; then :func:`shorten` cuts it between words.  Should the
    cut leave no visible character (a first "word" of marks alone), the opening is cut at
    a grapheme boundary instead (inside one only when that one is longer than ``limit``).
    ``""`` only for a passage with nothing visible at all.

    ``words`` (the query's words as typed; Thai and Arabic digits, and letter case, alike):
    when none of them is in the opening but one is further on, the snippet starts at the
    space before its first occurrence (at most :data:`_BEFORE_WORD` characters back)
    after "…"; when none is found, the opening.
    """
    visible = " ".join(_INVISIBLE_RE.sub(" ", text).split())
    if not visible:
        return ""
    # Thai digits as Arabic ones, one character for one: offsets hold.  (Not
    # knowledge.thai.to_arabic_digits: knowledge.thai imports this module.)
    folded = visible.translate(_ARABIC_DIGITS).casefold()
    if len(folded) != len(visible):  # "ß" -> "ss": offsets would not be the text's
        folded = visible.translate(_ARABIC_DIGITS)
    found = [(at, w) for w in {w.translate(_ARABIC_DIGITS).casefold() for w in words
                               if w.strip()}
             if (at := folded.find(w)) >= 0]
    if found:
        at, word = min(found)
        if at + len(word) > limit - 1:  # not within the opening: start near it
            space = visible.rfind(" ", max(0, at - _BEFORE_WORD), at)
            start = space + 1 if space >= 0 else at
            return "…" + _visible_cut(visible[start:], limit - 1, length)
    return _visible_cut(visible, limit, length)


def _visible_cut(visible: str, limit: int, length: Length) -> str:
    short = shorten(visible, limit, length=length)
    if short.rstrip("…").strip():
        return short
    head = ""
    for g in _graphemes(visible):
        if length(head + g) > max(0, limit - 1):
            break
        head += g
    if not head:  # one grapheme longer than the limit (marks alone): cut inside it
        head = visible[:max(0, limit - 1)]
    return head + "…"


def shorten(text: str, limit: int, ellipsis: str = "…", *, length: Length = len) -> str:
    """``text`` if it fits in ``limit``, else its longest head ending at a word, plus ``ellipsis``.

    The result's ``length`` (code points by default) is at most ``limit``, ellipsis
    included; a grapheme cluster is never split and Thai is cut between words.
    Whitespace inside is kept; trailing whitespace before the ellipsis is dropped.
    Raises ``ValueError`` for a negative ``limit``.
    """
    if limit < 0:
        raise ValueError(f"limit must be >= 0, got {limit}")
    if length(text) <= limit:
        return text
    budget = limit - length(ellipsis)
    if budget <= 0:
        return _head(ellipsis, limit, length)
    end = _cut(text, budget, length)
    head = text[:end].rstrip()
    if not head:
        return _head(ellipsis, limit, length)
    return head + ellipsis


def _head(text: str, limit: int, length: Length) -> str:
    """As many whole graphemes of ``text`` as fit in ``limit``."""
    out = ""
    for g in _graphemes(text):
        if length(out + g) > limit:
            break
        out += g
    return out


def split_text(text: str, limit: int, *, length: Length = len) -> list[str]:
    """``text`` in chunks of at most ``limit`` (by ``length``), for message size limits.

    Chunks break at line ends where lines fit; a longer line is cut between words
    (never inside a grapheme cluster, see :func:`shorten`).  Nothing is lost: joining
    the chunks gives back ``text`` apart from the line breaks and spaces where chunks
    meet.  Blank chunks are dropped (chat platforms refuse empty messages).  A single
    grapheme cluster longer than ``limit`` (only with absurdly small limits) is cut
    by code point.  Raises ``ValueError`` when ``limit`` < 1.
    """
    if limit < 1:
        raise ValueError(f"limit must be >= 1, got {limit}")
    chunks: list[str] = []
    current = ""
    for line in text.splitlines(keepends=True):
        if length((current + line).rstrip("\r\n")) <= limit:
            current += line
            continue
        if current.strip():
            chunks.append(current)
        current = ""
        while length(line.rstrip("\r\n")) > limit:
            end = _cut(line, limit, length)
            if end == 0:  # one cluster longer than the limit
                end = 1
                while end < len(line) and length(line[: end + 1]) <= limit:
                    end += 1
            while end < len(line) and line[end] in " \t":  # spaces end the piece
                end += 1
            piece, line = line[:end], line[end:]
            if piece.strip():
                chunks.append(piece)
        current = line
    if current.strip():
        chunks.append(current)
    return [c.rstrip() for c in chunks if c.strip()]
