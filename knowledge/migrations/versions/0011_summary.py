"""summary: a data version the database bumps when listed projects change

``data_versions`` holds one counter per watched table.  Triggers add one to the
``listed_projects`` counter in the transaction that changes its rows, foreign-key
cascades included (removing a workbook removes its rows).  The
in-memory caches of the listed projects (agency and province names, search texts)
and the summary's workbook of them were keyed on the rows' count (and highest id):
a rename, or a removal plus an addition, kept the key and served stale names.

The caches key on the version *with* the rows' count and highest id.  Rows added
always raise the highest id (ids are never reused) and rows removed always lower the
count, so on SQLite, whose writers take turns (``BEGIN IMMEDIATE``: ids are committed
in order), only a row changed in place needs the version: one row trigger on UPDATE.
A row trigger on every insert would cost ~1 s of CPU per 40,000 rows ingested (25 us
a row, measured) for nothing.  On PostgreSQL, writers overlap: a row added by one
transaction and a row removed by another can leave count and highest id as they
were, so every insert, update and delete bumps it, once per statement that changed a
row (the transition table tells; a statement that touched nothing, such as removing
a document without listed rows, leaves it).  The version starts at a random number
(see ``upgrade``).

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
        op.execute("CREATE TRIGGER listed_projects_update_version AFTER UPDATE ON "
                   f"listed_projects BEGIN {_BUMP}; END")


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for event in ("insert", "update", "delete") if postgres else ("update",):
        op.execute(f"DROP TRIGGER listed_projects_{event}_version"
                   + (" ON listed_projects" if postgres else ""))
    if postgres:
        op.execute("DROP TRIGGER listed_projects_truncate_version ON listed_projects")
        op.execute("DROP FUNCTION sdgbot_listed_changed()")
        op.execute("DROP FUNCTION sdgbot_listed_truncated()")
    op.drop_table('data_versions')
