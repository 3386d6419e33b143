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

