"""``coach feedback``: the command function, invoked as the CLI will (real sandbox)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

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


def test_feedback_with_a_provider_narrative_keeps_the_judges_scores(
    coach: Any, tmp_path: Path
) -> None:
    import json as _json
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from fakes.llm_server import FakeLLMServer, Reply

    solution = tmp_path / "s.py"
    solution.write_text(
        "class Solution:\n    def twoSum(self, nums, target):\n        seen = {}\n"
        "        for i, x in enumerate(nums):\n            if target - x in seen:\n"
        "                return [seen[target - x], i]\n            seen[x] = i\n"
    )
    narrative = {
        "detailed_feedback": "A clean one-pass hash map solution; explain the complement idea.",
        "strengths": ["Chose a hash map straight away"],
        "weaknesses": [],
        "suggestions": ["Say the complexity out loud before coding"],
    }
    with FakeLLMServer() as server:
        server.enqueue(Reply(_json.dumps(narrative)))
        env = {"COACH_BASE_URL": server.openai_url}
        proc = coach(
            "feedback",
            str(solution),
            "-p",
            "two-sum",
            "--json",
            "--budget-s",
            "3",
            "--provider",
            "openai-compatible",
            "--model",
            "qwen2.5-coder",
            env=env,
            timeout=120,
        )
        assert proc.returncode == 0, proc.stderr
        fb = _json.loads(proc.stdout)
        prompt = server.requests[-1].body["messages"][-1]["content"]
    assert fb["detailed_feedback"].startswith("A clean one-pass hash map")
    assert "Say the complexity out loud before coding" in fb["suggestions"]
    assert fb["prompt_id"] == "feedback" and fb["model"].startswith("offline-judge + ")
    assert '"scores_final"' in prompt and "may not be" in prompt  # facts passed as final
    plain = _json.loads(
        coach(
            "feedback", str(solution), "-p", "two-sum", "--json", "--budget-s", "3", timeout=120
        ).stdout
    )
    assert plain["overall_score"] == fb["overall_score"]  # the model changed no score
    assert plain["criterion_scores"] == fb["criterion_scores"]

    down = coach(
        "feedback",
        str(solution),
        "-p",
        "two-sum",
        "--json",
        "--budget-s",
        "3",
        "--provider",
        "openai-compatible",
        "--model",
        "m",
        env={"COACH_BASE_URL": "http://127.0.0.1:9/v1"},
        timeout=120,
    )
    assert down.returncode == 0 and "without a narrative" in down.stderr
    assert _json.loads(down.stdout)["model"] == "offline-judge"
