"""One language per reply: no Thai sentence with its English copy in brackets.

The fault: confirmations and errors such as "✖ ยกเลิกแล้ว ไม่มีการบันทึกใด ๆ (cancelled;
nothing was saved)", the console's "(พิมพ์หมายเลขเพื่อเลือก / type a number to choose)",
``/whoami``'s and ``/jobs``' lines, and a bad workbook's or PDF's reason ("ไฟล์ PDF
เสียหรืออ่านไม่ได้ (damaged PDF: ...)") reached a chat user half Thai, half English.
Checked as tables (every template of every conversation's words) and through the
readers' errors (:meth:`knowledge.parsers.DocumentError.say`) and the upload reply.
"""

from __future__ import annotations

import importlib
import re

import pytest

from bot.conversation.lang import Words
from bot.uploads import ingest_upload
from knowledge.ingest import read_bytes
from knowledge.parsers import DocumentError

THAI = re.compile(r"[\u0e01-\u0e4f]")
#: An English copy in brackets: a parenthesis of lower-case English words and no Thai.
#: (a file type, ".docx", is no copy).
ENGLISH_COPY = re.compile(r"\(([^()\u0e01-\u0e4f{}]*(?<![.\w])[a-z]{3,}\b[^()\u0e01-\u0e4f{}]*)\)")
MODULES = ["bot.conversation.router", "bot.conversation.update_flow", "bot.conversation.attach",
           "bot.approvals", "bot.field", "bot.evidence_view", "bot.reminders",
           "bot.conversation.evidence", "bot.conversation.replaced"]


def _tables() -> list[tuple[str, str, str]]:
    out = []
    for name in MODULES:
        for value in vars(importlib.import_module(name)).values():
            if isinstance(value, Words):
                out += [(name, key, thai) for key, (thai, _en) in value.table.items()]
    return out


@pytest.mark.parametrize(("module", "key", "thai"), _tables())
def test_a_thai_template_carries_no_english_copy(module: str, key: str, thai: str) -> None:
    copy = [m.group(0) for m in ENGLISH_COPY.finditer(thai)
            if "sdgbot" not in m.group(1) and "--" not in m.group(1)]
    assert not copy, (module, key, copy)


BAD_FILES = {
    "bad.pdf": b"%PDF-1.4\n" + b"\x00garbage" * 50,
    "bad.xlsx": b"PK\x03\x04" + b"\x00" * 200,
    "old.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 200,
    "empty.txt": b"",
    "blob.bin": bytes(range(256)) * 4,
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_a_readers_error_is_said_in_one_language(name: str) -> None:
    with pytest.raises(DocumentError) as info:
        read_bytes(BAD_FILES[name], name)
    english = info.value.say(True)
    assert not THAI.search(english), english
    thai = info.value.say(False)
    assert THAI.search(thai) and not ENGLISH_COPY.search(thai), thai


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_an_upload_is_refused_in_the_senders_language(seed_app: object, name: str) -> None:
    app = seed_app
    english = ingest_upload(app.db, app.index, name, BAD_FILES[name],  # type: ignore[attr-defined]
                            english=True)
    assert english.startswith("Sorry") and not THAI.search(english), english
    thai = ingest_upload(app.db, app.index, name, BAD_FILES[name],  # type: ignore[attr-defined]
                         english=False)
    assert not ENGLISH_COPY.search(thai), thai


@pytest.mark.parametrize("words", ["NON_TEXT_HINT", "APOLOGY", "EXPIRED"])
def test_the_adapters_own_words_come_in_two_languages(words: str) -> None:
    from bot import buttons
    from bot.adapters import line, telegram

    for module in (telegram, line, buttons):
        pair = getattr(module, words, None)
        if pair is None:
            continue
        thai, english = pair
        assert THAI.search(thai) and not ENGLISH_COPY.search(thai), thai
        assert not THAI.search(english), english
