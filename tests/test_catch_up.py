"""A big commit by another process never stalls the next request (issue 13, fault 6).

After ``sdgbot ingest`` of many articles in another process, the first request a
worker handled re-tokenised every new passage inline (36.7 s for a ``/update``).
Requests are now served from the index as it stands while it catches up behind.
The catch-up is held at a gate here, so "the request did not wait for it" is a fact
of ordering, not of timing.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any

import pytest

from bot.core import Core, Message, Reply
from indexer.service import BACKGROUND_FROM, SearchIndex
from knowledge.db import Database
from knowledge.ingest import store_documents
from knowledge.parsers import parse_plain

NEW_WORD = "สหกรณ์โคนมหนองโพ"


def ask(core: Core, text: str, n: list[int] = [0]) -> list[Reply]:  # noqa: B006 - a counter
    n[0] += 1
    return core.handle(Message("console", "local", text, message_id=f"c{n[0]}"))


def test_request_after_a_large_foreign_commit_is_served_from_the_old_index(
    make_app: Callable[..., Any], db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    app: Any = make_app(database_url=db_url)
    core = Core(app.db, app.index)
    assert "ธนาคารขยะ" in ask(core, "/search ธนาคารขยะ")[0].text
    size = app.index.size

    # Another process (its own engine) commits a large ingest.
    other = Database(app.settings.db_url if db_url.startswith("sqlite") else db_url)
    n_docs = BACKGROUND_FROM + 44
    docs = [parse_plain(f"{NEW_WORD} แห่งที่ {i} ส่งนมให้โรงเรียน {i * 7} แห่ง",
                        title=f"ข่าว {NEW_WORD} ฉบับที่ {i}", kind="news") for i in range(n_docs)]
    with other.write() as s:
        added = store_documents(s, docs)
    other.dispose()
    assert added.passages >= n_docs > BACKGROUND_FROM

    gate, entered = threading.Event(), threading.Event()
    real = SearchIndex._submit_tokens

    def gated(self: SearchIndex, rows: Sequence[Any], progress: Any, pool: Any) -> Any:
        if len(rows) > BACKGROUND_FROM:  # the catch-up of the big commit
            entered.set()
            gate.wait(120)
        return real(self, rows, progress, pool)

    monkeypatch.setattr(SearchIndex, "_submit_tokens", gated)
    answers: list[list[Reply]] = []
    request = threading.Thread(target=lambda: answers.extend(
        [ask(core, "/search ธนาคารขยะ"), ask(core, "ธนาคารขยะตั้งแล้วกี่แห่ง"),
         ask(core, f"/search {NEW_WORD}")]))
    try:
        request.start()
        request.join(60)
        assert not request.is_alive(), "a request waited for the index to catch up"
        assert entered.wait(30), "no catch-up was started"
        search, question, new = answers
        assert "ธนาคารขยะ" in search[0].text  # served from the index as it stands
        assert "14,658" in question[0].text
        assert f"ข่าว {NEW_WORD}" not in new[0].text  # not caught up yet
        assert app.index.size == size and app.index.catching_up
    finally:
        gate.set()
    assert app.index.wait_for_catch_up(120)
    assert app.index.size >= size + n_docs
    assert f"ข่าว {NEW_WORD}" in ask(core, f"/search {NEW_WORD}")[0].text  # caught up since


def test_small_commit_is_searchable_at_once(make_app: Callable[..., Any]) -> None:
    app: Any = make_app()
    core = Core(app.db, app.index)
    with app.db.write() as s:
        store_documents(s, [parse_plain(f"{NEW_WORD} ส่งนม", title="ข่าวเดียว", kind="news")])
    assert "ข่าวเดียว" in ask(core, f"/search {NEW_WORD}")[0].text
    assert not app.index.catching_up


def test_command_line_sync_still_waits(make_app: Callable[..., Any]) -> None:
    app: Any = make_app()
    assert app.index.background_from is None  # no core: the command line's index
    with app.db.write() as s:
        store_documents(s, [parse_plain(f"{NEW_WORD} {i}", title=f"t{i}", kind="news")
                            for i in range(BACKGROUND_FROM + 10)])
    assert app.index.sync() >= BACKGROUND_FROM + 10
    assert not app.index.catching_up


def test_a_request_waiting_for_the_sync_lock_never_waits_for_the_catch_up(
    make_app: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 16: a request that queued for the lock behind the sync that started a catch-up
    got the lock only after the whole catch-up (four minutes under load)."""
    import time

    app: Any = make_app()
    index: SearchIndex = app.index
    index.background_from = BACKGROUND_FROM
    with app.db.write() as s:
        store_documents(s, [parse_plain(f"{NEW_WORD} ฉบับที่ {i}", title=f"ข่าว {i}",
                                        kind="news") for i in range(BACKGROUND_FROM + 10)])
    gate, in_count = threading.Event(), threading.Event()
    real_count, real_sync = SearchIndex.count_pending, SearchIndex._sync

    def slow_count(self: SearchIndex) -> int:
        if threading.current_thread().name == "first":
            in_count.set()
            time.sleep(0.5)  # the first sync holds the lock while it decides
        return real_count(self)

    def gated_sync(self: SearchIndex, progress: Any) -> int:
        if threading.current_thread().name == "index-catch-up":
            gate.wait(60)
        return real_sync(self, progress)

    class CatchUpFirst:
        """The sync lock, handed to the catch-up before a request that queued for it
        (the scheduler's choice that stalled a worker; made certain here)."""

        def __init__(self) -> None:
            self.lock = threading.RLock()
            self.taken = threading.Event()

        def acquire(self, blocking: bool = True, timeout: float = -1) -> bool:
            name = threading.current_thread().name
            if name == "index-catch-up":
                got = self.lock.acquire()
                self.taken.set()
                return got
            if blocking and timeout == -1 and name != "first":
                self.taken.wait(10)
            return self.lock.acquire(blocking, timeout)

        def release(self) -> None:
            self.lock.release()

        def __enter__(self) -> bool:
            return self.acquire()

        def __exit__(self, *exc: object) -> None:
            self.release()

    index._sync_lock = CatchUpFirst()  # type: ignore[assignment]
    monkeypatch.setattr(SearchIndex, "count_pending", slow_count)
    monkeypatch.setattr(SearchIndex, "_sync", gated_sync)
    first = threading.Thread(target=index.sync, name="first")
    took: list[float] = []

    def request() -> None:
        t0 = time.monotonic()
        index.sync()
        took.append(time.monotonic() - t0)

    try:
        first.start()
        assert in_count.wait(10)
        second = threading.Thread(target=request)
        second.start()  # queues for the lock the first sync holds
        second.join(20)
        assert took and took[0] < 5.0, "the request waited for the catch-up"
        deadline = time.monotonic() + 10  # the first sync starts it once it has decided
        while not index.catching_up:
            assert time.monotonic() < deadline, "no catch-up was started"
            time.sleep(0.01)
    finally:
        gate.set()
        first.join(20)
    assert index.wait_for_catch_up(60)


def test_searches_go_on_while_the_index_is_written_and_requests_never_write_it(
    make_app: Callable[..., Any],
) -> None:
    """Issue 16: a request that saved the index held the search lock while it waited for
    the folder's lock, which another process (an ingest) held: every search stalled."""
    import time

    from indexer.store import _locked
    from indexer.tokenize import tokenize

    app: Any = make_app()
    index: SearchIndex = app.index
    index.background_from = BACKGROUND_FROM
    with app.db.write() as s:
        store_documents(s, [parse_plain(f"{NEW_WORD} ฉบับที่ {i}", title=f"ข่าว {i}",
                                        kind="news") for i in range(3)])
    index.sync()
    assert index._unsaved
    with _locked(index.root):  # another process is writing the index files
        t0 = time.monotonic()
        index.save_if_dirty()  # a request's call: nothing to wait for
        assert time.monotonic() - t0 < 1.0
        saver = threading.Thread(target=index.save)  # the catch-up's save: waits
        saver.start()
        time.sleep(0.3)
        assert saver.is_alive()
        t0 = time.monotonic()
        assert index.search_tokens(tokenize(NEW_WORD), 3)
        assert time.monotonic() - t0 < 1.0  # searches go on meanwhile
    saver.join(10)
    assert not saver.is_alive() and not index._unsaved


def test_a_batch_committed_after_the_count_is_left_to_the_catch_up(
    make_app: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 16: the count said "a few", a large commit landed before the read, and the
    sync (in the index follower) tokenised it all while every request waited."""
    app: Any = make_app()
    index: SearchIndex = app.index
    index.background_from = BACKGROUND_FROM
    size = index.size
    with app.db.write() as s:
        store_documents(s, [parse_plain(f"{NEW_WORD} ฉบับที่ {i}", title=f"ข่าว {i}",
                                        kind="news") for i in range(BACKGROUND_FROM + 50)])
    gate = threading.Event()
    real_sync = SearchIndex._sync
    sizes: list[int] = []

    def gated(self: SearchIndex, progress: Any, **kw: Any) -> int:
        if threading.current_thread().name == "index-catch-up":
            gate.wait(60)
        elif kw.get("budget") is not None:
            sizes.append(kw["budget"])
        return real_sync(self, progress, **kw)

    monkeypatch.setattr(SearchIndex, "count_pending", lambda self: 0)  # "a few"
    monkeypatch.setattr(SearchIndex, "_sync", gated)
    try:
        added = index.sync()
        assert added <= BACKGROUND_FROM and sizes == [BACKGROUND_FROM]
        assert index.catching_up  # the rest is the catch-up's
        assert index.size == size + added
    finally:
        gate.set()
    assert index.wait_for_catch_up(60)
    assert index.size >= size + BACKGROUND_FROM + 50


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_a_batch_committing_while_a_request_reads_its_gap_is_left_to_the_catch_up(
    make_app: Callable[..., Any], db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 16: an ingest's open transaction holds ids below an update committed meanwhile
    (a gap).  A request's sync counted what had appeared in the gap (nothing: the ingest
    was still open), the ingest committed, and the read that followed took the whole
    batch, which the request then tokenised inline (one question waited 23.7 s at the
    ingest's commit).  The read of a gap is bounded by itself, whenever the commit lands.
    """
    from sqlalchemy.orm import Session

    app: Any = make_app(database_url=db_url)
    index: SearchIndex = app.index
    index.background_from = BACKGROUND_FROM
    index.sync()
    size = index.size
    n_docs = BACKGROUND_FROM + 50
    ingest = Session(app.db.engine)  # another process's ingest: ids taken, not committed
    try:
        store_documents(ingest, [parse_plain(f"{NEW_WORD} ฉบับที่ {i}", title=f"ข่าว {i}",
                                             kind="news") for i in range(n_docs)])
        ingest.flush()
        with app.db.write() as s:  # an officer's update commits above the batch's ids
            store_documents(s, [parse_plain("ขุดสระเก็บน้ำชุมชนเพิ่ม 3 แห่ง", title="รายงาน")])
        assert index.sync() == 1
        assert index.pending_gaps >= n_docs  # the batch's ids: a gap, looked for each sync

        real_rows, real_sync = SearchIndex._rows, SearchIndex._sync
        gate, tokenised = threading.Event(), []

        def rows(self: SearchIndex, session: Any, after: int, where: Any = None,
                 limit: int | None = None) -> Any:
            if where is not None and ingest.in_transaction():
                ingest.commit()  # the ingest commits just as the request reads its gap
            return real_rows(self, session, after, where, limit)

        def gated(self: SearchIndex, progress: Any, **kw: Any) -> int:
            if threading.current_thread().name == "index-catch-up":
                gate.wait(60)
            return real_sync(self, progress, **kw)

        real_tokens = SearchIndex._submit_tokens

        def counted(self: SearchIndex, rows_: Sequence[Any], progress: Any, pool: Any) -> Any:
            if threading.current_thread() is threading.main_thread():
                tokenised.append(len(rows_))
            return real_tokens(self, rows_, progress, pool)

        monkeypatch.setattr(SearchIndex, "_rows", rows)
        monkeypatch.setattr(SearchIndex, "_sync", gated)
        monkeypatch.setattr(SearchIndex, "_submit_tokens", counted)
        try:
            added = index.sync()  # a request's
            assert not ingest.in_transaction()  # the commit landed inside that sync
            assert added <= BACKGROUND_FROM and sum(tokenised) <= BACKGROUND_FROM + 1
            assert index.catching_up and index.size == size + 1 + added
        finally:
            gate.set()
    finally:
        ingest.close()
    assert index.wait_for_catch_up(60)
    assert index.size >= size + 1 + n_docs
