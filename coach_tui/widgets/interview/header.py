"""The interview header: problem title, difficulty badge, elapsed/remaining timer (warning
colour with five minutes left), provider and session status."""

from __future__ import annotations

from datetime import datetime

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from coach_engine.api import WARNING_LEFT_S, SessionView
from coach_tui.format import clock_text
from coach_tui.widgets.text import update_text


class InterviewHeader(Horizontal):
    """One line at the top of the interview screen."""

    def compose(self) -> ComposeResult:
        yield Static("Coach", id="hdr-title", markup=False)
        yield Static("", id="hdr-badge", markup=False)
        yield Static("", id="hdr-timer", markup=False)
        yield Static("", id="hdr-status", markup=False)
        yield Static("", id="hdr-provider", markup=False)

    def show(self, view: SessionView, provider: str, now: datetime) -> None:
        self.query_one("#hdr-title", Static).update(view.problem.title)
        badge = self.query_one("#hdr-badge", Static)
        badge.update(f" {view.problem.difficulty.upper()} ")
        for level in ("easy", "medium", "hard"):
            badge.set_class(view.problem.difficulty == level, f"-{level}")
        status = view.session.status.value.replace("_", " ")
        self.query_one("#hdr-status", Static).update(status)
        fallback = provider.startswith("offline (")
        label = "offline interviewer" if provider.startswith("offline") else provider
        widget = self.query_one("#hdr-provider", Static)
        widget.update(f"● {label}")
        widget.set_class(fallback, "-degraded")
        widget.tooltip = provider
        self.show_time(view, now)

    def show_time(self, view: SessionView, now: datetime) -> None:
        elapsed = view.session.elapsed_seconds(now)
        remaining = view.session.duration_minutes * 60 - elapsed
        timer = self.query_one("#hdr-timer", Static)
        if remaining > 0:
            update_text(timer, f"⏱ {clock_text(elapsed)} · {clock_text(remaining)} left")
        else:
            update_text(timer, f"⏱ {clock_text(elapsed)} · time is up")
        timer.set_class(0 < remaining <= WARNING_LEFT_S, "-warning")
        timer.set_class(remaining <= 0, "-over")
