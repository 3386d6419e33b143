"""Conversations speak the user's language, and close when the update they are about is decided.

Two kinds of fault, each checked wherever it can happen:

* **language**: every prompt, error and confirmation of the guided update, the
  attachment of photos, the approval and rejection (the manager's replies and the
  author's notification) is Thai by default and English when the user writes
  English (:mod:`bot.conversation.lang`); the words are tables of Thai and English
  templates checked here as tables;
* **stale conversations**: a conversation about one update (the author's "send the
  photos", a manager's "type the reason") closes when the update is approved,
  rejected or undone, and says why to a file sent afterwards.

Through the real core, and once through the Telegram adapter against the loopback
Bot API fake.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable
from typing import Any

import pytest
from fake_telegram import FakeTelegram, callback_update, message_update
from field_harness import Chat, Clock, tg_buttons, tg_drive, tg_plain, tg_settings, tg_to
from PIL import Image
from sqlalchemy import select

from bot import approvals
from bot.conversation import attach, router, update_flow
from bot.conversation.lang import Words, language_of
from bot.replies import Attachment, Reply
from knowledge.models import Conversation, Notification, UpdateEvidence

NOW = dt.datetime(2023, 2, 15, 3, 0, tzinfo=dt.UTC)  # 15 Feb 2023 10:00 in Bangkok: 2/2566
OFFICER = "telegram:7101"
MANAGER = "telegram:7201"
MANAGER2 = "line:U" + "7" * 32
THAI = re.compile(r"[\u0e00-\u0e7f]")
ENGLISH_UPDATE = "trained 25 volunteers, disbursed 12,000 baht, level 2"
THAI_UPDATE = "อบรมอาสาสมัคร 25 คน เบิกจ่าย 12,000 บาท ระดับ 2"


@pytest.fixture
def chat(make_app: Callable[..., Any]) -> Chat:
    return Chat.with_approvals(make_app(), Clock(NOW), {OFFICER: "officer", MANAGER: "manager",
                                                       MANAGER2: "manager"})


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (20, 140, 60)).save(out, "PNG")
    return out.getvalue()


def _photo(source: str) -> Attachment:
    data = _png()
    return Attachment(kind="photo", source_id=source, fetch=lambda limit: data, size=len(data))


def _without_names(text: str) -> str:
    """``text`` without the project's own name (Thai data, not the bot's words)."""
    return re.sub(r"\[\d+\][^\n]*", "[id]", re.sub(r"“[^”]*”", "“…”", text))


def _english_only(replies: list[Reply]) -> str:
    """The replies' text, asserting none of the bot's own words (nor button labels) is Thai."""
    text = "\n".join(r.text for r in replies)
    assert not THAI.search(_without_names(text)), text
    labels = [b.label for r in replies for b in r.buttons if not b.label.startswith("[")]
    assert not any(THAI.search(label) for label in labels), labels
    return text


# -- the tables ---------------------------------------------------------------------------------
TABLES = {"update_flow": update_flow.WORDS, "router": router.WORDS, "attach": attach.WORDS,
          "approvals": approvals.WORDS}


@pytest.mark.parametrize("name", sorted(TABLES))
def test_every_word_has_a_thai_and_an_english_form(name: str) -> None:
    for key, (thai, english) in TABLES[name].table.items():
        assert THAI.search(thai), (name, key, thai)
        assert not THAI.search(english), (name, key, english)
        assert english.strip() and english != thai, (name, key)


def test_a_table_whose_languages_name_different_fields_is_refused() -> None:
    with pytest.raises(ValueError, match="different fields"):
        Words({"k": ("รายงาน #{uid}", "Update #{id}")})


@pytest.mark.parametrize(("typed", "before", "english"), [
    ("disbursed 5,000 baht", False, True),
    ("เบิกจ่าย 5,000 บาท", True, False),
    ("waste bank เบิกจ่าย", True, False),          # any Thai letter: Thai
    ("12345", True, True),                          # numbers keep the language
    ("１２３", False, False),                        # full-width digits too
    ("😀😀", True, True),                            # only emoji
    ("", True, True),
    ("/update", True, True),                        # a command's name is no word
    ("/update waste bank", False, True),
    ("=SUM(A1:A10)", False, False),                 # a formula's letters are no English
    ("<b>5</b>", False, False),
    ("1e6", False, False),
])
def test_language_of(typed: str, before: bool, english: bool) -> None:
    assert language_of(typed, before) is english


# -- the guided update ------------------------------------------------------------------------
def test_guided_update_is_thai_by_default(chat: Chat) -> None:
    first = chat.say(OFFICER, "/update")
    assert "ขั้นที่ 1/3" in first and "Step" not in first
    second = chat.say(OFFICER, "1")
    assert "ขั้นที่ 2/3" in second and "ตัวอย่างรูปแบบ" in second


def test_every_step_follows_english_words(chat: Chat) -> None:
    chat.send(OFFICER, "/update")  # no words yet: Thai, the default
    step1 = chat.send(OFFICER, "sustainable developments")  # English words naming no project
    assert "No project matches" in _english_only(step1) and "step 1/3" in step1[-1].text
    step2 = chat.send(OFFICER, "1")  # a number keeps the language
    text = _english_only(step2)
    assert "Step 2/3" in text and "do not copy it" in text
    assert "Please type the progress again" in _english_only(chat.send(OFFICER, "x" * 10000))
    assert "empty" in _english_only(chat.send(OFFICER, "   "))
    for wordless in ("😀😀", "１２３４５", "=SUM(A1:A10)"):  # no language of their own
        assert "Not saved" in _english_only(chat.send(OFFICER, wordless)), wordless
    card = chat.send(OFFICER, ENGLISH_UPDATE)
    assert "Step 3/3" in _english_only(card)
    photo = chat.send(OFFICER, "", attachment=_photo("lang-1"))
    assert "Photo received" in _english_only(photo)
    saved = chat.press(OFFICER, photo, "save")  # the card shown again after the photo
    text = _english_only(saved)
    assert "Progress update saved" in text and "Update ID #" in text and "/undo" in text
    assert "Waiting for a manager's approval" in text


def test_the_language_follows_the_latest_words(chat: Chat) -> None:
    chat.send(OFFICER, "/update 1")
    assert "Step 3/3" in chat.say(OFFICER, ENGLISH_UPDATE)
    thai = chat.say(OFFICER, THAI_UPDATE)  # the officer turns to Thai: the card too
    assert "ขั้นที่ 3/3" in thai and "Step" not in thai


def test_a_new_update_starts_in_the_language_last_written(chat: Chat) -> None:
    chat.send(OFFICER, f"/update 1 {ENGLISH_UPDATE}")
    assert "step 1/3" in _english_only(chat.send(OFFICER, "/update"))
    assert "Cancelled" in _english_only(chat.send(OFFICER, "/cancel"))


def test_progress_typed_at_the_project_step_is_kept(chat: Chat) -> None:
    chat.send(OFFICER, "/update")
    kept = chat.say(OFFICER, THAI_UPDATE)
    assert "เก็บข้อความความคืบหน้าไว้แล้ว" in kept and "ขั้นที่ 1/3" in kept
    card = chat.say(OFFICER, "1")
    assert "ขั้นที่ 3/3" in card and "12,000" in card


@pytest.mark.parametrize("typed", ["", "   "])
def test_an_empty_message_is_asked_again_and_is_no_miss(chat: Chat, typed: str) -> None:
    chat.send(OFFICER, "/update")
    for _ in range(3):  # never counted as a message that names no project
        again = chat.say(OFFICER, typed)
        assert "ข้อความว่าง" in again and "ขั้นที่ 1/3" in again
    assert "ขั้นที่ 2/3" in chat.say(OFFICER, "1")


# -- approvals ----------------------------------------------------------------------------------
def _told(chat: Chat, ref: str) -> list[str]:
    uid = ref.partition(":")[2]
    with chat.app.db.read() as s:
        return [n.text for n in s.scalars(select(Notification)
                                          .where(Notification.external_user_id == uid)
                                          .order_by(Notification.id))]


def test_an_english_rejection_is_english_and_the_author_is_told_in_english(chat: Chat) -> None:
    chat.send(OFFICER, f"/update 1 {ENGLISH_UPDATE}")
    uid = chat.updates()[0].id
    prompt = chat.say(MANAGER, f"/reject {uid}")  # no words yet: Thai by default
    assert f"เหตุผลที่ไม่อนุมัติรายงาน #{uid}" in prompt
    done = chat.send(MANAGER, "the amount does not match the receipts")
    assert f"Update #{uid} rejected" in _english_only(done)
    told = _told(chat, OFFICER)[-1]
    assert f"update #{uid} was rejected" in told and "Reason: the amount" in told
    assert not THAI.search(_without_names(told)), told
    # the manager wrote English: later notifications to them are English too
    chat.send(OFFICER, f"/update 1 {ENGLISH_UPDATE}, second week")
    assert "waits for your approval" in _told(chat, MANAGER)[-1]
    again = chat.send(MANAGER, f"/approve {uid}")
    assert "was rejected already" in _english_only(again)


def test_a_thai_update_is_approved_in_thai(chat: Chat) -> None:
    chat.send(OFFICER, f"/update 1 {THAI_UPDATE}")
    uid = chat.updates()[0].id
    assert f"อนุมัติรายงาน #{uid} แล้ว" in chat.say(MANAGER, f"/approve {uid}")
    assert "ได้รับการอนุมัติแล้ว" in _told(chat, OFFICER)[-1]


def test_an_english_edit_is_answered_in_english(chat: Chat) -> None:
    chat.send(OFFICER, f"/update 1 {THAI_UPDATE}")
    uid = chat.updates()[0].id
    edited = chat.send(OFFICER, f"/edit {uid} {ENGLISH_UPDATE}, corrected")
    assert "corrected (still waiting" in _english_only(edited)


def test_a_demoted_manager_s_open_prompt_decides_nothing(chat: Chat) -> None:
    chat.send(OFFICER, f"/update 1 {THAI_UPDATE}")
    uid = chat.updates()[0].id
    chat.say(MANAGER, f"/reject {uid}")
    chat.register(MANAGER, "officer")
    refused = chat.say(MANAGER, "ตัวเลขไม่ตรงกับใบเสร็จ")
    assert "ต้องมีบทบาท manager" in refused
    assert chat.updates()[0].status == "pending"


# -- conversations about an update close when it is decided ----------------------------------
@pytest.mark.parametrize("decide", ["approve", "reject", "reject-button", "undo"])
def test_deciding_an_update_closes_its_attach_conversation(chat: Chat, decide: str) -> None:
    chat.send(OFFICER, f"/update 1 {THAI_UPDATE}")
    uid = chat.updates()[0].id
    assert f"แนบกับรายงาน #{uid}" in chat.say(OFFICER, f"/attach {uid}")
    chat.say(MANAGER2, f"/reject {uid}")  # another manager's prompt, open too
    if decide == "approve":
        chat.say(MANAGER, f"/approve {uid}")
    elif decide == "reject":
        chat.say(MANAGER, f"/reject {uid} ตัวเลขไม่ตรงกับใบเสร็จ")
    elif decide == "reject-button":
        chat.say(MANAGER, f"/reject {uid}")
        chat.say(MANAGER, "ตัวเลขไม่ตรงกับใบเสร็จ")
    else:
        assert "ยกเลิกรายงาน" in chat.say(OFFICER, "/undo")
    for who in (OFFICER, MANAGER2):  # no prompt comes back after a later command
        later = chat.say(who, "/whoami")
        assert "กลับมาที่" not in later and "แนบรูป" not in later, later
    late = chat.say(OFFICER, "", attachment=_photo("late-1"))
    assert f"รายงาน #{uid}" in late and "ไม่ได้เก็บ" in late, late
    assert chat.count(UpdateEvidence) == 0
    with chat.app.db.read() as s:
        assert not s.scalars(select(Conversation)
                             .where(Conversation.active_key.is_not(None))).all()
    if decide != "undo":  # the author is told the attaching was closed, with the decision
        assert "การแนบรูป/PDF กับรายงานนี้ที่เปิดค้างไว้ปิดแล้ว" in _told(chat, OFFICER)[-1]


def test_attaching_in_english_is_english_and_its_close_is_said_in_english(chat: Chat) -> None:
    chat.send(OFFICER, f"/update 1 {ENGLISH_UPDATE}")
    uid = chat.updates()[0].id
    asked = chat.send(OFFICER, f"/attach {uid}")
    assert "Send photos or PDFs" in _english_only(asked)
    chat.say(MANAGER, f"/approve {uid}")
    late = chat.send(OFFICER, "", attachment=_photo("late-en"))
    assert "was approved" in _english_only(late) and "not kept" in late[0].text


# -- through the Telegram adapter ----------------------------------------------------------------
def test_telegram_english_guided_update_and_attach_closed_by_approval(chat: Chat) -> None:
    with FakeTelegram(token="123456:FIELD-token_ABCdef") as fake:

        def scenario() -> None:
            fake.push(message_update(f"/update 1 {ENGLISH_UPDATE}, first", 7101))
            fake.wait_for("sendMessage", lambda c: tg_to(7101)(c) and "Update ID #" in tg_plain(c))
            fake.push(message_update("/update", 7101))
            step1 = fake.wait_for("sendMessage", lambda c: tg_to(7101)(c)
                                  and "step 1/3" in tg_plain(c))
            project = next(b for b in tg_buttons(step1) if b["text"].startswith("[1]"))
            fake.push(callback_update(project["callback_data"], 7101))
            step2 = fake.wait_for("sendMessage", lambda c: tg_to(7101)(c)
                                  and "Step 2/3" in tg_plain(c))
            assert not THAI.search(_without_names(tg_plain(step2)))
            assert [b["text"] for b in tg_buttons(step2)] == ["🔁 another project", "✖ cancel"]
            fake.push(message_update(ENGLISH_UPDATE + ", second", 7101))
            card = fake.wait_for("sendMessage", lambda c: tg_to(7101)(c)
                                 and "Step 3/3" in tg_plain(c))
            save = next(b for b in tg_buttons(card) if "save" in b["text"])
            fake.push(callback_update(save["callback_data"], 7101))
            saved = fake.wait_for("sendMessage", lambda c: tg_to(7101)(c)
                                  and "Progress update saved" in tg_plain(c))
            uid = int(re.search(r"Update ID #(\d+)", tg_plain(saved)).group(1))  # type: ignore[union-attr]
            fake.push(message_update(f"/attach {uid}", 7101))
            fake.wait_for("sendMessage", lambda c: tg_to(7101)(c)
                          and "Send photos or PDFs" in tg_plain(c))
            fake.push(message_update(f"/approve {uid}", 7201))
            fake.wait_for("sendMessage", lambda c: tg_to(7201)(c) and "อนุมัติ" in tg_plain(c))
            fake.push(message_update("/whoami", 7101))
            who = fake.wait_for("sendMessage", lambda c: tg_to(7101)(c) and "7101" in tg_plain(c))
            assert "Back to" not in tg_plain(who)

        tg_drive(chat.core, tg_settings(chat.app.settings, fake), scenario)
        fake.assert_clean()


# -- commands of ids only answer in the language the user last wrote --------------------------
ID_COMMANDS = ["/myupdates", "/remind", "/remind off", "/assign", "/evidence 999999",
               "/evidence abc", "/attach abc", "/attach 999999", "/edit 999999 fixed it",
               "/update 999999", "/cancel", "/undo", "/undo"]


@pytest.mark.parametrize("english", [True, False])
def test_commands_of_ids_answer_in_the_language_last_written(chat: Chat, english: bool) -> None:
    chat.send(OFFICER, f"/update 1 {ENGLISH_UPDATE if english else THAI_UPDATE}")
    for command in ID_COMMANDS:
        replies = chat.send(OFFICER, command)
        # "/edit 999999 fixed it": its own English words choose, for it and what follows.
        english = english or command.startswith("/edit")
        if english:
            _english_only(replies)
        else:
            assert THAI.search(replies[0].text), (command, replies[0].text)


# -- a conversation about a project that is removed goes back to choosing --------------------
@pytest.mark.parametrize("then", ["text", "save", "photo"])
def test_a_removed_project_sends_the_update_back_to_choosing(chat: Chat, then: str) -> None:
    from knowledge.models import Project

    with chat.app.db.write() as s:
        spare = Project(agency="อบจ.ตรัง", name="ป่าชายเลนตรัง")
        s.add(spare)
        s.flush()
        pid = spare.id
    chat.send(OFFICER, f"/update {pid}")
    card = chat.send(OFFICER, THAI_UPDATE)
    assert "ขั้นที่ 3/3" in card[-1].text
    with chat.app.db.write() as s:  # /remove of its document took the project meanwhile
        gone = s.get(Project, pid)
        assert gone is not None
        s.delete(gone)
    if then == "text":
        replies = chat.send(OFFICER, THAI_UPDATE + " เพิ่มเติม")
    elif then == "save":
        replies = chat.press(OFFICER, card, "✅")
    else:
        replies = chat.send(OFFICER, "", attachment=_photo("gone-1"))
    text = "\n".join(r.text for r in replies)
    assert "โครงการนี้ถูกลบไปแล้ว" in text and "ขั้นที่ 1/3" in text, text
    chat.nothing_stored()
    assert "ขั้นที่ 3/3" in chat.say(OFFICER, "1")  # the text typed is kept


def test_a_question_outside_a_conversation_looks_up_no_language(
        chat: Chat, monkeypatch: pytest.MonkeyPatch) -> None:
    """The usual message pays little for languages: no reads of the user's history.

    A question that tells its language reads the one kept for the user (a primary-key
    read, to keep the new one when it differs), never the history of their words.
    """
    def forbidden(*args: object, **kw: object) -> bool:
        raise AssertionError("the remembered language was looked up for a plain question")

    from bot import core
    monkeypatch.setattr(core, "remembered_english", forbidden)
    chat.say(OFFICER, "ธนาคารขยะตั้งแล้วกี่แห่ง")
    chat.say(OFFICER, "How many waste banks are there?")
