"""This week's goals, each a label and a progress bar."""

from __future__ import annotations

from textual.containers import Horizontal, Vertical
from textual.widgets import Label, ProgressBar

from coach_engine.api import GoalView


class GoalsPanel(Vertical):
    """Rebuilt on every refresh: goals are few (a handful per week)."""

    async def set_goals(self, week: str, goals: list[GoalView]) -> None:
        await self.remove_children()
        rows: list[Label | Horizontal] = [Label(f"Weekly goals {week}", classes="panel-title")]
        if not goals:
            rows.append(Label("No weekly goals: `coach goals add LABEL --total N`."))
        for goal in goals:
            done = "✓ " if goal.is_completed else ""
            bar = ProgressBar(total=goal.total, show_eta=False, show_percentage=False)
            bar.progress = min(goal.current, goal.total)
            rows.append(
                Horizontal(
                    Label(done + goal.label, classes="goal-label", markup=False),
                    bar,
                    Label(f"{goal.current}/{goal.total}", classes="goal-count"),
                    Label(goal.priority.value.lower(), classes="goal-priority"),
                    classes="goal-row",
                    id=f"goal-{goal.id}",
                )
            )
        await self.mount_all(rows)
