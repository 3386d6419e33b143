"""Files written for people: complete or not at all, with the permissions they expect.

``tempfile.mkstemp`` creates its file with mode 0600 whatever the umask, so a file
renamed into place from it would be unreadable to the colleagues a manager shares a
folder with.  :func:`save_atomically` gives the finished file the mode a plain
``open(path, "w")`` would have (0666 less the process umask) before the rename.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

__all__ = ["current_umask", "save_atomically"]


def current_umask() -> int:
    """The process umask, read without changing it where the system allows (Linux)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)  # elsewhere: read by setting, then restore at once
    os.umask(mask)
    return mask


def save_atomically(path: Path, save: Callable[[str], object]) -> Path:
    """Call ``save(tmp_name)`` to write a file beside ``path``, then rename it to ``path``.

    The file gets mode ``0o666 & ~umask``.  On any failure the temporary file is
    removed and the exception re-raised; ``path`` is then untouched.
    """
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=".sdgbot-", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    try:
        save(tmp)
        os.chmod(tmp, 0o666 & ~current_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
