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
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from bot.conversation.attach import KIND as ATTACH_KIND
from bot.conversation.attach import close_tied
from bot.conversation.base import Host, Out, Outcome, Token, button
from bot.conversation.drafts import (
    DraftError,
    budget_warning,
    closed_quarter_warning,
    cumulative_warning,
    looks_like_question,
    read_update_text,
    understood_lines,
)
from bot.conversation.lang import (
    Words,
    conversation_english,
    language_of,
    remembered_english,
)
from bot.conversation.replaced import replaced_note
from bot.conversation.update_flow import WORDS as UPDATE_WORDS
from bot.examples import example_reason
from bot.plain_text import plain_text_problem
from bot.users import Identity, has_role
from indexer.service import bump_generation
from knowledge.assignments import Scope, find_user, in_scope, scope_of
from knowledge.conversations import close_conversation, start_conversation, step_conversation
from knowledge.ids import in_range, typed_id
from knowledge.models import (
    MAX_ID,
    Assignment,
    Conversation,
    Passage,
    ProgressUpdate,
    Project,
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
#: The role that decides updates.
DECIDER = "manager"
#: The role that writes updates (and edits those that wait).
AUTHOR = "officer"

#: The approvals' words, Thai and English (see :mod:`bot.conversation.lang`).
WORDS = Words({
    "project": ("โครงการ: [{pid}] {name} ({agency})", "Project: [{pid}] {name} ({agency})"),
    "quarter": ("ไตรมาส: {q}", "Quarter: {q}"),
    "disbursed": ("เบิกจ่าย: {amount}", "Disbursed: {amount}"),
    "disbursed_total": ("เบิกจ่าย (ยอดสะสม): {amount}", "Disbursed (cumulative total): {amount}"),
    "level": ("ระดับ: {level}", "Level: {level}"),
    "percent": ("ร้อยละ: {percent}", "Percent: {percent}%"),
    "text": ("ข้อความ: “{text}”", "Text: “{text}”"),
    "waiting": ("📝 รายงานความคืบหน้ารออนุมัติ #{uid} จาก {author}",
                "📝 Progress update #{uid} from {author} waits for your approval"),
    "press": ("กด ✅ อนุมัติ หรือ ❌ ไม่อนุมัติ (ต้องระบุเหตุผล)",
              "Press ✅ approve or ❌ reject (a reason is needed)."),
    "approve_button": ("✅ อนุมัติ", "✅ approve"),
    "reject_button": ("❌ ไม่อนุมัติ", "❌ reject"),
    "evidence_button": ("📷 ดูหลักฐาน ({n})", "📷 evidence ({n})"),
    "gone": ("ไม่พบรายงาน #{uid} (อาจถูกยกเลิกด้วย /undo แล้ว)",
             "There is no update #{uid} (it may have been removed with /undo)."),
    "not_manager": ("ขออภัย การอนุมัติต้องมีบทบาท manager ขึ้นไป (บทบาทของคุณ: {role})",
                    "Sorry, deciding updates needs the manager role; yours is {role}."),
    "outside": ("ขออภัย รายงาน #{uid} อยู่นอกขอบเขตของคุณ ({scope})",
                "Sorry, update #{uid} is outside your scope ({scope})."),
    "was_approved": ("ℹ️ รายงาน #{uid} อนุมัติแล้ว{by} (ไม่เปลี่ยนแปลง)",
                     "ℹ️ Update #{uid} was approved already{by} (nothing changed)."),
    "was_saved": ("ℹ️ รายงาน #{uid} บันทึกแล้วโดยไม่ต้องรออนุมัติ จึงไม่มีสิ่งที่ต้องตัดสิน "
                  "(ไม่เปลี่ยนแปลง)",
                  "ℹ️ Update #{uid} was saved without waiting for approval: there is nothing "
                  "to decide (nothing changed)."),
    "was_rejected": ("ℹ️ รายงาน #{uid} ไม่อนุมัติแล้ว{by} (ไม่เปลี่ยนแปลง)",
                     "ℹ️ Update #{uid} was rejected already{by} (nothing changed)."),
    "was_other": ("ℹ️ รายงาน #{uid} {state}{by} (ไม่เปลี่ยนแปลง)",
                  "ℹ️ Update #{uid} is {state}{by} (nothing changed)."),
    "by": (" โดย {who}", " by {who}"),
    "told_approved": ("✅ รายงานความคืบหน้า #{uid} ได้รับการอนุมัติแล้ว โดย {who}",
                      "✅ Your progress update #{uid} was approved by {who}."),
    "told_rejected": ("❌ รายงานความคืบหน้า #{uid} ไม่ได้รับการอนุมัติ โดย {who}",
                      "❌ Your progress update #{uid} was rejected by {who}."),
    "reason": ("เหตุผล: {reason}", "Reason: {reason}"),
    "send_again": ("กรุณาส่งรายงานใหม่ด้วย /update", "Please send a new update with /update."),
    "attach_closed": ("📷 การแนบรูป/PDF กับรายงานนี้ที่เปิดค้างไว้ปิดแล้ว "
                      "(ไฟล์ที่ส่งหลังจากนี้จะไม่ถูกเก็บ)",
                      "📷 Your open attaching of photos/PDFs to this update was closed (files "
                      "sent from now on are not kept)."),
    "approved": ("✅ อนุมัติรายงาน #{uid} แล้ว แจ้งผู้รายงานแล้ว",
                 "✅ Update #{uid} approved; its author was told."),
    "rejected": ("❌ ไม่อนุมัติรายงาน #{uid} แล้ว (เหตุผล: {reason}) แจ้งผู้รายงานแล้ว",
                 "❌ Update #{uid} rejected (reason: {reason}); its author was told."),
    "no_reason": ("กรุณาพิมพ์เหตุผลที่ไม่อนุมัติ", "Please type the reason for the rejection."),
    "long_reason": ("เหตุผลยาวเกินไป (ไม่เกิน {n} ตัวอักษร)",
                    "The reason is too long (at most {n} characters)."),
    "approve_usage": ("ใช้: /approve รหัสรายงาน (เลขหลัง # ในข้อความแจ้งเตือน)",
                      "Usage: /approve UPDATE_ID (the number after # in the notification)."),
    "reject_usage": ("ใช้: /reject รหัสรายงาน เหตุผล", "Usage: /reject UPDATE_ID REASON"),
    "unchanged": ("{why} ยังไม่ได้เปลี่ยนแปลง", "{why} Nothing was changed."),
    "edit_usage": ("ใช้: /edit รหัสรายงาน ข้อความใหม่ (แก้ไขได้เฉพาะรายงานที่รออนุมัติ)",
                   "Usage: /edit UPDATE_ID NEW TEXT (only an update waiting for approval)."),
    "edit_not_yours": ("ขออภัย รายงาน #{uid} ไม่ใช่รายงานของคุณ จึงแก้ไขไม่ได้",
                       "Sorry, update #{uid} is not yours, so you cannot edit it."),
    "edit_approved": ("รายงาน #{uid} ได้รับการอนุมัติแล้ว จึงแก้ไขไม่ได้ "
                      "หากมีข้อมูลใหม่ กรุณาส่งรายงานใหม่ด้วย /update",
                      "Update #{uid} was approved, so it cannot be edited. If there is news, "
                      "please send a new update with /update."),
    "edit_unneeded": ("รายงาน #{uid} บันทึกแล้วโดยไม่ต้องรออนุมัติ จึงแก้ไขด้วย /edit ไม่ได้ "
                      "หากผิดพลาด พิมพ์ /undo ภายใน 15 นาที (รายงานล่าสุดของคุณ) "
                      "หรือส่งรายงานใหม่ด้วย /update",
                      "Update #{uid} was saved without waiting for approval, so /edit cannot "
                      "change it. If it is wrong, type /undo within 15 minutes (your latest "
                      "update) or send a new update with /update."),
    "edit_saved": ("รายงาน #{uid} บันทึกแล้ว จึงแก้ไขด้วย /edit ไม่ได้ "
                   "หากผิดพลาด พิมพ์ /undo ภายใน 15 นาที (รายงานล่าสุดของคุณ) "
                   "หรือส่งรายงานใหม่ด้วย /update",
                   "Update #{uid} is saved, so /edit cannot change it. If it is wrong, type "
                   "/undo within 15 minutes (your latest update) or send a new update with "
                   "/update."),
    "edit_usage_off": ("คำสั่ง /edit ใช้ไม่ได้ที่นี่ รายงานที่บันทึกแล้วแก้ไขไม่ได้ หากผิดพลาด "
                       "พิมพ์ /undo ภายใน 15 นาที (รายงานล่าสุดของคุณ) แล้วส่งใหม่ด้วย /update",
                       "/edit is not used here: a saved update does not change. If one is "
                       "wrong, type /undo within 15 minutes (your latest update) and send it "
                       "again with /update."),
    "edit_rejected": ("รายงาน #{uid} ไม่ได้รับการอนุมัติแล้ว กรุณาส่งรายงานใหม่ด้วย /update",
                      "Update #{uid} was rejected; please send a new update with /update."),
    "edit_show": ("ข้อความปัจจุบันของรายงาน #{uid}: “{text}”\nแก้ไขด้วย /edit {uid} ข้อความใหม่",
                  "The text of update #{uid} now: “{text}”\nCorrect it with /edit {uid} "
                  "NEW TEXT"),
    "not_edited": ("{why} ยังไม่ได้แก้ไข", "{why} Not changed."),
    "edit_closed": ("{why} ยังไม่ได้แก้ไข หากไตรมาสนี้ถูกต้องจริง กรุณาส่งเป็นรายงานใหม่ด้วย "
                    "/update แล้วกดยืนยัน",
                    "{why} Not changed. If the quarter is right, please send it as a new "
                    "update with /update and confirm it."),
    "edit_over": ("{why} ยังไม่ได้แก้ไข หากยอดนี้ถูกต้องจริง กรุณาส่งเป็นรายงานใหม่ด้วย "
                  "/update แล้วกดยืนยัน",
                  "{why} Not changed. If the amount is right, please send it as a new update "
                  "with /update and confirm it."),
    "edited_note": ("✏️ รายงานความคืบหน้า #{uid} ถูกแก้ไขโดย {who} (ยังรออนุมัติ)",
                    "✏️ Progress update #{uid} was edited by {who} (still waiting for "
                    "approval)."),
    "edited": ("✏️ แก้ไขรายงาน #{uid} แล้ว (ยังรออนุมัติ แจ้งผู้จัดการแล้ว)",
               "✏️ Update #{uid} corrected (still waiting for approval; the managers were "
               "told)."),
    "ask_reason": ("กรุณาพิมพ์เหตุผลที่ไม่อนุมัติรายงาน #{uid} (ผู้รายงานจะได้รับเหตุผลนี้)",
                   "Please type the reason for rejecting update #{uid} (its author will "
                   "read it)."),
    "cancelled": ("ยกเลิกแล้ว ยังไม่ได้ตัดสินรายงานนี้",
                  "Cancelled; this update is not decided yet."),
    "type_reason": ("กรุณาพิมพ์เหตุผลเป็นข้อความ", "Please type the reason as text."),
    "over": ("รายการนี้สิ้นสุดไปแล้ว", "This is over."),
    "over_decided": ("รายการนี้สิ้นสุดแล้ว เพราะรายงาน #{uid} ได้รับการตัดสินหรือถูกยกเลิกแล้ว",
                     "This is over: update #{uid} was decided or removed meanwhile."),
})


_ID = re.compile(r"^#?([0-9๐-๙]+)(?![0-9๐-๙])\s*(.*)$", re.S)


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
                shown = shorten(part.strip(), 60)
                raise ValueError(f"SDGBOT_APPROVAL ไม่ถูกต้อง: {shown!r} ต้องเป็น all "
                                 "หรือ agency:ชื่อ; province:ชื่อ (expected 'all' or "
                                 "'agency:NAME; province:NAME')")
            scopes.append(Scope(agency=name) if kind.strip() == "agency"
                          else Scope(province=name))
        return cls(scopes=tuple(scopes))

    @property
    def configured(self) -> bool:
        """Whether any update can wait for approval (``SDGBOT_APPROVAL`` names something)."""
        return self.everything or bool(self.scopes)

    def requires(self, project_agency: str) -> bool:
        """Whether an update of a project of ``project_agency`` waits for approval."""
        return self.everything or any(s.covers(project_agency) for s in self.scopes)

    def reaches(self, scope: Scope) -> bool:
        """Whether an update of some project inside ``scope`` can wait for approval."""
        return self.everything or any(s.overlaps(scope) for s in self.scopes)

    def commands_for(self, role: str | None, scope: Scope | None = None,
                     assigned_agencies: Collection[str] = ()) -> frozenset[str]:
        """Which of ``/edit``, ``/approve``, ``/reject`` a user can act with (their names).

        ``role``, ``scope`` (None: everything) and the agencies of the projects assigned
        to them are the user's.  ``approve``/``reject``: a manager (or higher) whose scope
        holds some project whose updates wait (:func:`decide` refuses any other);
        ``edit``: an officer (or higher) who reports for such a project (their
        assignments and scope; neither: any project), as only a waiting update can be
        edited.  ``/help`` and the menus (:mod:`bot.menus`) list these and no others.
        """
        if not self.configured or role is None:
            return frozenset()
        scope = scope or Scope()
        out: set[str] = set()
        if has_role(role, DECIDER) and self.reaches(scope):
            out |= {"approve", "reject"}
        # Neither scope nor assignment: any project; a scope: its projects; assignments too.
        by_scope = not (scope.everything and assigned_agencies) and self.reaches(scope)
        if has_role(role, AUTHOR) and (by_scope or any(self.requires(a)
                                                       for a in assigned_agencies)):
            out.add("edit")
        return frozenset(out)

    def commands_of(self, session: Session, platform: str, external_id: str,
                    role: str | None) -> frozenset[str]:
        """:meth:`commands_for` the chat user ``platform:external_id`` of ``role``.

        Their scope and assignments are read in ``session`` (an unregistered identity,
        the console's own user, has neither).
        """
        if not self.configured or role is None:
            return frozenset()
        return self.commands_of_user(session, find_user(session, platform, external_id), role)

    def commands_of_user(self, session: Session, user: User | None,
                         role: str | None) -> frozenset[str]:
        """:meth:`commands_for` a user row (None: unregistered) of ``role``."""
        if not self.configured or role is None:
            return frozenset()
        assigned: list[str] = [] if user is None else list(session.scalars(
            select(Project.agency).join(Assignment, Assignment.project_id == Project.id)
            .where(Assignment.user_id == user.id)))
        return self.commands_for(role, scope_of(user), assigned)


def _managers_of(session: Session, project_agency: str) -> list[User]:
    """Managers whose scope holds the project; admins when there is none."""
    managers = [u for u in session.scalars(select(User).where(User.role == "manager"))
                if in_scope(scope_of(u), project_agency)]
    if managers:
        return managers
    return list(session.scalars(select(User).where(User.role == "admin")))


def _describe(row: ProgressUpdate, en: bool = False) -> list[str]:
    lines = [WORDS("project", en, pid=row.project_id, name=shorten(row.project.name, 70),
                   agency=shorten(row.project.agency, 30)),
             WORDS("quarter", en, q=f"{row.quarter}/{row.fiscal_year}")]
    if row.amount_baht is not None:
        lines.append(WORDS("disbursed_total" if states_cumulative(row.text) else "disbursed", en,
                           amount=format_baht(row.amount_baht, english=en)))
    if row.level is not None:
        lines.append(WORDS("level", en, level=row.level))
    if row.percent is not None:
        lines.append(WORDS("percent", en, percent=format_percent(row.percent)))
    lines.append(WORDS("text", en, text=shorten(row.text, 300)))
    return lines


def _notify_managers(session: Session, row: ProgressUpdate, head: str, author: str,
                     now: dt.datetime) -> None:
    """Tell the managers of ``row``'s scope about it, each in their language, with buttons.

    ``head``: the key of the first line (:data:`WORDS`: ``waiting``, ``edited_note``).
    """
    for manager in _managers_of(session, row.project.agency):
        en = remembered_english(session, manager.platform, manager.external_id)
        text = "\n".join([WORDS(head, en, uid=row.id, author=author, who=author),
                          *_describe(row, en), WORDS("press", en)])
        buttons = [(WORDS("approve_button", en), f"/approve {row.id}"),
                   (WORDS("reject_button", en), f"/reject {row.id}"),
                   *_evidence_button(session, row, en)]
        enqueue(session, manager.platform, manager.external_id, text, buttons, now=now)


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
    _notify_managers(session, row, "waiting", author, now)
    return True


@dataclass(frozen=True)
class Decision:
    """What :func:`decide` did: its reply, and whether anything changed."""

    text: str
    changed: bool = False


def decide(session: Session, who: Identity, update_id: int, approve_it: bool,
           reason: str | None, now: dt.datetime, *, english: bool = False) -> Decision:
    """Approve or reject update ``update_id`` as ``who`` (a manager); in the caller's transaction.

    Refused to a user who is no manager (any more: a prompt may outlive a role) and
    outside the manager's scope.  Deciding again what was decided already changes
    nothing (a button pressed twice).  The reply is in ``english`` or Thai; the author
    is told in the language of the update's text.
    """
    en = english
    if not has_role(who.role, DECIDER):
        return Decision(WORDS("not_manager", en, role=who.role or "-"))
    row = session.scalar(select(ProgressUpdate).where(ProgressUpdate.id == update_id)
                         .with_for_update()) if in_range(update_id) else None
    if row is None:
        close_tied(session, update_id, now)
        return Decision(WORDS("gone", en, uid=update_id))
    scope = scope_of(find_user(session, who.platform, who.external_id))
    if not in_scope(scope, row.project.agency):
        return Decision(WORDS("outside", en, uid=update_id, scope=scope.describe(en)))
    if row.status != "pending":
        close_tied(session, update_id, now)
        by = WORDS("by", en, who=row.decided_by) if row.decided_by else ""
        key = {"approved": "was_approved" if row.decided_by else "was_saved",
               "rejected": "was_rejected"}.get(row.status, "was_other")
        return Decision(WORDS(key, en, uid=update_id, state=row.status, by=by))
    row.status = "approved" if approve_it else "rejected"
    row.decided_by = who.ref
    row.decided_at = now
    row.decision_reason = reason
    # Every conversation about it is over: managers' reason prompts, the author's photos.
    closed = close_tied(session, update_id, now)
    session.add(UpdateDecision(update_id=row.id, actor=who.ref,
                               action="approved" if approve_it else "rejected",
                               reason=reason, at=now))
    if row.external_user_id:
        # The update's own words tell the author's language; digits alone, as last written.
        ten = language_of(row.text, remembered_english(
            session, row.platform, row.external_user_id))
        told = [WORDS("told_approved" if approve_it else "told_rejected", ten, uid=row.id,
                      who=who.ref)]
        if not approve_it:
            told.append(WORDS("reason", ten, reason=reason))
        told += _describe(row, ten)
        if not approve_it:
            told.append(WORDS("send_again", ten))
        if any(c.kind == ATTACH_KIND for c in closed):
            told.append(WORDS("attach_closed", ten))
        enqueue(session, row.platform, row.external_user_id, "\n".join(told), now=now)
    if approve_it:
        return Decision(WORDS("approved", en, uid=row.id), changed=True)
    return Decision(WORDS("rejected", en, uid=row.id, reason=reason), changed=True)


def close_reject_prompts(session: Session, update_id: int, now: dt.datetime) -> int:
    """Close every open conversation about update ``update_id`` (:func:`close_tied`).

    Kept under its old name for its callers (``/undo``); returns how many were closed.
    """
    return len(close_tied(session, update_id, now))


def _reason_problem(reason: str, en: bool = False) -> str | None:
    if not reason:
        return WORDS("no_reason", en)
    why = example_reason(reason, en)
    if why is not None:
        return why
    # Stored in the audit trail and sent to the author: the checks an update's text
    # passes (a formula, markup such as <script> or a javascript: link, code).
    why = plain_text_problem(reason, en, what=("เหตุผล", "the reason"))
    if why is not None:
        return why
    if len(reason) > MAX_REASON:
        return WORDS("long_reason", en, n=MAX_REASON)
    return None


def _parse(arg: str) -> tuple[int, str] | None:
    m = _ID.match(arg.strip())
    if not m:
        return None
    return typed_id(m.group(1)), m.group(2).strip()


def approve(host: Host, who: Identity, arg: str) -> list[Out]:
    """``/approve ID``."""
    parsed = _parse(arg)
    now = host.clock()
    with host.db.write() as s:
        en = who.english
        if parsed is None:
            return [Out(WORDS("approve_usage", en))]
        return [Out(decide(s, who, parsed[0], True, None, now, english=en).text)]


def reject(host: Host, who: Identity, arg: str, msg_chat: str | None) -> list[Out]:
    """``/reject ID REASON``; without a reason the bot asks for it (a short conversation)."""
    parsed = _parse(arg)
    now = host.clock()
    with host.db.read() as s:  # the reason's words choose the language, an id does not
        en = who.english
    if parsed is None:
        return [Out(WORDS("reject_usage", en))]
    update_id, reason = parsed
    if reason:
        problem = _reason_problem(reason, en)
        if problem:
            return [Out(WORDS("unchanged", en, why=problem))]
        with host.db.write() as s:
            return [Out(decide(s, who, update_id, False, reason, now, english=en).text)]
    with host.db.write() as s:
        row = s.get(ProgressUpdate, update_id) if 1 <= update_id <= MAX_ID else None
        # Refused at once (decide says why) rather than asked for a reason first: an
        # update that is gone, decided, or outside the manager's scope (:func:`in_scope`).
        if (row is None or row.status != "pending" or not has_role(who.role, DECIDER)
                or not in_scope(scope_of(find_user(s, who.platform, who.external_id)),
                                row.project.agency)):
            return [Out(decide(s, who, update_id, False, None, now, english=en).text)]
        conv, old = start_conversation(s, platform=who.platform, external_id=who.external_id,
                                       chat_id=msg_chat, kind=RejectFlow.kind, step="reason",
                                       data={"update_id": update_id, "en": en}, now=now)
        out = RejectFlow().render(s, conv, who)
        if old is not None:  # the conversation closed for this one is named as it was
            out = Out(f"{replaced_note(s, old, en)}\n{out.text}", out.buttons, out.columns,
                      out.meta)
        return [out]


def _evidence_button(session: Session, row: ProgressUpdate,
                     en: bool = False) -> list[tuple[str, str]]:
    files = int(session.scalar(select(func.count(UpdateEvidence.id))
                               .where(UpdateEvidence.update_id == row.id)) or 0)
    return [(WORDS("evidence_button", en, n=files), f"/evidence {row.id}")] if files else []


def edit_pending(host: Host, who: Identity, arg: str,
                 policy: ApprovalPolicy | None = None) -> list[Out]:
    """``/edit ID TEXT``: the author replaces the text (and what it says) of a pending update.

    Only the update's author, only while it waits for approval: an approved update
    changes only through a new update, a rejected one is sent again with ``/update``.
    The new text is read like a new update's (amount, level, percent, quarter; an
    example or placeholder is refused; an amount over the budget, a running total
    below what was reported, or a move into a closed quarter, before
    ``host.open_from()``, is refused: a new update confirmed with ✅ states those); its
    searchable passage is replaced; the old text goes into the audit trail
    (``edited``); the managers of its scope are told, with the approve and reject
    buttons again.  ``/edit ID`` alone shows the text.
    An update saved without waiting (``policy`` required no approval for it) was
    approved by nobody: the reply points to ``/undo`` and ``/update``, never says
    "approved", and names no approval at all when none is configured.
    """
    parsed = _parse(arg)
    now = host.clock()
    configured = policy is None or policy.configured
    with host.db.write() as s:
        en = who.english
        if parsed is None:
            return [Out(WORDS("edit_usage" if configured else "edit_usage_off", en))]
        update_id, text = parsed
        row = s.scalar(select(ProgressUpdate).where(ProgressUpdate.id == update_id)
                       .with_for_update()) if 1 <= update_id <= MAX_ID else None
        if row is None:
            return [Out(WORDS("gone", en, uid=update_id))]
        if (row.platform, row.external_user_id) != (who.platform, who.external_id):
            return [Out(WORDS("edit_not_yours", en, uid=update_id))]
        if row.status == "approved":  # by a manager, or at once where none was needed
            key = ("edit_approved" if row.decided_by else
                   "edit_unneeded" if configured else "edit_saved")
            return [Out(WORDS(key, en, uid=update_id))]
        if row.status != "pending":
            return [Out(WORDS("edit_rejected", en, uid=update_id))]
        if not text:
            return [Out(WORDS("edit_show", en, uid=update_id, text=shorten(row.text, 300)))]
        try:
            reading = read_update_text(text, FiscalQuarter(row.fiscal_year, row.quarter),
                                       fiscal_quarter_of(local_date(now)), english=en)
        except DraftError as exc:
            return [Out(WORDS("not_edited", en, why=exc))]
        if reading.quarter != (row.fiscal_year, row.quarter):
            closed = closed_quarter_warning(reading, host.open_from(), confirming=False)
            if closed is not None:  # moved into a closed quarter: as for an amount below
                return [Out(WORDS("edit_closed", en, why=closed))]
        over = (budget_warning(s, row.project_id, reading, confirming=False,
                               exclude_id=row.id)
                or cumulative_warning(s, row.project_id, reading, confirming=False,
                                      exclude_id=row.id))
        if over is not None:  # a new update with ✅ confirms such an amount, an edit cannot
            return [Out(WORDS("edit_over", en, why=over))]
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
        _notify_managers(s, row, "edited_note", who.ref, now)
        lines = [WORDS("edited", en, uid=row.id),
                 *understood_lines(row.project_id, row.project.name, reading.quarter,
                                   reading.amount_baht, reading.level, reading.percent,
                                   english=en, cumulative=states_cumulative(reading.text),
                                   text=reading.text)]
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
    pending_en = "typing the reason for a rejection"
    resumes = True

    def render(self, session: Session, conv: Conversation, who: Identity) -> Out:
        """Ask for the reason."""
        update_id = int((conv.data or {})["update_id"])
        en = conversation_english(conv)
        return Out(WORDS("ask_reason", en, uid=update_id),
                   (button(UPDATE_WORDS("cancel", en), conv.id, conv.seq, "cancel"),))

    def on_text(self, session: Session, conv: Conversation, who: Identity, text: str,
                now: dt.datetime, default_quarter: FiscalQuarter) -> Outcome:
        """The reason: reject with it, or ask again; a question is answered, not taken as one."""
        if looks_like_question(text):
            step_conversation(conv, now=now, new_seq=False)
            return Outcome([], release=True)
        en = who.english
        step_conversation(conv, data={**(conv.data or {}), "en": en}, now=now, new_seq=False)
        problem = _reason_problem(text, en)
        if problem:
            return Outcome([Out(problem), self.render(session, conv, who)])
        result = decide(session, who, int((conv.data or {})["update_id"]), False, text, now,
                        english=en)
        close_conversation(session, conv, "saved" if result.changed else "cancelled", now)
        return Outcome([Out(result.text)])

    def on_press(self, session: Session, conv: Conversation, who: Identity, token: Token,
                 now: dt.datetime) -> Outcome:
        """✖ cancel: nothing is decided."""
        close_conversation(session, conv, "cancelled", now)
        return Outcome([Out(WORDS("cancelled", conversation_english(conv)))])

    def on_file(self, session: Session, conv: Conversation, who: Identity, now: dt.datetime,
                added: bool) -> Outcome:
        """Files are no reason."""
        return Outcome([Out(WORDS("type_reason", conversation_english(conv))),
                        self.render(session, conv, who)])

    @staticmethod
    def closed_answer(session: Session, conv: Conversation) -> Out:
        """A press after the end (why, when the update was decided meanwhile)."""
        en = conversation_english(conv)
        if conv.outcome == "decided":
            return Out(WORDS("over_decided", en, uid=(conv.data or {}).get("update_id")))
        return Out(WORDS("over", en))
