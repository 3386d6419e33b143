"""The ministry's real workbooks at scale: ingest, /projects, /summary, structured questions.

Usage (from the project root; no network)::

    PYTHAINLP_OFFLINE=1 .venv/bin/python bench/bench_workbooks.py [--json] [--repeat N]

1. ``sdgbot ingest`` of both ThaiME workbooks (``thaime_v2p1.xlsx``, ``thaime_v2p2.xlsx``,
   40,725 rows) into a fresh ``SDGBOT_HOME`` (SQLite), as a subprocess: wall time and
   the child's peak RSS (``getrusage(RUSAGE_CHILDREN).ru_maxrss``), and what it counted:
   rows read, projects added, duplicates, rows refused and why.  Targets: <= 60 s,
   <= 500 MB.
2. In this process, on that database: ``/projects`` pages and searches
   (:func:`bot.project_view.projects_text`: first call, which loads the search cache,
   and the median of ``--repeat`` warm calls per query; target <= 100 ms), the
   structured questions (:func:`bot.structured.answer_structured`) with their answers,
   and the project-list part of ``/summary 3/2563`` (:func:`bot.summary_lists.lists_summary`).
3. ``sdgbot summary 3/2563 --xlsx --chart`` as a subprocess (target <= 2 s for the
   command's work; process start-up is reported apart, from ``sdgbot summary --help``).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "thaime-nesdc" / "original"
WORKBOOKS = [DATA / "thaime_v2p1.xlsx", DATA / "thaime_v2p2.xlsx"]
QUERIES = ["", "กระบี่", "อบจ.เชียงใหม่", "ถนน เชียงใหม่", "กรมส่งเสริมการปกครองท้องถิ่น หน้า 50",
           "ไฟฟ้าส่องสว่าง"]
QUESTIONS = [
    "จังหวัดกระบี่มีโครงการกี่โครงการ",
    "งบประมาณรวมของ อบจ.เชียงใหม่เท่าไร",
    "โครงการติดตั้งไฟฟ้าส่องสว่างถนนสาธารณะ ของ อบจ.เชียงใหม่ งบเท่าไร",
]


def _sdgbot(home: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], float]:
    env = dict(os.environ, SDGBOT_HOME=str(home), PYTHAINLP_OFFLINE="1", MPLBACKEND="Agg")
    env.pop("DATABASE_URL", None)
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", "import sys; from bot.cli import main; sys.exit(main())", *args],
        env=env, capture_output=True, text=True, check=False, cwd=ROOT,
    )
    return proc, time.perf_counter() - t0


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--repeat", type=int, default=20, help="warm calls per query (default 20)")
    args = ap.parse_args()
    missing = [str(p) for p in WORKBOOKS if not p.is_file()]
    if missing:
        print(f"workbooks not found: {missing}", file=sys.stderr)
        return 1
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="sdgbot-bench-") as tmp:
        home = Path(tmp) / "home"
        # 1. ingest (the first command also creates the database and loads the sample)
        proc, took = _sdgbot(home, "ingest", "--json", *map(str, WORKBOOKS))
        if proc.returncode != 0:
            print(proc.stderr, file=sys.stderr)
            return 1
        peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        counted = json.loads(proc.stdout)
        out["ingest"] = {
            "seconds_wall": round(took, 2),
            "seconds_in_command": counted["seconds"],
            "peak_rss_mb": round(peak_kb / 1024, 1),
            "rows_read": counted["rows_read"],
            "projects_added": counted["projects_added"],
            "duplicates": counted["projects_duplicate"],
            "refused": counted["rows_refused"],
        }

        # 2. queries in this process
        from bot.project_view import projects_text
        from bot.structured import answer_structured
        from bot.summary_lists import lists_summary
        from knowledge.db import Database, sqlite_url
        from knowledge.thai import FiscalQuarter

        db = Database(sqlite_url(home))
        pages: dict[str, Any] = {}
        for k, q in enumerate(QUERIES):
            t0 = time.perf_counter()
            text = projects_text(db, q)
            first = time.perf_counter() - t0
            warm = []
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                projects_text(db, q)
                warm.append(time.perf_counter() - t0)
            pages[q or "(no query)"] = {
                "first_ms": _ms(first), "median_ms": _ms(statistics.median(warm)),
                "max_ms": _ms(max(warm)), "head": text.split("\n")[0 if k else 3][:90],
            }
        out["projects"] = pages
        answers = {}
        for question in QUESTIONS:
            t0 = time.perf_counter()
            ans = answer_structured(db, question)
            answers[question] = {"ms": _ms(time.perf_counter() - t0),
                                 "answer": ans.text if ans else None}
        out["questions"] = answers
        t0 = time.perf_counter()
        ls = lists_summary(db, FiscalQuarter(2563, 3))
        out["summary_lists_ms"] = _ms(time.perf_counter() - t0)
        out["summary_lists_projects"] = ls.projects if ls else None
        db.dispose()

        # 3. the summary command with its files
        _, startup = _sdgbot(home, "summary", "--help")
        proc, took = _sdgbot(home, "summary", "3/2563", "--xlsx", str(Path(tmp) / "s.xlsx"),
                             "--chart", str(Path(tmp) / "s.png"))
        out["summary_command"] = {"seconds_wall": round(took, 2),
                                  "seconds_startup": round(startup, 2),
                                  "exit": proc.returncode}
    if args.json:
        print(json.dumps(out, ensure_ascii=False))
    else:
        print(json.dumps(out, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
