"""The session summary shown when an interview ends (and for finished sessions from home)."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Footer, Header, Label, Static

from coach_engine.api import SessionSummary
from coach_tui.format import LANGUAGE_LABELS, clock_text, local_date
from coach_tui.keymap import bindings, shown
from coach_tui.screens.base import CoachScreen


def summary_text(summary: SessionSummary) -> str:
    """The summary as aligned plain text (label column, value column)."""
    s = summary.session
    best, final = summary.best_run, summary.final_submission
    rows = [
        ("Problem", f"{summary.problem_title} ({summary.problem_difficulty})"),
        ("Language", LANGUAGE_LABELS.get(s.language, s.language)),
        ("Status", s.status.value.replace("_", " ").lower()),
        ("Started", local_date(s.started_at) if s.started_at else "—"),
        ("Time spent", clock_text(summary.time_spent_s)),
        ("Score", "—" if summary.score is None else f"{summary.score}/100"),
        ("Runs", f"{_counted(summary.runs, 'run')}, {_counted(summary.submissions, 'submission')}"),
        ("Best run", f"{best[0]}/{best[1]} tests" if best else "—"),
        ("Submission", f"{final[0]} · {final[1]}/{final[2]} tests" if final else "—"),
        ("Hints, reveals", f"{s.hints_used}, {s.reveals_used}"),
        ("Feedback", summary.feedback_status),
    ]
    return "\n".join(f"{label:<16}{value}" for label, value in rows)


def summary_view(summary: SessionSummary) -> Group:
    """The summary rows, then the points to work on and the notes as bullets whose wrapped
    lines stay under their text (the judge's points are markdown: its code quotes lose their
    backticks here, where they would show as-is)."""
    parts: list[RenderableType] = [Text(summary_text(summary))]
    for title, items in (
        ("Work on", [w.replace("`", "") for w in summary.weak_areas]),
        ("Your notes", list(summary.notes)),
    ):
        if items:
            bullets = Table.grid(padding=(0, 1))
            bullets.add_column(width=3, justify="right")
            bullets.add_column(ratio=1)
            for item in items:
                bullets.add_row("•", Text(item))
            parts += [Text(""), Text(title), bullets]
    return Group(*parts)


def _counted(n: int, noun: str) -> str:
    return f"{n} {noun if n == 1 else noun + 's'}"


class SummaryScreen(CoachScreen):
    """Read-only: what happened in the session."""

    BINDINGS = bindings("summary")

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
                yield Button(f"Feedback ({shown('view_feedback')})", id="feedback")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#home", Button).focus()  # enter goes home, as its label says
        self.load_summary()

    @work(group="load", exclusive=True, exit_on_error=False)
    async def load_summary(self) -> None:
        summary = await self.engine.interviews.summary(self.session_id)
        self.query_one("#summary", Static).update(summary_view(summary))

    def action_home(self) -> None:
        from coach_tui.screens.home import HomeScreen

        while len(self.app.screen_stack) > 1 and not isinstance(self.app.screen, HomeScreen):
            self.app.pop_screen()

    def action_back(self) -> None:
        self.action_home()

    def action_view_feedback(self) -> None:
        self.action_feedback()

    def action_feedback(self) -> None:
        from coach_tui.screens.feedback import FeedbackScreen

        self.app.push_screen(FeedbackScreen(self.session_id))

    @on(Button.Pressed, "#home")
    def home_pressed(self) -> None:
        self.action_home()

    @on(Button.Pressed, "#feedback")
    def feedback_pressed(self) -> None:
        self.action_feedback()
