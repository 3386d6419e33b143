"""Old against new answer parts, on the same inputs, in one process (load cancels out).

Usage (``BASE``: another source tree, e.g. a worktree of ``main``)::

    PYTHAINLP_OFFLINE=1 .venv/bin/python bench/answer_parts_ab.py HOME QUESTIONS.jsonl BASE

The questions are answered once while the inputs of :func:`~bot.answering.candidates.propose`,
:func:`~bot.answering.reading._word_edge` and :func:`~bot.answering.reading.span_rows`
are recorded; then BASE's
modules (loaded from its files beside this tree's) and this tree's run on them, in
turn, three times, and their CPU is printed in milliseconds a question.  The first
round of each pair runs with the segmenter's caches as the answers left them (the old
function first), the later ones warm; ``span_rows`` runs on cached candidates in every
round (its regions, features and filtering).  On a shared machine the two columns see the same
load, unlike two runs of ``bench/bench_answers.py``.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def main() -> None:
    """Print old and new CPU per part."""
    home, questions, base = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    os.environ["SDGBOT_HOME"] = str(home)
    os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
    import bot.answering.answerer as answerer
    import bot.answering.reading as reading
    from bot.answering import Answerer
    from bot.app import open_app
    from bot.config import Settings

    app = open_app(Settings.from_env())
    ans = Answerer(app.db, app.index)
    ans.warm_up()
    old_dir = base / "bot" / "answering"
    old_cands = _load("ab_old_candidates", old_dir / "candidates.py")
    old_read = _load("ab_old_reading", old_dir / "reading.py")

    proposed: list[tuple[Any, ...]] = []
    edges: list[tuple[str, int, bool]] = []
    rows: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    propose, word_edge, span_rows = reading.propose, reading._word_edge, reading.span_rows

    def rec_propose(text: str, lo: int = 0, hi: int | None = None) -> Any:
        proposed.append((text, lo, hi))
        return propose(text, lo, hi)

    def rec_edge(text: str, pos: int, *, forward: bool) -> int:
        edges.append((text, pos, forward))
        return word_edge(text, pos, forward=forward)

    def rec_rows(*args: Any, **kwargs: Any) -> Any:
        rows.append((args, kwargs))
        return span_rows(*args, **kwargs)

    reading.propose, reading._word_edge = rec_propose, rec_edge
    answerer.span_rows = rec_rows
    qs = [json.loads(line)["question"] for line in questions.read_text("utf-8").splitlines()
          if line.strip()]
    for q in qs:
        ans.ask(q)
    reading.propose, reading._word_edge = propose, word_edge
    answerer.span_rows = span_rows
    parts: list[tuple[str, Callable[[], object], Callable[[], object]]] = [
        ("propose", lambda: [old_cands.propose(*a) for a in proposed],
         lambda: [propose(*a) for a in proposed]),
        ("_word_edge", lambda: [old_read._word_edge(t, p, forward=f) for t, p, f in edges],
         lambda: [word_edge(t, p, forward=f) for t, p, f in edges]),
        ("span_rows (cached regions)", lambda: [old_read.span_rows(*a, **k) for a, k in rows],
         lambda: [span_rows(*a, **k) for a, k in rows]),
    ]
    for a, k in rows:  # the old module's own candidate cache filled, as the new one's is
        old_read.span_rows(*a, **k)
    print(f"{len(qs)} questions; {len(proposed)} regions, {len(edges)} edges, "
          f"{len(rows)} span_rows")
    for r in range(3):
        for name, old, new in parts:
            t0 = time.process_time()
            old()
            t1 = time.process_time()
            new()
            t2 = time.process_time()
            print(f"round {r + 1} {name:28s} old {(t1 - t0) / len(qs) * 1e3:6.3f}  "
                  f"new {(t2 - t1) / len(qs) * 1e3:6.3f} ms/q")


if __name__ == "__main__":
    main()
