"""Which message belongs to a conversation, and one locked transaction per turn.

The core asks :meth:`Conversations.route` about every message from a registered user:

* plain text or a file from a user with an open conversation (in the chat it began
  in) is the conversation's next turn;
* ``/update`` alone shows the current step again; ``/cancel`` ends it; the
  conversation's buttons (``/btn ID.SEQ ACTION``) are pressed through
  :meth:`Conversations.press`;
* any other command is served as usual, and the conversation keeps its place: its
  current step is shown again after the command's answer;
* a conversation with no message for :data:`~knowledge.conversations.TIMEOUT` is
  over: the next message is told so (nothing was saved), and a button of it answers
  "expired".

Every turn is one write transaction on the locked conversation row, so two messages
of one user handled by two workers at once take their turns, and a button pressed
twice acts once (the second press finds the step moved on, or the conversation
closed).  Files are downloaded before that transaction, never while holding the lock.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from bot.conversation.attach import DECIDED
from bot.conversation.base import Flow, Host, Incoming, Out, Outcome, parse_token
from bot.conversation.drafts import DraftError, looks_like_question
from bot.conversation.evidence import MAX_FILES_PER_UPDATE, EvidenceError, download_checked
from bot.conversation.lang import (
    Words,
    conversation_english,
)
from bot.conversation.replaced import replaced_note
from bot.conversation.update_flow import UpdateFlow
from bot.users import Identity
from knowledge.conversations import (
    TIMEOUT,
    add_evidence,
    close_conversation,
    evidence_of,
    find_open,
    lock_conversation,
    lock_open,
    start_conversation,
)
from knowledge.models import Conversation

__all__ = ["Conversations", "Route"]

log = logging.getLogger(__name__)
_T = TypeVar("_T")

#: An expired conversation's next plain message is taken as meant for it (and not
#: answered as a question) if it comes within this time after the expiry.
_LATE_REPLY = dt.timedelta(hours=24)

_MINUTES = int(TIMEOUT.total_seconds() // 60)
#: The router's words, Thai and English (see :mod:`bot.conversation.lang`).
WORDS = Words({
    "expired": ("⌛ การรายงานความคืบหน้าที่ค้างไว้หมดเวลาแล้ว (ไม่มีการตอบเกิน "
                f"{_MINUTES} นาที) จึงยังไม่ได้บันทึก "
                "เริ่มใหม่ได้ด้วย /update",
                f"⌛ Your unfinished update timed out (no answer for {_MINUTES} minutes), so "
                "nothing was saved. Start again with /update."),
    "expired_kept": ("ข้อความ/ไฟล์ที่ส่งมานี้ยังไม่ได้บันทึก",
                     "This message or file was not saved."),
    "no_conversation_file": (
        "ได้รับไฟล์แล้ว แต่ยังไม่มีรายงานที่กำลังทำอยู่ หากต้องการส่งรูปประกอบรายงาน "
        "กรุณาเริ่มด้วย /update ก่อน แล้วจึงส่งรูป",
        "The file arrived, but no update is in progress, so it was not kept. To send a photo "
        "with a report, start with /update first (or /attach ID for a saved one)."),
    "not_yours": ("ปุ่มนี้เป็นของผู้ใช้อื่น จึงกดแทนไม่ได้",
                  "This button belongs to someone else, so it cannot be pressed for them."),
    "stale": ("ปุ่มนี้มาจากขั้นตอนก่อนหน้า ขั้นตอนปัจจุบันคือ:",
              "This button is from an earlier step; the current step is:"),
    "bad_button": ("ปุ่มนี้ใช้ไม่ได้แล้ว",
                   "This button is no longer valid."),
    "still_update": ("ยังอยู่ระหว่างรายงานความคืบหน้า:", "Your progress update is still open:"),
    "still_other": ("ยังมี{pending} (ตอบ หรือ /cancel ก่อนเริ่ม /update):",
                    "There is still {pending} (answer it, or /cancel, before /update):"),
    "back": ("↩️ กลับมาที่{pending}:", "↩️ Back to {pending}:"),
    "replaced_one_shot": ("รายงานความคืบหน้าที่ค้างไว้ก่อนหน้า (ยังไม่ได้บันทึก) ถูกยกเลิก "
                          "แทนด้วยรายงานนี้",
                          "Your earlier unfinished progress update was closed (nothing saved "
                          "from it); this one replaces it."),
    "nothing_to_cancel": ("ไม่มีรายการที่ค้างอยู่ให้ยกเลิก",
                          "There is nothing to cancel."),
    "cancelled": ("✖ ยกเลิกแล้ว ไม่มีการบันทึกใด ๆ",
                  "✖ Cancelled; nothing was saved."),
    "over": ("การรายงานนี้สิ้นสุดไปแล้ว เริ่มใหม่ด้วย /update",
             "This conversation is over; start again with /update."),
    "over_file": ("การรายงานนี้สิ้นสุดไปแล้ว ไฟล์ไม่ได้เก็บ",
                  "This conversation is over; the file was not kept."),
    "no_files_here": ("ขั้นตอนนี้ไม่รับไฟล์ กรุณาพิมพ์ข้อความ (ไฟล์นี้ไม่ได้เก็บ)",
                      "This step takes no files; please type text (the file was not kept)."),
    "project_first": ("กรุณาเลือกโครงการก่อน แล้วจึงส่งรูปประกอบ (ไฟล์นี้ยังไม่ได้เก็บ)",
                      "Please choose the project first, then send the photo (this file was "
                      "not kept)."),
    "too_many": (f"รับรูปประกอบได้ไม่เกิน {MAX_FILES_PER_UPDATE} ไฟล์ต่อรายงาน (ไฟล์นี้ไม่ได้เก็บ)",
                 f"At most {MAX_FILES_PER_UPDATE} files per update (this file was not kept)."),
    "empty": ("ข้อความว่าง กรุณาพิมพ์ข้อความ หรือ /cancel เพื่อยกเลิก",
              "The message is empty; please type something, or /cancel to stop."),
    "refused_file": ("{why} (ไฟล์นี้ไม่ได้เก็บ)", "{why} (the file was not kept)"),
})
EXPIRED = WORDS("expired")
NO_CONVERSATION_FILE = WORDS("no_conversation_file")
NOT_YOURS = WORDS("not_yours")
STALE = WORDS("stale")
BAD_BUTTON = WORDS("bad_button")


@dataclass(frozen=True)
class Route:
    """What the core should do with a message.

    ``handled``: the conversation answered it (the core sends these, nothing else);
    ``before``: notes to send before the core's own answer; ``resume``: after the
    core's answer, show the step of conversation ``resume`` again.
    """

    handled: list[Out] | None = None
    before: list[Out] = field(default_factory=list)
    resume: int | None = None


class Conversations:
    """Guided conversations over the database, for one core."""

    def __init__(self, host: Host, on_saved: Callable[[int], None] | None = None,
                 flows: Sequence[Flow] = ()) -> None:
        """Serve ``host``'s database with ``flows`` (default: the guided update alone).

        ``on_saved(update_id)`` runs after a commit that saved an update.
        """
        self.host = host
        self.on_saved = on_saved
        default = UpdateFlow(open_from=host.open_from)
        self.flows: dict[str, Flow] = {f.kind: f for f in (flows or (default,))}
        self.update_flow = self.flows.get(UpdateFlow.kind) or default

    # -- routing --------------------------------------------------------------------------------
    def route(self, msg: Incoming, who: Identity, command: str | None, arg: str) -> Route:
        """Decide about one message of a registered user (see the module docstring)."""
        if who.role is None or not who.external_id or command in ("btn", "cancel"):
            return Route()
        with self.host.db.read() as s:
            conv = find_open(s, who.platform, who.external_id)
            conv_id = conv.id if conv is not None else None
            expires_at = conv.expires_at if conv is not None else None
            chat = conv.chat_id if conv is not None else None
            kind = conv.kind if conv is not None else None
            step = conv.step if conv is not None else None
            if conv is None and (msg.attachment is None or command is not None):
                return Route()  # the usual case, a question
        en = who.english  # decided once for the message by the core
        if conv_id is None or expires_at is None:
            if msg.attachment is not None and command is None:
                told = self._closed_by_decision(who, en)
                return Route(handled=[told or Out(WORDS("no_conversation_file", en))])
            return Route()
        if chat is not None and msg.chat_id is not None and chat != msg.chat_id:
            return Route()  # another chat (a group): not this conversation's message
        now = self.host.clock()
        if now >= expires_at:
            self._expire(conv_id, now)
            expired = WORDS("expired", en)
            if (command is None and now - expires_at < _LATE_REPLY
                    and not (msg.attachment is None and looks_like_question(msg.text))):
                return Route(handled=[Out(f"{expired}\n{WORDS('expired_kept', en)}")])
            return Route(before=[Out(expired)])
        if command is None:
            if msg.attachment is None and not msg.text.strip():  # nothing typed: ask again
                return Route(handled=[Out(WORDS("empty", en)), *self.show(who, conv_id)])
            if msg.attachment is None:
                outs, released = self._text_turn(who, conv_id, msg.text.strip())
                if released:  # not for the conversation: answered as usual
                    return Route(before=outs, resume=conv_id)
                return Route(handled=outs)
            return Route(handled=self._turn(msg, who, conv_id))
        if kind is not None and not getattr(self.flows.get(kind), "resumes", True) \
                and command != "undo":
            # A prompt for photos to a saved update: another command ends it (said once)
            # rather than bringing it back after every reply, in this session or the next.
            # (/undo withdraws the update itself and closes the prompt as withdrawn, so a
            # late photo is told whose report it was not kept for.)
            return Route(before=self._end_for_command(conv_id, now, en))
        if command == "update" and not arg:
            return Route(handled=self.show(who, conv_id, note=self._note_for(
                conv_id, update="still_update", other="still_other")))
        if command == "update" and kind == UpdateFlow.kind and step == "confirm":
            # "/update 1 disbursed 40,000 baht ..." while an earlier guided update waits
            # only for its confirmation: the user has written the update again, and the
            # new one replaces it, as a new guided update does.  Shown again after the
            # new one's answer, the old confirmation (an over-budget amount) took the
            # user's next "1" (its first button) as its own.  An update still being
            # written (a project or text to give) keeps its place.
            self._close(conv_id, now, "replaced")
            return Route(before=[Out(WORDS("replaced_one_shot", en))])
        return Route(resume=conv_id)

    def _closed_by_decision(self, who: Identity, en: bool) -> Out | None:
        """Why a file finds no conversation, when a decision just closed the user's last one.

        An officer sending photos to an update that a manager decided meanwhile is told
        so (the update was approved or rejected; the file was not kept), rather than
        to start an update.
        """
        now = self.host.clock()
        with self.host.db.read() as s:
            last = s.scalar(select(Conversation)
                            .where(Conversation.platform == who.platform,
                                   Conversation.external_user_id == who.external_id)
                            .order_by(Conversation.id.desc()).limit(1))
            if (last is None or last.outcome != DECIDED or last.closed_at is None
                    or now - last.closed_at > _LATE_REPLY):
                return None
            out = self._flow(last).closed_answer(s, last)
        return Out(f"{out.text}\n{WORDS('refused_file', en, why='').strip()}")

    def show(self, who: Identity, conv_id: int, note: str | None = None) -> list[Out]:
        """The current step of conversation ``conv_id`` again, if it is still open."""
        with self.host.db.read() as s:
            conv = s.get(Conversation, conv_id)
            if conv is None or conv.active_key is None:
                return []
            out = self._flow(conv).render(s, conv, who)
        if note:
            out = Out(f"{note}\n{out.text}", out.buttons, out.columns, out.meta)
        return [out]

    def resume_after(self, who: Identity, conv_id: int) -> list[Out]:
        """After another command: the conversation's step, if it is still open."""
        return self.show(who, conv_id, note=self._note_for(conv_id, other="back"))

    def _note_for(self, conv_id: int, *, other: str, update: str | None = None) -> str:
        """A note naming what conversation ``conv_id`` waits for (its flow's ``pending``).

        ``other`` and ``update`` are keys of :data:`WORDS`; ``update``, when given, is
        the note for a guided update instead.  In the conversation's language.
        """
        with self.host.db.read() as s:
            conv = s.get(Conversation, conv_id)
            flow = self._flow(conv) if conv is not None else self.update_flow
            en = conversation_english(conv)
        if update is not None and flow.kind == UpdateFlow.kind:
            return WORDS(update, en)
        pending = flow.pending_en if en else flow.pending
        return WORDS(other, en, pending=pending)

    # -- starting -------------------------------------------------------------------------------
    def start_update(self, msg: Incoming, who: Identity, project_id: int | None,
                     text: str) -> list[Out]:
        """Begin a guided update (``/update``, ``/update ID`` or ``/update TEXT``)."""
        now = self.host.clock()
        quarter = self.host.now_quarter()

        def begin(s: Session) -> list[Out]:
            step, data, notes = UpdateFlow.initial(s, who, project_id, text, quarter)
            conv, old = start_conversation(
                s, platform=who.platform, external_id=who.external_id, chat_id=msg.chat_id,
                kind=UpdateFlow.kind, step=step, data=data, now=now)
            flow = self._flow(conv)
            if conv.step == "confirm" and isinstance(flow, UpdateFlow):
                # What its card warns of, for the ✅ to check.
                conv.data = flow.with_warnings(s, dict(conv.data or {}))
            if old is not None:  # what was closed, as it was: not always an unsaved report
                notes.insert(0, replaced_note(s, old, conversation_english(conv)))
            out = self._flow(conv).render(s, conv, who)
            return [Out("\n".join([*notes, out.text]), out.buttons, out.columns, out.meta)]

        try:
            return self._write(begin)
        except IntegrityError:  # a concurrent start for this user won: replace it
            return self._write(begin)

    # -- buttons and /cancel --------------------------------------------------------------------
    def press(self, msg: Incoming, who: Identity, arg: str) -> list[Out]:
        """A conversation button (``/btn ID.SEQ ACTION``) pressed by ``who``."""
        token = parse_token(arg)
        if token is None:
            return [Out(WORDS("bad_button", who.english))]
        now = self.host.clock()

        def act(s: Session) -> Outcome:
            conv = lock_conversation(s, token.conversation_id)
            if conv is None:
                return Outcome([Out(WORDS("bad_button", who.english))])
            if (conv.platform, conv.external_user_id) != (who.platform, who.external_id):
                return Outcome([Out(WORDS("not_yours", who.english))])
            flow = self._flow(conv)
            if conv.active_key is None:
                return Outcome([flow.closed_answer(s, conv)])
            if now >= conv.expires_at:
                close_conversation(s, conv, "expired", now)
                return Outcome([flow.closed_answer(s, conv)])
            if token.seq != conv.seq:
                out = flow.render(s, conv, who)
                stale = WORDS("stale", who.english)
                return Outcome([Out(f"{stale}\n{out.text}", out.buttons, out.columns)])
            return flow.on_press(s, conv, who, token, now)

        return self._run(act)

    def cancel(self, who: Identity) -> list[Out]:
        """``/cancel``: end the user's open conversation, if any."""
        now = self.host.clock()

        def end(s: Session) -> Outcome:
            conv = lock_open(s, who.platform, who.external_id)
            if conv is None:
                return Outcome([Out(WORDS("nothing_to_cancel", who.english))])
            en = who.english
            expired = now >= conv.expires_at
            close_conversation(s, conv, "expired" if expired else "cancelled", now)
            if conv.kind != UpdateFlow.kind:  # a saved update's photos, a reason: as it was
                return Outcome([Out(f"✖ {replaced_note(s, conv, en)}")])
            return Outcome([Out(WORDS("expired" if expired else "cancelled", en))])

        return self._run(end)

    # -- turns ----------------------------------------------------------------------------------
    def _turn(self, msg: Incoming, who: Identity, conv_id: int) -> list[Out]:
        if msg.attachment is not None:
            outs = self._file(msg, who, conv_id)
            caption = msg.text.strip()
            if caption:  # a photo's caption is the progress text
                outs = outs + self._text(who, conv_id, caption)
            return outs
        return self._text(who, conv_id, msg.text.strip())

    def _text(self, who: Identity, conv_id: int, text: str) -> list[Out]:
        return self._text_turn(who, conv_id, text)[0]

    def _text_turn(self, who: Identity, conv_id: int, text: str) -> tuple[list[Out], bool]:
        """A typed message's turn: the replies, and whether the message was released."""
        now = self.host.clock()
        quarter = self.host.now_quarter()

        def turn(s: Session) -> Outcome:
            conv = lock_conversation(s, conv_id)
            en = who.english
            if conv is None or conv.active_key is None:
                return Outcome([Out(WORDS("over", en))])
            if now >= conv.expires_at:
                close_conversation(s, conv, "expired", now)
                return Outcome([Out(WORDS("expired", en))])
            return self._flow(conv).on_text(s, conv, who, text, now, quarter)

        released: list[bool] = []

        def noted(s: Session) -> Outcome:
            outcome = turn(s)
            released.append(outcome.release)
            return outcome

        outs = self._run(noted)
        return outs, bool(released and released[-1])

    def _file(self, msg: Incoming, who: Identity, conv_id: int) -> list[Out]:
        att = msg.attachment
        assert att is not None
        with self.host.db.read() as s:
            conv = s.get(Conversation, conv_id)
            en = who.english
            if conv is None or conv.active_key is None:
                return [Out(WORDS("over", en))]
            if not self._flow(conv).accepts_files:
                return [Out(WORDS("no_files_here", en)), *self.show(who, conv_id)]
            if conv.step == "project":
                return [Out(WORDS("project_first", en)), *self.show(who, conv_id)]
            counted = getattr(self._flow(conv), "files_held", None)
            held = counted(s, conv) if counted else len(evidence_of(s, conversation_id=conv_id))
            if held >= MAX_FILES_PER_UPDATE:
                return [Out(WORDS("too_many", en)), *self.show(who, conv_id)]
        try:
            checked = download_checked(att)
        except EvidenceError as exc:
            return [Out(WORDS("refused_file", en, why=exc.say(en))), *self.show(who, conv_id)]
        now = self.host.clock()

        def keep(s: Session) -> Outcome:
            conv = lock_conversation(s, conv_id)
            if conv is None or conv.active_key is None:
                return Outcome([Out(WORDS("over_file", en))])
            if now >= conv.expires_at:
                close_conversation(s, conv, "expired", now)
                return Outcome([Out(WORDS("expired", en))])
            added = add_evidence(
                s, conversation_id=conv.id, platform=who.platform,
                source_id=att.source_id, mime=checked.mime, filename=checked.filename,
                sha256=checked.sha256, data=checked.data, width=checked.width,
                height=checked.height, now=now)
            return self._flow(conv).on_file(s, conv, who, now, added)

        return self._run(keep)

    def _close(self, conv_id: int, now: dt.datetime, outcome: str) -> None:
        """Close conversation ``conv_id`` with ``outcome`` if it is still open.

        ``"expired"`` closes it only once its time is up.
        """
        def close(s: Session) -> None:
            conv = lock_conversation(s, conv_id)
            if conv is not None and conv.active_key is not None and (
                    outcome != "expired" or now >= conv.expires_at):
                close_conversation(s, conv, outcome, now)

        self._write(close)

    def _end_for_command(self, conv_id: int, now: dt.datetime, en: bool) -> list[Out]:
        """Close conversation ``conv_id`` ("saved": nothing of it is lost) and say so."""
        def end(s: Session) -> list[Out]:
            conv = lock_conversation(s, conv_id)
            if conv is None or conv.active_key is None:
                return []
            close_conversation(s, conv, "saved", now)
            return [Out(replaced_note(s, conv, en))]

        return self._write(end)

    def _expire(self, conv_id: int, now: dt.datetime) -> None:
        self._close(conv_id, now, "expired")

    # -- plumbing -------------------------------------------------------------------------------
    def _flow(self, conv: Conversation) -> Flow:
        return self.flows.get(conv.kind) or self.update_flow

    def _run(self, fn: Callable[[Session], Outcome]) -> list[Out]:
        try:
            outcome = self._write(fn)
        except DraftError as exc:
            return [Out(str(exc))]
        if outcome.saved_update_id is not None and self.on_saved is not None:
            try:
                self.on_saved(outcome.saved_update_id)
            except Exception:
                log.exception("after saving update %s", outcome.saved_update_id)
        return outcome.outs

    def _write(self, fn: Callable[[Session], _T], attempts: int = 5) -> _T:
        """``fn`` in one write transaction, retried while SQLite says it is busy."""
        delay = 0.05
        for attempt in range(attempts):
            try:
                with self.host.db.write() as s:
                    return fn(s)
            except OperationalError as exc:
                if attempt == attempts - 1 or "locked" not in str(exc).lower():
                    raise
                time.sleep(delay)
                delay *= 2
        raise RuntimeError("unreachable")
