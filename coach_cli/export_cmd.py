"""``coach export``: interview packets (session, problem, transcript, code, runs, notes,
feedback, drills) as markdown or JSON, to stdout or a file."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Annotated

import typer

from coach_cli.output import err_console
from coach_cli.remote_access import ServerOpt, with_remote


def export(
    session: Annotated[
        str | None, typer.Argument(help="Session id or a unique prefix of it.")
    ] = None,
    all_: Annotated[bool, typer.Option("--all", help="Export every session.")] = False,
    fmt: Annotated[str, typer.Option("--format", help="md or json.")] = "md",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file instead of stdout."),
    ] = None,
    server: ServerOpt = None,
) -> None:
    """Export one session (or --all) as a self-contained interview packet."""
    from coach_engine.api import (
        FORMATS,
        Engine,
        ValidationError,
        export_packet,
        render_packet,
        save_packet,
    )

    if fmt not in FORMATS:
        raise ValidationError(f"unknown format {fmt!r}; use md or json", title="Invalid format")
    if server is not None:
        packet = with_remote(server, lambda remote: remote.export_packet(session, all_=all_))
        text = render_packet(packet, fmt)
    else:
        with Engine.open() as engine:
            packet = asyncio.run(export_packet(engine, session, all_=all_))
            text = render_packet(packet, fmt)
    if output is None:
        sys.stdout.write(text)
        return
    save_packet(output, text)  # private (0600): a packet holds the transcript and code
    err_console.print(
        f"Exported {len(packet.sessions)} session(s) to {output}.", markup=False, highlight=False
    )
