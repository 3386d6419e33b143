"""How a citation names the part it quotes: the page, else the paragraph or section.

``page_label(3)`` is ``" หน้า 3"`` (``" p. 3"`` in English); nothing when the page is
not known (text files, JSON lines, updates).  A document without pages is cited by
the part quoted instead (:func:`part_label`): its paragraph (``" ย่อหน้าที่ 2"``,
``", para. 2"``: :func:`knowledge.paragraphs.paragraph_number`), a form's or record's
section (``" ส่วนงบประมาณ"``, ``", budget section"``), else the passage's place
(``" ส่วนที่ 3"``, ``", part 3"``).  Used by ``/search`` and the answer's source line
(``bot.answering.answerer``: the page of the passage the value was read in, or the
pages of the form a field is printed on, ``pages_label([1, 4])`` ``" หน้า 1, 4"``).
"""

from __future__ import annotations

__all__ = ["page_label", "pages_label", "part_label"]


def page_label(page: int | None, *, english: bool = False) -> str:
    """The page part of a citation, with its leading space; ``""`` when unknown."""
    if page is None or page < 1:
        return ""
    return f" p. {page}" if english else f" หน้า {page}"


def pages_label(pages: list[int], *, english: bool = False) -> str:
    """The pages part of a citation (``" หน้า 1, 4"``, ``" pp. 1, 4"``); ``""`` for none."""
    known = sorted({p for p in pages if p >= 1})
    if len(known) <= 1:
        return page_label(known[0] if known else None, english=english)
    listed = ", ".join(str(p) for p in known)
    return f" pp. {listed}" if english else f" หน้า {listed}"


#: A section of a report form or a project record, as a citation names it: (Thai, English).
_SECTIONS = {
    "field:agency": ("หน่วยงาน", "agency"), "field:name": ("ชื่อโครงการ", "project name"),
    "field:indicator": ("ตัวชี้วัด", "indicator"), "field:budget": ("งบประมาณ", "budget"),
    "field:period": ("ห้วงการรายงาน", "reporting period"),
    "field:levels": ("ระดับเป้าหมายและผล", "target and result levels"),
    "field:disbursement": ("การเบิกจ่าย", "disbursement"),
    "field:problems": ("ปัญหาและอุปสรรค", "problems"), "field:area": ("พื้นที่ดำเนินการ", "area"),
    "results": ("ผลการดำเนินงาน", "results"), "indicator": ("ผลผลิต", "outputs"),
    "project_achievement": ("ผลสัมฤทธิ์ที่คาดว่าจะได้รับ", "expected achievement"),
    "project_scope": ("ขอบเขตการดำเนินงาน", "scope"),
    "project_settlement_effect": ("ผลกระทบ", "effects"), "project_risk": ("ความเสี่ยง", "risks"),
}
#: Sections that are the whole document (a progress update, a workbook's summary): the
#: title names the part already.
_WHOLE = frozenset({"update", "workbook"})


def part_label(section: str, page: int | None, paragraph: int | None, ordinal: int, *,
               english: bool = False) -> str:
    """The part of a citation after the title: the page, else the part quoted.

    ``page``: the original's page (see :func:`page_label`), which wins when known;
    ``paragraph``: the paragraph number of a text's passage (None when not known);
    ``ordinal``: the passage's place in the document (0 = first), named when nothing
    else is ("ส่วนที่ 3").  A form's or record's field is named by its section
    (:data:`_SECTIONS`; an SDG alignment field as "ความสอดคล้อง"); ``""`` for a
    passage that is its whole document.  With its leading space (comma in English).
    """
    if page is not None and page >= 1:
        return page_label(page, english=english)
    if section in _WHOLE:
        return ""
    if section == "paragraph" and paragraph is not None and paragraph >= 1:
        return f", para. {paragraph}" if english else f" ย่อหน้าที่ {paragraph}"
    named = _SECTIONS.get(section) or (("ความสอดคล้อง", "alignment")
                                      if section.startswith("field:") else None)
    if named is not None:
        return f", {named[1]} section" if english else f" ส่วน{named[0]}"
    return f", part {ordinal + 1}" if english else f" ส่วนที่ {ordinal + 1}"
