"""The one-pass search of all passages read finds what the per-passage functions find.

:mod:`bot.answering.occurrence_pass` replaces a call of
:func:`~bot.answering.features.occurrences` and of
:func:`~bot.answering.features.cluster_mass` per passage (issue 17): the re-ranker must
see the same occurrences (the same dict order) and the same cluster masses bit for bit.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from bot.answering.features import QuestionTerms, cluster_mass, occurrences
from bot.answering.occurrence_pass import Found, JoinedTexts, cluster_masses, occurrences_many
from bot.answering.reading import clean_passage
from indexer.bm25 import set_kernel
from indexer.tokenize import token_groups

XQUAD = Path(__file__).resolve().parent / "data" / "xquad-th"

TRICKY = [
    "อบต.บ้านนา อบรมการอบขนม และ สสจ. สส ประชุม",  # short Thai tokens heading abbreviations
    "",
    "aaaa AAAA aAaA",  # overlapping matches, case folding
    "Straße STRASSE strasse",  # a fold that changes the length
    "อบ",  # a token that is a whole text
    "การประชุม" * 300,  # more than the limit of occurrences in one text
    "ประชุมอบ",
]
TOKENS = ["อบ", "สส", "aa", "strasse", "ss", "ประชุม", "การ", "x"]


def _texts() -> list[str]:
    rows = [json.loads(line) for line in
            (XQUAD / "corpus.jsonl").read_text(encoding="utf-8").splitlines()[:30]]
    return [clean_passage(r["text"]) for r in rows]


@pytest.mark.parametrize("texts", [TRICKY, [t for t in TRICKY if "ß" not in t], TRICKY[:1], []])
@pytest.mark.parametrize("limit", [200, 1, 3])
def test_occurrences_equal_the_per_text_search(texts: list[str], limit: int) -> None:
    want = [occurrences(t, TOKENS, limit) for t in texts]
    got = occurrences_many(texts, TOKENS, limit)
    # The joined search is the one tested unless a fold changes a length ("ß" -> "ss").
    assert JoinedTexts(texts).usable == all("ß" not in t for t in texts)
    assert got == want
    assert [list(o) for o in got] == [list(o) for o in want]  # the same token order


@pytest.mark.parametrize("limit", [200, 3, 1])
def test_flat_occurrences_stop_at_the_limit_text_by_text(limit: int) -> None:
    # A text's search stops at its limit and goes on from its end: the next texts'
    # occurrences, and the flat arrays, are those of the text-by-text search.
    texts = [t for t in TRICKY if "ß" not in t] + ["ประชุมการประชุม", "การ อบรม"]
    got = JoinedTexts(texts).find(TOKENS, limit)
    want = Found.of([occurrences(t, TOKENS, limit) for t in texts], TOKENS)
    assert got.per_text == want.per_text
    order = np.lexsort((got.pos, got.text, got.token))
    assert got.token[order].tolist() == want.token.tolist()
    assert got.text[order].tolist() == want.text.tolist()
    assert got.pos[order].tolist() == want.pos.tolist()
    assert (np.diff(got.token) >= 0).all()  # token after token, as the clusters read them


def test_holding_equals_the_per_text_test() -> None:
    for word in ("อบ", "strasse", "aa", "ประชุม", "zz"):
        assert JoinedTexts(TRICKY).holding(word) == [word in t.casefold() for t in TRICKY]


@pytest.mark.parametrize("kernel", ["numpy", "numba"])
def test_cluster_masses_equal_the_per_text_ones(kernel: str) -> None:
    texts = _texts()
    question = "มหาวิทยาลัยแห่งแรกของประเทศไทยก่อตั้งขึ้นเมื่อปีใด"
    groups = [g for g in token_groups(question) if g]
    idf = {t: 0.1 + (7 * i % 11) / 3.0 for i, t in enumerate(t for g in groups for t in g)}
    terms = QuestionTerms.build(groups, idf)
    tokens = [*terms.tokens, "ที่", "การ"]  # common words: many occurrences
    terms = QuestionTerms(tuple(tokens), idf, 0.0, terms.groups)
    old = set_kernel(kernel)
    try:
        found = JoinedTexts(texts).find(terms.tokens)
        want = [cluster_mass(occurrences(t, terms.tokens), terms) for t in texts]
        assert found.per_text == [occurrences(t, terms.tokens) for t in texts]
        assert cluster_masses(found, terms, terms.tokens) == want
        assert any(m > 0 for m, _ in want)
    finally:
        set_kernel(old)
