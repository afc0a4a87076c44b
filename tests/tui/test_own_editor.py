"""Your own editor and autosave you can trust: the ``$EDITOR`` round trip with a scripted editor,
the watched solution file (both directions, and after a restart), and the debounced autosave —
each asserted on the editor's text, the file on disk or the stored snapshot."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest
import typer
from textual.pilot import Pilot
from tui_support import make_engine, notifications, options, screen_text, settle, until
from typer.testing import CliRunner

from coach_engine.engine import Engine
from coach_engine.models import SnapshotReason
from coach_engine.solution_files import external_edit_path, solution_path, write_solution
from coach_tui.factory import StartRequest, make_app
from coach_tui.screens.interview import InterviewScreen

EDITED = "class Solution:\n    def twoSum(self, nums, target):\n        return [0, 1]\n"


def scripted_editor(tmp_path: Path, body: str) -> Path:
    """A tiny 'editor': a shell script that keeps a copy of what it was given, then runs
    ``body`` (which may rewrite the file "$1")."""
    script = tmp_path / "editor.sh"
    script.write_text(f'#!/bin/sh\ncp "$1" "{tmp_path}/given"\n{body}\n')
    script.chmod(0o755)
    return script


async def open_interview(pilot: Pilot[Any], app: object) -> InterviewScreen:
    await until(pilot, lambda: isinstance(pilot.app.screen, InterviewScreen), "the interview")
    screen = pilot.app.screen
    assert isinstance(screen, InterviewScreen)
    await until(pilot, lambda: screen.view is not None and screen.code.code.strip(), "the code")
    await settle(pilot)
    return screen


async def test_external_editor_round_trip(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = scripted_editor(tmp_path, f"cat > \"$1\" <<'EOF'\n{EDITED}EOF")
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", str(script))
    app = make_app(engine, StartRequest(slug="two-sum"), options(autosave_seconds=300))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_interview(pilot, app)
        before = screen.code.code
        await pilot.press("f2")  # the code tab; the editor has the focus
        assert "f12 $EDITOR" in screen_text(app)  # the key is in the footer
        await pilot.press("f12")
        await until(pilot, lambda: screen.code.code == EDITED, "the edited code back")
        assert (tmp_path / "given").read_text() == before  # the editor got the current code
        path = external_edit_path(screen.session_id, "python")
        assert path.name == "edit.py" and not path.exists()  # removed after the round trip
        # It is an ordinary edit: saved after typing pauses, and ctrl+z brings the old code back.
        await until(pilot, lambda: not screen.dirty, "the autosave of the edited code")
        await pilot.press("ctrl+z")
        assert screen.code.code == before


async def test_external_editor_failures_say_what_to_do(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    app = make_app(engine, StartRequest(slug="two-sum"), options(autosave_seconds=300))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_interview(pilot, app)
        before = screen.code.code
        await pilot.press("f2", "f12")
        await until(pilot, lambda: notifications(app), "a notification")
        assert "Set $VISUAL or $EDITOR" in notifications(app)[-1]
        # An editor that fails (exit 1 after scribbling) leaves the code as it was.
        script = scripted_editor(tmp_path, 'echo junk > "$1"\nexit 1')
        monkeypatch.setenv("VISUAL", str(script))
        await pilot.press("f12")
        await until(pilot, lambda: "status 1" in notifications(app)[-1], "the failure")
        assert screen.code.code == before
        monkeypatch.setenv("VISUAL", str(tmp_path / "no-such-editor"))
        await pilot.press("f12")
        await until(pilot, lambda: "Could not start" in notifications(app)[-1], "not found")
        assert screen.code.code == before


async def test_watched_file_reloads_and_receives_edits(engine: Engine) -> None:
    app = make_app(engine, StartRequest(slug="two-sum", watch=True), options(autosave_seconds=300))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_interview(pilot, app)
        path = solution_path(screen.session_id, "python")
        await until(pilot, path.is_file, "the watched file")
        assert path.read_text() == screen.code.code
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
        await pilot.press("f2")
        shown = screen_text(app)
        assert "watching " in shown and f"/{path.name}" in shown  # the path, wrapped, not cut
        assert path.parent.name[:12] in shown
        # Another editor saves the file: the TUI reloads it, and autosaves it.
        path.write_text(EDITED)
        await until(pilot, lambda: screen.code.code == EDITED, "the reload", timeout=30)
        await until(pilot, lambda: not screen.dirty, "the autosave of the reloaded code")
        # Typing in the TUI reaches the file.
        screen.code.editor.move_cursor(screen.code.editor.document.end)
        await pilot.press("p", "a", "s", "s")
        await until(pilot, lambda: path.read_text() == EDITED + "pass", "the write-back")
        assert screen.code.code == EDITED + "pass"  # no echo of its own write


async def test_language_switch_moves_the_watched_file(engine: Engine) -> None:
    app = make_app(engine, StartRequest(slug="two-sum", watch=True), options(autosave_seconds=300))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_interview(pilot, app)
        screen.change_language("go")  # what the confirmed language selector does
        go_file = solution_path(screen.session_id, "go")
        await until(pilot, go_file.is_file, "solution.go")
        await until(pilot, lambda: go_file.read_text() == screen.code.code, "the go code")
        assert "func twoSum" in go_file.read_text()


async def test_resume_restores_a_watched_file_newer_than_the_last_save(
    database: Path, engine: Engine
) -> None:
    app = make_app(engine, StartRequest(slug="two-sum", watch=True), options(autosave_seconds=300))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_interview(pilot, app)
        session_id = screen.session_id
        path = solution_path(session_id, "python")
        await until(pilot, path.is_file, "the watched file")
    # Coach is gone (killed); the candidate keeps working in their editor.
    engine.close()
    path.write_text(EDITED)
    future = path.stat().st_mtime + 5  # surely after the last save, whatever the clock
    os.utime(path, (future, future))
    again = make_engine(database)
    app2 = make_app(again, StartRequest(resume_id=session_id), options(autosave_seconds=300))
    async with app2.run_test(size=(120, 40)) as pilot:
        screen = await open_interview(pilot, app2)
        await until(pilot, lambda: screen.code.code == EDITED, "the newer file restored")
        said = "\n".join(notifications(app2))
        assert "newer than" in said and str(path) in said
        await until(pilot, lambda: not screen.dirty, "the restored code saved")
        stored = await again.sessions.latest_code(session_id)
        assert stored is not None and stored.code == EDITED
    again.close()


async def test_an_editor_round_trip_cut_short_is_restored_on_resume(
    database: Path, engine: Engine
) -> None:
    """Coach died while $EDITOR was open: the edited file is found on the next start."""
    session = await engine.interviews.start("two-sum")
    leftover = external_edit_path(session.id, "python")
    write_solution(leftover, EDITED)
    app = make_app(engine, StartRequest(resume_id=session.id), options(autosave_seconds=300))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_interview(pilot, app)
        await until(pilot, lambda: screen.code.code == EDITED, "the leftover edit restored")
        assert "Restored newer work" in "\n".join(notifications(app))
        assert not solution_path(session.id, "python").exists()  # no watching unless asked


async def test_newer_work_for_a_submitted_interview_is_reported_not_loaded(
    engine: Engine,
) -> None:
    session = await engine.interviews.start("two-sum")
    await engine.sessions.start(session.id)
    await engine.sessions.submit(session.id)  # awaiting feedback: the code is final
    saved = await engine.interviews.editor_code(session.id)
    path = solution_path(session.id, "python")
    write_solution(path, EDITED)
    future = path.stat().st_mtime + 5
    os.utime(path, (future, future))
    app = make_app(
        engine, StartRequest(resume_id=session.id, watch=True), options(autosave_seconds=300)
    )
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_interview(pilot, app)
        await until(pilot, lambda: notifications(app), "a notification")
        said = "\n".join(notifications(app))
        assert "Newer work not restored" in said and "not in progress" in said
        assert str(path) in said
        assert screen.code.code == saved.code  # the submitted code is unchanged
        assert path.read_text() == EDITED  # and the candidate's file is left alone


async def test_autosave_stores_the_code_once_typing_stops(engine: Engine) -> None:
    # The periodic autosave is set far away: only the pause after typing can save.
    app = make_app(engine, StartRequest(slug="two-sum"), options(autosave_seconds=300))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_interview(pilot, app)
        await pilot.press("f2")
        screen.code.editor.move_cursor(screen.code.editor.document.end)
        await pilot.press("#", "space", "a")
        typed = screen.code.code
        assert typed.endswith("# a")

        async def stored() -> str | None:
            snapshot = await engine.sessions.latest_code(screen.session_id)
            return snapshot.code if snapshot else None

        latest: list[str | None] = [None]

        async def poll() -> None:
            latest[0] = await stored()

        for _ in range(400):  # hang guard: 20 s
            await poll()
            if latest[0] == typed:
                break
            await pilot.pause(0.05)
        assert latest[0] == typed
        snapshot = await engine.sessions.latest_code(screen.session_id)
        assert snapshot is not None and snapshot.reason == SnapshotReason.AUTOSAVE
        assert "saved" in screen_text(app)


def test_watch_flag_reaches_the_tui(monkeypatch: pytest.MonkeyPatch) -> None:
    from coach_cli.interview_cmd import interview

    seen: list[StartRequest] = []

    class Launched:
        def __init__(self, start: StartRequest) -> None:
            self.start = start

        def run(self) -> None:
            seen.append(self.start)

    monkeypatch.setattr("coach_tui.factory.make_app", lambda engine, start: Launched(start))
    cli = typer.Typer()
    cli.command()(interview)
    result = CliRunner().invoke(cli, ["two-sum", "--watch"])
    assert result.exit_code == 0, result.output
    assert seen == [StartRequest(slug="two-sum", watch=True)]


def test_file_sync_lets_an_outside_save_win_over_a_pending_write_back(tmp_path: Path) -> None:
    from coach_tui.widgets.code.watch import FileSync

    path = tmp_path / "solution.py"
    sync = FileSync(path)
    sync.start("a = 1\n")
    assert path.read_text() == "a = 1\n"
    assert sync.poll("a = 1\n") is None  # its own write is not an outside edit
    path.write_text("b = 2\n")  # another editor saves (same size, maybe the same mtime tick)
    assert not sync.push("a = 11\n")  # the TUI's pending edit does not clobber it
    assert path.read_text() == "b = 2\n"
    assert sync.poll("a = 11\n") == "b = 2\n"  # the poll hands it to the editor
    assert sync.push("b = 22\n") and path.read_text() == "b = 22\n"  # then edits flow again
    assert sync.poll("b = 22\n") is None
    path.unlink()
    assert sync.push("c = 3\n") and path.read_text() == "c = 3\n"  # a deleted file comes back


async def test_a_file_that_cannot_be_kept_is_a_warning_not_a_crash(
    engine: Engine, coach_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (coach_home / "sessions").write_text("in the way")  # a file where the directory goes
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", "true")
    app = make_app(engine, StartRequest(slug="two-sum", watch=True), options(autosave_seconds=300))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_interview(pilot, app)
        await until(pilot, lambda: notifications(app), "a notification")
        assert "Not watching the file" in notifications(app)[-1]
        assert screen.code.sync is None
        before = screen.code.code
        await pilot.press("f2", "f12")
        await until(pilot, lambda: "Could not write" in notifications(app)[-1], "the warning")
        assert screen.code.code == before
        await pilot.press("x")  # the editor still works
        assert screen.code.code != before
