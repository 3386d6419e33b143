"""Answer matching as the evaluation tools score it (``../shared/tools/normalize.py``).

An expected answer counts when its normalised form is a substring of the normalised
reply: NFC, Thai digits as Arabic, the decomposed sara am (nikhahit + sara aa) joined,
commas inside numbers dropped, white space and zero-width spaces removed, en and em
dashes as hyphens, lower case.  The training script, the benchmarks and the tests
score with these functions so that they agree with the acceptance tools.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

__all__ = ["holds", "match_key"]

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_NUMBER_COMMA = re.compile(r"(?<=\d),(?=\d)")
_SPACE = re.compile(r"[\s\u200b]+")


def match_key(text: str) -> str:
    """``text`` normalised for matching ("๑๔,๖๕๘ แห่ง" -> "14658แห่ง")."""
    text = unicodedata.normalize("NFC", text).translate(_THAI_DIGITS)
    text = text.replace("\u0e4d\u0e32", "\u0e33")
    text = _NUMBER_COMMA.sub("", text)
    text = _SPACE.sub("", text)
    return text.replace("–", "-").replace("—", "-").lower()


def holds(reply: str, expected: Iterable[str]) -> bool:
    """Whether ``reply`` holds one of the ``expected`` answers (after :func:`match_key`)."""
    key = match_key(reply)
    return any(match_key(e) in key for e in expected)
