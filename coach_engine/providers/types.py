"""Data shapes shared by every provider: messages, usage, completions and the error type."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from coach_engine.errors import ProviderError

Role = Literal["system", "user", "assistant"]

ErrorKind = Literal[
    "rate_limited",  # 429 after every retry
    "quota",  # the account is out of credit: retrying cannot help
    "server_error",  # 5xx after every retry, or an error event inside a stream
    "timeout",  # no answer within provider.timeout_s
    "connection",  # cannot connect: network down, wrong base_url, server not running
    "auth",  # key missing or rejected
    "not_found",  # unknown model or endpoint
    "bad_request",  # the server refused the request (4xx)
    "bad_response",  # a 2xx answer we cannot parse
    "stream_cut",  # the stream ended before the provider said it was done
    "budget",  # refused before sending: the call would exceed a budget cap
    "invalid_output",  # structured output failed validation after repair and one retry
    "misconfigured",  # missing base_url or model
    "offline",  # the offline responder failed
]

_TITLES: dict[str, str] = {
    "rate_limited": "Provider rate limit",
    "quota": "Provider quota exhausted",
    "timeout": "Provider timed out",
    "connection": "Provider unreachable",
    "auth": "Missing or rejected API key",
    "budget": "Budget exceeded",
    "invalid_output": "Invalid model output",
    "misconfigured": "Provider not configured",
    "stream_cut": "Answer interrupted",
}

# Kinds after which continuing with the offline interviewer makes sense.
FALLBACK_KINDS: frozenset[str] = frozenset(
    {"connection", "timeout", "auth", "misconfigured", "server_error", "rate_limited", "quota"}
)


class ProviderCallError(ProviderError):
    """A provider call failed. ``kind`` is machine-readable (logged as the call's outcome)."""

    def __init__(
        self, message: str, *, kind: ErrorKind, title: str | None = None, status: int | None = None
    ) -> None:
        super().__init__(message, title=title or _TITLES.get(kind, "Provider error"))
        self.kind: ErrorKind = kind
        self.status = status


class ChatMessage(BaseModel):
    """One turn of a conversation as providers see it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    role: Role
    content: str

    @classmethod
    def system(cls, content: str) -> ChatMessage:
        return cls(role="system", content=content)

    @classmethod
    def user(cls, content: str) -> ChatMessage:
        return cls(role="user", content=content)

    @classmethod
    def assistant(cls, content: str) -> ChatMessage:
        return cls(role="assistant", content=content)


class Usage(BaseModel):
    input_tokens: int = Field(default=0, ge=0)
    output_tokens: int = Field(default=0, ge=0)
    estimated: bool = False
    """True when the server reported no usage and the counts are chars/4 estimates."""


@dataclass
class CallStats:
    """Filled in by ``execute`` while it runs; read by the response once it ends."""

    attempts: int = 0
    usage: Usage | None = None
    finish_reason: str | None = None
    model: str | None = None


class Completion(BaseModel):
    """A whole answer: text, usage and how it went."""

    text: str
    usage: Usage
    model: str
    finish_reason: str | None = None
    attempts: int = 1
    latency_ms: int = 0
    cost_usd: float | None = None
    """Filled in by ``LLMClient``; providers do not price their own calls."""
    call_id: str | None = None
    """Id of the logged ``llm_calls`` row, when the call went through ``LLMClient``."""


def estimate_tokens(text: str) -> int:
    """Rough token count, ~4 characters per token for English and code (rounded up).

    Used for budget estimates before a call and for usage when a server reports none.
    """
    return (len(text) + 3) // 4


def estimate_prompt_tokens(messages: Sequence[ChatMessage]) -> int:
    # A few tokens per message for role markers and separators, as chat formats add them.
    return sum(estimate_tokens(m.content) + 4 for m in messages)
