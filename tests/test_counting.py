"""The workers' counted index terms equal the tokens an index build adds (indexer.counting)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from indexer.bm25 import BM25Index
from indexer.counting import Passages, count_passages, with_context
from indexer.service import _chunks, _Row
from indexer.tokenize import tokenize

TEXTS = ["กระทรวงมหาดไทยจัดโครงการธนาคารขยะ", "ในพื้นที่ 14,658 แห่ง ทั่วประเทศ",
         "ผวจ. เชียงใหม่ ติดตามผล", "COVID-19 วัคซีน", "นายกรัฐมนตรีเดินทางไปญี่ปุ่น",
         "มท. สั่งการ", ""]


def rows() -> list[_Row]:
    out = []
    for i, text in enumerate(TEXTS * 3):
        doc = 1 + i // 4  # documents of four passages, the last shorter
        kind = "news" if doc % 2 else "report"
        out.append(_Row(100 + i, kind, f"ข่าว {doc} ธนาคารขยะ", text, doc, i % 4))
    return out


def test_counted_runs_equal_the_tokens_added() -> None:
    all_rows = rows()
    page = all_rows[2:]  # the first document's first passages lie outside: read as others
    outside = {(r.doc_id, r.ordinal): r.text for r in all_rows[:2]}
    toks = [tokenize(r.text) for r in page]
    heads = {r.doc_id: tokenize(r.title) for r in page if r.kind == "news"}
    neighbours = {k: tokenize(t) for k, t in outside.items()}
    expected = BM25Index()
    expected.add(with_context(page, toks, heads, neighbours), [r.id for r in page])

    present = {(r.doc_id, r.ordinal): r.text for r in page} | outside
    counted = BM25Index()
    parts = []
    for run in [page[:3], page[3:4], page[4:]]:  # a run cut inside a document, too
        own = {(r.doc_id, r.ordinal) for r in run}
        others = {k: present[k] for r in run for k in ((r.doc_id, r.ordinal - 1),
                                                       (r.doc_id, r.ordinal + 1))
                  if k not in own and k in present}
        parts.append(count_passages(Passages(
            [(r.kind, r.doc_id, r.ordinal) for r in run], [r.text for r in run],
            {r.doc_id: r.title for r in run if r.kind == "news"}, others)))
    counted.add_counts(parts, [r.id for r in page])
    a, b = expected.to_arrays(), counted.to_arrays()
    assert a.terms == b.terms
    for field in ("term_ptr", "post_docs", "post_tf", "doc_len", "keys", "df"):
        np.testing.assert_array_equal(getattr(a, field), getattr(b, field), err_msg=field)


def test_chunks_end_with_a_document(monkeypatch: pytest.MonkeyPatch) -> None:
    import indexer.service as svc

    monkeypatch.setattr(svc, "CHUNK", 3)
    runs = _chunks(rows())
    assert [r for run in runs for r in run] == rows()
    assert all(len(run) >= 3 for run in runs[:-1])
    assert all(run[-1].doc_id != nxt[0].doc_id for run, nxt in itertools.pairwise(runs))
