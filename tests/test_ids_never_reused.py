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
    AnswerLog,
    Assignment,
    Base,
    Document,
    Notification,
    Passage,
    ProgressUpdate,
    Project,
    QuarterReport,
    ReminderLog,
    RoleChange,
    UpdateDecision,
    UpdateEvidence,
    User,
)

NOW = dt.datetime(2023, 2, 15, 3, 0, tzinfo=dt.UTC)
OFFICER = "telegram:7401"


def _database_at(path: Path, revision: str, *, foreign_keys: bool = True) -> Database:
    """A SQLite database migrated to ``revision`` (with foreign key enforcement off, as
    :meth:`Database.migrate` runs the migrations, unless ``foreign_keys``)."""
    from alembic import command
    from alembic.config import Config

    db = Database(f"sqlite:///{path}")
    cfg = Config()
    cfg.set_main_option("script_location",
                        str(Path(knowledge.db.__file__).with_name("migrations")))
    with db.write_engine.connect() as conn:
        db._foreign_keys(conn, foreign_keys)
        with conn.begin():
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
        db._foreign_keys(conn, True)
    return db


def _on_tables_of(indexes: set[Any], before: set[Any]) -> set[Any]:
    """The ``(table, name, sql)`` of ``indexes`` on the tables of ``before`` (later
    migrations add tables of their own)."""
    tables = {row[0] for row in before}
    return {row for row in indexes if row[0] in tables}


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
            "SELECT tbl_name, name, sql FROM sqlite_master WHERE type = 'index' "
            "AND sql IS NOT NULL")))
    db.migrate()
    with db.write_engine.connect() as conn:
        for name, rows in before.items():
            assert conn.execute(text(f"SELECT * FROM {name} ORDER BY 1")).all() == rows, name
        assert _on_tables_of(set(conn.execute(text(
            "SELECT tbl_name, name, sql FROM sqlite_master WHERE type = 'index' "
            "AND sql IS NOT NULL"))), indexes) == indexes
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


# -- every table whose ids are shown, named by other rows or kept in logs --------------------------
#: Tables with a surrogate ``id`` nobody is shown and no row or log names: reuse is harmless.
#: A new table with an ``id`` must be added here or get ``sqlite_autoincrement``.
IDS_NOBODY_SEES = {"news_releases", "alignments", "feedback", "processed_events",
                   "index_state", "menu_state", "inbound_events", "outbound_sends"}


def _parents(s: Any, tag: str = "") -> tuple[int, int, int]:
    """A user, a project and a document for the rows below to name."""
    user = User(platform="telegram", external_id=f"7401{tag}", role="officer")
    project = Project(agency="ตท.สป.", name=f"p{tag}")
    doc = Document(kind="text", title="t", text="x", content_hash=f"parent{tag}")
    s.add_all([user, project, doc])
    s.flush()
    return user.id, project.id, doc.id


def _row(model: type, n: int, user_id: int, project_id: int, document_id: int) -> Any:
    """A new row of ``model`` (the ``n``-th: unique where the table wants it)."""
    rows: dict[type, Callable[[], Any]] = {
        QuarterReport: lambda: QuarterReport(project_id=project_id, document_id=document_id,
                                             fiscal_year=2566 + n, quarter=1),
        RoleChange: lambda: RoleChange(actor="cli", target=f"telegram:{n}", new_role="staff"),
        AnswerLog: lambda: AnswerLog(platform="telegram", external_user_id="1", question="q",
                                     answer="a"),
        Assignment: lambda: Assignment(user_id=user_id, project_id=project_id, actor="cli"),
        UpdateDecision: lambda: UpdateDecision(update_id=n, actor="a", action="submitted"),
        Notification: lambda: Notification(platform="telegram", external_user_id="1", text="t"),
        ReminderLog: lambda: ReminderLog(kind="officer", platform="telegram",
                                         external_user_id="1", fiscal_year=2566, quarter=2,
                                         slot=f"s{n}", status="sent"),
    }
    return rows[model]()


KEPT = [QuarterReport, RoleChange, AnswerLog, Assignment, UpdateDecision, Notification,
        ReminderLog]


@pytest.mark.parametrize("model", KEPT, ids=lambda m: m.__tablename__)
def test_the_newest_row_deleted_its_id_is_not_given_again(model: type, db_url: str) -> None:
    db = Database(db_url)
    db.migrate()
    try:
        with db.write() as s:
            parents = _parents(s)
            first = _row(model, 1, *parents)
            s.add(first)
            s.flush()
            newest = first.id
        with db.write() as s:
            s.execute(delete(model).where(model.id == newest))
        with db.write() as s:
            again = _row(model, 2, *parents)
            s.add(again)
            s.flush()
            assert again.id > newest, model.__tablename__
    finally:
        db.dispose()


def test_every_table_with_ids_people_see_never_reuses_them(tmp_path: Path) -> None:
    """The models say so for each table with an ``id``, and the migrated schema does too."""
    surrogate = {t.name for t in Base.metadata.sorted_tables
                 if [c.name for c in t.primary_key.columns] == ["id"]}
    kept = {t for t in surrogate if Base.metadata.tables[t].kwargs.get("sqlite_autoincrement")}
    assert {m.__tablename__ for m in KEPT} <= kept
    assert surrogate - kept == IDS_NOBODY_SEES, "a table with ids: keep them, or list it here"
    db = Database(f"sqlite:///{tmp_path / 'new.db'}")
    db.migrate()
    with db.write_engine.connect() as conn:
        made = {name: sql for name, sql in conn.execute(text(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table'"))}
    db.dispose()
    assert {t for t in surrogate if "AUTOINCREMENT" in made[t]} == kept


def test_migration_0016_keeps_every_row_and_stops_the_reuse(tmp_path: Path) -> None:
    db = _database_at(tmp_path / "old.db", "0015_ids_never_reused", foreign_keys=False)
    at = "'2023-01-01 00:00:00'"
    with db.write_engine.begin() as conn:
        for sql in (
            f"INSERT INTO users (id, platform, external_id, role, created_at) "
            f"VALUES (7, 'telegram', '7401', 'officer', {at})",
            f"INSERT INTO projects (id, agency, name, created_at) VALUES (1, 'a', 'p', {at})",
            f"INSERT INTO documents (id, kind, title, text, content_hash, created_at) "
            f"VALUES (1, 'report', 'r', 'x', 'h1', {at}), (2, 'report', 'r2', 'y', 'h2', {at})",
            "INSERT INTO quarter_reports (id, project_id, document_id, fiscal_year, quarter) "
            "VALUES (3, 1, 1, 2566, 1), (4, 1, 2, 2566, 2)",
            "INSERT INTO alignments (id, report_id, field, kind, value) "
            "VALUES (1, 4, '6.6', 'sdg_goal', 'SDG 1')",
            f"INSERT INTO role_changes (id, actor, target, new_role, at) "
            f"VALUES (5, 'cli', 'telegram:7401', 'officer', {at})",
            f"INSERT INTO answer_log (id, platform, external_user_id, question, answer, found,"
            f" at) VALUES (8, 'telegram', '7401', 'q', 'a', 1, {at})",
            f"INSERT INTO feedback (id, answer_id, platform, external_user_id, question, answer,"
            f" value, at) VALUES (1, 8, 'telegram', '7401', 'q', 'a', 1, {at})",
            f"INSERT INTO assignments (id, user_id, project_id, actor, created_at) "
            f"VALUES (2, 7, 1, 'cli', {at})",
            f"INSERT INTO update_decisions (id, update_id, actor, action, at) "
            f"VALUES (6, 12, 'telegram:7401', 'submitted', {at})",
            f"INSERT INTO notifications (id, platform, external_user_id, text, created_at, "
            f"status, attempts) VALUES (9, 'line', 'U1', 't', {at}, 'new', 0), "
            f"(10, 'line', 'U1', 'u', {at}, 'sent', 1)",
            f"INSERT INTO reminder_log (id, kind, platform, external_user_id, fiscal_year, "
            f"quarter, slot, status, claimed_at) VALUES (11, 'officer', 'line', 'U1', 2566, 2,"
            f" 'day', 'sent', {at})",
        ):
            conn.execute(text(sql))
        names = ("quarter_reports", "alignments", "role_changes", "answer_log", "feedback",
                 "assignments", "update_decisions", "notifications", "reminder_log")
        before = {name: conn.execute(text(f"SELECT * FROM {name} ORDER BY 1")).all()
                  for name in names}
        indexes = set(conn.execute(text(
            "SELECT tbl_name, name, sql FROM sqlite_master WHERE type = 'index' "
            "AND sql IS NOT NULL")))
    db.migrate()
    with db.write_engine.connect() as conn:
        for name, rows in before.items():
            assert conn.execute(text(f"SELECT * FROM {name} ORDER BY 1")).all() == rows, name
        after = set(conn.execute(text(
            "SELECT tbl_name, name, sql FROM sqlite_master WHERE type = 'index' "
            "AND sql IS NOT NULL")))
        assert _on_tables_of(after, indexes) == indexes  # the partial index of notifications too
        assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
    with db.write() as s:  # the newest of each deleted: its id does not come back
        s.execute(delete(QuarterReport).where(QuarterReport.id == 4))
        s.execute(delete(Notification).where(Notification.id == 10))
        s.execute(delete(AnswerLog).where(AnswerLog.id == 8))
    with db.read() as s:  # the cascades work again: the alignment went, the feedback stays
        assert s.scalar(text("SELECT count(*) FROM alignments")) == 0
        assert s.scalar(text("SELECT answer_id FROM feedback")) is None
    with db.write() as s:
        parents = _parents(s, "new")
        rows = [_row(m, 3, *parents) for m in KEPT]
        s.add_all(rows)
        s.flush()
        assert min(r.id for r in rows) > 1000  # past every id ever given
    db.dispose()
