"""Results that read true in the CLI, through the real ``coach`` entry point: ``coach run`` on a
compile error (the compiler's message, no table of tests that never ran) and on a timeout (the
time the test ran to, and the limit); ``coach show`` rendered by rich on a terminal, plain
markdown when piped or with ``--plain``."""

from __future__ import annotations

import asyncio
import os
import subprocess
from pathlib import Path
from typing import Any

from coach_engine.engine import Engine
from tests.conftest import coach_bin
from tests.test_export import rich_session

PY_CE = "class Solution:\n    def twoSum(self, nums, target)\n        return []\n"
PY_TLE = (
    "class Solution:\n    def twoSum(self, nums, target):\n        while True:\n            pass\n"
)
PY_WA = "class Solution:\n    def twoSum(self, nums, target):\n        return [0, 2]\n"


def solution(tmp_path: Path, code: str) -> str:
    path = tmp_path / "solution.py"
    path.write_text(code)
    return str(path)


def test_run_compile_error_prints_the_message_not_tests(coach: Any, tmp_path: Path) -> None:
    proc = coach("run", solution(tmp_path, PY_CE), "--problem", "two-sum")
    assert proc.returncode == 1, proc.stderr
    out = proc.stdout
    assert "CE 0/3 passed" in out
    assert "SyntaxError" in out and "line 2" in out  # the compiler's message
    assert "the 3 tests did not run" in out
    # no rows for tests that never ran: no times, no inputs, no table
    assert "0.0 ms" not in out and "null" not in out and "[[2, 7, 11, 15], 9]" not in out
    assert "┃" not in out and "│" not in out


def test_run_timeout_shows_the_time_it_ran_to(coach: Any, tmp_path: Path) -> None:
    proc = coach("run", solution(tmp_path, PY_TLE), "--problem", "two-sum")
    assert proc.returncode == 1, proc.stderr
    rows = [line for line in proc.stdout.splitlines() if "TLE" in line and "│" in line]
    assert len(rows) == 3, proc.stdout
    for row in rows:
        time = row.split("│")[3].strip()
        assert time.endswith("ms (limit 250)"), row  # two-sum's limit
        assert float(time.split(" ms")[0]) > 250  # the time it was stopped at, never 0.0


def test_run_wrong_answer_marks_the_first_difference(coach: Any, tmp_path: Path) -> None:
    # on a terminal (rich forced), with NO_COLOR: the mark is reverse+bold+underline, no colour
    proc = coach(
        "run",
        solution(tmp_path, PY_WA),
        "--problem",
        "two-sum",
        env={"FORCE_COLOR": "1", "NO_COLOR": "1", "TERM": "xterm"},
    )
    assert proc.returncode == 1, proc.stderr
    row = next(line for line in proc.stdout.splitlines() if "[[2, 7, 11, 15], 9]" in line)
    # expected [0, 1], actual [0, 2]: "1" and "2" marked
    assert "[0, \x1b[1;4;7m1\x1b[0m]" in row and "[0, \x1b[1;4;7m2\x1b[0m]" in row


def session_id() -> str:
    async def make() -> str:
        with Engine.open() as engine:
            return await rich_session(engine)

    return asyncio.run(make())


def on_a_terminal(*args: str) -> str:
    """``coach ARGS`` on a pseudo-terminal (``script``), its output as text."""
    command = " ".join([coach_bin(), *args])
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "120"}
    env.pop("NO_COLOR", None)
    proc = subprocess.run(
        ["script", "-qec", command, "/dev/null"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout


def test_show_renders_markdown_on_a_terminal(coach: Any) -> None:
    sid = session_id()
    shown = on_a_terminal("show", sid[:8])
    assert "\x1b[" in shown  # styled by rich
    assert "Transcript" in shown and "### Transcript" not in shown  # a heading, not its source
    assert "````" not in shown and "```" not in shown.replace("# ``` inside", "")  # code blocks
    assert "|---|" not in shown  # tables drawn as tables
    assert "─" in shown or "━" in shown
    assert "1/2 passed — 1 wrong answer" in shown
    assert "\x1b[" in shown.split("class")[1]  # the code is highlighted


def test_show_is_plain_markdown_piped_or_with_plain(coach: Any) -> None:
    sid = session_id()
    piped = coach("show", sid[:8])
    assert piped.returncode == 0, piped.stderr
    md = piped.stdout
    assert "\x1b[" not in md
    for text in (
        f"## Two Sum — {sid[:8]}",
        "### Transcript",
        "````python",
        "| field | value |",
        "### Submission 2: WA, 1/2 passed — 1 wrong answer (",
        "| 1 | AC | 1.50 ms |",
        "Remember duplicates.",
    ):
        assert text in md, text
    assert "Starter (python):" not in md  # the session, not the problem's starter
    plain = on_a_terminal("show", sid[:8], "--plain")
    assert "\x1b[" not in plain and "### Transcript" in plain
