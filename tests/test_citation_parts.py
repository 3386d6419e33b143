"""A citation names the part it quotes: the page of a paged original, else the paragraph.

The fault: the source line of an answer from a document without pages (a news release,
a JSON-lines document, a text file) named its title and date and no part of it, while a
PDF's named its page; a long release left the reader to search for the figure.  Now an
unpaged document is cited by its paragraph ("ย่อหน้าที่ 3", ", para. 3"), a form's field
or record's section by its name ("ส่วนงบประมาณ", ", budget section"), in Thai and
English alike, in answers and in ``/search``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from field_harness import Chat, Clock
from releases import app_over

from bot.answering import Answerer
from bot.citation import part_label
from knowledge.models import Passage
from knowledge.paragraphs import paragraph_number

LONG = " ".join(f"ประโยคที่ {i} ของย่อหน้าที่สองกล่าวถึงการประชุมคณะทำงานระดับจังหวัดอย่างต่อเนื่อง"
                for i in range(1, 12))
TEXT = "\n\n".join([
    "จังหวัดสุโขทัยจัดประชุมคณะกรรมการขับเคลื่อนการพัฒนาที่ยั่งยืนประจำปี",
    LONG,
    "ในปีนี้จังหวัดสุโขทัยจัดตั้งธนาคารน้ำใต้ดินแล้ว 418 แห่ง ครอบคลุมทุกอำเภอ",
])
ROWS = [
    {"title": "สุโขทัยขับเคลื่อน SDGs", "text": TEXT, "date": "2023-06-01", "kind": "news"},
    {"title": "ลำปางเปิดศูนย์เรียนรู้", "text": "จังหวัดลำปางเปิดศูนย์เรียนรู้แห่งใหม่ มีผู้เข้าร่วม 300 คน",
     "date": "2023-06-02", "kind": "news"},
    {"title": "แพร่รณรงค์คัดแยกขยะ", "text": "จังหวัดแพร่จัดตั้งธนาคารขยะเพิ่ม 25 แห่ง",
     "date": "2023-06-03", "kind": "news"},
]


@pytest.mark.parametrize(("args", "thai", "english"), [
    (("paragraph", 4, 2, 5), " หน้า 4", " p. 4"),  # a page wins
    (("paragraph", None, 3, 5), " ย่อหน้าที่ 3", ", para. 3"),
    (("field:budget", None, None, 2), " ส่วนงบประมาณ", ", budget section"),
    (("results", None, None, 7), " ส่วนผลการดำเนินงาน", ", results section"),
    (("paragraph", None, None, 4), " ส่วนที่ 5", ", part 5"),  # nothing else known
    (("update", None, None, 0), "", ""),  # the whole document
])
def test_part_label(args: tuple[Any, ...], thai: str, english: str) -> None:
    section, page, paragraph, ordinal = args
    assert part_label(section, page, paragraph, ordinal) == thai
    assert part_label(section, page, paragraph, ordinal, english=True) == english


@pytest.fixture
def app(make_app: Callable[..., Any], tmp_path: Path) -> Any:
    return app_over(make_app, tmp_path, ROWS)


def test_paragraph_numbers_count_paragraphs_not_passages(app: Any) -> None:
    with app.db.read() as s:
        doc_id = s.scalars(s.query(Passage.document_id).filter(
            Passage.text.contains("ธนาคารน้ำใต้ดิน")).statement).one()
        rows = s.query(Passage.ordinal, Passage.text).filter(
            Passage.document_id == doc_id).order_by(Passage.ordinal).all()
        assert len(rows) >= 4  # the long second paragraph is cut into passages
        numbers = [paragraph_number(s, doc_id, o) for o, _ in rows]
    assert numbers[0] == 1 and set(numbers[1:-1]) == {2} and numbers[-1] == 3, numbers


def test_an_answer_from_a_release_names_its_paragraph(app: Any) -> None:
    answerer = Answerer(app.db, app.index)
    th = answerer.ask("จังหวัดสุโขทัยจัดตั้งธนาคารน้ำใต้ดินแล้วกี่แห่ง")
    assert th.found and th.point.startswith("418 แห่ง"), th.point
    assert "ที่มา: ข่าว «สุโขทัยขับเคลื่อน SDGs» ย่อหน้าที่ 3 (1 มิถุนายน 2566)" in th.render()
    en = answerer.ask("How many groundwater banks has Sukhothai set up?")
    assert en.found, en.point
    assert "Source: news «สุโขทัยขับเคลื่อน SDGs», para. 3 (1 June 2023)" in en.render()


def test_search_names_the_paragraph(app: Any) -> None:
    chat = Chat.with_users(app, Clock(dt.datetime(2023, 6, 5, 3, tzinfo=dt.UTC)),
                           {"telegram:1": "staff"})
    assert "สุโขทัยขับเคลื่อน SDGs ย่อหน้าที่ 3" in chat.say("telegram:1", "/search ธนาคารน้ำใต้ดิน")
    assert "สุโขทัยขับเคลื่อน SDGs, para. 3" in chat.say("telegram:1",
                                                          "/search groundwater bank Sukhothai")


def test_a_text_forms_field_names_its_section(seed_app: Any) -> None:
    answerer = Answerer(seed_app.db, seed_app.index)
    assert answerer.ask("งบประมาณโครงการเท่าไร").render().endswith("ไตรมาส 2/2566 ส่วนงบประมาณ")
    assert answerer.ask("What is the project's budget?").render().endswith(
        "Q2 FY2566, budget section")


@pytest.mark.parametrize("text", [
    "", " ", "\n \t\u3000", "ก" * 23, "ก" * 24, "ก" * 25, " " * 200 + "ข" * 30,
    ("ก " * 40) + "ค", "\u200b" + "ดํา" * 30, "a" + " " * 95 + "b" * 30,
    "  ".join("ประโยค" for _ in range(30)), "\u00a0" * 120 + "ง" * 5, "x\n" * 70,
])
def test_a_paragraph_probe_squeezes_only_what_it_reads(text: str) -> None:
    """The probe of a passage is the first characters of all its text squeezed, cut."""
    import re

    from knowledge.paragraphs import PROBE, _probe
    from knowledge.thai import normalize_text

    assert _probe(text) == re.sub(r"\s+", "", normalize_text(text))[:PROBE]
