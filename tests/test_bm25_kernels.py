"""The compiled BM25 query path (numba, MaxScore pruning) against numpy and rank-bm25.

Both query paths of :class:`indexer.bm25.BM25Index` must give rank-bm25's scores bit for
bit and the same hits in the same order, also with pending additions, removed
documents, an average document length that drifted since the score bounds were
computed, and after a save and load.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

from indexer import bm25 as bm25_mod
from indexer.bm25 import BM25Index, Hit
from indexer.store import load_index, save_index

pytest.importorskip("numba", reason="numba is not installed: only the numpy path exists")


def skewed_corpus(n: int, seed: int, long_docs: bool = False) -> list[list[str]]:
    """Common terms (df 55-95%, floored idf), a Zipf middle and rare terms; tf up to 6."""
    rng = np.random.default_rng(seed)
    docs: list[list[str]] = []
    for i in range(n):
        size = int(rng.integers(40, 200)) if long_docs else int(rng.integers(0, 60))
        doc = [f"z{r % 3000}" for r in rng.zipf(1.3, size=size).tolist()]
        for j, share in enumerate((0.95, 0.8, 0.6, 0.55)):
            if rng.random() < share:
                doc.extend([f"common{j}"] * int(rng.integers(1, 4)))
        if i % 50 == 0:
            doc.extend(["rare"] * (1 + i % 6))
        if i % 7 == 0:
            doc.append("seventh")
        docs.append(doc if i % 89 else [])
    return docs


def queries_for(docs: Sequence[Sequence[str]], n: int, seed: int) -> list[list[str]]:
    rng = np.random.default_rng(seed)
    vocab = sorted({t for d in docs for t in d})
    out: list[list[str]] = [["rare", "common0", "common1"], ["common0", "common1", "common2"],
                            ["rare", "rare", "seventh", "common3"], ["seventh"], ["nothing"]]
    for _ in range(n):
        q = [vocab[i] for i in rng.integers(0, len(vocab), size=int(rng.integers(1, 8)))]
        q += [f"common{i}" for i in rng.integers(0, 4, size=int(rng.integers(0, 4)))]
        out.append(q)
    return out


def ref_top(scores: np.ndarray, docs: Sequence[Sequence[str]], query: Sequence[str],
            keys: Sequence[int], k: int) -> list[Hit]:
    """rank-bm25's ranking (score desc, position asc) of the docs with a query term."""
    qset = set(query)
    order = sorted((i for i, d in enumerate(docs) if qset.intersection(d)),
                   key=lambda i: (-scores[i], i))
    return [Hit(keys[i], float(scores[i])) for i in order[:k]]


def search_both(idx: BM25Index, q: list[str], k: int) -> tuple[list[Hit], list[Hit]]:
    old = bm25_mod.set_kernel("numba")
    try:
        compiled = idx.search(q, k)
        bm25_mod.set_kernel("numpy")
        plain = idx.search(q, k)
    finally:
        bm25_mod.set_kernel(old)
    return compiled, plain


@pytest.fixture(autouse=True)
def _restore_kernel() -> Iterator[None]:
    old = bm25_mod.kernel_name()
    yield
    bm25_mod.set_kernel(old)


def check(idx: BM25Index, docs: list[list[str]], keys: list[int],
          queries: list[list[str]], ks: Sequence[int] = (1, 3, 10, 40),
          exact: bool = True) -> None:
    """Compiled == numpy == rank-bm25 on the live ``docs``.

    Bit-equal scores, or, with ``exact=False`` (after removals: the mean idf of the
    epsilon floor is then summed in another order than rank-bm25's), scores within
    1e-9 and at each rank a document with rank-bm25's score of that rank.
    """
    ref = BM25Okapi(docs)
    for q in queries:
        theirs = ref.get_scores(q)
        for k in ks:
            compiled, plain = search_both(idx, q, k)
            assert compiled == plain, (q, k)
            want = ref_top(theirs, docs, q, keys, k)
            if exact:
                assert compiled == want, (q, k)
            else:
                # near-ties may swap: each hit must have rank-bm25's score of its rank
                by_key = dict(zip(keys, theirs.tolist(), strict=True))
                assert len(compiled) == len(want), (q, k)
                for got, ref_hit in zip(compiled, want, strict=True):
                    assert abs(got.score - ref_hit.score) <= 1e-9, (q, k)
                    assert abs(by_key[got.key] - ref_hit.score) <= 1e-9, (q, k)
        bm25_mod.set_kernel("numba")
        live = np.flatnonzero(np.isin(idx.position_keys(), keys))
        if exact:
            assert np.array_equal(idx.get_scores(q)[live], theirs)
        else:
            np.testing.assert_allclose(idx.get_scores(q)[live], theirs, rtol=0, atol=1e-9)


def test_compiled_path_is_exact_on_a_skewed_corpus() -> None:
    docs = skewed_corpus(2500, seed=1)
    keys = [5 * i + 3 for i in range(len(docs))]
    check(BM25Index.build(docs, keys=keys), docs, keys, queries_for(docs, 60, seed=2))


def test_pruning_keeps_the_exact_top_k() -> None:
    """A rare term fixes a high k-th score, so the long common lists are only probed."""
    docs = skewed_corpus(4000, seed=3)
    keys = list(range(len(docs)))
    idx = BM25Index.build(docs, keys=keys)
    q = ["rare", "common0", "common1", "common2", "common3"]
    assert sum("rare" in d for d in docs) < 100 < sum("common3" in d for d in docs)
    check(idx, docs, keys, [q, q[::-1], ["rare", *q]], ks=(1, 5, 10, 79, 80, 81, 500))


def test_add_remove_and_drift_keep_exact_scores(tmp_path: Path) -> None:
    short = skewed_corpus(1500, seed=4)
    long = skewed_corpus(600, seed=5, long_docs=True)  # avgdl grows by more than 25%
    docs = short + long
    keys = list(range(10, 10 + len(docs)))
    idx = BM25Index.build(short[:1000], keys=keys[:1000])
    queries = queries_for(docs, 30, seed=6)
    check(idx, short[:1000], keys[:1000], queries[:10])  # bounds computed here
    idx.add(short[1000:], keys[1000:1500])
    idx.add(long, keys[1500:])  # pending in the delta, bounds extended
    check(idx, docs, keys, queries)
    gone = set(keys[::4]) | {keys[1500], keys[-1]}
    idx.remove(gone)
    live = [i for i, k in enumerate(keys) if k not in gone]
    live_docs, live_keys = [docs[i] for i in live], [keys[i] for i in live]
    check(idx, live_docs, live_keys, queries, exact=False)
    save_index(idx, tmp_path, {})
    folder = sorted(tmp_path.glob("index-*"))[0]
    assert (folder / "max_impact.npy").exists() and (folder / "post_imp.npy").exists()
    loaded = load_index(tmp_path)
    assert loaded is not None
    check(loaded[0], live_docs, live_keys, queries, exact=False)
    idx.compact()
    check(idx, live_docs, live_keys, queries[:10], exact=False)


def test_impacts_and_bounds_bound_every_posting() -> None:
    """The float32 impacts are rank-bm25's term weights (before idf), rounded once; the
    per-term bounds are at least every impact, float32 or exact."""
    docs = skewed_corpus(800, seed=7)
    idx = BM25Index.build(docs[:500])
    idx.add(docs[500:], list(range(500, 800)))
    bm25_mod.set_kernel("numba")
    idx.search(["common0", "rare"])
    imp = idx._imp
    assert imp is not None and imp.avgdl == idx.avgdl
    k1 = idx.params.k1
    norm = bm25_mod.length_norm([len(d) for d in docs], idx.avgdl, idx.params)
    for t, tid in idx._vocab.items():
        tf = np.array([d.count(t) for d in docs], dtype=np.float64)
        exact = tf * (k1 + 1) / (tf + norm)
        assert exact.max() <= imp.bounds[tid], t
        lists = idx._term_slices(tid)
        got = []
        for (docs_t, _), part in zip(lists, (imp.main, imp.delta), strict=False):
            got.append((docs_t, part))
        for docs_t, _ in lists:
            assert np.all(exact[docs_t] > 0), t
    # every stored impact is the float32 rounding of the exact value
    ptr = idx._term_ptr
    for tid in range(ptr.shape[0] - 1):
        a, b = int(ptr[tid]), int(ptr[tid + 1])
        d = idx._post_docs[a:b]
        tf = idx._post_tf[a:b].astype(np.float64)
        want = (tf * (k1 + 1) / (tf + norm[d])).astype(np.float32)
        assert np.array_equal(imp.main[a:b], want)
        assert np.all(imp.main[a:b] <= imp.bounds[tid])
    tf = idx._d_tf.astype(np.float64)
    want = (tf * (k1 + 1) / (tf + norm[idx._d_docs])).astype(np.float32)
    assert np.array_equal(imp.delta, want)
    assert np.all(imp.delta <= imp.bounds[idx._d_terms])


def test_parts_with_keys_and_negative_idf_use_the_same_scores() -> None:
    docs = [["a", "b"], ["a"], ["a", "c"], ["b", "c", "c"], ["a", "b", "c"]]  # idf of a < 0
    idx = BM25Index.build(docs, keys=[1, 2, 3, 4, 5])
    for q in (["a"], ["a", "c"], ["c", "b", "b"]):
        results = []
        for name in ("numba", "numpy"):
            bm25_mod.set_kernel(name)
            results.append(idx.search_parts(q, [(3, None), (2, {2, 4, 5}), (0, None)]))
        assert results[0] == results[1]
        assert results[0][2] == []


def test_threads_share_an_index() -> None:
    docs = skewed_corpus(2000, seed=8)
    idx = BM25Index.build(docs)
    queries = queries_for(docs, 40, seed=9)
    bm25_mod.set_kernel("numba")
    want = [idx.search(q, 10) for q in queries]
    errors: list[str] = []

    def run() -> None:
        for _ in range(3):
            for q, w in zip(queries, want, strict=True):
                if idx.search(q, 10) != w:
                    errors.append(" ".join(q))

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
