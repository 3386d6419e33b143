"""The compiled span-feature loops give the numpy forms' features bit for bit.

A process that runs the compiled search also computes the word alignment, the nearest
question words and the densest cluster of them with numba
(:mod:`bot.answering.feature_kernel`); every other process uses numpy.  The model must
see the same numbers either way.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from bot.answering.candidates import propose
from bot.answering.features import (
    BoundaryTables,
    QuestionTerms,
    cluster_mass,
    occurrences,
    span_features,
)
from bot.answering.question import analyse_question, question_frame
from bot.answering.reading import clean_passage
from indexer.bm25 import set_kernel
from indexer.tokenize import token_groups

XQUAD = Path(__file__).resolve().parent / "data" / "xquad-th"


def _cases(limit: int = 40) -> Iterator[tuple[str, str]]:
    corpus = {}
    for line in (XQUAD / "corpus.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        corpus[row["title"]] = row["text"]
    for line in (XQUAD / "questions.jsonl").read_text(encoding="utf-8").splitlines()[:limit]:
        row = json.loads(line)
        yield row["question"], clean_passage(corpus[row["positive_titles"][0]])


def _both(compute):  # type: ignore[no-untyped-def]
    old = set_kernel("numpy")
    try:
        plain = compute()
        set_kernel("numba")
        compiled = compute()
    finally:
        set_kernel(old)
    return plain, compiled


@pytest.mark.parametrize("case", list(_cases()), ids=lambda c: c[0][:20])
def test_compiled_features_equal_the_numpy_forms(case: tuple[str, str]) -> None:
    question, text = case
    groups = [g for g in token_groups(question) if g]
    # Uneven weights, so that the order of additions would show in the last bits.
    idf = {t: 0.1 + (7 * i % 11) / 3.0 for i, t in enumerate(t for g in groups for t in g)}
    terms = QuestionTerms.build(groups, idf)
    occ = occurrences(text, terms.tokens)
    info = analyse_question(question)
    frame = question_frame(question)
    tables = BoundaryTables({"ที่": 0.3}, {"นาย": 0.7}, {"บาท": 0.5}, {"และ": -0.2})
    for lo, hi in ((0, len(text)), (len(text) // 3, min(len(text), len(text) // 3 + 700))):
        cands = propose(text, lo, hi)

        def features(cands=cands):  # type: ignore[no-untyped-def]
            return span_features(cands, occ=occ, terms=terms, info=info, frame=frame,
                                 tables=tables, own=(10, len(text) - 10),
                                 passage=(0.5, 1, 0.8, 0.0, 0.6), repeats={})

        plain, compiled = _both(features)
        assert plain.shape == compiled.shape and len(plain)
        assert np.array_equal(plain, compiled)
        for window in ((0, None), (lo, hi), (hi, None), (len(text), None)):
            a, b = _both(lambda w=window: cluster_mass(occ, terms, *w))
            assert a == b


def test_no_question_word_found_gives_the_same_empty_columns() -> None:
    text = clean_passage("ไม่มีคำใดของคำถามอยู่ในข้อความนี้ 25 บาท")
    terms = QuestionTerms.build([("ธนาคารขยะ",)], {"ธนาคารขยะ": 2.0})
    occ = occurrences(text, terms.tokens)
    assert occ == {}
    cands = propose(text)
    plain, compiled = _both(lambda: span_features(
        cands, occ=occ, terms=terms, info=analyse_question("ธนาคารขยะกี่แห่ง"),
        frame=question_frame("ธนาคารขยะกี่แห่ง"), tables=BoundaryTables.empty(),
        own=(0, len(text)), passage=(0.0, 0, 1.0, 0.0, 0.0)))
    assert np.array_equal(plain, compiled)
    assert _both(lambda: cluster_mass(occ, terms)) == ((0.0, -1), (0.0, -1))
