"""Cross-check the measured and the inferred complexity, and compare with the optimal approach.

Time: the timing fit gives the classes the measurements allow (often a pair such as O(n) and
O(n log n), which timing alone cannot tell apart); the static analysis names one class and the
lines behind it. When the static class is among those the timings allow, they agree and the
static class refines the measured one. When they disagree, the static class is kept unless the
timing fit is highly confident and the static one is not, and the disagreement is reported.
Without static analysis the optimal approach bounds the choice from below: no correct solution
beats it.

Space: the static class, with the process's peak memory at the largest timed size as a
measurement (it includes the input and the runtime, so it cannot by itself isolate extra space).
"""

from __future__ import annotations

from coach_engine.judge import classes as C
from coach_engine.judge.empirical import Measurement
from coach_engine.judge.fit import Fit
from coach_engine.judge.models import ComplexityReport, ComplexityVerdict, StaticComplexity
from coach_engine.judge.static_bridge import StaticView
from coach_engine.problems import Problem

_LEVEL = {"low": 0, "medium": 1, "high": 2}
_STATIC_HOW = "static analysis of where containers grow"


def optimal(problem: Problem) -> tuple[str | None, str | None]:
    """The (time, space) classes of the problem's optimal approach."""
    best = next(a for a in problem.approaches if a.optimal)
    return C.parse(best.time), C.parse(best.space)


def versus(actual: str | None, target: str | None) -> str:
    if actual is None or target is None:
        return "unknown"
    return ("better", "same", "worse")[C.compare(actual, target) + 1]


def time_verdict(
    problem: Problem, measured: Measurement | None, static: StaticComplexity | None
) -> ComplexityVerdict:
    opt, _ = optimal(problem)
    fit = measured.fit if measured else None
    report = measured.report if measured else None
    st = static if static is not None and static.big_o else None
    big_o, label, confidence, agreement = None, None, "low", "undetermined"
    if fit is not None and fit.best is not None:
        # per class, the label of its best-fitting model (two grid models rank as O(n^3))
        ranked = sorted(fit.consistent, key=lambda m: -fit.error.get(m.label, 0.0))
        allowed = {m.big_o: m.label for m in ranked}
        big_o, label, confidence = fit.best.big_o, fit.best.label, fit.confidence
        agreement = "empirical-only"
        if st is not None and st.big_o is not None:
            if st.big_o in allowed or _same_in_one_size(st.big_o, big_o):
                label = allowed.get(st.big_o, st.big_o)
                big_o, agreement = st.big_o, "agree" if _resolved(fit) else "consistent"
                confidence = max(confidence, st.confidence, key=_LEVEL.__getitem__)
            else:
                # only a clear measurement overrules the code: noisy timings (few sizes, a
                # loaded machine, inputs that vary in kind) are more often wrong than the code
                agreement = "disagree"
                if fit.confidence != "high" or st.confidence == "high":
                    big_o, label = st.big_o, st.big_o
                confidence = "low"
        elif opt is not None and C.rank(big_o) < C.rank(opt):
            # timing cannot resolve below the optimal class; no correct solution beats it
            floor = [m for m in fit.consistent if C.rank(m.big_o) >= C.rank(opt)]
            if floor:
                big_o, label = floor[0].big_o, floor[0].label
    elif st is not None:
        big_o, label, confidence, agreement = st.big_o, st.big_o, st.confidence, "static-only"
    return ComplexityVerdict(
        big_o=label,
        confidence=confidence,
        how=_how(report, st, agreement, label),
        agreement=agreement,
        empirical=report,
        static=static,
        optimal=opt,
        versus_optimal=versus(big_o, opt),
    )


def _resolved(fit: Fit) -> bool:
    """The timings pinned the polynomial degree (not merely bounded it)."""
    return bool(fit.error) and fit.confidence != "low"


def _same_in_one_size(static: str, measured: str) -> bool:
    """O(m·n) where the generator grows one size only (coins × amount) times as O(n)."""
    return static == C.M_N and measured in (C.LINEAR, C.QUADRATIC)


def class_of(verdict: ComplexityVerdict) -> str | None:
    """The ranking class of a verdict's label (``O((m·n)^2)`` ranks as ``O(n^3)``)."""
    label = verdict.big_o
    if label is None:
        return None
    return label if label in C.RANK else C.parse(label)


def space_verdict(
    problem: Problem, measured: Measurement | None, static: StaticComplexity | None
) -> ComplexityVerdict:
    _, opt = optimal(problem)
    report = measured.report if measured else None
    peak = report.peak_memory_kb if report else None
    st = static if static is not None and static.big_o else None
    how = _STATIC_HOW
    if st is not None and st.evidence:
        how += f" ({'; '.join(st.evidence[:2])})"
    if peak:
        base = report.baseline_memory_kb if report else None
        size = max((p.n for p in report.points if p.ms is not None), default=0) if report else 0
        how += f"; peak process memory {peak / 1024:.1f} MB at n = {size:,}"
        if base:
            how += f" (from {base / 1024:.1f} MB at the smallest size; input and runtime included)"
    return ComplexityVerdict(
        big_o=st.big_o if st else None,
        confidence=st.confidence if st else "low",
        how=how if st else "not determined: no static analysis" + how[len(_STATIC_HOW) :],
        agreement="static-only" if st else "undetermined",
        empirical=None,
        static=static,
        optimal=opt,
        versus_optimal=versus(st.big_o if st else None, opt),
        measured_memory_kb=peak,
    )


def _how(report: object, st: StaticComplexity | None, agreement: str, label: str | None) -> str:
    from coach_engine.judge.models import EmpiricalReport

    parts = []
    if isinstance(report, EmpiricalReport) and report.big_o:
        slow = f"; too slow at n = {report.too_slow_at:,}" if report.too_slow_at else ""
        if report.fit_error and len(report.fitted) >= 2:
            others = [c for c in report.consistent if c != report.big_o]
            lo, hi = report.fitted[0], report.fitted[-1]
            parts.append(
                f"timed at n = {lo:,}..{hi:,}: best fit {report.big_o}"
                + (f" (slope {report.exponent})" if report.exponent is not None else "")
                + (f", {', '.join(others)} within noise" if others else "")
                + slow
            )
        else:
            top = max((p.n for p in report.points if p.ms is not None), default=0)
            parts.append(
                "timing could not fit a class"
                + (f" (calls too fast to time up to n = {top:,})" if top else "")
                + slow
            )
    if st is not None:
        parts.append(
            f"static analysis: {st.big_o}" + (f" ({st.evidence[0]})" if st.evidence else "")
        )
    verdict = {
        "agree": f"they agree on {label}",
        "consistent": f"too fast to time precisely, consistent with {label}",
        "disagree": f"they disagree; reporting {label}",
        "empirical-only": f"measured only: {label}",
        "static-only": f"inferred only: {label}",
        "undetermined": "not determined",
    }[agreement]
    return "; ".join(parts + [verdict])


def build(
    problem: Problem, measured: Measurement | None, static: StaticView, dimension: int
) -> ComplexityReport:
    return ComplexityReport(
        time=time_verdict(problem, measured, static.time),
        space=space_verdict(problem, measured, static.space),
        input_dimension=dimension,
    )
