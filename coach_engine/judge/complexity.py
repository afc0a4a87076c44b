"""Cross-check the measured and the inferred complexity, and compare with the optimal approach.

Time — the rule that picks the class, its confidence and the agreement label:

* The timing fit gives the classes the measurements allow (often a pair such as O(n) and
  O(n log n), which timing alone cannot tell apart); the static analysis names one class and the
  lines behind it.
* **agree / consistent**: the static class is among those the timings allow, or differs from
  the best fit by a log factor only (the tie rule: timings cannot tell n from n log n apart
  reliably, so which one fits better changes from run to run; log factors are the code's
  call). The static class is reported, at the higher of the two confidences; "agree" when
  timings were fitted, "consistent" when they only bounded the class (calls too fast to time).
* **disagree**: the polynomial degrees differ. A clean measurement (a fit of medium or high
  confidence: several sizes over a wide span, and a class that fits them) that rules the static
  class out by a wide margin (``RULED_OUT``) is what the code did and is reported (without a log
  factor the timings cannot vouch for), whatever confidence the static analysis claims;
  otherwise the static class is.
  Either way the disagreement is said, both classes are named, and the confidence is "low".
  Between "allowed" (within noise) and "ruled out" lies a gap, so a series near one boundary
  does not flip the reported class from one judgement of the same code to the next.
* **inconclusive timing** (a series in which a larger size ran faster, ``fit.implausible``)
  counts as no measurement; the static class is then reported at no more than medium confidence.
* One source only: its class and confidence ("empirical-only", "static-only"). Without static
  analysis the optimal approach bounds the choice from below: no correct solution beats it.

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

from coach_engine.judge import classes as C
from coach_engine.judge.empirical import Measurement
from coach_engine.judge.fit import Fit, models_for
from coach_engine.judge.models import (
    ComplexityReport,
    ComplexityVerdict,
    EmpiricalReport,
    StaticComplexity,
)
from coach_engine.judge.static_bridge import StaticView
from coach_engine.problems import Problem

_LEVEL = {"low": 0, "medium": 1, "high": 2}
_STATIC_HOW = "static analysis of where containers grow"
INCONCLUSIVE = "inconclusive"  # how fit.implausible's note starts
RULED_OUT = 0.5
"""rms log error (a factor of ~1.6 on average) past which timings exclude a class; a class off
by one degree misses an 8x series by ~0.6, the right one fits within ~0.1."""


def optimal(problem: Problem) -> tuple[str | None, str | None]:
    """The (time, space) classes of the problem's optimal approach."""
    best = next(a for a in problem.approaches if a.optimal)
    return C.parse(best.time), C.parse(best.space)


def versus(actual: str | None, target: str | None) -> str:
    if actual is None or target is None:
        return "unknown"
    return ("better", "same", "worse")[C.compare(actual, target) + 1]


def time_verdict(
    problem: Problem,
    measured: Measurement | None,
    static: StaticComplexity | None,
    *,
    comparable: bool = True,
) -> ComplexityVerdict:
    """The time class by the rule of the module docstring; ``comparable`` is False for code
    that gives wrong answers (no comparison with the optimal approach then)."""
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
            if st.big_o in allowed or _tie(st.big_o, fit) or _same_in_one_size(st.big_o, big_o):
                label = allowed.get(st.big_o, st.big_o)
                big_o, agreement = st.big_o, "agree" if fit.error else "consistent"
                confidence = max(confidence, st.confidence, key=_LEVEL.__getitem__)
            else:
                # a clean measurement that rules the code's class out is what the code did,
                # whatever the analysis claims; noisy timings (few sizes, a loaded machine) are
                # more often wrong than the code
                agreement = "disagree"
                clean = fit.confidence != "low" and report is not None and len(report.fitted) >= 3
                if clean and _ruled_out(st.big_o, fit):
                    big_o, label = _plain(fit)
                else:
                    big_o, label = st.big_o, st.big_o
                confidence = "low"
        elif opt is not None and C.rank(big_o) < C.rank(opt):
            # timing cannot resolve below the optimal class; no correct solution beats it
            floor = [m for m in fit.consistent if C.rank(m.big_o) >= C.rank(opt)]
            if floor:
                big_o, label = floor[0].big_o, floor[0].label
    elif st is not None:
        big_o, label, confidence, agreement = st.big_o, st.big_o, st.confidence, "static-only"
        if report is not None and _inconclusive(report):
            confidence = min(confidence, "medium", key=_LEVEL.__getitem__)
    how = _how(report, st, agreement, label)
    if big_o is not None and opt is not None and C.rank(big_o) < C.rank(opt):
        # no correct solution beats the problem's lower bound: the code hid its work from the
        # analyser (exec, reflection) or from the clock. Suspicious, never "better than optimal":
        # the timings' own best class where it respects the bound (measured from outside the
        # program), else undetermined
        how += f"; {label} is below this problem's lower bound {opt}: not believed"
        best = fit.best if fit is not None else None
        if best is not None and C.rank(best.big_o) >= C.rank(opt):
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
        versus_optimal=versus(big_o, opt) if comparable else "unknown",
    )


def uncertain(verdict: ComplexityVerdict) -> bool:
    """The class is disputed (timing and code disagree) or of low confidence."""
    return verdict.big_o is not None and (
        verdict.agreement == "disagree" or verdict.confidence == "low"
    )


def favourable(verdict: ComplexityVerdict) -> str | None:
    """The lowest-ranked class the evidence allows: for a disagreement the better of the
    measured and the static class; for a low-confidence class, the optimal approach's (a guess
    is not evidence against accepted code); otherwise the reported class."""
    actual = class_of(verdict)
    if actual is None or not uncertain(verdict):
        return actual
    if verdict.agreement != "disagree":
        return verdict.optimal or actual
    candidates = [actual]
    if verdict.static is not None and verdict.static.big_o in C.RANK:
        candidates.append(verdict.static.big_o)
    emp = verdict.empirical
    if emp is not None and emp.big_o:
        measured = emp.big_o if emp.big_o in C.RANK else C.parse(emp.big_o)
        candidates += [measured] if measured else []
    return min(candidates, key=C.rank)


def _degree(big_o: str) -> float:
    """The polynomial degree of a class, log factors dropped (exponential: infinite)."""
    return {C.LOG: 0, C.N_LOG_N: 1, C.M_N: 2, C.N2_LOG_N: 2, C.EXPONENTIAL: math.inf}.get(
        big_o, C.rank(big_o) / 2
    )


def _tie(static: str, fit: Fit) -> bool:
    """The tie rule between neighbouring classes: the static class differs from the best fit
    by a log factor only. Timings on an 8x span cannot tell n from n log n apart reliably (the
    two fit within noise of each other, and which one fits better changes from run to run), so
    the log factor is the code's call and the two sources agree."""
    best = fit.best
    return best is not None and not best.exponential and _degree(static) == _degree(best.big_o)


def _ruled_out(static: str, fit: Fit) -> bool:
    """The timings exclude the static class by a wide margin: its model misses them by more
    than ``RULED_OUT`` in rms log time and by twice the best model's miss (or it needs more
    operations than the time allows). The gap between "within noise" (allowed) and this keeps
    a series near one boundary from flipping the reported class between runs."""
    errors = [e for m, e in fit.error.items() if _model_class(m) == static]
    floor = min(fit.error.values(), default=0.0)
    return not errors or min(errors) >= max(RULED_OUT, 2 * floor)


def _plain(fit: Fit) -> tuple[str, str]:
    """The measured class without a log factor the timings cannot vouch for: the plain model
    of the best fit's degree when it is within noise, else the best fit."""
    best = fit.best
    assert best is not None
    plain = next((m for m in fit.consistent if m.power == best.power and not m.logs), None)
    chosen = plain if plain is not None and not best.exponential else best
    return chosen.big_o, chosen.label


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
) -> ComplexityReport:
    """Both verdicts; ``comparable`` is False for wrong answers (see the module docstring)."""
    return ComplexityReport(
        time=time_verdict(problem, measured, static.time, comparable=comparable),
        space=space_verdict(problem, measured, static.space, comparable=comparable),
        input_dimension=dimension,
    )
