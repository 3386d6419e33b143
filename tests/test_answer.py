"""Answers (issue 4): quality floors, honest "not found", bad input, answer shape, `sdgbot ask`.

The floors score answers the way ../shared/tools/normalize.py and eval-dev / eval-qa do (the
scoring is reimplemented below, so that the suite needs nothing outside the repository): an
answer counts when it is found and one of the expected strings is in its first 300 characters.
The data are copies in tests/data/ (see its README for their sources and licences).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from conftest import PG_URL, _pg_available, reset_pg
from sqlalchemy import delete, select

from bot.answering import Answer, Answerer
from bot.answering.matching import match_key as norm
from bot.app import App, open_app
from bot.config import Settings
from bot.core import Core, Message
from knowledge.ingest import read_paths, store_documents
from knowledge.models import Alignment, AnswerLog, Passage, UserLanguage
from knowledge.queries import list_projects
from knowledge.thai import format_english_date, format_thai_date

DATA = Path(__file__).resolve().parent / "data"
SEED_QUESTIONS = DATA / "seed-questions.dev.jsonl"
XQUAD = DATA / "xquad-th"
OOD_QUESTIONS = DATA / "ood_questions.txt"
SAMPLE_REPORT = Path(__file__).resolve().parents[1] / "knowledge" / "sample" / "report_000.txt"

MAX_CHARS = 300  # the answer's point must be in its first 300 characters (a phone screen)
SEED_FLOOR = 0.95  # measured 21/22 = 0.955
# The answer first (issue 12): measured 0.343 / 0.449 / 0.707 within 40 / 100 / 300
# characters by this test's pipeline (0.715 at 300 by eval-qa); the first trained model
# 0.338 / 0.445 / 0.732, the window composer before it 0.171 / 0.362 / 0.816.  The
# second round's features traded a little at 300 for the first 40 and 100 characters.
XQUAD_EARLY_FLOORS = {40: 0.33, 100: 0.43}
XQUAD_ANSWER_FLOOR = 0.70
XQUAD_R1_FLOOR = 0.93  # measured 1116/1190 = 0.938

ASK_KEYS = {"answer", "found", "sources", "took_ms"}
SOURCE_KEYS = {"doc_id", "title", "date", "passage_id"}
THAI = re.compile(r"[\u0e00-\u0e7f]")
SOURCE_LINE = re.compile(r"^(ที่มา|Source): ", re.M)
APOLOGY = re.compile(r"เกิดข้อผิดพลาด|something went wrong|Traceback", re.I)
# An English reply leads with the value in English where it can ("14,658 waste banks").
EN_LEAD = re.compile(r"^[A-Z0-9][^\u0e00-\u0e7f]*? — ")
NOT_FOUND_TH = "ไม่พบ"
NOT_FOUND_EN = re.compile(r"could not find|can't find|cannot find|not found", re.I)
THAI_MONTH = (r"(?:มกราคม|กุมภาพันธ์|มีนาคม|เมษายน|พฤษภาคม|มิถุนายน|กรกฎาคม|สิงหาคม|กันยายน|"
              r"ตุลาคม|พฤศจิกายน|ธันวาคม|ม\.ค\.|ก\.พ\.|มี\.ค\.|เม\.ย\.|พ\.ค\.|มิ\.ย\.|ก\.ค\.|"
              r"ส\.ค\.|ก\.ย\.|ต\.ค\.|พ\.ย\.|ธ\.ค\.)")
LEADING_DATE = re.compile(rf"^\d{{1,2}}(?:\s*[-–]\s*\d{{1,2}})?\s*{THAI_MONTH}\s*\d{{2,4}} — ")


# ============================================================================ scoring






def counts(answer: str, found: bool, q: dict[str, Any]) -> bool:
    """Whether an answer to question ``q`` scores, as ../shared/tools/score_answers.py says."""
    if q.get("expect_none"):
        return not found
    head = norm(answer[:MAX_CHARS])
    return found and any(norm(e) in head for e in q["expect_any"])


def point_of(reply: str) -> str:
    """The answer without its source line."""
    return SOURCE_LINE.split(reply, maxsplit=1)[0].rstrip("\n")


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def test_scoring_is_the_shared_normalisation() -> None:
    # Thai digits, commas between digits, white space, dashes, case, sara am: all equal.
    assert norm("๑๔,๖๕๘ แห่ง") == norm("14658แห่ง") == "14658แห่ง"
    assert norm("20 – 23 กุมภาพันธ์") == norm("20-23 กุมภาพันธ์")
    assert norm("ZOOM\u200b Meeting") == "zoommeeting"
    assert norm("ทํา") == norm("ทำ")  # nikhahit + sara aa
    assert norm("1, 2") == "1,2"  # a comma in a list is kept
    q = {"expect_any": ["14658"]}
    assert counts("ตั้งแล้ว ๑๔,๖๕๘ แห่ง", True, q)
    assert not counts("ตั้งแล้ว ๑๔,๖๕๘ แห่ง", False, q)  # not found: no credit
    assert not counts("x" * MAX_CHARS + "14658", True, q)  # past 300 characters: no credit
    assert not counts("14,659 แห่ง", True, q)
    assert counts("ขออภัย", False, {"expect_none": True})
    assert not counts("ขออภัย", True, {"expect_none": True})


# ============================================================================ quality floors


def test_seed_dev_questions_floor(seed_app: App) -> None:
    questions = load_jsonl(SEED_QUESTIONS)
    assert len(questions) >= 20 and any(q.get("expect_none") for q in questions)
    answerer = Answerer(seed_app.db, seed_app.index)
    missed = []
    for q in questions:
        ans = answerer.ask(q["question"])
        if not counts(ans.render(), ans.found, q):
            missed.append(q["id"])
    rate = 1 - len(missed) / len(questions)
    assert rate >= SEED_FLOOR, (
        f"seed dev questions: {len(questions) - len(missed)}/{len(questions)} = {rate:.3f} "
        f"< {SEED_FLOOR} (was 0.955); missed {missed}"
    )


@dataclass
class QAScores:
    n: int
    r1: int
    answered: int
    missed_r1: list[str]
    missed_answer: list[str]
    early: dict[int, int] = field(default_factory=lambda: {40: 0, 100: 0})


@pytest.fixture(scope="module")
def xquad_scores(tmp_path_factory: pytest.TempPathFactory) -> Iterator[QAScores]:
    """Ingest xquad-th beside the seeds (as `sdgbot ingest` does) and score every question."""
    app = open_app(Settings(home=tmp_path_factory.mktemp("xquad")))
    try:
        docs = read_paths([XQUAD / "corpus.jsonl"])
        with app.db.write() as s:
            result = store_documents(s, docs)
        assert result.added == 240
        app.index.sync()
        answerer = Answerer(app.db, app.index)
        scores = QAScores(0, 0, 0, [], [])
        for q in load_jsonl(XQUAD / "questions.jsonl"):
            question = q["question"].replace("\n", " ")  # as eval-qa feeds `search -`/`ask -`
            hits = answerer.search(question, k=5)  # the order `sdgbot search` prints
            scores.n += 1
            if hits and hits[0].title in q["positive_titles"]:
                scores.r1 += 1
            else:
                scores.missed_r1.append(q["id"])
            ans = answerer.ask(question)
            if counts(ans.render(), ans.found, q):
                scores.answered += 1
            else:
                scores.missed_answer.append(q["id"])
            for depth in scores.early:
                scores.early[depth] += counts(ans.render()[:depth], ans.found, q)
        yield scores
    finally:
        app.close()


def test_xquad_answer_at_300_floor(xquad_scores: QAScores) -> None:
    s = xquad_scores
    assert s.n == 1190
    rate = s.answered / s.n
    assert rate >= XQUAD_ANSWER_FLOOR, (
        f"xquad-th answer@300 = {s.answered}/{s.n} = {rate:.3f} < {XQUAD_ANSWER_FLOOR} "
        f"(measured 0.732); first misses {s.missed_answer[:10]}"
    )


def test_xquad_answer_first_floors(xquad_scores: QAScores) -> None:
    s = xquad_scores
    for depth, floor in XQUAD_EARLY_FLOORS.items():
        rate = s.early[depth] / s.n
        assert rate >= floor, f"xquad-th answer@{depth} = {rate:.3f} < {floor}"


def test_xquad_search_r_at_1_floor(xquad_scores: QAScores) -> None:
    s = xquad_scores
    rate = s.r1 / s.n
    assert rate >= XQUAD_R1_FLOOR, (
        f"xquad-th R@1 = {s.r1}/{s.n} = {rate:.3f} < {XQUAD_R1_FLOOR} (was 0.938); "
        f"first misses {s.missed_r1[:10]}"
    )


# ============================================================================ out of domain


OOD = [line for line in OOD_QUESTIONS.read_text(encoding="utf-8").splitlines() if line.strip()]


def check_not_found(ans_text: str, english: bool) -> None:
    """A plain "I don't know" in the question's language that points to /search."""
    assert "/search" in ans_text
    assert len(ans_text) <= MAX_CHARS
    assert not SOURCE_LINE.search(ans_text)  # no source: nothing was found
    if english:
        assert NOT_FOUND_EN.search(ans_text), ans_text
        assert not THAI.search(ans_text), ans_text
    else:
        assert NOT_FOUND_TH in ans_text, ans_text


def test_ood_questions_moved_here_and_mix_languages() -> None:
    assert not (Path(__file__).resolve().parents[1] / "bench" / "ood_questions.txt").exists()
    assert len(OOD) >= 30
    assert sum(not THAI.search(q) for q in OOD) >= 5  # English ones too


@pytest.mark.parametrize("question", OOD, ids=[f"ood{i:02d}" for i in range(len(OOD))])
def test_out_of_domain_questions_are_not_found(seed_app: App, question: str) -> None:
    ans = Answerer(seed_app.db, seed_app.index).ask(question)
    assert ans.found is False, f"answered an out-of-domain question: {ans.render()!r}"
    assert ans.sources == ()
    check_not_found(ans.render(), english=not THAI.search(question))


# ============================================================================ sdgbot ask (helpers)



@pytest.fixture(scope="module")
def ask_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder on the bundled knowledge that read-only `ask` tests share."""
    return tmp_path_factory.mktemp("askhome")


def check_ask_object(obj: dict[str, Any]) -> None:
    """The shape of one `sdgbot ask --json` object (CONTRACTS.md)."""
    assert set(obj) == ASK_KEYS
    assert isinstance(obj["answer"], str) and obj["answer"].strip()
    assert isinstance(obj["found"], bool)
    assert isinstance(obj["took_ms"], int | float) and obj["took_ms"] >= 0
    assert isinstance(obj["sources"], list)
    for src in obj["sources"]:
        assert set(src) == SOURCE_KEYS
        assert isinstance(src["doc_id"], int) and isinstance(src["title"], str)
        assert src["date"] is None or re.fullmatch(r"\d{4}-\d\d-\d\d", src["date"])
        assert src["passage_id"] is None or isinstance(src["passage_id"], int)
    assert bool(obj["sources"]) == obj["found"]


def ask_batch(run: Any, home: Path, lines: list[str]) -> list[dict[str, Any]]:
    res = run(home, "ask", "--json", "-", stdin="".join(f"{ln}\n" for ln in lines))
    assert res.code == 0, res.err
    assert "Traceback" not in res.err
    out = res.json_lines()
    assert len(out) == len(lines) == res.out.count("\n"), res.out
    for obj in out:
        check_ask_object(obj)
    return out


# ============================================================================ bad input


@dataclass(frozen=True)
class Bad:
    text: str
    language: str | None  # "th" / "en": the reply's language; None: no language to follow
    found: bool | None  # False: junk, must not be "found"; True: a real question; None: either


PASTED = (SAMPLE_REPORT.read_text(encoding="utf-8") * 3)[:10_000]
BAD_INPUT = [
    pytest.param(Bad("", None, False), id="empty"),
    pytest.param(Bad(" \t  ", None, False), id="blank"),
    pytest.param(Bad("😀😂🙏🎉", None, False), id="only-emoji"),
    pytest.param(Bad("👍", None, False), id="sticker"),
    pytest.param(Bad(PASTED, "th", None), id="pasted-10000-chars"),
    pytest.param(Bad(("ฮ่าๆๆ 555 " * 1000)[:10_000], "th", False), id="junk-10000-chars"),
    pytest.param(Bad("?!...,,;:!!??—«»", None, False), id="only-punctuation"),
    pytest.param(Bad("你好 สวัสดี hello", "th", False), id="mixed-scripts-junk"),
    pytest.param(Bad("SDGs 可持续发展 ธนาคารขยะตั้งแล้วกี่แห่ง", "th", True),
                 id="mixed-scripts-question"),
    pytest.param(Bad("How many waste banks have been set up?", "en", True), id="english-question"),
    pytest.param(Bad("What is the recipe for pad thai?", "en", False), id="english-off-topic"),
    pytest.param(Bad("\x00\x01\x02\x07\x7f", None, False), id="only-control-chars"),
    pytest.param(Bad("ธนาคารขยะ\x00ตั้งแล้ว\x07กี่แห่ง", "th", True), id="nul-inside-question"),
    pytest.param(Bad("\u200b\u200b\u200b", None, False), id="zero-width-space"),
    # A terminal's colour codes are removed whole: their "[31m" is no "31".
    pytest.param(Bad("\x1b[31m\x1b[0m\x1b]0;title\x07", None, False), id="only-terminal-codes"),
    pytest.param(Bad("ธนาคารขยะ\x1b[31mตั้งแล้ว\x1b[0mกี่แห่ง", "th", True),
                 id="terminal-codes-inside-question"),
    # Stray letters ask nothing (a format string, initials).
    pytest.param(Bad("%s%s%s%n", None, False), id="format-string"),
    pytest.param(Bad("a b c", None, False), id="stray-letters"),
    # A period alone asks nothing about it (it was answered with the form's dates).
    pytest.param(Bad("FY2023", "en", False), id="only-a-fiscal-year"),
    pytest.param(Bad("ไตรมาส ๒/๒๕๖๖", "th", False), id="only-a-quarter"),
    pytest.param(Bad("การประชุมคณะกรรมการขับเคลื่อน SDGs เมื่อ ๒๗ มี.ค. ๖๖ จัดที่ห้องประชุมอะไร",
                     "th", True), id="thai-digits-question"),
    pytest.param(Bad("๙", None, False), id="thai-digit-only"),
    pytest.param(Bad("๒๕๖๖", None, False), id="bare-year"),
    # A topic and nothing asked: its documents and what can be asked, no value.
    pytest.param(Bad("ธนาคารขยะ", "th", False), id="only-a-topic"),
    pytest.param(Bad("carbon credit", "en", False), id="only-a-topic-en"),
    pytest.param(Bad("<script>alert(1)</script> คาร์บอนเครดิต", "th", False),
                 id="markup-and-a-topic"),
]


def check_reply(bad: Bad, reply: str, found: bool) -> None:
    """What every reply to odd input must be: helpful, short, in the right language."""
    assert not APOLOGY.search(reply), reply
    assert reply.strip()
    if bad.found is not None:
        assert found is bad.found, reply
    point = point_of(reply)
    assert len(point) <= MAX_CHARS, f"{len(point)} characters before the source line"
    if found:
        assert len(SOURCE_LINE.findall(reply)) == 1
    else:
        assert not SOURCE_LINE.search(reply)
        assert re.search(r"/(search|help|ask)\b", reply), f"no way forward: {reply!r}"
    if bad.language == "en":
        assert re.match(r"[A-Z0-9]", reply), reply  # English first
        if found:
            assert EN_LEAD.match(reply) and "\n\nSource: " in reply, reply
        else:  # English words; a document's title is quoted as written («...»)
            assert not THAI.search(re.sub(r"«[^«»]*»", "", reply)), reply
    else:  # Thai input, or no language at all: the ministry's language
        assert THAI.search(reply[:80]), reply
        assert not EN_LEAD.match(reply) and "Source:" not in reply


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def chat_core(request: pytest.FixtureRequest,
              tmp_path_factory: pytest.TempPathFactory) -> Iterator[Core]:
    """The chat core on the bundled knowledge, on SQLite and on PostgreSQL."""
    url = None
    if request.param == "postgresql":
        if not _pg_available():
            pytest.skip("PostgreSQL not reachable on 127.0.0.1:5432")
        reset_pg()
        url = PG_URL
    app = open_app(Settings(home=tmp_path_factory.mktemp("chat"), database_url=url))
    try:
        yield Core(app.db, app.index)
    finally:
        app.close()


@pytest.mark.parametrize("bad", BAD_INPUT)
def test_bad_input_in_chat(chat_core: Core, bad: Bad) -> None:
    # Each input as a user's first words: the language an earlier case wrote in (kept,
    # or read from the questions logged, for an input that tells none:
    # tests/test_one_language.py) is forgotten.
    with chat_core.db.write() as s:
        s.execute(delete(UserLanguage))
        s.execute(delete(AnswerLog))
    replies = chat_core.handle(Message("console", "local", bad.text, message_id="m1"))
    assert len(replies) == 1
    reply = replies[0]
    check_reply(bad, reply.text, reply.meta.get("found") is True)


@pytest.mark.parametrize("bad", BAD_INPUT)
def test_bad_input_in_ask_batch(run: Any, ask_home: Path, bad: Bad) -> None:
    line = re.sub(r"[\r\n]+", " ", bad.text)  # one question a line
    [obj] = ask_batch(run, ask_home, [line])
    check_reply(bad, obj["answer"], obj["found"])


# ============================================================================ answer shape


def ask(app: App, question: str) -> Answer:
    ans = Answerer(app.db, app.index).ask(question)
    assert ans.found, f"not found: {question}"
    reply = ans.render()
    assert len(SOURCE_LINE.findall(reply)) == 1, reply
    assert reply.splitlines()[-1].startswith(("ที่มา: ", "Source: ")), reply  # source last
    assert len(ans.point) <= MAX_CHARS, f"{len(ans.point)}: {ans.point}"
    assert point_of(reply) == ans.point
    return ans


#: The note a question about the present gets right after the value (test_cited_passage.py
#: checks it): "ตั้งแล้วกี่แห่ง", "so far", "ใช้งบไปแล้วเท่าไร" ask how things stand now.
_AS_OF_NOTE = re.compile(
    r" \((?:ข้อมูล ณ |ข้อมูลตามแบบรายงาน|as of |as reported for )[^)]*\)(?= — |$)")


def without_as_of(point: str) -> str:
    """``point`` without its as-of note (:data:`_AS_OF_NOTE`)."""
    return _AS_OF_NOTE.sub("", point, count=1)


COUNT_QUESTIONS = [
    pytest.param("ธนาคารขยะตั้งแล้วกี่แห่ง", "14,658 แห่ง", id="waste-banks"),
    pytest.param("ภาคีเครือข่ายในการขับเคลื่อน SDGs มีกี่ภาคี", "7 ภาคี", id="partners"),
    pytest.param("UNDP คัดเลือกจังหวัดนำร่องกี่จังหวัด", "15 จังหวัด", id="pilot-provinces"),
    pytest.param("เป้าหมายการพัฒนาที่ยั่งยืนมีกี่ข้อ", "17 ข้อ", id="sdg-goals"),
    pytest.param("การคัดแยกขยะครัวเรือนครอบคลุมกี่ล้านครัวเรือน", "14 ล้านครัวเรือน", id="million-households"),
    pytest.param("จำหน่ายคาร์บอนเครดิตไปแล้วรวมกี่บาท", "กว่า 2.5 ล้านบาท", id="million-baht"),
]


@pytest.mark.parametrize(("question", "value"), COUNT_QUESTIONS)
def test_count_question_leads_with_number_and_unit(seed_app: App, question: str,
                                                   value: str) -> None:
    point = without_as_of(ask(seed_app, question).point)
    assert point.startswith(f"{value} — "), point
    assert value in point[len(value):], "the leading value must be in the evidence shown"


DATE_QUESTIONS = [
    pytest.param("มท. ประกาศความสำเร็จการจัดตั้งธนาคารขยะเมื่อไร", "5 เมษายน 2567",
                 id="waste-bank-success"),
    pytest.param("การประชุม APFSD 2024 จัดขึ้นเมื่อไร", "20 - 23 กุมภาพันธ์ 2567", id="apfsd"),
    pytest.param("ประชุมคณะกรรมการขับเคลื่อน SDGs เมื่อไร", "27 มี.ค. 66", id="committee"),
    # "วันที่" of the question is no word of the event: the Expo's "ระหว่างวันที่ ..." had led.
    pytest.param("การประชุมคณะกรรมการขับเคลื่อน SDGs จัดวันที่เท่าไร", "27 มี.ค. 66",
                 id="committee-which-day"),
]


def test_until_when_leads_with_the_end_of_the_period(seed_app: App) -> None:
    """The later end of "ตั้งแต่เดือนธันวาคม 2565 - เมษายน 2567", not its start (a tester)."""
    point = ask(seed_app, "กรอบเวลาการดำเนินงานของ UNDP ถึงเมื่อไร").point
    assert point.startswith("เมษายน 2567 — "), point
    point = ask(seed_app, "กรอบเวลาการดำเนินงานของ UNDP เริ่มเมื่อไร").point
    assert point.startswith("เดือนธันวาคม 2565 — "), point


@pytest.mark.parametrize(("question", "date"), DATE_QUESTIONS)
def test_when_question_leads_with_a_date(seed_app: App, question: str, date: str) -> None:
    point = ask(seed_app, question).point
    assert LEADING_DATE.match(point), point
    assert point.startswith(f"{date} — "), point
    assert date in point[len(date):]


PLACE_AND_PERSON_QUESTIONS = [
    pytest.param("งาน Sustainability Expo จัดที่ไหน", "ศูนย์การประชุมแห่งชาติสิริกิ", id="where-expo"),
    pytest.param("การประชุมคณะกรรมการขับเคลื่อน SDGs เมื่อ 27 มี.ค. 66 จัดที่ห้องประชุมไหน",
                 "ราชบพิธ", id="where-room"),
    pytest.param("ใครเป็นประธานการประชุมคณะกรรมการขับเคลื่อนเป้าหมายการพัฒนาที่ยั่งยืน",
                 "สุทธิพงษ์", id="who-chaired"),
]


@pytest.mark.parametrize(("question", "expected"), PLACE_AND_PERSON_QUESTIONS)
def test_where_and_who_questions_show_the_place_or_name(seed_app: App, question: str,
                                                        expected: str) -> None:
    assert expected in ask(seed_app, question).point


# Issue 12's examples: each reply leads with the right value.
LEADING_VALUES = [
    pytest.param("คาร์บอนเครดิตขายได้เท่าไร", "กว่า 2.5 ล้านบาท", id="carbon-sales"),
    pytest.param("โครงการ SDGs ได้งบเท่าไร", "9,684,500 บาท", id="budget"),
    pytest.param("ผลการดำเนินงานระดับเท่าไร", "ระดับ 5", id="result-level"),
    pytest.param("ใครเป็นประธานการประชุม", "นายสุทธิพงษ์ จุลเจริญ", id="chair"),
    # A post of a local government: the person named before it, not the next one.
    pytest.param("ปลัด อบต.โก่งธนู คือใคร", "นางแสงจันทร์ ระวังกิจ", id="post-of-an-org"),
    pytest.param("ปลัด อบต.บ้านข่อย ชื่ออะไร", "นายพิทักษ์รัฐ ระวังกิจ", id="post-of-an-org-2"),
    # No number of steps is written; the steps are numbered: counted.
    pytest.param("แผนปฏิบัติการขับเคลื่อน SDGs มีกี่ขั้นตอน", "4 ขั้นตอน — 1. การสร้างการตระหนักรู้",
                 id="counted-list"),
    # A married woman's name in three parts, before her post.
    pytest.param("ใครเป็นนายกสมาคมแม่บ้านมหาดไทย", "ดร.วันดี กุญชรยาคง จุลเจริญ",
                 id="three-part-name"),
    # An expert's post: the name written before it, not the next person's.
    pytest.param("ผู้ทรงคุณวุฒิด้านการเปลี่ยนแปลงสภาพภูมิอากาศคือใคร",
                 "นางประเสริฐสุข เพฑูรย์สิทธิชัย", id="expert-post"),
    pytest.param("งาน Sustainability Expo จัดที่ไหน", "ศูนย์การประชุมแห่งชาติสิริกิ", id="expo-place"),
    # The venue whole, through its Latin name, floor and building.
    pytest.param("การประชุม APFSD จัดที่ไหน",
                 "ห้องประชุม ESCAP Hall ชั้น 2 ศูนย์ประชุมสหประชาชาติ", id="venue-whole"),
    pytest.param("ประชุม APFSD จัดที่ห้องใด",
                 "ห้องประชุม ESCAP Hall ชั้น 2 ศูนย์ประชุมสหประชาชาติ", id="room-latin-name"),
    # Where, when and at what time a release's event took place: its opening sentence
    # says so, though other passages name the event better ("ขับเคลื่อน SDGs").
    pytest.param("การประชุมคณะกรรมการขับเคลื่อน SDGs จัดที่ไหน",
                 "ห้องประชุมราชบพิธ ชั้น 5 อาคารดำรงราชานุสรณ์", id="event-venue-in-lead"),
    pytest.param("การประชุมคณะกรรมการขับเคลื่อนเป้าหมายการพัฒนาที่ยั่งยืนจัดขึ้นที่ใด",
                 "ห้องประชุมราชบพิธ ชั้น 5 อาคารดำรงราชานุสรณ์", id="event-venue-spelled-out"),
    pytest.param("การประชุมคณะกรรมการขับเคลื่อน SDGs จัดเมื่อไร", "27 มี.ค. 66",
                 id="event-date-in-lead"),
    pytest.param("การประชุมคณะกรรมการขับเคลื่อน SDGs เริ่มกี่โมง", "15.00 น.",
                 id="event-time-in-lead"),
    # Another event's venue in the same documents (the APFSD meeting's ESCAP Hall) is no
    # answer: the venue beside the question's words leads.
    pytest.param("Where was the SDG committee meeting held?",
                 "ห้องประชุมราชบพิธ ชั้น 5 อาคารดำรงราชานุสรณ์", id="en-event-venue-focus"),
    # A list that stands before the words naming it ("ได้แก่ ... ซึ่งทั้ง 15 จังหวัด"):
    # the whole list, not its second item.
    pytest.param("จังหวัดนำร่องของ UNDP มีจังหวัดอะไรบ้าง",
                 "กรุงเทพมหานคร จังหวัดเชียงราย เชียงใหม่", id="list-before-its-name"),
    # Several people asked for: each the passage writes with the post, not the best alone.
    pytest.param("รองปลัดกระทรวงมหาดไทยที่เข้าร่วมประชุมมีใครบ้าง",
                 "นายชัยวัฒน์ ชื่นโกสุม และ นายสมคิด จันทมฤก —", id="people-listed"),
    pytest.param("Who were the deputy permanent secretaries at the meeting?",
                 "นายชัยวัฒน์ ชื่นโกสุม and นายสมคิด จันทมฤก —", id="en-people-listed"),
    pytest.param("How many provinces did UNDP select?", "15 provinces", id="en-provinces"),
    pytest.param("Which quarter does this project report on?", "Q2", id="en-quarter"),
    pytest.param("Who chaired the meeting?", "นายสุทธิพงษ์ จุลเจริญ", id="en-chair"),
    # The counted unit stands beyond the window around the question's words.
    pytest.param("SDGs มีกี่เป้าหมาย", "17 เป้าหมาย", id="sdg-goal-count"),
    # An abbreviation asked about is answered by the name the text spells out.
    pytest.param("GIZ คืออะไร", "องค์กรความร่วมมือระหว่างประเทศของสหพันธ์สาธารณรัฐเยอรมนี",
                 id="abbreviation-thai"),
    pytest.param("SDGs ย่อมาจากอะไร", "Sustainable Development Goals",
                 id="abbreviation-latin-first"),
    pytest.param("What does HLPF stand for?",
                 "High-level Political Forum on Sustainable Development", id="abbreviation-en"),
    # Yes or no: what the documents say there, never a "yes" of our own.
    pytest.param("มท. ร่วมมือกับ GIZ ใช่ไหม", "เอกสารระบุว่า: ", id="yes-no-thai"),
    pytest.param("Did UNDP select Chiang Rai?", "The documents say: ", id="yes-no-en"),
]


@pytest.mark.parametrize(("question", "value"), LEADING_VALUES)
def test_reply_leads_with_the_right_value(seed_app: App, question: str, value: str) -> None:
    point = ask(seed_app, question).point
    assert point.startswith(value), point


SYNONYMS = [
    pytest.param("การประชุม MOI-UN Partnership จัด{}", ("เมื่อไร", "เมื่อไหร่"), id="when"),
    pytest.param("การประชุม APFSD 2024 จัดขึ้น{}", ("เมื่อไร", "เมื่อใด"), id="when-formal"),
    pytest.param("ธนาคารขยะตั้งแล้ว{}", ("เท่าไร", "เท่าไหร่"), id="how-many"),
    pytest.param("ธนาคารขยะตั้งแล้ว{}", ("เท่าไร", "เท่าใด"), id="how-many-formal"),
]


@pytest.mark.parametrize(("frame", "words"), SYNONYMS)
def test_question_word_spelling_does_not_change_the_answer(
    seed_app: App, frame: str, words: tuple[str, ...]
) -> None:
    answerer = Answerer(seed_app.db, seed_app.index)
    first, *others = (answerer.ask(frame.format(w)) for w in words)
    assert first.found
    for ans in others:
        assert (ans.found, ans.point, ans.sources) == (first.found, first.point, first.sources), (
            f"{ans.question!r}: {ans.point[:80]!r} vs {first.question!r}: {first.point[:80]!r}")


ENGLISH_QUESTIONS = [
    pytest.param("How many waste banks has the Ministry of Interior set up?",
                 "14,658 waste banks", id="how-many"),
    pytest.param("When was the APFSD 2024 meeting held?", "20–23 February 2024", id="when"),
    pytest.param("How many provinces did UNDP select?", "15 provinces", id="provinces"),
]


@pytest.mark.parametrize(("question", "value"), ENGLISH_QUESTIONS)
def test_english_question_gets_english_framing(seed_app: App, question: str, value: str) -> None:
    ans = ask(seed_app, question)
    reply = ans.render()
    assert reply.startswith(f"{value} — "), reply
    [source] = [ln for ln in reply.splitlines() if SOURCE_LINE.match(ln)]
    assert source.startswith("Source: ") and "ที่มา" not in reply
    assert not THAI.search(source.split("«")[0])  # the framing is English; the title stays Thai
    assert re.search(r"\(\d{1,2} [A-Z][a-z]+ \d{4}\)$", source), source  # an English date


def test_text_answer_source_is_the_passage_it_quotes(seed_app: App) -> None:
    ans = ask(seed_app, "ธนาคารขยะตั้งแล้วกี่แห่ง")
    [src] = ans.sources
    assert src.passage_id is not None
    with seed_app.db.read() as s:
        passage = s.get(Passage, src.passage_id)
        assert passage is not None and passage.document_id == src.doc_id
        doc = passage.document
        assert src.title == doc.title
        assert src.date == (doc.date.isoformat() if doc.date else None)
        body = norm(doc.text)
    assert norm("14,658 แห่ง") in body
    assert src.title[:40] in ans.render().splitlines()[-1]


# Form-field questions: (field, Thai question, English question).
FIELD_QUESTIONS = [
    ("budget", "งบประมาณของโครงการขับเคลื่อน SDGs กระทรวงมหาดไทยเท่าไร",
     "What is the budget of the Ministry of Interior SDGs project?"),
    ("indicator", "โครงการขับเคลื่อนเป้าหมายการพัฒนาที่ยั่งยืนใช้ตัวชี้วัดอะไร",
     "What is the indicator of the SDGs project?"),
    ("target", "เป้าหมายการดำเนินงานของโครงการขับเคลื่อน SDGs ระดับเท่าไร",
     "What is the target level of the SDGs project?"),
    ("agency", "หน่วยงานใดรับผิดชอบโครงการขับเคลื่อน SDGs",
     "Which agency is responsible for the SDGs project?"),
    ("period", "ห้วงการรายงานของโครงการขับเคลื่อน SDGs",
     "What is the reporting period of the SDGs project?"),
    ("sdg", "โครงการขับเคลื่อน SDGs สอดคล้องกับ SDGs ข้อใด",
     "Which SDG goals does the SDGs project align with?"),
    ("problems", "โครงการขับเคลื่อน SDGs มีปัญหาอุปสรรคอะไร",
     "What problems does the SDGs project report?"),
]


def field_evidence(app: App, field: str, english: bool) -> tuple[dict[str, Any], list[str]]:
    """The stored project row and the strings its ``field`` answer must hold."""
    with app.db.read() as s:
        [row] = list_projects(s)
        goals = s.scalars(select(Alignment).where(Alignment.field == "6.6")).all()
        goal_values = [a.value for a in goals]
    quarter, year, level = row["quarter"], row["fiscal_year"], row["target_level"]
    want = {
        "budget": [f"{int(row['budget_baht']):,}"],
        "indicator": [row["indicator"]],
        "target": [f"Target level {level}" if english else f"เป้าหมายการดำเนินงาน ระดับ {level}"],
        "agency": [row["agency"]],
        "period": [f"quarter {quarter} of fiscal year {year}" if english
                   else f"ไตรมาสที่ {quarter} ปีงบประมาณ {year}"],
        "sdg": goal_values,
        "problems": [row["problems"][:60]] if row["problems"] else [],
    }[field]
    assert all(want), f"{field}: nothing stored to compare with"
    return row, want


@pytest.mark.parametrize(("field", "thai", "english"), FIELD_QUESTIONS,
                         ids=[f[0] for f in FIELD_QUESTIONS])
def test_form_field_question_is_answered_from_the_stored_fields(
    seed_app: App, field: str, thai: str, english: str
) -> None:
    for question, en in ((thai, False), (english, True)):
        row, want = field_evidence(seed_app, field, en)
        quarter = (f"Q{row['quarter']} FY{row['fiscal_year']}" if en
                   else f"ไตรมาส {row['quarter']}/{row['fiscal_year']}")
        ans = ask(seed_app, question)
        [src] = ans.sources
        assert src.passage_id is None, f"{question}: answered from loose text: {ans.point}"
        assert src.date == str(row["period_end"])
        for value in want:
            assert value in ans.point, f"{question}: {value!r} not in {ans.point!r}"
        if field == "period":  # the dates in the reply's language: no Thai months in English
            end = dt.date.fromisoformat(str(row["period_end"]))
            assert (format_english_date(end) if en else format_thai_date(end)) in ans.point
            assert not en or not THAI.search(ans.point.split(", the reporting")[0]), ans.point
        if not want:  # no problems stored: the answer says the form states none
            assert re.search(r"ไม่ได้ระบุ|no problems", ans.point), ans.point
        source = ans.render().splitlines()[-1]
        prefix = "Source: report form" if en else "ที่มา: แบบรายงาน"
        # The bundled form has no pages: its field's section is named instead.
        part = r", [a-z ]+ section" if en else r" ส่วน\S+"
        assert re.fullmatch(re.escape(f"{prefix} «{row['name']}» {quarter}") + part,
                            source), source
        if en:  # the value first (Thai when it is a Thai name), then English words
            assert re.match(r"[A-Za-z]", ans.point.split(" — ", 1)[-1]), ans.point
            assert "ที่มา" not in ans.render()
        else:
            assert THAI.search(ans.point[:20]) and "Source" not in ans.render()




def test_long_form_field_answer_keeps_its_point_within_300_chars(
    make_app: Any, tmp_path: Path
) -> None:
    name = "ส่งเสริมการปลูกป่าชุมชนเพื่อลดก๊าซเรือนกระจก"
    problems = (
        "1. งบประมาณได้รับการจัดสรรล่าช้ากว่าแผนที่กำหนดไว้ในไตรมาสแรก ทำให้ต้องเลื่อนกิจกรรมปลูกป่า "
        "ออกไปจนพ้นฤดูฝน 2. พื้นที่ปลูกป่าหลายแห่งในภาคตะวันออกเฉียงเหนือประสบภัยแล้งต่อเนื่อง "
        "กล้าไม้ที่ปลูกแล้วตายเป็นจำนวนมากและต้องจัดหากล้าไม้ทดแทน 3. ชุมชนบางแห่งยังขาดความเข้าใจ "
        "เรื่องการขึ้นทะเบียนคาร์บอนเครดิตจากป่าชุมชน จึงต้องจัดอบรมเพิ่มเติมร่วมกับหน่วยงานในพื้นที่ "
        "4. การติดตามผลการดำเนินงานในพื้นที่ห่างไกลทำได้ยากเนื่องจากข้อจำกัดด้านบุคลากรและยานพาหนะ "
        "ข้อเสนอแนะ ควรจัดสรรงบประมาณให้สอดคล้องกับฤดูกาลเพาะปลูกและเพิ่มงบประมาณสำหรับการดูแลกล้าไม้"
    )
    text = SAMPLE_REPORT.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^2\. ชื่อโครงการ .*$", f"2. ชื่อโครงการ {name}", text)
    assert name in text and text.rstrip().endswith("ปัญหาและอุปสรรค")
    form = tmp_path / "report_forest.txt"
    form.write_text(text.rstrip() + "\n" + problems + "\n", encoding="utf-8")
    app = make_app()
    with app.db.write() as s:
        assert store_documents(s, read_paths([form])).added == 1
    app.index.sync()
    ans = Answerer(app.db, app.index).ask(f"โครงการ{name} มีปัญหาและอุปสรรคอะไร")
    assert ans.found and ans.sources[0].passage_id is None  # answered from the field
    assert problems[:40] in ans.point
    assert len(ans.point) <= MAX_CHARS, f"point of {len(ans.point)} characters"


@pytest.mark.parametrize(("question", "stated"), [
    ("ผลการเบิกจ่ายเท่าไร", "ผลการเบิกจ่าย"),
    ("ผลการดำเนินงานระดับเท่าไร", "เป้าหมายและผลการดำเนินงาน"),
])
def test_a_field_the_form_leaves_blank_is_said_to_be_unstated(
    make_app: Any, tmp_path: Path, question: str, stated: str
) -> None:
    # "ผลการเบิกจ่ายเท่าไร" of a form without its level rows was "ไม่ระบุ" with found
    # true, and a level question took "3 ระดับ" of the news item: the form's field is
    # blank, and the answer says the form does not state it.
    text = SAMPLE_REPORT.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^- (?:เป้าหมาย|ผล)การ.*$\n?", "", text)
    assert "ผลการเบิกจ่าย" not in text
    form = tmp_path / "report_blank.txt"
    form.write_text(text, encoding="utf-8")
    app = make_app()
    with app.db.write() as s:
        assert store_documents(s, read_paths([form])).added == 1
    app.index.sync()
    ans = Answerer(app.db, app.index).ask(question)
    assert not ans.found, ans.point
    assert ans.point == f"แบบรายงานไม่ได้ระบุ{stated}" + (
        " (ระดับ)" if stated.startswith("เป้าหมาย") else ""), ans.point


# ============================================================================ sdgbot ask CLI


WASTE_BANKS_Q = "ธนาคารขยะตั้งแล้วกี่แห่ง"


def test_ask_json_object(run: Any, ask_home: Path) -> None:
    res = run(ask_home, "ask", WASTE_BANKS_Q, "--json")
    assert res.code == 0, res.err
    assert res.out.count("\n") == 1
    obj = res.json()
    check_ask_object(obj)
    assert obj["found"] is True
    assert obj["answer"].startswith("14,658 แห่ง")
    docs = {d["id"]: d for d in run(ask_home, "docs", "--json").json()}
    [src] = obj["sources"]
    assert src["doc_id"] in docs
    assert src["title"] == docs[src["doc_id"]]["title"]
    assert src["date"] == docs[src["doc_id"]]["date"]
    assert isinstance(src["passage_id"], int)


def test_ask_json_field_answer_and_not_found(run: Any, ask_home: Path) -> None:
    projects = run(ask_home, "projects", "--json").json()
    obj = run(ask_home, "ask", "งบประมาณโครงการขับเคลื่อน SDGs เท่าไร", "--json").json()
    check_ask_object(obj)
    [src] = obj["sources"]
    assert src["passage_id"] is None and src["date"] == projects[0]["period_end"]
    obj = run(ask_home, "ask", "ทีมไหนชนะฟุตบอลโลกปี 2026", "--json").json()
    check_ask_object(obj)
    assert (obj["found"], obj["sources"]) == (False, [])
    check_not_found(obj["answer"], english=False)


def test_ask_text_output_is_the_json_answer(run: Any, ask_home: Path) -> None:
    for q in (WASTE_BANKS_Q, "How tall is Mount Everest?", ""):
        text = run(ask_home, "ask", q)
        assert text.code == 0, text.err
        obj = run(ask_home, "ask", q, "--json").json()
        assert text.out == obj["answer"] + "\n"


def test_ask_batch_one_json_line_per_input_line(run: Any, ask_home: Path) -> None:
    lines = [WASTE_BANKS_Q, "", "   ", "😀", "How many waste banks has the Ministry of Interior "
             "set up?\r", "ก\u2028ข", "\x00", "ทีมไหนชนะฟุตบอลโลกปี 2026", WASTE_BANKS_Q]
    out = ask_batch(run, ask_home, lines)
    for i in (1, 2, 3, 6, 7):
        assert out[i]["found"] is False and out[i]["sources"] == [], (i, out[i])
    assert out[0]["found"] and out[4]["found"]
    assert EN_LEAD.match(out[4]["answer"])  # the \r was not part of the question
    single = run(ask_home, "ask", WASTE_BANKS_Q, "--json").json()
    for o in (out[0], out[8]):
        assert (o["answer"], o["sources"]) == (single["answer"], single["sources"])


def test_ask_batch_edges(run: Any, ask_home: Path) -> None:
    res = run(ask_home, "ask", "--json", "-", stdin=f"{WASTE_BANKS_Q}\n\nSDGs")  # no final newline
    assert res.code == 0, res.err
    out = res.json_lines()
    assert len(out) == 3
    for obj in out:
        check_ask_object(obj)
    assert out[1]["found"] is False
    res = run(ask_home, "ask", "--json", "-", stdin="")
    assert (res.code, res.out) == (0, "")
    res = run(ask_home, "ask", "--json", "-", stdin="\n\n")
    assert [o["found"] for o in res.json_lines()] == [False, False]


def test_ask_batch_without_json_prints_the_plain_replies(run: Any, ask_home: Path) -> None:
    """``ask -`` prints what ``ask QUESTION`` prints, for each line (tester18 #24): JSON only
    with ``--json`` (CONTRACTS)."""
    single = run(ask_home, "ask", WASTE_BANKS_Q)
    res = run(ask_home, "ask", "-", stdin=f"{WASTE_BANKS_Q}\nSDGs\n")
    assert res.code == 0, res.err
    assert not res.out.lstrip().startswith("{") and '"answer"' not in res.out, res.out
    assert res.out.startswith(single.out.rstrip("\n")), (res.out, single.out)
    assert "\n\n" in res.out


def test_ask_batch_of_ood_questions(run: Any, ask_home: Path) -> None:
    for q, obj in zip(OOD, ask_batch(run, ask_home, OOD), strict=True):
        assert obj["found"] is False, q
        check_not_found(obj["answer"], english=not THAI.search(q))


@pytest.mark.parametrize("args", [["ask"], ["ask", "x", "--bogus"], ["ask", "a", "b"]],
                         ids=lambda a: " ".join(a))
def test_ask_bad_usage_exits_2(run: Any, tmp_path: Path, args: list[str]) -> None:
    res = run(tmp_path / "home", *args)
    assert res.code == 2
    assert "usage:" in res.err and res.out == ""
    assert not (tmp_path / "home").exists()


def test_ask_with_unreachable_database_exits_1(run: Any, tmp_path: Path) -> None:
    res = run(tmp_path / "home", "ask", WASTE_BANKS_Q, "--json",
              database_url="postgresql+psycopg://postgres@127.0.0.1:1/nothing")
    assert res.code == 1
    assert res.out == ""
    assert res.err.startswith("sdgbot: ") and "Traceback" not in res.err


def test_ask_help_explains(run: Any, tmp_path: Path) -> None:
    res = run(tmp_path / "home", "ask", "--help")
    assert res.code == 0
    text = " ".join(res.out.split())
    assert "QUESTION" in text and "--json" in text
    assert re.search(r"'-'.*stdin|stdin.*'-'", text), text  # how to ask a batch
    assert all(k in text for k in ASK_KEYS)  # what the JSON holds
    assert "source" in text.lower()
    assert not (tmp_path / "home").exists()  # help touches no data


@pytest.mark.parametrize(("question", "found", "lead"), [
    # A field question naming no project, with only one project: that project.
    ("งบประมาณเท่าไหร่", True, "9,684,500 บาท"),
    ("What was the budget?", True, "9,684,500 baht"),
    ("ผลการดำเนินงานไตรมาส 2/2566 ระดับเท่าไร", True, "ระดับ 5"),
    # A period the form does not cover: said so, never the form's figure for another one.
    ("งบประมาณไตรมาส 3 เท่าไร", False, "ไม่มีแบบรายงาน"),
    ("งบโครงการ SDGs ปี 2568 เท่าไร", False, "ไม่มีแบบรายงาน"),
    ("ผลการดำเนินงานไตรมาส 4 ระดับเท่าไร", False, "ไม่มีแบบรายงาน"),
    ("What was the budget in Q3?", False, "There is no report form"),
    # Asked how it went, for a period with no form or a quarter no year has: said so.
    ("ปีงบประมาณ 2567 ไตรมาส 1 ผลการดำเนินงานเป็นอย่างไร", False, "ไม่มีแบบรายงาน"),
    ("ไตรมาส 5/2566 ผลเป็นอย่างไร", False, "ไม่มีไตรมาส 5"),
    ("What was the disbursement in quarter 7?", False, "There is no quarter 7"),
    ("ไตรมาส -1 ปี 2566 ผลการดำเนินงาน", False, "ไม่มีไตรมาส -1"),
    ("Q5 2566 results?", False, "There is no quarter 5"),
    # A quarter named with its year is that fiscal year's, whatever years the form names;
    # "this quarter" is today's (there is no form for it).
    ("ไตรมาส 2 ปี 2567 ผลการดำเนินงานเป็นอย่างไร", False, "ไม่มีแบบรายงาน"),
    ("Q2 FY2024 disbursement?", False, "There is no report form"),
    ("ไตรมาสนี้ผลการดำเนินงานเป็นอย่างไร", False, "ไม่มีแบบรายงาน"),
    ("How did it go in Q2 FY2023?", True, "Level 5"),
    # A quarter in words is a quarter.
    ("ไตรมาสหนึ่ง ปี 2566 ผลการดำเนินงานเป็นอย่างไร", False, "ไม่มีแบบรายงาน"),
    ("ไตรมาสสอง ปี 2566 ผลการดำเนินงานระดับเท่าไร", True, "ระดับ 5"),
    # The period's own words ("FY2023", "ปีงบ", "นี้") name no other project.
    ("ไตรมาส 2/2566 ผลการดำเนินงานเป็นอย่างไร", True, "ระดับ 5"),
    ("Q2 FY2023 disbursement?", True, "0 baht"),
    ("รายงานนี้เป็นของไตรมาสไหน ปีงบอะไร", True, "ไตรมาสที่ 2 ปีงบประมาณ 2566"),
    ("โครงการนี้สอดคล้องกับแผนพัฒนาเศรษฐกิจและสังคมแห่งชาติฉบับที่เท่าไร", True, "ฉบับที่ 13"),
])
def test_report_fields_answer_only_for_the_period_asked(seed_app: Any, question: str,
                                                        found: bool, lead: str) -> None:
    ans = Answerer(seed_app.db, seed_app.index).ask(question)
    assert ans.found is found and ans.point.startswith(lead), ans.point


def test_a_warm_up_in_the_background_loads_before_the_first_answer(seed_app: App) -> None:
    answerer = Answerer(seed_app.db, seed_app.index)
    assert answerer._model is None
    thread = answerer.warm_up_in_background()
    # A question asked meanwhile waits for the warm-up, then is answered as usual.
    ans = answerer.ask("ธนาคารขยะตั้งแล้วกี่แห่ง")
    thread.join(timeout=60)
    assert not thread.is_alive() and answerer._model is not None
    assert ans.found and ans.point.startswith("14,658 แห่ง"), ans.point


@pytest.mark.parametrize("question", [
    "UNDP คืออะไร",  # written, never spelled out: not found rather than any span near it
    "ตท.สป. คืออะไร",
    "UNDP ให้เงิน 1 ล้านบาทใช่ไหม",  # a yes/no question nothing answers: no unrelated quote
    "Did GIZ donate 5 million baht?",
])
def test_unanswered_abbreviation_and_yes_no_questions_are_not_found(seed_app: App,
                                                                     question: str) -> None:
    ans = Answerer(seed_app.db, seed_app.index).ask(question)
    assert not ans.found, ans.point


def test_a_budget_question_naming_no_project_is_the_forms_disbursement(seed_app: App) -> None:
    # "แล้ว" names no project: with one project stored, the question is about its form
    # (it was answered with the one amount near "แล้ว": the sale of carbon credits).
    ans = ask(seed_app, "งบประมาณที่เบิกจ่ายแล้วเท่าไร")
    assert without_as_of(ans.point).startswith("0 บาท — ผลการเบิกจ่าย"), ans.point
    assert ask(seed_app, "คาร์บอนเครดิตขายได้เท่าไร").point.startswith("กว่า 2.5 ล้านบาท")


@pytest.mark.parametrize(("question", "lead"), [
    # The target is the form's target, never the amount paid (which leads once progress
    # updates are approved: a tester read 310,000 บาท for a target of 0).
    ("เป้าหมายการเบิกจ่ายเท่าไร", "0 บาท — เป้าหมายการเบิกจ่าย ไตรมาส 2/2566"),
    ("What is the disbursement target?", "0 baht — disbursement target in Q2 FY2566"),
    # What was spent is the disbursement, in either language, never the budget.
    ("How much has been disbursed?", "0 baht — actual disbursement"),
    ("How much has been spent so far?", "0 baht — actual disbursement"),
    ("ใช้งบไปแล้วเท่าไร", "0 บาท — ผลการเบิกจ่าย"),
])
def test_disbursement_fields_are_routed_by_what_is_asked(seed_app: App, question: str,
                                                         lead: str) -> None:
    point = ask(seed_app, question).point
    assert without_as_of(point).startswith(lead), point


@pytest.mark.parametrize("question", ["ปลัดกระทรวงมหาดไทยชื่ออะไร", "ผู้ว่าราชการจังหวัดชื่ออะไร"])
def test_a_post_holder_is_a_named_person_or_not_found(seed_app: App, question: str) -> None:
    # The report form's passages name no one beside the post: "โครงการ" (of
    # "ชื่อโครงการ:") was the answer.  Official text writes a person with a title.
    ans = Answerer(seed_app.db, seed_app.index).ask(question)
    assert not ans.found or re.match(r"(?:นาย|นาง|ดร\.)", ans.point), ans.point


@pytest.mark.parametrize("question", ["งบประมาณ Action Plan เท่าไร", "งบประมาณพ.ศ.2567 เท่าไร",
                                      "งบประมาณโครงการหมู่บ้านยั่งยืนเท่าไร"])
def test_a_budget_is_never_answered_by_a_disbursement(seed_app: App, question: str) -> None:
    # The form's "เป้าหมาย 0 บาท; ผลการเบิกจ่าย 0 บาท" led these budget questions.
    ans = Answerer(seed_app.db, seed_app.index).ask(question)
    assert not ans.found or not ans.point.startswith("0 บาท"), ans.point


def test_money_fields_by_their_labels() -> None:
    from bot.answering.answerer import _other_money_field

    form = "งบประมาณโครงการ: 9,684,500 บาท; เป้าหมายการเบิกจ่าย 0 บาท; ผลการเบิกจ่าย 0 บาท"
    budget = form.index("9,684,500")
    target = form.index("เบิกจ่าย 0 บาท") + len("เบิกจ่าย ")
    assert not _other_money_field("งบประมาณเท่าไร", form, budget)
    assert _other_money_field("งบประมาณเท่าไร", form, target)
    assert _other_money_field("เบิกจ่ายแล้วเท่าไร", form, budget)
    assert not _other_money_field("งบประมาณที่เบิกจ่ายแล้วเท่าไร", form, target)
    assert not _other_money_field("ขายได้เท่าไร", form, target)  # neither field asked


def test_when_is_never_answered_by_a_quantity(seed_app: App) -> None:
    # The passages about the bank's purchase state its tonnes and baht, not its date.
    ans = Answerer(seed_app.db, seed_app.index).ask("ธนาคารกสิกรไทยซื้อคาร์บอนเครดิตเมื่อไร")
    assert not ans.found, ans.point
    assert ask(seed_app, "ประชุม APFSD จัดวันไหน").point.startswith("20 - 23 กุมภาพันธ์ 2567")


def test_a_deputy_for_a_portfolio_is_that_deputy(seed_app: App) -> None:
    # "นายชัยวัฒน์ ชื่นโกสุม รองปลัดกระทรวงมหาดไทย หัวหน้ากลุ่มภารกิจด้านพัฒนาชุมชน..." came
    # first: the portfolio ("ด้านบริหาร") is part of the post asked about.
    ans = ask(seed_app, "ใครเป็นรองปลัดกระทรวงมหาดไทยด้านบริหาร")
    assert ans.point.startswith("นายสมคิด จันทมฤก"), ans.point


def test_an_english_count_keeps_its_noun_as_the_topic(seed_app: App) -> None:
    # "pilot provinces": the unit is จังหวัด; "pilot" (นำร่อง) is what the question is about
    # (it was read as a second unit and the question as naming no topic).
    assert ask(seed_app, "How many pilot provinces?").point.startswith("15 pilot provinces")
    assert not Answerer(seed_app.db, seed_app.index).ask("How many provinces?").found


@pytest.mark.parametrize("question", ["What is the target level?", "What level was achieved?",
                                      "What is the performance level of the project?"])
def test_english_level_questions_are_the_forms_levels(seed_app: App, question: str) -> None:
    # "What is the target level?" led with "ระดับความสำเร็จของ": "target" named no project.
    ans = ask(seed_app, question)
    assert ans.point.startswith("Level 5 — "), ans.point
    assert ans.sources[0].passage_id is None


def test_search_in_english_is_answered_in_english(seed_app: App) -> None:
    """"/search waste bank": the header and the dates in English; Thai stays Thai."""
    core = Core(seed_app.db, seed_app.index)
    [english] = core.handle(Message("console", "local", "/search waste bank", message_id="s1"))
    assert english.text.startswith("Results for “waste bank”:"), english.text
    assert not re.search(r"\((?:\d+ )?[ก-ฮ]+\.[ก-ฮ]+\. \d{4}\)", english.text), english.text
    [thai] = core.handle(Message("console", "local", "/search ธนาคารขยะ", message_id="s2"))
    assert thai.text.startswith("ผลการค้นหา “ธนาคารขยะ”:"), thai.text
    [none] = core.handle(Message("console", "local", "/search zqxwv", message_id="s3"))
    assert none.text.startswith("No passage matches"), none.text


@pytest.mark.parametrize(("question", "lead"), [
    # English asking words mixed into a Thai question that asks in Thai are no topic
    # (unseen in the documents, they had failed the coverage gate) ...
    ("ธนาคารขยะมีกี่แห่ง how many", "14,658 แห่ง"),
    ("งบประมาณเท่าไร what", "9,684,500 บาท"),
    # ... and a question that asks only in English words is English: the Thai noun it
    # counts is counted as its glossary English is ("waste bank": แห่ง), never any count
    # ("14 ล้านครัวเรือน").
    ("how many ธนาคารขยะ", "14,658"),
])
def test_english_asking_words_in_a_thai_question(seed_app: App, question: str,
                                                 lead: str | None) -> None:
    ans = Answerer(seed_app.db, seed_app.index).ask(question)
    if lead is None:
        assert not ans.found or ans.point.startswith("14,658"), ans.point
    else:
        assert ans.found and ans.point.startswith(lead), ans.point


def test_each_document_quoted_is_cited() -> None:
    """Text shown after " … " from another document than the value's is cited on its own line."""
    from bot.answering.answerer import Source, _quotes

    value_doc = Source(doc_id=1, title="A", date=None, passage_id=10, label="ข่าว «A»")
    other_doc = Source(doc_id=2, title="B", date=None, passage_id=20, label="ข่าว «B»")
    other_text = "ผู้ว่าราชการจังหวัดสิงห์บุรีขับเคลื่อนโครงการถังขยะเปียกลดโลกร้อน ณ ตำบลประศุก"
    point = ("นายสมบัติ ไตรศักดิ์ — …15.นายสมบัติ ไตรศักดิ์ … "
             "ขับเคลื่อนโครงการถังขยะเปียกลดโลกร้อน ณ ตำบลประศุก")
    assert _quotes(point, other_text)
    assert not _quotes("นายสมบัติ ไตรศักดิ์ — …15.นายสมบัติ ไตรศักดิ์", other_text)
    assert not _quotes(point, "ข้อความอื่นทั้งหมดที่ไม่ได้ยกมา")
    text = Answer(point=point, found=True, sources=(value_doc, other_doc)).render()
    assert text.endswith("ที่มา: ข่าว «A»\nที่มา: ข่าว «B»"), text
    one = Answer(point=point, found=True, sources=(value_doc,)).render()
    assert one.endswith("\n\nที่มา: ข่าว «A»") and "«B»" not in one


@pytest.mark.parametrize(("span", "nowhere"), [
    # A when, a post or a clause is no answer to "จัดที่ไหน" (a tester's four replies).
    ("กรกฎคม 2563", True),
    ("รัฐมนตรี ช่วยว่าการกระทรวงมหาดไทย", True),
    ("รองผู้ว่าราชการจังหวัดชัยนาท", True),
    ("ภาคีเครือข่ายต้องจับมือร่วมกันเพื่อโลกใบเดียวนี้มีอายุที่ยืนยาว", True),
    ("ฉบับพระราชทานมอบแก่ปลัดกระทรวงมหาดไทย", True),
    # Venues, short names and addresses are places.
    ("ณ ห้องประชุมราชบพิธ ชั้น 5 อาคารดำรงราชานุสรณ์", False),
    ("ห้องรับรอง 1-3 ทำเนียบองคมนตรี พระราชอุทยานสราญรมย์", False),
    ("ไบเทค บางนา", False),
    ("ศูนย์การประชุมแห่งชาติสิริกิติ์ กรุงเทพฯ", False),
    ("ลานหน้าที่ว่าการอำเภอเมืองเชียงใหม่ จังหวัดเชียงใหม่", False),
])
def test_a_venue_question_is_not_answered_by_a_when_a_post_or_a_clause(span: str,
                                                                       nowhere: bool) -> None:
    from bot.answering.answerer import _no_venue

    assert _no_venue(span) is nowhere


def test_a_named_kind_of_body_is_answered_by_one(seed_app: App) -> None:
    """"ธนาคารใด" is answered by a bank (a tester read "กระทรวงมหาดไทยได้รับสนับสนุน")."""
    point = ask(seed_app, "ธนาคารใดรับซื้อคาร์บอนเครดิตจากกระทรวงมหาดไทย").point
    assert point.startswith("ธนาคารกสิกรไทย — "), point


@pytest.mark.parametrize("question", ["ตั้งธนาคารขยะไปกี่ที่แล้วคับ", "ธนาคารขยะมีกี่ที่"])
def test_a_spoken_classifier_asks_for_the_documents_unit(seed_app: App, question: str) -> None:
    """"กี่ที่" is "กี่แห่ง" spoken: the places' count leads, not the 7,849 อปท. beside it."""
    ans = Answerer(seed_app.db, seed_app.index).ask(question)
    assert ans.found and ans.point.startswith("14,658 แห่ง"), ans.point
