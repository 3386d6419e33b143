"""The console chat: the same core as Telegram and LINE, on stdin and stdout.

Buttons become a numbered list; typing the number presses the button, so the
console offers what the phone apps offer.  Charts are saved as files and their
path is printed.
"""

from __future__ import annotations

import contextlib
import itertools
import sys
import uuid
from typing import TextIO

from bot.app import App
from bot.approvals import ApprovalPolicy
from bot.core import Core
from bot.replies import Button, Message, Reply, followers
from bot.schedule import Schedule
from bot.users import UserAdminError, console_user_id

__all__ = ["QUIT_COMMANDS", "format_reply", "run_console"]

#: Typed alone, these end the console chat (as end of input does): people type them.
QUIT_COMMANDS = frozenset({"/quit", "/exit", "/q", "ออก"})


def format_reply(reply: Reply, english: bool = False) -> str:
    """A reply as console text: the text, numbered buttons, the chart's path.

    The console's own words are in the reply's language (``meta["english"]``, set by
    the core), else in ``english`` (the language of the reply a follower follows).
    """
    en = bool(reply.meta.get("english", english))
    lines = [reply.text]
    if reply.buttons:
        lines.append("")
        lines.extend(f"  {i}) {b.label}" for i, b in enumerate(reply.buttons, 1))
        lines.append("  (type a number to choose)" if en else "  (พิมพ์หมายเลขเพื่อเลือก)")
    if reply.image is not None:
        lines.append(f"📊 {'Chart' if en else 'แผนภูมิ'}: {reply.image}")
    if reply.file is not None:
        lines.append(f"📎 {'File' if en else 'ไฟล์'}: {reply.file}")
    if reply.feedback_id is not None:
        lines.append("  (type +1 or -1 to rate this answer)" if en else
                     "  (พิมพ์ +1 หรือ -1 เพื่อให้คะแนนคำตอบนี้)")
    return "\n".join(lines)


def run_console(app: App, *, user_id: str, stdin: TextIO, stdout: TextIO) -> int:
    """Read messages until EOF or /quit; print each reply.  Returns the exit status.

    ``user_id`` is a console id, with or without its ``console:`` prefix (one user
    either way: :func:`bot.users.console_user_id`).
    """
    with contextlib.suppress(UserAdminError):  # `sdgbot chat` has refused a wrong id already
        user_id = console_user_id(user_id)
    # After an update, approval, edit or removal made here, the current quarter's
    # /summary files are made in the background while the user types, as the servers
    # do; not at start (a console session is often one question long).
    core = Core(app.db, app.index, media_dir=app.settings.home / "media",
                approval=ApprovalPolicy.parse(app.settings.approval), warm_summary=True,
                warm_at_start=False, schedule=Schedule.from_settings(app.settings))
    # A console run is one conversation: a follow-up never reads the last run's questions.
    core.begin_conversation("console", user_id)
    try:
        return _loop(core, user_id, stdin, stdout)
    finally:
        core.close(timeout=5.0)  # a warm still running is not worth a long wait at exit


def _loop(core: Core, user_id: str, stdin: TextIO, stdout: TextIO) -> int:
    """The console's read-answer loop (see :func:`run_console`)."""
    interactive = stdin.isatty()
    if interactive:
        # Loaded while the user reads the greeting and types: the first answer is quick.
        core.answerer.warm_up_in_background()
    buttons: tuple[Button, ...] = ()
    last_feedback: int | None = None
    counter = itertools.count(1)
    if interactive:
        print("sdgbot — พิมพ์คำถาม หรือ /help (/quit หรือ Ctrl-D เพื่อออก; /quit or Ctrl-D to leave)",
              file=stdout)
    while True:
        if interactive:
            print("> ", end="", file=stdout, flush=True)
        line = stdin.readline()
        if not line:
            break
        text = line.rstrip("\n").strip()
        if text.lower() in QUIT_COMMANDS:
            break
        if text in ("+1", "-1") and last_feedback is not None:
            print(core.feedback("console", user_id, last_feedback, int(text)), file=stdout)
            continue
        # A button's number, in Thai digits too ("๒"); "³" is no number int() reads.
        if text.isdecimal() and buttons and 1 <= int(text) <= len(buttons):
            text = buttons[int(text) - 1].data
        msg = Message(platform="console", user_id=user_id, text=text,
                      message_id=f"console-{user_id}-{next(counter)}-{uuid.uuid4().hex}")
        buttons = ()
        last_feedback = None
        pending = core.handle(msg, defer=True)  # the text is printed before slow files
        english = False
        while pending:
            reply = pending.pop(0)
            english = bool(reply.meta.get("english", english))
            print(format_reply(reply, english), file=stdout)
            print("", file=stdout, flush=True)
            if reply.buttons:
                buttons = reply.buttons
            if reply.feedback_id is not None:
                last_feedback = reply.feedback_id
            pending[:0] = followers(reply)
    if interactive:
        print("", file=stdout)
    sys.stdout.flush()
    return 0
