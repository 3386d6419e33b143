"""The documents of the day or year a question names, found beyond the usual top passages.

"เมื่อวันที่ 10 พ.ค. 67 หนี้นอกระบบยังเหลืออยู่ระหว่างไกล่เกลี่ยกี่ราย": a daily series'
releases hold the question's words about equally, so the release of that day ranked
anywhere in BM25's first few hundred hits, the 40 read were all of other days, and the
reply said "the data found is of another day" though the archive holds that day.  Of a
wider pool of hits, the best passage of each document dated the asked day (or a few days
after it: a release tells of the day before) or in the asked year, scoring nearly as well
as the best hit, is read too; and a reply may say the documents are of another day or
year only when no such document was found.

Pure functions over BM25 hits and their documents' dates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

from knowledge.thai import BE_OFFSET

__all__ = ["HELD_SHARE", "PERIOD_DOCUMENTS", "PERIOD_POOL", "PERIOD_SHARE", "PeriodMatches",
           "day_ranges", "in_period", "period_matching"]

#: BM25 hits looked at for a question naming a day or a year (passages, best first).
PERIOD_POOL = 300
#: ... those scoring at least this share of the best BM25 score (a daily series' releases
#: score 0.9-1.0 of the best, another matter sharing most words 0.80-0.87).
PERIOD_SHARE = 0.85
#: ... of the documents of the asked period, the best this many (their best passage each).
PERIOD_DOCUMENTS = 4
#: A document of the asked period scoring at least this share of the best hit shows that
#: the archive holds the period's matter: no reply may say the documents are of another.
HELD_SHARE = 0.5
#: A release dated up to this many days after a named day tells of it.
DAYS_AFTER = 2


class PeriodMatches(NamedTuple):
    """What :func:`period_matching` found.

    ``extra``: ``(passage id, score)`` pairs to read besides those read anyway;
    ``documents``: every document of the asked period among the hits scoring at least
    :data:`HELD_SHARE` of the best (read anyway or not).
    """

    extra: list[tuple[int, float]]
    documents: frozenset[int]


def in_period(date: dt.date | None, days: frozenset[tuple[int, int]],
              years: frozenset[int]) -> bool:
    """Whether a document dated ``date`` is of the asked ``days`` (``(day, month)``) or ``years``.

    ``years``: Buddhist-era years.  With days, the document is dated that day or up to
    :data:`DAYS_AFTER` days after it (in an asked year, when years are named too);
    with years alone, in one of them.  An undated document is of no period.
    """
    if date is None or not (days or years):
        return False
    if years and not days:
        return date.year + BE_OFFSET in years
    for back in range(DAYS_AFTER + 1):
        day = date - dt.timedelta(days=back)
        if (day.day, day.month) in days and (not years or day.year + BE_OFFSET in years):
            return True
    return False


def day_ranges(days: frozenset[tuple[int, int]],
               years: frozenset[int]) -> list[tuple[dt.date, dt.date]]:
    """The dates a document of the asked ``days`` of ``years`` (Buddhist era) may bear.

    Each day and the :data:`DAYS_AFTER` days after it (a release tells of the day
    before); an impossible day ("31 เม.ย.") is skipped.  ``[]`` without days or years.
    """
    out = []
    for day, month in sorted(days):
        for year in sorted(years):
            try:
                first = dt.date(year - BE_OFFSET, month, day)
            except ValueError:
                continue
            out.append((first, first + dt.timedelta(days=DAYS_AFTER)))
    return out


def period_matching(pool: Sequence[tuple[int, float]],
                    dates_of: Callable[[list[int]], Mapping[int, tuple[int, dt.date | None]]],
                    read: Sequence[tuple[int, float]],
                    days: frozenset[tuple[int, int]], years: frozenset[int], *,
                    share: float = PERIOD_SHARE,
                    documents: int = PERIOD_DOCUMENTS,
                    dated: Sequence[tuple[int, float]] = ()) -> PeriodMatches:
    """The documents of the asked period among BM25's ``pool`` (:class:`PeriodMatches`).

    ``pool``: ``(passage id, score)`` hits, best first; ``dates_of``: the ``(document
    id, date)`` of each readable passage among the ids given (read once, for the hits
    scoring at least :data:`HELD_SHARE` of the best); ``read``: the hits read anyway;
    ``dated``: hits searched among the passages of the asked days' documents alone
    (:func:`day_ranges`; scored as in the whole archive), counted as the pool's
    wherever the pool ranks them.  Of the documents :func:`in_period` whose best
    passage scores ``share`` of the best, the best ``documents`` not read anyway are
    added (for asked days too: reading a busy day's releases matching only half as well
    let their values lead, e.g. another deputy spokesperson of the same day).
    """
    if not pool or not (days or years):
        return PeriodMatches([], frozenset())
    floor = share * pool[0][1]
    held = [(pid, score) for pid, score in sorted({*pool, *dated}, key=lambda h: -h[1])
            if score >= HELD_SHARE * pool[0][1]]
    dates = dates_of([pid for pid, _ in held])
    best: dict[int, tuple[int, float]] = {}
    for pid, score in held:
        doc, date = dates.get(pid, (None, None))
        if doc is None or doc in best or not in_period(date, days, years):
            continue
        best[doc] = (pid, score)
    read_docs = {dates[pid][0] for pid, _ in read if pid in dates}
    extra = [pair for doc, pair in best.items()
             if doc not in read_docs and pair[1] >= floor][:documents]
    return PeriodMatches(extra, frozenset(best))
