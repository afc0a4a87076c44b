"""Weekly goals of the engine's user: the API ``coach goals``, the dashboard and the TUI call.

Every function works on the ISO week containing ``now`` in time zone ``tz`` (default: this
machine's local zone) and returns that week's goals, progress computed from the data. See
``coach_engine.dashboard.goals`` for how weeks start and how progress is counted.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from coach_engine.dashboard import goals as g
from coach_engine.dashboard.activity import load_activity
from coach_engine.dashboard.clock import TZ, resolve_tz
from coach_engine.dashboard.records import GoalMetric, GoalPriority, WeeklyGoal
from coach_engine.errors import ValidationError
from coach_engine.inputs import MAX_COUNT
from coach_engine.models import utcnow

if TYPE_CHECKING:
    from coach_engine.engine import Engine, UserEngine

    Scope = Engine | UserEngine
    """Whose goals: a user's scope (``engine.for_user(...)``) or the engine (its local user)."""

__all__ = [
    "GoalMetric",
    "GoalPriority",
    "WeeklyGoal",
    "add_goal",
    "remove_goal",
    "set_goal",
    "week_goals",
]


async def week_goals(
    engine: Scope, *, now: datetime | None = None, tz: TZ = None
) -> list[WeeklyGoal]:
    """This week's goals (created on first access) with progress computed from the data."""
    zone = resolve_tz(tz)
    year, week = g.current_week(now or utcnow(), zone)
    # Store work and the activity scan in a store thread: the event loop never blocks on them.
    return await engine.astore.run(_week_goals, engine, year, week, zone)


def _week_goals(engine: Scope, year: int, week: int, zone: tzinfo | None) -> list[WeeklyGoal]:
    goals = g.ensure_week(engine.store, engine.user.id, year, week)
    activity = load_activity(engine.store, engine.bank, engine.user.id)
    return g.refresh(engine.store, goals, activity, zone)


async def add_goal(
    engine: Scope,
    label: str,
    total: int,
    *,
    priority: str | GoalPriority = GoalPriority.MEDIUM,
    metric: str | None = None,
    now: datetime | None = None,
    tz: TZ = None,
) -> list[WeeklyGoal]:
    """Add a goal to this week. ``metric`` defaults to a guess from the label's words.

    Raises:
        ValidationError: empty label, total ≤ 0, unknown priority or metric, duplicate label.
    """
    label = label.strip()
    if not label:
        raise ValidationError('a goal needs a label, e.g. "Complete 5 interviews"')
    if len(label) > 200:
        raise ValidationError(f"a goal's label is at most 200 characters, not {len(label)}")
    total, prio, kind = (
        g.check_total(total),
        g.parse_priority(priority),
        g.parse_metric(metric, label),
    )
    current = await week_goals(engine, now=now, tz=tz)
    if any(goal.label.lower() == label.lower() for goal in current):
        raise ValidationError(f"this week already has a goal {label!r}; use `coach goals set`")
    year, week = g.current_week(now or utcnow(), resolve_tz(tz))
    await engine.astore.add_goal(
        WeeklyGoal(
            user_id=engine.user.id,
            label=label,
            total=total,
            priority=prio,
            metric=kind,
            week_number=week,
            year=year,
        )
    )
    return await week_goals(engine, now=now, tz=tz)


async def set_goal(
    engine: Scope,
    ref: str,
    *,
    total: int | None = None,
    priority: str | GoalPriority | None = None,
    current: int | None = None,
    now: datetime | None = None,
    tz: TZ = None,
) -> list[WeeklyGoal]:
    """Change a goal of this week, found by label or id prefix.

    Raises:
        NotFoundError: no such goal. ValidationError: nothing to change, total ≤ 0, unknown
        priority, or ``current`` given for a goal counted from the data (or negative).
    """
    goal = g.find_goal(await week_goals(engine, now=now, tz=tz), ref)
    changes: dict[str, object] = {}
    if total is not None:
        changes["total"] = g.check_total(total)
    if priority is not None:
        changes["priority"] = g.parse_priority(priority).value
    if current is not None:
        if goal.metric != GoalMetric.MANUAL:
            raise ValidationError(
                f"{goal.label!r} is counted from your {goal.metric.value.replace('_', ' ')}; "
                "only manual goals take --current"
            )
        if not 0 <= current <= MAX_COUNT:
            raise ValidationError(
                f"--current must be 0 or more and at most {MAX_COUNT}, not {current}"
            )
        changes["current"] = current
    if not changes:
        raise ValidationError("nothing to change: give --total, --priority or --current")
    await engine.astore.update_goal(engine.user.id, goal.id, changes)
    return await week_goals(engine, now=now, tz=tz)


async def remove_goal(
    engine: Scope, ref: str, *, now: datetime | None = None, tz: TZ = None
) -> WeeklyGoal:
    """Remove a goal of this week (it stays removed; the week's defaults are not re-created)."""
    goal = g.find_goal(await week_goals(engine, now=now, tz=tz), ref)
    await engine.astore.update_goal(engine.user.id, goal.id, {"removed_at": utcnow()})
    return goal
