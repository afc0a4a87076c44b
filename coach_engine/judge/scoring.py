"""Rubric-weighted scores, each criterion computed from measured facts with its reasons.

The rubric is data (``Store.get_rubric("coding")``): criteria names and weights. A criterion the
judge cannot assess (communication without a transcript, code quality without static analysis)
is left out and the remaining weights are renormalised, and the feedback says so — a missing
transcript should not read as poor communication.

Principles behind the numbers: a wrong answer caps the criteria about efficiency (a fast wrong
answer is still wrong); a correct but too slow solution keeps partial correctness; each class
step away from the optimal approach costs; hints and reveals cost approach points and a little
overall. Submissions are attempts (LeetCode-style: submit until accepted): the judge grades the
last accepted submission (else the last one), and each failed submission before it costs
correctness points (accepted code) and a little overall, as hints do — so a first-try accept
scores above an accept after failures, which scores above never accepted (costs: ``costs.py``).
Accepted code is charged only for a class the evidence supports: when timing and code
disagree, or the class is of low confidence, the steps are counted from the most favourable
class the evidence allows (``complexity.favourable``) and the reasons say so — an accepted
solution is never failed on an uncertain class.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from coach_engine.judge import classes as C, communication as comm
from coach_engine.judge.complexity import class_of, favourable, uncertain
from coach_engine.judge.correctness import only_slow
from coach_engine.judge.costs import (  # the prices live apart so a front end can show them
    FAILED_SUBMISSION_COST,
    FAILED_SUBMISSION_FLOOR,
    FAILED_SUBMISSION_OVERALL,
    HINT_COST,
    HINT_OVERALL,
    REVEAL_COST,
    REVEAL_OVERALL,
)
from coach_engine.judge.models import (
    CommunicationReport,
    ComplexityReport,
    ComplexityVerdict,
    CorrectnessReport,
    CriterionResult,
    QualityFinding,
)
from coach_engine.judge.wording import aids, counted
from coach_engine.models import Rubric

WRONG_CAP = 40  # efficiency criteria of a solution that gives wrong answers
STEP_SCORES = (100, 70, 50, 35, 20)  # time: 0, 1, 2, 3, 4+ class steps above the optimal
SEVERITY_COST = {"major": 15, "minor": 6, "info": 2}


@dataclass
class Facts:
    correctness: CorrectnessReport
    complexity: ComplexityReport
    findings: list[QualityFinding]
    parse_errors: list[str]
    static_available: bool
    communication: CommunicationReport | None
    hints_used: int = 0
    reveals_used: int = 0

    @property
    def correct(self) -> bool:
        return self.correctness.verdict == "AC"

    @property
    def failed_attempts(self) -> int:
        """Failed submissions before the graded one (the older count when attempts are unknown,
        e.g. a report built without the session's submissions)."""
        c = self.correctness
        return c.failed_attempts if c.attempts else c.failed_submissions_before_ac

    @property
    def wrong(self) -> bool:
        """Wrong answers or crashes (not merely too slow)."""
        return not self.correct and not only_slow(self.correctness)


def default_rubric() -> Rubric:
    """The seeded coding rubric, for callers without a store."""
    from coach_engine.store.migrations import _CODING_CRITERIA

    criteria = [{"name": n, "weight": w, "description": d} for n, w, d in _CODING_CRITERIA]
    return Rubric(name="coding", version="1", category="CODING", criteria=criteria)


def charged(f: Facts, verdict: ComplexityVerdict) -> tuple[str | None, str]:
    """The class scoring charges for, and why when it is not the reported one."""
    actual = class_of(verdict)
    if not f.correct or not uncertain(verdict):
        return actual, ""
    best = favourable(verdict)
    if best == actual:
        return actual, ""
    why = "disputed" if verdict.agreement == "disagree" else "low confidence"
    return best, f"{verdict.big_o} is uncertain ({why}): accepted code is charged as {best}"


def _steps(f: Facts, verdict: ComplexityVerdict) -> int | None:
    """Class steps above the optimal; a half rank (O(√n), O(n√n)) counts as a whole step."""
    actual, _ = charged(f, verdict)
    if actual is None or verdict.optimal is None:
        return None
    return max(0, math.ceil(C.rank(actual) - C.rank(verdict.optimal)))


def correctness(f: Facts) -> CriterionResult:
    c = f.correctness
    why = [f"passed {c.passed}/{c.total} tests (visible {c.visible_passed}/{c.visible_total}, "
           f"hidden {c.hidden_passed}/{c.hidden_total})"]  # fmt: skip
    frac = c.passed / c.total if c.total else 0.0
    if c.verdict == "CE":
        score = 0
        why.append("does not compile")
    elif f.correct:
        failed = f.failed_attempts
        score = max(FAILED_SUBMISSION_FLOOR, 100 - FAILED_SUBMISSION_COST * failed)
        if failed and not c.attempts:
            why.append(f"{counted(failed, 'failed submission')} before this one "
                       f"(-{100 - score})")  # fmt: skip
    elif only_slow(c):
        score = round(40 + 45 * frac)
        why.append("every failure is a time or memory limit: right answers, too slowly")
    else:
        score = round(40 * frac)
        why.append(f"wrong answers or crashes ({c.verdict})")
    if c.attempts:
        cost = FAILED_SUBMISSION_COST * f.failed_attempts if f.correct else 0
        why.append(attempts_line(f) + (f" (-{min(cost, 100 - score)})" if cost else ""))
    if c.first_failure is not None:
        ff = c.first_failure
        why.append(f"first failure: {'hidden' if ff.hidden else 'visible'} test "
                   f"{ff.index + 1}, {ff.verdict}")  # fmt: skip
    return CriterionResult(name="correctness", weight=0, score=score, reasons=why)


def attempts_line(f: Facts) -> str:
    """The attempt count the feedback names: 'accepted on submission 3 of 3, 2 failed before
    it', 'accepted on the first submission', 'none of 2 submissions accepted'."""
    c = f.correctness
    if not f.correct:
        return f"none of {counted(c.prior_submissions or c.attempts, 'submission')} accepted"
    if c.attempts == 1:
        return "accepted on the first submission"
    failed = f.failed_attempts
    return (f"accepted on submission {c.attempts} of {c.prior_submissions or c.attempts}"
            + (f", {failed} failed before it" if failed else ""))  # fmt: skip


def efficiency(f: Facts, verdict: ComplexityVerdict, name: str) -> CriterionResult:
    steps = _steps(f, verdict)
    if steps is None:
        return CriterionResult(name=name, weight=0, score=None,
                               reasons=[f"{name.replace('_', ' ')} not determined"])  # fmt: skip
    scale = STEP_SCORES if name == "time_complexity" else (100, 70, 50, 35, 35)
    score = scale[min(steps, 4)]
    why = [
        f"{verdict.big_o} against the optimal {verdict.optimal}"
        + (f" ({verdict.versus_optimal})" if verdict.versus_optimal != "unknown" else "")
    ]
    _, doubt = charged(f, verdict)
    why += [doubt] if doubt else []
    if f.wrong:
        score = min(score, WRONG_CAP)
        why.append(f"capped at {WRONG_CAP}: wrong answers or crashes")
    return CriterionResult(name=name, weight=0, score=score, reasons=why)


def approach(f: Facts) -> CriterionResult:
    steps = _steps(f, f.complexity.time)
    score = 60 if steps is None else (100, 75, 55, 40, 40)[min(steps, 4)]
    why = [
        "approach efficiency not measured"
        if steps is None
        else f"{f.complexity.time.big_o}: the optimal approach's class"
        if steps == 0
        else f"{f.complexity.time.big_o}: {counted(steps, 'class step')} from the optimal approach"
    ]
    if f.correctness.verdict == "CE":
        score = 20
        why.append("the code does not compile")
    elif f.wrong:
        score = min(score, WRONG_CAP)
        why.append("the solution gives wrong answers or crashes")
    if f.communication is not None and f.communication.approach_before_coding is None:
        score -= 10
        why.append("no approach stated before coding (-10)")
    if f.hints_used or f.reveals_used:
        score -= HINT_COST * f.hints_used + REVEAL_COST * f.reveals_used
        why.append(f"{aids(f.hints_used, f.reveals_used)} used "
                   f"(-{HINT_COST * f.hints_used + REVEAL_COST * f.reveals_used})")  # fmt: skip
    return CriterionResult(name="approach", weight=0, score=max(0, score), reasons=why)


def code_quality(f: Facts) -> CriterionResult:
    if not f.static_available:
        return CriterionResult(name="code_quality", weight=0, score=None,
                               reasons=["static analysis unavailable"])  # fmt: skip
    cost = sum(SEVERITY_COST.get(x.severity, 6) for x in f.findings)
    why = [
        (counted(len(f.findings), "finding") if f.findings else "no findings")
        + (f" (-{cost})" if cost else "")
    ]
    if f.parse_errors:
        cost += 30
        why.append(f"{counted(len(f.parse_errors), 'syntax error')} (-30)")
    return CriterionResult(name="code_quality", weight=0, score=max(20, 100 - cost), reasons=why)


def communication(f: Facts) -> CriterionResult:
    if f.communication is None or not f.communication.candidate_messages:
        return CriterionResult(name="communication", weight=0, score=None,
                               reasons=["no transcript: not assessed"])  # fmt: skip
    score, why = comm.score(f.communication)
    return CriterionResult(name="communication", weight=0, score=score, reasons=why)


def score(f: Facts, rubric: Rubric | None = None) -> tuple[int, list[CriterionResult]]:
    """The overall 0-100 score and every rubric criterion with its weight and reasons
    (``rubric`` defaults to the seeded coding rubric)."""
    rubric = rubric or default_rubric()
    computed = {
        "correctness": correctness(f),
        "time_complexity": efficiency(f, f.complexity.time, "time_complexity"),
        "space_complexity": efficiency(f, f.complexity.space, "space_complexity"),
        "approach": approach(f),
        "code_quality": code_quality(f),
        "communication": communication(f),
    }
    results = []
    for c in rubric.criteria:
        name, weight = str(c["name"]), float(c.get("weight", 0))
        known = computed.get(name)
        r = known or CriterionResult(name=name, weight=0, score=None, reasons=["not judged here"])
        results.append(r.model_copy(update={"weight": weight}))
    assessed = [r for r in results if r.score is not None and r.weight > 0]
    total = sum(r.weight for r in assessed)
    overall = sum(r.weight * (r.score or 0) for r in assessed) / total if total else 0.0
    overall -= HINT_OVERALL * f.hints_used + REVEAL_OVERALL * f.reveals_used
    overall -= FAILED_SUBMISSION_OVERALL * f.failed_attempts
    return max(0, min(100, round(overall))), results
