"""Calibrate the "not found" threshold of the answer composer (``MIN_CLUSTER_MASS``).

Runs answerable questions (a QA set, scored as ../shared/tools/eval-qa does) and
the out-of-domain questions of tests/data/ood_questions.txt with the threshold
off, and prints, for candidate thresholds, the share of answerable questions still
answered right within 300 characters and how many out-of-domain ones are still
answered.  Run it on a data folder that holds the QA corpus, and once more on the
bundled knowledge alone (where every out-of-domain question must be refused):

    SDGBOT_HOME=... python bench/calibrate.py QUESTIONS.jsonl [--split valid] [--limit N]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import bot.answering.answerer as A
from bot.answering.matching import match_key as norm
from bot.app import open_app
from bot.config import Settings

OOD = Path(__file__).resolve().parent.parent / "tests" / "data" / "ood_questions.txt"




def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("questions")
    ap.add_argument("--split")
    ap.add_argument("--limit", type=int)
    args = ap.parse_args()
    A.MIN_CLUSTER_MASS = 0.0
    A.SIZE_SLOPE = 0.0  # the thresholds printed below are those for collections < SIZE_BASE
    app = open_app(Settings.from_env())
    ans = A.Answerer(app.db, app.index)
    qs = [json.loads(line) for line in open(args.questions, encoding="utf-8")]
    qs = [q for q in qs if not q.get("expect_none")
          and (not args.split or q.get("split") == args.split)][: args.limit]
    good: list[tuple[float, bool]] = []
    for q in qs:
        a = ans.ask(q["question"])
        shown = norm(a.render()[:300])
        # Answers from the form's fields need no threshold: they count at any setting.
        mass = 1.0 if a.debug.get("via") == "field" else float(a.debug.get("mass", 0.0))
        good.append((mass, any(norm(e) in shown for e in q["expect_any"])))
    ood: list[tuple[float, str]] = []
    for line in OOD.read_text(encoding="utf-8").splitlines():
        if line.strip():
            a = ans.ask(line.strip())
            ood.append((float(a.debug.get("mass", 0.0)), line.strip()))
    print(f"{len(good)} answerable questions; right within 300 characters with no threshold: "
          f"{sum(ok for _, ok in good) / max(1, len(good)):.3f}")
    for t in (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6):
        kept = sum(ok for m, ok in good if m >= t) / max(1, len(good))
        leak = sum(m >= t for m, _ in ood)
        print(f"MIN_CLUSTER_MASS {t:.2f}: answer@300 {kept:.3f}, "
              f"out-of-domain answered {leak}/{len(ood)}")
    print("highest out-of-domain masses:")
    for m, text in sorted(ood, reverse=True)[:5]:
        print(f"  {m:.3f} {text}")
    app.close()


if __name__ == "__main__":
    main()
