"""Menus per role: Telegram's command list per chat, and a LINE rich menu per role.

Each person sees only what they may use (deny by default):

* **Telegram.**  The default command list (every chat) holds what anyone may use:
  ``/start``.  A registered user's private chat gets the commands of their role
  (``setMyCommands`` with ``BotCommandScopeChat``, Thai by default and English for
  English clients); a removed user's chat list is deleted, so the default shows again.
  ``/edit``, ``/approve`` and ``/reject`` are listed only to a user who can act with
  them under ``SDGBOT_APPROVAL`` (:meth:`bot.approvals.ApprovalPolicy.commands_for`:
  a manager whose scope holds a project whose updates wait, an officer who reports for
  one), as ``/help`` lists them; the list set records which (``menu_ref``), so a changed
  setting, scope or assignment reaches the list at the next sync.
* **LINE.**  Three rich menus, for staff, officers and managers (editors and admins get
  the managers'), each made once from a bundled image (``bot/data/menus/ROLE.png``,
  drawn by :func:`draw_menu_image`: ``python -m bot.menus``) with postback areas that
  send commands; each user is linked to the menu of their role, unlinked when removed.
  A rich menu is known by its name, which carries a digest of its image and areas, so
  a process finds the menus another made (``GET /v2/bot/richmenu/list``) and a changed
  menu is made anew.

:func:`sync_menus` compares ``users`` with ``menu_state`` (the role whose menu each user
was last shown) and sets what differs, so a role change made anywhere (``sdgbot users
add``, ``/grant``) reaches the user at the next sync: every minute beside ``sdgbot
telegram`` and ``sdgbot line`` (:func:`keep_menus_in_step`), the scheduler's every run,
``sdgbot menus``, and ``sdgbot users add/remove`` at once.  Setting a menu twice is
harmless, so concurrent syncs need no lock.  A failure (a user who never opened a chat
with the bot) is logged, and that user is tried again an hour later.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import json
import logging
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.config import Settings, telegram_file_url
from bot.users import has_role
from knowledge.db import Database
from knowledge.models import MenuState, User
from knowledge.textcut import shorten, utf16_len

if TYPE_CHECKING:
    from bot.approvals import ApprovalPolicy

__all__ = [
    "LINE_MENUS",
    "MENU_ROLES",
    "LineMenus",
    "MenuClient",
    "MenuReport",
    "TelegramMenus",
    "approval_configured",
    "chat_commands",
    "draw_menu_image",
    "keep_menus_in_step",
    "menu_clients_from",
    "menu_image",
    "menu_role",
    "sync_menus",
]

log = logging.getLogger(__name__)

#: The roles that have a menu of their own; higher roles share the managers'.
MENU_ROLES = ("staff", "officer", "manager")
#: How long a user whose menu could not be set waits before the next attempt (a Telegram
#: user who has not opened a chat with the bot yet is refused until they do).
RETRY_AFTER = dt.timedelta(hours=1)
#: The rich menus' buttons per role: (label, command), laid out in rows of three.
LINE_MENUS: dict[str, tuple[tuple[str, str], ...]] = {
    "staff": (("ถามคำถาม", "/help"), ("โครงการ", "/projects"), ("เอกสาร", "/docs")),
    "officer": (("รายงานความคืบหน้า", "/update"), ("รายงานของฉัน", "/myupdates"),
                ("โครงการของฉัน", "/assign"), ("โครงการ", "/projects"),
                ("เอกสาร", "/docs"), ("ช่วยเหลือ", "/help")),
    "manager": (("สรุปไตรมาส", "/summary"), ("ผู้ยังไม่รายงาน", "/missing"),
                ("รายงานความคืบหน้า", "/update"), ("โครงการ", "/projects"),
                ("เอกสาร", "/docs"), ("ช่วยเหลือ", "/help")),
}
_WIDTH, _ROW_HEIGHT, _COLUMNS = 1200, 405, 3  # 1200x405 or 1200x810: LINE's ratio >= 1.45
_CHAT_BAR = "เมนู (menu)"


def menu_role(role: str | None) -> str | None:
    """The menu a role gets: its own, or the managers' for editors and admins."""
    if role is None:
        return None
    for name in reversed(MENU_ROLES):
        if has_role(role, name):
            return name
    return None


def chat_commands(role: str | None, *,
                  approval: Collection[str] = ()) -> list[tuple[str, str, str]]:
    """``(command, Thai help, English help)`` of the chat commands ``role`` may use.

    ``approval``: which of ``/edit``, ``/approve`` and ``/reject`` the user can act with
    (:meth:`bot.approvals.ApprovalPolicy.commands_for`); the others are left out, as
    ``/help`` leaves them out.
    """
    from bot.core import APPROVAL_COMMANDS, COMMANDS

    return [(name, cmd.help_th, cmd.help_en) for name, cmd in COMMANDS.items()
            if name.isidentifier() and cmd.help_th
            and (name in approval or name not in APPROVAL_COMMANDS)
            and (cmd.role is None or (role is not None and has_role(role, cmd.role)))]


def approval_configured(settings: Settings) -> bool:
    """Whether ``settings.approval`` (``SDGBOT_APPROVAL``) lets any update wait for a manager."""
    if not (settings.approval or "").strip():
        return False  # unset: bot.approvals (and its conversations) need not be imported
    from bot.approvals import ApprovalPolicy

    return ApprovalPolicy.parse(settings.approval).configured


# -- the rich menu images ------------------------------------------------------------------------
def _size(role: str) -> tuple[int, int]:
    rows = -(-len(LINE_MENUS[role]) // _COLUMNS)
    return _WIDTH, _ROW_HEIGHT * rows


def _areas(role: str) -> list[dict[str, Any]]:
    """The rich menu's areas (pixels of its image) and their postback actions."""
    width = _WIDTH // _COLUMNS
    return [{"bounds": {"x": (i % _COLUMNS) * width, "y": (i // _COLUMNS) * _ROW_HEIGHT,
                        "width": width, "height": _ROW_HEIGHT},
             "action": {"type": "postback", "label": shorten(label, 20, length=utf16_len),
                        "data": command, "displayText": label}}
            for i, (label, command) in enumerate(LINE_MENUS[role])]


def draw_menu_image(role: str) -> bytes:
    """The rich menu image of ``role`` as PNG bytes: a labelled tile per button (Sarabun)."""
    import io

    import fontpkg_sarabun
    from PIL import Image, ImageDraw, ImageFont

    font_file = next(Path(fontpkg_sarabun.ROOT).rglob("Sarabun-SemiBold.ttf"))
    small = ImageFont.truetype(str(font_file), 36)
    img = Image.new("RGB", _size(role), "#ffffff")
    draw = ImageDraw.Draw(img)
    colors = {"staff": "#2171b5", "officer": "#238b45", "manager": "#8c2d04"}
    for area, (label, command) in zip(_areas(role), LINE_MENUS[role], strict=True):
        b = area["bounds"]
        box = (b["x"] + 8, b["y"] + 8, b["x"] + b["width"] - 8, b["y"] + b["height"] - 8)
        draw.rounded_rectangle(box, radius=28, fill=colors[role])
        cx, cy = b["x"] + b["width"] // 2, b["y"] + b["height"] // 2
        size = 64  # the largest size at which the label fits its tile
        big = ImageFont.truetype(str(font_file), size)
        while size > 28 and draw.textlength(label, font=big) > b["width"] - 56:
            size -= 4
            big = ImageFont.truetype(str(font_file), size)
        draw.text((cx, cy - 20), label, font=big, fill="#ffffff", anchor="mm")
        draw.text((cx, cy + 60), command, font=small, fill="#e0e0e0", anchor="mm")
    out = io.BytesIO()
    img.save(out, "PNG", optimize=True)
    return out.getvalue()


def menu_image(role: str) -> bytes:
    """The bundled rich menu image of ``role`` (``bot/data/menus/ROLE.png``)."""
    return resources.files("bot").joinpath("data", "menus", f"{role}.png").read_bytes()


def _rich_menu(role: str) -> tuple[str, dict[str, Any]]:
    """The rich menu request of ``role`` (JSON) and its name, which carries its digest."""
    width, height = _size(role)
    body: dict[str, Any] = {"size": {"width": width, "height": height}, "selected": True,
                            "chatBarText": _CHAT_BAR, "areas": _areas(role)}
    digest = hashlib.sha256(menu_image(role) + json.dumps(body, sort_keys=True,
                                                          ensure_ascii=False).encode())
    name = f"sdgbot {role} {digest.hexdigest()[:16]}"
    return name, {**body, "name": name}


# -- the platforms -------------------------------------------------------------------------------
class MenuClient(Protocol):
    """Sets the menu of one user on one platform."""

    platform: str

    async def apply(self, external_id: str, role: str | None,
                    approval: frozenset[str] = frozenset()) -> str | None:
        """Show ``role``'s menu to the user (None: the default); returns what was set.

        ``approval``: the approval commands the user can act with (:meth:`approval_of`).
        """

    def approval_of(self, session: Session, user: User) -> frozenset[str]:
        """The approval commands ``user``'s menu lists (read in ``session``)."""

    def expected_ref(self, role: str, approval: frozenset[str] = frozenset()) -> str | None:
        """What :meth:`apply` returns for ``role``, where it is known beforehand (else None).

        A user whose recorded menu differs (the menu changed with a setting, a scope or
        an assignment, not with the role) is given the menu again.
        """

    async def aclose(self) -> None:
        """Release the HTTP client."""


class TelegramMenus:
    """Per-chat command lists through the Bot API (python-telegram-bot)."""

    platform = "telegram"

    def __init__(self, token: str, api: str | None = None, *,
                 approval: ApprovalPolicy | None = None) -> None:
        """A bot with ``token``; ``api`` replaces Telegram's address (``http://…/bot``).

        ``approval``: ``SDGBOT_APPROVAL``, which decides who gets the approval commands
        (:func:`chat_commands`); none by default.
        """
        from telegram import Bot

        from bot.approvals import ApprovalPolicy

        self.approval = approval or ApprovalPolicy()

        kwargs: dict[str, Any] = {}
        if api:
            kwargs = {"base_url": api, "base_file_url": telegram_file_url(api)}
        self.bot = Bot(token, **kwargs)
        self._ready = False

    @classmethod
    def from_settings(cls, settings: Settings) -> TelegramMenus:
        """The menus of the bot ``settings`` configure (token, address, approval)."""
        if not settings.telegram_token:
            raise ValueError("TELEGRAM_BOT_TOKEN is not set")
        from bot.approvals import ApprovalPolicy

        return cls(settings.telegram_token, settings.telegram_api,
                   approval=ApprovalPolicy.parse(settings.approval))

    def approval_of(self, session: Session, user: User) -> frozenset[str]:
        """The approval commands ``user`` can act with (their role, scope, assignments)."""
        return self.approval.commands_of_user(session, user, user.role)

    def expected_ref(self, role: str, approval: frozenset[str] = frozenset()) -> str | None:
        """``commands:ROLE:approve+edit+reject`` (those listed) or ``commands:ROLE:no-approval``."""
        return f"commands:{role}:{'+'.join(sorted(approval)) or 'no-approval'}"

    async def apply(self, external_id: str, role: str | None,
                    approval: frozenset[str] = frozenset()) -> str | None:
        """``setMyCommands`` for the user's private chat (Thai, and English), or delete it."""
        from telegram import BotCommand, BotCommandScopeChat

        if not self._ready:
            await self.bot.initialize()
            self._ready = True
        scope = BotCommandScopeChat(int(external_id))
        if role is None:
            await self.bot.delete_my_commands(scope=scope)
            await self.bot.delete_my_commands(scope=scope, language_code="en")
            return None
        commands = chat_commands(role, approval=approval)
        await self.bot.set_my_commands([BotCommand(n, shorten(th, 256)) for n, th, _ in commands],
                                       scope=scope)
        await self.bot.set_my_commands([BotCommand(n, shorten(en, 256)) for n, _, en in commands],
                                       scope=scope, language_code="en")
        return self.expected_ref(role, approval)

    async def aclose(self) -> None:
        """Shut the bot's HTTP client down."""
        if self._ready:
            await self.bot.shutdown()
            self._ready = False


class LineMenus:
    """Rich menus through the Messaging API (line-bot-sdk v3): made once, linked per user."""

    platform = "line"

    def __init__(self, token: str, api: str | None = None) -> None:
        """A client with the channel access ``token``; ``api`` replaces LINE's hosts."""
        from linebot.v3.messaging import Configuration

        self._config = (Configuration(host=api.rstrip("/"), access_token=token) if api
                        else Configuration(access_token=token))
        self._client: Any = None
        self._ids: dict[str, str] = {}

    def approval_of(self, session: Session, user: User) -> frozenset[str]:
        """None: the rich menus (one per role) hold no approval command."""
        return frozenset()

    def expected_ref(self, role: str, approval: frozenset[str] = frozenset()) -> str | None:
        """None: LINE names the rich menu's id; a changed menu is found by its name."""
        return None

    def _apis(self) -> tuple[Any, Any]:
        """The SDK clients (made inside the running event loop: aiohttp needs one)."""
        from linebot.v3.messaging import AsyncApiClient, AsyncMessagingApi, AsyncMessagingApiBlob

        if self._client is None:
            self._client = AsyncApiClient(self._config)
        return AsyncMessagingApi(self._client), AsyncMessagingApiBlob(self._client)

    async def ensure(self) -> dict[str, str]:
        """The rich menu id of each role, making (and uploading the image of) those missing."""
        from linebot.v3.messaging import RichMenuRequest

        if len(self._ids) == len(MENU_ROLES):
            return self._ids
        api, blob = self._apis()
        existing = {m.name: m.rich_menu_id
                    for m in (await api.get_rich_menu_list()).richmenus or []}
        for role in MENU_ROLES:
            name, body = _rich_menu(role)
            menu_id = existing.get(name)
            if menu_id is None:
                created = await api.create_rich_menu(RichMenuRequest.from_dict(body))
                menu_id = created.rich_menu_id
                await blob.set_rich_menu_image(menu_id, menu_image(role),
                                               _headers={"Content-Type": "image/png"})
                log.info("LINE rich menu for %s made: %s", role, menu_id)
            else:
                await self._with_image(blob, menu_id, role)
            self._ids[role] = menu_id
        return self._ids

    async def _with_image(self, blob: Any, menu_id: str, role: str) -> None:
        """Upload the image of a menu found without one (its maker was killed midway).

        LINE refuses to link a user to a rich menu that has no image.
        """
        from linebot.v3.messaging import ApiException

        try:
            await blob.get_rich_menu_image(menu_id)
        except ApiException as exc:
            if exc.status != 404:
                raise
            log.warning("LINE rich menu %s (%s) has no image; uploading it", menu_id, role)
            await blob.set_rich_menu_image(menu_id, menu_image(role),
                                           _headers={"Content-Type": "image/png"})

    async def apply(self, external_id: str, role: str | None,
                    approval: frozenset[str] = frozenset()) -> str | None:
        """Link the user to their role's rich menu, or unlink them."""
        api, _ = self._apis()
        if role is None:
            await api.unlink_rich_menu_id_from_user(external_id)
            return None
        menu_id = (await self.ensure())[role]
        await api.link_rich_menu_id_to_user(external_id, menu_id)
        return menu_id

    async def aclose(self) -> None:
        """Close the HTTP client."""
        if self._client is not None:
            await self._client.close()
            self._client = None


def menu_clients_from(settings: Settings) -> dict[str, MenuClient]:
    """A menu client for each platform whose credentials ``settings`` holds."""
    out: dict[str, MenuClient] = {}
    if settings.telegram_token:
        out["telegram"] = TelegramMenus.from_settings(settings)
    if settings.line_token:
        out["line"] = LineMenus(settings.line_token, settings.line_api)
    return out


# -- the sync ------------------------------------------------------------------------------------
@dataclass
class MenuReport:
    """What a sync did: ``platform:id role`` per menu set, cleared or failed."""

    set: list[str] = field(default_factory=list)
    cleared: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def _todo(session: Session, clients: dict[str, MenuClient], now: dt.datetime,
          only: tuple[str, str] | None
          ) -> list[tuple[str, str, str | None, frozenset[str]]]:
    """``(platform, external_id, menu role, approval commands)`` of each user to set.

    Those whose menu is not what it should be: another role's, or the role's menu as it
    was before a setting, a scope or an assignment changed it (``SDGBOT_APPROVAL``: the
    client's :meth:`MenuClient.expected_ref`).
    """
    platforms = list(clients)
    rows = {(u.platform, u.external_id): u
            for u in session.scalars(select(User).where(User.platform.in_(platforms)))
            if only is None or (u.platform, u.external_id) == only}
    users = {key: menu_role(u.role) for key, u in rows.items()}
    approvals = {key: clients[key[0]].approval_of(session, u) if users[key] else frozenset()
                 for key, u in rows.items()}
    states = {(m.platform, m.external_id): m
              for m in session.scalars(select(MenuState).where(
                  MenuState.platform.in_(platforms)))}
    out: list[tuple[str, str, str | None, frozenset[str]]] = []
    for key in sorted(set(users) | set(states)):
        if only is not None and key != only:
            continue
        want = users.get(key)
        approval = approvals.get(key, frozenset())
        state = states.get(key)
        if state is not None and state.role == want and (want is not None or key in users) \
                and (want is None or state.menu_ref is None
                     or clients[key[0]].expected_ref(want, approval) in (None, state.menu_ref)):
            continue
        if state is None and want is None:
            continue
        if state is not None and state.failed_at is not None \
                and now - state.failed_at < RETRY_AFTER and only is None:
            continue
        out.append((key[0], key[1], want, approval))
    return out


def _record(db: Database, platform: str, external_id: str, role: str | None,
            ref: str | None, now: dt.datetime, *, failed: bool, gone: bool) -> None:
    try:
        _write_record(db, platform, external_id, role, ref, now, failed=failed, gone=gone)
    except IntegrityError:  # another process (a second worker, a scheduler) added the row
        _write_record(db, platform, external_id, role, ref, now, failed=failed, gone=gone)


def _write_record(db: Database, platform: str, external_id: str, role: str | None,
                  ref: str | None, now: dt.datetime, *, failed: bool, gone: bool) -> None:
    with db.write() as s:
        row = s.scalar(select(MenuState).where(MenuState.platform == platform,
                                               MenuState.external_id == external_id))
        if gone and not failed:
            s.execute(delete(MenuState).where(MenuState.platform == platform,
                                              MenuState.external_id == external_id))
            return
        if row is None:
            row = MenuState(platform=platform, external_id=external_id, updated_at=now)
            s.add(row)
        if failed:
            row.failed_at = now
            return
        row.role, row.menu_ref, row.updated_at, row.failed_at = role, ref, now, None


async def sync_menus(db: Database, clients: dict[str, MenuClient],
                     clock: Callable[[], dt.datetime], *, only: str | None = None,
                     dry_run: bool = False) -> MenuReport:
    """Set every menu that differs from its user's role (see the module docstring).

    ``only`` (``platform:id``) limits it to one user, tried even after a recent
    failure; ``dry_run`` reports what would be set and sets nothing.
    """
    report = MenuReport()
    now = clock()
    target = tuple(only.split(":", 1)) if only and ":" in only else None
    with db.read() as s:
        todo = _todo(s, clients, now, target)  # type: ignore[arg-type]
    for platform, external_id, role, approval in todo:
        ref = f"{platform}:{external_id} {role or '-'}"
        with db.read() as s:
            gone = s.scalar(select(User.id).where(User.platform == platform,
                                                  User.external_id == external_id)) is None
        if dry_run:
            (report.cleared if role is None else report.set).append(ref)
            continue
        try:
            menu_ref = await clients[platform].apply(external_id, role, approval)
        except Exception as exc:
            log.warning("menu for %s:%s not set (%s); tried again in an hour", platform,
                        external_id, type(exc).__name__)
            report.failed.append(ref)
            _record(db, platform, external_id, role, None, now, failed=True, gone=gone)
            continue
        _record(db, platform, external_id, role, menu_ref, now, failed=False, gone=gone)
        (report.cleared if role is None else report.set).append(ref)
    return report


async def keep_menus_in_step(db: Database, client: MenuClient, stop: asyncio.Event,
                             every: float = 60.0) -> None:
    """Sync one platform's menus every ``every`` seconds until ``stop`` is set.

    Run beside a bot (``sdgbot telegram``, ``sdgbot line``), so that a role changed in
    chat (``/grant``) reaches the menu within a minute even where no scheduler runs.
    Never raises: a failed round is logged and the next one tries again.
    """
    try:
        while not stop.is_set():
            try:
                await sync_menus(db, {client.platform: client}, lambda: dt.datetime.now(dt.UTC))
            except Exception:
                log.exception("role menu sync failed; trying again in %.0f s", every)
            try:
                await asyncio.wait_for(stop.wait(), timeout=every)
            except TimeoutError:
                pass
    finally:
        await client.aclose()


def _draw_all(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for role in MENU_ROLES:
        path = folder / f"{role}.png"
        path.write_bytes(draw_menu_image(role))
        written.append(path)
    return written


if __name__ == "__main__":  # python -m bot.menus: draw the bundled rich menu images again
    for p in _draw_all(Path(__file__).parent / "data" / "menus"):
        print(p)
