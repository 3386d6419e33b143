"""The job queue's schema: Procrastinate's tables, created once and upgraded by its migrations.

Procrastinate ships its schema in two forms (see its "Migrate the Procrastinate
schema" guide): ``schema.sql``, the whole schema of the installed version, for an
empty database (what ``procrastinate schema --apply`` and
``App.schema_manager.apply_schema()`` run), and numbered SQL migration files
(``procrastinate schema --migrations-path``: ``xx.yy.zz_ab_[pre|post_]name.sql``) that
bring a database made by an older version to the new one.  Which migrations a
database has had is left to the user ("it's your responsibility to keep track"), so
:func:`apply_queue_schema` keeps that record in ``sdgbot_queue_migrations``:

* an empty database gets ``schema.sql``, and every migration file of the installed
  version is recorded as applied (the schema already holds them);
* a database made before this record existed (by ``sdgbot migrate`` with the
  Procrastinate version pinned then, 3.10) is recorded the same way: its schema is
  that version's ``schema.sql``;
* afterwards each run applies the files not recorded yet, in version and serial
  order, each in its own transaction with its record, so a failed file is retried by
  the next run and an applied one never runs twice.

``pre`` migrations may run while the previous version's workers are still up;
``post`` ones only once every process runs the new version.  ``sdgbot migrate``
applies both (the usual deployment restarts the workers right after);
``sdgbot migrate --pre-only`` applies only the ``pre`` ones, for a deployment that
keeps old workers running until the new ones are up, and a second ``sdgbot migrate``
afterwards applies the rest.  Two migrations at once are serialised by an advisory
lock.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import procrastinate
import psycopg
from procrastinate.schema import SchemaManager

from bot.queue.tasks import conninfo

__all__ = [
    "QueueMigration",
    "QueueSchemaReport",
    "apply_queue_schema",
    "migration_files",
    "queue_schema_present",
]

#: The table that records which of Procrastinate's migrations this database has had.
RECORD = "sdgbot_queue_migrations"
_LOCK = "SELECT pg_advisory_lock(hashtext('sdgbot-migrate-queue'))"
_NAME = re.compile(r"^(\d+)\.(\d+)\.(\d+)_(\d+)_(?:(pre|post)_)?.+\.sql$")


@dataclass(frozen=True, order=True)
class QueueMigration:
    """One of Procrastinate's migration files, ordered as they must be applied."""

    version: tuple[int, int, int]
    serial: int
    name: str
    path: Path
    post: bool

    @classmethod
    def parse(cls, path: Path) -> QueueMigration | None:
        """The migration of file ``path``, or None when its name is not a migration's."""
        m = _NAME.match(path.name)
        if m is None:
            return None
        version = (int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return cls(version, int(m.group(4)), path.name, path, m.group(5) == "post")


@dataclass
class QueueSchemaReport:
    """What :func:`apply_queue_schema` did."""

    created: bool = False
    adopted: bool = False
    applied: list[str] = field(default_factory=list)
    waiting: list[str] = field(default_factory=list)

    def describe(self) -> str:
        """One line for ``sdgbot migrate``."""
        if self.created:
            return "job queue: created"
        parts = ["job queue: " + (f"{len(self.applied)} migration(s) applied"
                                  if self.applied else "up to date")]
        if self.waiting:
            parts.append(f"{len(self.waiting)} post-migration(s) left for `sdgbot migrate`")
        return "; ".join(parts)


def migration_files(folder: Path | None = None) -> list[QueueMigration]:
    """Procrastinate's migration files (the installed version's by default), in order."""
    root = Path(folder or SchemaManager.get_migrations_path())
    found = (QueueMigration.parse(p) for p in root.glob("*.sql"))
    return sorted(m for m in found if m is not None)


def _present(conn: psycopg.Connection[tuple[object, ...]], table: str) -> bool:
    row = conn.execute("SELECT to_regclass(%s)", (table,)).fetchone()
    return row is not None and row[0] is not None


def _record(conn: psycopg.Connection[tuple[object, ...]], names: Sequence[str],
            how: str) -> None:
    with conn.cursor() as cur:
        cur.executemany(f"INSERT INTO {RECORD} (name, how) VALUES (%s, %s) "
                        "ON CONFLICT (name) DO NOTHING", [(n, how) for n in names])


def apply_queue_schema(db_url: str, *, pre_only: bool = False,
                       migrations: Path | None = None) -> QueueSchemaReport:
    """Create Procrastinate's schema, or apply the migrations it has not had; idempotent.

    ``migrations`` replaces the installed version's migration folder (for tests).
    Raises psycopg's errors when a migration fails (it is rolled back and not
    recorded; the ones before it stay applied).
    """
    files = migration_files(migrations)
    report = QueueSchemaReport()
    with psycopg.connect(conninfo(db_url), autocommit=True) as conn:
        conn.execute(_LOCK)  # released when the connection closes
        conn.execute(f"CREATE TABLE IF NOT EXISTS {RECORD} (name text PRIMARY KEY, "
                     "how text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())")
        if not _present(conn, "procrastinate_jobs"):
            app = procrastinate.App(connector=procrastinate.SyncPsycopgConnector(
                conninfo=conninfo(db_url)))
            with app.open():
                app.schema_manager.apply_schema()
            _record(conn, [m.name for m in files], f"schema {procrastinate.__version__}")
            report.created = True
            return report
        done = {str(r[0]) for r in conn.execute(f"SELECT name FROM {RECORD}")}
        if not done:
            # Made by `sdgbot migrate` before migrations were recorded: the schema.sql
            # of the version pinned then, which every migration file here is part of.
            _record(conn, [m.name for m in files], "adopted")
            report.adopted = True
            return report
        for m in files:
            if m.name in done:
                continue
            if m.post and pre_only:
                report.waiting.append(m.name)
                continue
            sql = m.path.read_text(encoding="utf-8")
            with conn.transaction():
                conn.execute(sql.encode("utf-8"))
                _record(conn, [m.name], "applied")
            report.applied.append(m.name)
    return report


def queue_schema_present(db_url: str) -> bool:
    """Whether Procrastinate's tables exist (``sdgbot migrate`` has run)."""
    with psycopg.connect(conninfo(db_url), autocommit=True) as conn:
        return _present(conn, "procrastinate_jobs")
