"""Answer verification: how likely the answer about to be given is right.

The span scorer ranks the candidates of the passages read against each other; its
score says which candidate is best, not whether the best is an answer at all.  Over a
large archive some passage holds most of an unrelated question's words by chance
("ตะเกียบคืออะไร" and the forestry office of ท่าตะเกียบ), and its best candidate then
leads under a real citation — the worst reply the bot can give.  Asked against the
13,225 government press releases, 123 of the 742 iapp-wiki-qa validation questions
(Wikipedia questions the archive does not answer) were answered before this check.

The verifier is a small LightGBM binary classifier over :data:`VERIFIER_FEATURES`:
the span score, the passage's coverage of the question (its cluster, the whole passage
and the document), the re-ranker's score and rank, what the question asks and what
the candidate is, how much of the candidate repeats the question, and the size of
the collection searched.  ``training/train_verifier.py`` fits it on the iapp-wiki-qa
**train** questions, asked where their paragraphs are among the news (answerable) and
where they are not (unanswerable), labelled by whether the reply holds the expected
answer; it writes ``bot/answering/data/answer_verifier.json.gz`` with the threshold
chosen on the **valid** questions (``meta["threshold"]``).  Scored with
:class:`bot.answering.model.TreeEnsemble` (no LightGBM at run time).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from bot.answering.candidates import CTYPES
from bot.answering.features import QuestionTerms
from bot.answering.model import (
    ModelError,
    TreeEnsemble,
    read_cached_json,
    tree_form,
    tree_from,
)
from bot.answering.question import QTYPES, QuestionInfo
from bot.answering.reading import Passage

__all__ = ["CONSTRAINTS", "VERIFIER_FEATURES", "VERIFIER_FILE", "Verifier", "load_verifier",
           "verifier_features"]

VERIFIER_FILE = Path(__file__).resolve().parent / "data" / "answer_verifier.json.gz"

#: The constraint names :func:`bot.answering.constraints.demanded` gives (coded in order;
#: an unknown one codes as ``len(CONSTRAINTS)``).
CONSTRAINTS: tuple[str, ...] = ("", "type", "time", "head", "role", "title", "venue")

#: The verifier's input, in order (one float each).
VERIFIER_FEATURES: tuple[str, ...] = (
    "span_score",          # the span scorer's raw score of the candidate
    "cluster_mass",        # idf share of the question in the passage's best cluster
    "document_mass",       # ... with what the document's title and date cover
    "passage_mass",        # idf share of the question anywhere in the passage
    "uncovered_max",       # the largest idf share of a question word the passage lacks
    "rarest_covered",      # 1.0 when the passage holds the question's rarest word
    "groups",              # question words (groups of tokens)
    "groups_covered",      # of them, held by the passage
    "rarest_idf",          # idf of the question's rarest word / log(collection size)
    "passage_score",       # the re-ranker's score of the passage
    "passage_rank",        # its rank among the passages read (0 = first)
    "primary",             # 1.0 for the ministry's own documents
    "relevant_passages",   # passages that passed the coverage gate
    "collection_log10",    # log10 of the number of passages searched, to the nearest whole
    #                        number (finer, it told the training folders apart: 373,782
    #                        passages in one, 380,499 in the other)
    "qtype",               # QTYPES index
    "constraint",          # CONSTRAINTS index
    "ctype",               # CTYPES index of the candidate
    "span_chars",          # the candidate's length in characters
    "span_question_share",  # share of the candidate's characters inside question words
    "english",             # 1.0 for an English question
)


def _code(value: str, names: tuple[str, ...]) -> float:
    return float(names.index(value)) if value in names else float(len(names))


def _question_share(span: str, tokens: tuple[str, ...]) -> float:
    """Share of ``span``'s non-space characters covered by the question's tokens in it."""
    chars = [c for c in span if not c.isspace()]
    if not chars:
        return 0.0
    covered = np.zeros(len(span), dtype=bool)
    for t in tokens:
        t = t.strip()
        if len(t) < 2:
            continue
        at = span.find(t)
        while at >= 0:
            covered[at:at + len(t)] = True
            at = span.find(t, at + 1)
    spaces = np.array([c.isspace() for c in span], dtype=bool)
    return float((covered & ~spaces).sum()) / len(chars)


def verifier_features(
    *,
    span_score: float,
    passage: Passage,
    document_mass: float,
    terms: QuestionTerms,
    info: QuestionInfo,
    constraint: str,
    ctype: str,
    span: str,
    relevant_passages: int,
    collection_size: int,
) -> npt.NDArray[np.float64]:
    """The :data:`VERIFIER_FEATURES` row (float64, shape ``(len(VERIFIER_FEATURES),)``)."""
    weights = terms.weights
    total = sum(weights) or 1.0
    held = {terms.group_of[t] for t in passage.occ if t in terms.group_of}
    held_weight = sum(weights[g] for g in held if g < len(weights))
    lacking = [weights[g] for g in range(len(weights)) if g not in held]
    rarest = int(np.argmax(weights)) if weights else -1
    log_n = math.log(max(collection_size, 2))
    row = (
        span_score,
        passage.mass,
        document_mass,
        held_weight / total,
        (max(lacking) / total) if lacking else 0.0,
        float(rarest in held),
        float(len(weights)),
        float(len(held)),
        (max(weights) / log_n) if weights else 0.0,
        passage.score,
        float(passage.rank),
        float(passage.primary),
        float(relevant_passages),
        float(round(math.log10(max(collection_size, 1)))),
        _code(info.qtype, QTYPES),
        _code(constraint, CONSTRAINTS),
        _code(ctype, CTYPES),
        float(len(span)),
        _question_share(span, terms.tokens),
        float(info.language == "en"),
    )
    return np.array(row, dtype=np.float64)


@dataclass(frozen=True)
class Verifier:
    """The trained verifier: trees over :data:`VERIFIER_FEATURES` and the threshold."""

    trees: TreeEnsemble
    threshold: float
    meta: dict[str, Any]

    def probability(self, row: npt.NDArray[np.float64]) -> float:
        """The probability (0..1) that the answer with features ``row`` is right."""
        raw = float(self.trees.predict(row.reshape(1, -1))[0])
        return 1.0 / (1.0 + math.exp(-raw))


#: Bumped when the cached form of a verifier (:func:`read_verifier`) changes.
_CACHE_FORMAT = 1


def _verifier_from(path: Path, data: dict[str, Any],
                   trees: Callable[[], TreeEnsemble]) -> Verifier:
    """The verifier of a parsed file (``trees`` builds its trees once it is checked)."""
    if tuple(data.get("features", ())) != VERIFIER_FEATURES:
        raise ModelError(f"{path} was trained on other features; run training/train_verifier.py")
    meta = dict(data.get("meta", {}))
    return Verifier(trees(), float(meta["threshold"]), meta)


def read_verifier(path: Path) -> Verifier:
    """The verifier in ``path`` (raises :class:`ModelError` when unreadable or stale).

    As the answer model's (:func:`bot.answering.model.read_model`), the parsed file with
    its trees flattened is kept in the cache folder under a digest of the file: a fresh
    process reads it in a millisecond instead of parsing the JSON and walking its trees
    (about 10 ms of a fresh ``sdgbot ask``).
    """
    def build(data: dict[str, Any]) -> tuple[Verifier, dict[str, Any]]:
        verifier = _verifier_from(path, data, lambda: TreeEnsemble(data["trees"]))
        return verifier, {"data": {k: v for k, v in data.items() if k != "trees"},
                          "trees": tree_form(verifier.trees)}

    return read_cached_json(
        path, "answer-verifier", "answer verifier", _CACHE_FORMAT, build,
        lambda cached: _verifier_from(path, cached["data"], lambda: tree_from(cached["trees"])))


@lru_cache(maxsize=1)
def load_verifier() -> Verifier | None:
    """The bundled verifier, or None when the package ships none."""
    if not VERIFIER_FILE.exists():
        return None
    return read_verifier(VERIFIER_FILE)
