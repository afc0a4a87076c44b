"""What the person did, read once from the store: sessions, drill reviews, hard problems solved.

The dashboard and the weekly goals both count from an ``Activity``, so their figures agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo

from coach_engine.dashboard.clock import in_week, local_day
from coach_engine.dashboard.records import DrillReview, GoalMetric
from coach_engine.errors import ProblemError
from coach_engine.models import Difficulty, InterviewSession, SessionStatus
from coach_engine.problems import ProblemBank
from coach_engine.store import Store

_PAGE = 500


@dataclass(frozen=True)
class Solve:
    """An accepted submission of a hard problem."""

    problem: str
    """The problem slug (the session id when the session has no problem)."""
    at: datetime


@dataclass
class Activity:
    sessions: list[InterviewSession]
    """Every session of the user, oldest first."""
    reviews: list[DrillReview]
    hard_solves: list[Solve] = field(default_factory=list)

    @property
    def completed(self) -> list[InterviewSession]:
        """COMPLETED sessions in the order they were completed."""
        done = [s for s in self.sessions if s.status == SessionStatus.COMPLETED]
        return sorted(done, key=finished_at)

    def active_days(self, tz: tzinfo | None) -> set[date]:
        """Local days with at least one completed interview or drill review."""
        days = {local_day(finished_at(s), tz) for s in self.completed}
        return days | {local_day(r.reviewed_at, tz) for r in self.reviews}

    def week_counts(self, year: int, week: int, tz: tzinfo | None) -> dict[GoalMetric, int]:
        """What each computed goal metric counts in ISO week ``(year, week)``."""
        return {
            GoalMetric.INTERVIEWS: sum(
                in_week(finished_at(s), year, week, tz) for s in self.completed
            ),
            GoalMetric.DRILLS: sum(in_week(r.reviewed_at, year, week, tz) for r in self.reviews),
            GoalMetric.HARD_PROBLEMS: len(
                {s.problem for s in self.hard_solves if in_week(s.at, year, week, tz)}
            ),
        }


def finished_at(session: InterviewSession) -> datetime:
    """When a session ended (``completed_at``; rows without one fall back to ``updated_at``)."""
    return session.completed_at or session.updated_at


def all_sessions(store: Store, user_id: str) -> list[InterviewSession]:
    """Every session of the user, oldest first (paged through the store)."""
    out: list[InterviewSession] = []
    while True:
        page = store.list_sessions(user_id, sort="created_at", limit=_PAGE, offset=len(out))
        out.extend(page.items)
        if not page.has_more or not page.items:
            return out


def is_hard(session: InterviewSession, bank: ProblemBank) -> bool:
    """The problem's difficulty from the bank, else the difficulty the session was created with."""
    if session.problem_slug:
        try:
            return bank.get(session.problem_slug).difficulty == "hard"
        except ProblemError:
            pass
    return session.difficulty == Difficulty.HARD


def load_activity(store: Store, bank: ProblemBank, user_id: str) -> Activity:
    sessions = all_sessions(store, user_id)
    solves = [
        Solve(s.problem_slug or s.id, run.created_at)
        for s in sessions
        if is_hard(s, bank)
        for run in store.list_runs(user_id, s.id)
        if run.is_submission and run.verdict == "AC"
    ]
    return Activity(sessions, store.list_drill_reviews(user_id), solves)
