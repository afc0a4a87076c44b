"""Feedback jobs: queued at once, retried, timed out, resumed after the process is killed."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from coach_engine.config import Config
from coach_engine.engine import Engine
from coach_engine.errors import NotFoundError
from coach_engine.events import FeedbackEvent
from coach_engine.feedback_jobs import FeedbackJobs, FeedbackResult, FeedbackWorker, Progress
from coach_engine.models import (
    FeedbackRun,
    FeedbackStatus,
    InterviewSession,
    SessionCreate,
    SessionStatus,
)
from coach_engine.store import SQLiteStore


def _result(score: int = 77) -> FeedbackResult:
    return FeedbackResult(
        overall_score=score,
        criterion_scores={"correctness": 90},
        strengths=["clear names"],
        weaknesses=["no edge cases"],
    )


async def _submitted(engine: Engine) -> InterviewSession:
    s = await engine.sessions.create(SessionCreate(problem_slug="two-sum"))
    await engine.sessions.start(s.id)
    return await engine.sessions.submit(s.id)


def _jobs(engine: Engine, producer, timeout_s: float = 60.0) -> FeedbackJobs:  # type: ignore[no-untyped-def]
    worker = FeedbackWorker(
        engine.astore,
        producer,
        sessions_for=lambda user_id: engine.for_user(user_id).sessions,
        retry_delay_s=0.01,
        timeout_s=timeout_s,
    )
    return FeedbackJobs(worker, engine.sessions)


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    return Engine(SQLiteStore.open(tmp_path / "f.db"), Config())


async def test_request_returns_pending_then_completes_with_events(engine: Engine) -> None:
    session = await _submitted(engine)
    gate = asyncio.Event()

    async def producer(s: InterviewSession, progress: Progress) -> FeedbackResult:
        progress(0.5, "judging")
        await gate.wait()
        return _result()

    jobs = _jobs(engine, producer)
    sub = engine.events.subscribe(session.id)
    job = await jobs.request(session.id)
    assert job.status == FeedbackStatus.PENDING  # returned before any work was done
    await asyncio.sleep(0.05)
    assert (await jobs.status(job.id)).status == FeedbackStatus.PROCESSING
    gate.set()
    done = await jobs.wait(job.id)
    assert done.status == FeedbackStatus.COMPLETED and done.overall_score == 77
    assert done.criterion_scores == {"correctness": 90} and done.progress == 1.0
    seen = []
    while not sub.queue.empty():
        e = sub.queue.get_nowait()
        if e is not None and e.event == "feedback":
            seen.append((e.data.status, e.data.progress))
    assert seen[0] == ("PENDING", 0.0) and ("PROCESSING", 0.5) in seen
    assert seen[-1] == ("COMPLETED", 1.0)
    finished = await engine.sessions.get(session.id)
    assert finished.status == SessionStatus.COMPLETED and finished.score == 77


async def test_retry_after_injected_failure(engine: Engine) -> None:
    session = await _submitted(engine)
    calls = 0

    async def flaky(s: InterviewSession, progress: Progress) -> FeedbackResult:
        nonlocal calls
        calls += 1
        if calls < 3:
            raise ConnectionError("provider unreachable")
        return _result(64)

    jobs = _jobs(engine, flaky)
    done = await jobs.wait((await jobs.request(session.id)).id)
    assert calls == 3 and done.status == FeedbackStatus.COMPLETED and done.retry_count == 2


async def test_fails_after_three_attempts_and_on_timeout(engine: Engine) -> None:
    session = await _submitted(engine)
    attempts = 0

    async def hangs(s: InterviewSession, progress: Progress) -> FeedbackResult:
        nonlocal attempts
        attempts += 1
        await asyncio.sleep(30)
        return _result()

    jobs = _jobs(engine, hangs, timeout_s=0.1)
    started = time.monotonic()
    done = await jobs.wait((await jobs.request(session.id)).id)
    # three attempts, each cut by the 0.1 s timeout: together shorter than one hung attempt
    # (30 s), however loaded the machine
    assert attempts == 3 and time.monotonic() - started < 30
    assert done.status == FeedbackStatus.FAILED
    assert done.error_message == "timed out after 0.1 s"
    # the session is left awaiting feedback, so it can be retried or resumed for more coding
    assert (await engine.sessions.get(session.id)).status == SessionStatus.AWAITING_FEEDBACK


KILLED_WORKER = textwrap.dedent(
    """
    import asyncio, sys
    from pathlib import Path
    from coach_engine.config import Config
    from coach_engine.engine import Engine
    from coach_engine.feedback_jobs import FeedbackJobs, FeedbackWorker
    from coach_engine.store import SQLiteStore

    async def forever(session, progress):
        progress(0.3, "judging")
        print("processing", flush=True)
        await asyncio.sleep(3600)

    async def main():
        engine = Engine(SQLiteStore.open(Path(sys.argv[1])), Config())
        worker = FeedbackWorker(
            engine.astore, forever, sessions_for=lambda u: engine.for_user(u).sessions
        )
        jobs = FeedbackJobs(worker, engine.sessions)
        job = await jobs.request(sys.argv[2])
        print(job.id, flush=True)
        await jobs.wait(job.id)

    asyncio.run(main())
    """
)


async def test_resume_after_kill_with_job_processing(tmp_path: Path) -> None:
    path = tmp_path / "k.db"
    engine = Engine(SQLiteStore.open(path), Config())
    session = await _submitted(engine)
    proc = subprocess.Popen(
        [sys.executable, "-c", KILLED_WORKER, str(path), session.id],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    job_id = proc.stdout.readline().strip()
    assert proc.stdout.readline().strip() == "processing"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert engine.store.get_feedback(engine.user.id, job_id).status == FeedbackStatus.PROCESSING

    async def quick(s: InterviewSession, progress: Progress) -> FeedbackResult:
        return _result(88)

    restarted = Engine(SQLiteStore.open(path), Config())
    jobs = _jobs(restarted, quick)
    assert await jobs.resume() == [job_id]
    done = await jobs.wait(job_id)
    assert done.status == FeedbackStatus.COMPLETED and done.overall_score == 88
    assert (await restarted.sessions.get(session.id)).score == 88


async def test_completed_feedback_updates_skills_through_the_engine(tmp_path: Path) -> None:
    async def producer(s: InterviewSession, progress: Progress) -> FeedbackResult:
        return FeedbackResult(
            overall_score=60,
            criterion_scores={"correctness": 90, "time_complexity": 40, "communication": 70},
        )

    engine = Engine(SQLiteStore.open(tmp_path / "sk.db"), Config(), producer=producer)
    session = await _submitted(engine)
    done = await engine.feedback.wait((await engine.feedback.request(session.id)).id)
    assert done.status == FeedbackStatus.COMPLETED
    skills = {s.skill: s.progress for s in engine.store.list_skills(engine.user.id)}
    assert skills["complexity-analysis"] == 40 and skills["communication"] == 70
    assert skills["arrays-hashing"] == 90  # two-sum's topic, from correctness


async def test_default_producer_judges_and_adds_the_providers_narrative(tmp_path: Path) -> None:
    import json as _json
    import sys as _sys

    _sys.path.insert(0, str(Path(__file__).parent))
    from fakes.llm_server import FakeLLMServer, Reply

    from coach_engine.providers.openai_compatible import OpenAICompatibleProvider
    from coach_engine.providers.retry import RetryPolicy

    engine = Engine(SQLiteStore.open(tmp_path / "n.db"), Config())
    s = await engine.sessions.create(SessionCreate(problem_slug="two-sum"))
    await engine.sessions.start(s.id)
    code = (
        "class Solution:\n    def twoSum(self, nums, target):\n        seen = {}\n"
        "        for i, x in enumerate(nums):\n            if target - x in seen:\n"
        "                return [seen[target - x], i]\n            seen[x] = i\n"
    )
    await engine.interview.submit(s.id, code, "python")
    with FakeLLMServer() as server:
        server.enqueue(Reply(_json.dumps({"detailed_feedback": "Solid, well-explained answer."})))
        provider = OpenAICompatibleProvider(
            base_url=server.openai_url, model="m", api_key="", retry=RetryPolicy(max_attempts=1)
        )
        engine.provider = provider  # as connect_provider does; each user gets its own client
        job = (engine.store.list_feedback(engine.user.id, s.id))[-1]
        done = await engine.feedback.wait(job.id)
    assert done.status == FeedbackStatus.COMPLETED, done.error_message
    assert done.overall_score is not None and done.overall_score >= 70  # measured: AC, O(n)
    assert (done.detailed_feedback or "").startswith("Solid, well-explained answer.")
    assert done.prompt_id == "feedback" and (done.model_name or "").startswith("offline-judge + ")
    # the accepted submission's feedback scores the session; ending it completes it
    assert (await engine.sessions.get(s.id)).score == done.overall_score
    assert (await engine.interviews.end(s.id)).status == SessionStatus.COMPLETED


async def test_one_worker_resumes_every_users_lost_jobs(tmp_path: Path) -> None:
    path = tmp_path / "users.db"
    first = Engine(SQLiteStore.open(path), Config())
    other = first.create_user("Bob")
    lost: dict[str, str] = {}
    for scope in (first.local, other):
        s = await scope.sessions.create(SessionCreate(problem_slug="two-sum"))
        await scope.sessions.start(s.id)
        await scope.sessions.submit(s.id)
        rubric = first.store.get_rubric("coding")
        job = first.store.add_feedback(
            FeedbackRun(session_id=s.id, user_id=scope.user_id, rubric_id=rubric.id)
        )
        # as a killed process leaves it: PROCESSING, nobody working on it
        first.store.update_feedback(scope.user_id, job.id, {"status": "PROCESSING"})
        lost[scope.user_id] = job.id
    first.close()

    judged: list[str] = []

    async def quick(s: InterviewSession, progress: Progress) -> FeedbackResult:
        judged.append(s.user_id)
        return _result(81)

    restarted = Engine(SQLiteStore.open(path), Config(), producer=quick)
    bob = restarted.for_user(other.user_id)
    local_events, bob_events = restarted.events.subscribe(), bob.events.subscribe()
    # the local front end resumes: it is told about its own job, the worker runs both
    assert await restarted.feedback.resume() == [lost[restarted.user.id]]
    mine = await restarted.feedback.wait(lost[restarted.user.id])
    bobs = await bob.feedback.wait(lost[bob.user_id])
    assert mine.status == bobs.status == FeedbackStatus.COMPLETED
    assert sorted(judged) == sorted(lost)  # each job judged once, as its own user
    bob_jobs = {e.data.job_id for e in bob_events.pending() if isinstance(e, FeedbackEvent)}
    local_jobs = {e.data.job_id for e in local_events.pending() if isinstance(e, FeedbackEvent)}
    assert bob_jobs == {lost[bob.user_id]} and local_jobs == {lost[restarted.user.id]}
    assert (await bob.sessions.get(bobs.session_id)).status == SessionStatus.COMPLETED
    with pytest.raises(NotFoundError):  # and neither can look at the other's job
        await bob.feedback.status(lost[restarted.user.id])
    await restarted.aclose()
