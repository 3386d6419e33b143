"""superseded: documents indexed by the version that superseded them

Every search reads the documents it must hide, the superseded report versions among
them (``superseded_by IS NOT NULL``).  Without an index that read scanned every
document row, texts included: 10.6 ms a question on the news corpus (13,225
documents, SQLite), half of an answer's time.  The index holds the superseded
versions only (partial): an index of every row was taken by SQLite for the ministry's
own documents' "superseded_by IS NULL" as well, and that read went from 0.1 to 11 ms.

Revision ID: 0013_superseded
Revises: 0012_path17
Create Date: 2026-12-01 04:45:00
"""
import sqlalchemy as sa
from alembic import op


revision = '0013_superseded'
down_revision = '0012_path17'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Partial: "superseded_by IS NULL" (every current document) must not take it.
    where = sa.text('superseded_by IS NOT NULL')
    op.create_index('ix_documents_superseded_by', 'documents', ['superseded_by'],
                    sqlite_where=where, postgresql_where=where)


def downgrade() -> None:
    op.drop_index('ix_documents_superseded_by', table_name='documents')
