"""Rows the dashboard reads and writes: weekly goals and the drill-review log.

Kept free of engine imports so the store can import it (the store is below the dashboard).
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

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

    model_config = ConfigDict(extra="forbid")

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

    model_config = ConfigDict(extra="forbid")

    drill_id: str
    user_id: str
    score: int | None = None
    reviewed_at: datetime
