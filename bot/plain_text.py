"""The one check of free text that is stored and shown again: no formula, markup or code.

An update's text, an ``/edit``, a rejection reason (stored in the audit trail and sent
to the update's author), a user's agency (echoed by ``users list`` and ``/assign``):
each is refused politely, nothing stored, when it is a spreadsheet formula or holds
markup (:func:`knowledge.formula_text.unsafe_kind`, the check the readers apply to
workbook cells, titles and report-form fields) or is code (:func:`bot.code_input.code_kind`).
Thai, or English for a user who writes English.
"""

from __future__ import annotations

from bot.code_input import code_kind
from knowledge.formula_text import unsafe_kind

__all__ = ["plain_text_problem"]


def plain_text_problem(text: str, english: bool = False, *,
                       what: tuple[str, str] = ("ข้อความ", "the text"),
                       example: tuple[str, str] | None = None) -> str | None:
    """Why ``text`` cannot be stored as plain text, or None when it can.

    ``what``: what is asked for (Thai, English: ``("เหตุผล", "the reason")``);
    ``example``: one of it (Thai, English), named in the reply.  The reason says that
    nothing was saved and asks for plain words.
    """
    kind = unsafe_kind(text)
    if kind is None and code_kind(text) is not None:  # SQL, a shell command, program source
        kind = "code"
    if kind is None:
        return None
    what_th, what_en = what
    if english:
        said = {"formula": "This looks like a spreadsheet formula (it starts with =, or + or @ "
                           "before a cell or a function, or names a cell range).",
                "markup": "The text contains markup or code (such as <b>, <!-- or a [link](…)).",
                "code": "This looks like code (SQL, a shell command or a program)."}[kind]
        ask = f" Not saved: please type {what_en} in plain words"
        return said + ask + (f", e.g. '{example[1]}'." if example else ".")
    said = {"formula": "ข้อความนี้ดูเหมือนสูตรของสเปรดชีต (ขึ้นต้นด้วย = หรือ + @ ตามด้วยเซลล์หรือฟังก์ชัน "
                       "หรือมีช่วงเซลล์)",
            "markup": "ข้อความมีแท็กหรือโค้ด หรือลิงก์แบบมาร์กอัป (เช่น <b> <!-- หรือ [ลิงก์](…))",
            "code": "ข้อความนี้ดูเหมือนโค้ด (คำสั่ง SQL คำสั่งของระบบ หรือโปรแกรม)"}[kind]
    return (f"{said} ยังไม่ได้บันทึก กรุณาพิมพ์{what_th}เป็นข้อความธรรมดา"
            + (f" เช่น {example[0]}" if example else ""))
