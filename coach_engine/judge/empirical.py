"""Empirical time complexity: time the solution at growing sizes and fit the series.

Two sandbox runs, both within a wall-clock budget:

1. **probe** — one input per size of the doubling ladder, smallest first, under a CPU budget.
   It finds where the solution becomes measurable and where (if anywhere) it becomes too slow.
2. **measure** — the sizes worth timing (measurable, affordable; past ``size_params.max`` when a
   fast solution is still too quick there; between the last finished size and the first
   too-slow one when few sizes finished), ``INPUTS`` inputs each, repeated ``REPEATS`` times in
   rounds. Per size the estimate is the worst input's best repeat: the best repeat is the one
   least disturbed by other load on the machine, the worst input is what big-O is about.

The fit (``coach_engine.judge.fit``) works on log time, i.e. on ratios between sizes.
"""

from __future__ import annotations

from dataclasses import dataclass

from coach_engine.judge import sizes as sizes_mod
from coach_engine.judge.fit import Fit, fit, implausible
from coach_engine.judge.models import EmpiricalReport, TimingPoint
from coach_engine.judge.plan import (
    COARSE_FLOOR_MS,
    FINE_FLOOR_MS,
    INPUTS,
    REPEATS,
    Clock,
    generate,
    plan_sizes,
)
from coach_engine.judge.timing import Runner, Sample, coarse, estimate, run_cases
from coach_engine.problems import Problem
from coach_engine.problems.build import case_size

MIN_NS_PER_OP = {"python": 0.3}  # others: 0.02 ns — generous, so only gross mismatches rule out
FIT_POINTS = 4  # largest sizes fitted: three doublings, an 8x span


@dataclass
class Measurement:
    report: EmpiricalReport
    fit: Fit | None


def measure(
    run: Runner,
    problem: Problem,
    language: str,
    code: str,
    budget_s: float,
    *,
    known_slow: tuple[int, float] | None = None,
) -> Measurement:
    """Time ``code`` on ``problem``'s generator within ``budget_s`` seconds of wall time.

    ``known_slow`` is ``(values, ms)`` when the tests already showed an input of that many
    values running out of ``ms``: the ladder stops below it instead of paying for it again.
    """
    clock = Clock(budget_s)
    dim = sizes_mod.dimension(problem)
    ladder = sizes_mod.ladder(problem)
    wall: tuple[int, float] | None = None
    if known_slow is not None:
        big = [n for n in ladder if (_values(problem, n) or 0) >= known_slow[0]]
        if big:
            wall = (big[0], known_slow[1])
            ladder = [n for n in ladder if n < big[0]]
    probe = generate(problem, [(n, 0) for n in ladder], clock, share=0.25)
    # CPU budgets are a fraction of the wall time left: the runner enforces them per process in
    # whole seconds and kills a case only at 1.5x its limit, and start-up and I/O cost wall time
    cpu = clock.left_ms() * 0.2
    probed = run_cases(run, problem, language, code, probe, case_ms=cpu / 4, total_ms=cpu)
    is_coarse = coarse(probed)
    plan, planned_cpu = plan_sizes(problem, probed, is_coarse, clock.left_ms() * 0.5, probe, wall)
    measured: list[Sample] = []
    if plan and clock.left_ms() > 300:
        cases = generate(problem, [(n, j) for n in plan for j in range(INPUTS)], clock, share=0.2)
        rounds = [c for _ in range(REPEATS) for c in cases]
        cpu = min(clock.left_ms() * 0.5, max(2 * planned_cpu, 300))
        top = max(estimate(probed, is_coarse).values(), default=1.0)
        measured = run_cases(run, problem, language, code, rounds,
                             case_ms=min(cpu, max(4 * top, 100)), total_ms=cpu)  # fmt: skip
        is_coarse = is_coarse or coarse(measured)
    # the measure run's repeated, warmed-up sizes replace the probe's single cold ones
    again = {s.n for s in measured}
    estimated = [s for s in probed if s.n not in again or s.status != "ok"] + measured
    if wall is not None:
        estimated.append(Sample(wall[0], 0, wall[1], "killed"))
    # fit on the measure run's repeated sizes plus the probe's sizes above them (too costly
    # to repeat, but where growth shows most); the probe's small sizes ran cold (JIT, caches)
    top = max(again, default=0)
    fit_on = [s for s in estimated if s.n in again or s.n > top]
    runs = 1 + bool(measured)
    result = report_for(estimated, fit_on, is_coarse, language, dim)
    _memory(result.report, probed + measured)
    result.report.runs, result.report.wall_ms = runs, round(clock.used_ms(), 1)
    return result


def _memory(report: EmpiricalReport, ordered: list[Sample]) -> None:
    """Memory per size: the high-water mark only grows within a process, so the first sample
    of a size, taken while sizes still ascend, is the peak up to and including that size."""
    first: dict[int, int] = {}
    for s in ordered:
        first.setdefault(s.n, s.memory_kb)
    for p in report.points:
        p.memory_kb = first.get(p.n, p.memory_kb)
    sized = [p for p in report.points if p.ms is not None and p.memory_kb > 0]
    if sized:
        report.peak_memory_kb = max(p.memory_kb for p in sized)
        report.baseline_memory_kb = sized[0].memory_kb


def _values(problem: Problem, n: int) -> int | None:
    args = sizes_mod.case(problem, n, 0)
    return case_size(args) if args is not None else None


def report_for(
    samples: list[Sample], fit_on: list[Sample], is_coarse: bool, language: str, dim: int
) -> Measurement:
    """Fit ``fit_on`` (sizes that ran out of time in ``samples`` bound it) and report."""
    floor = COARSE_FLOOR_MS if is_coarse else FINE_FLOOR_MS
    est = estimate(samples, is_coarse)
    fitted = estimate(fit_on, is_coarse)
    killed = sorted({s.n for s in samples if s.status == "killed"} - set(est))
    failed = sorted({s.n for s in samples if s.status == "failed"} - set(est))
    # the top of the series: at small sizes per-operation costs still change (caches, branch
    # predictors, call overhead), which bends the curve more than any log factor
    pts = [(n, t) for n, t in sorted(fitted.items()) if t >= floor][-FIT_POINTS:]
    faster = [(n, max(t, floor)) for n, t in sorted(fitted.items()) if t < floor]
    limit = min((s.ms for s in samples if s.status == "killed"), default=0.0)
    slower = [(n, max(limit, pts[-1][1] if pts else floor)) for n in killed[:1]]
    noise = 0.25 if is_coarse else 0.1
    # the whole series must be growth, not only its fitted top: a drop lower down means the
    # top sizes time another kind of input than the bottom ones
    above = [(n, t) for n, t in sorted(fitted.items()) if t >= floor]
    walls = [(n, min(s.ms for s in samples if s.n == n and s.status == "killed")) for n in killed]
    drop = implausible(above, faster, floor, walls)
    result = Fit(None, [], {}, None, "low", drop) if drop else fit(
        pts, slower_than=slower, faster_than=faster, dimension=dim, noise=noise,
        min_ns_per_op=MIN_NS_PER_OP.get(language, 0.02), resolution=floor)  # fmt: skip
    points = [
        _point(n, est, samples, floor, killed, failed) for n in sorted({s.n for s in samples})
    ]
    notes = []
    if is_coarse:
        notes.append("the sandbox clock is tick-based for this language: only calls of 20 ms+ "
                     "are timed precisely")  # fmt: skip
    if result.note:
        notes.append(result.note)
    report = EmpiricalReport(
        big_o=result.best.label if result.best else None,
        confidence=result.confidence,
        exponent=None if result.exponent is None else round(result.exponent, 2),
        consistent=[m.label for m in result.consistent],
        fitted=[n for n, _ in pts],
        points=[p for p in points if p is not None],
        fit_error=result.error,
        too_slow_at=killed[0] if killed else None,
        note="; ".join(notes),
    )
    return Measurement(report, result if result.best else None)


def _point(
    n: int,
    est: dict[int, float],
    samples: list[Sample],
    floor: float,
    killed: list[int],
    failed: list[int],
) -> TimingPoint | None:
    mine = [s for s in samples if s.n == n]
    memory = max((s.memory_kb for s in mine), default=0)
    if n in est:
        below = est[n] < floor
        return TimingPoint(n=n, ms=round(est[n], 3), samples=len(mine), memory_kb=memory,
                           status="below-resolution" if below else "ok")  # fmt: skip
    if n in killed:
        return TimingPoint(n=n, ms=None, samples=len(mine), status="too-slow", memory_kb=memory)
    if n in failed:
        return TimingPoint(n=n, ms=None, samples=len(mine), status="failed", memory_kb=memory)
    return None
