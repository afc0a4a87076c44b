"""Entry point of ``coach``. Commands live in small modules; this one wires them and turns every
``CoachError`` into ``Error: <title>: <message>`` on stderr with exit code 1 or 2."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from coach_cli import (
    config_cmd,
    dashboard_cmd,
    doctor,
    drills_cmd,
    export_cmd,
    feedback_cmd,
    goals_cmd,
    history,
    interview_cmd,
    pending,
    problems_cmd,
    run_cmd,
)
from coach_cli.output import print_error

app = typer.Typer(
    name="coach",
    help="Coach: AI mock interviews for software engineers, in your terminal.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
_EXTRA = {"allow_extra_args": True, "ignore_unknown_options": True}


def _version(value: bool) -> None:
    if value:
        from coach_engine import __version__

        typer.echo(f"coach {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Coach: AI mock interviews for software engineers, in your terminal."""


@app.command(context_settings=_EXTRA)
def serve(ctx: typer.Context) -> None:
    """Serve the engine over WebSocket for a team [--host] [--port]."""
    pending.not_landed("serve")


app.command("interview")(interview_cmd.interview)
app.command("run")(run_cmd.run)
app.command("feedback")(feedback_cmd.feedback)
app.command("history")(history.history)
app.command("show")(history.show)
app.command("delete")(history.delete)
app.command("doctor")(doctor.doctor)
app.add_typer(problems_cmd.app, name="problems")
app.add_typer(config_cmd.app, name="config")
app.add_typer(drills_cmd.app, name="drills")
app.add_typer(goals_cmd.app, name="goals")
app.command("dashboard")(dashboard_cmd.dashboard)
app.command("export")(export_cmd.export)


def run() -> None:
    """Console-script entry point: no traceback ever reaches a person."""
    from coach_engine.errors import CoachError

    try:
        app(standalone_mode=True)
    except CoachError as exc:
        print_error(exc.title, exc.message)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.stderr.write("Interrupted.\n")
        sys.exit(130)
    except Exception as exc:  # the machine (full disk, damaged db) or a bug
        from coach_engine.system_errors import to_coach_error

        known = to_coach_error(exc)
        if known is not None:
            print_error(known.title, known.message)
            sys.exit(known.exit_code)
        if os.environ.get("COACH_DEBUG"):
            raise
        print_error(
            "Internal error",
            f"{type(exc).__name__}: {exc} — this is a bug; rerun with COACH_DEBUG=1 for details",
        )
        sys.exit(1)


if __name__ == "__main__":
    run()
