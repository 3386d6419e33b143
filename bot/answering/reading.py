"""Reading the passages search found: re-rank them, then score candidate answers.

One pipeline for answering and for training (the training script calls the same
functions, so the model learns on exactly the features it is used with):

1. :func:`read_passages` joins each hit with the tail of the passage before and the head
   of the one after (a boundary can fall between a topic and its fact), finds the
   question's words in it and computes the passage features;
2. the passage model re-ranks them (:func:`rerank`);
3. :func:`span_rows` proposes candidate answers in the best passages, around the
   densest cluster of the question's words, and computes their features.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

import numpy as np
import numpy.typing as npt

from bot.answering.candidates import CTYPES, MAX_CHARS, Candidates, propose
from bot.answering.features import (
    LEAD_CHARS,
    LIST_FEATURES,
    PASSAGE_FEATURES,
    SPAN_FEATURES,
    BoundaryTables,
    Occurrences,
    QuestionTerms,
    group_share,
    lead_groups_of,
    passage_features,
    rare_share,
    span_features,
    title_cover,
)
from bot.answering.model import AnswerModel
from bot.answering.occurrence_pass import JoinedTexts, cluster_masses
from bot.answering.question import QuestionFrame, QuestionInfo, with_people_units
from indexer.service import SearchHit
from indexer.tokenize import word_at
from knowledge.thai import normalize_arabic

__all__ = ["OFFICIAL_KINDS", "Passage", "SpanRows", "candidates_of", "clean_passage",
           "read_passages", "rerank", "span_rows", "unit_pattern"]

#: Passages (best re-ranked first) whose candidates are scored.
SPAN_PASSAGES = 4
#: The question types a clause span (a word span longer than
#: :data:`~bot.answering.candidates.MAX_CHARS`) may answer: a description or a list; a
#: date, count, place, person or title is a short name or value.
CLAUSE_QTYPES = frozenset({"what", "list"})
#: Characters read before and after the best cluster of a long passage text.
REGION_BEFORE = 250
REGION_AFTER = 450
#: Characters searched around a region's end for a word boundary, and read past the
#: counted unit a region is widened to.
EDGE_CHARS = 40
#: A neighbour's text is read up to this many characters from the passage.
NEIGHBOUR_CHARS = 600

_DIGIT = re.compile(r"\d")
_RARE = PASSAGE_FEATURES.index("rare_cover")

#: Passage texts whose cleaned form, and passage regions whose candidates, are kept
#: (least recently used dropped first).  Both are keyed by the text itself, so an edited
#: or re-read passage is a new key and nothing stale is ever served.  The candidates of a
#: region of about 650 characters take some 30 kB: the two caches stay under about
#: 15 MB.  The ministry's own passages are read for every question, and a question asked
#: again reads the same regions.
CLEAN_CACHE = 2048
CANDIDATE_CACHE = 256


@lru_cache(maxsize=CLEAN_CACHE)
def clean_passage(text: str) -> str:
    """A passage text normalised for display, with Arabic digits (cached, bounded)."""
    return normalize_arabic(text)


@lru_cache(maxsize=CANDIDATE_CACHE)
def candidates_of(text: str, lo: int, hi: int) -> Candidates:
    """:func:`~bot.answering.candidates.propose` of ``text[lo:hi]``, cached; read-only arrays.

    The arrays are shared by every later call with the same region: they are made
    read-only, so that no caller can change another question's candidates.
    """
    c = propose(text, lo, hi)
    for a in (c.words, c.start, c.end, c.w0, c.w1, c.ctype):
        a.flags.writeable = False
    return c


#: Document kinds of official Thai text (releases, report forms, progress updates): they
#: write a person's title before the name and bind each value to its owner by their words.
OFFICIAL_KINDS = frozenset({"report", "news", "update"})


@dataclass
class Passage:
    """A hit as read: its text with neighbours, where its own text is, and its features."""

    hit: SearchHit
    text: str
    own: tuple[int, int]
    occ: Occurrences
    mass: float
    cluster: int
    primary: bool
    features: list[float]
    score: float = 0.0
    rank: int = 0
    #: The text starts (ends) inside a neighbouring passage, whose document goes on
    #: before (after) it: a span touching that edge may be cut ("ณ ลานโปรโมชั่น" of
    #: "ณ ลานโปรโมชั่น ชั้น 1 ศูนย์การค้า...").
    open_start: bool = False
    open_end: bool = False

    def part_at(self, offset: int) -> int:
        """Which passage of the document holds ``text[offset]``, relative to the hit's own.

        -1: the passage before it (``text`` opens with that one's end), 1: the passage
        after it, 0: the hit's own passage.  A value read at ``offset`` is cited there:
        the neighbour has its own id and, in a PDF or Word original, maybe its own page.
        """
        lo, hi = self.own
        if offset < lo and self.open_start:
            return -1
        if offset >= hi and self.open_end:
            return 1
        return 0


def read_passages(
    hits: Sequence[SearchHit],
    context: dict[int, tuple[str, str]],
    terms: QuestionTerms,
    info: QuestionInfo,
    frame: QuestionFrame,
    primary: set[int],
    leads: Mapping[int, str] | None = None,
) -> list[Passage]:
    """Each hit with its neighbours, its question-word occurrences and passage features.

    ``context`` maps a hit's passage id to the texts of the passages before and after
    it, ``leads`` a document id to its first passage's text
    (:meth:`indexer.service.SearchIndex.leads`; without it, no document's opening is
    known).
    """
    top = max((h.score for h in hits), default=0.0) or 1.0
    texts: list[str] = []
    owns: list[tuple[int, int]] = []
    edges: list[tuple[bool, bool]] = []
    for hit in hits:
        prev, nxt = context.get(hit.passage_id, ("", ""))
        before = clean_passage(prev)[-NEIGHBOUR_CHARS:] if prev else ""
        own_text = clean_passage(hit.text)
        after = clean_passage(nxt)[:NEIGHBOUR_CHARS] if nxt else ""
        lo = len(before) + 1 if before else 0
        texts.append(" ".join(t for t in (before, own_text, after) if t))
        owns.append((lo, lo + len(own_text)))
        edges.append((bool(before), bool(after)))
    # Every text at once (issue 17): one fold, one search a token, one cluster pass.
    joined = JoinedTexts(texts)
    found = joined.find(terms.tokens)
    occs = found.per_text
    masses = cluster_masses(found, terms, terms.tokens)
    anchors = joined.holding(frame.before[0]) if frame.before else [False] * len(texts)
    typed = info.qtype in ("count", "date")
    title_share: dict[str, float] = {}  # a document's passages share its title
    out: list[Passage] = []
    for rank, hit in enumerate(hits):
        text, own, occ = texts[rank], owns[rank], occs[rank]
        mass, where = masses[rank]
        typed_near = 0.0
        if typed and where >= 0:
            typed_near = float(bool(_DIGIT.search(text, where, where + 200)))
        if (share := title_share.get(hit.title)) is None:
            share = title_share[hit.title] = title_cover(hit.title, terms)
        feats = passage_features(
            occ=occ, terms=terms, own=own, text_len=len(text), title=hit.title,
            title_share=share,
            bm25=hit.score, top_bm25=top, rank=rank, primary=hit.passage_id in primary,
            kind=hit.kind, typed_near=typed_near, anchor_near=float(anchors[rank]), mass=mass,
        )
        out.append(Passage(hit=hit, text=text, own=own, occ=occ, mass=mass, cluster=where,
                           primary=hit.passage_id in primary, features=feats,
                           open_start=edges[rank][0], open_end=edges[rank][1]))
    _list_features(out, terms, leads or {}, top)
    return out


def _list_features(passages: list[Passage], terms: QuestionTerms, leads: Mapping[int, str],
                   top: float) -> None:
    """Fill in the last :data:`LIST_FEATURES` passage features: each against the others.

    A document that several of the hits come from is more likely the one asked about;
    so is one whose opening (``leads``: document id -> its first passage's text) names
    the question's subject, or whose passages read together hold more of the question.
    The gaps are to the best passage read for the question (0 for the best).
    """
    if not passages:
        return
    by_doc: dict[int, list[Passage]] = {}
    for p in passages:
        by_doc.setdefault(p.hit.doc_id, []).append(p)
    lead: dict[int, tuple[frozenset[int], frozenset[int]]] = {}
    found: dict[int, set[int]] = {}
    gid = terms.group_of
    opening = {doc: clean_passage(text)[:LEAD_CHARS] for doc in by_doc
               if (text := leads.get(doc, ""))}
    first = dict(zip(opening, JoinedTexts(list(opening.values())).occurrences(
        terms.tokens, limit=1), strict=True))
    for doc, ps in by_doc.items():
        lead[doc] = (lead_groups_of(first[doc], terms) if doc in first
                     else (frozenset(), frozenset()))
        groups = set(lead[doc][0])
        for p in ps:
            groups.update(gid[t] for t in p.occ if t in gid)
        found[doc] = groups
    lead_cover = {d: group_share(g[0], terms) for d, g in lead.items()}
    doc_cover = {d: group_share(g, terms) for d, g in found.items()}
    rare = [p.features[_RARE] for p in passages]
    bm = np.array([p.hit.score for p in passages], dtype=np.float64)
    mean, std = float(bm.mean()), float(bm.std()) or 1.0
    best_mass = max(p.mass for p in passages)
    best_rare, best_lead, best_doc = max(rare), max(lead_cover.values()), max(doc_cover.values())
    # What is the same for every passage of a document, once a document.
    of_doc: dict[int, tuple[float, ...]] = {}
    for d, ps in by_doc.items():
        rels = [q.hit.score / top for q in ps]
        of_doc[d] = (float(len(rels)), max(rels), sum(rels), lead_cover[d],
                     group_share(lead[d][1], terms), doc_cover[d], rare_share(found[d], terms))
    for p, r in zip(passages, rare, strict=True):
        doc = p.hit.doc_id
        p.features[-LIST_FEATURES:] = [
            *of_doc[doc],
            p.mass - best_mass, r - best_rare, lead_cover[doc] - best_lead,
            doc_cover[doc] - best_doc, (p.hit.score - mean) / std,
        ]


def rerank(passages: list[Passage], model: AnswerModel) -> list[Passage]:
    """The passages ordered by the passage model's score (best first); sets ``score``/``rank``."""
    if not passages:
        return []
    x = np.array([p.features for p in passages], dtype=np.float64)
    scores = model.passage.predict(x)
    for p, sc in zip(passages, scores, strict=True):
        p.score = float(sc)
    ordered = sorted(passages, key=lambda p: -p.score)
    for i, p in enumerate(ordered):
        p.rank = i
    return ordered


@dataclass
class SpanRows:
    """Candidates of the best passages and their feature rows (``owner[i]`` is row i's)."""

    cands: list[Candidates]
    passages: list[Passage]
    x: npt.NDArray[np.float32]
    owner: npt.NDArray[np.int64]
    index: npt.NDArray[np.int64]

    def ctype(self, row: int) -> str:
        """The candidate type (:data:`~bot.answering.candidates.CTYPES`) of feature row ``row``."""
        return CTYPES[int(self.cands[int(self.owner[row])].ctype[int(self.index[row])])]

    def span(self, row: int) -> tuple[Passage, int, int]:
        """The passage and character offsets of feature row ``row``."""
        c = self.cands[int(self.owner[row])]
        k = int(self.index[row])
        return self.passages[int(self.owner[row])], int(c.start[k]), int(c.end[k])


def unit_pattern(unit: str) -> re.Pattern[str] | None:
    """A number followed by one of the asked units (``info.unit``, ``"|"``-separated), or None."""
    units = [u for u in with_people_units(unit).split("|") if u]  # "กี่คน": "111,700 ราย"
    if not units:
        return None
    alt = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))
    # "1.8 ล้านบาท", "103 รางวัล"; not a list's "10. รางวัล...".
    return re.compile(rf"\d[\d,]*(?:\.\d+)?\s*(?:{alt})")


def _word_edge(text: str, pos: int, *, forward: bool) -> int:
    """``pos`` moved to the nearest word boundary (forward: a word's end; back: its start).

    A boundary is a space or the start or end of the text, else where the segmenter
    ends a word within :data:`EDGE_CHARS` of ``pos``; ``pos`` itself when none is found.
    """
    if pos <= 0 or pos >= len(text) or text[pos - 1].isspace() or text[pos].isspace():
        return pos
    lo = max(0, pos - EDGE_CHARS)
    # Only the run of letters around ``pos`` is segmented (``word_at``): the word of the
    # window's segmentation that holds it, as a walk over ``word_spans`` would find.
    word = word_at(text[lo:pos + EDGE_CHARS], pos - lo)
    if word is None:
        return pos
    return word[1] + lo if forward else word[0] + lo


def _region(p: Passage, info: QuestionInfo) -> tuple[int, int]:
    """The characters of ``p.text`` whose candidates are proposed: ``(lo, hi)``.

    :data:`REGION_BEFORE` characters before the best cluster of the question's words
    and up to :data:`REGION_AFTER` after it, widened to the nearest number followed by
    the unit the question counts in ("SDGs มีกี่เป้าหมาย": "ครอบคลุมทั้ง 17 เป้าหมาย"
    may stand after the window), both ends on word boundaries (never a span that ends
    inside a word, "2 มิ" of "2 มิติ").
    """
    n = len(p.text)
    if n <= REGION_BEFORE + REGION_AFTER or p.cluster < 0:
        return 0, n
    lo = max(0, p.cluster - REGION_BEFORE)
    hi = min(n, lo + REGION_BEFORE + REGION_AFTER)
    unit = unit_pattern(info.unit) if info.qtype == "count" and info.unit else None
    if unit is not None and not unit.search(p.text, lo, hi):
        # The nearest after the window, else the nearest before it (one that starts
        # before the window but ends in it counts as before).
        after = unit.search(p.text, hi)
        before = [m for m in unit.finditer(p.text, 0, hi) if m.start() < lo]
        if after is not None:
            hi = min(n, after.end() + EDGE_CHARS)
        elif before:
            lo = max(0, before[-1].start() - EDGE_CHARS)
    return _word_edge(p.text, lo, forward=False), _word_edge(p.text, hi, forward=True)


def _whole_spans(p: Passage, c: Candidates, read: set[tuple[int, int]]) -> npt.NDArray[np.bool_]:
    """Which candidates of ``p`` are not cut by the edge of its neighbours' text.

    A span that touches the end (start) of ``p.text`` where the document goes on may
    be the first (last) part of a longer name or value ("ณ ลานโปรโมชั่น" of "ณ
    ลานโปรโมชั่น ชั้น 1 ศูนย์การค้า..."); when the next (previous) passage is also read
    (``read``: the ``(document, ordinal)`` of the passages whose candidates are
    proposed), its text reaches further and proposes the span whole.
    """
    keep = np.ones(len(c), dtype=bool)
    doc, ordinal = p.hit.doc_id, p.hit.ordinal
    if p.open_end and (doc, ordinal + 1) in read:
        keep &= c.end < len(p.text.rstrip())
    if p.open_start and (doc, ordinal - 1) in read:
        keep &= c.start > len(p.text) - len(p.text.lstrip())
    return keep


def _featured(p: Passage, c: Candidates, read: set[tuple[int, int]], top: float,
              repeats: Counter[str], terms: QuestionTerms, info: QuestionInfo,
              frame: QuestionFrame, tables: BoundaryTables,
              ) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.int64]]:
    """The feature rows of passage ``p``'s candidates ``c`` that may answer, and their indices.

    ``read``: the (document, ordinal) of every passage read with it; ``top``: their best
    BM25 score; ``repeats``: how many of them state each candidate.
    """
    whole = _whole_spans(p, c, read)
    if info.qtype not in CLAUSE_QTYPES:
        whole &= (c.ctype != 0) | (c.end - c.start <= MAX_CHARS)
    rows = np.flatnonzero(whole).astype(np.int64)
    # Features of the candidates kept only: each row depends on its own candidate
    # alone (and on the passage), so these are the rows of the whole matrix.
    x = span_features(
        c if len(rows) == len(c) else c.take(rows), occ=p.occ, terms=terms, info=info,
        frame=frame, tables=tables, own=p.own,
        passage=(p.score, p.rank, p.hit.score / top, float(p.primary), p.mass),
        repeats=repeats,
    )
    return x, rows


def span_rows(
    passages: Sequence[Passage],
    terms: QuestionTerms,
    info: QuestionInfo,
    frame: QuestionFrame,
    tables: BoundaryTables,
    keep: Callable[[Passage], bool] | None = None,
    *,
    leads: bool = False,
) -> SpanRows:
    """Candidates and features for the first :data:`SPAN_PASSAGES` passages (re-ranked).

    With ``leads``, the opening passage of each of their documents is read too, when it
    is among ``passages`` and ``keep`` allows it: a release states when and where its
    event took place in its first sentence ("วันนี้ (27 มี.ค. 66) 15.00 น. ณ ห้องประชุม
    ราชบพิธ ..."), which need not be the passage that names the event best.
    """
    # The first that ``keep`` allows: it is not asked about the passages after them.
    chosen = list(islice((p for p in passages if keep is None or keep(p)), SPAN_PASSAGES))
    if leads:
        docs = {p.hit.doc_id for p in chosen}
        have = {(p.hit.doc_id, p.hit.ordinal) for p in chosen}
        for p in passages:
            if (p.hit.ordinal == 0 and p.hit.doc_id in docs and (p.hit.doc_id, 0) not in have
                    and (keep is None or keep(p))):
                chosen.append(p)
                have.add((p.hit.doc_id, 0))
    cands = [candidates_of(p.text, *_region(p, info)) for p in chosen]
    repeats: Counter[str] = Counter()
    for c in cands:
        repeats.update({c.span(int(i)) for i in np.flatnonzero(c.ctype != 0)})
    top = max((p.hit.score for p in chosen), default=0.0) or 1.0
    read = {(p.hit.doc_id, p.hit.ordinal) for p in chosen}
    blocks = []
    owner = []
    index = []
    for k, (p, c) in enumerate(zip(chosen, cands, strict=True)):
        x, rows = _featured(p, c, read, top, repeats, terms, info, frame, tables)
        blocks.append(x)
        owner.append(np.full(len(rows), k, dtype=np.int64))
        index.append(rows)
    if not blocks:
        return SpanRows([], [], np.zeros((0, len(SPAN_FEATURES)), np.float32),
                        np.zeros(0, np.int64), np.zeros(0, np.int64))
    return SpanRows(cands, list(chosen), np.concatenate(blocks), np.concatenate(owner),
                    np.concatenate(index))


def extended_rows(rows: SpanRows, more: Sequence[Passage], terms: QuestionTerms,
                  info: QuestionInfo, frame: QuestionFrame, tables: BoundaryTables) -> SpanRows:
    """``rows`` with the candidates of the passages ``more`` after its own.

    ``rows``' feature rows are kept as they are (so their scores stay those compared
    already); ``more``'s are featured as :func:`span_rows` features them, read
    together with ``rows``' passages (the repeated values, the best BM25 score, the
    passages read around a span are all of them).  ``more`` holds passages not in
    ``rows``.
    """
    if not more:
        return rows
    chosen = [*rows.passages, *more]
    cands = [*rows.cands, *(candidates_of(p.text, *_region(p, info)) for p in more)]
    repeats: Counter[str] = Counter()
    for c in cands:
        repeats.update({c.span(int(i)) for i in np.flatnonzero(c.ctype != 0)})
    top = max((p.hit.score for p in chosen), default=0.0) or 1.0
    read = {(p.hit.doc_id, p.hit.ordinal) for p in chosen}
    blocks, owner, index = [rows.x], [rows.owner], [rows.index]
    for k in range(len(rows.passages), len(chosen)):
        x, kept = _featured(chosen[k], cands[k], read, top, repeats, terms, info, frame,
                            tables)
        blocks.append(x)
        owner.append(np.full(len(kept), k, dtype=np.int64))
        index.append(kept)
    return SpanRows(cands, chosen, np.concatenate(blocks), np.concatenate(owner),
                    np.concatenate(index))
