"""Files sent in chat (transport-neutral part): role, type and size checked before download."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bot.uploads import MAX_UPLOAD_BYTES, Upload, handle_upload
from knowledge.models import Document

FILES = Path(__file__).parent / "data" / "files"


class Fetch:
    """A download that counts its calls."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.calls = 0

    def __call__(self) -> bytes:
        self.calls += 1
        return self.data


def _docs(app: Any) -> int:
    from sqlalchemy import func, select

    with app.db.read() as s:
        return s.scalar(select(func.count(Document.id))) or 0


@pytest.fixture
def app(make_app: Callable[..., Any]) -> Any:
    return make_app()


def test_editor_sends_a_report_pdf_and_it_is_searchable_at_once(app: Any) -> None:
    fetch = Fetch((FILES / "report_pages.pdf").read_bytes())
    reply = handle_upload(app.db, app.index, "editor",
                          Upload("report_pages.pdf", len(fetch.data), fetch))
    assert fetch.calls == 1
    assert "5 หน้า" in reply and "ไตรมาส 2/2566" in reply and "9,684,500 บาท" in reply
    assert "แทนเอกสาร" in reply  # the bundled sample report of the same quarter
    hits = app.index.search("ESCAP Hall ศูนย์ประชุมสหประชาชาติ", k=3)
    assert hits and hits[0].page in (3, 4)  # item 2.2 starts on page 3, ESCAP is on 4


def test_workbook_reply_counts_projects(app: Any) -> None:
    data = (FILES / "projects.xlsx").read_bytes()
    reply = handle_upload(app.db, app.index, "admin", Upload("p.xlsx", len(data), Fetch(data)))
    assert "โครงการ: เพิ่ม 3, ซ้ำ 1, ไม่รับ 2" in reply


@pytest.mark.parametrize(
    ("role", "name", "size", "why"),
    [
        ("manager", "a.pdf", 100, "editor"),
        (None, "a.pdf", 100, "editor"),
        ("admin", "virus.exe", 100, "unsupported"),
        ("admin", "big.pdf", MAX_UPLOAD_BYTES + 1, "too large"),
        ("admin", "unknown.pdf", None, "unknown size"),
    ],
)
def test_refused_before_download(app: Any, role: str | None, name: str, size: int | None,
                                 why: str) -> None:
    fetch = Fetch(b"%PDF-1.4")
    before = _docs(app)
    reply = handle_upload(app.db, app.index, role, Upload(name, size, fetch))
    assert why in reply and fetch.calls == 0 and _docs(app) == before


def _bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", b"\0" * (30 * 2**20))
    return buf.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "why"),
    [
        ("bomb.docx", _bomb(), "zip bomb"),
        ("locked.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, "password"),
        ("broken.pdf", b"%PDF-1.4\n", "damaged"),
        ("notes.txt", "ไทย".encode("cp874"), "UTF-8"),
    ],
)
def test_bad_files_store_nothing(app: Any, name: str, data: bytes, why: str) -> None:
    before = _docs(app)
    reply = handle_upload(app.db, app.index, "admin", Upload(name, len(data), Fetch(data)))
    assert reply.startswith("รับไฟล์ไม่ได้") and why in reply
    assert _docs(app) == before


def test_failed_download_and_repeated_file(app: Any) -> None:
    def boom() -> bytes:
        raise OSError("connection reset")

    assert "download failed" in handle_upload(app.db, app.index, "admin",
                                              Upload("a.docx", 10, boom))
    data = (FILES / "form_table.docx").read_bytes()
    first = handle_upload(app.db, app.index, "admin", Upload("f.docx", len(data), Fetch(data)))
    again = handle_upload(app.db, app.index, "admin", Upload("f.docx", len(data), Fetch(data)))
    assert first.startswith("✅") and "already known" in again
