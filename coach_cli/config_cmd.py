"""``coach config get|set|path|list``."""

from __future__ import annotations

from typing import Annotated

import typer

from coach_cli.output import echo, print_json

app = typer.Typer(help="Read and change settings in config.toml.", no_args_is_help=True)


@app.command("path")
def path() -> None:
    """Print where config.toml lives."""
    from coach_engine import locations

    echo(str(locations.config_path()))


@app.command("get")
def get(key: Annotated[str, typer.Argument(help="Dotted key, e.g. provider.name")]) -> None:
    """Print the effective value of a setting (environment overrides included)."""
    from coach_engine import config

    value = config.get(key)
    echo(str(value).lower() if isinstance(value, bool) else str(value))


@app.command("set")
def set_(
    key: Annotated[str, typer.Argument(help="Dotted key, e.g. provider.name")],
    value: Annotated[str, typer.Argument(help="New value")],
) -> None:
    """Validate and store a setting in config.toml (comments in the file are kept)."""
    from coach_engine import config, locations

    locations.ensure_home()  # created, or made private again, before a key is written
    stored = config.set_value(key, value)
    shown = "**********" if key.startswith("keys.") else stored
    echo(f"Set {key} = {shown}")


@app.command("list")
def list_(json_: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Print every setting with its effective value."""
    from coach_engine import config

    cfg = config.load()
    values = {key: config.get(key, cfg) for key in config.keys()}
    if json_:
        print_json(values)
        return
    for key, value in values.items():
        echo(f"{key} = {value}")
