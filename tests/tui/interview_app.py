"""The app under Pilot on a new interview, and code pasted into it, as most TUI tests begin:
written once here (each test module had its own copy of these lines).

``from interview_app import open_interview, paste_code``; ``tests/tui`` is on ``sys.path`` as it
is for ``tui_support``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from textual import events
from textual.pilot import Pilot
from tui_support import options, settle, until

from coach_engine.engine import Engine
from coach_tui.factory import AppOptions, StartRequest, make_app
from coach_tui.screens.interview import InterviewScreen
from coach_tui.widgets.chat.message import ChatMessage


@asynccontextmanager
async def open_interview(
    engine: Engine,
    slug: str = "two-sum",
    *,
    language: str | None = None,
    size: tuple[int, int] = (120, 40),
    close: bool = True,
    app_options: AppOptions | None = None,
) -> AsyncIterator[tuple[Pilot[Any], InterviewScreen]]:
    """``engine``'s app (``app_options``, else the defaults) at ``size`` on a new interview on
    ``slug``, once the interviewer has greeted and the screen settled. The engine is closed
    afterwards (even when the test fails) unless ``close`` is False (the test still reads it)."""
    app = make_app(engine, StartRequest(slug=slug, language=language), app_options or options())
    try:
        async with app.run_test(size=size, notifications=True) as pilot:
            await until(pilot, lambda: isinstance(app.screen, InterviewScreen), "interview")
            screen = app.screen
            assert isinstance(screen, InterviewScreen)
            await until(pilot, lambda: len(screen.query(ChatMessage)) >= 1, "greeting")
            await settle(pilot)
            yield pilot, screen
    finally:
        if close:
            engine.close()


async def paste_code(pilot: Pilot[Any], screen: InterviewScreen, code: str) -> None:
    """Replace the solution as a candidate pastes one: the code tab (f2), select all (f7),
    delete, then the paste event a terminal sends; returns once the editor holds ``code``."""
    await pilot.press("f2", "f7", "delete")
    pilot.app.post_message(events.Paste(code))
    await until(pilot, lambda: screen.code.code == code, "pasted code in the editor")
