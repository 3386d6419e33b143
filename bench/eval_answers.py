#!/usr/bin/env python3
"""Ask a question set on an already ingested data folder and score the replies.

Usage (from the project root; the corpus ingested into HOME first, e.g.
``SDGBOT_HOME=HOME sdgbot ingest ../shared/data/thaigov-news.jsonl.gz``)::

    PYTHAINLP_OFFLINE=1 .venv/bin/python bench/eval_answers.py HOME QUESTIONS.jsonl OUT.jsonl \\
        [--split valid] [--kind th] [--limit N] [--no-search] [--py PYTHON] [--cwd TREE]

The shared tools (``../shared/tools/eval-qa``, ``eval-dev``) ingest into a fresh folder on
every run; this reuses HOME, so a before/after pair costs the asking only.  Runs the
source tree's own ``python -m bot.cli ask --json -`` (``--cwd TREE`` chooses the tree,
``--py`` its interpreter; default: this tree and this interpreter), one process for all
questions, with ``SDGBOT_HOME=HOME``; unless ``--no-search``, ``search --json -k 5 -`` too
for R@1 and R@5 (a hit's title in the question's ``positive_titles``).  Writes one JSON
line a question to OUT (the question's ``id`` and ``kind``, the reply's ``answer``,
``found`` and ``citations``) and prints, per kind of question and for all, the share
whose expected span (``expect_any``, matched as the shared tools match: NFC, Thai
digits, commas inside numbers, white space and case folded) lies in the reply's first 40,
100 and 300 characters; a question of kind ``none`` (or with ``expect_none``) counts
when it is refused.  HOME is used as is: the tree may migrate it, so pass a copy.

Exit status 0; 1 when a command fails or returns fewer lines than questions.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEPTHS = (40, 100, 300)


def _load_hit() -> Any:
    """The shared tools' matcher (``../shared/tools/normalize.py``)."""
    sys.path.insert(0, str(ROOT.parent / "shared" / "tools"))
    from normalize import hit  # type: ignore[import-not-found]

    return hit


def _run(cmd: list[str], cwd: Path, env: dict[str, str], text: str, n: int) -> list[dict[str, Any]]:
    p = subprocess.run(cmd, cwd=cwd, env=env, input=text, capture_output=True, text=True)
    rows = [json.loads(line) for line in p.stdout.splitlines() if line.startswith("{")]
    if p.returncode or len(rows) != n:
        sys.exit(f"{' '.join(cmd)}: exit {p.returncode}, {len(rows)} rows for {n} questions\n"
                 f"{p.stderr[-800:]}")
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("home", type=Path, help="an ingested data folder (SDGBOT_HOME)")
    ap.add_argument("questions", type=Path, help="question lines: question, expect_any, kind")
    ap.add_argument("out", type=Path, help="where the replies are written (JSON lines)")
    ap.add_argument("--split", help="only questions of this split (iapp-wiki-qa: train/valid)")
    ap.add_argument("--kind", help="only questions of this kind (th, en, none)")
    ap.add_argument("--limit", type=int, help="the first N questions (after the filters)")
    ap.add_argument("--no-search", action="store_true", help="skip the search (R@1, R@5)")
    ap.add_argument("--py", default=sys.executable, help="the interpreter of the tree")
    ap.add_argument("--cwd", type=Path, default=ROOT, help="the source tree to run")
    a = ap.parse_args()
    hit = _load_hit()
    qs = [json.loads(line) for line in a.questions.open(encoding="utf-8") if line.strip()]
    qs = [q for q in qs if (not a.split or q.get("split") == a.split)
          and (not a.kind or q.get("kind") == a.kind)][: a.limit]
    if not qs:
        sys.exit("no questions left after the filters")
    env = dict(os.environ, SDGBOT_HOME=str(a.home.resolve()), PYTHAINLP_OFFLINE="1",
               PYTHONPATH=str(a.cwd.resolve()))
    env.pop("DATABASE_URL", None)
    text = "".join(" ".join(str(q["question"]).split()) + "\n" for q in qs)
    cli = [a.py, "-m", "bot.cli"]
    answers = _run([*cli, "ask", "--json", "-"], a.cwd, env, text, len(qs))
    hits = None if a.no_search else _run([*cli, "search", "--json", "-k", "5", "-"],
                                         a.cwd, env, text, len(qs))
    good: dict[int, dict[int, bool]] = {}
    with a.out.open("w", encoding="utf-8") as f:
        for i, (q, an) in enumerate(zip(qs, answers, strict=True)):
            refused = not an.get("found", True)
            f.write(json.dumps({"id": q.get("id", i), "kind": q.get("kind"),
                                "question": q["question"], "answer": an.get("answer", ""),
                                "found": not refused, "citations": an.get("citations")},
                               ensure_ascii=False) + "\n")
            if q.get("kind") == "none" or q.get("expect_none"):
                good[i] = {d: refused for d in DEPTHS}
            else:
                good[i] = {d: not refused and hit(an.get("answer", "")[:d], q["expect_any"])
                           for d in DEPTHS}

    def line(ids: list[int], label: str) -> str:
        n = len(ids)
        return f"{label}: " + " ".join(
            f"answer@{d}={sum(good[i][d] for i in ids) / n:.3f}" for d in DEPTHS) + f" (n={n})"

    kinds = sorted({str(q.get("kind")) for q in qs if q.get("kind")})
    for k in kinds:
        print(line([i for i, q in enumerate(qs) if str(q.get("kind")) == k], k))
    print(line(list(range(len(qs))), "all"))
    if hits is not None and any(q.get("positive_titles") for q in qs):
        r1 = r5 = 0
        for q, h in zip(qs, hits, strict=True):
            titles = [x.get("title") for x in h.get("hits", [])]
            pos = set(q.get("positive_titles", []))
            r1 += bool(titles[:1]) and titles[0] in pos
            r5 += any(t in pos for t in titles[:5])
        print(f"R@1={r1 / len(qs):.3f} R@5={r5 / len(qs):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
