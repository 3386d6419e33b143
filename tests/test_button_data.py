"""Button data within each platform's limit (``bot.buttons``), on SQLite and PostgreSQL.

Telegram's callback data is 1-64 bytes of UTF-8, LINE's postback data 300 characters:
a command that fits is sent as is, a longer one by a key that reads back the command.
The adapters' end-to-end tests (``test_telegram.py``, ``test_line.py``) press them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from bot.buttons import KEY_PREFIX, LINE, TELEGRAM, ButtonCommands, utf8_len
from knowledge.db import Database
from knowledge.models import ButtonCommand
from knowledge.textcut import utf16_len

AGENCY = "กรมส่งเสริมการปกครองท้องถิ่น"  # 30 Thai letters: 90 bytes


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = Database(db_url)
    database.migrate()
    yield database
    database.dispose()


def _rows(db: Database) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(ButtonCommand)) or 0)


def test_commands_that_fit_ride_as_is_and_longer_ones_by_key(db: Database) -> None:
    commands = ButtonCommands(db)
    exactly = "/" + "x" * 59  # "cmd:" + 60 bytes: Telegram's 64 exactly
    thai = f"/summary 3/2566 {AGENCY}"  # fewer than 64 characters, 110 bytes
    datas = commands.data(["/help", exactly, thai], TELEGRAM)
    assert datas[:2] == ["cmd:/help", f"cmd:{exactly}"]
    assert len(thai) < 64 < utf8_len(f"cmd:{thai}")
    assert datas[2] is not None and datas[2].startswith(KEY_PREFIX)
    assert utf8_len(datas[2]) <= 64
    assert commands.command(datas[2]) == thai
    assert _rows(db) == 1  # only the long one is kept
    # LINE holds this one as is: 300 characters, not bytes
    assert commands.data([thai], LINE) == [thai]
    search = "/search " + "ธนาคารขยะ " * 40
    (line_data,) = commands.data([search], LINE)
    assert line_data is not None and utf16_len(line_data) <= 300
    assert commands.command(line_data) == search
    # the same command shown again is the same row
    assert commands.data([thai], TELEGRAM) == [datas[2]]
    assert _rows(db) == 2


def test_an_unknown_key_reads_as_nothing(db: Database) -> None:
    commands = ButtonCommands(db)
    for data in ("cmdh:0123456789abcdef0123", "cmdh:", "cmdh:" + "9" * 300, "/help", ""):
        assert commands.command(data) is None


def test_rows_are_bounded_by_age_and_by_count(db: Database) -> None:
    clock = Clock()
    commands = ButtonCommands(db, clock=clock, keep=dt.timedelta(days=30), max_rows=3)
    old = f"/summary 1/2566 {AGENCY}"
    (old_data,) = commands.data([old], TELEGRAM)
    assert old_data is not None
    clock.now += dt.timedelta(days=31)
    (fresh,) = commands.data([f"/summary 2/2566 {AGENCY}"], TELEGRAM)
    assert commands.command(old_data) is None  # not shown for longer than kept
    assert fresh is not None and commands.command(fresh) is not None
    datas = []
    for n in range(5):
        clock.now += dt.timedelta(minutes=1)
        datas += commands.data([f"/summary {n % 4 + 1}/2567 {AGENCY} {n}"], TELEGRAM)
    assert _rows(db) == 3  # the least recently shown went first
    assert [commands.command(d) is not None for d in datas if d] == [False, False, True,
                                                                      True, True]
    assert commands.command(fresh) is None


@pytest.fixture(scope="module")
def sqlite_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    database = Database(f"sqlite:///{tmp_path_factory.mktemp('buttons') / 'b.db'}")
    database.migrate()
    yield database
    database.dispose()


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("กขคง่้ำะ abc/0123 😀")), min_size=1,
               max_size=400))
def test_any_command_round_trips_within_each_limit(sqlite_db: Database, command: str) -> None:
    commands = ButtonCommands(sqlite_db)
    for limit in (TELEGRAM, LINE):
        (data,) = commands.data([command], limit)
        assert data is not None and 1 <= limit.measure(data) <= limit.most
        if limit.fits(command):
            assert data == limit.prefix + command
        else:
            assert commands.command(data) == command
