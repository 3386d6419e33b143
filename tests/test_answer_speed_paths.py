"""The answerer's shorter paths compute what the longer ones did (issue 12's speed target).

* :func:`indexer.tokenize.word_at` segments only the run of letters around a position:
  it must give the word a walk over :func:`indexer.tokenize.word_spans` gives, for every
  position of windows cut anywhere out of real text (the answerer's region edges);
* :func:`bot.answering.reading.span_rows` computes the features of the candidates it
  keeps only: the rows must be those of the whole matrix, and no feature row may be
  computed for a candidate that is dropped.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import bot.answering.reading as reading
from bot.answering.features import BoundaryTables, QuestionTerms, occurrences
from bot.answering.question import analyse_question, question_frame
from indexer.tokenize import token_groups, word_at, word_spans
from knowledge.thai import normalize_arabic

SAMPLE = Path(__file__).resolve().parent.parent / "knowledge" / "sample"


def _texts() -> list[str]:
    return [normalize_arabic(p.read_text(encoding="utf-8")) for p in sorted(SAMPLE.glob("*.txt"))]


def _walk(text: str, pos: int) -> tuple[int, int] | None:
    """What the answerer did before: the first word of ``word_spans`` holding ``pos``."""
    for a, b in word_spans(text):
        if a < pos < b:
            return a, b
    return None


def test_word_at_is_the_walk_over_word_spans_in_cut_windows() -> None:
    checked = 0
    for text in _texts():
        # Windows of 80 characters cut every 37 characters: their edges fall inside words.
        for lo in range(0, max(1, len(text) - 80), 37):
            window = text[lo:lo + 80]
            for pos in range(len(window) + 1):
                assert word_at(window, pos) == _walk(window, pos), (window, pos)
                checked += 1
    assert checked > 10_000


def test_word_at_outside_every_word() -> None:
    assert word_at("", 0) is None
    assert word_at("ab cd", 2) is None  # at a word's end
    assert word_at("ab cd", 1) == (0, 2)
    assert word_at("12,500 บาท", 3) == _walk("12,500 บาท", 3)


def _question_parts(q: str) -> tuple[object, ...]:
    info = analyse_question(q)
    groups = [g for g in token_groups(q) if g]
    terms = QuestionTerms.build(groups, {t: 1.0 for g in groups for t in g})
    return info, terms, question_frame(q)


@pytest.mark.parametrize("question", [
    "จังหวัดบึงกาฬมีธนาคารขยะกี่แห่ง",        # a count: clause spans dropped
    "ธนาคารขยะคืออะไร",                        # a description: clause spans kept
])
def test_span_rows_computes_the_rows_it_keeps_only(question: str,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    info, terms, frame = _question_parts(question)
    text = _texts()[0]
    occ = occurrences(text, terms.tokens)  # type: ignore[attr-defined]
    hit = type("Hit", (), {"doc_id": 1, "ordinal": 0, "score": 3.0, "passage_id": 1,
                           "kind": "news", "title": "", "date": None})()
    passage = reading.Passage(hit=hit, text=text, own=(0, len(text)), occ=occ, mass=0.5,  # type: ignore[arg-type]
                              cluster=-1, primary=False, features=[], score=1.0, rank=0)
    tables = BoundaryTables.empty()
    computed: list[int] = []
    real = reading.span_features

    def counted(cands, **kw):  # type: ignore[no-untyped-def]
        computed.append(len(cands))
        return real(cands, **kw)

    monkeypatch.setattr(reading, "span_features", counted)
    rows = reading.span_rows([passage], terms, info, frame, tables)  # type: ignore[arg-type]
    assert computed == [len(rows.x)]  # no row computed for a dropped candidate
    # The rows kept are those of the whole matrix, computed for every candidate.
    cands = rows.cands[0]
    whole = real(cands, occ=occ, terms=terms, info=info, frame=frame,  # type: ignore[arg-type]
                 tables=tables, own=passage.own,
                 passage=(1.0, 0, 1.0, 0.0, 0.5),
                 repeats=_repeats(cands))
    assert np.array_equal(rows.x, whole[rows.index])
    if info.qtype not in reading.CLAUSE_QTYPES:  # type: ignore[attr-defined]
        assert len(rows.x) < len(cands)


def _repeats(cands):  # type: ignore[no-untyped-def]
    from collections import Counter

    return Counter({cands.span(int(i)) for i in np.flatnonzero(cands.ctype != 0)})



@pytest.mark.parametrize("kernel", ["numpy", "numba"])
def test_a_rows_tree_score_does_not_depend_on_the_rows_scored_with_it(kernel: str) -> None:
    from bot.answering.model import load_model
    from indexer.bm25 import set_kernel

    model = load_model()
    old = set_kernel(kernel)
    try:
        rng = np.random.default_rng(7)
        for _ in range(20):
            n = int(rng.integers(1, 300))
            x = (rng.standard_normal((n, model.span.n_features)) * 20).astype(np.float32)
            some = np.sort(rng.choice(n, size=int(rng.integers(1, n + 1)), replace=False))
            assert np.array_equal(model.span.predict(x)[some], model.span.predict(x[some]))
    finally:
        set_kernel(old)


def test_best_span_scores_only_the_rows_allowed_to_win(monkeypatch: pytest.MonkeyPatch) -> None:
    import bot.answering.answerer as answerer
    from bot.answering.constraints import Demand
    from bot.answering.model import load_model

    model = load_model()
    rng = np.random.default_rng(3)
    n = 600
    x = (rng.standard_normal((n, model.span.n_features)) * 10).astype(np.float32)
    rows = reading.SpanRows([], [], x, np.zeros(n, np.int64), np.arange(n, dtype=np.int64))
    allowed = np.zeros(n, dtype=bool)
    allowed[[5, 77, 300, 599]] = True
    monkeypatch.setattr(answerer, "demanded", lambda r, d: (allowed, "type"))
    scored: list[int] = []
    real = type(model.span).predict

    def counted(self, x):  # type: ignore[no-untyped-def]
        scored.append(len(x))
        return real(self, x)

    monkeypatch.setattr(type(model.span), "predict", counted)
    demand = Demand(info=analyse_question("มีกี่แห่ง"))
    row, score, constraint = answerer._best_span(rows, demand, model)
    assert scored == [4] and constraint == "type"
    # What scoring every kept row and masking the others gave.
    pre = model.span_filter.predict(x)
    keep = answerer._union(pre.argsort()[::-1][:model.keep],
                           np.flatnonzero(allowed)[np.argsort(-pre[allowed])]
                           [:answerer.MAX_TYPED_KEPT])
    full = np.where(allowed[keep], real(model.span, x[keep]), -np.inf)
    assert (row, score) == (int(keep[int(full.argmax())]), float(full.max()))


def test_textcut_segments_the_tail_after_a_space_as_newmm_segments_the_whole_window() -> None:
    """``knowledge.textcut`` segments only the words after the last safe space before a cut.

    For every window (210 characters cut every 53 of the bundled texts) and every
    position where :func:`knowledge.textcut._restart` finds such a space, the word ends
    of the whole window from there on must be the tail's; and ``shorten`` must cut
    where it cut when it segmented the whole window.
    """
    import knowledge.textcut as tc

    checked = 0
    for text in _texts():
        for lo in range(0, max(1, len(text) - 200), 53):
            window = text[lo:lo + 210]
            for pos in range(20, min(len(window), 170), 11):
                start = tc._restart(window, pos)
                if not start:
                    continue
                assert 0 < start <= pos
                whole = {e for e in tc._word_ends(window) if e >= start}
                tail = {start + e for e in tc._word_ends(window[start:])} | {start}
                assert whole == tail, (window, pos, start)
                checked += 1
    assert checked > 1_000


def test_spaced_words_are_every_dictionary_word_with_a_space_or_tab_inside() -> None:
    """Only words holding a space or tab are walked (session 20): the same lists, in order."""
    import knowledge.textcut as tc
    from knowledge.worddict import default_words

    by_next: dict[str, list[str]] = {}
    for word in default_words():  # every word, character by character, as before
        for i in range(len(word) - 1):
            if word[i] in " \t" and word[i + 1] not in " \t":
                by_next.setdefault(word[i + 1], []).append(word)
    want = {c: tuple(dict.fromkeys(ws)) for c, ws in by_next.items()}
    assert tc._spaced_words() == want and len(want) > 10


def test_textcut_never_restarts_inside_a_spaced_dictionary_word(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import knowledge.textcut as tc

    name = "กระทรวงการอุดมศึกษา วิทยาศาสตร์ วิจัยและนวัตกรรม"
    assert name in tc._spaced_words()["ว"]
    window = "ข่าวจาก" + name + "แถลงว่าโครงการนี้ได้รับงบประมาณเพิ่ม"
    start = tc._restart(window, len(window) - 5)
    assert start == 0  # both spaces are inside the ministry's name, a dictionary word
    assert tc._restart("ข่าว วันนี้ฝนตก", 12) == 5
    cuts = []
    for text in _texts():
        for budget in (40, 90, 150):
            cuts.append(tc._cut(text[:400], budget, len))
    monkeypatch.setattr(tc, "_restart", lambda window, pos: 0)  # the whole window, as before
    budgets = (40, 90, 150)
    assert cuts == [tc._cut(text[:400], budget, len) for text in _texts() for budget in budgets]
