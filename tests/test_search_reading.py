"""The re-ranked search's cheap reads and features give what the straightforward ones give.

``sdgbot search`` (issue 17: about 1 ms a query) reads a question's passages with fewer
statements and less work per passage than the first version did: the neighbours and
the documents' openings in one statement without the passages already read
(:meth:`indexer.service.SearchIndex.context`), clean text kept as is
(:func:`knowledge.thai.normalize_arabic`), the text's cover from the groups found,
only the ``k`` hits shown, the question's words found in all the passages in one pass
(:mod:`bot.answering.occurrence_pass`), the title's share once a title.  These tests
swap each piece back for the straightforward computation and compare the hits and their
scores (floats, bit for bit) on a small corpus whose documents hold several passages
each.
"""

from __future__ import annotations

import bisect
import json
import math
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.answering import Answerer, features, reading
from bot.answering import answerer as answer_module
from bot.answering.features import LIST_FEATURES, Occurrences, QuestionTerms, cluster_mass
from bot.answering.occurrence_pass import Found
from bot.app import App, open_app
from bot.config import Settings
from indexer.service import SearchHit, SearchIndex
from knowledge.ingest import read_paths, store_documents
from knowledge.models import Passage
from knowledge.thai import normalize_text, to_arabic_digits

XQUAD = Path(__file__).resolve().parent / "data" / "xquad-th"
#: Paragraphs of the xquad corpus joined into one document (several passages each).
PER_DOCUMENT = 3
THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def _corpus(path: Path) -> Path:
    paras = [json.loads(line)["text"] for line in
             (XQUAD / "corpus.jsonl").read_text(encoding="utf-8").splitlines() if line]
    rows = []
    for i in range(0, len(paras), PER_DOCUMENT):
        text = "\n\n".join(paras[i:i + PER_DOCUMENT])
        if i % 2:  # Thai digits and a zero-width space: text that cleaning changes
            text = text.translate(THAI_DIGITS).replace(" ", " \u200b", 3)
        rows.append({"title": f"บทความที่ {i // PER_DOCUMENT + 1}", "text": text,
                     "date": f"2024-0{1 + i % 9}-1{i % 10}", "kind": "news",
                     "source": f"https://example.org/{i}"})
    out = path / "corpus.jsonl"
    out.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n",
                   encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    home = tmp_path_factory.mktemp("reading")
    app = open_app(Settings(home=home))
    try:
        with app.db.write() as s:
            store_documents(s, read_paths([_corpus(home)]))
        app.index.sync()
        yield app
    finally:
        app.close()


def _questions() -> list[str]:
    qs = [json.loads(line)["question"] for line in
          (XQUAD / "questions.jsonl").read_text(encoding="utf-8").splitlines() if line]
    return [*qs[::15], "งบประมาณโครงการเท่าไร", "Who chaired the meeting?", "ธนาคารขยะ", "SDGs"]


# -- the straightforward pieces ----------------------------------------------------------

def _context_by_pairs(index: SearchIndex, hits: Sequence[SearchHit], *,
                      neighbours: bool = True,
                      leads: bool = True) -> tuple[dict[int, tuple[str, str]], dict[int, str]]:
    """The neighbours and the openings as the first version read them: every one, twice."""
    texts = index._reads.texts({(h.doc_id, h.ordinal + d) for h in hits for d in (-1, 1)})
    near = {h.passage_id: (texts.get((h.doc_id, h.ordinal - 1), ""),
                           texts.get((h.doc_id, h.ordinal + 1), "")) for h in hits}
    first = {h.doc_id: h.text for h in hits if h.ordinal == 0}
    wanted = {(h.doc_id, 0) for h in hits if h.doc_id not in first}
    first.update({doc: text for (doc, _), text in index._reads.texts(wanted).items()})
    return (near if neighbours else {}), (first if leads else {})


def _context_by_orm(index: SearchIndex,
                    hits: Sequence[SearchHit]) -> tuple[dict[int, tuple[str, str]], dict[int, str]]:
    """Every neighbour and opening read by itself through the ORM."""
    def text(doc: int, ordinal: int) -> str | None:
        with index.db.read() as s:
            return s.execute(select(Passage.text).where(
                Passage.document_id == doc, Passage.ordinal == ordinal)).scalar_one_or_none()

    near = {h.passage_id: (text(h.doc_id, h.ordinal - 1) or "",
                           text(h.doc_id, h.ordinal + 1) or "") for h in hits}
    first = {h.doc_id: t for h in hits if (t := text(h.doc_id, 0)) is not None}
    return near, first


def _clean_by_steps(text: str) -> str:
    return to_arabic_digits(normalize_text(text))


def _cover(occ: Occurrences, terms: QuestionTerms, lo: int, hi: int) -> float:
    return terms.share(t for t, starts in occ.items()
                       if (i := bisect.bisect_left(starts, lo)) < len(starts) and starts[i] < hi)


def _passage_features(*, occ: Occurrences, terms: QuestionTerms, own: tuple[int, int],
                      text_len: int, title: str, bm25: float, top_bm25: float, rank: int,
                      primary: bool, kind: str, typed_near: float, anchor_near: float,
                      mass: float | None = None,
                      title_share: float | None = None) -> list[float]:
    del title_share  # computed here from the title, passage by passage
    if mass is None:
        mass, _ = cluster_mass(occ, terms)
    title_low = title.casefold()
    title_share = terms.share(t for t in terms.tokens if t in title_low)
    rare, rare_total = features._rare_groups(terms)
    found = {terms.group_of[t] for t in occ if t in terms.group_of}
    rare_cover = sum(terms.weights[k] for k in rare if k in found) / rare_total
    return [bm25 / (top_bm25 or 1.0), math.log1p(max(bm25, 0.0)), float(rank), mass,
            _cover(occ, terms, own[0], own[1]), _cover(occ, terms, 0, text_len), title_share,
            float(primary), float(kind == "report"), float(kind == "news"),
            float(kind == "update"), typed_near, float(len(terms.tokens)), anchor_near,
            rare_cover, *([0.0] * LIST_FEATURES)]


class _TextByText:
    """:class:`~bot.answering.occurrence_pass.JoinedTexts` searching each text on its own."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = list(texts)

    def find(self, tokens: Sequence[str], limit: int = 200) -> Found:
        return Found.of(self.occurrences(tokens, limit), tokens)

    def occurrences(self, tokens: Sequence[str], limit: int = 200) -> list[Occurrences]:
        return [features.occurrences(t, tokens, limit) for t in self.texts]

    def holding(self, word: str) -> list[bool]:
        return [word in t.casefold() for t in self.texts]


def _straightforward(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(SearchIndex, "context", _context_by_pairs)
    monkeypatch.setattr(reading, "JoinedTexts", _TextByText)
    monkeypatch.setattr(reading, "cluster_masses", lambda found, terms, tokens: [
        cluster_mass(occ, terms) for occ in found.per_text])
    monkeypatch.setattr(reading, "clean_passage", _clean_by_steps)
    monkeypatch.setattr(reading, "passage_features", _passage_features)
    whole = answer_module._documents_in_model_order
    monkeypatch.setattr(answer_module, "_documents_in_model_order",
                        lambda passages, k=None: whole(passages)[:k])


def _search(app: App, qs: list[str], k: int) -> list[list[tuple[int, int, float, str]]]:
    answerer = Answerer(app.db, app.index)
    return [[(h.passage_id, h.doc_id, h.score, h.text) for h in answerer.search(q, k)]
            for q in qs]


@pytest.mark.parametrize("k", [3, 10])
def test_search_equals_the_straightforward_reading(
        app: App, monkeypatch: pytest.MonkeyPatch, k: int) -> None:
    qs = _questions()
    fast = _search(app, qs, k)
    _straightforward(monkeypatch)
    slow = _search(app, qs, k)
    assert fast == slow  # the same passages, texts and scores (floats compared exactly)
    assert sum(len(h) for h in fast) > 0.9 * len(qs) * k  # the searches found passages
    assert len({s for hits in fast for _, _, s, _ in hits}) > len(qs)  # real scores


def test_context_reads_what_the_orm_reads(app: App) -> None:
    index = app.index
    for q in _questions()[:8]:
        hits = index.search(q, k=40)
        assert index.context(hits) == _context_by_orm(index, hits)
        assert index.neighbours(hits) == _context_by_pairs(index, hits)[0]
        assert index.leads(hits) == _context_by_pairs(index, hits)[1]
    # hits that are each other's neighbours, with openings among them
    with app.db.read() as s:
        ids = s.execute(select(Passage.id).where(Passage.ordinal < 3)).scalars().all()[:12]
    hits = index.hits([(pid, 1.0) for pid in ids])
    assert any(h.ordinal == 1 for h in hits) and any(h.ordinal == 0 for h in hits)
    assert index.context(hits) == _context_by_orm(index, hits)
    assert any(near for pair in index.context(hits)[0].values() for near in pair)


def test_the_corpus_has_documents_of_several_passages_and_text_to_clean(app: App) -> None:
    with app.db.read() as s:
        ordinals = s.execute(select(Passage.ordinal)).scalars().all()
        texts = s.execute(select(Passage.text)).scalars().all()
    assert max(ordinals) >= 2
    assert any(reading.clean_passage(t) != t for t in texts)
