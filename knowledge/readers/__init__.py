"""Readers of the ministry's binary files: PDF, Word and Excel, into parsed documents.

:func:`read_file_bytes` takes a file's bytes and name and returns one
:class:`~knowledge.parsers.ParsedDocument`, parsed by the layout its text has (report
form, press release, plain text) exactly as a ``.txt`` file would be, with the page of
every section, the page count and the original bytes kept for ``reparse``.  A workbook
becomes one document (kind ``workbook``) holding its project rows.

Errors are :class:`~knowledge.parsers.DocumentError` with a Thai-first message: an
unsupported type, a file too large, damaged, password-protected, a zip bomb, or a
scan with no OCR engine installed (:class:`~knowledge.readers.pdf.NeedsOCR`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import replace
from itertools import pairwise
from pathlib import PurePath

from knowledge.parsers import (
    DocumentError,
    OriginalFile,
    ParsedDocument,
    Section,
    detect_layout,
    parse_news,
    parse_report,
)
from knowledge.readers.form import row_line
from knowledge.textcut import shorten
from knowledge.thai import normalize_text

__all__ = [
    "BINARY_SUFFIXES",
    "MAX_FILE_BYTES",
    "assign_pages",
    "document_from_pages",
    "read_file_bytes",
]

#: File types read here (text and JSON lines are read by :mod:`knowledge.ingest`).
BINARY_SUFFIXES = (".pdf", ".docx", ".xlsx")
#: The largest file accepted, in bytes.
MAX_FILE_BYTES = 50 * 1024 * 1024

_SPACE = re.compile(r"\s+")


def _squeeze(text: str) -> str:
    return _SPACE.sub("", normalize_text(text)).replace("|", "")


#: Characters (white space left out) of a page's line looked for in a section's text, and
#: the fewest that make a line worth looking for (a short line may be in any text).
LINE_PROBE = 30
MIN_LINE_PROBE = 12


def assign_pages(
    sections: Sequence[Section], pages: Sequence[tuple[int, str]]
) -> tuple[Section, ...]:
    """``sections`` with the page each starts on, found by its text in ``pages``.

    ``pages`` holds ``(page number, text)``.  A section made from a form field ("งบประมาณ
    โครงการ…: 9,684,500 บาท") is looked up by its value, the part after the last ": ".  A
    section not found keeps the page of the one before it (page 1 for the first).

    A section of the text that runs on over a page break (a result item of a form, a
    paragraph) is cut there into sections of the same name, one a page
    (:func:`_page_breaks`): each passage then lies on one page, and a value read in
    it is cited on the page it is printed on, not the page its item starts on.
    """
    squeezed = [(n, _squeeze(t)) for n, t in pages]
    lines = _line_patterns(pages)
    out: list[Section] = []
    last = pages[0][0] if pages else None
    for sec in sections:
        probe = sec.text.rsplit(": ", 1)[-1] if sec.name.startswith("field:") else sec.text
        key = _squeeze(probe)[:40]
        found = next((n for n, t in squeezed if key and key in t), None)
        if found is None and len(key) > 12:
            found = next((n for n, t in squeezed if key[:12] in t), None)
        if found is not None:
            last = found
        page = found if found is not None else last
        breaks = [] if found is None or sec.name.startswith("field:") else \
            _page_breaks(sec.text, found, lines)
        cuts = [0, *(at for at, _ in breaks), len(sec.text)]
        for (a, b), n in zip(pairwise(cuts), [page, *(n for _, n in breaks)], strict=True):
            if sec.text[a:b].strip():
                out.append(Section(sec.name, sec.text[a:b].strip(), n))
    return tuple(out)


_PageLines = list[tuple[int, list[re.Pattern[str]]]]


def _line_patterns(pages: Sequence[tuple[int, str]]) -> _PageLines:
    """Each page's lines as patterns of their first :data:`LINE_PROBE` characters.

    White space may stand anywhere between the characters (a wrapped line is joined to
    the one before it with or without a space); lines shorter than
    :data:`MIN_LINE_PROBE` characters are left out.
    """
    out: _PageLines = []
    for n, page_text in pages:
        probes = [chars for line in page_text.split("\n")
                  if len(chars := _squeeze(line)[:LINE_PROBE]) >= MIN_LINE_PROBE]
        out.append((n, [re.compile(r"\s*".join(map(re.escape, c))) for c in probes]))
    return out


def _page_breaks(text: str, first: int, pages: _PageLines) -> list[tuple[int, int]]:
    """Where ``text`` (a section starting on page ``first``) runs on to later pages.

    ``(offset in text, page)`` for each later page one of whose lines (the first found,
    :func:`_line_patterns`) ``text`` holds after the break before; the pages after the
    first that holds none of it are not looked at.
    """
    out: list[tuple[int, int]] = []
    at = 0
    for n, patterns in pages:
        if n <= first:
            continue
        hit = None
        for pattern in patterns:
            m = pattern.search(text, at)
            if m is not None:
                hit = m.start()
                break
        if hit is None or hit <= at:
            break
        out.append((hit, n))
        at = hit
    return out


def _table_row(paragraph: str) -> str:
    """A paragraph that is a table row (tab-separated cells) as its form line or cells."""
    return row_line(paragraph.split("\t")) if "\t" in paragraph else paragraph


def document_from_pages(
    pages: Sequence[tuple[int, str]], *, name_hint: str, n_pages: int | None
) -> ParsedDocument:
    """Parse the text of ``pages`` (``(page number, line)`` each) in whichever layout it has.

    A report form or press release is parsed as its ``.txt`` would be, its sections then
    given pages; other text becomes one section per paragraph with its page.
    """
    lines = [(n, _table_row(t)) for n, t in pages if t.strip()]
    if not lines:
        raise DocumentError(f"{name_hint}: ไม่มีข้อความในเอกสาร (the document has no text)")
    text = "\n".join(t for _, t in lines)
    by_page: dict[int, list[str]] = {}
    for n, t in lines:
        by_page.setdefault(n, []).append(t)
    page_texts = [(n, "\n".join(ts)) for n, ts in sorted(by_page.items())]
    layout = detect_layout(text)
    if layout in ("report", "news"):
        doc = parse_report(text, name_hint=name_hint) if layout == "report" else parse_news(text)
        sections = assign_pages(doc.sections, page_texts)
        return ParsedDocument(
            kind=doc.kind,
            title=doc.title,
            date=doc.date,
            text=doc.text,
            sections=sections,
            report=doc.report,
            news=doc.news,
            pages=n_pages,
        )
    title = shorten(next((t for _, t in lines if len(t) >= 4), lines[0][1]), 200)
    return ParsedDocument(
        kind="text",
        title=normalize_text(title).strip(),
        date=None,
        text=text,
        sections=tuple(Section("paragraph", t, n) for n, t in lines),
        pages=n_pages,
    )


def _workbook_document(data: bytes, filename: str) -> ParsedDocument:
    from knowledge.readers.xlsx import read_xlsx

    wb = read_xlsx(data, filename)
    agencies = len({r.agency for r in wb.rows})
    provinces = len({r.province for r in wb.rows if r.province})
    summary = (
        f"บัญชีโครงการจากไฟล์ {filename}: {wb.rows_read:,} แถว, {len(wb.rows):,} โครงการ "
        f"จาก {agencies:,} หน่วยงาน ใน {provinces:,} จังหวัด"
    )
    digest = hashlib.sha256(data).hexdigest()
    return ParsedDocument(
        kind="workbook",
        title=filename,
        date=None,
        text=f"{summary}\nsha256 {digest}",
        sections=(Section("workbook", summary),),
        source=filename,
        projects=tuple(wb.rows),
        refused=dict(wb.refused),
        refused_at={k: tuple(v) for k, v in wb.refused_at.items()},
        notes=tuple(wb.notes),
        extra={"rows_read": str(wb.rows_read), "sheets": ",".join(wb.sheets)},
    )


def read_file_bytes(data: bytes, filename: str, *, where: str | None = None) -> ParsedDocument:
    """Parse a ``.pdf``, ``.docx`` or ``.xlsx`` file's bytes; see the module docstring.

    ``where`` names the file in error messages (default: its name).
    """
    name = PurePath(filename).name
    try:
        return _read(data, name)
    except DocumentError as exc:
        if where and where != name:
            msg = str(exc)
            msg = msg[len(name) + 2 :] if msg.startswith(f"{name}: ") else msg
            raise type(exc)(f"{where}: {msg}") from exc
        raise


def _read(data: bytes, name: str) -> ParsedDocument:
    suffix = PurePath(name).suffix.lower()
    if suffix not in BINARY_SUFFIXES:
        raise DocumentError(f"{name}: ไม่รองรับไฟล์ชนิดนี้ (unsupported file type {suffix or '-'})")
    if len(data) > MAX_FILE_BYTES:
        raise DocumentError(
            f"{name}: ไฟล์ใหญ่เกิน {MAX_FILE_BYTES // 2**20} MB (file too large: "
            f"{len(data) // 2**20} MB)"
        )
    if not data:
        raise DocumentError(f"{name}: ไฟล์ว่างเปล่า (empty file)")
    stem = PurePath(name).stem
    if suffix == ".xlsx":
        doc = _workbook_document(data, name)
    elif suffix == ".docx":
        from knowledge.readers.docx import read_docx

        dx = read_docx(data, name)
        doc = document_from_pages(dx.lines, name_hint=stem, n_pages=dx.pages)
    else:
        from knowledge.readers.pdf import read_pdf_pages

        pdf = read_pdf_pages(data, name)
        lines = [(p.number, para) for p in pdf.pages for para in p.paragraphs]
        doc = document_from_pages(lines, name_hint=stem, n_pages=len(pdf.pages))
        scanned = [p.number for p in pdf.pages if p.ocr]
        if scanned:  # said at ingest, with the form's fields it could not read
            from knowledge.readers.ocr_notes import looks_like_form, ocr_notes

            notes = ocr_notes(name, scanned, sum(p.ocr_dropped_lines for p in pdf.pages),
                              report=doc.report,
                              looks_like_form=looks_like_form(doc.text))
            doc = replace(doc, notes=(*doc.notes, *notes),
                          extra={**doc.extra, "ocr_pages": ",".join(map(str, scanned))})
    return ParsedDocument(
        kind=doc.kind,
        title=doc.title,
        date=doc.date,
        text=doc.text,
        sections=doc.sections,
        source=doc.source or name,
        report=doc.report,
        news=doc.news,
        extra=doc.extra,
        pages=doc.pages,
        original=OriginalFile(name, data),
        projects=doc.projects,
        refused=doc.refused,
        refused_at=doc.refused_at,
        notes=doc.notes,
    )
