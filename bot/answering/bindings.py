"""Values bound to what the question names: an enumerated item, a province, a complement.

Its label within an enumerated item too; a slogan's number is bound to nothing.

Releases state many values of one kind side by side and their own words bind each to its
owner.  A value led for another owner under its real citation is the worst wrong answer:

* **enumerated item** — "(1) พล.อ.ประยุทธ์ ... ผู้ลงมติ 481 เห็นด้วย 206 ไม่เห็นด้วย 272
  (2) พล.อ.ประวิตร ... 204 ... 274", "1. จังหวัดสงขลา 3,425 ราย 2. จังหวัดนครสวรรค์
  2,669 ราย": items numbered 1, 2, 3 ... in one paragraph (:func:`enumerated_items`).
  When the question names one item (its head, the words before its first value: runs of
  four letters, less those most heads share, :func:`asked_item`), a value of another item
  is another's; and when it names one of the item's labels ("ไม่เห็นด้วย", the longest
  label the question writes), a value after another label is another's;
* **province** — a question naming one province ("จังหวัดสงขลามีลูกหนี้...กี่ราย") is
  answered by a value written right after that province ("1. จังหวัดสงขลา 3,425 ราย",
  "จังหวัดสงขลา ... มากที่สุด 3,425 ราย"); where a document binds a value so, its other
  values (the national total of its title) are not the province's;
* **negation** — "ไม่ดำเนินการในกี่จังหวัด", "กี่จังหวัดที่ไม่ต้อง..." ask the complement:
  "69 จังหวัด ยกเว้น 8 จังหวัด" answers 8.  A value written after "ยกเว้น"/"เว้นแต่"/"ไม่รวม"
  or whose own clause says "ไม่" is the complement's; any other value (the included set)
  is not, and with no complement stated the documents do not answer;
* **slogan** — "1 วัด 1 รูป", "1 ตำบล 1 ผลิตภัณฑ์": a one in a slogan counts nothing.

:func:`value_bindings` marks the candidates bound to what the question names and those
bound to something else; :func:`bot.answering.constraints.constrained` lets only the
former lead.  Releases and reports only (:data:`~bot.answering.reading.OFFICIAL_KINDS`):
constraints read from the texts' and the question's words, not tuned weights.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from bot.answering.parts import letter_runs
from bot.answering.places import province_names, written_province
from bot.answering.reading import OFFICIAL_KINDS, SpanRows
from bot.answering.siblings import asked_places, asked_status

__all__ = ["Enumerated", "asked_item", "asked_scope", "asks_national", "asks_negated",
           "complement", "enumerated_items", "excepted", "item_label", "item_labels",
           "lead_scope", "national_mask", "negated_phrase", "other_scope_mask",
           "province_of_value", "province_scope", "provincial_item", "provincial_mask",
           "slogan_number", "status_of_sentence", "value_bindings", "value_scope"]

# An item's marker: "(1) ", "1. ", "1) " (not a decimal "2.4", nor "1.5 ล้าน").
_MARKER = re.compile(r"(?<![\d.,/\-–])(?:\((\d{1,2})\)|(\d{1,2})[.)](?!\d))\s*(?=[^\s\d])")
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
# Words after which an enumeration's last item has ended ("... 1,325 ราย ซึ่งเจ้าหนี้...").
_AFTER_LAST = re.compile(r"\n|ซึ่ง|โดย|ทั้งนี้|นอกจากนี้|ขณะที่|ส่วน|ทำให้|เพื่อ")
# The most characters of an item's head, and of the last item after its head.
_HEAD_CHARS = 160
_LAST_CHARS = 200
# Joining words before a label ("และงดออกเสียง 3").
_JOINER = re.compile(r"^(?:และ|หรือ|กับ|รวม)")
_THAI_LATIN = re.compile(r"[\u0e01-\u0e4ea-zA-Z]")


@dataclass(frozen=True)
class Enumerated:
    """One numbered item: its marker's offset, its head (name) span, its end offset."""

    start: int
    head_end: int
    end: int

    def holds(self, offset: int) -> bool:
        """Whether ``offset`` falls within the item (after its marker)."""
        return self.start <= offset < self.end


@lru_cache(maxsize=512)
def enumerated_items(text: str) -> tuple[tuple[Enumerated, ...], ...]:
    """The enumerations of ``text``: runs of items numbered 1, 2, 3 ... in one paragraph.

    Each item runs from its marker to the next one's; the last to the first clause word
    after its head (:data:`_AFTER_LAST`) or :data:`_LAST_CHARS` characters.  An item's
    head ends at its first number.  Runs of fewer than two items are none.  Pure, cached.
    """
    out: list[tuple[Enumerated, ...]] = []
    run: list[tuple[int, int]] = []  # (marker start, item text start)

    def close() -> None:
        if len(run) >= 2:
            items = []
            for k, (a, body) in enumerate(run):
                if k + 1 < len(run):
                    end = run[k + 1][0]
                else:
                    first = _NUMBER.search(text, body, body + _HEAD_CHARS)
                    stop = _AFTER_LAST.search(text, first.end() if first else body,
                                              body + _LAST_CHARS)
                    end = stop.start() if stop else min(len(text), body + _LAST_CHARS)
                first = _NUMBER.search(text, body, end)
                head_end = first.start() if first else end
                items.append(Enumerated(a, min(head_end, body + _HEAD_CHARS), end))
            out.append(tuple(items))
        run.clear()

    for m in _MARKER.finditer(text):
        n = int(m.group(1) or m.group(2))
        same_para = not run or "\n" not in text[run[-1][0]:m.start()]
        if run and n == len(run) + 1 and same_para:
            run.append((m.start(), m.end()))
        elif n == 1:
            close()
            run.append((m.start(), m.end()))
        # (Another number breaks nothing: "ร้อยละ 3) ..." may stand inside an item.)
    close()
    return tuple(out)


def _head(text: str, item: Enumerated) -> str:
    marker = _MARKER.match(text, item.start)
    return text[marker.end() if marker else item.start:item.head_end]


@lru_cache(maxsize=1024)
def asked_item(text: str, question: str) -> tuple[int, int] | None:
    """``(enumeration index, item index)`` of the item ``question`` names, or None.

    An item is named when the runs of four letters of its head less the enumeration's
    frame (runs at least half its heads share) are found in the question: at least
    three, or all of them when its head has fewer (a province: "สงขลา"), more than any
    other item's.
    """
    best: tuple[int, int, int] | None = None
    second = 0
    for e, items in enumerate(enumerated_items(text)):
        heads = [letter_runs(_head(text, it)) for it in items]
        counts: dict[str, int] = {}
        for h in heads:
            for r in h:
                counts[r] = counts.get(r, 0) + 1
        frame = {r for r, n in counts.items() if (2 * n >= len(items) and len(items) > 2)
                 or n == len(items)}
        for i, h in enumerate(heads):
            own = h - frame
            matched = sum(r in question for r in own)
            if not own or matched < min(3, len(own)) or (len(own) < 3 and matched < 2):
                continue
            if best is None or matched > best[0]:
                second = best[0] if best else 0
                best = (matched, e, i)
            elif matched >= second:
                second = matched
    if best is None or second >= best[0]:
        return None
    return best[1], best[2]


def item_label(text: str, item: Enumerated, offset: int) -> str:
    """The label of the value at ``offset`` in ``item``: the phrase right before it.

    The last phrase (between spaces) of the words since the value before it, or since
    the head's start; a value with no letters before it has its predecessor's label
    ("เห็นด้วย 214 + 1").  Empty when the item has none.
    """
    label = ""
    prev = item.head_end if item.head_end <= offset else item.start
    for m in _NUMBER.finditer(text, item.head_end, item.end):
        gap = text[prev:m.start()]
        if _THAI_LATIN.search(gap):
            words = gap.split()
            label = _JOINER.sub("", words[-1]) if words else ""
        if m.start() >= offset:
            break
        prev = m.end()
    if item.head_end > offset or prev == item.head_end:
        words = text[item.start:min(offset, item.head_end)].split()
        label = _JOINER.sub("", words[-1]) if words else label
    return label


@lru_cache(maxsize=1024)
def item_labels(text: str, item: Enumerated) -> tuple[str, ...]:
    """The label (:func:`item_label`) of each value of ``item``, in order, in one pass.

    The values are the numbers after the item's head; the first one's label is the
    head's last phrase (when the head has words).  Pure, cached.
    """
    out: list[str] = []
    label = ""
    prev = item.head_end
    for k, m in enumerate(_NUMBER.finditer(text, item.head_end, item.end)):
        gap = text[prev:m.start()]
        if _THAI_LATIN.search(gap):
            words = gap.split()
            label = _JOINER.sub("", words[-1]) if words else ""
        if k == 0:
            head = text[item.start:item.head_end].split()
            out.append(_JOINER.sub("", head[-1]) if head else label)
        else:
            out.append(label)
        prev = m.end()
    return tuple(out)


@lru_cache(maxsize=1024)
def _asked_label(text: str, item: Enumerated, question: str) -> str | None:
    """The one label of ``item`` the question writes (the longest; None: none or two)."""
    q = question.replace(" ", "")
    found = {lab for lab in item_labels(text, item) if len(lab) >= 3 and lab in q}
    found = {lab for lab in found if not any(lab != o and lab in o for o in found)}
    return found.pop() if len(found) == 1 else None


def _enumerated_binding(text: str, start: int, question: str) -> bool | None:
    """True: the value at ``start`` is the named item's (and label's); False: another's.

    None when no item of ``text`` is named.  A value outside every item of the named
    item's enumeration but within its paragraph is left alone (None).
    """
    named = asked_item(text, question)
    if named is None:
        return None
    items = enumerated_items(text)[named[0]]
    mine = items[named[1]]
    if mine.holds(start):
        if start < mine.head_end:
            return None
        label = _asked_label(text, mine, question)
        if label is None:
            # Several labelled values and none asked ("ได้คะแนนไม่ไว้วางใจกี่เสียง" of
            # "ผู้ลงมติ 481 เห็นด้วย 206 ไม่เห็นด้วย 272"): none is bound for sure.
            return True if len(set(item_labels(text, mine))) <= 1 else None
        return item_label(text, mine, start) == label
    if any(it.holds(start) for it in items):
        return False
    return None


# -- province ------------------------------------------------------------------------------
#: Characters before a value its province may be named in (its own clause).
PROVINCE_REACH = 100
#: The clause words that end a province's scope before a value.
_CLAUSE = re.compile(r"\n|ได้แก่|ซึ่ง|โดย|ทั้งนี้|ขณะที่|ส่วน|นอกจากนี้|[,;]")


def province_of_value(text: str, start: int) -> str | None:
    """The province the value at ``text[start]`` is stated for, by its own clause, or None.

    A province written after the value before it (or :data:`PROVINCE_REACH` characters
    back, within its clause): "1. จังหวัดสงขลา 3,425 ราย", "จังหวัดสงขลายังคงเป็นจังหวัดที่มี
    ลูกหนี้...มากที่สุด 3,425 ราย".
    """
    left = max(0, start - PROVINCE_REACH)
    for m in _NUMBER.finditer(text, left, start):
        if m.end() < start - 1:
            left = m.end()
    for c in _CLAUSE.finditer(text, left, start):
        left = c.end()
    last = None
    for m in written_province().finditer(text, left, start):
        last = m
    return last.group("name") if last else None


#: A province written right after a value, as its scope: "ทั้ง 104 แห่งของจังหวัดนครพนม".
_SCOPE_AFTER_CHARS = 30
#: A province's own people before a value: "พ่อเมืองนครพนม นำ 104 อปท.", "ในจังหวัดทั้ง 103 แห่ง".
_HOLDER = r"(?:พ่อเมือง|ผู้ว่าฯ\s?|ผู้ว่าราชการจังหวัด)"


@lru_cache(maxsize=1)
def _scope_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    names = "|".join(re.escape(n) for n in province_names())
    before = re.compile(rf"{_HOLDER}(?P<name>{names})|ในจังหวัด(?!\s?(?:{names}))")
    after = re.compile(rf"[\d,.]*\s*[\u0e01-\u0e4e.]{{0,12}}?\s*(?:ของ|ใน)(?:พื้นที่)?\s*"
                       rf"(?:จังหวัด|จ\.)\s?(?P<name>{names})")
    return before, after


def province_scope(text: str, start: int) -> str | None:
    """The one province the value at ``text[start]`` is stated for, or None (national or unsaid).

    Its own clause names it (:func:`province_of_value`, "พ่อเมืองนครพนม นำ 104 อปท.",
    "จ.นครพนมจับมือ อปท. ในจังหวัดทั้ง 103 แห่ง": "ในจังหวัด" says the province named
    before) or it follows the value ("ทั้ง 104 แห่งของจังหวัดนครพนม").  ``""`` when the
    clause says "ในจังหวัด" of a province its clause does not name.
    """
    after = _scope_patterns()[1].match(text, start, start + _SCOPE_AFTER_CHARS)
    if after is not None:
        return after.group("name")
    named = province_of_value(text, start)
    if named is not None:
        return named
    left = max(0, start - PROVINCE_REACH)
    for m in _NUMBER.finditer(text, left, start):
        if m.end() < start - 1:
            left = m.end()
    last = None
    for m in _scope_patterns()[0].finditer(text, left, start):
        last = m
    if last is None:
        return None
    return last.group("name") or ""


def _province_bindings(rows: SpanRows, among: list[int], province: str
                       ) -> tuple[set[int], set[int]]:
    """Rows bound to ``province`` and the other rows of the documents that list it so.

    A document lists values by province when the values ``among`` its candidates are
    stated for ``province`` and at least one other.
    """
    bound: set[int] = set()
    named: dict[int, set[str]] = {}
    for r in among:
        p, a, _ = rows.span(r)
        of = province_of_value(p.text, a)
        if of is not None:
            named.setdefault(p.hit.doc_id, set()).add(of)
        if of == province:
            bound.add(r)
    # Only a document that states values for several provinces lists them; one about the
    # province alone states all its values for it, whether its clause names it or not.
    lists = {d for d, names in named.items() if province in names and len(names) >= 2}
    bound = {r for r in bound if rows.span(r)[0].hit.doc_id in lists}
    other = {r for r in among if r not in bound and rows.span(r)[0].hit.doc_id in lists}
    return bound, other


# -- negation ------------------------------------------------------------------------------
#: A question that asks the complement: "ไม่ดำเนินการ", "ไม่ต้อง", "ไม่ได้" (not "ไม่เกิน",
#: "ไม่น้อยกว่า": bounds; not "หรือไม่": a yes/no question).
_NEGATED = re.compile(r"(?<!หรือ)ไม่(?!เกิน|น้อยกว่า|ต่ำกว่า|ถึง|กี่|ว่า|ใช่|\s*$|\s*\?)")
#: A complement stated right before a value: "ยกเว้น 8 จังหวัด", "ไม่รวม 3 แห่ง".
_EXCEPT_BEFORE = re.compile(r"(?:ยกเว้น|เว้นแต่|ไม่รวม|นอกจาก)\s*(?:จำนวน|อีก)?\s*$")
#: An included set written before its complement: "69 จังหวัด ยกเว้น ...".
_EXCEPT_AFTER = re.compile(r"\s*(?:ยกเว้น|เว้นแต่|ไม่รวม)")
#: Characters before a value its own clause is read in for a "ไม่".
NEGATION_REACH = 60


#: A name quoted in a question ("โครงการ "มอบบ้านปันสุข ... โดยไม่ใช้งบรัฐ""): its "ไม่" is
#: the name's.
_QUOTED = re.compile(r"[\"“”'‘’«][^\"“”'‘’«»]{2,120}[\"“”'‘’»]")
#: The characters after "ไม่" that key a negated phrase ("ไม่ดำเน" of "ไม่ดำเนินการ").
_PHRASE_CHARS = 4


def negated_phrase(question: str) -> str | None:
    """The negated phrase ``question`` asks about ("ไม่ดำเน"), or None when it asks none.

    A "ไม่" inside a quoted name is the name's; "ไม่เกิน", "หรือไม่" are no negation.
    """
    q = _QUOTED.sub(" ", question)
    m = _NEGATED.search(q)
    return None if m is None else q[m.start():m.end() + _PHRASE_CHARS]


def asks_negated(question: str) -> bool:
    """Whether ``question`` asks how many do *not* (the complement of a stated set)."""
    return negated_phrase(question) is not None


def excepted(text: str, start: int) -> bool:
    """Whether the value at ``text[start]`` follows "ยกเว้น"/"ไม่รวม": a complement.

    (:data:`_EXCEPT_BEFORE`, in the 20 characters before it.)
    """
    return _EXCEPT_BEFORE.search(text[max(0, start - 20):start]) is not None


#: A number and the Thai word of its unit glued after it ("69 จังหวัด").
_VALUE_AND_UNIT = re.compile(r"[\d,.]*\s*[\u0e01-\u0e4e.]*")


def complement(text: str, start: int, end: int) -> bool | None:
    """True: the value ``text[start:end]`` counts a complement; False: the included set.

    True after "ยกเว้น"/"ไม่รวม" or with "ไม่" in its own clause (back to the value before
    it, :data:`NEGATION_REACH` characters); False for any other value (one written
    before "ยกเว้น" is the included set for sure).
    """
    if excepted(text, start):
        return True
    unit_end = _VALUE_AND_UNIT.match(text, start)
    after = unit_end.end() if unit_end else start
    if _EXCEPT_AFTER.match(text, max(end, after)):
        return False
    left = max(0, start - NEGATION_REACH, text.rfind("\n", 0, start) + 1)
    for m in _NUMBER.finditer(text, left, start):
        left = m.end()
    return "ไม่" in text[left:start]


# -- slogan --------------------------------------------------------------------------------
_WORD = r"[\u0e01-\u0e4eA-Za-z.]{1,20}"
_SLOGAN = re.compile(rf"(?<![\d.,])1\s?{_WORD}\s?1\s?{_WORD}")


#: A value stated per each of a unit: "องค์กรปกครองส่วนท้องถิ่นละ 1 แห่ง", "ครัวเรือนละ 2 คน".
_PER_EACH = re.compile(r"[\u0e01-\u0e4e.]ละ\s*$")
#: A question asking a value per each ("ครัวเรือนละเท่าไร", "ต่อครัวเรือนเท่าไร", "per household").
_ASKS_PER = re.compile(r"ละ|ต่อ|\bper\b|\beach\b", re.I)


def slogan_number(text: str, start: int, question: str = "") -> bool:
    """Whether the value at ``text[start]`` counts nothing: a slogan's one, a rate per each.

    "1 วัด 1 รูป", "1 ตำบล 1 ผลิตภัณฑ์"; "อปท.ละ 1 แห่ง" is what each has, no count of them
    (unless ``question`` asks per each: "ละ", "ต่อ", "per").
    """
    if not _ASKS_PER.search(question) and _PER_EACH.search(text, max(0, start - 12), start):
        return True
    if not text.startswith("1", start):
        return False
    for m in _SLOGAN.finditer(text, max(0, start - 24), start + 24):
        if m.start() <= start < m.end():
            return True
    return False


#: A question about one province or a place in it names it; one about provinces ("จังหวัดใด")
#: asks them.
_ASKS_PLACE = re.compile(r"จังหวัด(?!\s*$)|จ\.|อำเภอ|อ\.|ตำบล|province|district", re.I)


def asks_national(question: str) -> bool:
    """Whether ``question`` names no province, district or subdistrict, nor asks one.

    "กี่จังหวัด" counts provinces and names none.
    """
    rest = re.sub(r"(?:กี่|ทั้ง\s?\d+\s?)จังหวัด", "", question)
    return not asked_places(question) and _ASKS_PLACE.search(rest) is None


#: A province's head of a numbered item written without "จังหวัด" ("1. กรุงเทพมหานคร ...").
_CAPITAL = ("กรุงเทพมหานคร", "กรุงเทพฯ", "กทม.")


#: How far after an item's province its values may stand ("5. จังหวัดสิงห์บุรี มีผู้ลงทะเบียน
#: 397 ราย เจ้าหนี้ 268 ราย มูลหนี้ 19.383 ล้านบาท").
ITEM_REACH = 120
#: What ends a province's item before a value: the clause words after a list's last item,
#: a quotation, a national scope.
_ITEM_END = re.compile(rf"{_AFTER_LAST.pattern}|[“\"]|ทั่วประเทศ|ภาพรวม|ทั้งหมด")


@lru_cache(maxsize=1)
def _province_item() -> re.Pattern[str]:
    names = "|".join(re.escape(n) for n in (*_CAPITAL, *province_names()))
    return re.compile(rf"(?<![\d.,])\d{{1,2}}[.)]\s*(?:จังหวัด|จ\.)?\s?(?:{names})")


def provincial_item(text: str, start: int) -> bool:
    """Whether the value at ``text[start]`` is stated in a numbered item headed by a province.

    "1. กรุงเทพมหานคร ยังคงมากที่สุด มีผู้ลงทะเบียน 7,000 ราย เจ้าหนี้ 6,085 ราย 2. จังหวัด
    นครศรีธรรมราช ...": each value of the item is that province's, a part of the total.
    The item's marker and province stand within :data:`ITEM_REACH` characters before the
    value, in its paragraph, and nothing that ends an item (:data:`_ITEM_END`) between (a
    passage may open inside a list: its first marker need not be "1.").
    """
    left = max(0, start - ITEM_REACH, text.rfind("\n", 0, start) + 1)
    last = None
    for m in _province_item().finditer(text, left, start):
        last = m
    return last is not None and _ITEM_END.search(text, last.end(), start) is None


def provincial_mask(rows: SpanRows, among: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
    """Which of the candidates ``among`` (of releases and reports) are :func:`provincial_item`."""
    out = np.zeros(len(rows.x), dtype=bool)
    for r in np.flatnonzero(among).tolist():
        p, a, _ = rows.span(r)
        out[r] = p.hit.kind in OFFICIAL_KINDS and provincial_item(p.text, a)
    return out


def national_mask(rows: SpanRows, question: str, among: npt.NDArray[np.bool_]
                  ) -> npt.NDArray[np.bool_]:
    """Which of ``among`` are one province's values where the question asks the nation's.

    A value of a numbered item headed by a province (:func:`provincial_item`) is marked.
    Else marked only when a candidate ``among`` of another release states a value for no
    province, and that release's title names no province the marked one is for ("มหาดไทย
    Kick-Off ... 7,773 แห่งทั่วประเทศ" against "ทั้ง 104 แห่งของจังหวัดนครพนม"): a release
    about a province's event states its own values, whatever its clauses name.
    """
    out = np.zeros(len(rows.x), dtype=bool)
    if not asks_national(question):
        return out
    rows_in = [r for r in np.flatnonzero(among).tolist()
               if rows.span(r)[0].hit.kind in OFFICIAL_KINDS]
    scopes = {r: province_scope(rows.span(r)[0].text, rows.span(r)[1]) for r in rows_in}
    national = [r for r, sc in scopes.items() if sc is None]
    for r, scope in scopes.items():
        p, a, _ = rows.span(r)
        if provincial_item(p.text, a):
            # "1. กรุงเทพมหานคร ... 7,000 ราย": one item of a list by province.
            out[r] = True
            continue
        if scope is None:
            continue
        doc = rows.span(r)[0].hit.doc_id
        out[r] = any(rows.span(n)[0].hit.doc_id != doc and not (
            scope and scope in rows.span(n)[0].hit.title) for n in national)
    return out


#: The scope words a question asks a figure of: Thailand's ("ของไทย", "ของประเทศ",
#: "ทั้งประเทศ") or the world's ("ของโลก", "ทั่วโลก").
_ASKED_THAI = re.compile(r"ของ(?:ประเทศ)?\s?ไทย|ทั้งประเทศ|ของประเทศ|"
                         r"(?<=จีดีพี)ไทย|(?<=GDP)\s?ไทย|(?<=เศรษฐกิจ)ไทย")
_ASKED_WORLD = re.compile(r"ของโลก|ทั่วโลก|ระดับโลก|(?<=เศรษฐกิจ)โลก|(?<=ตลาด)โลก")
#: The same words where a text writes a value's scope, and "ในประเทศ"/"ทั่วประเทศ"
#: (the nation's) besides.
_WRITTEN_THAI = re.compile(_ASKED_THAI.pattern + r"|ในประเทศ|ทั่วประเทศ")
#: Characters before a value searched for the scope its clause names (the nearest).
SCOPE_REACH = 120
#: What ends the clause a value's scope is read in ("... ของโลกเติบโต 6.1% ... ในขณะที่
#: ตลาด ... ของไทย ... 8.1%").
_SCOPE_CLAUSE = re.compile(r"\n|ในขณะที่|ขณะที่|ส่วน(?!แบ่ง|ต่าง|ร่วม)|ทั้งนี้|นอกจากนี้|[;]")


@lru_cache(maxsize=1)
def _other_countries() -> re.Pattern[str]:
    """"ของจีน", "ของประเทศญี่ปุ่น": a country other than Thailand named as a value's owner."""
    try:
        from pythainlp.corpus import countries
    except ImportError:  # pragma: no cover - PyThaiNLP is a dependency
        names: list[str] = []
    else:
        names = [n for n in countries() if isinstance(n, str) and len(n) >= 3
                 and "ไทย" not in n]
    alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) or "(?!)"
    return re.compile(rf"ของ\s?(?:ประเทศ)?\s?(?P<country>{alt})")


def asked_scope(question: str) -> str | None:
    """The scope ``question`` asks a figure of: ``"thai"``, ``"world"``, a country, or None.

    "ตลาดเครื่องมือแพทย์ของไทย ... เท่าไร" → ``"thai"``; "... ของโลก" → ``"world"``;
    "GDP ของจีน" → ``"จีน"``.  None when it names none, or more than one.
    """
    found = {m.group("country") for m in _other_countries().finditer(question)}
    # ("ของประเทศจีน" is China's, not the bare "ของประเทศ" of Thailand.)
    rest = _other_countries().sub(" ", question)
    if _ASKED_THAI.search(rest):
        found.add("thai")
    if _ASKED_WORLD.search(rest):
        found.add("world")
    return found.pop() if len(found) == 1 else None


def value_scope(text: str, start: int) -> str | None:
    """The scope the clause before the value at ``text[start]`` names, or None.

    The nearest of Thailand's, the world's or another country's scope words
    (:func:`asked_scope`'s, and "ในประเทศ") within :data:`SCOPE_REACH` characters
    before the value, in its clause (not past "ในขณะที่", "ส่วน", a line's end).
    """
    left = max(0, start - SCOPE_REACH)
    for m in _SCOPE_CLAUSE.finditer(text, left, start):
        left = m.end()
    best: tuple[int, str] | None = None
    for pattern, scope in ((_WRITTEN_THAI, "thai"), (_ASKED_WORLD, "world")):
        for m in pattern.finditer(text, left, start):
            if best is None or m.start() > best[0]:
                best = (m.start(), scope)
    for m in _other_countries().finditer(text, left, start):
        if best is None or m.start() >= best[0]:
            best = (m.start(), m.group("country"))
    return best[1] if best else None


def other_scope_mask(rows: SpanRows, question: str, among: npt.NDArray[np.bool_]
                     ) -> npt.NDArray[np.bool_]:
    """Which of ``among`` are stated for another scope than the question asks.

    "ตลาดเครื่องมือแพทย์ของไทย ... เติบโตเฉลี่ยปีละเท่าไร" and "ตลาดเครื่องมือแพทย์ของโลก
    เติบโตเฉลี่ยปีละ 6.1%": the world's figure is no answer for Thailand's, nor a
    Thai one for the world's or another country's (:func:`asked_scope`,
    :func:`value_scope`).  Releases and reports only; a value whose clause names no
    scope is not marked.
    """
    out = np.zeros(len(rows.x), dtype=bool)
    asked = asked_scope(question)
    if asked is None:
        return out
    for r in np.flatnonzero(among).tolist():
        p, a, _ = rows.span(r)
        if p.hit.kind not in OFFICIAL_KINDS:
            continue
        scope = value_scope(p.text, a)
        out[r] = scope is not None and scope != asked
    return out


def lead_scope(question: str, text: str, start: int) -> str | None:
    """The province to name beside a lead value of one province's, for a national question.

    "ธนาคารขยะ Kick-Off กี่แห่ง" led by "103 แห่ง" of "จ.นครพนม ... ในจังหวัดทั้ง 103 แห่ง":
    ``"จังหวัดนครพนม"``, so the reply does not pass one province's figure for the nation's.
    None when the question names or asks a place, or the value is stated for no province.
    """
    if not asks_national(question):
        return None
    scope = province_scope(text, start)
    return f"จังหวัด{scope}" if scope else None


#: Characters before a count searched for the status its sentence tells (a warning's
#: provinces stand after the regions it names: "การแจ้งเตือนพายุ ... ช่วงวันที่ 24-27 ส.ค.68
#: ในพื้นที่ภาคเหนือ ... และภาคใต้ รวม 58 จังหวัด").
STATUS_SENTENCE = 200


def status_of_sentence(text: str, start: int) -> str | None:
    """The last status word (siblings' statuses) before ``text[start]`` in its sentence.

    Back :data:`STATUS_SENTENCE` characters, within the paragraph; None when none.
    """
    from bot.answering.siblings import _STATUS

    left = max(0, start - STATUS_SENTENCE, text.rfind("\n", 0, start) + 1)
    last = None
    for m in _STATUS.finditer(text, left, start):
        last = m
    return None if last is None else last.lastgroup


def value_bindings(rows: SpanRows, question: str, among: npt.NDArray[np.bool_], *,
                   count: bool) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """``(bound, other)`` over the candidates ``among`` of releases and reports.

    ``bound``: bound to what ``question`` (as read: normalised, lower case) names (its
    enumerated item and label, its province, the complement it asks); ``other``: bound to
    something else, or a slogan's one.  ``count``: the question asks how many (the
    negation and the province are read for counts only).
    """
    n = len(rows.x)
    bound = np.zeros(n, dtype=bool)
    other = np.zeros(n, dtype=bool)
    rows_in = [r for r in np.flatnonzero(among).tolist()
               if rows.span(r)[0].hit.kind in OFFICIAL_KINDS]
    if not rows_in:
        return bound, other
    phrase = negated_phrase(question) if count else None
    status = asked_status(question) if count else None
    province = asked_places(question).get("province") if count else None
    for r in rows_in:
        p, a, b = rows.span(r)
        if slogan_number(p.text, a, question):
            other[r] = True
            continue
        item = _enumerated_binding(p.text, a, question)
        if item is not None:
            (bound if item else other)[r] = True
        if phrase is not None and phrase not in p.hit.title:
            # (A title that writes the question's "ไม่..." names a thing by it: "โครงการ
            # ... โดยไม่ใช้งบรัฐ", "การลงมติไม่ไว้วางใจ".)
            side = complement(p.text, a, b)
            if side:
                bound[r] = not other[r]
            else:
                other[r] = True
                bound[r] = False
        elif count and excepted(p.text, a):
            # "ดำเนินการในกี่จังหวัด" of "69 จังหวัด ยกเว้น 8 จังหวัด": the 8 are the
            # complement's, no answer to a question about the included set.
            other[r] = True
            bound[r] = False
    if status is not None and not bound.any():
        # "การแจ้งเตือน ... ครอบคลุมกี่จังหวัด": a count whose sentence tells of the warning.
        told = [r for r in rows_in if not other[r]
                and status_of_sentence(rows.span(r)[0].text, rows.span(r)[1]) == status]
        if told and len(told) < sum(not other[r] for r in rows_in):
            bound[told] = True
    if province is not None:
        mine, elsewhere = _province_bindings(rows, rows_in, province)
        for r in mine:
            bound[r] = not other[r]
        for r in elsewhere:
            other[r] = True
            bound[r] = False
    return bound, other
