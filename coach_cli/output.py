"""Shared output helpers: JSON for scripts, errors as one title line plus a hint on stderr."""

from __future__ import annotations

import json
import sys
from typing import Any

from rich.console import Console

console = Console()
err_console = Console(stderr=True)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, default=str, ensure_ascii=False) + "\n")


def print_error(title: str, message: str) -> None:
    # Plain text on purpose: one line a script can grep, no markup interpretation of user input.
    sys.stderr.write(f"Error: {title}: {message}\n")
