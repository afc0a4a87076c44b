"""The tests tab: a coloured X/Y summary, one row per test (verdict, input, expected, actual,
time, memory) and the full detail of the highlighted test. ``r`` re-runs the highlighted test.

What it says follows ``coach_engine.api``'s run report, as ``coach run`` does: a compile error
shows the compiler's message and no test rows (none ran); a timed-out test the CPU time it ran
to and the limit; a wrong answer its first difference from the expected value, marked with
bold + underline + reverse (attributes, so it stays visible in 16 colours and under NO_COLOR)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.message import Message as TextualMessage
from textual.widgets import DataTable, Static

from coach_engine.api import (
    CodeRun,
    TestOutcome,
    compile_message,
    first_difference,
    time_text,
    value_text,
)
from coach_tui.format import local_time, memory_text, percent, score_class, short
from coach_tui.keymap import bindings

COLUMNS = ("#", "Verdict", "Input", "Expected", "Actual", "Time", "Mem")

DIFF_STYLE = "bold underline reverse"
"""How the first difference between expected and actual is marked."""


def marked(value: object, other: object, width: int, *, expected: bool) -> Text:
    """``value`` shown in ``width`` characters (as ``short`` does) with its first difference
    from ``other`` marked (``expected`` says which side of the comparison ``value`` is)."""
    text = short(value, width)
    if value is None or other is None:
        return Text(text)
    full = " ".join(value_text(value).split())
    rest = " ".join(value_text(other).split())
    diff = first_difference(full, rest) if expected else first_difference(rest, full)
    span = None if diff is None else (diff.expected if expected else diff.actual)
    shown = Text(text)
    if span is not None and span[0] < len(text):
        # a cut text ends with "…": mark up to it, never past it
        end = min(span[1], len(text) if len(text) == len(full) else len(text) - 1)
        shown.stylize(DIFF_STYLE, span[0], max(end, span[0] + 1))
    return shown


class TestResults(Vertical):
    """Shows one stored run (the latest, or the one just made)."""

    __test__ = False  # not a pytest class

    BINDINGS = bindings("tests")

    class RerunRequested(TextualMessage):
        """Re-run the test at ``index`` (the engine has no single-test run: the screen runs
        the visible tests and highlights this one)."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.run: CodeRun | None = None
        self.time_limit_ms: int | None = None
        """The problem's per-test CPU limit, shown next to a timed-out test's time."""
        self.running = False
        """A run is under way (its queue position may be shown)."""

    def compose(self) -> ComposeResult:
        yield Static(
            "No run yet — press ctrl+r to run the visible tests.", id="tests-summary", markup=False
        )
        yield DataTable(id="tests-table", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="tests-detail-box"):
            yield Static("", id="tests-detail", markup=False)

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(*COLUMNS)

    def set_running(self, running: bool) -> None:
        self.running = running  # an attribute, not a class: a class change restyles the table
        if running:
            self.query_one("#tests-summary", Static).update("Running the tests…")

    def show_queued(self, position: int, ahead: int) -> None:
        """A run waits for the sandbox (the engine's ``run_queued``): say where it stands."""
        if self.running:
            self.query_one("#tests-summary", Static).update(
                f"Queued for the sandbox, position {position} ({ahead} ahead)…"
            )

    def show_run(self, run: CodeRun | None, highlight: int | None = None) -> None:
        self.run = run
        summary = self.query_one("#tests-summary", Static)
        table = self.query_one(DataTable)
        table.clear()
        for cls in ("-good", "-ok", "-bad"):
            summary.remove_class(cls)
        compile_error = run is not None and run.verdict == "CE"
        # a compile error runs no test: no rows, the compiler's message gets the room
        table.display = not compile_error
        box = self.query_one("#tests-detail-box")
        box.styles.height = "1fr" if compile_error else None
        if run is None:
            summary.update("No run yet — press ctrl+r to run the visible tests.")
            self.query_one("#tests-detail", Static).update("")
            return
        rate = percent(run.passed, run.total)
        kind = "submission (visible + hidden tests)" if run.is_submission else "visible tests"
        if compile_error:
            summary.update(
                f"✗ Compile error — the {run.total} tests did not run · {kind} · "
                f"{local_time(run.created_at)}"
            )
            summary.add_class("-bad")
            message = compile_message(run.tests) or "(the compiler gave no message)"
            self.query_one("#tests-detail", Static).update(Text(message))
            return
        summary.update(
            f"{'✓' if run.verdict == 'AC' else '✗'} {run.passed}/{run.total} passed · "
            f"{rate:.0f}% · {run.verdict} · {kind} · {local_time(run.created_at)}"
        )
        summary.add_class(score_class(rate))
        colours = self.app.current_theme
        for test in run.tests:
            ok = test.verdict == "AC"
            verdict = Text(
                f"{'✓' if ok else '✗'} {test.verdict}",
                style=f"bold {colours.success if ok else colours.error}",
            )
            shown = not (test.hidden and test.input is None)
            wrong = test.verdict == "WA"
            # Text, not markup: a candidate's output may contain anything, "[/x]" included.
            table.add_row(
                Text(str(test.index + 1) + ("h" if test.hidden else "")),
                verdict,
                Text(short(test.input, 16) if shown else "hidden"),
                marked(test.expected, test.actual if wrong else None, 10, expected=True)
                if test.expected is not None
                else Text("—"),
                marked(test.actual, test.expected if wrong else None, 10, expected=False)
                if test.actual is not None
                else Text("—"),
                Text(time_text(test, self.time_limit_ms)),
                Text(memory_text(test.memory_kb)),
                key=str(test.index),
            )
        row = 0
        if highlight is not None:
            row = next((i for i, t in enumerate(run.tests) if t.index == highlight), 0)
        elif run.verdict != "AC":
            row = next((i for i, t in enumerate(run.tests) if t.verdict != "AC"), 0)
        if run.tests:
            table.move_cursor(row=row)
            self.show_detail(run.tests[row])

    def show_detail(self, test: TestOutcome) -> None:
        wrong = test.verdict == "WA"
        detail = Text()
        detail.append(
            f"Test {test.index + 1}{' (hidden)' if test.hidden else ''}: {test.verdict} · "
            f"{time_text(test, self.time_limit_ms)} · {memory_text(test.memory_kb)}\n"
        )
        detail.append("input:    " + (short(test.input, 400) if test.input is not None else "—"))
        for name, value, other, is_expected in (
            ("expected", test.expected, test.actual, True),
            ("actual", test.actual, test.expected, False),
        ):
            detail.append(f"\n{name + ':':<10}")
            if value is None:
                detail.append("—")
            else:
                detail.append_text(
                    marked(value, other if wrong else None, 400, expected=is_expected)
                )
        if test.stdout.strip():
            detail.append("\nstdout:\n" + test.stdout.rstrip())
        if test.stderr.strip():
            detail.append("\nstderr:\n" + test.stderr.rstrip())
        self.query_one("#tests-detail", Static).update(detail)

    @on(DataTable.RowHighlighted)
    def detail_of_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self.run is not None and 0 <= event.cursor_row < len(self.run.tests):
            self.show_detail(self.run.tests[event.cursor_row])

    def action_rerun(self) -> None:
        if self.run is None or not self.run.tests:
            self.notify("Nothing to re-run yet: press ctrl+r to run the tests.", timeout=3)
            return
        row = self.query_one(DataTable).cursor_row
        self.post_message(self.RerunRequested(self.run.tests[max(0, row)].index))
