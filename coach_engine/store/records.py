"""Rows the store keeps for other parts of the engine: weekly goals and the drill-review log
(the dashboard's), and the provider-call log (the providers').

Defined here rather than in ``coach_engine.dashboard`` or ``coach_engine.providers`` so the store
imports nothing above it (no store ⇄ dashboard or store ⇄ providers cycle); those packages
re-export these names (``dashboard.records``, ``providers.calllog``).

``LLMCall`` records what is needed to audit spending and prompt quality — provider, model, prompt
id and version, options, tokens, cost, latency, attempts, outcome — and deliberately nothing
else: no key (providers never hand it out) and no prompt or answer text (a prompt may quote a
person's code or notes, and the transcript already lives with the session).
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from coach_engine.models import new_id, utcnow


class GoalPriority(StrEnum):
    HIGH = "HIGH"
    MEDIUM = "MEDIUM"
    LOW = "LOW"


class GoalMetric(StrEnum):
    """What a goal counts. Every metric but ``manual`` is computed from the person's data."""

    INTERVIEWS = "interviews"
    """Sessions COMPLETED in the ISO week (by ``completed_at``, local calendar)."""
    DRILLS = "drills"
    """Drill reviews (answers graded) in the week, from the ``drill_reviews`` log."""
    HARD_PROBLEMS = "hard_problems"
    """Distinct hard problems with an accepted (AC) submission in the week."""
    MANUAL = "manual"
    """Progress the person sets themselves (``coach goals set ID --current N``)."""


class WeeklyGoal(BaseModel):
    """One goal of one ISO week (the seeds' WeeklyGoal, plus what it counts)."""

    model_config = ConfigDict(extra="forbid", defer_build=True)  # built on first use

    id: str = Field(default_factory=new_id)
    user_id: str
    label: str = Field(min_length=1, max_length=200)
    current: int = Field(0, ge=0)
    total: int = Field(ge=1)
    priority: GoalPriority = GoalPriority.MEDIUM
    metric: GoalMetric = GoalMetric.MANUAL
    is_completed: bool = False
    week_number: int = Field(ge=1, le=53)
    year: int
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    removed_at: datetime | None = None
    """Set when the person removes the goal; kept so the week's defaults are not re-created."""


class DrillReview(BaseModel):
    """One graded answer to a drill, logged by a trigger whenever ``last_reviewed_at`` moves."""

    model_config = ConfigDict(extra="forbid", defer_build=True)  # built on first use

    drill_id: str
    user_id: str
    score: int | None = None
    reviewed_at: datetime


class LLMCall(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)  # built on first use

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
