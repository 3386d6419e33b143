"""What to tell a user whose open conversation a new one replaced: what was actually closed.

A new ``/update``, ``/attach ID`` or ``/reject ID`` closes the user's open conversation
(one at a time).  The note names that conversation as it was: an unfinished progress
update (nothing of it saved), photos being attached to an update saved already (the
update and its files stay), or a rejection's reason not typed yet (nothing decided).
Telling an officer who had only the 📷 step open that an unsaved report was cancelled
made them think their saved update was lost.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.conversation.lang import Words
from knowledge.models import Conversation, UpdateEvidence

__all__ = ["WORDS", "replaced_note"]

#: The notes, Thai and English, by the closed conversation's kind.
WORDS = Words({
    "update": ("รายงานความคืบหน้าที่ค้างไว้ก่อนหน้า (ยังไม่ได้บันทึก) ถูกยกเลิก",
               "Your earlier unfinished progress update was closed (nothing saved from it)."),
    "attach": ("ปิดการแนบรูป/PDF ของรายงาน #{uid} แล้ว (รายงาน #{uid} บันทึกไว้แล้ว "
               "พร้อมไฟล์ {n} ไฟล์ ไม่มีสิ่งใดถูกยกเลิก)",
               "Attaching photos/PDFs to update #{uid} is closed (update #{uid} stays saved, "
               "with its {n:file|files}; nothing was cancelled)."),
    "attach_none": ("ปิดการแนบรูป/PDF ของรายงาน #{uid} แล้ว (รายงาน #{uid} บันทึกไว้แล้ว "
                    "ยังไม่มีไฟล์แนบ ไม่มีสิ่งใดถูกยกเลิก แนบภายหลังได้ด้วย /attach {uid})",
                    "Attaching photos/PDFs to update #{uid} is closed (update #{uid} stays "
                    "saved, with no files yet; nothing was cancelled; /attach {uid} adds them "
                    "later)."),
    "reject": ("ยกเลิกการพิมพ์เหตุผลที่ไม่อนุมัติรายงาน #{uid} แล้ว (รายงานยังไม่ได้ถูกตัดสิน)",
               "The reason for rejecting update #{uid} was not typed, so nothing was decided "
               "on it."),
    "other": ("การสนทนาที่ค้างไว้ก่อนหน้าถูกปิดแล้ว", "Your earlier conversation was closed."),
})


def replaced_note(session: Session, old: Conversation, english: bool) -> str:
    """The note about ``old``, the conversation a new one replaced, in the user's language."""
    data = old.data or {}
    uid = data.get("update_id")
    if old.kind == "update":
        return WORDS("update", english)
    if old.kind == "attach" and uid is not None:
        n = int(session.scalar(select(func.count(UpdateEvidence.id))
                               .where(UpdateEvidence.update_id == int(uid))) or 0)
        if n:
            return WORDS("attach", english, uid=uid, n=n)
        return WORDS("attach_none", english, uid=uid)
    if old.kind == "reject" and uid is not None:
        return WORDS("reject", english, uid=uid)
    return WORDS("other", english)
