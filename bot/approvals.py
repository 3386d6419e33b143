"""Manager approval: where a scope requires it, an update waits until a manager decides.

The setting (``SDGBOT_APPROVAL``) names the scopes: ``all``, or parts such as
``agency:ตท.สป.; province:เชียงใหม่`` (an update needs approval when its project is in
any of them).  An update stored in such a scope is *pending*: it is kept and
searchable, but counts in no summary until a manager of its scope approves it
(``/approve ID``, or the ✅ button on the notification managers receive).  A
rejection needs a reason (``/reject ID REASON``, or the ❌ button, after which the
bot asks for it).  The officer is told either way; every step is in the audit trail
(:class:`~knowledge.models.UpdateDecision`).  Deny by default: a manager decides only
inside their scope, an officer not at all (the commands need the manager role).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from bot.conversation.base import Host, Out, Outcome, Token, button
from bot.conversation.drafts import (
    DraftError,
    budget_warning,
    looks_like_question,
    read_update_text,
    understood_lines,
)
from bot.conversation.update_flow import CANCEL
from bot.examples import example_reason
from bot.users import Identity
from indexer.service import bump_generation
from knowledge.assignments import Scope, find_user, scope_of
from knowledge.conversations import close_conversation, start_conversation, step_conversation
from knowledge.models import (
    MAX_ID,
    Conversation,
    Passage,
    ProgressUpdate,
    UpdateDecision,
    UpdateEvidence,
    User,
)
from knowledge.outbox import enqueue
from knowledge.textcut import shorten
from knowledge.thai import (
    FiscalQuarter,
    fiscal_quarter_of,
    format_baht,
    format_percent,
    states_cumulative,
    to_arabic_digits,
)
from knowledge.updates import NewUpdate, local_date, update_passage_text

__all__ = [
    "ApprovalPolicy",
    "RejectFlow",
    "approve",
    "close_reject_prompts",
    "decide",
    "edit_pending",
    "pending_count",
    "reject",
    "submit",
]

log = logging.getLogger(__name__)
MAX_REASON = 500
_ID = re.compile(r"^#?([0-9๐-๙]{1,10})\s*(.*)$", re.S)


@dataclass(frozen=True)
class ApprovalPolicy:
    """Which updates wait for a manager: all of them, those in some scopes, or none."""

    everything: bool = False
    scopes: tuple[Scope, ...] = ()

    @classmethod
    def parse(cls, raw: str | None) -> ApprovalPolicy:
        """Read ``SDGBOT_APPROVAL``; ``ValueError`` (Thai and English) for a bad value."""
        text = (raw or "").strip()
        if text.casefold() in ("", "off", "none", "no"):
            return cls()
        if text.casefold() in ("all", "yes", "on"):
            return cls(everything=True)
        scopes = []
        for part in re.split(r"[;,]", text):
            kind, sep, name = part.strip().partition(":")
            name = name.strip()
            if not sep or not name or kind.strip() not in ("agency", "province"):
                raise ValueError(f"SDGBOT_APPROVAL ไม่ถูกต้อง: {part.strip()[:60]!r} ต้องเป็น all "
                                 "หรือ agency:ชื่อ; province:ชื่อ (expected 'all' or "
                                 "'agency:NAME; province:NAME')")
            scopes.append(Scope(agency=name) if kind.strip() == "agency"
                          else Scope(province=name))
        return cls(scopes=tuple(scopes))

    def requires(self, project_agency: str) -> bool:
        """Whether an update of a project of ``project_agency`` waits for approval."""
        return self.everything or any(s.covers(project_agency) for s in self.scopes)


def _managers_of(session: Session, project_agency: str) -> list[User]:
    """Managers whose scope holds the project; admins when there is none."""
    managers = [u for u in session.scalars(select(User).where(User.role == "manager"))
                if scope_of(u).everything or scope_of(u).covers(project_agency)]
    if managers:
        return managers
    return list(session.scalars(select(User).where(User.role == "admin")))


def _describe(row: ProgressUpdate) -> list[str]:
    lines = [f"โครงการ: [{row.project_id}] {shorten(row.project.name, 70)} "
             f"({shorten(row.project.agency, 30)})",
             f"ไตรมาส: {row.quarter}/{row.fiscal_year}"]
    if row.amount_baht is not None:
        kind = " (ยอดสะสม)" if states_cumulative(row.text) else ""
        lines.append(f"เบิกจ่าย{kind}: {format_baht(row.amount_baht)}")
    if row.level is not None:
        lines.append(f"ระดับ: {row.level}")
    if row.percent is not None:
        lines.append(f"ร้อยละ: {format_percent(row.percent)}")
    lines.append(f"ข้อความ: “{shorten(row.text, 300)}”")
    return lines


def submit(session: Session, update_id: int, policy: ApprovalPolicy, author: str,
           now: dt.datetime) -> bool:
    """After an update is stored: make it pending and notify its managers if needed.

    Returns whether it waits for approval.  In the caller's transaction.
    """
    row = session.get(ProgressUpdate, update_id)
    if row is None or not policy.requires(row.project.agency):
        return False
    row.status = "pending"
    session.add(UpdateDecision(update_id=row.id, actor=author, action="submitted", at=now))
    text = "\n".join([f"📝 รายงานความคืบหน้ารออนุมัติ #{row.id} จาก {author}", *_describe(row),
                      "กด ✅ อนุมัติ หรือ ❌ ไม่อนุมัติ (ต้องระบุเหตุผล)"])
    buttons = [("✅ อนุมัติ", f"/approve {row.id}"), ("❌ ไม่อนุมัติ", f"/reject {row.id}"),
               *_evidence_button(session, row)]
    for manager in _managers_of(session, row.project.agency):
        enqueue(session, manager.platform, manager.external_id, text, buttons, now=now)
    return True


@dataclass(frozen=True)
class Decision:
    """What :func:`decide` did: its reply, and whether anything changed."""

    text: str
    changed: bool = False


def decide(session: Session, who: Identity, update_id: int, approve_it: bool,
           reason: str | None, now: dt.datetime) -> Decision:
    """Approve or reject update ``update_id`` as ``who`` (a manager); in the caller's transaction.

    Refused outside the manager's scope.  Deciding again what was decided already
    changes nothing (a button pressed twice).
    """
    row = session.scalar(select(ProgressUpdate).where(ProgressUpdate.id == update_id)
                         .with_for_update())
    if row is None:
        close_reject_prompts(session, update_id, now)
        return Decision(f"ไม่พบรายงาน #{update_id} (อาจถูกยกเลิกด้วย /undo แล้ว)")
    scope = scope_of(find_user(session, who.platform, who.external_id))
    if not scope.everything and not scope.covers(row.project.agency):
        return Decision(f"ขออภัย รายงาน #{update_id} อยู่นอกขอบเขตของคุณ ({scope.describe()}) "
                        "(outside your scope)")
    if row.status != "pending":
        close_reject_prompts(session, update_id, now)
        state = {"approved": "อนุมัติแล้ว", "rejected": "ไม่อนุมัติแล้ว"}.get(row.status, row.status)
        by = f" โดย {row.decided_by}" if row.decided_by else ""
        return Decision(f"ℹ️ รายงาน #{update_id} {state}{by} (ไม่เปลี่ยนแปลง)")
    row.status = "approved" if approve_it else "rejected"
    row.decided_by = who.ref
    row.decided_at = now
    row.decision_reason = reason
    close_reject_prompts(session, update_id, now)  # every manager's prompt about it is over
    session.add(UpdateDecision(update_id=row.id, actor=who.ref,
                               action="approved" if approve_it else "rejected",
                               reason=reason, at=now))
    if row.external_user_id:
        if approve_it:
            told = [f"✅ รายงานความคืบหน้า #{row.id} ได้รับการอนุมัติแล้ว โดย {who.ref}",
                    *_describe(row)]
        else:
            told = [f"❌ รายงานความคืบหน้า #{row.id} ไม่ได้รับการอนุมัติ โดย {who.ref}",
                    f"เหตุผล: {reason}", *_describe(row),
                    "กรุณาส่งรายงานใหม่ด้วย /update"]
        enqueue(session, row.platform, row.external_user_id, "\n".join(told), now=now)
    if approve_it:
        return Decision(f"✅ อนุมัติรายงาน #{row.id} แล้ว แจ้งผู้รายงานแล้ว", changed=True)
    return Decision(f"❌ ไม่อนุมัติรายงาน #{row.id} แล้ว (เหตุผล: {reason}) แจ้งผู้รายงานแล้ว",
                    changed=True)


def close_reject_prompts(session: Session, update_id: int, now: dt.datetime) -> int:
    """Close every open reject-reason prompt about update ``update_id``, whoever's it is.

    Once an update is decided (approved, rejected, or gone with ``/undo``), a manager's
    pending "type the reason" conversation about it is stale: left open, it would come
    back after each later command.  Rows another transaction holds (a manager typing
    the reason right now) are skipped: that turn closes its own conversation.  In the
    caller's transaction; returns how many were closed.
    """
    closed = 0
    for conv in session.scalars(select(Conversation)
                                .where(Conversation.kind == RejectFlow.kind,
                                       Conversation.active_key.is_not(None))
                                .with_for_update(skip_locked=True)):
        if str((conv.data or {}).get("update_id")) == str(update_id):
            close_conversation(session, conv, "cancelled", now)
            closed += 1
    return closed


def _reason_problem(reason: str) -> str | None:
    if not reason:
        return "กรุณาพิมพ์เหตุผลที่ไม่อนุมัติ"
    why = example_reason(reason)
    if why is not None:
        return why
    if len(reason) > MAX_REASON:
        return f"เหตุผลยาวเกินไป (ไม่เกิน {MAX_REASON} ตัวอักษร)"
    return None


def _parse(arg: str) -> tuple[int, str] | None:
    m = _ID.match(arg.strip())
    if not m:
        return None
    return int(to_arabic_digits(m.group(1))), m.group(2).strip()


def approve(host: Host, who: Identity, arg: str) -> list[Out]:
    """``/approve ID``."""
    parsed = _parse(arg)
    if parsed is None:
        return [Out("ใช้: /approve รหัสรายงาน (เลขหลัง # ในข้อความแจ้งเตือน)")]
    now = host.clock()
    with host.db.write() as s:
        return [Out(decide(s, who, parsed[0], True, None, now).text)]


def reject(host: Host, who: Identity, arg: str, msg_chat: str | None) -> list[Out]:
    """``/reject ID REASON``; without a reason the bot asks for it (a short conversation)."""
    parsed = _parse(arg)
    if parsed is None:
        return [Out("ใช้: /reject รหัสรายงาน เหตุผล")]
    update_id, reason = parsed
    now = host.clock()
    if reason:
        problem = _reason_problem(reason)
        if problem:
            return [Out(f"{problem} ยังไม่ได้เปลี่ยนแปลง")]
        with host.db.write() as s:
            return [Out(decide(s, who, update_id, False, reason, now).text)]
    with host.db.write() as s:
        row = s.get(ProgressUpdate, update_id)
        if row is None or row.status != "pending":
            return [Out(decide(s, who, update_id, False, None, now).text)]
        conv, _ = start_conversation(s, platform=who.platform, external_id=who.external_id,
                                     chat_id=msg_chat, kind=RejectFlow.kind, step="reason",
                                     data={"update_id": update_id}, now=now)
        return [RejectFlow().render(s, conv, who)]


def _evidence_button(session: Session, row: ProgressUpdate) -> list[tuple[str, str]]:
    files = int(session.scalar(select(func.count(UpdateEvidence.id))
                               .where(UpdateEvidence.update_id == row.id)) or 0)
    return [(f"📷 ดูหลักฐาน ({files})", f"/evidence {row.id}")] if files else []


def edit_pending(host: Host, who: Identity, arg: str) -> list[Out]:
    """``/edit ID TEXT``: the author replaces the text (and what it says) of a pending update.

    Only the update's author, only while it waits for approval: an approved update
    changes only through a new update, a rejected one is sent again with ``/update``.
    The new text is read like a new update's (amount, level, percent, quarter; an
    example or placeholder is refused); its searchable passage is replaced; the old
    text goes into the audit trail (``edited``); the managers of its scope are told,
    with the approve and reject buttons again.  ``/edit ID`` alone shows the text.
    """
    parsed = _parse(arg)
    if parsed is None:
        return [Out("ใช้: /edit รหัสรายงาน ข้อความใหม่ (แก้ไขได้เฉพาะรายงานที่รออนุมัติ)")]
    update_id, text = parsed
    now = host.clock()
    with host.db.write() as s:
        row = s.scalar(select(ProgressUpdate).where(ProgressUpdate.id == update_id)
                       .with_for_update()) if 1 <= update_id <= MAX_ID else None
        if row is None:
            return [Out(f"ไม่พบรายงาน #{update_id} (อาจถูกยกเลิกด้วย /undo แล้ว)")]
        if (row.platform, row.external_user_id) != (who.platform, who.external_id):
            return [Out(f"ขออภัย รายงาน #{update_id} ไม่ใช่รายงานของคุณ จึงแก้ไขไม่ได้")]
        if row.status == "approved":
            return [Out(f"รายงาน #{update_id} ได้รับการอนุมัติแล้ว จึงแก้ไขไม่ได้ "
                        "หากมีข้อมูลใหม่ กรุณาส่งรายงานใหม่ด้วย /update (an approved update "
                        "changes only through a new update)")]
        if row.status != "pending":
            return [Out(f"รายงาน #{update_id} ไม่ได้รับการอนุมัติแล้ว กรุณาส่งรายงานใหม่ด้วย /update")]
        if not text:
            return [Out(f"ข้อความปัจจุบันของรายงาน #{update_id}: “{shorten(row.text, 300)}”\n"
                        f"แก้ไขด้วย /edit {update_id} ข้อความใหม่")]
        try:
            reading = read_update_text(text, FiscalQuarter(row.fiscal_year, row.quarter),
                                       fiscal_quarter_of(local_date(now)))
        except DraftError as exc:
            return [Out(f"{exc} ยังไม่ได้แก้ไข")]
        over = budget_warning(s, row.project_id, reading, confirming=False)
        if over is not None:  # a new update with ✅ confirms such an amount, an edit cannot
            return [Out(f"{over} ยังไม่ได้แก้ไข หากยอดนี้ถูกต้องจริง กรุณาส่งเป็นรายงานใหม่ด้วย "
                        "/update แล้วกดยืนยัน (not changed: over the project's budget)")]
        old = row.text
        row.text, row.amount_baht = reading.text, reading.amount_baht
        row.level, row.percent = reading.level, reading.percent
        row.fiscal_year, row.quarter = reading.quarter.fiscal_year, reading.quarter.quarter
        if row.document is not None:  # the searchable copy: a new passage, the old one gone
            row.document.text = reading.text
            s.execute(delete(Passage).where(Passage.document_id == row.document.id))
            s.add(Passage(document_id=row.document.id, ordinal=0, section="update",
                          text=update_passage_text(row.project, NewUpdate(
                              project_id=row.project_id, platform=row.platform,
                              platform_message_id=row.platform_message_id, text=reading.text,
                              quarter=reading.quarter, amount_baht=reading.amount_baht,
                              level=reading.level, percent=reading.percent,
                              author_role=row.author_role), row.created_at)))
            bump_generation(s)
        s.add(UpdateDecision(update_id=row.id, actor=who.ref, action="edited",
                             reason=f"ก่อนแก้ไข: {shorten(old, 1000)}", at=now))
        note = "\n".join([f"✏️ รายงานความคืบหน้า #{row.id} ถูกแก้ไขโดย {who.ref} (ยังรออนุมัติ)",
                          *_describe(row), "กด ✅ อนุมัติ หรือ ❌ ไม่อนุมัติ (ต้องระบุเหตุผล)"])
        buttons = [("✅ อนุมัติ", f"/approve {row.id}"), ("❌ ไม่อนุมัติ", f"/reject {row.id}"),
                   *_evidence_button(s, row)]
        for manager in _managers_of(s, row.project.agency):
            enqueue(s, manager.platform, manager.external_id, note, buttons, now=now)
        lines = [f"✏️ แก้ไขรายงาน #{row.id} แล้ว (ยังรออนุมัติ แจ้งผู้จัดการแล้ว)",
                 *understood_lines(row.project_id, row.project.name, reading.quarter,
                                   reading.amount_baht, reading.level, reading.percent,
                                   cumulative=states_cumulative(reading.text))]
    try:
        host.index.sync()
    except Exception:
        log.exception("index sync after an edit failed; the next sync catches up")
    return [Out("\n".join(lines))]


def pending_count(session: Session, project_ids: Sequence[int] | None, fiscal_year: int,
                  quarter: int) -> int:
    """Updates of the quarter waiting for approval (among ``project_ids`` if given)."""
    q = select(func.count(ProgressUpdate.id)).where(ProgressUpdate.status == "pending",
                                                    ProgressUpdate.fiscal_year == fiscal_year,
                                                    ProgressUpdate.quarter == quarter)
    if project_ids is not None:
        q = q.where(ProgressUpdate.project_id.in_(list(project_ids)))
    return int(session.scalar(q) or 0)


class RejectFlow:
    """One step: the reason of a rejection, typed after pressing ❌."""

    kind = "reject"
    accepts_files = False
    #: What is pending, as the resume note names it.
    pending = "การพิมพ์เหตุผลที่ไม่อนุมัติรายงานที่ค้างไว้"

    def render(self, session: Session, conv: Conversation, who: Identity) -> Out:
        """Ask for the reason."""
        update_id = int((conv.data or {})["update_id"])
        return Out(f"กรุณาพิมพ์เหตุผลที่ไม่อนุมัติรายงาน #{update_id} (ผู้รายงานจะได้รับเหตุผลนี้)",
                   (button(CANCEL, conv.id, conv.seq, "cancel"),))

    def on_text(self, session: Session, conv: Conversation, who: Identity, text: str,
                now: dt.datetime, default_quarter: FiscalQuarter) -> Outcome:
        """The reason: reject with it, or ask again; a question is answered, not taken as one."""
        if looks_like_question(text):
            step_conversation(conv, now=now, new_seq=False)
            return Outcome([], release=True)
        problem = _reason_problem(text)
        if problem:
            step_conversation(conv, now=now, new_seq=False)
            return Outcome([Out(problem), self.render(session, conv, who)])
        result = decide(session, who, int((conv.data or {})["update_id"]), False, text, now)
        close_conversation(session, conv, "saved" if result.changed else "cancelled", now)
        return Outcome([Out(result.text)])

    def on_press(self, session: Session, conv: Conversation, who: Identity, token: Token,
                 now: dt.datetime) -> Outcome:
        """✖ cancel: nothing is decided."""
        close_conversation(session, conv, "cancelled", now)
        return Outcome([Out("ยกเลิกแล้ว ยังไม่ได้ตัดสินรายงานนี้ (cancelled)")])

    def on_file(self, session: Session, conv: Conversation, who: Identity, now: dt.datetime,
                added: bool) -> Outcome:
        """Files are no reason."""
        return Outcome([Out("กรุณาพิมพ์เหตุผลเป็นข้อความ"), self.render(session, conv, who)])

    @staticmethod
    def closed_answer(session: Session, conv: Conversation) -> Out:
        """A press after the end."""
        return Out("รายการนี้สิ้นสุดไปแล้ว (this is over)")
