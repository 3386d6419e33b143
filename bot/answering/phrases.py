"""Whether a passage writes the question's phrases, not only its words.

Over a large archive a passage can hold every word of a general-knowledge question by
chance, each in another sentence ("ใครวาดภาพโมนาลิซา" and a release that lists Japanese
carmakers: "โม" of "โมโร", "นา" and "ลิ" elsewhere; "ดาวเคราะห์ที่ใหญ่ที่สุดในระบบสุริยะ"
and a list of headlines).  Coverage counts words, so such a passage passes the coverage
gate, and the verifier, which weighs coverage, passes its best span.  A passage that
actually talks about what the question asks writes some of the question's word pairs as
the question does ("ระบบสุริยะ" after "ดาวเคราะห์นอก", "พาณิชย์นาวี" after "ศูนย์ฝึก").

:func:`phrase_share` is the idf share of the question's adjacent word pairs that the
passage (or its document's title) writes together.  Measured on the answers given before
this check (debug rows of ``python -m bot.cli ask --json``): share 0 for 4 of the 6
general-knowledge questions answered wrongly in ``bench/data/ood-dev-r11.jsonl`` and 15
of 58 wrong answers to iapp-wiki-qa valid questions asked of the 13,225 releases, against
none of the 55 right answers to the news development questions, 3 of 92 right answers to
the tester's probe and 8 of 498 right answers to iapp valid over its own corpus: so a
share of 0 asks more of the verifier (``PHRASELESS_CONFIDENCE`` in
:mod:`bot.answering.answerer`), it does not refuse by itself.
"""

from __future__ import annotations

import re

from bot.answering.features import QuestionTerms

__all__ = ["either_order_share", "phrase_pairs", "phrase_share"]

_SPACE = re.compile(r"\s+")


def _squeeze(text: str) -> str:
    """``text`` case-folded without white space (Thai writes a name's parts apart or not)."""
    return _SPACE.sub("", text.casefold())


def phrase_pairs(question: str, terms: QuestionTerms) -> list[tuple[str, str, float]]:
    """The question's adjacent word pairs ``(a, b, weight)`` as the question writes them.

    Each pair is two consecutive groups of ``terms`` (words as written, ``groups[k][0]``)
    that stand next to each other in ``question`` (white space aside): a pair across an
    asking word ("เวียดนาม|คือ|จังหวัด") is no phrase of the question.  ``weight``: the
    smaller idf of the two (a pair is as telling as its commoner word).
    """
    q = _squeeze(question)
    words = [g[0] for g in terms.groups]
    out: list[tuple[str, str, float]] = []
    for k in range(len(words) - 1):
        a, b = words[k], words[k + 1]
        if a and b and (a + b) in q:
            out.append((a, b, min(terms.weights[k], terms.weights[k + 1])))
    return out


def phrase_share(question: str, terms: QuestionTerms, text: str, title: str = "") -> float | None:
    """The idf share (0..1) of the question's word pairs that ``text`` or ``title`` writes.

    None when the question has no pair (one content word, or words only apart).
    """
    pairs = phrase_pairs(question, terms)
    total = sum(w for _, _, w in pairs)
    if not pairs or total <= 0:
        return None
    where = _squeeze(f"{title}\n{text}")
    held = sum(w for a, b, w in pairs if (a + b) in where)
    return held / total


def either_order_share(terms: QuestionTerms, text: str, title: str = "") -> float | None:
    """:func:`phrase_share` of an English question's Thai rendering, each pair in either order.

    An English question's terms (``terms.groups``, in the order of the question's words,
    one group a Thai word of their usual rendering) are next to each other as the
    question writes them, but English puts a modifier before its noun where Thai puts it
    after ("capital of France" is เมืองหลวง ฝรั่งเศส, "industrial exports" การส่งออก
    อุตสาหกรรม): a pair is held when ``text`` or ``title`` writes its two words together
    in either order, any of each group's tokens standing for its word.  ``weight`` as in
    :func:`phrase_pairs`.  None when the question has fewer than two groups of weight.
    """
    groups = [tuple(_squeeze(t) for t in g if t.strip()) for g in terms.groups]
    pairs = [(groups[k], groups[k + 1], min(terms.weights[k], terms.weights[k + 1]))
             for k in range(len(groups) - 1) if groups[k] and groups[k + 1]]
    total = sum(w for _, _, w in pairs)
    if not pairs or total <= 0:
        return None
    where = _squeeze(f"{title}\n{text}")
    held = sum(w for a, b, w in pairs
               if any((x + y) in where or (y + x) in where for x in a for y in b))
    return held / total
