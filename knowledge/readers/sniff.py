"""What a file holds, told from its bytes: a name given in chat is not to be trusted.

A file sent in chat may be called anything ("รายงาน", "scan.pdf.exe", "report.pdf" that
is a photo).  :func:`sniff_suffix` looks at the content and answers with the suffix of
the type the readers take (``.pdf``, ``.docx``, ``.xlsx``, ``.jsonl``, ``.txt``), or
raises :class:`~knowledge.parsers.DocumentError` (Thai first) saying why the file is
not read.  It only identifies; the readers still check everything else (a zip bomb, a
damaged PDF, an invalid JSON line).

The signatures: a PDF opens with ``%PDF-`` (after blanks at most); ``.docx`` and
``.xlsx`` are zip archives (their first bytes ``PK``, 3, 4) holding
``word/document.xml`` or ``xl/workbook.xml`` (only the archive's directory is read); a
password-protected Office file is an OLE compound file.  Anything else must be text
(UTF-8, UTF-16 with its byte-order mark, or Thai Windows-874:
:func:`knowledge.readers.encoding.decode_text`); it is JSON lines when its first
non-blank line opens a JSON object.
"""

from __future__ import annotations

import io
import zipfile

from knowledge.parsers import DocumentError
from knowledge.readers.encoding import decode_text, has_utf16_bom

__all__ = ["SNIFFED_SUFFIXES", "UNSUPPORTED_TYPE", "sniff_suffix"]

#: What :func:`sniff_suffix` may answer.
SNIFFED_SUFFIXES = (".pdf", ".docx", ".xlsx", ".jsonl", ".txt")
#: The reason given for a file of another type.
UNSUPPORTED_TYPE = (
    "ไม่รองรับไฟล์ชนิดนี้ รับเฉพาะ PDF, Word (.docx), Excel (.xlsx), ข้อความ (.txt) "
    "และ JSON lines (.jsonl) (unsupported file type)"
)

_PDF = b"%PDF-"
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: Bytes looked at to tell text from binary data.
_PROBE = 64 * 1024
#: Control bytes (other than tab, line feed, form feed, carriage return) text may hold.
_CONTROL = frozenset(range(32)) - {9, 10, 12, 13}


def _zip_kind(data: bytes, where: str) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise DocumentError(f"{where}: ไฟล์ zip เสียหรืออ่านไม่ได้ (corrupt zip file: {exc})") from exc
    if "word/document.xml" in names:
        return ".docx"
    if "xl/workbook.xml" in names:
        return ".xlsx"
    raise DocumentError(f"{where}: {UNSUPPORTED_TYPE[:UNSUPPORTED_TYPE.rindex('(')]}"
                        "(unsupported file type: a zip archive, not a Word or Excel file)")


def _looks_binary(probe: bytes) -> bool:
    """Binary data: a NUL, or more than 1 % control bytes that text never holds."""
    if b"\x00" in probe:
        return True
    controls = sum(1 for b in probe if b in _CONTROL)
    return controls > len(probe) // 100


def sniff_suffix(data: bytes, where: str) -> str:
    """The suffix of the type ``data`` holds (one of :data:`SNIFFED_SUFFIXES`).

    ``where`` names the file in messages.  Raises :class:`DocumentError` for an empty
    file, a password-protected or old binary Office file (``.doc``/``.xls``), a corrupt
    zip, binary data of another type, or text that is not UTF-8.
    """
    if not data.strip():
        raise DocumentError(f"{where}: ไฟล์ว่างเปล่า (empty file)")
    if data.lstrip(b"\xef\xbb\xbf \t\r\n\x00").startswith(_PDF):
        return ".pdf"
    if data.startswith(_OLE):
        raise DocumentError(
            f"{where}: ไฟล์ตั้งรหัสผ่านไว้ หรือเป็นรูปแบบเก่า (.doc/.xls) อ่านไม่ได้ "
            "(password-protected or old binary Office file)"
        )
    if data.startswith(_ZIP):
        return _zip_kind(data, where)
    if not has_utf16_bom(data) and _looks_binary(data[:_PROBE]):
        raise DocumentError(f"{where}: {UNSUPPORTED_TYPE}")
    try:
        text = decode_text(data)
    except UnicodeError as exc:
        at = f"; byte {exc.start}" if isinstance(exc, UnicodeDecodeError) else ""
        raise DocumentError(
            f"{where}: ไฟล์ข้อความไม่ได้เข้ารหัสแบบ UTF-8 หรือ TIS-620 กรุณาบันทึกเป็น UTF-8 แล้วส่งใหม่ "
            f"(not UTF-8 or TIS-620 text{at})"
        ) from exc
    first = next((line.strip() for line in text.split("\n") if line.strip()), "")
    return ".jsonl" if first.startswith("{") else ".txt"
