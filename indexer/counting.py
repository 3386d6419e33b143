"""Passages to counted index terms, in the tokenizer's worker processes.

An index build used to receive every token of every passage from the workers (40 million
strings for the news corpus, each unpickled in the main process), add the neighbours'
context there, and map each token to its term id there: about a third of the build's
CPU, serial, beside the workers.  :func:`count_passages` does all of it where the
tokenizing runs and returns :class:`indexer.bm25.TermCounts`: arrays, and each distinct
term once.  The result equals :func:`with_context` over the tokens followed by
:meth:`indexer.bm25.BM25Index.add` (tested; a rebuilt index is identical).

Light on purpose: a worker process imports this module, the tokenizer and numpy, not
the database layer.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple, Protocol

from indexer.bm25 import TermCounts, count_terms
from indexer.tokenize import tokenize

__all__ = ["CONTEXT_TOKENS", "Passages", "count_passages", "with_context"]

#: Tokens of each neighbouring passage (the last of the one before, the first of the one
#: after, in the same document) indexed with a passage.  A long paragraph is cut into
#: passages of a few hundred characters, and the words that say what a passage is about
#: often stand in the one before it.  Each context word counts once.  Measured (top-1
#: paragraph for the question, our passages of the public QA sets, xquad-th / iapp-wiki-qa
#: valid): no context 0.926 / 0.876; 60 tokens 0.939 / 0.889, each once 0.938 / 0.895;
#: only the passage before 0.934 / 0.887 — plain rank-bm25 over whole paragraphs gives
#: 0.93 / 0.88.  Only scoring sees the context; hits show and cite the passage's own text.
CONTEXT_TOKENS = 60


class _Placed(Protocol):
    """A passage's place: its document, its ordinal there, and the document's kind."""

    @property
    def kind(self) -> str: ...

    @property
    def doc_id(self) -> int: ...

    @property
    def ordinal(self) -> int: ...


def with_context(
    rows: Sequence[_Placed],
    texts: Sequence[list[str]],
    heads: dict[int, list[str]],
    neighbours: dict[tuple[int, int], list[str]],
) -> list[list[str]]:
    """Each row's index tokens: headline, own text, and its neighbours' context.

    ``texts`` holds the tokens of each row's text, ``heads`` those of the headline
    of each news document (a news paragraph rarely repeats its headline's topic
    words, so every passage of the news is indexed with them), and ``neighbours`` maps
    ``(doc_id, ordinal)`` to the tokens of a neighbouring passage that is not itself
    in ``rows``.  The distinct words among :data:`CONTEXT_TOKENS` of the passage
    before and after are added.
    """
    text_tokens = dict(neighbours)
    for r, toks in zip(rows, texts, strict=True):
        text_tokens[(r.doc_id, r.ordinal)] = toks
    out = []
    n = CONTEXT_TOKENS
    for r, toks in zip(rows, texts, strict=True):
        head = heads.get(r.doc_id, []) if r.kind == "news" else []
        before = text_tokens.get((r.doc_id, r.ordinal - 1), [])[-n:] if n > 0 else []
        after = text_tokens.get((r.doc_id, r.ordinal + 1), [])[:n] if n > 0 else []
        # Each context word once: the neighbours say what the passage is about, but a
        # word repeated next door must not outweigh the passage's own words.
        out.append(head + toks + list(dict.fromkeys(before + after)))
    return out


class _Place(NamedTuple):
    kind: str
    doc_id: int
    ordinal: int


class Passages(NamedTuple):
    """A run of passages to count, with everything their index tokens need (picklable)."""

    #: Per passage: its document's kind, its document id and its ordinal there.
    places: list[tuple[str, int, int]]
    #: Per passage: its text.
    texts: list[str]
    #: Headline of each news document among them, by document id.
    titles: dict[int, str]
    #: Texts of the neighbouring passages that are not among them, by (document, ordinal).
    others: dict[tuple[int, int], str]


def count_passages(batch: Passages) -> TermCounts:
    """The counted index terms of a run of passages (:func:`with_context`'s tokens).

    Runs in a tokenizer worker (:meth:`indexer.tokenize.TokenizerPool.submit_each`) or
    in-process; documents are numbered in the order of ``batch.places``.
    """
    rows = [_Place(*p) for p in batch.places]
    texts = [tokenize(t) for t in batch.texts]
    heads = {doc: tokenize(t) for doc, t in batch.titles.items()}
    others = {key: tokenize(t) for key, t in batch.others.items()}
    return count_terms(with_context(rows, texts, heads, others))
