"""Modal dialogs: an error with its fix, a yes/no confirmation, and the note editor."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static, TextArea

from coach_tui.keymap import bindings


class ErrorModal(ModalScreen[None]):
    """A blocking error: the title as heading, the message (which says the fix) below."""

    BINDINGS = bindings("dialog")  # esc closes; enter presses the focused OK

    def __init__(self, title: str, message: str) -> None:
        super().__init__(classes="modal -error")
        self.heading = title
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.heading, classes="dialog-title")
            yield Static(self.message, markup=False, classes="dialog-body")
            with Horizontal(classes="dialog-buttons"):
                yield Button("OK", variant="primary", id="ok")

    def on_mount(self) -> None:
        self.query_one("#ok", Button).focus()

    @on(Button.Pressed, "#ok")
    def close_dialog(self) -> None:
        self.dismiss(None)

    def action_back(self) -> None:
        self.dismiss(None)


class ConfirmModal(ModalScreen[bool]):
    """Ask before something that cannot be taken back (submit, end, losing code)."""

    BINDINGS = [*bindings("dialog"), *bindings("confirm")]

    def __init__(self, title: str, message: str, confirm: str = "Yes") -> None:
        super().__init__(classes="modal")
        self.heading = title
        self.message = message
        self.confirm = confirm

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.heading, classes="dialog-title")
            yield Static(self.message, markup=False, classes="dialog-body")
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.confirm} (y)", variant="primary", id="yes")
                yield Button("Cancel (n)", id="no")

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    def action_back(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed)
    def answer_from_button(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


class NoteModal(ModalScreen[str | None]):
    """Write a private note about the interview (stored with the session)."""

    BINDINGS = [*bindings("dialog"), *bindings("note")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -note"):
            yield Label("Note", classes="dialog-title")
            yield TextArea(id="note-text", soft_wrap=True)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#note-text", TextArea).focus()

    def action_save(self) -> None:
        text = self.query_one("#note-text", TextArea).text.strip()
        self.dismiss(text or None)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_back(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#save")
    def save_from_button(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def cancel_from_button(self) -> None:
        self.dismiss(None)
