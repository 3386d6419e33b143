"""path17: passages indexed by (document, ordinal), for reading a passage's neighbours

Answers and the search command's re-ranking read each passage found with the passages
just before and after it in its document: ~80 (document, ordinal) pairs a question.
With an index on ``document_id`` alone, every passage of the documents found was read
to pick out those ordinals (456 rows for 76 wanted on the news corpus: 2 ms a question
on SQLite).  The index (document_id, ordinal) finds each pair directly (~0.15 ms), and
serves every query the single-column index served, which is dropped.

Revision ID: 0012_path17
Revises: 0011_summary
Create Date: 2026-12-01 00:30:00
"""
from alembic import op


revision = '0012_path17'
down_revision = '0011_summary'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_passages_document_ordinal', 'passages', ['document_id', 'ordinal'])
    op.drop_index('ix_passages_document_id', table_name='passages')


def downgrade() -> None:
    op.create_index('ix_passages_document_id', 'passages', ['document_id'])
    op.drop_index('ix_passages_document_ordinal', table_name='passages')
