"""English questions about what is *not*: the negation their Thai rendering must carry.

"In how many provinces was the project not carried out?" asks the complement of the
provinces where it was ("69 จังหวัด ยกเว้น 8 จังหวัด": 8), as "ไม่ดำเนินการในกี่จังหวัด"
does.  An English question is mapped into Thai term by term
(:func:`bot.answering.english.render_thai`) and "not" is no term: the rendering would ask
for the included set, and its value would lead under a real citation.

* a **negated count** ("how many ... not", "n't", "never") carries the negation into its
  rendering (:data:`THAI_NEGATION`), which :mod:`bot.answering.bindings` reads as it reads
  a Thai question's "ไม่": a value of the complement, or no answer;
* any **other negated question** ("Which provinces did not ...", "Why was X not ..."),
  and a question about **all but some** ("except", "excluding", "other than", "apart
  from", "besides"), is refused (:func:`carried`): no reading of it tells the complement.

Bounds ("not more than", "no later than") and "or not" ask no complement.
"""

from __future__ import annotations

import re

__all__ = ["THAI_NEGATION", "carried", "negation", "with_negation"]

#: A verb's negation: what is not, never, no longer so.
_NOT = re.compile(r"\b(?:not|never|no\s+longer|none\s+of)\b|n't\b|\bcannot\b", re.I)
#: "not" that bounds a value or closes a yes/no question: no complement asked.
_NO_COMPLEMENT = re.compile(
    r"\b(?:not|no)\s+(?:only|just|less|more|fewer|over|under|exceeding|later|earlier|"
    r"sooner|before|after|yet\s+known)\b|\bor\s+not\b", re.I)
#: All but some: "except Bangkok", "other than the governor".
_EXCEPT = re.compile(r"\b(?:except|excluding|other\s+than|apart\s+from|aside\s+from|besides|"
                     r"but\s+not)\b", re.I)
#: What a negated count's Thai rendering ends its words with: "ไม่ได้" (read as "ไม่" by
#: :func:`bot.answering.bindings.negated_phrase`).
THAI_NEGATION = "ไม่ได้"


def negation(question: str) -> str | None:
    """``"except"`` (all but some), ``"not"`` (a negation), or None for ``question``.

    A "not" that bounds a value ("not more than 5") or closes a yes/no question ("or
    not") is none.
    """
    if _EXCEPT.search(question):
        return "except"
    if _NOT.search(_NO_COMPLEMENT.sub(" ", question)):
        return "not"
    return None


def carried(question: str, qtype: str) -> bool:
    """Whether the English ``question`` of type ``qtype`` can be answered as its words ask.

    True with no negation, and for a negated count (its rendering carries the negation,
    :func:`with_negation`); False otherwise.
    """
    kind = negation(question)
    return kind is None or (kind == "not" and qtype == "count")


def with_negation(question: str, qtype: str, body: str) -> str:
    """``body`` (a rendering's Thai terms) with :data:`THAI_NEGATION` for a negated count.

    Unchanged when ``question`` asks no complement, is no count, or its terms already
    write a Thai negation ("excluded" is "ไม่รวม").
    """
    if qtype != "count" or negation(question) != "not" or "ไม่" in body:
        return body
    return f"{body} {THAI_NEGATION}".strip()
