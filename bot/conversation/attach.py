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
from bot.conversation.lang import (
    Words,
    conversation_english,
)
from bot.conversation.replaced import replaced_note
from bot.users import Identity
from knowledge.conversations import (
    add_evidence,
    attach_evidence,
    close_conversation,
    start_conversation,
    step_conversation,
)
from knowledge.ids import typed_id
from knowledge.models import MAX_ID, Conversation, ProgressUpdate, UpdateEvidence
from knowledge.thai import FiscalQuarter

__all__ = ["DECIDED", "KIND", "MARK", "MARK_EN", "TIED_KINDS", "AttachFlow", "attach_button",
           "attach_reply", "check_attachable", "close_tied", "decided_reason", "reply_target",
           "saved_mark", "start_attach"]

KIND = "attach"
#: How a saved update's confirmation names it; :func:`reply_target` reads it back.
MARK = "รหัสรายงาน #"
#: The same mark in an English reply (a reply to either names the update).
MARK_EN = "Update ID #"
_MARK_RE = re.compile("(?:" + re.escape(MARK) + "|" + re.escape(MARK_EN) + r")([0-9]{1,10})")
_ID_RE = re.compile(r"^#?([0-9๐-๙]+)$")
#: The attachment's words, Thai and English (see :mod:`bot.conversation.lang`).
WORDS = Words({
    "done": ("✅ เสร็จ", "✅ done"),
    "no_update": ("ไม่พบรายงาน #{uid}", "There is no update #{uid}."),
    "gone": ("ไม่พบรายงาน #{uid} (อาจถูกยกเลิกด้วย /undo แล้ว)",
             "There is no update #{uid} (it may have been removed with /undo)."),
    "not_yours": ("ขออภัย รายงาน #{uid} ไม่ใช่รายงานของคุณ จึงแนบไฟล์ไม่ได้",
                  "Sorry, update #{uid} is not yours, so you cannot add files to it."),
    "rejected": ("รายงาน #{uid} ไม่ได้รับการอนุมัติแล้ว จึงแนบไฟล์ไม่ได้ "
                 "กรุณาส่งรายงานใหม่ด้วย /update",
                 "Update #{uid} was rejected, so files can no longer be added to it. "
                 "Please send a new update with /update."),
    "approved": ("รายงาน #{uid} ได้รับการอนุมัติแล้ว จึงเปลี่ยนไม่ได้ "
                 "หากมีข้อมูลเพิ่ม กรุณาส่งรายงานใหม่ด้วย /update",
                 "Update #{uid} was approved, so it can no longer change. If there is more "
                 "to add, please send a new update with /update."),
    "full": ("รายงาน #{uid} มีไฟล์หลักฐานครบ {n} ไฟล์แล้ว",
             "Update #{uid} has its {n:file|files} already."),
    "not_kept": ("{why} (ไฟล์นี้ไม่ได้เก็บ)", "{why} (the file was not kept)"),
    "had": ("📷 ไฟล์นี้แนบกับรายงาน #{uid} ไว้แล้ว (ไม่บันทึกซ้ำ)",
            "📷 This file is on update #{uid} already (not added again)."),
    "added": ("📷 แนบหลักฐานกับรายงาน #{uid} แล้ว (รวม {n} ไฟล์)",
              "📷 Added to update #{uid} ({n:file|files} in all)."),
    "usage": ("ใช้: /attach รหัสรายงาน แล้วส่งรูปถ่ายหรือ PDF (รหัสอยู่ในข้อความยืนยันการบันทึก)",
              "Usage: /attach UPDATE_ID, then send photos or PDFs (the id is in the saved "
              "update's confirmation)."),
    "ask": ("📷 ส่งรูปถ่ายหรือไฟล์ PDF เพื่อแนบกับรายงาน #{uid} (มีแล้ว {n}/{max} ไฟล์) "
            "เสร็จแล้วกด ✅",
            "📷 Send photos or PDFs for update #{uid} ({n}/{max} files so far), then press ✅."),
    "ended": ("ℹ️ จบการแนบไฟล์แล้ว รายงาน #{uid} มีหลักฐาน {n} ไฟล์ (แนบเพิ่มได้ด้วย /attach {uid})",
              "ℹ️ Attaching has ended: update #{uid} has {n:file|files} (add more with "
              "/attach {uid})."),
    "finished": ("✅ เรียบร้อย รายงาน #{uid} มีหลักฐาน {n} ไฟล์",
                 "✅ Done: update #{uid} has {n:file|files}."),
    "attached": ("📷 แนบกับรายงาน #{uid} แล้ว", "📷 Added to update #{uid}."),
    "again": ("📷 ไฟล์นี้ได้รับไว้แล้ว", "📷 This file was received already."),
    "over": ("การแนบไฟล์นี้สิ้นสุดไปแล้ว", "This attaching is over."),
    "closed_by": ("การแนบรูป/PDF กับรายงาน #{uid} ปิดแล้ว: {why}",
                  "Attaching photos/PDFs to update #{uid} was closed: {why}"),
})
DONE = WORDS("done")


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
                     *, lock: bool = False, english: bool = False
                     ) -> tuple[ProgressUpdate | None, str | None]:
    """The update ``who`` may add evidence to, or the reason why not (English if asked)."""
    if not 1 <= update_id <= MAX_ID:
        return None, WORDS("no_update", english, uid=update_id)
    stmt = select(ProgressUpdate).where(ProgressUpdate.id == update_id)
    row = session.scalar(stmt.with_for_update() if lock else stmt)
    if row is None:
        return None, WORDS("gone", english, uid=update_id)
    if (row.platform, row.external_user_id) != (who.platform, who.external_id):
        return None, WORDS("not_yours", english, uid=update_id)
    why = decided_reason(row, english)
    if why is not None:
        return None, why
    if _count(session, update_id) >= MAX_FILES_PER_UPDATE:
        return None, WORDS("full", english, uid=update_id, n=MAX_FILES_PER_UPDATE)
    return row, None


def decided_reason(row: ProgressUpdate, english: bool = False) -> str | None:
    """Why files can no longer be added to ``row`` (a manager decided it), or None."""
    if row.status == "rejected":
        return WORDS("rejected", english, uid=row.id)
    if row.status == "approved" and row.decided_by:
        return WORDS("approved", english, uid=row.id)
    return None


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
        en = who.english
        _row, why = check_attachable(s, who, update_id, english=en)
    if why:
        return [Out(WORDS("not_kept", en, why=why))]
    try:
        checked = download_checked(att)
    except EvidenceError as exc:
        return [Out(WORDS("not_kept", en, why=exc.say(en)))]
    now = host.clock()
    with host.db.write() as s:
        row, why = check_attachable(s, who, update_id, lock=True, english=en)
        if row is None or why:
            return [Out(WORDS("not_kept", en, why=why))]
        added = add_evidence(
            s, conversation_id=None, update_id=row.id, platform=who.platform,
            source_id=att.source_id, mime=checked.mime, filename=checked.filename,
            sha256=checked.sha256, data=checked.data, width=checked.width,
            height=checked.height, now=now)
        total = _count(s, row.id)
    if not added:
        return [Out(WORDS("had", en, uid=update_id))]
    return [Out(WORDS("added", en, uid=update_id, n=total))]


def start_attach(host: Host, msg: Incoming, who: Identity, arg: str) -> list[Out]:
    """``/attach ID``: the next photos or PDFs go to update ``ID``."""
    m = _ID_RE.match(arg.strip())
    now = host.clock()
    with host.db.write() as s:
        en = who.english  # "/attach abc" is a slip, no English: as last written
        if not m:
            return [Out(WORDS("usage", en))]
        update_id = typed_id(m.group(1))
        _row, why = check_attachable(s, who, update_id, english=en)
        if why:
            return [Out(why)]
        conv, old = start_conversation(
            s, platform=who.platform, external_id=who.external_id, chat_id=msg.chat_id,
            kind=KIND, step="files", data={"update_id": update_id, "en": en}, now=now)
        out = AttachFlow().render(s, conv, who)
        if old is not None:  # an unfinished update closed by /attach is said so
            out = Out(f"{replaced_note(s, old, en)}\n{out.text}", out.buttons, out.columns,
                      out.meta)
        return [out]


class AttachFlow:
    """One step: photos and PDFs for a saved update, each given to it as it arrives."""

    kind = KIND
    accepts_files = True
    #: What is pending, as the resume note names it.
    pending = "การแนบรูป/PDF ที่ค้างไว้"
    pending_en = "attaching photos/PDFs"
    #: Another command ends it (the files sent are the update's already), said once.
    resumes = False

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
        en = conversation_english(conv)
        return Out(WORDS("ask", en, uid=update_id, n=held, max=MAX_FILES_PER_UPDATE),
                   (button(WORDS("done", en), conv.id, conv.seq, "done"),))

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
        en = who.english
        close_conversation(session, conv, "saved", now)
        return Outcome([Out(WORDS("ended", en, uid=update_id, n=held))], release=True)

    def on_press(self, session: Session, conv: Conversation, who: Identity, token: Token,
                 now: dt.datetime) -> Outcome:
        """✅ done: the conversation ends (the files are the update's already)."""
        update_id = self._update_id(conv)
        held = _count(session, update_id)
        close_conversation(session, conv, "saved", now)
        return Outcome([Out(WORDS("finished", conversation_english(conv), uid=update_id,
                                  n=held))])

    def on_file(self, session: Session, conv: Conversation, who: Identity, now: dt.datetime,
                added: bool) -> Outcome:
        """A file arrived: give it to the update, if the update still takes files."""
        update_id = self._update_id(conv)
        en = conversation_english(conv)
        row, why = check_attachable(session, who, update_id, lock=True, english=en)
        if row is None or why:  # decided meanwhile, or full: the file goes with the conversation
            close_conversation(session, conv, "cancelled", now)
            return Outcome([Out(WORDS("not_kept", en, why=why))])
        attach_evidence(session, conv.id, update_id)
        step_conversation(conv, now=now)
        note = WORDS("attached", en, uid=update_id) if added else WORDS("again", en)
        return Outcome([Out(note), self.render(session, conv, who)])

    @staticmethod
    def closed_answer(session: Session, conv: Conversation) -> Out:
        """A press (or a file) after the end: why, when a decision closed it."""
        en = conversation_english(conv)
        if conv.outcome == DECIDED:
            update_id = AttachFlow._update_id(conv)
            row = session.get(ProgressUpdate, update_id)
            why = (decided_reason(row, en) if row is not None
                   else WORDS("gone", en, uid=update_id)) or WORDS("over", en)
            return Out(WORDS("closed_by", en, uid=update_id, why=why))
        return Out(WORDS("over", en))


#: The outcome of a conversation closed because the update it was about was decided
#: (approved, rejected) or removed: :func:`close_tied` sets it.
DECIDED = "decided"
#: Kinds of conversation about one saved update (``data["update_id"]``).
TIED_KINDS = (KIND, "reject")


def close_tied(session: Session, update_id: int, now: dt.datetime) -> list[Conversation]:
    """Close every open conversation about update ``update_id``, whoever's it is.

    Once an update is decided (approved, rejected) or gone (``/undo``), a conversation
    about it is stale: a manager's "type the reason" prompt, an officer's "send the
    photos".  Left open, it would take files the update can no longer have and come back
    after each later command.  Rows another transaction holds (the user's own turn right
    now) are skipped: that turn finds the update decided and closes its conversation.
    They close with the outcome :data:`DECIDED`, so a later press or file is told why.
    In the caller's transaction; returns the conversations closed.
    """
    closed = []
    for conv in session.scalars(select(Conversation)
                                .where(Conversation.kind.in_(TIED_KINDS),
                                       Conversation.active_key.is_not(None))
                                .with_for_update(skip_locked=True)):
        if str((conv.data or {}).get("update_id")) == str(update_id):
            close_conversation(session, conv, DECIDED, now)
            closed.append(conv)
    return closed
