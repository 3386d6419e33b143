"""A lead or a cut never ends inside a Thai word, even where the segmenter splits one.

tester18 #25: "SOP และมาตรฐาน CAP ครอบคลุมกี่ประเภทภัย" was answered "กว่า 8 ประ —": newmm
found "ประเภทภัย" as "ประ|เภทภัย" (the dictionary has "เภทภัย"), as good a split to it as
"ประเภท|ภัย", and both the value's span and :func:`knowledge.textcut.shorten` ended at
"ประ".  A boundary a longer dictionary word starting at the same place crosses is no
place to end.
"""

from __future__ import annotations

import pytest

from bot.answering.compose import compose_reply, whole_words
from knowledge.textcut import longer_word_end, shorten
from knowledge.worddict import default_words

TEXTS = [
    "มาตรฐาน (CAP) ครอบคลุมแล้วกว่า 8 ประเภทภัย ทั้งแผ่นดินไหว สึนามิ วาตภัย อุทกภัย",
    "กระทรวงมหาดไทยได้ดำเนินการจัดตั้งธนาคารขยะชุมชนแล้ว 14,658 แห่งทั่วประเทศ",
    "ประเภทภัยที่ครอบคลุม ได้แก่ ประเภทภัยธรรมชาติและประเภทภัยจากมนุษย์",
    "โครงการหมู่บ้านยั่งยืนดำเนินการในพื้นที่ 76 จังหวัดทั่วประเทศไทยอย่างต่อเนื่อง",
]


def _bad_end(text: str, head: str) -> bool:
    """Whether ``head`` (a head of ``text``) ends inside a longer dictionary word."""
    words = set(default_words())
    end = len(head)
    if end >= len(text) or not head or head[-1] in " \t":
        return False
    return any(text[a:b] in words and a < end < b
               for a in range(max(0, end - 12), end) for b in range(end + 1, min(len(text),
                                                                                  a + 24) + 1)
               if (a == 0 or not ("\u0e01" <= text[a - 1] <= "\u0e4e") or text[a - 1] == " ")
               and text[a:end] == "ประ")


@pytest.mark.parametrize("text", TEXTS)
def test_no_cut_leaves_half_of_prapheet(text: str) -> None:
    # Below the first word's length, a word longer than the limit is cut inside (the
    # one exception :func:`shorten` documents).
    for limit in range(len("ประเภท") + 2, len(text) + 1):
        head = shorten(text, limit).removesuffix("…").rstrip()
        assert text.startswith(head)
        assert not head.endswith("ประ"), (limit, head)
        assert not _bad_end(text, head), (limit, head)


def test_the_longer_word_wins_a_tie() -> None:
    text = "กว่า 8 ประเภทภัย ทั้ง"
    at = text.index("ประ")
    assert longer_word_end(text, at, at + 3) == at + len("ประเภท")
    assert longer_word_end(text, at, at + len("ประเภท")) == at + len("ประเภท")


def test_a_lead_is_whole_words() -> None:
    text = TEXTS[0]
    start = text.index("8")
    whole = ("8 ประเภท", "8 ประเภทภัย")  # either is whole words (both are in the dictionary)
    assert text[slice(*whole_words(text, start, start + len("8 ประ")))] in whole
    assert text[slice(*whole_words(text, start, start + len("8 ประเภ")))] in whole
    reply = compose_reply(text, start, start + len("8 ประ"), kind="count", english=False,
                          budget=300)
    assert reply.startswith(("กว่า 8 ประเภท —", "กว่า 8 ประเภทภัย —")), reply


@pytest.mark.parametrize("cut", range(1, 12))
def test_a_span_ending_anywhere_inside_a_word_is_widened(cut: int) -> None:
    text = TEXTS[1]
    start = text.index("14,658")
    end = start + len("14,658 ") + cut
    a, b = whole_words(text, start, min(end, len(text)))
    shown = text[a:b]
    assert shown.startswith("14,658 แห่ง"), shown
