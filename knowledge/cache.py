"""Data derived from bundled files, cached on disk so that fresh processes skip deriving it.

A one-shot command (``sdgbot ask``) pays for everything it derives before its first
answer: cleaning the tokenizer's 60,000 words, sorting PyThaiNLP's list, flattening the
answer model's trees.  Each is written once to the cache folder, named by a key of what
it was derived from, in :mod:`marshal` format (read in milliseconds; only built-in types,
so reading it runs no code).  A cache file that is missing, unreadable or of another
Python version is simply derived again; one that cannot be written is skipped.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import tempfile
from pathlib import Path
from typing import Any

__all__ = ["cache_dir", "join_lines", "load_marshal", "save_marshal", "split_lines"]


def cache_dir() -> Path:
    """Where derived data is cached: ``$SDGBOT_CACHE``, else the XDG cache folder."""
    explicit = os.environ.get("SDGBOT_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sdgbot"


def load_marshal(path: Path) -> object | None:
    """The data in a cache file, or None when it is absent or unreadable."""
    try:
        data: object = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return data


def save_marshal(path: Path, data: Any) -> None:
    """Write a cache file atomically; when it cannot be written, do nothing."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(marshal.dumps(data))
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except (OSError, ValueError):  # ValueError: data marshal cannot write
        pass


def join_lines(words: tuple[str, ...]) -> str | tuple[str, ...]:
    """``words`` as one string, a word a line, for :func:`save_marshal`.

    As given when a word holds a line break.  A word list read back by :func:`split_lines`
    costs about half of reading the tuple itself (one string decoded, then split, instead
    of 60,000 strings decoded one by one: ~8 of ~16 ms a list, two lists in a fresh
    ``sdgbot ask``).
    """
    if any("\n" in w for w in words):
        return words
    return "\n".join(words)


def split_lines(data: object) -> tuple[str, ...] | None:
    """The word list :func:`join_lines` made (a tuple of strings as is); None for other data."""
    if isinstance(data, str):
        return tuple(data.split("\n")) if data else ()
    if isinstance(data, tuple) and all(isinstance(w, str) for w in data[:9]):
        return data
    return None
