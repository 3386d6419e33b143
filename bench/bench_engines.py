"""Side by side: sdgbot's BM25 engine, bm25s and rank-bm25 on identical tokens and queries.

Usage (from the project root; no network)::

    PYTHAINLP_OFFLINE=1 .venv/bin/python bench/bench_engines.py [--limit N]
        [--queries N] [--ref-queries N] [--seed S] [--cache DIR] [--json]

What it does, in one process and on one thread:

1. The news corpus (/work/shared/data/thaigov-news.jsonl.gz) is read and cut into
   passages as ``sdgbot ingest`` does, and tokenized as ``indexer.service`` indexes
   it (passage + headline + distinct context words of its neighbours, with
   ``with_context``), on 2 processes.  The token lists are cached on disk (token ids,
   offsets and the vocabulary, keyed by the corpus file, ``--limit``, the tokenizer
   version and the index layout), so later runs skip the 78 M characters of
   tokenizing.  The queries (headline clauses and passage fragments, ``--seed``) are
   cached with them.
2. Three engines index the same token lists: ``indexer.bm25.BM25Index`` (its compiled
   kernel if numba is installed, and its pure-numpy fallback), bm25s with its fastest
   backend that imports here (numba, else numpy; method "robertson", k1 1.5, b 0.75)
   and ``rank_bm25.BM25Okapi``.
3. Every query is run on each engine in turn, the order rotating from query to query
   (rank-bm25 only on the first ``--ref-queries``: it scores every document in Python);
   each call is timed alone.  bm25s is timed on its per-query path (``get_scores`` on
   token ids, then its numba top-k when available), which is faster than ``retrieve``
   for one query (``--retrieve`` times that too).
4. Correctness on the ``--ref-queries`` sample: the largest difference between our
   scores and rank-bm25's over all documents (target 1e-9), and how many top-10 sets
   equal rank-bm25's (a set that differs only among documents tied with the 10th
   score counts as equal, as either order is right).

It prints p50/p95 per engine, the ratios, and PASS/FAIL for the issue's targets
(ours p50 <= bm25s p50, ours p95 <= 2 x bm25s p95, scores to 1e-9, top-10 sets equal).
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import random
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from indexer import bm25 as bm25mod
from indexer import service as svc
from indexer.bm25 import BM25Index
from indexer.tokenize import TOKENIZER_VERSION, tokenize, tokenize_many

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path("/work/shared/data/thaigov-news.jsonl.gz")
CACHE_FORMAT = 1
TOL = 1e-9


def pct(seconds: Sequence[float]) -> tuple[float, float]:
    """p50 and p95 in milliseconds."""
    a = np.asarray(seconds, dtype=np.float64) * 1e3
    return float(np.percentile(a, 50)), float(np.percentile(a, 95))


# ------------------------------------------------------------------ corpus and cache


def cache_key(corpus: Path, limit: int | None) -> str:
    st = corpus.stat()
    raw = json.dumps([CACHE_FORMAT, str(corpus.resolve()), st.st_size, st.st_mtime_ns, limit,
                      TOKENIZER_VERSION, svc.INDEX_LAYOUT])
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def make_queries(rng: random.Random, titles: list[str], rows: list[svc._Row],
                 n: int) -> list[str]:
    """Headline clauses and sentence fragments of random articles (as bench_corpus.py)."""
    out: list[str] = []
    by_article: dict[int, list[int]] = {}
    for r in rows:
        by_article.setdefault(r.doc_id, []).append(r.id)
    articles = sorted(by_article)
    while len(out) < n:
        a = rng.choice(articles)
        if rng.random() < 0.5:
            pieces, min_len = titles[a].split(), 12
        else:
            pieces, min_len = rows[rng.choice(by_article[a])].text.split(), 15
        if not pieces:
            continue
        start = rng.randrange(len(pieces))
        q = ""
        for p in pieces[start:]:
            q = f"{q} {p}" if q else p
            if len(q) >= min_len:
                break
        q = q[:60]
        if tokenize(q):
            out.append(q)
    return out


def tokenized_corpus(corpus: Path, limit: int | None, seed: int, n_queries: int,
                     cache: Path) -> tuple[list[list[str]], list[str], dict[str, Any]]:
    """Index token lists of every passage (cached) and the query texts.

    The queries are cached with the tokens; a run with the same seed and as many
    queries or fewer takes the first ones (they are drawn one after another).
    """
    key = cache_key(corpus, limit)
    npz, meta_path = cache / f"tokens-{key}.npz", cache / f"tokens-{key}.json"
    if npz.exists() and meta_path.exists() and (
            (m := json.loads(meta_path.read_text(encoding="utf-8"))).get("seed") == seed
            and len(m["queries"]) >= n_queries):
        t = time.perf_counter()
        with np.load(npz, allow_pickle=False) as z:
            vocab = bytes(z["vocab"]).decode("utf-8").split("\n")
            ids, offsets = z["ids"], z["offsets"]
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        words = np.array(vocab, dtype=object)[ids].tolist()
        docs = [words[a:b] for a, b in itertools.pairwise(offsets.tolist())]
        print(f"token cache {npz.name}: {len(docs):,} passages, {len(ids):,} tokens "
              f"loaded in {time.perf_counter() - t:.1f} s")
        return docs, meta["queries"][:n_queries], meta
    from knowledge.ingest import read_path
    from knowledge.passages import split_sections

    t = time.perf_counter()
    titles: list[str] = []
    rows: list[svc._Row] = []
    chars = 0
    for i, doc in enumerate(itertools.islice(read_path(corpus), limit)):
        titles.append(doc.title)
        for j, p in enumerate(split_sections(doc.sections)):
            chars += len(p.text)
            rows.append(svc._Row(len(rows), doc.kind, doc.title, p.text, i, j))
    heads = sorted({r.doc_id for r in rows if r.kind == "news"})
    texts = [r.text for r in rows] + [titles[d] for d in heads]
    t_read = time.perf_counter() - t
    t = time.perf_counter()
    toks = tokenize_many(texts, processes=2)
    t_tok = time.perf_counter() - t
    docs = svc.with_context(rows, toks[: len(rows)],
                            dict(zip(heads, toks[len(rows):], strict=True)), {})
    del toks
    queries = make_queries(random.Random(seed), titles, rows, n_queries)
    tok_chars = sum(map(len, texts))
    print(f"corpus: {len(titles):,} articles -> {len(rows):,} passages ({chars:,} chars) in "
          f"{t_read:.1f} s; tokenized {tok_chars:,} chars on 2 processes in {t_tok:.1f} s "
          f"({tok_chars / t_tok:,.0f} chars/s)")
    vocab_map: dict[str, int] = {}
    flat = np.fromiter((vocab_map.setdefault(w, len(vocab_map))
                        for d in docs for w in d), dtype=np.int32)
    offsets = np.zeros(len(docs) + 1, dtype=np.int64)
    np.cumsum([len(d) for d in docs], out=offsets[1:])
    cache.mkdir(parents=True, exist_ok=True)
    tmp = npz.with_suffix(".tmp.npz")
    np.savez(tmp, ids=flat, offsets=offsets,
             vocab=np.frombuffer("\n".join(vocab_map).encode("utf-8"), dtype=np.uint8))
    os.replace(tmp, npz)
    meta = {"articles": len(titles), "passages": len(rows), "passage_chars": chars,
            "tokenized_chars": tok_chars, "tokenize_s": round(t_tok, 2),
            "queries": queries, "seed": seed, "tokenizer": TOKENIZER_VERSION,
            "layout": svc.INDEX_LAYOUT}
    meta_path.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    return docs, queries, meta


# ------------------------------------------------------------------ engines


class Bm25sEngine:
    """bm25s on the same tokens: vocabulary ids shared, query tokens mapped to ids."""

    def __init__(self, docs: list[list[str]], backend: str) -> None:
        import bm25s

        self.bm25s = bm25s
        self.vocab: dict[str, int] = {}
        ids = [[self.vocab.setdefault(w, len(self.vocab)) for w in d] for d in docs]
        self.model = bm25s.BM25(method="robertson", k1=1.5, b=0.75, backend=backend)
        self.model.index(bm25s.tokenization.Tokenized(ids=ids, vocab=self.vocab),
                         show_progress=False)
        self.backend = backend
        self.topk: Callable[..., Any] | None = None
        if backend == "numba":
            from bm25s.numba.selection import topk as numba_topk

            self.topk = numba_topk

    def query_ids(self, tokens: list[str]) -> list[int]:
        return [self.vocab[t] for t in tokens if t in self.vocab]

    def search(self, qids: list[int], k: int) -> tuple[np.ndarray, np.ndarray]:
        """Top k by bm25s: its get_scores, then its numba top-k (or numpy's)."""
        scores = self.model.get_scores(qids)
        if self.topk is not None:
            vals, idx = self.topk(scores, k, backend="numba", sorted=True)
            return idx, vals
        idx = np.argpartition(-scores, k)[:k]
        idx = idx[np.argsort(-scores[idx], kind="stable")]
        return idx, scores[idx]

    def retrieve(self, qids: list[int], k: int) -> np.ndarray:
        """The documented path: ``retrieve`` of one tokenized query."""
        q = self.bm25s.tokenization.Tokenized(ids=[qids], vocab=self.vocab)
        res, _ = self.model.retrieve(q, k=k, n_threads=1, show_progress=False,
                                     backend_selection=self.backend)
        return np.asarray(res[0])


def bm25s_backend() -> str | None:
    try:
        import bm25s  # noqa: F401
    except ImportError:
        return None
    try:
        import numba  # noqa: F401
        from bm25s.numba import selection  # noqa: F401
    except ImportError:
        return "numpy"
    return "numba"


def ref_top(scores: np.ndarray, k: int) -> list[int]:
    """rank-bm25's top k positions (positive scores, ties by position)."""
    order = np.argsort(-scores, kind="stable")[:k]
    return [int(i) for i in order if scores[i] > 0]


def same_top(ours: list[int], ref: list[int], scores: np.ndarray) -> bool:
    """Equal sets, or sets that differ only among documents tied with the last score."""
    if set(ours) == set(ref):
        return True
    if len(ours) != len(ref) or not ref:
        return False
    last = scores[ref[-1]]
    diff = set(ours) ^ set(ref)
    return all(abs(scores[i] - last) <= TOL for i in diff)


# ------------------------------------------------------------------ main


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=None, help="first N articles only")
    ap.add_argument("--queries", type=int, default=1000)
    ap.add_argument("--ref-queries", type=int, default=50,
                    help="queries also run on rank-bm25 and checked against it")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--k", type=int, default=10)
    ap.add_argument("--cache", type=Path, default=ROOT / ".cache" / "bench")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--no-numpy", action="store_true",
                    help="skip our pure-numpy fallback (it is timed by default)")
    ap.add_argument("--retrieve", action="store_true",
                    help="also time bm25s's retrieve() (slower than get_scores + top-k)")
    ap.add_argument("--json", action="store_true", help="end with the figures as JSON")
    args = ap.parse_args()
    k = args.k
    fig: dict[str, Any] = {"limit": args.limit, "k": k, "load_start": os.getloadavg()[0]}
    print(f"load average at start: {os.getloadavg()[0]:.2f} (machine has {os.cpu_count()} cores)")

    docs, query_texts, meta = tokenized_corpus(args.corpus, args.limit, args.seed,
                                               args.queries, args.cache)
    queries = [tokenize(q) for q in query_texts]
    n_tok = sum(map(len, docs))
    fig["corpus"] = {"passages": len(docs), "tokens": n_tok,
                     "tokenized_chars": meta["tokenized_chars"]}
    lens = [len(q) for q in queries]
    print(f"{len(docs):,} index documents, {n_tok:,} tokens; {len(queries)} queries, "
          f"{np.mean(lens):.1f} tokens on average (max {max(lens)}), k = {k}")

    t = time.perf_counter()
    ours = BM25Index.build(docs)
    print(f"ours: BM25Index.build {time.perf_counter() - t:.1f} s; kernel: "
          f"{bm25mod.kernel_name()}")
    t = time.perf_counter()
    ours.search(queries[0], k)  # the compiled path computes its impacts here
    print(f"ours: first search (impacts for the compiled search) {time.perf_counter() - t:.2f} s")
    engines: dict[str, Callable[[list[str]], object]] = {
        "ours": lambda q: ours.search(q, k),
    }
    if not args.no_numpy and bm25mod.kernel_name() != "numpy":
        def numpy_search(q: list[str]) -> object:
            bm25mod.set_kernel("numpy")
            try:
                return ours.search(q, k)
            finally:
                bm25mod.set_kernel("numba")

        engines["ours-numpy"] = numpy_search

    backend = bm25s_backend()
    b25: Bm25sEngine | None = None
    if backend is None:
        print("bm25s is not installed (pip install -e '.[bench]'): left out")
    else:
        t = time.perf_counter()
        b25 = Bm25sEngine(docs, backend)
        print(f"bm25s {b25.bm25s.__version__} ({backend} backend): index "
              f"{time.perf_counter() - t:.1f} s")
        qids = {id(q): b25.query_ids(q) for q in queries}
        engines[f"bm25s-{backend}"] = lambda q: b25.search(qids[id(q)], k)
        if args.retrieve:
            engines["bm25s-retrieve"] = lambda q: b25.retrieve(qids[id(q)], k)

    from rank_bm25 import BM25Okapi

    t = time.perf_counter()
    ref = BM25Okapi(docs)
    print(f"rank_bm25.BM25Okapi: build {time.perf_counter() - t:.1f} s")

    def rank_search(q: list[str]) -> list[int]:
        return ref_top(ref.get_scores(q), k)

    # warm-up: compile kernels, touch pages
    for q in queries[:20]:
        for fn in engines.values():
            fn(q)
    names = [*engines, "rank_bm25"]
    times: dict[str, list[float]] = {n: [] for n in names}
    n_ref = min(args.ref_queries, len(queries))
    t_all = time.perf_counter()
    for i, q in enumerate(queries):
        active = names if i < n_ref else names[:-1]
        rot = i % len(active)
        for name in active[rot:] + active[:rot]:
            fn = rank_search if name == "rank_bm25" else engines[name]
            t = time.perf_counter()
            fn(q)
            times[name].append(time.perf_counter() - t)
    print(f"timed run: {time.perf_counter() - t_all:.1f} s, alternating query by query")

    # correctness against rank-bm25 on the sample
    max_diff = 0.0
    same_ours = same_b25 = 0
    hit_diff = 0.0
    for q in queries[:n_ref]:
        theirs = ref.get_scores(q)
        mine = ours.get_scores(q)
        max_diff = max(max_diff, float(np.max(np.abs(mine - theirs))))
        want = ref_top(theirs, k)
        hits = ours.search(q, k)
        hit_diff = max([hit_diff] + [abs(h.score - theirs[h.key]) for h in hits])
        same_ours += same_top([h.key for h in hits], want, theirs)
        if b25 is not None:
            idx, _ = b25.search(b25.query_ids(q), k)
            same_b25 += same_top([int(i) for i in idx if theirs[int(i)] > 0], want, theirs)

    print(f"\n{'engine':<16}{'p50 ms':>10}{'p95 ms':>10}{'mean ms':>10}   queries")
    stats: dict[str, dict[str, float]] = {}
    for name in names:
        p50, p95 = pct(times[name])
        mean = float(np.mean(times[name]) * 1e3)
        stats[name] = {"p50_ms": round(p50, 4), "p95_ms": round(p95, 4),
                       "mean_ms": round(mean, 4), "n": len(times[name])}
        print(f"{name:<16}{p50:>10.3f}{p95:>10.3f}{mean:>10.3f}   {len(times[name])}")
    fig["engines"] = stats
    o = stats["ours"]
    r = stats["rank_bm25"]
    ours_ref = [t for t in times["ours"][:n_ref]]
    r50 = pct(ours_ref)[0]
    print(f"\nrank_bm25 / ours (first {n_ref} queries, p50): x{r['p50_ms'] / r50:,.0f}")
    fig["speedup_vs_rank_bm25_p50"] = round(r["p50_ms"] / r50, 1)
    checks: list[tuple[str, bool, str]] = []
    if b25 is not None:
        s = stats[f"bm25s-{backend}"]
        alt = stats.get("bm25s-retrieve", s)
        best50 = min(s["p50_ms"], alt["p50_ms"])
        best95 = min(s["p95_ms"], alt["p95_ms"])
        print(f"ours / bm25s best: p50 {o['p50_ms'] / best50:.2f}, p95 {o['p95_ms'] / best95:.2f}")
        fig["ratio_p50"] = round(o["p50_ms"] / best50, 3)
        fig["ratio_p95"] = round(o["p95_ms"] / best95, 3)
        checks.append(("p50 <= bm25s best p50", o["p50_ms"] <= best50,
                       f"{o['p50_ms']:.3f} vs {best50:.3f} ms"))
        checks.append(("p95 <= 2 x bm25s best p95", o["p95_ms"] <= 2 * best95,
                       f"{o['p95_ms']:.3f} vs 2 x {best95:.3f} ms"))
        print(f"bm25s top-10 sets equal to rank-bm25's: {same_b25}/{n_ref} (its idf has no "
              "epsilon floor, so it need not agree)")
        fig["bm25s_top10_equal"] = same_b25
    checks.append(("scores = rank-bm25 to 1e-9", max_diff <= TOL and hit_diff <= TOL,
                   f"max |diff| {max_diff:.3g} over all documents, {hit_diff:.3g} on hits, "
                   f"{n_ref} queries"))
    checks.append(("top-10 sets = rank-bm25", same_ours == n_ref, f"{same_ours}/{n_ref}"))
    fig["max_score_diff"] = max_diff
    fig["top10_equal"] = same_ours
    fig["ref_queries"] = n_ref
    print()
    for name, ok, detail in checks:
        print(f"{'PASS' if ok else 'FAIL'}  {name}: {detail}")
    fig["checks"] = {name: ok for name, ok, _ in checks}
    fig["load_end"] = os.getloadavg()[0]
    print(f"load average at the end: {fig['load_end']:.2f}")
    if args.json:
        print(json.dumps(fig))


if __name__ == "__main__":
    main()
