"""What an ingest tells of a file read by OCR: that it was, and what it could not read.

A scan is read by Tesseract (:mod:`knowledge.readers.pdf`), which misses what it cannot
see and drops tone marks; stored silently, a form with its levels unread looked like a
form that states none.  :func:`ocr_notes` words the notes (Thai first, English after)
that ``sdgbot ingest`` and a chat upload print under the file.
"""

from __future__ import annotations

import re

from knowledge.parsers import ParsedReport

__all__ = ["looks_like_form", "ocr_notes", "unread_fields"]

#: The form's fields an OCR reading may miss: (attribute(s), Thai name, English name).
_FIELDS: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (("indicator",), "ตัวชี้วัด", "indicator"),
    (("budget_baht",), "งบประมาณ", "budget"),
    (("quarter", "fiscal_year"), "ห้วงการรายงาน (ไตรมาส)", "reporting quarter"),
    (("target_level",), "เป้าหมายการดำเนินงาน (ระดับ)", "target level"),
    (("result_level",), "ผลการดำเนินงาน (ระดับ)", "achieved level"),
    (("disbursement_target_baht",), "เป้าหมายการเบิกจ่าย", "disbursement target"),
    (("disbursement_actual_baht",), "ผลการเบิกจ่าย", "actual disbursement"),
    (("results_text",), "ผลการดำเนินงาน", "results"),
    (("problems",), "ปัญหาและอุปสรรค", "problems"),
)


def unread_fields(report: ParsedReport) -> list[tuple[str, str]]:
    """The form's fields ``report`` holds no value for: ``(Thai name, English name)`` each."""
    return [(th, en) for attrs, th, en in _FIELDS
            if any(getattr(report, a) in (None, "") for a in attrs)]


def ocr_notes(name: str, pages: list[int], dropped_lines: int, *,
              report: ParsedReport | None, looks_like_form: bool) -> list[str]:
    """The notes for file ``name`` whose ``pages`` (1-based) were read by OCR.

    ``dropped_lines``: lines of no word left out (:func:`knowledge.readers.ocr_clean.
    clean_ocr_lines`).  ``report``: the form read from it, if any; ``looks_like_form``:
    its text names a report form though none could be read.
    """
    shown = ", ".join(str(p) for p in pages[:10]) + (" …" if len(pages) > 10 else "")
    dropped_th = f" ตัดบรรทัดที่ไม่มีคำ (เส้นตาราง จุด สัญลักษณ์) ออก {dropped_lines:,} บรรทัด" \
        if dropped_lines else ""
    lines_en = "line" if dropped_lines == 1 else "lines"
    dropped_en = f"; {dropped_lines:,} {lines_en} of no words (table rules, specks) dropped" \
        if dropped_lines else ""
    notes = [f"«{name}»: อ่านด้วย OCR (หน้า {shown} ไม่มีชั้นข้อความ เป็นภาพสแกน){dropped_th} "
             f"ข้อความอาจคลาดเคลื่อน โปรดตรวจทาน (read by OCR: page {shown} is a scanned "
             f"image{dropped_en}; the text may hold OCR errors, please check it)"]
    if report is not None:
        missing = unread_fields(report)
        if missing:
            notes.append(
                f"«{name}»: ช่องของแบบรายงานที่อ่านไม่ได้: {', '.join(th for th, _ in missing)} "
                f"(fields of the form that could not be read: "
                f"{', '.join(en for _, en in missing)})")
    elif looks_like_form:
        notes.append(f"«{name}»: ข้อความคล้ายแบบรายงาน แต่อ่านชื่อช่องของแบบรายงานไม่ได้ "
                     "จึงเก็บเป็นเอกสารข้อความ ไม่ได้บันทึกเป็นโครงการ (looks like a report "
                     "form, but its fields could not be read: stored as text, not as a "
                     "project's report)")
    return notes


_FORM_WORDS = re.compile(r"แบบรายงาน|ห้วง\s*การ\s*รายงาน|ชื่อ\s*โครงการ")


def looks_like_form(text: str) -> bool:
    """Whether ``text`` names the report form's headings (though not read as one)."""
    return len(set(_FORM_WORDS.findall(re.sub(r"\s+", "", text)))) >= 1
