"""A "what about X" question: its subject, asked of the question before or asked alone.

Kept apart from :mod:`bot.answering.followup` (which reads the answerer's topic words)
so that the answerer can tell a "what about" asked alone without importing it back.
"""

from __future__ import annotations

import re

from bot.answering.question import asks_something

__all__ = ["WHAT_ABOUT", "WHAT_ABOUT_EN", "what_about_subject"]

#: "แล้วนายอำเภอปายล่ะ", "นายอำเภอปายล่ะครับ", "And the Pai district chief?", "What about
#: Pai?": the question before, asked of another subject (its asking words kept).
WHAT_ABOUT = re.compile(r"^\s*(?:แล้ว)?\s*(?P<x>\S.*?)\s*(?:ล่ะ|หล่ะ|ละ)\s*"
                        r"(?:ครับ|คะ|ค่ะ|จ้ะ)?\s*\??\s*$")
WHAT_ABOUT_EN = re.compile(r"^\s*(?:and|what\s+about|how\s+about)\s+(?P<x>\S.*?)\s*\??\s*$",
                           re.I)
_THAI = re.compile(r"[\u0e00-\u0e7f]")


def what_about_subject(question: str) -> str | None:
    """The subject of a "what about" question asked alone, or None.

    "แล้วนายอำเภอท่าวุ้งล่ะ", "What about Pai?": with no question before it, it names a
    subject and asks nothing of it (the asking words were the previous question's,
    :func:`bot.answering.followup.asked_again`).  None when ``question`` is no such
    follow-up (a bare "ละ" with no "แล้ว" before, as in "คนละ", is not taken for one)
    or its subject asks something itself.
    """
    english = not _THAI.search(question)
    m = (WHAT_ABOUT_EN if english else WHAT_ABOUT).match(question)
    if m is None:
        return None
    if not english and not re.match(r"\s*แล้ว", question) \
            and not re.search(r"(?:ล่ะ|หล่ะ)\s*(?:ครับ|คะ|ค่ะ|จ้ะ)?\s*\??\s*$", question):
        return None
    subject = m.group("x").strip()
    if not subject or asks_something(subject):
        return None
    return subject
