"""A Thai reply is Thai: no English sentence beside it, or in brackets after it.

The fault: ``/summary`` of a quarter without report forms answered "ไม่มีแบบรายงานหรือ
อัปเดตความคืบหน้าในไตรมาสนี้ (no report forms or progress updates for this quarter)" to
a user writing Thai.  One language per reply (README, "Language"): English only when the
user writes English.  This scans the Thai replies of the main commands, at their usual
and their refusing paths, for a run of English words; a command to type (``/summary
2/2566``, ``sdgbot users add telegram:1 --role staff``) is no sentence and is left out.
The English side (no Thai letter in an English reply) is tests/test_one_language.py.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
from field_harness import Chat, Clock, text_of

NOW = dt.datetime(2023, 2, 15, 3, 0, tzinfo=dt.UTC)  # 2/2566 in Bangkok
ADMIN = "telegram:9101"
OFFICER = "telegram:9102"
STRANGER = "telegram:9199"

#: What a user writing Thai types: the commands, well formed and not.
THAI_MESSAGES = [
    "/start", "/help", "/whoami", "/summary", "/summary 2/2566", "/summary 1/2560",
    "/summary 2/2599", "/summary ปีงบ 2566", "/summary อะไร", "/missing", "/missing 1/2560",
    "/docs", "/docs หน้า 9", "/projects", "/projects ขยะ", "/projects ไม่มีคำนี้",
    "/search ธนาคารขยะ", "/search ซซซซซ", "/ask ธนาคารขยะมีกี่แห่ง", "ธนาคารขยะมีกี่แห่ง",
    "/myupdates", "/undo", "/approve 999999", "/reject 999999 เหตุผล", "/evidence 999999",
    "/attach 999999", "/edit 999999 เบิกจ่าย 1,000 บาท", "/remind", "/remind ปิด",
    "/assign", "/jobs", "/remove 999999", "/grant telegram:7 ราชา", "/revoke telegram:404",
    "/cancel", "/update", "/update 999999 เบิกจ่าย 1,000 บาท", "/ไม่มีคำสั่งนี้",
    "/update 1 ประชุมติดตามงาน", "/update 1 เบิกจ่าย 1,000 ดอลลาร์",
    "/update 1 เบิกจ่าย 100,000 บาท และ 50,000 บาท", "/update 1 =SUM(A1:A3)",
]

#: What is no sentence of the bot's: a command as typed (a slash command, an sdgbot
#: command line with its options), a user id, a web address, a file name, a role name.
_NOT_WORDS = re.compile(
    r"sdgbot(?:\s+(?:--?)?[\w:.\-/]+)*"
    r"|/\w+(?:@\w+)?(?:\s+(?:[A-Z][A-Z_:]*|[a-z]+:\S+|\S*\d\S*))*"
    r"|\b[a-z]+:[\w.\-]+|https?://\S+|\S+\.(?:xlsx|png|pdf|docx|txt|jsonl)\b"
    r"|\b[A-Z]{2,}[\w.]*"
    r"|\b(?:staff|officer|manager|editor|admin)\b",  # the roles, as typed
)
#: Three English words in a row: a sentence (or its bracketed translation).
_ENGLISH_RUN = re.compile(r"\b[A-Za-z]{2,}(?:[\s,']+[A-Za-z]{2,}){2,}\b")


def _english_runs(reply: str) -> list[str]:
    return _ENGLISH_RUN.findall(_NOT_WORDS.sub(" ", reply))


@pytest.fixture
def chat(make_app: Callable[..., Any]) -> Chat:
    return Chat.with_users(make_app(), Clock(NOW), {ADMIN: "admin", OFFICER: "officer"})


@pytest.mark.parametrize("text", THAI_MESSAGES)
def test_a_thai_message_gets_a_thai_reply(chat: Chat, text: str) -> None:
    for who in (ADMIN, OFFICER):
        chat.say(who, "สวัสดี")  # the user writes Thai
        reply = chat.say(who, text)
        assert not _english_runs(reply), (who, text, _english_runs(reply), reply)
        chat.say(who, "/cancel")


def test_a_stranger_is_answered_in_thai(chat: Chat) -> None:
    for text in ("/start", "สวัสดี", "/summary"):
        reply = chat.say(STRANGER, text)
        assert not _english_runs(reply), (text, reply)


def test_the_scan_finds_a_bracketed_translation() -> None:
    """The check itself: the reply of the fault is caught, a command to type is not."""
    assert _english_runs("ไม่มีแบบรายงาน (no report forms or progress updates for this quarter)")
    assert not _english_runs("กรุณาแจ้งผู้ดูแลระบบ (sdgbot users add telegram:1 --role staff)")
    assert not _english_runs("ใช้: /grant PLATFORM:ID ROLE เช่น /grant telegram:123 staff")


def test_the_update_flow_and_its_approval_speak_thai(make_app: Callable[..., Any]) -> None:
    """Each step of a guided update, its release, /myupdates and the approval replies."""
    chat = Chat.with_approvals(make_app(), Clock(NOW), {ADMIN: "admin", OFFICER: "officer"})
    said = [chat.say(OFFICER, t) for t in (
        "/update", "ไม่มีโครงการชื่อนี้", "ยังไม่มีโครงการชื่อนี้อีก",  # the step released
        "/update 1", "อบรมอาสาสมัคร 25 คน เบิกจ่าย 12,000 บาท")]
    asked = chat.send(OFFICER, "/update 1 ประชุมแล้ว เบิกจ่ายแล้ว")  # confirmed first
    said += [text_of(asked), text_of(chat.press(OFFICER, asked, "✅ บันทึก")),
             chat.say(OFFICER, "/update 1 ระดับ 9")]
    said += [chat.say(OFFICER, "/update 1 ประชุมติดตามงาน เบิกจ่าย 5,000 บาท"),
             chat.say(OFFICER, "/myupdates")]
    uid = chat.updates()[-1].id
    said += [chat.say(ADMIN, f"/approve {uid}"), chat.say(ADMIN, f"/reject {uid} ซ้ำ"),
             chat.say(OFFICER, f"/edit {uid} เบิกจ่าย 6,000 บาท"), chat.say(OFFICER, "/undo")]
    for reply in said:
        assert not _english_runs(reply), (_english_runs(reply), reply)
