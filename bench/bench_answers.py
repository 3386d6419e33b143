"""Answer latency in a warm process: p50/p95 per question, wall and CPU time.

Usage (``HOME`` is an ingested data folder; use a copy, the app may migrate it)::

    PYTHAINLP_OFFLINE=1 .venv/bin/python bench/bench_answers.py HOME QUESTIONS.jsonl \
        [--warm FILE] [--passes N] [--out ANSWERS.jsonl] [--profile FILE.prof] [--json]

The app is opened once and warmed up as a serving process warms up
(:meth:`Answerer.warm_up`: the model, the English vocabulary, the shortener's tables),
then on other questions (``--warm``: the development seed questions by default); then
every question of
``QUESTIONS.jsonl`` (one JSON object a line with ``question`` and ``id``) is answered
``--passes`` times, as ``sdgbot ask`` does (the project database's counts and budgets
first, then :meth:`Answerer.ask`).
Pass 1 sees each question for the first time; later passes show what repeating a
question costs.  Wall time (``time.perf_counter``) and this process's CPU time
(``time.process_time``, which other work on a shared machine distorts less) are
reported per pass, in milliseconds.

``--out`` writes pass 1's answers in the form of ``sdgbot ask --json`` with the
question's ``id`` (for ``bench/same_json.py``); ``--profile`` writes a cProfile of
one pass (``--profile-pass``, default 1; profiling slows the pass it profiles).  For a
before/after comparison, run the same command with another source tree first on the
path (``PYTHONPATH=/path/to/tree``): the script prints which tree it imported.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

SEED_QUESTIONS = Path("/work/shared/eval/seed-questions.dev.jsonl")
#: Answered after the warm-up set: the first English question loads the glossary and the
#: transliteration tables (seconds), which is no part of a warm process's answer time.
ENGLISH_WARM = ("How many waste banks have been set up?",
                "Who chaired the SDG committee meeting on 27 March 2023?")


def _questions(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def main() -> None:
    """Run the benchmark; print a table (and with ``--json`` a JSON object last)."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("home", type=Path, help="an ingested SDGBOT_HOME (a copy)")
    ap.add_argument("questions", type=Path, help="JSON lines with 'question' (and 'id')")
    ap.add_argument("--warm", type=Path, default=SEED_QUESTIONS,
                    help="questions answered first, not measured (default: the seed set)")
    ap.add_argument("--passes", type=int, default=2)
    ap.add_argument("--out", type=Path, help="pass 1's answers as JSON lines")
    ap.add_argument("--profile", type=Path, help="cProfile of one pass to this file")
    ap.add_argument("--profile-pass", type=int, default=1, help="the pass profiled (default 1)")
    ap.add_argument("--json", action="store_true", help="end with the figures as JSON")
    args = ap.parse_args()

    os.environ["SDGBOT_HOME"] = str(args.home)
    os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
    os.environ.pop("DATABASE_URL", None)

    import bot
    from bot.answering import Answerer
    from bot.app import open_app
    from bot.config import Settings
    from bot.structured import answer_structured, structured_json

    tree = Path(bot.__file__).resolve().parent.parent
    print(f"source tree: {tree}", flush=True)
    t0 = time.perf_counter()
    app = open_app(Settings.from_env())
    answerer = Answerer(app.db, app.index)
    print(f"open_app {time.perf_counter() - t0:.2f} s; index size {app.index.size:,} passages",
          flush=True)

    def answer(q: str) -> dict[str, Any]:
        structured = answer_structured(app.db, q) if q.strip() else None
        if structured is not None:
            return structured_json(app.db, structured)
        return answerer.ask(q).as_json()

    from pythainlp.transliterate import romanize

    from bot.answering.english import load_vocabulary

    t0 = time.perf_counter()
    # What a serving process does before its first question (Answerer.warm_up_in_background,
    # called by the chat adapters): the model, the glossary, the reply shortener's word tables;
    # then the dictionary PyThaiNLP's romanisation builds on its first word (seconds;
    # English questions look names up with it) and the glossary, for trees whose
    # warm-up does not load them.
    answerer.warm_up()
    load_vocabulary()
    romanize("ทดสอบ", engine="royin")
    print(f"answerer warm-up and English vocabulary {time.perf_counter() - t0:.2f} s",
          flush=True)
    warm = _questions(args.warm) if args.warm and args.warm.exists() else []
    # English questions load the transliteration tables and the vocabulary once.
    warm += [{"question": q} for q in ENGLISH_WARM]
    t0 = time.perf_counter()
    for rec in warm:
        answer(rec["question"])
    print(f"warm-up: {len(warm)} questions in {time.perf_counter() - t0:.2f} s", flush=True)

    qs = _questions(args.questions)
    figures: dict[str, Any] = {"tree": str(tree), "questions": len(qs), "passes": []}
    rows: list[dict[str, Any]] = []
    try:
        for n in range(1, args.passes + 1):
            prof = cProfile.Profile() if (args.profile and n == args.profile_pass) else None
            walls: list[float] = []
            cpus: list[float] = []
            for rec in qs:
                q = rec["question"].replace("\n", " ")
                if prof is not None:
                    prof.enable()
                w0, c0 = time.perf_counter(), time.process_time()
                obj = answer(q)
                c1, w1 = time.process_time(), time.perf_counter()
                if prof is not None:
                    prof.disable()
                walls.append((w1 - w0) * 1e3)
                cpus.append((c1 - c0) * 1e3)
                if n == 1:
                    obj["took_ms"] = round((w1 - w0) * 1e3, 3)
                    obj["id"] = rec.get("id")
                    rows.append(obj)
            if prof is not None:
                prof.dump_stats(str(args.profile))
            fig = {"pass": n,
                   "wall_p50_ms": round(statistics.median(walls), 2),
                   "wall_p95_ms": round(_pct(walls, 0.95), 2),
                   "cpu_p50_ms": round(statistics.median(cpus), 2),
                   "cpu_p95_ms": round(_pct(cpus, 0.95), 2),
                   "cpu_mean_ms": round(statistics.fmean(cpus), 2)}
            figures["passes"].append(fig)
            print(f"pass {n}: n={len(qs)}  wall p50 {fig['wall_p50_ms']:6.1f} ms  p95 "
                  f"{fig['wall_p95_ms']:6.1f} ms   CPU p50 {fig['cpu_p50_ms']:6.1f} ms  p95 "
                  f"{fig['cpu_p95_ms']:6.1f} ms  mean {fig['cpu_mean_ms']:6.1f} ms", flush=True)
    finally:
        app.close()
    if args.out:
        with args.out.open("w", encoding="utf-8") as f:
            for obj in rows:
                f.write(json.dumps(obj, ensure_ascii=False) + "\n")
    if args.json:
        print(json.dumps(figures))


if __name__ == "__main__":
    sys.exit(main())
