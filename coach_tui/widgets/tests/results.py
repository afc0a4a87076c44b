"""The tests tab: a coloured X/Y summary, one row per test (verdict, input, expected, actual,
time, memory) and the full detail of the highlighted test. ``r`` re-runs the highlighted test."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message as TextualMessage
from textual.widgets import DataTable, Static

from coach_engine.api import CodeRun, TestOutcome
from coach_tui.format import local_time, memory_text, ms_text, percent, score_class, short

COLUMNS = ("#", "Verdict", "Input", "Expected", "Actual", "Time", "Mem")


class TestResults(Vertical):
    """Shows one stored run (the latest, or the one just made)."""

    __test__ = False  # not a pytest class

    BINDINGS = [
        Binding(
            "r",
            "rerun",
            "Re-run test",
            id="tests.rerun",
            tooltip="Run the visible tests again and jump to the highlighted one",
        ),
    ]

    class RerunRequested(TextualMessage):
        """Re-run the test at ``index`` (the engine has no single-test run: the screen runs
        the visible tests and highlights this one)."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.run: CodeRun | None = None

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
        self.set_class(running, "-running")
        if running:
            self.query_one("#tests-summary", Static).update("Running the tests…")

    def show_run(self, run: CodeRun | None, highlight: int | None = None) -> None:
        self.run = run
        summary = self.query_one("#tests-summary", Static)
        table = self.query_one(DataTable)
        table.clear()
        for cls in ("-good", "-ok", "-bad"):
            summary.remove_class(cls)
        if run is None:
            summary.update("No run yet — press ctrl+r to run the visible tests.")
            self.query_one("#tests-detail", Static).update("")
            return
        rate = percent(run.passed, run.total)
        kind = "submission (visible + hidden tests)" if run.is_submission else "visible tests"
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
            cells = (
                str(test.index + 1) + ("h" if test.hidden else ""),
                "hidden" if test.hidden and test.input is None else short(test.input, 16),
                short(test.expected, 10) if test.expected is not None else "—",
                short(test.actual, 10) if test.actual is not None else "—",
                ms_text(test.time_ms, test.verdict != "CE"),
                memory_text(test.memory_kb),
            )
            # Text, not markup: a candidate's output may contain anything, "[/x]" included.
            number, data = Text(cells[0]), [Text(c) for c in cells[1:]]
            table.add_row(number, verdict, *data, key=str(test.index))
        row = 0
        if highlight is not None:
            row = next((i for i, t in enumerate(run.tests) if t.index == highlight), 0)
        elif run.verdict != "AC":
            row = next((i for i, t in enumerate(run.tests) if t.verdict != "AC"), 0)
        if run.tests:
            table.move_cursor(row=row)
            self.show_detail(run.tests[row])

    def show_detail(self, test: TestOutcome) -> None:
        lines = [
            f"Test {test.index + 1}{' (hidden)' if test.hidden else ''}: {test.verdict} · "
            f"{ms_text(test.time_ms, test.verdict != 'CE')} · {memory_text(test.memory_kb)}",
            f"input:    {short(test.input, 400)}" if test.input is not None else "input:    —",
            f"expected: {short(test.expected, 400)}",
            f"actual:   {short(test.actual, 400)}",
        ]
        if test.stdout.strip():
            lines.append("stdout:\n" + test.stdout.rstrip())
        if test.stderr.strip():
            lines.append("stderr:\n" + test.stderr.rstrip())
        self.query_one("#tests-detail", Static).update("\n".join(lines))

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
