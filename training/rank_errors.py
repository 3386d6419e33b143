#!/usr/bin/env python3
"""How the span scorer misranks: where its first candidate stands against the expected span.

Usage (from the project root, after a run of ``training/train_answer_model.py`` with
``--readings FILE``, which keeps the passages read for every question)::

    PYTHAINLP_OFFLINE=1 .venv/bin/python training/rank_errors.py --readings FILE \
        [--model bot/answering/data/answer_model.json.gz] [--split valid] [--out rows.json]

For each question of the split (iapp-wiki-qa by default) the passages read are re-ranked
and their candidates scored as the answerer does (the model's re-ranker, pre-filter and
span scorer; without the answerer's constraints, which only mask candidates), and each
candidate is labelled as in training (``span_label``: 3 is the expected span itself).
Prints how many questions have an exact candidate, how many the pre-filter keeps and
the scorer ranks first, and sorts the misranked ones (an exact candidate kept, another
first) by how the first candidate stands to it:

* ``top holds it`` / ``top inside it`` / ``overlap`` — a boundary error;
* ``exact after top`` / ``exact before top`` — another span of the same passage, by the
  distance between their starts (under 70, 70-149, 150 characters or more);
* ``other passage`` — a span of another passage won.

and by the question type against the two candidates' types.  ``--out`` writes one JSON
row per question (the first and the best exact candidate, their scores and ranks).
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.answering.matching import match_key as norm  # noqa: E402
from bot.answering.model import MODEL_FILE, read_model  # noqa: E402
from bot.answering.question import question_frame  # noqa: E402
from bot.answering.reading import SpanRows, rerank, span_rows  # noqa: E402
from training.train_answer_model import span_label  # noqa: E402


def relation(top: dict[str, Any], exact: dict[str, Any]) -> str:
    """How the first candidate stands to the best-ranked exact one (see the module doc)."""
    if top["passage"] != exact["passage"]:
        return "other passage"
    ts, es = norm(top["span"]), norm(exact["span"])
    if es in ts:
        return "top holds it"
    if ts in es:
        return "top inside it"
    if top["start"] < exact["end"] and exact["start"] < top["end"]:
        return "overlap"
    off = exact["start"] - top["start"]
    band = "<70" if abs(off) < 70 else "70-149" if abs(off) < 150 else ">=150"
    return f"exact {'after' if off > 0 else 'before'} top, {band}"


def describe(rows: SpanRows, i: int, spans: list[str], scores: np.ndarray,
             order: np.ndarray) -> dict[str, Any]:
    """One candidate: its text, type, passage, offsets, score and rank."""
    _, start, end = rows.span(i)
    return {"span": spans[i], "ctype": rows.ctype(i), "passage": int(rows.owner[i]),
            "start": start, "end": end, "score": float(scores[i]),
            "rank": int(np.flatnonzero(order == i)[0])}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--readings", required=True, help="the training script's --readings file")
    ap.add_argument("--qa", default=str(ROOT.parent / "shared/eval/iapp-wiki-qa"))
    ap.add_argument("--model", default=str(MODEL_FILE))
    ap.add_argument("--split", default="valid")
    ap.add_argument("--out")
    args = ap.parse_args()
    model = read_model(Path(args.model))
    with open(args.readings, "rb") as f:
        saved = pickle.load(f)
    questions = [json.loads(line) for line in open(Path(args.qa) / "questions.jsonl",
                                                   encoding="utf-8")]
    questions = [q for q in questions if q["split"] == args.split]
    out: list[dict[str, Any]] = []
    for q in questions:
        r = saved.get(q["id"])
        if r is None:
            continue
        r.passages = rerank(r.passages, model)
        rows = span_rows(r.passages, r.terms, r.info, question_frame(r.question), model.tables)
        if not len(rows.x):
            continue
        spans = [rows.cands[int(rows.owner[i])].span(int(rows.index[i]))
                 for i in range(len(rows.x))]
        labels = np.array([span_label(s, q["expect_any"]) for s in spans])
        keep = model.span_filter.predict(rows.x).argsort()[::-1][:model.keep]
        scores = np.full(len(spans), -np.inf)
        scores[keep] = model.span.predict(rows.x[keep])
        order = np.argsort(-scores, kind="stable")
        exact = [int(i) for i in order if labels[i] == 3]
        out.append({"id": q["id"], "question": q["question"], "qtype": r.info.qtype,
                    "label_top": int(labels[order[0]]),
                    "top": describe(rows, int(order[0]), spans, scores, order),
                    "exact": (describe(rows, exact[0], spans, scores, order)
                              if exact else None)})
    n = len(questions)
    has = [o for o in out if o["exact"] is not None]
    kept = [o for o in has if o["exact"]["score"] > -np.inf]
    first = [o for o in kept if o["label_top"] == 3]
    print(f"{n} questions: an exact candidate for {len(has)}, kept by the pre-filter for "
          f"{len(kept)}, ranked first for {len(first)}; the first candidate holds the "
          f"answer closely (label >= 2) for {sum(o['label_top'] >= 2 for o in out)}")
    wrong = [o for o in kept if o["label_top"] != 3]
    by_relation = Counter(relation(o["top"], o["exact"]) for o in wrong)
    print(f"misranked (an exact candidate kept, another first): {len(wrong)}")
    for k, v in by_relation.most_common():
        print(f"  {k:32s} {v:4d}")
    asked = Counter(o["qtype"] for o in out)
    missed = Counter(o["qtype"] for o in wrong)
    print("misranked by question type: " + ", ".join(
        f"{t} {missed[t]}/{asked[t]}" for t, _ in asked.most_common()))
    types = Counter((o["qtype"], o["top"]["ctype"], o["exact"]["ctype"]) for o in wrong)
    print("question type, first candidate's type, exact candidate's type:")
    for (qt, tt, et), v in types.most_common(12):
        print(f"  {qt:7s} {tt:7s} {et:7s} {v:4d}")
    if args.out:
        Path(args.out).write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
