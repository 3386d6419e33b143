"""Settings, read once from the environment by the composition root.

Nothing deeper in the code reads the environment: the command line builds a
:class:`Settings` and hands the pieces down.  Secrets are kept out of ``repr`` so
that a logged settings object never shows a token.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Settings", "default_home", "telegram_file_url"]


def telegram_file_url(api: str) -> str:
    """The file-download base that goes with a Bot API base in ``base_url`` form.

    ``http://127.0.0.1:PORT/bot`` -> ``http://127.0.0.1:PORT/file/bot`` (Telegram serves
    files under ``/file/bot<token>/``, beside ``/bot<token>/``).
    """
    root, _, tail = api.rstrip("/").rpartition("/")
    return f"{root}/file/{tail}"


def default_home() -> Path:
    """The per-user data folder (XDG data home) used when ``SDGBOT_HOME`` is unset."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "sdgbot"


@dataclass(frozen=True)
class Settings:
    """Everything the bot needs from its environment."""

    home: Path
    database_url: str | None = None
    telegram_token: str | None = field(default=None, repr=False)
    telegram_api: str | None = None
    line_secret: str | None = field(default=None, repr=False)
    line_token: str | None = field(default=None, repr=False)
    line_api: str | None = None
    public_url: str | None = None
    #: Field reporting (issue 15): which scopes need a manager's approval ("all", or
    #: "agency:ตท.สป.; province:เชียงใหม่"), the quarter's deadline (days before its
    #: end), the reminder days (before the deadline), their hour and the quiet hours
    #: (Asia/Bangkok), as the environment gives them; parsed by bot.approvals and
    #: bot.reminders, which say what a bad value is.
    approval: str | None = None
    deadline_days: str | None = None
    remind_days: str | None = None
    remind_hour: str | None = None
    quiet_hours: str | None = None
    #: ``sdgbot ingest``'s limits (``SDGBOT_MAX_FILE_MB``, ``SDGBOT_MAX_PASSAGES``), as
    #: given; read by :meth:`bot.documents.IngestLimits.from_settings`.
    max_file_mb: str | None = None
    max_passages: str | None = None

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Read the variables of CONTRACTS.md (empty values count as unset)."""
        e = os.environ if env is None else env

        def get(name: str) -> str | None:
            value = e.get(name, "").strip()
            return value or None

        home = Path(get("SDGBOT_HOME") or default_home()).expanduser()
        return cls(
            home=home,
            database_url=get("DATABASE_URL"),
            telegram_token=get("TELEGRAM_BOT_TOKEN"),
            telegram_api=get("SDGBOT_TELEGRAM_API"),
            line_secret=get("LINE_CHANNEL_SECRET"),
            line_token=get("LINE_CHANNEL_ACCESS_TOKEN"),
            line_api=get("SDGBOT_LINE_API"),
            public_url=get("SDGBOT_PUBLIC_URL"),
            approval=get("SDGBOT_APPROVAL"),
            deadline_days=get("SDGBOT_DEADLINE_DAYS"),
            remind_days=get("SDGBOT_REMIND_DAYS"),
            remind_hour=get("SDGBOT_REMIND_HOUR"),
            quiet_hours=get("SDGBOT_QUIET_HOURS"),
            max_file_mb=get("SDGBOT_MAX_FILE_MB"),
            max_passages=get("SDGBOT_MAX_PASSAGES"),
        )

    @property
    def db_url(self) -> str:
        """The SQLAlchemy URL: ``DATABASE_URL`` or the SQLite file in the data folder."""
        if self.database_url:
            url = self.database_url
            # Plain postgres:// URLs (as hosting services print them) mean psycopg 3 here.
            if url.startswith("postgres://"):
                url = "postgresql+psycopg://" + url[len("postgres://") :]
            elif url.startswith("postgresql://"):
                url = "postgresql+psycopg://" + url[len("postgresql://") :]
            return url
        return f"sqlite:///{self.home / 'sdgbot.db'}"
