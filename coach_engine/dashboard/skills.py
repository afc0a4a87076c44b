"""Skills from feedback: which criterion feeds which skill, recording, and the dashboard groups.

A completed feedback is blended into the person's skills once (``Store.record_skill``, an
exponential moving average). For a coding session:

- the problem's tag skills   ← mean of ``correctness``, ``approach`` and the share of tests the
  last submission passed (the last run when nothing was submitted), in percent;
- ``complexity-analysis``    ← mean of ``time_complexity`` and ``space_complexity``;
- ``code-quality``           ← ``code_quality``; ``communication`` ← ``communication``.

System-design and behavioral sessions feed the ``system-design`` / ``behavioral`` skill with the
overall score (and ``communication`` when scored). Drills record their own skill when graded.
"""

from __future__ import annotations

from statistics import mean

from coach_engine.dashboard.models import SkillsSummary, SkillView
from coach_engine.drills.generate import CRITERION_SKILL, skill_for_tag
from coach_engine.errors import ProblemError
from coach_engine.models import (
    CodeRun,
    FeedbackRun,
    FeedbackStatus,
    InterviewKind,
    InterviewSession,
    UserSkill,
)
from coach_engine.problems import ProblemBank
from coach_engine.store import Store

STRENGTH_AT = 70
TAG_CRITERIA = ("correctness", "approach")


def passed_percent(runs: list[CodeRun]) -> int | None:
    """Tests passed by the last submission (else the last run), in percent."""
    submissions = [r for r in runs if r.is_submission]
    chosen = (submissions or runs)[-1:] if runs else []
    if not chosen or chosen[0].total <= 0:
        return None
    return round(100 * chosen[0].passed / chosen[0].total)


def feedback_skill_scores(
    feedback: FeedbackRun, session: InterviewSession, tags: list[str], runs: list[CodeRun]
) -> dict[str, int]:
    """The 0–100 score each skill receives from one completed feedback (see module doc)."""
    scores: dict[str, list[float]] = {}
    criteria = feedback.criterion_scores
    if session.kind == InterviewKind.CODING:
        tag_inputs: list[float] = [criteria[c] for c in TAG_CRITERIA if c in criteria]
        passed = passed_percent(runs)
        if passed is not None:
            tag_inputs.append(passed)
        for skill in dict.fromkeys(skill_for_tag(t) for t in tags):
            if tag_inputs:
                scores.setdefault(skill, []).extend(tag_inputs)
        for criterion, skill in CRITERION_SKILL.items():
            if criterion in criteria:
                scores.setdefault(skill, []).append(criteria[criterion])
    else:
        if feedback.overall_score is not None:
            scores[session.kind.value] = [feedback.overall_score]
        if "communication" in criteria:
            scores["communication"] = [criteria["communication"]]
    return {skill: max(0, min(100, round(mean(vals)))) for skill, vals in scores.items()}


def _tags(bank: ProblemBank, session: InterviewSession) -> list[str]:
    if not session.problem_slug:
        return list(session.skill_targets)
    try:
        return list(bank.get(session.problem_slug).tags)
    except ProblemError:  # a problem pack removed since: fall back to the session's targets
        return list(session.skill_targets)


def record_feedback_skills(
    store: Store, bank: ProblemBank, feedback: FeedbackRun, session: InterviewSession
) -> dict[str, int]:
    """Blend a COMPLETED feedback into the user's skills, once per feedback run.

    Idempotent: a feedback already recorded (by this or another process) records nothing.
    Returns the score given to each skill ({} when nothing was recorded).
    """
    if feedback.status != FeedbackStatus.COMPLETED or feedback.session_id != session.id:
        return {}
    runs = store.list_runs(session.user_id, session.id)
    scores = feedback_skill_scores(feedback, session, _tags(bank, session), runs)
    if not scores or not store.claim_skill_source(feedback.user_id, feedback.id):
        return {}
    for skill, score in scores.items():
        store.record_skill(feedback.user_id, skill, score)
    return scores


def sync_feedback_skills(store: Store, bank: ProblemBank, user_id: str) -> int:
    """Record every completed feedback not yet blended into skills, oldest first (feedback
    finished before the job recorded skills itself). Returns how many were recorded."""
    done = store.list_skill_sources(user_id)
    recorded = 0
    for feedback in store.feedback_with_status(user_id, [FeedbackStatus.COMPLETED]):
        if feedback.id in done:
            continue
        session = store.get_session(user_id, feedback.session_id)
        recorded += bool(record_feedback_skills(store, bank, feedback, session))
    return recorded


def view(skill: UserSkill) -> SkillView:
    trend = skill.trend
    return SkillView(
        name=skill.skill,
        category=skill.category,
        progress=skill.progress,
        previous=skill.previous_progress,
        trend="up" if trend == "up" else "down" if trend == "down" else "stable",
        is_strength=skill.progress >= STRENGTH_AT,
    )


def summarize(skills: list[UserSkill]) -> SkillsSummary:
    views = [view(s) for s in skills]
    by_progress = sorted(views, key=lambda v: (v.progress, v.name))
    improving = [v for v in views if v.trend == "up"]
    improving.sort(key=lambda v: (-(v.progress - (v.previous or v.progress)), v.name))
    return SkillsSummary(
        improving=improving,
        strengths=[v for v in reversed(by_progress) if v.is_strength],
        areas_to_improve=[v for v in by_progress if not v.is_strength],
        weakest=by_progress[0].name if by_progress else None,
        strongest=by_progress[-1].name if by_progress else None,
    )
