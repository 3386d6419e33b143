"""Button data within each platform's limit: long commands kept under a short key.

A button sends a command when pressed (``/summary 3/2566 กรมส่งเสริมการปกครองท้องถิ่น``).
Telegram's inline-keyboard ``callback_data`` holds 1-64 bytes of UTF-8 (a Thai letter
is three of them) and LINE's postback ``data`` 300 characters; a longer one makes
Telegram refuse the whole message (``BUTTON_DATA_INVALID``) and LINE the whole reply,
and a command cut short would run other words.  :meth:`ButtonCommands.data` gives
each command its button data for one platform (:data:`TELEGRAM`, :data:`LINE`): the
command as is (behind the platform's prefix) where it fits, else :data:`KEY_PREFIX` and
the key of a row of ``button_commands`` (:class:`~knowledge.models.ButtonCommand`).
:meth:`ButtonCommands.command` reads a pressed key back; a key no longer kept gives
None, and the adapters answer :data:`EXPIRED` in the user's language.

The key is a digest of the command, so a command shown again is the same row (its
``used_at`` refreshed) and any process of any platform reads it.  Rows not shown for
:data:`KEEP` are deleted, and at most :data:`MAX_ROWS` are kept (the least recently
shown go first), whenever a new one is written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.exc import SQLAlchemyError

from knowledge.db import Database
from knowledge.models import ButtonCommand
from knowledge.textcut import utf16_len

__all__ = [
    "EXPIRED",
    "KEEP",
    "KEY_PREFIX",
    "LINE",
    "MAX_ROWS",
    "TELEGRAM",
    "ButtonCommands",
    "DataLimit",
    "command_key",
    "utf8_len",
]

log = logging.getLogger(__name__)

#: What button data holding a key starts with (a command starts with "/").
KEY_PREFIX = "cmdh:"
#: How long a kept command outlives the last message that showed its button.
KEEP = dt.timedelta(days=90)
#: The most commands kept; the least recently shown go first.
MAX_ROWS = 50_000
#: The reply to a press on a button whose command is no longer kept: (Thai, English).
EXPIRED = ("ปุ่มนี้หมดอายุแล้ว กรุณาพิมพ์คำสั่งเอง",
           "This button has expired; please type the command.")


def utf8_len(text: str) -> int:
    """The length of ``text`` in UTF-8 bytes (Telegram's measure of callback data)."""
    return len(text.encode("utf-8"))


@dataclass(frozen=True)
class DataLimit:
    """How one platform bounds a button's data: ``most`` units as ``measure`` counts them.

    ``prefix`` goes before a command sent as is (Telegram's ``cmd:``; nothing on LINE,
    whose postback data is the command itself).
    """

    platform: str
    most: int
    measure: Callable[[str], int]
    prefix: str = ""

    def fits(self, command: str) -> bool:
        """Whether ``command`` can ride in the button as is."""
        return self.measure(self.prefix + command) <= self.most


#: Telegram: ``callback_data``, 1-64 bytes of UTF-8.
TELEGRAM = DataLimit("telegram", 64, utf8_len, "cmd:")
#: LINE: a postback action's ``data``, 300 characters (counted in UTF-16 units, which
#: is never fewer).
LINE = DataLimit("line", 300, utf16_len)


def command_key(command: str) -> str:
    """The key a command is kept under: 20 hex digits of its SHA-256 (80 bits)."""
    return hashlib.sha256(command.encode("utf-8")).hexdigest()[:20]


class ButtonCommands:
    """The ``button_commands`` table: long commands under short keys (see the module)."""

    def __init__(self, db: Database, *, clock: Callable[[], dt.datetime] | None = None,
                 keep: dt.timedelta = KEEP, max_rows: int = MAX_ROWS) -> None:
        """Keep the commands in ``db``; ``clock`` gives the time (UTC).

        ``keep`` and ``max_rows`` bound the rows kept.
        """
        self.db = db
        self.clock = clock or (lambda: dt.datetime.now(dt.UTC))
        self.keep = keep
        self.max_rows = max_rows

    def data(self, commands: Sequence[str], limit: DataLimit) -> list[str | None]:
        """The button data of each of ``commands`` on ``limit``'s platform, in order.

        A command that fits is sent as is (behind ``limit.prefix``); a longer one is
        kept (one short transaction for all of them) and sent as ``KEY_PREFIX + key``.
        None where it could not be kept (the database failed: logged; the message is
        sent without that button rather than not at all).  Blocking: call it off the
        event loop.
        """
        out: list[str | None] = []
        kept: dict[str, str] = {}
        for command in commands:
            if limit.fits(command):
                out.append(limit.prefix + command)
            else:
                key = command_key(command)
                kept[key] = command
                out.append(KEY_PREFIX + key)
        if kept:
            try:
                self._keep(kept)
            except SQLAlchemyError:
                log.exception("%d long button commands not kept; buttons left out", len(kept))
                return [None if d is not None and d.startswith(KEY_PREFIX) else d for d in out]
        return out

    def command(self, data: str) -> str | None:
        """The command a key's button data (``KEY_PREFIX + key``) stands for.

        None when the data holds no key or the key is no longer kept.
        """
        if not data.startswith(KEY_PREFIX):
            return None
        key = data[len(KEY_PREFIX):]
        if not key or len(key) > 32:
            return None
        with self.db.read() as s:
            return s.scalar(select(ButtonCommand.command).where(ButtonCommand.key == key))

    def _keep(self, commands: dict[str, str]) -> None:
        """Write (or refresh) ``key -> command`` rows, then drop the old and the surplus."""
        now = self.clock()
        if self.db.is_sqlite:
            from sqlalchemy.dialects.sqlite import insert
        else:
            from sqlalchemy.dialects.postgresql import insert  # type: ignore[assignment]
        rows = [{"key": k, "command": c, "used_at": now} for k, c in sorted(commands.items())]
        stmt = insert(ButtonCommand).values(rows)
        stmt = stmt.on_conflict_do_update(index_elements=["key"],
                                          set_={"used_at": stmt.excluded.used_at})
        with self.db.write() as s:
            s.execute(stmt)
            s.execute(delete(ButtonCommand).where(ButtonCommand.used_at < now - self.keep))
            count = int(s.scalar(select(func.count()).select_from(ButtonCommand)) or 0)
            if count > self.max_rows:
                oldest = (select(ButtonCommand.key).order_by(ButtonCommand.used_at,
                                                             ButtonCommand.key)
                          .limit(count - self.max_rows))
                s.execute(delete(ButtonCommand).where(ButtonCommand.key.in_(oldest)))
