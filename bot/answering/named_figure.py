"""A "when" question that names a figure asks the day of the release stating that figure.

"ไกล่เกลี่ยหนี้นอกระบบสำเร็จ 29,358 ราย เมื่อวันที่เท่าไร": a daily series' releases all
hold the question's words, and the one read first ("... สำเร็จ 27,448 ราย", 16 เม.ย.)
gave its own day under a real citation.  Only a document that states the figure (its
digits, in its title, opening or a passage read) can tell when that figure was reached;
when none does, there is no answer.

Pure functions over a question and texts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from bot.answering.reading import Passage
from knowledge.thai import to_arabic_digits

__all__ = ["FIGURE_MASS_SLACK", "figure_documents", "named_figures", "states_figures"]

#: A document stating the figure a "when" question names covers the question this much
#: less than others must (the figure is its rarest word; the daily releases' other words
#: are shared by all): "ไกล่เกลี่ยหนี้นอกระบบสำเร็จ 29,358 ราย เมื่อวันที่เท่าไร" and the
#: release of 30 เม.ย. 67 stating it, 0.625 of the question where 0.685 is asked.
FIGURE_MASS_SLACK = 0.1

#: A figure worth finding: digits grouped by commas ("29,358"), a decimal ("1,126.5"), or
#: five digits or more.  A bare four-digit number is mostly a year ("2567", "2024").
_FIGURE = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{5,}(?:\.\d+)?|\d+\.\d+)"
                     r"(?![\d,]*\d)")


def _digits(figure: str) -> str:
    return figure.replace(",", "")


def named_figures(question: str) -> tuple[str, ...]:
    """The figures ``question`` names, as plain digits ("29,358" -> "29358"); () when none.

    Dates' parts ("30 เม.ย. 67", "2567") are no figures: only grouped, decimal or long
    numbers count (:data:`_FIGURE`).
    """
    text = to_arabic_digits(question)
    return tuple(dict.fromkeys(_digits(m.group(0)) for m in _FIGURE.finditer(text)))


def states_figures(figures: tuple[str, ...], texts: Iterable[str]) -> bool:
    """Whether ``texts`` state every one of ``figures`` (digits, commas ignored).

    ``texts``: one document's title, opening and passages read.
    """
    stated = {_digits(m.group(0)) for text in texts
              for m in _FIGURE.finditer(to_arabic_digits(text))}
    return set(figures) <= stated


def figure_documents(question: str, qtype: str, passages: Sequence[Passage],
                     leads: Mapping[int, str]) -> frozenset[int] | None:
    """The documents read that state the figures a "when" question names, or None.

    ``question``: the Thai form; ``qtype``: its type (only ``"date"`` questions are
    bound); ``passages``: those read; ``leads``: each document's opening.  A document
    states a figure in its title, opening or any passage read of it.  None when the
    question asks no day or names no figure (every document may answer); an empty set
    when none states it (none may).
    """
    if qtype != "date":
        return None
    figures = named_figures(question)
    if not figures:
        return None
    texts: dict[int, list[str]] = {}
    for p in passages:
        doc = p.hit.doc_id
        if doc not in texts:
            texts[doc] = [p.hit.title or "", leads.get(doc, "")]
        texts[doc].append(p.text)
    return frozenset(doc for doc, parts in texts.items() if states_figures(figures, parts))
