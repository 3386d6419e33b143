"""Text files as Thai offices save them: UTF-8, UTF-16 with its byte-order mark, or Windows-874.

Notepad on a Thai Windows saves "ANSI" text as code page 874 (TIS-620 with a few
punctuation marks more), and "Unicode" text as UTF-16 with a byte-order mark; a
ministry's older text files are in either.  :func:`decode_text` reads all three;
anything else is refused with the offset of the first byte that is not UTF-8.
"""

from __future__ import annotations

import codecs
import re

__all__ = ["decode_text", "has_utf16_bom"]

_THAI = re.compile(r"[\u0e01-\u0e5b]")


def _reads_as_thai(data: bytes, text: str) -> bool:
    """Whether Windows-874 ``text`` (decoded from ``data``) is Thai, not Latin-1 accents.

    Thai words are runs of letters above 127; a Latin-1 accent ("café" saved as Latin-1) stands
    alone between ASCII letters.  At least two Thai letters, and most bytes above 127
    beside another.
    """
    if len(_THAI.findall(text)) < 2:
        return False
    high = [i for i, b in enumerate(data) if b > 127]
    paired = sum(1 for k, i in enumerate(high)
                 if (k and high[k - 1] == i - 1) or (k + 1 < len(high) and high[k + 1] == i + 1))
    return paired >= 0.6 * len(high)


def has_utf16_bom(data: bytes) -> bool:
    """Whether ``data`` opens with a UTF-16 byte-order mark (little or big endian)."""
    return data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))


def decode_text(data: bytes) -> str:
    """``data`` decoded as UTF-16, UTF-8 or Windows-874, whichever fits.

    UTF-16 after its byte-order mark; else UTF-8 (a BOM dropped); else Windows-874 when
    every byte is one of its characters and the text reads as Thai.  Raises
    :class:`UnicodeDecodeError` (UTF-8's: ``start`` is the first bad byte) when none fits.
    """
    if has_utf16_bom(data):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        try:
            text = data.decode("cp874")
        except UnicodeDecodeError:
            raise exc from None
        if not _reads_as_thai(data, text):
            raise
        return text
