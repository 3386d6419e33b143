"""Names of agencies and provinces as staff write them: abbreviations and variant spellings.

Pure functions over short tables: :func:`expand_abbreviations` turns "อบจ.เชียงใหม่"
into "องค์การบริหารส่วนจังหวัดเชียงใหม่"; :func:`canonical_agency` gives one spelling
for the variants found in the ministry's workbooks ("กรมส่งเสริมการปกครองส่วนท้องถิ่น"
is the department "กรมส่งเสริมการปกครองท้องถิ่น"); :func:`province_name` strips
"จังหวัด"/"จ." from a province.
"""

from __future__ import annotations

import functools
import re

from knowledge.thai import normalize_text

__all__ = ["ABBREVIATIONS", "canonical_agency", "english_province_names", "expand_abbreviations",
           "known_province", "province_name"]

#: Abbreviation (with its dot) → the full words it stands for, longest first when applied.
ABBREVIATIONS: dict[str, str] = {
    "อบจ.": "องค์การบริหารส่วนจังหวัด",
    "อบต.": "องค์การบริหารส่วนตำบล",
    "ทน.": "เทศบาลนคร",
    "ทม.": "เทศบาลเมือง",
    "ทต.": "เทศบาลตำบล",
    "สถ.": "กรมส่งเสริมการปกครองท้องถิ่น",
    "ปค.": "กรมการปกครอง",
    "พช.": "กรมการพัฒนาชุมชน",
    "ปภ.": "กรมป้องกันและบรรเทาสาธารณภัย",
    "สป.มท.": "สำนักงานปลัดกระทรวงมหาดไทย",
    "มท.": "กระทรวงมหาดไทย",
    "จ.": "จังหวัด",
}
_ABBR_RE = re.compile(
    "|".join(re.escape(a) for a in sorted(ABBREVIATIONS, key=len, reverse=True))
)
#: Variant spellings seen in the workbooks → the agency's own name.
_ALIASES = {
    "กรมส่งเสริมการปกครองส่วนท้องถิ่น": "กรมส่งเสริมการปกครองท้องถิ่น",
}


def expand_abbreviations(text: str) -> str:
    """``text`` with the agencies' abbreviations written out (and spaces after them closed)."""
    return _ABBR_RE.sub(lambda m: ABBREVIATIONS[m.group(0)], normalize_text(text)).replace(
        "จังหวัด ", "จังหวัด"
    )


def canonical_agency(name: str) -> str:
    """One spelling of an agency: spaces squeezed, known variants mapped to the real name."""
    squeezed = " ".join(normalize_text(name).split())
    return _ALIASES.get(squeezed, squeezed)


#: Signs and punctuation a cell may hold around a name ("+ตรัง", "ตรัง.", "'กระบี่"): a
#: stray keystroke, or a spreadsheet's text marker; no province is named with them.
_STRAY = r"[\s+\-=*@'\"#.,;:!?()\[\]{}<>/\\|_~`^&%$]+"


def province_name(text: str) -> str:
    """A province without "จังหวัด"/"จ." before it: "จังหวัดกระบี่" → "กระบี่".

    Stray signs and punctuation around it are dropped ("+ตรัง" → "ตรัง"): kept, each
    spelling would be a province of its own in every total.
    """
    text = " ".join(normalize_text(text).split())
    text = re.sub(rf"^{_STRAY}|{_STRAY}$", "", text)
    return re.sub(r"^(?:จังหวัด|จ\.)\s*", "", text)


#: How lists write Bangkok besides its full name.
_BANGKOK = frozenset({"กรุงเทพฯ", "กรุงเทพ", "กทม.", "กทม"})


@functools.cache
def _provinces_by_name() -> dict[str, str]:
    """Each of Thailand's 77 provinces by its Thai and its English name (any case)."""
    import geothai

    names: dict[str, str] = {}
    for p in geothai.provinces():
        names[p.name_th] = p.name_th
        names[" ".join(p.name_en.split()).casefold()] = p.name_th
    return names


def english_province_names() -> dict[str, str]:
    """Each of Thailand's 77 provinces by its English name in lower case ("krabi" → "กระบี่")."""
    return {name: thai for name, thai in _provinces_by_name().items() if name.isascii()}


def known_province(text: str) -> str | None:
    """The province ``text`` names, in Thai ("จ.กระบี่", "Krabi" → "กระบี่"), else None.

    One of Thailand's 77 (geothai, DOPA data; "กทม." is กรุงเทพมหานคร): "ลำดับ", a
    header's text a formula copied, is none.
    """
    name = province_name(text)
    if name in _BANGKOK:
        return "กรุงเทพมหานคร"
    return _provinces_by_name().get(name) or _provinces_by_name().get(
        " ".join(name.split()).casefold())
