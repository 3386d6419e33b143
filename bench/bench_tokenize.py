"""Tokenizer throughput on Thai government news, per engine, 1 and 2 processes.

Usage: PYTHAINLP_OFFLINE=1 python bench/bench_tokenize.py [N_ARTICLES|all] [--agree]
    [--no-speed]

Prints characters per second for newmm and nlpo3, single process and with
``tokenize_many(processes=2)`` (worker start-up included), on the first N
articles (default 2000; ``all``: the whole corpus) of
/work/shared/data/thaigov-news.jsonl.gz.  In worker processes newmm runs are
segmented by nlpo3 where its words are vouched for (``indexer.tokenize._vouched``),
by newmm itself elsewhere; in-process newmm is PyThaiNLP's alone.  With
``--agree`` it compares paragraph by paragraph: newmm against raw nlpo3, and newmm
against the vouched path (which must agree everywhere: the index is built with it
and queried with newmm).  ``--no-speed`` skips the throughput part.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import indexer.tokenize as tokmod
from indexer.tokenize import ENGINES, tokenize, tokenize_many

CORPUS = Path("/work/shared/data/thaigov-news.jsonl.gz")


def load(n: int) -> list[str]:
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        lines = f.read().split("\n")  # not splitlines(): titles hold U+2028
    texts: list[str] = []
    for line in lines:
        if line.strip():
            article = json.loads(line)
            texts.append(f"{article['title']}\n{article['text']}")
            if len(texts) >= n:
                break
    return texts


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n = 10**9 if args and args[0] == "all" else int(args[0]) if args else 2000
    texts = load(n)
    chars = sum(map(len, texts))
    print(f"{len(texts)} articles, {chars:,} characters")
    print("chars/s by wall clock; in brackets by CPU time, which a busy machine does not skew")
    for engine in ENGINES if "--no-speed" not in sys.argv else ():
        tokenize("warm up มหาดไทย", engine=engine)  # build the dictionary first
        start, cpu = time.perf_counter(), time.process_time()
        single = [tokenize(t, engine=engine) for t in texts]
        dt1, cpu1 = time.perf_counter() - start, time.process_time() - cpu
        before = os.times()
        start = time.perf_counter()
        multi = tokenize_many(texts, processes=2, engine=engine)
        dt2 = time.perf_counter() - start
        after = os.times()
        cpu2 = (after.children_user + after.children_system) - (
            before.children_user + before.children_system
        )
        assert multi == single, f"{engine}: tokenize_many differs from tokenize"
        tokens = sum(map(len, single))
        # Two processes on two cores: CPU-time throughput times two.
        multi_cpu = f" [{2 * chars / cpu2:,.0f}]" if cpu2 > 0 else ""
        print(
            f"{engine:6s} 1 process: {chars / dt1:>11,.0f} [{chars / cpu1:,.0f}]   "
            f"2 processes: {chars / dt2:>11,.0f}{multi_cpu}   ({tokens:,} tokens)"
        )
    if "--agree" in sys.argv:
        agree(texts)


def agree(texts: list[str]) -> None:
    """Paragraph by paragraph: newmm against raw nlpo3 and against the vouched path."""
    paragraphs = [p for t in texts for p in t.split("\n") if p.strip()]
    start = time.process_time()
    reference = [tokenize(p) for p in paragraphs]
    took = {"newmm": time.process_time() - start}
    differ = {"nlpo3": 0, "vouched": 0}
    for label in differ:
        tokmod._segment_vouched.cache_clear()
        if label == "vouched" and not tokmod._use_nlpo3_for_newmm():
            print("nlpo3 is not installed: no vouched path")
            return
        engine = "nlpo3" if label == "nlpo3" else "newmm"
        start = time.process_time()
        for p, a in zip(paragraphs, reference, strict=True):
            b = tokenize(p, engine=engine)
            if a != b:
                differ[label] += 1
                if differ[label] <= 5:
                    print(f"{label} differs:", p[:80])
                    print("  newmm:", [x for x in a if x not in b][:10])
                    print(f"  {label}:", [x for x in b if x not in a][:10])
        took[label] = time.process_time() - start
        tokmod._newmm_by_nlpo3 = False
    chars = sum(map(len, paragraphs))
    for label, n_diff in differ.items():
        same = len(paragraphs) - n_diff
        print(f"newmm and {label} agree on {same:,} of {len(paragraphs):,} paragraphs "
              f"({same / len(paragraphs):.4%})")
    print("CPU seconds, one process, tokenizer caches warm from the first pass only for "
          + ", ".join(f"{k} {v:.1f} s ({chars / v:,.0f} chars/s)" for k, v in took.items()))


if __name__ == "__main__":
    main()
