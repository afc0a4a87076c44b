"""``coach feedback``: the command function, invoked as the CLI will (real sandbox)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from coach_cli.feedback_cmd import feedback
from coach_engine.errors import CoachError

LABELLED = Path(__file__).parent / "fixtures" / "judge_labelled"


def invoke(*args: str) -> tuple[int, str]:
    """Run ``coach feedback ARGS``; a ``CoachError`` exits as ``coach_cli.main.run`` does."""
    app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
    app.command("feedback")(feedback)

    @app.callback()
    def _root() -> None: ...

    result = CliRunner().invoke(app, ["feedback", *args], env={"COLUMNS": "160"})
    if isinstance(result.exception, CoachError):
        return result.exception.exit_code, str(result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout


def test_json_output_for_an_accepted_solution() -> None:
    code, out = invoke(str(LABELLED / "two-sum/optimal.py"), "--problem", "two-sum", "--json",
                       "--budget-s", "3")  # fmt: skip
    assert code == 0
    data = json.loads(out)
    assert data["correctness"]["verdict"] == "AC"
    assert data["complexity"]["time"]["big_o"] == "O(n)"
    assert data["model"] == "offline-judge" and data["total_cost_usd"] == 0


def test_readable_output_for_a_wrong_solution_still_exits_0(tmp_path: Path) -> None:
    transcript = tmp_path / "chat.txt"
    transcript.write_text("me: Is the input ever empty?\ninterviewer: No.\nme: I'll scan once.\n")
    code, out = invoke(str(LABELLED / "two-sum/wrong.js"), "-p", "two-sum", "--transcript",
                       str(transcript), "--budget-s", "3")  # fmt: skip
    assert code == 0
    assert "WA" in out and "Weaknesses" in out and "communication" in out


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["missing.py", "-p", "two-sum"], "no such file"),
        ([str(LABELLED / "two-sum/optimal.py"), "-p", "no-such-problem"], "no-such-problem"),
        ([str(LABELLED / "manifest.json"), "-p", "two-sum"], "extension"),
        ([str(LABELLED / "two-sum/optimal.py"), "-p", "two-sum", "--transcript",
          str(LABELLED / "manifest.json")], "transcript"),
    ],
)  # fmt: skip
def test_bad_input_exits_2_with_a_message(args: list[str], needle: str) -> None:
    code, message = invoke(*args)
    assert code == 2
    assert needle in message.lower()


def test_budget_below_one_second_is_a_usage_error() -> None:
    code, _ = invoke(str(LABELLED / "two-sum/optimal.py"), "-p", "two-sum", "--budget-s", "0.1")
    assert code == 2
