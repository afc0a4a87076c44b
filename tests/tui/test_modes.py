"""The Drills and Dashboard modes, driven by keys on a real engine (temporary SQLite file, real
sandbox): drills generated from a completed feedback are answered, run and skipped; the
dashboard shows the figures of ``coach_engine.dashboard.service.dashboard``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from samples import judged_two_sum
from textual import events
from textual.pilot import Pilot
from textual.widgets import DataTable, Markdown
from tui_support import fake_sandbox_engine, notifications, options, settle, until, until_shown

from coach_engine.dashboard.service import dashboard
from coach_engine.engine import Engine
from coach_engine.models import (
    DrillStatus,
    DrillType,
    SessionStatus,
)
from coach_tui.factory import StartRequest, make_app
from coach_tui.screens.dashboard import DashboardScreen
from coach_tui.screens.drills import DrillsScreen
from coach_tui.screens.interview import InterviewScreen
from coach_tui.widgets.dashboard.cards import StatCard
from coach_tui.widgets.drills.workbench import DrillWorkbench

ANSWER = "It is O(n^2) time and O(1) space. A hash map, one pass, is O(n)."


async def _drills(engine: Engine) -> str:
    """A submitted two-sum session with a completed feedback, and the drills generated from it
    (as tests/test_drills.py does); the session's id."""
    feedback = await judged_two_sum(engine)
    await engine.drills.generate(feedback.id)
    return feedback.session_id


def _row_of(table: DataTable[object], drill_id: str) -> int:
    return table.get_row_index(drill_id)


async def _open(pilot: Pilot[Any], screen: DrillsScreen, drill_id: str) -> DrillWorkbench:
    table = screen.query_one("#drill-table", DataTable)
    table.focus()  # takes effect later (call_later): enter must reach the table
    await until(pilot, lambda: table.has_focus, "the queue focused")
    table.move_cursor(row=_row_of(table, drill_id))
    await pilot.press("enter")
    bench = screen.workbench
    await until(pilot, lambda: bench.drill is not None and bench.drill.id == drill_id, "drill")
    # show() focuses the answer box or the editor, and its classes restyle it, both later.
    box = bench.code_editor if bench.is_code else bench.answer_box
    await until(pilot, lambda: box.has_focus and box.display, "the drill's input focused")
    return bench


async def _toggle_all(pilot: Pilot[Any], table: DataTable[object]) -> None:
    """``a`` switches due/all while the queue has focus (a letter types in the answer box)."""
    table.focus()
    await until(pilot, lambda: table.has_focus, "the queue focused")
    await pilot.press("a")


def _result(bench: DrillWorkbench) -> str:
    return bench.query_one("#drill-result", Markdown).source


async def test_drills_mode_answers_runs_and_skips(tmp_path: Path, engine: Engine) -> None:
    await _drills(engine)
    drills = await engine.drills.queue(due=True)
    everything = await engine.drills.queue()
    assert len(everything) > len(drills)  # some are scheduled for later days
    concept = next(d for d in drills if d.drill_type == DrillType.CONCEPT_REVIEW)
    code = next(d for d in drills if d.drill_type == DrillType.CODE_EXERCISE)
    assert code.problem_slug
    other = next(d for d in everything if d.drill_type == DrillType.MOCK_SCENARIO)

    app = make_app(engine, options=options(connect=False, animate=False))
    async with app.run_test(size=(140, 45), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("f5")
        await until(pilot, lambda: isinstance(app.screen, DrillsScreen), "drills mode")
        screen = app.screen
        assert isinstance(screen, DrillsScreen)
        table = screen.query_one("#drill-table", DataTable)
        await until(pilot, lambda: table.row_count == len(drills), "the due queue")
        # The rows are set at once; the screen repaints them (and the title) later.
        await until_shown(pilot, f"{len(drills)} due drills", f"{concept.target_skill}")

        # A concept drill: type an answer, submit, see the score and the next review.
        bench = await _open(pilot, screen, concept.id)
        assert concept.title in bench.query_one("#drill-prompt", Markdown).source
        assert bench.answer_box.has_focus
        await pilot.press(*ANSWER)
        await until(pilot, lambda: bench.answer_box.text == ANSWER, "the answer typed")
        await pilot.press("ctrl+t")  # submit, as in an interview
        await until(pilot, lambda: "Score" in _result(bench), "graded")
        await settle(pilot)
        graded = await engine.drills.get(concept.id)
        assert graded.score == 100 and graded.repetitions == 1
        assert "Score: 100/100" in _result(bench)
        assert "covered:" in _result(bench)
        assert f"Next review: **{graded.due_at.astimezone():%Y-%m-%d}**" in _result(bench)
        # No longer due: it left the due queue, and comes back with "all open drills".
        await until(pilot, lambda: table.row_count == len(drills) - 1, "queue refreshed")
        await _toggle_all(pilot, table)
        await until(pilot, lambda: table.row_count == len(everything), "all open drills")
        await _toggle_all(pilot, table)
        await until(pilot, lambda: table.row_count == len(drills) - 1, "due drills again")

        # A code drill: the editor starts on the starter; run the reference solution.
        bench = await _open(pilot, screen, code.id)
        language = code.language or "python"
        problem = engine.bank.get(code.problem_slug)
        assert bench.code_editor.text == problem.starter(language)
        await until(pilot, lambda: not bench.answer_box.display, "the answer box hidden")
        await pilot.press("f7", "delete")
        app.post_message(events.Paste(problem.reference(language)))
        await until(pilot, lambda: bench.code_editor.text == problem.reference(language), "paste")
        await pilot.press("ctrl+t")
        await until(pilot, lambda: "Score" in _result(bench), "run", timeout=30)
        assert "Score: 100/100" in _result(bench) and "verdict **AC**" in _result(bench)
        assert (await engine.drills.get(code.id)).score == 100
        await until(pilot, lambda: table.row_count == len(drills) - 2, "both reviewed")

        # Among all open drills: a hint, then skip one.
        await _toggle_all(pilot, table)
        await until(pilot, lambda: table.row_count == len(everything), "all open drills")
        bench = await _open(pilot, screen, other.id)
        if other.hints:
            await pilot.press("ctrl+g")
            hints = bench.query_one("#drill-hints", Markdown)
            await until(pilot, lambda: other.hints[0] in hints.source, "hint shown")
        await pilot.press("ctrl+@")  # skip: ctrl+space
        await until(pilot, lambda: bench.drill is None, "skipped")
        assert (await engine.drills.get(other.id)).status == DrillStatus.SKIPPED
        # The notification is a message to the app; the queue reloads in a worker.
        await until(pilot, lambda: any(other.title in n for n in notifications(app)), "notified")
        await until(pilot, lambda: table.row_count == len(everything) - 1, "queue reloaded")
        assert other.id not in [str(k.value) for k in table.rows]

        await pilot.press("escape")
        await until(pilot, lambda: app.current_mode == "interview", "back to interviews")


async def test_dashboard_mode_shows_the_engine_figures(tmp_path: Path, engine: Engine) -> None:
    session_id = await _drills(engine)
    await engine.sessions.complete(session_id, score=64)
    concept = next(
        d for d in await engine.drills.queue() if d.drill_type == DrillType.CONCEPT_REVIEW
    )
    await engine.drills.answer(concept.id, ANSWER)  # a review today: a one-day streak
    app = make_app(engine, options=options(connect=False, animate=False))
    async with app.run_test(size=(140, 60), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("f6")
        await until(pilot, lambda: isinstance(app.screen, DashboardScreen), "dashboard mode")
        screen = app.screen
        card = screen.query_one("#dash-completed", StatCard)
        await until(pilot, lambda: card.value != "…", "figures loaded")
        await settle(pilot)
        board = await dashboard(engine)

        def value(card_id: str) -> str:
            return screen.query_one(f"#{card_id}", StatCard).value

        assert (board.interviews_completed, board.current_streak_days) == (1, 1)
        assert value("dash-completed") == str(board.interviews_completed)
        assert value("dash-streak") == str(board.current_streak_days)
        assert value("dash-time") == f"{board.time_invested_hours:g}"
        score = "—" if board.overall_score is None else f"{board.overall_score}/100"
        assert value("dash-score") == score
        assert board.goals
        for goal in board.goals:
            row = screen.query_one(f"#goal-{goal.id}")
            assert f"{goal.current}/{goal.total}" in str(row.children[2].render())
        # The widgets hold the figures once loaded; the screen repaints them later.
        labels = [goal.label[:20] for goal in board.goals]
        await until_shown(
            pilot, f"Weekly goals {board.week}", *labels, "Recent sessions", "Insight"
        )

        await pilot.press("escape")
        await until(pilot, lambda: app.current_mode == "interview", "back to interviews")
        await pilot.press("f5")
        await until(pilot, lambda: isinstance(app.screen, DrillsScreen), "drills from home")


async def test_palette_lists_the_modes(tmp_path: Path, engine: Engine) -> None:
    app = make_app(engine, options=options(connect=False, animate=False))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Drills (f5)" in titles and "Dashboard (f6)" in titles
        drills = next(c for c in app.get_system_commands(app.screen) if c.title == "Drills (f5)")
        drills.callback()
        await until(pilot, lambda: app.current_mode == "drills", "drills via palette")
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Interviews (home)" in titles and "Drills (f5)" not in titles


async def test_quit_from_another_mode_pauses_the_open_interview(tmp_path: Path) -> None:
    engine = fake_sandbox_engine(tmp_path / "db.sqlite")
    app = make_app(engine, StartRequest(slug="two-sum"), options(connect=False, animate=False))
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, InterviewScreen), "interview")
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        await settle(pilot)
        await pilot.press("f6")
        await until(pilot, lambda: isinstance(app.screen, DashboardScreen), "dashboard")
        await settle(pilot)
        await pilot.press("ctrl+q")
        # The quit action pauses the interview, then exits: leaving the block before it ran
        # would shut the app down with the interview still in progress.
        await until(pilot, lambda: app.return_code is not None, "quit")
    assert (await engine.sessions.get(screen.session_id)).status == SessionStatus.PAUSED
    engine.close()
