"""``judge(problem, code, language, ...) -> Feedback``: the engine's feedback entry point.

Order of work, within ``budget_s`` of wall time:

1. the tests (visible + hidden) in the sandbox, with the static analysis in parallel;
2. the timing series in the sandbox with what is left of the budget (skipped for code that
   does not compile; a small remainder makes it shorter, not absent: it gets at least
   ``TIMING_SHARE`` of the budget, and a compile is not charged to the budget);
3. complexity cross-check, communication, scores and advice (milliseconds).

The sandbox calls block, so they run in worker threads (``asyncio.to_thread``); the event loop
of the TUI or the feedback job stays responsive.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any, Literal, TypeVar

from coach_engine.errors import ValidationError
from coach_engine.judge import (
    advice,
    communication as comm,
    complexity,
    correctness,
    empirical,
    report,
    scoring,
    sizes,
    static_bridge,
    testseries,
)
from coach_engine.judge.models import Feedback
from coach_engine.judge.static_bridge import StaticAnalyzer
from coach_engine.judge.timing import Runner
from coach_engine.judge.transcript import normalise
from coach_engine.models import CodeRun, Rubric
from coach_engine.problems import Problem
from sandbox.spec import LANGUAGES, RunResult, Verdict

T = TypeVar("T")
RESERVE_S = 0.2  # kept for scoring and rendering after the last sandbox run
MIN_TIMING_S = 0.6  # below this a timing series teaches nothing
TIMING_SHARE = 0.4
"""The timing series gets this share of the budget even when the tests took more than the rest:
on a loaded machine the tests' wall time grows, and a series squeezed out by it would make the
same code measured one time and not the next. The budget is then overrun by at most this share;
tests that used more than that leave no series (as before)."""
TESTS_SHARE = 0.25  # of the budget, as the tests' CPU cap (wall time is about twice CPU)


async def judge(
    problem: Problem,
    code: str,
    language: str,
    *,
    transcript: Sequence[Any] | None = None,
    runs: Sequence[CodeRun] | None = None,
    hints_used: int = 0,
    reveals_used: int = 0,
    budget_s: float = 10.0,
    rubric: Rubric | None = None,
    static_analyzer: StaticAnalyzer | Literal["auto"] | None = "auto",
    runner: Runner | None = None,
    backend: str | None = None,
) -> Feedback:
    """Judge ``code`` on ``problem`` and score it against ``rubric`` (the coding rubric).

    Args:
        transcript: the session's messages (``Message`` rows, ``Turn``s or role/content dicts).
        runs: the session's earlier runs and submissions (``CodeRun``), any order.
        hints_used, reveals_used: taken from the session; both cost score.
        budget_s: wall-clock budget; the tests always run, timing gets what is left.
        rubric: criteria and weights (default: the seeded ``coding`` rubric).
        static_analyzer: ``"auto"`` (the static package when importable), a callable
            ``(code, language, function=None)``, or None to skip static analysis.
        runner: ``RunRequest -> RunResult`` (default ``sandbox.runner.run`` on ``backend``).

    Raises:
        ValidationError: empty code or an unknown language.
        SandboxError: the sandbox cannot run code here.
    """
    started = time.perf_counter()
    if not code.strip():
        raise ValidationError("there is no code to judge", title="Empty solution")
    if language not in LANGUAGES:
        raise ValidationError(f"unknown language {language!r}: use one of {', '.join(LANGUAGES)}")
    if runner is None:
        from sandbox.runner import run as sandbox_run

        runner = partial(sandbox_run, backend=backend)
    analyzer = static_bridge.default_analyzer() if static_analyzer == "auto" else static_analyzer
    phases: dict[str, int] = {}

    def timed(name: str, fn: Callable[..., T], *args: Any, **kw: Any) -> Callable[[], T]:
        def call() -> T:
            begin = time.perf_counter()
            try:
                return fn(*args, **kw)
            finally:
                phases[name] = round((time.perf_counter() - begin) * 1000)

        return call

    static_job = asyncio.to_thread(timed("static", static_bridge.analyze, analyzer, code,
                                         language, problem.signature.function))  # fmt: skip
    cap = budget_s * 1000 * TESTS_SHARE
    tests_job = asyncio.to_thread(
        timed("tests", correctness.run_tests, runner, problem, language, code, cap)
    )
    (request, result), view = await asyncio.gather(tests_job, static_job)
    notes = [view.unavailable] if view.unavailable else []
    dim = await asyncio.to_thread(sizes.dimension, problem)
    # a compile is paid once per code and toolchain (the build cache keeps it): charging it to
    # the budget would time a first judgement less than the next one of the same code
    compile_s = 0.0 if result.compile_cached else result.compile_ms / 1000
    spent = time.perf_counter() - started - compile_s
    share = min(TIMING_SHARE * budget_s, (1 + TIMING_SHARE) * budget_s - spent)
    left = max(budget_s - spent - RESERVE_S, share)
    skip = _no_timing(result, left, budget_s)
    measured = None
    if skip is None:
        slow = correctness.known_slow(request, result, problem.limits.time_ms)
        measured = await asyncio.to_thread(
            timed("timing", empirical.measure, runner, problem, language, code, left,
                  known_slow=slow)
        )  # fmt: skip
    if result.verdict is not Verdict.CE and (measured is None or measured.fit is None):
        # no series, or nothing fitted: the tests' own timings are the next best measurement
        measured = testseries.from_tests(problem, request, result, language, dim) or measured
    if skip and measured is None:
        notes.append(skip)
    # the comparison with the optimal approach is for right answers (accepted, or too slow)
    checked = correctness.report(result, runs or ())
    comparable = result.verdict is Verdict.AC or correctness.only_slow(checked)
    cx = complexity.build(problem, measured, view, dim, comparable=comparable, language=language)
    talk = None
    if transcript:
        talk = comm.analyse(normalise(transcript), problem, complexity.class_of(cx.time),
                            runs=runs or (), hints_used=hints_used,
                            reveals_used=reveals_used, code=code)  # fmt: skip
    else:
        notes.append("communication not assessed: no transcript")
    facts = scoring.Facts(checked, cx, view.findings,
                          view.parse_errors, view.unavailable is None, talk, hints_used,
                          reveals_used)  # fmt: skip
    fb = _feedback(problem, language, facts, rubric or scoring.default_rubric(), notes)
    fb.budget_s, fb.phases_ms = budget_s, phases
    fb.latency_ms = round((time.perf_counter() - started) * 1000)
    fb.detailed_feedback = report.markdown(fb)
    return fb


def _no_timing(result: RunResult, left_s: float, budget_s: float) -> str | None:
    """Why no timing series is run, or None when it is."""
    crashes = sum(t.verdict in (Verdict.RE, Verdict.MLE) for t in result.tests)
    if result.verdict is Verdict.CE:
        return "no timing: the code does not compile"
    if crashes * 2 > len(result.tests):
        return "no timing: the code crashes on most tests"
    if left_s < MIN_TIMING_S:
        return f"no timing: the tests used the {budget_s:g} s budget"
    return None


def _feedback(
    problem: Problem, language: str, facts: scoring.Facts, rubric: Rubric, notes: list[str]
) -> Feedback:
    overall, criteria = scoring.score(facts, rubric)
    strengths, weaknesses, suggestions = advice.advise(facts, problem)
    return Feedback(
        problem=problem.slug,
        language=language,
        overall_score=overall,
        passing_score=rubric.passing_score,
        passed=overall >= rubric.passing_score,
        criterion_scores={r.name: r.score for r in criteria if r.score is not None},
        criteria=criteria,
        strengths=strengths,
        weaknesses=weaknesses,
        suggestions=suggestions,
        complexity=facts.complexity,
        correctness=facts.correctness,
        code_quality=facts.findings,
        communication=facts.communication,
        rubric=rubric.name,
        rubric_version=rubric.version,
        notes=notes,
    )
