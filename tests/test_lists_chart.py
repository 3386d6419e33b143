"""The summary chart with the ministry's project lists at scale (40,000 projects).

The lists are drawn by agency and by province: the ten largest budgets one bar each,
every other group summed into one "อื่น ๆ" bar, so the chart keeps its size and its
bars still add up to the quarter's total.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import warnings
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert, update

from bot.summary_lists import CHART_TOP, ListsSummary, lists_summary
from knowledge.models import Document, ListedProject
from knowledge.project_queries import Filters, GroupTotal, top_groups
from knowledge.summary import summarize
from knowledge.thai import FiscalQuarter

UTC = dt.UTC
Q = FiscalQuarter(2563, 3)
N_PROJECTS = 40_000
PROVINCES = [f"จังหวัดทดสอบ{i:02d}" for i in range(77)]


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def test_top_groups_keeps_the_largest_and_sums_the_rest() -> None:
    groups = [GroupTotal(f"อบต.{i:04d}", i % 7 + 1, Decimal(i * 1000)) for i in range(900)]
    tg = top_groups(groups, 10)
    assert [g.key for g in tg.top] == [f"อบต.{i:04d}" for i in range(899, 889, -1)]
    assert tg.rest_groups == 890 and tg.groups == 900
    assert sum(g.projects for g in tg.top) + tg.rest_projects == sum(g.projects for g in groups)
    assert sum(g.budget_baht for g in tg.top) + tg.rest_budget_baht == \
        sum(g.budget_baht for g in groups)
    ties = top_groups([GroupTotal("ข", 1, Decimal(5)), GroupTotal("ก", 1, Decimal(5))], 1)
    assert [g.key for g in ties.top] == ["ก"] and ties.rest_groups == 1
    few = top_groups(groups[:3], 10)
    assert len(few.top) == 3 and (few.rest_groups, few.rest_projects) == (0, 0)
    assert few.rest_budget_baht == 0
    with pytest.raises(ValueError):
        top_groups(groups, -1)


def _many_lists(agencies: int, provinces: int, projects: int) -> ListsSummary:
    per_agency = [GroupTotal(f"องค์การบริหารส่วนตำบลทดสอบที่มีชื่อยาวมากแห่งที่ {i:04d}",
                             projects // agencies, Decimal(1_000_000 + i * 10_000))
                  for i in range(agencies)]
    per_province = [GroupTotal(PROVINCES[i % 77] + ("" if i < 77 else f"{i}"),
                               projects // provinces, Decimal(5_000_000 + i * 77_000))
                    for i in range(provinces)]
    budget = sum((g.budget_baht for g in per_agency), Decimal(0))
    return ListsSummary(Q, Filters(fiscal_year=Q.fiscal_year, quarter=Q.quarter), "", projects,
                        budget, tuple(per_agency[:5]), tuple(per_province[:5]),
                        chart_agencies=top_groups(per_agency, CHART_TOP),
                        chart_provinces=top_groups(per_province, CHART_TOP))


def test_chart_of_many_groups_draws_the_top_ten_and_the_rest(tmp_path: Path) -> None:
    from bot.chart import render_summary_chart

    empty = summarize(_no_reports(), Q)
    lists = _many_lists(agencies=7_800, provinces=77, projects=N_PROJECTS)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        png = render_summary_chart(empty, tmp_path / "lists.png", lists)
        svg = render_summary_chart(empty, tmp_path / "lists.svg", lists)
    assert not caught, [str(w.message) for w in caught]  # no missing Thai glyph
    width, height = _png_size(png)
    assert width == 1320 and 500 < height < 900  # 12 in wide, one bar per group shown
    text = svg.read_text(encoding="utf-8")
    assert "อื่น ๆ (7,790 หน่วยงาน)" in text and "อื่น ๆ (67 จังหวัด)" in text
    assert "10 อันดับแรกจาก 7,800 หน่วยงาน" in text and "40,000 โครงการ" in text
    # ten agencies by name, the largest first; none of the 7,790 others
    named = set(re.findall(r"แห่งที่ (\d{4})", text))
    assert named == {f"{i:04d}" for i in range(7_790, 7_800)}
    # the axis fits the named groups; the far longer "อื่น ๆ" bar is cut, its figure told
    assert "≫ 311,171.55 · 38,950 โครงการ" in text and "78.99 · 5 โครงการ" in text


def test_few_groups_have_no_rest_bar(tmp_path: Path) -> None:
    from bot.chart import render_summary_chart

    lists = _many_lists(agencies=3, provinces=2, projects=12)
    svg = render_summary_chart(summarize(_no_reports(), Q), tmp_path / "few.svg", lists)
    text = svg.read_text(encoding="utf-8")
    assert "อื่น ๆ" not in text and "3 อันดับแรกจาก 3 หน่วยงาน" in text


def _no_reports() -> Any:
    from knowledge.summary import SummaryData

    return SummaryData(projects=(), reports=(), updates=())


def _fill(app: Any, n: int) -> None:
    """``n`` listed projects of quarter 3/2563 in 77 provinces and ~7,800 agencies."""
    with app.db.write() as s:
        doc = Document(kind="workbook", title="บัญชีโครงการทดสอบ.xlsx", text="ทดสอบ",
                       content_hash=hashlib.sha256(b"many").hexdigest())
        s.add(doc)
        s.flush()
        rows = []
        for i in range(n):
            province = PROVINCES[i % 77]
            agency = f"องค์การบริหารส่วนตำบลทดสอบ{i % 7_800:04d}"
            rows.append({
                "document_id": doc.id, "row_key": hashlib.sha256(str(i).encode()).hexdigest(),
                "name": f"ก่อสร้างถนนคอนกรีตเสริมเหล็กสายที่ {i}", "agency": agency,
                "ministry": "กระทรวงมหาดไทย", "province": province,
                "budget_baht": Decimal(100_000 + (i % 997) * 1_000), "fiscal_year": 2563,
                "quarter": 3, "submitted_on": dt.date(2020, 6, 22),
                "search_text": f"ก่อสร้างถนน{i}{agency}{province}",
            })
        s.execute(insert(ListedProject), rows)


def _add_workbook(app: Any, key: str) -> int:
    """A workbook document with one listed project of 3/2563 (``key``: its row key): its id."""
    with app.db.write() as s:
        doc = Document(kind="workbook", title="เพิ่ม.xlsx", text="เพิ่ม",
                       content_hash=hashlib.sha256(key.encode()).hexdigest())
        s.add(doc)
        s.flush()
        s.execute(insert(ListedProject), [{
            "document_id": doc.id, "row_key": key, "name": "ขุดลอกคลอง", "agency": "อบต.ใหม่",
            "province": PROVINCES[0], "budget_baht": Decimal(5_000), "fiscal_year": 2563,
            "quarter": 3, "submitted_on": dt.date(2020, 6, 1), "search_text": "ขุดลอกคลอง"}])
        return doc.id


def test_summary_with_40000_listed_projects_sends_a_readable_chart(
    make_app: Callable[..., Any], tmp_path: Path
) -> None:
    from bot.core import Core
    from bot.summary_view import summary_replies

    app = make_app()
    _fill(app, N_PROJECTS)
    lists = lists_summary(app.db, Q)
    assert lists is not None and lists.projects == N_PROJECTS
    assert lists.chart_agencies is not None and lists.chart_agencies.groups == 7_800
    assert lists.chart_provinces is not None and lists.chart_provinces.rest_groups == 67
    total = sum(g.budget_baht for g in lists.chart_agencies.top) + \
        lists.chart_agencies.rest_budget_baht
    assert total == lists.budget_baht

    core = Core(app.db, app.index, media_dir=tmp_path / "media",
                clock=lambda: dt.datetime(2020, 7, 1, 12, tzinfo=UTC))
    replies = summary_replies(core, "3/2563")  # timed in bench/bench_summary.py, not here
    charts = [r for r in replies if r.image is not None]
    assert len(charts) == 1 and "40,000 โครงการ" in replies[1].text
    width, height = _png_size(charts[0].image)  # type: ignore[arg-type]
    assert width == 1320 and height < 900

    # every listed project, in a workbook of its own beside the summary workbook
    from openpyxl import load_workbook

    book, listed = [r.file for r in replies if r.file is not None]
    assert book is not None and listed is not None
    assert book.name.startswith("summary-") and listed.name.startswith("listed-2563-q3-")
    wb = load_workbook(book, read_only=True)
    assert wb.sheetnames == ["projects", "agencies", "updates"]
    wb.close()
    assert "40,000 โครงการ" in replies[-1].text and "แยกไฟล์" in replies[-1].text
    wb = load_workbook(listed, read_only=True)
    assert wb.sheetnames == ["listed"]
    rows = list(wb["listed"].iter_rows(min_row=3, values_only=True))
    assert len(rows) == N_PROJECTS
    assert sorted(r[0] for r in rows) == list(range(1, N_PROJECTS + 1))
    assert sum(Decimal(str(r[4])) for r in rows) == lists.budget_baht
    assert rows[0][5] == dt.datetime(2020, 6, 22)  # the submission date as a date cell
    wb.close()

    # a province filter: its agencies only (one province has no provinces to compare)
    (_text, lists_reply, chart, _book, book) = summary_replies(core, "3/2563 จังหวัดทดสอบ05")
    assert "ในจังหวัดจังหวัดทดสอบ05" in lists_reply.text or "ทดสอบ05" in lists_reply.text
    assert chart.image is not None and _png_size(chart.image)[1] < 900
    assert book.file is not None and book.file != listed
    wb = load_workbook(book.file, read_only=True)
    provinces = {r[3] for r in wb["listed"].iter_rows(min_row=3, values_only=True)}
    assert provinces == {"จังหวัดทดสอบ05"}
    wb.close()


def test_new_or_removed_listed_projects_name_new_files(make_app: Callable[..., Any],
                                                       tmp_path: Path) -> None:
    """The files are named after the listed rows too: an ingest or a removal is never stale."""
    from openpyxl import load_workbook

    from bot.core import Core
    from bot.summary_view import summary_replies
    from knowledge.library import remove_document

    app = make_app()
    _fill(app, 40)
    core = Core(app.db, app.index, media_dir=tmp_path / "media",
                clock=lambda: dt.datetime(2020, 7, 1, 12, tzinfo=UTC))

    def book() -> tuple[Path, int]:
        _summary, path = [r.file for r in summary_replies(core, "3/2563") if r.file is not None]
        assert path is not None
        wb = load_workbook(path, read_only=True)
        n = sum(1 for _ in wb["listed"].iter_rows(min_row=3))
        wb.close()
        return path, n

    first, n = book()
    assert n == 40 and book() == (first, 40)  # unchanged: the same file
    more = _add_workbook(app, "more")  # another workbook ingested: one more project in 3/2563
    second, n = book()
    assert second != first and n == 41
    with app.db.write() as s:  # removed again: the same 40 rows as at first, the same file
        remove_document(s, more)
    third, n = book()
    assert third == first and n == 40
    with app.db.write() as s:  # a row changed in place: count and highest id as before
        s.execute(update(ListedProject).where(ListedProject.id == 1).values(name="สะพานใหม่"))
    fourth, n = book()
    assert fourth != third and n == 40
    wb = load_workbook(fourth, read_only=True)
    assert "สะพานใหม่" in {r[1] for r in wb["listed"].iter_rows(min_row=3, values_only=True)}
    wb.close()


def test_listed_workbook_is_made_once_per_change_of_the_lists(
        make_app: Callable[..., Any], tmp_path: Path) -> None:
    """Made ahead (ingest's end, the warmer), reused while updates change the summary."""
    from openpyxl import load_workbook

    from bot.core import Core
    from bot.summary_view import summary_replies, warm_listed_workbooks

    app = make_app()
    _fill(app, 40)
    media = tmp_path / "media"
    assert warm_listed_workbooks(app.db, media) == 1  # 3/2563, the only listed quarter
    (made,) = media.glob("listed-*.xlsx")
    assert warm_listed_workbooks(app.db, media) == 0  # there already
    stamp = made.stat().st_mtime_ns
    core = Core(app.db, app.index, media_dir=media,
                clock=lambda: dt.datetime(2020, 7, 1, 12, tzinfo=UTC))  # in 4/2563

    def files() -> list[Path]:
        return [r.file for r in summary_replies(core, "3/2563") if r.file is not None]

    book, listed = files()
    assert listed == made  # found, not written again (only touched: kept longer)
    assert made.stat().st_mtime_ns >= stamp
    wb = load_workbook(listed, read_only=True)
    assert sum(1 for _ in wb["listed"].iter_rows(min_row=3)) == 40
    wb.close()
    # a new update of 3/2563: a new summary workbook, the same listed one
    from knowledge.models import ProgressUpdate, Project

    with app.db.write() as s:
        p = Project(agency="อบต.ทดสอบ", name="โครงการทดสอบ")
        s.add(p)
        s.flush()
        s.add(ProgressUpdate(project_id=p.id, platform="console", external_user_id="off1",
                             platform_message_id="m-listed-2", text="ประชุมแล้ว",
                             fiscal_year=2563, quarter=3, status="approved",
                             created_at=dt.datetime(2020, 4, 2, tzinfo=UTC)))
    book2, listed2 = files()
    assert book2 != book and listed2 == made
    # a workbook ingested: new lists, a new listed workbook (made by the warmer)
    _add_workbook(app, "more2")
    assert warm_listed_workbooks(app.db, media) == 1
    _book3, listed3 = files()
    assert listed3 != made and listed3.is_file()


def test_filtered_views_asked_in_chat_are_made_again_when_the_lists_change(
        make_app: Callable[..., Any], tmp_path: Path) -> None:
    """A province or agency asked in chat gets its listed workbook made ahead after an ingest.

    Without it the view's next ``/summary`` after new lists wrote every row of its
    workbook while the manager waited (the coldest case).
    """
    from openpyxl import load_workbook

    from bot.core import Core
    from bot.summary_view import summary_replies, warm_listed_workbooks

    app = make_app()
    _fill(app, 40)
    media = tmp_path / "media"
    core = Core(app.db, app.index, media_dir=media,
                clock=lambda: dt.datetime(2020, 7, 1, 12, tzinfo=UTC))
    view = f"3/2563 {PROVINCES[0]}"

    def listed(arg: str) -> Path:
        files = [r.file for r in summary_replies(core, arg) if r.file is not None]
        assert len(files) == 2, files  # the summary workbook and the listed one
        return files[-1]

    first = listed(view)
    assert "ไม่พบ" in summary_replies(core, "3/2563 จังหวัดที่ไม่มีจริง")[0].text  # not noted
    assert warm_listed_workbooks(app.db, media) == 1  # the ministry-wide one; the view's is there
    _add_workbook(app, "more")  # one more project, in PROVINCES[0]
    assert warm_listed_workbooks(app.db, media) == 2  # the ministry-wide one and the view's
    made = set(media.glob("listed-*.xlsx"))
    second = listed(view)
    assert second != first and second in made  # found made, not written while one waited
    wb = load_workbook(second, read_only=True)
    assert [r[3] for r in wb["listed"].iter_rows(min_row=3, values_only=True)] == [PROVINCES[0]] * 2
    wb.close()
    assert warm_listed_workbooks(app.db, media) == 0
