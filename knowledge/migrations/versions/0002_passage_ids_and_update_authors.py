"""passage ids never reused on SQLite; progress updates keep their author's id

1. passages: AUTOINCREMENT on SQLite.  The search index finds new passages by id.
   Without AUTOINCREMENT SQLite gives a new row the largest id + 1, so after ``/undo``
   deleted the newest passage the next update's passage got the same id and no index
   that had seen the old one ever picked it up.  The next id is put 1,000 past the
   largest one left, in case the newest passages had been deleted before the upgrade.
   PostgreSQL sequences never reuse ids: nothing to do there.
2. progress_updates.external_user_id (with an index on platform, author, time): the
   author's id on the platform.  ``user_id`` alone lost the author when their user
   row was removed, and the console operator (an admin without a row) could neither
   list nor undo their own updates.  Filled from ``users`` where the row still exists.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 12:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def _passages_autoincrement(on: bool) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    # Batch mode copies the table (rows, ids and the document_id index included);
    # copying the rows also records the largest id in sqlite_sequence.
    with op.batch_alter_table(
        "passages", recreate="always", table_kwargs={"sqlite_autoincrement": on}
    ):
        pass


def upgrade() -> None:
    _passages_autoincrement(True)
    if op.get_bind().dialect.name == "sqlite":
        # The copy recorded the largest id still there; one freed before this upgrade
        # (the newest update, undone) may already be in an index.  Leave a margin.
        op.execute("UPDATE sqlite_sequence SET seq = seq + 1000 "
                   "WHERE name = 'passages' AND seq > 0")
    with op.batch_alter_table('progress_updates', schema=None) as batch_op:
        batch_op.add_column(sa.Column('external_user_id', sa.String(length=128), nullable=True))
        batch_op.create_index('ix_progress_updates_author',
                              ['platform', 'external_user_id', 'created_at'], unique=False)
    op.execute(
        "UPDATE progress_updates SET external_user_id = "
        "(SELECT users.external_id FROM users WHERE users.id = progress_updates.user_id) "
        "WHERE user_id IS NOT NULL"
    )


def downgrade() -> None:
    with op.batch_alter_table('progress_updates', schema=None) as batch_op:
        batch_op.drop_index('ix_progress_updates_author')
        batch_op.drop_column('external_user_id')
    _passages_autoincrement(False)
