"""Finding a problem on the home screen (issue 14 item 4): type to search, a sort key that cycles,
enter on a result starts it, and a problem solved in an interview shows its ✓ as soon as the
person is back home — the real app, engine, SQLite store and sandbox."""

from __future__ import annotations

from typing import Any

from interview_app import paste_code
from textual.pilot import Pilot
from textual.widgets import DataTable, Input
from tui_support import GOOD, options, screen_text, settle, until, until_shown

from coach_engine.api import Engine, search_problems
from coach_tui.factory import make_app
from coach_tui.screens.feedback import FeedbackScreen
from coach_tui.screens.home import HomeScreen
from coach_tui.screens.interview import InterviewScreen
from coach_tui.screens.modals import ConfirmModal
from coach_tui.screens.summary import SummaryScreen
from coach_tui.widgets.home.problem_picker import ProblemPicker


def _rows(picker: ProblemPicker) -> list[str]:
    return [p.slug for p in picker.shown]


def _mark(app: Any, slug: str) -> str:
    table = app.screen.query_one("#problems", DataTable)
    return str(table.get_cell_at((table.get_row_index(slug), 0)))


async def _home(pilot: Pilot[Any]) -> ProblemPicker:
    await until(pilot, lambda: isinstance(pilot.app.screen, HomeScreen), "home")
    picker = pilot.app.screen.query_one(ProblemPicker)
    await until(pilot, lambda: bool(picker.shown), "the problem list")
    return picker


async def test_typing_filters_the_list_live_with_the_count_and_enter_starts_the_result(
    engine: Engine,
) -> None:
    app = make_app(engine, options=options())
    async with app.run_test(size=(80, 24)) as pilot:
        picker = await _home(pilot)
        total = len(picker.problems)
        await until_shown(pilot, f"{total} of {total}")

        await pilot.press("slash")  # the search key, from the list
        await until(pilot, lambda: isinstance(app.focused, Input), "the search box focused")
        await pilot.press(*"dp")
        expected = [p.slug for p in search_problems(picker.problems, "dp")]
        await until(pilot, lambda: _rows(picker) == expected, "the dp problems only")
        assert 0 < len(expected) < total and "climbing-stairs" in expected
        await until_shown(pilot, f"{len(expected)} of {total}", "Climbing Stairs")
        assert "Two Sum" not in screen_text(app)

        # the letters of the home keys (s: start, r: random) are typed, not obeyed
        await pilot.press("backspace", "backspace", *"two sum")
        await until(pilot, lambda: _rows(picker) == ["two-sum"], "two sum alone")
        assert isinstance(app.screen, HomeScreen)
        await until_shown(pilot, f"1 of {total}")

        await pilot.press("enter")  # to the results
        table = app.screen.query_one("#problems", DataTable)
        await until(pilot, lambda: app.focused is table, "the results focused")
        await pilot.press("enter")  # starts the highlighted result, as ever
        await until(pilot, lambda: isinstance(app.screen, InterviewScreen), "the interview")
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        session = await engine.sessions.get(screen.session_id)
        assert session.problem_slug == "two-sum"
        await settle(pilot)


async def test_escape_clears_the_query_and_nothing_found_says_so(engine: Engine) -> None:
    app = make_app(engine, options=options())
    async with app.run_test(size=(120, 40)) as pilot:
        picker = await _home(pilot)
        total = len(picker.problems)
        await pilot.press("slash", *"zzqx")
        await until(pilot, lambda: picker.shown == [], "nothing found")
        await until_shown(pilot, f"0 of {total}")
        await pilot.press("s")  # typed into the box: no interview starts
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("escape")
        await until(pilot, lambda: len(picker.shown) == total, "the whole list back")
        assert app.screen.query_one("#search", Input).value == ""


async def test_the_sort_key_cycles_and_shows_the_order_and_its_figure(engine: Engine) -> None:
    app = make_app(engine, options=options())
    async with app.run_test(size=(120, 40)) as pilot:
        picker = await _home(pilot)
        await until_shown(pilot, "by difficulty (o)")
        levels = [p.difficulty for p in picker.shown]
        assert levels == sorted(levels, key=["easy", "medium", "hard"].index)

        # one attempt, so acceptance and recency have something to order
        session = await engine.interviews.start("merge-intervals")
        await engine.interviews.end(session.id)
        await pilot.press("o")
        await until_shown(pilot, "by acceptance (o)", "Acc.")
        assert picker.sort == "acceptance"
        await pilot.press("o")
        await until_shown(pilot, "by last attempted (o)", "Last")
        # the record is re-read whenever home is shown again (here: after a modal)
        await app.push_screen(ConfirmModal("Re-read?", "The record changed."))
        await pilot.press("n")
        await until(pilot, lambda: "merge-intervals" in picker.stats, "the record re-read")
        await until(pilot, lambda: _rows(picker)[0] == "merge-intervals", "the recent one first")
        await pilot.press("o")
        await until_shown(pilot, "by difficulty (o)")
        assert "Last" not in screen_text(app)  # the figure's column is gone
        assert _rows(picker)[0] != "merge-intervals"


async def _submit_and_end(pilot: Pilot[Any], engine: Engine, screen: InterviewScreen) -> None:
    """Submit the accepted code, then end the interview whatever the screens in between ask."""
    await pilot.press("ctrl+t")

    async def accepted() -> bool:
        runs = await engine.sessions.runs(screen.session_id)
        return any(r.is_submission and r.verdict == "AC" for r in runs)

    for _ in range(600):  # answer the confirmation, then wait for the sandbox's verdict
        if isinstance(pilot.app.screen, ConfirmModal):
            await pilot.press("y")
        if await accepted():
            break
        await pilot.pause(0.1)
    assert await accepted(), screen_text(pilot.app)
    for _ in range(600):
        current = pilot.app.screen
        if isinstance(current, SummaryScreen):
            return
        if isinstance(current, ConfirmModal):
            await pilot.press("y")
        elif isinstance(current, InterviewScreen):
            await pilot.press("f10")  # End
        elif isinstance(current, FeedbackScreen):
            await pilot.press("escape")  # back to the interview, which ends it
        await pilot.pause(0.5)
    raise AssertionError(f"the interview did not end\n{screen_text(pilot.app)}")


async def test_a_problem_solved_in_an_interview_is_ticked_when_back_home(engine: Engine) -> None:
    app = make_app(engine, options=options())
    async with app.run_test(size=(120, 40)) as pilot:
        picker = await _home(pilot)
        assert _mark(app, "two-sum") == ""
        picker.highlight("two-sum")
        table = app.screen.query_one("#problems", DataTable)
        table.focus()
        await until(pilot, lambda: picker.highlighted_slug == "two-sum", "two-sum highlighted")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, InterviewScreen), "the interview")
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        await paste_code(pilot, screen, GOOD)

        await _submit_and_end(pilot, engine, screen)
        await settle(pilot)
        await pilot.press("escape")  # summary → home, no restart
        picker = await _home(pilot)
        await until(pilot, lambda: "two-sum" in picker.solved, "two-sum solved")
        await until(pilot, lambda: _mark(app, "two-sum") == "✓", "the ✓ on its row")
        assert _mark(app, "valid-parentheses") == ""
