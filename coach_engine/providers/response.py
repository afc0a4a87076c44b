"""``StreamResponse``: an answer as it arrives.

Iterate it for text chunks; once iteration ends (normally, with an error, or because the caller
closed it early) ``usage``, ``latency_ms`` and the ``done`` callbacks are settled. The callbacks
are how ``LLMClient`` logs every call exactly once, whatever way the stream ended.
"""

from __future__ import annotations

import asyncio
import inspect
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from typing import Any

from coach_engine.providers.types import (
    CallStats,
    ChatMessage,
    Completion,
    Usage,
    estimate_prompt_tokens,
    estimate_tokens,
)

DoneCallback = Callable[["StreamResponse", BaseException | None], Awaitable[None] | None]
"""Told once how the stream ended; a coroutine callback is awaited before iteration ends (how
``LLMClient`` writes its log row off the event loop, through ``AsyncStore``)."""


class StreamResponse:
    """Async iterator of text chunks with the call's usage and timing once finished."""

    def __init__(
        self,
        chunks: AsyncIterator[str],
        stats: CallStats,
        *,
        model: str,
        messages: Sequence[ChatMessage],
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        self._chunks = chunks
        self.stats = stats
        self.model = model
        self._messages = messages
        self._clock = clock
        self._parts: list[str] = []
        self._callbacks: list[DoneCallback] = []
        self.started = clock()
        self.first_chunk_at: float | None = None
        self.finished_at: float | None = None
        self.error: BaseException | None = None
        self.cost_usd: float | None = None
        """Set by ``LLMClient`` when the call is priced."""
        self.call_id: str | None = None
        """Set by ``LLMClient`` once the call is logged."""

    # iteration ----------------------------------------------------------------------------
    def __aiter__(self) -> StreamResponse:
        return self

    async def __anext__(self) -> str:
        if self.finished_at is not None:
            raise StopAsyncIteration
        try:
            chunk = await self._chunks.__anext__()
        except StopAsyncIteration:
            await self._finish(None)
            raise
        except BaseException as exc:  # CancelledError included: the call is over either way
            await self._finish(exc)
            raise
        if self.first_chunk_at is None:
            self.first_chunk_at = self._clock()
        self._parts.append(chunk)
        return chunk

    async def aclose(self) -> None:
        """Stop early (closes the connection). Logged as cancelled if not already finished."""
        if self.finished_at is None:
            await self._finish(asyncio.CancelledError("closed by the caller"))
        aclose = getattr(self._chunks, "aclose", None)
        if aclose is not None:
            await aclose()

    async def __aenter__(self) -> StreamResponse:
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self.aclose()

    async def collect(self) -> str:
        """Consume the rest of the stream and return the whole text."""
        async for _ in self:
            pass
        return self.text

    # results ------------------------------------------------------------------------------
    @property
    def text(self) -> str:
        return "".join(self._parts)

    @property
    def done(self) -> bool:
        return self.finished_at is not None

    @property
    def usage(self) -> Usage | None:
        return self.stats.usage

    @property
    def latency_ms(self) -> int:
        end = self.finished_at if self.finished_at is not None else self._clock()
        return int((end - self.started) * 1000)

    @property
    def first_chunk_ms(self) -> int | None:
        if self.first_chunk_at is None:
            return None
        return int((self.first_chunk_at - self.started) * 1000)

    def completion(self) -> Completion:
        """The finished answer. Only valid after the stream ended without error."""
        if self.finished_at is None or self.error is not None:
            raise RuntimeError("completion() needs a stream that finished successfully")
        return Completion(
            text=self.text,
            usage=self.stats.usage or self.estimated_usage(),
            model=self.stats.model or self.model,
            finish_reason=self.stats.finish_reason,
            attempts=max(self.stats.attempts, 1),
            latency_ms=self.latency_ms,
        )

    def estimated_usage(self) -> Usage:
        """chars/4 estimates, for servers that report no usage and for interrupted calls."""
        return Usage(
            input_tokens=estimate_prompt_tokens(self._messages),
            output_tokens=estimate_tokens(self.text),
            estimated=True,
        )

    def add_done_callback(self, callback: DoneCallback) -> None:
        """Call ``callback(response, error)`` once when the stream ends (error None on success);
        at once if it already ended.

        Raises:
            RuntimeError: a coroutine callback added after the end (nothing would await it).
        """
        if self.finished_at is None:
            self._callbacks.append(callback)
            return
        result = callback(self, self.error)
        if inspect.iscoroutine(result):
            result.close()
            raise RuntimeError("a coroutine done-callback must be added before the stream ends")

    async def _finish(self, error: BaseException | None) -> None:
        self.finished_at = self._clock()
        self.error = error
        if error is None and self.stats.usage is None:
            self.stats.usage = self.estimated_usage()
        callbacks, self._callbacks = self._callbacks, []
        for callback in callbacks:
            result = callback(self, error)
            if inspect.isawaitable(result):
                await result
