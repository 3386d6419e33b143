"""``sdgbot serve``: the web workers under uvicorn, N processes on one port.

uvicorn's own supervisor runs the workers (``--workers N``): it restarts one that
dies, and on SIGHUP replaces them one by one, each new worker serving before the old
one stops (a rolling restart that drops no webhook).  SIGTERM stops them gracefully:
requests in flight are finished (up to :data:`GRACE` seconds).  Each worker process
builds its app with :func:`bot.server.asgi.create_app` from the environment.
"""

from __future__ import annotations

import asyncio
import logging

import uvicorn

from bot.config import Settings

__all__ = ["GRACE", "register_telegram_webhook", "run_serve"]

log = logging.getLogger(__name__)

#: Seconds to finish requests in flight on shutdown.
GRACE = 30


def run_serve(host: str, port: int, workers: int) -> int:
    """Serve the ASGI app with ``workers`` uvicorn processes until SIGTERM/SIGINT; 0 on exit."""
    log.info("sdgbot serve on http://%s:%d with %d workers", host, port, workers)
    uvicorn.run("bot.server.asgi:create_app", factory=True, host=host, port=port,
                workers=workers, log_config=None, access_log=False, lifespan="auto",
                ws="none", timeout_graceful_shutdown=GRACE, timeout_keep_alive=30,
                proxy_headers=True, server_header=False)
    return 0


def register_telegram_webhook(settings: Settings, url: str) -> str:
    """Point Telegram at ``url`` (with the secret header ``serve`` checks) and publish commands.

    Returns the bot's username.  Raises python-telegram-bot's errors (a bad token,
    Telegram unreachable).
    """
    from telegram import Bot

    from bot.adapters.telegram import ALLOWED_UPDATES, COMMANDS, webhook_secret

    token = settings.telegram_token
    if not token:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")

    async def register() -> str:
        bot = Bot(token, base_url=settings.telegram_api) if settings.telegram_api \
            else Bot(token)
        async with bot:
            await bot.set_webhook(url, secret_token=webhook_secret(token),
                                  allowed_updates=ALLOWED_UPDATES)
            from telegram import BotCommand

            from knowledge.textcut import shorten

            named = [(n, c) for n, c in COMMANDS.items() if n.isidentifier() and c.help_th]
            await bot.set_my_commands([BotCommand(n, shorten(c.help_th, 256)) for n, c in named])
            await bot.set_my_commands([BotCommand(n, shorten(c.help_en, 256)) for n, c in named],
                                      language_code="en")
            return str(bot.username)

    return asyncio.run(register())
