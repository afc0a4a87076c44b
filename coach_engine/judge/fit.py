"""Fit timings at growing sizes against the big-O classes (pure; no sandbox here).

Each polynomial class is fitted as ``log t = c + log f(x)``: least squares with the exponent
fixed, so the only free parameter is the constant and the residual measures *shape*, not
speed. Working on log time makes the fit a fit of ratios between sizes, which is what survives a
noisy machine: a uniform slowdown shifts ``c`` and leaves the residuals alone. The exponential
class gets a free base (``log t = a + b·x``, fib-like recursions grow as 1.6^n, not 2^n).

Two kinds of one-sided evidence complete the points:

* ``slower_than``: a size that ran out of time is at least that slow — classes whose prediction
  there falls well short are penalised ("a solution too slow to finish the series").
* ``faster_than``: a size whose time is below the clock's resolution is at most that slow — and
  no class may need more basic operations there than the language can do in that time
  (``min_ns_per_op``), which rules out e.g. O(n) for a 4 µs call on 40,000 elements.

A series in which larger sizes run several times faster than a smaller one (and none grows
past it again) is not growth: the inputs changed kind between the sizes (a generator switching
to an easier shape, one input timed at one size and another at the next). Such a series is
reported *inconclusive* — no class, low confidence, a note naming the two sizes — rather than
fitted to a wrong class.

Half powers (O(√n), slope 0.5; O(n√n), slope 1.5) are fitted like the others but claimed only
on clear evidence, as a log factor is: when a whole neighbour half a degree away (O(1) or
O(log n) or O(n) for √n; O(n), O(n log n) or O(n^2) for n√n) fits within noise of the half
power, the whole class is the fit, so a noisy series does not swing between √n and log n from
one run to the next. The confidence of a whole class is measured against the other whole ones.

``dimension`` says how the input grows with ``n``: 1 for arrays and strings, 2 for an n×n grid
(classes are then named in cells, ``O(m·n)`` being exponent 2 in n), 0 for scalar inputs.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from coach_engine.judge import classes as C

DROP = 4.0
"""A larger size this many times faster than a smaller one makes a series inconclusive."""
DROP_MIN_RESOLUTIONS = 10.0
"""...counted only from a time this many clock resolutions long (noise dominates below)."""


@dataclass(frozen=True)
class Model:
    big_o: str  # one of coach_engine.judge.classes' labels, for ranking
    label: str
    power: float = 0.0  # exponent of x
    logs: int = 0  # power of log x
    exponential: bool = False

    def log_f(self, x: float) -> float:
        """ln f(x), f counted in basic operations."""
        if self.exponential:
            return x * math.log(1.5)  # only used for the speed bound: the slowest plausible base
        lx = math.log(max(x, 2.0))
        return self.power * lx + self.logs * math.log(max(lx / math.log(2), 1.0))


_ONE_D = (
    Model(C.CONSTANT, "O(1)"),
    Model(C.LOG, "O(log n)", logs=1),
    Model(C.SQRT, "O(√n)", 0.5),
    Model(C.LINEAR, "O(n)", 1),
    Model(C.N_LOG_N, "O(n log n)", 1, 1),
    Model(C.N_SQRT_N, "O(n√n)", 1.5),
    Model(C.QUADRATIC, "O(n^2)", 2),
    Model(C.N2_LOG_N, "O(n^2 log n)", 2, 1),
    Model(C.CUBIC, "O(n^3)", 3),
    Model(C.EXPONENTIAL, "O(2^n)", exponential=True),
)
_GRID = (  # x is the side of a square grid: m = n = x, cells = x^2 (√cells is the side: O(m+n))
    Model(C.CONSTANT, "O(1)"),
    Model(C.LOG, "O(log(m·n))", logs=1),
    Model(C.LINEAR, "O(m+n)", 1),
    Model(C.M_N, "O(m·n)", 2),
    Model(C.N2_LOG_N, "O(m·n log(m·n))", 2, 1),
    Model(C.CUBIC, "O(m·n·(m+n))", 3),
    Model(C.CUBIC, "O((m·n)^2)", 4),
    Model(C.EXPONENTIAL, "O(2^(m·n))", exponential=True),
)


def models_for(dimension: int) -> tuple[Model, ...]:
    return _GRID if dimension >= 2 else _ONE_D


@dataclass
class Fit:
    best: Model | None
    consistent: list[Model]
    error: dict[str, float] = field(default_factory=dict)
    exponent: float | None = None
    confidence: str = "low"
    note: str = ""
    points: list[tuple[float, float]] = field(default_factory=list)
    """The (size, ms) points fitted, by size (empty when the series was not fitted)."""


def _ols(xs: Sequence[float], ys: Sequence[float]) -> tuple[float, float, float]:
    """Slope, intercept and rms residual of ``y ~ a + b·x``."""
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx if sxx else 0.0
    a = my - b * mx
    rms = math.sqrt(sum((y - a - b * x) ** 2 for x, y in zip(xs, ys, strict=True)) / n)
    return b, a, rms


def _score(
    m: Model,
    pts: Sequence[tuple[float, float]],
    slower: Sequence[tuple[float, float]],
    faster: Sequence[tuple[float, float]],
) -> float:
    """rms log error of ``m`` on the points, with one-sided penalties for the bounds."""
    if m.exponential:
        if len(pts) < 3:
            return math.inf
        slope, c, rms = _ols([x for x, _ in pts], [math.log(t) for _, t in pts])
        if slope <= 0:
            return math.inf
        rms *= math.sqrt(len(pts) / (len(pts) - 1))  # one more free parameter than the others
    else:
        # weighted towards the larger sizes, where the growth term dominates constant costs
        # (call overhead, caches warming) that bend the small end of a series
        w = [1 + i / max(1, len(pts) - 1) for i in range(len(pts))]
        res = [math.log(t) - m.log_f(x) for x, t in pts]
        slope, c = 0.0, sum(wi * r for wi, r in zip(w, res, strict=True)) / sum(w)
        rms = math.sqrt(sum(wi * (r - c) ** 2 for wi, r in zip(w, res, strict=True)) / sum(w))

    def predict(x: float) -> float:
        return c + slope * x if m.exponential else c + m.log_f(x)

    sq, k = rms**2 * len(pts), len(pts)
    for x, lo in slower:  # it took at least `lo` here
        sq, k = sq + max(0.0, math.log(lo) - predict(x)) ** 2, k + 1
    low = min((x for x, _ in pts), default=0.0)
    for x, hi in faster:  # and at most `hi` here (below the fitted sizes caches and call
        if x >= low:  # overhead make calls faster than any extrapolation: not evidence)
            sq, k = sq + max(0.0, predict(x) - math.log(hi)) ** 2, k + 1
    return math.sqrt(sq / k)


def fit(
    points: Sequence[tuple[float, float]],
    *,
    slower_than: Sequence[tuple[float, float]] = (),
    faster_than: Sequence[tuple[float, float]] = (),
    dimension: int = 1,
    noise: float = 0.1,
    min_ns_per_op: float = 0.0,
    resolution: float = 0.05,
) -> Fit:
    """The class that best explains ``points`` ((size, ms) pairs, ms > 0).

    Args:
        points: measured sizes and times (the worst input's best repeat per size).
        slower_than: (size, ms) lower bounds from sizes that ran out of time.
        faster_than: (size, ms) upper bounds from sizes below the clock's resolution.
        dimension: how the input grows with n (see the module docstring).
        noise: expected rms log error of a correct model (~0.1 on a quiet machine).
        min_ns_per_op: the fastest a basic operation can be in this language; classes needing
            more operations than the measured time allows are ruled out (0 disables).
        resolution: the shortest time (ms) the clock measures well; drops in the series are
            judged only from times well above it.

    Returns:
        The best model, every model within the noise of it, rms errors and a confidence.
    """
    pts = [(float(x), float(t)) for x, t in points if t > 0 and x > 0]
    drop = implausible(pts, faster_than, resolution)
    if drop is not None:
        return Fit(None, [], {}, None, "low", drop)
    models = models_for(dimension)
    allowed = [m for m in models if not _too_fast(m, pts, faster_than, min_ns_per_op)]
    if not allowed:
        allowed = list(models)
    exponent = None
    if len({x for x, _ in pts}) >= 2:
        exponent, _, _ = _ols([math.log(x) for x, _ in pts], [math.log(t) for _, t in pts])
    if len(pts) < 2:
        return _bounds_only(allowed, pts, slower_than, faster_than, exponent)
    errors = {m.label: _score(m, pts, slower_than, faster_than) for m in allowed}
    best = min(allowed, key=lambda m: errors[m.label])
    floor = errors[best.label]
    tolerance = max(2 * noise, 1.5 * floor)
    consistent = [m for m in allowed if errors[m.label] <= tolerance]
    near = max(1.6 * floor, floor + noise / 2)
    if _half(best):
        # a half power is claimed only on clear evidence: √n and n√n lie between whole
        # neighbours that a short or noisy series cannot tell them from, and the nearer whole
        # class keeps the fit unless the half power fits clearly better (so one run's √n is
        # not the next run's log n)
        whole = [m for m in consistent if not _half(m) and abs(m.power - best.power) == 0.5]
        whole = [m for m in whole if errors[m.label] <= near]
        best = min(whole, key=lambda m: errors[m.label], default=best)
    plain = next((m for m in consistent if m.power == best.power and not m.logs), None)
    if best.logs and plain is not None and errors[plain.label] <= near:
        best = plain  # a log factor is within timing noise: claim it only on clear evidence
    # confidence is about the polynomial degree; log factors are the static analysis' call, and
    # a whole-power class is measured against the other whole powers (the half powers between
    # them are claimed only on clear evidence, above)
    others = [
        errors[m.label]
        for m in allowed
        if (m.power, m.exponential) != (best.power, best.exponential)
        and (_half(best) or not _half(m))
    ]
    runner_up = min(others, default=math.inf)
    margin = runner_up / max(floor, noise / 2)
    span = max(x for x, _ in pts) / min(x for x, _ in pts)
    if best.exponential:  # exponential growth needs a wide range of times, not of sizes
        span = min(8.0, math.log2(max(t for _, t in pts) / min(t for _, t in pts)))
    confidence = "high" if margin >= 3 else "medium" if margin >= 1.7 else "low"
    if len(pts) < 3 or span < 4:
        confidence = "low" if confidence == "low" or span < 2 else "medium"
    if floor > 3 * noise:
        confidence = "low"  # nothing fits well: say so rather than pick confidently
    shown = {k: round(v, 3) for k, v in errors.items() if math.isfinite(v)}
    return Fit(best, consistent, shown, exponent, confidence, points=sorted(pts))


def _half(m: Model) -> bool:
    """A half-power model (O(√n), O(n√n)): between two whole classes."""
    return not m.exponential and m.power % 1 == 0.5


def implausible(
    points: Sequence[tuple[float, float]],
    faster: Sequence[tuple[float, float]] = (),
    resolution: float = 0.05,
    slower: Sequence[tuple[float, float]] = (),
) -> str | None:
    """Why the series cannot be the growth of one input shape, or None when it can: a size
    ``DROP`` times faster than a smaller one that took well over the clock's resolution (or
    ran out of time), and no larger size as slow again. The last condition tells a change of
    input kind (every larger size stays fast) from a one-off disturbance of the smaller size
    (growth soon passes it). ``faster`` and ``slower`` are upper and lower bounds, as for
    ``fit``."""
    series = sorted(
        [(x, t, "point") for x, t in points]
        + [(x, t, "at most") for x, t in faster]
        + [(x, t, "at least") for x, t in slower]
    )
    for i, (a, ta, what) in enumerate(series):
        if what == "at most" or ta < DROP_MIN_RESOLUTIONS * resolution:
            continue
        later = [(x, t, k) for x, t, k in series[i + 1 :] if x > a]
        if any(t >= ta and k != "at most" for _, t, k in later):
            continue  # the series grows past it: a disturbance, or plain growth
        fast = next(((x, t) for x, t, k in later if k != "at least" and ta >= DROP * t), None)
        if fast is not None:
            x, t = fast
            took = "ran out of time" if what == "at least" else f"took {ta:.3g} ms"
            return (f"inconclusive: n = {x:,.0f} took {t:.3g} ms where n = {a:,.0f} {took} "
                    "(inputs of different kinds at different sizes, not growth)")  # fmt: skip
    return None


def _too_fast(
    m: Model,
    pts: Sequence[tuple[float, float]],
    faster: Sequence[tuple[float, float]],
    ns_per_op: float,
) -> bool:
    """True when ``m`` needs more operations somewhere than the time measured there allows."""
    if ns_per_op <= 0 or m.power == 0 and not m.exponential:
        return False
    for x, ms in [*pts, *faster]:
        if m.log_f(x) + math.log(ns_per_op * 1e-6) > math.log(3 * ms):
            return True
    return False


def _bounds_only(
    allowed: list[Model],
    pts: Sequence[tuple[float, float]],
    slower: Sequence[tuple[float, float]],
    faster: Sequence[tuple[float, float]],
    exponent: float | None,
) -> Fit:
    """Fewer than two measured sizes: keep the classes the bounds allow, lowest first."""
    if pts and slower:
        errors = {m.label: _score(m, pts, slower, faster) for m in allowed}
        keep = [m for m in allowed if errors[m.label] < 0.7]
        allowed = keep or allowed[-1:]
    note = "too few measurable sizes: the class is bounded, not fitted"
    return Fit(allowed[0] if allowed else None, allowed, {}, exponent, "low", note)
