#!/usr/bin/env python3
"""Why answers miss: sort a QA set's misses into retrieval, candidates, ranking, composition.

Usage (from the project root, a data folder with the set's corpus ingested)::

    PYTHAINLP_OFFLINE=1 .venv/bin/python training/diagnose_answers.py \
        --home /tmp/span-iapp --questions VALID.jsonl [--depth 100] \
        [--out misses.jsonl]

``VALID.jsonl``: the valid split of ``../shared/eval/iapp-wiki-qa/questions.jsonl``
(``grep '"split": "valid"' ../shared/eval/iapp-wiki-qa/questions.jsonl > VALID.jsonl``).

Each question (``id``, ``question``, ``expect_any``) is answered as ``sdgbot ask`` does
(the bundled model, or ``--model FILE``); a reply without an expected span in its first
``--depth`` characters is a miss, put in the first bucket that explains it:

* ``retrieval/none`` — no passage read (the top 40 and the ministry's own) holds the answer;
* ``retrieval/unscored`` — some passage read holds it, but none whose candidates were scored
  (the re-ranker's best four, the region around the question's words);
* ``candidates`` — a scored passage holds it, but no candidate span covers it
  (the training label: the span itself, or holding it with little more);
* ``ranking`` — a candidate covers it, another won (split by whether the pre-filter kept
  the right one and whether a constraint masked it);
* ``composition`` — the chosen span covers the answer, the reply does not show it in time;
* ``not found`` — the bot said it does not know.

Prints the table, then the misses by the stage that lost the answer (:func:`stage_of`):
``candidates`` (no candidate covers it), ``model`` (a covering candidate was scored
lower or dropped by the pre-filter), ``rules`` (the model's choice was right or a
covering candidate was masked, and a constraint, a later rule, the composition or a
refusal lost it), ``retrieval`` and ``refused`` (no covering candidate to refuse);
then the misses by question kind (:data:`QUESTION_KINDS`: "คือใคร", "ปีใด/เมื่อใด",
"คืออะไร", ...) and stage, whether the model's misses had the right span in the chosen
span's passage or another, and how the chosen, the best right and (for candidate
misses) the nearest proposed span lie against the expected one (:func:`boundary`);
with ``--out``, one JSON line per miss (with ``kind``, ``chosen_passage``,
``right_passage``, ``*_vs_expected`` and ``nearest``).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import bot.answering.answerer as answerer_mod  # noqa: E402
from bot.answering.answerer import Answerer  # noqa: E402
from bot.answering.matching import holds  # noqa: E402
from bot.answering.matching import match_key as norm  # noqa: E402
from bot.answering.model import read_model  # noqa: E402
from bot.answering.reading import _region  # noqa: E402
from bot.app import open_app  # noqa: E402
from bot.config import Settings  # noqa: E402


def covers(span: str, expect: list[str]) -> bool:
    """The training label's "covers": the span is an expected answer or holds one closely."""
    c = norm(span)
    for e in expect:
        ne = norm(e)
        if ne and ne in c and len(c) <= 1.5 * len(ne) + 3:
            return True
    return False


def stage_of(bucket: str) -> str:
    """The stage a miss's bucket blames: candidates, model, rules, retrieval or refused."""
    if bucket == "candidates":
        return "candidates"
    if bucket in ("ranking/scored lower", "ranking/pre-filter dropped"):
        return "model"
    if bucket.startswith("ranking/masked") or bucket == "composition" or (
            bucket.startswith("not found") and bucket.endswith("(right candidate exists)")):
        return "rules"
    if bucket.startswith("retrieval"):
        return "retrieval"
    return "refused"


#: Question kinds the misses are counted by (first match wins): what a question's wording
#: asks for, so that a stage's misses can be attacked kind by kind.
QUESTION_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("who-is (คือใคร/เป็นใคร)", re.compile(r"(?:คือ|เป็น)(?:ใคร|บุคคลใด)")),
    ("who", re.compile(r"ใคร|บุคคลใด|ผู้ใด")),
    ("year/date (ปีใด/เมื่อใด)", re.compile(
        r"ปี(?:ใด|ไหน|อะไร|ที่เท่าไร|พ\.ศ\.(?:ใด|อะไร)|ค\.ศ\.(?:ใด|อะไร))|"
        r"เมื่อ(?:ใด|ไร|ไหร่)|วัน(?:ที่)?(?:ใด|ไหน|อะไร)|เดือน(?:ใด|ไหน|อะไร)|ศตวรรษ|ช่วงเวลาใด|พ\.ศ\.\s*เท่าไร")),
    ("how many/much (กี่/เท่าไร)", re.compile(r"กี่|เท่า(?:ไร|ไหร่|ใด)")),
    ("where (ที่ใด/ที่ไหน)", re.compile(r"(?:ที่|แห่ง)(?:ใด|ไหน)|ประเทศ(?:ใด|อะไร)|จังหวัด(?:ใด|อะไร)")),
    ("what-is (คือ/คืออะไร)", re.compile(r"(?:คือ|หมายถึง)(?:อะไร)?\s*\??\s*$|คืออะไร|หมายถึงอะไร")),
    ("name (ชื่ออะไร/ชื่อว่า)", re.compile(r"ชื่อ(?:อะไร|ว่าอะไร|ใด|เต็ม)")),
    ("which X (X ใด/X อะไร)", re.compile(r"ใด|อะไร|ไหน")),
)


def question_kind(question: str) -> str:
    """The first of :data:`QUESTION_KINDS` whose pattern ``question`` matches, or "other"."""
    for name, pat in QUESTION_KINDS:
        if pat.search(question):
            return name
    return "other"


def boundary(candidate: str, expect: list[str]) -> str:
    """How ``candidate`` lies against the nearest expected answer, in characters.

    "exact"; "longer +N" (holds it with N characters more); "shorter -N" (inside it,
    N fewer); "overlap"; or "apart".
    """
    c = norm(candidate)
    best = "apart"
    for e in expect:
        ne = norm(e)
        if not ne:
            continue
        if c == ne:
            return "exact"
        if ne in c:
            return f"longer +{len(c) - len(ne)}"
        if c and c in ne:
            best = f"shorter -{len(ne) - len(c)}"
        elif best == "apart" and c and (c[-4:] in ne or c[:4] in ne):
            best = "overlap"
    return best


def print_kinds(misses: list[dict[str, Any]], qs: list[dict[str, Any]]) -> None:
    """Print the misses by question kind and stage, and the boundary and passage details."""
    asked = Counter(question_kind(q["question"].replace("\n", " ")) for q in qs)
    table: dict[str, Counter[str]] = {}
    for m in misses:
        table.setdefault(m["kind"], Counter())[stage_of(m["bucket"])] += 1
    cols = ("model", "candidates", "retrieval", "rules", "refused")
    print(f"{'kind':32s} {'asked':>5s} {'missed':>6s} " + " ".join(f"{c:>10s}" for c in cols))
    for kind, row in sorted(table.items(), key=lambda kv: -sum(kv[1].values())):
        print(f"{kind:32s} {asked[kind]:5d} {sum(row.values()):6d} "
              + " ".join(f"{row[c]:10d}" for c in cols))
    model = [m for m in misses if stage_of(m["bucket"]) == "model" and "right_passage" in m]
    same = sum(m["right_passage"] == m["chosen_passage"] for m in model)
    print(f"model misses: right span in the chosen passage {same}, in another {len(model) - same}")

    def shape(b: str) -> str:
        return b.split(" ")[0]

    for key, group in (("chosen_vs_expected", model),
                       ("right_vs_expected", model),
                       ("nearest_vs_expected",
                        [m for m in misses if m["bucket"] == "candidates"])):
        got = Counter(shape(m[key]) if key in m else "none" for m in group)
        print(f"{key}: " + ", ".join(f"{k} {v}" for k, v in got.most_common()))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--home", required=True)
    ap.add_argument("--questions", required=True)
    ap.add_argument("--depth", type=int, default=100)
    ap.add_argument("--model")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--out")
    args = ap.parse_args()
    app = open_app(Settings(home=Path(args.home)))
    model = read_model(Path(args.model)) if args.model else None
    ans = Answerer(app.db, app.index, model=model)
    qs = [json.loads(line) for line in open(args.questions, encoding="utf-8") if line.strip()]
    qs = qs[: args.limit]

    calls: list[dict[str, Any]] = []
    real_best = answerer_mod._best_span

    def spy(rows: Any, demand: Any, model: Any) -> tuple[int, float, str]:
        out = real_best(rows, demand, model)
        calls.append({"rows": rows, "demand": demand, "best": out})
        return out

    answerer_mod._best_span = spy
    buckets: Counter[str] = Counter()
    depth_hits = {40: 0, 100: 0, 300: 0}
    misses = []
    for q in qs:
        calls.clear()
        question = q["question"].replace("\n", " ")
        a = ans.ask(question)
        text = a.render() if a.found else ""
        for d in depth_hits:
            depth_hits[d] += a.found and holds(text[:d], q["expect_any"])
        if a.found and holds(text[: args.depth], q["expect_any"]):
            continue
        expect = q["expect_any"]
        keys = [norm(e) for e in expect if norm(e)]
        row: dict[str, Any] = {"id": q["id"], "question": question, "expect": expect,
                               "reply": text[:160]}
        if not calls:
            bucket = "not found/" + str(a.debug.get("reason", "?"))
        else:
            rows = calls[0]["rows"]
            best_row = calls[0]["best"][0]
            q2, info = ans.prepare(question)
            reading = ans.read(q2, info, ans.search_tokens(q2, info))
            passages = reading.passages if reading else []
            in_read = any(any(k in norm(p.text) for k in keys) for p in passages)
            in_scored = False
            for p in rows.passages:
                lo, hi = _region(p, info)
                if any(k in norm(p.text[lo:hi]) for k in keys):
                    in_scored = True
            cover = np.array([covers(rows.cands[int(rows.owner[i])].span(int(rows.index[i])),
                                     expect) for i in range(len(rows.x))], dtype=bool)
            p_best, s, e = rows.span(best_row)
            chosen = p_best.text[s:e]
            row["chosen"] = chosen
            row["ctype"] = rows.ctype(best_row)
            row["qtype"] = info.qtype
            row["chosen_passage"] = int(rows.owner[best_row])
            row["chosen_vs_expected"] = boundary(chosen, expect)
            if not a.found:
                bucket = "not found/" + str(a.debug.get("reason", "?"))
                if cover.any():
                    bucket += " (right candidate exists)"
            elif not in_read:
                bucket = "retrieval/none"
            elif covers(chosen, expect) or any(k in norm(chosen) for k in keys):
                bucket = "composition"
            elif not in_scored:
                bucket = "retrieval/unscored"
            elif not cover.any():
                bucket = "candidates"
                # How near a candidate came: the expected answer inside a longer span,
                # or a span inside the expected answer.
                part = [rows.cands[int(rows.owner[i])].span(int(rows.index[i]))
                        for i in range(len(rows.x))]
                row["inside_longer"] = any(any(k in norm(c) for k in keys) for c in part)
                # The nearest proposal: the shortest span holding the answer, else the
                # longest inside it.
                near = [(boundary(c, expect), c) for c in part]
                longer = [(len(c), c) for b, c in near if b.startswith("longer")]
                shorter = [(-len(c), c) for b, c in near if b.startswith("shorter")]
                if longer or shorter:
                    nearest = min(longer)[1] if longer else min(shorter)[1]
                    row["nearest"] = nearest
                    row["nearest_vs_expected"] = boundary(nearest, expect)
            else:
                pre = calls[0]["rows"]
                m = ans.model
                pre_s = m.span_filter.predict(pre.x)
                keep = set(pre_s.argsort()[::-1][: m.keep].tolist())
                good = np.flatnonzero(cover)
                kept = any(int(g) in keep for g in good)
                allowed, constraint = answerer_mod.demanded(pre, calls[0]["demand"])
                masked = allowed.any() and not allowed[good].any()
                sc = m.span.predict(pre.x[good])
                gi = int(good[int(sc.argmax())])
                row["right"] = rows.cands[int(rows.owner[gi])].span(int(rows.index[gi]))
                row["score_right"] = float(sc.max())
                row["score_chosen"] = float(calls[0]["best"][1])
                row["right_passage"] = int(rows.owner[gi])
                row["right_vs_expected"] = boundary(row["right"], expect)
                if masked:
                    bucket = f"ranking/masked by {constraint}"
                elif not kept:
                    bucket = "ranking/pre-filter dropped"
                else:
                    bucket = "ranking/scored lower"
        row["bucket"] = bucket
        row["kind"] = question_kind(question)
        buckets[bucket] += 1
        misses.append(row)
    n = len(qs)
    print(" ".join(f"answer@{d}={v / n:.3f}" for d, v in depth_hits.items()) + f" (n={n})")
    print(f"misses at {args.depth}: {len(misses)}")
    for b, c in sorted(buckets.items(), key=lambda kv: -kv[1]):
        print(f"  {b:45s} {c:5d}  {c / n:.3f}")
    stages: Counter[str] = Counter()
    for b, c in buckets.items():
        stages[stage_of(b)] += c
    print("by stage: " + ", ".join(f"{k} {v}" for k, v in stages.most_common()))
    print_kinds(misses, qs)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            for r in misses:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    app.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
