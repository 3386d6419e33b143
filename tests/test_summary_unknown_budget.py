"""A budget or disbursement target no report form states is unknown, never 0.

The fault: ``/summary`` of a quarter with only officers' updates (no report form)
said "งบประมาณรวม 0 บาท" and "จากเป้าหมาย 0 บาท", and ``sdgbot summary --json`` gave
``totals.budget_baht: 0``.  The text, the JSON (CONTRACTS.md: unknown fields null),
the workbook's totals and the chat reply are checked.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from field_harness import Chat, Clock

from bot.cli import dumps
from bot.summary_view import summary_json, summary_text, write_summary_workbook
from knowledge.summary import ProjectInfo, ReportRow, SummaryData, UpdateRow, summarize
from knowledge.thai import FiscalQuarter

Q = FiscalQuarter(2570, 1)
AT = dt.datetime(2026, 11, 2, 3, 0, tzinfo=dt.UTC)


def _update(uid: int, pid: int, amount: str) -> UpdateRow:
    return UpdateRow(id=uid, project_id=pid, fiscal_year=Q.fiscal_year, quarter=Q.quarter,
                     created_at=AT, text=f"เบิกจ่าย {amount} บาท", amount_baht=Decimal(amount))


def _updates_only() -> SummaryData:
    return SummaryData(projects=(ProjectInfo(1, "ตท.สป.", "โครงการ ก"),),
                       reports=(), updates=(_update(1, 1, "100000"),))


def _mixed() -> SummaryData:
    form = ReportRow(id=9, project_id=2, fiscal_year=Q.fiscal_year, quarter=Q.quarter,
                     budget_baht=Decimal(1_000_000), disbursement_target_baht=Decimal(250_000),
                     disbursement_actual_baht=Decimal(200_000))
    return SummaryData(projects=(ProjectInfo(1, "ตท.สป.", "โครงการ ก"),
                                 ProjectInfo(2, "สถ.", "โครงการ ข")),
                       reports=(form,), updates=(_update(1, 1, "100000"),))


def test_an_updates_only_quarter_has_an_unknown_budget() -> None:
    summary = summarize(_updates_only(), Q)
    text = summary_text(summary)
    assert "งบประมาณรวม 0 บาท" not in text and "จากเป้าหมาย 0 บาท" not in text, text
    assert "งบประมาณรวม ไม่ทราบ" in text and "ยังไม่มีข้อมูลเป้าหมายการเบิกจ่าย" in text, text
    assert "เบิกจ่ายแล้ว 100,000 บาท" in text
    totals = json.loads(dumps(summary_json(summary)))["totals"]
    assert totals["budget_baht"] is None and totals["disbursement_target_baht"] is None
    assert totals["disbursement_actual_baht"] == 100000


def test_a_partly_known_budget_says_what_it_leaves_out() -> None:
    summary = summarize(_mixed(), Q)
    text = summary_text(summary)
    assert "งบประมาณรวม 1,000,000 บาท" in text and "ไม่รวม 1 โครงการที่ยังไม่ทราบงบประมาณ" in text
    # The share would set one project's payment against another's budget.
    assert "คิดเป็น" not in text.split("\n")[3], text
    assert "ตท.สป.: 1 โครงการ · งบ ไม่ทราบ" in text, text
    obj = json.loads(dumps(summary_json(summary)))
    assert obj["totals"]["budget_baht"] == 1000000
    assert obj["totals"]["budget_unknown_projects"] == 1
    agencies = {a["agency"]: a for a in obj["agencies"]}
    assert agencies["ตท.สป."]["budget_baht"] is None


def test_the_workbook_leaves_an_unknown_total_blank(make_app: Callable[..., Any],
                                                    tmp_path: Path) -> None:
    app = make_app()
    path = write_summary_workbook(app.db, summarize(_updates_only(), Q), tmp_path / "s.xlsx")
    rows = list(openpyxl.load_workbook(path)["agencies"].iter_rows(min_row=3, values_only=True))
    total = rows[-1]
    assert total[0] == "รวมทั้งหมด (total)"
    assert total[2] is None and total[3] is None and total[4] == 100000, total


@pytest.mark.parametrize("cli", [False, True])
def test_chat_and_command_line_say_unknown(make_app: Callable[..., Any], cli: bool,
                                           run: Callable[..., Any], tmp_path: Path) -> None:
    if cli:
        home = tmp_path / "home"
        assert run(home, "users", "add", "console:off9", "--role", "officer").code == 0
        chat = run(home, "chat", "--user", "off9",
                   stdin="/update 1 เบิกจ่าย 100,000 บาท ไตรมาส 1/2567\nบันทึก\n")
        # 1/2567 is a closed quarter: the update is saved once confirmed.
        assert "ไตรมาส 1/2567 ปิดแล้ว" in chat.out, chat.out
        assert "บันทึกความคืบหน้าแล้ว" in chat.out, chat.out
        res = run(home, "summary", "1/2567", "--json")
        assert res.code == 0, res.err
        assert json.loads(res.out)["totals"]["budget_baht"] is None
        assert "งบประมาณรวม ไม่ทราบ" in run(home, "summary", "1/2567").out
        return
    clock = Clock(dt.datetime(2024, 2, 15, 3, 0, tzinfo=dt.UTC))  # 2/2567
    chat_ = Chat.with_users(make_app(), clock, {"telegram:71": "officer",
                                                "telegram:72": "manager"})
    held = chat_.say("telegram:71", "/update 1 เบิกจ่าย 100,000 บาท ไตรมาส 1/2567")
    assert "ไตรมาส 1/2567 ปิดแล้ว" in held, held  # closed on 8 Jan 2024: confirmed
    assert "บันทึกความคืบหน้าแล้ว" in chat_.say("telegram:71", "บันทึก")
    reply = chat_.say("telegram:72", "/summary 1/2567")
    assert "งบประมาณรวม ไม่ทราบ" in reply and "งบประมาณรวม 0 บาท" not in reply, reply
