"""field scopes: who reports for what, approvals and their audit trail, reminders, pushes

1. users.agency, users.province (and role_changes.detail, which records them): the scope of an officer (the projects they report for)
   or of a manager (what they see, approve and summarise); users.reminders_off.
2. assignments: officers made responsible for single projects.
3. progress_updates.status (approved | pending | rejected; existing rows approved), with
   who decided, when and why; update_decisions: the audit trail of every decision.
4. notifications: the outbox of pushes to users who did not write just now.
5. reminder_log: one row per reminder sent (its unique key is the row lock that makes a
   reminder run exactly-once across processes); push_counts: pushes per platform and month.

Only columns with defaults and new tables are added.

Revision ID: 0006_field_scopes
Revises: 0005_conversations
Create Date: 2026-11-30 18:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0006_field_scopes'
down_revision = '0005_conversations'
branch_labels = None
depends_on = None

_TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.add_column('users', sa.Column('agency', sa.Text(), nullable=True))
    op.add_column('users', sa.Column('province', sa.Text(), nullable=True))
    op.add_column('users', sa.Column('reminders_off', sa.Boolean(), nullable=False,
                                     server_default=sa.false()))
    op.add_column('role_changes', sa.Column('detail', sa.Text(), nullable=True))
    op.add_column('progress_updates', sa.Column('status', sa.String(length=16), nullable=False,
                                                server_default='approved'))
    op.add_column('progress_updates', sa.Column('decided_by', sa.String(length=160),
                                                nullable=True))
    op.add_column('progress_updates', sa.Column('decided_at', _TS, nullable=True))
    op.add_column('progress_updates', sa.Column('decision_reason', sa.Text(), nullable=True))
    op.create_index('ix_progress_updates_status', 'progress_updates', ['status'])
    op.create_table(
        'assignments',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('project_id', sa.Integer(), nullable=False),
        sa.Column('actor', sa.String(length=160), nullable=False),
        sa.Column('created_at', _TS, nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['project_id'], ['projects.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('user_id', 'project_id'),
    )
    op.create_index('ix_assignments_user_id', 'assignments', ['user_id'])
    op.create_index('ix_assignments_project_id', 'assignments', ['project_id'])
    op.create_table(
        'update_decisions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('update_id', sa.Integer(), nullable=False),
        sa.Column('actor', sa.String(length=160), nullable=False),
        sa.Column('action', sa.String(length=16), nullable=False),
        sa.Column('reason', sa.Text(), nullable=True),
        sa.Column('at', _TS, nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_update_decisions_update_id', 'update_decisions', ['update_id'])
    op.create_table(
        'notifications',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('platform', sa.String(length=16), nullable=False),
        sa.Column('external_user_id', sa.String(length=128), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('buttons', sa.JSON(), nullable=True),
        sa.Column('created_at', _TS, nullable=False),
        sa.Column('claimed_at', _TS, nullable=True),
        sa.Column('sent_at', _TS, nullable=True),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_notifications_unsent', 'notifications', ['platform', 'sent_at'])
    op.create_table(
        'reminder_log',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('platform', sa.String(length=16), nullable=False),
        sa.Column('external_user_id', sa.String(length=128), nullable=False),
        sa.Column('fiscal_year', sa.Integer(), nullable=False),
        sa.Column('quarter', sa.Integer(), nullable=False),
        sa.Column('slot', sa.String(length=32), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('projects', sa.JSON(), nullable=True),
        sa.Column('claimed_at', _TS, nullable=False),
        sa.Column('sent_at', _TS, nullable=True),
        sa.Column('detail', sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('kind', 'platform', 'external_user_id', 'fiscal_year', 'quarter',
                            'slot'),
    )
    op.create_table(
        'push_counts',
        sa.Column('platform', sa.String(length=16), nullable=False),
        sa.Column('month', sa.String(length=7), nullable=False),
        sa.Column('count', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('platform', 'month'),
    )


def downgrade() -> None:
    op.drop_table('push_counts')
    op.drop_table('reminder_log')
    op.drop_table('notifications')
    op.drop_table('update_decisions')
    op.drop_table('assignments')
    # Plain ALTER TABLE (SQLite 3.35+ and PostgreSQL): batch mode would copy the tables,
    # and dropping the old progress_updates would cascade to the evidence of updates.
    op.drop_index('ix_progress_updates_status', table_name='progress_updates')
    for column in ('decision_reason', 'decided_at', 'decided_by', 'status'):
        op.execute(f"ALTER TABLE progress_updates DROP COLUMN {column}")
    op.execute("ALTER TABLE role_changes DROP COLUMN detail")
    for column in ('reminders_off', 'province', 'agency'):
        op.execute(f"ALTER TABLE users DROP COLUMN {column}")
