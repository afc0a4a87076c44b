"""The help screen (``?`` / f1): every key of the screen underneath and the global ones, grouped,
read from the bindings that are really there (the screen's, its widgets', the app's), so it can
never list a key that does not work or miss one that does."""

from __future__ import annotations

from collections.abc import Iterable

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static, TextArea

from coach_tui.keymap import SCOPE_TITLES, TEXT_KEYS, Key, bindings, key_of

TEXT_GROUP = "Editing text"


def declared_bindings(node: DOMNode) -> Iterable[Binding]:
    """The bindings ``node``'s classes declare (what Textual merges into its keymap)."""
    for cls in reversed(type(node).__mro__):
        for binding in cls.__dict__.get("BINDINGS", ()):
            if isinstance(binding, Binding):
                yield binding


def screen_keys(app: App[object], screen: Screen[object]) -> dict[str, list[Key]]:
    """The keymap entries active on ``screen`` by help group (scope title): the screen's own
    first, then its widgets' (in layout order), the global ones last; each action once."""
    found: dict[str, dict[str, Key]] = {}
    for node in (screen, *screen.walk_children(), app):
        for binding in declared_bindings(node):
            entry = key_of(binding)
            if entry is not None:
                scope, key = entry
                found.setdefault(scope, {}).setdefault(key.name, key)
    return {SCOPE_TITLES.get(scope, scope): list(keys.values()) for scope, keys in found.items()}


def keys_table(groups: dict[str, list[Key]], text_keys: bool) -> Table:
    table = Table(box=None, show_header=False, padding=(0, 1), expand=True)
    table.add_column("key", max_width=18, style="bold")
    table.add_column("action", no_wrap=True)
    table.add_column("what it does", ratio=1)
    for title, keys in groups.items():
        table.add_row(Text(title, style="bold underline"), "", "")
        for key in keys:
            table.add_row(key.all_keys, key.label, key.help)
        table.add_row("", "", "")
    if text_keys:
        table.add_row(Text(TEXT_GROUP, style="bold underline"), "", "")
        for pressed, what in TEXT_KEYS:
            table.add_row(pressed, "", what)
    return table


class HelpScreen(ModalScreen[None]):
    """Keys of the screen it was opened on; esc (or ``?``/f1 again) closes it."""

    BINDINGS = bindings("help")

    def __init__(self, under: Screen[object]) -> None:
        super().__init__(classes="modal -help")
        self.under = under
        self.groups = screen_keys(under.app, under)
        self.has_text = bool(under.query(TextArea))

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -help"):
            yield Label("Keys", classes="dialog-title")
            with VerticalScroll(id="help-keys"):
                yield Static(keys_table(self.groups, self.has_text), id="help-table")
            yield Label(
                "esc closes · ctrl+p searches every command", classes="dialog-hint", markup=False
            )

    def on_mount(self) -> None:
        self.query_one("#help-keys").focus()

    def action_back(self) -> None:
        self.dismiss(None)

    def action_help(self) -> None:
        self.dismiss(None)

    @property
    def titles(self) -> list[str]:
        """The group headings shown (for tests and the palette)."""
        return list(self.groups) + ([TEXT_GROUP] if self.has_text else [])
