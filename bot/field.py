"""Field-reporting commands: ``/assign``, ``/missing``, ``/remind on|off``.

Transport-neutral handlers that answer with :class:`~bot.conversation.Out` values;
:mod:`bot.core` registers them in its command table.  Who reports for what and who
sees what is :mod:`knowledge.assignments`; deny by default: a manager assigns only
projects of their own scope, and sees only their scope's non-submitters.
"""

from __future__ import annotations

import re

from sqlalchemy.orm import Session

from bot.bilingual import Bilingual
from bot.conversation.base import Host, Out
from bot.conversation.lang import Words
from bot.quarter_range import check_begun
from bot.users import Identity, UserAdminError, has_role, parse_user_ref
from knowledge.assignments import (
    Missing,
    Scope,
    assign_projects,
    assigned_project_ids,
    find_user,
    in_scope,
    missing_for_quarter,
    responsible_project_ids,
    scope_of,
    unassign_projects,
)
from knowledge.ids import typed_id
from knowledge.models import RoleChange
from knowledge.textcut import shorten
from knowledge.thai import FiscalQuarter, ThaiParseError, latest_begun, parse_quarter, quarter_alone
from knowledge.updates import get_project

__all__ = ["assign", "missing", "missing_text", "remind_toggle"]

#: The field commands' words, Thai and English (see :mod:`bot.conversation.lang`).
WORDS = Words({
    "assign_usage": ("ใช้: /assign PLATFORM:ID รหัสโครงการ [รหัสโครงการ…] เพื่อมอบหมาย, "
                     "/assign PLATFORM:ID -รหัสโครงการ เพื่อถอน, /assign PLATFORM:ID เพื่อดู "
                     "หรือ /assign เพื่อดูโครงการของคุณเอง",
                     "Usage: /assign PLATFORM:ID PROJECT_ID [PROJECT_ID…] to assign, "
                     "/assign PLATFORM:ID -PROJECT_ID to remove, /assign PLATFORM:ID to see, "
                     "or /assign alone for your own projects"),
    "sorry": ("ขออภัย", "Sorry,"),
    "more": ("… และอีก {n} โครงการ", "… and {n:more project|more projects}"),
    "no_user": ("ไม่พบผู้ใช้ {ref}", "There is no user {ref}."),
    "head": ("{whose}: บทบาท {role} · ขอบเขต {scope}", "{whose}: role {role} · scope {scope}"),
    "yours": ("โครงการของคุณ", "Your projects"),
    "unassigned": ("ยังไม่ได้มอบหมายโครงการ (รายงานได้ทุกโครงการ แต่ไม่มีการแจ้งเตือน)",
                   "No projects assigned (any project may be reported on, with no reminders)."),
    "responsible": ("รับผิดชอบ {n} โครงการ ({k} โครงการมอบหมายรายโครงการ):",
                    "Responsible for {n:project|projects} ({k} assigned one by one):"),
    "not_manager": ("ขออภัย การมอบหมายโครงการต้องมีบทบาท manager ขึ้นไป "
                    "(/assign ไม่มีอาร์กิวเมนต์ เพื่อดูโครงการของคุณเอง)",
                    "Sorry, assigning projects needs the manager role (/assign alone shows "
                    "your own projects)."),
    "bad_id": ("รหัสโครงการไม่ถูกต้อง: {word}", "Not a project id: {word}"),
    "register_first": ("ไม่พบผู้ใช้ {ref} กรุณาลงทะเบียนก่อน (sdgbot users add {ref} --role officer)",
                       "There is no user {ref}; please register them first (sdgbot users add "
                       "{ref} --role officer)."),
    "not_officer": ("{ref} มีบทบาท {role} มอบหมายโครงการได้เฉพาะ officer ขึ้นไป",
                    "{ref} has the role {role}; projects are assigned to officers and above."),
    "no_project": ("ไม่พบโครงการรหัส {pid} ไม่มีการเปลี่ยนแปลง",
                   "There is no project {pid}; nothing was changed."),
    "outside": ("ขออภัย โครงการรหัส {pid} อยู่นอกขอบเขตของคุณ ({scope}) ไม่มีการเปลี่ยนแปลง",
                "Sorry, project {pid} is outside your scope ({scope}); nothing was changed."),
    "assigned": ("✅ มอบหมายเพิ่ม {added} · ถอน {removed} โครงการ",
                 "✅ {added:project|projects} assigned · {removed} removed"),
    "missing_example": ("ตัวอย่าง: /missing 2/2566", "For example: /missing 2/2566"),
    "missing_head": ("ผู้ที่ยังไม่ส่งรายงานความคืบหน้า ไตรมาส {q}/{fy} ({scope})",
                     "Who has not reported progress for Q{q} FY{fy} ({scope})"),
    "missing_none": ("✅ ส่งครบทุกโครงการแล้ว", "✅ Every project has been reported."),
    "missing_count": ("{head}: {n} คน", "{head}: {n:person|people}"),
    "missing_off": (" (ปิดการแจ้งเตือน)", " (reminders off)"),
    "missing_more": ("… และอีก {n} คน (sdgbot missing แสดงทั้งหมด)",
                     "… and {n} more (sdgbot missing shows them all)"),
    "remind_state": ("การแจ้งเตือนของคุณ: {state}\nใช้ /remind off เพื่อปิด หรือ /remind on เพื่อเปิด",
                     "Your reminders: {state}\nUse /remind off to stop them or /remind on to "
                     "start them."),
    "on": ("เปิด", "on"),
    "off": ("ปิด", "off"),
    "remind_nobody": ("ผู้ใช้นี้ไม่มีการแจ้งเตือน",
                      "There are no reminders for this user."),
    "reminders_off": ("🔕 ปิดการแจ้งเตือนแล้ว ระบบจะไม่ส่งข้อความเตือนให้คุณ (/remind on เพื่อเปิด)",
                      "🔕 Reminders off: you will get no reminders (/remind on to start them)."),
    "reminders_on": ("🔔 เปิดการแจ้งเตือนแล้ว", "🔔 Reminders on."),
    "only_yours": ("แสดงเฉพาะ {n} โครงการที่อยู่ในขอบเขตของคุณ ({scope})",
                   "Only the {n:project|projects} in your scope ({scope}) are shown."),
})
ASSIGN_USAGE = WORDS("assign_usage")
_MAX_LISTED = 30


def _projects_lines(session: Session, ids: list[int], en: bool = False) -> list[str]:
    lines = []
    for pid in ids[:_MAX_LISTED]:
        p = get_project(session, pid)
        if p is not None:
            lines.append(f"• [{p.id}] {shorten(p.name, 70)} ({shorten(p.agency, 30)})")
    if len(ids) > _MAX_LISTED:
        lines.append(WORDS("more", en, n=len(ids) - _MAX_LISTED))
    return lines


def _responsibility(session: Session, platform: str, external_id: str, whose: str,
                    en: bool = False, viewer: Scope | None = None) -> Out:
    """Who ``platform:external_id`` is and what they report for.

    ``viewer``: the scope of the manager who asks about another user (None: the user
    themselves); a limited one is shown only the projects inside it
    (:func:`knowledge.assignments.in_scope`), and told so.
    """
    user = find_user(session, platform, external_id)
    if user is None:
        return Out(WORDS("no_user", en, ref=f"{platform}:{external_id}"))
    scope = scope_of(user)
    ids = responsible_project_ids(session, user)
    head = [WORDS("head", en, whose=whose, role=user.role, scope=scope.describe(en))]
    if ids is None:
        head.append(WORDS("unassigned", en))
        return Out("\n".join(head))
    assigned = set(assigned_project_ids(session, user.id))
    head.append(WORDS("responsible", en, n=len(ids), k=len(assigned)))
    if viewer is not None and not viewer.everything:
        theirs = len(ids)
        ids = [pid for pid in ids
               if (p := get_project(session, pid)) is not None and in_scope(viewer, p.agency)]
        if len(ids) < theirs:
            head.append(WORDS("only_yours", en, n=len(ids), scope=viewer.describe(en)))
    return Out("\n".join(head + _projects_lines(session, ids, en)))


def assign(host: Host, who: Identity, arg: str) -> list[Out]:
    """``/assign``: see or change who reports for which projects."""
    parts = arg.split()
    en = who.english
    usage = WORDS("assign_usage", en)
    if not parts:
        with host.db.read() as s:
            return [_responsibility(s, who.platform, who.external_id, WORDS("yours", en), en)]
    if not has_role(who.role, "manager"):
        return [Out(WORDS("not_manager", en))]
    try:
        platform, ext = parse_user_ref(parts[0])
    except UserAdminError as exc:
        return [Out(f"{exc}\n{usage}")]
    adds: list[int] = []
    drops: list[int] = []
    for word in parts[1:]:
        m = re.fullmatch(r"([+-]?)#?([0-9๐-๙]+)", word)
        if not m:
            return [Out(f"{WORDS('bad_id', en, word=shorten(word, 30))}\n{usage}")]
        (drops if m.group(1) == "-" else adds).append(typed_id(m.group(2)))

    def change(s: Session) -> Out:
        target = find_user(s, platform, ext)
        ref = f"{platform}:{ext}"
        viewer = scope_of(find_user(s, who.platform, who.external_id))
        if target is None:
            return Out(WORDS("register_first", en, ref=ref))
        if not adds and not drops:
            return _responsibility(s, platform, ext, ref, en, viewer)
        if not has_role(target.role, "officer"):
            return Out(WORDS("not_officer", en, ref=ref, role=target.role))
        mine = viewer
        for pid in adds + drops:
            project = get_project(s, pid)
            if project is None:
                return Out(WORDS("no_project", en, pid=pid))
            if not in_scope(mine, project.agency):
                return Out(WORDS("outside", en, pid=pid, scope=mine.describe(en)))
        added = assign_projects(s, target, adds, actor=who.ref)
        removed = unassign_projects(s, target, drops) if drops else 0
        s.add(RoleChange(actor=who.ref, target=f"{platform}:{ext}", old_role=target.role,
                         new_role=target.role,
                         detail=f"assign +{','.join(map(str, added)) or '-'} "
                                f"-{','.join(map(str, drops)) or '-'}"))
        out = _responsibility(s, platform, ext, ref, en, viewer)
        return Out(f"{WORDS('assigned', en, added=len(added), removed=removed)}\n{out.text}")

    with host.db.write() as s:
        return [change(s)]


def resolve_quarter(arg: str, host: Host) -> FiscalQuarter:
    """The quarter typed (``2/2566``, ``Q2 2566,``), or the current one when none.

    The current one is Asia/Bangkok's; one typed without its year ("ไตรมาส 2") is the
    latest such quarter begun (:func:`knowledge.thai.latest_begun`).
    """
    if not arg.strip():
        return host.now_quarter()
    if (n := quarter_alone(arg)) is not None:  # "ไตรมาส 2": as /summary and /update read it
        return latest_begun(n, host.now_quarter())
    return parse_quarter(arg)


def missing_text(rows: list[Missing], quarter: FiscalQuarter, scope_text: str,
                 *, limit: int | None = 40, english: bool = False) -> str:
    """The non-submitter list: each officer with the projects lacking an update.

    ``english``: in English (the user's language); Thai otherwise.
    """
    head = WORDS("missing_head", english, q=quarter.quarter, fy=quarter.fiscal_year,
                 scope=scope_text)
    if not rows:
        return f"{head}\n{WORDS('missing_none', english)}"
    lines = [WORDS("missing_count", english, head=head, n=len(rows))]
    shown = rows if limit is None else rows[:limit]
    for r in shown:
        name = f" {r.display_name}" if r.display_name else ""
        off = WORDS("missing_off", english) if r.reminders_off else ""
        lines.append(f"• {r.ref}{name}{off}: " + ", ".join(
            f"[{pid}] {shorten(pname, 40)}" for pid, pname, _ in r.projects))
    if limit is not None and len(rows) > limit:
        lines.append(WORDS("missing_more", english, n=len(rows) - limit))
    return "\n".join(lines)


def missing(host: Host, who: Identity, arg: str) -> list[Out]:
    """``/missing [QUARTER]``: the officers in the manager's scope who have not reported."""
    en = who.english
    try:
        quarter = resolve_quarter(arg, host)
    except ThaiParseError as exc:
        return [Out(f"{exc.english if en else exc}\n{WORDS('missing_example', en)}")]
    try:  # nobody can have reported on a quarter that has not begun
        check_begun(quarter, host.now_quarter())
    except Bilingual as exc:
        return [Out(f"{WORDS('sorry', en)} {exc.say(en)}")]
    from bot.summary_view import ce_year_note  # the same note as /summary's

    with host.db.read() as s:
        scope = scope_of(find_user(s, who.platform, who.external_id))
        rows = missing_for_quarter(s, quarter, scope)
    text = missing_text(rows, quarter, scope.describe(en), english=en)
    ce = ce_year_note(arg, quarter, en)  # "/missing Q2 2023": said which year was read
    return [Out(f"{ce}\n{text}" if ce else text)]


def remind_toggle(host: Host, who: Identity, arg: str) -> list[Out]:
    """``/remind off`` stops reminders to you, ``/remind on`` brings them back."""
    word = arg.strip().casefold()
    en = who.english
    if word not in ("on", "off", "เปิด", "ปิด"):
        with host.db.read() as s:
            user = find_user(s, who.platform, who.external_id)
            state = WORDS("off" if user is not None and user.reminders_off else "on", en)
        return [Out(WORDS("remind_state", en, state=state))]
    off = word in ("off", "ปิด")
    with host.db.write() as s:
        user = find_user(s, who.platform, who.external_id)
        if user is None:
            return [Out(WORDS("remind_nobody", en))]
        user.reminders_off = off
    return [Out(WORDS("reminders_off" if off else "reminders_on", en))]
