"""``coach interview`` argument handling: bad input fails before the terminal UI opens."""

from __future__ import annotations

import pytest
import typer
from typer.testing import CliRunner

from coach_cli.interview_cmd import interview
from coach_engine.errors import CoachError
from coach_tui.factory import StartRequest

cli = typer.Typer()
cli.command()(interview)


@pytest.fixture
def launched(monkeypatch: pytest.MonkeyPatch) -> list[StartRequest]:
    """Capture what would be launched instead of running the TUI."""
    monkeypatch.setenv("TERM", "xterm-256color")  # CI may set none: the UI would be refused
    seen: list[StartRequest] = []

    class FakeApp:
        def __init__(self, start: StartRequest) -> None:
            self.start = start

        def run(self) -> None:
            seen.append(self.start)

    monkeypatch.setattr("coach_tui.factory.make_app", lambda engine, start: FakeApp(start))
    return seen


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_not_yet_available_exits_2() -> None:
    result = invoke("--kind", "behavioral")
    assert result.exit_code == 2 and "not available yet" in result.output


def test_a_server_without_a_login_names_coach_login(launched) -> None:
    result = invoke("two-sum", "--server", "http://127.0.0.1:9")
    assert isinstance(result.exception, CoachError), result.output
    assert result.exception.exit_code == 2 and result.exception.title == "Not signed in"
    assert "coach login http://127.0.0.1:9" in result.exception.message
    assert launched == []


@pytest.mark.parametrize(
    ("args", "title"),
    [
        (["no-such-problem"], "Unknown problem"),
        (["--resume"], "Nothing to resume"),
        (["--resume", "0000"], "Unknown session"),
        (["--topic", "astrology"], "Invalid input"),
    ],
)
def test_bad_input_is_a_titled_error(args: list[str], title: str, launched) -> None:
    result = invoke(*args)
    assert isinstance(result.exception, CoachError), result.output
    assert result.exception.title == title and result.exception.exit_code == 2
    assert launched == []


def test_start_and_resume_requests(launched) -> None:
    assert invoke("two-sum", "--lang", "go").exit_code == 0
    assert launched[-1] == StartRequest(slug="two-sum", language="go")
    assert invoke("-d", "hard", "-t", "graphs").exit_code == 0
    assert launched[-1] == StartRequest(difficulty="hard", topic="graphs")


def test_resume_finds_the_latest_and_a_prefix(launched) -> None:
    import asyncio

    from coach_engine.engine import Engine
    from coach_engine.models import SessionCreate

    new = SessionCreate.model_validate({"problem_slug": "two-sum"})
    with Engine.open() as engine:  # the COACH_HOME of this test
        older = asyncio.run(engine.sessions.create(new))
        newer = asyncio.run(engine.sessions.create(new))
    assert invoke("--resume").exit_code == 0
    assert launched[-1].resume_id == newer.id
    assert invoke("--resume", older.id[:6]).exit_code == 0
    assert launched[-1].resume_id == older.id
