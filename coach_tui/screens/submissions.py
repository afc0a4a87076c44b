"""The interview's submissions, as LeetCode lists them: one row per submission (verdict, tests
passed, CPU time, language, when), and a read-only view of the code of the one opened.

The list is ``engine.interview.submissions(session)``; nothing here decides a verdict.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Label, Static, TextArea

from coach_engine.api import Submission
from coach_tui.format import LANGUAGE_LABELS
from coach_tui.keymap import bindings

_CSS = """
SubmissionsModal, SubmissionCodeModal {
    align: center middle;
    background: $background 60%;
}
SubmissionsModal .dialog {
    width: 72;
    max-width: 98%;
}
#submissions-table {
    height: auto;
    max-height: 12;
    margin-bottom: 1;
}
SubmissionCodeModal .dialog {
    width: 100;
    max-width: 98%;
    height: 90%;
}
#submission-code {
    height: 1fr;
    margin-bottom: 1;
}
"""


def _cpu(ms: float) -> str:
    return f"{ms:.0f} ms" if ms < 10_000 else f"{ms / 1000:.1f} s"


def _when(submission: Submission) -> str:
    return submission.created_at.astimezone().strftime("%H:%M:%S")


def describe(submission: Submission) -> str:
    """One line: '#2 AC · 57/57 tests · 12 ms · Python · 09:41:03'."""
    return (
        f"#{submission.number} {submission.verdict} · {submission.passed}/{submission.total} "
        f"tests · {_cpu(submission.cpu_ms)} · "
        f"{LANGUAGE_LABELS.get(submission.language, submission.language)} · {_when(submission)}"
    )


class SubmissionsModal(ModalScreen[None]):
    """Every submission of the interview, newest highlighted; enter opens one's code."""

    DEFAULT_CSS = _CSS
    BINDINGS = bindings("dialog")

    def __init__(self, submissions: list[Submission]) -> None:
        super().__init__(classes="modal")
        self.submissions = submissions

    def compose(self) -> ComposeResult:
        count = len(self.submissions)
        with Vertical(classes="dialog"):
            yield Label(f"Submissions ({count})", classes="dialog-title")
            if count:
                yield DataTable(id="submissions-table", cursor_type="row", zebra_stripes=True)
                hint = "enter: read the highlighted submission's code · esc: close"
            else:
                hint = "No submissions yet: submit (ctrl+t) runs every test, hidden ones too."
            yield Static(hint, markup=False, classes="dialog-body")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Close (esc)", id="close")

    def on_mount(self) -> None:
        if not self.submissions:
            self.query_one("#close", Button).focus()
            return
        table = self.query_one("#submissions-table", DataTable)
        table.add_columns("#", "Verdict", "Tests", "CPU time", "Language", "Submitted")
        for s in self.submissions:
            table.add_row(
                str(s.number),
                s.verdict,
                f"{s.passed}/{s.total}",
                _cpu(s.cpu_ms),
                LANGUAGE_LABELS.get(s.language, s.language),
                _when(s),
                key=s.id,
            )
        table.move_cursor(row=len(self.submissions) - 1)
        table.focus()

    @on(DataTable.RowSelected, "#submissions-table")
    def open_submission(self, event: DataTable.RowSelected) -> None:
        chosen = next(s for s in self.submissions if s.id == event.row_key.value)
        self.app.push_screen(SubmissionCodeModal(chosen))

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(None)

    def action_back(self) -> None:
        self.dismiss(None)


class SubmissionCodeModal(ModalScreen[None]):
    """The code of one submission, read-only (copy from it; the editor keeps your current code)."""

    DEFAULT_CSS = _CSS
    BINDINGS = bindings("dialog")

    def __init__(self, submission: Submission) -> None:
        super().__init__(classes="modal")
        self.submission = submission

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(describe(self.submission), classes="dialog-title", markup=False)
            yield TextArea(
                self.submission.code,
                read_only=True,
                show_line_numbers=True,
                id="submission-code",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Close (esc)", id="close")

    def on_mount(self) -> None:
        self.query_one("#submission-code", TextArea).focus()

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(None)

    def action_back(self) -> None:
        self.dismiss(None)
