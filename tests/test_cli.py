"""The command-line contracts of CONTRACTS.md: ingest, docs, projects, search, reindex.

Commands run in-process through ``bot.cli.main`` with ``SDGBOT_HOME`` pointing at a
temporary folder; a few end-to-end checks run the installed ``sdgbot`` script.
Read-only checks share one seeded data folder.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from cli_run import Result, Run

import indexer.store

SEEDS = Path(__file__).resolve().parents[1] / "knowledge" / "sample"
PROJECT_KEYS = {
    "id", "agency", "name", "indicator", "budget_baht", "fiscal_year", "quarter",
    "period_start", "period_end", "target_level", "result_level",
    "disbursement_target_baht", "disbursement_actual_baht", "problems",
}
DOC_KEYS = {"id", "kind", "title", "date", "passages"}
SEARCH_KEYS = {"query", "took_ms", "hits"}
HIT_KEYS = {"doc_id", "passage_id", "score", "title", "text"}
WASTE_BANKS = "๑๔,๖๕๘"
COMMANDS = ["ingest", "docs", "projects", "search", "ask", "reindex", "summary", "users",
            "chat", "telegram", "line"]




@pytest.fixture(scope="module")
def shared_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder that read-only tests share (seeded by the first command)."""
    return tmp_path_factory.mktemp("clihome")


@pytest.fixture(scope="module")
def bad_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder for rejected ingests: nothing may ever be written to it."""
    return tmp_path_factory.mktemp("badhome")


def jsonl(path: Path, rows: list[object], *, gz: bool = False) -> Path:
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("utf-8")
    path.write_bytes(gzip.compress(data) if gz else data)
    return path


def doc_count(run: Run, home: Path, **kw: Any) -> int:
    res = run(home, "docs", "--json", **kw)
    assert res.code == 0, res.err
    return len(res.json())


def search(run: Run, home: Path, query: str, k: int = 10) -> dict[str, Any]:
    res = run(home, "search", query, "-k", str(k), "--json")
    assert res.code == 0, res.err
    obj: dict[str, Any] = res.json()
    assert set(obj) >= SEARCH_KEYS
    for hit in obj["hits"]:
        assert set(hit) >= HIT_KEYS
    return obj


# ============================================================================ docs, projects


def check_seed_projects(res: Result) -> None:
    assert res.code == 0, res.err
    [p] = res.json()
    assert set(p) >= PROJECT_KEYS
    assert p["agency"] == "ตท.สป."
    assert p["name"] == "การขับเคลื่อนเป้าหมายการพัฒนาที่ยั่งยืน (SDGs) กระทรวงมหาดไทย"
    assert p["indicator"].startswith("ระดับความสำเร็จของการเสริมสร้างศักยภาพ")
    assert p["budget_baht"] == 9684500 and isinstance(p["budget_baht"], int | float)
    assert (p["fiscal_year"], p["quarter"]) == (2566, 2)
    assert (p["period_start"], p["period_end"]) == ("2023-01-01", "2023-03-31")
    assert (p["target_level"], p["result_level"]) == (5, 5)
    assert p["disbursement_target_baht"] == 0 and p["disbursement_actual_baht"] == 0
    assert p["problems"] is None


def check_seed_docs(res: Result) -> None:
    assert res.code == 0, res.err
    docs = res.json()
    assert len(docs) == 2
    for d in docs:
        assert set(d) >= DOC_KEYS
        assert isinstance(d["passages"], int) and d["passages"] > 0
    by_kind = {d["kind"]: d for d in docs}
    assert by_kind["news"]["date"] == "2023-03-27"
    assert by_kind["news"]["title"].startswith("มหาดไทยเสริมสร้างพลังความร่วมมือ")
    assert ".jpg" not in by_kind["news"]["title"]
    assert by_kind["report"]["date"] == "2023-03-31"  # the end of its reporting period


def test_fresh_home_projects_and_docs(run: Run, tmp_path: Path) -> None:
    home = tmp_path / "new" / "home"  # not even created yet
    check_seed_projects(run(home, "projects", "--json"))
    assert (home / "sdgbot.db").is_file()
    check_seed_docs(run(home, "docs", "--json"))


def test_fresh_database_projects_docs_and_ingest(run: Run, tmp_path: Path, db_url: str) -> None:
    home = tmp_path / "home"
    check_seed_projects(run(home, "projects", "--json", database_url=db_url))
    check_seed_docs(run(home, "docs", "--json", database_url=db_url))
    path = jsonl(tmp_path / "a.jsonl", [{"title": "ข่าวใหม่", "text": "ธนาคารขยะชุมชน"}])
    for expected in (1, 0):
        res = run(home, "ingest", str(path), "--json", database_url=db_url)
        assert res.code == 0, res.err
        assert res.json()["added"] == expected
    assert doc_count(run, home, database_url=db_url) == 3
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    res = run(home, "ingest", str(path), str(bad), database_url=db_url)
    assert res.code == 1 and str(bad) in res.err
    assert doc_count(run, home, database_url=db_url) == 3
    assert search(run, home, "ธนาคารขยะชุมชน")["hits"]


def test_projects_and_docs_text_output(run: Run, shared_home: Path) -> None:
    res = run(shared_home, "projects")
    assert res.code == 0 and "ตท.สป." in res.out
    res = run(shared_home, "docs")
    # Issue 13, fault 8: a date a person reads is a Thai date (Buddhist era).
    assert res.code == 0 and "27 มี.ค. 2566" in res.out and "2023-03-27" not in res.out


# ============================================================================ ingest


def test_a_large_ingest_indexes_at_a_lower_priority(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Once stored, a large batch is indexed at a lower CPU priority (--index-nice)."""
    import bot.cli

    calls: list[int] = []  # niceness added

    def nice(n: int) -> int:
        calls.append(n)
        return 0

    monkeypatch.setattr(os, "nice", nice)
    monkeypatch.setattr(bot.cli, "INDEX_NICE_FROM", 3)
    home = tmp_path / "home"
    rows = [{"title": f"ข่าว {i}", "text": f"ศูนย์เรียนรู้ชุมชน แห่งที่ {i}"} for i in range(4)]
    res = run(home, "ingest", str(jsonl(tmp_path / "a.jsonl", rows)), "--json")
    assert res.code == 0, res.err
    assert calls == [bot.cli.INDEX_NICE]
    calls.clear()
    res = run(home, "ingest", str(jsonl(tmp_path / "b.jsonl", [{**r, "title": r["title"] + "b"}
                                                              for r in rows])),
              "--index-nice", "0", "--json")
    assert res.code == 0 and res.json()["added"] == 4 and calls == []
    one = [*rows[:1], {"title": "ข่าวเดียว", "text": "ข่าวเดียว"}]  # one known, one new
    res = run(home, "ingest", str(jsonl(tmp_path / "c.jsonl", one)), "--json")
    assert res.code == 0 and calls == []  # one passage: indexed at once, priority kept


def test_ingest_is_idempotent_by_content(run: Run, tmp_path: Path) -> None:
    home = tmp_path / "home"
    renamed = tmp_path / "renamed"
    renamed.mkdir()
    for i, seed in enumerate(sorted(SEEDS.glob("*.txt"))):
        (renamed / f"copy{i}.txt").write_bytes(seed.read_bytes())
    res = run(home, "ingest", str(renamed), "--json")
    assert res.code == 0, res.err
    assert {k: res.json()[k] for k in ("added", "skipped", "passages")} == {
        "added": 0, "skipped": 2, "passages": 0}

    rows = [{"title": f"เอกสาร {i}", "text": f"ข้อความที่ {i} เรื่องธนาคารขยะ"} for i in range(3)]
    path = jsonl(tmp_path / "docs.jsonl", rows)
    res = run(home, "ingest", str(path))
    assert res.code == 0, res.err
    assert "added 3" in res.out and "skipped 0" in res.out
    assert doc_count(run, home) == 5
    res = run(home, "ingest", str(path), str(path), "--json")
    assert (res.json()["added"], res.json()["skipped"]) == (0, 6)
    assert doc_count(run, home) == 5


@pytest.mark.parametrize("fixture", ["projects.xlsx", "report_pages.docx", "report_pages.pdf"])
def test_the_same_bytes_under_another_name_are_skipped(run: Run, tmp_path: Path,
                                                       fixture: str) -> None:
    """The file's bytes decide, whatever its name or extension (tester18 #18: a workbook
    copied to ``odd_as.pdf`` was added again as a second document)."""
    home = tmp_path / "home"
    data = (Path(__file__).parent / "data" / "files" / fixture).read_bytes()
    first = tmp_path / fixture
    first.write_bytes(data)
    res = run(home, "ingest", str(first), "--json")
    assert res.code == 0 and res.json()["added"] == 1, res.err
    before = doc_count(run, home)
    for name in (f"renamed_{fixture}", "odd_as.pdf", "odd_as.docx", "other.xlsx"):
        (tmp_path / name).write_bytes(data)
        res = run(home, "ingest", str(tmp_path / name), "--json")
        assert res.code == 0, (name, res.err)
        assert (res.json()["added"], res.json()["skipped"]) == (0, 1), (name, res.json())
    assert doc_count(run, home) == before
    both = [tmp_path / "a_copy.bin.xlsx", tmp_path / "b_copy.xlsx"]
    home2 = tmp_path / "home2"
    for p in both:
        p.write_bytes(data)
    res = run(home2, "ingest", *map(str, both), "--json")
    assert res.code == 0 and (res.json()["added"], res.json()["skipped"]) == (1, 1), res.json()


def test_ingest_batch_with_one_bad_file_writes_nothing(run: Run, tmp_path: Path) -> None:
    home = tmp_path / "home"
    before = doc_count(run, home)
    good = jsonl(tmp_path / "good.jsonl", [{"title": "ดี", "text": "เอกสารที่ดี"}])
    bad = jsonl(tmp_path / "bad.jsonl", [{"title": "ดี", "text": "ก"}, {"title": "ไม่มีข้อความ"}])
    res = run(home, "ingest", str(good), str(bad))
    assert res.code == 1
    assert f"{bad}:2" in res.err
    assert res.out == ""
    assert doc_count(run, home) == before


_GOOD = json.dumps({"title": "ดี", "text": "ดี"}).encode() + b"\n"
_NEWS = (SEEDS / "news_002.txt").read_bytes()

BAD_INPUTS: list[tuple[str, str, bytes, int | None]] = [
    # id, file name, content, line named in the message (JSONL)
    ("binary", "binary.txt", b"\x7fELF\x00\x01\x02", None),
    ("empty", "empty.txt", b"", None),
    ("blank", "blank.txt", b" \n\n\t\n", None),
    ("latin1", "latin1.txt", "caf\xe9 au lait".encode("latin-1"), None),
    ("undecodable", "bytes.txt", b"abc \x81\x8d\xdb def", None),
    ("news-bad-date", "news.txt",
     _NEWS.replace("วันที่ 27 มี.ค. 2566".encode(), "วันที่ 31 ก.พ. 2566".encode()), None),
    ("unsupported", "report.pdf", b"%PDF-1.4\n", None),
    ("docx", "report.docx", b"PK\x03\x04", None),
    ("broken-gzip", "docs.jsonl.gz", b"this is not gzip", None),
    ("jsonl-array", "a.jsonl", _GOOD + b"[1, 2, 3]\n", 2),
    ("jsonl-string", "a.jsonl", _GOOD + b'"just text"\n', 2),
    ("jsonl-no-text", "a.jsonl", _GOOD + _GOOD + b'{"title": "no text"}\n', 3),
    ("jsonl-text-not-string", "a.jsonl", b'{"title": "t", "text": 5}\n', 1),
    ("jsonl-bad-date", "a.jsonl", _GOOD + b'{"text": "x", "date": "2023-02-31"}\n', 2),
    ("jsonl-bad-kind", "a.jsonl", b'{"text": "x", "kind": "memo"}\n', 1),
    ("jsonl-invalid", "a.jsonl", _GOOD + b"{oops\n", 2),
    ("jsonl-latin1", "a.jsonl", _GOOD + '{"text": "caf\xe9"}'.encode("latin-1") + b"\n", 2),
    # Issue 13, fault 8: an empty file is an error whatever its type (was "added 0", exit 0).
    ("empty-jsonl", "empty.jsonl", b"", None),
    ("blank-jsonl", "blank.jsonl", b"\n  \n\n", None),
    ("empty-jsonl-gz", "empty.jsonl.gz", gzip.compress(b""), None),
]


@pytest.mark.parametrize(("name", "data", "line"), [c[1:] for c in BAD_INPUTS],
                         ids=[c[0] for c in BAD_INPUTS])
def test_ingest_bad_input_exits_1_naming_the_file(
    run: Run, bad_home: Path, tmp_path: Path, name: str, data: bytes, line: int | None
) -> None:
    before = doc_count(run, bad_home)
    path = tmp_path / name
    path.write_bytes(data)
    res = run(bad_home, "ingest", str(path))
    assert res.code == 1
    assert res.err.startswith("sdgbot: ")
    assert str(path) in res.err
    if line is not None:
        assert f"{path}:{line}:" in res.err
    assert "Traceback" not in res.err
    assert res.out == ""
    assert doc_count(run, bad_home) == before


def test_ingest_folder_names_each_skipped_file_and_why(run: Run, tmp_path: Path) -> None:
    """Issue 13, fault 8: files of unsupported types in a folder were skipped without a word."""
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    jsonl(folder / "a.jsonl", [{"title": "ข่าวในโฟลเดอร์", "text": "ธนาคารขยะในโฟลเดอร์"}])
    (folder / "sub" / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (folder / "notes.md").write_text("# notes", encoding="utf-8")
    res = run(tmp_path / "home", "ingest", str(folder))
    assert res.code == 0, res.err
    lines = res.out.splitlines()
    assert "added 1," in lines[0]
    assert lines[1:] == [
        f"ข้าม {folder / 'notes.md'}: ไม่รองรับไฟล์ชนิดนี้ (unsupported file type) (skipped)",
        f"ข้าม {folder / 'sub' / 'photo.jpg'}: ไม่รองรับไฟล์ชนิดนี้ (unsupported file type) "
        "(skipped)",
    ]
    res = run(tmp_path / "home2", "ingest", "--json", str(folder))
    assert res.code == 0
    assert [f["path"] for f in res.json()["skipped_files"]] == [
        str(folder / "notes.md"), str(folder / "sub" / "photo.jpg")]


def test_ingest_missing_file(run: Run, bad_home: Path, tmp_path: Path) -> None:
    res = run(bad_home, "ingest", str(tmp_path / "nowhere.txt"))
    assert res.code == 1 and "nowhere.txt" in res.err


def test_ingest_gzipped_jsonl_u2028_and_decomposed_text(
    run: Run, tmp_path: Path, shared_home: Path
) -> None:
    home = tmp_path / "home"
    rows = [
        {"title": "หัวข้อบรรทัดแรก\u2028บรรทัดที่สอง", "text": "ถังขยะเปียกลดโลกร้อนในครัวเรือน",
         "date": "2024-02-29", "kind": "news", "source": "https://example.invalid/1"},
        # PDF text: sara am decomposed (U+0E4D U+0E32)
        {"title": "ผลงานเทศบาล", "text": "เทศบาลตำบลหนองบัวด\u0e4d\u0e32เนินงานคัดแยกขยะ"},
    ]
    path = jsonl(tmp_path / "docs.jsonl.gz", rows, gz=True)
    res = run(home, "ingest", str(path), "--json")
    assert res.code == 0, res.err
    assert res.json()["added"] == 2
    docs = run(home, "docs", "--json").json()
    assert len(docs) == 4
    news = [d for d in docs if d["date"] == "2024-02-29"]
    assert len(news) == 1 and news[0]["kind"] == "news"
    assert "บรรทัดแรก" in news[0]["title"] and "บรรทัดที่สอง" in news[0]["title"]
    for query in ("ดำเนินงานคัดแยกขยะ", "ด\u0e4d\u0e32เนินงานคัดแยกขยะ"):
        hits = search(run, home, query)["hits"]
        assert any("หนองบัว" in h["text"] for h in hits), query


# ============================================================================ search


def test_search_contract_shape(run: Run, shared_home: Path) -> None:
    obj = search(run, shared_home, "มหาดไทย", k=3)
    assert obj["query"] == "มหาดไทย"
    assert isinstance(obj["took_ms"], int | float)
    assert 0 < len(obj["hits"]) <= 3
    scores = [h["score"] for h in obj["hits"]]
    assert scores == sorted(scores, reverse=True)


def test_search_ministry_name(run: Run, shared_home: Path) -> None:
    hits = search(run, shared_home, "มหาดไทย")["hits"]
    assert hits and "กระทรวงมหาดไทย" in hits[0]["text"]


@pytest.mark.parametrize("query", ["ดำเนินงาน", "ด\u0e4d\u0e32เนินงาน"])
def test_search_sara_am_forms(run: Run, shared_home: Path, query: str) -> None:
    hits = search(run, shared_home, query)["hits"]
    assert any("ดำเนินงาน" in h["text"] or "ด\u0e4d\u0e32เนินงาน" in h["text"] for h in hits)


@pytest.mark.parametrize("query", ["14658", "14,658", WASTE_BANKS, "๑๔๖๕๘"])
def test_search_number_forms_find_the_waste_banks(run: Run, shared_home: Path, query: str) -> None:
    hits = search(run, shared_home, query)["hits"]
    assert hits and WASTE_BANKS in hits[0]["text"]


def test_search_sdgs(run: Run, shared_home: Path) -> None:
    hits = search(run, shared_home, "SDGs")["hits"]
    assert any("(SDGs)" in h["text"] for h in hits)


def test_search_abbreviation_of_the_ministry(run: Run, shared_home: Path) -> None:
    hits = search(run, shared_home, "มท.")["hits"]
    assert hits and "กระทรวงมหาดไทย" in hits[0]["text"]


HOSTILE = {
    "empty": "",
    "spaces": "   \t ",
    "emoji": "😀🙏🇹🇭",
    "punctuation": "!!!???...,,,;;;(((]]]",
    "zero-width": "\u200b\u200c\ufeff",
    "lone-marks": "\u0e48\u0e49\u0e4d\u0e32",
    "nul": "ก\x00ข",
    "long-thai": "ก" * 10_000,
    "long-words": ("มหาดไทย " * 1250)[:10_000],
    "long-mixed": ("SDGs ๑๔,๖๕๘ 😀 ")[:13] * 770,
}


@pytest.mark.parametrize("query", list(HOSTILE.values()), ids=list(HOSTILE))
def test_search_hostile_queries_never_crash(run: Run, shared_home: Path, query: str) -> None:
    obj = search(run, shared_home, query, k=5)
    assert obj["query"] == query
    assert len(obj["hits"]) <= 5
    if not query.strip():
        assert obj["hits"] == []


def test_search_batch_one_line_per_input_line(run: Run, shared_home: Path) -> None:
    lines = ["มหาดไทย", "", "14658", "   ", "😀", "ก\u2028ข", "SDGs\r"]
    res = run(shared_home, "search", "--json", "-", "-k", "2", stdin="\n".join(lines) + "\n")
    assert res.code == 0, res.err
    out = res.json_lines()
    assert len(out) == len(lines) == res.out.count("\n")
    assert [o["query"] for o in out] == [ln.rstrip("\r") for ln in lines]
    assert out[1]["hits"] == [] and out[3]["hits"] == []
    assert out[0]["hits"] and WASTE_BANKS in out[2]["hits"][0]["text"]
    for o in out:
        assert set(o) >= SEARCH_KEYS


def test_search_batch_without_final_newline_and_empty_stdin(run: Run, shared_home: Path) -> None:
    res = run(shared_home, "search", "--json", "-", stdin="มหาดไทย\n\nSDGs")
    assert [o["query"] for o in res.json_lines()] == ["มหาดไทย", "", "SDGs"]
    res = run(shared_home, "search", "--json", "-", stdin="")
    assert (res.code, res.out) == (0, "")


def test_search_batch_without_json_prints_text(run: Run, shared_home: Path) -> None:
    """Plain text unless ``--json``, from stdin too (tester18 #24, CONTRACTS)."""
    res = run(shared_home, "search", "-", "-k", "1", stdin="ธนาคารขยะ\nมหาดไทย\n")
    assert res.code == 0, res.err
    assert '"hits"' not in res.out and "» ธนาคารขยะ" in res.out and "» มหาดไทย" in res.out


def test_search_text_output(run: Run, shared_home: Path) -> None:
    res = run(shared_home, "search", "ธนาคารขยะ", "-k", "1")
    assert res.code == 0 and "ธนาคารขยะ" in res.out


def test_search_huge_k_is_capped_and_shows_no_negative_scores(run: Run, shared_home: Path) -> None:
    """Fault D: ``-k 100000`` printed the re-ranker's LambdaRank scores ("[-0.97]")."""
    res = run(shared_home, "search", "ธนาคารขยะ", "-k", "100000")
    assert res.code == 0 and "ธนาคารขยะ" in res.out
    assert "-k 100,000" in res.err and "40" in res.err
    assert not re.search(r"\[-[0-9]", res.out), res.out
    ranked = json.loads(run(shared_home, "search", "ธนาคารขยะ", "-k", "100000", "--json").out)
    assert 0 < len(ranked["hits"]) <= 40
    bm25 = run(shared_home, "search", "ธนาคารขยะ", "-k", "100000", "--order", "bm25")
    assert bm25.code == 0 and "1000" in bm25.err
    assert re.search(r"\[[0-9]+\.[0-9]{2}\]", bm25.out) and not re.search(r"\[-", bm25.out)


def test_search_bad_k(run: Run, shared_home: Path) -> None:
    assert run(shared_home, "search", "x", "-k", "0").code == 1
    assert run(shared_home, "search", "x", "-k", "many").code == 2


# ============================================================================ reindex


def _current(home: Path) -> str:
    return (home / "index" / "CURRENT").read_text(encoding="utf-8").strip()


def test_reindex_rebuilds_and_search_still_works(run: Run, tmp_path: Path) -> None:
    home = tmp_path / "home"
    before = search(run, home, "14,658")["hits"]
    old = _current(home)
    res = run(home, "reindex", "--json")
    assert res.code == 0, res.err
    total = sum(d["passages"] for d in run(home, "docs", "--json").json())
    assert res.json()["passages"] == total
    assert _current(home) != old
    assert not (home / "index" / old).exists()
    after = search(run, home, "14,658")["hits"]
    assert [h["passage_id"] for h in after] == [h["passage_id"] for h in before]
    res = run(home, "reindex")
    assert res.code == 0 and f"reindexed {total} passages" in res.out


def test_interrupted_reindex_keeps_the_previous_index(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    expected = search(run, home, "14658")["hits"][0]["passage_id"]
    old = _current(home)
    real_replace = os.replace

    def failing_replace(src: Any, dst: Any) -> None:
        if Path(dst).name == "CURRENT":
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(indexer.store.os, "replace", failing_replace)
    res = run(home, "reindex")  # a clear message and status 1, never a traceback
    assert res.code == 1 and "No space left" in res.err and "Traceback" not in res.err
    monkeypatch.setattr(indexer.store.os, "replace", real_replace)

    assert _current(home) == old
    folders = sorted(p.name for p in (home / "index").iterdir() if p.name.startswith("index-"))
    assert folders == [old]  # the half-written folder is gone
    assert indexer.store.load_index(home / "index") is not None
    assert search(run, home, "14658")["hits"][0]["passage_id"] == expected
    assert run(home, "reindex").code == 0
    assert search(run, home, "14658")["hits"][0]["passage_id"] == expected


# ============================================================================ usage and help


@pytest.mark.parametrize(
    "args",
    [*([c, "--help"] for c in COMMANDS),
     ["users", "add", "--help"], ["users", "remove", "--help"], ["users", "list", "--help"]],
    ids=lambda a: " ".join(a),
)
def test_every_command_has_help(run: Run, tmp_path: Path, args: list[str]) -> None:
    res = run(tmp_path / "home", *args)
    assert res.code == 0
    assert res.out.startswith(f"usage: sdgbot {' '.join(args[:-1])}")
    assert "-h, --help" in res.out
    assert not (tmp_path / "home").exists()  # help touches no data


def test_top_level_help_explains_every_command(run: Run, tmp_path: Path) -> None:
    res = run(tmp_path, "--help")
    assert res.code == 0
    for command in COMMANDS:
        line = next(ln for ln in res.out.splitlines() if ln.strip().startswith(command + " "))
        assert len(line.split(None, 1)[1]) > 10, line  # a real explanation follows the name


def test_ingest_and_search_help_explain(run: Run, tmp_path: Path) -> None:
    ingest = " ".join(run(tmp_path, "ingest", "--help").out.split())
    assert "JSON lines" in ingest and "one bad file writes nothing" in ingest
    assert "one query per line" in " ".join(run(tmp_path, "search", "--help").out.split())


@pytest.mark.parametrize(
    "args",
    [[], ["bogus"], ["ingest"], ["search"], ["search", "x", "--bogus"],
     ["docs", "extra"], ["users", "add", "telegram:1", "--role", "king"], ["users"]],
    ids=lambda a: " ".join(a) or "nothing",
)
def test_bad_usage_exits_2(run: Run, tmp_path: Path, args: list[str]) -> None:
    res = run(tmp_path / "home", *args)
    assert res.code == 2
    assert "usage:" in res.err
    assert res.out == ""


# ============================================================================ end to end


def _sdgbot() -> list[str]:
    script = Path(sys.executable).with_name("sdgbot")
    return [str(script)] if script.exists() else [sys.executable, "-m", "bot.cli"]


def test_console_script_end_to_end(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(SDGBOT_HOME=str(tmp_path / "home"), PYTHAINLP_OFFLINE="1")

    def sdgbot(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*_sdgbot(), *args], env=env, capture_output=True, text=True,
                              timeout=120, check=False)

    ok = sdgbot("projects", "--json")
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)[0]["budget_baht"] == 9684500

    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b'{"title": "t", "text": "x"}\n{"title": "t"}\n')
    res = sdgbot("ingest", str(bad))
    assert res.returncode == 1
    assert f"{bad}:2" in res.stderr and "Traceback" not in res.stderr

    usage = sdgbot("search")
    assert usage.returncode == 2 and "usage:" in usage.stderr

    helped = sdgbot("--help")
    assert helped.returncode == 0 and "ingest" in helped.stdout


def test_console_chat_buttons_feedback_and_quit(tmp_path: Path) -> None:
    import io

    from bot.adapters.console import run_console
    from bot.app import open_app
    from bot.config import Settings

    app = open_app(Settings(home=tmp_path / "home"))
    try:
        stdin = io.StringIO("/start\n2\nธนาคารขยะตั้งแล้วกี่แห่ง\n+1\n/quit\n"
                            "ภาคีเครือข่ายมีกี่ภาคี\n")
        out = io.StringIO()
        assert run_console(app, user_id="local", stdin=stdin, stdout=out) == 0
    finally:
        app.close()
    text = out.getvalue()
    assert "  2) 📋 โครงการ" in text  # /start's buttons, numbered
    assert "9,684,500" in text  # "2" pressed the projects button: the project list
    assert "14,658 แห่ง" in text and "ที่มา:" in text
    assert text.count("(พิมพ์ +1 หรือ -1 เพื่อให้คะแนนคำตอบนี้)") == 1  # Thai only: the user's
    assert "ขอบคุณสำหรับความคิดเห็น" in text  # "+1" rated the answer above it
    assert "7 ภาคี" not in text  # nothing after /quit is answered
    assert "Traceback" not in text and "ไม่รู้จักคำสั่ง" not in text


@pytest.mark.parametrize("args", [
    ["projects", "--json"], ["docs", "--json"], ["search", "ธนาคารขยะ", "--json"],
    ["ask", "ธนาคารขยะตั้งแล้วกี่แห่ง", "--json"], ["summary", "2/2566", "--json"],
    ["users", "list", "--json"],
])
def test_every_json_command_writes_thai_as_thai(run: Run, shared_home: Path,
                                               args: list[str]) -> None:
    """Issue 13, fault 8: one JSON writer for every command (Thai as Thai, never \\u0e..)."""
    if args[0] == "users":
        assert run(shared_home, "users", "add", "console:ผู้ใช้", "--role", "staff").code == 1
        assert run(shared_home, "users", "add", "console:field1", "--role", "staff").code == 0
    res = run(shared_home, *args)
    assert res.code == 0, res.err
    assert "\\u0e" not in res.out.lower()
    res.json()  # one JSON document
    if args[0] != "users":
        assert re.search(r"[\u0e00-\u0e7f]", res.out)
