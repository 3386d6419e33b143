"""A document must tell of the event the question names: its year and its place (issue 12)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bot.answering import Answerer
from bot.answering.consistency import (
    agrees,
    date_words,
    days_in,
    document_mass,
    event_anchors,
    years_in,
)
from bot.answering.features import QuestionTerms
from indexer.tokenize import token_groups, tokenize
from knowledge.ingest import read_paths, store_documents


@pytest.mark.parametrize(("text", "years"), [
    ("งาน OTOP Midyear 2022", {2565}),
    ("ปีงบประมาณ 2567", {2567}),
    ("เมื่อ 1 พ.ค. 67", {2567}),
    ("ปลาย พฤศจิกายน 65 และปี 66", {2565, 2566}),
    ("วงเงิน 3.35 ล้านล้านบาท 2,500 คน 1567", set()),  # amounts and hotlines are no years
])
def test_years_in_reads_buddhist_and_christian_years(text: str, years: set[int]) -> None:
    assert years_in(text) == years


def test_event_anchors_places_are_whole_names() -> None:
    assert event_anchors("ธนาคารขยะจังหวัดบึงกาฬมีสมาชิกกี่ครัวเรือน").places == ("บึงกาฬ",)
    assert event_anchors("ประเทศลาวมีสนามเด็กเล่นกี่แห่ง").places == ("ลาว",)
    # Everyday words that are also province names anchor only after จังหวัด.
    assert event_anchors("ทำอย่างไรดีเลย").places == ()
    assert event_anchors("อบต.ผาสามยอด จังหวัดเลย ทวนสอบกี่ครัวเรือน").places == ("เลย",)
    assert event_anchors("ธนาคารขยะตั้งแล้วกี่แห่ง") == event_anchors("")


def test_agrees_with_the_documents_year_and_place() -> None:
    a = event_anchors("งาน OTOP Midyear 2030 มียอดขายรวมเท่าไร")
    assert not agrees(a, "งาน OTOP Midyear 2022 ยอดขาย 600 ล้านบาท", "OTOP", dt.date(2022, 7, 1))
    assert agrees(event_anchors("OTOP Midyear 2022 ยอดขายเท่าไร"), "ยอดขาย 600 ล้านบาท", "OTOP",
                  dt.date(2022, 7, 1))
    # A two-digit Buddhist year after a month, against the document's own date.
    b = event_anchors("จังหวัดเชียงรายประชุมเมื่อ ต.ค. 65 เชิญ อปท. กี่แห่ง")
    assert agrees(b, "จังหวัดเชียงรายเชิญ อปท. 143 แห่ง", "ประชุม", dt.date(2022, 10, 20))
    assert not agrees(b, "จังหวัดเชียงรายเชิญ อปท. 143 แห่ง", "ประชุม", dt.date(2019, 10, 20))
    assert not agrees(b, "จังหวัดลำปางเชิญ อปท. 90 แห่ง", "ประชุม", dt.date(2022, 10, 20))


def test_document_mass_counts_the_title_and_date() -> None:
    idf = {"ธนาคารขยะ": 3.0, "พ.ค.": 1.0, "67": 1.0, "กำแพงเพชร": 3.0, "หมู่บ้าน": 2.0}
    terms = QuestionTerms.build([(t,) for t in idf], idf)
    base = 5.0 / terms.total  # the cluster holds ธนาคารขยะ and หมู่บ้าน
    got = document_mass(base, {"ธนาคารขยะ", "หมู่บ้าน"}, terms,
                        "จังหวัดกำแพงเพชร ขับเคลื่อนธนาคารขยะ", dt.date(2024, 5, 1))
    assert got == pytest.approx(1.0)
    assert "พ.ค." in date_words(dt.date(2024, 5, 1)) and "2567" in date_words(dt.date(2024, 5, 1))
    assert document_mass(base, set(idf), terms, "", None) == pytest.approx(base)


def test_a_word_and_its_aliases_weigh_as_one() -> None:
    """"มีนาคม" stands for "มี.ค.", "มีนา", "คม": found in any form, it counts once."""
    groups = token_groups("ประชุมเมื่อเดือนมีนาคม")
    month = next(g for g in groups if g[0] == "มีนาคม")
    assert "มี.ค." in month
    idf = {t: 2.0 for g in groups for t in g}
    terms = QuestionTerms.build(groups, idf)
    assert terms.share(["มี.ค."]) == pytest.approx(terms.share(["มีนาคม"]))
    assert terms.share(["มี.ค.", "มีนาคม", "คม"]) == pytest.approx(2.0 / terms.total)
    assert sum(len(g) for g in groups) == len(tokenize("ประชุมเมื่อเดือนมีนาคม"))


def _news(tmp_path: Path, docs: list[dict[str, Any]]) -> Path:
    path = tmp_path / "news.jsonl"
    path.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in docs) + "\n",
                    encoding="utf-8")
    return path


def test_another_years_event_is_not_the_answer(make_app: Callable[..., Any],
                                                tmp_path: Path) -> None:
    text = ("โฆษกรัฐบาลเผยงาน OTOP Midyear 2022 ที่อิมแพ็ค เมืองทองธานี มียอดขายรวม "
            "573,232,033 บาท มีผู้เข้าชมงาน 164,130 คน ผลิตภัณฑ์ชุมชนได้รับความสนใจ")
    path = _news(tmp_path, [{"title": "นายกฯ ปลื้มงาน OTOP Midyear 2022", "text": text,
                             "date": "2022-07-01", "kind": "news"}])
    app = make_app()
    with app.db.write() as s:
        store_documents(s, read_paths([path]))
    app.index.sync()
    answerer = Answerer(app.db, app.index)
    same = answerer.ask("งาน OTOP Midyear 2022 มียอดขายรวมเท่าไร")
    assert same.found and same.point.startswith("573,232,033 บาท")
    other = answerer.ask("งาน OTOP Midyear 2030 มียอดขายรวมเท่าไร")
    assert not other.found
    elsewhere = answerer.ask("งาน OTOP Midyear 2022 ที่ประเทศลาว มียอดขายรวมเท่าไร")
    assert not elsewhere.found


def test_days_in_reads_day_and_month() -> None:
    assert days_in("การประชุมเมื่อ 27 มี.ค. 66 ผ่านระบบอะไร") == {(27, 3)}
    assert days_in("ระหว่างวันที่ 29 กันยายน – 8 ตุลาคม 2566") == {(29, 9), (8, 10)}
    assert days_in("ยอดขาย 1,27 มี.ค.") == frozenset()  # a digit of a larger number
    assert days_in("ปลาย พ.ย. 65") == frozenset()  # a month alone names no day


def test_a_named_day_must_be_the_documents_day() -> None:
    a = event_anchors("การประชุมคณะกรรมการเมื่อ 27 มี.ค. 66 ประชุมผ่านระบบอะไร")
    assert a.days == {(27, 3)}
    # The text names the day, in either month form, or the document is of about that day.
    assert agrees(a, "ประชุมเมื่อวันที่ 27 มีนาคม 2566 ผ่านระบบ Zoom", "ประชุม", None)
    assert agrees(a, "ประชุมผ่านระบบ Zoom", "ประชุม", dt.date(2023, 3, 28))
    # A cabinet summary of another day, about another meeting, does not.
    assert not agrees(a, "ประชุมผ่านระบบการประชุมทางไกล", "สรุปข่าว", dt.date(2023, 4, 4))
    assert not agrees(a, "ประชุมเมื่อ 4 เมษายน 2566", "สรุปข่าว", None)
    # A question naming no day is not constrained by days.
    assert agrees(event_anchors("ประชุมผ่านระบบอะไร"), "ประชุม", "ข่าว", dt.date(2020, 1, 1))


def test_a_body_the_question_names_must_be_in_the_document() -> None:
    """"ธนาคารออมสินมอบถุงยังชีพกี่ชุด": a release that never names the bank is no answer
    (a tester read "700 ชุด" from a province's release about other donors)."""
    anchors = event_anchors("ธนาคารออมสินมอบถุงยังชีพกี่ชุด")
    assert "ธนาคารออมสิน" in anchors.places
    assert not agrees(anchors, "จังหวัดตราดมอบถุงยังชีพจำนวนทั้งสิ้น 700 ชุด", "มอบถุงยังชีพ", None)
    assert agrees(anchors, "ธนาคารออมสิน มอบถุงยังชีพ 2,000 ชุด", "ออมสินช่วยผู้ประสบภัย", None)
    # Asked, or no body: "ธนาคารใด", a waste bank, a company named only by its trade.
    for question in ("ธนาคารใดรับซื้อคาร์บอนเครดิต", "ธนาคารขยะตั้งแล้วกี่แห่ง",
                     "บริษัทก่อสร้างใดได้งาน"):
        assert event_anchors(question).places == (), question


def test_a_texts_years_are_read_once_and_never_stale(monkeypatch: pytest.MonkeyPatch) -> None:
    """Work, not time: the years of a text checked again are not scanned again; an edited
    text is another key (its own years), and the caller may change what it is given."""
    from bot.answering import consistency

    scans: list[str] = []
    scan = consistency._years_named

    def counted(text: str) -> frozenset[int]:
        scans.append(text)
        return scan(text)

    monkeypatch.setattr(consistency, "_years_named", counted)
    consistency._years_of.cache_clear()
    text = "รายงานผลการดำเนินงาน เดือน พ.ค. 67 และปี 2566"
    first = consistency.years_in(text)
    first.add(1)  # the caller's own set
    assert consistency.years_in(text) == {2567, 2566}
    assert len(scans) == 1
    assert consistency.years_in(text.replace("2566", "2565")) == {2567, 2565}
    assert len(scans) == 2
    consistency._years_of.cache_clear()
