"""Commands whose issue has not landed yet: they say so plainly and exit 2, never pretend."""

from __future__ import annotations

import sys

import typer

NOT_YET = {
    "interview": "the Textual interview (issue #7)",
    "serve": "server mode (a later issue)",
}


def not_landed(command: str) -> None:
    sys.stderr.write(
        f"Error: not available yet: `coach {command}` arrives with {NOT_YET[command]}, which has "
        "not landed. Available now: coach problems, coach run, coach history, coach doctor, "
        "coach config.\n"
    )
    raise typer.Exit(2)
