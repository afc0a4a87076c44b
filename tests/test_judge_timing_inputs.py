"""The judge's timing inputs keep one shape at every size, on every problem of the bank.

A timing series measures growth only when input ``j`` is the same kind of input at every size.
For each bank problem, the python reference runs in the real sandbox on the judge's own timing
inputs (``sizes.case``: the doubling ladder and the sizes past ``max`` the judge may add), and
so does the brute force up to ``max`` (slow solutions are never timed past it); the CPU time,
best of three repeats, must never fall by ``FACTOR`` from a smaller size to a larger one. The
factor is generous and the times are CPU times of the call alone, so a loaded machine does not
make it fail; a generator that switches to an easier kind of input does (3sum's reference fell
from 14 ms at n = 750 to 0.3 ms at n = 1500; the brute forces of single-number, kth-largest,
daily-temperatures and valid-anagram fell 8-69x where their generators switch kinds).
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pytest

from coach_engine.judge import sizes
from coach_engine.judge.plan import INPUTS
from coach_engine.judge.timing import run_cases
from coach_engine.problems import ProblemBank
from coach_engine.problems.build import case_size
from sandbox.runner import run

FACTOR = 10.0  # a larger size this many times faster than a smaller one is another input kind
FROM_MS = 1.0  # only times well above the clock's resolution count
EXTENSION = 3  # doublings past size_params.max (the judge adds some for fast solutions)
MAX_VALUES = 200_000  # generation of bigger inputs costs more than it shows
CASE_MS = 1000.0  # generous: the first case of a run may be charged the run's start-up

BANK = ProblemBank()


@pytest.fixture(scope="module")
def runner(shared_build_cache: Path):
    return partial(run, cache_dir=shared_build_cache)


def timing_sizes(problem, extension: int = EXTENSION) -> list[int]:
    out = sizes.ladder(problem)
    n = out[-1]
    for _ in range(extension):
        n *= 2
        out.append(n)
    return out


def series(runner, problem, brute: bool = False) -> dict[int, list[tuple[int, float]]]:
    """Per input index ``j``: (n, best CPU ms) at every size that finished."""
    cases = []
    for n in timing_sizes(problem, 0 if brute else EXTENSION):
        for j in range(INPUTS):
            args = sizes.case(problem, n, j)
            if args is not None and case_size(args) <= MAX_VALUES:
                cases.append((n, j, args))
    # each input's repeats back to back: a budget cut ends the series, it never leaves a size
    # with one (possibly disturbed) sample
    rounds = [c for c in cases for _ in range(3)]
    code = problem.brute() if brute else problem.reference("python")
    samples = run_cases(runner, problem, "python", code, rounds,
                        case_ms=CASE_MS, total_ms=5_000)  # fmt: skip
    best: dict[tuple[int, int], float] = {}
    for s in samples:
        if s.status in ("ok", "slow"):
            best[(s.n, s.j)] = min(best.get((s.n, s.j), float("inf")), s.ms)
    out: dict[int, list[tuple[int, float]]] = {}
    for (n, j), ms in sorted(best.items()):
        out.setdefault(j, []).append((n, ms))
    return out


def drops(points: list[tuple[int, float]]) -> list[tuple[int, float, int, float]]:
    """(n, ms, larger n, its ms) wherever a larger size ran ``FACTOR`` times faster."""
    found = []
    for i, (n, ms) in enumerate(points):
        if ms < FROM_MS:
            continue
        found += [(n, ms, m, t) for m, t in points[i + 1 :] if t * FACTOR < ms]
    return found


def test_the_drop_rule_catches_a_kind_switch() -> None:
    assert [(a, b) for a, _, b, _ in drops([(750, 14.0), (1500, 0.3), (3000, 0.6)])] == [
        (750, 1500),
        (750, 3000),
    ]
    assert drops([(750, 14.0), (1500, 3.0), (3000, 60.0)]) == []
    assert drops([(750, 0.5), (1500, 0.01)]) == []  # below FROM_MS: resolution, not shape


def test_case_size_counts_values_in_rows_of_any_kind() -> None:
    # rows of scalars and of strings are counted at C speed; mixed rows item by item
    assert case_size([[1, None, 2.5, True], "ab", "", [["x", ""], []], None, 7]) == 9
    assert case_size([list(range(1000)) + [None] * 5]) == 1000
    assert case_size([["ab", "", "c"], [[], [None]]]) == 4
    assert (case_size(None), case_size(0), case_size(""), case_size([])) == (0, 1, 1, 0)


@pytest.mark.slow
@pytest.mark.parametrize("slug", BANK.slugs())
def test_the_reference_never_runs_much_faster_on_a_larger_timing_input(runner, slug) -> None:
    problem = BANK.get(slug)
    measured = series(runner, problem)
    assert measured, f"{slug}: no timing input finished"
    for j, points in measured.items():
        assert not drops(points), (slug, j, points)


@pytest.mark.slow
@pytest.mark.parametrize("slug", BANK.slugs())
def test_the_brute_force_never_runs_much_faster_on_a_larger_timing_input(runner, slug) -> None:
    problem = BANK.get(slug)
    measured = series(runner, problem, brute=True)
    assert measured, f"{slug}: no timing input finished"
    for j, points in measured.items():
        assert not drops(points), (slug, j, points)
