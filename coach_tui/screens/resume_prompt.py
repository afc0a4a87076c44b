"""Ask before a second interview on a problem that has a paused one (QA #20): y resumes it,
n starts a new one, esc goes back to the list without either."""

from __future__ import annotations

from enum import StrEnum

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from coach_tui.keymap import bindings


class ResumeChoice(StrEnum):
    RESUME = "resume"
    NEW = "new"


class ResumePrompt(ModalScreen[ResumeChoice | None]):
    """The confirm dialog's keys (y / n, esc), with "n" meaning start new, not cancel."""

    BINDINGS = [*bindings("dialog"), *bindings("confirm")]

    def __init__(self, title: str, started: str) -> None:
        super().__init__(classes="modal")
        self.problem_title = title
        self.started = started

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(
                f"Resume your paused interview on {self.problem_title}?", classes="dialog-title"
            )
            yield Static(
                f"You began it {self.started}. y resumes it with its code and clock; n starts a "
                "new one (the paused one stays in Resume); esc goes back.",
                markup=False,
                classes="dialog-body",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Resume (y)", variant="primary", id="resume")
                yield Button("Start new (n)", id="new")

    def on_mount(self) -> None:
        self.query_one("#resume", Button).focus()

    def action_answer(self, answer: bool) -> None:
        self.dismiss(ResumeChoice.RESUME if answer else ResumeChoice.NEW)

    def action_back(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed)
    def answer_from_button(self, event: Button.Pressed) -> None:
        self.dismiss(ResumeChoice.RESUME if event.button.id == "resume" else ResumeChoice.NEW)
