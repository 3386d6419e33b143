"""Reading HTTP request bodies with a size limit, while they stream in.

``await request.body()`` reads the whole body before anyone can look at its size:
a 300 MiB chunked POST is 300 MiB in memory.  :func:`read_limited` refuses a
``Content-Length`` over the limit before reading anything and stops reading a
streamed body as soon as it passes the limit.  :func:`parse_json` turns every way
JSON can be bad, deep nesting (``RecursionError``) included, into one exception.
A client that hangs up before its body has arrived is :class:`ClientGone` (a
:class:`BadBody`, so every endpoint that refuses a bad body drops it too), logged
as one warning line: no traceback, whoever sends it, signed or not.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from starlette.requests import ClientDisconnect, Request

__all__ = ["BadBody", "BodyTooLarge", "ClientGone", "parse_json", "read_limited"]

log = logging.getLogger(__name__)


class BodyTooLarge(Exception):
    """The request body is larger than allowed (answer HTTP 413)."""


class BadBody(Exception):
    """The request body is not the JSON expected (answer HTTP 400)."""


class ClientGone(BadBody):
    """The client closed the connection before its whole body arrived (nobody to answer)."""


async def read_limited(request: Request, limit: int) -> bytes:
    """The request body, at most ``limit`` bytes; raises :class:`BodyTooLarge` beyond.

    Nothing past ``limit + one chunk`` is ever read.  A malformed ``Content-Length``
    is :class:`BadBody`; a client that disconnects midway is :class:`ClientGone`,
    after one warning line.
    """
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            size = int(declared)
        except ValueError as exc:
            raise BadBody("malformed Content-Length") from exc
        if size > limit:
            raise BodyTooLarge(f"body of {size} bytes; at most {limit} accepted")
    parts: list[bytes] = []
    total = 0
    try:
        async for chunk in request.stream():
            total += len(chunk)
            if total > limit:
                raise BodyTooLarge(f"body over {limit} bytes")
            parts.append(chunk)
    except ClientDisconnect:
        log.warning("%s %s: the client disconnected after %d of %s body bytes; dropped",
                    request.method, request.url.path, total, declared or "?")
        raise ClientGone("client disconnected") from None
    return b"".join(parts)


def parse_json(body: bytes) -> Any:
    """``body`` decoded as UTF-8 JSON.

    Raises :class:`BadBody` for any undecodable, malformed or too deeply nested body.
    """
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise BadBody(type(exc).__name__) from exc
