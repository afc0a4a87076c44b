"""Submit → feedback screen at once (issue 14, item 10): an accepted submission opens the feedback
screen with the verdict it already has while the feedback job (the judge's timing runs) is still
running; the screen fills in the score and the report when the job's ``feedback`` event says it
completed, and it is the only feedback screen opened."""

from __future__ import annotations

import asyncio
from pathlib import Path

from interview_app import paste_code
from tui_support import FEEDBACK, GOOD, notifications, options, screen_text, until, until_shown

from coach_engine.config import Config
from coach_engine.engine import Engine
from coach_engine.feedback_jobs import FeedbackResult, Progress
from coach_engine.models import InterviewSession
from coach_engine.store import SQLiteStore
from coach_tui.factory import StartRequest, make_app
from coach_tui.screens.feedback import FeedbackScreen
from coach_tui.screens.interview import InterviewScreen


async def test_the_verdict_first_then_the_report_when_the_job_lands(tmp_path: Path) -> None:
    release = asyncio.Event()
    started = asyncio.Event()

    async def produce(session: InterviewSession, progress: Progress) -> FeedbackResult:
        progress(0.3, "timing the solution")
        started.set()
        await release.wait()  # the judge's timing runs, held until the test lets them finish
        return FEEDBACK

    engine = Engine(SQLiteStore.open(tmp_path / "db.sqlite"), Config(), producer=produce)
    app = make_app(engine, StartRequest(slug="two-sum"), options())
    pushed: list[FeedbackScreen] = []
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await until(pilot, lambda: isinstance(app.screen, InterviewScreen), "interview")
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        await until(pilot, lambda: screen.view is not None and screen.view.live, "opened")
        await paste_code(pilot, screen, GOOD)
        await pilot.press("ctrl+t")
        await until_shown(pilot, "Submit your solution?")
        await pilot.press("y")

        # the job is still running: the screen is up with the submission's verdict
        await until(pilot, lambda: isinstance(app.screen, FeedbackScreen), "feedback screen")
        pushed.append(app.screen)  # type: ignore[arg-type]
        await until(pilot, started.is_set, "the job running")
        text = await until_shown(pilot, "Accepted · ", "tests passed", "being measured")
        run = (await engine.sessions.runs(screen.session_id))[-1]
        assert run.is_submission and f"{run.passed}/{run.total} tests passed" in text
        assert run.total > 3  # hidden tests ran: the verdict is the submission's
        assert "score 82/100" not in text
        # the job's progress: stored with the job, so a screen that subscribes after the
        # progress event still reads it (the event's note, "timing the solution", is not stored:
        # the screen shows it only when it was already listening)
        await until_shown(pilot, "feedback 30%")

        # the job ends: the same screen shows the score and the report
        release.set()
        text = await until_shown(pilot, "score 82/100", "Strengths")
        assert "being measured" not in text and "O(n)" in text
        assert app.screen is pushed[0]
        assert not [n for n in notifications(app) if "Feedback ready" in n]  # no toast over it

        await pilot.press("escape")
        await until(pilot, lambda: app.screen is screen, "back in the interview")
        await pilot.pause(0.3)
        top: object = app.screen
        assert top is screen, "a second feedback screen was opened"
        assert "82/100" in screen_text(app)  # the brief card in the chat
    await engine.stop_background()
    engine.close()


def test_queued_tokens_of_one_message_are_drawn_as_one() -> None:
    """The chat redraws once per batch of a message's tokens, in order, other events kept."""
    from datetime import UTC, datetime

    from coach_engine.events import AiTokenData, AiTokenEvent, ErrorData, ErrorEvent
    from coach_tui.screens.interview_events import _joined_tokens

    now = datetime(2025, 1, 1, tzinfo=UTC)

    def token(text: str, message: str) -> AiTokenEvent:
        data = AiTokenData(session_id="s", timestamp=now, token=text, message_id=message)
        return AiTokenEvent(data=data)

    error = ErrorEvent(data=ErrorData(session_id="s", timestamp=now, title="t", message="m"))
    events = [token("So ", "a"), token("you", "a"), error, token("'re", "a"), token("x", "b")]
    joined = _joined_tokens(events)  # type: ignore[arg-type]
    shown = [
        (e.data.token, e.data.message_id) if isinstance(e, AiTokenEvent) else e for e in joined
    ]
    assert shown == [("So you", "a"), error, ("'re", "a"), ("x", "b")]
