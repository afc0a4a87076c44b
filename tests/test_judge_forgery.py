"""Feedback that candidate code cannot forge (issue 12, item 6).

The judge's timing takes each case's time from the sandbox's supervisor where the driver's own
timing is not borne out; a class below the problem's lower bound is not believed; and, end to
end, O(n^2) code hidden behind ``exec`` with a patched clock does not score above the same brute
force written plainly.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pytest
from samples import BRUTE

from coach_engine.judge import judge
from coach_engine.judge.complexity import time_verdict
from coach_engine.judge.models import StaticComplexity
from coach_engine.judge.timing import run_cases
from coach_engine.problems import ProblemBank
from sandbox.runner import run
from sandbox.spec import RunRequest, RunResult, TestResult, Verdict


@pytest.fixture(scope="module")
def two_sum():
    return ProblemBank().get("two-sum")


def test_timing_reads_the_verified_call_time(two_sum) -> None:
    def fake(req: RunRequest) -> RunResult:
        timed = [
            TestResult(index=0, verdict=Verdict.WA, time_ms=40.0, call_ms=40.0),  # not borne out
            TestResult(index=1, verdict=Verdict.WA, time_ms=3.0, call_ms=2.5),  # borne out
            TestResult(
                index=2,
                verdict=Verdict.TLE,
                time_ms=900.0,
                call_ms=1.0,
                stderr="used 900 ms of CPU",
            ),  # fmt: skip
        ]
        warm = [TestResult(index=0, verdict=Verdict.WA, time_ms=50.0, call_ms=0.5)]
        tests = warm * (len(req.tests) - len(timed)) + timed  # a warm-up case, if any, first
        return RunResult(language="python", verdict=Verdict.WA, passed=0, total=len(tests),
                         tests=tests)  # fmt: skip

    args = [[1, 2, 3], 5]
    cases = [(3, 0, args), (3, 1, args), (3, 2, args)]
    samples = run_cases(fake, two_sum, "python", "x", cases, case_ms=500, total_ms=5000)
    assert [(s.ms, s.status) for s in samples] == [(40.0, "ok"), (2.5, "ok"), (900.0, "slow")]


def test_a_class_below_the_lower_bound_is_not_believed(two_sum) -> None:
    fooled = StaticComplexity(big_o="O(1)", confidence="low", evidence=["exec at line 3"])
    v = time_verdict(two_sum, None, fooled)
    assert v.big_o is None and v.versus_optimal != "better"
    assert "lower bound" in v.how and v.confidence == "low"
    honest = StaticComplexity(big_o="O(n^2)", confidence="high")
    assert time_verdict(two_sum, None, honest).versus_optimal == "worse"


HIDDEN = '''
import time
time.thread_time_ns = lambda: 0
time.process_time_ns = lambda: 0

class Solution:
    def twoSum(self, nums: List[int], target: int) -> List[int]:
        found = {}
        exec("""
for i in range(len(nums)):
    for j in range(i + 1, len(nums)):
        if nums[i] + nums[j] == target:
            found["ij"] = [i, j]
            break
    if found:
        break
""", {"nums": nums, "target": target, "found": found, "range": range, "len": len})
        return found["ij"]
'''


@pytest.mark.slow
async def test_hidden_quadratic_code_does_not_outscore_the_plain_brute_force(
    two_sum, tmp_path: Path
) -> None:
    runner = partial(run, cache_dir=tmp_path / "builds")
    hidden = await judge(two_sum, HIDDEN, "python", budget_s=8, runner=runner)
    plain = await judge(two_sum, BRUTE, "python", budget_s=8, runner=runner)
    t = hidden.complexity.time
    assert t.big_o != "O(1)" and t.versus_optimal != "better", t
    assert t.static is None or t.static.confidence == "low"
    assert hidden.overall_score <= plain.overall_score, (hidden.overall_score, plain.overall_score)
