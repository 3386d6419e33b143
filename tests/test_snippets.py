"""A search hit always shows a snippet with something in it (tester's fault 23.2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from knowledge.textcut import snippet
from tests.conftest import Run

URL = "https://example.go.th/" + "a" * 300


@pytest.mark.parametrize("text", [
    "\n\n\n" + "ธนาคารขยะชุมชน " * 30,
    "\u200b\u2060 \u200b\n" + "ธนาคารขยะชุมชน",
    "   " + "x" * 300,
    " " * 300 + "ขยะ",
    "ก" * 300,
    "\u0e34" * 300,
])
def test_a_snippet_is_one_visible_line(text: str) -> None:
    out = snippet(text, 160)
    assert out.rstrip("…").strip(), repr(out)
    assert "\n" not in out and len(out) <= 160


def test_a_snippet_starts_near_a_query_word_beyond_the_opening() -> None:
    text = URL + " ธนาคารขยะ ชุมชน ตำบลหนึ่ง"
    assert snippet(text, 160, ["ธนาคารขยะ"]) == "…ธนาคารขยะ ชุมชน ตำบลหนึ่ง"
    # A word in the opening, or none found: the opening.
    assert snippet("ธนาคารขยะ ชุมชน", 160, ["ชุมชน"]) == "ธนาคารขยะ ชุมชน"
    assert snippet(text, 160, ["ไม่มี"]).startswith("https")


def test_nothing_visible_is_an_empty_snippet() -> None:
    assert snippet("\u200b \n\t", 160) == ""


@pytest.fixture
def home(tmp_path: Path, run: Run) -> Path:
    rows = [{"title": f"ข่าว {i}", "text": f"{URL} ธนาคารขยะ ชุมชน ตำบล {i}",
             "kind": "news", "date": f"2023-01-0{i + 1}"} for i in range(5)]
    path = tmp_path / "news.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    home = tmp_path / "home"
    assert run(home, "ingest", str(path)).code == 0
    return home


def _snippet_lines(out: str) -> list[str]:
    return [ln.strip() for ln in out.splitlines() if ln.startswith("   ")]


def test_search_hits_show_the_query_words(run: Run, home: Path) -> None:
    cli = run(home, "search", "ธนาคารขยะ ชุมชน")
    chat = run(home, "chat", stdin="/search ธนาคารขยะ ชุมชน\n" + "/search " + "ขยะ " * 3000 + "\n")
    for out in (cli.out, chat.out):
        lines = _snippet_lines(out)
        assert len(lines) >= 5
        for line in lines:
            assert line.rstrip("…").strip() and "ขยะ" in line, line
