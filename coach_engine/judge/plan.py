"""Planning a timing series: which sizes to time, and generating their inputs in budget.

The probe run tells how long each size of the doubling ladder takes (or that it ran out of
time); from that the measure run gets the largest sizes it can afford, sizes past
``size_params.max`` for a solution still too fast to time there, and, for a solution that hits
a wall after few measurable sizes, a finer ladder across that steep stretch (exponential
solutions grow 100-fold between two doublings). Costs are predicted by log-log interpolation.
"""

from __future__ import annotations

import math
import time

from coach_engine.judge import sizes as sizes_mod
from coach_engine.judge.timing import Sample, estimate
from coach_engine.problems import Problem
from coach_engine.problems.build import case_size

INPUTS, REPEATS = 2, 3  # inputs per size (the worst counts), repeats per input (the best counts)
FINE_FLOOR_MS, COARSE_FLOOR_MS = 0.05, 20.0  # shortest call a clock times well
TARGET_MS = {False: 8.0, True: 40.0}  # extend past max until a size takes this long (by clock)
MAX_EXTENSION = 6  # doublings past size_params.max
IO_MS_PER_VALUE = 0.002  # encoding, shipping and decoding one input value, both sides


class Clock:
    """Wall time left of a budget."""

    def __init__(self, budget_s: float) -> None:
        self.start = time.perf_counter()
        self.deadline = self.start + budget_s

    def left_ms(self) -> float:
        return max(0.0, (self.deadline - time.perf_counter()) * 1000)

    def used_ms(self) -> float:
        return (time.perf_counter() - self.start) * 1000


def generate(
    problem: Problem, wanted: list[tuple[int, int]], clock: Clock, share: float
) -> list[tuple[int, int, list[object]]]:
    """Generate the wanted inputs, ascending, while generation stays within its time share."""
    stop = clock.left_ms() * share
    begin = clock.used_ms()
    out = []
    for n, j in sorted(wanted):
        if clock.used_ms() - begin > stop:
            break
        args = sizes_mod.case(problem, n, j)
        if args is None:
            break  # the generator's range ends here; larger sizes would fail too
        out.append((n, j, args))
    return out


def plan_sizes(
    problem: Problem,
    probe: list[Sample],
    is_coarse: bool,
    budget_ms: float,
    cases: list[tuple[int, int, list[object]]],
    known_wall: tuple[int, float] | None,
) -> tuple[list[int], float]:
    """Sizes for the measure run and their predicted CPU ms: the largest measurable sizes that
    fit ``budget_ms``; past ``max`` for a fast solution; and, when few sizes are measurable
    before the solution runs out of time, a finer ladder across that steep stretch."""
    est = estimate(probe, is_coarse)
    floor = COARSE_FLOOR_MS if is_coarse else FINE_FLOOR_MS
    counts = {n: case_size(args) for n, _, args in cases} or {1: 1}
    dim, top = sizes_mod.dimension(problem), max(counts)
    walls = [(s.n, s.ms) for s in probe if s.status == "killed"]
    walls += [known_wall] if known_wall else []
    wall = min(walls, default=None)
    anchors = sorted(est.items()) + ([wall] if wall and wall[0] > max(est, default=0) else [])

    def cost(n: int) -> float:  # wall ms of one size in the measure run
        values = counts.get(n, counts[top] * (n / top) ** dim)
        return INPUTS * REPEATS * (1.3 * interpolate(anchors, n) + IO_MS_PER_VALUE * values)

    measurable = [n for n in sorted(est) if est[n] >= floor / 4 and cost(n) <= budget_ms / 3]
    chosen = measurable[-5:]
    while chosen and sum(map(cost, chosen)) > budget_ms:
        chosen.pop()
    if wall is not None and len(chosen) < 4:
        below = [n for n in sorted(est) if est[n] < floor]
        lo = below[-1] if below else min(est, default=max(1, wall[0] // 8))
        steps = {round(lo * (wall[0] / lo) ** (i / 8)) for i in range(1, 8)}
        for n in sorted(steps - set(chosen) - {lo, wall[0]}):
            if sum(map(cost, chosen)) + cost(n) <= budget_ms:
                chosen.append(n)
    elif wall is None and est:
        n = max(est)
        for _ in range(MAX_EXTENSION):
            if interpolate(anchors, n) >= TARGET_MS[is_coarse]:
                break
            n *= 2
            if sum(map(cost, chosen)) + cost(n) > budget_ms:
                break
            chosen.append(n)
    if len(chosen) < 3:  # keep a series to fit, even below the floor: bounds still help
        chosen = sorted(set(chosen) | set(sorted(est)[-3:]))
    chosen = sorted(set(chosen))
    return chosen, INPUTS * REPEATS * sum(interpolate(anchors, n) for n in chosen)


def interpolate(anchors: list[tuple[int, float]], n: int) -> float:
    """Predicted ms at ``n``: log-log interpolation between known sizes, extrapolated with the
    last stretch's slope (at least linear: a prediction should not undercount)."""
    pts = [(k, t) for k, t in anchors if t > 0]
    if not pts:
        return 0.0
    if len(pts) == 1:
        return pts[0][1] * n / pts[0][0]
    for (a, ta), (b, tb) in zip(pts, pts[1:], strict=False):
        if n <= b or (a, ta) == pts[0] and n < a:
            slope = max(math.log(tb / ta) / math.log(b / a), 0.0) if b != a else 1.0
            return float(ta * (n / a) ** slope)
    (a, ta), (b, tb) = pts[-2], pts[-1]
    slope = max(math.log(tb / ta) / math.log(b / a), 1.0) if b != a else 1.0
    return float(tb * (n / b) ** slope)
