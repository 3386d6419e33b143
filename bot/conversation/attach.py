"""Evidence added to an update already saved: a reply with a photo, or ``/attach ID``.

After an update is saved the bot's confirmation names it ("รหัสรายงาน #12").  An officer
may then back it with photos or PDFs in two ways:

* send the photo (or PDF) as a *reply* to that confirmation (Telegram's reply): the
  adapter passes the text of the bot's message replied to as ``Message.reply_to``, and
  :func:`reply_target` reads the update's id from it;
* press the confirmation's 📷 button (``/attach ID``; LINE images cannot quote a
  message): a short conversation (:class:`AttachFlow`) takes the photos that follow
  and gives each to the update at once, until ✅ done or the time-out.

Either way the file is checked as during a guided update (size before and after the
download, type by content) and only the update's author may add to it, while it is
pending, or approved without a manager's decision (no approval was required).  An update
a manager approved changes only through a new update; a rejected one not at all.  At
most :data:`~bot.conversation.evidence.MAX_FILES_PER_UPDATE` files per update.
"""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.conversation.base import Host, Incoming, Out, Outcome, Token, button
from bot.conversation.evidence import MAX_FILES_PER_UPDATE, EvidenceError, download_checked
from bot.users import Identity
from knowledge.conversations import (
    add_evidence,
    attach_evidence,
    close_conversation,
    start_conversation,
    step_conversation,
)
from knowledge.models import MAX_ID, Conversation, ProgressUpdate, UpdateEvidence
from knowledge.thai import FiscalQuarter, to_arabic_digits

__all__ = ["KIND", "MARK", "MARK_EN", "AttachFlow", "attach_button", "attach_reply",
           "check_attachable", "reply_target", "saved_mark", "start_attach"]

KIND = "attach"
#: How a saved update's confirmation names it; :func:`reply_target` reads it back.
MARK = "รหัสรายงาน #"
#: The same mark in an English reply (a reply to either names the update).
MARK_EN = "Update ID #"
_MARK_RE = re.compile("(?:" + re.escape(MARK) + "|" + re.escape(MARK_EN) + r")([0-9]{1,10})")
_ID_RE = re.compile(r"^#?([0-9๐-๙]{1,10})$")
DONE = "✅ เสร็จ (done)"


def saved_mark(update_id: int, *, english: bool = False) -> str:
    """The line of a saved update's confirmation that names it (replies find it by it).

    An English reply says :data:`MARK_EN`; :func:`reply_target` reads both.
    """
    if english:
        return (f"{MARK_EN}{update_id} · photos/PDFs: send them as a reply to this message "
                "or press 📷")
    return f"{MARK}{update_id} · แนบรูป/PDF: ส่งเป็นการตอบกลับ (reply) ข้อความนี้ หรือกด 📷"


def attach_button(update_id: int, *, english: bool = False) -> tuple[str, str]:
    """The 📷 button under a saved update's confirmation (its label in the user's language)."""
    return ("📷 Attach photo/PDF" if english else "📷 แนบรูป/PDF"), f"/attach {update_id}"


def reply_target(replied_text: str | None) -> int | None:
    """The update a reply is about: the id after :data:`MARK` (or :data:`MARK_EN`)."""
    m = _MARK_RE.search(replied_text or "")
    return int(m.group(1)) if m else None


def _count(session: Session, update_id: int) -> int:
    return int(session.scalar(select(func.count(UpdateEvidence.id))
                              .where(UpdateEvidence.update_id == update_id)) or 0)


def check_attachable(session: Session, who: Identity, update_id: int,
                     *, lock: bool = False) -> tuple[ProgressUpdate | None, str | None]:
    """The update ``who`` may add evidence to, or a Thai reason why not."""
    if not 1 <= update_id <= MAX_ID:
        return None, f"ไม่พบรายงาน #{update_id}"
    stmt = select(ProgressUpdate).where(ProgressUpdate.id == update_id)
    row = session.scalar(stmt.with_for_update() if lock else stmt)
    if row is None:
        return None, f"ไม่พบรายงาน #{update_id} (อาจถูกยกเลิกด้วย /undo แล้ว)"
    if (row.platform, row.external_user_id) != (who.platform, who.external_id):
        return None, f"ขออภัย รายงาน #{update_id} ไม่ใช่รายงานของคุณ จึงแนบไฟล์ไม่ได้"
    if row.status == "rejected":
        return None, (f"รายงาน #{update_id} ไม่ได้รับการอนุมัติแล้ว จึงแนบไฟล์ไม่ได้ "
                      "กรุณาส่งรายงานใหม่ด้วย /update")
    if row.status == "approved" and row.decided_by:
        return None, (f"รายงาน #{update_id} ได้รับการอนุมัติแล้ว จึงเปลี่ยนไม่ได้ "
                      "หากมีข้อมูลเพิ่ม กรุณาส่งรายงานใหม่ด้วย /update")
    if _count(session, update_id) >= MAX_FILES_PER_UPDATE:
        return None, f"รายงาน #{update_id} มีไฟล์หลักฐานครบ {MAX_FILES_PER_UPDATE} ไฟล์แล้ว"
    return row, None


def attach_reply(host: Host, msg: Incoming, who: Identity, update_id: int) -> list[Out]:
    """A photo or PDF sent in reply to update ``update_id``'s confirmation: add it.

    Checked before the download (who, which update, how many files), downloaded and
    checked by content, then stored in one transaction that checks again (the update
    may have been decided meanwhile).  A redelivered message adds nothing.
    """
    att = msg.attachment
    if att is None:
        return []
    with host.db.read() as s:
        _row, why = check_attachable(s, who, update_id)
    if why:
        return [Out(f"{why} (ไฟล์นี้ไม่ได้เก็บ)")]
    try:
        checked = download_checked(att)
    except EvidenceError as exc:
        return [Out(f"{exc} (ไฟล์นี้ไม่ได้เก็บ)")]
    now = host.clock()
    with host.db.write() as s:
        row, why = check_attachable(s, who, update_id, lock=True)
        if row is None or why:
            return [Out(f"{why} (ไฟล์นี้ไม่ได้เก็บ)")]
        added = add_evidence(
            s, conversation_id=None, update_id=row.id, platform=who.platform,
            source_id=att.source_id, mime=checked.mime, filename=checked.filename,
            sha256=checked.sha256, data=checked.data, width=checked.width,
            height=checked.height, now=now)
        total = _count(s, row.id)
    if not added:
        return [Out(f"📷 ไฟล์นี้แนบกับรายงาน #{update_id} ไว้แล้ว (ไม่บันทึกซ้ำ)")]
    return [Out(f"📷 แนบหลักฐานกับรายงาน #{update_id} แล้ว (รวม {total} ไฟล์)")]


def start_attach(host: Host, msg: Incoming, who: Identity, arg: str) -> list[Out]:
    """``/attach ID``: the next photos or PDFs go to update ``ID``."""
    m = _ID_RE.match(arg.strip())
    if not m:
        return [Out("ใช้: /attach รหัสรายงาน แล้วส่งรูปถ่ายหรือ PDF (รหัสอยู่ในข้อความยืนยันการบันทึก)")]
    update_id = int(to_arabic_digits(m.group(1)))
    now = host.clock()
    with host.db.write() as s:
        _row, why = check_attachable(s, who, update_id)
        if why:
            return [Out(why)]
        conv, _old = start_conversation(
            s, platform=who.platform, external_id=who.external_id, chat_id=msg.chat_id,
            kind=KIND, step="files", data={"update_id": update_id}, now=now)
        return [AttachFlow().render(s, conv, who)]


class AttachFlow:
    """One step: photos and PDFs for a saved update, each given to it as it arrives."""

    kind = KIND
    accepts_files = True
    #: What is pending, as the resume note names it.
    pending = "การแนบรูป/PDF ที่ค้างไว้"

    @staticmethod
    def _update_id(conv: Conversation) -> int:
        return int((conv.data or {})["update_id"])

    def files_held(self, session: Session, conv: Conversation) -> int:
        """The update's files so far (the limit is per update)."""
        return _count(session, self._update_id(conv))

    def render(self, session: Session, conv: Conversation, who: Identity) -> Out:
        """Ask for the files."""
        update_id = self._update_id(conv)
        held = _count(session, update_id)
        return Out(f"📷 ส่งรูปถ่ายหรือไฟล์ PDF เพื่อแนบกับรายงาน #{update_id} "
                   f"(มีแล้ว {held}/{MAX_FILES_PER_UPDATE} ไฟล์) เสร็จแล้วกด ✅",
                   (button(DONE, conv.id, conv.seq, "done"),))

    def on_text(self, session: Session, conv: Conversation, who: Identity, text: str,
                now: dt.datetime, default_quarter: FiscalQuarter) -> Outcome:
        """Text is no file: ``เสร็จ`` ends; anything else ends it too and is answered as usual.

        The files sent so far are the update's already, so ending loses nothing, and
        the chat that follows is not held back by a prompt for photos.
        """
        if text.strip().casefold() in ("เสร็จ", "done", "ok", "ยกเลิก", "cancel"):
            return self.on_press(session, conv, who, Token(conv.id, conv.seq, "done"), now)
        update_id = self._update_id(conv)
        held = _count(session, update_id)
        close_conversation(session, conv, "saved", now)
        return Outcome([Out(f"ℹ️ จบการแนบไฟล์แล้ว รายงาน #{update_id} มีหลักฐาน {held} ไฟล์ "
                            f"(แนบเพิ่มได้ด้วย /attach {update_id})")], release=True)

    def on_press(self, session: Session, conv: Conversation, who: Identity, token: Token,
                 now: dt.datetime) -> Outcome:
        """✅ done: the conversation ends (the files are the update's already)."""
        update_id = self._update_id(conv)
        held = _count(session, update_id)
        close_conversation(session, conv, "saved", now)
        return Outcome([Out(f"✅ เรียบร้อย รายงาน #{update_id} มีหลักฐาน {held} ไฟล์")])

    def on_file(self, session: Session, conv: Conversation, who: Identity, now: dt.datetime,
                added: bool) -> Outcome:
        """A file arrived: give it to the update, if the update still takes files."""
        update_id = self._update_id(conv)
        row, why = check_attachable(session, who, update_id, lock=True)
        if row is None or why:  # decided meanwhile, or full: the file goes with the conversation
            close_conversation(session, conv, "cancelled", now)
            return Outcome([Out(f"{why} (ไฟล์นี้ไม่ได้เก็บ)")])
        attach_evidence(session, conv.id, update_id)
        step_conversation(conv, now=now)
        note = (f"📷 แนบกับรายงาน #{update_id} แล้ว" if added
                else "📷 ไฟล์นี้ได้รับไว้แล้ว")
        return Outcome([Out(note), self.render(session, conv, who)])

    @staticmethod
    def closed_answer(session: Session, conv: Conversation) -> Out:
        """A press after the end."""
        return Out("การแนบไฟล์นี้สิ้นสุดไปแล้ว (this is over)")
