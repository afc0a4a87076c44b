"""Regressions found by playing whole interviews as a candidate in tmux at 80x24 (issue 14 QA):
each test replays the steps that tripped a candidate and asserts what they should have seen."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from interview_app import open_interview
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Select
from tui_support import (
    FEEDBACK,
    at,
    fake_sandbox_engine,
    make_engine,
    options,
    screen_text,
    seed,
    until,
    until_shown,
)

from coach_engine.engine import Engine
from coach_tui.factory import make_app
from coach_tui.keymap import KEYMAP
from coach_tui.screens.home import HomeScreen
from coach_tui.screens.interview import InterviewScreen


def interview_at_80(
    tmp_path: Path, slug: str
) -> AbstractAsyncContextManager[tuple[Pilot[Any], InterviewScreen]]:
    """The app at 80x24 (fake sandbox) on a new interview on ``slug``, settled."""
    return open_interview(fake_sandbox_engine(tmp_path / "db.sqlite"), slug, size=(80, 24))


@asynccontextmanager
async def mode_at_80(
    tmp_path: Path, key: str, mode: type[Screen[Any]]
) -> AsyncIterator[Pilot[Any]]:
    """The app at 80x24 (fake sandbox, no data) switched from home to ``mode`` by ``key``."""
    engine = fake_sandbox_engine(tmp_path / "db.sqlite")
    app = make_app(engine, options=options())
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, HomeScreen), "home")
            await pilot.press(key)
            await until(pilot, lambda: isinstance(app.screen, mode), mode.__name__)
            yield pilot
    finally:
        engine.close()


def words(text: str) -> str:
    """The screen's words in reading order, however a column wraps them (rules dropped)."""
    return " ".join(text.replace("▏", " ").split())


def card_words(text: str) -> str:
    """The words inside the dashboard's top row of cards ('' before they are drawn)."""
    lines = text.splitlines()
    top = next((i for i, line in enumerate(lines) if "╭" in line), None)
    if top is None:
        return ""
    bottom = max((i for i, line in enumerate(lines[: top + 6]) if "╰" in line), default=top)
    return words(" ".join(lines[top:bottom]).replace("│", " "))


async def test_after_a_language_pick_typing_goes_to_the_editor_and_the_picker_reads(
    tmp_path: Path,
) -> None:
    """ctrl+l, pick a language, type: the picker kept focus, so the typed code reopened it and
    was lost; and its focus frame covered the value (only a top edge '┏━━┓' showed), so the
    candidate could not see the language either. Now the editor takes the keys, and the picker,
    focused again, shows its value."""
    async with interview_at_80(tmp_path, "two-sum") as (pilot, screen):
        app, code = pilot.app, screen.code
        select = code.query_one("#language", Select)
        await pilot.press(KEYMAP["switch_language"].keys)
        await until(pilot, lambda: select.expanded, "the picker open")
        await pilot.press("down", "enter")  # python -> javascript (starter code: no question)
        await until(pilot, lambda: code.language == "javascript", "javascript")
        await until(pilot, lambda: app.focused is code.editor, "the editor focused")
        await pilot.press(*"return", "space", "1")
        await until(pilot, lambda: "return 1" in code.code, "typed into the editor")
        assert not select.expanded and code.language == "javascript"

        select.focus()  # as by a click or tabbing to it
        await until(pilot, lambda: app.focused is select, "the picker focused")
        text = await until_shown(pilot, "JavaScript")
        assert "┏━━━━━━━━━━━━━━┓" not in text.splitlines()[3], screen_text(app)


async def test_typing_in_a_fresh_editor_lands_in_the_function_body(tmp_path: Path) -> None:
    """f2 then typing: the cursor was at 1:1, so the first line typed went before
    'class Solution:'. It starts at the end of the starter's (indented) empty body line, in the
    language switched to as well."""
    async with interview_at_80(tmp_path, "two-sum") as (pilot, screen):
        app, code = pilot.app, screen.code
        await pilot.press(KEYMAP["show_code"].keys.split(",")[0])
        await until(pilot, lambda: app.focused is code.editor, "the editor focused")
        await pilot.press(*"return", "space", *"nums")
        await until(pilot, lambda: "nums\n" in code.code, "the typed line")
        lines = code.code.split("\n")
        assert lines[0] == "class Solution:", lines
        assert lines[2] == "        return nums", lines

        select = code.query_one("#language", Select)
        await pilot.press(KEYMAP["switch_language"].keys)
        await until(pilot, lambda: select.expanded, "the picker open")
        await pilot.press("down", "down", "enter")  # python -> java; confirm: the code changed
        await until(pilot, lambda: code.language == "java" or app.screen is not screen, "?")
        if app.screen is not screen:
            await pilot.press("y")
        await until(pilot, lambda: "class Solution {" in code.code, "the java starter")
        code.editor.focus()
        await pilot.press(*"int", "space", "x")
        await until(pilot, lambda: "int x" in code.code, "typed in java")
        java = code.code.split("\n")
        assert java[0] == "class Solution {" and java[2] == "        int x", java


async def test_brackets_typed_inside_a_char_literal_leave_no_stray_closers(
    tmp_path: Path,
) -> None:
    """Typing ``if (c == '(' || c == '{') open++;`` in Java left ``)')`` and more trailing the
    cursor (each bracket inside the quotes got a closer), which Enter carried to a later line."""
    async with interview_at_80(tmp_path, "valid-parentheses") as (pilot, screen):
        app, code = pilot.app, screen.code
        code.load("", "java", "")
        code.editor.focus()
        await until(pilot, lambda: app.focused is code.editor, "the editor focused")
        line = "if (c == '(' || c == '{') open++;"
        await pilot.press(*[{" ": "space"}.get(ch, ch) for ch in line])
        await until(pilot, lambda: code.code.rstrip().endswith("open++;"), "the line typed")
        assert code.code.strip() == line, repr(code.code)
        await pilot.press(*[{" ": "space"}.get(ch, ch) for ch in 'String t = "([";'])
        await until(pilot, lambda: "t = " in code.code and code.code.rstrip()[-1] == ";", "typed")
        assert code.code.strip() == line + 'String t = "([";', repr(code.code)


@pytest.fixture
def finished(tmp_path: Path, utc: None) -> Iterator[tuple[Engine, str]]:
    """The seeded history, its finished session's feedback naming one long point to work on,
    with code quoted in markdown as the judge writes it."""
    from coach_engine.models import FeedbackRun, FeedbackStatus

    engine = make_engine(tmp_path / "db.sqlite")
    _live, done = seed(engine)
    point = (
        "Time O(n log n) (timing and static analysis agree), the optimal approach is O(n): "
        "line 3: `sorted(s)` sorts → n log n."
    )
    engine.store.add_feedback(
        FeedbackRun(
            session_id=done,
            user_id=engine.user.id,
            status=FeedbackStatus.COMPLETED,
            progress=1.0,
            created_at=at(-1400),
            completed_at=at(-1399),
            **FEEDBACK.model_copy(update={"weaknesses": [point]}).model_dump(
                exclude={"input_tokens", "output_tokens", "total_cost_usd"}
            ),
        )
    )
    yield engine, done
    engine.close()


async def test_the_summary_reads_its_points_as_text_with_hanging_bullets(
    finished: tuple[Engine, str],
) -> None:
    """The summary's "Work on" showed the judge's markdown as-is (`sorted(s)` in backticks) and
    a point's wrapped lines went back to the margin under its bullet at 80 columns."""
    from coach_tui.screens.summary import SummaryScreen

    engine, done = finished
    app = make_app(engine, options=options())
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "home")
        await app.push_screen(SummaryScreen(done))
        text = await until_shown(pilot, "Work on", "sorted(s) sorts")
        assert "`" not in text, text
        lines = text.splitlines()
        first = next(i for i, line in enumerate(lines) if "Time O(n log n)" in line)
        column = lines[first].index("Time")
        follow = lines[first + 1]
        assert not follow[:column].strip(" █▌▎▊"), text  # the wrapped line is under the text
        assert follow[column:].strip(), text
        assert "0 runs, 1 submission" in text and "1 submissions" not in text, text


async def test_drills_at_80_columns_show_the_whole_empty_queue_hint(tmp_path: Path) -> None:
    """Drills mode at 80x24 with nothing due: the hint was cut ("Generate them from a fe")."""
    from coach_tui.screens.drills import DrillsScreen

    async with mode_at_80(tmp_path, "f5", DrillsScreen) as pilot:
        hint = "No due drills. Generate them from a feedback report."
        await until(pilot, lambda: hint in words(screen_text(pilot.app)), "the whole hint")


async def test_dashboard_cards_at_80_columns_keep_their_whole_labels(tmp_path: Path) -> None:
    """The dashboard's card read "interviews com" at 80 columns."""
    from coach_tui.screens.dashboard import DashboardScreen

    async with mode_at_80(tmp_path, "f6", DashboardScreen) as pilot:
        labels = ("completed", "hours invested", "day streak")
        await until(
            pilot,
            lambda: all(label in card_words(screen_text(pilot.app)) for label in labels),
            "the cards' whole labels",
        )
        cards = card_words(screen_text(pilot.app))
        assert "interviews com " not in cards + " ", screen_text(pilot.app)
