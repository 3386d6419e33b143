"""``/evidence UPDATE_ID``: a manager sees the photos and PDFs behind an update.

The files are kept in the database (:class:`~knowledge.models.UpdateEvidence`); to send
them, each is written into the media folder under a random name (128 bits: nobody can
guess it, which matters on LINE, where an image is sent as a link the platform fetches)
and given to the adapter as a reply: a photo as an image (WebP and GIF made PNG, the
types every platform shows), a PDF as a file.  The copies are deleted after a day.

Deny by default: managers (and above) only, and only for an update of a project in
their scope; an officer sees the files of their own updates.  Pending updates included:
that is what a manager looks at before deciding.
"""

from __future__ import annotations

import io
import logging
import re
import tempfile
import time
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.atomic_file import save_atomically
from bot.conversation.lang import Words
from bot.replies import Reply
from bot.users import Identity, has_role
from knowledge.assignments import find_user, in_scope, scope_of
from knowledge.db import Database
from knowledge.ids import typed_id
from knowledge.models import MAX_ID, ProgressUpdate, UpdateEvidence
from knowledge.textcut import shorten

__all__ = ["EVIDENCE_ROLE", "evidence_replies"]

log = logging.getLogger(__name__)

#: The role that sees any update's evidence in its scope.
EVIDENCE_ROLE = "manager"
_MAX_AGE_S = 24 * 3600
_ID = re.compile(r"^#?([0-9๐-๙]+)$")
#: ``/evidence``'s words, Thai and English (see :mod:`bot.conversation.lang`).
WORDS = Words({
    "usage": ("ใช้: /evidence รหัสรายงาน (เลขหลัง # ในข้อความยืนยันการบันทึกหรือข้อความแจ้งเตือน)",
              "Usage: /evidence UPDATE_ID (the number after # in the saved confirmation or "
              "a notification)."),
    "none": ("ไม่พบรายงาน #{uid}", "There is no update #{uid}."),
    "outside": ("ขออภัย รายงาน #{uid} อยู่นอกขอบเขตของคุณ",
                "Sorry, update #{uid} is outside your scope."),
    "head": ("📷 หลักฐานของรายงาน #{uid} [{pid}] {name} ({status}): {n} ไฟล์",
             "📷 Evidence of update #{uid} [{pid}] {name} ({status}): {n:file|files}"),
    "empty": ("รายงานนี้ไม่มีรูปหรือไฟล์ประกอบ", "This update has no photos or files."),
    "failed": ("{i}. {name}: ส่งไม่ได้ในขณะนี้ กรุณาลองใหม่",
               "{i}. {name}: cannot be sent just now; please try again."),
    "pending": ("รออนุมัติ", "waiting for approval"),
    "approved": ("อนุมัติแล้ว", "approved"),
    "saved": ("บันทึกแล้ว", "saved"),
    "rejected": ("ไม่อนุมัติ", "rejected"),
})


def _status(row: ProgressUpdate, en: bool) -> str:
    """The update's state in words: "approved" only when a manager approved it."""
    if row.status == "approved" and not row.decided_by:  # no approval was required
        return WORDS("saved", en)
    known = row.status in ("pending", "approved", "rejected")
    return WORDS(row.status, en) if known else row.status


class EvidenceHost(Protocol):
    """What the view needs of the core: the database and a media folder."""

    db: Database
    media_dir: Path | None


def _folder(host: EvidenceHost) -> Path:
    folder = host.media_dir or Path(tempfile.gettempdir()) / "sdgbot-media"
    folder.mkdir(parents=True, exist_ok=True)
    cutoff = time.time() - _MAX_AGE_S
    for old in folder.glob("evidence-*"):
        try:
            if old.stat().st_mtime < cutoff:
                old.unlink()
        except OSError:
            pass  # another worker removed it first
    return folder


def _copy(folder: Path, mime: str, data: bytes) -> tuple[Path, bool]:
    """Write one file for sending; ``(path, is_image)``."""
    name = f"evidence-{uuid.uuid4().hex}"
    if mime == "application/pdf":
        path = folder / f"{name}.pdf"
        save_atomically(path, lambda tmp: Path(tmp).write_bytes(data))
        return path, False
    if mime in ("image/jpeg", "image/png"):
        path = folder / f"{name}{'.jpg' if mime == 'image/jpeg' else '.png'}"
        save_atomically(path, lambda tmp: Path(tmp).write_bytes(data))
        return path, True
    from PIL import Image  # WebP, GIF: shown everywhere as PNG (the first frame)

    with Image.open(io.BytesIO(data)) as img:
        buf = io.BytesIO()
        img.convert("RGBA").save(buf, "PNG")
    path = folder / f"{name}.png"
    save_atomically(path, lambda tmp: Path(tmp).write_bytes(buf.getvalue()))
    return path, True


def _may_see(session: Session, who: Identity, row: ProgressUpdate) -> bool:
    if (row.platform, row.external_user_id) == (who.platform, who.external_id):
        return True
    if not has_role(who.role, EVIDENCE_ROLE):
        return False
    scope = scope_of(find_user(session, who.platform, who.external_id))
    return in_scope(scope, row.project.agency)


def evidence_replies(host: EvidenceHost, who: Identity, arg: str) -> list[Reply]:
    """The ``/evidence ID`` command: a line about the update, then each file."""
    m = _ID.match(arg.strip())
    en = who.english
    if not m:
        return [Reply(WORDS("usage", en))]
    update_id = typed_id(m.group(1))
    with host.db.read() as s:
        row = s.get(ProgressUpdate, update_id) if 1 <= update_id <= MAX_ID else None
        if row is None:
            return [Reply(WORDS("none", en, uid=update_id))]
        if not _may_see(s, who, row):
            return [Reply(WORDS("outside", en, uid=update_id))]
        files: Sequence[tuple[str, str, bytes]] = [
            (f.mime, f.filename, f.data) for f in s.scalars(
                select(UpdateEvidence).where(UpdateEvidence.update_id == update_id)
                .order_by(UpdateEvidence.id))]
        status = _status(row, en)
        head = WORDS("head", en, uid=update_id, pid=row.project_id,
                     name=shorten(row.project.name, 60), status=status, n=len(files))
    if not files:
        return [Reply(f"{head}\n{WORDS('empty', en)}")]
    folder = _folder(host)
    replies = [Reply(head)]
    for i, (mime, filename, data) in enumerate(files, 1):
        try:
            path, is_image = _copy(folder, mime, data)
        except OSError:
            log.exception("could not copy evidence of update %s for sending", update_id)
            replies.append(Reply(WORDS("failed", en, i=i, name=filename)))
            continue
        caption = f"{i}/{len(files)} · {filename}"
        replies.append(Reply(caption, image=path, meta={"caption": True}) if is_image
                       else Reply(caption, file=path, meta={"caption": True}))
    return replies
