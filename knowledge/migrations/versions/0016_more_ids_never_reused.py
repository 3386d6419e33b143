"""ids never reused on SQLite: the rest of the ids people are shown or rows and logs keep

0015 gave AUTOINCREMENT to users, projects, documents, updates and evidence.  The ids
of these tables are shown or kept too, and SQLite gave a deleted newest row's id to
the next row: a report form's fields (``quarter_reports``, which alignments name), a
role change of the audit trail, an answer (its 👍/👎 buttons carry the id: a late press
judged another answer), an assignment, an update's decision trail, a notification and
a reminder (``notification-ID`` and ``reminder-ID`` are the push's retry key: LINE
drops a second push under a key it accepted, so a reused id lost the new message).
Rebuilt as 0015 does (SQLite's recipe, every row, id and index kept, the next id put
1,000 past the largest one left); run with foreign key enforcement off
(:meth:`knowledge.db.Database.migrate`), refused with it on.

PostgreSQL sequences never reuse ids: nothing to do there.

Revision ID: 0016_more_ids_never_reused
Revises: 0015_ids_never_reused
Create Date: 2027-01-12 10:00:00
"""
from alembic import op


revision = '0016_more_ids_never_reused'
down_revision = '0015_ids_never_reused'
branch_labels = None
depends_on = None

#: The tables whose ids people see, other rows name or logs keep (parents before children).
TABLES = ("quarter_reports", "role_changes", "answer_log", "assignments", "update_decisions",
          "notifications", "reminder_log")
#: How far past the largest id left the next one starts.
MARGIN = 1000


def _rebuild(on: bool) -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    if bind.exec_driver_sql("PRAGMA foreign_keys").scalar():
        raise RuntimeError("0016 rebuilds tables: run it through Database.migrate(), which "
                           "turns foreign key enforcement off (or the children's rows go)")
    for table in TABLES:
        # A partial index is not reflected as partial: dropped and made again below.
        partial = bind.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
            "AND sql LIKE '%WHERE%'", (table,)).scalars().all()
        for sql in partial:
            op.execute(f"DROP INDEX {sql.split()[2]}")
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
