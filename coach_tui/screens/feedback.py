"""The feedback report of a session: score card, per-criterion scores, strengths, weaknesses,
suggestions, complexity (measured vs stated), details; generate drills; end the interview."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Footer, Header, Markdown, Static

from coach_engine.api import FeedbackEvent, FeedbackStatus
from coach_tui.format import score_class
from coach_tui.keymap import bindings
from coach_tui.screens.base import CoachScreen
from coach_tui.widgets.feedback.report import feedback_markdown

if TYPE_CHECKING:
    from coach_engine.api import CodeRun, FeedbackRun, SessionView


def verdict_markdown(submission: CodeRun) -> str:
    """What an accepted submission's feedback screen says while the job measures the rest."""
    verdict = "Accepted" if submission.verdict == "AC" else submission.verdict
    return (
        f"## {verdict} · {submission.passed}/{submission.total} tests passed\n\n"
        "Complexity and timing are being measured on growing inputs; the score and the full "
        "report appear here when they land. Esc goes back to the interview meanwhile: you may "
        "still improve the code and submit again."
    )


class FeedbackScreen(CoachScreen):
    """Pushed over the interview when feedback completes (or with ctrl+f), and as soon as a
    submission is accepted (``submission``: its verdict is the first thing shown)."""

    BINDINGS = bindings("feedback")

    def __init__(self, session_id: str, submission: CodeRun | None = None) -> None:
        super().__init__()
        self.session_id = session_id
        self.submission = submission
        self.feedback: FeedbackRun | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="feedback-body"):
            yield Static("feedback…" if self.submission else "…", id="feedback-score", markup=False)
            first = verdict_markdown(self.submission) if self.submission else None
            yield Markdown(first or "Loading the feedback…", id="feedback-report")
            with Horizontal(classes="screen-buttons"):
                yield Button("Generate drills (g)", variant="primary", id="drills")
                yield Button("End interview (f10)", variant="warning", id="end")
                yield Button("Back (esc)", id="back")
        yield Footer()

    def on_mount(self) -> None:
        self.load_feedback()

    @work(group="load", exclusive=True, exit_on_error=False)
    async def load_feedback(self) -> None:
        """Show the feedback; while its job runs (an accepted submission opens this screen at
        once), show the verdict the submission already has and the job's progress, then the
        report when the engine's ``feedback`` event says it completed. Waiting is this worker's
        work, so whoever waits for the screen's workers waits for the report."""
        # subscribed before reading the view: no event between the read and the wait is lost
        subscription = self.engine.events.subscribe(self.session_id)
        try:
            view = await self.engine.interviews.view(self.session_id)
            job = view.feedback
            if job is not None and job.status in (
                FeedbackStatus.PENDING,
                FeedbackStatus.PROCESSING,
            ):
                await self.show_pending(view)
                async for event in subscription:
                    if not isinstance(event, FeedbackEvent):
                        continue
                    if event.data.status in (FeedbackStatus.PENDING, FeedbackStatus.PROCESSING):
                        self.show_progress(view, event.data.progress, event.data.message)
                        continue
                    view = await self.engine.interviews.view(self.session_id)
                    break
        finally:
            subscription.close()
        await self.show_feedback(view)

    async def show_pending(self, view: SessionView) -> None:
        submission = next((r for r in reversed(view.runs) if r.is_submission), None)
        self.show_progress(view, view.feedback.progress if view.feedback else 0.0, None)
        shown = self.submission.id if self.submission else None
        if submission is not None and submission.id != shown:  # else on screen since compose
            await self.query_one("#feedback-report", Markdown).update(verdict_markdown(submission))

    def show_progress(self, view: SessionView, progress: float, note: str | None) -> None:
        text = f"{view.problem.title} · feedback {progress:.0%}"
        self.query_one("#feedback-score", Static).update(f"{text} · {note}" if note else text)

    async def show_feedback(self, view: SessionView) -> None:
        self.feedback = view.feedback_done
        score = self.query_one("#feedback-score", Static)
        report = self.query_one("#feedback-report", Markdown)
        if self.feedback is None:
            score.update(f"{view.problem.title} · feedback {view.feedback_status()}")
            await report.update("No completed feedback for this session yet.")
            return
        value = self.feedback.overall_score or 0
        score.update(f"{view.problem.title} · score {value}/100")
        score.add_class(score_class(value))
        await report.update(feedback_markdown(self.feedback))

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_drills(self) -> None:
        if self.feedback is None:
            self.notify("Drills are made from completed feedback.", severity="warning")
        else:
            self.notify("Generating drills from this feedback…", timeout=3)
            self.generate_drills()

    @work(group="drills", exclusive=True, exit_on_error=False)
    async def generate_drills(self) -> None:
        feedback = await self.engine.interviews.latest_completed_feedback(self.session_id)
        made = await self.engine.drills.generate(feedback.id)
        titles = "\n".join(f"• {d.title}" for d in made)
        self.notify(
            f"{len(made)} drills from this feedback:\n{titles}\nPractise them with `coach drills`.",
            title="Drills ready",
            timeout=12,
            markup=False,
        )

    def action_end(self) -> None:
        self.end_interview()

    @work(group="end", exclusive=True, exit_on_error=False)
    async def end_interview(self) -> None:
        from coach_tui.screens.summary import SummaryScreen

        await self.engine.interviews.end(self.session_id)
        self.app.pop_screen()
        self.app.switch_screen(SummaryScreen(self.session_id))

    @on(Button.Pressed, "#drills")
    def drills_pressed(self) -> None:
        self.action_drills()

    @on(Button.Pressed, "#end")
    def end_pressed(self) -> None:
        self.action_end()

    @on(Button.Pressed, "#back")
    def back_pressed(self) -> None:
        self.action_back()
