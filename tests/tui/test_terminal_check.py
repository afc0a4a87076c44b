"""A terminal that cannot show the interview UI gets one clear line and exit code 2 from the real
`coach interview`, not a garbled screen (issue 14, item 11)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from coach_cli.terminal_check import problem

COACH = Path(sys.executable).parent / "coach"


def run_interview(
    coach_home: Path, term: str | None, *args: str
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "TERM"}
    env["COACH_HOME"] = str(coach_home)
    if term is not None:
        env["TERM"] = term
    return subprocess.run(
        [str(COACH), "interview", *args],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("term", "says"),
    [
        (None, "TERM is not set"),
        ("", "TERM is not set"),
        ("dumb", "TERM='dumb' cannot move the cursor"),
        ("nonsense", "TERM='nonsense' is not a terminal type this system knows"),
    ],
)
def test_unusable_term_is_refused_with_the_fix(
    coach_home: Path, term: str | None, says: str
) -> None:
    result = run_interview(coach_home, term)
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""  # nothing was drawn: no alternate screen, no escape sequences
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: Terminal not supported: ")
    assert says in lines[0] and "TERM=xterm-256color" in lines[0]
    assert "\x1b" not in result.stderr and "Traceback" not in result.stderr


def test_a_typo_in_the_arguments_is_reported_first(coach_home: Path) -> None:
    """The argument error names what to fix in the command, whatever the terminal."""
    result = run_interview(coach_home, "dumb", "no-such-problem")
    assert result.returncode == 2
    assert "Unknown problem" in result.stderr and "Terminal not supported" not in result.stderr


@pytest.mark.parametrize("term", ["xterm", "xterm-256color", "screen-256color", "tmux-256color"])
def test_common_terminals_pass(term: str) -> None:
    assert problem(term) is None
