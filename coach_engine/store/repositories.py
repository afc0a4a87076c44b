"""The store's interface, one small repository per aggregate.

Each repository is an ABC a backend implements on its own (``store.sqlite`` for SQLite; a
PostgreSQL backend can be written one repository at a time, issue 20). The composite
:class:`~coach_engine.store.base.Store` holds one of each.

Method names are the same as the composite's flat methods (``store.sessions.get_session(...)`` is
``store.get_session(...)``), so moving a caller from one to the other is a search for ``store.``.

Rules every implementation keeps:

- Every method that touches a person's rows takes ``user_id`` first and filters on it: a row of
  another user is indistinguishable from a missing one (``NotFoundError``).
- Writes are atomic, and read-modify-write updates are compare-and-set (``transition_session``,
  ``update_session_if``, ``update_drill_if``) or single atomic statements
  (``increment_session_counter``, ``merge_session_metadata``): two writers never lose an update.
- Methods are synchronous and short; async code awaits them through
  :class:`~coach_engine.store.aio.AsyncStore`, never on the event loop.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, NamedTuple

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
from coach_engine.store.listing_queries import SESSION_SORTS as SESSION_SORTS  # re-exported
from coach_engine.store.records import DrillReview, LLMCall, WeeklyGoal

SESSION_COUNTERS = ("hints_used", "reveals_used")


class UserRepository(ABC):
    """Users, and what is deleted or counted per user."""

    @abstractmethod
    def default_user(self) -> User:
        """The local user, created on first use."""

    @abstractmethod
    def create_user(self, user: User) -> User: ...

    @abstractmethod
    def get_user(self, user_id: str) -> User:
        """Raises NotFoundError when no user has that id (``Engine.for_user`` checks with it)."""

    @abstractmethod
    def list_users(self) -> list[User]:
        """Every user, oldest first (process-wide work such as feedback job recovery)."""

    @abstractmethod
    def delete_user_data(self, user_id: str) -> None:
        """Delete every row that belongs to the user, the user row included."""

    @abstractmethod
    def count_rows(self, user_id: str) -> dict[str, int]:
        """Rows per table that belong to the user (for delete checks and doctor)."""


class RubricRepository(ABC):
    """Evaluation rubrics (shared by every user, versioned)."""

    @abstractmethod
    def get_rubric(self, name: str) -> Rubric:
        """The active rubric of that name (latest version)."""

    @abstractmethod
    def list_rubrics(self) -> list[Rubric]: ...


class SessionRepository(ABC):
    """Interview sessions: their lifecycle and counters."""

    @abstractmethod
    def create_session(self, user_id: str, data: SessionCreate) -> InterviewSession: ...

    @abstractmethod
    def get_session(self, user_id: str, session_id: str) -> InterviewSession:
        """Raises NotFoundError when absent or owned by another user."""

    @abstractmethod
    def resolve_session_id(self, user_id: str, prefix: str) -> str:
        """Expand a unique id prefix (as git does for hashes).

        Raises:
            NotFoundError: no session of the user starts with ``prefix``.
            ValidationError: the prefix is ambiguous or malformed.
        """

    @abstractmethod
    def list_sessions(
        self,
        user_id: str,
        *,
        statuses: Sequence[SessionStatus] | None = None,
        sort: str = "-created_at",
        limit: int = 20,
        offset: int = 0,
    ) -> Page[InterviewSession]: ...

    @abstractmethod
    def transition_session(
        self,
        user_id: str,
        session_id: str,
        *,
        expected: SessionStatus,
        new: SessionStatus,
        changes: dict[str, Any],
    ) -> bool:
        """Atomically move a session from ``expected`` to ``new`` and apply ``changes``.

        Returns False (and changes nothing) when the stored status is no longer ``expected``.
        """

    @abstractmethod
    def update_session(self, user_id: str, session_id: str, changes: dict[str, Any]) -> None:
        """Update non-status fields (score, counters, metadata)."""

    @abstractmethod
    def update_session_if(
        self,
        user_id: str,
        session_id: str,
        *,
        expected: Mapping[str, Any],
        changes: dict[str, Any],
    ) -> bool:
        """Compare-and-set: apply ``changes`` only if every field in ``expected`` still holds
        that value (as ``transition_session`` does for the status). Returns False (and changes
        nothing) when another writer changed one of them first; the caller re-reads and retries.

        Raises:
            NotFoundError: no such session of the user.
        """

    @abstractmethod
    def increment_session_counter(
        self, user_id: str, session_id: str, field: str, *, by: int = 1, ceiling: int | None = None
    ) -> int | None:
        """Atomically add ``by`` to an integer counter (``hints_used``, ``reveals_used``) and
        return the new value; None (nothing changed) when that would exceed ``ceiling``.

        Raises:
            NotFoundError: no such session of the user.
            ValueError: ``field`` is not a session counter.
        """

    @abstractmethod
    def merge_session_metadata(
        self, user_id: str, session_id: str, values: Mapping[str, Any]
    ) -> dict[str, Any]:
        """Atomically set ``values`` in the session's metadata, keeping the other keys (two
        writers setting different keys both land). Returns the metadata after the merge.

        Raises:
            NotFoundError: no such session of the user.
        """

    @abstractmethod
    def delete_session(self, user_id: str, session_id: str) -> None: ...


class ConversationRepository(ABC):
    """What is said and written in a session: messages, code snapshots, notes."""

    @abstractmethod
    def add_message(self, message: Message) -> Message:
        """Store a message; ``seq`` is assigned in arrival order within the session."""

    @abstractmethod
    def list_messages(self, user_id: str, session_id: str) -> list[Message]: ...

    @abstractmethod
    def save_snapshot(self, snapshot: CodeSnapshot, *, keep_autosaves: int = 20) -> CodeSnapshot:
        """Store a code snapshot; older autosaves beyond ``keep_autosaves`` are pruned."""

    @abstractmethod
    def latest_snapshot(self, user_id: str, session_id: str) -> CodeSnapshot | None: ...

    @abstractmethod
    def list_snapshots(self, user_id: str, session_id: str) -> list[CodeSnapshot]: ...

    @abstractmethod
    def add_note(self, note: Note) -> Note: ...

    @abstractmethod
    def list_notes(self, user_id: str, session_id: str) -> list[Note]: ...


class RunRepository(ABC):
    """Code runs and submissions with their per-test results."""

    @abstractmethod
    def add_run(self, run: CodeRun) -> CodeRun:
        """Store a run or submission with its per-test results."""

    @abstractmethod
    def list_runs(self, user_id: str, session_id: str) -> list[CodeRun]: ...


class FeedbackRepository(ABC):
    """Feedback runs (the jobs and their results)."""

    @abstractmethod
    def add_feedback(self, feedback: FeedbackRun) -> FeedbackRun: ...

    @abstractmethod
    def update_feedback(self, user_id: str, feedback_id: str, changes: dict[str, Any]) -> None: ...

    @abstractmethod
    def get_feedback(self, user_id: str, feedback_id: str) -> FeedbackRun: ...

    @abstractmethod
    def list_feedback(self, user_id: str, session_id: str) -> list[FeedbackRun]: ...

    @abstractmethod
    def feedback_with_status(
        self, user_id: str, statuses: Sequence[FeedbackStatus]
    ) -> list[FeedbackRun]:
        """The user's feedback runs in any of ``statuses``, oldest first (job recovery)."""


class DrillRepository(ABC):
    """Drills generated from feedback, and the log of graded answers."""

    @abstractmethod
    def add_drill(self, drill: Drill) -> Drill: ...

    @abstractmethod
    def add_drill_set(self, user_id: str, feedback_run_id: str, drills: list[Drill]) -> list[Drill]:
        """Store the drills generated from one feedback, all or none, in one transaction.

        If that feedback already has drills (another process generated them first), nothing is
        inserted and those are returned: a feedback never gets a partial or a second set.
        """

    @abstractmethod
    def get_drill(self, user_id: str, drill_id: str) -> Drill:
        """Raises NotFoundError when absent or another user's (id prefixes accepted)."""

    @abstractmethod
    def list_drills(
        self,
        user_id: str,
        *,
        statuses: Sequence[DrillStatus] | None = None,
        due_before: datetime | None = None,
        feedback_run_id: str | None = None,
    ) -> list[Drill]:
        """The user's drills by due date (then sequence order)."""

    @abstractmethod
    def update_drill(self, user_id: str, drill_id: str, changes: dict[str, Any]) -> None: ...

    @abstractmethod
    def update_drill_if(
        self, user_id: str, drill_id: str, *, expected: Mapping[str, Any], changes: dict[str, Any]
    ) -> bool:
        """Compare-and-set on a drill (hints used, attempts and the review schedule): apply
        ``changes`` only if every field in ``expected`` still holds that value; False otherwise.

        Raises:
            NotFoundError: no such drill of the user (full id).
        """

    @abstractmethod
    def list_drill_reviews(
        self, user_id: str, *, since: datetime | None = None
    ) -> list[DrillReview]:
        """Every graded drill answer of the user (at or after ``since``), oldest first."""


class ProgressRepository(ABC):
    """Skills (and which sources were blended into them) and weekly goals."""

    @abstractmethod
    def record_skill(self, user_id: str, skill: str, score: int, weight: float = 0.3) -> UserSkill:
        """Blend a measured 0–100 score into the user's progress on ``skill`` (an exponential
        moving average; the first score is taken as is). Unknown skills are created."""

    @abstractmethod
    def list_skills(self, user_id: str) -> list[UserSkill]: ...

    @abstractmethod
    def list_skill_sources(self, user_id: str) -> set[str]:
        """Ids of the feedback runs (or other sources) already blended into skills."""

    @abstractmethod
    def claim_skill_source(self, user_id: str, source_id: str) -> bool:
        """Mark ``source_id`` as blended into skills. Returns False when it already was, so a
        source is counted once even when two processes race."""

    @abstractmethod
    def add_goal(self, goal: WeeklyGoal) -> WeeklyGoal: ...

    @abstractmethod
    def start_goal_week(
        self, user_id: str, year: int, week: int, goals: Sequence[WeeklyGoal]
    ) -> bool:
        """Insert a week's first goals atomically, only if the week has no goal yet (removed
        ones included). Returns False when it already had some (another process won)."""

    @abstractmethod
    def list_goals(
        self,
        user_id: str,
        *,
        year: int | None = None,
        week: int | None = None,
        include_removed: bool = False,
    ) -> list[WeeklyGoal]:
        """The user's goals, oldest week first, then by priority (HIGH first) and creation."""

    @abstractmethod
    def update_goal(self, user_id: str, goal_id: str, changes: dict[str, Any]) -> None:
        """Raises NotFoundError when the goal is absent or another user's."""


class UsageRepository(ABC):
    """The append-only log of provider (LLM) calls and what they cost."""

    @abstractmethod
    def add_llm_call(self, call: LLMCall) -> LLMCall:
        """Log one provider call.

        Raises:
            NotFoundError: ``call.session_id`` is set but not a session of the user.
        """

    @abstractmethod
    def list_llm_calls(
        self, user_id: str, *, session_id: str | None = None, limit: int = 100
    ) -> list[LLMCall]:
        """The user's most recent calls first, optionally only those of one session."""

    @abstractmethod
    def llm_cost_since(self, user_id: str, since: datetime) -> float:
        """Total ``cost_usd`` of the user's calls made at or after ``since`` (timezone-aware).

        With ``since`` = the start of today this is today's spending, checked against
        ``budget.per_day_usd`` before every call.
        """

    @abstractmethod
    def set_llm_call_outcome(
        self, user_id: str, call_id: str, outcome: str, error_message: str | None = None
    ) -> None:
        """Re-label a logged call, e.g. ``invalid_output`` once its answer failed validation."""

    @abstractmethod
    def reserve_llm_call(
        self, call: LLMCall, *, since: datetime, limit_usd: float | None
    ) -> float | None:
        """Log a call *before* it is made, holding the most it can cost (``call.cost_usd``)
        against the user's spending: refused when the spending since ``since`` plus that passes
        ``limit_usd`` (None: no limit). The sum and the insert are one write transaction, so two
        calls at once cannot both pass a limit only one of them fits.

        Returns None when the call was logged, else the spending that refused it (nothing is
        logged). The caller settles the row with ``settle_llm_call`` when the call ends.

        Raises:
            NotFoundError: ``call.session_id`` is set but not a session of the user.
        """

    @abstractmethod
    def settle_llm_call(self, call: LLMCall) -> None:
        """Replace a reserved call's measured fields (model, tokens, cost, latency, attempts,
        outcome, error) with what the call turned out to be.

        Raises:
            NotFoundError: no logged call ``call.id`` of ``call.user_id``.
        """


class RefreshUse(NamedTuple):
    """What presenting a refresh token found: ``outcome`` is ``ok`` (the token was live and is
    now used: issue its successor in ``family_id``), ``unknown``, ``expired``, ``revoked`` or
    ``reused`` (already rotated: the whole family has just been revoked)."""

    outcome: str
    user_id: str | None = None
    family_id: str | None = None


class CredentialRepository(ABC):
    """Server sign-in: e-mail + password hash per user, refresh tokens by their hash."""

    @abstractmethod
    def add_credentials(self, user: User, email: str, password_hash: str) -> User:
        """Create ``user`` with its sign-in e-mail (stored lower-case) in one transaction.

        Raises:
            ValidationError: the e-mail is already registered (nothing is created).
        """

    @abstractmethod
    def find_credentials(self, email: str) -> tuple[User, str] | None:
        """The user signing in with ``email`` and its password hash, or None."""

    @abstractmethod
    def add_refresh_token(
        self, user_id: str, family_id: str, token_hash: str, expires_at: datetime
    ) -> None: ...

    @abstractmethod
    def use_refresh_token(self, token_hash: str, now: datetime) -> RefreshUse:
        """Mark a live token used (atomically: two concurrent uses cannot both succeed); a token
        used before revokes its whole family in the same transaction."""

    @abstractmethod
    def revoke_family(self, user_id: str, family_id: str, now: datetime) -> int:
        """Revoke every token of the family; returns how many were live."""

    @abstractmethod
    def family_live(self, user_id: str, family_id: str) -> bool:
        """True while the family (one sign-in) has not been revoked."""
