"""The files of a folder as ``sdgbot ingest`` reads them: no link followed out of it.

A folder given to ``sdgbot ingest`` is walked recursively, but only inside itself:

* a symbolic link to a file is read only when the file it leads to is inside the
  folder (``weird/passwd.txt -> /etc/passwd`` is not read: whatever is stored is
  searchable by every staff member);
* a symbolic link to a folder is never followed (its files, when inside, are read at
  their own place; a link cannot loop or lead out);
* a hidden file or folder (a name starting with ".") is not read;
* a broken link, a FIFO, a socket or a device is not read (a FIFO would block).

Each of these is said, one :class:`Skipped` line per file (one per hidden or linked
folder), never passed over silently.  A file named on its own that is a link is judged
against its own folder (:func:`named_link_reason`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from knowledge.textcut import shorten

__all__ = ["Skipped", "folder_files", "link_reason", "named_link_reason"]

HIDDEN_FILE = ("ชื่อขึ้นต้นด้วยจุด (ไฟล์ซ่อน) จึงไม่ได้อ่าน หากต้องการเพิ่ม กรุณาระบุชื่อไฟล์นี้โดยตรง "
               "(a hidden file, its name starts with '.': not read; name it on its own to add it)")
HIDDEN_FOLDER = ("โฟลเดอร์ซ่อน (ชื่อขึ้นต้นด้วยจุด) จึงไม่ได้อ่านไฟล์ข้างใน "
                 "(a hidden folder, its name starts with '.': its files were not read)")
LINKED_FOLDER = ("เป็นลิงก์ไปยังโฟลเดอร์ จึงไม่ได้ตามเข้าไปอ่าน "
                 "(a symbolic link to a folder: not followed)")
BROKEN_LINK = "เป็นลิงก์ที่ไม่มีไฟล์ปลายทาง (a broken symbolic link)"
NOT_REGULAR = "ไม่ใช่ไฟล์ปกติ จึงไม่ได้อ่าน (not a regular file: not read)"


@dataclass(frozen=True)
class Skipped:
    """A file not ingested, with the reason (Thai, then English)."""

    path: Path
    reason: str


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def link_reason(link: Path, folder: Path) -> str | None:
    """Why the symbolic link ``link`` is not read, or None when it leads to a file in ``folder``.

    ``folder`` is resolved (the folder as named may itself be a link).
    """
    try:
        target = link.resolve(strict=True)
    except (OSError, RuntimeError):  # broken, or a loop of links
        return BROKEN_LINK
    if target.is_dir():
        return LINKED_FOLDER
    if not _inside(target, folder):
        shown = shorten(str(target), 80)
        return (f"เป็นลิงก์ที่ชี้ออกนอกโฟลเดอร์ไปยัง {shown} จึงไม่ได้อ่าน "
                f"(a symbolic link out of the folder, to {shown}: not followed)")
    if not target.is_file():
        return NOT_REGULAR
    return None


def named_link_reason(path: Path) -> str | None:
    """Why a file named on its own is not read as a link, or None when it may be read.

    A link named on the command line is judged as one in its folder would be: it is
    read only when it leads to a file in the folder it stands in (``data/current.pdf
    -> v3.pdf``), never out of it (``weird/x.txt -> /etc/passwd``): a list of names
    expanded from a folder (``sdgbot ingest uploads/*``) must not lead out either.
    """
    if not path.is_symlink():
        return None
    return link_reason(path, path.parent.resolve())


def folder_files(folder: Path, skipped: list[Skipped]) -> Iterator[Path]:
    """The files under ``folder`` to read, in sorted path order; the rest into ``skipped``.

    See the module docstring for what is not read.  Every file and skip line comes in
    the order of the sorted paths (as ``sorted(folder.rglob("*"))`` gave them).
    """
    base = folder.resolve()
    found: list[tuple[Path, str | None]] = []
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        here = Path(dirpath)
        keep = []
        for name in dirnames:
            p = here / name
            if p.is_symlink():
                found.append((p, LINKED_FOLDER))
            elif name.startswith("."):
                found.append((p, HIDDEN_FOLDER))
            else:
                keep.append(name)
        dirnames[:] = sorted(keep)
        for name in filenames:
            p = here / name
            if name.startswith("."):
                found.append((p, HIDDEN_FILE))
            elif p.is_symlink():
                found.append((p, link_reason(p, base)))
            elif not p.is_file():
                found.append((p, NOT_REGULAR))
            else:
                found.append((p, None))
    for p, reason in sorted(found):
        if reason is None:
            yield p
        else:
            skipped.append(Skipped(p, reason))
