"""Posts written as abbreviations: "ผวจ.ชัยนาท" is "ผู้ว่าราชการจังหวัดชัยนาท".

Thai official text and the staff who ask about it write a post or an office either
way: "นายนที มนตริวัต ผวจ.ชัยนาท" and "ผู้ว่าราชการจังหวัดชัยนาท นายนที มนตริวัต";
"ปลัด มท.", "ปมท." and "ปลัดกระทรวงมหาดไทย"; "รมว.มท." and "รัฐมนตรีว่าการกระทรวง
มหาดไทย".  A question asking "ใครเป็น ผวจ.ชัยนาท" is answered by the person beside
"ผู้ว่าราชการจังหวัดชัยนาท" and the other way round, and a passage that writes the post
one way covers the question's word written the other way.

:func:`spell_out` writes every abbreviated post and office of :data:`POST_ABBREVIATIONS`
in full (what the role constraint compares, both sides spelled out);
:func:`with_post_forms` adds the other written forms to a question's token groups
(what the coverage count finds in passages).  Only well-known, unambiguous forms.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from indexer.tokenize import token_groups

__all__ = ["POST_ABBREVIATIONS", "is_post", "moved_to", "post_abbreviations", "post_forms",
           "spell_out", "with_post_forms"]

#: An abbreviated post or office and its full form.  A full form that ends in the kind of
#: unit it heads ("จังหวัด", "อำเภอ", "กระทรวง") is followed by the unit's name
#: ("ผวจ.ชัยนาท", "ผวจ. ชัยนาท", "ผู้ว่าฯ ชัยนาท": "ผู้ว่าราชการจังหวัดชัยนาท").
POST_ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    ("รอง ผวจ.", "รองผู้ว่าราชการจังหวัด"),
    ("รองผวจ.", "รองผู้ว่าราชการจังหวัด"),
    ("รองผู้ว่าฯ", "รองผู้ว่าราชการจังหวัด"),
    ("ผวจ.", "ผู้ว่าราชการจังหวัด"),
    ("ผู้ว่าฯ", "ผู้ว่าราชการจังหวัด"),
    ("นอภ.", "นายอำเภอ"),
    ("รอง ปมท.", "รองปลัดกระทรวงมหาดไทย"),
    ("รองปลัด มท.", "รองปลัดกระทรวงมหาดไทย"),
    ("ปมท.", "ปลัดกระทรวงมหาดไทย"),
    ("ปลัด มท.", "ปลัดกระทรวงมหาดไทย"),
    ("ปลัดมหาดไทย", "ปลัดกระทรวงมหาดไทย"),
    ("รมว.มท.", "รัฐมนตรีว่าการกระทรวงมหาดไทย"),
    ("มท.1", "รัฐมนตรีว่าการกระทรวงมหาดไทย"),
    ("รมช.มท.", "รัฐมนตรีช่วยว่าการกระทรวงมหาดไทย"),
    ("รมว.", "รัฐมนตรีว่าการกระทรวง"),
    ("รมช.", "รัฐมนตรีช่วยว่าการกระทรวง"),
    # The government's spokesperson, as people call the post and as releases write it.
    ("รองโฆษกรัฐบาล", "รองโฆษกประจำสำนักนายกรัฐมนตรี"),
    ("โฆษกรัฐบาล", "โฆษกประจำสำนักนายกรัฐมนตรี"),
    ("รองนายกฯ", "รองนายกรัฐมนตรี"),
    ("นายกฯ", "นายกรัฐมนตรี"),
    ("ผอ.", "ผู้อำนวยการ"),
    ("ผญบ.", "ผู้ใหญ่บ้าน"),
    ("นายก อบต.", "นายกองค์การบริหารส่วนตำบล"),
    ("นายก อบจ.", "นายกองค์การบริหารส่วนจังหวัด"),
    ("อปท.", "องค์กรปกครองส่วนท้องถิ่น"),
    ("อบต.", "องค์การบริหารส่วนตำบล"),
    ("อบจ.", "องค์การบริหารส่วนจังหวัด"),
    ("มท.", "กระทรวงมหาดไทย"),
)

#: Full forms that take the name of what they head right after them.
_NAMED_AFTER = ("จังหวัด", "อำเภอ", "กระทรวง", "ตำบล")


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    alternatives = []
    for abbr, _ in sorted(POST_ABBREVIATIONS, key=lambda p: len(p[0]), reverse=True):
        body = re.escape(abbr).replace(r"\ ", r"\s?")
        alternatives.append(body)
    # Thai runs words together: only a link of a dotted abbreviation ("สป.มท.") is kept
    # apart; "ปมท." is read whole, as the longer entry comes first.
    return re.compile(rf"(?<!\.)(?:{'|'.join(alternatives)})(?P<gap>\s?)")


@lru_cache(maxsize=1)
def _full_of() -> dict[str, str]:
    return {re.sub(r"\s", "", a): f for a, f in POST_ABBREVIATIONS}


def spell_out(text: str) -> str:
    """``text`` with its abbreviated posts and offices written in full.

    "นายนที มนตริวัต ผวจ. ชัยนาท" → "นายนที มนตริวัต ผู้ว่าราชการจังหวัดชัยนาท"; the space
    after an abbreviation is dropped when its full form heads a named unit (the name
    follows it, as in the full form), kept otherwise.
    """
    if not text:
        return text

    def full(m: re.Match[str]) -> str:
        written = m.group(0)[:m.start("gap") - m.start()]
        form = _full_of().get(re.sub(r"\s", "", written), written)
        gap = m.group("gap")
        return form + ("" if form.endswith(_NAMED_AFTER) else gap)

    return _pattern().sub(full, text)


def post_abbreviations() -> tuple[str, ...]:
    """The abbreviations of :data:`POST_ABBREVIATIONS` that name a post (:func:`is_post`)."""
    return tuple(a for a, _ in POST_ABBREVIATIONS if is_post(a))


def is_post(abbr: str) -> bool:
    """Whether ``abbr`` ("รมว.มท.", "ผวจ.") abbreviates a post of :data:`POST_ABBREVIATIONS`.

    Offices and bodies ("อปท.", "มท.") are no posts: no one holds them.
    """
    full = _full_of().get(re.sub(r"\s", "", abbr))
    return full is not None and full not in _BODIES


#: Full forms of :data:`POST_ABBREVIATIONS` that name a body, not a post.
_BODIES = frozenset({"องค์กรปกครองส่วนท้องถิ่น", "องค์การบริหารส่วนตำบล", "องค์การบริหารส่วนจังหวัด",
                     "กระทรวงมหาดไทย"})


def post_forms(post: str) -> tuple[str, ...]:
    """Every way :data:`POST_ABBREVIATIONS` writes ``post`` (full form first).

    "ผู้ว่าราชการจังหวัดชัยนาท" → ("ผู้ว่าราชการจังหวัดชัยนาท", "ผวจ.ชัยนาท",
    "ผู้ว่าฯชัยนาท", ...).  For a text searched for the post with ``in``.
    """
    full = spell_out(post)
    forms = [full]
    for abbr, form in POST_ABBREVIATIONS:
        if full.startswith(form):
            rest = full[len(form):]
            forms.append(abbr + rest)
            if rest and form.endswith(_NAMED_AFTER):
                forms.append(f"{abbr} {rest}")
    return tuple(dict.fromkeys(forms))


@lru_cache(maxsize=1)
def _token_forms() -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """Each written form as the heads of its token groups, with the post's other forms."""
    by_full: dict[str, list[str]] = {}
    for abbr, full in POST_ABBREVIATIONS:
        by_full.setdefault(full, [full]).append(abbr)
    out = []
    for forms in by_full.values():
        for form in forms:
            heads = tuple(g[0] for g in token_groups(form))
            others = tuple(dict.fromkeys(f.casefold() for f in forms if f != form))
            if heads:
                out.append((heads, others))
    return tuple(out)


def with_post_forms(groups: Sequence[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """``groups`` with a post's other written forms added to the group of its first word.

    The groups of "ปลัด มท." (("ปลัด",), ("มท.", ...)) get "ปลัดกระทรวงมหาดไทย" in the
    first; those of "ผู้อำนวยการ" get "ผอ.".  Coverage finds a group in a passage by
    any of its tokens, as substrings (:func:`bot.answering.features.occurrences`).
    """
    heads = [g[0] if g else "" for g in groups]
    out = [list(g) for g in groups]
    for seq, extra in _token_forms():
        n = len(seq)
        for i in range(len(heads) - n + 1):
            if tuple(heads[i:i + n]) == seq:
                out[i].extend(t for t in extra if t not in out[i])
    return [tuple(g) for g in out]


#: Posts a transfer or appointment list moves a person to ("... เป็นผู้ว่าราชการจังหวัด
#: ปทุมธานี", "มาเป็นผู้ตรวจราชการกระทรวง", "ไปดำรงตำแหน่งรองปลัดกระทรวง"), written in
#: full or abbreviated.  Not a chair, a representative or a director: a governor is
#: written "เป็นประธาน", "เป็นผู้อำนวยการศูนย์..." of what they lead while holding their post.
_NEW_POSTS = (r"(?:รอง|ผู้ช่วย)?\s?(?:ผู้ว่าราชการ|ผู้ว่าฯ|ผวจ\.|ผู้ตรวจราชการ|ปลัดกระทรวง|"
              r"ปลัดจังหวัด|ปลัดอำเภอ|ปมท\.|ปลัด\s?มท\.|อธิบดี|นายอำเภอ|นอภ\.|เลขาธิการ|"
              r"ผู้อำนวยการสำนักงานปลัด)")
#: A move after a person and the post they held: "(, ย้าย|แต่งตั้ง)(ไป|มา|ให้)เป็น" or
#: "(ไป)ดำรงตำแหน่ง", then the new post; the province the old post is written with may
#: stand between ("นายอำเภอพร้าว จังหวัดเชียงใหม่ เป็น...").
_MOVE = re.compile(
    r"[ ,]*(?:จังหวัด\S+\s+)?(?:ได้รับ(?:การ)?(?:แต่งตั้ง|โปรดเกล้า\S*)\s*)?"
    r"(?:ย้าย|โยกย้าย|แต่งตั้ง)?\s*(?:ไป|มา|ให้)?\s*(?:เป็น|ดำรงตำแหน่ง)\s*"
    rf"(?={_NEW_POSTS})")


def moved_to(text: str, at: int) -> int | None:
    """Where the post a person is moved to starts, when ``text[at:]`` writes a move.

    ``at`` is right after the post a person is written with in a transfer or
    appointment list ("17.นายเอกวิทย์ มีเพียร ผู้ว่าราชการจังหวัดแม่ฮ่องสอน|
    เป็นผู้ว่าราชการจังหวัดปทุมธานี"): the person holds the first post until the list's
    date and the second from then on.  None when no move follows ("... เป็นประธาน").
    """
    m = _MOVE.match(text, at)
    return m.end() if m is not None else None
