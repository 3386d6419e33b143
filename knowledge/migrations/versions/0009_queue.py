"""queue: inbound events, the delivery journal, index replicas, index change notices

1. inbound_events: every chat event a web worker accepted, unique by the platform's
   event id, with its payload and the state of its work (queued, done, failed).
2. outbound_sends: the journal of the platform calls that deliver replies, so that a
   job retried after its worker died does not send the same reply twice.
3. index_replicas: where each serving process's in-memory index stands (/readyz).
4. On PostgreSQL, statement triggers on passages and index_state that
   ``NOTIFY sdgbot_index`` at commit, so that every process learns of new or removed
   passages at once (LISTEN) instead of finding them on its next request.

The job queue's own tables (Procrastinate's) are applied by ``sdgbot migrate``.

Revision ID: 0009_queue
Revises: 0008_role_menus
Create Date: 2026-11-30 15:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0009_queue'
down_revision = '0008_role_menus'
branch_labels = None
depends_on = None

NOTIFY_FUNCTION = """
CREATE OR REPLACE FUNCTION sdgbot_notify_index() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('sdgbot_index', TG_TABLE_NAME);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql
"""


def upgrade() -> None:
    op.create_table(
        'inbound_events',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('key', sa.String(length=200), nullable=False),
        sa.Column('platform', sa.String(length=16), nullable=False),
        sa.Column('payload', sa.Text(), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('error', sa.Text(), nullable=True),
        sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('done_at', sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('key'),
    )
    op.create_index('ix_inbound_events_status', 'inbound_events', ['status'])
    op.create_table(
        'outbound_sends',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('event_key', sa.String(length=200), nullable=False),
        sa.Column('seq', sa.Integer(), nullable=False),
        sa.Column('state', sa.String(length=16), nullable=False),
        sa.Column('response', sa.Text(), nullable=True),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('event_key', 'seq'),
    )
    op.create_table(
        'index_replicas',
        sa.Column('name', sa.String(length=120), nullable=False),
        sa.Column('max_passage_id', sa.BigInteger(), nullable=False),
        sa.Column('passages', sa.BigInteger(), nullable=False),
        sa.Column('catching_up', sa.Boolean(), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('name'),
    )
    if op.get_bind().dialect.name == 'postgresql':
        op.execute(NOTIFY_FUNCTION)
        for table in ('passages', 'index_state'):
            op.execute(f"CREATE TRIGGER sdgbot_notify_{table} AFTER INSERT OR UPDATE OR DELETE "
                       f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION sdgbot_notify_index()")


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        for table in ('passages', 'index_state'):
            op.execute(f"DROP TRIGGER IF EXISTS sdgbot_notify_{table} ON {table}")
        op.execute("DROP FUNCTION IF EXISTS sdgbot_notify_index()")
    op.drop_table('index_replicas')
    op.drop_table('outbound_sends')
    op.drop_index('ix_inbound_events_status', table_name='inbound_events')
    op.drop_table('inbound_events')
