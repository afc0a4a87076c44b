"""``coach doctor``: what works here — Python, data, database, toolchains, isolation, providers.

The checks are the engine's (``health_checks``); this module prints them."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from coach_cli.output import console, print_json


def collect() -> list[dict[str, Any]]:
    """Run every check; essential failures make doctor exit 1."""
    from coach_engine.api import health_checks

    return health_checks()


def doctor(json_: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Report what works on this machine; exit 1 if something essential does not."""
    checks = collect()
    failed = [c for c in checks if c["essential"] and not c["ok"]]
    if json_:
        print_json({"ok": not failed, "checks": checks})
    else:
        for c in checks:
            mark = "[green]✓[/]" if c["ok"] else ("[red]✗[/]" if c["essential"] else "[yellow]![/]")
            console.print(f"{mark} [bold]{c['name']}[/]: {c['detail']}", highlight=False)
    if failed:
        raise typer.Exit(1)
