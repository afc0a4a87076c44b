"""``judge()`` end to end in the real sandbox: feedback shape, verdicts, budgets, degraded modes."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial
from pathlib import Path

import pytest

from coach_engine.feedback_jobs import FeedbackResult
from coach_engine.judge import Feedback, judge
from coach_engine.judge.transcript import parse
from coach_engine.models import CodeRun
from coach_engine.problems import ProblemBank
from sandbox.runner import run

LABELLED = Path(__file__).parent / "fixtures" / "judge_labelled"
PRODUCT_FIELDS = ("overall_score", "criterion_scores", "strengths", "weaknesses", "suggestions",
                  "detailed_feedback", "complexity")  # fmt: skip


@pytest.fixture(scope="module")
def two_sum():
    return ProblemBank().get("two-sum")


@pytest.fixture(scope="module")
def runner(shared_build_cache: Path):
    """The real sandbox, with the run's build cache (compiles paid once)."""
    return partial(run, cache_dir=shared_build_cache)


def code(rel: str) -> str:
    return (LABELLED / rel).read_text()


async def test_accepted_solution_gets_the_product_shape(two_sum, runner) -> None:
    fb = await judge(two_sum, code("two-sum/optimal.py"), "python", budget_s=4, runner=runner)
    assert isinstance(fb, Feedback)
    data = fb.model_dump(mode="json")
    FeedbackResult.model_validate({k: data[k] for k in PRODUCT_FIELDS})  # what the job stores
    assert fb.correctness.verdict == "AC" and fb.correctness.passed == fb.correctness.total
    assert fb.model == "offline-judge" and fb.prompt_id is None
    assert (fb.input_tokens, fb.output_tokens, fb.total_cost_usd) == (0, 0, 0.0)
    assert fb.latency_ms > 0 and set(fb.phases_ms) >= {"tests", "timing"}
    assert fb.complexity.time.big_o == "O(n)" and fb.complexity.time.optimal == "O(n)"
    assert fb.complexity.time.empirical is not None and fb.complexity.time.empirical.points
    assert "timed at" in fb.complexity.time.how
    assert set(fb.criterion_scores) <= {
        "approach",
        "correctness",
        "code_quality",
        "communication",
        "time_complexity",
        "space_complexity",
    }
    assert "communication" not in fb.criterion_scores  # no transcript: not assessed
    assert fb.overall_score >= 90 and fb.passed
    assert "### Time" in fb.detailed_feedback


async def test_wrong_answer_names_the_first_failing_case(two_sum, runner) -> None:
    fb = await judge(two_sum, code("two-sum/wrong.js"), "javascript", budget_s=3, runner=runner)
    ff = fb.correctness.first_failure
    assert fb.correctness.verdict == "WA" and ff is not None
    assert ff.input is not None and ff.expected is not None
    assert any(f"test {ff.index + 1}" in w for w in fb.weaknesses)
    assert fb.overall_score < 60


async def test_compile_error_is_feedback_not_an_exception(two_sum, runner) -> None:
    broken = "class Solution { public int[] twoSum(int[] nums, int target) { return nums }"
    fb = await judge(two_sum, broken, "java", budget_s=3, runner=runner)
    assert fb.correctness.verdict == "CE" and fb.criterion_scores["correctness"] == 0
    assert fb.correctness.compile_output
    assert any("does not compile" in n for n in fb.notes)


def _largest_timed(fb: Feedback) -> int:
    empirical = fb.complexity.time.empirical
    if empirical is None:  # the tests took the whole small budget: no series at all
        assert any("no timing" in n for n in fb.notes), fb.notes
        return 0
    return max((p.n for p in empirical.points if p.ms is not None), default=0)


async def test_a_small_budget_measures_less_and_still_classifies(two_sum, runner) -> None:
    # Wall time against the budget is a benchmark (bench/judge_bench.py), not a test: a loaded
    # machine stretches it. What the budget controls is how far the series goes.
    small = await judge(two_sum, two_sum.brute(), "python", budget_s=1.0, runner=runner)
    large = await judge(two_sum, two_sum.brute(), "python", budget_s=8.0, runner=runner)
    assert small.budget_s == 1.0 and large.budget_s == 8.0
    assert small.complexity.time.big_o == large.complexity.time.big_o == "O(n^2)"
    reached = [_largest_timed(fb) for fb in (small, large)]
    assert reached[0] <= reached[1] and reached[1] > 0, reached


async def test_without_static_analysis_timing_alone_decides(two_sum, runner) -> None:
    fb = await judge(
        two_sum, two_sum.brute(), "python", budget_s=5, runner=runner, static_analyzer=None
    )
    assert fb.complexity.time.agreement == "empirical-only"
    # timings alone cannot tell a log factor apart (complexity.py's tie rule leaves it to the
    # code); the degree is what they measure
    assert fb.complexity.time.big_o in ("O(n^2)", "O(n^2 log n)")
    assert "code_quality" not in fb.criterion_scores
    assert any("not installed" in n for n in fb.notes)


async def test_a_crashing_static_analyser_does_not_lose_the_feedback(two_sum, runner) -> None:
    def broken(code: str, language: str, function: str | None = None) -> object:
        raise RuntimeError("boom")

    fb = await judge(two_sum, code("two-sum/optimal.py"), "python", budget_s=3, runner=runner,
                     static_analyzer=broken)  # fmt: skip
    assert fb.correctness.verdict == "AC"
    assert any("failed: RuntimeError: boom" in n for n in fb.notes)


async def test_transcript_runs_and_hints_are_judged(two_sum, runner) -> None:
    transcript = parse(
        "me: Can nums hold duplicates?\ninterviewer: Yes.\n"
        "me: I will use a hash map of value to index, that is O(n log n) time.\n"
    )
    runs = [
        CodeRun(session_id="s", user_id="u", language="python", code="", verdict="WA",
                passed=20, total=33, is_submission=True,
                created_at=datetime(2026, 1, 1, tzinfo=UTC))
    ]  # fmt: skip
    fb = await judge(two_sum, code("two-sum/optimal.py"), "python", budget_s=3, runner=runner,
                     transcript=transcript, runs=runs, hints_used=1)  # fmt: skip
    talk = fb.communication
    assert talk is not None and talk.clarifying_questions and talk.approach_before_coding
    assert talk.stated_complexity_correct is False  # claimed O(n log n), measured O(n)
    assert any("Claimed" in w and "measured O(n)" in w for w in fb.weaknesses)
    assert fb.correctness.failed_submissions_before_ac == 1
    assert fb.correctness.session_verdicts == ["WA"]
    assert fb.criterion_scores["correctness"] == 95
    assert fb.criterion_scores["approach"] == 100 - 8


async def test_an_oversized_source_is_timed_without_static_analysis(two_sum, runner) -> None:
    # Static analysis grows about with the square of the source; a padded 40 KB solution must
    # not stall the feedback, and the notes say why the static side is missing.
    padded = code("two-sum/optimal.py") + "\n" + "# padding line of a long file\n" * 1400
    fb = await judge(two_sum, padded, "python", budget_s=3, runner=runner)
    assert fb.correctness.verdict == "AC"
    assert fb.complexity.time.agreement == "empirical-only"
    assert any("static analysis reads up to 32 KB" in n for n in fb.notes)
