"""The miss diagnosis sorts questions into kinds and says how a span lies against the answer.

``training/diagnose_answers.py`` breaks a QA set's misses into question kinds (what the
question's wording asks for) and, for each, how the chosen span, the best right one and the
nearest proposal lie against the expected answer; the next round's work is chosen by these
counts, so a kind or a relation read wrong would send it after the wrong mechanism.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "training"))
from diagnose_answers import boundary, question_kind


@pytest.mark.parametrize(("question", "kind"), [
    ("จี ซ็อก-จินคือใคร", "who-is"),
    ("ผู้แต่งนวนิยายเรื่องแฮร์รี่พอตเตอร์คือใคร", "who-is"),
    ("ใครเป็นผู้คิดค้นการเล่นนอนคว่ำ", "who"),
    ("สวิมมิงวิธดอลฟินส์ ก่อตั้งเมื่อไหร่", "year/date"),
    ("ซูรินามได้รับการยกฐานะในปีพ.ศ.ใด", "year/date"),
    ("ซีรีส์ 24 ชั่วโมงอันตรายมีกี่ฤดูกาล", "how many/much"),
    ("เอสเอ็นเคมีสำนักงานใหญ่ที่ไหน", "where"),
    ("แอมแปร์คืออะไร", "what-is"),
    ("ยอดเขาสูงสุด ชื่อว่าอะไร", "name"),
    ("ปลาแดงถือว่าเป็นปลาน้ำจืดที่อยู่ในวงศ์ใด", "which X"),
    ("โกฐกักกรามีลักษณะอย่างไร", "other"),
])
def test_question_kinds(question: str, kind: str) -> None:
    assert question_kind(question).split(" (")[0] == kind


def test_boundary_of_a_span_against_the_expected_answer() -> None:
    expect = ["7 กันยายน พ.ศ. 2560"]
    assert boundary("7 กันยายน พ.ศ. 2560", expect) == "exact"
    assert boundary("พ.ศ. 2560", expect).startswith("shorter -")
    assert boundary("เมื่อ 7 กันยายน พ.ศ. 2560", expect).startswith("longer +")
    assert boundary("ค.ศ. 1909", expect) == "apart"
    # The nearest of several expected answers decides; a shared tail is an overlap.
    assert boundary("2560 เวลา 23:49 น.", expect) == "overlap"
    assert boundary("ค.ศ. 1907", ["ค.ศ. 1909", "ค.ศ. 1907"]) == "exact"
