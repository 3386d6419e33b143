#!/usr/bin/env python3
"""Train the answer verifier (:mod:`bot.answering.verifier`) and write it.

Usage (from the project root, ``pip install -e '.[train]'``)::

    PYTHAINLP_OFFLINE=1 .venv/bin/python training/train_verifier.py \
        [--qa ../shared/eval/iapp-wiki-qa] [--news ../shared/data/thaigov-news.jsonl.gz] \
        [--homes DIR] [--out bot/answering/data/answer_verifier.json.gz]

The verifier says whether the answer the bot is about to give is right.  It learns from
the iapp-wiki-qa **train** questions asked in three data folders, with the answerer as
it ships (its verifier off), each answer labelled right when its reply holds an
expected span within its first 300 characters (``answer@300``):

* ``small``: the QA corpus alone (6,717 passages, the size of a ministry's own
  documents) — answerable;
* ``mixed``: the government news archive with the QA corpus (380,499 passages) —
  answerable, among many passages that hold a question's words by chance;
* ``news``: the archive alone — unanswerable (Wikipedia questions the archive does not
  answer; the few it does answer are labelled by their replies as the others).

The threshold is chosen on the **valid** questions in the same folders: the highest
that loses at most ``--max-loss`` of the right answers in ``small`` and ``mixed``
(a right answer refused is a right answer lost; a wrong one refused costs nothing).
Figures on the valid questions (never trained on) are printed.  Deterministic: a fixed
seed and LightGBM's ``deterministic`` mode.  ``--homes DIR`` keeps the data folders
and the answers read (``DIR/answers-*.jsonl``) for the next run.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.answering.answerer import Answerer  # noqa: E402
from bot.answering.matching import holds as hit  # noqa: E402
from bot.answering.verifier import VERIFIER_FEATURES, VERIFIER_FILE  # noqa: E402
from bot.app import open_app  # noqa: E402
from bot.config import Settings  # noqa: E402
from training.news_questions import make_questions, releases  # noqa: E402

SEED = 20261201
FOLDERS = ("small", "mixed", "news")
#: The sets whose right answers the threshold must keep (``made``: questions made from
#: releases in the archive searched; ``absent``: from releases held out of it).
ANSWERABLE = ("small", "mixed", "made")
#: Share of the releases held out of the ``news90`` folder.
HELD_SHARE = 0.1
#: The direction each feature may move the verdict (LightGBM's monotone constraints): more
#: of the question covered, a higher span or passage score never makes an answer less
#: likely right.  Keeps the trees sensible beyond the questions they were fitted on.
MONOTONE = {"span_score": 1, "cluster_mass": 1, "document_mass": 1, "passage_mass": 1,
            "uncovered_max": -1, "rarest_covered": 1, "passage_score": 1}


def ingest(home: Path, *paths: Path) -> None:
    """``sdgbot ingest`` of ``paths`` into the data folder ``home``."""
    env = dict(os.environ, SDGBOT_HOME=str(home), PYTHAINLP_OFFLINE="1")
    env.pop("DATABASE_URL", None)
    sdgbot = str(Path(sys.executable).parent / "sdgbot")
    for path in paths:
        subprocess.run([sdgbot, "ingest", str(path)], env=env, check=True, cwd=ROOT,
                       stdout=subprocess.DEVNULL)


def build_news90(base: Path, news: Path, held: set[str]) -> Path:
    """The data folder of the archive without the held-out releases (ingested once)."""
    home = base / "news90"
    if not (home / "sdgbot.db").exists():
        kept = base / "news90.jsonl.gz"
        with gzip.open(kept, "wt", encoding="utf-8") as f:
            for r in releases(news):
                if r.get("source", "") not in held:
                    f.write(json.dumps(r, ensure_ascii=False) + "\n")
        ingest(home, kept)
    return home


def build_folders(base: Path, qa: Path, news: Path) -> dict[str, Path]:
    """The three data folders under ``base`` (ingested unless already there)."""
    homes = {name: base / name for name in FOLDERS}
    if not (homes["small"] / "sdgbot.db").exists():
        ingest(homes["small"], qa / "corpus.jsonl")
    if not (homes["news"] / "sdgbot.db").exists():
        ingest(homes["news"], news)
    if not (homes["mixed"] / "sdgbot.db").exists():
        shutil.copytree(homes["news"], homes["mixed"], dirs_exist_ok=True)
        ingest(homes["mixed"], qa / "corpus.jsonl")
    return homes


def answers(home: Path, questions: list[dict[str, Any]], cache: Path) -> list[dict[str, Any]]:
    """Each question's answer in ``home`` with the verifier off: found, right, features."""
    if cache.exists():
        rows = [json.loads(line) for line in cache.open(encoding="utf-8")]
        if len(rows) == len(questions):
            return rows
    app = open_app(Settings(home=home))
    answerer = Answerer(app.db, app.index, verify=False)
    rows = []
    for q in questions:
        ans = answerer.ask(q["question"])
        feats = ans.debug.get("verifier_features")
        rows.append({"id": q["id"], "found": ans.found, "features": feats,
                     "right": bool(ans.found and hit(ans.render()[:300], q["expect_any"]))})
    app.close()
    with cache.open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r) + "\n")
    return rows


def matrix(rows: list[dict[str, Any]]) -> tuple[np.ndarray, np.ndarray]:
    """Features and labels of the answers the verifier would judge (those given with features)."""
    kept = [r for r in rows if r["found"] and r["features"] is not None]
    x = np.array([r["features"] for r in kept], dtype=np.float64)
    x = x.reshape(-1, len(VERIFIER_FEATURES))
    y = np.array([r["right"] for r in kept], dtype=np.int32)
    return x, y


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


def _split_of(url: str) -> str:
    """A release's split for its made questions: a fifth of the releases are valid."""
    return "valid" if int(hashlib.sha256(url.encode()).hexdigest(), 16) % 5 == 0 else "train"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--qa", default=str(ROOT.parent / "shared/eval/iapp-wiki-qa"))
    ap.add_argument("--news", default=str(ROOT.parent / "shared/data/thaigov-news.jsonl.gz"))
    ap.add_argument("--homes", help="keep the data folders and answers here for the next run")
    ap.add_argument("--out", default=str(VERIFIER_FILE))
    ap.add_argument("--rounds", type=int, default=150)
    ap.add_argument("--leaves", type=int, default=15)
    ap.add_argument("--news-releases", type=int, default=1500,
                    help="releases questions are made from (and half as many held out)")
    ap.add_argument("--max-loss", type=float, default=0.01,
                    help="share of the right valid answers of each set the threshold may refuse")
    args = ap.parse_args()
    import lightgbm as lgb

    t0 = time.time()
    qa, news = Path(args.qa), Path(args.news)
    base = Path(args.homes) if args.homes else Path(tempfile.mkdtemp(prefix="sdgbot-verifier-"))
    base.mkdir(parents=True, exist_ok=True)
    homes = build_folders(base, qa, news)
    made, absent, held = make_questions(news, seed=SEED, releases_wanted=args.news_releases,
                                        held_share=HELD_SHARE)
    homes["news90"] = build_news90(base, news, held)
    questions = [json.loads(line) for line in open(qa / "questions.jsonl", encoding="utf-8")]
    sets: dict[tuple[str, str], tuple[Path, list[dict[str, Any]]]] = {}
    for s in ("train", "valid"):
        for name in FOLDERS:
            sets[(s, name)] = (homes[name], [q for q in questions if q["split"] == s])
        for name, made_set in (("made", made), ("absent", absent)):
            sets[(s, name)] = (homes["news90"], [
                {"id": f"{name}-{k}", "question": q.question, "expect_any": [q.expect]}
                for k, q in enumerate(made_set) if _split_of(q.url) == s])
    got = {key: answers(home, qs, base / f"answers-{key[0]}-{key[1]}.jsonl")
           for key, (home, qs) in sets.items()}
    print(f"answers read in {time.time() - t0:.0f} s")
    names = (*FOLDERS, "made", "absent")

    xs, ys = zip(*(matrix(got[("train", name)]) for name in names), strict=True)
    x, y = np.vstack(xs), np.concatenate(ys)
    print(f"training on {len(y)} answers given, {int(y.sum())} right "
          f"({', '.join(f'{n}: {len(v)}' for n, v in zip(names, ys, strict=True))})")
    params = {"objective": "binary", "learning_rate": 0.05, "num_leaves": args.leaves,
              "min_data_in_leaf": 40, "feature_fraction": 0.9, "bagging_fraction": 0.8,
              "bagging_freq": 1, "lambda_l2": 1.0, "seed": SEED, "deterministic": True,
              "force_row_wise": True, "num_threads": 2, "verbose": -1,
              "monotone_constraints": [MONOTONE.get(f, 0) for f in VERIFIER_FEATURES]}
    booster = lgb.train(params, lgb.Dataset(x, y, feature_name=list(VERIFIER_FEATURES)),
                        num_boost_round=args.rounds)

    def prob(rows: list[dict[str, Any]]) -> tuple[np.ndarray, np.ndarray]:
        vx, vy = matrix(rows)
        return 1.0 / (1.0 + np.exp(-booster.predict(vx, raw_score=True))), vy

    valid = {name: prob(got[("valid", name)]) for name in names}
    threshold = min(float(np.quantile(valid[n][0][valid[n][1] == 1], args.max_loss))
                    for n in ANSWERABLE if (valid[n][1] == 1).any())
    print(f"threshold {threshold:.3f} (refuses at most {args.max_loss:.1%} of the right valid "
          f"answers of each of {', '.join(ANSWERABLE)})")
    for name in names:
        p, vy = valid[name]
        kept = p >= threshold
        print(f"valid {name:6}: {len(vy)} answered of {len(sets[('valid', name)][1])}; right "
              f"{int(vy.sum())} -> {int((kept & (vy == 1)).sum())} kept; wrong "
              f"{int((vy == 0).sum())} -> {int((kept & (vy == 0)).sum())} kept")
    importance = booster.feature_importance("gain")
    order = np.argsort(-importance)
    print("gain: " + ", ".join(f"{VERIFIER_FEATURES[i]} {importance[i]:.0f}" for i in order[:8]))
    meta = {"threshold": round(threshold, 4), "seed": SEED, "rounds": args.rounds,
            "leaves": args.leaves, "max_loss": args.max_loss,
            "trained_on": "iapp-wiki-qa train split (folders small, mixed, news) and questions "
                          "made from four fifths of the releases (training/news_questions.py)",
            "threshold_source": "valid: iapp-wiki-qa valid split (small, mixed) and the "
                                "questions made from the other fifth (made)"}
    data = {"features": list(VERIFIER_FEATURES), "trees": _slim(booster.dump_model()),
            "meta": meta}
    out = Path(args.out)
    with gzip.open(out, "wt", encoding="utf-8") as f:
        json.dump(data, f, separators=(",", ":"))
    print(f"wrote {out} ({out.stat().st_size / 1e3:.0f} kB) in {time.time() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
