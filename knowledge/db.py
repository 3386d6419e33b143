"""Engines, sessions and migrations.

SQLite (a file in ``SDGBOT_HOME``) is the embedded default; PostgreSQL is used when
a ``DATABASE_URL`` is given.  Two rules keep concurrent writers safe on SQLite:
WAL mode (readers never block the writer) and ``BEGIN IMMEDIATE`` for write
transactions (a deferred transaction that later upgrades to a writer cannot wait
for the lock and fails with "database is locked"; an immediate one waits up to the
busy timeout instead).  Data functions take a ``Session`` and never commit: the
caller frames one short transaction with :meth:`Database.write`.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

__all__ = ["HEAD_REVISION", "Database", "sqlite_url"]

#: The newest Alembic revision; start-up skips Alembic when the database is already there.
HEAD_REVISION = "0018_listed_project_copies"

_MIGRATIONS = Path(__file__).with_name("migrations")
_migrate_lock = threading.Lock()


def sqlite_url(home: Path) -> str:
    """The SQLite URL of the database file inside the data folder."""
    return f"sqlite:///{home / 'sdgbot.db'}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=60000")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()
    # Let SQLAlchemy's "begin" event issue BEGIN itself (pysqlite's own handling is lazy).
    dbapi_connection.isolation_level = None


def _make_engine(url: URL, *, immediate: bool) -> Engine:
    if url.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"timeout": 60, "check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        begin_sql = "BEGIN IMMEDIATE" if immediate else "BEGIN"

        @event.listens_for(engine, "begin")
        def _begin(conn: Any) -> None:
            conn.exec_driver_sql(begin_sql)

        return engine
    return create_engine(url, pool_pre_ping=True)


class Database:
    """One database: a read engine and a write engine (the same engine on PostgreSQL)."""

    def __init__(self, url: str) -> None:
        """Open engines for ``url`` (nothing is created until :meth:`migrate`)."""
        self.url = make_url(url)
        self.is_sqlite = self.url.get_backend_name() == "sqlite"
        if self.url.get_backend_name() == "postgresql":
            from knowledge.models import declare_postgresql_options

            declare_postgresql_options()
        if self.is_sqlite and self.url.database not in (None, "", ":memory:"):
            Path(self.url.database).parent.mkdir(parents=True, exist_ok=True)
        self.engine = _make_engine(self.url, immediate=False)
        self.write_engine = (
            _make_engine(self.url, immediate=True) if self.is_sqlite else self.engine
        )
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        self._write = sessionmaker(self.write_engine, expire_on_commit=False)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; it is rolled back (never commits) at the end."""
        with self._read() as session:
            try:
                yield session
            finally:
                session.rollback()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction: commit when the block ends, roll back on any exception."""
        with self._write() as session, session.begin():
            yield session

    def migrate(self) -> None:
        """Bring the schema to the newest revision (Alembic), cheaply when already there."""
        with _migrate_lock:
            if self._at_head():
                return
            from alembic import command
            from alembic.config import Config

            cfg = Config()
            cfg.set_main_option("script_location", str(_MIGRATIONS))
            with self.write_engine.connect() as conn:
                # A migration that rebuilds a table (SQLite's copy, drop, rename) must not
                # cascade the drop into the children: enforcement off, which SQLite allows
                # only outside a transaction, and every reference checked before commit.
                self._foreign_keys(conn, False)
                try:
                    with conn.begin():
                        cfg.attributes["connection"] = conn
                        command.upgrade(cfg, "head")
                        self._check_references(conn)
                finally:
                    self._foreign_keys(conn, True)

    def _foreign_keys(self, conn: Connection, on: bool) -> None:
        """Turn SQLite's foreign key enforcement on or off for ``conn`` (no transaction open)."""
        if self.is_sqlite:
            cur = conn.connection.cursor()  # the DBAPI's own: no BEGIN is issued
            cur.execute(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")
            cur.close()

    def _check_references(self, conn: Connection) -> None:
        """Raise (rolling the migration back) if a row references one that is not there."""
        if self.is_sqlite:
            broken = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
            if broken:
                raise RuntimeError(f"migration left broken references: {broken[:5]}")

    def schema_current(self) -> bool:
        """Whether the database is at this version's schema (no migration needed)."""
        return self._at_head()

    def _at_head(self) -> bool:
        with self.engine.connect() as conn:
            if not inspect(conn).has_table("alembic_version"):
                return False
            row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
            return row is not None and row[0] == HEAD_REVISION

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()
        if self.write_engine is not self.engine:
            self.write_engine.dispose()
