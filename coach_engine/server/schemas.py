"""Request and response bodies the engine's own models do not already cover."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from coach_engine.api import Difficulty, Drill, FeedbackStatus, InterviewKind, InterviewSession


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SignUp(_In):
    full_name: str = Field("", max_length=200)
    email: str = Field(min_length=3, max_length=320, pattern=r"^[^@\s]+@[^@\s]+$")
    password: str = Field(min_length=8, max_length=1024)
    agree_to_terms: bool = True


class SignIn(_In):
    email: str = Field(max_length=320)
    password: str = Field(max_length=1024)


class RefreshIn(_In):
    refresh_token: str = Field(max_length=2048)


class UserOut(BaseModel):
    id: str
    email: str | None
    full_name: str


class TokenPair(BaseModel):
    access_token: str
    refresh_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int
    """Seconds the access token is valid."""


class SignedUp(TokenPair):
    id: str
    email: str
    full_name: str


class SignedIn(TokenPair):
    user: UserOut


class SessionIn(_In):
    problem_slug: str | None = Field(None, max_length=200)
    """A bank problem; without it, a random one matching ``difficulty`` and ``topic``."""
    topic: str | None = Field(None, max_length=100)
    difficulty: Difficulty | None = None
    language: str | None = Field(None, max_length=20)
    kind: InterviewKind = InterviewKind.CODING


class SessionPage(BaseModel):
    items: list[InterviewSession]
    total: int
    page: int
    limit: int
    pages: int


class SessionPatch(_In):
    """Change a session: its state (``in_progress`` starts or resumes it, ``paused``,
    ``cancelled``) and/or save the editor's code (an autosave)."""

    status: Literal["in_progress", "paused", "cancelled"] | None = None
    code: str | None = Field(None, max_length=1_000_000)
    language: str | None = Field(None, max_length=20)


class CodeIn(_In):
    code: str = Field(max_length=1_000_000)
    language: str | None = Field(None, max_length=20)
    """Default: the session's language."""


class CustomRunIn(_In):
    code: str = Field(max_length=1_000_000)
    language: str | None = Field(None, max_length=20)
    test_input: str = Field(max_length=1_000_000)
    """One test's arguments as LeetCode's Testcase box takes them, one per line
    (``[2,7,11,15]`` then ``9``)."""


class CompleteIn(_In):
    code: str | None = Field(None, max_length=1_000_000)
    language: str | None = Field(None, max_length=20)


class MessageIn(_In):
    content: str = Field(min_length=1, max_length=20_000)


class FeedbackAccepted(BaseModel):
    feedback_id: str
    status: FeedbackStatus
    status_url: str
    result_url: str
    estimated_wait_seconds: int


class FeedbackStatusOut(BaseModel):
    feedback_id: str
    session_id: str
    status: FeedbackStatus
    progress_percent: int
    retries: int
    """Attempts that failed and were run again (a job runs at most 3 times)."""
    error: str | None = None


class FeedbackResult(BaseModel):
    feedback_id: str
    session_id: str
    status: FeedbackStatus
    overall_score: int | None
    criterion_scores: dict[str, Any]
    strengths: list[Any]
    weaknesses: list[Any]
    suggestions: list[Any]
    detailed_feedback: str | None
    complexity: dict[str, Any] | None = None
    completed_at: datetime | None = None


class NotReady(BaseModel):
    detail: str
    status: FeedbackStatus
    status_url: str


class DrillAnswer(_In):
    response: str = Field(max_length=1_000_000)
    response_type: Literal["code", "text"] = "code"
    language: str | None = Field(None, max_length=20)


class TextAnswer(_In):
    response: str = Field(max_length=100_000)


class HintOut(BaseModel):
    drill_id: str
    hint: str


class DrillStart(BaseModel):
    drill_id: str
    code: str
    language: str


class DrillGraded(BaseModel):
    """An answer's grade (0-100), what it was based on, and the drill with its next review."""

    drill: Drill
    score: int
    details: list[str]
    verdict: str | None = None
    """Code answers: the sandbox's overall verdict."""
    passed: int | None = None
    total: int | None = None


class DeletedOut(BaseModel):
    deleted: dict[str, int]
