"""The code tab: a language selector, run and save indicators, and the syntax-highlighted editor
(line numbers, undo ctrl+z / redo ctrl+y, select-all f7)."""

from __future__ import annotations

from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message as TextualMessage
from textual.widgets import Label, Select, TextArea

from coach_tui.format import LANGUAGE_LABELS, local_time
from coach_tui.widgets.code.languages import LANGUAGES, editor_language, register_languages


class CodePanel(Vertical):
    """Editor state lives here; the screen decides what to do with it."""

    class LanguageChangeRequested(TextualMessage):
        """The candidate picked another language; the screen confirms, then calls
        :meth:`CodePanel.load` or :meth:`CodePanel.revert_language`."""

        def __init__(self, language: str, previous: str) -> None:
            super().__init__()
            self.language = language
            self.previous = previous

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.language = "python"
        self.starter = ""

    def compose(self) -> ComposeResult:
        with Horizontal(id="code-bar"):
            yield Select(
                [(LANGUAGE_LABELS[lang], lang) for lang in LANGUAGES],
                value="python",
                allow_blank=False,
                compact=True,
                id="language",
                tooltip="Editor language (loads its starter code)",
            )
            yield Label("", id="run-state")
            yield Label("not saved yet", id="saved")
        yield TextArea.code_editor("", language="python", id="editor")

    @property
    def editor(self) -> TextArea:
        return self.query_one("#editor", TextArea)

    def on_mount(self) -> None:
        register_languages(self.editor)
        options = getattr(self.app, "options", None)
        if options is not None and not options.animate:
            self.editor.cursor_blink = False
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.follow_theme())
        self.follow_theme()

    def follow_theme(self) -> None:
        self.editor.theme = "monokai" if self.app.current_theme.dark else "github_light"

    @property
    def code(self) -> str:
        return self.editor.text

    @property
    def modified(self) -> bool:
        """True when the editor holds more than the language's starter code."""
        return bool(self.code.strip()) and self.code.strip() != self.starter.strip()

    def load(self, code: str, language: str, starter: str) -> None:
        """Show ``code`` in ``language`` (resets undo history)."""
        self.language = language
        self.starter = starter
        select = self.query_one("#language", Select)
        with select.prevent(Select.Changed):
            select.value = language
        self.editor.language = editor_language(self.editor, language)
        self.editor.load_text(code)

    def replace_code(self, code: str) -> None:
        """Replace the whole text as one undoable edit (ctrl+z brings the old code back)."""
        self.editor.replace(code, (0, 0), self.editor.document.end)

    def revert_language(self) -> None:
        select = self.query_one("#language", Select)
        with select.prevent(Select.Changed):
            select.value = self.language

    def mark_saved(self, moment: datetime) -> None:
        self.query_one("#saved", Label).update(f"saved {local_time(moment)}")

    def set_running(self, text: str) -> None:
        self.query_one("#run-state", Label).update(text)
        self.set_class(bool(text), "-running")

    @on(Select.Changed, "#language")
    def request_language(self, event: Select.Changed) -> None:
        event.stop()
        if isinstance(event.value, str) and event.value != self.language:
            self.post_message(self.LanguageChangeRequested(event.value, self.language))
