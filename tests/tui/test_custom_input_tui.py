"""The custom input dialog (issue 14 item 3) in a real interview on the real sandbox: its key
opens it prefilled with the first example, typing an input and running it shows the code's
output beside the reference's with the difference marked, a malformed input is shown inline
with the cursor on its line, and the run is stored as a run (not a submission)."""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import Any

from interview_app import open_interview, paste_code
from rich.text import Text
from textual import events
from textual.widgets import Static, TextArea
from tui_support import make_engine, until, until_shown

from coach_tui.screens.custom_input import DIFF_STYLE, CustomInputModal
from coach_tui.screens.interview import InterviewScreen

WRONG = (
    "class Solution:\n    def twoSum(self, nums, target):\n"
    "        print('pairs for', target)\n        return [0, len(nums) - 1]\n"
)


def interview(tmp_path: Path) -> AbstractAsyncContextManager[tuple[Any, InterviewScreen]]:
    return open_interview(make_engine(tmp_path / "db.sqlite"), language="python")


def box(pilot: Any) -> TextArea:
    found: TextArea = pilot.app.screen.query_one("#custom-input-text", TextArea)
    return found


async def type_input(pilot: Any, first: str, second: str) -> None:
    """Replace the box's text: select all, paste the first line, enter, type the second."""
    await pilot.press("f7", "delete")
    await until(pilot, lambda: box(pilot).text == "", "an empty box")
    pilot.app.post_message(events.Paste(first))
    await until(pilot, lambda: box(pilot).text == first, "the pasted line")
    await pilot.press("enter", *second)
    await until(pilot, lambda: box(pilot).text == f"{first}\n{second}", "the typed input")


def content(pilot: Any, selector: str) -> Text:
    shown = pilot.app.screen.query_one(selector, Static).content
    return shown if isinstance(shown, Text) else Text(str(shown))


async def test_custom_input_shows_both_outputs_and_inline_errors(tmp_path: Path) -> None:
    async with interview(tmp_path) as (pilot, screen):
        await paste_code(pilot, screen, WRONG)

        await pilot.press("alt+i")
        await until(pilot, lambda: isinstance(pilot.app.screen, CustomInputModal), "the dialog")
        await until(pilot, lambda: box(pilot).text == "[2,7,11,15]\n9", "the first example")
        await until_shown(pilot, "Custom input", "nums (int[])", "target (int)")

        await type_input(pilot, "[3,8,1,5]", "6")
        await pilot.press("ctrl+r")
        text = await until_shown(pilot, "Different from the reference", "[0,3]", "[2,3]")
        assert "Your output" in text and "Expected (reference)" in text
        assert "pairs for 6" in text  # what the code printed
        yours = content(pilot, "#custom-input-yours")
        marked = [yours.plain[s.start : s.end] for s in yours.spans if s.style == DIFF_STYLE]
        assert marked == ["0"]  # [0,3] against [2,3]: the first value differs

        await type_input(pilot, "[3,8,1,5]", "six")
        await pilot.press("ctrl+r")
        text = await until_shown(pilot, "line 2 (target, int)", "e.g. 9")
        assert "not valid JSON" in text
        await until(pilot, lambda: box(pilot).cursor_location[0] == 1, "the cursor on line 2")

        await pilot.press("escape")
        await until(pilot, lambda: pilot.app.screen is screen, "the dialog closed")
        await until(pilot, lambda: screen.view is not None and screen.view.runs, "the stored run")
        assert screen.view is not None
        (run,) = screen.view.runs  # the malformed input stored nothing
        assert not run.is_submission and run.verdict == "WA" and run.total == 1
        assert run.tests[0].input == [[3, 8, 1, 5], 6]

        await pilot.press("alt+i")  # it reopens with what was typed last
        await until(pilot, lambda: isinstance(pilot.app.screen, CustomInputModal), "reopened")
        await until(pilot, lambda: box(pilot).text == "[3,8,1,5]\nsix", "the last input")
        await pilot.press("escape")
        await until(pilot, lambda: pilot.app.screen is screen, "closed again")
        # the key is in the palette and help (not the footer: at 80 columns it pushed ? Help off)
        titles = {command.title for command in pilot.app.get_system_commands(screen)}
        assert "Test input (alt+i)" in titles
