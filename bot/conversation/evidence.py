"""Files sent as evidence of an update: checked by size before download, by content after.

An adapter describes the file in an :class:`~bot.replies.Attachment` (the size the
platform states, if it states one, and a ``fetch`` that downloads it); nothing is
downloaded before the conversation wants the file and the stated size is within
:data:`MAX_EVIDENCE_BYTES`.  After the download the size is checked again and the content
decides the type: a photo must open as a JPEG, PNG, WebP or GIF image with Pillow (the
name and the platform's word for it count for nothing), within :data:`MAX_PIXELS`; a PDF
must start like one.  Anything else is refused with a Thai reason.
"""

from __future__ import annotations

import hashlib
import io
import logging
import warnings
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError

from bot.replies import Attachment

__all__ = [
    "MAX_EVIDENCE_BYTES",
    "MAX_FILES_PER_UPDATE",
    "MAX_PIXELS",
    "Attachment",
    "CheckedFile",
    "EvidenceError",
    "check_content",
    "download_checked",
    "too_large_message",
]

#: The largest evidence file accepted (a phone photo is 2-5 MB; Telegram sends at most 10).
MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
#: Pixels an image may have (a 50-megapixel camera; more is refused, not decoded).
MAX_PIXELS = 50_000_000
#: Files one update may carry.
MAX_FILES_PER_UPDATE = 5

_IMAGE_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp",
                "GIF": "image/gif"}
_EXTENSIONS = {"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp",
               "image/gif": ".gif", "application/pdf": ".pdf"}


log = logging.getLogger(__name__)

_TOO_MANY_PIXELS = ("รูปมีขนาดพิกเซลใหญ่เกินไป กรุณาย่อรูปก่อนส่ง",
                    "The image has too many pixels; please make it smaller before sending it.")


class EvidenceError(ValueError):
    """A file refused as evidence: ``str()`` is the polite Thai reason, :meth:`say` either.

    Made from a ``(Thai, English)`` pair of the same reason.
    """

    def __init__(self, words: tuple[str, str]) -> None:
        """Keep both wordings of the reason; the Thai one is the exception's message."""
        super().__init__(words[0])
        self.words = words

    def say(self, english: bool = False) -> str:
        """The reason in the user's language."""
        return self.words[1 if english else 0]


@dataclass(frozen=True)
class CheckedFile:
    """A file whose content was checked: its real type, bytes and fingerprint."""

    mime: str
    data: bytes
    sha256: str
    filename: str
    width: int | None = None
    height: int | None = None


def too_large_message(size: int) -> tuple[str, str]:
    """The reply for a file over the limit, Thai and English (sizes in MB, one decimal)."""
    mb, limit = f"{size / 1024 / 1024:.1f}", MAX_EVIDENCE_BYTES // 1024 // 1024
    return (f"ไฟล์ใหญ่เกินไป ({mb} MB) รับได้ไม่เกิน {limit} MB กรุณาส่งรูปที่เล็กลง",
            f"The file is too large ({mb} MB); at most {limit} MB. Please send a smaller one.")


def check_content(data: bytes) -> CheckedFile:
    """What ``data`` really is, or :class:`EvidenceError` with the reason.

    Images are opened with Pillow and verified (a truncated or forged file fails);
    their pixel count is read from the header before any decoding, so a decompression
    bomb is refused without being decoded.
    """
    if not data:
        raise EvidenceError(("ไฟล์ว่างเปล่า ไม่มีข้อมูล",
                             "The file is empty."))
    if len(data) > MAX_EVIDENCE_BYTES:
        raise EvidenceError(too_large_message(len(data)))
    digest = hashlib.sha256(data).hexdigest()
    if data.startswith(b"%PDF-"):
        return CheckedFile("application/pdf", data, digest, f"{digest[:16]}.pdf")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as img:
                fmt = img.format or ""
                width, height = img.size
                if width * height > MAX_PIXELS:
                    raise EvidenceError(_TOO_MANY_PIXELS)
                img.verify()
    except EvidenceError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise EvidenceError(_TOO_MANY_PIXELS) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise EvidenceError(("ไฟล์นี้ไม่ใช่รูปภาพที่เปิดได้ (รับรูป JPEG, PNG, WebP หรือ PDF) "
                             "(this file is not an image)",
                             "This file is not an image that opens (JPEG, PNG, WebP or PDF "
                             "are taken).")) from exc
    mime = _IMAGE_TYPES.get(fmt)
    if mime is None:
        raise EvidenceError((f"ไม่รับรูปชนิด {fmt or 'นี้'} (รับ JPEG, PNG, WebP หรือ GIF) "
                             "(unsupported image type)",
                             f"Images of type {fmt or 'this'} are not taken (JPEG, PNG, WebP "
                             "or GIF are)."))
    return CheckedFile(mime, data, digest, f"{digest[:16]}{_EXTENSIONS[mime]}", width, height)


def download_checked(att: Attachment) -> CheckedFile:
    """Download ``att`` (never past :data:`MAX_EVIDENCE_BYTES`) and check its content.

    :class:`EvidenceError` (a Thai reason) for a file too large by its stated size or
    by what arrived, a failed download, or content that is no photo or PDF.
    """
    if att.size is not None and att.size > MAX_EVIDENCE_BYTES:
        raise EvidenceError(too_large_message(att.size))
    try:
        data = att.fetch(MAX_EVIDENCE_BYTES)
    except EvidenceError:
        raise
    except Exception as exc:
        log.warning("could not download an evidence file (%s)", type(exc).__name__)
        raise EvidenceError(("ขออภัย ดาวน์โหลดไฟล์ไม่สำเร็จ กรุณาส่งใหม่อีกครั้ง "
                             "(download failed)",
                             "Sorry, the file could not be downloaded; please send it "
                             "again.")) from exc
    return check_content(data)
