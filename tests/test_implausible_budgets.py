"""A budget no project can have is told where it stands, never summed silently.

The fault: a project workbook's row with a budget of 1,000,000,000,000 baht for one
อบต. project was taken as read and swamped every total it went into.  Now every path a
budget comes in by holds it to :mod:`knowledge.plausible`: a workbook row is refused and
told (``file!Sheet!row``, at ingest and in chat) above a million million baht or far above
its file's median; a project record or a report form with one is refused with its reason;
an officer's update that states one is refused politely; and a row stored before is left
out of the totals a chat answer gives, which say so.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from cli_run import Run

from bot.conversation.drafts import DraftError, read_update_text
from knowledge.parsers import DocumentError, parse_report
from knowledge.plausible import MAX_PROJECT_BUDGET, REFUSED_REASON, file_bound
from knowledge.readers.xlsx import read_xlsx
from knowledge.thai import FiscalQuarter

SAMPLE = Path(__file__).resolve().parents[1] / "knowledge" / "sample" / "report_000.txt"


def _book(budgets: list[object]) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["ชื่อโครงการ", "หน่วยรับงบประมาณ", "วงเงินงบประมาณ", "วันเสนอโครงการ"])
    for k, budget in enumerate(budgets):
        ws.append([f"ซ่อมถนนหมู่ {k + 1}", "อบต.นาโยงเหนือ", budget, dt.datetime(2023, 1, 5)])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_a_million_million_baht_row_is_refused_where_it_stands() -> None:
    got = read_xlsx(_book([250_000, "1,000,000,000,000", 480_000]), "b.xlsx")
    assert [r.name for r in got.rows] == ["ซ่อมถนนหมู่ 1", "ซ่อมถนนหมู่ 3"]
    assert dict(got.refused) == {REFUSED_REASON: 1}
    assert got.refused_at == {REFUSED_REASON: ["b.xlsx!Sheet1!3"]}
    assert len(got.notes) == 1 and got.notes[0].startswith("b.xlsx!Sheet1!3: ")
    assert "1,000,000,000,000 บาท" in got.notes[0]


def test_a_budget_orders_of_magnitude_above_the_files_median_is_refused() -> None:
    # Ten projects of about half a million baht: 50,000 million is a slip (zeros added),
    # 900 million a large project among small ones (under the floor), kept.
    budgets: list[object] = [500_000] * 10 + [50_000_000_000, 900_000_000]
    got = read_xlsx(_book(budgets), "m.xlsx")
    assert got.refused_at == {REFUSED_REASON: ["m.xlsx!Sheet1!12"]}
    assert Decimal("900000000.00") in [r.budget_baht for r in got.rows]
    assert "10,000 เท่า" in got.notes[0] and "500,000 บาท" in got.notes[0]
    assert file_bound([Decimal(1000)] * 3) == (MAX_PROJECT_BUDGET, None)  # too few to say


def test_ingest_tells_the_row_and_sums_without_it(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "absurd.xlsx"
    path.write_bytes(_book([250_000, 10**12, 480_000]))
    res = run(tmp_path / "home", "ingest", str(path))
    assert res.code == 0, res.err
    assert "absurd.xlsx!Sheet1!3" in res.out and "สูงเกิน" in res.out, res.out
    data = run(tmp_path / "home2", "ingest", "--json", str(path)).json()
    assert data["projects_added"] == 2
    assert data["rows_refused_at"][REFUSED_REASON] == ["absurd.xlsx!Sheet1!3"]


def test_a_project_record_with_such_a_budget_is_refused(run: Run, tmp_path: Path) -> None:
    import json

    from test_ingest_field_checks import _record  # type: ignore[import-not-found]

    path = tmp_path / "records.jsonl"
    path.write_text(json.dumps(_record(budget="1,000,000,000,000"), ensure_ascii=False) + "\n",
                    encoding="utf-8")
    res = run(tmp_path / "home", "ingest", str(path))
    assert res.code == 1 and "records.jsonl:1" in res.err and "สูงเกิน" in res.err, res.err


def test_a_report_form_with_such_a_budget_is_refused() -> None:
    text = SAMPLE.read_text(encoding="utf-8").replace("4. งบประมาณ 9.6845ล้านบาท",
                                                     "4. งบประมาณ 1,000,000 ล้านบาท")
    assert "1,000,000 ล้านบาท" in text
    with pytest.raises(DocumentError, match="งบประมาณสูงเกิน"):
        parse_report(text)


@pytest.mark.parametrize(("text", "english"), [
    ("เบิกจ่าย 1,000,000,000,000 บาท", False),
    ("ได้รับงบประมาณ 1,000,000,000,000 บาท เบิกจ่ายแล้ว 50,000 บาท", False),
    ("budget 1,000,000,000,000 baht, disbursed 50,000 baht", True),
])
def test_an_update_stating_such_an_amount_is_refused_politely(text: str, english: bool) -> None:
    with pytest.raises(DraftError) as err:
        read_update_text(text, FiscalQuarter(2567, 1), english=english)
    message = str(err.value)
    assert ("Not saved" in message and "not plausible" in message) if english else (
        "ยังไม่ได้บันทึก" in message and "ไม่สมเหตุสมผล" in message), message
    # A plausible budget beside a payment is no problem.
    read_update_text("ได้รับงบประมาณ 1,000,000 บาท เบิกจ่ายแล้ว 50,000 บาท",
                     FiscalQuarter(2567, 1))


def test_a_stored_row_with_such_a_budget_is_left_out_of_a_chat_total_and_told(
        make_app: Callable[..., Any], tmp_path: Path) -> None:
    # Rows stored before ingest refused them stay in the database: totals leave them out.
    from bot.documents import ingest_paths
    from bot.structured import answer_structured
    from knowledge.models import ListedProject

    app = make_app()
    path = tmp_path / "ok.xlsx"
    path.write_bytes(_book([250_000, 480_000]))
    ingest_paths(app.db, app.index, [path])
    with app.db.write() as s:
        row = s.query(ListedProject).filter_by(name="ซ่อมถนนหมู่ 2").one()
        row.budget_baht = Decimal(10) ** 12
    got = answer_structured(app.db, "งบประมาณรวมของ อบต.นาโยงเหนือ เท่าไร")
    assert got is not None
    assert "250,000 บาท" in got.text and "ไม่รวม 1 โครงการ" in got.text, got.text


def test_a_workbook_sent_in_chat_tells_the_row(make_app: Callable[..., Any]) -> None:
    from bot.uploads import Upload, handle_upload

    app = make_app()
    data = _book([250_000, "1,000,000,000,000", 480_000])
    reply = handle_upload(app.db, app.index, "admin",
                          Upload("absurd.xlsx", len(data), lambda limit: data))
    assert "absurd.xlsx!Sheet1!3" in reply and "1,000,000,000,000 บาท" in reply, reply
    assert "ไม่รับ 1" in reply and "Traceback" not in reply
