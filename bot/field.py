"""Field-reporting commands: ``/assign``, ``/missing``, ``/remind on|off``.

Transport-neutral handlers that answer with :class:`~bot.conversation.Out` values;
:mod:`bot.core` registers them in its command table.  Who reports for what and who
sees what is :mod:`knowledge.assignments`; deny by default: a manager assigns only
projects of their own scope, and sees only their scope's non-submitters.
"""

from __future__ import annotations

import re

from sqlalchemy.orm import Session

from bot.conversation.base import Host, Out
from bot.users import Identity, UserAdminError, has_role, parse_user_ref
from knowledge.assignments import (
    Missing,
    assign_projects,
    assigned_project_ids,
    find_user,
    missing_for_quarter,
    responsible_project_ids,
    scope_of,
    unassign_projects,
)
from knowledge.models import RoleChange
from knowledge.textcut import shorten
from knowledge.thai import FiscalQuarter, ThaiParseError, parse_quarter, to_arabic_digits
from knowledge.updates import get_project

__all__ = ["assign", "missing", "missing_text", "remind_toggle"]

ASSIGN_USAGE = ("ใช้: /assign PLATFORM:ID รหัสโครงการ [รหัสโครงการ…] เพื่อมอบหมาย, "
                "/assign PLATFORM:ID -รหัสโครงการ เพื่อถอน, /assign PLATFORM:ID เพื่อดู "
                "หรือ /assign เพื่อดูโครงการของคุณเอง")
_MAX_LISTED = 30


def _projects_lines(session: Session, ids: list[int]) -> list[str]:
    lines = []
    for pid in ids[:_MAX_LISTED]:
        p = get_project(session, pid)
        if p is not None:
            lines.append(f"• [{p.id}] {shorten(p.name, 70)} ({shorten(p.agency, 30)})")
    if len(ids) > _MAX_LISTED:
        lines.append(f"… และอีก {len(ids) - _MAX_LISTED} โครงการ")
    return lines


def _responsibility(session: Session, platform: str, external_id: str, whose: str) -> Out:
    user = find_user(session, platform, external_id)
    if user is None:
        return Out(f"ไม่พบผู้ใช้ {platform}:{external_id} (no such user)")
    scope = scope_of(user)
    ids = responsible_project_ids(session, user)
    head = [f"{whose}: บทบาท {user.role} · ขอบเขต {scope.describe()}"]
    if ids is None:
        head.append("ยังไม่ได้มอบหมายโครงการ (รายงานได้ทุกโครงการ แต่ไม่มีการแจ้งเตือน)")
        return Out("\n".join(head))
    assigned = set(assigned_project_ids(session, user.id))
    head.append(f"รับผิดชอบ {len(ids)} โครงการ ({len(assigned)} โครงการมอบหมายรายโครงการ):")
    return Out("\n".join(head + _projects_lines(session, ids)))


def assign(host: Host, who: Identity, arg: str) -> list[Out]:
    """``/assign``: see or change who reports for which projects."""
    parts = arg.split()
    if not parts:
        with host.db.read() as s:
            return [_responsibility(s, who.platform, who.external_id, "โครงการของคุณ")]
    if not has_role(who.role, "manager"):
        return [Out("ขออภัย การมอบหมายโครงการต้องมีบทบาท manager ขึ้นไป "
                    "(/assign ไม่มีอาร์กิวเมนต์ เพื่อดูโครงการของคุณเอง)")]
    try:
        platform, ext = parse_user_ref(parts[0])
    except UserAdminError as exc:
        return [Out(f"{exc}\n{ASSIGN_USAGE}")]
    adds: list[int] = []
    drops: list[int] = []
    for word in parts[1:]:
        m = re.fullmatch(r"([+-]?)#?([0-9๐-๙]{1,10})", word)
        if not m:
            return [Out(f"รหัสโครงการไม่ถูกต้อง: {shorten(word, 30)}\n{ASSIGN_USAGE}")]
        (drops if m.group(1) == "-" else adds).append(int(to_arabic_digits(m.group(2))))

    def change(s: Session) -> Out:
        target = find_user(s, platform, ext)
        if target is None:
            return Out(f"ไม่พบผู้ใช้ {platform}:{ext} กรุณาลงทะเบียนก่อน "
                       f"(sdgbot users add {platform}:{ext} --role officer)")
        if not adds and not drops:
            return _responsibility(s, platform, ext, f"{platform}:{ext}")
        if not has_role(target.role, "officer"):
            return Out(f"{platform}:{ext} มีบทบาท {target.role} มอบหมายโครงการได้เฉพาะ officer ขึ้นไป")
        mine = scope_of(find_user(s, who.platform, who.external_id))
        for pid in adds + drops:
            project = get_project(s, pid)
            if project is None:
                return Out(f"ไม่พบโครงการรหัส {pid} ไม่มีการเปลี่ยนแปลง")
            if not mine.everything and not mine.covers(project.agency):
                return Out(f"ขออภัย โครงการรหัส {pid} อยู่นอกขอบเขตของคุณ ({mine.describe()}) "
                           "ไม่มีการเปลี่ยนแปลง")
        added = assign_projects(s, target, adds, actor=who.ref)
        removed = unassign_projects(s, target, drops) if drops else 0
        s.add(RoleChange(actor=who.ref, target=f"{platform}:{ext}", old_role=target.role,
                         new_role=target.role,
                         detail=f"assign +{','.join(map(str, added)) or '-'} "
                                f"-{','.join(map(str, drops)) or '-'}"))
        out = _responsibility(s, platform, ext, f"{platform}:{ext}")
        return Out(f"✅ มอบหมายเพิ่ม {len(added)} · ถอน {removed} โครงการ\n{out.text}")

    with host.db.write() as s:
        return [change(s)]


def resolve_quarter(arg: str, host: Host) -> FiscalQuarter:
    """The quarter typed (``2/2566``), or the current one (Asia/Bangkok) when none."""
    if not arg.strip():
        return host.now_quarter()
    return parse_quarter(arg)


def missing_text(rows: list[Missing], quarter: FiscalQuarter, scope_text: str,
                 *, limit: int | None = 40) -> str:
    """The non-submitter list in Thai: each officer with the projects lacking an update."""
    head = (f"ผู้ที่ยังไม่ส่งรายงานความคืบหน้า ไตรมาส {quarter.quarter}/{quarter.fiscal_year} "
            f"({scope_text})")
    if not rows:
        return f"{head}\n✅ ส่งครบทุกโครงการแล้ว (everyone has reported)"
    lines = [head + f": {len(rows)} คน"]
    shown = rows if limit is None else rows[:limit]
    for r in shown:
        name = f" {r.display_name}" if r.display_name else ""
        off = " (ปิดการแจ้งเตือน)" if r.reminders_off else ""
        lines.append(f"• {r.ref}{name}{off}: " + ", ".join(
            f"[{pid}] {shorten(pname, 40)}" for pid, pname, _ in r.projects))
    if limit is not None and len(rows) > limit:
        lines.append(f"… และอีก {len(rows) - limit} คน (sdgbot missing แสดงทั้งหมด)")
    return "\n".join(lines)


def missing(host: Host, who: Identity, arg: str) -> list[Out]:
    """``/missing [QUARTER]``: the officers in the manager's scope who have not reported."""
    try:
        quarter = resolve_quarter(arg, host)
    except ThaiParseError as exc:
        return [Out(f"{exc}\nตัวอย่าง: /missing 2/2566")]
    with host.db.read() as s:
        scope = scope_of(find_user(s, who.platform, who.external_id))
        rows = missing_for_quarter(s, quarter, scope)
    return [Out(missing_text(rows, quarter, scope.describe()))]


def remind_toggle(host: Host, who: Identity, arg: str) -> list[Out]:
    """``/remind off`` stops reminders to you, ``/remind on`` brings them back."""
    word = arg.strip().casefold()
    if word not in ("on", "off", "เปิด", "ปิด"):
        with host.db.read() as s:
            user = find_user(s, who.platform, who.external_id)
            state = "ปิด" if user is not None and user.reminders_off else "เปิด"
        return [Out(f"การแจ้งเตือนของคุณ: {state}\nใช้ /remind off เพื่อปิด หรือ /remind on เพื่อเปิด")]
    off = word in ("off", "ปิด")
    with host.db.write() as s:
        user = find_user(s, who.platform, who.external_id)
        if user is None:
            return [Out("ผู้ใช้นี้ไม่มีการแจ้งเตือน (no reminders for this user)")]
        user.reminders_off = off
    if off:
        return [Out("🔕 ปิดการแจ้งเตือนแล้ว ระบบจะไม่ส่งข้อความเตือนให้คุณ (/remind on เพื่อเปิด)")]
    return [Out("🔔 เปิดการแจ้งเตือนแล้ว")]
