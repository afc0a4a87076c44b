"""The one escaping of control characters in text shown to a person.

A candidate's program output, a compiler message, a model's reply or a problem pack can carry
terminal control sequences: OSC 52 writes the clipboard, OSC 0 the window title, ``ESC [2J``
clears the screen. Printed as they are, the terminal obeys them. ``escape_controls`` makes every
such character visible instead (``ESC`` → ``\\x1b``): C0 controls except newline and tab, DEL,
C1 controls, and the Unicode bidi overrides and line separators that reorder or split what is
shown. A lone carriage return is shown (``\\r``) so it cannot overwrite a line; CRLF line ends
become newlines.

Every human-readable output uses it: the CLI (``coach_cli.output``) and the TUI
(``coach_tui.escaping``) install ``CONTROL_ESCAPES`` into rich's and Textual's text sanitizers,
so every Text and Content they build — tables, markdown, chat, notifications — is escaped before
layout; plain writes and the markdown export call ``escape_controls``. JSON output is left to
the JSON encoder (plus ``escape_json_c1``): it stays data.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

_C0 = [c for c in range(0x20) if c not in (0x09, 0x0A)]  # keep tab and newline
_C1 = list(range(0x7F, 0xA0))  # DEL and the 8-bit controls (0x9B is CSI to many terminals)
_UNICODE = [0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]

CONTROL_ESCAPES: dict[int, str] = {
    **{c: "\\r" if c == 0x0D else f"\\x{c:02x}" for c in _C0},
    **{c: f"\\x{c:02x}" for c in _C1},
    **{c: f"\\u{c:04x}" for c in _UNICODE},
}
"""Code point → the visible text that replaces it."""


def escape_controls(text: str) -> str:
    """``text`` with every control character replaced by a visible escape (see the module)."""
    if text.isprintable():  # the common case: nothing to do (newlines and tabs are not)
        return text
    return text.replace("\r\n", "\n").translate(CONTROL_ESCAPES)


def escape_json_c1(encoded: str) -> str:
    """JSON text with DEL and C1 controls written as ``\\u`` escapes. ``json.dumps`` with
    ``ensure_ascii=False`` escapes only C0; the result decodes to exactly the same data."""
    return encoded.translate({c: f"\\u{c:04x}" for c in _C1})


def install(table: MutableMapping[int, Any]) -> None:
    """Make a library's control-stripping translate table escape instead (in place: the
    libraries bind the table as a default argument)."""
    table.update(CONTROL_ESCAPES)


install_control_escapes = install
"""``install`` under the name ``coach_engine.api`` publishes (front ends call it at start-up)."""
