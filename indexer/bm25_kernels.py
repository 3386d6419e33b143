"""Compiled (numba) kernels of :mod:`indexer.bm25`; imported only when numba is installed.

Every score returned uses rank-bm25's operation order,
``idf * (tf * (k1 + 1) / (tf + norm[d]))`` added per query token in query order, so the
scores are bit-identical to ``rank_bm25.BM25Okapi.get_scores`` and to the pure-numpy
path of :mod:`indexer.bm25`.

Postings of a term are two ascending runs: ``docs[lo:hi]`` of the main CSR arrays and
``d_docs[dlo:dhi]`` of the delta (documents added since the last merge, all after the
main ones).  Arrays named per unique query term (``lo``, ``hi``, ``dlo``, ``dhi``,
``idf``, ``wq``, ``ub``) are indexed by the term's rank among the query's unique
terms; ``qterms`` lists those ranks in query order, repeats included.

:func:`topk` is a term-at-a-time MaxScore search (Turtle & Flood, "Query evaluation:
strategies and optimizations", 1995) on approximate scores: each posting carries a
float32 impact ``tf * (k1 + 1) / (tf + norm)`` (computed ahead, for an average length
close to today's), and scores are float32 sums of ``idf * impact``, as bm25s adds its
precomputed scores, instead of a division and a gather per posting.  Terms are taken
shortest posting list first; theta is the larger of the k-th best partial score and
the k-th exact score of the k best candidates so far (scored over every term, so it
counts the long lists not read yet).  Once the score bounds of the remaining terms add
up to less than theta, no new document can enter the top k, and the remaining (long)
lists only add to the candidates: read through without branches when the candidates
are many, looked up by galloping search when they are few, or
left to the exact rescoring when that is cheaper.  Every comparison allows for the
approximation (float32 roundings and the drift of the average length since the
impacts were computed), and the candidates that can still be in the top k are
rescored exactly, best approximate score first, until none left can reach the k-th
exact score.

Block bounds: for the long lists, the largest impact in each block of ``1 << shift``
positions (:func:`block_max`).  What the lists not read yet can add to a document is
bounded by the blocks it falls in rather than by each list's largest impact anywhere
(on the news corpus a block's is about three quarters of its list's): the first phase
ends once no block can reach theta, and candidates are dropped by their blocks' bounds
before each long list.  On the news corpus's queries, 4 times fewer candidates are left
for the long lists (5,800 a query against 13,400) and 28% fewer postings are read
through; the kernel's CPU falls by about a tenth.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import numpy.typing as npt
from numba import njit, types
from numba.extending import intrinsic

A = npt.NDArray[Any]

# Postings ahead whose score slot is prefetched: the slots of a query's documents are
# scattered over the score buffer (1.5 MB for 375,000 passages), so after other work has
# left the caches cold, each posting waits for memory without it (measured on the news
# corpus: 10-15 ns a posting cold, 3-6 with it; no cost when warm).
_AHEAD = 64


@intrinsic
def _prefetch_hint(typingctx: Any, arr: Any, idx: Any) -> Any:
    """``_prefetch_hint(array, i)``: a hint to load ``array[i]``'s cache line."""
    from llvmlite import ir
    from numba.core import cgutils

    sig = types.void(arr, idx)

    def codegen(context: Any, builder: Any, signature: Any, args: Any) -> Any:
        aryty = signature.args[0]
        ary = context.make_array(aryty)(context, builder, args[0])
        ptr = cgutils.get_item_pointer(context, builder, aryty, ary, [args[1]],
                                       wraparound=False, boundscheck=False)
        i8p = ir.IntType(8).as_pointer()
        i32 = ir.IntType(32)
        fn = cgutils.get_or_insert_function(
            builder.module, ir.FunctionType(ir.VoidType(), [i8p, i32, i32, i32]),
            "llvm.prefetch.p0i8")
        # read, high locality, data cache
        builder.call(fn, [builder.bitcast(ptr, i8p), ir.Constant(i32, 0), ir.Constant(i32, 3),
                          ir.Constant(i32, 1)])
        return context.get_dummy_value()

    return sig, codegen


_hint: Any = _prefetch_hint  # (typed as called in compiled code)


@njit(cache=True, nogil=True)
def _probe_hint(a: A, i: int) -> float:  # pragma: no cover - compiled
    _hint(a, i)
    return float(a[i])


@njit(inline="always")
def _no_hint(arr: A, i: int) -> None:  # pragma: no cover - compiled
    pass


def _choose_prefetch() -> Callable[..., None]:
    """The prefetch hint, or a no-op when this numba/LLVM cannot compile it."""
    try:
        _probe_hint(np.zeros(1, dtype=np.float32), 0)  # compiles (or loads) it now
    except Exception:  # any failure to compile: go without the hint
        return _no_hint
    return _hint


_prefetch = _choose_prefetch()

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
def impacts(docs: A, tf: A, norm: A, k1: float, out: A) -> None:  # pragma: no cover
    """``out[p] = tf[p] * (k1 + 1) / (tf[p] + norm[docs[p]])``, rounded to ``out``'s type."""
    k1p1 = k1 + 1.0
    for p in range(docs.shape[0]):
        f = np.float64(tf[p])
        out[p] = f * k1p1 / (f + norm[docs[p]])


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
        _prefetch(scores, ids[min(i + _AHEAD, n - 1)])
        v = scores[ids[i]]
        if v > low:
            h[0] = v
            _sift_down(h, 0, k)
            low = h[0]
    return low


@njit(cache=True, nogil=True, inline="always")
def _sift_down_ids(h: A, hid: A, i: int, k: int) -> None:  # pragma: no cover - compiled
    """:func:`_sift_down` of the min-heap ``h[:k]`` with ``hid`` moved alongside."""
    v = h[i]
    vid = hid[i]
    while True:
        c = 2 * i + 1
        if c >= k:
            break
        if c + 1 < k and h[c + 1] < h[c]:
            c += 1
        if h[c] >= v:
            break
        h[i] = h[c]
        hid[i] = hid[c]
        i = c
    h[i] = v
    hid[i] = vid


@njit(cache=True, nogil=True)
def _best_ids(scores: A, ids: A, n: int, k: int) -> tuple[float, A]:
    """The ``k`` best of ``ids[:n]`` by ``scores`` (``n >= k``): ``(k-th largest, ids)``."""
    h = np.empty(k, dtype=np.float64)
    hid = np.empty(k, dtype=np.int64)
    for i in range(k):
        hid[i] = ids[i]
        h[i] = scores[ids[i]]
    for i in range(k // 2 - 1, -1, -1):
        _sift_down_ids(h, hid, i, k)
    for i in range(k, n):
        _prefetch(scores, ids[min(i + _AHEAD, n - 1)])
        d = ids[i]
        v = scores[d]
        if v > h[0]:
            h[0] = v
            hid[0] = d
            _sift_down_ids(h, hid, 0, k)
    return h[0], hid


@njit(cache=True, nogil=True)
def _kth_and_filter(scores: A, ids: A, n: int, k: int, cut: float) -> tuple[float, int]:
    """:func:`_kth_largest` of ``scores[ids[:n]]`` (``n >= k``), filtering in the same pass.

    ``ids[:n]`` is compacted, in order, to the ids whose score is at least ``cut``.
    Returns ``(k-th largest, number kept)``.
    """
    h = np.empty(k, dtype=np.float64)
    kept = 0
    for i in range(k):
        d = ids[i]
        v = scores[d]
        h[i] = v
        ids[kept] = d  # branch-free: written, then counted if kept
        kept += v >= cut
    for i in range(k // 2 - 1, -1, -1):
        _sift_down(h, i, k)
    low = h[0]
    for i in range(k, n):
        _prefetch(scores, ids[min(i + _AHEAD, n - 1)])
        d = ids[i]
        v = scores[d]
        ids[kept] = d
        kept += v >= cut
        if v > low:
            h[0] = v
            _sift_down(h, 0, k)
            low = h[0]
    return low, kept


@njit(cache=True, nogil=True)
def _probe(arr: A, lo: int, hi: int, imp: A, cand: A, nc: int, w: np.float32,
           acc: A) -> None:  # pragma: no cover - compiled
    """Add ``w * imp`` of the sorted candidates found in ``arr[lo:hi]`` to ``acc``."""
    if hi <= lo or nc == 0:
        return
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
            acc[d] += w * imp[j]  # float32 arithmetic
            pos = j + 1
        if pos >= hi:
            break


@njit(cache=True, nogil=True)
def _scan(arr: A, lo: int, hi: int, imp: A, w: np.float32,
          acc: A) -> None:  # pragma: no cover - compiled
    """Add ``w * imp`` of every posting in ``arr[lo:hi]`` whose document already scores.

    Branch-free (a branch on ``s`` is mispredicted half the time: 10-15 ns a posting
    against 0.6): a document that does not score (0) stays 0, so one pass over a long
    list costs less than looking the candidates up in it when they are many.
    """
    for p in range(lo, hi):
        _prefetch(acc, arr[min(p + _AHEAD, hi - 1)])
        d = arr[p]
        s = acc[d]
        acc[d] = s + w * imp[p] * np.float32(s != 0.0)


@njit(cache=True, nogil=True)
def block_max(lo: A, hi: A, docs: A, imp: A, shift: int,
              out: A) -> None:  # pragma: no cover - compiled
    """The largest impact of row ``r``'s postings per block, into ``out[r]``.

    ``out[r, b] = max(out[r, b], imp[p])`` over ``p`` in ``lo[r]:hi[r]`` with
    ``docs[p] >> shift == b``.
    """
    for r in range(lo.shape[0]):
        p = lo[r]
        end = hi[r]
        while p < end:  # the list is ascending: a block's postings are one run
            b = docs[p] >> shift
            after = (b + 1) << shift
            most = imp[p]
            p += 1
            while p < end and docs[p] < after:
                most = max(most, imp[p])
                p += 1
            if most > out[r, b]:
                out[r, b] = most


@njit(cache=True, nogil=True)
def _block_rest(i: int, order: A, ub: A, bw: A, blk: A, brow: A,
                out: A) -> None:  # pragma: no cover - compiled
    """``out[b]``: a bound on what the terms ``order[i:]`` add to a position of block ``b``.

    Each term adds its block bound ``bw[t] * blk[brow[t], b]`` when it has blocks
    (``brow[t] >= 0``), else its list bound ``ub[t]``.  The last slot (past the
    blocks) gets the list bounds of them all, for positions the blocks do not cover.
    """
    nb = out.shape[0] - 1
    out[:] = 0.0
    flat = 0.0  # the list bounds of the terms without blocks
    for q in range(i, order.shape[0]):
        t = order[q]
        row = brow[t]
        if row >= 0:
            w = bw[t]
            for b in range(nb):
                out[b] += w * blk[row, b]
            out[nb] += ub[t]
        else:
            flat += ub[t]
    for b in range(nb + 1):
        out[b] += flat


@njit(cache=True, nogil=True)
def _block_keep(acc: A, cand: A, nc: int, top: float, rest: A, shift: int,
                limit: int) -> int:  # pragma: no cover - compiled
    """Keep the candidates that their blocks' bounds let reach ``top``; return how many.

    ``cand[:nc]`` is compacted, in order, to the ``d`` with ``acc[d] >= top -
    rest[d >> shift]`` (``rest``: :func:`_block_rest`; its last slot for positions
    from ``limit`` on).
    """
    nb = rest.shape[0] - 1
    kept = 0
    for j in range(nc):
        d = cand[j]
        b = d >> shift if d < limit else nb
        cand[kept] = d
        kept += acc[d] >= top - rest[b]
    return kept


@njit(cache=True, nogil=True, inline="always")
def _has_blocks(brow: A, order: A, i: int) -> bool:  # pragma: no cover - compiled
    """Whether a term of ``order[i:]`` has block bounds."""
    for q in range(i, order.shape[0]):
        if brow[order[q]] >= 0:
            return True
    return False


@njit(cache=True, nogil=True, inline="always")
def _known(memo_d: A, memo_s: A, nm: int, d: int) -> float:  # pragma: no cover - compiled
    """The exact score of ``d`` among the ``nm`` kept in ``memo_s``, or NaN."""
    for q in range(nm):
        if memo_d[q] == d:
            return memo_s[q]
    return np.nan


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
def topk(docs: A, imp: A, d_docs: A, d_imp: A, lo: A, hi: A, dlo: A, dhi: A, wq: A, ub: A,
         tf: A, d_tf: A, idf: A, qterms: A, norm: A, k1: float, alive: A, check_alive: bool,
         k: int, ge: float, costs: A, acc: A, touched: A, cbuf: A, bw: A, blk: A,
         brow: A, shift: int, limit: int) -> tuple[A, A]:  # pragma: no cover - compiled
    """The top ``k`` live documents by exact score (ties: lower position first).

    Candidates are found on approximate scores: ``acc[d]`` (float32) sums
    ``wq[t] * imp[p]`` over the postings read, where ``imp`` are float32 impacts
    ``tf * (k1 + 1) / (tf + norm)`` computed for some average length (not
    necessarily the current one) and ``wq[t]`` is the term's idf times its
    multiplicity in the query.  ``ge >= 1`` bounds the error: every document's exact
    score lies within a factor ``ge`` of its complete approximate score, and every
    partial sum within that factor of the exact sum of its terms' approximate
    contributions.  ``ub[t]`` must bound ``wq[t] * imp`` over term ``t``'s postings.
    ``costs`` (scan, probe, exact) are the relative costs of reading one posting
    through, of looking one candidate up in a list and of rescoring one term of one
    candidate exactly: they choose between these ways, never the results.
    The winners are then rescored exactly (``tf``, ``norm``, ``idf`` in query order,
    as rank-bm25 does), best approximate first, until no remaining one can reach
    the k-th exact score.

    ``acc`` (float32, one per position) must be all zeros; ``touched`` and ``cbuf``
    (int32, one longer) are scratch space, so that a query allocates nothing large
    (fresh pages cost a fault each).  ``acc`` is left as it was found.  Returns
    ``(positions, scores)``, best first.

    Block bounds (see :func:`_block_keep`): ``blk[brow[t]]`` (float32, one value per
    block of ``1 << shift`` positions) bounds term ``t``'s impacts in each block of the
    positions below ``limit`` (``brow[t] < 0``: no blocks); ``bw[t] * blk`` bounds
    ``wq[t] * imp`` as ``ub[t]`` does.  Candidates are dropped by them before each long
    list: the lists choose, never the results.
    """
    m = lo.shape[0]
    c_scan, c_probe, c_exact = costs[0], costs[1], costs[2]
    g = ge * ge * (1.0 + _SLACK)  # pruning: (partial + rest) * g < theta drops a document
    # Shortest posting lists first: the long lists (common words, which rank-bm25's
    # epsilon floor can weigh like rarer ones) are left to the probing phase.
    length = (hi - lo) + (dhi - dlo)
    order = np.argsort(length, kind="mergesort")
    rest = np.zeros(m + 1)
    for i in range(m - 1, -1, -1):
        rest[i] = rest[i + 1] + ub[order[i]]
    nt = 0
    theta = 0.0
    i = 0
    brest = np.empty(blk.shape[1] + 1, dtype=np.float64)  # block bounds (_block_rest)
    # exact scores computed for theta, reused by the rescoring (the same documents
    # often lead from one update of theta to the next and into the top k)
    memo_d = np.empty(4 * k, dtype=np.int64)
    memo_s = np.empty(4 * k, dtype=np.float64)
    nm = 0
    # OR phase: every posting can make a new candidate
    since = 0  # postings read since theta was last computed
    while i < m:
        if i > 0 and nt >= k:
            # theta only grows: an old one may already be enough; a new one is computed
            # (a pass over the candidates) when half as many postings have been read.
            # The best k candidates so far are also scored exactly: k documents reach
            # their k-th exact score e, so theta = e (<= e * ge) is as valid as the k-th
            # partial score, and it counts the terms not read yet (the long lists, which
            # the partial scores lack): the phase can end lists earlier.
            if rest[i] * g >= theta and 2 * since >= nt:
                kth, seed = _best_ids(acc, touched, nt, k)
                low_exact = np.inf
                for q in range(k):
                    d = seed[q]
                    e = _known(memo_d, memo_s, nm, d)
                    if e != e:  # not scored yet (NaN): an exact score costs m lookups
                        e = _exact(docs, tf, d_docs, d_tf, lo, hi, dlo, dhi, idf, qterms,
                                   norm, k1, d)
                        if nm < memo_d.shape[0]:
                            memo_d[nm] = d
                            memo_s[nm] = e
                            nm += 1
                    low_exact = min(low_exact, e)
                theta = max(theta, kth, low_exact)
                since = 0
            if rest[i] * g < theta:
                break
            # the same by the blocks: a document none of the lists read so far holds
            # gets at most the bound of its block from the others
            if _has_blocks(brow, order, i):
                _block_rest(i, order, ub, bw, blk, brow, brest)
                top = brest[blk.shape[1]] if alive.shape[0] > limit else 0.0
                for b in range(blk.shape[1]):
                    top = max(top, brest[b])
                if top * g < theta:
                    break
        t = order[i]
        w = np.float32(wq[t])  # float32 arithmetic in the loops: about 1.6x faster
        since += length[t]
        for p in range(lo[t], hi[t]):
            _prefetch(acc, docs[min(p + _AHEAD, hi[t] - 1)])
            d = docs[p]
            if check_alive and not alive[d]:
                continue
            s = acc[d]
            touched[nt] = d  # kept only if new: branch-free
            nt += s == 0.0
            s = s + w * imp[p]
            acc[d] = s
        for p in range(dlo[t], dhi[t]):
            _prefetch(acc, d_docs[min(p + _AHEAD, dhi[t] - 1)])
            d = d_docs[p]
            if check_alive and not alive[d]:
                continue
            s = acc[d]
            touched[nt] = d
            nt += s == 0.0
            s = s + w * d_imp[p]
            acc[d] = s
        i += 1
    # AND phase: only candidates that can still reach theta get the remaining terms
    cand = touched
    nc = nt
    if i < m:
        cut = theta / g - rest[i]
        cand = cbuf
        nc = 0
        for j in range(nt):  # branch-free filter: a kept slot is written, then counted
            _prefetch(acc, touched[min(j + _AHEAD, nt - 1)])
            d = touched[j]
            cand[nc] = d
            nc += acc[d] >= cut
        if _has_blocks(brow, order, i):  # the survivors, by the blocks they fall in
            _block_rest(i, order, ub, bw, blk, brow, brest)
            nc = _block_keep(acc, cand, nc, theta / g, brest, shift, limit)
        ordered = False
        while i < m:
            # rescoring the candidates exactly may cost less than the remaining lists
            left = 0.0
            for j in range(i, m):
                left += min(length[order[j]] * c_scan, nc * c_probe)
            if nc * m * c_exact < left:
                break
            t = order[i]
            w = np.float32(wq[t])
            if nc * c_probe >= length[t] * c_scan:
                _scan(docs, lo[t], hi[t], imp, w, acc)
                _scan(d_docs, dlo[t], dhi[t], d_imp, w, acc)
            else:
                if not ordered:  # probing needs them ascending; filters keep the order
                    cand[:nc].sort()
                    ordered = True
                _probe(docs, lo[t], hi[t], imp, cand, nc, w, acc)
                _probe(d_docs, dlo[t], dhi[t], d_imp, cand, nc, w, acc)
            i += 1
            if nc > k:
                # one pass: the candidates kept by the cut of the theta so far (with
                # the bounds left after this list), and a new theta for the next cut
                kth, nc = _kth_and_filter(acc, cand, nc, k, theta / g - rest[i])
                theta = max(theta, kth)
                if i < m and nc > k and _has_blocks(brow, order, i):
                    _block_rest(i, order, ub, bw, blk, brow, brest)
                    nc = _block_keep(acc, cand, nc, theta / g, brest, shift, limit)
    # rescoring: the terms from i on are not in acc (at most rest[i] more); a candidate
    # can be in the top k only if (acc + rest[i]) * ge reaches theta / ge
    left = rest[i]
    if nc > k:
        theta = max(theta, _kth_largest(acc, cand, nc, k))
    low = theta / g - left
    sel = cbuf  # (in place when cand is cbuf: slot ns <= j is written after j is read)
    ns = 0
    for j in range(nc):
        _prefetch(acc, cand[min(j + _AHEAD, nc - 1)])
        d = cand[j]
        sel[ns] = d
        ns += acc[d] >= low
    approx = np.empty(ns, dtype=np.float64)
    for j in range(ns):
        approx[j] = acc[sel[j]]
    by_approx = np.argsort(-approx)
    exact = np.empty(ns, dtype=np.float64)
    pos = np.empty(ns, dtype=np.int64)
    h = np.empty(k, dtype=np.float64)  # min-heap of the k best exact scores so far
    nh = 0
    nx = 0
    for j in range(ns):
        if nh == k and (approx[by_approx[j]] + left) * ge * (1.0 + _SLACK) < h[0]:
            break  # sorted: no later candidate can reach the k-th exact score either
        d = sel[by_approx[j]]
        e = _known(memo_d, memo_s, nm, d)
        if e != e:
            e = _exact(docs, tf, d_docs, d_tf, lo, hi, dlo, dhi, idf, qterms, norm, k1, d)
        pos[nx] = d
        exact[nx] = e
        nx += 1
        if nh < k:
            h[nh] = e
            nh += 1
            if nh == k:
                for q in range(k // 2 - 1, -1, -1):
                    _sift_down(h, q, k)
        elif e > h[0]:
            h[0] = e
            _sift_down(h, 0, k)
    for j in range(nt):
        acc[touched[j]] = 0.0
    by_pos = np.argsort(pos[:nx])
    pos = pos[by_pos]
    ex = exact[by_pos]
    rank = np.argsort(-ex, kind="mergesort")[:k]  # stable: ties keep position order
    return pos[rank], ex[rank]


@njit(cache=True, nogil=True)
def search(term_ptr: A, docs: A, imp: A, d_terms: A, d_docs: A, d_imp: A, tf: A, d_tf: A,
           idf_all: A, bounds: A, tids: A, qterms: A, norm: A, k1: float, alive: A,
           check_alive: bool, keys: A, k: int, drift: float, costs: A, acc: A,
           touched: A, cbuf: A, blk: A, rows: A, shift: int,
           limit: int) -> tuple[A, A]:  # pragma: no cover - compiled
    """:func:`topk` for the matched query terms ``tids`` (unique, every idf > 0).

    Looks the terms' postings up (``term_ptr`` for the main arrays, the sorted
    ``d_terms`` for the delta) and their idf and bounds (``idf_all``, ``bounds``:
    per term id), and returns ``(keys, scores)`` of the top ``k``, best first: one
    call per query, where preparing the per-term arrays in Python cost more than
    the search of a rare word.  ``drift`` (>= 1) is the ratio between today's
    average length and the one the impacts were computed for.  ``blk``, ``rows``
    (per term id, -1 for none; ids from ``rows.shape[0]`` on have none), ``shift`` and
    ``limit``: the block bounds (:func:`block_max`, of the impacts given, ``_F32_UP``
    not applied yet) of the positions below ``limit``.
    """
    m = tids.shape[0]
    n_main = term_ptr.shape[0] - 1  # terms from n_main on have no main postings
    lo = np.empty(m, dtype=np.int64)
    hi = np.empty(m, dtype=np.int64)
    dlo = np.empty(m, dtype=np.int64)
    dhi = np.empty(m, dtype=np.int64)
    idf = np.empty(m, dtype=np.float64)
    wq = np.zeros(m, dtype=np.float64)
    ub = np.empty(m, dtype=np.float64)
    bw = np.empty(m, dtype=np.float64)
    brow = np.full(m, -1, dtype=np.int64)
    for j in range(m):
        t = tids[j]
        lo[j] = term_ptr[min(t, n_main)]
        hi[j] = term_ptr[min(t + 1, n_main)]
        dlo[j] = np.searchsorted(d_terms, t)
        dhi[j] = np.searchsorted(d_terms, t + 1)
        idf[j] = idf_all[t]
    for q in range(qterms.shape[0]):
        wq[qterms[q]] += 1.0
    for j in range(m):
        wq[j] *= idf[j]
        # the kernel adds float32(wq) * impact in float32: 2 roundings more than wq * bound
        ub[j] = wq[j] * bounds[tids[j]] * (1.0 + 2.0**-20)
        # a block's largest float32 impact, inflated as ``bounds`` are (_F32_UP)
        bw[j] = wq[j] * (1.0 + 2.0**-21) * (1.0 + 2.0**-20)
        if tids[j] < rows.shape[0]:
            brow[j] = rows[tids[j]]
    # exact score / approximate score is within a factor ge: the impacts' length drift,
    # their float32 rounding, and the float32 products and sums (< 4 roundings of 2**-24
    # per term)
    ge = drift * (1.0 + 2.0**-23) * (1.0 + (m + 2) * 2.0**-21)
    pos, exact = topk(docs, imp, d_docs, d_imp, lo, hi, dlo, dhi, wq, ub, tf, d_tf, idf,
                      qterms, norm, k1, alive, check_alive, k, ge, costs, acc, touched, cbuf,
                      bw, blk, brow, shift, limit)
    return keys[pos], exact
