"""The store: one object holding a repository per aggregate (``store.repositories``).

``store.sessions``, ``store.conversation``, ``store.runs``, ``store.feedback``, ``store.drills``,
``store.progress``, ``store.usage``, ``store.users`` and ``store.rubrics`` are the interface a
backend implements (SQLite today; PostgreSQL one repository at a time). The flat methods below
(``store.get_session(...)``) delegate to them, so callers written against the old 47-method
interface keep working while they move to the repositories; new code may use either.

``AsyncStore`` (``store.aio``) offers the same flat methods as coroutines for async callers.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from coach_engine.models import (
    CodeRun,
    CodeSnapshot,
    Drill,
    DrillStatus,
    FeedbackRun,
    FeedbackStatus,
    InterviewSession,
    Message,
    Note,
    Page,
    Rubric,
    SessionCreate,
    SessionStatus,
    User,
    UserSkill,
)
from coach_engine.store.records import DrillReview, LLMCall, WeeklyGoal
from coach_engine.store.repositories import (
    SESSION_SORTS,
    ConversationRepository,
    CredentialRepository,
    DrillRepository,
    FeedbackRepository,
    ProgressRepository,
    RubricRepository,
    RunRepository,
    SessionRepository,
    UsageRepository,
    UserRepository,
)

__all__ = ["SESSION_SORTS", "Store"]


class Store(ABC):
    """Persistence for users, sessions and everything hanging off them.

    A backend sets the repository attributes in its constructor and implements ``location``,
    ``schema_version`` and ``close``; everything else is delegation.
    """

    users: UserRepository
    rubrics: RubricRepository
    sessions: SessionRepository
    conversation: ConversationRepository
    runs: RunRepository
    feedback: FeedbackRepository
    drills: DrillRepository
    progress: ProgressRepository
    usage: UsageRepository
    credentials: CredentialRepository
    """Server sign-in (e-mail, password hash, refresh tokens); no flat methods."""

    @property
    @abstractmethod
    def location(self) -> str:
        """Where the data lives (a file path or a DSN without password); no I/O."""

    @abstractmethod
    def schema_version(self) -> int: ...

    @abstractmethod
    def close(self) -> None: ...

    # users -------------------------------------------------------------------------------------
    def default_user(self) -> User:
        return self.users.default_user()

    def create_user(self, user: User) -> User:
        return self.users.create_user(user)

    def get_user(self, user_id: str) -> User:
        return self.users.get_user(user_id)

    def list_users(self) -> list[User]:
        return self.users.list_users()

    def delete_user_data(self, user_id: str) -> None:
        return self.users.delete_user_data(user_id)

    def count_rows(self, user_id: str) -> dict[str, int]:
        return self.users.count_rows(user_id)

    # rubrics -----------------------------------------------------------------------------------
    def get_rubric(self, name: str) -> Rubric:
        return self.rubrics.get_rubric(name)

    def list_rubrics(self) -> list[Rubric]:
        return self.rubrics.list_rubrics()

    # sessions ----------------------------------------------------------------------------------
    def create_session(self, user_id: str, data: SessionCreate) -> InterviewSession:
        return self.sessions.create_session(user_id, data)

    def get_session(self, user_id: str, session_id: str) -> InterviewSession:
        return self.sessions.get_session(user_id, session_id)

    def resolve_session_id(self, user_id: str, prefix: str) -> str:
        return self.sessions.resolve_session_id(user_id, prefix)

    def list_sessions(
        self,
        user_id: str,
        *,
        statuses: Sequence[SessionStatus] | None = None,
        sort: str = "-created_at",
        limit: int = 20,
        offset: int = 0,
    ) -> Page[InterviewSession]:
        return self.sessions.list_sessions(
            user_id, statuses=statuses, sort=sort, limit=limit, offset=offset
        )

    def transition_session(
        self,
        user_id: str,
        session_id: str,
        *,
        expected: SessionStatus,
        new: SessionStatus,
        changes: dict[str, Any],
    ) -> bool:
        return self.sessions.transition_session(
            user_id, session_id, expected=expected, new=new, changes=changes
        )

    def update_session(self, user_id: str, session_id: str, changes: dict[str, Any]) -> None:
        return self.sessions.update_session(user_id, session_id, changes)

    def update_session_if(
        self, user_id: str, session_id: str, *, expected: Mapping[str, Any], changes: dict[str, Any]
    ) -> bool:
        return self.sessions.update_session_if(
            user_id, session_id, expected=expected, changes=changes
        )

    def increment_session_counter(
        self, user_id: str, session_id: str, field: str, *, by: int = 1, ceiling: int | None = None
    ) -> int | None:
        return self.sessions.increment_session_counter(
            user_id, session_id, field, by=by, ceiling=ceiling
        )

    def merge_session_metadata(
        self, user_id: str, session_id: str, values: Mapping[str, Any]
    ) -> dict[str, Any]:
        return self.sessions.merge_session_metadata(user_id, session_id, values)

    def delete_session(self, user_id: str, session_id: str) -> None:
        return self.sessions.delete_session(user_id, session_id)

    # conversation ------------------------------------------------------------------------------
    def add_message(self, message: Message) -> Message:
        return self.conversation.add_message(message)

    def list_messages(self, user_id: str, session_id: str) -> list[Message]:
        return self.conversation.list_messages(user_id, session_id)

    def save_snapshot(self, snapshot: CodeSnapshot, *, keep_autosaves: int = 20) -> CodeSnapshot:
        return self.conversation.save_snapshot(snapshot, keep_autosaves=keep_autosaves)

    def latest_snapshot(self, user_id: str, session_id: str) -> CodeSnapshot | None:
        return self.conversation.latest_snapshot(user_id, session_id)

    def list_snapshots(self, user_id: str, session_id: str) -> list[CodeSnapshot]:
        return self.conversation.list_snapshots(user_id, session_id)

    def add_note(self, note: Note) -> Note:
        return self.conversation.add_note(note)

    def list_notes(self, user_id: str, session_id: str) -> list[Note]:
        return self.conversation.list_notes(user_id, session_id)

    # runs --------------------------------------------------------------------------------------
    def add_run(self, run: CodeRun) -> CodeRun:
        return self.runs.add_run(run)

    def list_runs(self, user_id: str, session_id: str) -> list[CodeRun]:
        return self.runs.list_runs(user_id, session_id)

    # feedback ----------------------------------------------------------------------------------
    def add_feedback(self, feedback: FeedbackRun) -> FeedbackRun:
        return self.feedback.add_feedback(feedback)

    def update_feedback(self, user_id: str, feedback_id: str, changes: dict[str, Any]) -> None:
        return self.feedback.update_feedback(user_id, feedback_id, changes)

    def get_feedback(self, user_id: str, feedback_id: str) -> FeedbackRun:
        return self.feedback.get_feedback(user_id, feedback_id)

    def list_feedback(self, user_id: str, session_id: str) -> list[FeedbackRun]:
        return self.feedback.list_feedback(user_id, session_id)

    def feedback_with_status(
        self, user_id: str, statuses: Sequence[FeedbackStatus]
    ) -> list[FeedbackRun]:
        return self.feedback.feedback_with_status(user_id, statuses)

    # drills ------------------------------------------------------------------------------------
    def add_drill(self, drill: Drill) -> Drill:
        return self.drills.add_drill(drill)

    def add_drill_set(self, user_id: str, feedback_run_id: str, drills: list[Drill]) -> list[Drill]:
        return self.drills.add_drill_set(user_id, feedback_run_id, drills)

    def get_drill(self, user_id: str, drill_id: str) -> Drill:
        return self.drills.get_drill(user_id, drill_id)

    def list_drills(
        self,
        user_id: str,
        *,
        statuses: Sequence[DrillStatus] | None = None,
        due_before: datetime | None = None,
        feedback_run_id: str | None = None,
    ) -> list[Drill]:
        return self.drills.list_drills(
            user_id, statuses=statuses, due_before=due_before, feedback_run_id=feedback_run_id
        )

    def update_drill(self, user_id: str, drill_id: str, changes: dict[str, Any]) -> None:
        return self.drills.update_drill(user_id, drill_id, changes)

    def update_drill_if(
        self, user_id: str, drill_id: str, *, expected: Mapping[str, Any], changes: dict[str, Any]
    ) -> bool:
        return self.drills.update_drill_if(user_id, drill_id, expected=expected, changes=changes)

    def list_drill_reviews(
        self, user_id: str, *, since: datetime | None = None
    ) -> list[DrillReview]:
        return self.drills.list_drill_reviews(user_id, since=since)

    # progress ----------------------------------------------------------------------------------
    def record_skill(self, user_id: str, skill: str, score: int, weight: float = 0.3) -> UserSkill:
        return self.progress.record_skill(user_id, skill, score, weight)

    def list_skills(self, user_id: str) -> list[UserSkill]:
        return self.progress.list_skills(user_id)

    def list_skill_sources(self, user_id: str) -> set[str]:
        return self.progress.list_skill_sources(user_id)

    def claim_skill_source(self, user_id: str, source_id: str) -> bool:
        return self.progress.claim_skill_source(user_id, source_id)

    def add_goal(self, goal: WeeklyGoal) -> WeeklyGoal:
        return self.progress.add_goal(goal)

    def start_goal_week(
        self, user_id: str, year: int, week: int, goals: Sequence[WeeklyGoal]
    ) -> bool:
        return self.progress.start_goal_week(user_id, year, week, goals)

    def list_goals(
        self,
        user_id: str,
        *,
        year: int | None = None,
        week: int | None = None,
        include_removed: bool = False,
    ) -> list[WeeklyGoal]:
        return self.progress.list_goals(
            user_id, year=year, week=week, include_removed=include_removed
        )

    def update_goal(self, user_id: str, goal_id: str, changes: dict[str, Any]) -> None:
        return self.progress.update_goal(user_id, goal_id, changes)

    # usage -------------------------------------------------------------------------------------
    def add_llm_call(self, call: LLMCall) -> LLMCall:
        return self.usage.add_llm_call(call)

    def list_llm_calls(
        self, user_id: str, *, session_id: str | None = None, limit: int = 100
    ) -> list[LLMCall]:
        return self.usage.list_llm_calls(user_id, session_id=session_id, limit=limit)

    def llm_cost_since(self, user_id: str, since: datetime) -> float:
        return self.usage.llm_cost_since(user_id, since)

    def set_llm_call_outcome(
        self, user_id: str, call_id: str, outcome: str, error_message: str | None = None
    ) -> None:
        return self.usage.set_llm_call_outcome(user_id, call_id, outcome, error_message)

    def reserve_llm_call(
        self, call: LLMCall, *, since: datetime, limit_usd: float | None
    ) -> float | None:
        return self.usage.reserve_llm_call(call, since=since, limit_usd=limit_usd)

    def settle_llm_call(self, call: LLMCall) -> None:
        return self.usage.settle_llm_call(call)
