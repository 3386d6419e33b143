"""A "which X" question is answered by an entity of that kind, a compound that merely starts
with the noun is none ("ธนาคารใด" → no "ธนาคารขยะ"), and a person's name is never cut at
the full stop of a title's abbreviation (a tester's wrong values, issue "values29")."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from releases import FILLERS, ask_over, news

from bot.answering.candidates import opens_with_name
from bot.answering.constraints import common_compound, named_near, ordinal_near
from bot.answering.extent import whole_value

#: Releases about other things: rank-bm25's IDF needs a few documents (the third of
#: FILLERS tells of waste, which the waste bank's questions would find).
_OTHERS = [
    *FILLERS[:2],
    news(92, "จังหวัดชัยนาทรณรงค์ปลูกป่า",
         "จังหวัดชัยนาทรณรงค์ปลูกต้นไม้ในวันต้นไม้ประจำปีแห่งชาติ มีผู้ร่วม 3,200 คน",
         "2023-03-20"),
]


@pytest.mark.parametrize(("head", "name", "compound"), [
    ("ธนาคาร", "ขยะ (Recycle Waste Bank)", True),
    ("ธนาคาร", "น้ำใต้ดิน", True),
    ("ธนาคาร", "อาหาร", True),
    ("ธนาคาร", "รับซื้อทั้งหมด 3,140 ตัน", True),  # "the bank buys": a common noun
    ("บริษัท", "จำลอง", True),
    ("วัด", "ผลสัมฤทธิ์", True),
    ("จังหวัด", "ชายแดนภาคใต้", True),
    ("ธนาคาร", "กสิกรไทย", False),
    ("ธนาคาร", "ออมสิน", False),
    ("วัด", "พระธาตุดอยสุเทพ", False),
    ("จังหวัด", "ชัยนาท", False),
])
def test_a_common_compound_of_the_noun_is_no_name(head: str, name: str, compound: bool) -> None:
    assert common_compound(head, name) is compound


@pytest.mark.parametrize(("text", "question", "allowed"), [
    # The waste bank is the project; the bank that buys the credits is named after it.
    ("องค์การบริหารส่วนตำบลหนองบัวขับเคลื่อนโครงการธนาคารขยะ (Recycle Waste Bank) "
     "โดยคัดแยกขยะเปียกในครัวเรือน แปลงเป็นคาร์บอนเครดิตราคาตันละ 260 บาท "
     "มีธนาคารกสิกรไทยเป็นผู้นำการรับซื้อ",
     "ขยะเปียกได้รับการสนับสนุนรับซื้อคาร์บอนเครดิตจากธนาคารใด", ("ธนาคารกสิกรไทย",)),
    # Only community "banks" are named: no bank answers.
    ("ชุมชนบ้านหนองบัวตั้งธนาคารน้ำใต้ดินและธนาคารอาหารชุมชน เพื่อรับมือภัยแล้ง "
     "มีครัวเรือนร่วม 120 ครัวเรือน",
     "ชุมชนบ้านหนองบัวรับมือภัยแล้งร่วมกับธนาคารใด", ()),
    ("นักเรียนโรงเรียนบ้านหนองบัวตั้งบริษัทจำลองขายผ้าทอ มีกำไร 5,000 บาท "
     "ร่วมกับบริษัทสยามผ้าไทย จำกัด ที่รับซื้อผ้าทอทั้งหมด",
     "นักเรียนโรงเรียนบ้านหนองบัวขายผ้าทอให้บริษัทใด", ("บริษัทสยามผ้าไทย",)),
])
def test_which_x_is_answered_by_an_x(make_app: Callable[..., Any], tmp_path: Path, text: str,
                                     question: str, allowed: tuple[str, ...]) -> None:
    ans = ask_over(make_app, tmp_path, [news(1, "ข่าวชุมชน", text, "2024-02-02"), *_OTHERS],
                   question)
    assert not ans.found or ans.point.startswith(allowed), ans.point


@pytest.mark.parametrize(("text", "name"), [
    ("ศาสตราจารย์ ดร.ชูกิจ ลิมปิจำนงค์ เป็นผู้อำนวยการ", "ศาสตราจารย์ ดร.ชูกิจ ลิมปิจำนงค์"),
    ("ผศ.ดร.สมหญิง ใจงาม ผู้อำนวยการ", "ผศ.ดร.สมหญิง ใจงาม"),
    ("รศ. นพ.ประเสริฐ ทองดี เป็นคณบดี", "รศ. นพ.ประเสริฐ ทองดี"),
    ("ว่าที่ ร.ต.สมบัติ มีสุข นายอำเภอ", "ว่าที่ ร.ต.สมบัติ มีสุข"),
])
def test_a_person_runs_through_stacked_titles(text: str, name: str) -> None:
    assert opens_with_name(text, "person")
    a, b = whole_value(text, text.index(name.split()[-1]) - 1, len(name))
    assert text[:b].startswith(name) and a == 0, text[a:b]
    assert not opens_with_name(name.split(".")[0], "person")  # "ศาสตราจารย์ ดร": a title


@pytest.mark.parametrize("title", ["ศาสตราจารย์ ดร.", "ผศ.ดร.", "รศ. นพ.", "ว่าที่ ร.ต."])
def test_a_person_lead_is_never_cut_at_a_titles_stop(
        make_app: Callable[..., Any], tmp_path: Path, title: str) -> None:
    text = (f"คณะรัฐมนตรี (ครม.) มีมติเห็นชอบ แต่งตั้ง {title}ชูกิจ ลิมปิจำนงค์ "
            "เป็นผู้อำนวยการสำนักงานพัฒนาวิทยาศาสตร์และเทคโนโลยีแห่งชาติ (สวทช.) คนใหม่ "
            "ตามที่กระทรวง อว. เสนอ โดยมีวาระการดำรงตำแหน่ง 3 ปี")
    ans = ask_over(make_app, tmp_path, [news(1, "เปิดตัวผู้อำนวยการ สวทช. คนที่ 6", text,
                                             "2022-09-07"), *_OTHERS],
                   "ผู้อำนวยการ สวทช. คนใหม่ ที่ ครม. แต่งตั้งเมื่อปี 2565 ชื่ออะไร")
    assert not ans.found or ans.point.startswith(f"{title}ชูกิจ ลิมปิจำนงค์"), ans.point


#: The ministry's report: another ESCAP meeting, with its time and the name "ESCAP Hall".
_REPORT_MEETING = news(
    5, "กระทรวงมหาดไทยจัดประชุม MOI-UN Partnership",
    "กระทรวงมหาดไทยจัดการประชุมหารือความร่วมมือ MOI-UN Partnership ในวันที่ 9 พฤศจิกายน 2566 "
    "เวลา 13.00 – 16.45 น. ณ ห้องประชุม ESCAP Hall ชั้น 2 ศูนย์ประชุมสหประชาชาติ "
    "ถนนราชดำเนินนอก กรุงเทพมหานคร", "2023-11-09")
#: The session asked: its time before the actor, the verb and the session's ordinal and name.
_SESSION_80 = news(
    6, "นายกฯ กล่าวถ้อยแถลงเปิดการประชุมประจำปีของ ESCAP",
    "วันนี้ (22 เมษายน 2567) เวลา 9.00 น. ณ ศูนย์การประชุมสหประชาชาติ กรุงเทพฯ "
    "นายเศรษฐา ทวีสิน นายกรัฐมนตรีและรัฐมนตรีว่าการกระทรวงการคลัง กล่าวถ้อยแถลงในพิธีเปิด"
    "การประชุมประจำปีของคณะกรรมาธิการเศรษฐกิจและสังคมแห่งสหประชาชาติสำหรับเอเชียและแปซิฟิก "
    "สมัยที่ 80 (The 80th Session of the United Nations Economic and Social Commission for "
    "Asia and the Pacific: ESCAP) โดยนางรัดเกล้า อินทวงศ์ สุวรรณคีรี รองโฆษกประจำสำนัก"
    "นายกรัฐมนตรี สรุปสาระสำคัญดังนี้", "2024-04-22")


@pytest.mark.parametrize(("releases", "allowed"), [
    # Only another meeting that shares the name "ESCAP": not the 80th session's time.
    ([_REPORT_MEETING], None),
    ([_REPORT_MEETING, _SESSION_80], ("9.00 น.", "09:00")),
])
@pytest.mark.parametrize("question", [
    "ESCAP สมัยที่ 80 นายกรัฐมนตรีกล่าวถ้อยแถลงเปิดการประชุมเวลากี่โมง",
    "What time did the Prime Minister speak at the opening of the 80th ESCAP session?",
])
def test_the_time_asked_is_the_named_sessions(
        make_app: Callable[..., Any], tmp_path: Path, releases: list[dict[str, str]],
        allowed: tuple[str, ...] | None, question: str) -> None:
    ans = ask_over(make_app, tmp_path, [*releases, *_OTHERS], question)
    lead = ans.point.split(" — ")[0]
    assert not ans.found or (allowed is not None and any(a in lead for a in allowed)), ans.point


class _Rows:
    """The two things the binding reads of candidate rows: how many, and each one's span."""

    def __init__(self, text: str, values: list[str]) -> None:
        self.passage = type("P", (), {"text": text})()
        self.spans = [(text.index(v), text.index(v) + len(v)) for v in values]
        self.x = np.zeros((len(values), 1), dtype=np.float32)

    def span(self, row: int) -> tuple[Any, int, int]:
        return (self.passage, *self.spans[row])


@pytest.mark.parametrize(("value", "bound"), [
    ("9.00 น.", True),  # the session's time: "สมัยที่ 80" and "ESCAP" after it, no other time
    ("13.00 – 16.45 น.", False),  # another meeting's, in "ESCAP Hall"
])
def test_a_time_is_bound_to_the_session_named_after_it(value: str, bound: bool) -> None:
    text = str(_SESSION_80["text"]) + "\n" + str(_REPORT_MEETING["text"])
    rows: Any = _Rows(text, [value])
    assert bool(ordinal_near(rows, frozenset({80}))[0]) is bound
    assert bool(named_near(rows, ("escap",))[0]) is True  # "ESCAP" alone binds either


def _ordinal_near_by_every_window(rows: Any, numbers: frozenset[int]) -> list[bool]:
    """:func:`ordinal_near` as it was: the event ordinal pattern run on every row's window."""
    from bot.answering.constraints import (
        _EVENT_ORDINAL,
        _OTHER_WHEN,
        EVENT_AFTER,
        NAME_AFTER,
        NAME_BEFORE,
    )
    out = []
    for r in range(len(rows.x)):
        p, a, b = rows.span(r)
        lo = max(0, a - NAME_BEFORE, p.text.rfind("\n", 0, a) + 1)
        stop = p.text.find("\n", b)
        hi = min(len(p.text), b + EVENT_AFTER, stop if stop >= 0 else len(p.text))
        bound = False
        for m in _EVENT_ORDINAL.finditer(p.text[lo:hi]):
            at = m.start() + lo
            if int(m.group(1) or m.group(2)) in numbers and (
                    at < b + NAME_AFTER or _OTHER_WHEN.search(p.text, b, at) is None):
                bound = True
                break
        out.append(bound)
    return out


def test_ordinal_binding_reads_only_windows_that_can_hold_an_ordinal() -> None:
    """The binding skips windows without an ordinal's word, and finds what it found before.

    Windows are cut in the middle of ordinals ("ครั้งที่ 80" cut to "ครั้งที่ 8", "123rd" to
    "23rd"), beside dates and times, with English endings in either case.
    """
    import random

    rng = random.Random(20261203)
    pieces = ["ครั้งที่ 80", "ครั้งที่ 8", "สมัยที่ 80", "สมัยประชุมที่ 3", "รอบที่ 2", "80th",
              "the 3RD", "123rd", "ครั้งที่ 800", "8,000", "เวลา 9.00 น.", "5 มีนาคม",
              "ESCAP", "การประชุม", " ", "\n", "x" * 150, "ก" * 290, "ที่ 80", "80 th"]
    for _ in range(200):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(3, 25)))
        values = sorted({rng.randrange(len(text)) for _ in range(12)})
        rows: Any = _Rows(text, [])
        rows.spans = [(v, min(len(text), v + rng.randint(1, 12))) for v in values]
        rows.x = np.zeros((len(values), 1), dtype=np.float32)
        for numbers in (frozenset({80}), frozenset({8, 3}), frozenset({123, 23, 2})):
            assert ordinal_near(rows, numbers).tolist() == \
                _ordinal_near_by_every_window(rows, numbers), text
            within = np.array([i % 2 == 0 for i in range(len(values))], dtype=bool)
            expected = [w and e for w, e in zip(
                within.tolist(), _ordinal_near_by_every_window(rows, numbers), strict=True)]
            assert ordinal_near(rows, numbers, within).tolist() == expected


def test_ordinal_binding_runs_the_pattern_only_where_an_ordinal_may_stand() -> None:
    """Work, not time: of 60 candidates in a long release, only the windows that hold an
    ordinal's word are searched for the ordinal (once each), and the marks once a passage."""
    from bot.answering.constraints import _bound_near, _ordinal_marks

    filler = "จังหวัดจัดกิจกรรมรณรงค์ลดขยะในชุมชนต่อเนื่อง " * 60
    text = filler + "การประชุมครั้งที่ 80 เวลา 9.00 น. " + filler
    at = text.index("9.00 น.")
    rows: Any = _Rows(text, [])
    rows.spans = [(k * 90, k * 90 + 5) for k in range(59)] + [(at, at + 7)]
    rows.x = np.zeros((len(rows.spans), 1), dtype=np.float32)
    runs: list[str] = []
    marked: list[str] = []

    def found(window: str) -> list[int]:
        runs.append(window)
        i = window.find("ครั้งที่ 80")
        return [i] if i >= 0 else []

    def marks(t: str) -> list[tuple[int, int]]:
        marked.append(t)
        return _ordinal_marks(t)

    out = _bound_near(rows, found, None, marks)
    assert bool(out[-1])
    assert len(marked) == 1
    assert 0 < len(runs) <= 12, len(runs)  # the windows within reach of "ครั้งที่ 80" only
