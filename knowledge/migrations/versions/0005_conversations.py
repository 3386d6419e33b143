"""conversations: guided updates kept in the database; evidence files of updates

1. conversations: one row per guided conversation (``/update`` step by step), open while
   ``active_key`` is set (unique: one open conversation per user), closed rows kept to
   answer late button presses.  In the database so that a conversation survives a
   restart and its next message can reach any worker.
2. update_evidence: photos (and PDFs) sent with an update, bytes in the database like
   document originals, so that an update and its files are added and removed together.

Only tables are added.

Revision ID: 0005_conversations
Revises: 0004_files
Create Date: 2026-11-30 15:00:00
"""
from alembic import op
import sqlalchemy as sa



revision = '0005_conversations'
down_revision = '0004_files'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'conversations',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('platform', sa.String(length=16), nullable=False),
        sa.Column('external_user_id', sa.String(length=128), nullable=False),
        sa.Column('active_key', sa.String(length=160), nullable=True),
        sa.Column('chat_id', sa.String(length=128), nullable=True),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('step', sa.String(length=16), nullable=False),
        sa.Column('seq', sa.Integer(), nullable=False),
        sa.Column('data', sa.JSON(), nullable=False),
        sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('outcome', sa.String(length=16), nullable=True),
        sa.Column('update_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['update_id'], ['progress_updates.id'], ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('active_key'),
        sqlite_autoincrement=True,
    )
    op.create_index('ix_conversations_user', 'conversations', ['platform', 'external_user_id'])
    op.create_index('ix_conversations_expires_at', 'conversations', ['expires_at'])
    op.create_table(
        'update_evidence',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('update_id', sa.Integer(), nullable=True),
        sa.Column('conversation_id', sa.Integer(), nullable=True),
        sa.Column('platform', sa.String(length=16), nullable=False),
        sa.Column('source_id', sa.String(length=160), nullable=False),
        sa.Column('mime', sa.String(length=64), nullable=False),
        sa.Column('filename', sa.Text(), nullable=False),
        sa.Column('size', sa.Integer(), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('width', sa.Integer(), nullable=True),
        sa.Column('height', sa.Integer(), nullable=True),
        sa.Column('data', sa.LargeBinary(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['update_id'], ['progress_updates.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['conversation_id'], ['conversations.id'],
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('platform', 'source_id'),
    )
    op.create_index('ix_update_evidence_update_id', 'update_evidence', ['update_id'])
    op.create_index('ix_update_evidence_conversation_id', 'update_evidence',
                    ['conversation_id'])


def downgrade() -> None:
    op.drop_table('update_evidence')
    op.drop_table('conversations')
