"""Drills: generation from feedback (code drills verified in the sandbox), grading, SM-2, skills,
and `coach drills` end to end with answers from files."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from samples import judged_two_sum

from coach_engine.config import Config
from coach_engine.drills.grade import grade_text
from coach_engine.drills.schedule import quality, review
from coach_engine.engine import Engine
from coach_engine.models import (
    DrillStatus,
    DrillType,
)
from coach_engine.store import SQLiteStore
from sandbox.spec import RunRequest, RunResult
from tests.cli_in_process import run_in_process as in_process


def test_sm2_schedule() -> None:
    now = datetime(2026, 11, 25, tzinfo=UTC)
    first = review(0, 0, 2.5, 5, now)
    assert (first.repetitions, first.interval_days) == (1, 1.0)
    second = review(first.repetitions, first.interval_days, first.ease, 4, now)
    assert (second.repetitions, second.interval_days) == (2, 6.0)
    third = review(second.repetitions, second.interval_days, second.ease, 4, now)
    assert third.interval_days == pytest.approx(6.0 * second.ease, rel=0.01)
    lapse = review(third.repetitions, third.interval_days, third.ease, 1, now)
    assert (lapse.repetitions, lapse.interval_days) == (0, 1.0) and lapse.ease < third.ease
    assert lapse.due_at == now + timedelta(days=1)
    assert quality(100) == 5 and quality(100, hints_used=2) == 3 and quality(10) == 0


def test_text_grading_names_covered_and_missed_points() -> None:
    points = ["O(n^2) time", "O(1) space", "Hash map, one pass", "O(n)"]
    graded = grade_text(
        "Nested loops are O(n^2) time with O(1) space; a hash map one pass brings it to O(n).",
        points,
    )
    assert graded.score == 100
    partial = grade_text("It is quadratic, O(n^2) time.", points)
    assert partial.covered == ["O(n^2) time"] and 0 < partial.score < 50


async def test_generated_code_drills_are_verified_by_their_reference(tmp_path: Path) -> None:
    verified: list[str] = []

    def runner(request: RunRequest) -> RunResult:
        from sandbox.runner import run

        result = run(request)
        verified.append(result.verdict)
        return result

    engine = Engine(SQLiteStore.open(tmp_path / "d.db"), Config(), runner=runner)
    fb = await judged_two_sum(engine)  # weak criteria of every kind
    drills = await engine.drills.generate(fb.id)
    assert 3 <= len(drills) <= 5
    kinds = [d.drill_type for d in drills]
    assert DrillType.CODE_EXERCISE in kinds and DrillType.CONCEPT_REVIEW in kinds
    assert DrillType.MOCK_SCENARIO in kinds
    code = [d for d in drills if d.drill_type == DrillType.CODE_EXERCISE]
    assert all(d.problem_slug and d.problem_slug != "two-sum" for d in code)
    assert verified and all(v == "AC" for v in verified)  # each reference passed before use
    tags = {t for d in code for t in engine.bank.get(d.problem_slug or "").tags}
    assert "arrays-hashing" in tags  # aimed at the session problem's topic
    assert await engine.drills.generate(fb.id) == engine.store.list_drills(
        engine.user.id, feedback_run_id=fb.id
    )  # idempotent


async def test_answers_update_schedule_and_skills(tmp_path: Path) -> None:
    engine = Engine(SQLiteStore.open(tmp_path / "s.db"), Config())
    fb = await judged_two_sum(engine, {"time_complexity": 20, "correctness": 90})
    drills = await engine.drills.generate(fb.id)
    concept = next(d for d in drills if d.drill_type == DrillType.CONCEPT_REVIEW)
    hint = await engine.drills.hint(concept.id)
    assert hint
    outcome = await engine.drills.answer(
        concept.id, "It is O(n^2) time and O(1) space. A hash map, one pass, is O(n)."
    )
    assert outcome.score == 100
    assert outcome.drill.repetitions == 1 and outcome.drill.status == DrillStatus.PENDING
    assert outcome.drill.due_at > datetime.now(UTC) + timedelta(hours=20)
    skills = {s.skill: s for s in engine.store.list_skills(engine.user.id)}
    assert skills["complexity-analysis"].progress == 100
    skipped = await engine.drills.skip(drills[-1].id)
    assert skipped.status == DrillStatus.SKIPPED
    assert skipped.id not in [d.id for d in await engine.drills.queue()]


def _seed(coach_home: Path) -> dict[str, Any]:
    async def main() -> dict[str, Any]:
        with Engine.open() as engine:
            fb = await judged_two_sum(engine, {"time_complexity": 20, "correctness": 40})
            return {"session": fb.session_id}

    return asyncio.run(main())


def test_cli_drills_run_with_answers_from_files(
    coach: Any, coach_home: Path, tmp_path: Path
) -> None:
    seeded = _seed(coach_home)
    generated = json.loads(
        coach("drills", "generate", seeded["session"][:8], "--json", timeout=300).stdout
    )
    assert 3 <= len(generated) <= 5
    # the real coach for generating, running a code drill, showing and the refused run; the
    # other command lines in process (tests/cli_in_process.py)
    listed = json.loads(in_process("drills", "list", "--json").stdout)
    due = [d["due_at"] for d in listed]
    assert due == sorted(due)
    code = next(d for d in generated if d["drill_type"] == "code_exercise")
    concept = next(d for d in generated if d["drill_type"] == "concept_review")

    # the code drill, answered with the problem's own reference solution
    from coach_engine.problems import ProblemBank

    solution = tmp_path / "solution.py"
    solution.write_text(ProblemBank().get(code["problem_slug"]).reference("python"))
    proc = coach(
        "drills", "run", "--id", code["id"][:8], "--file", str(solution), "--json", timeout=300
    )
    assert proc.returncode == 0, proc.stderr
    (result,) = json.loads(proc.stdout)
    assert result["score"] == 100 and result["run"]["verdict"] == "AC"
    assert result["drill"]["repetitions"] == 1

    # the concept drill, with a partly right answer from a file
    answer = tmp_path / "answer.txt"
    answer.write_text("Checking every pair is O(n^2) time.")
    (result,) = json.loads(
        in_process(
            "drills", "run", "--id", concept["id"][:8], "--file", str(answer), "--json"
        ).stdout
    )
    assert 0 < result["score"] < 100
    assert any(line.startswith("missed:") for line in result["details"])
    assert result["drill"]["due_at"] > concept["due_at"]

    shown = coach("drills", "show", concept["id"][:8])
    assert shown.returncode == 0 and concept["title"] in shown.stdout
    assert in_process("drills", "skip", "ffffffff").returncode == 2
    due_now = json.loads(in_process("drills", "list", "--due", "--json").stdout)
    assert {d["id"] for d in due_now}.isdisjoint({code["id"], concept["id"]})  # reviewed: later
    many = coach("drills", "run", "--file", str(answer))
    if len(due_now) > 1:
        assert many.returncode == 2 and "add --id" in many.stderr
    assert in_process("drills", "generate", "abcdef12").returncode == 2
