"""Reading HTTP request bodies with a size limit, while they stream in.

``await request.body()`` reads the whole body before anyone can look at its size:
a 300 MiB chunked POST is 300 MiB in memory.  :func:`read_limited` refuses a
``Content-Length`` over the limit before reading anything and stops reading a
streamed body as soon as it passes the limit.  :func:`parse_json` turns every way
JSON can be bad, deep nesting (``RecursionError``) included, into one exception.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request

__all__ = ["BadBody", "BodyTooLarge", "parse_json", "read_limited"]


class BodyTooLarge(Exception):
    """The request body is larger than allowed (answer HTTP 413)."""


class BadBody(Exception):
    """The request body is not the JSON expected (answer HTTP 400)."""


async def read_limited(request: Request, limit: int) -> bytes:
    """The request body, at most ``limit`` bytes; raises :class:`BodyTooLarge` beyond.

    Nothing past ``limit + one chunk`` is ever read.  A malformed ``Content-Length``
    is :class:`BadBody`.
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
    async for chunk in request.stream():
        total += len(chunk)
        if total > limit:
            raise BodyTooLarge(f"body over {limit} bytes")
        parts.append(chunk)
    return b"".join(parts)


def parse_json(body: bytes) -> Any:
    """``body`` decoded as UTF-8 JSON.

    Raises :class:`BadBody` for any undecodable, malformed or too deeply nested body.
    """
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise BadBody(type(exc).__name__) from exc
