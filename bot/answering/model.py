"""The trained answer model: gradient-boosted trees, read from a small bundled file.

The training script (``training/train_answer_model.py``) fits two LightGBM
LambdaRank models on the iapp-wiki-qa training questions: one re-ranks the passages
that search read for a question, the other scores candidate answers.  It writes
LightGBM's own JSON dump of their trees, together with the feature names, a linear
pre-filter for candidates and the boundary-word tables, to
``bot/answering/data/answer_model.json.gz``.

Scoring here needs neither LightGBM nor scikit-learn at run time (importing them
takes seconds): :class:`TreeEnsemble` walks the dumped trees with numpy, all rows
and all trees at once, one level per step, or, in a process that runs the compiled
search kernels, with numba (:mod:`bot.answering.tree_kernel`).  Its output equals LightGBM's
``Booster.predict(raw_score=True)`` (a test checks it against LightGBM itself).
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

from bot.answering.features import PASSAGE_FEATURES, SPAN_FEATURES, BoundaryTables
from indexer.bm25 import kernel_name
from knowledge.cache import cache_dir, load_marshal, save_marshal

__all__ = ["MODEL_FILE", "AnswerModel", "LinearScorer", "ModelError", "TreeEnsemble", "load_model",
           "read_cached_json", "tree_form", "tree_from"]

MODEL_FILE = Path(__file__).resolve().parent / "data" / "answer_model.json.gz"


class ModelError(RuntimeError):
    """The model file is missing, unreadable or made for other features."""


def _tree_kernel() -> Callable[..., None] | None:
    """The compiled tree walk when this process runs the compiled search kernels.

    A one-shot command scores with numpy and does not import numba (about half a
    second); a serving process has numba loaded for search already.  Both walks give
    the same scores.
    """
    if kernel_name() != "numba":
        return None
    from bot.answering.tree_kernel import leaf_values

    return leaf_values


class TreeEnsemble:
    """Additive regression trees from ``lightgbm.Booster.dump_model()``.

    Only numerical splits (``<=``) are supported — the training script uses no
    categorical features.  A missing value (NaN) goes the way LightGBM's
    ``default_left`` says.
    """

    def __init__(self, dump: dict[str, Any]) -> None:
        """Flatten the trees of a LightGBM model dump into arrays."""
        feature: list[int] = []
        threshold: list[float] = []
        left: list[int] = []
        right: list[int] = []
        default_left: list[bool] = []
        value: list[float] = []
        roots: list[int] = []
        depth = 0

        def add(node: dict[str, Any], d: int) -> int:
            nonlocal depth
            depth = max(depth, d)
            k = len(feature)
            feature.append(0)
            threshold.append(0.0)
            left.append(k)
            right.append(k)
            default_left.append(True)
            value.append(0.0)
            if "leaf_value" in node:
                value[k] = float(node["leaf_value"])
                return k  # a leaf points at itself
            if node.get("decision_type", "<=") != "<=":
                raise ModelError("categorical splits are not supported")
            feature[k] = int(node["split_feature"])
            threshold[k] = float(node["threshold"])
            default_left[k] = bool(node.get("default_left", True))
            left[k] = add(node["left_child"], d + 1)
            right[k] = add(node["right_child"], d + 1)
            return k

        for tree in dump.get("tree_info", []):
            roots.append(add(tree["tree_structure"], 0))
        self.feature = np.array(feature, dtype=np.intp)
        self.threshold = np.array(threshold, dtype=np.float64)
        self.left = np.array(left, dtype=np.intp)
        self.right = np.array(right, dtype=np.intp)
        self.default_left = np.array(default_left, dtype=bool)
        self.value = np.array(value, dtype=np.float64)
        self.roots = np.array(roots, dtype=np.intp)
        self.depth = depth
        self.n_features = int(dump.get("max_feature_idx", -1)) + 1

    def predict(self, x: npt.NDArray[np.floating[Any]]) -> npt.NDArray[np.float64]:
        """Raw scores, shape ``(n_rows,)``, for ``x`` of shape ``(n_rows, n_features)``.

        With the compiled kernels (:func:`_tree_kernel`) and no NaN in ``x``, the pairs
        are walked in a compiled loop; otherwise every (row, tree) pair walks one level
        per step over flat arrays (``take`` on 1-D indexes is about a quarter faster than
        2-D fancy indexing here).
        """
        x = np.asarray(x, dtype=np.float64)
        n = x.shape[0]
        trees = len(self.roots)
        if n == 0 or trees == 0:
            return np.zeros(n)
        flat = np.ascontiguousarray(x).ravel()
        check_nan = bool(np.isnan(flat).any())
        kernel = None if check_nan else _tree_kernel()
        if kernel is not None:
            leaves = np.empty((n, trees), dtype=np.float64)
            kernel(np.ascontiguousarray(x), self.feature, self.threshold, self.left,
                   self.right, self.value, self.roots, self.depth, leaves)
            return leaves.sum(axis=1)
        node = np.tile(self.roots, n)
        base = np.repeat(np.arange(n, dtype=np.intp) * x.shape[1], trees)
        for _ in range(self.depth):
            v = flat.take(base + self.feature.take(node))
            go_left = v <= self.threshold.take(node)
            if check_nan:
                go_left = np.where(np.isnan(v), self.default_left.take(node), go_left)
            node = np.where(go_left, self.left.take(node), self.right.take(node))
        return self.value.take(node).reshape(n, trees).sum(axis=1)


@dataclass(frozen=True)
class LinearScorer:
    """A linear score over standardised features: ``((x - mean) / scale) @ coef``."""

    mean: npt.NDArray[np.float64]
    scale: npt.NDArray[np.float64]
    coef: npt.NDArray[np.float64]

    def predict(self, x: npt.NDArray[np.floating[Any]]) -> npt.NDArray[np.float64]:
        """One score per row of ``x``."""
        return ((np.asarray(x, dtype=np.float64) - self.mean) / self.scale) @ self.coef


@dataclass(frozen=True)
class AnswerModel:
    """Everything the answerer needs from training."""

    passage: TreeEnsemble
    span_filter: LinearScorer
    span: TreeEnsemble
    tables: BoundaryTables
    #: Candidates kept by the linear pre-filter for the trees, per question.
    keep: int
    meta: dict[str, Any]


def _check(names: list[str], expected: tuple[str, ...], what: str) -> None:
    if tuple(names) != expected:
        raise ModelError(f"the {what} model was trained on other features; retrain it "
                         "(training/train_answer_model.py)")


#: Bumped when the cached form of a model (:func:`_cached_form`) changes.
_CACHE_FORMAT = 1
_T = TypeVar("_T")
_TREE_ARRAYS = ("feature", "threshold", "left", "right", "default_left", "value", "roots")


def tree_form(trees: TreeEnsemble) -> dict[str, Any]:
    """A tree ensemble's flat arrays as marshal-able bytes, with their dtypes."""
    arrays = {name: getattr(trees, name) for name in _TREE_ARRAYS}
    return {"arrays": {k: (a.dtype.str, a.tobytes()) for k, a in arrays.items()},
            "depth": trees.depth, "n_features": trees.n_features}


def tree_from(form: dict[str, Any]) -> TreeEnsemble:
    """The tree ensemble of :func:`tree_form`'s output."""
    trees = TreeEnsemble({})
    for name in _TREE_ARRAYS:
        dtype, data = form["arrays"][name]
        setattr(trees, name, np.frombuffer(data, dtype=np.dtype(dtype)).copy())
    trees.depth = int(form["depth"])
    trees.n_features = int(form["n_features"])
    return trees


def _model_from(raw: dict[str, Any], cached: dict[str, Any] | None) -> AnswerModel:
    """The model of a parsed model file (``cached``: its flattened trees, when known)."""
    _check(raw["passage"]["features"], PASSAGE_FEATURES, "passage")
    _check(raw["span"]["features"], SPAN_FEATURES, "span")
    lin = raw["span"]["linear"]
    t = raw["tables"]
    return AnswerModel(
        passage=(tree_from(cached["passage"]) if cached
                 else TreeEnsemble(raw["passage"]["trees"])),
        span_filter=LinearScorer(np.array(lin["mean"]), np.array(lin["scale"]),
                                 np.array(lin["coef"])),
        span=tree_from(cached["span"]) if cached else TreeEnsemble(raw["span"]["trees"]),
        tables=BoundaryTables(t["prev"], t["first"], t["last"], t["next"]),
        keep=int(raw["span"].get("keep", 300)),
        meta=dict(raw.get("meta", {})),
    )


def read_cached_json(path: Path, name: str, what: str, fmt: int,
                     build: Callable[[dict[str, Any]], tuple[_T, dict[str, Any]]],
                     rebuild: Callable[[dict[str, Any]], _T]) -> _T:
    """A gzipped JSON model file, parsed once and kept in the cache folder.

    The cache file (:mod:`knowledge.cache`, marshal) is named ``name``, the file's digest
    and the cached form's version ``fmt``: a fresh process rebuilds from it
    (``rebuild``) in milliseconds instead of parsing the JSON and walking its trees;
    otherwise the file is parsed and ``build`` gives the value and its cached form.
    Raises :class:`ModelError` (naming ``what``) when the file cannot be read.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ModelError(f"cannot read the {what} {path}: {exc}") from exc
    digest = hashlib.sha256(data).hexdigest()[:24]
    cache = cache_dir() / f"{name}-{digest}-{fmt}.marshal"
    cached = load_marshal(cache)
    if isinstance(cached, dict) and cached.get("format") == fmt:
        try:
            return rebuild(cached)
        except (KeyError, TypeError, ValueError):
            pass  # an unusable cache file: read the file again
    try:
        raw = json.loads(gzip.decompress(data).decode("utf-8"))
    except (OSError, ValueError, EOFError) as exc:
        raise ModelError(f"cannot read the {what} {path}: {exc}") from exc
    value, form = build(raw)
    save_marshal(cache, {"format": fmt, **form})
    return value


def read_model(path: Path) -> AnswerModel:
    """Load a model file written by the training script; :class:`ModelError` if unusable.

    The parsed file with its trees flattened is kept in the cache folder
    (:func:`read_cached_json`), so that a fresh process reads it in milliseconds instead
    of parsing 2 MB of JSON and walking 500 trees again.
    """
    def build(raw: dict[str, Any]) -> tuple[AnswerModel, dict[str, Any]]:
        model = _model_from(raw, None)
        small = {k: v for k, v in raw.items() if k not in ("passage", "span")}
        small["passage"] = {k: v for k, v in raw["passage"].items() if k != "trees"}
        small["span"] = {k: v for k, v in raw["span"].items() if k != "trees"}
        return model, {"raw": small, "passage": tree_form(model.passage),
                       "span": tree_form(model.span)}

    return read_cached_json(path, "answer-model", "answer model", _CACHE_FORMAT, build,
                            lambda cached: _model_from(cached["raw"], cached))


@lru_cache(maxsize=4)
def load_model(path: Path = MODEL_FILE) -> AnswerModel:
    """The bundled model, read once per process."""
    return read_model(path)
