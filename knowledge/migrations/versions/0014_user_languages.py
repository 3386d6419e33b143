"""user languages: the language each chat user last wrote in

A message whose words tell no language (``1`` pressing a numbered button, ``/summary
Q5 2023``, an id) is answered in the language of the user's newest message that told
one; ``user_languages`` keeps it, one row per chat user.

Revision ID: 0014_user_languages
Revises: 0013_superseded
Create Date: 2026-12-02 12:10:00
"""
import sqlalchemy as sa
from alembic import op


revision = '0014_user_languages'
down_revision = '0013_superseded'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'user_languages',
        sa.Column('platform', sa.String(length=16), nullable=False),
        sa.Column('external_id', sa.String(length=128), nullable=False),
        sa.Column('english', sa.Boolean(), nullable=False),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('platform', 'external_id'),
    )


def downgrade() -> None:
    op.drop_table('user_languages')
