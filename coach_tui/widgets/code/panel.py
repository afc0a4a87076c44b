"""The code tab: a language selector, run and save indicators, and the syntax-highlighted editor
(line numbers, undo ctrl+z / redo ctrl+y, select-all f7), plus the two ways out to the
candidate's own editor: the ``$VISUAL``/``$EDITOR`` round trip (f12) and a watched file."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message as TextualMessage
from textual.timer import Timer
from textual.widgets import Label, Select, TextArea

from coach_engine.api import external_edit_path, newer_than, solution_path
from coach_tui.format import LANGUAGE_LABELS, local_time
from coach_tui.keymap import bindings
from coach_tui.widgets.code.editor import CodeEditor
from coach_tui.widgets.code.external import edit_in_external_editor
from coach_tui.widgets.code.languages import LANGUAGES, editor_language, register_languages
from coach_tui.widgets.code.watch import FileSync

WATCH_POLL_SECONDS = 0.5
"""How often the watched file's mtime and size are compared (a stat call: cheap)."""
WRITE_BACK_SECONDS = 0.3
"""Editor edits reach the watched file this long after typing pauses."""


class CodePanel(Vertical):
    """Editor state lives here; the screen decides what to do with it."""

    DEFAULT_CSS = """
    CodePanel #watch-path {
        display: none;
        width: 1fr;
        height: auto;
        max-height: 3;
        color: $text-muted;
    }
    CodePanel.-watching #watch-path {
        display: block;
    }
    """

    BINDINGS = bindings("code")

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
        self.session_id: str | None = None
        """Set by the screen: the external editor's file lives in the session's directory."""
        self.sync: FileSync | None = None
        self._poll: Timer | None = None
        self._write_back: Timer | None = None
        self._unwritten = ""

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
        yield Label("", id="watch-path", markup=False)
        yield CodeEditor(id="editor")

    @property
    def editor(self) -> CodeEditor:
        return self.query_one("#editor", CodeEditor)

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
        self.editor.set_coach_language(language)
        self.editor.load_text(code)
        # Where typing starts: not above the class (load_text leaves the cursor at 1:1).
        self.editor.move_cursor(typing_spot(code, starter))

    def replace_code(self, code: str) -> None:
        """Replace the whole text as one undoable edit (ctrl+z brings the old code back)."""
        editor = self.editor
        row, column = editor.cursor_location
        editor.replace(code, (0, 0), editor.document.end)
        last = editor.document.line_count - 1
        row = min(row, last)
        editor.move_cursor((row, min(column, len(editor.document[row]))))

    # your own editor ---------------------------------------------------------------------------
    def action_external_editor(self) -> None:
        if self.editor.read_only:
            self.notify("The code is final: nothing to edit.", timeout=3)
            return
        if self.session_id is not None:
            path = external_edit_path(self.session_id, self.language)
        else:
            import tempfile

            directory = Path(tempfile.mkdtemp(prefix="coach-edit-"))  # 0700
            path = directory / f"solution{_suffix(self.language)}"
        outcome = edit_in_external_editor(self.app, path, self.code)
        if outcome.error is not None:
            self.notify(outcome.error, title="Your editor", severity="warning", markup=False)
            return
        if outcome.text is not None and outcome.text != self.code:
            self.replace_code(outcome.text)
            self.notify("The code from your editor is in (ctrl+z undoes it).", timeout=3)
        self.editor.focus()

    # the watched file --------------------------------------------------------------------------
    def open_files(
        self,
        session_id: str,
        saved_at: datetime | None,
        saved_code: str,
        *,
        live: bool,
        watch: bool,
    ) -> None:
        """Tie the panel to a session after :meth:`load`: restore work left in the session's
        files that is newer than the last save (a watched file edited while Coach was closed, an
        editor round trip cut short) and say so; then watch the solution file when asked."""
        self.session_id = session_id
        watched = solution_path(session_id, self.language)
        since = f"the last save ({local_time(saved_at)})" if saved_at else "any save"
        for path in (watched, external_edit_path(session_id, self.language)):
            work = newer_than(path, saved_at, saved_code)
            if work is None:
                continue
            if work.text is not None and live:
                self.replace_code(work.text)
                self.notify(
                    f"{path} is newer than {since}: its code is in the editor (ctrl+z undoes it).",
                    title="Restored newer work",
                    timeout=8,
                    markup=False,
                )
                break
            why = work.error or "the interview is not in progress, so its code stays as saved"
            self.notify(
                f"{path} is newer than {since} but was not restored: {why}. "
                "Your work is still in that file.",
                title="Newer work not restored",
                severity="warning",
                timeout=12,
                markup=False,
            )
        if watch and live:
            self.watch_file(watched)

    def watch_file(self, path: Path) -> None:
        """Keep the code in ``path`` too: edits go there, changes made there come back."""
        self.stop_watching()
        sync = FileSync(path)
        try:
            sync.start(self.code)
        except OSError as exc:
            self.notify(
                f"Could not keep the solution in {path} ({exc.strerror or exc}); make the data "
                "directory writable or set COACH_HOME. Editing here still works.",
                title="Not watching the file",
                severity="warning",
                markup=False,
            )
            return
        self.sync = sync
        label = self.query_one("#watch-path", Label)
        label.update(f"watching {_shown(path)}")
        label.tooltip = "Edit this file in your own editor: Coach reloads it when it changes"
        self.add_class("-watching")
        self._poll = self.set_interval(WATCH_POLL_SECONDS, self.poll_file)

    def stop_watching(self) -> None:
        for timer in (self._poll, self._write_back):
            if timer is not None:
                timer.stop()
        self._poll = self._write_back = None
        self.sync = None
        self.remove_class("-watching")

    def poll_file(self) -> None:
        if self.sync is None or self.editor.read_only:
            return  # a submitted solution is final; a reopened one ("keep coding") reloads
        text = self.sync.poll(self.code)
        if text is not None:
            self.replace_code(text)
            self.query_one("#watch-path", Label).update(
                f"watching {_shown(self.sync.path)} · reloaded "
                f"{local_time(datetime.now().astimezone())}"
            )

    def write_back(self, text: str | None = None) -> None:
        self._write_back = None
        if self.sync is not None:
            try:
                self.sync.push(self.code if text is None else text)
            except OSError as exc:
                self.notify(
                    f"Could not write {self.sync.path} ({exc.strerror or exc}).",
                    severity="warning",
                    markup=False,
                )

    @on(TextArea.Changed, "#editor")
    def editor_changed(self) -> None:
        # Do not stop the event: the screen tracks "modified" and autosave from it too.
        if self.sync is not None:
            self._unwritten = self.code  # the editor is gone by unmount: keep its text
            if self._write_back is not None:
                self._write_back.stop()
            self._write_back = self.set_timer(WRITE_BACK_SECONDS, self.write_back)

    def on_unmount(self) -> None:
        if self.sync is not None and self._write_back is not None:
            self.write_back(self._unwritten)  # the last keystrokes reach the file

    def choose_language(self, language: str) -> None:
        """Pick ``language`` as if chosen in the selector (the screen confirms the switch)."""
        self.query_one("#language", Select).value = language

    def open_language_picker(self) -> None:
        """Focus the language selector with its list open (ctrl+l)."""
        select = self.query_one("#language", Select)
        select.focus()
        select.action_show_overlay()

    def revert_language(self) -> None:
        select = self.query_one("#language", Select)
        with select.prevent(Select.Changed):
            select.value = self.language

    def mark_saved(self, moment: datetime) -> None:
        self.query_one("#saved", Label).update(f"saved {local_time(moment)}")

    def set_running(self, text: str) -> None:
        self.query_one("#run-state", Label).update(text)

    @on(Select.Changed, "#language")
    def request_language(self, event: Select.Changed) -> None:
        event.stop()
        if isinstance(event.value, str) and event.value != self.language:
            self.post_message(self.LanguageChangeRequested(event.value, self.language))


def typing_spot(code: str, starter: str) -> tuple[int, int]:
    """Where the cursor goes when code is loaded: in starter code, the end of its empty body
    line (already indented: the first line holding only spaces); in the candidate's own code,
    the end of its last line with text."""
    lines = code.split("\n")
    if code.strip() == starter.strip():
        for row, line in enumerate(lines):
            if line and not line.strip():
                return row, len(line)
    row = max((r for r, line in enumerate(lines) if line.strip()), default=0)
    return row, len(lines[row])


def _suffix(language: str) -> str:
    suffixes = {"python": ".py", "javascript": ".js", "java": ".java", "cpp": ".cpp", "go": ".go"}
    return suffixes.get(language, ".txt")


def _shown(path: Path) -> str:
    """The path as a person types it: ``~`` for the home directory (wrapped, never cut: the
    candidate opens this file in their editor)."""
    try:
        return "~/" + str(path.relative_to(Path.home()))
    except ValueError:
        return str(path)
