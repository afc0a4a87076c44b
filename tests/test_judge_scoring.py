"""Rubric-weighted scoring from facts (no sandbox)."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach_engine.judge import classes as C
from coach_engine.judge.models import (
    CommunicationReport,
    ComplexityReport,
    ComplexityVerdict,
    CorrectnessReport,
    QualityFinding,
)
from coach_engine.judge.scoring import Facts, default_rubric, score
from coach_engine.models import Rubric
from coach_engine.store import SQLiteStore


def facts(
    *,
    verdict: str = "AC",
    passed: int = 10,
    time: str = C.LINEAR,
    optimal: str = C.LINEAR,
    findings: int = 0,
    talk: CommunicationReport | None = None,
    hints: int = 0,
    reveals: int = 0,
    failed_before: int = 0,
    counts: dict[str, int] | None = None,
) -> Facts:
    correctness = CorrectnessReport(
        verdict=verdict, passed=passed, total=10, visible_passed=min(passed, 3), visible_total=3,
        hidden_passed=max(0, passed - 3), hidden_total=7,
        verdict_counts=counts or ({"AC": passed} | ({verdict: 10 - passed} if passed < 10 else {})),
        failed_submissions_before_ac=failed_before,
    )  # fmt: skip
    cx = ComplexityReport(
        time=ComplexityVerdict(big_o=time, optimal=optimal),
        space=ComplexityVerdict(big_o=C.LINEAR, optimal=C.LINEAR),
    )
    quality = [
        QualityFinding(rule="naming", line=i + 1, severity="minor", message="short name")
        for i in range(findings)
    ]
    return Facts(correctness, cx, quality, [], True, talk, hints, reveals)


def by_name(results):
    return {r.name: r.score for r in results}


def test_a_perfect_solution_without_transcript_scores_100_on_the_rest() -> None:
    overall, results = score(facts(), default_rubric())
    assert overall == 100
    assert by_name(results)["communication"] is None  # not assessed, not zero


def test_weights_come_from_the_rubric() -> None:
    f = facts(time=C.QUADRATIC)
    rubric = default_rubric()
    only_time = [{"name": "time_complexity", "weight": 1.0}, {"name": "x", "weight": 0}]
    heavy = rubric.model_copy(update={"criteria": only_time})
    assert score(f, heavy)[0] == by_name(score(f, rubric)[1])["time_complexity"] == 50


def test_the_seeded_store_rubric_is_the_default(tmp_path: Path) -> None:
    store = SQLiteStore.open(tmp_path / "coach.db")
    try:
        stored = store.get_rubric("coding")
    finally:
        store.close()
    assert isinstance(stored, Rubric)
    assert [(c["name"], c["weight"]) for c in stored.criteria] == [
        (c["name"], c["weight"]) for c in default_rubric().criteria
    ]


def test_class_steps_cost_points_in_order() -> None:
    scores = [score(facts(time=t))[0] for t in (C.LINEAR, C.N_LOG_N, C.QUADRATIC, C.CUBIC)]
    assert scores == sorted(scores, reverse=True) and len(set(scores)) == 4


def test_a_fast_wrong_answer_is_capped_below_a_slow_right_one() -> None:
    wrong, _ = score(facts(verdict="WA", passed=9))
    slow, _ = score(facts(verdict="TLE", passed=7, time=C.QUADRATIC))
    assert wrong < slow
    results = by_name(score(facts(verdict="WA", passed=9))[1])
    assert results["time_complexity"] == 40 and results["approach"] == 40


def test_hints_and_reveals_cost_score() -> None:
    base, _ = score(facts())
    hinted, results = score(facts(hints=2))
    revealed, _ = score(facts(reveals=1))
    assert base > hinted > revealed
    assert by_name(results)["approach"] == 100 - 16


def test_failed_submissions_before_ac_cost_correctness() -> None:
    results = by_name(score(facts(failed_before=2))[1])
    assert results["correctness"] == 90


def test_code_quality_findings_cost_points() -> None:
    results = by_name(score(facts(findings=3))[1])
    assert results["code_quality"] == 100 - 18


@pytest.mark.parametrize("verdict", ["CE"])
def test_compile_error_scores_zero_correctness(verdict: str) -> None:
    results = by_name(score(facts(verdict=verdict, passed=0, counts={"CE": 10}))[1])
    assert results["correctness"] == 0 and results["approach"] == 20


def test_communication_counts_when_there_is_a_transcript() -> None:
    talk = CommunicationReport(candidate_messages=3)
    overall, results = score(facts(talk=talk), default_rubric())
    assert by_name(results)["communication"] == 0
    assert overall < 100
