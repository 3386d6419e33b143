"""role menus: which menu each chat user was last shown

``menu_state`` remembers, per Telegram or LINE user, the role whose menu (Telegram's
per-chat command list, a LINE rich menu) was last set for them, so that a role change
made anywhere (``sdgbot users add``, ``/grant``) is found by comparing it with ``users``
and the menu is set again; ``failed_at`` spaces out retries for users the platform
refuses (no chat with the bot yet).

Revision ID: 0008_role_menus
Revises: 0007_summary_indexes
Create Date: 2026-11-30 20:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0008_role_menus'
down_revision = '0007_summary_indexes'
branch_labels = None
depends_on = None

_TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        'menu_state',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('platform', sa.String(length=16), nullable=False),
        sa.Column('external_id', sa.String(length=128), nullable=False),
        sa.Column('role', sa.String(length=16), nullable=True),
        sa.Column('menu_ref', sa.String(length=160), nullable=True),
        sa.Column('updated_at', _TS, nullable=False),
        sa.Column('failed_at', _TS, nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('platform', 'external_id'),
    )


def downgrade() -> None:
    op.drop_table('menu_state')
