"""Live metrics: time, score, tests X/Y of the last run, attempts, weak areas after feedback."""

from __future__ import annotations

from datetime import datetime

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, Static

from coach_engine.api import SessionView
from coach_tui.format import clock_text, percent, score_class
from coach_tui.widgets.text import update_text


class MetricsPanel(Vertical):
    """Numbers only; colours come from the ``-good/-ok/-bad`` classes in interview.tcss."""

    def compose(self) -> ComposeResult:
        yield Label("Metrics", classes="panel-title")
        yield Static("", id="metric-time", markup=False)
        yield Static("", id="metric-score", markup=False)
        yield Static("", id="metric-tests", markup=False)
        yield Static("", id="metric-attempts", markup=False)
        yield Static("", id="metric-weak", markup=False)

    def _set(self, widget_id: str, text: str, cls: str | None = None) -> None:
        widget = self.query_one(f"#{widget_id}", Static)
        update_text(widget, text)
        for name in ("-good", "-ok", "-bad"):
            widget.set_class(name == cls, name)

    def show_time(self, view: SessionView, now: datetime) -> None:
        self._set("metric-time", f"Time      {clock_text(view.session.elapsed_seconds(now))}")

    def show(self, view: SessionView, now: datetime) -> None:
        self.show_time(view, now)
        score = view.score
        self._set(
            "metric-score",
            f"Score     {'—' if score is None else f'{score}%'}",
            None if score is None else score_class(score),
        )
        run = view.last_run
        if run is None:
            self._set("metric-tests", "Tests     —")
        else:
            rate = percent(run.passed, run.total)
            self._set("metric-tests", f"Tests     {run.passed}/{run.total}", score_class(rate))
        self._set("metric-attempts", f"Attempts  {view.attempts}")
        weak = view.weak_areas
        self._set("metric-weak", "Weak areas\n" + "\n".join(f"• {w}" for w in weak) if weak else "")
        self.query_one("#metric-weak", Static).display = bool(weak)
