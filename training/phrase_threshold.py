#!/usr/bin/env python3
"""Choose :data:`bot.answering.answerer.PHRASELESS_CONFIDENCE` on training questions.

Usage (from the project root, ``pip install -e '.[train]'``; two ingested data folders)::

    PYTHAINLP_OFFLINE=1 .venv/bin/python training/phrase_threshold.py \
        --small IAPP_HOME --news NEWS_HOME [--cache DIR] [--max-loss 0.002]

``IAPP_HOME``: the iapp-wiki-qa corpus alone (``sdgbot ingest corpus.jsonl``);
``NEWS_HOME``: the government news archive.  Asked with the verifier off (as
``training/train_verifier.py`` reads its answers), each answer's verifier confidence and
phrase share (:func:`bot.answering.phrases.phrase_share`) are kept:

* ``small``: iapp-wiki-qa **train** questions over their own corpus (answerable);
* ``made``: questions made from four fifths of the releases (``training/news_questions.py``,
  the verifier's seed) over the archive (answerable);
* ``news``: iapp-wiki-qa **train** questions over the archive (unanswerable: Wikipedia
  questions the archive does not hold).

Of the answers the verifier passes, those with phrase share 0 are refused below a
confidence ``t``; ``t`` is the highest value (on a 0.01 grid up to 0.9) at which at most
``--max-loss`` of the right answers of ``small`` and of ``made`` are refused.  Prints
the choice and the wrong answers of ``news`` it refuses.  Deterministic (fixed seed, no
sampling beyond the verifier's question maker).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import bot.answering.answerer as answerer_module  # noqa: E402
from bot.answering.matching import holds as hit  # noqa: E402
from bot.answering.phrases import phrase_share  # noqa: E402
from bot.answering.verifier import load_verifier  # noqa: E402
from bot.app import open_app  # noqa: E402
from bot.config import Settings  # noqa: E402
from training.news_questions import make_questions  # noqa: E402
from training.train_verifier import HELD_SHARE, SEED, _split_of  # noqa: E402


def answers(home: Path, questions: list[dict[str, Any]], cache: Path) -> list[dict[str, Any]]:
    """Each question's answer in ``home`` (verifier off): right@300, confidence, phrase share."""
    if cache.exists():
        rows = [json.loads(line) for line in cache.open(encoding="utf-8")]
        if len(rows) == len(questions):
            return rows
    seen: dict[str, Any] = {}
    features = answerer_module.verifier_features

    def spy(**kw: Any) -> Any:
        seen.update(kw)
        return features(**kw)

    answerer_module.verifier_features = spy  # type: ignore[assignment]
    verifier = load_verifier()
    assert verifier is not None
    app = open_app(Settings(home=home))
    ans = answerer_module.Answerer(app.db, app.index, verify=False)
    rows = []
    try:
        for q in questions:
            seen.clear()
            a = ans.ask(q["question"])
            feats = a.debug.get("verifier_features")
            right = bool(a.found and hit(a.render()[:300], q["expect_any"]))
            judged = feats is not None and bool(seen) and not seen["passage"].primary
            row: dict[str, Any] = {"found": a.found, "judged": judged, "right": right}
            if row["judged"]:
                row["confidence"] = verifier.probability(np.array(feats, dtype=np.float64))
                p = seen["passage"]
                row["share"] = phrase_share(ans.prepare(q["question"])[0], seen["terms"],
                                            p.text, p.hit.title)
            rows.append(row)
    finally:
        answerer_module.verifier_features = features  # type: ignore[assignment]
        app.close()
    with cache.open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r) + "\n")
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--small", required=True, help="data folder of the iapp-wiki-qa corpus")
    ap.add_argument("--news", required=True, help="data folder of the news archive")
    ap.add_argument("--qa", default=str(ROOT.parent / "shared/eval/iapp-wiki-qa"))
    ap.add_argument("--releases", default=str(ROOT.parent / "shared/data/thaigov-news.jsonl.gz"))
    ap.add_argument("--cache", default=".phrase-threshold", help="answers kept here")
    ap.add_argument("--max-loss", type=float, default=0.002)
    args = ap.parse_args()
    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    qa = [json.loads(line) for line in open(Path(args.qa) / "questions.jsonl", encoding="utf-8")]
    train = [q for q in qa if q["split"] == "train"]
    made, _, _ = make_questions(Path(args.releases), seed=SEED, releases_wanted=1500,
                                held_share=HELD_SHARE)
    made_train = [{"question": q.question, "expect_any": [q.expect]}
                  for q in made if _split_of(q.url) == "train"]
    got = {"small": answers(Path(args.small), train, cache / "small.jsonl"),
           "made": answers(Path(args.news), made_train, cache / "made.jsonl"),
           "news": answers(Path(args.news), train, cache / "news.jsonl")}
    verifier = load_verifier()
    assert verifier is not None

    def passed(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [r for r in rows if r["found"] and r["judged"]
                and r["confidence"] >= verifier.threshold]

    def refused(rows: list[dict[str, Any]], t: float, right: bool) -> int:
        return sum(1 for r in passed(rows) if r["right"] == right and r["share"] == 0.0
                   and r["confidence"] < t)

    best = verifier.threshold
    for t in np.arange(round(verifier.threshold, 2), 0.905, 0.01):
        if all(refused(got[n], t, True) <= args.max_loss * sum(r["right"] for r in passed(got[n]))
               for n in ("small", "made")):
            best = float(t)
    print(f"PHRASELESS_CONFIDENCE = {best:.2f} (max loss {args.max_loss:.1%} of the right "
          f"answers of small and made)")
    for n, rows in got.items():
        kept = passed(rows)
        print(f"{n:5}: passed {len(kept)} (right {sum(r['right'] for r in kept)}); refused "
              f"right {refused(rows, best, True)}, wrong {refused(rows, best, False)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
