"""An English question about what is *not* keeps its negation, or is refused (tester18's
item 3 asked in English): "not" is no Thai term, and the included set's value would lead
under a real citation (bot/answering/english_negation.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from releases import DEEDS, DEEDS_KICK_OFF, FILLERS, ask_over, assert_leads

_DEEDS, _KICK_OFF = DEEDS, DEEDS_KICK_OFF

_NEGATED = "In how many provinces was the land title deed survey project not carried out?"


@pytest.mark.parametrize(("releases", "question", "lead"), [
    # The complement, as the Thai question "ไม่ดำเนินการในกี่จังหวัด" reads it.
    ([_DEEDS], _NEGATED, "8"),
    # Only the included set stated: no answer (never 69).
    ([_KICK_OFF], _NEGATED, None),
    # Not negated: the included set.
    ([_DEEDS], "In how many provinces was the land title deed survey project carried out?",
     "69"),
])
def test_an_english_negated_count_asks_the_complement(
        make_app: Callable[..., Any], tmp_path: Path, releases: list[dict[str, str]],
        question: str, lead: str | None) -> None:
    assert_leads(ask_over(make_app, tmp_path, [*releases, *FILLERS], question), lead)


@pytest.mark.parametrize("question", [
    "Which provinces did not take part in the land title deed survey project?",
    "How many provinces, except Bangkok, took part in the land title deed survey project?",
])
def test_an_english_negation_no_reading_carries_is_refused_in_english(
        make_app: Callable[..., Any], tmp_path: Path, question: str) -> None:
    ans = ask_over(make_app, tmp_path, [_DEEDS, *FILLERS], question)
    assert not ans.found
    assert "did not happen" in ans.point and not any("\u0e00" <= c <= "\u0e7f" for c in ans.point)


def test_negation_words() -> None:
    from bot.answering.english_negation import carried, negation, with_negation

    assert negation("Which provinces didn't join?") == "not"
    assert negation("How many people have never registered?") == "not"
    assert negation("Who attended other than the governor?") == "except"
    # Bounds and yes/no closings ask no complement.
    assert negation("Were not more than 5 provinces hit?") is None
    assert negation("Was the budget approved or not?") is None
    assert negation("How many provinces took part?") is None
    assert carried(_NEGATED, "count") and not carried(_NEGATED, "place")
    assert with_negation(_NEGATED, "count", "โฉนดที่ดิน") == "โฉนดที่ดิน ไม่ได้"
    # A Thai negation already rendered ("excluded": "ไม่รวม") is not written twice.
    assert with_negation(_NEGATED, "count", "ไม่รวม โฉนดที่ดิน") == "ไม่รวม โฉนดที่ดิน"
