"""``coach config get|set|show|list|path``.

Every setting is ``section.name`` (``coach config show`` lists them with their values and where
each comes from); each can also be set by the environment variable ``COACH_<SECTION>__<NAME>``
(``coach_engine.config``). API keys are always shown masked.
"""

from __future__ import annotations

from typing import Annotated

import typer

from coach_cli.output import echo, print_json

app = typer.Typer(
    help="Read and change settings: config.toml, then COACH_<SECTION>__<NAME> variables.",
    no_args_is_help=True,
)


def _shown(value: object) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


@app.command("path")
def path() -> None:
    """Print where config.toml lives."""
    from coach_engine.api import config_path

    echo(str(config_path()))


@app.command("get")
def get(key: Annotated[str, typer.Argument(help="Dotted key, e.g. provider.name")]) -> None:
    """Print the effective value of a setting (environment overrides included)."""
    from coach_engine.api import get_setting

    echo(_shown(get_setting(key)))


# a value may start with "-" (a negative number is refused by the schema, not taken for an option)
@app.command("set", context_settings={"ignore_unknown_options": True})
def set_(
    key: Annotated[str, typer.Argument(help="Dotted key, e.g. provider.name")],
    value: Annotated[str, typer.Argument(help="New value (checked against the setting's schema)")],
) -> None:
    """Validate and store a setting in config.toml (comments in the file are kept)."""
    from coach_engine.api import describe_settings, set_setting

    stored = set_setting(key, value)  # validated against the schema; nothing written if bad
    shown = "**********" if key.startswith("keys.") else _shown(stored)
    echo(f"Set {key} = {shown}")
    overriding = next(s.source for s in describe_settings() if s.key == key)
    if overriding not in ("config.toml", "default"):
        echo(f"Note: {overriding} is set and overrides config.toml for {key}", err=True)


@app.command("show")
def show(json_: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Print every setting: its effective value (keys masked), where it comes from (default,
    config.toml or an environment variable), its variable and what it accepts."""
    from coach_engine.api import describe_settings

    rows = describe_settings()
    if json_:
        print_json([r.model_dump(mode="json") for r in rows])
        return
    width = max(len(r.key) for r in rows)
    for r in rows:
        echo(
            f"{r.key:<{width}} = {_shown(r.value)}  "
            f"(from {r.source}; variable {r.env[0]}; {r.allowed})"
        )


@app.command("list")
def list_(json_: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Print every setting with its effective value (keys masked)."""
    from coach_engine.api import list_settings

    values = list_settings()
    if json_:
        print_json(values)
        return
    for key, value in values.items():
        echo(f"{key} = {_shown(value)}")
