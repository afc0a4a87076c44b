"""Interview-screen behaviour, one feature per test, on a stand-in sandbox (fast and exact).

The real sandbox is exercised by test_journey.py and the tmux end-to-end test.
"""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from datetime import timedelta
from pathlib import Path

import pytest
from interview_app import open_interview, paste_code
from textual import events
from textual.widgets import DataTable, Select
from tui_support import (
    GOOD,
    fake_sandbox_engine,
    notifications,
    options,
    screen_text,
    settle,
    until,
)

from coach_engine.errors import SandboxError
from coach_engine.models import ContentType, SessionStatus, SnapshotReason, utcnow
from coach_tui.factory import AppOptions, StartRequest, make_app
from coach_tui.screens.interview import InterviewScreen
from coach_tui.screens.modals import ConfirmModal, ErrorModal, NoteModal
from coach_tui.widgets.chat.message import ChatMessage


def interview(
    tmp_path: Path, size: tuple[int, int] = (120, 40), engine=None, **opts: object
) -> AbstractAsyncContextManager[tuple[object, InterviewScreen]]:
    """A two-sum interview on ``engine`` (a new fake-sandbox one, closed after, by default)."""
    own = engine or fake_sandbox_engine(tmp_path / "db.sqlite")
    return open_interview(own, size=size, close=engine is None, app_options=options(**opts))


async def test_language_switch_confirms_then_loads_the_starter(tmp_path: Path) -> None:
    async with interview(tmp_path) as (pilot, screen):
        await paste_code(pilot, screen, GOOD)
        screen.query_one("#language", Select).value = "cpp"
        await until(pilot, lambda: isinstance(pilot.app.screen, ConfirmModal), "confirm")
        await pilot.press("n")  # keep python
        await settle(pilot)
        assert screen.code.language == "python" and screen.code.code == GOOD
        assert screen.query_one("#language", Select).value == "python"

        screen.query_one("#language", Select).value = "cpp"
        await until(pilot, lambda: isinstance(pilot.app.screen, ConfirmModal), "confirm")
        await pilot.press("y")
        await until(pilot, lambda: screen.code.language == "cpp", "C++ loaded")
        await settle(pilot)
        starter = screen.view.problem.starter("cpp")
        assert screen.code.code == starter
        editor = screen.code.editor
        assert editor.language == "cpp" and "cpp" in editor.available_languages
        assert editor._highlights, "C++ is syntax highlighted"
        snapshots = screen.engine.store.list_snapshots(screen.engine.user.id, screen.session_id)
        assert [(s.language, s.reason) for s in snapshots][-2:] == [
            ("python", SnapshotReason.MANUAL),
            ("cpp", SnapshotReason.MANUAL),
        ]
        assert snapshots[-2].code == GOOD  # the python code was kept


async def test_unmodified_code_switches_language_without_asking(tmp_path: Path) -> None:
    async with interview(tmp_path) as (pilot, screen):
        screen.query_one("#language", Select).value = "go"
        await until(pilot, lambda: screen.code.language == "go", "go loaded")
        assert "func twoSum" in screen.code.code


async def test_copy_the_last_code_block_of_the_chat(tmp_path: Path) -> None:
    async with interview(tmp_path) as (pilot, screen):
        screen.chat.focus_input()
        pilot.app.post_message(events.Paste("like this: ```python\nseen = {}\n```"))
        await pilot.press("enter")
        await until(pilot, lambda: len(screen.query(ChatMessage)) == 3, "reply")
        await pilot.press("ctrl+o")
        await until(pilot, lambda: screen.code.code == "seen = {}\n", "code in the editor")
        await pilot.press("ctrl+z")  # one undo brings the starter back
        assert "def twoSum" in screen.code.code


async def test_hints_count_and_reveal_explains_itself(tmp_path: Path) -> None:
    async with interview(tmp_path) as (pilot, screen):
        await pilot.press("ctrl+g")
        await until(pilot, lambda: len(screen.query(ChatMessage)) == 2, "hint")
        await settle(pilot)
        hint = list(screen.query(ChatMessage))[-1]
        assert hint.content_type == ContentType.HINT and "nudge" in hint.content.lower()
        assert "1/3 used" in screen_text(pilot.app)
        await pilot.press("ctrl+right_square_bracket")  # reveal: ctrl+]
        await until(pilot, lambda: notifications(pilot.app), "a notification")
        assert any("No failing hidden test" in n for n in notifications(pilot.app))


async def test_a_note_is_stored(tmp_path: Path) -> None:
    async with interview(tmp_path) as (pilot, screen):
        await pilot.press("ctrl+n")
        await until(pilot, lambda: isinstance(pilot.app.screen, NoteModal), "note modal")
        await pilot.press(*"check duplicates", "ctrl+s")
        await until(
            pilot, lambda: any("Note saved" in n for n in notifications(pilot.app)), "saved"
        )
        notes = await screen.engine.sessions.notes(screen.session_id)
        assert [n.content for n in notes] == ["check duplicates"]


async def test_run_then_rerun_one_test(tmp_path: Path) -> None:
    async with interview(tmp_path) as (pilot, screen):
        await paste_code(pilot, screen, GOOD.replace("seen = {}", "seen = {}  # BUG"))
        await pilot.press("ctrl+r")
        await until(pilot, lambda: screen.view.attempts == 1 and not screen.running, "a run")
        await settle(pilot)
        table = screen.tests.query_one(DataTable)
        assert table.cursor_row == 1  # the failing test is highlighted
        assert "2/3 passed" in screen_text(pilot.app)
        assert "actual:   [/x] [bold]" in screen_text(pilot.app)  # shown as text, not markup
        assert screen.code.query_one("#saved").render().plain.startswith("saved ")
        table.move_cursor(row=2)
        table.focus()
        await pilot.press("t")  # re-run test 3: the visible tests run, test 3 is highlighted
        await until(pilot, lambda: screen.view.attempts == 2 and not screen.running, "re-run")
        await settle(pilot)
        assert table.cursor_row == 2
        assert "Test 3: AC" in screen_text(pilot.app)


async def test_a_sandbox_failure_is_a_modal_with_the_fix(tmp_path: Path) -> None:
    def broken(request: object) -> object:
        raise SandboxError("bubblewrap is missing: install it with `apt install bubblewrap`")

    engine = fake_sandbox_engine(tmp_path / "db.sqlite", runner=broken)
    async with interview(tmp_path, engine=engine) as (pilot, screen):
        await pilot.press("ctrl+r")
        await until(pilot, lambda: isinstance(pilot.app.screen, ErrorModal), "error modal")
        await settle(pilot)
        text = screen_text(pilot.app)
        assert "Sandbox error" in text and "bubblewrap is missing: install it" in text
        await pilot.press("enter")
        await settle(pilot)
        assert pilot.app.screen is screen and not screen.running
        assert "No run yet" in screen.tests.query_one("#tests-summary").render().plain


async def test_engine_error_events_are_notifications(tmp_path: Path) -> None:
    async with interview(tmp_path) as (pilot, screen):
        screen.engine.events.emit(
            "error", screen.session_id, title="Provider error", message="rate limited — retry"
        )
        await until(pilot, lambda: notifications(pilot.app), "notification")
        assert notifications(pilot.app) == ["Provider error: rate limited — retry"]


async def test_timer_turns_to_warning_with_five_minutes_left(tmp_path: Path) -> None:
    start = utcnow()
    clock = {"now": start}
    async with interview(tmp_path, clock=lambda: clock["now"], timer_seconds=0.05) as (
        pilot,
        screen,
    ):
        timer = screen.query_one("#hdr-timer")
        assert not timer.has_class("-warning")
        clock["now"] = start + timedelta(minutes=41)
        await until(pilot, lambda: timer.has_class("-warning"), "warning colour")
        assert "left" in screen_text(pilot.app)


async def test_the_engine_clock_breaks_a_silence_and_calls_time(tmp_path: Path) -> None:
    # The clock runs in the engine (no TUI timer decides anything); the screen renders it.
    engine = fake_sandbox_engine(tmp_path / "db.sqlite")
    clock = {"now": utcnow()}
    engine.clocks.now = lambda: clock["now"]
    engine.clocks.period_s = 0.05
    async with interview(tmp_path, engine=engine, clock=lambda: clock["now"]) as (pilot, screen):
        assert engine.clocks.get(screen.session_id) is not None
        assert len(screen.query(ChatMessage)) == 1  # the greeting: nothing is due yet
        clock["now"] += timedelta(minutes=4)

        def last_says(text: str) -> bool:
            bubbles = list(screen.query(ChatMessage))
            return text in bubbles[-1].content and not bubbles[-1].has_class("-streaming")

        await until(pilot, lambda: last_says("quiet"), "a nudge")
        assert len(screen.query(ChatMessage)) == 2
        clock["now"] += timedelta(minutes=45)
        await until(pilot, lambda: last_says("minutes are up"), "time-up")
        await until(pilot, lambda: notifications(pilot.app), "notification")
        assert len(screen.query(ChatMessage)) == 3
        assert any(n.startswith("Time is up:") for n in notifications(pilot.app))
    engine.close()


async def test_layout_follows_the_terminal_width(tmp_path: Path) -> None:
    async with interview(tmp_path, size=(160, 48)) as (pilot, screen):
        assert screen.has_class("-wide")
        assert screen.chat.display and screen.code.display
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert screen.has_class("-narrow")
        assert "Problem f4" in screen_text(pilot.app)
        await pilot.press("f4")
        await settle(pilot)
        assert "arrays-hashing" in screen_text(pilot.app)  # the problem pane, full width
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        assert screen.has_class("-medium") and screen.query_one("#sidebar").display


async def test_quit_saves_the_code_and_pauses_the_clock(tmp_path: Path) -> None:
    engine = fake_sandbox_engine(tmp_path / "db.sqlite")
    async with interview(tmp_path, engine=engine) as (pilot, screen):
        engine, session_id = screen.engine, screen.session_id
        await paste_code(pilot, screen, GOOD)
        await pilot.press("ctrl+q")
        await pilot.pause()
    session = await engine.sessions.get(session_id)
    assert session.status == SessionStatus.PAUSED
    latest = await engine.sessions.latest_code(session_id)
    assert latest is not None and latest.code == GOOD
    engine.close()


async def test_the_palette_offers_every_interview_action(tmp_path: Path) -> None:
    async with interview(tmp_path) as (pilot, screen):
        titles = [c.title for c in pilot.app.get_system_commands(screen)]
        for wanted in ("Run (ctrl+r)", "Submit (ctrl+t)", "Hint (ctrl+g)", "Reveal (ctrl+])"):
            assert wanted in titles
        assert "Toggle dark/light theme" in titles and "Undo (ctrl+z)" in titles


@pytest.mark.parametrize("theme", ["dark", "light"])
async def test_theme_comes_from_the_config_and_toggles(tmp_path: Path, theme: str) -> None:
    engine = fake_sandbox_engine(tmp_path / "db.sqlite")
    engine.config.ui.theme = theme  # type: ignore[assignment]
    async with interview(tmp_path, engine=engine) as (pilot, screen):
        assert pilot.app.theme == f"textual-{theme}"
        editor_theme = {"dark": "monokai", "light": "github_light"}
        assert screen.code.editor.theme == editor_theme[theme]
        pilot.app.toggle_theme()
        await settle(pilot)
        other = "light" if theme == "dark" else "dark"
        assert screen.code.editor.theme == editor_theme[other]


async def test_home_filters_and_solved_status(tmp_path: Path) -> None:
    engine = fake_sandbox_engine(tmp_path / "db.sqlite")
    app = make_app(engine, StartRequest(difficulty="hard"), AppOptions())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        picker = app.screen.query_one("ProblemPicker")
        assert picker.shown and all(p.difficulty == "hard" for p in picker.shown)
        app.screen.query_one("#filter-difficulty", Select).value = ""
        app.screen.query_one("#filter-status", Select).value = "solved"
        await settle(pilot)
        assert picker.shown == []  # nothing solved yet
        app.screen.query_one("#filter-status", Select).value = "unsolved"
        await settle(pilot)
        assert any(p.slug == "two-sum" for p in picker.shown)
    engine.close()
