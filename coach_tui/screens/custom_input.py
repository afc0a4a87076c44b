"""The custom test input dialog: LeetCode's "Testcase" box (issue 14 item 3).

Opened from the interview (its key is in the footer and the palette), prefilled with the first
example's input — or what was typed last time. Running it (ctrl+r) calls
``engine.custom_input.run_in_interview``: the candidate's code and the reference solution run on
the input, and the dialog shows both outputs with the difference highlighted (reverse video and
underline, which survive 16 colours and NO_COLOR), the verdict, and what the code printed. A
malformed input is shown inline, under the box, and the cursor goes to the line at fault.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static, TextArea

from coach_engine.api import CustomRun, ProgramOutput, ValidationError, mismatch, shown_value
from coach_tui.errors import report_error
from coach_tui.keymap import bindings, shown

if TYPE_CHECKING:
    from coach_tui.app import CoachApp

DIFF_STYLE = "bold underline reverse"
"""How the differing part of the two outputs is marked (attributes, not only colour)."""

VERDICTS = {
    "same": ("Same output as the reference", "bold green"),
    "different": ("Different from the reference", "bold red"),
    "error": ("Your code failed", "bold red"),
    "unknown": ("Not compared", "bold yellow"),
}


class CustomInputModal(ModalScreen[str | None]):
    """Type an input, run the code and the reference on it; dismissed with the typed text."""

    BINDINGS = [*bindings("dialog"), *bindings("testcase")]

    # Ids only: the app's stylesheet (modals.tcss) outranks DEFAULT_CSS for shared classes.
    DEFAULT_CSS = """
    CustomInputModal {
        align: center middle;
        background: $background 60%;
    }
    #custom-input-dialog {
        width: 100;
        max-width: 98%;
        height: 90%;
        padding: 0 1;
        background: $surface;
        border: thick $primary;
    }
    #custom-input-title {
        text-style: bold;
        height: 1;
    }
    #custom-input-help {
        color: $text-muted;
        height: auto;
    }
    #custom-input-text {
        height: 5;
    }
    #custom-input-error {
        color: $error;
        height: auto;
        display: none;
    }
    #custom-input-error.-shown {
        display: block;
    }
    #custom-input-result {
        height: 1fr;
    }
    #custom-input-outputs {
        height: auto;
    }
    #custom-input-outputs Static {
        width: 1fr;
        height: auto;
        padding: 0 1 0 0;
    }
    #custom-input-printed {
        height: auto;
        color: $text-muted;
    }
    #custom-input-buttons {
        height: 1;
        align-horizontal: right;
    }
    #custom-input-buttons Button {
        margin-left: 2;
    }
    """

    def __init__(
        self, session_id: str, title: str, params: str, code: str, language: str, text: str
    ) -> None:
        super().__init__(classes="modal")
        self.session_id = session_id
        self.heading = title
        self.params = params
        self.code = code
        self.language = language
        self.text = text
        self.busy = False
        self.result: CustomRun | None = None

    def compose(self) -> ComposeResult:
        run_key = shown("run")
        with Vertical(id="custom-input-dialog"):
            yield Label(f"Custom input · {self.heading}", id="custom-input-title")
            yield Static(
                f"One value per line: {self.params}. {run_key} runs your code and the "
                "reference solution on it.",
                id="custom-input-help",
                markup=False,
            )
            yield TextArea(self.text, id="custom-input-text", soft_wrap=True)
            yield Static("", id="custom-input-error", markup=False)
            with VerticalScroll(id="custom-input-result"):
                yield Static("", id="custom-input-verdict")
                with Horizontal(id="custom-input-outputs"):
                    yield Static("", id="custom-input-yours")
                    yield Static("", id="custom-input-expected")
                yield Static("", id="custom-input-printed")
            with Horizontal(id="custom-input-buttons"):
                yield Button(
                    f"Run ({run_key})", variant="primary", id="custom-input-run", compact=True
                )
                yield Button("Close (esc)", id="custom-input-close", compact=True)

    def on_mount(self) -> None:
        self.query_one("#custom-input-text", TextArea).focus()

    @property
    def input_text(self) -> str:
        return self.query_one("#custom-input-text", TextArea).text

    # actions ---------------------------------------------------------------------------------
    def action_run(self) -> None:
        if self.busy:
            self.notify("The custom input is still running.", timeout=3)
            return
        self.run_input(self.input_text)

    def action_back(self) -> None:
        self.dismiss(self.input_text)

    @on(Button.Pressed, "#custom-input-run")
    def run_from_button(self) -> None:
        self.action_run()

    @on(Button.Pressed, "#custom-input-close")
    def close_from_button(self) -> None:
        self.action_back()

    @work(group="custom-input", exclusive=True, exit_on_error=False)
    async def run_input(self, text: str) -> None:
        engine = cast("CoachApp", self.app).engine
        self.busy = True
        self.show_error(None)
        verdict = self.query_one("#custom-input-verdict", Static)
        verdict.update(Text("Running your code and the reference…", style="italic"))
        try:
            result = await engine.custom_input.run_in_interview(
                self.session_id, self.code, self.language, text
            )
        except ValidationError as exc:  # a malformed input, or the session is not in progress
            verdict.update("")
            self.show_error(exc)
            return
        except Exception as exc:  # noqa: BLE001 - shown as the app shows every error
            verdict.update("")
            report_error(self, exc)
            return
        finally:
            self.busy = False
        self.result = result
        self.show_result(result)

    # rendering -------------------------------------------------------------------------------
    def show_error(self, error: ValidationError | None) -> None:
        box = self.query_one("#custom-input-error", Static)
        box.set_class(error is not None, "-shown")
        box.update("" if error is None else error.message)
        line = getattr(error, "line", None)
        if isinstance(line, int) and line >= 1:
            area = self.query_one("#custom-input-text", TextArea)
            row = min(line - 1, max(area.document.line_count - 1, 0))
            area.move_cursor((row, len(area.document.get_line(row))))
            area.focus()

    def show_result(self, result: CustomRun) -> None:
        label, style = VERDICTS[result.verdict]
        head = Text(label, style=style)
        mine, ref = result.candidate, result.reference
        if mine.status != "ok":
            head.append(f" ({mine.status})", style=style)
        if result.note:
            head.append(f"\n{result.note}", style="italic")
        self.query_one("#custom-input-verdict", Static).update(head)
        yours = shown_value(mine.output) if mine.status == "ok" else _failed(mine)
        expected = shown_value(ref.output) if ref.status == "ok" else _failed(ref)
        left, right = Text(yours), Text(expected)
        if result.verdict == "different":
            start, end_yours, end_expected = mismatch(yours, expected)
            left.stylize(DIFF_STYLE, start, max(end_yours, start + 1))
            right.stylize(DIFF_STYLE, start, max(end_expected, start + 1))
        timing = f"{mine.time_ms:.1f} ms CPU" if mine.status == "ok" else ""
        ref_timing = "cached" if result.reference_cached else f"{ref.time_ms:.1f} ms CPU"
        self.query_one("#custom-input-yours", Static).update(_titled("Your output", left, timing))
        self.query_one("#custom-input-expected", Static).update(
            _titled("Expected (reference)", right, ref_timing)
        )
        printed = Text()
        for name, body in (
            ("compiler", mine.compile_output),
            ("stdout", mine.stdout),
            ("stderr", mine.stderr),
        ):
            if body.strip():
                printed.append(f"{name}\n", style="bold")
                printed.append(body[-2000:].rstrip("\n") + "\n")
        if result.input.unchecked:
            printed.append("Not checked (prose constraints): ", style="bold")
            printed.append("; ".join(result.input.unchecked))
        self.query_one("#custom-input-printed", Static).update(printed)


def _failed(program: ProgramOutput) -> str:
    """A failed program's output cell: its verdict, and for a time limit the time it ran to."""
    if program.status == "TLE" and program.time_ms:
        return f"TLE after {program.time_ms:.0f} ms"
    return program.status


def _titled(title: str, value: Text, foot: str) -> Text:
    out = Text(f"{title}\n", style="bold")
    out.append_text(value)
    if foot:
        out.append(f"\n{foot}", style="dim")
    return out


def params_text(problem: Any) -> str:
    """``nums (int[]), target (int)``: what each line of the box holds."""
    return ", ".join(f"{p.name} ({p.type})" for p in problem.signature.params)
