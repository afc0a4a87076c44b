"""Feedback as a job: ``request()`` returns at once; an in-process asyncio worker does the work.

    PENDING ──▶ PROCESSING ──▶ COMPLETED
                    │  ▲
           failure  │  │ retry (up to MAX_ATTEMPTS in all)
                    ▼  │
                 (attempt n+1) ──▶ FAILED

One ``FeedbackWorker`` per process runs the jobs of every user; ``FeedbackJobs`` is one user's
view of it (request, status, wait). Each attempt is bounded by ``timeout_s`` (60 s by default).
Every status change and progress step is stored and emitted as a ``feedback`` event on the job's
user's bus. Jobs survive a restart: ``resume()`` (called when a front end starts) picks up every
user's PENDING jobs and every PROCESSING job whose process died, and runs it again from the
start — producers are idempotent (they only read the session).

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

from coach_engine.events import FeedbackData, FeedbackEvent
from coach_engine.models import (
    FeedbackRun,
    FeedbackStatus,
    InterviewSession,
    SessionStatus,
    utcnow,
)
from coach_engine.sessions import SessionService
from coach_engine.store.aio import AsyncStore

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


class FeedbackWorker:
    """The process's one feedback worker: runs the queued jobs of every user.

    Process-wide (``Engine.feedback_worker``): tasks are keyed by job id, each job carries its
    user, and every store call and event of a job goes through that user's scope
    (``sessions_for(job.user_id)``), so one user's job never touches another's rows or bus.
    """

    def __init__(
        self,
        store: AsyncStore,
        producer: Producer,
        *,
        sessions_for: Callable[[str], SessionService],
        timeout_s: float = 60.0,
        retry_delay_s: float = 0.5,
        on_completed: Callable[[FeedbackRun, InterviewSession], object] | None = None,
    ) -> None:
        self.store = store
        self.producer = producer
        self.sessions_for = sessions_for
        self.timeout_s = timeout_s
        self.retry_delay_s = retry_delay_s
        self.on_completed = on_completed
        """Called with each completed feedback (e.g. to update skill progress)."""
        self._tasks: dict[str, asyncio.Task[FeedbackRun]] = {}

    def schedule(self, job: FeedbackRun) -> None:
        """Run ``job`` in the background (a job already running is left alone)."""
        if job.id in self._tasks:
            return
        task = asyncio.get_running_loop().create_task(self._run(job.user_id, job.id))
        self._tasks[job.id] = task
        task.add_done_callback(lambda _t: self._tasks.pop(job.id, None))

    def running(self, job_id: str) -> asyncio.Task[FeedbackRun] | None:
        return self._tasks.get(job_id)

    async def resume(self) -> list[FeedbackRun]:
        """Re-run every user's jobs left PENDING or PROCESSING by an earlier process.

        Returns the jobs now scheduled (of every user: callers filter by their user).
        """
        resumed: list[FeedbackRun] = []
        for user in await self.store.list_users():
            stale = await self.store.feedback_with_status(
                user.id, [FeedbackStatus.PENDING, FeedbackStatus.PROCESSING]
            )
            for job in stale:
                if job.id in self._tasks:
                    continue
                if job.status == FeedbackStatus.PROCESSING:
                    log.info("feedback job %s was interrupted; running it again", job.id)
                    await self.store.update_feedback(
                        user.id, job.id, {"status": FeedbackStatus.PENDING.value, "progress": 0}
                    )
                self.schedule(job)
                resumed.append(job)
        return resumed

    async def close(self) -> None:
        """Cancel running jobs (they stay PENDING/PROCESSING and resume on the next start)."""
        tasks = list(self._tasks.values())
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    # internals -------------------------------------------------------------------------------
    def _emit(self, sessions: SessionService, job: FeedbackRun, message: str = "") -> None:
        data = FeedbackData(
            session_id=job.session_id,
            job_id=job.id,
            status=job.status,
            progress=job.progress,
            message=message,
            overall_score=job.overall_score,
            error=job.error_message,
        )
        sessions.events.publish(FeedbackEvent(data=data))

    async def _update(
        self, sessions: SessionService, job_id: str, message: str = "", **changes: Any
    ) -> FeedbackRun:
        job = await self.store.run(self._write, sessions.user_id, job_id, changes)
        self._emit(sessions, job, message)
        return job

    def _write(self, user_id: str, job_id: str, changes: dict[str, Any]) -> FeedbackRun:
        # the update and the read-back in one worker-thread hop
        self.store.store.update_feedback(user_id, job_id, changes)
        return self.store.store.get_feedback(user_id, job_id)

    async def _run(self, user_id: str, job_id: str) -> FeedbackRun:
        sessions = self.sessions_for(user_id)
        job = await self.store.get_feedback(user_id, job_id)
        session = await self.store.get_session(user_id, job.session_id)
        attempt = job.retry_count
        while True:
            attempt += 1
            await self._update(
                sessions,
                job_id,
                f"attempt {attempt}",
                status="PROCESSING",
                started_at=utcnow(),
                progress=0.0,
                retry_count=attempt - 1,
            )
            reports = _ProgressChain(self, sessions, job_id)
            started = time.monotonic()
            try:
                result = await asyncio.wait_for(
                    self.producer(session, reports.report), self.timeout_s
                )
            except asyncio.CancelledError:
                reports.cancel()
                raise
            except Exception as exc:  # any failure of the producer is retried, then reported
                await reports.settle()
                reason = (
                    f"timed out after {self.timeout_s:g} s"
                    if isinstance(exc, TimeoutError)
                    else f"{type(exc).__name__}: {exc}"
                )
                log.warning("feedback job %s attempt %d failed: %s", job_id, attempt, reason)
                if attempt >= MAX_ATTEMPTS:
                    return await self._update(
                        sessions,
                        job_id,
                        "failed",
                        status="FAILED",
                        error_message=reason,
                        completed_at=utcnow(),
                        retry_count=attempt - 1,
                    )
                await self._update(sessions, job_id, f"retrying: {reason}", error_message=reason)
                await asyncio.sleep(self.retry_delay_s * attempt)
                continue
            await reports.settle()  # no progress row may land after the final one
            latency = int((time.monotonic() - started) * 1000)
            done = await self._update(
                sessions,
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
                try:  # blocking store work: in a store thread, off the event loop
                    await self.store.run(self.on_completed, done, session)
                except Exception:  # a side effect must not fail the feedback itself
                    log.exception("after-feedback hook failed for job %s", job_id)
            await self._complete_session(sessions, session.id, result.overall_score)
            return done

    async def _complete_session(
        self, sessions: SessionService, session_id: str, score: int
    ) -> None:
        current = await self.store.get_session(sessions.user_id, session_id)
        if current.status == SessionStatus.AWAITING_FEEDBACK:
            await sessions.complete(session_id, score=score)
        else:
            await self.store.update_session(sessions.user_id, session_id, {"score": score})


class _ProgressChain:
    """A producer's progress callback is synchronous; the store is not. Each report becomes a
    task that first waits for the previous one, so reports are stored and announced in the
    order they were made, and ``settle()`` waits for all of them before the final update."""

    def __init__(self, worker: FeedbackWorker, sessions: SessionService, job_id: str) -> None:
        self._worker = worker
        self._sessions = sessions
        self._job_id = job_id
        self._last: asyncio.Task[None] | None = None

    def report(self, fraction: float, message: str) -> None:
        previous = self._last
        value = max(0.0, min(1.0, fraction))

        async def apply() -> None:
            if previous is not None:
                await previous
            try:
                await self._worker._update(self._sessions, self._job_id, message, progress=value)
            except Exception:  # progress is informative; the job's outcome is what counts
                log.exception("progress of feedback job %s not recorded", self._job_id)

        self._last = asyncio.get_running_loop().create_task(apply())

    async def settle(self) -> None:
        if self._last is not None:
            await asyncio.gather(self._last, return_exceptions=True)

    def cancel(self) -> None:
        if self._last is not None:
            self._last.cancel()


class FeedbackJobs:
    """One user's feedback jobs: queue, look up, wait. The shared worker runs them."""

    def __init__(self, worker: FeedbackWorker, sessions: SessionService) -> None:
        self.worker = worker
        self.sessions = sessions
        self.store = worker.store

    @property
    def user_id(self) -> str:
        return self.sessions.user_id

    async def request(self, session_id: str) -> FeedbackRun:
        """Queue feedback for a session and return the PENDING job immediately."""
        session = await self.sessions.get(session_id)
        rubric = await self.store.get_rubric(
            "coding" if session.kind.value == "coding" else session.kind.value
        )
        job = await self.store.add_feedback(
            FeedbackRun(session_id=session.id, user_id=self.user_id, rubric_id=rubric.id)
        )
        self.worker._emit(self.sessions, job)
        self.worker.schedule(job)
        return job

    async def status(self, job_id: str) -> FeedbackRun:
        """The job's current row. Raises NotFoundError for another user's job."""
        return await self.store.get_feedback(self.user_id, job_id)

    async def for_session(self, session_id: str) -> list[FeedbackRun]:
        """The session's feedback jobs, oldest first (NotFoundError: not this user's)."""
        session = await self.sessions.get(session_id)
        return await self.store.list_feedback(self.user_id, session.id)

    async def wait(self, job_id: str) -> FeedbackRun:
        """Wait for a scheduled job to finish and return its final row."""
        job = await self.status(job_id)  # checks the job is this user's before waiting on it
        task = self.worker.running(job.id)
        if task is not None:
            return await task
        return job

    async def resume(self) -> list[str]:
        """Recover every user's lost jobs (the worker is shared); returns this user's ids."""
        resumed = await self.worker.resume()
        return [j.id for j in resumed if j.user_id == self.user_id]
