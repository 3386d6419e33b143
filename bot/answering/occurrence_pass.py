"""The question's words in every passage read for it, found in one pass (issue 17).

:func:`bot.answering.reading.read_passages` needs, for each of the ~50 passages
search returns, where each question token occurs (:func:`~bot.answering.features.occurrences`)
and the densest cluster of them (:func:`~bot.answering.features.cluster_mass`).  One
call each per passage costs a case fold, a ``str.find`` per token that finds nothing,
four small arrays, a sort and a compiled call per passage: about 1 ms of a 5 ms
search on the news corpus.  Here the texts are joined by a separator no token holds
and folded once, each token is searched once along the whole, and the clusters of all
passages come from one compiled call over their occurrences sorted by (passage,
position, group).

The results are those of the per-passage functions, equal and in the same order (each
passage's occurrences dict has its tokens in the question's order; the cluster
weights are the same additions in the same order): the tests compare them.  Texts or
tokens that could make the joined search differ (a case fold that changes a length,
the separator inside a text, an empty token) fall back to the per-passage functions.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from bot.answering.features import (
    _THAI_CHAR,
    CLUSTER_CHARS,
    SHORT_TOKEN,
    Occurrences,
    QuestionTerms,
    _kernels,
    _not_abbreviation_head,
    _weight_array,
    cluster_mass,
    occurrences,
)

__all__ = ["SEPARATOR", "Found", "JoinedTexts", "cluster_masses", "occurrences_many"]

#: Joins the texts: no stored text holds it (control characters are removed on the
#: way in), and no token can (tokens are words).
SEPARATOR = "\x00"


@dataclass
class Found:
    """Where the question's tokens occur in each of several texts.

    ``per_text[i]`` is :func:`~bot.answering.features.occurrences` of text ``i``; the
    same occurrences flat, token after token and each token's by position: ``text``
    (which text), ``pos`` (offset in it) and ``token`` (index into the tokens searched).
    """

    per_text: list[Occurrences]
    text: npt.NDArray[np.int64]
    pos: npt.NDArray[np.int64]
    token: npt.NDArray[np.int64]

    @staticmethod
    def of(per_text: list[Occurrences], tokens: Sequence[str]) -> Found:
        """The flat arrays of occurrences found text by text."""
        index = {t: j for j, t in reversed(list(enumerate(tokens)))}
        rows = sorted((index[t], i, p) for i, occ in enumerate(per_text)
                      for t, found in occ.items() for p in found)
        a = np.array(rows, dtype=np.int64).reshape(-1, 3)
        return Found(per_text, a[:, 1].copy(), a[:, 2].copy(), a[:, 0].copy())


class JoinedTexts:
    """Texts joined by :data:`SEPARATOR` and case-folded once, for searching all of them.

    ``usable`` is False when the joined search could differ from the per-text one (a
    case fold that changes a length, the separator inside a text): the methods then
    search text by text.
    """

    def __init__(self, texts: Sequence[str]) -> None:
        """Join and fold ``texts`` (any number, possibly none)."""
        self.texts = list(texts)
        self.whole = SEPARATOR.join(self.texts)
        self.low = self.whole.casefold()
        self.usable = (len(self.low) == len(self.whole)
                       and self.whole.count(SEPARATOR) == max(len(self.texts) - 1, 0))
        #: Each text's offset in ``whole``, and its end there (the separator after it).
        self.starts: list[int] = []
        self.ends: list[int] = []
        at = 0
        for t in self.texts:
            self.starts.append(at)
            at += len(t)
            self.ends.append(at)
            at += 1

    def find(self, tokens: Sequence[str], limit: int = 200) -> Found:
        """Each token's occurrences in each text, as :func:`occurrences` finds them.

        A token is searched once along the joined texts (``str.find`` from each match's
        end, as in each text); the matches of one text are gathered until the search
        passes its end or ``limit`` are kept, then the search goes on from its end.
        """
        texts = self.texts
        if not self.usable or any(not t or SEPARATOR in t for t in tokens):
            return Found.of([occurrences(t, tokens, limit) for t in texts], tokens)
        whole, low, starts, ends = self.whole, self.low, self.starts, self.ends
        per_text: list[Occurrences] = [{} for _ in texts]
        text_of: list[int] = []
        offsets: list[int] = []
        token_of: list[int] = []
        for j, tok in enumerate(tokens):
            n = len(tok)
            short = n <= SHORT_TOKEN and _THAI_CHAR.search(tok) is not None
            pos = low.find(tok)
            while pos != -1:
                i = bisect.bisect_right(starts, pos) - 1  # the text holding this match
                base, end = starts[i], ends[i]
                found: list[int] = []
                while pos != -1 and pos < end:
                    if not short or _not_abbreviation_head(whole, pos, pos + n):
                        found.append(pos - base)
                        if len(found) == limit:
                            # The rest of this text's are not kept: on from its end (no
                            # match crosses the separator, so the next is found there).
                            pos = low.find(tok, end)
                            break
                    pos = low.find(tok, pos + n)
                if found:
                    found = found[:limit]
                    per_text[i][tok] = found
                    text_of += [i] * len(found)
                    offsets += found
                    token_of += [j] * len(found)
        return Found(per_text, np.array(text_of, dtype=np.int64),
                     np.array(offsets, dtype=np.int64), np.array(token_of, dtype=np.int64))

    def occurrences(self, tokens: Sequence[str], limit: int = 200) -> list[Occurrences]:
        """``[occurrences(t, tokens, limit) for t in texts]``, each token searched once."""
        return self.find(tokens, limit).per_text

    def holding(self, word: str) -> list[bool]:
        """``[word in t.casefold() for t in texts]``."""
        if not self.usable or not word or SEPARATOR in word:
            return [word in t.casefold() for t in self.texts]
        out = [False] * len(self.texts)
        pos = self.low.find(word)
        while pos != -1:
            i = bisect.bisect_right(self.starts, pos) - 1
            out[i] = True
            pos = self.low.find(word, self.ends[i])  # the next text holding it
        return out


def occurrences_many(texts: Sequence[str], tokens: Sequence[str],
                     limit: int = 200) -> list[Occurrences]:
    """``[occurrences(t, tokens, limit) for t in texts]``, searched along the joined texts."""
    return JoinedTexts(texts).occurrences(tokens, limit)


def cluster_masses(found: Found, terms: QuestionTerms,
                   tokens: Sequence[str]) -> list[tuple[float, int]]:
    """``[cluster_mass(occ, terms) for occ in found.per_text]``, one compiled call for all.

    ``tokens``: the tokens ``found`` searched (``found.token`` indexes them).
    """
    kernels = _kernels()
    count = len(found.per_text)
    if kernels is None:
        return [cluster_mass(occ, terms) for occ in found.per_text]
    if not found.pos.shape[0]:
        return [(0.0, -1)] * count
    gid = terms.group_of
    groups = np.array([gid.get(t, -1) for t in tokens], dtype=np.int64)[found.token]
    order = np.lexsort((groups, found.pos, found.text))  # by text, then as cluster_mass sorts
    bounds = np.searchsorted(found.text[order], np.arange(count + 1)).astype(np.int64)
    best = np.zeros(count, dtype=np.float64)
    where = np.full(count, -1, dtype=np.int64)
    kernels.densest_many(found.pos[order], groups[order], bounds, _weight_array(terms),
                         CLUSTER_CHARS, best, where)
    total = terms.total or 1.0
    return [(float(b) / total, int(w)) for b, w in zip(best.tolist(), where.tolist(),
                                                       strict=True)]
