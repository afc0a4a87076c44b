"""A headline figure with its label (overall score, interviews, streak, time)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label


class StatCard(Vertical):
    """One figure; ``value`` holds what is shown, for tests and screen readers alike."""

    def __init__(self, label: str, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="stat-card")
        self.label = label
        self.value = "…"

    def compose(self) -> ComposeResult:
        yield Label(self.value, classes="stat-value")
        yield Label(self.label, classes="stat-label")

    def set_value(self, value: str) -> None:
        self.value = value
        self.query_one(".stat-value", Label).update(value)
