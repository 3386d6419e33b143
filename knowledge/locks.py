"""An exclusive advisory lock on a file, shared by the processes of one data folder.

The index store (``root/.lock``), the builder of a large catch-up
(``root/.catch-up.lock``) and the makers of ``/summary``'s files (one lock file per
set of files) all take turns the same way: ``flock`` on a file opened for the purpose.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

__all__ = ["exclusive_lock"]


@contextlib.contextmanager
def exclusive_lock(
    path: Path, fallback: contextlib.AbstractContextManager[object] | None = None
) -> Iterator[None]:
    """Hold an exclusive ``flock`` on ``path`` (created if missing) until the block ends.

    Waited for without holding the GIL.  ``flock`` locks belong to an open file, so two
    threads of one process exclude each other too.  Where ``fcntl`` is missing (not
    POSIX) ``fallback`` is held instead (a ``threading.Lock`` for exclusion within the
    process), or nothing.  Raises ``OSError`` when the file cannot be opened.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        with fallback if fallback is not None else contextlib.nullcontext():
            yield
        return
    with open(path, "a+b") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
