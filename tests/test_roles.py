"""Roles: who may do what in chat, granting and revoking, the audit trail, ``sdgbot users``."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.cli import main
from bot.core import Core, Message, Reply
from bot.users import add_user
from knowledge.db import Database, sqlite_url
from knowledge.models import AnswerLog, ProgressUpdate, RoleChange, User

UTC = dt.UTC
CLOCK = dt.datetime(2023, 2, 15, 3, 0, tzinfo=UTC)  # inside quarter 2/2566
APOLOGY = re.compile(r"ขออภัย เกิดข้อผิดพลาด|something went wrong|locked", re.I)
NOT_REGISTERED = "ยังไม่ได้รับสิทธิ์"
NEEDS_ROLE = "ขออภัย คำสั่งนี้ต้องมีบทบาท"


class Chat:
    def __init__(self, app: Any) -> None:
        self.app = app
        self.core = Core(app.db, app.index, clock=lambda: CLOCK)
        self.n = 0

    def register(self, ref: str, role: str) -> None:
        with self.app.db.write() as s:
            add_user(s, ref, role, actor="test")

    def send(self, ref: str | None, text: str) -> list[Reply]:
        platform, _, uid = (ref or "telegram:").partition(":")
        self.n += 1
        replies = self.core.handle(Message(platform, uid or None, text, message_id=f"m{self.n}"))
        for r in replies:
            assert not APOLOGY.search(r.text), r.text
        return replies

    def say(self, ref: str | None, text: str) -> str:
        return "\n".join(r.text for r in self.send(ref, text))

    def count(self, model: type, *where: Any) -> int:
        with self.app.db.read() as s:
            return s.scalar(select(func.count()).select_from(model).where(*where)) or 0

    def changes(self) -> list[tuple[str, str, str | None, str | None, dt.datetime]]:
        with self.app.db.read() as s:
            rows = s.scalars(select(RoleChange).order_by(RoleChange.id)).all()
            return [(r.actor, r.target, r.old_role, r.new_role, r.at) for r in rows]


@pytest.fixture
def chat(make_app: Callable[..., Any]) -> Chat:
    c = Chat(make_app())
    c.register("telegram:boss", "admin")
    return c


# Each command with the least role that may use it.
COMMAND_ROLES = [
    ("/start", None),
    ("/help", "staff"),
    ("/whoami", "staff"),
    ("/projects", "staff"),
    ("/docs", "staff"),
    ("/search ธนาคารขยะ", "staff"),
    ("/ask ธนาคารขยะตั้งแล้วกี่แห่ง", "staff"),
    ("ธนาคารขยะตั้งแล้วกี่แห่ง", "staff"),
    ("/update 1 ตั้งธนาคารขยะเพิ่ม 12 แห่ง เบิกจ่าย 250,000 บาท", "officer"),
    ("/myupdates", "officer"),
    ("/undo", "officer"),
    ("/summary 2/2566", "manager"),
    ("/remove 99999", "manager"),
    ("/grant telegram:8675309 staff", "admin"),
    ("/revoke telegram:8675309", "admin"),
    ("/jobs", "admin"),
]
ORDER = [None, "staff", "officer", "manager", "editor", "admin"]


@pytest.mark.parametrize("role", ORDER)
def test_role_matrix(chat: Chat, role: str | None) -> None:
    user = "telegram:u1"
    if role is not None:
        chat.register(user, role)
    for text, needed in COMMAND_ROLES:
        reply = chat.say(user, text)
        allowed = ORDER.index(role) >= ORDER.index(needed)
        refused = NOT_REGISTERED in reply or NEEDS_ROLE in reply
        assert refused is not allowed, (role, text, reply)
        if refused and role is not None:
            assert needed in reply  # the refusal names the role needed
        if text.startswith("/update"):  # stored only for officers and above
            assert chat.count(ProgressUpdate) == (1 if allowed else 0)
    # /undo came after /update: an officer's own update is gone again, nobody else's stored.
    assert chat.count(ProgressUpdate) == 0
    if role != "admin":
        assert chat.count(User, User.external_id == "8675309") == 0


def test_unregistered_user_can_only_start(chat: Chat) -> None:
    start = chat.say("telegram:42", "/start")
    assert "telegram:42" in start and "ยังไม่ได้ลงทะเบียน" in start
    for text in ["ธนาคารขยะตั้งแล้วกี่แห่ง", "/update 1 เบิกจ่าย 5 บาท", "/summary", "/help",
                 "/grant telegram:42 admin"]:
        reply = chat.say("telegram:42", text)
        assert NOT_REGISTERED in reply and "telegram:42" in reply
    assert chat.count(ProgressUpdate) == 0
    assert chat.count(AnswerLog) == 0
    assert chat.count(User, User.external_id == "42") == 0
    english = chat.say("telegram:42", "What is SDG 1?")
    assert "not registered" in english and "telegram:42" in english


def test_anonymous_sender_is_refused(chat: Chat) -> None:
    reply = chat.say(None, "ธนาคารขยะตั้งแล้วกี่แห่ง")
    assert NOT_REGISTERED in reply
    assert "/start" not in reply or "ไม่ทราบ" in reply


def test_staff_update_is_refused_and_stores_nothing(chat: Chat) -> None:
    chat.register("line:Ustaff", "staff")
    reply = chat.say("line:Ustaff", "/update 1 ตั้งธนาคารขยะเพิ่ม 12 แห่ง เบิกจ่าย 250,000 บาท")
    assert NEEDS_ROLE in reply and "officer" in reply
    assert chat.count(ProgressUpdate) == 0
    # Staff can still ask and search.
    assert "ธนาคารขยะ" in chat.say("line:Ustaff", "/search ธนาคารขยะ")


def test_manager_summary_counts_officer_updates(chat: Chat) -> None:
    chat.register("telegram:off", "officer")
    chat.register("telegram:mgr", "manager")
    chat.say("telegram:off", "/update 1 ตั้งธนาคารขยะเพิ่ม 12 แห่ง เบิกจ่าย 250,000 บาท "
                             "ระดับ 4 ไตรมาส 2/2566")
    assert NEEDS_ROLE in chat.say("telegram:off", "/summary 2/2566")
    replies = chat.send("telegram:mgr", "/summary 2/2566")
    text = replies[0].text
    assert "สรุปไตรมาส 2/2566" in text
    assert "อัปเดตจากเจ้าหน้าที่ 1 รายการ" in text
    assert "250,000" in text
    # Same quarter in other spellings.
    for form in ("/summary Q2 2566", "/summary ไตรมาส 2 ปีงบ 66"):
        assert "สรุปไตรมาส 2/2566" in chat.send("telegram:mgr", form)[0].text


def test_grant_and_revoke_by_admin_are_audited(chat: Chat) -> None:
    t0 = dt.datetime.now(UTC) - dt.timedelta(seconds=5)
    assert NOT_REGISTERED in chat.say("telegram:7", "/whoami")

    assert "officer" in chat.say("telegram:boss", "/grant telegram:7 officer")
    assert "officer" in chat.say("telegram:7", "/whoami")
    assert "บันทึกความคืบหน้าแล้ว" in chat.say("telegram:7", "/update 1 ลงพื้นที่ ระดับ 3")

    chat.say("telegram:boss", "/grant TELEGRAM:7 Manager")  # platform and role any case
    assert "manager" in chat.say("telegram:7", "/whoami")

    assert "telegram:7" in chat.say("telegram:boss", "/revoke telegram:7")
    assert NOT_REGISTERED in chat.say("telegram:7", "/whoami")  # at once
    assert NOT_REGISTERED in chat.say("telegram:7", "/update 1 อีกครั้ง")
    assert chat.count(ProgressUpdate) == 1

    changes = [c for c in chat.changes() if c[0] == "telegram:boss"]
    assert [c[1:4] for c in changes] == [
        ("telegram:7", None, "officer"),
        ("telegram:7", "officer", "manager"),
        ("telegram:7", "manager", None),
    ]
    for *_, at in changes:
        at = at if at.tzinfo else at.replace(tzinfo=UTC)
        assert t0 <= at <= dt.datetime.now(UTC) + dt.timedelta(seconds=5)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("/grant", "ใช้: /grant"),
        ("/grant telegram:7", "ใช้: /grant"),
        ("/grant telegram:7 officer extra", "ใช้: /grant"),
        ("/grant facebook:7 officer", "รูปแบบผู้ใช้ไม่ถูกต้อง"),
        ("/grant 7 officer", "รูปแบบผู้ใช้ไม่ถูกต้อง"),
        ("/grant telegram: officer", "รูปแบบผู้ใช้ไม่ถูกต้อง"),
        ("/grant telegram:7 king", "ไม่รู้จักบทบาท"),
        ("/revoke", "ใช้: /revoke"),
        ("/revoke telegram:nobody", "ไม่พบผู้ใช้"),
    ],
)
def test_bad_grant_and_revoke_change_nothing(chat: Chat, text: str, expected: str) -> None:
    before = chat.changes()
    assert expected in chat.say("telegram:boss", text)
    assert chat.changes() == before
    assert chat.count(User) == 1


@pytest.mark.parametrize("role", ["staff", "officer", "manager"])
def test_only_admins_grant_and_revoke(chat: Chat, role: str) -> None:
    chat.register("telegram:x", role)
    chat.register("telegram:victim", "officer")
    before = chat.changes()
    assert NEEDS_ROLE in chat.say("telegram:x", "/grant telegram:x admin")
    assert NEEDS_ROLE in chat.say("telegram:x", "/revoke telegram:victim")
    assert chat.changes() == before
    assert "victim" in chat.say("telegram:boss", "/revoke telegram:victim")


def test_console_operator_is_admin_other_console_users_are_not(chat: Chat) -> None:
    assert "admin" in chat.say("console:local", "/whoami")
    assert NOT_REGISTERED in chat.say("console:someone", "/whoami")
    assert NOT_REGISTERED in chat.say("telegram:local", "/whoami")  # only the console's operator


# -- sdgbot users ---------------------------------------------------------------------------------
@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    h = tmp_path / "clihome"
    monkeypatch.setenv("SDGBOT_HOME", str(h))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    return h


def _users(capsys: pytest.CaptureFixture[str]) -> list[dict[str, str]]:
    capsys.readouterr()
    assert main(["users", "list", "--json"]) == 0
    out: list[dict[str, str]] = json.loads(capsys.readouterr().out)
    return out


def _audit(home: Path) -> list[tuple[str, str, str | None, str | None, dt.datetime]]:
    db = Database(sqlite_url(home))
    try:
        with db.read() as s:
            rows = s.scalars(select(RoleChange).order_by(RoleChange.id)).all()
            return [(r.actor, r.target, r.old_role, r.new_role, r.at) for r in rows]
    finally:
        db.dispose()


LINE_USER = "line:U4af4980629e1f2a3b4c5d6e7f8a9b0c1"


def test_cli_users_add_list_remove(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _users(capsys) == []
    assert main(["users", "add", "telegram:12345", "--role", "officer"]) == 0
    assert main(["users", "add", LINE_USER, "--role", "manager"]) == 0
    assert main(["users", "add", "console:field1", "--role", "staff"]) == 0
    assert main(["users", "add", "telegram:12345", "--role", "admin"]) == 0  # a role change
    unscoped = {"agency": None, "province": None}
    assert _users(capsys) == [
        {"user": "console:field1", "platform": "console", "id": "field1", "role": "staff",
         **unscoped},
        {"user": LINE_USER, "platform": "line", "id": LINE_USER[5:], "role": "manager",
         **unscoped},
        {"user": "telegram:12345", "platform": "telegram", "id": "12345", "role": "admin",
         **unscoped},
    ]
    assert main(["users", "remove", LINE_USER]) == 0
    assert [u["user"] for u in _users(capsys)] == ["console:field1", "telegram:12345"]

    audit = _audit(home)
    assert [a[:4] for a in audit] == [
        ("cli", "telegram:12345", None, "officer"),
        ("cli", LINE_USER, None, "manager"),
        ("cli", "console:field1", None, "staff"),
        ("cli", "telegram:12345", "officer", "admin"),
        ("cli", LINE_USER, "manager", None),
    ]
    assert all(a[4] is not None for a in audit)


@pytest.mark.parametrize(
    "argv",
    [
        ["users", "add", "12345", "--role", "officer"],
        ["users", "add", "whatsapp:1", "--role", "officer"],
        ["users", "add", "telegram:", "--role", "officer"],
        ["users", "remove", "telegram:nobody"],
        # Issue 13, fault 8: ids are checked on the way in.
        ["users", "add", "telegram:abc", "--role", "staff"],
        ["users", "add", "telegram:-5", "--role", "staff"],
        ["users", "add", "line:Uabc", "--role", "staff"],
        ["users", "add", "line:u4af4980629e1f2a3b4c5d6e7f8a9b0c1", "--role", "staff"],
        ["users", "add", "console:a b", "--role", "staff"],
    ],
)
def test_cli_users_user_errors(
    home: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    capsys.readouterr()
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err.startswith("sdgbot: ") and re.search(r"[\u0e00-\u0e7f]", err)
    assert _users(capsys) == []
    assert _audit(home) == []


def test_cli_users_bad_role_is_usage_error(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["users", "add", "telegram:1", "--role", "king"])
    assert exc.value.code == 2
    assert "king" in capsys.readouterr().err


def test_cli_grant_is_seen_by_a_running_core(
    home: Path, make_app: Callable[..., Any], capsys: pytest.CaptureFixture[str]
) -> None:
    """A role given on the command line applies to the next chat message, no restart."""
    from bot.app import open_app
    from bot.config import Settings

    app = open_app(Settings(home=home))
    try:
        core = Core(app.db, app.index)
        msg = Message("telegram", "555", "/whoami", message_id="a")
        assert NOT_REGISTERED in core.handle(msg)[0].text
        assert main(["users", "add", "telegram:555", "--role", "officer"]) == 0
        assert "officer" in core.handle(msg)[0].text
        assert main(["users", "remove", "telegram:555"]) == 0
        assert NOT_REGISTERED in core.handle(msg)[0].text
    finally:
        app.close()


def test_grant_checks_the_id_form(chat: Chat) -> None:
    """Issue 13, fault 8: ``telegram:abc`` was accepted; Telegram ids are numbers, LINE ids
    are U and 32 hex digits."""
    chat.register("telegram:boss", "admin")
    for ref in ("telegram:abc", "line:Uabc", "line:U" + "g" * 32):
        assert "ไม่ถูกต้อง" in chat.say("telegram:boss", f"/grant {ref} staff")
    assert chat.count(User, User.external_id == "abc") == 0
    assert "staff" in chat.say("telegram:boss", "/grant line:U" + "0a" * 16 + " staff")
    assert chat.count(User, User.external_id == "U" + "0a" * 16) == 1
