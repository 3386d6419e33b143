"""One digest of everything the answerer computes for a set of questions: for A/B of speed work.

Usage (``HOME`` is an ingested data folder; use a copy, the app may migrate it)::

    PYTHONPATH=/path/to/tree PYTHAINLP_OFFLINE=1 .venv/bin/python bench/answer_digest.py \
        HOME QUESTIONS.jsonl [MORE.jsonl ...] [--split valid]

Every question (JSON lines with ``question``; ``--split`` keeps the rows of that split)
is answered by :meth:`Answerer.ask`; the SHA-256 of every span feature matrix with its
rows' owners and indexes, every candidate array, every passage feature row with its
cluster mass and offset, and every answer (``sdgbot ask --json``'s object) is printed
with the number of ``span_rows`` and ``read_passages`` calls.  Two source trees that
print the same line computed the same features and gave the same answers, bit for bit.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any


def main() -> None:
    """Answer the questions and print the counts and the digest."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("home", type=Path)
    ap.add_argument("questions", type=Path, nargs="+")
    ap.add_argument("--split", help="only questions whose 'split' is this")
    args = ap.parse_args()
    os.environ["SDGBOT_HOME"] = str(args.home)
    os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
    os.environ.pop("DATABASE_URL", None)

    import numpy as np

    import bot.answering.answerer as answerer_mod
    from bot.app import open_app
    from bot.config import Settings

    digest = hashlib.sha256()
    calls = {"span_rows": 0, "read_passages": 0}
    span_rows = answerer_mod.span_rows
    read_passages = answerer_mod.read_passages

    def spans(*a: Any, **k: Any) -> Any:
        rows = span_rows(*a, **k)
        calls["span_rows"] += 1
        for arr in (rows.x, rows.owner, rows.index):
            digest.update(np.ascontiguousarray(arr).tobytes())
        for c in rows.cands:
            for arr in (c.words, c.start, c.end, c.w0, c.w1, c.ctype):
                digest.update(np.ascontiguousarray(arr).tobytes())
        return rows

    def read(*a: Any, **k: Any) -> Any:
        passages = read_passages(*a, **k)
        calls["read_passages"] += 1
        for p in passages:
            digest.update(np.array(p.features).tobytes())
            digest.update(repr((p.mass, p.cluster, sorted(p.occ.items()))).encode())
        return passages

    answerer_mod.span_rows = spans  # type: ignore[assignment]
    answerer_mod.read_passages = read  # type: ignore[assignment]
    app = open_app(Settings.from_env())
    try:
        answerer = answerer_mod.Answerer(app.db, app.index)
        n = 0
        for path in args.questions:
            for line in path.read_text(encoding="utf-8").splitlines():
                if not line.strip():
                    continue
                rec = json.loads(line)
                if args.split and rec.get("split") != args.split:
                    continue
                answer = answerer.ask(rec["question"]).as_json()
                digest.update(json.dumps(answer, ensure_ascii=False).encode())
                n += 1
    finally:
        app.close()
    print(f"source tree: {Path(answerer_mod.__file__).resolve().parents[2]}")
    print(f"questions {n}  span_rows {calls['span_rows']}  read_passages "
          f"{calls['read_passages']}  digest {digest.hexdigest()}")


if __name__ == "__main__":
    sys.exit(main())
