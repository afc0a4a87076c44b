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
    from coach_engine import locations

    echo(str(locations.config_path()))


@app.command("get")
def get(key: Annotated[str, typer.Argument(help="Dotted key, e.g. provider.name")]) -> None:
    """Print the effective value of a setting (environment overrides included)."""
    from coach_engine import config

    echo(_shown(config.get(key)))


# a value may start with "-" (a negative number is refused by the schema, not taken for an option)
@app.command("set", context_settings={"ignore_unknown_options": True})
def set_(
    key: Annotated[str, typer.Argument(help="Dotted key, e.g. provider.name")],
    value: Annotated[str, typer.Argument(help="New value (checked against the setting's schema)")],
) -> None:
    """Validate and store a setting in config.toml (comments in the file are kept)."""
    from coach_engine import config, locations

    config.field(key)  # an unknown key is named before the data directory is touched
    locations.ensure_home()  # created, or made private again, before a key is written
    stored = config.set_value(key, value)
    shown = "**********" if key.startswith("keys.") else _shown(stored)
    echo(f"Set {key} = {shown}")
    overriding = config.source(key)
    if overriding not in ("config.toml", "default"):
        echo(f"Note: {overriding} is set and overrides config.toml for {key}", err=True)


def _rows() -> list[dict[str, object]]:
    from coach_engine import config

    cfg = config.load()
    return [
        {
            "key": key,
            "value": config.get(key, cfg),
            "source": config.source(key),
            "env": config.env_names(key)[0],
            "allowed": config.allowed(key),
        }
        for key in config.keys()
    ]


@app.command("show")
def show(json_: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Print every setting: its effective value (keys masked), where it comes from (default,
    config.toml or an environment variable), its variable and what it accepts."""
    rows = _rows()
    if json_:
        print_json(rows)
        return
    width = max(len(str(r["key"])) for r in rows)
    for r in rows:
        echo(
            f"{str(r['key']):<{width}} = {_shown(r['value'])}  "
            f"(from {r['source']}; variable {r['env']}; {r['allowed']})"
        )


@app.command("list")
def list_(json_: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Print every setting with its effective value (keys masked)."""
    values = {str(r["key"]): r["value"] for r in _rows()}
    if json_:
        print_json(values)
        return
    for key, value in values.items():
        echo(f"{key} = {_shown(value)}")
