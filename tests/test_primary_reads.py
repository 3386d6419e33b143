"""The per-question read of the ministry's own passages stays an index lookup (issue 16).

After a news archive of 120,000 passages was ingested, ``primary_passage_ids`` (read by
every question) was planned as a scan of every passage: the planner took the own
documents for average ones.  Each question then cost 55-120 ms of the database's CPU,
most of the database's work under load, and more while the ingest was still open.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import text

from knowledge.queries import primary_passage_ids, primary_passage_ids_stmt


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_own_passages_are_read_by_the_index_beside_a_large_news_archive(
    make_app: Callable[..., Any], db_url: str
) -> None:
    app: Any = make_app(database_url=db_url)
    with app.db.write() as s:
        own = set(primary_passage_ids(s))  # the bundled report form and release
        # An archive of 1,000 news articles of 30 passages each (imported news: not own).
        s.execute(text(
            "INSERT INTO documents (kind, title, source, content_hash, text, created_at) "
            "SELECT 'news', 'ข่าว ' || g, 'news.jsonl', 'archive-' || g, '', now() "
            "FROM generate_series(1, 1000) g"))
        s.execute(text(
            "INSERT INTO passages (document_id, ordinal, section, text) "
            "SELECT d.id, g, '', 'ข่าวประชาสัมพันธ์' FROM documents d "
            "CROSS JOIN generate_series(0, 29) g WHERE d.content_hash LIKE 'archive-%'"))
    with app.db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("ANALYZE passages"))
        conn.execute(text("ANALYZE documents"))
        sql = str(primary_passage_ids_stmt("postgresql").compile(
            dialect=app.db.engine.dialect, compile_kwargs={"literal_binds": True}))
        plan = "\n".join(conn.execute(text("EXPLAIN " + sql)).scalars())
    assert own and "Seq Scan on passages" not in plan, plan
    with app.db.read() as s:
        assert set(primary_passage_ids(s)) == own  # the archive is not the ministry's own
    assert app.index.primary_passages() == own


def test_superseded_versions_are_read_by_their_index_and_current_ones_not(
    make_app: Callable[..., Any],
) -> None:
    # Every search reads the superseded versions it hides: without an index that was a
    # scan of every document, texts included (10.6 ms a question on the news corpus).  An
    # index of every row was taken for "superseded_by IS NULL" too, which every current
    # document is (the ministry's own passages' read: 0.1 -> 11 ms): it is partial.
    from knowledge.queries import hidden_documents_stmt

    app: Any = make_app()
    with app.db.engine.connect() as conn:
        plans = {}
        for name, stmt in (("hidden", hidden_documents_stmt()),
                           ("own", primary_passage_ids_stmt("sqlite"))):
            sql = str(stmt.compile(dialect=app.db.engine.dialect,
                                   compile_kwargs={"literal_binds": True}))
            plans[name] = " | ".join(
                str(row[-1]) for row in conn.execute(text("EXPLAIN QUERY PLAN " + sql)))
    assert "ix_documents_superseded_by" in plans["hidden"], plans
    assert "SCAN documents" not in plans["hidden"], plans
    assert "ix_documents_superseded_by" not in plans["own"], plans
