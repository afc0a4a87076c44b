"""``docs/KEYS.md`` from the keymap, so the documented keys are the bound ones.

``python -m coach_tui.keys_doc`` prints it, ``--write`` rewrites the file and ``--check`` fails
when it is stale (``tests/tui/test_keys_doc.py`` runs the check).
"""

from __future__ import annotations

import sys
from pathlib import Path

from coach_tui.keymap import GLOBAL, KEYMAP, SCOPE_TITLES, TEXT_KEYS, Key

DOC = Path(__file__).resolve().parent.parent / "docs" / "KEYS.md"

INTRO = """\
# Coach keys (the TUI)

Generated from `coach_tui/keymap.py` by `python -m coach_tui.keys_doc --write`; a test fails when
it is stale. One keymap: a key means the same thing on every screen. `f1` (or `?` where no text
box has focus) shows the keys of the screen you are on; `ctrl+p` searches every command (actions,
one entry per language, modes, theme). The footer shows the essential keys and always `? Help`
and `^q Quit` at 80 columns; help lists the rest.
"""

OUTRO = """\
Over SSH and in tmux every key above reaches the app: Textual turns off XON/XOFF flow control, so
`ctrl+s`/`ctrl+q` are keys, and no key is `ctrl+i`/`ctrl+m`/`ctrl+h` (Tab/Enter/Backspace) or
tmux's prefix `ctrl+b`. `alt+i` needs a terminal that sends Alt as Escape (macOS Terminal: "Use
Option as Meta key"); the command palette reaches every action too. Single letters act only where
no text box has focus. Some desktop terminals take F10/F11 for themselves (GNOME Terminal's menu
key); the palette's entries are the fallback.
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def render() -> str:
    """The whole document: one table per scope (the scope an action is listed under first)."""
    order = [GLOBAL, *(scope for scope in SCOPE_TITLES if scope != GLOBAL)]
    groups: dict[str, list[Key]] = {scope: [] for scope in order}
    for key in KEYMAP.values():
        first = key.scopes.split()[0]
        groups.setdefault(first, []).append(key)
    parts = [INTRO]
    for scope, keys in groups.items():
        if not keys:
            continue
        rows = ["| key | action | where | what it does |", "|---|---|---|---|"]
        for key in keys:
            where = ", ".join(SCOPE_TITLES.get(s, s) for s in key.scopes.split())
            rows.append(
                f"| `{_cell(key.all_keys)}` | {_cell(key.label)} | {where} | {_cell(key.help)} |"
            )
        parts.append(f"**{SCOPE_TITLES.get(scope, scope)}**\n\n" + "\n".join(rows) + "\n")
    text = ["| key | what it does |", "|---|---|"]
    text += [f"| `{_cell(keys)}` | {_cell(what)} |" for keys, what in TEXT_KEYS]
    parts.append("**Editing text** (Textual's own keys)\n\n" + "\n".join(text) + "\n")
    parts.append(OUTRO)
    return "\n".join(parts)


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        if not DOC.is_file() or DOC.read_text(encoding="utf-8") != text:
            print(f"{DOC} is stale: run python -m coach_tui.keys_doc --write", file=sys.stderr)
            return 1
        return 0
    if "--write" in argv:
        DOC.write_text(text, encoding="utf-8")
        return 0
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
