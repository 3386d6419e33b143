"""Alembic environment: runs on the connection that :meth:`Database.migrate` hands over."""

from alembic import context

from knowledge.models import Base, declare_postgresql_options

declare_postgresql_options()  # the partial indexes' predicates on PostgreSQL too

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only used by `alembic revision` during development
    from sqlalchemy import create_engine

    connection = create_engine(context.config.get_main_option("sqlalchemy.url") or "").connect()

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
