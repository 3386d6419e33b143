"""Tokenizer throughput on Thai government news, per engine, 1 and 2 processes.

Usage: PYTHAINLP_OFFLINE=1 python bench/bench_tokenize.py [N_ARTICLES] [--agree]

Prints characters per second for newmm and nlpo3, single process and with
``tokenize_many(processes=2)`` (worker start-up included), on the first N
articles (default 2000) of /work/shared/data/thaigov-news.jsonl.gz. With
``--agree`` it also compares the two engines paragraph by paragraph.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

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
    n = int(args[0]) if args else 2000
    texts = load(n)
    chars = sum(map(len, texts))
    print(f"{len(texts)} articles, {chars:,} characters")
    print("chars/s by wall clock; in brackets by CPU time, which a busy machine does not skew")
    for engine in ENGINES:
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
        paragraphs = [p for t in texts for p in t.split("\n") if p.strip()]
        differ = 0
        for p in paragraphs:
            a, b = tokenize(p, engine="newmm"), tokenize(p, engine="nlpo3")
            if a != b:
                differ += 1
                if differ <= 5:
                    print("differs:", p[:80])
                    print("  newmm:", [x for x in a if x not in b][:10])
                    print("  nlpo3:", [x for x in b if x not in a][:10])
        same = len(paragraphs) - differ
        print(
            f"engines agree on {same:,} of {len(paragraphs):,} paragraphs "
            f"({same / len(paragraphs):.4%})"
        )


if __name__ == "__main__":
    main()
