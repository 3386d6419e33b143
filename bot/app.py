"""The composition root's wiring: one database, one search index, ready to answer.

:func:`open_app` migrates the schema, loads the bundled sample knowledge into an
empty knowledge base and brings the search index up to date, so that every
command (and every chat adapter) starts from the same ready state.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select

from bot.config import Settings
from indexer.service import SearchIndex
from knowledge.db import Database
from knowledge.models import Document

__all__ = ["App", "SchemaNotCurrent", "open_app"]


class SchemaNotCurrent(RuntimeError):
    """The database needs ``sdgbot migrate`` before this process can serve it."""


@dataclass
class App:
    """The live pieces every command and adapter works with."""

    settings: Settings
    db: Database
    index: SearchIndex

    def close(self) -> None:
        """Stop a background index catch-up, persist the index, close connections."""
        try:
            self.index.close()
        finally:
            self.db.dispose()


def open_app(
    settings: Settings,
    *,
    sync_index: bool = True,
    progress: Callable[[int, int], Callable[[int], object] | None] | None = None,
    migrate: bool = True,
) -> App:
    """Open the database (migrating it), seed it if empty, and sync the index.

    ``progress(total, n_pending)`` may return a callback that is called with the
    number of passages tokenised, for a progress bar on long first builds.  With
    ``migrate=False`` (the served processes: ``sdgbot migrate`` runs once before them)
    nothing is migrated or seeded, and a database that is not at this version's schema
    raises :class:`SchemaNotCurrent`.
    """
    settings.home.mkdir(parents=True, exist_ok=True)
    db = Database(settings.db_url)
    if migrate:
        db.migrate()
        # Core on the table (an ORM statement would configure every mapper first).
        with db.engine.connect() as conn:
            empty = conn.scalar(select(Document.__table__.c.id).limit(1)) is None
        if empty:
            # The readers and parsers behind the sample are imported only to seed it.
            from knowledge.ingest import document_count, load_sample

            with db.write() as s:
                if document_count(s) == 0:  # another process may have seeded meanwhile
                    load_sample(s)
    elif not db.schema_current():
        db.dispose()
        raise SchemaNotCurrent("the database is not at this version's schema: run "
                               "`sdgbot migrate` first")
    index = SearchIndex(db, settings.home / "index", processes=min(2, os.cpu_count() or 1))
    if sync_index:
        pending = index.count_pending()
        cb = progress(pending, pending) if progress and pending > 2000 else None
        index.sync(progress=cb)
        if pending:
            index.save_if_dirty()
    return App(settings=settings, db=db, index=index)
