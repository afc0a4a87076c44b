"""``CoachApp``: modes, global bindings and the few things every screen shares.

The app holds no interview logic: screens call the engine it was given (see ``factory.py``).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import App, SystemCommand
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from coach_engine.api import InterviewKind
from coach_tui.errors import report_error
from coach_tui.factory import AppOptions, StartRequest
from coach_tui.keymap import GLOBAL, KEYMAP, bindings, shown
from coach_tui.screens.opening import OpeningScreen

if TYPE_CHECKING:
    from coach_engine.api import Engine
    from coach_tui.screens.base import CoachScreen

THEMES = {"dark": "textual-dark", "light": "textual-light"}


# The home, drills and dashboard screens (and the engine modules behind them) are imported when
# their mode first opens, not before the first frame: the opening screen needs none of them.
def _home_screen() -> CoachScreen:
    from coach_tui.screens.home import HomeScreen

    return HomeScreen()


def _drills_screen() -> CoachScreen:
    from coach_tui.screens.drills import DrillsScreen

    return DrillsScreen()


def _dashboard_screen() -> CoachScreen:
    from coach_tui.screens.dashboard import DashboardScreen

    return DashboardScreen()


MODE_COMMANDS = (
    ("interview", "Interviews (home)", "Interview mode: pick a problem, resume a session"),
    (
        "drills",
        f"Drills ({shown('drills_mode')})",
        "Drills mode: answer due drills, run code drills",
    ),
    (
        "dashboard",
        f"Dashboard ({shown('dashboard_mode')})",
        "Dashboard mode: scores, streak, goals",
    ),
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
    MODES = {
        "opening": OpeningScreen,
        "interview": _home_screen,
        "drills": _drills_screen,
        "dashboard": _dashboard_screen,
    }
    # The first frame is the light opening screen; ``startup`` then builds the home screen (the
    # interview mode) and switches to it: first paint early, the list right after.
    DEFAULT_MODE = "opening"
    BINDINGS = bindings(GLOBAL)
    COMMAND_PALETTE_BINDING = KEYMAP["command_palette"].keys

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
        first_frame = asyncio.Event()
        self.call_after_refresh(first_frame.set)
        self.startup(first_frame)

    @work(group="startup", exclusive=True, exit_on_error=False)
    async def startup(self, first_frame: asyncio.Event) -> None:
        """After the first frame: the home screen, then the provider and lost feedback jobs,
        then the interview the command line asked for. One worker, so whoever waits for the
        app's workers (tests, ``settle``) waits for all of it."""
        await first_frame.wait()
        if self.current_mode == "opening":  # not when a key already switched modes
            await self.switch_mode("interview")
        if "opening" in self._modes and self.current_mode != "opening":
            await self.remove_mode("opening")
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
        from coach_engine.api import FINISHED  # its module loads the problem schema: not at start
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
            f"Keys and help ({KEYMAP['help'].all_keys})",
            "Every key of this screen and the global ones",
            self.action_help,
        )
        yield SystemCommand(
            "Toggle dark/light theme", "Switch between the dark and light theme", self.toggle_theme
        )
        for mode, title, help_text in MODE_COMMANDS:
            if mode != self.current_mode:
                yield SystemCommand(title, help_text, partial(self.switch_mode, mode))
        commands = getattr(screen, "palette_commands", None)
        if callable(commands):
            yield from commands()

    def action_help(self) -> None:
        """Open the help screen on the current screen's keys (or close it when it is open)."""
        from coach_tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
        else:
            self.push_screen(HelpScreen(self.screen))

    def toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    quit_unsaved = False
    """A quit found an interview it could not save (a server out of reach): the next quits."""

    async def action_quit(self) -> None:
        """Save and pause an open interview before leaving, so it resumes intact. When that
        fails (the server is out of reach), say so and quit only when asked again."""
        from coach_engine.api import CoachError
        from coach_tui.screens.interview import InterviewScreen

        # Every mode's stack: an interview stays open in the interview mode while the person
        # is in Drills or Dashboard (Textual keeps the stacks only in ``_screen_stacks``).
        stacks = getattr(self, "_screen_stacks", {self.current_mode: self.screen_stack})
        for stack in list(stacks.values()):
            for screen in list(stack):
                if not isinstance(screen, InterviewScreen):
                    continue
                try:
                    await screen.save_and_pause()
                except CoachError as exc:
                    if self.quit_unsaved:
                        continue
                    self.quit_unsaved = True
                    self.notify(
                        f"{exc.message}. Your latest code is not saved: press "
                        f"{KEYMAP['quit'].all_keys} again to quit anyway, or wait until it can be.",
                        title="Not saved",
                        severity="error",
                        timeout=15,
                        markup=False,
                    )
                    return
        self.exit()

    async def on_unmount(self) -> None:
        # Feedback jobs stay PENDING/PROCESSING and resume on the next start.
        await self.engine.stop_background()
