"""Who may do what: users, roles and the audit trail of every change.

Deny by default: a user with no row has no rights but ``/start``.  Roles are
ordered (staff < officer < manager < admin) and each includes the rights of the
ones below it.  The operator at the machine (``console:local``) is an admin
without a row, because they already hold the database file.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.bilingual import Bilingual
from bot.examples import example_reason
from bot.plain_text import plain_text_problem
from knowledge.agencies import known_province
from knowledge.assignments import agency_key
from knowledge.models import ROLES, ListedProject, Project, RoleChange, User
from knowledge.textcut import shorten
from knowledge.thai import ascii_digits

__all__ = [
    "PLATFORMS",
    "Identity",
    "UserAdminError",
    "add_user",
    "console_user_id",
    "has_role",
    "list_users",
    "lookup_role",
    "parse_user_ref",
    "remove_user",
    "unknown_agency_note",
]

PLATFORMS = ("telegram", "line", "console")
CONSOLE_OPERATOR = ("console", "local")


class UserAdminError(Bilingual):
    """A user-management request that cannot be done, said in Thai and in English.

    ``str(err)`` gives both (the command line); a chat reply gives the user's language
    (:meth:`~bot.conversation.lang.Bilingual.say`).
    """


@dataclass(frozen=True)
class Identity:
    """A user as the core sees them: platform, id on it, and role (None = unregistered).

    ``english``: the language the user is answered in, decided once per message by the
    chat core (the message's own words, else the language the user last wrote in;
    :mod:`bot.conversation.lang`); every reply to that message follows it.
    """

    platform: str
    external_id: str
    role: str | None
    english: bool = False

    @property
    def ref(self) -> str:
        """``platform:id`` as written in commands."""
        return f"{self.platform}:{self.external_id}"


#: What a user id looks like on each platform: Telegram user ids are positive numbers
#: (at most 52 bits today), LINE user ids are "U" and 32 hex digits, console ids are
#: names the operator chooses.
USER_ID_FORMS: dict[str, tuple[re.Pattern[str], str, str]] = {
    "telegram": (re.compile(r"[1-9][0-9]{0,19}"), "ตัวเลข เช่น telegram:123456789",
                 "a number, e.g. telegram:123456789"),
    "line": (re.compile(r"U[0-9a-f]{32}"), "U ตามด้วยเลขฐานสิบหก 32 ตัว",
             "U and 32 hex digits, e.g. line:U4af4980629..."),
    "console": (re.compile(r"[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}"), "ตัวอักษรอังกฤษหรือตัวเลข",
                "letters, digits, _ . @ -"),
}


def _without_prefix(platform: str, ext: str) -> str:
    """``ext`` without its platform's prefix typed again ("console:off1" → "off1").

    ``console:console:off1`` is one user, ``console:off1``, whoever types it (a
    ``--user console:off1``, a pasted id): the id is stored and looked up bare.
    """
    while platform in PLATFORMS and ext.lower().startswith(platform + ":"):
        ext = ext[len(platform) + 1:].strip()
    return ext


def console_user_id(raw: str) -> str:
    """The console user id ``sdgbot chat --user`` names: ``off1`` and ``console:off1`` alike.

    The id is normalised as ``sdgbot users add console:off1`` stores it (bare ``off1``);
    another platform's id (``telegram:123``) or an id that is not in the console's form
    raises :class:`UserAdminError`.
    """
    text = ascii_digits((raw or "").strip())  # "off๑" is off1
    platform, sep, _ = text.partition(":")
    if sep and platform.lower() in PLATFORMS and platform.lower() != "console":
        raise UserAdminError(
            f"--user เป็นรหัสผู้ใช้ของคอนโซลเท่านั้น ({shorten(text, 40)!r} เป็นของ {platform.lower()}) "
            "เช่น --user off1", "the console chat takes a console id, e.g. --user off1")
    ext = _without_prefix("console", text)
    pattern, th, en = USER_ID_FORMS["console"]
    if not pattern.fullmatch(ext):
        raise UserAdminError(f"รหัสผู้ใช้ console ไม่ถูกต้อง: {shorten(ext, 70)!r} ต้องเป็น {th}",
                             f"a console user id is {en}")
    return ext


def parse_user_ref(ref: str, *, check_id: bool = False) -> tuple[str, str]:
    """Split ``PLATFORM:ID``; raise :class:`UserAdminError` for anything else.

    The platform's prefix typed twice (``console:console:off1``) is one prefix.
    With ``check_id`` the id must also have its platform's form (:data:`USER_ID_FORMS`):
    ids typed by an administrator are checked on the way in, so that a typo such as
    ``telegram:abc`` is refused instead of registering a user who can never write.
    """
    # Thai or full-width digits in an id are its digits ("telegram:๑๒๓" is telegram:123).
    platform, sep, ext = ascii_digits((ref or "").strip()).partition(":")
    platform = platform.lower()
    ext = _without_prefix(platform, ext.strip())
    if not sep or not ext or platform not in PLATFORMS:
        raise UserAdminError(
            f"รูปแบบผู้ใช้ไม่ถูกต้อง: {ref!r} ต้องเป็น telegram:ID, line:ID หรือ console:ID",
            f"not a user: {ref!r}; expected telegram:ID, line:ID or console:ID"
        )
    if check_id:
        pattern, th, en = USER_ID_FORMS[platform]
        if not pattern.fullmatch(ext):
            raise UserAdminError(
                f"รหัสผู้ใช้ {platform} ไม่ถูกต้อง: {shorten(ext, 70)!r} ต้องเป็น {th}",
                f"a {platform} user id is {en}"
            )
    return platform, ext


def has_role(role: str | None, needed: str) -> bool:
    """True when ``role`` is ``needed`` or above it."""
    if role not in ROLES:
        return False
    return ROLES.index(role) >= ROLES.index(needed)


def lookup_role(session: Session, platform: str, external_id: str) -> str | None:
    """The user's role, or None when they are not registered."""
    if (platform, external_id) == CONSOLE_OPERATOR:
        row = session.scalar(
            select(User.role).where(User.platform == platform, User.external_id == external_id)
        )
        return row or "admin"
    return session.scalar(
        select(User.role).where(User.platform == platform, User.external_id == external_id)
    )


def _scope_value(value: str | None, what_th: str, what_en: str) -> str | None:
    """A scope part as typed: stripped, None when empty; placeholders refused."""
    if value is None:
        return None
    value = " ".join(value.split())
    if not value:
        return None
    if len(value) > 200 or example_reason(value) is not None:
        raise UserAdminError(f"{what_th}ไม่ถูกต้อง: {shorten(value, 60)!r}",
                             f"invalid {what_en}: {shorten(value, 60)!r}")
    # Echoed by `users list`, /assign and /summary: the checks an update's text passes.
    problem = plain_text_problem(value, what=(what_th, f"the {what_en}"))
    if problem is not None:
        raise UserAdminError(f"{what_th}ไม่ถูกต้อง: {problem}",
                             plain_text_problem(value, True, what=(what_th, f"the {what_en}"))
                             or "")
    return value


def _known_agencies(session: Session) -> dict[str, str]:
    """Every agency a project, a report form or a project list names: ``{agency_key: name}``."""
    names = set(session.scalars(select(Project.agency).distinct()))
    names.update(session.scalars(select(ListedProject.agency).distinct()))
    return {agency_key(n): n for n in sorted(names) if n and n.strip()}


def unknown_agency_note(session: Session, agency: str) -> str | None:
    """A warning when no project, form or list names ``agency`` (Thai, then English), or None.

    A scope of such an agency holds no project (``ตท.สป`` for ``ตท.สป.``): the officer
    could report on nothing and would never be told why.  The closest names known are
    suggested.  Nothing is said while no project is known at all (users are often
    registered before the first ingest).
    """
    known = _known_agencies(session)
    if not known or agency_key(agency) in known:
        return None
    close = difflib.get_close_matches(agency_key(agency), list(known), n=3, cutoff=0.6)
    shown = shorten(agency, 40)
    th_hint = en_hint = ""
    if close:
        names = ", ".join(f"«{known[k]}»" for k in close)
        th_hint, en_hint = f" หมายถึง {names} หรือไม่", f"; did you mean {names}?"
    return (f"⚠️ ไม่พบหน่วยงาน «{shown}» ในโครงการ แบบรายงาน หรือบัญชีโครงการใด ขอบเขตนี้จึงยังไม่มี"
            f"โครงการ{th_hint} ตรวจสอบชื่อแล้วตั้งใหม่ได้ด้วยคำสั่งเดิม "
            f"(no project, report form or project list names the agency «{shown}»: this "
            f"scope holds no project yet{en_hint})")


def add_user(session: Session, ref: str, role: str, *, actor: str,
             check_id: bool = False, agency: str | None = None,
             province: str | None = None) -> str:
    """Register a user or change their role (and scope), and audit it.  Never commits.

    ``check_id``: refuse an id not in its platform's form (for ids an administrator
    types: ``sdgbot users add`` and ``/grant``).  ``agency`` and ``province`` set the
    user's scope (see :mod:`knowledge.assignments`); None leaves it as it is, an empty
    string clears it.  A province must be one of Thailand's 77.
    """
    if role not in ROLES:
        raise UserAdminError(f"ไม่รู้จักบทบาท {role!r} ใช้ได้: {', '.join(ROLES)}",
                             f"unknown role {role!r}; the roles are {', '.join(ROLES)}")
    platform, ext = parse_user_ref(ref, check_id=check_id)
    new_agency = _scope_value(agency, "ชื่อหน่วยงาน", "agency")
    new_province = _scope_value(province, "ชื่อจังหวัด", "province")
    if new_province:
        named = known_province(new_province)
        if named is None:
            raise UserAdminError(f"ไม่รู้จักจังหวัด {shorten(new_province, 40)!r}",
                                 f"unknown province {shorten(new_province, 40)!r}")
        new_province = named
    user = session.scalar(
        select(User).where(User.platform == platform, User.external_id == ext)
    )
    old = user.role if user else None
    if user is None:
        user = User(platform=platform, external_id=ext, role=role)
        session.add(user)
    else:
        user.role = role
    changed = []
    if agency is not None and user.agency != new_agency:
        user.agency = new_agency
        changed.append(f"agency={new_agency or '-'}")
    if province is not None and user.province != new_province:
        user.province = new_province
        changed.append(f"province={new_province or '-'}")
    session.add(RoleChange(actor=actor, target=f"{platform}:{ext}", old_role=old, new_role=role,
                           detail="; ".join(changed) or None))
    scope = ""
    if user.agency or user.province:
        scope = " (" + " · ".join(x for x in (user.agency, user.province) if x) + ")"
    note = unknown_agency_note(session, new_agency) if new_agency else None
    tail = f"\n{note}" if note else ""
    if old == role and not changed:
        return f"{platform}:{ext} มีบทบาท {role} อยู่แล้ว{scope} (already {role}){tail}"
    return f"ตั้ง {platform}:{ext} เป็น {role}{scope} แล้ว (set {platform}:{ext} to {role}){tail}"


def remove_user(session: Session, ref: str, *, actor: str) -> str:
    """Remove a user (their rights end at once), and audit it.  Never commits."""
    platform, ext = parse_user_ref(ref)
    user = session.scalar(
        select(User).where(User.platform == platform, User.external_id == ext)
    )
    if user is None:
        raise UserAdminError(f"ไม่พบผู้ใช้ {platform}:{ext}", f"no such user {platform}:{ext}")
    session.add(RoleChange(actor=actor, target=f"{platform}:{ext}", old_role=user.role,
                           new_role=None))
    session.delete(user)
    return f"ลบสิทธิ์ของ {platform}:{ext} แล้ว (removed {platform}:{ext})"


def list_users(session: Session) -> list[dict[str, str | None]]:
    """Registered users: ``[{user, platform, id, role, agency, province}]``."""
    rows = session.scalars(select(User).order_by(User.platform, User.external_id)).all()
    return [
        {"user": f"{u.platform}:{u.external_id}", "platform": u.platform, "id": u.external_id,
         "role": u.role, "agency": u.agency, "province": u.province}
        for u in rows
    ]
