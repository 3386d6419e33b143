"""Two source trees side by side on an ingested folder: reindex and search (issue 17).

Usage (from the project root; no network)::

    # sdgbot reindex of a copy of HOME with each tree in turn: wall, CPU of the main
    # process and of its tokenizer workers apart, peak memory; then whether the two
    # saved indexes are the same files (every array and the vocabulary)
    PYTHAINLP_OFFLINE=1 .venv/bin/python bench/bench_ab.py reindex --home HOME TREE_A TREE_B

    # sdgbot search --json -k 10 --order bm25 - with N queries against 1, the trees
    # alternating, 3 pairs: CPU a query = difference / (N - 1); and whether the hits agree
    PYTHAINLP_OFFLINE=1 .venv/bin/python bench/bench_ab.py search --home HOME TREE_A TREE_B

HOME is an ingested ``SDGBOT_HOME`` (e.g. the news corpus); it is copied, never written.
The search queries are drawn from HOME's own passages and headlines as
``bench_engines.make_queries`` draws them (seed 0), so no tokenized corpus is needed.
The machine's load average is printed at the start and end of each run.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import bench_path as bp  # noqa: E402

# Runs `sdgbot reindex` in a child that reports its own CPU and its workers' apart.
_REINDEX = """
import json, os, resource, sys, time
from bot.cli import main
if __name__ == "__main__":
    t = time.perf_counter()
    main(["reindex", "--json"])
    wall = time.perf_counter() - t
    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({"wall_s": round(wall, 1), "main_cpu_s": round(s.ru_utime + s.ru_stime, 1),
                      "workers_cpu_s": round(c.ru_utime + c.ru_stime, 1),
                      "main_peak_mb": round(s.ru_maxrss * 1024 / 1e6)}))
"""


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def index_files(home: Path) -> dict[str, str]:
    """A digest of each file of the saved index (the manifest without its save time)."""
    root = home / "index"
    folder = root / (root / "CURRENT").read_text().strip()
    out = {}
    for f in sorted(folder.iterdir()):
        data = f.read_bytes()
        if f.name == "manifest.json":
            m = json.loads(data)
            m["meta"].pop("saved_at", None)
            data = json.dumps(m, sort_keys=True).encode()
        out[f.name] = hashlib.sha256(data).hexdigest()
    return out


def reindex(home: Path, trees: list[Path]) -> None:
    chars, passages = bp.indexed_chars(home)
    print(f"{passages:,} passages, {chars:,} characters to tokenize")
    digests = []
    with tempfile.TemporaryDirectory(prefix="bench-ab-") as tmp:
        for tree in trees:
            copy = Path(tmp) / "home"
            shutil.rmtree(copy, ignore_errors=True)
            shutil.copytree(home, copy)
            bp.TREE = tree
            start = load()
            r = bp.run([sys.executable, "-c", _REINDEX], bp.env_for(copy))
            fig = json.loads(r["stdout"].strip().split("\n")[-1])
            cpu = fig["main_cpu_s"] + fig["workers_cpu_s"]
            print(f"{tree}: {fig['wall_s']} s wall ({chars / fig['wall_s']:,.0f} chars/s), "
                  f"CPU main {fig['main_cpu_s']} s + workers {fig['workers_cpu_s']} s = "
                  f"{cpu:.1f} s ({chars / cpu:,.0f} chars per CPU-second), main peak "
                  f"{fig['main_peak_mb']} MB; load {start} -> {load()}", flush=True)
            digests.append(index_files(copy))
    same = all(d == digests[0] for d in digests)
    print("saved indexes: " + ("identical files" if same else "DIFFERENT: " + ", ".join(
        sorted(k for k in digests[0] if any(d.get(k) != digests[0][k] for d in digests)))))


def queries(home: Path, n: int) -> list[str]:
    import bench_engines

    from indexer.service import _Row

    with sqlite3.connect(f"file:{home / 'sdgbot.db'}?mode=ro", uri=True) as conn:
        titles = dict(conn.execute("SELECT id, title FROM documents"))
        rows = {i: _Row(i, k, "", t, d, o) for i, k, t, d, o in conn.execute(
            "SELECT p.id, d.kind, p.text, p.document_id, p.ordinal FROM passages p "
            "JOIN documents d ON d.id = p.document_id ORDER BY p.id")}

    class _ById(dict[int, _Row]):  # make_queries reads rows by id and iterates them
        def __iter__(self) -> Any:
            return iter(self.values())

    return bench_engines.make_queries(random.Random(0), titles, _ById(rows), n)  # type: ignore[arg-type]


def search(home: Path, trees: list[Path], n: int, pairs: int) -> None:
    qs = queries(home, n)
    many, one = "\n".join(qs) + "\n", qs[0] + "\n"
    per: dict[Path, list[float]] = {t: [] for t in trees}
    hits: dict[Path, list[Any]] = {}
    start = load()
    cmd = ["search", "--json", "-k", "10", "--order", "bm25", "-"]
    for tree in trees:  # warm the page cache and the compiled kernels' cache
        bp.TREE = tree
        bp.run([*bp.sdgbot(), *cmd], bp.env_for(home), stdin=one)
    for _ in range(pairs):
        for tree in trees:
            bp.TREE = tree
            a = bp.run([*bp.sdgbot(), *cmd], bp.env_for(home), stdin=one)
            b = bp.run([*bp.sdgbot(), *cmd], bp.env_for(home), stdin=many)
            per[tree].append((b["cpu_s"] - a["cpu_s"]) / (n - 1) * 1e3)
            hits[tree] = [[(h["passage_id"], h["score"]) for h in json.loads(line)["hits"]]
                          for line in b["stdout"].split("\n") if line]
    for tree, cpu in per.items():
        print(f"{tree}: {statistics.median(cpu):.2f} ms CPU a query (median; pairs "
              f"{', '.join(f'{x:.2f}' for x in cpu)})")
    first = hits[trees[0]]
    agree = [sum(a == b for a, b in zip(first, hits[t], strict=True)) for t in trees[1:]]
    print(f"identical hits: {agree} of {n}; load {start} -> {load()}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=("reindex", "search"))
    ap.add_argument("trees", nargs="+", type=Path, help="source trees, in turn")
    ap.add_argument("--home", type=Path, required=True, help="an ingested SDGBOT_HOME")
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--pairs", type=int, default=3)
    args = ap.parse_args()
    os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
    trees = [t.resolve() for t in args.trees]
    print(f"bench_ab {args.what}: load average {load()}, {os.cpu_count()} cpus")
    if args.what == "reindex":
        reindex(args.home.resolve(), trees)
    else:
        with tempfile.TemporaryDirectory(prefix="bench-ab-") as tmp:
            home = Path(tmp) / "home"
            shutil.copytree(args.home, home)
            search(home, trees, args.queries, args.pairs)


if __name__ == "__main__":
    main()
