"""Answers over an app that holds only a few given press releases (shared by tests)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bot.answering.answerer import Answer, Answerer
from knowledge.ingest import read_paths, store_documents


def news(n: int, title: str, text: str, date: str = "2024-03-01",
         site: str = "https://example.go.th/news") -> dict[str, str]:
    """A press-release record (the ingest's JSONL form), its source ``{site}/{n}``."""
    return {"title": title, "kind": "news", "date": date, "source": f"{site}/{n}", "text": text}


def app_over(make_app: Any, tmp_path: Path, releases: list[dict[str, str]]) -> Any:
    """An app holding only ``releases`` (news records), indexed."""
    path = tmp_path / "releases.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in releases),
                    encoding="utf-8")
    app = make_app()
    with app.db.write() as s:
        assert store_documents(s, read_paths([path])).added == len(releases)
    app.index.sync()
    return app


def ask_over(make_app: Any, tmp_path: Path, releases: list[dict[str, str]],
             question: str) -> Answer:
    """``question`` answered over an app holding only ``releases`` (news records)."""
    app = app_over(make_app, tmp_path, releases)
    return Answerer(app.db, app.index).ask(question)


def assert_leads(ans: Answer, lead: str | None) -> None:
    """``ans`` leads with ``lead``, or is the not-found reply when ``lead`` is None."""
    if lead is None:
        assert not ans.found, ans.point
    else:
        assert ans.found and ans.point.startswith(lead), ans.point
