"""Your own editor in a real terminal: `coach interview two-sum --watch` inside tmux, f12 hands
the terminal to a scripted $EDITOR (App.suspend, which the headless Pilot cannot do) and takes
its file back; then another editor saves the watched file and the TUI reloads it."""

from __future__ import annotations

import asyncio
import os
import shutil
import time
from pathlib import Path

import pytest
from tmux_driver import entry_point, tmux_session

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

FROM_EDITOR = "class Solution:\n    def twoSum(self, nums, target):\n        return [0, 1]\n"
FROM_WATCH = "class Solution:\n    def twoSum(self, nums, target):\n        return [1, 0]\n"


def test_editor_round_trip_and_watched_file_in_tmux(coach_home: Path, tmp_path: Path) -> None:
    given = tmp_path / "given"
    script = tmp_path / "editor.sh"
    # The 'editor' checks it owns a terminal (the app really suspended), keeps what it was
    # given and writes the new solution.
    script.write_text(
        "#!/bin/sh\n"
        f'[ -t 0 ] && [ -t 1 ] || {{ echo "no terminal" > "{given}"; exit 3; }}\n'
        f'cp "$1" "{given}"\n'
        f"cat > \"$1\" <<'EOF'\n{FROM_EDITOR}EOF\n"
    )
    script.chmod(0o755)
    command = " ".join([*entry_point(), "two-sum", "--watch"])
    env = f"-u COLUMNS -u LINES -u VISUAL COACH_HOME={coach_home} EDITOR={script} TERM=xterm"
    with tmux_session(f"coach-editor-{os.getpid()}", f"env {env} {command}") as tmux:
        tmux.wait_for("start coding")  # the greeting has streamed
        tmux("send-keys", "-t", "coach", "F2")
        screen = tmux.wait_for("f12 $EDITOR")
        watched = next((coach_home / "sessions").glob("*/solution.py"))
        assert "watching " in screen
        assert f"/{watched.name}" in screen and watched.parent.name[:12] in screen, screen
        tmux("send-keys", "-t", "coach", "F12")
        tmux.wait_for("return [0, 1]")
        assert "class Solution" in given.read_text()  # it got the code, in a real terminal

        time.sleep(0.05)
        watched.write_text(FROM_WATCH)  # another editor saves the file
        tmux.wait_for("return [1, 0]")

        tmux.quit()

    from coach_engine.engine import Engine

    async def stored() -> str | None:
        engine = Engine.open()
        try:
            session = await engine.sessions.most_recent_unfinished()
            assert session is not None
            snapshot = await engine.sessions.latest_code(session.id)
            return snapshot.code if snapshot else None
        finally:
            await engine.aclose()

    assert asyncio.run(stored()) == FROM_WATCH
