"""Weekly goals: created on first access of an ISO week, edited by the person, counted from data.

A new week starts from the goals of the most recent earlier week the person had (so an edited
total carries over), or from ``DEFAULT_GOALS`` the very first time. Progress of every goal but a
``manual`` one is computed from the person's activity each time goals are read, and written
back, so ``current`` and ``is_completed`` in the table are never stale for long.
"""

from __future__ import annotations

from datetime import datetime, tzinfo

from coach_engine.dashboard.activity import Activity
from coach_engine.dashboard.clock import iso_week, local_day
from coach_engine.dashboard.records import GoalMetric, GoalPriority, WeeklyGoal
from coach_engine.errors import NotFoundError, ValidationError
from coach_engine.inputs import MAX_COUNT
from coach_engine.store import Store

DEFAULT_GOALS: tuple[tuple[str, int, GoalPriority, GoalMetric], ...] = (
    ("Complete 3 interviews", 3, GoalPriority.HIGH, GoalMetric.INTERVIEWS),
    ("Do 10 drills", 10, GoalPriority.MEDIUM, GoalMetric.DRILLS),
    ("Solve a hard problem", 1, GoalPriority.LOW, GoalMetric.HARD_PROBLEMS),
)
_METRIC_WORDS = (
    ("interview", GoalMetric.INTERVIEWS),
    ("drill", GoalMetric.DRILLS),
    ("hard", GoalMetric.HARD_PROBLEMS),
)


def parse_priority(raw: str | GoalPriority) -> GoalPriority:
    """Raises ValidationError naming the valid priorities."""
    try:
        return GoalPriority(str(raw).strip().upper())
    except ValueError:
        raise ValidationError(
            f"unknown priority {raw!r}; use high, medium or low", title="Invalid priority"
        ) from None


def parse_metric(raw: str | None, label: str) -> GoalMetric:
    """The metric named ``raw``; without one, guessed from the label's words
    ("interview", "drill", "hard"), else ``manual``.

    Raises:
        ValidationError: ``raw`` is not a metric.
    """
    if raw is None:
        lowered = label.lower()
        return next((m for word, m in _METRIC_WORDS if word in lowered), GoalMetric.MANUAL)
    try:
        return GoalMetric(raw.strip().lower().replace("-", "_"))
    except ValueError:
        valid = ", ".join(m.value for m in GoalMetric)
        raise ValidationError(f"unknown metric {raw!r}; use one of: {valid}") from None


def check_total(total: int) -> int:
    if total <= 0:
        raise ValidationError(
            f"a goal's total must be a positive number, not {total}", title="Invalid total"
        )
    if total > MAX_COUNT:
        raise ValidationError(
            f"a goal's total can be at most {MAX_COUNT}, not {total}",
            title="Invalid total",
        )
    return total


def current_week(now: datetime, tz: tzinfo | None) -> tuple[int, int]:
    return iso_week(local_day(now, tz))


def ensure_week(store: Store, user_id: str, year: int, week: int) -> list[WeeklyGoal]:
    """The week's goals (not removed), creating them on first access."""
    if store.list_goals(user_id, year=year, week=week, include_removed=True):
        return store.list_goals(user_id, year=year, week=week)
    earlier = [
        g
        for g in store.list_goals(user_id, include_removed=True)
        if (g.year, g.week_number) < (year, week)
    ]
    if earlier:
        last = max((g.year, g.week_number) for g in earlier)
        templates = [
            (g.label, g.total, g.priority, g.metric)
            for g in earlier
            if (g.year, g.week_number) == last and g.removed_at is None
        ]
    else:
        templates = list(DEFAULT_GOALS)
    goals = [
        WeeklyGoal(
            user_id=user_id,
            label=label,
            total=total,
            priority=priority,
            metric=metric,
            week_number=week,
            year=year,
        )
        for label, total, priority, metric in templates
    ]
    store.start_goal_week(user_id, year, week, goals)  # False: another process did it first
    return store.list_goals(user_id, year=year, week=week)


def refresh(
    store: Store, goals: list[WeeklyGoal], activity: Activity, tz: tzinfo | None
) -> list[WeeklyGoal]:
    """Goals with ``current`` computed from ``activity`` and ``is_completed`` = current ≥ total;
    changed rows are written back."""
    out = []
    counts: dict[tuple[int, int], dict[GoalMetric, int]] = {}
    for goal in goals:
        key = (goal.year, goal.week_number)
        if key not in counts:
            counts[key] = activity.week_counts(*key, tz)
        current = goal.current if goal.metric == GoalMetric.MANUAL else counts[key][goal.metric]
        changes = {"current": current, "is_completed": current >= goal.total}
        if changes != {"current": goal.current, "is_completed": goal.is_completed}:
            store.update_goal(goal.user_id, goal.id, changes)
            goal = goal.model_copy(update=changes)
        out.append(goal)
    return out


def find_goal(goals: list[WeeklyGoal], ref: str) -> WeeklyGoal:
    """A goal by id prefix or by label (case-insensitive).

    Raises:
        NotFoundError: nothing matches. ValidationError: the reference is ambiguous.
    """
    wanted = ref.strip().lower()
    matches = [g for g in goals if g.label.lower() == wanted]
    if not matches and wanted:
        matches = [g for g in goals if g.id.startswith(wanted)]
    if not matches:
        raise NotFoundError(
            f"no goal {ref!r} this week; `coach goals` lists them with their ids",
            title="Unknown goal",
        )
    if len(matches) > 1:
        raise ValidationError(f"{ref!r} matches {len(matches)} goals; give more of the id")
    return matches[0]
