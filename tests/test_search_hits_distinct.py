"""Two updates with the same text are two hits a reader can tell apart (tester's fault 23.3)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.search_view import distinct_hits
from tests.conftest import Run

TEXT = "เบิกจ่าย 2 แสนบาท"


@pytest.fixture
def home(tmp_path: Path, run: Run) -> Path:
    home = tmp_path / "home"
    for user in ("off1", "off2"):
        assert run(home, "users", "add", f"console:{user}", "--role", "officer").code == 0
        saved = run(home, "chat", "--user", user, stdin=f"/update 1 {TEXT}\n")
        assert "บันทึกความคืบหน้าแล้ว" in saved.out, saved.out
    return home


def _headings(out: str) -> list[str]:
    return [ln for ln in out.splitlines() if ln[:1].isdigit() and ". " in ln]


def test_two_officers_same_update_text_are_two_distinct_hits(run: Run, home: Path) -> None:
    cli = run(home, "search", TEXT)
    chat = run(home, "chat", "--user", "off1", stdin=f"/search {TEXT}\n")
    for out in (cli.out, chat.out):
        heads = _headings(out)
        updates = [h for h in heads if "ความคืบหน้า" in h]
        assert len(updates) == 2, out
        assert any("#1)" in h for h in updates) and any("#2)" in h for h in updates), out
        # No two hits read alike, and no officer's name or id is shown to a searcher.
        assert len(set(heads)) == len(heads)
        assert "off2" not in out
    obj = json.loads(run(home, "search", TEXT, "--json").out)
    assert sorted(h["update_id"] for h in obj["hits"] if h["update_id"]) == [1, 2]
    assert all(h["update_id"] is None for h in obj["hits"] if not h["title"].startswith("ความ"))


def test_hits_shown_alike_get_their_document_ids() -> None:
    shown = [("ข่าว", "ข้อความเดียวกัน"), ("ข่าว", "ข้อความเดียวกัน"), ("ข่าวอื่น", "x")]
    assert distinct_hits(shown, [4, 9, 5], english=False) == [
        ("ข่าว (เอกสาร #4)", "ข้อความเดียวกัน"), ("ข่าว (เอกสาร #9)", "ข้อความเดียวกัน"),
        ("ข่าวอื่น", "x")]
    assert distinct_hits(shown[:1], [4], english=True) == shown[:1]


class _NoReads:
    """A database that fails any read: a search without update hits must not read one."""

    def read(self) -> object:
        raise AssertionError("update ids read for hits that are no updates")


def test_update_ids_read_only_for_update_hits() -> None:
    from bot.search_view import update_ids
    from indexer.service import SearchHit

    def hit(doc_id: int, kind: str) -> SearchHit:
        return SearchHit(passage_id=doc_id, doc_id=doc_id, score=1.0, title="t", text="x",
                         kind=kind, section="", date=None, ordinal=0)

    # News and report hits only (every search of the archive): no database read at all.
    assert update_ids(_NoReads(), [hit(1, "news"), hit(2, "report")]) == {}  # type: ignore[arg-type]
    assert update_ids(_NoReads(), []) == {}  # type: ignore[arg-type]
