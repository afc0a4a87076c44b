"""Submit → feedback with the real default producer (the judge)."""

from __future__ import annotations

from pathlib import Path

from textual import events
from tui_support import GOOD, options, screen_text, settle, until

from coach_engine.config import Config
from coach_engine.engine import Engine
from coach_engine.store import SQLiteStore
from coach_tui.factory import StartRequest, make_app
from coach_tui.screens.feedback import FeedbackScreen
from coach_tui.screens.interview import InterviewScreen
from coach_tui.widgets.chat.message import ChatMessage


async def test_submission_gets_the_judges_feedback(tmp_path: Path) -> None:
    engine = Engine(SQLiteStore.open(tmp_path / "db.sqlite"), Config())
    app = make_app(engine, StartRequest(slug="two-sum"), options())
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, InterviewScreen), "interview")
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        await until(pilot, lambda: len(screen.query(ChatMessage)) == 1, "greeting")
        await pilot.press("f2", "f7", "delete")
        app.post_message(events.Paste(GOOD))
        await until(pilot, lambda: screen.code.code == GOOD, "code")
        await pilot.press("ctrl+t", "y")
        await until(pilot, lambda: isinstance(app.screen, FeedbackScreen), "feedback", 120)
        await settle(pilot)
        assert "score" in screen_text(app)
    session = await engine.sessions.get(screen.session_id)
    assert session.score is not None
    engine.close()
