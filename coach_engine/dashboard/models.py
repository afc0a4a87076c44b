"""The dashboard's shapes (PRODUCT.md §9; the seeds' /dashboard endpoints), shared by the CLI,
the TUI Dashboard mode and the future server. All figures are computed by
``coach_engine.dashboard.service.dashboard``; each field says how."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from coach_engine.dashboard.records import GoalMetric, GoalPriority

Trend = Literal["up", "down", "stable"]


class _View(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SkillView(_View):
    name: str
    category: str | None = None
    progress: int = Field(ge=0, le=100)
    previous: int | None = None
    """Progress before the latest update (None after a single measurement)."""
    trend: Trend
    """up/down when progress moved by 2 points or more since ``previous``, else stable."""
    is_strength: bool
    """progress ≥ 70."""


class SkillsSummary(_View):
    improving: list[SkillView] = Field(default_factory=list)
    """Skills trending up, biggest gain first."""
    strengths: list[SkillView] = Field(default_factory=list)
    """Skills at 70 or above, best first."""
    areas_to_improve: list[SkillView] = Field(default_factory=list)
    """Skills below 70, weakest first."""
    weakest: str | None = None
    strongest: str | None = None


class GoalView(_View):
    id: str
    label: str
    current: int
    total: int
    priority: GoalPriority
    metric: GoalMetric
    is_completed: bool
    percent: int = Field(ge=0, le=100)
    """min(100, 100 × current / total), rounded down."""


class RecentSession(_View):
    id: str
    title: str
    kind: str
    difficulty: str
    """The problem's difficulty in the bank (the session's when the problem is unknown)."""
    language: str
    status: str
    score: int | None = None
    duration_minutes: int
    """Active (pause-free) minutes, rounded down."""
    created_at: datetime
    completed_at: datetime | None = None


class ScorePoint(_View):
    session_id: str
    day: date
    """The local day the session was completed."""
    score: int
    title: str


class Insight(_View):
    text: str
    source: Literal["provider", "offline"]
    model: str | None = None
    note: str | None = None
    """Why the offline insight was used although a provider is configured."""


class Dashboard(_View):
    generated_at: datetime
    timezone: str
    week: str
    """The ISO week of the goals, e.g. 2026-W11."""
    overall_score: int | None = Field(
        None,
        description="Mean score of the COMPLETED sessions that have a score, rounded to the "
        "nearest integer; None when there is none.",
    )
    scored_sessions: int
    interviews_completed: int
    """Sessions in status COMPLETED."""
    current_streak_days: int
    """Consecutive local days with a completed interview or a drill review, ending today (or
    yesterday, while today has nothing yet)."""
    time_invested_seconds: float
    """Sum of every session's active (pause-free) time; a session still running counts at most
    its planned duration. Drill time is not tracked."""
    time_invested_hours: float
    """``time_invested_seconds`` in hours, one decimal."""
    drills_reviewed: int
    """Graded drill answers, all time."""
    drills_skipped: int
    skills: SkillsSummary
    goals: list[GoalView]
    recent_sessions: list[RecentSession]
    score_history: list[ScorePoint]
    """Scores of completed sessions in completion order (the last 30)."""
    insight: Insight
