"""Draw press releases for a held-out English question set, and check a written set's spans.

``draw``: print ``N`` releases longer than 300 characters, drawn with ``random.Random(SEED)``
from the archive, leaving out every release an existing question set cites (their first
650 characters, to write one question each).  ``check``: every line's ``expect_any[0]`` is in
its source release (white space collapsed).

    python3 bench/heldout_draw.py draw 20261302 60 bench/data/news-heldout-en-r10.jsonl \
        ../shared/eval/news/news-questions.dev.jsonl
    python3 bench/heldout_draw.py check bench/data/news-heldout-en-r11.jsonl
"""

from __future__ import annotations

import gzip
import json
import random
import re
import sys
from pathlib import Path

ARCHIVE = Path(__file__).resolve().parents[2] / "shared/data/thaigov-news.jsonl.gz"


def _releases() -> list[dict[str, str]]:
    with gzip.open(ARCHIVE, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def draw(seed: int, n: int, exclude: list[str]) -> None:
    """Print ``n`` releases drawn with ``seed``, none cited by the ``exclude`` sets."""
    used = set()
    for name in exclude:
        with open(name, encoding="utf-8") as f:
            used |= {json.loads(line).get("source") for line in f}
    rows = [r for r in _releases() if r["source"] not in used and len(r["text"]) > 300]
    for i, r in enumerate(random.Random(seed).sample(rows, n)):
        print("=====", i, r["source"], r["date"], r["kind"])
        print(r["title"])
        print(r["text"][:650])


def check(name: str) -> int:
    """The number of lines whose first expected span is not in their source release.

    A line with no expected span (kind ``none``: the archive does not answer it) is skipped.
    """
    text = {r["source"]: re.sub(r"\s+", " ", r["title"] + "\n" + r["text"]) for r in _releases()}
    bad = 0
    with open(name, encoding="utf-8") as f:
        for line in f:
            q = json.loads(line)
            if not q.get("expect_any"):
                continue
            if q["expect_any"][0] not in text.get(q["source"], ""):
                print("not in its release:", q["id"], q["expect_any"][0])
                bad += 1
    return bad


if __name__ == "__main__":
    if sys.argv[1] == "draw":
        draw(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4:])
    else:
        sys.exit(1 if check(sys.argv[2]) else 0)
