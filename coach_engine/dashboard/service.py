"""``dashboard()``: every figure of the dashboard, computed from the store in one call.

Front ends (``coach dashboard``, the TUI Dashboard mode, the server) call this and render the
``Dashboard`` it returns; definitions of each figure are on the model's fields.
"""

from __future__ import annotations

import logging
import math
from collections import Counter
from datetime import datetime, timedelta, tzinfo
from statistics import mean
from typing import TYPE_CHECKING, Any, Protocol

from coach_engine.dashboard import goals as goal_rules
from coach_engine.dashboard.activity import Activity, finished_at, load_activity
from coach_engine.dashboard.clock import (
    TZ,
    iso_week,
    local_day,
    resolve_tz,
    streak,
    tz_name,
    week_label as label_of,
)
from coach_engine.dashboard.insight import offline_insight, provider_insight
from coach_engine.dashboard.models import (
    Dashboard,
    GoalView,
    Insight,
    RecentSession,
    ScorePoint,
    SkillsSummary,
)
from coach_engine.dashboard.records import WeeklyGoal
from coach_engine.dashboard.skills import summarize, sync_feedback_skills
from coach_engine.errors import CoachError, ProblemError
from coach_engine.models import DrillStatus, FeedbackStatus, InterviewSession, utcnow

if TYPE_CHECKING:
    from coach_engine.config import Config
    from coach_engine.models import User
    from coach_engine.problems import ProblemBank
    from coach_engine.providers.base import Provider
    from coach_engine.store import Store
    from coach_engine.store.aio import AsyncStore

log = logging.getLogger(__name__)


class DashboardScope(Protocol):
    """What the dashboard reads: one user's scope (``engine.for_user(...)``) or the engine
    itself (its local user). A protocol, not an import: the engine builds on the dashboard's
    skills, so importing it here would be a cycle (dashboard ⇄ engine)."""

    @property
    def store(self) -> Store: ...

    @property
    def bank(self) -> ProblemBank: ...

    @property
    def user(self) -> User: ...

    @property
    def config(self) -> Config: ...

    @property
    def astore(self) -> AsyncStore: ...


RECENT = 10
HISTORY = 30


def round_half_up(value: float) -> int:
    return math.floor(value + 0.5)


def _goal_view(goal: WeeklyGoal) -> GoalView:
    percent = min(100, goal.current * 100 // goal.total)
    data = goal.model_dump(include=set(GoalView.model_fields) - {"percent"})
    return GoalView(**data, percent=percent)


def active_seconds(session: InterviewSession, now: datetime) -> float:
    """Pause-free time of a session. A session still running counts its live time only up to
    its planned duration, so one abandoned without pausing does not count for days."""
    cap = max(session.active_seconds, session.duration_minutes * 60.0)
    return min(session.elapsed_seconds(now), cap)


def _difficulty(engine: DashboardScope, session: InterviewSession) -> str:
    if session.problem_slug:
        try:
            return engine.bank.get(session.problem_slug).difficulty.upper()
        except ProblemError:
            pass
    return session.difficulty.value


def _title(engine: DashboardScope, session: InterviewSession) -> str:
    if session.problem_slug:
        try:
            return engine.bank.get(session.problem_slug).title
        except ProblemError:
            return session.problem_slug
    return session.topic or session.kind.value


def _recent(engine: DashboardScope, activity: Activity, now: datetime) -> list[RecentSession]:
    newest = sorted(activity.sessions, key=lambda s: s.created_at, reverse=True)[:RECENT]
    return [
        RecentSession(
            id=s.id,
            title=_title(engine, s),
            kind=s.kind.value,
            difficulty=_difficulty(engine, s),
            language=s.language,
            status=s.status.value,
            score=s.score,
            duration_minutes=int(active_seconds(s, now) // 60),
            created_at=s.created_at,
            completed_at=s.completed_at,
        )
        for s in newest
    ]


def _stats(
    engine: DashboardScope,
    board: dict[str, Any],
    activity: Activity,
    now: datetime,
    zone: tzinfo | None,
) -> dict[str, Any]:
    """The summary the ``dashboard_insight`` prompt gets: only numbers the dashboard shows."""
    criteria: dict[str, list[int]] = {}
    for fb in engine.store.feedback_with_status(engine.user.id, [FeedbackStatus.COMPLETED]):
        for name, score in fb.criterion_scores.items():
            criteria.setdefault(name, []).append(score)
    weeks = [iso_week(local_day(now - timedelta(weeks=n), zone)) for n in range(3, -1, -1)]
    per_week = Counter(iso_week(local_day(finished_at(s), zone)) for s in activity.completed)
    skills: SkillsSummary = board["skills"]
    return {
        "overall_score": board["overall_score"],
        "interviews_completed": board["interviews_completed"],
        "interviews_per_week": {label_of(*w): per_week.get(w, 0) for w in weeks},
        "streak_days": board["current_streak_days"],
        "recent_criterion_scores_oldest_first": {k: v[-5:] for k, v in criteria.items()},
        "skills": [
            {"name": v.name, "progress": v.progress, "previous": v.previous, "trend": v.trend}
            for v in [*skills.strengths, *skills.areas_to_improve]
        ],
        "drills_reviewed": board["drills_reviewed"],
        "drills_skipped": board["drills_skipped"],
    }


async def _insight(
    engine: DashboardScope, stats: dict[str, Any], offline: Insight, provider: Provider | None
) -> Insight:
    owned = False
    if provider is None:
        if engine.config.provider.name == "offline":
            return offline
        from coach_engine.providers.registry import resolve_provider

        try:  # no fallback inside: an unusable provider only means the offline insight
            resolution = await resolve_provider(
                engine.config, allow_fallback=False, probe_timeout_s=2.0
            )
        except CoachError as exc:
            note = f"{engine.config.provider.name} is not available ({exc.message})"
            return offline.model_copy(update={"note": note})
        provider, owned = resolution.provider, True
    try:
        return await provider_insight(
            provider,
            stats,
            store=engine.astore,
            user_id=engine.user.id,
            budget=engine.config.budget,
        )
    except (CoachError, TimeoutError, ValueError) as exc:
        log.warning("dashboard insight from %s failed: %s", provider.name, exc)
        note = f"{provider.name} did not answer ({exc or type(exc).__name__}); offline insight"
        return offline.model_copy(update={"note": note})
    finally:
        if owned:
            await provider.aclose()


async def dashboard(
    engine: DashboardScope,
    *,
    now: datetime | None = None,
    tz: TZ = None,
    provider: Provider | None = None,
) -> Dashboard:
    """The person's dashboard at ``now`` (default: the current time) in time zone ``tz`` (a
    ``tzinfo`` or IANA name; default: this machine's). ``provider`` overrides the configured
    one for the insight (tests). Creates this week's goals on first access and records any
    completed feedback not yet blended into skills.

    Raises:
        ValidationError: ``tz`` is not a time zone.
    """
    now, zone = now or utcnow(), resolve_tz(tz)
    # Every store read and write (and the scans over them) in a store thread; only the
    # provider's insight is awaited here.
    board, stats, offline = await engine.astore.run(_board, engine, now, zone)
    board["insight"] = await _insight(engine, stats, offline, provider)
    return Dashboard.model_validate(board)


def _board(
    engine: DashboardScope, now: datetime, zone: tzinfo | None
) -> tuple[dict[str, Any], dict[str, Any], Insight]:
    """Every figure but the insight, with the insight's inputs (blocking store work)."""
    store, user_id = engine.store, engine.user.id
    sync_feedback_skills(store, engine.bank, user_id)
    activity = load_activity(store, engine.bank, user_id)
    year, week = goal_rules.current_week(now, zone)
    goals = goal_rules.refresh(
        store, goal_rules.ensure_week(store, user_id, year, week), activity, zone
    )
    completed = activity.completed
    scores = [s.score for s in completed if s.score is not None]
    drills = store.list_drills(user_id)
    skills = summarize(store.list_skills(user_id))
    seconds = sum(active_seconds(s, now) for s in activity.sessions)
    board: dict[str, Any] = {
        "generated_at": now,
        "timezone": tz_name(zone, now),
        "week": label_of(year, week),
        "overall_score": round_half_up(mean(scores)) if scores else None,
        "scored_sessions": len(scores),
        "interviews_completed": len(completed),
        "current_streak_days": streak(activity.active_days(zone), local_day(now, zone)),
        "time_invested_seconds": seconds,
        "time_invested_hours": round(seconds / 3600, 1),
        "drills_reviewed": len(activity.reviews),
        "drills_skipped": sum(d.status == DrillStatus.SKIPPED for d in drills),
        "skills": skills,
        "goals": [_goal_view(g) for g in goals],
        "recent_sessions": _recent(engine, activity, now),
        "score_history": [
            ScorePoint(
                session_id=s.id,
                day=local_day(finished_at(s), zone),
                score=s.score,
                title=_title(engine, s),
            )
            for s in completed
            if s.score is not None
        ][-HISTORY:],
    }
    pending = Counter(
        d.target_skill
        for d in drills
        if d.target_skill and d.status in (DrillStatus.PENDING, DrillStatus.IN_PROGRESS)
    )
    offline = offline_insight(
        skills, interviews_completed=len(completed), pending_drills=dict(pending)
    )
    return board, _stats(engine, board, activity, now, zone), offline
