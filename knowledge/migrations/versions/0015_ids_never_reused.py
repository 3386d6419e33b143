"""ids never reused on SQLite: updates, documents, projects, evidence and users

Without AUTOINCREMENT SQLite gives a new row the largest id + 1, so the id of a row
deleted at the top comes back: after ``/undo`` the next update got the undone one's
id (an id quoted in chat, a notification or the audit trail, which outlives the
update, then named another update); after ``sdgbot remove`` the next document got the
removed one's, and so on for projects, evidence files and users.  This rebuilds those
tables with AUTOINCREMENT (SQLite's recipe: a new table, the rows copied, the old one
dropped, the new one renamed; every row, id and index kept, and copying the rows
records the largest id in ``sqlite_sequence``).  The next id is put 1,000 past the
largest one left, in case the newest rows had been deleted before the upgrade.

Dropping a table while foreign keys are enforced would first delete its rows and
cascade into their children (an update's evidence, a document's passages) or set
their references NULL: :meth:`knowledge.db.Database.migrate` turns enforcement off
(outside the transaction, where SQLite allows it) and checks every reference before
it commits.  This migration refuses to run with enforcement on.

PostgreSQL sequences never reuse ids: nothing to do there.

Revision ID: 0015_ids_never_reused
Revises: 0014_user_languages
Create Date: 2026-12-02 15:30:00
"""
from alembic import op


revision = '0015_ids_never_reused'
down_revision = '0014_user_languages'
branch_labels = None
depends_on = None

#: The tables whose ids people see or the audit trail keeps (parents before children).
TABLES = ("users", "projects", "documents", "progress_updates", "update_evidence")
#: How far past the largest id left the next one starts.
MARGIN = 1000


def _rebuild(on: bool) -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    if bind.exec_driver_sql("PRAGMA foreign_keys").scalar():
        raise RuntimeError("0015 rebuilds tables: run it through Database.migrate(), which "
                           "turns foreign key enforcement off (or the children's rows go)")
    for table in TABLES:
        # The partial index is not reflected as partial: dropped and made again below.
        partial = bind.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
            "AND sql LIKE '%WHERE%'", (table,)).scalars().all()
        for sql in partial:
            name = sql.split()[2]
            op.execute(f"DROP INDEX {name}")
        with op.batch_alter_table(table, recreate="always",
                                  table_kwargs={"sqlite_autoincrement": on}):
            pass
        for sql in partial:
            op.execute(sql)
        if on:
            op.execute(f"UPDATE sqlite_sequence SET seq = seq + {MARGIN} "
                       f"WHERE name = '{table}' AND seq > 0")


def upgrade() -> None:
    _rebuild(True)


def downgrade() -> None:
    _rebuild(False)
