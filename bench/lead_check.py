#!/usr/bin/env python3
"""Judge replies by their lead only: right, refused or wrong (a tester's wrong-value set).

Usage::

    .venv/bin/python bench/eval_answers.py HOME bench/data/tester-wrong-values-s18.jsonl OUT
    python3 bench/lead_check.py bench/data/tester-wrong-values-s18.jsonl OUT

``eval_answers`` counts a reply right when an expected string stands in its first
characters, evidence included ("204 ไม่เห็นด้วย 274 — …เห็นด้วย 206 ไม่เห็นด้วย 272" holds
272); here only the lead (before " — ") counts, and a question marked ``"exact": true``
needs the lead (less a bracketed note) to be the expected string itself.
"""

from __future__ import annotations

import json
import sys


def main() -> int:
    questions, replies = sys.argv[1], sys.argv[2]
    qs = [json.loads(line) for line in open(questions, encoding="utf-8") if line.strip()]
    out = {json.loads(line)["question"]: json.loads(line)
           for line in open(replies, encoding="utf-8") if line.strip()}
    tally = {"right": 0, "refused": 0, "wrong": 0}
    for q in qs:
        r = out[" ".join(q["question"].split())]
        lead = (r.get("answer") or "").partition(" — ")[0]
        if not r.get("found", True):
            verdict = "refused"
        elif q.get("exact"):
            verdict = "right" if lead.split(" (")[0].strip() in q["expect_any"] else "wrong"
        else:
            verdict = "right" if any(e in lead for e in q["expect_any"]) else "wrong"
        tally[verdict] += 1
        print(f"{verdict:8s} {q.get('item', '')} {q['question'][:60]} -> {lead[:70]}")
    print(tally)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
