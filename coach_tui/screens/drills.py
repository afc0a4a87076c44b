"""Drills mode: the spaced-repetition queue and a workbench to answer, run, hint or skip.

Every engine call runs in a worker; the widgets only show drills and post requests.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Footer, Header

from coach_tui.keymap import bindings
from coach_tui.screens.base import CoachScreen
from coach_tui.widgets.drills.queue import DrillQueue
from coach_tui.widgets.drills.workbench import DrillWorkbench


class DrillsScreen(CoachScreen):
    """The screen of the ``drills`` mode."""

    BINDINGS = bindings("drills")

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="drills-body"):
            yield DrillQueue(id="drill-queue")
            yield DrillWorkbench(id="drill-workbench")
        yield Footer()

    @property
    def queue(self) -> DrillQueue:
        return self.query_one(DrillQueue)

    @property
    def workbench(self) -> DrillWorkbench:
        return self.query_one(DrillWorkbench)

    def on_screen_resume(self) -> None:
        self.load_queue()

    @work(group="drill-queue", exclusive=True, exit_on_error=False)
    async def load_queue(self) -> None:
        drills = await self.engine.drills.queue(due=not self.queue.all_open)
        self.queue.set_drills(drills)
        if self.workbench.drill is None:
            self.query_one("#drill-table").focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Submit, hint and skip act on the open drill: with none open the footer leaves them
        out (a candidate read them as offers; QA issue 14, #14)."""
        if action in ("submit", "hint", "skip") and self.workbench.drill is None:
            return False
        return True

    # actions ----------------------------------------------------------------------------------
    def action_submit(self) -> None:
        self.workbench.request_submit()

    def action_hint(self) -> None:
        self.workbench.request_hint()

    def action_skip(self) -> None:
        self.workbench.request_skip()

    def action_toggle_all(self) -> None:
        self.queue.toggle_scope()

    def action_back(self) -> None:
        self.app.switch_mode("interview")

    # requests from the widgets ----------------------------------------------------------------
    @on(DrillQueue.ScopeChanged)
    def reload_for_scope(self) -> None:
        self.load_queue()

    @on(DrillQueue.DrillPicked)
    def open_picked(self, event: DrillQueue.DrillPicked) -> None:
        self.open_drill(event.drill_id)

    @work(group="drill", exclusive=True, exit_on_error=False)
    async def open_drill(self, drill_id: str) -> None:
        drill, editor = await self.engine.interviews.drill_editor(drill_id)
        self.workbench.show(drill, editor.code, editor.language)

    @on(DrillWorkbench.AnswerSubmitted)
    def grade_answer(self, event: DrillWorkbench.AnswerSubmitted) -> None:
        self.answer(event.drill_id, event.text)

    @work(group="drill", exclusive=True, exit_on_error=False)
    async def answer(self, drill_id: str, text: str) -> None:
        self.workbench.show_note("Grading…")
        outcome = await self.engine.drills.answer(drill_id, text)
        self.workbench.show_outcome(outcome)
        self.load_queue()

    @on(DrillWorkbench.CodeSubmitted)
    def run_code(self, event: DrillWorkbench.CodeSubmitted) -> None:
        self.submit_code(event.drill_id, event.code, event.language)

    @work(group="drill", exclusive=True, exit_on_error=False)
    async def submit_code(self, drill_id: str, code: str, language: str) -> None:
        self.workbench.show_note("Running the tests in the sandbox…")
        outcome = await self.engine.drills.submit_code(drill_id, code, language)
        self.workbench.show_outcome(outcome)
        self.load_queue()

    @on(DrillWorkbench.HintRequested)
    def give_hint(self, event: DrillWorkbench.HintRequested) -> None:
        self.hint(event.drill_id)

    @work(group="drill", exclusive=True, exit_on_error=False)
    async def hint(self, drill_id: str) -> None:
        self.workbench.add_hint(await self.engine.drills.hint(drill_id))

    @on(DrillWorkbench.SkipRequested)
    def skip_drill(self, event: DrillWorkbench.SkipRequested) -> None:
        self.skip(event.drill_id)

    @work(group="drill", exclusive=True, exit_on_error=False)
    async def skip(self, drill_id: str) -> None:
        drill = await self.engine.drills.skip(drill_id)
        self.workbench.show(None)
        self.notify(f"Skipped: {drill.title}", timeout=3, markup=False)
        self.load_queue()
