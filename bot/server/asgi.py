"""The web worker: one ASGI app with the LINE and Telegram webhooks, health, readiness, metrics.

A webhook request is verified, then parsed, then *enqueued*, and answered: the LINE
signature (``X-Line-Signature``, HMAC-SHA256 of the raw body with the channel secret)
or the Telegram secret header is checked before anything else (400 / 403), the body
is read with a size limit (413), and each event is stored with its queue job in one
PostgreSQL transaction keyed by the platform's event id
(:class:`bot.queue.enqueue.AsyncEnqueuer`, on the event loop).  Only then is the
platform told 200; when the database is unavailable it is told 500 and delivers the
event again later.  No answer is computed here: queue workers do that (``sdgbot
worker``).  A web worker holds no index, no core and no state: ``sdgbot serve --workers
N`` runs N of them behind one port, and any number of such servers can run behind a
load balancer.

Routes:

* ``POST /line/callback`` and ``POST /telegram/webhook`` — for whichever platform has
  its credentials set;
* ``GET /healthz`` — the process is up;
* ``GET /readyz`` — the database answers: 200 with ``{"status", "index_lag",
  "index_replicas", "queue_depth", "dead_letter"}`` (``index_lag``: passages in the
  database that the most lagging live worker's index lacks), 503 when it does not;
* ``GET /metrics`` — Prometheus text, every process's metrics added up, and gauges read
  from the database (queue depth, dead letter, index lag, the month's LINE pushes of
  every process on every host: ``sdgbot_line_push_quota_used``);
* ``GET /media/{name}`` — charts the workers drew, for LINE to fetch.

:func:`create_app` is the factory uvicorn calls in each worker process: it is that
process's composition root and reads the settings from the environment once.
"""

from __future__ import annotations

import asyncio
import binascii
import contextlib
import datetime as dt
import json
import logging
import time
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import psycopg
import psycopg_pool
from linebot.v3.exceptions import InvalidSignatureError
from linebot.v3.webhook import SignatureValidator
from procrastinate.exceptions import ProcrastinateException as ProcrastinateError
from sqlalchemy import func, select, text
from sqlalchemy.exc import SQLAlchemyError
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from bot.adapters.http_body import BadBody, BodyTooLarge, parse_json, read_limited
from bot.adapters.telegram import SECRET_HEADER, WEBHOOK_PATH, webhook_secret
from bot.app import SchemaNotCurrent
from bot.config import Settings
from bot.logs import configure_logging, request_id
from bot.media_files import media_file
from bot.metrics import CONTENT_TYPE, WEBHOOK_REQUESTS, WEBHOOK_SECONDS, render
from bot.queue.enqueue import AsyncEnqueuer
from bot.queue.store import FAILED, QUEUED
from bot.queue.tasks import make_queue
from indexer.store import saved_meta
from knowledge.db import Database
from knowledge.models import InboundEvent, IndexReplica, Passage
from knowledge.outbox import push_count

__all__ = ["LINE_PATH", "REPLICA_STALE", "WebServer", "create_app", "line_event_key"]

log = logging.getLogger(__name__)

LINE_PATH = "/line/callback"
MAX_BODY_BYTES = 1 << 20
#: A worker whose index report is older than this (seconds) is not counted as live.
REPLICA_STALE = 15.0
#: The LINE event types the workers handle (the routing table of ``LineBot``: message,
#: follow and postback events); others are acknowledged and dropped here.
LINE_EVENTS = frozenset({"message", "follow", "postback"})
#: What ``/media/{name}`` serves here (charts): see :func:`bot.media_files.media_file`.
_MEDIA_TYPES = ("png", "jpg", "jpeg")


def line_event_key(data: dict[str, Any], event_id: str) -> str:
    """The queue key of LINE event ``data``: its transport id, as the single process claims.

    ``line:msg:ID`` for a message, ``line:tok:TOKEN`` for another event with a reply
    token (a postback, a follow), else ``line:EVENT_ID``: LINE may deliver one message
    again under a new event id with the same, already used, reply token, and it must
    not be answered (refused, then pushed) a second time.
    """
    message = data.get("message")
    message_id = message.get("id") if isinstance(message, dict) else None
    if data.get("type") == "message" and isinstance(message_id, str) and message_id:
        return f"line:msg:{message_id[:150]}"
    token = data.get("replyToken")
    if isinstance(token, str) and token:
        return f"line:tok:{token[:150]}"
    return f"line:{event_id[:160]}"


class WebServer:
    """The routes of one web worker."""

    def __init__(self, settings: Settings, db: Database, queue: Any) -> None:
        """Serve webhooks for the platforms ``settings`` configures, enqueueing into ``queue``."""
        self.settings = settings
        self.db = db
        self.queue = queue
        self.enqueuer = AsyncEnqueuer(settings.db_url)
        self.media_dir = settings.home / "media"
        self.line_validator = (SignatureValidator(settings.line_secret)
                               if settings.line_secret and settings.line_token else None)
        self.telegram_secret = (webhook_secret(settings.telegram_token)
                                if settings.telegram_token else None)

    # -- webhooks --------------------------------------------------------------------------
    async def line_callback(self, request: Request) -> Response:
        """``POST /line/callback``: verify the signature, store and enqueue each event, 200."""
        t0 = time.perf_counter()
        response = await self._line(request)
        self._observe("line", response.status_code, t0)
        return response

    async def _line(self, request: Request) -> Response:
        assert self.line_validator is not None
        signature = request.headers.get("x-line-signature")
        if not signature:
            log.warning("LINE webhook without X-Line-Signature refused")
            return PlainTextResponse("missing signature", status_code=400)
        try:
            body = await read_limited(request, MAX_BODY_BYTES)
        except BodyTooLarge:
            return PlainTextResponse("body too large", status_code=413)
        except BadBody:
            return PlainTextResponse("malformed request", status_code=400)
        try:
            text_body = body.decode("utf-8")
            if not self.line_validator.validate(text_body, signature):
                raise InvalidSignatureError("invalid signature")
            # Verified: the events are read as JSON, without building the SDK's models
            # (the worker does that); only their type and id are needed here.
            raw = parse_json(body)["events"]
            if not isinstance(raw, list) or not all(isinstance(e, dict) for e in raw):
                raise ValueError("events is not a list of objects")
        except InvalidSignatureError:
            log.warning("LINE webhook with a bad signature refused")
            return PlainTextResponse("invalid signature", status_code=400)
        except (BadBody, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError,
                RecursionError, binascii.Error):
            return PlainTextResponse("malformed body", status_code=400)
        items = []
        for data in raw:
            event_id = data.get("webhookEventId")
            if data.get("type") not in LINE_EVENTS or not isinstance(event_id, str) \
                    or not event_id:
                continue
            # A message is keyed by its id: LINE may deliver it again under a new event
            # id (same reply token, used already), and it must not be answered twice.
            items.append((line_event_key(data, event_id), "line",
                          json.dumps(data, ensure_ascii=False)))
        return await self._enqueue(items)

    async def telegram_webhook(self, request: Request) -> Response:
        """``POST /telegram/webhook``: check the secret header, store and enqueue, 200."""
        t0 = time.perf_counter()
        response = await self._telegram(request)
        self._observe("telegram", response.status_code, t0)
        return response

    async def _telegram(self, request: Request) -> Response:
        import hmac

        assert self.telegram_secret is not None
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self.telegram_secret.encode()):
            return PlainTextResponse("forbidden", status_code=403)
        try:
            data = parse_json(await read_limited(request, MAX_BODY_BYTES))
        except BodyTooLarge:
            return PlainTextResponse("body too large", status_code=413)
        except BadBody:
            return PlainTextResponse("bad update", status_code=400)
        update_id = data.get("update_id") if isinstance(data, dict) else None
        if not isinstance(update_id, int) or isinstance(update_id, bool) or update_id < 0:
            return PlainTextResponse("bad update", status_code=400)
        payload = json.dumps(data, ensure_ascii=False)
        return await self._enqueue([(f"telegram:{update_id}", "telegram", payload)])

    async def _enqueue(self, items: list[tuple[str, str, str]]) -> Response:
        if not items:
            return PlainTextResponse("OK")
        with request_id(items[0][0] if len(items) == 1 else f"batch:{uuid.uuid4().hex[:12]}"):
            try:
                new = await self.enqueuer.enqueue(items)
            except (psycopg.Error, psycopg_pool.PoolTimeout, ProcrastinateError) as exc:
                log.error("could not enqueue %d events (%s); the platform will deliver "
                          "them again", len(items), type(exc).__name__)
                return PlainTextResponse("temporarily unavailable", status_code=500)
            log.debug("accepted %d events (%d new)", len(items), new)
        return PlainTextResponse("OK")

    @staticmethod
    def _observe(platform: str, status: int, t0: float) -> None:
        WEBHOOK_REQUESTS.labels(platform, str(status)).inc()
        WEBHOOK_SECONDS.labels(platform).observe(time.perf_counter() - t0)

    # -- health --------------------------------------------------------------------------
    async def healthz(self, request: Request) -> Response:
        """``GET /healthz``: the process is up."""
        return JSONResponse({"status": "ok"})

    async def readyz(self, request: Request) -> Response:
        """``GET /readyz``: 200 with the index lag and queue depth, 503 without a database."""
        try:
            state = await asyncio.to_thread(self.readiness)
        except SQLAlchemyError as exc:
            return JSONResponse({"status": "unavailable", "index_lag": None,
                                 "error": type(exc).__name__}, status_code=503)
        return JSONResponse({"status": "ready", **state})

    def readiness(self) -> dict[str, Any]:
        """``{index_lag, index_replicas, queue_depth, dead_letter}`` read from the database.

        ``index_lag`` is the number of passages that the live worker furthest behind
        does not hold yet (above its highest id, or as it counted them itself, with the
        passages committed in its gaps); with no live worker, that of the index saved
        in the data folder (or every passage, when there is none).
        """
        since = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=REPLICA_STALE)
        with self.db.read() as s:
            s.execute(text("SELECT 1"))
            live = s.execute(select(func.count(), func.min(IndexReplica.max_passage_id),
                                    func.max(IndexReplica.lag))
                             .where(IndexReplica.updated_at >= since)).one()
            replicas, low, own = int(live[0] or 0), live[1], int(live[2] or 0)
            if not replicas:
                meta = saved_meta(self.settings.home / "index")
                low = int(str(meta.get("max_passage_id", 0))) if meta else 0
            lag = s.scalar(select(func.count(Passage.id)).where(Passage.id > (low or 0))) or 0
            lag = max(lag, own)  # a worker's own count holds the passages in its gaps
            depth = s.scalar(select(func.count()).select_from(InboundEvent)
                             .where(InboundEvent.status == QUEUED)) or 0
            dead = s.scalar(select(func.count()).select_from(InboundEvent)
                            .where(InboundEvent.status == FAILED)) or 0
        return {"index_lag": int(lag), "index_replicas": replicas, "queue_depth": int(depth),
                "dead_letter": int(dead)}

    async def metrics(self, request: Request) -> Response:
        """``GET /metrics``: Prometheus text of every process, with the queue's gauges."""

        def read_db() -> dict[str, float]:
            state = self.readiness()
            with self.db.read() as s:  # every process's pushes, this month (Bangkok)
                pushes = push_count(s, "line", dt.datetime.now(dt.UTC))
            return {"queue_depth": state["queue_depth"], "dead_letter_events": state["dead_letter"],
                    "index_lag_max_passages": state["index_lag"],
                    "line_push_quota_used": pushes}

        body = await asyncio.to_thread(render, read_db)
        return Response(body, media_type=CONTENT_TYPE)

    async def media(self, request: Request) -> Response:
        """``GET /media/{name}``: a chart from the media folder (safe names only)."""
        path = media_file(self.media_dir, str(request.path_params.get("name", "")),
                          _MEDIA_TYPES)
        if path is None:
            return PlainTextResponse("not found", status_code=404)
        return FileResponse(path, headers={"Cache-Control": "public, max-age=86400"})

    def routes(self) -> list[Route]:
        """The routing table."""
        routes = [
            Route("/healthz", self.healthz, methods=["GET"]),
            Route("/readyz", self.readyz, methods=["GET"]),
            Route("/metrics", self.metrics, methods=["GET"]),
            Route("/media/{name}", self.media, methods=["GET"]),
        ]
        if self.line_validator is not None:
            routes.append(Route(LINE_PATH, self.line_callback, methods=["POST"]))
        if self.telegram_secret is not None:
            routes.append(Route(WEBHOOK_PATH, self.telegram_webhook, methods=["POST"]))
        return routes


def build_app(settings: Settings, db: Database | None = None) -> Starlette:
    """The web worker's ASGI app for ``settings`` (a database is opened if none is given)."""
    db = db or Database(settings.db_url)
    if not db.schema_current():
        raise SchemaNotCurrent("the database is not at this version's schema: run `sdgbot "
                             "migrate` first")
    server = WebServer(settings, db, make_queue(settings.db_url))
    server.readiness()  # connect and compile before the first webhook

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await server.enqueuer.open()
        try:
            yield
        finally:
            await server.enqueuer.close()
            db.dispose()

    app = Starlette(routes=server.routes(), lifespan=lifespan)
    app.state.server = server
    return app


def create_app() -> Starlette:
    """Uvicorn's factory (``bot.server.asgi:create_app``): settings from the environment."""
    import os

    settings = Settings.from_env()
    configure_logging([settings.telegram_token, settings.line_token, settings.line_secret],
                      verbose=os.environ.get("SDGBOT_LOG_LEVEL", "info").lower() != "warning")
    return build_app(settings)


def media_root(settings: Settings) -> Path:
    """The folder charts are written to and served from."""
    return settings.home / "media"
