"""The session summary shown when an interview ends (and for finished sessions from home)."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Footer, Header, Label, Static

from coach_engine.engine import Engine
from coach_engine.models import InterviewSession, Note, SessionStatus
from coach_tui.format import LANGUAGE_LABELS, clock_text, local_date
from coach_tui.queries import load_view
from coach_tui.screens.base import CoachScreen
from coach_tui.state import SessionView


async def end_session(engine: Engine, session_id: str) -> InterviewSession:
    """Complete a session from whatever unfinished state it is in (engine gap:
    ``SessionService.end``). Finished sessions are returned unchanged."""
    sessions = engine.sessions
    session = await sessions.get(session_id)
    if session.status == SessionStatus.CREATED:
        session = await sessions.start(session.id)
    if session.status == SessionStatus.PAUSED:
        session = await sessions.resume(session.id)
    if session.status in (SessionStatus.IN_PROGRESS, SessionStatus.AWAITING_FEEDBACK):
        session = await sessions.complete(session.id)
    return session


def summary_text(view: SessionView, notes: list[Note]) -> str:
    """The summary as aligned plain text (label column, value column)."""
    s = view.session
    best = max(view.runs, key=lambda r: (r.passed / r.total) if r.total else 0, default=None)
    submissions = [r for r in view.runs if r.is_submission]
    final = submissions[-1] if submissions else None
    rows = [
        ("Problem", f"{view.problem.title} ({view.problem.difficulty})"),
        ("Language", LANGUAGE_LABELS.get(s.language, s.language)),
        ("Status", s.status.value.replace("_", " ").lower()),
        ("Started", local_date(s.started_at) if s.started_at else "—"),
        ("Time spent", clock_text(s.active_seconds or s.elapsed_seconds())),
        ("Score", "—" if view.score is None else f"{view.score}/100"),
        ("Runs", f"{len(view.runs) - len(submissions)} runs, {len(submissions)} submissions"),
        ("Best run", f"{best.passed}/{best.total} tests" if best else "—"),
        ("Submission", f"{final.verdict} · {final.passed}/{final.total} tests" if final else "—"),
        ("Hints, reveals", f"{s.hints_used}, {s.reveals_used}"),
        ("Feedback", view.feedback_status()),
    ]
    lines = [f"{label:<16}{value}" for label, value in rows]
    if view.weak_areas:
        lines += ["", "Work on"] + [f"  • {w}" for w in view.weak_areas]
    if notes:
        lines += ["", "Your notes"] + [f"  • {n.content}" for n in notes]
    return "\n".join(lines)


class SummaryScreen(CoachScreen):
    """Read-only: what happened in the session."""

    BINDINGS = [
        Binding("escape,enter", "home", "Home", id="summary.home", tooltip="Back to home"),
        Binding("f8", "feedback", "Feedback", id="summary.feedback", tooltip="Feedback report"),
    ]

    def __init__(self, session_id: str) -> None:
        super().__init__()
        self.session_id = session_id

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="summary-body"):
            yield Label("Interview summary", classes="panel-title")
            yield Static("Loading the summary…", id="summary", markup=False)
            with Horizontal(classes="screen-buttons"):
                yield Button("Home (enter)", variant="primary", id="home")
                yield Button("Feedback (f8)", id="feedback")
        yield Footer()

    def on_mount(self) -> None:
        self.load_summary()

    @work(group="load", exclusive=True, exit_on_error=False)
    async def load_summary(self) -> None:
        engine = self.engine
        view = await load_view(engine, self.session_id)
        notes = await engine.sessions.notes(self.session_id)
        self.query_one("#summary", Static).update(summary_text(view, notes))

    def action_home(self) -> None:
        from coach_tui.screens.home import HomeScreen

        while len(self.app.screen_stack) > 1 and not isinstance(self.app.screen, HomeScreen):
            self.app.pop_screen()

    def action_feedback(self) -> None:
        from coach_tui.screens.feedback import FeedbackScreen

        self.app.push_screen(FeedbackScreen(self.session_id))

    @on(Button.Pressed, "#home")
    def home_pressed(self) -> None:
        self.action_home()

    @on(Button.Pressed, "#feedback")
    def feedback_pressed(self) -> None:
        self.action_feedback()
