"""`coach drills run` at a terminal: a code drill opens $EDITOR on the engine's starter, and what
the person saves is run in the sandbox and graded (real entry point, real pty, real sandbox)."""

from __future__ import annotations

import json
import os
import pty
import subprocess
from pathlib import Path

from coach_engine.models import Drill, DrillType
from coach_engine.store import SQLiteStore
from tests.conftest import coach_bin

TWO_SUM = (
    "class Solution:\n"
    "    def twoSum(self, nums: List[int], target: int) -> List[int]:\n"
    "        seen = {}\n"
    "        for i, x in enumerate(nums):\n"
    "            if target - x in seen:\n"
    "                return [seen[target - x], i]\n"
    "            seen[x] = i\n"
)


def _code_drill(home: Path) -> str:
    store = SQLiteStore.open(home / "coach.db")
    try:
        drill = Drill(
            user_id=store.default_user().id,
            title="Two Sum again",
            prompt="Solve it with a hash map.",
            drill_type=DrillType.CODE_EXERCISE,
            problem_slug="two-sum",
            language="python",
        )
        return store.add_drill(drill).id
    finally:
        store.close()


def test_a_code_drill_opens_the_editor_on_the_starter_and_grades_what_is_saved(
    coach_home: Path, tmp_path: Path
) -> None:
    drill_id = _code_drill(coach_home)
    answer = tmp_path / "answer.py"
    answer.write_text(TWO_SUM)
    seen = tmp_path / "starter-seen.py"
    # the "editor" keeps a copy of what it was opened on, then saves the answer over it
    editor = tmp_path / "editor.sh"
    editor.write_text(f'#!/bin/sh\ncp "$1" {seen}\ncp {answer} "$1"\n')
    editor.chmod(0o755)

    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [coach_bin(), "drills", "run", "--id", drill_id[:8]],
        stdin=follower,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "EDITOR": str(editor), "VISUAL": "", "COLUMNS": "200"},
    )
    os.close(follower)
    try:
        out, err = proc.communicate(timeout=180)
    finally:
        os.close(leader)
    assert proc.returncode == 0, err.decode()[-2000:]
    assert "def twoSum" in seen.read_text()  # the problem's python starter
    assert seen.read_text() != TWO_SUM
    assert "score" in out.decode()

    listed = subprocess.run(
        [coach_bin(), "drills", "list", "--all", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        env=os.environ,
    )
    drill = next(d for d in json.loads(listed.stdout) if d["id"] == drill_id)
    assert drill["attempts"] == 1 and drill["score"] is not None and drill["score"] >= 60
