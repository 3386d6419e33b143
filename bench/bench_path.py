"""The path around the search engine (issue 17, part 3), measured through the command line.

Usage (from the project root; no network)::

    PYTHAINLP_OFFLINE=1 .venv/bin/python bench/bench_path.py [--home DIR] [--queries N]
        [--ref-queries N] [--asks N] [--pairs N] [--skip-ingest] [--skip-reindex]
        [--skip-rank-bm25] [--skip-search] [--tree DIR] [--no-bytecode] [--json]

``--tree DIR`` runs the ``sdgbot`` processes on another source tree (an older commit
unpacked with ``git archive``), for figures before and after a change in one sitting.

On the news corpus (/work/shared/data/thaigov-news.jsonl.gz), each figure from
``sdgbot`` processes started by this script (they import this source tree):

1. ``sdgbot ingest`` of the corpus into a fresh ``SDGBOT_HOME`` (SQLite): wall time
   and peak memory (VmHWM polled every 50 ms).  Target: peak <= 500 MB.
   ``--home DIR`` uses an ingested folder instead (it is copied, never written).
2. ``sdgbot reindex`` of that folder: characters tokenized for the index (every
   passage, and each news headline once) per second of wall time, on the machine's
   cores.  Target: >= 1.5 million characters a second.
3. ``sdgbot search --json -k 10 -`` with ``--queries`` queries on stdin against the
   same command with one query, alternating (``--pairs`` pairs), for both orders: the
   default (BM25's top 40 re-ranked by the answer model) and ``--order bm25``.  Per
   query = (N-query run - 1-query run) / (N - 1), in CPU time of the child (user +
   system) and in wall time.  Target: <= 1 ms a query.
4. rank-bm25 (``BM25Okapi.get_scores`` + top 10) in this process on the same corpus,
   tokenized as the index tokenizes it, for the first ``--ref-queries`` of the same
   queries: the ratio to 3.  Target: >= 150 times.
5. A fresh ``sdgbot ask QUESTION`` process, ``--asks`` times: wall time from start to
   exit, median.  Target: <= 0.8 s.  The tree's bytecode is written first (as
   ``pip install .`` does; ``PYTHONDONTWRITEBYTECODE=1`` would otherwise make every
   process compile the project's sources again); ``--no-bytecode`` skips that.

The machine is shared: the load average is printed at the start and the end, and
the runs of 3 alternate so that a change of load hits both sides.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

CORPUS = Path("/work/shared/data/thaigov-news.jsonl.gz")
QUESTION = "นายกรัฐมนตรีเดินทางไปประเทศญี่ปุ่นเมื่อไร"
TARGETS = {"ingest_peak_mb": 500.0, "reindex_chars_per_s": 1_500_000.0,
           "search_ms_per_query": 1.0, "speedup_vs_rank_bm25": 150.0, "ask_wall_s": 0.8}
FIG: dict[str, Any] = {}
VERDICTS: list[tuple[str, str, bool]] = []


def verdict(name: str, ok: bool, detail: str) -> str:
    VERDICTS.append((name, detail, ok))
    return "PASS" if ok else "FAIL"


TREE = ROOT  # the source tree the sdgbot processes import (--tree)


def env_for(home: Path) -> dict[str, str]:
    """This environment with the source tree first on the import path and ``home``."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(TREE), env.get("PYTHONPATH")) if p)
    env.update(PYTHAINLP_OFFLINE="1", SDGBOT_HOME=str(home))
    return env


def sdgbot() -> list[str]:
    exe = Path(sys.executable).parent / "sdgbot"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "bot.cli"]


def vm_hwm_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().split("\n"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024 / 1e6
    except (OSError, ValueError, IndexError):
        return None
    return None


def run(cmd: list[str], env: dict[str, str], stdin: str | None = None,
        poll: bool = False) -> dict[str, Any]:
    """Run a child from a neutral folder: wall, CPU (user + system), peak memory, output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, env=env, cwd=tempfile.gettempdir(),
                                stdin=subprocess.PIPE if stdin is not None else None,
                                stdout=out, stderr=err)
        peak = 0.0
        if stdin is not None:
            assert proc.stdin is not None
            proc.stdin.write(stdin.encode("utf-8"))
            proc.stdin.close()
        while proc.poll() is None:
            if poll:
                peak = max(peak, vm_hwm_mb(proc.pid) or 0.0)
            time.sleep(0.05 if poll else 0.005)
        wall = time.perf_counter() - t
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode("utf-8"), err.read().decode("utf-8")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd[-3:])} failed ({proc.returncode}):\n{stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall_s": wall, "cpu_s": cpu, "peak_mb": peak, "stdout": stdout}


def section(title: str) -> None:
    print(f"\n== {title} (load average {os.getloadavg()[0]:.1f})", flush=True)


# ------------------------------------------------------------------ 1, 2: ingest, reindex


def ingest(home: Path) -> None:
    section("1. sdgbot ingest of the corpus into a fresh folder")
    r = run([*sdgbot(), "ingest", "--json", str(CORPUS)], env_for(home), poll=True)
    summary = json.loads([ln for ln in r["stdout"].split("\n") if ln.startswith("{")][-1])
    ok = r["peak_mb"] <= TARGETS["ingest_peak_mb"]
    shown = f"{r['peak_mb']:.0f} MB ({r['peak_mb'] * 1e6 / 2**20:.0f} MiB)"
    print(f"{summary['added']:,} documents, {summary['passages']:,} passages in "
          f"{r['wall_s']:.1f} s wall ({r['cpu_s']:.1f} s CPU of the process and its workers); "
          f"peak {shown}   target <= 500 MB: {verdict('sdgbot ingest peak', ok, shown)}")
    FIG["ingest"] = {"wall_s": round(r["wall_s"], 1), "cpu_s": round(r["cpu_s"], 1),
                     "peak_mb": round(r["peak_mb"]), "passages": summary["passages"]}


def indexed_chars(home: Path) -> tuple[int, int]:
    """Characters the index tokenizes (passages, and news headlines once), and passages."""
    import sqlite3

    with sqlite3.connect(f"file:{home / 'sdgbot.db'}?mode=ro", uri=True) as conn:
        passages, text = conn.execute(
            "SELECT count(*), coalesce(sum(length(text)), 0) FROM passages").fetchone()
        (titles,) = conn.execute(
            "SELECT coalesce(sum(length(title)), 0) FROM documents WHERE kind = 'news' AND id IN "
            "(SELECT DISTINCT document_id FROM passages)").fetchone()
    return int(text) + int(titles), int(passages)


def reindex(home: Path) -> None:
    section("2. sdgbot reindex")
    chars, passages = indexed_chars(home)
    r = run([*sdgbot(), "reindex", "--json"], env_for(home), poll=True)
    rate = chars / r["wall_s"]
    ok = rate >= TARGETS["reindex_chars_per_s"]
    shown = f"{rate:,.0f} chars/s"
    print(f"{passages:,} passages, {chars:,} characters in {r['wall_s']:.1f} s wall "
          f"(process start-up included; {r['cpu_s']:.1f} s CPU with its workers, peak "
          f"{r['peak_mb']:.0f} MB): {shown}   target >= 1.5 M: "
          f"{verdict('sdgbot reindex', ok, shown)}")
    FIG["reindex"] = {"wall_s": round(r["wall_s"], 1), "cpu_s": round(r["cpu_s"], 1),
                      "chars": chars, "chars_per_s": round(rate), "peak_mb": round(r["peak_mb"])}


# ------------------------------------------------------------------ 3, 4: search


def queries(n: int) -> list[str]:
    """The queries of bench_engines.py (headline clauses, passage fragments; seed 0)."""
    import bench_engines

    cache = ROOT / ".cache" / "bench"
    meta = cache / f"tokens-{bench_engines.cache_key(CORPUS, None)}.json"
    if meta.exists():  # the queries are cached beside the tokens
        qs = json.loads(meta.read_text(encoding="utf-8"))["queries"]
        if len(qs) >= n:
            return list(qs[:n])
    _docs, qs, _meta = bench_engines.tokenized_corpus(CORPUS, None, 0, n, cache)
    return qs


def search(home: Path, qs: list[str], pairs: int) -> float | None:
    section(f"3. sdgbot search --json -k 10 - ({len(qs)} queries against 1)")
    env = env_for(home)
    many, one = "\n".join(qs) + "\n", qs[0] + "\n"
    best: float | None = None
    for order in ("bm25", "model"):
        cmd = [*sdgbot(), "search", "--json", "-k", "10", "--order", order, "-"]
        run(cmd, env, stdin=one)  # warm the page cache and the compiled kernels' cache
        per_cpu, per_wall = [], []
        for _ in range(pairs):
            a = run(cmd, env, stdin=one)
            b = run(cmd, env, stdin=many)
            per_cpu.append((b["cpu_s"] - a["cpu_s"]) / (len(qs) - 1) * 1e3)
            per_wall.append((b["wall_s"] - a["wall_s"]) / (len(qs) - 1) * 1e3)
        cpu, wall = statistics.median(per_cpu), statistics.median(per_wall)
        name = f"search --order {order}"
        ok = cpu <= TARGETS["search_ms_per_query"]
        print(f"--order {order:5s}: {cpu:.2f} ms CPU, {wall:.2f} ms wall a query (median of "
              f"{pairs} pairs; CPU {', '.join(f'{x:.2f}' for x in per_cpu)})   target <= 1 ms: "
              f"{verdict(name, ok, f'{cpu:.2f} ms CPU a query')}")
        FIG[f"search_{order}"] = {"cpu_ms": round(cpu, 3), "wall_ms": round(wall, 3),
                                  "cpu_ms_pairs": [round(x, 3) for x in per_cpu]}
        if order == "bm25":
            best = cpu
    return best


def rank_bm25(qs: list[str], n_ref: int, ours_ms: float | None) -> None:
    section(f"4. rank-bm25 on the same corpus and tokens ({n_ref} queries)")
    import bench_engines
    from rank_bm25 import BM25Okapi

    from indexer.tokenize import tokenize

    docs, _qs, _meta = bench_engines.tokenized_corpus(CORPUS, None, 0, len(qs), ROOT / ".cache"
                                                      / "bench")
    t = time.perf_counter()
    ref = BM25Okapi(docs)
    print(f"BM25Okapi over {len(docs):,} passages built in {time.perf_counter() - t:.0f} s")
    times = []
    for q in qs[:n_ref]:
        tokens = tokenize(q)
        t = time.perf_counter()
        scores = ref.get_scores(tokens)
        np.argpartition(-scores, 10)[:10]
        times.append((time.perf_counter() - t) * 1e3)
    p50 = statistics.median(times)
    FIG["rank_bm25_p50_ms"] = round(p50, 1)
    if ours_ms is None:
        print(f"rank-bm25 p50 {p50:,.0f} ms a query")
        return
    ratio = p50 / ours_ms
    ok = ratio >= TARGETS["speedup_vs_rank_bm25"]
    print(f"rank-bm25 p50 {p50:,.0f} ms a query against {ours_ms:.2f} ms CPU a query for "
          f"sdgbot search --order bm25: x{ratio:,.0f}   target >= 150: "
          f"{verdict('speed-up over rank-bm25', ok, f'x{ratio:,.0f}')}")
    FIG["speedup_vs_rank_bm25"] = round(ratio)


# ------------------------------------------------------------------ 5: a fresh ask


def compile_tree() -> int:
    """Write the bytecode of the tree's packages; the number of modules it covers.

    ``pip install .`` writes it at install, and any first run writes it beside the
    sources, unless ``PYTHONDONTWRITEBYTECODE`` is set (as on the shared machine):
    then each fresh process compiled the ~45 modules a question imports from source,
    about 0.1 s of its start-up (session 9's 0.83 s included it).
    """
    import compileall

    for package in ("bot", "knowledge", "indexer"):
        compileall.compile_dir(TREE / package, quiet=1)
    return sum(1 for p in ("bot", "knowledge", "indexer")
               for _ in (TREE / p).rglob("__pycache__/*.cpython-*.pyc"))


def asks(home: Path, n: int, bytecode: bool = True) -> None:
    section(f"5. fresh sdgbot ask processes ({n})")
    if bytecode:
        print(f"bytecode of the tree written ({compile_tree()} modules); --no-bytecode "
              "leaves it as it is")
    FIG["ask_bytecode"] = bytecode
    env = env_for(home)
    cmd = [*sdgbot(), "ask", QUESTION]
    run(cmd, env)  # caches (derived word lists, model) and the page cache warm
    runs = [run(cmd, env, poll=True) for _ in range(n)]
    wall = statistics.median(r["wall_s"] for r in runs)
    cpu = statistics.median(r["cpu_s"] for r in runs)
    peak = max(r["peak_mb"] for r in runs)
    ok = wall <= TARGETS["ask_wall_s"]
    walls = ", ".join(f"{r['wall_s']:.2f}" for r in runs)
    print(f"wall {walls} s; median {wall:.2f} s wall, "
          f"{cpu:.2f} s CPU, peak {peak:.0f} MB   target <= 0.8 s: "
          f"{verdict('fresh sdgbot ask', ok, f'{wall:.2f} s wall ({cpu:.2f} s CPU)')}")
    FIG["ask"] = {"wall_s": round(wall, 3), "cpu_s": round(cpu, 3), "peak_mb": round(peak),
                  "walls": [round(r["wall_s"], 3) for r in runs]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--home", type=Path, help="an ingested SDGBOT_HOME (copied, not written)")
    ap.add_argument("--queries", type=int, default=300, help="queries of step 3 (default 300)")
    ap.add_argument("--ref-queries", type=int, default=10, help="rank-bm25 queries (default 10)")
    ap.add_argument("--asks", type=int, default=5, help="fresh ask processes (default 5)")
    ap.add_argument("--pairs", type=int, default=3, help="search run pairs (default 3)")
    ap.add_argument("--skip-ingest", action="store_true", help="needs --home")
    ap.add_argument("--skip-reindex", action="store_true")
    ap.add_argument("--skip-rank-bm25", action="store_true")
    ap.add_argument("--skip-search", action="store_true",
                    help="skip steps 3 and 4 (their queries need the tokenized corpus)")
    ap.add_argument("--no-bytecode", action="store_true",
                    help="step 5 without writing the tree's bytecode first")
    ap.add_argument("--tree", type=Path, default=ROOT,
                    help="source tree of the sdgbot processes (default: this one)")
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = ap.parse_args()
    global TREE
    TREE = args.tree.resolve()
    FIG["tree"] = str(TREE)
    os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
    FIG["loadavg_start"] = os.getloadavg()
    print(f"bench_path: sdgbot from {TREE}; load average {os.getloadavg()[0]:.2f}, "
          f"{os.cpu_count()} cpus")
    tmp = Path(tempfile.mkdtemp(prefix="bench-path-"))
    try:
        home = tmp / "home"
        if args.skip_ingest:
            if args.home is None:
                raise SystemExit("--skip-ingest needs --home")
            shutil.copytree(args.home, home)
        else:
            ingest(home)
        if not args.skip_reindex:
            reindex(home)
        if not args.skip_search:
            qs = queries(args.queries)
            ours = search(home, qs, args.pairs)
            if not args.skip_rank_bm25 and args.ref_queries > 0:
                rank_bm25(qs, args.ref_queries, ours)
        asks(home, args.asks, bytecode=not args.no_bytecode)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("\n== targets")
    for name, detail, ok in VERDICTS:
        print(f"{'PASS' if ok else 'FAIL'}  {name}: {detail}")
    FIG["loadavg_end"] = os.getloadavg()
    print(f"load average at the end {os.getloadavg()[0]:.2f}")
    FIG["targets"] = {name: {"value": detail, "pass": ok} for name, detail, ok in VERDICTS}
    if args.json:
        print(json.dumps(FIG, ensure_ascii=False))


if __name__ == "__main__":
    main()
