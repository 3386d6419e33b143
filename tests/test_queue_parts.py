"""The queue's pieces in one process, on PostgreSQL: journal, dead letter, enqueue, index.

The delivery journal across a worker's death between a send and its record (LINE's
single-use reply token and push retry key keep the reply single), the dead letter of
a job that keeps failing, one job per event however often it is enqueued, the index
follower that hears of another process's commit through LISTEN/NOTIFY, and the
background catch-up that loads the index another process saved instead of
re-tokenising its batch.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import subprocess
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from conftest import PG_URL, _pg_available, reset_pg
from fake_line import PUSH_PATH, FakeLine
from fake_telegram import FakeTelegram, message_update
from sqlalchemy import select, text
from topology import (
    LINE_SECRET,
    LINE_TOKEN,
    ROOT,
    TELEGRAM_TOKEN,
    line_text_event,
    sdgbot_command,
)

from bot.app import App, open_app
from bot.config import Settings
from bot.queue import store
from bot.queue.journal import Sending
from bot.queue.runtime import Runtime
from bot.queue.schema import apply_queue_schema
from bot.queue.tasks import MAX_ATTEMPTS, make_queue
from bot.replies import Message, Reply
from indexer.follow import IndexFollower
from indexer.service import BACKGROUND_FROM, SearchIndex
from knowledge.db import Database
from knowledge.ingest import store_documents
from knowledge.models import InboundEvent
from knowledge.parsers import parse_plain

STAFF = "U" + "1" * 32
_n = itertools.count(1)

pytestmark = pytest.mark.skipif(not _pg_available(), reason="PostgreSQL not reachable")


def _ids() -> tuple[str, str, str]:
    n = next(_n)
    return f"01HQUEUEPART{n:014d}", f"replypart{n:08d}", f"49{n:016d}"


@pytest.fixture
def fakes() -> Iterator[tuple[FakeLine, FakeTelegram]]:
    with FakeLine(token=LINE_TOKEN) as line, FakeTelegram(token=TELEGRAM_TOKEN) as tg:
        yield line, tg
    assert not line.errors, line.errors


@pytest.fixture
def app(tmp_path: Path, fakes: tuple[FakeLine, FakeTelegram]) -> Iterator[App]:
    line, tg = fakes
    reset_pg(PG_URL)
    settings = Settings(home=tmp_path / "home", database_url=PG_URL, line_secret=LINE_SECRET,
                        line_token=LINE_TOKEN, line_api=line.url,
                        telegram_token=TELEGRAM_TOKEN, telegram_api=tg.base_url)
    a = open_app(settings)
    apply_queue_schema(PG_URL)  # what `sdgbot migrate` adds on PostgreSQL
    try:
        yield a
    finally:
        a.close()


@pytest.fixture
def runtime(app: App, tmp_path: Path) -> Runtime:
    return Runtime(app, app.settings, media_dir=tmp_path / "media")


async def attempt(rt: Runtime, key: str, n: int) -> BaseException | None:
    """Run job ``key`` as its ``n``-th attempt; what it raised, if anything."""
    try:
        await rt.run(key, n)
    except Exception as exc:
        return exc
    return None




def _accept(rt: Runtime, key: str, platform: str, payload: dict[str, Any]) -> None:
    with rt.db.write() as s:
        assert store.accept_event(s, key, platform, json.dumps(payload, ensure_ascii=False))


def _status(db: Database, key: str) -> str | None:
    with db.read() as s:
        return s.scalar(select(InboundEvent.status).where(InboundEvent.key == key))


class SevenParts:
    """A core whose answer is seven LINE messages: a reply of five, then a push of two."""

    def handle(self, msg: Message) -> list[Reply]:
        return [Reply(f"ส่วนที่ {i}\n" + "ก" * 4900) for i in range(7)]


def test_a_reply_sent_before_the_worker_died_is_not_sent_again(
    runtime: Runtime, fakes: tuple[FakeLine, FakeTelegram],
) -> None:
    """The worker dies between a push and its record (the journal's narrowest window)."""
    line, _ = fakes
    assert runtime.line is not None
    runtime.line.core = SevenParts()  # type: ignore[assignment]
    event_id, token, message_id = _ids()
    key = f"line:{event_id}"
    _accept(runtime, key, "line", line_text_event("ยาว", STAFF, event_id, token, message_id))
    real_done = Sending.done
    calls = {"n": 0}

    async def dies_after_sending(self: Sending, response: str | None) -> None:
        calls["n"] += 1
        if calls["n"] == 2:  # the push went out; its record did not
            raise ConnectionError("worker killed")
        await real_done(self, response)

    statuses: list[str | None] = []

    async def scenario() -> None:
        Sending.done = dies_after_sending  # type: ignore[method-assign]
        try:
            first = await attempt(runtime, key, 0)
        finally:
            Sending.done = real_done  # type: ignore[method-assign]
        assert isinstance(first, ConnectionError)
        statuses.append(_status(runtime.db, key))
        assert await attempt(runtime, key, 1) is None  # the retry
        statuses.append(_status(runtime.db, key))
        seen = len(line.calls)
        assert await attempt(runtime, key, 2) is None  # once more: the event is done
        assert len(line.calls) == seen
        await runtime.stop()

    asyncio.run(scenario())
    assert statuses == ["queued", "done"]
    delivered = [c for c in line.calls if c.status == 200]
    assert [len(c.body["messages"]) for c in delivered] == [5, 2]
    assert [c.status for c in line.calls if c.path == PUSH_PATH] == [200, 409]


def test_a_reply_whose_token_was_used_by_the_dead_attempt_is_not_pushed(
    runtime: Runtime, fakes: tuple[FakeLine, FakeTelegram],
) -> None:
    line, _ = fakes
    assert runtime.line is not None
    event_id, token, message_id = _ids()
    key = f"line:{event_id}"
    _accept(runtime, key, "line", line_text_event("/help", STAFF, event_id, token, message_id))
    real_done = Sending.done

    async def dies(self: Sending, response: str | None) -> None:
        raise ConnectionError("worker killed")

    async def scenario() -> None:
        Sending.done = dies  # type: ignore[method-assign]
        try:
            assert isinstance(await attempt(runtime, key, 0), ConnectionError)
        finally:
            Sending.done = real_done  # type: ignore[method-assign]
        assert await attempt(runtime, key, 1) is None
        await runtime.stop()

    asyncio.run(scenario())
    assert [c.status for c in line.calls] == [200, 400]  # the retry's reply is refused
    assert not [c for c in line.calls if c.path == PUSH_PATH]
    assert _status(runtime.db, key) == "done"


def test_a_redelivery_whose_reply_token_is_refused_is_not_pushed(
    runtime: Runtime, fakes: tuple[FakeLine, FakeTelegram],
) -> None:
    """Fault B: a redelivered message's used token is refused (400); no push follows."""
    line, _ = fakes
    assert runtime.line is not None
    runtime.line.core = SevenParts()  # type: ignore[assignment]  # a reply, then a push
    event_id, token, message_id = _ids()
    key = f"line:msg:{message_id}"
    line.reply_status = 400
    _accept(runtime, key, "line", line_text_event("ยาว", STAFF, event_id, token, message_id,
                                                  True))

    async def scenario() -> None:
        assert await attempt(runtime, key, 0) is None
        await runtime.stop()

    try:
        asyncio.run(scenario())
    finally:
        line.reply_status = 200
    assert [c.status for c in line.calls] == [400]  # the refused reply, nothing after it
    assert _status(runtime.db, key) == "done"


def test_a_job_that_keeps_failing_goes_to_the_dead_letter(runtime: Runtime) -> None:
    key = "line:broken-event"
    _accept(runtime, key, "line", {"type": "message", "no": "such shape"})
    states: list[str | None] = []

    async def scenario() -> list[BaseException | None]:
        out = []
        for n in range(MAX_ATTEMPTS + 1):  # the last: a job run after the dead letter
            out.append(await attempt(runtime, key, n))
            states.append(_status(runtime.db, key))
        await runtime.stop()
        return out

    raised = asyncio.run(scenario())
    assert all(isinstance(e, Exception) for e in raised[:MAX_ATTEMPTS])
    assert raised[MAX_ATTEMPTS] is None  # never run again
    assert states == ["queued"] * (MAX_ATTEMPTS - 1) + ["failed", "failed"]
    with runtime.db.read() as s:
        (failed,) = store.failed_events(s)
    assert failed["key"] == key and failed["attempts"] == MAX_ATTEMPTS and failed["error"]
    # Admins see it in chat, with its error; others may not look.
    from bot.users import add_user

    with runtime.db.write() as s:
        add_user(s, "telegram:5099", "admin", actor="test")
        add_user(s, "telegram:5098", "manager", actor="test")
    [shown] = runtime.core.handle(Message("telegram", "5099", "/jobs"))
    assert "ล้มเหลว 1 งาน" in shown.text and key in shown.text
    assert failed["error"].split(":")[0] in shown.text
    [refused] = runtime.core.handle(Message("telegram", "5098", "/jobs"))
    assert key not in refused.text and "admin" in refused.text


def test_enqueue_stores_once_and_defers_one_job(app: App) -> None:
    queue = make_queue(PG_URL)
    items = [("telegram:1", "telegram", "{}"), ("telegram:2", "telegram", "{}")]
    assert store.enqueue_events(app.db, queue, items) == 2
    assert store.enqueue_events(app.db, queue, items) == 0
    with app.db.read() as s:
        jobs = s.execute(text("SELECT args->>'key' FROM procrastinate_jobs ORDER BY id")).all()
    assert [j[0] for j in jobs] == ["telegram:1", "telegram:2"]


def _news(n: int, word: str) -> list[Any]:
    return [parse_plain(f"{word} แห่งที่ {i} ส่งนมให้โรงเรียน {i * 7} แห่ง",
                        title=f"ข่าว {word} ฉบับที่ {i}", kind="news") for i in range(n)]


def test_the_follower_hears_another_process_commit(app: App) -> None:
    from bot.queue.tasks import conninfo

    follower = IndexFollower(app.index, conninfo(PG_URL), poll=30.0)
    follower.start()
    try:
        size = app.index.size
        time.sleep(0.5)  # listening
        other = Database(PG_URL)
        with other.write() as s:
            store_documents(s, _news(3, "สหกรณ์โคนมหนองโพ"))
        other.dispose()
        deadline = time.monotonic() + 20
        while app.index.size < size + 3:  # no search was made: the notice did it
            assert time.monotonic() < deadline, "the index did not follow"
            time.sleep(0.05)
        assert follower.notices >= 1
    finally:
        follower.stop()


def test_catch_up_loads_the_index_another_process_saved(
    app: App, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """After a large ingest elsewhere, the catch-up loads the saved files (no re-tokenising)."""
    app.index.background_from = BACKGROUND_FROM
    size = app.index.size
    other = open_app(Settings(home=app.settings.home, database_url=PG_URL))  # same data folder
    with other.db.write() as s:
        store_documents(s, _news(BACKGROUND_FROM + 50, "โคนมหนองโพ"))
    other.index.sync(wait=True)
    other.index.save_if_dirty()
    other.close()
    real = SearchIndex._tokens

    def counted(self: SearchIndex, rows: Sequence[Any], progress: Any, pool: Any) -> Any:
        assert len(rows) <= BACKGROUND_FROM, "the batch was tokenised again"
        return real(self, rows, progress, pool)

    monkeypatch.setattr(SearchIndex, "_tokens", counted)
    assert app.index.sync() == 0  # returns at once: caught up behind
    assert app.index.wait_for_catch_up(60)
    assert app.index.size >= size + BACKGROUND_FROM + 50
    assert app.index.lag() == 0


def test_a_catch_up_from_the_saved_index_does_not_write_it_again(
    app: App, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A worker that loaded the ingest's saved index writes nothing for a few passages more.

    Writing the whole index again (~150 MB for 140,000 passages, with an fsync) in a
    serving process, in every worker of the host, delays the database's commits the
    replies wait for; what those few passages lack is read again from the database.
    """
    app.index.background_from = BACKGROUND_FROM
    saves: list[int] = []
    real_save = SearchIndex.save

    def counted(self: SearchIndex) -> None:
        if self is app.index:
            saves.append(self.size)
        real_save(self)

    monkeypatch.setattr(SearchIndex, "save", counted)
    other = open_app(Settings(home=app.settings.home, database_url=PG_URL))  # same data folder
    with other.db.write() as s:
        store_documents(s, _news(BACKGROUND_FROM + 50, "ผ้าไหมบ้านเขว้า"))
    with other.db.write() as s:  # an officer's update, committed before the ingest saved
        store_documents(s, _news(3, "ตลาดน้ำดำเนิน"))
    with other.db.read() as s:
        held = s.scalar(text("SELECT max(id) FROM passages"))
    real_rows = SearchIndex._rows

    def without_the_update(self: SearchIndex, s: Any, after: int, limit: int | None = None
                           ) -> Any:  # the ingest's index ends before the update
        return [r for r in real_rows(self, s, after, limit=limit) if r.id <= held - 3]

    monkeypatch.setattr(SearchIndex, "_rows", without_the_update)
    other.index.sync(wait=True)
    other.index.save_if_dirty()
    other.close()
    monkeypatch.setattr(SearchIndex, "_rows", real_rows)
    assert app.index.sync() == 0
    assert app.index.wait_for_catch_up(60)
    assert app.index.lag() == 0 and app.index.search("ตลาดน้ำดำเนิน", sync=False)
    assert saves == []


def test_a_large_batch_committed_below_newer_passages_is_not_read_by_a_request(
    app: App, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An ingest's one long transaction, and an update committed meanwhile with a higher id.

    The update moves the index's highest id past the ingest's ids (a gap).  Once the
    ingest commits, a request neither reads nor tokenises its passages: the index
    counts them as missing, and the catch-up loads the index the ingesting process
    saved, which is ahead by size although not by its highest id.
    """
    app.index.background_from = BACKGROUND_FROM
    app.index.saved_wait = 30.0
    size = app.index.size
    ingest = Database(PG_URL)
    update = Database(PG_URL)
    try:
        with ingest.write() as big:
            store_documents(big, _news(BACKGROUND_FROM + 80, "ขนมไทยเมืองเพชร"))
            with update.write() as small:  # committed first, with a higher id
                store_documents(small, _news(1, "ฝายชะลอน้ำบ้านใหม่"))
            assert app.index.sync() == 1  # the update; the ingest's ids are a gap
        # The ingest has committed: it indexes its batch and saves (same data folder).
        other = open_app(Settings(home=app.settings.home, database_url=PG_URL))
        other.index.sync(wait=True)
        other.index.save_if_dirty()
        other.close()
    finally:
        ingest.dispose()
        update.dispose()
    assert app.index.count_pending() == BACKGROUND_FROM + 80  # the gap's passages count
    real = SearchIndex._tokens
    tokenised: list[int] = []

    def counted(self: SearchIndex, rows: Sequence[Any], progress: Any, pool: Any) -> Any:
        tokenised.append(len(rows))
        return real(self, rows, progress, pool)

    monkeypatch.setattr(SearchIndex, "_tokens", counted)
    assert app.index.sync() == 0  # at once: nothing read or tokenised for the request
    assert app.index.wait_for_catch_up(60)
    assert all(n <= BACKGROUND_FROM for n in tokenised), tokenised  # the saved one loaded
    assert app.index.size == size + BACKGROUND_FROM + 81 and app.index.lag() == 0
    assert app.index.search("ขนมไทยเมืองเพชร", sync=False)


def test_a_catch_up_with_no_saved_index_runs_in_another_process(
    app: App, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Nobody saves the batch (ingested on another host): a child process indexes it."""
    import indexer.service

    monkeypatch.setattr(indexer.service, "SAVED_FROM", 300)
    follower = IndexFollower(app.index, "")  # configures the index; not started
    assert app.index.build_elsewhere is not None and follower.notices == 0
    app.index.saved_wait = 0.5
    size = app.index.size
    other = Database(PG_URL)
    with other.write() as s:
        store_documents(s, _news(400, "ผ้าทอนาหมื่นศรี"))
    other.dispose()
    real = SearchIndex._tokens
    tokenised: list[int] = []

    def counted(self: SearchIndex, rows: Sequence[Any], progress: Any, pool: Any) -> Any:
        tokenised.append(len(rows))
        return real(self, rows, progress, pool)

    monkeypatch.setattr(SearchIndex, "_tokens", counted)
    assert app.index.sync() == 0
    assert app.index.wait_for_catch_up(300)
    assert not tokenised, "the batch was tokenised in the serving process"
    assert app.index.size == size + 400 and app.index.lag() == 0


def test_serve_and_worker_refuse_sqlite(tmp_path: Path) -> None:
    for args in (["serve"], ["worker"]):
        env = {"SDGBOT_HOME": str(tmp_path), "LINE_CHANNEL_SECRET": "x" * 20,
               "LINE_CHANNEL_ACCESS_TOKEN": "y" * 20, "PATH": "/usr/bin:/bin",
               "PYTHAINLP_OFFLINE": "1"}
        done = subprocess.run([*sdgbot_command(), *args], env=env, cwd=ROOT,
                              capture_output=True, text=True, timeout=60, check=False)
        assert done.returncode == 1 and "PostgreSQL" in done.stderr, done.stderr


def test_telegram_sends_recorded_before_the_worker_died_are_replayed_not_sent(
    runtime: Runtime, fakes: tuple[FakeLine, FakeTelegram],
) -> None:
    """Killed after its replies went out but before the event was marked done."""
    _, tg = fakes
    with runtime.db.write() as s:
        from bot.users import add_user

        add_user(s, "telegram:5005", "manager", actor="test")
    update = message_update("/help", 5005)
    update["update_id"] = 4242
    key = "telegram:4242"
    _accept(runtime, key, "telegram", update)
    real_done = Runtime._done

    def dies(self: Runtime, key: str) -> None:
        raise ConnectionError("worker killed")

    async def scenario() -> None:
        await runtime.start()
        Runtime._done = dies  # type: ignore[method-assign]
        try:
            assert isinstance(await attempt(runtime, key, 0), ConnectionError)
        finally:
            Runtime._done = real_done  # type: ignore[method-assign]
        assert await attempt(runtime, key, 1) is None
        await runtime.stop()

    asyncio.run(scenario())
    helps = [c for c in tg.calls_of("sendMessage") if "/update" in str(c.params.get("text"))]
    assert len(helps) == 1
    assert _status(runtime.db, key) == "done"
    tg.assert_clean()


def test_a_button_answer_made_by_the_attempt_that_died_is_not_made_twice(
    runtime: Runtime, fakes: tuple[FakeLine, FakeTelegram],
) -> None:
    """Killed between Telegram's answer to answerCallbackQuery and its record.

    The retry's answer is refused (Telegram takes one per press), which tells that the
    dead attempt made it: taken as done, and the command's reply is sent once.
    """
    from fake_telegram import callback_update

    from bot.users import add_user

    _, tg = fakes
    with runtime.db.write() as s:
        add_user(s, "telegram:5006", "manager", actor="test")
    update = callback_update("cmd:/help", 5006)
    update["update_id"] = 4343
    key = "telegram:4343"
    _accept(runtime, key, "telegram", update)
    real_done = Sending.done

    async def dies(self: Sending, response: str | None) -> None:
        raise ConnectionError("worker killed")  # the call was made; its record is lost

    async def scenario() -> None:
        await runtime.start()
        Sending.done = dies  # type: ignore[method-assign]
        try:
            assert await attempt(runtime, key, 0) is not None  # the job failed
        finally:
            Sending.done = real_done  # type: ignore[method-assign]
        assert await attempt(runtime, key, 1) is None
        await runtime.stop()

    asyncio.run(scenario())
    answers = tg.calls_of("answerCallbackQuery")
    assert len(answers) == 2 and len(tg.answered) == 1  # the repeat was refused
    helps = [c for c in tg.calls_of("sendMessage") if "/update" in str(c.params.get("text"))]
    assert len(helps) == 1
    assert _status(runtime.db, key) == "done"


def test_done_events_are_forgotten_after_a_week_and_failed_ones_kept(app: App) -> None:
    import datetime as dt

    with app.db.write() as s:
        for key in ("old", "new", "dead"):
            store.accept_event(s, key, "line", "{}")
        store.mark_done(s, "old")
        store.mark_done(s, "new")
        store.record_failure(s, "dead", "boom", final=True)
        s.execute(text("UPDATE inbound_events SET done_at = now() - interval '8 days', "
                       "received_at = now() - interval '8 days' WHERE key IN ('old', 'dead')"))
    with app.db.write() as s:
        assert store.prune_done(s, dt.timedelta(days=7)) == 1
    with app.db.read() as s:
        keys = set(s.scalars(select(InboundEvent.key)))
    assert keys == {"new", "dead"}


def test_the_web_enqueue_makes_the_same_jobs_as_procrastinates_defer(app: App) -> None:
    """One statement (events + Procrastinate's deferral function) = the library's defer."""
    from bot.queue.enqueue import AsyncEnqueuer

    # The Python API's way (procrastinate's defer on our transaction), for comparison.
    store.enqueue_events(app.db, make_queue(PG_URL), [("line:api", "line", "{}")])
    enqueuer = AsyncEnqueuer(PG_URL)

    async def scenario() -> list[int]:
        await enqueuer.open()
        try:
            items = [("line:a", "line", '{"n": 1}'), ("line:b", "line", '{"n": 2}')]
            return [await enqueuer.enqueue(items), await enqueuer.enqueue(items),
                    await enqueuer.enqueue([("line:c", "line", "{}"), ("line:a", "line", "{}")])]
        finally:
            await enqueuer.close()

    assert asyncio.run(scenario()) == [2, 0, 1]
    columns = "queue_name, task_name, priority, lock, queueing_lock, args, status, attempts"
    with app.db.read() as s:
        rows = s.execute(text(f"SELECT {columns} FROM procrastinate_jobs ORDER BY id")).all()
        payloads = dict(s.execute(text("SELECT key, payload FROM inbound_events")).all())
    reference, *mine = [tuple(r) for r in rows]
    assert [r[5]["key"] for r in mine] == ["line:a", "line:b", "line:c"]
    for row in mine:
        assert row[:5] + row[6:] == reference[:5] + reference[6:]
    assert payloads["line:a"] == '{"n": 1}'  # the first delivery's payload is kept


# -- issue 15's field features through the queue path ------------------------------------------
def _png(size: tuple[int, int] = (24, 18)) -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def _plain(call: Any) -> str:
    import html

    return html.unescape(str(call.params.get("text") or call.params.get("caption") or ""))


def _buttons(call: Any) -> list[dict[str, str]]:
    markup = call.params.get("reply_markup") or {"inline_keyboard": []}
    return [b for row in markup["inline_keyboard"] for b in row]


def test_telegram_guided_update_with_photo_and_approval_through_the_queue(
    app: App, fakes: tuple[FakeLine, FakeTelegram], tmp_path: Path,
) -> None:
    """Buttons (callback queries) and a photo reach the core, and SDGBOT_APPROVAL holds."""
    import dataclasses

    from fake_telegram import callback_update, photo_update

    from bot.users import add_user
    from knowledge.models import Notification, ProgressUpdate, UpdateEvidence

    _, tg = fakes
    with app.db.write() as s:
        add_user(s, "telegram:5201", "officer", actor="test")
        add_user(s, "telegram:5301", "manager", actor="test")
    rt = Runtime(app, dataclasses.replace(app.settings, approval="all"),
                 media_dir=tmp_path / "media")
    image = _png()
    tg.add_file("queued-photo", image, name="photo.jpg", folder="photos")
    ids = itertools.count(7000)

    async def send(update: dict[str, Any]) -> None:
        update["update_id"] = n = next(ids)
        _accept(rt, f"telegram:{n}", "telegram", update)
        assert await attempt(rt, f"telegram:{n}", 0) is None

    def last_to_officer() -> Any:
        return [c for c in tg.calls_of("sendMessage")
                if str(c.params.get("chat_id")) == "5201"][-1]

    async def scenario() -> None:
        await rt.start()
        try:
            await send(message_update("/update", 5201))
            project = next(b for b in _buttons(last_to_officer())
                           if b["text"].startswith("[1]"))
            await send(callback_update(project["callback_data"], 5201))
            assert "ขั้นที่ 2/3" in _plain(last_to_officer())
            before = len(tg.calls_of("sendMessage"))
            await send(photo_update(5201, "queued-photo", len(image)))
            said = "\n".join(_plain(c) for c in tg.calls_of("sendMessage")[before:])
            assert "รับรูปประกอบแล้ว" in said and "รูปประกอบ: 1 ไฟล์" in said
            await send(message_update("ตั้งธนาคารขยะเพิ่ม 3 แห่ง ผ่านคิวงาน", 5201))
            confirm = last_to_officer()
            assert "ขั้นที่ 3/3" in _plain(confirm) and "รูปประกอบ: 1 ไฟล์" in _plain(confirm)
            save = next(b for b in _buttons(confirm) if b["text"].startswith("✅"))
            await send(callback_update(save["callback_data"], 5201))
        finally:
            await rt.stop()

    asyncio.run(scenario())
    assert tg.calls_of("answerCallbackQuery")
    assert [c.params["file_id"] for c in tg.calls_of("getFile")] == ["queued-photo"]
    with app.db.read() as s:
        [update] = s.scalars(select(ProgressUpdate).where(
            ProgressUpdate.external_user_id == "5201")).all()
        assert update.status == "pending"  # approval "all": waits for a manager
        [ev] = s.scalars(select(UpdateEvidence)).all()
        assert ev.update_id == update.id and ev.data == image
        notes = s.scalars(select(Notification)).all()
        assert [(n.external_user_id, n.status) for n in notes] == [("5301", "queued")]
        note_id = notes[0].id
        jobs = s.execute(text("SELECT args->>'key' FROM procrastinate_jobs")).scalars().all()
    # The worker handed the manager's notification to the queue as a push job...
    key = f"push:notification:{note_id}"
    assert key in jobs
    assert not [c for c in tg.calls_of("sendMessage") if str(c.params["chat_id"]) == "5301"]

    async def push() -> None:
        await rt.start()
        try:
            assert await attempt(rt, key, 0) is None
        finally:
            await rt.stop()

    asyncio.run(push())  # ...which a worker sends
    [told] = [c for c in tg.calls_of("sendMessage") if str(c.params["chat_id"]) == "5301"]
    assert _buttons(told)  # approve / reject
    with app.db.read() as s:
        assert s.get(Notification, note_id).status == "sent"  # type: ignore[union-attr]
    tg.assert_clean()


def test_line_guided_update_with_image_and_postbacks_through_the_queue(
    runtime: Runtime, fakes: tuple[FakeLine, FakeTelegram],
) -> None:
    """LINE postbacks and an image sent in chat reach the core through the queue."""
    from bot.users import add_user
    from knowledge.models import ProgressUpdate, UpdateEvidence

    line, _ = fakes
    user = "U" + "c" * 32
    with runtime.db.write() as s:
        add_user(s, f"line:{user}", "officer", actor="test")
    image = _png((20, 20))
    line.add_content("8001", image)
    n = itertools.count(1)

    def event(kind: str, **extra: Any) -> dict[str, Any]:
        i = next(n)
        return {"type": kind, "mode": "active", "timestamp": int(time.time() * 1000),
                "source": {"type": "user", "userId": user},
                "webhookEventId": f"01HQUEUEFIELD{i:013d}",
                "deliveryContext": {"isRedelivery": False},
                "replyToken": f"queuefield{i:06d}", **extra}

    async def send(raw: dict[str, Any]) -> None:
        key = f"line:{raw['webhookEventId']}"
        _accept(runtime, key, "line", raw)
        assert await attempt(runtime, key, 0) is None

    def last() -> list[dict[str, Any]]:
        return list(line.calls[-1].body["messages"])

    def text() -> str:
        return "\n".join(m["text"] for m in last() if m.get("type") == "text")

    def postback(label: str) -> str:
        items = (last()[-1].get("quickReply") or {"items": []})["items"]
        return next(str(i["action"]["data"]) for i in items if label in i["action"]["label"])

    async def scenario() -> None:
        await runtime.start()
        try:
            await send(event("message", message={"id": "5000001", "type": "text",
                                                 "quoteToken": "q1", "text": "/update"}))
            await send(event("postback", postback={"data": postback("[1]")}))
            assert "ขั้นที่ 2/3" in text()
            await send(event("message", message={"id": "8001", "type": "image",
                                                 "quoteToken": "qimg",
                                                 "contentProvider": {"type": "line"}}))
            assert "รับรูปประกอบแล้ว" in text()
            await send(event("message", message={"id": "5000002", "type": "text",
                                                 "quoteToken": "q2",
                                                 "text": "ตั้งธนาคารขยะเพิ่ม 3 แห่ง ผ่านคิวงาน"}))
            assert "รูปประกอบ: 1 ไฟล์" in text()
            await send(event("postback", postback={"data": postback("✅")}))
            assert "บันทึกความคืบหน้าแล้ว" in text()
        finally:
            await runtime.stop()

    asyncio.run(scenario())
    with runtime.db.read() as s:
        [update] = s.scalars(select(ProgressUpdate).where(
            ProgressUpdate.external_user_id == user)).all()
        assert update.status == "approved" and update.platform == "line"
        [ev] = s.scalars(select(UpdateEvidence)).all()
        assert ev.update_id == update.id and ev.data == image
