"""The one check of a name asked for under ``GET /media/{name}``: a file of the folder only.

Both web servers (``sdgbot line`` and the queue deployment's ASGI app) serve charts,
workbooks and evidence from the media folder.  A name is served only when it is a plain
file name of an allowed type (letters, digits, ``_ . -``; no path, no hidden name) and
the file it resolves to, symbolic links followed, stands in the folder itself: a link
in the folder to a file elsewhere (``link.png -> /etc/passwd``) is not served.
"""

from __future__ import annotations

import re
from pathlib import Path

__all__ = ["media_file"]


def media_file(folder: Path, name: str, suffixes: tuple[str, ...]) -> Path | None:
    """The file ``name`` of ``folder`` to serve, or None (answer 404).

    ``suffixes``: the types served, without the dot (``("png", "jpg", "jpeg")``).
    """
    kinds = "|".join(re.escape(s) for s in suffixes)
    if not re.fullmatch(rf"[A-Za-z0-9][A-Za-z0-9_.-]{{0,150}}\.(?:{kinds})", name):
        return None
    root = folder.resolve()
    path = (root / name).resolve()
    if path.parent != root or not path.is_file():
        return None
    return path
