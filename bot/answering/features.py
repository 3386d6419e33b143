"""Features of passages and candidate answers against a question.

Every feature is a number the trained model (:mod:`bot.answering.model`) reads; their
names and order are fixed here (:data:`PASSAGE_FEATURES`, :data:`SPAN_FEATURES`) and
stored with the model, which refuses a file trained on another list.

What a candidate is scored on (issue 12's list): the question's type and unit against
the candidate's type and unit; how much of the question, IDF-weighted, surrounds it on
each side and how far away (exponential decays over 30 and 100 characters, after the
answer-window scorer that preceded the model); whether it repeats the question's own
words; the words next to it against the words next to the question word (a question
"เกิดวันที่เท่าไร" is answered right after "เกิด ... วันที่"); how often a word opens
or closes an answer in the training data (log-odds tables learned by the training
script); and its passage's search rank, BM25 score, re-ranker score and source.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from bot.answering.candidates import CTYPES, Candidates, candidate_unit
from bot.answering.question import QTYPES, QuestionFrame, QuestionInfo

__all__ = [
    "PASSAGE_FEATURES",
    "SPAN_FEATURES",
    "BoundaryTables",
    "Occurrences",
    "QuestionTerms",
    "cluster_mass",
    "occurrences",
    "passage_features",
    "span_features",
]

Array = npt.NDArray[np.float64]

#: Characters within which the question's words form one cluster (a passage's focus).
CLUSTER_CHARS = 150

PASSAGE_FEATURES: tuple[str, ...] = (
    "bm25_rel", "bm25_log", "rank", "mass", "cover_own", "cover_ctx", "cover_title",
    "primary", "kind_report", "kind_news", "kind_update", "typed_near", "n_terms",
    "anchor_near", "rare_cover", "doc_hits", "doc_best_rel", "doc_sum_rel",
)

SPAN_FEATURES: tuple[str, ...] = (
    *(f"qt_{q}" for q in QTYPES),
    *(f"ct_{c}" for c in CTYPES),
    "type_match", "unit_match", "n_chars", "n_words", "n_spaces", "q_inside",
    "lp30", "lp100", "rp30", "rp100", "dist_left", "dist_right", "cover200", "cover60",
    "anc_l1", "anc_l_any", "anc_r1", "anc_r_any",
    "lo_prev", "lo_first", "lo_last", "lo_next",
    "gap_before_space", "gap_before_hard", "gap_after_space", "gap_after_hard",
    "in_own", "rel_pos", "p_score", "p_rank", "p_bm25_rel", "p_primary", "p_mass",
    "repeats", "spaces_left", "spaces_right",
)

_HARD_CODES = np.array([ord(c) for c in "\n()\"“”«»:;,."], dtype=np.uint32)

#: Which candidate types answer which question types (1.0: the natural answer).
_COMPATIBLE: dict[str, dict[str, float]] = {
    "date": {"date": 1.0},
    "count": {"count": 1.0, "money": 1.0, "percent": 1.0, "number": 0.7, "level": 0.7},
    "place": {"place": 1.0, "org": 0.5},
    "person": {"person": 1.0, "org": 0.5},
    "title": {"title": 1.0, "org": 0.3},
    "list": {},
    "what": {"org": 0.3, "title": 0.3, "place": 0.3, "person": 0.3},
}


@dataclass(frozen=True)
class QuestionTerms:
    """The question's search tokens with their idf weights (``total`` is their sum)."""

    tokens: tuple[str, ...]
    idf: Mapping[str, float]
    total: float


@dataclass(frozen=True)
class BoundaryTables:
    """Log-odds that a word stands just before, first in, last in or just after an answer.

    Learned from the training answers against all words of their passages (the
    training script, ``training/train_answer_model.py``); a word not in a table has 0.
    """

    prev: Mapping[str, float]
    first: Mapping[str, float]
    last: Mapping[str, float]
    next: Mapping[str, float]

    @staticmethod
    def empty() -> BoundaryTables:
        """Tables with no words (every log-odds 0)."""
        return BoundaryTables({}, {}, {}, {})


# Occurrences of each question token: its sorted start offsets.
Occurrences = dict[str, list[int]]


def occurrences(text: str, tokens: Sequence[str], limit: int = 200) -> Occurrences:
    """Where each question token occurs in ``text`` (case-folded substring search)."""
    low = text.casefold()
    if len(low) != len(text):  # casefold changed lengths (ß): search the text as is
        low = text
    out: Occurrences = {}
    for t in tokens:
        pos = low.find(t)
        found: list[int] = []
        while pos != -1 and len(found) < limit:
            found.append(pos)
            pos = low.find(t, pos + len(t))
        if found:
            out[t] = found
    return out


def cluster_mass(occ: Occurrences, terms: QuestionTerms, lo: int = 0,
                 hi: int | None = None) -> tuple[float, int]:
    """The largest IDF share of distinct question tokens within :data:`CLUSTER_CHARS`.

    Returns ``(mass, offset)``: mass in [0, 1] (1.0: every question word) and where the
    best cluster starts (-1 when no word occurs).  Only occurrences in ``[lo, hi)``.
    """
    events = sorted((p, t) for t, starts in occ.items() for p in starts
                    if p >= lo and (hi is None or p < hi))
    if not events:
        return 0.0, -1
    best, where = 0.0, events[0][0]
    counts: dict[str, int] = {}
    head = 0
    weight = 0.0
    for k, (p, _) in enumerate(events):
        while head < len(events) and events[head][0] - p <= CLUSTER_CHARS:
            t = events[head][1]
            if counts.get(t, 0) == 0:
                weight += terms.idf.get(t, 0.0)
            counts[t] = counts.get(t, 0) + 1
            head += 1
        if weight > best + 1e-12:
            best, where = weight, p
        t = events[k][1]
        counts[t] -= 1
        if counts[t] == 0:
            weight -= terms.idf.get(t, 0.0)
    return best / (terms.total or 1.0), where


def _cover(occ: Occurrences, terms: QuestionTerms, lo: int, hi: int) -> float:
    w = 0.0
    for t, starts in occ.items():
        if any(lo <= p < hi for p in starts):
            w += terms.idf.get(t, 0.0)
    return w / (terms.total or 1.0)


def passage_features(
    *,
    occ: Occurrences,
    terms: QuestionTerms,
    own: tuple[int, int],
    text_len: int,
    title: str,
    bm25: float,
    top_bm25: float,
    rank: int,
    primary: bool,
    kind: str,
    typed_near: float,
    anchor_near: float,
    mass: float | None = None,
) -> list[float]:
    """One row of :data:`PASSAGE_FEATURES` for a passage read with its neighbours.

    ``mass`` is :func:`cluster_mass` of ``occ`` when the caller has it already.
    """
    if mass is None:
        mass, _ = cluster_mass(occ, terms)
    title_low = title.casefold()
    title_w = sum(terms.idf.get(t, 0.0) for t in terms.tokens if t in title_low)
    # The rarer half of the question's words: the ones that say what it is about.
    weights = sorted(terms.idf.get(t, 0.0) for t in terms.tokens)
    cut = weights[len(weights) // 2] if weights else 0.0
    rare = [t for t in terms.tokens if terms.idf.get(t, 0.0) >= cut]
    rare_total = sum(terms.idf.get(t, 0.0) for t in rare) or 1.0
    rare_cover = sum(terms.idf.get(t, 0.0) for t in rare if t in occ) / rare_total
    return [
        bm25 / (top_bm25 or 1.0),
        math.log1p(max(bm25, 0.0)),
        float(rank),
        mass,
        _cover(occ, terms, own[0], own[1]),
        _cover(occ, terms, 0, text_len),
        title_w / (terms.total or 1.0),
        float(primary),
        float(kind == "report"),
        float(kind == "news"),
        float(kind == "update"),
        typed_near,
        float(len(terms.tokens)),
        anchor_near,
        rare_cover,
        0.0, 0.0, 0.0,  # the document's other hits: filled in by the reader
    ]


def _decay(d: Array, scale: float) -> Array:
    return np.exp(-d / scale)


def span_features(
    cands: Candidates,
    *,
    occ: Occurrences,
    terms: QuestionTerms,
    info: QuestionInfo,
    frame: QuestionFrame,
    tables: BoundaryTables,
    own: tuple[int, int],
    passage: Sequence[float],
    repeats: Mapping[str, int] | None = None,
) -> npt.NDArray[np.float32]:
    """The :data:`SPAN_FEATURES` matrix, one row per candidate of ``cands``.

    ``passage`` is ``(reranker score, reranked position, BM25 score / the first's,
    primary flag, cluster mass)`` of the candidate's passage; ``repeats`` counts how
    many of the question's passages hold each candidate string.
    """
    n = len(cands)
    cols: list[Array] = []
    text = cands.text
    s = cands.start.astype(np.float64)
    e = cands.end.astype(np.float64)
    total = terms.total or 1.0
    qt = info.qtype if info.qtype in QTYPES else "what"
    for q in QTYPES:
        cols.append(np.full(n, float(q == qt)))
    for c in range(len(CTYPES)):
        cols.append((cands.ctype == c).astype(np.float64))
    compat = _COMPATIBLE.get(qt, {})
    cols.append(np.array([compat.get(CTYPES[c], 0.0) for c in range(len(CTYPES))])[cands.ctype]
                if n else np.zeros(0))
    # The unit asked for against the unit the candidate counts in.
    unit_match = np.zeros(n)
    if info.unit and n:
        wanted = info.unit.split("|")
        for i in np.flatnonzero(np.isin(cands.ctype, (1, 2, 3))):
            u = candidate_unit(cands.span(int(i)))
            if u is not None:
                unit_match[i] = 1.0 if any(u == w or w.endswith(u) or u.endswith(w)
                                           for w in wanted) else -1.0
    cols.append(unit_match)
    n_chars = e - s
    nwords = (cands.w1 - cands.w0 + 1).astype(np.float64)
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    is_space = codes == 32
    space_c = np.concatenate([[0], np.cumsum(is_space)])
    spaces = (space_c[cands.end] - space_c[cands.start]).astype(np.float64)
    cols.extend([n_chars, nwords, spaces])
    # The question's words inside, before and after the candidate.
    inside = np.zeros(n)
    lp30 = np.zeros(n)
    lp100 = np.zeros(n)
    rp30 = np.zeros(n)
    rp100 = np.zeros(n)
    dl = np.full(n, 1e4)
    dr = np.full(n, 1e4)
    cover200 = np.zeros(n)
    cover60 = np.zeros(n)
    for t, found in occ.items():
        w = terms.idf.get(t, 0.0) / total
        ts = np.array(found, dtype=np.float64)
        te = ts + len(t)
        # Nearest occurrence ending at or before the candidate's start.
        li = np.searchsorted(te, s, "right") - 1
        dleft = np.where(li >= 0, s - te[np.maximum(li, 0)], 1e4)
        ri = np.searchsorted(ts, e, "left")
        dright = np.where(ri < len(ts), ts[np.minimum(ri, len(ts) - 1)] - e, 1e4)
        n_in = np.searchsorted(te, e, "right") - np.searchsorted(ts, s, "left")
        has_in = n_in > 0
        inside += w * has_in
        lp30 += w * _decay(dleft, 30.0)
        lp100 += w * _decay(dleft, 100.0)
        rp30 += w * _decay(dright, 30.0)
        rp100 += w * _decay(dright, 100.0)
        dl = np.minimum(dl, dleft)
        dr = np.minimum(dr, dright)
        near = np.minimum(dleft, dright)
        cover200 += w * ((near <= 200) | has_in)
        cover60 += w * ((near <= 60) | has_in)
    cols.extend([inside, lp30, lp100, rp30, rp100, np.log1p(np.minimum(dl, 1000.0)),
                 np.log1p(np.minimum(dr, 1000.0)), cover200, cover60])
    dl = np.maximum(dl, 0.0)
    dr = np.maximum(dr, 0.0)
    # Words next to the candidate against the words next to the question word.
    words = cands.words
    nw = len(words)
    low = [text[a:b].casefold() for a, b in words]
    # Flags padded with False at index nw, where a neighbour beyond the text lands.
    def flags(words_set: set[str]) -> npt.NDArray[np.bool_]:
        return np.array([w in words_set for w in low] + [False], dtype=bool)

    b1 = flags(set(frame.before[:1]))
    b_any = flags(set(frame.before))
    a1 = flags(set(frame.after[:1]))
    a_any = flags(set(frame.after))
    prev_k = [np.where(cands.w0 - k >= 0, cands.w0 - k, nw) for k in (1, 2, 3)]
    next_k = [np.where(cands.w1 + k < nw, cands.w1 + k, nw) for k in (1, 2, 3)]
    anc_l1 = b1[prev_k[0]].astype(np.float64)
    anc_l_any = np.logical_or.reduce([b_any[i] for i in prev_k]).astype(np.float64)
    anc_r1 = a1[next_k[0]].astype(np.float64)
    anc_r_any = np.logical_or.reduce([a_any[i] for i in next_k]).astype(np.float64)
    cols.extend([anc_l1, anc_l_any, anc_r1, anc_r_any])
    # Boundary words and gaps.
    lo_prev_w = np.array([tables.prev.get(w, 0.0) for w in low] + [0.0])
    lo_first_w = np.array([tables.first.get(w, 0.0) for w in low] + [0.0])
    lo_last_w = np.array([tables.last.get(w, 0.0) for w in low] + [0.0])
    lo_next_w = np.array([tables.next.get(w, 0.0) for w in low] + [0.0])
    prev_i = np.where(cands.w0 - 1 >= 0, cands.w0 - 1, nw)
    next_i = np.where(cands.w1 + 1 < nw, cands.w1 + 1, nw)
    cols.extend([lo_prev_w[prev_i], lo_first_w[np.minimum(cands.w0, nw)],
                 lo_last_w[np.minimum(cands.w1, nw)], lo_next_w[next_i]])
    hard = np.isin(codes, _HARD_CODES)
    # Text edges count as hard boundaries: index len(text) and -1 land on the padding.
    space_p = np.concatenate([is_space, [False]])
    hard_p = np.concatenate([hard, [True]])
    before_i = np.where(cands.start > 0, cands.start - 1, len(text))
    after_i = np.minimum(cands.end, len(text))
    cols.append(space_p[before_i].astype(np.float64))
    cols.append(hard_p[before_i].astype(np.float64))
    cols.append(space_p[after_i].astype(np.float64))
    cols.append(hard_p[after_i].astype(np.float64))
    own_lo, own_hi = own
    cols.append(((s >= own_lo) & (e <= own_hi)).astype(np.float64))
    cols.append((s - own_lo) / max(1, own_hi - own_lo))
    for v in passage:
        cols.append(np.full(n, float(v)))
    rep = np.ones(n)
    if repeats:
        for i in np.flatnonzero(cands.ctype != 0):
            rep[i] = repeats.get(cands.span(int(i)), 1)
    cols.append(rep)
    # Spaces (Thai clause breaks) between the candidate and the nearest question word
    # on each side: an answer mostly shares its clause with the words that ask for it.
    tlen = len(text)
    left_from = np.clip(s - np.minimum(dl, 1e4), 0, tlen).astype(np.int64)
    right_to = np.clip(e + np.minimum(dr, 1e4), 0, tlen).astype(np.int64)
    sl = np.where(dl < 1e4, space_c[cands.start] - space_c[left_from], 20.0)
    sr = np.where(dr < 1e4, space_c[right_to] - space_c[cands.end], 20.0)
    cols.append(np.minimum(sl, 20.0).astype(np.float64))
    cols.append(np.minimum(sr, 20.0).astype(np.float64))
    return np.column_stack(cols).astype(np.float32) if n else np.zeros(
        (0, len(SPAN_FEATURES)), dtype=np.float32)
