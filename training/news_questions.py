"""Questions about press releases, made from the releases themselves (for training only).

The answer verifier (:mod:`bot.answering.verifier`) must judge answers to the
questions a ministry officer asks about the government news archive: long questions
that name their event, answered by an amount, a count, a percentage, a date or a
person.  No such questions come with answers in the numbers training needs; the iapp
Wikipedia questions alone taught a verifier that refused a fifth of the right answers
to the news development questions.  So questions are made from a sentence of a
release: the value (``961 ครัวเรือน``) is replaced by the question phrase of its kind
(``กี่ครัวเรือน``), after the words that lead to it in its sentence and the opening of
the release's title, which names the event::

    ธนาคารขยะบ้านแก้วสมบูรณ์ … โดยมีสมาชิกทั้งหมด กี่ครัวเรือน   (expect: 961 ครัวเรือน)

Deterministic: releases and values are drawn with a seeded generator.
"""

from __future__ import annotations

import gzip
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bot.answering.question import COUNT_UNITS
from knowledge.thai import MONTHS_FULL, MONTHS_SHORT

#: Units a count question is made for (not money or time spans: they have their own).
_UNITS = tuple(u for u in COUNT_UNITS if u not in {
    "ล้านบาท", "บาท", "ล้าน", "ปี", "วัน", "เดือน", "ร้อยละ", "เปอร์เซ็นต์", "ชั่วโมง", "นาที",
    "สัปดาห์", "ศตวรรษ", "เท่า", "ระดับ"})
_UNIT_RE = "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))
_MONTH_RE = "|".join(re.escape(m) for m in sorted((*MONTHS_FULL, *MONTHS_SHORT), key=len,
                                                  reverse=True))
_NUM = r"\d[\d,]*(?:\.\d+)?"

#: Words a post opens with: a person asked about is named before one.
_POSTS = ("ผู้ว่าราชการ|ผู้ว่าฯ|รองผู้ว่า|นายอำเภอ|ปลัด|รัฐมนตรี|รองนายกรัฐมนตรี|นายกรัฐมนตรี|"
          "อธิบดี|รองอธิบดี|ผู้อำนวยการ|ประธาน|นายก|รองนายก|ผู้ช่วย|เลขาธิการ|รองเลขาธิการ|"
          "โฆษก|รองโฆษก|ผู้บัญชาการ|หัวหน้า|ผู้จัดการ|กรรมการ|อุปนายก|ผู้ใหญ่บ้าน|กำนัน|"
          "พัฒนาการ|ท้องถิ่น|อัยการ|ผู้บริหาร|เอกอัครราชทูต|กงสุล|ที่ปรึกษา|สมาชิก")

#: (kind, pattern of the value, question phrase); the value is group 0.
_KINDS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("money", re.compile(rf"(?<![\d,.]){_NUM}\s*(?:ล้าน|แสน|หมื่น|พัน)?\s*บาท"), "เท่าไร"),
    ("percent", re.compile(rf"ร้อยละ\s*{_NUM}"), "ร้อยละเท่าไร"),
    ("count", re.compile(rf"(?<![\d,.]){_NUM}\s*(?:{_UNIT_RE})"), "กี่{unit}"),
    ("date", re.compile(rf"(?<!\d)\d{{1,2}}\s*(?:{_MONTH_RE})\s*(?:พ\.ศ\.\s*)?\d{{2,4}}"),
     "เมื่อวันที่เท่าไร"),
    ("person", re.compile(r"(?:นาย|นางสาว|นาง|ดร\.)\s?[\u0e01-\u0e2e][\u0e00-\u0e7f]{1,20}"
                          r"\s[\u0e01-\u0e2e][\u0e00-\u0e7f]{1,25}(?=\s+(?:" + _POSTS + "))"),
     "ใคร"),
)
#: How many characters of the sentence before the value, and of the title, a question keeps.
LEFT_CHARS = 70
TITLE_CHARS = 45


@dataclass(frozen=True)
class NewsQuestion:
    """A question made from a release, the value it asks for and where it comes from."""

    question: str
    expect: str
    kind: str
    url: str


def releases(path: Path) -> Iterator[dict[str, str]]:
    """The releases of a ``.jsonl.gz`` (or ``.jsonl``) archive, one dict each."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def _cut_left(text: str, chars: int) -> str:
    """The last ``chars`` characters of ``text``, from a space on (no word cut)."""
    if len(text) <= chars:
        return text.strip()
    part = text[-chars:]
    space = part.find(" ")
    return part[space + 1:].strip() if 0 <= space < chars // 2 else part.strip()


def _cut_right(text: str, chars: int) -> str:
    """The first ``chars`` characters of ``text``, up to a space (no word cut)."""
    if len(text) <= chars:
        return text.strip()
    space = text.rfind(" ", 0, chars)
    return text[:space if space > chars // 2 else chars].strip()


def questions_of(release: dict[str, str], rng: random.Random, per_release: int = 2
                 ) -> list[NewsQuestion]:
    """Up to ``per_release`` questions made from ``release`` (kinds drawn at random)."""
    text = " ".join((release.get("text") or "").split())
    title = " ".join((release.get("title") or "").split())
    found: list[tuple[str, re.Match[str], str]] = []
    for kind, pattern, phrase in _KINDS:
        for m in pattern.finditer(text):
            found.append((kind, m, phrase))
    rng.shuffle(found)
    out: list[NewsQuestion] = []
    used: set[str] = set()
    for kind, m, phrase in found:
        value = m.group(0).strip()
        if value in used or text.count(value) > 1:
            continue  # a value written twice may be asked by either sentence
        start = max(text.rfind(" ", 0, max(m.start() - LEFT_CHARS, 0)), 0)
        left = _cut_left(text[start:m.start()], LEFT_CHARS)
        left = re.split(r"(?<=[.!?])\s|\s(?=\d+\)\s)", left)[-1]
        if kind == "date":
            left = re.sub(r"(?:เมื่อ)?(?:วันที่|วัน)\s*$", "", left).strip()
        if len(left) < 15 or re.search(r"[-–]\s*$", left) or re.match(r"\s*[-–]", text[m.end():]):
            continue  # one end of a range is no answer
        if kind == "count":
            unit = re.sub(rf"^{_NUM}\s*", "", value)
            phrase = phrase.format(unit=unit)
        lead = _cut_right(title, TITLE_CHARS)
        if kind == "person":
            after = _cut_right(text[m.end():], 40)
            question = f"{lead} {left} {phrase} {after}".strip()
        else:
            question = f"{lead} {left} {phrase}".strip()
        out.append(NewsQuestion(" ".join(question.split()), value, kind, release.get("source", "")))
        used.add(value)
        if len(out) >= per_release:
            break
    return out


def make_questions(path: Path, *, seed: int, releases_wanted: int, held_share: float
                   ) -> tuple[list[NewsQuestion], list[NewsQuestion], set[str]]:
    """Questions of ingested releases, questions of held-out releases, held-out urls.

    A release is held out (not to be ingested) with probability ``held_share``; of
    the rest, ``releases_wanted`` are drawn for questions.
    """
    rng = random.Random(seed)
    all_releases = list(releases(path))
    held = {r.get("source", "") for r in all_releases if rng.random() < held_share}
    kept = [r for r in all_releases if r.get("source", "") not in held]
    gone = [r for r in all_releases if r.get("source", "") in held]
    asked = rng.sample(kept, min(releases_wanted, len(kept)))
    absent = rng.sample(gone, min(releases_wanted // 2, len(gone)))
    answerable = [q for r in asked for q in questions_of(r, rng)]
    unanswerable = [q for r in absent for q in questions_of(r, rng)]
    return answerable, unanswerable, held
