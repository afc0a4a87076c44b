"""Home: find a problem (type to search, sort, filters, random), a language and an interview
kind; resume an unfinished session; see recent ones. Coming back to it (an interview ended)
re-reads the person's record, so a problem solved a moment ago shows its ✓.

The list is composed from the engine's cached listing, so it is in the screen's first frame; the
person's record and sessions (database reads) fill in after it."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Footer, Header

from coach_engine.api import CoachError, ProblemFilter, ProblemSummary
from coach_tui.errors import report_error
from coach_tui.keymap import bindings
from coach_tui.screens.base import CoachScreen
from coach_tui.widgets.home.problem_picker import ProblemPicker
from coach_tui.widgets.home.start_panel import StartPanel


class HomeScreen(CoachScreen):
    """The first screen of the interview mode."""

    BINDINGS = bindings("home")
    _listing_error: CoachError | None = None

    def __init__(self) -> None:
        super().__init__()
        # A mode's new screen whose CSS generation differs from the app's makes Textual refresh
        # the app's CSS as the mode opens, twice (_init_mode, then switch_mode): every
        # stylesheet parsed afresh and every node restyled. This screen is built as its mode
        # opens and is styled with the current CSS as it mounts, so it is current. (Textual
        # 8.2.8 keeps the generation in ``_css_update_count``; a theme change later still
        # refreshes it.)
        self._css_update_count = self.app._css_update_count

    def compose(self) -> ComposeResult:
        request = self.coach.start_request
        config = self.coach.engine.config
        problems: tuple[ProblemSummary, ...] = ()
        difficulties: tuple[str, ...] = ()
        tags: tuple[str, ...] = ()
        try:
            # the index (a file), not the bank: no problem parsed on the way to the list
            listing = self.engine.interviews.listing()
            problems, difficulties, tags = listing.problems, listing.difficulties, listing.tags
        except CoachError as error:  # an invalid problem pack: said on mount, the list empty
            self._listing_error = error
        yield Header()
        with Horizontal(id="home-body"):
            yield ProblemPicker(
                problems, difficulties, tags, request.difficulty, request.topic, id="picker"
            )
            yield StartPanel(request.language or config.interview.language, id="start-panel")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#problems").focus()
        if self._listing_error is not None:
            report_error(self, self._listing_error)

    def on_screen_resume(self) -> None:
        # first shown, or back from an interview (its record changed)
        self.load_problems()
        self.load_sessions()

    @work(group="problems", exclusive=True, exit_on_error=False)
    async def load_problems(self) -> None:
        """The person's record: ✓ and the sort figures (the bank's listing is composed)."""
        stats = await self.engine.interviews.problem_stats()
        solved = {slug for slug, s in stats.items() if s.solved}
        self.query_one(ProblemPicker).set_stats(solved, stats)

    def action_search(self) -> None:
        self.query_one(ProblemPicker).focus_search()

    def action_sort(self) -> None:
        self.query_one(ProblemPicker).cycle_sort()

    @work(group="sessions", exclusive=True, exit_on_error=False)
    async def load_sessions(self) -> None:
        engine = self.coach.engine
        unfinished = await engine.interviews.unfinished()
        recent = await engine.interviews.recent()
        titles = {p.slug: p.title for p in self.query_one(ProblemPicker).problems}
        panel = self.query_one(StartPanel)
        panel.set_sessions(unfinished, recent, titles)
        panel.set_due_drills(len(await engine.drills.queue(due=True)))

    # starting --------------------------------------------------------------------------------
    def action_start(self) -> None:
        slug = self.query_one(ProblemPicker).highlighted_slug
        if slug is None:
            self.notify("No problem matches the filters.", severity="warning", timeout=3)
            return
        self.start(slug)

    def action_random(self) -> None:
        picker = self.query_one(ProblemPicker)
        if not picker.shown:
            self.notify("No problem matches the filters.", severity="warning", timeout=3)
            return
        self.start_random(picker.filters)

    @work(group="start", exclusive=True, exit_on_error=False)
    async def start(self, slug: str) -> None:
        """Start on ``slug``; when an interview on it is paused, ask first (resume / new)."""
        from coach_tui.screens.resume_prompt import ResumeChoice, ResumePrompt

        paused = await self.engine.interviews.unfinished_for(slug)
        if paused is not None:
            titles = {p.slug: p.title for p in self.query_one(ProblemPicker).problems}
            began = paused.created_at.astimezone().strftime("on %b %d at %H:%M")
            choice = await self.app.push_screen_wait(ResumePrompt(titles.get(slug, slug), began))
            if choice is None:
                return
            if choice == ResumeChoice.RESUME:
                await self.coach.open_session(paused.id)
                return
        await self.coach.start_interview(slug, self.query_one(StartPanel).language)

    @work(group="start", exclusive=True, exit_on_error=False)
    async def start_random(self, filters: ProblemFilter) -> None:
        """The engine draws among the problems the filters show."""
        language = self.query_one(StartPanel).language
        session = await self.engine.interviews.start(filters=filters, language=language)
        if session.problem_slug:
            self.query_one(ProblemPicker).highlight(session.problem_slug)
        await self.coach.open_session(session.id)

    @on(ProblemPicker.ProblemChosen)
    def problem_chosen(self, event: ProblemPicker.ProblemChosen) -> None:
        self.start(event.slug)

    @on(StartPanel.StartRequested)
    def start_requested(self) -> None:
        self.action_start()

    @on(StartPanel.RandomRequested)
    def random_requested(self) -> None:
        self.action_random()

    @on(StartPanel.SessionPicked)
    def session_picked(self, event: StartPanel.SessionPicked) -> None:
        self.open(event.session_id)

    @work(group="start", exclusive=True, exit_on_error=False)
    async def open(self, session_id: str) -> None:
        await self.coach.open_session(session_id)
