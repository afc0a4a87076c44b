"""Feedback as a job: ``request()`` returns at once; an in-process asyncio worker does the work.

    PENDING ──▶ PROCESSING ──▶ COMPLETED
                    │  ▲
           failure  │  │ retry (up to MAX_ATTEMPTS in all)
                    ▼  │
                 (attempt n+1) ──▶ FAILED

Each attempt is bounded by ``timeout_s`` (60 s by default). Every status change and progress
step is stored and emitted as a ``feedback`` event. Jobs survive a restart: ``resume()`` (called
when a front end starts) picks up every PENDING job and every PROCESSING job whose process died,
and runs it again from the start — producers are idempotent (they only read the session).

The work itself is a ``Producer``: an async callable that turns a session into a
``FeedbackResult`` (the judge, plus a provider's narrative when one is configured), reporting
progress through a callback. Tests inject failing, slow or scripted producers.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

from pydantic import BaseModel, Field

from coach_engine.events import EventBus
from coach_engine.models import (
    FeedbackRun,
    FeedbackStatus,
    InterviewSession,
    SessionStatus,
    utcnow,
)
from coach_engine.sessions import SessionService
from coach_engine.store import Store

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3


class FeedbackResult(BaseModel):
    """What a producer returns (PRODUCT.md §6 result fields)."""

    overall_score: int = Field(ge=0, le=100)
    criterion_scores: dict[str, int] = Field(default_factory=dict)
    strengths: list[str] = Field(default_factory=list)
    weaknesses: list[str] = Field(default_factory=list)
    suggestions: list[str] = Field(default_factory=list)
    detailed_feedback: str = ""
    complexity: dict[str, Any] = Field(default_factory=dict)
    model_name: str = "offline-judge"
    prompt_id: str | None = None
    prompt_version: str | None = None
    input_tokens: int = 0
    output_tokens: int = 0
    total_cost_usd: float = 0.0


Progress = Callable[[float, str], None]
Producer = Callable[[InterviewSession, Progress], Awaitable[FeedbackResult]]


class FeedbackJobs:
    """Queue, run, retry and recover feedback jobs of one user."""

    def __init__(
        self,
        store: Store,
        events: EventBus,
        sessions: SessionService,
        producer: Producer,
        *,
        timeout_s: float = 60.0,
        retry_delay_s: float = 0.5,
        on_completed: Callable[[FeedbackRun, InterviewSession], object] | None = None,
    ) -> None:
        self.store = store
        self.events = events
        self.sessions = sessions
        self.producer = producer
        self.timeout_s = timeout_s
        self.retry_delay_s = retry_delay_s
        self.on_completed = on_completed
        """Called with each completed feedback (e.g. to update skill progress)."""
        self._tasks: dict[str, asyncio.Task[FeedbackRun]] = {}

    @property
    def user_id(self) -> str:
        return self.sessions.user_id

    async def request(self, session_id: str) -> FeedbackRun:
        """Queue feedback for a session and return the PENDING job immediately."""
        session = await self.sessions.get(session_id)
        rubric = self.store.get_rubric(
            "coding" if session.kind.value == "coding" else session.kind.value
        )
        job = self.store.add_feedback(
            FeedbackRun(session_id=session.id, user_id=self.user_id, rubric_id=rubric.id)
        )
        self._emit(job)
        self._schedule(job.id)
        return job

    def status(self, job_id: str) -> FeedbackRun:
        return self.store.get_feedback(self.user_id, job_id)

    async def wait(self, job_id: str) -> FeedbackRun:
        """Wait for a scheduled job to finish and return its final row."""
        task = self._tasks.get(job_id)
        if task is not None:
            return await task
        return self.status(job_id)

    async def resume(self) -> list[str]:
        """Re-run jobs left PENDING or PROCESSING by an earlier process. Returns their ids."""
        stale = self.store.feedback_with_status(
            self.user_id, [FeedbackStatus.PENDING, FeedbackStatus.PROCESSING]
        )
        for job in stale:
            if job.id in self._tasks:
                continue
            if job.status == FeedbackStatus.PROCESSING:
                log.info("feedback job %s was interrupted; running it again", job.id)
                self.store.update_feedback(
                    self.user_id, job.id, {"status": FeedbackStatus.PENDING.value, "progress": 0}
                )
            self._schedule(job.id)
        return [j.id for j in stale if j.id in self._tasks]

    async def close(self) -> None:
        """Cancel running jobs (they stay PENDING/PROCESSING and resume on the next start)."""
        for task in self._tasks.values():
            task.cancel()
        await asyncio.gather(*self._tasks.values(), return_exceptions=True)

    # internals -------------------------------------------------------------------------------
    def _schedule(self, job_id: str) -> None:
        task = asyncio.get_running_loop().create_task(self._run(job_id))
        self._tasks[job_id] = task
        task.add_done_callback(lambda _t: self._tasks.pop(job_id, None))

    def _emit(self, job: FeedbackRun, message: str = "") -> None:
        self.events.emit(
            "feedback",
            job.session_id,
            job_id=job.id,
            status=job.status.value,
            progress=job.progress,
            message=message,
            overall_score=job.overall_score,
            error=job.error_message,
        )

    def _update(self, job_id: str, message: str = "", **changes: Any) -> FeedbackRun:
        self.store.update_feedback(self.user_id, job_id, changes)
        job = self.store.get_feedback(self.user_id, job_id)
        self._emit(job, message)
        return job

    async def _run(self, job_id: str) -> FeedbackRun:
        job = self.store.get_feedback(self.user_id, job_id)
        session = self.store.get_session(self.user_id, job.session_id)
        attempt = job.retry_count
        while True:
            attempt += 1
            self._update(
                job_id,
                f"attempt {attempt}",
                status="PROCESSING",
                started_at=utcnow(),
                progress=0.0,
                retry_count=attempt - 1,
            )

            def progress(fraction: float, message: str) -> None:
                self._update(job_id, message, progress=max(0.0, min(1.0, fraction)))

            started = time.monotonic()
            try:
                result = await asyncio.wait_for(self.producer(session, progress), self.timeout_s)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # any failure of the producer is retried, then reported
                reason = (
                    f"timed out after {self.timeout_s:g} s"
                    if isinstance(exc, TimeoutError)
                    else f"{type(exc).__name__}: {exc}"
                )
                log.warning("feedback job %s attempt %d failed: %s", job_id, attempt, reason)
                if attempt >= MAX_ATTEMPTS:
                    return self._update(
                        job_id,
                        "failed",
                        status="FAILED",
                        error_message=reason,
                        completed_at=utcnow(),
                        retry_count=attempt - 1,
                    )
                self._update(job_id, f"retrying: {reason}", error_message=reason)
                await asyncio.sleep(self.retry_delay_s * attempt)
                continue
            latency = int((time.monotonic() - started) * 1000)
            done = self._update(
                job_id,
                "completed",
                status="COMPLETED",
                progress=1.0,
                completed_at=utcnow(),
                latency_ms=latency,
                error_message=None,
                retry_count=attempt - 1,
                **result.model_dump(),
            )
            if self.on_completed is not None:
                try:
                    self.on_completed(done, session)
                except Exception:  # a side effect must not fail the feedback itself
                    log.exception("after-feedback hook failed for job %s", job_id)
            await self._complete_session(session.id, result.overall_score)
            return done

    async def _complete_session(self, session_id: str, score: int) -> None:
        current = self.store.get_session(self.user_id, session_id)
        if current.status == SessionStatus.AWAITING_FEEDBACK:
            await self.sessions.complete(session_id, score=score)
        else:
            self.store.update_session(self.user_id, session_id, {"score": score})
