"""listed_project_copies: how many rows of the lists a stored project stands for

The same project listed again (the same agency, name, province and budget, and the same
submission date, document link and code) is stored once; ``copies`` counts the rows so
merged, so that a count of projects can say how many rows it counted once.

Revision ID: 0018_listed_project_copies
Revises: 0017_button_commands
Create Date: 2027-01-20 10:00:00
"""
import sqlalchemy as sa
from alembic import op


revision = '0018_listed_project_copies'
down_revision = '0017_button_commands'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("listed_projects") as batch:
        batch.add_column(sa.Column("copies", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    with op.batch_alter_table("listed_projects") as batch:
        batch.drop_column("copies")
