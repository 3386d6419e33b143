"""An elliptic follow-up read with the subject of the question before it.

In chat a question often leaves its subject to the one before: "ผู้ว่าราชการจังหวัดน่าน
คือใคร" and then "อายุกี่ปี" (how old is *he*), "โครงการนี้ครอบคลุมกี่อำเภอ".  Asked
alone, such a question names nothing the documents could be searched for, and its one
common word ("อายุ") finds some other person's age under a real citation.  The follow-up
is asked with the subject of the exchange before it: the person the answer named when it
led with a titled name, else the earlier question without its asking words.

A question is elliptic when it names no subject of its own: at most
:data:`FOLLOW_UP_WORDS` topic word, no name (a titled person, Latin letters, digits, a
place, a body) — or it refers back by a pronoun ("เขา", "ท่าน", "โครงการนี้",
"ดังกล่าว"; "he", "this project").  Pure functions: the caller (:mod:`bot.core`) keeps
the exchanges.
"""

from __future__ import annotations

import re

from bot.answering.answerer import Answerer, thai_form, topic_words
from bot.answering.candidates import opens_with_name
from bot.answering.consistency import event_anchors
from bot.answering.what_about import WHAT_ABOUT, WHAT_ABOUT_EN, what_about_subject
from indexer.tokenize import word_at

__all__ = [
    "FOLLOW_UP_MINUTES",
    "FOLLOW_UP_WORDS",
    "asked_again",
    "continues",
    "follow_up",
    "is_elliptic",
    "subject_of",
    "what_about_subject",
]

#: A follow-up refers to an exchange at most this many minutes old.
FOLLOW_UP_MINUTES = 15
#: An elliptic question holds at most this many topic words of its own.
FOLLOW_UP_WORDS = 1

#: Words that refer back to what was just talked about.
_BACK = re.compile(r"^\s*(?:เขา|ท่าน|เธอ|คนนี้|คนนั้น|บุคคลนี้|บุคคลดังกล่าว)|"
                   r"(?:นี้|ดังกล่าว|นั้น)(?=\s|$|กี่|เท่า|มี|ได้|อายุ|เกิด|จัด|ใช้|คือ|ครอบ)")
_BACK_EN = re.compile(r"\b(?:he|she|his|her|him|they|their|it|its|this|that)\b", re.I)
#: What a question asks with, removed from the earlier question to leave its subject.
_ASKING = re.compile(
    r"\s*(?:(?:คือ|เป็น|ชื่อ)\s*)?(?:ใคร|อะไร|ที่ไหน|ที่ใด|เมื่อไร|เมื่อไหร่|เมื่อใด|เท่าไร|เท่าไหร่|"
    r"เท่าใด|กี่\s*\S+|อย่างไร|ยังไง|ไหม|หรือไม่|บ้าง|วัน(?:ไหน|ใด|อะไร|ที่เท่าไร|ที่เท่าไหร่)|"
    r"(?:อำเภอ|จังหวัด|ที่)(?:ไหน|ใด|อะไร))\s*(?:ครับ|คะ|ค่ะ|นะ)?\s*\??\s*$")
#: Asking words that open a Thai question ("ใครเป็นนายอำเภอบางใหญ่").
_ASKING_FIRST = re.compile(r"^\s*(?:ใคร|อะไร|ที่ไหน|เมื่อไร|เมื่อไหร่)\s*(?:คือ|เป็น|ได้รับ)?\s*")
_EN_ASKING = re.compile(r"^\s*(?:who|what|when|where|how\s+(?:many|much)\s+\w*|which)\b"
                        r"(?:\s+(?:is|was|are|were|did|does|do))?\s*", re.I)
#: Titles written apart from the name ("พลเอก อนุพงษ์ เผ่าจินดา").
_LOOSE_TITLES = frozenset({"พลเอก", "พลโท", "พลตรี", "พลตำรวจเอก", "พลตำรวจโท", "พลตำรวจตรี",
                           "พันเอก", "พันโท", "พันตรี", "ว่าที่", "ท่าน", "คุณ"})
#: The note an answer adds after its value ("(ข้อมูล ณ 23 ก.พ. 2564)").
_NOTE = re.compile(r"\s*\((?:ข้อมูล ณ|as of)[^)]*\)")


def is_elliptic(question: str) -> bool:
    """Whether ``question`` leaves its subject to the question before it."""
    q, info = Answerer.prepare(question)
    if not q:
        return False
    if info.language == "en":
        words = re.findall(r"[A-Za-z]+", q)
        return bool(_BACK_EN.search(q)) and len(words) <= 6
    thai = thai_form(q, info)
    if _back_refs(thai):
        return True
    if re.search(r"[A-Za-z0-9]", thai) or opens_with_name(thai, "person"):
        return False
    anchors = event_anchors(thai)
    if anchors.places or anchors.years or anchors.days:
        return False
    return len(topic_words(thai, info)) <= FOLLOW_UP_WORDS


def _back_refs(text: str) -> list[re.Match[str]]:
    """The words of ``text`` that refer back (:data:`_BACK`), each a whole word.

    "นี้" of "เจ้าหนี้กี่ราย" or "หนี้" is a part of a word, no "this": a match that opens
    or closes inside a word (:func:`indexer.tokenize.word_at`) is none.
    """
    return [m for m in _BACK.finditer(text)
            if word_at(text, m.start() + len(m.group(0)) - len(m.group(0).lstrip())) is None
            and word_at(text, m.end()) is None]


def _without_back_refs(text: str) -> str:
    """``text`` with its words that refer back (:func:`_back_refs`) taken out."""
    for m in reversed(_back_refs(text)):
        text = text[:m.start()] + " " + text[m.end():]  # (a splice, nothing cut for display)
    return text


def subject_of(question: str, lead: str = "") -> str:
    """What the exchange of ``question`` and its answer's ``lead`` was about.

    The person the answer named, when it leads with a titled name ("ดร.รักษ์ วรกิจโภคาทร
    กรรมการผู้จัดการ" → "ดร.รักษ์ วรกิจโภคาทร"); else ``question`` without its asking
    words ("ธนาคารขยะตั้งแล้วกี่แห่ง" → "ธนาคารขยะตั้งแล้ว").  "" when nothing is left.
    """
    value = _NOTE.sub("", lead.split(" — ", 1)[0]).strip()
    if value and opens_with_name(value, "person"):
        words = value.split()
        take = 3 if words[0] in _LOOSE_TITLES else 2
        return " ".join(words[:take])
    subject = _ASKING.sub("", question.strip())
    subject = _EN_ASKING.sub("", subject).strip(" ?")
    return subject if subject != question.strip() or len(subject) < 80 else ""


def asked_again(question: str, previous: str) -> str | None:
    """``previous`` asked of the subject ``question`` names instead, or None.

    "แล้วนายอำเภอปายล่ะ" after "ผู้ว่าราชการจังหวัดแม่ฮ่องสอนคือใคร" is "นายอำเภอปายคือใคร":
    the follow-up keeps the question type of the question it follows (asked alone it
    asks nothing, and was answered with whatever phrase scored best: "สมาชิกกองร้อย
    อส.อ.ปาย").  "And the district chief of Pai?" after "Who is ...?" is "Who is the
    district chief of Pai?".  None when ``question`` is no such follow-up or ``previous``
    has no asking words to keep.
    """
    english = is_english(question)
    m = (WHAT_ABOUT_EN if english else WHAT_ABOUT).match(question)
    if m is None or not previous.strip():
        return None
    subject = m.group("x").strip()
    if english:
        ask = _EN_ASKING.match(previous)
        return f"{ask.group(0).strip()} {subject}?" if ask and ask.group(0).strip() else None
    swapped = _swapped_place(subject, previous.strip())
    if swapped is not None:
        return swapped
    end = _ASKING.search(previous.strip())
    if end is not None and end.group(0).strip():
        return f"{subject}{end.group(0).strip()}"
    first = _ASKING_FIRST.match(previous)
    if first is not None and first.group(0).strip():
        return f"{first.group(0).strip()}{subject}"
    return None


#: Words that only introduce a place's name in a follow-up ("แล้วจังหวัดขอนแก่นล่ะ").
_PLACE_NOUN = re.compile(r"^(?:ที่|ใน|ของ)?\s*(?:จังหวัด|จ\.|อำเภอ|อ\.|ตำบล|ต\.|เขต)?\s*")


def _swapped_place(subject: str, previous: str) -> str | None:
    """``previous`` with its place replaced by the one ``subject`` only names, or None.

    "แล้วขอนแก่นล่ะ" after "จังหวัดนครศรีธรรมราชมีผู้ลงทะเบียนกี่ราย" asks the same
    matter of another province: "จังหวัดขอนแก่นมีผู้ลงทะเบียนกี่ราย" (asked as
    "ขอนแก่นกี่ราย" it found a drug raid's "1 ราย"); after a question that names no place,
    the same question in that place.  None when ``subject`` is more than a place's name
    (the subject is then another matter), or it is the place ``previous`` names.
    """
    named = event_anchors(subject).places
    if len(named) != 1 or _PLACE_NOUN.sub("", subject).strip() != named[0]:
        return None
    before = [p for p in event_anchors(previous).places if p in previous]
    if not before:
        # "แล้วขอนแก่นล่ะ" after "ผู้ลงทะเบียนหนี้นอกระบบ 27 ธ.ค. 66 กี่ราย" (no place named)
        # asks the same matter in that place: "ผู้ลงทะเบียนหนี้นอกระบบ 27 ธ.ค. 66 ขอนแก่น
        # กี่ราย" (asked as "ขอนแก่นกี่ราย" it found a drug raid's "1 ราย").
        end = _ASKING.search(previous)
        if end is None or not end.group(0).strip() or not previous[:end.start()].strip():
            return None
        return f"{previous[:end.start()].rstrip()} {subject} {end.group(0).strip()}"
    if named[0] in before:
        return None
    return previous.replace(before[0], named[0], 1)


def follow_up(question: str, previous: str, lead: str = "") -> str | None:
    """``question`` with the subject of the exchange before it, or None.

    None when ``question`` names its own subject (:func:`is_elliptic`), or the earlier
    exchange (``previous`` question, its answer's ``lead``) leaves none, or the question
    already holds it.
    """
    again = asked_again(question, previous)
    if again is not None:
        return again
    goes_on = continues(question)
    if not previous.strip() or not (goes_on or is_elliptic(question)):
        return None
    subject = subject_of(previous, lead)
    if not subject or subject in question:
        return None
    body = _without_back_refs(question).strip() if not is_english(question) else question
    if goes_on:
        body = _AND_THEN.sub("", body)
    return " ".join(f"{subject} {body or question}".split())


#: "แล้วมูลหนี้ลดลงเท่าไร", "และมูลหนี้ลดลงเท่าไร": "and (then)" opening a question asks on
#: about the matter before (not "แล้วนายอำเภอปายล่ะ", another subject: :func:`asked_again`).
_CONTINUES = re.compile(r"^\s*(?:แล้ว|และ)(?!\s*(?:ก็|จึง))\s*\S")
#: The opening "แล้ว"/"และ" dropped when the question is joined to its subject.
_AND_THEN = re.compile(r"^\s*(?:แล้ว|และ)\s*")


def continues(question: str) -> bool:
    """Whether ``question`` opens with "and (then)" and names no time or place of its own.

    "แล้วมูลหนี้ลดลงเท่าไร" after "หนี้นอกระบบล่าสุดไกล่เกลี่ยแล้วกี่ราย" asks of the same
    running count; asked alone its words found another release's figure (of January,
    "กว่า 368 ล้านบาท").
    """
    if is_english(question) or not _CONTINUES.match(question):
        return False
    anchors = event_anchors(question)
    return not (anchors.places or anchors.years or anchors.days)


def is_english(question: str) -> bool:
    """Whether ``question`` is written in English (no Thai letter)."""
    return not re.search(r"[\u0e00-\u0e7f]", question)
