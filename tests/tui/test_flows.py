"""The TUI drives the engine's interview flows (``engine.interviews``): a random start from the
home filters, going home (save + pause) and reopening a session whose feedback job was lost."""

from __future__ import annotations

from pathlib import Path

from interview_app import open_interview, paste_code
from tui_support import GOOD, fake_sandbox_engine, options, settle, until

from coach_engine.api import FeedbackStatus, SessionStatus
from coach_tui.factory import StartRequest, make_app
from coach_tui.screens.home import HomeScreen
from coach_tui.screens.interview import InterviewScreen


async def test_random_start_draws_from_the_home_filters(tmp_path: Path) -> None:
    engine = fake_sandbox_engine(tmp_path / "db.sqlite")
    app = make_app(engine, StartRequest(difficulty="hard"), options())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        picker = app.screen.query_one("ProblemPicker")
        hard = {p.slug for p in picker.shown}
        assert hard and all(p.difficulty == "hard" for p in picker.shown)
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, InterviewScreen), "interview")
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        session = await engine.sessions.get(screen.session_id)
        assert session.problem_slug in hard and session.difficulty.value == "HARD"
        assert picker.highlighted_slug == session.problem_slug
        await settle(pilot)
    engine.close()


async def test_going_home_saves_the_code_and_pauses(tmp_path: Path) -> None:
    engine = fake_sandbox_engine(tmp_path / "db.sqlite")
    async with open_interview(engine) as (pilot, screen):
        app = pilot.app
        await paste_code(pilot, screen, GOOD)
        await pilot.press("f9")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "home")
        await settle(pilot)
        session = await engine.sessions.get(screen.session_id)
        assert session.status == SessionStatus.PAUSED
        latest = await engine.sessions.latest_code(session.id)
        assert latest is not None and latest.code == GOOD
        resume = [o.id for o in app.screen.query_one("#unfinished").options]  # type: ignore[attr-defined]
        assert session.id in resume


async def test_reopening_a_submission_without_a_feedback_job_queues_one(tmp_path: Path) -> None:
    engine = fake_sandbox_engine(tmp_path / "db.sqlite")
    session = await engine.interviews.start("two-sum")
    await engine.sessions.start(session.id)
    await engine.sessions.submit(session.id)  # the process died before feedback was queued
    assert await engine.interviews.feedback_jobs(session.id) == []
    app = make_app(engine, StartRequest(resume_id=session.id), options())
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, InterviewScreen), "interview")

        def done() -> bool:
            jobs = engine.store.list_feedback(engine.user.id, session.id)
            return bool(jobs) and jobs[-1].status == FeedbackStatus.COMPLETED

        await until(pilot, done, "the lost feedback job queued and run", timeout=60)
        await settle(pilot)
    assert len(await engine.interviews.feedback_jobs(session.id)) == 1
    engine.close()
