"""Compiled (numba) walk of the answer model's trees; imported only when numba is used.

:meth:`bot.answering.model.TreeEnsemble.predict` walks every (row, tree) pair one level
per numpy step, which allocates a few arrays of rows × trees for each level.  This
kernel walks the pairs in a compiled loop instead and writes the leaf values; the
caller sums them with numpy exactly as the numpy walk does, so both give the same
scores bit for bit.

A leaf points at itself, so every walk takes the ensemble's depth in steps, without a
test for the leaf (or for NaN: rows with NaN are walked by numpy); :data:`LANES` rows
go down one tree side by side, so that the processor overlaps their memory reads and
comparisons (about twice as fast as one row at a time, which waits on each step's
mispredicted branch).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
from numba import njit

A = npt.NDArray[Any]

#: Rows walked down a tree together.
LANES = 8


@njit(cache=True, nogil=True)
def leaf_values(x: A, feature: A, threshold: A, left: A, right: A, value: A, roots: A,
                depth: int, out: A) -> None:  # pragma: no cover - compiled
    """``out[i, t]``: the value of the leaf row ``x[i]`` reaches in tree ``t``.

    ``x`` is float64 of shape (rows, features) and holds no NaN (the caller walks rows
    with NaN, which go the way LightGBM's ``default_left`` says, with numpy); ``out``
    is float64 of shape (rows, trees); ``depth`` is the deepest leaf's depth.
    """
    n = x.shape[0]
    k = np.empty(LANES, dtype=np.intp)
    for t in range(roots.shape[0]):
        r = roots[t]
        i = 0
        while i + LANES <= n:
            for j in range(LANES):
                k[j] = r
            for _ in range(depth):
                for j in range(LANES):
                    a = k[j]
                    k[j] = left[a] if x[i + j, feature[a]] <= threshold[a] else right[a]
            for j in range(LANES):
                out[i + j, t] = value[k[j]]
            i += LANES
        while i < n:
            a = r
            for _ in range(depth):
                a = left[a] if x[i, feature[a]] <= threshold[a] else right[a]
            out[i, t] = value[a]
            i += 1
