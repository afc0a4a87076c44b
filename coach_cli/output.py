"""Shared output helpers: JSON for scripts, errors as one title line plus a hint on stderr.

Everything a person reads is escaped (the engine's ``escape_controls``): importing this module makes
rich escape control characters in every Text it builds (so ``console`` tables and text are
safe before layout), and ``echo``/``print_error`` escape plain writes. JSON stays JSON.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any

import rich.control
from rich.console import Console

from coach_engine.api import escape_controls, escape_json_c1, install_control_escapes

# rich strips only BEL, BS, VT, FF and CR from text and lets ESC through; make it escape all
install_control_escapes(rich.control._CONTROL_STRIP_TRANSLATE)
console = Console()
err_console = Console(stderr=True)


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
