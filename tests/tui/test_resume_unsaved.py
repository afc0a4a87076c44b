"""Autosave you can trust (issue 14 item 9): the editor tells the engine when it holds unsaved
changes, so a resume after a crash — or after an autosave that failed — says that changes were
lost instead of silently opening the last save."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from textual import events
from tui_support import fake_sandbox_engine, notifications, options, settle, until

from coach_engine.engine import Engine
from coach_engine.errors import StoreError
from coach_engine.interviews import UNSAVED_SINCE
from coach_engine.models import SnapshotReason, utcnow
from coach_tui.factory import StartRequest, make_app
from coach_tui.screens.interview import InterviewScreen
from coach_tui.widgets.chat.message import ChatMessage

SAVED = "class Solution:\n    def twoSum(self, nums, target):\n        return []\n"


def marker(engine: Engine, session_id: str) -> Any:
    return engine.store.get_session(engine.user.id, session_id).session_metadata.get(UNSAVED_SINCE)


async def open_interview(pilot: Any) -> InterviewScreen:
    app = pilot.app
    await until(pilot, lambda: isinstance(app.screen, InterviewScreen), "interview")
    screen = app.screen
    assert isinstance(screen, InterviewScreen)
    await until(pilot, lambda: len(screen.query(ChatMessage)) >= 1, "greeting")
    await settle(pilot)
    return screen


async def test_failed_autosave_then_crash_is_reported_on_resume(tmp_path: Path) -> None:
    engine = fake_sandbox_engine(tmp_path / "db.sqlite")
    try:
        app = make_app(engine, StartRequest(slug="two-sum"), options())
        async with app.run_test(size=(120, 40), notifications=True) as pilot:
            screen = await open_interview(pilot)
            sid = screen.session_id
            await screen.engine.interviews.save_if_changed(
                sid, SAVED, "python", SnapshotReason.MANUAL
            )

            async def disk_full(*_: object) -> None:
                raise StoreError("database or disk is full", title="Disk full")

            # every save from now on fails, as on a full disk; the process then dies
            screen.engine.interviews.autosave = disk_full  # type: ignore[method-assign,assignment]
            screen.engine.interviews.leave = disk_full  # type: ignore[method-assign,assignment]
            await pilot.press("f2", "f7", "delete")
            app.post_message(events.Paste("lost work"))
            await until(pilot, lambda: marker(engine, sid) is not None, "the unsaved mark")
        # resumed in a new app: the work is gone, and the screen says so
        assert engine.store.latest_snapshot(engine.user.id, sid).code == SAVED  # type: ignore[union-attr]
        again = make_app(engine, StartRequest(resume_id=sid), options())
        async with again.run_test(size=(120, 40), notifications=True) as pilot:
            screen = await open_interview(pilot)
            await until(
                pilot,
                lambda: any("Unsaved changes lost" in n for n in notifications(again)),
                "the lost-changes warning",
            )
            assert screen.code.code == SAVED
            note = next(n for n in notifications(again) if "Unsaved changes lost" in n)
            assert "could not be restored" in note and "the last save (" in note
        assert marker(engine, sid) is None  # said once
    finally:
        engine.close()


async def test_saved_work_leaves_no_warning(tmp_path: Path) -> None:
    engine = fake_sandbox_engine(tmp_path / "db.sqlite")
    try:
        app = make_app(engine, StartRequest(slug="two-sum"), options())
        async with app.run_test(size=(120, 40), notifications=True) as pilot:
            screen = await open_interview(pilot)
            sid = screen.session_id
            await pilot.press("f2", "f7", "delete")
            app.post_message(events.Paste(SAVED))
            await until(pilot, lambda: marker(engine, sid) is not None, "the unsaved mark")
            # the debounced autosave stores it and the mark is withdrawn
            await until(pilot, lambda: marker(engine, sid) is None, "the mark cleared by a save")
            snapshot = engine.store.latest_snapshot(engine.user.id, sid)
            assert snapshot is not None and snapshot.code == SAVED
        again = make_app(engine, StartRequest(resume_id=sid), options())
        async with again.run_test(size=(120, 40), notifications=True) as pilot:
            screen = await open_interview(pilot)
            assert screen.code.code == SAVED
            assert not any("Unsaved changes lost" in n for n in notifications(again))
    finally:
        engine.close()


def test_engine_compares_the_mark_with_the_latest_save(tmp_path: Path) -> None:
    """A mark older than the latest save is settled; a newer one is lost work, said once."""
    engine = fake_sandbox_engine(tmp_path / "db.sqlite")

    async def scenario() -> None:
        interviews = engine.interviews
        session = await interviews.start("two-sum")
        await interviews.mark_unsaved(session.id, utcnow())
        await interviews.save_if_changed(session.id, SAVED, "python", SnapshotReason.AUTOSAVE)
        assert await interviews.unsaved_work_lost(session.id) is None  # the save came after
        since = utcnow()
        await interviews.mark_unsaved(session.id, since)
        assert await interviews.unsaved_work_lost(session.id) == since
        assert await interviews.unsaved_work_lost(session.id) is None  # said once
        await interviews.mark_unsaved(session.id, utcnow())
        await interviews.leave(session.id, SAVED, "python")  # unchanged code: still settled
        assert await interviews.unsaved_work_lost(session.id) is None

    try:
        asyncio.run(scenario())
    finally:
        engine.close()
