"""Entry point of ``coach``. Commands live in small modules; this one wires them and turns every
``CoachError`` into ``Error: <title>: <message>`` on stderr with exit code 1 or 2.

Start-up is kept short (issue 13, item 8): ``coach --version`` is answered before typer is
imported, a plain listing (``coach history``, ``coach drills list``, ``coach problems list`` with
their own options) runs without typer at all (``coach_cli.listings``), and each other command's
module is imported only when that command runs (``LazyGroup``). ``coach --help`` loads every
command to show its one-line help. ``bench/cli_startup.py`` measures it.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import typer

# command name -> (module, attribute): a function (one command) or a typer.Typer (a group).
# The order is the order `coach --help` lists them in (as before: commands, then groups).
COMMANDS: dict[str, tuple[str, str]] = {
    "serve": ("coach_cli.serve_cmd", "serve"),
    "login": ("coach_cli.login_cmd", "login"),
    "logout": ("coach_cli.login_cmd", "logout"),
    "interview": ("coach_cli.interview_cmd", "interview"),
    "run": ("coach_cli.run_cmd", "run"),
    "feedback": ("coach_cli.feedback_cmd", "feedback"),
    "history": ("coach_cli.history", "history"),
    "show": ("coach_cli.history", "show"),
    "delete": ("coach_cli.history", "delete"),
    "doctor": ("coach_cli.doctor", "doctor"),
    "dashboard": ("coach_cli.dashboard_cmd", "dashboard"),
    "export": ("coach_cli.export_cmd", "export"),
    "problems": ("coach_cli.problems_cmd", "app"),
    "config": ("coach_cli.config_cmd", "app"),
    "drills": ("coach_cli.drills_cmd", "app"),
    "goals": ("coach_cli.goals_cmd", "app"),
}
_CONTEXT: dict[str, dict[str, Any]] = {}
_SETTINGS: dict[str, Any] = {
    "add_completion": False,
    "pretty_exceptions_enable": False,
    "rich_markup_mode": None,
}


def _load(name: str) -> Any:
    """The click command for ``name``, built from its module the first time it is asked for."""
    import importlib

    import typer
    from typer.main import get_group

    module, attribute = COMMANDS[name]
    target = getattr(importlib.import_module(module), attribute)
    holder = typer.Typer(**_SETTINGS)  # the root's settings, as add_typer/command would give
    if isinstance(target, typer.Typer):
        holder.add_typer(target, name=name)
    else:
        holder.command(name, context_settings=_CONTEXT.get(name))(target)
    holder.callback()(lambda: None)  # a group, so get_group keeps the name
    return get_group(holder).commands[name]


def build_app() -> typer.Typer:
    """The typer app with every command registered lazily."""
    import typer
    from typer.core import TyperGroup

    class LazyGroup(TyperGroup):
        def list_commands(self, ctx: Any) -> list[str]:
            return [*self.commands, *(n for n in COMMANDS if n not in self.commands)]

        def get_command(self, ctx: Any, cmd_name: str) -> Any:
            if cmd_name not in self.commands and cmd_name in COMMANDS:
                self.commands[cmd_name] = _load(cmd_name)
            return self.commands.get(cmd_name)

    app = typer.Typer(
        name="coach",
        help="Coach: AI mock interviews for software engineers, in your terminal.",
        no_args_is_help=True,
        cls=LazyGroup,
        **_SETTINGS,
    )

    def _version(value: bool) -> None:
        if value:
            from coach_engine import __version__

            typer.echo(f"coach {__version__}")
            raise typer.Exit()

    @app.callback()
    def main(
        version: bool = typer.Option(
            False, "--version", callback=_version, is_eager=True, help="Print the version."
        ),
    ) -> None:
        """Coach: AI mock interviews for software engineers, in your terminal."""

    return app


def run() -> None:
    """Console-script entry point: no traceback ever reaches a person."""
    if sys.argv[1:] == ["--version"]:  # answered before typer, pydantic or the engine load
        from coach_engine import __version__

        sys.stdout.write(f"coach {__version__}\n")
        return
    # Coach uses no pydantic plugins; looking for them scans every installed package's entry
    # points (importlib.metadata) on the first model built, ~20 ms of each command's start.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from coach_cli.listings import parse
    from coach_engine.api import CoachError

    # a plain listing (`coach history`, `coach drills list --json`...) runs without typer and
    # click, ~45 ms of an idle start-up; help, errors and every other command go through typer
    listing = parse(sys.argv[1:])
    try:
        if listing is not None:
            try:
                listing()
            except BrokenPipeError:  # `coach history | head -1`: what click does
                sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - flushed at exit, no error
                sys.exit(1)
        else:
            build_app()(standalone_mode=True)
    except CoachError as exc:
        _fail(exc.title, exc.message, exc.exit_code)
    except KeyboardInterrupt:
        sys.stderr.write("Interrupted.\n")
        sys.exit(130)
    except Exception as exc:  # the machine (full disk, damaged db) or a bug
        from coach_engine.api import to_coach_error

        known = to_coach_error(exc)
        if known is not None:
            _fail(known.title, known.message, known.exit_code)
        if os.environ.get("COACH_DEBUG"):
            raise
        _fail(
            "Internal error",
            f"{type(exc).__name__}: {exc} — this is a bug; rerun with COACH_DEBUG=1 for details",
            1,
        )


def _fail(title: str, message: str, code: int) -> None:
    from coach_cli.output import print_error

    print_error(title, message)
    sys.exit(code)


if __name__ == "__main__":
    run()
