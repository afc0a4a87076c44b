"""Work cannot move between tests: the supervisor hands the driver one case at a time.

The programs of ``hostile/lookahead.py`` cost ``n * UNIT_MS`` of CPU for input ``n``. The tests
are many cheap inputs and one expensive one (``EXPENSIVE * UNIT_MS``, 4x the limit). A program
that could see every input early would spread the run's work evenly (each test under the limit:
all AC) or do it all in the first call (the first test TLE, the expensive one free). Each must
get the honest verdicts instead: every cheap test AC, the expensive test TLE with its own CPU
shown, in bounded time, with small JSON output.

Assertions are on verdicts and CPU time, never on wall-clock margins.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hostile.lookahead import LOOKAHEAD, UNIT_MS
from hostile.support import LANGS, backend_or_skip, judge
from samples import BRUTE

from sandbox.spec import TestCase, Verdict

TIME_MS = 300
EXPENSIVE = 12  # 1200 ms of honest CPU
CHEAP = 8  # spread evenly, (8 + 12) * 100 / 9 = 222 ms a test: under the limit
JSON_CAP = 64 << 10


@pytest.fixture(scope="module")
def cache_dir(shared_build_cache: Path) -> Path:
    # the run's cache: a private one rebuilt Go's standard library (~15 s of CPU) and the C++
    # header on every xdist worker that got one of these tests
    return shared_build_cache


@pytest.fixture
def backend(cache_dir: Path) -> str:
    return backend_or_skip("bwrap", cache_dir)


def doubles(*ns: int) -> list[TestCase]:
    return [TestCase(args=[n], expected=2 * n) for n in ns]


def test_the_spread_would_pass_every_test_if_the_inputs_were_visible() -> None:
    """The attack is real: spread evenly, every test is under the limit."""
    assert (CHEAP + EXPENSIVE) * UNIT_MS / (CHEAP + 1) < TIME_MS < EXPENSIVE * UNIT_MS
    assert set(LOOKAHEAD) == {"read_ahead", "precompute", "cache"}
    assert all(set(by_lang) == set(LANGS) for by_lang in LOOKAHEAD.values())


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", ["read_ahead", "precompute"])
def test_no_test_can_be_worked_ahead(kind: str, lang: str, backend: str, cache_dir: Path) -> None:
    r = judge(lang, LOOKAHEAD[kind][lang], doubles(*[1] * CHEAP, EXPENSIVE), backend=backend,
              cache_dir=cache_dir, time_ms=TIME_MS, total_time_ms=20_000)  # fmt: skip
    *cheap, expensive = r.tests
    assert [t.verdict for t in cheap] == [Verdict.AC] * CHEAP, cheap
    assert expensive.verdict is Verdict.TLE, expensive
    assert expensive.time_ms >= TIME_MS, expensive  # its own work, measured from outside
    assert r.verdict is Verdict.TLE and r.passed == CHEAP
    assert len(r.model_dump_json()) < JSON_CAP


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_a_cache_across_tests_is_charged_where_the_work_was_done(
    lang: str, backend: str, cache_dir: Path
) -> None:
    """Answers kept in globals: a repeated input is honestly free the second time, and its
    work stays charged to the test that did it (nothing earlier could: the input was not
    there yet). A limit far above the work: a loaded machine's wall clock never ends a test."""
    r = judge(lang, LOOKAHEAD["cache"][lang], doubles(1, 3, 3, 1), backend=backend,
              cache_dir=cache_dir, time_ms=1000, total_time_ms=20_000)  # fmt: skip
    assert [t.verdict for t in r.tests] == [Verdict.AC] * 4, r.tests
    first, repeat = r.tests[1], r.tests[2]
    assert first.time_ms >= 3 * UNIT_MS * 0.9, first  # the work, measured from outside
    assert repeat.time_ms < UNIT_MS, repeat
    assert len(r.model_dump_json()) < JSON_CAP


PEEK = """import glob, select

class Solution:
    def twoSum(self, nums: List[int], target: int) -> List[int]:
        files = [p for p in glob.glob("*") if p.endswith(".json")]
        waiting = bool(select.select([0], [], [], 0)[0])
        print(f"ahead: files={files} stdin={waiting}")
        seen = {}
        for i, x in enumerate(nums):
            if target - x in seen:
                return [seen[target - x], i]
            seen[x] = i
        return []
"""


def test_coach_run_json_shows_a_solution_sees_no_input_ahead(coach: Any, tmp_path: Path) -> None:
    """Through the real entry point: at every call, no cases file and nothing waiting on stdin."""
    solution = tmp_path / "peek.py"
    solution.write_text(PEEK)
    proc = coach("run", str(solution), "--problem", "two-sum", "--json", timeout=180)
    result = json.loads(proc.stdout)
    assert result["verdict"] == "AC" and proc.returncode == 0, proc.stdout[-2000:]
    assert len(result["tests"]) >= 2
    for t in result["tests"]:
        assert t["stdout"] == "ahead: files=[] stdin=False\n", t


# The brute force (samples.BRUTE), answers kept across calls: the judge's timing repeats
# each input, and a repeat served from the cache costs O(n) (the key), not O(n^2).
CACHED_TWO_SUM = """
_memo = {}

class Solution:
    def twoSum(self, nums: List[int], target: int) -> List[int]:
        key = (tuple(nums), target)
        if key not in _memo:
            _memo[key] = []
            for i in range(len(nums)):
                for j in range(i + 1, len(nums)):
                    if nums[i] + nums[j] == target and not _memo[key]:
                        _memo[key] = [i, j]
        return _memo[key]
"""


@pytest.mark.slow
async def test_a_cache_across_the_judges_repeats_does_not_outscore_the_brute_force(
    tmp_path: Path,
) -> None:
    from functools import partial

    from coach_engine.judge import judge
    from coach_engine.problems import ProblemBank
    from sandbox.runner import run

    two_sum = ProblemBank().get("two-sum")
    runner = partial(run, cache_dir=tmp_path / "builds")
    cached = await judge(two_sum, CACHED_TWO_SUM, "python", budget_s=8, runner=runner)
    plain = await judge(two_sum, BRUTE, "python", budget_s=8, runner=runner)
    t = cached.complexity.time
    assert t.big_o == plain.complexity.time.big_o and t.versus_optimal != "better", t
    assert cached.overall_score <= plain.overall_score, (cached.overall_score, plain.overall_score)
