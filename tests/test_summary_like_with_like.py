"""The summary's headline compares a disbursement with the target of the same projects.

tester18 #23: ``sdgbot summary 1/2570`` printed "เบิกจ่ายแล้ว 2,335,150 บาท จากเป้าหมาย
1,000,000 บาท (ไม่รวม 1 โครงการที่ยังไม่ทราบเป้าหมาย)": the disbursed figure held the
project whose target is unknown, the target did not (a reader saw 233% of target).
Likewise "งบประมาณรวม 1,234,567 บาท" beside all projects' disbursement.
"""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from bot.summary_view import _totals_lines
from knowledge.summary import _totals


def _project(actual: int, target: int | None, budget: int | None) -> Any:
    return SimpleNamespace(budget_baht=None if budget is None else Decimal(budget),
                           disbursement_target_baht=None if target is None else Decimal(target),
                           disbursement_actual_baht=Decimal(actual), updates=1, evidence=0)


def test_the_target_is_compared_with_its_own_projects_only() -> None:
    t = _totals([_project(500_000, 1_000_000, 1_234_567), _project(1_835_150, None, None)])
    assert t.actual_with_target_baht == 500_000 and t.actual_with_budget_baht == 500_000
    budget, paid, _ = _totals_lines(t)
    assert "เบิกจ่ายแล้ว 2,335,150" in paid
    assert "2,335,150 บาท จากเป้าหมาย" not in paid and "(2.34 ล้านบาท) จากเป้าหมาย" not in paid
    assert "โครงการที่ทราบเป้าหมายเบิกจ่าย 500,000" in paid and "จากเป้าหมาย 1,000,000" in paid
    assert "ไม่นับ 1 โครงการที่ยังไม่ทราบเป้าหมาย ซึ่งเบิกจ่าย 1,835,150" in paid, paid
    assert "ไม่รวม 1 โครงการที่ยังไม่ทราบงบประมาณ ซึ่งเบิกจ่าย 1,835,150" in budget, budget
    assert "โครงการที่ทราบงบประมาณเบิกจ่าย 500,000" in budget and "40.50%" in budget, budget


def test_all_targets_known_reads_as_before() -> None:
    t = _totals([_project(500_000, 1_000_000, 2_000_000), _project(250_000, 500_000, 1_000_000)])
    budget, paid, _ = _totals_lines(t)
    assert paid.startswith("เบิกจ่ายแล้ว 750,000") and "จากเป้าหมาย 1,500,000" in paid
    assert "ไม่นับ" not in paid and "ไม่รวม" not in budget and "25.00%" in paid
