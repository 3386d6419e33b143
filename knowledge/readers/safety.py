"""Checks made before an Office file is opened: a zip bomb or a locked file is refused.

``.docx`` and ``.xlsx`` files are zip archives.  A small archive can expand to
gigabytes (a zip bomb); :func:`check_office_zip` reads only the archive's directory
and refuses one whose members would expand past :data:`MAX_UNPACKED` bytes in all,
or any member that expands more than :data:`MAX_RATIO` times.  A password-protected
Office file is not a zip at all but an OLE compound file holding the encrypted
package, and is named as such.
"""

from __future__ import annotations

import io
import zipfile

from knowledge.parsers import DocumentError

__all__ = ["MAX_MEMBERS", "MAX_RATIO", "MAX_UNPACKED", "check_office_zip"]

#: Bytes an Office file may expand to in all (the 40,725-row workbook is ~60 MB).
MAX_UNPACKED = 400 * 1024 * 1024
#: How many times a member may expand (XML compresses ~10-30 times; bombs ~1000 times).
MAX_RATIO = 150
#: Members an Office file may hold.
MAX_MEMBERS = 10_000

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def check_office_zip(data: bytes, where: str, required: str) -> None:
    """Refuse ``data`` unless it is a sane Office zip holding the member ``required``.

    Raises :class:`DocumentError` (Thai first) for a password-protected or old binary
    (``.doc``/``.xls``) file, a file that is not a zip, a zip bomb, or a zip without
    ``required`` (``word/document.xml``, ``xl/workbook.xml``).
    """
    if data.startswith(_OLE_MAGIC):
        raise DocumentError(
            f"{where}: ไฟล์ตั้งรหัสผ่านไว้ หรือเป็นรูปแบบเก่า (.doc/.xls) อ่านไม่ได้ "
            "(password-protected or old binary Office file)"
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise DocumentError(f"{where}: ไฟล์เสียหรือไม่ใช่ไฟล์ Office (corrupt file: {exc})") from exc
    if len(infos) > MAX_MEMBERS:
        raise DocumentError(f"{where}: ไฟล์มีส่วนย่อยมากผิดปกติ (too many members: {len(infos)})")
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > 1024 * 1024 and ratio > MAX_RATIO:
            raise DocumentError(
                f"{where}: ไฟล์ขยายตัวผิดปกติ อาจเป็น zip bomb ไม่เปิดอ่าน "
                f"(refused: {info.filename} expands {ratio:.0f} times)"
            )
    if total > MAX_UNPACKED:
        raise DocumentError(
            f"{where}: ไฟล์ขยายแล้วใหญ่เกิน {MAX_UNPACKED // 2**20} MB "
            f"(refused: expands to {total // 2**20} MB)"
        )
    if required not in {i.filename for i in infos}:
        raise DocumentError(f"{where}: ไม่ใช่ไฟล์ Office ที่ถูกต้อง (no {required} inside)")
