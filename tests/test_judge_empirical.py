"""Empirical timing in the real sandbox: classes, a loaded machine, budgets, too-slow evidence."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest

from coach_engine.judge import classes as C, sizes
from coach_engine.judge.empirical import measure, report_for
from coach_engine.judge.timing import Sample, estimate, run_cases
from coach_engine.problems import ProblemBank
from sandbox.runner import run

LABELLED = Path(__file__).parent / "fixtures" / "judge_labelled"


@pytest.fixture(scope="module")
def bank() -> ProblemBank:
    return ProblemBank()


@pytest.fixture(scope="module")
def runner(shared_build_cache: Path):
    """The real sandbox, with the run's build cache (compiles paid once)."""
    return partial(run, cache_dir=shared_build_cache)


@pytest.fixture
def busy_cpu() -> Iterator[None]:
    """Two busy loops: on a 2-core machine every timed call competes for a core."""
    loops = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(2)]
    try:
        time.sleep(0.2)
        yield
    finally:
        for p in loops:
            p.kill()
            p.wait()


def classes_of(measured):
    assert measured.fit is not None and measured.fit.best is not None
    return measured.fit.best.big_o, {m.big_o for m in measured.fit.consistent}


@pytest.mark.slow
def test_linear_and_quadratic_are_told_apart_on_a_loaded_machine(bank, runner, busy_cpu) -> None:
    problem = bank.get("two-sum")
    linear = measure(runner, problem, "python", (LABELLED / "two-sum/optimal.py").read_text(), 3.0)
    quadratic = measure(runner, problem, "python", problem.brute(), 3.0)
    best, allowed = classes_of(linear)
    assert best in (C.LINEAR, C.N_LOG_N) and C.QUADRATIC not in allowed, linear.report
    best, allowed = classes_of(quadratic)
    assert best in (C.QUADRATIC, C.N2_LOG_N) and C.LINEAR not in allowed, quadratic.report


@pytest.mark.slow
def test_a_precise_clock_language_under_load(bank, runner, busy_cpu) -> None:
    problem = bank.get("two-sum")
    brute = measure(runner, problem, "go", (LABELLED / "two-sum/brute.go").read_text(), 3.0)
    best, allowed = classes_of(brute)
    assert best in (C.QUADRATIC, C.N2_LOG_N) and C.LINEAR not in allowed, brute.report


@pytest.mark.slow
def test_a_solution_too_slow_for_the_series_is_evidence(bank, runner) -> None:
    problem = bank.get("house-robber")
    code = (LABELLED / "house-robber/brute.py").read_text()
    measured = measure(runner, problem, "python", code, 3.0)
    assert measured.report.too_slow_at is not None
    best, _ = classes_of(measured)
    assert C.rank(best) >= C.rank(C.CUBIC), measured.report


@pytest.mark.slow
def test_the_series_stays_within_its_budget(bank, runner) -> None:
    problem = bank.get("two-sum")
    starts: list[float] = []

    def timed(*args, **kwargs):
        starts.append(time.perf_counter())
        return runner(*args, **kwargs)

    started = time.perf_counter()
    measured = measure(timed, problem, "python", problem.brute(), 1.5)
    elapsed = time.perf_counter() - started
    # What the budget controls: no run starts once the 1.5 s are spent (how long the last one
    # takes is the machine's load; the runner's per-process CPU limits bound it).
    assert starts and all(s - started < 1.5 for s in starts), [s - started for s in starts]
    assert measured.report.runs >= 1
    assert elapsed < 60 and measured.report.wall_ms < 60_000  # hang guards only


@pytest.mark.slow
def test_python_calls_shorter_than_a_tick_are_timed(bank, runner) -> None:
    problem = bank.get("two-sum")
    code = (LABELLED / "two-sum/optimal.py").read_text()
    cases = [(2000, 0, sizes.case(problem, 2000, 0)) for _ in range(6)]
    samples = run_cases(runner, problem, "python", code, cases, case_ms=1000, total_ms=5000)
    times = [s.ms for s in samples]
    assert all(t > 0 for t in times), times  # a lagging process clock reads 0 here
    assert max(times) < 5 * min(times), times


def test_input_dimension_is_measured_on_the_generator(bank) -> None:
    assert sizes.dimension(bank.get("two-sum")) == 1
    assert sizes.dimension(bank.get("number-of-islands")) == 2
    assert sizes.dimension(bank.get("coin-change")) == 0
    assert sizes.scalar_index(bank.get("coin-change")) == 1


def test_the_ladder_doubles_up_to_max_and_generation_past_it_is_checked(bank) -> None:
    problem = bank.get("valid-parentheses")
    ladder = sizes.ladder(problem)
    assert ladder[-1] == problem.size_params.max
    assert all(b // a in (1, 2) for a, b in zip(ladder, ladder[1:], strict=False))
    # this generator caps strings at its constraint: a "bigger" input that is not is refused
    assert sizes.case(problem, problem.size_params.max * 4, 0) is None


def test_a_size_whose_worst_input_did_not_finish_has_no_time() -> None:
    samples = [
        Sample(1500, 0, 0.4, "ok"),
        Sample(1500, 1, 61.0, "ok"),
        Sample(3000, 0, 0.8, "ok"),
        Sample(3000, 1, 100.0, "killed"),  # the slow input: the size's time is unknown
        Sample(6000, 0, 1.3, "ok"),
        Sample(6000, 1, 0.0, "skipped"),
        Sample(750, 0, 13.0, "ok"),
        Sample(750, 0, 0.0, "skipped"),  # a skipped repeat of a finished input is harmless
    ]
    assert estimate(samples, False) == {750: 13.0, 1500: 61.0}
    measured = report_for(samples, samples, False, "python", 1)
    assert measured.report.too_slow_at == 3000
    assert [p.status for p in measured.report.points if p.n == 6000] == []


def test_a_series_that_speeds_up_with_size_is_reported_inconclusive() -> None:
    samples = [Sample(n, 0, t, "ok") for n, t in [(375, 3.3), (750, 13.3), (1500, 0.31),
                                                  (3000, 0.61), (6000, 1.26)]]  # fmt: skip
    measured = report_for(samples, samples, False, "python", 1)
    assert measured.fit is None and measured.report.big_o is None
    assert "inconclusive" in measured.report.note
