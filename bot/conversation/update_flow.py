"""The guided update: choose the project, type the progress (a photo if you like), confirm.

Three steps, each a state of a :class:`~knowledge.models.Conversation` row:

``project``
    Buttons for the officer's own projects (ten a page, then "more…"), or type part
    of a project's name (or its id).  One match is chosen at once; several are listed.
``text``
    The progress in the officer's words.  It is read at once (amount, level, percent,
    quarter); text that cannot be stored (an example, a placeholder, a level of 7) is
    refused and asked for again.  A photo may come with it or after it.
``confirm``
    What was understood, with ✅ save, ✏️ edit, ✖ cancel in that order.  Typing a new
    text here replaces the old one (and shows the confirmation again); a photo is added.

Saving is one transaction: the update (with its searchable document), its photos,
and the conversation's close.  The update's message id is ``conv-ID``, so the same
conversation can never be saved twice, whatever presses arrive.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.conversation.attach import attach_button, saved_mark
from bot.conversation.base import Out, Outcome, Token, button
from bot.conversation.drafts import (
    DraftError,
    Reading,
    ce_quarter_note,
    confirm_notes,
    duplicate_note,
    looks_like_question,
    no_figure_note,
    read_update_text,
    understood_lines,
    unread_note,
)
from bot.conversation.lang import Words, conversation_english
from bot.examples import UPDATE_EXAMPLE, UPDATE_EXAMPLE_EN
from bot.users import Identity, has_role
from indexer.tokenize import tokenize
from knowledge.assignments import (
    find_user,
    projects_in_scope,
    responsible_project_ids,
    scope_of,
)
from knowledge.conversations import (
    attach_evidence,
    close_conversation,
    evidence_of,
    step_conversation,
)
from knowledge.ids import typed_id
from knowledge.models import Conversation, ProgressUpdate, Project, User
from knowledge.textcut import shorten
from knowledge.thai import (
    FiscalQuarter,
    format_baht,
    format_percent,
    states_cumulative,
    to_arabic_digits,
)
from knowledge.updates import NewUpdate, find_update, get_project, store_update

__all__ = [
    "KIND",
    "PAGE_SIZE",
    "PENDING_NOTE",
    "PENDING_NOTE_EN",
    "OnStored",
    "UpdateFlow",
    "may_report",
    "own_project_ids",
    "pending_lines",
    "status_lines",
    "status_mark",
]

KIND = "update"
PAGE_SIZE = 10  # ten projects, "more…" and "cancel": 12 buttons, under LINE's 13
MAX_CHOICES = 500  # project ids kept in a conversation's listing
ROLE = "officer"

#: Every word of the guided update, Thai and English (see :mod:`bot.conversation.lang`).
WORDS = Words({
    "save": ("✅ บันทึก", "✅ save"),
    "edit": ("✏️ แก้ไข", "✏️ edit"),
    "cancel": ("✖ ยกเลิก", "✖ cancel"),
    "more": ("➡️ เพิ่มเติม", "➡️ more…"),
    "change_project": ("🔁 เปลี่ยนโครงการ", "🔁 another project"),
    "released": ("ℹ️ ปิดการรายงานความคืบหน้าที่ค้างไว้แล้ว เพราะข้อความนี้ไม่ตรงกับโครงการใด "
                 "(ยังไม่ได้บันทึก เริ่มใหม่ได้ด้วย /update)",
                 "ℹ️ The unfinished update was closed because this message names no project "
                 "(nothing was saved; start again with /update)."),
    "not_yours": ("โครงการรหัส {pid} ไม่อยู่ในความรับผิดชอบของคุณ",
                  "Project {pid} is not one you report for."),
    "no_project": ("ไม่พบโครงการรหัส {pid}", "There is no project {pid}."),
    "step1": ("📝 รายงานความคืบหน้า — ขั้นที่ 1/3: เลือกโครงการ",
              "📝 Progress update — step 1/3: choose the project"),
    "step1_how": ("กดปุ่มโครงการ หรือพิมพ์ชื่อบางส่วนของโครงการ (/cancel เพื่อยกเลิก)",
                  "Press a project's button or type part of its name (/cancel to stop)."),
    "step1_hits": ("โครงการที่ตรงกับที่พิมพ์ — กดเลือก หรือพิมพ์ชื่อใหม่ (/cancel เพื่อยกเลิก)",
                   "Projects matching what you typed: press one, or type another name "
                   "(/cancel to stop)."),
    "typed": ("ข้อความที่พิมพ์ไว้: “{text}”", "Your text: “{text}”"),
    "kept_early": ("📝 เก็บข้อความความคืบหน้าไว้แล้ว (ยังไม่ได้บันทึก) กรุณาเลือกโครงการของข้อความนี้",
                   "📝 Your progress text is kept (not saved yet); please choose its project."),
    "no_projects": ("ไม่มีโครงการให้เลือก กรุณาติดต่อผู้ดูแลระบบ",
                    "There are no projects to choose from; please ask an administrator."),
    "page": ("(หน้า {page}/{pages})", "(page {page}/{pages})"),
    "step2": ("📝 ขั้นที่ 2/3: โครงการ [{pid}] {name}", "📝 Step 2/3: project [{pid}] {name}"),
    "step2_how": ("กรุณาพิมพ์ข้อความความคืบหน้า ระบบจะอ่านจำนวนเงินเบิกจ่าย ระดับ ร้อยละ "
                  "และไตรมาสจากข้อความให้ (ยังไม่ได้บันทึก)",
                  "Please type the progress; the amount disbursed, level, percentage and "
                  "quarter are read from it (not saved yet)."),
    "example": ("ตัวอย่างรูปแบบ (อย่าคัดลอก): {example}",
                "The form, for example (do not copy it): {example}"),
    "photo_ok": ("ส่งรูปถ่ายประกอบได้ด้วย (ไม่บังคับ)", "You may send photos too (optional)."),
    "old_text": ("ข้อความเดิม: “{text}”", "Your earlier text: “{text}”"),
    "files": ("📷 รูปประกอบ: {n} ไฟล์", "📷 Photos/PDF: {n}"),
    "no_match": ("ไม่พบโครงการที่ตรงกับ “{text}” ลองพิมพ์ชื่อสั้นลง "
                 "หรือกดเลือกจากรายการ หากไม่ต้องการรายงานต่อ พิมพ์ /cancel "
                 "หรือกด ✖ ยกเลิก (ข้อความถัดไปที่ไม่ตรงกับโครงการใดจะปิด"
                 "การรายงานนี้ โดยยังไม่ได้บันทึก)",
                 "No project matches “{text}”. Try a shorter part of its name or press one "
                 "in the list. To stop, type /cancel or press ✖ cancel (the next message "
                 "that names no project closes this update; nothing is saved)."),
    "again": ("{why}\nกรุณาพิมพ์ความคืบหน้าอีกครั้ง หรือ /cancel เพื่อยกเลิก",
              "{why}\nPlease type the progress again, or /cancel to stop."),
    "replaced": ("✏️ แทนข้อความเดิมด้วยข้อความใหม่แล้ว (ยังไม่ได้บันทึก)",
                 "✏️ The new text replaces the earlier one (not saved yet)."),
    "file_added": ("📷 รับรูปประกอบแล้ว (ยังไม่ได้บันทึก)", "📷 Photo received (not saved yet)."),
    "file_again": ("📷 รูปนี้ได้รับไว้แล้ว", "📷 This photo was received already."),
    "cancelled": ("✖ ยกเลิกการรายงานแล้ว ไม่มีการบันทึกใด ๆ",
                  "✖ Update cancelled; nothing was saved."),
    "not_listed": ("ไม่พบโครงการนี้ในรายการของคุณ กรุณาเลือกใหม่",
                   "This project is not in your list; please choose again."),
    "wrong_step": ("ปุ่มนี้ใช้ในขั้นตอนนี้ไม่ได้", "This button does not work at this step."),
    "no_role": ("ขออภัย บทบาทของคุณไม่สามารถบันทึกความคืบหน้าได้แล้ว ยังไม่ได้บันทึก",
                "Sorry, your role can no longer record progress; nothing was saved."),
    "removed": ("(โครงการนี้ถูกลบแล้ว)", "(this project was removed)"),
    "project_gone": ("โครงการนี้ถูกลบไปแล้ว กรุณาเลือกโครงการใหม่",
                     "This project was removed; please choose another."),
    "undone_before": ("ℹ️ รายงานนี้เคยบันทึกแล้วและถูกยกเลิกด้วย /undo (ไม่บันทึกซ้ำ)",
                      "ℹ️ This update was saved before and removed with /undo (not saved "
                      "again)."),
    "saved": ("✅ บันทึกความคืบหน้าแล้ว", "✅ Progress update saved"),
    "changed_since": ("ℹ️ ยังไม่ได้บันทึก: ระหว่างที่รอการยืนยันมีเรื่องใหม่ที่ต้องยืนยันก่อน "
                      "(ดู ⚠️ ด้านล่าง) ข้อมูลที่กรอกไว้ยังอยู่ครบ กรุณาตรวจสอบแล้วกด ✅ บันทึก "
                      "อีกครั้ง",
                      "ℹ️ Not saved yet: while the update waited for ✅, something new came up "
                      "that must be confirmed first (see ⚠️ below). Nothing you entered is "
                      "lost; please check it and press ✅ save again."),
    "saved_files": ("รูปประกอบ: {n} ไฟล์", "Photos/PDF: {n}"),
    "undo": ("หากผิดพลาด พิมพ์ /undo ภายใน 15 นาทีเพื่อยกเลิก",
             "If this is wrong, type /undo within 15 minutes to remove it."),
    "status_approved": ("✅ ผู้จัดการอนุมัติแล้ว", "✅ A manager has approved it."),
    "status_rejected": ("✖ ผู้จัดการไม่อนุมัติ กรุณาส่งรายงานใหม่ด้วย /update",
                        "✖ A manager rejected it; please send a new update with /update."),
    "saved_already": ("ℹ️ รายงานนี้บันทึกไว้แล้ว (ไม่บันทึกซ้ำ) — โครงการ [{pid}] ไตรมาส {q}",
                      "ℹ️ This update was saved already (not saved again): project [{pid}], "
                      "quarter {q}"),
    "timed_out": ("⌛ การรายงานนี้หมดเวลาแล้ว (ไม่มีการตอบเกิน 30 นาที) ยังไม่ได้บันทึก "
                  "เริ่มใหม่ด้วย /update",
                  "⌛ This update timed out (no answer for 30 minutes); nothing was saved. "
                  "Start again with /update."),
    "not_yours_unsaved": ("ขออภัย โครงการรหัส {pid} ไม่อยู่ในความรับผิดชอบของคุณ ยังไม่ได้บันทึก "
                          "พิมพ์ /update เพื่อเลือกจากโครงการของคุณ",
                          "Sorry, project {pid} is not one you report for; nothing was saved. "
                          "Type /update to choose from your projects."),
    "undo_done_before": ("ℹ️ คำสั่ง /undo นี้ดำเนินการไปแล้ว (ไม่ยกเลิกซ้ำ)",
                         "ℹ️ This /undo was done already (nothing removed again)."),
    "undo_nothing": ("ไม่มีรายงานของคุณที่ยกเลิกได้ (ยกเลิกได้เฉพาะรายงานล่าสุดภายใน 15 นาที)",
                     "You have no update to remove (only your latest, within 15 minutes)."),
    "undone": ("↩️ ยกเลิกรายงานความคืบหน้าล่าสุดแล้ว:", "↩️ Your latest update was removed:"),
    "undone_line": ("• {day} {time} น. [{pid}] ไตรมาส {q}: “{text}”",
                    "• {day} {time} [{pid}] quarter {q}: “{text}”"),
    "mine_none": ("คุณยังไม่มีรายงานความคืบหน้า ใช้ /update รหัสโครงการ ข้อความ",
                  "You have no progress updates yet; use /update PROJECT_ID TEXT."),
    "mine": ("รายงานล่าสุดของคุณ:", "Your latest updates:"),
    "mine_line": ("• {day} [{pid}] ไตรมาส {q}{amount}{status}: {text}",
                  "• {day} [{pid}] quarter {q}{amount}{status}: {text}"),
    "mark_pending": (" · ⏳ รออนุมัติ #{uid}", " · ⏳ waiting for approval #{uid}"),
    "mark_approved": (" · ✅ อนุมัติแล้ว", " · ✅ approved"),
    "mark_rejected": (" · ✖ ไม่อนุมัติ", " · ✖ rejected"),
    "cumulative": (" (ยอดสะสม)", " (cumulative)"),
    "over": ("การรายงานนี้สิ้นสุดไปแล้ว ยังไม่ได้บันทึก เริ่มใหม่ด้วย /update",
             "This update is over; nothing was saved. Start again with /update."),
})
SAVE, EDIT, CANCEL = WORDS("save"), WORDS("edit"), WORDS("cancel")
MORE, CHANGE_PROJECT = WORDS("more"), WORDS("change_project")
RELEASED = WORDS("released")
PENDING_NOTE = ("⏳ รอผู้จัดการอนุมัติ: ยังไม่นับในสรุปจนกว่าจะได้รับอนุมัติ "
                "ระบบจะแจ้งผลให้ทราบ")
PENDING_NOTE_EN = ("⏳ Waiting for a manager's approval: not counted in summaries until "
                   "approved; you will be told the decision.")


def pending_lines(update_id: int, *, english: bool = False) -> list[str]:
    """What a saved update waiting for approval adds to its confirmation."""
    if english:
        return [PENDING_NOTE_EN, f"You can correct it while it waits: /edit {update_id} NEW TEXT"]
    return [PENDING_NOTE, f"แก้ไขได้ระหว่างรออนุมัติ: /edit {update_id} ข้อความใหม่"]


def status_mark(row: ProgressUpdate, *, english: bool = False) -> str:
    """The approval of an update in a list (``/myupdates``): as :func:`status_lines` tells it.

    Empty for an update that waited for nobody (approved, ``decided_by`` empty).
    """
    if row.status == "pending":
        return WORDS("mark_pending", english, uid=row.id)
    if row.status == "approved" and row.decided_by:
        return WORDS("mark_approved", english)
    if row.status == "rejected":
        return WORDS("mark_rejected", english)
    return ""


def status_lines(row: ProgressUpdate, *, english: bool = False) -> list[str]:
    """What a reply about an update saved before says of its approval, as it stands now.

    The same as its first confirmation while nothing was decided: the ⏳ note while it
    waits, nothing where no approval was required (saved at once, ``decided_by`` empty);
    a manager's decision since then is told instead.  For the replies to a message
    delivered again, the same text sent again, a ✅ pressed again.
    """
    if row.status == "pending":
        return pending_lines(row.id, english=english)
    if row.status == "approved" and row.decided_by:
        return [WORDS("status_approved", english)]
    if row.status == "rejected":
        return [WORDS("status_rejected", english)]
    return []
_SAVE_WORDS = frozenset({"บันทึก", "ยืนยัน", "ตกลง", "ok", "okay", "save", "yes", "ใช่"})
_EDIT_WORDS = frozenset({"แก้ไข", "แก้", "edit"})
_CANCEL_WORDS = frozenset({"ยกเลิก", "cancel", "ไม่บันทึก"})


#: Called in the saving transaction with the new update's id, its author and the time;
#: True when the update now waits for a manager's approval (see bot.approvals).
OnStored = Callable[[Session, int, Identity, dt.datetime], bool]


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", to_arabic_digits(text)).casefold()


def own_project_ids(session: Session, who: Identity) -> list[int]:
    """The projects an officer reports for, most relevant first.

    Those they are responsible for (assignments, then their scope), then those they
    have reported on (latest first).
    """
    user = find_user(session, who.platform, who.external_id)
    seen = list(responsible_project_ids(session, user) or [])
    rows = session.execute(
        select(ProgressUpdate.project_id)
        .where(ProgressUpdate.platform == who.platform,
               ProgressUpdate.external_user_id == who.external_id)
        .order_by(ProgressUpdate.created_at.desc()).limit(50))
    for (pid,) in rows:
        if pid not in seen:
            seen.append(pid)
    return seen


def allowed_project_ids(session: Session, who: Identity) -> list[int] | None:
    """The only projects ``who`` may report on, or None when any project is allowed.

    An officer: the projects they are responsible for (None when they have neither
    scope nor assignment).  A manager or an admin with a scope: that scope.
    """
    user = find_user(session, who.platform, who.external_id)
    if user is None:
        return None
    if user.role == ROLE:
        return responsible_project_ids(session, user)
    scope = scope_of(user)
    return None if scope.everything else projects_in_scope(session, scope)


def may_report(session: Session, who: Identity, project_id: int) -> bool:
    """Whether ``who`` may report on project ``project_id``."""
    allowed = allowed_project_ids(session, who)
    return allowed is None or project_id in allowed


def _listing(session: Session, who: Identity) -> list[int]:
    """Project ids in the order the project step lists them."""
    allowed = allowed_project_ids(session, who)
    all_ids = list(session.scalars(select(Project.id).order_by(Project.id)))
    pool = all_ids if allowed is None else [p for p in all_ids if p in set(allowed)]
    own = [p for p in own_project_ids(session, who) if p in set(pool)]
    return own + [p for p in pool if p not in set(own)]


def search_projects(session: Session, who: Identity, typed: str) -> list[int]:
    """Projects whose name or agency contains ``typed`` (spaces ignored), else share words."""
    pool = _listing(session, who)
    if not pool:
        return []
    rows = {p.id: p for p in session.scalars(select(Project).where(Project.id.in_(pool)))}
    want = _squeeze(typed).strip("[]#")
    if want.isdecimal():  # Thai digits too; "³" is a digit but no number int() reads
        pid = typed_id(want)
        return [pid] if pid in rows else []
    hits = [pid for pid in pool
            if want and want in _squeeze(f"{rows[pid].name} {rows[pid].agency}")]
    if hits:
        return hits
    words = {w for w in tokenize(typed) if w.strip()}
    scored = []
    for pid in pool:
        overlap = len(words & set(tokenize(f"{rows[pid].name} {rows[pid].agency}")))
        if overlap:
            scored.append((-overlap, pool.index(pid), pid))
    return [pid for *_, pid in sorted(scored)]


def _progress_typed_early(text: str, default_quarter: FiscalQuarter,
                          english: bool) -> Reading | None:
    """``text`` read as progress when it states a figure (amount, level, percent), else None.

    At the project step an officer sometimes types the progress first; such a text
    names no project, and would otherwise count as a miss (and a second one close the
    update, losing the text).
    """
    if looks_like_question(text):
        return None
    try:
        reading = read_update_text(text, default_quarter, english=english)
    except DraftError:
        return None
    figures = (reading.amount_baht, reading.level, reading.percent)
    return reading if any(v is not None for v in figures) else None


class UpdateFlow:
    """The steps of the guided update over one locked conversation row."""

    kind = KIND
    accepts_files = True
    #: What is pending, as the resume note names it.
    pending = "รายงานความคืบหน้าที่ค้างไว้"
    pending_en = "your unfinished progress update"
    resumes = True

    def __init__(self, *, open_from: Callable[[], FiscalQuarter],
                 on_stored: OnStored | None = None) -> None:
        """Warn of a closed quarter before ``open_from()``; run ``on_stored`` on saving.

        ``open_from()``: the earliest quarter an update is filed under without a warning
        (:meth:`bot.conversation.base.Host.open_from`); the last step warns of an earlier
        one.  ``on_stored``: run in the saving transaction (approval, notifications).
        """
        self.open_from = open_from
        self.on_stored = on_stored

    # -- starting -----------------------------------------------------------------------------
    @staticmethod
    def initial(session: Session, who: Identity, project_id: int | None, text: str,
                default_quarter: FiscalQuarter) -> tuple[str, dict[str, Any], list[str]]:
        """The first step and data for ``/update [ID] [TEXT]``, with notes for the user.

        A project id the officer may report on skips the project step; a text already
        typed is read and kept for the confirmation (or its problem is told, and the
        text step asks again).  Projects whose words the text shares are listed first.
        """
        notes: list[str] = []
        en = who.english
        data: dict[str, Any] = {"page": 0, "en": en}
        if project_id is not None:
            if project_id in _listing(session, who):
                data["project_id"] = project_id
            elif get_project(session, project_id) is not None:
                notes.append(WORDS("not_yours", en, pid=project_id))
            else:
                notes.append(WORDS("no_project", en, pid=project_id))
        if text:
            try:
                data["reading"] = read_update_text(text, default_quarter,
                                                   english=en).to_json()
            except DraftError as exc:
                notes.append(str(exc))
        if "project_id" in data:
            return ("confirm" if "reading" in data else "text"), data, notes
        if "reading" in data:
            hints = search_projects(session, who, text)
            if hints:
                data["choices"] = (hints + [p for p in _listing(session, who)
                                            if p not in hints])[:MAX_CHOICES]
        return "project", data, notes

    # -- showing ------------------------------------------------------------------------------
    def render(self, session: Session, conv: Conversation, who: Identity) -> Out:
        """The current step's message and buttons."""
        if conv.step == "project":
            return self._render_project(session, conv, who)
        if conv.step == "text":
            return self._render_text(session, conv)
        return self._render_confirm(session, conv)

    def _render_project(self, session: Session, conv: Conversation, who: Identity) -> Out:
        data = conv.data or {}
        en = conversation_english(conv)
        listed = data.get("choices") or _listing(session, who)
        page = int(data.get("page") or 0)
        pages = max(1, -(-len(listed) // PAGE_SIZE))
        page = min(page, pages - 1)
        shown = listed[page * PAGE_SIZE:(page + 1) * PAGE_SIZE]
        names = {p.id: p for p in session.scalars(select(Project).where(Project.id.in_(shown)))}
        lines = [WORDS("step1", en),
                 WORDS("step1_hits" if data.get("choices") else "step1_how", en)]
        if "reading" in data:
            lines.append(WORDS("typed", en, text=shorten(data["reading"]["text"], 80)))
        if not shown:
            lines.append(WORDS("no_projects", en))
        buttons = []
        for i, pid in enumerate(shown, 1 + page * PAGE_SIZE):
            p = names.get(pid)
            if p is None:
                continue
            lines.append(f"{i}. [{p.id}] {shorten(p.name, 70)} ({shorten(p.agency, 30)})")
            buttons.append(button(f"[{p.id}] {shorten(p.name, 30)}", conv.id, conv.seq, "p", pid))
        if pages > 1:
            lines.append(WORDS("page", en, page=page + 1, pages=pages))
            buttons.append(button(WORDS("more", en), conv.id, conv.seq, "more"))
        buttons.append(button(WORDS("cancel", en), conv.id, conv.seq, "cancel"))
        return Out("\n".join(lines), tuple(buttons), columns=1)

    def _render_text(self, session: Session, conv: Conversation) -> Out:
        data = conv.data or {}
        project = get_project(session, int(data["project_id"]))
        en = conversation_english(conv)
        name = project.name if project else WORDS("removed", en)
        lines = [WORDS("step2", en, pid=data["project_id"], name=shorten(name, 70)),
                 WORDS("step2_how", en),
                 WORDS("example", en, example=UPDATE_EXAMPLE_EN if en else UPDATE_EXAMPLE),
                 WORDS("photo_ok", en)]
        if "reading" in data:
            lines.append(WORDS("old_text", en, text=shorten(data["reading"]["text"], 200)))
        files = evidence_of(session, conversation_id=conv.id)
        if files:
            lines.append(WORDS("files", en, n=len(files)))
        return Out("\n".join(lines),
                   (button(WORDS("change_project", en), conv.id, conv.seq, "proj"),
                    button(WORDS("cancel", en), conv.id, conv.seq, "cancel")))

    def _render_confirm(self, session: Session, conv: Conversation) -> Out:
        data = conv.data or {}
        reading = Reading.from_json(data["reading"])
        project = get_project(session, int(data["project_id"]))
        files = len(evidence_of(session, conversation_id=conv.id))
        en = conversation_english(conv)  # the officer wrote English: the card is English too
        name = project.name if project else WORDS("removed", en)
        t = _CONFIRM_WORDS[en]
        q = reading.quarter
        lines = [t["head"],
                 f"{t['project']}: [{data['project_id']}] {shorten(name, 70)}",
                 f"{t['quarter']}: " + (f"Q{q.quarter} FY{q.fiscal_year}" if en
                                        else f"{q.quarter}/{q.fiscal_year}"),
                 # "Q2 2023": which fiscal quarter and months a Common Era year gave.
                 *filter(None, [ce_quarter_note(reading.text, q, english=en)]),
                 (t["cumulative"] if states_cumulative(reading.text) else t["disbursed"])
                 + (format_baht(reading.amount_baht, english=en)
                    if reading.amount_baht is not None else t["none"]),
                 f"{t['level']}: {reading.level if reading.level is not None else t['none']}",
                 f"{t['percent']}: " + (format_percent(reading.percent) + ("%" if en else "")
                                        if reading.percent is not None else t["none"]),
                 t["files"].format(files) if files else t["no_files"],
                 f"{t['text']}: “{shorten(reading.text, 300)}”",
                 # What the ✅ confirms: the warnings stored with the step (with_warnings),
                 # read again only for a card shown before they were stored.
                 *(data["warned"] if "warned" in data else self.warnings(session, data)),
                 # Nothing is saved yet; a figure named but unread is said once (in notes).
                 *filter(None, [None if unread_note(reading) else
                                no_figure_note(reading, saved=False)]),
                 t["press"]]
        return Out("\n".join(lines), (button(WORDS("save", en), conv.id, conv.seq, "save"),
                                      button(WORDS("edit", en), conv.id, conv.seq, "edit"),
                                      button(WORDS("cancel", en), conv.id, conv.seq, "cancel")),
                   columns=3)

    # -- typed text ---------------------------------------------------------------------------
    def on_text(self, session: Session, conv: Conversation, who: Identity, text: str,
                now: dt.datetime, default_quarter: FiscalQuarter) -> Outcome:
        """A message typed during the conversation."""
        data = dict(conv.data or {})
        en = data["en"] = who.english
        if en != conversation_english(conv):  # the user's words chose the language
            step_conversation(conv, data=data, now=now, new_seq=False)
        if (gone := self._project_gone(session, conv, who, now)) is not None:
            return gone
        if conv.step == "project":
            hits = search_projects(session, who, text)
            kept = None if hits else _progress_typed_early(text, default_quarter, en)
            if kept is not None:  # the progress itself, typed before the project: keep it
                data.pop("missed", None)
                data["reading"] = kept.to_json()
                step_conversation(conv, data=data, now=now)
                return Outcome([Out(WORDS("kept_early", en)), self.render(session, conv, who)])
            if not hits and (data.get("missed") or looks_like_question(text)):
                # Twice no project, or a question: this chat is not meant for the update.
                close_conversation(session, conv, "cancelled", now)
                return Outcome([Out(WORDS("released", en))], release=True)
            data.pop("missed", None)
            if len(hits) == 1:
                data["project_id"] = hits[0]
                data.pop("choices", None)
                step = "confirm" if "reading" in data else "text"
                step_conversation(conv, step=step, data=self.with_warnings(session, data),
                                  now=now)
                return Outcome([self.render(session, conv, who)])
            if not hits:
                data["missed"] = True
                step_conversation(conv, data=data, now=now, new_seq=False)
                return Outcome([Out(WORDS("no_match", en, text=shorten(text, 60))),
                                self.render(session, conv, who)])
            data["choices"] = hits[:MAX_CHOICES]
            data["page"] = 0
            step_conversation(conv, data=data, now=now)
            return Outcome([self.render(session, conv, who)])
        word = text.strip().casefold()
        if conv.step == "confirm" and word in _SAVE_WORDS:
            return self.save(session, conv, who, now)
        if conv.step == "confirm" and word in _EDIT_WORDS:
            return self.on_press(session, conv, who, Token(conv.id, conv.seq, "edit"), now)
        if word in _CANCEL_WORDS:
            return self.on_press(session, conv, who, Token(conv.id, conv.seq, "cancel"), now)
        if looks_like_question(text):  # answered as a question; the step stays where it is
            step_conversation(conv, now=now, new_seq=False)
            return Outcome([], release=True)
        try:
            reading = read_update_text(text, default_quarter, english=en)
        except DraftError as exc:
            step_conversation(conv, now=now, new_seq=False)
            return Outcome([Out(WORDS("again", en, why=exc)), self.render(session, conv, who)])
        replaced = conv.step == "confirm"
        data["reading"] = reading.to_json()
        step_conversation(conv, step="confirm", data=self.with_warnings(session, data), now=now)
        outs = [self.render(session, conv, who)]
        if replaced:
            outs.insert(0, Out(WORDS("replaced", en)))
        return Outcome(outs)

    def on_file(self, session: Session, conv: Conversation, who: Identity,
                now: dt.datetime, added: bool) -> Outcome:
        """A file was added (``added``) or was already there: show the step again."""
        if (gone := self._project_gone(session, conv, who, now)) is not None:
            return gone
        step_conversation(conv, now=now)
        note = WORDS("file_added" if added else "file_again", conversation_english(conv))
        return Outcome([Out(note), self.render(session, conv, who)])

    # -- buttons ------------------------------------------------------------------------------
    def on_press(self, session: Session, conv: Conversation, who: Identity, token: Token,
                 now: dt.datetime) -> Outcome:
        """A button of the current step (the caller has checked owner, step and time)."""
        data = dict(conv.data or {})
        en = conversation_english(conv)
        action = token.action
        if action == "cancel":
            close_conversation(session, conv, "cancelled", now)
            return Outcome([Out(WORDS("cancelled", en))])
        if (gone := self._project_gone(session, conv, who, now)) is not None:
            return gone
        if action == "save" and conv.step == "confirm":
            return self.save(session, conv, who, now)
        if action == "edit" and conv.step == "confirm":
            step_conversation(conv, step="text", data=data, now=now)
            return Outcome([self.render(session, conv, who)])
        if action == "proj" and conv.step in ("text", "confirm"):
            data.pop("project_id", None)
            data.pop("choices", None)
            data["page"] = 0
            step_conversation(conv, step="project", data=data, now=now)
            return Outcome([self.render(session, conv, who)])
        if action == "more" and conv.step == "project":
            data["page"] = int(data.get("page") or 0) + 1
            listed = data.get("choices") or _listing(session, who)
            if data["page"] * PAGE_SIZE >= len(listed):
                data["page"] = 0  # after the last page, the first again
            step_conversation(conv, data=data, now=now)
            return Outcome([self.render(session, conv, who)])
        if action == "p" and conv.step == "project" and token.value is not None:
            listed = data.get("choices") or _listing(session, who)
            if token.value not in listed or get_project(session, token.value) is None:
                return Outcome([Out(WORDS("not_listed", en)),
                                self.render(session, conv, who)])
            data["project_id"] = token.value
            data.pop("choices", None)
            step = "confirm" if "reading" in data else "text"
            step_conversation(conv, step=step, data=self.with_warnings(session, data), now=now)
            return Outcome([self.render(session, conv, who)])
        return Outcome([Out(WORDS("wrong_step", en)), self.render(session, conv, who)])

    def _project_gone(self, session: Session, conv: Conversation, who: Identity,
                      now: dt.datetime) -> Outcome | None:
        """When the chosen project was removed meanwhile (``/remove``): back to choosing.

        The conversation is about that project from step 2 on; once the project is gone
        it must not go on as if it were there.  The text typed so far is kept.
        """
        data = conv.data or {}
        if "project_id" not in data or get_project(session, int(data["project_id"])):
            return None
        data = {k: v for k, v in data.items() if k not in ("project_id", "choices")}
        step_conversation(conv, step="project", data={**data, "page": 0}, now=now)
        return Outcome([Out(WORDS("project_gone", conversation_english(conv))),
                        self.render(session, conv, who)])

    # -- what the last step warned of ------------------------------------------------------
    def warnings(self, session: Session, data: dict[str, Any]) -> list[str]:
        """What the last step asks to confirm for ``data`` now (:func:`confirm_notes`).

        Empty before a project and a text are chosen.  The quarter's being closed
        depends on the time, the budget and the running totals on the database: each can
        change between the card and the ✅.
        """
        if "reading" not in data or "project_id" not in data:
            return []
        return confirm_notes(session, int(data["project_id"]), Reading.from_json(data["reading"]),
                             open_from=self.open_from())

    def with_warnings(self, session: Session, data: dict[str, Any]) -> dict[str, Any]:
        """``data`` with the warnings the card shown next states, for the ✅ to check."""
        return {**data, "warned": self.warnings(session, data)}

    # -- saving -------------------------------------------------------------------------------
    def save(self, session: Session, conv: Conversation, who: Identity,
             now: dt.datetime) -> Outcome:
        """Store the update exactly as confirmed, with its files; close the conversation.

        Confirmed means with what the card warned of: a warning that is new since (the
        quarter closed meanwhile, a budget lowered, a running total reported) is shown on
        the card again, nothing saved and nothing lost, for a ✅ that confirms it.
        """
        en = conversation_english(conv)
        if not has_role(who.role, ROLE):
            close_conversation(session, conv, "cancelled", now)
            return Outcome([Out(WORDS("no_role", en))])
        data = conv.data or {}
        reading = Reading.from_json(data["reading"])
        project_id = int(data["project_id"])
        project = get_project(session, project_id)
        if project is None:
            data = {k: v for k, v in data.items() if k != "project_id"}
            step_conversation(conv, step="project", data=data, now=now)
            return Outcome([Out(WORDS("project_gone", en)),
                            self.render(session, conv, who)])
        warned = data.get("warned")
        now_warned = self.warnings(session, data)
        if any(w not in (warned or ()) for w in now_warned):
            # The buttons of the card shown before go stale (a new seq): only a ✅ pressed
            # on the card that states the new warning saves.
            step_conversation(conv, data={**data, "warned": now_warned}, now=now)
            return Outcome([Out(WORDS("changed_since", en)), self.render(session, conv, who)])
        user_row = session.scalar(select(User.id).where(User.platform == who.platform,
                                                        User.external_id == who.external_id))
        message_id = f"conv-{conv.id}"
        stored = store_update(session, NewUpdate(
            project_id=project_id, platform=who.platform, platform_message_id=message_id,
            text=reading.text, quarter=reading.quarter, amount_baht=reading.amount_baht,
            level=reading.level, percent=reading.percent, user_id=user_row,
            author_role=who.role, at=now, external_user_id=who.external_id,
            # ✅ pressed on a card that warned of everything to confirm, a closed quarter
            # too (confirm_notes; checked just above).
            closed_confirmed=True), open_from=self.open_from())
        if stored.duplicate_of is not None:  # the same text saved moments ago
            close_conversation(session, conv, "cancelled", now)
            first = session.get(ProgressUpdate, stored.duplicate_of)
            status = status_lines(first, english=en) if first is not None else []
            return Outcome([Out("\n".join([duplicate_note(stored.duplicate_of, en), *status]),
                                meta={"update_created": False})])
        update_id = stored.update_id
        if update_id is None:  # stored before and undone: nothing to save again
            close_conversation(session, conv, "saved", now)
            return Outcome([Out(WORDS("undone_before", en))])
        files = attach_evidence(session, conv.id, update_id)
        close_conversation(session, conv, "saved", now, update_id=update_id)
        pending = bool(self.on_stored and stored.created
                       and self.on_stored(session, update_id, who, now))
        row = None if stored.created else session.get(ProgressUpdate, update_id)
        lines = [WORDS("saved", en),
                 *understood_lines(project_id, project.name, reading.quarter,
                                   reading.amount_baht, reading.level, reading.percent,
                                   english=en, cumulative=states_cumulative(reading.text),
                                   text=reading.text)]
        if (bare := no_figure_note(reading)) is not None:
            lines.append(bare)
        if files:
            lines.append(WORDS("saved_files", en, n=files))
        lines.append(saved_mark(update_id, english=en))
        if pending:
            lines += pending_lines(update_id, english=en)
        elif row is not None:  # saved by an earlier press: its approval as it stands
            lines += status_lines(row, english=en)
        lines.append(WORDS("undo", en))
        return Outcome([Out("\n".join(lines), (attach_button(update_id, english=en),),
                            meta={"update_created": stored.created})],
                       saved_update_id=update_id)

    @staticmethod
    def closed_answer(session: Session, conv: Conversation) -> Out:
        """The reply to a press on a conversation that is over, by how it ended."""
        en = conversation_english(conv)
        if conv.outcome == "saved":
            row = find_update(session, conv.platform, f"conv-{conv.id}")
            if row is not None:
                return Out("\n".join([WORDS("saved_already", en, pid=row.project_id,
                                             q=f"{row.quarter}/{row.fiscal_year}"),
                                       *status_lines(row, english=en)]),
                           meta={"update_created": False})
            return Out(WORDS("undone_before", en))
        return Out(WORDS("timed_out" if conv.outcome == "expired" else "over", en))


#: The check card's words, Thai (False) and English (True).
_CONFIRM_WORDS: dict[bool, dict[str, str]] = {
    False: {"head": "📝 ขั้นที่ 3/3: ตรวจสอบก่อนบันทึก (ยังไม่ได้บันทึก)", "project": "โครงการ",
            "quarter": "ไตรมาส", "disbursed": "เบิกจ่าย: ",
            "cumulative": "เบิกจ่าย (ยอดสะสม ไม่บวกซ้ำกับยอดก่อนหน้า): ", "level": "ระดับ",
            "percent": "ร้อยละ", "none": "– (ไม่พบในข้อความ)", "files": "รูปประกอบ: {} ไฟล์",
            "no_files": "รูปประกอบ: ไม่มี", "text": "ข้อความ",
            "press": "กด ✅ บันทึก, ✏️ แก้ไข หรือ ✖ ยกเลิก (ส่งรูปถ่ายประกอบได้ก่อนกดบันทึก)"},
    True: {"head": "📝 Step 3/3: check before saving (not saved yet)", "project": "Project",
           "quarter": "Quarter", "disbursed": "Disbursed: ",
           "cumulative": "Disbursed (running total, not added to the earlier ones): ",
           "level": "Level", "percent": "Percent", "none": "– (not in the text)",
           "files": "Photos/PDF: {}", "no_files": "Photos/PDF: none", "text": "Text",
           "press": "Press ✅ save, ✏️ edit or ✖ cancel (you may send photos before saving)"},
}
