"""The compiled BM25 query path (numba, MaxScore pruning) against numpy and rank-bm25.

Both query paths of :class:`indexer.bm25.BM25Index` must give rank-bm25's scores bit for
bit and the same hits in the same order, also with pending additions, removed
documents, an average document length that drifted since the score bounds were
computed, and after a save and load.
"""

from __future__ import annotations

import json
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


def weights(idx: BM25Index, docs: Sequence[Sequence[str]], avgdl: float,
            post_docs: np.ndarray, post_tf: np.ndarray) -> np.ndarray:
    """rank-bm25's term weight before idf, tf * (k1 + 1) / (tf + norm), of postings
    (positions in ``docs``, term frequencies) for the average length ``avgdl``."""
    lengths = np.array([len(d) for d in docs], dtype=np.int64)
    norm = bm25_mod.length_norm(lengths, avgdl, idx.params)
    f = post_tf.astype(np.float64)
    return np.asarray(f * (idx.params.k1 + 1) / (f + norm[post_docs]))


def assert_impacts_are_exact(idx: BM25Index, docs: Sequence[Sequence[str]]) -> None:
    """Every held impact is the float32 rounding of rank-bm25's weight at its avgdl, and
    the per-term bounds are at least every impact and every exact float64 weight.
    ``docs``: the token lists of every position of ``idx``."""
    imp = idx._imp
    assert imp is not None
    ptr = idx._term_ptr
    term_of = np.repeat(np.arange(ptr.shape[0] - 1), np.diff(ptr))
    for post_docs, tf, terms, part in ((idx._post_docs, idx._post_tf, term_of, imp.main),
                                  (idx._d_docs, idx._d_tf, idx._d_terms, imp.delta)):
        exact = weights(idx, docs, imp.avgdl, post_docs, tf)
        assert np.array_equal(part, exact.astype(np.float32))
        assert np.all(part <= imp.bounds[terms])
        assert np.all(exact <= imp.bounds[terms])


def test_impacts_and_bounds_bound_every_posting() -> None:
    docs = skewed_corpus(800, seed=7)
    idx = BM25Index.build(docs[:500])
    bm25_mod.set_kernel("numba")
    idx.search(["common0", "rare"])  # impacts computed for the main postings
    idx.add(docs[500:], list(range(500, 800)))  # and kept for the delta
    assert_impacts_are_exact(idx, docs)
    idx.merge()
    assert_impacts_are_exact(idx, docs)
    idx.remove([0, 5, 700])
    idx.compact()
    assert_impacts_are_exact(idx, [d for i, d in enumerate(docs) if i not in (0, 5, 700)])
    idx.search(["common0", "rare"])
    assert idx._imp is not None and idx._imp.avgdl == idx.avgdl


@pytest.mark.parametrize("costs", [(1.0, 0.0, 1e9), (1.0, 1e18, 1e9), (1.0, 64.0, 0.0)],
                         ids=["always-probe", "always-scan", "rescore-at-once"])
def test_every_way_through_the_lists_is_exact(monkeypatch: pytest.MonkeyPatch,
                                              costs: tuple[float, float, float]) -> None:
    """Probing, scanning and rescoring early are choices of cost, never of results."""
    monkeypatch.setattr(bm25_mod, "_COSTS", np.array(costs))
    docs = skewed_corpus(3000, seed=12)
    keys = list(range(len(docs)))
    idx = BM25Index.build(docs[:2500], keys=keys[:2500])
    idx.add(docs[2500:], keys[2500:])
    queries = queries_for(docs, 25, seed=13)
    q = ["rare", "common0", "common1", "common2", "common3"]
    check(idx, docs, keys, [q, ["seventh", *q], *queries], ks=(1, 10, 40))
    gone = set(keys[::5])
    idx.remove(gone)
    live = [i for i in keys if i not in gone]
    check(idx, [docs[i] for i in live], live, [q, *queries[:10]], ks=(1, 10), exact=False)


def assert_blocks_bound(idx: BM25Index) -> None:
    """Each held block bound is at least every impact of its term in its block (main
    and delta postings of the positions it covers), and some impact reaches it."""
    imp = idx._imp
    assert imp is not None and imp.blocks is not None
    blocks = imp.blocks
    ptr = idx._term_ptr
    term_of = np.repeat(np.arange(ptr.shape[0] - 1), np.diff(ptr))
    seen = np.zeros_like(blocks.max)
    for docs, terms, part in ((idx._post_docs, term_of, imp.main),
                              (idx._d_docs, idx._d_terms, imp.delta)):
        rows = np.where(terms < blocks.rows.shape[0],
                        blocks.rows[np.minimum(terms, blocks.rows.shape[0] - 1)], -1)
        mine = (rows >= 0) & (docs < blocks.limit)
        b = docs[mine] >> blocks.shift
        assert np.all(part[mine] <= blocks.max[rows[mine], b])
        np.maximum.at(seen, (rows[mine], b), part[mine])
    assert np.array_equal(seen, blocks.max)  # the largest, not just any larger value
    assert blocks.rows.shape[0] <= len(idx._terms)


def test_block_bounds_bound_their_blocks_through_changes() -> None:
    """Computed at the first compiled search, kept by additions (after ``limit``) and
    merges, dropped by a compaction (positions shift) and computed again."""
    docs = skewed_corpus(900, seed=22)
    idx = BM25Index.build(docs[:600], keys=list(range(600)))
    bm25_mod.set_kernel("numba")
    idx.search(["common0", "rare"])
    assert_blocks_bound(idx)
    assert idx._imp is not None and idx._imp.blocks is not None
    first = idx._imp.blocks
    assert first.limit == 600 and first.rows.max() >= 0
    idx.add(docs[600:], list(range(600, 900)))  # pending in the delta
    assert idx._imp is not None and idx._imp.blocks is first
    assert_blocks_bound(idx)
    idx.merge()
    assert idx._imp is not None and idx._imp.blocks is first
    assert_blocks_bound(idx)
    idx.remove([0, 1, 2, 700])
    idx.compact()
    assert idx._imp is not None and idx._imp.blocks is None
    idx.search(["common0", "rare"])
    assert idx._imp is not None and idx._imp.blocks is not None
    assert idx._imp.blocks.limit == 896
    assert_blocks_bound(idx)


def test_block_bounds_are_saved_and_loaded_with_the_impacts(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A saved index holds its block bounds (numpy, at save time): a loading process does
    not compute them, and they equal those the compiled search computes; saved for another
    block layout, they are computed on first use instead."""
    docs = skewed_corpus(2000, seed=25)
    keys = list(range(len(docs)))
    idx = BM25Index.build(docs[:1500], keys=keys[:1500])
    idx.add(docs[1500:], keys[1500:])  # merged by the save
    folder = save_index(idx, tmp_path, {})
    assert (folder / "block_max.npy").exists()
    loaded = load_index(tmp_path)
    assert loaded is not None
    index = loaded[0]
    assert index._imp is not None and index._imp.blocks is not None
    saved = index._imp.blocks
    assert_blocks_bound(index)
    bm25_mod.set_kernel("numba")
    km = bm25_mod._kernel_module()
    assert km is not None
    fresh = index._block_bounds(km, index._imp._replace(blocks=None))
    assert np.array_equal(fresh.rows, saved.rows) and np.array_equal(fresh.max, saved.max)
    assert (fresh.shift, fresh.limit) == (saved.shift, saved.limit)
    check(index, docs, keys, queries_for(docs, 10, seed=26), ks=(1, 10))
    assert index._imp is not None and index._imp.blocks is saved  # not recomputed
    monkeypatch.setattr(bm25_mod, "_BLOCK_SHIFT", 5)  # another layout: not loaded
    other = load_index(tmp_path)
    assert other is not None and other[0]._imp is not None
    assert other[0]._imp.blocks is None
    check(other[0], docs, keys, queries_for(docs, 5, seed=27), ks=(10,))
    assert other[0]._imp.blocks is not None and other[0]._imp.blocks.shift == 5


@pytest.mark.parametrize("shift", [3, 8])
def test_block_maxima_of_chunks_equal_the_whole(monkeypatch: pytest.MonkeyPatch,
                                                shift: int) -> None:
    """The bounds gathered as the saved impacts go by in chunks (split anywhere, a
    block or a term across two chunks) equal those of the compiled search."""
    monkeypatch.setattr(bm25_mod, "_BLOCK_SHIFT", shift)
    docs = skewed_corpus(3000, seed=28)
    idx = BM25Index.build(docs)

    def gathered(size: int) -> np.ndarray:
        out: list[np.ndarray] = []
        chunks = idx.impact_chunks(np.zeros(len(idx._terms)), size=size)
        for _ in bm25_mod.block_maxima(idx._term_ptr, idx._post_docs, chunks, len(docs), out):
            pass
        return out[0]

    whole = gathered(1 << 30)
    assert whole.shape[0] > 0 and whole.any()
    for size in (7, 1000, 4099):
        assert np.array_equal(gathered(size), whole)
    bm25_mod.set_kernel("numba")
    idx.search(["common0", "rare"])
    assert idx._imp is not None and idx._imp.blocks is not None
    assert np.array_equal(idx._imp.blocks.max, whole)


@pytest.mark.parametrize("shift,blocked_from,costs", [
    (0, 1, (1.0, 64.0, 256.0)), (3, 1, (1.0, 64.0, 256.0)), (3, 32, (1.0, 1e18, 1e9)),
    (5, 4, (1.0, 0.0, 1e9)), (8, 0, (1.0, 64.0, 256.0))],
    ids=["one-a-block", "eight", "eight-scan", "thirty-two-probe", "none"])
def test_block_bounds_keep_the_exact_top_k(monkeypatch: pytest.MonkeyPatch, shift: int,
                                           blocked_from: int,
                                           costs: tuple[float, float, float]) -> None:
    """Candidates dropped (and the first phase ended) by block bounds, of any block size
    and for any lists, change nothing: with pending additions, after removals."""
    monkeypatch.setattr(bm25_mod, "_BLOCK_SHIFT", shift)
    monkeypatch.setattr(bm25_mod, "_BLOCKED_FROM", blocked_from)
    monkeypatch.setattr(bm25_mod, "_COSTS", np.array(costs))
    docs = skewed_corpus(3000, seed=23)
    keys = list(range(len(docs)))
    idx = BM25Index.build(docs[:2400], keys=keys[:2400])
    queries = queries_for(docs, 25, seed=24)
    q = ["rare", "common0", "common1", "common2", "common3"]
    check(idx, docs[:2400], keys[:2400], [q, *queries[:5]], ks=(1, 10))  # blocks here
    idx.add(docs[2400:], keys[2400:])  # after the blocks' limit: the list bounds
    check(idx, docs, keys, [q, ["seventh", *q], *queries], ks=(1, 10, 40))
    gone = set(keys[::5]) | set(keys[2400::2])
    idx.remove(gone)
    live = [i for i in keys if i not in gone]
    check(idx, [docs[i] for i in live], live, [q, *queries[:10]], ks=(1, 10), exact=False)


def test_duplicate_documents_tie_by_position() -> None:
    """Exact ties (repeated passages) across the k-th place keep rank-bm25's order."""
    base = skewed_corpus(600, seed=14)
    docs = [d for d in base for _ in range(3)]  # each passage three times in a row
    keys = [1000 - i for i in range(len(docs))]  # keys descending: order is by position
    idx = BM25Index.build(docs, keys=keys)
    check(idx, docs, keys, queries_for(docs, 20, seed=15), ks=(1, 2, 4, 10, 11))


@pytest.mark.parametrize("tolerance", [None, 100.0], ids=["recomputed", "stale-impacts"])
def test_impacts_for_another_avgdl_keep_exact_scores(monkeypatch: pytest.MonkeyPatch,
                                                     tolerance: float | None) -> None:
    """Impacts computed for one avgdl, searched after it drifted (within the tolerance,
    or, with a huge tolerance, by 30%): the candidates widen, the scores stay exact."""
    if tolerance is not None:
        monkeypatch.setattr(bm25_mod, "_IMPACT_DRIFT", tolerance)
    short = skewed_corpus(1500, seed=16)
    long = skewed_corpus(500, seed=17, long_docs=True)
    docs = short + long
    keys = list(range(len(docs)))
    idx = BM25Index.build(short[:1490], keys=keys[:1490])
    queries = queries_for(docs, 30, seed=18)
    check(idx, short[:1490], keys[:1490], queries[:5])  # impacts computed here
    a0 = idx.avgdl
    idx.add(short[1490:], keys[1490:1500])  # a small drift, within the tolerance (0.5%)
    assert idx.avgdl != a0 and abs(idx.avgdl / a0 - 1) < 0.005
    check(idx, short, keys[:1500], queries)
    assert idx._imp is not None and idx._imp.avgdl == a0
    idx.add(long, keys[1500:])
    assert idx.avgdl > 1.3 * a0
    check(idx, docs, keys, queries)
    assert idx._imp is not None
    assert (idx._imp.avgdl == a0) == (tolerance is not None)
    gone = set(keys[1500:1800])  # and back down
    idx.remove(gone)
    live = [i for i in keys if i not in gone]
    check(idx, [docs[i] for i in live], live, queries, exact=False)


def test_saved_impacts_are_for_the_saved_avgdl(tmp_path: Path) -> None:
    """Held impacts for an older avgdl are not saved as today's: the saved file holds
    the impacts of the manifest's average length, computed in chunks or copied."""
    docs = skewed_corpus(3000, seed=19)
    keys = list(range(len(docs)))
    idx = BM25Index.build(docs[:2990], keys=keys[:2990])
    bm25_mod.set_kernel("numba")
    idx.search(["common0"])
    idx.add(docs[2990:], keys[2990:])  # drift within the tolerance (0.5%): impacts kept
    assert idx._imp is not None and idx._imp.avgdl != idx.avgdl
    for held in (True, False):
        if not held:
            idx._imp = None
        folder = save_index(idx, tmp_path, {})
        manifest = json.loads((folder / "manifest.json").read_text())
        assert manifest["bound_avgdl"] == idx.avgdl
        saved = np.load(folder / "post_imp.npy")
        want = weights(idx, docs, idx.avgdl, idx._post_docs, idx._post_tf)
        assert np.array_equal(saved, want.astype(np.float32))
        loaded = load_index(tmp_path)
        assert loaded is not None
        assert isinstance(loaded[0]._imp.main, np.memmap)  # type: ignore[union-attr]
        assert_impacts_are_exact(loaded[0], docs)
        check(loaded[0], docs, keys, queries_for(docs, 10, seed=20), ks=(10,))


def test_impact_chunks_equal_the_whole() -> None:
    docs = skewed_corpus(700, seed=21)
    idx = BM25Index.build(docs)
    whole = np.zeros(len(idx._terms))
    one = np.concatenate(list(idx.impact_chunks(whole, size=1 << 30)))
    small = np.zeros(len(idx._terms))
    many = np.concatenate(list(idx.impact_chunks(small, size=7)))
    assert np.array_equal(one, many) and np.array_equal(whole, small)
    idx.add([["x"]], [10_000])
    with pytest.raises(ValueError):
        idx.impact_chunks(np.zeros(len(idx._terms)))
    idx.merge()
    with pytest.raises(ValueError):
        idx.impact_chunks(np.zeros(3))


def test_index_saved_without_impacts_still_loads(tmp_path: Path) -> None:
    """A folder from before the impacts were saved (bounds alone, or nothing): the
    impacts are computed on the first compiled search, with the same results."""
    docs = skewed_corpus(1500, seed=22)
    keys = list(range(len(docs)))
    idx = BM25Index.build(docs, keys=keys)
    folder = save_index(idx, tmp_path, {})
    (folder / "post_imp.npy").unlink()
    loaded = load_index(tmp_path)
    assert loaded is not None and loaded[0]._imp is None
    queries = queries_for(docs, 15, seed=23)
    check(loaded[0], docs, keys, queries, ks=(1, 10))
    assert loaded[0]._imp is not None
    (folder / "max_impact.npy").unlink()
    manifest = json.loads((folder / "manifest.json").read_text())
    del manifest["bound_avgdl"]
    (folder / "manifest.json").write_text(json.dumps(manifest))
    loaded = load_index(tmp_path)
    assert loaded is not None and loaded[0]._imp is None
    check(loaded[0], docs, keys, queries, ks=(10,))


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


def test_prefetch_hint_falls_back_to_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the LLVM prefetch intrinsic does not compile, the kernels go without it."""
    from indexer import bm25_kernels as kernels

    def broken(*_: object) -> float:
        raise RuntimeError("no such intrinsic")

    monkeypatch.setattr(kernels, "_probe_hint", broken)
    hint = kernels._choose_prefetch()
    assert hint is kernels._no_hint
    hint(np.zeros(3, dtype=np.float32), 1)  # callable, does nothing


def test_parts_within_keys_score_only_those_documents_the_same() -> None:
    """A part within keys, scored by itself beside the MaxScore search of the whole
    collection, equals the numpy path's dense scoring: with delta postings (documents
    added after the build) and removed documents among the keys."""
    docs = skewed_corpus(3000, seed=31)
    idx = BM25Index.build(docs[:2500], keys=list(range(2500)))
    idx.add(docs[2500:], keys=list(range(2500, 3000)))
    idx.remove([3, 17, 2600])
    rng = np.random.default_rng(32)
    within = set(rng.choice(3000, size=120, replace=False).tolist()) | {3, 17, 2600, 2999}
    for q in queries_for(docs, 40, seed=33):
        results = []
        for name in ("numba", "numpy"):
            bm25_mod.set_kernel(name)
            results.append(idx.search_parts(q, [(10, None), (5, within), (0, within)]))
        assert results[0] == results[1], q
        assert not {h.key for h in results[0][1]} & {3, 17, 2600}


def test_mapped_arrays_reach_the_kernel_as_plain_views(tmp_path: Path) -> None:
    """``_plain``: a memory-mapped array as an ndarray view of the same pages (numba types
    a ``np.memmap`` argument on its slow path), read-only as mapped; others as they are."""
    arr = np.arange(1000, dtype=np.int32)
    np.save(tmp_path / "a.npy", arr)
    mapped = np.load(tmp_path / "a.npy", mmap_mode="r")
    view = bm25_mod._plain(mapped)
    assert type(mapped) is np.memmap and type(view) is np.ndarray
    assert np.shares_memory(view, mapped) and not view.flags.writeable
    assert np.array_equal(view, arr)
    assert bm25_mod._plain(arr) is arr
