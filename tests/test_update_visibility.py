"""An officer's update answers questions only once approved (deny by default).

Found by trying the product with approvals on: a pending update claiming "GIZ" was a
fraudulent company answered "GIZ คืออะไร" and "GIZ สนับสนุนกี่ล้านบาท" for everyone,
cited as a progress report, before any manager had seen it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select
from stored_updates import set_update_status, store_update_with_status

from bot.answering import Answerer
from indexer.tokenize import tokenize

CLAIM = ("ความร่วมมือกับบริษัทตัวอย่างปลอมจำกัด (ZQX) ได้รับเงินสนับสนุนโครงการ "
         "99 ล้านบาท ไตรมาส 2/2566")


@pytest.mark.parametrize("status", ["pending", "rejected"])
def test_an_update_not_approved_answers_no_question(make_app: Callable[..., Any],
                                                    status: str) -> None:
    app = make_app()
    update_id, _ = store_update_with_status(app, CLAIM, status)
    app.index.sync()
    answerer = Answerer(app.db, app.index)
    for question in ("ZQX คืออะไร", "ZQX สนับสนุนกี่ล้านบาท"):
        ans = answerer.ask(question)
        assert not ans.found or "ZQX" not in ans.render(), ans.render()
    assert not any("ZQX" in h.text for h in answerer.search("ZQX สนับสนุน"))
    # Approved, the same update answers.
    set_update_status(app, update_id, "approved")
    ans = answerer.ask("ZQX สนับสนุนกี่ล้านบาท")
    assert ans.found and ans.point.startswith("99 ล้านบาท"), ans.point


def test_a_disbursement_question_counts_the_quarters_approved_updates(
        make_app: Callable[..., Any]) -> None:
    # /summary adds the quarter's approved updates to the form's disbursement; the
    # answer to "ผลการเบิกจ่ายเท่าไร" must not say otherwise under the form's citation.
    from decimal import Decimal

    app = make_app()
    for n, status in enumerate(("approved", "pending")):  # approval applies: a manager's
        store_update_with_status(app, "เบิกจ่าย 250,000 บาท", status, message_id=f"d{n}",
                                 amount_baht=Decimal(250_000),
                                 decided_by="telegram:9001" if status == "approved" else None)
    answerer = Answerer(app.db, app.index)
    ans = answerer.ask("ผลการเบิกจ่ายเท่าไร")
    assert ans.found and ans.point.startswith(
        "250,000 บาท (0.25 ล้านบาท) — ผลการเบิกจ่าย ไตรมาส 2/2566"), ans.point
    assert "อัปเดตที่อนุมัติแล้ว 250,000 บาท" in ans.point  # the pending one is not counted
    # The citation names what the figure is made of: the form holds 0 บาท of it.
    source = ans.render().splitlines()[-1]
    assert source.endswith("และอัปเดตความคืบหน้าที่อนุมัติแล้ว 1 รายการของไตรมาสนั้น"), source
    english = answerer.ask("How much was disbursed?")
    assert english.found and english.render().splitlines()[-1].endswith(
        "and 1 approved progress update of that quarter"), english.render()
    # The target is the form's, whatever was paid since (a tester read the 250,000 paid
    # as the target); the amount paid is said beside it.
    target = answerer.ask("เป้าหมายการเบิกจ่ายเท่าไร")
    assert target.point.startswith("0 บาท — เป้าหมายการเบิกจ่าย ไตรมาส 2/2566"), target.point
    assert "ผลการเบิกจ่าย 250,000 บาท" in target.point, target.point
    # A field the updates do not touch cites the form alone.
    budget = answerer.ask("งบประมาณโครงการเท่าไร").render().splitlines()[-1]
    assert "อัปเดต" not in budget and "แบบรายงาน" in budget, budget
    # A quarter the project has no form for is said so, not answered from another.
    other = answerer.ask("ไตรมาส 3 ผลการเบิกจ่ายเท่าไร")
    assert not other.found and "ไตรมาส 2/2566" in other.point, other.point


@pytest.mark.parametrize("order", ["bm25", "model"])
def test_search_command_lists_no_update_before_approval(
        make_app: Callable[..., Any], run: Any, order: str) -> None:
    """``sdgbot search`` in either order: a pending update is left out, the next best
    passages take its places (k of them), and once approved it is listed."""
    app = make_app()
    home = app.settings.home
    update_id, doc_id = store_update_with_status(app, CLAIM, "pending")
    app.index.sync()
    query = "ZQX สนับสนุน ล้านบาท ไตรมาส"
    # Without the update's document, k passages still come (the index holds many more).
    unfiltered = app.index.search_tokens(tokenize(query), 5)
    assert any(pid in _passages_of(app, doc_id) for pid, _ in unfiltered)
    res = run(home, "search", "--json", "-k", "5", "--order", order, query)
    assert res.code == 0, res.err
    hits = res.json()["hits"]
    assert len(hits) == 5
    assert all(h["doc_id"] != doc_id and "ZQX" not in h["text"] for h in hits)
    lines = run(home, "search", "--json", "-k", "5", "--order", order, "-",
                stdin=f"{query}\nZQX\n").json_lines()
    assert all(h["doc_id"] != doc_id for line in lines for h in line["hits"])
    set_update_status(app, update_id, "approved")
    hits = run(home, "search", "--json", "-k", "5", "--order", order, query).json()["hits"]
    assert any(h["doc_id"] == doc_id for h in hits)


def _passages_of(app: Any, doc_id: int | None) -> set[int]:
    from knowledge.models import Passage

    with app.db.read() as s:
        return set(s.scalars(select(Passage.id).where(Passage.document_id == doc_id)))


@pytest.mark.parametrize("db_url", ["sqlite", "postgresql"], indirect=True)
def test_hidden_documents_change_at_the_next_query_of_a_running_process(
        make_app: Callable[..., Any], db_url: str) -> None:
    """The hits' read leaves hidden documents out in the same statement: in one process
    (one index, its pooled connection), an approval, a rejection, a superseding version
    and its removal each show at the very next search and answer, in either order."""
    from knowledge.models import Document

    app = make_app(database_url=db_url)
    update_id, doc_id = store_update_with_status(app, CLAIM, "pending")
    app.index.sync()
    answerer = Answerer(app.db, app.index)
    query = "ZQX สนับสนุน ล้านบาท ไตรมาส"

    passages = sorted(_passages_of(app, doc_id))

    def shown() -> tuple[bool, bool]:
        bm25 = any(h.doc_id == doc_id for h in app.index.search(query, 5))
        model = any(h.doc_id == doc_id for h in answerer.search(query, 5))
        # The dates read to pick the newest releases leave hidden documents out alike.
        dated = bool(app.index.passage_dates(passages))
        assert dated == bm25, (dated, bm25)
        return bm25, model

    def answered() -> bool:
        ans = answerer.ask("ZQX สนับสนุนกี่ล้านบาท")
        return ans.found and "ZQX" in ans.render()

    assert shown() == (False, False) and not answered()
    set_update_status(app, update_id, "approved")
    assert shown() == (True, True) and answered()
    set_update_status(app, update_id, "rejected")
    assert shown() == (False, False) and not answered()
    set_update_status(app, update_id, "approved")
    with app.db.write() as s:  # a newer version of the document came: this one is hidden
        other = s.scalar(select(Document.id).where(Document.id != doc_id).limit(1))
        s.get(Document, doc_id).superseded_by = other
    assert shown() == (False, False) and not answered()
    with app.db.write() as s:  # the newer version removed: current again
        s.get(Document, doc_id).superseded_by = None
    assert shown() == (True, True) and answered()


@pytest.mark.parametrize("db_url", ["sqlite", "postgresql"], indirect=True)
def test_searches_within_one_held_connection_see_each_change(
        make_app: Callable[..., Any], db_url: str) -> None:
    """``sdgbot search -`` holds one pooled connection for all its queries on SQLite
    (:meth:`SearchIndex.one_connection`): the searches check nothing out of the pool, and
    an approval, a rejection and a new passage committed meanwhile by other connections
    still show at the very next search."""
    from sqlalchemy import event

    app = make_app(database_url=db_url)
    update_id, doc_id = store_update_with_status(app, CLAIM, "pending")
    app.index.sync()
    query = "ZQX สนับสนุน ล้านบาท ไตรมาส"
    checkouts: list[object] = []
    event.listen(app.db.engine, "checkout", lambda *a: checkouts.append(a))

    held = db_url.startswith("sqlite")  # PostgreSQL checks a connection out per read

    def shown(doc: int, *, new_passages: bool = False) -> bool:
        before = len(checkouts)
        hits = app.index.search(query, 5)
        # the probe and the hits by the held connection (adding new passages to the
        # index reads them by sessions of their own)
        assert new_passages or not held or len(checkouts) == before
        return any(h.doc_id == doc for h in hits)

    with app.index.one_connection():
        assert not shown(doc_id)
        set_update_status(app, update_id, "approved")
        assert shown(doc_id)
        set_update_status(app, update_id, "rejected")
        assert not shown(doc_id)
        _, new_doc = store_update_with_status(app, CLAIM.replace("99", "98"), "approved",
                                              message_id="m2")
        assert shown(new_doc, new_passages=True)  # found by the probe, synced
    before = len(checkouts)
    assert app.index.search(query, 5)
    assert len(checkouts) == before + 1 or not held  # outside: a checkout a search again
