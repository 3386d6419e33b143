"""Keep a serving process's index in step: PostgreSQL ``LISTEN/NOTIFY`` and a background sync.

Migration ``0009_queue`` puts statement triggers on ``passages`` and ``index_state``
that ``NOTIFY sdgbot_index`` when a transaction that changed them commits.  An
:class:`IndexFollower` listens on that channel on its own connection, in a thread, and
syncs the index as soon as it hears of a change (and every ``poll`` seconds anyway,
should a notice be missed while the connection was down).  The index is in background
mode (:attr:`SearchIndex.background_from`): a handful of new passages (an officer's
update) is added here at once; a large batch (another process's ingest) is caught up
by the index's background thread, from the index files that process saved when they
are ahead, while requests are served from the index as it stands.  So a request never
re-tokenises a large batch, and rarely waits for anything: by the time it comes, the
follower has usually synced already.

When no saved index comes (the ingest ran on another host, or took longer than the
wait), the catch-up is not made in the serving process either: a child process
(:func:`catch_up_elsewhere`, at a lower CPU priority, one per data folder) brings the
saved index up to the database and saves it, and the serving process loads the
result.  Tokenising a batch in a thread of the serving process would hold the GIL the
request threads need (a reply waited seconds behind it).
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import threading
import time
from pathlib import Path

import psycopg

from indexer.bm25 import BM25Params
from indexer.service import BACKGROUND_FROM, SearchIndex, builder_lock
from indexer.store import saved_meta
from knowledge.db import Database

__all__ = ["CHANNEL", "IndexFollower", "catch_up_elsewhere"]

log = logging.getLogger(__name__)

CHANNEL = "sdgbot_index"
#: Niceness added to the process that catches the saved index up, below the requests'.
BUILD_NICE = 10
#: Seconds a catch-up process may take before it is given up (the thread then indexes).
BUILD_TIMEOUT = 3600.0


def _build(db_url: str, root: str, params: tuple[float, float, float], processes: int,
           nice: int) -> None:
    """The catch-up process: load the saved index, add what the database holds, save."""
    with contextlib.suppress(OSError):
        os.nice(nice)
    db = Database(db_url)
    try:
        index = SearchIndex(db, Path(root), BM25Params(*params), processes=processes)
        index.holds_builder_lock = False  # the serving process that started it holds it
        index.sync(wait=True)
        index.save_if_dirty()
    finally:
        db.dispose()


def catch_up_elsewhere(index: SearchIndex, *, stop: threading.Event | None = None,
                       nice: int = BUILD_NICE, timeout: float = BUILD_TIMEOUT) -> bool:
    """Bring ``index``'s saved files up to the database in a child process; True when saved.

    Everything heavy of a large catch-up (reading the passages, tokenising them,
    inverting them) then happens outside the serving process, at a lower CPU
    priority: its threads that answer requests never wait for the GIL behind it, and
    the result is loaded from the saved files (memory-mapped, a fraction of a second).
    One builder runs per data folder (:func:`~indexer.service.builder_lock`): another
    worker of the host, or an ``sdgbot ingest`` still indexing its batch, is waited for,
    and what it saved is loaded instead.  False when the process failed or ``stop`` was
    set (the caller then indexes in its own thread).
    """
    root = index.root
    before = saved_meta(root) or {}
    with builder_lock(root):
        after = saved_meta(root) or {}
        if after.get("saved_at") != before.get("saved_at"):
            return True  # another worker's process saved meanwhile: load that
        p = index.params
        child = multiprocessing.get_context("spawn").Process(
            target=_build, name="index-catch-up",
            args=(index.db.url.render_as_string(hide_password=False), str(root),
                  (p.k1, p.b, p.epsilon), index.processes, nice))  # it has children: not daemonic
        t0 = time.monotonic()
        child.start()
        while child.is_alive():
            child.join(1.0)
            if (stop is not None and stop.is_set()) or time.monotonic() - t0 > timeout:
                child.terminate()
                child.join(10.0)
                return False
        if child.exitcode != 0:
            log.warning("index catch-up process failed (exit %s); indexing here",
                        child.exitcode)
            return False
        log.info("index caught up by a separate process in %.1f s", time.monotonic() - t0)
        return True


class IndexFollower:
    """A thread that syncs ``index`` whenever PostgreSQL says passages changed."""

    def __init__(self, index: SearchIndex, conninfo: str, *, poll: float = 5.0) -> None:
        """Follow the database at ``conninfo`` (libpq form); sync at least every ``poll`` s."""
        self.index = index
        self.conninfo = conninfo
        self.poll = poll
        if index.background_from is None:
            index.background_from = BACKGROUND_FROM
        if index.build_elsewhere is None:  # a large catch-up runs outside this process
            index.build_elsewhere = lambda: catch_up_elsewhere(index, stop=index.stopping)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._conn: psycopg.Connection[tuple[object, ...]] | None = None
        #: Notices heard (for tests and logs).
        self.notices = 0

    def start(self) -> None:
        """Start listening (returns at once)."""
        self._thread = threading.Thread(target=self._run, name="index-follower", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop listening and wait for the thread."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _sync(self) -> None:
        try:
            self.index.sync(wait=False)
        except Exception:
            log.exception("index sync after a change notice failed; the next one retries")

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                with psycopg.connect(self.conninfo, autocommit=True) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    self._sync()  # whatever changed while we were not listening
                    last = time.monotonic()
                    while not self._stop.is_set():
                        heard = 0
                        # Short waits, so that stop() is seen within a second.
                        for _notice in conn.notifies(timeout=min(1.0, self.poll),
                                                     stop_after=1):
                            heard += 1
                        self.notices += heard
                        if heard or time.monotonic() - last >= self.poll:
                            self._sync()
                            last = time.monotonic()
            except psycopg.Error as exc:
                log.warning("index follower lost its connection (%s); reconnecting",
                            type(exc).__name__)
                self._stop.wait(1.0)
