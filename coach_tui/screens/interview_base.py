"""Shared state of the interview screen: the session view, the panels, and ``reload``.

The interview screen is split by concern into a chain of classes (base → events → actions →
screen) so each module stays small; only ``InterviewScreen`` is instantiated.
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import TYPE_CHECKING

from textual import work

from coach_engine.api import SessionView, time_limit_ms, utcnow
from coach_tui.errors import report_error
from coach_tui.screens.base import CoachScreen
from coach_tui.widgets.chat.panel import ChatPanel
from coach_tui.widgets.code.panel import CodePanel
from coach_tui.widgets.interview.header import InterviewHeader
from coach_tui.widgets.sidebar.metrics import MetricsPanel
from coach_tui.widgets.sidebar.protocol import ProtocolPanel
from coach_tui.widgets.tests.results import TestResults

if TYPE_CHECKING:
    from coach_tui.factory import AppOptions


class InterviewBase(CoachScreen):
    """Holds the session id and the last ``SessionView``; renders it into every panel."""

    def __init__(self, session_id: str) -> None:
        super().__init__()
        self.session_id = session_id
        self.view: SessionView | None = None
        self._saved_text = ""
        self.unsaved_marked = False
        """The engine was told the editor holds unsaved changes (``interviews.mark_unsaved``)."""
        self.unsaved_since: datetime | None = None
        self.marking = asyncio.Lock()
        self.saving = asyncio.Lock()
        """Held by every code save (autosave, save, language switch): they reach the store in
        the order they were made, so a late autosave can never land after a language switch."""
        self.running = False
        """A run or submission is in flight."""

    # collaborators ---------------------------------------------------------------------------
    @property
    def options(self) -> AppOptions:
        return self.coach.options

    def now(self) -> datetime:
        return self.options.clock()

    @property
    def chat(self) -> ChatPanel:
        return self.query_one(ChatPanel)

    @property
    def code(self) -> CodePanel:
        return self.query_one(CodePanel)

    @property
    def tests(self) -> TestResults:
        return self.query_one(TestResults)

    @property
    def watching(self) -> bool:
        """The solution is kept as a watched file (``--watch`` or ``interview.watch_file``)."""
        return self.coach.start_request.watch or self.engine.config.interview.watch_file

    @property
    def dirty(self) -> bool:
        """The editor changed since the last save."""
        return self.code.code != self.saved_text

    @property
    def saved_text(self) -> str:
        """The editor text as last saved (or loaded); autosave writes only when it differs."""
        return self._saved_text

    @saved_text.setter
    def saved_text(self, text: str) -> None:
        self._saved_text = text
        self.track_unsaved()

    def track_unsaved(self) -> None:
        """Tell the engine when the editor turns modified and when it is saved again (not on
        every keystroke), so a resume after a crash — or after an autosave that failed — can
        say that changes were lost (``interviews.unsaved_work_lost``)."""
        if self.view is None or not self.view.live or not self.is_mounted:
            return
        dirty = self.dirty
        if dirty != self.unsaved_marked:
            self.unsaved_marked = dirty
            self.unsaved_since = utcnow() if dirty else None
            self.record_unsaved()

    @work(group="unsaved", exit_on_error=False)
    async def record_unsaved(self) -> None:
        async with self.marking:  # each write stores the latest state, in order
            await self.engine.interviews.mark_unsaved(self.session_id, self.unsaved_since)

    def report(self, error: BaseException) -> None:
        report_error(self, error)

    def show_tab(self, name: str) -> None:
        """Bring a tab (chat, code, tests, problem) forward; the screen implements layout."""

    # rendering -------------------------------------------------------------------------------
    async def reload(self) -> SessionView:
        """Fetch the session, runs and feedback again and redraw every panel."""
        view = await self.engine.interviews.view(self.session_id)
        previous = self.view.last_run if self.view else None
        self.view = view
        self.tests.time_limit_ms = time_limit_ms(view.problem)
        self.render_view()
        if view.last_run is not None and (previous is None or previous.id != view.last_run.id):
            self.tests.show_run(view.last_run)
        return view

    def render_view(self) -> None:
        view = self.view
        if view is None:
            return
        now = self.now()
        # The code is final once submitted (the judge reads it); "Keep coding" reopens it.
        self.code.editor.read_only = view.session.status.value != "IN_PROGRESS"
        self.query_one(InterviewHeader).show(view, self.coach.provider_status, now)
        self.query_one(ProtocolPanel).show(view, self.code.modified)
        self.query_one(MetricsPanel).show(view, now)

    def refresh_clock(self) -> None:
        if self.view is not None:
            now = self.now()
            self.query_one(InterviewHeader).show_time(self.view, now)
            self.query_one(MetricsPanel).show_time(self.view, now)

    @property
    def can_code(self) -> bool:
        """Runs and submissions need an IN_PROGRESS session; say why when not."""
        if self.view is None:
            return False
        status = self.view.session.status.value
        if status != "IN_PROGRESS":
            self.notify(
                f"The session is {status.replace('_', ' ').lower()}: runs and submissions "
                "are closed. End the interview (f10) or start a new one.",
                title="Interview not in progress",
                severity="warning",
            )
            return False
        return True
