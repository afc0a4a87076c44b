"""End to end in a real terminal: the real `coach interview` entry point inside tmux, driven with
send-keys and read with capture-pane, as a person would use it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tui_support import GOOD

from coach_engine.api import list_problems, search_problems

# Right on the three visible examples (neighbouring pairs), wrong on most hidden tests.
NEIGHBOURS = (
    "class Solution:\n"
    "    def twoSum(self, nums, target):\n"
    "        for i in range(len(nums) - 1):\n"
    "            if nums[i] + nums[i + 1] == target:\n"
    "                return [i, i + 1]\n"
    "        return []\n"
)

pytestmark = [
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
    pytest.mark.slow,  # a real terminal, the real coach process: seconds of start-up and typing
]


def entry_point() -> list[str]:
    """`coach interview` once the lead has wired it into coach_cli.main; until then the same
    command function through `python -m coach_cli.interview_cmd`."""
    coach = Path(sys.executable).parent / "coach"
    if coach.exists():
        probe = subprocess.run(
            [str(coach), "interview", "--help"], capture_output=True, text=True, timeout=60
        )
        if "--watch" in probe.stdout:  # this command's own help
            return [str(coach), "interview"]
    return [sys.executable, "-m", "coach_cli.interview_cmd"]


class Tmux:
    def __init__(self, socket: str) -> None:
        self.socket = socket

    def __call__(self, *args: str) -> str:
        out = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=30
        )
        return out.stdout

    def screen(self) -> str:
        return self("capture-pane", "-p", "-t", "coach")

    def wait_for(self, text: str, timeout: float = 40.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared on screen:\n{self.screen()}")

    def wait_gone(self, text: str, timeout: float = 40.0) -> None:
        deadline = time.monotonic() + timeout
        while text in self.screen():
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} stayed on screen:\n{self.screen()}")
            time.sleep(0.2)

    def paste_code(self, path: Path, code: str, shown: str) -> None:
        """Replace the editor's code with ``code`` as a person would: the code tab, select all,
        delete, a bracketed paste; wait until ``shown`` (a line of it) is on screen."""
        self("send-keys", "-t", "coach", "F2")
        self.wait_for("class Solution:")
        self("send-keys", "-t", "coach", "F7")  # select all
        self("send-keys", "-t", "coach", "BSpace")
        self.wait_gone("class Solution:")
        path.write_text(code)
        self("load-buffer", "-b", "sol", str(path))
        self("paste-buffer", "-p", "-b", "sol", "-t", "coach")
        self.wait_for(shown)

    def submit(self) -> None:
        self("send-keys", "-t", "coach", "C-t")
        self.wait_for("Submit your solution?")
        self("send-keys", "-t", "coach", "y")

    def running(self) -> bool:
        """The program in the pane is alive (the pane stays after it exits, to show output)."""
        return self("display-message", "-p", "-t", "coach", "#{pane_dead}").strip() == "0"


def test_a_short_interview_in_tmux(coach_home: Path, tmp_path: Path) -> None:
    tmux = Tmux(f"coach-e2e-{os.getpid()}")
    command = " ".join([*entry_point(), "two-sum"])
    # COLUMNS/LINES would override the real terminal size (something in the test run sets them).
    env = f"-u COLUMNS -u LINES COACH_HOME={coach_home} TERM=xterm-256color"
    tmux("new-session", "-d", "-s", "coach", "-x", "120", "-y", "40", f"env {env} {command}")
    tmux("set-option", "-t", "coach", "remain-on-exit", "on")
    socket_path = tmux("display-message", "-p", "#{socket_path}").strip()
    try:
        tmux.wait_for("start coding.")  # the whole greeting has streamed
        assert "Two Sum" in tmux.screen() and "^r Run" in tmux.screen()

        tmux("send-keys", "-t", "coach", "-l", "I would use a hash map")
        tmux("send-keys", "-t", "coach", "Enter")
        tmux.wait_for("So you're thinking of the hash map")

        tmux("send-keys", "-t", "coach", "F2")
        tmux.wait_for("class Solution:")
        tmux("send-keys", "-t", "coach", "F7")  # select all
        tmux("send-keys", "-t", "coach", "BSpace")
        tmux.wait_gone("class Solution:")  # a person looks before pasting
        solution = tmp_path / "solution.py"
        solution.write_text(GOOD)
        tmux("load-buffer", "-b", "sol", str(solution))
        tmux("paste-buffer", "-p", "-b", "sol", "-t", "coach")  # a bracketed paste
        tmux.wait_for("return [seen[target - x], i]")

        tmux("send-keys", "-t", "coach", "C-r")
        screen = tmux.wait_for("3/3 passed")
        assert "✓ AC" in screen

        # custom input: the dialog opens on the first example; type another input and run it
        tmux("send-keys", "-t", "coach", "M-i")
        tmux.wait_for("Custom input · Two Sum")
        assert "[2,7,11,15]" in tmux.screen()
        tmux("send-keys", "-t", "coach", "F7")  # select all
        tmux("send-keys", "-t", "coach", "BSpace")
        tmux.wait_gone("[2,7,11,15]")
        tmux("send-keys", "-t", "coach", "-l", "[5,1,4]")
        tmux("send-keys", "-t", "coach", "Enter")
        tmux("send-keys", "-t", "coach", "-l", "9")
        tmux.wait_for("[5,1,4]")
        tmux("send-keys", "-t", "coach", "C-r")
        screen = tmux.wait_for("Same output as the reference")
        assert "Your output" in screen and "Expected (reference)" in screen
        assert screen.count("[0,2]") == 2, screen
        tmux("send-keys", "-t", "coach", "Escape")
        tmux.wait_gone("Custom input · Two Sum")

        # resubmit until accepted: a wrong submission leaves the interview open
        tmux.paste_code(solution, NEIGHBOURS, "if nums[i] + nums[i + 1] == target:")
        tmux.submit()
        screen = tmux.wait_for("Not accepted yet", timeout=90)
        assert "Submission 1: WA" in screen, screen
        tmux.paste_code(solution, GOOD, "return [seen[target - x], i]")
        tmux.submit()
        # accepted: the feedback screen (the real judge)
        tmux.wait_for("Two Sum · score", timeout=120)
        tmux("send-keys", "-t", "coach", "Escape")  # back to the interview, still in progress
        tmux.wait_for("^r Run")
        tmux("send-keys", "-t", "coach", "F3")  # the test results, then the submissions list
        tmux("send-keys", "-t", "coach", "l")
        screen = tmux.wait_for("Submissions (2)")
        assert "WA" in screen and "AC" in screen, screen
        tmux("send-keys", "-t", "coach", "Escape")
        tmux.wait_gone("Submissions (2)")

        # home (the interview pauses): search the problems, then sort by your acceptance.
        # Each key waits for the focus it moves: keys typed ahead of a focus change go to the
        # widget that had it (Textual queues them there), as they would for a fast typist.
        tmux("send-keys", "-t", "coach", "F9")
        tmux.wait_for("  Search title, slug, tag")  # home, the search box not focused
        tmux("send-keys", "-t", "coach", "/")
        tmux.wait_for("█Search title, slug, tag")  # focused: the accent bar
        tmux("send-keys", "-t", "coach", "-l", "dp")
        dp = search_problems(list_problems(), "dp")
        screen = tmux.wait_for(f"{len(dp)} of {len(list_problems())}")
        rows = [line for line in screen.splitlines() if " easy " in line or " medium " in line]
        assert "Climbing Stairs" in screen and not any("Two Sum" in r for r in rows), screen
        tmux("send-keys", "-t", "coach", "Escape")  # clears the query
        tmux.wait_for(f"{len(list_problems())} of {len(list_problems())}")
        tmux("send-keys", "-t", "coach", "Down")  # to the results
        tmux.wait_for("  Search title, slug, tag")
        tmux("send-keys", "-t", "coach", "o")
        screen = tmux.wait_for("by acceptance")
        assert "50%" in screen, screen  # two-sum: WA then AC

        tmux("send-keys", "-t", "coach", "C-q")
        deadline = time.monotonic() + 20
        while tmux.running() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not tmux.running(), "coach did not quit on ctrl+q"
    finally:
        tmux("kill-server")
        if socket_path:
            Path(socket_path).unlink(missing_ok=True)

    from coach_engine.engine import Engine

    with Engine.open() as engine:
        import asyncio

        session = asyncio.run(engine.sessions.most_recent_unfinished())
        assert session is not None and session.status.value == "PAUSED"
        code = asyncio.run(engine.sessions.latest_code(session.id))
        assert code is not None and code.code.strip() == GOOD.strip()
        runs = asyncio.run(engine.sessions.runs(session.id))
        custom = [r for r in runs if r.total == 1 and not r.is_submission]
        assert custom and custom[-1].tests[0].input == [[5, 1, 4], 9]
        assert custom[-1].verdict == "AC"  # the same output as the reference
        submissions = asyncio.run(engine.interview.submissions(session.id))
        assert [(s.verdict, s.code.strip()) for s in submissions] == [
            ("WA", NEIGHBOURS.strip()),
            ("AC", GOOD.strip()),
        ]
