"""The interview protocol: Discuss → Code → Test → Submit (derived from the session's state),
the session status, hints and reveals used, and the feedback job with its progress bar."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label, ProgressBar, Static

from coach_engine.api import HINT_LEVELS, STEPS, FeedbackStatus, SessionView


def steps_content(current: int) -> Content:
    """``Discuss › Code › Test › Submit``: done steps green, the current one bold and
    underlined, the rest dim (fits 32 columns)."""
    parts: list[Content] = []
    for i, name in enumerate(STEPS):
        if i < current:
            parts.append(Content.from_markup("[$success]$name[/]", name=name))
        elif i == current:
            parts.append(Content.from_markup("[b u $accent]$name[/]", name=name))
        else:
            parts.append(Content.from_markup("[dim]$name[/]", name=name))
    return Content(" › ").join(parts)


class ProtocolPanel(Vertical):
    """Where the interview stands."""

    def compose(self) -> ComposeResult:
        yield Label("Interview", classes="panel-title")
        yield Static("", id="protocol-steps")
        yield Static("", id="protocol-facts", markup=False)
        yield ProgressBar(total=1.0, show_eta=False, id="feedback-progress")

    def show(self, view: SessionView, code_started: bool) -> None:
        self.query_one("#protocol-steps", Static).update(steps_content(view.step(code_started)))
        session = view.session
        facts = [
            f"Status    {session.status.value.replace('_', ' ').lower()}",
            f"Hints     {min(session.hints_used, HINT_LEVELS)}/{HINT_LEVELS} used"
            + (f" · {session.reveals_used} reveals" if session.reveals_used else ""),
            f"Feedback  {view.feedback_status()}",
        ]
        self.query_one("#protocol-facts", Static).update("\n".join(facts))
        fb = view.feedback
        active = fb is not None and fb.status in (FeedbackStatus.PENDING, FeedbackStatus.PROCESSING)
        bar = self.query_one("#feedback-progress", ProgressBar)
        bar.display = active
        if fb is not None:
            bar.update(progress=fb.progress)

    def show_progress(self, progress: float) -> None:
        bar = self.query_one("#feedback-progress", ProgressBar)
        bar.display = progress < 1.0
        bar.update(progress=progress)
