"""Resubmit until the interview ends (issue 14, item 1): every submission is an attempt.

Through the real engine, store and sandbox (python): a wrong submission leaves the interview
open, a fix is submitted again and accepted, every submission is listed with its code, reveals
are usable (and priced) during the interview, ending it closes submissions and queues the
feedback still due. The scoring rule is unit-tested per case: first-try AC > AC after two
failures > never AC.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from samples import BUGGY, GOOD

from coach_engine.config import Config
from coach_engine.engine import Engine
from coach_engine.errors import LifecycleError, NotFoundError, ValidationError
from coach_engine.feedback_jobs import FeedbackResult, Progress
from coach_engine.judge import classes as C
from coach_engine.judge.advice import advise
from coach_engine.judge.correctness import submission_attempts
from coach_engine.judge.costs import REVEAL_COST, REVEAL_OVERALL, REVEAL_PRICE
from coach_engine.judge.models import ComplexityReport, ComplexityVerdict, CorrectnessReport
from coach_engine.judge.scoring import Facts, score
from coach_engine.lifecycle import TRANSITIONS, Action
from coach_engine.models import (
    CodeRun,
    FeedbackStatus,
    InterviewSession,
    SessionCreate,
    SessionStatus,
    utcnow,
)
from coach_engine.problems import ProblemBank
from coach_engine.store import SQLiteStore
from coach_engine.submissions import graded_submission, submissions_of

judged: list[str] = []


async def recorded_feedback(session: InterviewSession, progress: Progress) -> FeedbackResult:
    """Records which session was judged (the judge itself is tested elsewhere)."""
    judged.append(session.id)
    return FeedbackResult(overall_score=70, criterion_scores={"correctness": 70})


@pytest.fixture
async def engine(tmp_path: Path) -> AsyncIterator[Engine]:
    judged.clear()
    engine = Engine(SQLiteStore.open(tmp_path / "r.db"), Config(), producer=recorded_feedback)
    yield engine
    await engine.aclose()


async def _begun(engine: Engine) -> str:
    session = await engine.sessions.create(SessionCreate(problem_slug="two-sum", language="python"))
    await engine.interview.begin(session.id)
    return session.id


async def test_wrong_then_fixed_then_accepted_keeps_every_submission(engine: Engine) -> None:
    sid = await _begun(engine)
    wrong = await engine.interview.submit(sid, BUGGY, "python")  # the real sandbox
    assert wrong.verdict == "WA" and wrong.passed < wrong.total
    # the interview stays open: no feedback for a failed attempt, runs and chat still work
    assert (await engine.sessions.get(sid)).status == SessionStatus.IN_PROGRESS
    assert await engine.feedback.for_session(sid) == []
    assert (await engine.interview.run(sid, GOOD, "python")).verdict == "AC"
    await engine.interview.send(sid, "I now use a hash map of seen values.")

    accepted = await engine.interview.submit(sid, GOOD, "python")
    assert accepted.verdict == "AC" and accepted.passed == accepted.total
    session = await engine.sessions.get(sid)
    assert session.status == SessionStatus.IN_PROGRESS  # LeetCode: you may submit again
    jobs = await engine.feedback.for_session(sid)
    assert len(jobs) == 1  # the accepted code gets its feedback now
    done = await engine.feedback.wait(jobs[0].id)
    assert done.status == FeedbackStatus.COMPLETED and judged == [sid]
    assert (await engine.sessions.get(sid)).status == SessionStatus.IN_PROGRESS

    subs = await engine.interview.submissions(sid)
    assert [(s.number, s.verdict, s.accepted) for s in subs] == [
        (1, "WA", False),
        (2, "AC", True),
    ]
    assert [s.code for s in subs] == [BUGGY, GOOD]
    assert [s.id for s in subs] == [wrong.id, accepted.id]
    assert subs[0].passed == wrong.passed and subs[1].total == accepted.total
    assert all(s.language == "python" and s.cpu_ms >= 0 for s in subs)
    assert subs[1].cpu_ms == round(sum(t.time_ms for t in accepted.tests), 1)
    assert subs[0].created_at < subs[1].created_at

    # and a third submission after the accepted one is still taken
    again = await engine.interview.submit(sid, GOOD, "python")
    assert again.verdict == "AC"
    assert [s.number for s in await engine.interview.submissions(sid)] == [1, 2, 3]


async def test_reveal_during_the_interview_is_priced_and_follows_the_test(engine: Engine) -> None:
    sid = await _begun(engine)
    with pytest.raises(ValidationError, match="submit first"):
        await engine.interview.reveal(sid)
    await engine.interview.submit(sid, BUGGY, "python")
    first = await engine.interview.reveal(sid)
    assert first.content.startswith("The failing hidden test is")
    session = await engine.sessions.get(sid)
    assert session.status == SessionStatus.IN_PROGRESS and session.reveals_used == 1
    # a resubmission failing the same hidden test continues its ladder: step 1 is not charged
    # again
    await engine.interview.submit(sid, BUGGY, "python")
    second = await engine.interview.reveal(sid)
    assert "Its input shape" in second.content
    assert (await engine.sessions.get(sid)).reveals_used == 2
    for _ in range(2):
        await engine.interview.reveal(sid)
    assert (await engine.sessions.get(sid)).reveals_used == 4
    last = await engine.interview.reveal(sid)  # the last step again: shown, not charged
    assert last.content.startswith("The full failing input")
    assert (await engine.sessions.get(sid)).reveals_used == 4
    assert str(REVEAL_OVERALL) in REVEAL_PRICE and str(REVEAL_COST) in REVEAL_PRICE


async def test_ending_closes_submissions_and_queues_the_feedback_due(engine: Engine) -> None:
    sid = await _begun(engine)
    await engine.interview.submit(sid, BUGGY, "python")
    assert await engine.feedback.for_session(sid) == []
    ended = await engine.interviews.end(sid)
    assert ended.status == SessionStatus.COMPLETED
    jobs = await engine.feedback.for_session(sid)
    assert len(jobs) == 1  # never accepted: the last submission is judged on ending
    await engine.feedback.wait(jobs[0].id)
    with pytest.raises(LifecycleError, match="submissions close when the interview ends"):
        await engine.interview.submit(sid, GOOD, "python")
    assert len(await engine.interview.submissions(sid)) == 1  # nothing was recorded
    # the table: a submission is legal only in progress, and leaves the status there
    assert [(s, t) for (s, a), t in TRANSITIONS.items() if a == Action.ATTEMPT] == [
        (SessionStatus.IN_PROGRESS, SessionStatus.IN_PROGRESS)
    ]


async def test_ending_after_feedback_on_the_accepted_code_queues_no_more(engine: Engine) -> None:
    sid = await _begun(engine)
    await engine.interview.submit(sid, GOOD, "python")
    (job,) = await engine.feedback.for_session(sid)
    await engine.feedback.wait(job.id)
    await engine.interviews.end(sid)
    assert len(await engine.feedback.for_session(sid)) == 1  # it already judged that code


async def test_a_paused_interview_refuses_a_submission_naming_the_fix(engine: Engine) -> None:
    sid = await _begun(engine)
    await engine.sessions.pause(sid)
    with pytest.raises(LifecycleError, match="resume it to submit"):
        await engine.interview.submit(sid, GOOD, "python")


async def test_another_user_cannot_list_the_submissions(engine: Engine) -> None:
    sid = await _begun(engine)
    await engine.interview.submit(sid, BUGGY, "python")
    bob = engine.create_user("Bob")
    with pytest.raises(NotFoundError):
        await bob.interview.submissions(sid)
    with pytest.raises(NotFoundError):
        await bob.interview.feedback_on_end(sid)
    assert len(await engine.interview.submissions(sid)) == 1


# the rule, without a sandbox ------------------------------------------------------------------
def _run(verdict: str, minutes: int) -> CodeRun:
    return CodeRun(
        session_id="s",
        user_id="u",
        is_submission=True,
        language="python",
        code=f"# {verdict} at {minutes}",
        verdict=verdict,
        passed=10 if verdict == "AC" else 4,
        total=10,
        created_at=utcnow() + timedelta(minutes=minutes),
    )


def test_the_graded_submission_is_the_last_accepted_else_the_last() -> None:
    runs = [_run("WA", 0), _run("AC", 1), _run("WA", 2), _run("AC", 3), _run("TLE", 4)]
    assert graded_submission(runs) is runs[3]
    assert submission_attempts(runs) == (4, 2)  # submission 4, two failures before it
    assert graded_submission(runs[:1]) is runs[0] and submission_attempts(runs[:1]) == (1, 0)
    assert graded_submission([]) is None and submission_attempts([]) == (0, 0)
    # accepted code judged after failed submissions only (coach feedback on a fixed file)
    assert submission_attempts(runs[:1], judged_accepted=True) == (2, 1)
    assert submission_attempts(runs, judged_accepted=True) == (4, 2)
    assert [s.number for s in submissions_of(list(reversed(runs)))] == [1, 2, 3, 4, 5]


def _facts(verdict: str, attempts: int, failed: int) -> Facts:
    passed = 10 if verdict == "AC" else 4
    correctness = CorrectnessReport(
        verdict=verdict,
        passed=passed,
        total=10,
        visible_passed=3,
        visible_total=3,
        hidden_passed=passed - 3,
        hidden_total=7,
        verdict_counts={"AC": passed} | ({verdict: 10 - passed} if passed < 10 else {}),
        prior_submissions=attempts,
        failed_submissions_before_ac=failed if verdict == "AC" else attempts,
        attempts=attempts,
        failed_attempts=failed,
    )
    cx = ComplexityReport(
        time=ComplexityVerdict(big_o=C.LINEAR, optimal=C.LINEAR, confidence="high"),
        space=ComplexityVerdict(big_o=C.LINEAR, optimal=C.LINEAR, confidence="high"),
    )
    return Facts(correctness, cx, [], [], True, None)


def test_first_try_beats_accepted_after_failures_beats_never_accepted() -> None:
    first, _ = score(_facts("AC", 1, 0))
    after_two, results = score(_facts("AC", 3, 2))
    never, _ = score(_facts("WA", 3, 2))
    assert first > after_two > never
    correctness = next(r for r in results if r.name == "correctness")
    assert correctness.score == 90
    assert "accepted on submission 3 of 3, 2 failed before it (-10)" in correctness.reasons


def test_the_feedback_names_the_attempt_count() -> None:
    problem = ProblemBank().get("two-sum")
    strengths, weaknesses, _ = advise(_facts("AC", 1, 0), problem)
    assert "Accepted on the first submission." in strengths
    _, weaknesses, _ = advise(_facts("AC", 3, 2), problem)
    assert any("failed before an accepted one (accepted on submission 3)" in w for w in weaknesses)
    _, weaknesses, _ = advise(_facts("WA", 3, 2), problem)
    assert "None of 3 submissions accepted." in weaknesses


# the CLI: `coach show` lists every submission -------------------------------------------------
def test_coach_show_lists_every_submission(coach: Any) -> None:
    import asyncio
    import json

    async def record() -> str:
        with Engine.open() as engine:
            session = await engine.sessions.create(SessionCreate(problem_slug="two-sum"))
            await engine.sessions.start(session.id)
            for verdict, code, minutes in (("WA", BUGGY, 0), ("AC", GOOD, 1)):
                run = _run(verdict, minutes).model_copy(
                    update={"session_id": session.id, "user_id": engine.user.id, "code": code}
                )
                await engine.sessions.record_run(run)
            return session.id

    sid = asyncio.run(record())
    shown = coach("show", sid[:8], "--plain")
    assert shown.returncode == 0, shown.stderr
    assert "### Submissions" in shown.stdout
    table = shown.stdout.split("### Submissions", 1)[1]
    assert "| 1 | WA | 4/10 |" in table and "| 2 | AC | 10/10 |" in table
    data = json.loads(coach("show", sid[:8], "--json").stdout)
    assert [(s["number"], s["verdict"], s["code"]) for s in data["submissions"]] == [
        (1, "WA", BUGGY),
        (2, "AC", GOOD),
    ]


async def test_the_feedback_status_says_when_feedback_comes(engine: Engine) -> None:
    sid = await _begun(engine)
    assert (await engine.interviews.view(sid)).feedback_status() == "not requested"
    await engine.interview.submit(sid, BUGGY, "python")
    view = await engine.interviews.view(sid)
    assert view.submitted and view.feedback_status() == "on accept or end"
    await engine.interviews.end(sid)
    assert (await engine.interviews.view(sid)).feedback is not None  # queued on ending


async def test_ending_after_a_failed_feedback_job_queues_it_again(engine: Engine) -> None:
    sid = await _begun(engine)
    await engine.interview.submit(sid, GOOD, "python")
    (job,) = await engine.feedback.for_session(sid)
    await engine.feedback.wait(job.id)
    engine.store.update_feedback(engine.user.id, job.id, {"status": "FAILED"})  # as a dead job
    await engine.interviews.end(sid)
    jobs = await engine.feedback.for_session(sid)
    assert [j.id == job.id for j in jobs] == [True, False]  # a new one for the accepted code
    await engine.feedback.wait(jobs[-1].id)
