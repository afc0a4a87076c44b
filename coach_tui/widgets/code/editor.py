"""The code editor: Textual's ``TextArea`` with the keys of a programmer's editor.

The rules live in :mod:`coach_tui.widgets.code.indent` (pure functions); this module only reads
the cursor's line, asks them, and applies the answer as one edit (so ctrl+z undoes one keypress):

* Enter keeps/indents, ``{|}`` + Enter opens the block; a closer on a blank line dedents;
* Tab indents the selected lines (or inserts one unit), Shift+Tab dedents them;
* brackets and quotes are closed and typed over (a block's closer on the next line too),
  Backspace in an empty pair removes both and in the indentation goes back one level;
* ctrl+/ toggles line comments on the selected lines.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.widgets import TextArea
from textual.widgets.text_area import Location, Selection

from coach_tui.keymap import bindings
from coach_tui.widgets.code import indent


class CodeEditor(TextArea):
    """A ``TextArea.code_editor`` that knows the sandbox language it edits (``coach_language``);
    ``language`` stays the highlighting language (None when no grammar is installed)."""

    BINDINGS = bindings("editor")  # ctrl+/ comments: listed in help and the palette

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(
            "",
            language="python",
            soft_wrap=False,
            tab_behavior="indent",
            show_line_numbers=True,
            theme="monokai",
            id=id,
        )
        self.coach_language = "python"

    def set_coach_language(self, language: str) -> None:
        """Edit ``language``'s way: Go indents with tabs, the others with four spaces."""
        self.coach_language = language
        self.indent_type = "tabs" if indent.indent_unit(language) == "\t" else "spaces"

    # keys --------------------------------------------------------------------------------------
    async def _on_key(self, event: events.Key) -> None:
        if not self.read_only and self._smart_key(event.key, event.character):
            event.stop()
            event.prevent_default()
            self._restart_blink()
            return
        await super()._on_key(event)

    def _smart_key(self, key: str, character: str | None) -> bool:
        """Apply the editor rule for ``key``; False lets ``TextArea`` handle it as usual."""
        if key == "enter":
            self._enter()
            return True
        if key == "shift+tab":
            self._edit_lines(indent.dedent_lines)
            return True
        start, end = sorted(self.selection)
        if key == "tab" and start[0] != end[0]:
            self._edit_lines(indent.indent_lines)
            return True
        if character is None or len(character) != 1 or not character.isprintable():
            return False
        if start != end:
            return False
        return self._type(character)

    def _enter(self) -> None:
        start, end = sorted(self.selection)
        before = self.document[start[0]][: start[1]]
        after = self.document[end[0]][end[1] :]
        step = indent.newline(self.coach_language, before, after)
        start = (start[0], start[1] - step.delete_before)
        self.replace(step.text, start, (end[0], end[1] + step.delete_after))
        self.move_cursor(_advance(start, step.text[: step.cursor]))

    def _type(self, char: str) -> bool:
        row, column = self.cursor_location
        line = self.document[row]
        before, after = line[:column], line[column:]
        language = self.coach_language
        if indent.types_over(language, char, after):
            self.move_cursor((row, column + 1))
            return True
        if row + 1 < self.document.line_count:
            below = self.document[row + 1]
            if indent.types_over_below(language, char, after, below, self.text):
                self._step_over_below(row, column, below)
                return True
        dedented = indent.dedent_for_closer(language, before, char)
        if dedented is not None:
            self.replace(dedented + char, (row, 0), (row, column))
            self.move_cursor((row, len(dedented) + 1))
            return True
        closer = indent.closing_pair(language, char, before, after)
        if closer is not None:
            self.replace(char + closer, (row, column), (row, column))
            self.move_cursor((row, column + 1))
            return True
        return False

    def _step_over_below(self, row: int, column: int, below: str) -> None:
        """Put the cursor after the closer that starts line ``row + 1``. The blanks left of it on
        line ``row`` go (a line of indentation only goes whole), so no whitespace stays behind."""
        line = self.document[row]
        closer_at = len(indent.leading_whitespace(below)) + 1
        if line[:column].strip(" \t") == "":
            self.replace("", (row, 0), (row + 1, 0))
            self.move_cursor((row, closer_at))
            return
        if column < len(line):
            self.replace("", (row, column), (row, len(line)))
        self.move_cursor((row + 1, closer_at))

    def action_delete_left(self) -> None:
        start, end = self.selection
        if not self.read_only and start == end:
            row, column = start
            line = self.document[row]
            if indent.deletes_pair(line[:column], line[column:]):
                self.replace("", (row, column - 1), (row, column + 1))
                self.move_cursor((row, column - 1))
                return
            width = indent.backspace_in_indent(self.coach_language, line[:column])
            if width > 1:  # in the indentation: back one whole level
                self.replace("", (row, column - width), (row, column))
                self.move_cursor((row, column - width))
                return
        super().action_delete_left()

    def action_document_start(self) -> None:
        """ctrl+home: TextArea has no binding for the document's start."""
        self.move_cursor((0, 0))

    def action_document_end(self) -> None:
        """ctrl+end: the end of the last line."""
        last = self.document.line_count - 1
        self.move_cursor((last, len(self.document.get_line(last))))

    def action_toggle_comment(self) -> None:
        if not self.read_only:
            self._edit_lines(indent.toggle_comment)

    def _edit_lines(self, change: Callable[[str, list[str]], list[str]]) -> None:
        """Apply a whole-line ``change`` to the selected lines (the cursor's line when nothing is
        selected) as one edit, keeping the selection on the same text."""
        anchor, cursor = self.selection
        start, end = sorted((anchor, cursor))
        last = end[0] if end[0] == start[0] or end[1] > 0 else end[0] - 1
        rows = range(start[0], last + 1)
        old = [self.document[row] for row in rows]
        new = change(self.coach_language, old)
        if new == old:
            return
        self.replace("\n".join(new), (start[0], 0), (last, len(old[-1])))

        def moved(location: Location) -> Location:
            row, column = location
            if row not in rows:
                return location
            index = row - start[0]
            return row, max(0, min(len(new[index]), column + len(new[index]) - len(old[index])))

        self.selection = Selection(moved(anchor), moved(cursor))


def _advance(start: Location, text: str) -> Location:
    """Where the cursor is after ``text`` inserted at ``start``."""
    lines = text.split("\n")
    if len(lines) == 1:
        return start[0], start[1] + len(text)
    return start[0] + len(lines) - 1, len(lines[-1])
