"""Abbreviations spelled out and yes-or-no questions (issue 12: the reply leads with the
answer; ``bot.answering.definitions``, ``bot.answering.question.is_yes_no``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from releases import ask_over

from bot.answering import Answerer
from bot.answering.definitions import (
    asked_abbreviation,
    asks_expansion,
    expansion,
    is_acronym,
)
from bot.answering.question import is_yes_no

TEXT = ("กระทรวงมหาดไทยร่วมกับองค์การสหประชาชาติ (UN) และองค์กรความร่วมมือระหว่างประเทศของ"
        "สหพันธ์สาธารณรัฐเยอรมนี (GIZ) ขับเคลื่อน SDGs (Sustainable Development Goals) "
        "ผ่านการประชุม (High-level Political Forum on Sustainable Development: HLPF) "
        "และคณะกรรมการเพื่อการพัฒนาที่ยั่งยืน (กพย.) ร่วมกับ United Nations Development "
        "Programme (UNDP)")


@pytest.mark.parametrize(("question", "abbr"), [
    ("GIZ คืออะไร", "GIZ"),
    ("UNDP ย่อมาจากอะไร", "UNDP"),
    ("SDGs แปลว่าอะไร", "SDGs"),
    ("คำว่า SDGs หมายถึงอะไร", "SDGs"),
    ("กพย. คืออะไร", "กพย."),
    ("What is GIZ?", "GIZ"),
    ("What does UNDP stand for?", "UNDP"),
    ("giz คืออะไร", "giz"),  # typed in lower case
    ("GIZ คือ อะไร ครับ", "GIZ"),
    ("\u200bGIZ\u202e คืออะไร??", "GIZ"),  # invisible characters are not the question's
    ("<b>GIZ</b> คืออะไร", "GIZ"),  # nor markup
    ("GIZ ทำอะไร", None),  # asks what it does, not what it is
    ("ธนาคารขยะคืออะไร", None),  # not an abbreviation
    ("What is the budget?", None),
])
def test_asked_abbreviation(question: str, abbr: str | None) -> None:
    # As the answerer reads it: the question cleaned by Answerer.prepare first.
    assert asked_abbreviation(Answerer.prepare(question)[0]) == abbr


@pytest.mark.parametrize(("abbr", "name"), [
    ("GIZ", "องค์กรความร่วมมือระหว่างประเทศของสหพันธ์สาธารณรัฐเยอรมนี"),  # after "และ"
    ("UN", "องค์การสหประชาชาติ"),  # the head noun, not "ร่วมกับ..."
    ("SDGs", "Sustainable Development Goals"),  # "X (Name)", capitals spell X
    ("HLPF", "High-level Political Forum on Sustainable Development"),  # "(Name: X)"
    ("กพย.", "คณะกรรมการเพื่อการพัฒนาที่ยั่งยืน"),  # "ที่" inside a name stays
    ("UNDP", "United Nations Development Programme"),  # a Latin name before "(X)"
    ("WHO", None),  # not in the text
])
def test_expansion(abbr: str, name: str | None) -> None:
    found = expansion(TEXT, abbr)
    assert (TEXT[found[0]:found[1]] if found else None) == name


def test_a_latin_spelling_out_anywhere_comes_before_a_thai_name() -> None:
    text = "โครงการการขับเคลื่อนเป้าหมายการพัฒนาที่ยั่งยืน (SDGs) และ (Sustainable Development Goals: SDGs)"
    found = expansion(text, "SDGs", thai=False)
    assert found is not None and text[found[0]:found[1]] == "Sustainable Development Goals"
    assert expansion("ร่วมกับองค์การสหประชาชาติ (UN)", "UN", thai=False) is None
    found = expansion("ร่วมกับองค์การสหประชาชาติ (UN)", "un")  # any case
    assert found is not None


def test_expansion_never_spans_a_clause_mark() -> None:
    text = "เปิดงาน “มหกรรม” (ABC) วันนี้"
    found = expansion(text, "ABC")
    assert found is None or "“" not in text[found[0]:found[1]]


@pytest.mark.parametrize(("question", "yes_no"), [
    ("โครงการนี้ร่วมมือกับ GIZ ใช่ไหม", True),
    ("ธนาคารขยะครบทุก อปท. แล้วหรือยัง", True),
    ("น้ำอัดลมมีแอลกอฮอล์หรือไม่", True),
    ("จังหวัดส่งรายงานแล้วหรือเปล่าครับ", True),
    ("Did UNDP select 15 provinces?", True),
    ("Is the waste bank project finished?", True),
    ("ธนาคารขยะมีกี่แห่งหรือไม่", False),  # a value is asked
    ("ใครเป็นประธาน ใช่ไหม", False),
    ("จังหวัดไหนได้รางวัล", False),
    ("How many provinces did UNDP select?", False),
    ("โครงการนี้ร่วมมือกับ GIZ รึเปล่า", True),
    ("เสื้อของผู้ว่าฯ ทำจากผ้าไหม", False),  # silk, not "ไหม?"
    ("Is it true who chaired the meeting?", False),
])
def test_is_yes_no(question: str, yes_no: bool) -> None:
    assert is_yes_no(question) is yes_no


@pytest.mark.parametrize(("word", "acronym"), [
    ("GIZ", True), ("SDGs", True), ("UN", True), ("กพย.", True), ("ตท.สป.", True),
    ("giz", False), ("DECnet", False), ("Internet2", False), ("huihui", False), ("G", False),
])
def test_is_acronym(word: str, acronym: bool) -> None:
    # Only an acronym that no passage spells out is "not found"; other words go on to
    # the span model, which may find them defined in a clause.
    assert is_acronym(word) is acronym


_DNA_RELEASES = [
    {"title": "มท. ตรวจพิสูจน์สารพันธุกรรมเพื่อคนหาย", "date": "2023-05-02", "kind": "news",
     "text": ("กรมการปกครองดำเนินโครงการตรวจพิสูจน์สารพันธุกรรม (DNA) เพื่อใช้เป็นพยานหลักฐาน "
              "ผลการตรวจย่อมาจากห้องปฏิบัติการของสถาบันนิติวิทยาศาสตร์ ซึ่งรายงานที่มาจาก"
              "จังหวัดต่าง ๆ ครบถ้วน")},
    {"title": "อนุรักษ์เสือโคร่งด้วยฐานข้อมูลพันธุกรรม", "date": "2023-06-01", "kind": "news",
     "text": ("กรมอุทยานแห่งชาติจัดเก็บกรดดีออกซีไรโบนิวคลีอิก (Deoxyribonucleic acid: DNA) "
              "ของสัตว์ตระกูลเสือเพื่อการอนุรักษ์")},
]


@pytest.mark.parametrize("question", ["What does DNA stand for?", "DNA ย่อมาจากอะไร"])
def test_what_the_letters_stand_for_is_their_latin_name(make_app: Any, tmp_path: Path,
                                                        question: str) -> None:
    """"สารพันธุกรรม (DNA)" glosses DNA in Thai; what its letters stand for is the Latin
    name another release spells out, found though that release holds none of the
    question's other words ("ย่อ", "มาจาก")."""
    ans = ask_over(make_app, tmp_path, _DNA_RELEASES, question)
    assert ans.found and ans.point.startswith("Deoxyribonucleic acid"), ans.point


def test_a_thai_gloss_is_no_expansion_of_the_letters(make_app: Any, tmp_path: Path) -> None:
    ans = ask_over(make_app, tmp_path, _DNA_RELEASES[:1], "What does DNA stand for?")
    assert not ans.found, ans.point
    assert asks_expansion("DNA ย่อมาจากอะไร") and asks_expansion("What does DNA stand for?")
    assert not asks_expansion("DNA คืออะไร")
