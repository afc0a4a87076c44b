"""A second source of timings: the test run itself.

The hidden tests already span sizes (``size_params.random`` and ``max``), and the sandbox times
every one of them. When the budget leaves no room for a timing series — typically because a slow
solution spent it on the tests — these times still show how the solution grows, and the tests
that ran out of time bound it from below. One sample per test and no repeats, so the series is
used only when the dedicated one is missing.

A test's size is read from its arguments the way the generator builds them: the number of
values for arrays and strings, the side for square grids, the value of the size argument for
scalar problems (``amount`` in coin change).
"""

from __future__ import annotations

import math
from typing import Any

from coach_engine.judge import sizes
from coach_engine.judge.correctness import timed_out
from coach_engine.judge.empirical import Measurement, report_for
from coach_engine.judge.plan import COARSE_FLOOR_MS, FINE_FLOOR_MS
from coach_engine.judge.timing import Sample
from coach_engine.problems import Problem
from coach_engine.problems.build import case_size
from sandbox.spec import RunRequest, RunResult, Verdict

COARSE_LANGUAGES = ("python", "cpp")  # their drivers' clock lags in the test run (timing.py)


def size_of(problem: Problem, args: list[Any], dimension: int) -> int | None:
    """The ``n`` the generator would have used for ``args``."""
    if dimension == 0:
        idx = sizes.scalar_index(problem)
        value = args[idx] if idx is not None and idx < len(args) else None
        return value if isinstance(value, int) and value > 0 else None
    values = case_size(args)
    if dimension >= 2:
        return max(1, round(math.sqrt(values)))
    return max(1, values)


def from_tests(
    problem: Problem, request: RunRequest, result: RunResult, language: str, dimension: int
) -> Measurement | None:
    """A fit of the test run's own timings, or None when it holds too little to fit."""
    samples = []
    real_tle = {t.index for t in timed_out(result)}
    for t in result.tests:
        n = size_of(problem, request.tests[t.index].args, dimension)
        if n is None:
            continue
        if t.verdict in (Verdict.AC, Verdict.WA):
            samples.append(Sample(n, t.index, t.time_ms, "ok", t.memory_kb))
        elif t.index in real_tle:
            samples.append(Sample(n, t.index, float(problem.limits.time_ms), "killed"))
    coarse = language in COARSE_LANGUAGES
    floor = COARSE_FLOOR_MS if coarse else FINE_FLOOR_MS
    timed = {s.n for s in samples if s.status == "ok" and s.ms >= floor}
    if len(timed) < 3 and not (timed and any(s.status == "killed" for s in samples)):
        return None
    measured = report_for(samples, samples, coarse, language, dimension)
    if measured.fit is not None and measured.fit.confidence == "high":
        measured.fit.confidence = measured.report.confidence = "medium"  # one sample per size
    measured.report.note = "; ".join(
        x
        for x in (
            "timed from the test run (no budget left for a timing series)",
            measured.report.note,
        )
        if x  # fmt: skip
    )
    return measured
