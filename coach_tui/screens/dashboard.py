"""Dashboard mode: the figures of ``coach dashboard`` — headline cards, weekly goals with
progress bars, then the score chart, skills, recent sessions and the insight (the engine's
dashboard data, drawn by ``widgets/dashboard/parts.py``)."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Header, Static

from coach_engine.api import dashboard
from coach_tui.keymap import bindings
from coach_tui.screens.base import CoachScreen
from coach_tui.widgets.dashboard import parts
from coach_tui.widgets.dashboard.cards import StatCard
from coach_tui.widgets.dashboard.goals import GoalsPanel

CARDS = {
    "dash-score": "overall score",
    "dash-completed": "interviews completed",
    "dash-streak": "day streak",
    "dash-time": "hours invested",
}
PARTS = {
    "chart": parts.chart,
    "skills": parts.skills,
    "recent": parts.recent,
    "insight": parts.insight,
}


class DashboardScreen(CoachScreen):
    """The screen of the ``dashboard`` mode; refreshed each time it is shown."""

    BINDINGS = bindings("dashboard")

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="dashboard-body"):
            with Horizontal(id="dash-cards"):
                for card_id, label in CARDS.items():
                    yield StatCard(label, id=card_id)
            yield GoalsPanel(id="dash-goals")
            for part in PARTS:
                yield Static("", id=f"dash-{part}", classes="dash-part")
        yield Footer()

    def on_screen_resume(self) -> None:
        self.load()

    def action_refresh(self) -> None:
        self.load()

    def action_back(self) -> None:
        self.app.switch_mode("interview")

    @work(group="dashboard", exclusive=True, exit_on_error=False)
    async def load(self) -> None:
        if getattr(self.engine, "remote", False):  # computed where the data is: the server
            board = await self.engine.dashboard()  # type: ignore[attr-defined]
        else:
            board = await dashboard(self.engine)
        score = "—" if board.overall_score is None else f"{board.overall_score}/100"
        values = {
            "dash-score": score,
            "dash-completed": str(board.interviews_completed),
            "dash-streak": str(board.current_streak_days),
            "dash-time": f"{board.time_invested_hours:g}",
        }
        for card_id, value in values.items():
            self.query_one(f"#{card_id}", StatCard).set_value(value)
        await self.query_one(GoalsPanel).set_goals(board.week, board.goals)
        for part, draw in PARTS.items():
            self.query_one(f"#dash-{part}", Static).update(draw(board))
