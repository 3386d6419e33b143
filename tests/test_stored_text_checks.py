"""Every free text that is stored and shown again passes the checks an update's text passes.

Tester 20: a rejection reason took ``=HYPERLINK(…)``, ``<script>`` and ``javascript:``
links (D4); ``users add --agency`` took formulas, markup and typos (D3, C2); a report
form's problems field kept ``<script>`` (D4c); ``<!--`` and ``﹦1+1`` passed ``/update``
and a NUL inside a question lost its answer (D5).  One check:
:func:`knowledge.formula_text.unsafe_kind`, worded by :func:`bot.plain_text.plain_text_problem`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cli_run import Run
from field_harness import Chat, Clock, text_of
from sqlalchemy import select

from bot.approvals import ApprovalPolicy
from bot.core import Core
from knowledge.formula_text import unsafe_kind
from knowledge.models import ProgressUpdate, UpdateDecision

NOW = dt.datetime(2023, 2, 15, 3, 0, tzinfo=dt.UTC)  # 2/2566
OFFICER, MANAGER = "telegram:7101", "telegram:7201"
SAMPLE_FORM = Path(__file__).resolve().parents[1] / "knowledge" / "sample" / "report_000.txt"


@pytest.mark.parametrize(("text", "kind"), [
    ("เบิกจ่าย 1,000 บาท<!--", "markup"), ("ประชุม ﹦1+1", "formula"), ("ประชุม ＝A1", "formula"),
    ("ประชุม ⁼SUM(A1)", "formula"), ('=HYPERLINK("http://evil","x")', "formula"),
    ("[ดูหลักฐาน](javascript:alert(1))", "markup"), ("<script>x</script>", "markup"),
    ("ประชุม =1+1 คน", None), ("อุณหภูมิ −5 องศา", None), ("โทร +66 81 234 5678", None),
    ("@ศาลากลาง", None),
])
def test_one_check_of_stored_text(text: str, kind: str | None) -> None:
    assert unsafe_kind(text) == kind


@pytest.fixture
def chat(make_app: Callable[..., Any]) -> Chat:
    app = make_app()
    clock = Clock(NOW)
    chat = Chat(app, clock, core=Core(app.db, app.index, clock=clock,
                                      approval=ApprovalPolicy.parse("all")))
    chat.register(OFFICER, "officer")
    chat.register(MANAGER, "manager")
    return chat


def _pending(chat: Chat) -> int:
    assert "รอผู้จัดการอนุมัติ" in chat.say(OFFICER, "/update 1 อบรมอาสาสมัคร 30 คน เบิกจ่าย 5,000 บาท")
    return max(u.id for u in chat.updates() if u.status == "pending")


@pytest.mark.parametrize("reason", [
    '=HYPERLINK("http://evil","x")', "[ดูหลักฐาน](javascript:alert(1)) <script>x</script>",
    "ตัวเลขไม่ตรง <!-- ซ่อน", "ตัวเลขไม่ตรง ﹦1+1",
])
def test_a_rejection_reason_is_checked_like_an_update(chat: Chat, reason: str) -> None:
    uid = _pending(chat)
    reply = chat.say(MANAGER, f"/reject {uid} {reason}")
    assert "ยังไม่ได้บันทึก" in reply and "เหตุผลเป็นข้อความธรรมดา" in reply
    # Typed after pressing ❌: refused and asked again, nothing decided.
    assert "เหตุผล" in text_of(chat.send(MANAGER, f"/reject {uid}"))
    again = chat.say(MANAGER, reason)
    assert "ข้อความธรรมดา" in again and "เหตุผล" in again
    with chat.app.db.read() as s:
        row = s.get(ProgressUpdate, uid)
        assert row is not None and row.status == "pending" and row.decision_reason is None
        assert not list(s.scalars(select(UpdateDecision).where(
            UpdateDecision.action == "rejected")))
    assert "ไม่อนุมัติรายงาน" in chat.say(MANAGER, "ตัวเลขเบิกจ่ายไม่ตรงกับใบเสร็จ")


def test_an_english_reason_is_refused_in_english(chat: Chat) -> None:
    from bot.conversation.lang import remember_language

    uid = _pending(chat)
    with chat.app.db.write() as s:  # markup's letters tell no language: the manager's is kept
        remember_language(s, "telegram", MANAGER.partition(":")[2], True, NOW)
    reply = chat.say(MANAGER, f"/reject {uid} the amount is wrong <script>x</script>")
    assert "Not saved: please type the reason in plain words" in reply


@pytest.mark.parametrize("text", ["เบิกจ่าย 1,000 บาท<!--", "ประชุม ﹦1+1 เบิกจ่าย 1,000 บาท"])
def test_update_and_edit_refuse_a_comment_opener_and_look_alike_signs(chat: Chat,
                                                                      text: str) -> None:
    before = len(chat.updates())
    assert "ยังไม่ได้บันทึก" in chat.say(OFFICER, f"/update 1 {text}")
    assert len(chat.updates()) == before
    uid = _pending(chat)
    assert "ข้อความธรรมดา" in chat.say(OFFICER, f"/edit {uid} {text}")
    with chat.app.db.read() as s:
        row = s.get(ProgressUpdate, uid)
        assert row is not None and "<!--" not in row.text and "﹦" not in row.text


# -- sdgbot users add --agency ---------------------------------------------------------------
@pytest.mark.parametrize("agency", ['=HYPERLINK("http://e")', "<b>x</b>", "ตท.สป. <!--"])
def test_an_agency_that_is_a_formula_or_markup_is_refused(run: Run, tmp_path: Path,
                                                          agency: str) -> None:
    home = tmp_path / "home"
    r = run(home, "users", "add", "console:x5", "--role", "officer", "--agency", agency)
    assert r.code == 1 and "ชื่อหน่วยงานไม่ถูกต้อง" in r.err and "plain words" in r.err
    assert not any(u["user"] == "console:x5" for u in run(home, "users", "list", "--json").json())


def test_an_agency_no_project_names_is_warned_with_the_closest_names(run: Run,
                                                                      tmp_path: Path) -> None:
    home = tmp_path / "home"
    typo = run(home, "users", "add", "console:x5", "--role", "officer", "--agency", "ตท.สป")
    assert typo.code == 0, typo.err
    assert "ไม่พบหน่วยงาน «ตท.สป»" in typo.out and "«ตท.สป.»" in typo.out
    assert "did you mean" in typo.out
    known = run(home, "users", "add", "console:x6", "--role", "officer", "--agency", "ตท.สป.")
    assert known.code == 0 and "ไม่พบหน่วยงาน" not in known.out
    assert run(home, "users", "add", "console:x7", "--role", "officer",
               "--province", "กรุงเทพ<b>").code == 1  # a province was checked already


# -- a report form's text fields -------------------------------------------------------------
def _form_with(tmp_path: Path, problems: str) -> Path:
    text = SAMPLE_FORM.read_text(encoding="utf-8").replace(
        "2. ชื่อโครงการ การขับเคลื่อน", "2. ชื่อโครงการ ทดสอบการขับเคลื่อน")
    assert text.rstrip().endswith("8. ปัญหาและอุปสรรค")
    path = tmp_path / "inbox" / "form3.txt"
    path.parent.mkdir(exist_ok=True)
    path.write_text(f"{text.rstrip()} {problems}\n", encoding="utf-8")
    return path


def test_a_form_field_with_markup_is_refused_at_ingest(run: Run, tmp_path: Path) -> None:
    home = tmp_path / "home"
    form = _form_with(tmp_path, "<script>alert(1)</script>")
    named = run(home, "ingest", str(form))
    assert named.code == 1 and "ปัญหาและอุปสรรค" in named.err and "markup" in named.err
    walked = run(home, "ingest", str(form.parent))
    assert walked.code == 0 and "added 0" in walked.out
    assert any(ln.startswith("ข้าม") and "problems field holds markup" in ln
               for ln in walked.out.splitlines())
    hits = run(home, "search", "alert script", "--json").json()["hits"]
    assert not any("<script>" in h["text"] for h in hits)
    plain = _form_with(tmp_path, "ขาดแคลนงบประมาณ")
    assert "added 1" in run(home, "ingest", str(plain)).out


# -- a NUL inside a question -----------------------------------------------------------------
def test_a_nul_inside_a_question_is_answered_as_without_it(run: Run, tmp_path: Path) -> None:
    home = tmp_path / "home"
    plain = run(home, "ask", "ธนาคารขยะตั้งแล้วกี่แห่ง", "--json").json()
    assert plain["found"] and "14,658" in plain["answer"]
    [with_nul] = run(home, "ask", "-", "--json", stdin="ธนาคารขยะ\0ตั้งแล้วกี่แห่ง\n").json_lines()
    assert with_nul["answer"] == plain["answer"]
