"""Driving a real terminal for the end-to-end tests: a private tmux server, keys sent with
send-keys, the screen read with capture-pane, as a person would use Coach.

Written once here for test_tmux_e2e, test_own_editor_tmux, test_tmux_remote and test_ssh
(``from tmux_driver import Tmux, tmux_session``; ``tests/tui`` is on ``sys.path``).
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


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
    """One tmux server (its own socket ``-L socket``); the program runs in session ``coach``."""

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

    def quit(self, timeout: float = 20.0, what: str = "coach did not quit on ctrl+q") -> None:
        """ctrl+q, then wait (``timeout`` guards a hang) until the program in the pane ended."""
        self("send-keys", "-t", "coach", "C-q")
        deadline = time.monotonic() + timeout
        while self.running() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not self.running(), what


@contextmanager
def tmux_session(socket: str, command: str | None = None) -> Iterator[Tmux]:
    """A tmux server on its own ``socket`` with a 120x40 session ``coach`` running ``command``
    (a shell line; None: a shell, for the test to respawn the pane with), the pane kept after
    the program exits so its last screen can be read. Afterwards the server is killed and its
    socket file removed, however the block ends."""
    tmux = Tmux(socket)
    program = [command] if command else []
    tmux("new-session", "-d", "-s", "coach", "-x", "120", "-y", "40", *program)
    tmux("set-option", "-t", "coach", "remain-on-exit", "on")
    socket_path = tmux("display-message", "-p", "#{socket_path}").strip()
    try:
        yield tmux
    finally:
        tmux("kill-server")
        if socket_path:
            Path(socket_path).unlink(missing_ok=True)
