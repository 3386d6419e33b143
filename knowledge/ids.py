"""Row ids as users type them: a number no row can have is simply no such row.

Every ``Integer`` id column holds at most :data:`~knowledge.models.MAX_ID` (PostgreSQL's
``integer`` is 32-bit; SQLite refuses a Python int past 64 bits with ``OverflowError``,
PostgreSQL a parameter past 32 bits with "integer out of range").  A user-typed id is
read by :func:`typed_id` and checked by :func:`in_range` before it reaches a query, so
that ``/approve 9999999999`` or ``sdgbot remove 99999999999999999999999`` answers "not
found" like any unknown id.
"""

from __future__ import annotations

from knowledge.models import MAX_ID
from knowledge.textcut import shorten
from knowledge.thai import to_arabic_digits

__all__ = ["MAX_ID", "in_range", "typed_id"]

#: Digits converted at most: a longer number is no id and is not even converted
#: (``int()`` refuses strings of more than 4,300 digits).
_MAX_DIGITS = 30


def in_range(row_id: int) -> bool:
    """Whether ``row_id`` is an id a row can have (1 to :data:`MAX_ID`)."""
    return 1 <= row_id <= MAX_ID


def typed_id(digits: str) -> int:
    """The number ``digits`` (ASCII or Thai, leading zeros allowed) names, to show and look up.

    It may be beyond :data:`MAX_ID` (so that a reply names what was typed): every
    lookup checks :func:`in_range` first, and a number of more than 30 digits is 0.
    ``ValueError`` when ``digits`` holds anything but decimal digits.
    """
    plain = to_arabic_digits(digits.strip()).lstrip("0") or "0"
    if not plain.isascii() or not plain.isdigit():
        raise ValueError(f"not an id: {shorten(digits, 30)!r}")
    if len(plain) > _MAX_DIGITS:
        return 0
    return int(plain)
