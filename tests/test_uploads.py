"""Files sent in chat (transport-neutral part): role and size before download, type by content."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.uploads import MAX_UPLOAD_BYTES, Upload, UploadTooLarge, handle_upload
from knowledge.models import Document

FILES = Path(__file__).parent / "data" / "files"


class Fetch:
    """A download that counts its calls."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.calls = 0

    def __call__(self, limit: int) -> bytes:
        self.calls += 1
        if len(self.data) > limit:
            raise UploadTooLarge
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
        ("officer", "a.pdf", 100, "บทบาทของคุณ: officer"),
        (None, "a.pdf", 100, "ยังไม่ได้ลงทะเบียน"),
        ("admin", "big.pdf", MAX_UPLOAD_BYTES + 1, "ใหญ่เกินกำหนด"),
    ],
)
def test_refused_before_download(app: Any, role: str | None, name: str, size: int | None,
                                 why: str) -> None:
    fetch = Fetch(b"%PDF-1.4")
    before = _docs(app)
    reply = handle_upload(app.db, app.index, role, Upload(name, size, fetch))
    assert why in reply and fetch.calls == 0 and _docs(app) == before
    assert reply.startswith("ขออภัย")


def test_unknown_size_is_limited_while_downloading(app: Any) -> None:
    fetch = Fetch(b"x" * 2000)
    reply = handle_upload(app.db, app.index, "admin", Upload("a.txt", None, fetch), limit=1000)
    assert fetch.calls == 1 and "ใหญ่เกินกำหนด" in reply and "1,000" not in reply


def test_type_is_told_by_content_not_by_name(app: Any) -> None:
    pdf = (FILES / "report_pages.pdf").read_bytes()
    reply = handle_upload(app.db, app.index, "editor", Upload("รายงาน.bin", len(pdf), Fetch(pdf)))
    assert reply.startswith("✅") and "5 หน้า" in reply
    with app.db.read() as s:
        from knowledge.models import DocumentOriginal

        names = set(s.scalars(select(DocumentOriginal.filename)))
    assert "รายงาน.bin.pdf" in names  # kept under the type it holds, so reparse reads it
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    before = _docs(app)
    reply = handle_upload(app.db, app.index, "admin", Upload("report.pdf", len(png), Fetch(png)))
    assert "ไม่รองรับไฟล์ชนิดนี้" in reply and _docs(app) == before
    english = handle_upload(app.db, app.index, "admin", Upload("report.pdf", len(png), Fetch(png)),
                            english=True)
    assert "unsupported file type" in english and "ไม่รองรับ" not in english
    exe = b"MZ\x90\x00\x03" + b"\x00" * 100
    assert "unsupported" in handle_upload(app.db, app.index, "admin",
                                          Upload("form.docx", len(exe), Fetch(exe)),
                                          english=True)
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w") as zf:
        zf.writestr("notes.txt", "ไม่ใช่ไฟล์ Word")
    data = zipped.getvalue()
    reply = handle_upload(app.db, app.index, "admin", Upload("a.docx", len(data), Fetch(data)),
                          english=True)
    assert "not a Word or Excel file" in reply and _docs(app) == before


def test_text_and_json_lines_files(app: Any) -> None:
    text = "บันทึกการประชุมคณะทำงานขับเคลื่อนธนาคารน้ำใต้ดินจังหวัดอุดรธานี\n" \
           "ที่ประชุมมีมติให้ขยายผลไปยังทุกอำเภอภายในปีงบประมาณ พ.ศ. 2567\n"
    data = text.encode()
    reply = handle_upload(app.db, app.index, "editor", Upload("notes", len(data), Fetch(data)))
    assert reply.startswith("✅") and "ข้อความย่อย" in reply
    lines = "\n".join(
        json.dumps({"title": f"ข่าวกิจกรรมที่ {i}", "text": f"จังหวัดจัดกิจกรรมปลูกป่าครั้งที่ {i} "
                    "มีผู้เข้าร่วม 300 คน", "date": "2024-01-0" + str(i), "kind": "news"},
                   ensure_ascii=False) for i in range(1, 8))
    data = lines.encode()
    reply = handle_upload(app.db, app.index, "admin", Upload("news.jsonl", len(data), Fetch(data)))
    assert "เพิ่ม 7 ฉบับ" in reply and "ข่าวกิจกรรมที่ 1" in reply and "อีก 2 ฉบับ" in reply
    again = handle_upload(app.db, app.index, "admin", Upload("n.jsonl", len(data), Fetch(data)))
    assert "มีอยู่ในระบบแล้ว" in again and "7" in again and "already" not in again
    english = handle_upload(app.db, app.index, "admin", Upload("n.jsonl", len(data), Fetch(data)),
                            english=True)
    assert english.startswith("ℹ️ Not added again") and "มีอยู่" not in english
    bad = b'{"title": "x", "text": "y"}\n{not json\n'
    reply = handle_upload(app.db, app.index, "admin", Upload("b.jsonl", len(bad), Fetch(bad)))
    assert reply.startswith("ขออภัย") and "b.jsonl:2" in reply and "JSON ไม่ถูกต้อง" in reply
    assert "invalid JSON" not in reply  # one language: the reason in Thai only
    english = handle_upload(app.db, app.index, "admin", Upload("b.jsonl", len(bad), Fetch(bad)),
                            english=True)
    assert english.startswith("Sorry") and "b.jsonl:2: invalid JSON" in english, english


def test_scan_without_ocr_is_refused_with_the_reason(app: Any,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import pytesseract

    monkeypatch.setattr(pytesseract, "get_languages", lambda config="": ["eng"])
    data = (FILES / "scanned.pdf").read_bytes()
    before = _docs(app)
    reply = handle_upload(app.db, app.index, "admin", Upload("scan.pdf", len(data), Fetch(data)))
    assert "OCR" in reply and "สแกน" in reply and _docs(app) == before
    english = handle_upload(app.db, app.index, "admin", Upload("scan.pdf", len(data), Fetch(data)),
                            english=True)
    assert "needs OCR" in english and "สแกน" not in english


def _bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", b"\0" * (30 * 2**20))
    return buf.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "why"),
    [
        ("bomb.docx", _bomb(), "expands"),
        ("locked.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, "password"),
        ("broken.pdf", b"%PDF-1.4\n", "damaged"),
        ("notes.txt", "caf\xe9 au lait".encode("latin-1"), "UTF-8"),
    ],
)
def test_bad_files_store_nothing(app: Any, name: str, data: bytes, why: str) -> None:
    before = _docs(app)
    reply = handle_upload(app.db, app.index, "admin", Upload(name, len(data), Fetch(data)))
    assert reply.startswith("ขออภัย รับไฟล์ไม่ได้")
    english = handle_upload(app.db, app.index, "admin", Upload(name, len(data), Fetch(data)),
                            english=True)
    assert english.startswith("Sorry, the file was not taken") and why in english, english
    assert _docs(app) == before


def test_a_thai_windows_text_file_is_read(app: Any) -> None:
    data = "บันทึกการประชุม\n\nจังหวัดน่านตั้งธนาคารขยะเพิ่ม 12 แห่ง".encode("cp874")
    reply = handle_upload(app.db, app.index, "admin", Upload("notes.txt", len(data), Fetch(data)))
    assert reply.startswith("✅")
    assert [h for h in app.index.search("ธนาคารขยะ น่าน", 5) if "12 แห่ง" in h.text]


def test_failed_download_and_repeated_file(app: Any) -> None:
    def boom(limit: int) -> bytes:
        raise OSError("connection reset")

    assert "ดาวน์โหลดไฟล์" in handle_upload(app.db, app.index, "admin",
                                           Upload("a.docx", 10, boom))
    assert "could not be downloaded" in handle_upload(app.db, app.index, "admin",
                                                      Upload("a.docx", 10, boom), english=True)
    data = (FILES / "form_table.docx").read_bytes()
    first = handle_upload(app.db, app.index, "admin", Upload("f.docx", len(data), Fetch(data)))
    again = handle_upload(app.db, app.index, "admin", Upload("f.docx", len(data), Fetch(data)))
    assert first.startswith("✅") and "มีอยู่ในระบบแล้ว" in again
