"""The one keymap of the app: every action's key, label and help text, defined once.

Every screen's and widget's ``BINDINGS`` come from :func:`bindings`, so a key means the same thing
everywhere (``ctrl+s`` saves, ``ctrl+t`` submits, ``escape`` goes back, in every screen that has
the action). Adding an action is one :class:`Key` line in ``KEYMAP`` naming the scopes that have
it; the screen or widget of that scope then needs only its ``action_<name>`` method.

Keys are chosen to reach the app in common terminals, over SSH and inside tmux: function keys,
and ctrl+letters that are not Tab/Enter/Backspace in disguise (ctrl+i, ctrl+m, ctrl+h), not the
tmux prefix (ctrl+b) and not taken by the editor (TextArea: ctrl+a/e/k/u/w/x/c/v/z/y/d).
Textual turns off XON/XOFF flow control (IXON) while it runs, so ctrl+s and ctrl+q arrive as keys.
Single letters only act where no text is typed (lists, reports, dialogs).

``tests/tui/test_keys.py`` checks that no key means two things across screens.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from typing import Final

from textual.app import SystemCommand
from textual.binding import Binding, BindingType
from textual.widget import Widget

GLOBAL: Final = "app"
"""The scope of app-wide keys (``CoachApp.BINDINGS``)."""

SCOPE_TITLES: Final[dict[str, str]] = {
    "home": "Home",
    "search": "Search box",
    "interview": "Interview",
    "code": "Code panel",
    "editor": "Code editor",
    "tests": "Test results",
    "feedback": "Feedback",
    "summary": "Summary",
    "drills": "Drills",
    "dashboard": "Dashboard",
    "dialog": "Dialogs",
    "confirm": "Confirm dialog",
    "note": "Note dialog",
    "testcase": "Custom input dialog",
    "help": "Help",
    GLOBAL: "Everywhere",
}
"""Help-screen headings of the scopes, in the order the help screen lists them (the screen's
own keys first, the global ones last)."""


@dataclass(frozen=True)
class Key:
    """One action's key binding.

    ``keys`` is Textual's comma-separated key list (the first is the one shown); ``action`` the
    Textual action string (defaults to ``name``); ``scopes`` the space-separated scopes where
    the binding is active (a screen or widget names its scope when it calls :func:`bindings`);
    ``footer`` whether the footer shows it (the footer fits 80 columns only with a few: the rest
    are in the help screen and the command palette); ``priority`` lets the key win over the
    focused widget's own use of it; ``display`` is the footer's text for the key.
    """

    name: str
    keys: str
    label: str
    help: str
    scopes: str
    footer: bool = False
    priority: bool = False
    display: str | None = None
    action: str = ""

    @property
    def action_string(self) -> str:
        return self.action or self.name

    @property
    def shown_key(self) -> str:
        """The first key as help and palette entries print it (``ctrl+r``, ``f2``, ``?``)."""
        return readable(self.keys.split(",")[0])

    @property
    def all_keys(self) -> str:
        """Every key of the action, as the help screen prints them (``f1 / ?``)."""
        shown = dict.fromkeys(readable(key) for key in self.keys.split(","))
        return " / ".join(shown)

    def binding(self, scope: str) -> Binding:
        return Binding(
            self.keys,
            self.action_string,
            self.label,
            show=self.footer,
            key_display=self.display,
            priority=self.priority,
            tooltip=self.help,
            id=f"coach.{scope}.{self.name}",
        )


_I = "interview"
# fmt: off
_KEYS: Final[tuple[Key, ...]] = (
    # everywhere --------------------------------------------------------------------------------
    Key("help", "f1,question_mark", "Help", "All keys of this screen and the global ones (again: close)", "app help", footer=True, display="?"),  # noqa: E501
    Key("quit", "ctrl+q", "Quit", "Quit Coach; an open interview is saved, paused and can be resumed", GLOBAL, footer=True, priority=True),  # noqa: E501
    Key("command_palette", "ctrl+p", "Commands", "Search every command: actions, languages, modes, theme", GLOBAL, priority=True),  # noqa: E501
    # Priority: a mode switch wins over an editor's own f5/f6 (TextArea: f6 selects a line).
    Key("drills_mode", "f5", "Drills", "Drills mode: the due-drill queue", GLOBAL, priority=True, action="switch_mode('drills')"),  # noqa: E501
    Key("dashboard_mode", "f6", "Dashboard", "Dashboard mode: scores, streak, skills and goals", GLOBAL, priority=True, action="switch_mode('dashboard')"),  # noqa: E501
    Key("back", "escape", "Back", "Back, close or cancel: leave this screen, dialog or search (a search box clears first)", "feedback summary drills dashboard dialog help search", footer=True),  # noqa: E501
    # working on code (interview, drills) -------------------------------------------------------
    Key("run", "ctrl+r,ctrl+enter", "Run", "Run the visible tests (saves the code); in the custom input dialog, run on its input", "interview testcase", footer=True),  # noqa: E501
    # alt+i: every ctrl+letter is taken by the editor, the terminal or another action
    Key("custom_input", "alt+i", "Test input", "Run your code on an input you type, beside the reference solution's output", _I),  # noqa: E501  not in the footer: with a menu open it pushed ? Help off 80 columns
    Key("submit", "ctrl+t", "Submit", "Submit: all tests, hidden ones too, then feedback or a grade", "interview drills", footer=True),  # noqa: E501
    Key("hint", "ctrl+g", "Hint", "Ask for the next hint (costs a little score)", "interview drills", footer=True),  # noqa: E501
    Key("save", "ctrl+s", "Save", "Save now (the code also autosaves as you type)", "interview note", priority=False),  # noqa: E501
    Key("switch_language", "ctrl+l", "Language", "Switch the solution's language (opens the picker)", _I),  # noqa: E501
    Key("note", "ctrl+n", "Note", "Write a private note about this interview", _I),
    Key("reveal", "ctrl+right_square_bracket", "Reveal", "Reveal another failing hidden test step by step (costs score)", _I, display="^]"),  # noqa: E501
    Key("submissions", "l", "Submissions", "List every submission (verdict, tests, time, language); open one to read its code", _I),  # noqa: E501
    Key("copy_code", "ctrl+o", "Code→editor", "Copy the chat's last code block into the editor", _I),  # noqa: E501
    Key("view_feedback", "ctrl+f", "Feedback", "Open the feedback report", "interview summary"),  # noqa: E501
    Key("show_chat", "f8", "Chat", "Show the chat and type to the interviewer", _I, action="show_tab('chat')"),  # noqa: E501
    Key("show_code", "f2", "Code", "Show the code editor", _I, action="show_tab('code')"),
    Key("show_tests", "f3", "Tests", "Show the test results", _I, action="show_tab('tests')"),
    Key("show_problem", "f4", "Problem", "Show the problem (narrow terminals)", _I, action="show_tab('problem')"),  # noqa: E501
    Key("home", "f9", "Home", "Pause the interview and go back to the home screen", _I),
    Key("end", "f10", "End", "End the interview and see its summary", "interview feedback"),  # noqa: E501
    Key("external_editor", "f12,ctrl+backslash", "$EDITOR", "Edit the solution in $VISUAL/$EDITOR; its content comes back on exit", "code", footer=True),  # noqa: E501
    Key("toggle_comment", "ctrl+underscore,ctrl+slash", "Comment", "Comment or uncomment the selected lines", "editor", display="^/"),  # noqa: E501
    Key("document_start", "ctrl+home", "Code start", "Move the cursor to the start of the code", "editor"),  # noqa: E501
    Key("document_end", "ctrl+end", "Code end", "Move the cursor to the end of the code", "editor"),  # noqa: E501
    Key("rerun", "t", "Re-run test", "Run the visible tests again and jump to the highlighted test", "tests"),  # noqa: E501
    # home, feedback, drills, dashboard ---------------------------------------------------------
    Key("start", "s", "Start", "Interview on the highlighted problem", "home", footer=True),
    Key("random", "r", "Random", "Interview on a random problem (of the filters' choice)", "home", footer=True),  # noqa: E501
    Key("search", "slash", "Search", "Type to filter the problems by title, slug or tag", "home", footer=True, display="/"),  # noqa: E501
    Key("sort", "o", "Sort", "Sort by difficulty, acceptance or last attempted", "home"),
    Key("results", "down,enter", "Results", "From the search box to the matching problems", "search"),  # noqa: E501
    Key("drills", "g", "Generate drills", "Drills from this feedback's weak points", "feedback", footer=True),  # noqa: E501
    Key("skip", "ctrl+@,ctrl+space", "Skip", "Skip the open drill (it leaves the queue)", "drills", footer=True, display="^space"),  # noqa: E501
    Key("toggle_all", "a", "Due/all", "Show the due drills or all open ones (the list has focus)", "drills"),  # noqa: E501
    Key("refresh", "u", "Update", "Compute the figures again", "dashboard", footer=True),
    # dialogs -----------------------------------------------------------------------------------
    Key("yes", "y", "Yes", "Confirm", "confirm", action="answer(True)"),
    Key("no", "n", "No", "Cancel", "confirm", action="answer(False)"),
)
# fmt: on

TEXT_KEYS: Final[tuple[tuple[str, str], ...]] = (
    ("ctrl+z / ctrl+y", "Undo / redo"),
    ("f7 / f6", "Select all / select the line"),
    ("ctrl+x / ctrl+c / ctrl+v", "Cut / copy / paste"),
    ("tab / shift+tab", "Indent / dedent (code); next / previous field (chat)"),
    ("alt+enter / ctrl+j", "New line in the chat (enter sends)"),
)
"""Textual's own editing keys, listed by the help screen when the screen has a text area."""

KEYMAP: Final[dict[str, Key]] = {key.name: key for key in _KEYS}
"""Every key of the app by action name."""


def bindings(scope: str) -> list[BindingType]:
    """The ``BINDINGS`` of ``scope``: every keymap entry that names it, in keymap order."""
    return [key.binding(scope) for key in _KEYS if scope in key.scopes.split()]


READABLE: Final[dict[str, str]] = {
    "question_mark": "?",
    "escape": "esc",
    "ctrl+right_square_bracket": "ctrl+]",
    "ctrl+@": "ctrl+space",  # what most terminals send for it (kitty's protocol: ctrl+space)
    "ctrl+underscore": "ctrl+/",
    "ctrl+slash": "ctrl+/",
    "ctrl+backslash": "ctrl+\\",
    "slash": "/",
}
"""Textual key names that read better as the character a person presses."""


def readable(key: str) -> str:
    return READABLE.get(key, key)


def key_of(binding: Binding) -> tuple[str, Key] | None:
    """The scope and keymap entry a binding was made from (None for Textual's own bindings)."""
    if binding.id and binding.id.startswith("coach."):
        scope, _, name = binding.id.removeprefix("coach.").partition(".")
        key = KEYMAP.get(name)
        if key is not None:
            return scope, key
    return None


def palette_commands(node: Widget) -> Iterator[SystemCommand]:
    """Command palette entries for ``node``'s keymap bindings: "Submit (ctrl+t)" and its help."""
    for binding in node.BINDINGS:
        entry = key_of(binding) if isinstance(binding, Binding) else None
        if entry is not None:
            key = entry[1]
            yield SystemCommand(
                f"{key.label} ({key.shown_key})",
                key.help,
                partial(node.run_action, key.action_string),
            )


def shown(name: str) -> str:
    """The key of action ``name`` as printed in labels: ``shown("run") == "ctrl+r"``."""
    return KEYMAP[name].shown_key
