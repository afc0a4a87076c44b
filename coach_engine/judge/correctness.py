"""Correctness from the sandbox: every visible and hidden test, plus the session's history.

The solution runs on all of the problem's tests in one sandbox request. The verdict mix of the
session's earlier runs (``coach_engine.models.CodeRun``, oldest first) says how the candidate got
there: how many submissions failed before one was accepted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from coach_engine.judge.models import CorrectnessReport, FailingCase
from coach_engine.judge.timing import Runner
from coach_engine.models import CodeRun
from coach_engine.problems import Problem
from coach_engine.problems.build import case_size
from sandbox.spec import RunRequest, RunResult, TestResult, Verdict

MESSAGE_CHARS = 600


def run_tests(
    run: Runner, problem: Problem, language: str, code: str, cpu_cap_ms: float | None = None
) -> tuple[RunRequest, RunResult]:
    """Judge ``code`` on the visible and hidden tests (blocking: one sandbox run).

    ``cpu_cap_ms`` lowers the run's total CPU limit to fit a feedback budget: a solution that
    keeps running out of time then has its last tests reported TLE "not run" instead of each
    costing a killed process.
    """
    request = problem.run_request(language, code, "all")
    if cpu_cap_ms is not None:
        total = int(max(1000, min(request.limits.total_time_ms, cpu_cap_ms)))
        request.limits = request.limits.model_copy(update={"total_time_ms": total})
    result = run(request)
    result.problem = problem.slug
    return request, result


def report(result: RunResult, runs: Sequence[CodeRun] = ()) -> CorrectnessReport:
    """The correctness facts of ``result`` and of the session's earlier ``runs``."""
    visible = [t for t in result.tests if not t.hidden]
    hidden = [t for t in result.tests if t.hidden]
    ok = Verdict.AC
    first = next((t for t in result.tests if t.verdict is not ok), None)
    failing = None
    if first is not None:
        failing = FailingCase(
            index=first.index,
            hidden=first.hidden,
            verdict=first.verdict.value,
            input=first.input,
            expected=first.expected,
            actual=first.actual,
            message=(first.stderr or first.stdout)[-MESSAGE_CHARS:],
        )
    ordered = sorted(runs, key=lambda r: r.created_at)
    submissions = [r for r in ordered if r.is_submission]
    attempts, failed_attempts = submission_attempts(submissions, result.verdict is ok)
    failed_before = 0
    for r in submissions:
        if r.verdict == ok.value:
            break
        failed_before += 1
    return CorrectnessReport(
        verdict=result.verdict.value,
        passed=result.passed,
        total=result.total,
        visible_passed=sum(t.verdict is ok for t in visible),
        visible_total=len(visible),
        hidden_passed=sum(t.verdict is ok for t in hidden),
        hidden_total=len(hidden),
        verdict_counts=dict(Counter(t.verdict.value for t in result.tests)),
        first_failure=failing,
        compile_output=result.compile_output[-2000:],
        prior_runs=len(ordered),
        prior_submissions=len(submissions),
        failed_submissions_before_ac=failed_before,
        attempts=attempts,
        failed_attempts=failed_attempts,
        session_verdicts=[r.verdict for r in ordered],
    )


def submission_attempts(
    submissions: Sequence[CodeRun], judged_accepted: bool = False
) -> tuple[int, int]:
    """``(attempts, failed)`` for the submission the feedback grades — the last accepted one,
    else the last one (LeetCode: a candidate submits until accepted and may submit again after):
    its number among the session's submissions (oldest first) and how many submissions before
    it were not accepted. ``(0, 0)`` without submissions.

    ``judged_accepted``: the code being judged is accepted. When no stored submission was, that
    code is a later attempt than all of them (``coach feedback`` on a fixed file, with the
    session's runs as history): it is attempt ``len + 1`` and every stored one failed before it.
    """
    accepted = [k for k, r in enumerate(submissions) if r.verdict == Verdict.AC.value]
    if judged_accepted and submissions and not accepted:
        return len(submissions) + 1, len(submissions)
    graded = accepted[-1] if accepted else len(submissions) - 1
    if graded < 0:
        return 0, 0
    failed = sum(r.verdict != Verdict.AC.value for r in submissions[:graded])
    return graded + 1, failed


def known_slow(request: RunRequest, result: RunResult, limit_ms: float) -> tuple[int, float] | None:
    """``(values, ms)`` of the smallest test that ran out of time, to spare the timing series
    from paying for that size again; None when no test did."""
    slow = [case_size(request.tests[t.index].args) for t in timed_out(result)]
    return (min(slow), limit_ms) if slow else None


def timed_out(result: RunResult) -> list[TestResult]:
    """Tests that really ran out of time. Tests the runner skipped once the run's budget was
    spent are TLE too, but with no time and (hidden ones) no message: they are no evidence.
    The first TLE always ran: skipping starts only after a limit was hit."""
    tle = [t for t in result.tests if t.verdict is Verdict.TLE]
    return [t for k, t in enumerate(tle) if k == 0 or (t.time_ms > 0 and "not run" not in t.stderr)]


def only_slow(correctness: CorrectnessReport) -> bool:
    """True when every failing test ran out of time or memory: right answers, too slowly."""
    bad = {v for v in correctness.verdict_counts if v != Verdict.AC.value}
    return bool(bad) and bad <= {Verdict.TLE.value, Verdict.MLE.value}
