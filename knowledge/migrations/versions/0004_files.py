"""files: originals kept, page numbers, superseded reports, listed projects

1. documents.pages (pages of a PDF/Word original) and documents.superseded_by (the id of
   the newer version of the same report; a plain integer, no foreign key, so that SQLite
   need not copy the documents table, whose drop would cascade to every passage).
2. passages.page: the page a passage starts on, shown in citations ("หน้า 3").
3. document_originals: the file each document was read from, for ``sdgbot reparse``.
4. listed_projects: project rows from workbooks and project records.

Only columns and tables are added: no table is copied on SQLite.

Revision ID: 0004_files
Revises: 0002
Create Date: 2026-11-30 11:30:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0004_files'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('documents', sa.Column('pages', sa.Integer(), nullable=True))
    op.add_column('documents', sa.Column('superseded_by', sa.Integer(), nullable=True))
    op.add_column('passages', sa.Column('page', sa.Integer(), nullable=True))
    op.create_table(
        'document_originals',
        sa.Column('document_id', sa.Integer(), nullable=False),
        sa.Column('filename', sa.Text(), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('size', sa.Integer(), nullable=False),
        sa.Column('data', sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('document_id'),
    )
    op.create_index('ix_document_originals_sha256', 'document_originals', ['sha256'])
    op.create_table(
        'listed_projects',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('document_id', sa.Integer(), nullable=False),
        sa.Column('row_key', sa.String(length=64), nullable=False),
        sa.Column('name', sa.Text(), nullable=False),
        sa.Column('agency', sa.Text(), nullable=False),
        sa.Column('ministry', sa.Text(), nullable=True),
        sa.Column('province', sa.Text(), nullable=True),
        sa.Column('budget_baht', sa.Numeric(precision=18, scale=2), nullable=True),
        sa.Column('fiscal_year', sa.Integer(), nullable=True),
        sa.Column('quarter', sa.Integer(), nullable=True),
        sa.Column('submitted_on', sa.Date(), nullable=True),
        sa.Column('plan', sa.String(length=32), nullable=True),
        sa.Column('code', sa.String(length=64), nullable=True),
        sa.Column('url', sa.Text(), nullable=True),
        sa.Column('source_row', sa.String(length=160), nullable=True),
        sa.Column('search_text', sa.Text(), server_default='', nullable=False),
        sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('row_key'),
        sqlite_autoincrement=True,
    )
    op.create_index('ix_listed_projects_document_id', 'listed_projects', ['document_id'])
    op.create_index('ix_listed_projects_agency', 'listed_projects', ['agency'])
    op.create_index('ix_listed_projects_province', 'listed_projects', ['province'])
    op.create_index('ix_listed_projects_fiscal_year', 'listed_projects', ['fiscal_year'])


def downgrade() -> None:
    op.drop_table('listed_projects')
    op.drop_table('document_originals')
    # Plain ALTER TABLE (SQLite 3.35+ and PostgreSQL): batch mode would copy documents,
    # and dropping the old copy would cascade to every passage.
    op.execute("ALTER TABLE passages DROP COLUMN page")
    op.execute("ALTER TABLE documents DROP COLUMN superseded_by")
    op.execute("ALTER TABLE documents DROP COLUMN pages")
