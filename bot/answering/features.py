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

Added in the second round (iapp-wiki-qa valid answer@40/@100/@300 0.411/0.578/0.771 →
0.43/0.61/0.78 with the same training; news Thai answer@100 0.45 → 0.56): the
candidate's neighbours aligned in order with up to eight question words on each side
of the question word (``al_*``, ``sfx_left``/``pfx_right``: "X เกิดวันที่เท่าไร" is
answered right after "เกิดวันที่"), either side's words anywhere in a six-word window
(``win_*``, also crossed: "ประธานการประชุมคือใคร" is answered before "เป็นประธาน");
the noun the question word qualifies opening the candidate (``head_first``: "อำเภออะไร"
→ "อำเภอทุ่งสง"); and the share of the candidate's words the question itself uses
(``echo``: a long question names its event, and the event's name is not the answer).
Coverage counts a question *word* once whichever of its tokens is found
(:class:`QuestionTerms`).

The passage re-ranker's third round (issue 12 item 5, the first search hit; iapp-wiki-qa
valid R@1 0.899 → 0.916 with the same LambdaRank settings, on the passages read by the
training script): the question's words in the document's opening (an encyclopaedia
entry names its subject in its first words, a release its headline; the iapp titles
are ids), the question's share held by all the document's passages read plus its
opening, and each passage against the best one read for the question (gaps of cluster
mass, rare-word coverage, opening and document coverage; the BM25 score's z-score).
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from types import ModuleType

import numpy as np
import numpy.typing as npt

from bot.answering.candidates import CTYPES, Candidates, candidate_unit
from bot.answering.question import QTYPES, QuestionFrame, QuestionInfo, same_unit
from indexer.bm25 import kernel_name

__all__ = [
    "LEAD_CHARS",
    "LIST_FEATURES",
    "PASSAGE_FEATURES",
    "SPAN_FEATURES",
    "BoundaryTables",
    "Occurrences",
    "QuestionTerms",
    "cluster_mass",
    "group_share",
    "lead_groups",
    "lead_groups_of",
    "occurrences",
    "passage_features",
    "rare_share",
    "span_features",
    "title_cover",
]

Array = npt.NDArray[np.float64]

#: Characters within which the question's words form one cluster (a passage's focus).
CLUSTER_CHARS = 150

PASSAGE_FEATURES: tuple[str, ...] = (
    "bm25_rel", "bm25_log", "rank", "mass", "cover_own", "cover_ctx", "cover_title",
    "primary", "kind_report", "kind_news", "kind_update", "typed_near", "n_terms",
    "anchor_near", "rare_cover", "doc_hits", "doc_best_rel", "doc_sum_rel",
    "lead_cover", "lead_near", "doc_cover", "doc_rare", "mass_gap", "rare_gap", "lead_gap",
    "doc_cover_gap", "bm25_z",
)
#: The last features of :data:`PASSAGE_FEATURES`, filled in by the reader
#: (:func:`bot.answering.reading.read_passages`) after :func:`passage_features`: the
#: document's other hits, its opening (``lead_*``), what its passages read hold together
#: (``doc_cover``, ``doc_rare``), and the gaps to the best passage read for the question.
LIST_FEATURES = 12

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
    "al_left", "al_right", "sfx_left", "pfx_right", "win_ll", "win_rr", "win_lr", "win_rl",
    "head_first", "echo", "date_dm", "date_year_only", "q_year",
)

_DATE_TYPE = CTYPES.index("date")
# A date with its day and month ("27 มี.ค. 66", "5 มกราคม") and a bare year ("ค.ศ. 2030").
_DAY_MONTH = re.compile(r"\d{1,2}\s*(?:[-–]\s*\d{1,2}\s*)?"
                        r"(?:[\u0e01-\u0e4e]{1,3}\.[\u0e01-\u0e4e]{1,2}\.|มกรา|กุมภา|มีนา|เมษา|พฤษภา|มิถุนา|กรกฎา|"
                        r"สิงหา|กันยา|ตุลา|พฤศจิกา|ธันวา)")  # "มกรา" opens มกราคม
_BARE_YEAR = re.compile(r"^(?:(?:ปี|พ\.ศ\.|ค\.ศ\.|พุทธศักราช|คริสต์ศักราช)\s*)?\d{3,4}$")


#: Words next to a candidate compared with the words around the question word.
ALIGN_WINDOW = 6
#: The weight of a question word that is not a search token (particles, the question word's
#: neighbours that search drops): a little, against the idf of a real term.
_MINOR_WEIGHT = 0.2

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
    """The question's search tokens, grouped by the word they come from, with idf weights.

    A word of the question stands for several tokens ("มีนาคม" also for "มี.ค.",
    "มีนา" and "คม"; "นอภ." for "นายอำเภอ"): coverage counts a *word* as found when any
    of its tokens is, with the idf of the word as written (``groups[k][0]``), so a
    date or an abbreviation weighs as one word.  ``groups`` defaults to one group a
    token; ``total`` is the sum of the groups' weights (given for the default).
    """

    tokens: tuple[str, ...]
    idf: Mapping[str, float]
    total: float
    groups: tuple[tuple[str, ...], ...] = ()
    #: Token -> its group's index, and each group's weight (filled in on creation).
    group_of: Mapping[str, int] = field(default_factory=dict)
    weights: tuple[float, ...] = ()

    def __post_init__(self) -> None:
        """Fill in the per-token groups when none are given, and the group weights."""
        groups = self.groups or tuple((t,) for t in self.tokens)
        group_of: dict[str, int] = {}
        for k, g in enumerate(groups):
            for t in g:
                group_of.setdefault(t, k)
        for t in self.tokens:  # a token outside every group is a group of its own
            if t not in group_of:
                group_of[t] = len(groups)
                groups = (*groups, (t,))
        weights = tuple(self.idf.get(g[0]) or max((self.idf.get(t, 0.0) for t in g), default=0.0)
                        for g in groups)
        object.__setattr__(self, "groups", groups)
        object.__setattr__(self, "group_of", group_of)
        object.__setattr__(self, "weights", weights)
        if self.groups and self.total <= 0:
            object.__setattr__(self, "total", sum(weights) or 1.0)

    @staticmethod
    def build(groups: Sequence[Sequence[str]], idf: Mapping[str, float]) -> QuestionTerms:
        """Terms from token groups (:func:`indexer.tokenize.token_groups`) and their idf."""
        gs = tuple(tuple(g) for g in groups if g)
        tokens = tuple(dict.fromkeys(t for g in gs for t in g))
        return QuestionTerms(tokens, idf, 0.0, gs)

    def share(self, found: Iterable[str]) -> float:
        """The weight share (0..1) of the groups any of the tokens ``found`` belongs to."""
        seen = {self.group_of[t] for t in found if t in self.group_of}
        return sum(self.weights[k] for k in seen) / (self.total or 1.0)


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


def occurrences(text: str, tokens: Sequence[str], limit: int = 200, *,
                folded: str | None = None) -> Occurrences:
    """Where each question token occurs in ``text`` (case-folded substring search).

    ``folded``: ``text.casefold()``, when the caller has it already.
    """
    low = text.casefold() if folded is None else folded
    if len(low) != len(text):  # casefold changed lengths (ß): search the text as is
        low = text
    out: Occurrences = {}
    for t in tokens:
        pos = low.find(t)
        found: list[int] = []
        short = len(t) <= SHORT_TOKEN and _THAI_CHAR.search(t) is not None
        while pos != -1 and len(found) < limit:
            if not short or _not_abbreviation_head(text, pos, pos + len(t)):
                found.append(pos)
            pos = low.find(t, pos + len(t))
        if found:
            out[t] = found
    return out


#: Thai tokens this short are not found where they open a dotted abbreviation: "อบ" (to
#: bake) does not occur in "อบต.", nor "สส" in "สสจ.".
SHORT_TOKEN = 2
_THAI_CHAR = re.compile(r"[\u0e01-\u0e4e]")
_ABBREVIATION_TAIL = re.compile(r"[\u0e01-\u0e2e]{1,2}\.")


def _not_abbreviation_head(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is more than the head of an abbreviation ("อบ|ต.")."""
    return _ABBREVIATION_TAIL.match(text, end) is None


def cluster_mass(occ: Occurrences, terms: QuestionTerms, lo: int = 0,
                 hi: int | None = None) -> tuple[float, int]:
    """The largest IDF share of distinct question tokens within :data:`CLUSTER_CHARS`.

    Returns ``(mass, offset)``: mass in [0, 1] (1.0: every question word) and where the
    best cluster starts (-1 when no word occurs).  Only occurrences in ``[lo, hi)``.
    """
    gid = terms.group_of
    kernels = _kernels()
    if kernels is not None:
        pos: list[int] = []
        groups: list[int] = []
        for t, starts in occ.items():
            k = gid.get(t, -1)
            for p in starts:
                if p >= lo and (hi is None or p < hi):
                    pos.append(p)
                    groups.append(k)
        if not pos:
            return 0.0, -1
        pa = np.array(pos, dtype=np.int64)
        ga = np.array(groups, dtype=np.int64)
        order = np.lexsort((ga, pa))  # by position, then group: as the tuples sort
        best, at = kernels.densest(pa[order], ga[order], _weight_array(terms), CLUSTER_CHARS)
        return float(best) / (terms.total or 1.0), int(at)
    events = sorted((p, gid.get(t, -1)) for t, starts in occ.items() for p in starts
                    if p >= lo and (hi is None or p < hi))
    if not events:
        return 0.0, -1
    weights = terms.weights
    best, where = 0.0, events[0][0]
    counts: dict[int, int] = {}
    head = 0
    weight = 0.0
    for k, (p, _) in enumerate(events):
        while head < len(events) and events[head][0] - p <= CLUSTER_CHARS:
            g = events[head][1]
            if counts.get(g, 0) == 0 and g >= 0:
                weight += weights[g]
            counts[g] = counts.get(g, 0) + 1
            head += 1
        if weight > best + 1e-12:
            best, where = weight, p
        g = events[k][1]
        counts[g] -= 1
        if counts[g] == 0 and g >= 0:
            weight -= weights[g]
    return best / (terms.total or 1.0), where


#: The last question's group weights as an array (its passages are read one by one).
_WEIGHTS_LAST: list[tuple[QuestionTerms, Array]] = []


def _weight_array(terms: QuestionTerms) -> Array:
    """``terms.weights`` as a float64 array, kept for the question being read."""
    last = _WEIGHTS_LAST[-1] if _WEIGHTS_LAST else None
    if last is not None and last[0] is terms:
        return last[1]
    weights = np.array(terms.weights, dtype=np.float64)
    _WEIGHTS_LAST[:] = [(terms, weights)]
    return weights


def _cover(occ: Occurrences, terms: QuestionTerms, lo: int, hi: int) -> float:
    # Starts are sorted: a token occurs in [lo, hi) when its first start at or after lo
    # is before hi.
    group_of = terms.group_of
    seen = set()
    for t, starts in occ.items():
        if t in group_of and (i := bisect.bisect_left(starts, lo)) < len(starts) \
                and starts[i] < hi:
            seen.add(group_of[t])
    return sum(terms.weights[k] for k in seen) / (terms.total or 1.0)


#: The last question's rarer half of words (a question's passages are read one by one).
_RARE_LAST: list[tuple[QuestionTerms, list[int], float]] = []


def _rare_groups(terms: QuestionTerms) -> tuple[list[int], float]:
    """The groups of the rarer half of the question's words, and their total weight."""
    last = _RARE_LAST[-1] if _RARE_LAST else None
    if last is not None and last[0] is terms:
        return last[1], last[2]
    ordered = sorted(terms.weights)
    cut = ordered[len(ordered) // 2] if ordered else 0.0
    rare = [k for k, w in enumerate(terms.weights) if w >= cut]
    rare_total = sum(terms.weights[k] for k in rare) or 1.0
    _RARE_LAST[:] = [(terms, rare, rare_total)]
    return rare, rare_total


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
    title_share: float | None = None,
) -> list[float]:
    """One row of :data:`PASSAGE_FEATURES` for a passage read with its neighbours.

    ``occ`` are the occurrences in the whole text read (``text_len`` characters, own
    text at ``own``); ``mass`` is :func:`cluster_mass` of ``occ`` when the caller has
    it already, ``title_share`` :func:`title_cover` of ``title``.
    """
    if mass is None:
        mass, _ = cluster_mass(occ, terms)
    if title_share is None:
        title_share = title_cover(title, terms)
    # The rarer half of the question's words: the ones that say what it is about.
    rare, rare_total = _rare_groups(terms)
    group_of, weights = terms.group_of, terms.weights
    found = {group_of[t] for t in occ if t in group_of}
    rare_cover = sum(weights[k] for k in rare if k in found) / rare_total
    # Every occurrence lies in [0, text_len): the text's cover is the share of ``found``
    # (``terms.share(occ)``, the same set summed in the same order).
    return [
        bm25 / (top_bm25 or 1.0),
        math.log1p(max(bm25, 0.0)),
        float(rank),
        mass,
        _cover(occ, terms, own[0], own[1]),
        sum(weights[k] for k in found) / (terms.total or 1.0),
        title_share,
        float(primary),
        float(kind == "report"),
        float(kind == "news"),
        float(kind == "update"),
        typed_near,
        float(len(terms.tokens)),
        anchor_near,
        rare_cover,
        *([0.0] * LIST_FEATURES),  # against the other hits: filled in by the reader
    ]


def title_cover(title: str, terms: QuestionTerms) -> float:
    """The weight share (0..1) of the question's words whose tokens ``title`` holds."""
    title_low = title.casefold()
    return terms.share(t for t in terms.tokens if t in title_low)


#: Characters of a document's opening read for its subject, and its first few (where an
#: encyclopaedia entry names its subject and a release its headline's first words).
LEAD_CHARS = 200
LEAD_NEAR = 50


def lead_groups(lead: str, terms: QuestionTerms) -> tuple[frozenset[int], frozenset[int]]:
    """The question's word groups found in a document's opening ``lead``.

    Returns ``(groups in the first LEAD_CHARS characters, groups in the first
    LEAD_NEAR)`` as indexes into ``terms.groups``; ``lead`` is the text of the
    document's first passage, cleaned as passages are (any length).
    """
    return lead_groups_of(occurrences(lead[:LEAD_CHARS], terms.tokens, limit=1), terms)


def lead_groups_of(occ: Occurrences, terms: QuestionTerms) -> tuple[frozenset[int], frozenset[int]]:
    """:func:`lead_groups` from the first occurrences (``limit=1``) in ``lead[:LEAD_CHARS]``."""
    gid = terms.group_of
    wide = frozenset(gid[t] for t in occ if t in gid)
    near = frozenset(gid[t] for t, starts in occ.items() if t in gid and starts[0] < LEAD_NEAR)
    return wide, near


def group_share(groups: Iterable[int], terms: QuestionTerms) -> float:
    """The weight share (0..1) of the question's word groups ``groups`` (indexes)."""
    return sum(terms.weights[k] for k in set(groups)) / (terms.total or 1.0)


def rare_share(groups: Iterable[int], terms: QuestionTerms) -> float:
    """The weight share (0..1) of the question's rarer half of words among ``groups``."""
    rare, rare_total = _rare_groups(terms)
    found = set(groups)
    return sum(terms.weights[k] for k in rare if k in found) / rare_total


def _group_spans(occ: Occurrences, terms: QuestionTerms) -> dict[int, tuple[Array, Array]]:
    """Each found group's occurrences: starts and ends, sorted by start (ends by end)."""
    starts: dict[int, list[float]] = {}
    ends: dict[int, list[float]] = {}
    for t, found in occ.items():
        k = terms.group_of.get(t)
        if k is None:
            continue
        starts.setdefault(k, []).extend(found)
        ends.setdefault(k, []).extend(p + len(t) for p in found)
    return {k: (np.sort(np.array(starts[k], dtype=np.float64)),
                np.sort(np.array(ends[k], dtype=np.float64))) for k in starts}


def _decay(d: Array, scale: float) -> Array:
    return np.exp(-d / scale)


#: Apart from each other in :func:`_proximity`'s flat arrays (beyond any text offset).
_GROUP_STRIDE = 1e9


def _proximity(spans: dict[int, tuple[Array, Array]], terms: QuestionTerms, total: float,
               s: Array, e: Array) -> tuple[list[Array], Array, Array]:
    """The question's words inside, before and after each candidate ``[s, e)``.

    Returns the columns ``q_inside, lp30, lp100, rp30, rp100, dist_left, dist_right,
    cover200, cover60`` and the distances to the nearest question word on the left and
    on the right (1e4: none).  Every group is looked up for every candidate at once,
    in flat arrays where group g's offsets are moved by g × :data:`_GROUP_STRIDE`;
    the groups' weighted terms are added in the groups' order (a reduction over the
    first axis adds row after row), as a loop over the groups would.
    """
    n = s.shape[0]
    if not spans or not n:
        far = np.full(n, 1e4)
        return ([np.zeros(n)] * 5 + [np.log1p(np.minimum(far, 1000.0))] * 2
                + [np.zeros(n)] * 2), far, far.copy()
    groups = list(spans.items())
    w = np.array([terms.weights[k] / total for k, _ in groups])[:, None]
    sizes = np.array([len(ts) for _, (ts, _) in groups])
    first = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    ts_flat = np.concatenate([ts for _, (ts, _) in groups])
    te_flat = np.concatenate([te for _, (_, te) in groups])
    kernels = _kernels()
    if kernels is not None:
        dleft = np.empty((len(groups), n))
        dright = np.empty((len(groups), n))
        has_in = np.empty((len(groups), n), dtype=bool)
        kernels.nearest(ts_flat, te_flat, first, sizes, s, e, dleft, dright, has_in)
    else:
        dleft, dright, has_in = _nearest(ts_flat, te_flat, first, sizes, s, e)
    near = np.minimum(dleft, dright)

    def added(parts: npt.NDArray[np.float64] | npt.NDArray[np.bool_]) -> Array:
        return np.add.reduce(w * parts, axis=0)

    dl = np.minimum(np.full(n, 1e4), dleft.min(axis=0))
    dr = np.minimum(np.full(n, 1e4), dright.min(axis=0))
    cols = [added(has_in), added(_decay(dleft, 30.0)), added(_decay(dleft, 100.0)),
            added(_decay(dright, 30.0)), added(_decay(dright, 100.0)),
            np.log1p(np.minimum(dl, 1000.0)), np.log1p(np.minimum(dr, 1000.0)),
            added((near <= 200) | has_in), added((near <= 60) | has_in)]
    return cols, dl, dr


def _nearest(ts_flat: Array, te_flat: Array, first: npt.NDArray[np.int64],
             sizes: npt.NDArray[np.int64], s: Array,
             e: Array) -> tuple[Array, Array, npt.NDArray[np.bool_]]:
    """Each group's nearest occurrences to each candidate (numpy form of the kernel).

    Returns ``dleft``, ``dright`` and ``has_in``, shape (groups, candidates), as
    :func:`bot.answering.feature_kernel.nearest` fills them.
    """
    g = first.shape[0]
    shift = np.arange(g, dtype=np.float64)[:, None] * _GROUP_STRIDE
    ts_keys = ts_flat + np.repeat(shift[:, 0], sizes)
    te_keys = te_flat + np.repeat(shift[:, 0], sizes)
    s2 = s[None, :] + shift
    e2 = e[None, :] + shift
    lo = first[:, None]
    # Nearest occurrence ending at or before the candidate's start.
    li = np.searchsorted(te_keys, s2, "right") - 1 - lo
    dleft = np.where(li >= 0, s[None, :] - te_flat[lo + np.maximum(li, 0)], 1e4)
    ri = np.searchsorted(ts_keys, e2, "left") - lo
    size = sizes[:, None]
    dright = np.where(ri < size, ts_flat[lo + np.minimum(ri, size - 1)] - e[None, :], 1e4)
    n_in = ((np.searchsorted(te_keys, e2, "right") - lo)
            - (np.searchsorted(ts_keys, s2, "left") - lo))
    return dleft, dright, n_in > 0


def _kernels() -> ModuleType | None:
    """The compiled feature loops (:mod:`bot.answering.feature_kernel`), or None.

    Compiled where search runs compiled (:func:`indexer.bm25.kernel_name`); elsewhere
    the numpy forms, which give the same results.
    """
    if kernel_name() != "numba":
        return None
    import bot.answering.feature_kernel as kernels

    return kernels


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
        for i in np.flatnonzero(np.isin(cands.ctype, (1, 2, 3))):
            u = candidate_unit(cands.span(int(i)))
            if u is not None:
                # Any spelling of the unit, with or without a multiplier ("21 ก.ก." for
                # "กิโลกรัม"); "กรัม" is no "กิโลกรัม" though it ends it.
                unit_match[i] = 1.0 if same_unit(u, info.unit) else -1.0
    cols.append(unit_match)
    n_chars = e - s
    nwords = (cands.w1 - cands.w0 + 1).astype(np.float64)
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    is_space = codes == 32
    space_c = np.concatenate([[0], np.cumsum(is_space)])
    spaces = (space_c[cands.end] - space_c[cands.start]).astype(np.float64)
    cols.extend([n_chars, nwords, spaces])
    # The question's words inside, before and after the candidate.
    near_cols, dl, dr = _proximity(_group_spans(occ, terms), terms, total, s, e)
    cols.extend(near_cols)
    dl = np.maximum(dl, 0.0)
    dr = np.maximum(dr, 0.0)
    # Words next to the candidate against the words next to the question word.
    words = cands.words
    nw = len(words)
    low = [text[a:b].casefold() for a, b in words.tolist()]
    # Flags padded with False at index nw, where a neighbour beyond the text lands.
    def flags(words_set: set[str]) -> npt.NDArray[np.bool_]:
        return np.array([*map(words_set.__contains__, low), False], dtype=bool)

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
    # The noun the question word qualifies opens the answer: "อำเภออะไร" is answered
    # by "อำเภอทุ่งสง", "หมู่บ้านไหน" by "บ้านคุยมะม่วง".
    head = frame.before[0] if frame.before else ""
    head_flags = (np.array([len(w) >= 2 and (w == head or head.endswith(w)) for w in low]
                           + [False], dtype=bool) if head else np.zeros(nw + 1, dtype=bool))
    head_first = head_flags[np.minimum(cands.w0, nw)].astype(np.float64)
    # Boundary words and gaps.
    lo_prev_w = np.array([*map(tables.prev.get, low, repeat(0.0)), 0.0])
    lo_first_w = np.array([*map(tables.first.get, low, repeat(0.0)), 0.0])
    lo_last_w = np.array([*map(tables.last.get, low, repeat(0.0)), 0.0])
    lo_next_w = np.array([*map(tables.next.get, low, repeat(0.0)), 0.0])
    prev_i = np.where(cands.w0 - 1 >= 0, cands.w0 - 1, nw)
    next_i = np.where(cands.w1 + 1 < nw, cands.w1 + 1, nw)
    cols.extend([lo_prev_w[prev_i], lo_first_w[np.minimum(cands.w0, nw)],
                 lo_last_w[np.minimum(cands.w1, nw)], lo_next_w[next_i]])
    hard = _hard_marks(codes)
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
    cols.extend(_alignment(low, cands.w0, cands.w1, frame, terms))
    cols.append(head_first)
    # The share of the candidate's words that the question itself uses: a long question
    # names its event, and the event's name is not what it asks.
    in_q = np.concatenate([[0], np.cumsum([*map(frame.words.__contains__, low)])])
    cols.append((in_q[np.minimum(cands.w1 + 1, nw)] - in_q[np.minimum(cands.w0, nw)]) / nwords)
    # How precise a date is, against whether the question asks for a year only.
    date_dm = np.zeros(n)
    year_only = np.zeros(n)
    for i in np.flatnonzero(cands.ctype == _DATE_TYPE):
        span = cands.span(int(i))
        date_dm[i] = float(_DAY_MONTH.search(span) is not None)
        year_only[i] = float(_BARE_YEAR.match(span) is not None)
    cols.extend([date_dm, year_only, np.full(n, float(frame.asks_year))])
    if not n:
        return np.zeros((0, len(SPAN_FEATURES)), dtype=np.float32)
    # Each column cast to float32 as it is written: the values column_stack(...).astype
    # gives (float64 -> float32 rounds the same either way), without the float64 matrix.
    out = np.empty((n, len(cols)), dtype=np.float32)
    for j, col in enumerate(cols):
        out[:, j] = col
    return out


def _hard_marks(codes: npt.NDArray[np.uint32]) -> npt.NDArray[np.bool_]:
    """``np.isin(codes, _HARD_CODES)``: one comparison per mark (isin sorts both)."""
    out = np.zeros(codes.shape[0], dtype=bool)
    for c in _HARD_CODES.tolist():
        out |= codes == c
    return out


def _weights(words: Sequence[str], terms: QuestionTerms) -> list[float]:
    return [terms.idf.get(w, _MINOR_WEIGHT) for w in words]


def _aligned(ids: npt.NDArray[np.int64], at: npt.NDArray[np.int64], step: int,
             frame_ids: npt.NDArray[np.int64],
             weight: Sequence[float]) -> tuple[Array, npt.NDArray[np.int64]]:
    """In-order match of a frame (nearest first) walking from each word ``at`` by ``step``.

    ``ids`` holds each passage word's frame-word id (-1 for a word not in the frame),
    ``frame_ids`` the frame's words' ids in order.  Returns, for each start, the matched
    weight and the length of the exact run that starts there (how many of the question's
    words repeat, unbroken, next to the candidate).  A frame word may be skipped (at most
    two at a time) and passage words between matches are passed over, within
    :data:`ALIGN_WINDOW` words.  All starts walk together, one word per step; each
    start's weights are added in the order it matches them.
    """
    m = at.shape[0]
    nw = ids.shape[0]
    nf = frame_ids.shape[0]
    # Padded so that the three frame words looked at from any position can be read.
    fid = np.concatenate([frame_ids, np.full(3, -2, dtype=np.int64)])
    wgt = np.concatenate([np.asarray(weight, dtype=np.float64), np.zeros(3)])
    got = np.zeros(m)
    run = np.zeros(m, dtype=np.int64)
    kernels = _kernels()
    if kernels is not None:
        kernels.aligned(ids, at, step, fid, wgt, nf, ALIGN_WINDOW, got, run)
        return got, run
    unbroken = np.ones(m, dtype=bool)
    alive = np.ones(m, dtype=bool)
    q = np.zeros(m, dtype=np.int64)
    k = at.copy()
    for _ in range(ALIGN_WINDOW):
        alive &= (k >= 0) & (k < nw) & (q < nf)
        if not alive.any():
            break
        w = ids[np.clip(k, 0, max(nw - 1, 0))]
        m0, m1, m2 = (fid[q + d] == w for d in range(3))
        matched = alive & (m0 | m1 | m2)
        j = q + np.where(m0, 0, np.where(m1, 1, 2))
        got += np.where(matched, wgt[j], 0.0)
        extends = unbroken & m0 & (q == run)
        run += matched & extends
        unbroken &= ~alive | (matched & extends)
        q = np.where(matched, j + 1, q)
        k += step
    return got, run


def _window_share(ids: npt.NDArray[np.int64], lo: npt.NDArray[np.int64],
                  hi: npt.NDArray[np.int64], weights: Sequence[float],
                  total: float) -> Array:
    """For each window ``ids[lo:hi]``: the weight share of the distinct words found in it.

    ``ids`` holds each passage word's index in ``weights`` (-1 for another word); each
    word counts once however often it occurs in the window.
    """
    nw = ids.shape[0]
    u = len(weights)
    if not u:
        return np.zeros(lo.shape[0])
    present = np.zeros((nw + 1, u), dtype=np.int64)
    known = ids >= 0
    present[1:][known, ids[known]] = 1
    counts = np.cumsum(present, axis=0)
    inside = (counts[hi] - counts[lo]) > 0
    return (inside * np.asarray(weights, dtype=np.float64)).sum(axis=1) / total


def _alignment(low: Sequence[str], w0: npt.NDArray[np.int64], w1: npt.NDArray[np.int64],
               frame: QuestionFrame, terms: QuestionTerms) -> list[Array]:
    """Eight columns: the candidate's neighbours aligned with the question's.

    ``al_left``/``al_right``: the share (by weight) of the question's words before /
    after its question word found in order next to the candidate on the same side;
    ``sfx_left``/``pfx_right``: how many of them repeat unbroken right next to it;
    ``win_*``: the share of one side's words anywhere within the window on a side
    (``win_lr``: the question's left words to the right of the candidate, as in
    "ประธานการประชุมคือใคร" answered by "นาย ก เป็นประธานการประชุม").

    Each is computed once for every word position of the passage (as the word a
    candidate starts or ends at) and read by ``w0``/``w1``.
    """
    n = len(w0)
    nw = len(low)
    left, right = frame.left, frame.right
    wl, wr = _weights(left, terms), _weights(right, terms)
    tl, tr = sum(wl) or 1.0, sum(wr) or 1.0
    out = [np.zeros(n) for _ in range(8)]
    if not n or not nw:
        return out
    lset = {w: x for w, x in zip(left, wl, strict=True)}
    rset = {w: x for w, x in zip(right, wr, strict=True)}
    vocab = {w: i for i, w in enumerate(dict.fromkeys((*left, *right)))}
    ids = np.array([vocab.get(w, -1) for w in low], dtype=np.int64)
    lpos = {w: i for i, w in enumerate(lset)}
    rpos = {w: i for i, w in enumerate(rset)}
    in_l = np.array([lpos.get(w, -1) for w in low], dtype=np.int64)
    in_r = np.array([rpos.get(w, -1) for w in low], dtype=np.int64)
    lw, rw = list(lset.values()), list(rset.values())

    pos = np.arange(nw, dtype=np.int64)
    # A candidate starting at word a: the words before it, walking left from a - 1.
    if left:
        got, run = _aligned(ids, pos - 1, -1,
                            np.array([vocab[w] for w in left], dtype=np.int64), wl)
        start_al, start_run = got / tl, run.astype(np.float64)
    else:
        start_al = start_run = np.zeros(nw)
    s_lo = np.maximum(pos - ALIGN_WINDOW, 0)
    start_ll = _window_share(in_l, s_lo, pos, lw, tl)
    start_rl = _window_share(in_r, s_lo, pos, rw, tr)
    # A candidate ending at word b: the words after it, walking right from b + 1.
    if right:
        got, run = _aligned(ids, pos + 1, 1,
                            np.array([vocab[w] for w in right], dtype=np.int64), wr)
        end_al, end_run = got / tr, run.astype(np.float64)
    else:
        end_al = end_run = np.zeros(nw)
    e_hi = np.minimum(pos + 1 + ALIGN_WINDOW, nw)
    end_rr = _window_share(in_r, pos + 1, e_hi, rw, tr)
    end_lr = _window_share(in_l, pos + 1, e_hi, lw, tl)
    # Order: al_left, al_right, sfx_left, pfx_right, win_ll, win_rr, win_lr, win_rl.
    return [start_al[w0], end_al[w1], start_run[w0], end_run[w1], start_ll[w0],
            end_rr[w1], end_lr[w1], start_rl[w0]]
