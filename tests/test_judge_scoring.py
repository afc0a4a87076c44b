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
        time=ComplexityVerdict(big_o=time, optimal=optimal, confidence="high", agreement="agree"),
        space=ComplexityVerdict(big_o=C.LINEAR, optimal=C.LINEAR, confidence="high"),
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


# --- item 8: how the final class, the agreement and the comparison are chosen -----------------

BANK_TWO_SUM = None


def two_sum():
    global BANK_TWO_SUM
    if BANK_TWO_SUM is None:
        from coach_engine.problems import ProblemBank

        BANK_TWO_SUM = ProblemBank().get("two-sum")
    return BANK_TWO_SUM


def measured(power: float, sizes=(1250, 2500, 5000, 10000, 20000)):
    """A clean timing series growing as n^power, fitted as the judge fits it."""
    from coach_engine.judge.empirical import report_for
    from coach_engine.judge.timing import Sample

    samples = [Sample(n, 0, (n / 1250) ** power, "ok") for n in sizes]
    return report_for(samples, samples, False, "python", 1)


def static(big_o: str, confidence: str = "high"):
    from coach_engine.judge.models import StaticComplexity

    return StaticComplexity(big_o=big_o, confidence=confidence, evidence=["line 3: loop"])


def test_a_high_confidence_static_class_does_not_override_a_clean_measurement() -> None:
    from coach_engine.judge.complexity import time_verdict

    quadratic = measured(2)
    assert quadratic.fit is not None and quadratic.fit.confidence == "high"
    v = time_verdict(two_sum(), quadratic, static(C.LINEAR, "high"))
    assert (v.big_o, v.agreement, v.confidence) == (C.QUADRATIC, "disagree", "low")
    assert "disagree" in v.how and C.LINEAR in v.how and "best fit O(n^2)" in v.how


def test_a_noisy_measurement_yields_to_the_static_class_at_low_confidence() -> None:
    from coach_engine.judge.complexity import time_verdict

    few = measured(2, sizes=(5000, 10000))  # two sizes: not a clean fit
    assert few.fit is not None and few.fit.confidence != "high"
    v = time_verdict(two_sum(), few, static(C.LINEAR))
    assert (v.big_o, v.agreement, v.confidence) == (C.LINEAR, "disagree", "low")


def test_agreement_keeps_the_static_refinement_and_raises_confidence() -> None:
    from coach_engine.judge.complexity import time_verdict

    v = time_verdict(two_sum(), measured(1), static(C.N_LOG_N))
    assert v.agreement == "agree" and v.big_o == C.N_LOG_N and v.confidence == "high"


def test_an_accepted_solution_is_scored_on_the_favourable_side_of_a_dispute() -> None:
    from coach_engine.judge.complexity import time_verdict

    f = facts()
    f.complexity.time = time_verdict(two_sum(), measured(2), static(C.LINEAR))
    overall, results = score(f)
    time = next(r for r in results if r.name == "time_complexity")
    assert time.score == 100 and any("uncertain" in why for why in time.reasons)
    assert by_name(results)["approach"] == 100 and overall == 100
    # the same dispute on code that is too slow is charged as reported (it is not accepted)
    slow = facts(verdict="TLE", passed=7)
    slow.complexity.time = f.complexity.time
    assert by_name(score(slow)[1])["time_complexity"] == 50


def test_weak_timings_do_not_score_a_certain_brute_force_as_optimal() -> None:
    from coach_engine.judge.complexity import favourable, time_verdict

    # two sizes of a linear-looking series (a brute force exiting early on random tests) against
    # a high-confidence quadratic reading of the code: the code's class stands, and is charged
    few = measured(1, sizes=(5000, 10000))
    f = facts()
    f.complexity.time = time_verdict(two_sum(), few, static(C.QUADRATIC, "high"))
    assert (f.complexity.time.big_o, f.complexity.time.agreement) == (C.QUADRATIC, "disagree")
    assert favourable(f.complexity.time) == C.QUADRATIC
    assert by_name(score(f)[1])["time_complexity"] < 100
    # a lower static confidence leaves the dispute open: the favourable side
    f.complexity.time = time_verdict(two_sum(), few, static(C.QUADRATIC, "medium"))
    assert favourable(f.complexity.time) == C.LINEAR


def test_a_low_confidence_class_never_fails_accepted_code() -> None:
    f = facts(time=C.CUBIC)
    f.complexity.time.confidence = "low"
    f.complexity.time.agreement = "static-only"
    overall, results = score(f)
    assert by_name(results)["time_complexity"] == 100 and overall >= 70
    f.complexity.time.confidence = "high"  # certain: charged
    assert by_name(score(f)[1])["time_complexity"] == 20


def test_a_wrong_answer_is_never_compared_with_the_optimal_approach() -> None:
    from coach_engine.judge.advice import advise
    from coach_engine.judge.complexity import time_verdict

    constant = time_verdict(two_sum(), None, static(C.CONSTANT), comparable=False)
    assert constant.versus_optimal == "unknown"
    quadratic = time_verdict(two_sum(), None, static(C.QUADRATIC), comparable=False)
    assert quadratic.versus_optimal == "unknown"
    f = facts(verdict="WA", passed=4, time=C.LINEAR)
    f.complexity.time = quadratic
    strengths, weaknesses, _ = advise(f, two_sum())
    text = " ".join(strengths + weaknesses)
    assert "optimal" not in text and "better" not in text
    assert "against the optimal O(n) (" not in " ".join(
        r for c in score(f)[1] if c.name == "time_complexity" for r in c.reasons
    )


def test_failed_before_an_accepted_one_only_when_something_was_accepted() -> None:
    from coach_engine.judge.advice import advise

    def says(f) -> bool:
        return any("before an accepted one" in w for w in advise(f, two_sum())[1])

    assert says(facts(failed_before=2))  # this code is accepted
    never = facts(verdict="WA", passed=4, failed_before=2)
    never.correctness.prior_submissions = 2  # every submission failed, this one too
    assert not says(never)
    earlier = facts(verdict="WA", passed=4, failed_before=1)
    earlier.correctness.prior_submissions = 2  # the second earlier submission was accepted
    assert says(earlier)


def test_inconclusive_timing_leaves_the_static_class_at_lowered_confidence() -> None:
    from coach_engine.judge.complexity import time_verdict
    from coach_engine.judge.empirical import report_for
    from coach_engine.judge.timing import Sample

    pts = [(375, 3.3), (750, 13.3), (1500, 0.31), (3000, 0.61), (6000, 1.26)]
    samples = [Sample(n, 0, t, "ok") for n, t in pts]
    inconclusive = report_for(samples, samples, False, "python", 1)
    v = time_verdict(two_sum(), inconclusive, static(C.QUADRATIC, "high"))
    assert (v.big_o, v.agreement, v.confidence) == (C.QUADRATIC, "static-only", "medium")
    assert "timing inconclusive" in v.how


def test_an_optimal_class_in_several_sizes_bounds_from_below_at_linear_only() -> None:
    """group-anagrams' optimal O(n*L) ranks as quadratic, but its generator grows the number
    of strings and bounds their length: a clean O(n) measurement is the optimal approach, not
    a class below the problem's lower bound."""
    from coach_engine.judge.complexity import lower_bound, time_verdict
    from coach_engine.problems import ProblemBank

    bank = ProblemBank()
    anagrams = bank.get("group-anagrams")
    assert lower_bound(anagrams) == C.LINEAR
    assert lower_bound(bank.get("number-of-islands"), 2) == C.M_N  # a grid: both sides grow
    assert lower_bound(two_sum()) == C.LINEAR and lower_bound(bank.get("3sum")) == C.QUADRATIC
    v = time_verdict(anagrams, measured(1), static(C.N2_LOG_N))
    assert (v.big_o, v.agreement, v.versus_optimal) == (C.LINEAR, "disagree", "same")
    ladder = time_verdict(bank.get("word-ladder"), None, static(C.LINEAR))
    assert (ladder.big_o, ladder.versus_optimal) == (C.LINEAR, "same")


def test_a_steeper_measurement_overrules_the_code_only_when_it_is_affordable_work() -> None:
    """Python merge-intervals on a loaded machine once measured n^2 (0.25 ms at n = 1,250 to
    11 ms at n = 10,000) for code that sorts: 10^8 operations do not fit in 11 ms of Python, so
    the growth is overhead and the static O(n log n) stays. Real quadratic work does fit."""
    from coach_engine.judge.complexity import time_verdict
    from coach_engine.judge.empirical import report_for
    from coach_engine.judge.timing import Sample

    def series(times):
        sizes = (1250, 2500, 5000, 10000)
        samples = [Sample(n, 0, t, "ok") for n, t in zip(sizes, times, strict=True)]
        return report_for(samples, samples, False, "python", 1)

    overhead = series((0.25, 0.9, 3.5, 14.0))
    assert overhead.fit is not None and overhead.fit.best.big_o == C.QUADRATIC
    v = time_verdict(two_sum(), overhead, static(C.N_LOG_N), language="python")
    assert (v.big_o, v.agreement, v.confidence) == (C.N_LOG_N, "disagree", "low")
    work = series((25.0, 100.0, 400.0, 1600.0))
    v = time_verdict(two_sum(), work, static(C.N_LOG_N), language="python")
    assert (v.big_o, v.agreement, v.confidence) == (C.QUADRATIC, "disagree", "low")


def test_a_scalar_sized_problem_has_no_lower_bound_to_disbelieve() -> None:
    # climbing-stairs grows in the value of n (log n bits of input): fast doubling or a matrix
    # power in O(log n) beats the bank's O(n) DP honestly; an array problem keeps its bound.
    from coach_engine.judge.complexity import lower_bound, time_verdict
    from coach_engine.problems import ProblemBank

    stairs = ProblemBank().get("climbing-stairs")
    assert lower_bound(stairs, 0) is None
    v = time_verdict(stairs, None, static(C.LOG), dimension=0)
    assert v.big_o == C.LOG and "not believed" not in v.how
    assert v.versus_optimal == "better"
    assert lower_bound(two_sum(), 1) == C.LINEAR
    below = time_verdict(two_sum(), None, static(C.LOG), dimension=1)
    assert "not believed" in below.how


def test_timings_below_the_lower_bound_leave_the_analysis_that_respects_it() -> None:
    """A loaded machine once timed sort-based container-with-most-water flat (O(1)-looking
    series): no correct solution beats the problem's O(n) bound, so the timings are not believed
    — and the analysis's O(n log n), which respects the bound, is the class reported, not none.
    Code whose analysis is below the bound too (work hidden from it) keeps no class."""
    from coach_engine.judge.complexity import time_verdict

    flat = measured(0)
    assert flat.fit is not None and flat.fit.best.big_o == C.CONSTANT
    v = time_verdict(two_sum(), flat, static(C.N_LOG_N))
    assert (v.big_o, v.confidence) == (C.N_LOG_N, "low")
    assert "not believed" in v.how and "analysis's O(n log n)" in v.how
    hidden = time_verdict(two_sum(), flat, static(C.CONSTANT))
    assert hidden.big_o is None and hidden.agreement == "undetermined"
