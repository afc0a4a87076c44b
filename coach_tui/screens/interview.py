"""The interview screen: header, tabs (Chat | Code | Tests, plus Problem when narrow), the
sidebar (problem, protocol, metrics) and the footer of key bindings.

Layout follows the width: ≥ 140 columns shows chat and code side by side next to the sidebar;
100–139 shows one tab next to the sidebar; below 100 the sidebar becomes the Problem tab.
"""

from __future__ import annotations

from collections.abc import Iterator

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import Resize
from textual.timer import Timer
from textual.widgets import ContentSwitcher, Footer, Tab, Tabs, TextArea

from coach_tui.format import LANGUAGE_LABELS
from coach_tui.keymap import bindings, shown
from coach_tui.screens.interview_lifecycle import InterviewLifecycle
from coach_tui.widgets.chat.panel import ChatPanel
from coach_tui.widgets.code.panel import CodePanel
from coach_tui.widgets.interview.header import InterviewHeader
from coach_tui.widgets.sidebar.metrics import MetricsPanel
from coach_tui.widgets.sidebar.problem import ProblemPane
from coach_tui.widgets.sidebar.protocol import ProtocolPanel
from coach_tui.widgets.tests.results import TestResults

WIDE, MEDIUM = 140, 100
AUTOSAVE_AFTER_TYPING_SECONDS = 0.8
"""Autosave this long after the last keystroke (the periodic autosave is only a safety net)."""
TABS = ("chat", "code", "tests", "problem")
VISIBLE_TABS = {
    "wide": ("code", "tests"),
    "medium": ("chat", "code", "tests"),
    "narrow": ("chat", "code", "tests", "problem"),
}


class InterviewScreen(InterviewLifecycle):
    """One interview session. Construct with the session id; the app pushes it."""

    BINDINGS = bindings("interview")

    def __init__(self, session_id: str) -> None:
        super().__init__(session_id)
        self.layout_name = ""
        self.active_tab = "chat"
        self.code_started = False
        self.autosave_soon: Timer | None = None

    def compose(self) -> ComposeResult:
        yield InterviewHeader(id="header")
        yield Tabs(
            Tab(f"Chat {shown('show_chat')}", id="tab-chat"),
            Tab(f"Code {shown('show_code')}", id="tab-code"),
            Tab(f"Tests {shown('show_tests')}", id="tab-tests"),
            Tab(f"Problem {shown('show_problem')}", id="tab-problem"),
            id="tabs",
        )
        with Horizontal(id="main"):
            yield ChatPanel(id="chat")
            with ContentSwitcher(initial="code", id="work"):
                yield CodePanel(id="code")
                yield TestResults(id="tests")
            with Vertical(id="sidebar"):
                with VerticalScroll(id="problem-scroll"):
                    yield ProblemPane(id="problem")
                with Horizontal(id="status-panels"):
                    yield ProtocolPanel(id="protocol")
                    yield MetricsPanel(id="metrics")
        yield Footer()

    def on_mount(self) -> None:
        self.apply_layout(self.app.size.width)
        self.chat.focus_input()
        self.subscribe_events()
        self.open_session()
        options = self.options
        if options.timer_seconds:
            self.set_interval(options.timer_seconds, self.refresh_clock)
        autosave = options.autosave_seconds or self.engine.config.interview.autosave_seconds
        self.set_interval(autosave, self.autosave)
        # No interview clock here: nudges, the time warning and time-up run in the engine.

    def on_unmount(self) -> None:
        self.unsubscribe_events()

    # layout ----------------------------------------------------------------------------------
    @on(Resize)
    def follow_width(self, event: Resize) -> None:
        self.apply_layout(event.size.width)

    def apply_layout(self, width: int) -> None:
        name = "wide" if width >= WIDE else "medium" if width >= MEDIUM else "narrow"
        if name == self.layout_name:
            return
        self.layout_name = name
        self.set_screen_classes({f"-{other}": other == name for other in VISIBLE_TABS})
        tabs = self.query_one(Tabs)
        visible = VISIBLE_TABS[name]
        for tab in TABS:
            (tabs.show if tab in visible else tabs.hide)(f"tab-{tab}")
        self.show_tab(self.active_tab if self.active_tab in visible else visible[0])

    def show_tab(self, name: str) -> None:
        if name not in VISIBLE_TABS[self.layout_name]:
            if name == "chat":  # wide: the chat is always on screen
                self.chat.focus_input()
            return
        self.query_one(Tabs).active = f"tab-{name}"
        self._activate(name)

    def action_show_tab(self, name: str) -> None:
        self.show_tab(name)
        if name == "chat":
            self.chat.focus_input()
        elif name == "code":
            self.code.editor.focus()
        elif name == "tests":
            self.tests.query_one("#tests-table").focus()
        elif name == "problem" and self.layout_name == "narrow":
            self.query_one("#problem-scroll").focus()

    @on(Tabs.TabActivated, "#tabs")
    def tab_activated(self, event: Tabs.TabActivated) -> None:
        if event.tab.id:
            self._activate(event.tab.id.removeprefix("tab-"))

    def _activate(self, name: str) -> None:
        self.active_tab = name
        self.set_screen_classes({f"-tab-{tab}": tab == name for tab in TABS})
        if name in ("code", "tests"):
            self.query_one("#work", ContentSwitcher).current = name

    def set_screen_classes(self, wanted: dict[str, bool]) -> None:
        """Add or remove several screen classes with one restyle. A class change on the screen
        restyles every widget on it (~300), and a tab switch changes two classes."""
        changed = False
        for name, present in wanted.items():
            if present != self.has_class(name):
                (self.add_class if present else self.remove_class)(name, update=False)
                changed = True
        if changed:
            self.update_node_styles()

    @on(TextArea.Changed, "#editor")
    def code_edited(self) -> None:
        if self.autosave_soon is not None:  # debounce: save once typing pauses
            self.autosave_soon.stop()
        self.autosave_soon = self.set_timer(AUTOSAVE_AFTER_TYPING_SECONDS, self.autosave)
        self.track_unsaved()
        started = self.code.modified
        if self.view is not None and started != self.code_started:
            self.code_started = started
            self.query_one(ProtocolPanel).show(self.view, started)

    def action_switch_language(self) -> None:
        """Open the language picker (the palette has one entry per language too)."""
        self.show_tab("code")
        self.code.open_language_picker()

    # the command palette ---------------------------------------------------------------------
    def palette_commands(self) -> Iterator[SystemCommand]:
        yield from super().palette_commands()  # every key of the screen, from the keymap
        for language, label in LANGUAGE_LABELS.items():
            yield SystemCommand(
                f"Language: {label}",
                f"Switch the solution to {label} (asks first when the code would be replaced)",
                lambda language=language: self.code.choose_language(language),
            )
        yield SystemCommand("Undo (ctrl+z)", "Undo the last edit", self.code.editor.action_undo)
        yield SystemCommand("Redo (ctrl+y)", "Redo an undone edit", self.code.editor.action_redo)
        yield SystemCommand(
            f"Toggle comment ({shown('toggle_comment')})",
            "Comment or uncomment the selected lines",
            self.code.editor.action_toggle_comment,
        )
        yield SystemCommand(
            f"Edit in $VISUAL/$EDITOR ({shown('external_editor')})",
            "Open the code in your own editor; its content comes back when it exits",
            self.code.action_external_editor,
        )
        yield SystemCommand(
            "Request feedback again", "Queue a new feedback job", self.request_feedback_again
        )
        yield SystemCommand(
            "Keep coding", "Leave 'awaiting feedback' and edit again", self.keep_coding
        )
