"""``CoachScreen``: the base of every full screen — typed access to the app and its engine, and
the one handler that turns a failed worker into an error notification or modal."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import SystemCommand
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from coach_engine.api import Engine
from coach_tui.errors import report_error
from coach_tui.keymap import palette_commands

if TYPE_CHECKING:
    from coach_tui.app import CoachApp


class CoachScreen(Screen[None]):
    """Workers run with ``exit_on_error=False``; their failures land here, never as a crash."""

    @property
    def coach(self) -> CoachApp:
        return cast("CoachApp", self.app)

    @property
    def engine(self) -> Engine:
        return self.coach.engine

    def palette_commands(self) -> Iterator[SystemCommand]:
        """The palette's entries for this screen's keys (the app adds the global ones)."""
        yield from palette_commands(self)

    @on(Worker.StateChanged)
    def report_failed_worker(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            report_error(self, event.worker.error)
