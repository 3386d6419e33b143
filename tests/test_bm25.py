"""BM25 engine and store: differential tests against rank_bm25.BM25Okapi."""

from __future__ import annotations

import itertools
import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rank_bm25 import BM25Okapi

from indexer import bm25 as bm25_mod
from indexer import store
from indexer.bm25 import BM25Index, BM25Params, Hit
from indexer.store import load_index, save_index

ATOL = 1e-9
THAI = ["การ", "พัฒนา", "ที่", "ยั่งยืน", "ชุมชน", "น้ำ", "ตำบล", "อำเภอ"]


def make_corpus(n: int, seed: int) -> list[list[str]]:
    """Zipf-ish token lists with varied lengths, duplicates, a few empty docs and
    some very common terms (df > N/2, so the negative-idf/epsilon path is used)."""
    rng = np.random.default_rng(seed)
    docs: list[list[str]] = []
    for i in range(n):
        length = 0 if i % 97 == 5 else int(rng.integers(1, 80))
        ranks = rng.zipf(1.25, size=length) % 4000
        doc = [THAI[r] if r < len(THAI) else f"w{r}" for r in ranks.tolist()]
        if length:
            if rng.random() < 0.8:
                doc.append("บ่อย")  # in ~80% of docs
            if rng.random() < 0.6:
                doc.extend(["กลาง", "กลาง"])  # in ~60% of docs, tf 2+
        docs.append(doc)
    return docs


def make_queries(n: int, seed: int) -> list[list[str]]:
    rng = np.random.default_rng(seed)
    queries: list[list[str]] = []
    for i in range(n):
        ranks = (rng.zipf(1.3, size=int(rng.integers(1, 7))) % 4000).tolist()
        q = [THAI[r] if r < len(THAI) else f"w{r}" for r in ranks]
        if i % 5 == 0:
            q.append(q[0])  # repeated token
        if i % 7 == 0:
            q.append("ไม่มีคำนี้")  # unknown token
        if i % 11 == 0:
            q.append("บ่อย")
        if i % 13 == 0:
            q = ["ไม่มี", "unknown"]
        queries.append(q)
    return queries


def ref_top(docs: Sequence[Sequence[str]], scores: np.ndarray, query: Sequence[str],
            keys: Sequence[int], k: int) -> list[int]:
    """rank-bm25's ranking (score desc, index asc) restricted to docs with a query term."""
    qset = set(query)
    order = sorted(range(len(docs)), key=lambda i: (-scores[i], i))
    return [keys[i] for i in order if qset.intersection(docs[i])][:k]


CORPUS = make_corpus(1200, seed=7)
QUERIES = make_queries(100, seed=11)
KEYS = [10_000 + 7 * i for i in range(len(CORPUS))]


@pytest.fixture(scope="module")
def ref() -> BM25Okapi:
    return BM25Okapi(CORPUS)


@pytest.fixture(scope="module")
def index() -> BM25Index:
    return BM25Index.build(CORPUS, keys=KEYS)


# ------------------------------------------------------------------ differential


def test_corpus_exercises_negative_idf(ref: BM25Okapi) -> None:
    n = len(CORPUS)
    df_common = sum("บ่อย" in d for d in CORPUS)
    assert df_common > n / 2
    assert ref.idf["บ่อย"] == pytest.approx(ref.epsilon * ref.average_idf)
    assert any(len(d) == 0 for d in CORPUS)


def test_scores_match_rank_bm25(index: BM25Index, ref: BM25Okapi) -> None:
    for q in QUERIES:
        ours = index.get_scores(q)
        theirs = ref.get_scores(q)
        assert ours.dtype == np.float64
        np.testing.assert_allclose(ours, theirs, rtol=0, atol=ATOL)


def test_top10_matches_rank_bm25(index: BM25Index, ref: BM25Okapi) -> None:
    nonempty = 0
    for q in QUERIES:
        theirs = ref.get_scores(q)
        hits = index.search(q, k=10)
        assert [h.key for h in hits] == ref_top(CORPUS, theirs, q, KEYS, 10)
        for h in hits:
            assert h.score == pytest.approx(theirs[KEYS.index(h.key)], abs=ATOL)
        nonempty += bool(hits)
    assert nonempty > 80


def test_stats_match_rank_bm25(index: BM25Index, ref: BM25Okapi) -> None:
    assert len(index) == ref.corpus_size
    assert index.vocab_size == len(ref.idf)
    assert index.avgdl == pytest.approx(ref.avgdl)
    for term in ("บ่อย", "กลาง", "การ", "w17"):
        assert index.idf(term) == pytest.approx(ref.idf[term], abs=ATOL)
    assert index.idf("ไม่มีคำนี้") == 0.0
    assert index.document_frequency("บ่อย") == sum("บ่อย" in d for d in CORPUS)
    assert index.document_frequency("ไม่มีคำนี้") == 0


def test_large_k_and_ties(index: BM25Index, ref: BM25Okapi) -> None:
    q = ["บ่อย"]  # same idf everywhere: ties broken by insertion order
    hits = index.search(q, k=len(CORPUS) + 5)
    assert [h.key for h in hits] == ref_top(CORPUS, ref.get_scores(q), q, KEYS, len(CORPUS))
    assert hits == sorted(hits, key=lambda h: (-h.score, KEYS.index(h.key)))


def test_search_within_keys_is_the_full_ranking_restricted(index: BM25Index,
                                                           ref: BM25Okapi) -> None:
    part = set(KEYS[::5]) | {1, 2, 3}  # unknown keys are ignored
    for q in QUERIES[:40]:
        theirs = ref.get_scores(q)
        ranked = ref_top(CORPUS, theirs, q, KEYS, len(CORPUS))
        want = [key for key in ranked if key in part][:7]
        hits = index.search(q, k=7, keys=part)
        assert [h.key for h in hits] == want
        for h in hits:
            assert h.score == pytest.approx(theirs[KEYS.index(h.key)], abs=ATOL)
    assert index.search(QUERIES[0], k=7, keys=set()) == []


def test_search_within_keys_skips_removed_documents() -> None:
    idx = BM25Index.build([["a", "b"], ["a"], ["a", "c"], ["b"]], keys=[10, 11, 12, 13])
    idx.remove([11])
    assert [h.key for h in idx.search(["a"], k=5, keys={10, 11, 13})] == [10]


def test_search_within_keys_by_bisection_and_by_key_map_agree() -> None:
    """Keys that ascend are found by bisection (no key map); any others by the map."""
    docs = CORPUS[:300]
    ascending = BM25Index.build(docs, keys=KEYS[:300])
    shuffled_keys = list(reversed(KEYS[:300]))
    shuffled = BM25Index.build(docs, keys=shuffled_keys)
    chosen = range(0, 300, 3)
    part = {KEYS[i] for i in chosen} | {5, 10**9}  # unknown keys are ignored
    same_part = {shuffled_keys[i] for i in chosen}
    by_key = dict(zip(shuffled_keys, KEYS[:300], strict=True))
    for q in QUERIES[:20]:
        a = ascending.search(q, k=9, keys=part)
        assert ascending._key_map is None  # bisection: no map was built
        b = shuffled.search(q, k=9, keys=same_part)
        assert [(h.key, h.score) for h in a] == [(by_key[h.key], h.score) for h in b]
    # removed and added again: the key now ascends no more, and is found once, alive
    ascending.remove([KEYS[3]])
    ascending.add([docs[3]], [KEYS[3]])
    hits = ascending.search(docs[3][:3], k=300, keys={KEYS[3]})
    assert [h.key for h in hits] == [KEYS[3]]


def test_custom_params() -> None:
    params = BM25Params(k1=0.9, b=0.4, epsilon=0.1)
    ours = BM25Index.build(CORPUS[:300], params=params)
    theirs = BM25Okapi(CORPUS[:300], k1=0.9, b=0.4, epsilon=0.1)
    for q in QUERIES[:30]:
        np.testing.assert_allclose(ours.get_scores(q), theirs.get_scores(q), rtol=0, atol=ATOL)
    assert ours.params == params


def test_params_validation() -> None:
    with pytest.raises(ValueError):
        BM25Params(k1=-1)
    with pytest.raises(ValueError):
        BM25Params(b=1.5)


# ------------------------------------------------------------------- incremental


@pytest.mark.parametrize("delta_min", [65_536, 50])
def test_incremental_add_equals_full_build(monkeypatch: pytest.MonkeyPatch,
                                           delta_min: int) -> None:
    monkeypatch.setattr(bm25_mod, "_DELTA_MIN", delta_min)  # 50: forces merges
    docs, keys = CORPUS[:1000], KEYS[:1000]
    inc = BM25Index.build(docs[:800], keys=keys[:800])
    inc.add(docs[800:900], keys[800:900])
    inc.add(docs[900:], keys[900:])
    full = BM25Index.build(docs, keys=keys)
    ref = BM25Okapi(docs)
    assert len(inc) == 1000
    assert inc.vocab_size == full.vocab_size == len(ref.idf)
    for q in QUERIES:
        s_inc = inc.get_scores(q)
        np.testing.assert_allclose(s_inc, full.get_scores(q), rtol=0, atol=ATOL)
        np.testing.assert_allclose(s_inc, ref.get_scores(q), rtol=0, atol=ATOL)
        assert inc.search(q, 10) == full.search(q, 10)
    inc.merge()
    for q in QUERIES[:20]:
        assert inc.search(q, 10) == full.search(q, 10)


def test_add_counts_equals_add(monkeypatch: pytest.MonkeyPatch) -> None:
    """Documents counted in parts (as the tokenizer's workers count them) give the index
    that adding their token lists gives: the same term ids, postings and arrays."""
    monkeypatch.setattr(bm25_mod, "_DELTA_MIN", 50)  # forces merges
    docs, keys = CORPUS[:1000], KEYS[:1000]
    by_tokens = BM25Index.build(docs[:300], keys=keys[:300])
    by_counts = BM25Index.build(docs[:300], keys=keys[:300])
    by_tokens.add(docs[300:700], keys[300:700])
    by_tokens.add(docs[700:], keys[700:])
    cuts = [300, 301, 450, 451, 700]  # parts of one, many, and an empty run of documents
    parts = [bm25_mod.count_terms(docs[a:b]) for a, b in itertools.pairwise(cuts)]
    by_counts.add_counts(parts, keys[300:700])
    by_counts.add_counts([bm25_mod.count_terms(docs[700:])], keys[700:])
    by_counts.add_counts([bm25_mod.count_terms([])], [])
    a, b = by_tokens.to_arrays(), by_counts.to_arrays()
    assert a.terms == b.terms
    for field in ("term_ptr", "post_docs", "post_tf", "doc_len", "keys", "alive", "df"):
        np.testing.assert_array_equal(getattr(a, field), getattr(b, field), err_msg=field)
    for q in QUERIES[:20]:
        assert by_counts.search(q, 10) == by_tokens.search(q, 10)
    with pytest.raises(ValueError):
        by_counts.add_counts([bm25_mod.count_terms([["a"]])], [keys[3]])
    with pytest.raises(TypeError):
        bm25_mod.count_terms(["not a token list"])


def test_add_rejects_duplicate_keys() -> None:
    idx = BM25Index.build(CORPUS[:10], keys=KEYS[:10])
    with pytest.raises(ValueError):
        idx.add([["a"]], [KEYS[3]])
    with pytest.raises(ValueError):
        idx.add([["a"], ["b"]], [1, 1])
    with pytest.raises(ValueError):
        BM25Index.build([["a"], ["b"]], keys=[5, 5])
    with pytest.raises(ValueError):
        idx.add([["a"]], [1, 2])


def test_remove_is_exact_and_hides_keys() -> None:
    docs, keys = CORPUS[:1000], KEYS[:1000]
    idx = BM25Index.build(docs[:900], keys=keys[:900])
    idx.add(docs[900:], keys[900:])  # some removed docs live in the delta
    gone = set(keys[::3]) | {keys[950], keys[999]}
    assert idx.remove([*gone, 123_456_789]) == len(gone)
    assert idx.remove([keys[0]]) == 0  # already removed
    live = [i for i, k in enumerate(keys) if k not in gone]
    ref = BM25Okapi([docs[i] for i in live])
    live_keys = [keys[i] for i in live]
    assert len(idx) == len(live)
    assert idx.keys() == live_keys
    assert keys[0] not in idx and keys[1] in idx
    for q in QUERIES:
        scores = idx.get_scores(q)
        assert np.all(scores[[keys.index(k) for k in gone]] == 0.0)
        np.testing.assert_allclose(scores[live], ref.get_scores(q), rtol=0, atol=ATOL)
        hits = idx.search(q, 10)
        assert not gone.intersection(h.key for h in hits)
        assert [h.key for h in hits] == ref_top([docs[i] for i in live],
                                                ref.get_scores(q), q, live_keys, 10)
    # a removed key may be added again
    idx.add([["ใหม่", "บ่อย"]], [keys[0]])
    assert idx.search(["ใหม่"], 5)[0].key == keys[0]
    # compaction keeps scores of the live documents
    before = {q: idx.search(q, 10) for q in map(tuple, QUERIES[:30])}
    idx.compact()
    assert len(idx.position_keys()) == len(idx)
    for q, hits in before.items():
        got = idx.search(q, 10)
        assert [h.key for h in got] == [h.key for h in hits]
        np.testing.assert_allclose([h.score for h in got], [h.score for h in hits],
                                   rtol=0, atol=ATOL)


def test_remove_everything() -> None:
    idx = BM25Index.build(CORPUS[:5], keys=[1, 2, 3, 4, 5])
    assert idx.remove([1, 2, 3, 4, 5]) == 5
    assert len(idx) == 0 and idx.vocab_size == 0
    assert idx.search(["การ"]) == []
    assert np.all(idx.get_scores(["การ"]) == 0)
    idx.add([["การ"]], [1])
    assert [h.key for h in idx.search(["การ"])] == [1]


# ------------------------------------------------------------------- persistence


def test_save_load_round_trip(tmp_path: Path, index: BM25Index) -> None:
    meta: dict[str, object] = {"max_passage_id": 12345, "tokenizer": "newmm-1", "ไทย": [1, 2]}
    folder = save_index(index, tmp_path, meta)
    assert folder.parent == tmp_path and folder.name.startswith("index-")
    loaded = load_index(tmp_path)
    assert loaded is not None
    idx2, meta2 = loaded
    assert meta2 == meta
    assert idx2.params == index.params
    assert len(idx2) == len(index) and idx2.vocab_size == index.vocab_size
    for q in QUERIES:
        assert np.array_equal(idx2.get_scores(q), index.get_scores(q))
        assert idx2.search(q, 10) == index.search(q, 10)
    # a loaded (memory-mapped) index can still be modified and saved again
    idx2.add([["ใหม่"]], [1])
    idx2.remove([KEYS[0]])
    save_index(idx2, tmp_path, {"v": 2})
    loaded3 = load_index(tmp_path)
    assert loaded3 is not None
    assert loaded3[1] == {"v": 2}
    assert [h.key for h in loaded3[0].search(["ใหม่"])] == [1]
    assert KEYS[0] not in loaded3[0]
    assert len([p for p in tmp_path.iterdir() if p.name.startswith("index-")]) == 1


def test_save_with_pending_delta_and_removals(tmp_path: Path) -> None:
    idx = BM25Index.build(CORPUS[:500], keys=KEYS[:500])
    idx.add(CORPUS[500:600], KEYS[500:600])
    idx.remove(KEYS[10:20])
    save_index(idx, tmp_path, {})
    loaded = load_index(tmp_path)
    assert loaded is not None
    for q in QUERIES[:40]:
        np.testing.assert_array_equal(loaded[0].get_scores(q), idx.get_scores(q))
        assert loaded[0].search(q) == idx.search(q)


def test_failed_save_keeps_previous_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          index: BM25Index) -> None:
    old = BM25Index.build(CORPUS[:200], keys=KEYS[:200])
    save_index(old, tmp_path, {"gen": 1})
    current = (tmp_path / "CURRENT").read_text()
    calls = {"n": 0}
    real = store._write_array

    def flaky(path: Path, array: np.ndarray) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError("disk full")
        real(path, array)

    monkeypatch.setattr(store, "_write_array", flaky)
    with pytest.raises(OSError, match="disk full"):
        save_index(index, tmp_path, {"gen": 2})
    assert calls["n"] == 3
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("index-")] == [current.strip()]
    assert (tmp_path / "CURRENT").read_text() == current
    loaded = load_index(tmp_path)
    assert loaded is not None
    assert loaded[1] == {"gen": 1}
    for q in QUERIES[:30]:
        assert np.array_equal(loaded[0].get_scores(q), old.get_scores(q))


def test_killed_save_leftovers_are_ignored(tmp_path: Path) -> None:
    old = BM25Index.build(CORPUS[:100], keys=KEYS[:100])
    save_index(old, tmp_path, {"gen": 1})
    # simulate a process killed mid-save: a partial folder and a stray CURRENT.tmp
    stray = tmp_path / ("index-" + "ab" * 16)
    stray.mkdir()
    (stray / "vocab.txt").write_bytes(b"partial")
    (tmp_path / "CURRENT.tmp").write_text(stray.name)
    loaded = load_index(tmp_path)
    assert loaded is not None and loaded[1] == {"gen": 1}
    assert loaded[0].search(QUERIES[1]) == old.search(QUERIES[1])
    save_index(old, tmp_path, {"gen": 2})  # next save cleans up
    assert not stray.exists() and not (tmp_path / "CURRENT.tmp").exists()


def test_load_empty_or_missing_dir(tmp_path: Path) -> None:
    assert load_index(tmp_path) is None
    assert load_index(tmp_path / "nope") is None
    (tmp_path / "CURRENT").write_text("../../etc\n")  # garbage pointer is not followed
    assert load_index(tmp_path) is None


def test_save_rejects_unserialisable_meta(tmp_path: Path) -> None:
    with pytest.raises(TypeError):
        save_index(BM25Index.build([["a"]]), tmp_path, {"x": object()})
    assert not any(tmp_path.iterdir()) if tmp_path.exists() else True


def test_save_load_empty_index_and_odd_terms(tmp_path: Path) -> None:
    save_index(BM25Index.build([]), tmp_path / "a", {})
    loaded = load_index(tmp_path / "a")
    assert loaded is not None and len(loaded[0]) == 0 and loaded[0].search(["x"]) == []
    docs = [["", "a\rb", "ค\u200bำ"], ["a\rb", " "]]
    save_index(BM25Index.build(docs), tmp_path / "b", {})
    loaded = load_index(tmp_path / "b")
    assert loaded is not None
    assert np.array_equal(loaded[0].get_scores(["a\rb", ""]),
                          BM25Index.build(docs).get_scores(["a\rb", ""]))
    with pytest.raises(ValueError):
        save_index(BM25Index.build([["bad\nterm"]]), tmp_path / "c", {})


def test_saved_files_are_plain_npy(tmp_path: Path, index: BM25Index) -> None:
    folder = save_index(index, tmp_path, {})
    names = sorted(os.listdir(folder))
    assert "manifest.json" in names and "vocab.txt" in names
    assert np.load(folder / "keys.npy").tolist() == KEYS


# ----------------------------------------------------------------------- hostile


def test_empty_index() -> None:
    idx = BM25Index.build([])
    assert len(idx) == 0 and idx.vocab_size == 0
    assert idx.search(["การ"]) == []
    assert idx.get_scores(["การ"]).shape == (0,)
    assert idx.keys() == []
    idx2 = BM25Index()
    assert idx2.search([]) == []


def test_empty_and_unknown_queries(index: BM25Index) -> None:
    assert index.search([]) == []
    assert np.all(index.get_scores([]) == 0)
    assert index.search(["ไม่มีคำนี้", "zzz"]) == []
    assert np.all(index.get_scores(["ไม่มีคำนี้"]) == 0)
    assert index.search(QUERIES[1], k=0) == []


def test_one_document_index() -> None:
    docs = [["น้ำ", "ท่วม", "น้ำ"]]
    idx = BM25Index.build(docs, keys=[42])
    ref = BM25Okapi(docs)
    np.testing.assert_allclose(idx.get_scores(["น้ำ"]), ref.get_scores(["น้ำ"]), atol=ATOL)
    hits = idx.search(["น้ำ"])
    assert [h.key for h in hits] == [42]  # contains the term, even if the score is < 0
    assert isinstance(hits[0], Hit)


def test_only_empty_documents() -> None:
    idx = BM25Index.build([[], []], keys=[1, 2])  # rank-bm25 raises ZeroDivisionError here
    assert len(idx) == 2 and idx.vocab_size == 0
    assert idx.search(["a"]) == []
    assert idx.get_scores(["a"]).tolist() == [0.0, 0.0]
    idx.add([["a", "b"]], [3])
    ref = BM25Okapi([[], [], ["a", "b"]])
    np.testing.assert_allclose(idx.get_scores(["a"]), ref.get_scores(["a"]), atol=ATOL)


# -------------------------------------------------------------------- properties

ALPHABET = ["ก", "ข", "ค", "ง", "จ", "a", "b"]
docs_st = st.lists(st.lists(st.sampled_from(ALPHABET), max_size=6), min_size=1, max_size=9)
query_st = st.lists(st.sampled_from([*ALPHABET, "?"]), max_size=5)


@settings(max_examples=150, deadline=None)
@given(docs=docs_st, queries=st.lists(query_st, min_size=1, max_size=4),
       split=st.integers(0, 9), data=st.data())
def test_property_matches_rank_bm25(docs: list[list[str]], queries: list[list[str]],
                                    split: int, data: st.DataObject) -> None:
    if not any(docs):
        return  # rank-bm25 divides by the vocabulary size
    ref = BM25Okapi(docs)
    keys = list(range(100, 100 + len(docs)))
    split = min(split, len(docs))
    inc = BM25Index.build(docs[:split], keys=keys[:split])
    inc.add(docs[split:], keys[split:])
    full = BM25Index.build(docs, keys=keys)
    for q in queries:
        theirs = ref.get_scores(q)
        np.testing.assert_allclose(full.get_scores(q), theirs, rtol=0, atol=ATOL)
        np.testing.assert_allclose(inc.get_scores(q), theirs, rtol=0, atol=ATOL)
        k = data.draw(st.integers(1, 12))
        want = ref_top(docs, theirs, q, keys, k)
        assert [h.key for h in full.search(q, k)] == want
        assert [h.key for h in inc.search(q, k)] == want


@settings(max_examples=100, deadline=None)
@given(docs=docs_st, query=query_st, data=st.data())
def test_property_removal_matches_rank_bm25_on_rest(docs: list[list[str]], query: list[str],
                                                    data: st.DataObject) -> None:
    keys = list(range(len(docs)))
    gone = data.draw(st.sets(st.sampled_from(keys)))
    rest = [i for i in keys if i not in gone]
    if not any(docs[i] for i in rest):
        return
    idx = BM25Index.build(docs, keys=keys)
    idx.remove(gone)
    rest_docs = [docs[i] for i in rest]
    theirs = BM25Okapi(rest_docs).get_scores(query)
    np.testing.assert_allclose(idx.get_scores(query)[rest], theirs, rtol=0, atol=ATOL)
    assert [h.key for h in idx.search(query, 5)] == ref_top(rest_docs, theirs, query, rest, 5)


def test_frequencies_are_uint16_and_float32_indexes_still_load_and_grow() -> None:
    """Term frequencies take two bytes; an index saved with float32 ones keeps them."""
    docs, keys = CORPUS[:400], KEYS[:400]
    fresh = BM25Index.build(docs, keys=keys)
    arrays = fresh.to_arrays()
    assert arrays.post_tf.dtype == np.uint16
    old = BM25Index.from_arrays(arrays._replace(post_tf=arrays.post_tf.astype(np.float32)))
    old.add(CORPUS[400:500], KEYS[400:500])
    old.merge()
    assert old.to_arrays().post_tf.dtype == np.float32
    full = BM25Index.build(CORPUS[:500], keys=KEYS[:500])
    for q in QUERIES[:20]:
        np.testing.assert_array_equal(old.get_scores(q), full.get_scores(q))
        assert old.search(q, k=10) == full.search(q, k=10)
    with pytest.raises(ValueError, match="times in one document"):
        BM25Index.build([["a"] * 65_536])
