"""button_commands: commands too long for a button's data, kept under a short key

Telegram's ``callback_data`` holds 64 bytes and LINE's postback ``data`` 300
characters; a longer command (a /summary filter's agency, ...) made the whole reply
fail or its button left out.  Such a command is kept here, its button carries the key
(:mod:`bot.buttons`).

Revision ID: 0017_button_commands
Revises: 0016_more_ids_never_reused
Create Date: 2027-01-12 10:30:00
"""
import sqlalchemy as sa
from alembic import op


revision = '0017_button_commands'
down_revision = '0016_more_ids_never_reused'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "button_commands",
        sa.Column("key", sa.String(32), primary_key=True),
        sa.Column("command", sa.Text(), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_button_commands_used_at", "button_commands", ["used_at"])


def downgrade() -> None:
    op.drop_index("ix_button_commands_used_at", table_name="button_commands")
    op.drop_table("button_commands")
