"""Replies speak of approval only where an update waits for a manager (``SDGBOT_APPROVAL``).

With approval off no update is ever "approved" by anybody: ``/edit``, ``/evidence``,
``/help``, the saved confirmations (one-line and guided) and ``/undo`` must not say it
was, nor that anything waits.  With ``all`` they say it waits; with a scope, only the
updates of that scope do.  Thai and English alike.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
from field_harness import Chat, Clock, text_of

from bot.approvals import ApprovalPolicy
from bot.core import Core

NOW = dt.datetime(2023, 2, 15, 3, 0, tzinfo=dt.UTC)
OFFICER = "telegram:7101"
MANAGER = "telegram:7201"
#: Words of approval or of waiting for a manager.
APPROVAL = re.compile(r"อนุมัติ|approv|รอผู้จัดการ|waits? for|waiting|⏳", re.I)
TEXTS = {False: "อบรมเกษตรกร 20 คน เบิกจ่าย 12,000 บาท",
         True: "Trained 20 farmers, disbursed 12,000 baht"}


def _chat(make_app: Callable[..., Any], setting: str) -> Chat:
    app = make_app()
    core = Core(app.db, app.index, clock=Clock(NOW), approval=ApprovalPolicy.parse(setting))
    chat = Chat(app, core.clock, core)  # type: ignore[arg-type]
    chat.register(OFFICER, "officer")
    chat.register(MANAGER, "manager")
    return chat


@pytest.mark.parametrize("english", [False, True], ids=["th", "en"])
def test_no_reply_speaks_of_approval_when_none_is_configured(
        make_app: Callable[..., Any], english: bool) -> None:
    chat = _chat(make_app, "")
    saved = chat.say(OFFICER, f"/update 1 {TEXTS[english]}")
    uid = chat.updates()[-1].id
    replies = [saved,
               chat.say(OFFICER, f"/edit {uid} {TEXTS[english]} 13,000"),
               chat.say(OFFICER, f"/edit {uid}"),
               chat.say(OFFICER, "/edit" if not english else "/edit please"),
               chat.say(OFFICER, f"/evidence {uid}"),
               chat.say(MANAGER, f"/evidence {uid}"),
               chat.say(OFFICER, "/help" if not english else "/help me"),
               chat.say(MANAGER, "/help" if not english else "/help me")]
    chat.clock.advance(hours=1)
    chat.send(OFFICER, "/update 1")
    guided = chat.send(OFFICER, TEXTS[english])
    replies += [text_of(guided), text_of(chat.press(OFFICER, guided, "✅"))]
    replies.append(chat.say(OFFICER, "/undo"))
    for reply in replies:
        assert not APPROVAL.search(reply), reply
    assert "/undo" in replies[1] and "/update" in replies[1]
    decided = chat.say(MANAGER, f"/approve {uid}" if not english else f"/approve {uid} please")
    assert not re.search(r"อนุมัติแล้ว|approved (already|by)", decided), decided
    assert all(u.status == "approved" and u.decided_by is None for u in chat.updates())


@pytest.mark.parametrize("english", [False, True], ids=["th", "en"])
def test_an_update_outside_the_approval_scope_is_not_called_approved(
        make_app: Callable[..., Any], english: bool) -> None:
    chat = _chat(make_app, "agency:หน่วยงานอื่นที่ไม่มีโครงการ")
    saved = chat.say(OFFICER, f"/update 1 {TEXTS[english]}")
    assert not re.search(r"⏳|รออนุมัติ|waiting", saved), saved
    uid = chat.updates()[-1].id
    edit = chat.say(OFFICER, f"/edit {uid} {TEXTS[english]}")
    assert ("ไม่ต้องรออนุมัติ" in edit or "without waiting" in edit) and "/undo" in edit, edit
    assert not re.search(r"ได้รับการอนุมัติแล้ว|was approved", edit), edit
    evidence = chat.say(MANAGER, f"/evidence {uid}")
    assert not re.search(r"อนุมัติแล้ว|\bapproved\b", evidence), evidence
    # A manager deciding it is told there is nothing to decide, not "approved already".
    for command in (f"/approve {uid}", f"/reject {uid} ตัวเลขไม่ตรง"):
        answer = chat.say(MANAGER, command)
        assert "ไม่ต้องรออนุมัติ" in answer and "อนุมัติแล้ว" not in answer, answer
    # The commands are listed: some updates can wait here.
    assert "/approve" in chat.say(MANAGER, "/help")


@pytest.mark.parametrize("english", [False, True], ids=["th", "en"])
def test_with_approval_the_update_waits_and_an_approved_one_says_so(
        make_app: Callable[..., Any], english: bool) -> None:
    chat = _chat(make_app, "all")
    saved = chat.say(OFFICER, f"/update 1 {TEXTS[english]}")
    assert "⏳" in saved and "/edit" in saved
    uid = chat.updates()[-1].id
    assert "✏️" in chat.say(OFFICER, f"/edit {uid} {TEXTS[english]} 13,000")
    chat.say(MANAGER, f"/approve {uid}")
    edit = chat.say(OFFICER, f"/edit {uid} {TEXTS[english]}")
    assert "ได้รับการอนุมัติแล้ว" in edit or "was approved" in edit, edit
    assert re.search(r"อนุมัติแล้ว|approved", chat.say(MANAGER, f"/evidence {uid}"))
    assert "/edit" in chat.say(OFFICER, "/help")


@pytest.mark.parametrize("setting", ["", "agency:หน่วยงานอื่นที่ไม่มีโครงการ", "all"],
                         ids=["off", "outside", "all"])
def test_a_counted_update_is_called_approved_only_when_a_manager_approved_it(
        make_app: Callable[..., Any], setting: str) -> None:
    """The disbursement answer and its citation name the updates they count.

    "อัปเดตที่อนุมัติแล้ว" / "approved" only for updates a manager approved: with
    approval off, or the project outside its scopes, the same figure counts updates
    that waited for nobody.
    """
    chat = _chat(make_app, setting)
    chat.say(OFFICER, "/update 1 เบิกจ่าย 250,000 บาท ไตรมาส 2/2566")
    if setting == "all":  # waits, is not counted, then a manager approves it
        assert not re.search(r"250,000 บาท \(", chat.say(MANAGER, "ผลการเบิกจ่ายเท่าไร"))
        chat.say(MANAGER, f"/approve {chat.updates()[-1].id}")
    thai = chat.say(MANAGER, "ผลการเบิกจ่ายเท่าไร")
    english = chat.say(MANAGER, "How much was disbursed?")
    assert "250,000" in thai and "อัปเดต" in thai, thai
    assert "250,000" in english and "update" in english, english
    approved = setting == "all"
    assert ("อนุมัติแล้ว" in thai) == approved, thai
    assert ("approved" in english) == approved, english
    if not setting:
        assert not APPROVAL.search(thai) and not APPROVAL.search(english), (thai, english)


@pytest.mark.parametrize("english", [False, True], ids=["th", "en"])
@pytest.mark.parametrize("setting", ["", "agency:หน่วยงานอื่นที่ไม่มีโครงการ", "all"],
                         ids=["off", "outside", "all"])
def test_myupdates_tells_each_updates_approval_as_it_stands(
        make_app: Callable[..., Any], setting: str, english: bool) -> None:
    """``/myupdates`` marks what waits, what a manager approved or rejected; nothing else."""
    chat = _chat(make_app, setting)
    command = "/myupdates" if not english else "/myupdates please"
    for n in (1, 2, 3):
        chat.say(OFFICER, f"/update 1 {TEXTS[english]} ({n})")
        chat.clock.advance(minutes=1)
    listed = chat.say(OFFICER, command)
    if setting != "all":
        assert not re.search(r"⏳|✅|✖|อนุมัติ|approv|waiting", listed), listed
        return
    first, second, third = (u.id for u in chat.updates())
    chat.say(MANAGER, f"/approve {first}")
    chat.say(MANAGER, f"/reject {second} ตัวเลขไม่ตรง")
    lines = chat.say(OFFICER, command).splitlines()[1:]  # newest first
    assert "⏳" in lines[0] and f"#{third}" in lines[0], lines
    assert "✖" in lines[1] and ("ไม่อนุมัติ" in lines[1] or "rejected" in lines[1]), lines
    assert "✅" in lines[2] and ("อนุมัติแล้ว" in lines[2] or "approved" in lines[2]), lines
