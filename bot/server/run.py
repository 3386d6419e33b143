"""``sdgbot serve``: the web workers under uvicorn, N processes on one port.

uvicorn's own supervisor runs the workers (``--workers N``): it restarts one that
dies, and on SIGHUP replaces them one by one, each new worker serving before the old
one stops (a rolling restart that drops no webhook).  SIGTERM stops them gracefully:
requests in flight are finished (up to :data:`GRACE` seconds).  Each worker process
builds its app with :func:`bot.server.asgi.create_app` from the environment.
"""

from __future__ import annotations

import logging

import uvicorn

__all__ = ["GRACE", "run_serve"]

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
