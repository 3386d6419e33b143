"""queue2: shared send rates; notifications waiting for the job queue

1. send_rates: one row per send-rate limit (Telegram's 30 messages a second, 20 a
   minute per group), shared by every queue worker (GCRA: the next send's
   theoretical arrival time).
2. A partial index on notifications whose status is 'new': the rows that the queue
   workers and the scheduler hand to the job queue as push jobs.
3. index_replicas.lag: the passages a worker's index lacks, counted by the worker
   (those committed in its gaps too, which its highest id does not show), for /readyz.

Revision ID: 0010_queue2
Revises: 0009_queue
Create Date: 2026-11-30 18:30:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0010_queue2'
down_revision = '0009_queue'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'send_rates',
        sa.Column('name', sa.String(length=120), nullable=False),
        sa.Column('tat', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('name'),
    )
    op.create_index('ix_notifications_new', 'notifications', ['id'],
                    postgresql_where=sa.text("status = 'new'"),
                    sqlite_where=sa.text("status = 'new'"))
    op.add_column('index_replicas', sa.Column('lag', sa.BigInteger(), nullable=False,
                                              server_default='0'))


def downgrade() -> None:
    op.drop_column('index_replicas', 'lag')
    op.drop_index('ix_notifications_new', table_name='notifications')
    op.drop_table('send_rates')
