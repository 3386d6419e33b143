"""Make the file fixtures of this folder with real tools; the results are committed.

Run from the repository root (needs python-docx and openpyxl from the venv, and
Debian's libreoffice-writer-nogui, fonts-thai-tlwg; pypdfium2 and Pillow for the scan):

    .venv/bin/python tests/data/files/make_fixtures.py

Writes:
- ``report_pages.docx`` / ``.pdf``: the seed report form in its text layout, shortened
  to items 1–2.2, on several pages, with a running header, a page-number footer and the
  level rows as a table; LibreOffice makes the PDF (Thai font Garuda).
- ``form_table.docx`` / ``.pdf``: the same form laid out as a two-column Word table.
- ``scanned.pdf``: page 1 of ``report_pages.pdf`` rendered to a 200-dpi greyscale image
  and saved as an image-only PDF (no text layer), as a scanner would give it.
- ``projects.xlsx``: a project list with the messes of the real workbooks: names broken
  over lines, Buddhist-era years stored as dates (2563-06-22, 1963-06-22), an amount
  typed as text, a Thai date typed as text, the same project twice, a row without a name.
- ``merged_projects.xlsx``: a project list laid out as government sheets are: a title
  merged across the top, a plan's heading merged across a row, and the agency, ministry
  and province merged down the rows of their projects.
- ``form_word_levels.docx``: the text form with its levels written in words and Thai
  digits ("ระดับที่ ๕", a Thai-digit score), one paragraph a line (a tab between label
  and value) and the same level rows again as a two-column table (python-docx alone).
- ``../scans/scan_form.docx`` / ``.pdf``: a one-page report form (a project of สถ. in
  ขอนแก่น, quarter 2/2569) written as HTML with its level rows in a bordered table;
  LibreOffice makes the Word file and its PDF, ``pdftoppm`` renders it at 150 dpi in
  grey, and Pillow turns it 0.5° and blurs it a little before saving an image-only PDF:
  a scanner's copy of the Word form, whose table rules OCR reads as stray letters.
- ``source_report_pages.txt``: the text written into ``report_pages.docx``, one
  paragraph or table row per line, for the test that the PDF's text equals it.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import tempfile
from pathlib import Path

import docx
import openpyxl
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

HERE = Path(__file__).resolve().parent
SEED = HERE.parents[2] / "knowledge" / "sample" / "report_000.txt"
FONT = "Garuda"

HEADER = "แบบรายงานผลการดำเนินงาน กระทรวงมหาดไทย ไตรมาสที่ 2/2566"
LEVELS = [
    ("เป้าหมายการดำเนินงาน", "2.0000 ระดับ 5"),
    ("ผลการดำเนินงาน", "2.0000 ระดับ 5"),
    ("เป้าหมายการเบิกจ่าย", "0.0000 ล้านบาท"),
    ("ผลการเบิกจ่าย", "0.0000 ล้านบาท"),
]


def seed_lines() -> list[str]:
    """The seed form's lines up to item 2.2, without its level lines and field 8."""
    out = []
    for line in SEED.read_text(encoding="utf-8").split("\n"):
        if line.startswith("2.3"):
            break
        if line.strip():
            out.append(line.strip())
    return out


def _style(document: docx.document.Document) -> None:
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(14)
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    szcs = OxmlElement("w:szCs")
    szcs.set(qn("w:val"), "28")
    rpr.append(szcs)


def _page_number_footer(document: docx.document.Document) -> None:
    section = document.sections[0]
    section.header.paragraphs[0].text = HEADER
    p = section.footer.paragraphs[0]
    p.add_run("หน้า ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    p._p.append(field)


def make_report_pages(path: Path) -> list[str]:
    document = docx.Document()
    _style(document)
    _page_number_footer(document)
    source: list[str] = []
    for line in seed_lines():
        document.add_paragraph(line)
        source.append(line)
        if line.startswith("2.2"):
            table = document.add_table(rows=0, cols=2)
            table.style = "Table Grid"
            for label, value in LEVELS:
                cells = table.add_row().cells
                cells[0].text, cells[1].text = label, value
                source.append(f"{label}\t{value}")
    document.add_paragraph("8. ปัญหาและอุปสรรค")
    source.append("8. ปัญหาและอุปสรรค")
    document.save(str(path))
    return source


def make_form_table(path: Path) -> None:
    document = docx.Document()
    _style(document)
    document.add_paragraph("แบบรายงานผลการดำเนินงาน")
    lines = seed_lines()
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    results: list[str] = []
    in_results = False
    for line in lines:
        if line.startswith("7."):
            in_results = True
            continue
        if in_results:
            results.append(line)
            continue
        head, _, rest = line.partition(" ")
        label, value = rest, ""
        for known in ("หน่วยงาน", "ชื่อโครงการ", "ตัวชี้วัด", "งบประมาณ", "ห้วงการรายงาน"):
            if rest.startswith(known):
                label, value = known, rest[len(known):].strip()
        if head.startswith("6."):
            from knowledge.parsers import ALIGNMENT_FIELDS

            label = ALIGNMENT_FIELDS[head][1]
            value = rest[len(label):].strip()
        cells = table.add_row().cells
        cells[0].text, cells[1].text = f"{head} {label}", value
    cells = table.add_row().cells
    cells[0].text = "7. ผลการดำเนินงานของแผนงาน/โครงการรายไตรมาส"
    cells[1].text = "\n".join(r[:300] for r in results[:3])
    for label, value in LEVELS:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
    cells = table.add_row().cells
    cells[0].text, cells[1].text = "8. ปัญหาและอุปสรรค", "ไม่มี"
    document.save(str(path))


def to_pdf(docx_path: Path) -> Path:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless",
             "--convert-to", "pdf", "--outdir", tmp, str(docx_path)],
            check=True, capture_output=True, timeout=180,
        )
        out = docx_path.with_suffix(".pdf")
        shutil.move(str(Path(tmp) / out.name), out)
    return out


def make_scan(pdf_path: Path, out: Path) -> None:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(pdf_path))
    image = pdf[0].render(scale=200 / 72).to_pil().convert("L")
    image.save(str(out), "PDF", resolution=200.0, quality=70)
    pdf.close()


SCAN_FORM_HTML = """<html><head><meta charset="utf-8"></head>
<body style="font-family: Garuda; font-size: 14pt">
<p>แบบรายงานผลการดำเนินงานโครงการ ประจำปีงบประมาณ พ.ศ. 2569</p>
<p>1. หน่วยงาน สถ.</p>
<p>2. ชื่อโครงการ ส่งเสริมการคัดแยกขยะต้นทางในชุมชน จังหวัดขอนแก่น</p>
<p>3. ตัวชี้วัด ร้อยละของชุมชนที่คัดแยกขยะต้นทาง</p>
<p>4. งบประมาณ 1,250,000 บาท</p>
<p>5. ห้วงการรายงาน ไตรมาสที่ 2 (1 ม.ค. 69 - 31 มี.ค. 69)</p>
<p>6.6 เป้าหมายการพัฒนาที่ยั่งยืน (SDGs) เป้าหมายที่ 12 แผนการบริโภคและการผลิตที่ยั่งยืน</p>
<p>7. ผลการดำเนินงานของแผนงาน/โครงการรายไตรมาส ผลการดำเนินงาน</p>
<p>1. จัดอบรมแกนนำชุมชน จำนวน 240 คน ใน 26 อำเภอ</p>
<p>2. ชุมชนคัดแยกขยะต้นทางแล้ว 1,480 ชุมชน คิดเป็นร้อยละ 62.5</p>
<table border="1" cellpadding="6"><tr><td>เป้าหมายการดำเนินงาน</td><td>ระดับที่ 5</td></tr>
<tr><td>ผลการดำเนินงาน</td><td>ระดับที่ 4</td></tr>
<tr><td>เป้าหมายการเบิกจ่าย</td><td>0.9000 ล้านบาท</td></tr>
<tr><td>ผลการเบิกจ่าย</td><td>0.7525 ล้านบาท</td></tr></table>
<p>8. ปัญหาและอุปสรรค ฝนตกหนักทำให้การอบรมในอำเภอชุมแพเลื่อนออกไป</p>
</body></html>
"""


def make_scanned_form(docx_out: Path, scan_out: Path) -> None:
    """``scan_form.docx`` and its scanned copy ``scan_form.pdf`` (see the module)."""
    from PIL import Image, ImageFilter

    with tempfile.TemporaryDirectory() as tmp:
        html = Path(tmp) / f"{docx_out.stem}.html"
        html.write_text(SCAN_FORM_HTML, encoding="utf-8")
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless",
             "--convert-to", "docx:MS Word 2007 XML", "--outdir", tmp, str(html)],
            check=True, capture_output=True, timeout=180)
        shutil.move(str(Path(tmp) / docx_out.name), docx_out)
        pdf = to_pdf(docx_out)
        subprocess.run(["pdftoppm", "-r", "150", "-gray", "-png", "-singlefile", str(pdf),
                        str(Path(tmp) / "page")], check=True, capture_output=True, timeout=180)
        pdf.unlink()
        image = Image.open(Path(tmp) / "page.png").convert("L")
        image = image.rotate(0.5, resample=Image.Resampling.BICUBIC, fillcolor=255)
        image.filter(ImageFilter.GaussianBlur(0.6)).save(str(scan_out), "PDF", resolution=150.0)


def make_workbook(path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "โครงการ"
    ws.append(["แผนงานที่", "ชื่อโครงการ", "วงเงินงบประมาณ (บาท)", "หน่วยรับงบประมาณ",
               "กระทรวง", "จังหวัด", "วันเสนอโครงการ", "ดูรายละเอียด"])
    rows = [
        (3.2, "โครงการติดตั้งไฟฟ้าส่องสว่าง\nถนนสาธารณะ ", 700000000,
         "องค์การบริหารส่วนจังหวัดเชียงใหม่", "กระทรวงมหาดไทย", "เชียงใหม่",
         dt.datetime(1963, 6, 22), "https://example.invalid/1"),
        (3.2, "ส่งเสริมการสร้างรายได้ด้วยการจ้างแรงงานตัดหญ้า", 866000,
         "องค์การบริหารส่วนจังหวัดกระบี่", "กระทรวงมหาดไทย", "กระบี่",
         dt.datetime(2563, 6, 22), "https://example.invalid/2"),
        (3.2, "พัฒนาศักยภาพและเสริมสร้างความเข้มแข็งของชุมชนอย่างยั่งยืน", "448,500",
         "กรมส่งเสริมการปกครองท้องถิ่น", "กระทรวงมหาดไทย", "กระบี่",
         "22 มิ.ย. 63", "https://example.invalid/3"),
        (3.2, "ส่งเสริมการสร้างรายได้ด้วยการจ้างแรงงานตัดหญ้า", 866000,
         "องค์การบริหารส่วนจังหวัดกระบี่", "กระทรวงมหาดไทย", "กระบี่",
         dt.datetime(2563, 6, 22), "https://example.invalid/2"),
        (3.2, None, 100000, "กรมส่งเสริมการปกครองท้องถิ่น", "กระทรวงมหาดไทย", "ตรัง",
         dt.datetime(2020, 6, 23), None),
        (3.2, "ขุดลอกคลอง", "ไม่ทราบ", "เทศบาลตำบลทดสอบ", "กระทรวงมหาดไทย", "ตรัง",
         dt.datetime(2020, 6, 23), None),
    ]
    for r in rows:
        ws.append(list(r))
    wb.save(str(path))


def make_merged_workbook(path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "บัญชีโครงการ"
    ws.append(["บัญชีโครงการ อปท. จังหวัดตรัง ปีงบประมาณ 2564"])
    ws.merge_cells("A1:G1")
    ws.append(["แผนงานที่", "ชื่อโครงการ", "วงเงินงบประมาณ (บาท)", "หน่วยรับงบประมาณ",
               "กระทรวง", "จังหวัด", "วันเสนอโครงการ"])
    ws.append(["แผนงานที่ 3.2 การสร้างงานและรายได้"])
    ws.merge_cells("A3:G3")
    projects = [("ขุดลอกคลองบ้านนา", 250000), ("ปรับปรุงถนนลูกรังหมู่ 4", 480000),
                ("ก่อสร้างฝายชะลอน้ำ", 120000)]
    for name, budget in projects:
        ws.append([3.2, name, budget, None, None, None, dt.datetime(2020, 11, 2)])
    ws["D4"], ws["E4"], ws["F4"] = "องค์การบริหารส่วนตำบลนาโยงเหนือ", "กระทรวงมหาดไทย", "ตรัง"
    for col in "DEF":
        ws.merge_cells(f"{col}4:{col}6")
    wb.save(str(path))


#: The level rows of ``form_word_levels.docx``: a level with no score, Thai digits.
WORD_LEVELS = [("เป้าหมายการดำเนินงาน", "ระดับที่ ๕"), ("ผลการดำเนินงาน", "(๒.๐๐๐๐) ระดับที่ ๓"),
               ("เป้าหมายการเบิกจ่าย", "๑.๐๐๐๐ ล้านบาท"), ("ผลการเบิกจ่าย", "๐.๕๐๐๐ ล้านบาท")]


def word_levels_lines() -> list[str]:
    """The text form whose level rows are :data:`WORD_LEVELS` (label TAB value)."""
    lines = (HERE / "source_report_pages.txt").read_text(encoding="utf-8").splitlines()
    rows = {f"{label}\t{value}" for label, value in WORD_LEVELS}
    out: list[str] = []
    for line in lines:
        if line.split("\t")[0] in dict(WORD_LEVELS):
            if not any(r in out for r in rows):
                out.extend(f"{label}\t{value}" for label, value in WORD_LEVELS)
            continue
        out.append(line)
    return out


def make_word_levels(path: Path, *, table: bool) -> None:
    """``form_word_levels.docx`` (paragraphs) or its table twin (level rows as a table)."""
    document = docx.Document()
    for line in word_levels_lines():
        label = line.split("\t")[0]
        if table and label in dict(WORD_LEVELS):
            if label == WORD_LEVELS[0][0]:
                t = document.add_table(rows=0, cols=2)
                for lab, value in WORD_LEVELS:
                    cells = t.add_row().cells
                    cells[0].text, cells[1].text = lab, value
            continue
        document.add_paragraph(line)
    document.save(str(path))


def main() -> None:
    source = make_report_pages(HERE / "report_pages.docx")
    (HERE / "source_report_pages.txt").write_text("\n".join(source) + "\n", encoding="utf-8")
    to_pdf(HERE / "report_pages.docx")
    make_form_table(HERE / "form_table.docx")
    to_pdf(HERE / "form_table.docx")
    make_scan(HERE / "report_pages.pdf", HERE / "scanned.pdf")
    make_workbook(HERE / "projects.xlsx")
    make_merged_workbook(HERE / "merged_projects.xlsx")
    make_word_levels(HERE / "form_word_levels.docx", table=False)
    make_word_levels(HERE / "form_word_levels_table.docx", table=True)
    # In a folder of their own: the tests that ingest this folder whole hold one form.
    scans = HERE.parent / "scans"
    scans.mkdir(exist_ok=True)
    make_scanned_form(scans / "scan_form.docx", scans / "scan_form.pdf")


if __name__ == "__main__":
    main()
