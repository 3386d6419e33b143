#!/usr/bin/env python3
"""Re-ask a tester's probe questions and compare with the verdicts the tester gave.

Usage (an ingested news folder; the script asks on a copy of nothing: ``ask`` only reads)::

    PYTHAINLP_OFFLINE=1 .venv/bin/python bench/probe_compare.py HOME \\
        [bench/data/probe_questions_r9.jsonl] [--changed OUT.json]

``bench/data/probe_questions_r9.jsonl``: 343 questions a tester asked the bot over the
news archive and the bundled documents (2026-12-01, main ``712c318``), each with the
tester's verdict on the reply then ("right", "wrong value", "wrong kind", "refused but
answerable", "answered but out of domain", "ok refusal") and the right answer where the
archive holds one.  Prints, per verdict, how many replies are the same (first 40
characters), now refused, now hold the right answer's opening, or changed otherwise.
A reply that changed is not judged: read the ``--changed`` file.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT.parent / "shared" / "tools"))


def _norm(text: str) -> str:
    try:
        from normalize import norm  # the shared scorer's normalisation, when present
    except ImportError:
        return "".join(text.split()).replace(",", "").casefold()
    return str(norm(text))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("home")
    ap.add_argument("probe", nargs="?", default=str(ROOT / "bench/data/probe_questions_r9.jsonl"))
    ap.add_argument("--changed", help="write the replies that changed here (JSON)")
    args = ap.parse_args()
    rows = [json.loads(line) for line in open(args.probe, encoding="utf-8")]
    text = "".join(" ".join(r["question"].split()) + "\n" for r in rows)
    env = dict(os.environ, SDGBOT_HOME=args.home, PYTHAINLP_OFFLINE="1")
    env.pop("DATABASE_URL", None)
    out = subprocess.run([sys.executable, "-m", "bot.cli", "ask", "--json", "-"], input=text,
                         capture_output=True, text=True, env=env, cwd=ROOT, check=True)
    answers = [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]
    if len(answers) != len(rows):
        sys.exit(f"{len(answers)} replies for {len(rows)} questions")
    counts: collections.Counter[tuple[str, str]] = collections.Counter()
    changed = []
    for r, a in zip(rows, answers, strict=True):
        new = a["answer"]
        right = str(r.get("right_answer") or "").split(" / ")[0]
        if _norm(r["reply_then"][:40]) == _norm(new[:40]):
            how = "same"
        elif not a.get("found", True):
            how = "now refused"
        elif right and _norm(right)[:12] in _norm(new[:150]):
            how = "now right"
        else:
            how = "changed"
        counts[(r["verdict"], how)] += 1
        if how != "same":
            changed.append({"question": r["question"], "verdict": r["verdict"],
                            "right_answer": r.get("right_answer"), "then": r["reply_then"],
                            "now": new[:200], "found": a.get("found", True)})
    for (verdict, how), n in sorted(counts.items()):
        print(f"{verdict:28} {how:12} {n}")
    if args.changed:
        Path(args.changed).write_text(json.dumps(changed, ensure_ascii=False, indent=1),
                                      encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
