"""A message that says the same thing again and again is read once.

``ธนาคารขยะตั้งแล้วกี่แห่ง`` typed (or pasted) 400 times, with or without spaces or
punctuation between the copies, is one question; ``… ขยะ ขยะ ขยะ …`` is one ``ขยะ``.
Repeats are found on the words of :func:`indexer.tokenize.word_spans` (never inside a
word, so "1,000,000" or "Mississippi" stay whole), before any length limit cuts the
text: otherwise the first few hundred characters would be copies of one part of it.
"""

from __future__ import annotations

import unicodedata

__all__ = ["MAX_UNIT_WORDS", "MIN_COPIES", "collapse_repeats"]

#: The longest repeated unit looked for, in words (a sentence or a question).
MAX_UNIT_WORDS = 60
#: Copies in a row that are a repeat whatever they are.  Two copies are Thai as often as
#: not ("ล้านล้าน" is a trillion, "ใครใคร", "ข้อ ข้อละ"): two of one word are kept, and
#: two of a longer unit are read once only when nothing is glued to either end of them
#: ("ธนาคารขยะตั้งแล้วกี่แห่ง ธนาคารขยะตั้งแล้วกี่แห่ง", not "…ไม่มีอยู่หรือไม่มีอยู่หรือไม่สามารถ").
MIN_COPIES = 3


def _key(word: str) -> str:
    return word.casefold()


def collapse_repeats(text: str) -> str:
    """``text`` with each run of a repeated word sequence kept once.

    A unit of words written :data:`MIN_COPIES` or more times in a row (white space and
    punctuation between the copies ignored), or a unit of two or more words written twice
    with nothing glued to either end, is kept as its first copy, followed by whatever
    follows the last copy.  A unit of digits alone ("10 10") is a value, kept as written.
    Never raises on any ``str``; text without repeats is returned unchanged.
    """
    from indexer.tokenize import word_spans

    spans = word_spans(text)
    words = [_key(text[s:e]) for s, e in spans]
    n = len(words)
    pieces: list[str] = []
    kept_to = 0  # characters of ``text`` already written out or dropped
    i = 0
    while i < n:
        found = 0
        for p in range(1, min(MAX_UNIT_WORDS, (n - i) // 2) + 1):
            if words[i + p] == words[i] and words[i:i + p] == words[i + p:i + 2 * p]:
                found = p
                break
        if not found or all(_is_number(w) for w in words[i:i + found]):
            i += 1
            continue
        k = 2
        unit = words[i:i + found]
        while i + (k + 1) * found <= n and words[i + k * found:i + (k + 1) * found] == unit:
            k += 1
        if k < MIN_COPIES and (found == 1 or not _stands_alone(
                text, spans[i][0], spans[i + k * found - 1][1])):
            i += 1  # "ล้านล้าน", "ข้อ ข้อละ", "มีอยู่หรือไม่มีอยู่หรือไม่สามารถ": Thai as written
            continue
        first_end = spans[i + found - 1][1]
        last_end = spans[i + k * found - 1][1]
        pieces.append(text[kept_to:first_end])
        kept_to = last_end
        i += k * found
    if not pieces:
        return text
    pieces.append(text[kept_to:])
    return "".join(pieces)


def _stands_alone(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` has white space, punctuation or an end on either side."""
    return _edge(text[start - 1:start]) and _edge(text[end:end + 1])


def _edge(ch: str) -> bool:
    return not ch or ch.isspace() or unicodedata.category(ch)[0] in "PSZC"


def _is_number(word: str) -> bool:
    return not any(ch.isalpha() for ch in word)
