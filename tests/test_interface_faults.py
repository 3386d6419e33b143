"""Interface faults a tester found (stale prompts, pages, digits, languages, years, scores).

Each test is one kind of mistake, checked where it can happen: a decided update's
reject-reason prompt closed for every manager, resume notes naming what is pending,
page numbers past the last or unreadable, full-width digits, one clear message when
nothing is saved, English replies without Thai fragments, Christian-era years said so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from field_harness import Chat, Clock

NOW = dt.datetime(2023, 2, 15, 3, 0, tzinfo=dt.UTC)  # 15 Feb 2023 10:00 in Bangkok: 2/2566
OFFICER = "telegram:5101"
MANAGER = "telegram:5201"
MANAGER2 = "line:U" + "5" * 32


@pytest.fixture
def approvals(make_app: Callable[..., Any]) -> Chat:
    return Chat.with_approvals(make_app(), Clock(NOW), {OFFICER: "officer", MANAGER: "manager",
                                                       MANAGER2: "manager"})


# -- C. a decided update leaves no prompt behind ----------------------------------------------
@pytest.mark.parametrize("decide", ["/approve {uid}", "/reject {uid} ตัวเลขไม่ตรงกับหลักฐาน",
                                    "button", "undo"])
def test_deciding_an_update_closes_every_reject_prompt_about_it(approvals: Chat,
                                                                 decide: str) -> None:
    chat = approvals
    chat.say(OFFICER, "/update 1 เบิกจ่าย 12,000 บาท")
    uid = chat.updates()[0].id
    for manager in (MANAGER, MANAGER2):  # both asked for a reason, neither typed it
        assert f"เหตุผลที่ไม่อนุมัติรายงาน #{uid}" in chat.say(manager, f"/reject {uid}")
    if decide == "button":
        replies = chat.send(MANAGER, f"/approve {uid}")
        assert "อนุมัติรายงาน" in replies[0].text
    elif decide == "undo":
        assert "ยกเลิกรายงาน" in chat.say(OFFICER, "/undo")
    else:
        chat.say(MANAGER, decide.format(uid=uid))
    for manager in (MANAGER, MANAGER2):
        for _ in range(2):
            later = chat.say(manager, "/whoami")
            assert "กลับมาที่" not in later and "เหตุผลที่ไม่อนุมัติ" not in later, later


def test_resume_note_names_what_is_pending(approvals: Chat) -> None:
    chat = approvals
    chat.say(OFFICER, "/update 1 เบิกจ่าย 12,000 บาท")
    uid = chat.updates()[0].id
    chat.say(MANAGER, f"/reject {uid}")
    later = chat.say(MANAGER, "/whoami")
    assert "↩️ กลับมาที่การพิมพ์เหตุผลที่ไม่อนุมัติ" in later, later
    assert "รายงานความคืบหน้าที่ค้างไว้" not in later
    again = chat.say(MANAGER, "/update")
    assert "เหตุผลที่ไม่อนุมัติ" in again and "ยังอยู่ระหว่างรายงานความคืบหน้า" not in again


# -- D. pages past the last, page 0, unreadable pages -----------------------------------------
@pytest.fixture
def admin_chat(make_app: Callable[..., Any]) -> Chat:
    c = Chat(make_app(), Clock(NOW))
    c.register(OFFICER, "admin")
    return c


@pytest.mark.parametrize(("typed", "says"), [
    ("/projects หน้า 99999", "เกินหน้าสุดท้าย: มีทั้งหมด 1 หน้า"),
    ("/projects 99999", "เกินหน้าสุดท้าย"),
    ("/docs หน้า 99999", "เกินหน้าสุดท้าย: มีทั้งหมด 1 หน้า"),
    ("/docs หน้า 0", "ไม่มีหน้า 0"),
    ("/docs หน้า abc", "อ่านเลขหน้า “abc” ไม่ได้"),
    ("/docs abc", "อ่านเลขหน้า “abc” ไม่ได้"),
])
def test_a_page_that_is_not_shown_is_said_so(admin_chat: Chat, typed: str, says: str) -> None:
    reply = admin_chat.say(OFFICER, typed)
    assert says in reply, reply
    assert "ยังไม่มีโครงการ" not in reply and "no projects yet" not in reply
    assert "[1]" in reply  # and what there is, is shown


def test_a_real_page_has_no_note(admin_chat: Chat) -> None:
    for typed in ("/docs", "/docs หน้า 1", "/projects", "/projects หน้า 1"):
        assert "ℹ️" not in admin_chat.say(OFFICER, typed)


# -- D. full-width digits are digits ----------------------------------------------------------
@pytest.mark.parametrize("digit", ["１", "𝟏", "๑", "1"])
def test_wide_digits_are_read_as_ids_and_numbers(approvals: Chat, digit: str) -> None:
    chat = approvals
    reply = chat.say(OFFICER, f"/update {digit} เบิกจ่าย １２,０００ บาท")
    assert "บันทึกความคืบหน้าแล้ว" in reply and "เลือกโครงการ" not in reply, reply
    (row,) = chat.updates()
    assert row.project_id == 1 and row.amount_baht == 12_000
    assert "อนุมัติรายงาน" in chat.say(MANAGER, f"/approve {str(row.id).replace('1', '１')}")


# -- D. one clear message when nothing is saved -----------------------------------------------
def test_unread_figure_is_one_message_that_matches_what_happened(approvals: Chat) -> None:
    reply = approvals.say(OFFICER, "/update 1 เบิกจ่าย 1,2345 บาท")
    assert approvals.updates() == []
    assert "ยังไม่ได้บันทึก" in reply and "อ่านตัวเลขไม่ได้" in reply
    assert "จึงบันทึกเป็นข้อความความคืบหน้าอย่างเดียว" not in reply, reply
    assert reply.count("ℹ️") == 1, reply


# -- D. English replies are English -----------------------------------------------------------
@pytest.mark.parametrize("delivery", ["first", "again"])
def test_english_update_confirmation_has_no_thai_fragments(approvals: Chat,
                                                          delivery: str) -> None:
    text = "/update 1 disbursed 12,000 baht level 3"
    [reply] = approvals.send(OFFICER, text, message_id="en-1")
    if delivery == "again":  # the same message delivered again: "saved already", in English
        [reply] = approvals.send(OFFICER, text, message_id="en-1")
        assert "saved already" in reply.text
    assert "saved" in reply.text
    # The project's own (Thai) name aside, every line is English.
    own = [line for line in reply.text.splitlines() if not line.startswith("Project:")]
    thai = [line for line in own if any("\u0e00" <= ch <= "\u0e7f" for ch in line)]
    assert not thai, thai
    assert all(not any("\u0e00" <= ch <= "\u0e7f" for ch in b.label) for b in reply.buttons)
    if delivery == "first":  # the English mark still names the update for a reply's photo
        from bot.conversation.attach import reply_target

        assert reply_target(reply.text) == approvals.updates()[0].id


def test_an_english_update_that_needs_confirming_is_checked_in_english(approvals: Chat) -> None:
    """An amount over the budget is confirmed first: the card follows the officer's English
    (it was Thai throughout); the project's name and the buttons' Thai halves aside."""
    [card] = approvals.send(OFFICER, "/update 1 disbursed 12,000,000 baht, level 3",
                            message_id="en-big")
    assert "Step 3/3" in card.text and "Disbursed: 12,000,000 baht" in card.text, card.text
    lines = [line for line in card.text.splitlines() if not line.startswith("Project:")]
    thai = [line for line in lines if any("\u0e00" <= ch <= "\u0e7f" for ch in line)]
    assert not thai, thai
    approvals.nothing_stored()
    thai_card = approvals.say(OFFICER, "/update 1 เบิกจ่าย 12,000,000 บาท ระดับ 3")
    assert "ขั้นที่ 3/3" in thai_card and "Step 3/3" not in thai_card


# -- D. a LINE id's form is spelled with its space --------------------------------------------
def test_user_id_form_messages_are_spaced() -> None:
    from bot.users import UserAdminError, parse_user_ref

    with pytest.raises(UserAdminError) as err:
        parse_user_ref("line:abc", check_id=True)
    assert "ต้องเป็น U ตามด้วย" in str(err.value)


# -- D. a Christian-era year is said so ---------------------------------------------------------
def test_summary_says_a_ce_year_was_read_as_ce(approvals: Chat) -> None:
    reply = approvals.say(MANAGER, "/summary ไตรมาส 2/2022")
    assert "ค.ศ. 2022 = พ.ศ. 2565" in reply and "2/2565" in reply
    # a year out of the range the bot serves says which year it was read as, too
    reply = approvals.say(MANAGER, "/summary ไตรมาส 2/1999")
    assert "ค.ศ. 1999 = พ.ศ. 2542" in reply and "นอกช่วงที่ใช้ได้" in reply, reply
    assert "ค.ศ." not in approvals.say(MANAGER, "/summary 2/2566")
    # "2/1999" alone is a quarter written the English way: the note is English.
    assert "1999 CE = 2542 BE" in approvals.say(MANAGER, "/summary 2/1999")
