"""English questions: how often search finds the right article, and how often the reply answers.

For each English question of a question set (lines with ``"kind": "en"`` and a
``"source"`` URL), the query is tokenised two ways — today's
:func:`bot.glossary.expand_english` and :func:`bot.answering.english.render_thai`
then the Thai tokenizer — and searched with BM25 over the ingested archive.  The
ranked passages are folded into articles (first passage of each article counts)
and the right article's rank is read: the script prints hit@1, hit@5, hit@20 and
the mean reciprocal rank for both, and the rank of each question with
``--verbose``.  Thai questions of the set (``"kind": "th"``, searched as written)
are shown as the ceiling when ``--thai`` is given.

Usage (the news archive ingested into SDGBOT_HOME first)::

    SDGBOT_HOME=/tmp/en-home PYTHAINLP_OFFLINE=1 .venv/bin/python bench/eval_english.py \\
        ../shared/eval/news/news-questions.dev.jsonl --verbose

``--answers`` asks every question of the given sets as ``sdgbot ask`` does (project
lists first, then the answerer) and scores the replies as ``../shared/tools/eval-dev``
does (NFC, Thai digits, commas in numbers, white space and case folded; the expected
span within the first 40, 100 and 300 characters; a question of kind ``none`` must be
refused), per kind, with the median answer time.  With ``--verbose`` each English miss
is classified: ``not read`` (the right article is not among the passages read),
``refused`` (read but the bot said it does not know: low coverage or low confidence),
``other article`` (a reply from another article), ``wrong value`` (the right article,
another value).  A question file line needs ``question``, ``kind``, ``expect_any`` and,
for the classification, ``source``::

    SDGBOT_HOME=/work/wt-english-home PYTHAINLP_OFFLINE=1 .venv/bin/python bench/eval_english.py \\
        --answers ../shared/eval/news/news-questions.dev.jsonl \\
        bench/data/news-questions-en-from-th.jsonl bench/data/news-ood-en.jsonl

``--seed`` instead asks the issue's English examples about the bundled sample
knowledge (use a data folder holding only that) and prints the top document's title.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import select

from bot.answering.english import render_thai
from bot.answering.glossary import expand_english
from bot.answering.matching import match_key as norm
from bot.app import open_app
from bot.config import Settings
from indexer.service import SearchIndex
from indexer.tokenize import tokenize
from knowledge.models import Document

#: Passages read per question before folding them into articles.
DEPTH = 200

SEED_EXAMPLES = (
    ("How many provinces did UNDP select?", "มหาดไทยเสริมสร้างพลังความร่วมมือ"),
    ("Which quarter does this project report on?", "การขับเคลื่อนเป้าหมายการพัฒนาที่ยั่งยืน"),
    ("Who chaired the meeting?", "มหาดไทยเสริมสร้างพลังความร่วมมือ"),
)


def _articles(index: SearchIndex, tokens: list[str]) -> list[int]:
    """Document ids in the order of their best passage."""
    if not tokens:
        return []
    hits = index.hits(index.search_tokens(tokens, DEPTH))
    return list(dict.fromkeys(h.doc_id for h in hits))


def _rank(order: list[int], right: set[int]) -> int | None:
    return next((i + 1 for i, d in enumerate(order) if d in right), None)


def _summary(name: str, ranks: list[int | None]) -> str:
    n = len(ranks) or 1
    at = {k: sum(1 for r in ranks if r is not None and r <= k) for k in (1, 5, 20)}
    mrr = sum(1 / r for r in ranks if r) / n
    return (f"{name:<28} n={len(ranks):<3} hit@1 {at[1] / n:.3f}  hit@5 {at[5] / n:.3f}  "
            f"hit@20 {at[20] / n:.3f}  MRR {mrr:.3f}")


#: Reply characters scored.
DEPTHS = (40, 100, 300)




def answered(row: dict[str, Any], reply: dict[str, Any], depth: int) -> bool:
    """Whether ``reply`` (``answer``, ``found``) answers the question ``row`` in ``depth`` chars."""
    if row.get("expect_none") or row.get("kind") == "none":
        return not reply.get("found", True)
    head = norm(reply.get("answer", "")[:depth])
    return bool(reply.get("found")) and any(norm(e) in head for e in row.get("expect_any", []))


def _ask_all(app: Any, rows: Sequence[dict[str, Any]]) -> list[tuple[dict[str, Any], Any, float]]:
    from bot.answering import Answerer
    from bot.structured import answer_structured, structured_json

    answerer = Answerer(app.db, app.index)
    out = []
    for row in rows:
        t0 = time.perf_counter()
        structured = answer_structured(app.db, row["question"])
        if structured is not None:
            obj = structured_json(app.db, structured)
            reply: Any = None
        else:
            reply = answerer.ask(row["question"])
            obj = reply.as_json()
        out.append((obj, reply, (time.perf_counter() - t0) * 1000))
    return out


def _classify(app: Any, row: dict[str, Any], reply: Any, docs: dict[str, set[int]]) -> str:
    """Why an answerable question was missed (see the module)."""
    from bot.answering import Answerer

    right = docs.get(row.get("source") or "", set())
    if reply is None:
        return "project lists"
    if reply.sources and reply.sources[0].doc_id in right:
        return "wrong value"
    answerer = Answerer(app.db, app.index)
    q, info = answerer.prepare(row["question"])
    reading = answerer.read(q, info, answerer.search_tokens(q, info))
    ranks = [i for i, p in enumerate(reading.passages if reading else []) if p.hit.doc_id in right]
    where = f"passage {ranks[0]}" if ranks else ""
    if not ranks:
        return "not read"
    if not reply.found:
        reason = reply.debug.get("reason") or (
            "low confidence" if "score" in reply.debug else "low coverage")
        return f"refused ({reason}; {where})"
    return f"other article ({where})"


def answers(app: Any, files: Sequence[Path], verbose: bool) -> None:
    """Ask and score every question of ``files`` (see the module)."""
    with app.db.read() as s:
        docs: dict[str, set[int]] = {}
        for doc_id, source in s.execute(select(Document.id, Document.source)):
            if source:
                docs.setdefault(source, set()).add(doc_id)
    for path in files:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
                if line.strip()]
        replies = _ask_all(app, rows)
        by_kind: dict[str, list[int]] = {}
        for k, row in enumerate(rows):
            by_kind.setdefault(row.get("kind", "?"), []).append(k)
        print(path.name)
        for kind, ks in sorted(by_kind.items()):
            scores = " ".join(
                f"@{d} {sum(answered(rows[k], replies[k][0], d) for k in ks) / len(ks):.2f}"
                for d in DEPTHS)
            took = statistics.median(replies[k][2] for k in ks)
            print(f"  {kind:<5} n={len(ks):<3} {scores}   p50 {took:.0f} ms")
        if not verbose:
            continue
        for k, row in enumerate(rows):
            obj, reply, _ = replies[k]
            if answered(row, obj, 100) or row.get("kind") != "en":
                continue
            why = _classify(app, row, reply, docs)
            print(f"    {row['id']:<10} {why:<40} {obj['answer'][:70]!r}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("questions", type=Path, nargs="*", help=".jsonl question sets")
    ap.add_argument("--answers", action="store_true",
                    help="ask the questions and score the replies")
    ap.add_argument("--verbose", action="store_true", help="print each question's ranks")
    ap.add_argument("--thai", action="store_true", help="also score the Thai questions")
    ap.add_argument("--seed", action="store_true", help="the issue's examples on the sample")
    args = ap.parse_args(argv)
    app = open_app(Settings.from_env())
    try:
        if args.seed:
            for q, title in SEED_EXAMPLES:
                rendered = render_thai(q)
                for name, tokens in (("today", expand_english(q)),
                                     ("render_thai", tokenize(rendered))):
                    hits = app.index.hits(app.index.search_tokens(tokens, 1))
                    top = hits[0].title if hits else "(nothing)"
                    ok = "right" if hits and hits[0].title.startswith(title) else "WRONG"
                    print(f"{q!r} {name}: {ok}: {top[:60]}")
                print(f"    render_thai: {rendered}")
            return 0
        if not args.questions:
            ap.error("a question set is needed (or --seed)")
        if args.answers:
            answers(app, args.questions, args.verbose)
            return 0
        with app.db.read() as s:
            by_source: dict[str, set[int]] = {}
            for doc_id, source in s.execute(select(Document.id, Document.source)):
                if source:
                    by_source.setdefault(source, set()).add(doc_id)
        rows = [json.loads(line) for path in args.questions
                for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        ways: list[tuple[str, str, Callable[[str], list[str]]]] = [
            ("en", "today (expand_english)", expand_english),
            ("en", "render_thai", lambda q: tokenize(render_thai(q))),
        ]
        if args.thai:
            ways.append(("th", "Thai questions (ceiling)", tokenize))
        for kind, name, to_tokens in ways:
            ranks: list[int | None] = []
            for row in rows:
                if row.get("kind") != kind or not row.get("source"):
                    continue
                right = by_source.get(row["source"], set())
                rank = _rank(_articles(app.index, to_tokens(row["question"])), right)
                ranks.append(rank)
                if args.verbose and kind == "en":
                    print(f"  {row['id']} {name[:12]:<12} rank {rank}")
            print(_summary(name, ranks))
        return 0
    finally:
        app.close()


if __name__ == "__main__":
    sys.exit(main())
