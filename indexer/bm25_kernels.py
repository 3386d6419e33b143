"""Compiled (numba) kernels of :mod:`indexer.bm25`; imported only when numba is installed.

Every score computed here uses rank-bm25's operation order,
``idf * (tf * (k1 + 1) / (tf + norm[d]))`` added per query token in query order, so the
scores are bit-identical to ``rank_bm25.BM25Okapi.get_scores`` and to the pure-numpy
path of :mod:`indexer.bm25`.

Postings of a term are two ascending runs: ``docs[lo:hi]`` of the main CSR arrays and
``d_docs[dlo:dhi]`` of the delta (documents added since the last merge, all after the
main ones).  Arrays named per unique query term (``lo``, ``hi``, ``dlo``, ``dhi``,
``idf``, ``mult``, ``ub``) are indexed by the term's rank among the query's unique
terms; ``qterms`` lists those ranks in query order, repeats included.

:func:`topk` is a term-at-a-time MaxScore search (Turtle & Flood, "Query evaluation:
strategies and optimizations", 1995): terms are taken shortest posting list first;
once the score bounds of the remaining terms add up to less than the k-th best
partial score, no new document can enter the top k, and the remaining (long)
posting lists are only probed for the candidates, by galloping search, instead of
being read through.  The candidates' final scores are then
recomputed exactly, in query order.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
from numba import njit

A = npt.NDArray[Any]

# Relative slack on bounds and thresholds: partial sums are added in another order
# than the exact scores (differences ~1e-15 relative), so comparisons keep a margin.
_SLACK = 1e-9


@njit(cache=True, nogil=True)
def dense_scores(docs: A, tf: A, d_docs: A, d_tf: A, lo: A, hi: A, dlo: A, dhi: A, idf: A,
                 qterms: A, norm: A, k1: float, scores: A) -> None:  # pragma: no cover
    """Add every query token's contribution to ``scores`` (dense, by position)."""
    k1p1 = k1 + 1.0
    for qi in range(qterms.shape[0]):
        t = qterms[qi]
        w = idf[t]
        for p in range(lo[t], hi[t]):
            d = docs[p]
            f = np.float64(tf[p])
            scores[d] += w * (f * k1p1 / (f + norm[d]))
        for p in range(dlo[t], dhi[t]):
            d = d_docs[p]
            f = np.float64(d_tf[p])
            scores[d] += w * (f * k1p1 / (f + norm[d]))


@njit(cache=True, nogil=True)
def max_impacts_csr(term_ptr: A, docs: A, tf: A, norm: A, k1: float,
                    out: A) -> None:  # pragma: no cover - compiled
    """``out[t] = max(out[t], max over t's postings of tf*(k1+1)/(tf+norm[d]))``."""
    k1p1 = k1 + 1.0
    for t in range(term_ptr.shape[0] - 1):
        m = out[t]
        for p in range(term_ptr[t], term_ptr[t + 1]):
            f = np.float64(tf[p])
            w = f * k1p1 / (f + norm[docs[p]])
            if w > m:
                m = w
        out[t] = m


@njit(cache=True, nogil=True)
def max_impacts_coo(terms: A, docs: A, tf: A, norm: A, k1: float,
                    out: A) -> None:  # pragma: no cover - compiled
    """As :func:`max_impacts_csr` for postings given as (term, doc, tf) triples."""
    k1p1 = k1 + 1.0
    for p in range(terms.shape[0]):
        f = np.float64(tf[p])
        w = f * k1p1 / (f + norm[docs[p]])
        t = terms[p]
        if w > out[t]:
            out[t] = w


@njit(cache=True, nogil=True, inline="always")
def _find(arr: A, lo: int, hi: int, d: int) -> int:  # pragma: no cover - compiled
    """Index of ``d`` in the ascending ``arr[lo:hi]``, or -1."""
    end = hi
    while lo < hi:
        mid = (lo + hi) >> 1
        if arr[mid] < d:
            lo = mid + 1
        else:
            hi = mid
    if lo < end and arr[lo] == d:
        return lo
    return -1


@njit(cache=True, nogil=True, inline="always")
def _sift_down(h: A, i: int, k: int) -> None:  # pragma: no cover - compiled
    """Restore the min-heap ``h[:k]`` below ``i``."""
    v = h[i]
    while True:
        c = 2 * i + 1
        if c >= k:
            break
        if c + 1 < k and h[c + 1] < h[c]:
            c += 1
        if h[c] >= v:
            break
        h[i] = h[c]
        i = c
    h[i] = v


@njit(cache=True, nogil=True)
def _kth_largest(scores: A, ids: A, n: int, k: int) -> float:  # pragma: no cover
    """The ``k``-th largest of ``scores[ids[:n]]`` (``n >= k``), by a size-k min-heap.

    One comparison per value for most values: several times faster here than
    ``np.partition``, whose compiled version copies and recurses.
    """
    h = np.empty(k, dtype=np.float64)
    for i in range(k):
        h[i] = scores[ids[i]]
    for i in range(k // 2 - 1, -1, -1):
        _sift_down(h, i, k)
    low = h[0]
    for i in range(k, n):
        v = scores[ids[i]]
        if v > low:
            h[0] = v
            _sift_down(h, 0, k)
            low = h[0]
    return low


@njit(cache=True, nogil=True)
def _probe(arr: A, lo: int, hi: int, tfa: A, cand: A, nc: int, w: float, mult: float,
           k1p1: float, norm: A, scores: A) -> None:  # pragma: no cover - compiled
    """Add one term's contribution to the sorted candidates found in ``arr[lo:hi]``."""
    if hi <= lo or nc == 0:
        return
    if nc * 16 < hi - lo:
        pos = lo
        for i in range(nc):
            d = cand[i]
            # galloping search from the last position: candidates are ascending
            step = 1
            top = pos
            while top < hi and arr[top] < d:
                pos = top + 1
                top = pos + step
                step <<= 1
            j = _find(arr, pos, min(top + 1, hi), d)
            if j >= 0:
                f = np.float64(tfa[j])
                scores[d] += mult * (w * (f * k1p1 / (f + norm[d])))
                pos = j + 1
            if pos >= hi:
                break
    else:
        i = 0
        p = lo
        while i < nc and p < hi:
            d = cand[i]
            a = arr[p]
            if a < d:
                p += 1
            elif a > d:
                i += 1
            else:
                f = np.float64(tfa[p])
                scores[d] += mult * (w * (f * k1p1 / (f + norm[d])))
                i += 1
                p += 1


@njit(cache=True, nogil=True)
def _exact(docs: A, tf: A, d_docs: A, d_tf: A, lo: A, hi: A, dlo: A, dhi: A, idf: A,
           qterms: A, norm: A, k1: float, d: int) -> float:  # pragma: no cover
    """The exact score of document ``d``, summed in query order as rank-bm25 does."""
    k1p1 = k1 + 1.0
    s = 0.0
    for qi in range(qterms.shape[0]):
        t = qterms[qi]
        j = _find(docs, lo[t], hi[t], d)
        if j >= 0:
            f = np.float64(tf[j])
            s += idf[t] * (f * k1p1 / (f + norm[d]))
            continue
        j = _find(d_docs, dlo[t], dhi[t], d)
        if j >= 0:
            f = np.float64(d_tf[j])
            s += idf[t] * (f * k1p1 / (f + norm[d]))
    return s


@njit(cache=True, nogil=True)
def topk(docs: A, tf: A, d_docs: A, d_tf: A, lo: A, hi: A, dlo: A, dhi: A, idf: A, mult: A,
         ub: A, qterms: A, norm: A, alive: A, check_alive: bool, k1: float, k: int,
         scores: A, touched: A) -> tuple[A, A]:  # pragma: no cover - compiled
    """The top ``k`` live documents by exact score (ties: lower position first).

    Needs every ``idf > 0`` (then a document scores > 0 exactly when it contains a
    query term) and ``ub[t] >= mult[t] * idf[t] * max impact of t``.  ``scores``
    (float64, one per position) must be all zeros and ``touched`` (int32) one longer;
    both are left as they were found.  Returns ``(positions, scores)``, best first.
    """
    m = lo.shape[0]
    # Shortest posting lists first: the long lists (common words, which rank-bm25's
    # epsilon floor can weigh like rarer ones) are left to the probing phase.
    length = (hi - lo) + (dhi - dlo)
    order = np.argsort(length, kind="mergesort")
    rest = np.zeros(m + 1)
    for i in range(m - 1, -1, -1):
        rest[i] = rest[i + 1] + ub[order[i]]
    k1p1 = k1 + 1.0
    nt = 0
    best = 0.0
    theta = 0.0
    i = 0
    # OR phase: every posting can make a new candidate
    since = 0  # postings read since theta was last computed
    while i < m:
        if i > 0 and nt >= k and rest[i] * (1.0 + _SLACK) < best:
            # theta only grows: an old one may already be enough; a new one is computed
            # (a pass over the candidates) when half as many postings have been read
            if rest[i] * (1.0 + _SLACK) >= theta * (1.0 - _SLACK) and 2 * since >= nt:
                theta = _kth_largest(scores, touched, nt, k)
                since = 0
            if rest[i] * (1.0 + _SLACK) < theta * (1.0 - _SLACK):
                break
        t = order[i]
        w = idf[t]
        mu = mult[t]
        since += hi[t] - lo[t] + dhi[t] - dlo[t]
        for p in range(lo[t], hi[t]):
            d = docs[p]
            if check_alive and not alive[d]:
                continue
            f = np.float64(tf[p])
            s = scores[d]
            touched[nt] = d  # kept only if new: branch-free
            nt += s == 0.0
            s += mu * (w * (f * k1p1 / (f + norm[d])))
            scores[d] = s
            best = max(best, s)
        for p in range(dlo[t], dhi[t]):
            d = d_docs[p]
            if check_alive and not alive[d]:
                continue
            f = np.float64(d_tf[p])
            s = scores[d]
            touched[nt] = d
            nt += s == 0.0
            s += mu * (w * (f * k1p1 / (f + norm[d])))
            scores[d] = s
            best = max(best, s)
        i += 1
    # AND phase: only candidates that can still reach theta get the remaining terms
    cand = touched[:nt]
    nc = nt
    if i < m:
        cut = theta * (1.0 - _SLACK) - rest[i] * (1.0 + _SLACK)
        cand = np.empty(nt, dtype=np.int32)
        nc = 0
        for j in range(nt):
            if scores[touched[j]] >= cut:
                nc += 1
        if nc * 32 > scores.shape[0]:
            # many candidates: a pass over the positions is cheaper than sorting them
            nc = 0
            for d in range(scores.shape[0]):
                if scores[d] > 0.0 and scores[d] >= cut:
                    cand[nc] = d
                    nc += 1
        else:
            nc = 0
            for j in range(nt):
                d = touched[j]
                if scores[d] >= cut:
                    cand[nc] = d
                    nc += 1
            cand[:nc].sort()
        cand = cand[:nc]
        while i < m:
            t = order[i]
            _probe(docs, lo[t], hi[t], tf, cand, nc, idf[t], mult[t], k1p1, norm, scores)
            _probe(d_docs, dlo[t], dhi[t], d_tf, cand, nc, idf[t], mult[t], k1p1, norm,
                   scores)
            i += 1
            if nc > k:
                theta = max(theta, _kth_largest(scores, cand, nc, k))
                cut = theta * (1.0 - _SLACK) - rest[i] * (1.0 + _SLACK)
                n2 = 0
                for j in range(nc):
                    d = cand[j]
                    if scores[d] >= cut:
                        cand[n2] = d
                        n2 += 1
                nc = n2
    # selection: everything within the slack of the k-th approximate score, exactly
    if nc > k:
        kth = _kth_largest(scores, cand, nc, k)
        cut = kth - abs(kth) * _SLACK * 4.0
        sel = np.empty(nc, dtype=np.int32)
        ns = 0
        for j in range(nc):
            d = cand[j]
            if scores[d] >= cut:
                sel[ns] = d
                ns += 1
        sel = sel[:ns]
    else:
        sel = cand[:nc].copy()
    sel = np.sort(sel)
    exact = np.empty(sel.shape[0], dtype=np.float64)
    for j in range(sel.shape[0]):
        exact[j] = _exact(docs, tf, d_docs, d_tf, lo, hi, dlo, dhi, idf, qterms, norm, k1,
                          sel[j])
    for j in range(nt):
        scores[touched[j]] = 0.0
    rank = np.argsort(-exact, kind="mergesort")[:k]  # stable: ties keep position order
    return sel[rank].astype(np.int64), exact[rank]
