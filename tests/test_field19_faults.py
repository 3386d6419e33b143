"""Faults tester19 found in everyday use and attacks (report sections C, D and item 27).

Each test is one kind of mistake, checked where it can happen: a disbursement total over
the budget (and one reading of a budget), a document dated in the future, ingest limits
and repeated passages, workbook rows refused for the right reason, a quarter without its
year in ``/summary``, an attach prompt that came back, English place names and number
words, and one formula/markup check on every path into an export or a citation.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from field_harness import Chat, Clock, text_of

from bot.conversation.drafts import DraftError, read_update_text
from bot.documents import IngestLimits, ingest_paths
from bot.project_view import projects_text, thai_places
from bot.summary_lists import split_summary_arg
from bot.summary_view import ce_year_note, resolve_quarter
from knowledge.formula_text import is_formula, starts_like_formula
from knowledge.ingest import safe_citation
from knowledge.library import project_search_text
from knowledge.models import Document, ListedProject, Passage, ProgressUpdate
from knowledge.parsers import DocumentError, ParsedDocument, Section
from knowledge.plausible import future_date
from knowledge.queries import latest_passages_naming
from knowledge.readers.xlsx import read_xlsx
from knowledge.summary import (
    ProjectInfo,
    ReportRow,
    SummaryData,
    UpdateRow,
    project_budget,
    summarize,
)
from knowledge.thai import FiscalQuarter

NOW = dt.datetime(2023, 2, 15, 3, 0, tzinfo=dt.UTC)  # 2/2566; the seed budget 9,684,500
OFFICER = "telegram:1901"
MANAGER = "telegram:1902"


@pytest.fixture
def chat(make_app: Callable[..., Any]) -> Chat:
    return Chat.with_users(make_app(), Clock(NOW), {OFFICER: "officer", MANAGER: "manager"})


# -- 16. payments that together pass the budget are warned of; one reading of a budget -------
def test_payments_that_together_pass_the_budget_are_confirmed_first(chat: Chat) -> None:
    assert "บันทึกความคืบหน้าแล้ว" in chat.say(OFFICER, "/update 1 เบิกจ่าย 5,000,000 บาท")
    chat.clock.advance(hours=1)
    replies = chat.send(OFFICER, "/update 1 ค่าจ้างเหมา เบิกจ่าย 5,100,000 บาท")
    text = text_of(replies)
    assert "ยังไม่ได้บันทึก" in text and "มากกว่างบประมาณของโครงการ" in text, text
    assert "10,100,000 บาท" in text and "9,684,500 บาท" in text, text
    assert chat.count(ProgressUpdate) == 1
    chat.clock.advance(hours=1)  # English alike
    english = chat.say(OFFICER, "/update 1 disbursed 4,800,000 baht")
    assert "comes to" in english and "more than the project's budget" in english, english
    assert chat.count(ProgressUpdate) == 1


def test_a_year_without_a_budget_is_said_so_by_the_warning_and_the_summary(
        make_app: Callable[..., Any]) -> None:
    chat = Chat.with_users(make_app(), Clock(dt.datetime(2026, 11, 15, 3, tzinfo=dt.UTC)),
                           {OFFICER: "officer", MANAGER: "manager"})  # 1/2570: no form
    replies = chat.send(OFFICER, "/update 1 เบิกจ่าย 12,000,000 บาท")
    text = text_of(replies)
    assert "ปีงบประมาณ 2570 ยังไม่มีแบบรายงานที่ระบุงบประมาณ" in text, text
    assert "บันทึกความคืบหน้าแล้ว" in text_of(chat.press(OFFICER, replies, "บันทึก"))
    summary = chat.say(MANAGER, "/summary 1/2570")
    assert "งบประมาณรวม ไม่ทราบ" in summary, summary  # the same reading of the same year


def _form(rid: int, fy: int, q: int, budget: int | None) -> ReportRow:
    return ReportRow(id=rid, project_id=1, fiscal_year=fy, quarter=q,
                     budget_baht=None if budget is None else Decimal(budget))


@pytest.mark.parametrize("forms", [
    [_form(1, 2566, 2, 900)],
    [_form(1, 2566, 1, 900), _form(2, 2566, 2, None)],
    [_form(1, 2565, 4, 900)],
    [_form(1, 2566, 1, 900), _form(2, 2566, 2, 1200)],
    [_form(1, 2566, 2, 900), _form(2, 2566, 2, 950)],
])
def test_the_summary_reads_the_budget_the_update_is_checked_against(
        forms: list[ReportRow]) -> None:
    q = FiscalQuarter(2566, 2)
    up = UpdateRow(id=1, project_id=1, fiscal_year=2566, quarter=2,
                   created_at=dt.datetime(2023, 1, 5, tzinfo=dt.UTC), text="x",
                   amount_baht=Decimal(10))
    data = SummaryData(projects=(ProjectInfo(id=1, name="p", agency="a"),),
                       reports=tuple(forms), updates=(up,))
    row = summarize(data, q).projects[0]
    assert row.budget_baht == project_budget(forms, q).budget_baht


# -- 17. a document dated in the future is kept, told, and never the latest ----------------
def test_a_future_date_is_told_at_ingest_and_never_read(make_app: Callable[..., Any],
                                                         tmp_path: Path) -> None:
    app = make_app()
    path = tmp_path / "tricky.jsonl"
    lines = [{"title": "ลงทะเบียนหนี้นอกระบบ ฉบับอนาคต", "date": "2099-12-31", "kind": "news",
              "text": "ล่าสุดลงทะเบียนหนี้นอกระบบรวม 999,999 ราย"},
             {"title": "ลงทะเบียนหนี้นอกระบบ", "date": "2024-01-05", "kind": "news",
              "text": "ล่าสุดลงทะเบียนหนี้นอกระบบรวม 111,700 ราย"}]
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n",
                    encoding="utf-8")
    report = ingest_paths(app.db, app.index, [path])
    notes = " ".join(report.result.changes.notes)
    assert "2099-12-31" in notes and "in the future" in notes, notes
    hits = app.index.search("ลงทะเบียนหนี้นอกระบบ", k=5)
    assert hits and all(h.date is None or h.date.year < 2099 for h in hits)
    with app.db.read() as s:
        latest = latest_passages_naming(s, "หนี้นอกระบบ", days=180, limit=5)
        texts = [s.get(Passage, pid).text for pid in latest]  # type: ignore[union-attr]
    assert texts and all("999,999" not in t for t in texts), texts
    assert future_date(dt.date.today() + dt.timedelta(days=30))
    assert not future_date(dt.date.today())


# -- 18. limits on ingest; identical passages stored once -----------------------------------
def test_a_file_over_the_size_limit_is_refused_with_the_limit_named(
        run: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.txt"
    big.write_text("ข่าวประชาสัมพันธ์\n" + "โครงการพัฒนาหมู่บ้าน ครั้งที่ 1\n" * 80_000,
                   encoding="utf-8")
    monkeypatch.setenv("SDGBOT_MAX_FILE_MB", "1")
    home = tmp_path / "home"
    res = run(home, "ingest", str(big))
    assert res.code == 1 and "SDGBOT_MAX_FILE_MB" in res.err and "1 MB" in res.err, res.err
    assert "Traceback" not in res.err
    monkeypatch.setenv("SDGBOT_MAX_FILE_MB", "abc")
    bad = run(home, "ingest", str(big))
    assert bad.code == 1 and "SDGBOT_MAX_FILE_MB" in bad.err


def test_a_document_over_the_passage_limit_stores_nothing(make_app: Callable[..., Any],
                                                          tmp_path: Path) -> None:
    app = make_app()
    with app.db.read() as s:
        before = s.query(Document).count()
    ok = tmp_path / "a_ok.txt"
    ok.write_text("ข่าวสั้น\nประชุมติดตามงานโครงการ", encoding="utf-8")
    long = tmp_path / "b_long.txt"
    long.write_text("ข่าวยาว\n\n" + "\n\n".join(
        f"ย่อหน้าที่ {i} " + "การพัฒนาหมู่บ้านตามแนวทางเศรษฐกิจพอเพียง " * 12 for i in range(40)),
        encoding="utf-8")
    with pytest.raises(DocumentError, match="SDGBOT_MAX_PASSAGES"):
        ingest_paths(app.db, app.index, [ok, long], limits=IngestLimits(max_passages=5))
    with app.db.read() as s:
        assert s.query(Document).count() == before  # the good file neither: one ingest


def test_repeated_passages_are_stored_once_and_found_once(make_app: Callable[..., Any],
                                                         tmp_path: Path) -> None:
    app = make_app()
    path = tmp_path / "huge.txt"
    path.write_text("ข่าวประชาสัมพันธ์\n" + "โครงการพัฒนาหมู่บ้านเพื่อความยั่งยืนของชุมชน\n" * 3000,
                    encoding="utf-8")
    report = ingest_paths(app.db, app.index, [path])
    assert report.result.passages <= 2, report.result.passages
    hits = app.index.search("โครงการพัฒนาหมู่บ้าน", k=3)
    assert len({h.text for h in hits}) == len(hits)


# -- 19, 23. workbook rows: the reason named; a formula cell told, full-width signs too ------
def _book(rows: list[tuple[Any, ...]]) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(("ชื่อโครงการ", "หน่วยรับงบประมาณ", "จังหวัด", "วงเงินงบประมาณ"))
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_workbook_rows_are_refused_for_what_is_wrong() -> None:
    book = read_xlsx(_book([
        ("โครงการ ก", "=cmd|' /C calc'!A0", "ตรัง", 1000),
        ("โครงการ ข", "อบจ.ตรัง", "=1+1", 800_000),
        ("โครงการ ค", "อบจ.ตรัง", "ตรัง", -5000),
        ("โครงการ ง", "อบจ.ตรัง", "ตรัง", "สองแสนบาท"),
        ('＝HYPERLINK("http://evil.example","คลิก")', "อบจ.ตรัง", "ตรัง", 1000),
        ("＋cmd|' /C calc'!A0", "อบจ.ตรัง", "ตรัง", 1000),
        ("โครงการ จ", "อบจ.ตรัง", "ตรัง", "2 แสน 5 หมื่น"),
        ("<b>ตัวหนา</b><script>alert(1)</script>", "อบจ.ตรัง", "ตรัง", 1000),
    ]), "odd.xlsx")
    reasons = " | ".join(book.refused)
    assert "หน่วยงานเป็นสูตร" in reasons and "no agency" not in reasons, reasons
    assert "จังหวัดเป็นสูตร" in reasons, reasons
    assert "ติดลบ" in reasons and "negative" in reasons, reasons
    assert "ชื่อโครงการเป็นสูตร" in reasons, reasons
    assert "มีแท็ก" in reasons, reasons
    assert sum(book.refused.values()) == 6, book.refused
    kept = {r.name: r.budget_baht for r in book.rows}
    assert kept == {"โครงการ ง": Decimal(200_000), "โครงการ จ": Decimal(250_000)}, kept
    assert all(r.province for r in book.rows)  # no province silently dropped


# -- 20. /summary ไตรมาส 2: the latest quarter 2 begun, and said so --------------------------
@pytest.mark.parametrize("typed", ["ไตรมาส 2", "ไตรมาสที่ ๒", "Q2", "quarter 2"])
def test_a_quarter_without_its_year_is_the_latest_begun_everywhere(typed: str) -> None:
    today = dt.date(2026, 11, 15)  # 1/2570
    q, rest = split_summary_arg(typed, today=today)
    assert q == FiscalQuarter(2569, 2) and rest == ""
    assert resolve_quarter(typed, today) == q  # /missing, sdgbot missing and remind
    assert "2/2569" in (ce_year_note(typed, q) or "")
    assert "2/2569" in (ce_year_note(typed, q, english=True) or "")
    q2, rest2 = split_summary_arg(f"{typed} จังหวัดตรัง", today=dt.date(2027, 5, 1))  # 3/2570
    assert q2 == FiscalQuarter(2570, 2) and rest2 == "จังหวัดตรัง"
    assert update_quarter(f"ประชุม {typed}", today) == q


def update_quarter(text: str, today: dt.date) -> FiscalQuarter:
    from knowledge.thai import fiscal_quarter_of

    current = fiscal_quarter_of(today)
    return read_update_text(text, current, current).quarter


def test_summary_without_a_year_in_chat(chat: Chat) -> None:
    reply = chat.say(MANAGER, "/summary ไตรมาส 1")
    assert "ไม่ได้ระบุปี" in reply and "1/2566" in reply, reply
    assert "กรุณาระบุไตรมาสเป็นตัวเลข" not in reply


# -- 21. an attach prompt ends with the next command instead of coming back ------------------
def test_an_attach_prompt_does_not_come_back_after_other_commands(chat: Chat) -> None:
    saved = chat.send(OFFICER, "/update 1 ประชุมติดตามงาน เบิกจ่าย 1,000 บาท")
    assert "บันทึกความคืบหน้าแล้ว" in text_of(saved)
    uid = chat.updates()[-1].id
    chat.say(OFFICER, f"/attach {uid}")
    first = chat.say(OFFICER, "/help")
    assert "กลับมาที่" not in first and f"#{uid}" in first  # ended, said once
    chat.clock.advance(hours=1)
    for command in ("/help", "/update 1 อบรม 20 คน เบิกจ่าย 2,000 บาท", "/myupdates"):
        reply = chat.say(OFFICER, command)
        assert "กลับมาที่" not in reply and "การแนบรูป" not in reply, reply


# -- 22, 27. English place names in /projects; English number words in /update ---------------
def test_english_province_names_find_thai_projects(make_app: Callable[..., Any]) -> None:
    assert thai_places("trang") == "ตรัง"
    assert thai_places("Nakhon Si Thammarat province") == "นครศรีธรรมราช"
    assert thai_places("strange road") == "strange road"
    app = make_app()
    with app.db.write() as s:
        doc = Document(kind="workbook", title="l.xlsx", content_hash="h19", text="x")
        s.add(doc)
        s.flush()
        s.add(ListedProject(document_id=doc.id, row_key="k19", name="ถนนลาดยาง",
                            agency="อบจ.ตรัง", province="ตรัง",
                            search_text=project_search_text("ถนนลาดยาง", "อบจ.ตรัง", "ตรัง")))
    reply = projects_text(app.db, "trang", english=True)
    assert "ถนนลาดยาง" in reply and "No project matches" not in reply, reply


def test_english_number_words_are_told_not_dropped() -> None:
    q = FiscalQuarter(2570, 1)
    with pytest.raises(DraftError, match="digits"):
        read_update_text("spent two hundred thousand baht", q)
    assert read_update_text("disbursed 1.2 million baht", q).amount_baht == Decimal(1_200_000)


# -- 23, 24, 25. one formula check on every path; a source must be a web address -------------
@pytest.mark.parametrize("text", ["=1+1", "＝HYPERLINK(\"x\")", "ประชุม\t=1+1", "ก\r＠SUM(A1)",
                                  "＋cmd|' /C calc'!A0"])
def test_one_formula_check(text: str) -> None:
    assert is_formula(text) and starts_like_formula(text)
    with pytest.raises(DraftError):
        read_update_text(f"{text} เบิกจ่าย 1,005 บาท" if "\t" in text else text,
                         FiscalQuarter(2566, 2))


def test_a_telephone_number_is_no_formula() -> None:
    assert not is_formula("โทร +66 81 234 5678")


@pytest.mark.parametrize(("title", "source", "kept_source"), [
    ('=HYPERLINK("http://evil","x")', "javascript:alert(1)", None),
    ("<b>ตัวหนา</b><script>alert(1)</script>", "../../../etc/passwd", None),
    ("ข่าวดี", "https://www.thaigov.go.th/news/1", "https://www.thaigov.go.th/news/1"),
    ("ข่าวดี", "book.xlsx", "book.xlsx"),
])
def test_citations_are_never_formulas_or_markup(title: str, source: str,
                                                kept_source: str | None) -> None:
    doc = ParsedDocument(kind="news", title=title, date=None, text="บรรทัดแรก\nเนื้อข่าว",
                         sections=(Section("body", "บรรทัดแรก เนื้อข่าว"),), source=source)
    safe = safe_citation(doc)
    assert not is_formula(safe.title) and "<" not in safe.title
    assert safe.source == kept_source
    assert (safe.notes != ()) == (safe.title != title or kept_source is None)


def test_a_json_document_is_cited_safely(make_app: Callable[..., Any], tmp_path: Path) -> None:
    app = make_app()
    path = tmp_path / "tricky.jsonl"
    path.write_text(json.dumps({"title": '=HYPERLINK("http://evil","x")', "kind": "news",
                                "source": "javascript:alert(1)", "date": "2024-01-05",
                                "text": "ข่าวการพัฒนาชุมชนท้องถิ่น\nรายละเอียดของข่าว"},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    report = ingest_paths(app.db, app.index, [path])
    notes = " ".join(report.result.changes.notes)
    assert "source dropped" in notes and "replaced" in notes, notes
    with app.db.read() as s:
        doc = s.query(Document).order_by(Document.id.desc()).first()
        assert doc is not None and doc.source is None and not is_formula(doc.title)
