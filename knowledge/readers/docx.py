"""Word files (``.docx``) through ``python-docx``: paragraphs and tables in reading order.

Each table row becomes one line (see :func:`knowledge.readers.form.row_line`), so a
report form laid out as a table reads like the text form.  Pages are counted where
the file records them: Word marks where it broke pages when it last laid the file
out (``w:lastRenderedPageBreak``); explicit page breaks count otherwise; the total
comes from the file's properties (``docProps/app.xml``), except the "1" that
templates carry whatever the length (python-docx and LibreOffice files): a file
without breaks and with that 1 has no page count (``None``).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from typing import Any

from knowledge.parsers import DocumentError
from knowledge.readers.form import row_line
from knowledge.readers.safety import check_office_zip
from knowledge.thai import clean_control_chars, normalize_text

__all__ = ["DocxText", "read_docx"]

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_RENDERED = f"{{{_W}}}lastRenderedPageBreak"
_BR = f"{{{_W}}}br"
_TYPE = f"{{{_W}}}type"


@dataclass(frozen=True)
class DocxText:
    """The document's lines in reading order, each with the page it is on."""

    lines: tuple[tuple[int, str], ...]
    pages: int | None


def _breaks(element: Any, rendered: bool) -> int:
    if rendered:
        return sum(1 for _ in element.iter(_RENDERED))
    return sum(1 for br in element.iter(_BR) if br.get(_TYPE) == "page")


def _app_pages(data: bytes) -> int | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            xml = zf.read("docProps/app.xml").decode("utf-8", "replace")
    except (KeyError, zipfile.BadZipFile, OSError):
        return None
    m = re.search(r"<(?:\w+:)?Pages>(\d+)</", xml)
    return int(m.group(1)) if m else None


def _clean(text: str) -> str:
    return normalize_text(clean_control_chars(text))


def read_docx(data: bytes, where: str) -> DocxText:
    """The lines of the Word file held in ``data``.

    Raises :class:`DocumentError` (Thai first) for a password-protected, damaged or
    oversized (zip bomb) file; see :func:`knowledge.readers.safety.check_office_zip`.
    """
    check_office_zip(data, where, "word/document.xml")
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several kinds for a damaged package
        raise DocumentError(f"{where}: ไฟล์ Word เสียหรืออ่านไม่ได้ (damaged .docx: {exc})") from exc
    body = document.element.body
    rendered = any(True for _ in body.iter(_RENDERED))
    page = 1
    lines: list[tuple[int, str]] = []
    for block in document.iter_inner_content():
        start = page
        if isinstance(block, Table):
            for row in block.rows:
                seen: set[int] = set()
                cells: list[str] = []
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell is listed once per column
                        continue
                    seen.add(id(cell._tc))
                    cells.append(_clean(cell.text))
                line = row_line(cells)
                if line:
                    lines.append((page, line))
            page += _breaks(block._tbl, rendered)
        else:
            text = _clean(block.text).strip()
            breaks = _breaks(block._p, rendered)
            if text:
                # A break at the very start of a paragraph puts all of it on the next page.
                lines.append((start + (1 if breaks and _starts_with_break(block._p) else 0), text))
            page += breaks
    # Page breaks tell the pages where the file records them; otherwise the count in the
    # file's properties, unless it is the 1 that templates carry whatever the length.
    app = _app_pages(data)
    breaks_seen = page > 1
    pages = max(page, app or 0) if breaks_seen else (app if app and app > 1 else None)
    return DocxText(tuple(lines), pages)


def _starts_with_break(p: Any) -> bool:
    for el in p.iter():
        if el.tag in (_RENDERED, _BR):
            return True
        if el.tag == f"{{{_W}}}t" and (el.text or "").strip():
            return False
    return False
