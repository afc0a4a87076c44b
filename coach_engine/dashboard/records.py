"""Rows the dashboard reads and writes: weekly goals and the drill-review log.

They are stored rows, so they are defined in ``coach_engine.store.records`` (the store must not
import the dashboard: no cycle); this module re-exports them under their dashboard names.
"""

from __future__ import annotations

from coach_engine.store.records import DrillReview, GoalMetric, GoalPriority, WeeklyGoal

__all__ = ["DrillReview", "GoalMetric", "GoalPriority", "WeeklyGoal"]
