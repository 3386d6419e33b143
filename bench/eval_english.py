"""How often search finds the right article for English questions: today's glossary vs render_thai.

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

    SDGBOT_HOME=/work/notes/en-home PYTHAINLP_OFFLINE=1 .venv/bin/python bench/eval_english.py \\
        ../shared/eval/news/news-questions.dev.jsonl --verbose

``--seed`` instead asks the issue's English examples about the bundled sample
knowledge (use a data folder holding only that) and prints the top document's title.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select

from bot.answering.english import render_thai
from bot.answering.glossary import expand_english
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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("questions", type=Path, nargs="?", help="a .jsonl question set")
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
        if args.questions is None:
            ap.error("a question set is needed (or --seed)")
        with app.db.read() as s:
            by_source: dict[str, set[int]] = {}
            for doc_id, source in s.execute(select(Document.id, Document.source)):
                if source:
                    by_source.setdefault(source, set()).add(doc_id)
        rows = [json.loads(line) for line in args.questions.read_text(encoding="utf-8").splitlines()
                if line.strip()]
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
