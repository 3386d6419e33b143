"""`sdgbot migrate` and the job queue: schema created once, then upgraded by its migrations.

On real PostgreSQL: an empty database gets Procrastinate's ``schema.sql`` with every
migration of the installed version recorded; a later version's migration files (a
folder built here from the installed ones plus new files) are applied once each, in
order, ``pre`` before ``post``; a failing one is rolled back and retried by the next
run; two migrations at once apply the schema once.
"""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import psycopg
import pytest
from conftest import PG_URL, _pg_available, reset_pg

from bot.queue.schema import RECORD, apply_queue_schema, migration_files, queue_schema_present
from bot.queue.tasks import conninfo

pytestmark = pytest.mark.skipif(not _pg_available(), reason="PostgreSQL not reachable")


def _rows(sql: str) -> list[tuple[object, ...]]:
    with psycopg.connect(conninfo(PG_URL), autocommit=True) as conn:
        return list(conn.execute(sql).fetchall())


def _execute(sql: str) -> None:
    with psycopg.connect(conninfo(PG_URL), autocommit=True) as conn:
        conn.execute(sql)


def _recorded() -> list[str]:
    return [str(r[0]) for r in _rows(f"SELECT name FROM {RECORD} ORDER BY name")]


@pytest.fixture
def empty() -> None:
    reset_pg(PG_URL)


@pytest.fixture
def newer(tmp_path: Path) -> Path:
    """The installed migrations plus a later version's pre and post migrations."""
    folder = tmp_path / "migrations"
    folder.mkdir()
    for m in migration_files():
        shutil.copy(m.path, folder / m.name)
    (folder / "99.01.00_01_pre_add_note.sql").write_text(
        "CREATE TABLE queue_test_note (id int);\n"
        "INSERT INTO queue_test_note VALUES (1);\n", encoding="utf-8")
    (folder / "99.01.00_50_post_drop_old.sql").write_text(
        "ALTER TABLE queue_test_note ADD COLUMN done boolean DEFAULT true;\n",
        encoding="utf-8")
    return folder


def test_the_installed_migrations_are_read_in_order() -> None:
    files = migration_files()
    assert files == sorted(files) and len(files) > 20
    assert files[0].version < files[-1].version
    assert all(f.name.endswith(".sql") for f in files)
    assert any(f.post for f in files) and not files[0].post


def test_an_empty_database_gets_the_schema_and_every_migration_recorded(empty: None) -> None:
    assert not queue_schema_present(PG_URL)
    first = apply_queue_schema(PG_URL)
    assert first.created and queue_schema_present(PG_URL)
    assert _recorded() == sorted(m.name for m in migration_files())
    again = apply_queue_schema(PG_URL)
    assert not again.created and again.applied == [] and again.describe() == \
        "job queue: up to date"


def test_a_database_from_before_the_record_is_adopted(empty: None) -> None:
    apply_queue_schema(PG_URL)
    _execute(f"DROP TABLE {RECORD}")
    report = apply_queue_schema(PG_URL)
    assert report.adopted and not report.applied
    assert len(_recorded()) == len(migration_files())


def test_a_newer_version_s_migrations_apply_once_pre_before_post(empty: None,
                                                                newer: Path) -> None:
    apply_queue_schema(PG_URL)
    pre = apply_queue_schema(PG_URL, pre_only=True, migrations=newer)
    assert pre.applied == ["99.01.00_01_pre_add_note.sql"]
    assert pre.waiting == ["99.01.00_50_post_drop_old.sql"]
    assert "post-migration" in pre.describe()
    rest = apply_queue_schema(PG_URL, migrations=newer)
    assert rest.applied == ["99.01.00_50_post_drop_old.sql"]
    # Run again: nothing applied (the CREATE TABLE would fail if it ran twice).
    assert apply_queue_schema(PG_URL, migrations=newer).applied == []
    assert _rows("SELECT id, done FROM queue_test_note") == [(1, True)]


def test_a_failing_migration_is_rolled_back_and_retried(empty: None, newer: Path) -> None:
    apply_queue_schema(PG_URL)
    broken = newer / "99.02.00_01_pre_broken.sql"
    broken.write_text("CREATE TABLE queue_test_half (id int);\nSELECT no_such_function();\n",
                      encoding="utf-8")
    with pytest.raises(psycopg.Error):
        apply_queue_schema(PG_URL, migrations=newer)
    names = _recorded()
    assert "99.01.00_50_post_drop_old.sql" in names  # those before it stay applied
    assert broken.name not in names
    assert _rows("SELECT to_regclass('queue_test_half')") == [(None,)]  # nothing half-done
    broken.write_text("CREATE TABLE queue_test_half (id int);\n", encoding="utf-8")
    assert apply_queue_schema(PG_URL, migrations=newer).applied == [broken.name]


def test_two_migrations_at_once_create_the_schema_once(empty: None) -> None:
    results: list[object] = []

    def run() -> None:
        try:
            results.append(apply_queue_schema(PG_URL).created)
        except Exception as exc:  # pragma: no cover - the failure is the assertion below
            results.append(exc)

    threads = [threading.Thread(target=run) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results, key=str) == [False, False, True]
