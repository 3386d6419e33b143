"""The answerer's per-passage caches never serve what the documents no longer say.

The cleaned passage texts and the candidates of a passage region are kept between
questions (:mod:`bot.answering.reading`), keyed by the text itself: a document edited,
re-ingested or removed must change the next answer in the same process.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.answering import Answerer
from bot.answering.reading import CANDIDATE_CACHE, CLEAN_CACHE, candidates_of, clean_passage
from bot.app import App, open_app
from bot.config import Settings
from bot.documents import ingest_paths, remove
from knowledge.models import Document

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
