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

from knowledge.parsers import DocumentError
from knowledge.readers.thaifix import reflow, repair_thai, strip_page_furniture

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


def _place_mark(
    cur: list[str], bases: list[tuple[int, float, float]], mark: str, centre: float
) -> None:
    """Put a mark after the letter it is drawn over.

    PDFium sometimes emits a mark letters after its own ("สิริกิตติ การน์ำ" for
    "สิริกิตติ์ การนำ"); its box still stands over its letter.  It goes after that
    letter (and the marks already on it) when the last letter is not under it.
    """
    if bases and not (bases[-1][1] - 1 <= centre <= bases[-1][2] + 1):
        for k in range(len(bases) - 2, max(-1, len(bases) - 8), -1):
            pos, left, right = bases[k]
            if left - 1 <= centre <= right + 1:
                at = pos + 1
                while at < len(cur) and _is_mark(cur[at]):
                    at += 1
                cur.insert(at, mark)
                for j in range(k + 1, len(bases)):
                    p, lft, rgt = bases[j]
                    bases[j] = (p + 1, lft, rgt)
                return
    cur.append(mark)


def _page_lines(textpage: Any) -> list[str]:
    """A page's lines, a tab between cells, a blank line between paragraphs.

    Spaces that PDFium generates from glyph positions are judged again from the boxes
    of the letters either side, marks ignored: PDFium puts one after a tone mark drawn
    shifted left ("เป้ าหมาย", "ยั ่งยืน"), where Thai has none.
    """
    import pypdfium2.raw as pdfium_c

    n = textpage.count_chars()
    lines: list[tuple[str, float, float]] = []  # text, top, bottom
    cur: list[str] = []
    last_right: float | None = None
    heights: list[float] = []
    pending_space = False
    top = bottom = 0.0
    bases: list[tuple[int, float, float]] = []  # position in cur, left, right

    def end_line() -> None:
        nonlocal cur, last_right, top, bottom, pending_space, bases
        text = "".join(cur).strip()
        if text:
            lines.append((text, top, bottom))
        cur, last_right, top, bottom, pending_space = [], None, 0.0, 0.0, False
        bases = []

    for i in range(n):
        code = pdfium_c.FPDFText_GetUnicode(textpage.raw, i)
        ch = chr(code) if code else ""
        if ch in ("\r", "\n"):
            end_line()
            continue
        if not ch or ch == "\ufffe":
            continue
        if ch.isspace():
            if pdfium_c.FPDFText_IsGenerated(textpage.raw, i) == 1:
                pending_space = True
            elif cur:
                cur.append(" ")
            continue
        left, b, right, t = textpage.get_charbox(i)
        if _is_mark(ch):
            _place_mark(cur, bases, ch, (left + right) / 2)
            continue
        if t - b > 0:
            heights.append(t - b)
        size = statistics.median(heights[-50:]) if heights else 10.0
        if last_right is not None and cur:
            gap = left - last_right
            if gap > 1.8 * size:
                while cur and cur[-1] == " ":
                    cur.pop()
                cur.append("\t")
            elif pending_space and gap > 0.4 * size and cur[-1] != " ":
                cur.append(" ")
        pending_space = False
        if not cur:
            top, bottom = t, b
        else:
            top, bottom = max(top, t), min(bottom, b)
        last_right = right
        bases.append((len(cur), left, right))
        cur.append(ch)
    end_line()
    return _with_paragraph_gaps(lines)


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
        tess: Any | None = None
        for i in range(n):
            page = pdf[i]
            try:
                textpage = page.get_textpage()
                try:
                    lines = _page_lines(textpage)
                finally:
                    textpage.close()
                if sum(len(ln) for ln in lines) < MIN_TEXT_CHARS:
                    if tess is None:
                        tess = ocr()
                    if tess is None:
                        scanned.append(i + 1)
                        lines = []
                    else:
                        lines = _ocr_page(page, tess)
                        scanned.append(i + 1)
            finally:
                page.close()
            raw_pages.append([repair_thai(ln) for ln in lines])
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
    cleaned = strip_page_furniture(raw_pages)
    return PdfText(
        tuple(
            PdfPageText(k + 1, tuple(reflow(lines)), ocr=(k + 1) in scanned)
            for k, lines in enumerate(cleaned)
        )
    )
