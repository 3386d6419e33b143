"""Caches of the project lists follow every change, not only a change of the row count.

The in-memory caches of the listed projects (agency and province names for questions
and ``/summary`` filters, the search texts of ``/projects``) and the listed projects'
workbook of ``/summary`` are keyed on a data version the database bumps (migration
``0011_summary``).  Keyed on the count alone (``bot.structured`` did), a rename or a
removal plus an addition served stale names; keyed on the count and the highest id, a
row changed in place did.  One test per kind of key, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import delete, insert, update

from bot.structured import answer_structured
from knowledge.models import Document, ListedProject
from knowledge.project_queries import (
    Filters,
    known_names,
    listed_fingerprint,
    listed_key,
    listed_version,
    project_page,
)


def _add(app: Any, rows: list[tuple[str, str, str]], tag: str) -> int:
    """A workbook document with ``(name, agency, province)`` rows in 2/2566; its id."""
    with app.db.write() as s:
        doc = Document(kind="workbook", title=f"{tag}.xlsx", text=tag,
                       content_hash=hashlib.sha256(tag.encode()).hexdigest())
        s.add(doc)
        s.flush()
        s.execute(insert(ListedProject), [
            {"document_id": doc.id, "row_key": hashlib.sha256(f"{tag}{i}".encode()).hexdigest(),
             "name": name, "agency": agency, "province": province,
             "budget_baht": Decimal(1000 * (i + 1)), "fiscal_year": 2566, "quarter": 2,
             "submitted_on": dt.date(2023, 1, 10),
             "search_text": f"{name}{agency}{province}".replace(" ", "").casefold()}
            for i, (name, agency, province) in enumerate(rows)])
        return doc.id


def _version(app: Any) -> int:
    with app.db.read() as s:
        return listed_version(s)


def _key(app: Any) -> tuple[int, int, int]:
    with app.db.read() as s:
        return listed_key(s)


def test_the_key_changes_with_every_change_to_the_rows(make_app: Callable[..., Any],
                                                       db_url: str) -> None:
    app = make_app(db_url)
    postgres = db_url.startswith("postgresql")
    k0, v0 = _key(app), _version(app)
    assert v0 > 0
    doc = _add(app, [("ถนน", "อบต.หนึ่ง", "กระบี่"), ("คลอง", "อบต.สอง", "ตรัง")], "a")
    k1 = _key(app)
    assert k1 != k0
    assert (_version(app) > v0) is postgres  # SQLite: the count and highest id tell
    with app.db.write() as s:  # a rename in place: count and highest id unchanged
        s.execute(update(ListedProject).where(ListedProject.name == "ถนน").values(name="สะพาน"))
    k2 = _key(app)
    assert k2 != k1 and k2[1:] == k1[1:]  # the version alone tells
    with app.db.write() as s:  # nothing changed: the key as it was
        s.execute(delete(ListedProject).where(ListedProject.id == 999_999))
        s.execute(update(ListedProject).where(ListedProject.id == 999_999).values(name="x"))
        s.add(Document(kind="text", title="อื่น", text="อื่น",
                       content_hash=hashlib.sha256(b"other").hexdigest()))
    assert _key(app) == k2
    with app.db.write() as s:  # the workbook removed: its rows go by the foreign key's cascade
        s.execute(delete(Document).where(Document.id == doc))
    k3 = _key(app)
    assert k3 != k2
    with pytest.raises(RuntimeError), app.db.write() as s:  # rolled back: the bump with it
        s.execute(insert(ListedProject), [{"document_id": _doc(s), "row_key": "r", "name": "n",
                                           "agency": "a", "search_text": "na"}])
        s.execute(update(ListedProject).values(name="x"))
        raise RuntimeError("rolled back")
    assert _key(app) == k3


def _doc(s: Any) -> int:
    doc = Document(kind="workbook", title="x", text="x",
                   content_hash=hashlib.sha256(b"x").hexdigest())
    s.add(doc)
    s.flush()
    return doc.id


def test_count_only_key_structured_names_follow_a_rename(make_app: Callable[..., Any],
                                                         db_url: str) -> None:
    """``bot.structured`` kept names until the count changed: a renamed agency was unknown."""
    app = make_app(db_url)
    _add(app, [("ก่อสร้างถนน", "องค์การบริหารส่วนตำบลหนองบัว", "กระบี่"),
               ("ขุดลอกคลอง", "องค์การบริหารส่วนตำบลหนองบัว", "กระบี่")], "first")
    ans = answer_structured(app.db, "งบประมาณรวมของ องค์การบริหารส่วนตำบลหนองบัว เท่าไร")
    assert ans is not None and "3,000 บาท" in ans.text
    with app.db.write() as s:  # renamed in place: the same count, the same ids
        s.execute(update(ListedProject).values(agency="องค์การบริหารส่วนตำบลหนองบัวใหม่"))
    ans = answer_structured(app.db, "งบประมาณรวมของ องค์การบริหารส่วนตำบลหนองบัวใหม่ เท่าไร")
    assert ans is not None and "หนองบัวใหม่" in ans.text and "3,000 บาท" in ans.text
    # a removal plus an addition of as many rows: the count stays, the names change
    with app.db.write() as s:
        s.execute(delete(ListedProject))
    _add(app, [("ก่อสร้างถนน", "องค์การบริหารส่วนตำบลดอนแก้ว", "ลำพูน"),
               ("ขุดลอกคลอง", "องค์การบริหารส่วนตำบลดอนแก้ว", "ลำพูน")], "second")
    ans = answer_structured(app.db, "จังหวัดลำพูนมีโครงการกี่โครงการ")
    assert ans is not None and ans.text.startswith("จังหวัดลำพูน มี 2 โครงการ"), ans


def test_count_and_top_id_key_caches_follow_a_row_changed_in_place(
        make_app: Callable[..., Any], db_url: str) -> None:
    """Names, search texts and fingerprints keyed on (count, highest id) missed an edit."""
    app = make_app(db_url)
    _add(app, [("ก่อสร้างถนน", "อบต.หนึ่ง", "กระบี่"), ("ขุดลอกคลอง", "อบต.สอง", "ตรัง")], "a")
    with app.db.read() as s:
        assert set(known_names(s)[0]) == {"กระบี่", "ตรัง"}
        assert project_page(s, "ขุดลอก").total == 1
        key, fp = listed_key(s), listed_fingerprint(s, Filters(fiscal_year=2566, quarter=2))
    with app.db.write() as s:
        s.execute(update(ListedProject).where(ListedProject.name == "ขุดลอกคลอง")
                  .values(name="ซ่อมสะพาน", search_text="ซ่อมสะพานอบต.สองพัทลุง",
                          province="พัทลุง"))
    with app.db.read() as s:
        assert listed_key(s) != key
        assert listed_fingerprint(s, Filters(fiscal_year=2566, quarter=2)) != fp
        assert listed_key(s)[1:] == key[1:]  # what the old key saw: nothing changed
        assert set(known_names(s)[0]) == {"กระบี่", "พัทลุง"}
        assert project_page(s, "ขุดลอก").total == 0
        assert project_page(s, "ซ่อมสะพาน").total == 1
