"""PDF files: the text layer through PDFium (``pypdfium2``), Tesseract OCR for scans.

:func:`read_pdf_pages` returns each page's text, repaired (see
:mod:`knowledge.readers.thaifix`) and without running headers, footers and page
numbers.  Characters are read one by one with their boxes, so that a wide gap on a line
(between two table cells) becomes a tab instead of running the cells together, and a
gap between lines wider than the usual line pitch ends a paragraph.

A page without a text layer (a scan) is read with Tesseract's Thai model when
``pytesseract`` and Tesseract (Debian: ``tesseract-ocr``, ``tesseract-ocr-tha``) are
installed; otherwise :class:`NeedsOCR` is raised: the document is not stored empty.
"""

from __future__ import annotations

import logging
import statistics
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from knowledge.parsers import DocumentError, join_wrapped_lines
from knowledge.readers.form import row_line
from knowledge.readers.ocr_clean import clean_ocr_lines
from knowledge.readers.thaifix import reflow, repair_thai, strip_page_furniture
from knowledge.thai import clean_control_chars

__all__ = [
    "MAX_PAGES",
    "NeedsOCR",
    "PdfPageText",
    "PdfText",
    "ocr_available",
    "read_pdf_pages",
]

log = logging.getLogger(__name__)

#: Pages read at most; a longer PDF is refused (a report runs to tens of pages).
MAX_PAGES = 500
#: A page with fewer characters than this in its text layer counts as having none.
MIN_TEXT_CHARS = 20
#: Rendering resolution for OCR, in dots per inch.
OCR_DPI = 300


class NeedsOCR(DocumentError):
    """A PDF (or some of its pages) has no text layer and no OCR engine is installed."""


@dataclass(frozen=True)
class PdfPageText:
    """One page: its paragraphs (table rows hold tab-separated cells), and how it was read."""

    number: int
    paragraphs: tuple[str, ...]
    ocr: bool = False
    #: Of an OCR page: lines that held no word (table rules, specks read as signs) dropped.
    ocr_dropped_lines: int = 0


@dataclass(frozen=True)
class PdfText:
    """The pages of a PDF, in order."""

    pages: tuple[PdfPageText, ...]

    @property
    def text(self) -> str:
        """All paragraphs, one per line, pages separated by a blank line."""
        return "\n\n".join("\n".join(p.paragraphs) for p in self.pages if p.paragraphs)


def _tesseract() -> Any | None:
    try:
        import pytesseract
    except ImportError:
        return None
    try:
        if "tha" not in pytesseract.get_languages(config=""):
            return None
    except Exception:  # TesseractNotFoundError and friends: no engine installed
        return None
    return pytesseract


def ocr_available() -> bool:
    """Whether scanned pages can be read (pytesseract, Tesseract and its Thai model)."""
    return _tesseract() is not None


def _is_mark(ch: str) -> bool:
    """A Thai mark drawn above or below its letter (its box says nothing of spacing)."""
    return ch == "\u0e31" or "\u0e33" <= ch <= "\u0e3a" or "\u0e47" <= ch <= "\u0e4e"


@dataclass
class _Glyph:
    """A letter with the marks drawn on it, and its box (PDF units, y upwards)."""

    text: str
    left: float
    right: float
    bottom: float
    top: float
    space_after: bool = False

    @property
    def cy(self) -> float:
        return (self.bottom + self.top) / 2


def _glyphs(textpage: Any) -> list[_Glyph]:
    """The page's letters in stream order, each mark put on the letter it is drawn over.

    PDFium sometimes emits a mark letters after its own ("สิริกิตติ การน์ำ" for
    "สิริกิตติ์ การนำ"); its box still stands over its letter.  Spaces are not kept as
    letters: a real one marks the letter before it, and spacing is judged from the
    boxes (PDFium generates spaces after tone marks drawn shifted left: "เป้ าหมาย").
    """
    import pypdfium2.raw as pdfium_c

    out: list[_Glyph] = []
    for i in range(textpage.count_chars()):
        code = pdfium_c.FPDFText_GetUnicode(textpage.raw, i)
        ch = chr(code) if code else ""
        if not ch or ch in "\r\n\ufffe\x00":
            continue
        if ch.isspace():
            if out and pdfium_c.FPDFText_IsGenerated(textpage.raw, i) != 1:
                out[-1].space_after = True
            continue
        left, bottom, right, top = textpage.get_charbox(i)
        if _is_mark(ch) and out:
            centre = (left + right) / 2
            owner = out[-1]
            if not (owner.left - 1 <= centre <= owner.right + 1):
                for g in reversed(out[-8:-1]):
                    if g.left - 1 <= centre <= g.right + 1 and abs(g.cy - owner.cy) < 3:
                        owner = g
                        break
            owner.text += ch
            if ch == "\u0e33":  # sara am also takes room to the right of its letter
                owner.right = max(owner.right, right)
            continue
        out.append(_Glyph(ch, left, right, bottom, top))
    return out


@dataclass
class _Line:
    glyphs: list[_Glyph]
    cy: float
    top: float
    bottom: float


def _visual_lines(glyphs: list[_Glyph]) -> list[_Line]:
    """Glyphs grouped by the line they stand on, top to bottom, each line left to right.

    A glyph joins the line above it when its box overlaps the line's band (the box of
    the boxes of the glyphs already in it): a full stop or a letter with a tail below
    the line (ฐ ญ) has its centre lower than the others but stands on the same line.
    """
    lines: list[_Line] = []
    for g in sorted(glyphs, key=lambda g: -g.cy):
        if lines and g.bottom <= lines[-1].top - 0.5 and g.top >= lines[-1].bottom + 0.5:
            line = lines[-1]
            line.glyphs.append(g)
            line.top, line.bottom = max(line.top, g.top), min(line.bottom, g.bottom)
        else:
            lines.append(_Line([g], g.cy, g.top, g.bottom))
    for line in lines:
        line.glyphs.sort(key=lambda g: g.left)
    return lines


def _rules(page: Any) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
    """Table borders drawn on the page: horizontal ``(y, x0, x1)`` and vertical ``(x, y0, y1)``."""
    import pypdfium2.raw as pdfium_c

    horizontal, vertical = [], []
    try:
        objects = list(page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,)))
    except Exception:  # a page whose objects cannot be listed: no rules, plain lines
        return [], []
    for obj in objects:
        left, bottom, right, top = obj.get_bounds()
        if top - bottom < 2.5 and right - left > 10:
            horizontal.append(((top + bottom) / 2, left, right))
        elif right - left < 2.5 and top - bottom > 5:
            vertical.append(((left + right) / 2, bottom, top))
    return horizontal, vertical


def _cells(
    line: _Line, size: float, walls: list[float]
) -> list[tuple[float, str]]:
    """A line's cells ``(x where it starts, text)``: split at table walls and wide gaps."""
    cells: list[tuple[float, list[str]]] = []
    prev: _Glyph | None = None
    for g in line.glyphs:
        gap = g.left - prev.right if prev else 0.0
        wall = prev is not None and any(prev.right <= x <= g.left + 1 for x in walls)
        if prev is None or wall or gap > 1.8 * size:
            cells.append((g.left, [g.text]))
        else:
            if gap > 0.6 * size or (prev.space_after and gap > 0.15 * size):
                cells[-1][1].append(" ")
            cells[-1][1].append(g.text)
        prev = g
    return [(x, "".join(parts).strip()) for x, parts in cells]


def _page_lines(page: Any, textpage: Any) -> list[str]:
    """A page's lines, top to bottom; table rows as tab-separated cells.

    A blank line stands between paragraphs.  Where the page draws a table's borders,
    the lines between two horizontal rules are one row, and each line's cells go to the
    column (between vertical rules) they stand in: a cell's wrapped lines are joined,
    however PDFium ordered them.
    """
    glyphs = _glyphs(textpage)
    if not glyphs:
        return []
    heights = [g.top - g.bottom for g in glyphs if g.top > g.bottom]
    size = statistics.median(heights) if heights else 10.0
    horizontal, vertical = _rules(page)
    out: list[tuple[str, float]] = []  # text, cy
    row: dict[int, list[str]] | None = None
    row_cy = 0.0
    prev_cy: float | None = None

    def close_row() -> None:
        nonlocal row
        if row is not None:
            texts = [join_wrapped_lines(row[k]) for k in sorted(row)]
            out.append(("\t".join(texts) + ("\t" if len(texts) == 1 else ""), row_cy))
        row = None

    for line in _visual_lines(glyphs):
        walls = sorted(x for x, y0, y1 in vertical if y0 - 1 <= line.cy <= y1 + 1)
        cells = _cells(line, size, walls)
        if len(walls) < 2:
            close_row()
            out.append(("\t".join(t for _, t in cells), line.cy))
            prev_cy = line.cy
            continue
        ruled = prev_cy is not None and any(
            line.cy < y < prev_cy and x0 <= line.glyphs[0].left <= x1 for y, x0, x1 in horizontal
        )
        if row is None or ruled:
            close_row()
            row, row_cy = {}, line.cy
        for x, text in cells:
            column = sum(1 for w in walls if w <= x + 1)
            row.setdefault(column, []).append(text)
        prev_cy = line.cy
    close_row()
    return _with_paragraph_gaps([(t, cy, cy) for t, cy in out])


def _with_paragraph_gaps(lines: list[tuple[str, float, float]]) -> list[str]:
    """Lines with a blank line where the gap to the next is much wider than usual."""
    if len(lines) < 3:
        return [t for t, _, _ in lines]
    pitches = [
        lines[k][1] - lines[k + 1][1]
        for k in range(len(lines) - 1)
        if 0 < lines[k][1] - lines[k + 1][1]
    ]
    usual = statistics.median(pitches) if pitches else 0.0
    out: list[str] = []
    for k, (text, top_k, _) in enumerate(lines):
        if k and usual > 0:
            gap = lines[k - 1][1] - top_k
            if gap > 1.6 * usual:
                out.append("")
        out.append(text)
    return out


def _ocr_page(page: Any, tess: Any) -> list[str]:
    image = page.render(scale=OCR_DPI / 72).to_pil()
    text: str = tess.image_to_string(image, lang="tha+eng", config="--psm 6")
    return text.split("\n")


def read_pdf_pages(
    data: bytes,
    where: str,
    *,
    ocr: Callable[[], Any | None] = _tesseract,
) -> PdfText:
    """The repaired text of each page of the PDF held in ``data``.

    Raises :class:`DocumentError` (Thai first) for a damaged or password-protected file
    or one of more than :data:`MAX_PAGES` pages, and :class:`NeedsOCR` when a page has no
    text layer and ``ocr()`` finds no OCR engine.  ``where`` names the file in messages.
    """
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        msg = str(exc).lower()
        if "password" in msg:
            raise DocumentError(
                f"{where}: ไฟล์ PDF ตั้งรหัสผ่านไว้ อ่านไม่ได้ (password-protected PDF)"
            ) from exc
        raise DocumentError(f"{where}: ไฟล์ PDF เสียหรืออ่านไม่ได้ (damaged PDF: {exc})") from exc
    try:
        n = len(pdf)
        if n > MAX_PAGES:
            raise DocumentError(
                f"{where}: PDF ยาว {n} หน้า เกิน {MAX_PAGES} หน้า (too many pages: {n})"
            )
        raw_pages: list[list[str]] = []
        scanned: list[int] = []
        dropped: dict[int, int] = {}
        tess: Any | None = None
        for i in range(n):
            page = pdf[i]
            try:
                textpage = page.get_textpage()
                try:
                    lines = _page_lines(page, textpage)
                finally:
                    textpage.close()
                if sum(len(ln) for ln in lines) < MIN_TEXT_CHARS:
                    if tess is None:
                        tess = ocr()
                    if tess is None:
                        scanned.append(i + 1)
                        lines = []
                    else:
                        # Table rules and specks read as letters are no text: dropped.
                        cleaned_ocr = clean_ocr_lines(_ocr_page(page, tess))
                        lines = list(cleaned_ocr.lines)
                        dropped[i + 1] = cleaned_ocr.dropped_lines
                        scanned.append(i + 1)
            finally:
                page.close()
            raw_pages.append([repair_thai(clean_control_chars(ln)) for ln in lines])
    finally:
        pdf.close()
    if scanned and tess is None:
        pages = ", ".join(str(p) for p in scanned[:10])
        raise NeedsOCR(
            f"{where}: หน้า {pages} ไม่มีชั้นข้อความ (สแกน) ต้องใช้ OCR แต่ไม่ได้ติดตั้ง "
            "tesseract-ocr และ tesseract-ocr-tha "
            f"(needs OCR: page {pages} has no text layer and Tesseract's Thai model "
            "is not installed)"
        )
    cleaned = [reflow(lines) for lines in strip_page_furniture(raw_pages)]
    _join_split_form_rows(cleaned)
    return PdfText(
        tuple(
            PdfPageText(k + 1, tuple(paragraphs), ocr=(k + 1) in scanned,
                        ocr_dropped_lines=dropped.get(k + 1, 0))
            for k, paragraphs in enumerate(cleaned)
        )
    )


def _join_split_form_rows(pages: list[list[str]]) -> None:
    """Join a report-form row that a page break split in two, in place.

    When a page ends with a row of the form ("6.5 ยุทธศาสตร์…", "การเสริมสร้าง…") and the
    next page begins with a table row that starts no field of the form, that row is the
    rest of the cells cut at the page break: its cells are joined to the row's, column
    by column.  Other tables' rows are left as they are.
    """
    for k in range(1, len(pages)):
        prev, cur = pages[k - 1], pages[k]
        if not prev or not cur or "\t" not in prev[-1] or "\t" not in cur[0]:
            continue
        if row_line(prev[-1].split("\t")).find(" | ") >= 0:
            continue  # the page's last row is not a field of the form
        if " | " not in row_line(cur[0].split("\t")):
            continue  # the next page's first row starts a field of its own
        a, b = prev[-1].split("\t"), cur[0].split("\t")
        width = max(len(a), len(b))
        a += [""] * (width - len(a))
        b += [""] * (width - len(b))
        prev[-1] = "\t".join(join_wrapped_lines([x, y]) for x, y in zip(a, b, strict=True))
        del cur[0]
