"""``coach export``: interview packets (session, problem, transcript, code, runs, notes,
feedback, drills) as markdown or JSON, to stdout or a file."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Annotated

import typer

from coach_cli.output import err_console


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
) -> None:
    """Export one session (or --all) as a self-contained interview packet."""
    from coach_engine.engine import Engine
    from coach_engine.errors import ValidationError
    from coach_engine.export import FORMATS, export_packet, render

    if fmt not in FORMATS:
        raise ValidationError(f"unknown format {fmt!r}; use md or json", title="Invalid format")
    with Engine.open() as engine:
        packet = asyncio.run(export_packet(engine, session, all_=all_))
        text = render(packet, fmt)
    if output is None:
        sys.stdout.write(text)
        return
    from coach_engine import locations

    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        # a packet holds the transcript and code: private (0600) wherever it is written
        locations.write_private(output, text)
    except OSError as exc:
        from coach_engine.system_errors import from_os_error

        exc.filename = str(output)  # not the temporary file next to it
        known = from_os_error(exc)
        if known is not None:
            raise known from None
        raise ValidationError(
            f"cannot write {output}: {exc.strerror}; nothing was written — choose a writable "
            "place with free space",
            title="Cannot write",
        ) from None
    err_console.print(
        f"Exported {len(packet.sessions)} session(s) to {output}.", markup=False, highlight=False
    )
