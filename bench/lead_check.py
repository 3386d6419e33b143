#!/usr/bin/env python3
"""Judge replies by their lead only: right, refused or wrong (a tester's wrong-value set).

Usage::

    .venv/bin/python bench/eval_answers.py HOME bench/data/tester-wrong-values-s18.jsonl OUT
    python3 bench/lead_check.py bench/data/tester-wrong-values-s18.jsonl OUT

``eval_answers`` counts a reply right when an expected string stands in its first
characters, evidence included ("204 ไม่เห็นด้วย 274 — …เห็นด้วย 206 ไม่เห็นด้วย 272" holds
272); here only the lead (before " — ") counts, and a question marked ``"exact": true``
needs the lead (less a bracketed note) to be the expected string itself.  Leads are matched
as ``eval_answers`` matches (the shared tools' ``normalize.hit``: NFC, Thai digits, commas
inside numbers, white space and case folded).  An English question's lead renders the unit
in English ("18,587 caregiver positions" for "18,587 อัตรา"), so it is right too when the
number it opens with is the number an expected span opens with.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "shared" / "tools"))
from normalize import hit, norm  # type: ignore[import-not-found]

_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _opening_number(text: str) -> str | None:
    """The number ``text`` opens with (after normalising), or None."""
    m = _NUMBER.match(norm(text).lstrip())
    return m.group(0) if m else None


def _english_match(lead: str, expect_any: list[str]) -> bool:
    """Whether an English lead opens with the number an expected (Thai) span opens with."""
    number = _opening_number(lead)
    return number is not None and any(_opening_number(e) == number for e in expect_any)


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
            right = hit(lead, q["expect_any"]) or (
                q.get("kind") == "en" and _english_match(lead, q["expect_any"]))
            verdict = "right" if right else "wrong"
        tally[verdict] += 1
        print(f"{verdict:8s} {q.get('item', '')} {q['question'][:60]} -> {lead[:70]}")
    print(tally)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
