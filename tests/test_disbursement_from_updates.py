"""A disbursement asked of a quarter only officers' updates report (bot/answering/fields.py).

The bundled report form is of quarter 2/2566.  When the project's counted updates report a
later quarter, "เบิกจ่ายไปเท่าไร" answers that quarter's figure as ``/summary`` counts it,
citing the updates, not the older form's 0 บาท; a quarter named that only updates hold is
answered from them, not "no report form for that period".
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from stored_updates import store_update_with_status

from bot.answering import Answerer
from knowledge.thai import FiscalQuarter

LATER = FiscalQuarter(2570, 1)


def _app_with_updates(make_app: Any) -> Any:
    app = make_app()
    store_update_with_status(app, "เบิกจ่าย 100,000 บาท", "approved", message_id="a",
                             amount_baht=Decimal(100000), quarter=LATER)
    store_update_with_status(app, "เบิกจ่าย 50,000 บาท", "approved", message_id="b",
                             amount_baht=Decimal(50000), quarter=LATER)
    # Waiting for a manager: no progress yet, not counted.
    store_update_with_status(app, "เบิกจ่าย 900,000 บาท", "pending", message_id="c",
                             amount_baht=Decimal(900000), quarter=LATER)
    app.index.sync()
    return app


def test_the_latest_quarter_of_updates_answers_a_disbursement(make_app: Any) -> None:
    app = _app_with_updates(make_app)
    ans = Answerer(app.db, app.index).ask("โครงการขับเคลื่อน SDGs เบิกจ่ายไปเท่าไร")
    assert ans.found and ans.point.startswith("150,000 บาท"), ans.point
    assert "1/2570" in ans.point and "ไม่มีแบบรายงาน" in ans.point
    assert ans.sources and ans.sources[0].kind == "update"
    # Saved where no manager approves: never called approved.
    assert "อนุมัติ" not in ans.render()


def test_a_named_quarter_only_updates_hold_is_answered_from_them(make_app: Any) -> None:
    app = _app_with_updates(make_app)
    ans = Answerer(app.db, app.index).ask("โครงการขับเคลื่อน SDGs เบิกจ่ายไตรมาส 1/2570 เท่าไร")
    assert ans.found and ans.point.startswith("150,000 บาท"), ans.point
    english = Answerer(app.db, app.index).ask(
        "How much has the SDGs project disbursed in Q1 FY2570?")
    assert english.found and english.point.startswith("150,000 baht"), english.point


def test_the_forms_quarter_is_still_the_forms(make_app: Any) -> None:
    app = _app_with_updates(make_app)
    ans = Answerer(app.db, app.index).ask("โครงการขับเคลื่อน SDGs เบิกจ่ายไตรมาส 2/2566 เท่าไร")
    assert ans.found and "1/2570" not in ans.point, ans.point
