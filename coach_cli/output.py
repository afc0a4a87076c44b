"""Shared output helpers: JSON for scripts, errors as one title line plus a hint on stderr.

Everything a person reads is escaped (the engine's ``escape_controls``): the first use of
``console`` or ``err_console`` makes rich escape control characters in every Text it builds (so
tables and text are safe before layout), and ``echo``/``print_error`` escape plain writes. JSON
stays JSON.

rich is imported on that first use, not with this module: a command that prints JSON or plain
lines (``coach history --json``, every error) does not pay for it (start-up, issue 13 item 8).
"""

from __future__ import annotations

import json
import re
import sys
from typing import TYPE_CHECKING, Any, cast

from coach_engine.api import escape_controls, escape_json_c1, install_control_escapes

if TYPE_CHECKING:
    from rich.console import Console


def _rich_console(stderr: bool) -> Console:
    import rich.control
    from rich.console import Console

    # rich strips only BEL, BS, VT, FF and CR from text and lets ESC through; make it escape
    # all. Installed before the Console exists, so before any Text it renders is built.
    install_control_escapes(rich.control._CONTROL_STRIP_TRANSLATE)
    return Console(stderr=stderr)


class _LazyConsole:
    """A rich Console made on first attribute access (``console.print(...)`` evaluates
    ``console.print`` before its arguments, so the escapes are in place before any Text)."""

    def __init__(self, stderr: bool) -> None:
        self._stderr = stderr
        self._console: Console | None = None

    def __getattr__(self, name: str) -> Any:
        if self._console is None:
            self._console = _rich_console(self._stderr)
        return getattr(self._console, name)


console = cast("Console", _LazyConsole(stderr=False))
err_console = cast("Console", _LazyConsole(stderr=True))


def reset_consoles() -> None:
    """Forget both consoles, so the next use builds them from the streams and COLUMNS of that
    moment (a test running `coach` in process, one command after another)."""
    for lazy in (console, err_console):
        cast(_LazyConsole, lazy)._console = None


def print_json(data: Any) -> None:
    text = json.dumps(data, indent=2, default=str, ensure_ascii=False)
    sys.stdout.write(escape_json_c1(text) + "\n")


def echo(text: str, *, err: bool = False) -> None:
    """One line of plain text, control characters escaped."""
    (sys.stderr if err else sys.stdout).write(escape_controls(text) + "\n")


def print_error(title: str, message: str) -> None:
    # Plain text on purpose: one line a script can grep, no markup interpretation of user input.
    sys.stderr.write(f"Error: {escape_controls(title)}: {_readable(escape_controls(message))}\n")


def _readable(message: str, longest: int = 200) -> str:
    """An input quoted in full (a 100,000-character id or path) is cut to its start."""
    return re.sub(
        rf"\S{{{longest},}}", lambda m: f"{m[0][: longest // 2]}…({len(m[0])} chars)", message
    )
