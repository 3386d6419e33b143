"""One rule for shortening and splitting text: never mid-word or mid-character (issue 13, 7)."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import regex
from cli_run import Run
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pythainlp.tokenize import word_tokenize

from bot.adapters import line, telegram
from bot.core import Core, Message
from bot.users import add_user
from knowledge.textcut import shorten, split_text, utf16_len

GOAL = "การขับเคลื่อนเป้าหมายการพัฒนาที่ยั่งยืน"


def graphemes(text: str) -> list[str]:
    return regex.findall(r"\X", text, flags=regex.DOTALL)


def ends_on_grapheme(text: str, head: str) -> bool:
    """``head`` is a prefix of ``text`` that ends on a grapheme boundary."""
    assert text.startswith(head)
    pos = 0
    for g in graphemes(text):
        if pos == len(head):
            return True
        pos += len(g)
    return pos == len(head)


def word_prefix(text: str, head: str) -> bool:
    """``head`` is made of whole words of ``text`` (PyThaiNLP newmm)."""
    pos = 0
    for w in word_tokenize(text, engine="newmm", keep_whitespace=True):
        if pos >= len(head):
            break
        pos += len(w)
    return pos == len(head)


def test_word_boundaries_are_pythainlps_without_its_trie() -> None:
    """shorten segments with PyThaiNLP's word list read lazily: the same words as its trie."""
    from pythainlp.tokenize import word_dict_trie

    from knowledge.worddict import default_words

    sample = Path(__file__).resolve().parent.parent / "knowledge" / "sample"
    texts = [line for p in sorted(sample.glob("*.txt"))
             for line in p.read_text(encoding="utf-8").split("\n") if line.strip()]
    texts += ["ขับเคลื่อนเป้าหมายการพัฒนาที่ยั่งยืน (SDGs) ของกระทรวงมหาดไทย 9,684,500 บาท",
              "นายเหวียนเดินทางไปกรุงโตเกียว ประเทศญี่ปุ่น"]
    words = default_words()
    assert len(words) == len(word_dict_trie())
    for text in texts * 3:  # the repeats reach the per-letter tables
        assert word_tokenize(text, custom_dict=words, engine="newmm") == word_tokenize(
            text, engine="newmm")


def starts_with_mark(chunk: str) -> bool:
    return unicodedata.category(chunk[0]).startswith("M")


# -- the functions --------------------------------------------------------------------------------
@pytest.mark.parametrize(("split", "limit", "times"), [
    (lambda t: split_text(t, 4096, length=utf16_len), 4096, 1400),
    (telegram.split_text, 4096, 1400),  # the input
    (line.split_text, 5000, 1700),
])
def test_repeated_thi_is_never_split_from_its_marks(
    split: Callable[[str], list[str]], limit: int, times: int
) -> None:
    # The Telegram splitter's second chunk of "ที่" * 1400 began with a bare "ี่".
    text = "ที่" * times
    chunks = split(text)
    assert len(chunks) == 2
    assert "".join(chunks) == text
    for chunk in chunks:
        assert not starts_with_mark(chunk)
        assert utf16_len(chunk) <= limit
        assert len(chunk) % 3 == 0  # whole "ที่"s


def test_shorten_cuts_the_goal_between_words() -> None:
    out = shorten(GOAL, 30)
    assert out == "การขับเคลื่อนเป้าหมายการพัฒนา…"
    assert len(out) <= 30
    assert shorten(GOAL, 39) == GOAL  # fits: unchanged
    assert not shorten(GOAL + " และอื่น ๆ", 41).endswith("ยั่…")


def test_shorten_keeps_emoji_sequences_and_combining_accents_whole() -> None:
    family = "👨\u200d👩\u200d👧"
    out = shorten("ab" + family + "cd", 6)
    assert out in ("ab…", "ab" + family + "…")
    assert ends_on_grapheme("ab" + family + "cd", out[:-1])
    assert shorten("cafe\u0301 au lait", 6) == "cafe\u0301…"
    assert shorten("cafe\u0301 au lait", 5) == "caf…"  # one word longer than the room
    assert shorten("x" * 10, 1) == "…"
    assert shorten("x" * 10, 0) == ""
    with pytest.raises(ValueError):
        shorten("x", -1)


def test_shorten_in_utf16_units() -> None:
    out = shorten("😀" * 10, 9, length=utf16_len)
    assert out == "😀" * 4 + "…" and utf16_len(out) == 9


def test_split_keeps_lines_and_loses_nothing() -> None:
    text = "บรรทัดแรก\n" + (GOAL + " ") * 40 + "\nบรรทัดสุดท้าย"
    chunks = split_text(text, 200)
    assert all(len(c) <= 200 for c in chunks)
    assert "".join(chunks).replace(" ", "").replace("\n", "") == \
        text.replace(" ", "").replace("\n", "")
    for c in chunks:
        assert not starts_with_mark(c)
        assert word_prefix(c, c)  # each chunk starts and ends on word boundaries
    with pytest.raises(ValueError):
        split_text("x", 0)


thai = st.lists(st.sampled_from([*"กขคงจนมยรลวสหอะาิีึืุูเแโใไ่้๊๋ำั็์ ๆ\n",
                                 "😀", "e\u0301", "👨\u200d👩\u200d👧"]),
                max_size=200).map("".join)


@settings(max_examples=60, deadline=None)
@given(text=thai, limit=st.integers(min_value=1, max_value=120))
def test_shorten_property(text: str, limit: int) -> None:
    out = shorten(text, limit)
    assert len(out) <= limit
    if out == text:
        return
    head = out[:-1] if out.endswith("…") else out
    assert text.startswith(head)
    assert ends_on_grapheme(text, head)


@settings(max_examples=60, deadline=None)
@given(text=thai, limit=st.integers(min_value=8, max_value=120))  # 8: the family emoji
@example(text="กกกกก ่กก", limit=8).via("found by hypothesis")
@example(text="กกกกก😀 ิ", limit=8).via("found by hypothesis")
def test_split_property(text: str, limit: int) -> None:
    chunks = split_text(text, limit, length=utf16_len)
    assert all(utf16_len(c) <= limit for c in chunks)
    assert "".join(chunks).replace(" ", "").replace("\n", "") == \
        text.replace(" ", "").replace("\n", "")
    if any(utf16_len(g) > limit for g in graphemes(text)):
        return  # a cluster longer than the limit must be cut inside (test below)
    pos = 0
    rest = text
    for c in chunks:  # every chunk begins at a grapheme boundary of the text
        i = rest.index(c[0])
        pos += i
        # or right after the space it was split at: a space and a stray combining mark
        # after it (" ่") form one grapheme, and the space is where text is split.
        assert ends_on_grapheme(text, text[:pos]) or (pos > 0 and text[pos - 1].isspace())
        pos += len(c)
        rest = text[pos:]


def test_split_cuts_inside_a_cluster_only_when_it_cannot_fit() -> None:
    """A consonant under nine stacked marks (9 code units) against a limit of 8."""
    text = "ก" + "\u0e34" * 4 + "\u0e48" * 4
    chunks = split_text(text, 8, length=utf16_len)
    assert "".join(chunks) == text and all(utf16_len(c) <= 8 for c in chunks)
    assert split_text("กิ่ง " + text, 8, length=utf16_len)[0].strip() == "กิ่ง"


# -- the views ------------------------------------------------------------------------------------
@pytest.fixture
def core(make_app: Callable[..., Any]) -> Core:
    app: Any = make_app()
    with app.db.write() as s:
        add_user(s, "telegram:1", "admin", actor="test")
    return Core(app.db, app.index, media_dir=Path(app.settings.home) / "media")


def say(core: Core, text: str, n: list[int] = [0]) -> Any:  # noqa: B006 - a counter
    n[0] += 1
    return core.handle(Message("telegram", "1", text, message_id=f"t{n[0]}"))


def test_project_buttons_end_between_words(core: Core) -> None:
    from knowledge.models import Project

    with core.db.read() as s:
        names = {p.id: p.name for p in s.query(Project)}
    [reply] = say(core, "/update")
    assert reply.buttons
    for b in (b for b in reply.buttons if b.label.startswith("[")):  # the project buttons
        pid, name = b.label[1:].split("] ", 1)
        full = names[int(pid)]
        assert not name.endswith("พัฒนาท")  # the "[1] การขับเคลื่อนเป้าหมายการพัฒนาท"
        assert len(name) <= 30
        assert name == full or (name.endswith("…") and word_prefix(full, name[:-1]))


def test_myupdates_and_search_quote_whole_words(core: Core) -> None:
    text = ("ประชุมคณะทำงานขับเคลื่อนเป้าหมายการพัฒนาที่ยั่งยืนระดับจังหวัดครั้งที่ 3 "
            "จัดทำแผนปฏิบัติการและติดตามผลการดำเนินงานของทุกอำเภออย่างต่อเนื่อง")
    assert "บันทึก" in say(core, f"/update 1 {text}")[0].text
    [mine] = say(core, "/myupdates")
    line_ = next(x for x in mine.text.splitlines() if "ประชุม" in x)
    quoted = line_.split(": ", 1)[1]
    assert quoted.endswith("…") and not quoted.endswith("3 จั…")
    assert word_prefix(text, quoted.removesuffix("…"))
    [found] = say(core, "/search ธนาคารขยะ")
    for snippet in found.text.splitlines()[2::2]:
        if snippet.endswith("…"):
            assert not starts_with_mark(snippet.strip()[-2:])


def test_sdgbot_search_text_cuts_between_words(run: Run, tmp_path: Path) -> None:
    res = run(tmp_path / "home", "search", "ธนาคารขยะ", "-k", "3")
    assert res.code == 0, res.err
    lines = res.out.splitlines()
    texts = [x.strip() for x in lines[1::2]]
    assert texts
    for t in texts:
        if t.endswith("…"):
            head = t.removesuffix("…")
            assert ends_on_grapheme(head + "x", head)
            assert len(t) <= 200
