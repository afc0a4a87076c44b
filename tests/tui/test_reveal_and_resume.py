"""A problem with a paused interview (QA #20): home (enter on it) asks "resume? y / n start new",
and ``coach interview SLUG`` resumes it and says so, ``--new`` starts a second one (through typer
for the request made, and the real ``coach``)."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
from textual.pilot import Pilot
from tui_support import options, settle, until, until_shown
from typer.testing import CliRunner

from coach_cli.interview_cmd import interview
from coach_engine.engine import Engine
from coach_tui.factory import StartRequest, make_app
from coach_tui.screens.home import HomeScreen
from coach_tui.screens.interview import InterviewScreen
from coach_tui.screens.resume_prompt import ResumePrompt
from coach_tui.widgets.home.problem_picker import ProblemPicker

COACH = Path(sys.executable).parent / "coach"
cli = typer.Typer()
cli.command()(interview)


@pytest.fixture
def launched(monkeypatch: pytest.MonkeyPatch) -> list[StartRequest]:
    """Capture what would be launched instead of running the TUI."""
    monkeypatch.setenv("TERM", "xterm-256color")
    seen: list[StartRequest] = []

    class FakeApp:
        def __init__(self, start: StartRequest) -> None:
            self.start = start

        def run(self) -> None:
            seen.append(self.start)

    monkeypatch.setattr("coach_tui.factory.make_app", lambda engine, start: FakeApp(start))
    return seen


def _paused(slug: str) -> str:
    """A begun then left (paused) interview on ``slug`` in this test's COACH_HOME."""

    async def make() -> str:
        with Engine.open() as engine:
            session = await engine.interviews.start(slug, language="python")
            await engine.interview.begin(session.id)
            return (await engine.interviews.leave(session.id)).id

    return asyncio.run(make())


def test_a_paused_interview_is_resumed_unless_new_is_asked(launched: list[StartRequest]) -> None:
    sid = _paused("two-sum")
    result = CliRunner().invoke(cli, ["two-sum"])
    assert result.exit_code == 0, result.output
    assert launched[-1] == StartRequest(resume_id=sid)
    assert f"Resuming your paused interview on two-sum ({sid[:8]})" in result.output
    assert "--new" in result.output  # how to start fresh instead

    result = CliRunner().invoke(cli, ["two-sum", "--new", "--lang", "go"])
    assert result.exit_code == 0, result.output
    assert launched[-1] == StartRequest(slug="two-sum", language="go")
    assert "Starting a new interview on two-sum (--new)" in result.output

    result = CliRunner().invoke(cli, ["valid-anagram"])  # nothing paused there
    assert launched[-1] == StartRequest(slug="valid-anagram")
    assert "Starting a new interview on valid-anagram." in result.output


def test_the_real_coach_says_it_resumes_before_the_terminal_check(coach_home: Path) -> None:
    """The choice is made and said before the UI would open (TERM=dumb refuses the UI)."""
    sid = _paused("two-sum")
    env = {**os.environ, "COACH_HOME": str(coach_home), "TERM": "dumb"}
    result = subprocess.run(
        [str(COACH), "interview", "two-sum"],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert f"Resuming your paused interview on two-sum ({sid[:8]})" in result.stdout
    assert result.returncode == 2 and "Terminal not supported" in result.stderr


# Home (Pilot): enter on a problem with a paused interview asks first -------------------------


async def _ask_on_two_sum(pilot: Pilot[Any]) -> None:
    """Search two sum on home, enter twice (to the results, then start): the prompt opens."""
    await until(pilot, lambda: isinstance(pilot.app.screen, HomeScreen), "home")
    picker = pilot.app.screen.query_one(ProblemPicker)
    await until(pilot, lambda: bool(picker.shown), "the problem list")
    await pilot.press("slash", *"two sum")
    await until(pilot, lambda: [p.slug for p in picker.shown] == ["two-sum"], "two sum alone")
    await pilot.press("enter")
    await until(
        pilot,
        lambda: pilot.app.focused is not None and pilot.app.focused.id == "problems",
        "results",
    )
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(pilot.app.screen, ResumePrompt), "the resume prompt")
    await until_shown(pilot, "Resume your paused interview on Two Sum?", "Start new (n)")


async def test_home_resumes_the_paused_interview_on_y(engine: Engine) -> None:
    session = await engine.interviews.start("two-sum", language="python")
    await engine.interview.begin(session.id)
    await engine.interviews.leave(session.id)
    app = make_app(engine, options=options())
    async with app.run_test(size=(80, 24)) as pilot:
        await _ask_on_two_sum(pilot)
        await pilot.press("y")
        await until(pilot, lambda: isinstance(app.screen, InterviewScreen), "the interview")
        screen = app.screen
        assert isinstance(screen, InterviewScreen) and screen.session_id == session.id
        await settle(pilot)
    listed = await engine.sessions.list_sessions(limit=10)
    assert [s.id for s in listed.items] == [session.id]  # no second interview


async def test_home_goes_back_on_esc_and_starts_new_on_n(engine: Engine) -> None:
    session = await engine.interviews.start("two-sum", language="python")
    app = make_app(engine, options=options())
    async with app.run_test(size=(80, 24)) as pilot:
        await _ask_on_two_sum(pilot)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "back home")
        assert (await engine.sessions.list_sessions(limit=10)).total == 1

        await pilot.press("enter")  # the results keep focus: ask again
        await until(pilot, lambda: isinstance(app.screen, ResumePrompt), "the resume prompt")
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, InterviewScreen), "the interview")
        screen = app.screen
        assert isinstance(screen, InterviewScreen) and screen.session_id != session.id
        await settle(pilot)
    fresh = await engine.sessions.get(screen.session_id)
    assert fresh.problem_slug == "two-sum"
    assert (await engine.sessions.list_sessions(limit=10)).total == 2
