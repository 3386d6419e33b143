"""Structured logs for the served processes: one JSON object per line, with a request id.

Every record carries ``request_id``: the event key (``line:<webhookEventId>``,
``telegram:<update_id>``) from the webhook that accepted it to the worker that
handled it, so one grep follows a message through every process.  Secrets never
reach the output: the channel secret, the access token and the bot token are
replaced by ``<secret>`` in messages and tracebacks alike, and httpx (whose request
URLs carry the Telegram token) is kept at WARNING.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import sys
from collections.abc import Iterable, Iterator
from contextvars import ContextVar

__all__ = ["JsonFormatter", "configure_logging", "current_request_id", "request_id"]

_request_id: ContextVar[str | None] = ContextVar("sdgbot_request_id", default=None)


def current_request_id() -> str | None:
    """The request id of the work running in this context, if any."""
    return _request_id.get()


@contextlib.contextmanager
def request_id(value: str) -> Iterator[None]:
    """Log every record inside the block with ``request_id=value``."""
    token = _request_id.set(value)
    try:
        yield
    finally:
        _request_id.reset(token)


class _Context(logging.Filter):
    """Adds the request id and removes secrets from a record."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s and len(s) >= 6]

    def _clean(self, text: str) -> str:
        for secret in self.secrets:
            if secret in text:
                text = text.replace(secret, "<secret>")
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _request_id.get()
        message = record.getMessage()
        cleaned = self._clean(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self._clean(record.exc_text)
        return True


class JsonFormatter(logging.Formatter):
    """``{"ts", "level", "logger", "msg", "request_id", "pid", "exc"?}`` per line."""

    def format(self, record: logging.LogRecord) -> str:
        """One JSON line for ``record`` (Thai kept readable)."""
        out: dict[str, object] = {
            "ts": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
            "request_id": getattr(record, "request_id", None),
            "pid": record.process,
        }
        if record.exc_text:
            out["exc"] = record.exc_text
        return json.dumps(out, ensure_ascii=False)


def configure_logging(secrets: Iterable[str | None], *, verbose: bool = False,
                      json_lines: bool = True) -> None:
    """Log to stderr as JSON lines (or plain text), INFO or WARNING, secrets removed.

    Called once by each served process's entry point (never at import).
    """
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(_Context([s for s in secrets if s]))
    handler.setFormatter(JsonFormatter() if json_lines else logging.Formatter(
        "%(asctime)s %(levelname)s %(name)s [%(request_id)s]: %(message)s"))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(logging.INFO if verbose else logging.WARNING)
    for noisy in ("httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)  # their URLs carry the bot token
    logging.getLogger("procrastinate").setLevel(logging.WARNING)
