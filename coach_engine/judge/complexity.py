"""Cross-check the measured and the inferred complexity, and compare with the optimal approach.

Time — the rule that picks the class, its confidence and the agreement label:

* The timing fit gives the classes the measurements allow (often a pair such as O(n) and
  O(n log n), which timing alone cannot tell apart); the static analysis names one class and the
  lines behind it.
* **agree / consistent**: the static class is among those the timings allow, or differs from the
  best fit by a log factor only (the tie rule: timings cannot tell n from n log n apart reliably,
  so which one fits better changes from run to run; log factors are the code's call), or by a half
  power (√n against 1, log n or n; n√n against n, n log n or n^2) that the timings do not rule out
  (``RULED_OUT``): a sublinear call is mostly overhead at the tiny-time end, and the fit claims a
  half power only on clear evidence. A best fit a half power *steeper* than the static class always
  ties: the memory hierarchy alone bends a series that much (per operation costs rising 2-3x over
  an 8x span as the working set leaves a cache). The static class is reported, at the higher of the
  two confidences (no more than medium for a half-power tie the timings did not fit within noise),
  as "agree" whether the timings fitted a class or only bounded it (calls too fast to time, or one
  size before a wall): how many sizes a budget affords changes between runs, the agreement does
  not; ``how`` and the confidence say how precise the timings were. ("consistent" is no longer
  emitted; stored feedback may still carry it.)
* **disagree**: the polynomial degrees differ (by more than the half-power tie). A clean
  measurement (a fit of medium or high confidence: several sizes over a wide span, and a class that
  fits them) that rules the static class out by a wide margin (``RULED_OUT``) is what the code did
  and is reported (without a log factor the timings cannot vouch for), whatever confidence the
  static analysis claims — if it is above the static class, only when its operation count is
  affordable in the time measured (``_affordable``: overhead bends a series upwards, it does not do
  work) and when each two-doubling stretch of the series is steeper than the static class
  (``_steady``: a cache boundary steepens one step, more work per element steepens all); otherwise
  the static class is. Either way the disagreement is said, both classes are named, and the
  confidence is "low". Between "allowed" (within noise) and "ruled out" lies a gap, so a series
  near one boundary does not flip the reported class from one judgement of the same code to the
  next.
* **inconclusive timing** (a series in which a larger size ran faster, ``fit.implausible``)
  counts as no measurement; the static class is then reported at no more than medium confidence.
* One source only: its class and confidence ("empirical-only", "static-only"). Without static
  analysis the optimal approach bounds the choice from below: no correct solution beats it.
  The bound is the optimal class in the one size the generator grows (``lower_bound``: a
  product of sizes such as O(n*L) is linear when the generator holds L bounded), and a class
  below it is not believed whatever its source.

A class is *uncertain* when the sources disagree or its confidence is low. Scoring
(``scoring.py``) charges accepted code only for certain classes: an uncertain one costs nothing
beyond the most favourable class the evidence allows (:func:`favourable`), so an accepted
solution is never failed on a disputed measurement.

The comparison with the optimal approach (``versus_optimal``) is made only for code whose
answers are right (accepted, or failing only on time or memory limits): a wrong answer is not
"better than optimal" however fast it runs.

Space: the static class, with the process's peak memory at the largest timed size as a
measurement (it includes the input and the runtime, so it cannot by itself isolate extra space).
"""

from __future__ import annotations

import math
import re

from coach_engine.judge import classes as C
from coach_engine.judge.empirical import Measurement
from coach_engine.judge.fit import Fit, Model, models_for
from coach_engine.judge.models import (
    ComplexityReport,
    ComplexityVerdict,
    EmpiricalReport,
    StaticComplexity,
)
from coach_engine.judge.static_bridge import StaticView
from coach_engine.problems import Problem

_LEVEL = {"low": 0, "medium": 1, "high": 2}
_SIZE_NAME = re.compile(r"\b(?!log\b|min\b|max\b|sqrt\b)[A-Za-z]\w*")
_STATIC_HOW = "static analysis of where containers grow"
INCONCLUSIVE = "inconclusive"  # how fit.implausible's note starts
OVERRIDE_NS_PER_OP = {"python": 1.0, "javascript": 0.1, "java": 0.1, "go": 0.1, "cpp": 0.05}
"""The least a basic operation costs, per language, for a measured class to overrule a lower
static one (a Python bytecode costs 10-50 ns, a compiled loop step 0.3-1 ns: these are several
times below, so real work always passes)."""
RULED_OUT = 0.5
"""rms log error (a factor of ~1.6 on average) past which timings exclude a class; a class off
by one degree misses an 8x series by ~0.6, the right one fits within ~0.1."""
STEADY = 0.4
"""The share of the gap between a steeper measured class and the static class that every
stretch of the series must show for the static class to be ruled out (``_steady``)."""
SPAN = 3.5
"""The stretch ``_steady`` judges: two doublings (sizes come from a doubling ladder)."""


def optimal(problem: Problem) -> tuple[str | None, str | None]:
    """The (time, space) classes of the problem's optimal approach."""
    best = next(a for a in problem.approaches if a.optimal)
    return C.parse(best.time), C.parse(best.space)


def lower_bound(problem: Problem, dimension: int = 1) -> str | None:
    """The least class the optimal approach takes in the one size the generator grows.

    An optimal class in several size variables (``O(n*L)``, ``O(a*k)``, ``O(N*L^2)``,
    ``O(m*n)``) is ranked by its total degree, but a generator that grows one size may hold
    the others bounded (word length, the coin count): measured in that size the approach is
    then linear. So such a product bounds the class from below at O(n) only — except on a grid
    (``dimension`` 2), where both sides grow. A class in one variable is its own bound.

    When the size that grows is a number's value (``dimension`` 0: climbing-stairs' ``n``, an
    amount), the input is only log n bits, and closed forms, fast doubling or matrix powers can
    beat the bank's optimal approach: there is no bound then."""
    if dimension == 0:
        return None
    best = next(a for a in problem.approaches if a.optimal)
    opt = C.parse(best.time)
    if opt is None or dimension >= 2 or C.rank(opt) <= C.rank(C.LINEAR):
        return opt
    body = best.time.strip()[2:-1] if best.time.strip()[:2].upper() == "O(" else best.time
    names = set(_SIZE_NAME.findall(body))
    product = len(names) >= 2 and not re.search(r"\bmin\b|\+", body)
    return C.LINEAR if product and opt != C.EXPONENTIAL else opt


def versus(actual: str | None, target: str | None, floor: str | None = None) -> str:
    """better / same / worse than ``target``; a class between ``floor`` (the lower bound in
    the generator's size) and ``target`` is the same approach measured in that size."""
    if actual is None or target is None:
        return "unknown"
    if floor is not None and C.rank(floor) <= C.rank(actual) < C.rank(target):
        return "same"
    return ("better", "same", "worse")[C.compare(actual, target) + 1]


def time_verdict(
    problem: Problem,
    measured: Measurement | None,
    static: StaticComplexity | None,
    *,
    comparable: bool = True,
    dimension: int = 1,
    language: str = "cpp",
) -> ComplexityVerdict:
    """The time class by the rule of the module docstring; ``comparable`` is False for code
    that gives wrong answers (no comparison with the optimal approach then)."""
    opt, _ = optimal(problem)
    bound = lower_bound(problem, dimension)
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
            in_one_size = any(_same_in_one_size(st.big_o, c) for c in (big_o, *allowed))
            if st.big_o in allowed or _tie(st.big_o, fit) or in_one_size:
                label = allowed.get(st.big_o, st.big_o)
                big_o, agreement = st.big_o, "agree"
                confidence = max(confidence, st.confidence, key=_LEVEL.__getitem__)
                if st.big_o not in allowed and _half_apart(st.big_o, fit):
                    # a half power apart and not ruled out: agreed, but the timings did not
                    # fit the code's class, so no more than medium
                    confidence = min(confidence, "medium", key=_LEVEL.__getitem__)
            else:
                # a clean measurement that rules the code's class out is what the code did,
                # whatever the analysis claims; noisy timings (few sizes, a loaded machine) are
                # more often wrong than the code
                agreement = "disagree"
                clean = fit.confidence != "low" and report is not None and len(report.fitted) >= 3
                model = _plain(fit)
                if clean and _ruled_out(st.big_o, fit) and _affordable(model, st, report, language):
                    big_o, label = model.big_o, model.label
                else:
                    big_o, label = st.big_o, st.big_o
                confidence = "low"
        elif bound is not None and C.rank(big_o) < C.rank(bound):
            # timing cannot resolve below the optimal class; no correct solution beats it
            floor = [m for m in fit.consistent if C.rank(m.big_o) >= C.rank(bound)]
            if floor:
                big_o, label = floor[0].big_o, floor[0].label
    elif st is not None:
        big_o, label, confidence, agreement = st.big_o, st.big_o, st.confidence, "static-only"
        if report is not None and _inconclusive(report):
            confidence = min(confidence, "medium", key=_LEVEL.__getitem__)
    how = _how(report, st, agreement, label)
    if big_o is not None and bound is not None and C.rank(big_o) < C.rank(bound):
        # no correct solution beats the problem's lower bound: the code hid its work from the
        # analyser (exec, reflection) or from the clock. Suspicious, never "better than optimal":
        # the timings' own best class where it respects the bound (measured from outside the
        # program), else undetermined
        how += f"; {label} is below this problem's lower bound {bound}: not believed"
        best = fit.best if fit is not None else None
        if st is not None and st.big_o is not None and C.rank(st.big_o) >= C.rank(bound):
            # the timings were wrong (noise on a loaded machine, too few sizes), since no
            # correct solution beats the bound; the analysis, which respects it, stands
            big_o, label = st.big_o, st.big_o
            how += f", the analysis's {label} is reported"
        elif best is not None and C.rank(best.big_o) >= C.rank(bound):
            big_o, label = best.big_o, best.label
            how += f", the timings' {label} is reported"
        else:
            big_o = label = None
            agreement = "undetermined"
        confidence = "low"
    return ComplexityVerdict(
        big_o=label,
        confidence=confidence,
        how=how,
        agreement=agreement,
        empirical=report,
        static=static,
        optimal=opt,
        versus_optimal=versus(big_o, opt, bound) if comparable else "unknown",
    )


def uncertain(verdict: ComplexityVerdict) -> bool:
    """The class is disputed (timing and code disagree) or of low confidence."""
    return verdict.big_o is not None and (
        verdict.agreement == "disagree" or verdict.confidence == "low"
    )


def favourable(verdict: ComplexityVerdict) -> str | None:
    """The lowest-ranked class the evidence allows: for a disagreement the better of the
    measured and the static class; for a low-confidence class, the optimal approach's (a guess
    is not evidence against accepted code); otherwise the reported class.

    A disagreement in which the timings were too weak to override a high-confidence static
    class (the verdict reports the static class: few sizes, or a series from the tests, whose
    inputs are not the worst case) is not evidence for the timings' class: a brute force that
    exits early on random tests is still the brute force."""
    actual = class_of(verdict)
    if actual is None or not uncertain(verdict):
        return actual
    if verdict.agreement != "disagree":
        return verdict.optimal or actual
    st = verdict.static
    if st is not None and st.big_o == actual and st.confidence == "high":
        return actual
    candidates = [actual]
    if st is not None and st.big_o in C.RANK:
        candidates.append(st.big_o)
    emp = verdict.empirical
    if emp is not None and emp.big_o:
        measured = emp.big_o if emp.big_o in C.RANK else C.parse(emp.big_o)
        candidates += [measured] if measured else []
    return min(candidates, key=C.rank)


_DEGREE = {
    C.CONSTANT: 0.0,
    C.LOG: 0.0,
    C.SQRT: 0.5,
    C.LINEAR: 1.0,
    C.N_LOG_N: 1.0,
    C.N_SQRT_N: 1.5,
    C.QUADRATIC: 2.0,
    C.M_N: 2.0,
    C.N2_LOG_N: 2.0,
    C.CUBIC: 3.0,
    C.EXPONENTIAL: math.inf,
}


def _degree(big_o: str) -> float:
    """The polynomial degree of a class, log factors dropped (exponential: infinite)."""
    return _DEGREE[big_o]


def _tie(static: str, fit: Fit) -> bool:
    """The tie rule between neighbouring classes: the static class differs from the best fit
    by a log factor only. Timings on an 8x span cannot tell n from n log n apart reliably (the
    two fit within noise of each other, and which one fits better changes from run to run), so
    the log factor is the code's call and the two sources agree. A half power apart that the
    timings do not rule out is a tie too (``_half_apart``)."""
    best = fit.best
    if best is None or best.exponential:
        return False
    return _degree(static) == _degree(best.big_o) or _half_apart(static, fit)


def _half_apart(static: str, fit: Fit) -> bool:
    """The static class and the best fit are a half power apart — O(√n) against O(1),
    O(log n) or O(n); O(n√n) against O(n), O(n log n) or O(n^2) — and the timings do not rule
    the static class out (``_ruled_out``). Sublinear calls are short, so call overhead flattens
    their series at the tiny-time end, and over an 8x span √n against log n is a ratio of 2.8
    against 1.3 in times of microseconds; half a degree misses an 8x series by ~0.3, inside
    the gap between "allowed" and "ruled out", where a whole degree's miss would be a
    disagreement. The code's class is then taken, as for a log factor."""
    best = fit.best
    if best is None or best.exponential:
        return False
    gap = _degree(best.big_o) - _degree(static)
    if abs(gap) != 0.5:
        return False
    # steeper by a half power is what the memory hierarchy does to a series: per-operation
    # costs rise 2-3x over an 8x span as the working set leaves a cache (a JS tree walk here:
    # 18 ns a node up to 10,000 nodes, 44 ns at 40,000), which is n√n against n; it never
    # rules the code's class out
    return gap > 0 or not _ruled_out(static, fit)


def _ruled_out(static: str, fit: Fit) -> bool:
    """The timings exclude the static class by a wide margin: its model misses them by more
    than ``RULED_OUT`` in rms log time and by twice the best model's miss (or it needs more
    operations than the time allows). The gap between "within noise" (allowed) and this keeps
    a series near one boundary from flipping the reported class between runs."""
    # O(m·n) timed in one growing size is measured by the one-size models it stands for
    kinds = {static, C.LINEAR, C.QUADRATIC} if static == C.M_N else {static}
    errors = [e for m, e in fit.error.items() if _model_class(m) in kinds]
    floor = min(fit.error.values(), default=0.0)
    return (not errors or min(errors) >= max(RULED_OUT, 2 * floor)) and _steady(static, fit)


def _steady(static: str, fit: Fit) -> bool:
    """A series steeper than the static class is growth only when the whole of it is steeper:
    over each stretch of two doublings (a 4x span: one doubling alone is too noisy), the slope
    exceeds the static class's own (its log factor allowed) by at least ``STEADY`` of the gap
    between the two classes (a gap above one degree counts as one). A cache boundary or a
    disturbed top size raises the cost per operation in one step and leaves it flat in the
    others (the tree walk above: slopes 1.0, 1.0, 1.9, 1.35 from 5,000 to 80,000 nodes), while
    code doing more work per element is steeper all along. True when the series is not steeper
    or too short to tell."""
    best, pts = fit.best, fit.points
    if best is None:
        return True
    base = _degree(static)
    gap = 1.0 if best.exponential else min(1.0, _degree(best.big_o) - base)
    if gap <= 0:
        return True
    for i, (x1, t1) in enumerate(pts):
        x2, t2 = next(((x, t) for x, t in pts[i + 1 :] if x >= SPAN * x1), (0.0, 0.0))
        if not x2:
            break
        span = math.log(x2 / x1)
        slope = math.log(t2 / t1) / span
        own = base + math.log(math.log(max(x2, 3)) / math.log(max(x1, 3))) / span
        if slope - own < STEADY * gap:
            return False
    return True


def _plain(fit: Fit) -> Model:
    """The measured class without a log factor the timings cannot vouch for: the plain model
    of the best fit's degree when it is within noise, else the best fit."""
    best = fit.best
    assert best is not None
    plain = next((m for m in fit.consistent if m.power == best.power and not m.logs), None)
    return plain if plain is not None and not best.exponential else best


def _affordable(
    model: Model, st: StaticComplexity, report: EmpiricalReport | None, language: str
) -> bool:
    """A measured class above the static one must be work, not overhead: its operation count
    at every fitted size, at a realistic cost per operation for the language
    (``OVERRIDE_NS_PER_OP``), fits in three times the time measured there. Caches, garbage
    collection and a loaded machine make large sizes slower per operation and bend a series
    upwards; they cannot make code do 10^8 operations in 10 ms of Python. A measured class
    below the static one needs no such check: overhead never makes growth look flatter."""
    if st.big_o is None or C.rank(model.big_o) <= C.rank(st.big_o) or report is None:
        return True
    ns = OVERRIDE_NS_PER_OP.get(language, OVERRIDE_NS_PER_OP["cpp"])
    timed = [(p.n, p.ms) for p in report.points if p.n in report.fitted and p.ms]
    return all(model.log_f(n) + math.log(ns * 1e-6) <= math.log(3 * ms) for n, ms in timed)


def _model_class(label: str) -> str | None:
    """The class of a fit model's label (the grid's labels are named in cells)."""
    return next((m.big_o for m in (*models_for(1), *models_for(2)) if m.label == label), None)


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
    problem: Problem,
    measured: Measurement | None,
    static: StaticComplexity | None,
    *,
    comparable: bool = True,
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
        versus_optimal=versus(st.big_o if st else None, opt) if comparable else "unknown",
        measured_memory_kb=peak,
    )


def _inconclusive(report: EmpiricalReport) -> str:
    """The part of the report's note saying the series was implausible, or ''."""
    return next((p.strip() for p in report.note.split(";") if p.strip().startswith(INCONCLUSIVE)),
                "")  # fmt: skip


def _how(report: object, st: StaticComplexity | None, agreement: str, label: str | None) -> str:
    parts = []
    if isinstance(report, EmpiricalReport) and (report.big_o or report.note):
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
        elif _inconclusive(report):
            parts.append("timing " + _inconclusive(report))
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
        "disagree": f"they disagree; reporting {label}, at low confidence",
        "empirical-only": f"measured only: {label}",
        "static-only": f"inferred only: {label}",
        "undetermined": "not determined",
    }[agreement]
    return "; ".join(parts + [verdict])


def build(
    problem: Problem,
    measured: Measurement | None,
    static: StaticView,
    dimension: int,
    *,
    comparable: bool = True,
    language: str = "cpp",
) -> ComplexityReport:
    """Both verdicts; ``comparable`` is False for wrong answers (see the module docstring)."""
    return ComplexityReport(
        time=time_verdict(
            problem,
            measured,
            static.time,
            comparable=comparable,
            dimension=dimension,
            language=language,
        ),
        space=space_verdict(problem, measured, static.space, comparable=comparable),
        input_dimension=dimension,
    )
