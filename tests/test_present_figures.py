"""Questions about the present over dated releases (issue "latest28").

A running count is stated again in release after release: "ล่าสุด ... กี่ราย" is answered
with the newest release's figure even when its words rank it below the passages usually
read, and never with a newer release's figure of another thing; two releases of one day
that give different figures for the same thing are both told of.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from releases import FILLERS, ask_over, news

import bot.answering.answerer as answerer_module
from bot.answering.present import figure_label, names_present, newest_matching, same_label

#: Releases about other things: rank-bm25's IDF needs a few documents.
_OTHERS = [
    *FILLERS,
    news(93, "กรมป่าไม้ปลูกต้นไม้เฉลิมพระเกียรติ",
         "กรมป่าไม้ร่วมกับชุมชนปลูกต้นไม้ 9,000 ต้น ที่จังหวัดลำปาง", "2023-04-02"),
]


def _progress(n: int, date: str, mediated: str, entered: str, extra: str = "") -> dict[str, str]:
    """A daily release of the informal-debt mediation count."""
    return news(n, "ปลัดมหาดไทย เผยความคืบหน้าการแก้ไขปัญหาหนี้นอกระบบ",
                f"ปลัดมหาดไทย เผยความคืบหน้าการแก้ไขปัญหาหนี้นอกระบบ เข้าสู่กระบวนการไกล่เกลี่ยหนี้"
                f"แล้ว {entered} ราย สามารถไกล่เกลี่ยหนี้นอกระบบสำเร็จ {mediated} ราย "
                f"มูลหนี้ลดลง 1,048 ล้านบาท{extra}", date)


#: The older releases say it in fewer words (BM25 ranks them first); the newest says more.
_SERIES = [
    _progress(1, "2024-04-03", "26,299", "45,410"),
    _progress(2, "2024-04-05", "26,546", "45,600"),
    _progress(3, "2024-04-09", "26,888", "46,020"),
    _progress(4, "2024-04-18", "27,944", "47,433",
              " กำชับทุกจังหวัดเร่งรัดไกล่เกลี่ยหนี้อย่างต่อเนื่องให้ครบทุกกรณี"),
]
#: Newer, and about the same debts, but its figure is of another thing (still in mediation).
_NEWER_OTHER = news(
    5, "ปลัดมหาดไทย เผยความคืบหน้าการแก้ไขปัญหาหนี้นอกระบบทั่วประเทศ",
    "ปลัดมหาดไทย เผยความคืบหน้าการแก้ไขปัญหาหนี้นอกระบบทั่วประเทศ ไกล่เกลี่ยหนี้นอกระบบ"
    "แล้วเสร็จ ยังอยู่ระหว่างไกล่เกลี่ยอีกเพียง 62 ราย", "2024-06-14")


@pytest.fixture
def few_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read as few passages as a large archive's top passages leave a daily series.

    In the 13,225 releases BM25's first 40 passages hold some 40 releases of a daily
    count and not always the newest; over five releases, the first two stand for them.
    """
    monkeypatch.setattr(answerer_module, "TOP_PASSAGES", 2)


@pytest.mark.usefixtures("few_read")
@pytest.mark.parametrize("question", [
    "ล่าสุดไกล่เกลี่ยหนี้นอกระบบสำเร็จกี่ราย",
    "ตอนนี้ไกล่เกลี่ยหนี้นอกระบบสำเร็จแล้วกี่ราย",
])
def test_the_newest_release_leads_even_when_its_words_rank_it_lower(
        make_app: Callable[..., Any], tmp_path: Path, question: str) -> None:
    ans = ask_over(make_app, tmp_path, [*_SERIES, *_OTHERS], question)
    lead = ans.point.split(" — ")[0]
    assert ans.found and lead.startswith("27,944 ราย"), ans.point
    assert "18 เม.ย. 2567" in lead, ans.point
    assert ans.sources[0].date == "2024-04-18"


@pytest.mark.usefixtures("few_read")
def test_a_newer_release_of_another_figure_does_not_lead(
        make_app: Callable[..., Any], tmp_path: Path) -> None:
    ans = ask_over(make_app, tmp_path, [*_SERIES, _NEWER_OTHER, *_OTHERS],
                   "ล่าสุดไกล่เกลี่ยหนี้นอกระบบสำเร็จกี่ราย")
    lead = ans.point.split(" — ")[0]
    assert ans.found and lead.startswith("27,944 ราย"), ans.point


def test_a_question_not_about_the_present_is_read_as_before(
        make_app: Callable[..., Any], tmp_path: Path) -> None:
    # Named day: that day's figure, whatever is newer.
    ans = ask_over(make_app, tmp_path, [*_SERIES, *_OTHERS],
                   "ไกล่เกลี่ยหนี้นอกระบบสำเร็จกี่ราย ข้อมูลวันที่ 5 เมษายน 2567")
    assert ans.found and ans.point.startswith("26,546 ราย"), ans.point


def _phase(n: int, date: str, phase3: str, extra: str = "") -> dict[str, str]:
    """A release of a co-payment scheme's running count of phase 3 users."""
    return news(n, "โฆษกรัฐบาลเผยความคืบหน้าโครงการคนละครึ่ง",
                f"โฆษกรัฐบาลเผยความคืบหน้าโครงการคนละครึ่ง เฟส 3 มีผู้ใช้สิทธิสะสม {phase3} ล้านคน "
                f"ยอดใช้จ่ายสะสม 65,881.5 ล้านบาท{extra}", date)


_PHASES = [
    _phase(21, "2021-09-19", "24.18"),
    _phase(22, "2021-10-01", "24.33"),
    _phase(23, "2021-12-20", "26.31",
           " และขอให้ประชาชนใช้จ่ายให้ทันก่อนสิ้นสุดโครงการในวันที่ 31 ธันวาคม 2564"),
]


@pytest.mark.usefixtures("few_read")
@pytest.mark.parametrize("question", [
    "คนละครึ่ง เฟส 3 ตอนนี้มีผู้ใช้สิทธิกี่คน",
    "ล่าสุดคนละครึ่งเฟส 3 มีผู้ใช้สิทธิสะสมกี่คน",
])
def test_a_stage_named_is_no_period_the_newest_figure_of_the_stage_leads(
        make_app: Callable[..., Any], tmp_path: Path, question: str) -> None:
    # "เฟส 3" names the programme's phase, which runs for months: the question about now
    # asks the newest release's count of that phase, not the one its words rank first.
    ans = ask_over(make_app, tmp_path, [*_PHASES, *_OTHERS], question)
    lead = ans.point.split(" — ")[0]
    assert ans.found and lead.startswith("26.31 ล้านคน"), ans.point
    assert ans.sources[0].date == "2021-12-20"


def test_a_quarter_named_is_a_period_its_own_figure_leads(
        make_app: Callable[..., Any], tmp_path: Path) -> None:
    releases = [
        news(31, "กรมการปกครองรายงานผลการจดทะเบียนไตรมาสที่ 1",
             "กรมการปกครองรายงานผลการจดทะเบียนสมรสไตรมาสที่ 1 มีผู้จดทะเบียน 1,200 คู่", "2024-01-10"),
        news(32, "กรมการปกครองรายงานผลการจดทะเบียนไตรมาสที่ 2",
             "กรมการปกครองรายงานผลการจดทะเบียนสมรสไตรมาสที่ 2 มีผู้จดทะเบียน 1,450 คู่", "2024-04-10"),
    ]
    ans = ask_over(make_app, tmp_path, [*releases, *_OTHERS],
                   "ตอนนี้ไตรมาสที่ 1 มีผู้จดทะเบียนสมรสกี่คู่")
    assert ans.found and ans.point.startswith("1,200 คู่"), ans.point


_SAME_DAY = [
    _progress(11, "2024-04-07", "26,719", "45,798"),
    _progress(12, "2024-04-07", "26,716", "45,753"),
]


@pytest.mark.parametrize("question", [
    "ล่าสุดไกล่เกลี่ยหนี้นอกระบบสำเร็จกี่ราย",
    "ไกล่เกลี่ยหนี้นอกระบบสำเร็จกี่ราย",
])
def test_two_releases_of_a_day_with_different_figures_are_both_told(
        make_app: Callable[..., Any], tmp_path: Path, question: str) -> None:
    ans = ask_over(make_app, tmp_path, [*_SAME_DAY, *_OTHERS], question)
    lead, _, _ = ans.point.partition(" — ")
    assert ans.found and lead.startswith(("26,719 ราย", "26,716 ราย")), ans.point
    other = "26,716 ราย" if lead.startswith("26,719") else "26,719 ราย"
    assert f"(อีกฉบับวันเดียวกันระบุ {other})" in lead, ans.point
    # Both releases are cited, the one that leads first.
    assert len({s.doc_id for s in ans.sources[:2]}) == 2, ans.sources


def test_the_other_release_is_told_in_english(
        make_app: Callable[..., Any], tmp_path: Path) -> None:
    ans = ask_over(make_app, tmp_path, [*_SAME_DAY, *_OTHERS],
                   "How many informal debt cases have been mediated successfully?")
    lead = ans.point.partition(" — ")[0]
    # (The English question's count is read as either figure the releases give.)
    pairs = [("26,719", "26,716"), ("45,798", "45,753")]
    assert ans.found and any(
        (lead.startswith(a) and f"(another release of that day gives {b}" in lead)
        or (lead.startswith(b) and f"(another release of that day gives {a}" in lead)
        for a, b in pairs), ans.point


@pytest.mark.parametrize("releases", [
    # A day apart: each is of its own day, no conflict.
    [_progress(11, "2024-04-06", "26,719", "45,798"),
     _progress(12, "2024-04-07", "26,799", "45,853")],
    # The same day, one province's count under the same label: a part, not the total.
    [_progress(11, "2024-04-07", "26,719", "45,798"),
     news(13, "จังหวัดน่านเร่งแก้ไขปัญหาหนี้นอกระบบ",
          "จังหวัดน่าน เผยความคืบหน้าการแก้ไขปัญหาหนี้นอกระบบ เข้าสู่กระบวนการไกล่เกลี่ยหนี้"
          "แล้ว 410 ราย สามารถไกล่เกลี่ยหนี้นอกระบบสำเร็จ 388 ราย มูลหนี้ลดลง 12 ล้านบาท",
          "2024-04-07")],
])
def test_no_note_for_figures_of_other_days_or_other_things(
        make_app: Callable[..., Any], tmp_path: Path, releases: list[dict[str, str]]) -> None:
    ans = ask_over(make_app, tmp_path, [*releases, *_OTHERS],
                   "ไกล่เกลี่ยหนี้นอกระบบสำเร็จกี่ราย")
    assert ans.found and "อีกฉบับ" not in ans.point, ans.point


def test_labels_of_one_quantity_agree() -> None:
    a = "สามารถไกล่เกลี่ยหนี้นอกระบบสำเร็จ 26,719 ราย"
    b = "ไกล่เกลี่ยสำเร็จแล้ว จำนวน 26,716 ราย"
    c = "ยังอยู่ระหว่างไกล่เกลี่ยอีกเพียง 62 ราย"
    la, lb, lc = (figure_label(t, t.index(n)) for t, n in ((a, "26"), (b, "26"), (c, "62")))
    assert same_label(la, lb)
    assert not same_label(la, lc)


def test_newest_matching_reads_the_newest_documents_that_score_enough() -> None:
    import datetime as dt

    pool = [(1, 10.0), (2, 9.8), (3, 9.5), (4, 9.0), (5, 6.0)]
    docs = {1: (10, dt.date(2024, 1, 1)), 2: (20, dt.date(2024, 3, 1)),
            3: (30, dt.date(2024, 2, 1)), 4: (40, None), 5: (50, dt.date(2025, 1, 1))}
    got = newest_matching(pool, lambda ids: {i: docs[i] for i in ids}, pool[:1], documents=2)
    # 5 is newest but matches poorly, 4 is undated; 2 and 3 are the newest that match.
    assert got == [(2, 9.8), (3, 9.5)]


def test_newest_matching_reads_a_dated_series_scoring_below_an_outlier() -> None:
    import datetime as dt

    # The best hit (1) is another matter sharing a word; a daily series (10-16) scores
    # 0.71-0.75 of it, below the share, and a lone newer release (5) lower still.
    pool = [(1, 10.0), (2, 9.0)] + [(10 + i, 7.5 - 0.06 * i) for i in range(7)] + [(5, 5.0)]
    docs = {1: (1, dt.date(2024, 1, 1)), 2: (2, dt.date(2023, 6, 1)),
            5: (5, dt.date(2025, 1, 1))}
    docs |= {10 + i: (10 + i, dt.date(2024, 3, 1 + i)) for i in range(7)}
    look = lambda ids: {i: docs[i] for i in ids}  # noqa: E731
    # Without the present named: only the best's band.
    assert newest_matching(pool, look, pool[:1], documents=2) == [(2, 9.0)]
    got = newest_matching(pool, look, pool[:1], documents=2, series=True)
    # The series' two newest are read too, the lone newer low hit is not.
    assert [pid for pid, _ in got] == [2, 16, 15]


def test_newest_matching_reads_no_series_of_a_few_documents() -> None:
    import datetime as dt

    pool = [(1, 10.0), (2, 7.4), (3, 7.3), (4, 7.2)]
    docs = {i: (i, dt.date(2024, 1, i)) for i in range(1, 5)}
    got = newest_matching(pool, lambda ids: {i: docs[i] for i in ids}, pool[:1],
                          documents=2, series=True)
    assert got == []


def test_names_present_reads_the_present_words_only() -> None:
    assert names_present("หนี้นอกระบบล่าสุดไกล่เกลี่ยแล้ว มูลหนี้ลดลงเท่าไร")
    assert names_present("how many so far")
    # "แล้วกี่" asks about the present (asks_present) but names no present word.
    assert not names_present("แก้หนี้นอกระบบส่งเรื่องดำเนินคดีแล้วกี่คดี")
    assert not names_present("ยุคปัจจุบันมีกี่คน")
