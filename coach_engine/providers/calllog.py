"""``LLMCall``: the row logged for every provider call, successful or not.

It records what is needed to audit spending and prompt quality — provider, model, prompt id and
version, options, tokens, cost, latency, attempts, outcome — and deliberately nothing else: no
key (providers never hand it out) and no prompt or answer text (a prompt may quote a person's
code or notes, and the transcript already lives with the session).

This module imports only pydantic and ``coach_engine.models`` so the store can use it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from coach_engine.models import new_id, utcnow


class LLMCall(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(default_factory=new_id)
    user_id: str
    session_id: str | None = None
    provider: str
    model: str
    prompt_id: str | None = None
    prompt_version: str | None = None
    options: dict[str, Any] = Field(default_factory=dict)
    """The validated call options (max_tokens, temperature, …); never contain secrets."""
    streamed: bool = False
    input_tokens: int = 0
    output_tokens: int = 0
    tokens_estimated: bool = False
    """True when the server reported no usage (or the call failed) and counts are chars/4."""
    cost_usd: float = 0.0
    cost_known: bool = True
    """False when the model is not in the price table and was priced conservatively."""
    latency_ms: int = 0
    first_token_ms: int | None = None
    attempts: int = 0
    outcome: str = "ok"
    """``ok``, ``cancelled``, or the ``ProviderCallError.kind`` that ended the call."""
    error_message: str | None = None
    created_at: datetime = Field(default_factory=utcnow)
