"""summary: a data version the database bumps when listed projects change

``data_versions`` holds one counter per watched table.  Triggers add one to the
``listed_projects`` counter in the transaction of every insert, update and delete of
its rows, foreign-key cascades included (removing a workbook removes its rows).  The
in-memory caches of the listed projects (agency and province names, search texts)
and the summary's workbook of them were keyed on the rows' count (and highest id):
a rename, or a removal plus an addition, kept the key and served stale names.

SQLite has row triggers only (one UPDATE of one row per changed row: ~40,000 for the
ThaiME workbooks, a small part of their ingest).  PostgreSQL bumps once per statement
that changed a row (the transition table tells), so a statement that touched nothing
(a document without listed rows removed) leaves the version as it was.  The version
starts at a random number (see ``upgrade``).

Revision ID: 0011_summary
Revises: 0010_queue2
Create Date: 2026-11-30 21:30:00
"""
import secrets

from alembic import op
import sqlalchemy as sa


revision = '0011_summary'
down_revision = '0010_queue2'
branch_labels = None
depends_on = None

_BUMP = "UPDATE data_versions SET version = version + 1 WHERE name = 'listed_projects'"


def upgrade() -> None:
    op.create_table(
        'data_versions',
        sa.Column('name', sa.String(length=64), nullable=False),
        sa.Column('version', sa.BigInteger(), server_default='0', nullable=False),
        sa.PrimaryKeyConstraint('name'),
    )
    # A random start: a database dropped and made again at the same URL (a process's
    # caches are per URL) never shows a version the old one had.
    op.execute("INSERT INTO data_versions (name, version) VALUES ('listed_projects', "
               f"{secrets.randbits(40)})")
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"""
            CREATE FUNCTION sdgbot_listed_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF EXISTS (SELECT 1 FROM changed_rows) THEN
                    {_BUMP};
                END IF;
                RETURN NULL;
            END $$""")
        op.execute(f"""
            CREATE FUNCTION sdgbot_listed_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                {_BUMP};
                RETURN NULL;
            END $$""")
        for event, table in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
            op.execute(f"CREATE TRIGGER listed_projects_{event.lower()}_version "
                       f"AFTER {event} ON listed_projects REFERENCING {table} TABLE AS "
                       "changed_rows FOR EACH STATEMENT EXECUTE FUNCTION sdgbot_listed_changed()")
        op.execute("CREATE TRIGGER listed_projects_truncate_version AFTER TRUNCATE ON "
                   "listed_projects FOR EACH STATEMENT EXECUTE FUNCTION sdgbot_listed_truncated()")
    else:
        for event in ("INSERT", "UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER listed_projects_{event.lower()}_version "
                       f"AFTER {event} ON listed_projects BEGIN {_BUMP}; END")


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for event in ("insert", "update", "delete"):
        op.execute(f"DROP TRIGGER listed_projects_{event}_version"
                   + (" ON listed_projects" if postgres else ""))
    if postgres:
        op.execute("DROP TRIGGER listed_projects_truncate_version ON listed_projects")
        op.execute("DROP FUNCTION sdgbot_listed_changed()")
        op.execute("DROP FUNCTION sdgbot_listed_truncated()")
    op.drop_table('data_versions')
