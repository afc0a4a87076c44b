"""Generating 3–5 drills from a completed feedback, offline and grounded in the bank.

The weakest rubric criteria pick the targets: correctness and approach → a code exercise on the
problem's topic (another bank problem, never the same one); time/space complexity → a concept
review of a known approach's cost; communication → a mock scenario; code quality → a practice
question built from the feedback's own suggestion. Every code drill's tests are verified by
running its reference solution in the sandbox before the drill is created.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING

from coach_engine.errors import ValidationError
from coach_engine.models import (
    Difficulty,
    Drill,
    DrillType,
    FeedbackRun,
    InterviewSession,
    utcnow,
)

if TYPE_CHECKING:  # annotations only: the drill service imports this module to list drills
    from coach_engine.problems import ProblemBank
    from coach_engine.problems.problem import Problem
    from sandbox.spec import RunRequest, RunResult

TAG_SKILL = {
    "dp-1d": "dynamic-programming",
    "dp-2d": "dynamic-programming",
    "strings": "arrays-hashing",
    "sorting": "arrays-hashing",
    "math": "arrays-hashing",
    "matrix": "graphs",
    "topological-sort": "graphs",
}
CRITERION_SKILL = {
    "time_complexity": "complexity-analysis",
    "space_complexity": "complexity-analysis",
    "code_quality": "code-quality",
    "communication": "communication",
}
WEAK_BELOW = 75
_ORDER = ("easy", "medium", "hard")


def skill_for_tag(tag: str) -> str:
    return TAG_SKILL.get(tag, tag)


def _verified(problem: Problem, language: str, run: Callable[[RunRequest], RunResult]) -> bool:
    """The reference in the drill's language passes every test (else the drill is not shown)."""
    request = problem.run_request(language, problem.reference(language), "all")
    return run(request).verdict == "AC"


def _code_drill(
    user_id: str,
    source: Problem,
    bank: ProblemBank,
    language: str,
    weakness: str,
    taken: set[str],
    run: Callable[[RunRequest], RunResult],
    rng: random.Random,
) -> Drill | None:
    for tag in source.tags:
        level = _ORDER.index(source.difficulty)
        candidates = [
            p
            for p in bank.list(tag=tag)
            if p.slug != source.slug and p.slug not in taken and _ORDER.index(p.difficulty) <= level
        ]
        rng.shuffle(candidates)
        for problem in candidates:
            if not _verified(problem, language, run):
                continue
            optimal = next(a for a in problem.approaches if a.optimal)
            taken.add(problem.slug)
            return Drill(
                user_id=user_id,
                title=f"Solve {problem.title}",
                prompt=(
                    f"{problem.statement.strip()}\n\nSolve it in {language}; aim for "
                    f"{optimal.time} time. Your code runs against the problem's tests."
                ),
                drill_type=DrillType.CODE_EXERCISE,
                difficulty=Difficulty(problem.difficulty.upper()),
                target_weakness=weakness,
                target_skill=skill_for_tag(tag),
                expected_answer=f"{optimal.name}: {optimal.summary.strip()} ({optimal.time} time)",
                hints=[problem.hints.nudge, problem.hints.approach, problem.hints.near_solution],
                problem_slug=problem.slug,
                language=language,
            )
    return None


def _complexity_drill(user_id: str, problem: Problem, weakness: str) -> Drill:
    optimal = next(a for a in problem.approaches if a.optimal)
    other = next((a for a in problem.approaches if not a.optimal), optimal)
    return Drill(
        user_id=user_id,
        title=f"Complexity of {other.name.lower()} ({problem.title})",
        prompt=(
            f"For {problem.title}: {other.summary.strip()}\n\nWhat are the time and space "
            "complexity of this approach, and why? Then name an approach that does better and "
            "its complexity."
        ),
        drill_type=DrillType.CONCEPT_REVIEW,
        target_weakness=weakness,
        target_skill="complexity-analysis",
        expected_answer=(
            f"{other.name}: {other.time} time, {other.space} space. Better: {optimal.name}, "
            f"{optimal.time} time, {optimal.space} space."
        ),
        key_points=[f"{other.time} time", f"{other.space} space", optimal.name, optimal.time],
        hints=[f"Count how often the innermost step of '{other.name.lower()}' runs for n inputs."],
    )


def _communication_drill(user_id: str, problem: Problem, weakness: str) -> Drill:
    optimal = next(a for a in problem.approaches if a.optimal)
    return Drill(
        user_id=user_id,
        title=f"Talk through {problem.title}",
        prompt=(
            f"Explain how you would solve {problem.title} as you would to an interviewer: ask "
            "one clarifying question, state your approach, its time and space complexity, and "
            "two edge cases you would test."
        ),
        drill_type=DrillType.MOCK_SCENARIO,
        target_weakness=weakness,
        target_skill="communication",
        expected_answer=f"{optimal.name}: {optimal.summary.strip()}",
        key_points=[
            "clarifying question",
            optimal.keywords[0],
            f"{optimal.time} time",
            "edge case",
        ],
        hints=["Structure: clarify → approach → complexity → edge cases → test."],
    )


def _suggestion_drill(user_id: str, problem: Problem, weakness: str, suggestion: str) -> Drill:
    return Drill(
        user_id=user_id,
        title=f"Fix it: {weakness[:60]}",
        prompt=(
            f"In your {problem.title} solution the feedback found: {weakness}\n\nExplain how "
            "you would change the code, and why the change is better."
        ),
        drill_type=DrillType.PRACTICE_QUESTION,
        target_weakness=weakness,
        target_skill="code-quality",
        expected_answer=suggestion,
        key_points=[suggestion],
        hints=[suggestion.split(".")[0]],
    )


def generate(
    feedback: FeedbackRun,
    session: InterviewSession,
    bank: ProblemBank,
    run: Callable[[RunRequest], RunResult],
    *,
    taken: set[str] | None = None,
) -> list[Drill]:
    """3–5 drills aimed at the feedback's weakest criteria (see the module docstring)."""
    if feedback.status.value != "COMPLETED":
        raise ValidationError("drills come from a completed feedback; wait for it to finish")
    if not session.problem_slug:
        raise ValidationError("the session has no problem to derive drills from")
    problem = bank.get(session.problem_slug)
    rng = random.Random(feedback.id)
    taken = set(taken or ())
    weak = sorted(
        (c for c, s in feedback.criterion_scores.items() if s < WEAK_BELOW),
        key=lambda c: feedback.criterion_scores[c],
    )
    weaknesses = feedback.weaknesses or [f"{c.replace('_', ' ')} below par" for c in weak]

    def weakness_for(index: int) -> str:
        return weaknesses[min(index, len(weaknesses) - 1)] if weaknesses else "practice"

    drills: list[Drill] = []
    first = _code_drill(
        session.user_id, problem, bank, session.language, weakness_for(0), taken, run, rng
    )
    if first is not None:
        drills.append(first)
    for i, criterion in enumerate(weak):
        if len(drills) >= 5:
            break
        if criterion in ("time_complexity", "space_complexity") and not any(
            d.drill_type == DrillType.CONCEPT_REVIEW for d in drills
        ):
            drills.append(_complexity_drill(session.user_id, problem, weakness_for(i)))
        elif criterion == "communication":
            drills.append(_communication_drill(session.user_id, problem, weakness_for(i)))
        elif criterion == "code_quality" and feedback.suggestions:
            drills.append(
                _suggestion_drill(
                    session.user_id, problem, weakness_for(i), feedback.suggestions[0]
                )
            )
        elif criterion in ("correctness", "approach"):
            extra = _code_drill(
                session.user_id, problem, bank, session.language, weakness_for(i), taken, run, rng
            )
            if extra is not None:
                drills.append(extra)
    # Always at least three: fill with a complexity review, then a talk-through.
    for candidate in (
        _complexity_drill(session.user_id, problem, weakness_for(0)),
        _communication_drill(session.user_id, problem, weakness_for(0)),
    ):
        if len(drills) >= 3:
            break
        if all(d.drill_type != candidate.drill_type for d in drills):
            drills.append(candidate)
    now = utcnow()
    for order, drill in enumerate(drills):
        drill.feedback_run_id = feedback.id
        drill.sequence_order = order
        drill.due_at = now + timedelta(days=0 if order < 2 else 1)  # a daily queue
    return drills
