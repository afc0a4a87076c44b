"""``CoachApp``: modes, global bindings and the few things every screen shares.

The app holds no interview logic: screens call the engine it was given (see ``factory.py``).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from coach_engine.api import FINISHED, InterviewKind
from coach_tui.errors import report_error
from coach_tui.factory import AppOptions, StartRequest
from coach_tui.screens.dashboard import DashboardScreen
from coach_tui.screens.drills import DrillsScreen
from coach_tui.screens.home import HomeScreen

if TYPE_CHECKING:
    from coach_engine.api import Engine

THEMES = {"dark": "textual-dark", "light": "textual-light"}
MODE_COMMANDS = (
    ("interview", "Interviews (home)", "Interview mode: pick a problem, resume a session"),
    ("drills", "Drills (f5)", "Drills mode: answer due drills, run code drills"),
    ("dashboard", "Dashboard (f6)", "Dashboard mode: scores, streak, skills, goals"),
)


class CoachApp(App[None]):
    """The terminal front end of Coach."""

    TITLE = "Coach"
    SUB_TITLE = "mock interviews"
    CSS_PATH = [
        "app.tcss",
        "screens/home.tcss",
        "screens/interview.tcss",
        "screens/feedback.tcss",
        "screens/modals.tcss",
        "screens/drills.tcss",
        "screens/dashboard.tcss",
    ]
    MODES = {"interview": HomeScreen, "drills": DrillsScreen, "dashboard": DashboardScreen}
    DEFAULT_MODE = "interview"
    BINDINGS = [
        Binding(
            "ctrl+q",
            "quit",
            "Quit",
            id="app.quit",
            tooltip="Quit Coach; an open interview is saved, paused and can be resumed",
            priority=True,
        ),
        # Hidden from the footer (existing snapshots stay as they are); listed in the palette.
        # Priority: a mode switch wins over an editor's own f5/f6 (TextArea: f6 selects a line).
        Binding(
            "f5",
            "switch_mode('drills')",
            "Drills",
            id="app.drills",
            tooltip="Drills mode: the due-drill queue",
            show=False,
            priority=True,
        ),
        Binding(
            "f6",
            "switch_mode('dashboard')",
            "Dashboard",
            id="app.dashboard",
            tooltip="Dashboard mode: scores, streak, skills and goals",
            show=False,
            priority=True,
        ),
    ]

    def __init__(self, engine: Engine, start: StartRequest, options: AppOptions) -> None:
        super().__init__()
        self.engine = engine
        self.start_request = start
        self.options = options
        self.provider_status = engine.provider_status
        self.theme = THEMES.get(engine.config.ui.theme, "textual-dark")
        if not options.animate:
            self.animation_level = "none"

    def on_mount(self) -> None:
        self.startup()

    @work(group="startup", exclusive=True, exit_on_error=False)
    async def startup(self) -> None:
        if self.options.connect:
            self.provider_status = await self.engine.connect_provider()
            await self.engine.feedback.resume()
        request = self.start_request
        if request.resume_id:
            await self.open_session(request.resume_id)
        elif request.slug:
            await self.start_interview(request.slug, request.language)

    # navigation ------------------------------------------------------------------------------
    async def start_interview(
        self, slug: str, language: str | None, kind: InterviewKind = InterviewKind.CODING
    ) -> None:
        """Create a session on ``slug`` and open the interview screen (``language`` None:
        ``interview.language`` of the config)."""
        session = await self.engine.interviews.start(slug, language=language, kind=kind)
        await self.open_session(session.id)

    async def open_session(self, session_id: str) -> None:
        """Finished sessions open on their summary, unfinished ones in the interview screen."""
        from coach_tui.screens.interview import InterviewScreen
        from coach_tui.screens.summary import SummaryScreen

        session = await self.engine.sessions.get(session_id)
        if session.status in FINISHED:
            await self.push_screen(SummaryScreen(session.id))
        else:
            await self.push_screen(InterviewScreen(session.id))

    # shared behaviour ------------------------------------------------------------------------
    @on(Worker.StateChanged)
    def report_failed_worker(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            report_error(self, event.worker.error)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand(
            "Toggle dark/light theme", "Switch between the dark and light theme", self.toggle_theme
        )
        for mode, title, help_text in MODE_COMMANDS:
            if mode != self.current_mode:
                yield SystemCommand(title, help_text, partial(self.switch_mode, mode))
        commands = getattr(screen, "palette_commands", None)
        if callable(commands):
            yield from commands()

    def toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    async def action_quit(self) -> None:
        """Save and pause an open interview before leaving, so it resumes intact."""
        from coach_tui.screens.interview import InterviewScreen

        # Every mode's stack: an interview stays open in the interview mode while the person
        # is in Drills or Dashboard (Textual keeps the stacks only in ``_screen_stacks``).
        stacks = getattr(self, "_screen_stacks", {self.current_mode: self.screen_stack})
        for stack in list(stacks.values()):
            for screen in list(stack):
                if isinstance(screen, InterviewScreen):
                    await screen.save_and_pause()
        self.exit()

    async def on_unmount(self) -> None:
        # Feedback jobs stay PENDING/PROCESSING and resume on the next start.
        await self.engine.stop_background()
