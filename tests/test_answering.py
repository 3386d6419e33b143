"""The answer extractor's parts (issue 12): candidates, features, the tree walker, the reply."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.answering.answerer import counted_list
from bot.answering.candidates import (
    CTYPES,
    MAX_CHARS,
    MAX_CLAUSE_CHARS,
    NO_END_WORDS,
    NO_START_WORDS,
    candidate_unit,
    propose,
)
from bot.answering.compose import compose_reply, lead_text, shorten_words
from bot.answering.english import english_lead, question_unit
from bot.answering.features import (
    PASSAGE_FEATURES,
    SPAN_FEATURES,
    BoundaryTables,
    QuestionTerms,
    cluster_mass,
    occurrences,
    span_features,
)
from bot.answering.model import MODEL_FILE, ModelError, TreeEnsemble, load_model, read_model
from bot.answering.question import (
    QuestionFrame,
    analyse_question,
    question_frame,
    same_unit,
    unit_name,
)
from bot.answering.reading import read_passages
from indexer.service import SearchHit
from indexer.tokenize import word_spans

TEXT = ("การประชุมคณะกรรมการขับเคลื่อนเป้าหมายการพัฒนาที่ยั่งยืน เมื่อวันที่ 27 มี.ค. 66 "
        "ณ ห้องประชุมราชบพิธ ชั้น 5 อาคารดำรงราชานุสรณ์ โดยมี นายสุทธิพงษ์ จุลเจริญ "
        "ปลัดกระทรวงมหาดไทย เป็นประธาน ได้รับงบประมาณ 9,684,500 บาท จำหน่ายคาร์บอนเครดิต "
        "ได้ 2.5 ล้านบาท ตั้งธนาคารขยะแล้ว 14,658 แห่ง ใน 76 จังหวัด คิดเป็นร้อยละ 40 "
        "ผลการดำเนินงาน ระดับ 5")


def typed(text: str) -> dict[str, set[str]]:
    c = propose(text)
    out: dict[str, set[str]] = {}
    for i in range(len(c)):
        out.setdefault(CTYPES[int(c.ctype[i])], set()).add(c.span(i))
    return out


def test_typed_candidates_of_each_kind() -> None:
    got = typed(TEXT)
    assert "9,684,500 บาท" in got["money"] and "2.5 ล้านบาท" in got["money"]
    assert "14,658 แห่ง" in got["count"] and "76 จังหวัด" in got["count"]
    assert "ร้อยละ 40" in got["percent"]
    assert "ระดับ 5" in got["level"]
    assert "27 มี.ค. 66" in got["date"]
    assert "นายสุทธิพงษ์ จุลเจริญ" in got["person"]
    assert "นายสุทธิพงษ์ จุลเจริญ ปลัดกระทรวงมหาดไทย" in got["person"]
    assert any(s.startswith("ห้องประชุมราชบพิธ ชั้น 5 อาคารดำรงราชานุสรณ์") for s in got["place"])


@pytest.mark.parametrize("typo", ["23 กรกฎาคม 25628", "เดือนกรกฎาคม 25628", "พ.ศ. 25628", "ปี 25628",
                                  "ศตวรรษที่ 215"])
def test_a_date_never_takes_the_first_digits_of_a_longer_number(typo: str) -> None:
    """A release's typo "23 กรกฎาคม 25628" (for 2568) was answered "23 กรกฎาคม 2562": a year
    is read whole or not at all."""
    dates = typed(f"เมื่อวันพุธที่ {typo} ณ ห้อง War room").get("date", [])
    assert not any(re.search(r"\d{3}$", d) for d in dates), dates
    assert all(not d.endswith(("2562", "2562 ", "21")) for d in dates), dates


def test_a_third_name_part_only_before_a_post() -> None:
    # A married woman's three-part name before her post; a word after a two-part name
    # that no post follows is no part of it.
    got = typed("โดย ดร.วันดี กุญชรยาคง จุลเจริญ นายกสมาคมแม่บ้านมหาดไทย ปาฐกถาพิเศษ")
    assert "ดร.วันดี กุญชรยาคง จุลเจริญ" in got["person"]
    got = typed("นายสมชาย ใจดี กล่าวว่า โครงการนี้ นายกเทศมนตรีเห็นด้วย")
    assert "นายสมชาย ใจดี" in got["person"]
    assert not any(s.startswith("นายสมชาย ใจดี กล่าว") for s in got["person"])


@pytest.mark.parametrize("verb", ["เปิดเผยว่า", "กล่าวว่า", "เป็นประธานในพิธี", "ได้มอบหมาย",
                                  "ลงพื้นที่ตรวจ", "ให้สัมภาษณ์ว่า"])
def test_a_persons_post_ends_before_the_verb_glued_to_it(verb: str) -> None:
    # Releases glue the verb to the post ("...นายกรัฐมนตรีเปิดเผยว่า"): the person's
    # span ends with the post, never with the verb (it had led a reply so).
    text = f"วันนี้ นายชัย วัชรงค์ โฆษกประจำสำนักนายกรัฐมนตรี{verb} จากการประชุม"
    people = typed(text)["person"]
    assert "นายชัย วัชรงค์ โฆษกประจำสำนักนายกรัฐมนตรี" in people
    assert not any(verb in p for p in people)


def test_candidates_end_on_word_boundaries_and_stay_short() -> None:
    c = propose(TEXT)
    bounds = {a for a, _ in word_spans(TEXT)} | {b for _, b in word_spans(TEXT)}
    for i in range(len(c)):
        if c.ctype[i] == 0:  # word spans: both ends on a word boundary, short
            assert int(c.start[i]) in bounds and int(c.end[i]) in bounds
            assert int(c.end[i] - c.start[i]) <= MAX_CLAUSE_CHARS
            if int(c.end[i] - c.start[i]) > MAX_CHARS:  # a clause ends before a gap
                assert int(c.end[i]) == len(TEXT) or not TEXT[int(c.end[i])].isalnum()
        assert c.span(i) == c.span(i).strip()
    spans = {c.span(i) for i in range(len(c))}
    assert "นักแสดง" not in spans and "ห้องประชุมราชบพิธ" in spans


def test_clause_spans_run_to_a_gap() -> None:
    """A description longer than a word span is proposed whole, ending before a space."""
    text = ("การประท้วงครั้งนั้นเป็นการชุมนุมต่อต้านนโยบายขึ้นภาษีน้ำมันที่จะมีผลให้ราคาน้ำมันสูงขึ้น "
            "ในหลายเมือง")
    spans = {propose(text).span(i) for i in range(len(propose(text)))}
    answer = "เป็นการชุมนุมต่อต้านนโยบายขึ้นภาษีน้ำมันที่จะมีผลให้ราคาน้ำมันสูงขึ้น"
    assert len(answer) > MAX_CHARS and answer in spans
    # A long span never ends glued to the next word ("...ราคาน้ำมัน" of "ราคาน้ำมันสูงขึ้น"),
    # nor opens inside the clause ("ชุมนุม..." after "เป็นการ").
    assert not any(len(s) > MAX_CHARS and s.endswith("ราคาน้ำมัน") for s in spans)
    assert not any(len(s) > MAX_CHARS and s.startswith("ชุมนุม") for s in spans)


def test_spans_neither_open_nor_close_on_a_function_word() -> None:
    text = "ป่าใบกว้างชื้น ที่ปกคลุมลุ่มน้ำ และนโยบายขึ้นภาษีน้ำมันที่จะมีผล"
    c = propose(text)
    for i in range(len(c)):
        if c.ctype[i] == 0:
            words = [c.text[a:b] for a, b in c.words.tolist()
                     if a >= int(c.start[i]) and b <= int(c.end[i])]
            assert words[0] not in NO_START_WORDS and words[-1] not in NO_END_WORDS
    spans = {c.span(i) for i in range(len(c))}
    assert "ป่าใบกว้างชื้น" in spans and "ป่าใบกว้างชื้น ที่" not in spans


def test_a_latin_gloss_in_brackets_is_proposed_with_its_name() -> None:
    spans = {s for c in [propose("ภาษานี้เรียกว่า ภาษาโอ๊ก (Oak) ซึ่งตั้งชื่อตามต้นไม้")]
             for s in (c.span(i) for i in range(len(c)))}
    assert {"ภาษาโอ๊ก", "ภาษาโอ๊ก (Oak)"} <= spans
    thai = propose("เขาเกิดที่เชียงใหม่ (ประเทศไทย) และย้ายไปลำปาง")
    assert "เชียงใหม่ (ประเทศไทย)" not in {thai.span(i) for i in range(len(thai))}
    english = propose("รางวัล Regional Challenge (Primary School Category) ณ กรุงกัวลาลัมเปอร์")
    assert not any(english.span(i).endswith("Category)") for i in range(len(english)))


def test_word_spans_do_not_cross_clause_marks() -> None:
    c = propose("เขาเกิดที่เชียงใหม่ (ประเทศไทย) และย้ายไปลำปาง")
    spans = {c.span(i) for i in range(len(c))}
    assert "ประเทศไทย" in spans
    assert not any("(" in s or ")" in s for s in spans if len(s) > 12 and "ประเทศไทย" in s
                   and "เชียงใหม่" in s)


@pytest.mark.parametrize("text", ["", "   ", "😀😂", "\x00\x01", "ก" * 5000, "1" * 4301])
def test_propose_never_raises(text: str) -> None:
    c = propose(text)
    assert len(c.start) == len(c.end) == len(c.ctype)


def test_candidate_unit() -> None:
    assert candidate_unit("14,658 แห่ง") == "แห่ง"
    assert candidate_unit("2.5 ล้านบาท") == "บาท"
    assert candidate_unit("นายสุทธิพงษ์") is None


@pytest.mark.parametrize(("span", "unit"), [
    ("21 ก.ก.", "ก.ก."), ("21 กก.", "กก."), ("5 กม.", "กม."), ("5 ก.ม.", "ก.ม."),
    ("3 ตร.กม.", "ตร.กม."), ("40 ตร.ม.", "ตร.ม."), ("2 ชม.", "ชม."),
    ("15 ซม.", "ซม."), ("8 มม.", "มม."), ("15 เซนติเมตร", "เซนติเมตร"),
])
def test_candidate_unit_of_an_abbreviated_unit(span: str, unit: str) -> None:
    assert candidate_unit(span) == unit
    assert span in typed(f"ของกลาง {span} ในพื้นที่").get("count", set())


@pytest.mark.parametrize(("question", "spellings"), [
    ("ยึดเคตามีนที่ปายได้กี่กิโลกรัม", {"กิโลกรัม", "กก.", "ก.ก."}),
    ("ยึดได้กี่ ก.ก.", {"กิโลกรัม", "กก.", "ก.ก."}),
    ("ถนนยาวกี่กม.", {"กิโลเมตร", "กม.", "ก.ม."}),
    ("ป่ามีพื้นที่กี่ตารางกิโลเมตร", {"ตารางกิโลเมตร", "ตร.กม."}),
    ("ห้องกว้างกี่ตร.ม.", {"ตารางเมตร", "ตร.ม."}),
    ("ใช้เวลากี่ชั่วโมง", {"ชั่วโมง", "ชม."}),
    ("แจกน้ำกี่ลิตร", {"ลิตร"}),  # not "ล.": headlines write it for ล้าน
    ("ฝนตกกี่มิลลิเมตร", {"มิลลิเมตร", "มม."}),
    ("ต้นสูงกี่ซม.", {"เซนติเมตร", "ซม."}),
])
def test_the_asked_unit_holds_every_spelling(question: str, spellings: set[str]) -> None:
    unit = analyse_question(question).unit or ""
    assert set(unit.split("|")) == spellings
    # The question's own spelling comes first: the one an answer prints.
    assert unit_name(unit) in question


@pytest.mark.parametrize(("question", "spellings"), [
    ("How many kilograms of ketamine were seized?", {"กิโลกรัม", "กก.", "ก.ก."}),
    ("How many km is the new road?", {"กิโลเมตร", "กม.", "ก.ม."}),
    ("How many hours did the meeting take?", {"ชั่วโมง", "ชม."}),
    ("How many square kilometres does the forest cover?", {"ตารางกิโลเมตร", "ตร.กม."}),
    ("How many millimetres of rain fell?", {"มิลลิเมตร", "มม."}),
])
def test_an_english_questions_unit_holds_every_spelling(question: str,
                                                        spellings: set[str]) -> None:
    # A measure is asked in its own unit alone ("square kilometres" counts no กิโลเมตร).
    assert set((question_unit(question) or "").split("|")) == spellings


@pytest.mark.parametrize(("value", "lead"), [
    ("21 ก.ก.", "21 kg"), ("5 กม.", "5 km"), ("1 ชม.", "1 hour"), ("40 ตร.ม.", "40 m²"),
])
def test_an_abbreviated_unit_is_led_in_english(value: str, lead: str) -> None:
    assert english_lead(value, "count") == lead


def test_an_abbreviated_unit_matches_and_a_smaller_one_does_not() -> None:
    x, spans = features_for("ยึดเคตามีนได้กี่กิโลกรัม", "ยึดเคตามีน 21 ก.ก. และโคเคน 0.3 กรัม")
    col = {name: i for i, name in enumerate(SPAN_FEATURES)}
    row = {s: x[k] for k, s in enumerate(spans)}
    assert row["21 ก.ก."][col["unit_match"]] == 1.0
    assert row["0.3 กรัม"][col["unit_match"]] == -1.0  # กิโลกรัม ends in กรัม, is no กรัม
    assert same_unit("ล้านก.ก.", "กิโลกรัม|กก.|ก.ก.") and not same_unit("กรัม", "กิโลกรัม")


def test_question_frame_names_the_words_around_the_question_word() -> None:
    assert question_frame("พัทธ์ธีรา เกิดวันที่เท่าไร").before[:2] == ("วันที่", "เกิด")
    assert question_frame("ใครเป็นประธานการประชุม").after == ("เป็น", "ประธาน")
    assert question_frame("ธนาคารขยะ").before == ()


def features_for(question: str, text: str) -> tuple[np.ndarray, list[str]]:
    info = analyse_question(question)
    toks = ["ธนาคารขยะ", "ตั้ง"]
    terms = QuestionTerms(tuple(toks), {t: 1.0 for t in toks}, float(len(toks)))
    c = propose(text)
    x = span_features(c, occ=occurrences(text, toks), terms=terms, info=info,
                      frame=question_frame(question), tables=BoundaryTables.empty(),
                      own=(0, len(text)), passage=(0.0, 0, 1.0, 0.0, 1.0))
    return x, [c.span(i) for i in range(len(c))]


def test_span_features_unit_and_type_match() -> None:
    text = "ตั้งธนาคารขยะแล้ว 14,658 แห่ง ใช้งบ 250,000 บาท ใน 2 ปี"
    x, spans = features_for("ธนาคารขยะตั้งแล้วกี่แห่ง", text)
    assert x.shape == (len(spans), len(SPAN_FEATURES))
    col = {name: i for i, name in enumerate(SPAN_FEATURES)}
    row = {s: x[k] for k, s in enumerate(spans)}
    assert row["14,658 แห่ง"][col["unit_match"]] == 1.0
    assert row["250,000 บาท"][col["unit_match"]] == -1.0
    assert row["14,658 แห่ง"][col["type_match"]] == 1.0
    # The question's words are right before the count, further from the money.
    assert row["14,658 แห่ง"][col["lp30"]] > row["250,000 บาท"][col["lp30"]]
    assert row["ธนาคารขยะ"][col["q_inside"]] > 0  # repeats the question's words


def test_counts_with_any_classifier() -> None:
    """Thai counts a noun with any classifier word: "4 โรงเรือน", "9 ฐาน" are counts."""
    got = typed("ได้รับโรงเรือน 4 โรงเรือน มีฐานการเรียนรู้ 9 ฐาน งบ 5 ล้านบาท")
    assert {"4 โรงเรือน", "9 ฐาน"} <= got["count"]
    assert "5 ล้าน" not in got.get("count", set())  # a multiplier is no classifier
    assert candidate_unit("4 โรงเรือน") == "โรงเรือน"
    x, spans = features_for("ได้รับโรงเรือนกี่โรงเรือน", "ได้รับโรงเรือน 4 โรงเรือน และ 9 ฐาน")
    col = {name: i for i, name in enumerate(SPAN_FEATURES)}
    row = {s: x[k] for k, s in enumerate(spans)}
    assert row["4 โรงเรือน"][col["unit_match"]] == 1.0
    assert row["9 ฐาน"][col["unit_match"]] == -1.0


@pytest.mark.parametrize(("question", "qtype"), [
    ("ลงพื้นที่ตรวจเยี่ยมที่อำเภออะไร", "place"),
    ("จัดที่ธนาคารขยะของหมู่บ้านไหน", "place"),
    ("ตั้งอยู่ที่ อปท. ใด", "place"),
    ("นายอำเภอบางใหญ่ที่นำจัดกิจกรรมชื่ออะไร", "person"),
    ("ตัวแทนไทยมีชื่อ-นามสกุลจริงว่าอะไร", "person"),
    ("ศูนย์เรียนรู้ที่ใช้จัดพิธีชื่ออะไร", "title"),
    ("แม่น้ำสายนี้ชื่ออะไร", "title"),
    # A person named on the way is not what the name is asked of.
    ("สนามเด็กเล่นที่ปลัด มท. เปิดเมื่อ ก.ค. 65 ใช้ชื่อว่าอะไร", "title"),
    ("ในงานนี้ผู้ว่าราชการจังหวัดชื่ออะไร", "person"),
    ("นักร้องคนนี้มีชื่อจริงว่าอะไร", "person"),
    ("ผู้เล่นที่ทำคะแนนในควอเตอร์ที่สี่นามสกุลอะไร", "person"),
    # A question that opens by describing a person asks their name; one that opens
    # with a thing asks the thing's name, whoever the clause names on the way.
    ("ผู้ที่คว้ามงกุฎ Miss World 2025 ชื่ออะไร", "person"),
    ("คนที่ได้รับรางวัลชื่ออะไร", "person"),
    ("โครงการที่คนที่ได้รับเลือกทำชื่ออะไร", "title"),
    ("จังหวัดอะไรบ้าง", "list"),
    # A date asked with "เท่าใด", a misspelt "เทาไหร่", an era word, or a question that
    # stops where the date would stand, is a date, not a count or a "what".
    ("แผ่นดินไหวในเกาะฮาวาย เกิดวันที่เท่าใด", "date"),
    ("นักร้องคนนี้เกิดวันที่เทาไหร่ ?", "date"),
    ("นักร้องคนนี้เกิดวันที่ ?", "date"),
    ("พรรคนี้จัดตั้งวันที่", "date"),
    ("เขาเกิดเมื่อปีพุทธศักราชอะไร", "date"),
    ("เขาสำเร็จปริญญาเอกในปี ค.ศ. ", "date"),
    ("พบปลาชนิดนี้เมื่อปี พ.ศ. ที่เท่าไหร่", "date"),
    ("รายได้ต่อปีเท่าใด", "count"),
    ("วันสันติภาพไทย เป็นวันที่ระลึกถึงอะไร", "what"),
])
def test_question_type_from_the_noun_asked_about(question: str, qtype: str) -> None:
    assert analyse_question(question).qtype == qtype


def test_alignment_features_follow_the_question_words() -> None:
    """ "X เกิดวันที่เท่าไร" is answered right after "เกิดวันที่" as in the question."""
    text = "พัทธ์ธีรา ศรุติพงศ์โภคิน เกิดวันที่ 23 มกราคม 2535 เป็นนักแสดง ออกอัลบั้ม 5 มีนาคม 2558"
    x, spans = features_for("พัทธ์ธีรา เกิดวันที่เท่าไร", text)
    col = {name: i for i, name in enumerate(SPAN_FEATURES)}
    row = {s: x[k] for k, s in enumerate(spans)}
    right, wrong = row["23 มกราคม 2535"], row["5 มีนาคม 2558"]
    assert right[col["sfx_left"]] >= 2 and wrong[col["sfx_left"]] == 0
    assert right[col["al_left"]] > wrong[col["al_left"]]
    # Words the question itself uses are an echo, not an answer.
    assert row["พัทธ์ธีรา"][col["echo"]] == 1.0 and right[col["echo"]] == 0.0


def _aligned_one(low: list[str], at: int, step: int, frame: tuple[str, ...],
                 weight: list[float]) -> tuple[float, int]:
    """The alignment walk of one start, word by word (the reference for the vectorised)."""
    from bot.answering.features import ALIGN_WINDOW

    got, run, unbroken, q, k = 0.0, 0, True, 0, at
    for _ in range(ALIGN_WINDOW):
        if k < 0 or k >= len(low) or q >= len(frame):
            break
        for j in range(q, min(len(frame), q + 3)):
            if frame[j] == low[k]:
                got += weight[j]
                if unbroken and j == q == run:
                    run += 1
                else:
                    unbroken = False
                q = j + 1
                break
        else:
            unbroken = False
        k += step
    return got, run


def _alignment_one_by_one(low: list[str], w0: np.ndarray, w1: np.ndarray,
                          frame: QuestionFrame, terms: QuestionTerms) -> list[list[float]]:
    """The eight alignment columns computed start by start and end by end."""
    from bot.answering.features import ALIGN_WINDOW, _weights

    wl, wr = _weights(frame.left, terms), _weights(frame.right, terms)
    tl, tr = sum(wl) or 1.0, sum(wr) or 1.0
    lset, rset = dict(zip(frame.left, wl, strict=True)), dict(zip(frame.right, wr, strict=True))

    def share(lo: int, hi: int, table: dict[str, float], total: float) -> float:
        seen = {w for w in low[max(0, lo):max(0, min(len(low), hi))] if w in table}
        return sum(table[w] for w in seen) / total

    cols: list[list[float]] = [[] for _ in range(8)]
    for a, b in zip(w0.tolist(), w1.tolist(), strict=True):
        gl, rl = _aligned_one(low, a - 1, -1, frame.left, wl)
        gr, rr = _aligned_one(low, b + 1, 1, frame.right, wr)
        row = (gl / tl, gr / tr, rl, rr, share(a - ALIGN_WINDOW, a, lset, tl),
               share(b + 1, b + 1 + ALIGN_WINDOW, rset, tr),
               share(b + 1, b + 1 + ALIGN_WINDOW, lset, tl), share(a - ALIGN_WINDOW, a, rset, tr))
        for c, v in zip(cols, row, strict=True):
            c.append(float(v))
    return cols


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from("abcdefg"), max_size=30),
       st.lists(st.sampled_from("abcdx"), max_size=9), st.lists(st.sampled_from("abcdy"),
                                                                 max_size=9),
       st.integers(0, 2**31))
def test_alignment_columns_equal_the_word_by_word_walk(
        low: list[str], left: list[str], right: list[str], seed: int) -> None:
    """The vectorised alignment columns equal the walk of each candidate's neighbours."""
    from bot.answering.features import _alignment

    rng = np.random.default_rng(seed)
    idf = {w: float(rng.uniform(0.5, 9)) for w in "abcd"}
    terms = QuestionTerms(tuple(idf), idf, 0.0)
    frame = QuestionFrame(before=(), after=(), left=tuple(left), right=tuple(right))
    nw = len(low)
    w0 = rng.integers(0, max(nw, 1), size=50)
    w1 = np.minimum(w0 + rng.integers(0, 4, size=50), max(nw - 1, 0))
    got = _alignment(low, w0, w1, frame, terms)
    want = _alignment_one_by_one(low, w0, w1, frame, terms) if nw else [[0.0] * 50] * 8
    for g, w in zip(got, want, strict=True):
        assert np.allclose(g, w, rtol=1e-12, atol=0)


def test_date_precision_against_a_question_for_a_year() -> None:
    text = "ตามวาระ ค.ศ. 2030 ประชุมเมื่อ 27 มี.ค. 66 ณ ห้องประชุมราชบพิธ"
    col = {name: i for i, name in enumerate(SPAN_FEATURES)}
    x, spans = features_for("ประชุมเมื่อไร", text)
    row = {s: x[k] for k, s in enumerate(spans)}
    assert row["27 มี.ค. 66"][col["date_dm"]] == 1.0
    assert row["27 มี.ค. 66"][col["date_year_only"]] == 0.0
    assert row["ค.ศ. 2030"][col["date_year_only"]] == 1.0
    assert row["ค.ศ. 2030"][col["q_year"]] == 0.0
    x, spans = features_for("วาระนี้สิ้นสุดในปีใด", text)
    assert x[0][col["q_year"]] == 1.0


def test_when_prefers_the_day_to_a_bare_year_in_releases_only() -> None:
    """'เมื่อไร': a release's bare year (an agenda's) gives way to the day; other text's does not.

    An encyclopaedia dates a founding by its year alone ("ก่อตั้งเมื่อปี ค.ศ. 2008") beside
    another event's day; a month and year still gives way to the day there.
    """
    from bot.answering.constraints import answer_type_mask

    text = "ก่อตั้งเมื่อปี ค.ศ. 2008 ออกอัลบั้มในเดือนมีนาคม 2553 และแสดงเมื่อ 21 มิถุนายน ค.ศ. 2010"
    x, spans = features_for("ก่อตั้งเมื่อไร", text)
    info = analyse_question("ก่อตั้งเมื่อไร")
    allowed = {spans[k] for k in np.flatnonzero(answer_type_mask(x, info))}
    assert "21 มิถุนายน ค.ศ. 2010" in allowed and "ค.ศ. 2008" not in allowed
    for official in (np.ones(len(spans), dtype=bool), np.zeros(len(spans), dtype=bool)):
        got = {spans[k] for k in np.flatnonzero(answer_type_mask(x, info, official))}
        assert "21 มิถุนายน ค.ศ. 2010" in got
        assert ("ค.ศ. 2008" in got) == (not official.any())
        assert not any("มีนาคม 2553" in g and "ค.ศ." not in g for g in got)
    # A question for a year is no question for a day: every date stays.
    x, spans = features_for("ก่อตั้งในปีใด", text)
    got = {spans[k] for k in np.flatnonzero(
        answer_type_mask(x, analyse_question("ก่อตั้งในปีใด"), np.ones(len(spans), dtype=bool)))}
    assert "ค.ศ. 2008" in got


def test_head_noun_opens_the_answer() -> None:
    x, spans = features_for("ตั้งอยู่ที่อำเภออะไร", "ตั้งอยู่ที่อำเภอทุ่งสง ใกล้ตำบลถ้ำใหญ่")
    col = {name: i for i, name in enumerate(SPAN_FEATURES)}
    row = {s: x[k] for k, s in enumerate(spans)}
    assert row["อำเภอทุ่งสง"][col["head_first"]] == 1.0
    assert row["ตำบลถ้ำใหญ่"][col["head_first"]] == 0.0


def test_cluster_mass() -> None:
    toks = ("ธนาคารขยะ", "ตั้ง", "ราชบพิธ")
    terms = QuestionTerms(toks, {"ธนาคารขยะ": 1.0, "ตั้ง": 1.0, "ราชบพิธ": 2.0}, 4.0)
    text = "ตั้งธนาคารขยะ" + " " * 400 + "ราชบพิธ"
    mass, where = cluster_mass(occurrences(text, toks), terms)
    assert mass == pytest.approx(0.5) and where == 0
    assert cluster_mass({}, terms) == (0.0, -1)


# ---------------------------------------------------------------- the model and its walker


def test_tree_walker_equals_lightgbm() -> None:
    lgb = pytest.importorskip("lightgbm")
    rng = np.random.default_rng(7)
    x = rng.normal(size=(600, 6))
    x[rng.random(x.shape) < 0.05] = np.nan
    y = (x[:, 0] > 0.2).astype(int) + (np.nan_to_num(x[:, 3]) > 1).astype(int)
    booster = lgb.train({"objective": "regression", "num_leaves": 13, "verbose": -1,
                         "seed": 7, "deterministic": True, "num_threads": 1},
                        lgb.Dataset(x, label=y), num_boost_round=40)
    ours = TreeEnsemble(booster.dump_model()).predict(x)
    assert np.allclose(ours, booster.predict(x, raw_score=True), atol=1e-9)
    assert TreeEnsemble({}).predict(x).tolist() == [0.0] * len(x)


def test_compiled_tree_walk_equals_the_numpy_walk() -> None:
    """Both walks give the same scores bit for bit, NaN and threshold ties included."""
    from indexer.bm25 import set_kernel

    model = load_model()
    rng = np.random.default_rng(11)
    for trees in (model.passage, model.span):
        x = rng.normal(size=(300, trees.n_features)) * 3
        x[:, :8] = rng.integers(0, 2, size=(300, 8))
        x[:50] = trees.threshold[trees.feature == 0][:1].sum()  # on a split's threshold
        with_nan = x.copy()
        with_nan[rng.random(x.shape) < 0.03] = np.nan
        for rows in (x, x[:13], x.astype(np.float32), with_nan):
            old = set_kernel("numpy")
            try:
                plain = trees.predict(rows)
                set_kernel("numba")
                compiled = trees.predict(rows)
            finally:
                set_kernel(old)
            assert np.array_equal(plain, compiled)
        assert np.array_equal(trees.predict(x[:0]), np.zeros(0))


def test_bundled_model_is_small_loads_and_matches_the_features() -> None:
    assert MODEL_FILE.exists() and MODEL_FILE.stat().st_size <= 5_000_000
    model = load_model()
    assert model.keep > 0 and len(model.passage.roots) > 0 and len(model.span.roots) > 0
    with gzip.open(MODEL_FILE, "rt", encoding="utf-8") as f:
        raw = json.load(f)
    assert raw["meta"]["trained_on"].startswith("iapp-wiki-qa train")
    assert raw["span"]["features"] == list(SPAN_FEATURES)


def test_model_read_from_the_cache_equals_the_file(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The flattened model kept in the cache folder scores exactly as the model file."""
    from bot.answering import model as model_mod

    monkeypatch.setenv("SDGBOT_CACHE", str(tmp_path))
    fresh = read_model(MODEL_FILE)
    (cache,) = tmp_path.glob("answer-model-*.marshal")
    with monkeypatch.context() as m:
        m.setattr(model_mod.json, "loads", lambda *a, **k: pytest.fail("file parsed again"))
        cached = read_model(MODEL_FILE)
    x = np.random.default_rng(3).normal(size=(40, len(SPAN_FEATURES)))
    assert np.array_equal(fresh.span.predict(x), cached.span.predict(x))
    assert fresh.tables == cached.tables and fresh.keep == cached.keep
    assert fresh.meta == cached.meta
    cache.write_bytes(b"\x00not marshal")  # unreadable: the file is read again
    assert np.array_equal(read_model(MODEL_FILE).span.predict(x), fresh.span.predict(x))


def test_not_found_threshold_comes_with_the_model(tmp_path: Path) -> None:
    """A retrained span scorer scores on its own scale: its file carries its threshold."""
    from bot.answering.answerer import MIN_SPAN_SCORE, span_threshold

    with gzip.open(MODEL_FILE, "rt", encoding="utf-8") as f:
        raw = json.load(f)
    raw["meta"].pop("min_span_score", None)
    plain = tmp_path / "plain.json.gz"
    with gzip.open(plain, "wt", encoding="utf-8") as f:
        json.dump(raw, f)
    assert span_threshold(read_model(plain)) == MIN_SPAN_SCORE
    raw["meta"]["min_span_score"] = -1.25
    own = tmp_path / "own.json.gz"
    with gzip.open(own, "wt", encoding="utf-8") as f:
        json.dump(raw, f)
    assert span_threshold(read_model(own)) == -1.25


def test_model_trained_on_other_features_is_refused(tmp_path: Path) -> None:
    with gzip.open(MODEL_FILE, "rt", encoding="utf-8") as f:
        raw = json.load(f)
    raw["span"]["features"] = raw["span"]["features"][:-1]
    bad = tmp_path / "m.json.gz"
    with gzip.open(bad, "wt", encoding="utf-8") as f:
        json.dump(raw, f)
    with pytest.raises(ModelError):
        read_model(bad)
    (tmp_path / "junk.json.gz").write_bytes(b"not gzip")
    with pytest.raises(ModelError):
        read_model(tmp_path / "junk.json.gz")


# ---------------------------------------------------------------- the reply


def test_reply_leads_with_the_value_then_the_clause() -> None:
    k = TEXT.index("9,684,500 บาท")
    reply = compose_reply(TEXT, k, k + len("9,684,500 บาท"), kind="money", english=False,
                          budget=300)
    assert reply.startswith("9,684,500 บาท — ")
    assert "9,684,500 บาท" in reply[len("9,684,500 บาท — "):]
    assert len(reply) <= 300


MARKS = frozenset(chr(c) for c in (*range(0x0E31, 0x0E32), *range(0x0E34, 0x0E3B),
                                   *range(0x0E47, 0x0E4F)))  # Thai vowel and tone marks


def test_reply_is_cut_between_words() -> None:
    text = "ก่อน " + "การพัฒนาที่ยั่งยืน" * 40
    k = text.index("การ")
    reply = compose_reply(text, k, k + 9, kind="text", english=False, budget=120)
    assert len(reply) <= 120 and reply.endswith("…")
    body = reply.split(" — ", 1)[1].rstrip("…").lstrip("…")
    at = text.index(body)  # a piece of the text as written
    assert text[at + len(body)] not in MARKS  # no vowel or tone mark left behind
    assert shorten_words(text[at:], len(body) + 1) == body + "…"  # the project's cut


@pytest.mark.parametrize("limit", [1, 5, 12, 40])
def test_shorten_words_never_splits_a_word(limit: int) -> None:
    text = "การขับเคลื่อนเป้าหมายการพัฒนาที่ยั่งยืนของกระทรวงมหาดไทย"
    out = shorten_words(text, limit)
    assert len(out) <= limit
    kept = out.rstrip("…")
    assert text.startswith(kept) and (not kept or text[len(kept)] not in MARKS)
    assert shorten_words("  สั้น ", 10) == "สั้น"


@pytest.mark.parametrize(("question", "unit"), [
    ("ยึดของกลางได้กี่รายการ", "รายการ"),  # not "ราย": a known unit starting a longer word
    ("กี่ราย", "ราย"),
    ("ธนาคารขยะตั้งแล้วกี่แห่งทั่วประเทศ", "แห่ง"),
    ("เชิญ อปท. กี่แห่งมาประชุม", "แห่ง"),
    ("มีกี่ อปท.", "อปท."),
    ("มีกี่ล้านครัวเรือน", "ล้านครัวเรือน"),
    ("ตั้งแล้วกี่แห่ง.", "แห่ง"),
    ("มีฐานการเรียนรู้กี่ฐาน", "ฐาน"),
    # spoken classifiers ask for the unit documents write
    ("ตั้งธนาคารขยะไปกี่ที่แล้วคับ", "แห่ง"),
    ("ประชุมไปกี่หนแล้ว", "ครั้ง"),
    ("มีกี่ที่นั่ง", "ที่นั่ง"),
])
def test_the_counted_unit_is_the_word_after_ki(question: str, unit: str) -> None:
    assert analyse_question(question).unit == unit


@pytest.mark.parametrize("question", ["เพลงนี้มีเนื้อหาเกี่ยวกับอะไร", "ดิสคัฟเวอรีไซแอ็นซ์เอเชีย เน้นเกี่ยวกับอะไร",
                                      "ข่าวนี้เกี่ยวข้องกับใคร"])
def test_the_letters_of_kiao_count_nothing(question: str) -> None:
    # "เกี่ยวกับ" holds the letters of "กี่" (how many): the question counts nothing.
    assert analyse_question(question).qtype != "count"



MONEY = "บาท|ล้านบาท|ดอลลาร์|ปอนด์|ยูโร"


@pytest.mark.parametrize(("question", "unit"), [
    ("โครงการ SDGs ได้งบเท่าไร", MONEY),
    ("ดูมงต์จะได้รับเงินจำนวนเท่าไร", MONEY),  # "เงิน" closing the compound "รับเงิน"
    ("ผลการเบิกจ่ายเท่าไร", MONEY),
    # The letters of a hint straddling two words are no hint: ถึง|บทสรุป, ครอง|บอล.
    ("ยังมีเวลาเหลือเท่าไรตอนที่การแข่งขันถึงบทสรุป", None),
    ("เหลือเวลาอีกเท่าไรตอนที่แคโรไลนาได้ครองบอล", None),
    ("ต้องใช้เวลานานเท่าไรกว่าจะได้ผลผลิต", "ปี|เดือน|สัปดาห์|วัน|ชั่วโมง|ชม.|นาที"),
    # A rate is a percentage, unless money names it first; an exchange rate is neither.
    ("ไตรมาส 1 ปี 2564 อัตราการว่างงานเท่าไร", "ร้อยละ|%|เปอร์เซ็นต์"),
    ("อัตราค่าตอบแทนเท่าไร", MONEY),
    ("อัตราแลกเปลี่ยนเท่าไร", None),
    # Interest and inflation are rates ("เงินเฟ้อ" asks no money).
    ("อัตราเงินเฟ้อเดือน ม.ค. 2567 เท่าไร", "ร้อยละ|%|เปอร์เซ็นต์"),
    ("พันธบัตรออมทรัพย์ได้ดอกเบี้ยเท่าไร", "ร้อยละ|%|เปอร์เซ็นต์"),
    # A quantity whose value the question states is not the one asked ("อายุ 10 ปี").
    ("พันธบัตร สบม. รุ่นอายุ 10 ปี ดอกเบี้ยเท่าไร", "ร้อยละ|%|เปอร์เซ็นต์"),
    ("ที่ดินพื้นที่ 5 ไร่ ราคาเท่าไร", MONEY),
    ("ซูเปอร์โบว์ลครั้งที่เท่าไรที่เขาชนะเมื่ออายุ 38 ปี", None),
    ("ทะเลแดงมีร่องทะเลที่ลึกที่สุดประมาณเท่าไร", "กิโลเมตร|กม.|ก.ม.|เมตร|ไมล์|ฟุต"),
    # "ปีงบประมาณ"/"ปีงบ" is the fiscal year, not the budget: no money asked.
    ("ปีงบประมาณ 2568 กรมที่ดินตั้งเป้าออกโฉนดเท่าไร", None),
    ("ในปีงบ 2567 มีผู้ลงทะเบียนเท่าไร", None),
    ("ปีงบประมาณ 2568 ได้งบประมาณเท่าไร", MONEY),
])
def test_the_unit_a_question_implies(question: str, unit: str | None) -> None:
    assert analyse_question(question).unit == unit


def test_a_range_with_its_unit_is_one_candidate() -> None:
    # "5-15 ปี": the upper end alone ("15 ปี") states less than the text does.
    c = propose("หุ้นกู้เพื่อสังคมอายุ 5-15 ปี วงเงิน 1 ถึง 2 ล้านบาท")
    spans = {c.span(i): CTYPES[c.ctype[i]] for i in range(len(c))}
    assert spans.get("5-15 ปี") == "count" and spans.get("1 ถึง 2 ล้านบาท") == "money"


def test_money_with_two_multipliers_is_one_candidate() -> None:
    c = propose("งบกลาง 6.15 แสนล้านบาท วงเงิน 3.48 ล้านล้านบาท และ 2,000 ล้านบาท")
    money = {c.span(i) for i in range(len(c)) if CTYPES[int(c.ctype[i])] == "money"}
    assert money == {"6.15 แสนล้านบาท", "3.48 ล้านล้านบาท", "2,000 ล้านบาท"}


def test_lead_keeps_a_glosss_closing_bracket() -> None:
    assert lead_text("ภาษาโอ๊ก (Oak)", "text", False) == "ภาษาโอ๊ก (Oak)"
    assert lead_text("(ภาษาโอ๊ก)", "text", False) == "ภาษาโอ๊ก"


@pytest.mark.parametrize(("value", "lead"), [
    ("15.00 น.", "15.00 น."),  # an abbreviation keeps its full stop
    ("1 ส.ค.", "1 ส.ค."),
    ("12 อปท.", "12 อปท."),
    ("9,684,500 บาท.", "9,684,500 บาท"),  # a sentence's full stop does not
    ("นายสมชาย ใจดี.", "นายสมชาย ใจดี"),
])
def test_lead_keeps_an_abbreviations_full_stop(value: str, lead: str) -> None:
    assert lead_text(value, "text", english=False) == lead


def test_typed_candidates_never_start_inside_a_word() -> None:
    # "ณ" (at) of the place pattern also spells the middle of "คณะ"; "นาย" (Mr) starts
    # "นายก"; a span from there would lead the reply with half a word.
    text = ("เป็นประธานการประชุมคณะกรรมการขับเคลื่อนเป้าหมายการพัฒนาที่ยั่งยืน "
            "จัดขึ้นเมื่อ 2567ณ สำนักงานใหญ่สหประชาชาติ")
    c = propose(text)
    thai = re.compile(r"[\u0e01-\u0e4e]")
    edges = {a for a, _ in word_spans(text)} | {b for _, b in word_spans(text)}
    for i in range(len(c)):
        pos = int(c.start[i])
        inside = (0 < pos < len(text) and thai.match(text, pos - 1)
                  and thai.match(text, pos) and pos not in edges)
        assert not inside, c.span(i)
    spans = {c.span(i) for i in range(len(c))}
    assert "ณ สำนักงานใหญ่สหประชาชาติ" in spans  # after a digit, "ณ" is a word
    # A name that starts with the letter ณ at a word edge ("นาย|ณัฐพงศ์") is no "at ...":
    # its vowel mark shows it ("ัฐพงศ์" led a reply once).
    named = propose("แถลงข่าวโดยนายณัฐพงศ์ ศิริชนะ ณ ห้องประชุมกำแพงเพชร ธนาคารออมสิน")
    places = {named.span(i) for i in range(len(named)) if CTYPES[named.ctype[i]] == "place"}
    assert not any(p.startswith("ณั") for p in places), places
    assert "ณ ห้องประชุมกำแพงเพชร ธนาคารออมสิน" in places
    # After a preposition the segmenter glued to its noun ("ในประเทศ"), a place starts.
    glued = propose("นกชนิดนี้พบในประเทศจีนบริเวณทะเลสาบ")
    assert "ประเทศจีนบริเวณทะเลสาบ" in {glued.span(i) for i in range(len(glued))}
    # A unit the segmenter glued to the next word still ends a count.
    count = propose("มีภาคีทั้ง 7 ภาคีเครือข่าย")
    assert "7 ภาคี" in {count.span(i) for i in range(len(count))}


def test_the_candidate_region_ends_on_words_and_reaches_the_asked_unit() -> None:
    from types import SimpleNamespace
    from typing import cast

    from bot.answering.reading import REGION_AFTER, REGION_BEFORE, Passage, _region

    # The question's words open the text; the window would end inside "มิติ" and
    # before "17 เป้าหมาย".
    head = "SDGs ของกระทรวงมหาดไทย " * 4
    pad = "ก" * (REGION_BEFORE + REGION_AFTER - len(head) - 8)
    text = head + pad + " ใน 2 มิติ ได้แก่ การพัฒนาเมือง และครอบคลุมทั้ง 17 เป้าหมายหลัก ของสหประชาชาติ"
    assert text.index("มิติ") + 2 == REGION_BEFORE + REGION_AFTER  # the window cuts "มิ|ติ"
    passage = cast(Passage, SimpleNamespace(text=text, cluster=0))
    edges = {a for a, _ in word_spans(text)} | {b for _, b in word_spans(text)} | {len(text)}
    lo, hi = _region(passage, analyse_question("SDGs มีกี่ข้อ"))
    assert lo in edges and hi in edges, text[hi - 10:hi + 10]
    near = propose(text, lo, hi)
    spans = {near.span(i) for i in range(len(near))}
    assert "2 มิติ" in spans and not any(s.endswith(" มิ") for s in spans)
    lo, hi = _region(passage, analyse_question("SDGs มีกี่เป้าหมาย"))
    c = propose(text, lo, hi)
    assert "17 เป้าหมาย" in {c.span(i) for i in range(len(c))}


def test_the_clause_shows_the_words_before_the_value_in_unspaced_thai() -> None:
    # A Thai run without spaces before the value: the clause opens at a word of it,
    # never at the value itself (which would only repeat the lead).
    text = ("การประท้วงลุกลามไปหลายเมือง มีรายงานการปิดถนนในหลายเมืองทั่วประเทศกว่า 2,000 จุด "
            "และมีผู้ชุมนุมจำนวนมาก")
    k = text.index("2,000")
    reply = compose_reply(text, k, k + len("2,000 จุด"), kind="count", english=False,
                          budget=300)
    lead, clause = reply.split(" — ", 1)
    assert lead == "กว่า 2,000 จุด"  # the qualifier the text writes is part of the value
    assert "ทั่วประเทศกว่า 2,000 จุด" in clause
    start = clause.lstrip("…")
    assert any(start.startswith(text[a:b]) for a, b in word_spans(text))  # a whole word


def test_a_quote_that_opens_the_value_is_shown_in_the_clause() -> None:
    text = 'ในประเทศฝรั่งเศสเรียกเกมนี้ว่า "หมอบ" ส่วนในเกาหลีใต้เรียกว่า "การเล่นเป็นคนตาย" ตั้งแต่ปี 2003'
    k = text.index("การเล่นเป็นคนตาย")
    reply = compose_reply(text, k, k + len("การเล่นเป็นคนตาย"), kind="text", english=False,
                          budget=300)
    assert reply.startswith("การเล่นเป็นคนตาย — …")
    assert '"การเล่นเป็นคนตาย"' in reply


@pytest.mark.parametrize(("text", "value", "thai", "english"), [
    ("มีผู้ชุมนุมกว่า 3 แสนราย", "3 แสนราย", "กว่า 3 แสนราย", "more than"),
    ("ห่างจากตัวเมืองประมาณ 42 กิโลเมตร", "42 กิโลเมตร", "ประมาณ 42 กิโลเมตร", "about"),
    ("ต้องมีสมาชิกไม่ต่ำกว่า 5 แห่ง", "5 แห่ง", "ไม่ต่ำกว่า 5 แห่ง", "at least"),
    # "งบประมาณ" ends in "ประมาณ" but is one word: no qualifier.
    ("ได้รับงบประมาณ 9,684,500 บาท", "9,684,500 บาท", "9,684,500 บาท", None),
])
def test_a_numbers_qualifier_leads_with_it(text: str, value: str, thai: str,
                                           english: str | None) -> None:
    k = text.index(value)
    kind = "money" if value.endswith("บาท") else "count"
    reply = compose_reply(text, k, k + len(value), kind=kind, english=False, budget=300)
    assert reply.split(" — ")[0] == thai
    en = compose_reply(text, k, k + len(value), kind=kind, english=True, budget=300)
    assert en.split(" — ")[0].startswith(english) if english else not en.startswith(
        ("more", "about", "at least"))
    # A value read as words that opens with its number ("11 ล้านเม็ด" has no typed unit)
    # keeps its qualifier too; a span of words that opens with no number gets none.
    assert compose_reply(text, k, k + len(value), kind="text", english=False,
                         budget=300).split(" — ")[0] == thai
    words = text[:text.index(thai.split()[0])] if thai != value else text[:k]
    assert not compose_reply(text, 0, len(words.rstrip()), kind="text", english=False,
                             budget=300).startswith(("กว่า", "ประมาณ", "ไม่ต่ำกว่า"))


def _hit(pid: int, doc: int, score: float, text: str, ordinal: int = 1) -> SearchHit:
    return SearchHit(passage_id=pid, doc_id=doc, score=score, title=f"doc-{doc}", text=text,
                     kind="text", section="paragraph", date=None, ordinal=ordinal)


def test_passage_features_read_the_documents_opening_and_the_other_hits() -> None:
    # Two princesses' entries: the passage of the one asked about scores lower in BM25,
    # but only her entry's opening names her.
    question = "เจ้าหญิงมารีนา เกิดที่ประเทศอะไร"
    terms = QuestionTerms.build([("เจ้าหญิง",), ("มารีนา",), ("เกิด",), ("ประเทศ",)],
                                {"เจ้าหญิง": 2.0, "มารีนา": 6.0, "เกิด": 1.0, "ประเทศ": 0.5})
    hits = [_hit(1, 10, 9.0, "พระองค์เกิดที่ประเทศบัลแกเรีย เจ้าหญิงทรงศึกษาที่เวียนนา"),
            _hit(2, 20, 7.0, "พระองค์เกิดที่ประเทศรัสเซีย และย้ายไปอยู่ที่กรุงปารีส")]
    leads = {10: "เจ้าหญิงนาเด็จดาแห่งบัลแกเรีย (พ.ศ. 2442) เป็นพระธิดา",
             20: "เจ้าหญิงมารีนา เปตรอฟนาแห่งรัสเซีย (พ.ศ. 2435) เป็นพระธิดา"}
    info = analyse_question(question)
    frame = question_frame(question)
    col = {name: i for i, name in enumerate(PASSAGE_FEATURES)}
    got = read_passages(hits, {}, terms, info, frame, set(), leads)
    assert len(got[0].features) == len(got[1].features) == len(PASSAGE_FEATURES)
    other, asked = got[0].features, got[1].features
    assert asked[col["lead_cover"]] == pytest.approx((2.0 + 6.0) / 9.5)
    assert asked[col["lead_near"]] == asked[col["lead_cover"]]
    assert other[col["lead_cover"]] == pytest.approx(2.0 / 9.5)
    assert asked[col["lead_gap"]] == 0.0 and other[col["lead_gap"]] < 0.0
    # The document's passages read together with its opening hold the whole question.
    assert asked[col["doc_cover"]] == pytest.approx(1.0)
    assert asked[col["doc_cover_gap"]] == 0.0 and other[col["doc_cover_gap"]] < 0.0
    assert other[col["bm25_z"]] > 0.0 > asked[col["bm25_z"]]
    # Without the openings nothing is made up: no lead, coverage from the passages only.
    bare = read_passages(hits, {}, terms, info, frame, set())
    assert bare[1].features[col["lead_cover"]] == 0.0
    assert bare[1].features[col["doc_cover"]] == pytest.approx(
        bare[1].features[col["cover_ctx"]])


def test_no_candidate_cuts_a_date_or_an_amount() -> None:
    text = "ประวัติ ดร.อำนวย วีรวรรณ เกิดเมื่อวันที่ 1 กรกฎาคม พ.ศ. 2470 ได้รับงบ 2.5 ล้านบาท จาก"
    cands = propose(text)
    spans = [(int(cands.start[i]), int(cands.end[i])) for i in range(len(cands))]
    for value in ("1 กรกฎาคม พ.ศ. 2470", "2.5 ล้านบาท"):
        a = text.index(value)
        b = a + len(value)
        assert (a, b) in spans
        assert not [text[s:e] for s, e in spans if s < a < e < b or a < s < b < e]


def test_the_surname_na_ayutthaya_is_no_venue() -> None:
    text = "มารดาชื่อ ประยูร (สกุลเดิม อิศรางกูร ณ อยุธยา) มีน้องสาว"
    cands = propose(text)
    assert not [cands.span(i) for i in range(len(cands)) if CTYPES[cands.ctype[i]] == "place"]


def test_clause_spans_answer_descriptions_only() -> None:
    """A clause span is scored for a "what" question, never for a person, place or date."""
    from bot.answering.reading import span_rows

    text = ("การประท้วงครั้งนั้นเป็นการชุมนุมต่อต้านนโยบายขึ้นภาษีน้ำมันที่จะมีผลให้ราคาน้ำมันสูงขึ้น "
            "นำโดยนายสมชาย ใจดี ที่กรุงเทพมหานคร")
    terms = QuestionTerms.build([("การประท้วง",), ("ครั้งนั้น",)],
                                {"การประท้วง": 3.0, "ครั้งนั้น": 1.0})
    longest = {}
    for question in ("การประท้วงครั้งนั้นคืออะไร", "การประท้วงครั้งนั้นนำโดยใคร"):
        info = analyse_question(question)
        frame = question_frame(question)
        passages = read_passages([_hit(1, 10, 5.0, text)], {}, terms, info, frame, set())
        rows = span_rows(passages, terms, info, frame, BoundaryTables.empty())
        longest[info.qtype] = max(e - s for _, s, e in map(rows.span, range(len(rows.x))))
    assert longest["what"] > MAX_CHARS >= longest["person"]


@pytest.mark.parametrize(("text", "unit", "counted"), [
    ("โดยมีขั้นตอน คือ 1. การสร้าง 2. การปรับ 3. การดำเนินการ 4. การติดตาม ประเมินผล",
     "ขั้นตอน", 4),
    ("แผนมี 3 ด้าน ได้แก่ 1) สังคม 2) เศรษฐกิจ 3) สิ่งแวดล้อม", "ด้าน", 3),
    ("ขั้นตอนที่ 1. ทำ", "ขั้นตอน", None),  # a numbered step, no list after the noun
    ("มีกิจกรรม คือ 1. ปลูกป่า และอื่น ๆ", "กิจกรรม", None),  # one item is no list
])
def test_a_numbered_list_after_the_counted_noun_is_counted(text: str, unit: str,
                                                            counted: int | None) -> None:
    got = counted_list(text, unit)
    assert (got[0] if got else None) == counted
    if got:
        assert text[got[1]:].startswith("1")



def test_a_year_after_an_era_in_full_is_a_date() -> None:
    """"พุทธศักราช 2445" is a year as "พ.ศ. 2445" is (a date question may only be answered
    by a date: spelt out, the year was no candidate of the kind)."""
    assert "พุทธศักราช 2445" in typed("ระบิล บุนนาค เกิดเมื่อพุทธศักราช 2445 ที่กรุงเทพ")["date"]
    assert "คริสต์ศักราช 1990" in typed("สร้างเสร็จในคริสต์ศักราช 1990 แล้ว")["date"]
