"""The interview flows of ``coach_engine.interviews`` (moved out of the TUI, issue 13 item 1),
driven through the public API on a real temporary SQLite store: starting from a slug or filters,
solved problems, protocol state, the editor's code, leaving, switching language, ending, the
summary, feedback lookups and re-queueing a lost feedback job."""

from __future__ import annotations

import asyncio
import random
from pathlib import Path

import pytest

from coach_engine.api import (
    CoachError,
    CodeRun,
    Drill,
    DrillType,
    Engine,
    FeedbackStatus,
    InterviewSession,
    NotFoundError,
    ProblemFilter,
    SessionStatus,
    SnapshotReason,
    ValidationError,
)
from coach_engine.config import Config
from coach_engine.feedback_jobs import FeedbackResult, Progress
from coach_engine.store import SQLiteStore

RESULT = FeedbackResult(overall_score=82, weaknesses=["edge cases", "naming", "tests", "pace"])
MINE = "class Solution:\n    def twoSum(self, nums, target):\n        return [0, 1]\n"


class Producer:
    """Scripted feedback; ``hold()`` keeps jobs PENDING until ``release()``."""

    def __init__(self) -> None:
        self.gate: asyncio.Event | None = None

    def hold(self) -> None:
        self.gate = asyncio.Event()

    def release(self) -> None:
        if self.gate is not None:
            self.gate.set()

    async def __call__(self, session: InterviewSession, progress: Progress) -> FeedbackResult:
        if self.gate is not None:
            await self.gate.wait()
        progress(0.5, "scoring")
        return RESULT


@pytest.fixture
def producer() -> Producer:
    return Producer()


@pytest.fixture
def engine(tmp_path: Path, producer: Producer) -> Engine:
    return Engine(SQLiteStore.open(tmp_path / "e.db"), Config(), producer=producer)


async def _in_progress(engine: Engine, slug: str = "two-sum") -> InterviewSession:
    session = await engine.interviews.start(slug)
    return await engine.sessions.start(session.id)


async def _record(engine: Engine, session: InterviewSession, verdict: str, submit: bool) -> None:
    passed = 3 if verdict == "AC" else 1
    await engine.sessions.record_run(
        CodeRun(
            session_id=session.id,
            user_id=session.user_id,
            is_submission=submit,
            language="python",
            code=MINE,
            verdict=verdict,
            passed=passed,
            total=3,
        )
    )


async def _snapshots(engine: Engine, session_id: str) -> list[tuple[str, str, str]]:
    rows = engine.store.list_snapshots(engine.user.id, session_id)
    return [(s.language, s.code, s.reason.value) for s in rows]


# starting ------------------------------------------------------------------------------------
async def test_start_from_a_slug_uses_the_configured_language_and_length(engine: Engine) -> None:
    engine.config.interview.language = "go"
    engine.config.interview.duration_minutes = 30
    session = await engine.interviews.start("two-sum")
    assert session.status == SessionStatus.CREATED
    assert (session.problem_slug, session.language, session.duration_minutes) == (
        "two-sum",
        "go",
        30,
    )
    assert session.difficulty.value == "EASY" and session.topic == "arrays-hashing"
    java = await engine.interviews.start("two-sum", language="java")
    assert java.language == "java"


async def test_start_refuses_unknown_problems_and_languages_without_a_session(
    engine: Engine,
) -> None:
    with pytest.raises(CoachError, match="no problem 'no-such-problem'.*coach problems list"):
        await engine.interviews.start("no-such-problem")
    with pytest.raises(ValidationError, match="unknown language 'cobol'"):
        await engine.interviews.start("two-sum", language="cobol")
    assert (await engine.sessions.list_sessions()).items == []


async def test_start_from_filters_draws_only_matching_problems(engine: Engine) -> None:
    rng = random.Random(7)
    filters = ProblemFilter(difficulty="medium", topic="strings")
    matching = {p.slug for p in await engine.interviews.problems(filters)}
    assert len(matching) >= 2  # the draw has a choice to make
    drawn = set()
    for _ in range(12):
        session = await engine.interviews.start(filters=filters, rng=rng)
        drawn.add(session.problem_slug)
    assert drawn <= matching and len(drawn) >= 2


async def test_start_from_filters_that_match_nothing_names_the_fix(engine: Engine) -> None:
    with pytest.raises(ValidationError, match="no problem matches the filters"):
        await engine.interviews.start(filters=ProblemFilter(solved="solved"))
    with pytest.raises(ValidationError, match="unknown topic 'cooking'"):
        await engine.interviews.start(filters=ProblemFilter(topic="cooking"))
    with pytest.raises(ValidationError, match="unknown difficulty"):
        await engine.interviews.problems(ProblemFilter(difficulty="trivial"))


# solved problems -----------------------------------------------------------------------------
async def test_solved_means_a_completed_session_with_an_accepted_submission(
    engine: Engine,
) -> None:
    accepted = await _in_progress(engine, "two-sum")
    await _record(engine, accepted, "AC", submit=True)
    await engine.interviews.end(accepted.id)
    wrong = await _in_progress(engine, "valid-parentheses")
    await _record(engine, wrong, "WA", submit=True)
    await _record(engine, wrong, "AC", submit=False)  # a run, not a submission
    await engine.interviews.end(wrong.id)
    unfinished = await _in_progress(engine, "climbing-stairs")
    await _record(engine, unfinished, "AC", submit=True)

    assert await engine.interviews.solved_slugs() == {"two-sum"}
    solved = await engine.interviews.problems(ProblemFilter(solved="solved"))
    assert [p.slug for p in solved] == ["two-sum"]
    unsolved = {p.slug for p in await engine.interviews.problems(ProblemFilter(solved="unsolved"))}
    assert "two-sum" not in unsolved and "valid-parentheses" in unsolved
    assert len(unsolved) == len(engine.bank.list()) - 1


# protocol state ------------------------------------------------------------------------------
async def test_protocol_state_follows_the_interview(engine: Engine, producer: Producer) -> None:
    session = await _in_progress(engine)
    view = await engine.interviews.view(session.id)
    assert (view.step(False), view.step(True), view.submitted) == (0, 1, False)
    assert view.feedback_status() == "not requested" and view.score is None

    await _record(engine, session, "WA", submit=False)
    view = await engine.interviews.view(session.id)
    assert (view.step(False), view.attempts, view.last_run and view.last_run.verdict) == (
        2,
        1,
        "WA",
    )

    await _record(engine, session, "AC", submit=True)
    await engine.sessions.submit(session.id)
    view = await engine.interviews.view(session.id)
    assert (view.step(False), view.submitted, view.finished) == (3, True, False)
    assert view.feedback_status() == "waiting"  # submitted, no job yet

    producer.hold()
    job = await engine.interview.request_feedback(session.id)
    view = await engine.interviews.view(session.id)
    assert view.feedback is not None and view.feedback.id == job.id
    assert view.feedback_done is None
    assert view.feedback_status() in ("pending 0%", "processing 0%")

    producer.release()
    await engine.feedback.wait(job.id)
    view = await engine.interviews.view(session.id)
    assert view.feedback_status() == "ready · 82/100"
    assert view.score == 82 and view.weak_areas == ["edge cases", "naming", "tests"]
    assert view.finished  # completed feedback completes the session


# the editor's code ---------------------------------------------------------------------------
async def test_editor_opens_on_the_starter_then_on_the_latest_saved_code(engine: Engine) -> None:
    session = await _in_progress(engine)
    fresh = await engine.interviews.editor_code(session.id)
    starter = engine.bank.get("two-sum").starter("python")
    assert (fresh.code, fresh.language, fresh.starter, fresh.saved_at) == (
        starter,
        "python",
        starter,
        None,
    )
    await engine.sessions.save_code(session.id, MINE, "python", SnapshotReason.AUTOSAVE)
    saved = await engine.interviews.editor_code(session.id)
    assert (saved.code, saved.starter) == (MINE, starter) and saved.saved_at is not None


async def test_autosave_writes_only_changed_code_while_in_progress(engine: Engine) -> None:
    session = await _in_progress(engine)
    starter = engine.bank.get("two-sum").starter("python")
    assert await engine.interviews.autosave(session.id, starter, "python") is None
    assert await engine.interviews.autosave(session.id, MINE, "python") is not None
    assert await engine.interviews.autosave(session.id, MINE, "python") is None  # stored
    await engine.sessions.pause(session.id)
    assert await engine.interviews.autosave(session.id, MINE + "#", "python") is None
    assert await _snapshots(engine, session.id) == [("python", MINE, "autosave")]


# leaving -------------------------------------------------------------------------------------
async def test_leaving_saves_changed_code_and_pauses_the_clock(engine: Engine) -> None:
    session = await _in_progress(engine)
    left = await engine.interviews.leave(session.id, MINE, "python")
    assert left.status == SessionStatus.PAUSED
    assert await _snapshots(engine, session.id) == [("python", MINE, "autosave")]
    # Leaving again changes nothing: the code is stored and the clock already stopped.
    again = await engine.interviews.leave(session.id, MINE, "python")
    assert again.status == SessionStatus.PAUSED
    assert len(await _snapshots(engine, session.id)) == 1


async def test_leaving_an_untouched_or_finished_session_saves_nothing(engine: Engine) -> None:
    session = await _in_progress(engine)
    starter = engine.bank.get("two-sum").starter("python")
    assert (await engine.interviews.leave(session.id, starter, "python")).status == "PAUSED"
    created = await engine.interviews.start("two-sum")
    assert (await engine.interviews.leave(created.id, MINE, "python")).status == "CREATED"
    done = await engine.interviews.end((await _in_progress(engine)).id)
    assert (await engine.interviews.leave(done.id, MINE, "python")).status == "COMPLETED"
    for s in (session, done):
        assert await _snapshots(engine, s.id) == []
    assert await _snapshots(engine, created.id) == [("python", MINE, "autosave")]


# switching language --------------------------------------------------------------------------
async def test_switching_language_saves_the_old_code_then_the_new_starter(engine: Engine) -> None:
    session = await _in_progress(engine)
    java = engine.bank.get("two-sum").starter("java")
    code = await engine.interviews.switch_language(session.id, "java", code=MINE, previous="python")
    assert (code.code, code.language, code.starter) == (java, "java", java)
    assert await _snapshots(engine, session.id) == [
        ("python", MINE, "manual"),
        ("java", java, "manual"),
    ]
    reopened = await engine.interviews.editor_code(session.id)
    assert (reopened.code, reopened.language) == (java, "java")


async def test_switching_from_an_untouched_starter_keeps_no_copy_of_it(engine: Engine) -> None:
    session = await _in_progress(engine)
    python = engine.bank.get("two-sum").starter("python")
    await engine.interviews.switch_language(session.id, "go", code=python, previous="python")
    assert [lang for lang, _, _ in await _snapshots(engine, session.id)] == ["go"]


async def test_switching_to_an_unknown_language_or_when_not_coding_changes_nothing(
    engine: Engine,
) -> None:
    session = await _in_progress(engine)
    with pytest.raises(ValidationError, match="unknown language"):
        await engine.interviews.switch_language(session.id, "cobol", code=MINE, previous="python")
    await engine.sessions.pause(session.id)
    with pytest.raises(ValidationError, match="resume it"):
        await engine.interviews.switch_language(session.id, "go")
    assert await _snapshots(engine, session.id) == []


# ending --------------------------------------------------------------------------------------
@pytest.mark.parametrize("state", ["CREATED", "IN_PROGRESS", "PAUSED", "AWAITING_FEEDBACK"])
async def test_ending_completes_from_any_unfinished_state(engine: Engine, state: str) -> None:
    session = await engine.interviews.start("two-sum")
    if state != "CREATED":
        session = await engine.sessions.start(session.id)
    if state == "PAUSED":
        session = await engine.sessions.pause(session.id)
    if state == "AWAITING_FEEDBACK":
        session = await engine.sessions.submit(session.id)
    assert session.status == state
    ended = await engine.interviews.end(session.id)
    assert ended.status == SessionStatus.COMPLETED and ended.completed_at is not None


async def test_ending_saves_changed_code_and_leaves_finished_sessions_alone(
    engine: Engine,
) -> None:
    session = await _in_progress(engine)
    ended = await engine.interviews.end(session.id, MINE, "python")
    assert await _snapshots(engine, session.id) == [("python", MINE, "manual")]
    again = await engine.interviews.end(session.id, MINE + "# later", "python")
    assert again.completed_at == ended.completed_at
    assert len(await _snapshots(engine, session.id)) == 1
    cancelled = await engine.sessions.cancel((await engine.interviews.start("two-sum")).id)
    assert (await engine.interviews.end(cancelled.id)).status == SessionStatus.CANCELLED


async def test_summary_counts_runs_submissions_and_notes(
    engine: Engine, producer: Producer
) -> None:
    producer.hold()  # the feedback ending queues stays pending while the summary is read
    session = await _in_progress(engine)
    await _record(engine, session, "WA", submit=False)
    await _record(engine, session, "AC", submit=False)
    await _record(engine, session, "WA", submit=True)
    await engine.sessions.add_note(session.id, "forgot the empty input")
    await engine.interview.hint(session.id)
    await engine.interviews.end(session.id)
    summary = await engine.interviews.summary(session.id)
    assert (summary.runs, summary.submissions) == (2, 1)
    assert summary.best_run == (3, 3) and summary.final_submission == ("WA", 1, 3)
    assert summary.problem_title == "Two Sum" and summary.problem_difficulty == "easy"
    assert summary.session.hints_used == 1 and summary.notes == ["forgot the empty input"]
    # ending queued the feedback the submission is due (judged on the last submission)
    assert summary.score is None and summary.feedback_status in ("pending 0%", "processing 0%")
    assert len(await engine.interviews.feedback_jobs(session.id)) == 1
    producer.release()
    assert summary.session.status == SessionStatus.COMPLETED


# feedback ------------------------------------------------------------------------------------
async def test_a_lost_feedback_job_is_queued_again_once(engine: Engine) -> None:
    session = await _in_progress(engine)
    assert await engine.interviews.requeue_lost_feedback(session.id) is None  # not submitted
    await engine.sessions.submit(session.id)  # the process died before the job was queued
    job = await engine.interviews.requeue_lost_feedback(session.id)
    assert job is not None and job.session_id == session.id
    assert await engine.interviews.requeue_lost_feedback(session.id) is None  # it exists now
    done = await engine.feedback.wait(job.id)
    assert done.status == FeedbackStatus.COMPLETED
    assert len(await engine.interviews.feedback_jobs(session.id)) == 1


async def test_latest_completed_feedback_is_what_drills_are_made_from(
    engine: Engine, producer: Producer
) -> None:
    session = await _in_progress(engine)
    with pytest.raises(ValidationError, match="no completed feedback"):
        await engine.interviews.latest_completed_feedback(session.id)
    first = await engine.interview.request_feedback(session.id)
    await engine.feedback.wait(first.id)
    assert (await engine.interviews.latest_completed_feedback(session.id)).id == first.id
    producer.hold()
    second = await engine.interview.request_feedback(session.id)  # not finished yet
    latest = await engine.interviews.latest_feedback(session.id)
    assert latest is not None and latest.id == second.id
    assert (await engine.interviews.latest_completed_feedback(session.id)).id == first.id
    producer.release()
    await engine.feedback.wait(second.id)


# drills --------------------------------------------------------------------------------------
async def test_a_code_drill_opens_on_its_problem_starter_in_its_language(engine: Engine) -> None:
    engine.config.interview.language = "go"
    user = engine.user.id
    code = engine.store.add_drill(
        Drill(
            user_id=user,
            title="Climb",
            prompt="Solve it",
            drill_type=DrillType.CODE_EXERCISE,
            problem_slug="climbing-stairs",
            language="java",
        )
    )
    any_language = engine.store.add_drill(
        Drill(
            user_id=user,
            title="Climb again",
            prompt="Solve it",
            drill_type=DrillType.CODE_EXERCISE,
            problem_slug="climbing-stairs",
        )
    )
    written = engine.store.add_drill(
        Drill(user_id=user, title="Why", prompt="Explain", drill_type=DrillType.CONCEPT_REVIEW)
    )
    bank = engine.bank.get("climbing-stairs")
    drill, editor = await engine.interviews.drill_editor(code.id)
    assert drill.id == code.id
    assert (editor.code, editor.language) == (bank.starter("java"), "java")
    _, editor = await engine.interviews.drill_editor(any_language.id)
    assert (editor.code, editor.language) == (bank.starter("go"), "go")  # the configured one
    _, editor = await engine.interviews.drill_editor(written.id)
    assert editor.code == ""
    with pytest.raises(NotFoundError):
        await engine.create_user("Someone else").interviews.drill_editor(code.id)


# users ---------------------------------------------------------------------------------------
async def test_another_user_neither_sees_nor_changes_these_interviews(engine: Engine) -> None:
    session = await _in_progress(engine)
    await _record(engine, session, "AC", submit=True)
    other = engine.create_user("Someone else").interviews
    for call in (
        other.view(session.id),
        other.editor_code(session.id),
        other.leave(session.id, MINE, "python"),
        other.switch_language(session.id, "go"),
        other.end(session.id),
        other.requeue_lost_feedback(session.id),
    ):
        with pytest.raises(NotFoundError):
            await call
    assert await other.unfinished() == [] and await other.recent() == []
    await engine.interviews.end(session.id)
    assert await engine.interviews.solved_slugs() == {"two-sum"}
    assert await other.solved_slugs() == set()
    mine = await engine.sessions.get(session.id)
    assert mine.status == SessionStatus.COMPLETED and await _snapshots(engine, session.id) == []
