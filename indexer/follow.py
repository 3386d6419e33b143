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
"""

from __future__ import annotations

import logging
import threading
import time

import psycopg

from indexer.service import BACKGROUND_FROM, SearchIndex

__all__ = ["CHANNEL", "IndexFollower"]

log = logging.getLogger(__name__)

CHANNEL = "sdgbot_index"


class IndexFollower:
    """A thread that syncs ``index`` whenever PostgreSQL says passages changed."""

    def __init__(self, index: SearchIndex, conninfo: str, *, poll: float = 5.0) -> None:
        """Follow the database at ``conninfo`` (libpq form); sync at least every ``poll`` s."""
        self.index = index
        self.conninfo = conninfo
        self.poll = poll
        if index.background_from is None:
            index.background_from = BACKGROUND_FROM
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
