"""Project lists at scale: /projects pages and searches; counts and budgets from the database.

A workbook made here with openpyxl (the real ones are ingested by bench/bench_workbooks.py)
holds 45 projects in three provinces, with an agency that is a province's own office
("จังหวัดกระบี่") and the same project twice.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from cli_run import Run

from bot.core import Message
from bot.project_view import parse_projects_arg
from bot.structured import answer_structured
from knowledge.project_queries import Filters, project_page, totals, totals_by


def _workbook() -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["ชื่อโครงการ", "วงเงินงบประมาณ (บาท)", "หน่วยรับงบประมาณ", "กระทรวง", "จังหวัด",
               "วันเสนอโครงการ"])
    for i in range(20):
        ws.append([f"ก่อสร้างถนนสายที่ {i + 1}", 1_000_000 + i, "กรมส่งเสริมการปกครองท้องถิ่น",
                   "กระทรวงมหาดไทย", "กระบี่", dt.datetime(1963, 6, 22)])
    for i in range(20):
        ws.append([f"ขุดลอกคลองที่ {i + 1}", 500_000, "กรมส่งเสริมการปกครองส่วนท้องถิ่น",
                   "กระทรวงมหาดไทย", "ตรัง", dt.datetime(2563, 7, 1)])
    ws.append(["อัตลักษณ์สร้างมูลค่า", 30_000_000, "จังหวัดกระบี่", "กระทรวงมหาดไทย", "กระบี่",
               dt.datetime(2563, 6, 22)])
    ws.append(["โครงการติดตั้งไฟฟ้าส่องสว่าง\nถนนสาธารณะ ", 700_000_000,
               "องค์การบริหารส่วนจังหวัดเชียงใหม่", "กระทรวงมหาดไทย", "เชียงใหม่",
               dt.datetime(1963, 6, 22)])
    ws.append(["ก่อสร้างอาคารเรียน", 84_587_000, "องค์การบริหารส่วนจังหวัดเชียงใหม่",
               "กระทรวงมหาดไทย", "เชียงใหม่", dt.datetime(1963, 6, 23)])
    ws.append(["ก่อสร้างอาคารเรียน", 84_587_000, "องค์การบริหารส่วนจังหวัดเชียงใหม่",
               "กระทรวงมหาดไทย", "เชียงใหม่", dt.datetime(1963, 6, 23)])  # listed twice
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.fixture
def app(make_app: Callable[..., Any], db_url: str, tmp_path: Path) -> Any:
    from bot.documents import ingest_paths

    app = make_app(db_url)
    path = tmp_path / "projects.xlsx"
    path.write_bytes(_workbook())
    report = ingest_paths(app.db, app.index, [path])
    assert report.result.changes.projects_added == 43
    assert report.result.changes.projects_duplicate == 1
    return app


def test_counts_and_totals(app: Any) -> None:
    with app.db.read() as s:
        assert totals(s, Filters(province="กระบี่")) == (21, Decimal(20_000_190 + 30_000_000))
        # The variant spelling ("ส่วนท้องถิ่น") is the same department.
        n, _ = totals(s, Filters(agency="กรมส่งเสริมการปกครองท้องถิ่น"))
        assert n == 40
        by_province = totals_by(s, "province", Filters(fiscal_year=2563, quarter=3))
        assert [(g.key, g.projects) for g in by_province] == [
            ("เชียงใหม่", 2), ("กระบี่", 21)]  # 1 July 2020 is in quarter 4
        with pytest.raises(ValueError):
            totals_by(s, "ministry", Filters())


def test_pages_and_search(app: Any) -> None:
    with app.db.read() as s:
        first = project_page(s, "", 1)
        assert (first.total, first.pages, len(first.rows)) == (43, 5, 10)
        assert first.rows[0]["name"] == "โครงการติดตั้งไฟฟ้าส่องสว่างถนนสาธารณะ"  # largest budget
        last = project_page(s, "", 99)
        assert (last.page, len(last.rows)) == (5, 3)
        krabi_roads = project_page(s, "ถนน จังหวัดกระบี่", 2)
        assert (krabi_roads.total, krabi_roads.page) == (20, 2)
        assert all("ถนน" in r["name"] and r["province"] == "กระบี่" for r in krabi_roads.rows)
        assert project_page(s, "อบจ.เชียงใหม่").total == 2
        assert project_page(s, "ไม่มีคำนี้แน่นอน").total == 0


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("จังหวัดกระบี่มีโครงการกี่โครงการ", "จังหวัดกระบี่ มี 21 โครงการ"),
        ("งบประมาณรวมของ อบจ.เชียงใหม่เท่าไร",
         "งบประมาณรวมขององค์การบริหารส่วนจังหวัดเชียงใหม่ 784,587,000 บาท (2 โครงการ)"),
        ("โครงการติดตั้งไฟฟ้าส่องสว่างถนนสาธารณะ ของ อบจ.เชียงใหม่ งบเท่าไร",
         "โครงการติดตั้งไฟฟ้าส่องสว่างถนนสาธารณะ (องค์การบริหารส่วนจังหวัดเชียงใหม่ "
         "จังหวัดเชียงใหม่) งบประมาณ 700,000,000 บาท"),
        ("จ.ตรัง มีกี่โครงการ", "จังหวัดตรัง มี 20 โครงการ"),
    ],
)
def test_structured_questions(app: Any, question: str, expected: str) -> None:
    ans = answer_structured(app.db, question)
    assert ans is not None and ans.text.startswith(expected), ans
    assert ans.doc_ids


@pytest.mark.parametrize(("question", "expected"), [
    ("How many projects are there in total?", "All projects: 43 projects, total budget "),
    ("How many projects does จังหวัดกระบี่ have?", "Krabi province: 21 projects, total budget "),
    ("What is the total budget of จ.ตรัง? how much", "Total budget of Trang province: "),
])
def test_english_project_counts_lead_in_english(app: Any, question: str, expected: str) -> None:
    """An English count of the project lists was answered in Thai ("… มี 21 โครงการ")."""
    ans = answer_structured(app.db, question)
    assert ans is not None and ans.text.startswith(expected), ans
    assert "โครงการ" not in ans.text and "บาท" not in ans.text, ans.text


@pytest.mark.parametrize("question", ["ธนาคารขยะตั้งแล้วกี่แห่ง", "SDGs คืออะไร",
                                      "โครงการธนาคารขยะมีอะไรบ้าง",
                                      # the fiscal year ("ปีงบ") is no budget asked
                                      "ปีงบประมาณ 2567 จังหวัดตรังมีผู้ลงทะเบียนเท่าไร",
                                      "โครงการแก้หนี้ปีงบ 67 ช่วยได้เท่าไร"])
def test_other_questions_are_left_to_the_documents(app: Any, question: str) -> None:
    assert answer_structured(app.db, question) is None


def test_projects_chat_command_pages(app: Any) -> None:
    from bot.core import Core

    core = Core(app.db, app.index)
    msg = Message(platform="console", user_id="local", text="/projects ถนน กระบี่ หน้า 2")
    text = core.handle(msg)[0].text
    lines = text.split("\n")
    assert lines[0].endswith("20 โครงการ (หน้า 2/2)")
    assert [ln.split(".")[0] for ln in lines[1:]] == [str(n) for n in range(11, 21)]
    ask = core.handle(Message(platform="console", user_id="local",
                              text="งบประมาณรวมของ อบจ.เชียงใหม่เท่าไร"))
    assert "784,587,000 บาท" in ask[0].text


@pytest.mark.parametrize(
    ("arg", "query", "page"),
    [("", "", 1), ("2", "", 2), ("กระบี่ หน้า ๓", "กระบี่", 3), ("ถนน page 4", "ถนน", 4),
     ("ถนนสาย 2", "ถนนสาย 2", 1)],
)
def test_projects_argument(arg: str, query: str, page: int) -> None:
    a = parse_projects_arg(arg)
    assert (a.query, a.page) == (query, page)


def test_ask_cli_answers_from_the_database(run: Run, tmp_path: Path) -> None:
    home = tmp_path / "home"
    path = tmp_path / "projects.xlsx"
    path.write_bytes(_workbook())
    assert run(home, "ingest", str(path)).code == 0
    res = run(home, "ask", "จังหวัดตรังมีโครงการกี่โครงการ", "--json")
    obj = res.json()
    assert obj["found"] and obj["answer"].startswith("จังหวัดตรัง มี 20 โครงการ")
    assert obj["sources"][0]["title"] == "projects.xlsx"


def test_summary_totals_by_agency_and_province_with_a_filter(app: Any) -> None:
    from bot.summary_lists import lists_summary, lists_text, split_summary_arg

    q, rest = split_summary_arg("3/2563 จังหวัดกระบี่")
    assert (q.fiscal_year, q.quarter, rest) == (2563, 3, "จังหวัดกระบี่")
    whole = lists_summary(app.db, q)
    assert whole is not None and whole.projects == 23  # submitted in June 2020
    assert [g.key for g in whole.top_provinces] == ["เชียงใหม่", "กระบี่"]
    assert whole.top_agencies[0].key == "องค์การบริหารส่วนจังหวัดเชียงใหม่"
    krabi = lists_summary(app.db, q, rest)
    assert krabi is not None and (krabi.projects, krabi.top_provinces) == (21, ())
    text = lists_text(krabi)
    assert "ในจังหวัดกระบี่: 21 โครงการ" in text and "1. จังหวัดกระบี่ — 1 โครงการ" in text
    dla = lists_summary(app.db, q, "สถ.")
    assert dla is not None and dla.filters.agency == "กรมส่งเสริมการปกครองท้องถิ่น"
    nowhere = lists_summary(app.db, q, "ดาวอังคาร")
    assert nowhere is not None and "no such agency or province" in lists_text(nowhere)
    with pytest.raises(ValueError, match="quarter must be 1-4"):
        split_summary_arg("5/2566 จังหวัดกระบี่")


def test_the_quarters_beside_a_filtered_summary_keep_its_filter(app: Any, tmp_path: Path) -> None:
    """◀/▶ of ``/summary 3/2563 AGENCY`` summarise that agency too (its name is 90 bytes:
    more than Telegram's button data holds, bot.buttons keeps it)."""
    from bot.core import Core
    from bot.summary_view import summary_replies

    core = Core(app.db, app.index, media_dir=tmp_path / "media")
    agency = "กรมส่งเสริมการปกครองท้องถิ่น"
    text = summary_replies(core, f"3/2563 {agency}", defer=True)[0]
    assert [b.data for b in text.buttons] == [f"/summary 2/2563 {agency}",
                                              f"/summary 4/2563 {agency}"]
    plain = summary_replies(core, "3/2563", defer=True)[0]
    assert [b.data for b in plain.buttons] == ["/summary 2/2563", "/summary 4/2563"]


def test_summary_cli_json_has_the_lists(run: Run, tmp_path: Path) -> None:
    home = tmp_path / "home"
    path = tmp_path / "projects.xlsx"
    path.write_bytes(_workbook())
    assert run(home, "ingest", str(path)).code == 0
    res = run(home, "summary", "4/2563", "จังหวัดตรัง", "--json")
    assert res.code == 0, res.err
    lists = res.json()["lists"]
    assert (lists["province"], lists["projects"], lists["budget_baht"]) == ("ตรัง", 20, 10_000_000)
    assert lists["top_agencies"] == [
        {"name": "กรมส่งเสริมการปกครองท้องถิ่น", "projects": 20, "budget_baht": 10_000_000,
         "budget_unknown_projects": 0}]
    # A filter that names no agency or province is an error: no unfiltered file under it.
    wrong = tmp_path / "wrong.xlsx"
    res = run(home, "summary", "4/2563", "จังหวัดไม่มีจริง", "--xlsx", str(wrong))
    assert res.code != 0 and "จังหวัดไม่มีจริง" in res.err and not wrong.exists(), res.err
    # the ingest's end made every quarter's listed projects' workbook for /summary
    made = sorted(p.name.rsplit("-", 1)[0] for p in (home / "media").glob("listed-*.xlsx"))
    assert made == ["listed-2563-q3", "listed-2563-q4"], made
    docs = run(home, "docs", "--json").json()
    (book,) = [d["id"] for d in docs if d["projects"]]
    before = set((home / "media").glob("listed-*.xlsx"))
    assert run(home, "remove", str(book)).code == 0  # the lists gone: nothing new to make
    assert set((home / "media").glob("listed-*.xlsx")) == before
    assert run(home, "ingest", str(path)).code == 0  # back: new rows, new workbooks
    assert len(set((home / "media").glob("listed-*.xlsx")) - before) == 2


def test_a_project_not_in_the_lists_is_left_to_the_documents(app: Any) -> None:
    question = "โครงการขับเคลื่อน SDGs ของกระทรวงมหาดไทยได้งบประมาณเท่าไร"
    assert answer_structured(app.db, question) is None


def _unknown_budgets(tmp_path: Path, second_province: str) -> Path:
    """A workbook of three projects, two of them with no budget (ตรัง 2, กระบี่ 1).

    ``second_province``: how the second (7,000 บาท) row writes ตรัง ("+ตรัง": a stray sign).
    """
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["ชื่อโครงการ", "วงเงินงบประมาณ (บาท)", "หน่วยรับงบประมาณ", "จังหวัด",
               "วันเสนอโครงการ"])
    ws.append(["ขุดลอกคลอง", None, "อบต.นาโยงเหนือ", "ตรัง", dt.datetime(2563, 7, 1)])
    ws.append(["ซ่อมถนน", 7_000, "อบต.นาโยงใต้", second_province, dt.datetime(2563, 7, 1)])
    ws.append(["ขุดบ่อ", None, "อบต.บ้านนา", "กระบี่", dt.datetime(2563, 7, 1)])
    path = tmp_path / "unknown.xlsx"
    wb.save(path)
    return path


def test_an_unknown_listed_budget_is_never_0_baht_and_a_stray_sign_no_province(
        run: Run, tmp_path: Path) -> None:
    # A budget cell left empty (or a formula saved without its value) is unknown: the
    # province ranking said "ตรัง — 1 โครงการ, 0 บาท", and "+ตรัง" was a province.
    path = _unknown_budgets(tmp_path, "+ตรัง")
    home = tmp_path / "home"
    assert run(home, "ingest", str(path)).code == 0
    res = run(home, "summary", "4/2563", "--json")
    assert res.code == 0, res.err
    lists = res.json()["lists"]
    assert (lists["projects"], lists["budget_baht"], lists["budget_unknown_projects"]) == (
        3, 7_000, 2)
    by_province = {g["name"]: g for g in lists["top_provinces"]}
    assert set(by_province) == {"ตรัง", "กระบี่"}
    assert (by_province["ตรัง"]["projects"], by_province["ตรัง"]["budget_baht"],
            by_province["ตรัง"]["budget_unknown_projects"]) == (2, 7_000, 1)
    assert by_province["กระบี่"]["budget_baht"] is None  # its only project's is unknown
    text = run(home, "summary", "4/2563").out
    assert "กระบี่ — 1 โครงการ, งบประมาณไม่ทราบ" in text
    assert "ตรัง — 2 โครงการ, 7,000 บาท (ไม่รวม 1 โครงการที่ไม่ทราบงบประมาณ)" in text
    assert not re.search(r"โครงการ, 0 บาท", text) and "+ตรัง" not in text


@pytest.mark.parametrize(("question", "expected"), [
    ("งบประมาณรวมของจังหวัดตรังเท่าไร",
     "งบประมาณรวมของจังหวัดตรัง 7,000 บาท (ไม่รวม 1 โครงการที่ไม่ทราบงบประมาณ)"),
    ("จังหวัดตรังมีกี่โครงการ", "จังหวัดตรัง มี 2 โครงการ งบประมาณรวม 7,000 บาท (ไม่รวม 1 โครงการ"),
    ("งบประมาณรวมของจังหวัดกระบี่เท่าไร", "งบประมาณรวมของจังหวัดกระบี่ ไม่ทราบ"),
    # An English reply names a province in English (it printed "ตรัง province").
    ("How many projects are there in Trang?",
     "Trang province: 2 projects, total budget 7,000 baht (not counting 1 project with no budget"),
    ("What is the total budget of the projects in Krabi province?",
     "Total budget of Krabi province: not stated in the lists"),
])
def test_a_chat_total_says_which_budgets_it_leaves_out(
        make_app: Callable[..., Any], db_url: str, tmp_path: Path, question: str,
        expected: str) -> None:
    # The chat's total of a province or agency said "2,100,000 บาท (4 โครงการ)" where one
    # of the 4 budgets was not stated: the summary told it, the chat hid it.
    from bot.documents import ingest_paths

    path = _unknown_budgets(tmp_path, "ตรัง")
    app = make_app(db_url)
    ingest_paths(app.db, app.index, [path])
    ans = answer_structured(app.db, question)
    assert ans is not None and ans.text.startswith(expected), ans
    assert "0 บาท" not in ans.text.replace("7,000 บาท", "")


@pytest.mark.parametrize(("question", "lead", "said"), [
    # Tester 20 (A4): the year and the topic a question names are counted, never the
    # province's total as if it were the part.
    ("จังหวัดกระบี่มีโครงการกี่โครงการในปีงบประมาณ 2564", "จังหวัดกระบี่ ปีงบ 2564 มี 0 โครงการ",
     "ปีงบ 2563 มี 21 โครงการ"),
    ("จังหวัดกระบี่มีโครงการกี่โครงการในปีงบประมาณ 2563", "จังหวัดกระบี่ ปีงบ 2563 มี 21 โครงการ",
     ""),
    ("จังหวัดกระบี่มีโครงการกี่โครงการในปี 63", "จังหวัดกระบี่ ปีงบ 2563 มี 21 โครงการ", ""),
    ("จังหวัดกระบี่มีโครงการด้านถนนกี่โครงการ", "จังหวัดกระบี่ มี 20 โครงการ", "“ถนน”"),
    ("จังหวัดตรังมีโครงการด้านถนนกี่โครงการ", "จังหวัดตรัง มี 0 โครงการ", "“ถนน”"),
    ("งบประมาณรวมของโครงการถนนในจังหวัดกระบี่เท่าไร",
     "งบประมาณรวมของจังหวัดกระบี่ 20,000,190 บาท (20 โครงการ)", "“ถนน”"),
    ("How many projects does Krabi have in FY2021?", "Krabi province, FY2564: 0 projects",
     "FY2563: 21 projects"),
    ("How many projects does Krabi have in 2020?", "Krabi province, FY2563: 21 projects", ""),
])
def test_a_year_or_topic_asked_is_counted_or_said_to_be_the_whole(
        app: Any, question: str, lead: str, said: str) -> None:
    ans = answer_structured(app.db, question)
    assert ans is not None and ans.text.startswith(lead), ans and ans.text
    assert said in ans.text, ans.text


def test_a_year_the_lists_cannot_tell_is_said_to_be_all_years(
        make_app: Callable[..., Any], db_url: str, tmp_path: Path) -> None:
    from bot.documents import ingest_paths

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["ชื่อโครงการ", "วงเงินงบประมาณ (บาท)", "หน่วยรับงบประมาณ", "กระทรวง", "จังหวัด"])
    for i in range(3):
        ws.append([f"ขุดลอกคลองที่ {i + 1}", 500_000, "กรมส่งเสริมการปกครองท้องถิ่น",
                   "กระทรวงมหาดไทย", "ลำปาง"])
    path = tmp_path / "undated.xlsx"
    wb.save(str(path))
    app = make_app(db_url)
    ingest_paths(app.db, app.index, [path])
    ans = answer_structured(app.db, "จังหวัดลำปางมีโครงการกี่โครงการในปีงบประมาณ 2564")
    assert ans is not None and ans.text.startswith("จังหวัดลำปาง มี 3 โครงการ"), ans and ans.text
    assert "ตัวเลขนี้เป็นของทุกปี" in ans.text
