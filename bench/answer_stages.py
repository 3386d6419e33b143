"""Where a warm process's answer CPU goes: mean milliseconds a question, stage by stage.

Usage (``HOME``: a copy of an ingested data folder)::

    PYTHAINLP_OFFLINE=1 .venv/bin/python bench/answer_stages.py HOME QUESTIONS.jsonl

The app is opened and warmed up as in ``bench/bench_answers.py``, ten questions are
answered unmeasured, then every question once; each stage is wrapped to add up its
``time.process_time``.  Stages nest (``span_rows`` holds ``candidates_of`` and
``span_features``), so the column does not add up to the total; a wrapper costs about a
microsecond a call.  Run with another tree first on the path (``PYTHONPATH=TREE``) to
compare.
"""

from __future__ import annotations

import collections
import importlib
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ACC: dict[str, float] = collections.defaultdict(float)
CALLS: collections.Counter[str] = collections.Counter()


def _timed(label: str, f: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        t0 = time.process_time()
        try:
            return f(*args, **kwargs)
        finally:
            ACC[label] += time.process_time() - t0
            CALLS[label] += 1
    return wrapper


def _wrap(module: str, name: str, *also: str) -> None:
    """Time ``module.name``, also where ``also`` modules imported it by name."""
    f = getattr(importlib.import_module(module), name)
    w = _timed(f"{module.rsplit('.', 1)[-1]}.{name}", f)
    for m in (module, *also):
        setattr(importlib.import_module(m), name, w)


def main() -> None:
    """Print the total and each stage's mean CPU ms a question, largest first."""
    home, questions = Path(sys.argv[1]), Path(sys.argv[2])
    os.environ["SDGBOT_HOME"] = str(home)
    os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
    from bot.answering import Answerer
    from bot.answering import answerer as answerer_module
    from bot.app import open_app
    from bot.config import Settings

    app = open_app(Settings.from_env())
    ans = Answerer(app.db, app.index)
    ans.warm_up()
    a, r = "bot.answering.answerer", "bot.answering.reading"
    _wrap(r, "span_rows", a)
    for name in ("_region", "candidates_of", "span_features"):
        _wrap(r, name)
    _wrap(r, "read_passages", a)
    _wrap(r, "rerank", a)
    for name in ("_best_span", "compose_reply", "answer_field", "whole_value"):
        _wrap(a, name)
    _wrap("bot.answering.constraints", "demanded", a)
    for name in ("search_parts", "hits", "context", "primary_passages"):
        setattr(app.index, name, _timed(f"index.{name}", getattr(app.index, name)))
    cls = answerer_module.Answerer
    for name in ("read", "_compose_at", "_reply"):
        setattr(cls, name, _timed(f"Answerer.{name}", getattr(cls, name)))
    qs = [json.loads(line)["question"] for line in questions.read_text("utf-8").splitlines()
          if line.strip()]
    for q in qs[:10]:
        ans.ask(q)
    ACC.clear()
    CALLS.clear()
    per = []
    for q in qs:
        t0 = time.process_time()
        ans.ask(q)
        per.append(time.process_time() - t0)
    per.sort()
    print(f"source tree: {Path(answerer_module.__file__).resolve().parents[2]}")
    print(f"{len(qs)} questions: CPU mean {sum(per) / len(qs) * 1e3:.2f} ms, "
          f"p50 {per[len(per) // 2] * 1e3:.2f} ms")
    for label, total in sorted(ACC.items(), key=lambda kv: -kv[1]):
        print(f"{label:28s} {total / len(qs) * 1e3:7.2f} ms/q  calls {CALLS[label]}")


if __name__ == "__main__":
    main()
