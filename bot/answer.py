"""The answer composer: a short, cited answer with its point first, or an honest "not found".

Search finds passages; answering is choosing, inside them, the clause that
answers.  Each top passage is cut into clause windows (Thai marks clause and
sentence ends with a space), and every window is scored by

* coverage — the IDF-weighted share of the question's words it holds (rare words
  weigh most, so "ราชบพิธ" matters more than "ประชุม");
* type — a number with the asked unit for "กี่ตัน", a date for "เมื่อไร", a place
  for "ที่ไหน", a name for "ใคร", an enumeration for "อะไรบ้าง";
* the passage's own BM25 rank, and brevity.

The best window leads the answer (with the number or date pulled in front when
the question asks for one), then one source line.  When even the best passage
covers too little of the question, the bot says it does not know instead of
guessing.  Questions about a report form's fields are answered from the stored
fields (:mod:`bot.fields`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from bot.fields import answer_field
from bot.glossary import expand_english
from bot.qtype import COUNT_UNITS, QuestionInfo, analyse_question
from indexer.service import SearchHit, SearchIndex
from indexer.tokenize import tokenize
from knowledge.db import Database
from knowledge.thai import find_dates, format_thai_date, normalize_text, to_arabic_digits

__all__ = ["Answer", "Answerer", "Source"]

#: Passages read for each question.
TOP_PASSAGES = 8
#: The point must fit in this many characters (a phone screen; the eval reads 300).
POINT_CHARS = 270
#: Score for a window holding the question's focus word (the noun before อะไร/ใด).
FOCUS_BONUS = 0.6
#: Characters of context kept before the matched clause.
CONTEXT_BEFORE = 100
#: The best passage must hold at least this IDF-weighted share of the question.
MIN_PASSAGE_COVERAGE = 0.62
#: ... and the chosen window at least this share.
MIN_WINDOW_COVERAGE = 0.34

_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
# A number in digits or in Thai words ("สี่", "สองร้อย"), as counts are written.
_NUM = (r"(?:\d[\d,]*(?:\.\d+)?|(?:หนึ่ง|สอง|สาม|สี่|ห้า|หก|เจ็ด|แปด|เก้า|สิบ|ยี่สิบ|ร้อย|พัน|หมื่น|แสน)"
        r"(?:หนึ่ง|สอง|สาม|สี่|ห้า|หก|เจ็ด|แปด|เก้า|สิบ|เอ็ด|ร้อย|พัน|หมื่น|แสน|ล้าน)*)")
_THAI_MONTHS = (
    "มกราคม|กุมภาพันธ์|มีนาคม|เมษายน|พฤษภาคม|มิถุนายน|กรกฎาคม|สิงหาคม|กันยายน|ตุลาคม|"
    "พฤศจิกายน|ธันวาคม|ม\\.ค\\.|ก\\.พ\\.|มี\\.ค\\.|เม\\.ย\\.|พ\\.ค\\.|มิ\\.ย\\.|ก\\.ค\\.|"
    "ส\\.ค\\.|ก\\.ย\\.|ต\\.ค\\.|พ\\.ย\\.|ธ\\.ค\\."
)
_DATE = re.compile(
    rf"\d{{1,2}}(?:\s*[-–]\s*\d{{1,2}})?\s*(?:{_THAI_MONTHS})(?:\s*[-–]\s*\d{{1,2}}\s*(?:{_THAI_MONTHS}))?"
    rf"(?:\s*(?:พ\.ศ\.|ค\.ศ\.)?\s*\d{{2,4}})?|(?:เดือน)?(?:{_THAI_MONTHS})\s*\d{{4}}|"
    r"\b(?:19|20|25)\d\d\b"
)
_PLACE = re.compile(r"(?:^|\s)ณ\s|ห้องประชุม|ศูนย์|อาคาร|จังหวัด|อำเภอ|ประเทศ|เมือง|ที่ทำการ|สถานที่")
_PERSON = re.compile(r"นาย|นาง|นางสาว|ดร\.|ศาสตราจารย์|ปลัด|อธิบดี|ผู้ว่าราชการ|รัฐมนตรี|ประธาน|"
                     r"นายก|ผู้อำนวยการ|พระ|สมเด็จ")
_LIST = re.compile(r"ได้แก่|ประกอบด้วย|ดังนี้|คือ|(?:^|\s)(?:1|๑)[.)]|\s2[.)]|อาทิ|เช่น|,")
_NO_CONTENT = re.compile(r"[\w\u0e00-\u0e7f]")


@dataclass(frozen=True)
class Source:
    """Where an answer comes from."""

    doc_id: int
    title: str
    date: str | None
    passage_id: int | None
    kind: str = "text"
    label: str = ""


@dataclass(frozen=True)
class Answer:
    """What the bot says: the point, whether the documents hold it, and the sources."""

    point: str
    found: bool
    sources: tuple[Source, ...] = ()
    language: str = "th"
    question: str = ""
    debug: dict[str, Any] = field(default_factory=dict, compare=False)

    def render(self) -> str:
        """The chat text: point first, then one source line."""
        if not self.found or not self.sources:
            return self.point
        src = self.sources[0]
        prefix = "Source" if self.language == "en" else "ที่มา"
        return f"{self.point}\n\n{prefix}: {src.label}"

    def as_json(self) -> dict[str, Any]:
        """The object printed by ``sdgbot ask --json`` (without ``took_ms``)."""
        return {
            "answer": self.render(),
            "found": self.found,
            "sources": [
                {"doc_id": s.doc_id, "title": s.title, "date": s.date, "passage_id": s.passage_id}
                for s in self.sources
            ],
        }


@lru_cache(maxsize=50_000)
def _unit_tokens(unit: str) -> frozenset[str]:
    return frozenset(tokenize(unit))


def _source_label(hit: SearchHit, english: bool) -> str:
    title = hit.title if len(hit.title) <= 90 else hit.title[:88] + "…"
    date = ""
    if hit.date:
        date = hit.date.isoformat() if english else format_thai_date(hit.date)
    if hit.kind == "report":
        kind = "report form" if english else "แบบรายงาน"
    elif hit.kind == "news":
        kind = "news" if english else "ข่าว"
    elif hit.kind == "update":
        kind = "progress update" if english else "รายงานความคืบหน้า"
    else:
        kind = "document" if english else "เอกสาร"
    return f"{kind} «{title}»" + (f" ({date})" if date else "")


def _not_found(question: str, language: str, reason: str = "") -> Answer:
    if language == "en":
        text = ("Sorry, I could not find this in the documents I have. Try /search with a few "
                "keywords, or ask again in other words.")
    else:
        text = ("ขออภัย ไม่พบคำตอบนี้ในเอกสารที่มีอยู่ ลองค้นด้วย /search ตามด้วยคำสำคัญ "
                "หรือถามใหม่ด้วยถ้อยคำอื่น")
    return Answer(point=text, found=False, language=language, question=question,
                  debug={"reason": reason})


def _empty_question(language: str) -> Answer:
    if language == "en":
        text = "Please type a question, for example: How many waste banks have been set up?"
    else:
        text = "กรุณาพิมพ์คำถาม เช่น “ธนาคารขยะตั้งแล้วกี่แห่ง” หรือพิมพ์ /help เพื่อดูคำสั่ง"
    return Answer(point=text, found=False, language=language)


class Answerer:
    """Answers questions from the index and the report forms."""

    def __init__(self, db: Database, index: SearchIndex) -> None:
        """Answer from ``db`` (form fields) and ``index`` (passages)."""
        self.db = db
        self.index = index

    def ask(self, question: str) -> Answer:
        """Answer one question (never raises on odd input)."""
        q = re.sub(r"\s+", " ", question or "").strip()
        info = analyse_question(q)
        if not _NO_CONTENT.search(q):
            return _empty_question(info.language)
        if len(q) > 500:
            q = q[:500]  # a pasted page is not a question: answer its opening
        english = info.language == "en"
        with self.db.read() as s:
            fa = answer_field(s, q, english=english)
            if fa is not None:
                r = fa.report
                period = f"ไตรมาส {r.quarter}/{r.fiscal_year}" if r.quarter else ""
                if english and r.quarter:
                    period = f"Q{r.quarter} FY{r.fiscal_year}"
                kind = "report form" if english else "แบบรายงาน"
                label = f"{kind} «{fa.project.name}» {period}".strip()
                src = Source(
                    doc_id=r.document_id,
                    title=fa.project.name,
                    date=r.period_end.isoformat() if r.period_end else None,
                    passage_id=None,
                    kind="report",
                    label=label,
                )
                return Answer(point=fa.text, found=True, sources=(src,), language=info.language,
                              question=question, debug={"via": "field"})
        tokens = expand_english(q) if english else tokenize(q)
        if not tokens:
            return _not_found(question, info.language, "no tokens")
        self.index.sync()
        scored = self.index.search_tokens(tokens, k=TOP_PASSAGES)
        hits = self.index.hits(scored)
        if not hits:
            return _not_found(question, info.language, "no hits")
        return self._compose(question, tokens, info, hits)

    # -- choosing the clause ---------------------------------------------------------------
    def _compose(
        self, question: str, tokens: list[str], info: QuestionInfo, hits: list[SearchHit]
    ) -> Answer:
        qset = [t for t in dict.fromkeys(tokens) if t.strip()]
        idf = self.index.idf(qset)
        focus = _focus_tokens(question) & set(qset)
        weight = {t: idf[t] * (2.0 if t in focus else 1.0) for t in qset}
        total = sum(weight.values()) or 1.0
        top_score = hits[0].score or 1.0
        context = self.index.neighbours(hits)
        contexts: list[tuple[_Context, frozenset[str]]] = []
        by_doc: dict[int, set[str]] = {}
        for hit in hits:
            prev, nxt = context.get(hit.passage_id, ("", ""))
            ctx = _Context.build(prev, hit.text, nxt)
            own = f"{hit.title} {ctx.text}" if hit.kind == "news" else ctx.text
            ptoks = _token_set(own)
            contexts.append((ctx, ptoks))
            by_doc.setdefault(hit.doc_id, set()).update(ptoks)
        best: _Choice | None = None
        for rank, (hit, (ctx, ptoks)) in enumerate(zip(hits, contexts, strict=True)):
            # Is this the right place?  The passage with its neighbours (a boundary may
            # separate the topic from the fact) and what the document's hits say together.
            near = sum(weight[t] for t in qset if t in ptoks) / total
            doc = sum(weight[t] for t in qset if t in by_doc[hit.doc_id]) / total
            pcov = max(near, doc)
            base = 0.5 * pcov + 0.15 * (hit.score / top_score) - 0.02 * rank
            for choice in _candidates(ctx, info, qset, weight, total, focus):
                score = choice.score + base
                if best is None or score > best.score:
                    best = _Choice(score, choice.cov, pcov, choice.text, choice.lead, hit)
        if best is None:
            return _not_found(question, info.language, "no candidate")
        debug = {"score": round(best.score, 3), "window_cov": round(best.cov, 3),
                 "passage_cov": round(best.pcov, 3), "focus": sorted(focus)}
        if best.pcov < MIN_PASSAGE_COVERAGE or best.cov < MIN_WINDOW_COVERAGE:
            ans = _not_found(question, info.language, "low coverage")
            return Answer(point=ans.point, found=False, language=info.language,
                          question=question, debug=debug)
        text = best.text if len(best.text) <= POINT_CHARS else best.text[: POINT_CHARS - 1] + "…"
        point = f"{best.lead} — {text}" if best.lead and best.lead not in text[:60] else text
        english = info.language == "en"
        if english:
            point = f"From the Thai documents: {point}"
        hit = best.hit
        src = Source(
            doc_id=hit.doc_id,
            title=hit.title,
            date=hit.date.isoformat() if hit.date else None,
            passage_id=hit.passage_id,
            kind=hit.kind,
            label=_source_label(hit, english),
        )
        return Answer(point=point, found=True, sources=(src,), language=info.language,
                      question=question, debug=debug)


@dataclass(frozen=True)
class _Choice:
    score: float
    cov: float
    pcov: float
    text: str
    lead: str
    hit: SearchHit


@dataclass(frozen=True)
class _Candidate:
    score: float
    cov: float
    text: str
    lead: str


@dataclass(frozen=True)
class _Context:
    """A hit's text with the tail of the passage before and the head of the one after.

    ``units`` are clause units with character offsets into ``text``; ``own`` is the
    range of units that belong to the hit itself.
    """

    text: str
    units: tuple[tuple[int, int], ...]
    own: tuple[int, int]

    @classmethod
    def build(cls, prev: str, body: str, nxt: str) -> _Context:
        before = _units(_clean(prev))[-2:] if prev else []
        mine = _units(_clean(body))
        after = _units(_clean(nxt))[:3] if nxt else []
        parts = [*before, *mine, *after]
        text = ""
        spans = []
        for part in parts:
            if text:
                text += " "
            spans.append((len(text), len(text) + len(part)))
            text += part
        return cls(text, tuple(spans), (len(before), len(before) + len(mine)))


def _clean(text: str) -> str:
    return to_arabic_digits(normalize_text(text))


_SPACE = re.compile(r"\s+")
# Spaces that do not end a clause: inside a number with its unit, before a date's parts.
_GLUE = re.compile(
    rf"\d\s+[\u0e00-\u0e7f%]|\d\s*[-–]\s*\d|\S\s+\d|\d\s+(?:{_THAI_MONTHS})|"
    rf"(?:{_THAI_MONTHS})\s+\d"
)


def _units(text: str) -> list[str]:
    """Clause units: runs between spaces, a number kept with its unit, short runs merged."""
    text = text.strip()
    if not text:
        return []
    glued = _GLUE.sub(lambda m: m.group(0).replace(" ", "\u00a0"), text)
    parts = [p.replace("\u00a0", " ") for p in _SPACE.split(glued) if p]
    units: list[str] = []
    buf = ""
    for p in parts:
        buf = f"{buf} {p}" if buf else p
        if len(buf) >= 25:
            units.append(buf)
            buf = ""
    if buf:
        if units and len(buf) < 12:
            units[-1] = f"{units[-1]} {buf}"
        else:
            units.append(buf)
    return units


def _occurrences(text: str, qset: list[str]) -> dict[str, list[int]]:
    low = text.casefold()
    out: dict[str, list[int]] = {}
    for t in qset:
        if len(t) < 2:
            continue
        pos = low.find(t)
        found: list[int] = []
        while pos != -1 and len(found) < 50:
            found.append(pos)
            pos = low.find(t, pos + 1)
        if found:
            out[t] = found
    return out


def _typed_matches(info: QuestionInfo, text: str) -> list[tuple[int, int]]:
    """Spans of the kind of thing the question asks for (a counted number, a date)."""
    spans: list[tuple[int, int]] = []
    if info.qtype == "count":
        if info.unit:
            pattern = rf"{_NUM}\s*{re.escape(info.unit)}"
        else:
            units = "|".join(re.escape(u) for u in sorted(COUNT_UNITS, key=len, reverse=True))
            pattern = rf"{_NUM}\s*(?:ล้าน|แสน|หมื่น|พัน)?\s*(?:{units}|%)"
        for m in re.finditer(pattern, text):
            spans.append((m.start(), m.end()))
    elif info.qtype == "date":
        for d in find_dates(text):
            spans.append((d.start, d.end))
        for m in _DATE.finditer(text):
            if len(m.group(0)) > 4 and not any(a <= m.start() < b for a, b in spans):
                spans.append((m.start(), m.end()))
    return spans


def _proximity(
    occ: dict[str, list[int]], weight: dict[str, float], total: float, start: int, end: int
) -> float:
    """IDF-weighted closeness of the question's words to a span (1.0: all right beside it)."""
    score = 0.0
    for t, positions in occ.items():
        best = 0.0
        for p in positions:
            if p + len(t) <= start:
                d = start - (p + len(t))
            elif p >= end:
                d = 2 * (p - end)  # words after the answer bind less than words before it
            else:
                d = 0
            best = max(best, math.exp(-d / 60))
        score += weight[t] * best
    return score / total


def _candidates(
    ctx: _Context,
    info: QuestionInfo,
    qset: list[str],
    weight: dict[str, float],
    total: float,
    focus: set[str],
) -> list[_Candidate]:
    """Scored answer windows inside one hit's context."""
    occ = _occurrences(ctx.text, qset)
    out: list[_Candidate] = []
    own_start = ctx.units[ctx.own[0]][0] if ctx.own[1] > ctx.own[0] else 0
    own_end = ctx.units[ctx.own[1] - 1][1] if ctx.own[1] > ctx.own[0] else len(ctx.text)
    for a, b in _typed_matches(info, ctx.text):
        prox = _proximity(occ, weight, total, a, b)
        window = _window_around(ctx, a, b)
        wtoks = _token_set(window)
        cov = sum(weight[t] for t in qset if t in wtoks) / total
        inside = 0.0 if own_start <= a < own_end else -0.1
        out.append(_Candidate(0.6 * prox + 0.5 * cov + 0.45 + inside, cov, window,
                              ctx.text[a:b].strip()))
    # Untyped windows: a run of clause units, extended forward (Thai states the topic
    # first and the answer after it: "X คือ Y", "ได้แก่ Y", "ณ Y").
    lo, hi = ctx.own
    unit_toks = [_token_set(ctx.text[s:e]) for s, e in ctx.units]
    penalty = 0.15 if out else 0.0  # a typed question prefers a typed answer
    for i in range(max(0, lo - 1), hi):
        covered: set[str] = set()
        for j in range(i, min(i + 3, len(ctx.units))):
            covered |= unit_toks[j]
            wcov = sum(weight[t] for t in qset if t in covered) / total
            has_focus = bool(focus & covered)
            anchor = _focus_anchor(ctx, i, j, focus, weight) if has_focus else None
            text = _display(ctx, i, j, anchor)
            score = wcov + (FOCUS_BONUS if has_focus else 0.0) + _type_bonus(info, text) - penalty
            score -= 0.0004 * (ctx.units[j][1] - ctx.units[i][0])
            out.append(_Candidate(score, wcov, text, ""))
    return out


def _focus_anchor(
    ctx: _Context, i: int, j: int, focus: set[str], weight: dict[str, float]
) -> int | None:
    """Offset of the rarest focus word inside units ``i..j`` (None if not found there)."""
    s0, e0 = ctx.units[i][0], ctx.units[j][1]
    low = ctx.text.casefold()
    for t in sorted(focus, key=lambda t: -weight.get(t, 0.0)):
        pos = low.find(t, s0, e0)
        if pos != -1:
            return pos
    return None


def _display(ctx: _Context, i: int, j: int, anchor: int | None = None) -> str:
    """The text shown for the matched units ``i..j``, with context on both sides.

    The fact a question asks for sits next to the words it shares with the question:
    after them in Thai topic-first sentences ("X ได้แก่ Y", "ณ Y"), before them when a
    name opens the clause ("Y ผู้เล่น... นำทีม...").  So the window keeps up to
    :data:`CONTEXT_BEFORE` characters before the match and fills the rest of the
    point after it; a match too long for the point loses its beginning, never its end.
    """
    s0, e0 = ctx.units[i][0], ctx.units[j][1]
    if anchor is not None:
        # The question's focus word is where the answer is: centre on it.
        u = next(k for k, (a, b) in enumerate(ctx.units) if a <= anchor < b or b >= anchor)
        i = j = u
        s0, e0 = ctx.units[u]
        if anchor - s0 > CONTEXT_BEFORE:
            s0 = anchor - CONTEXT_BEFORE // 2
        if e0 - s0 > POINT_CHARS:
            e0 = s0 + POINT_CHARS
        text = ctx.text[s0:e0]
        k = u + 1
        while k < len(ctx.units) and ctx.units[k][1] - s0 <= POINT_CHARS:
            text = ctx.text[s0 : ctx.units[k][1]]
            k += 1
        cut = s0 > 0 and not ctx.text[s0 - 1].isspace()
        return ("…" + text.strip()) if cut else text.strip()
    if e0 - s0 >= POINT_CHARS:
        m = i
        while e0 - ctx.units[m][0] > POINT_CHARS and m < j:
            m += 1
        start = ctx.units[m][0]
        if e0 - start > POINT_CHARS:
            return "…" + ctx.text[e0 - POINT_CHARS : e0].lstrip()
        return ctx.text[start:e0]
    start = s0
    k = i - 1
    while k >= 0 and s0 - ctx.units[k][0] <= CONTEXT_BEFORE:
        start = ctx.units[k][0]
        k -= 1
    if start == s0 and i > 0:  # one long unit before: keep its end
        start = max(ctx.units[i - 1][0], s0 - CONTEXT_BEFORE)
    end = e0
    k = j + 1
    while k < len(ctx.units) and ctx.units[k][1] - start <= POINT_CHARS:
        end = ctx.units[k][1]
        k += 1
    text = ctx.text[start:end].strip()
    cut = start > 0 and not ctx.text[start - 1].isspace()
    return ("…" + text) if cut else text


def _window_around(ctx: _Context, a: int, b: int) -> str:
    """Whole clause units around the span [a, b): about 150 characters before, 90 after."""
    start = a
    end = b
    for s, e in ctx.units:
        if s <= a < e or s < b <= e:
            start = min(start, s)
            end = max(end, e)
    for s, _ in reversed(ctx.units):
        if s < start and start - s <= 150:
            start = s
            break
    for _, e in ctx.units:
        if e > end and e - end <= 90:
            end = e
    return ctx.text[start:end].strip()


_WH = re.compile(r"(อะไร|ใด|ไหน|ใคร|เท่าไ[รห]|เมื่อไ[รห]|กี่|\bwhat\b|\bwhich\b|\bwhere\b|\bwho\b)",
                 re.I)


def _focus_tokens(question: str) -> set[str]:
    """The words just before the question word: what the answer must be about.

    In "จัดที่ห้องประชุมอะไร" the focus is ห้องประชุม, in "ประชุมผ่านระบบอะไร" it is
    ระบบ; they weigh double, so the chosen clause names the thing asked for.
    """
    m = _WH.search(question)
    if not m:
        return set()
    head = question[: m.start()].rstrip()
    if m.group(1) == "กี่":  # "กี่ตัน": the unit follows the question word
        tail = question[m.end():].strip().split(" ")[0]
        return set(tokenize(tail)[:2])
    # "X มีอะไรบ้าง", "X คืออะไร": the focus is the subject X, at the start.
    bare = re.sub(r"(มี|คือ|เป็น|ได้แก่|ได้|ทำ)$", "", head).rstrip()
    if bare != head:
        return set(tokenize(question[:16])[:2])
    toks = tokenize(head[-16:])
    return set(toks[-2:])


@lru_cache(maxsize=100_000)
def _token_set(text: str) -> frozenset[str]:
    return frozenset(tokenize(text))


def _type_bonus(info: QuestionInfo, text: str) -> float:
    t = to_arabic_digits(text)
    if info.qtype == "count":
        if info.unit and re.search(rf"\d[\d,.]*\s*{re.escape(info.unit)}", t):
            return 0.45
        return 0.12 if _NUMBER.search(t) else -0.1
    if info.qtype == "date":
        m = _DATE.search(t)
        if m is None:
            return -0.1
        return 0.35 if len(m.group(0)) > 4 else 0.1  # a day and month beat a bare year
    if info.qtype == "place":
        return 0.2 if _PLACE.search(t) else 0.0
    if info.qtype == "person":
        return 0.2 if _PERSON.search(t) else 0.0
    if info.qtype == "list":
        return 0.15 if _LIST.search(t) else 0.0
    return 0.0


def _fmt_number(num: str) -> str:
    raw = num.replace(",", "")
    try:
        value = float(raw)
    except ValueError:
        return num
    if math.isfinite(value) and value == int(value) and "." not in raw:
        return f"{int(value):,}"
    return num
