"""summary indexes: the quarter's project lists grouped by agency and by province

``/summary`` totals the listed projects of one quarter by agency and by province (and
counts them, and streams them into the workbook).  With 40,000 projects in a quarter a
GROUP BY over the single-column ``fiscal_year`` index read every row of the table:
~60 ms each on SQLite.  The covering indexes (fiscal_year, quarter, agency|province,
budget_baht) answer each from the index alone (~5-10 ms); they also serve every query
the single ``fiscal_year`` index served, which is dropped.  The quarter's approved
updates are found by (fiscal_year, quarter, status).

Revision ID: 0007_summary_indexes
Revises: 0006_field_scopes
Create Date: 2026-11-30 19:00:00
"""
from alembic import op


revision = '0007_summary_indexes'
down_revision = '0006_field_scopes'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_listed_projects_quarter_agency', 'listed_projects',
                    ['fiscal_year', 'quarter', 'agency', 'budget_baht'])
    op.create_index('ix_listed_projects_quarter_province', 'listed_projects',
                    ['fiscal_year', 'quarter', 'province', 'budget_baht'])
    op.drop_index('ix_listed_projects_fiscal_year', table_name='listed_projects')
    op.create_index('ix_progress_updates_quarter', 'progress_updates',
                    ['fiscal_year', 'quarter', 'status'])


def downgrade() -> None:
    op.drop_index('ix_progress_updates_quarter', table_name='progress_updates')
    op.create_index('ix_listed_projects_fiscal_year', 'listed_projects', ['fiscal_year'])
    op.drop_index('ix_listed_projects_quarter_province', table_name='listed_projects')
    op.drop_index('ix_listed_projects_quarter_agency', table_name='listed_projects')
