"""Ids are never reused: an undone update's id (in chat, in the audit trail) names nothing new.

PostgreSQL's sequences never reuse; SQLite did (the largest id + 1) until migration
0015 rebuilt the tables with AUTOINCREMENT.  The migration keeps every row: updates
with their evidence, decisions, conversations, documents with their passages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from field_harness import Chat, Clock
from sqlalchemy import delete, select, text

import knowledge.db
from bot.approvals import ApprovalPolicy
from bot.core import Core
from knowledge.db import Database
from knowledge.models import (
    Document,
    Passage,
    ProgressUpdate,
    Project,
    UpdateDecision,
    UpdateEvidence,
    User,
)

NOW = dt.datetime(2023, 2, 15, 3, 0, tzinfo=dt.UTC)
OFFICER = "telegram:7401"


def _database_at(path: Path, revision: str) -> Database:
    from alembic import command
    from alembic.config import Config

    db = Database(f"sqlite:///{path}")
    cfg = Config()
    cfg.set_main_option("script_location",
                        str(Path(knowledge.db.__file__).with_name("migrations")))
    with db.write_engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    return db


def test_an_undone_update_id_is_not_given_again(make_app: Callable[..., Any],
                                                 db_url: str) -> None:
    app = make_app(database_url=db_url)
    core = Core(app.db, app.index, clock=Clock(NOW), approval=ApprovalPolicy.parse("all"))
    chat = Chat(app, core.clock, core)  # type: ignore[arg-type]
    chat.register(OFFICER, "officer")
    chat.say(OFFICER, "/update 1 อบรมเกษตรกร 20 คน เบิกจ่าย 12,000 บาท")
    first = chat.updates()[-1].id
    assert "↩️" in chat.say(OFFICER, "/undo")
    chat.say(OFFICER, "/update 1 อบรมเกษตรกรรุ่นสอง 30 คน เบิกจ่าย 15,000 บาท")
    second = chat.updates()[-1].id
    assert second > first
    with app.db.read() as s:  # the trail of the undone update stays its own
        assert s.scalar(select(UpdateDecision.update_id).where(
            UpdateDecision.update_id == second)) == second
        assert len(s.scalars(select(UpdateDecision).where(
            UpdateDecision.update_id == second)).all()) == 1


def test_a_removed_document_id_is_not_given_again(make_app: Callable[..., Any],
                                                  db_url: str) -> None:
    app = make_app(database_url=db_url)
    with app.db.write() as s:
        doc = Document(kind="text", title="t", text="x", content_hash="h1")
        s.add(doc)
        s.flush()
        removed = doc.id
    with app.db.write() as s:
        s.execute(delete(Document).where(Document.id == removed))
    with app.db.write() as s:
        again = Document(kind="text", title="t2", text="y", content_hash="h2")
        s.add(again)
        s.flush()
        assert again.id > removed


def test_migration_keeps_every_row_and_stops_the_reuse(tmp_path: Path) -> None:
    db = _database_at(tmp_path / "old.db", "0014_user_languages")
    at = "'2023-01-01 00:00:00'"
    with db.write_engine.begin() as conn:
        for sql in (
            f"INSERT INTO users (id, platform, external_id, role, created_at) "
            f"VALUES (7, 'telegram', '7401', 'officer', {at})",
            f"INSERT INTO projects (id, agency, name, created_at) VALUES (1, 'a', 'p', {at})",
            f"INSERT INTO documents (id, kind, title, text, content_hash, created_at, "
            f"superseded_by) VALUES (1, 'update', 'u1', 'x', 'h1', {at}, NULL)",
            f"INSERT INTO documents (id, kind, title, text, content_hash, created_at, "
            f"superseded_by) VALUES (2, 'update', 'u2', 'y', 'h2', {at}, 1)",
            "INSERT INTO passages (id, document_id, ordinal, section, text) "
            "VALUES (1, 1, 0, 'update', 'p1'), (2, 2, 0, 'update', 'p2')",
            "INSERT INTO progress_updates (id, project_id, user_id, platform, external_user_id,"
            " platform_message_id, text, fiscal_year, quarter, created_at, document_id, status)"
            f" VALUES (1, 1, 7, 'telegram', '7401', 'm1', 't1', 2566, 2, {at}, 1, 'pending'),"
            f" (2, 1, 7, 'telegram', '7401', 'm2', 't2', 2566, 2, {at}, 2, 'approved')",
            "INSERT INTO update_evidence (id, update_id, platform, source_id, mime, filename, "
            f"size, sha256, data, created_at) VALUES (1, 2, 'telegram', 's1', 'image/jpeg', "
            f"'a.jpg', 3, 'abc', X'FFD8FF', {at})",
            "INSERT INTO update_decisions (id, update_id, actor, action, at) VALUES "
            f"(1, 1, 'telegram:7401', 'submitted', {at}), (2, 2, 'telegram:7401', 'edited', {at})",
            "INSERT INTO conversations (id, platform, external_user_id, kind, step, seq, data, "
            f"started_at, updated_at, expires_at, closed_at, outcome, update_id) VALUES "
            f"(1, 'telegram', '7401', 'attach', 'files', 1, '{{}}', {at}, {at}, {at}, {at}, "
            "'saved', 2)",
        ):
            conn.execute(text(sql))
        before = {name: conn.execute(text(f"SELECT * FROM {name} ORDER BY 1")).all()
                  for name in ("users", "projects", "documents", "passages", "progress_updates",
                               "update_evidence", "update_decisions", "conversations")}
        indexes = set(conn.execute(text(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")))
    db.migrate()
    with db.write_engine.connect() as conn:
        for name, rows in before.items():
            assert conn.execute(text(f"SELECT * FROM {name} ORDER BY 1")).all() == rows, name
        assert set(conn.execute(text(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        ))) == indexes
        assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1  # on again
    with db.write() as s:  # the newest update undone: its id does not come back
        s.execute(delete(ProgressUpdate).where(ProgressUpdate.id == 2))
        assert s.scalar(select(UpdateEvidence.id)) is None  # cascades work again
    with db.write() as s:
        row = ProgressUpdate(project_id=1, platform="telegram", platform_message_id="m3",
                             text="t3", fiscal_year=2566, quarter=2)
        doc = Document(kind="text", title="t", text="z", content_hash="h3")
        project = Project(agency="b", name="q")
        user = User(platform="telegram", external_id="9", role="staff")
        s.add_all([row, doc, project, user])
        s.flush()
        assert min(row.id, doc.id, project.id, user.id) > 1000  # past every id ever given
    with db.read() as s:
        assert s.scalar(select(Passage.text).where(Passage.id == 2)) == "p2"
    db.dispose()


def test_the_rebuild_refuses_to_run_with_foreign_keys_on(tmp_path: Path) -> None:
    db = _database_at(tmp_path / "old.db", "0014_user_languages")
    with pytest.raises(RuntimeError, match="foreign key"):
        _database_at(tmp_path / "old.db", "0015_ids_never_reused")
    db.dispose()
