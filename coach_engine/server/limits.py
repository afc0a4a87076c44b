"""Per-user rate limits, and the request body limit.

Rate limits are sliding windows kept in memory per (user, action) — one server process holds
them, and a restart forgets them, which errs towards the user. A refused request gets 429 with
``Retry-After``: the seconds until the oldest counted request leaves the window.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from coach_engine.server.errors import ApiError, error_body


class RateLimiter:
    """``limit`` actions per ``window_s`` seconds per user."""

    def __init__(
        self,
        action: str,
        limit: int,
        window_s: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.action, self.limit, self.window_s, self._clock = action, limit, window_s, clock
        self._hits: dict[str, deque[float]] = {}

    def wait_s(self, key: str) -> int:
        """Seconds until ``key`` may act again (0: now), counting nothing."""
        now = self._clock()
        hits = self._hits.get(key)
        if hits is None:
            return 0
        while hits and hits[0] <= now - self.window_s:
            hits.popleft()
        if not hits:
            del self._hits[key]  # keys of bad sign-ins must not pile up
            return 0
        return max(1, math.ceil(hits[0] + self.window_s - now)) if len(hits) >= self.limit else 0

    def check(self, user_id: str) -> None:
        """Count one action of ``user_id``.

        Raises:
            ApiError: 429 with Retry-After when the user has used the window's allowance.
        """
        now = self._clock()
        hits = self._hits.setdefault(user_id, deque())
        while hits and hits[0] <= now - self.window_s:
            hits.popleft()
        if len(hits) >= self.limit:
            wait = max(1, math.ceil(hits[0] + self.window_s - now))
            per = "hour" if self.window_s == 3600 else "day" if self.window_s == 86400 else "window"
            raise ApiError(
                429,
                "rate_limited",
                f"Rate limit exceeded: {self.limit} {self.action} per {per}",
                f"try again in {wait} s (server.{self.action.replace(' ', '_')}_per_{per} "
                "sets the limit)",
                headers={"Retry-After": str(wait)},
            )
        hits.append(now)


class BodyLimit:
    """ASGI middleware: a request body over ``max_bytes`` gets 413 before a handler reads it
    (by its Content-Length, or by counting a streamed body)."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    too_big = int(value) > self.max_bytes
                except ValueError:
                    too_big = True
                if too_big:
                    await _drain(receive)
                    await self._refuse(send)
                    return
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    if message.get("more_body", False):
                        await _drain(receive)
                    raise _TooLarge(self.max_bytes)
            return message

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, tracked)
        except _TooLarge:
            if not started:
                await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        import json

        kib = self.max_bytes // 1024
        body = json.dumps(
            error_body(
                "body_too_large",
                f"Request body over {kib} KiB",
                f"send at most {kib} KiB (server.max_body_kb sets the limit)",
            )
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


DRAIN_BYTES = 16 * 1024 * 1024


async def _drain(receive: Receive) -> None:
    """Read and drop the rest of a refused body (up to ``DRAIN_BYTES``): a server that answers
    and closes while the client is still sending makes the client's socket fail with a reset
    before it reads the 413. Past that bound the connection is closed regardless."""
    dropped = 0
    while dropped < DRAIN_BYTES:
        message = await receive()
        if message["type"] != "http.request":
            return
        dropped += len(message.get("body", b""))
        if not message.get("more_body", False):
            return


class _TooLarge(HTTPException):
    """Raised from the body stream: an HTTPException, so FastAPI's body parsing passes it on
    (it turns other errors into 400) and the error handler answers 413."""

    def __init__(self, max_bytes: int) -> None:
        super().__init__(413, f"Request body over {max_bytes // 1024} KiB")
