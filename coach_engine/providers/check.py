"""``check(provider)``: one real, cheap request, for ``coach doctor``.

It sends a one-line prompt with a 16-token limit (well under a thousandth of a cent on any
table model) and reports whether an answer came back, how long it took, and what went wrong if
not. Build the provider with ``RetryPolicy(max_attempts=1)`` so a broken setup is reported
promptly instead of after the retries an interview would use.
"""

from __future__ import annotations

import asyncio
import time
from typing import NamedTuple

from coach_engine.providers.base import Provider
from coach_engine.providers.types import ChatMessage, ProviderCallError

PING = [ChatMessage.user("Reply with the single word: ok")]


class CheckResult(NamedTuple):
    ok: bool
    latency_ms: int
    detail: str


async def check(provider: Provider, *, timeout_s: float = 30.0) -> CheckResult:
    """Ask ``provider`` for a tiny answer. Never raises for provider failures."""
    started = time.perf_counter()

    def elapsed() -> int:
        return int((time.perf_counter() - started) * 1000)

    try:
        async with asyncio.timeout(timeout_s):
            completion = await provider.complete(PING, {"max_tokens": 16})
    except ProviderCallError as exc:
        return CheckResult(False, elapsed(), f"{exc.title}: {exc.message}")
    except TimeoutError:
        return CheckResult(False, elapsed(), f"no answer within {timeout_s:g} s")
    ms = elapsed()
    usage = completion.usage
    counted = "estimated" if usage.estimated else "reported"
    return CheckResult(
        True,
        ms,
        f"{provider.name} {completion.model} answered in {ms} ms "
        f"({usage.input_tokens}+{usage.output_tokens} tokens {counted})",
    )
