"""Calibrate the "not found" thresholds of the answer composer.

Runs answerable questions (a QA set, scored) and out-of-domain questions
(bench/ood_questions.txt) with the thresholds off, and prints, for candidate
threshold pairs, the share of correct answers kept and of out-of-domain questions
still answered.  Usage:
    SDGBOT_HOME=... python bench/calibrate.py QUESTIONS.jsonl [--limit N]
(the data folder must already hold the QA corpus).
"""
import argparse
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "shared" / "tools"))
from normalize import hit

import bot.answer as A
from bot.app import open_app
from bot.config import Settings

ap = argparse.ArgumentParser()
ap.add_argument("questions")
ap.add_argument("--limit", type=int, default=300)
ap.add_argument("--split")
args = ap.parse_args()
A.MIN_PASSAGE_COVERAGE = 0.0
A.MIN_WINDOW_COVERAGE = 0.0
app = open_app(Settings.from_env())
ans = A.Answerer(app.db, app.index)
qs = [json.loads(line) for line in open(args.questions, encoding="utf-8")]
if args.split:
    qs = [q for q in qs if q.get("split") == args.split]
qs = [q for q in qs if not q.get("expect_none")][: args.limit]
good = []
for q in qs:
    a = ans.ask(q["question"])
    ok = hit(a.render()[:300], q["expect_any"])
    good.append((a.debug.get("passage_cov", 0), a.debug.get("window_cov", 0), ok))
ood = []
for line in open(Path(__file__).with_name("ood_questions.txt"), encoding="utf-8"):
    a = ans.ask(line.strip())
    ood.append((a.debug.get("passage_cov", 0), a.debug.get("window_cov", 0), line.strip()))
n_ok = sum(ok for *_, ok in good)
print(f"{len(good)} answerable, correct with no threshold: {n_ok}")
for tp in (0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65):
    for tw in (0.0, 0.2, 0.3, 0.35):
        kept = sum(ok for p, w, ok in good if p >= tp and w >= tw)
        leak = [t for p, w, t in ood if p >= tp and w >= tw]
        print(f"pcov>={tp:.2f} wcov>={tw:.2f}: answer@300={kept / len(good):.3f} "
              f"ood answered={len(leak)}/{len(ood)}")
if os.environ.get("SHOW_OOD"):
    for p, w, t in sorted(ood, reverse=True):
        print(f"{p:.2f} {w:.2f} {t}")
