"""Progress filed under a closed quarter is saved only once confirmed (✅).

Today is 3 December 2026 in Bangkok (quarter 1/2570).  A back-dated update
("ไตรมาส 2/2566") would silently change a summary sent years ago: the one-line
``/update`` and the guided update show a warning at the last step and save only on
✅; ``/edit`` refuses to move an update there.  The quarter just ended stays open
without a warning while its managers still get its non-submitter lists (its
reporting deadline, ``SDGBOT_DEADLINE_DAYS``, plus ``bot.schedule.LIST_WINDOW``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from field_harness import Chat, Clock, text_of

from bot.approvals import ApprovalPolicy
from bot.core import Core
from bot.schedule import LIST_WINDOW, Schedule, current_quarter, previous_quarter
from knowledge.thai import FiscalQuarter

BANGKOK_0900 = dt.time(2, 0, tzinfo=dt.UTC)  # 09:00 in Bangkok
TODAY = dt.datetime.combine(dt.date(2026, 12, 3), BANGKOK_0900)  # quarter 1/2570
OFFICER = "telegram:5101"
OLD = "เบิกจ่ายสะสม 400,000 บาท ไตรมาส 2/2566"
CLOSED_TH = "ไตรมาส 2/2566 ปิดแล้ว"


def on(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, BANGKOK_0900)


@pytest.fixture
def chat(make_app: Callable[..., Any], db_url: str) -> Chat:
    return Chat.with_users(make_app(database_url=db_url), Clock(TODAY), {OFFICER: "officer"})


def saved_quarters(chat: Chat) -> list[tuple[int, int]]:
    return [(r.fiscal_year, r.quarter) for r in chat.updates()]


# -- the one-line /update ----------------------------------------------------------------------
def test_a_one_line_update_for_a_closed_quarter_waits_for_confirmation(chat: Chat) -> None:
    held = chat.send(OFFICER, f"/update 1 {OLD}")
    body = text_of(held)
    assert CLOSED_TH in body and "กด ✅" in body and "ยังไม่ได้บันทึก" in body
    chat.nothing_stored()
    saved = chat.press(OFFICER, held, "✅")
    assert "✅ บันทึกความคืบหน้าแล้ว" in text_of(saved)
    [row] = chat.updates()
    assert (row.fiscal_year, row.quarter, row.amount_baht) == (2566, 2, Decimal(400_000))


def test_a_cancelled_back_dated_update_leaves_nothing(chat: Chat) -> None:
    held = chat.send(OFFICER, f"/update 1 {OLD}")
    assert CLOSED_TH in text_of(held)
    assert "ยกเลิก" in text_of(chat.press(OFFICER, held, "✖"))
    chat.nothing_stored()


def test_the_warning_is_english_when_the_officer_writes_english(chat: Chat) -> None:
    held = chat.send(OFFICER, "/update 1 disbursed 40,000 baht, Q2 2566")
    body = text_of(held)
    assert "Quarter 2/2566 is closed" in body and "✅" in body, body
    assert "ปิดแล้ว" not in body
    chat.nothing_stored()


def test_the_current_quarter_is_saved_at_once(chat: Chat) -> None:
    for text in ("เบิกจ่าย 10,000 บาท ไตรมาส 1/2570", "เบิกจ่าย 20,000 บาท"):
        reply = chat.say(OFFICER, f"/update 1 {text}")
        assert "✅ บันทึกความคืบหน้าแล้ว" in reply and "ปิดแล้ว" not in reply, reply
    assert saved_quarters(chat) == [(2570, 1), (2570, 1)]


# -- the guided update -------------------------------------------------------------------------
def test_the_guided_update_warns_of_a_closed_quarter_and_saves_on_confirm(chat: Chat) -> None:
    chat.send(OFFICER, "/update 1")
    card = chat.send(OFFICER, OLD)
    assert "ขั้นที่ 3/3" in text_of(card) and CLOSED_TH in text_of(card)
    chat.nothing_stored()
    chat.press(OFFICER, card, "✅")
    assert saved_quarters(chat) == [(2566, 2)]


def test_the_guided_update_cancelled_leaves_nothing(chat: Chat) -> None:
    chat.send(OFFICER, "/update")
    chat.send(OFFICER, "1")  # the project, by its id
    card = chat.send(OFFICER, OLD)
    assert CLOSED_TH in text_of(card)
    chat.press(OFFICER, card, "✖")
    chat.nothing_stored()


def test_the_guided_update_of_the_current_quarter_has_no_warning(chat: Chat) -> None:
    chat.send(OFFICER, "/update 1")
    card = text_of(chat.send(OFFICER, "เบิกจ่าย 10,000 บาท ไตรมาส 1/2570"))
    assert "ขั้นที่ 3/3" in card and "ปิดแล้ว" not in card


# -- the grace of the quarter just ended -------------------------------------------------------
@pytest.mark.parametrize("text", ["เบิกจ่าย 10,000 บาท ไตรมาส 4/2569",
                                  "เบิกจ่าย 10,000 บาท ไตรมาส 4"])
def test_the_quarter_just_ended_is_open_while_its_lists_go_out(
        make_app: Callable[..., Any], text: str) -> None:
    # 4/2569 ended on 30 Sep 2026; its deadline was 23 Sep (7 days before), and its
    # managers' lists go out until 14 days after: 7 October.
    chat = Chat.with_users(make_app(), Clock(on(dt.date(2026, 10, 7))), {OFFICER: "officer"})
    reply = chat.say(OFFICER, f"/update 1 {text}")
    assert "✅ บันทึกความคืบหน้าแล้ว" in reply and "ปิดแล้ว" not in reply, reply
    chat.clock.advance(days=1)  # 8 October: the lists have stopped, the quarter is closed
    held = chat.send(OFFICER, f"/update 1 {text} (ครั้งที่ 2)")
    assert "ไตรมาส 4/2569 ปิดแล้ว" in text_of(held)
    assert saved_quarters(chat) == [(2569, 4)]
    chat.press(OFFICER, held, "✅")
    assert saved_quarters(chat) == [(2569, 4), (2569, 4)]


def test_the_grace_follows_the_deadline_setting(make_app: Callable[..., Any]) -> None:
    # SDGBOT_DEADLINE_DAYS=0: the deadline is the quarter's last day, the lists go out
    # until 14 October; with the default (7) the quarter closed on 8 October.
    app = make_app(deadline_days="0")
    clock = Clock(on(dt.date(2026, 10, 10)))
    text = "/update 1 เบิกจ่าย 10,000 บาท ไตรมาส 4/2569"
    default = Chat(app, clock)
    default.register(OFFICER, "officer")
    assert "ไตรมาส 4/2569 ปิดแล้ว" in default.say(OFFICER, text)
    default.nothing_stored()
    late = Chat(app, clock, Core(app.db, app.index, clock=clock,
                                 schedule=Schedule.from_settings(app.settings)))
    assert "✅ บันทึกความคืบหน้าแล้ว" in late.say(OFFICER, text + " ")
    assert saved_quarters(late) == [(2569, 4)]


@pytest.mark.parametrize("deadline_days", [0, 7, 30, 80])
def test_the_open_quarters_are_those_whose_lists_still_go_out(deadline_days: int) -> None:
    schedule = Schedule(deadline_days=deadline_days)
    day = dt.date(2026, 9, 1)
    while day < dt.date(2027, 1, 31):
        now = on(day)
        quarter = current_quarter(now)
        before = previous_quarter(quarter)
        expected = before if schedule.lists_due(now, before) else quarter
        assert schedule.open_from(now) == expected, day
        day += dt.timedelta(days=1)
    # The default: 7 days before the end, plus the lists' window.
    last = FiscalQuarter(2569, 4).end - dt.timedelta(days=7) + LIST_WINDOW
    assert Schedule().open_from(on(last)) == FiscalQuarter(2569, 4)
    assert Schedule().open_from(on(last + dt.timedelta(days=1))) == FiscalQuarter(2570, 1)


# -- /edit -------------------------------------------------------------------------------------
@pytest.fixture
def approving(make_app: Callable[..., Any]) -> Chat:
    return Chat.with_approvals(make_app(), Clock(TODAY), {OFFICER: "officer"})


def test_an_edit_into_a_closed_quarter_is_refused(approving: Chat) -> None:
    approving.say(OFFICER, "/update 1 เบิกจ่าย 12,000 บาท")
    [row] = approving.updates()
    assert (row.status, row.fiscal_year, row.quarter) == ("pending", 2570, 1)
    reply = approving.say(OFFICER, f"/edit {row.id} เบิกจ่าย 12,000 บาท ไตรมาส 2/2566")
    assert CLOSED_TH in reply and "ยังไม่ได้แก้ไข" in reply, reply
    assert saved_quarters(approving) == [(2570, 1)]
    en = approving.say(OFFICER, f"/edit {row.id} disbursed 12,000 baht, Q2 2566")
    assert "Quarter 2/2566 is closed" in en and "Not changed" in en, en
    assert saved_quarters(approving) == [(2570, 1)]
    ok = approving.say(OFFICER, f"/edit {row.id} เบิกจ่าย 13,000 บาท ไตรมาส 1/2570")
    assert "ปิดแล้ว" not in ok and approving.updates()[0].amount_baht == Decimal(13_000)


def test_an_edit_within_a_confirmed_closed_quarter_keeps_working(approving: Chat) -> None:
    held = approving.send(OFFICER, f"/update 1 {OLD}")
    approving.press(OFFICER, held, "✅")
    [row] = approving.updates()
    assert (row.status, row.fiscal_year, row.quarter) == ("pending", 2566, 2)
    # The quarter was confirmed with the update; correcting its text does not move it.
    reply = approving.say(OFFICER, f"/edit {row.id} เบิกจ่ายสะสม 410,000 บาท")
    assert "ปิดแล้ว" not in reply, reply
    assert approving.updates()[0].amount_baht == Decimal(410_000)


def test_an_edit_to_the_quarter_just_ended_is_allowed_in_its_grace(
        make_app: Callable[..., Any]) -> None:
    chat = Chat.with_approvals(make_app(), Clock(on(dt.date(2026, 10, 5))),
                               {OFFICER: "officer"})
    chat.say(OFFICER, "/update 1 เบิกจ่าย 12,000 บาท")
    uid = chat.updates()[0].id
    reply = chat.say(OFFICER, f"/edit {uid} เบิกจ่าย 12,000 บาท ไตรมาส 4/2569")
    assert "ปิดแล้ว" not in reply and saved_quarters(chat) == [(2569, 4)], reply


def test_the_core_reads_the_schedule_it_is_given(make_app: Callable[..., Any]) -> None:
    app = make_app()
    core = Core(app.db, app.index, clock=lambda: on(dt.date(2026, 10, 10)),
                approval=ApprovalPolicy(), schedule=Schedule(deadline_days=0))
    assert core.open_from() == FiscalQuarter(2569, 4)


def test_a_redelivery_after_the_quarter_closed_is_told_as_stored(
        make_app: Callable[..., Any]) -> None:
    # Saved in the grace; the platform delivers the same message again after it ended:
    # it is the update already stored (or undone), not a new one to confirm.
    chat = Chat.with_users(make_app(), Clock(on(dt.date(2026, 10, 7))), {OFFICER: "officer"})
    kept = "/update 1 เบิกจ่าย 10,000 บาท ไตรมาส 4/2569"
    undone = "/update 1 เบิกจ่าย 20,000 บาท ไตรมาส 4/2569"
    assert "✅ บันทึกความคืบหน้าแล้ว" in chat.say(OFFICER, kept, message_id="tg-1")
    assert "✅ บันทึกความคืบหน้าแล้ว" in chat.say(OFFICER, undone, message_id="tg-2")
    assert "ยกเลิก" in chat.say(OFFICER, "/undo")
    chat.clock.advance(days=3)
    again = chat.say(OFFICER, kept, message_id="tg-1")
    assert "บันทึกไว้แล้ว" in again and "ปิดแล้ว" not in again, again
    again = chat.say(OFFICER, undone, message_id="tg-2")
    assert "/undo" in again and "ปิดแล้ว" not in again, again
    assert saved_quarters(chat) == [(2569, 4)]


# -- the store itself: no path records a closed quarter's update unconfirmed --------------------
def test_store_update_refuses_a_closed_quarter_unless_confirmed(chat: Chat) -> None:
    """``store_update`` took any quarter: only the chat's two paths checked, so an import,
    an API or a new command could file progress under 2/2566 in 1/2570 silently."""
    from knowledge.models import Document
    from knowledge.updates import ClosedQuarterError, NewUpdate, store_update

    open_from = Schedule().open_from(TODAY)
    new = NewUpdate(project_id=1, platform="api", platform_message_id="row-7", text=OLD,
                    quarter=FiscalQuarter(2566, 2), amount_baht=Decimal(400_000), at=TODAY)
    documents = chat.count(Document)
    with pytest.raises(ClosedQuarterError, match="2/2566"), chat.app.db.write() as s:
        store_update(s, new, open_from=open_from)
    chat.nothing_stored()
    assert chat.count(Document) == documents  # nothing half-written
    with chat.app.db.write() as s:  # an open quarter, and a confirmed closed one, are stored
        store_update(s, NewUpdate(project_id=1, platform="api", platform_message_id="row-8",
                                  text="ลงพื้นที่", quarter=current_quarter(TODAY), at=TODAY),
                     open_from=open_from)
        store_update(s, NewUpdate(**{**new.__dict__, "closed_confirmed": True}),
                     open_from=open_from)
    assert sorted(saved_quarters(chat)) == [(2566, 2), (2570, 1)]
    with chat.app.db.write() as s:  # the redelivery of a stored one is told as stored
        again = store_update(s, NewUpdate(**{**new.__dict__, "closed_confirmed": False}),
                             open_from=open_from)
    assert not again.created and len(chat.updates()) == 2


# -- the quarter closing between the card and the ✅ ---------------------------------------------
JUST_ENDED = "เบิกจ่าย 10,000 บาท ไตรมาส 4/2569"


@pytest.fixture
def late_chat(make_app: Callable[..., Any], db_url: str) -> Chat:
    # 23:50 on 7 October 2026 in Bangkok: quarter 4/2569 is open for ten minutes more
    # (its lists go out until today); a guided update waits up to 30 minutes.
    late = dt.datetime(2026, 10, 7, 16, 50, tzinfo=dt.UTC)
    return Chat.with_users(make_app(database_url=db_url), Clock(late), {OFFICER: "officer"})


def test_a_quarter_closed_between_the_card_and_the_press_is_told_and_nothing_lost(
        late_chat: Chat) -> None:
    chat = late_chat
    chat.send(OFFICER, "/update 1")
    card = chat.send(OFFICER, JUST_ENDED)
    assert "ขั้นที่ 3/3" in text_of(card) and "ปิดแล้ว" not in text_of(card)
    chat.clock.advance(minutes=20)  # 8 October: the quarter closed while the card waited
    again = chat.press(OFFICER, card, "✅")
    body = text_of(again)
    assert "ยังไม่ได้บันทึก" in body and "ไตรมาส 4/2569 ปิดแล้ว" in body, body
    assert "Traceback" not in body and JUST_ENDED in body  # the text typed is still there
    chat.nothing_stored()
    stale = chat.press(OFFICER, card, "✅")  # the first card's button saves nothing now
    assert "ปิดแล้ว" in text_of(stale)
    chat.nothing_stored()
    saved = chat.press(OFFICER, again, "✅")  # confirmed on the card that warns of it
    assert "✅ บันทึกความคืบหน้าแล้ว" in text_of(saved)
    assert saved_quarters(chat) == [(2569, 4)]


def test_a_typed_save_word_is_held_the_same_way_in_english(late_chat: Chat) -> None:
    chat = late_chat
    chat.send(OFFICER, "/update 1")
    card = chat.send(OFFICER, "disbursed 10,000 baht, Q4 2569")
    assert "closed" not in text_of(card)
    chat.clock.advance(minutes=20)
    again = text_of(chat.send(OFFICER, "save"))
    assert "Not saved yet" in again and "Quarter 4/2569 is closed" in again, again
    chat.nothing_stored()
    chat.send(OFFICER, "save")
    assert saved_quarters(chat) == [(2569, 4)]


def test_a_one_line_update_held_for_another_reason_then_closed_is_told(late_chat: Chat) -> None:
    # The card of a one-line /update held for another reason (here a figure named and not
    # read) did not warn of the quarter: closed meanwhile, the ✅ shows it first.
    chat = late_chat
    held = chat.send(OFFICER, "/update 1 เบิกจ่ายแล้ว ไตรมาส 4/2569")
    assert "ยังไม่ได้บันทึก" in text_of(held) and "ปิดแล้ว" not in text_of(held)
    chat.clock.advance(minutes=20)
    again = chat.press(OFFICER, held, "✅")
    assert "ไตรมาส 4/2569 ปิดแล้ว" in text_of(again)
    chat.nothing_stored()
    chat.press(OFFICER, again, "✅")
    assert saved_quarters(chat) == [(2569, 4)]
