"""Where an interview stands: the protocol step, submitted or not, the feedback status.

``SessionView`` bundles a session with its problem, runs and latest feedback job and derives
everything a front end shows about its progress, so the TUI's protocol panel, its header and the
server's session state can never disagree. It is plain data: ``Interviews.view`` builds it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from coach_engine.models import (
    CodeRun,
    FeedbackRun,
    FeedbackStatus,
    InterviewSession,
    SessionStatus,
)

if TYPE_CHECKING:  # the schema's pydantic models: not on the way to a home screen's list
    from coach_engine.problems import Problem

STEPS: tuple[str, ...] = ("Discuss", "Code", "Test", "Submit")
"""The interview protocol, in order (Interview Section PRD §5b)."""

FINISHED = (SessionStatus.COMPLETED, SessionStatus.CANCELLED)
"""A finished session opens on its summary."""

LIVE = (SessionStatus.CREATED, SessionStatus.IN_PROGRESS, SessionStatus.PAUSED)
"""Opening a live session (re)starts the interviewer."""


@dataclass
class SessionView:
    """A session and everything measured about it, as of when it was read."""

    session: InterviewSession
    problem: Problem
    runs: list[CodeRun]
    feedback: FeedbackRun | None = None
    """The newest feedback job, whatever its status."""

    @property
    def last_run(self) -> CodeRun | None:
        return self.runs[-1] if self.runs else None

    @property
    def attempts(self) -> int:
        return len(self.runs)

    @property
    def submitted(self) -> bool:
        return any(r.is_submission for r in self.runs) or self.session.status in (
            SessionStatus.AWAITING_FEEDBACK,
            SessionStatus.COMPLETED,
        )

    @property
    def finished(self) -> bool:
        return self.session.status in FINISHED

    @property
    def live(self) -> bool:
        return self.session.status in LIVE

    @property
    def feedback_done(self) -> FeedbackRun | None:
        """The latest feedback if it completed."""
        if self.feedback is not None and self.feedback.status == FeedbackStatus.COMPLETED:
            return self.feedback
        return None

    @property
    def score(self) -> int | None:
        done = self.feedback_done
        return done.overall_score if done is not None else self.session.score

    @property
    def weak_areas(self) -> list[str]:
        done = self.feedback_done
        return list(done.weaknesses[:3]) if done is not None else []

    def step(self, code_started: bool) -> int:
        """Index into ``STEPS``: Submit once submitted, Test once run, Code once the editor
        differs from the starter (``code_started``, which only the editor knows), else Discuss."""
        if self.submitted:
            return 3
        if self.runs:
            return 2
        return 1 if code_started else 0

    def feedback_status(self) -> str:
        """One line: 'not requested', 'on accept or end' (submitted, nothing accepted yet: the
        interview goes on), 'waiting', 'processing 30%', 'ready · 82/100', 'failed'."""
        if self.feedback is None:
            if not self.submitted:
                return "not requested"
            live = self.session.status == SessionStatus.IN_PROGRESS
            return "on accept or end" if live else "waiting"
        fb = self.feedback
        if fb.status == FeedbackStatus.COMPLETED:
            return f"ready · {fb.overall_score}/100"
        if fb.status == FeedbackStatus.FAILED:
            return "failed"
        return f"{fb.status.value.lower()} {fb.progress:.0%}"
