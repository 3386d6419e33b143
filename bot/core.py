"""The transport-neutral chat core: ``Message`` in, ``Reply`` list out.

Telegram, LINE and the console are thin adapters around :meth:`Core.handle`;
that is why a reply looks the same everywhere.  Commands are routed through one
table (:data:`COMMANDS`), each with the role it needs.  Deny by default: a user
without a role can only ``/start``.  Handlers never raise to the adapter: an
unexpected error becomes a short apology (and a logged traceback).  The message and
reply types live in :mod:`bot.replies` (re-exported here), so the views that build
replies (the quarter summary) never import the core.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import time
import unicodedata
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from bot import field as field_commands
from bot.answering import Answer, Answerer
from bot.answering.followup import FOLLOW_UP_MINUTES, follow_up, is_english
from bot.approvals import (
    ApprovalPolicy,
    RejectFlow,
    approve,
    close_reject_prompts,
    edit_pending,
    pending_count,
    reject,
    submit,
)
from bot.citation import part_label
from bot.code_input import code_kind, not_a_question
from bot.conversation import (
    BUTTON_COMMAND,
    Conversations,
    DraftError,
    Out,
    read_update_text,
    understood_lines,
)
from bot.conversation.attach import (
    AttachFlow,
    attach_button,
    attach_reply,
    reply_target,
    saved_mark,
    start_attach,
)
from bot.conversation.drafts import confirm_notes, duplicate_note, no_figure_note
from bot.conversation.lang import (
    message_language,
    remember_language,
    remembered_english,
    stored_english,
)
from bot.conversation.update_flow import WORDS as UPDATE_WORDS
from bot.conversation.update_flow import (
    UpdateFlow,
    may_report,
    pending_lines,
    status_lines,
    status_mark,
)
from bot.evidence_view import evidence_replies
from bot.examples import GRANT_EXAMPLE, REVOKE_EXAMPLE
from bot.library_view import docs_reply, remove_replies
from bot.project_view import projects_text
from bot.queue.store import failed_count, failed_events, queued_count
from bot.replies import Button, Message, Reply, resolve_followers
from bot.schedule import Schedule
from bot.search_view import distinct_hits, update_ids, update_label
from bot.structured import answer_structured
from bot.summary_view import SummaryWarmer, summary_replies
from bot.uploads import UPLOAD_ROLE
from bot.users import (
    Identity,
    UserAdminError,
    add_user,
    has_role,
    lookup_role,
    remove_user,
)
from indexer.service import BACKGROUND_FROM, SearchHit, SearchIndex, bump_generation
from indexer.tokenize import query_words
from knowledge.assignments import find_user, projects_in_scope, scope_of
from knowledge.db import Database
from knowledge.ids import typed_id
from knowledge.models import (
    MAX_ID,
    AnswerLog,
    Feedback,
    ProcessedEvent,
    ProgressUpdate,
    User,
)
from knowledge.outbox import push_count
from knowledge.paragraphs import PARAGRAPH_SECTION, paragraph_number
from knowledge.textcut import shorten, snippet
from knowledge.thai import (
    FiscalQuarter,
    clean_control_chars,
    fiscal_quarter_of,
    format_baht,
    format_english_date,
    format_thai_date,
    states_cumulative,
    to_arabic_digits,
)
from knowledge.updates import (
    NewUpdate,
    find_update,
    get_project,
    recent_updates,
    store_update,
    undo_last_update,
    was_undone,
)

__all__ = ["APPROVAL_COMMANDS", "COMMANDS", "Button", "Core", "Message", "Reply",
           "platform_user_english", "user_language_english"]

log = logging.getLogger(__name__)
BANGKOK = ZoneInfo("Asia/Bangkok")
#: Dead-letter events ``/jobs`` lists (the newest; ``sdgbot jobs`` lists more).
JOBS_SHOWN = 10

#: The role that may delete documents (``/remove``): managers, editors and admins.
REMOVE_ROLE = "manager"
#: Commands that may change what a quarter summary shows: the summary files are made
#: again in the background after them (:class:`bot.summary_view.SummaryWarmer`).
_CHANGES_SUMMARY = frozenset({"update", "undo", "attach", "edit", "approve", "reject",
                              "remove"})


@dataclass(frozen=True)
class Command:
    """A chat command: its handler, the role it needs and its help line."""

    handler: Callable[[Core, Message, Identity, str], list[Reply]]
    role: str | None
    help_th: str
    help_en: str


class Core:
    """Routes messages to commands; owns no I/O but the database and the index."""

    def __init__(
        self,
        db: Database,
        index: SearchIndex,
        *,
        media_dir: Path | None = None,
        clock: Callable[[], dt.datetime] | None = None,
        approval: ApprovalPolicy | None = None,
        warm_summary: bool = False,
        warm_at_start: bool = True,
        schedule: Schedule | None = None,
    ) -> None:
        """Serve from ``db`` and ``index``; charts are written into ``media_dir``.

        ``approval``: which updates wait for a manager (``SDGBOT_APPROVAL``; none by default).
        ``warm_summary``: at start and after a change made in chat, make the current
        quarter's ``/summary`` chart and workbook in a background thread (needs
        ``media_dir``; the serving entry points turn it on, tests and one-off uses leave
        it off).  ``warm_at_start``: the first of those runs at start too (files for data
        changed while no server ran); the console, a short single-user session, warms
        only after its own changes.  ``schedule``: the reporting deadlines
        (``SDGBOT_DEADLINE_DAYS``; the defaults when None), which say how long the
        quarter just ended stays open for updates without a warning (:meth:`open_from`).

        The index is put in background mode (:attr:`SearchIndex.background_from`)
        unless its owner chose otherwise: requests never wait for a large catch-up.
        """
        self.db = db
        self.index = index
        self.media_dir = media_dir
        self.clock = clock or (lambda: dt.datetime.now(dt.UTC))
        self.schedule = schedule or Schedule()
        # A core serves requests: a big commit by another process (an ingest) must not
        # make the next request re-tokenise it inline; the index catches up behind.
        if index.background_from is None:
            index.background_from = BACKGROUND_FROM
        self.answerer = Answerer(db, index, self.clock)
        self.approval = approval or ApprovalPolicy()
        self.summary_warmer = (SummaryWarmer(db, media_dir, self.now_quarter)
                               if warm_summary and media_dir is not None else None)
        if self.summary_warmer is not None and warm_at_start:
            # At start too: files for data changed while no server ran, and the chart's
            # fonts and caches loaded before the first /summary (its first chart: ~1.5 s).
            self.summary_warmer.poke()
        #: Where each user's chat conversation began, for those whose adapter says so
        #: (:meth:`begin_conversation`): a follow-up never reads an exchange from before.
        self._conversation_from: dict[tuple[str, str], dt.datetime] = {}
        self.conversations = Conversations(
            self, on_saved=lambda _update_id: self._saved(),
            flows=(UpdateFlow(open_from=self.open_from, on_stored=self._on_stored),
                   RejectFlow(), AttachFlow()))

    # -- entry points ---------------------------------------------------------------------
    def begin_conversation(self, platform: str, user_id: str) -> None:
        """A new conversation of ``platform:user_id`` begins now (a ``sdgbot chat`` run).

        Questions asked before it are no subject a follow-up can take
        (:func:`_previous_exchange`); without a call, the time window alone limits them.
        """
        self._conversation_from[(platform, user_id)] = self.clock()

    def identity(self, platform: str, user_id: str | None) -> Identity:
        """Who is writing, with their role (None when unregistered or anonymous)."""
        if not user_id:
            return Identity(platform, "", None)
        with self.db.read() as s:
            role = lookup_role(s, platform, user_id)
        return Identity(platform, user_id, role)

    def handle(self, msg: Message, *, defer: bool = False) -> list[Reply]:
        """Answer one message; never raises.

        ``defer``: replies that take long to make (the summary's chart and workbook)
        are left to :attr:`Reply.followed_by` of the reply before them, for an adapter
        that sends the text first; without it they are made here, in order.
        """
        try:
            replies = self._handle(msg)
        except Exception:
            log.exception("error while handling a %s message", msg.platform)
            # The language the message tells (no database read: it may be what failed).
            if message_language(msg.text or "") is True:
                return [Reply("Sorry, something went wrong; please try again.")]
            return [Reply("ขออภัย เกิดข้อผิดพลาดภายในระบบ กรุณาลองใหม่อีกครั้ง")]
        return replies if defer else resolve_followers(replies)

    def close(self, timeout: float = 30.0) -> None:
        """Stop background work: the summary warmer's run in progress ends first.

        It is waited for up to ``timeout`` s (its files are written atomically: a run
        cut short by the process's end leaves no file half-written under its name).
        """
        if self.summary_warmer is not None:
            self.summary_warmer.close(timeout)

    def language(self, who: Identity, text: str) -> bool:
        """The language (True: English) to answer ``who``'s message ``text`` in: one decision.

        The language the message tells (:func:`message_language`), else the one the
        user last wrote in (:func:`remembered_english`), else Thai.  A registered
        user's told language is kept for their next messages; an unregistered user's
        is not (they can only ``/start``).
        """
        told = message_language(text)
        if who.role is None or not who.external_id:
            return bool(told)
        with self.db.read() as s:
            kept = stored_english(s, who.platform, who.external_id)
            if told is None:
                return kept if kept is not None else remembered_english(
                    s, who.platform, who.external_id)
        if told != kept:
            try:
                with self.db.write() as s:
                    remember_language(s, who.platform, who.external_id, told, self.clock())
            except (IntegrityError, OperationalError):  # a concurrent message kept it
                log.warning("could not keep the language of %s", who.ref, exc_info=True)
        return told

    def _saved(self) -> None:
        """An update was saved in a guided conversation: index it, warm the summary."""
        _sync_index(self)
        self.summary_changed()

    def summary_changed(self) -> None:
        """Data that summaries show changed: make their files again soon, in the background."""
        if self.summary_warmer is not None:
            self.summary_warmer.poke()

    def _handle(self, msg: Message) -> list[Reply]:
        # Control characters no column may hold (NUL: PostgreSQL refuses it) are removed
        # once here, so every command (an update, a logged question) gets storable text.
        # Digits in compatibility forms (full-width １, mathematical 𝟏) are read as the
        # ASCII digits they are, once here, for every id and number a command reads.
        msg = replace(msg, text=fold_digits(clean_control_chars(msg.text or "")))
        text = msg.text.strip()
        who = self.identity(msg.platform, msg.user_id)
        who = replace(who, english=self.language(who, text))
        m = re.match(r"^/([A-Za-z_]+)(?:@\w+)?(?:\s+|$)(.*)$", text, re.S)
        if m:
            name, arg = m.group(1).lower(), m.group(2).strip()
        elif text.startswith("/"):
            name, arg = "?", text
        else:
            name, arg = "ask", text
        # A photo or PDF sent in reply to a saved update's confirmation backs that update.
        target = reply_target(msg.reply_to) if msg.attachment is not None else None
        if target is not None and has_role(who.role, "officer"):
            attached = self.replies(attach_reply(self, msg, who, target))
            self.summary_changed()
            return _in_language(attached, who.english)
        # A guided conversation in progress may take the message, or ask to be shown
        # again after the command's answer (see bot.conversation.router).
        route = self.conversations.route(msg, who, name if m or name == "?" else None, arg)
        if route.handled is not None:  # a step of a guided update, rejection, attachment
            self.summary_changed()
            return _in_language(self.replies(route.handled), who.english)
        replies = self.replies(route.before) + self._dispatch(msg, who, text, name, arg)
        if route.resume is not None:
            replies += self.replies(self.conversations.resume_after(who, route.resume))
        return _in_language(replies, who.english)

    def _dispatch(self, msg: Message, who: Identity, text: str, name: str,
                  arg: str) -> list[Reply]:
        cmd = COMMANDS.get(name)
        if cmd is None:
            typed = shorten(text.split()[0], 40)
            return [Reply(f"Unknown command {typed}; type /help for the commands you may use."
                          if who.english else
                          f"ไม่รู้จักคำสั่ง {typed} พิมพ์ /help เพื่อดูคำสั่งที่ใช้ได้")]
        if cmd.role is not None and not has_role(who.role, cmd.role):
            return [self._refusal(who, cmd.role, english=who.english)]
        replies = cmd.handler(self, msg, who, arg)
        if name in _CHANGES_SUMMARY:
            self.summary_changed()
        return replies

    @staticmethod
    def replies(outs: list[Out]) -> list[Reply]:
        """The conversation layer's answers as replies (``columns``: buttons per row)."""
        return [Reply(o.text, buttons=tuple(Button(label, data) for label, data in o.buttons),
                      meta={**o.meta, "columns": o.columns}) for o in outs]

    def _refusal(self, who: Identity, needed: str, *, english: bool) -> Reply:
        if who.role is None:
            uid = who.ref if who.external_id else (
                f"{who.platform} (id unknown)" if english else f"{who.platform} (ไม่ทราบรหัสผู้ใช้)")
            if english:
                return Reply(f"Sorry, you are not registered to use this bot. Your id is {uid}. "
                             "Ask an administrator to run: sdgbot users add "
                             f"{who.ref} --role staff")
            return Reply(f"ขออภัย คุณยังไม่ได้รับสิทธิ์ใช้งานบอทนี้ รหัสของคุณคือ {uid} "
                         f"กรุณาแจ้งผู้ดูแลระบบให้เพิ่มสิทธิ์ (sdgbot users add {who.ref} --role staff)")
        if english:
            return Reply(f"Sorry, this command needs the {needed} role; yours is {who.role}.")
        return Reply(f"ขออภัย คำสั่งนี้ต้องมีบทบาท {needed} ขึ้นไป (บทบาทของคุณ: {who.role})")

    def feedback(self, platform: str, user_id: str, answer_id: int, value: int) -> str:
        """Store a 👍/👎 press on an answer (once per user and answer; a new press replaces).

        The reply is in the language the user last wrote in.
        """
        who = self.identity(platform, user_id)
        if who.role is None:
            return "ขออภัย คุณยังไม่ได้รับสิทธิ์ใช้งาน"
        english = user_language_english(self, who)
        if value not in (1, -1):
            return "This rating was not understood." if english else "ไม่เข้าใจความคิดเห็นนี้"
        gone = "This answer is no longer kept; thank you." if english else \
            "ไม่พบคำตอบนี้แล้ว ขอบคุณครับ"
        if not 1 <= answer_id <= MAX_ID:  # button data comes from the client: no such row
            return gone
        with self.db.write() as s:
            log_row = s.get(AnswerLog, answer_id)
            if log_row is None:
                return gone
            fb = s.scalar(
                select(Feedback).where(
                    Feedback.answer_id == answer_id,
                    Feedback.platform == platform,
                    Feedback.external_user_id == user_id,
                )
            )
            if fb is None:
                s.add(Feedback(answer_id=answer_id, platform=platform, external_user_id=user_id,
                               question=log_row.question, answer=log_row.answer, value=value))
            else:
                fb.value = value
        if english:
            return "Thank you for the feedback 👍" if value > 0 else \
                "Thank you; we will use it to improve 🙏"
        return "ขอบคุณสำหรับความคิดเห็น 👍" if value > 0 else "ขอบคุณครับ เราจะนำไปปรับปรุง 🙏"

    # -- helpers --------------------------------------------------------------------------
    def _log_answer(self, msg: Message, ans: Answer | str, found: bool | None = None) -> int | None:
        """Keep a question and its answer (``ans`` or its text); the row's id, or None.

        Refused answers are kept too (``found`` False): a follow-up after a refused
        question follows that question, not an earlier one.
        """
        text = ans if isinstance(ans, str) else ans.render()
        hit = found if found is not None else (not isinstance(ans, str) and ans.found)
        try:
            with self.db.write() as s:
                row = AnswerLog(platform=msg.platform, external_user_id=msg.user_id or "",
                                question=msg.text[:2000], answer=text, found=hit,
                                at=self.clock())
                s.add(row)
                s.flush()
                return row.id
        except OperationalError:
            log.warning("could not log an answer for feedback", exc_info=True)
            return None

    def _on_stored(self, session: Session, update_id: int, who: Identity,
                   now: dt.datetime) -> bool:
        """A new update in the saving transaction: pending and notified where approval is due."""
        return submit(session, update_id, self.approval, who.ref, now)

    def now_quarter(self) -> FiscalQuarter:
        """The fiscal quarter of today in Asia/Bangkok."""
        return fiscal_quarter_of(self.clock().astimezone(BANGKOK).date())

    def open_from(self) -> FiscalQuarter:
        """The earliest quarter an update is filed under without a warning.

        See :meth:`bot.schedule.Schedule.open_from`: the current quarter, and the one
        just ended until its managers' non-submitter lists stop.
        """
        return self.schedule.open_from(self.clock())

    def write_retrying(self, fn: Callable[[Session], object], attempts: int = 5) -> object:
        """Run ``fn`` in one write transaction, retrying when the database is busy."""
        delay = 0.05
        for attempt in range(attempts):
            try:
                with self.db.write() as s:
                    return fn(s)
            except OperationalError as exc:
                if attempt == attempts - 1 or "locked" not in str(exc).lower():
                    raise
                time.sleep(delay)
                delay *= 2
        raise RuntimeError("unreachable")


def _in_language(replies: list[Reply], english: bool) -> list[Reply]:
    """``replies`` marked with the language decided for the message (``meta["english"]``).

    An adapter's own words around a reply (the console's "type a number") follow it.
    """
    for reply in replies:
        reply.meta.setdefault("english", english)
    return replies


# -- command handlers ----------------------------------------------------------------------------
def cmd_start(core: Core, msg: Message, who: Identity, arg: str) -> list[Reply]:
    uid = who.ref if who.external_id else (
        f"{who.platform} (id unknown)" if who.english else f"{who.platform} (ไม่ทราบรหัส)")
    if who.role is None:  # one language, as for everyone: English when they wrote it
        if who.english:
            return [Reply(
                "Hello! I answer questions about the Ministry of Interior's SDG work.\n"
                f"Your id: {uid}\nRole: not registered yet\n"
                "To use the bot, send this id to an administrator to give you access "
                f"(sdgbot users add {who.ref} --role staff).")]
        return [Reply(
            "สวัสดีครับ ผมคือผู้ช่วยตอบคำถามเรื่องการขับเคลื่อน SDGs ของกระทรวงมหาดไทย\n"
            f"รหัสผู้ใช้ของคุณ: {uid}\nบทบาท: ยังไม่ได้ลงทะเบียน\n"
            "หากต้องการใช้งาน กรุณาส่งรหัสนี้ให้ผู้ดูแลระบบเพื่อเพิ่มสิทธิ์ "
            f"(sdgbot users add {who.ref} --role staff)"
        )]
    if who.english:
        return [Reply(
            "Hello! I answer questions about the Ministry of Interior's SDG work.\n"
            f"Your id: {uid}\nRole: {who.role}\n"
            "Type a question, e.g. “How many waste banks have been set up?”, or /help "
            "for the commands.", buttons=_common_buttons(who))]
    return [Reply(
        "สวัสดีครับ ผมคือผู้ช่วยตอบคำถามเรื่องการขับเคลื่อน SDGs ของกระทรวงมหาดไทย\n"
        f"รหัสผู้ใช้: {uid}\nบทบาท: {who.role}\n"
        "พิมพ์คำถามได้เลย เช่น “ธนาคารขยะตั้งแล้วกี่แห่ง” หรือพิมพ์ /help เพื่อดูคำสั่ง",
        buttons=_common_buttons(who),
    )]


def _common_buttons(who: Identity) -> tuple[Button, ...]:
    en = who.english
    buttons = [Button("❓ Help" if en else "❓ ช่วยเหลือ", "/help"),
               Button("📋 Projects" if en else "📋 โครงการ", "/projects")]
    if has_role(who.role, "manager"):
        buttons.append(Button("📊 Quarter summary" if en else "📊 สรุปไตรมาส", "/summary"))
    if has_role(who.role, "officer"):
        buttons.append(Button("📝 My updates" if en else "📝 รายงานของฉัน", "/myupdates"))
    return tuple(buttons)


#: Commands about updates waiting for approval: /help and the platforms' command lists
#: (:func:`bot.menus.chat_commands`) offer each only to a user who can act with it
#: (:meth:`bot.approvals.ApprovalPolicy.commands_for`).
APPROVAL_COMMANDS = frozenset({"edit", "approve", "reject"})


def cmd_help(core: Core, msg: Message, who: Identity, arg: str) -> list[Reply]:
    english = who.english
    with core.db.read() as s:
        acts = core.approval.commands_of(s, who.platform, who.external_id, who.role)
    lines = ["Commands:" if english else "คำสั่งที่ใช้ได้:"]
    for name, cmd in COMMANDS.items():
        if name in ("?",) or not cmd.help_th:
            continue
        if name in APPROVAL_COMMANDS and name not in acts:
            continue  # nothing this user could approve, reject or edit
        if cmd.role is None or has_role(who.role, cmd.role):
            lines.append(f"/{name} — {cmd.help_en if english else cmd.help_th}")
    if has_role(who.role, UPLOAD_ROLE):
        lines.append("Send a PDF, Word, Excel, .txt or .jsonl file in a private chat to add it"
                     if english else
                     "ส่งไฟล์ PDF, Word, Excel, .txt หรือ .jsonl ในแชตส่วนตัวเพื่อเพิ่มเอกสาร")
    if not english:
        lines.append("หรือพิมพ์คำถามเป็นข้อความธรรมดาได้เลย")
    return [Reply("\n".join(lines), buttons=_common_buttons(who))]


def cmd_whoami(core: Core, msg: Message, who: Identity, arg: str) -> list[Reply]:
    text = (f"Your id: {who.ref}\nRole: {who.role}" if who.english else
            f"รหัสผู้ใช้: {who.ref}\nบทบาท: {who.role}")
    if has_role(who.role, "admin"):  # LINE counts pushes against a monthly quota
        with core.db.read() as s:
            pushes = push_count(s, "line", core.clock())
        text += (f"\nLINE pushes this month: {pushes:,}" if who.english else
                 f"\nLINE push เดือนนี้: {pushes:,} ข้อความ")
    return [Reply(text)]


def cmd_jobs(core: Core, msg: Message, who: Identity, arg: str) -> list[Reply]:
    """The job queue for admins: work waiting, and the dead letter with each error kept."""
    with core.db.read() as s:
        queued, dead = queued_count(s), failed_count(s)
        failed = failed_events(s, limit=JOBS_SHOWN)
    en = who.english
    lines = [f"Job queue: {queued:,} waiting · {dead:,} failed (dead letter)" if en else
             f"คิวงาน: รอทำ {queued:,} งาน · ล้มเหลว {dead:,} งาน"]
    for f in failed:
        lines.append(f"• {f['received_at'][:16].replace('T', ' ')} {f['key']} "
                     f"×{f['attempts']}: {shorten(f['error'] or '-', 160)}")
    if dead > len(failed):
        lines.append(f"… and {dead - len(failed):,} more (sdgbot jobs --json)" if en else
                     f"… และอีก {dead - len(failed):,} งาน (sdgbot jobs --json)")
    return [Reply("\n".join(lines))]


def cmd_ask(core: Core, msg: Message, who: Identity, arg: str) -> list[Reply]:
    if not arg.strip():
        return [Reply("Please type a question, e.g. /ask How many waste banks are there?"
                      if who.english else
                      "กรุณาพิมพ์คำถาม เช่น ธนาคารขยะตั้งแล้วกี่แห่ง หรือ /ask ธนาคารขยะตั้งแล้วกี่แห่ง")]
    structured = answer_structured(core.db, arg, who.english)
    if structured is not None:  # counts and budgets of the project lists, from the database
        # Kept as an exchange: a follow-up after it follows it (not the question before).
        core._log_answer(msg, structured.text, found=True)
        return [Reply(structured.text, meta={"found": True, "sources": list(structured.doc_ids)})]
    previous = _previous_exchange(core, msg, arg)
    asked = follow_up(arg, *previous) if previous is not None else None
    ans = core.answerer.ask(asked or arg, english=who.english)
    if asked is not None and not ans.found:
        # "งบประมาณเท่าไร" after another subject may still be the report form's own field.
        alone = core.answerer.ask(arg, english=who.english)
        if alone.found and alone.debug.get("via") in ("field", "updates"):
            ans, asked = alone, None
    text = ans.render()
    if asked is not None:
        # The subject carried over is said, so that a wrong guess is seen at once.
        text += (f"\n(read as a follow-up: “{asked}”)" if who.english
                 else f"\n(ถามต่อจากคำถามก่อน: “{asked}”)")
    logged = replace(msg, text=asked) if asked is not None else msg
    # Refused answers are kept too (no 👍/👎 for them): the next follow-up is of this question.
    logged_id = core._log_answer(logged, ans)
    answer_id = logged_id if ans.found else None
    return [Reply(text, feedback_id=answer_id,
                  meta={"found": ans.found, "sources": [s.doc_id for s in ans.sources]})]


def _previous_exchange(core: Core, msg: Message, question: str) -> tuple[str, str] | None:
    """The user's last question of this conversation and its answer's lead, or None.

    An elliptic follow-up ("อายุกี่ปี") is read with its subject
    (:func:`bot.answering.followup.follow_up`).  The last question asked counts, answered
    or refused (a refused one leaves its question, no lead).  None when it is older than
    :data:`FOLLOW_UP_MINUTES`, was asked before the conversation began
    (:meth:`Core.begin_conversation`: a new ``sdgbot chat`` run), or was written in the
    other language than ``question`` (an English question is no follow-up of a Thai one).
    """
    since = core.clock() - dt.timedelta(minutes=FOLLOW_UP_MINUTES)
    began = core._conversation_from.get((msg.platform, msg.user_id or ""))
    if began is not None:
        since = max(since, began)
    with core.db.read() as s:
        row = s.scalars(
            select(AnswerLog)
            .where(AnswerLog.platform == msg.platform,
                   AnswerLog.external_user_id == (msg.user_id or ""), AnswerLog.at >= since)
            .order_by(AnswerLog.id.desc()).limit(1)).first()
        if row is None or is_english(row.question) != is_english(question):
            return None
        return (row.question, row.answer if row.found else "")


def cmd_search(core: Core, msg: Message, who: Identity, arg: str) -> list[Reply]:
    if not arg.strip():
        return [Reply("Type keywords after /search, e.g. /search waste bank."
                      if who.english else
                      "กรุณาพิมพ์คำค้นหลัง /search เช่น /search ธนาคารขยะ")]
    english = who.english
    kind = code_kind(arg)
    if kind is not None:  # SQL, a shell command, markup: no search of its tokens
        return [Reply(not_a_question(kind, english))]
    hits = core.answerer.search(arg, k=5)  # repeats read once, then cut between words
    if not hits:
        return [Reply("No passage matches these words; try other words." if english else
                      "ไม่พบข้อความที่ตรงกับคำค้น ลองใช้คำอื่น")]
    lines = [f"Results for “{shorten(arg, 60)}”:" if english else
             f"ผลการค้นหา “{shorten(arg, 60)}”:"]
    words = query_words(arg)
    updates = update_ids(core.db, hits)
    shown: list[tuple[str, str]] = []
    for h in hits:
        day = format_english_date(h.date) if english and h.date else \
            format_thai_date(h.date, short=True) if h.date else ""
        date = f" ({day})" if day else ""
        uid = updates.get(h.doc_id)
        label = update_label(uid, english) if uid is not None else ""
        head = f"{shorten(h.title, 70)}{label}{_part(core, h, english)}{date}"
        text = snippet(h.text, 160, words) or ("(no text)" if english else "(ไม่มีข้อความ)")
        shown.append((head, text))
    for i, (head, text) in enumerate(distinct_hits(shown, [h.doc_id for h in hits], english), 1):
        lines.append(f"{i}. {head}\n   {text}")
    return [Reply("\n".join(lines))]


def _part(core: Core, hit: SearchHit, english: bool) -> str:
    """The part of its document a hit is, as a citation names it (page, paragraph, section)."""
    paragraph = None
    if hit.page is None and hit.section == PARAGRAPH_SECTION:
        with core.db.read() as s:
            paragraph = paragraph_number(s, hit.doc_id, hit.ordinal)
    return part_label(hit.section, hit.page, paragraph, hit.ordinal, english=english)


def cmd_projects(core: Core, msg: Message, who: Identity, arg: str) -> list[Reply]:
    return [Reply(projects_text(core.db, arg, who.english))]


def _sync_index(core: Core) -> None:
    """Bring the index up to date after a committed change, never failing the change.

    The next sync catches up; an officer told "something went wrong" after the update
    was stored would send it again, as a new message.
    """
    try:
        core.index.sync()
    except Exception:
        log.exception("index sync after a committed change failed; the next sync catches up")


def cmd_update(core: Core, msg: Message, who: Identity, arg: str) -> list[Reply]:
    """``/update PROJECT_ID TEXT`` stores at once; anything less starts the guided update."""
    m = re.match(r"^#?([0-9๐-๙]+)\b\s*(.*)$", arg, re.S)
    if not m:  # /update, or /update TEXT: choose the project step by step
        return core.replies(core.conversations.start_update(msg, who, None, arg))
    digits = to_arabic_digits(m.group(1)).lstrip("0") or "0"
    text = m.group(2).strip()
    with core.db.read() as s:
        project = get_project(s, typed_id(digits))
        pid = project.id if project is not None else None
        project_name = project.name if project is not None else ""
        user_row_id = s.scalar(select(User.id).where(User.platform == who.platform,
                                                     User.external_id == who.external_id))
    if pid is not None:
        with core.db.read() as s:
            allowed = may_report(s, who, pid)
        if not allowed:
            return [Reply(UPDATE_WORDS("not_yours_unsaved", who.english,
                                       pid=pid))]
    if pid is None:
        shown = digits if len(digits) <= 20 else digits[:20] + "…"
        outs = core.conversations.start_update(msg, who, None, text)
        missing = UPDATE_WORDS("no_project", who.english, pid=shown)
        return [replace(r, text=f"{missing}\n{r.text}") if i == 0 else r
                for i, r in enumerate(core.replies(outs))]
    if not text:  # /update ID: the project is chosen, ask for the text
        return core.replies(core.conversations.start_update(msg, who, pid, ""))
    english = who.english  # emoji or digits alone: as last written
    try:
        reading = read_update_text(text, core.now_quarter(), english=english)
    except DraftError as exc:
        return [Reply(str(exc))]
    # One earliest open quarter for the check and the store (it may move at midnight).
    open_from = core.open_from()
    with core.db.read() as s:
        # A platform's redelivery of a stored message is told as stored, whatever would
        # be asked of a new one now (the quarter may have closed since, at any time).
        redelivered = msg.message_id is not None and (
            find_update(s, msg.platform, msg.message_id) is not None
            or was_undone(s, msg.platform, msg.message_id))
        to_confirm = ([] if redelivered else
                      confirm_notes(s, pid, reading, open_from=open_from))
    if to_confirm:  # a closed quarter, over the budget, no figure: saved only on ✅
        head = ("Not saved yet: please confirm." if english
                else "ยังไม่ได้บันทึก กรุณายืนยันก่อน:")
        return [replace(r, text=f"{head}\n{r.text}") if i == 0 else r
                for i, r in enumerate(core.replies(
                    core.conversations.start_update(msg, who, pid, text)))]
    quarter = reading.quarter
    message_id = msg.message_id or f"local-{uuid.uuid4()}"
    new = NewUpdate(
        project_id=pid, platform=msg.platform, platform_message_id=message_id, text=text,
        quarter=quarter, amount_baht=reading.amount_baht, level=reading.level,
        percent=reading.percent, user_id=user_row_id, author_role=who.role, at=core.clock(),
        external_user_id=who.external_id,
    )
    def store(s: Session) -> tuple[object, bool]:
        result = store_update(s, new, open_from=open_from)
        pending = bool(result.created and result.update_id is not None
                       and core._on_stored(s, result.update_id, who, core.clock()))
        return result, pending

    pending = False
    try:
        stored, pending = core.write_retrying(store)  # type: ignore[misc]
    except IntegrityError:
        # Either a concurrent delivery of the same message won the race (then its row
        # is there), or something else broke a constraint: that is no "already
        # recorded", and saying so would lose the update without a word.
        with core.db.read() as s:
            if find_update(s, msg.platform, message_id) is None:
                raise
        stored = None
    created = bool(getattr(stored, "created", False))
    _sync_index(core)
    duplicate_of = getattr(stored, "duplicate_of", None)
    if duplicate_of is not None:  # told as it stands, as the first reply told it
        with core.db.read() as s:
            first = s.get(ProgressUpdate, duplicate_of)
            status = status_lines(first, english=english) if first is not None else []
        return [Reply("\n".join([duplicate_note(duplicate_of, english), *status]),
                      meta={"update_created": False})]
    buttons: tuple[Button, ...] = ()
    if created:
        understood = understood_lines(pid, project_name, quarter, reading.amount_baht,
                                      reading.level, reading.percent, english=english,
                                      cumulative=states_cumulative(text), text=text)
        if (bare := no_figure_note(reading)) is not None:  # never a silent text-only update
            understood.append(bare)
        head = "✅ Progress update saved" if english else "✅ บันทึกความคืบหน้าแล้ว"
        update_id = getattr(stored, "update_id", None)
        if update_id is not None:
            understood.append(saved_mark(update_id, english=english))
            buttons = (Button(*attach_button(update_id, english=english)),)
        if pending and update_id is not None:
            understood += pending_lines(update_id, english=english)
    else:
        # A redelivery: echo what was stored the first time, not this copy's reading.
        with core.db.read() as s:
            row = find_update(s, msg.platform, message_id)
            if row is None:  # stored, then undone (before or since this delivery)
                return [Reply("ℹ️ This message was saved before and removed with /undo "
                              "(not saved again)" if english else
                              "ℹ️ ข้อความนี้เคยบันทึกแล้วและถูกยกเลิกด้วย /undo "
                              "(ไม่บันทึกซ้ำ)", meta={"update_created": False})]
            understood = understood_lines(row.project_id, row.project.name,
                                          FiscalQuarter(row.fiscal_year, row.quarter),
                                          row.amount_baht, row.level, row.percent,
                                          english=english,
                                          cumulative=states_cumulative(row.text),
                                          text=row.text)
            understood += status_lines(row, english=english)  # ⏳ as the first reply had it
        head = ("ℹ️ This message was saved already (not saved again)" if english
                else "ℹ️ ข้อความนี้บันทึกไว้แล้ว (ไม่บันทึกซ้ำ)")
    undo = ("If this is wrong, type /undo within 15 minutes to remove it." if english
            else "หากผิดพลาด พิมพ์ /undo ภายใน 15 นาทีเพื่อยกเลิก")
    return [Reply(f"{head}\n" + "\n".join(understood) + "\n" + undo,
                  buttons=buttons, meta={"update_created": created})]



def user_language_english(core: Core, who: Identity) -> bool:
    """Whether ``who`` is answered in English (their remembered language): for adapters."""
    with core.db.read() as s:
        return remembered_english(s, who.platform, who.external_id)


def platform_user_english(core: Core, platform: str, user_id: str | None) -> bool:
    """:func:`user_language_english` of a platform's user id (False without one).

    For an adapter's own words (a sticker's hint, an expired button): a database read.
    """
    if not user_id:
        return False
    return user_language_english(core, Identity(platform, user_id, None))


def cmd_btn(core: Core, msg: Message, who: Identity, arg: str) -> list[Reply]:
    """A conversation's button (``/btn ID.SEQ ACTION``): see :mod:`bot.conversation`."""
    return core.replies(core.conversations.press(msg, who, arg))


def cmd_cancel(core: Core, msg: Message, who: Identity, arg: str) -> list[Reply]:
    """``/cancel``: end the conversation in progress (nothing is saved)."""
    return core.replies(core.conversations.cancel(who))


def cmd_assign(core: Core, msg: Message, who: Identity, arg: str) -> list[Reply]:
    """``/assign``: who reports for which projects (see :mod:`bot.field`)."""
    return core.replies(field_commands.assign(core, who, arg))


def cmd_missing(core: Core, msg: Message, who: Identity, arg: str) -> list[Reply]:
    """``/missing [QUARTER]``: the non-submitters of the manager's scope."""
    return core.replies(field_commands.missing(core, who, arg))


def cmd_remind(core: Core, msg: Message, who: Identity, arg: str) -> list[Reply]:
    """``/remind on|off``: reminders to you."""
    return core.replies(field_commands.remind_toggle(core, who, arg))


_ALREADY_UNDONE = object()


def fold_digits(text: str) -> str:
    """``text`` with every digit whose NFKC form is an ASCII digit written as that digit.

    Full-width ``１２`` (a Thai or Japanese keyboard's wide digits) and the like become
    ``12``; Thai digits (``๑๒``) are kept, read as numbers where numbers are read.
    One character for one, so offsets stay valid.
    """
    if text.isascii():
        return text
    return "".join(_ascii_digit(ch) for ch in text)


def _ascii_digit(ch: str) -> str:
    if ch.isascii() or unicodedata.decimal(ch, None) is None:
        return ch
    folded = unicodedata.normalize("NFKC", ch)
    return folded if len(folded) == 1 and folded.isascii() and folded.isdigit() else ch


def cmd_undo(core: Core, msg: Message, who: Identity, arg: str) -> list[Reply]:
    # /undo is not idempotent (a second one removes the update before), so a redelivered
    # /undo (a Telegram update delivered again after a restart or a webhook retry) must
    # not run twice: its message id is claimed in the same transaction as the delete.
    claim = (f"undo:{msg.platform}"[:16], msg.message_id[:160]) if msg.message_id else None
    english = who.english

    def undo(s: Session) -> object:
        if claim is not None:
            if s.scalar(select(ProcessedEvent.id).where(ProcessedEvent.platform == claim[0],
                                                        ProcessedEvent.event_id == claim[1])):
                return _ALREADY_UNDONE
            s.add(ProcessedEvent(platform=claim[0], event_id=claim[1]))
            s.flush()
        row = undo_last_update(s, who.platform, who.external_id, now=core.clock())
        if row is not None:
            bump_generation(s)
            close_reject_prompts(s, row.id, core.clock())  # nothing left to decide
        return row

    try:
        row = core.write_retrying(undo)
    except IntegrityError:
        if claim is None:
            raise
        with core.db.read() as s:  # a concurrent delivery of this /undo claimed it first
            if not s.scalar(select(ProcessedEvent.id).where(ProcessedEvent.platform == claim[0],
                                                            ProcessedEvent.event_id == claim[1])):
                raise
        row = _ALREADY_UNDONE
    if row is _ALREADY_UNDONE:
        return [Reply(UPDATE_WORDS("undo_done_before", english))]
    if row is None:
        return [Reply(UPDATE_WORDS("undo_nothing", english))]
    _sync_index(core)
    assert isinstance(row, ProgressUpdate)
    when = row.created_at.astimezone(BANGKOK)
    day = (format_english_date(when.date()) if english
           else format_thai_date(when.date(), short=True))
    return [Reply(UPDATE_WORDS("undone", english) + "\n" + UPDATE_WORDS(
        "undone_line", english, day=day, time=f"{when:%H:%M}", pid=row.project_id,
        q=f"{row.quarter}/{row.fiscal_year}", text=shorten(row.text, 200)))]


def cmd_myupdates(core: Core, msg: Message, who: Identity, arg: str) -> list[Reply]:
    english = who.english
    with core.db.read() as s:
        rows = recent_updates(s, who.platform, who.external_id, limit=5)
        if not rows:
            return [Reply(UPDATE_WORDS("mine_none", english))]
        lines = [UPDATE_WORDS("mine", english)]
        for r in rows:
            when = r.created_at.astimezone(BANGKOK)  # aware UTC on every backend
            amount = ""
            if r.amount_baht is not None:
                kind = UPDATE_WORDS("cumulative", english) if states_cumulative(r.text) else ""
                amount = f" · {format_baht(r.amount_baht, english=english)}{kind}"
            day = (format_english_date(when.date()) if english
                   else format_thai_date(when.date(), short=True))
            lines.append(UPDATE_WORDS("mine_line", english, day=day, pid=r.project_id,
                                      q=f"{r.quarter}/{r.fiscal_year}", amount=amount,
                                      status=status_mark(r, english=english),
                                      text=shorten(r.text, 80)))
    return [Reply("\n".join(lines))]


def cmd_attach(core: Core, msg: Message, who: Identity, arg: str) -> list[Reply]:
    """``/attach ID``: photos or PDFs for a saved update (see bot.conversation.attach)."""
    return core.replies(start_attach(core, msg, who, arg))


def cmd_edit(core: Core, msg: Message, who: Identity, arg: str) -> list[Reply]:
    """``/edit ID TEXT``: the author corrects an update that waits for approval."""
    return core.replies(edit_pending(core, who, arg, core.approval))


def cmd_evidence(core: Core, msg: Message, who: Identity, arg: str) -> list[Reply]:
    """``/evidence ID``: the photos and PDFs of an update (managers of its scope, its author)."""
    return evidence_replies(core, who, arg)


def cmd_summary(core: Core, msg: Message, who: Identity, arg: str) -> list[Reply]:
    with core.db.read() as s:
        scope = scope_of(find_user(s, who.platform, who.external_id))
        ids = None if scope.everything else projects_in_scope(s, scope)

    def note(q: FiscalQuarter) -> str | None:
        with core.db.read() as s:
            waiting = pending_count(s, ids, q.fiscal_year, q.quarter)
        en = who.english
        lines = [] if scope.everything else [
            f"{'Scope' if en else 'ขอบเขต'}: {scope.describe()}"]
        if waiting:
            lines.append(f"⏳ {waiting:,} waiting for approval (not counted in this summary)"
                         if en else f"⏳ รอการอนุมัติ {waiting:,} รายการ (ยังไม่นับรวมในสรุปนี้)")
        return "\n".join(lines) or None

    # The chart and workbook follow the text (Core.handle makes them in place unless
    # the adapter sends the text first).  In the user's language ("Q9" tells none).
    return summary_replies(core, arg, ids, note, defer=True, english=who.english)


def cmd_approve(core: Core, msg: Message, who: Identity, arg: str) -> list[Reply]:
    """``/approve ID``: a manager approves a pending update of their scope."""
    return core.replies(approve(core, who, arg))


def cmd_reject(core: Core, msg: Message, who: Identity, arg: str) -> list[Reply]:
    """``/reject ID [REASON]``: a manager rejects a pending update (the reason is asked for)."""
    return core.replies(reject(core, who, arg, msg.chat_id))


def cmd_docs(core: Core, msg: Message, who: Identity, arg: str) -> list[Reply]:
    return [docs_reply(core.db, arg, can_remove=has_role(who.role, REMOVE_ROLE),
                       english=who.english)]


def cmd_remove(core: Core, msg: Message, who: Identity, arg: str) -> list[Reply]:
    with core.db.read() as s:  # a scoped manager removes only their scope's documents
        scope = scope_of(find_user(s, who.platform, who.external_id))
    return remove_replies(core.db, core.index, arg, who.english, scope)


def cmd_grant(core: Core, msg: Message, who: Identity, arg: str) -> list[Reply]:
    parts = arg.split()
    english = who.english
    if len(parts) != 2:
        return [Reply(f"Usage: /grant PLATFORM:ID ROLE, e.g. {GRANT_EXAMPLE}" if english
                      else f"ใช้: /grant PLATFORM:ID ROLE เช่น {GRANT_EXAMPLE}")]
    try:
        text = core.write_retrying(lambda s: add_user(s, parts[0], parts[1].lower(),
                                                      actor=who.ref, check_id=True))
    except UserAdminError as exc:
        return [Reply(exc.say(english))]
    return [Reply(str(text))]


def cmd_revoke(core: Core, msg: Message, who: Identity, arg: str) -> list[Reply]:
    parts = arg.split()
    english = who.english
    if len(parts) != 1:
        return [Reply(f"Usage: /revoke PLATFORM:ID, e.g. {REVOKE_EXAMPLE}" if english
                      else f"ใช้: /revoke PLATFORM:ID เช่น {REVOKE_EXAMPLE}")]
    try:
        text = core.write_retrying(lambda s: remove_user(s, parts[0], actor=who.ref))
    except UserAdminError as exc:
        return [Reply(exc.say(english))]
    return [Reply(str(text))]


COMMANDS: dict[str, Command] = {
    "start": Command(cmd_start, None, "เริ่มต้น แสดงรหัสผู้ใช้และบทบาท", "greet; show your id and role"),
    "help": Command(cmd_help, "staff", "คำสั่งทั้งหมด", "list the commands"),
    "ask": Command(cmd_ask, "staff", "ถามคำถาม (หรือพิมพ์ข้อความธรรมดา)", "ask a question"),
    "search": Command(cmd_search, "staff", "ค้นหาข้อความในเอกสาร", "search the documents"),
    "projects": Command(cmd_projects, "staff", "รายชื่อโครงการและรหัส", "projects and their ids"),
    "whoami": Command(cmd_whoami, "staff", "รหัสผู้ใช้และบทบาทของฉัน", "your id and role"),
    "update": Command(cmd_update, "officer",
                      "รายงานความคืบหน้า: /update (ทีละขั้น) หรือ /update รหัส ข้อความ",
                      "report progress: /update (step by step) or /update ID TEXT"),
    "undo": Command(cmd_undo, "officer", "ยกเลิกรายงานล่าสุด (ภายใน 15 นาที)",
                    "undo your last update (15 minutes)"),
    "myupdates": Command(cmd_myupdates, "officer", "รายงานล่าสุดของฉัน", "your recent updates"),
    "attach": Command(cmd_attach, "officer", "แนบรูป/PDF กับรายงานที่บันทึกแล้ว: /attach รหัสรายงาน",
                      "add photos or PDFs to a saved update: /attach ID"),
    "edit": Command(cmd_edit, "officer", "แก้ไขรายงานที่รออนุมัติ: /edit รหัสรายงาน ข้อความใหม่",
                    "correct an update waiting for approval: /edit ID TEXT"),
    "evidence": Command(cmd_evidence, "officer", "ดูรูป/PDF ของรายงาน: /evidence รหัสรายงาน",
                        "the photos and PDFs of an update: /evidence ID"),
    "assign": Command(cmd_assign, "officer", "โครงการที่รับผิดชอบ; manager: /assign PLATFORM:ID รหัส",
                      "your projects; managers: /assign PLATFORM:ID PROJECT_ID"),
    "remind": Command(cmd_remind, "officer", "เปิด/ปิดการแจ้งเตือน: /remind on หรือ off",
                      "reminders on or off: /remind on|off"),
    "docs": Command(cmd_docs, "staff", "เอกสารในระบบ ล่าสุดก่อน (/docs หน้า 2)",
                    "the documents, newest first (/docs page 2)"),
    "missing": Command(cmd_missing, "manager", "ผู้ที่ยังไม่ส่งรายงาน เช่น /missing 2/2566",
                       "who has not reported, e.g. /missing 2/2566"),
    "cancel": Command(cmd_cancel, "staff", "ยกเลิกรายการที่กำลังทำ (เช่น การรายงานทีละขั้น)",
                      "cancel what is in progress (a guided update)"),
    # The buttons of a conversation send this; it is no command to type (no help line).
    BUTTON_COMMAND: Command(cmd_btn, "staff", "", ""),
    "approve": Command(cmd_approve, "manager", "อนุมัติรายงาน: /approve รหัสรายงาน",
                       "approve a pending update: /approve ID"),
    "reject": Command(cmd_reject, "manager", "ไม่อนุมัติรายงาน: /reject รหัสรายงาน เหตุผล",
                      "reject a pending update: /reject ID REASON"),
    "summary": Command(cmd_summary, "manager", "สรุปรายไตรมาส เช่น /summary 2/2566",
                       "quarter summary, e.g. /summary 2/2566"),
    "remove": Command(cmd_remove, REMOVE_ROLE, "ลบเอกสาร (ถามยืนยันก่อน): /remove รหัสเอกสาร",
                      "delete a document (asks first): /remove DOC_ID"),
    "grant": Command(cmd_grant, "admin", "ให้สิทธิ์: /grant PLATFORM:ID ROLE",
                     "grant a role: /grant PLATFORM:ID ROLE"),
    "revoke": Command(cmd_revoke, "admin", "ถอนสิทธิ์: /revoke PLATFORM:ID",
                      "revoke access: /revoke PLATFORM:ID"),
    "jobs": Command(cmd_jobs, "admin", "คิวงานและงานที่ล้มเหลว (พร้อมสาเหตุ)",
                    "the job queue and its dead letter, with each error"),
}
