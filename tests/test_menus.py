"""Menus per role (issue 15, part 6): Telegram commands per chat, a LINE rich menu per role.

End to end over real HTTP against the loopback fakes: ``sdgbot users add`` sets the new
user's menu at once; a role change made elsewhere (``/grant`` in chat) is found by the
scheduler's run (:func:`bot.scheduler.run_once`); a removed user gets the default back.
The LINE fake checks rich menus as LINE does (size and ratio, areas inside the image, the
image's size and type, no link before the image).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fake_line import RICH_MENU_PATH, FakeLine
from fake_telegram import FakeTelegram, chat_scope
from PIL import Image
from sqlalchemy import select

from bot.core import APPROVAL_COMMANDS, COMMANDS, Core, Message
from bot.menus import (
    LINE_MENUS,
    MENU_ROLES,
    LineMenus,
    TelegramMenus,
    chat_commands,
    menu_image,
    menu_role,
    sync_menus,
)
from bot.users import has_role
from knowledge.models import MenuState

TG_TOKEN = "123456:MENU-token_ABCdef"
LINE_TOKEN = "menu-line-token-0123456789"
DEFAULT = ('{"type": "default"}', "")
L1, L2, L3, L4 = ("U" + c * 32 for c in "1234")  # LINE user ids


def test_commands_per_role_are_those_the_role_may_use() -> None:
    every = APPROVAL_COMMANDS
    assert [n for n, *_ in chat_commands(None, approval=every)] == ["start"]
    staff = {n for n, *_ in chat_commands("staff", approval=every)}
    officer = {n for n, *_ in chat_commands("officer", approval=every)}
    manager = {n for n, *_ in chat_commands("manager", approval=every)}
    admin = {n for n, *_ in chat_commands("admin", approval=every)}
    assert {"start", "help", "ask", "projects"} <= staff and "update" not in staff
    assert {"update", "attach", "edit", "myupdates"} <= officer and "summary" not in officer
    assert {"summary", "approve", "missing", "evidence"} <= manager and "grant" not in manager
    assert staff < officer < manager < admin
    assert "btn" not in admin  # the buttons' command is no menu item
    for role, names in (("staff", staff), ("officer", officer), ("manager", manager)):
        for name in names:
            needed = COMMANDS[name].role
            assert needed is None or has_role(role, needed)
    assert [menu_role(r) for r in (None, "staff", "officer", "manager", "editor", "admin")] == \
        [None, "staff", "officer", "manager", "manager", "manager"]


@pytest.mark.parametrize("role", MENU_ROLES)
def test_bundled_rich_menu_images_fit_line(role: str) -> None:
    data = menu_image(role)
    assert len(data) <= 1024 * 1024 and data[:8] == b"\x89PNG\r\n\x1a\n"
    with Image.open(io.BytesIO(data)) as img:
        w, h = img.size
    assert 800 <= w <= 2500 and h >= 250 and w / h >= 1.45
    for _label, command in LINE_MENUS[role]:  # each button is a command the role may use
        needed = COMMANDS[command.lstrip("/")].role
        assert needed is None or has_role(role, needed), (role, command)


def _env(monkeypatch: pytest.MonkeyPatch, tg: FakeTelegram, line: FakeLine) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TG_TOKEN)
    monkeypatch.setenv("SDGBOT_TELEGRAM_API", tg.base_url)
    monkeypatch.setenv("LINE_CHANNEL_ACCESS_TOKEN", LINE_TOKEN)
    monkeypatch.setenv("LINE_CHANNEL_SECRET", "menu-line-secret")
    monkeypatch.setenv("SDGBOT_LINE_API", line.url)


def test_users_add_sets_the_menu_and_remove_takes_it_away(
    run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    home = tmp_path / "home"
    with FakeTelegram(token=TG_TOKEN) as tg, FakeLine(token=LINE_TOKEN) as line:
        _env(monkeypatch, tg, line)
        assert run(home, "users", "add", "telegram:5501", "--role", "officer").code == 0
        thai = tg.commands[(chat_scope(5501), "")]
        assert "update" in thai and "summary" not in thai
        assert tg.commands[(chat_scope(5501), "en")] == thai

        assert run(home, "users", "add", f"line:{L1}", "--role", "staff").code == 0
        assert run(home, "users", "add", f"line:{L2}", "--role", "manager").code == 0
        made = {body["name"].split()[1]: k for k, body in line.rich_menus.items()}
        assert set(made) == {"staff", "officer", "manager"}  # made once, all three
        assert line.links == {L1: made["staff"], L2: made["manager"]}
        assert all(line.rich_menu_images[k] == menu_image(role) for role, k in made.items())
        assert len(line.of(RICH_MENU_PATH)) == 3

        # promoted: the officer's menu; the rich menus are found again, not made again
        assert run(home, "users", "add", f"line:{L1}", "--role", "officer").code == 0
        assert line.links[L1] == made["officer"]
        assert len(line.of(RICH_MENU_PATH)) == 3

        assert run(home, "users", "remove", f"line:{L1}").code == 0
        assert run(home, "users", "remove", "telegram:5501").code == 0
        assert L1 not in line.links
        assert (chat_scope(5501), "") not in tg.commands
        res = run(home, "menus", "--dry-run", "--json")
        assert res.code == 0 and res.json() == {"set": [], "cleared": [], "failed": [],
                                                "dry_run": True}
        tg.assert_clean()
        assert not line.errors


def test_role_change_in_chat_reaches_the_menu_at_the_next_run(make_app: Callable[..., Any],
                                                              ) -> None:
    import dataclasses

    from bot.reminders import Schedule
    from bot.scheduler import run_once

    app = make_app()
    core = Core(app.db, app.index)
    now = dt.datetime(2023, 2, 15, 3, 0, tzinfo=dt.UTC)
    with FakeTelegram(token=TG_TOKEN) as tg, FakeLine(token=LINE_TOKEN) as line:
        app.settings = dataclasses.replace(
            app.settings, telegram_token=TG_TOKEN, telegram_api=tg.base_url,
            line_token=LINE_TOKEN, line_secret="s", line_api=line.url)
        for ref, role in (("telegram:5601", "staff"), (f"line:{L3}", "staff")):
            text = core.handle(Message("console", "local", f"/grant {ref} {role}"))[0].text
            assert role in text
        asyncio.run(run_once(app, Schedule(), clock=lambda: now))
        assert "help" in tg.commands[(chat_scope(5601), "")]
        assert "update" not in tg.commands[(chat_scope(5601), "")]
        staff_menu = line.links[L3]
        core.handle(Message("console", "local", "/grant telegram:5601 manager"))
        core.handle(Message("console", "local", f"/grant line:{L3} officer"))
        asyncio.run(run_once(app, Schedule(), clock=lambda: now))
        assert "summary" in tg.commands[(chat_scope(5601), "")]
        assert line.links[L3] != staff_menu
        calls = len(tg.calls_of("setMyCommands"))
        asyncio.run(run_once(app, Schedule(), clock=lambda: now))  # nothing changed: no call
        assert len(tg.calls_of("setMyCommands")) == calls
        core.handle(Message("console", "local", f"/revoke line:{L3}"))
        asyncio.run(run_once(app, Schedule(), clock=lambda: now))
        assert L3 not in line.links
        with app.db.read() as s:
            assert [(m.platform, m.role) for m in s.scalars(select(MenuState))] == [
                ("telegram", "manager")]
        tg.assert_clean()
        assert not line.errors


def test_a_refused_menu_is_retried_an_hour_later(make_app: Callable[..., Any]) -> None:
    from bot.users import add_user

    app = make_app()
    with app.db.write() as s:
        add_user(s, f"line:{L4}", "staff", actor="test")
    now = [dt.datetime(2023, 2, 15, 3, 0, tzinfo=dt.UTC)]
    with FakeLine(token="wrong-token") as line:  # every call refused (401)
        client = LineMenus(LINE_TOKEN, line.url)

        async def sync() -> Any:
            try:
                return await sync_menus(app.db, {"line": client}, lambda: now[0])
            finally:
                await client.aclose()

        assert asyncio.run(sync()).failed == [f"line:{L4} staff"]
        assert asyncio.run(sync()).failed == []  # not tried again at once
        now[0] += dt.timedelta(minutes=30)
        assert asyncio.run(sync()).failed == []
        now[0] += dt.timedelta(minutes=31)
        assert asyncio.run(sync()).failed == [f"line:{L4} staff"]
    with app.db.read() as s:
        (state,) = s.scalars(select(MenuState))
        assert state.role is None and state.failed_at is not None


def test_default_telegram_commands_are_only_start(make_app: Callable[..., Any]) -> None:
    from bot.adapters.telegram import build_application, set_commands

    app = make_app()
    core = Core(app.db, app.index)
    import dataclasses

    with FakeTelegram(token=TG_TOKEN) as tg:
        settings = dataclasses.replace(app.settings, telegram_token=TG_TOKEN,
                                       telegram_api=tg.base_url)
        application = build_application(core, settings)

        async def main() -> None:
            async with application:
                await set_commands(application)

        asyncio.run(main())
        assert tg.commands[DEFAULT] == ["start"]
        assert tg.commands[(DEFAULT[0], "en")] == ["start"]
        menus = TelegramMenus(TG_TOKEN, tg.base_url)
        asyncio.run(menus.apply("5801", "officer"))
        asyncio.run(menus.aclose())
        assert tg.commands[(chat_scope(5801), "")] == [
            n for n, *_ in chat_commands("officer")]
        tg.assert_clean()


def test_rich_menu_areas_work_through_the_signed_webhook(make_app: Callable[..., Any]) -> None:
    """A press on a rich menu area is a postback the LINE adapter runs as the command."""
    from fake_line import REPLY_PATH
    from field_harness import LINE_TOKEN as HARNESS_TOKEN
    from field_harness import line_postback, line_running

    from bot.users import add_user

    app = make_app()
    core = Core(app.db, app.index)
    with app.db.write() as s:
        add_user(s, f"line:{L1}", "manager", actor="test")
    with FakeLine(token=HARNESS_TOKEN) as line, line_running(app, core, line) as bot:
        for _label, command in LINE_MENUS["manager"]:
            bot.send(line_postback(L1, command))
            text = bot.last_text()
            assert "ต้องมีบทบาท" not in text and "ไม่รู้จักคำสั่ง" not in text, (command, text)
        assert len(line.of(REPLY_PATH)) == len(LINE_MENUS["manager"])
        assert not line.errors


def test_bots_keep_menus_in_step_without_a_scheduler(make_app: Callable[..., Any]) -> None:
    """``sdgbot telegram`` and ``sdgbot line`` run the sync beside the bot (every minute)."""
    import dataclasses
    import time

    from fake_line import serve_asgi

    from bot.adapters.line import create_line_app
    from bot.menus import keep_menus_in_step
    from bot.users import add_user

    app = make_app()
    with app.db.write() as s:
        add_user(s, "telegram:5901", "officer", actor="test")
        add_user(s, f"line:{L2}", "manager", actor="test")
    with FakeTelegram(token=TG_TOKEN) as tg, FakeLine(token=LINE_TOKEN) as line:
        async def telegram_side() -> None:
            stop = asyncio.Event()
            task = asyncio.create_task(keep_menus_in_step(
                app.db, TelegramMenus(TG_TOKEN, tg.base_url), stop,
                every=0.05))
            for _ in range(200):
                if (chat_scope(5901), "") in tg.commands:
                    break
                await asyncio.sleep(0.05)
            core.handle(Message("console", "local", "/grant telegram:5901 manager"))
            for _ in range(200):
                if "summary" in tg.commands.get((chat_scope(5901), ""), []):
                    break
                await asyncio.sleep(0.05)
            stop.set()
            await task

        core = Core(app.db, app.index)
        asyncio.run(telegram_side())
        assert "summary" in tg.commands[(chat_scope(5901), "")]

        settings = dataclasses.replace(app.settings, line_secret="s", line_token=LINE_TOKEN,
                                       line_api=line.url)
        asgi = create_line_app(core, settings)
        asgi.state.line.background.append(lambda stop: keep_menus_in_step(
            app.db, LineMenus(LINE_TOKEN, line.url), stop, every=0.05))
        with serve_asgi(asgi):
            deadline = time.monotonic() + 20
            while L2 not in line.links and time.monotonic() < deadline:
                time.sleep(0.05)
        assert line.rich_menus[line.links[L2]]["name"].startswith("sdgbot manager ")
        tg.assert_clean()
        assert not line.errors


def test_a_rich_menu_left_without_its_image_gets_it_before_a_link() -> None:
    """A worker killed between making a rich menu and uploading its image (a --kill run of
    bench/load.py): the next process finds the menu by name and uploads the image first."""
    import httpx

    from bot.menus import _rich_menu

    with FakeLine(token=LINE_TOKEN) as line:
        _name, body = _rich_menu("officer")
        with httpx.Client(trust_env=False) as c:
            made = c.post(f"{line.url}{RICH_MENU_PATH}", json=body,
                          headers={"Authorization": f"Bearer {LINE_TOKEN}"})
        menu_id = made.json()["richMenuId"]
        assert menu_id not in line.rich_menu_images
        client = LineMenus(LINE_TOKEN, line.url)

        async def link() -> str | None:
            try:
                return await client.apply("U" + "d" * 32, "officer")
            finally:
                await client.aclose()

        assert asyncio.run(link()) == menu_id
        assert menu_id in line.rich_menu_images
        assert line.links["U" + "d" * 32] == menu_id
        assert not line.errors, line.errors


#: Words of approval or of waiting for it, in a command's description.
_APPROVAL_WORDS = ("อนุมัติ", "approv")


def _described(tg: FakeTelegram, chat_id: int) -> dict[str, list[tuple[str, str]]]:
    """The last ``(command, description)`` lists set for a chat, by language ("" or "en")."""
    out: dict[str, list[tuple[str, str]]] = {}
    for call in tg.calls_of("setMyCommands"):
        if call.params.get("scope") == {"type": "chat", "chat_id": chat_id}:
            out[call.params.get("language_code") or ""] = [
                (c["command"], c["description"]) for c in call.params["commands"]]
    return out


@pytest.mark.parametrize("setting", ["", "agency:สำนักงานจังหวัดขอนแก่น", "all"],
                         ids=["off", "agency", "all"])
def test_command_lists_offer_approval_commands_only_where_approval_applies(
    run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, setting: str,
) -> None:
    """Without ``SDGBOT_APPROVAL`` no list holds /edit, /approve, /reject or their words.

    As ``/help`` leaves them out (tests/test_approval_words.py); with a scope or ``all``
    the officers get /edit and the managers /approve and /reject.  A change of the
    setting reaches lists set before it at the next ``sdgbot menus``.
    """
    home = tmp_path / "home"
    approval = bool(setting)
    with FakeTelegram(token=TG_TOKEN) as tg, FakeLine(token=LINE_TOKEN) as line:
        _env(monkeypatch, tg, line)
        monkeypatch.setenv("SDGBOT_APPROVAL", setting)
        for uid, role in ((5711, "officer"), (5712, "manager"), (5713, "admin")):
            assert run(home, "users", "add", f"telegram:{uid}", "--role", role).code == 0
            lists = _described(tg, uid)
            assert set(lists) == {"", "en"}
            for language, commands in lists.items():
                names = {n for n, _ in commands}
                assert "update" in names and "evidence" in names
                assert ("edit" in names) == approval, (setting, role, language)
                manager = role != "officer"
                assert ("approve" in names and "reject" in names) == (approval and manager)
                worded = [(n, d) for n, d in commands
                          if any(w in d.casefold() for w in _APPROVAL_WORDS)]
                assert bool(worded) == approval, worded
        assert run(home, "users", "add", f"line:{L1}", "--role", "manager").code == 0
        for _label, command in LINE_MENUS["manager"] + LINE_MENUS["officer"]:
            assert command.lstrip("/") not in ("edit", "approve", "reject")

        # The setting changes: the lists set under the old one are set again, once.
        monkeypatch.setenv("SDGBOT_APPROVAL", "" if approval else "all")
        assert run(home, "menus").code == 0
        names = {n for n, _ in _described(tg, 5712)[""]}
        assert ("approve" in names) == (not approval)
        calls = len(tg.calls_of("setMyCommands"))
        assert run(home, "menus").code == 0
        assert len(tg.calls_of("setMyCommands")) == calls
        tg.assert_clean()
        assert not line.errors


#: Who may act with which approval command under ``SDGBOT_APPROVAL=agency:KHON_KAEN``:
#: (telegram id, role, scope options, the approval commands their lists and /help hold).
KHON_KAEN = "สำนักงานจังหวัดขอนแก่น"
ACTORS = [
    (5721, "manager", [], {"approve", "reject", "edit"}),  # no scope: the whole ministry
    (5722, "manager", ["--province", "เชียงใหม่"], set()),  # nothing of theirs waits
    (5723, "manager", ["--agency", KHON_KAEN], {"approve", "reject", "edit"}),
    (5724, "officer", [], {"edit"}),  # reports for any project; approves nothing
    (5725, "officer", ["--province", "เชียงใหม่"], set()),  # their updates never wait
    (5726, "admin", [], {"approve", "reject", "edit"}),
]


def test_approval_commands_are_those_each_user_can_act_with(
    run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The menus and /help list /approve, /reject and /edit by what the user may do: a
    manager decides only in their scope, an officer never; an update waits only in the
    setting's scopes, so only those who report there may /edit."""
    from bot.app import open_app
    from bot.approvals import ApprovalPolicy
    from bot.config import Settings

    home = tmp_path / "home"
    setting = f"agency:{KHON_KAEN}"
    with FakeTelegram(token=TG_TOKEN) as tg, FakeLine(token=LINE_TOKEN) as line:
        _env(monkeypatch, tg, line)
        monkeypatch.setenv("SDGBOT_APPROVAL", setting)
        for uid, role, scope, _ in ACTORS:
            assert run(home, "users", "add", f"telegram:{uid}", "--role", role, *scope).code == 0
        app = open_app(Settings(home=home))
        try:
            core = Core(app.db, app.index, approval=ApprovalPolicy.parse(setting))
            for uid, role, _, expected in ACTORS:
                for language, commands in _described(tg, uid).items():
                    names = {n for n, _ in commands}
                    assert names & APPROVAL_COMMANDS == expected, (uid, role, language)
                    assert "update" in names
                text = core.handle(Message("telegram", str(uid), "/help"))[0].text
                helped = {line.split(" ")[0].lstrip("/") for line in text.splitlines()
                          if line.startswith("/")}
                assert helped & APPROVAL_COMMANDS == expected, (uid, role, text)
        finally:
            app.close()
        # A scope changed: the list follows at once (users add) and stays (menus).
        assert run(home, "users", "add", "telegram:5722", "--role", "manager",
                   "--agency", KHON_KAEN, "--province", "").code == 0
        names = {n for n, _ in _described(tg, 5722)[""]}
        assert names & APPROVAL_COMMANDS == {"approve", "reject", "edit"}
        calls = len(tg.calls_of("setMyCommands"))
        assert run(home, "menus").code == 0
        assert len(tg.calls_of("setMyCommands")) == calls
        tg.assert_clean()
        assert not line.errors


def test_approval_scopes_overlap_as_projects_fall_in_them() -> None:
    from bot.approvals import ApprovalPolicy
    from knowledge.assignments import Scope

    policy = ApprovalPolicy.parse("agency:อบจ.เชียงใหม่; province:ขอนแก่น")
    assert policy.reaches(Scope()) and policy.reaches(Scope(province="เชียงใหม่"))
    assert policy.reaches(Scope(agency="องค์การบริหารส่วนจังหวัดเชียงใหม่"))
    assert policy.reaches(Scope(province="จังหวัดขอนแก่น"))
    assert not policy.reaches(Scope(province="ลำพูน"))
    assert not policy.reaches(Scope(agency="ตท.สป."))  # no province in its name
    assert policy.reaches(Scope(agency="อบจ.ขอนแก่น"))
    assert not policy.reaches(Scope(agency="อบจ.เชียงใหม่", province="ขอนแก่น"))
    assert ApprovalPolicy.parse("").commands_for("admin") == frozenset()
    assert policy.commands_for("staff") == frozenset()
    assert policy.commands_for("officer", Scope(province="ลำพูน"),
                               ["องค์การบริหารส่วนจังหวัดขอนแก่น"]) == {"edit"}
    assert policy.commands_for("officer", Scope(), ["ตท.สป."]) == frozenset()
