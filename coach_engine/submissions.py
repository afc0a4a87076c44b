"""A session's submissions, as LeetCode lists them: every one kept, with its verdict, tests,
CPU time, language, time and code.

A submission is a stored run with ``is_submission`` (the ``runs`` table holds the code, verdict,
counts, language, time and per-test results), so nothing else is stored: ``submissions_of``
numbers them oldest first, and ``graded_submission`` picks the one the feedback judges — the
last accepted submission, else the last one.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from pydantic import BaseModel, ConfigDict

from coach_engine.models import CodeRun

ACCEPTED = "AC"


class Submission(BaseModel):
    """One submission of a session (all tests, hidden ones included)."""

    model_config = ConfigDict(frozen=True)

    id: str
    """The stored run's id."""
    number: int
    """1 for the session's first submission, then 2, 3, … (oldest first)."""
    verdict: str
    passed: int
    total: int
    cpu_ms: float
    """CPU time of all tests together, as the sandbox charged them."""
    language: str
    created_at: datetime
    code: str

    @property
    def accepted(self) -> bool:
        return self.verdict == ACCEPTED

    @classmethod
    def from_run(cls, run: CodeRun, number: int) -> Submission:
        return cls(
            id=run.id,
            number=number,
            verdict=run.verdict,
            passed=run.passed,
            total=run.total,
            cpu_ms=round(sum(t.time_ms for t in run.tests), 1),
            language=run.language,
            created_at=run.created_at,
            code=run.code,
        )


def submissions_of(runs: Sequence[CodeRun]) -> list[Submission]:
    """The submissions among ``runs`` (any order), numbered oldest first."""
    ordered = sorted((r for r in runs if r.is_submission), key=lambda r: r.created_at)
    return [Submission.from_run(r, k) for k, r in enumerate(ordered, start=1)]


def graded_submission(runs: Sequence[CodeRun]) -> CodeRun | None:
    """The submission the feedback judges: the last accepted one, else the last; None when
    nothing was submitted."""
    ordered = sorted((r for r in runs if r.is_submission), key=lambda r: r.created_at)
    accepted = [r for r in ordered if r.verdict == ACCEPTED]
    if accepted:
        return accepted[-1]
    return ordered[-1] if ordered else None
