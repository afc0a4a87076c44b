"""Commands whose issue has not landed yet: they say so plainly and exit 2, never pretend."""

from __future__ import annotations

import sys

import typer

NOT_YET = {
    "serve": "server mode (a later issue)",
}


def not_landed(command: str) -> None:
    sys.stderr.write(
        f"Error: not available yet: `coach {command}` arrives with {NOT_YET[command]}, which has "
        "not landed. Everything else is available: `coach --help` lists it.\n"
    )
    raise typer.Exit(2)


def serve(ctx: typer.Context) -> None:
    """Serve the engine over WebSocket for a team [--host] [--port]."""
    not_landed("serve")
