"""Quarter summaries: pure numbers, JSON shape, workbook, chart, and the real database."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import unicodedata
import warnings
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from knowledge.summary import (
    ProjectInfo,
    QuarterSummary,
    ReportRow,
    SummaryData,
    UpdateRow,
    highlights,
    summarize,
)
from knowledge.thai import FiscalQuarter

Q2 = FiscalQuarter(2566, 2)
UTC = dt.UTC
LONG_NAME = (
    "โครงการส่งเสริมการคัดแยกขยะต้นทางและจัดตั้งธนาคารขยะชุมชนเพื่อการพัฒนาที่ยั่งยืน"
    "ในองค์กรปกครองส่วนท้องถิ่นทุกแห่งทั่วประเทศ"
)
RESULTS = (
    "ผลการดำเนินงาน\n"
    "1.ตั้งธนาคารขยะครบทุก อปท. จำนวน ๑๔,๖๕๘ แห่ง\n"
    "2. อบรมอาสาสมัครท้องถิ่น 300 คน ในพื้นที่นำร่อง ได้ดังนี้\n"
    "2.1 ภาคเหนือ 100 คน\n"
    "2.2 ภาคใต้ 200 คน\n"
)


def at(month: int, day: int, year: int = 2023) -> dt.datetime:
    return dt.datetime(year, month, day, 3, 0, tzinfo=UTC)


def make_data() -> SummaryData:
    """Four projects in two agencies; updates in and outside quarter 2/2566."""
    projects = (
        ProjectInfo(1, "ตท.สป.", LONG_NAME),
        ProjectInfo(2, "สถ.", "หมู่บ้านยั่งยืน"),
        ProjectInfo(3, "ตท.สป.", "แฟชั่นผ้าไทย"),
        ProjectInfo(4, "สถ.", "ถังขยะเปียกลดโลกร้อน"),
    )
    reports = (
        # project 1: an older form (1/2566) and the quarter's form (2/2566)
        ReportRow(10, 1, 2566, 1, budget_baht=Decimal("9684500"),
                  disbursement_target_baht=Decimal("1000000"),
                  disbursement_actual_baht=Decimal("900000"), target_level=3, result_level=3,
                  sdg_goals=(1,)),
        ReportRow(11, 1, 2566, 2, dt.date(2023, 1, 1), dt.date(2023, 3, 31),
                  budget_baht=Decimal("9684500"), target_level=5, result_level=4,
                  disbursement_target_baht=Decimal("2000000"),
                  disbursement_actual_baht=Decimal("1500000"), results_text=RESULTS,
                  problems="งบประมาณล่าช้า", sdg_goals=(1, 17)),
        # project 2: only a 1/2566 form (its budget counts for the fiscal year)
        ReportRow(20, 2, 2566, 1, budget_baht=Decimal("3000000"), target_level=4,
                  result_level=2, disbursement_target_baht=Decimal("500000"),
                  disbursement_actual_baht=Decimal("400000"), sdg_goals=(12,)),
        # project 3: a 1/2566 form, nothing in 2/2566 → not reported
        ReportRow(30, 3, None, None, period_end=dt.date(2022, 12, 31),
                  budget_baht=Decimal("100")),
        # project 4: first form only in 3/2566 → not yet expected in 2/2566
        ReportRow(40, 4, 2566, 3, budget_baht=Decimal("700000"), target_level=5,
                  result_level=5, disbursement_actual_baht=Decimal("70000")),
    )
    updates = (
        UpdateRow(100, 1, 2566, 1, at(12, 20, 2022), "ไตรมาสก่อน เบิกจ่าย 777 บาท",
                  amount_baht=Decimal("777")),
        UpdateRow(101, 1, 2566, 2, at(3, 1), "เบิกจ่ายเพิ่ม 500,000 บาท ระดับ 5",
                  amount_baht=Decimal("500000"), level=5, author_role="officer"),
        UpdateRow(102, 2, 2566, 2, at(1, 10), "เบิกจ่าย 250,000 บาท ระดับ 3",
                  amount_baht=Decimal("250000"), level=3),
        UpdateRow(103, 2, 2566, 2, at(2, 1), "ซื้อวัสดุ 100,000.50 บาท",
                  amount_baht=Decimal("100000.50"), percent=Decimal("40")),
        UpdateRow(104, 2, 2566, 3, at(4, 2), "ไตรมาสถัดไป 999 บาท",
                  amount_baht=Decimal("999"), level=4),
    )
    return SummaryData(projects, reports, updates)


@pytest.fixture
def q2() -> QuarterSummary:
    return summarize(make_data(), Q2)


# -- pure numbers ---------------------------------------------------------------------------------
def test_projects_merge_form_and_updates(q2: QuarterSummary) -> None:
    assert [p.id for p in q2.projects] == [1, 2]
    p1, p2 = q2.projects
    assert p1.budget_baht == Decimal("9684500")
    assert p1.disbursement_target_baht == Decimal("2000000")
    assert p1.report_disbursement_baht == Decimal("1500000")
    assert p1.updates_amount_baht == Decimal("500000")
    assert p1.disbursement_actual_baht == Decimal("2000000")
    assert p1.budget_share_percent == Decimal("20.65")  # 2,000,000 / 9,684,500
    assert (p1.target_level, p1.result_level, p1.latest_update_level) == (5, 4, 5)
    assert p1.updates == 1
    assert p1.latest_update == "เบิกจ่ายเพิ่ม 500,000 บาท ระดับ 5"
    assert p1.has_report and p1.problems == "งบประมาณล่าช้า"
    assert p1.sdg_goals == (1, 17)

    # project 2: no form this quarter — budget from the same fiscal year's form, no levels
    assert p2.budget_baht == Decimal("3000000")
    assert p2.disbursement_target_baht is None
    assert p2.report_disbursement_baht == 0
    assert p2.disbursement_actual_baht == Decimal("350000.50")
    assert p2.budget_share_percent == Decimal("11.67")
    assert (p2.target_level, p2.result_level) == (None, None)
    assert p2.latest_update_level == 3
    assert p2.updates == 2
    assert p2.latest_update == "ซื้อวัสดุ 100,000.50 บาท"
    assert p2.latest_update_at == at(2, 1)
    assert not p2.has_report and p2.highlights == ()
    assert p2.sdg_goals == (12,)
    assert all(isinstance(p.disbursement_actual_baht, Decimal) for p in q2.projects)


def test_totals_agencies_sdgs_and_not_reported(q2: QuarterSummary) -> None:
    t = q2.totals
    assert (t.projects, t.updates) == (2, 3)
    assert t.budget_baht == Decimal("12684500")
    assert t.disbursement_target_baht == Decimal("2000000")
    assert t.disbursement_actual_baht == Decimal("2350000.50")
    assert {a.agency: (a.totals.projects, a.totals.disbursement_actual_baht)
            for a in q2.agencies} == {"ตท.สป.": (1, Decimal("2000000")),
                                     "สถ.": (1, Decimal("350000.50"))}
    assert q2.sdg_goals == (1, 12, 17)
    assert [p.id for p in q2.not_reported] == [3]  # project 4 starts only in 3/2566
    assert [u.id for u in q2.updates] == [102, 103, 101]


def test_other_quarters() -> None:
    q3 = summarize(make_data(), FiscalQuarter(2566, 3))
    assert [p.id for p in q3.projects] == [2, 4]
    p2, p4 = q3.projects
    assert p2.disbursement_actual_baht == Decimal("999")
    assert p4.disbursement_actual_baht == Decimal("70000")
    assert [p.id for p in q3.not_reported] == [1, 3]

    q1 = summarize(make_data(), FiscalQuarter(2566, 1))
    assert {p.id: p.disbursement_actual_baht for p in q1.projects} == {
        1: Decimal("900777"), 2: Decimal("400000"), 3: Decimal("0")}

    old = summarize(make_data(), FiscalQuarter(2400, 2))
    assert old.is_empty and old.not_reported == ()
    assert old.totals.projects == 0 and old.totals.budget_baht == 0


def test_refiled_form_replaces_earlier_one() -> None:
    data = make_data()
    newer = ReportRow(12, 1, 2566, 2, budget_baht=Decimal("9684500"),
                      disbursement_actual_baht=Decimal("1600000"), target_level=5, result_level=5)
    s = summarize(SummaryData(data.projects, (*data.reports, newer), data.updates), Q2)
    assert s.projects[0].disbursement_actual_baht == Decimal("2100000")
    assert s.projects[0].result_level == 5


def test_highlights_take_first_sentences_of_numbered_items() -> None:
    assert highlights(RESULTS) == (
        "ตั้งธนาคารขยะครบทุก อปท. จำนวน 14,658 แห่ง",
        "อบรมอาสาสมัครท้องถิ่น 300 คน ในพื้นที่นำร่อง",
        "ภาคเหนือ 100 คน",
    )
    assert highlights(RESULTS, limit=2)[1].startswith("อบรม")
    assert highlights(None) == () and highlights("  ") == ()
    assert highlights("ดำเนินการแล้วเสร็จ") == ("ดำเนินการแล้วเสร็จ",)
    long = highlights("1. " + "การพัฒนาที่ยั่งยืน " * 30)[0]
    assert len(long) <= 141 and long.endswith("…")
    # a wrapped line inside a Thai word is joined without a space
    assert highlights("1. การพัฒนา\nที่ยั่งยืน") == ("การพัฒนาที่ยั่งยืน",)


# -- presentation ---------------------------------------------------------------------------------
def test_summary_json_shape(q2: QuarterSummary) -> None:
    from bot.cli import dumps
    from bot.summary_view import summary_json

    obj = json.loads(dumps(summary_json(q2)))
    assert {"fiscal_year", "quarter", "period_start", "period_end", "projects",
            "totals"} <= obj.keys()
    assert (obj["fiscal_year"], obj["quarter"]) == (2566, 2)
    assert (obj["period_start"], obj["period_end"]) == ("2023-01-01", "2023-03-31")
    contract = {"id", "name", "agency", "budget_baht", "disbursement_target_baht",
                "disbursement_actual_baht", "target_level", "result_level", "updates",
                "latest_update"}
    for p in obj["projects"]:
        assert contract <= p.keys()
        assert isinstance(p["updates"], int)
        assert p["latest_update"] is None or isinstance(p["latest_update"], str)
    assert obj["projects"][1]["disbursement_actual_baht"] == 350000.5
    assert obj["projects"][1]["disbursement_target_baht"] is None
    assert obj["totals"] == {"projects": 2, "budget_baht": 12684500,
                             "disbursement_target_baht": 2000000,
                             "disbursement_actual_baht": 2350000.5, "updates": 3,
                             "budget_unknown_projects": 0, "target_unknown_projects": 1}
    assert obj["sdg_goals"] == [1, 12, 17]
    assert [a["agency"] for a in obj["agencies"]] == ["ตท.สป.", "สถ."]
    assert obj["not_reported"] == [{"id": 3, "name": "แฟชั่นผ้าไทย", "agency": "ตท.สป."}]


def test_summary_text_is_thai_and_short(q2: QuarterSummary) -> None:
    from bot.summary_view import CHAT_MAX_CHARS, summary_text

    text = summary_text(q2, max_projects=8)
    assert "สรุปไตรมาส 2/2566" in text
    assert "1 ม.ค. 2566 – 31 มี.ค. 2566" in text  # Buddhist-era dates
    assert "9,684,500 บาท (9.6845 ล้านบาท)" in text
    assert "350,000.50 บาท" in text
    assert "ยังไม่รายงาน (1): [#3] แฟชั่นผ้าไทย" in text
    assert "SDG 1, SDG 12, SDG 17" in text
    assert "แยกตามหน่วยงาน" in text
    assert len(text) <= CHAT_MAX_CHARS

    empty = summary_text(summarize(make_data(), FiscalQuarter(2400, 2)))
    assert "ไม่มีแบบรายงานหรืออัปเดต" in empty and "no report forms" not in empty


def test_xlsx_round_trip(q2: QuarterSummary, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from bot.summary_view import write_xlsx

    path = write_xlsx(q2, tmp_path / "q2.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == ["projects", "agencies", "updates"]
    ws = wb["projects"]
    for sheet in wb.worksheets:  # the quarter is named in a title row, not only in properties
        assert str(sheet["A1"].value).startswith("สรุปไตรมาส 2/2566 (1 ม.ค. 2566 – 31 มี.ค. 2566)")
    header = [c.value for c in ws[2]]
    assert header[0] == "รหัส (id)" and "เบิกจ่ายรวม (disbursement_actual_baht)" in header
    col = {h: i for i, h in enumerate(header)}
    rows = list(ws.iter_rows(min_row=3))
    assert len(rows) == 2
    actual = rows[1][col["เบิกจ่ายรวม (disbursement_actual_baht)"]]
    assert actual.data_type == "n" and actual.value == pytest.approx(350000.5)
    assert actual.number_format == "#,##0.00"
    share = rows[0][col["ร้อยละของงบ (budget_share)"]]
    assert share.value == pytest.approx(0.2065) and share.number_format == "0.00%"
    assert rows[0][col["ระดับที่ได้ (result_level)"]].value == 4
    assert rows[1][col["ระดับที่ได้ (result_level)"]].value is None

    ag = [[c.value for c in r] for r in wb["agencies"].iter_rows(min_row=3)]
    assert ag[-1][0] == "รวมทั้งหมด (total)"
    assert ag[-1][1:5] == [2, 12684500, 2000000, pytest.approx(2350000.5)]
    # A figure no form states is a blank cell (unknown), never a 0.
    assert all(isinstance(v, int | float) or v is None for r in ag for v in r[1:5])

    ups = list(wb["updates"].iter_rows(min_row=3, values_only=True))
    assert [u[0] for u in ups] == [102, 103, 101]
    assert ups[0][1] == dt.datetime(2023, 1, 10, 10, 0)  # Bangkok local time
    assert ups[1][5] == pytest.approx(100000.5)


# -- chart ----------------------------------------------------------------------------------------
def test_sarabun_is_the_font_matplotlib_resolves() -> None:
    import fontpkg_sarabun
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    from bot.chart import FONT_FAMILY, register_thai_font

    assert register_thai_font() == FONT_FAMILY == fontpkg_sarabun.FAMILY
    found = Path(font_manager.findfont(font_manager.FontProperties(family=FONT_FAMILY),
                                       fallback_to_default=False))
    assert found.name == "Sarabun-Regular.ttf"
    assert Path(fontpkg_sarabun.ROOT) in found.parents
    # Sarabun covers every character the chart writes in Thai
    cmap = FT2Font(str(found)).get_charmap()
    for ch in LONG_NAME + "สรุปไตรมาสงบประมาณเบิกจ่ายจริงระดับความสำเร็จ…–":
        assert ord(ch) in cmap, ch


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def test_chart_is_png_without_missing_glyphs(q2: QuarterSummary, tmp_path: Path) -> None:
    from bot.chart import render_summary_chart

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        path = render_summary_chart(q2, tmp_path / "q2.png")
        empty = render_summary_chart(summarize(make_data(), FiscalQuarter(2400, 2)),
                                     tmp_path / "empty.png")
    assert not [w for w in caught if "Glyph" in str(w.message)], [str(w.message) for w in caught]
    assert not caught
    width, height = _png_size(path)
    assert width > 800 and height > 300
    assert _png_size(empty)[0] > 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.png", "q2.png"]  # no temp left


def test_wrap_thai_keeps_marks_with_their_letters() -> None:
    from bot.chart import wrap_thai

    wrapped = wrap_thai(LONG_NAME, width=20, max_lines=2)
    lines = wrapped.split("\n")
    assert len(lines) == 2 and lines[-1].endswith("…")
    for line in lines:
        assert not unicodedata.combining(line[0]) and unicodedata.category(line[0]) != "Mn"
    assert wrap_thai("หมู่บ้านยั่งยืน") == "หมู่บ้านยั่งยืน"
    assert "".join(wrap_thai(LONG_NAME, width=20, max_lines=99).split("\n")) == LONG_NAME


# -- quarter argument -----------------------------------------------------------------------------
def test_resolve_quarter() -> None:
    from bot.summary_view import resolve_quarter

    for text in ("2/2566", "Q2 2566", "Q2/66", "ไตรมาส 2 ปีงบ 66", "ไตรมาสที่ ๒/๒๕๖๖"):
        assert resolve_quarter(text) == Q2
    assert resolve_quarter("", today=dt.date(2023, 10, 5)) == FiscalQuarter(2567, 1)
    assert resolve_quarter("2/2400") == FiscalQuarter(2400, 2)
    with pytest.raises(ValueError, match=r"ไตรมาส[^\n]*\nquarter must be 1-4") as err:
        resolve_quarter("5/2566")
    assert " — " not in str(err.value)  # each language on its own line


# -- through the real database --------------------------------------------------------------------
def _args(*quarter: str, **kw: Any) -> argparse.Namespace:
    return argparse.Namespace(quarter=list(quarter), json=kw.get("json", False),
                              xlsx=kw.get("xlsx"), chart=kw.get("chart"))


def test_seed_database_summary(make_app: Callable[..., Any], tmp_path: Path,
                               capsys: pytest.CaptureFixture[str]) -> None:
    from bot.cli import dumps
    from bot.summary_view import load_summary, run_summary_command
    from knowledge.updates import NewUpdate, store_update

    app = make_app()
    s = load_summary(app.db, Q2)
    assert [(p.id, p.agency) for p in s.projects] == [(1, "ตท.สป.")]
    p = s.projects[0]
    assert p.budget_baht == Decimal("9684500")
    assert (p.target_level, p.result_level) == (5, 5)
    assert p.disbursement_target_baht == 0 and p.disbursement_actual_baht == 0
    assert s.sdg_goals == (1, 17) and len(p.highlights) == 3

    with app.db.write() as session:
        for i, (q, amount) in enumerate([(Q2, "250000"), (FiscalQuarter(2566, 3), "1")]):
            store_update(session, NewUpdate(
                project_id=1, platform="console", platform_message_id=f"m{i}",
                text=f"เบิกจ่าย {amount} บาท ระดับ 4", quarter=q, amount_baht=Decimal(amount),
                level=4, at=at(2, 15)), open_from=q)

    xlsx, chart = tmp_path / "s.xlsx", tmp_path / "s.png"
    assert run_summary_command(app, _args("Q2", "2566", json=True, xlsx=str(xlsx),
                                          chart=str(chart)), dumps) == 0
    out = capsys.readouterr()
    obj = json.loads(out.out)
    assert obj["projects"][0]["disbursement_actual_baht"] == 250000
    assert obj["projects"][0]["updates"] == 1
    assert obj["projects"][0]["latest_update"] == "เบิกจ่าย 250000 บาท ระดับ 4"
    assert obj["totals"]["budget_baht"] == 9684500
    assert str(chart) in out.err and str(xlsx) in out.err
    assert _png_size(chart)[0] > 0 and xlsx.stat().st_size > 0

    assert run_summary_command(app, _args("2/2560"), dumps) == 0
    assert "ไม่มีแบบรายงานหรืออัปเดต" in capsys.readouterr().out
    with pytest.raises(ValueError, match="fiscal year 2400 is outside"):
        run_summary_command(app, _args("2/2400"), dumps)

    with pytest.raises(ValueError, match="quarter must be 1-4"):
        run_summary_command(app, _args("5/2566", xlsx=str(tmp_path / "x.xlsx")), dumps)
    with pytest.raises(ValueError, match="not found"):
        run_summary_command(app, _args("2/2566", xlsx=str(tmp_path / "no" / "x.xlsx")), dumps)
    assert not (tmp_path / "x.xlsx").exists()
    with pytest.raises(ValueError, match=r"must end in \.xlsx"):
        run_summary_command(app, _args("2/2566", xlsx=str(tmp_path / "s.csv")), dumps)
    assert not (tmp_path / "s.csv").exists()


def test_chat_summary_replies(make_app: Callable[..., Any], tmp_path: Path) -> None:
    from bot.core import Core
    from bot.summary_view import summary_replies

    app = make_app()
    media = tmp_path / "media"
    core = Core(app.db, app.index, media_dir=media,
                clock=lambda: dt.datetime(2023, 5, 1, 12, tzinfo=UTC))  # in 3/2566
    text, chart, book = summary_replies(core, "ไตรมาส 2 ปีงบ 66")
    assert "สรุปไตรมาส 2/2566" in text.text and "9,684,500 บาท" in text.text
    assert [b.data for b in text.buttons] == ["/summary 1/2566", "/summary 3/2566"]
    assert chart.image is not None and chart.image.parent == media
    assert _png_size(chart.image)[0] > 0
    assert book.file is not None and book.file.parent == media and book.file.suffix == ".xlsx"
    from openpyxl import load_workbook

    wb = load_workbook(book.file, read_only=True)
    assert wb.sheetnames == ["projects", "agencies", "updates"]  # no project lists here
    wb.close()
    # the same data again: the same files, not drawn again
    again = summary_replies(core, "ไตรมาส 2 ปีงบ 66")
    assert again[1].image == chart.image and again[2].file == book.file

    (current,) = summary_replies(core, "")  # 3/2566: no data, the seed project not reported
    assert "สรุปไตรมาส 3/2566" in current.text and "ยังไม่รายงาน (1)" in current.text
    assert current.image is None

    (err,) = summary_replies(core, "5/2566")
    assert "ไตรมาสต้องเป็น 1–4" in err.text and err.image is None

    # A province filters the report forms too (tester20 C3): the ministry-wide form is
    # in no province, and the reply says what it is narrowed to.
    (narrowed,) = summary_replies(core, "2/2566 จังหวัดเชียงใหม่")
    assert "เฉพาะโครงการตามแบบรายงานของ “จังหวัดเชียงใหม่”" in narrowed.text, narrowed.text
    assert "9,684,500" not in narrowed.text and "ไม่มีแบบรายงาน" in narrowed.text
    # A filter nothing can apply is said so, as the command line says it: never the
    # unfiltered summary under words the manager asked to narrow it by.
    (wrong,) = summary_replies(core, "2/2566 ดาวอังคาร")
    assert "ยังไม่มีบัญชีโครงการ" in wrong.text and "สรุปไตรมาส" not in wrong.text
    assert "no project lists" not in wrong.text  # a Thai reply is Thai only
    (wrong_en,) = summary_replies(core, "2/2566 ดาวอังคาร", english=True)
    assert "No project lists or report forms" in wrong_en.text and "ยังไม่มี" not in wrong_en.text
    assert wrong.file is None and wrong.image is None
    # Words without a quarter first are no filter either: the forms /summary takes.
    (wrong,) = summary_replies(core, "abc")
    assert "กรุณาระบุไตรมาส" in wrong.text and "/summary 2/2566" in wrong.text
    assert "สรุปไตรมาส" not in wrong.text and wrong.file is None and wrong.image is None


# -- what a person opens: no crash, no formula (issue 13, fault 3) ---------------------------------
HOSTILE_UPDATES = [
    "ประชุมแล้ว\x0bบรรทัดใหม่จาก Word",
    "หน้าใหม่\x0cต่อ",
    "ตัวคั่น\x1c\x1d\x1e\x1fท้าย",
    '=HYPERLINK("http://evil.example/x","คลิก")',
    "=1+1",
    "+66 81 234 5678 โทรแจ้ง",
    "-5 แห่ง",
    "@SUM(A1:A9)",
    "\tเว้นวรรค",
    "\rขึ้นบรรทัด",
    "_x000D_ ไม่ใช่การขึ้นบรรทัด",  # Excel's own escape, typed: shown as typed
]


def test_hostile_update_texts_make_a_plain_text_workbook(
    make_app: Callable[..., Any], tmp_path: Path, run: Any
) -> None:
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.escape import unescape

    from bot.summary_view import cell_text
    from knowledge.updates import NewUpdate, store_update

    app = make_app()
    with app.db.write() as session:
        for i, text in enumerate(HOSTILE_UPDATES):
            store_update(session, NewUpdate(
                project_id=1, platform="console", platform_message_id=f"h{i}", text=text,
                quarter=Q2, at=at(2, 1 + i)), open_from=Q2)
    home = Path(app.settings.home)
    xlsx = tmp_path / "q.xlsx"
    res = run(home, "summary", "2/2566", "--xlsx", str(xlsx))
    assert res.code == 0, res.err
    assert "Traceback" not in res.err
    with zipfile.ZipFile(xlsx) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in z.read(name) and b"<f " not in z.read(name)
    ws = load_workbook(xlsx)["updates"]
    header = [c.value for c in ws[2]]
    col = header.index("ข้อความ (text)")
    # A CR is stored as Excel's escape _x000D_ (what Excel reads back as a CR); openpyxl
    # leaves escapes in inline strings as they are, so they are read here as Excel would.
    cells = {unescape(c.value): c for c in (r[col] for r in ws.iter_rows(min_row=3))}
    assert "ประชุมแล้ว\nบรรทัดใหม่จาก Word" in cells  # Word's line break kept as a line break
    assert "ตัวคั่นท้าย" in cells
    for text in HOSTILE_UPDATES:
        # An XML parser without lxml reads a CR as LF; openpyxl with lxml keeps it.
        written = cell_text(text)
        cell = cells.get(written) or cells[written.replace("\r", "\n")]
        assert cell.data_type == "s", text
        if text[0] in "=+-@\t\r":
            assert cell.quotePrefix, text
    assert cells["=1+1"].value == "=1+1"  # kept as written, as text


def test_chart_labels_are_drawn_as_written(tmp_path: Path) -> None:
    from bot.chart import render_summary_chart

    data = make_data()
    odd = ProjectInfo(1, "ตท.สป.", r"ค่า $\frac{$ และ $x^2$ ")
    data = SummaryData(projects=(odd, *data.projects[1:]), reports=data.reports,
                       updates=data.updates)
    path = render_summary_chart(summarize(data, Q2), tmp_path / "c.png")
    assert _png_size(path)[0] > 0


def test_library_error_in_a_command_is_a_message_not_a_traceback(
    run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from openpyxl.utils.exceptions import IllegalCharacterError

    import bot.summary_view

    def broken(*a: object, **k: object) -> None:
        raise IllegalCharacterError("bad character")

    monkeypatch.setattr(bot.summary_view, "write_xlsx", broken)
    res = run(tmp_path / "home", "summary", "2/2566", "--xlsx", str(tmp_path / "q.xlsx"))
    assert res.code == 1
    assert "Traceback" not in res.err and "IllegalCharacterError" in res.err


def test_chart_is_written_in_the_format_named_and_files_follow_the_umask(
    make_app: Callable[..., Any], tmp_path: Path, run: Any
) -> None:
    """Issue 13, fault 8: ``--chart x.jpg`` wrote PNG bytes; files were always mode 0600."""
    import os

    app = make_app()
    home = Path(app.settings.home)
    old = os.umask(0o022)
    try:
        jpg, xlsx = tmp_path / "x.jpg", tmp_path / "q.xlsx"
        res = run(home, "summary", "2/2566", "--chart", str(jpg), "--xlsx", str(xlsx))
        assert res.code == 0, res.err
        assert jpg.read_bytes()[:3] == b"\xff\xd8\xff"  # JPEG, as named
        assert jpg.stat().st_mode & 0o777 == 0o644
        assert xlsx.stat().st_mode & 0o777 == 0o644
        svg = tmp_path / "x.svg"
        assert run(home, "summary", "2/2566", "--chart", str(svg)).code == 0
        assert b"<svg" in svg.read_bytes()[:400]
        gif = tmp_path / "x.gif"
        res = run(home, "summary", "2/2566", "--chart", str(gif))
        assert res.code == 1 and ".gif" in res.err and not gif.exists()
    finally:
        os.umask(old)


@pytest.mark.parametrize("alone", [False, True], ids=["in-summary", "own-workbook"])
def test_listed_sheet_keeps_hostile_names_as_text(q2: QuarterSummary, tmp_path: Path,
                                                  alone: bool) -> None:
    """Issue 14: names from a workbook never become formulas or error values either.

    The same in the listed projects' own workbook (what chat sends) as in the CLI's one.
    """
    import zipfile

    from openpyxl import load_workbook

    from bot.summary_view import write_xlsx
    from bot.summary_workbook import write_listed_xlsx
    from knowledge.project_queries import ListedRow

    hostile = ['=HYPERLINK("http://evil.example/x","คลิก")', "+66 81 234 5678", "-5 แห่ง",
               "@SUM(A1:A9)", "#N/A", "#DIV/0!", "ถนน\x0bสายใหม่", "ปกติ"]
    rows = [ListedRow(i + 1, name, f"อบต.{i}", "เชียงใหม่", Decimal(1000 + i),
                      dt.date(2023, 1, 5)) for i, name in enumerate(hostile)]
    if alone:
        path = write_listed_xlsx(q2.quarter, tmp_path / "listed.xlsx", iter(rows),
                                 listed_title="ทดสอบ")
        assert load_workbook(path, read_only=True).sheetnames == ["listed"]
    else:
        path = write_xlsx(q2, tmp_path / "listed.xlsx", iter(rows), listed_title="ทดสอบ")
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in z.read(name) and b"<f " not in z.read(name)
    ws = load_workbook(path)["listed"]
    assert str(ws["A1"].value).endswith("ทดสอบ")
    cells = [r[1] for r in ws.iter_rows(min_row=3)]
    assert [c.value for c in cells] == [*hostile[:6], "ถนน\nสายใหม่", "ปกติ"]
    assert all(c.data_type == "s" for c in cells)
    assert all(c.quotePrefix for c in cells[:4])  # formula-like: text if edited, too
    if not alone:  # XlsxWriter marks those alone; the listed workbook every text cell
        assert not any(c.quotePrefix for c in cells[4:])
    budget = next(ws.iter_rows(min_row=3))[4]
    assert budget.value == 1000 and budget.number_format == "#,##0.00"


def test_listed_workbook_keeps_awkward_cells(q2: QuarterSummary, tmp_path: Path) -> None:
    """What rustpy-xlsxwriter is given for the listed workbook, read back as Excel would.

    Formula-like text stays text (quote-prefixed), controls Excel cannot hold are gone
    (not stored as ``_x0001_`` escapes), text is cut between words to 32,767 characters
    with "…" (the library refuses longer), Thai is intact, every row is there, money and
    dates are numbers.
    """
    import zipfile

    from openpyxl import load_workbook

    from bot.summary_workbook import MAX_TEXT, write_listed_xlsx
    from knowledge.project_queries import ListedRow

    names = ["=1+1", "+66 81", "-5", "@A1", "\tแท็บ", "\rขึ้นบรรทัด", "ก\x01ข\x1fค\ufffe",
             "ถนน\x0cสาย", "_x000D_ พิมพ์เอง", "ก" * (MAX_TEXT + 10), "โครงการพัฒนาแหล่งน้ำ", "1234"]
    rows = [ListedRow(i + 1, name, f"=อบต.{i}" if i % 2 else f"อบต.{i}",
                      None if i == 3 else "เชียงใหม่",
                      float("nan") if i == 2 else 1000.5 + i,
                      None if i == 4 else dt.date(2023, 1, 5 + i))
            for i, name in enumerate(names)]
    path = write_listed_xlsx(q2.quarter, tmp_path / "listed.xlsx", iter(rows))
    with zipfile.ZipFile(path) as z:
        sheet = z.read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet and b"<f " not in sheet and b"_x0001_" not in sheet
    ws = load_workbook(path)["listed"]
    assert ws.freeze_panes == "A3" and ws.auto_filter.ref == f"A2:F{len(rows) + 2}"
    assert [c.value for c in ws[2]][:2] == ["รหัส (id)", "โครงการ (name)"]
    got = list(ws.iter_rows(min_row=3))
    assert [r[0].value for r in got] == list(range(1, len(rows) + 1))
    assert all(r[0].data_type == "n" for r in got)
    text = [r[1] for r in got]
    assert all(c.data_type == "s" and c.quotePrefix for c in text)
    assert [c.value for c in text[:4]] == names[:4]
    assert text[4].value == "\tแท็บ"
    assert text[5].value in ("_x000D_ขึ้นบรรทัด", "\rขึ้นบรรทัด")  # Excel's escape for a CR
    assert text[6].value == "กขค" and text[7].value == "ถนน\nสาย"
    assert text[8].value == "_x005F_x000D_ พิมพ์เอง"  # a typed escape shown as typed
    assert text[9].value == "ก" * (MAX_TEXT - 1) + "…"  # cut as chat cuts, said so
    assert text[10].value == "โครงการพัฒนาแหล่งน้ำ" and text[11].value == "1234"
    assert [r[2].value for r in got[:2]] == ["อบต.0", "=อบต.1"]
    assert all(r[2].data_type == "s" for r in got)
    assert got[3][3].value is None and got[0][3].value == "เชียงใหม่"
    assert got[0][4].value == 1000.5 and got[0][4].number_format == "#,##0.00"
    assert got[2][4].value is None  # NaN is never money
    assert got[0][5].value == dt.datetime(2023, 1, 5) and got[0][5].number_format == "yyyy-mm-dd"
    assert got[4][5].value is None


def test_scheduler_makes_the_summary_files_ahead_of_time(make_app: Callable[..., Any],
                                                         tmp_path: Path) -> None:
    """/summary finds the chart and workbook the scheduler made (no drawing while one waits)."""
    from bot.core import Core
    from bot.summary_view import summary_replies, warm_summary_files

    app = make_app()
    media = tmp_path / "media"
    assert warm_summary_files(app.db, media, Q2) is True
    made = sorted(p for p in media.iterdir() if not p.name.startswith("."))  # not the lock
    assert [p.suffix for p in made] == [".png", ".xlsx"]
    stamps = [p.stat().st_mtime_ns for p in made]
    assert warm_summary_files(app.db, media, Q2) is False  # unchanged data: nothing to do
    assert warm_summary_files(app.db, media, FiscalQuarter(2400, 2)) is False  # no data
    core = Core(app.db, app.index, media_dir=media,
                clock=lambda: dt.datetime(2023, 5, 1, 12, tzinfo=UTC))
    _text, chart, book = summary_replies(core, "2/2566")
    assert [chart.image, book.file] == made
    assert [p.stat().st_mtime_ns for p in made] == stamps


# -- the text first, the files made ahead (issue 14: /summary at 40,000 projects) ------------------
def _people(app: Any) -> None:
    from bot.users import add_user

    with app.db.write() as s:
        add_user(s, "console:boss", "manager", actor="test")
        add_user(s, "console:off1", "officer", actor="test")


def test_summary_text_does_not_wait_for_files_not_made_yet(make_app: Callable[..., Any],
                                                            tmp_path: Path) -> None:
    from bot.core import Core
    from bot.replies import Message, followers

    app = make_app()
    _people(app)
    media = tmp_path / "media"
    core = Core(app.db, app.index, media_dir=media,
                clock=lambda: dt.datetime(2023, 5, 1, 12, tzinfo=UTC))
    ask = Message("console", "boss", "/summary 2/2566")
    first = core.handle(ask, defer=True)  # what Telegram and the console send first
    assert "สรุปไตรมาส 2/2566" in first[0].text
    assert all(r.image is None and r.file is None for r in first)
    assert not list(media.glob("summary-*"))  # nothing was drawn or written for the text
    assert first[-1].followed_by is not None
    chart, book = followers(first[-1])  # made once the text is out
    assert chart.image is not None and chart.image.is_file()
    assert book.file is not None and book.file.is_file()
    # made now: the next /summary has them at once, nothing left to follow
    again = core.handle(ask, defer=True)
    assert [r.image for r in again if r.image] == [chart.image]
    assert [r.file for r in again if r.file] == [book.file]
    assert all(r.followed_by is None for r in again)
    # without defer (LINE's one reply, the command line): all of it, in order
    assert [r.text for r in core.handle(ask)] == [r.text for r in again]


def test_changed_data_gets_new_files_made_in_the_background(make_app: Callable[..., Any],
                                                            tmp_path: Path, db_url: str) -> None:
    """No stale file: an update in chat names new files, and the warmer makes them."""
    from openpyxl import load_workbook

    from bot.core import Core
    from bot.replies import Message

    app = make_app(database_url=db_url)
    _people(app)
    core = Core(app.db, app.index, media_dir=tmp_path / "media", warm_summary=True,
                clock=lambda: dt.datetime(2023, 2, 20, 5, tzinfo=UTC))  # in 2/2566
    warmer = core.summary_warmer
    assert warmer is not None
    assert warmer.wait_idle(120) and warmer.runs == 1  # at start: the files made
    warmer.delay = 0.0
    ask = Message("console", "boss", "/summary")
    made = core.handle(ask, defer=True)
    assert all(r.followed_by is None for r in made)  # nothing to make while one waits
    (old_book,) = [r.file for r in made if r.file]
    assert warmer.runs == 1  # asking changes nothing

    said = core.handle(Message("console", "off1", "/update 1 อบรมอาสาสมัครเพิ่ม 30 คน",
                               message_id="m-warm-1"))
    assert "บันทึกความคืบหน้าแล้ว" in said[0].text
    assert warmer.wait_idle(120) and warmer.runs == 2
    replies = core.handle(ask, defer=True)
    assert all(r.followed_by is None for r in replies)  # made already, by the warmer
    (book,) = [r.file for r in replies if r.file]
    assert book != old_book and old_book.is_file()  # the old file is never sent for new data
    wb = load_workbook(book, read_only=True)
    texts = [row[9] for row in wb["updates"].iter_rows(min_row=3, values_only=True)]
    wb.close()
    assert any("อบรมอาสาสมัครเพิ่ม 30 คน" in str(t) for t in texts)
    core.close()  # what the serving commands do when they stop
    warmer.poke()
    assert warmer.wait_idle(1) and warmer.runs == 2  # closed: nothing more runs


def test_console_warms_after_its_own_changes_not_at_start(
        make_app: Callable[..., Any], monkeypatch: pytest.MonkeyPatch) -> None:
    """``sdgbot chat``: an update typed there gets its /summary files made in the background."""
    import io

    import bot.adapters.console as console
    from bot.core import Core

    app = make_app()
    cores: list[Core] = []

    class Spy(Core):
        def __init__(self, *a: Any, **kw: Any) -> None:
            super().__init__(*a, **kw)
            cores.append(self)

    monkeypatch.setattr(console, "Core", Spy)
    lines = ["/summary\n", "/update 1 ประชุมติดตามผลในคอนโซล\n"]

    class Input(io.StringIO):
        def readline(self, size: int = -1) -> str:  # type: ignore[override]
            warmer = cores[0].summary_warmer
            assert warmer is not None
            if len(lines) == 1:
                assert warmer.wait_idle(60) and warmer.runs == 0  # nothing at start
            if lines:
                return lines.pop(0)
            assert warmer.wait_idle(120)  # the update's run, before the session ends
            return ""

    out = io.StringIO()
    assert console.run_console(app, user_id="local", stdin=Input(), stdout=out) == 0
    warmer = cores[0].summary_warmer
    assert warmer is not None and warmer.runs == 1
    assert "บันทึกความคืบหน้าแล้ว" in out.getvalue()
    media = app.settings.home / "media"
    assert {p.suffix for p in media.glob("summary-*")} == {".png", ".xlsx"}
