#!/usr/bin/env python3
"""Train the answer model (passage re-ranker and answer-span scorer) and write it.

Usage (from the project root, ``pip install -e '.[train]'``)::

    PYTHAINLP_OFFLINE=1 .venv/bin/python training/train_answer_model.py \
        --qa ../shared/eval/iapp-wiki-qa [--out bot/answering/data/answer_model.json.gz]

Learns only from the iapp-wiki-qa **train** split; prints its figures on the
**valid** split (questions the model never saw) and on the out-of-domain questions of
``tests/data/ood_questions.txt``.  Deterministic: a fixed seed, LightGBM's
``deterministic`` mode and one fold assignment by question id.

Steps, with the same code the answerer runs (``bot.answering.reading``):

1. ingest the QA corpus beside the bundled knowledge into a temporary data folder and
   read every question's passages (BM25's top 40 with their neighbours);
2. fit the passage re-ranker (LightGBM LambdaRank; a passage is relevant when its
   paragraph is the question's, more so when it holds the answer);
3. learn the boundary-word tables (which words open, close, precede and follow answers),
   cross-fitted over two folds so that no question's features see its own answer;
4. propose candidates in the re-ranked best passages, label them against the expected
   spans (3: the span itself; 2: holds it with little more; 1: holds it or most of
   it), fit a linear pre-filter (logistic regression) and the span scorer (LambdaRank)
   on the candidates the pre-filter keeps;
5. print the not-found threshold the valid split suggests and write the model file with
   it (``meta["min_span_score"]``, which the answerer applies instead of its
   ``MIN_SPAN_SCORE``; choose it again with xquad-th and the out-of-domain questions
   before the file is bundled, and say so in ``meta["min_span_score_source"]``).

``--passage-only`` stops after step 2 and replaces only the re-ranker in the model file
at ``--out`` (the span scorer, its pre-filter and tables are kept): for a change of the
passage features alone, measured without the span scorer's retraining mixed in.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import math
import os
import pickle
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.answering.answerer import Answerer, Reading, min_cluster_mass  # noqa: E402
from bot.answering.candidates import CTYPES  # noqa: E402
from bot.answering.features import (  # noqa: E402
    PASSAGE_FEATURES,
    SPAN_FEATURES,
    BoundaryTables,
)
from bot.answering.matching import holds as hit  # noqa: E402
from bot.answering.matching import match_key as norm  # noqa: E402
from bot.answering.model import (  # noqa: E402
    MODEL_FILE,
    AnswerModel,
    LinearScorer,
    TreeEnsemble,
    read_model,
)
from bot.answering.question import question_frame  # noqa: E402
from bot.answering.reading import SPAN_PASSAGES, rerank, span_rows  # noqa: E402
from bot.app import open_app  # noqa: E402
from bot.config import Settings  # noqa: E402
from indexer.tokenize import word_spans  # noqa: E402
from knowledge.thai import normalize_text, to_arabic_digits  # noqa: E402

SEED = 20261130






@dataclass
class Item:
    qid: str
    question: str
    expect: list[str]
    titles: set[str]
    split: str
    fold: int
    reading: Reading | None = None


def fold_of(qid: str) -> int:
    return int(hashlib.sha256(qid.encode()).hexdigest(), 16) % 2


def empty_model(tables: BoundaryTables | None = None,
                passage: TreeEnsemble | None = None) -> AnswerModel:
    n = len(SPAN_FEATURES)
    return AnswerModel(
        passage=passage or TreeEnsemble({}),
        span_filter=LinearScorer(np.zeros(n), np.ones(n), np.zeros(n)),
        span=TreeEnsemble({}),
        tables=tables or BoundaryTables.empty(),
        keep=10**9,
        meta={},
    )


def passage_label(item: Item, p: Any) -> int:
    if p.hit.title not in item.titles:
        return 0
    own = norm(p.text[p.own[0]:p.own[1]])
    return 2 if any(norm(e) in own for e in item.expect) else 1


def span_label(span: str, expect: list[str]) -> int:
    c = norm(span)
    if not c:
        return 0
    best = 0
    for e in expect:
        ne = norm(e)
        if not ne:
            continue
        if c == ne:
            return 3
        if ne in c:
            best = max(best, 2 if len(c) <= 1.5 * len(ne) + 3 else 1)
        elif c in ne and len(c) >= 0.6 * len(ne):
            best = max(best, 1)
    return best


def lgb_rank(x: np.ndarray, y: np.ndarray, groups: list[int], rounds: int,
             leaves: int) -> dict[str, Any]:
    import lightgbm as lgb

    params = {
        "objective": "lambdarank", "metric": "ndcg", "ndcg_eval_at": [1],
        "learning_rate": 0.05, "num_leaves": leaves, "min_data_in_leaf": 40,
        "feature_fraction": 0.9, "bagging_fraction": 0.8, "bagging_freq": 1,
        "lambdarank_truncation_level": 20, "seed": SEED, "deterministic": True,
        "num_threads": 2, "verbose": -1, "max_depth": 8,
    }
    ds = lgb.Dataset(x, label=y, group=groups, free_raw_data=False)
    booster = lgb.train(params, ds, num_boost_round=rounds)
    dump: dict[str, Any] = booster.dump_model()
    # Check our numpy walker against LightGBM itself on a sample.
    sample = x[: min(len(x), 2000)]
    ours = TreeEnsemble(dump).predict(sample)
    theirs = booster.predict(sample, raw_score=True)
    assert np.allclose(ours, theirs, atol=1e-6), "tree walker disagrees with LightGBM"
    return dump


def learn_tables(items: list[Item], min_count: int = 4) -> BoundaryTables:
    """Log-odds of each boundary role for words around the answers in read passages."""
    pos = {r: Counter() for r in ("prev", "first", "last", "next")}
    bg: Counter[str] = Counter()
    for it in items:
        if it.reading is None:
            continue
        for p in it.reading.passages[:SPAN_PASSAGES]:
            words = word_spans(p.text)
            low = [p.text[a:b].casefold() for a, b in words]
            bg.update(low)
            starts = {a: i for i, (a, _) in enumerate(words)}
            ends = {b: i for i, (_, b) in enumerate(words)}
            for e in it.expect:
                ee = to_arabic_digits(normalize_text(e)).strip()
                if not ee:
                    continue
                k = p.text.find(ee)
                while k != -1:
                    i, j = starts.get(k), ends.get(k + len(ee))
                    if i is not None and j is not None:
                        pos["first"][low[i]] += 1
                        pos["last"][low[j]] += 1
                        if i > 0:
                            pos["prev"][low[i - 1]] += 1
                        if j + 1 < len(low):
                            pos["next"][low[j + 1]] += 1
                    k = p.text.find(ee, k + 1)
                break
    n_bg = sum(bg.values()) or 1
    out: dict[str, dict[str, float]] = {}
    for role, counts in pos.items():
        n_pos = sum(counts.values()) or 1
        table: dict[str, float] = {}
        for w, c in counts.items():
            if c + bg[w] < min_count:
                continue
            lo = math.log((c + 0.5) / n_pos) - math.log((bg[w] + 0.5) / n_bg)
            if abs(lo) >= 0.2:
                table[w] = round(lo, 3)
        out[role] = table
    return BoundaryTables(out["prev"], out["first"], out["last"], out["next"])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--qa", default=str(ROOT.parent / "shared/eval/iapp-wiki-qa"))
    ap.add_argument("--out", default=str(MODEL_FILE))
    ap.add_argument("--home", help="reuse this data folder (ingested once)")
    ap.add_argument("--readings", help="keep the passages read for every question in this "
                    "file (pickle) and read them from it on the next run: the slow step, "
                    "unchanged while only candidates, span features or settings change")
    ap.add_argument("--limit", type=int, help="train on the first N training questions")
    ap.add_argument("--keep", type=int, default=400, help="candidates the pre-filter keeps")
    ap.add_argument("--rounds", type=int, default=300, help="boosting rounds of the span scorer")
    ap.add_argument("--leaves", type=int, default=31, help="leaves per tree of the span scorer")
    ap.add_argument("--negatives", type=int, default=120,
                    help="wrong candidates sampled per question for the span scorer")
    ap.add_argument("--passage-only", action="store_true",
                    help="retrain the passage re-ranker only: the span scorer, its pre-filter and "
                    "the boundary tables are kept from the model file at --out")
    args = ap.parse_args()
    np.random.seed(SEED)
    t0 = time.time()
    qa = Path(args.qa)
    home = Path(args.home) if args.home else Path(tempfile.mkdtemp(prefix="sdgbot-train-"))
    env = dict(os.environ, SDGBOT_HOME=str(home), PYTHAINLP_OFFLINE="1")
    env.pop("DATABASE_URL", None)
    if not (home / "sdgbot.db").exists():
        sdgbot = str(Path(sys.executable).parent / "sdgbot")
        subprocess.run([sdgbot, "ingest", str(qa / "corpus.jsonl")],
                       env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    app = open_app(Settings(home=home))
    items = []
    for line in open(qa / "questions.jsonl", encoding="utf-8"):
        q = json.loads(line)
        items.append(Item(q["id"], q["question"], q["expect_any"], set(q["positive_titles"]),
                          q["split"], fold_of(q["id"])))
    train = [it for it in items if it.split == "train"][: args.limit]
    valid = [it for it in items if it.split == "valid"]
    ood = [line.strip() for line in open(ROOT / "tests/data/ood_questions.txt", encoding="utf-8")
           if line.strip()]
    print(f"{len(train)} training, {len(valid)} validation questions; data folder {home}")

    reader = Answerer(app.db, app.index, model=empty_model())

    def read_all(group: list[Item]) -> None:
        for it in group:
            q, info = reader.prepare(it.question)
            it.reading = reader.read(q, info, reader.search_tokens(q, info))

    cache = Path(args.readings) if args.readings else None
    if cache is not None and cache.exists():
        with open(cache, "rb") as f:
            saved = pickle.load(f)
        for it in train + valid:
            it.reading = saved.get(it.qid)
    else:
        read_all(train)
        read_all(valid)
        if cache is not None:
            with open(cache, "wb") as f:
                pickle.dump({it.qid: it.reading for it in train + valid}, f)
    print(f"read passages in {time.time() - t0:.0f} s")

    # -- passage re-ranker ---------------------------------------------------------------
    px, py, pg = [], [], []
    for it in train:
        if it.reading is None:
            continue
        labels = [passage_label(it, p) for p in it.reading.passages]
        if not any(labels):
            continue
        px.extend(p.features for p in it.reading.passages)
        py.extend(labels)
        pg.append(len(labels))
    passage_dump = lgb_rank(np.array(px), np.array(py), pg, rounds=200, leaves=15)
    passage_model = TreeEnsemble(passage_dump)

    def r_at_1(group: list[Item]) -> float:
        ok = 0
        for it in group:
            if it.reading and it.reading.passages:
                ok += it.reading.passages[0].hit.title in it.titles
        return ok / max(1, len(group))

    print(f"R@1 valid, BM25 order: {r_at_1(valid):.3f}")
    model0 = empty_model(passage=passage_model)
    for it in train + valid:
        if it.reading is not None:
            it.reading.passages = rerank(it.reading.passages, model0)
    print(f"R@1 valid, re-ranked: {r_at_1(valid):.3f}")
    if args.passage_only:
        return _write_passage_only(args.out, passage_dump, passage_model, len(px),
                                   r_at_1(valid), app, valid, t0)

    # -- boundary tables, cross-fitted -----------------------------------------------------
    tables_fold = {f: learn_tables([it for it in train if it.fold != f]) for f in (0, 1)}
    tables_all = learn_tables(train)

    def rows_for(it: Item, tables: BoundaryTables) -> tuple[Any, np.ndarray] | None:
        r = it.reading
        if r is None:
            return None
        rows = span_rows(r.passages, r.terms, r.info, question_frame(r.question), tables)
        if not len(rows.x):
            return None
        labels = np.array([span_label(rows.cands[int(rows.owner[i])].span(int(rows.index[i])),
                                      it.expect) for i in range(len(rows.x))])
        return rows, labels

    # -- linear pre-filter -------------------------------------------------------------------
    from sklearn.linear_model import LogisticRegression

    rng = np.random.default_rng(SEED)
    cached: list[tuple[Item, Any, np.ndarray]] = []
    for it in train:
        got = rows_for(it, tables_fold[it.fold])
        if got is not None:
            cached.append((it, *got))
    print(f"candidates built in {time.time() - t0:.0f} s; "
          f"mean {np.mean([len(c[1].x) for c in cached]):.0f} a question; "
          f"a right one among them for {np.mean([c[2].max() > 0 for c in cached]):.3f}")
    lx, ly = [], []
    for _, rows, labels in cached:
        neg = np.flatnonzero(labels == 0)
        take = np.concatenate([np.flatnonzero(labels > 0),
                               rng.choice(neg, size=min(len(neg), 60), replace=False)])
        lx.append(rows.x[take])
        ly.append(labels[take] > 0)
    lxa = np.concatenate(lx).astype(np.float64)
    mean = lxa.mean(axis=0)
    scale = lxa.std(axis=0)
    scale[scale == 0] = 1.0
    logit = LogisticRegression(C=1.0, max_iter=2000, random_state=SEED)
    logit.fit((lxa - mean) / scale, np.concatenate(ly))
    linear = LinearScorer(mean, scale, logit.coef_[0].astype(np.float64))

    # -- span scorer on what the pre-filter keeps -------------------------------------------
    sx, sy, sg = [], [], []
    recall = 0
    for _, rows, labels in cached:
        pre = linear.predict(rows.x)
        keep = pre.argsort()[::-1][: args.keep]
        kept_labels = labels[keep]
        recall += kept_labels.max() > 0
        if kept_labels.max() == 0:
            continue
        neg = keep[kept_labels == 0]
        take = np.concatenate([keep[kept_labels > 0],
                               rng.choice(neg, size=min(len(neg), args.negatives),
                                          replace=False)])
        sx.append(rows.x[take])
        sy.append(labels[take])
        sg.append(len(take))
    print(f"pre-filter keeps a right candidate for {recall / max(1, len(cached)):.3f}")
    span_dump = lgb_rank(np.concatenate(sx), np.concatenate(sy), sg, rounds=args.rounds,
                         leaves=args.leaves)
    model = AnswerModel(passage=passage_model, span_filter=linear, span=TreeEnsemble(span_dump),
                        tables=tables_all, keep=args.keep, meta={})

    # -- validation ------------------------------------------------------------------------
    answerer = Answerer(app.db, app.index, model=model)
    depth, scores_ok, scores_bad = answer_depths(answerer, valid)
    n = len(valid)
    print("valid: " + " ".join(f"answer@{d}={v / n:.3f}" for d, v in depth.items())
          + f" R@1={r_at_1(valid):.3f}")
    # Not found: the largest threshold that loses at most 1% of the right answers.
    min_score = float(np.quantile(scores_ok, 0.01)) if scores_ok else -math.inf
    ood_scores = []
    for q in ood:
        ans = answerer.ask(q)
        ood_scores.append(float(ans.debug.get("score", -math.inf)) if ans.found else -math.inf)
    print(f"not-found threshold {min_score:.3f}: out-of-domain answered "
          f"{sum(s >= min_score for s in ood_scores)}/{len(ood)} "
          f"(before the threshold {sum(s > -math.inf for s in ood_scores)}); "
          f"wrong valid answers refused {sum(s < min_score for s in scores_bad)}/{len(scores_bad)}")

    meta = {
        # The not-found threshold the answerer applies (answerer.span_threshold): the
        # valid split's suggestion until one is chosen with xquad-th and the
        # out-of-domain questions too (then edit it here with its source).
        "min_span_score": round(min_score, 3),
        "min_span_score_source": "training: the score under which 1% of the right iapp-wiki-qa "
                                 "valid answers fall",
        "trained_on": "iapp-wiki-qa train split", "seed": SEED,
        "questions": len(train), "passage_rows": len(px), "span_rows": int(sum(sg)),
        "valid": {f"answer@{d}": round(v / n, 4) for d, v in depth.items()},
        "valid_r1": round(r_at_1(valid), 4), "ctypes": list(CTYPES),
        "min_cluster_mass": min_cluster_mass(1),
    }
    out = {
        "version": 1,
        "passage": {"features": list(PASSAGE_FEATURES), "trees": passage_dump},
        "span": {"features": list(SPAN_FEATURES), "keep": args.keep, "trees": span_dump,
                 "linear": {"mean": mean.tolist(), "scale": scale.tolist(),
                            "coef": linear.coef.tolist()}},
        "tables": {"prev": dict(tables_all.prev), "first": dict(tables_all.first),
                   "last": dict(tables_all.last), "next": dict(tables_all.next)},
        "min_score": min_score,
        "meta": meta,
    }
    for key in ("passage", "span"):
        out[key]["trees"] = _slim(out[key]["trees"])
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(args.out, "wb", mtime=0) as f:
        f.write(json.dumps(out, ensure_ascii=False, separators=(",", ":")).encode())
    # The file as the bot reads it must score as the model just validated.
    saved = read_model(Path(args.out))
    sample = np.concatenate(sx)[:5000]
    assert np.allclose(saved.span.predict(sample), model.span.predict(sample), atol=1e-6)
    assert np.allclose(saved.span_filter.predict(sample), linear.predict(sample), atol=1e-6)
    psample = np.array(px[:5000], dtype=np.float64)
    assert np.allclose(saved.passage.predict(psample), passage_model.predict(psample), atol=1e-6)
    assert saved.keep == model.keep and dict(saved.tables.first) == dict(tables_all.first)
    print(f"wrote {args.out} ({Path(args.out).stat().st_size / 1e6:.2f} MB) "
          f"in {time.time() - t0:.0f} s")
    app.close()
    return 0


def _write_passage_only(out_path: str, passage_dump: dict[str, Any], passage_model: TreeEnsemble,
                        rows: int, r1: float, app: Any, valid: list[Item], t0: float) -> int:
    """Replace the passage re-ranker of the model file at ``out_path``, keep the rest.

    For a change of the passage features alone: the span scorer, its pre-filter and the
    boundary tables stay as they were trained (a full run retrains them on the new
    passage order); the file may hold a re-ranker of other features.  Prints the valid
    split's answers with the file as written.
    """
    path = Path(out_path)
    raw = json.loads(gzip.decompress(path.read_bytes()).decode("utf-8"))
    raw["passage"] = {"features": list(PASSAGE_FEATURES), "trees": _slim(passage_dump)}
    raw["meta"].update({"passage_rows": rows, "valid_r1": round(r1, 4),
                        "passage_only": "span scorer, pre-filter and tables kept from the "
                        "previous model file"})

    def write() -> None:
        with gzip.GzipFile(path, "wb", mtime=0) as f:
            f.write(json.dumps(raw, ensure_ascii=False, separators=(",", ":")).encode())

    write()
    model = read_model(path)
    psample = np.random.default_rng(SEED).random((2000, len(PASSAGE_FEATURES)))
    assert np.allclose(model.passage.predict(psample), passage_model.predict(psample), atol=1e-6)
    depth, _, _ = answer_depths(Answerer(app.db, app.index, model=model), valid)
    n = max(1, len(valid))
    print("valid: " + " ".join(f"answer@{d}={v / n:.3f}" for d, v in depth.items())
          + f" R@1={r1:.3f} (span scorer kept)")
    raw["meta"]["valid"] = {f"answer@{d}": round(v / n, 4) for d, v in depth.items()}
    write()
    print(f"wrote {path} ({path.stat().st_size / 1e6:.2f} MB) in {time.time() - t0:.0f} s")
    app.close()
    return 0


def answer_depths(answerer: Answerer, items: list[Item]
                  ) -> tuple[dict[int, int], list[float], list[float]]:
    """Answers holding an expected span within 40/100/300 characters, and span scores.

    Returns ``(counts by depth, scores of the right answers, scores of the wrong ones)``
    (right: an expected span within 300 characters).
    """
    depth = {40: 0, 100: 0, 300: 0}
    scores_ok: list[float] = []
    scores_bad: list[float] = []
    for it in items:
        ans = answerer.ask(it.question)
        if ans.found:
            text = ans.render()
            for d in depth:
                depth[d] += hit(text[:d], it.expect)
            (scores_ok if hit(text[:300], it.expect) else scores_bad).append(
                float(ans.debug.get("score", 0.0)))
    return depth, scores_ok, scores_bad


def _slim(dump: dict[str, Any]) -> dict[str, Any]:
    """Only what :class:`bot.answering.model.TreeEnsemble` reads from a LightGBM dump."""
    keys = {"split_feature", "threshold", "decision_type", "default_left", "left_child",
            "right_child", "leaf_value"}

    def node(n: dict[str, Any]) -> dict[str, Any]:
        out = {k: v for k, v in n.items() if k in keys}
        for child in ("left_child", "right_child"):
            if child in out:
                out[child] = node(out[child])
        return out

    return {"max_feature_idx": dump["max_feature_idx"],
            "tree_info": [{"tree_structure": node(t["tree_structure"])}
                          for t in dump["tree_info"]]}


if __name__ == "__main__":
    sys.exit(main())
