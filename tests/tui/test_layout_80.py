"""80-column layout regressions from the issue-14 QA pass (items 13, 14, 22, 24, 25): each test
replays what a candidate saw at 80x24 and asserts what they should see."""

from __future__ import annotations

from pathlib import Path

import pytest
from samples import judged_two_sum
from textual.widgets import Checkbox, DataTable
from tui_support import fake_sandbox_engine, options, screen_text, settle, until, until_shown

from coach_engine.engine import Engine
from coach_tui.factory import StartRequest, make_app
from coach_tui.keymap import KEYMAP
from coach_tui.screens.drills import DrillsScreen
from coach_tui.screens.interview import InterviewScreen


async def _drills(engine: Engine) -> None:
    """Drills generated from a completed two-sum feedback (as tests/tui/test_modes.py does)."""
    scores = {"correctness": 40, "time_complexity": 30, "communication": 55}
    await engine.drills.generate((await judged_two_sum(engine, scores)).id)


def _footer(app_text: str) -> str:
    return app_text.splitlines()[-1]


async def test_ctrl_home_and_ctrl_end_move_to_the_code_start_and_end(tmp_path: Path) -> None:
    """#25: ctrl+home / ctrl+end did nothing in the code editor (TextArea binds neither)."""
    engine = fake_sandbox_engine(tmp_path / "db.sqlite")
    app = make_app(engine, StartRequest(slug="two-sum"), options())
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, InterviewScreen), "interview")
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        await settle(pilot)  # the screen is pushed before its panels are composed
        editor = screen.code.editor
        await pilot.press(KEYMAP["show_code"].keys.split(",")[0])
        await until(pilot, lambda: app.focused is editor, "the editor focused")
        last = editor.document.line_count - 1
        end = (last, len(editor.document.get_line(last)))
        assert editor.cursor_location != (0, 0)  # starts in the body (QA #5)
        await pilot.press("ctrl+home")
        await until(pilot, lambda: editor.cursor_location == (0, 0), "the code's start")
        await pilot.press("ctrl+end")
        await until(pilot, lambda: editor.cursor_location == end, "the code's end")
    engine.close()


async def test_drills_footer_and_scope_box_read_right_without_colour(
    tmp_path: Path, engine: Engine
) -> None:
    """#14: with no drill open the footer offered ^t Submit, ^g Hint, ^space Skip; #24: the
    compact "All open drills" box showed the same mark on and off (only colour differed)."""
    await _drills(engine)
    everything = await engine.drills.queue()
    due = await engine.drills.queue(due=True)
    assert len(everything) > len(due)
    app = make_app(engine, options=options(connect=False, animate=False))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f5")
        await until(pilot, lambda: isinstance(app.screen, DrillsScreen), "drills mode")
        screen = app.screen
        assert isinstance(screen, DrillsScreen)
        table = screen.query_one("#drill-table", DataTable)
        await until(pilot, lambda: table.row_count == len(due), "the due queue")
        text = await until_shown(pilot, "All open drills: off")
        footer = _footer(text)
        for label in ("Submit", "Hint", "Skip"):
            assert label not in footer, text

        table.focus()
        await until(pilot, lambda: table.has_focus, "the queue focused")
        await pilot.press(KEYMAP["toggle_all"].keys)
        await until(pilot, lambda: table.row_count == len(everything), "all open drills")
        await until_shown(pilot, "All open drills: on")
        assert screen.query_one("#drills-all", Checkbox).value

        table.move_cursor(row=0)
        await pilot.press("enter")
        await until(pilot, lambda: screen.workbench.drill is not None, "a drill open")
        text = await until_shown(pilot, "Submit")
        assert "Submit" in _footer(screen_text(app)), screen_text(app)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_drill_list_gives_the_title_its_width(
    tmp_path: Path, engine: Engine, size: tuple[int, int]
) -> None:
    """#22: the list put due/type/skill first and cut the title to 'Solve Valid An' — the one
    column that says what the drill is. The title now comes first and wraps in its column."""
    await _drills(engine)
    everything = await engine.drills.queue()
    due = await engine.drills.queue(due=True)
    assert len(everything) > len(due)  # some due tomorrow: QA missed one of them in the list
    app = make_app(engine, options=options(connect=False, animate=False))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("f5")
        await until(pilot, lambda: isinstance(app.screen, DrillsScreen), "drills mode")
        screen = app.screen
        assert isinstance(screen, DrillsScreen)
        screen.queue.toggle_scope()
        table = screen.query_one("#drill-table", DataTable)
        await until(pilot, lambda: table.row_count == len(everything), "all open drills")
        await settle(pilot)
        text = screen_text(app)
        pane = table.content_region
        rows = [line[pane.x : pane.right] for line in text.splitlines()[pane.y : pane.bottom]]
        header = rows[0].split()
        assert header[0] == "title" and header[-2:] == ["skill", "due"], text
        title_end = rows[0].index(header[1])
        titles = " ".join(" ".join(row[:title_end].split()) for row in rows[1:])
        for drill in everything:  # every title whole, its words in order (wrapped in its column)
            assert " ".join(drill.title.split()) in titles, (drill.title, text)


async def test_home_at_80_columns_shows_each_problems_level_and_the_sort_figure(
    tmp_path: Path,
) -> None:
    """#13: at 80x24 the home table showed only ✓ and Problem — the level and the sort's figure
    were scrolled off to the right (sorted by difficulty, no difficulty could be seen)."""
    from coach_tui.screens.home import HomeScreen
    from coach_tui.widgets.home.problem_picker import ProblemPicker

    engine = fake_sandbox_engine(tmp_path / "db.sqlite")
    app = make_app(engine, options=options())
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "home")
        picker = app.screen.query_one(ProblemPicker)
        table = picker.query_one("#problems", DataTable)
        await until(pilot, lambda: table.row_count > 0, "the problems")
        from coach_tui.widgets.home.problem_picker import STAT_COLUMNS

        def header_row() -> list[str]:
            text = screen_text(app)
            pane = table.content_region
            return [line[pane.x : pane.right] for line in text.splitlines()[pane.y : pane.bottom]]

        await settle(pilot)
        rows = header_row()
        assert "Level" in rows[0].split(), screen_text(app)  # sorted by difficulty: it shows
        column = rows[0].index("Level")
        levels = [row[column:].split()[0] for row in rows[1:] if row[column:].strip()]
        assert len(levels) >= 5 and set(levels) <= {"easy", "medium", "hard"}, screen_text(app)
        while picker.sort not in STAT_COLUMNS:
            picker.cycle_sort()  # a sort by a figure gives it a column, beside the level
        figure = STAT_COLUMNS[picker.sort]
        await until(
            pilot, lambda: {"Level", figure} <= set(header_row()[0].split()), f"Level and {figure}"
        )
    engine.close()


async def test_the_footer_keeps_help_and_quit_with_the_language_menu_open(tmp_path: Path) -> None:
    """#11: with the language dropdown open at 80 columns the footer ran out of room before
    '? Help' ('esc Dismiss menu  f12 $EDITOR  ^r Run  alt+i Test input  ^t Submit  ^g Hint  ^q')."""
    from textual.widgets import Select

    engine = fake_sandbox_engine(tmp_path / "db.sqlite")
    app = make_app(engine, StartRequest(slug="two-sum"), options())
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, InterviewScreen), "interview")
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        await settle(pilot)
        await pilot.press(KEYMAP["show_code"].keys.split(",")[0])
        await until(pilot, lambda: app.focused is screen.code.editor, "the editor focused")
        select = screen.code.query_one("#language", Select)
        await pilot.press(KEYMAP["switch_language"].keys)
        await until(pilot, lambda: select.expanded, "the language menu open")
        await settle(pilot)
        footer = _footer(screen_text(app))
        assert "esc" in footer and "? Help" in footer and "^q Quit" in footer, footer
    engine.close()


async def test_f10_end_is_named_by_help_when_the_footer_has_no_room(tmp_path: Path) -> None:
    """#12: F10 End is in no footer at 80 columns; the help screen of the interview lists it
    (and the accepted-submission notice names the key, interview_actions)."""
    from coach_tui.screens.help import HelpScreen

    engine = fake_sandbox_engine(tmp_path / "db.sqlite")
    app = make_app(engine, StartRequest(slug="two-sum"), options())
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, InterviewScreen), "interview")
        await settle(pilot)
        await pilot.press("f1")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "help")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        listed = {key.name: key for keys in help_screen.groups.values() for key in keys}
        assert listed["end"].all_keys == "f10" and listed["end"].label == "End"
    engine.close()
