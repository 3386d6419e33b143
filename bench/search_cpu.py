"""CPU a query of ``sdgbot search --json -k 10 -``, measured inside the process.

Usage (from the project root; no network)::

    PYTHONPATH=TREE SDGBOT_HOME=HOME PYTHAINLP_OFFLINE=1 .venv/bin/python bench/search_cpu.py \
        --order bm25|model [--queries FILE]

bench_path.py's search step subtracts the CPU of a 1-query process from that of a
300-query one: on a loaded machine the start-up's own variation (+-0.2 s) swamps
the 0.3 s the queries cost in the ``bm25`` order.  This runs the command's own loop
(:func:`bot.cli._search_obj`, the JSON line, a flushed write, within the command's
``_searching`` block) after opening the data folder as the command does, runs the first
query (which loads the compiled kernels), then reports the process CPU (user + system) of
the other queries divided by their number, in milliseconds.  ``PYTHONPATH=TREE`` chooses
the source tree (for before and after; the folder is migrated to that tree's schema, as
any command does).  Queries: one a line; the default is bench_engines' 300
(``.cache/bench``, see bench_path.py), else 300 drawn from HOME (``bench_ab.py``'s
queries; ``--save-queries FILE`` writes them).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import time
from pathlib import Path

import bot.cli as cli
from bot.config import Settings

ROOT = Path(__file__).resolve().parent.parent


def default_queries() -> list[str]:
    """bench_path.py's queries, from the token cache's metadata (bench_engines.py makes it).

    Without that cache, 300 queries drawn from the data folder's own passages and
    headlines as ``bench_ab.py`` draws them (bench_engines' recipe, seed 0).
    """
    for meta in sorted((ROOT / ".cache" / "bench").glob("tokens-*.json")):
        qs = json.loads(meta.read_text(encoding="utf-8")).get("queries")
        if isinstance(qs, list) and len(qs) >= 2:
            return [str(q) for q in qs]
    home = os.environ.get("SDGBOT_HOME")
    if not home:
        raise SystemExit("no cached queries and no SDGBOT_HOME: pass --queries")
    import bench_ab

    return bench_ab.queries(Path(home), 300)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--order", choices=("bm25", "model"), default="bm25")
    ap.add_argument("--queries", type=Path, help="a file of queries, one a line")
    ap.add_argument("--save-queries", type=Path, help="write the queries used to this file")
    ap.add_argument("--best-of", type=int, default=1, metavar="N",
                    help="run each query N times and count its least CPU (steadier under "
                         "load; N > 1 also prints the slowest tenth's share)")
    ap.add_argument("--per-query", type=Path, help="write each query's CPU (ms) to this file")
    args = ap.parse_args()
    qs = (args.queries.read_text(encoding="utf-8").split("\n") if args.queries
          else default_queries())
    qs = [q for q in qs if q.strip()]
    if args.save_queries:
        args.save_queries.write_text("".join(q + "\n" for q in qs), encoding="utf-8")
    cli._one_shot(True)  # as `sdgbot search -` does
    app = cli._open(Settings.from_env())
    try:
        rerank = None
        if args.order == "model":
            from bot.answering import Answerer

            rerank = Answerer(app.db, app.index).search
        # the command's own block around its loop (older trees: what they had)
        searching = getattr(cli, "_searching", None)
        frozen = (getattr(cli, "_start_up_frozen", contextlib.nullcontext) if searching is None
                  else lambda: searching(app))
        with open(os.devnull, "w", encoding="utf-8") as out, frozen():
            print(cli.dumps(cli._search_obj(app, qs[0], 10, rerank)), file=out, flush=True)
            each: list[float] = []
            for q in qs[1:]:
                best = float("inf")
                for _ in range(max(1, args.best_of)):
                    t = time.process_time()
                    print(cli.dumps(cli._search_obj(app, q, 10, rerank)), file=out, flush=True)
                    best = min(best, time.process_time() - t)
                each.append(best)
            cpu = sum(each)
    finally:
        app.close()
    print(f"{args.order}: {cpu / (len(qs) - 1) * 1e3:.3f} ms CPU a query "
          f"({len(qs) - 1} queries after the first; load average {os.getloadavg()[0]:.1f})")
    if args.best_of > 1:
        slow = sorted(each, reverse=True)
        tenth = sum(slow[: max(1, len(slow) // 10)])
        print(f"  best of {args.best_of}; slowest tenth of the queries: {tenth / cpu:.0%} of "
              f"the CPU; p50 {slow[len(slow) // 2] * 1e3:.3f} ms, max {slow[0] * 1e3:.3f} ms")
    if args.per_query:
        args.per_query.write_text("".join(f"{c * 1e3:.4f}\t{q}\n" for c, q in
                                          zip(each, qs[1:], strict=True)), encoding="utf-8")


if __name__ == "__main__":
    main()
