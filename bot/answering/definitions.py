"""What an abbreviation stands for: "GIZ คืออะไร", "What does UNDP stand for?".

Official Thai text spells a body or programme out once and puts its abbreviation after
it in parentheses: "องค์กรความร่วมมือระหว่างประเทศของสหพันธ์สาธารณรัฐเยอรมนี (GIZ)",
"(Voluntary National Review: VNR)", "SDGs (Sustainable Development Goals)".  The
answer to "what is X" for an abbreviation X is that spelled-out name, which the span
model (trained on spans of a few words) neither proposes whole nor prefers; it is read
here from the text itself.

* :func:`asked_abbreviation` — the abbreviation a question asks to spell out, or None;
* :func:`expansion` — where a text spells it out: ``(start, end)`` of the name, or None.
"""

from __future__ import annotations

import re

from indexer.tokenize import word_spans

__all__ = ["asked_abbreviation", "asks_expansion", "expansion", "is_acronym"]

#: An abbreviation: Latin capitals (with digits, "&", "-", a final "s"), two to twelve
#: characters, or a Thai one written with full stops ("อปท.", "สปสช.").
_ABBR = r"(?:[A-Z][A-Za-z0-9&\-]{0,10}[A-Z0-9s]|[\u0e01-\u0e2e](?:[\u0e01-\u0e4e]{0,4}\.){1,5})"
_THAI_ASK = re.compile(
    rf"^\s*(?:คำว่า\s*)?(?P<x>{_ABBR}|[A-Za-z][A-Za-z0-9&\-]{{1,11}})\s*"
    r"(?:คือ|หมายถึง|ย่อมาจาก|เป็นชื่อย่อของ|แปลว่า)\s*"
    r"(?:อะไร|หน่วยงานอะไร|องค์กรอะไร|ใคร)?\s*(?:ครับ|คะ|ค่ะ|นะ|จ๊ะ)?\s*[?？]*\s*$")
_ENGLISH_ASK = re.compile(  # the question's words in any case, the abbreviation as written
    rf"^\s*(?i:what\s+(?:is|are|was)\s+(?:the\s+|an?\s+)?)(?P<x>{_ABBR})\s*\??\s*$"
    rf"|^\s*(?i:what\s+does\s+(?:the\s+)?)(?P<y>{_ABBR})\s+(?i:stand\s+for|mean)\s*\??\s*$")

#: Nouns a Thai name of a body, plan or programme starts with; the name is read from
#: the first of them after the clause's last joining word.
_HEADS = (
    "องค์กร", "องค์การ", "สำนักงาน", "สำนัก", "กรม", "กระทรวง", "คณะ", "สถาบัน", "ธนาคาร",
    "โครงการ", "ศูนย์", "มูลนิธิ", "สมาคม", "กองทุน", "เป้าหมาย", "แผน", "ระบบ", "การประชุม",
    "สหประชาชาติ", "โครงการพัฒนา", "องค์กรปกครอง", "สภา", "บริษัท", "สหพันธ์", "ข้อตกลง",
    "ความตกลง", "วาระ", "รายงาน", "มหาวิทยาลัย", "กลุ่ม", "เครือข่าย",
)
#: Words that join a name to what comes before it: the name starts after them ("ของ",
#: "ที่", "ใน" stay: they are inside names, "การพัฒนาที่ยั่งยืน").
_JOINERS = frozenset({
    "และ", "กับ", "ร่วมกับ", "หรือ", "โดย", "จาก", "ซึ่ง", "คือ", "ได้แก่", "เป็น", "ว่า",
    "ให้", "พร้อม", "ทั้ง", "อาทิ", "เช่น",
})
#: The longest name read back from the parenthesis, in characters.
_MAX_NAME = 90
_STOP_GAP = re.compile(r"[,;:()“”\"\n\u2018\u2019']")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z\-']*")


_ACRONYM = re.compile(r"[A-Z][A-Z0-9&\-]*[A-Z0-9]s?|[\u0e01-\u0e2e](?:[\u0e01-\u0e4e]{0,4}\.){1,5}")


def is_acronym(word: str) -> bool:
    """Whether ``word`` is written as an acronym: capitals ("GIZ") or Thai with full stops.

    "SDGs", "UN" and "กพย." are; "Internet2", "DECnet" or "giz" may be names or plain
    words that the text defines some other way ("DECnet คือชุดโปรโตคอล...").
    """
    return bool(_ACRONYM.fullmatch(word))


def asked_abbreviation(question: str) -> str | None:
    """The abbreviation ``question`` asks to spell out ("GIZ คืออะไร" -> ``"GIZ"``), or None.

    Only a question that is nothing but the abbreviation and "what is it" counts:
    "GIZ ทำอะไร" asks something else.  ``question`` as :meth:`Answerer.prepare` cleans it
    (no markup or invisible characters).
    """
    m = _THAI_ASK.match(question) or _ENGLISH_ASK.match(question)
    if m is None:
        return None
    x = m.groupdict().get("x") or m.groupdict().get("y")
    return x or None


_EXPANSION_ASK = re.compile(r"ย่อมาจาก|ชื่อย่อของ|stand\s+for", re.I)


def asks_expansion(question: str) -> bool:
    """Whether ``question`` asks what an abbreviation's letters stand for.

    "What does DNA stand for?", "DNA ย่อมาจากอะไร": the name the letters abbreviate, not
    a Thai gloss written before them ("สารพันธุกรรม (DNA)" translates DNA; it does not
    spell it out).
    """
    return _EXPANSION_ASK.search(question) is not None


def _matches_initials(name: str, abbr: str) -> bool:
    """Whether the capitals of ``name``'s words spell ``abbr`` (a plural "s" aside)."""
    letters = re.sub(r"[^A-Za-z]", "", abbr).upper()
    if letters.endswith("S") and abbr.endswith("s"):
        letters = letters[:-1]
    words = _LATIN_WORD.findall(name)
    caps = "".join(w[0] for w in words if w[0].isupper()).upper()
    # "Forum on Sustainable Development": the capitals, or every longer word's initial.
    initials = "".join(w[0] for w in words if w[0].isupper() or len(w) > 3).upper()
    return bool(letters) and letters in (caps, initials)


def _thai_name_before(text: str, end: int) -> tuple[int, int] | None:
    """The Thai (or Latin) name that ends at ``end`` (just before "(X"), or None."""
    lo = max(0, end - _MAX_NAME)
    chunk = text[lo:end].rstrip()
    if not chunk:
        return None
    end = lo + len(chunk)
    spans = [(a + lo, b + lo) for a, b in word_spans(chunk)]
    if not spans:
        return None
    words = [text[a:b] for a, b in spans]
    # Back from the parenthesis to the clause's last joining word or punctuation mark.
    start_k = 0
    for k in range(len(words) - 1, -1, -1):
        gap = text[spans[k][1]:spans[k + 1][0]] if k + 1 < len(spans) else ""
        if _STOP_GAP.search(gap):
            start_k = k + 1
            break
        if words[k] in _JOINERS:
            start_k = k + 1
            break
    named = [k for k in range(start_k, len(words)) if words[k].startswith(_HEADS)]
    if start_k >= len(spans):
        return None
    start = spans[named[0] if named else start_k][0]
    if not named:  # no head noun: the name is what follows the last space
        space = text.rfind(" ", start, end)
        if space != -1:
            start = space + 1
    name = text[start:end]
    if len(name.strip()) < 4 or not re.search(r"[\u0e01-\u0e2eA-Za-z]", name):
        return None
    return start, end


def expansion(text: str, abbr: str, *, thai: bool = True) -> tuple[int, int] | None:
    """Where ``text`` spells ``abbr`` out: ``(start, end)`` of the name, or None.

    Read in this order: "(Name: X)" or "(Name – X)" (the name inside the parentheses);
    "X (Name)" where the name's capitals spell X; "Name (X)" with a Latin name whose
    capitals spell X; then, with ``thai``, the Thai name before "(X)" from its first head
    noun after the clause's last joining word (a weaker reading: a caller tries the
    Latin forms of every passage first).  Latin abbreviations match in any case
    ("giz" is GIZ).  Offsets are into ``text``; never raises.
    """
    esc = re.escape(abbr)
    flags = re.IGNORECASE if abbr.isascii() else 0
    inside = re.search(rf"\(\s*([^()]{{4,{_MAX_NAME}}}?)\s*[:：,–\-]\s*{esc}\s*\)", text, flags)
    if inside:
        return inside.start(1), inside.end(1)
    after = re.search(rf"(?<![A-Za-z]){esc}\s*\(\s*([^()]{{4,{_MAX_NAME}}}?)\s*\)", text, flags)
    if after and _matches_initials(after.group(1), abbr):
        return after.start(1), after.end(1)
    marks = list(re.finditer(rf"\(\s*{esc}\s*[),]", text, flags))
    for m in marks:
        before = text[max(0, m.start() - _MAX_NAME):m.start()].rstrip()
        latin = re.search(r"((?:[A-Z][A-Za-z\-']*|of|for|and|the|on|in)"
                          r"(?:\s+(?:[A-Z][A-Za-z\-']*|of|for|and|the|on|in))*)$", before)
        if latin and _matches_initials(latin.group(1), abbr):
            end = m.start() - (len(text[:m.start()]) - len(text[:m.start()].rstrip()))
            return end - len(latin.group(1)), end
    if not thai:
        return None
    for m in marks:
        found = _thai_name_before(text, m.start())
        if found is not None:
            return found
    return None
