"""``AsyncStore``: the store's operations as coroutines, for the async engine.

SQLite calls block, so an async service that called the store directly would stall the event
loop (every other session's tokens and timers) for as long as a write waits for the writer
lock. ``AsyncStore`` runs each call in a small pool of worker threads of its own; each worker
has its own SQLite connection (see ``store.sqlite.connections``), writes queue on the writer
lock, reads run in parallel.

Method names and arguments are the store's (``await astore.get_session(user_id, sid)``). To run
several store calls as one unit in one thread hop, use :meth:`AsyncStore.run` with a function.
A cancelled await does not cancel the call: it finishes (commits or rolls back) in its thread.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from typing import Any, ParamSpec, TypeVar

from coach_engine.errors import StoreError
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
from coach_engine.store.base import Store
from coach_engine.store.records import DrillReview, LLMCall, WeeklyGoal

P = ParamSpec("P")
T = TypeVar("T")

DEFAULT_WORKERS = 4
"""Threads running store calls (each with its own connection). Writes are serialised anyway; a
few threads let reads proceed while a write is in progress. Measured with
``bench/store_concurrency.py`` on 2 loaded cores, 1, 2, 4 and 8 workers gave throughput within
the noise (2.6k–4.5k calls/s) while the event loop's lag grew with the thread count (they share
the GIL with it); 4 is the middle."""


class AsyncStore:
    """Awaitable front of a synchronous :class:`Store` (same method names)."""

    def __init__(self, store: Store, *, workers: int = DEFAULT_WORKERS) -> None:
        self.store = store
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="coach-store")
        self._closed = False

    async def run(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
        """Run ``fn(*args, **kwargs)`` (blocking store work) in a store worker thread."""
        loop = asyncio.get_running_loop()
        try:
            future = loop.run_in_executor(self._executor, functools.partial(fn, *args, **kwargs))
        except RuntimeError:  # the executor was shut down
            if not self._closed:
                raise
            raise StoreError(
                "the store was closed while a task still used it; stop background work "
                "before closing the engine",
                title="Database closed",
            ) from None
        return await future

    def close(self) -> None:
        """Stop the worker threads (after the calls in flight). The store itself stays open:
        its owner closes it."""
        self._closed = True
        self._executor.shutdown(wait=True)

    @property
    def location(self) -> str:
        """Where the data lives (no I/O)."""
        return self.store.location

    async def schema_version(self) -> int:
        return await self.run(self.store.schema_version)

    # users -------------------------------------------------------------------------------------
    async def default_user(self) -> User:
        return await self.run(self.store.default_user)

    async def create_user(self, user: User) -> User:
        return await self.run(self.store.create_user, user)

    async def get_user(self, user_id: str) -> User:
        return await self.run(self.store.get_user, user_id)

    async def list_users(self) -> list[User]:
        return await self.run(self.store.list_users)

    async def delete_user_data(self, user_id: str) -> None:
        return await self.run(self.store.delete_user_data, user_id)

    async def count_rows(self, user_id: str) -> dict[str, int]:
        return await self.run(self.store.count_rows, user_id)

    # rubrics -----------------------------------------------------------------------------------
    async def get_rubric(self, name: str) -> Rubric:
        return await self.run(self.store.get_rubric, name)

    async def list_rubrics(self) -> list[Rubric]:
        return await self.run(self.store.list_rubrics)

    # sessions ----------------------------------------------------------------------------------
    async def create_session(self, user_id: str, data: SessionCreate) -> InterviewSession:
        return await self.run(self.store.create_session, user_id, data)

    async def get_session(self, user_id: str, session_id: str) -> InterviewSession:
        return await self.run(self.store.get_session, user_id, session_id)

    async def resolve_session_id(self, user_id: str, prefix: str) -> str:
        return await self.run(self.store.resolve_session_id, user_id, prefix)

    async def list_sessions(
        self,
        user_id: str,
        *,
        statuses: Sequence[SessionStatus] | None = None,
        sort: str = "-created_at",
        limit: int = 20,
        offset: int = 0,
    ) -> Page[InterviewSession]:
        return await self.run(
            self.store.list_sessions,
            user_id,
            statuses=statuses,
            sort=sort,
            limit=limit,
            offset=offset,
        )

    async def transition_session(
        self,
        user_id: str,
        session_id: str,
        *,
        expected: SessionStatus,
        new: SessionStatus,
        changes: dict[str, Any],
    ) -> bool:
        return await self.run(
            self.store.transition_session,
            user_id,
            session_id,
            expected=expected,
            new=new,
            changes=changes,
        )

    async def update_session(self, user_id: str, session_id: str, changes: dict[str, Any]) -> None:
        return await self.run(self.store.update_session, user_id, session_id, changes)

    async def update_session_if(
        self, user_id: str, session_id: str, *, expected: Mapping[str, Any], changes: dict[str, Any]
    ) -> bool:
        return await self.run(
            self.store.update_session_if, user_id, session_id, expected=expected, changes=changes
        )

    async def increment_session_counter(
        self, user_id: str, session_id: str, field: str, *, by: int = 1, ceiling: int | None = None
    ) -> int | None:
        return await self.run(
            self.store.increment_session_counter, user_id, session_id, field, by=by, ceiling=ceiling
        )

    async def merge_session_metadata(
        self, user_id: str, session_id: str, values: Mapping[str, Any]
    ) -> dict[str, Any]:
        return await self.run(self.store.merge_session_metadata, user_id, session_id, values)

    async def delete_session(self, user_id: str, session_id: str) -> None:
        return await self.run(self.store.delete_session, user_id, session_id)

    # conversation ------------------------------------------------------------------------------
    async def add_message(self, message: Message) -> Message:
        return await self.run(self.store.add_message, message)

    async def list_messages(self, user_id: str, session_id: str) -> list[Message]:
        return await self.run(self.store.list_messages, user_id, session_id)

    async def save_snapshot(
        self, snapshot: CodeSnapshot, *, keep_autosaves: int = 20
    ) -> CodeSnapshot:
        return await self.run(self.store.save_snapshot, snapshot, keep_autosaves=keep_autosaves)

    async def latest_snapshot(self, user_id: str, session_id: str) -> CodeSnapshot | None:
        return await self.run(self.store.latest_snapshot, user_id, session_id)

    async def list_snapshots(self, user_id: str, session_id: str) -> list[CodeSnapshot]:
        return await self.run(self.store.list_snapshots, user_id, session_id)

    async def add_note(self, note: Note) -> Note:
        return await self.run(self.store.add_note, note)

    async def list_notes(self, user_id: str, session_id: str) -> list[Note]:
        return await self.run(self.store.list_notes, user_id, session_id)

    # runs --------------------------------------------------------------------------------------
    async def add_run(self, run: CodeRun) -> CodeRun:
        return await self.run(self.store.add_run, run)

    async def list_runs(self, user_id: str, session_id: str) -> list[CodeRun]:
        return await self.run(self.store.list_runs, user_id, session_id)

    # feedback ----------------------------------------------------------------------------------
    async def add_feedback(self, feedback: FeedbackRun) -> FeedbackRun:
        return await self.run(self.store.add_feedback, feedback)

    async def update_feedback(
        self, user_id: str, feedback_id: str, changes: dict[str, Any]
    ) -> None:
        return await self.run(self.store.update_feedback, user_id, feedback_id, changes)

    async def get_feedback(self, user_id: str, feedback_id: str) -> FeedbackRun:
        return await self.run(self.store.get_feedback, user_id, feedback_id)

    async def list_feedback(self, user_id: str, session_id: str) -> list[FeedbackRun]:
        return await self.run(self.store.list_feedback, user_id, session_id)

    async def feedback_with_status(
        self, user_id: str, statuses: Sequence[FeedbackStatus]
    ) -> list[FeedbackRun]:
        return await self.run(self.store.feedback_with_status, user_id, statuses)

    # drills ------------------------------------------------------------------------------------
    async def add_drill(self, drill: Drill) -> Drill:
        return await self.run(self.store.add_drill, drill)

    async def add_drill_set(
        self, user_id: str, feedback_run_id: str, drills: list[Drill]
    ) -> list[Drill]:
        return await self.run(self.store.add_drill_set, user_id, feedback_run_id, drills)

    async def get_drill(self, user_id: str, drill_id: str) -> Drill:
        return await self.run(self.store.get_drill, user_id, drill_id)

    async def list_drills(
        self,
        user_id: str,
        *,
        statuses: Sequence[DrillStatus] | None = None,
        due_before: datetime | None = None,
        feedback_run_id: str | None = None,
    ) -> list[Drill]:
        return await self.run(
            self.store.list_drills,
            user_id,
            statuses=statuses,
            due_before=due_before,
            feedback_run_id=feedback_run_id,
        )

    async def update_drill(self, user_id: str, drill_id: str, changes: dict[str, Any]) -> None:
        return await self.run(self.store.update_drill, user_id, drill_id, changes)

    async def update_drill_if(
        self, user_id: str, drill_id: str, *, expected: Mapping[str, Any], changes: dict[str, Any]
    ) -> bool:
        return await self.run(
            self.store.update_drill_if, user_id, drill_id, expected=expected, changes=changes
        )

    async def list_drill_reviews(
        self, user_id: str, *, since: datetime | None = None
    ) -> list[DrillReview]:
        return await self.run(self.store.list_drill_reviews, user_id, since=since)

    # progress ----------------------------------------------------------------------------------
    async def record_skill(
        self, user_id: str, skill: str, score: int, weight: float = 0.3
    ) -> UserSkill:
        return await self.run(self.store.record_skill, user_id, skill, score, weight)

    async def list_skills(self, user_id: str) -> list[UserSkill]:
        return await self.run(self.store.list_skills, user_id)

    async def list_skill_sources(self, user_id: str) -> set[str]:
        return await self.run(self.store.list_skill_sources, user_id)

    async def claim_skill_source(self, user_id: str, source_id: str) -> bool:
        return await self.run(self.store.claim_skill_source, user_id, source_id)

    async def add_goal(self, goal: WeeklyGoal) -> WeeklyGoal:
        return await self.run(self.store.add_goal, goal)

    async def start_goal_week(
        self, user_id: str, year: int, week: int, goals: Sequence[WeeklyGoal]
    ) -> bool:
        return await self.run(self.store.start_goal_week, user_id, year, week, goals)

    async def list_goals(
        self,
        user_id: str,
        *,
        year: int | None = None,
        week: int | None = None,
        include_removed: bool = False,
    ) -> list[WeeklyGoal]:
        return await self.run(
            self.store.list_goals, user_id, year=year, week=week, include_removed=include_removed
        )

    async def update_goal(self, user_id: str, goal_id: str, changes: dict[str, Any]) -> None:
        return await self.run(self.store.update_goal, user_id, goal_id, changes)

    # usage -------------------------------------------------------------------------------------
    async def add_llm_call(self, call: LLMCall) -> LLMCall:
        return await self.run(self.store.add_llm_call, call)

    async def list_llm_calls(
        self, user_id: str, *, session_id: str | None = None, limit: int = 100
    ) -> list[LLMCall]:
        return await self.run(
            self.store.list_llm_calls, user_id, session_id=session_id, limit=limit
        )

    async def llm_cost_since(self, user_id: str, since: datetime) -> float:
        return await self.run(self.store.llm_cost_since, user_id, since)

    async def set_llm_call_outcome(
        self, user_id: str, call_id: str, outcome: str, error_message: str | None = None
    ) -> None:
        return await self.run(
            self.store.set_llm_call_outcome, user_id, call_id, outcome, error_message
        )

    async def reserve_llm_call(
        self, call: LLMCall, *, since: datetime, limit_usd: float | None
    ) -> float | None:
        return await self.run(self.store.reserve_llm_call, call, since=since, limit_usd=limit_usd)

    async def settle_llm_call(self, call: LLMCall) -> None:
        return await self.run(self.store.settle_llm_call, call)
