"""Compiled (numba) loops of the span features; imported only where numba is used.

Two pieces of :func:`bot.answering.features.span_features` whose numpy forms run a
dozen small array operations per step (each a few microseconds of overhead for a few
hundred elements):

* :func:`aligned` — the in-order match of the question's words next to each word
  position (:func:`bot.answering.features._aligned`);
* :func:`nearest` — for each candidate and question-word group, the distance to the
  nearest occurrence ending before it and starting after it, and whether one lies
  inside it (the searches of :func:`bot.answering.features._proximity`).

Both give the numpy forms' results bit for bit: the walks compare integers, the
distances are the same float64 subtractions, and each start's weights are added in
the order it matches them, as numpy adds them (no ``fastmath``).  The features module
keeps the numpy forms for processes without numba (a test compares the two).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
from numba import njit

A = npt.NDArray[Any]

#: The distance given when no occurrence lies on a side (as in the numpy form).
FAR = 1e4


@njit(cache=True, nogil=True)
def aligned(ids: A, at: A, step: int, fid: A, wgt: A, nf: int, window: int, got: A,
            run: A) -> None:  # pragma: no cover - compiled
    """:func:`bot.answering.features._aligned` for every start ``at[i]``, into ``got``/``run``.

    ``fid``/``wgt`` are the frame's word ids and weights padded with three entries
    (-2 and 0.0) after its ``nf`` words; ``window`` is the number of words walked.
    """
    nw = ids.shape[0]
    for i in range(at.shape[0]):
        k = at[i]
        q = 0
        r = 0
        unbroken = True
        g = 0.0
        for _ in range(window):
            if k < 0 or k >= nw or q >= nf:
                break
            w = ids[k]
            if fid[q] == w:
                j = q
            elif fid[q + 1] == w:
                j = q + 1
            elif fid[q + 2] == w:
                j = q + 2
            else:
                j = -1
            if j >= 0:
                g += wgt[j]
                if unbroken and j == q and q == r:
                    r += 1
                else:
                    unbroken = False
                q = j + 1
            else:
                g += 0.0
                unbroken = False
            k += step
        got[i] = g
        run[i] = r


@njit(cache=True, nogil=True)
def nearest(ts: A, te: A, first: A, sizes: A, s: A, e: A, dleft: A, dright: A,
            has_in: A) -> None:  # pragma: no cover - compiled
    """Distances from each candidate ``[s[i], e[i])`` to each group's occurrences.

    Group ``g``'s occurrences are ``ts[first[g]:first[g] + sizes[g]]`` (starts, sorted)
    and the same slice of ``te`` (ends, sorted); ``dleft[g, i]`` is ``s[i]`` minus the
    last end at or before it, ``dright[g, i]`` the first start at or after ``e[i]``
    minus ``e[i]`` (:data:`FAR` when there is none), ``has_in[g, i]`` whether more ends
    fall at or before ``e[i]`` than starts before ``s[i]``.
    """
    for g in range(first.shape[0]):
        lo = first[g]
        hi = lo + sizes[g]
        starts = ts[lo:hi]
        ends = te[lo:hi]
        n = hi - lo
        for i in range(s.shape[0]):
            li = np.searchsorted(ends, s[i], side="right") - 1
            dleft[g, i] = s[i] - ends[li] if li >= 0 else FAR
            ri = np.searchsorted(starts, e[i], side="left")
            dright[g, i] = starts[ri] - e[i] if ri < n else FAR
            has_in[g, i] = (np.searchsorted(ends, e[i], side="right")
                            - np.searchsorted(starts, s[i], side="left")) > 0


@njit(cache=True, nogil=True)
def densest(pos: A, gid: A, weights: A, span: int) -> tuple[float, int]:  # pragma: no cover
    """The heaviest window of ``span`` characters over occurrences sorted by (position, group).

    ``gid[i]`` is occurrence ``i``'s group (-1: none), whose weight ``weights[g]`` counts
    once however often the group occurs in the window.  Returns ``(weight, position
    of the window's first occurrence)``, as
    :func:`bot.answering.features.cluster_mass`'s loop computes them (the same
    additions and subtractions in the same order).
    """
    n = pos.shape[0]
    counts = np.zeros(weights.shape[0], dtype=np.int64)
    best = 0.0
    where = pos[0]
    head = 0
    weight = 0.0
    for k in range(n):
        p = pos[k]
        while head < n and pos[head] - p <= span:
            g = gid[head]
            if g >= 0:
                if counts[g] == 0:
                    weight += weights[g]
                counts[g] += 1
            head += 1
        if weight > best + 1e-12:
            best = weight
            where = p
        g = gid[k]
        if g >= 0:
            counts[g] -= 1
            if counts[g] == 0:
                weight -= weights[g]
    return best, where


@njit(cache=True, nogil=True)
def densest_many(pos: A, gid: A, bounds: A, weights: A, span: int, best: A,
                 where: A) -> None:  # pragma: no cover - compiled
    """:func:`densest` of several passages' occurrences, into ``best``/``where``.

    Passage ``i``'s occurrences are ``pos[bounds[i]:bounds[i + 1]]`` (and the same
    slice of ``gid``), each passage's sorted by (position, group); a passage with none
    is left as the caller filled it (weight 0, position -1).
    """
    for i in range(bounds.shape[0] - 1):
        lo = bounds[i]
        hi = bounds[i + 1]
        if hi > lo:
            b, w = densest(pos[lo:hi], gid[lo:hi], weights, span)
            best[i] = b
            where[i] = w
