"""The code editor typed like a person would: indentation, pairs, Tab/Shift+Tab and comments in
all five languages (on the code panel alone, in a minimal app)."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.pilot import Pilot

from coach_tui.widgets.code.panel import CodePanel

KEYS = {" ": "space", "\n": "enter", "\t": "tab"}


class PanelApp(App[None]):
    def compose(self) -> ComposeResult:
        yield CodePanel(id="code")


async def type_text(pilot: Pilot[None], text: str) -> None:
    await pilot.press(*[KEYS.get(char, char) for char in text])


async def editor_on(pilot: Pilot[None], language: str, text: str = "") -> CodePanel:
    panel = pilot.app.query_one(CodePanel)
    panel.load(text, language, "")
    panel.editor.focus()
    panel.editor.move_cursor(panel.editor.document.end)
    await pilot.pause()
    return panel


async def test_python_indents_after_a_colon_and_closes_brackets() -> None:
    async with PanelApp().run_test() as pilot:
        panel = await editor_on(pilot, "python")
        await type_text(pilot, 'def f(x):\nif x:\nreturn ["a", x]\n')
        # After the return the block is over: the new line is one level out.
        assert panel.code == 'def f(x):\n    if x:\n        return ["a", x]\n    '
        # Enter between brackets opens the block; the closer sits at the outer indentation.
        await pilot.press("shift+tab")
        await type_text(pilot, "y = [\n1,\n2")
        assert panel.code.endswith("\ny = [\n    1,\n    2\n]")


@pytest.mark.parametrize(
    ("language", "unit"), [("javascript", "    "), ("java", "    "), ("cpp", "    "), ("go", "\t")]
)
async def test_brace_languages_open_blocks_and_dedent_closers(language: str, unit: str) -> None:
    async with PanelApp().run_test() as pilot:
        panel = await editor_on(pilot, language)
        await type_text(pilot, "if (a) {\nf(b);")
        assert panel.code == f"if (a) {{\n{unit}f(b);\n}}"
        # A closer typed on a line of indentation only goes back one level.
        panel.load(f"void g() {{\n{unit}x();\n{unit}", language, "")
        panel.editor.move_cursor(panel.editor.document.end)
        await pilot.press("}")
        assert panel.code == f"void g() {{\n{unit}x();\n}}"


@pytest.mark.parametrize(
    ("language", "unit", "mark"),
    [
        ("python", "    ", "#"),
        ("javascript", "    ", "//"),
        ("java", "    ", "//"),
        ("cpp", "    ", "//"),
        ("go", "\t", "//"),
    ],
)
async def test_tab_shift_tab_and_comment_toggle_on_a_selection(
    language: str, unit: str, mark: str
) -> None:
    async with PanelApp().run_test() as pilot:
        panel = await editor_on(pilot, language, "a\nb\n")
        await pilot.press("f7", "tab")  # select all, indent
        assert panel.code == f"{unit}a\n{unit}b\n"
        await pilot.press("f7", "ctrl+underscore")  # what a terminal sends for ctrl+/
        assert panel.code == f"{unit}{mark} a\n{unit}{mark} b\n"
        await pilot.press("f7", "ctrl+underscore")
        assert panel.code == f"{unit}a\n{unit}b\n"
        await pilot.press("f7", "shift+tab")
        assert panel.code == "a\nb\n"
        assert panel.editor.has_focus  # shift+tab dedented, it did not move the focus


async def test_tab_at_the_cursor_inserts_one_unit_and_shift_tab_removes_it() -> None:
    async with PanelApp().run_test() as pilot:
        panel = await editor_on(pilot, "go", "x")
        panel.editor.move_cursor((0, 0))
        await pilot.press("tab")
        assert panel.code == "\tx"
        await pilot.press("shift+tab")
        assert panel.code == "x"


async def test_pairs_are_typed_over_and_deleted_together() -> None:
    async with PanelApp().run_test() as pilot:
        panel = await editor_on(pilot, "javascript")
        await type_text(pilot, 'log("hi")')
        assert panel.code == 'log("hi")'  # the typed ) and " stepped over the auto-closed ones
        await type_text(pilot, ";\nconst s = `")
        assert panel.code.endswith("const s = ``")
        await pilot.press("backspace")  # inside an empty pair: both go
        assert panel.code.endswith("const s = ")
        await type_text(pilot, "don't")
        assert panel.code.endswith("const s = don't")  # an apostrophe is not a string


async def test_a_block_closer_typed_above_the_auto_closed_one_steps_over_it() -> None:
    """QA issue 14 #21: ``{``, Enter, the body, Enter, ``}`` wrote a second ``}`` under the one
    auto-pairing had put on the next line."""
    async with PanelApp().run_test() as pilot:
        for language, unit in (("java", "    "), ("go", "\t"), ("python", "    ")):
            panel = await editor_on(pilot, language)
            await type_text(pilot, "if (a) {\nif (b) {\nf(b);\n}\ng(x);\n}")
            inner = f"{unit}if (b) {{\n{unit * 2}f(b);\n{unit}}}\n{unit}g(x);\n"
            assert panel.code == f"if (a) {{\n{inner}}}", language
            assert panel.editor.cursor_location == (5, 1)  # after the last closer
        # On a line with code the closer steps down over the next line's one, the code stays.
        panel = await editor_on(pilot, "javascript")
        await type_text(pilot, "f(\na)")
        assert panel.code == "f(\n    a\n)"
        assert panel.editor.cursor_location == (2, 1)
        # A block left open (its opener typed without a pair): the closer below is the outer
        # block's, the typed one is the missing closer, so it goes in, one level out.
        panel = await editor_on(pilot, "cpp", "void g() {\n    if (b) {\n        x();\n        \n}")
        panel.editor.move_cursor((3, 8))
        await pilot.press("}")
        assert panel.code == "void g() {\n    if (b) {\n        x();\n    }\n}"


async def test_every_edit_is_one_undo_step() -> None:
    async with PanelApp().run_test() as pilot:
        panel = await editor_on(pilot, "python", "if x:")
        await pilot.press("enter")
        assert panel.code == "if x:\n    "
        await pilot.press("ctrl+z")
        assert panel.code == "if x:"


async def test_blank_lines_keep_no_whitespace_and_backspace_removes_a_level() -> None:
    async with PanelApp().run_test() as pilot:
        panel = await editor_on(pilot, "python")
        await type_text(pilot, "if x:\n\n")
        assert panel.code == "if x:\n\n    "  # the blank line between is empty
        await pilot.press("backspace")
        assert panel.code == "if x:\n\n"  # one press: the whole level
        await type_text(pilot, "  ")
        await pilot.press("backspace")
        assert panel.code == "if x:\n\n"  # back to the previous stop (column 0)


async def test_the_editor_works_on_its_own_in_go() -> None:
    from coach_tui.widgets.code.editor import CodeEditor

    class DrillApp(App[None]):
        def compose(self) -> ComposeResult:
            yield CodeEditor(id="drill-code")

    async with DrillApp().run_test() as pilot:
        editor = pilot.app.query_one(CodeEditor)
        editor.set_coach_language("go")
        editor.focus()
        await type_text(pilot, "for {\nx++")
        assert editor.text == "for {\n\tx++\n}"
