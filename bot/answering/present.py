"""Questions about the present over dated releases: the newest figure, and conflicting ones.

A running count ("ไกล่เกลี่ยหนี้นอกระบบสำเร็จแล้วกี่ราย", "ผู้ใช้สิทธิสะสมล่าสุดกี่คน") is
stated again in release after release, each as of its day.  BM25 ranks them by words, not
by date, so the newest release may not be among the passages read, nor among the few
the span model reads.  This module picks, by date, the newest releases that match the
question about as well as the best (:func:`newest_matching`: among BM25's many hits;
:func:`newest_covering`: among the passages read), and tells when two releases of the
same day give different figures for the same thing (:func:`same_day_figure`).

Pure functions over hits, passages and candidate rows; the answerer reads and scores.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence

import numpy as np

from bot.answering.candidates import candidate_unit
from bot.answering.constraints import Demand, demanded
from bot.answering.model import AnswerModel
from bot.answering.places import province_names
from bot.answering.reading import Passage, SpanRows
from knowledge.thai import to_arabic_digits

__all__ = ["PRESENT_DOCUMENTS", "PRESENT_POOL", "PRESENT_SHARE", "SERIES_DOCUMENTS",
           "SERIES_FLOOR", "figure", "figure_label", "latest_restated", "names_present",
           "newest_covering", "newest_matching", "same_day_figure", "same_label"]

#: BM25 hits looked at for a question about the present (passages, best first): the
#: newest releases that match well are read besides the usual top passages.  The news
#: archive's daily releases of one running count hold the question's words about
#: equally, so the newest of them ranks anywhere in the first few hundred.
PRESENT_POOL = 300
#: ... those scoring at least this share of the best BM25 score: in the news archive a
#: daily series' releases score 0.9-1.0 of the best, another matter that shares most
#: words (the registration count beside the mediation count) 0.80-0.87.
PRESENT_SHARE = 0.85
#: ... the newest this many documents of them (their best passage each).
PRESENT_DOCUMENTS = 4
#: Of the passages read, the newest this many documents newer than the best answer's are
#: read for their figures too (each costs its candidates' features, some 3 ms).
PRESENT_SPAN_DOCUMENTS = 2


def figure(span: str) -> str:
    """A candidate's value for comparing: its digits and unit, spaces folded."""
    return " ".join(to_arabic_digits(span).split())


#: A dated series (the daily releases of one running count) may score below the best
#: hit, a release of another matter that shares a word of the question ("แก้หนี้" beside
#: the series' "แก้ไขปัญหาหนี้", 0.71-0.75 of the best): for a question that names the
#: present, the band of documents scoring alike (within :data:`PRESENT_SHARE` of one
#: another) that holds the most documents, at least :data:`SERIES_DOCUMENTS` and more
#: than the best's band, down to this share of the best, is a series whose newest are read.
SERIES_FLOOR = 0.6
#: ... the fewest documents such a band holds.
SERIES_DOCUMENTS = 5
#: The words of a question that names the present ("ล่าสุด", "ตอนนี้", "ปัจจุบัน",
#: "latest", "so far", "to date"); "ส่งเรื่องดำเนินคดีแล้วกี่คดี" names none.
_NAMES_PRESENT = re.compile(
    r"ล่าสุด|ตอนนี้|ขณะนี้|(?<!ยุค)(?<!สมัย)(?<!ที่)(?<!พันธุ์)ปัจจุบัน"
    r"|\b(?:latest|so\s+far|to\s+date|currently|at\s+present)\b", re.I)


def names_present(question: str) -> bool:
    """Whether ``question`` names the present in so many words (:data:`_NAMES_PRESENT`)."""
    return bool(_NAMES_PRESENT.search(question))


def _series_floor(best: Mapping[int, tuple[dt.date, int, float]], top: float,
                  share: float) -> float | None:
    """The lowest score of the densest band of documents scoring alike, or None.

    ``best``: each dated document's ``(date, passage id, score)``; ``top``: the pool's best
    score.  Bands run from a document's score down to ``share`` of it, anchored at
    documents scoring at least :data:`SERIES_FLOOR` of ``top``; the densest (most
    documents; the higher at a tie) is returned when it holds at least
    :data:`SERIES_DOCUMENTS` documents and more than the band of ``top``.
    """
    scores = sorted((v[2] for v in best.values()), reverse=True)
    top_count = sum(sc >= share * top for sc in scores)
    chosen: tuple[int, float] | None = None
    for anchor in scores:
        if anchor < SERIES_FLOOR * top:
            break
        count = sum(share * anchor <= sc <= anchor for sc in scores)
        if chosen is None or count > chosen[0]:
            chosen = (count, anchor)
    if chosen is None or chosen[0] < SERIES_DOCUMENTS or chosen[0] <= top_count:
        return None
    return share * chosen[1]


def newest_matching(pool: Sequence[tuple[int, float]],
                    dates_of: Callable[[list[int]], Mapping[int, tuple[int, dt.date | None]]],
                    read: Sequence[tuple[int, float]], *,
                    share: float = PRESENT_SHARE,
                    documents: int = PRESENT_DOCUMENTS,
                    series: bool = False) -> list[tuple[int, float]]:
    """The best passage of each of the newest documents that match nearly as well as the best.

    ``pool``: BM25's ``(passage id, score)`` hits, best first; ``dates_of``: the
    ``(document id, date)`` of each readable passage among the ids given
    (:meth:`~indexer.service.SearchIndex.passage_dates`, read once, for the hits that
    score enough; a passage missing there is not readable); ``read``: the hits read
    anyway.  Of the dated documents whose best passage scores at least ``share`` of
    the pool's best, the newest ``documents`` are taken; with ``series`` (the question
    names the present), the newest ``documents`` of the densest band of documents
    scoring alike (:func:`_series_floor`) too.  The returned ``(passage id, score)``
    pairs are those of them not read anyway (none when the newest are read).
    """
    if not pool:
        return []
    top = pool[0][1]
    floor = (SERIES_FLOOR if series else share) * top
    matching = [(pid, score) for pid, score in pool if score >= floor]
    dates = dates_of([pid for pid, _ in matching])
    best: dict[int, tuple[dt.date, int, float]] = {}
    for pid, score in matching:
        doc, date = dates.get(pid, (None, None))
        if doc is None or date is None or doc in best:
            continue
        best[doc] = (date, pid, score)
    bands = [(share * top, top)]
    low = _series_floor(best, top, share) if series else None
    if low is not None:
        bands.append((low, low / share))
    chosen: list[tuple[dt.date, int, float]] = []
    for lo, hi in bands:
        band = [v for v in best.values() if lo <= v[2] <= hi]
        for v in sorted(band, key=lambda v: v[0], reverse=True)[:documents]:
            if v not in chosen:
                chosen.append(v)
    read_docs = {dates[pid][0] for pid, _ in read if pid in dates}
    return [(pid, score) for date, pid, score in chosen
            if dates[pid][0] not in read_docs]


def newest_covering(passages: Sequence[Passage], best: Passage, read: Sequence[Passage],
                    keep: Callable[[Passage], bool], *, slack: float,
                    documents: int = PRESENT_SPAN_DOCUMENTS) -> list[Passage]:
    """Passages of the newest documents newer than ``best``'s that cover the question as well.

    Of ``passages`` (re-ranked, best first): dated, not the ministry's own record,
    allowed by ``keep``, with a cluster share (``Passage.mass``) at least ``best``'s
    less ``slack``, and of a document none of ``read`` is of; the first (best-ranked)
    passage of each such document, for the ``documents`` newest documents, newest
    first.  Empty when ``best`` is undated.
    """
    if best.hit.date is None:
        return []
    seen = {p.hit.doc_id for p in read}
    chosen: dict[int, Passage] = {}
    for p in passages:
        doc = p.hit.doc_id
        if (doc in seen or doc in chosen or p.primary or p.hit.date is None
                or p.hit.date <= best.hit.date or p.mass < best.mass - slack or not keep(p)):
            continue
        chosen[doc] = p
    return sorted(chosen.values(), key=lambda p: p.hit.date or dt.date.min,
                  reverse=True)[:documents]


#: Words that may stand between a figure's label and the figure, and say nothing of
#: what is counted ("ไกล่เกลี่ยสำเร็จแล้ว จำนวน 26,719 ราย").
_FILLER = re.compile(r"แล้ว|จำนวน|ทั้งสิ้น|กว่า|ประมาณ|ราว|อยู่ที่|เป็น|มี|ได้|คือ|\s+|[:：,]")
#: Where the clause that labels a figure begins: a sentence or list break, or another
#: figure before it.
_CLAUSE_START = re.compile(r"[\d๐-๙][\d๐-๙,.]*\s*\S{0,12}?\s|[.;!?)\]\n]|\s\d+\)\s")
#: Characters of the label kept (its end, right before the figure).
LABEL_CHARS = 12
#: Two labels name the same quantity when they end alike in this many characters (or
#: are equal): "สามารถไกล่เกลี่ยสำเร็จ" and "ไกล่เกลี่ยสำเร็จ", not "ระหว่างไกล่เกลี่ยอีกเพียง".
LABEL_AGREE = 6
#: Nouns a label may name its verb's object by ("ไกล่เกลี่ยหนี้" is "ไกล่เกลี่ย"), and their
#: longest length in characters.
LABEL_OBJECTS = frozenset({"หนี้", "คดี", "เรื่อง"})
LABEL_OBJECT_CHARS = 5
#: Characters before a figure searched for the places it is of.
PLACE_WINDOW = 160
#: Two figures for the same thing on the same day differ by a typo or an hour's
#: update: at most this share of the larger.  A part and its total, or two places'
#: counts under the same label, mostly differ by more.
CLOSE_SHARE = 0.1


def figure_label(text: str, start: int) -> str:
    """What ``text`` says is counted right before the figure at ``start``, fillers dropped.

    The clause back to the previous figure or sentence break, its last
    :data:`LABEL_CHARS` characters after the fillers (:data:`_FILLER`) are dropped:
    "สามารถไกล่เกลี่ยสำเร็จ 26,719 ราย" -> "ไกล่เกลี่ยสำเร็จ".
    """
    before = text[max(0, start - 80):start]
    cut = 0
    for m in _CLAUSE_START.finditer(before):
        cut = m.end()
    return _FILLER.sub("", before[cut:])[-LABEL_CHARS:]


def same_label(a: str, b: str) -> bool:
    """Whether two figures' labels (:func:`figure_label`) name the same quantity.

    Equal, or ending in the same :data:`LABEL_AGREE` characters, or so once one names
    its verb's object (:data:`LABEL_OBJECTS`: "ไกล่เกลี่ยหนี้", "ไกล่เกลี่ย"); an empty
    label agrees with nothing.
    """
    if not a or not b:
        return False
    if a == b or (min(len(a), len(b)) >= LABEL_AGREE and a[-LABEL_AGREE:] == b[-LABEL_AGREE:]):
        return True
    # "ไกล่เกลี่ยหนี้แล้ว" and "ไกล่เกลี่ยแล้ว": the same verb, one naming its object.
    short, long_ = sorted((a, b), key=len)
    return len(short) >= LABEL_AGREE and any(
        long_[:-k].endswith(short[-LABEL_AGREE:]) and long_[-k:] in LABEL_OBJECTS
        for k in range(1, LABEL_OBJECT_CHARS + 1))


def _places(text: str, start: int) -> frozenset[str]:
    """The provinces named in the :data:`PLACE_WINDOW` characters before ``start``."""
    window = text[max(0, start - PLACE_WINDOW):start]
    return frozenset(p for p in province_names() if p in window)


def _number(span: str) -> float | None:
    m = re.search(r"\d[\d,]*(?:\.\d+)?", to_arabic_digits(span))
    if m is None:
        return None
    try:
        return float(m.group(0).replace(",", ""))
    except ValueError:
        return None


def _competing(rows: SpanRows, best_row: int, best_score: float, demand: Demand,
               model: AnswerModel, floor: float, *, margin: float, slack: float,
               keep: Callable[[Passage], bool]) -> list[tuple[int, float, str]]:
    """Other documents' figures that compete with the best one (``best_row``) for the answer.

    ``rows``' candidates of the asked kind (:func:`~bot.answering.constraints.demanded`)
    from passages of other dated documents (not the ministry's own record) that ``keep``
    allows and that cover the question within ``slack`` of the best's, scored by the span
    model within ``margin`` of ``best_score`` and not below ``floor``, whose figure is
    another (:func:`figure`: not the best's, nor one its passage writes) in the best's
    unit.  ``(row, score, figure)`` each, in ``rows``' order; empty when fewer than two
    candidates are of the asked kind.
    """
    p0, a0, b0 = rows.span(best_row)
    value0 = figure(p0.text[a0:b0])
    unit0 = candidate_unit(value0)
    allowed, _ = demanded(rows, demand)
    idx = np.flatnonzero(allowed)
    if len(idx) < 2:
        return []
    others = [r for r in idx.tolist() if (p := rows.span(r)[0]).hit.doc_id != p0.hit.doc_id
              and not p.primary and p.hit.date is not None and p.mass >= p0.mass - slack
              and keep(p)]
    if not others:
        return []
    out = []
    for r, score in zip(others, model.span.predict(rows.x[others]).tolist(), strict=True):
        if score < max(floor, best_score - margin):
            continue
        p, a, b = rows.span(r)
        value = figure(p.text[a:b])
        if value == value0 or candidate_unit(value) != unit0 or value in p0.text:
            continue
        out.append((r, float(score), value))
    return out


def latest_restated(rows: SpanRows, best_row: int, best_score: float, demand: Demand,
                    model: AnswerModel, floor: float, *, margin: float, slack: float,
                    agree: Callable[[int], bool] | None = None) -> tuple[int, float] | None:
    """The latest document's figure where several dated documents state the one asked.

    The figures that compete with the best one (:func:`_competing`: of other dated
    documents, scored within ``margin`` of ``best_score`` and not below ``floor``, from
    passages covering the question within ``slack`` of the best's, in its unit): the
    question is answered by each document as of its day.  Returns ``(row, score)`` of
    the best-scored such figure of the latest document, or the best one itself when its
    document is the latest; None when no other document competes (or the best is the
    ministry's own record or undated).  ``agree``: which other rows may compete (all
    when None).
    """
    p0, a0, b0 = rows.span(best_row)
    if p0.primary or p0.hit.date is None or candidate_unit(figure(p0.text[a0:b0])) is None:
        return None
    newest: tuple[dt.date, float, int] | None = None
    for r, score, _ in _competing(rows, best_row, best_score, demand, model, floor,
                                  margin=margin, slack=slack, keep=lambda p: True):
        if agree is not None and not agree(r):
            continue
        date = rows.span(r)[0].hit.date
        if date is None:  # (none: _competing reads dated documents only)
            continue
        if newest is None or (date, score) > newest[:2]:
            newest = (date, score, r)
    if newest is None:
        return None
    if newest[0] > p0.hit.date:
        return newest[2], newest[1]
    return best_row, best_score


def same_day_figure(rows: SpanRows, best_row: int, best_score: float, demand: Demand,
                    model: AnswerModel, floor: float, *, margin: float, slack: float,
                    as_of: Callable[[Passage], dt.date | None]) -> int | None:
    """Another document's different figure for the same quantity on the same day, or None.

    Of the figures that compete with the best one (:func:`_competing`: of other
    documents, scored within ``margin`` of ``best_score`` and not below ``floor``, from
    passages covering the question within ``slack`` of the best's, in its unit), one of
    a document dated the same day (and, where both passages state the day their figures
    hold as of, ``as_of``, the same such day), within :data:`CLOSE_SHARE` of it, written
    with the same label (:func:`same_label`) and after the same provinces, is another
    release's figure for the same thing.  Returns the best-scored such row.
    """
    p0, a0, b0 = rows.span(best_row)
    if p0.primary or p0.hit.date is None:
        return None
    value0 = figure(p0.text[a0:b0])
    n0 = _number(value0)
    if candidate_unit(value0) is None or not n0:
        return None
    label0 = figure_label(p0.text, a0)
    if not label0:
        return None
    # Only another document of the same day is scored.
    rivals = _competing(rows, best_row, best_score, demand, model, floor, margin=margin,
                        slack=slack, keep=lambda p: p.hit.date == p0.hit.date)
    if not rivals:
        return None
    day0 = as_of(p0)
    places0 = _places(p0.text, a0)
    found: tuple[float, int] | None = None
    for r, score, value in rivals:
        p, a, _ = rows.span(r)
        day = as_of(p)
        if day0 is not None and day is not None and day != day0:
            continue
        n = _number(value)
        if (n is None or abs(n - n0) > CLOSE_SHARE * max(n, n0)
                or not same_label(figure_label(p.text, a), label0)
                or _places(p.text, a) != places0):
            continue
        if found is None or score > found[0]:
            found = (score, r)
    return None if found is None else found[1]
