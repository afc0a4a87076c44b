"""A run that waits for the sandbox says so in the tests pane (issue 15 item 3): the engine's
``run_queued`` event becomes "Queued for the sandbox, position N"; when the slot frees, the run
goes on and its result replaces the line. The engine's queue has one slot, held by the test,
so the run waits whatever the machine's speed."""

from __future__ import annotations

import threading
from pathlib import Path

from textual import events
from tui_support import make_engine, options, settle, until, until_shown

from coach_engine.config import Config
from coach_engine.run_queue import RunQueue, RunScope
from coach_engine.sandbox_policy import SandboxPolicy
from coach_tui.factory import StartRequest, make_app
from coach_tui.screens.interview import InterviewScreen
from coach_tui.widgets.chat.message import ChatMessage

RIGHT = (
    "class Solution:\n    def twoSum(self, nums, target):\n        seen = {}\n"
    "        for i, x in enumerate(nums):\n            if target - x in seen:\n"
    "                return [seen[target - x], i]\n            seen[x] = i\n"
)


async def test_a_waiting_run_shows_its_place_then_its_result(tmp_path: Path) -> None:
    queue = RunQueue(workers=1)
    engine = make_engine(tmp_path / "db.sqlite")
    engine.runner = SandboxPolicy(Config(), queue=queue)
    release, held = threading.Event(), threading.Event()

    def hold() -> None:  # another user's run holds the one slot
        with queue.slot(RunScope(owner="another user")):
            held.set()
            release.wait()

    holder = threading.Thread(target=hold)
    app = make_app(engine, StartRequest(slug="two-sum", language="python"), options())
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, InterviewScreen), "interview")
            screen = app.screen
            assert isinstance(screen, InterviewScreen)
            await until(pilot, lambda: len(screen.query(ChatMessage)) >= 1, "greeting")
            await settle(pilot)
            await pilot.press("f2", "f7", "delete")
            app.post_message(events.Paste(RIGHT))
            await until(pilot, lambda: screen.code.code == RIGHT, "pasted code")
            holder.start()
            held.wait()
            await pilot.press("ctrl+r")
            await until(pilot, lambda: screen.running, "the run asked for")
            await pilot.press("f3")  # the tests pane (a tab at this size)
            await until_shown(pilot, "Queued for the sandbox, position 1 (1 ahead)")
            release.set()
            await until(pilot, lambda: screen.view is not None and screen.view.attempts, "run")
            text = await until_shown(pilot, "AC")
            assert "Queued for the sandbox" not in text
    finally:
        release.set()
        if holder.is_alive():
            holder.join()
        engine.close()
