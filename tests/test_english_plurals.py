"""English counts agree with their nouns: "1 person", "2 people", never "1 people"."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
from field_harness import Chat, Clock

from bot.conversation.lang import fill, plural
from bot.field import WORDS as FIELD_WORDS

NOW = dt.datetime(2023, 2, 15, 3, 0, tzinfo=dt.UTC)  # 2/2566
#: A count of one before a plural noun.
ONE_PLURAL = re.compile(r"(?<![\d,.])1 (?:more )?(?:people|projects|updates|files|passages|"
                        r"documents|pages|rows|report projects)\b")


@pytest.mark.parametrize(("n", "expected"), [(0, "0 people"), (1, "1 person"),
                                             (2, "2 people"), (1000, "1,000 people")])
def test_plural(n: int, expected: str) -> None:
    assert plural(n, "person", "people") == expected
    assert fill("{n:person|people}", n=n) == expected


def test_every_english_field_template_with_one() -> None:
    for key, (_, english) in FIELD_WORDS.table.items():
        names = {m for m in re.findall(r"\{(\w+)", english)}
        text = FIELD_WORDS(key, True, **{k: 1 for k in names})
        assert not ONE_PLURAL.search(text), (key, text)


def test_missing_in_english_with_one_officer(make_app: Callable[..., Any]) -> None:
    chat = Chat.with_users(make_app(), Clock(NOW), {"telegram:900": "manager"})
    chat.register("telegram:111", "officer", agency="ตท.สป.")
    chat.say("telegram:900", "What is the budget of the SDG project?")  # English from now on
    reply = chat.say("telegram:900", "/missing 2/2566")
    assert "1 person" in reply and not ONE_PLURAL.search(reply)
