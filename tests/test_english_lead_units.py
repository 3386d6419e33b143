"""Every English lead prints its unit in English where the unit glossary knows it.

The fault: an English question answered by a counted list led with the Thai unit
("4 ขั้นตอน — 1. …" for "How many steps …?"): the counted-list lead was built apart
from :func:`bot.answering.compose.lead_text`, which every other lead goes through.
The project lists' counts ("How many projects …?") were answered wholly in Thai
("… มี 21 โครงการ"): tests/test_project_lists.py.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from releases import app_over

from bot.answering import Answerer

ROWS = [
    {"title": "จังหวัดน่านจัดทำแผนปฏิบัติการขับเคลื่อน SDGs",
     "text": ("จังหวัดน่านจัดทำแผนปฏิบัติการขับเคลื่อนเป้าหมายการพัฒนาที่ยั่งยืน โดยแผนปฏิบัติการ"
              "มีขั้นตอน คือ 1. การสร้างความรู้ความเข้าใจ 2. การปรับแผนพัฒนาจังหวัด "
              "3. การดำเนินการตามแผน 4. การติดตามและประเมินผล เพื่อให้ทุกภาคส่วนร่วมกันขับเคลื่อน"),
     "date": "2023-05-01", "kind": "news"},
    {"title": "จังหวัดลำปางเปิดศูนย์เรียนรู้เศรษฐกิจพอเพียง",
     "text": "จังหวัดลำปางเปิดศูนย์เรียนรู้เศรษฐกิจพอเพียงแห่งใหม่ ณ อำเภอเมืองลำปาง มีผู้เข้าร่วมกว่า 300 คน",
     "date": "2023-05-02", "kind": "news"},
    {"title": "จังหวัดแพร่รณรงค์คัดแยกขยะ",
     "text": "จังหวัดแพร่รณรงค์คัดแยกขยะในครัวเรือน จัดตั้งธนาคารขยะเพิ่ม 25 แห่ง",
     "date": "2023-05-03", "kind": "news"},
]


def test_a_counted_list_leads_with_an_english_unit(make_app: Callable[..., Any],
                                                    tmp_path: Path) -> None:
    app = app_over(make_app, tmp_path, ROWS)
    answerer = Answerer(app.db, app.index)
    en = answerer.ask("How many steps does Nan's SDG action plan have?")
    assert en.debug.get("via") == "counted list", en.debug
    lead = en.point.split(" — ", 1)[0]
    assert lead == "4 steps", en.point
    th = answerer.ask("แผนปฏิบัติการขับเคลื่อน SDGs ของจังหวัดน่านมีกี่ขั้นตอน")
    assert th.point.startswith("4 ขั้นตอน — "), th.point
