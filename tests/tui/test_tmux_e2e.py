"""End to end in a real terminal: the real `coach interview` entry point inside tmux, driven with
send-keys and read with capture-pane, as a person would use it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from samples import BUGGY  # right on the visible examples, wrong on hidden tests
from tmux_driver import Tmux, entry_point, tmux_session  # noqa: F401  (Tmux re-exported)
from tui_support import GOOD

from coach_engine.api import list_problems, search_problems

pytestmark = [
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
    pytest.mark.slow,  # a real terminal, the real coach process: seconds of start-up and typing
]


def test_a_short_interview_in_tmux(coach_home: Path, tmp_path: Path) -> None:
    command = " ".join([*entry_point(), "two-sum"])
    # COLUMNS/LINES would override the real terminal size (something in the test run sets them).
    env = f"-u COLUMNS -u LINES COACH_HOME={coach_home} TERM=xterm-256color"
    with tmux_session(f"coach-e2e-{os.getpid()}", f"env {env} {command}") as tmux:
        tmux.wait_for("start coding.")  # the whole greeting has streamed
        assert "Two Sum" in tmux.screen() and "^r Run" in tmux.screen()

        tmux("send-keys", "-t", "coach", "-l", "I would use a hash map")
        tmux("send-keys", "-t", "coach", "Enter")
        tmux.wait_for("So you're thinking of the hash map")

        solution = tmp_path / "solution.py"
        tmux.paste_code(solution, GOOD, "return [seen[target - x], i]")  # a bracketed paste

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
        tmux.paste_code(solution, BUGGY, "if nums[i] + nums[i + 1] == target:")
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

        tmux.quit()

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
            ("WA", BUGGY.strip()),
            ("AC", GOOD.strip()),
        ]
