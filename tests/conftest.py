"""Shared fixtures: a fresh database per test, on SQLite and on PostgreSQL.

PostgreSQL tests use ``SDGBOT_TEST_PG`` (default: the local server's ``test``
database); under pytest-xdist (``-n 2``, README's test command) each worker uses its own
database beside it, ``test_gw0``, ``test_gw1`` (created when missing).  Where no server
answers they are skipped — except when ``SDGBOT_REQUIRE_PG=1`` (set by ``.ci/run``), where
a missing server fails the run.
"""

from __future__ import annotations

import io
import os
import socket
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from cli_run import Result, Run
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
os.environ.setdefault("MPLBACKEND", "Agg")

#: The database ``SDGBOT_TEST_PG`` names (default: the local server's ``test``).
BASE_PG_URL = os.environ.get("SDGBOT_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def worker_pg_url(base: str, worker: str | None) -> str:
    """The database one pytest-xdist worker uses: ``BASE_<worker>`` (``test_gw0``), or ``base``.

    Tests drop and recreate the public schema of their database, so two workers (or two
    runs with different ``SDGBOT_TEST_PG``) never share one.
    """
    if not worker:
        return base
    url = make_url(base)
    return url.set(database=f"{url.database}_{worker}").render_as_string(hide_password=False)


PG_URL = worker_pg_url(BASE_PG_URL, os.environ.get("PYTEST_XDIST_WORKER"))


def _pg_available() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=1):
            return True
    except OSError:
        return False


def pytest_sessionstart(session: pytest.Session) -> None:
    """Create this run's database (:func:`worker_pg_url`; ``base`` itself in one process,
    ``-n 0``) when a server answers and it is missing."""
    if not _pg_available():
        return
    name = make_url(PG_URL).database
    # Through the server's maintenance database: the base database need not exist.
    engine = create_engine(make_url(BASE_PG_URL).set(database="postgres"),
                           isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            if conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"),
                            {"n": name}).first() is None:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        engine.dispose()


def reset_pg(url: str = PG_URL) -> None:
    """Drop every table in the public schema so that each test starts empty."""
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database URL for an empty database, once per backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.db'}"
        return
    if not _pg_available():
        if os.environ.get("SDGBOT_REQUIRE_PG") == "1":
            pytest.fail("PostgreSQL is required (SDGBOT_REQUIRE_PG=1) but not reachable")
        pytest.skip("PostgreSQL not reachable on 127.0.0.1:5432")
    reset_pg()
    yield PG_URL


@pytest.fixture
def make_app(tmp_path: Path) -> Iterator[Callable[..., object]]:
    """Open an ``App`` on a fresh data folder (SQLite unless a URL is given)."""
    from bot.app import App, open_app
    from bot.config import Settings

    apps: list[App] = []

    def make(database_url: str | None = None, **kw: object) -> App:
        home = tmp_path / f"home{len(apps)}"
        settings = Settings(home=home, database_url=database_url, **kw)  # type: ignore[arg-type]
        app = open_app(settings)
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.close()


@pytest.fixture(scope="session")
def seed_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """One SQLite app on the bundled knowledge, shared by read-only tests."""
    from bot.app import open_app
    from bot.config import Settings

    app = open_app(Settings(home=tmp_path_factory.mktemp("seedhome")))
    yield app
    app.close()


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Run:
    """Run ``sdgbot ARGS`` in-process on the data folder ``home`` (optionally another DB)."""
    from bot.cli import main

    def call(home: Path, *args: str, stdin: str | None = None,
             database_url: str | None = None) -> Result:
        monkeypatch.setenv("SDGBOT_HOME", str(home))
        if database_url:
            monkeypatch.setenv("DATABASE_URL", database_url)
        else:
            monkeypatch.delenv("DATABASE_URL", raising=False)
        monkeypatch.delenv("SDGBOT_DEBUG", raising=False)
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin or ""))
        capsys.readouterr()
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse: --help and bad usage
            code = exc.code if isinstance(exc.code, int) else 1
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return call
