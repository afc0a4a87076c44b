"""Results that read true (issue 14 item 6), on the real sandbox: a compile error shows the
compiler's message and no test rows, a timed-out test the CPU time it ran to and the limit, a
wrong answer its first difference marked with attributes that survive 16 colours and NO_COLOR;
and the feedback screen says each thing once with no toast over it."""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import Any

import pytest
from interview_app import open_interview, paste_code
from rich.text import Text
from textual.widgets import DataTable, Markdown, Static
from tui_support import (
    FEEDBACK,
    make_engine,
    notifications,
    screen_text,
    scripted_producer,
    settle,
    until,
    until_shown,
)

from coach_engine.feedback_jobs import FeedbackResult
from coach_tui.screens.feedback import FeedbackScreen
from coach_tui.screens.interview import InterviewScreen
from coach_tui.widgets.tests.results import DIFF_STYLE

PY_CE = "class Solution:\n    def twoSum(self, nums, target)\n        return []\n"
PY_TLE = (
    "class Solution:\n    def twoSum(self, nums, target):\n        while True:\n            pass\n"
)
PY_WA = "class Solution:\n    def twoSum(self, nums, target):\n        return [0, 2]\n"
JAVA_CE = (
    "class Solution {\n"
    "    public int[] twoSum(int[] nums, int target) {\n"
    "        return undefinedName;\n"
    "    }\n"
    "}\n"
)


def interview(
    tmp_path: Path, language: str = "python", producer: Any = None
) -> AbstractAsyncContextManager[tuple[Any, InterviewScreen]]:
    return open_interview(make_engine(tmp_path / "db.sqlite", producer), language=language)


async def run_code(pilot: Any, screen: InterviewScreen, code: str, key: str = "ctrl+r") -> None:
    await paste_code(pilot, screen, code)
    runs = screen.view.attempts if screen.view else 0
    await pilot.press(key)
    if key == "ctrl+t":
        await until(pilot, lambda: "Submit your solution?" in screen_text(pilot.app), "confirm")
        await pilot.press("y")
    await until(pilot, lambda: screen.view is not None and screen.view.attempts > runs, "a run")
    await until(pilot, lambda: not screen.running, "the run to finish")
    if key != "ctrl+t":  # a submission moves on to the feedback screen
        await settle(pilot)


def detail(screen: InterviewScreen) -> Text:
    content = screen.tests.query_one("#tests-detail", Static).content
    return content if isinstance(content, Text) else Text(str(content))


async def assert_compile_error(pilot: Any, screen: InterviewScreen, message: str) -> None:
    screen.show_tab("tests")
    shown = await until_shown(pilot, "Compile error — the 3 tests did not run", message)
    table = screen.tests.query_one(DataTable)
    assert table.row_count == 0 and not table.display  # no test is listed as if it ran
    assert "null" not in shown and "0.0" not in shown
    assert message in detail(screen).plain


async def test_python_syntax_error_shows_the_message_not_tests(tmp_path: Path) -> None:
    async with interview(tmp_path) as (pilot, screen):
        await run_code(pilot, screen, PY_CE)
        assert screen.view is not None and screen.view.last_run is not None
        assert screen.view.last_run.verdict == "CE"
        await assert_compile_error(pilot, screen, "SyntaxError")
        # a run that compiles brings the rows back
        await run_code(pilot, screen, PY_WA)
        assert screen.tests.query_one(DataTable).display
        assert screen.tests.query_one(DataTable).row_count == 3


@pytest.mark.slow
async def test_java_compile_error_shows_the_compiler_message(tmp_path: Path) -> None:
    async with interview(tmp_path, language="java") as (pilot, screen):
        await run_code(pilot, screen, JAVA_CE)
        assert screen.view is not None and screen.view.last_run is not None
        assert screen.view.last_run.verdict == "CE"
        await assert_compile_error(pilot, screen, "cannot find symbol")


async def test_a_timed_out_test_shows_the_time_it_ran_to_and_the_limit(tmp_path: Path) -> None:
    async with interview(tmp_path) as (pilot, screen):
        await run_code(pilot, screen, PY_TLE)
        run = screen.view.last_run if screen.view else None
        assert run is not None and run.tests[0].verdict == "TLE"
        screen.show_tab("tests")
        first = detail(screen).plain.splitlines()[0]
        assert first.startswith("Test 1: TLE · ")
        ran_to = float(first.split(" · ")[1].split(" ms")[0])
        assert ran_to > 250  # the time it was stopped at, never 0.0
        assert "(limit 250)" in first
        table = screen.tests.query_one(DataTable)
        cell = table.get_row_at(0)[5]
        assert str(cell).endswith("ms (limit 250)") and not str(cell).startswith("0")


async def test_a_wrong_answer_marks_the_first_difference(tmp_path: Path) -> None:
    async with interview(tmp_path) as (pilot, screen):
        await run_code(pilot, screen, PY_WA)  # [0, 2] for every test
        screen.show_tab("tests")
        text = detail(screen)
        assert text.plain.startswith("Test 1: WA")
        marked = [text.plain[s.start : s.end] for s in text.spans if str(s.style) == DIFF_STYLE]
        # expected [0, 1], actual [0, 2]: the second element differs, on both lines
        assert marked == ["1", "2"]
        lines = text.plain.splitlines()
        assert "expected: [0, 1]" in lines and "actual:   [0, 2]" in lines
        # the table's cells mark it too
        row = screen.tests.query_one(DataTable).get_row_at(1)
        expected, actual = row[3], row[4]
        assert isinstance(expected, Text) and isinstance(actual, Text)
        assert [expected.plain[s.start : s.end] for s in expected.spans] == ["1"]  # [1, 2]
        assert [actual.plain[s.start : s.end] for s in actual.spans] == ["0"]  # [0, 2]


REPEATING = FeedbackResult(
    **{
        **FEEDBACK.model_dump(),
        # the judge's report repeats the lists and the criteria the screen shows from fields
        "detailed_feedback": (
            "## two-sum (python): 82/100 (pass the 70 bar)\n\n"
            "| criterion | weight | score | why |\n|---|---:|---:|---|\n"
            "| correctness | 0.30 | 100 | passed 33/33 tests |\n"
            "| communication | 0.15 | n/a | no transcript: not assessed |\n\n"
            "### Correctness: AC, 33/33 tests\n\n- 33/33 passed (visible 3/3, hidden 30/30)\n\n"
            "### Strengths\n\n- Found the one-pass hash map and explained its cost.\n\n"
            "### Weaknesses\n\n- Did not test duplicate values before submitting.\n"
        ),
    }
)


async def test_feedback_screen_says_each_thing_once_without_a_toast(tmp_path: Path) -> None:
    from tui_support import GOOD

    producer = scripted_producer(REPEATING)
    async with interview(tmp_path, producer=producer) as (pilot, screen):
        await run_code(pilot, screen, GOOD, key="ctrl+t")
        app = pilot.app
        await until(pilot, lambda: isinstance(app.screen, FeedbackScreen), "the feedback screen")
        await until(pilot, lambda: app.screen.query("#feedback-report"), "the report widget")
        report = app.screen.query_one("#feedback-report", Markdown)
        await until(pilot, lambda: "Strengths" in report.source, "the report")
        source = report.source
        assert source.count("Found the one-pass hash map") == 1
        assert source.count("Did not test duplicate values") == 1
        assert source.count("### Strengths") == 1
        assert "| criterion | weight |" not in source  # the criteria are in one table
        assert "no transcript: not assessed" in source  # with the judge's why
        assert "Correctness: AC, 33/33 tests" in source  # what only the report says stays
        shown = await until_shown(pilot, "score 82/100")
        assert shown.count("Found the one-pass hash map") <= 1
        # the screen says the score: no toast over its first lines
        assert not any("Feedback ready" in n for n in notifications(app))
        assert "Feedback ready" not in screen_text(app)
        # let the feedback job's last events land before the app closes
        await until(
            pilot, lambda: screen.view is not None and screen.view.feedback_done, "feedback"
        )
        await settle(pilot)
        assert not any("Feedback ready" in n for n in notifications(app))
