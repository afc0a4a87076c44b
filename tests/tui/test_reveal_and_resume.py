"""``coach interview SLUG`` with a paused interview on SLUG resumes it and says so; ``--new``
starts a second one (QA #20). Through typer for the request made, and the real ``coach``."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from coach_cli.interview_cmd import interview
from coach_engine.engine import Engine
from coach_tui.factory import StartRequest

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
