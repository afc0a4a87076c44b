"""`drills generate` stores a feedback's drills all or none: a failure or a kill after the first
insert leaves no partial set, and the next attempt generates the whole set."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from samples import judged_two_sum

from coach_engine.config import Config
from coach_engine.engine import Engine
from coach_engine.store import SQLiteStore
from coach_engine.store.sqlite.drills import SQLiteDrills
from sandbox.spec import RunRequest, RunResult

SCORES = {"correctness": 40, "time_complexity": 30, "communication": 55, "code_quality": 60}


def passing(request: RunRequest) -> RunResult:
    """Every reference passes (the sandbox itself is tested elsewhere)."""
    return RunResult(language=request.language, verdict="AC", passed=1, total=1)


class FailingDrills(SQLiteDrills):
    """Fails on the second drill insert, as a full disk or a constraint would."""

    inserted = 0

    def _insert(self, table: str, row: dict[str, Any]) -> None:
        if table == "drills":
            self.inserted += 1
            if self.inserted == 2:
                raise OSError(28, "No space left on device")
        super()._insert(table, row)


async def test_a_failure_after_the_first_insert_leaves_no_partial_set(tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    store = SQLiteStore.open(db)
    store.drills = failing = FailingDrills(store.connections)
    engine = Engine(store, Config(), runner=passing)
    fb = await judged_two_sum(engine, SCORES)
    with pytest.raises(OSError):
        await engine.drills.generate(fb.id)
    assert failing.inserted == 2  # the first drill was inserted before the failure
    assert engine.store.list_drills(engine.user.id, feedback_run_id=fb.id) == []

    retry = Engine(SQLiteStore.open(db), Config(), runner=passing)
    drills = await retry.drills.generate(fb.id)
    assert 3 <= len(drills) <= 5
    stored = retry.store.list_drills(retry.user.id, feedback_run_id=fb.id)
    assert sorted(d.id for d in stored) == sorted(d.id for d in drills)


KILLER = """
import asyncio, os, signal, sys
from coach_engine.config import Config
from coach_engine.engine import Engine
from coach_engine.store import SQLiteStore
from coach_engine.store.sqlite.drills import SQLiteDrills
from sandbox.spec import RunResult

class Killed(SQLiteDrills):
    n = 0
    def _insert(self, table, row):
        super()._insert(table, row)
        if table == "drills":
            self.n += 1
            if self.n == 2:  # two rows written, the set not finished: the process dies
                os.kill(os.getpid(), signal.SIGKILL)

def run(request):
    return RunResult(language=request.language, verdict="AC", passed=1, total=1)

from pathlib import Path
store = SQLiteStore.open(Path(sys.argv[1]))
store.drills = Killed(store.connections)
engine = Engine(store, Config(), runner=run)
asyncio.run(engine.drills.generate(sys.argv[2]))
"""


async def test_a_kill_mid_insert_leaves_no_partial_set(tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    engine = Engine(SQLiteStore.open(db), Config(), runner=passing)
    fb = await judged_two_sum(engine, SCORES)
    engine.close()
    proc = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(KILLER), str(db), fb.id],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == -9, proc.stderr
    after = Engine(SQLiteStore.open(db), Config(), runner=passing)
    assert after.store.list_drills(after.user.id, feedback_run_id=fb.id) == []
    assert 3 <= len(await after.drills.generate(fb.id)) <= 5
