"""Submit → feedback with the real default producer (the judge)."""

from __future__ import annotations

from pathlib import Path

from interview_app import open_interview, paste_code
from tui_support import GOOD, screen_text, settle, until

from coach_engine.config import Config
from coach_engine.engine import Engine
from coach_engine.store import SQLiteStore
from coach_tui.screens.feedback import FeedbackScreen


async def test_submission_gets_the_judges_feedback(tmp_path: Path) -> None:
    engine = Engine(SQLiteStore.open(tmp_path / "db.sqlite"), Config())
    async with open_interview(engine, close=False) as (pilot, screen):
        app = pilot.app
        await paste_code(pilot, screen, GOOD)
        await pilot.press("ctrl+t", "y")
        await until(pilot, lambda: isinstance(app.screen, FeedbackScreen), "feedback", 120)
        await settle(pilot)
        assert "score" in screen_text(app)
    session = await engine.sessions.get(screen.session_id)
    assert session.score is not None
    engine.close()
