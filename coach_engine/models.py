"""Domain objects: pydantic models the engine takes and returns (the seeds' data models).

The store converts rows to and from these; front ends (CLI, TUI, the future server) only ever see
these shapes. Timestamps are timezone-aware UTC datetimes.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from coach_engine.session_fields import elapsed_seconds


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_id() -> str:
    return uuid.uuid4().hex


class SessionStatus(StrEnum):
    CREATED = "CREATED"
    IN_PROGRESS = "IN_PROGRESS"
    PAUSED = "PAUSED"
    AWAITING_FEEDBACK = "AWAITING_FEEDBACK"
    COMPLETED = "COMPLETED"
    CANCELLED = "CANCELLED"


class InterviewKind(StrEnum):
    CODING = "coding"
    SYSTEM_DESIGN = "system-design"
    BEHAVIORAL = "behavioral"


class Difficulty(StrEnum):
    EASY = "EASY"
    MEDIUM = "MEDIUM"
    HARD = "HARD"


class Role(StrEnum):
    USER = "USER"
    AI = "AI"
    SYSTEM = "SYSTEM"


class ContentType(StrEnum):
    TEXT = "TEXT"
    CODE = "CODE"
    HINT = "HINT"
    FEEDBACK = "FEEDBACK"


class SnapshotReason(StrEnum):
    AUTOSAVE = "autosave"
    RUN = "run"
    SUBMIT = "submit"
    MANUAL = "manual"


class _Model(BaseModel):
    # validators are built when a model is first used, not at import: a command pays for the
    # few models it touches (`coach history`: the session and the user), not for all of them
    model_config = ConfigDict(extra="forbid", use_enum_values=False, defer_build=True)


class User(_Model):
    id: str = Field(default_factory=new_id)
    full_name: str = ""
    email: str | None = None
    is_active: bool = True
    is_superuser: bool = False
    provider: str = "local"
    provider_id: str | None = None
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    last_login_at: datetime | None = None


class SessionCreate(_Model):
    """What a front end sends to start an interview."""

    kind: InterviewKind = InterviewKind.CODING
    problem_slug: str | None = Field(None, max_length=200)
    topic: str = Field("", max_length=200)
    difficulty: Difficulty = Difficulty.MEDIUM
    language: str = Field("python", pattern=r"^(python|javascript|java|cpp|go)$")
    duration_minutes: int = Field(45, ge=5, le=240)
    role: str | None = Field(None, max_length=200)
    skill_targets: list[str] = Field(default_factory=list)
    question: str | None = None
    session_metadata: dict[str, Any] = Field(default_factory=dict)


class InterviewSession(_Model):
    id: str
    user_id: str
    kind: InterviewKind
    problem_slug: str | None = None
    topic: str
    difficulty: Difficulty
    language: str
    status: SessionStatus
    score: int | None = None
    duration_minutes: int
    active_seconds: float = 0.0
    hints_used: int = 0
    reveals_used: int = 0
    role: str | None = None
    skill_targets: list[str] = Field(default_factory=list)
    question: str | None = None
    question_context: str | None = None
    response_text: str | None = None
    transcript: str | None = None
    session_metadata: dict[str, Any] = Field(default_factory=dict)
    started_at: datetime | None = None
    resumed_at: datetime | None = None
    completed_at: datetime | None = None
    created_at: datetime
    updated_at: datetime

    def elapsed_seconds(self, now: datetime | None = None) -> float:
        """Active interview time, excluding pauses."""
        return elapsed_seconds(self.status.value, self.active_seconds, self.resumed_at, now)


class Message(_Model):
    id: str = Field(default_factory=new_id)
    session_id: str
    user_id: str
    seq: int = 0
    role: Role
    content: str
    content_type: ContentType = ContentType.TEXT
    code_language: str | None = None
    token_count: int | None = None
    timestamp: datetime = Field(default_factory=utcnow)


class CodeSnapshot(_Model):
    id: str = Field(default_factory=new_id)
    session_id: str
    user_id: str
    language: str
    code: str
    reason: SnapshotReason = SnapshotReason.AUTOSAVE
    created_at: datetime = Field(default_factory=utcnow)


class Note(_Model):
    id: str = Field(default_factory=new_id)
    session_id: str
    user_id: str
    content: str
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class TestOutcome(_Model):
    """One test of a stored run (PRODUCT.md §4 test shape)."""

    __test__ = False  # not a pytest test class

    index: int
    hidden: bool = False
    verdict: str
    time_ms: float = 0.0
    memory_kb: int = 0
    input: Any = None
    expected: Any = None
    actual: Any = None
    stdout: str = ""
    stderr: str = ""


class CodeRun(_Model):
    """A run (visible tests) or submission (all tests) of the candidate's code."""

    id: str = Field(default_factory=new_id)
    session_id: str
    user_id: str
    is_submission: bool = False
    language: str
    code: str
    verdict: str
    passed: int
    total: int
    compile_ms: float = 0.0
    tests: list[TestOutcome] = Field(default_factory=list)
    created_at: datetime = Field(default_factory=utcnow)


class FeedbackStatus(StrEnum):
    PENDING = "PENDING"
    PROCESSING = "PROCESSING"
    COMPLETED = "COMPLETED"
    FAILED = "FAILED"


class FeedbackRun(_Model):
    id: str = Field(default_factory=new_id)
    session_id: str
    user_id: str
    rubric_id: int | None = None
    status: FeedbackStatus = FeedbackStatus.PENDING
    progress: float = 0.0
    model_name: str | None = None
    model_version: str | None = None
    prompt_id: str | None = None
    prompt_version: str | None = None
    overall_score: int | None = None
    criterion_scores: dict[str, int] = Field(default_factory=dict)
    strengths: list[str] = Field(default_factory=list)
    weaknesses: list[str] = Field(default_factory=list)
    suggestions: list[str] = Field(default_factory=list)
    detailed_feedback: str | None = None
    complexity: dict[str, Any] = Field(default_factory=dict)
    latency_ms: int | None = None
    input_tokens: int | None = None
    output_tokens: int | None = None
    total_cost_usd: float | None = None
    error_message: str | None = None
    retry_count: int = 0
    created_at: datetime = Field(default_factory=utcnow)
    started_at: datetime | None = None
    completed_at: datetime | None = None


class Rubric(_Model):
    id: int | None = None
    name: str
    version: str
    category: str
    description: str | None = None
    criteria: list[dict[str, Any]]
    max_score: int = 100
    passing_score: int = 70
    is_active: bool = True


T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """One page of a listing."""

    items: list[T]
    total: int
    limit: int
    offset: int

    @property
    def has_more(self) -> bool:
        return self.offset + len(self.items) < self.total


class DrillType(StrEnum):
    PRACTICE_QUESTION = "practice_question"
    CODE_EXERCISE = "code_exercise"
    CONCEPT_REVIEW = "concept_review"
    MOCK_SCENARIO = "mock_scenario"


class DrillStatus(StrEnum):
    PENDING = "pending"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    SKIPPED = "skipped"


class Drill(_Model):
    """A practice item generated from a feedback's weaknesses (PRODUCT.md §8)."""

    id: str = Field(default_factory=new_id)
    user_id: str
    feedback_run_id: str | None = None
    title: str
    prompt: str
    drill_type: DrillType
    difficulty: Difficulty = Difficulty.MEDIUM
    target_weakness: str | None = None
    target_skill: str | None = None
    expected_answer: str | None = None
    key_points: list[str] = Field(default_factory=list)
    hints: list[str] = Field(default_factory=list)
    hints_used: int = 0
    status: DrillStatus = DrillStatus.PENDING
    user_response: str | None = None
    score: int | None = None
    sequence_order: int = 0
    problem_slug: str | None = None
    language: str | None = None
    repetitions: int = 0
    interval_days: float = 0.0
    ease: float = 2.5
    attempts: int = 0
    due_at: datetime = Field(default_factory=utcnow)
    last_reviewed_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)
    started_at: datetime | None = None
    completed_at: datetime | None = None


class UserSkill(_Model):
    """Progress 0–100 on one skill, with the value before the latest update."""

    skill: str
    category: str | None = None
    progress: int
    previous_progress: int | None = None
    is_strength: bool = False
    updated_at: datetime = Field(default_factory=utcnow)

    @property
    def trend(self) -> str:
        if self.previous_progress is None or abs(self.progress - self.previous_progress) < 2:
            return "stable"
        return "up" if self.progress > self.previous_progress else "down"
