"""The answerer's per-passage caches never serve what the documents no longer say.

The cleaned passage texts and the candidates of a passage region are kept between
questions (:mod:`bot.answering.reading`), keyed by the text itself: a document edited,
re-ingested or removed must change the next answer in the same process.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from stored_updates import set_update_status, store_update_with_status

from bot.answering import Answerer
from bot.answering.reading import CANDIDATE_CACHE, CLEAN_CACHE, candidates_of, clean_passage
from bot.app import App, open_app
from bot.config import Settings
from bot.documents import ingest_paths, remove
from knowledge.models import Document, Passage
from knowledge.queries import primary_passage_ids

QUESTION = "โครงการปลูกป่าชายเลนบ้านคลองโคนปลูกต้นโกงกางแล้วกี่ต้น"


def release(trees: str) -> str:
    return ("โครงการปลูกป่าชายเลนบ้านคลองโคน\n\n"
            "เทศบาลตำบลคลองโคน จังหวัดสมุทรสงคราม ร่วมกับชุมชนบ้านคลองโคน ดำเนินโครงการ"
            "ปลูกป่าชายเลนเพื่อฟื้นฟูระบบนิเวศชายฝั่ง ปัจจุบันปลูกต้นโกงกางแล้ว "
            f"{trees} ต้น บนพื้นที่ 35 ไร่ โดยมีอาสาสมัครเข้าร่วมกิจกรรมอย่างต่อเนื่องทุกเดือน\n")


@pytest.fixture
def app(tmp_path: Path) -> Iterator[App]:
    app = open_app(Settings(home=tmp_path / "home"))
    yield app
    app.close()


def _ingest(app: App, path: Path, text: str) -> int:
    path.write_text(text, encoding="utf-8")
    ingest_paths(app.db, app.index, [path])
    with app.db.read() as s:
        return max(d.id for d in s.query(Document).all() if d.title.startswith("โครงการปลูก"))


def test_an_edited_or_removed_document_changes_the_next_answer(app: App,
                                                               tmp_path: Path) -> None:
    answerer = Answerer(app.db, app.index)
    doc = _ingest(app, tmp_path / "mangrove.txt", release("4,321"))
    assert answerer.ask(QUESTION).point.startswith("4,321 ต้น")
    hits = candidates_of.cache_info().hits
    assert answerer.ask(QUESTION).point.startswith("4,321 ต้น")
    assert candidates_of.cache_info().hits > hits  # asked again: the regions came cached

    # The release corrected: the old version removed, the new one ingested.
    remove(app.db, app.index, doc)
    doc = _ingest(app, tmp_path / "mangrove-2.txt", release("8,765"))
    answer = answerer.ask(QUESTION)
    assert answer.point.startswith("8,765 ต้น") and "4,321" not in answer.render()

    remove(app.db, app.index, doc)
    answer = answerer.ask(QUESTION)
    assert "8,765" not in answer.render() and "4,321" not in answer.render()


def test_the_caches_are_bounded() -> None:
    for i in range(CANDIDATE_CACHE + 10):
        candidates_of(f"ข้อความที่ {i} มีงบประมาณ {i} บาท", 0, 30)
    for i in range(CLEAN_CACHE + 10):
        clean_passage(f"ข้อความที่ ๑{i}")
    assert candidates_of.cache_info().currsize <= CANDIDATE_CACHE
    assert clean_passage.cache_info().currsize <= CLEAN_CACHE


def test_cached_candidates_cannot_be_changed_by_a_caller() -> None:
    c = candidates_of("ได้รับงบประมาณ 9,684,500 บาท ใน 76 จังหวัด", 0, 40)
    with pytest.raises(ValueError):
        c.ctype[0] = 5
    assert candidates_of("ได้รับงบประมาณ 9,684,500 บาท ใน 76 จังหวัด", 0, 40) is c


# ------------------------------------------------- the ministry's passages, neighbours


CLAIM = "บริษัทตัวอย่างปลอมจำกัด (ZQX) ให้เงินสนับสนุนโครงการ 77 ล้านบาท ไตรมาส 2/2566"


def test_the_ministrys_passages_and_approvals_are_read_every_time(
        make_app: Callable[..., App], db_url: str) -> None:
    """One answerer: an update's approval, rejection and removal change its next answers."""
    app = make_app(database_url=db_url)
    answerer = Answerer(app.db, app.index)
    question = "ZQX สนับสนุนกี่ล้านบาท"
    assert "77" not in answerer.ask(question).render()
    before = app.index.primary_passages()
    with app.db.read() as s:
        assert before == set(primary_passage_ids(s))

    update_id, doc = store_update_with_status(app, CLAIM, "approved")
    answer = answerer.ask(question)  # syncs the index: the update's passage is added
    assert answer.found and answer.point.startswith("77 ล้านบาท"), answer.point
    with app.db.read() as s:
        own = {p.id for p in s.scalars(select(Passage).where(Passage.document_id == doc))}
    assert own and own <= app.index.primary_passages()

    # Rejected after being approved: nothing changed in the index, the next answer
    # already leaves it out.
    set_update_status(app, update_id, "rejected")
    assert "77" not in answerer.ask(question).render()
    set_update_status(app, update_id, "approved")
    assert answerer.ask(question).point.startswith("77 ล้านบาท")

    remove(app.db, app.index, doc)
    answer = answerer.ask(question)
    assert "77" not in answer.render()
    assert app.index.primary_passages() == before


def test_neighbours_are_the_documents_order_whatever_the_ids(app: App) -> None:
    """Neighbours are the passages before and after in the document, whatever their ids."""
    with app.db.write() as s:
        docs = []
        for k in range(3):
            d = Document(kind="text", title=f"เอกสาร {k}", content_hash=f"near-{k}", text="")
            s.add(d)
            s.flush()
            docs.append(d.id)
        # Document 0's passages interleaved with document 1's, and one added much later.
        order = [(0, 0), (0, 1), (1, 0), (0, 2), (1, 1), (2, 0), (1, 2), (0, 3), (2, 1)]
        for doc, ordinal in order:
            s.add(Passage(document_id=docs[doc], ordinal=ordinal, section="paragraph",
                          text=f"ข้อความ {doc}-{ordinal}"))
            s.flush()
        gone = s.scalars(select(Passage).where(Passage.document_id == docs[1],
                                               Passage.ordinal == 1)).one()
        s.delete(gone)  # a gap in document 1: ordinals 0 and 2 have no neighbour there
    with app.db.read() as s:
        rows = list(s.execute(select(Passage.id, Passage.document_id, Passage.ordinal,
                                     Passage.text).where(Passage.document_id.in_(docs))))
    hits = app.index.hits([(r.id, 1.0) for r in rows])
    assert len(hits) == len(rows) == 8
    by_place = {(r.document_id, r.ordinal): r.text for r in rows}
    got = app.index.neighbours(hits)
    for h in hits:
        assert got[h.passage_id] == (by_place.get((h.doc_id, h.ordinal - 1), ""),
                                     by_place.get((h.doc_id, h.ordinal + 1), "")), h
    assert got[next(h.passage_id for h in hits if h.text == "ข้อความ 0-2")] == (
        "ข้อความ 0-1", "ข้อความ 0-3")
    assert got[next(h.passage_id for h in hits if h.text == "ข้อความ 1-0")] == ("", "")
