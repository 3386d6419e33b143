"""Reminders and non-submitter lists (issue 15, part 5): at a fixed clock, exactly once.

Quarter 2/2566 ends 31 March 2023; its deadline is 24 March (7 days before); the
reminder days are 17, 21 and 23 March from 09:00 in Bangkok.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fake_line import PUSH_PATH, FakeLine
from fake_telegram import FakeTelegram
from field_harness import LINE_TOKEN, TG_TOKEN, Chat, Clock
from sqlalchemy import create_engine, inspect, select, text

from bot.config import Settings
from bot.push import LinePusher, Pusher, TelegramPusher
from bot.reminders import Schedule, plan, run_reminders, tick
from bot.scheduler import JOB_ID, run_once
from knowledge.models import Project, PushCount, ReminderLog
from knowledge.thai import FiscalQuarter

Q = FiscalQuarter(2566, 2)
REMIND_DAY = dt.datetime(2023, 3, 17, 2, 30, tzinfo=dt.UTC)  # 09:30 in Bangkok
ROOT = Path(__file__).resolve().parents[1]
LINE_OFFICER = "U" + "e" * 32
SCHEDULE = Schedule()


def setup(chat: Chat) -> dict[str, int]:
    with chat.app.db.write() as s:
        rows = {"cm1": Project(agency="อบจ.เชียงใหม่", name="ฝายชะลอน้ำดอยสุเทพ"),
                "cm2": Project(agency="อบจ.เชียงใหม่", name="ธนาคารขยะแม่ริม"),
                "lp": Project(agency="อบจ.ลำปาง", name="ป่าชุมชนลำปาง"),
                "np": Project(agency="อบจ.น่าน", name="ข้าวอินทรีย์น่าน")}
        s.add_all(rows.values())
        s.flush()
        ids = {k: v.id for k, v in rows.items()}
    chat.register("telegram:7101", "officer", agency="อบจ.เชียงใหม่")  # owes cm1, cm2
    chat.register(f"line:{LINE_OFFICER}", "officer", agency="อบจ.ลำปาง")  # owes lp
    chat.register("telegram:7103", "officer", agency="อบจ.น่าน")  # reports: owes nothing
    chat.register("telegram:7104", "officer", province="ลำปาง")  # opted out
    chat.register("telegram:7105", "officer", agency="อบจ.ลำปาง")  # blocked the bot
    chat.register("console:field7", "officer", agency="อบจ.ลำปาง")  # no push on the console
    chat.register("telegram:7106", "officer")  # no scope, no assignment: owes nothing known
    chat.register("telegram:7201", "manager", province="เชียงใหม่")
    chat.register("telegram:7202", "manager")
    chat.say("telegram:7103", f"/update {ids['np']} ดำนา 20 ไร่ เบิกจ่าย 8,000 บาท ไตรมาส 2/2566")
    chat.say("telegram:7104", "/remind off")
    return ids


@pytest.fixture
def chat(make_app: Callable[..., Any], db_url: str) -> Chat:
    c = Chat(make_app(database_url=db_url), Clock(REMIND_DAY))
    setup(c)
    return c


@pytest.fixture
def sqlite_chat(make_app: Callable[..., Any]) -> Chat:
    c = Chat(make_app(), Clock(REMIND_DAY))
    setup(c)
    return c


@pytest.fixture
def fakes() -> Iterator[tuple[FakeTelegram, FakeLine]]:
    with FakeTelegram(token=TG_TOKEN) as tg, FakeLine(token=LINE_TOKEN) as line:
        tg.blocked.add(7105)
        yield tg, line
        tg.assert_clean()
        assert not line.errors, line.errors


def pushers(fakes: tuple[FakeTelegram, FakeLine]) -> dict[str, Pusher]:
    tg, line = fakes
    return {"telegram": TelegramPusher(tg.token, tg.base_url),
            "line": LinePusher(LINE_TOKEN, line.url)}


async def _closing(ps: dict[str, Pusher], coro: Any) -> Any:
    try:
        return await coro
    finally:
        for p in ps.values():
            await p.aclose()


def remind(chat: Chat, fakes: tuple[FakeTelegram, FakeLine], now: dt.datetime,
           managers: bool = False) -> Any:
    ps = pushers(fakes)
    return asyncio.run(_closing(ps, run_reminders(chat.app.db, Q, now, SCHEDULE, ps,
                                                  managers=managers)))


def sent_to(fakes: tuple[FakeTelegram, FakeLine]) -> list[str]:
    tg, line = fakes
    return sorted([f"telegram:{c.params['chat_id']}" for c in tg.calls_of("sendMessage")]
                  + [f"line:{c.body['to']}" for c in line.pushes])


# -- the schedule --------------------------------------------------------------------------------
def test_deadline_reminder_days_and_quiet_hours() -> None:
    assert SCHEDULE.deadline(Q) == dt.date(2023, 3, 24)
    assert SCHEDULE.reminder_due(REMIND_DAY, Q)
    assert not SCHEDULE.reminder_due(REMIND_DAY - dt.timedelta(hours=1), Q)  # 08:30
    assert not SCHEDULE.reminder_due(REMIND_DAY + dt.timedelta(days=1), Q)  # 18 March
    assert SCHEDULE.reminder_due(REMIND_DAY + dt.timedelta(days=6), Q)  # 23 March
    assert not SCHEDULE.past_deadline(dt.datetime(2023, 3, 24, 16, tzinfo=dt.UTC), Q)  # 23:00
    assert SCHEDULE.past_deadline(dt.datetime(2023, 3, 24, 17, tzinfo=dt.UTC), Q)  # 00:00
    assert SCHEDULE.is_quiet(dt.datetime(2023, 3, 17, 14, tzinfo=dt.UTC))  # 21:00 Bangkok
    assert SCHEDULE.is_quiet(dt.datetime(2023, 3, 17, 0, 30, tzinfo=dt.UTC))  # 07:30
    assert not SCHEDULE.is_quiet(REMIND_DAY)


@pytest.mark.parametrize(("name", "value"), [
    ("deadline_days", "x"), ("remind_days", "7,three"), ("remind_hour", "25"),
    ("quiet_hours", "evening"), ("quiet_hours", "20-30"),
])
def test_bad_reminder_settings_are_refused(tmp_path: Path, name: str, value: str) -> None:
    with pytest.raises(ValueError, match="SDGBOT_"):
        Schedule.from_settings(Settings(home=tmp_path, **{name: value}))


def test_settings_are_read() -> None:
    s = Schedule.from_settings(Settings(home=Path("."), deadline_days="10", remind_days="5, 2",
                                        remind_hour="8", quiet_hours="off"))
    assert (s.deadline_days, s.remind_days, s.remind_hour, s.quiet) == (10, (5, 2), 8, None)


# -- who and why ---------------------------------------------------------------------------------
def test_plan_lists_exactly_the_non_submitters_and_why(chat: Chat) -> None:
    planned = {p.ref: p for p in plan(chat.app.db, Q, REMIND_DAY, SCHEDULE)}
    assert set(planned) == {"telegram:7101", f"line:{LINE_OFFICER}", "telegram:7104",
                            "telegram:7105", "console:field7"}
    ids = {"cm1": 2, "cm2": 3}  # project 1 is the bundled sample's
    assert planned["telegram:7101"].send
    assert planned["telegram:7101"].projects == (ids["cm1"], ids["cm2"])
    assert "ธนาคารขยะแม่ริม" in planned["telegram:7101"].text
    assert "กำหนดส่ง" in planned["telegram:7101"].why
    assert not planned["telegram:7104"].send and "ปิดการแจ้งเตือน" in planned["telegram:7104"].why
    assert not planned["console:field7"].send


# -- sending -------------------------------------------------------------------------------------
def test_reminder_run_at_a_fixed_clock_reaches_exactly_the_non_submitters(
    chat: Chat, fakes: tuple[FakeTelegram, FakeLine]
) -> None:
    report = remind(chat, fakes, REMIND_DAY)
    assert sorted(report.sent) == ["line:" + LINE_OFFICER, "telegram:7101"]
    assert report.blocked == ["telegram:7105"]
    assert sent_to(fakes) == [f"line:{LINE_OFFICER}", "telegram:7101", "telegram:7105"]
    tg, line = fakes
    msg = tg.wait_for("sendMessage", lambda c: str(c.params["chat_id"]) == "7101")
    assert "ฝายชะลอน้ำดอยสุเทพ" in msg.params["text"] and "ธนาคารขยะแม่ริม" in msg.params["text"]
    assert msg.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "cmd:/update"
    [push] = line.pushes
    assert "ป่าชุมชนลำปาง" in push.texts[0]
    assert push.body["messages"][-1]["quickReply"]["items"][0]["action"]["type"] == "postback"
    # The same day again: nothing more (the blocked user is not tried again either).
    again = remind(chat, fakes, REMIND_DAY + dt.timedelta(hours=3))
    assert not again.sent and not again.blocked
    assert len(sent_to(fakes)) == 3
    with chat.app.db.read() as s:
        statuses = sorted((r.external_user_id, r.status) for r in s.scalars(select(ReminderLog)))
        assert statuses == sorted([(LINE_OFFICER, "sent"), ("7101", "sent"),
                                   ("7105", "blocked")])
        assert s.scalar(select(PushCount.count).where(PushCount.platform == "line")) == 1
    # The next reminder day, those still owing are reminded again; one who reported is not.
    chat.say("telegram:7101", "/update 2 ซ่อมฝาย เบิกจ่าย 1,000 บาท ไตรมาส 2/2566")
    chat.say("telegram:7101", "/update 3 ตั้งธนาคารขยะ 1 แห่ง ไตรมาส 2/2566")
    later = remind(chat, fakes, REMIND_DAY + dt.timedelta(days=4))
    assert later.sent == [f"line:{LINE_OFFICER}"]


def test_two_runs_at_once_send_each_reminder_once(
    chat: Chat, fakes: tuple[FakeTelegram, FakeLine]
) -> None:
    barrier = threading.Barrier(3)
    reports: list[Any] = []

    def run() -> None:
        barrier.wait()
        reports.append(remind(chat, fakes, REMIND_DAY))

    threads = [threading.Thread(target=run) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert sorted(r for rep in reports for r in rep.sent) == [f"line:{LINE_OFFICER}",
                                                              "telegram:7101"]
    assert sent_to(fakes) == [f"line:{LINE_OFFICER}", "telegram:7101", "telegram:7105"]


def test_tick_is_quiet_at_night_and_lists_go_to_managers_after_the_deadline(
    sqlite_chat: Chat, fakes: tuple[FakeTelegram, FakeLine]
) -> None:
    chat = sqlite_chat

    def tick_at(when: dt.datetime) -> Any:
        ps = pushers(fakes)
        return asyncio.run(_closing(ps, tick(chat.app.db, SCHEDULE, ps, lambda: when)))

    night = dt.datetime(2023, 3, 17, 15, tzinfo=dt.UTC)  # 22:00 in Bangkok, a reminder day
    assert not tick_at(night).sent and not sent_to(fakes)
    not_a_day = dt.datetime(2023, 3, 18, 3, tzinfo=dt.UTC)
    assert not tick_at(not_a_day).sent
    assert sorted(tick_at(REMIND_DAY).sent) == [f"line:{LINE_OFFICER}", "telegram:7101"]
    after = dt.datetime(2023, 3, 25, 3, tzinfo=dt.UTC)  # 10:00, the day after the deadline
    report = tick_at(after)
    assert sorted(report.sent) == ["telegram:7201", "telegram:7202"]  # managers only
    tg, _ = fakes
    scoped = tg.wait_for("sendMessage", lambda c: str(c.params["chat_id"]) == "7201")
    assert "ฝายชะลอน้ำ" in scoped.params["text"] and "ป่าชุมชน" not in scoped.params["text"]
    whole = tg.wait_for("sendMessage", lambda c: str(c.params["chat_id"]) == "7202")
    assert "ป่าชุมชน" in whole.params["text"]
    assert not tick_at(after + dt.timedelta(hours=2)).sent  # once per quarter


def test_run_once_sends_due_notifications_and_purges(
    sqlite_chat: Chat, fakes: tuple[FakeTelegram, FakeLine], tmp_path: Path
) -> None:
    from dataclasses import replace

    from bot.app import App

    tg, line = fakes
    settings = replace(sqlite_chat.app.settings, telegram_token=tg.token,
                       telegram_api=tg.base_url, line_token=LINE_TOKEN, line_api=line.url)
    app = App(settings=settings, db=sqlite_chat.app.db, index=sqlite_chat.app.index)
    report = asyncio.run(run_once(app, SCHEDULE, lambda: REMIND_DAY))
    assert sorted(report.sent) == [f"line:{LINE_OFFICER}", "telegram:7101"]


# -- the command line ----------------------------------------------------------------------------
def _env(home: Path, tg: FakeTelegram, line: FakeLine, url: str | None = None) -> dict[str, str]:
    env = {**os.environ, "SDGBOT_HOME": str(home), "PYTHAINLP_OFFLINE": "1",
           "TELEGRAM_BOT_TOKEN": tg.token, "SDGBOT_TELEGRAM_API": tg.base_url,
           "LINE_CHANNEL_ACCESS_TOKEN": LINE_TOKEN, "SDGBOT_LINE_API": line.url}
    env.pop("DATABASE_URL", None)
    if url:
        env["DATABASE_URL"] = url
    return env


def _sdgbot(env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "bot.cli", *args], env=env, cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_cli_dry_run_lists_and_sends_nothing(run: Any, tmp_path: Path,
                                             fakes: tuple[FakeTelegram, FakeLine],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    tg, line = fakes
    home = tmp_path / "home"
    run(home, "users", "add", "telegram:7301", "--role", "officer", "--agency", "ตท.สป.")
    for k, v in _env(home, tg, line).items():
        if k.startswith(("TELEGRAM", "LINE", "SDGBOT_T", "SDGBOT_L")):
            monkeypatch.setenv(k, v)
    r = run(home, "remind", "--dry-run", "2/2566", "--at", "2023-03-17T09:30")
    assert r.code == 0, r.err
    assert "telegram:7301" in r.out and "[1]" in r.out and "จะเตือน" in r.out
    assert "LINE push" in r.out
    js = run(home, "remind", "--dry-run", "--json", "--at", "2023-03-17T09:30").json()
    assert (js["fiscal_year"], js["quarter"], js["deadline"]) == (2566, 2, "2023-03-24")
    [item] = js["reminders"]
    assert item["user"] == "telegram:7301" and item["send"] and item["projects"][0]["id"] == 1
    assert not tg.calls_of("sendMessage") and not line.calls
    sent = run(home, "remind", "--at", "2023-03-17T09:30")
    assert sent.code == 0, sent.err
    assert "telegram:7301" in sent.out
    assert [str(c.params["chat_id"]) for c in tg.calls_of("sendMessage")] == ["7301"]
    assert run(home, "remind", "--at", "2023-03-17T11:00").code == 0
    assert len(tg.calls_of("sendMessage")) == 1  # once a day
    bad = run(home, "remind", "--at", "yesterday")
    assert bad.code == 1 and "--at" in bad.err


def test_cli_remind_without_credentials_is_a_user_error(run: Any, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("TELEGRAM_BOT_TOKEN", "LINE_CHANNEL_ACCESS_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    r = run(tmp_path / "home", "remind")
    assert r.code == 1 and "TELEGRAM_BOT_TOKEN" in r.err


def test_two_remind_processes_on_postgresql_send_each_reminder_once(
    tmp_path: Path, fakes: tuple[FakeTelegram, FakeLine]
) -> None:
    from conftest import PG_URL, _pg_available, reset_pg

    if not _pg_available():
        if os.environ.get("SDGBOT_REQUIRE_PG") == "1":
            pytest.fail("PostgreSQL is required but not reachable")
        pytest.skip("PostgreSQL not reachable")
    reset_pg(PG_URL)
    tg, line = fakes
    env = _env(tmp_path / "a", tg, line, PG_URL)
    for ref in ("telegram:7401", "telegram:7402", "line:U" + "f" * 32):
        added = subprocess.run([sys.executable, "-m", "bot.cli", "users", "add", ref, "--role",
                                "officer", "--agency", "ตท.สป."], env=env, cwd=ROOT,
                               capture_output=True, text=True, timeout=300, check=False)
        assert added.returncode == 0, added.stderr
    procs = [_sdgbot(_env(tmp_path / name, tg, line, PG_URL), "remind", "--at",
                     "2023-03-17T09:30") for name in ("a", "b")]
    outs = [p.communicate(timeout=300) for p in procs]
    assert all(p.returncode == 0 for p in procs), outs
    assert sorted(str(c.params["chat_id"]) for c in tg.calls_of("sendMessage")) == ["7401", "7402"]
    assert [c.body["to"] for c in line.of(PUSH_PATH)] == ["U" + "f" * 32]


def _first_line(stream: Any, into: list[str]) -> None:
    into.append(stream.readline())


def test_scheduler_keeps_its_job_in_the_database_and_stops_on_sigterm(
    tmp_path: Path, fakes: tuple[FakeTelegram, FakeLine]
) -> None:
    tg, line = fakes
    home = tmp_path / "home"
    env = {**_env(home, tg, line), "SDGBOT_QUIET_HOURS": "off"}
    for _ in range(2):  # started twice: the job is replaced, not doubled
        proc = _sdgbot(env, "scheduler", "--interval", "60")
        assert proc.stderr is not None
        started: list[str] = []
        reader = threading.Thread(target=_first_line, args=(proc.stderr, started), daemon=True)
        reader.start()
        reader.join(120)
        assert started and "sdgbot scheduler" in started[0], started
        engine = create_engine(f"sqlite:///{home / 'sdgbot.db'}")
        ids: list[str] = []
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and not ids:
                time.sleep(0.3)
                with engine.connect() as conn:
                    if "apscheduler_jobs" in inspect(conn).get_table_names():
                        ids = list(conn.execute(text("SELECT id FROM apscheduler_jobs")).scalars())
            assert ids == [JOB_ID]
        finally:
            engine.dispose()
            proc.send_signal(signal.SIGTERM)
            _, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        assert "Traceback" not in err


def test_line_push_to_a_user_who_blocked_the_bot_is_blocked() -> None:
    from bot.push import Blocked

    with FakeLine(token=LINE_TOKEN) as line:
        line.blocked.add("U" + "9" * 32)
        pusher = LinePusher(LINE_TOKEN, line.url)

        async def push() -> None:
            try:
                await pusher.push("U" + "9" * 32, "เตือน", [("📝 รายงานเลย", "/update")], key="k1")
            finally:
                await pusher.aclose()

        with pytest.raises(Blocked):
            asyncio.run(push())
        assert not line.errors


def test_pushed_buttons_with_long_commands_carry_keys(make_app: Callable[..., Any],
                                                      fakes: tuple[FakeTelegram, FakeLine]
                                                      ) -> None:
    """A pushed button's command over the platform's limit is kept (bot.buttons): the fakes,
    like the platforms, refuse the whole message when a button's data is too long."""
    from bot.buttons import ButtonCommands
    from bot.push import pushers_from

    tg, line = fakes
    app = make_app()
    settings = dataclasses.replace(app.settings, telegram_token=tg.token,
                                   telegram_api=tg.base_url, line_token=LINE_TOKEN,
                                   line_api=line.url)
    long = "/summary 3/2566 กรมส่งเสริมการปกครองท้องถิ่น " + "จังหวัดเชียงใหม่ " * 20
    buttons = [("▶ ไตรมาส 3/2566", long), ("📝 รายงานเลย", "/update")]

    async def push() -> None:
        ps = pushers_from(settings, app.db)
        try:
            await ps["telegram"].push("7201", "สรุป", buttons, key="k-tg")
            await ps["line"].push("U" + "1" * 32, "สรุป", buttons, key="k-line")
        finally:
            for p in ps.values():
                await p.aclose()

    asyncio.run(push())
    (sent,) = tg.calls_of("sendMessage")
    markup = sent.params["reply_markup"]
    tg_datas = [b["callback_data"] for row in markup["inline_keyboard"] for b in row]
    (call,) = line.pushes
    line_datas = [i["action"]["data"] for i in call.body["messages"][-1]["quickReply"]["items"]]
    kept = ButtonCommands(app.db)
    assert tg_datas[1] == "cmd:/update" and line_datas[1] == "/update"
    assert kept.command(tg_datas[0]) == long and kept.command(line_datas[0]) == long
    assert not tg.errors and not line.errors


def test_notifications_wait_for_the_morning(sqlite_chat: Chat,
                                            fakes: tuple[FakeTelegram, FakeLine]) -> None:
    from bot.push import deliver_notifications
    from knowledge.outbox import enqueue

    with sqlite_chat.app.db.write() as s:
        enqueue(s, "telegram", "7201", "มีรายงานรออนุมัติ", now=REMIND_DAY)
    night = dt.datetime(2023, 3, 17, 15, tzinfo=dt.UTC)
    ps = pushers(fakes)
    held = asyncio.run(_closing(ps, deliver_notifications(
        sqlite_chat.app.db, ps, lambda: night, quiet=SCHEDULE.is_quiet)))
    assert (held.sent, held.held) == (0, 1)
    ps = pushers(fakes)
    morning = asyncio.run(_closing(ps, deliver_notifications(
        sqlite_chat.app.db, ps, lambda: night + dt.timedelta(hours=11), quiet=SCHEDULE.is_quiet)))
    assert morning.sent == 1
    assert [str(c.params["chat_id"]) for c in fakes[0].calls_of("sendMessage")] == ["7201"]


def test_admin_sees_the_month_s_line_pushes(sqlite_chat: Chat,
                                            fakes: tuple[FakeTelegram, FakeLine]) -> None:
    remind(sqlite_chat, fakes, REMIND_DAY)
    sqlite_chat.register("telegram:7901", "admin")
    assert "LINE push เดือนนี้: 1" in sqlite_chat.say("telegram:7901", "/whoami")
    assert "LINE push" not in sqlite_chat.say("telegram:7201", "/whoami")


# -- the production topology: pushes are queue jobs ---------------------------------------------
@pytest.fixture
def pg_chat(make_app: Callable[..., Any]) -> Chat:
    """The reminder setup on PostgreSQL with the job queue (what `sdgbot migrate` makes)."""
    from conftest import PG_URL, _pg_available, reset_pg

    from bot.queue.schema import apply_queue_schema

    if not _pg_available():
        if os.environ.get("SDGBOT_REQUIRE_PG") == "1":
            pytest.fail("PostgreSQL is required but not reachable")
        pytest.skip("PostgreSQL not reachable")
    reset_pg(PG_URL)
    c = Chat(make_app(database_url=PG_URL), Clock(REMIND_DAY))
    setup(c)
    apply_queue_schema(PG_URL)
    return c


def _with_fakes(chat: Chat, fakes: tuple[FakeTelegram, FakeLine], **extra: Any) -> Any:
    """``chat``'s app with the fakes' credentials (and ``extra`` settings)."""
    from dataclasses import replace

    from bot.app import App

    tg, line = fakes
    settings = replace(chat.app.settings, telegram_token=tg.token, telegram_api=tg.base_url,
                       line_token=LINE_TOKEN, line_api=line.url, **extra)
    return App(settings=settings, db=chat.app.db, index=chat.app.index)


def _push_jobs(db: Any) -> list[tuple[str, Any]]:
    with db.read() as s:
        return [(str(k), at) for k, at in s.execute(text(
            "SELECT args->>'key', scheduled_at FROM procrastinate_jobs "
            "WHERE args->>'key' LIKE 'push:%' ORDER BY id")).all()]


def _run_jobs(app: Any, keys: list[str], attempts: int = 1) -> list[BaseException | None]:
    """Run each job ``attempts`` times in a queue worker's runtime; what each run raised."""
    from bot.queue.runtime import Runtime

    rt = Runtime(app, app.settings, media_dir=app.settings.home / "media")
    out: list[BaseException | None] = []

    async def main() -> None:
        await rt.start()
        try:
            for key in keys:
                for n in range(attempts):
                    try:
                        await rt.run(key, n)
                        out.append(None)
                    except Exception as exc:
                        out.append(exc)
        finally:
            await rt.stop()

    asyncio.run(main())
    return out


def test_schedulers_hand_each_reminder_to_the_queue_once_and_a_worker_sends_it(
    pg_chat: Chat, fakes: tuple[FakeTelegram, FakeLine]
) -> None:
    """Three scheduler runs at once: one job per reminder; nothing sent until a worker runs it."""
    from bot.queue.pushes import PushQueue
    from bot.queue.tasks import make_queue

    app = _with_fakes(pg_chat, fakes)
    queue = PushQueue(make_queue(app.settings.db_url))
    barrier = threading.Barrier(3)
    reports: list[Any] = []

    def scheduler() -> None:
        barrier.wait()
        reports.append(asyncio.run(run_once(app, SCHEDULE, lambda: REMIND_DAY, queue=queue)))

    threads = [threading.Thread(target=scheduler) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    queued = sorted(r for rep in reports for r in rep.queued)
    assert queued == [f"line:{LINE_OFFICER}", "telegram:7101", "telegram:7105"]
    assert not [r for rep in reports for r in rep.sent] and not sent_to(fakes)
    jobs = _push_jobs(app.db)
    assert len(jobs) == 3 and all(k.startswith("push:reminder:") for k, _ in jobs)
    with app.db.read() as s:
        assert {r.status for r in s.scalars(select(ReminderLog))} == {"queued"}
    # A worker runs the jobs, each twice (a job run again after its worker died).
    assert _run_jobs(app, [k for k, _ in jobs], attempts=2) == [None] * 6
    assert sent_to(fakes) == [f"line:{LINE_OFFICER}", "telegram:7101", "telegram:7105"]
    with app.db.read() as s:
        status = {(r.platform, r.external_user_id): r.status
                  for r in s.scalars(select(ReminderLog))}
        pushes = s.scalar(select(PushCount.count).where(PushCount.platform == "line"))
    assert status == {("line", LINE_OFFICER): "sent", ("telegram", "7101"): "sent",
                      ("telegram", "7105"): "blocked"}
    assert pushes == 1  # counted once, in the quota row every process shares
    tg, _ = fakes
    [call] = [c for c in tg.calls_of("sendMessage") if str(c.params["chat_id"]) == "7101"]
    assert "เตือนส่งรายงาน" in call.params["text"] and call.params.get("reply_markup")


def test_notifications_are_handed_over_once_and_wait_for_the_morning(
    pg_chat: Chat, fakes: tuple[FakeTelegram, FakeLine]
) -> None:
    from bot.queue.pushes import PushQueue, enqueue_notifications
    from bot.queue.tasks import make_queue
    from knowledge.models import Notification
    from knowledge.outbox import enqueue

    app = _with_fakes(pg_chat, fakes)
    queue = PushQueue(make_queue(app.settings.db_url))
    night = dt.datetime(2023, 3, 17, 15, tzinfo=dt.UTC)  # 22:00 in Bangkok
    with app.db.write() as s:
        enqueue(s, "telegram", "7201", "มีรายงานรออนุมัติ", [("✅ อนุมัติ", "/approve 1")],
                now=night)
    morning = SCHEDULE.quiet_end(night)
    assert morning == dt.datetime(2023, 3, 18, 1, tzinfo=dt.UTC)  # 08:00 in Bangkok
    assert enqueue_notifications(app.db, queue, ["telegram", "line"], night,
                                 not_before=morning) == 1
    assert enqueue_notifications(app.db, queue, ["telegram", "line"], night) == 0
    # The scheduler's run hands over nothing more either.
    asyncio.run(run_once(app, SCHEDULE, lambda: night, queue=queue))
    [(key, at)] = _push_jobs(app.db)
    assert key.startswith("push:notification:") and at == morning
    assert not sent_to(fakes)
    assert _run_jobs(app, [key]) == [None]
    tg, _ = fakes
    [call] = tg.calls_of("sendMessage")
    assert str(call.params["chat_id"]) == "7201" and "รออนุมัติ" in call.params["text"]
    with app.db.read() as s:
        [(status, sent_at)] = s.execute(select(Notification.status, Notification.sent_at)).all()
    assert status == "sent" and sent_at is not None


def test_a_push_that_keeps_failing_goes_to_the_dead_letter(
    pg_chat: Chat, fakes: tuple[FakeTelegram, FakeLine]
) -> None:
    """A LINE reminder on a worker without LINE's credentials: retried, then dead-lettered."""
    from dataclasses import replace

    from bot.app import App
    from bot.queue.pushes import PushQueue
    from bot.queue.store import failed_events
    from bot.queue.tasks import MAX_ATTEMPTS, make_queue

    app = _with_fakes(pg_chat, fakes)
    queue = PushQueue(make_queue(app.settings.db_url))
    report = asyncio.run(run_once(app, SCHEDULE, lambda: REMIND_DAY, queue=queue))
    assert f"line:{LINE_OFFICER}" in report.queued
    with app.db.read() as s:
        row_id = s.scalar(select(ReminderLog.id).where(ReminderLog.platform == "line"))
    key = f"push:reminder:{row_id}"
    no_line = App(settings=replace(app.settings, line_token=None), db=app.db, index=app.index)
    raised = _run_jobs(no_line, [key], attempts=MAX_ATTEMPTS + 1)
    assert all(isinstance(e, RuntimeError) for e in raised[:MAX_ATTEMPTS])
    assert raised[MAX_ATTEMPTS] is None  # in the dead letter: never run again
    with app.db.read() as s:
        [dead] = failed_events(s)
        row = s.get(ReminderLog, row_id)
        assert row is not None and row.status == "failed" and "credentials" in (row.detail or "")
    assert dead["key"] == key and dead["attempts"] == MAX_ATTEMPTS
    assert "no line credentials" in dead["error"]
    _, line = fakes
    assert not line.pushes  # no apology pushed for a push that failed
