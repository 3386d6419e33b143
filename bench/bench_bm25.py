"""Micro benchmark: indexer.bm25.BM25Index vs rank_bm25.BM25Okapi on synthetic Zipf text.

Run:  .venv/bin/python bench/bench_bm25.py [--docs 130000] [--vocab 300000] ...
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from indexer.bm25 import BM25Index
from indexer.store import load_index, save_index


def zipf_corpus(n_docs: int, vocab: int, mean_len: int, s: float,
                rng: np.random.Generator) -> tuple[list[list[str]], np.ndarray, list[str]]:
    p = 1.0 / np.arange(1, vocab + 1) ** s
    cdf = np.cumsum(p / p.sum())
    lens = rng.integers(mean_len // 3, mean_len * 5 // 3 + 1, size=n_docs)
    ids = np.minimum(np.searchsorted(cdf, rng.random(int(lens.sum()))), vocab - 1)
    words = [f"w{i}" for i in range(vocab)]
    flat = [words[i] for i in ids.tolist()]
    docs, o = [], 0
    for length in lens.tolist():
        docs.append(flat[o:o + length])
        o += length
    return docs, cdf, words


def pct(ts: list[float]) -> tuple[float, float]:
    a = np.asarray(ts) * 1e3
    return float(np.percentile(a, 50)), float(np.percentile(a, 95))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--docs", type=int, default=130_000)
    ap.add_argument("--vocab", type=int, default=300_000)
    ap.add_argument("--mean-len", type=int, default=60)
    ap.add_argument("--zipf-s", type=float, default=1.0)
    ap.add_argument("--terms", type=int, default=5, help="tokens per query")
    ap.add_argument("--queries", type=int, default=500)
    ap.add_argument("--ref-queries", type=int, default=20,
                    help="queries timed on rank_bm25 (slow: O(N) Python per token)")
    ap.add_argument("--no-ref", action="store_true", help="skip rank_bm25 entirely")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()

    rng = np.random.default_rng(args.seed)
    t = time.perf_counter()
    docs, cdf, words = zipf_corpus(args.docs, args.vocab, args.mean_len, args.zipf_s, rng)
    print(f"corpus: {args.docs} docs, {sum(map(len, docs))} tokens "
          f"({time.perf_counter() - t:.1f}s to generate)")

    t = time.perf_counter()
    index = BM25Index.build(docs)
    print(f"BM25Index.build: {time.perf_counter() - t:.2f}s, vocab {index.vocab_size}")

    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        save_index(index, Path(tmp), {"bench": True})
        t_save = time.perf_counter() - t
        t = time.perf_counter()
        loaded = load_index(Path(tmp))
        t_load = time.perf_counter() - t
        assert loaded is not None
        print(f"save_index: {t_save:.2f}s, load_index: {t_load:.3f}s")

    def draw(kind: str) -> list[str]:
        if kind == "zipf":  # query terms as frequent as in the text (stop words likely)
            ids = np.searchsorted(cdf, rng.random(args.terms))
        else:  # uniform over the vocabulary (mostly rare terms)
            ids = rng.integers(0, args.vocab, size=args.terms)
        return [words[min(int(i), args.vocab - 1)] for i in ids]

    for kind in ("zipf", "uniform"):
        queries = [draw(kind) for _ in range(args.queries)]
        for q in queries[:20]:  # warm-up
            index.search(q, 10)
        ts_search, ts_scores = [], []
        for q in queries:
            t = time.perf_counter()
            index.search(q, 10)
            ts_search.append(time.perf_counter() - t)
            t = time.perf_counter()
            index.get_scores(q)
            ts_scores.append(time.perf_counter() - t)
        s50, s95 = pct(ts_search)
        g50, g95 = pct(ts_scores)
        print(f"[{kind:7}] ours search(k=10): p50 {s50:.3f} ms  p95 {s95:.3f} ms | "
              f"get_scores: p50 {g50:.3f} ms  p95 {g95:.3f} ms")
        if kind == "zipf" and not args.no_ref:
            from rank_bm25 import BM25Okapi

            t = time.perf_counter()
            ref = BM25Okapi(docs)
            print(f"rank_bm25.BM25Okapi build: {time.perf_counter() - t:.1f}s")
            ref_q = queries[: args.ref_queries]
            ts_ref, ts_ours = [], []
            for q in ref_q:
                t = time.perf_counter()
                theirs = ref.get_scores(q)
                ts_ref.append(time.perf_counter() - t)
                t = time.perf_counter()
                ours = index.get_scores(q)
                ts_ours.append(time.perf_counter() - t)
                assert np.allclose(ours, theirs, rtol=0, atol=1e-9)
            r50, r95 = pct(ts_ref)
            o50, o95 = pct(ts_ours)
            print(f"[{kind:7}] side by side on {len(ref_q)} queries, get_scores:")
            print(f"          rank_bm25 p50 {r50:9.3f} ms  p95 {r95:9.3f} ms")
            print(f"          ours      p50 {o50:9.3f} ms  p95 {o95:9.3f} ms")
            print(f"          speed-up  p50 x{r50 / o50:.0f}  p95 x{r95 / o95:.0f}"
                  "  (scores equal within 1e-9)")


if __name__ == "__main__":
    main()
