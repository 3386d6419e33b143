"""Text shortened for display is cut between words, never inside one (tester's fault 23.4).

``name[:60]`` left "…กระทรวงมหาดไท" in ``/evidence``; every such place now goes through
:func:`knowledge.textcut.shorten`.  A scan of the source keeps new ones out of f-strings.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from bot.answering.fields import UpdatesAnswer
from bot.menus import _areas
from bot.summary_lists import _shown
from knowledge.models import Project
from knowledge.textcut import shorten, utf16_len
from knowledge.thai import ThaiParseError, parse_quarter
from tests.conftest import Run

ROOT = Path(__file__).resolve().parents[1]
#: ``f"{x[:N]}"`` that cut no text a person reads: hashes, ids, timestamps, positions.
ALLOWED = {
    "str(body or '')[:200]",  # LINE's error body, for the log
    "body[:start]", "question[:m.start()]",  # positions, not lengths
    "digest.hexdigest()[:24]", "digest.hexdigest()[:16]", "digest[:16]", "uuid.uuid4().hex[:12]",
    "f['received_at'][:19]",  # an ISO timestamp
    "event_id[:160]", "message_id[:150]", "token[:150]",  # platform ids as keys
    # Column lengths of what is stored for the log, keys and errors (shown shortened).
    "msg.text[:2000]", "error[:MAX_ERROR]", "error[:200]", "key[:200]",
    "row.platform_message_id[:160]", "f'{where}!{ws.title}!{n}'[:160]",
    "str(obj.get('official_letter_date'))[:10]", "date[:10]",
    "filename[:200]", "parsed.original.filename[:500]",  # a file's name keeps its extension
    "broken[:5]", "UNSUPPORTED_TYPE[:UNSUPPORTED_TYPE.rindex('(')]", "clash[:10]",  # lists
}


def _sliced_in_fstrings() -> list[str]:
    found = []
    for package in ("bot", "knowledge", "indexer"):
        for path in sorted((ROOT / package).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                # Shown: an f-string's value, a keyword argument (a reply's words are
                # filled in by name), a dict's value (a button's label), a BotCommand's text.
                if isinstance(node, ast.FormattedValue | ast.keyword):
                    values = [node.value]
                elif isinstance(node, ast.Dict):
                    values = list(node.values)
                elif isinstance(node, ast.Call) and ast.unparse(node.func) == "BotCommand":
                    values = list(node.args)
                else:
                    continue
                for v in values:
                    if (isinstance(v, ast.Subscript) and isinstance(v.slice, ast.Slice)
                            and v.slice.lower is None and v.slice.upper is not None
                            and ast.unparse(v) not in ALLOWED):
                        found.append(f"{path.relative_to(ROOT)}:{v.lineno} {ast.unparse(v)}")
    return found


def test_nothing_shown_is_a_head_cut_by_slicing() -> None:
    assert _sliced_in_fstrings() == []


def test_evidence_title_is_cut_between_words(tmp_path: Path, run: Run) -> None:
    home = tmp_path / "home"
    assert run(home, "users", "add", "console:off1", "--role", "officer").code == 0
    run(home, "chat", "--user", "off1", stdin="/update 1 เบิกจ่าย 2 แสนบาท\n")
    out = run(home, "chat", "--user", "off1", stdin="/evidence 1\n").out
    assert "หลักฐานของรายงาน #1" in out, out
    assert "มหาดไท " not in out and "มหาดไท(" not in out
    assert "(SDGs)…" in out or "กระทรวงมหาดไทย" in out, out


LONG_NAME = "การขับเคลื่อนเป้าหมายการพัฒนาที่ยั่งยืน (SDGs) กระทรวงมหาดไทย " * 3


def test_a_citation_of_updates_cuts_the_project_name_between_words() -> None:
    project = Project(name=LONG_NAME)
    answer = UpdatesAnswer(text="", project=project, fiscal_year=2566, quarter=2, updates=2,
                           approved_updates=0, doc_id=1)
    assert f"«{shorten(LONG_NAME, 90)}»" in answer.label(False)
    assert f"«{shorten(LONG_NAME, 90)}»" in answer.label(True)


@pytest.mark.parametrize("role", ["staff", "officer", "manager"])
def test_line_menu_labels_fit_and_are_cut_between_words(role: str) -> None:
    for area in _areas(role):
        label = area["action"]["label"]
        assert utf16_len(label) <= 20
        assert label == shorten(area["action"]["displayText"], 20, length=utf16_len)


def test_words_echoed_in_errors_are_cut_between_words() -> None:
    typed = "ไตรมาส กระทรวงมหาดไทย กระทรวงมหาดไทย กระทรวงมหาดไทย"
    assert _shown(typed) == shorten(typed, 41)
    with pytest.raises(ThaiParseError) as info:
        parse_quarter(typed)
    assert shorten(typed, 40) in str(info.value.thai)
