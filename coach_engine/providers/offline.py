"""The offline provider: answers come from a deterministic, rule-based responder function.

This module is only the seam. The real offline interviewer (grounded in test results, static
analysis and timing — PRODUCT.md §7) is a ``Responder`` built elsewhere and passed in; until it
is, ``placeholder_responder`` answers honestly that it cannot judge anything. The provider
streams the responder's text word by word so front ends exercise the same streaming path as with
a hosted model; it costs nothing and needs no network.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Callable, Sequence

from coach_engine.providers.base import Provider
from coach_engine.providers.types import (
    CallStats,
    ChatMessage,
    ProviderCallError,
    Usage,
    estimate_prompt_tokens,
    estimate_tokens,
)

Responder = Callable[[Sequence[ChatMessage]], str]
"""Given the conversation so far, the interviewer's next message. Must be deterministic:
the same conversation gives the same answer (tests and replays rely on it)."""

_WORD = re.compile(r"\s*\S+\s*|\s+")


def placeholder_responder(messages: Sequence[ChatMessage]) -> str:
    """Stand-in until the rule-based interviewer is plugged in. It never pretends to judge."""
    return (
        "I'm the offline coach. I have no language model here, so I only comment on what has "
        "been measured — run your code (the tests, timings and analysis are what I go by) and "
        "keep talking through your approach."
    )


class OfflineProvider(Provider):
    name = "offline"
    model_id = "offline-rules-v1"
    needs_key = False
    key_env_var = None
    can_stream = True

    def __init__(self, responder: Responder | None = None, *, model: str = "") -> None:
        super().__init__(model=model)
        self.responder: Responder = responder or placeholder_responder

    @property
    def is_local(self) -> bool:
        return True

    async def execute(
        self,
        messages: Sequence[ChatMessage],
        options: Provider.Options,
        *,
        stream: bool,
        stats: CallStats,
    ) -> AsyncIterator[str]:
        stats.attempts = 1
        stats.model = self.model
        try:
            text = self.responder(messages)
        except Exception as exc:  # a bug in the rules must not take the interview down
            raise ProviderCallError(
                f"the offline interviewer failed ({type(exc).__name__}: {exc}); "
                "please report it with `coach doctor` output",
                kind="offline",
            ) from exc
        # Honour max_tokens like a model would: cut at a word boundary, say so in finish_reason.
        words, used = [], 0
        for word in _WORD.findall(text):
            used += len(word)
            if (used + 3) // 4 > options.max_tokens:  # estimate_tokens, incrementally
                break
            words.append(word)
        out = "".join(words)
        stats.finish_reason = "stop" if out == text else "length"
        if not stream:
            words = [out]
        stats.usage = Usage(
            input_tokens=estimate_prompt_tokens(messages),
            output_tokens=estimate_tokens(out),
            estimated=True,
        )
        for word in words:
            yield word
            # Let other tasks (the UI, autosave) run between chunks, as with a network stream.
            await asyncio.sleep(0)
